package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA404 = register(&analyzer.Rule{
	Code: "FA404", Name: "exception-detail-leak", Principle: analyzer.PrincipleErrors, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "The text of a caught exception or a traceback is sent to the client.",
	Doc: analyzer.Doc{
		What: "Reports internal error text placed in what the client receives — the `detail` of an `HTTPException`, the content of a " +
			"`JSONResponse`/`PlainTextResponse`/`HTMLResponse`/`Response`, or a value returned by a path operation:\n\n" +
			"- `str(e)`, `repr(e)`, `f\"...{e}\"`, `\"...\" + str(e)`, `\"...{}\".format(e)`, `\"%s\" % e`, `e.args`, `e.orig`, where `e` is bound by " +
			"`except ... as e` catching `Exception`/`BaseException`, an `OSError`-family error, or an exception of a database, HTTP-client, " +
			"cloud or system library (SQLAlchemy, psycopg, asyncpg, PyMongo, Redis, httpx, requests, aiohttp, boto, subprocess, ...); also the " +
			"exception parameter of an `@app.exception_handler(Exception)` handler;\n" +
			"- `traceback.format_exc()`, `traceback.format_exception(...)` and `traceback.format_tb(...)`, whatever was caught.\n\n" +
			"A value chosen by a debug flag (`str(e) if settings.DEBUG else \"Internal error\"`, or inside `if settings.DEBUG:`) is not reported.",
		Why: "Exception messages are written for developers: they carry SQL statements and parameters, table and column names, file paths, " +
			"hostnames and ports, library versions and sometimes credentials from a connection string. Sent to clients, they map the " +
			"internals for an attacker (CWE-209) and confuse legitimate users.",
		Example: "@router.post(\"/orders\")\nasync def create_order(order: OrderIn, db: AsyncSession = Depends(get_db)):\n    try:\n" +
			"        return await orders.create(db, order)\n    except Exception as e:\n" +
			"        raise HTTPException(status_code=500, detail=str(e))\n",
		UseInstead: "@router.post(\"/orders\")\nasync def create_order(order: OrderIn, db: AsyncSession = Depends(get_db)):\n    try:\n" +
			"        return await orders.create(db, order)\n    except IntegrityError:\n" +
			"        raise HTTPException(status_code=409, detail=\"Order already exists\")\n    except Exception:\n" +
			"        logger.exception(\"order creation failed\")\n        raise HTTPException(status_code=500, detail=\"Internal error\")\n",
		Limits: "Exceptions of the project's own classes and of other builtin types (`ValueError`, `KeyError`, ...) are taken to carry " +
			"messages written for users and are not reported. The text must reach the response in the same expression: a message stored " +
			"in a variable first, or passed through a helper, is not followed. Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/209.html",
			"https://owasp.org/www-community/Improper_Error_Handling",
			"https://fastapi.tiangolo.com/tutorial/handling-errors/",
		},
	},
	CheckModule: checkExceptionDetailLeak,
})

// fa404LeakyModules are libraries whose exception messages describe
// internals (queries, hosts, paths, credentials).
var fa404LeakyModules = []string{
	"sqlalchemy", "sqlmodel", "psycopg2", "psycopg", "asyncpg", "pymysql", "aiomysql", "MySQLdb", "sqlite3", "aiosqlite",
	"pymongo", "motor", "bson", "redis", "elasticsearch", "httpx", "requests", "aiohttp", "urllib3", "urllib", "http.client",
	"boto3", "botocore", "aiobotocore", "google.cloud", "google.api_core", "azure", "subprocess", "socket", "ssl", "os",
	"smtplib", "aiosmtplib", "paramiko", "ldap3", "kafka", "aiokafka", "pika", "aio_pika", "celery", "minio", "openai", "anthropic",
}

// fa404LeakyBuiltins are builtin exceptions whose messages are internal.
var fa404LeakyBuiltins = map[string]bool{
	"Exception": true, "BaseException": true, "OSError": true, "IOError": true, "EnvironmentError": true,
	"ConnectionError": true, "ConnectionRefusedError": true, "ConnectionResetError": true, "ConnectionAbortedError": true,
	"BrokenPipeError": true, "FileNotFoundError": true, "PermissionError": true, "TimeoutError": true, "RuntimeError": true,
}

// fa404Sinks are response classes whose first argument (or content=) goes to the client.
var fa404Sinks = map[string]bool{
	"fastapi.Response": true, "fastapi.responses.JSONResponse": true, "fastapi.responses.ORJSONResponse": true,
	"fastapi.responses.UJSONResponse": true, "fastapi.responses.HTMLResponse": true, "fastapi.responses.PlainTextResponse": true,
}

// fa404Tracebacks format the current or a given traceback.
var fa404Tracebacks = map[string]bool{
	"traceback.format_exc": true, "traceback.format_exception": true, "traceback.format_tb": true,
	"traceback.format_stack": true, "traceback.format_exception_only": true,
}

func checkExceptionDetailLeak(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	reported := map[*pyast.Node]bool{}
	check := func(fn *analyzer.Function, value *pyast.Node, where string) {
		if value == nil {
			return
		}
		leak, what := fa404Leak(m, fn, value)
		if leak == nil || reported[leak] || fa404DebugOnly(leak) {
			return
		}
		reported[leak] = true
		pass.Report(leak, "`%s` sends %s to the client in %s, exposing internals (queries, hosts, paths); log it and send a generic message instead",
			fa302Short(leak.Text()), what, where)
	}
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		fn := m.EnclosingFunction(call)
		switch {
		case q == "fastapi.HTTPException":
			d := pyast.Kwarg(call, "detail")
			if d == nil {
				d = pyast.Arg(call, 1)
			}
			check(fn, d, "the HTTPException detail")
		case fa404Sinks[q]:
			c := pyast.Kwarg(call, "content")
			if c == nil {
				c = pyast.Arg(call, 0)
			}
			check(fn, c, "the "+analyzer.LastPart(q)+" content")
		}
	}
	for _, ret := range m.Nodes("return_statement") {
		fn := m.EnclosingFunction(ret)
		if fn == nil || fn.Handler == nil || pyast.EnclosingFunction(ret) != fn.Node {
			continue
		}
		v := pyast.Unparen(ret.NamedChild(0))
		if v.Is("call") {
			continue // responses are checked above; other calls are not followed
		}
		check(fn, v, "the response of handler "+fn.Name)
	}
}

// fa404Leak finds, inside value, an expression that renders an exception
// or a traceback; what describes it for the message.
func fa404Leak(m *analyzer.Module, fn *analyzer.Function, value *pyast.Node) (*pyast.Node, string) {
	var found *pyast.Node
	what := ""
	value.Walk(func(n *pyast.Node) bool {
		if found != nil {
			return false
		}
		switch n.Kind {
		case "lambda", "function_definition":
			return false
		case "call":
			q := calledName(m, n)
			if fa404Tracebacks[q] {
				found, what = n, "a traceback"
				return false
			}
			switch q {
			case "builtins.str", "builtins.repr", "builtins.format":
				if a := pyast.Arg(n, 0); a != nil {
					if desc := fa404Exception(m, fn, a); desc != "" {
						found, what = n, "the message of "+desc
						return false
					}
				}
			}
			// "...".format(e)
			if recv, meth := methodCall(n); meth == "format" && pyast.IsString(recv) {
				for _, a := range n.ChildByField("arguments").NamedChildren() {
					if a.Is("keyword_argument") {
						a = a.ChildByField("value")
					}
					if desc := fa404Exception(m, fn, a); desc != "" {
						found, what = n, "the message of "+desc
						return false
					}
				}
			}
		case "interpolation":
			if desc := fa404Exception(m, fn, n.ChildByField("expression")); desc != "" {
				found, what = n.Ancestor("string"), "the message of "+desc
				if found == nil {
					found = n
				}
				return false
			}
		case "binary_operator":
			// "..." % e
			if op := n.ChildByField("operator"); op.Text() == "%" && pyast.IsString(n.ChildByField("left")) {
				r := pyast.Unparen(n.ChildByField("right"))
				items := []*pyast.Node{r}
				if r.Is("tuple") {
					items = r.NamedChildren()
				}
				for _, it := range items {
					if desc := fa404Exception(m, fn, it); desc != "" {
						found, what = n, "the message of "+desc
						return false
					}
				}
			}
		case "attribute":
			// e.args, e.orig
			switch n.ChildByField("attribute").Text() {
			case "args", "orig", "message", "strerror", "filename", "__cause__", "__context__":
				if desc := fa404Exception(m, fn, n.ChildByField("object")); desc != "" {
					found, what = n, "the message of "+desc
					return false
				}
			}
		}
		return true
	})
	return found, what
}

// fa404Exception returns a description ("a caught `Exception`") when n is
// the name of an exception whose message is internal: bound by an except
// clause catching a broad or library exception, or the exception parameter
// of a broad exception handler. "" otherwise.
func fa404Exception(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) string {
	n = pyast.Unparen(n)
	if n.Is("attribute") && n.ChildByField("attribute").Text() == "orig" {
		n = pyast.Unparen(n.ChildByField("object"))
	}
	if !n.Is("identifier") || fn == nil {
		return ""
	}
	name := n.Text()
	// except ... as name, around n (or earlier in fn).
	var clause *pyast.Node
	for p := n.Up(); p != nil && p != fn.Node; p = p.Up() {
		if p.Is("except_clause", "except_group_clause") {
			if as := p.FirstChildOfKind("as_pattern"); as != nil && as.ChildByField("alias").Text() == name {
				clause = p
				break
			}
		}
	}
	if clause != nil {
		as := clause.FirstChildOfKind("as_pattern")
		if t := fa404LeakyType(m, fn, as.NamedChild(0)); t != "" {
			return "a caught `" + t + "`"
		}
		return ""
	}
	// The exception parameter of an exception handler.
	if len(fn.Params) >= 2 && fn.Params[1].Name == name {
		for _, t := range fa404HandledTypes(m, fn) {
			if lt := fa404LeakyType(m, fn, t); lt != "" {
				return "the handled `" + lt + "`"
			}
		}
	}
	return ""
}

// fa404LeakyType returns the name of the first caught type in t (a name or
// a tuple of names) whose message is internal, "" when none is.
func fa404LeakyType(m *analyzer.Module, fn *analyzer.Function, t *pyast.Node) string {
	t = pyast.Unparen(t)
	if t.Is("tuple") {
		for _, c := range t.NamedChildren() {
			if s := fa404LeakyType(m, fn, c); s != "" {
				return s
			}
		}
		return ""
	}
	if !t.Is("identifier", "attribute") {
		return ""
	}
	q := m.Resolve(t)
	if q == "" && t.Is("identifier") && !nameBoundIn(fn, t.Text()) {
		q = "builtins." + t.Text()
	}
	if b, ok := strings.CutPrefix(q, "builtins."); ok {
		if fa404LeakyBuiltins[b] {
			return b
		}
		return ""
	}
	if m.IsProjectSymbol(q) || analyzer.ModuleOf(q) == m.Name {
		return ""
	}
	for _, mod := range fa404LeakyModules {
		if q == mod || strings.HasPrefix(q, mod+".") {
			return t.Text()
		}
	}
	return ""
}

// fa404HandledTypes returns the exception classes fn handles as an
// exception handler: `@app.exception_handler(T)` or
// `app.add_exception_handler(T, fn)` in the module.
func fa404HandledTypes(m *analyzer.Module, fn *analyzer.Function) []*pyast.Node {
	var out []*pyast.Node
	for _, d := range fn.Decorators {
		if _, meth := methodCall(d); meth == "exception_handler" {
			out = append(out, pyast.Arg(d, 0))
		}
	}
	if fn.Class != nil || fn.Outer != nil {
		return out
	}
	for _, call := range m.Nodes("call") {
		if _, meth := methodCall(call); meth == "add_exception_handler" {
			if h := pyast.Arg(call, 1); h.Is("identifier") && h.Text() == fn.Name {
				out = append(out, pyast.Arg(call, 0))
			}
		}
	}
	return out
}

// fa404DebugOnly reports whether the leak is only sent in debug mode: it sits
// in the branch of a conditional expression or an if statement taken when a
// condition mentioning debug holds (`str(e) if settings.DEBUG else "..."`,
// `if not DEBUG: ... else: <leak>`).
func fa404DebugOnly(leak *pyast.Node) bool {
	debug := func(cond *pyast.Node) (isDebug, positive bool) {
		text := strings.TrimSpace(cond.Text())
		return strings.Contains(strings.ToLower(text), "debug"), !strings.HasPrefix(text, "not ")
	}
	for p := leak.Up(); p != nil && !p.Is("function_definition"); p = p.Up() {
		switch p.Kind {
		case "conditional_expression":
			if d, pos := debug(p.NamedChild(1)); d {
				if pos && p.NamedChild(0).Contains(leak) || !pos && p.NamedChild(2).Contains(leak) {
					return true
				}
			}
		case "if_statement", "elif_clause":
			if d, pos := debug(p.ChildByField("condition")); d {
				if pos && p.ChildByField("consequence").Contains(leak) {
					return true
				}
				for _, alt := range p.ChildrenByField("alternative") {
					if !pos && alt.Is("else_clause") && alt.Contains(leak) {
						return true
					}
				}
			}
		}
	}
	return false
}
