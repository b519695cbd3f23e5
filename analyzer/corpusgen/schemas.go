package corpusgen

import (
	"fmt"
	"strings"
)

func (g *gen) genSchemas(d *domain) string {
	w := &pyWriter{}
	im := newImports()
	body := &pyWriter{}
	im.From("pydantic", "BaseModel")
	for _, e := range d.entities {
		if e.status {
			im.From(".models", e.statusClass())
		}
		g.entitySchemas(body, im, d, e)
	}
	if g.chance(0.5) {
		im.From("typing", "Generic", "List", "TypeVar")
		body.P("")
		body.P("")
		body.P("T = TypeVar(\"T\")")
		body.P("")
		body.P("")
		body.P("class Paginated(BaseModel, Generic[T]):")
		body.In()
		body.Ps("items: List[T]", "total: int", "page: int = 1", "size: int = 50")
		body.Out()
	}
	w.P(fmt.Sprintf("\"\"\"Request and response schemas for the %s API.\"\"\"", human(d.name)))
	im.Write(w)
	return w.String() + strings.TrimPrefix(body.String(), "\n")
}

// schemaField renders one field of a request model.
func (g *gen) schemaField(im *imports, e *entity, f field, update bool) string {
	py := f.pyType(e)
	switch f.kind {
	case kDecimal:
		im.From("decimal", "Decimal")
	case kDatetime:
		im.From("datetime", "datetime")
	case kDate:
		im.From("datetime", "date")
	case kEmail:
		if g.chance(0.6) {
			im.From("pydantic", "EmailStr")
			py = "EmailStr"
		}
	}
	if update || f.nullable {
		im.From("typing", "Optional")
		py = "Optional[" + py + "]"
	}
	var def string
	switch {
	case update:
		if f.kind == kStr && g.chance(0.6) {
			im.From("pydantic", "Field")
			def = fmt.Sprintf("Field(default=None, max_length=%d)", f.maxLen)
		} else {
			def = "None"
		}
	case f.kind == kStr && !f.nullable:
		im.From("pydantic", "Field")
		def = fmt.Sprintf("Field(..., min_length=1, max_length=%d)", f.maxLen)
	case f.kind == kStr:
		im.From("pydantic", "Field")
		def = fmt.Sprintf("Field(default=None, max_length=%d)", f.maxLen)
	case f.nullable:
		def = "None"
	case f.kind == kInt:
		if g.chance(0.5) {
			im.From("pydantic", "Field")
			def = "Field(default=0, ge=0)"
		} else {
			def = "0"
		}
	case f.kind == kFloat:
		def = "0.0"
	case f.kind == kDecimal:
		im.From("pydantic", "Field")
		def = "Field(default=Decimal(\"0\"), ge=0)"
	case f.kind == kBool:
		def = boolDefault(f.name)
	case f.kind == kEnum:
		def = e.statusClass() + "." + strings.ToUpper(statusValuesFor(e)[0])
	case f.kind == kEmail, f.kind == kText:
		return fmt.Sprintf("%s: %s", f.name, py)
	default:
		return fmt.Sprintf("%s: %s", f.name, py)
	}
	return fmt.Sprintf("%s: %s = %s", f.name, py, def)
}

func (g *gen) entitySchemas(w *pyWriter, im *imports, d *domain, e *entity) {
	// Base: the writable fields. Required fields come first only by convention;
	// pydantic does not care about the order of defaults.
	w.P("")
	w.P("")
	w.P(fmt.Sprintf("class %sBase(BaseModel):", e.class))
	w.In()
	if g.chance(0.4) {
		w.P(fmt.Sprintf("\"\"\"Fields shared by every %s schema.\"\"\"", human(e.snake)))
		w.P("")
	}
	for _, f := range e.fields {
		w.P(g.schemaField(im, e, f, false))
	}
	w.Out()
	if e.hasField("slug") || e.hasField("code") || e.hasField("email") {
		name := "slug"
		if !e.hasField(name) {
			name = "code"
		}
		if !e.hasField(name) {
			name = "email"
		}
		w.In()
		w.P("")
		if d.v1Schemas {
			im.From("pydantic", "validator")
			w.P(fmt.Sprintf("@validator(%q)", name))
		} else {
			im.From("pydantic", "field_validator")
			w.P(fmt.Sprintf("@field_validator(%q)", name))
			w.P("@classmethod")
		}
		w.P(fmt.Sprintf("def _normalise_%s(cls, value):", name))
		w.In()
		w.P("if value is None:")
		w.In()
		w.P("return value")
		w.Out()
		w.P("value = value.strip().lower()")
		w.P("if not value:")
		w.In()
		w.P(fmt.Sprintf("raise ValueError(%q)", name+" must not be blank"))
		w.Out()
		w.P("return value")
		w.Out()
		w.Out()
	}

	w.P("")
	w.P("")
	w.P(fmt.Sprintf("class %sCreate(%sBase):", e.class, e.class))
	w.In()
	if e.parent != nil {
		w.P(fmt.Sprintf("%s_id: int", e.parent.snake))
	} else {
		w.P("pass")
	}
	w.Out()

	w.P("")
	w.P("")
	w.P(fmt.Sprintf("class %sUpdate(BaseModel):", e.class))
	w.In()
	for _, f := range e.fields {
		w.P(g.schemaField(im, e, f, true))
	}
	w.Out()

	w.P("")
	w.P("")
	w.P(fmt.Sprintf("class %sRead(%sBase):", e.class, e.class))
	w.In()
	im.From("datetime", "datetime")
	if d.v1Schemas {
		w.P("id: int")
		if e.parent != nil {
			w.P(fmt.Sprintf("%s_id: int", e.parent.snake))
		}
		w.P("created_at: datetime")
		im.From("typing", "Optional")
		w.P("updated_at: Optional[datetime] = None")
		w.P("")
		w.P("class Config:")
		w.In()
		w.P("orm_mode = True")
		w.Out()
	} else {
		im.From("pydantic", "ConfigDict")
		w.P("model_config = ConfigDict(from_attributes=True)")
		w.P("")
		w.P("id: int")
		if e.parent != nil {
			w.P(fmt.Sprintf("%s_id: int", e.parent.snake))
		}
		w.P("created_at: datetime")
		im.From("typing", "Optional")
		w.P("updated_at: Optional[datetime] = None")
	}
	w.Out()

	w.P("")
	w.P("")
	im.From("typing", "List")
	w.P(fmt.Sprintf("class %sList(BaseModel):", e.class))
	w.In()
	w.Ps(fmt.Sprintf("items: List[%sRead]", e.class), "total: int", "page: int", "size: int")
	w.Out()

	if contains(e.extras, "stats") {
		w.P("")
		w.P("")
		im.From("typing", "Dict")
		w.P(fmt.Sprintf("class %sStats(BaseModel):", e.class))
		w.In()
		w.P("total: int")
		if e.status {
			w.P("by_status: Dict[str, int] = {}")
		}
		if len(e.children) > 0 {
			w.P(fmt.Sprintf("%s_count: Dict[int, int] = {}", e.children[0].snake))
		}
		w.Out()
	}
	if contains(e.extras, "search") {
		w.P("")
		w.P("")
		im.From("pydantic", "Field")
		im.From("typing", "Optional")
		w.P(fmt.Sprintf("class %sSearch(BaseModel):", e.class))
		w.In()
		w.P("query: str = Field(..., min_length=2, max_length=100)")
		if e.status {
			w.P(fmt.Sprintf("status: Optional[%s] = None", e.statusClass()))
		}
		w.P("limit: int = Field(default=20, ge=1, le=100)")
		w.Out()
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}
