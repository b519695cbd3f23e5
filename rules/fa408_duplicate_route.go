package rules

import (
	"regexp"
	"sort"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA408 = register(&analyzer.Rule{
	Code: "FA408", Name: "duplicate-route", Principle: analyzer.PrincipleErrors, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0",
	Summary: "The same method and full path are registered twice: the second handler is never reached.",
	Doc: analyzer.Doc{
		What: "Builds every route of the application as FastAPI mounts it — router `prefix=`, `include_router(..., prefix=...)` and " +
			"nested routers joined, across modules — and reports a handler whose method and full path were already registered on the " +
			"same application. Path parameters are compared by position, not by name: `/items/{id}` and `/items/{item_id}` are the same " +
			"route (a `{name:path}` or `{name:int}` converter keeps them apart from a plain parameter). The finding is on the second " +
			"registration's decorator and names the first one. Prefixes the analysis cannot evaluate (`prefix=settings.API_V1_STR`) " +
			"are compared by their source text.",
		Why: "Starlette dispatches a request to the first route that matches: the second handler is dead code that looks alive. Its " +
			"tests may pass against the first handler by accident, fixes land in the wrong function, and the OpenAPI document lists two " +
			"operations for one path (with clashing operation ids). It is usually a copy-paste mistake or two routers mounted under " +
			"overlapping prefixes.",
		Example: "# app/api/users.py\nrouter = APIRouter(prefix=\"/users\")\n\n@router.get(\"/{user_id}\")\nasync def read_user(user_id: int): ...\n\n" +
			"# app/api/admin.py\nrouter = APIRouter()\n\n@router.get(\"/users/{id}\")\nasync def admin_read_user(id: int): ...\n\n" +
			"# app/main.py\napp.include_router(users.router)\napp.include_router(admin.router)\n",
		UseInstead: "# app/main.py\napp.include_router(users.router)\napp.include_router(admin.router, prefix=\"/admin\")\n",
		Limits: "Routers whose inclusion cannot be followed are compared only with routes of the same router. Routes registered under " +
			"mutually exclusive conditions (`if settings.X: app.include_router(a) else: app.include_router(b)`) are taken as both " +
			"registered. Which of two registrations FastAPI sees first depends on the order of `include_router` calls; the finding goes " +
			"to the one later in file order. Route paths that are not plain strings (f-strings, variables), routers built by anything but `FastAPI()`/`APIRouter()` (a subclass, a factory), router variables assigned twice in one module, and files whose module name is shared with another file (separate applications in one repository) are not compared.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/path-params/#order-matters",
			"https://fastapi.tiangolo.com/tutorial/bigger-applications/",
		},
	},
	CheckProject: checkDuplicateRoute,
})

// fa408UncertainTag marks a handler whose full path is uncertain: its route
// path is not a string literal, or its router variable is assigned more than
// once in the module (so which router object it lands on is unclear).
const fa408UncertainTag = "route.uncertain-path"

var _ = registerCollector(func(pass *analyzer.Pass) {
	m := pass.Module
	vars := map[string]int{}
	for _, r := range m.Routers {
		vars[r.Var]++
	}
	for _, fn := range m.Functions {
		h := fn.Handler
		if h == nil {
			continue
		}
		pathNode := pyast.Arg(h.Decorator, 0)
		if pathNode == nil {
			pathNode = pyast.Kwarg(h.Decorator, "path")
		}
		if _, ok := pyast.StringValue(pathNode); !ok {
			pass.Tag(fn, fa408UncertainTag, "dynamic path")
		} else if h.Local != nil && vars[h.Local.Var] > 1 {
			pass.Tag(fn, fa408UncertainTag, "router assigned twice")
		}
	}
})

// fa408ParamRE matches a path parameter or a placeholder: {name}, {name:conv}, {expr}.
var fa408ParamRE = regexp.MustCompile(`\{([^{}]*)\}`)

var fa408IdentRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// fa408Normalize rewrites the path parameters of a path segment that is
// known to be a literal route path: `{item_id}` → `{}`, `{p:path}` → `{:path}`.
func fa408Normalize(path string) string {
	return fa408ParamRE.ReplaceAllStringFunc(path, func(s string) string {
		inner := s[1 : len(s)-1]
		name, conv, hasConv := strings.Cut(inner, ":")
		if !fa408IdentRE.MatchString(name) {
			return s
		}
		if !hasConv || conv == "str" {
			return "{}"
		}
		return "{:" + conv + "}"
	})
}

// fa408NormalizePrefix rewrites a prefix that may hold placeholders for
// expressions the analysis could not evaluate: lower-case names are path
// parameters; other placeholders keep their text, and a bare name is
// qualified by the module that wrote it, so `{PREFIX}` in two modules does
// not compare equal by accident.
func fa408NormalizePrefix(prefix, module string) string {
	return fa408ParamRE.ReplaceAllStringFunc(prefix, func(s string) string {
		inner := s[1 : len(s)-1]
		name, _, _ := strings.Cut(inner, ":")
		if fa408IdentRE.MatchString(name) && strings.ToLower(name) == name {
			return fa408Normalize(s)
		}
		if fa408IdentRE.MatchString(inner) && module != "" {
			return "{" + module + "." + inner + "}"
		}
		return s
	})
}

func checkDuplicateRoute(pass *analyzer.ProjectPass) {
	p := pass.Project
	tests := map[string]bool{}
	routers := map[string]*analyzer.RouterFacts{}
	names := map[string]int{} // module name → files that have it
	for _, mf := range p.Files {
		tests[mf.Path] = mf.IsTest
		names[mf.Name]++
		for _, r := range mf.Routers {
			routers[r.Name] = r
		}
	}
	moduleOf := map[string]string{} // file → module name
	for _, mf := range p.Files {
		moduleOf[mf.Path] = mf.Name
	}
	order := newFA408Order(p, routers)
	groups := map[string][]analyzer.Route{}
	var keys []string
	for _, r := range p.Routes() {
		h := r.Handler
		if tests[h.Loc.Path] || r.Function == nil || r.Function.Tags[fa408UncertainTag] != "" {
			continue
		}
		router := p.Canonical(h.Router)
		if routers[router] == nil {
			continue // not a FastAPI()/APIRouter() the model knows: its prefix is unknown
		}
		if names[moduleOf[h.Loc.Path]] > 1 || r.App != "" && names[analyzer.ModuleOf(r.App)] > 1 {
			continue // several files share the module name (separate apps in one repository)
		}
		key := r.App
		if key == "" {
			key = "router:" + router // never mounted: compare within the router only
		}
		key += "\x00" + r.Method + "\x00" + fa408Path(r, routers[router])
		if _, ok := groups[key]; !ok {
			keys = append(keys, key)
		}
		groups[key] = append(groups[key], r)
	}
	sort.Strings(keys)
	reported := map[analyzer.Location]bool{}
	for _, k := range keys {
		rs := groups[k]
		if len(rs) < 2 {
			continue
		}
		sort.SliceStable(rs, func(i, j int) bool { return order.before(rs[i], rs[j]) })
		first := rs[0]
		for _, r := range rs[1:] {
			loc := r.Handler.Loc
			if loc == first.Handler.Loc || reported[loc] {
				continue // the same handler mounted twice
			}
			reported[loc] = true
			pass.Report(loc, "%s %s is already registered by %s (%s:%d), so handler %s is never reached; remove one of them or change its path or method",
				r.Method, r.Path, analyzer.LastPart(first.Handler.Func), first.Handler.Loc.Path, first.Handler.Loc.Line,
				analyzer.LastPart(r.Handler.Func))
		}
	}
}

// fa408Path is the comparison form of a route's full path: the handler's
// own path with its parameters normalised, the router's prefix and the
// include prefixes above it with placeholders qualified.
func fa408Path(r analyzer.Route, router *analyzer.RouterFacts) string {
	own := r.Handler.Path
	if !strings.HasSuffix(r.Path, own) {
		return fa408NormalizePrefix(r.Path, "")
	}
	rest := strings.TrimSuffix(r.Path, own)
	routerPrefix, module := "", ""
	if router != nil && !router.IsApp {
		routerPrefix, module = router.Prefix, analyzer.ModuleOf(router.Name)
	}
	if routerPrefix == "" || !strings.HasSuffix(rest, routerPrefix) {
		return fa408NormalizePrefix(rest, "") + fa408Normalize(own)
	}
	base := strings.TrimSuffix(rest, routerPrefix)
	return fa408NormalizePrefix(base, "") + fa408NormalizePrefix(routerPrefix, module) + fa408Normalize(own)
}

// fa408Order tells which of two routes FastAPI registers first: routes are
// copied into the app when `include_router` runs, so the include calls from
// the app down to the router come first, then the decorators' order.
type fa408Order struct {
	p        *analyzer.Project
	routers  map[string]*analyzer.RouterFacts
	includes map[string][]*analyzer.IncludeFacts // by canonical child, in file order
	chains   map[string][]analyzer.Location
}

func newFA408Order(p *analyzer.Project, routers map[string]*analyzer.RouterFacts) *fa408Order {
	o := &fa408Order{p: p, routers: routers, includes: map[string][]*analyzer.IncludeFacts{}, chains: map[string][]analyzer.Location{}}
	for _, mf := range p.Files {
		for _, inc := range mf.Includes {
			child := p.Canonical(inc.Child)
			o.includes[child] = append(o.includes[child], inc)
		}
	}
	for _, incs := range o.includes {
		sort.SliceStable(incs, func(i, j int) bool { return fa408LocBefore(incs[i].Loc, incs[j].Loc) })
	}
	return o
}

// chain returns the locations of the include calls that mount router, from
// the app down (the first include of each router is taken).
func (o *fa408Order) chain(router string, depth int) []analyzer.Location {
	if c, ok := o.chains[router]; ok {
		return c
	}
	o.chains[router] = nil // cycles
	var out []analyzer.Location
	if r := o.routers[router]; (r == nil || !r.IsApp) && depth < 8 && len(o.includes[router]) > 0 {
		inc := o.includes[router][0]
		out = append(append(out, o.chain(o.p.Canonical(inc.Parent), depth+1)...), inc.Loc)
	}
	o.chains[router] = out
	return out
}

func (o *fa408Order) before(a, b analyzer.Route) bool {
	ka := append(append([]analyzer.Location{}, o.chain(o.p.Canonical(a.Handler.Router), 0)...), a.Handler.Loc)
	kb := append(append([]analyzer.Location{}, o.chain(o.p.Canonical(b.Handler.Router), 0)...), b.Handler.Loc)
	for i := 0; i < len(ka) && i < len(kb); i++ {
		if ka[i] != kb[i] {
			return fa408LocBefore(ka[i], kb[i])
		}
	}
	return len(ka) < len(kb)
}

func fa408LocBefore(a, b analyzer.Location) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}
