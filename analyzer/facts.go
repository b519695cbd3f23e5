package analyzer

import (
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// SymbolKind tells what a module-level name is.
type SymbolKind int

const (
	SymbolVar SymbolKind = iota
	SymbolFunction
	SymbolClass
)

// SymbolFacts is what other modules may ask about a module-level name.
type SymbolFacts struct {
	Kind      SymbolKind
	Async     bool
	Generator bool
	// Value is the kind of a variable's value, or what a function returns
	// (yields, for a generator).
	Value Kind
	// AliasType is, for `X = Annotated[T, Depends(dep)]`, the kind of a
	// parameter annotated with X; AliasDep is dep's qualified name.
	AliasType Kind
	AliasDep  string
	// Call is the qualified callee when a variable's value is a call
	// (`Base = declarative_base()` → "sqlalchemy.orm.declarative_base").
	Call string
	// String is a variable's value when it is a plain string literal
	// (`API_PREFIX = "/api"`), for prefixes named by constants.
	String string
}

// maxConstantLen bounds the string constants kept in facts: prefixes and
// settings are short, module-level SQL or templates are not needed.
const maxConstantLen = 256

// ModuleFacts is the compact, tree-free summary of a module that the project
// phase works on.
type ModuleFacts struct {
	Path      string
	Name      string
	Aliases   []string // other names the module may be imported by (a package boundary or the audited root above it)
	Shown     string   // for a Markdown code block, its document's path (lines are the document's)
	IsTest    bool
	Imports   map[string]string
	Stars     []string // project modules imported with `from X import *`
	Symbols   map[string]*SymbolFacts
	Functions map[string]*FunctionFacts // by qualified name within the module
	Classes   map[string]*ClassFacts    // by qualified name across the project
	Routers   []*RouterFacts
	Handlers  []*HandlerFacts
	Includes  []*IncludeFacts
}

// Facts summarises the module for other modules. Call it while the tree is
// alive; locate turns nodes into locations, tags holds collectors' facts.
func (m *Module) Facts(locate func(*pyast.Node) Location, tags map[*Function]map[string]string) *ModuleFacts {
	mf := &ModuleFacts{
		Path: m.Path, Name: m.Name, IsTest: m.IsTest, Imports: m.Imports, Stars: m.StarImports, Symbols: map[string]*SymbolFacts{},
		Functions: map[string]*FunctionFacts{}, Classes: map[string]*ClassFacts{},
	}
	m.appFacts(mf, locate, tags)
	for name, v := range m.Vars {
		sf := &SymbolFacts{Kind: SymbolVar}
		if v != nil {
			sf.Value = m.KindOf(nil, v)
			if call := pyast.Unparen(v); call.Is("call") {
				sf.Call = m.Resolve(pyast.Callee(call))
			}
			if str, ok := pyast.StringValue(v); ok && len(str) <= maxConstantLen {
				sf.String = str
			}
			if t, md := unwrapAnnotated(v); len(md) > 0 {
				p := &Param{Annotation: t, Metadata: md}
				m.fillDependency(p)
				sf.AliasType = m.ParamKind(p)
				if p.Depends != nil {
					sf.AliasDep = p.Depends.Target
				}
			}
		}
		mf.Symbols[name] = sf
	}
	for _, c := range m.Classes {
		if m.ClassNamed(c.Name) == c {
			mf.Symbols[c.Name] = &SymbolFacts{Kind: SymbolClass}
		}
	}
	for name, f := range m.Defs {
		mf.Symbols[name] = &SymbolFacts{
			Kind: SymbolFunction, Async: f.Async, Generator: f.Generator,
			Value: m.producedKind(f, 0),
		}
	}
	return mf
}

// Project is the index over every module's facts.
type Project struct {
	Modules map[string]*ModuleFacts // by dotted name
	Files   []*ModuleFacts          // sorted by path

	functions  map[string]*FunctionFacts
	classes    map[string]*ClassFacts
	routers    map[string]*RouterFacts
	routes     []Route
	routesOnce sync.Once
	// classesByName lists qualified class names by their last part, in
	// file order, for SQLAlchemy-registry-style lookups by bare name.
	classesByName map[string][]string
	byPath        map[string]*ModuleFacts
	byTail        map[string]string // see Project.module

	memo memoTable
}

// memoEntry is one Memo value, computed once even when several goroutines
// ask for it at the same time.
type memoEntry struct {
	once sync.Once
	v    any
}

// Memo returns the value computed once per project for key. Rules use it for
// whole-project indexes they would otherwise rebuild for every question.
// It is safe from several goroutines: the first caller of a key computes it
// (outside the project-wide lock, so compute may ask Memo for other keys),
// callers of the same key meanwhile wait for that value. compute must not
// ask for its own key. The value is shared: treat it as read-only, or guard
// what it mutates with its own lock.
func (p *Project) Memo(key string, compute func() any) any {
	return p.memo.get(key, compute)
}

// memoTable computes a value once per key (see Project.Memo).
type memoTable struct {
	mu sync.Mutex
	m  map[string]*memoEntry
}

func (t *memoTable) get(key string, compute func() any) any {
	t.mu.Lock()
	e := t.m[key]
	if e == nil {
		if t.m == nil {
			t.m = map[string]*memoEntry{}
		}
		e = &memoEntry{}
		t.m[key] = e
	}
	t.mu.Unlock()
	e.once.Do(func() { e.v = compute() })
	return e.v
}

// NewProject indexes module facts.
func NewProject(facts []*ModuleFacts) *Project {
	p := &Project{Modules: map[string]*ModuleFacts{}}
	for _, f := range facts {
		if f == nil {
			continue
		}
		p.Files = append(p.Files, f)
		// Of a package and a module with one name (history/ and history.py),
		// Python imports the package.
		if prev, dup := p.Modules[f.Name]; !dup || path.Base(f.Path) == "__init__.py" && path.Base(prev.Path) != "__init__.py" {
			p.Modules[f.Name] = f
		}
	}
	sort.Slice(p.Files, func(i, j int) bool { return p.Files[i].Path < p.Files[j].Path })
	// An alias names a module only where no module has that name; between
	// aliases, the longer (more specific) name wins, then the path order.
	type alias struct {
		name string
		mf   *ModuleFacts
	}
	var aliases []alias
	for _, f := range p.Files {
		for _, a := range f.Aliases {
			aliases = append(aliases, alias{a, f})
		}
	}
	sort.SliceStable(aliases, func(i, j int) bool {
		return strings.Count(aliases[i].name, ".") > strings.Count(aliases[j].name, ".")
	})
	for _, a := range aliases {
		if _, taken := p.Modules[a.name]; !taken {
			p.Modules[a.name] = a.mf
		}
	}
	p.index()
	return p
}

// Lookup finds the symbol a qualified name refers to, following re-exports
// through package __init__ modules and other imports.
func (p *Project) Lookup(q string) (*ModuleFacts, *SymbolFacts) {
	for hops := 0; hops < 8 && q != ""; hops++ {
		mod, name := ModuleOf(q), LastPart(q)
		mf := p.module(mod)
		if mf == nil {
			return nil, nil
		}
		if sf := mf.Symbols[name]; sf != nil {
			return mf, sf
		}
		next, ok := mf.Imports[name]
		if !ok {
			next, ok = p.starSource(mf, name)
		}
		if !ok || next == q {
			return nil, nil
		}
		q = next
	}
	return nil, nil
}

// Resolve turns a pending kind into a concrete one (or unknown).
func (p *Project) Resolve(k Kind) Kind {
	for depth := 0; depth < maxKindDepth && k.Pending(); depth++ {
		q := string(k[2:])
		_, sf := p.Lookup(q)
		if sf == nil {
			// A library name re-exported by a project module
			// (`from app.database import AsyncSession`).
			lib := p.Canonical(q)
			if _, rest := p.splitModule(lib); rest != "" {
				return KindUnknown
			}
			switch k[0] {
			case 'A':
				return Instance(canonicalType(lib))
			case 'C':
				return externalConstructors[lib]
			}
			return KindUnknown
		}
		switch k[0] {
		case 'V':
			k = sf.Value
		case 'A':
			if sf.Kind == SymbolClass {
				return Instance(q) // an imported class used as an annotation
			}
			k = sf.AliasType
		case 'C':
			switch sf.Kind {
			case SymbolFunction:
				k = sf.Value
			case SymbolClass:
				return Instance(q)
			default:
				k = callResult(p.Resolve(sf.Value))
			}
		}
	}
	if k.Pending() {
		return KindUnknown
	}
	return k
}
