package analyzer

import (
	"testing"

	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

func parseModule(t *testing.T, rel, src string, project map[string]bool) *Module {
	t.Helper()
	p := pyast.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return NewModule(rel, tree, project)
}

func TestParamKinds(t *testing.T) {
	src := `
from fastapi import Depends
from sqlalchemy.orm import Session as S, sessionmaker
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from typing import Annotated, Optional
from app.database import get_db as remote_get_db, RemoteDep

SessionLocal = sessionmaker()
AsyncLocal = async_sessionmaker()

def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()

async def get_async():
    async with AsyncLocal() as s:
        yield s

LocalDep = Annotated[S, Depends(get_db)]

async def f(a: S, b=Depends(get_db), c: AsyncSession = Depends(get_async), d=Depends(get_async),
            e: LocalDep = None, g: Annotated[S, Depends(get_db)] = None, h=Depends(remote_get_db),
            i: RemoteDep = None, j: Optional[S] = None, k: "S" = None, l=None):
    pass
`
	m := parseModule(t, "app/routers/x.py", src, map[string]bool{"app.database": true, "app.routers.x": true})
	f := m.Defs["f"]
	want := map[string]Kind{
		"a": "T:" + SyncSessionType, "b": "T:" + SyncSessionType, "c": "T:" + AsyncSessionType,
		"d": "T:" + AsyncSessionType, "e": "T:" + SyncSessionType, "g": "T:" + SyncSessionType,
		"h": "C:app.database.get_db", "i": "A:app.database.RemoteDep", "j": "T:" + SyncSessionType,
		"k": KindUnknown, "l": KindUnknown,
	}
	for name, k := range want {
		if got := m.ParamKind(f.Param(name)); got != k {
			t.Errorf("param %s: kind %q, want %q", name, got, k)
		}
	}
}

func TestProjectResolvesAcrossModules(t *testing.T) {
	project := map[string]bool{"app": true, "app.database": true, "app.deps": true}
	db := parseModule(t, "app/database.py", `
from sqlalchemy.orm import sessionmaker, Session
from typing import Annotated
from fastapi import Depends
SessionLocal = sessionmaker()
def get_db():
    with SessionLocal() as s:
        yield s
DbDep = Annotated[Session, Depends(get_db)]
DbDep2 = Annotated[object, Depends(get_db)]
class Klass:
    pass
`, project)
	init := parseModule(t, "app/__init__.py", "from .database import get_db\n", project)
	deps := parseModule(t, "app/deps.py", "from app import get_db\nfrom app.database import SessionLocal\ndef make():\n    return SessionLocal()\n", project)
	p := NewProject([]*ModuleFacts{factsOf(db), factsOf(init), factsOf(deps)})
	for k, want := range map[Kind]Kind{
		"C:app.database.get_db":  "T:" + SyncSessionType,
		"C:app.get_db":           "T:" + SyncSessionType, // re-export through __init__
		"A:app.database.DbDep":   "T:" + SyncSessionType,
		"A:app.database.DbDep2":  "T:builtins.object",
		"C:app.deps.make":        "T:" + SyncSessionType,
		"C:app.database.missing": KindUnknown,
		"A:app.database.Klass":   "T:app.database.Klass",
	} {
		if got := p.Resolve(k); got != want {
			t.Errorf("Resolve(%s) = %q, want %q", k, got, want)
		}
	}
}

func factsOf(m *Module) *ModuleFacts {
	return m.Facts(func(n *pyast.Node) Location {
		return Location{Path: m.Path, Span: Span{Line: int(n.Start.Row) + 1, Column: int(n.Start.Col) + 1}}
	}, nil)
}

func TestSourceRoots(t *testing.T) {
	got := SourceRoots([]string{
		"backend/app/__init__.py", "backend/app/main.py", "backend/app/api/__init__.py", "backend/app/api/users.py",
		"backend/scripts/seed.py", "svc/app/main.py", "top.py", "pkg/__init__.py", "pkg/mod.py",
		"src/dispatch/__init__.py", "src/dispatch/case/views.py",
	})
	want := map[string]string{
		"backend/app/__init__.py":     "app/__init__.py",
		"backend/app/main.py":         "app/main.py",
		"backend/app/api/__init__.py": "app/api/__init__.py",
		"backend/app/api/users.py":    "app/api/users.py",
		"backend/scripts/seed.py":     "backend/scripts/seed.py",
		"svc/app/main.py":             "svc/app/main.py", // namespace package: named from the audited root
		"top.py":                      "top.py",
		"pkg/__init__.py":             "pkg/__init__.py",
		"pkg/mod.py":                  "pkg/mod.py",
		"src/dispatch/case/views.py":  "dispatch/case/views.py", // namespace subpackage of a package
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: %q, want %q", k, got[k], v)
		}
	}
}

func TestReexportedLibraryTypesAndInstanceMethods(t *testing.T) {
	project := map[string]bool{"app.database": true, "app.svc": true, "app.routes": true}
	db := parseModule(t, "app/database.py", "from sqlalchemy.ext.asyncio import AsyncSession\nfrom sqlalchemy.orm import sessionmaker\n", project)
	svc := parseModule(t, "app/svc.py", "class Notifier:\n    async def send(self):\n        pass\n\nnotifier = Notifier()\n", project)
	routes := parseModule(t, "app/routes.py", `
from app.database import AsyncSession, sessionmaker
from app.svc import notifier

async def h(s: AsyncSession):
    a, b = 1, 2
    notifier.send()
`, project)
	p := NewProject([]*ModuleFacts{factsOf(db), factsOf(svc), factsOf(routes)})
	f := routes.Defs["h"]
	if got := p.Resolve(routes.ParamKind(f.Param("s"))); got != "T:"+AsyncSessionType {
		t.Errorf("re-exported AsyncSession: %q", got)
	}
	if got := p.Resolve("C:app.database.sessionmaker"); got != "F:"+SyncSessionType {
		t.Errorf("re-exported sessionmaker call: %q", got)
	}
	call := routes.Nodes("call")[0]
	q := routes.CalleeName(f, call)
	if fn := p.Function(q); fn == nil || fn.QualName != "Notifier.send" {
		t.Errorf("method on imported instance %q: %+v", q, fn)
	}
	if _, ok := routes.Bindings(f)["b"]; !ok {
		t.Errorf("tuple target not bound: %v", routes.Bindings(f))
	}
}

func TestNamespaceAliasResolves(t *testing.T) {
	// api/ has no __init__.py, api/v1/ has one: the code imports api.v1.x.
	project := map[string]bool{"v1.deps": true, "api.v1.deps": true, "v1.routes": true, "api.v1.routes": true}
	deps := parseModule(t, "api/v1/deps.py", "def get_user():\n    pass\n", project)
	deps.Name = "v1.deps"
	f := factsOf(deps)
	f.Aliases = []string{"api.v1.deps"}
	p := NewProject([]*ModuleFacts{f})
	if fn := p.Function("api.v1.deps.get_user"); fn == nil || fn.Name() != "v1.deps.get_user" {
		t.Errorf("alias lookup: %+v", fn)
	}
	if got := p.Canonical("api.v1.deps.get_user"); got != "v1.deps.get_user" {
		t.Errorf("Canonical = %q", got)
	}
}
