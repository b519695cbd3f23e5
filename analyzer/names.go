package analyzer

import "strings"

// canonicalPrefixes maps re-exported or internal module paths to the name users
// import, so rules match one qualified name whatever path the code used.
var canonicalPrefixes = []struct{ from, to string }{
	{"fastapi.params.", "fastapi."},
	{"fastapi.security.oauth2.", "fastapi.security."},
	{"fastapi.security.http.", "fastapi.security."},
	{"fastapi.security.api_key.", "fastapi.security."},
	{"fastapi.security.open_id_connect_url.", "fastapi.security."},
	{"fastapi.param_functions.", "fastapi."},
	{"fastapi.applications.FastAPI", "fastapi.FastAPI"},
	{"fastapi.routing.APIRouter", "fastapi.APIRouter"},
	{"fastapi.exceptions.HTTPException", "fastapi.HTTPException"},
	{"fastapi.background.BackgroundTasks", "fastapi.BackgroundTasks"},
	{"fastapi.datastructures.UploadFile", "fastapi.UploadFile"},
	{"fastapi.requests.Request", "fastapi.Request"},
	{"fastapi.responses.Response", "fastapi.Response"},
	{"starlette.applications.Starlette", "fastapi.FastAPI"},
	{"starlette.responses.", "fastapi.responses."},
	{"starlette.requests.Request", "fastapi.Request"},
	{"starlette.exceptions.HTTPException", "fastapi.HTTPException"},
	{"starlette.background.BackgroundTasks", "fastapi.BackgroundTasks"},
	{"starlette.status.", "fastapi.status."},
	{"starlette.middleware.cors.", "fastapi.middleware.cors."},
	{"starlette.concurrency.", "fastapi.concurrency."},
	{"starlette.testclient.", "fastapi.testclient."},
	{"sqlalchemy.orm.session.Session", "sqlalchemy.orm.Session"},
	{"sqlalchemy.orm.session.sessionmaker", "sqlalchemy.orm.sessionmaker"},
	{"sqlalchemy.ext.asyncio.session.AsyncSession", "sqlalchemy.ext.asyncio.AsyncSession"},
	{"sqlalchemy.ext.asyncio.session.async_sessionmaker", "sqlalchemy.ext.asyncio.async_sessionmaker"},
	{"sqlmodel.orm.session.Session", "sqlmodel.Session"},
	{"sqlmodel.ext.asyncio.session.AsyncSession", "sqlmodel.ext.asyncio.AsyncSession"},
	{"jose.jwt.", "jwt."},
	{"aioredis.", "redis.asyncio."},
}

// Canonical returns the canonical spelling of a qualified name.
func Canonical(q string) string {
	for _, p := range canonicalPrefixes {
		if strings.HasPrefix(q, p.from) {
			return p.to + q[len(p.from):]
		}
		if q == strings.TrimSuffix(p.from, ".") {
			return strings.TrimSuffix(p.to, ".")
		}
	}
	return q
}

// builtins that rules care about; other bare names stay unresolved.
var builtinNames = map[string]bool{
	"open": true, "print": true, "eval": true, "exec": true, "compile": true, "len": true,
	"list": true, "dict": true, "set": true, "tuple": true, "str": true, "int": true,
	"float": true, "bool": true, "bytes": true, "range": true, "sorted": true, "input": true,
	"isinstance": true, "issubclass": true, "callable": true, "vars": true, "id": true, "hash": true, "abs": true, "round": true, "getattr": true, "setattr": true, "hasattr": true, "any": true, "all": true,
	"__import__": true, "repr": true, "format": true, "enumerate": true, "zip": true, "map": true,
	"filter": true, "sum": true, "min": true, "max": true, "next": true, "iter": true, "type": true,
	"object": true, "Exception": true, "BaseException": true, "ValueError": true, "KeyError": true,
	"TypeError": true, "RuntimeError": true, "NotImplementedError": true,
}

// LastPart returns the text after the last dot.
func LastPart(q string) string {
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// ModuleOf returns the text before the last dot.
func ModuleOf(q string) string {
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[:i]
	}
	return ""
}
