package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA106 = register(&analyzer.Rule{
	Code: "FA106", Name: "nested-event-loop", Principle: analyzer.PrincipleAsync, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0",
	Summary: "`asyncio.run(...)` or `loop.run_until_complete(...)` inside an async def or a path operation.",
	Doc: analyzer.Doc{
		What: "Reports `asyncio.run(...)` (through imports and aliases) and `<loop>.run_until_complete(...)` called inside an `async def`, " +
			"or inside a path operation function (`@app.get`/`@router.post`/... on a plain `def`). Calls in lambdas and in functions handed " +
			"to a threadpool (`run_in_threadpool`, `asyncio.to_thread`, `run_in_executor`) are left alone.",
		Why: "Inside an `async def` an event loop is already running: `asyncio.run()` raises `RuntimeError: asyncio.run() cannot be called " +
			"from a running event loop` and `run_until_complete()` raises `This event loop is already running`, so the endpoint fails on " +
			"every call. In a plain `def` handler FastAPI runs the function in a threadpool thread where `asyncio.run()` works, but it builds " +
			"and tears down a whole new event loop per request, cannot share connections, clients or locks bound to the application's loop, " +
			"and `asyncio.get_event_loop().run_until_complete()` fails in worker threads on recent Python versions.",
		Example:    "@router.get(\"/report\")\ndef report():\n    data = asyncio.run(fetch_all())\n    return data\n",
		UseInstead: "@router.get(\"/report\")\nasync def report():\n    data = await fetch_all()\n    return data\n",
		Limits: "Only the function that contains the call is considered: a sync helper that calls `asyncio.run()` and is called from an " +
			"`async def` is not followed. Modules that apply `nest_asyncio` are skipped, and so are `if __name__ == \"__main__\":` blocks.",
		References: []string{
			"https://docs.python.org/3/library/asyncio-runner.html#asyncio.run",
			"https://fastapi.tiangolo.com/async/",
		},
	},
	CheckModule: checkNestedEventLoop,
})

func checkNestedEventLoop(pass *analyzer.Pass) {
	m := pass.Module
	if importsAny(m, "nest_asyncio") {
		return // run_until_complete is made re-entrant on purpose
	}
	for _, call := range m.Nodes("call") {
		var what string
		if q := calledName(m, call); q == "asyncio.run" || q == "asyncio.runners.run" {
			if root := pyast.Callee(call); root.Is("identifier") {
				if fn := m.EnclosingFunction(call); fn != nil && locallyBound(fn, root.Text()) {
					continue
				}
			}
			what = "asyncio.run()"
		} else if recv, method := methodCall(call); method == "run_until_complete" && recv != nil {
			what = pyast.DottedName(recv)
			if what == "" {
				what = "loop"
			}
			what += ".run_until_complete()"
		} else {
			continue
		}
		if inMainBlock(call) || offloaded(m, call) {
			continue
		}
		fn := fa106Context(m, call)
		if fn == nil {
			continue
		}
		if fn.Async {
			pass.Report(call, "%s", fmt.Sprintf("%s inside %s fails with RuntimeError because an event loop is already running; `await` the coroutine instead",
				what, funcLabel(fn)))
			continue
		}
		pass.Report(call, "%s", fmt.Sprintf("%s in path operation %s starts a new event loop on every request in a threadpool thread; make the handler `async def` and `await` the coroutine",
			what, funcLabel(fn)))
	}
}

// fa106Context returns the innermost function around n (no lambda between)
// when it is an async def or a path operation; nil otherwise.
func fa106Context(m *analyzer.Module, n *pyast.Node) *analyzer.Function {
	for p := n.Up(); p != nil; p = p.Parent {
		switch p.Kind {
		case "lambda":
			return nil
		case "function_definition":
			f := m.FunctionAt(p)
			if f == nil {
				return nil
			}
			if f.Async || isPathOperation(m, f) {
				return f
			}
			return nil
		}
	}
	return nil
}

// isPathOperation reports whether fn is decorated as a route (module-level,
// imported or factory-local app/router).
func isPathOperation(m *analyzer.Module, fn *analyzer.Function) bool {
	return fn.Handler != nil || len(routesOf(m, fn)) > 0
}
