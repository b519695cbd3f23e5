package analyzer

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// FunctionFacts summarises a function for the call and dependency graphs.
type FunctionFacts struct {
	Module    string
	QualName  string // "func", "Class.method"
	Async     bool
	Generator bool
	IsHandler bool
	Loc       Location // the function's name
	Calls     []CallFact
	Deps      []DepFact // Depends/Security of its parameters
	// Tags are facts contributed by collectors, e.g. "blocking" → "requests.get()".
	Tags map[string]string
}

// Name is the function's qualified name across the project.
func (f *FunctionFacts) Name() string { return joinName(f.Module, f.QualName) }

// CallFact is one call made directly in a function's body.
type CallFact struct {
	Callee    string // qualified name: a project function, a method "mod.Class.meth", or a library name
	Loc       Location
	Awaited   bool
	Offloaded bool // an argument of run_in_threadpool/to_thread/run_in_executor, or inside a lambda
}

// DepFact is one Depends(...)/Security(...) edge.
type DepFact struct {
	Target   string // qualified name of the dependency callable; "" when unresolved
	Security bool
	Param    string // the parameter it fills, "" for dependencies=[...]
}

// RouterFacts is a FastAPI() or APIRouter() bound to a module-level name.
type RouterFacts struct {
	Name       string // qualified name of the variable
	IsApp      bool
	Prefix     string
	PrefixRefs map[string]string // placeholder expression → qualified name
	// Class is the project class that builds the router, until the project
	// index confirms it derives from APIRouter/FastAPI (then cleared).
	Class string
	Tags  []string
	Deps  []DepFact
	Loc   Location // the constructor call
}

// HandlerFacts is a path operation.
type HandlerFacts struct {
	Func    string // qualified name of the handler function
	Router  string // qualified name of the app/router, as written
	Methods []string
	Path    string
	Tags    []string
	Deps    []DepFact // dependencies=[...] of the decorator
	Loc     Location  // the decorator
}

// IncludeFacts is an include_router(...) call.
type IncludeFacts struct {
	Parent, Child string // qualified names, as written
	Prefix        string
	PrefixRefs    map[string]string // placeholder expression → qualified name
	Tags          []string
	Deps          []DepFact
	Mount         bool // app.mount(prefix, child): prefix only, no deps or tags
	Loc           Location
}

// ClassFacts describes a class for the ORM and schema index.
type ClassFacts struct {
	Name       string   // qualified
	Bases      []string // qualified names
	Decorators []string // qualified names of the decorators (calls: of the callee)
	Keywords   map[string]string
	Fields     []FieldFacts
	Loc        Location
}

// FieldFacts is a class-level attribute.
type FieldFacts struct {
	Name       string
	Annotation string            // annotation text, e.g. "Mapped[list[\"Item\"]]"
	Call       string            // qualified callee of the value: "sqlalchemy.orm.relationship", "sqlalchemy.Column", ...
	Lazy       string            // relationship(lazy=...) value
	Kwargs     map[string]string // keyword arguments of the value call, as source text
	Target     string            // relationship target: first argument text without quotes
	String     string            // the value when it is a plain string literal (settings defaults)
	// Dep is set for `user: User = Depends(get_user)` (or Annotated[...,
	// Depends(...)]): in a class-based view every route method gets it.
	Dep *DepFact
	Loc Location
}

func depFacts(deps []*Dependency, param string) []DepFact {
	var out []DepFact
	for _, d := range deps {
		out = append(out, DepFact{Target: d.Target, Security: d.Security, Param: param})
	}
	return out
}

// appFacts fills the FastAPI, class and call facts of mf.
func (m *Module) appFacts(mf *ModuleFacts, locate func(*pyast.Node) Location, tags map[*Function]map[string]string) {
	for _, f := range m.Functions {
		ff := &FunctionFacts{
			Module: m.Name, QualName: f.QualName, Async: f.Async, Generator: f.Generator,
			IsHandler: f.Handler != nil, Loc: locate(f.Node.ChildByField("name")), Tags: tags[f],
		}
		for _, p := range f.Params {
			if p.Depends != nil {
				ff.Deps = append(ff.Deps, DepFact{Target: p.Depends.Target, Security: p.Depends.Security, Param: p.Name})
			} else if strings.HasPrefix(string(m.ParamKind(p)), "A:") {
				// An imported Annotated alias: its dependency is known to the project.
				ff.Deps = append(ff.Deps, DepFact{Target: "alias:" + p.Alias, Param: p.Name})
			}
		}
		ff.Calls = m.callFacts(f, locate)
		mf.Functions[f.QualName] = ff
	}
	for _, r := range append(append([]*Router{}, m.Routers...), m.IndirectRouters...) {
		mf.Routers = append(mf.Routers, &RouterFacts{
			Name: joinName(m.Name, r.Var), IsApp: r.IsApp, Class: r.Class, Prefix: r.Prefix, PrefixRefs: r.PrefixRefs, Tags: r.Tags,
			Deps: depFacts(r.Deps, ""), Loc: locate(r.Call),
		})
	}
	for _, h := range m.Handlers {
		mf.Handlers = append(mf.Handlers, &HandlerFacts{
			Func: joinName(m.Name, h.Func.QualName), Router: h.Router, Methods: h.Methods, Path: h.Path,
			Tags: stringList(h.Kwarg("tags")), Deps: depFacts(h.Deps, ""), Loc: locate(h.Decorator),
		})
	}
	for _, inc := range m.Includes {
		mf.Includes = append(mf.Includes, &IncludeFacts{
			Parent: inc.Parent, Child: inc.Child, Prefix: inc.Prefix, PrefixRefs: inc.PrefixRefs, Tags: inc.Tags,
			Deps: depFacts(inc.Deps, ""), Mount: inc.Mount, Loc: locate(inc.Call),
		})
	}
	for _, c := range m.Classes {
		cf := &ClassFacts{Name: joinName(m.Name, classQualName(c.Node)), Bases: c.Bases, Loc: locate(c.Node.ChildByField("name"))}
		for _, d := range pyast.Decorators(c.Node) {
			if d.Is("call") {
				d = pyast.Callee(d)
			}
			cf.Decorators = append(cf.Decorators, m.Resolve(d))
		}
		for _, kw := range c.Node.ChildByField("superclasses").NamedChildren() {
			if kw.Kind == "keyword_argument" {
				if cf.Keywords == nil {
					cf.Keywords = map[string]string{}
				}
				cf.Keywords[kw.ChildByField("name").Text()] = kw.ChildByField("value").Text()
			}
		}
		for _, fl := range c.Fields {
			ff := FieldFacts{Name: fl.Name, Annotation: fl.Annotation.Text(), Loc: locate(fl.Node)}
			if str, ok := pyast.StringValue(fl.Value); ok && len(str) <= maxConstantLen {
				ff.String = str
			}
			d := m.dependencyOf(fl.Value)
			for i := 0; i < len(fl.Metadata) && d == nil; i++ {
				d = m.dependencyOf(fl.Metadata[i])
			}
			if d != nil {
				ff.Dep = &DepFact{Target: d.Target, Security: d.Security, Param: fl.Name}
			}
			if call := pyast.Unparen(fl.Value); call.Is("call") {
				ff.Call = m.Resolve(pyast.Callee(call))
				ff.Lazy, _ = pyast.StringValue(pyast.Kwarg(call, "lazy"))
				_, kws := pyast.Args(call)
				if len(kws) > 0 {
					ff.Kwargs = make(map[string]string, len(kws))
					for k, v := range kws {
						ff.Kwargs[k] = v.Text()
					}
				}
				if t := pyast.Arg(call, 0); t != nil {
					if s, ok := pyast.StringValue(t); ok {
						ff.Target = s
					} else {
						ff.Target = t.Text()
					}
				}
			}
			cf.Fields = append(cf.Fields, ff)
		}
		mf.Classes[cf.Name] = cf
	}
}

// callFacts records the calls made in f's own body (nested defs have their own).
func (m *Module) callFacts(f *Function, locate func(*pyast.Node) Location) []CallFact {
	var out []CallFact
	f.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition":
			return false
		case "call":
			callee := m.CalleeName(f, n)
			if callee == "" {
				return true
			}
			out = append(out, CallFact{
				Callee: callee, Loc: locate(n), Awaited: pyast.IsAwaited(n),
				Offloaded: m.Offloaded(n) || n.Ancestor("lambda", "function_definition").Is("lambda"),
			})
		}
		return true
	})
	return out
}

// CalleeName returns the qualified name of what a call inside fn calls:
// module-level names through imports, `self.method()` inside a class, and
// methods on values whose kind is a project class. "" when unknown.
func (m *Module) CalleeName(fn *Function, call *pyast.Node) string {
	callee := pyast.Callee(call)
	if callee.Is("attribute") {
		obj := callee.ChildByField("object")
		meth := callee.ChildByField("attribute").Text()
		if obj.Is("identifier") && fn != nil {
			if obj.Text() == "self" || obj.Text() == "cls" {
				if fn.Class != nil {
					return joinName(m.Name, classQualName(fn.Class.Node)+"."+meth)
				}
				return ""
			}
			if k, local := m.localKind(fn, obj.Text(), 0); local {
				if t := k.Type(); t != "" {
					return t + "." + meth
				}
				return ""
			}
		}
	} else if callee.Is("identifier") && fn != nil {
		if _, local := m.localKind(fn, callee.Text(), 0); local {
			return ""
		}
	}
	return m.Resolve(callee)
}

// Offloaded reports whether n is (inside) an argument of a call that runs it
// in a worker thread: run_in_threadpool, asyncio.to_thread,
// loop.run_in_executor, anyio.to_thread.run_sync, AsyncSession.run_sync.
func (m *Module) Offloaded(n *pyast.Node) bool {
	for p := n.Up(); p != nil && p.Kind != "function_definition"; p = p.Parent {
		if p.Kind != "call" || !p.ChildByField("arguments").Contains(n) {
			continue
		}
		switch m.Resolve(pyast.Callee(p)) {
		case "fastapi.concurrency.run_in_threadpool", "asyncio.to_thread", "anyio.to_thread.run_sync",
			"asgiref.sync.sync_to_async":
			return true
		}
		if c := pyast.Callee(p); c.Is("attribute") {
			switch c.ChildByField("attribute").Text() {
			case "run_in_executor", "run_sync":
				return true
			}
		}
	}
	return false
}
