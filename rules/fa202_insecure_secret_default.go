package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA202 = register(&analyzer.Rule{
	Code: "FA202", Name: "insecure-secret-default", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 7.5, CWE: []string{"CWE-1188", "CWE-798"}, Since: "0.1.0",
	Summary: "A secret setting read from the environment falls back to a literal, so the app silently runs with a public key or password when the variable is unset.",
	Doc: analyzer.Doc{
		What: "Reports the literal fallback of a secret-like setting: `os.getenv(\"SECRET_KEY\", \"changeme\")`, " +
			"`os.environ.get(\"JWT_SECRET\", \"...\")`, `os.environ.setdefault(...)`, `os.getenv(\"DB_PASSWORD\") or \"postgres\"`, " +
			"python-decouple's `config(\"SECRET_KEY\", default=\"...\")`, Starlette's `Config(...)(\"SECRET_KEY\", default=\"...\")`, " +
			"environs' `env.str(\"SECRET_KEY\", \"...\")`, and fields of a pydantic `BaseSettings` class (directly or through project " +
			"base classes in other modules) with a secret-like name and a literal default (`SECRET_KEY: str = \"changeme\"`, " +
			"`jwt_secret: str = Field(\"dev\")`).\n\n" +
			"Secret-like names are those FA201 uses: signing keys (`SECRET_KEY`, `JWT_SECRET`, `PRIVATE_KEY`), passwords " +
			"(`DB_PASSWORD`), credentials (`API_KEY`, `GITHUB_TOKEN`). Placeholders such as `\"changeme\"` or `\"xxx\"` are reported: " +
			"they are the value the app runs with.\n\n" +
			"The rule is tagged CWE-1188 (insecure default initialization) and CWE-798 (hard-coded credentials): the default is " +
			"both a weak initial value and a secret written in the code.",
		Why: "When the variable is missing — a new deployment, a renamed variable, a typo in the manifest — the application does not fail: " +
			"it starts with a key everyone who has seen the repository knows. With a known signing key anyone can forge session cookies " +
			"and JWTs for any user; with a known database password anyone on the network can log in.",
		Example: "SECRET_KEY = os.getenv(\"SECRET_KEY\", \"changeme\")\n\nclass Settings(BaseSettings):\n    jwt_secret: str = \"dev-secret\"\n",
		UseInstead: "SECRET_KEY = os.environ[\"SECRET_KEY\"]  # fails at startup when unset\n\nclass Settings(BaseSettings):\n" +
			"    jwt_secret: SecretStr  # required: no default\n",
		Limits: "Not reported: empty-string and `None` defaults, file paths (`\"/run/secrets/key.pem\"`), dummy API keys made of placeholder " +
			"words (`\"your-api-key-here\"`: such a key grants nothing), defaults that the module refuses to run with " +
			"(`if SECRET_KEY == \"changeme\": raise RuntimeError(...)`, also in a validator; a check in another module is not seen), " +
			"the access key of an access/secret key pair (`MINIO_ACCESS_KEY` next to `MINIO_SECRET_KEY`: it names the account, the secret " +
			"key's default is reported), and " +
			"settings classes whose base is a library class other than pydantic's `BaseSettings`. Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/1188.html",
			"https://cwe.mitre.org/data/definitions/798.html",
			"https://docs.pydantic.dev/latest/concepts/pydantic_settings/",
			"https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html",
		},
	},
	CheckModule: checkInsecureSecretDefault,
})

// fa202EnvReader describes a call that reads a setting from the environment:
// where its name and its default are.
type fa202EnvReader struct {
	defaultPos int    // positional index of the default
	defaultKw  string // keyword of the default
}

var fa202EnvReaders = map[string]fa202EnvReader{
	"os.getenv":               {1, "default"},
	"os.environ.get":          {1, "default"},
	"os.environ.setdefault":   {1, "default"},
	"os.environ.pop":          {1, "default"},
	"decouple.config":         {1, "default"},
	"decouple.AutoConfig":     {1, "default"},
	"starlette.config.Config": {2, "default"},
	"environs.Env":            {1, "default"},
	"environs.Env.str":        {1, "default"},
}

// fa202ReaderOf returns the reader a call is, by its qualified name or the
// class of the instance it calls (`config = Config(".env")`; `config(...)`).
func fa202ReaderOf(m *analyzer.Module, fn *analyzer.Function, call *pyast.Node) (fa202EnvReader, string, bool) {
	q := calledName(m, call)
	if r, ok := fa202EnvReaders[q]; ok && q != "starlette.config.Config" && q != "environs.Env" && q != "decouple.AutoConfig" {
		return r, q, true
	}
	callee := pyast.Unparen(pyast.Callee(call))
	if callee.Is("identifier") {
		if ctor := taintConstructorOf(m, fn, callee.Text()); ctor != "" {
			if r, ok := fa202EnvReaders[ctor]; ok {
				return r, callee.Text(), true
			}
		}
	}
	if q := taintCallName(m, fn, call); q == "environs.Env.str" {
		return fa202EnvReaders[q], pyast.DottedName(callee), true
	}
	return fa202EnvReader{}, "", false
}

func checkInsecureSecretDefault(pass *analyzer.Pass) {
	if pass.IsTest() {
		return
	}
	m := pass.Module
	refusals := fa202Refusals(m)
	for _, call := range m.Nodes("call") {
		fn := m.EnclosingFunction(call)
		reader, label, ok := fa202ReaderOf(m, fn, call)
		if !ok {
			continue
		}
		nameNode := pyast.Arg(call, 0)
		if nameNode == nil {
			nameNode = pyast.Kwarg(call, "key")
		}
		def := pyast.Kwarg(call, reader.defaultKw)
		if def == nil {
			def = pyast.Arg(call, reader.defaultPos)
		}
		if def == nil {
			// `os.getenv("X") or "fallback"`
			def = fa202OrFallback(call)
		}
		fa202Check(pass, refusals, call, nameNode, def, label)
	}
	for _, c := range m.Classes {
		fa202CheckSettings(pass, refusals, c)
	}
}

// fa202OrFallback returns "fallback" in `reader(...) or "fallback"`.
func fa202OrFallback(call *pyast.Node) *pyast.Node {
	n, p := call, call.Up()
	for p.Is("parenthesized_expression") {
		n, p = p, p.Up()
	}
	if p.Is("boolean_operator") && p.ChildByField("left") == n && p.ChildByField("operator").Type() == "or" {
		return p.ChildByField("right")
	}
	return nil
}

// fa202Check reports a literal default of a secret-like environment read.
func fa202Check(pass *analyzer.Pass, refusals secretRefusals, call, nameNode, def *pyast.Node, reader string) {
	def = pyast.Unparen(def)
	if def == nil || !pyast.IsString(def) || pyast.IsFString(def) {
		return
	}
	v, ok := pyast.StringValue(def)
	if !ok {
		return
	}
	name, _ := pyast.StringValue(nameNode)
	target := fa202Owner(fa202Outer(call))
	kind := secretKindOf(name)
	if kind == secretNone {
		if name != "" && !secretEnvNameRE.MatchString(name) {
			return
		}
		name = target
		kind = secretKindOf(name)
	}
	if kind == secretNone || !fa202InsecureValue(kind, name, v) || refusals.refused(target, v) || refusals.refused(name, v) ||
		isPairedAccessKey(pass.Module, name) {
		return
	}
	pass.Report(def, "%s", fa202Message(kind, name, fmt.Sprintf("`%s(...)`", reader)))
}

// fa202Owner names what a value is assigned to or passed as ("" if neither).
func fa202Owner(n *pyast.Node) string {
	p := n.Up()
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

// fa202Outer climbs from a call to the expression an assignment or keyword
// holds: through `or` fallbacks, parentheses and `.encode()`-like chains.
func fa202Outer(n *pyast.Node) *pyast.Node {
	for {
		p := n.Up()
		switch {
		case p.Is("parenthesized_expression"), p.Is("boolean_operator"):
			n = p
		case p.Is("attribute") && p.Up().Is("call"):
			n = p.Up()
		case p.Is("argument_list") && p.Up().Is("call") && fa202Wrapper(p.Up()):
			n = p.Up()
		default:
			return n
		}
	}
}

// fa202Wrapper reports conversions around an env read: str(...), SecretStr(...).
func fa202Wrapper(call *pyast.Node) bool {
	switch analyzer.LastPart(pyast.DottedName(pyast.Callee(call))) {
	case "str", "bytes", "SecretStr", "SecretBytes", "Secret":
		return true
	}
	return false
}

// fa202InsecureValue reports whether a literal default is one the app would
// really run with: not empty, not None-like, not a file path, not an
// unusable dummy API key.
func fa202InsecureValue(kind secretKind, name, v string) bool {
	t := strings.TrimSpace(v)
	if t == "" || fa202NotASecretName(name) || isHashLooking(t) {
		return false
	}
	if _, err := strconv.ParseFloat(t, 64); err == nil {
		return false // a number: OPENAI_MAX_TOKENS=1000, not a key
	}
	switch strings.ToLower(t) {
	case "none", "null", "undefined", "nil":
		return false
	}
	if secretPathRE.MatchString(t) || secretHeaderRE.MatchString(t) {
		return false
	}
	if kind == secretCredential && (isDummyCredential(t) || isPlaceholderSecret(t)) {
		return false
	}
	if secretEnvNameRE.MatchString(t) && t != strings.ToUpper(name) && secretKindOf(t) != secretNone {
		return false // the default names another variable: os.getenv("JWT_SECRET", "SECRET_KEY") is odd but not a value
	}
	return true
}

// fa202NotASecretName reports secret-like names that hold no production
// secret: test and smoke-test credentials, stored hashes, token counts.
func fa202NotASecretName(name string) bool {
	words := secretNameWords(name)
	for _, w := range words {
		switch w {
		case "test", "tests", "testing", "smoke", "mock", "fake", "dummy", "example", "sample", "fixture",
			"hash", "hashed", "digest", "max", "min", "num", "count", "limit", "total":
			return true
		}
	}
	return false
}

func fa202Message(kind secretKind, name, where string) string {
	what := "a signing key anyone with the code can use to forge tokens and sessions"
	switch kind {
	case secretPassword:
		what = "a password anyone with the code can log in with"
	case secretCredential:
		what = "a credential anyone with the code can use"
	}
	return fmt.Sprintf("secret `%s` falls back to a literal in %s, so when the variable is unset the app silently runs with %s; remove the default so startup fails without it (`os.environ[\"%s\"]`, or a required settings field)",
		name, where, what, secretEnvName(name))
}

// fa202Refusals extends the module's refusals with checks whose raise is
// nested in the branch (`if value == "changethis": if env != "local": raise ...`).
func fa202Refusals(m *analyzer.Module) secretRefusals {
	r := collectSecretRefusals(m)
	for _, kind := range []string{"if_statement", "elif_clause"} {
		for _, n := range m.Nodes(kind) {
			raises := false
			n.ChildByField("consequence").Walk(func(c *pyast.Node) bool {
				if c.Kind == "raise_statement" {
					raises = true
				}
				if c.Kind == "call" {
					switch calledName(m, c) {
					case "sys.exit", "os._exit":
						raises = true
					}
				}
				return !raises
			})
			if !raises {
				continue
			}
			n.ChildByField("condition").Walk(func(c *pyast.Node) bool {
				if v, ok := pyast.StringValue(c); ok && c.Is("string", "concatenated_string") {
					r.values[v] = true
				}
				return true
			})
		}
	}
	return r
}

// fa202SettingsBases are the pydantic settings classes.
var fa202SettingsBases = map[string]bool{
	"pydantic_settings.BaseSettings": true, "pydantic_settings.main.BaseSettings": true,
	"pydantic.BaseSettings": true, "pydantic.env_settings.BaseSettings": true, "pydantic.v1.BaseSettings": true,
	"pydantic.v1.env_settings.BaseSettings": true,
}

// fa202SettingsVerdict says whether a class of this module is a settings
// class: yes, no, or maybe (a base in another project module).
func fa202SettingsVerdict(m *analyzer.Module, c *analyzer.Class, depth int) (yes bool, remote []string) {
	if depth > 8 {
		return false, nil
	}
	for _, b := range c.Bases {
		switch {
		case fa202SettingsBases[b]:
			return true, nil
		case analyzer.ModuleOf(b) == m.Name:
			if lc := m.ClassNamed(analyzer.LastPart(b)); lc != nil && lc != c {
				y, r := fa202SettingsVerdict(m, lc, depth+1)
				if y {
					return true, nil
				}
				remote = append(remote, r...)
			}
		case m.IsProjectSymbol(b):
			remote = append(remote, b)
		}
	}
	return false, remote
}

// fa202ProjectSettings decides in the project phase whether a project class
// derives from BaseSettings.
func fa202ProjectSettings(p *analyzer.Project, q string, depth int) bool {
	c := p.Class(q)
	if c == nil || depth > 8 {
		return fa202SettingsBases[p.Canonical(q)]
	}
	for _, b := range c.Bases {
		if fa202SettingsBases[b] || fa202ProjectSettings(p, b, depth+1) {
			return true
		}
	}
	return false
}

// fa202CheckSettings reports literal defaults of secret-like fields of a
// BaseSettings class.
func fa202CheckSettings(pass *analyzer.Pass, refusals secretRefusals, c *analyzer.Class) {
	m := pass.Module
	for _, w := range secretNameWords(c.Name) {
		if w == "test" || w == "tests" || w == "testing" {
			return // TestSettings: the configuration of the test suite
		}
	}
	if last := analyzer.LastPart(m.Name); strings.HasPrefix(last, "test") {
		return // settings/test.py
	}
	type cand struct {
		at  *pyast.Node
		msg string
	}
	var cands []cand
	for _, f := range c.Fields {
		val := pyast.Unparen(f.Value)
		name := f.Name
		if val.Is("call") {
			switch analyzer.LastPart(calledName(m, val)) {
			case "Field", "SecretStr", "SecretBytes":
				for _, kw := range []string{"alias", "validation_alias", "env"} {
					if s, ok := pyast.StringValue(pyast.Kwarg(val, kw)); ok && secretKindOf(name) == secretNone {
						name = s
					}
				}
				d := pyast.Kwarg(val, "default")
				if d == nil {
					d = pyast.Arg(val, 0)
				}
				val = pyast.Unparen(d)
			default:
				continue
			}
		}
		if !pyast.IsString(val) || pyast.IsFString(val) {
			continue
		}
		v, ok := pyast.StringValue(val)
		kind := secretKindOf(name)
		if !ok || kind == secretNone || !fa202InsecureValue(kind, name, v) || refusals.refused(f.Name, v) || isPairedAccessKey(m, name) {
			continue
		}
		cands = append(cands, cand{val, fa202Message(kind, name, fmt.Sprintf("the default of settings field `%s.%s`", c.Name, f.Name))})
	}
	if len(cands) == 0 {
		return
	}
	yes, remote := fa202SettingsVerdict(m, c, 0)
	for _, cd := range cands {
		if yes {
			pass.Report(cd.at, "%s", cd.msg)
			continue
		}
		if len(remote) == 0 {
			continue
		}
		msg, bases := cd.msg, remote
		pass.ReportWhen(cd.at, func(p *analyzer.Project) string {
			for _, b := range bases {
				if fa202ProjectSettings(p, b, 0) {
					return msg
				}
			}
			return ""
		})
	}
}
