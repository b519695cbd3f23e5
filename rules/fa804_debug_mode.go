package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// prodFlagWords name development switches: code guarded by them is meant to
// run only when the flag is on.
var prodFlagWords = []string{"debug", "dev", "development", "develop", "local", "verbose", "echo", "reload", "testing"}

// prodFlagGuarded reports whether n runs only under a development flag:
// the body of `if settings.DEBUG:` (or an elif of it) or either branch of
// `x if settings.DEBUG else y`.
func prodFlagGuarded(n *pyast.Node) bool {
	for p := n.Up(); p != nil && p.Kind != "function_definition"; p = p.Parent {
		switch p.Kind {
		case "if_statement", "elif_clause":
			if p.ChildByField("consequence").Contains(n) && hasWord(prodWords(p.ChildByField("condition").Text()), prodFlagWords...) {
				return true
			}
		case "conditional_expression":
			kids := p.NamedChildren()
			if len(kids) == 3 && hasWord(prodWords(kids[1].Text()), prodFlagWords...) {
				return true
			}
		}
	}
	return false
}

// prodWords splits camelCase and punctuation so hasWord sees the words of an expression.
func prodWords(s string) string {
	var sb strings.Builder
	for i, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			if i > 0 && s[i-1] >= 'a' && s[i-1] <= 'z' {
				sb.WriteByte('_')
			}
			sb.WriteRune(r)
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			sb.WriteRune(r)
		default:
			sb.WriteByte('_')
		}
	}
	return sb.String()
}

// prodUvicornRunners start or configure a uvicorn server.
var prodUvicornRunners = map[string]bool{
	"uvicorn.run": true, "uvicorn.main.run": true, "uvicorn.Config": true, "uvicorn.config.Config": true,
}

var FA804 = register(&analyzer.Rule{
	Code: "FA804", Name: "debug-mode", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "Debug mode or auto-reload is switched on in application code.",
	Doc: analyzer.Doc{
		What: "Reports, in application code, the literal `True` for:\n\n" +
			"- `FastAPI(debug=True)` (and `Starlette(debug=True)`), and `app.debug = True` on an app of the module;\n" +
			"- `reload=True` or `debug=True` passed to `uvicorn.run(...)` or `uvicorn.Config(...)`, at module level or in a function.\n\n" +
			"Names are resolved through imports.",
		Why: "With `debug=True` any unhandled exception returns the full traceback to the client as an HTML page: source lines, " +
			"file paths, library versions and sometimes local values, which help an attacker map the application. " +
			"`reload=True` runs a file watcher that restarts the server on every change: it costs CPU, is incompatible with " +
			"several workers, and restarts production when a file is touched. Both belong in development only, switched on " +
			"by configuration.",
		Example: "app = FastAPI(debug=True)\n\ndef serve():\n    uvicorn.run(\"app.main:app\", host=\"0.0.0.0\", reload=True)\n",
		UseInstead: "app = FastAPI(debug=settings.debug)\n\nif __name__ == \"__main__\":\n" +
			"    uvicorn.run(\"app.main:app\", reload=settings.debug)\n\n# in development: `fastapi dev app/main.py` or `uvicorn app.main:app --reload`\n",
		Limits: "Values read from configuration (`debug=settings.DEBUG`, `reload=args.reload`) are not reported, whatever they hold at " +
			"run time, and so are literals that only run under a development flag: in the body of an `if` (or either branch of a " +
			"conditional expression) whose condition names `debug`, `dev`, `development`, `local`, `verbose`, `reload`, `echo` " +
			"or `testing` (`if settings.DEBUG:`, `if ENV == \"development\":`). Calls inside `if __name__ == \"__main__\":` blocks are not reported even with a literal `reload=True`: " +
			"that block is how a developer starts the server locally and does not run under a production server " +
			"(`uvicorn app.main:app`, gunicorn). Test code (test files, modules importing `pytest`/`TestClient`) and scripts (see FA806) are not reported; a `def dev()` command in an " +
			"application module is.",
		References: []string{
			"https://fastapi.tiangolo.com/reference/fastapi/#fastapi.FastAPI--example",
			"https://www.uvicorn.org/settings/#development",
			"https://fastapi.tiangolo.com/deployment/manually/",
		},
	},
	CheckModule: checkDebugMode,
})

func checkDebugMode(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) || isScript(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		if inMainBlock(call) || prodFlagGuarded(call) {
			continue
		}
		q := calledName(m, call)
		switch {
		case q == "fastapi.FastAPI":
			if kw := pyast.Kwarg(call, "debug"); pyast.Unparen(kw).Is("true") {
				pass.Report(kw.Up(), "`%s(debug=True)` returns tracebacks with source code to clients on any error; "+
					"read it from settings (`debug=settings.debug`), off in production", pyast.Callee(call).Text())
			}
		case prodUvicornRunners[q]:
			for _, name := range []string{"reload", "debug"} {
				if kw := pyast.Kwarg(call, name); pyast.Unparen(kw).Is("true") {
					what := "restarts the server on every file change and cannot run several workers"
					if name == "debug" {
						what = "switches on debug mode and auto-reload"
					}
					pass.Report(kw.Up(), "`%s(%s=True)` in application code %s; start development servers with "+
						"`fastapi dev`/`uvicorn --reload` or under `if __name__ == \"__main__\":`, or read it from settings",
						pyast.Callee(call).Text(), name, what)
				}
			}
		}
	}
	// app.debug = True
	for _, a := range m.Nodes("assignment") {
		left := a.ChildByField("left")
		if !left.Is("attribute") || left.ChildByField("attribute").Text() != "debug" || !pyast.Unparen(a.ChildByField("right")).Is("true") {
			continue
		}
		if inMainBlock(a) || prodFlagGuarded(a) {
			continue
		}
		obj := left.ChildByField("object")
		if known, _ := prodAppReceiver(m, m.EnclosingFunction(a), obj); !known {
			continue
		}
		pass.Report(a, "`%s = True` returns tracebacks with source code to clients on any error; "+
			"read it from settings, off in production", left.Text())
	}
}
