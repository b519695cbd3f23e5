package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA220 = register(&analyzer.Rule{
	Code: "FA220", Name: "insecure-cookie", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityWarning,
	Precision: "high", SecuritySeverity: 5.0, CWE: []string{"CWE-614", "CWE-1004"}, Since: "0.1.0",
	Summary: "A session, token or auth cookie is set without `httponly=True` and `secure=True`.",
	Doc: analyzer.Doc{
		What: "Reports `set_cookie(...)` calls (on a FastAPI/Starlette `Response` or any other receiver) whose cookie name " +
			"(`key=` or the first argument, a literal or a name such as `settings.SESSION_COOKIE_NAME`) or whose value " +
			"(`value=access_token`) marks a session, token or authentication cookie — `session`, `sid`, `token`, `auth`, `jwt`, " +
			"`access`/`refresh` as the whole name, `csrf` — and that does not pass `httponly=True` (CWE-1004) and `secure=True` (CWE-614). " +
			"The message names the missing flag(s). CSRF cookies only need `secure=True`: the double-submit pattern needs JavaScript to read them.",
		Why: "Starlette's `set_cookie` defaults to `httponly=False, secure=False`. Without `httponly` any injected script (XSS, a " +
			"compromised third-party script) reads the session token from `document.cookie` and sends it away; without `secure` the " +
			"browser also sends the cookie over plain HTTP, where anyone on the network can pick it up.",
		Example: "@router.post(\"/login\")\ndef login(response: Response, form: OAuth2PasswordRequestForm = Depends()):\n" +
			"    token = create_access_token(form.username)\n    response.set_cookie(\"access_token\", token)\n",
		UseInstead: "    response.set_cookie(\"access_token\", token, httponly=True, secure=True, samesite=\"lax\", max_age=3600)\n",
		Limits: "Flags given as variables (`secure=settings.COOKIE_SECURE`) or through `**kwargs` count as set. Cookies whose name and " +
			"value say nothing (`key=name`) are not reported, nor preference cookies (`theme`, `lang`, `locale`). Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/614.html",
			"https://cwe.mitre.org/data/definitions/1004.html",
			"https://www.starlette.io/responses/#set-cookie",
			"https://cheatsheetseries.owasp.org/cheatsheets/Session_Management_Cheat_Sheet.html#cookies",
		},
	},
	CheckModule: checkInsecureCookie,
})

// fa220Words mark cookies that authenticate their holder.
var fa220Words = map[string]bool{
	"session": true, "sessionid": true, "sess": true, "sid": true, "token": true, "auth": true, "authorization": true,
	"jwt": true, "csrf": true, "xsrf": true,
	"bearer": true, "credentials": true, "identity": true, "connect.sid": true, "phpsessid": true, "jsessionid": true,
}

func checkInsecureCookie(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		if _, method := methodCall(call); method != "set_cookie" {
			continue
		}
		if fa220HasSplat(call) {
			continue
		}
		key := pyast.Kwarg(call, "key")
		if key == nil {
			key = pyast.Arg(call, 0)
		}
		value := pyast.Kwarg(call, "value")
		if value == nil {
			value = pyast.Arg(call, 1)
		}
		name, csrf := fa220Sensitive(key)
		if name == "" {
			if vname := valueExprName(value); vname != "" && secretKindOf(vname) != secretNone && !isPasswordName(vname) {
				name = key.Text()
				if s, ok := pyast.StringValue(key); ok {
					name = s
				}
			}
		}
		if name == "" {
			continue
		}
		var missing []string
		if !csrf && fa220Unset(call, "httponly") {
			missing = append(missing, "`httponly=True` (scripts can read it)")
		}
		if fa220Unset(call, "secure") {
			missing = append(missing, "`secure=True` (it is also sent over plain HTTP)")
		}
		if len(missing) == 0 {
			continue
		}
		pass.Report(call, "%s", fmt.Sprintf("authentication cookie `%s` is set without %s; pass `httponly=True, secure=True, samesite=\"lax\"`",
			name, strings.Join(missing, " and ")))
	}
}

// fa220Sensitive returns the cookie's name when it marks an auth cookie
// (csrf when it is a CSRF cookie), "" otherwise.
func fa220Sensitive(key *pyast.Node) (name string, csrf bool) {
	if key == nil {
		return "", false
	}
	text, ok := pyast.StringValue(key)
	if !ok {
		// A name: settings.SESSION_COOKIE_NAME, ACCESS_TOKEN_COOKIE
		text = pyast.DottedName(key)
		if text == "" {
			return "", false
		}
		text = analyzer.LastPart(text)
	}
	sensitive := false
	for _, w := range secretNameWords(text) {
		if fa220Words[w] || fa220Compound(w) {
			sensitive = true
		}
		if strings.HasPrefix(w, "csrf") || strings.HasPrefix(w, "xsrf") {
			csrf = true
		}
	}
	// "access" and "refresh" alone name the token cookies; in longer names
	// (last_access_time) they do not.
	if words := secretNameWords(text); len(words) == 1 && (words[0] == "access" || words[0] == "refresh") {
		sensitive = true
	}
	if !sensitive {
		return "", false
	}
	if s, lit := pyast.StringValue(key); lit {
		return s, csrf
	}
	return key.Text(), csrf
}

// fa220Unset reports whether the flag is missing or a literal false value.
func fa220Unset(call *pyast.Node, flag string) bool {
	v := pyast.Unparen(pyast.Kwarg(call, flag))
	if v == nil {
		return true
	}
	return v.Is("false", "none") || v.Is("integer") && v.Text() == "0"
}

// fa220HasSplat reports `set_cookie(**kwargs)`: the flags may be in there.
func fa220HasSplat(call *pyast.Node) bool {
	for _, a := range call.ChildByField("arguments").NamedChildren() {
		if a.Is("dictionary_splat") {
			return true
		}
	}
	return false
}

// fa220Compound reports single-word cookie names that glue a marker word to
// another: csrftoken, sessionid, authtoken, jwtcookie.
func fa220Compound(w string) bool {
	for _, p := range []string{"csrf", "xsrf", "session", "jwt", "authtoken", "accesstoken", "refreshtoken"} {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	for _, suf := range []string{"token", "session", "sessionid", "jwt"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}
