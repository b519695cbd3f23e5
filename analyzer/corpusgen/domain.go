package corpusgen

import (
	"fmt"
	"strings"
)

func (g *gen) genDomain(d *domain) {
	base := "app/" + d.name + "/"
	g.write(base+"__init__.py", fmt.Sprintf("\"\"\"%s domain: models, schemas, routes and services.\"\"\"\n", d.title))
	g.write(base+"models.py", g.genModels(d))
	g.write(base+"schemas.py", g.genSchemas(d))
	g.write(base+"deps.py", g.genDeps(d))
	g.write(base+"service.py", g.genService(d))
	if d.hasUtils {
		g.write(base+"utils.py", g.genUtils(d))
	}
	g.genRoutes(d)
	g.write("tests/"+d.name+"/__init__.py", "")
	g.write("tests/"+d.name+"/test_api.py", g.genTests(d))
}

func (g *gen) genDeps(d *domain) string {
	w := &pyWriter{}
	body := &pyWriter{}
	im := newImports()
	im.From("typing", "Annotated")
	im.From("fastapi", "Depends", "HTTPException", "status")
	typ, getter := "Session", "get_db"
	aw, kw := "", "def"
	if d.async {
		typ, getter, aw, kw = "AsyncSession", "get_async_db", "await ", "async def"
		im.From("sqlalchemy.ext.asyncio", "AsyncSession")
	} else {
		im.From("sqlalchemy.orm", "Session")
	}
	im.From(g.coreImport(d, 1, "database"), getter)
	im.From(g.coreImport(d, 1, "security"), "TokenUser", "get_current_user")
	body.P(fmt.Sprintf("DbSession = Annotated[%s, Depends(%s)]", typ, getter))
	body.P("CurrentUser = Annotated[TokenUser, Depends(get_current_user)]")
	for _, e := range d.entities {
		im.From(".models", e.class)
		im.From("fastapi", "Path")
		body.P("")
		body.P("")
		body.P(fmt.Sprintf("%s get_%s_or_404(", kw, e.snake))
		body.In()
		body.P(fmt.Sprintf("%s_id: Annotated[int, Path(ge=1)],", e.snake))
		body.P("db: DbSession,")
		body.Out()
		body.P(fmt.Sprintf(") -> %s:", e.class))
		body.In()
		body.P(fmt.Sprintf("\"\"\"Load a %s or answer 404.\"\"\"", human(e.snake)))
		body.P(fmt.Sprintf("%s = %sdb.get(%s, %s_id)", e.snake, aw, e.class, e.snake))
		body.P(fmt.Sprintf("if %s is None:", e.snake))
		body.In()
		body.P(fmt.Sprintf("raise HTTPException(status_code=status.HTTP_404_NOT_FOUND, detail=%q)", titleCase(human(e.snake))+" not found"))
		body.Out()
		body.P("return " + e.snake)
		body.Out()
	}
	e0 := d.entities[0]
	im.From("dataclasses", "dataclass")
	im.From("typing", "Optional")
	im.From("fastapi", "Query")
	body.rep = strings.NewReplacer("{{E}}", e0.class, "{{e}}", e0.snake, "{{h}}", human(e0.snake), "{{label}}", e0.label, "{{hs}}", human(e0.plural))
	body.T(`


@dataclass
class {{E}}Filters:
    """Query-string filters for {{hs}} listings."""

    search: Optional[str] = None
    created_after: Optional[str] = None
    created_before: Optional[str] = None
    order_by: str = "-created_at"

    def is_empty(self) -> bool:
        return not (self.search or self.created_after or self.created_before)


def {{e}}_filters(
    search: Optional[str] = Query(None, max_length=100, description="Match on {{label}}"),
    created_after: Optional[str] = Query(None, description="ISO date"),
    created_before: Optional[str] = Query(None, description="ISO date"),
    order_by: str = Query("-created_at", pattern="^-?(created_at|{{label}}|id)$"),
) -> {{E}}Filters:
    return {{E}}Filters(
        search=search,
        created_after=created_after,
        created_before=created_before,
        order_by=order_by,
    )
`)
	body.rep = nil
	body.P("")
	body.P("")
	body.P("def require_manager(user: CurrentUser) -> TokenUser:")
	body.In()
	body.P(fmt.Sprintf("\"\"\"Only %s managers and admins may change shared settings.\"\"\"", human(d.name)))
	body.P(fmt.Sprintf("if not user.has_role(\"admin\", %q):", d.name+"_manager"))
	body.In()
	body.P("raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail=\"Manager role required\")")
	body.Out()
	body.P("return user")
	body.Out()
	if d.basicAuth {
		im.From("fastapi.security", "HTTPBasic", "HTTPBasicCredentials")
		body.P("")
		body.P("")
		body.P("basic_auth = HTTPBasic()")
		body.P("")
		body.P("# Accounts used by partners to call our webhooks.")
		body.P(fmt.Sprintf("WEBHOOK_USERS = {%q: %q, \"ops\": \"changeme\"}", d.name+"_partner", "p4ss-"+d.name))
		body.P("")
		body.P("")
		body.P("def verify_webhook_caller(")
		body.In()
		body.P("credentials: Annotated[HTTPBasicCredentials, Depends(basic_auth)],")
		body.Out()
		body.P(") -> str:")
		body.In()
		body.P("password = WEBHOOK_USERS.get(credentials.username)")
		body.P("if password is None or credentials.password != password:")
		body.In()
		body.P("raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail=\"Invalid credentials\")")
		body.Out()
		body.P("return credentials.username")
		body.Out()
	}
	w.P(fmt.Sprintf("\"\"\"FastAPI dependencies shared by the %s routes.\"\"\"", human(d.name)))
	im.Write(w)
	return w.String() + body.String()
}

func (g *gen) genService(d *domain) string {
	w := &pyWriter{}
	body := &pyWriter{}
	im := newImports()
	im.Import("logging")
	typ := "Session"
	aw, kw := "", "def"
	if d.async {
		typ, aw, kw = "AsyncSession", "await ", "async def"
		im.From("sqlalchemy.ext.asyncio", "AsyncSession")
	} else {
		im.From("sqlalchemy.orm", "Session")
	}
	im.From("sqlalchemy", "select")
	im.From("typing", "Optional", "Sequence")
	classBased := g.chance(0.35)
	for _, e := range d.entities {
		im.From(".models", e.class)
		im.From(".schemas", e.class+"Create", e.class+"Update")
		dump := "data.model_dump()"
		dumpU := "data.model_dump(exclude_unset=True)"
		if d.v1Schemas {
			dump, dumpU = "data.dict()", "data.dict(exclude_unset=True)"
		}
		rep := strings.NewReplacer(
			"{{E}}", e.class, "{{e}}", e.snake, "{{es}}", e.plural, "{{h}}", human(e.snake), "{{hs}}", human(e.plural),
			"{{label}}", e.label, "{{T}}", typ, "{{aw}}", aw, "{{def}}", kw, "{{dump}}", dump, "{{dumpU}}", dumpU,
		)
		body.rep = rep
		if classBased {
			body.T(`


class {{E}}Service:
    """Data access for {{hs}}."""

    def __init__(self, db: {{T}}) -> None:
        self.db = db

    {{def}} get(self, {{e}}_id: int) -> Optional[{{E}}]:
        return {{aw}}self.db.get({{E}}, {{e}}_id)

    {{def}} list(self, *, offset: int = 0, limit: int = 50, search: Optional[str] = None) -> Sequence[{{E}}]:
        stmt = select({{E}}).order_by({{E}}.id.desc()).offset(offset).limit(limit)
        if search:
            stmt = stmt.where({{E}}.{{label}}.ilike(f"%{search}%"))
        result = {{aw}}self.db.execute(stmt)
        return result.scalars().all()

    {{def}} create(self, data: {{E}}Create) -> {{E}}:
        {{e}} = {{E}}(**{{dump}})
        self.db.add({{e}})
        {{aw}}self.db.commit()
        {{aw}}self.db.refresh({{e}})
        logger.info("created {{h}} %s", {{e}}.id)
        return {{e}}

    {{def}} update(self, {{e}}: {{E}}, data: {{E}}Update) -> {{E}}:
        for key, value in {{dumpU}}.items():
            setattr({{e}}, key, value)
        {{aw}}self.db.commit()
        {{aw}}self.db.refresh({{e}})
        return {{e}}

    {{def}} delete(self, {{e}}: {{E}}) -> None:
        {{aw}}self.db.delete({{e}})
        {{aw}}self.db.commit()
`)
		}
		// Module-level functions are always there: routers call them.
		body.T(`


{{def}} get_{{e}}(db: {{T}}, {{e}}_id: int) -> Optional[{{E}}]:
    """Return the {{h}} or None."""
    return {{aw}}db.get({{E}}, {{e}}_id)


{{def}} list_{{es}}(
    db: {{T}}, *, offset: int = 0, limit: int = 50, search: Optional[str] = None
) -> Sequence[{{E}}]:
    stmt = select({{E}}).order_by({{E}}.id.desc()).offset(offset).limit(limit)
    if search:
        stmt = stmt.where({{E}}.{{label}}.ilike(f"%{search}%"))
    result = {{aw}}db.execute(stmt)
    return result.scalars().all()


{{def}} create_{{e}}(db: {{T}}, data: {{E}}Create) -> {{E}}:
    {{e}} = {{E}}(**{{dump}})
    db.add({{e}})
    {{aw}}db.commit()
    {{aw}}db.refresh({{e}})
    logger.info("created {{h}} %s", {{e}}.id)
    return {{e}}


{{def}} update_{{e}}(db: {{T}}, {{e}}: {{E}}, data: {{E}}Update) -> {{E}}:
    changes = {{dumpU}}
    for key, value in changes.items():
        setattr({{e}}, key, value)
    {{aw}}db.commit()
    {{aw}}db.refresh({{e}})
    return {{e}}
`)
		g.summaryFunc(body, im, e)
	}
	// Partner integration: sync HTTP in a sync helper.
	im.Import("os")
	im.Import("requests")
	body.rep = nil
	body.P("")
	body.P("")
	body.P("PARTNER_API_URL = os.getenv(\"PARTNER_API_URL\", \"https://partner.example.com/api\")")
	if d.secretInSvc {
		body.P(fmt.Sprintf("PARTNER_API_KEY = \"pk_live_%s\"", g.hex(24)))
	} else {
		body.P("PARTNER_API_KEY = os.environ.get(\"PARTNER_API_KEY\")")
	}
	body.T(`


def push_to_partner(resource: str, payload: dict) -> bool:
    """Send a record to the partner API. Blocking: call from sync code only."""
    headers = {"Authorization": f"Bearer {PARTNER_API_KEY}"}
    try:
        response = requests.post(
            f"{PARTNER_API_URL}/{resource}", json=payload, headers=headers, timeout=10
        )
    except requests.RequestException:
        logger.exception("partner push failed for %s", resource)
        return False
    return response.status_code < 400
`)
	w.P(fmt.Sprintf("\"\"\"Business logic of the %s domain.\"\"\"", human(d.name)))
	im.Write(w)
	w.P("logger = logging.getLogger(__name__)")
	return w.String() + body.String()
}

// summaryFunc writes a pure-Python helper that aggregates rows.
func (g *gen) summaryFunc(w *pyWriter, im *imports, e *entity) {
	var nums []string
	for _, f := range e.fields {
		if f.kind == kInt || f.kind == kFloat || f.kind == kDecimal {
			nums = append(nums, f.name)
		}
	}
	im.From("typing", "Any", "Dict", "Iterable")
	w.P("")
	w.P("")
	w.P(fmt.Sprintf("def summarize_%s(%s: Iterable[%s]) -> Dict[str, Any]:", e.plural, e.plural, e.class))
	w.In()
	w.P(fmt.Sprintf("\"\"\"Totals over a set of %s (for reports and dashboards).\"\"\"", human(e.plural)))
	w.P("count = 0")
	for _, n := range nums {
		w.P(fmt.Sprintf("%s_total = 0", n))
	}
	if e.status {
		w.P("by_status: Dict[str, int] = {}")
	}
	w.P(fmt.Sprintf("for item in %s:", e.plural))
	w.In()
	w.P("count += 1")
	for _, n := range nums {
		w.P(fmt.Sprintf("%s_total += item.%s or 0", n, n))
	}
	if e.status {
		w.P("key = item.status.value if item.status else \"unknown\"")
		w.P("by_status[key] = by_status.get(key, 0) + 1")
	}
	w.Out()
	w.P("summary: Dict[str, Any] = {\"count\": count}")
	for _, n := range nums {
		w.P(fmt.Sprintf("summary[%q] = %s_total", n+"_total", n))
		if g.chance(0.5) {
			w.P(fmt.Sprintf("summary[%q] = (%s_total / count) if count else 0", n+"_avg", n))
		}
	}
	if e.status {
		w.P("summary[\"by_status\"] = by_status")
	}
	w.P("return summary")
	w.Out()
}

const hexDigits = "0123456789abcdef"

func (g *gen) hex(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = hexDigits[g.r.Intn(16)]
	}
	return string(b)
}
