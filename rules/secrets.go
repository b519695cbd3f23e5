package rules

// Secret-name and secret-value classification shared by FA201
// (hardcoded-secret), FA204 (plaintext-password-compare) and FA205
// (hardcoded-credentials).
//
// Names are classified by their head noun: the last word once trailing type
// words (`_bytes`, `_str`, `_value`) are dropped. `SECRET_KEY`, `JWT_SECRET`,
// `DB_PASSWORD`, `GITHUB_TOKEN`, `apiKey` are secrets; `SECRET_KEY_ENV`,
// `TOKEN_URL`, `PASSWORD_MIN_LENGTH`, `token_type`, `password_field` are not,
// because their head noun (env, url, length, type, field) names something else.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// secretKind says what a secret-like name holds.
type secretKind int

const (
	secretNone       secretKind = iota
	secretPassword              // a password: someone can log in with it
	secretSigning               // a signing/encryption key: someone can forge tokens with it
	secretCredential            // an API key, access token, client secret: someone can use it
)

// consequence is the message fragment "anyone with the code can ...".
func (k secretKind) consequence() string {
	switch k {
	case secretPassword:
		return "log in with it"
	case secretSigning:
		return "forge tokens"
	}
	return "use it"
}

// secretNameWords splits an identifier, dict key or header name into lower
// case words: "JWT_SECRET" → [jwt secret], "apiKey" → [api key],
// "X-API-Key" → [x api key], "APIKey" → [api key].
func secretNameWords(name string) []string {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return secretNameWordsUnicode(name)
		}
	}
	// ASCII names (nearly all) split without converting to runes; words
	// already in lower case are slices of name.
	var words []string
	for i := 0; i < len(name); {
		for i < len(name) && !asciiAlnum(name[i]) {
			i++
		}
		start := i
		for i < len(name) && asciiAlnum(name[i]) {
			if i > start {
				lowerToUpper := asciiLower(name[i-1]) && asciiUpper(name[i])
				acronymEnd := asciiUpper(name[i-1]) && asciiUpper(name[i]) && i+1 < len(name) && asciiLower(name[i+1])
				if lowerToUpper || acronymEnd {
					words = append(words, strings.ToLower(name[start:i]))
					start = i
				}
			}
			i++
		}
		if i > start {
			words = append(words, strings.ToLower(name[start:i]))
		}
	}
	return words
}

func asciiLower(c byte) bool { return 'a' <= c && c <= 'z' }
func asciiUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func asciiAlnum(c byte) bool { return asciiLower(c) || asciiUpper(c) || '0' <= c && c <= '9' }

// secretNameWordsUnicode is secretNameWords for any letters and digits.
func secretNameWordsUnicode(name string) []string {
	var words []string
	for _, chunk := range strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		rs := []rune(chunk)
		start := 0
		for i := 1; i < len(rs); i++ {
			lowerToUpper := unicode.IsLower(rs[i-1]) && unicode.IsUpper(rs[i])
			acronymEnd := unicode.IsUpper(rs[i-1]) && unicode.IsUpper(rs[i]) && i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if lowerToUpper || acronymEnd {
				words = append(words, strings.ToLower(string(rs[start:i])))
				start = i
			}
		}
		words = append(words, strings.ToLower(string(rs[start:])))
	}
	return words
}

// secretTrailers are type words dropped from the end of a name before its
// head noun is read: `correct_password_bytes` is a password.
var secretTrailers = map[string]bool{
	"bytes": true, "str": true, "string": true, "value": true, "val": true, "raw": true,
	"plain": true, "plaintext": true, "literal": true,
}

// secretNotQualifiers mark names whose head noun is a secret word but that
// name something else: message constants (`INVALID_TOKEN = "Invalid token"`),
// pagination tokens, public keys.
var secretNotQualifiers = map[string]bool{
	"invalid": true, "expired": true, "wrong": true, "incorrect": true, "missing": true, "bad": true,
	"error": true, "err": true, "msg": true, "message": true, "revoked": true, "unknown": true,
	"page": true, "next": true, "prev": true, "previous": true, "continuation": true, "cursor": true,
	"pagination": true, "sync": true, "public": true, "pub": true,
	// flags about a secret: ALLOW_CREDENTIALS, Access-Control-Allow-Credentials, REQUIRE_PASSWORD
	"allow": true, "include": true, "with": true, "require": true, "required": true, "use": true,
	"enable": true, "enabled": true, "disable": true, "has": true, "is": true, "show": true, "hide": true,
}

// secretKeyQualifiers make `*_KEY` a secret: SECRET_KEY, API_KEY, PRIVATE_KEY.
// Plain `KEY`, `CACHE_KEY`, `PRIMARY_KEY`, `SORT_KEY` are not.
var secretKeyQualifiers = map[string]secretKind{
	"secret": secretSigning, "private": secretSigning, "signing": secretSigning, "sign": secretSigning,
	"encryption": secretSigning, "encrypt": secretSigning, "crypto": secretSigning, "fernet": secretSigning,
	"master": secretSigning, "jwt": secretSigning, "hmac": secretSigning, "aes": secretSigning,
	"cipher": secretSigning, "webhook": secretSigning, "shared": secretSigning, "symmetric": secretSigning,
	"app": secretSigning, "auth": secretSigning,
	"api": secretCredential, "apis": secretCredential, "access": secretCredential, "client": secretCredential,
	"service": secretCredential, "license": secretCredential, "subscription": secretCredential,
	"consumer": secretCredential, "account": secretCredential,
}

// secretCompounds are single-word secret names ("apikey", "secretkey") and
// the suffixes that make a single word one ("jwtsecret", "adminpassword").
var secretCompounds = []struct {
	suffix string
	kind   secretKind
}{
	{"password", secretPassword}, {"passwd", secretPassword}, {"passphrase", secretPassword},
	{"secretkey", secretSigning}, {"privatekey", secretSigning}, {"signingkey", secretSigning},
	{"secret", secretSigning},
	{"apikey", secretCredential}, {"accesskey", secretCredential}, {"token", secretCredential},
}

// secretKindOf classifies a name (identifier, attribute, dict key, keyword).
// tokenCountQualifiers precede "tokens" when the name counts LLM tokens.
var tokenCountQualifiers = map[string]bool{
	"input": true, "output": true, "prompt": true, "completion": true, "max": true, "min": true,
	"total": true, "num": true, "used": true, "remaining": true, "cached": true, "reasoning": true, "context": true,
}

func secretKindOf(name string) secretKind {
	words := secretNameWords(name)
	for len(words) > 1 && secretTrailers[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return secretNone
	}
	last, quals := words[len(words)-1], words[:len(words)-1]
	for _, q := range quals {
		if secretNotQualifiers[q] {
			return secretNone
		}
	}
	switch last {
	case "password", "passwords", "passwd", "passphrase", "pswd":
		return secretPassword
	case "pwd", "pw", "pass":
		// Alone these are ambiguous (`pwd` is also the working directory).
		if len(quals) > 0 && !isPassQualifierNoise(quals[len(quals)-1]) {
			return secretPassword
		}
		return secretNone
	case "secret", "secrets", "pepper":
		for _, q := range quals {
			if q == "client" || q == "consumer" || q == "oauth" || q == "api" {
				return secretCredential
			}
		}
		return secretSigning
	case "key", "keys":
		// Only the word right before decides: API_KEY, AWS_SECRET_ACCESS_KEY,
		// but not APP_STARTUP_LOCK_KEY.
		if len(quals) > 0 {
			return secretKeyQualifiers[quals[len(quals)-1]]
		}
		return secretNone
	case "tokens":
		// LLM usage counts: input_tokens, max_tokens, completion_tokens.
		if len(quals) > 0 && tokenCountQualifiers[quals[len(quals)-1]] {
			return secretNone
		}
		return secretCredential
	case "token", "credential", "credentials", "creds":
		return secretCredential
	}
	if len(words) == 1 {
		for _, c := range secretCompounds {
			if strings.HasSuffix(last, c.suffix) && !secretNotQualifiers[strings.TrimSuffix(last, c.suffix)] {
				return c.kind
			}
		}
	}
	return secretNone
}

func isPassQualifierNoise(q string) bool {
	switch q {
	case "by", "first", "second", "third", "last", "single", "multi", "one", "two", "no", "boarding":
		return true
	}
	return false
}

// isPairedAccessKey reports the access-key half of an access/secret key
// pair (`MINIO_ACCESS_KEY` in a module that also reads `MINIO_SECRET_KEY`,
// `access_key` next to `secret_key`): like AWS's access key ID it names the
// account; the secret key is the secret.
func isPairedAccessKey(m *analyzer.Module, name string) bool {
	words := secretNameWords(name)
	for len(words) > 1 && secretTrailers[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	n := len(words)
	if n < 2 || words[n-1] != "key" || words[n-2] != "access" || m == nil || m.Tree == nil {
		return false
	}
	prefix := ""
	for _, w := range words[:n-2] {
		if w == "secret" {
			return false
		}
		prefix += regexp.QuoteMeta(w) + "[_-]?"
	}
	counterpart, err := regexp.Compile(`(?i)(?:^|[^a-z0-9])` + prefix + `secret[_-]?(?:access[_-]?)?key(?:[^a-z0-9]|$)`)
	return err == nil && counterpart.Match(m.Tree.Src)
}

// isPasswordName reports whether a name holds a password or a password hash
// (`password`, `hashed_password`, `password_hash`, `pwd`, `db_pass`).
func isPasswordName(name string) bool {
	if secretKindOf(name) == secretPassword {
		return true
	}
	words := secretNameWords(name)
	if len(words) == 1 && (words[0] == "pwd" || words[0] == "pw") {
		return true
	}
	if n := len(words); n >= 2 {
		switch words[n-1] {
		case "hash", "hashed", "digest":
			for _, q := range words[:n-1] {
				if q == "password" || q == "passwd" || q == "pwd" || q == "pw" {
					return true
				}
			}
		}
	}
	return false
}

// isIdentityName reports whether a name holds who a user is, not a secret:
// username, email, login. Comparing a password to one of these is a policy
// check; a dict holding one next to a password is a credentials record.
func isIdentityName(name string) bool {
	words := secretNameWords(name)
	if len(words) == 0 {
		return false
	}
	switch strings.Join(words, "_") {
	case "username", "user_name", "user", "email", "email_address", "login", "user_id", "userid",
		"name", "first_name", "last_name", "full_name", "phone", "uid", "account", "user_email", "mail":
		return true
	}
	return false
}

// secretInterp stands for an interpolation inside an f-string's text.
const secretInterp = "\x00"

// secretLiteralText returns the text of a string literal; the interpolations
// of an f-string are replaced by secretInterp. ok is false for non-strings.
func secretLiteralText(n *pyast.Node) (string, bool) {
	n = pyast.Unparen(n)
	if v, ok := pyast.StringValue(n); ok {
		return v, true
	}
	switch n.Type() {
	case "concatenated_string":
		var sb strings.Builder
		for _, c := range n.NamedChildren() {
			v, ok := secretLiteralText(c)
			if !ok {
				return "", false
			}
			sb.WriteString(v)
		}
		return sb.String(), true
	case "string":
		var sb strings.Builder
		for _, c := range n.Children {
			switch c.Kind {
			case "interpolation":
				sb.WriteString(secretInterp)
			case "string_content", "escape_sequence":
				sb.WriteString(c.Text())
			}
		}
		return sb.String(), true
	}
	return "", false
}

var (
	secretPlaceholderRE = regexp.MustCompile(`^(?:<[^<>]*>|\$\{[^}]*\}|\{\{[^}]*\}\}|\{[A-Za-z_][A-Za-z0-9_]*\}|%\([A-Za-z_]+\)s|\$[A-Z_][A-Z0-9_]*|\*+|[xX]{3,}|\.\.\.|…)$`)
	secretEnvNameRE     = regexp.MustCompile(`^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$`)
	secretHeaderRE      = regexp.MustCompile(`^(?i:x-[a-z0-9-]+|authorization|proxy-authorization|cookie)$`)
	secretAlgorithmRE   = regexp.MustCompile(`^(?i:(?:HS|RS|ES|PS)(?:256|384|512)|EdDSA|none|bcrypt|argon2(?:id|i|d)?|sha256|sha512|md5|scrypt|pbkdf2.*)$`)
	secretPathRE        = regexp.MustCompile(`^(?:/|\./|\.\./|~/)[^\s]*$|\.(?:pem|key|crt|cer|der|p12|pfx|pub|json|txt|env|ya?ml|jks|gpg|asc)$`)
	secretHashRE        = regexp.MustCompile(`^(?:\$2[abxy]?\$\d{2}\$|\$argon2(?:id|i|d)\$|\$pbkdf2|pbkdf2[_:$]|\$[156]\$|\$scrypt\$|scrypt:|\$sha\d*\$|sha\d+\$|\$bcrypt)`)
	secretHexRE         = regexp.MustCompile(`^[0-9a-fA-F]+$`)
	secretExampleNameRE = regexp.MustCompile(`^[a-z0-9_]*(?:example|examples|schema_extra)$`)
	secretKeyPathRE     = regexp.MustCompile(`^[a-z][a-z0-9_]*(?:[.:/][a-z0-9_*]+)+$`)
)

// isPlaceholderSecret reports values that are no secret at all: empty,
// whitespace, templates (`<password>`, `${DB_PASSWORD}`, `{password}`),
// masks (`***`, `xxx`), `...`, and OpenAPI's default example `"string"`.
func isPlaceholderSecret(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || strings.Contains(v, secretInterp) {
		return true
	}
	switch strings.ToLower(v) {
	case "string", "none", "null", "undefined", "nil":
		return true
	}
	return secretPlaceholderRE.MatchString(v)
}

// isHashLooking reports a precomputed password hash: bcrypt, argon2, pbkdf2,
// crypt(3) formats, or a bare hex digest (md5/sha1/sha224/sha256/sha384/sha512).
func isHashLooking(v string) bool {
	if secretHashRE.MatchString(v) {
		return true
	}
	switch len(v) {
	case 32, 40, 56, 64, 96, 128:
		return secretHexRE.MatchString(v)
	}
	return false
}

// secretNormal lower-cases a name and drops separators: "X-API-Key" → "xapikey".
func secretNormal(s string) string {
	var sb strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}

// isNameNotSecret reports values that name a secret rather than hold one:
// the value equals the name (`password = "password"`, `API_KEY = "api_key"`),
// is a secret-like environment variable name (`"JWT_SECRET"`), a header
// name (`"X-API-Key"`), a file path (`"keys/private.pem"`), an auth scheme
// (`"bearer"`), an algorithm name (`"HS256"`), or prose about the secret
// (`"Invalid token"`).
func isNameNotSecret(name, v string) bool {
	v = strings.TrimSpace(v)
	nv := secretNormal(v)
	if nv != "" && nv == secretNormal(name) {
		return true
	}
	if secretEnvNameRE.MatchString(v) && secretKindOf(v) != secretNone {
		return true
	}
	if secretHeaderRE.MatchString(v) || secretPathRE.MatchString(v) || secretAlgorithmRE.MatchString(v) {
		return true
	}
	switch strings.ToLower(v) {
	case "bearer", "basic", "token", "digest", "apikey", "api_key", "oauth2", "jwt",
		"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "include", "omit", "same-origin":
		return true
	}
	// A permission, scope, event or cache key naming the secret: "password.reset_own", "users:token".
	if secretKeyPathRE.MatchString(v) {
		for _, w := range secretNameWords(v) {
			switch w {
			case "password", "passwords", "token", "tokens", "secret", "secrets", "key", "keys", "credentials", "credential", "apikey":
				return true
			}
		}
	}
	if strings.ContainsAny(v, " \t") {
		for _, w := range secretNameWords(v) {
			switch w {
			case "password", "passwords", "token", "tokens", "secret", "secrets", "key", "keys", "credentials", "credential":
				return true // a message or label about the secret
			}
		}
	}
	return false
}

// secretKeyPatterns recognise provider keys by their shape, whatever name
// holds them.
var secretKeyPatterns = []struct {
	label, env string
	re         *regexp.Regexp
}{
	{"Stripe live key", "STRIPE_SECRET_KEY", regexp.MustCompile(`\b(?:sk|rk)_live_[0-9A-Za-z]{16,}`)},
	{"AWS access key id", "AWS_ACCESS_KEY_ID", regexp.MustCompile(`\b(?:AKIA|ASIA)[0-9A-Z]{16}\b`)},
	{"GitHub token", "GITHUB_TOKEN", regexp.MustCompile(`\b(?:gh[pousr]_[0-9A-Za-z]{36,}|github_pat_[0-9A-Za-z_]{40,})`)},
	{"Slack token", "SLACK_TOKEN", regexp.MustCompile(`\bxox[abposr]-[0-9A-Za-z-]{10,}`)},
	{"OpenAI/Anthropic API key", "OPENAI_API_KEY", regexp.MustCompile(`\bsk-(?:proj-|ant-[a-z0-9]+-)?[A-Za-z0-9_-]{32,}`)},
	{"Google API key", "GOOGLE_API_KEY", regexp.MustCompile(`\bAIza[0-9A-Za-z_-]{35}\b`)},
	{"SendGrid API key", "SENDGRID_API_KEY", regexp.MustCompile(`\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b`)},
	{"private key", "PRIVATE_KEY", regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z0-9+/=:,-]+\s*){2,}`)},
}

// knownSecretPattern returns the provider label and a suggested variable name
// when v contains a key recognisable by its shape. Documentation examples
// (AWS's `...EXAMPLE` keys) are skipped.
func knownSecretPattern(v string) (label, env string, ok bool) {
	if strings.Contains(v, "EXAMPLE") {
		return "", "", false
	}
	// pyast.StringValue leaves escape sequences as written today; PEM
	// blocks on one line spell their newlines `\n`.
	v = strings.ReplaceAll(v, `\n`, "\n")
	for _, p := range secretKeyPatterns {
		if loc := p.re.FindStringIndex(v); loc != nil {
			if p.label == "private key" && loc[1]-loc[0] < 80 {
				continue // a header without a body: a marker, not a key
			}
			return p.label, p.env, true
		}
	}
	return "", "", false
}

var secretURLRE = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+._-]*)://([^:/@\s]*):([^@/\s]+)@([^\s'"]+)`)

// secretURLSchemes are the database and broker schemes whose URLs carry
// credentials (the part before '+', so `postgresql+asyncpg` counts).
var secretURLSchemes = map[string]string{
	"postgres": "database", "postgresql": "database", "pgsql": "database", "mysql": "database",
	"mariadb": "database", "mssql": "database", "oracle": "database", "cockroachdb": "database",
	"mongodb": "database", "clickhouse": "database", "redshift": "database", "snowflake": "database",
	"db2": "database", "timescaledb": "database",
	"redis": "broker", "rediss": "broker", "valkey": "broker", "amqp": "broker", "amqps": "broker",
	"pyamqp": "broker", "librabbitmq": "broker", "nats": "broker", "kafka": "broker",
	"memcached": "broker", "sqs": "broker",
}

// urlWithPassword finds a database/broker URL with a literal password in v.
// It returns the kind ("database"/"broker"), the URL with the password
// masked, and a suggested variable name.
func urlWithPassword(v string) (kind, masked, env string, ok bool) {
	if strings.TrimSpace(v) != "" && strings.ContainsAny(strings.TrimSpace(v), " \t\n") {
		return "", "", "", false // a URL inside prose: help text or an error message
	}
	for _, m := range secretURLRE.FindAllStringSubmatchIndex(v, -1) {
		scheme := strings.ToLower(v[m[2]:m[3]])
		base, _, _ := strings.Cut(scheme, "+")
		k, known := secretURLSchemes[base]
		if !known {
			continue
		}
		pw := v[m[6]:m[7]]
		if isPlaceholderSecret(pw) || strings.HasPrefix(pw, "$") || strings.HasPrefix(pw, "%") || strings.HasPrefix(pw, "{") {
			continue
		}
		if host, port, hasPort := strings.Cut(strings.SplitN(v[m[8]:m[9]], "/", 2)[0], ":"); hasPort && port != "" &&
			strings.Trim(port, "0123456789") != "" && !strings.Contains(port, secretInterp) || host == "host" || host == "hostname" {
			continue // "redis://user:password@host:port": a template in help text
		}
		masked = v[m[0]:m[6]] + "***" + v[m[7]:m[1]]
		masked = strings.ReplaceAll(masked, secretInterp, "{...}")
		env = "DATABASE_URL"
		switch {
		case base == "redis" || base == "rediss" || base == "valkey":
			env = "REDIS_URL"
		case k == "broker":
			env = "BROKER_URL"
		}
		return k, masked, env, true
	}
	return "", "", "", false
}

// secretEnvName turns a Python name into the environment variable a fix
// would read: "secret_key" → "SECRET_KEY", "jwtSecret" → "JWT_SECRET".
func secretEnvName(name string) string {
	words := secretNameWords(name)
	for len(words) > 1 && secretTrailers[words[len(words)-1]] {
		words = words[:len(words)-1]
	}
	if len(words) == 0 {
		return "SECRET_KEY"
	}
	return strings.ToUpper(strings.Join(words, "_"))
}

// secretTargetName names what an assignment target or dict key holds:
// `SECRET_KEY`, `self.secret_key` → "secret_key", `app.config["SECRET_KEY"]`.
func secretTargetName(t *pyast.Node) string {
	t = pyast.Unparen(t)
	switch t.Type() {
	case "identifier":
		return t.Text()
	case "attribute":
		return t.ChildByField("attribute").Text()
	case "subscript":
		if s, ok := pyast.StringValue(t.ChildByField("subscript")); ok {
			return s
		}
	case "string", "concatenated_string":
		if s, ok := pyast.StringValue(t); ok {
			return s
		}
	}
	return ""
}

// isBareString reports a string used as a statement: a docstring or a
// commented-out block, never a value the program uses.
func isBareString(n *pyast.Node) bool {
	p := n.Up()
	return p.Is("expression_statement") && len(p.NamedChildren()) == 1
}

// inSchemaExample reports whether n lies inside OpenAPI example data:
// `examples=[...]`, `json_schema_extra={...}`, `class Config: schema_extra = {...}`,
// `Body(example=...)`. Sample credentials there document a request shape.
func inSchemaExample(n *pyast.Node) bool {
	isExampleName := func(s string) bool {
		return secretExampleNameRE.MatchString(strings.ToLower(s))
	}
	for p := n.Up(); p != nil; p = p.Parent {
		switch p.Kind {
		case "keyword_argument":
			if isExampleName(p.ChildByField("name").Text()) {
				return true
			}
		case "pair":
			if k, ok := pyast.StringValue(p.ChildByField("key")); ok && isExampleName(k) {
				return true
			}
		case "assignment":
			if isExampleName(secretTargetName(p.ChildByField("left"))) {
				return true
			}
		case "function_definition", "class_definition", "module":
			return false
		}
	}
	return false
}

// envReadCalls are the calls that read an environment variable; a literal
// passed as their fallback is FA202's business.
var envReadCalls = map[string]bool{
	"os.getenv": true, "os.environ.get": true, "os.environ.setdefault": true, "os.environ.pop": true,
	"decouple.config": true,
}

// isEnvFallback reports whether n is the fallback of an environment read:
// `os.getenv("X", n)`, `os.environ.get("X", default=n)`, `os.getenv("X") or n`.
func isEnvFallback(m *analyzer.Module, n *pyast.Node) bool {
	_, ok := envFallbackOf(m, n)
	return ok
}

// envFallbackOf is isEnvFallback that also returns the variable name read
// ("" when it is not a literal).
func envFallbackOf(m *analyzer.Module, n *pyast.Node) (name string, ok bool) {
	p := n.Up()
	for p.Is("parenthesized_expression") {
		n, p = p, p.Up()
	}
	if p.Is("keyword_argument") {
		n, p = p, p.Up()
	}
	if p.Is("argument_list") && envReadCalls[calledName(m, p.Up())] {
		first := pyast.Arg(p.Up(), 0)
		name, _ = pyast.StringValue(first)
		return name, first != n
	}
	if p.Is("boolean_operator") && p.ChildByField("right") == n && p.ChildByField("operator").Type() == "or" {
		found := false
		p.ChildByField("left").Walk(func(c *pyast.Node) bool {
			if c.Kind == "call" && envReadCalls[calledName(m, c)] {
				found = true
				name, _ = pyast.StringValue(pyast.Arg(c, 0))
			}
			if c.Kind == "subscript" && m.Resolve(c.ChildByField("value")) == "os.environ" {
				found = true
				name, _ = pyast.StringValue(c.ChildByField("subscript"))
			}
			return !found
		})
		return name, found
	}
	return "", false
}

// pydanticBases are the classes whose class-level assignments are fields
// with defaults (FA202 reports secret defaults of BaseSettings).
func isPydanticBase(q string) bool {
	return strings.HasPrefix(q, "pydantic.") || strings.HasPrefix(q, "pydantic_settings.") ||
		q == "sqlmodel.SQLModel" || strings.HasPrefix(q, "pydantic_core.")
}

// plainBases are bases that keep class-level assignments plain attributes.
// Enum members are tags (`ACCESS_TOKEN = "access"`), so enum classes are not plain.
func isPlainBase(q string) bool {
	return strings.HasPrefix(q, "builtins.") || q == "abc.ABC" ||
		strings.HasPrefix(q, "typing.") || strings.HasPrefix(q, "dataclasses.")
}

// classFieldOwner returns the class whose body holds n directly (not inside a
// method), or nil.
func classFieldOwner(m *analyzer.Module, n *pyast.Node) *analyzer.Class {
	def := n.Ancestor("function_definition", "class_definition", "lambda")
	if !def.Is("class_definition") {
		return nil
	}
	for _, c := range m.Classes {
		if c.Node == def {
			return c
		}
	}
	return nil
}

// isPlainClass reports whether a class is known not to be a pydantic model or
// settings class: its bases are builtins, enums, or plain classes of the same
// module. Classes with other or unknown bases (which may derive from
// BaseSettings in another module) are not plain.
func isPlainClass(m *analyzer.Module, c *analyzer.Class, depth int) bool {
	if depth > 8 {
		return false
	}
	for _, b := range c.Bases {
		if isPlainBase(b) {
			continue
		}
		if analyzer.ModuleOf(b) == m.Name && b != "" {
			var local *analyzer.Class
			for _, lc := range m.Classes {
				if lc.Name == analyzer.LastPart(b) && lc != c {
					local = lc
				}
			}
			if local != nil && isPlainClass(m, local, depth+1) {
				continue
			}
		}
		return false
	}
	return true
}

// isModelFieldDefault reports whether n lies in the default of a field of a
// pydantic model or settings class (or of a class that may be one).
func isModelFieldDefault(m *analyzer.Module, n *pyast.Node) bool {
	c := classFieldOwner(m, n)
	return c != nil && !isPlainClass(m, c, 0)
}

// secretRefusals collects the literal values and names the module refuses to
// run with: `if SECRET_KEY == "change-me": raise RuntimeError(...)`,
// `assert settings.secret_key not in ("changeme", "")`,
// `if key == DEFAULT_SECRET: sys.exit(1)`. A placeholder that the code
// refuses is not a hard-coded secret.
type secretRefusals struct {
	values map[string]bool
	names  map[string]bool
}

func collectSecretRefusals(m *analyzer.Module) secretRefusals {
	r := secretRefusals{values: map[string]bool{}, names: map[string]bool{}}
	collect := func(cond *pyast.Node) {
		cond.Walk(func(c *pyast.Node) bool {
			if c.Kind != "comparison_operator" {
				return true
			}
			var names []string
			for _, op := range c.Children {
				if !op.Named || op.Field == "operators" {
					continue
				}
				op = pyast.Unparen(op)
				switch op.Type() {
				case "string", "concatenated_string":
					if v, ok := pyast.StringValue(op); ok {
						r.values[v] = true
					}
				case "tuple", "list", "set":
					for _, e := range op.NamedChildren() {
						if v, ok := pyast.StringValue(e); ok {
							r.values[v] = true
						}
					}
				case "identifier", "attribute":
					names = append(names, secretTargetName(op))
				}
			}
			if len(names) >= 2 {
				for _, n := range names {
					r.names[n] = true
				}
			}
			return true
		})
	}
	refuses := func(block *pyast.Node) bool {
		for _, st := range block.NamedChildren() {
			switch st.Kind {
			case "raise_statement":
				return true
			case "expression_statement":
				call := st.NamedChild(0)
				switch q := calledName(m, call); {
				case q == "sys.exit" || q == "os._exit":
					return true
				case q == "" && pyast.Callee(call).Is("identifier"):
					if t := pyast.Callee(call).Text(); t == "exit" || t == "quit" {
						return true
					}
				}
			}
		}
		return false
	}
	for _, kind := range []string{"if_statement", "elif_clause"} {
		for _, n := range m.Nodes(kind) {
			if refuses(n.ChildByField("consequence")) {
				collect(n.ChildByField("condition"))
			}
		}
	}
	for _, n := range m.Nodes("assert_statement") {
		collect(n)
	}
	return r
}

// refused reports whether the code refuses to run with the value assigned to name.
func (r secretRefusals) refused(name, value string) bool {
	return r.values[value] || r.names[name]
}

// truncateExpr shortens source text for messages.
func truncateExpr(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// valueExprName names what an expression reads: `password` → "password",
// `user.hashed_password` → "hashed_password", `db[u]["password"]` →
// "password", `body.password.encode()` → "password", `user.get("password")`
// → "password"; "" for anything else.
func valueExprName(n *pyast.Node) string {
	n = pyast.Unparen(n)
	switch n.Type() {
	case "identifier":
		return n.Text()
	case "attribute":
		return n.ChildByField("attribute").Text()
	case "subscript":
		if s, ok := pyast.StringValue(n.ChildByField("subscript")); ok {
			return s
		}
	case "call":
		recv, method := methodCall(n)
		switch method {
		case "encode", "decode", "strip", "lower", "upper", "casefold", "rstrip", "lstrip":
			return valueExprName(recv)
		case "get":
			if s, ok := pyast.StringValue(pyast.Arg(n, 0)); ok {
				return s
			}
		}
	}
	return ""
}

// isPasswordExpr reports whether an expression reads a password or password
// hash by its name: `password`, `form.password`, `user.hashed_password`,
// `users[name]["password"]`, `body.password.encode()`.
func isPasswordExpr(n *pyast.Node) bool {
	name := valueExprName(n)
	return name != "" && isPasswordName(name)
}

// isIdentityExpr reports whether an expression reads a user name, email or login.
func isIdentityExpr(n *pyast.Node) bool {
	name := valueExprName(n)
	return name != "" && isIdentityName(name)
}

// stringOrBytesLiteral returns the text of a string literal, also through
// `"...".encode()`; ok is false for anything else (f-strings included).
func stringOrBytesLiteral(n *pyast.Node) (string, bool) {
	n = pyast.Unparen(n)
	if recv, method := methodCall(n); method == "encode" && pyast.IsString(recv) {
		n = pyast.Unparen(recv)
	}
	if !pyast.IsString(n) || pyast.IsFString(n) {
		return "", false
	}
	return pyast.StringValue(n)
}

// comparisonPairs returns the operand pairs of a comparison chain joined by
// one of the operators: `a == b != c` gives (a, b, "==") and (b, c, "!=").
func comparisonPairs(cmp *pyast.Node, ops ...string) [][2]*pyast.Node {
	var operands []*pyast.Node
	var operators []string
	for _, c := range cmp.Children {
		if c.Field == "operators" {
			operators = append(operators, strings.Join(strings.Fields(c.Text()), " "))
		} else if c.Named && c.Kind != "comment" {
			operands = append(operands, c)
		}
	}
	var out [][2]*pyast.Node
	for i, op := range operators {
		if i+1 >= len(operands) {
			break
		}
		for _, want := range ops {
			if op == want {
				out = append(out, [2]*pyast.Node{operands[i], operands[i+1]})
			}
		}
	}
	return out
}

// secretDummyWords make up values that are obviously not a real key or token:
// "dummy_token", "fake-token", "EMPTY", "not-needed", "your-api-key-here".
var secretDummyWords = map[string]bool{
	"dummy": true, "fake": true, "placeholder": true, "empty": true, "unused": true, "not": true, "needed": true,
	"required": true, "no": true, "none": true, "null": true, "sample": true, "todo": true, "tbd": true, "key": true,
	"token": true, "api": true, "your": true, "here": true, "replace": true, "me": true, "with": true, "real": true,
	"insert": true, "put": true, "my": true, "a": true, "the": true, "secret": true, "xxx": true, "xxxx": true,
	// local model servers that require some key and ignore it
	"ollama": true, "lm": true, "studio": true, "lmstudio": true, "vllm": true, "local": true, "anything": true,
	"any": true, "nokey": true, "sk": true, "unset": true,
}

// isDummyCredential reports an API key or token value made only of
// placeholder words. Such a value grants nothing, unlike a placeholder
// signing key or password that the app really uses.
func isDummyCredential(v string) bool {
	words := secretNameWords(v)
	if len(words) == 0 {
		return false
	}
	dummy := false
	for _, w := range words {
		if !secretDummyWords[w] {
			return false
		}
		if w != "key" && w != "token" && w != "api" && w != "secret" && w != "a" && w != "the" && w != "my" && w != "with" {
			dummy = true
		}
	}
	return dummy
}
