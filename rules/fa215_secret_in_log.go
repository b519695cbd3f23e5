package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA215 = register(&analyzer.Rule{
	Code: "FA215", Name: "secret-in-log", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityWarning,
	Precision: "medium", SecuritySeverity: 6.0, CWE: []string{"CWE-532"}, Since: "0.1.0",
	Summary: "A password, token or secret value is written to the logs (`print`, `logging`/`logger` calls).",
	Doc: analyzer.Doc{
		What: "Reports an argument of `print(...)`, of a `logging.debug/info/warning/error/exception/critical/log(...)` call, or of the " +
			"same methods on a logger (a name bound to `logging.getLogger(...)`/`structlog.get_logger(...)`, loguru's `logger`, or a " +
			"receiver named `logger`/`log`/`LOGGER`/`self.logger`) that carries a secret value: a variable, attribute, request-model field " +
			"or dict key whose name says it is a password, token, API key or secret (`password`, `body.password`, `settings.SECRET_KEY`, " +
			"`access_token`, `data[\"api_key\"]`), directly, inside an f-string, `%`/`.format` arguments, `+` concatenation, `str()`/`repr()`, " +
			"or through a local variable assigned once from such text (`msg = f\"login {body.password}\"; logger.info(msg)`).\n\n" +
			"Not reported: facts about a secret — its length (`len(password)`), truthiness (`bool(token)`), comparisons (`token is None`), " +
			"hashes (`hashed_password`, `password_hash`) — and masked values: a slice of a secret (`token[:4]`, `key[-4:]`) is treated as " +
			"a deliberate short prefix/suffix used to identify the secret, not the secret itself. Neither are lexical tokens (a `token` " +
			"bound only to the pieces of `text.split(...)` of a text that is no secret) and the access key of an access/secret key pair " +
			"(`access_key` next to `secret_key`, which names the account). Test files, scripts and CLIs are exempt " +
			"(a key-generation script prints its key on purpose).",
		Why: "Logs are copied to consoles, files, log aggregators, error trackers and support tickets, kept for months and read by many " +
			"more people than the database (CWE-532). A password or token written there is a credential anyone with log access can use.",
		Example:    "@router.post(\"/login\")\ndef login(body: LoginRequest):\n    logger.info(f\"login attempt {body.username} / {body.password}\")\n",
		UseInstead: "@router.post(\"/login\")\ndef login(body: LoginRequest):\n    logger.info(\"login attempt for %s\", body.username)\n",
		Limits: "Secrets are recognised by name: a value with a neutral name (`value`, `data`) holding a token is missed, and a whole " +
			"request model logged at once (`logger.info(body)`) is not reported even if it has a password field (pydantic's `SecretStr` " +
			"masks such fields). A `SecretStr` logged by name is reported although pydantic masks it. Project helpers that return a " +
			"secret are not followed, nor are locals assigned more than once or values that reach the log through a helper's return value.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/532.html",
			"https://cheatsheetseries.owasp.org/cheatsheets/Logging_Cheat_Sheet.html#data-to-exclude",
		},
	},
	CheckModule: checkSecretInLog,
})

// fa215LogMethods are the logging methods whose arguments reach the log.
var fa215LogMethods = map[string]bool{
	"debug": true, "info": true, "warning": true, "warn": true, "error": true, "exception": true, "critical": true,
	"fatal": true, "log": true,
}

var fa215LoggerFactories = map[string]bool{
	"logging.getLogger": true, "structlog.get_logger": true, "structlog.getLogger": true, "logging.LoggerAdapter": true,
	"loguru.logger.bind": true,
}

// fa215NotSecret are name words that make a secret-like name a fact about
// the secret rather than the secret.
var fa215NotSecret = []string{"hash", "hashed", "digest", "encrypted", "masked", "redacted", "len", "length", "count", "id", "ids",
	"prefix", "suffix", "hint", "exists", "set", "type", "expires", "expiry", "exp", "ttl", "url", "uri", "name", "field",
	// LLM token counts and flags about a password
	"input", "output", "max", "min", "total", "num", "prompt", "completion", "usage", "must", "change", "changed", "should",
	"needs", "force", "from", "required", "expired", "valid", "invalid"}

// fa215SecretName reports whether a name holds a secret value.
func fa215SecretName(name string) bool {
	if secretKindOf(name) == secretNone {
		return false
	}
	for _, w := range secretNameWords(name) {
		for _, n := range fa215NotSecret {
			if w == n {
				return false
			}
		}
	}
	return true
}

const fa215Masked = "masked:"

// fa215Source makes secret-named values a source.
func fa215Source(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
	switch n.Kind {
	case "identifier":
		name := n.Text()
		if _, imported := m.Imports[name]; imported {
			return nil
		}
		if _, def := m.Defs[name]; def {
			return nil
		}
		if fa215SecretName(name) && !isPairedAccessKey(m, name) && !fa215TextPiece(m, fn, n, 0) {
			return []taint{{Label: name}}
		}
	case "attribute":
		if attr := n.ChildByField("attribute").Text(); fa215SecretName(attr) && !isPairedAccessKey(m, attr) {
			return []taint{{Label: truncateExpr(n.Text())}}
		}
	case "subscript":
		sub := pyast.Unparen(n.ChildByField("subscript"))
		if k, ok := pyast.StringValue(sub); ok {
			if fa215SecretName(k) {
				return []taint{{Label: truncateExpr(n.Text())}}
			}
			return nil
		}
		if sub.Is("slice") && len(fa215Source(m, fn, pyast.Unparen(n.ChildByField("value")))) > 0 {
			return []taint{{Label: fa215Masked + n.Text()}}
		}
	}
	return nil
}

// fa215TextPiece reports a name bound only to the pieces of a split text
// that is no secret: `for part in raw.split(","): token = part.strip()` is
// a lexical token, unlike `token = header.split(" ")[1]`.
func fa215TextPiece(m *analyzer.Module, fn *analyzer.Function, id *pyast.Node, depth int) bool {
	if fn == nil || depth > 3 {
		return false
	}
	bs := m.Bindings(fn)[id.Text()]
	if len(bs) == 0 {
		return false
	}
	for _, b := range bs {
		switch b.Node.Kind {
		case "for_statement", "for_in_clause":
			if !fa215SplitsText(m, b.Node.ChildByField("right")) {
				return false
			}
		case "assignment":
			v := pyast.Unparen(b.Value)
			for v.Is("call") {
				recv, method := methodCall(v)
				if !taintStringMethods[method] || method == "split" || method == "rsplit" || method == "partition" || method == "rpartition" {
					break
				}
				v = pyast.Unparen(recv)
			}
			if !v.Is("identifier") || v.Text() == id.Text() || !fa215TextPiece(m, fn, v, depth+1) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// fa215SplitsText reports `text.split(...)` (or `re.split`, `shlex.split`)
// of a value that is itself no secret.
func fa215SplitsText(m *analyzer.Module, n *pyast.Node) bool {
	n = pyast.Unparen(n)
	if !n.Is("call") {
		return false
	}
	var text *pyast.Node
	switch calledName(m, n) {
	case "re.split", "shlex.split":
		text = pyast.Arg(n, 0)
		if calledName(m, n) == "re.split" {
			text = pyast.Arg(n, 1)
		}
	default:
		recv, method := methodCall(n)
		if method != "split" && method != "rsplit" && method != "splitlines" {
			return false
		}
		text = recv
	}
	if text == nil {
		return false
	}
	// The text must not name a secret itself (`settings.API_TOKENS.split(",")`);
	// its bindings are not followed, so a loop cannot recurse.
	secret := false
	text.Walk(func(c *pyast.Node) bool {
		switch c.Kind {
		case "identifier":
			secret = secret || fa215SecretName(c.Text())
		case "string":
			if k, ok := pyast.StringValue(c); ok {
				secret = secret || fa215SecretName(k)
			}
		}
		return !secret
	})
	return !secret
}

// fa215IsLogger reports whether a receiver is a logger.
func fa215IsLogger(m *analyzer.Module, fn *analyzer.Function, recv *pyast.Node, depth int) bool {
	recv = pyast.Unparen(recv)
	if recv == nil || depth > 3 {
		return false
	}
	switch recv.Kind {
	case "call":
		return fa215LoggerFactories[calledName(m, recv)]
	case "identifier", "attribute":
		if q := m.Resolve(recv); q == "logging" || q == "loguru.logger" || strings.HasPrefix(q, "logging.") && !strings.Contains(q[len("logging."):], ".") && q != "logging.getLogger" {
			return q == "logging" || q == "loguru.logger" || q == "logging.root"
		}
		name := recv.Text()
		if recv.Kind == "attribute" {
			name = recv.ChildByField("attribute").Text()
		}
		switch strings.ToLower(strings.TrimLeft(name, "_")) {
		case "logger", "log", "audit_logger", "access_logger", "security_logger", "app_logger":
			return true
		}
		if recv.Kind == "identifier" {
			if v := boundLiteral(m, fn, recv); v != nil && v != recv {
				return fa215IsLogger(m, fn, v, depth+1)
			}
		}
	}
	return false
}

func checkSecretInLog(pass *analyzer.Pass) {
	m := pass.Module
	if !isAppCode(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		sink := ""
		switch {
		case q == "builtins.print":
			sink = "print()"
		case strings.HasPrefix(q, "logging.") && fa215LogMethods[analyzer.LastPart(q)] && strings.Count(q, ".") == 1:
			sink = q + "()"
		default:
			recv, method := methodCall(call)
			if !fa215LogMethods[method] {
				continue
			}
			fn := m.EnclosingFunction(call)
			if !fa215IsLogger(m, fn, recv, 0) {
				continue
			}
			sink = truncateExpr(pyast.Callee(call).Text()) + "()"
		}
		fn := m.EnclosingFunction(call)
		var found *pyast.Node
		label := ""
		for _, a := range call.ChildByField("arguments").NamedChildren() {
			if a.Is("keyword_argument") {
				switch a.ChildByField("name").Text() {
				case "exc_info", "stack_info", "stacklevel", "file", "sep", "end", "flush":
					continue
				}
				a = a.ChildByField("value")
			}
			if n := fa215Find(m, fn, a, 0); n != nil {
				found, label = a, truncateExpr(n.Text())
				break
			}
			if found != nil {
				break
			}
		}
		if found == nil {
			continue
		}
		pass.Report(found, "`%s` writes the secret value `%s` to the logs, where anyone with log access can reuse it; log that it is present, its length or a short masked prefix instead, never the value",
			sink, label)
	}
}

// fa215Find returns the first secret-named value an argument shows as text,
// skipping facts about secrets (len, bool, comparisons) and masked slices.
func fa215Find(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node, depth int) *pyast.Node {
	n = pyast.Unparen(n)
	if n == nil || depth > 12 {
		return nil
	}
	switch n.Kind {
	case "identifier", "attribute", "subscript":
		for _, t := range fa215Source(m, fn, n) {
			if strings.HasPrefix(t.Label, fa215Masked) {
				return nil
			}
			return n
		}
		if n.Kind == "subscript" {
			if sub := pyast.Unparen(n.ChildByField("subscript")); !sub.Is("slice") && !pyast.IsString(sub) {
				return fa215Find(m, fn, n.ChildByField("value"), depth+1) // tokens[0]
			}
		}
		if n.Kind == "identifier" {
			// a local message built from a secret: msg = f"... {body.password}"
			if v := boundLiteral(m, fn, n); v != nil && v != n && v.Is("string", "concatenated_string", "binary_operator", "call") {
				return fa215Find(m, fn, v, depth+1)
			}
		}
		return nil
	case "string":
		for _, c := range n.Children {
			if c.Kind == "interpolation" {
				if r := fa215Find(m, fn, c.ChildByField("expression"), depth+1); r != nil {
					return r
				}
			}
		}
		return nil
	case "concatenated_string", "binary_operator", "tuple", "list", "set", "boolean_operator":
		for _, c := range n.NamedChildren() {
			if r := fa215Find(m, fn, c, depth+1); r != nil {
				return r
			}
		}
		return nil
	case "conditional_expression":
		for i, c := range n.NamedChildren() {
			if i == 1 {
				continue
			}
			if r := fa215Find(m, fn, c, depth+1); r != nil {
				return r
			}
		}
		return nil
	case "dictionary":
		for _, pair := range n.NamedChildren() {
			if !pair.Is("pair") {
				continue
			}
			v := pair.ChildByField("value")
			if k, ok := pyast.StringValue(pair.ChildByField("key")); ok && fa215SecretName(k) && !pyast.IsLiteral(v) && fa215Shown(m, v) {
				return v
			}
			if r := fa215Find(m, fn, v, depth+1); r != nil {
				return r
			}
		}
		return nil
	case "call":
		q := calledName(m, n)
		switch q {
		case "builtins.str", "builtins.repr", "builtins.format", "json.dumps":
			return fa215Find(m, fn, pyast.Arg(n, 0), depth+1)
		}
		recv, method := methodCall(n)
		if method == "format" && pyast.IsString(recv) {
			for _, a := range n.ChildByField("arguments").NamedChildren() {
				if a.Is("keyword_argument") {
					a = a.ChildByField("value")
				}
				if r := fa215Find(m, fn, a, depth+1); r != nil {
					return r
				}
			}
			return nil
		}
		if taintStringMethods[method] && method != "split" && method != "rsplit" && method != "partition" && method != "rpartition" {
			return fa215Find(m, fn, recv, depth+1)
		}
		return nil
	}
	return nil
}

// fa215Shown reports whether a dict value shows its text (not a length or a flag).
func fa215Shown(m *analyzer.Module, v *pyast.Node) bool {
	v = pyast.Unparen(v)
	switch v.Kind {
	case "comparison_operator", "not_operator":
		return false
	case "call":
		return !taintNumeric[calledName(m, v)]
	}
	return true
}
