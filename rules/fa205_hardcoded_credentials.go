package rules

import (
	"regexp"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA205 = register(&analyzer.Rule{
	Code: "FA205", Name: "hardcoded-credentials", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 8.5, CWE: []string{"CWE-798"}, Since: "0.1.0",
	Summary: "User names and passwords are written in the code: user dicts, password fields of dict literals, default password parameters.",
	Doc: analyzer.Doc{
		What: "Reports password literals that make up login credentials in the code:\n\n" +
			"- the password field of a dict literal or `dict(...)` call (`{\"username\": \"admin\", \"password\": \"secret\"}`, " +
			"`fake_users_db = {\"johndoe\": {..., \"hashed_password\": \"fakehashedsecret\"}}`, lists of such dicts);\n" +
			"- dicts that map user names to passwords, recognised by their name (`users = {\"admin\": \"password123\"}`, " +
			"`PASSWORDS`, `credentials`, `fake_users_db`);\n" +
			"- default password literals of function and handler parameters (`def login(password: str = \"admin\")`, " +
			"`password: str = Form(\"admin\")`);\n" +
			"- credentials checked against literals: `if username == \"admin\" and password == \"secret\"`, " +
			"`secrets.compare_digest(credentials.password, \"swordfish\")`.\n\n" +
			"A password hashed at run time is still in the code and is reported too (`\"password\": get_password_hash(\"admin123\")`, " +
			"`hashlib.sha256(\"pw\".encode()).hexdigest()`). Precomputed password hashes (`$2b$12$…`, `$argon2id$…`, pbkdf2, hex digests) " +
			"are not reported: they are not the password. " +
			"Assignments such as `ADMIN_PASSWORD = \"...\"` and `password=` keyword arguments are FA201's.",
		Why: "A password in the code is a password everyone with the code knows: developers, CI logs, forks, container images, " +
			"and whoever gets the repository. Demo users such as `admin/admin` or a `fake_users_db` copied from a tutorial tend to " +
			"survive into production, where they are the first thing an attacker tries; a plain-text `hashed_password` also means " +
			"the login code compares plain text. Default password parameters log callers in with a known password when they forget " +
			"to pass one.",
		Example: "fake_users_db = {\n    \"johndoe\": {\"username\": \"johndoe\", \"hashed_password\": \"fakehashedsecret\"},\n}\n\n" +
			"@app.post(\"/login\")\ndef login(username: str = Form(...), password: str = Form(\"admin\")):\n" +
			"    if username == \"admin\" and password == \"admin123\":\n        return {\"ok\": True}\n",
		UseInstead: "# users live in the database with hashed passwords; the first admin is seeded from the environment\n" +
			"ADMIN_PASSWORD = os.environ[\"ADMIN_PASSWORD\"]\n\n" +
			"@app.post(\"/login\")\ndef login(form: Annotated[OAuth2PasswordRequestForm, Depends()], db: SessionDep):\n" +
			"    user = db.scalar(select(User).where(User.username == form.username))\n" +
			"    if user is None or not pwd_context.verify(form.password, user.hashed_password):\n" +
			"        raise HTTPException(status_code=401, detail=\"Incorrect username or password\")\n",
		Limits: "Silent on test code (config `test-paths`, modules that import a test framework or FastAPI's `TestClient`, and files " +
			"that do not import FastAPI under a directory named like a test suite, `web-e2e-tests/`: test fixtures may hold credentials) " +
			"and on OpenAPI example data " +
			"(`examples=`, `json_schema_extra`, `schema_extra`). A dict that maps names to passwords is only recognised by the name it " +
			"is assigned to (`users`, `accounts`, `credentials`, `passwords`, `*_users_db`); its values are skipped when they look like " +
			"roles (`\"admin\"`, `\"viewer\"`) or emails. A password field in a dict without a user name is skipped when its value reads " +
			"like a label or message (contains spaces, equals the key, names an environment variable). A literal compared with a " +
			"password is only reported when the same condition also checks a user name against a literal (password policy checks " +
			"such as `password == \"password\"` are not credentials).",
		References: []string{
			"https://cwe.mitre.org/data/definitions/798.html",
			"https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/",
			"https://fastapi.tiangolo.com/tutorial/security/oauth2-jwt/",
		},
	},
	CheckModule: checkHardcodedCredentials,
})

// fa205Descriptors are values of a password field that describe the field
// (validation messages, schema hints, classifications), not a password.
var fa205Descriptors = map[string]bool{
	"required": true, "optional": true, "invalid": true, "missing": true, "hidden": true, "text": true,
	"str": true, "secret": true, "sensitive": true, "redacted": true, "masked": true, "write_only": true,
	"writeonly": true, "readonly": true, "read_only": true, "password": true, "pii": true, "confidential": true,
}

// fa205Roles are values of a user mapping that are roles, not passwords.
var fa205Roles = map[string]bool{
	"admin": true, "administrator": true, "user": true, "users": true, "viewer": true, "editor": true, "owner": true,
	"member": true, "guest": true, "staff": true, "moderator": true, "superuser": true, "readonly": true, "read": true,
	"write": true, "active": true, "inactive": true, "enabled": true, "disabled": true, "manager": true, "operator": true,
}

// fa205MappingOwner reports whether a dict assigned to name maps user names to passwords.
func fa205MappingOwner(name string) (strong, ok bool) {
	if !fa205IdentifierRE.MatchString(name) {
		return false, false // "app.worker.cleanup_accounts": a dotted task name, not a variable
	}
	words := secretNameWords(name)
	if len(words) == 0 {
		return false, false
	}
	last, quals := words[len(words)-1], words[:len(words)-1]
	switch last {
	case "passwords", "passwds", "pwds", "credentials", "creds", "logins":
		return true, true
	case "users", "accounts":
		return false, true
	case "db", "database", "store", "dict", "table", "map", "mapping", "registry":
		for _, q := range quals {
			switch q {
			case "passwords", "password", "credentials", "credential":
				return true, true
			case "users", "user", "accounts", "account", "logins", "login":
				return false, true
			}
		}
	}
	return false, false
}

// fa205InTestSuiteDir reports a file under a directory named as a test
// suite (`app-e2e-tests/`, `web_test/helpers.py`): the login helpers of such
// suites hold the test accounts' passwords. The caller still audits modules
// that import FastAPI there (a project folder named `fastapi-test`).
func fa205InTestSuiteDir(path string) bool {
	dirs := strings.Split(path, "/")
	for _, d := range dirs[:len(dirs)-1] {
		words := strings.FieldsFunc(strings.ToLower(d), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
		if n := len(words); n > 1 && (words[n-1] == "test" || words[n-1] == "tests") {
			return true
		}
	}
	return false
}

func checkHardcodedCredentials(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) || fa205InTestSuiteDir(m.Path) && !importsAny(m, "fastapi", "starlette") {
		return // test files and the fixtures of test suites kept elsewhere
	}
	done := map[*pyast.Node]bool{}
	report := func(lit *pyast.Node, format string, args ...any) {
		if !done[lit] {
			done[lit] = true
			pass.Report(lit, format, args...)
		}
	}
	// plainPassword returns the literal's value when it can be a password.
	plainPassword := func(lit *pyast.Node) (string, bool) {
		v, ok := stringOrBytesLiteral(lit)
		if !ok || isPlaceholderSecret(v) || isHashLooking(v) || inSchemaExample(lit) {
			return "", false
		}
		return v, true
	}

	// Password fields of dict literals and dict(...) calls.
	checkRecord := func(fields [][2]*pyast.Node, outerUser string) {
		// The user is named by the strongest identity field: username, login,
		// email, then any other (name, first_name); else by the outer key.
		user, rank := outerUser, 99
		for _, f := range fields {
			key := secretTargetName(f[0])
			if !isIdentityName(key) {
				continue
			}
			r := 3
			switch secretNormal(key) {
			case "username", "login", "userid", "uid":
				r = 0
			case "email", "emailaddress", "useremail", "mail":
				r = 1
			case "user", "account":
				r = 2
			}
			if v, ok := pyast.StringValue(f[1]); ok && fa205UserValue(key, v) && r < rank {
				user, rank = v, r
			}
		}
		for _, f := range fields {
			key := secretTargetName(f[0])
			if !isPasswordName(key) {
				continue
			}
			lit := fa205HashedLiteral(f[1])
			v, ok := plainPassword(lit)
			if !ok {
				continue
			}
			if user == "" {
				// Without a user beside it the field may be a label, a message or a mapping.
				if strings.ContainsAny(v, " \t") || fa205Descriptors[strings.ToLower(v)] || isNameNotSecret(key, v) {
					continue
				}
			} else if secretEnvNameRE.MatchString(v) || secretPathRE.MatchString(v) {
				continue
			}
			if user != "" {
				report(lit, "hard-coded password for user `%s` in a dict literal: anyone with the code can log in as that user; keep users in a database with hashed passwords and seed the first one from the environment",
					truncateExpr(user))
			} else {
				report(lit, "hard-coded password in the `%s` field of a dict literal: anyone with the code can log in with it; read it from the environment / a settings object, and store only password hashes",
					truncateExpr(key))
			}
		}
	}
	for _, d := range m.Nodes("dictionary") {
		fa205CheckMapping(m, d, report, plainPassword)
		if fa205DescribesFields(fa205Owner(d)) {
			continue
		}
		var fields [][2]*pyast.Node
		for _, p := range d.NamedChildren() {
			if p.Kind == "pair" {
				fields = append(fields, [2]*pyast.Node{p.ChildByField("key"), p.ChildByField("value")})
			}
		}
		// {"johndoe": {"hashed_password": ...}} under users/fake_users_db names the user.
		outer := ""
		if p := d.Up(); p.Is("pair") && p.ChildByField("value") == d {
			if _, ok := fa205MappingOwner(fa205Owner(p.Up())); ok {
				if k, ok := pyast.StringValue(p.ChildByField("key")); ok && !strings.ContainsAny(k, " \t") {
					outer = k
				}
			}
		}
		checkRecord(fields, outer)
	}
	for _, call := range m.Nodes("call") {
		if calledName(m, call) != "builtins.dict" {
			continue
		}
		var fields [][2]*pyast.Node
		for _, c := range call.ChildByField("arguments").NamedChildren() {
			if c.Kind == "keyword_argument" {
				fields = append(fields, [2]*pyast.Node{c.ChildByField("name"), c.ChildByField("value")})
			}
		}
		checkRecord(fields, "")
	}

	// Default password parameters.
	for _, f := range m.Functions {
		for _, p := range f.Params {
			if !isPasswordName(p.Name) {
				continue
			}
			lit := pyast.Unparen(p.Default)
			if lit.Is("call") {
				switch calledName(m, lit) {
				case "fastapi.Form", "fastapi.Query", "fastapi.Body", "fastapi.Header", "fastapi.Cookie":
					if d := pyast.Kwarg(lit, "default"); d != nil {
						lit = pyast.Unparen(d)
					} else {
						lit = pyast.Unparen(pyast.Arg(lit, 0))
					}
				}
			}
			if !pyast.IsString(lit) {
				continue
			}
			if v, ok := plainPassword(lit); ok && !secretEnvNameRE.MatchString(v) {
				report(lit, "default password literal for parameter `%s` of %s: callers that omit it use a password anyone can read in the code; make the parameter required, or read the value from the environment",
					p.Name, funcLabel(f))
			}
		}
	}

	// Credentials checked against literals.
	for _, cmp := range m.Nodes("comparison_operator") {
		for _, pair := range comparisonPairs(cmp, "==", "!=") {
			pw, lit := pair[0], pair[1]
			if !isPasswordExpr(pw) {
				pw, lit = lit, pw
			}
			if !isPasswordExpr(pw) || !pyast.IsString(pyast.Unparen(lit)) && !pyast.Unparen(lit).Is("call") {
				continue
			}
			if _, ok := plainPassword(lit); !ok || !fa205ChecksUserLiteral(cmp) {
				continue
			}
			report(pyast.Unparen(lit), "hard-coded credentials checked in `%s`: anyone with the code can log in; look the user up in a database of hashed passwords and check it with `pwd_context.verify(...)`",
				truncateExpr(cmp.Text()))
		}
	}
	for _, call := range m.Nodes("call") {
		if q := calledName(m, call); q != "secrets.compare_digest" && q != "hmac.compare_digest" {
			continue
		}
		a, b := pyast.Arg(call, 0), pyast.Arg(call, 1)
		if !isPasswordExpr(a) {
			a, b = b, a
		}
		if !isPasswordExpr(a) {
			continue
		}
		if _, ok := plainPassword(b); ok {
			report(pyast.Unparen(b), "hard-coded password checked with %s(): anyone with the code can log in; look the user up in a database of hashed passwords and check it with `pwd_context.verify(...)`",
				calledName(m, call))
		}
	}
}

// fa205CheckMapping reports the values of a dict that maps user names to
// password literals: `users = {"admin": "password123"}`.
func fa205CheckMapping(m *analyzer.Module, d *pyast.Node, report func(*pyast.Node, string, ...any), plainPassword func(*pyast.Node) (string, bool)) {
	owner := fa205Owner(d)
	strong, ok := fa205MappingOwner(owner)
	if !ok {
		return
	}
	type entry struct {
		user string
		lit  *pyast.Node
	}
	var entries []entry
	for _, c := range d.NamedChildren() {
		if c.Kind == "comment" {
			continue
		}
		if c.Kind != "pair" {
			return // a splat: not a plain literal mapping
		}
		user, ok := pyast.StringValue(c.ChildByField("key"))
		if isPasswordName(user) || isIdentityName(user) {
			return // {"username": ..., "password": ...} is a record, not a mapping
		}
		lit := fa205HashedLiteral(c.ChildByField("value"))
		if !ok || user == "" || strings.ContainsAny(user, " \t") || !pyast.IsString(lit) {
			return
		}
		entries = append(entries, entry{user, lit})
	}
	for _, e := range entries {
		v, ok := plainPassword(e.lit)
		if !ok || strings.ContainsAny(v, " \t@") || secretEnvNameRE.MatchString(v) {
			continue
		}
		if !strong && fa205Roles[strings.ToLower(v)] {
			continue
		}
		report(e.lit, "hard-coded password for user `%s` in `%s`: anyone with the code can log in as that user; keep users in a database with hashed passwords and seed the first one from the environment",
			truncateExpr(e.user), owner)
	}
}

// fa205ChecksUserLiteral reports whether the condition around a comparison
// also compares a user name with a string literal:
// `username == "admin" and password == "secret"`.
func fa205ChecksUserLiteral(cmp *pyast.Node) bool {
	root := cmp
	for p := root.Up(); p.Is("boolean_operator", "not_operator", "parenthesized_expression"); p = p.Up() {
		root = p
	}
	found := false
	root.Walk(func(c *pyast.Node) bool {
		if c.Kind != "comparison_operator" {
			return !found
		}
		for _, pair := range comparisonPairs(c, "==", "!=") {
			a, b := pair[0], pair[1]
			if isIdentityExpr(b) {
				a, b = b, a
			}
			if isIdentityExpr(a) {
				if v, ok := stringOrBytesLiteral(b); ok && v != "" {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// fa205UserValue reports whether v, stored under an identity key, names an
// actual user: a login without spaces, an address for email keys. Labels
// ("User name") and classifications ("pii") do not.
func fa205UserValue(key, v string) bool {
	if v == "" || strings.ContainsAny(v, " \t") || isPlaceholderSecret(v) || fa205Descriptors[strings.ToLower(v)] {
		return false
	}
	for _, w := range secretNameWords(key) {
		if w == "email" || w == "mail" {
			return strings.Contains(v, "@")
		}
	}
	return true
}

// fa205HashedLiteral returns the password literal inside a value: the value
// itself, or the literal hashed at run time — `get_password_hash("admin")`,
// `pwd_context.hash("admin")`, `hashlib.sha256("admin".encode()).hexdigest()`:
// the plain password is still in the code.
func fa205HashedLiteral(n *pyast.Node) *pyast.Node {
	n = pyast.Unparen(n)
	for depth := 0; depth < 4 && n.Is("call"); depth++ {
		recv, method := methodCall(n)
		switch {
		case method == "encode" && pyast.IsString(recv):
			return pyast.Unparen(recv)
		case (method == "hexdigest" || method == "digest" || method == "decode") && pyast.Arg(n, 0) == nil:
			n = pyast.Unparen(recv)
		case fa205IsHashCall(n):
			n = pyast.Unparen(pyast.Arg(n, 0))
		default:
			return n
		}
	}
	return n
}

// fa205IsHashCall reports a call that hashes its first argument, by the
// called name: get_password_hash, pwd_context.hash, bcrypt.hashpw,
// hashlib.sha256, generate_password_hash, make_password, encrypt_password.
func fa205IsHashCall(call *pyast.Node) bool {
	name := strings.ToLower(analyzer.LastPart(pyast.DottedName(pyast.Callee(call))))
	if name == "" {
		return false
	}
	if strings.Contains(name, "hash") || strings.Contains(name, "crypt") || strings.Contains(name, "digest") ||
		name == "make_password" {
		return true
	}
	for _, p := range []string{"sha", "md5", "blake2", "pbkdf2", "scrypt"} {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

var fa205IdentifierRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// fa205Owner names what a dict literal is assigned to, passed as, or stored
// under: `users = {...}` → "users".
func fa205Owner(d *pyast.Node) string {
	p := d.Up()
	for p.Is("parenthesized_expression") {
		p = p.Up()
	}
	switch p.Type() {
	case "assignment":
		return secretTargetName(p.ChildByField("left"))
	case "keyword_argument":
		return p.ChildByField("name").Text()
	case "pair":
		return secretTargetName(p.ChildByField("key"))
	}
	return ""
}

// fa205DescribesFields reports owner names of dicts that describe fields
// rather than hold values: mappers, labels, messages, column maps.
func fa205DescribesFields(owner string) bool {
	for _, w := range secretNameWords(owner) {
		switch w {
		case "map", "mapper", "mapping", "mappings", "fields", "field", "labels", "label", "columns", "column",
			"aliases", "alias", "translations", "messages", "errors", "descriptions", "help", "hints", "rename",
			"placeholders", "widgets", "schema", "meta", "titles":
			return true
		}
	}
	return false
}
