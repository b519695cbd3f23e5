package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA304 = register(&analyzer.Rule{
	Code: "FA304", Name: "client-per-request", Principle: analyzer.PrinciplePerformance, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "An HTTP client, database engine or Redis/Mongo client (a connection pool) is created on every request, inside a handler or a dependency.",
	Doc: analyzer.Doc{
		What: "Reports the construction of a connection-pool object — `httpx.AsyncClient()`/`httpx.Client()`, `requests.Session()`, " +
			"`aiohttp.ClientSession()`, `create_engine(...)`/`create_async_engine(...)`, `redis.Redis(...)`/`Redis.from_url(...)` (sync and " +
			"asyncio), `AsyncIOMotorClient(...)`/`MongoClient(...)`, `asyncpg.create_pool(...)`, Elasticsearch clients — inside a path operation " +
			"or inside a dependency: a function (or class) reached through `Depends(...)`/`Security(...)` from any route, router, include or " +
			"other dependency, possibly in another module. `async with httpx.AsyncClient() as client:` inside a handler is reported too: the " +
			"pool still lives for one request only.",
		Why: "These objects own a connection pool. Building one per request throws the pool away after a single use: every request pays " +
			"for DNS, TCP and TLS handshakes (or a database login), keep-alive never helps, and under load the process opens sockets (or " +
			"database connections) faster than they close, up to `Too many open files` or the server's connection limit. An engine created " +
			"per request also leaks its pool unless it is disposed.",
		Example: "@router.get(\"/weather\")\nasync def weather(city: str):\n    async with httpx.AsyncClient() as client:\n" +
			"        r = await client.get(API, params={\"q\": city})\n    return r.json()\n",
		UseInstead: "@asynccontextmanager\nasync def lifespan(app: FastAPI):\n    async with httpx.AsyncClient(timeout=10) as client:\n" +
			"        app.state.http = client\n        yield\n\napp = FastAPI(lifespan=lifespan)\n\n@router.get(\"/weather\")\n" +
			"async def weather(city: str, request: Request):\n    r = await request.app.state.http.get(API, params={\"q\": city})\n    return r.json()\n",
		Limits: "Only the handler's and the dependencies' own bodies are inspected: a client built in a helper or service function that a " +
			"handler calls is not reported (the helper may be called from a script or a lifespan just as well). Clients stored on a global " +
			"(`global client`), an attribute (`app.state.http = ...`, `self.client = ...`) or returned by an `@lru_cache`/`@cache` factory are " +
			"shared and not reported, and so are lifespan and startup functions, which are neither handlers nor dependencies.",
		References: []string{
			"https://www.python-httpx.org/advanced/clients/#why-use-a-client",
			"https://docs.sqlalchemy.org/en/20/core/connections.html#basic-usage",
			"https://fastapi.tiangolo.com/advanced/events/#lifespan",
		},
	},
	CheckModule: checkClientPerRequest,
})

// fa304Constructors are the callables that build a connection pool, by
// canonical qualified name, with the name the message uses.
var fa304Constructors = map[string]string{
	"httpx.AsyncClient":                          "httpx.AsyncClient()",
	"httpx.Client":                               "httpx.Client()",
	"requests.Session":                           "requests.Session()",
	"requests.session":                           "requests.session()",
	"requests.sessions.Session":                  "requests.Session()",
	"aiohttp.ClientSession":                      "aiohttp.ClientSession()",
	"aiohttp.client.ClientSession":               "aiohttp.ClientSession()",
	"sqlalchemy.create_engine":                   "create_engine()",
	"sqlalchemy.engine.create_engine":            "create_engine()",
	"sqlmodel.create_engine":                     "create_engine()",
	"sqlalchemy.ext.asyncio.create_async_engine": "create_async_engine()",
	"redis.Redis":                                "redis.Redis()",
	"redis.StrictRedis":                          "redis.Redis()",
	"redis.client.Redis":                         "redis.Redis()",
	"redis.Redis.from_url":                       "Redis.from_url()",
	"redis.from_url":                             "redis.from_url()",
	"redis.ConnectionPool":                       "redis.ConnectionPool()",
	"redis.asyncio.Redis":                        "redis.asyncio.Redis()",
	"redis.asyncio.StrictRedis":                  "redis.asyncio.Redis()",
	"redis.asyncio.client.Redis":                 "redis.asyncio.Redis()",
	"redis.asyncio.Redis.from_url":               "Redis.from_url()",
	"redis.asyncio.from_url":                     "redis.asyncio.from_url()",
	"redis.asyncio.ConnectionPool":               "redis.asyncio.ConnectionPool()",
	"motor.motor_asyncio.AsyncIOMotorClient":     "AsyncIOMotorClient()",
	"pymongo.MongoClient":                        "MongoClient()",
	"pymongo.mongo_client.MongoClient":           "MongoClient()",
	"asyncpg.create_pool":                        "asyncpg.create_pool()",
	"psycopg_pool.ConnectionPool":                "psycopg_pool.ConnectionPool()",
	"psycopg_pool.AsyncConnectionPool":           "psycopg_pool.AsyncConnectionPool()",
	"aiomysql.create_pool":                       "aiomysql.create_pool()",
	"elasticsearch.Elasticsearch":                "Elasticsearch()",
	"elasticsearch.AsyncElasticsearch":           "AsyncElasticsearch()",
}

// fa304Caches are decorators that make a factory return one shared object.
var fa304Caches = map[string]bool{
	"functools.lru_cache": true, "functools.cache": true, "async_lru.alru_cache": true,
	"cachetools.cached": true, "aiocache.cached": true, "cachetools.func.lru_cache": true,
}

func checkClientPerRequest(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, call := range m.Nodes("call") {
		label, ok := fa304Constructors[calledName(m, call)]
		if !ok {
			continue
		}
		fn := m.EnclosingFunction(call)
		if fn == nil || fa304Cached(m, fn) || fa304Stored(m, fn, call) {
			continue
		}
		advice := "create it once — at module level or in the app's lifespan — and share it (`app.state`, or a dependency that returns the shared object)"
		if fn.Handler != nil {
			pass.Report(call, "`%s` creates a new connection pool on every request in handler %s; %s", label, fn.Name, advice)
			continue
		}
		if fn.Outer != nil {
			continue // a closure: when it runs is unknown
		}
		qual, name := m.Name+"."+fn.QualName, fn.Name
		if fn.Class != nil && fn.Name == "__init__" {
			name = fn.Class.Name
		}
		pass.ReportWhen(call, func(p *analyzer.Project) string {
			if !runsPerRequest(p, qual) {
				return ""
			}
			return fmt.Sprintf("`%s` creates a new connection pool on every request in dependency %s; %s", label, name, advice)
		})
	}
}

// fa304Cached reports whether fn (or a function around it) is a cached
// factory, whose result is built once.
func fa304Cached(m *analyzer.Module, fn *analyzer.Function) bool {
	for f := fn; f != nil; f = f.Outer {
		for _, d := range f.Decorators {
			if d.Is("call") {
				d = pyast.Callee(d)
			}
			if fa304Caches[m.Resolve(d)] {
				return true
			}
		}
	}
	return false
}

// fa304Stored reports whether the object built by call is kept beyond the
// request: assigned to an attribute (`app.state.http = ...`, `self.client =
// ...`), to a name declared global/nonlocal in fn, or into a subscript
// (`_clients[key] = ...`).
func fa304Stored(m *analyzer.Module, fn *analyzer.Function, call *pyast.Node) bool {
	n := call
	for n.Up().Is("parenthesized_expression", "await") {
		n = n.Up()
	}
	p := n.Up()
	if !p.Is("assignment") || p.ChildByField("right") != n {
		return false
	}
	left := p.ChildByField("left")
	switch left.Type() {
	case "attribute", "subscript":
		// self.client = ... in __init__ lives as long as the instance: per
		// request when the class is a dependency.
		if obj := left.ChildByField("object"); left.Is("attribute") && obj.Is("identifier") && obj.Text() == "self" && fn.Name == "__init__" {
			return false
		}
		return true
	case "identifier":
		return fa304DeclaredGlobal(fn, left.Text())
	}
	return false
}

// fa304DeclaredGlobal reports whether fn declares name global or nonlocal.
func fa304DeclaredGlobal(fn *analyzer.Function, name string) bool {
	found := false
	walkBodyNoNested(fn, func(n *pyast.Node) {
		if n.Is("global_statement", "nonlocal_statement") {
			for _, id := range n.NamedChildren() {
				if id.Text() == name {
					found = true
				}
			}
		}
	})
	return found
}

// runsPerRequest reports whether the project function q (a module-level
// function, a method "mod.Class.meth", or a class's "__init__") runs as a
// FastAPI dependency, i.e. once per request: whatever Depends/Security
// reaches from any function parameter, route, router or include of the
// project, followed through dependencies of dependencies.
func runsPerRequest(p *analyzer.Project, q string) bool {
	deps := p.Memo("rules.per-request-dependencies", func() any { return perRequestTargets(p) }).(map[string]bool)
	if deps[q] || deps[p.Canonical(q)] {
		return true
	}
	if cls, ok := strings.CutSuffix(q, ".__init__"); ok {
		return deps[cls]
	}
	return false
}

func perRequestTargets(p *analyzer.Project) map[string]bool {
	var all []analyzer.DepFact
	for _, mf := range p.Files {
		for _, f := range mf.Functions {
			all = append(all, f.Deps...)
		}
		for _, r := range mf.Routers {
			all = append(all, r.Deps...)
		}
		for _, h := range mf.Handlers {
			all = append(all, h.Deps...)
		}
		for _, inc := range mf.Includes {
			all = append(all, inc.Deps...)
		}
	}
	out := map[string]bool{}
	for _, d := range p.DependencyClosure(all) {
		out[d.Target] = true
	}
	return out
}

// whenPerRequest returns a ReportWhen verdict that keeps msg only when the
// function qual of the current module is a dependency.
func whenPerRequest(qual, msg string) func(*analyzer.Project) string {
	return func(p *analyzer.Project) string {
		if runsPerRequest(p, qual) {
			return msg
		}
		return ""
	}
}
