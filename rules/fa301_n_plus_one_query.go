package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// fa301QueryMethods are the session methods that run a query and return rows.
var fa301QueryMethods = map[string]bool{
	"query": true, "execute": true, "scalar": true, "scalars": true, "get": true, "get_one": true,
	"exec": true, // SQLModel
}

// fa301BatchMethods in a query chain mean the loop walks batches, not rows:
// `.offset(i)` pages, `.slice(...)`, `.in_(chunk)` chunked IN queries.
var fa301BatchMethods = map[string]bool{"offset": true, "slice": true, "in_": true}

var FA301 = register(&analyzer.Rule{
	Code: "FA301", Name: "n-plus-one-query", Principle: analyzer.PrinciplePerformance, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A database query runs once per iteration of a loop or comprehension, with the loop variable in its criteria (N+1 queries).",
	Doc: analyzer.Doc{
		What: "Reports a SQLAlchemy or SQLModel session query (`query`, `execute`, `scalar(s)`, `get`, `get_one`, `exec`) inside the body of a " +
			"`for`/`async for` loop or a comprehension when the query depends on the loop variable: the loop target, or a local computed from it " +
			"in the loop body (`stmt = select(User).where(User.id == item.user_id)`), appears in the query's arguments or chained calls. " +
			"The receiver must be a session by type (sync `Session` or `AsyncSession`, from its annotation, constructor or the dependency that " +
			"yields it, possibly in another module). One finding per loop, at its first such query.",
		Why: "Each iteration is a database round trip: a list of 100 rows costs 101 queries. Latency grows linearly with the data, the connection " +
			"pool is held for the whole loop, and with an `AsyncSession` the awaits are strictly sequential.",
		Example: "@router.get(\"/orders\")\nasync def list_orders(db: AsyncSession = Depends(get_db)):\n" +
			"    orders = (await db.execute(select(Order))).scalars().all()\n    for order in orders:\n" +
			"        order.customer = await db.get(Customer, order.customer_id)\n    return orders\n",
		UseInstead: "@router.get(\"/orders\")\nasync def list_orders(db: AsyncSession = Depends(get_db)):\n" +
			"    # eager-load the relationship in the same round trip\n" +
			"    result = await db.execute(select(Order).options(selectinload(Order.customer)))\n    return result.scalars().all()\n\n" +
			"# or fetch every related row with one IN (...) query\nids = {o.customer_id for o in orders}\n" +
			"customers = {c.id: c for c in (await db.execute(select(Customer).where(Customer.id.in_(ids)))).scalars()}\n",
		Limits: "Only loops whose query depends on the loop variable are reported (a query that does not is a different smell). " +
			"Loops over a literal list, tuple, set or dict are not reported, and neither are batch loops whose query pages with `.offset(...)`/" +
			"`.slice(...)` or filters with `.in_(chunk)`. Statements built in the loop and executed once after it are not reported. " +
			"Sessions whose type cannot be inferred (untyped parameters, `self.db`) are not reported, nor are queries hidden in helper " +
			"functions called from the loop, nor `while` loops.",
		References: []string{
			"https://docs.sqlalchemy.org/en/20/orm/queryguide/relationships.html#select-in-loading",
			"https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.ColumnOperators.in_",
		},
	},
	CheckModule: checkNPlusOneQuery,
})

func checkNPlusOneQuery(pass *analyzer.Pass) {
	if !isAppCode(pass.Module) {
		return // tests, scripts, migrations and CLIs are not served under load
	}
	m := pass.Module
	reported := map[*pyast.Node]*bool{} // per loop: a finding was emitted
	for _, call := range m.Nodes("call") {
		recv, method := methodCall(call)
		if !fa301QueryMethods[method] {
			continue
		}
		loop := fa301DependentLoop(call, recv)
		if loop == nil {
			continue
		}
		fn := m.EnclosingFunction(call)
		kind := pass.KindOf(fn, recv)
		if kind == analyzer.KindUnknown {
			continue
		}
		done := reported[loop]
		if done == nil {
			done = new(bool)
			reported[loop] = done
		}
		recvText, over, label := recv.Text(), fa301Short(fa301Iterable(loop).Text()), funcLabel(fn)
		pass.ReportKind(call, kind, func(k analyzer.Kind) string {
			if *done || !k.IsSyncSession() && !k.IsAsyncSession() {
				return ""
			}
			*done = true
			return fmt.Sprintf("`%s.%s()` inside the loop over `%s` in %s runs one query per row (N+1); "+
				"load all rows with a single `IN (...)` query (`.where(Model.id.in_(ids))`) or eager-load the relationship with `selectinload`",
				recvText, method, over, label)
		})
	}
}

// fa301DependentLoop returns the innermost loop or comprehension around call
// (within its function) whose variables the query depends on; nil when none
// does, or when the only such loops walk a literal collection.
func fa301DependentLoop(call, recv *pyast.Node) *pyast.Node {
	chain := fa301Chain(call)
	if fa301Batched(chain) {
		return nil
	}
	child := call
	for p := call.Up(); p != nil; child, p = p, p.Up() {
		switch p.Kind {
		case "function_definition", "lambda", "class_definition":
			return nil
		case "for_statement":
			if child != p.ChildByField("body") || fa301LiteralLoop(p) {
				continue
			}
		case "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression":
			if child.Is("for_in_clause") && child == p.FirstChildOfKind("for_in_clause") || fa301LiteralLoop(p) {
				continue // the first iterable is evaluated once
			}
		default:
			continue
		}
		if fa301Mentions(chain, recv, fa301LoopNames(p)) {
			return p
		}
	}
	return nil
}

// fa301Chain returns the whole expression a session call starts:
// `db.query(X).filter(...).first()`, `(await db.execute(...)).scalars().all()`.
func fa301Chain(call *pyast.Node) *pyast.Node {
	top := call
	for {
		p := top.Up()
		switch {
		case p.Is("await", "parenthesized_expression"):
			top = p
		case p.Is("attribute") && p.ChildByField("object") == top && p.Up().Is("call") && p.Up().ChildByField("function") == p:
			top = p.Up()
		default:
			return top
		}
	}
}

// fa301Batched reports whether the chain pages or chunks with a batch method.
func fa301Batched(chain *pyast.Node) bool {
	found := false
	chain.Walk(func(n *pyast.Node) bool {
		if _, method := methodCall(n); n.Kind == "call" && fa301BatchMethods[method] {
			found = true
		}
		return !found
	})
	return found
}

// fa301LoopNames returns the loop targets and the locals derived from them in
// the loop body.
func fa301LoopNames(loop *pyast.Node) map[string]bool {
	names := map[string]bool{}
	scope := loop
	if loop.Kind == "for_statement" {
		fa301AddNames(names, loop.ChildByField("left"))
		scope = loop.ChildByField("body")
	} else {
		for _, c := range loop.Children {
			if c.Kind == "for_in_clause" {
				fa301AddNames(names, c.ChildByField("left"))
			}
		}
	}
	// Bindings in the body: name <- value. Propagate until nothing changes.
	type binding struct{ target, value *pyast.Node }
	var binds []binding
	scope.Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment", "augmented_assignment", "for_statement", "for_in_clause":
			binds = append(binds, binding{n.ChildByField("left"), n.ChildByField("right")})
		case "as_pattern":
			binds = append(binds, binding{n.ChildByField("alias"), n.NamedChild(0)})
		case "named_expression":
			binds = append(binds, binding{n.ChildByField("name"), n.ChildByField("value")})
		}
		return true
	})
	for changed := true; changed; {
		changed = false
		for _, b := range binds {
			if b.value != nil && fa301Mentions(b.value, nil, names) {
				before := len(names)
				fa301AddNames(names, b.target)
				changed = changed || len(names) != before
			}
		}
	}
	return names
}

// fa301AddNames adds the identifiers bound by a target (a, (a, b), [a, *b]).
func fa301AddNames(names map[string]bool, target *pyast.Node) {
	switch target.Type() {
	case "identifier":
		names[target.Text()] = true
	case "pattern_list", "tuple_pattern", "list_pattern", "expression_list", "tuple", "list",
		"list_splat_pattern", "as_pattern_target", "parenthesized_expression":
		for _, c := range target.NamedChildren() {
			fa301AddNames(names, c)
		}
	}
}

// fa301Mentions reports whether expr reads one of the names (attribute names
// and keyword names don't count), skipping the subtree skip.
func fa301Mentions(expr, skip *pyast.Node, names map[string]bool) bool {
	found := false
	expr.Walk(func(n *pyast.Node) bool {
		if found || n == skip {
			return false
		}
		if n.Kind == "identifier" && names[n.Text()] {
			if p := n.Up(); !(p.Is("attribute") && n.Field == "attribute") && !(p.Is("keyword_argument") && n.Field == "name") {
				found = true
			}
		}
		return !found
	})
	return found
}

// fa301LiteralLoop reports whether a loop walks literal collections only
// (`for x in [1, 2, 3]`, `for model in (User, Team)`).
func fa301LiteralLoop(loop *pyast.Node) bool {
	if loop.Kind == "for_statement" {
		return fa301LiteralCollection(loop.ChildByField("right"))
	}
	for _, c := range loop.Children {
		if c.Kind == "for_in_clause" && !fa301LiteralCollection(c.ChildByField("right")) {
			return false
		}
	}
	return true
}

func fa301LiteralCollection(n *pyast.Node) bool {
	n = pyast.Unparen(n)
	if !n.Is("list", "tuple", "set", "dictionary", "expression_list") {
		return false
	}
	for _, c := range n.NamedChildren() {
		if c.Is("list_splat", "dictionary_splat", "parenthesized_list_splat") {
			return false
		}
	}
	return true
}

// fa301Iterable returns what the loop walks (the first iterable of a comprehension).
func fa301Iterable(loop *pyast.Node) *pyast.Node {
	if loop.Kind == "for_statement" {
		return loop.ChildByField("right")
	}
	return loop.FirstChildOfKind("for_in_clause").ChildByField("right")
}

// fa301Short keeps messages readable when the iterable is a long expression.
func fa301Short(s string) string {
	const max = 40
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > max {
		return string(r[:max-1]) + "…"
	}
	return s
}
