package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

var FA505 = register(&analyzer.Rule{
	Code: "FA505", Name: "path-param-mismatch", Principle: analyzer.PrincipleTypes, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0",
	Summary: "A `{name}` of the route path that no parameter of the handler or its dependencies reads, or a `Path(...)` parameter that the path does not hold.",
	Doc: analyzer.Doc{
		What: "Reports a route decorator when:\n\n" +
			"- its path (`{name}` or `{name:converter}`, with the prefixes of the router and of the `include_router(...)` calls that mount it) " +
			"holds a parameter that neither the handler nor any of its dependencies reads: no parameter of that name (or `alias=`), " +
			"looking through the handler's parameters, its `dependencies=[...]`, the router-, include- and app-level dependencies and, " +
			"transitively, the parameters of every dependency function or class (`__init__`, or `__call__` for `Depends(Instance())`, " +
			"or the fields of a Pydantic model or dataclass), wherever they are defined in the project;\n" +
			"- or, the other way round, the handler (or one of its dependencies) declares a parameter with `Path(...)` whose name " +
			"(or alias) is in no path the route is mounted at.\n\n" +
			"Positional-only parameters and `*args`/`**kwargs` do not count: FastAPI passes path parameters by keyword. " +
			"Same intent as ruff's FAST003 (path parameter missing from the signature), which it extends to routers imported from other " +
			"modules, `api_route`, routes declared inside app factories, router prefixes and dependencies defined in other modules.",
		Why: "A path parameter that nothing reads is matched and thrown away: `GET /orgs/{org_id}/projects` that ignores `org_id` " +
			"lists every organisation's projects, and a renamed parameter (`{item_id}` in the path, `id` in the signature) turns into a " +
			"required query parameter, so every call fails with 422. A `Path(...)` parameter the path does not hold is required and " +
			"can never be supplied: the route always answers 422.",
		Example:    "@router.get(\"/items/{item_id}\")\nasync def read_item(id: int):  # `id` is read from the query string\n    ...\n",
		UseInstead: "@router.get(\"/items/{item_id}\")\nasync def read_item(item_id: int):\n    ...\n",
		Limits: "Paths built at run time (f-strings, variables) are not checked. A route is not reported for unread path parameters " +
			"when some dependency cannot be inspected (unresolved names, names imported from modules outside the audited tree, " +
			"factory calls such as `Depends(make_checker(...))`, callable objects of unknown classes; FastAPI's own security schemes " +
			"are known to read none), when the handler hands its `Request` on (passes it to a call, reads `request.url`/`scope`/" +
			"`path_params`) or a dependency reads `request.path_params` as a whole, or when the handler is a method (class-based " +
			"views inject the class's own dependencies). A path parameter that any project function reads by key " +
			"(`request.path_params[\"org\"]`, typically a middleware) counts as read everywhere. Router prefixes written as " +
			"expressions are left out, and the `Path(...)` check only runs for routes mounted on a known app (an unmounted router " +
			"may receive a prefix the analysis does not see). A parameter typed with an `Annotated` alias imported from another " +
			"module counts by its own name.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/path-params/",
			"https://fastapi.tiangolo.com/tutorial/dependencies/sub-dependencies/",
			"https://docs.astral.sh/ruff/rules/fast-api-unused-path-parameter/",
		},
	},
	CheckModule: checkPathParamMismatch,
})

func checkPathParamMismatch(pass *analyzer.Pass) {
	m := pass.Module
	for _, fn := range m.Functions {
		if isMethod(m, fn) {
			continue // a class-based view: the class's own dependencies are injected by a library
		}
		escapes := requestEscapes(m, fn)
		for _, r := range routesOf(m, fn) {
			if !r.PathLiteral {
				continue
			}
			decDeps, depsOK := decoratorDeps(m, r.Decorator)
			c := &fa505Check{
				handler: qualify(m.Name, fn.QualName), name: fn.Name, path: r.Path, loc: pass.Locate(r.Decorator),
				decDeps: decDeps, depsOK: depsOK, requestEscapes: escapes,
			}
			pass.ReportWhen(r.Decorator, c.unread)
			pass.ReportWhen(r.Decorator, c.undeclared)
		}
	}
}

// fa505Check holds what the project phase needs about one route decorator.
type fa505Check struct {
	handler string // qualified name of the handler function
	name    string
	path    string // the decorator's own path
	loc     analyzer.Location
	decDeps []string // dependency targets of dependencies=[...]
	depsOK  bool
	// requestEscapes: the handler passes its Request on, which may read
	// request.path_params.
	requestEscapes bool
}

// fa505Reader is one parameter a route reads, with the function declaring it.
type fa505Reader struct {
	param paramFact
	owner string // "" for the handler, else the dependency's name
}

// reads collects the request parameters the handler and its dependencies
// read; ok is false when some dependency cannot be inspected.
func (c *fa505Check) reads(p *analyzer.Project, extra []analyzer.DepFact) (readers []fa505Reader, skipped map[string]paramFact, ok bool) {
	ok = true
	if f := p.Function(c.handler); f != nil && strings.Contains(f.Tags[pathParamsReadTag], "*") {
		ok = false
	}
	own, found := paramFactsOf(p, c.handler)
	if !found {
		return nil, nil, false
	}
	ok = ok && c.depsOK
	skipped = map[string]paramFact{}
	seen := map[string]bool{}
	type item struct {
		params []paramFact
		owner  string
	}
	queue := []item{{own, ""}}
	enqueue := func(target string) {
		if seen[target] {
			return
		}
		seen[target] = true
		dp := dependencyParams(p, target)
		if !dp.ok {
			ok = false
			return
		}
		if f := p.Function(p.Canonical(target)); f != nil && strings.Contains(f.Tags[pathParamsReadTag], "*") {
			ok = false // reads request.path_params as a whole
		}
		queue = append(queue, item{dp.params, analyzer.LastPart(strings.TrimSuffix(strings.TrimPrefix(target, "alias:"), "()"))})
	}
	for _, t := range c.decDeps {
		enqueue(t)
	}
	for _, d := range extra {
		if d.Target == "" {
			ok = false
			continue
		}
		enqueue(d.Target)
	}
	for i := 0; i < len(queue) && i < 256; i++ {
		it := queue[i]
		for _, pf := range it.params {
			switch {
			case pf.Skip:
				if it.owner == "" {
					skipped[pf.Name] = pf
				}
			case pf.Source == string(srcDepends):
				enqueue(pf.Dep)
			case pf.Source == string(srcSpecial):
			case strings.HasPrefix(pf.Dep, "alias:"):
				_, sf := p.Lookup(strings.TrimPrefix(pf.Dep, "alias:"))
				switch {
				case sf == nil && isProjectName(p, strings.TrimPrefix(pf.Dep, "alias:")):
					ok = false
				case sf != nil && sf.AliasDep != "":
					enqueue(sf.AliasDep)
				default:
					readers = append(readers, fa505Reader{pf, it.owner})
				}
			default:
				readers = append(readers, fa505Reader{pf, it.owner})
			}
		}
	}
	return readers, skipped, ok
}

// mounted returns the full paths of the route with the dependencies each
// mount adds; a route missing from the application graph (declared inside
// an app factory) has its decorator path only.
func (c *fa505Check) mounted(p *analyzer.Project) (paths []string, deps [][]analyzer.DepFact, onApp []bool) {
	routes := routesAt(p, c.loc)
	if len(routes) == 0 {
		return []string{c.path}, [][]analyzer.DepFact{nil}, []bool{false}
	}
	seen := map[string]bool{}
	for _, r := range routes {
		key := r.Path + "\x00" + r.App
		if seen[key] {
			continue
		}
		seen[key] = true
		paths = append(paths, r.Path)
		deps = append(deps, mountDeps(r))
		onApp = append(onApp, r.App != "")
	}
	return paths, deps, onApp
}

// unread reports path parameters that nothing reads.
func (c *fa505Check) unread(p *analyzer.Project) string {
	if c.requestEscapes {
		return ""
	}
	paths, deps, _ := c.mounted(p)
	exprs := fa505ExpressionPlaceholders(p)
	byKey := fa505PathParamsRead(p)
	var missing []string
	var where string
	reported := map[string]bool{}
	allPosOnly := true
	for i, full := range paths {
		readers, skipped, ok := c.reads(p, deps[i])
		if !ok {
			return ""
		}
		read := map[string]bool{}
		for _, r := range readers {
			read[r.param.lookupName()] = true
		}
		own := map[string]bool{}
		for _, name := range pathParams(c.path) {
			own[name] = true
		}
		for _, name := range pathParams(full) {
			if read[name] || reported[name] || !own[name] && exprs[name] || byKey[name] {
				continue
			}
			reported[name] = true
			missing = append(missing, "`{"+name+"}`")
			if where == "" {
				where = full
			}
			if sk, ok := skipped[name]; !ok || !sk.PosOnly {
				allPosOnly = false
			}
		}
	}
	if len(missing) == 0 {
		return ""
	}
	noun, verb := "path parameter", "is"
	if len(missing) > 1 {
		noun, verb = "path parameters", "are"
	}
	if allPosOnly {
		noun, verb := "it", "a positional-only parameter"
		if len(missing) > 1 {
			noun, verb = "them", "positional-only parameters"
		}
		return fmt.Sprintf("%s of `%s` %s only %s of %s, and FastAPI passes parameters by keyword, so the call fails; move %s after the `/`",
			strings.Join(missing, ", "), where, map[bool]string{true: "are", false: "is"}[len(missing) > 1], verb, c.name, noun)
	}
	return fmt.Sprintf("%s %s of `%s` %s read by neither %s nor its dependencies, so the value is matched and thrown away; add a parameter of that name to the signature (or `Path(alias=...)`), or fix the path",
		noun, strings.Join(missing, ", "), where, verb, c.name)
}

// undeclared reports Path(...) parameters that no mounted path holds.
func (c *fa505Check) undeclared(p *analyzer.Project) string {
	paths, deps, onApp := c.mounted(p)
	for i, full := range paths {
		if !onApp[i] {
			continue
		}
		inPath := map[string]bool{}
		for _, name := range pathParams(full) {
			inPath[name] = true
		}
		readers, _, _ := c.reads(p, deps[i])
		var bad []string
		for _, r := range readers {
			if r.param.Marker != "Path" || inPath[r.param.lookupName()] {
				continue
			}
			what := "`" + r.param.Name + "`"
			if r.param.Alias != "" {
				what = "`" + r.param.Name + "` (alias `" + r.param.Alias + "`)"
			}
			if r.owner != "" {
				what += " of dependency " + r.owner
			}
			bad = append(bad, what)
		}
		if len(bad) == 0 {
			continue
		}
		sort.Strings(bad)
		return fmt.Sprintf("%s declares %s with `Path(...)` but `%s` has no such parameter, so every request fails with 422; add `{%s}` to the path or read the value with `Query(...)`",
			c.name, strings.Join(bad, ", "), full, fa505FirstName(bad[0]))
	}
	return ""
}

func fa505FirstName(s string) string {
	if i := strings.Index(s, "(alias `"); i >= 0 {
		rest := s[i+len("(alias `"):]
		return rest[:strings.IndexByte(rest, '`')]
	}
	return strings.Trim(strings.SplitN(s, " ", 2)[0], "`")
}

// fa505ExpressionPlaceholders returns the `{X}` placeholders of router and
// include prefixes that stand for an expression (a variable or import of the
// module that declares the prefix: `APIRouter(prefix=API_PREFIX)`) rather
// than a path parameter.
func fa505ExpressionPlaceholders(p *analyzer.Project) map[string]bool {
	return p.Memo("fa505.exprs", func() any { return fa505ComputeExpressionPlaceholders(p) }).(map[string]bool)
}

func fa505ComputeExpressionPlaceholders(p *analyzer.Project) map[string]bool {
	out := map[string]bool{}
	names := func(mf *analyzer.ModuleFacts, prefix string) {
		if mf == nil {
			return
		}
		for _, name := range pathParams(prefix) {
			if _, ok := mf.Symbols[name]; ok {
				out[name] = true
			} else if _, ok := mf.Imports[name]; ok {
				out[name] = true
			}
		}
	}
	for _, mf := range p.Files {
		for _, r := range mf.Routers {
			names(mf, r.Prefix)
		}
		for _, inc := range mf.Includes {
			names(mf, inc.Prefix)
		}
	}
	return out
}

// fa505PathParamsRead returns the path parameter names that some project
// function reads by key from request.path_params (a middleware, a
// permission class): those parameters are consumed outside the signature.
func fa505PathParamsRead(p *analyzer.Project) map[string]bool {
	return p.Memo("fa505.read", func() any { return fa505ComputePathParamsRead(p) }).(map[string]bool)
}

func fa505ComputePathParamsRead(p *analyzer.Project) map[string]bool {
	out := map[string]bool{}
	for _, mf := range p.Files {
		for _, f := range mf.Functions {
			for _, k := range strings.Split(f.Tags[pathParamsReadTag], ",") {
				if k != "" && k != "*" {
					out[k] = true
				}
			}
		}
	}
	return out
}
