package score

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
)

// Generated agent answers for the batch benchmark: a CRUD service for one
// resource in one of three styles (async SQLAlchemy, sync SQLAlchemy in
// async handlers, an in-memory dict), 3-5 handlers, 4-7 extra fields, some of the usual
// mistakes at random, tests in some answers, Markdown or bare code.

var sampleResources = []string{"item", "todo", "book", "order", "note", "product", "ticket", "invoice", "event", "task"}

var sampleFields = []string{"description", "category", "owner", "status", "currency", "notes", "external_ref"}

type sampleGen struct {
	r *rand.Rand
	b strings.Builder
}

func (g *sampleGen) line(format string, args ...any) { fmt.Fprintf(&g.b, format+"\n", args...) }
func (g *sampleGen) chance(p float64) bool           { return g.r.Float64() < p }

func (g *sampleGen) answer() string {
	name := sampleResources[g.r.Intn(len(sampleResources))]
	class := strings.ToUpper(name[:1]) + name[1:]
	style := g.r.Intn(3) // 0 async SQLAlchemy, 1 sync session in async handlers, 2 in-memory
	handlers := 3 + g.r.Intn(3)
	markdown := g.chance(0.8)
	typed := g.chance(0.6)
	documented := g.chance(0.5)
	extra := sampleFields[:4+g.r.Intn(4)]

	if markdown {
		g.line("Here is a FastAPI service for %ss.\n", name)
		g.line("```python")
		g.line("# main.py")
	}
	g.line("\"\"\"%s service: CRUD endpoints over HTTP.\"\"\"", class)
	g.line("import logging")
	g.line("import os")
	if g.chance(0.3) {
		g.line("from datetime import datetime")
	}
	g.line("from typing import Annotated\n")
	g.line("from fastapi import Depends, FastAPI, HTTPException, status")
	g.line("from pydantic import BaseModel, Field")
	switch style {
	case 0:
		g.line("from sqlalchemy import select")
		g.line("from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine")
	case 1:
		g.line("from sqlalchemy import create_engine, select")
		g.line("from sqlalchemy.orm import Session, sessionmaker")
	}
	if style != 2 {
		g.line("from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column")
	}
	g.line("from pydantic_settings import BaseSettings\n\n")
	g.line("class Settings(BaseSettings):")
	g.line("    database_url: str = \"sqlite:///./app.db\"")
	g.line("    page_size: int = 50")
	g.line("    debug: bool = False\n\n")
	g.line("settings = Settings()")
	g.line("logger = logging.getLogger(__name__)")
	if g.chance(0.5) {
		g.line("app = FastAPI(title=%q, version=\"1.0.0\")", class+" API")
	} else {
		g.line("app = FastAPI()")
	}
	if g.chance(0.3) {
		g.line("SECRET_KEY = \"sk-%08d-change-me\"", g.r.Intn(1e8))
	}
	switch style {
	case 0:
		g.line("engine = create_async_engine(os.environ[\"DATABASE_URL\"])")
		g.line("SessionLocal = async_sessionmaker(engine, expire_on_commit=False)")
	case 1:
		url := "os.environ[\"DATABASE_URL\"]"
		if g.chance(0.5) {
			url = "\"postgresql://app:app@localhost/app\""
		}
		g.line("engine = create_engine(%s, echo=%s)", url, map[bool]string{true: "True", false: "False"}[g.chance(0.3)])
		g.line("SessionLocal = sessionmaker(bind=engine)")
	}
	g.line("\n")
	if style != 2 {
		g.line("class Base(DeclarativeBase):\n    pass\n\n")
		g.line("class %sRow(Base):", class)
		g.line("    __tablename__ = %q", name+"s")
		g.line("    id: Mapped[int] = mapped_column(primary_key=True)")
		g.line("    title: Mapped[str]")
		g.line("    price: Mapped[float] = mapped_column(default=0)")
		for _, f := range extra {
			g.line("    %s: Mapped[str | None] = mapped_column(default=None)", f)
		}
		g.line("\n")
	}
	g.line("class %sIn(BaseModel):", class)
	if typed {
		g.line("    title: str = Field(min_length=1, max_length=200)")
	} else {
		g.line("    title: str")
	}
	g.line("    price: float = 0")
	for _, f := range extra {
		g.line("    %s: str | None = None", f)
	}
	g.line("\n")
	g.line("class %sOut(%sIn):", class, class)
	g.line("    id: int\n\n")
	switch style {
	case 0:
		g.line("async def get_session():\n    async with SessionLocal() as session:\n        yield session\n\n")
		g.line("SessionDep = Annotated[AsyncSession, Depends(get_session)]\n\n")
	case 1:
		g.line("def get_session():\n    session = SessionLocal()\n    try:\n        yield session\n    finally:\n        session.close()\n\n")
		g.line("SessionDep = Annotated[Session, Depends(get_session)]\n\n")
	default:
		g.line("%ss: dict[int, %sOut] = {}\n\n", name, class)
		g.line("class %sRepository:", class)
		g.line("    \"\"\"Keeps %ss in memory; swap for a database later.\"\"\"\n", name)
		g.line("    def __init__(self) -> None:\n        self.rows: dict[int, %sOut] = {}\n", class)
		g.line("    def get(self, row_id: int) -> %sOut | None:\n        return self.rows.get(row_id)\n", class)
		g.line("    def add(self, row: %sOut) -> None:\n        self.rows[row.id] = row\n", class)
		g.line("    def remove(self, row_id: int) -> None:\n        self.rows.pop(row_id, None)\n\n")
	}
	ops := []string{"list", "get", "create", "update", "delete"}[:handlers]
	for _, op := range ops {
		g.handler(op, name, class, style, typed, documented)
	}
	if g.chance(0.2) {
		g.line("@app.get(\"/health\")\nasync def health():\n    return {\"status\": \"ok\"}\n\n")
	}
	if markdown {
		g.line("```\n")
	}
	if g.chance(0.4) {
		g.tests(name, ops, markdown)
	}
	if markdown {
		g.line("Run it with `uvicorn main:app --reload`.")
	}
	return g.b.String()
}

func (g *sampleGen) handler(op, name, class string, style int, typed, documented bool) {
	model := ""
	if typed {
		model = fmt.Sprintf(", response_model=%sOut", class)
		if op == "list" {
			model = fmt.Sprintf(", response_model=list[%sOut]", class)
		}
		if op == "delete" {
			model = ", status_code=status.HTTP_204_NO_CONTENT"
		}
	}
	session := ""
	if style != 2 {
		session = ", session: SessionDep"
	}
	doc := func(text string) {
		if documented {
			g.line("    %q", text)
		}
	}
	switch op {
	case "list":
		g.line("@app.get(\"/%ss\"%s)", name, model)
		g.line("async def list_%ss(limit: int = 50%s):", name, session)
		doc("List " + name + "s.")
		switch style {
		case 0:
			g.line("    rows = await session.scalars(select(%sRow).limit(limit))\n    return rows.all()", class)
		case 1:
			g.line("    return session.scalars(select(%sRow).limit(limit)).all()", class)
		default:
			g.line("    return list(%ss.values())[:limit]", name)
		}
	case "get":
		g.line("@app.get(\"/%ss/{%s_id}\"%s)", name, name, model)
		g.line("async def get_%s(%s_id: int%s):", name, name, session)
		doc("Fetch one " + name + ".")
		switch style {
		case 0:
			g.line("    row = await session.get(%sRow, %s_id)", class, name)
		case 1:
			g.line("    row = session.get(%sRow, %s_id)", class, name)
		default:
			g.line("    row = %ss.get(%s_id)", name, name)
		}
		if g.chance(0.7) {
			g.line("    if row is None:\n        raise HTTPException(status_code=404, detail=\"Not found\")")
		} else {
			g.line("    if row is None:\n        return {\"error\": \"not found\"}")
		}
		g.line("    return row")
	case "create":
		status201 := ""
		if typed {
			status201 = ", status_code=status.HTTP_201_CREATED"
		}
		g.line("@app.post(\"/%ss\"%s%s)", name, model, status201)
		body := class + "In"
		if !typed && g.chance(0.5) {
			body = "dict"
		}
		g.line("async def create_%s(payload: %s%s):", name, body, session)
		doc("Create a " + name + ".")
		if g.chance(0.3) {
			g.line("    print(\"creating\", payload)")
		}
		switch style {
		case 0:
			g.line("    row = %sRow(**payload.model_dump())\n    session.add(row)\n    await session.commit()\n    await session.refresh(row)\n    return row", class)
		case 1:
			g.line("    row = %sRow(**payload.model_dump())\n    session.add(row)\n    session.commit()\n    session.refresh(row)\n    return row", class)
		default:
			g.line("    row = %sOut(id=len(%ss) + 1, **payload.model_dump())\n    %ss[row.id] = row\n    return row", class, name, name)
		}
	case "update":
		g.line("@app.put(\"/%ss/{%s_id}\"%s)", name, name, model)
		g.line("async def update_%s(%s_id: int, payload: %sIn%s):", name, name, class, session)
		doc("Replace a " + name + ".")
		switch style {
		case 0:
			g.line("    row = await session.get(%sRow, %s_id)", class, name)
		case 1:
			g.line("    row = session.get(%sRow, %s_id)", class, name)
		default:
			g.line("    row = %ss.get(%s_id)", name, name)
		}
		g.line("    if row is None:\n        raise HTTPException(status_code=404, detail=\"Not found\")")
		g.line("    row.title = payload.title\n    row.price = payload.price")
		switch style {
		case 0:
			g.line("    await session.commit()")
		case 1:
			g.line("    session.commit()")
		}
		g.line("    return row")
	case "delete":
		g.line("@app.delete(\"/%ss/{%s_id}\"%s)", name, name, model)
		g.line("async def delete_%s(%s_id: int%s):", name, name, session)
		doc("Delete a " + name + ".")
		switch style {
		case 0:
			g.line("    row = await session.get(%sRow, %s_id)\n    if row is not None:\n        await session.delete(row)\n        await session.commit()", class, name)
		case 1:
			g.line("    row = session.get(%sRow, %s_id)\n    if row is not None:\n        session.delete(row)\n        session.commit()", class, name)
		default:
			g.line("    %ss.pop(%s_id, None)", name, name)
		}
	}
	g.line("\n")
}

func (g *sampleGen) tests(name string, ops []string, markdown bool) {
	if markdown {
		g.line("And the tests:\n")
		g.line("```python")
		g.line("# tests/test_main.py")
	}
	g.line("from fastapi.testclient import TestClient\n\nfrom main import app\n\nclient = TestClient(app)\n\n")
	for _, op := range ops {
		switch op {
		case "list":
			g.line("def test_list():\n    assert client.get(\"/%ss\").status_code == 200\n\n", name)
		case "create":
			g.line("def test_create():\n    r = client.post(\"/%ss\", json={\"title\": \"x\"})\n    assert r.status_code in (200, 201)\n\n", name)
		case "get":
			g.line("def test_missing():\n    client.get(\"/%ss/999\")\n\n", name) // no assert: FA704
		}
	}
	if markdown {
		g.line("```\n")
	}
}

// generateBatch returns n JSONL samples: ids s0..s(n-1), three models.
func generateBatch(n int, seed int64) []byte {
	r := rand.New(rand.NewSource(seed))
	var out []byte
	for i := 0; i < n; i++ {
		g := &sampleGen{r: r}
		line, _ := json.Marshal(map[string]any{
			"id": fmt.Sprintf("s%d", i), "model": []string{"model-a", "model-b", "model-c"}[i%3], "response": g.answer(),
		})
		out = append(append(out, line...), '\n')
	}
	return out
}
