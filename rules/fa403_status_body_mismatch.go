package rules

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA403 = register(&analyzer.Rule{
	Code: "FA403", Name: "status-body-mismatch", Principle: analyzer.PrincipleErrors, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0",
	Summary: "A status code that contradicts the response: 204/304 with a body or response model, a 2xx HTTPException, or a code that is not an HTTP status.",
	Doc: analyzer.Doc{
		What: "Resolves status codes wherever they are written — literals, `status.HTTP_204_NO_CONTENT`, `HTTPStatus.NO_CONTENT`, " +
			"`int(HTTPStatus...)`, module-level constants — and reports:\n\n" +
			"- a route whose `status_code=` forbids a body (204, 205, 304, or 1xx) while it declares a `response_model=`, has a return " +
			"annotation that FastAPI turns into one (anything but `None` or a `Response` class), or returns a value that is not a `Response`;\n" +
			"- `HTTPException(...)` with a 2xx status: an exception that says success;\n" +
			"- a status outside 100–599 given to a route decorator, a response class, `HTTPException`, or assigned to `<response>.status_code` " +
			"(for example a WebSocket close code such as `status.WS_1008_POLICY_VIOLATION`).",
		Why: "FastAPI refuses to start when a 204/304 route has a response model (`AssertionError: Status code 204 must not have a response " +
			"body`), and when the route has none it silently empties whatever the handler returns, so the data never reaches the client. " +
			"An `HTTPException` with status 200 aborts the handler and sends its detail as if everything went fine. A status outside 100–599 " +
			"is not HTTP: servers and proxies reject or rewrite it.",
		Example: "@router.delete(\"/items/{item_id}\", status_code=204, response_model=Item)\nasync def delete_item(item_id: int):\n" +
			"    item = await repo.delete(item_id)\n    return item\n",
		UseInstead: "@router.delete(\"/items/{item_id}\", status_code=status.HTTP_204_NO_CONTENT)\nasync def delete_item(item_id: int) -> None:\n" +
			"    await repo.delete(item_id)\n\n# or keep the body and answer 200\n" +
			"@router.delete(\"/items/{item_id}\", response_model=Item)\nasync def delete_item(item_id: int):\n    return await repo.delete(item_id)\n",
		Limits: "Status codes imported from other modules, or computed at run time, are not resolved and not reported. On a no-body " +
			"route, only values that are surely a body are reported — literals, displays, variables, attributes, objects built by a class of " +
			"the module — not the result of other calls, which may be a `Response` or `None`.",
		References: []string{
			"https://fastapi.tiangolo.com/advanced/response-change-status-code/",
			"https://www.rfc-editor.org/rfc/rfc9110#section-15.3.5",
			"https://www.rfc-editor.org/rfc/rfc9110#section-15",
		},
	},
	CheckModule: checkStatusBodyMismatch,
})

// fa403NoBody reports whether a status forbids a response body
// (FastAPI's is_body_allowed_for_status_code).
func fa403NoBody(code int) bool {
	return code < 200 || code == 204 || code == 205 || code == 304
}

// fa403StatusName renders "204 No Content".
func fa403StatusName(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprint(code)
}

func checkStatusBodyMismatch(pass *analyzer.Pass) {
	m := pass.Module
	// Routes: no-body statuses with a body, and invalid codes.
	for _, fn := range m.Functions {
		h := fn.Handler
		if h == nil {
			continue
		}
		n := h.Kwarg("status_code")
		code, ok := statusCode(m, nil, n)
		if !ok {
			continue
		}
		if code < 100 || code > 599 {
			pass.Report(n, "route status_code %d of handler %s is not an HTTP status (100–599); use a `status.HTTP_*` constant", code, fn.Name)
			continue
		}
		if !fa403NoBody(code) {
			continue
		}
		if rm := h.Kwarg("response_model"); rm != nil && !pyast.Unparen(rm).Is("none") {
			pass.Report(n, "route of handler %s answers %s but declares `response_model=%s`: FastAPI refuses to start (a %d response has no body); drop the response model or use status 200",
				fn.Name, fa403StatusName(code), fa302Short(rm.Text()), code)
			continue
		}
		if h.Kwarg("response_model") == nil && fn.Returns != nil && !fa403NoModelAnnotation(m, fn.Returns) {
			pass.Report(n, "route of handler %s answers %s but its return annotation `-> %s` becomes a response model: FastAPI refuses to start (a %d response has no body); annotate `-> None` or set `response_model=None`",
				fn.Name, fa403StatusName(code), fa302Short(fn.Returns.Text()), code)
			continue
		}
		fa211Returns(fn, func(v *pyast.Node) {
			if fa403IsResponse(m, fn, v) || !fa403IsBody(m, fn, v) {
				return
			}
			pass.Report(v, "handler %s returns a body on a route that answers %s: FastAPI sends an empty body, so this value never reaches the client; return nothing (or `Response(status_code=%d)`), or use status 200",
				fn.Name, fa403StatusName(code), code)
		})
	}
	// HTTPException and response classes.
	for _, call := range m.Nodes("call") {
		status, _, ok := responseCall(m, call)
		if !ok || status == nil {
			continue
		}
		fn := m.EnclosingFunction(call)
		code, known := statusCode(m, fn, status)
		if !known {
			continue
		}
		name := pyast.DottedName(pyast.Callee(call))
		switch {
		case code < 100 || code > 599:
			pass.Report(status, "`%s(...)` is given status %d, which is not an HTTP status (100–599); use a `status.HTTP_*` constant", name, code)
		case calledName(m, call) == "fastapi.HTTPException" && isSuccess(code):
			pass.Report(status, "`%s` with status %s reports success as an error: it aborts the handler and sends its detail with a 2xx status; raise a 4xx/5xx status, or return the response normally",
				name, fa403StatusName(code))
		}
	}
	// response.status_code = N
	for _, a := range m.Nodes("assignment") {
		left := a.ChildByField("left")
		if !left.Is("attribute") || left.ChildByField("attribute").Text() != "status_code" {
			continue
		}
		right := a.ChildByField("right")
		if code, ok := statusCode(m, m.EnclosingFunction(a), right); ok && (code < 100 || code > 599) {
			pass.Report(right, "`%s` is set to %d, which is not an HTTP status (100–599); use a `status.HTTP_*` constant", left.Text(), code)
		}
	}
}

// fa403NoModelAnnotation reports whether a return annotation does not make
// a response model: None, or a Response class.
func fa403NoModelAnnotation(m *analyzer.Module, t *pyast.Node) bool {
	t = pyast.Unparen(t)
	if t.Is("type") {
		t = t.NamedChild(0)
	}
	switch t.Type() {
	case "none":
		return true
	case "identifier", "attribute":
		if t.Text() == "None" || t.Text() == "NoReturn" {
			return true
		}
		q := m.Resolve(t)
		if q == "" {
			return true // unknown: stay silent
		}
		// A project Response subclass cannot be told here; a name ending
		// in Response is taken for one.
		return q == "fastapi.Response" || strings.HasPrefix(q, "fastapi.responses.") || strings.HasSuffix(analyzer.LastPart(q), "Response")
	case "generic_type", "subscript", "binary_operator":
		return strings.Contains(t.Text(), "Response")
	}
	return true // a string forward reference or anything unexpected
}

// fa403IsBody reports whether a returned value is surely a body: a literal,
// a display or comprehension, a variable or attribute (not bound to None),
// or a call that builds an object (a class of this module, dict(), list()).
// Other calls are not followed: a helper may return a Response, or None.
func fa403IsBody(m *analyzer.Module, fn *analyzer.Function, v *pyast.Node) bool {
	v = pyast.Unparen(v)
	switch v.Type() {
	case "none", "":
		return false
	case "await":
		return false
	case "call":
		q := calledName(m, v)
		switch q {
		case "builtins.dict", "builtins.list", "builtins.tuple", "builtins.str", "builtins.set":
			return true
		}
		return analyzer.ModuleOf(q) == m.Name && m.ClassNamed(analyzer.LastPart(q)) != nil
	case "identifier":
		bs := m.Bindings(fn)[v.Text()]
		for _, b := range bs {
			if pyast.Unparen(b.Value).Is("none") {
				return false
			}
		}
		return len(bs) > 0 || fn.Param(v.Text()) != nil
	}
	return true
}

// fa403IsResponse reports whether a returned value is a Response object.
func fa403IsResponse(m *analyzer.Module, fn *analyzer.Function, v *pyast.Node) bool {
	v = pyast.Unparen(v)
	if v.Is("await") {
		v = pyast.Unparen(v.NamedChild(0))
	}
	isCall := func(c *pyast.Node) bool {
		c = pyast.Unparen(c)
		if !c.Is("call") {
			return false
		}
		q := calledName(m, c)
		if q == "fastapi.Response" || strings.HasPrefix(q, "fastapi.responses.") {
			return true
		}
		callee := pyast.Callee(c)
		name := pyast.DottedName(callee)
		if callee.Is("attribute") {
			name = callee.ChildByField("attribute").Text()
		}
		return strings.HasSuffix(analyzer.LastPart(name), "Response")
	}
	switch v.Type() {
	case "call":
		return isCall(v)
	case "identifier":
		if p := fn.Param(v.Text()); p != nil {
			q := m.Resolve(p.Annotation)
			return q == "fastapi.Response" || strings.HasPrefix(q, "fastapi.responses.")
		}
		bs := m.Bindings(fn)[v.Text()]
		for _, b := range bs {
			if isCall(b.Value) || strings.HasSuffix(b.Annotation.Text(), "Response") {
				return true
			}
		}
	}
	return false
}
