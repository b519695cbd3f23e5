package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA501 = register(&analyzer.Rule{
	Code: "FA501", Name: "untyped-body", Principle: analyzer.PrincipleTypes, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A request body that bypasses Pydantic: a `dict`/`Any`/untyped body parameter, or `await request.json()` parsed by hand.",
	Doc: analyzer.Doc{
		What: "Reports, in a path operation (or a dependency of this module that it uses):\n\n" +
			"- a parameter FastAPI reads from the body whose type validates nothing: `dict`, `Dict[str, Any]`, `Mapping`, `Any`, " +
			"`object`, no annotation at all (with `Body(...)`), or a `list`/`Sequence` of those. A `dict`/`list` annotation makes a " +
			"parameter the body on its own; `Any` or no annotation only with `Body(...)` (otherwise FastAPI reads a query parameter). " +
			"Type aliases of this module (`JSON = dict[str, Any]`) and `Annotated` aliases imported from other modules are followed;\n" +
			"- `await request.json()` and `await request.form()` on the `Request`.",
		Why: "Without a model FastAPI accepts any JSON: missing fields, wrong types and unexpected keys reach the handler, which then " +
			"fails with a 500 on `payload[\"email\"]` instead of a 422 that says what is wrong, or stores whatever the client sent " +
			"(mass assignment). The OpenAPI schema shows an empty object, so clients cannot be generated from it.",
		Example: "@router.post(\"/users\")\nasync def create_user(payload: dict):\n    user = User(**payload)  # any key, any type\n    ...\n\n" +
			"@router.post(\"/events\")\nasync def ingest(request: Request):\n    event = await request.json()\n    ...\n",
		UseInstead: "class UserCreate(BaseModel):\n    email: EmailStr\n    name: str = Field(max_length=100)\n\n" +
			"@router.post(\"/users\")\nasync def create_user(payload: UserCreate):\n    user = User(**payload.model_dump())\n    ...\n",
		Limits: "Handlers that read the raw body (`await request.body()`/`request.stream()`) or a signature header, themselves or " +
			"through a dependency, are taken to be webhooks that verify a signature over the raw bytes and are not reported, and neither is JSON that the handler validates " +
			"by hand (`Model.model_validate(...)`, `Model(**data)`, `TypeAdapter(...)`). Mappings with a concrete value type " +
			"(`dict[str, int]`, `dict[str, Item]`) are validated and not reported. Type aliases defined as plain assignments in another " +
			"module are not followed.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/body/",
			"https://fastapi.tiangolo.com/advanced/using-request-directly/",
			"https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/",
		},
	},
	CheckModule: checkUntypedBody,
})

func checkUntypedBody(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	depTargets := map[string]bool{} // functions of this module used as dependencies by its routes
	var handlers []*analyzer.Function
	for _, fn := range m.Functions {
		routes := routesOf(m, fn)
		if len(routes) == 0 {
			continue
		}
		websocket := false
		for _, r := range routes {
			for _, meth := range r.Methods {
				websocket = websocket || meth == "WEBSOCKET"
			}
		}
		if websocket {
			continue
		}
		handlers = append(handlers, fn)
		for _, p := range fn.Params {
			if p.Depends != nil && analyzer.ModuleOf(p.Depends.Target) == m.Name {
				depTargets[analyzer.LastPart(p.Depends.Target)] = true
			}
		}
	}
	for _, fn := range m.Functions {
		isHandler := false
		for _, h := range handlers {
			isHandler = isHandler || h == fn
		}
		if !isHandler && !(fn.Class == nil && fn.Outer == nil && depTargets[fn.Name]) {
			continue
		}
		if fa501RawBodyReader(m, fn) {
			continue
		}
		var pathNames map[string]bool
		if isHandler {
			pathNames = map[string]bool{}
			for _, r := range routesOf(m, fn) {
				for _, name := range pathParams(r.Path) {
					pathNames[name] = true
				}
			}
		}
		report := func(n *pyast.Node, msg string, pydanticSplat []string) {
			handler := qualify(m.Name, fn.QualName)
			if len(pydanticSplat) == 0 && !fa501HasDeps(fn) {
				pass.Report(n, "%s", msg)
				return
			}
			pass.ReportWhen(n, func(p *analyzer.Project) string {
				for _, c := range pydanticSplat {
					if p.IsPydanticModel(c) {
						return "" // Model(**data) validates it
					}
				}
				for dep := range dependencyClosure(p, handler, nil) {
					if f := p.Function(dep); f != nil && f.Tags[rawBodyTag] != "" {
						return "" // a dependency reads the raw body: a webhook verifying a signature
					}
				}
				return msg
			})
		}
		for _, fp := range classifyParams(m, fn, pathNames) {
			fa501Param(pass, fn, fp, report)
		}
		fa501ParsedByHand(pass, fn, report)
	}
}

// fa501HasDeps reports whether fn has a Depends parameter (or an Annotated
// alias that may hide one).
func fa501HasDeps(fn *analyzer.Function) bool {
	for _, p := range fn.Params {
		if p.Depends != nil || p.Alias != "" || p.Annotation.Is("attribute") {
			return true
		}
	}
	return false
}

type fa501Reporter func(n *pyast.Node, msg string, pydanticSplat []string)

// fa501Param reports a body parameter whose type validates nothing.
func fa501Param(pass *analyzer.Pass, fn *analyzer.Function, fp *fastParam, report fa501Reporter) {
	m := pass.Module
	p := fp.P
	if fp.Skip {
		return
	}
	switch {
	case fp.Source == srcBody:
		if what := fa501Loose(m, p.Annotation, fp.Marker == "Body", 0); what != "" {
			report(p.Node, fmt.Sprintf("parameter `%s` of %s takes the request body as %s, so FastAPI validates nothing in it; declare a Pydantic model with the expected fields and use it as the type",
				p.Name, fn.Name, what), nil)
		}
	case fp.DepTarget != "" && strings.HasPrefix(fp.DepTarget, "alias:") && fp.Marker == "":
		// An Annotated alias of another module: `JSONBody = Annotated[dict, Body()]`.
		alias, name, fnName := strings.TrimPrefix(fp.DepTarget, "alias:"), p.Name, fn.Name
		pass.ReportWhen(p.Node, func(pr *analyzer.Project) string {
			_, sf := pr.Lookup(alias)
			if sf == nil || sf.Kind != analyzer.SymbolVar || sf.AliasDep != "" {
				return ""
			}
			switch pr.Resolve(sf.AliasType).Type() {
			case "builtins.dict", "typing.Dict", "typing.Any", "builtins.object":
				return fmt.Sprintf("parameter `%s` of %s takes the request body as `%s` (an untyped mapping), so FastAPI validates nothing in it; declare a Pydantic model with the expected fields and use it as the type",
					name, fnName, analyzer.LastPart(alias))
			}
			return ""
		})
	}
}

// fa501Loose describes a body annotation that validates nothing ("" when it
// validates something): no annotation or Any (only with an explicit Body()),
// an untyped mapping, or a sequence of those.
func fa501Loose(m *analyzer.Module, t *pyast.Node, explicitBody bool, depth int) string {
	t = unwrapTypeNode(t)
	if depth > 6 {
		return ""
	}
	if t == nil {
		if explicitBody {
			return "an untyped `Body()`"
		}
		return ""
	}
	if members := unionMembers(m, t); members != nil {
		for _, mem := range members {
			if unwrapTypeNode(mem).Is("none") {
				continue
			}
			if what := fa501Loose(m, mem, explicitBody, depth+1); what != "" {
				return "`" + t.Text() + "`"
			}
		}
		return ""
	}
	head, args := typeParts(t)
	if !head.Is("identifier", "attribute") {
		return ""
	}
	q := m.Resolve(head)
	if q == "" {
		if alias := localTypeAlias(m, head); alias != nil && len(args) == 0 {
			if fa501Loose(m, alias, explicitBody, depth+1) != "" {
				return "`" + t.Text() + "` (`" + alias.Text() + "`)"
			}
		}
		return ""
	}
	switch {
	case anyTypes[q]:
		if explicitBody || depth > 0 {
			return "`" + t.Text() + "`"
		}
	case mappingTypes[q]:
		// dict, Dict, Dict[str, Any]: the values are anything.
		if len(args) < 2 || fa501AnyValue(m, args[len(args)-1]) {
			return "`" + t.Text() + "`"
		}
	case sequenceTypes[q]:
		if len(args) == 0 {
			return "`" + t.Text() + "` (a list of anything)"
		}
		if fa501Loose(m, args[0], true, depth+1) != "" {
			return "`" + t.Text() + "`"
		}
	default:
		if alias := localTypeAlias(m, head); alias != nil && len(args) == 0 {
			if fa501Loose(m, alias, explicitBody, depth+1) != "" {
				return "`" + t.Text() + "` (`" + alias.Text() + "`)"
			}
		}
	}
	return ""
}

// fa501AnyValue reports whether a mapping's value type accepts anything.
func fa501AnyValue(m *analyzer.Module, t *pyast.Node) bool {
	t = unwrapTypeNode(t)
	head, args := typeParts(t)
	q := m.Resolve(head)
	return anyTypes[q] || mappingTypes[q] && (len(args) < 2 || fa501AnyValue(m, args[len(args)-1]))
}

// fa501ParsedByHand reports `await request.json()`/`request.form()` on a
// Request parameter, unless the handler validates the result by hand.
func fa501ParsedByHand(pass *analyzer.Pass, fn *analyzer.Function, report fa501Reporter) {
	m := pass.Module
	validated, splatClasses := fa501ValidatesByHand(m, fn)
	if validated {
		return
	}
	for _, call := range m.Nodes("call") {
		recv, method := methodCall(call)
		if method != "json" && method != "form" || !recv.Is("identifier") || m.EnclosingFunction(call) != fn {
			continue
		}
		p := fn.Param(recv.Text())
		if p == nil || m.Resolve(p.Annotation) != "fastapi.Request" || !pyast.IsAwaited(call) {
			continue
		}
		what := "JSON"
		if method == "form" {
			what = "form"
		}
		msg := fmt.Sprintf("%s parses the request %s by hand with `%s.%s()`, so FastAPI validates nothing and documents no body; declare a Pydantic model (or `Form()` fields) as a parameter instead",
			fn.Name, what, recv.Text(), method)
		report(call, msg, splatClasses)
	}
}

// fa501RawBodyReader reports whether fn reads the raw body (request.body(),
// request.stream()) or a signature header: a webhook that must verify a
// signature over the exact bytes.
func fa501RawBodyReader(m *analyzer.Module, fn *analyzer.Function) bool {
	found := false
	fn.Body().Walk(func(n *pyast.Node) bool {
		if found {
			return false
		}
		switch n.Kind {
		case "call":
			if _, method := methodCall(n); method == "body" || method == "stream" {
				found = true
			}
		case "string":
			if s, ok := pyast.StringValue(n); ok && fa501SignatureName(s) {
				found = true
			}
		}
		return true
	})
	for _, p := range fn.Params {
		if fa501SignatureName(p.Name) {
			found = true
		}
		for _, md := range append([]*pyast.Node{p.Default}, p.Metadata...) {
			if s, ok := pyast.StringValue(pyast.Kwarg(pyast.Unparen(md), "alias")); ok && fa501SignatureName(s) {
				found = true
			}
		}
	}
	return found
}

// fa501SignatureName reports whether a header name carries a webhook signature.
func fa501SignatureName(s string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return r == '-' || r == '_' || r == ' ' }) {
		if w == "signature" || w == "hmac" || w == "sig" || strings.HasSuffix(w, "signature") {
			return true
		}
	}
	return false
}

// fa501ValidatesByHand reports whether fn validates data with Pydantic by
// hand (Model.model_validate(...), parse_obj(...), TypeAdapter(...)), and
// returns the project classes it calls with `**data` (Pydantic models
// validate them; ORM models do not).
func fa501ValidatesByHand(m *analyzer.Module, fn *analyzer.Function) (bool, []string) {
	found := false
	var splat []string
	fn.Body().Walk(func(n *pyast.Node) bool {
		if found || n.Kind != "call" {
			return !found
		}
		_, method := methodCall(n)
		switch method {
		case "model_validate", "model_validate_json", "parse_obj", "parse_raw", "validate_python", "validate_json":
			found = true
		}
		switch q := calledName(m, n); q {
		case "pydantic.TypeAdapter", "pydantic.parse_obj_as", "pydantic.tools.parse_obj_as":
			found = true
		}
		if pyast.HasDictSplat(n) {
			if q := calledName(m, n); q != "" && (analyzer.ModuleOf(q) == m.Name || m.IsProjectSymbol(q)) {
				splat = append(splat, q)
			}
		}
		return !found
	})
	return found, splat
}
