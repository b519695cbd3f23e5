package rules

// Intra-procedural data flow ("taint") shared by the security rules: FA203
// (plaintext password storage), FA206 (weak password hash), FA207 (insecure
// token) today; FA215 (secret in log), FA216 (upload path), FA219 (open
// redirect) and FA221 (shell injection) are meant to reuse it.
//
// A rule describes its sources, sanitizers and the library calls that carry
// data (a taintSpec), builds a taintFlow for one function and asks what a
// value expression at its sink carries (taintFlow.Of). The flow follows:
//
//   - local names to the bindings that reach the use: the last binding that
//     textually precedes it and dominates it (not inside an if/for/while/
//     except that does not also hold the use), plus the conditional ones and
//     augmented assignments in between; without a preceding binding, every
//     binding of the name (uses in loops and nested functions). This is
//     flow-insensitive beyond that: branches are merged, loops are not
//     iterated, and `del`/`pop`/key overrides apply when they precede the use;
//   - tuple unpacking of tuple/list literals (`a, b = x, y`), `for` targets,
//     walrus, `with ... as`;
//   - strings: f-strings, `%`, `.format`, `+`, `"".join(...)` and the usual
//     string methods (`encode`, `strip`, `lower`, ...);
//   - containers: dict literals (keys kept: `{"password": pw}` holds source
//     data under "password"), `dict(...)`, `**` splats, lists, tuples,
//     comprehensions (their element);
//   - request models: `body.model_dump()`/`.dict()`/`jsonable_encoder(body)`/
//     `.copy()` keep every field of the model (`exclude=`/`include=`
//     applied), attribute and key access pick one field out
//     (`body.password`, `data["password"]`, `data.get("password")`);
//   - constructor calls of classes with keyword arguments (the object holds
//     them as fields), keyword and positional arguments of project helpers.
//
// Calls: a sanitizer call (by qualified name) returns clean data; the
// default and the spec's propagators carry their arguments; a project
// function carries the arguments its body returns unchanged (a summary:
// computed directly for functions of the same module, recorded by a fact
// collector as the "taint.returns" tag for other modules and decided in the
// project phase through taintCond). Any other call returns clean data unless
// the spec sets UnknownCalls, in which case it carries its arguments unless
// it is a sanitizer or a project helper that calls one (same module: through
// its body; other modules: through FunctionFacts.Calls in the project phase).

import (
	"sort"
	"strconv"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// taintAny is the Field of an object or dict that holds source data under
// every field the spec's Field accepts (a request model, a request's JSON).
const taintAny = "*"

// taint is one piece of source data a value carries.
type taint struct {
	// Label is the source as written, for messages: "body.password", "password".
	Label string
	// Origin is what the source set as its label, kept when a field is
	// picked out of an object (Label then names the field access).
	Origin string
	// Field is "" when the value is the source data itself; taintAny when the
	// value is an object/dict holding source data under the fields the spec
	// accepts; any other name when it holds source data under that key or
	// attribute (`{"password": pw}` → "password").
	Field string
	// Class is, for taintAny, the qualified name of the model whose fields
	// the value holds ("" when unknown, e.g. a request's JSON body).
	Class string
	// Exclude lists, for taintAny, the fields removed from the value
	// (`model_dump(exclude={"password"})`, `del data["password"]`,
	// `{**data, "password": hashed}`).
	Exclude []string
	// Requires are conditions that only the project phase can decide; the
	// taint holds only if every one does (see taintSpec.Holds).
	Requires []taintCond
}

// IsData reports whether the value is the source data itself.
func (t taint) IsData() bool { return t.Field == "" }

// excluded reports whether a field was removed from a taintAny value.
func (t taint) excluded(name string) bool {
	for _, e := range t.Exclude {
		if e == name {
			return true
		}
	}
	return false
}

func (t taint) withField(field string) taint {
	t.Field = field
	if field != taintAny {
		t.Class, t.Exclude = "", nil
	}
	return t
}

func (t taint) withLabel(label string) taint {
	if t.Origin == "" {
		t.Origin = t.Label
	}
	t.Label = label
	return t
}

// origin is what the source named the data.
func (t taint) origin() string {
	if t.Origin != "" {
		return t.Origin
	}
	return t.Label
}

func (t taint) require(c taintCond) taint {
	t.Requires = append(append([]taintCond{}, t.Requires...), c)
	return t
}

// Pending reports whether the taint waits on the project phase.
func (t taint) Pending() bool { return len(t.Requires) > 0 }

// taintCondKind says what a taintCond asks of the project.
type taintCondKind int

const (
	// taintCondModel: Name is a request (pydantic) model, not an ORM model.
	taintCondModel taintCondKind = iota
	// taintCondCaller: the data is parameter Arg ("<position>:<name>") of
	// project function Name; it holds when some project function calls Name
	// with caller data in that argument (the "taint.args" tags say so). One
	// level: where the caller's value comes from is not asked.
	taintCondCaller
	// taintCondThrough: the data passed through project function Name (in
	// another module) as argument Arg (a position "0", "1", ... or a keyword
	// name); it holds when the function returns that argument (its
	// "taint.returns" tag says so) or, with UnknownCalls, when the function
	// does not call a sanitizer.
	taintCondThrough
)

// taintCond is a condition on other modules' facts.
type taintCond struct {
	Kind taintCondKind
	Name string
	Arg  string
}

// taintSpec describes what a rule tracks. Sanitizer, Propagator and Field
// work on strings only, so Holds can use them after the trees are gone.
type taintSpec struct {
	// Source returns the taints an expression carries by itself (a request
	// model parameter, a field named like a password, a weak random call);
	// nil when it is no source. It is asked about every expression the flow
	// visits, identifiers included (for those only when no binding in the
	// function dominates the use).
	Source func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint
	// Sanitizer reports calls whose result is clean, by the name
	// taintCallName gives ("passlib.context.CryptContext.hash", "bcrypt.hashpw").
	Sanitizer func(q string) bool
	// Propagator reports library calls whose result carries the data of their
	// arguments and receiver, besides the default ones (str(), base64, string
	// methods).
	Propagator func(q string) bool
	// Field reports the fields of a taintAny object that hold source data
	// ("password", "new_password"); nil accepts every field.
	Field func(name string) bool
	// UnknownCalls makes calls that are neither sanitizers, propagators nor
	// project helpers with a summary carry their arguments' data. Off by
	// default: precision first, an unknown call may be a hash or an encoder.
	UnknownCalls bool
	// Deep makes any attribute, subscript or method call on source data
	// carry it (used for function summaries: "does the function return
	// something derived from this parameter").
	Deep bool
	// OpaqueHelpers makes calls of project functions and methods return clean
	// data (their bodies are not followed): for rules where a helper that
	// builds a value from its arguments usually makes it safe (a query
	// builder that returns placeholders).
	OpaqueHelpers bool
}

func (s *taintSpec) field(name string) bool { return s.Field == nil || s.Field(name) }

func (s *taintSpec) sanitizer(q string) bool { return q != "" && s.Sanitizer != nil && s.Sanitizer(q) }

// Holds reports whether a pending taint holds once every module is known.
func (s *taintSpec) Holds(p *analyzer.Project, t taint) bool {
	for _, c := range t.Requires {
		switch c.Kind {
		case taintCondModel:
			if !p.IsPydanticModel(c.Name) {
				return false
			}
		case taintCondCaller:
			if !taintCallerPasses(p, c.Name, c.Arg) {
				return false
			}
		case taintCondThrough:
			if s.sanitizer(taintProjectCallName(p, c.Name)) {
				return false
			}
			if taintReturnsArg(p, c.Name, c.Arg) {
				continue
			}
			if !s.UnknownCalls || taintWrapsSanitizer(p, s, c.Name, 0, map[string]bool{}) {
				return false
			}
		}
	}
	return true
}

// taintFlow answers what value expressions of one function carry.
type taintFlow struct {
	spec *taintSpec
	m    *analyzer.Module
	fn   *analyzer.Function // nil at module level
	memo map[*pyast.Node][]taint
	busy map[*pyast.Node]bool
	// summaries caches which parameters of same-module functions reach their return value.
	summaries map[*analyzer.Function]map[string]bool
	// mutIndex indexes key and attribute writes per function and name.
	mutIndex map[*analyzer.Function]map[string][]*pyast.Node
	depth    int
}

func newTaintFlow(m *analyzer.Module, fn *analyzer.Function, spec *taintSpec) *taintFlow {
	return &taintFlow{spec: spec, m: m, fn: fn, memo: map[*pyast.Node][]taint{}, busy: map[*pyast.Node]bool{}}
}

// Of returns every taint the value expression carries.
func (f *taintFlow) Of(expr *pyast.Node) []taint { return f.eval(expr) }

// Data returns the taints whose value is the source data itself.
func (f *taintFlow) Data(expr *pyast.Node) []taint {
	var out []taint
	for _, t := range f.eval(expr) {
		if t.IsData() {
			out = append(out, t)
		}
	}
	return out
}

// Carries reports whether expr carries source data itself, ignoring
// conditions left to the project phase.
func (f *taintFlow) Carries(expr *pyast.Node) bool { return len(f.Data(expr)) > 0 }

const taintMaxDepth = 40

func (f *taintFlow) eval(n *pyast.Node) []taint {
	n = pyast.Unparen(n)
	if n == nil {
		return nil
	}
	if r, ok := f.memo[n]; ok {
		return r
	}
	if f.busy[n] || f.depth > taintMaxDepth {
		return nil
	}
	f.busy[n] = true
	f.depth++
	r := f.compute(n)
	f.depth--
	delete(f.busy, n)
	f.memo[n] = r
	return r
}

func (f *taintFlow) source(n *pyast.Node) []taint {
	if f.spec.Source == nil {
		return nil
	}
	return f.spec.Source(f.m, f.fn, n)
}

func (f *taintFlow) compute(n *pyast.Node) []taint {
	if n.Kind != "identifier" {
		if src := f.source(n); len(src) > 0 {
			return src
		}
	}
	switch n.Kind {
	case "identifier":
		return f.name(n)
	case "attribute":
		obj := n.ChildByField("object")
		attr := n.ChildByField("attribute").Text()
		if attr == "__dict__" {
			return objectTaints(f.eval(obj))
		}
		return f.pick(f.eval(obj), attr, n)
	case "subscript":
		obj := n.ChildByField("value")
		key, ok := pyast.StringValue(n.ChildByField("subscript"))
		if ok {
			return f.pick(f.eval(obj), key, n)
		}
		// A slice or an index: part of the data.
		return dataTaints(f.eval(obj), f.spec.Deep)
	case "await":
		return f.eval(n.NamedChild(0))
	case "string":
		var out []taint
		for _, c := range n.Children {
			if c.Kind == "interpolation" {
				out = append(out, stringified(f.eval(c.ChildByField("expression")))...)
			}
		}
		return out
	case "concatenated_string":
		var out []taint
		for _, c := range n.NamedChildren() {
			out = append(out, f.eval(c)...)
		}
		return out
	case "binary_operator":
		op := n.ChildByField("operator").Type()
		l, r := n.ChildByField("left"), n.ChildByField("right")
		switch op {
		case "+":
			return append(stringified(f.eval(l)), stringified(f.eval(r))...)
		case "%":
			if !pyast.IsString(l) && !f.isStringish(l) {
				return nil
			}
			out := stringified(f.eval(l))
			r = pyast.Unparen(r)
			switch r.Type() {
			case "tuple", "dictionary":
				for _, c := range r.NamedChildren() {
					if c.Is("pair") {
						c = c.ChildByField("value")
					}
					out = append(out, stringified(f.eval(c))...)
				}
			default:
				out = append(out, stringified(f.eval(r))...)
			}
			return out
		case "*":
			// "?" * n, [x] * n: repeats of the data.
			return append(f.eval(l), f.eval(r)...)
		}
		return nil
	case "boolean_operator":
		return append(f.eval(n.ChildByField("left")), f.eval(n.ChildByField("right"))...)
	case "conditional_expression":
		var out []taint
		for i, c := range n.NamedChildren() {
			if i != 1 { // skip the condition
				out = append(out, f.eval(c)...)
			}
		}
		return out
	case "named_expression":
		return f.eval(n.ChildByField("value"))
	case "tuple", "list", "set", "expression_list":
		var out []taint
		for _, c := range n.NamedChildren() {
			if c.Is("list_splat") {
				c = c.NamedChild(0)
			}
			out = append(out, f.eval(c)...)
		}
		return out
	case "list_comprehension", "set_comprehension", "generator_expression":
		return f.eval(n.ChildByField("body"))
	case "dictionary_comprehension":
		body := n.ChildByField("body")
		return dataTaints(f.eval(body.ChildByField("value")), true)
	case "dictionary":
		return f.dict(n)
	case "call":
		return f.call(n)
	}
	return nil
}

// isStringish reports whether a `%` left operand is a name bound to a string.
func (f *taintFlow) isStringish(n *pyast.Node) bool {
	n = pyast.Unparen(n)
	if !n.Is("identifier") || f.fn == nil {
		if n.Is("identifier") {
			return pyast.IsString(f.m.Vars[n.Text()])
		}
		return false
	}
	for _, b := range f.m.Bindings(f.fn)[n.Text()] {
		if b.Value != nil && pyast.IsString(b.Value) {
			return true
		}
	}
	return pyast.IsString(f.m.Vars[n.Text()])
}

// pick is the value of `obj.name` / `obj["name"]` / `obj.get("name")`.
func (f *taintFlow) pick(obj []taint, name string, at *pyast.Node) []taint {
	var out []taint
	label := truncateExpr(at.Text())
	for _, t := range obj {
		switch {
		case t.Field == taintAny:
			if f.spec.field(name) && !t.excluded(name) {
				out = append(out, t.withField("").withLabel(label))
			}
		case t.Field == name:
			out = append(out, t.withField("").withLabel(label))
		case t.Field == "" && f.spec.Deep:
			out = append(out, t)
		}
	}
	return out
}

// dataTaints keeps the taints that are data; with deep, fields count too.
func dataTaints(ts []taint, deep bool) []taint {
	var out []taint
	for _, t := range ts {
		if t.IsData() {
			out = append(out, t)
		} else if deep {
			out = append(out, t.withField(""))
		}
	}
	return out
}

// objectTaints keeps the taints of an object's fields.
func objectTaints(ts []taint) []taint {
	var out []taint
	for _, t := range ts {
		if !t.IsData() {
			out = append(out, t)
		}
	}
	return out
}

// stringified is what formatting a value into a string carries: its data,
// and the data it holds under a known key (`f"{data}"` prints the dict).
// Request-model objects (taintAny) stay objects: whether their text shows a
// field is the rule's call.
func stringified(ts []taint) []taint {
	out := make([]taint, 0, len(ts))
	for _, t := range ts {
		if t.Field != "" && t.Field != taintAny {
			t = t.withField("")
		}
		out = append(out, t)
	}
	return out
}

// name follows a local name to the bindings that reach the use.
func (f *taintFlow) name(id *pyast.Node) []taint {
	name := id.Text()
	for fn := f.fn; fn != nil; fn = fn.Outer {
		bs := f.m.Bindings(fn)[name]
		param := fn.Param(name) != nil
		if len(bs) == 0 && !param {
			continue
		}
		reaching, dominated := taintReaching(fn, bs, id)
		var out []taint
		if !dominated {
			out = append(out, f.source(id)...)
			if len(reaching) == 0 && !param {
				reaching = bs // no binding before the use: a loop or a closure
			}
		}
		for _, b := range reaching {
			out = append(out, f.binding(b, name)...)
		}
		return f.mutations(fn, name, id, out)
	}
	return f.source(id)
}

// taintReaching returns the bindings of a name that reach a use: walking
// back from the use, every binding up to and including the first one that
// dominates it (a plain assignment not nested in a branch or loop that
// lacks the use). dominated is false when none does.
func taintReaching(fn *analyzer.Function, bs []analyzer.Binding, use *pyast.Node) (reaching []analyzer.Binding, dominated bool) {
	var before []analyzer.Binding
	for _, b := range bs {
		if b.Node.StartByte < use.StartByte && !b.Node.Contains(use) {
			before = append(before, b)
		}
	}
	sort.SliceStable(before, func(i, j int) bool { return before[i].Node.StartByte < before[j].Node.StartByte })
	for i := len(before) - 1; i >= 0; i-- {
		b := before[i]
		reaching = append(reaching, b)
		if b.Node.Kind == "augmented_assignment" || b.Node.Kind == "for_statement" || b.Node.Kind == "for_in_clause" {
			continue
		}
		if taintDominates(fn, b.Node, use) {
			return reaching, true
		}
	}
	return reaching, false
}

// taintDominates reports whether statement def always runs before use: every
// branch or loop around def (inside fn) also holds use. with/try bodies
// count as straight-line code.
func taintDominates(fn *analyzer.Function, def, use *pyast.Node) bool {
	body := fn.Body()
	for p := def.Up(); p != nil && p != body; p = p.Up() {
		switch p.Kind {
		case "if_statement", "elif_clause", "else_clause", "for_statement", "while_statement", "except_clause",
			"match_statement", "case_clause", "conditional_expression", "boolean_operator", "list_comprehension",
			"dictionary_comprehension", "set_comprehension", "generator_expression", "lambda", "finally_clause":
			if !p.Contains(use) {
				return false
			}
			// An if whose condition holds the binding (walrus) still runs it.
			if p.Kind == "if_statement" || p.Kind == "elif_clause" || p.Kind == "while_statement" {
				if cond := p.ChildByField("condition"); cond.Contains(def) {
					continue
				}
			}
			// The use is inside the same branch as the binding?
			if p.Kind == "if_statement" || p.Kind == "elif_clause" || p.Kind == "else_clause" || p.Kind == "except_clause" || p.Kind == "case_clause" {
				if blk := p.ChildByField("consequence"); blk != nil && blk.Contains(def) && !blk.Contains(use) {
					return false
				}
			}
		case "function_definition":
			return false
		}
	}
	return true
}

// binding is what one binding of name gives it.
func (f *taintFlow) binding(b analyzer.Binding, name string) []taint {
	switch b.Node.Kind {
	case "assignment":
		left, right := b.Node.ChildByField("left"), b.Node.ChildByField("right")
		for right.Is("assignment") {
			right = right.ChildByField("right")
		}
		if right == nil {
			return nil
		}
		if left.Is("identifier") {
			return f.eval(right)
		}
		return f.unpack(left, right, name)
	case "augmented_assignment":
		return stringified(f.eval(b.Node.ChildByField("right")))
	case "named_expression":
		return f.eval(b.Node.ChildByField("value"))
	case "as_pattern":
		if b.Value != nil {
			return f.eval(b.Value)
		}
	case "for_statement", "for_in_clause":
		left, right := b.Node.ChildByField("left"), pyast.Unparen(b.Node.ChildByField("right"))
		if left.Is("identifier") {
			return f.eval(right)
		}
		// for i, v in enumerate(values): i is a number.
		if right.Is("call") && calledName(f.m, right) == "builtins.enumerate" {
			if first := pyast.Unparen(left).NamedChild(0); first.Is("identifier") && first.Text() == name {
				return nil
			}
			return dataTaints(f.eval(pyast.Arg(right, 0)), false)
		}
		return dataTaints(f.eval(right), false)
	}
	return nil
}

// unpack gives name its element of a tuple assignment.
func (f *taintFlow) unpack(left, right *pyast.Node, name string) []taint {
	right = pyast.Unparen(right)
	targets := pyast.Unparen(left).NamedChildren()
	if right.Is("tuple", "list", "expression_list") {
		values := right.NamedChildren()
		if len(values) == len(targets) {
			for i, t := range targets {
				if t.Is("identifier") && t.Text() == name {
					return f.eval(values[i])
				}
				if t.Is("pattern_list", "tuple_pattern", "list_pattern", "tuple", "list") {
					if r := f.unpack(t, values[i], name); r != nil {
						return r
					}
				}
			}
			return nil
		}
	}
	return dataTaints(f.eval(right), false)
}

// mutationIndex lists, per name, the statements of fn's own body that write
// keys or attributes of it: `d["k"] = v`, `d.k = v`, `del d["k"]`,
// `d.pop("k")`, `d.update(...)`. Built once per function.
func (f *taintFlow) mutationIndex(fn *analyzer.Function) map[string][]*pyast.Node {
	if f.mutIndex == nil {
		f.mutIndex = map[*analyzer.Function]map[string][]*pyast.Node{}
	}
	if idx, ok := f.mutIndex[fn]; ok {
		return idx
	}
	idx := map[string][]*pyast.Node{}
	add := func(obj, n *pyast.Node) {
		if obj = pyast.Unparen(obj); obj.Is("identifier") {
			idx[obj.Text()] = append(idx[obj.Text()], n)
		}
	}
	fn.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment":
			switch left := n.ChildByField("left"); left.Type() {
			case "subscript":
				add(left.ChildByField("value"), n)
			case "attribute":
				add(left.ChildByField("object"), n)
			}
		case "delete_statement":
			n.Walk(func(c *pyast.Node) bool {
				if c.Kind == "subscript" {
					add(c.ChildByField("value"), n)
				}
				return true
			})
			return false
		case "call":
			if recv, method := methodCall(n); method == "pop" || method == "update" {
				add(recv, n)
			}
		}
		return true
	})
	f.mutIndex[fn] = idx
	return idx
}

// mutations applies the key and attribute writes on name that precede use:
// `data["password"] = hashed`, `data.update(...)`, `del data["password"]`,
// `data.pop("password")`, `body.password = hashed`.
func (f *taintFlow) mutations(fn *analyzer.Function, name string, use *pyast.Node, ts []taint) []taint {
	isName := func(n *pyast.Node) bool { n = pyast.Unparen(n); return n.Is("identifier") && n.Text() == name }
	var exclude []string
	var added []taint
	for _, n := range f.mutationIndex(fn)[name] {
		if n.StartByte >= use.StartByte || n.Contains(use) {
			continue
		}
		switch n.Kind {
		case "assignment":
			left := n.ChildByField("left")
			var key string
			switch {
			case left.Is("subscript") && isName(left.ChildByField("value")):
				key, _ = pyast.StringValue(left.ChildByField("subscript"))
			case left.Is("attribute") && isName(left.ChildByField("object")):
				key = left.ChildByField("attribute").Text()
			}
			if key != "" {
				exclude = append(exclude, key)
				for _, t := range dataTaints(f.eval(n.ChildByField("right")), false) {
					added = append(added, t.withField(key))
				}
			}
		case "delete_statement":
			n.Walk(func(c *pyast.Node) bool {
				if c.Kind == "subscript" && isName(c.ChildByField("value")) {
					if k, ok := pyast.StringValue(c.ChildByField("subscript")); ok {
						exclude = append(exclude, k)
					}
				}
				return true
			})
		case "call":
			_, method := methodCall(n)
			switch method {
			case "pop":
				if k, ok := pyast.StringValue(pyast.Arg(n, 0)); ok {
					exclude = append(exclude, k)
				}
			case "update":
				if d := pyast.Arg(n, 0); d != nil {
					if dd := pyast.Unparen(d); dd.Is("dictionary") {
						for _, pair := range dd.NamedChildren() {
							if k, ok := pyast.StringValue(pair.ChildByField("key")); ok {
								exclude = append(exclude, k)
							}
						}
					}
					added = append(added, objectTaints(f.eval(d))...)
				}
				for _, kw := range n.ChildByField("arguments").NamedChildren() {
					if kw.Is("keyword_argument") {
						k := kw.ChildByField("name").Text()
						exclude = append(exclude, k)
						for _, t := range dataTaints(f.eval(kw.ChildByField("value")), false) {
							added = append(added, t.withField(k))
						}
					}
				}
			}
		}
	}
	if len(exclude) == 0 && len(added) == 0 {
		return ts
	}
	return append(excludeFields(ts, exclude), added...)
}

// excludeFields removes fields from the objects among ts.
func excludeFields(ts []taint, names []string) []taint {
	if len(names) == 0 {
		return ts
	}
	drop := map[string]bool{}
	for _, n := range names {
		drop[n] = true
	}
	var out []taint
	for _, t := range ts {
		switch {
		case t.Field == taintAny:
			t.Exclude = append(append([]string{}, t.Exclude...), names...)
		case t.Field != "" && drop[t.Field]:
			continue
		}
		out = append(out, t)
	}
	return out
}

// keepFields keeps only some fields of the objects among ts (`include=`).
func keepFields(ts []taint, names []string, spec *taintSpec) []taint {
	keep := map[string]bool{}
	for _, n := range names {
		keep[n] = true
	}
	var out []taint
	for _, t := range ts {
		switch {
		case t.Field == taintAny:
			// The object keeps the listed fields only: name them.
			for _, n := range names {
				if spec.field(n) && !t.excluded(n) {
					out = append(out, t.withField(n))
				}
			}
			continue
		case t.Field != "" && !keep[t.Field]:
			continue
		}
		out = append(out, t)
	}
	return out
}

// dict evaluates a dict literal: data under constant keys, splatted objects.
func (f *taintFlow) dict(n *pyast.Node) []taint {
	var out []taint
	for _, c := range n.NamedChildren() {
		switch c.Kind {
		case "pair":
			key, ok := pyast.StringValue(c.ChildByField("key"))
			if !ok {
				continue
			}
			out = excludeFields(out, []string{key})
			for _, t := range dataTaints(f.eval(c.ChildByField("value")), false) {
				out = append(out, t.withField(key))
			}
		case "dictionary_splat":
			out = append(out, objectTaints(f.eval(c.NamedChild(0)))...)
		}
	}
	return out
}

// callArgs evaluates keyword arguments as fields and `**` splats as objects:
// what `dict(...)` or a constructor call builds.
func (f *taintFlow) callFields(call *pyast.Node) []taint {
	var out []taint
	for _, c := range call.ChildByField("arguments").NamedChildren() {
		switch c.Kind {
		case "keyword_argument":
			k := c.ChildByField("name").Text()
			out = excludeFields(out, []string{k})
			for _, t := range dataTaints(f.eval(c.ChildByField("value")), false) {
				out = append(out, t.withField(k))
			}
		case "dictionary_splat":
			out = append(out, objectTaints(f.eval(c.NamedChild(0)))...)
		}
	}
	return out
}

// allArgs is the data of every argument (and the receiver, if any).
func (f *taintFlow) allArgs(call *pyast.Node, recv *pyast.Node) []taint {
	var out []taint
	if recv != nil {
		out = append(out, stringified(f.eval(recv))...)
	}
	for _, c := range call.ChildByField("arguments").NamedChildren() {
		switch c.Kind {
		case "keyword_argument":
			c = c.ChildByField("value")
		case "list_splat", "dictionary_splat":
			c = c.NamedChild(0)
		}
		out = append(out, stringified(f.eval(c))...)
	}
	return out
}

// taintStringMethods return (part of) their receiver's text.
var taintStringMethods = map[string]bool{
	"encode": true, "decode": true, "strip": true, "lstrip": true, "rstrip": true, "lower": true, "upper": true,
	"casefold": true, "title": true, "capitalize": true, "swapcase": true, "replace": true, "zfill": true,
	"ljust": true, "rjust": true, "center": true, "removeprefix": true, "removesuffix": true, "expandtabs": true,
	"translate": true, "split": true, "rsplit": true, "splitlines": true, "partition": true, "rpartition": true,
	"get_secret_value": true, "__str__": true, "format_map": true,
}

// taintObjectMethods copy a model or dict with its fields.
var taintObjectMethods = map[string]bool{
	"model_dump": true, "dict": true, "copy": true, "model_copy": true, "to_dict": true, "_asdict": true,
}

// taintDefaultPropagators carry their arguments' data whatever the spec.
var taintDefaultPropagators = map[string]bool{
	"builtins.str": true, "builtins.bytes": true, "builtins.format": true, "builtins.repr": true,
	"base64.b64encode": true, "base64.urlsafe_b64encode": true, "base64.standard_b64encode": true,
	"base64.b32encode": true, "base64.b16encode": true, "base64.encodebytes": true, "base64.b85encode": true,
	"base64.b64decode": true, "base64.urlsafe_b64decode": true, "binascii.hexlify": true, "binascii.b2a_base64": true,
	"codecs.encode": true, "json.dumps": true, "urllib.parse.quote": true, "urllib.parse.quote_plus": true,
	"urllib.parse.unquote": true, "urllib.parse.urlencode": true, "typing.cast": true,
}

// taintNumeric return numbers (or booleans): no text of their arguments.
var taintNumeric = map[string]bool{
	"builtins.int": true, "builtins.float": true, "builtins.bool": true, "builtins.len": true, "builtins.abs": true,
	"builtins.round": true, "builtins.range": true, "builtins.hash": true, "builtins.id": true, "builtins.isinstance": true,
	"builtins.callable": true, "builtins.hasattr": true, "math.floor": true, "math.ceil": true, "uuid.UUID": true,
}

// taintObjectFuncs copy an object with its fields.
var taintObjectFuncs = map[string]bool{
	"builtins.dict": true, "builtins.vars": true, "copy.copy": true, "copy.deepcopy": true,
	"fastapi.encoders.jsonable_encoder": true, "dataclasses.asdict": true, "pydantic.json.pydantic_encoder": true,
}

func (f *taintFlow) call(call *pyast.Node) []taint {
	q := taintCallName(f.m, f.fn, call)
	recv, method := methodCall(call)
	if f.spec.sanitizer(q) || q == "" && method != "" && f.spec.sanitizer("?."+method) || taintNumeric[q] {
		return nil
	}
	switch {
	case taintObjectFuncs[q]:
		if q == "builtins.dict" {
			out := f.callFields(call)
			if a := pyast.Arg(call, 0); a != nil {
				out = append(objectTaints(f.eval(a)), out...)
			}
			return out
		}
		return objectTaints(f.eval(pyast.Arg(call, 0)))
	case taintDefaultPropagators[q] || f.spec.Propagator != nil && q != "" && f.spec.Propagator(q):
		if q == "typing.cast" {
			return f.eval(pyast.Arg(call, 1))
		}
		if f.isModuleRef(recv) {
			recv = nil
		}
		return f.allArgs(call, recv)
	}
	if recv != nil && !f.isModuleRef(recv) {
		if r, ok := f.method(call, recv, method); ok {
			return r
		}
	}
	// Project functions and classes.
	if q != "" && (recv == nil || f.m.IsProjectSymbol(q) || strings.HasPrefix(q, f.m.Name+".")) {
		if r, ok := f.projectCall(call, q); ok {
			return r
		}
	}
	if f.spec.Deep && recv != nil {
		if rt := dataTaints(f.eval(recv), true); len(rt) > 0 {
			return rt
		}
	}
	if f.spec.UnknownCalls {
		if f.isModuleRef(recv) {
			recv = nil
		}
		return f.allArgs(call, recv)
	}
	return nil
}

// isModuleRef reports whether a receiver names an imported module or class
// (`base64`, `os.path`), not a value.
func (f *taintFlow) isModuleRef(recv *pyast.Node) bool {
	dotted := pyast.DottedName(recv)
	if dotted == "" {
		return false
	}
	head, _, _ := strings.Cut(dotted, ".")
	for fn := f.fn; fn != nil; fn = fn.Outer {
		if fn.Param(head) != nil {
			return false
		}
		if _, bound := f.m.Bindings(fn)[head]; bound {
			return false
		}
	}
	_, imported := f.m.Imports[head]
	return imported
}

// method handles the methods of strings, dicts and models on a value.
func (f *taintFlow) method(call, recv *pyast.Node, method string) ([]taint, bool) {
	switch {
	case taintObjectMethods[method]:
		return f.dump(call, f.eval(recv)), true
	case method == "json" || method == "model_dump_json":
		if rt := f.eval(recv); len(rt) > 0 {
			return stringified(f.dump(call, rt)), true
		}
	case method == "get" || method == "pop" || method == "setdefault":
		if k, ok := pyast.StringValue(pyast.Arg(call, 0)); ok {
			out := f.pick(f.eval(recv), k, call)
			if method != "pop" {
				out = append(out, dataTaints(f.eval(pyast.Arg(call, 1)), false)...)
			}
			return out, true
		}
	case method == "format" && (pyast.IsString(recv) || f.isStringish(recv)):
		return f.allArgs(call, recv), true
	case method == "join" && (pyast.IsString(recv) || f.isStringish(recv)):
		return stringified(dataTaints(f.allArgs(call, nil), false)), true
	case taintStringMethods[method]:
		if rt := dataTaints(f.eval(recv), false); len(rt) > 0 {
			if method == "replace" {
				rt = append(rt, dataTaints(f.eval(pyast.Arg(call, 1)), false)...)
			}
			return rt, true
		}
	}
	return nil, false
}

// dump is what `obj.model_dump(...)`/`.dict(...)`/`.copy(...)` returns.
func (f *taintFlow) dump(call *pyast.Node, obj []taint) []taint {
	out := objectTaints(obj)
	if f.spec.Deep {
		out = obj
	}
	if inc := pyast.Kwarg(call, "include"); inc != nil {
		if names, ok := taintKeyNames(inc); ok {
			out = keepFields(out, names, f.spec)
		}
	}
	if exc := pyast.Kwarg(call, "exclude"); exc != nil {
		if names, ok := taintKeyNames(exc); ok {
			out = excludeFields(out, names)
		}
	}
	if upd := pyast.Unparen(pyast.Kwarg(call, "update")); upd != nil {
		if upd.Is("dictionary") {
			var keys []string
			for _, pair := range upd.NamedChildren() {
				if k, ok := pyast.StringValue(pair.ChildByField("key")); ok {
					keys = append(keys, k)
				}
			}
			out = excludeFields(out, keys)
		}
		out = append(out, objectTaints(f.eval(upd))...)
	}
	return out
}

// taintKeyNames reads `{"a", "b"}`, `["a"]`, `("a",)`, `{"a": True}`.
func taintKeyNames(n *pyast.Node) ([]string, bool) {
	n = pyast.Unparen(n)
	if s, ok := pyast.StringValue(n); ok {
		return []string{s}, true
	}
	if !n.Is("set", "list", "tuple", "dictionary") {
		return nil, false
	}
	var out []string
	for _, c := range n.NamedChildren() {
		if c.Is("pair") {
			c = c.ChildByField("key")
		}
		s, ok := pyast.StringValue(c)
		if !ok {
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// projectCall handles calls of project functions and classes: ok is false
// when q is not one.
func (f *taintFlow) projectCall(call *pyast.Node, q string) ([]taint, bool) {
	m := f.m
	if f.spec.OpaqueHelpers && !taintLooksLikeClass(q) {
		if strings.HasPrefix(q, m.Name+".") || m.IsProjectSymbol(q) {
			return nil, true
		}
	}
	if analyzer.ModuleOf(q) == m.Name {
		name := analyzer.LastPart(q)
		if def, ok := m.Defs[name]; ok {
			if f.spec.UnknownCalls {
				if taintLocalWrapsSanitizer(m, f.spec, def, 0) {
					return nil, true
				}
				return f.allArgs(call, nil), true
			}
			return f.throughSummary(call, def), true
		}
		if m.ClassNamed(name) != nil {
			return f.callFields(call), true
		}
		return nil, false
	}
	if !m.IsProjectSymbol(q) {
		if taintLooksLikeClass(q) {
			return f.callFields(call), true
		}
		return nil, false
	}
	if taintLooksLikeClass(q) {
		return f.callFields(call), true
	}
	// A function of another module: its summary is a fact.
	var out []taint
	pyast.EachArg(call, func(i int, kw string, v *pyast.Node) {
		arg := kw
		if i >= 0 {
			arg = strconv.Itoa(i)
		}
		for _, t := range f.eval(v) {
			out = append(out, t.require(taintCond{Kind: taintCondThrough, Name: q, Arg: arg}))
		}
	})
	return out, true
}

// taintLooksLikeClass reports a callee named like a class (`UserCreate`,
// `models.User`): calling it builds an object holding its keyword arguments.
func taintLooksLikeClass(q string) bool {
	last := analyzer.LastPart(q)
	return last != "" && last[0] >= 'A' && last[0] <= 'Z' && strings.ToUpper(last) != last
}

// throughSummary is what a call of a same-module function returns: the data
// of the arguments its body returns.
func (f *taintFlow) throughSummary(call *pyast.Node, def *analyzer.Function) []taint {
	if f.summaries == nil {
		f.summaries = map[*analyzer.Function]map[string]bool{}
	}
	passes, ok := f.summaries[def]
	if !ok {
		f.summaries[def] = nil // recursion guard
		passes = taintReturnedParams(f.m, def, f.depth)
		f.summaries[def] = passes
	}
	if len(passes) == 0 {
		return nil
	}
	params := taintPositional(def)
	var out []taint
	pyast.EachArg(call, func(i int, kw string, v *pyast.Node) {
		name := kw
		if i >= 0 && i < len(params) {
			name = params[i]
		}
		if passes[name] {
			out = append(out, f.eval(v)...)
		}
	})
	return out
}

// taintPositional lists a function's positional parameter names, without
// `self`/`cls` for methods.
func taintPositional(def *analyzer.Function) []string {
	var out []string
	for i, p := range def.Params {
		if i == 0 && def.Class != nil && (p.Name == "self" || p.Name == "cls") {
			continue
		}
		if p.Kind == analyzer.ParamNormal {
			out = append(out, p.Name)
		}
	}
	return out
}

// taintSummarySpec tracks parameters to the return value: any use of a
// parameter's value carries it, unknown calls do not.
var taintSummarySpec = &taintSpec{
	Source: func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if n.Is("identifier") && fn != nil && fn.Param(n.Text()) != nil {
			return []taint{{Label: n.Text()}}
		}
		return nil
	},
	Deep: true,
}

// taintReturnedParams returns the parameters of def whose data its return
// values carry.
func taintReturnedParams(m *analyzer.Module, def *analyzer.Function, depth int) map[string]bool {
	if depth > 20 || def.Generator {
		return nil
	}
	flow := newTaintFlow(m, def, taintSummarySpec)
	flow.depth = depth + 5
	out := map[string]bool{}
	def.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			for _, t := range flow.Of(n.NamedChild(0)) {
				if def.Param(t.Label) != nil {
					out[t.Label] = true
				}
			}
			return false
		}
		return true
	})
	return out
}

// taintReturnsTag is the collector tag listing the parameters a function
// returns: "0:password,1:salt" (position among positional parameters,
// without self/cls, and name).
const taintReturnsTag = "taint.returns"

var _ = registerCollector(func(pass *analyzer.Pass) {
	m := pass.Module
	for _, fn := range m.Functions {
		if len(fn.Params) == 0 {
			continue
		}
		passes := taintReturnedParams(m, fn, 0)
		if len(passes) == 0 {
			continue
		}
		var parts []string
		pos := map[string]int{}
		for i, name := range taintPositional(fn) {
			pos[name] = i
		}
		for _, p := range fn.Params {
			if !passes[p.Name] || fn.Class != nil && (p.Name == "self" || p.Name == "cls") {
				continue
			}
			i, ok := pos[p.Name]
			if !ok {
				i = -1
			}
			parts = append(parts, strconv.Itoa(i)+":"+p.Name)
		}
		if len(parts) > 0 {
			pass.Tag(fn, taintReturnsTag, strings.Join(parts, ","))
		}
	}
})

// taintReturnsArg decides, in the project phase, whether project function q
// returns its argument arg (a position or a keyword name).
func taintReturnsArg(p *analyzer.Project, q, arg string) bool {
	f := p.Function(q)
	if f == nil {
		return false
	}
	for _, part := range strings.Split(f.Tags[taintReturnsTag], ",") {
		pos, name, ok := strings.Cut(part, ":")
		if ok && (pos == arg || name == arg) && pos != "" {
			return true
		}
	}
	return false
}

// taintCallName names what a call calls for sanitizer and propagator
// lists: the qualified name (`bcrypt.hashpw`), and for methods on instances
// the class's name (`pwd_context.hash` with `pwd_context = CryptContext(...)`
// → "passlib.context.CryptContext.hash", `PasswordHasher().hash` →
// "argon2.PasswordHasher.hash", `hashlib.sha256(x).hexdigest` →
// "hashlib.sha256.hexdigest"). Instances of another project module stay as
// written (`app.security.pwd_context.hash`); taintProjectCallName finishes
// them in the project phase.
func taintCallName(m *analyzer.Module, fn *analyzer.Function, call *pyast.Node) string {
	callee := pyast.Callee(call)
	if callee.Is("attribute") {
		obj := pyast.Unparen(callee.ChildByField("object"))
		meth := callee.ChildByField("attribute").Text()
		switch obj.Type() {
		case "call":
			if q := taintCallName(m, fn, obj); q != "" {
				return q + "." + meth
			}
			return ""
		case "identifier":
			if ctor := taintConstructorOf(m, fn, obj.Text()); ctor != "" {
				return ctor + "." + meth
			}
		}
	}
	return m.CalleeName(fn, call)
}

// taintConstructorOf returns the qualified callee of the call a name is
// bound to (locally when every local binding agrees, else at module level),
// "" otherwise.
func taintConstructorOf(m *analyzer.Module, fn *analyzer.Function, name string) string {
	for f := fn; f != nil; f = f.Outer {
		if f.Param(name) != nil {
			return ""
		}
		bs, ok := m.Bindings(f)[name]
		if !ok {
			continue
		}
		q := ""
		for _, b := range bs {
			v := pyast.Unparen(b.Value)
			if !v.Is("call") {
				return ""
			}
			c := m.Resolve(pyast.Callee(v))
			if c == "" || q != "" && c != q {
				return ""
			}
			q = c
		}
		return q
	}
	if v := pyast.Unparen(m.Vars[name]); v.Is("call") {
		return m.Resolve(pyast.Callee(v))
	}
	return ""
}

// taintProjectCallName finishes a callee name recorded in facts: a method
// on a module-level instance of another module (`app.security.pwd_context.hash`)
// becomes the instance's class method ("passlib.context.CryptContext.hash").
func taintProjectCallName(p *analyzer.Project, q string) string {
	recv, meth := analyzer.ModuleOf(q), analyzer.LastPart(q)
	if recv == "" {
		return q
	}
	if _, sf := p.Lookup(p.Canonical(recv)); sf != nil && sf.Kind == analyzer.SymbolVar && sf.Call != "" {
		return sf.Call + "." + meth
	}
	return q
}

// taintWrapsSanitizer decides, in the project phase, whether project
// function q calls a sanitizer, directly or through other project functions.
func taintWrapsSanitizer(p *analyzer.Project, s *taintSpec, q string, depth int, seen map[string]bool) bool {
	f := p.Function(q)
	if f == nil || depth > 4 || seen[f.Name()] {
		return false
	}
	seen[f.Name()] = true
	for _, c := range f.Calls {
		if s.sanitizer(c.Callee) || s.sanitizer(taintProjectCallName(p, c.Callee)) {
			return true
		}
		if taintWrapsSanitizer(p, s, c.Callee, depth+1, seen) {
			return true
		}
	}
	return false
}

// taintLocalWrapsSanitizer reports whether a same-module function calls a
// sanitizer, directly or through other functions of the module.
func taintLocalWrapsSanitizer(m *analyzer.Module, s *taintSpec, def *analyzer.Function, depth int) bool {
	if depth > 4 {
		return false
	}
	found := false
	def.Body().Walk(func(n *pyast.Node) bool {
		if found {
			return false
		}
		switch n.Kind {
		case "function_definition", "class_definition":
			return false
		case "call":
			q := taintCallName(m, def, n)
			if s.sanitizer(q) {
				found = true
				return false
			}
			if analyzer.ModuleOf(q) == m.Name {
				if callee, ok := m.Defs[analyzer.LastPart(q)]; ok && callee != def && taintLocalWrapsSanitizer(m, s, callee, depth+1) {
					found = true
					return false
				}
			}
		}
		return true
	})
	return found
}

// taintLabels lists the distinct labels of taints, in order.
func taintLabels(ts []taint) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range ts {
		if !seen[t.Label] {
			seen[t.Label] = true
			out = append(out, t.Label)
		}
	}
	return out
}

// taintSplit separates taints that hold now from those that wait on the
// project phase.
func taintSplit(ts []taint) (now, pending []taint) {
	for _, t := range ts {
		if t.Pending() {
			pending = append(pending, t)
		} else {
			now = append(now, t)
		}
	}
	return now, pending
}

// boundLiteral returns the value an expression is or, for a name, the one
// value it is bound to (in fn when it has a single binding there, else at
// module level); nil when unknown. Used to read literal options and lists.
func boundLiteral(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) *pyast.Node {
	n = pyast.Unparen(n)
	if !n.Is("identifier") {
		return n
	}
	for f := fn; f != nil; f = f.Outer {
		if bs, ok := m.Bindings(f)[n.Text()]; ok {
			if len(bs) == 1 && bs[0].Value != nil {
				return pyast.Unparen(bs[0].Value)
			}
			return nil
		}
		if f.Param(n.Text()) != nil {
			return nil
		}
	}
	return pyast.Unparen(m.Vars[n.Text()])
}

// taintSafeTypes are parameter annotations whose values carry no text an
// attacker shapes: numbers, booleans, UUIDs, dates.
var taintSafeTypes = map[string]bool{
	"builtins.int": true, "builtins.float": true, "builtins.bool": true, "uuid.UUID": true, "datetime.date": true,
	"datetime.datetime": true, "datetime.time": true, "datetime.timedelta": true, "decimal.Decimal": true,
	"pydantic.PositiveInt": true, "pydantic.NonNegativeInt": true, "pydantic.UUID4": true, "pydantic.types.UUID4": true,
	"pydantic.PositiveFloat": true, "pydantic.NonNegativeFloat": true,
}

// taintSafeParam reports parameters whose values cannot carry attacker text:
// numbers, UUIDs, dates, `Literal[...]` choices, unannotated ones with a
// number or boolean default.
func taintSafeParam(m *analyzer.Module, p *analyzer.Param) bool {
	t := p.Annotation
	if t.Is("type") {
		t = t.NamedChild(0)
	}
	if q := annotatedModel(m, t); taintSafeTypes[q] {
		return true
	}
	if t.Is("generic_type", "subscript") {
		head := t.NamedChild(0)
		if t.Kind == "subscript" {
			head = t.ChildByField("value")
		}
		switch m.Resolve(head) {
		case "typing.Literal", "typing_extensions.Literal":
			return true
		case "builtins.list", "typing.List", "builtins.set", "typing.Set", "builtins.tuple", "typing.Tuple", "typing.Sequence", "typing.Optional":
			inner := t.FirstChildOfKind("type_parameter").NamedChild(0)
			if t.Kind == "subscript" {
				inner = t.ChildByField("subscript")
			}
			if inner.Is("type") {
				inner = inner.NamedChild(0)
			}
			return taintSafeTypes[m.Resolve(inner)]
		}
	}
	if t.Is("binary_operator") { // int | None
		l, r := t.ChildByField("left"), t.ChildByField("right")
		if r.Is("none") {
			return taintSafeTypes[m.Resolve(l)]
		}
	}
	if p.Annotation == nil && p.Default != nil {
		return pyast.Unparen(p.Default).Is("integer", "float", "true", "false")
	}
	return false
}

// taintRequestRead reports reads of the incoming request: attributes,
// items and method calls on a parameter of kind fastapi.Request
// (`request.query_params["q"]`, `await request.json()`, `request.headers.get(...)`),
// except the app and its state.
func taintRequestRead(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) bool {
	if fn == nil || !n.Is("attribute", "subscript", "call") {
		return false
	}
	root := fa204Root(n)
	p := fn.Param(root)
	if p == nil || m.ParamKind(p).Type() != "fastapi.Request" {
		return false
	}
	// the first step after the root
	first := n
	for c := n; c != nil; {
		var next *pyast.Node
		switch c.Kind {
		case "attribute":
			next = c.ChildByField("object")
		case "subscript":
			next = c.ChildByField("value")
		case "call":
			next = pyast.Callee(c)
		}
		if pyast.Unparen(next).Is("identifier") {
			first = c
			break
		}
		c = pyast.Unparen(next)
	}
	if first.Is("attribute") {
		switch first.ChildByField("attribute").Text() {
		case "app", "state", "url_for", "scope", "scope_type", "receive", "send", "is_disconnected", "auth", "user", "session":
			return false
		}
	}
	return true
}

// taintOutsideSource makes data from outside the function a source: reads
// of the request, and parameters that are not numbers, dependencies on
// functions (the current user, a session) or `self`. Request models and
// dicts hold the data in every field. With callers, the parameters of
// functions that are no path operation are pending on some caller passing
// them caller data (taintCondCaller).
func taintOutsideSource(callers bool) func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
	return taintOutside(callers, false)
}

// taintOutside is taintOutsideSource; with origins, labels name where the
// data comes from instead ("r": the request; "p<pos>:<name>": a parameter
// of a function that is no path operation), for the "taint.args" tag.
func taintOutside(callers, origins bool) func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
	return func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if fn == nil {
			return nil
		}
		if taintRequestRead(m, fn, n) {
			t := taint{Label: truncateExpr(n.Text())}
			if origins {
				t.Label = "r"
			}
			// request.json(), request.query_params: mappings of request data.
			switch last := n; last.Kind {
			case "call":
				if _, meth := methodCall(last); meth == "json" || meth == "form" {
					t.Field = taintAny
				}
			case "attribute":
				switch last.ChildByField("attribute").Text() {
				case "query_params", "headers", "cookies", "path_params":
					t.Field = taintAny
				}
			}
			return []taint{t}
		}
		if !n.Is("identifier") {
			return nil
		}
		p := fn.Param(n.Text())
		if p == nil || p.Name == "self" || p.Name == "cls" || taintSafeParam(m, p) {
			return nil
		}
		k := m.ParamKind(p)
		if t := k.Type(); t == "fastapi.Request" || t == "fastapi.BackgroundTasks" || t == "fastapi.Response" ||
			k.IsSyncSession() || k.IsAsyncSession() || t == "fastapi.WebSocket" {
			return nil
		}
		cls := annotatedModel(m, p.Annotation)
		if p.Depends != nil {
			target := p.Depends.Target
			if target == "" {
				target = cls
			}
			if !taintLooksLikeClass(target) {
				return nil // a dependency function: the current user, a session, settings
			}
		}
		t := taint{Label: p.Name}
		switch {
		case cls == "builtins.dict" || cls == "typing.Dict" || cls == "typing.Any" || p.Kind == analyzer.ParamKwArgs:
			t.Field = taintAny
		case cls != "" && taintLooksLikeClass(cls) && (analyzer.ModuleOf(cls) == m.Name || m.IsProjectSymbol(cls) || strings.HasPrefix(cls, "fastapi.security.")):
			t.Field, t.Class = taintAny, cls
		}
		pos := -1
		for i, name := range taintPositional(fn) {
			if name == p.Name {
				pos = i
			}
		}
		arg := strconv.Itoa(pos) + ":" + p.Name
		if origins {
			t.Label = "r"
			if fn.Handler == nil {
				t.Label = "p" + arg
			}
		}
		if callers && fn.Handler == nil {
			t.Requires = []taintCond{{Kind: taintCondCaller, Name: m.Name + "." + fn.QualName, Arg: arg}}
		}
		return []taint{t}
	}
}

// taintArgsSpec follows data from outside a function into the arguments of
// the project functions it calls, for the "taint.args" tag. Hashes
// (fa203Sanitizer: passlib, bcrypt, argon2, hashlib) end the data: no rule
// that asks cares about a digest.
var taintArgsSpec = &taintSpec{Source: taintOutside(false, true), Sanitizer: fa203Sanitizer, UnknownCalls: true, OpaqueHelpers: true}

// taintArgsTag lists, for a function, the project calls it makes with data
// from outside in an argument, and where that data comes from:
// "app.crud.search#1#r;app.crud.search#name#p0:query" (r: the request;
// p<pos>:<name>: the caller's own parameter).
const taintArgsTag = "taint.args"

var _ = registerCollector(func(pass *analyzer.Pass) {
	m := pass.Module
	for _, fn := range m.Functions {
		var flow *taintFlow
		var parts []string
		seen := map[string]bool{}
		fn.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition":
				return false
			case "call":
			default:
				return true
			}
			q := m.CalleeName(fn, n)
			if q == "" {
				// A method on a value whose class lives in another module
				// (`repo: UserRepository = Depends()`): resolved later.
				if recv, meth := methodCall(n); pyast.Unparen(recv).Is("identifier") {
					if k := m.KindOf(fn, recv); k.Pending() {
						q = "?" + string(k) + "|" + meth
					}
				}
			}
			if q == "" || !(strings.HasPrefix(q, "?") || strings.HasPrefix(q, m.Name+".") || m.IsProjectSymbol(q)) {
				return true
			}
			if flow == nil {
				flow = newTaintFlow(m, fn, taintArgsSpec)
			}
			i := 0
			for _, c := range n.ChildByField("arguments").NamedChildren() {
				arg, v := "", c
				switch c.Kind {
				case "keyword_argument":
					arg, v = c.ChildByField("name").Text(), c.ChildByField("value")
				case "list_splat", "dictionary_splat":
					continue
				default:
					arg = strconv.Itoa(i)
					i++
				}
				if ts := flow.Of(v); len(ts) > 0 {
					var origins []string
					for _, t := range ts {
						if o := t.origin(); o == "r" || strings.HasPrefix(o, "p") {
							origins = append(origins, o)
						}
					}
					if len(origins) == 0 {
						continue
					}
					if e := q + "#" + arg + "#" + strings.Join(origins, ","); !seen[e] {
						seen[e] = true
						parts = append(parts, e)
					}
				}
			}
			return true
		})
		if len(parts) > 0 {
			pass.Tag(fn, taintArgsTag, strings.Join(parts, ";"))
		}
	}
})

// taintCallerPasses decides, in the project phase, whether some project
// function calls fq with data from outside in argument arg ("<pos>:<name>"):
// from the request, or from its own parameters when those are passed such
// data in turn (up to a few calls up).
func taintCallerPasses(p *analyzer.Project, fq, arg string) bool {
	return taintCallerPassesFrom(p, fq, arg, 0, map[string]bool{})
}

// taintArgEntry is one "taint.args" entry: a call of Callee (as recorded)
// by Caller with data from Origins in argument Arg.
type taintArgEntry struct {
	Caller, Arg string
	Origins     []string
}

// taintArgsByCallee groups the "taint.args" entries of a project by resolved
// callee, once per project: deferred verdicts of one run ask it many times.
func taintArgsByCallee(p *analyzer.Project) map[string][]taintArgEntry {
	return p.Memo("taint.args", func() any { return taintArgsIndexOf(p) }).(map[string][]taintArgEntry)
}

func taintArgsIndexOf(p *analyzer.Project) map[string][]taintArgEntry {
	idx := map[string][]taintArgEntry{}
	for _, mf := range p.Files {
		for _, f := range mf.Functions {
			tag := f.Tags[taintArgsTag]
			if tag == "" {
				continue
			}
			for _, e := range strings.Split(tag, ";") {
				fields := strings.SplitN(e, "#", 3)
				if len(fields) != 3 {
					continue
				}
				callee := fields[0]
				if strings.HasPrefix(callee, "?") {
					kind, meth, _ := strings.Cut(callee[1:], "|")
					t := p.Resolve(analyzer.Kind(kind)).Type()
					if t == "" {
						continue
					}
					callee = t + "." + meth
				}
				callee = p.Canonical(callee)
				idx[callee] = append(idx[callee], taintArgEntry{Caller: f.Name(), Arg: fields[1], Origins: strings.Split(fields[2], ",")})
			}
		}
	}
	return idx
}

func taintCallerPassesFrom(p *analyzer.Project, fq, arg string, depth int, seen map[string]bool) bool {
	if depth > 5 || seen[fq+"#"+arg] {
		return false
	}
	seen[fq+"#"+arg] = true
	pos, name, _ := strings.Cut(arg, ":")
	for _, e := range taintArgsByCallee(p)[p.Canonical(fq)] {
		if e.Arg != name && (e.Arg != pos || pos == "-1") {
			continue
		}
		for _, origin := range e.Origins {
			if origin == "r" || strings.HasPrefix(origin, "p") && taintCallerPassesFrom(p, e.Caller, origin[1:], depth+1, seen) {
				return true
			}
		}
	}
	return false
}
