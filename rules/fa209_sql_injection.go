package rules

import (
	"regexp"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA209 = register(&analyzer.Rule{
	Code: "FA209", Name: "sql-injection", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 9.5, CWE: []string{"CWE-89"}, Since: "0.1.0",
	Summary: "SQL text is built by formatting a non-constant value into it (f-string, `%`, `.format`, `+`) and run with `text()`/`execute()`.",
	Doc: analyzer.Doc{
		What: "Reports SQL text built by formatting request data into it — an f-string interpolation, `%` or `.format(...)` " +
			"formatting, `+`/`+=` concatenation, or `\" AND \".join(conditions)` over such parts — and passed to `sqlalchemy.text(...)` " +
			"(also inside `.filter(text(...))`/`.order_by(text(...))`), `literal_column(...)`, `pandas.read_sql(...)`, or the first " +
			"argument of `execute`/`executemany`/`executescript`/`exec_driver_sql` and the async drivers' `fetch`/`fetchrow`/`fetchval`/" +
			"`fetch_all`/`fetch_one` on any connection, session or cursor. For method sinks the text must look like SQL (SELECT, " +
			"INSERT, UPDATE, DELETE, WHERE, ORDER BY, ...). The SQL may be built on earlier lines: names are followed to the " +
			"assignments (and `+=`, `.append(...)` on a list of conditions) that reach the call.\n\n" +
			"Request data is a path operation's parameters (query, path, body models and their fields, `dict` bodies, `Depends()` " +
			"classes) and reads of the `Request` (`request.query_params[...]`, `await request.json()`), followed through assignments, " +
			"string methods and library calls. In a helper function (a CRUD module, a repository method) a parameter counts when some " +
			"project function calls the helper with request data in that argument, directly or through further helpers (the call " +
			"graph is read from facts, so helpers in other modules count).\n\n" +
			"Not reported: literals and constants, numbers (`int`/`float`/`bool`/`UUID`/date parameters, `int()`, `len()`), " +
			"`Literal[...]` choices, allow-list lookups (`SORT_COLUMNS[sort]`), `\"ASC\" if desc else \"DESC\"`, placeholder lists " +
			"(`\", \".join([\"%s\"] * len(ids))`), `Model.__tablename__`, configuration (`settings.DB_SCHEMA`, `self.table`), values " +
			"read from the database, migrations and scripts that take no request data, and values returned by project helpers " +
			"(query builders usually return placeholders).",
		Why: "Whatever is formatted into SQL text becomes SQL: a request value `' OR '1'='1` or `1; DROP TABLE users` changes the query, " +
			"leaking or destroying data and often every row of every table (CWE-89). Bound parameters send values separately from " +
			"the statement, so they can never change its structure.",
		Example: "@router.get(\"/users\")\ndef search(name: str, db: Session = Depends(get_db)):\n" +
			"    return db.execute(text(f\"SELECT * FROM users WHERE name = '{name}'\")).all()\n",
		UseInstead: "@router.get(\"/users\")\ndef search(name: str, db: Session = Depends(get_db)):\n" +
			"    return db.execute(text(\"SELECT * FROM users WHERE name = :name\"), {\"name\": name}).all()\n\n" +
			"# identifiers (columns, sort order) cannot be parameters: map them through an allow-list\n" +
			"SORT_COLUMNS = {\"name\": \"name\", \"created\": \"created_at\"}\nquery = f\"SELECT * FROM users ORDER BY {SORT_COLUMNS[sort]}\"\n",
		Limits: "SQL text built inside a helper and returned (a query-builder function) is not followed, nor is a value checked against " +
			"an allow-list with `if col not in ALLOWED: raise` before use (map it through the allow-list instead: `ALLOWED[col]`). " +
			"Helper parameters are followed through calls the facts resolve (functions, methods on `self` and on values of a known " +
			"class); a helper only reached through unresolved calls is not reported. Data stored earlier and read back from the " +
			"database (second-order injection) is not tracked. Django's `.raw()`/`.extra()` are not covered.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/89.html",
			"https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.text",
			"https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html",
		},
	},
	CheckModule: checkSQLInjection,
})

// fa209TextFuncs take SQL text as their first argument.
var fa209TextFuncs = map[string]bool{
	"sqlalchemy.text": true, "sqlalchemy.sql.text": true, "sqlalchemy.sql.expression.text": true, "sqlmodel.text": true,
	"sqlalchemy.literal_column": true, "sqlalchemy.sql.literal_column": true, "sqlalchemy.sql.expression.literal_column": true,
	"pandas.read_sql": true, "pandas.read_sql_query": true,
}

// fa209Methods run SQL text given as their first argument.
var fa209Methods = map[string]bool{
	"execute": true, "executemany": true, "executescript": true, "exec_driver_sql": true,
	"fetch": true, "fetchrow": true, "fetchval": true, "fetch_all": true, "fetch_one": true, "fetch_val": true,
}

var fa209SQLRE = regexp.MustCompile(`(?i)\b(?:select\s|insert\s+into|update\s+\S+\s+set|delete\s+from|where\s|order\s+by|group\s+by|create\s+(?:table|index|schema|database)|drop\s+(?:table|index|schema|database)|alter\s+table|truncate\s|values\s*\(|pragma\s|grant\s|limit\s)`)

// fa209Sanitizer: quoting and escaping functions, bound parameters.
func fa209Sanitizer(q string) bool {
	last := analyzer.LastPart(q)
	switch last {
	case "quote", "quote_identifier", "quote_ident", "quote_literal", "escape_string", "escape_identifier", "escape_literal",
		"literal", "bindparam", "Identifier", "Literal", "Placeholder":
		return true
	}
	return strings.HasPrefix(q, "psycopg2.sql.") || strings.HasPrefix(q, "psycopg.sql.") || q == "sqlalchemy.bindparam"
}

var fa209Spec = &taintSpec{Source: taintOutsideSource(true), Sanitizer: fa209Sanitizer, UnknownCalls: true, OpaqueHelpers: true}

func checkSQLInjection(pass *analyzer.Pass) {
	m := pass.Module
	flows := map[*analyzer.Function]*taintFlow{}
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		var arg *pyast.Node
		sink := ""
		needSQL := false
		switch {
		case fa209TextFuncs[q]:
			arg = pyast.Arg(call, 0)
			for _, kw := range []string{"text", "sql"} {
				if arg == nil {
					arg = pyast.Kwarg(call, kw)
				}
			}
			sink = "`" + analyzer.LastPart(q) + "()`"
		default:
			_, method := methodCall(call)
			if !fa209Methods[method] {
				continue
			}
			arg = pyast.Arg(call, 0)
			for _, kw := range []string{"query", "statement", "sql", "operation"} {
				if arg == nil {
					arg = pyast.Kwarg(call, kw)
				}
			}
			sink = "`" + method + "()`"
			needSQL = true
		}
		fn := m.EnclosingFunction(call)
		if arg == nil || fn == nil {
			continue
		}
		if flows[fn] == nil {
			flows[fn] = newTaintFlow(m, fn, fa209Spec)
		}
		a := &fa209Analysis{m: m, fn: fn, flow: flows[fn], busy: map[*pyast.Node]bool{}}
		d := a.dynamic(arg, 0)
		if d.part == nil || needSQL && !fa209SQLRE.MatchString(d.text) {
			continue
		}
		part := d.part.Text() // msg may run in the project phase, after the tree is gone
		msg := func(label string) string {
			from := "`" + truncateExpr(part) + "`"
			if label != "" && label != part {
				from += " (from `" + label + "`)"
			}
			return "SQL text built with " + d.how + " from " + from + " is passed to " + sink +
				": a request value can rewrite the query (SQL injection); pass values as bound parameters (`text(\"... WHERE name = :name\")` with `{\"name\": name}`) and map identifiers through an allow-list"
		}
		now, pending := taintSplit(d.ts)
		if len(now) > 0 {
			pass.Report(arg, "%s", msg(now[0].Label))
			continue
		}
		pass.ReportWhen(arg, func(p *analyzer.Project) string {
			for _, t := range pending {
				if fa209Spec.Holds(p, t) {
					return msg(t.Label)
				}
			}
			return ""
		})
	}
}

// fa209Dyn describes dynamic SQL text: the first value carrying outside
// data formatted into it, how, its taints, and the literal text around it
// (to tell SQL).
type fa209Dyn struct {
	part *pyast.Node
	how  string
	text string
	ts   []taint
}

type fa209Analysis struct {
	m    *analyzer.Module
	fn   *analyzer.Function
	flow *taintFlow
	busy map[*pyast.Node]bool
}

// data returns what outside data a formatted value carries (a request
// model formatted whole counts too).
func (a *fa209Analysis) data(n *pyast.Node) []taint {
	return stringified(a.flow.Of(n))
}

// dynamic finds a value carrying outside data formatted into the SQL text expr.
func (a *fa209Analysis) dynamic(expr *pyast.Node, depth int) fa209Dyn {
	expr = pyast.Unparen(expr)
	if expr == nil || depth > 12 || a.busy[expr] {
		return fa209Dyn{}
	}
	a.busy[expr] = true
	defer delete(a.busy, expr)
	switch expr.Type() {
	case "string", "concatenated_string":
		var found fa209Dyn
		expr.Walk(func(n *pyast.Node) bool {
			if n.Kind == "interpolation" && found.part == nil {
				e := n.ChildByField("expression")
				if ts := a.data(e); len(ts) > 0 {
					found = fa209Dyn{part: e, how: "an f-string", ts: ts}
				}
				return false
			}
			return found.part == nil
		})
		found.text = fa209Literal(expr)
		return found
	case "binary_operator":
		l, r := expr.ChildByField("left"), expr.ChildByField("right")
		switch expr.ChildByField("operator").Type() {
		case "%":
			if !a.stringy(l, depth) {
				return fa209Dyn{}
			}
			d := a.dynamic(l, depth+1)
			if d.part == nil {
				d = a.percentArgs(r)
			}
			d.text = a.sqlText(l, depth)
			return d
		case "+":
			if !a.stringy(l, depth) && !a.stringy(r, depth) {
				return fa209Dyn{}
			}
			text := a.sqlText(l, depth) + " " + a.sqlText(r, depth)
			for _, side := range []*pyast.Node{l, r} {
				if d := a.dynamic(side, depth+1); d.part != nil {
					d.text = text
					return d
				}
			}
			for _, side := range []*pyast.Node{l, r} {
				if a.stringy(side, depth) {
					continue
				}
				if ts := a.data(side); len(ts) > 0 {
					return fa209Dyn{part: side, how: "`+` concatenation", text: text, ts: ts}
				}
			}
		}
	case "call":
		recv, method := methodCall(expr)
		switch {
		case method == "format" && a.stringy(recv, depth):
			d := a.dynamic(recv, depth+1)
			if d.part == nil {
				for _, v := range fa209Args(expr) {
					if ts := a.data(v); len(ts) > 0 {
						d = fa209Dyn{part: v, how: "`.format()`", ts: ts}
						break
					}
				}
			}
			d.text = a.sqlText(recv, depth)
			return d
		case method == "join" && a.stringy(recv, depth):
			if args := fa209Args(expr); len(args) == 1 {
				if d := a.joined(args[0], depth+1); d.part != nil {
					return d
				}
			}
		}
	case "identifier":
		for _, v := range a.reaching(expr) {
			if aug := v.Up(); aug.Is("augmented_assignment") && aug.ChildByField("right") == v && !a.stringy(v, depth) {
				if ts := a.data(v); len(ts) > 0 {
					return fa209Dyn{part: v, how: "`+=` concatenation", text: a.sqlText(expr, depth), ts: ts}
				}
			}
			if d := a.dynamic(v, depth+1); d.part != nil {
				if !fa209SQLRE.MatchString(d.text) {
					d.text += " " + a.sqlText(expr, depth)
				}
				return d
			}
		}
	}
	return fa209Dyn{}
}

// percentArgs checks the right side of `"..." % args`.
func (a *fa209Analysis) percentArgs(r *pyast.Node) fa209Dyn {
	r = pyast.Unparen(r)
	var vals []*pyast.Node
	switch r.Type() {
	case "tuple":
		vals = r.NamedChildren()
	case "dictionary":
		for _, pair := range r.NamedChildren() {
			vals = append(vals, pair.ChildByField("value"))
		}
	default:
		vals = []*pyast.Node{r}
	}
	for _, v := range vals {
		if ts := a.data(v); len(ts) > 0 {
			return fa209Dyn{part: v, how: "`%` formatting", ts: ts}
		}
	}
	return fa209Dyn{}
}

// joined checks the parts of `sep.join(parts)`: a list literal, a
// comprehension, or a list built with `.append(...)`.
func (a *fa209Analysis) joined(parts *pyast.Node, depth int) fa209Dyn {
	parts = pyast.Unparen(parts)
	var elems []*pyast.Node
	switch parts.Type() {
	case "list", "tuple", "set":
		elems = parts.NamedChildren()
	case "list_comprehension", "generator_expression", "set_comprehension":
		elems = []*pyast.Node{parts.ChildByField("body")}
	case "identifier":
		elems = a.appended(parts)
		for _, v := range a.reaching(parts) {
			if v = pyast.Unparen(v); v.Is("list", "tuple") {
				elems = append(elems, v.NamedChildren()...)
			} else if v.Is("list_comprehension", "generator_expression") {
				elems = append(elems, v.ChildByField("body"))
			}
		}
		if len(elems) == 0 {
			// a list received from outside: its items are joined in as they are
			if ts := dataTaints(a.flow.Of(parts), true); len(ts) > 0 {
				return fa209Dyn{part: parts, how: "`join()`", text: "", ts: ts}
			}
		}
	}
	for _, e := range elems {
		if d := a.dynamic(e, depth+1); d.part != nil {
			d.text = a.sqlText(e, depth)
			return d
		}
		if !a.stringy(e, depth) {
			if ts := a.data(e); len(ts) > 0 {
				return fa209Dyn{part: e, how: "`join()`", text: a.sqlText(e, depth), ts: ts}
			}
		}
	}
	return fa209Dyn{}
}

// appended returns the values appended to a list name before its use.
func (a *fa209Analysis) appended(id *pyast.Node) []*pyast.Node {
	if a.fn == nil {
		return nil
	}
	var out []*pyast.Node
	a.fn.Body().Walk(func(n *pyast.Node) bool {
		if n.StartByte >= id.StartByte {
			return false
		}
		if n.Kind == "call" {
			if recv, method := methodCall(n); pyast.Unparen(recv).Is("identifier") && recv.Text() == id.Text() {
				switch method {
				case "append", "insert":
					out = append(out, pyast.Arg(n, len(pyast.Unparen(n).ChildByField("arguments").NamedChildren())-1))
				case "extend":
					if l := pyast.Unparen(pyast.Arg(n, 0)); l.Is("list", "tuple") {
						out = append(out, l.NamedChildren()...)
					}
				}
			}
		}
		if n.Kind == "augmented_assignment" && n.ChildByField("left").Text() == id.Text() {
			if l := pyast.Unparen(n.ChildByField("right")); l.Is("list", "tuple") {
				out = append(out, l.NamedChildren()...)
			}
		}
		return true
	})
	return out
}

// fa209Args returns a call's argument values (keyword values, splatted
// values); a lone generator argument (`"".join(x for x in y)`) is one value.
func fa209Args(call *pyast.Node) []*pyast.Node {
	args := call.ChildByField("arguments")
	if args.Is("generator_expression") {
		return []*pyast.Node{args}
	}
	var out []*pyast.Node
	for _, c := range args.NamedChildren() {
		switch c.Kind {
		case "keyword_argument":
			c = c.ChildByField("value")
		case "list_splat", "dictionary_splat":
			c = c.NamedChild(0)
		}
		out = append(out, c)
	}
	return out
}

// reaching returns the values of the bindings of a local name that reach
// its use (assignments and augmented assignments).
func (a *fa209Analysis) reaching(id *pyast.Node) []*pyast.Node {
	for fn := a.fn; fn != nil; fn = fn.Outer {
		bs := a.m.Bindings(fn)[id.Text()]
		if len(bs) == 0 {
			if fn.Param(id.Text()) != nil {
				return nil
			}
			continue
		}
		reaching, _ := taintReaching(fn, bs, id)
		var out []*pyast.Node
		for _, b := range reaching {
			switch b.Node.Kind {
			case "assignment":
				if b.Node.ChildByField("left").Is("identifier") {
					r := b.Node.ChildByField("right")
					for r.Is("assignment") {
						r = r.ChildByField("right")
					}
					out = append(out, r)
				}
			case "augmented_assignment":
				out = append(out, b.Node.ChildByField("right"))
			case "named_expression":
				out = append(out, b.Node.ChildByField("value"))
			}
		}
		return out
	}
	return nil
}

// stringy reports whether an expression is string text: a literal, or a
// name bound to one, or a formatting of one.
func (a *fa209Analysis) stringy(n *pyast.Node, depth int) bool {
	n = pyast.Unparen(n)
	if depth > 12 {
		return false
	}
	switch n.Type() {
	case "string", "concatenated_string":
		return true
	case "binary_operator":
		return a.stringy(n.ChildByField("left"), depth+1) || a.stringy(n.ChildByField("right"), depth+1)
	case "call":
		recv, method := methodCall(n)
		return (method == "format" || method == "join" || method == "strip" || method == "replace") && a.stringy(recv, depth+1)
	case "identifier":
		if a.boundToString(n) {
			return true
		}
		for _, v := range a.reaching(n) {
			if a.stringy(v, depth+1) {
				return true
			}
		}
	}
	return false
}

// boundToString reports a module-level name bound to a string literal.
func (a *fa209Analysis) boundToString(n *pyast.Node) bool {
	if a.locallyBound(n.Text()) {
		return false
	}
	return pyast.IsString(a.m.Vars[n.Text()])
}

func (a *fa209Analysis) locallyBound(name string) bool {
	for fn := a.fn; fn != nil; fn = fn.Outer {
		if fn.Param(name) != nil {
			return true
		}
		if _, ok := a.m.Bindings(fn)[name]; ok {
			return true
		}
	}
	return false
}

// sqlText is the literal text of an expression (for the SQL keyword test).
func (a *fa209Analysis) sqlText(n *pyast.Node, depth int) string {
	n = pyast.Unparen(n)
	if depth > 12 {
		return ""
	}
	switch n.Type() {
	case "string", "concatenated_string":
		return fa209Literal(n)
	case "binary_operator":
		return a.sqlText(n.ChildByField("left"), depth+1) + " " + a.sqlText(n.ChildByField("right"), depth+1)
	case "call":
		recv, _ := methodCall(n)
		return a.sqlText(recv, depth+1)
	case "identifier":
		if !a.locallyBound(n.Text()) {
			if v := a.m.Vars[n.Text()]; v != nil {
				return a.sqlText(v, depth+1)
			}
		}
		var sb strings.Builder
		for _, v := range a.reaching(n) {
			sb.WriteString(a.sqlText(v, depth+1))
			sb.WriteString(" ")
		}
		return sb.String()
	}
	return ""
}

// fa209Literal is the literal text of a string with interpolations blanked.
func fa209Literal(n *pyast.Node) string {
	v, ok := secretLiteralText(n)
	if !ok {
		return ""
	}
	return strings.ReplaceAll(v, secretInterp, " ? ")
}
