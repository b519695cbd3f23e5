package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA219 = register(&analyzer.Rule{
	Code: "FA219", Name: "open-redirect", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityWarning,
	Precision: "high", SecuritySeverity: 6.1, CWE: []string{"CWE-601"}, Since: "0.1.0",
	Summary: "A `RedirectResponse` sends the client to a URL taken from the request without checking it against an allow-list.",
	Doc: analyzer.Doc{
		What: "Reports the URL of `RedirectResponse(...)` (fastapi or starlette, positional or `url=`) when it carries a request value — " +
			"a query, path or body parameter, a field of a request model, `request.query_params[...]`/`request.headers[...]` — followed " +
			"through assignments, f-strings, `%`, `.format`, `+` and string methods, and the function does not check that value first: " +
			"a membership test (`if url not in ALLOWED_REDIRECTS`, `urlparse(url).netloc in ALLOWED_HOSTS`), an `==`/`!=` test of its `netloc`/`hostname`/`scheme` (also through " +
			"`parsed = urlparse(url)`), a `url.startswith(...)` test, " +
			"or a call of a `*safe*`/`*allowed*`/`*valid*` helper on it. URLs whose text starts with a literal path (`f\"/items/{id}\"`, " +
			"not `//`) or a literal scheme and host followed by `/` (`f\"https://example.com/{x}\"`) stay on a known host and are not reported; " +
			"nor are `request.url_for(...)` and constants.",
		Why: "An open redirect lets anyone craft a link on your domain that lands on theirs (`https://api.example.com/login?next=https://evil.example`): " +
			"phishing pages borrow your domain's trust, and OAuth flows that redirect with a code or token hand it to the attacker (CWE-601).",
		Example: "@router.get(\"/login/done\")\ndef done(next: str):\n    return RedirectResponse(next)\n",
		UseInstead: "ALLOWED_REDIRECTS = {\"/\", \"/dashboard\", \"/settings\"}\n\n@router.get(\"/login/done\")\ndef done(next: str):\n" +
			"    if next not in ALLOWED_REDIRECTS:\n        next = \"/\"\n    return RedirectResponse(next)\n",
		Limits: "Any membership or `startswith` test on the value before the redirect counts as a check, whatever it tests (precision " +
			"first). A redirect URL built by a helper in another module is not followed; a value is followed into helpers of the same " +
			"function's module and, for helper functions, back to callers that pass request data (one level).",
		References: []string{
			"https://cwe.mitre.org/data/definitions/601.html",
			"https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html",
		},
	},
	CheckModule: checkOpenRedirect,
})

var fa219Redirects = map[string]bool{
	"fastapi.responses.RedirectResponse": true, "starlette.responses.RedirectResponse": true, "fastapi.RedirectResponse": true,
}

var fa219Outside = taintOutsideSource(true)

// fa219Spec follows request data; the request's own URL (`request.url`,
// `request.base_url`: the HTTPS-redirect idiom) is no source, and helpers
// named like validators (`get_safe_return_url`, `validate_next`) sanitise.
var fa219Spec = &taintSpec{
	Source: func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if n.Is("attribute", "call", "subscript") && fn != nil {
			var first *pyast.Node
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
				next = pyast.Unparen(next)
				if next.Is("identifier") {
					first = c
					break
				}
				c = next
			}
			if first.Is("attribute") {
				if a := first.ChildByField("attribute").Text(); a == "url" || a == "base_url" {
					if p := fn.Param(pyast.Unparen(first.ChildByField("object")).Text()); p != nil && m.ParamKind(p).Type() == "fastapi.Request" {
						return nil
					}
				}
			}
		}
		return fa219Outside(m, fn, n)
	},
	Sanitizer: func(q string) bool {
		last := strings.ToLower(analyzer.LastPart(q))
		return strings.Contains(last, "safe") || strings.Contains(last, "valid") || strings.Contains(last, "allowed") || q == "builtins.url_for"
	},
}

// fa219Leader returns the part of a URL expression that decides its scheme
// and host: the first interpolation of `f"{base}/path?x={y}"`, the first
// operand of `base + "/path"`, the first assignment of a name later extended
// with `+=`; the expression itself when that cannot be told.
func fa219Leader(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node, depth int) *pyast.Node {
	n = pyast.Unparen(n)
	if n == nil || depth > 6 {
		return n
	}
	sepStart := func(s string) bool {
		return s == "" || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "?") || strings.HasPrefix(s, "#")
	}
	switch n.Kind {
	case "string":
		var parts []*pyast.Node
		for _, c := range n.Children {
			if c.Is("string_content", "interpolation", "escape_sequence") {
				parts = append(parts, c)
			}
		}
		if len(parts) > 0 && parts[0].Kind == "interpolation" {
			next := ""
			if len(parts) > 1 {
				if parts[1].Kind == "interpolation" {
					return n
				}
				next = parts[1].Text()
			}
			if sepStart(next) {
				return fa219Leader(m, fn, parts[0].ChildByField("expression"), depth+1)
			}
		}
		return n
	case "binary_operator":
		if n.ChildByField("operator").Type() != "+" {
			return n
		}
		// flatten a + b + c (left-associative)
		var parts []*pyast.Node
		c := n
		for c.Is("binary_operator") && c.ChildByField("operator").Type() == "+" {
			parts = append([]*pyast.Node{pyast.Unparen(c.ChildByField("right"))}, parts...)
			c = pyast.Unparen(c.ChildByField("left"))
		}
		parts = append([]*pyast.Node{c}, parts...)
		if pyast.IsString(parts[0]) && !pyast.IsFString(parts[0]) {
			return n
		}
		if s, ok := pyast.StringValue(parts[1]); ok && sepStart(s) {
			return fa219Leader(m, fn, parts[0], depth+1)
		}
		if parts[1].Is("string") && sepStart(fa219LiteralPrefix(parts[1])) && fa219LiteralPrefix(parts[1]) != "" {
			return fa219Leader(m, fn, parts[0], depth+1)
		}
		return n
	case "identifier":
		if fn == nil || fn.Param(n.Text()) != nil {
			return n
		}
		var plain *pyast.Node
		for _, b := range m.Bindings(fn)[n.Text()] {
			switch {
			case b.Node.Kind == "augmented_assignment":
			case b.Node.Kind == "assignment" && b.Node.ChildByField("left").Is("identifier") && plain == nil && b.Value != nil:
				plain = b.Value
			default:
				return n
			}
		}
		if plain != nil {
			return fa219Leader(m, fn, plain, depth+1)
		}
	}
	return n
}

func checkOpenRedirect(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	flows := map[*analyzer.Function]*taintFlow{}
	for _, call := range m.Nodes("call") {
		if !fa219Redirects[calledName(m, call)] {
			continue
		}
		url := pyast.Arg(call, 0)
		if url == nil {
			url = pyast.Kwarg(call, "url")
		}
		fn := m.EnclosingFunction(call)
		if url == nil || fn == nil || fa219FixedHost(m, fn, url, 0) {
			continue
		}
		lead := fa219Leader(m, fn, url, 0)
		if fa219FixedHost(m, fn, lead, 0) {
			continue
		}
		if flows[fn] == nil {
			flows[fn] = newTaintFlow(m, fn, fa219Spec)
		}
		ts := flows[fn].Data(lead)
		if len(ts) == 0 || fa219CallOfFixed(m, fn, flows[fn], lead) {
			continue
		}
		names := fa219Names(url)
		for _, t := range ts {
			names = append(names, t.Label, fa219LabelRoot(t.Label))
		}
		if guardedBefore(m, fn, names, call) {
			continue
		}
		expr := truncateExpr(url.Text())
		msg := func(label string) string {
			from := "`" + expr + "`"
			if label != "" && label != expr {
				from += " (from `" + label + "`)"
			}
			return "RedirectResponse to " + from + ", a URL taken from the request, lets anyone send users from your domain to any site (open redirect); " +
				"check it against an allow-list of paths or hosts (`if url not in ALLOWED_REDIRECTS: ...`) or redirect to `request.url_for(...)`"
		}
		now, pending := taintSplit(ts)
		if len(now) > 0 {
			pass.Report(url, "%s", msg(now[0].Label))
			continue
		}
		pass.ReportWhen(url, func(p *analyzer.Project) string {
			for _, t := range pending {
				if fa219Spec.Holds(p, t) {
					return msg(t.Label)
				}
			}
			return ""
		})
	}
}

// fa219CallOfFixed reports a call (a URL-building helper) whose arguments
// carrying request data all start with a fixed path or host:
// `settings.frontend_url(f"/auth/{slug}")`.
func fa219CallOfFixed(m *analyzer.Module, fn *analyzer.Function, flow *taintFlow, n *pyast.Node) bool {
	n = pyast.Unparen(n)
	if !n.Is("call") || taintDefaultPropagators[calledName(m, n)] {
		return false
	}
	recv, method := methodCall(n)
	if recv != nil && (taintStringMethods[method] || method == "format" || method == "replace" || len(flow.Of(recv)) > 0) {
		return false
	}
	if taintRequestRead(m, fn, n) {
		return false
	}
	fixed := 0
	for _, a := range n.ChildByField("arguments").NamedChildren() {
		if a.Is("keyword_argument") {
			a = a.ChildByField("value")
		}
		if len(flow.Data(a)) > 0 {
			if !fa219FixedHost(m, fn, a, 0) {
				return false
			}
			fixed++
		}
	}
	return fixed > 0
}

// fa219LabelRoot is the first identifier of a taint label ("body.next" → "body").
func fa219LabelRoot(label string) string {
	end := strings.IndexFunc(label, func(r rune) bool {
		return !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	})
	if end < 0 {
		return label
	}
	return label[:end]
}

// fa219Names lists the identifiers and dotted names inside an expression.
func fa219Names(n *pyast.Node) []string {
	var out []string
	n.Walk(func(c *pyast.Node) bool {
		switch c.Kind {
		case "identifier":
			out = append(out, c.Text())
		case "attribute":
			if d := pyast.DottedName(c); d != "" {
				out = append(out, d)
			}
		}
		return true
	})
	return out
}

// fa219FixedHost reports URLs whose text starts with a literal path ("/x",
// not "//") or a literal scheme and host followed by "/": they cannot leave
// the host whatever is interpolated after.
func fa219FixedHost(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node, depth int) bool {
	n = pyast.Unparen(n)
	if depth > 4 || n == nil {
		return false
	}
	switch n.Kind {
	case "string":
		return fa219SafePrefix(fa219LiteralPrefix(n))
	case "concatenated_string":
		return fa219FixedHost(m, fn, n.NamedChild(0), depth+1)
	case "binary_operator":
		if n.ChildByField("operator").Type() == "+" || n.ChildByField("operator").Type() == "%" {
			return fa219FixedHost(m, fn, n.ChildByField("left"), depth+1)
		}
	case "call":
		if recv, method := methodCall(n); method == "format" && pyast.IsString(recv) {
			return fa219FixedHost(m, fn, recv, depth+1)
		}
	case "identifier":
		if v := boundLiteral(m, fn, n); v != nil && v != n {
			return fa219FixedHost(m, fn, v, depth+1)
		}
	}
	return false
}

// fa219LiteralPrefix returns the literal text of a string up to its first
// interpolation.
func fa219LiteralPrefix(s *pyast.Node) string {
	var b strings.Builder
	for _, c := range s.Children {
		switch c.Kind {
		case "string_content", "escape_sequence":
			b.WriteString(c.Text())
		case "interpolation":
			return b.String()
		}
	}
	return b.String()
}

func fa219SafePrefix(p string) bool {
	if strings.HasPrefix(p, "/") {
		return len(p) > 1 && p[1] != '/' && p[1] != '\\'

	}
	for _, scheme := range []string{"https://", "http://"} {
		if rest, ok := strings.CutPrefix(p, scheme); ok {
			host, _, found := strings.Cut(rest, "/")
			return found && host != "" && !strings.ContainsAny(host, "@\\")
		}
	}
	return false
}

// guardedBefore reports whether fn checks one of names before node: a
// membership test (`x in ALLOWED`, `x not in ALLOWED`, `urlparse(x).netloc in HOSTS`),
// a `x.startswith(...)`/`is_relative_to(...)` test, or a call of a
// `*safe*`/`*allowed*`/`*valid*`/`*check*` helper on it. Shared with FA216.
func guardedBefore(m *analyzer.Module, fn *analyzer.Function, names []string, node *pyast.Node) bool {
	want := map[string]bool{}
	for _, n := range names {
		if n != "" {
			want[n] = true
		}
	}
	mentions := func(n *pyast.Node) bool {
		found := false
		n.Walk(func(c *pyast.Node) bool {
			if found {
				return false
			}
			switch c.Kind {
			case "identifier":
				found = want[c.Text()]
			case "attribute":
				if want[pyast.DottedName(c)] {
					found = true
				}
			}
			return !found
		})
		return found
	}
	// names derived from a checked one: parsed = urlparse(url)
	fn.Body().Walk(func(n *pyast.Node) bool {
		if n.StartByte >= node.StartByte || n.Is("function_definition", "class_definition", "lambda") {
			return false
		}
		if n.Is("assignment") {
			if l := n.ChildByField("left"); l.Is("identifier") && mentions(n.ChildByField("right")) {
				want[l.Text()] = true
			}
		}
		return true
	})
	hostPart := func(n *pyast.Node) bool {
		found := false
		n.Walk(func(c *pyast.Node) bool {
			if c.Is("attribute") {
				switch c.ChildByField("attribute").Text() {
				case "netloc", "hostname", "host", "scheme":
					if mentions(c.ChildByField("object")) {
						found = true
					}
				}
			}
			return !found
		})
		return found
	}
	guarded := false
	fn.Body().Walk(func(n *pyast.Node) bool {
		if guarded || n.StartByte >= node.StartByte {
			return false
		}
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "comparison_operator":
			ops := ""
			for _, c := range n.Children {
				if !c.Named {
					ops += " " + c.Text()
				}
			}
			if strings.Contains(ops, "in") && mentions(n.NamedChild(0)) {
				guarded = true
			}
			if (strings.Contains(ops, "==") || strings.Contains(ops, "!=")) && hostPart(n) {
				guarded = true // urlparse(url).netloc == urlparse(origin).netloc
			}
		case "call":
			callee := pyast.Callee(n)
			recv, method := methodCall(n)
			switch {
			case method == "startswith" || method == "is_relative_to" || method == "relative_to":
				if mentions(recv) || mentions(n.ChildByField("arguments")) {
					guarded = true
				}
			default:
				name := strings.ToLower(analyzer.LastPart(pyast.DottedName(callee)))
				if (strings.Contains(name, "safe") || strings.Contains(name, "allowed") || strings.Contains(name, "valid") ||
					strings.Contains(name, "check") || name == "commonpath") && mentions(n.ChildByField("arguments")) {
					guarded = true
				}
			}
		}
		return !guarded
	})
	return guarded
}
