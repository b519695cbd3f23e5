package analyzer

import (
	"reflect"
	"testing"
)

func ormProject(t *testing.T, files map[string]string) *Project {
	t.Helper()
	project := map[string]bool{}
	for rel := range files {
		name, _ := ModuleName(rel)
		project[name] = true
	}
	var facts []*ModuleFacts
	for rel, src := range files {
		facts = append(facts, factsOf(parseModule(t, rel, src, project)))
	}
	return NewProject(facts)
}

var ormFiles = map[string]string{
	"app/__init__.py": "",
	"app/db/__init__.py": `
from .base import Base, LegacyBase
`,
	"app/db/base.py": `
from sqlalchemy.orm import DeclarativeBase, declarative_base

class Base(DeclarativeBase):
    pass

LegacyBase = declarative_base()
`,
	"app/other.py": `
Thing = make_thing()
class NotModel(Thing):
    name = 1
`,
	"app/models.py": `
import sqlalchemy as sa
from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship
from app.db import Base, LegacyBase
from app.mixins import TimestampMixin

class User(TimestampMixin, Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String)
    hashed_password: Mapped[str]
    items: Mapped[list["Item"]] = relationship(back_populates="owner")
    team: Mapped["Team"] = relationship(lazy="joined")

class Admin(User):
    level: Mapped[int]
    email: Mapped[str] = mapped_column(String(200))

class Item(LegacyBase):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    owner_id = Column(Integer, ForeignKey("users.id"))
    owner = relationship("User", back_populates="items")
    product = sa.orm.relationship(lambda: Product)

class Product(LegacyBase):
    __tablename__ = "products"
    id = Column(Integer, primary_key=True)

class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
`,
	"app/mixins.py": `
from sqlalchemy import Column, DateTime
class TimestampMixin:
    created_at = Column(DateTime)
`,
	"app/schemas.py": `
from typing import ClassVar, Optional
from pydantic import BaseModel, ConfigDict
from sqlmodel import SQLModel, Field, Relationship

class UserBase(BaseModel):
    email: str
    model_config = ConfigDict(from_attributes=True)

class UserOut(UserBase):
    id: int
    kind: ClassVar[str] = "user"

class HeroBase(SQLModel):
    name: str

class Hero(HeroBase, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    team: Optional["HeroTeam"] = Relationship(back_populates="heroes")

class HeroTeam(SQLModel, table=True):
    id: Optional[int] = Field(default=None, primary_key=True)
    heroes: list["Hero"] = Relationship(back_populates="team")

class HeroWithTeam(HeroBase):
    team: Optional[UserOut] = None
`,
}

func TestORMModelIndex(t *testing.T) {
	p := ormProject(t, ormFiles)
	for q, want := range map[string][2]bool{ // ORM, Pydantic
		"app.db.base.Base":          {true, false},
		"app.models.User":           {true, false},
		"app.models.Admin":          {true, false},
		"app.models.Item":           {true, false}, // declarative_base() variable
		"app.schemas.UserOut":       {false, true},
		"app.schemas.HeroBase":      {false, true},
		"app.schemas.Hero":          {true, false},
		"app.schemas.HeroTeam":      {true, false},
		"app.schemas.HeroWithTeam":  {false, true},
		"app.mixins.TimestampMixin": {false, false},
		"app.other.NotModel":        {false, false},
		"app.models.Missing":        {false, false},
		"sqlalchemy.orm.Session":    {false, false},
	} {
		if got := p.IsORMModel(q); got != want[0] {
			t.Errorf("IsORMModel(%s) = %v, want %v", q, got, want[0])
		}
		if got := p.IsPydanticModel(q); got != want[1] {
			t.Errorf("IsPydanticModel(%s) = %v, want %v", q, got, want[1])
		}
	}
}

func fieldNames(fs []FieldFacts) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func TestModelFields(t *testing.T) {
	p := ormProject(t, ormFiles)
	for q, want := range map[string][]string{
		"app.models.User":          {"created_at", "id", "email", "hashed_password", "items", "team"},
		"app.models.Admin":         {"created_at", "id", "email", "hashed_password", "items", "team", "level"},
		"app.schemas.UserOut":      {"email", "id"},
		"app.schemas.Hero":         {"name", "id", "team"},
		"app.schemas.HeroWithTeam": {"name", "team"},
		"app.models.Missing":       nil,
	} {
		if got := fieldNames(p.ModelFields(q)); !reflect.DeepEqual(got, want) {
			t.Errorf("ModelFields(%s) = %v, want %v", q, got, want)
		}
	}
	// The override replaces the inherited field.
	if f, ok := p.Field("app.models.Admin", "email"); !ok || f.Annotation != "Mapped[str]" || f.Loc.Line != 18 {
		t.Errorf("Admin.email = %+v, %v; want the redefinition on line 18", f, ok)
	}
}

func TestRelationships(t *testing.T) {
	p := ormProject(t, ormFiles)
	type rel struct {
		model, attr string
		ok          bool
		lazy        string
		target      string
	}
	for _, c := range []rel{
		{"app.models.User", "items", true, "", "app.models.Item"},
		{"app.models.User", "team", true, "joined", "app.models.Team"},
		{"app.models.Admin", "items", true, "", "app.models.Item"}, // inherited
		{"app.models.Item", "owner", true, "", "app.models.User"},
		{"app.models.Item", "product", true, "", "app.models.Product"},
		{"app.models.User", "email", false, "", ""},
		{"app.models.User", "hashed_password", false, "", ""},
		{"app.models.User", "created_at", false, "", ""},
		{"app.models.User", "nope", false, "", ""},
		{"app.schemas.Hero", "team", true, "", "app.schemas.HeroTeam"},
		{"app.schemas.HeroTeam", "heroes", true, "", "app.schemas.Hero"},
		{"app.schemas.HeroWithTeam", "team", false, "", ""},
	} {
		f, ok := p.Relationship(c.model, c.attr)
		if ok != c.ok || f.Lazy != c.lazy {
			t.Errorf("Relationship(%s, %s) = %+v, %v; want ok=%v lazy=%q", c.model, c.attr, f, ok, c.ok, c.lazy)
		}
		if got := p.RelationshipTarget(c.model, c.attr); got != c.target {
			t.Errorf("RelationshipTarget(%s, %s) = %q, want %q", c.model, c.attr, got, c.target)
		}
	}
	f, _ := p.Field("app.schemas.HeroWithTeam", "team")
	if got := p.FieldTypes(f); !reflect.DeepEqual(got, []string{"app.schemas.UserOut"}) {
		t.Errorf("FieldTypes(HeroWithTeam.team) = %v", got)
	}
}

func TestAnnotationTarget(t *testing.T) {
	for ann, want := range map[string]string{
		`Mapped[list["Item"]]`:     "Item",
		`Mapped["Team"]`:           "Team",
		`Mapped[Optional["Team"]]`: "Team",
		`Optional["Team"]`:         "Team",
		`"Team | None"`:            "Team",
		`Mapped[List[m.Item]]`:     "m.Item",
		`WriteOnlyMapped["Item"]`:  "Item",
		``:                         "",
	} {
		if got := annotationTarget(ann); got != want {
			t.Errorf("annotationTarget(%s) = %q, want %q", ann, got, want)
		}
	}
}
