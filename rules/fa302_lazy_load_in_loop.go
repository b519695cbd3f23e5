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

// fa302Loaders are loader options that make a relationship access free of
// implicit I/O (eager loads, or raise/noload which refuse to load).
var fa302Loaders = map[string]bool{
	"selectinload": true, "joinedload": true, "subqueryload": true, "contains_eager": true,
	"raiseload": true, "immediateload": true, "noload": true,
}

// fa302LazyStrategies are the relationship(lazy=...) values that load on access.
var fa302LazyStrategies = map[string]bool{"": true, "select": true, "True": true, "dynamic": true}

func checkLazyLoadInLoop(pass *analyzer.Pass) {
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
		rows := fa302ValueOf(pass, fn, iter, 0)
		row := rows.element()
		if row.state != fa302Object || !row.query || row.model == "" {
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

// The value model below is shared by FA211 and FA302: it follows what an
// expression holds along SQLAlchemy/SQLModel query chains, from the
// statement to its rows.

type fa302State int

const (
	fa302None    fa302State = iota
	fa302Stmt               // select(User): a statement not run yet
	fa302Query              // session.query(User): a legacy Query (runnable, iterable, chainable)
	fa302Result             // session.execute(stmt): a Result of rows
	fa302Scalars            // ScalarResult: iterable of objects
	fa302List               // a list of objects (.all())
	fa302Object             // one object
	fa302Related            // a relationship attribute of an object (collection or object)
)

// fa302Value is what an expression holds, as far as query chains tell.
type fa302Value struct {
	state fa302State
	// model is the qualified name of the model class as resolved in this
	// module (checked against the project's ORM index later); path follows
	// relationship attributes from it (`user.items` → ["items"]).
	model string
	path  []string
	kind  analyzer.Kind // for objects whose model comes from a value kind instead
	query bool          // the objects come from a query run in this function
	// options are the eager-load keys of the query: "<class>|<attr>",
	// "*.<attr>" (a string path), "*" (every relationship) or "?" (unknown options).
	options []string
	session analyzer.Kind // kind of the session that ran the query
	awaited bool          // the session call was awaited
}

// element is what iterating the value yields.
func (v fa302Value) element() fa302Value {
	switch v.state {
	case fa302Query, fa302Scalars, fa302List, fa302Related:
		v.state = fa302Object
		return v
	}
	return fa302Value{}
}

func (v fa302Value) with(s fa302State) fa302Value {
	v.state = s
	return v
}

var fa302SelectFuncs = map[string]bool{
	"sqlalchemy.select": true, "sqlalchemy.future.select": true, "sqlalchemy.sql.select": true,
	"sqlalchemy.sql.expression.select": true, "sqlmodel.select": true, "sqlmodel.sql.expression.select": true,
}

// fa302Refine are the chain methods that keep a statement or Query a statement or Query.
var fa302Refine = map[string]bool{
	"filter": true, "filter_by": true, "where": true, "order_by": true, "limit": true, "offset": true, "join": true,
	"outerjoin": true, "options": true, "distinct": true, "group_by": true, "having": true, "execution_options": true,
	"select_from": true, "with_for_update": true, "params": true, "populate_existing": true, "yield_per": true,
	"join_from": true, "outerjoin_from": true, "correlate": true, "enable_eagerloads": true, "slice": true,
}

// fa302ValueOf infers what expr holds inside fn.
func fa302ValueOf(pass *analyzer.Pass, fn *analyzer.Function, expr *pyast.Node, depth int) fa302Value {
	if depth > 16 || expr == nil {
		return fa302Value{}
	}
	expr = pyast.Unparen(expr)
	switch expr.Kind {
	case "await":
		return fa302ValueOf(pass, fn, expr.NamedChild(0), depth+1)
	case "identifier":
		if v := fa302Binding(pass, fn, expr, depth); v.state != fa302None {
			return v
		}
	case "attribute":
		obj := expr.ChildByField("object")
		if v := fa302ValueOf(pass, fn, obj, depth+1); v.state == fa302Object && v.model != "" {
			v.state = fa302Related
			v.path = append(append([]string{}, v.path...), expr.ChildByField("attribute").Text())
			return v
		}
		return fa302Value{}
	case "call":
		if v := fa302CallValue(pass, fn, expr, depth); v.state != fa302None {
			return v
		}
	default:
		return fa302Value{}
	}
	// Fall back on the value kind: an instance of a project class, from an
	// annotation, a constructor or a function's return annotation.
	if k := pass.KindOf(fn, expr); k != analyzer.KindUnknown {
		return fa302Value{state: fa302Object, kind: k}
	}
	return fa302Value{}
}

func fa302CallValue(pass *analyzer.Pass, fn *analyzer.Function, call *pyast.Node, depth int) fa302Value {
	m := pass.Module
	args, _ := pyast.Args(call)
	callee := pyast.Callee(call)
	if !callee.Is("attribute") {
		q := m.Resolve(callee)
		switch {
		case fa302SelectFuncs[q]:
			if len(args) == 1 {
				if model := fa302ModelName(m, args[0]); model != "" {
					return fa302Value{state: fa302Stmt, model: model, query: true}
				}
			}
			return fa302Value{}
		case q == "builtins.list" || q == "builtins.sorted":
			if len(args) >= 1 {
				if e := fa302ValueOf(pass, fn, args[0], depth+1).element(); e.state == fa302Object {
					return e.with(fa302List)
				}
			}
			return fa302Value{}
		}
		return fa302Value{}
	}
	recv, method := methodCall(call)
	// Session calls that start a chain.
	switch method {
	case "query":
		if len(args) == 1 {
			if model := fa302ModelName(m, args[0]); model != "" {
				return fa302Value{state: fa302Query, model: model, query: true, session: pass.KindOf(fn, recv)}
			}
		}
	case "get", "get_one":
		rv := fa302ValueOf(pass, fn, recv, depth+1)
		if rv.state == fa302Query {
			return rv.with(fa302Object)
		}
		if len(args) >= 2 {
			if model := fa302ModelName(m, args[0]); model != "" {
				return fa302Value{state: fa302Object, model: model, query: true, session: pass.KindOf(fn, recv), awaited: pyast.IsAwaited(call)}
			}
		}
		return fa302Value{}
	case "execute", "scalars", "scalar", "exec", "stream", "stream_scalars":
		if len(args) >= 1 {
			if sv := fa302ValueOf(pass, fn, args[0], depth+1); sv.state == fa302Stmt {
				sv.session, sv.awaited = pass.KindOf(fn, recv), pyast.IsAwaited(call)
				switch method {
				case "execute", "stream":
					return sv.with(fa302Result)
				case "scalar":
					return sv.with(fa302Object)
				}
				return sv.with(fa302Scalars) // scalars(stmt), stream_scalars(stmt), SQLModel exec(select(User))
			}
		}
	}
	rv := fa302ValueOf(pass, fn, recv, depth+1)
	switch rv.state {
	case fa302Stmt, fa302Query:
		if fa302Refine[method] {
			if method == "options" {
				rv.options = append(append([]string{}, rv.options...), fa302Options(m, call)...)
			}
			return rv
		}
		if rv.state == fa302Query {
			switch method {
			case "all":
				return rv.with(fa302List)
			case "first", "one", "one_or_none":
				return rv.with(fa302Object)
			}
		}
	case fa302Result:
		switch method {
		case "scalars":
			return rv.with(fa302Scalars)
		case "scalar_one", "scalar_one_or_none", "scalar":
			return rv.with(fa302Object)
		case "unique":
			return rv
		}
	case fa302Scalars:
		switch method {
		case "all", "fetchall":
			return rv.with(fa302List)
		case "first", "one", "one_or_none":
			return rv.with(fa302Object)
		case "unique":
			return rv
		}
	}
	return fa302Value{}
}

// fa302ModelName returns the qualified name of a class reference (`User`,
// `models.User`); "" for anything else (`User.id`, calls, locals).
func fa302ModelName(m *analyzer.Module, n *pyast.Node) string {
	n = pyast.Unparen(n)
	if !n.Is("identifier", "attribute") {
		return ""
	}
	return m.Resolve(n)
}

// fa302Options reads the eager-load keys of `.options(...)`.
func fa302Options(m *analyzer.Module, call *pyast.Node) []string {
	var out []string
	for _, a := range call.ChildByField("arguments").NamedChildren() {
		if !a.Is("call") {
			out = append(out, "?") // *opts, a variable: unknown
			continue
		}
		a.Walk(func(n *pyast.Node) bool {
			if n.Kind != "call" {
				return true
			}
			name := pyast.DottedName(pyast.Callee(n))
			if c := pyast.Callee(n); c.Is("attribute") {
				name = c.ChildByField("attribute").Text()
			}
			if !fa302Loaders[analyzer.LastPart(name)] {
				return true
			}
			for _, arg := range n.ChildByField("arguments").NamedChildren() {
				arg = pyast.Unparen(arg)
				switch {
				case arg.Is("attribute"):
					cls := m.Resolve(arg.ChildByField("object"))
					attr := arg.ChildByField("attribute").Text()
					if cls == "" {
						out = append(out, "*."+attr)
					} else {
						out = append(out, cls+"|"+attr)
					}
				case pyast.IsString(arg):
					if s, ok := pyast.StringValue(arg); ok {
						if s == "*" {
							out = append(out, "*")
						} else {
							out = append(out, "*."+analyzer.LastPart(s))
						}
					}
				case arg.Is("keyword_argument"):
				default:
					out = append(out, "?")
				}
			}
			return true
		})
	}
	return out
}

// fa302Binding follows a name to what binds it before use: a loop over an
// iterable, a parameter annotated with a model, or the last assignment
// before the use in fn's own body.
func fa302Binding(pass *analyzer.Pass, fn *analyzer.Function, id *pyast.Node, depth int) fa302Value {
	name := id.Text()
	// An enclosing loop or comprehension that binds the name.
	for p := id.Up(); p != nil && p != fn.Node; p = p.Up() {
		var clause *pyast.Node
		switch p.Kind {
		case "for_statement":
			if p.ChildByField("body").Contains(id) {
				clause = p
			}
		case "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression":
			for _, c := range p.Children {
				if c.Kind == "for_in_clause" && c.ChildByField("left").Is("identifier") && c.ChildByField("left").Text() == name &&
					!c.ChildByField("right").Contains(id) {
					clause = c
				}
			}
		}
		if clause != nil && clause.ChildByField("left").Is("identifier") && clause.ChildByField("left").Text() == name {
			return fa302ValueOf(pass, fn, clause.ChildByField("right"), depth+1).element()
		}
	}
	if p := fn.Param(name); p != nil {
		// The kind covers what the annotation does not name directly: an
		// Annotated alias (`user: CurrentUser`), a dependency's return type.
		model := fa302AnnotatedModel(pass.Module, p.Annotation)
		if k := pass.Module.ParamKind(p); model != "" || k != analyzer.KindUnknown {
			return fa302Value{state: fa302Object, model: model, kind: k}
		}
		return fa302Value{}
	}
	var last *pyast.Node
	fn.Body().Walk(func(n *pyast.Node) bool {
		if n.StartByte >= id.StartByte {
			return false
		}
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment":
			if l := n.ChildByField("left"); l.Is("identifier") && l.Text() == name && !n.Contains(id) {
				last = n
			}
		}
		return true
	})
	if last == nil || last.ChildByField("right") == nil {
		return fa302Value{}
	}
	return fa302ValueOf(pass, fn, last.ChildByField("right"), depth+1)
}

// fa302AnnotatedModel returns the class a parameter annotation names
// (`User`, `Optional[User]`, `User | None`); "" for anything else.
func fa302AnnotatedModel(m *analyzer.Module, t *pyast.Node) string {
	if t.Is("type") {
		t = t.NamedChild(0)
	}
	switch t.Type() {
	case "identifier", "attribute":
		return m.Resolve(t)
	case "binary_operator":
		l, r := t.ChildByField("left"), t.ChildByField("right")
		if r.Is("none") {
			return fa302AnnotatedModel(m, l)
		}
		if l.Is("none") {
			return fa302AnnotatedModel(m, r)
		}
	case "generic_type", "subscript":
		head, inner := t.NamedChild(0), t.FirstChildOfKind("type_parameter").NamedChild(0)
		if t.Kind == "subscript" {
			head, inner = t.ChildByField("value"), t.ChildByField("subscript")
		}
		if q := m.Resolve(head); q == "typing.Optional" {
			return fa302AnnotatedModel(m, inner)
		}
	}
	return ""
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
