package rules

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA214 = register(&analyzer.Rule{
	Code: "FA214", Name: "timing-unsafe-compare", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityWarning,
	Precision: "medium", SecuritySeverity: 5.5, CWE: []string{"CWE-208"}, Since: "0.1.0",
	Summary: "A token, API key, HMAC digest or signature is compared with `==`/`!=` instead of a constant-time comparison.",
	Doc: analyzer.Doc{
		What: "Reports `==` and `!=` comparisons where one side reads a token, API key, secret, HMAC digest or signature by its name " +
			"(`token`, `api_key`, `x_api_key`, `settings.API_KEY`, `request.headers.get(\"X-API-Key\")`, `signature`, `expected_sig`, " +
			"`digest`, `hmac`) and the other side is a value from elsewhere, e.g. `if api_key != settings.API_KEY:` or " +
			"`if hmac.new(key, body, sha256).hexdigest() == signature:`.",
		Why: "`==` on strings and bytes stops at the first differing byte, so the time a rejected request takes tells how many leading " +
			"bytes of the guess were right. Over many requests an attacker can recover an API key, webhook signature or token byte by " +
			"byte. `hmac.compare_digest` (or `secrets.compare_digest`) takes the same time whatever the inputs.",
		Example: "@router.post(\"/webhook\")\nasync def webhook(request: Request, x_signature: str = Header(...)):\n" +
			"    expected = hmac.new(SECRET, await request.body(), hashlib.sha256).hexdigest()\n    if expected != x_signature:\n" +
			"        raise HTTPException(status_code=401)\n",
		UseInstead: "    if not hmac.compare_digest(expected, x_signature):\n        raise HTTPException(status_code=401)\n",
		Limits: "Secrets are recognised by name; a token held in a variable named otherwise is missed. Not reported: password compares " +
			"(FA204's), comparisons with `None`, numbers, booleans, empty strings and placeholder literals, results of `len()`/`type()`/" +
			"`isinstance()`, names that only describe a token (`token_type`, `token_url`, `page_token`), comparisons inside SQL " +
			"expression builders (`.filter(User.api_key == key)`, `.where(...)`) and on class attributes (`Token.value == x`, a column), " +
			"comparisons in `__eq__`, change detection (one side named `old_`/`new_`/`before_`/`after_`/`existing_`), " +
			"lock, lease and guard ownership checks (one side named `owner_token`, `lock_token`, `guard_token`, `current_holder`), " +
			"both sides read from one object, `self.UPPER_CASE` settings checks, comprehension variables compared with a key name, " +
			"string literals shorter than 8 characters or containing spaces, and tests, scripts, migrations and CLIs.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/208.html",
			"https://docs.python.org/3/library/hmac.html#hmac.compare_digest",
			"https://docs.python.org/3/library/secrets.html#secrets.compare_digest",
		},
	},
	CheckModule: checkTimingUnsafeCompare,
})

// fa214SigWords are head nouns of MACs and signatures.
var fa214SigWords = map[string]bool{
	"signature": true, "signatures": true, "sig": true, "hmac": true, "mac": true, "digest": true, "hexdigest": true,
}

// fa214MacQualifiers make a `digest` a MAC: `expected_digest`, `hmac_digest`.
var fa214MacQualifiers = map[string]bool{
	"hmac": true, "mac": true, "signature": true, "sig": true, "webhook": true, "expected": true, "computed": true,
	"received": true, "provided": true, "request": true, "header": true, "calculated": true, "given": true,
}

// fa214QueryMethods build SQL/ODM expressions from comparisons: the `==`
// inside them is a column expression, compared by the database.
var fa214QueryMethods = map[string]bool{
	"filter": true, "where": true, "filter_by": true, "having": true, "join": true, "outerjoin": true,
	"and_": true, "or_": true, "not_": true, "select": true, "exclude": true, "find": true, "find_one": true,
	"get_or_none": true, "first": true, "one_or_none": true, "delete": true, "update": true, "count": true,
	"case": true, "Q": true, "query": true, "get": true, "exists": true, "find_many": true, "find_all": true,
}

// fa214OwnershipWords name tokens that mark who holds a lock, lease or
// guard: the process compares its own random value, no caller guesses it.
var fa214OwnershipWords = map[string]bool{
	"owner": true, "holder": true, "lock": true, "lease": true, "guard": true, "fencing": true, "mutex": true,
}

// fa214Sentinels are literal values a token is compared with to detect a
// missing or malformed value, not to authenticate.
var fa214Sentinels = map[string]bool{
	"null": true, "none": true, "undefined": true, "bearer": true, "basic": true, "true": true, "false": true,
}

func checkTimingUnsafeCompare(pass *analyzer.Pass) {
	m := pass.Module
	if !isAppCode(m) {
		return // tests, scripts, migrations and CLIs do not answer attackers' requests
	}
	for _, cmp := range m.Nodes("comparison_operator") {
		if fa214InQueryOrEq(m, cmp) {
			continue
		}
		for _, pair := range comparisonPairs(cmp, "==", "!=") {
			a, b := pyast.Unparen(pair[0]), pyast.Unparen(pair[1])
			if isPasswordExpr(a) || isPasswordExpr(b) {
				continue // FA204's
			}
			what := fa214Secret(a)
			if what == "" {
				what = fa214Secret(b)
			}
			if what == "" || fa214Ignored(a) || fa214Ignored(b) || fa214Internal(a, b) {
				continue
			}
			pass.Report(cmp, "%s", fmt.Sprintf("%s compared with `==`/`!=` in `%s` leaks through timing how much of a guess is right; use `hmac.compare_digest(a, b)` (or `secrets.compare_digest`)",
				what, truncateExpr(cmp.Text())))
			break
		}
	}
}

// fa214Secret names what a compared expression holds ("API key `api_key`"),
// or "" when it is no token, key or signature.
func fa214Secret(n *pyast.Node) string {
	name := valueExprName(n)
	if name == "" {
		// hmac.new(...).hexdigest(), hashlib.sha256(...).digest()
		if _, method := methodCall(n); method == "hexdigest" || method == "digest" {
			if strings.HasPrefix(pyast.DottedName(pyast.Callee(pyast.Callee(n).ChildByField("object"))), "hmac.") {
				return "HMAC digest `" + truncateExpr(n.Text()) + "`"
			}
		}
		return ""
	}
	label := "`" + truncateExpr(n.Text()) + "`"
	switch secretKindOf(name) {
	case secretCredential:
		words := secretNameWords(name)
		if len(words) > 0 && (words[len(words)-1] == "key" || words[len(words)-1] == "keys") {
			return "API key " + label
		}
		return "token " + label
	case secretSigning:
		return "secret " + label
	case secretPassword:
		return ""
	}
	words := secretNameWords(name)
	for len(words) > 1 && secretTrailers[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) == 0 || !fa214SigWords[words[len(words)-1]] {
		return ""
	}
	last, quals := words[len(words)-1], words[:len(words)-1]
	macQualified := false
	for _, q := range quals {
		if secretNotQualifiers[q] || q == "file" || q == "content" || q == "etag" || q == "image" || q == "type" || q == "magic" {
			return ""
		}
		if fa214MacQualifiers[q] {
			macQualified = true
		}
	}
	if (last == "digest" || last == "hexdigest") && !macQualified {
		return "" // a content hash (cache keys, ETags, checksums) is no secret
	}
	return "signature " + label
}

// fa214Ignored reports a side that makes the comparison no secret check:
// None, numbers, booleans, empty and sentinel strings, len()/type() & co.
func fa214Ignored(n *pyast.Node) bool {
	if n.Is("none", "true", "false", "integer", "float", "ellipsis") {
		return true
	}
	if s, ok := stringOrBytesLiteral(n); ok {
		// Messages ("No token found") and short sentinels are no secret.
		return len(s) < 8 || strings.ContainsAny(s, " \t") || fa214Sentinels[strings.ToLower(s)] || isPlaceholderSecret(s)
	}
	if n.Is("binary_operator") && pyast.IsLiteral(n.ChildByField("left")) && pyast.IsLiteral(n.ChildByField("right")) {
		return true // "*" * 8: a mask
	}
	if n.Is("string") {
		return false // f-string
	}
	if n.Is("call") {
		switch pyast.DottedName(pyast.Callee(n)) {
		case "len", "type", "isinstance", "bool", "int", "str.lower", "hash", "id":
			return true
		}
		if _, method := methodCall(n); method == "startswith" || method == "endswith" || method == "count" || method == "find" {
			return true
		}
	}
	if n.Is("subscript") && n.ChildByField("subscript").Is("slice") {
		return true // a prefix check: content[:4] == magic_signature
	}
	if n.Is("attribute") {
		// Model.column (a capitalised class name) or an Enum member
		obj := n.ChildByField("object")
		if obj.Is("identifier") {
			if r := []rune(obj.Text()); len(r) > 0 && unicode.IsUpper(r[0]) && strings.ToUpper(obj.Text()) != obj.Text() {
				return true
			}
		}
	}
	return false
}

// fa214InQueryOrEq reports comparisons that are arguments of SQL/ODM
// expression builders, or inside an `__eq__`.
func fa214InQueryOrEq(m *analyzer.Module, cmp *pyast.Node) bool {
	if fn := m.EnclosingFunction(cmp); fn != nil && (fn.Name == "__eq__" || fn.Name == "__ne__") {
		return true
	}
	for p := cmp.Up(); p != nil; p = p.Parent {
		switch p.Kind {
		case "call":
			callee := pyast.Callee(p)
			name := pyast.DottedName(callee)
			if callee.Is("attribute") {
				name = callee.ChildByField("attribute").Text()
			}
			if fa214QueryMethods[analyzer.LastPart(name)] {
				return true
			}
		case "function_definition", "class_definition", "lambda", "block", "module":
			return false
		}
	}
	return false
}

// fa214Internal reports comparisons that no request times: both sides read
// from one object (`self.REFRESH_SECRET_KEY == self.SECRET_KEY`), a settings
// constant checked against a default (`self.SECRET_KEY != ...`), or a
// comprehension variable compared with a key name (`k != account_key`).
func fa214Internal(a, b *pyast.Node) bool {
	ra, rb := fa204Root(a), fa204Root(b)
	if ra != "" && ra == rb {
		return true
	}
	for _, side := range []*pyast.Node{a, b} {
		// change detection: old_secret == item.secret, before_signature != after_signature;
		// lock ownership: current_holder == owner_token, entry["token"] == guard_token
		for _, w := range secretNameWords(valueExprName(side)) {
			if w == "old" || w == "new" || w == "before" || w == "after" || w == "existing" || fa214OwnershipWords[w] {
				return true
			}
		}
		if side.Is("attribute") && fa204Root(side) == "self" {
			if attr := side.ChildByField("attribute").Text(); attr == strings.ToUpper(attr) {
				return true
			}
		}
		if side.Is("identifier") && fa214ComprehensionVar(side) {
			return true
		}
	}
	return false
}

// fa214ComprehensionVar reports an identifier bound by an enclosing
// comprehension's `for` clause.
func fa214ComprehensionVar(id *pyast.Node) bool {
	for p := id.Up(); p != nil; p = p.Parent {
		switch p.Kind {
		case "list_comprehension", "set_comprehension", "dictionary_comprehension", "generator_expression":
			for _, c := range p.NamedChildren() {
				if !c.Is("for_in_clause") {
					continue
				}
				left := c.ChildByField("left")
				found := false
				left.Walk(func(n *pyast.Node) bool {
					if n.Is("identifier") && n.Text() == id.Text() {
						found = true
					}
					return !found
				})
				if found {
					return true
				}
			}
		case "function_definition", "lambda", "block":
			return false
		}
	}
	return false
}
