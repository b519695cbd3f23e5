package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA206 = register(&analyzer.Rule{
	Code: "FA206", Name: "weak-password-hash", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 7.5, CWE: []string{"CWE-916"}, Since: "0.1.0",
	Summary: "A password is hashed with a fast or broken hash (MD5, SHA-1, SHA-256, ...) or a weak passlib scheme instead of a slow, salted password hash.",
	Doc: analyzer.Doc{
		What: "Reports:\n\n" +
			"- `hashlib.md5/sha1/sha224/sha256/sha384/sha512/sha3_*/blake2b/blake2s(...)` and `hashlib.new(\"md5\", ...)` (also their " +
			"`.update(...)`) when the hashed data carries a password: a value named like a password (`password`, `body.password`, " +
			"`form_data.password`, `user[\"password\"]`), followed through assignments, `.encode()`, f-strings and concatenation with a " +
			"salt; inside a function named for password hashing (`hash_password`, `get_password_hash`, `verify_password`) any parameter " +
			"counts;\n" +
			"- a passlib `CryptContext(schemes=[...])` whose default scheme (the first, or `default=`) is a fast or reversible one: " +
			"`md5_crypt`, `des_crypt`, `plaintext`, `ldap_*`, `hex_*`, `mysql*`, `postgres_md5`, `nthash`, ...; and direct use of those " +
			"passlib handlers (`md5_crypt.hash(...)`);\n" +
			"- werkzeug's `generate_password_hash(..., method=\"md5\")`/`\"sha1\"`/`\"plain\"`.",
		Why: "General-purpose hashes are built to be fast: a single GPU computes billions of SHA-256 or MD5 hashes per second, so a leaked " +
			"table of such hashes gives up most passwords within hours, salted or not, and unsalted ones fall to precomputed tables at once. " +
			"Password hashes (bcrypt, argon2, scrypt, pbkdf2 with many iterations) are slow and salted on purpose.",
		Example: "import hashlib\n\ndef hash_password(password: str) -> str:\n    return hashlib.sha256(password.encode()).hexdigest()\n",
		UseInstead: "from pwdlib import PasswordHash  # or passlib: CryptContext(schemes=[\"bcrypt\"], deprecated=\"auto\")\n\n" +
			"password_hash = PasswordHash.recommended()  # argon2\n\ndef hash_password(password: str) -> str:\n    return password_hash.hash(password)\n",
		Limits: "Hashes of data that is not a password — ETags, cache keys, file checksums, tokens stored hashed — are not reported; a password " +
			"held in a variable with another name is only recognised inside a password-hashing function. `hmac` with a server key and " +
			"`hashlib.pbkdf2_hmac`/`hashlib.scrypt` are not reported (their iteration count is not checked). A `CryptContext` that keeps a " +
			"weak scheme only to verify old hashes (not its default, or listed in `deprecated=`) is not reported. Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/916.html",
			"https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html",
			"https://passlib.readthedocs.io/en/stable/lib/passlib.hash.html",
		},
	},
	CheckModule: checkWeakPasswordHash,
})

// fa206FastHashes are hashlib's general-purpose digests.
var fa206FastHashes = map[string]bool{
	"md5": true, "sha1": true, "sha224": true, "sha256": true, "sha384": true, "sha512": true,
	"sha3_224": true, "sha3_256": true, "sha3_384": true, "sha3_512": true, "blake2b": true, "blake2s": true,
	"shake_128": true, "shake_256": true, "sha512_224": true, "sha512_256": true, "md4": true, "ripemd160": true, "sm3": true,
}

// fa206WeakScheme reports passlib schemes that are fast, unsalted or reversible.
func fa206WeakScheme(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "md5_crypt", "apr_md5_crypt", "sun_md5_crypt", "des_crypt", "bsdi_crypt", "bigcrypt", "crypt16", "plaintext",
		"mysql323", "mysql41", "postgres_md5", "oracle10", "oracle11", "nthash", "lmhash", "msdcc", "msdcc2", "bsd_nthash",
		"htdigest", "roundup_plaintext", "unix_disabled", "cisco_pix", "cisco_asa", "cisco_type7", "django_salted_md5",
		"django_salted_sha1", "django_des_crypt", "django_disabled":
		return true
	}
	return strings.HasPrefix(s, "ldap_") || strings.HasPrefix(s, "hex_")
}

// fa206PasswordFunction reports functions whose name says they hash or check a password.
func fa206PasswordFunction(fn *analyzer.Function) bool {
	for f := fn; f != nil; f = f.Outer {
		pw, act := false, false
		for _, w := range secretNameWords(f.Name) {
			switch w {
			case "password", "passwd", "pwd", "pw", "passphrase":
				pw = true
			case "hash", "hashed", "hasher", "digest", "encrypt", "encode", "verify", "check", "make", "set", "crypt":
				act = true
			}
		}
		if pw && act {
			return true
		}
	}
	return false
}

var fa206Spec = &taintSpec{
	Source: func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if name := valueExprName(n); name != "" && fa203PlainPasswordName(name) {
			label := n
			for label.Is("call") { // password.encode() → password
				label, _ = methodCall(label)
			}
			return []taint{{Label: truncateExpr(label.Text())}}
		}
		if n.Is("identifier") && fn != nil && fn.Param(n.Text()) != nil && fa206PasswordFunction(fn) {
			p := fn.Param(n.Text())
			if p.Depends == nil && p.Name != "self" && p.Name != "cls" && secretKindOf(p.Name) == secretNone && !isIdentityName(p.Name) &&
				!fa206NotPassword(p.Name) {
				return []taint{{Label: p.Name}}
			}
		}
		return nil
	},
	Field: fa203PlainPasswordName,
}

// fa206NotPassword are parameter names of password functions that hold
// something else: the salt, the stored hash, rounds.
func fa206NotPassword(name string) bool {
	for _, w := range secretNameWords(name) {
		switch w {
		case "salt", "hash", "hashed", "digest", "rounds", "iterations", "algorithm", "algo", "method", "encoding", "db", "session", "user":
			return true
		}
	}
	return false
}

func checkWeakPasswordHash(pass *analyzer.Pass) {
	if pass.IsTest() {
		return
	}
	m := pass.Module
	flows := map[*analyzer.Function]*taintFlow{}
	flowOf := func(n *pyast.Node) *taintFlow {
		fn := m.EnclosingFunction(n)
		if f, ok := flows[fn]; ok {
			return f
		}
		f := newTaintFlow(m, fn, fa206Spec)
		flows[fn] = f
		return f
	}
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		switch {
		case strings.HasPrefix(q, "hashlib."):
			algo := strings.TrimPrefix(q, "hashlib.")
			data := pyast.Arg(call, 0)
			if algo == "new" {
				algo, _ = pyast.StringValue(pyast.Arg(call, 0))
				if algo == "" {
					algo, _ = pyast.StringValue(pyast.Kwarg(call, "name"))
				}
				algo = strings.ToLower(strings.ReplaceAll(algo, "-", ""))
				data = pyast.Arg(call, 1)
			}
			if data == nil {
				data = pyast.Kwarg(call, "data")
			}
			if data == nil {
				data = pyast.Kwarg(call, "string")
			}
			if !fa206FastHashes[algo] || data == nil {
				continue
			}
			fa206Report(pass, flowOf(call), call, data, "hashlib."+algo+"()")
		case q == "passlib.context.CryptContext":
			fa206CheckContext(pass, call)
		case strings.HasPrefix(q, "passlib.hash."):
			parts := strings.Split(strings.TrimPrefix(q, "passlib.hash."), ".")
			if len(parts) == 2 && fa206WeakScheme(parts[0]) && (parts[1] == "hash" || parts[1] == "encrypt") {
				pass.Report(call, "passlib's `%s` is a fast or reversible scheme, so stored hashes fall to offline cracking; hash passwords with bcrypt or argon2 (`CryptContext(schemes=[\"bcrypt\"])`, pwdlib)", parts[0])
			}
		case q == "werkzeug.security.generate_password_hash":
			if meth, ok := pyast.StringValue(pyast.Kwarg(call, "method")); ok {
				if l := strings.ToLower(meth); l == "plain" || strings.HasPrefix(l, "md5") || strings.HasPrefix(l, "sha1") {
					pass.Report(call, "`generate_password_hash(method=%q)` stores a fast or plain hash; use the default (scrypt) or `method=\"pbkdf2\"`", meth)
				}
			}
		default:
			// h = hashlib.sha256(); h.update(password)
			if recv, method := methodCall(call); method == "update" && recv != nil {
				ctor := taintCallName(m, m.EnclosingFunction(call), call)
				algo := strings.TrimSuffix(strings.TrimPrefix(ctor, "hashlib."), ".update")
				if strings.HasPrefix(ctor, "hashlib.") && fa206FastHashes[algo] {
					if data := pyast.Arg(call, 0); data != nil {
						fa206Report(pass, flowOf(call), call, data, "hashlib."+algo+"().update")
					}
				}
			}
		}
	}
}

// fa206Report reports a fast hash of data that carries a password.
func fa206Report(pass *analyzer.Pass, flow *taintFlow, call, data *pyast.Node, what string) {
	ts := flow.Data(data)
	if len(ts) == 0 {
		return
	}
	now, pending := taintSplit(ts)
	msg := func(label string) string {
		return fmt.Sprintf("password `%s` is hashed with %s, a fast hash that GPUs crack by the billion per second; use a slow salted password hash: bcrypt or argon2 (passlib `CryptContext(schemes=[\"bcrypt\"])`, pwdlib, `argon2.PasswordHasher`)",
			label, what)
	}
	if len(now) > 0 {
		pass.Report(call, "%s", msg(now[0].Label))
		return
	}
	pass.ReportWhen(call, func(p *analyzer.Project) string {
		for _, t := range pending {
			if fa206Spec.Holds(p, t) {
				return msg(t.Label)
			}
		}
		return ""
	})
}

// fa206CheckContext reports a CryptContext whose default scheme is weak.
func fa206CheckContext(pass *analyzer.Pass, call *pyast.Node) {
	schemesNode := pyast.Kwarg(call, "schemes")
	if schemesNode == nil {
		schemesNode = pyast.Arg(call, 0)
	}
	schemes := fa206Strings(pass.Module, schemesNode)
	if len(schemes) == 0 {
		return
	}
	def := schemes[0]
	if d, ok := pyast.StringValue(pyast.Kwarg(call, "default")); ok {
		def = d
	}
	if !fa206WeakScheme(def) {
		return
	}
	// deprecated=[...] naming the default, or "auto" with a single scheme: still hashing with it.
	pass.Report(call, "CryptContext hashes new passwords with `%s`, a fast or reversible scheme; put a slow salted scheme first (`schemes=[\"bcrypt\", \"%s\"], deprecated=\"auto\"` keeps verifying old hashes and upgrades them)", def, def)
}

// fa206Strings reads a list/tuple of string literals, through a module-level name.
func fa206Strings(m *analyzer.Module, n *pyast.Node) []string {
	n = pyast.Unparen(n)
	if n.Is("identifier") {
		n = pyast.Unparen(m.Vars[n.Text()])
	}
	if s, ok := pyast.StringValue(n); ok {
		// passlib also accepts a comma-separated string
		var out []string
		for _, part := range strings.Split(s, ",") {
			out = append(out, strings.TrimSpace(part))
		}
		return out
	}
	var out []string
	for _, c := range n.NamedChildren() {
		if s, ok := pyast.StringValue(c); ok {
			out = append(out, s)
		}
	}
	return out
}
