package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA502 = register(&analyzer.Rule{
	Code: "FA502", Name: "missing-response-model", Principle: analyzer.PrincipleTypes, Severity: analyzer.SeverityNote,
	Precision: "high", Since: "0.1.0",
	Summary: "A path operation with neither `response_model=` nor a return annotation: its output is neither validated nor documented.",
	Doc: analyzer.Doc{
		What: "Reports the route decorator of a path operation that returns a value but declares no response model: no " +
			"`response_model=` argument and no return annotation on the function.",
		Why: "The response model is what FastAPI validates, filters and documents the output with. Without one, whatever the handler " +
			"returns is serialised as is — every column of an ORM object, internal fields of a dict — and the OpenAPI schema shows " +
			"an empty response, so generated clients get `any`. A return annotation costs one line and makes FastAPI filter the " +
			"output to the declared fields.",
		Example:    "@router.get(\"/users/{user_id}\")\nasync def read_user(user_id: int, db: DBSession):\n    return await db.get(User, user_id)\n",
		UseInstead: "@router.get(\"/users/{user_id}\")\nasync def read_user(user_id: int, db: DBSession) -> UserOut:\n    return await db.get(User, user_id)\n",
		Limits: "Not reported: handlers that return a `Response` object (`JSONResponse`, `StreamingResponse`, " +
			"`FileResponse`, `RedirectResponse`, `templates.TemplateResponse(...)`, any class named `*Response`, a variable " +
			"assigned one, or a project function that returns one) — unless another `return` plainly returns data (a dict or list " +
			"literal) —, routes with `response_class=`, `include_in_schema=False`, " +
			"status 204 or a 3xx status, handlers that return nothing, and websocket routes. `response_model=None` is taken as a " +
			"deliberate choice.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/response-model/",
			"https://fastapi.tiangolo.com/advanced/custom-response/",
		},
	},
	CheckModule: checkMissingResponseModel,
})

func checkMissingResponseModel(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, fn := range m.Functions {
		routes := routesOf(m, fn)
		if len(routes) == 0 || fn.Node.ChildByField("return_type") != nil || fn.Generator {
			continue
		}
		var target *route
		for i := range routes {
			if fa502Exempt(m, fn, &routes[i]) {
				target = nil
				break
			}
			if target == nil {
				target = &routes[i]
			}
		}
		if target == nil {
			continue
		}
		var helpers []string
		responds, literal, unknown, returns := false, false, false, false
		forEachReturn(fn, func(v *pyast.Node) {
			returns = true
			c := fa502Classify(m, fn, v, 0)
			responds = responds || c.response
			literal = literal || c.literal
			unknown = unknown || c.unknown
			helpers = append(helpers, c.helpers...)
		})
		// A handler that returns a Response on some path is only reported
		// when another path plainly returns data (`return {...}`); one whose
		// returned value comes from a call we cannot follow is not reported.
		if !returns || responds && !literal || unknown && !literal {
			continue
		}
		msg := fmt.Sprintf("handler %s declares neither `response_model=` nor a return annotation, so what it returns is not validated, filtered or documented; annotate the return type (`-> ItemOut`) or pass `response_model=`",
			fn.Name)
		if len(helpers) == 0 || literal {
			pass.Report(target.Decorator, "%s", msg)
			continue
		}
		pass.ReportWhen(target.Decorator, func(p *analyzer.Project) string {
			for _, h := range helpers {
				if rest, ok := strings.CutPrefix(h, "kind:"); ok {
					k, method, _ := strings.Cut(rest, "#")
					h = p.Resolve(analyzer.Kind(k)).Type() + "." + method
				}
				if f := p.Function(h); f == nil || f.Tags[returnsResponseTag] != "" {
					return "" // it may return (or does return) a Response
				}
			}
			return msg
		})
	}
}

// fa502Exempt reports whether a route is fine without a response model.
func fa502Exempt(m *analyzer.Module, fn *analyzer.Function, r *route) bool {
	for _, c := range r.Methods {
		if c == "WEBSOCKET" {
			return true
		}
	}
	dec := r.Decorator
	if pyast.Kwarg(dec, "response_model") != nil || pyast.Kwarg(dec, "response_class") != nil {
		return true
	}
	if v := pyast.Kwarg(dec, "include_in_schema"); v.Is("false") {
		return true
	}
	if code, ok := statusCode(m, nil, pyast.Kwarg(dec, "status_code")); ok && (code == 204 || code == 304 || code >= 300 && code < 400) {
		return true
	}
	return false
}

// fa502Value is what a returned expression is known to be.
type fa502Value struct {
	response bool     // a Response object
	literal  bool     // plainly data: a dict/list literal, a string, a number
	unknown  bool     // the result of a call that cannot be followed
	helpers  []string // project functions whose result is returned ("kind:K#method" for methods of pending kinds)
}

func (v *fa502Value) merge(o fa502Value) {
	v.response = v.response || o.response
	v.literal = v.literal || o.literal
	v.unknown = v.unknown || o.unknown
	v.helpers = append(v.helpers, o.helpers...)
}

// fa502DataMethods are methods whose result is data, not a Response.
var fa502DataMethods = map[string]bool{
	"all": true, "first": true, "one": true, "one_or_none": true, "scalar": true, "scalars": true,
	"scalar_one": true, "scalar_one_or_none": true, "fetchall": true, "fetchone": true, "mappings": true,
	"model_dump": true, "dict": true, "to_dict": true, "items": true, "keys": true, "values": true, "copy": true,
	"count": true, "get": true, "json": true, "format": true, "join": true, "split": true, "strip": true,
}

// fa502Classify tells what a returned expression is.
func fa502Classify(m *analyzer.Module, fn *analyzer.Function, v *pyast.Node, depth int) fa502Value {
	v = pyast.Unparen(v)
	if v.Is("await") {
		v = pyast.Unparen(v.NamedChild(0))
	}
	if depth > 4 {
		return fa502Value{unknown: true}
	}
	switch v.Type() {
	case "dictionary", "list", "tuple", "set", "list_comprehension", "dictionary_comprehension", "set_comprehension",
		"string", "concatenated_string", "integer", "float", "true", "false":
		return fa502Value{literal: true}
	case "conditional_expression":
		var out fa502Value
		for i, c := range v.NamedChildren() {
			if i != 1 { // skip the condition
				out.merge(fa502Classify(m, fn, c, depth+1))
			}
		}
		return out
	case "call":
		if isResponseCall(m, v) {
			return fa502Value{response: true}
		}
		return fa502CallValue(m, fn, v)
	case "identifier":
		if isResponseValue(m, fn, v) {
			return fa502Value{response: true}
		}
		if fn.Param(v.Text()) != nil {
			return fa502Value{}
		}
		var out fa502Value
		fn.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "assignment", "augmented_assignment":
				if l := n.ChildByField("left"); l.Is("identifier") && l.Text() == v.Text() {
					if r := n.ChildByField("right"); r != nil {
						c := fa502Classify(m, fn, r, depth+1)
						c.literal = false // a variable is not plainly data
						out.merge(c)
					}
				}
			}
			return true
		})
		return out
	}
	return fa502Value{}
}

// fa502CallValue classifies a returned call that is not a Response.
func fa502CallValue(m *analyzer.Module, fn *analyzer.Function, call *pyast.Node) fa502Value {
	callee := pyast.Callee(call)
	q := m.CalleeName(fn, call)
	recv, method := methodCall(call)
	switch {
	case q != "" && (analyzer.ModuleOf(q) == m.Name || m.IsProjectSymbol(q)):
		if name := analyzer.LastPart(q); name != "" && strings.ToUpper(name[:1]) == name[:1] && !strings.Contains(name, "_") {
			return fa502Value{} // a class: its instance is data
		}
		return fa502Value{helpers: []string{q}}
	case q == "" && recv != nil:
		if k := m.KindOf(fn, recv); k.Pending() {
			return fa502Value{helpers: []string{"kind:" + string(k) + "#" + method}}
		}
	case strings.HasPrefix(q, "builtins.") || q == "fastapi.encoders.jsonable_encoder":
		return fa502Value{}
	}
	if method != "" && fa502DataMethods[method] {
		return fa502Value{}
	}
	if name := analyzer.LastPart(pyast.DottedName(callee)); name != "" && strings.ToUpper(name[:1]) == name[:1] && !strings.Contains(name, "_") {
		return fa502Value{} // Item(...), schemas.ItemOut(...)
	}
	return fa502Value{unknown: true}
}
