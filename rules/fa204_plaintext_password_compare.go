package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA204 = register(&analyzer.Rule{
	Code: "FA204", Name: "plaintext-password-compare", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 8.5, CWE: []string{"CWE-522"}, Since: "0.1.0",
	Summary: "A password is checked with `==`/`!=` against a stored value instead of a password-hash verify function.",
	Doc: analyzer.Doc{
		What: "Reports `==` and `!=` comparisons where one side reads a password or password hash by its name " +
			"(`password`, `body.password`, `user.hashed_password`, `fake_users_db[username][\"password\"]`, `user.get(\"password\")`) " +
			"and the other side is a value from elsewhere: `user.password == body.password`, `users[email] == password`, " +
			"`form_data.password != db_user.hashed_password`, `user.hashed_password == fake_hash_password(form.password)`.\n\n" +
			"The rule is classified CWE-522 (Insufficiently Protected Credentials): an equality check on a password means the " +
			"stored side is the plain password or an unsalted, fast hash of it, which is the weakness that matters; the timing " +
			"leak of `==` (CWE-208) is real but secondary, and CWE-256 (plaintext storage) would miss the unsalted-hash case.",
		Why: "A password can only be checked with `==` if the server keeps it in plain text or as an unsalted deterministic hash. " +
			"Whoever reads the database (a backup, an SQL injection, a log) then has every user's password — which users reuse on " +
			"other sites. Salted slow hashes (bcrypt, argon2, scrypt, pbkdf2) cannot be compared with `==`: they are checked with " +
			"a verify function that re-hashes the candidate with the stored salt and compares in constant time. `==` also returns " +
			"early at the first differing character, which leaks timing.",
		Example: "@app.post(\"/token\")\ndef login(form: Annotated[OAuth2PasswordRequestForm, Depends()]):\n" +
			"    user = fake_users_db.get(form.username)\n    if not user or user[\"password\"] != form.password:\n" +
			"        raise HTTPException(status_code=400, detail=\"Incorrect username or password\")\n",
		UseInstead: "from passlib.context import CryptContext\n\npwd_context = CryptContext(schemes=[\"bcrypt\"], deprecated=\"auto\")\n\n" +
			"@app.post(\"/token\")\ndef login(form: Annotated[OAuth2PasswordRequestForm, Depends()], db: SessionDep):\n" +
			"    user = get_user(db, form.username)\n    if not user or not pwd_context.verify(form.password, user.hashed_password):\n" +
			"        raise HTTPException(status_code=400, detail=\"Incorrect username or password\")\n",
		Limits: "Passwords are recognised by the name of what is compared (`password`, `passwd`, `pwd`, `*_password`, `hashed_password`, " +
			"`password_hash`, a `\"password\"` key); a password held in a variable named otherwise is missed. Not reported: comparisons " +
			"with `None`, empty strings or other literals (a literal password is FA205's), results of `verify`/`check` functions, " +
			"confirmation and policy checks — one side named `confirm`/`repeat`/`password2`/`new_…`/…, the other side a user name, email, " +
			"token or key, comparisons inside pydantic models and validators and in `__eq__`, " +
			"both sides read from the same object (`body.new_password == body.old_password`) or both taken from the request " +
			"parameters of the same handler. Token, API key and signature compares are FA214's. Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/522.html",
			"https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html",
			"https://fastapi.tiangolo.com/tutorial/security/oauth2-jwt/#handle-jwt-tokens",
		},
	},
	CheckModule: checkPlaintextPasswordCompare,
})

// fa204ConfirmWords mark the confirmation side of a "type it twice" check.
var fa204ConfirmWords = map[string]bool{
	"confirm": true, "confirmation": true, "confirmed": true, "repeat": true, "repeated": true, "again": true,
	"retype": true, "retyped": true, "reenter": true, "verify": true, "verification": true, "check": true,
	"password2": true, "pwd2": true, "pass2": true, "pw2": true, "re": true, "second": true,
	// "the new password must differ from ...": a policy check
	"new": true,
}

func checkPlaintextPasswordCompare(pass *analyzer.Pass) {
	if pass.IsTest() {
		return
	}
	m := pass.Module
	for _, cmp := range m.Nodes("comparison_operator") {
		if fa204InModelValidation(m, cmp) {
			continue
		}
		for _, pair := range comparisonPairs(cmp, "==", "!=") {
			a, b := pyast.Unparen(pair[0]), pyast.Unparen(pair[1])
			if !isPasswordExpr(a) && !isPasswordExpr(b) {
				continue
			}
			if fa204Excluded(m, a, b) {
				continue
			}
			pass.Report(cmp, "%s", fmt.Sprintf("password compared with `==`/`!=` in `%s`: a direct comparison means plain-text or home-made password storage and leaks timing; store a salted hash (`pwd_context.hash(...)`) and check it with `pwd_context.verify(plain, hashed)` (passlib, bcrypt or argon2)",
				truncateExpr(cmp.Text())))
			break
		}
	}
}

// fa204Excluded reports the comparisons that are no password check.
func fa204Excluded(m *analyzer.Module, a, b *pyast.Node) bool {
	for _, side := range []*pyast.Node{a, b} {
		if pyast.IsLiteral(side) || side.Is("none", "ellipsis") {
			return true // None, "", literal values: a literal password is FA205's
		}
		if side.Is("call") {
			switch calledName(m, side) {
			case "builtins.len", "builtins.bool", "builtins.type", "builtins.isinstance", "builtins.int":
				return true
			}
			callee := pyast.Callee(side)
			for _, w := range secretNameWords(analyzer.LastPart(pyast.DottedName(callee))) {
				if w == "verify" || w == "check" || w == "compare" || w == "validate" || w == "checkpw" || w == "matches" {
					return true
				}
			}
			if callee.Is("attribute") && callee.ChildByField("attribute").Text() == "checkpw" {
				return true
			}
		}
		for _, w := range secretNameWords(valueExprName(side)) {
			if fa204ConfirmWords[w] {
				return true
			}
		}
	}
	// A token or key on the other side: a token compare, FA214's.
	for _, pair := range [][2]*pyast.Node{{a, b}, {b, a}} {
		if isPasswordExpr(pair[0]) && !isPasswordExpr(pair[1]) && secretKindOf(valueExprName(pair[1])) != secretNone {
			return true
		}
	}
	// Policy checks: the password must not equal the user name or email.
	if isPasswordExpr(a) && isIdentityExpr(b) || isPasswordExpr(b) && isIdentityExpr(a) {
		return true
	}
	// Both sides from one object: body.new_password == body.old_password.
	ra, rb := fa204Root(a), fa204Root(b)
	if ra != "" && ra == rb {
		return true
	}
	// Both sides request parameters of one handler: a confirmation or
	// "new must differ from old" check, not a login.
	if fn := m.EnclosingFunction(a); fn != nil && fn.Handler != nil {
		pa, pb := fn.Param(ra), fn.Param(rb)
		if pa != nil && pb != nil && pa.Depends == nil && pb.Depends == nil {
			return true
		}
	}
	return false
}

// fa204Root returns the leftmost name of an attribute/subscript/call chain:
// `body.password.encode()` → "body".
func fa204Root(n *pyast.Node) string {
	for {
		n = pyast.Unparen(n)
		switch n.Type() {
		case "identifier":
			return n.Text()
		case "attribute":
			n = n.ChildByField("object")
		case "subscript":
			n = n.ChildByField("value")
		case "call":
			n = pyast.Callee(n)
		default:
			return ""
		}
	}
}

// fa204InModelValidation reports comparisons in the methods of a pydantic
// model or in validator functions: they compare request fields with each
// other (`confirm_password` against `password`), never with stored secrets.
func fa204InModelValidation(m *analyzer.Module, n *pyast.Node) bool {
	for fn := m.EnclosingFunction(n); fn != nil; fn = fn.Outer {
		switch fn.Name {
		case "__eq__", "__ne__", "__hash__":
			return true // value equality of a record, not a login
		}
		for _, d := range fn.Decorators {
			if d.Is("call") {
				d = pyast.Callee(d)
			}
			switch analyzer.LastPart(m.Resolve(d)) {
			case "field_validator", "model_validator", "validator", "root_validator":
				if strings.HasPrefix(m.Resolve(d), "pydantic") {
					return true
				}
			}
		}
		if fn.Class != nil {
			for _, b := range fn.Class.Bases {
				if isPydanticBase(b) {
					return true
				}
			}
		}
	}
	return false
}
