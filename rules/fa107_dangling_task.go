package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA107 = register(&analyzer.Rule{
	Code: "FA107", Name: "dangling-task", Principle: analyzer.PrincipleAsync, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A task whose reference is dropped (the event loop keeps only a weak one), or BackgroundTasks.add_task given a call's result instead of the function.",
	Doc: analyzer.Doc{
		What: "Reports `asyncio.create_task(...)`, `asyncio.ensure_future(...)` and `loop.create_task(...)` (on a loop from " +
			"`asyncio.get_running_loop()`/`get_event_loop()`/`new_event_loop()` or a parameter annotated `AbstractEventLoop`) used as a bare " +
			"statement, or only to call `.add_done_callback(...)` on, so that nothing keeps the task. Also reports " +
			"`BackgroundTasks.add_task(f(...))` on a FastAPI `BackgroundTasks` (a parameter annotated with it, or one built with " +
			"`BackgroundTasks()`) when the argument is a call that creates a coroutine (a project `async def`, an `AsyncSession`, " +
			"`httpx.AsyncClient` or async Redis method) or a call of a project `def` that returns nothing.",
		Why: "The event loop keeps only a weak reference to tasks: a task nobody else references can be garbage-collected before it " +
			"finishes, and the work silently stops halfway (the asyncio documentation warns about exactly this). " +
			"`add_task` wants the function and its arguments: given `send_email(to)`, it receives a coroutine object (the task fails after " +
			"the response with \"object is not callable\" and the email is never sent) or, for a plain function, its result — the work then " +
			"runs inside the request, before the response, and the task fails afterwards on `None`.",
		Example: "@router.post(\"/signup\")\nasync def signup(body: UserIn, background_tasks: BackgroundTasks):\n" +
			"    user = await create_user(body)\n    background_tasks.add_task(send_welcome_email(user.email))\n" +
			"    asyncio.create_task(audit_log(\"signup\", user.id))\n    return user\n",
		UseInstead: "_background: set[asyncio.Task] = set()\n\n@router.post(\"/signup\")\nasync def signup(body: UserIn, background_tasks: BackgroundTasks):\n" +
			"    user = await create_user(body)\n    background_tasks.add_task(send_welcome_email, user.email)\n" +
			"    task = asyncio.create_task(audit_log(\"signup\", user.id))\n    _background.add(task)\n" +
			"    task.add_done_callback(_background.discard)\n    return user\n",
		Limits: "A task stored anywhere — a local variable, an attribute, a collection, an argument of another call — is not reported, " +
			"even when the local is never read again. `TaskGroup.create_task` (the group keeps its tasks) and loops the analysis cannot " +
			"identify (`self.loop`) are left alone. For `add_task`, calls whose result may be a callable (`functools.partial(...)`, " +
			"factories, library functions, project functions that return a value, methods) are not reported, nor receivers not known to be " +
			"`BackgroundTasks`.",
		References: []string{
			"https://docs.python.org/3/library/asyncio-task.html#asyncio.create_task",
			"https://fastapi.tiangolo.com/tutorial/background-tasks/",
		},
	},
	CheckModule: checkDanglingTask,
})

// fa107LoopGetters return the event loop.
var fa107LoopGetters = map[string]bool{
	"asyncio.get_running_loop": true, "asyncio.get_event_loop": true, "asyncio.new_event_loop": true,
	"asyncio.events.get_running_loop": true, "asyncio.events.get_event_loop": true, "asyncio.events.new_event_loop": true,
}

// fa107LoopTypes are annotations of event loops.
var fa107LoopTypes = map[string]bool{
	"asyncio.AbstractEventLoop": true, "asyncio.BaseEventLoop": true, "asyncio.events.AbstractEventLoop": true,
	"asyncio.base_events.BaseEventLoop": true, "uvloop.Loop": true,
}

// fa107BoundCalls returns the qualified callees of every binding of a name
// seen from fn: local assignments in fn or an enclosing function, else the
// module-level assignment. nil when a binding is not a plain call (a
// parameter, a loop target, another expression).
func fa107BoundCalls(m *analyzer.Module, fn *analyzer.Function, name string) []string {
	for f := fn; f != nil; f = f.Outer {
		if f.Param(name) != nil {
			return nil
		}
		var out []string
		ok := true
		found := false
		f.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "identifier":
				if n.Text() != name {
					return true
				}
				switch fa103NameRole(n) {
				case "store", "store+read":
					found = true
					assign := n.Up()
					if !assign.Is("assignment") || assign.ChildByField("left") != n {
						ok = false
						return true
					}
					right := pyast.Unparen(assign.ChildByField("right"))
					if !right.Is("call") {
						ok = false
						return true
					}
					out = append(out, calledName(m, right))
				}
			}
			return true
		})
		if found {
			if !ok {
				return nil
			}
			return out
		}
	}
	if v := pyast.Unparen(m.Vars[name]); v.Is("call") {
		return []string{calledName(m, v)}
	}
	return nil
}

// fa107BoundTo reports whether expr is a call of one of names, or a name
// whose every binding is one.
func fa107BoundTo(m *analyzer.Module, fn *analyzer.Function, expr *pyast.Node, names map[string]bool) bool {
	expr = pyast.Unparen(expr)
	if expr.Is("call") {
		return names[calledName(m, expr)]
	}
	if !expr.Is("identifier") {
		return false
	}
	calls := fa107BoundCalls(m, fn, expr.Text())
	for _, q := range calls {
		if !names[q] {
			return false
		}
	}
	return len(calls) > 0
}

// fa107IsLoop reports whether recv is an asyncio event loop.
func fa107IsLoop(pass *analyzer.Pass, fn *analyzer.Function, recv *pyast.Node) bool {
	if fa107LoopTypes[pass.KindOf(fn, recv).Type()] {
		return true
	}
	return fa107BoundTo(pass.Module, fn, recv, fa107LoopGetters)
}

// fa107TaskDropped reports whether the task made by call is not kept: a bare
// statement, or `create_task(...).add_done_callback(cb)` as a statement.
func fa107TaskDropped(call *pyast.Node) bool {
	n := call
	for n.Up().Is("parenthesized_expression") {
		n = n.Up()
	}
	p := n.Up()
	if p.Is("expression_statement") {
		return len(p.NamedChildren()) == 1
	}
	if p.Is("attribute") && p.ChildByField("object") == n && p.ChildByField("attribute").Text() == "add_done_callback" {
		if outer := p.Up(); outer.Is("call") && pyast.Callee(outer) == p {
			use, _ := fa103UseOf(outer)
			return use == fa103Dropped
		}
	}
	return false
}

var fa107BackgroundTasks = map[string]bool{"fastapi.BackgroundTasks": true}

func checkDanglingTask(pass *analyzer.Pass) {
	m := pass.Module
	for _, call := range m.Nodes("call") {
		recv, method := methodCall(call)
		switch q := calledName(m, call); {
		case q == "asyncio.create_task" || q == "asyncio.ensure_future" || q == "asyncio.tasks.create_task" || q == "asyncio.tasks.ensure_future":
			if fa107TaskDropped(call) {
				pass.Report(call, "the task made by `%s(...)` is not kept: the event loop holds only a weak reference, so it can be garbage-collected before it finishes; "+
					"keep a reference (e.g. add it to a module-level set and call `task.add_done_callback(tasks.discard)`) or await it", pyast.Callee(call).Text())
			}
		case method == "create_task":
			fn := m.EnclosingFunction(call)
			if fa107TaskDropped(call) && fa107IsLoop(pass, fn, recv) {
				pass.Report(call, "the task made by `%s.create_task(...)` is not kept: the event loop holds only a weak reference, so it can be garbage-collected before it finishes; "+
					"keep a reference (e.g. add it to a module-level set and call `task.add_done_callback(tasks.discard)`) or await it", recv.Text())
			}
		case method == "add_task":
			checkAddTask(pass, call, recv)
		}
	}
}

// checkAddTask reports BackgroundTasks.add_task(f(...)) given a coroutine
// object or the None result of a plain def instead of the function.
func checkAddTask(pass *analyzer.Pass, call, recv *pyast.Node) {
	m := pass.Module
	arg := pyast.Arg(call, 0)
	if arg == nil {
		arg = pyast.Kwarg(call, "func")
	}
	inner := pyast.Unparen(arg)
	if !inner.Is("call") {
		return
	}
	fn := m.EnclosingFunction(call)
	kind := pass.KindOf(fn, recv)
	if !kind.Pending() && !fa107BackgroundTasks[kind.Type()] && !fa107BoundTo(m, fn, recv, fa107BackgroundTasks) {
		return
	}
	if kind.Pending() && fa107BoundTo(m, fn, recv, fa107BackgroundTasks) {
		kind = analyzer.Instance("fastapi.BackgroundTasks")
	}
	coro := fa103Coroutine(pass, fn, inner)
	var none verdict
	if coro.now == "" {
		none = fa103SyncNone(pass, fn, inner)
	}
	if !coro.known() && !none.known() {
		return
	}
	addTask := recv.Text() + ".add_task"
	text := fa103CallText(inner)
	fix := fmt.Sprintf("pass the function and its arguments: `%s(%s, ...)`", addTask, pyast.Callee(inner).Text())
	name := pyast.Callee(inner).Text()
	decide := func(p *analyzer.Project) string {
		if kind.Pending() && (p == nil || !fa107BackgroundTasks[fa103ResolveType(p, kind)]) {
			return ""
		}
		if effect := coro.resolve(p); effect != "" {
			return fmt.Sprintf("`%s()` gets the coroutine object `%s` instead of the function: the task fails after the response "+
				"(a coroutine is not callable) and %s; %s", addTask, text, effect, fix)
		}
		if none.resolve(p) != "" {
			return fmt.Sprintf("`%s()` gets the result of `%s` (None) instead of the function: `%s()` runs now, inside the request, "+
				"and the task fails after the response; %s", addTask, text, name, fix)
		}
		return ""
	}
	if !kind.Pending() && coro.later == nil && none.later == nil {
		if msg := decide(nil); msg != "" {
			pass.Report(inner, "%s", msg)
		}
		return
	}
	pass.ReportWhen(inner, decide)
}
