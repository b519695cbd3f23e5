package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA307 = register(&analyzer.Rule{
	Code: "FA307", Name: "sequential-awaits-in-loop", Principle: analyzer.PrinciplePerformance, Severity: analyzer.SeverityNote,
	Precision: "medium", Since: "0.1.0",
	Summary: "Independent HTTP requests awaited one after another in a loop: run them concurrently.",
	Doc: analyzer.Doc{
		What: "Reports, in an `async def`, a `for` loop (or an async comprehension) whose body awaits an outgoing HTTP request built " +
			"from the loop variable — a method of an `httpx.AsyncClient` or `aiohttp.ClientSession`, or a project `async def` that itself " +
			"awaits one (possibly in another module) — when the iterations do not depend on each other: no variable assigned in the body " +
			"is read before it is assigned (so nothing flows from one iteration to the next, augmented assignments included), and the " +
			"body has no `break`, `return` or `yield`. Loops that throttle on purpose (`asyncio.sleep`, a semaphore or lock) and calls " +
			"that take a database session are left alone.",
		Why: "Each `await` waits for the previous request to finish: ten requests of 200 ms take two seconds instead of 200 ms, and the " +
			"handler's latency grows with the length of the list. The event loop is free to run the requests side by side; the code just " +
			"does not let it.",
		Example: "@router.get(\"/prices\")\nasync def prices(symbols: list[str], client: httpx.AsyncClient = Depends(get_client)):\n" +
			"    out = {}\n    for s in symbols:\n        r = await client.get(f\"{API}/price/{s}\")\n        out[s] = r.json()\n    return out\n",
		UseInstead: "@router.get(\"/prices\")\nasync def prices(symbols: list[str], client: httpx.AsyncClient = Depends(get_client)):\n" +
			"    responses = await asyncio.gather(*(client.get(f\"{API}/price/{s}\") for s in symbols))\n" +
			"    return {s: r.json() for s, r in zip(symbols, responses)}\n",
		Limits: "Only HTTP requests are reported: database sessions are not safe to use concurrently, and other clients (Redis, " +
			"queues) have batch APIs that fit better than `gather`. Project functions are followed one level deep. A loop may depend " +
			"on order in ways the analysis cannot see (rate limits enforced by the remote side, side effects in the called function); " +
			"that is why this is a note. `while` and `async for` loops are not reported, nor is test code (test files, `test_*` functions), " +
			"where requests in sequence are the point.",
		References: []string{
			"https://docs.python.org/3/library/asyncio-task.html#asyncio.gather",
			"https://docs.python.org/3/library/asyncio-task.html#task-groups",
		},
	},
	CheckModule: checkSequentialAwaitsInLoop,
})

// fa307HTTPTypes are client types whose methods send HTTP requests.
var fa307HTTPTypes = map[string]bool{"httpx.AsyncClient": true, "aiohttp.ClientSession": true, "aiohttp.client.ClientSession": true}

// fa307Methods are the request methods of those clients.
var fa307Methods = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "request": true, "send": true,
}

func checkSequentialAwaitsInLoop(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	var loops []*pyast.Node
	for _, kind := range []string{"for_statement", "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"} {
		loops = append(loops, m.Nodes(kind)...)
	}
	for _, loop := range loops {
		fn := asyncContext(m, loop)
		if fn == nil || loop.Is("for_statement") && loop.HasChildOfKind("async") || fa306InTest(m, loop) {
			continue
		}
		clause := loop
		if !loop.Is("for_statement") {
			clause = loop.FirstChildOfKind("for_in_clause")
			if clause.HasChildOfKind("async") {
				continue
			}
		}
		if clause == nil || !fa307Independent(m, loop) {
			continue
		}
		names := fa307LoopNames(loop, clause)
		over := fa302Short(clause.ChildByField("right").Text())
		for _, aw := range fa307Awaits(loop) {
			call := pyast.Unparen(aw.NamedChild(0))
			if !call.Is("call") || !fa307Mentions(call, names) || fa307TakesSession(pass, fn, call) {
				continue
			}
			text := fa302Short(call.Text())
			msg := fmt.Sprintf("`await %s` runs once per item of `%s`, one request after the other, although the iterations do not depend on each other; start them together with `asyncio.gather(...)` or a `TaskGroup` (with a semaphore to bound concurrency)",
				text, over)
			if recv, meth := methodCall(call); recv != nil && fa307Methods[meth] {
				kind := pass.KindOf(fn, recv)
				if fa307AiohttpLocal(m, fn, recv) {
					pass.Report(call, "%s", msg)
					break
				}
				if kind != analyzer.KindUnknown {
					pass.ReportKind(call, kind, func(k analyzer.Kind) string {
						if fa307HTTPTypes[k.Type()] {
							return msg
						}
						return ""
					})
					break
				}
			}
			q := m.CalleeName(fn, call)
			if q == "" || !m.IsProjectSymbol(q) && !strings.HasPrefix(q, m.Name+".") {
				continue
			}
			pass.ReportWhen(call, func(p *analyzer.Project) string {
				if fa307DoesHTTP(p, q) {
					return msg
				}
				return ""
			})
			break
		}
	}
}

// fa307AiohttpLocal reports whether recv is a local bound to
// aiohttp.ClientSession() (`async with aiohttp.ClientSession() as s`).
func fa307AiohttpLocal(m *analyzer.Module, fn *analyzer.Function, recv *pyast.Node) bool {
	if !recv.Is("identifier") {
		return false
	}
	bs := m.Bindings(fn)[recv.Text()]
	if len(bs) == 0 {
		return false
	}
	for _, b := range bs {
		v := pyast.Unparen(b.Value)
		if !v.Is("call") || !fa307HTTPTypes[calledName(m, v)] {
			return false
		}
	}
	return true
}

// fa307DoesHTTP reports whether the project function q is async, awaits an
// HTTP request itself and makes no database session call.
func fa307DoesHTTP(p *analyzer.Project, q string) bool {
	f := p.Function(q)
	if f == nil || !f.Async {
		return false
	}
	http := false
	for _, c := range f.Calls {
		recv, meth := analyzer.ModuleOf(c.Callee), analyzer.LastPart(c.Callee)
		if strings.HasPrefix(c.Callee, analyzer.AsyncSessionType+".") || strings.HasPrefix(c.Callee, analyzer.SyncSessionType+".") {
			return false
		}
		if !c.Awaited || !fa307Methods[meth] {
			continue
		}
		if fa307HTTPTypes[recv] {
			http = true
			continue
		}
		// A module-level client of a project module.
		if _, sf := p.Lookup(p.Canonical(recv)); sf != nil && sf.Kind == analyzer.SymbolVar && fa307HTTPTypes[p.Resolve(sf.Value).Type()] {
			http = true
		}
	}
	return http
}

// fa307TakesSession reports whether a call passes a database session.
func fa307TakesSession(pass *analyzer.Pass, fn *analyzer.Function, call *pyast.Node) bool {
	for _, a := range call.ChildByField("arguments").NamedChildren() {
		if a.Is("keyword_argument") {
			a = a.ChildByField("value")
		}
		if k := pass.KindOf(fn, a); k.IsAsyncSession() || k.IsSyncSession() || k.Pending() {
			return true
		}
	}
	return false
}

// fa307Awaits returns the await expressions of the loop's body (for a
// comprehension: its element), outside nested loops, functions and lambdas.
func fa307Awaits(loop *pyast.Node) []*pyast.Node {
	var out []*pyast.Node
	scope := loop.ChildByField("body")
	if !loop.Is("for_statement") {
		scope = loop.NamedChild(0)
	}
	scope.Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda", "for_statement", "while_statement",
			"list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression":
			return false
		case "await":
			out = append(out, n)
		}
		return true
	})
	return out
}

// fa307LoopNames returns the loop targets and the names assigned in the body
// from expressions that use them.
func fa307LoopNames(loop, clause *pyast.Node) map[string]bool {
	names := map[string]bool{}
	clause.ChildByField("left").Walk(func(n *pyast.Node) bool {
		if n.Is("identifier") {
			names[n.Text()] = true
		}
		return true
	})
	if !loop.Is("for_statement") {
		return names
	}
	for changed := true; changed; {
		changed = false
		loop.ChildByField("body").Walk(func(n *pyast.Node) bool {
			if n.Is("function_definition", "lambda", "class_definition") {
				return false
			}
			if n.Is("assignment") {
				if l := n.ChildByField("left"); l.Is("identifier") && !names[l.Text()] && fa307Mentions(n.ChildByField("right"), names) {
					names[l.Text()] = true
					changed = true
				}
			}
			return true
		})
	}
	return names
}

// fa307Mentions reports whether n reads one of the names.
func fa307Mentions(n *pyast.Node, names map[string]bool) bool {
	found := false
	n.Walk(func(c *pyast.Node) bool {
		if c.Is("identifier") && names[c.Text()] {
			if p := c.Up(); !(p.Is("attribute") && p.ChildByField("attribute") == c) && !(p.Is("keyword_argument") && p.ChildByField("name") == c) {
				found = true
			}
		}
		return !found
	})
	return found
}

// fa307Independent reports whether no iteration of the loop depends on the
// previous one: no break/return/yield, no throttling, and no name assigned
// in the body that is read there before it is assigned.
func fa307Independent(m *analyzer.Module, loop *pyast.Node) bool {
	if !loop.Is("for_statement") {
		return true
	}
	body := loop.ChildByField("body")
	ok := true
	assigned := map[string]*pyast.Node{} // name → first assignment in the body
	var reads []*pyast.Node
	body.Walk(func(n *pyast.Node) bool {
		if !ok {
			return false
		}
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "break_statement", "return_statement", "yield":
			ok = false
		case "augmented_assignment":
			ok = false
		case "call":
			switch q := calledName(m, n); {
			case q == "asyncio.sleep", q == "anyio.sleep", q == "time.sleep":
				ok = false
			}
			if _, meth := methodCall(n); meth == "acquire" {
				ok = false
			}
		case "with_statement":
			for _, item := range n.FirstChildOfKind("with_clause").NamedChildren() {
				t := strings.ToLower(item.Text())
				if strings.Contains(t, "semaphore") || strings.Contains(t, "lock") || strings.Contains(t, "limiter") {
					ok = false
				}
			}
		case "assignment", "named_expression":
			target := n.ChildByField("left")
			if n.Kind == "named_expression" {
				target = n.ChildByField("name")
			}
			target.Walk(func(t *pyast.Node) bool {
				name := ""
				switch {
				case t.Is("identifier") && (t == target || t.Up().Is("pattern_list", "tuple_pattern", "list_pattern", "tuple", "list")):
					name = t.Text()
				case t.Is("attribute", "subscript"):
					// `cache[k] = v`, `state.x = v`: the container is written too.
					base := t
					for base.Is("attribute", "subscript") {
						if base.Is("attribute") {
							base = base.ChildByField("object")
						} else {
							base = base.ChildByField("value")
						}
					}
					if base.Is("identifier") {
						name = base.Text()
					}
				}
				if name != "" {
					if _, seen := assigned[name]; !seen {
						assigned[name] = n
					}
				}
				return !t.Is("attribute", "subscript")
			})
		case "identifier":
			reads = append(reads, n)
		}
		return true
	})
	if !ok {
		return false
	}
	for _, r := range reads {
		first, isAssigned := assigned[r.Text()]
		if !isAssigned || fa307InTarget(first, r) {
			continue
		}
		if p := r.Up(); p.Is("attribute") && p.ChildByField("attribute") == r || p.Is("keyword_argument") && p.ChildByField("name") == r {
			continue
		}
		if r.StartByte < first.StartByte || first.Contains(r) {
			return false // read before this iteration assigns it: carried over
		}
	}
	return true
}

// fa307InTarget reports whether r is in the target side of an assignment
// or walrus.
func fa307InTarget(asg, r *pyast.Node) bool {
	if asg.Is("named_expression") {
		return asg.ChildByField("name").Contains(r)
	}
	return asg.ChildByField("left").Contains(r)
}
