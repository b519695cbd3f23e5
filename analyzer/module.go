package analyzer

import (
	"path"
	"slices"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// Module is the semantic model of one Python file, built from its syntax tree.
// Its nodes are only valid during the per-file phase; what other modules need
// is copied into Facts.
type Module struct {
	Path    string // relative to the audited root, '/'-separated
	Name    string // dotted module name, e.g. "app.routers.users"
	Package string // package that relative imports start from
	IsTest  bool   // matches the config's test-paths
	// Abs is the file on disk ("" when held in memory): rules that read
	// files next to the module (FA507's dependency pins) start from it.
	Abs  string
	Tree *pyast.Tree

	// Imports maps each local name bound by an import to its qualified name.
	Imports map[string]string
	// StarImports lists the project modules imported with `from X import *`,
	// whose names this module's namespace may hold (see Project.Canonical).
	StarImports []string
	// Functions lists every function and method, in source order.
	Functions []*Function
	// Defs maps module-level function names to their function.
	Defs    map[string]*Function
	Classes []*Class
	// Vars maps module-level assigned names to the last value assigned.
	Vars    map[string]*pyast.Node
	Routers []*Router
	// IndirectRouters are apps and routers local to a function (see
	// factoryRouter) and module-level instances of project classes that
	// may subclass APIRouter/FastAPI (Router.Class, confirmed in the project
	// phase). Kept apart because module rules about apps (metadata, health
	// endpoint) look at Routers only.
	IndirectRouters []*Router
	Handlers        []*Handler
	Includes        []*Include

	funcByNode map[*pyast.Node]*Function
	// factoryApps maps a factory's local app (`create_app.app`) to the
	// module-level router assigned its result (routerFromFactory).
	factoryApps map[string]*Router
	kinds       *pyast.KindIndex
	bindings    map[*Function]map[string][]Binding
	// resolved memoizes Resolve by node ID once the model is complete
	// (dozens of rules ask for the callee of the same call nodes): 0 not
	// yet known, k the name resolvedNames[k-1].
	resolved      []int32
	resolvedNames []string
	// projectModules holds the dotted names of every module in the run, so
	// names imported from them can be told from library names.
	projectModules map[string]bool
}

// Function is a def or async def, at any nesting level.
type Function struct {
	Name       string
	QualName   string // "Class.method" or "outer.inner" within the module
	Node       *pyast.Node
	Async      bool
	Class      *Class    // enclosing class for methods
	Outer      *Function // enclosing function for nested defs
	Params     []*Param
	Returns    *pyast.Node // return annotation (unwrapped from Annotated)
	Decorators []*pyast.Node
	Generator  bool     // contains yield in its own body
	Handler    *Handler // set when the function is a path operation

	assigned map[string]bool // see AssignsName
}

// Body returns the function's block.
func (f *Function) Body() *pyast.Node { return f.Node.ChildByField("body") }

// Param returns the parameter with the name, or nil.
func (f *Function) Param(name string) *Param {
	for _, p := range f.Params {
		if p.Name == name {
			return p
		}
	}
	return nil
}

// ParamKind tells how a parameter is passed.
type ParamKind int

const (
	ParamNormal ParamKind = iota
	ParamKeywordOnly
	ParamVarArgs
	ParamKwArgs
)

// Param is a function parameter.
type Param struct {
	Name       string
	Node       *pyast.Node
	Kind       ParamKind
	Annotation *pyast.Node   // the type, unwrapped from Annotated[T, ...]
	Metadata   []*pyast.Node // the extra arguments of Annotated[T, ...]
	Default    *pyast.Node
	Depends    *Dependency // Depends(...)/Security(...) in the default or Annotated metadata
	// Alias names a module-level or imported `X = Annotated[T, Depends(...)]`
	// used as the annotation; resolved through facts when imported.
	Alias string
}

// Dependency is one Depends(...)/Security(...) marker.
type Dependency struct {
	Call     *pyast.Node
	Target   string // qualified name of the dependency callable; "" when unresolved
	Security bool
}

// Class is a class definition.
type Class struct {
	Name   string
	Node   *pyast.Node
	Bases  []string // qualified names
	Fields []*Field
}

// Field is a class-level assignment or annotation.
type Field struct {
	Name       string
	Node       *pyast.Node
	Annotation *pyast.Node   // unwrapped from Annotated[T, ...]
	Metadata   []*pyast.Node // the extra arguments of Annotated[T, ...]
	Value      *pyast.Node
}

// Router is a FastAPI() or APIRouter() assigned to a module-level name.
type Router struct {
	Var    string // local name
	IsApp  bool
	Call   *pyast.Node
	Prefix string
	// PrefixRefs maps each `{expr}` placeholder of Prefix to the qualified
	// name expr refers to, for the project phase to fill in constants.
	PrefixRefs map[string]string
	Tags       []string
	Deps       []*Dependency
	// Class is set when the router is built by a project class that the
	// project phase must confirm as an APIRouter/FastAPI subclass.
	Class string
}

// Handler is a path operation: a function decorated with app.get(...) & co.
type Handler struct {
	Func      *Function
	Decorator *pyast.Node // the decorator call
	Router    string      // qualified name of the app/router
	Local     *Router     // set when the router is defined in this module
	Methods   []string    // upper case: GET, POST, ...; WEBSOCKET for websocket routes
	Path      string
	Deps      []*Dependency // dependencies=[...] of the decorator
}

// Kwarg returns a keyword argument of the route decorator.
func (h *Handler) Kwarg(name string) *pyast.Node {
	if h == nil {
		return nil
	}
	return pyast.Kwarg(h.Decorator, name)
}

// Include is an include_router(...) call, or a mount(path, app) of a
// sub-application.
type Include struct {
	Call       *pyast.Node
	Parent     string // qualified name of the app/router that includes
	Child      string // qualified name of the included router
	Prefix     string
	PrefixRefs map[string]string // as Router.PrefixRefs
	Tags       []string
	Deps       []*Dependency
	// Mount is set for app.mount(...): the child is a separate ASGI app,
	// so only the path prefix carries over, not dependencies or tags.
	Mount bool
}

// FunctionAt returns the function whose def node is n.
func (m *Module) FunctionAt(n *pyast.Node) *Function { return m.funcByNode[n] }

// EnclosingFunction returns the innermost function around n (lambdas skipped).
func (m *Module) EnclosingFunction(n *pyast.Node) *Function {
	for p := n.Up(); p != nil; p = p.Parent {
		if p.Kind == "function_definition" {
			return m.funcByNode[p]
		}
	}
	return nil
}

// ModuleName derives the dotted module name and package from a relative path:
// "app/routers/users.py" is "app.routers.users" in package "app.routers";
// "app/__init__.py" is "app" in package "app".
func ModuleName(rel string) (name, pkg string) {
	rel = strings.TrimSuffix(rel, ".py")
	parts := strings.Split(rel, "/")
	if len(parts) > 0 && parts[len(parts)-1] == "__init__" {
		parts = parts[:len(parts)-1]
		name = strings.Join(parts, ".")
		return name, name
	}
	name = strings.Join(parts, ".")
	return name, strings.Join(parts[:len(parts)-1], ".")
}

// SourceRoots maps each file to the path its module name derives from. A
// file under a package (a directory with __init__.py) is named from the
// directory above its topmost package ancestor, so `backend/app/api/users.py`
// with `backend/app/__init__.py` is module "app.api.users" whatever
// directory is audited, and namespace subpackages inside a package (no
// __init__.py of their own) keep the package's name; files under no package
// are named from the audited root, which keeps plain namespace packages
// (`app/` without __init__.py) working.
func SourceRoots(rels []string) map[string]string {
	pkgDirs := map[string]bool{}
	for _, rel := range rels {
		if path.Base(rel) == "__init__.py" {
			pkgDirs[path.Dir(rel)] = true
		}
	}
	out := make(map[string]string, len(rels))
	for _, rel := range rels {
		out[rel] = rel
		top := ""
		for dir := path.Dir(rel); dir != "."; dir = path.Dir(dir) {
			if pkgDirs[dir] {
				top = dir
			}
		}
		if top == "" {
			continue
		}
		if base := path.Dir(top); base != "." {
			out[rel] = strings.TrimPrefix(rel, base+"/")
		}
	}
	return out
}

// NewModule builds the model of one parsed file. projectModules names every
// module of the run (nil for a lone file).
func NewModule(rel string, tree *pyast.Tree, projectModules map[string]bool) *Module {
	return newModule(rel, rel, tree, projectModules)
}

// newModule is NewModule with the path that names the module (relative to
// its source root) given apart from the path that reports use.
func newModule(rel, nameRel string, tree *pyast.Tree, projectModules map[string]bool) *Module {
	name, pkg := ModuleName(path.Clean(nameRel))
	m := &Module{
		Path: rel, Name: name, Package: pkg, Tree: tree, projectModules: projectModules,
		Imports:    map[string]string{},
		Defs:       map[string]*Function{},
		Vars:       map[string]*pyast.Node{},
		funcByNode: map[*pyast.Node]*Function{}, factoryApps: map[string]*Router{},
	}
	m.collect()
	m.resolved = make([]int32, tree.Nodes)
	return m
}

// collect makes one pass over the tree for imports, definitions and assignments,
// then a pass over the functions for FastAPI facts.
func (m *Module) collect() {
	root := m.Tree.Root
	// Module-level statements (including those nested in if/try at top level).
	var topLevel func(block *pyast.Node)
	topLevel = func(block *pyast.Node) {
		for _, st := range block.Children {
			switch st.Kind {
			case "import_statement", "import_from_statement", "future_import_statement":
				m.addImport(st)
			case "expression_statement":
				m.addModuleAssignment(st.NamedChild(0))
			case "if_statement", "try_statement", "else_clause", "elif_clause", "except_clause", "finally_clause", "with_statement":
				if st.Kind == "if_statement" && IsMainGuard(st) {
					continue
				}
				for _, c := range st.Children {
					if c.Kind == "block" {
						topLevel(c)
					} else if c.Is("else_clause", "elif_clause", "except_clause", "finally_clause") {
						topLevel(c)
					}
				}
			}
		}
	}
	topLevel(root)
	// Imports inside functions bind names too; record them when not shadowing.
	root.Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "import_statement", "import_from_statement":
			if n.Parent != root {
				m.addImport(n)
			}
			return false
		case "function_definition":
			m.addFunction(n)
		case "class_definition":
			m.addClass(n)
		}
		return true
	})
	// Parameters and decorators resolve names, so they wait until every
	// module-level definition is known.
	for _, f := range m.Functions {
		f.Params = m.params(f.Node.ChildByField("parameters"))
	}
	for _, f := range m.Functions {
		m.addHandler(f)
	}
	for _, r := range append(append([]*Router{}, m.Routers...), m.IndirectRouters...) {
		// Resolved again now that the module's functions and classes are known.
		r.Deps = m.dependencyList(pyast.Kwarg(r.Call, "dependencies"))
	}
	m.collectIncludes(root)
}

// IsMainGuard reports whether an if statement is `if __name__ == "__main__":`.
func IsMainGuard(ifst *pyast.Node) bool {
	cond := pyast.Unparen(ifst.ChildByField("condition"))
	if !cond.Is("comparison_operator") {
		return false
	}
	name, main := false, false
	for _, c := range cond.NamedChildren() {
		if c.Is("identifier") && c.Text() == "__name__" {
			name = true
		}
		if v, ok := pyast.StringValue(c); ok && v == "__main__" {
			main = true
		}
	}
	return name && main && strings.Contains(cond.Text(), "==")
}

func (m *Module) addImport(st *pyast.Node) {
	if st.Kind == "import_statement" {
		for _, n := range st.ChildrenByField("name") {
			if n.Kind == "aliased_import" {
				m.bindImport(n.ChildByField("alias").Text(), n.ChildByField("name").Text())
			} else {
				full := n.Text()
				first := strings.SplitN(full, ".", 2)[0]
				m.bindImport(first, first)
			}
		}
		return
	}
	if st.Kind != "import_from_statement" {
		return
	}
	modNode := st.ChildByField("module_name")
	mod := modNode.Text()
	if modNode.Is("relative_import") {
		mod = m.resolveRelative(modNode)
	}
	if st.FirstChildOfKind("wildcard_import") != nil && m.projectModules[mod] && !slices.Contains(m.StarImports, mod) {
		m.StarImports = append(m.StarImports, mod)
	}
	for _, n := range st.ChildrenByField("name") {
		if n.Kind == "aliased_import" {
			m.bindImport(n.ChildByField("alias").Text(), joinName(mod, n.ChildByField("name").Text()))
		} else {
			m.bindImport(n.Text(), joinName(mod, n.Text()))
		}
	}
}

func (m *Module) bindImport(local, qualified string) {
	if local == "" || qualified == "" {
		return
	}
	if _, exists := m.Imports[local]; exists {
		return // the module-level binding wins over imports inside functions
	}
	m.Imports[local] = Canonical(qualified)
}

func joinName(a, b string) string {
	if a == "" {
		return b
	}
	if b == "" {
		return a
	}
	return a + "." + b
}

// resolveRelative turns `..database` into an absolute module name.
func (m *Module) resolveRelative(rel *pyast.Node) string {
	dots := len(rel.FirstChildOfKind("import_prefix").Text())
	base := m.Package
	for i := 1; i < dots; i++ {
		base = ModuleOf(base)
	}
	return joinName(base, rel.FirstChildOfKind("dotted_name").Text())
}

func (m *Module) addModuleAssignment(n *pyast.Node) {
	if !n.Is("assignment") {
		return
	}
	left, right := n.ChildByField("left"), n.ChildByField("right")
	for right.Is("assignment") { // a = b = value
		right = right.ChildByField("right")
	}
	if !left.Is("identifier") {
		return
	}
	name := left.Text()
	if right != nil {
		m.Vars[name] = right
	} else if t := n.ChildByField("type"); t != nil {
		m.Vars[name] = nil
	}
	if r := m.routerBuiltBy(name, right); r != nil && r.Class == "" {
		m.Routers = append(m.Routers, r)
	} else if app := m.routerFromFactory(name, right); app != nil {
		m.Routers = append(m.Routers, app)
	} else if r != nil {
		m.IndirectRouters = append(m.IndirectRouters, r)
	}
}

// routerFromFactory handles `app = create_app()` where create_app, defined
// in this module, builds `app = FastAPI(...)`, configures it and returns it:
// the module-level name is that app, and the factory's local name stands
// for it too (see factoryRouter), so routes added on either side meet.
func (m *Module) routerFromFactory(name string, value *pyast.Node) *Router {
	call := pyast.Unparen(value)
	if !call.Is("call") || !pyast.Callee(call).Is("identifier") || len(call.ChildByField("arguments").NamedChildren()) > 0 {
		return nil
	}
	factory := pyast.Callee(call).Text()
	for _, st := range m.Tree.Root.Children {
		def := st
		if def.Is("decorated_definition") {
			def = def.ChildByField("definition")
		}
		if !def.Is("function_definition") || def.ChildByField("name").Text() != factory {
			continue
		}
		// One pass: the name the factory returns, and the app or router each
		// local name is built as (the last assignment wins, as at run time).
		var returned string
		built := map[string]*Router{}
		def.ChildByField("body").Walk(func(n *pyast.Node) bool {
			switch {
			case n.Is("function_definition", "class_definition", "lambda"):
				return false
			case n.Is("return_statement") && n.NamedChild(0).Is("identifier"):
				returned = n.NamedChild(0).Text()
			case n.Is("assignment") && n.ChildByField("left").Is("identifier"):
				if b := m.routerBuiltBy(name, n.ChildByField("right")); b != nil && b.Class == "" {
					built[n.ChildByField("left").Text()] = b
				}
			}
			return true
		})
		r := built[returned]
		if r != nil {
			m.factoryApps[factory+"."+returned] = r
		}
		return r
	}
	return nil
}

// routerBuiltBy returns the app or router that value builds, bound to the
// name: a call of FastAPI/APIRouter, or of a project class (Router.Class
// set), which the project phase keeps only when the class derives from
// one of them (`class APIRouter(fastapi.APIRouter)` adding defaults is a
// common pattern). nil when value builds neither.
func (m *Module) routerBuiltBy(name string, value *pyast.Node) *Router {
	call := pyast.Unparen(value)
	if !call.Is("call") {
		return nil
	}
	callee := pyast.Callee(call)
	q := m.Resolve(callee)
	if q == "" && callee.Is("identifier") {
		// A class defined further down this module: not known yet while
		// module-level statements are collected.
		q = joinName(m.Name, callee.Text())
	}
	r := &Router{Var: name, IsApp: q == "fastapi.FastAPI", Call: call}
	switch {
	case q == "fastapi.FastAPI" || q == "fastapi.APIRouter":
	case q != "" && (m.IsProjectSymbol(q) || ModuleOf(q) == m.Name):
		r.Class = q
	default:
		return nil
	}
	r.Prefix, r.PrefixRefs = m.pathTemplate(pyast.Kwarg(call, "prefix"))
	r.Tags = stringList(pyast.Kwarg(call, "tags"))
	r.Deps = m.dependencyList(pyast.Kwarg(call, "dependencies"))
	return r
}

func stringList(n *pyast.Node) []string {
	var out []string
	for _, c := range pyast.Unparen(n).NamedChildren() {
		if s, ok := pyast.StringValue(c); ok {
			out = append(out, s)
		}
	}
	return out
}

// dependencyList reads `dependencies=[Depends(a), Security(b)]`.
func (m *Module) dependencyList(n *pyast.Node) []*Dependency {
	var out []*Dependency
	for _, c := range pyast.Unparen(n).NamedChildren() {
		if d := m.dependencyOf(c); d != nil {
			out = append(out, d)
		}
	}
	return out
}

// dependencyOf returns the dependency when n is Depends(...)/Security(...).
func (m *Module) dependencyOf(n *pyast.Node) *Dependency {
	n = pyast.Unparen(n)
	if !n.Is("call") {
		return nil
	}
	q := m.Resolve(pyast.Callee(n))
	if q != "fastapi.Depends" && q != "fastapi.Security" {
		return nil
	}
	d := &Dependency{Call: n, Security: q == "fastapi.Security"}
	target := pyast.Unparen(pyast.Arg(n, 0))
	if target == nil {
		target = pyast.Kwarg(n, "dependency")
	}
	if target.Is("call") {
		// Depends(Checker(...)): the instance's __call__ is the dependency.
		if cls := m.Resolve(pyast.Callee(target)); cls != "" {
			d.Target = cls + ".__call__"
		}
		return d
	}
	d.Target = m.Resolve(target)
	return d
}

// Resolve returns the qualified name an identifier or attribute chain refers to
// at module scope: through imports, module-level definitions and builtins.
// It returns "" when the name is not known.
func (m *Module) Resolve(n *pyast.Node) string {
	if n == nil {
		return ""
	}
	id := n.ID()
	if id < 0 || id >= len(m.resolved) || n.Tree() != m.Tree {
		return m.resolve(n)
	}
	if k := m.resolved[id]; k > 0 {
		return m.resolvedNames[k-1]
	}
	q := m.resolve(n)
	m.resolvedNames = append(m.resolvedNames, q)
	m.resolved[id] = int32(len(m.resolvedNames))
	return q
}

func (m *Module) resolve(n *pyast.Node) string {
	dotted := pyast.DottedName(n)
	if dotted == "" {
		return ""
	}
	first, rest, _ := strings.Cut(dotted, ".")
	var base string
	if q, ok := m.Imports[first]; ok {
		base = q
	} else if _, ok := m.Defs[first]; ok {
		base = joinName(m.Name, first)
	} else if _, ok := m.Vars[first]; ok {
		base = joinName(m.Name, first)
	} else if m.ClassNamed(first) != nil {
		base = joinName(m.Name, first)
	} else if builtinNames[first] {
		base = "builtins." + first
	} else if len(m.StarImports) > 0 {
		base = joinName(m.Name, first) // maybe from a star import: the project phase looks
	} else {
		return ""
	}
	return Canonical(joinName(base, rest))
}

// ClassNamed returns the module-level class with the name, or nil.
func (m *Module) ClassNamed(name string) *Class {
	for _, c := range m.Classes {
		if c.Name == name && c.Node.Parent.Ancestor("function_definition", "class_definition") == nil {
			return c
		}
	}
	return nil
}

func (m *Module) addFunction(n *pyast.Node) {
	f := &Function{Name: n.ChildByField("name").Text(), Node: n, Async: pyast.IsAsyncDef(n)}
	f.Decorators = pyast.Decorators(n)
	// Enclosing class or function decides the qualified name.
	prefix := ""
	for p := n.Parent; p != nil; p = p.Parent {
		if p.Kind == "function_definition" {
			f.Outer = m.funcByNode[p]
			if f.Outer != nil {
				prefix = f.Outer.QualName + "."
			}
			break
		}
		if p.Kind == "class_definition" {
			for _, c := range m.Classes {
				if c.Node == p {
					f.Class = c
				}
			}
			prefix = classQualName(p) + "."
			break
		}
	}
	f.QualName = prefix + f.Name
	if f.Class == nil && f.Outer == nil {
		m.Defs[f.Name] = f
	}
	m.funcByNode[n] = f
	m.Functions = append(m.Functions, f)
	f.Returns, _ = unwrapAnnotated(n.ChildByField("return_type"))
	f.Body().Walk(func(c *pyast.Node) bool {
		switch c.Kind {
		case "yield":
			f.Generator = true
		case "function_definition", "class_definition", "lambda":
			return false
		}
		return !f.Generator
	})
}

func classQualName(c *pyast.Node) string {
	name := c.ChildByField("name").Text()
	for p := c.Parent; p != nil; p = p.Parent {
		if p.Kind == "class_definition" {
			return classQualName(p) + "." + name
		}
	}
	return name
}

// unwrapAnnotated returns T and the metadata of Annotated[T, ...]; other
// annotations come back as they are.
func unwrapAnnotated(t *pyast.Node) (*pyast.Node, []*pyast.Node) {
	if t.Is("type") {
		t = t.NamedChild(0)
	}
	switch t.Type() {
	case "generic_type":
		if strings.HasSuffix(t.NamedChild(0).Text(), "Annotated") {
			args := t.FirstChildOfKind("type_parameter").NamedChildren()
			if len(args) > 0 {
				return unwrapType(args[0]), unwrapTypes(args[1:])
			}
		}
	case "subscript":
		if strings.HasSuffix(t.ChildByField("value").Text(), "Annotated") {
			args := t.ChildrenByField("subscript")
			if len(args) > 0 {
				return args[0], args[1:]
			}
		}
	}
	return t, nil
}

func unwrapType(n *pyast.Node) *pyast.Node {
	if n.Is("type") {
		return n.NamedChild(0)
	}
	return n
}

func unwrapTypes(ns []*pyast.Node) []*pyast.Node {
	out := make([]*pyast.Node, len(ns))
	for i, n := range ns {
		out[i] = unwrapType(n)
	}
	return out
}

func (m *Module) params(list *pyast.Node) []*Param {
	var out []*Param
	kwOnly := false
	for _, c := range list.NamedChildren() {
		p := &Param{Node: c, Kind: ParamNormal}
		if kwOnly {
			p.Kind = ParamKeywordOnly
		}
		switch c.Kind {
		case "identifier":
			p.Name = c.Text()
		case "typed_parameter":
			inner := c.NamedChild(0)
			switch inner.Type() {
			case "list_splat_pattern":
				p.Kind = ParamVarArgs
				kwOnly = true
				p.Name = inner.NamedChild(0).Text()
			case "dictionary_splat_pattern":
				p.Kind = ParamKwArgs
				p.Name = inner.NamedChild(0).Text()
			default:
				p.Name = inner.Text()
			}
			p.Annotation, p.Metadata = unwrapAnnotated(c.ChildByField("type"))
		case "default_parameter":
			p.Name = c.ChildByField("name").Text()
			p.Default = c.ChildByField("value")
		case "typed_default_parameter":
			p.Name = c.ChildByField("name").Text()
			p.Annotation, p.Metadata = unwrapAnnotated(c.ChildByField("type"))
			p.Default = c.ChildByField("value")
		case "list_splat_pattern":
			p.Kind = ParamVarArgs
			p.Name = c.NamedChild(0).Text()
			kwOnly = true
		case "dictionary_splat_pattern":
			p.Kind = ParamKwArgs
			p.Name = c.NamedChild(0).Text()
		case "keyword_separator":
			kwOnly = true
			continue
		default:
			continue // positional_separator and anything unexpected
		}
		if len(p.Metadata) == 0 {
			p.Alias = m.aliasName(p.Annotation)
		}
		m.fillDependency(p)
		out = append(out, p)
	}
	return out
}

// aliasName returns the qualified name when an annotation refers to a
// module-level `X = Annotated[T, ...]` alias of this module or to a name
// imported from another project module (which may be one); "" otherwise.
func (m *Module) aliasName(ann *pyast.Node) string {
	if !ann.Is("identifier") {
		return ""
	}
	if v, ok := m.Vars[ann.Text()]; ok && v != nil {
		if _, md := unwrapAnnotated(v); len(md) > 0 {
			return joinName(m.Name, ann.Text())
		}
		return ""
	}
	if q, ok := m.Imports[ann.Text()]; ok && m.IsProjectSymbol(q) {
		return q
	}
	return ""
}

func (m *Module) fillDependency(p *Param) {
	if d := m.dependencyOf(p.Default); d != nil {
		p.Depends = d
		if d.Target == "" && pyast.Arg(d.Call, 0) == nil && pyast.Kwarg(d.Call, "dependency") == nil {
			// `x: C = Depends()` means Depends(C).
			d.Target = m.Resolve(p.Annotation)
		}
		return
	}
	for _, md := range p.Metadata {
		if d := m.dependencyOf(md); d != nil {
			p.Depends = d
			if d.Target == "" && pyast.Arg(d.Call, 0) == nil {
				// Annotated[T, Depends()] means Depends(T).
				d.Target = m.Resolve(p.Annotation)
			}
			return
		}
	}
	// A local alias: SessionDep = Annotated[Session, Depends(get_db)].
	if p.Alias != "" && ModuleOf(p.Alias) == m.Name {
		if v := m.Vars[LastPart(p.Alias)]; v != nil {
			t, md := unwrapAnnotated(v)
			if len(md) > 0 {
				p.Annotation, p.Metadata = t, md
				p.Alias = ""
				m.fillDependency(p)
			}
		}
	}
}

func (m *Module) addClass(n *pyast.Node) {
	c := &Class{Name: n.ChildByField("name").Text(), Node: n}
	for _, b := range n.ChildByField("superclasses").NamedChildren() {
		if b.Kind == "keyword_argument" {
			continue
		}
		c.Bases = append(c.Bases, m.Resolve(b))
	}
	for _, st := range n.ChildByField("body").NamedChildren() {
		if st.Kind != "expression_statement" {
			continue
		}
		a := st.NamedChild(0)
		if !a.Is("assignment") || !a.ChildByField("left").Is("identifier") {
			continue
		}
		ann, meta := unwrapAnnotated(a.ChildByField("type"))
		c.Fields = append(c.Fields, &Field{
			Name: a.ChildByField("left").Text(), Node: a,
			Annotation: ann, Metadata: meta, Value: a.ChildByField("right"),
		})
	}
	m.Classes = append(m.Classes, c)
}

// RouteMethods maps route decorator attribute names (`@router.get`) to HTTP
// methods; "" (api_route) means the methods come from `methods=`.
var RouteMethods = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
	"options": "OPTIONS", "head": "HEAD", "trace": "TRACE", "api_route": "", "websocket": "WEBSOCKET",
}

func (m *Module) addHandler(f *Function) {
	for _, dec := range f.Decorators {
		if !dec.Is("call") {
			continue
		}
		callee := pyast.Callee(dec)
		if !callee.Is("attribute") {
			continue
		}
		attr := callee.ChildByField("attribute").Text()
		method, ok := RouteMethods[attr]
		if !ok {
			continue
		}
		recv := callee.ChildByField("object")
		h := &Handler{Func: f, Decorator: dec}
		pathNode := pyast.Arg(dec, 0)
		if pathNode == nil {
			pathNode = pyast.Kwarg(dec, "path")
		}
		p, isPath := pyast.StringValue(pathNode)
		h.Path = p
		if recv.Is("identifier") {
			for _, r := range m.Routers {
				if r.Var == recv.Text() {
					h.Local = r
				}
			}
			for _, r := range m.IndirectRouters {
				if r.Var == recv.Text() && isPath && (p == "" || strings.HasPrefix(p, "/")) {
					h.Local = r // a router subclass, if the project phase confirms it
				}
			}
			if fn := m.EnclosingFunction(f.Node); fn != nil {
				if r := m.factoryRouter(fn, recv.Text()); r != nil {
					h.Local = r
				}
			}
		}
		if h.Local != nil {
			h.Router = joinName(m.Name, h.Local.Var)
		} else {
			// A router imported from another module, or built in a way we
			// don't model: accept it when the decorator looks like a route.
			q := m.Resolve(recv)
			if q == "" || !isPath || (p != "" && !strings.HasPrefix(p, "/")) {
				continue
			}
			h.Router = q
		}
		if method == "" {
			for _, s := range stringList(pyast.Kwarg(dec, "methods")) {
				h.Methods = append(h.Methods, strings.ToUpper(s))
			}
			if len(h.Methods) == 0 {
				h.Methods = []string{"GET"}
			}
		} else {
			h.Methods = []string{method}
		}
		h.Deps = m.dependencyList(pyast.Kwarg(dec, "dependencies"))
		f.Handler = h
		m.Handlers = append(m.Handlers, h)
		return
	}
}

// factoryRouter returns the app or router a local name of fn stands for,
// recording it in m.Routers the first time: `app = FastAPI()` inside an
// application factory, or a parameter annotated `FastAPI`/`APIRouter`
// (`def register_routers(app: FastAPI)`). Routes and includes on it then
// belong to an application instead of hanging loose; the router is named
// after the function (`module.create_app.app`).
func (m *Module) factoryRouter(fn *Function, name string) *Router {
	local := fn.QualName + "." + name
	if r := m.factoryApps[local]; r != nil {
		return r // the module-level `app = create_app()`
	}
	for _, r := range m.IndirectRouters {
		if r.Var == local {
			return r
		}
	}
	var r *Router
	for _, b := range m.Bindings(fn)[name] {
		if built := m.routerBuiltBy(local, b.Value); built != nil {
			r = built
		}
	}
	if p := fn.Param(name); r == nil && p != nil && p.Annotation != nil {
		switch q := m.Resolve(p.Annotation); q {
		case "fastapi.FastAPI", "fastapi.APIRouter":
			r = &Router{Var: local, IsApp: q == "fastapi.FastAPI", Call: p.Node}
		}
	}
	if r != nil {
		m.IndirectRouters = append(m.IndirectRouters, r)
	}
	return r
}

func (m *Module) collectIncludes(root *pyast.Node) {
	root.Walk(func(n *pyast.Node) bool {
		if n.Kind != "call" {
			return true
		}
		callee := pyast.Callee(n)
		if !callee.Is("attribute") {
			return true
		}
		inc := &Include{Call: n}
		var children []*pyast.Node // routers included one by one in a loop
		switch callee.ChildByField("attribute").Text() {
		case "include_router":
			child := firstNonNil(pyast.Arg(n, 0), pyast.Kwarg(n, "router"))
			children = loopedElements(child)
			inc.Child = m.Resolve(child)
			inc.Prefix, inc.PrefixRefs = m.pathTemplate(pyast.Kwarg(n, "prefix"))
			inc.Tags = stringList(pyast.Kwarg(n, "tags"))
			inc.Deps = m.dependencyList(pyast.Kwarg(n, "dependencies"))
		case "mount":
			// Only a project app can carry routes; StaticFiles(...) and
			// other ASGI apps resolve to nothing or to a library name.
			inc.Child = m.Resolve(firstNonNil(pyast.Arg(n, 1), pyast.Kwarg(n, "app")))
			inc.Prefix, inc.PrefixRefs = m.pathTemplate(firstNonNil(pyast.Arg(n, 0), pyast.Kwarg(n, "path")))
			inc.Mount = true
		default:
			return true
		}
		if inc.Child == "" && len(children) == 0 {
			return true
		}
		inc.Parent = m.Resolve(callee.ChildByField("object"))
		if obj := callee.ChildByField("object"); obj.Is("identifier") {
			if fn := m.EnclosingFunction(n); fn != nil {
				if r := m.factoryRouter(fn, obj.Text()); r != nil {
					inc.Parent = joinName(m.Name, r.Var)
				}
			}
		}
		if len(children) == 0 {
			m.Includes = append(m.Includes, inc)
			return true
		}
		for _, c := range children {
			one := *inc
			if one.Child = m.Resolve(c); one.Child != "" {
				m.Includes = append(m.Includes, &one)
			}
		}
		return true
	})
}

// loopedElements returns the elements of the literal tuple or list that n,
// a loop variable, runs over: `for r in (users.router, items.router):
// app.include_router(r)`. nil when n is anything else.
func loopedElements(n *pyast.Node) []*pyast.Node {
	if !n.Is("identifier") {
		return nil
	}
	for p := n.Parent; p != nil && !p.Is("function_definition", "class_definition"); p = p.Parent {
		if !p.Is("for_statement") {
			continue
		}
		if left := p.ChildByField("left"); !left.Is("identifier") || left.Text() != n.Text() {
			continue
		}
		if seq := pyast.Unparen(p.ChildByField("right")); seq.Is("tuple", "list") {
			return seq.NamedChildren()
		}
		return nil
	}
	return nil
}

func firstNonNil(nodes ...*pyast.Node) *pyast.Node {
	for _, n := range nodes {
		if n != nil {
			return n
		}
	}
	return nil
}

// IsProjectSymbol reports whether q names something in another module of the
// run (its module part, or a package above it, is a project module).
func (m *Module) IsProjectSymbol(q string) bool {
	for mod := ModuleOf(q); mod != ""; mod = ModuleOf(mod) {
		if m.projectModules[mod] {
			return true
		}
	}
	return false
}

// Nodes returns every named node of the kind in source order. The index is
// built in one pass on first use and shared by all checks of the module; the
// slice must not be modified.
func (m *Module) Nodes(kind string) []*pyast.Node {
	if m.kinds == nil {
		m.kinds = m.Tree.IndexKinds()
	}
	return m.kinds.Of(kind)
}

// pathTemplate renders a path or prefix expression: a literal as it is, an
// f-string with its interpolations kept as `{expr}`, any other expression
// as `{expr}` — a placeholder that reads like (and matches like) a path
// parameter, instead of silently dropping a prefix the analysis can't know.
func (m *Module) pathTemplate(n *pyast.Node) (string, map[string]string) {
	n = pyast.Unparen(n)
	if n == nil {
		return "", nil
	}
	if s, ok := pyast.StringValue(n); ok {
		return s, nil
	}
	var refs map[string]string
	placeholder := func(expr *pyast.Node) string {
		text := expr.Text()
		if q := m.Resolve(expr); q != "" {
			if refs == nil {
				refs = map[string]string{}
			}
			refs[text] = q
		}
		return "{" + text + "}"
	}
	if n.Is("string") {
		var sb strings.Builder
		for _, c := range n.Children {
			switch c.Kind {
			case "string_content", "escape_sequence":
				sb.WriteString(c.Text())
			case "interpolation":
				sb.WriteString(placeholder(c.ChildByField("expression")))
			}
		}
		return sb.String(), refs
	}
	return placeholder(n), refs
}
