package corpusgen

import (
	"fmt"
	"strings"
)

func (g *gen) coreImport(d *domain, depth int, mod string) string {
	if d.relImports {
		return strings.Repeat(".", depth+1) + "core." + mod
	}
	return "app.core." + mod
}

var modelDocs = []string{
	"A {{h}} record.",
	"Stores one {{h}}.",
	"{{H}} owned by the {{d}} domain.",
	"Persistent representation of a {{h}}.",
	"{{H}}.\n\n    Rows are soft-deleted by the service layer where the domain requires it.",
}

func (g *gen) genModels(d *domain) string {
	w := &pyWriter{}
	im := newImports()
	body := &pyWriter{}
	im.From(g.coreImport(d, 1, "database"), "Base")
	if d.mapped {
		im.From("sqlalchemy.orm", "Mapped", "mapped_column")
	} else {
		im.From("sqlalchemy", "Column", "Integer")
	}
	for _, e := range d.entities {
		if e.status {
			im.Import("enum")
			body.P("")
			body.P("")
			body.P(fmt.Sprintf("class %s(str, enum.Enum):", e.statusClass()))
			body.In()
			for _, v := range statusValuesFor(e) {
				body.P(fmt.Sprintf("%s = %q", strings.ToUpper(v), v))
			}
			body.Out()
		}
	}
	for _, e := range d.entities {
		body.rep = strings.NewReplacer("{{h}}", human(e.snake), "{{H}}", titleCase(human(e.snake)), "{{d}}", human(d.name))
		body.P("")
		body.P("")
		body.P(fmt.Sprintf("class %s(Base):", e.class))
		body.In()
		body.T(`"""` + g.pick(modelDocs) + `"""`)
		body.P("")
		body.P(fmt.Sprintf("__tablename__ = %q", e.table))
		if g.chance(0.3) {
			im.From("sqlalchemy", "UniqueConstraint", "Index")
			body.P("__table_args__ = (")
			body.In()
			body.P(fmt.Sprintf("UniqueConstraint(%q, name=%q),", e.label, "uq_"+e.table+"_"+e.label))
			body.P(fmt.Sprintf("Index(%q, %q),", "ix_"+e.table+"_created", "created_at"))
			body.Out()
			body.P(")")
		}
		body.P("")
		if d.mapped {
			g.mappedColumns(body, im, d, e)
		} else {
			g.classicColumns(body, im, d, e)
		}
		g.modelMethods(body, im, d, e)
		body.Out()
	}
	w.P(fmt.Sprintf("\"\"\"Database models for the %s domain.\"\"\"", human(d.name)))
	im.Write(w)
	out := w.String() + strings.TrimPrefix(body.String(), "\n")
	return out
}

func (g *gen) mappedColumns(w *pyWriter, im *imports, d *domain, e *entity) {
	w.P("id: Mapped[int] = mapped_column(primary_key=True)")
	for _, f := range e.fields {
		typ, names := f.saType(e)
		im.From("sqlalchemy", names...)
		py := f.pyType(e)
		switch f.kind {
		case kDecimal:
			im.From("decimal", "Decimal")
		case kDatetime:
			im.From("datetime", "datetime")
		case kDate:
			im.From("datetime", "date")
		}
		args := []string{typ}
		if f.nullable {
			im.From("typing", "Optional")
			py = "Optional[" + py + "]"
			args = append(args, "nullable=True")
		}
		switch {
		case f.kind == kEnum:
			args = append(args, fmt.Sprintf("default=%s.%s", e.statusClass(), strings.ToUpper(statusValuesFor(e)[0])))
		case f.kind == kBool:
			args = append(args, fmt.Sprintf("default=%s", boolDefault(f.name)))
		case f.kind == kInt && !f.nullable, f.kind == kDecimal:
			args = append(args, "default=0")
		}
		if f.unique {
			args = append(args, "unique=True")
		}
		if f.index {
			args = append(args, "index=True")
		}
		w.P(fmt.Sprintf("%s: Mapped[%s] = mapped_column(%s)", f.name, py, strings.Join(args, ", ")))
	}
	if e.parent != nil {
		im.From("sqlalchemy", "ForeignKey")
		w.P(fmt.Sprintf("%s_id: Mapped[int] = mapped_column(", e.parent.snake))
		w.In()
		w.P(fmt.Sprintf("ForeignKey(%q, ondelete=\"CASCADE\"), index=True", e.parent.table+".id"))
		w.Out()
		w.P(")")
	}
	im.From("sqlalchemy", "DateTime", "func")
	im.From("datetime", "datetime")
	w.P("created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())")
	w.P("updated_at: Mapped[datetime] = mapped_column(")
	w.In()
	w.P("DateTime(timezone=True), server_default=func.now(), onupdate=func.now()")
	w.Out()
	w.P(")")
	if e.parent != nil || len(e.children) > 0 {
		im.From("sqlalchemy.orm", "relationship")
		w.P("")
	}
	if e.parent != nil {
		lazy := ""
		if g.chance(0.3) {
			lazy = ", lazy=\"joined\""
		}
		w.P(fmt.Sprintf("%s: Mapped[%q] = relationship(back_populates=%q%s)", e.parent.snake, e.parent.class, e.plural, lazy))
	}
	for _, c := range e.children {
		im.From("typing", "List")
		lazy := ""
		if g.chance(0.4) {
			lazy = ", lazy=\"selectin\""
		}
		w.P(fmt.Sprintf("%s: Mapped[List[%q]] = relationship(", c.plural, c.class))
		w.In()
		w.P(fmt.Sprintf("back_populates=%q, cascade=\"all, delete-orphan\"%s", e.snake, lazy))
		w.Out()
		w.P(")")
	}
}

func boolDefault(name string) string {
	if name == "is_active" || name == "enabled" || name == "is_public" {
		return "True"
	}
	return "False"
}

func (g *gen) classicColumns(w *pyWriter, im *imports, d *domain, e *entity) {
	w.P("id = Column(Integer, primary_key=True, index=True)")
	for _, f := range e.fields {
		typ, names := f.saType(e)
		im.From("sqlalchemy", names...)
		args := []string{typ}
		if f.nullable {
			args = append(args, "nullable=True")
		} else {
			args = append(args, "nullable=False")
		}
		switch {
		case f.kind == kEnum:
			args = append(args, fmt.Sprintf("default=%s.%s", e.statusClass(), strings.ToUpper(statusValuesFor(e)[0])))
		case f.kind == kBool:
			args = append(args, fmt.Sprintf("default=%s", boolDefault(f.name)))
		case f.kind == kInt && !f.nullable, f.kind == kDecimal:
			args = append(args, "default=0")
		}
		if f.unique {
			args = append(args, "unique=True")
		}
		if f.index {
			args = append(args, "index=True")
		}
		w.P(fmt.Sprintf("%s = Column(%s)", f.name, strings.Join(args, ", ")))
	}
	if e.parent != nil {
		im.From("sqlalchemy", "ForeignKey")
		w.P(fmt.Sprintf("%s_id = Column(Integer, ForeignKey(%q), nullable=False, index=True)", e.parent.snake, e.parent.table+".id"))
	}
	im.From("sqlalchemy", "DateTime")
	if d.utcnow {
		im.From("datetime", "datetime")
		w.P("created_at = Column(DateTime, default=datetime.utcnow, nullable=False)")
		w.P("updated_at = Column(DateTime, default=datetime.utcnow, onupdate=datetime.utcnow)")
	} else {
		im.From("sqlalchemy", "func")
		w.P("created_at = Column(DateTime(timezone=True), server_default=func.now(), nullable=False)")
		w.P("updated_at = Column(DateTime(timezone=True), onupdate=func.now())")
	}
	if e.parent != nil || len(e.children) > 0 {
		im.From("sqlalchemy.orm", "relationship")
		w.P("")
	}
	if e.parent != nil {
		w.P(fmt.Sprintf("%s = relationship(%q, back_populates=%q)", e.parent.snake, e.parent.class, e.plural))
	}
	for _, c := range e.children {
		w.P(fmt.Sprintf("%s = relationship(%q, back_populates=%q, cascade=\"all, delete-orphan\")", c.plural, c.class, e.snake))
	}
}

func (g *gen) modelMethods(w *pyWriter, im *imports, d *domain, e *entity) {
	w.P("")
	w.P("def __repr__(self) -> str:")
	w.In()
	w.P(fmt.Sprintf("return f\"<%s id={self.id} %s={self.%s!r}>\"", e.class, e.label, e.label))
	w.Out()
	if e.archived && g.chance(0.7) {
		w.P("")
		w.P("def archive(self) -> None:")
		w.In()
		w.P(fmt.Sprintf("\"\"\"Mark the %s as archived; it stays in the database.\"\"\"", human(e.snake)))
		w.P("self.is_archived = True")
		if e.status {
			w.P(fmt.Sprintf("self.status = %s.%s", e.statusClass(), strings.ToUpper(statusValuesFor(e)[len(statusValuesFor(e))-1])))
		}
		w.Out()
	}
	if e.hasField("expires_at") || e.hasField("ends_at") {
		name := "expires_at"
		if !e.hasField(name) {
			name = "ends_at"
		}
		im.From("datetime", "datetime", "timezone")
		w.P("")
		w.P("@property")
		w.P("def is_expired(self) -> bool:")
		w.In()
		w.P(fmt.Sprintf("if self.%s is None:", name))
		w.In()
		w.P("return False")
		w.Out()
		w.P(fmt.Sprintf("return self.%s < datetime.now(timezone.utc)", name))
		w.Out()
	}
	if g.chance(0.35) {
		w.P("")
		w.P("def to_dict(self) -> dict:")
		w.In()
		w.P("return {")
		w.In()
		w.P("\"id\": self.id,")
		for _, f := range e.fields {
			switch f.kind {
			case kDecimal:
				w.P(fmt.Sprintf("%q: str(self.%s) if self.%s is not None else None,", f.name, f.name, f.name))
			case kDatetime, kDate:
				w.P(fmt.Sprintf("%q: self.%s.isoformat() if self.%s else None,", f.name, f.name, f.name))
			case kEnum:
				w.P(fmt.Sprintf("%q: self.%s.value if self.%s else None,", f.name, f.name, f.name))
			default:
				w.P(fmt.Sprintf("%q: self.%s,", f.name, f.name))
			}
		}
		w.Out()
		w.P("}")
		w.Out()
	}
}
