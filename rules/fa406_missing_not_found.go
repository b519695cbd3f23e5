package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA406 = register(&analyzer.Rule{
	Code: "FA406", Name: "missing-not-found", Principle: analyzer.PrincipleErrors, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A lookup that may return None is returned or dereferenced in a handler without a None check: a 500 or a `null` 200 instead of a 404.",
	Doc: analyzer.Doc{
		What: "Follows, in a path operation or a dependency, the result of a lookup that returns `None` when nothing matches:\n\n" +
			"- `session.get(Model, id)`, legacy `query.get(id)`, `.first()`, `.one_or_none()`, `.scalar()`, `.scalar_one_or_none()` on a " +
			"SQLAlchemy/SQLModel query or result (on an ORM model of the project, or run by a known session);\n" +
			"- `d.get(key)` on a dict (a dict literal, `dict(...)` or a parameter annotated `dict`), without a non-None default;\n" +
			"- a call of a project function annotated `-> X | None` or `-> Optional[X]`, possibly in another module.\n\n" +
			"The value is followed through its variable (plain assignment or walrus) and reported at the first use that fails on `None` " +
			"— an attribute access, a subscript, a call, a `for` over it — or, in a path operation, where it is returned as the response. " +
			"A use is safe when a check on every path before it rules `None` out: inside `if x:`/`if x is not None:` (or `and`, a " +
			"conditional expression), after `if not x: raise/return/continue/break` (also `if x is None or x.owner_id != uid: raise ...`, " +
			"with the walrus form `if (x := ...) is None:`), after `assert x`, or after a block that reassigns `x`. A use before the check " +
			"is not safe.",
		Why: "`None.attribute` raises `AttributeError`, which FastAPI turns into a `500 Internal Server Error` for a request that merely " +
			"asked for an id that does not exist; returning `None` sends `null` with status 200 (or fails response validation with a 500). " +
			"Clients cannot tell a missing resource from a server bug, and monitoring fills with errors that are really 404s.",
		Example: "@router.get(\"/users/{user_id}\", response_model=UserOut)\ndef read_user(user_id: int, db: Session = Depends(get_db)):\n" +
			"    user = db.query(User).filter(User.id == user_id).first()\n    return user\n",
		UseInstead: "@router.get(\"/users/{user_id}\", response_model=UserOut)\ndef read_user(user_id: int, db: Session = Depends(get_db)):\n" +
			"    user = db.query(User).filter(User.id == user_id).first()\n    if user is None:\n" +
			"        raise HTTPException(status_code=404, detail=\"User not found\")\n    return user\n",
		Limits: "The flow analysis is structural: a check is seen in an enclosing `if`/`elif`/`else`, a conditional expression, a boolean " +
			"operator, or an earlier statement of an enclosing block (including the top level of an earlier `try`/`with` body); checks " +
			"in other branches, loops that carry a value across iterations and checks made by helper functions are not followed (a call " +
			"statement taking the value whose name says check/ensure/require/verify/validate/exists/404 counts as a check, and an " +
			"`if not x:` block ending in a call is taken to exit). Functions that are neither path operations nor dependencies are not " +
			"checked, and neither is a return in a dependency (returning `None` is how optional dependencies work). Routes whose " +
			"response model or return annotation allows `None` may return it. A use inside a `try` whose handler catches the error " +
			"(`AttributeError`, `TypeError`, `Exception`) without raising is not a 500 and is not reported. Lookups that reload a row " +
			"the handler already holds (`where(Model.id == obj.id)` with `obj` a local, or an object passed to `add()`/`refresh()`) " +
			"and raw SQL aggregates (`SELECT COUNT(*) ...` with `fetchone()`) are taken to always find their row.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/handling-errors/#use-httpexception",
			"https://docs.sqlalchemy.org/en/20/orm/session_api.html#sqlalchemy.orm.Session.get",
		},
	},
	CheckModule: checkMissingNotFound,
})

// fa406OptionalTag marks functions whose return annotation allows None.
const fa406OptionalTag = "returns.optional"

var _ = registerCollector(func(pass *analyzer.Pass) {
	m := pass.Module
	for _, fn := range m.Functions {
		if fa406Optional(m, fn.Returns) {
			pass.Tag(fn, fa406OptionalTag, "1")
		}
	}
})

// fa406Optional reports whether an annotation allows None: Optional[X],
// Union[X, None], X | None.
func fa406Optional(m *analyzer.Module, t *pyast.Node) bool {
	t = pyast.Unparen(t)
	if t.Is("type") {
		t = t.NamedChild(0)
	}
	switch t.Type() {
	case "none":
		return false
	case "binary_operator":
		l, r := pyast.Unparen(t.ChildByField("left")), pyast.Unparen(t.ChildByField("right"))
		return l.Is("none") || r.Is("none") || fa406Optional(m, l) || fa406Optional(m, r)
	case "generic_type", "subscript":
		head := t.NamedChild(0)
		var args []*pyast.Node
		if t.Kind == "subscript" {
			head, args = t.ChildByField("value"), t.ChildrenByField("subscript")
		} else {
			args = t.FirstChildOfKind("type_parameter").NamedChildren()
		}
		switch analyzer.LastPart(m.Resolve(head)) {
		case "Optional":
			return true
		case "Union":
			for _, a := range args {
				if a.Is("type") {
					a = a.NamedChild(0)
				}
				if pyast.Unparen(a).Is("none") {
					return true
				}
			}
		}
	}
	return false
}

// fa406Source is a value that may be None.
type fa406Source struct {
	why    string // for messages: "returns None when no row matches"
	known  bool   // None-able for sure (no project-phase check needed)
	query  *queryFacts
	callee string // a project function whose annotation must allow None
	await  bool   // the project function's call was awaited
}

// decide tells, after the project phase, whether the source may be None.
func (s fa406Source) decide(p *analyzer.Project) bool {
	switch {
	case s.known:
		return true
	case s.query != nil:
		return s.query.isDB(p)
	case s.callee != "":
		f := p.Function(s.callee)
		return f != nil && f.Tags[fa406OptionalTag] != "" && f.Async == s.await
	}
	return false
}

// fa406SourceOf returns what may be None in expr, if anything.
func fa406SourceOf(pass *analyzer.Pass, fn *analyzer.Function, expr *pyast.Node, target string) (fa406Source, bool) {
	m := pass.Module
	expr = pyast.Unparen(expr)
	awaited := false
	if expr.Is("await") {
		awaited = true
		expr = pyast.Unparen(expr.NamedChild(0))
	}
	if !expr.Is("call") {
		return fa406Source{}, false
	}
	// dict.get(key) / dict.get(key, None)
	if recv, meth := methodCall(expr); meth == "get" && !awaited {
		pos, kw := pyast.Args(expr)
		if len(kw) == 0 && (len(pos) == 1 || len(pos) == 2 && pyast.Unparen(pos[1]).Is("none")) && fa406IsDict(m, fn, recv) {
			return fa406Source{why: "returns None for a missing key", known: true}, true
		}
	}
	if v := queryValueOf(pass, fn, expr, 0); v.nullable && (v.state == qObject || v.state == qRow) {
		if fa406Reload(m, fn, v, target) || fa406Aggregate(v.sql) {
			return fa406Source{}, false
		}
		f := v.facts()
		return fa406Source{why: "returns None when no row matches", query: &f}, true
	}
	// A project function annotated to return Optional.
	if q := m.CalleeName(fn, expr); q != "" && (m.IsProjectSymbol(q) || analyzer.ModuleOf(q) == m.Name || strings.HasPrefix(q, m.Name+".")) {
		return fa406Source{why: "is annotated to return None", callee: q, await: awaited}, true
	}
	return fa406Source{}, false
}

// fa406Reload reports whether a query reloads a row the handler has just
// written: its criteria read an attribute of the variable being assigned
// (`obj = select(X).where(X.id == obj.id)...first()`) or of an object passed
// to `.add()`/`.refresh()`/`.merge()` before.
func fa406Reload(m *analyzer.Module, fn *analyzer.Function, v queryValue, target string) bool {
	written := map[string]bool{}
	if target != "" {
		written[target] = true
	}
	walkBodyNoNested(fn, func(n *pyast.Node) {
		if _, meth := methodCall(n); n.Is("call") && (meth == "add" || meth == "refresh" || meth == "merge" || meth == "add_all") {
			if a := pyast.Unparen(pyast.Arg(n, 0)); a.Is("identifier") {
				written[a.Text()] = true
			}
		}
	})
	local := func(n *pyast.Node) bool {
		n = pyast.Unparen(n)
		if !n.Is("attribute") {
			return false
		}
		obj := n.ChildByField("object")
		if !obj.Is("identifier") || fn.Param(obj.Text()) != nil {
			return false
		}
		_, bound := m.Bindings(fn)[obj.Text()]
		return bound
	}
	found := false
	for _, c := range v.criteria {
		// get(Model, obj.id) with obj a local: the row is at hand.
		if n := pyast.Unparen(c); n.Is("attribute") && n.ChildByField("attribute").Text() == "id" && local(n) {
			return true
		}
		c.Walk(func(n *pyast.Node) bool {
			switch {
			case n.Is("attribute"):
				if obj := n.ChildByField("object"); obj.Is("identifier") && written[obj.Text()] {
					found = true
				}
			case n.Is("comparison_operator"):
				// Model.id == obj.id with obj a local: a reload of that row.
				if a, b, op := fa406Comparison(n); op == "==" && a.Is("attribute") && b.Is("attribute") &&
					a.ChildByField("attribute").Text() == b.ChildByField("attribute").Text() && (local(a) || local(b)) {
					found = true
				}
			}
			return !found
		})
	}
	return found
}

// fa406Aggregate reports whether raw SQL selects an aggregate without
// GROUP BY: it always returns exactly one row.
func fa406Aggregate(sql string) bool {
	s := strings.ToLower(sql)
	if s == "" || strings.Contains(s, "group by") {
		return false
	}
	for _, f := range []string{"count(", "sum(", "avg(", "max(", "min(", "exists("} {
		if strings.Contains(s, f) {
			return true
		}
	}
	return false
}

// fa406IsDict reports whether recv is a dict: a local or module-level name
// whose every binding is a dict display, dict comprehension or dict(...),
// or a parameter annotated dict/Dict/Mapping.
func fa406IsDict(m *analyzer.Module, fn *analyzer.Function, recv *pyast.Node) bool {
	recv = pyast.Unparen(recv)
	isDictValue := func(v *pyast.Node) bool {
		v = pyast.Unparen(v)
		if v.Is("dictionary", "dictionary_comprehension") {
			return true
		}
		return v.Is("call") && calledName(m, v) == "builtins.dict"
	}
	isDictType := func(t *pyast.Node) bool {
		if t.Is("type") {
			t = t.NamedChild(0)
		}
		head := t
		if t.Is("generic_type") {
			head = t.NamedChild(0)
		} else if t.Is("subscript") {
			head = t.ChildByField("value")
		}
		switch m.Resolve(head) {
		case "builtins.dict", "typing.Dict", "typing.Mapping", "collections.abc.Mapping", "typing.MutableMapping":
			return true
		}
		return head.Text() == "dict"
	}
	if !recv.Is("identifier") {
		return false
	}
	name := recv.Text()
	for f := fn; f != nil; f = f.Outer {
		if p := f.Param(name); p != nil {
			return p.Annotation != nil && isDictType(p.Annotation)
		}
		if bs, ok := m.Bindings(f)[name]; ok {
			for _, b := range bs {
				if b.Annotation != nil && isDictType(b.Annotation) {
					continue
				}
				if !b.Node.Is("assignment") || !isDictValue(b.Value) {
					return false
				}
			}
			return true
		}
	}
	if v, ok := m.Vars[name]; ok && v != nil {
		if _, imported := m.Imports[name]; imported {
			return false
		}
		return isDictValue(v) && !moduleVarReassigned(m, name)
	}
	return false
}

func checkMissingNotFound(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, fn := range m.Functions {
		if fn.Handler == nil && (fn.Outer != nil || fn.Class != nil && fn.Name != "__call__") {
			continue
		}
		if fn.Handler != nil && isWebsocketHandler(fn.Handler) {
			continue
		}
		fa406Check(pass, fn)
	}
}

// fa406Check looks at every None-able value of fn.
func fa406Check(pass *analyzer.Pass, fn *analyzer.Function) {
	m := pass.Module
	mayReturnNone := fn.Handler == nil || fa406RouteAllowsNone(m, fn)
	report := func(at *pyast.Node, src fa406Source, msg string) {
		if fn.Handler != nil {
			if src.known {
				pass.Report(at, "%s", msg)
				return
			}
			pass.ReportWhen(at, func(p *analyzer.Project) string {
				if src.decide(p) {
					return msg
				}
				return ""
			})
			return
		}
		qual := m.Name + "." + fn.QualName
		pass.ReportWhen(at, func(p *analyzer.Project) string {
			if src.decide(p) && runsPerRequest(p, qual) {
				return msg
			}
			return ""
		})
	}
	where := "handler " + fn.Name
	if fn.Handler == nil {
		where = "dependency " + fn.Name
	}
	fix := func(x string) string {
		return fmt.Sprintf("check it first (`if %s is None: raise HTTPException(status_code=404, ...)`)", x)
	}
	walkBodyNoNested(fn, func(n *pyast.Node) {
		switch n.Kind {
		case "assignment", "named_expression":
		case "call":
			// A lookup dereferenced or returned in place: db.get(User, id).name
			top := n
			if top.Up().Is("await") {
				top = top.Up()
			}
			for top.Up().Is("parenthesized_expression") {
				top = top.Up()
			}
			var use *pyast.Node
			switch p := top.Up(); {
			case p.Is("attribute") && p.ChildByField("object") == top, p.Is("subscript") && p.ChildByField("value") == top:
				use = p
			case p.Is("return_statement") && !mayReturnNone:
				use = top
			}
			if use == nil {
				return
			}
			src, ok := fa406SourceOf(pass, fn, top, "")
			if !ok {
				return
			}
			text := fa302Short(top.Text())
			if use == top {
				report(use, src, fmt.Sprintf("%s returns `%s`, which %s, so the client gets `null` with 200 or a 500; check the result first (`if result is None: raise HTTPException(status_code=404, ...)`)",
					where, text, src.why))
			} else {
				report(use, src, fmt.Sprintf("`%s` fails with a 500 in %s when the lookup finds nothing (it %s); store the result and check it first (`if result is None: raise HTTPException(status_code=404, ...)`)",
					fa302Short(use.Text()), where, src.why))
			}
			return
		default:
			return
		}
		// x = <lookup> / (x := <lookup>)
		var target, value *pyast.Node
		if n.Kind == "assignment" {
			target, value = n.ChildByField("left"), n.ChildByField("right")
		} else {
			target, value = n.ChildByField("name"), n.ChildByField("value")
		}
		if !target.Is("identifier") || value == nil {
			return
		}
		src, ok := fa406SourceOf(pass, fn, value, target.Text())
		if !ok {
			return
		}
		name := target.Text()
		use, kind := fa406FirstUnsafeUse(m, fn, name, n, mayReturnNone)
		if use == nil {
			return
		}
		what := fa302Short(pyast.Unparen(value).Text())
		if kind == "return" {
			report(use, src, fmt.Sprintf("%s returns `%s` without a None check, but `%s` %s, so the client gets `null` with 200 or a 500; %s",
				where, name, what, src.why, fix(name)))
			return
		}
		if cond := fa406NoneBranch(fn, name, use); cond != nil {
			msg := fmt.Sprintf("`%s` is None inside `if %s:`, so `%s` fails with a 500 in %s instead of answering the intended error",
				name, fa302Short(cond.Text()), fa302Short(use.Text()), where)
			if q, ok := m.Imports[name]; ok {
				msg += fmt.Sprintf("; the local `%s` shadows the imported `%s`: rename the variable", name, q)
			} else {
				msg += "; do not use the value in the branch where it is missing"
			}
			report(use, src, msg)
			return
		}
		report(use, src, fmt.Sprintf("`%s` may be None here (`%s` %s), so `%s` fails with a 500 in %s; %s",
			name, what, src.why, fa302Short(use.Text()), where, fix(name)))
	})
}

// fa406NoneBranch returns the condition of the innermost if statement
// whose body holds use and whose condition holds only when name is None
// (`if not x:`, `if x is None:`); nil otherwise.
func fa406NoneBranch(fn *analyzer.Function, name string, use *pyast.Node) *pyast.Node {
	child := use
	for p := use.Up(); p != nil && p != fn.Node; child, p = p, p.Up() {
		if p.Is("if_statement", "elif_clause") && p.ChildByField("consequence") == child {
			cond := pyast.Unparen(p.ChildByField("condition"))
			switch {
			case cond.Is("not_operator") && fa406Refers(cond.ChildByField("argument"), name):
				return cond
			case cond.Is("comparison_operator"):
				if a, b, op := fa406Comparison(cond); (op == "is" || op == "==") &&
					(fa406Refers(a, name) && pyast.Unparen(b).Is("none") || fa406Refers(b, name) && pyast.Unparen(a).Is("none")) {
					return cond
				}
			}
			return nil
		}
	}
	return nil
}

// fa406RouteAllowsNone reports whether a handler's response model (or
// return annotation) accepts None.
func fa406RouteAllowsNone(m *analyzer.Module, fn *analyzer.Function) bool {
	rm := fn.Handler.Kwarg("response_model")
	if rm == nil {
		rm = fn.Returns
	}
	if rm == nil {
		return false
	}
	if pyast.Unparen(rm).Is("none") || rm.Text() == "None" {
		return true
	}
	return fa406Optional(m, rm) || strings.Contains(rm.Text(), "Any")
}

// fa406FirstUnsafeUse returns the first use of name reached by binding b
// that fails on None (kind "deref") or returns it (kind "return"), with no
// None check before it.
func fa406FirstUnsafeUse(m *analyzer.Module, fn *analyzer.Function, name string, b *pyast.Node, mayReturnNone bool) (*pyast.Node, string) {
	bindings := m.Bindings(fn)[name]
	var found *pyast.Node
	kind := ""
	walkBodyNoNested(fn, func(n *pyast.Node) {
		if found != nil || !n.Is("identifier") || n.Text() != name || n.StartByte < b.EndByte {
			return
		}
		if p := n.Up(); p.Is("attribute") && p.ChildByField("attribute") == n || p.Is("keyword_argument") && p.ChildByField("name") == n {
			return // `obj.name`, `f(name=...)`: not the variable
		}
		if !fa406Reaches(bindings, b, n) {
			return
		}
		use, k := fa406Use(n, mayReturnNone)
		if use == nil || fa406Guarded(m, fn, name, b, n) {
			return
		}
		found, kind = use, k
	})
	return found, kind
}

// fa406Reaches reports whether b is the last binding of the name that
// starts before n (and does not contain it).
func fa406Reaches(bindings []analyzer.Binding, b, n *pyast.Node) bool {
	var last *pyast.Node
	for _, bb := range bindings {
		node := bb.Node
		if node.StartByte >= n.StartByte || node.Contains(n) && !node.Is("for_statement", "for_in_clause") {
			continue
		}
		if last == nil || node.StartByte > last.StartByte {
			last = node
		}
	}
	return last == b
}

// fa406Use classifies an identifier occurrence: the node of a dereference
// ("deref") or of a return ("return"), nil otherwise.
func fa406Use(n *pyast.Node, mayReturnNone bool) (*pyast.Node, string) {
	top := n
	for top.Up().Is("parenthesized_expression") {
		top = top.Up()
	}
	p := top.Up()
	switch {
	case p.Is("attribute") && p.ChildByField("object") == top:
		return p, "deref"
	case p.Is("subscript") && p.ChildByField("value") == top:
		return p, "deref"
	case p.Is("call") && p.ChildByField("function") == top:
		return p, "deref"
	case p.Is("for_statement", "for_in_clause") && p.ChildByField("right") == top:
		return top, "deref"
	case p.Is("return_statement") && !mayReturnNone:
		return top, "return"
	}
	return nil, ""
}

// fa406Refers reports whether e is the name (or a walrus binding it).
func fa406Refers(e *pyast.Node, name string) bool {
	e = pyast.Unparen(e)
	switch e.Type() {
	case "identifier":
		return e.Text() == name
	case "named_expression":
		return e.ChildByField("name").Text() == name
	}
	return false
}

// fa406Positive reports whether cond being true means name is not None.
func fa406Positive(cond *pyast.Node, name string) bool {
	cond = pyast.Unparen(cond)
	switch cond.Type() {
	case "identifier", "named_expression":
		return fa406Refers(cond, name)
	case "not_operator":
		return fa406Negative(cond.ChildByField("argument"), name)
	case "boolean_operator":
		l, r := cond.ChildByField("left"), cond.ChildByField("right")
		if cond.ChildByField("operator").Text() == "and" {
			return fa406Positive(l, name) || fa406Positive(r, name)
		}
		return fa406Positive(l, name) && fa406Positive(r, name)
	case "comparison_operator":
		a, b, op := fa406Comparison(cond)
		if op == "is not" || op == "!=" {
			return fa406Refers(a, name) && pyast.Unparen(b).Is("none") || fa406Refers(b, name) && pyast.Unparen(a).Is("none")
		}
		if op == "is" || op == "==" || op == "in" || op == "not in" {
			// x == something that is not None, x in (...): x is what it is compared with
			return fa406Refers(a, name) && !pyast.Unparen(b).Is("none")
		}
	case "call":
		switch pyast.DottedName(pyast.Callee(cond)) {
		case "isinstance", "bool", "len":
			return fa406Refers(pyast.Arg(cond, 0), name)
		}
	}
	return false
}

// fa406Negative reports whether cond being false means name is not None.
func fa406Negative(cond *pyast.Node, name string) bool {
	cond = pyast.Unparen(cond)
	switch cond.Type() {
	case "not_operator":
		return fa406Positive(cond.ChildByField("argument"), name)
	case "boolean_operator":
		l, r := cond.ChildByField("left"), cond.ChildByField("right")
		if cond.ChildByField("operator").Text() == "or" {
			return fa406Negative(l, name) || fa406Negative(r, name)
		}
		return fa406Negative(l, name) && fa406Negative(r, name)
	case "comparison_operator":
		a, b, op := fa406Comparison(cond)
		if op == "is" || op == "==" {
			return fa406Refers(a, name) && pyast.Unparen(b).Is("none") || fa406Refers(b, name) && pyast.Unparen(a).Is("none")
		}
	}
	return false
}

// fa406Comparison splits a two-operand comparison.
func fa406Comparison(c *pyast.Node) (a, b *pyast.Node, op string) {
	ops := c.ChildrenByField("operators")
	operands := []*pyast.Node{}
	for _, ch := range c.NamedChildren() {
		if ch.Field != "operators" {
			operands = append(operands, ch)
		}
	}
	if len(ops) != 1 || len(operands) != 2 {
		return nil, nil, ""
	}
	return operands[0], operands[1], strings.Join(strings.Fields(ops[0].Text()), " ")
}

// fa406Exits reports whether a block never falls through to the next
// statement (or rebinds name, so what follows sees another value).
func fa406Exits(block *pyast.Node, name string) bool {
	sts := block.NamedChildren()
	if len(sts) == 0 {
		return false
	}
	for _, st := range sts {
		if st.Is("expression_statement") {
			if a := st.NamedChild(0); a.Is("assignment") && a.ChildByField("left").Is("identifier") && a.ChildByField("left").Text() == name {
				return true
			}
		}
	}
	last := sts[len(sts)-1]
	switch last.Kind {
	case "raise_statement", "return_statement", "continue_statement", "break_statement":
		return true
	case "expression_statement":
		// A call that may not return (abort(404), raise_not_found()).
		return pyast.Unparen(last.NamedChild(0)).Is("call", "await")
	case "if_statement":
		if !fa406Exits(last.ChildByField("consequence"), name) {
			return false
		}
		hasElse := false
		for _, alt := range last.ChildrenByField("alternative") {
			body := alt.ChildByField("consequence")
			if alt.Is("else_clause") {
				hasElse = true
				body = alt.ChildByField("body")
			}
			if !fa406Exits(body, name) {
				return false
			}
		}
		return hasElse
	}
	return false
}

// fa406CheckWords are words in the name of a helper that checks a value.
var fa406CheckWords = []string{"check", "ensure", "require", "verify", "validate", "exists", "exist", "404", "found", "assert", "or"}

// fa406Guard reports whether statement st, run before the use, rules None out.
func fa406Guard(m *analyzer.Module, st *pyast.Node, name string) bool {
	switch st.Kind {
	case "if_statement":
		cond := st.ChildByField("condition")
		if fa406Negative(cond, name) && fa406Exits(st.ChildByField("consequence"), name) {
			return true
		}
		if fa406Positive(cond, name) {
			// if x: ... else: raise
			for _, alt := range st.ChildrenByField("alternative") {
				if alt.Is("else_clause") && fa406Exits(alt.ChildByField("body"), name) {
					return true
				}
			}
		}
	case "assert_statement":
		return fa406Positive(st.NamedChild(0), name)
	case "try_statement", "with_statement":
		body := st.ChildByField("body")
		for _, c := range body.NamedChildren() {
			if fa406Guard(m, c, name) {
				return true
			}
		}
	case "expression_statement":
		call := pyast.Unparen(st.NamedChild(0))
		if call.Is("await") {
			call = pyast.Unparen(call.NamedChild(0))
		}
		if !call.Is("call") {
			return false
		}
		passes := false
		for _, a := range call.ChildByField("arguments").NamedChildren() {
			if a.Is("keyword_argument") {
				a = a.ChildByField("value")
			}
			passes = passes || fa406Refers(a, name)
		}
		if !passes {
			return false
		}
		callee := pyast.Callee(call)
		fname := pyast.DottedName(callee)
		if callee.Is("attribute") {
			fname = callee.ChildByField("attribute").Text()
		}
		return hasWord(analyzer.LastPart(fname), fa406CheckWords...)
	}
	return false
}

// fa406CaughtQuietly reports whether a try statement has an except clause
// that catches AttributeError/TypeError (or everything) and does not raise.
func fa406CaughtQuietly(m *analyzer.Module, try *pyast.Node) bool {
	for _, clause := range try.NamedChildren() {
		if !clause.Is("except_clause") {
			continue
		}
		t := clause.NamedChild(0)
		catches := t == nil || t.Is("block")
		if !catches {
			if t.Is("as_pattern") {
				t = t.NamedChild(0)
			}
			t.Walk(func(n *pyast.Node) bool {
				switch n.Text() {
				case "Exception", "BaseException", "AttributeError", "TypeError":
					catches = true
				}
				return !catches && !n.Is("attribute")
			})
		}
		if !catches {
			continue
		}
		raises := false
		clause.FirstChildOfKind("block").Walk(func(n *pyast.Node) bool {
			raises = raises || n.Is("raise_statement")
			return !raises
		})
		if !raises {
			return true
		}
	}
	return false
}

// fa406Guarded reports whether the use n of name, reached by binding b, is
// protected by a None check.
func fa406Guarded(m *analyzer.Module, fn *analyzer.Function, name string, b, n *pyast.Node) bool {
	child := n
	for p := n.Up(); p != nil && p != fn.Node; child, p = p, p.Up() {
		switch p.Kind {
		case "if_statement", "elif_clause":
			cond := p.ChildByField("condition")
			if p.ChildByField("consequence") == child && fa406Positive(cond, name) {
				return true
			}
			if p.Kind == "if_statement" && child.Is("elif_clause", "else_clause") {
				// Reaching an elif/else means every condition before it was false.
				if fa406Negative(cond, name) {
					return true
				}
				for _, alt := range p.ChildrenByField("alternative") {
					if alt == child {
						break
					}
					if alt.Is("elif_clause") && fa406Negative(alt.ChildByField("condition"), name) {
						return true
					}
				}
			}
		case "while_statement":
			if p.ChildByField("body") == child && fa406Positive(p.ChildByField("condition"), name) {
				return true
			}
		case "conditional_expression":
			cond := p.NamedChild(1)
			if child == p.NamedChild(0) && fa406Positive(cond, name) || child == p.NamedChild(2) && fa406Negative(cond, name) {
				return true
			}
		case "boolean_operator":
			if child == p.ChildByField("right") {
				l := p.ChildByField("left")
				if p.ChildByField("operator").Text() == "and" && fa406Positive(l, name) ||
					p.ChildByField("operator").Text() == "or" && fa406Negative(l, name) {
					return true
				}
			}
		case "try_statement":
			// A failure caught by a handler that does not raise: no 500.
			if p.ChildByField("body") == child && fa406CaughtQuietly(m, p) {
				return true
			}
		case "block", "module":
			for _, st := range p.NamedChildren() {
				if st.StartByte >= child.StartByte {
					break
				}
				if st.EndByte <= b.StartByte {
					continue // before the binding
				}
				if fa406Guard(m, st, name) {
					return true
				}
			}
		}
	}
	return false
}
