package analyzer

import (
	"path"
	"regexp"
	"sort"
	"strings"
)

// index builds the lookup tables of the project.
func (p *Project) index() {
	p.functions = map[string]*FunctionFacts{}
	p.classes = map[string]*ClassFacts{}
	p.routers = map[string]*RouterFacts{}
	p.classesByName = map[string][]string{}
	p.byPath = map[string]*ModuleFacts{}
	p.indexTails()
	for _, mf := range p.Files {
		p.byPath[mf.Path] = mf
		for _, f := range mf.Functions {
			p.functions[f.Name()] = f
		}
		for name, c := range mf.Classes {
			p.classes[name] = c
			p.classesByName[LastPart(name)] = append(p.classesByName[LastPart(name)], name)
		}
	}
	for _, mf := range p.Files {
		kept := mf.Routers[:0]
		for _, r := range mf.Routers {
			if r.Class != "" {
				base := p.frameworkBase(r.Class)
				if base == "" {
					continue // an instance of some other project class
				}
				r.IsApp, r.Class = base == "fastapi.FastAPI", ""
			}
			kept = append(kept, r)
			if _, taken := p.routers[r.Name]; !taken || p.Modules[mf.Name] == mf {
				p.routers[r.Name] = r
			}
		}
		mf.Routers = kept
	}
}

// frameworkBase returns fastapi.FastAPI or fastapi.APIRouter when the
// project class q derives from one of them, else "".
func (p *Project) frameworkBase(q string) string {
	for depth := 0; depth < 8; depth++ {
		c := p.classes[p.Canonical(q)]
		if c == nil {
			return ""
		}
		for _, b := range c.Bases {
			switch b = p.Canonical(b); b {
			case "fastapi.FastAPI", "fastapi.APIRouter":
				return b
			}
		}
		if len(c.Bases) == 0 {
			return ""
		}
		q = c.Bases[0]
	}
	return ""
}

// ShownPath is the path a location in path is shown under: a Markdown code
// block's document, or path itself.
func (p *Project) ShownPath(path string) string {
	if mf := p.byPath[path]; mf != nil && mf.Shown != "" {
		return mf.Shown
	}
	return path
}

// Canonical follows re-exports (`from .users import router` in a package
// __init__) to the module that defines the name. Names outside the project
// come back unchanged.
func (p *Project) Canonical(q string) string {
	for hops := 0; hops < 8; hops++ {
		mod, rest := p.splitModule(q)
		if mod != nil && rest == "" {
			// A package that imports a name over its submodule's
			// (`from .router import router` in users/__init__.py) makes
			// `from users import router` the object, not the module.
			if pkg := p.Modules[ModuleOf(q)]; pkg != nil {
				if next, ok := pkg.Imports[LastPart(q)]; ok && next != q {
					q = next
					continue
				}
			}
		}
		if mod == nil || rest == "" {
			return q
		}
		first, tail, _ := strings.Cut(rest, ".")
		if _, ok := mod.Symbols[first]; ok {
			return joinName(mod.Name, rest) // an alias name becomes the module's own
		}
		if _, ok := mod.Classes[joinName(mod.Name, first)]; ok {
			return joinName(mod.Name, rest)
		}
		next, ok := mod.Imports[first]
		if !ok {
			next, ok = p.starSource(mod, first)
		}
		if !ok {
			return q
		}
		q = joinName(next, tail)
	}
	return q
}

// starSource returns the qualified name that `from X import *` in mod binds
// to name: the first star-imported module that defines, assigns or imports
// it (a later star import could shadow it; the model keeps the first).
func (p *Project) starSource(mod *ModuleFacts, name string) (string, bool) {
	for _, s := range mod.Stars {
		src := p.Modules[s]
		if src == nil || strings.HasPrefix(name, "_") {
			continue
		}
		q := joinName(src.Name, name)
		if _, ok := src.Symbols[name]; ok {
			return q, true
		}
		if _, ok := src.Classes[q]; ok {
			return q, true
		}
		if _, ok := src.Imports[name]; ok {
			return q, true
		}
	}
	return "", false
}

// splitModule finds the longest project module that prefixes q.
func (p *Project) splitModule(q string) (*ModuleFacts, string) {
	for mod := q; mod != ""; mod = ModuleOf(mod) {
		if mf := p.module(mod); mf != nil {
			return mf, strings.TrimPrefix(strings.TrimPrefix(q, mod), ".")
		}
	}
	return nil, ""
}

// module returns the project module a dotted name imports: by its name or
// an alias, or else by the tail of exactly one module's name. The tail
// covers code run from a directory that is no package and not the audited
// root (`from app.api import user` in P27/backend/app/api/user.py, no
// __init__.py anywhere); it needs two parts at least, so a lone `config`
// or `requests` never matches a project file.
func (p *Project) module(name string) *ModuleFacts {
	if mf := p.Modules[name]; mf != nil {
		return mf
	}
	if real := p.byTail[name]; real != "" && strings.Contains(name, ".") {
		return p.Modules[real]
	}
	return nil
}

// indexTails fills byTail: every dotted tail of two parts or more of a
// module name (not the whole name) to that module, "" when several share it.
func (p *Project) indexTails() {
	p.byTail = map[string]string{}
	for _, mf := range p.Files {
		parts := strings.Split(mf.Name, ".")
		for i := 1; i+2 <= len(parts); i++ {
			tail := strings.Join(parts[i:], ".")
			if prev, seen := p.byTail[tail]; seen && prev != mf.Name {
				p.byTail[tail] = ""
			} else {
				p.byTail[tail] = mf.Name
			}
		}
	}
}

// Function returns the facts of a project function or method by qualified
// name. A method called on a module-level instance (`notifier.send` with
// `notifier = Notifier()` in another module) resolves through the
// instance's class.
func (p *Project) Function(q string) *FunctionFacts {
	if f := p.functions[q]; f != nil {
		return f
	}
	if f := p.functions[p.Canonical(q)]; f != nil {
		return f
	}
	recv, meth := ModuleOf(q), LastPart(q)
	if recv == "" {
		return nil
	}
	if _, sf := p.Lookup(p.Canonical(recv)); sf != nil && sf.Kind == SymbolVar {
		if t := p.Resolve(sf.Value).Type(); t != "" {
			return p.functions[p.Canonical(t)+"."+meth]
		}
	}
	return nil
}

// Class returns the facts of a project class by qualified name.
func (p *Project) Class(q string) *ClassFacts {
	if c := p.classes[q]; c != nil {
		return c
	}
	return p.classes[p.Canonical(q)]
}

// Route is one method + full path of a handler as mounted on an app.
type Route struct {
	Handler  *HandlerFacts
	Function *FunctionFacts // nil if the handler's facts are missing
	Method   string
	Path     string   // full path: include prefixes + router prefix + route path
	App      string   // qualified name of the app; "" when the router is never included
	Tags     []string // route, router and include tags
	// Deps are the route-, router-, include- and app-level dependencies
	// (parameter dependencies are on Function.Deps).
	Deps []DepFact
}

type mount struct {
	app  string
	base string // prefix accumulated above the router
	tags []string
	deps []DepFact
}

// Routes lists every route of the application graph, sorted by path, method
// and handler location. A router included twice yields its routes twice.
func (p *Project) Routes() []Route {
	p.routesOnce.Do(p.buildRoutes)
	return p.routes
}

func (p *Project) buildRoutes() {
	includes := map[string][]*IncludeFacts{} // by canonical child
	for _, mf := range p.Files {
		for _, inc := range mf.Includes {
			child := p.Canonical(inc.Child)
			includes[child] = append(includes[child], inc)
		}
	}
	var mounts func(router string, depth int) []mount
	mounts = func(router string, depth int) []mount {
		if r := p.routers[router]; r != nil && r.IsApp {
			// A mounted sub-application keeps its own dependencies and
			// tags; the parent only adds the mount path.
			var out []mount
			for _, inc := range includes[router] {
				if !inc.Mount || depth > 8 {
					continue
				}
				for _, pm := range mounts(p.Canonical(inc.Parent), depth+1) {
					if pm.app == "" {
						continue // mounted on an app the model does not know (built in a factory)
					}
					out = append(out, mount{app: pm.app, base: pm.base + p.expandPrefix(inc.Prefix, inc.PrefixRefs), deps: r.Deps, tags: r.Tags})
				}
			}
			if len(out) == 0 {
				out = []mount{{app: router, deps: r.Deps, tags: r.Tags}}
			}
			return out
		}
		if depth > 8 || len(includes[router]) == 0 {
			return []mount{{}}
		}
		var out []mount
		for _, inc := range includes[router] {
			if inc.Mount {
				continue // only apps are mounted (above); a router needs include_router
			}
			parent := p.Canonical(inc.Parent)
			pr := p.routers[parent]
			for _, pm := range mounts(parent, depth+1) {
				m := mount{app: pm.app, base: pm.base, tags: append(append([]string{}, pm.tags...), inc.Tags...),
					deps: append(append([]DepFact{}, pm.deps...), inc.Deps...)}
				if pr != nil && !pr.IsApp {
					m.base += p.expandPrefix(pr.Prefix, pr.PrefixRefs)
					m.tags = append(m.tags, pr.Tags...)
					m.deps = append(m.deps, pr.Deps...)
				}
				m.base += p.expandPrefix(inc.Prefix, inc.PrefixRefs)
				out = append(out, m)
			}
		}
		return out
	}
	routes := []Route{}
	for _, mf := range p.Files {
		// A module shadowed by a package of the same name (history.py next
		// to history/) is never imported: its routes are served nowhere, and
		// its names are the package's.
		owner := p.Modules[mf.Name]
		shadowed := owner != mf && path.Base(owner.Path) == "__init__.py" && path.Base(mf.Path) != "__init__.py"
		for _, h := range mf.Handlers {
			router := p.Canonical(h.Router)
			r := p.routers[router]
			mounted := mounts(router, 0)
			if shadowed {
				r, mounted = nil, []mount{{}}
				for _, own := range mf.Routers {
					if own.Name == h.Router {
						r = own
					}
				}
			}
			for _, mt := range mounted {
				path, tags, deps := mt.base, mt.tags, mt.deps
				if r != nil && !r.IsApp {
					path += p.expandPrefix(r.Prefix, r.PrefixRefs)
					tags = append(append([]string{}, tags...), r.Tags...)
					deps = append(append([]DepFact{}, deps...), r.Deps...)
				}
				path += h.Path
				if path == "" {
					path = "/"
				}
				tags = append(append([]string{}, tags...), h.Tags...)
				deps = append(append(append([]DepFact{}, deps...), p.viewDeps(h.Func)...), h.Deps...)
				for _, method := range h.Methods {
					routes = append(routes, Route{Handler: h, Function: p.Function(h.Func), Method: method,
						Path: path, App: mt.app, Tags: tags, Deps: deps})
				}
			}
		}
	}
	sort.SliceStable(routes, func(i, j int) bool {
		a, b := routes[i], routes[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Method != b.Method {
			return a.Method < b.Method
		}
		if a.Handler.Loc.Path != b.Handler.Loc.Path {
			return a.Handler.Loc.Path < b.Handler.Loc.Path
		}
		return a.Handler.Loc.Line < b.Handler.Loc.Line
	})
	p.routes = routes
}

// viewDeps returns the dependencies a class-based view gives a route
// method (fastapi-utils' @cbv, mealie-style controllers): the class's and
// its project bases' attributes declared with Depends(...), a subclass's
// attribute replacing its base's of the same name. Route methods only work
// through such a decorator, so every method handler gets them.
func (p *Project) viewDeps(handler string) []DepFact {
	c := p.Class(ModuleOf(handler))
	if c == nil {
		return nil
	}
	var out []DepFact
	seen := map[string]bool{}
	for depth := 0; c != nil && depth < 8; depth++ {
		for _, f := range c.Fields {
			if f.Dep != nil && !seen[f.Name] {
				seen[f.Name] = true
				out = append(out, *f.Dep)
			}
		}
		var base *ClassFacts
		for _, b := range c.Bases {
			if base = p.Class(b); base != nil {
				break
			}
		}
		c = base
	}
	return out
}

// expandPrefix fills the `{expr}` placeholders of a prefix whose expression
// names a string constant: a module variable (`API_PREFIX = "/api"`) or a
// settings field read through an instance (`settings.API_V1_STR`).
func (p *Project) expandPrefix(prefix string, refs map[string]string) string {
	texts := make([]string, 0, len(refs))
	for text := range refs {
		texts = append(texts, text)
	}
	sort.Strings(texts)
	for _, text := range texts {
		if v, ok := p.StringConstant(refs[text]); ok {
			prefix = strings.ReplaceAll(prefix, "{"+text+"}", v)
		}
	}
	return prefix
}

var placeholderRE = regexp.MustCompile(`\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\}`)

// ExpandConstants fills the `{name}` placeholders of a path template built
// in module mf (an f-string's interpolations) whose name refers, through
// mf's imports or module-level names, to a string constant.
func (p *Project) ExpandConstants(mf *ModuleFacts, template string) string {
	if mf == nil || !strings.Contains(template, "{") {
		return template
	}
	return placeholderRE.ReplaceAllStringFunc(template, func(ph string) string {
		name := ph[1 : len(ph)-1]
		first, rest, _ := strings.Cut(name, ".")
		q, ok := mf.Imports[first]
		if !ok {
			if mf.Symbols[first] == nil {
				return ph
			}
			q = joinName(mf.Name, first)
		}
		if rest != "" {
			q += "." + rest
		}
		if v, ok := p.StringConstant(q); ok {
			return v
		}
		return ph
	})
}

// StringConstant returns the string a qualified name stands for, when it is
// a module-level string literal, or a class attribute with a string default
// read through the class or through a module-level instance of it
// (`settings = Settings()`; `settings.API_V1_STR`), base classes included.
func (p *Project) StringConstant(q string) (string, bool) {
	if _, sf := p.Lookup(q); sf != nil {
		return sf.String, sf.Kind == SymbolVar && sf.String != ""
	}
	owner, attr := ModuleOf(q), LastPart(q)
	class := p.Canonical(owner)
	if _, sf := p.Lookup(owner); sf != nil && sf.Kind == SymbolVar && sf.Call != "" {
		class = p.Canonical(sf.Call)
	}
	for depth := 0; depth < 8 && class != ""; depth++ {
		c := p.Class(class)
		if c == nil {
			return "", false
		}
		for _, f := range c.Fields {
			if f.Name == attr {
				return f.String, f.String != ""
			}
		}
		class = ""
		if len(c.Bases) > 0 {
			class = p.Canonical(c.Bases[0])
		}
	}
	return "", false
}

// DependencyClosure returns every dependency a route or function pulls in,
// following Depends edges through dependency functions (breadth first,
// deduplicated by target, bounded depth).
func (p *Project) DependencyClosure(direct []DepFact) []DepFact {
	var out []DepFact
	seen := map[string]bool{}
	queue := append([]DepFact{}, direct...)
	for depth := 0; len(queue) > 0 && depth < 64; depth++ {
		var next []DepFact
		for _, d := range queue {
			d.Target = p.resolveDepTarget(d.Target)
			if d.Target == "" || seen[d.Target] {
				continue
			}
			seen[d.Target] = true
			out = append(out, d)
			if f := p.Function(d.Target); f != nil {
				next = append(next, f.Deps...)
			} else if f := p.Function(d.Target + ".__init__"); f != nil {
				next = append(next, f.Deps...) // a class used as a dependency
			}
		}
		queue = next
	}
	return out
}

// resolveDepTarget turns "alias:mod.X" (an imported Annotated alias) into
// the dependency callable it names.
func (p *Project) resolveDepTarget(t string) string {
	if !strings.HasPrefix(t, "alias:") {
		return p.Canonical(t)
	}
	_, sf := p.Lookup(strings.TrimPrefix(t, "alias:"))
	if sf == nil {
		return ""
	}
	return p.Canonical(sf.AliasDep)
}
