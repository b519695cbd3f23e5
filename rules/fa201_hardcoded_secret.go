package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA201 = register(&analyzer.Rule{
	Code: "FA201", Name: "hardcoded-secret", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 8.0, CWE: []string{"CWE-798"}, Since: "0.1.0",
	Summary: "A secret key, password, token or API key is written in the code as a string literal.",
	Doc: analyzer.Doc{
		What: "Reports string literals that are secrets:\n\n" +
			"- assigned to a secret-like name (`SECRET_KEY`, `JWT_SECRET`, `DB_PASSWORD`, `API_KEY`, `GITHUB_TOKEN`, `private_key`, " +
			"`client_secret`, `self.secret_key`, `app.config[\"SECRET_KEY\"]`) at module level, in a function, or in the body of a plain class;\n" +
			"- passed as a keyword argument with such a name (`app.add_middleware(SessionMiddleware, secret_key=\"...\")`, `redis.Redis(password=\"...\")`), " +
			"as the default of a key/token parameter, or as the value of such a key in a dict literal (`{\"api_key\": \"...\"}`, " +
			"`{\"Authorization\": \"Bearer ...\"}`);\n" +
			"- passed as the key of `jwt.encode`/`jwt.decode` (PyJWT or python-jose), directly or through a module-level constant;\n" +
			"- a database or broker URL with an embedded password (`postgresql://user:pw@host/db`, `redis://:pw@host`, `amqp://u:pw@host`), anywhere;\n" +
			"- a key recognisable by its shape, anywhere: Stripe `sk_live_…`, AWS `AKIA…`, GitHub `ghp_…`, Slack `xoxb-…`, OpenAI `sk-…`, " +
			"Google `AIza…`, SendGrid `SG.…`, and PEM `-----BEGIN … PRIVATE KEY-----` blocks.\n\n" +
			"A name is secret-like by its head noun (the last word): `SECRET_KEY_ENV`, `TOKEN_URL`, `PASSWORD_MIN_LENGTH`, `token_type` " +
			"and `password_field` are not secrets. Values that name a secret rather than hold one are skipped: the name itself " +
			"(`password_field = \"password\"`), an environment variable name (`\"JWT_SECRET\"`), a header name, a file path, " +
			"`\"bearer\"`, algorithm names like `\"HS256\"`, placeholders (`\"\"`, `\"<secret>\"`, `\"${SECRET}\"`, `\"***\"`).",
		Why: "Whoever can read the code — every developer, CI system, fork, container image, or an attacker who gets the repository — " +
			"gets the secret with it, and it stays in the git history after it is changed. A known JWT or session key lets anyone forge " +
			"tokens and log in as any user; a database password or API key lets them use the database or the paid API directly. " +
			"Hard-coded secrets are also the same in every environment, so a leak of a dev checkout compromises production.",
		Example: "SECRET_KEY = \"3f9a0c1e8b7d6a5c4b3a2918f7e6d5c4\"\nDATABASE_URL = \"postgresql://app:s3cr3t@db.internal/app\"\n\n" +
			"def create_access_token(data: dict) -> str:\n    return jwt.encode(data, SECRET_KEY, algorithm=\"HS256\")\n",
		UseInstead: "import os\n\nSECRET_KEY = os.environ[\"SECRET_KEY\"]  # fails fast when unset\nDATABASE_URL = os.environ[\"DATABASE_URL\"]\n\n" +
			"# or a settings object\nfrom pydantic import SecretStr\nfrom pydantic_settings import BaseSettings\n\n" +
			"class Settings(BaseSettings):\n    secret_key: SecretStr  # no default: required from the environment\n    database_url: str\n",
		Limits: "Silent on test files (config `test-paths`) and on OpenAPI example data (`examples=`, `json_schema_extra`). " +
			"The literal fallback of `os.getenv`/`os.environ.get`/`decouple.config` and the field defaults of pydantic models and " +
			"`BaseSettings` classes are FA202's when the setting has a secret-like name; under other names (`DATABASE_URL`) FA201 still " +
			"reports URLs with a password and provider keys there. Classes whose bases it cannot see are treated like settings classes, " +
			"since they may derive from `BaseSettings`; enum members are tags, not secrets. " +
			"A placeholder is not reported when the same module refuses to run with it (`if SECRET_KEY == \"change-me\": raise ...`); " +
			"a check in another module is not seen. Dummy API keys made of placeholder words (`api_key=\"ollama\"`, `\"not-needed\"`) " +
			"and URLs inside prose or with a template host (`redis://user:password@host:port`) are skipped. " +
			"Names that call their value a stand-in (`simulated_api_key`, `fake_token`, `mock_secret`) and the access key of an " +
			"access/secret key pair (`access_key` next to `secret_key`: it names the account) are skipped. " +
			"Password-keyed dict literals and password parameter defaults are FA205's. " +
			"Literals in conditional expressions (`\"dev\" if DEBUG else ...`) and secrets built by concatenation are not followed; a " +
			"variable passed as a JWT key or a `secret=` argument is only followed to a module-level string constant.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/798.html",
			"https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/",
			"https://fastapi.tiangolo.com/advanced/settings/",
			"https://docs.pydantic.dev/latest/concepts/pydantic_settings/",
		},
	},
	CheckModule: checkHardcodedSecret,
})

// fa201Message renders the message for a secret held by a name.
func fa201Message(display, envName string, kind secretKind) string {
	return fmt.Sprintf("hard-coded secret in `%s`: anyone with the code can %s; read it from the environment / a settings object (e.g. `os.environ[\"%s\"]`)",
		truncateExpr(display), kind.consequence(), envName)
}

func checkHardcodedSecret(pass *analyzer.Pass) {
	if pass.IsTest() {
		return
	}
	m := pass.Module
	refusals := collectSecretRefusals(m)
	done := map[*pyast.Node]bool{}
	report := func(lit *pyast.Node, msg string) {
		if !done[lit] {
			done[lit] = true
			pass.Report(lit, "%s", msg)
		}
	}
	// byName reports lit when it holds a secret under a secret-like name.
	byName := func(name, display string, lit *pyast.Node) {
		kind := secretKindOf(name)
		if kind == secretNone || fa201StandInName(name) || isPairedAccessKey(m, name) {
			return
		}
		v, ok := secretLiteralText(lit)
		if !ok || isPlaceholderSecret(v) || isNameNotSecret(name, v) || refusals.refused(name, v) || inSchemaExample(lit) {
			return
		}
		if kind == secretPassword && isHashLooking(v) {
			return // a precomputed hash, not the password
		}
		if kind == secretCredential && isDummyCredential(v) {
			return // api_key="dummy" for a local server grants nothing
		}
		if kind != secretPassword && fa201TagOfName(name, v) {
			return // ACCESS_TOKEN = "access": a tag naming the kind of token
		}
		report(lit, fa201Message(display, secretEnvName(name), kind))
	}

	// constant returns the line of the string literal that a module-level
	// name holds, when that literal is a usable secret value and was not
	// reported at its assignment already.
	constant := func(id *pyast.Node, kind secretKind) (int, bool) {
		name := id.Text()
		val, isVar := m.Vars[name]
		val = pyast.Unparen(val)
		if !isVar || !pyast.IsString(val) || done[val] || fa201LocallyBound(m, id, name) {
			return 0, false
		}
		v, ok := secretLiteralText(val)
		if !ok || isPlaceholderSecret(v) || refusals.refused(name, v) || isHashLooking(v) ||
			kind == secretCredential && isDummyCredential(v) {
			return 0, false
		}
		return int(val.Start.Row) + 1, true
	}

	// Assignments: module level, functions, plain class bodies.
	for _, a := range m.Nodes("assignment") {
		right := pyast.Unparen(a.ChildByField("right"))
		if !pyast.IsString(right) || isModelFieldDefault(m, a) {
			continue
		}
		left := a.ChildByField("left")
		byName(secretTargetName(left), left.Text(), right)
	}

	// Keyword arguments: SessionMiddleware(secret_key="..."), Redis(password="...").
	for _, kw := range m.Nodes("keyword_argument") {
		val := pyast.Unparen(kw.ChildByField("value"))
		if !pyast.IsString(val) || isEnvFallback(m, val) {
			continue
		}
		name := kw.ChildByField("name").Text()
		if secretKindOf(name) == secretPassword && calledName(m, kw.Up().Up()) == "builtins.dict" {
			continue // dict(username=..., password=...) is a credentials record: FA205
		}
		byName(name, name, val)
	}

	// Key and token parameter defaults; password defaults are FA205's.
	for _, f := range m.Functions {
		for _, p := range f.Params {
			def := pyast.Unparen(p.Default)
			if k := secretKindOf(p.Name); pyast.IsString(def) && (k == secretSigning || k == secretCredential) {
				byName(p.Name, p.Name, def)
			}
		}
	}

	// Dict literals: {"api_key": "..."}, {"Authorization": "Bearer ..."}.
	for _, pair := range m.Nodes("pair") {
		key, ok := pyast.StringValue(pair.ChildByField("key"))
		val := pyast.Unparen(pair.ChildByField("value"))
		if !ok || !pyast.IsString(val) {
			continue
		}
		if strings.EqualFold(key, "authorization") || strings.EqualFold(key, "proxy-authorization") {
			v, _ := secretLiteralText(val)
			scheme, cred, found := strings.Cut(strings.TrimSpace(v), " ")
			switch strings.ToLower(scheme) {
			case "bearer", "basic", "token", "apikey":
				if found && !isPlaceholderSecret(cred) && !inSchemaExample(val) {
					report(val, fmt.Sprintf("hard-coded credential in the `%s` header: anyone with the code can use it; read the token from the environment / a settings object (e.g. `os.environ[\"API_TOKEN\"]`)", key))
				}
			}
			continue
		}
		if secretKindOf(key) == secretPassword {
			continue // password fields of dict literals are credentials: FA205
		}
		byName(key, fmt.Sprintf("%q", key), val)
	}

	// JWT keys: jwt.encode(payload, "secret"), jwt.decode(token, KEY, ...).
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		if q != "jwt.encode" && q != "jwt.decode" {
			continue
		}
		key := pyast.Kwarg(call, "key")
		if key == nil {
			key = pyast.Arg(call, 1)
		}
		key = pyast.Unparen(key)
		switch {
		case pyast.IsString(key):
			if v, ok := secretLiteralText(key); ok && !isPlaceholderSecret(v) && !refusals.refused("", v) {
				report(key, fmt.Sprintf("hard-coded key passed to %s(): anyone with the code can forge tokens; read it from the environment / a settings object (e.g. `os.environ[\"SECRET_KEY\"]`)", q))
			}
		case key.Is("identifier"):
			if line, ok := constant(key, secretSigning); ok {
				report(key, fmt.Sprintf("hard-coded key `%s` (a string literal on line %d) passed to %s(): anyone with the code can forge tokens; read it from the environment / a settings object (e.g. `os.environ[\"SECRET_KEY\"]`)",
					key.Text(), line, q))
			}
		}
	}

	// Module-level constants passed under a secret-like keyword, whatever
	// their own name: SECRET = "SECRET"; JWTStrategy(secret=SECRET).
	for _, kw := range m.Nodes("keyword_argument") {
		val := pyast.Unparen(kw.ChildByField("value"))
		name := kw.ChildByField("name").Text()
		kind := secretKindOf(name)
		if !val.Is("identifier") || kind == secretNone || kind == secretPassword && calledName(m, kw.Up().Up()) == "builtins.dict" {
			continue
		}
		if line, ok := constant(val, kind); ok {
			report(val, fmt.Sprintf("hard-coded secret `%s` (a string literal on line %d) passed as `%s=`: anyone with the code can %s; read it from the environment / a settings object (e.g. `os.environ[\"%s\"]`)",
				val.Text(), line, name, kind.consequence(), secretEnvName(name)))
		}
	}

	// By value, anywhere: URLs with a password, provider keys.
	for _, kind := range []string{"string", "concatenated_string"} {
		for _, n := range m.Nodes(kind) {
			if n.Kind == "string" && n.Up().Is("concatenated_string") {
				continue
			}
			if done[n] || isBareString(n) || inSchemaExample(n) {
				continue
			}
			v, ok := secretLiteralText(n)
			if !ok {
				continue
			}
			owner := fa201Owner(n)
			// FA202 reports the env fallbacks and settings defaults of
			// secret-like names (`os.getenv("DB_PASSWORD", ...)`); under
			// other names (`DATABASE_URL`) the URL or key is ours.
			if env, ok := envFallbackOf(m, n); ok {
				if env == "" || secretKindOf(env) != secretNone {
					continue
				}
				owner = env
			} else if isModelFieldDefault(m, n) {
				if a := n.Ancestor("assignment"); a != nil {
					owner = secretTargetName(a.ChildByField("left"))
				}
				if owner == "" || secretKindOf(owner) != secretNone {
					continue
				}
			}
			if kind, masked, env, ok := urlWithPassword(v); ok {
				if owner != "" {
					env = secretEnvName(owner)
				}
				report(n, fmt.Sprintf("hard-coded password in the %s URL `%s`: anyone with the code can connect with it; read the URL from the environment / a settings object (e.g. `os.environ[\"%s\"]`)",
					kind, truncateExpr(masked), env))
				continue
			}
			if label, env, ok := knownSecretPattern(v); ok {
				if owner != "" && (secretKindOf(owner) != secretNone || secretEnvNameRE.MatchString(owner)) {
					env = secretEnvName(owner)
				}
				report(n, fmt.Sprintf("hard-coded %s in a string literal: anyone with the code can use it; revoke it and read it from the environment / a settings object (e.g. `os.environ[\"%s\"]`)",
					label, env))
			}
		}
	}
}

// fa201Owner names what a literal is assigned to, passed as, or stored
// under ("" when it is none of these).
func fa201Owner(n *pyast.Node) string {
	p := n.Up()
	for p.Is("parenthesized_expression") {
		n, p = p, p.Up()
	}
	switch p.Type() {
	case "assignment":
		if p.ChildByField("right") == n {
			return secretTargetName(p.ChildByField("left"))
		}
	case "keyword_argument":
		return p.ChildByField("name").Text()
	case "pair":
		return secretTargetName(p.ChildByField("key"))
	}
	return ""
}

// fa201LocallyBound reports whether name is a parameter of, or assigned in,
// a function around n, so it does not refer to the module-level variable.
func fa201LocallyBound(m *analyzer.Module, n *pyast.Node, name string) bool {
	for fn := m.EnclosingFunction(n); fn != nil; fn = fn.Outer {
		if fn.Param(name) != nil {
			return true
		}
		bound := false
		fn.Body().Walk(func(c *pyast.Node) bool {
			if c.Kind == "assignment" && c.ChildByField("left").Is("identifier") && c.ChildByField("left").Text() == name {
				bound = true
			}
			if c.Kind == "global_statement" {
				return false
			}
			return !bound
		})
		if bound {
			return true
		}
	}
	return false
}

// fa201StandInName reports a name that says its value is a stand-in:
// `simulated_api_key`, `fake_token`, `mock_secret`.
func fa201StandInName(name string) bool {
	for _, w := range secretNameWords(name) {
		switch w {
		case "simulated", "fake", "dummy", "mock", "mocked":
			return true
		}
	}
	return false
}

// fa201TagOfName reports a value made only of words of the name:
// `ACCESS_TOKEN = "access"`, `REFRESH_TOKEN = "refresh_token"`.
func fa201TagOfName(name, v string) bool {
	nameWords := map[string]bool{}
	for _, w := range secretNameWords(name) {
		nameWords[w] = true
	}
	words := secretNameWords(v)
	if len(words) == 0 || secretNormal(strings.Join(words, "")) != secretNormal(v) {
		return false
	}
	for _, w := range words {
		if !nameWords[w] {
			return false
		}
	}
	return true
}
