package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA407 = register(&analyzer.Rule{
	Code: "FA407", Name: "http-exception-not-raised", Principle: analyzer.PrincipleErrors, Severity: analyzer.SeverityError,
	Precision: "very-high", Since: "0.1.0",
	Summary: "An `HTTPException` that is returned or built and dropped instead of raised: the error never reaches the client.",
	Doc: analyzer.Doc{
		What: "Reports `HTTPException(...)` (FastAPI's or Starlette's, or a project subclass, possibly defined in another module) that is " +
			"created as a bare expression statement anywhere, and `return HTTPException(...)` — or `return exc` where every binding of the " +
			"local `exc` is such a call — in a path operation or a dependency.",
		Why: "An exception only changes the response when it is raised. Returned from a handler, FastAPI serialises it like any object: the " +
			"client gets `200 OK` with `{\"status_code\": 404, \"detail\": ..., \"headers\": null}` as the body. Returned from a dependency, it is " +
			"handed to the handler as the dependency's value. Built as a bare statement, it is discarded and execution goes on as if the check had passed.",
		Example: "@router.get(\"/items/{item_id}\")\nasync def read_item(item_id: int):\n    item = await repo.get(item_id)\n    if item is None:\n" +
			"        return HTTPException(status_code=404, detail=\"Item not found\")\n    return item\n",
		UseInstead: "@router.get(\"/items/{item_id}\")\nasync def read_item(item_id: int):\n    item = await repo.get(item_id)\n    if item is None:\n" +
			"        raise HTTPException(status_code=404, detail=\"Item not found\")\n    return item\n",
		Limits: "Functions that return an exception on purpose to be raised by their caller (`raise not_found(\"user\")`) are neither handlers " +
			"nor dependencies and are not reported. Exceptions stored in containers or attributes and returned from there are not followed.",
		References: []string{"https://fastapi.tiangolo.com/tutorial/handling-errors/#use-httpexception"},
	},
	CheckModule: checkHTTPExceptionNotRaised,
})

func checkHTTPExceptionNotRaised(pass *analyzer.Pass) {
	m := pass.Module
	for _, call := range m.Nodes("call") {
		p := call.Up()
		for p.Is("parenthesized_expression") {
			p = p.Up()
		}
		switch {
		case p.Is("expression_statement") && p.NamedChild(0) != nil && pyast.Unparen(p.NamedChild(0)) == call:
			fa407Report(pass, call, call, "", func(name string) string {
				return fmt.Sprintf("`%s(...)` is created but never raised, so execution goes on as if the check had passed; add `raise`", name)
			})
		case p.Is("return_statement"):
			fn := m.EnclosingFunction(call)
			if fn == nil || pyast.EnclosingFunction(call) != fn.Node {
				continue
			}
			fa407Returned(pass, fn, call, call)
		}
	}
	// `return exc` with exc bound to an HTTPException.
	for _, ret := range m.Nodes("return_statement") {
		v := pyast.Unparen(ret.NamedChild(0))
		if !v.Is("identifier") {
			continue
		}
		fn := m.EnclosingFunction(ret)
		if fn == nil || pyast.EnclosingFunction(ret) != fn.Node || fn.Param(v.Text()) != nil {
			continue
		}
		bs := m.Bindings(fn)[v.Text()]
		if len(bs) == 0 {
			continue
		}
		var call *pyast.Node
		for _, b := range bs {
			c := pyast.Unparen(b.Value)
			if !c.Is("call") || !b.Node.Is("assignment") {
				call = nil
				break
			}
			if call == nil {
				call = c
			}
		}
		if call != nil {
			fa407Returned(pass, fn, ret.NamedChild(0), call)
		}
	}
}

// fa407Returned reports `return <exception>` at at, when call builds an
// HTTPException and fn is a handler or a dependency.
func fa407Returned(pass *analyzer.Pass, fn *analyzer.Function, at, call *pyast.Node) {
	what, dep := "handler "+fn.Name, ""
	if fn.Handler == nil {
		if fn.Outer != nil {
			return // a closure: not a dependency the project knows
		}
		what, dep = "dependency "+fn.Name, pass.Module.Name+"."+fn.QualName
	}
	fa407Report(pass, at, call, dep, func(name string) string {
		return fmt.Sprintf("%s returns `%s(...)` instead of raising it, so the client gets 200 with the exception serialised as the body; use `raise %s(...)`",
			what, name, name)
	})
}

// fa407Report reports at n when call builds an HTTPException; dep, when
// set, names a function that must also be a dependency. The class may be a
// project subclass defined in another module.
func fa407Report(pass *analyzer.Pass, n, call *pyast.Node, dep string, message func(name string) string) {
	m := pass.Module
	q := calledName(m, call)
	if q == "" {
		return
	}
	name := pyast.DottedName(pyast.Callee(call))
	if q == "fastapi.HTTPException" && dep == "" {
		pass.Report(n, "%s", message(name))
		return
	}
	if q != "fastapi.HTTPException" && !m.IsProjectSymbol(q) && analyzer.ModuleOf(q) != m.Name {
		return
	}
	pass.ReportWhen(n, func(p *analyzer.Project) string {
		if !isHTTPExceptionClass(p, q, 0) || dep != "" && !runsPerRequest(p, dep) {
			return ""
		}
		return message(name)
	})
}

// isHTTPExceptionClass reports whether q is fastapi.HTTPException or a
// project class deriving from it.
func isHTTPExceptionClass(p *analyzer.Project, q string, depth int) bool {
	if q == "fastapi.HTTPException" {
		return true
	}
	if depth > 8 {
		return false
	}
	c := p.Class(q)
	if c == nil {
		return false
	}
	for _, b := range c.Bases {
		if isHTTPExceptionClass(p, analyzer.Canonical(p.Canonical(b)), depth+1) {
			return true
		}
	}
	return false
}
