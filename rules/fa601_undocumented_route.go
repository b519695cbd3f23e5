package rules

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA601 = register(&analyzer.Rule{
	Code: "FA601", Name: "undocumented-route", Principle: analyzer.PrincipleDocs, Severity: analyzer.SeverityNote,
	Precision: "high", Since: "0.1.0",
	Summary: "A path operation has no docstring, no `summary=` and no `description=`: its OpenAPI operation says nothing.",
	Doc: analyzer.Doc{
		What: "Reports the route decorator of a path operation whose function has no docstring and whose decorator sets neither " +
			"`summary=` nor `description=`. Routes left out of the OpenAPI document are not reported: `include_in_schema=False` " +
			"(or a value the analysis cannot evaluate) on the decorator, on the `APIRouter(...)`/`FastAPI(...)` that holds the " +
			"route, or on an `include_router(...)` that mounts it, possibly in another module, and apps built with " +
			"`openapi_url=None`. WebSocket routes and routes in test files are not reported.",
		Why: "FastAPI turns the docstring into the operation's description in `/docs`, `/redoc` and every client generated from " +
			"`openapi.json`. Without one, consumers only see a name derived from the function and must read the code (or guess) to " +
			"learn what the endpoint does, which inputs matter and what it changes.",
		Example: "@router.get(\"/users/{user_id}/sessions\")\nasync def list_sessions(user_id: int):\n    return await sessions.for_user(user_id)\n",
		UseInstead: "@router.get(\"/users/{user_id}/sessions\", summary=\"List a user's active sessions\")\n" +
			"async def list_sessions(user_id: int):\n    \"\"\"Return the user's sessions that have not expired, newest first.\"\"\"\n" +
			"    return await sessions.for_user(user_id)\n",
		Limits: "Routes added with `add_api_route(...)` are not checked. A decorator that passes `**kwargs` is left alone. " +
			"`include_in_schema=False` is found on routers and includes in any module that defines at least one function; in a module " +
			"with no function at all (an `api.py` made only of `include_router(...)` calls) only literal tags and prefixes are known, " +
			"so a hidden include there is missed. A route mounted both hidden and visible is not reported.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/path-operation-configuration/#description-from-docstring",
			"https://fastapi.tiangolo.com/tutorial/path-operation-configuration/#summary-and-description",
		},
	},
	CheckModule: checkUndocumentedRoute,
})

func checkUndocumentedRoute(pass *analyzer.Pass) {
	m := pass.Module
	if m.IsTest {
		return
	}
	for _, h := range m.Handlers {
		if !docInSchema(h) || pyast.HasDictSplat(h.Decorator) {
			continue
		}
		if docNonEmpty(h.Kwarg("summary")) || docNonEmpty(h.Kwarg("description")) || docDocstring(h.Func) != "" {
			continue
		}
		if kw := docKwargs(m, nil, h.Decorator); kw.Hidden {
			continue
		}
		if h.Local != nil {
			if kw := docKwargs(m, nil, h.Local.Call); kw.Hidden || kw.NoDocs {
				continue
			}
		}
		router, label := h.Router, docRouteLabel(h)
		pass.ReportWhen(h.Decorator, func(p *analyzer.Project) string {
			ix := docIndexOf(p)
			for _, c := range ix.chains(p.Canonical(router)) {
				if ix.chainHidden(c) {
					return ""
				}
			}
			return fmt.Sprintf("%s has no docstring, `summary=` or `description=`, so its OpenAPI operation is undocumented; "+
				"add a docstring saying what it does (FastAPI shows it in /docs)", label)
		})
	}
}

// docInSchema reports whether a handler can appear in the OpenAPI document
// at all (WebSocket routes never do).
func docInSchema(h *analyzer.Handler) bool {
	for _, meth := range h.Methods {
		if meth != "WEBSOCKET" {
			return true
		}
	}
	return false
}

// docRouteLabel names a handler in messages: "handler `read_item` (GET /items/{id})".
func docRouteLabel(h *analyzer.Handler) string {
	return fmt.Sprintf("handler `%s` (%s %s)", h.Func.Name, strings.Join(h.Methods, ", "), docPath(h.Path))
}

// docPath shows a handler's own path in messages; "" (the router's root) is quoted.
func docPath(p string) string {
	if p == "" {
		return `""`
	}
	return p
}

// docNonEmpty reports whether a keyword value documents something: present
// and not an empty string literal or None.
func docNonEmpty(n *pyast.Node) bool {
	n = pyast.Unparen(n)
	if n == nil || n.Is("none") {
		return false
	}
	if s, ok := pyast.StringValue(n); ok {
		return strings.TrimSpace(s) != ""
	}
	return true
}

// docDocstring returns the function's docstring (trimmed), "" when it has none.
func docDocstring(fn *analyzer.Function) string {
	first := fn.Body().NamedChild(0)
	if !first.Is("expression_statement") || len(first.NamedChildren()) != 1 {
		return ""
	}
	s := first.NamedChild(0)
	if !s.Is("string", "concatenated_string") || pyast.IsFString(s) {
		return ""
	}
	v, _ := pyast.StringValue(s)
	return strings.TrimSpace(v)
}

// ---------------------------------------------------------------------------
// OpenAPI facts shared by FA601–FA604 and FA701.
//
// The project facts know routers, includes and handlers with their literal
// prefixes and tags, not the other keyword arguments that shape the OpenAPI
// document (include_in_schema, responses, openapi_url, non-literal tags) nor
// `.mount(...)` calls. A collector records them: handler-level facts on the
// handler function, module-level facts (routers, includes, mounts) on the
// module's first function, the carrier. A module without any function has
// no carrier, so only its literal facts are known.

const (
	docModuleTag  = "fa6.module"
	docHandlerTag = "fa6.handler"
)

// docKw are the documentation-related keyword arguments of a route
// decorator, an APIRouter(...)/FastAPI(...) call or an include_router(...).
type docKw struct {
	Hidden bool          `json:"h,omitempty"` // include_in_schema=False, or a value that is not a literal
	NoDocs bool          `json:"d,omitempty"` // FastAPI(openapi_url=None)
	Tagged bool          `json:"t,omitempty"` // tags= names a tag, or is not a literal
	Resp   *docResponses `json:"r,omitempty"` // responses=; nil when absent
}

// docResponses are the status codes declared by a `responses=` mapping.
type docResponses struct {
	Codes []int `json:"c,omitempty"`
	// Any is set by a "4XX"/"default" key or by keys and splats the
	// analysis cannot resolve: every 4xx counts as declared.
	Any bool `json:"a,omitempty"`
}

func (r *docResponses) covers(code int) bool {
	if r == nil {
		return false
	}
	if r.Any {
		return true
	}
	for _, c := range r.Codes {
		if c == code {
			return true
		}
	}
	return false
}

// docModule is a module's carrier fact.
type docModule struct {
	Routers  map[string]docKw `json:"r,omitempty"` // by local variable name
	Includes map[string]docKw `json:"i,omitempty"` // by "line:col" of the include_router call
}

// docHandler is the fact recorded on a handler function.
type docHandler struct {
	Kw   docKw  `json:"k"`
	Name string `json:"n,omitempty"` // the route's name= (FastAPI defaults to the function name)
}

var _ = registerCollector(collectDocFacts)

func collectDocFacts(pass *analyzer.Pass) {
	m := pass.Module
	for _, h := range m.Handlers {
		dh := docHandler{Kw: docKwargs(m, nil, h.Decorator)}
		dh.Name, _ = pyast.StringValue(h.Kwarg("name"))
		if data, err := json.Marshal(dh); err == nil {
			pass.Tag(h.Func, docHandlerTag, string(data))
		}
	}
	if len(m.Functions) == 0 {
		return
	}
	dm := docModule{}
	for _, r := range m.Routers {
		if kw := docKwargs(m, nil, r.Call); kw != (docKw{}) {
			if dm.Routers == nil {
				dm.Routers = map[string]docKw{}
			}
			dm.Routers[r.Var] = kw
		}
	}
	for _, inc := range m.Includes {
		if kw := docKwargs(m, m.EnclosingFunction(inc.Call), inc.Call); kw != (docKw{}) {
			if dm.Includes == nil {
				dm.Includes = map[string]docKw{}
			}
			loc := pass.Locate(inc.Call)
			dm.Includes[fmt.Sprintf("%d:%d", loc.Line, loc.Column)] = kw
		}
	}
	if dm.Routers == nil && dm.Includes == nil {
		return
	}
	if data, err := json.Marshal(dm); err == nil {
		pass.Tag(m.Functions[0], docModuleTag, string(data))
	}
}

// docKwargs reads the documentation keyword arguments of a call. fn is the
// function around the call (nil at module scope).
func docKwargs(m *analyzer.Module, fn *analyzer.Function, call *pyast.Node) docKw {
	var kw docKw
	if n := pyast.Unparen(pyast.Kwarg(call, "include_in_schema")); n != nil && !n.Is("true") {
		kw.Hidden = true
	}
	if n := pyast.Kwarg(call, "openapi_url"); pyast.Unparen(n).Is("none") {
		kw.NoDocs = true
	}
	if n := pyast.Unparen(pyast.Kwarg(call, "tags")); n != nil {
		switch {
		case n.Is("list", "tuple"):
			kw.Tagged = len(n.NamedChildren()) > 0
		case n.Is("none"):
		default:
			kw.Tagged = true
		}
	}
	if n := pyast.Kwarg(call, "responses"); n != nil {
		kw.Resp = docResponseCodes(m, fn, n, 0)
	}
	return kw
}

// docResponseCodes reads a `responses=` value: a dict literal keyed by
// status codes (ints, `status.HTTP_*`, strings such as "404" or "4XX"),
// possibly with `**` splats, or a module-level name bound to one. nil for
// None; Any when a key or splat cannot be resolved.
func docResponseCodes(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node, depth int) *docResponses {
	n = pyast.Unparen(n)
	if n.Is("none") {
		return nil
	}
	out := &docResponses{}
	if depth > 4 {
		out.Any = true
		return out
	}
	switch n.Type() {
	case "dictionary":
		for _, c := range n.NamedChildren() {
			switch c.Kind {
			case "pair":
				key := c.ChildByField("key")
				if s, ok := pyast.StringValue(key); ok {
					s = strings.TrimSpace(s)
					if v, err := strconv.Atoi(s); err == nil {
						out.Codes = append(out.Codes, v)
					} else if strings.EqualFold(s, "4XX") || strings.EqualFold(s, "default") {
						out.Any = true
					}
					continue
				}
				if v, ok := statusCode(m, fn, key); ok {
					out.Codes = append(out.Codes, v)
				} else {
					out.Any = true
				}
			case "dictionary_splat":
				inner := docResponseCodes(m, fn, c.NamedChild(0), depth+1)
				if inner != nil {
					out.Codes = append(out.Codes, inner.Codes...)
					out.Any = out.Any || inner.Any
				}
			case "comment":
			default:
				out.Any = true
			}
		}
		return out
	case "identifier":
		name := n.Text()
		_, imported := m.Imports[name]
		if v, ok := m.Vars[name]; ok && v != nil && !imported && (fn == nil || !nameBoundIn(fn, name)) && !moduleVarReassigned(m, name) {
			return docResponseCodes(m, nil, v, depth+1)
		}
	}
	out.Any = true
	return out
}

// docChain is one way a router is mounted: the routers from the handler's
// router up to the app, and the include_router calls between them.
type docChain struct {
	app      string // qualified name of the app; "" when the chain does not reach one
	routers  []string
	includes []*analyzer.IncludeFacts
}

// docIndex is the decoded OpenAPI facts of a project.
type docIndex struct {
	p         *analyzer.Project
	routers   map[string]*analyzer.RouterFacts    // by qualified name
	routerKw  map[string]docKw                    // by qualified name
	includes  map[string][]*analyzer.IncludeFacts // by canonical child
	includeKw map[string]docKw                    // by "path:line:col"
	mounts    map[string][]string                 // canonical child app -> mount paths
	handlers  map[string]docHandler               // by handler function qualified name
	carrier   map[string]bool                     // module paths whose carrier facts are known
	chainMemo map[string][]docChain
	mu        sync.Mutex
}

// docIndexOf decodes the OpenAPI facts once per project.
func docIndexOf(p *analyzer.Project) *docIndex {
	return p.Memo("fa601.docs", func() any { return newDocIndex(p) }).(*docIndex)
}

func newDocIndex(p *analyzer.Project) *docIndex {
	ix := &docIndex{
		p: p, routers: map[string]*analyzer.RouterFacts{}, routerKw: map[string]docKw{},
		includes: map[string][]*analyzer.IncludeFacts{}, includeKw: map[string]docKw{},
		mounts: map[string][]string{}, handlers: map[string]docHandler{}, carrier: map[string]bool{},
		chainMemo: map[string][]docChain{},
	}
	for _, mf := range p.Files {
		for _, r := range mf.Routers {
			ix.routers[r.Name] = r
		}
		for _, inc := range mf.Includes {
			child := p.Canonical(inc.Child)
			if inc.Mount {
				ix.mounts[child] = append(ix.mounts[child], inc.Prefix)
				continue
			}
			ix.includes[child] = append(ix.includes[child], inc)
		}
		for _, f := range mf.Functions {
			if data := f.Tags[docHandlerTag]; data != "" {
				var dh docHandler
				if json.Unmarshal([]byte(data), &dh) == nil {
					ix.handlers[f.Name()] = dh
				}
			}
			data := f.Tags[docModuleTag]
			if data == "" {
				continue
			}
			var dm docModule
			if json.Unmarshal([]byte(data), &dm) != nil {
				continue
			}
			for v, kw := range dm.Routers {
				ix.routerKw[docJoin(mf.Name, v)] = kw
			}
			for at, kw := range dm.Includes {
				ix.includeKw[mf.Path+":"+at] = kw
			}
		}
		if len(mf.Functions) > 0 {
			ix.carrier[mf.Path] = true
		}
	}
	return ix
}

func docJoin(mod, name string) string {
	if mod == "" {
		return name
	}
	return mod + "." + name
}

// includeKwOf returns the recorded keyword facts of an include_router call.
func (ix *docIndex) includeKwOf(inc *analyzer.IncludeFacts) docKw {
	return ix.includeKw[fmt.Sprintf("%s:%d:%d", inc.Loc.Path, inc.Loc.Line, inc.Loc.Column)]
}

// chains lists the ways the (canonical) router is mounted.
func (ix *docIndex) chains(router string) []docChain {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if c, ok := ix.chainMemo[router]; ok {
		return c
	}
	c := ix.chainsFrom(router, 0)
	ix.chainMemo[router] = c
	return c
}

func (ix *docIndex) chainsFrom(router string, depth int) []docChain {
	if r := ix.routers[router]; r != nil && r.IsApp {
		return []docChain{{app: router, routers: []string{router}}}
	}
	incs := ix.includes[router]
	if depth > 8 || len(incs) == 0 {
		return []docChain{{routers: []string{router}}}
	}
	var out []docChain
	for _, inc := range incs {
		for _, up := range ix.chainsFrom(ix.p.Canonical(inc.Parent), depth+1) {
			out = append(out, docChain{
				app:      up.app,
				routers:  append([]string{router}, up.routers...),
				includes: append([]*analyzer.IncludeFacts{inc}, up.includes...),
			})
		}
	}
	return out
}

// chainKw returns the keyword facts of every router and include of a chain.
func (ix *docIndex) chainKw(c docChain) []docKw {
	var out []docKw
	for _, r := range c.routers {
		out = append(out, ix.routerKw[r])
	}
	for _, inc := range c.includes {
		out = append(out, ix.includeKwOf(inc))
	}
	return out
}

// chainHidden reports whether a chain keeps its routes out of the OpenAPI
// document (include_in_schema=False somewhere, or an app without openapi).
func (ix *docIndex) chainHidden(c docChain) bool {
	for _, kw := range ix.chainKw(c) {
		if kw.Hidden || kw.NoDocs {
			return true
		}
	}
	return false
}

// chainTagged reports whether a router or include of the chain sets tags.
func (ix *docIndex) chainTagged(c docChain) bool {
	for _, r := range c.routers {
		if rf := ix.routers[r]; rf != nil && len(rf.Tags) > 0 {
			return true
		}
	}
	for _, inc := range c.includes {
		if len(inc.Tags) > 0 {
			return true
		}
	}
	for _, kw := range ix.chainKw(c) {
		if kw.Tagged {
			return true
		}
	}
	return false
}

// chainCovers reports whether a router, include or app of the chain
// declares the status in its responses=.
func (ix *docIndex) chainCovers(c docChain, code int) bool {
	for _, kw := range ix.chainKw(c) {
		if kw.Resp.covers(code) {
			return true
		}
	}
	return false
}

// routeName is the name FastAPI gives a route: name= or the function name.
func (ix *docIndex) routeName(f *analyzer.FunctionFacts) string {
	if f == nil {
		return ""
	}
	if dh, ok := ix.handlers[f.Name()]; ok && dh.Name != "" {
		return dh.Name
	}
	return analyzer.LastPart(f.QualName)
}
