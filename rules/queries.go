package rules

import (
	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// eagerLoaders are loader options that make a relationship access free of
// implicit I/O (eager loads, or raise/noload which refuse to load).
var eagerLoaders = map[string]bool{
	"selectinload": true, "joinedload": true, "subqueryload": true, "contains_eager": true,
	"raiseload": true, "immediateload": true, "noload": true,
}

// The value model below is shared by the rules that look at database
// queries (FA211, FA302, FA303, FA305, FA406): it follows what an expression
// holds along SQLAlchemy/SQLModel query chains, from the statement to its
// rows, and remembers what the chain did on the way (limits, filters, a
// terminal method that may return None).

type queryState int

const (
	qNone    queryState = iota
	qStmt               // select(User): a statement not run yet
	qQuery              // session.query(User): a legacy Query (runnable, iterable, chainable)
	qResult             // session.execute(stmt): a Result of rows
	qScalars            // ScalarResult: iterable of objects
	qList               // a list of objects (.all())
	qObject             // one object
	qRelated            // a relationship attribute of an object (collection or object)
	qRow                // one Row of a Result (`result.first()`), not a model object
)

// queryValue is what an expression holds, as far as query chains tell.
type queryValue struct {
	state queryState
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
	// limited: the chain bounds its rows (`.limit()`, `.slice()`,
	// `.offset()`, `.fetch()`); filtered: it has criteria (`.filter()`,
	// `.filter_by()`, `.where()`, `.having()`).
	limited, filtered bool
	// nullable is set on an object or row that may be None: the chain ended
	// with `first()`, `one_or_none()`, `scalar()`, `scalar_one_or_none()`,
	// `session.get()` or legacy `Query.get()`; via names that call ("first").
	nullable bool
	via      string
	// criteria are the argument expressions that pick the rows (filter,
	// filter_by, where, having, the key of get()); sql is the text of a raw
	// `text("...")` statement.
	criteria []*pyast.Node
	sql      string
}

// element is what iterating the value yields.
func (v queryValue) element() queryValue {
	switch v.state {
	case qQuery, qScalars, qList, qRelated:
		v.state = qObject
		return v
	}
	return queryValue{}
}

func (v queryValue) with(s queryState) queryValue {
	v.state = s
	return v
}

// terminal is the value after a method that returns one object or row.
func (v queryValue) terminal(s queryState, method string) queryValue {
	v.state, v.via = s, method
	switch method {
	case "first", "one_or_none", "scalar", "scalar_one_or_none", "get", "fetchone":
		v.nullable = true
	}
	return v
}

// isSessionKind reports whether a resolved kind is a SQLAlchemy/SQLModel session.
func isSessionKind(k analyzer.Kind) bool { return k.IsSyncSession() || k.IsAsyncSession() }

// queryLimiting are the chain methods that bound the rows a query returns.
var queryLimiting = map[string]bool{"limit": true, "slice": true, "offset": true, "fetch": true}

// queryFiltering are the chain methods that add criteria.
var queryFiltering = map[string]bool{"filter": true, "filter_by": true, "where": true, "having": true}

var querySelectFuncs = map[string]bool{
	"sqlalchemy.select": true, "sqlalchemy.future.select": true, "sqlalchemy.sql.select": true,
	"sqlalchemy.sql.expression.select": true, "sqlmodel.select": true, "sqlmodel.sql.expression.select": true,
}

// queryRefine are the chain methods that keep a statement or Query a statement or Query.
var queryRefine = map[string]bool{
	"filter": true, "filter_by": true, "where": true, "order_by": true, "limit": true, "offset": true, "join": true,
	"outerjoin": true, "options": true, "distinct": true, "group_by": true, "having": true, "execution_options": true,
	"select_from": true, "with_for_update": true, "params": true, "populate_existing": true, "yield_per": true,
	"join_from": true, "outerjoin_from": true, "correlate": true, "enable_eagerloads": true, "slice": true,
	"fetch": true,
}

// queryValueOf infers what expr holds inside fn.
func queryValueOf(pass *analyzer.Pass, fn *analyzer.Function, expr *pyast.Node, depth int) queryValue {
	if depth > 16 || expr == nil {
		return queryValue{}
	}
	expr = pyast.Unparen(expr)
	switch expr.Kind {
	case "await":
		return queryValueOf(pass, fn, expr.NamedChild(0), depth+1)
	case "identifier":
		if v := queryBinding(pass, fn, expr, depth); v.state != qNone {
			return v
		}
	case "attribute":
		obj := expr.ChildByField("object")
		if v := queryValueOf(pass, fn, obj, depth+1); v.state == qObject && v.model != "" {
			v.state = qRelated
			v.path = append(append([]string{}, v.path...), expr.ChildByField("attribute").Text())
			return v
		}
		return queryValue{}
	case "call":
		if v := queryCallValue(pass, fn, expr, depth); v.state != qNone {
			return v
		}
	default:
		return queryValue{}
	}
	// Fall back on the value kind: an instance of a project class, from an
	// annotation, a constructor or a function's return annotation.
	if k := pass.KindOf(fn, expr); k != analyzer.KindUnknown {
		return queryValue{state: qObject, kind: k}
	}
	return queryValue{}
}

func queryCallValue(pass *analyzer.Pass, fn *analyzer.Function, call *pyast.Node, depth int) queryValue {
	m := pass.Module
	args, _ := pyast.Args(call)
	callee := pyast.Callee(call)
	if !callee.Is("attribute") {
		q := m.Resolve(callee)
		switch {
		case querySelectFuncs[q]:
			if len(args) == 1 {
				if model := queryModelName(m, args[0]); model != "" {
					return queryValue{state: qStmt, model: model, query: true}
				}
			}
			return queryValue{}
		case q == "builtins.list" || q == "builtins.sorted":
			if len(args) >= 1 {
				if e := queryValueOf(pass, fn, args[0], depth+1).element(); e.state == qObject {
					return e.with(qList)
				}
			}
			return queryValue{}
		}
		return queryValue{}
	}
	recv, method := methodCall(call)
	// Session calls that start a chain.
	switch method {
	case "query":
		if len(args) == 1 {
			if model := queryModelName(m, args[0]); model != "" {
				return queryValue{state: qQuery, model: model, query: true, session: pass.KindOf(fn, recv)}
			}
		}
	case "get", "get_one":
		rv := queryValueOf(pass, fn, recv, depth+1)
		if rv.state == qQuery {
			rv.criteria = append(append([]*pyast.Node{}, rv.criteria...), args...)
			return rv.terminal(qObject, method)
		}
		if len(args) >= 2 {
			if model := queryModelName(m, args[0]); model != "" {
				v := queryValue{state: qObject, model: model, query: true, session: pass.KindOf(fn, recv), awaited: pyast.IsAwaited(call),
					criteria: args[1:]}
				return v.terminal(qObject, method)
			}
		}
		return queryValue{}
	case "execute", "scalars", "scalar", "exec", "stream", "stream_scalars":
		if len(args) >= 1 {
			if sv := queryValueOf(pass, fn, args[0], depth+1); sv.state == qStmt {
				sv.session, sv.awaited = pass.KindOf(fn, recv), pyast.IsAwaited(call)
				switch method {
				case "execute", "stream":
					return sv.with(qResult)
				case "scalar":
					return sv.terminal(qObject, method)
				}
				return sv.with(qScalars) // scalars(stmt), stream_scalars(stmt), SQLModel exec(select(User))
			}
			// A statement the model does not follow (text(...), a Core
			// table, columns): rows of unknown shape, from a session only.
			if method == "execute" || method == "exec" {
				if k := pass.KindOf(fn, recv); k != analyzer.KindUnknown {
					v := queryValue{state: qResult, session: k, awaited: pyast.IsAwaited(call)}
					if a := pyast.Unparen(args[0]); a.Is("call") && calledName(m, a) == "sqlalchemy.text" {
						v.sql = stringLiteralText(pyast.Arg(a, 0))
					}
					return v
				}
			}
		}
	}
	rv := queryValueOf(pass, fn, recv, depth+1)
	switch rv.state {
	case qStmt, qQuery:
		if queryRefine[method] {
			if method == "options" {
				rv.options = append(append([]string{}, rv.options...), queryLoaderOptions(m, call)...)
			}
			rv.limited = rv.limited || queryLimiting[method]
			if queryFiltering[method] {
				rv.filtered = true
				rv.criteria = append(append([]*pyast.Node{}, rv.criteria...), call.ChildByField("arguments"))
			}
			return rv
		}
		if rv.state == qQuery {
			switch method {
			case "all":
				return rv.with(qList)
			case "first", "one", "one_or_none":
				return rv.terminal(qObject, method)
			case "scalar":
				return rv.terminal(qRow, method) // the first column of the first row
			}
		}
	case qResult:
		switch method {
		case "scalars":
			return rv.with(qScalars)
		case "scalar_one", "scalar_one_or_none", "scalar":
			if rv.model == "" {
				return rv.terminal(qRow, method)
			}
			return rv.terminal(qObject, method)
		case "first", "one", "one_or_none", "fetchone":
			return rv.terminal(qRow, method)
		case "all", "fetchall":
			if rv.model == "" {
				return rv.with(qList)
			}
		case "unique":
			return rv
		}
	case qScalars:
		switch method {
		case "all", "fetchall":
			return rv.with(qList)
		case "first", "one", "one_or_none":
			return rv.terminal(qObject, method)
		case "unique":
			return rv
		}
	}
	return queryValue{}
}

// queryModelName returns the qualified name of a class reference (`User`,
// `models.User`); "" for anything else (`User.id`, calls, locals).
func queryModelName(m *analyzer.Module, n *pyast.Node) string {
	n = pyast.Unparen(n)
	if !n.Is("identifier", "attribute") {
		return ""
	}
	return m.Resolve(n)
}

// queryLoaderOptions reads the eager-load keys of `.options(...)`.
func queryLoaderOptions(m *analyzer.Module, call *pyast.Node) []string {
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
			if !eagerLoaders[analyzer.LastPart(name)] {
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

// queryBinding follows a name to what binds it before use: a loop over an
// iterable, a parameter annotated with a model, or the last assignment
// before the use in fn's own body.
func queryBinding(pass *analyzer.Pass, fn *analyzer.Function, id *pyast.Node, depth int) queryValue {
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
			return queryValueOf(pass, fn, clause.ChildByField("right"), depth+1).element()
		}
	}
	if p := fn.Param(name); p != nil {
		// The kind covers what the annotation does not name directly: an
		// Annotated alias (`user: CurrentUser`), a dependency's return type.
		model := annotatedModel(pass.Module, p.Annotation)
		if k := pass.Module.ParamKind(p); model != "" || k != analyzer.KindUnknown {
			return queryValue{state: qObject, model: model, kind: k}
		}
		return queryValue{}
	}
	last := lastAssignment(fn, id)
	if last == nil || last.ChildByField("right") == nil {
		return queryValue{}
	}
	return queryValueOf(pass, fn, last.ChildByField("right"), depth+1)
}

// lastAssignment returns the last plain assignment `name = ...` to the
// identifier id's name in fn's own body that starts before id and does not
// contain it; nil when there is none.
func lastAssignment(fn *analyzer.Function, id *pyast.Node) *pyast.Node {
	name := id.Text()
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
	return last
}

// annotatedModel returns the class a parameter annotation names
// (`User`, `Optional[User]`, `User | None`); "" for anything else.
func annotatedModel(m *analyzer.Module, t *pyast.Node) string {
	if t.Is("type") {
		t = t.NamedChild(0)
	}
	switch t.Type() {
	case "identifier", "attribute":
		return m.Resolve(t)
	case "binary_operator":
		l, r := t.ChildByField("left"), t.ChildByField("right")
		if r.Is("none") {
			return annotatedModel(m, l)
		}
		if l.Is("none") {
			return annotatedModel(m, r)
		}
	case "generic_type", "subscript":
		head, inner := t.NamedChild(0), t.FirstChildOfKind("type_parameter").NamedChild(0)
		if t.Kind == "subscript" {
			head, inner = t.ChildByField("value"), t.ChildByField("subscript")
		}
		if q := m.Resolve(head); q == "typing.Optional" {
			return annotatedModel(m, inner)
		}
	}
	return ""
}

// queryFacts is the tree-free part of a queryValue that a project-phase
// verdict needs (capture it, not the value's nodes).
type queryFacts struct {
	model   string
	session analyzer.Kind
}

func (v queryValue) facts() queryFacts { return queryFacts{model: v.model, session: v.session} }

// isDB reports whether the query runs on a database: its model is an ORM
// model of the project, or the session that ran it is a SQLAlchemy/SQLModel
// session; never when it was run by a value known to be something else.
func (f queryFacts) isDB(p *analyzer.Project) bool {
	k := p.Resolve(f.session)
	if k != analyzer.KindUnknown && !isSessionKind(k) {
		return false // run by something known not to be a session
	}
	if f.model != "" {
		if c := p.Class(f.model); c != nil && p.IsORMModel(c.Name) {
			return true
		}
	}
	return isSessionKind(k)
}

// label names the queried model for messages ("`User` rows"), or "rows".
func (f queryFacts) label() string {
	if f.model == "" {
		return "rows"
	}
	return "`" + analyzer.LastPart(f.model) + "` rows"
}
