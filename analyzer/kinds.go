package analyzer

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// Kind says what a value holds, as far as the analysis can tell. It is a
// plain string so facts stay compact and comparable:
//
//	""            unknown
//	"T:<type>"    an instance of the qualified type ("T:sqlalchemy.orm.Session")
//	"F:<type>"    a factory whose call returns an instance (a sessionmaker)
//	"C:<symbol>"  the result of calling a symbol of another project module
//	"V:<symbol>"  the value of a module-level symbol of another project module
//	"A:<symbol>"  the parameter type given by an Annotated alias in another module
//
// C:, V: and A: are resolved by the Project once every module's facts exist.
type Kind string

const KindUnknown Kind = ""

// Instance returns the kind of an instance of the qualified type.
func Instance(typ string) Kind { return Kind("T:" + typ) }

// Type returns the qualified type of an instance kind, "" otherwise.
func (k Kind) Type() string {
	if strings.HasPrefix(string(k), "T:") {
		return string(k[2:])
	}
	return ""
}

// Pending reports whether the kind waits on another module's facts.
func (k Kind) Pending() bool {
	return len(k) > 2 && (k[0] == 'C' || k[0] == 'V' || k[0] == 'A') && k[1] == ':'
}

// Session kinds, named by their canonical classes.
const (
	SyncSessionType  = "sqlalchemy.orm.Session"
	AsyncSessionType = "sqlalchemy.ext.asyncio.AsyncSession"
)

// IsSyncSession reports whether the kind is a synchronous SQLAlchemy/SQLModel session.
func (k Kind) IsSyncSession() bool { return k.Type() == SyncSessionType }

// IsAsyncSession reports whether the kind is an AsyncSession.
func (k Kind) IsAsyncSession() bool { return k.Type() == AsyncSessionType }

// typeAliases folds equivalent classes into one canonical type.
var typeAliases = map[string]string{
	"sqlmodel.Session":                          SyncSessionType,
	"sqlalchemy.orm.scoping.scoped_session":     SyncSessionType,
	"sqlalchemy.orm.scoped_session":             SyncSessionType,
	"sqlmodel.ext.asyncio.AsyncSession":         AsyncSessionType,
	"sqlmodel.ext.asyncio.session.AsyncSession": AsyncSessionType,
	"redis.client.Redis":                        "redis.Redis",
	"redis.StrictRedis":                         "redis.Redis",
	"redis.asyncio.client.Redis":                "redis.asyncio.Redis",
	"redis.asyncio.StrictRedis":                 "redis.asyncio.Redis",
	"requests.sessions.Session":                 "requests.Session",
	"httpx._client.Client":                      "httpx.Client",
	"httpx._client.AsyncClient":                 "httpx.AsyncClient",
}

func canonicalType(q string) string {
	if t, ok := typeAliases[q]; ok {
		return t
	}
	return q
}

// externalConstructors maps calls of library callables to the kind they return.
var externalConstructors = map[string]Kind{
	"sqlalchemy.orm.Session":                      "T:" + SyncSessionType,
	"sqlmodel.Session":                            "T:" + SyncSessionType,
	"sqlalchemy.orm.sessionmaker":                 "F:" + SyncSessionType,
	"sqlalchemy.orm.scoped_session":               "T:" + SyncSessionType,
	"sqlalchemy.ext.asyncio.AsyncSession":         "T:" + AsyncSessionType,
	"sqlmodel.ext.asyncio.AsyncSession":           "T:" + AsyncSessionType,
	"sqlalchemy.ext.asyncio.async_sessionmaker":   "F:" + AsyncSessionType,
	"sqlalchemy.ext.asyncio.async_scoped_session": "T:" + AsyncSessionType,
	"httpx.Client":                                "T:httpx.Client",
	"httpx.AsyncClient":                           "T:httpx.AsyncClient",
	"requests.Session":                            "T:requests.Session",
	"requests.session":                            "T:requests.Session",
	"redis.Redis":                                 "T:redis.Redis",
	"redis.StrictRedis":                           "T:redis.Redis",
	"redis.Redis.from_url":                        "T:redis.Redis",
	"redis.from_url":                              "T:redis.Redis",
	"redis.asyncio.Redis":                         "T:redis.asyncio.Redis",
	"redis.asyncio.from_url":                      "T:redis.asyncio.Redis",
	"redis.asyncio.Redis.from_url":                "T:redis.asyncio.Redis",
	"sqlite3.connect":                             "T:sqlite3.Connection",
	"psycopg2.connect":                            "T:psycopg2.Connection",
	"pymysql.connect":                             "T:pymysql.Connection",
}

// kindOfExternalCall returns the kind of calling a library callable.
func (m *Module) kindOfExternalCall(q string, call *pyast.Node) Kind {
	k, ok := externalConstructors[q]
	if !ok {
		return KindUnknown
	}
	if q == "sqlalchemy.orm.sessionmaker" || q == "sqlalchemy.orm.scoped_session" {
		// sessionmaker(class_=AsyncSession) makes async sessions.
		if cls := pyast.Kwarg(call, "class_"); cls != nil {
			if canonicalType(m.Resolve(cls)) == AsyncSessionType {
				if q == "sqlalchemy.orm.sessionmaker" {
					return "F:" + AsyncSessionType
				}
				return "T:" + AsyncSessionType
			}
		}
		if q == "sqlalchemy.orm.scoped_session" {
			if inner := pyast.Arg(call, 0); inner != nil {
				if ik := m.KindOf(nil, inner); strings.HasPrefix(string(ik), "F:") {
					return Kind("T:" + string(ik[2:]))
				}
			}
		}
	}
	return k
}

// KindOf infers what expr holds inside fn (nil for module scope). Kinds that
// depend on other project modules come back pending; Project.Resolve finishes them.
func (m *Module) KindOf(fn *Function, expr *pyast.Node) Kind {
	return m.kindOf(fn, expr, 0)
}

const maxKindDepth = 12

func (m *Module) kindOf(fn *Function, expr *pyast.Node, depth int) Kind {
	if depth > maxKindDepth {
		return KindUnknown
	}
	expr = pyast.Unparen(expr)
	switch expr.Type() {
	case "identifier":
		name := expr.Text()
		if fn != nil {
			if k, local := m.localKind(fn, name, depth); local {
				return k
			}
		}
		return m.globalKind(name, depth)
	case "call":
		return m.callKind(fn, expr, depth)
	case "attribute":
		q := m.Resolve(expr)
		if q != "" && m.IsProjectSymbol(q) {
			return Kind("V:" + q)
		}
	}
	return KindUnknown
}

// localKind looks at fn's parameters and local bindings; local is false when
// the name is not bound in fn (so it is a global).
func (m *Module) localKind(fn *Function, name string, depth int) (Kind, bool) {
	for f := fn; f != nil; f = f.Outer {
		if p := f.Param(name); p != nil {
			return m.ParamKind(p), true
		}
		bs, bound := m.Bindings(f)[name]
		if !bound {
			continue
		}
		kinds := make([]Kind, 0, len(bs))
		for _, b := range bs {
			switch {
			case b.Annotation != nil:
				kinds = append(kinds, m.annotationKind(b.Annotation))
			case b.Value != nil:
				kinds = append(kinds, m.kindOf(f, b.Value, depth+1))
			default:
				kinds = append(kinds, KindUnknown)
			}
		}
		return agree(kinds), true
	}
	return KindUnknown, false
}

// Binding is one place where a function body binds a local name.
type Binding struct {
	Node       *pyast.Node // the binding statement or clause
	Value      *pyast.Node // the value bound (assignment right side, with-item expression); nil if unknown
	Annotation *pyast.Node // `x: T = ...`
}

// Bindings indexes the names bound in fn's own body (not in nested defs):
// assignments (tuple targets included), `with ... as x`, `except ... as e`,
// `for` targets, walrus, imports and augmented assignments. Built once per
// function and shared by every check.
func (m *Module) Bindings(fn *Function) map[string][]Binding {
	if b, ok := m.bindings[fn]; ok {
		return b
	}
	out := map[string][]Binding{}
	bindTargets := func(target *pyast.Node, b Binding) {
		target.Walk(func(t *pyast.Node) bool {
			switch t.Kind {
			case "identifier":
				if t == target || t.Parent.Is("pattern_list", "tuple_pattern", "list_pattern", "list_splat_pattern", "tuple", "list", "as_pattern_target") {
					out[t.Text()] = append(out[t.Text()], b)
				}
				return false
			case "attribute", "subscript":
				return false
			}
			return true
		})
	}
	fn.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			if n.Kind != "lambda" {
				if name := n.ChildByField("name"); name != nil {
					out[name.Text()] = append(out[name.Text()], Binding{Node: n})
				}
			}
			return false
		case "assignment":
			left, right := n.ChildByField("left"), n.ChildByField("right")
			b := Binding{Node: n, Annotation: n.ChildByField("type")}
			if left.Is("identifier") {
				b.Value = right
			}
			bindTargets(left, b)
		case "augmented_assignment":
			bindTargets(n.ChildByField("left"), Binding{Node: n})
		case "named_expression":
			bindTargets(n.ChildByField("name"), Binding{Node: n, Value: n.ChildByField("value")})
		case "as_pattern":
			b := Binding{Node: n}
			if n.Parent.Is("with_item") {
				b.Value = n.NamedChild(0)
			}
			bindTargets(n.ChildByField("alias"), b)
		case "for_statement", "for_in_clause":
			bindTargets(n.ChildByField("left"), Binding{Node: n})
		case "import_statement", "import_from_statement":
			for _, name := range n.ChildrenByField("name") {
				local := name
				if name.Is("aliased_import") {
					local = name.ChildByField("alias")
				} else if n.Kind == "import_statement" {
					local = name.NamedChild(0)
				}
				out[local.Text()] = append(out[local.Text()], Binding{Node: n})
			}
		case "global_statement", "nonlocal_statement":
			for _, id := range n.NamedChildren() {
				delete(out, id.Text())
			}
		}
		return true
	})
	if m.bindings == nil {
		m.bindings = map[*Function]map[string][]Binding{}
	}
	m.bindings[fn] = out
	return out
}

// agree returns the kind when every binding agrees, unknown otherwise.
func agree(kinds []Kind) Kind {
	if len(kinds) == 0 {
		return KindUnknown
	}
	for _, k := range kinds[1:] {
		if k != kinds[0] {
			return KindUnknown
		}
	}
	return kinds[0]
}

func (m *Module) globalKind(name string, depth int) Kind {
	if v, ok := m.Vars[name]; ok {
		if v == nil {
			return KindUnknown
		}
		return m.kindOf(nil, v, depth+1)
	}
	if q, ok := m.Imports[name]; ok && m.IsProjectSymbol(q) {
		return Kind("V:" + q)
	}
	return KindUnknown
}

func (m *Module) callKind(fn *Function, call *pyast.Node, depth int) Kind {
	callee := pyast.Callee(call)
	// A local factory: db = SessionLocal() where SessionLocal is a parameter or local.
	if callee.Is("identifier") && fn != nil {
		if k, local := m.localKind(fn, callee.Text(), depth); local {
			return callResult(k)
		}
	}
	q := m.Resolve(callee)
	if q == "" {
		return KindUnknown
	}
	if ModuleOf(q) == m.Name {
		name := LastPart(q)
		if f, ok := m.Defs[name]; ok {
			return m.producedKind(f, depth+1)
		}
		if v, ok := m.Vars[name]; ok && v != nil {
			return callResult(m.kindOf(nil, v, depth+1))
		}
		if m.ClassNamed(name) != nil {
			return Instance(q)
		}
		return KindUnknown
	}
	if m.IsProjectSymbol(q) {
		return Kind("C:" + q)
	}
	return m.kindOfExternalCall(q, call)
}

// callResult is the kind of calling a value of kind k.
func callResult(k Kind) Kind {
	switch {
	case strings.HasPrefix(string(k), "F:"):
		return Kind("T:" + string(k[2:]))
	case strings.HasPrefix(string(k), "V:"):
		return Kind("C:" + string(k[2:]))
	}
	return KindUnknown
}

// producedKind is what a function returns, or yields for a generator.
func (m *Module) producedKind(f *Function, depth int) Kind {
	if depth > maxKindDepth {
		return KindUnknown
	}
	if f.Returns != nil && !f.Generator {
		if k := m.annotationKind(f.Returns); k != KindUnknown {
			return k
		}
	}
	var kinds []Kind
	f.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "yield":
			if f.Generator {
				kinds = append(kinds, m.kindOf(f, n.NamedChild(0), depth+1))
			}
		case "return_statement":
			if !f.Generator && n.NamedChild(0) != nil {
				kinds = append(kinds, m.kindOf(f, n.NamedChild(0), depth+1))
			}
		}
		return true
	})
	return agree(kinds)
}

// ParamKind is what a parameter holds: from its annotation, else from the
// dependency that produces it.
func (m *Module) ParamKind(p *Param) Kind {
	if p.Alias != "" {
		return Kind("A:" + p.Alias)
	}
	if k := m.annotationKind(p.Annotation); k != KindUnknown {
		return k
	}
	if p.Depends != nil && p.Depends.Target != "" {
		q := p.Depends.Target
		if ModuleOf(q) == m.Name {
			if f, ok := m.Defs[LastPart(q)]; ok {
				return m.producedKind(f, 1)
			}
			return KindUnknown
		}
		if m.IsProjectSymbol(q) {
			return Kind("C:" + q)
		}
	}
	return KindUnknown
}

// annotationKind maps a type annotation to an instance kind; Optional[T] and
// T | None count as T.
func (m *Module) annotationKind(t *pyast.Node) Kind {
	t = unwrapType(t)
	switch t.Type() {
	case "identifier", "attribute":
		q := m.Resolve(t)
		if q == "" {
			return KindUnknown
		}
		return Instance(canonicalType(q))
	case "generic_type", "subscript":
		head := t.NamedChild(0)
		if t.Kind == "subscript" {
			head = t.ChildByField("value")
		}
		if strings.HasSuffix(m.Resolve(head), "Optional") {
			if t.Kind == "generic_type" {
				return m.annotationKind(t.FirstChildOfKind("type_parameter").NamedChild(0))
			}
			return m.annotationKind(t.ChildByField("subscript"))
		}
	case "binary_operator": // T | None
		l, r := t.ChildByField("left"), t.ChildByField("right")
		if r.Is("none") {
			return m.annotationKind(l)
		}
		if l.Is("none") {
			return m.annotationKind(r)
		}
	case "string": // forward reference "Session"
		return KindUnknown
	}
	return KindUnknown
}
