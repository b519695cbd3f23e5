package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA207 = register(&analyzer.Rule{
	Code: "FA207", Name: "insecure-token", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 9.0, CWE: []string{"CWE-330", "CWE-287"}, Since: "0.1.0",
	Summary: "An authentication token is built from user data (a user name, an email, an id, base64 of them) or from predictable randomness (`random`, `uuid1`, the clock) instead of being signed or drawn from `secrets`.",
	Doc: analyzer.Doc{
		What: "Looks at the values that are tokens — the value of a token-like dict key or keyword argument (`{\"access_token\": ...}`, " +
			"`Token(access_token=...)`), an assignment to a token-like name (`token = ...`, `user.api_key = ...`), " +
			"a `set_cookie(\"session\", ...)` value, and what a token-making function returns (`def generate_token(): ...`) — and reports " +
			"those that carry:\n\n" +
			"- user data: a user name, email, login or user id (`user.username`, `form_data.username`, `user.email`, `current_user.id`), " +
			"also through f-strings, concatenation, `str()`, `base64.b64encode(...)`, `hashlib` digests and `uuid3`/`uuid5`;\n" +
			"- weak randomness: `random.*` (except `random.SystemRandom`), `numpy.random.*`, `uuid.uuid1()`, `time.time()`, " +
			"`datetime.now()`, also inside `\"\".join(random.choice(...) for _ in ...)`.\n\n" +
			"Values built with a server secret (`hashlib.sha256(user.email + SECRET_KEY)`), signed tokens (`jwt.encode(...)`), " +
			"`secrets.token_urlsafe()`/`token_hex()`, `os.urandom()` and `uuid4()` are not reported. The rule is tagged CWE-330 " +
			"(insufficiently random values) and CWE-287 (improper authentication): a token from user data is no authentication at all.",
		Why: "A bearer token is the user's identity for every later request. If it is the user name (the FastAPI tutorial's " +
			"`{\"access_token\": user.username}` is explicitly a placeholder), an email or a base64 of them, anyone can write the token " +
			"of any account. `random` is a Mersenne Twister: a few hundred outputs reveal its state and every future token; `uuid1()` " +
			"and timestamps are guessable from the clock and the host's MAC address.",
		Example: "@app.post(\"/token\")\ndef login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):\n" +
			"    user = authenticate(form_data.username, form_data.password)\n" +
			"    return {\"access_token\": user.username, \"token_type\": \"bearer\"}\n\n" +
			"def new_reset_token() -> str:\n    return \"\".join(random.choice(string.ascii_letters) for _ in range(32))\n",
		UseInstead: "@app.post(\"/token\")\ndef login(form_data: Annotated[OAuth2PasswordRequestForm, Depends()]):\n" +
			"    user = authenticate(form_data.username, form_data.password)\n" +
			"    token = jwt.encode({\"sub\": user.username, \"exp\": expires_at()}, settings.secret_key, algorithm=\"HS256\")\n" +
			"    return {\"access_token\": token, \"token_type\": \"bearer\"}\n\n" +
			"def new_reset_token() -> str:\n    return secrets.token_urlsafe(32)\n",
		Limits: "User data is recognised by name (`username`, `email`, `login`, `user_id`, `<user>.id`); a token made of other fields is " +
			"missed. Any call other than string conversions, `base64`, `hashlib` and `uuid3/uuid5` counts as making a proper token, " +
			"so helpers that do not sign are only followed when they return their argument unchanged. Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/330.html",
			"https://cwe.mitre.org/data/definitions/287.html",
			"https://docs.python.org/3/library/secrets.html",
			"https://fastapi.tiangolo.com/tutorial/security/simple-oauth2/#return-the-token",
		},
	},
	CheckModule: checkInsecureToken,
})

// fa207TokenName reports names that hold an authentication token or key:
// `token`, `access_token`, `api_key`, `session_id`, `csrf_token`.
func fa207TokenName(name string) bool {
	words := secretNameWords(name)
	if len(words) == 0 {
		return false
	}
	last := words[len(words)-1]
	if secretKindOf(name) == secretCredential && last != "credentials" && last != "credential" && last != "creds" {
		return true
	}
	return false
}

// fa207CookieName reports cookie names that hold a session or token.
func fa207CookieName(name string) bool {
	if fa207TokenName(name) {
		return true
	}
	for _, w := range secretNameWords(name) {
		switch w {
		case "session", "sessionid", "sid", "auth", "jwt", "remember":
			return true
		}
	}
	return false
}

// fa207Propagators carry user data and weak randomness into a token.
func fa207Propagator(q string) bool {
	switch {
	case strings.HasPrefix(q, "hashlib."):
		return true
	case q == "uuid.uuid3" || q == "uuid.uuid5":
		return true
	case strings.HasPrefix(q, "uuid.UUID"):
		return true
	}
	return false
}

// fa207UserObject reports names that hold a user object: `user`, `current_user`, `db_user`, `account`.
func fa207UserObject(name string) bool {
	for _, w := range secretNameWords(name) {
		switch w {
		case "user", "account", "member", "customer", "owner", "me":
			return true
		}
	}
	return false
}

var fa207IdentitySpec = &taintSpec{
	Source: func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if isIdentityExpr(n) && !pyast.Unparen(n).Is("call") {
			return []taint{{Label: truncateExpr(n.Text())}}
		}
		// user.id, current_user.pk
		if a := pyast.Unparen(n); a.Is("attribute") {
			switch a.ChildByField("attribute").Text() {
			case "id", "pk", "uuid", "guid":
				if fa207UserObject(valueExprName(a.ChildByField("object"))) {
					return []taint{{Label: truncateExpr(n.Text())}}
				}
			}
		}
		return nil
	},
	Propagator: fa207Propagator,
}

// fa207WeakRandom names the predictable source a call is, "" otherwise.
func fa207WeakRandom(q string) string {
	switch {
	case q == "":
		return ""
	case strings.HasPrefix(q, "random.SystemRandom"), q == "random.seed":
		return ""
	case strings.HasPrefix(q, "random."), strings.HasPrefix(q, "numpy.random."):
		return q + "()"
	case q == "uuid.uuid1", q == "time.time", q == "time.time_ns", q == "time.monotonic", q == "time.perf_counter":
		return q + "()"
	case strings.HasPrefix(q, "datetime.datetime.now"), strings.HasPrefix(q, "datetime.datetime.utcnow"):
		return "datetime.now()"
	}
	return ""
}

var fa207RandomSpec = &taintSpec{
	Source: func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if !n.Is("call") {
			return nil
		}
		if label := fa207WeakRandom(taintCallName(m, fn, n)); label != "" {
			return []taint{{Label: label}}
		}
		return nil
	},
	Propagator: fa207Propagator,
}

// fa207SecretSpec finds what makes a value unguessable: a server secret
// mixed in (a keyed hash) or strong randomness (`f"{user.id}.{secrets.token_urlsafe()}"`).
var fa207SecretSpec = &taintSpec{
	Source: func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if name := valueExprName(n); name != "" && !n.Is("call") {
			if k := secretKindOf(name); k == secretSigning {
				return []taint{{Label: name}}
			}
		}
		if n.Is("call") {
			switch q := taintCallName(m, fn, n); {
			case strings.HasPrefix(q, "secrets."), q == "os.urandom", q == "uuid.uuid4", strings.HasPrefix(q, "random.SystemRandom"):
				return []taint{{Label: q}}
			}
		}
		return nil
	},
	Propagator: fa207Propagator,
}

func checkInsecureToken(pass *analyzer.Pass) {
	if !isAppCode(pass.Module) {
		return // seed scripts and tests make throwaway tokens on purpose
	}
	m := pass.Module
	type flows struct{ identity, random, secret *taintFlow }
	cache := map[*analyzer.Function]*flows{}
	flowsAt := func(n *pyast.Node) *flows {
		fn := m.EnclosingFunction(n)
		if f, ok := cache[fn]; ok {
			return f
		}
		f := &flows{newTaintFlow(m, fn, fa207IdentitySpec), newTaintFlow(m, fn, fa207RandomSpec), newTaintFlow(m, fn, fa207SecretSpec)}
		cache[fn] = f
		return f
	}
	seen := map[*pyast.Node]bool{}
	check := func(value *pyast.Node, what string) {
		value = pyast.Unparen(value)
		if value == nil || seen[value] || pyast.IsLiteral(value) || value.Is("none") {
			return
		}
		seen[value] = true
		if value.Is("identifier") && fa207TokenName(value.Text()) {
			return // its assignment is checked (and reported) on its own
		}
		f := flowsAt(value)
		if f.secret.Carries(value) {
			return // keyed with a server secret
		}
		if now, pending := taintSplit(f.random.Data(value)); len(now) > 0 {
			pass.Report(value, "%s", fa207RandomMessage(what, now[0].Label))
			return
		} else if len(pending) > 0 {
			fa207Defer(pass, value, pending, func(l string) string { return fa207RandomMessage(what, l) })
			return
		}
		if now, pending := taintSplit(f.identity.Data(value)); len(now) > 0 {
			pass.Report(value, "%s", fa207IdentityMessage(what, now[0].Label, value))
		} else if len(pending) > 0 {
			fa207Defer(pass, value, pending, func(l string) string { return fa207IdentityMessage(what, l, nil) })
		}
	}
	for _, pair := range m.Nodes("pair") {
		if k, ok := pyast.StringValue(pair.ChildByField("key")); ok && fa207TokenName(k) && !inSchemaExample(pair) {
			check(pair.ChildByField("value"), fmt.Sprintf("`%s`", k))
		}
	}
	for _, kw := range m.Nodes("keyword_argument") {
		name := kw.ChildByField("name").Text()
		call := kw.Up().Up()
		if !fa207TokenName(name) || !call.Is("call") || call.Up().Is("decorator") || inSchemaExample(kw) {
			continue
		}
		// Decoding or verifying a received token is not issuing one.
		if fa207Consumes(m, call) {
			continue
		}
		check(kw.ChildByField("value"), fmt.Sprintf("`%s`", name))
	}
	for _, a := range m.Nodes("assignment") {
		left := a.ChildByField("left")
		if !left.Is("identifier", "attribute", "subscript") || a.ChildByField("right") == nil {
			continue
		}
		if name := secretTargetName(left); fa207TokenName(name) && !isModelFieldDefault(m, a) {
			check(a.ChildByField("right"), fmt.Sprintf("`%s`", truncateExpr(left.Text())))
		}
	}
	for _, call := range m.Nodes("call") {
		if _, method := methodCall(call); method == "set_cookie" {
			key := pyast.Kwarg(call, "key")
			if key == nil {
				key = pyast.Arg(call, 0)
			}
			value := pyast.Kwarg(call, "value")
			if value == nil {
				value = pyast.Arg(call, 1)
			}
			if k, ok := pyast.StringValue(key); ok && fa207CookieName(k) {
				check(value, fmt.Sprintf("cookie `%s`", k))
			}
		}
	}
	for _, fn := range m.Functions {
		if !fa207TokenMaker(fn) {
			continue
		}
		fn.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "return_statement":
				check(n.NamedChild(0), fmt.Sprintf("returned by %s()", fn.Name))
				return false
			}
			return true
		})
	}
}

// fa207TokenMaker reports functions whose name says they make a token:
// `generate_token`, `create_api_key`, `new_session_id`.
func fa207TokenMaker(fn *analyzer.Function) bool {
	words := secretNameWords(fn.Name)
	if len(words) < 2 {
		return false
	}
	switch words[0] {
	case "generate", "gen", "create", "make", "new", "issue", "mint", "random", "build":
	default:
		return false
	}
	return fa207TokenName(strings.Join(words[1:], "_"))
}

// fa207Consumes reports calls that read a received token rather than issue one.
func fa207Consumes(m *analyzer.Module, call *pyast.Node) bool {
	q := calledName(m, call)
	if strings.HasPrefix(q, "jwt.") || strings.HasPrefix(q, "fastapi.") || strings.HasPrefix(q, "httpx.") || strings.HasPrefix(q, "requests.") {
		return true
	}
	name := analyzer.LastPart(pyast.DottedName(pyast.Callee(call)))
	if c := pyast.Callee(call); c.Is("attribute") {
		name = c.ChildByField("attribute").Text()
	}
	for _, w := range secretNameWords(name) {
		switch w {
		case "decode", "verify", "validate", "check", "get", "read", "find", "lookup", "revoke", "delete", "filter", "query", "load", "parse", "by":
			return true
		}
	}
	return false
}

func fa207Defer(pass *analyzer.Pass, at *pyast.Node, pending []taint, msg func(string) string) {
	pass.ReportWhen(at, func(p *analyzer.Project) string {
		for _, t := range pending {
			if fa207RandomSpec.Holds(p, t) {
				return msg(t.Label)
			}
		}
		return ""
	})
}

func fa207RandomMessage(what, source string) string {
	why := "which is predictable (not a cryptographic generator)"
	switch source {
	case "uuid.uuid1()":
		why = "which is derived from the clock and the host's MAC address"
	case "time.time()", "time.time_ns()", "datetime.now()", "time.monotonic()", "time.perf_counter()":
		why = "which anyone can guess from the clock"
	}
	return fmt.Sprintf("authentication token %s is generated with `%s`, %s; use `secrets.token_urlsafe(32)` (or a signed token: `jwt.encode(...)`)",
		what, source, why)
}

func fa207IdentityMessage(what, source string, value *pyast.Node) string {
	how := "made of user data"
	if v := pyast.Unparen(value); v.Is("call") && strings.Contains(pyast.Callee(v).Text(), "b64encode") {
		how = "a base64 encoding of user data"
	}
	return fmt.Sprintf("authentication token %s is %s (`%s`), so anyone who knows it can forge the token of any account; issue a signed token (`jwt.encode({\"sub\": ..., \"exp\": ...}, key)`) or a random one (`secrets.token_urlsafe(32)`)",
		what, how, source)
}
