package rules

// Shared helpers of the 5xx rules (FA501–FA508): where FastAPI reads each
// parameter of a path operation or dependency from, route decorators
// (including routes declared inside an app factory), path templates, and a
// fact collector that records every function's parameters for the project
// phase (FunctionFacts holds no parameter names).
//
// The classification follows fastapi.dependencies.utils.analyze_param:
//
//  1. a Depends/Security marker (in Annotated metadata or as the default)
//     makes a dependency;
//  2. Request, WebSocket, HTTPConnection, Response, BackgroundTasks and
//     SecurityScopes annotations are injected (special);
//  3. an explicit Query/Path/Body/Header/Cookie/Form/File marker decides;
//  4. otherwise a name that appears in the path is a path parameter, an
//     UploadFile (or a list of them) is a file, a "complex" annotation — a
//     Pydantic model, a dataclass, a mapping (dict), a sequence (list, set,
//     tuple) or a union holding one — is the body, and anything else
//     (scalars, Any, no annotation) is a query parameter.

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// paramSource is where FastAPI reads a parameter from.
type paramSource string

const (
	srcPath    paramSource = "path"
	srcQuery   paramSource = "query"
	srcBody    paramSource = "body"
	srcHeader  paramSource = "header"
	srcCookie  paramSource = "cookie"
	srcForm    paramSource = "form"
	srcFile    paramSource = "file"
	srcDepends paramSource = "dependency"
	srcSpecial paramSource = "special" // Request, Response, BackgroundTasks, WebSocket, SecurityScopes
	srcUnknown paramSource = ""        // decided in the project phase (a project class) or not at all
)

// paramMarkers maps the canonical FastAPI parameter functions to the source
// they declare.
var paramMarkers = map[string]paramSource{
	"fastapi.Query": srcQuery, "fastapi.Path": srcPath, "fastapi.Body": srcBody, "fastapi.Header": srcHeader,
	"fastapi.Cookie": srcCookie, "fastapi.Form": srcForm, "fastapi.File": srcFile,
	"fastapi.Depends": srcDepends, "fastapi.Security": srcDepends,
}

// specialParamTypes are the annotations FastAPI injects instead of reading
// them from the request (canonical names).
var specialParamTypes = map[string]bool{
	"fastapi.Request": true, "fastapi.WebSocket": true, "fastapi.websockets.WebSocket": true,
	"starlette.websockets.WebSocket": true, "starlette.requests.HTTPConnection": true,
	"fastapi.requests.HTTPConnection": true, "fastapi.Response": true, "fastapi.BackgroundTasks": true,
	"fastapi.security.SecurityScopes": true, "fastapi.security.oauth2.SecurityScopes": true,
}

// uploadFileTypes are the annotations FastAPI reads as uploaded files.
var uploadFileTypes = map[string]bool{
	"fastapi.UploadFile": true, "starlette.datastructures.UploadFile": true,
}

// mappingTypes and sequenceTypes make an unmarked parameter the body.
var (
	mappingTypes = map[string]bool{
		"builtins.dict": true, "typing.Dict": true, "typing.Mapping": true, "typing.MutableMapping": true,
		"collections.abc.Mapping": true, "collections.abc.MutableMapping": true, "collections.OrderedDict": true,
		"typing.OrderedDict": true, "collections.defaultdict": true, "typing.DefaultDict": true,
	}
	sequenceTypes = map[string]bool{
		"builtins.list": true, "builtins.set": true, "builtins.tuple": true, "builtins.frozenset": true,
		"typing.List": true, "typing.Set": true, "typing.Tuple": true, "typing.FrozenSet": true,
		"typing.Sequence": true, "typing.Deque": true, "typing.AbstractSet": true, "typing.MutableSequence": true,
		"typing.MutableSet": true, "collections.deque": true, "collections.abc.Sequence": true,
		"collections.abc.Set": true, "collections.abc.MutableSequence": true, "collections.abc.MutableSet": true,
	}
	// unionTypes wrap alternatives: a union is complex when one member is.
	unionTypes = map[string]bool{"typing.Optional": true, "typing.Union": true}
	// anyTypes accept any value without validation.
	anyTypes = map[string]bool{"typing.Any": true, "builtins.object": true, "typing_extensions.Any": true}
)

// typeShape is what an annotation tells about FastAPI's reading of it.
type typeShape int

const (
	shapeUnknown typeShape = iota // a library class, a forward reference, ...
	shapeScalar                   // str, int, Any, Literal[...], no annotation: a query parameter
	shapeComplex                  // dict, list, set, tuple, Optional[those]: the body
	shapePending                  // project classes decide (Pydantic model/dataclass: body; Enum: query)
)

// fastParam is one parameter of a path operation or dependency, classified.
type fastParam struct {
	P          *analyzer.Param
	Marker     string      // "Query", "Path", "Body", "Header", "Cookie", "Form", "File", "Depends", "Security" or ""
	MarkerCall *pyast.Node // the marker call, in the default or in Annotated metadata
	InDefault  bool        // the marker is the default value (not Annotated metadata)
	Alias      string      // the marker's literal alias=, "" otherwise
	Source     paramSource // srcUnknown when project classes decide (see Classes)
	Shape      typeShape
	Classes    []string // project classes named in the annotation (shapePending)
	DepTarget  string   // dependency callable; "C.__call__" for Depends(C()); "?" when unresolvable
	Skip       bool     // positional-only, *args/**kwargs or self/cls: FastAPI does not fill it
	PosOnly    bool
}

// Name is the key FastAPI looks the parameter up by: its alias, else its name.
func (fp *fastParam) Name() string {
	if fp.Alias != "" {
		return fp.Alias
	}
	return fp.P.Name
}

// paramMarker finds the FastAPI marker of a parameter: the last FastAPI
// marker among the Annotated metadata, else the default value.
func paramMarker(m *analyzer.Module, p *analyzer.Param) (name string, call *pyast.Node, inDefault bool) {
	for i := len(p.Metadata) - 1; i >= 0; i-- {
		md := pyast.Unparen(p.Metadata[i])
		if md.Is("call") {
			if q := calledName(m, md); paramMarkers[q] != "" || q == "fastapi.Depends" || q == "fastapi.Security" {
				return analyzer.LastPart(q), md, false
			}
		}
	}
	if d := pyast.Unparen(p.Default); d.Is("call") {
		if q := calledName(m, d); paramMarkers[q] != "" {
			return analyzer.LastPart(q), d, true
		}
	}
	return "", nil, false
}

// positionalOnly returns the parameters declared before a `/` separator.
func positionalOnly(fn *analyzer.Function) map[*analyzer.Param]bool {
	list := fn.Node.ChildByField("parameters")
	sep := list.FirstChildOfKind("positional_separator")
	if sep == nil {
		return nil
	}
	out := map[*analyzer.Param]bool{}
	for _, p := range fn.Params {
		if p.Node.EndByte <= sep.StartByte {
			out[p] = true
		}
	}
	return out
}

// isMethod reports whether fn's first parameter is self/cls (a method that
// is neither a staticmethod nor a plain function).
func isMethod(m *analyzer.Module, fn *analyzer.Function) bool {
	if fn.Class == nil {
		return false
	}
	for _, d := range fn.Decorators {
		if d.Text() == "staticmethod" {
			return false
		}
	}
	return true
}

// classifyParams classifies the parameters of fn. pathNames are the path
// parameters of the route when fn is a path operation (nil for a dependency,
// whose unmarked scalars are path parameters when their name is in the
// route's path and query parameters otherwise: they come back as srcQuery).
func classifyParams(m *analyzer.Module, fn *analyzer.Function, pathNames map[string]bool) []*fastParam {
	posOnly := positionalOnly(fn)
	method := isMethod(m, fn)
	var out []*fastParam
	for i, p := range fn.Params {
		fp := &fastParam{P: p}
		out = append(out, fp)
		if posOnly[p] || p.Kind == analyzer.ParamVarArgs || p.Kind == analyzer.ParamKwArgs || method && i == 0 {
			fp.Skip, fp.PosOnly = true, posOnly[p]
			continue
		}
		fp.Marker, fp.MarkerCall, fp.InDefault = paramMarker(m, p)
		// FastAPI reads a parameter by its validation_alias, else its alias.
		for _, kw := range []string{"validation_alias", "alias"} {
			if s, ok := pyast.StringValue(pyast.Kwarg(fp.MarkerCall, kw)); ok && s != "" && fp.Alias == "" {
				fp.Alias = s
			}
		}
		if fp.Marker == "Header" && fp.Alias == "" {
			if cu := pyast.Kwarg(fp.MarkerCall, "convert_underscores"); !cu.Is("false") {
				fp.Alias = strings.ReplaceAll(p.Name, "_", "-")
			}
		}
		switch {
		case p.Depends != nil || fp.Marker == "Depends" || fp.Marker == "Security":
			fp.Source = srcDepends
			fp.DepTarget = depTarget(m, p, fp.MarkerCall)
			continue
		case p.Alias != "" && analyzer.ModuleOf(p.Alias) != m.Name:
			// An imported name as the annotation: an Annotated alias of
			// another module (maybe a dependency) or a project class.
			fp.DepTarget = "alias:" + p.Alias
		case len(p.Metadata) == 0 && p.Annotation.Is("attribute"):
			// `deps.CurrentUser`: the model only follows bare names.
			if q := m.Resolve(p.Annotation); q != "" && m.IsProjectSymbol(q) {
				fp.DepTarget = "alias:" + q
			}
		}
		fp.Shape, _ = annotationShape(m, p.Annotation, 0)
		fp.Classes = projectClassesIn(m, p.Annotation)
		if q := m.Resolve(p.Annotation); specialParamTypes[q] {
			fp.Source = srcSpecial
			continue
		}
		if fp.Marker != "" {
			fp.Source = paramMarkers["fastapi."+fp.Marker]
			continue
		}
		switch {
		case pathNames[p.Name]:
			fp.Source = srcPath
		case isUploadFile(m, p.Annotation):
			fp.Source = srcFile
		case fp.Shape == shapeComplex:
			fp.Source = srcBody
		case fp.Shape == shapeScalar:
			fp.Source = srcQuery
		}
	}
	return out
}

// depTarget returns the dependency callable of a Depends/Security parameter:
// the model's target, the annotation for a bare Depends(), "C.__call__" for
// an instance Depends(C(...)), a library callable as it resolves, and "?"
// when it cannot be named.
func depTarget(m *analyzer.Module, p *analyzer.Param, marker *pyast.Node) string {
	call := marker
	if p.Depends != nil {
		call = p.Depends.Call
	}
	return depCallTarget(m, call, p.Annotation)
}

// depCallTarget names the callable of a Depends(...)/Security(...) call;
// ann is the annotation that a bare Depends() stands for (nil for
// `dependencies=[...]`).
func depCallTarget(m *analyzer.Module, call, ann *pyast.Node) string {
	arg := pyast.Arg(call, 0)
	if arg == nil {
		arg = pyast.Kwarg(call, "dependency")
	}
	if arg == nil {
		if q := m.Resolve(ann); q != "" {
			return q
		}
		return "?"
	}
	arg = pyast.Unparen(arg)
	if arg.Is("call") {
		if q := calledName(m, arg); q != "" {
			if m.ClassNamed(analyzer.LastPart(q)) != nil && analyzer.ModuleOf(q) == m.Name || m.IsProjectSymbol(q) {
				return q + "()" // an instance: its __call__ (or a factory's result)
			}
			return "lib:" + q
		}
		return "?"
	}
	if q := m.Resolve(arg); q != "" {
		return q
	}
	return "?"
}

// isUploadFile reports whether an annotation is UploadFile, Optional of it or
// a sequence of it.
func isUploadFile(m *analyzer.Module, t *pyast.Node) bool {
	found := false
	walkTypeNames(m, t, func(q string) {
		if uploadFileTypes[q] {
			found = true
		}
	})
	return found
}

// typeParts splits a generic annotation: `List[X]` gives the List node and
// [X]; a plain name gives itself and no arguments.
func typeParts(t *pyast.Node) (head *pyast.Node, args []*pyast.Node) {
	t = unwrapTypeNode(t)
	switch t.Type() {
	case "generic_type":
		for _, a := range t.FirstChildOfKind("type_parameter").NamedChildren() {
			args = append(args, unwrapTypeNode(a))
		}
		return t.NamedChild(0), args
	case "subscript":
		return t.ChildByField("value"), t.ChildrenByField("subscript")
	}
	return t, nil
}

func unwrapTypeNode(t *pyast.Node) *pyast.Node {
	for t.Is("type") {
		t = t.NamedChild(0)
	}
	return pyast.Unparen(t)
}

// unionMembers returns the members of `A | B`, Optional[A], Union[A, B];
// nil when t is not a union.
func unionMembers(m *analyzer.Module, t *pyast.Node) []*pyast.Node {
	t = unwrapTypeNode(t)
	if t.Is("binary_operator") && t.ChildByField("operator").Text() == "|" {
		return append(unionMembersOrSelf(m, t.ChildByField("left")), unionMembersOrSelf(m, t.ChildByField("right"))...)
	}
	head, args := typeParts(t)
	if len(args) > 0 && unionTypes[m.Resolve(head)] {
		return args
	}
	return nil
}

func unionMembersOrSelf(m *analyzer.Module, t *pyast.Node) []*pyast.Node {
	if u := unionMembers(m, t); u != nil {
		return u
	}
	return []*pyast.Node{unwrapTypeNode(t)}
}

// annotationShape tells how FastAPI reads an unmarked parameter annotated t.
func annotationShape(m *analyzer.Module, t *pyast.Node, depth int) (typeShape, []string) {
	t = unwrapTypeNode(t)
	if t == nil {
		return shapeScalar, nil // no annotation: Any, a query parameter
	}
	if depth > 6 {
		return shapeUnknown, nil
	}
	if members := unionMembers(m, t); members != nil {
		shape, classes := shapeScalar, []string(nil)
		for _, mem := range members {
			if unwrapTypeNode(mem).Is("none") {
				continue
			}
			s, c := annotationShape(m, mem, depth+1)
			classes = append(classes, c...)
			switch {
			case s == shapeComplex:
				return shapeComplex, nil
			case s == shapeUnknown:
				shape = shapeUnknown
			case s == shapePending && shape != shapeUnknown:
				shape = shapePending
			}
		}
		return shape, classes
	}
	head, args := typeParts(t)
	switch head.Type() {
	case "identifier", "attribute":
	case "none":
		return shapeScalar, nil
	case "call":
		// conint(le=10), constr(...): constrained scalars; conlist/conset: sequences.
		switch q := calledName(m, head); q {
		case "pydantic.conint", "pydantic.confloat", "pydantic.constr", "pydantic.condecimal", "pydantic.conbytes",
			"pydantic.condate":
			return shapeScalar, nil
		case "pydantic.conlist", "pydantic.conset", "pydantic.confrozenset":
			return shapeComplex, nil
		}
		return shapeUnknown, nil
	default:
		return shapeUnknown, nil // "Item" forward references, calls (conint(...)), ...
	}
	q := m.Resolve(head)
	switch {
	case q == "":
		if alias := localTypeAlias(m, head); alias != nil && len(args) == 0 {
			return annotationShape(m, alias, depth+1)
		}
		return shapeUnknown, nil
	case mappingTypes[q] || sequenceTypes[q]:
		return shapeComplex, nil
	case q == "typing.Literal" || q == "typing_extensions.Literal" || anyTypes[q]:
		return shapeScalar, nil
	case strings.HasPrefix(q, "builtins.") || scalarLibraryType(q):
		return shapeScalar, nil
	}
	if alias := localTypeAlias(m, head); alias != nil && len(args) == 0 {
		return annotationShape(m, alias, depth+1)
	}
	if analyzer.ModuleOf(q) == m.Name || m.IsProjectSymbol(q) {
		return shapePending, []string{q}
	}
	return shapeUnknown, nil
}

// localTypeAlias returns the value of a module-level `X = Dict[str, Any]`
// type alias of this module (not a class, not a call), or nil.
func localTypeAlias(m *analyzer.Module, head *pyast.Node) *pyast.Node {
	if !head.Is("identifier") {
		return nil
	}
	if _, imported := m.Imports[head.Text()]; imported {
		return nil
	}
	v := m.Vars[head.Text()]
	if v == nil || v.Is("call") || moduleVarReassigned(m, head.Text()) {
		return nil
	}
	if v.Is("identifier", "attribute", "subscript", "binary_operator") {
		return v
	}
	return nil
}

// scalarLibraryType reports library types FastAPI reads as scalars.
func scalarLibraryType(q string) bool {
	switch analyzer.ModuleOf(q) {
	case "datetime", "uuid", "decimal", "pathlib", "ipaddress", "enum":
		return true
	}
	switch q {
	case "pydantic.EmailStr", "pydantic.AnyUrl", "pydantic.HttpUrl", "pydantic.SecretStr", "pydantic.UUID4",
		"pydantic.PositiveInt", "pydantic.NonNegativeInt", "pydantic.StrictStr", "pydantic.StrictInt",
		"pydantic.StrictBool", "pydantic.Json":
		return true
	}
	return false
}

// projectClassesIn returns the project names (classes, most likely) an
// annotation mentions: `list[ItemIn]` gives ItemIn.
func projectClassesIn(m *analyzer.Module, t *pyast.Node) []string {
	var out []string
	walkTypeNames(m, t, func(q string) {
		if analyzer.ModuleOf(q) == m.Name && m.ClassNamed(analyzer.LastPart(q)) != nil || m.IsProjectSymbol(q) {
			out = append(out, q)
		}
	})
	return out
}

// walkTypeNames calls visit with the qualified name of every name in an
// annotation (heads and arguments, through unions and generics).
func walkTypeNames(m *analyzer.Module, t *pyast.Node, visit func(q string)) {
	unwrapTypeNode(t).Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "identifier", "attribute":
			if q := m.Resolve(n); q != "" {
				visit(q)
			}
			return false
		case "call", "string":
			return false
		}
		return true
	})
}

// route is one route decorator of a function: an app/router method
// decorator of a module-level router (the model's Handler), of a router
// imported from another module, or of an app/router built or received inside
// an enclosing factory function (which the module model does not record).
type route struct {
	Decorator   *pyast.Node
	Methods     []string
	Path        string
	PathLiteral bool // the path is a plain string literal
	Factory     bool // declared on an app/router local to an enclosing function
}

// routesOf returns every route decorator of fn, in source order.
func routesOf(m *analyzer.Module, fn *analyzer.Function) []route {
	var out []route
	for _, dec := range fn.Decorators {
		if !dec.Is("call") {
			continue
		}
		callee := pyast.Callee(dec)
		if !callee.Is("attribute") {
			continue
		}
		attr := callee.ChildByField("attribute").Text()
		method, ok := analyzer.RouteMethods[attr]
		if !ok {
			continue
		}
		pathNode := pyast.Arg(dec, 0)
		if pathNode == nil {
			pathNode = pyast.Kwarg(dec, "path")
		}
		path, literal := pyast.StringValue(pathNode)
		r := route{Decorator: dec, Path: path, PathLiteral: literal}
		recv := callee.ChildByField("object")
		switch {
		case fn.Handler != nil && fn.Handler.Decorator == dec:
		case recv.Is("identifier") && fn.Outer != nil && localRouter(m, fn.Outer, recv.Text()):
			r.Factory = true
		case isRouterVar(m, recv):
		default:
			q := m.Resolve(recv)
			if q == "" || !literal || path != "" && !strings.HasPrefix(path, "/") || !m.IsProjectSymbol(q) {
				continue
			}
		}
		if method == "" {
			for _, s := range routeStringList(pyast.Kwarg(dec, "methods")) {
				r.Methods = append(r.Methods, strings.ToUpper(s))
			}
			if len(r.Methods) == 0 {
				r.Methods = []string{"GET"}
			}
		} else {
			r.Methods = []string{method}
		}
		out = append(out, r)
	}
	return out
}

// isRouterVar reports whether recv names a module-level FastAPI()/APIRouter()
// of this module.
func isRouterVar(m *analyzer.Module, recv *pyast.Node) bool {
	if !recv.Is("identifier") {
		return false
	}
	for _, r := range m.Routers {
		if r.Var == recv.Text() {
			return true
		}
	}
	// `auth_router = r = APIRouter()`: the model records the first name only.
	for _, a := range m.Nodes("assignment") {
		if l := a.ChildByField("left"); !l.Is("identifier") || l.Text() != recv.Text() || m.EnclosingFunction(a) != nil {
			continue
		}
		right := a.ChildByField("right")
		for right.Is("assignment") {
			right = right.ChildByField("right")
		}
		if q := calledName(m, pyast.Unparen(right)); q == "fastapi.FastAPI" || q == "fastapi.APIRouter" {
			return true
		}
	}
	return false
}

// localRouter reports whether name is, inside fn (or a function around it),
// a parameter annotated FastAPI/APIRouter or a variable assigned FastAPI(...)
// or APIRouter(...).
func localRouter(m *analyzer.Module, fn *analyzer.Function, name string) bool {
	isRouter := func(q string) bool { return q == "fastapi.FastAPI" || q == "fastapi.APIRouter" }
	for f := fn; f != nil; f = f.Outer {
		if p := f.Param(name); p != nil {
			return isRouter(m.Resolve(p.Annotation))
		}
		found := false
		f.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "assignment":
				if l := n.ChildByField("left"); l.Is("identifier") && l.Text() == name {
					if r := pyast.Unparen(n.ChildByField("right")); r.Is("call") && isRouter(calledName(m, r)) {
						found = true
					}
				}
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

func routeStringList(n *pyast.Node) []string {
	var out []string
	for _, c := range pyast.Unparen(n).NamedChildren() {
		if s, ok := pyast.StringValue(c); ok {
			out = append(out, s)
		}
	}
	return out
}

// pathParamRE is Starlette's path parameter syntax: {name} or {name:converter}.
var pathParamRE = regexp.MustCompile(`\{([a-zA-Z_][a-zA-Z0-9_]*)(?::[a-zA-Z_][a-zA-Z0-9_]*)?\}`)

// pathParams returns the parameter names of a path template, in order.
func pathParams(path string) []string {
	var out []string
	for _, m := range pathParamRE.FindAllStringSubmatch(path, -1) {
		out = append(out, m[1])
	}
	return out
}

// ---------------------------------------------------------------------------
// Facts for the project phase.

// paramsTag is the FunctionFacts tag holding a function's parameters (JSON
// of []paramFact); returnsResponseTag marks functions that return a
// Response object; validatesTag lists the fields a Pydantic validator method
// checks ("*" for all).
const (
	pathParamsReadTag  = "fastapi.path-params-read" // keys read from request.path_params; "*" for any
	rawBodyTag         = "fastapi.raw-body"         // reads the raw body or a signature header (webhooks)
	paramsTag          = "fastapi.params"
	returnsResponseTag = "fastapi.returns-response"
	validatesTag       = "pydantic.validates"
)

// paramFact is a parameter as the project phase sees it.
type paramFact struct {
	Name    string   `json:"n"`
	Alias   string   `json:"a,omitempty"`
	Marker  string   `json:"m,omitempty"`
	Source  string   `json:"s,omitempty"` // "" when the path or project classes decide
	Classes []string `json:"c,omitempty"` // project classes of the annotation
	Dep     string   `json:"d,omitempty"` // dependency target; "alias:q" for an imported name as annotation
	Skip    bool     `json:"x,omitempty"`
	PosOnly bool     `json:"po,omitempty"` // positional-only (Skip is set too)
}

// srcImplicit is the fact source of an unmarked scalar: FastAPI reads it
// from the path when the route's path names it, from the query otherwise.
const srcImplicit = "implicit"

// lookupName is the key FastAPI reads the parameter by.
func (pf paramFact) lookupName() string {
	if pf.Alias != "" {
		return pf.Alias
	}
	return pf.Name
}

var _ = registerCollector(collectParamFacts)

// collectParamFacts tags every function with its classified parameters, the
// functions that return a Response, and Pydantic validator methods.
func collectParamFacts(pass *analyzer.Pass) {
	m := pass.Module
	for _, fn := range m.Functions {
		if len(fn.Params) > 0 {
			var facts []paramFact
			for _, fp := range classifyParams(m, fn, nil) {
				pf := paramFact{Name: fp.P.Name, Alias: fp.Alias, Marker: fp.Marker, Source: string(fp.Source),
					Classes: fp.Classes, Dep: fp.DepTarget, Skip: fp.Skip, PosOnly: fp.PosOnly}
				if fp.Marker == "" && fp.Source == srcQuery {
					pf.Source = srcImplicit // a path parameter when the route's path names it
				}
				facts = append(facts, pf)
			}
			if data, err := json.Marshal(facts); err == nil {
				pass.Tag(fn, paramsTag, string(data))
			}
		}
		if returnsResponse(m, fn) {
			pass.Tag(fn, returnsResponseTag, "1")
		}
		if fa501RawBodyReader(m, fn) {
			pass.Tag(fn, rawBodyTag, "1")
		}
		if keys := pathParamsRead(fn); keys != "" {
			pass.Tag(fn, pathParamsReadTag, keys)
		}
		if fields := validatedFields(m, fn); fields != "" {
			pass.Tag(fn, validatesTag, fields)
		}
	}
}

// paramFactsOf decodes the parameters of a project function ("", false when
// the function is unknown).
func paramFactsOf(p *analyzer.Project, q string) ([]paramFact, bool) {
	type result struct {
		params []paramFact
		ok     bool
	}
	r := p.Memo("params:"+q, func() any {
		ps, ok := decodeParamFacts(p, q)
		return result{ps, ok}
	}).(result)
	return r.params, r.ok
}

func decodeParamFacts(p *analyzer.Project, q string) ([]paramFact, bool) {
	f := p.Function(q)
	if f == nil {
		return nil, false
	}
	var out []paramFact
	if data := f.Tags[paramsTag]; data != "" {
		if json.Unmarshal([]byte(data), &out) != nil {
			return nil, false
		}
	}
	return out, true
}

// returnsResponse reports whether fn returns a Response object on some path:
// a call to a class named *Response (FastAPI/Starlette responses,
// TemplateResponse, EventSourceResponse, ...) or a local variable bound to one.
func returnsResponse(m *analyzer.Module, fn *analyzer.Function) bool {
	found := false
	forEachReturn(fn, func(v *pyast.Node) {
		if isResponseValue(m, fn, v) {
			found = true
		}
	})
	return found
}

// isResponseValue reports whether a returned expression is a Response
// object: a call to a *Response class (or of `templates.TemplateResponse`),
// or a local variable assigned one.
func isResponseValue(m *analyzer.Module, fn *analyzer.Function, v *pyast.Node) bool {
	v = pyast.Unparen(v)
	if v.Is("await") {
		v = pyast.Unparen(v.NamedChild(0))
	}
	switch v.Type() {
	case "call":
		return isResponseCall(m, v)
	case "identifier":
		found := false
		fn.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "assignment":
				if l := n.ChildByField("left"); l.Is("identifier") && l.Text() == v.Text() {
					if r := pyast.Unparen(n.ChildByField("right")); r.Is("call") && isResponseCall(m, r) {
						found = true
					}
					if strings.HasSuffix(n.ChildByField("type").Text(), "Response") {
						found = true
					}
				}
			}
			return !found
		})
		if p := fn.Param(v.Text()); p != nil && specialParamTypes[m.Resolve(p.Annotation)] {
			return true // the injected Response
		}
		return found
	}
	return false
}

func isResponseCall(m *analyzer.Module, call *pyast.Node) bool {
	callee := pyast.Callee(call)
	name := analyzer.LastPart(pyast.DottedName(callee))
	if name == "" && callee.Is("attribute") {
		name = callee.ChildByField("attribute").Text()
	}
	if strings.HasSuffix(name, "Response") {
		return true
	}
	q := calledName(m, call)
	return q == "fastapi.Response" || strings.HasPrefix(q, "fastapi.responses.")
}

// forEachReturn calls visit with the value of every `return <value>` in fn's
// own body (`return` and `return None` excluded).
func forEachReturn(fn *analyzer.Function, visit func(*pyast.Node)) {
	fn.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			if v := n.NamedChild(0); v != nil && !pyast.Unparen(v).Is("none") {
				visit(v)
			}
			return false
		}
		return true
	})
}

// pydanticValidatorDecorators are the decorators of field and model
// validators (v1 and v2).
var pydanticValidatorDecorators = map[string]bool{
	"pydantic.field_validator": true, "pydantic.validator": true, "pydantic.class_validators.validator": true,
	"pydantic.functional_validators.field_validator": true, "pydantic.v1.validator": true,
	"pydantic.model_validator": true, "pydantic.root_validator": true, "pydantic.v1.root_validator": true,
	"pydantic.functional_validators.model_validator": true, "pydantic.class_validators.root_validator": true,
}

// validatedFields returns the fields a validator method checks, comma
// separated ("*" for model validators and `"*"`), "" when fn is none.
func validatedFields(m *analyzer.Module, fn *analyzer.Function) string {
	if fn.Class == nil {
		return ""
	}
	var fields []string
	for _, d := range fn.Decorators {
		call := pyast.Unparen(d)
		target := call
		if call.Is("call") {
			target = pyast.Callee(call)
		}
		q := m.Resolve(target)
		if !pydanticValidatorDecorators[q] {
			continue
		}
		if strings.Contains(q, "model_validator") || strings.Contains(q, "root_validator") {
			return "*"
		}
		pos, _ := pyast.Args(call)
		for _, a := range pos {
			if s, ok := pyast.StringValue(a); ok {
				fields = append(fields, s)
			}
		}
	}
	sort.Strings(fields)
	return strings.Join(fields, ",")
}

// validatorsOf returns the fields validated by methods of a project class
// (own methods only; "*" when a model validator checks them all).
func validatorsOf(p *analyzer.Project, class string) map[string]bool {
	out := map[string]bool{}
	c := p.Class(class)
	if c == nil {
		return out
	}
	mod := ""
	for _, mf := range p.Files {
		if strings.HasPrefix(c.Name, mf.Name+".") && len(mf.Name) > len(mod) {
			mod = mf.Name
		}
	}
	mf := p.Modules[mod]
	if mf == nil {
		return out
	}
	prefix := strings.TrimPrefix(c.Name, mod+".") + "."
	for qual, f := range mf.Functions {
		if !strings.HasPrefix(qual, prefix) || strings.Contains(strings.TrimPrefix(qual, prefix), ".") {
			continue
		}
		for _, name := range strings.Split(f.Tags[validatesTag], ",") {
			if name != "" {
				out[name] = true
			}
		}
	}
	return out
}

// depParams is what the project phase knows about the request parameters a
// dependency reads: its parameters, and ok=false when the dependency cannot
// be inspected (unresolved, a factory call, a callable object of unknown
// class). Library callables (security schemes, rate limiters) are taken to
// read no parameter of the route.
type depParams struct {
	params []paramFact
	ok     bool
}

// dependencyParams resolves a dependency target to the parameters FastAPI
// reads when it calls it.
func dependencyParams(p *analyzer.Project, target string) depParams {
	switch {
	case target == "" || target == "?":
		return depParams{}
	case strings.HasPrefix(target, "lib:"):
		// Depends(HTTPBearer()): FastAPI's own callables read headers only.
		return depParams{ok: fastapiCallable(strings.TrimPrefix(target, "lib:"))}
	case strings.HasPrefix(target, "alias:"):
		_, sf := p.Lookup(strings.TrimPrefix(target, "alias:"))
		if sf == nil || sf.AliasDep == "" {
			return depParams{}
		}
		return dependencyParams(p, sf.AliasDep)
	case strings.HasSuffix(target, "()"):
		cls := p.Canonical(strings.TrimSuffix(target, "()"))
		if p.Class(cls) == nil {
			return depParams{} // a factory function: its result is unknown
		}
		if ps, ok := methodParams(p, cls, "__call__", 0); ok {
			return depParams{params: ps, ok: true}
		}
		return depParams{}
	}
	q := p.Canonical(target)
	if ps, ok := paramFactsOf(p, q); ok {
		return depParams{params: ps, ok: true}
	}
	if c := p.Class(q); c != nil {
		if ps, ok := methodParams(p, c.Name, "__init__", 0); ok {
			return depParams{params: ps, ok: true}
		}
		if isPydanticOrDataclass(p, c) {
			var ps []paramFact
			for _, f := range p.ModelFields(c.Name) {
				pf := paramFact{Name: f.Name}
				for _, kw := range []string{"validation_alias", "alias"} {
					if a, ok := f.Kwargs[kw]; ok && pf.Alias == "" && strings.Trim(a, `"'`) != a {
						pf.Alias = strings.Trim(a, `"'`)
					}
				}
				ps = append(ps, pf)
			}
			return depParams{params: ps, ok: true}
		}
		if allProjectBases(p, c.Name, 0) {
			return depParams{ok: true} // no __init__ anywhere: FastAPI calls it with no argument
		}
		return depParams{}
	}
	mf, sf := p.Lookup(q)
	if mf == nil {
		return depParams{ok: fastapiCallable(q)}
	}
	if sf.Kind == analyzer.SymbolVar && sf.Call != "" {
		call := p.Canonical(sf.Call)
		if p.Class(call) != nil {
			if ps, ok := methodParams(p, call, "__call__", 0); ok {
				return depParams{params: ps, ok: true}
			}
			return depParams{}
		}
		// oauth2_scheme = OAuth2PasswordBearer(tokenUrl=...)
		return depParams{ok: fastapiCallable(call)}
	}
	return depParams{}
}

// fastapiCallable reports whether a library dependency is one of FastAPI's
// or Starlette's own (security schemes), which read no route parameter.
// Other libraries' and unresolved callables are unknown: a name imported
// from a module outside the run looks the same as a library name.
func fastapiCallable(q string) bool {
	return strings.HasPrefix(q, "fastapi.") || strings.HasPrefix(q, "starlette.")
}

// methodParams returns the parameters of method name of a project class or
// of its nearest project base defining it.
func methodParams(p *analyzer.Project, class, name string, depth int) ([]paramFact, bool) {
	c := p.Class(class)
	if c == nil || depth > 8 {
		return nil, false
	}
	if ps, ok := paramFactsOf(p, c.Name+"."+name); ok {
		return ps, true
	}
	for _, b := range c.Bases {
		if ps, ok := methodParams(p, b, name, depth+1); ok {
			return ps, true
		}
	}
	return nil, false
}

// allProjectBases reports whether every ancestor of a class is a project
// class (or object), so a method none of them defines is not defined.
func allProjectBases(p *analyzer.Project, class string, depth int) bool {
	c := p.Class(class)
	if c == nil || depth > 8 {
		return false
	}
	for _, b := range c.Bases {
		if b == "builtins.object" {
			continue
		}
		if !allProjectBases(p, b, depth+1) {
			return false
		}
	}
	return true
}

// isProjectName reports whether q lies in a project module.
func isProjectName(p *analyzer.Project, q string) bool {
	for mod := analyzer.ModuleOf(q); mod != ""; mod = analyzer.ModuleOf(mod) {
		if p.Modules[mod] != nil {
			return true
		}
	}
	return false
}

// isPydanticOrDataclass reports whether a project class is a Pydantic model
// (or non-table SQLModel) or a dataclass.
func isPydanticOrDataclass(p *analyzer.Project, c *analyzer.ClassFacts) bool {
	if p.IsPydanticModel(c.Name) {
		return true
	}
	for _, d := range c.Decorators {
		if d == "dataclasses.dataclass" || d == "pydantic.dataclasses.dataclass" {
			return true
		}
	}
	return false
}

// isBodyClass reports whether a project class named in a parameter's
// annotation makes it the body: a Pydantic model or a dataclass.
func isBodyClass(p *analyzer.Project, q string) bool {
	c := p.Class(q)
	return c != nil && isPydanticOrDataclass(p, c)
}

// decoratorDeps returns the dependency targets of a route decorator's
// `dependencies=[...]`; ok is false when the list is not a literal of
// Depends/Security calls.
func decoratorDeps(m *analyzer.Module, dec *pyast.Node) (targets []string, ok bool) {
	list := pyast.Unparen(pyast.Kwarg(dec, "dependencies"))
	if list == nil {
		return nil, true
	}
	if !list.Is("list", "tuple") {
		return nil, false
	}
	for _, c := range list.NamedChildren() {
		c = pyast.Unparen(c)
		if q := calledName(m, c); !c.Is("call") || q != "fastapi.Depends" && q != "fastapi.Security" {
			return nil, false
		}
		targets = append(targets, depCallTarget(m, c, nil))
	}
	return targets, true
}

// routesAt returns the routes of the application graph declared by the
// route decorator at loc.
func routesAt(p *analyzer.Project, loc analyzer.Location) []analyzer.Route {
	byLoc := p.Memo("rules.routes-by-decorator", func() any {
		byLoc := map[analyzer.Location][]analyzer.Route{}
		for _, r := range p.Routes() {
			byLoc[r.Handler.Loc] = append(byLoc[r.Handler.Loc], r)
		}
		return byLoc
	}).(map[analyzer.Location][]analyzer.Route)
	return byLoc[loc]
}

// mountDeps returns the dependencies a route gets from its app, includes and
// router (its decorator's own come last in Route.Deps and are left out).
func mountDeps(r analyzer.Route) []analyzer.DepFact {
	n := len(r.Deps) - len(r.Handler.Deps)
	if n < 0 {
		n = 0
	}
	return r.Deps[:n]
}

// qualify joins a module name and a name within it.
func qualify(mod, name string) string {
	if mod == "" {
		return name
	}
	return mod + "." + name
}

// dependencyClosure returns the dependencies (canonical names of functions
// and classes; "C.__call__" for callable instances) that FastAPI calls for a
// function's parameters and for extra targets, transitively.
func dependencyClosure(p *analyzer.Project, fnQ string, extra []string) map[string]bool {
	out := map[string]bool{}
	var visitParams func(params []paramFact, depth int)
	var visitTarget func(target string, depth int)
	visitTarget = func(target string, depth int) {
		if depth > 16 || target == "" || target == "?" || strings.HasPrefix(target, "lib:") {
			return
		}
		if strings.HasPrefix(target, "alias:") {
			_, sf := p.Lookup(strings.TrimPrefix(target, "alias:"))
			if sf != nil && sf.AliasDep != "" {
				visitTarget(sf.AliasDep, depth+1)
			}
			return
		}
		name := p.Canonical(strings.TrimSuffix(target, "()"))
		if strings.HasSuffix(target, "()") {
			name += ".__call__"
		}
		if out[name] {
			return
		}
		out[name] = true
		if dp := dependencyParams(p, target); dp.ok {
			visitParams(dp.params, depth+1)
		}
	}
	visitParams = func(params []paramFact, depth int) {
		for _, pf := range params {
			if !pf.Skip && (pf.Source == string(srcDepends) || strings.HasPrefix(pf.Dep, "alias:")) {
				visitTarget(pf.Dep, depth)
			}
		}
	}
	if params, ok := paramFactsOf(p, fnQ); ok {
		visitParams(params, 0)
	}
	for _, t := range extra {
		visitTarget(t, 0)
	}
	return out
}

// pathParamsRead returns the keys fn reads from `<x>.path_params` by
// literal (`request.path_params["org"]`, `.path_params.get("org")`),
// comma separated, with "*" when it reads them otherwise (iterates, copies
// or passes the mapping on).
func pathParamsRead(fn *analyzer.Function) string {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	fn.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition":
			return false
		case "attribute":
			if n.ChildByField("attribute").Text() != "path_params" {
				return true
			}
			parent := n.Parent
			switch {
			case parent.Is("subscript") && parent.ChildByField("value") == n:
				if k, ok := pyast.StringValue(parent.ChildByField("subscript")); ok {
					add(k)
					return true
				}
			case parent.Is("attribute") && parent.Parent.Is("call") && parent.Parent.ChildByField("function") == parent &&
				parent.ChildByField("attribute").Text() == "get":
				if k, ok := pyast.StringValue(pyast.Arg(parent.Parent, 0)); ok {
					add(k)
					return true
				}
			}
			add("*")
		}
		return true
	})
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// requestEscapes reports whether a path operation hands its Request (or
// WebSocket) on — passes it to a call, reads its url, scope or path_params —
// so that something else may read the path parameters from it.
func requestEscapes(m *analyzer.Module, fn *analyzer.Function) bool {
	names := map[string]bool{}
	for _, p := range fn.Params {
		switch m.Resolve(p.Annotation) {
		case "fastapi.Request", "fastapi.WebSocket", "fastapi.websockets.WebSocket", "starlette.websockets.WebSocket",
			"starlette.requests.HTTPConnection", "fastapi.requests.HTTPConnection":
			names[p.Name] = true
		}
	}
	if len(names) == 0 {
		return false
	}
	found := false
	fn.Body().Walk(func(n *pyast.Node) bool {
		if found {
			return false
		}
		if !n.Is("identifier") || !names[n.Text()] {
			return true
		}
		switch parent := n.Parent; {
		case parent.Is("argument_list"), parent.Is("keyword_argument") && parent.ChildByField("value") == n:
			found = true
		case parent.Is("attribute") && parent.ChildByField("object") == n:
			switch parent.ChildByField("attribute").Text() {
			case "url", "scope", "path_params", "items", "keys", "values", "get":
				found = true
			}
		case parent.Is("subscript") && parent.ChildByField("value") == n:
			found = true // request["path_params"]
		}
		return true
	})
	return found
}
