package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA405 = register(&analyzer.Rule{
	Code: "FA405", Name: "swallowed-exception", Principle: analyzer.PrincipleErrors, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A catch-all `except` in a handler or dependency that passes, continues or answers 2xx, so failures look like success.",
	Doc: analyzer.Doc{
		What: "Reports `except:`, `except Exception:` and `except BaseException:` (alone or in a tuple) in a path operation or in a " +
			"dependency (a function reached through `Depends`, possibly from another module) when the except body does nothing but:\n\n" +
			"- `pass`, `...` or `continue` (and nothing is logged), unless the `try` only computes values that have a default set before it " +
			"(temporaries used only inside the `try` allowed, and values appended to a list built before it), or breaks out of a loop that " +
			"tries candidates until one works; or\n" +
			"- in a path operation, `return` with a normal body — nothing, a literal, a variable, or a `Response` whose status is 2xx — " +
			"logged or not.\n\n" +
			"Best-effort cleanup is left alone: a `try` whose body only makes `close()`/`remove()`/`unlink()`/`cancel()`/`delete_cookie()`-style calls, and " +
			"`try` statements inside `finally`/`except` blocks. WebSocket routes are skipped.",
		Why: "A catch-all that answers success turns every failure — a lost database connection, a bug, a timeout — into a `200 OK`. " +
			"Clients retry nothing and show stale or empty data, monitoring sees no errors, and nothing tells the team that the endpoint " +
			"has been failing for days. In a dependency, swallowing the error hands the handler a half-initialised value.",
		Example: "@router.post(\"/subscribe\")\nasync def subscribe(body: SubscribeIn):\n    try:\n        await mailer.add(body.email)\n" +
			"    except Exception:\n        pass\n    return {\"status\": \"subscribed\"}\n",
		UseInstead: "@router.post(\"/subscribe\")\nasync def subscribe(body: SubscribeIn):\n    try:\n        await mailer.add(body.email)\n" +
			"    except MailerUnavailable:\n        logger.warning(\"mailer down, subscription queued\")\n        await queue.put(body.email)\n" +
			"    except Exception:\n        logger.exception(\"subscribe failed\")\n" +
			"        raise HTTPException(status_code=503, detail=\"Subscription failed, retry later\")\n    return {\"status\": \"subscribed\"}\n",
		Limits: "Only the except body is read: a handler that swallows the error and later returns an error status through other code is " +
			"still reported. `return` of a call other than a `Response` class is taken to be whatever that call builds and is not " +
			"reported; in a dependency only pass/continue bodies are reported (`return None` is a common way to make a dependency " +
			"optional). `contextlib.suppress(Exception)` is not checked.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/handling-errors/",
			"https://docs.python.org/3/tutorial/errors.html#handling-exceptions",
		},
	},
	CheckModule: checkSwallowedException,
})

// fa405Cleanup are methods whose failure is usually ignored on purpose.
var fa405Cleanup = map[string]bool{
	"close": true, "aclose": true, "remove": true, "unlink": true, "rmtree": true, "cancel": true, "kill": true,
	"terminate": true, "disconnect": true, "shutdown": true, "rmdir": true, "dispose": true, "release": true,
	"delete_file": true, "cleanup": true, "delete_cookie": true,
}

// fa405Logging reports whether a statement only logs.
func fa405Logging(m *analyzer.Module, st *pyast.Node) bool {
	call := pyast.Unparen(st.NamedChild(0))
	if !st.Is("expression_statement") || !call.Is("call") {
		return false
	}
	q := calledName(m, call)
	if q == "builtins.print" || strings.HasPrefix(q, "logging.") || strings.HasPrefix(q, "traceback.print") ||
		strings.HasPrefix(q, "sentry_sdk.capture") || strings.HasPrefix(q, "warnings.warn") {
		return true
	}
	recv, meth := methodCall(call)
	switch meth {
	case "debug", "info", "warning", "warn", "error", "exception", "critical", "log", "trace", "success", "fatal":
		// logger.x(...), log.x(...), self.logger.x(...), logging.getLogger().x(...)
		name := strings.ToLower(pyast.DottedName(recv))
		return strings.Contains(name, "log") || recv.Is("call") || name == "structlog"
	case "capture_exception", "capture_message":
		return true
	}
	return false
}

func checkSwallowedException(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, clause := range m.Nodes("except_clause") {
		fn := m.EnclosingFunction(clause)
		if fn == nil || pyast.EnclosingFunction(clause) != fn.Node || fn.Outer != nil {
			continue
		}
		if fn.Handler != nil && isWebsocketHandler(fn.Handler) {
			continue
		}
		caught, ok := fa405CatchAll(m, fn, clause)
		if !ok || fa405BestEffort(m, clause) {
			continue
		}
		verdict := fa405Body(m, fn, clause)
		if verdict == "" || !strings.HasPrefix(verdict, "returns") && (fa405Fallback(m, fn, clause.Up()) || fa405Probe(clause.Up())) {
			continue
		}
		at := clause
		if fn.Handler != nil {
			pass.Report(at, "`%s` in handler %s %s, so failures look like success to clients and monitoring; catch the exceptions you expect and let the others propagate (or `raise HTTPException(status_code=5xx)`)",
				caught, fn.Name, verdict)
			continue
		}
		if strings.HasPrefix(verdict, "returns") {
			continue // a dependency's value, not a response
		}
		msg := fmt.Sprintf("`%s` in dependency %s %s, so the request goes on as if nothing failed; catch the exceptions you expect and let the others propagate (or `raise HTTPException(status_code=5xx)`)",
			caught, fn.Name, verdict)
		pass.ReportWhen(at, whenPerRequest(m.Name+"."+fn.QualName, msg))
	}
}

// fa405CatchAll reports whether the clause catches everything, and how it
// is written ("except Exception:").
func fa405CatchAll(m *analyzer.Module, fn *analyzer.Function, clause *pyast.Node) (string, bool) {
	t := clause.NamedChild(0)
	if t == nil || t.Is("block") {
		return "except:", true
	}
	head := "except " + strings.Join(strings.Fields(t.Text()), " ") + ":"
	if t.Is("as_pattern") {
		t = t.NamedChild(0)
	}
	t = pyast.Unparen(t)
	items := []*pyast.Node{t}
	if t.Is("tuple") {
		items = t.NamedChildren()
	}
	for _, it := range items {
		q := m.Resolve(it)
		if q == "builtins.Exception" || q == "builtins.BaseException" {
			return head, true
		}
	}
	return "", false
}

// fa405Fallback reports whether a try only computes values that already
// have a default: its body makes no call for its side effects (no bare call
// statement, no await statement) and every name it assigns was bound before
// the try (`when = None; try: when = parse(s) except Exception: pass`).
func fa405Fallback(m *analyzer.Module, fn *analyzer.Function, try *pyast.Node) bool {
	body := try.ChildByField("body")
	ok, assigns := true, false
	body.Walk(func(n *pyast.Node) bool {
		if !ok {
			return false
		}
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "expression_statement":
			c := pyast.Unparen(n.NamedChild(0))
			if fa405LocalCollect(m, fn, try, c) {
				assigns = true
			} else if !c.Is("assignment", "augmented_assignment") {
				ok = false
			}
		case "return_statement", "raise_statement", "yield", "delete_statement":
			ok = false
		case "assignment", "augmented_assignment":
			left := n.ChildByField("left")
			if !left.Is("identifier") {
				ok = false // attribute or item writes are side effects
				return false
			}
			// A value with a default set before the try; temporaries used
			// only inside it are allowed but are not such a value.
			if fa405BoundBefore(m, fn, try, left.Text()) || fn.Param(left.Text()) != nil {
				assigns = true
			} else {
				ok = fa405TryLocal(fn, try, left.Text())
			}
		}
		return true
	})
	return ok && assigns
}

// fa405BoundBefore reports whether name is bound in fn before the try.
func fa405BoundBefore(m *analyzer.Module, fn *analyzer.Function, try *pyast.Node, name string) bool {
	for _, b := range m.Bindings(fn)[name] {
		if b.Node.EndByte <= try.StartByte {
			return true
		}
	}
	return false
}

// fa405TryLocal reports whether name is a temporary of the try: it occurs
// nowhere in fn outside the try statement, so a failure leaves nothing half
// done behind.
func fa405TryLocal(fn *analyzer.Function, try *pyast.Node, name string) bool {
	local := true
	fn.Node.ChildByField("body").Walk(func(n *pyast.Node) bool {
		if !local || n == try {
			return false
		}
		if n.Is("identifier") && n.Text() == name {
			local = false
		}
		return local
	})
	return local
}

// fa405LocalCollect reports whether call adds a computed value to a
// collection the function built before the try (`found = []` ...
// `found.append(x)`): collecting values, not a side effect on the outside
// world.
func fa405LocalCollect(m *analyzer.Module, fn *analyzer.Function, try, call *pyast.Node) bool {
	if !call.Is("call") {
		return false
	}
	recv, meth := methodCall(call)
	switch meth {
	case "append", "extend", "add", "update", "insert", "setdefault":
	default:
		return false
	}
	if !recv.Is("identifier") || fn.Param(recv.Text()) != nil || !fa405BoundBefore(m, fn, try, recv.Text()) {
		return false
	}
	// `done.append(process(i))` does its work in the argument: only values
	// already computed (or built with builtins) are collected.
	pure := true
	call.ChildByField("arguments").Walk(func(n *pyast.Node) bool {
		if n.Is("await") || n.Is("call") && !strings.HasPrefix(calledName(m, n), "builtins.") {
			pure = false
		}
		return pure
	})
	return pure
}

// fa405Probe reports whether the try body breaks out of a loop: the loop
// tries candidates until one works, and a failure means "try the next one".
func fa405Probe(try *pyast.Node) bool {
	found := false
	try.ChildByField("body").Walk(func(n *pyast.Node) bool {
		if n.Is("function_definition", "class_definition", "lambda") {
			return false
		}
		found = found || n.Is("break_statement")
		return !found
	})
	return found
}

// fa405BestEffort reports whether the try is best-effort cleanup: every
// statement of its body is a cleanup call, or the try itself runs in a
// finally/except block.
func fa405BestEffort(m *analyzer.Module, clause *pyast.Node) bool {
	try := clause.Up()
	for p := try.Up(); p != nil && !p.Is("function_definition"); p = p.Up() {
		if p.Is("finally_clause", "except_clause") {
			return true
		}
	}
	body := try.ChildByField("body").NamedChildren()
	for _, st := range body {
		found := false
		st.Walk(func(n *pyast.Node) bool {
			if n.Is("call") {
				_, meth := methodCall(n)
				q := calledName(m, n)
				if fa405Cleanup[meth] || fa405Cleanup[analyzer.LastPart(q)] {
					found = true
				}
			}
			return !found
		})
		if !found {
			return false
		}
	}
	return len(body) > 0
}

// fa405Body classifies an except body: "" when it handles the error (raises,
// returns an error status, does other work), else what it does ("passes",
// "continues", "returns a 2xx response").
func fa405Body(m *analyzer.Module, fn *analyzer.Function, clause *pyast.Node) string {
	block := clause.FirstChildOfKind("block")
	logged, swallow, ret := false, "", ""
	for _, st := range block.NamedChildren() {
		switch {
		case st.Is("pass_statement"):
			swallow = "passes"
		case st.Is("expression_statement") && pyast.Unparen(st.NamedChild(0)).Is("ellipsis"):
			swallow = "passes"
		case st.Is("continue_statement"):
			swallow = "continues the loop"
		case fa405Logging(m, st):
			logged = true
		case st.Is("return_statement"):
			if fn.Handler == nil {
				return "returns"
			}
			if r := fa405Return(m, fn, st.NamedChild(0)); r != "" {
				ret = r
			} else {
				return ""
			}
		default:
			return ""
		}
	}
	if ret != "" {
		return ret
	}
	if swallow != "" && !logged {
		return swallow
	}
	return ""
}

// fa405Return describes a returned value that is a normal response ("" when
// it may be an error response).
func fa405Return(m *analyzer.Module, fn *analyzer.Function, v *pyast.Node) string {
	v = pyast.Unparen(v)
	code, _, known := routeStatus(m, fn.Handler)
	if !known || !isSuccess(code) {
		return ""
	}
	switch v.Type() {
	case "":
		return fmt.Sprintf("returns nothing (%d with a null body)", code)
	case "none", "true", "false", "integer", "float", "string", "concatenated_string", "dictionary", "list", "tuple", "set",
		"identifier", "attribute", "list_comprehension", "dictionary_comprehension":
		if v.Is("identifier") && exceptBound(fn, v.Text()) {
			return "" // returns the exception: FA407/FA404 territory
		}
		return fmt.Sprintf("returns a normal body with status %d", code)
	case "call":
		if c, explicit, ok := responseStatus(m, fn, v); ok && calledName(m, v) != "fastapi.HTTPException" {
			if isSuccess(c) {
				if explicit {
					return fmt.Sprintf("returns a response with status %d", c)
				}
				return fmt.Sprintf("returns a response with the default status %d", c)
			}
		}
	}
	return ""
}
