package analyzer

import (
	"regexp"
	"strings"
)

// The ORM and schema index: project-level queries over ClassFacts. A class is
// an ORM model when its bases reach a SQLAlchemy declarative base (or a
// SQLModel with table=True) through project classes; a Pydantic model when
// they reach pydantic.BaseModel (or a SQLModel without table=True).

// ormBaseClasses are library classes whose subclasses are declarative models.
var ormBaseClasses = map[string]bool{
	"sqlalchemy.orm.DeclarativeBase":                true,
	"sqlalchemy.orm.DeclarativeBaseNoMeta":          true,
	"sqlalchemy.orm.decl_api.DeclarativeBase":       true,
	"sqlalchemy.orm.decl_api.DeclarativeBaseNoMeta": true,
}

// declarativeBaseMakers are callables that return a declarative base class.
// A module that imports one of them (or imports the sqlalchemy package itself
// to call `sa.orm.declarative_base()`) is taken to build its module-level
// base classes with it.
var declarativeBaseMakers = map[string]bool{
	"sqlalchemy.orm.declarative_base":             true,
	"sqlalchemy.orm.decl_api.declarative_base":    true,
	"sqlalchemy.ext.declarative.declarative_base": true,
	"sqlalchemy.ext.automap.automap_base":         true,
	"sqlalchemy.orm.registry":                     true, // registry().generate_base()
	"sqlalchemy.orm.decl_api.registry":            true,
	"sqlalchemy":                                  true, // import sqlalchemy as sa; sa.orm.declarative_base()
	"sqlalchemy.orm":                              true,
	"sqlalchemy.ext.declarative":                  true,
}

var sqlModelClasses = map[string]bool{"sqlmodel.SQLModel": true, "sqlmodel.main.SQLModel": true}

var pydanticClasses = map[string]bool{
	"pydantic.BaseModel": true, "pydantic.main.BaseModel": true, "pydantic.v1.BaseModel": true,
	"pydantic.RootModel": true, "pydantic.root_model.RootModel": true,
}

// relationshipCalls are the callables that declare a relationship attribute.
var relationshipCalls = map[string]bool{
	"sqlalchemy.orm.relationship":                   true,
	"sqlalchemy.orm.relation":                       true,
	"sqlalchemy.orm.relationships.relationship":     true,
	"sqlalchemy.orm._orm_constructors.relationship": true,
	"sqlmodel.Relationship":                         true,
	"sqlmodel.main.Relationship":                    true,
}

// IsRelationshipCall reports whether a field's qualified callee declares a
// relationship (sqlalchemy.orm.relationship, sqlmodel.Relationship).
func IsRelationshipCall(q string) bool { return relationshipCalls[q] }

// modelRoots is what a class's ancestry reaches.
type modelRoots struct {
	orm, sqlmodel, pydantic, table bool
}

func (p *Project) modelRoots(q string) modelRoots {
	var r modelRoots
	seen := map[string]bool{}
	var walk func(q string, depth int)
	walk = func(q string, depth int) {
		if q == "" || depth > 16 || seen[q] {
			return
		}
		seen[q] = true
		c := p.Class(q)
		if c == nil {
			cq := p.Canonical(q)
			switch {
			case ormBaseClasses[cq]:
				r.orm = true
			case sqlModelClasses[cq]:
				r.sqlmodel = true
			case pydanticClasses[cq]:
				r.pydantic = true
			case p.isDeclarativeBaseVar(cq):
				r.orm = true
			}
			return
		}
		if c.Keywords["table"] == "True" {
			r.table = true
		}
		for _, b := range c.Bases {
			walk(b, depth+1)
		}
	}
	walk(q, 0)
	return r
}

// isDeclarativeBaseVar reports whether q is a module-level variable (not a
// class) of a project module that imports a declarative-base maker: `Base =
// declarative_base()`. Variables are only asked about when a class uses them
// as a base, which leaves little else they could be.
func (p *Project) isDeclarativeBaseVar(q string) bool {
	mf, sf := p.Lookup(q)
	if mf == nil || sf == nil || sf.Kind != SymbolVar {
		return false
	}
	for _, imp := range mf.Imports {
		if declarativeBaseMakers[imp] {
			return true
		}
	}
	return false
}

// IsORMModel reports whether q names a project class mapped by SQLAlchemy:
// its bases reach DeclarativeBase/DeclarativeBaseNoMeta, a variable assigned
// from declarative_base(), or sqlmodel.SQLModel with table=True (on the class
// or an ancestor).
func (p *Project) IsORMModel(q string) bool {
	if p.Class(q) == nil {
		return false
	}
	r := p.modelRoots(q)
	return r.orm || r.sqlmodel && r.table
}

// IsPydanticModel reports whether q names a project class whose bases reach
// pydantic.BaseModel, or sqlmodel.SQLModel without table=True.
func (p *Project) IsPydanticModel(q string) bool {
	if p.Class(q) == nil {
		return false
	}
	r := p.modelRoots(q)
	return r.pydantic || r.sqlmodel && !r.table
}

// isModelField tells declared fields from class settings.
func isModelField(f FieldFacts) bool {
	if strings.HasPrefix(f.Name, "__") || f.Name == "model_config" {
		return false
	}
	return !strings.HasPrefix(f.Annotation, "ClassVar") && !strings.HasPrefix(f.Annotation, "typing.ClassVar")
}

// ModelFields returns the fields of a project class: its own and those it
// inherits from project bases (mixins included). A field redefined lower in
// the hierarchy replaces the inherited one in place; the first base wins over
// later ones, as in Python's MRO. Dunder attributes (`__tablename__`),
// `model_config` and ClassVar annotations are not fields.
func (p *Project) ModelFields(q string) []FieldFacts {
	var out []FieldFacts
	index := map[string]int{}
	seen := map[string]bool{}
	var add func(q string, depth int)
	add = func(q string, depth int) {
		c := p.Class(q)
		if c == nil || seen[c.Name] || depth > 16 {
			return
		}
		seen[c.Name] = true
		for i := len(c.Bases) - 1; i >= 0; i-- {
			add(c.Bases[i], depth+1)
		}
		for _, f := range c.Fields {
			if !isModelField(f) {
				continue
			}
			if j, ok := index[f.Name]; ok {
				out[j] = f
			} else {
				index[f.Name] = len(out)
				out = append(out, f)
			}
		}
	}
	add(q, 0)
	return out
}

// Field returns the field of a project class (own or inherited) by name.
func (p *Project) Field(q, name string) (FieldFacts, bool) {
	for _, f := range p.ModelFields(q) {
		if f.Name == name {
			return f, true
		}
	}
	return FieldFacts{}, false
}

// Relationship returns the relationship attribute attr of a project class:
// a field whose value is relationship(...)/Relationship(...), whether
// annotated (`Mapped[list["Item"]]`) or not.
func (p *Project) Relationship(q, attr string) (FieldFacts, bool) {
	f, ok := p.Field(q, attr)
	if !ok || !relationshipCalls[f.Call] {
		return FieldFacts{}, false
	}
	return f, true
}

// RelationshipTarget returns the qualified name of the project class that
// relationship attr of q points to, from relationship("Item")/
// relationship(Item)/relationship(lambda: Item) or from the annotation
// (`Mapped[list["Item"]]`, `Optional["Team"]`, `list["Item"]`), resolved in
// the module that declares the field. "" when unknown.
func (p *Project) RelationshipTarget(q, attr string) string {
	f, ok := p.Relationship(q, attr)
	if !ok {
		return ""
	}
	ref := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(f.Target), "lambda:"))
	if !fullDottedRE.MatchString(ref) {
		ref = annotationTarget(f.Annotation)
	}
	if ref == "" {
		return ""
	}
	return p.ClassIn(p.moduleAt(f.Loc.Path), ref)
}

// FieldTypes returns the project classes named in a field's annotation
// (`list["Item"]`, `Optional[TeamOut]`, `UserOut | None`), resolved in the
// module that declares the field.
func (p *Project) FieldTypes(f FieldFacts) []string {
	mf := p.moduleAt(f.Loc.Path)
	var out []string
	seen := map[string]bool{}
	for _, name := range dottedRE.FindAllString(f.Annotation, -1) {
		if q := p.ClassIn(mf, name); q != "" && !seen[q] {
			seen[q] = true
			out = append(out, q)
		}
	}
	return out
}

var (
	dottedRE     = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*`)
	fullDottedRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$`)
)

// annotationWrappers are the generic types a relationship annotation wraps
// its target in.
var annotationWrappers = map[string]bool{
	"Mapped": true, "WriteOnlyMapped": true, "DynamicMapped": true, "Optional": true, "Union": true,
	"list": true, "List": true, "set": true, "Set": true, "Sequence": true, "tuple": true, "Tuple": true,
	"frozenset": true, "FrozenSet": true, "Collection": true, "Iterable": true,
}

// annotationTarget finds the class a relationship annotation points to:
// `Mapped[list["Item"]]` → Item, `Optional["Team"]` → Team, `"Team | None"` → Team.
func annotationTarget(ann string) string {
	ann = strings.NewReplacer(`"`, "", `'`, "").Replace(ann)
	for _, name := range dottedRE.FindAllString(ann, -1) {
		last := LastPart(name)
		if annotationWrappers[last] || last == "None" {
			continue
		}
		return name
	}
	return ""
}

// ClassIn resolves a class reference as written in module mf (a bare name
// defined or imported there, or a dotted path) to a project class's
// qualified name. A bare name that is neither falls back to the one ORM model
// of that name in the project, as SQLAlchemy's class registry resolves
// relationship("Item"). "" when unknown or ambiguous.
func (p *Project) ClassIn(mf *ModuleFacts, ref string) string {
	if ref == "" {
		return ""
	}
	if mf != nil {
		first, rest, _ := strings.Cut(ref, ".")
		if c := p.Class(joinName(mf.Name, ref)); c != nil {
			return c.Name
		}
		if imp, ok := mf.Imports[first]; ok {
			if c := p.Class(joinName(imp, rest)); c != nil {
				return c.Name
			}
		}
	}
	if c := p.Class(ref); c != nil {
		return c.Name
	}
	if strings.Contains(ref, ".") {
		return ""
	}
	found := ""
	for _, name := range p.classesByName[ref] {
		if p.IsORMModel(name) {
			if found != "" {
				return ""
			}
			found = name
		}
	}
	return found
}

// moduleAt returns the facts of the module at a path, or nil.
func (p *Project) moduleAt(path string) *ModuleFacts { return p.byPath[path] }
