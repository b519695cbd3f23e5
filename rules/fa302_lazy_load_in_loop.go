package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA302 = register(&analyzer.Rule{
	Code: "FA302", Name: "lazy-load-in-loop", Principle: analyzer.PrinciplePerformance, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A loop over query results touches a lazily loaded relationship: one extra query per row, and a runtime error with an AsyncSession.",
	Doc: analyzer.Doc{
		What: "Reports an attribute access `row.rel` inside a `for` loop or comprehension that walks the rows of an ORM query run in the same " +
			"function — `db.query(User)...all()`, `(await session.execute(select(User))).scalars()`, `session.scalars(select(User))`, " +
			"SQLModel's `session.exec(select(User))`, `async for` over `stream_scalars(...)`, or a variable assigned from one of them — or a " +
			"relationship collection of such a row " +
			"(`for item in user.items`), when `rel` is declared with `relationship(...)`/`Relationship(...)` on the model (which may live in " +
			"another module, with classic `Column` or 2.0 `Mapped` declarations), the query has no `selectinload`/`joinedload`/`subqueryload`/" +
			"`contains_eager`/`immediateload`/`raiseload`/`noload` option for it, and the relationship is not declared with an eager or raising " +
			"`lazy=` strategy. One finding per loop and attribute, at its first access. With an `AsyncSession` the message says that the " +
			"access is also a runtime error.",
		Why: "A relationship left with the default `lazy=\"select\"` is loaded by a separate SELECT the first time it is touched on each object: " +
			"a loop over 100 users that reads `user.team` sends 101 queries. With an `AsyncSession` the implicit query cannot run at all: " +
			"SQLAlchemy raises `MissingGreenlet` because lazy loading would do I/O outside an `await`.",
		Example: "@router.get(\"/users\")\nasync def list_users(session: AsyncSession = Depends(get_session)):\n" +
			"    users = (await session.execute(select(User))).scalars().all()\n" +
			"    return [{\"name\": u.name, \"team\": u.team.name} for u in users]\n",
		UseInstead: "@router.get(\"/users\")\nasync def list_users(session: AsyncSession = Depends(get_session)):\n" +
			"    stmt = select(User).options(selectinload(User.team))\n" +
			"    users = (await session.execute(stmt)).scalars().all()\n" +
			"    return [{\"name\": u.name, \"team\": u.team.name} for u in users]\n\n" +
			"# or declare the loading strategy on the model\nclass User(Base):\n" +
			"    team: Mapped[\"Team\"] = relationship(lazy=\"selectin\")\n",
		Limits: "Only loops over queries run in the same function are followed: rows passed in as parameters or returned by helper functions, " +
			"whose loading options are unknown here, are not reported. Loader options are matched by class and attribute " +
			"(`selectinload(User.items)`); options built elsewhere (`.options(*opts)`, a variable) silence the query. " +
			"A relationship's strategy is read from `lazy=\"...\"` strings only: `lazy=False` is not understood, and SQLModel `Relationship(...)` " +
			"attributes are not reported because their strategy is usually set in `sa_relationship_kwargs`, which the model index does not read yet. " +
			"Relationships created from the other side with `backref=` are not declared on the model and are not reported. `while` loops and " +
			"rows held in tuples (`for user, team in rows`) are not followed.",
		References: []string{
			"https://docs.sqlalchemy.org/en/20/orm/queryguide/relationships.html",
			"https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html#preventing-implicit-io-when-using-asyncsession",
			"https://docs.sqlalchemy.org/en/20/errors.html#error-xd2s",
		},
	},
	CheckModule: checkLazyLoadInLoop,
})

// fa302LazyStrategies are the relationship(lazy=...) values that load on access.
var fa302LazyStrategies = map[string]bool{"": true, "select": true, "True": true, "dynamic": true}

func checkLazyLoadInLoop(pass *analyzer.Pass) {
	if !isAppCode(pass.Module) {
		return // tests, scripts, migrations and CLIs are not served under load
	}
	m := pass.Module
	var loops []*pyast.Node
	for _, kind := range []string{"for_statement", "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression"} {
		loops = append(loops, m.Nodes(kind)...)
	}
	for _, loop := range loops {
		fn := m.EnclosingFunction(loop)
		if fn == nil {
			continue
		}
		clause := loop
		if loop.Kind != "for_statement" {
			clause = loop.FirstChildOfKind("for_in_clause")
		}
		target := clause.ChildByField("left")
		if !target.Is("identifier") {
			continue
		}
		iter := clause.ChildByField("right")
		rows := queryValueOf(pass, fn, iter, 0)
		row := rows.element()
		if row.state != qObject || !row.query || row.model == "" {
			continue
		}
		name := target.Text()
		seen := map[string]bool{}
		over, label := fa302Short(iter.Text()), funcLabel(fn)
		fa302WalkLoop(loop, iter, name, func(n *pyast.Node) {
			obj := n.ChildByField("object")
			attr := n.ChildByField("attribute").Text()
			if !obj.Is("identifier") || obj.Text() != name || seen[attr] || fa302Assigned(n) {
				return
			}
			seen[attr] = true
			model, path, options, kind, awaited := row.model, row.path, row.options, row.session, row.awaited
			access := n.Text()
			pass.ReportWhen(n, func(p *analyzer.Project) string {
				return fa302Decide(p, model, path, attr, options, kind, awaited, access, over, label)
			})
		})
	}
}

// fa302Decide is the project-phase verdict for `row.attr` in a loop over rows
// of model (followed along path).
func fa302Decide(p *analyzer.Project, model string, path []string, attr string, options []string,
	kind analyzer.Kind, awaited bool, access, over, label string) string {
	q := fa302ModelAt(p, model, path)
	if q == "" {
		return ""
	}
	rel, ok := p.Relationship(q, attr)
	if !ok || rel.Call == "sqlmodel.Relationship" || rel.Call == "sqlmodel.main.Relationship" {
		return ""
	}
	if !fa302LazyStrategies[rel.Lazy] || strings.HasPrefix(rel.Annotation, "WriteOnlyMapped") {
		return ""
	}
	for _, o := range options {
		if o == "?" || o == "*" || o == "*."+attr {
			return ""
		}
		if cls, a, ok := strings.Cut(o, "|"); ok && a == attr && p.Class(cls) != nil && p.Class(cls).Name == q {
			return ""
		}
	}
	cls := analyzer.LastPart(q)
	cost := "N+1 queries"
	if awaited || p.Resolve(kind).IsAsyncSession() {
		cost = "N+1 queries, and with an AsyncSession a runtime error: MissingGreenlet, implicit I/O outside `await`"
	}
	if rel.Lazy == "dynamic" {
		return fmt.Sprintf("`%s` queries the lazy=\"dynamic\" relationship `%s.%s` once per row of the loop over `%s` in %s (%s); "+
			"fetch the related rows for every row with one query before the loop, or make it a collection loaded with `selectinload`",
			access, cls, attr, over, label, cost)
	}
	return fmt.Sprintf("`%s` lazy-loads the `%s.%s` relationship once per row of the loop over `%s` in %s (%s); "+
		"eager-load it with `.options(selectinload(%s.%s))` on the query or declare it with `lazy=\"selectin\"`",
		access, cls, attr, over, label, cost, cls, attr)
}

// fa302ModelAt returns the project ORM class reached from model by following
// relationship attributes along path; "" when one is unknown.
func fa302ModelAt(p *analyzer.Project, model string, path []string) string {
	c := p.Class(model)
	if c == nil || !p.IsORMModel(c.Name) {
		return ""
	}
	q := c.Name
	for _, attr := range path {
		if q = p.RelationshipTarget(q, attr); q == "" {
			return ""
		}
	}
	return q
}

// fa302WalkLoop visits the attribute nodes of a loop's body (for a
// comprehension: everything but the first iterable), skipping nested defs and
// nested loops that bind the loop variable's name again.
func fa302WalkLoop(loop, iter *pyast.Node, name string, visit func(*pyast.Node)) {
	scope := loop
	if loop.Kind == "for_statement" {
		scope = loop.ChildByField("body")
	}
	rebinds := func(clause *pyast.Node) bool {
		found := false
		clause.ChildByField("left").Walk(func(c *pyast.Node) bool {
			found = found || c.Kind == "identifier" && c.Text() == name
			return !found
		})
		return found
	}
	scope.Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "for_statement":
			if n != loop && rebinds(n) {
				return false
			}
		case "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression":
			if n != loop {
				for _, c := range n.Children {
					if c.Kind == "for_in_clause" && rebinds(c) {
						return false
					}
				}
			}
		}
		if n == iter {
			return false
		}
		if n.Kind == "attribute" {
			visit(n)
		}
		return true
	})
}

// fa302Assigned reports whether an attribute is the target of an assignment
// or a del (`row.team = t` does not load the old value).
func fa302Assigned(n *pyast.Node) bool {
	p := n.Up()
	if p.Is("assignment", "augmented_assignment") && p.ChildByField("left") == n {
		return true
	}
	return p.Is("delete_statement")
}

// fa302Short keeps messages readable when an expression is long.
func fa302Short(s string) string {
	const max = 48
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
