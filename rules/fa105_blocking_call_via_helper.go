package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// Tags written by collectBlocking on sync functions, read by FA105.
const (
	// tagBlocking is the first blocking call of the function whose verdict
	// is known in its own module, as a chain link: "requests.post".
	tagBlocking = "blocking"
	// tagBlockingKind holds the candidates written before that call whose
	// verdict waits on another module (the receiver's kind is pending):
	// encoded blockingOps ("C:app.database.get_db|query|recv|db") separated
	// by blockingSep, in source order.
	tagBlockingKind = "blocking-kind"
	// tagComputedOnce marks a function whose result is cached for the
	// process (@lru_cache, @cache): its I/O happens on the first call only,
	// typically at startup (`get_settings()` reading .env files).
	tagComputedOnce = "computed-once"
)

// fa105CacheDecorators make a function's body run once per argument set.
var fa105CacheDecorators = map[string]bool{
	"functools.lru_cache": true, "functools.cache": true, "functools.cached_property": true,
	"async_lru.alru_cache": true, "cachetools.cached": true, "cachetools.func.lru_cache": true,
	"cachetools.func.ttl_cache": true,
}

// fa105MaxDepth bounds the chain: the helper called by the async def and at
// most fa105MaxDepth-1 further project functions.
const fa105MaxDepth = 8

// fa105MaxPending bounds the pending candidates kept per function.
const fa105MaxPending = 4

var FA105 = register(&analyzer.Rule{
	Code: "FA105", Name: "blocking-call-via-helper", Principle: analyzer.PrincipleAsync, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "An async def calls a project-defined sync function that does blocking I/O, directly or through other project functions.",
	Doc: analyzer.Doc{
		What: "Reports a call, made on the event loop by an `async def`, to a synchronous function defined in the project (in any module) " +
			"that performs something FA101 or FA102 would report — a synchronous SQLAlchemy `Session` query, `requests.post`, `open()`, " +
			"`time.sleep`, `subprocess.run`, a sync Redis or DB-API call, … — either in its own body or through a chain of other sync project " +
			"functions it calls. Calls are followed through imports and package re-exports, `self.method()` (including methods inherited from " +
			"project base classes), methods of local instances of project classes defined in the same module, methods of module-level " +
			"instances (`slack = SlackClient(...)` imported from another module), and class construction (`__init__`). The message names the whole chain, e.g. " +
			"`create_team → notify_team_created → send_slack → requests.post`.",
		Why: "Moving a blocking call into a helper does not make it asynchronous: the helper still runs on the event loop, so the whole worker " +
			"stops for the duration of the I/O, exactly as if the call were written in the handler. Because the blocking call is one or more " +
			"files away, it survives code review and linters that only look at the handler.",
		Example: "# app/services/slack.py\nimport requests\n\ndef send_slack(text: str) -> None:\n" +
			"    requests.post(SLACK_WEBHOOK, json={\"text\": text}, timeout=5)\n\n" +
			"# app/routers/teams.py\nfrom app.services.slack import send_slack\n\n@router.post(\"/teams\")\nasync def create_team(team: TeamIn):\n" +
			"    send_slack(f\"team {team.name} created\")\n    return team\n",
		UseInstead: "from fastapi.concurrency import run_in_threadpool\n\n@router.post(\"/teams\")\nasync def create_team(team: TeamIn):\n" +
			"    await run_in_threadpool(send_slack, f\"team {team.name} created\")\n    return team\n\n" +
			"# or run it after the response\nasync def create_team(team: TeamIn, background_tasks: BackgroundTasks):\n" +
			"    background_tasks.add_task(send_slack, f\"team {team.name} created\")\n\n" +
			"# or make the helper async (httpx.AsyncClient) and await it\n",
		Limits: "Functions cached for the process (`@lru_cache`, `@cache`, `@cached_property`, cachetools) are not followed: their I/O " +
			"runs on the first call only, usually at startup (`get_settings()` reading an .env file). " +
			"A helper counts as blocking when a blocking call is written anywhere in its own body, in any branch (`if`, `try`, loops, " +
			"`with`): the analysis does not evaluate conditions. It does not look into nested `def`s, lambdas, or calls handed to " +
			"`run_in_threadpool`/`asyncio.to_thread`/`run_in_executor` inside the helper, and it only follows calls whose target it can " +
			"resolve: functions received as parameters, looked up in dicts or with `getattr`, functions defined inside the async def, " +
			"methods on objects of unknown type (`self.client.send()`, a local `svc = Service()` whose class is imported from another " +
			"module) and library callbacks are not followed; receivers such as `self.db` are not typed, so `self.db.query(...)` in a " +
			"helper does not count as blocking. " +
			"Generator functions (including `@contextmanager` helpers) are not followed, since calling one runs none of its body " +
			"(Starlette iterates sync generators given to `StreamingResponse` in a threadpool). Awaited calls and async callees are " +
			"left to FA103, blocking calls written in the async def itself to FA101/FA102. Chains longer than 8 functions are not reported.",
		References: []string{
			"https://fastapi.tiangolo.com/async/#in-a-hurry",
			"https://www.starlette.io/threadpool/",
			"https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code",
		},
	},
	CheckProject: checkBlockingViaHelper,
})

var _ = registerCollector(collectBlocking)

// collectBlocking tags every sync def with the first blocking call written
// in its own body (see tagBlocking and tagBlockingKind).
func collectBlocking(pass *analyzer.Pass) {
	m := pass.Module
	type state struct {
		done    bool
		pending []string
	}
	states := map[*analyzer.Function]*state{}
	var order []*analyzer.Function
	for _, call := range m.Nodes("call") {
		fn := fa105SyncContext(m, call)
		if fn == nil {
			continue
		}
		st := states[fn]
		if st == nil {
			st = &state{}
			states[fn] = st
			order = append(order, fn)
		}
		if st.done || offloaded(m, call) {
			continue
		}
		op, ok := classifyBlocking(pass, fn, call)
		if !ok || op.form != blockingByName && op.kind == analyzer.KindUnknown {
			continue
		}
		if op.form != blockingByName && op.kind.Pending() {
			if len(st.pending) < fa105MaxPending {
				st.pending = append(st.pending, op.encode())
			}
			continue
		}
		if c, ok := op.decide(op.kind); ok {
			pass.Tag(fn, tagBlocking, c.short())
			st.done = true
		}
	}
	for _, fn := range order {
		if st := states[fn]; len(st.pending) > 0 {
			pass.Tag(fn, tagBlockingKind, strings.Join(st.pending, blockingSep))
		}
	}
	for _, fn := range m.Functions {
		for _, d := range fn.Decorators {
			if d.Is("call") {
				d = pyast.Callee(d)
			}
			if fa105CacheDecorators[m.Resolve(d)] {
				pass.Tag(fn, tagComputedOnce, "true")
			}
		}
	}
}

// fa105SyncContext returns the sync def whose own body contains n (no lambda
// or nested def in between), or nil.
func fa105SyncContext(m *analyzer.Module, n *pyast.Node) *analyzer.Function {
	for p := n.Up(); p != nil; p = p.Parent {
		switch p.Kind {
		case "lambda":
			return nil
		case "function_definition":
			f := m.FunctionAt(p)
			if f == nil || f.Async {
				return nil
			}
			return f
		}
	}
	return nil
}

// fa105Graph walks the call graph of sync project functions.
type fa105Graph struct {
	p        *analyzer.Project
	blocking map[*analyzer.FunctionFacts]string // the function's own blocking call, "" for none
	chains   map[*analyzer.FunctionFacts]fa105Chain
	callees  map[string]fa105Callee
}

// fa105Chain is a path through sync project functions to a blocking call.
type fa105Chain struct {
	fns []*analyzer.FunctionFacts // from the helper called by the async def
	op  string                    // the blocking call, "" when there is none
}

func checkBlockingViaHelper(pass *analyzer.ProjectPass) {
	g := &fa105Graph{p: pass.Project, blocking: map[*analyzer.FunctionFacts]string{}, chains: map[*analyzer.FunctionFacts]fa105Chain{},
		callees: map[string]fa105Callee{}}
	for _, mf := range pass.Project.Files {
		for _, f := range fa105Functions(mf) {
			if !f.Async || f.Tags[nonAppTag] != "" {
				continue
			}
			for _, c := range f.Calls {
				if c.Awaited || c.Offloaded {
					continue
				}
				callee, ctor := g.callee(c.Callee)
				if callee == nil {
					continue
				}
				chain := g.chain(callee)
				if chain.op == "" {
					continue
				}
				names := fa105Names(f, chain.fns)
				written := names[1]
				if ctor {
					written = analyzer.LastPart(c.Callee) // the class as called, its __init__ may be inherited
				}
				offload := fmt.Sprintf("`await run_in_threadpool(%s, ...)`", written)
				if !ctor && strings.Contains(callee.QualName, ".") {
					offload = "`await run_in_threadpool(...)`" // a method: the receiver is the caller's
				}
				pass.Report(c.Loc, "`%s()` does blocking I/O on the event loop in async def %s (%s); offload it with %s or make the helper async",
					written, f.QualName, strings.Join(append(names, chain.op), " → "), offload)
			}
		}
	}
}

// fa105Names names the async def f and the functions of its chain, as in
// "create_team → notify_team_created → send_slack". A function named like
// one before it is shown with its module ("create_refund → service.create_refund").
func fa105Names(f *analyzer.FunctionFacts, chain []*analyzer.FunctionFacts) []string {
	parts := []string{f.QualName}
	seen := map[string]bool{f.QualName: true}
	for _, c := range chain {
		name := c.QualName
		if seen[name] {
			name = analyzer.LastPart(c.Module) + "." + name
		}
		seen[c.QualName] = true
		parts = append(parts, name)
	}
	return parts
}

// fa105Functions returns a module's functions in source order.
func fa105Functions(mf *analyzer.ModuleFacts) []*analyzer.FunctionFacts {
	out := make([]*analyzer.FunctionFacts, 0, len(mf.Functions))
	for _, f := range mf.Functions {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Loc, out[j].Loc
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		return out[i].QualName < out[j].QualName
	})
	return out
}

// callee returns the sync, non-generator project function a call runs, or
// nil: a function or method by name (re-exports followed), a class's
// __init__ for a construction (ctor is then true), a method inherited from a
// project base class, or a method of a module-level instance of a project
// class (`slack = SlackClient()` in another module, then `slack.post(...)`).
func (g *fa105Graph) callee(q string) (f *analyzer.FunctionFacts, ctor bool) {
	if c, ok := g.callees[q]; ok {
		return c.f, c.ctor
	}
	if q != "" {
		f = g.p.Function(q)
		if f == nil {
			if c := g.p.Class(q); c != nil {
				f, ctor = g.method(c.Name, "__init__"), true
			} else if owner := analyzer.ModuleOf(q); owner != "" {
				f = g.method(g.instanceClass(owner), analyzer.LastPart(q))
			}
		}
		if f != nil && (f.Async || f.Generator) {
			f, ctor = nil, false
		}
	}
	g.callees[q] = fa105Callee{f, ctor}
	return f, ctor
}

// fa105Callee is a memoised answer of callee.
type fa105Callee struct {
	f    *analyzer.FunctionFacts
	ctor bool
}

// instanceClass returns the project class named by owner, or the class of
// the module-level instance owner names; "" otherwise.
func (g *fa105Graph) instanceClass(owner string) string {
	if c := g.p.Class(owner); c != nil {
		return c.Name
	}
	_, sf := g.p.Lookup(owner)
	if sf == nil || sf.Kind != analyzer.SymbolVar {
		return ""
	}
	if c := g.p.Class(g.p.Resolve(sf.Value).Type()); c != nil {
		return c.Name
	}
	return ""
}

// method finds meth on the project class or its project base classes
// (breadth first, a simplification of the MRO).
func (g *fa105Graph) method(class, meth string) *analyzer.FunctionFacts {
	if class == "" {
		return nil
	}
	queue, seen := []string{class}, map[string]bool{class: true}
	for i := 0; i < len(queue) && i < 16; i++ {
		c := g.p.Class(queue[i])
		if c == nil {
			continue
		}
		if f := g.p.Function(c.Name + "." + meth); f != nil {
			return f
		}
		for _, b := range c.Bases {
			if !seen[b] {
				seen[b] = true
				queue = append(queue, b)
			}
		}
	}
	return nil
}

// own returns the blocking call written in f's own body, as a chain link.
func (g *fa105Graph) own(f *analyzer.FunctionFacts) string {
	if b, ok := g.blocking[f]; ok {
		return b
	}
	b := ""
	if enc := f.Tags[tagBlockingKind]; enc != "" {
		for _, s := range strings.Split(enc, blockingSep) {
			op, ok := decodeBlocking(s)
			if !ok {
				continue
			}
			if c, ok := op.decide(g.p.Resolve(op.kind)); ok {
				b = c.short()
				break
			}
		}
	}
	if b == "" {
		b = f.Tags[tagBlocking]
	}
	g.blocking[f] = b
	return b
}

// chain returns the shortest chain of functions from start to one whose own
// body makes a blocking call, and that call. Breadth first over calls in source order, so the
// result is deterministic; cycle-safe and bounded by fa105MaxDepth.
func (g *fa105Graph) chain(start *analyzer.FunctionFacts) fa105Chain {
	if ch, ok := g.chains[start]; ok {
		return ch
	}
	type node struct {
		f      *analyzer.FunctionFacts
		parent int
		depth  int
	}
	queue := []node{{f: start, parent: -1, depth: 1}}
	seen := map[*analyzer.FunctionFacts]bool{start: true}
	var chain fa105Chain
	for i := 0; i < len(queue); i++ {
		n := queue[i]
		if n.f.Tags[tagComputedOnce] != "" {
			continue // blocks on its first call only, not per request
		}
		if b := g.own(n.f); b != "" {
			chain.op = b
			for j := i; j >= 0; j = queue[j].parent {
				chain.fns = append([]*analyzer.FunctionFacts{queue[j].f}, chain.fns...)
			}
			break
		}
		if n.depth >= fa105MaxDepth {
			continue
		}
		for _, c := range n.f.Calls {
			if c.Offloaded || c.Awaited {
				continue
			}
			next, _ := g.callee(c.Callee)
			if next == nil || seen[next] {
				continue
			}
			seen[next] = true
			queue = append(queue, node{f: next, parent: i, depth: n.depth + 1})
		}
	}
	g.chains[start] = chain
	return chain
}
