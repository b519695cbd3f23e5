package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA801 = register(&analyzer.Rule{
	Code: "FA801", Name: "deprecated-on-event", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "`@app.on_event(\"startup\"/\"shutdown\")` and `add_event_handler` are deprecated in favour of a `lifespan` context manager.",
	Doc: analyzer.Doc{
		What: "Reports the deprecated startup/shutdown event API on a FastAPI app or `APIRouter`: the `@app.on_event(\"startup\")` / " +
			"`@router.on_event(\"shutdown\")` decorators, `app.add_event_handler(\"startup\", fn)` calls, and the " +
			"`on_startup=[...]` / `on_shutdown=[...]` arguments of `FastAPI(...)` and `APIRouter(...)`. The receiver must be an app " +
			"or router: one built at module level in the same module, a local `app = FastAPI()` in an application factory, a parameter " +
			"annotated `FastAPI`/`APIRouter`, `app.router`, or an app/router imported from another module of the project.",
		Why: "FastAPI and Starlette deprecate event handlers in favour of the `lifespan` async context manager, and Starlette has " +
			"removed them from its own API: they may disappear in a future release. Event handlers cannot share state with each other " +
			"except through globals, and the shutdown handler is not tied to what the startup handler created; a lifespan keeps " +
			"setup and teardown in one function (the `finally`/`async with` after `yield` always runs) and passes resources through " +
			"`app.state` or the lifespan state. Mixing both is not supported: when a `lifespan` is given, `on_event` handlers are ignored.",
		Example: "app = FastAPI()\n\n@app.on_event(\"startup\")\nasync def connect():\n    app.state.redis = Redis.from_url(settings.redis_url)\n\n" +
			"@app.on_event(\"shutdown\")\nasync def disconnect():\n    await app.state.redis.aclose()\n",
		UseInstead: "from contextlib import asynccontextmanager\n\n@asynccontextmanager\nasync def lifespan(app: FastAPI):\n" +
			"    app.state.redis = Redis.from_url(settings.redis_url)\n    try:\n        yield\n    finally:\n        await app.state.redis.aclose()\n\n" +
			"app = FastAPI(lifespan=lifespan)\n",
		Limits: "An app whose value the analysis cannot trace (returned by a factory of another module, stored in an attribute or a " +
			"container) is not recognised, so its handlers are not reported. Names are resolved through imports, so an `on_event` " +
			"method of an unrelated class is not reported.",
		References: []string{
			"https://fastapi.tiangolo.com/advanced/events/",
			"https://www.starlette.io/lifespan/",
		},
	},
	CheckModule: checkDeprecatedOnEvent,
})

func checkDeprecatedOnEvent(pass *analyzer.Pass) {
	m := pass.Module
	for _, call := range m.Nodes("call") {
		recv, method := methodCall(call)
		if method != "on_event" && method != "add_event_handler" {
			if q := calledName(m, call); q == "fastapi.FastAPI" || q == "fastapi.APIRouter" {
				for _, kw := range []string{"on_startup", "on_shutdown"} {
					if v := pyast.Kwarg(call, kw); prodHandlerList(m, call, v) {
						pass.Report(v.Up(), "`%s=` is deprecated; move this code into a `lifespan` async context manager passed to `%s(lifespan=...)`",
							kw, analyzer.LastPart(q))
					}
				}
			}
			continue
		}
		event, _ := pyast.StringValue(pyast.Arg(call, 0))
		if event == "" {
			event, _ = pyast.StringValue(pyast.Kwarg(call, "event_type"))
		}
		var msg string
		if method == "on_event" {
			if !prodIsDecoratorCall(call) {
				continue
			}
			msg = fmt.Sprintf("`@%s.on_event(%q)` is deprecated; move this code into a `lifespan` async context manager passed to `FastAPI(lifespan=...)`",
				recv.Text(), event)
		} else {
			msg = fmt.Sprintf("`%s.add_event_handler(%q, ...)` is deprecated; move this code into a `lifespan` async context manager passed to `FastAPI(lifespan=...)`",
				recv.Text(), event)
		}
		// A decorator lies outside its function's node: this is the scope around it.
		fn := m.EnclosingFunction(call)
		switch known, pending := prodAppReceiver(m, fn, recv); {
		case known:
			pass.Report(call, "%s", msg)
		case pending != "":
			pass.ReportWhen(call, func(p *analyzer.Project) string {
				if prodIsProjectRouter(p, pending) {
					return msg
				}
				return ""
			})
		}
	}
}

// prodIsDecoratorCall reports whether call is the expression of a decorator.
func prodIsDecoratorCall(call *pyast.Node) bool { return call.Up().Is("decorator") }

// prodAppTypes are the classes whose instances own routes and events.
var prodAppTypes = map[string]bool{"fastapi.FastAPI": true, "fastapi.APIRouter": true}

// prodAppReceiver tells whether recv, evaluated in fn (nil: module scope), is
// a FastAPI app or APIRouter. known is true when it is certain now; pending
// is the qualified project name to check against the project's routers when
// the value comes from another module.
func prodAppReceiver(m *analyzer.Module, fn *analyzer.Function, recv *pyast.Node) (known bool, pending string) {
	recv = pyast.Unparen(recv)
	if recv.Is("attribute") && recv.ChildByField("attribute").Text() == "router" {
		// app.router is the app's APIRouter.
		return prodAppReceiver(m, fn, recv.ChildByField("object"))
	}
	if recv.Is("identifier") {
		name := recv.Text()
		if fn != nil && locallyBound(fn, name) {
			return prodLocalApp(m, fn, name), ""
		}
		for _, r := range m.Routers {
			if r.Var == name {
				return true, ""
			}
		}
		if v, ok := m.Vars[name]; ok {
			return prodBuildsApp(m, nil, v, 0), ""
		}
	}
	q := m.Resolve(recv)
	if q == "" || prodAppTypes[q] {
		return false, ""
	}
	if _, imported := m.Imports[pyast.DottedName(recv)]; !imported && recv.Is("identifier") {
		return false, ""
	}
	return false, q
}

// prodLocalApp reports whether the local name in fn holds an app or router:
// a parameter annotated FastAPI/APIRouter or an assignment of FastAPI(...).
func prodLocalApp(m *analyzer.Module, fn *analyzer.Function, name string) bool {
	for f := fn; f != nil; f = f.Outer {
		if p := f.Param(name); p != nil {
			return prodAppTypes[m.Resolve(p.Annotation)]
		}
		found, other := false, false
		f.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "assignment":
				if left := n.ChildByField("left"); left.Is("identifier") && left.Text() == name {
					if prodBuildsApp(m, f, n.ChildByField("right"), 0) {
						found = true
					} else {
						other = true
					}
				}
			}
			return true
		})
		if found || other {
			return found && !other
		}
	}
	return false
}

// prodBuildsApp reports whether expr builds a FastAPI app or APIRouter:
// FastAPI(...)/APIRouter(...), or a call of a function of this module that
// returns one.
func prodBuildsApp(m *analyzer.Module, fn *analyzer.Function, expr *pyast.Node, depth int) bool {
	expr = pyast.Unparen(expr)
	if !expr.Is("call") || depth > 3 {
		return false
	}
	q := calledName(m, expr)
	if prodAppTypes[q] {
		return true
	}
	if analyzer.ModuleOf(q) != m.Name {
		return false
	}
	f := m.Defs[analyzer.LastPart(q)]
	if f == nil {
		return false
	}
	if f.Returns != nil && prodAppTypes[m.Resolve(f.Returns)] {
		return true
	}
	returns := false
	f.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			v := pyast.Unparen(n.NamedChild(0))
			if prodBuildsApp(m, f, v, depth+1) || (v.Is("identifier") && prodLocalApp(m, f, v.Text())) {
				returns = true
			}
		}
		return !returns
	})
	return returns
}

// prodIsProjectRouter reports whether q names a FastAPI()/APIRouter() bound
// at module level somewhere in the project.
func prodIsProjectRouter(p *analyzer.Project, q string) bool {
	c := p.Canonical(q)
	for _, mf := range p.Files {
		for _, r := range mf.Routers {
			if r.Name == c || r.Name == q {
				return true
			}
		}
	}
	return false
}

// prodHandlerList reports whether an on_startup=/on_shutdown= value registers
// handlers: a list or tuple literal, or a name that is not a parameter
// forwarded by a wrapper (`APIRouter(on_startup=on_startup)` in a subclass).
func prodHandlerList(m *analyzer.Module, call, v *pyast.Node) bool {
	v = pyast.Unparen(v)
	switch {
	case v.Is("list", "tuple"):
		return len(v.NamedChildren()) > 0
	case v.Is("identifier"):
		fn := m.EnclosingFunction(call)
		return fn == nil || !locallyBound(fn, v.Text())
	}
	return false
}
