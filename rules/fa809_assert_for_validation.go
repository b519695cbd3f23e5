package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA809 = register(&analyzer.Rule{
	Code: "FA809", Name: "assert-for-validation", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "`assert` checks input or permissions in application code, but asserts are removed under `python -O`.",
	Doc: analyzer.Doc{
		What: "Reports `assert` statements inside functions of application modules: handlers, dependencies, services. In a handler " +
			"or in a function used as a dependency (`Depends(...)`, `Security(...)`, `dependencies=[...]`) every assert is " +
			"reported; elsewhere, asserts that only narrow a type for the type checker (`assert isinstance(x, T)`, " +
			"`assert x is not None`, and a bare `assert settings.smtp_host` without a message) are left alone.",
		Why: "Python strips `assert` statements when run with `-O` or `PYTHONOPTIMIZE` (common in Docker images to save a little " +
			"memory), so a permission or input check written as an assert silently disappears. Even when it runs, a failed assert " +
			"raises `AssertionError`, which FastAPI turns into a 500 Internal Server Error instead of the 400/403/404 the client " +
			"should get, and it is logged as a server bug.",
		Example: "@router.delete(\"/posts/{post_id}\")\nasync def delete_post(post_id: int, user: User = Depends(current_user)):\n" +
			"    post = await get_post(post_id)\n    assert post.owner_id == user.id, \"not your post\"\n    ...\n",
		UseInstead: "@router.delete(\"/posts/{post_id}\")\nasync def delete_post(post_id: int, user: User = Depends(current_user)):\n" +
			"    post = await get_post(post_id)\n    if post.owner_id != user.id:\n" +
			"        raise HTTPException(status.HTTP_403_FORBIDDEN, \"not your post\")\n    ...\n",
		Limits: "Silent on test code (config `test-paths`, modules importing `pytest`, `unittest` or FastAPI's `TestClient`, " +
			"`test_*` functions and `Test*` classes), on scripts (see FA806), on module-level asserts, on `assert False`-style " +
			"unreachable markers and on asserts under `if TYPE_CHECKING:`. Outside handlers and dependencies of the same module, " +
			"type-narrowing asserts (`isinstance`, `is not None`) are not reported; a dependency defined in another module than " +
			"its users is treated as an ordinary function.",
		References: []string{
			"https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement",
			"https://docs.python.org/3/using/cmdline.html#cmdoption-O",
			"https://bandit.readthedocs.io/en/latest/plugins/b101_assert_used.html",
			"https://fastapi.tiangolo.com/tutorial/handling-errors/",
		},
	},
	CheckModule: checkAssertForValidation,
})

func checkAssertForValidation(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) || isScript(m) {
		return
	}
	var deps map[string]bool
	for _, st := range m.Nodes("assert_statement") {
		fn := m.EnclosingFunction(st)
		if fn == nil || inTestFunction(fn) || inMainBlock(st) || prodUnderTypeChecking(m, st) {
			continue
		}
		cond := pyast.Unparen(st.NamedChild(0))
		if cond.Is("false", "none") || (cond.Is("integer") && cond.Text() == "0") {
			continue
		}
		if deps == nil {
			deps = prodDependencyNames(m)
		}
		_, isDep := deps[fn.Name]
		isDep = isDep && fn.Class == nil && fn.Outer == nil
		switch {
		case fn.Handler != nil:
			pass.Report(st, "`assert` in handler `%s` is removed under `python -O` and otherwise answers 500; "+
				"check with `if not ...: raise HTTPException(status_code=400/403/404, ...)`", fn.Name)
		case isDep:
			pass.Report(st, "`assert` in dependency `%s` is removed under `python -O` and otherwise answers 500; "+
				"check with `if not ...: raise HTTPException(status_code=401/403/422, ...)`", fn.Name)
		case prodTypeNarrowing(m, cond):
			continue
		case cond.Is("identifier", "attribute") && st.NamedChild(1) == nil:
			continue // `assert self._engine`: narrowing an Optional for the type checker
		default:
			pass.Report(st, "`assert` in %s is removed under `python -O`, so this check disappears in optimised deployments; "+
				"use `if not ...: raise ValueError(...)` (or `HTTPException` in request code)", funcLabel(fn))
		}
	}
}

// prodDependencyNames returns the names of this module's functions used as
// dependencies in this module: Depends(f)/Security(f) in parameters, route
// and router dependencies=[...] and include_router(dependencies=[...]).
func prodDependencyNames(m *analyzer.Module) map[string]bool {
	out := map[string]bool{}
	add := func(q string) {
		if analyzer.ModuleOf(q) == m.Name {
			out[analyzer.LastPart(q)] = true
		}
	}
	for _, call := range m.Nodes("call") {
		switch calledName(m, call) {
		case "fastapi.Depends", "fastapi.Security":
			target := pyast.Arg(call, 0)
			if target == nil {
				target = pyast.Kwarg(call, "dependency")
			}
			add(m.Resolve(target))
		}
	}
	for _, f := range m.Functions {
		for _, p := range f.Params {
			if p.Depends != nil {
				add(p.Depends.Target)
			}
		}
	}
	return out
}

// prodTypeNarrowing reports whether an assert condition only narrows a type:
// isinstance(...), x is not None, x is None, and conjunctions of those.
func prodTypeNarrowing(m *analyzer.Module, cond *pyast.Node) bool {
	cond = pyast.Unparen(cond)
	switch cond.Type() {
	case "call":
		q := calledName(m, cond)
		return q == "builtins.isinstance" || q == "builtins.issubclass" || pyast.Callee(cond).Text() == "issubclass"
	case "comparison_operator":
		ops := cond.ChildrenByField("operators")
		if len(ops) != 1 {
			return false
		}
		op := strings.Join(strings.Fields(ops[0].Text()), " ")
		kids := cond.NamedChildren()
		return (op == "is not" || op == "is") && pyast.Unparen(kids[len(kids)-1]).Is("none")
	case "boolean_operator":
		return cond.ChildByField("operator").Text() == "and" &&
			prodTypeNarrowing(m, cond.ChildByField("left")) && prodTypeNarrowing(m, cond.ChildByField("right"))
	}
	return false
}

// prodUnderTypeChecking reports whether n lies under `if TYPE_CHECKING:`.
func prodUnderTypeChecking(m *analyzer.Module, n *pyast.Node) bool {
	for p := n.Ancestor("if_statement"); p != nil; p = p.Ancestor("if_statement") {
		cond := pyast.Unparen(p.ChildByField("condition"))
		if q := m.Resolve(cond); (q == "typing.TYPE_CHECKING" || cond.Text() == "TYPE_CHECKING") && p.ChildByField("consequence").Contains(n) {
			return true
		}
	}
	return false
}
