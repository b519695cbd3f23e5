package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA212 = register(&analyzer.Rule{
	Code: "FA212", Name: "credentials-in-query", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityWarning,
	Precision: "high", SecuritySeverity: 6.0, CWE: []string{"CWE-598"}, Since: "0.1.0",
	Summary: "A path operation reads a password, secret, token or API key from the query string.",
	Doc: analyzer.Doc{
		What: "Reports a parameter of a path operation that FastAPI reads from the query string — an explicit `Query(...)` marker, or a " +
			"scalar (`str`, `Optional[str]`, no annotation) that is not in the route's path — whose name (or `alias=`) holds a password, " +
			"secret, token, API key or credential (`password`, `api_key`, `access_token`, `client_secret`, `apiKey`). Parameters read " +
			"from a body model, `Form(...)`, `Header(...)`, `Cookie(...)`, `Body(...)`, a `Depends(...)`/`Security(...)` dependency " +
			"(e.g. `OAuth2PasswordRequestForm`) or the path are not reported.",
		Why: "Query strings are not secret: they are written to web server, proxy and load-balancer access logs, kept in browser history " +
			"and bookmarks, sent in the `Referer` header to third-party sites, and shown in monitoring tools. A password or API key sent " +
			"that way leaks to everyone who can read any of those.",
		Example: "@router.get(\"/export\")\ndef export(api_key: str):\n    check_key(api_key)\n    ...\n",
		UseInstead: "from fastapi.security import APIKeyHeader\n\napi_key_header = APIKeyHeader(name=\"X-API-Key\")\n\n" +
			"@router.get(\"/export\")\ndef export(api_key: str = Security(api_key_header)):\n    check_key(api_key)\n    ...\n",
		Limits: "Only path operations are checked, not the parameters of dependencies. Tokens of one-time links (routes whose path " +
			"names a verification, confirmation, password reset, activation, invitation, unsubscribe, OAuth callback or magic-link " +
			"step, which must be clickable from an e-mail) and WebSocket routes (browsers cannot set headers on a WebSocket handshake) " +
			"are not reported. Parameters whose type is a project class (an Enum or a model) are left alone.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/598.html",
			"https://owasp.org/www-community/vulnerabilities/Information_exposure_through_query_strings_in_url",
			"https://fastapi.tiangolo.com/reference/security/#fastapi.security.APIKeyHeader",
		},
	},
	CheckModule: checkCredentialsInQuery,
})

// fa212LinkWords mark routes serving one-time links sent by e-mail, where a
// token in the query string is the point.
var fa212LinkWords = map[string]bool{
	"verify": true, "verification": true, "confirm": true, "confirmation": true, "reset": true, "activate": true,
	"activation": true, "invite": true, "invitation": true, "invitations": true, "unsubscribe": true, "callback": true,
	"magic": true, "validate": true, "email": true, "recover": true, "recovery": true, "accept": true,
}

func checkCredentialsInQuery(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	for _, fn := range m.Functions {
		routes := routesOf(m, fn)
		if len(routes) == 0 {
			continue
		}
		pathNames := map[string]bool{}
		oneTimeLink, websocket := false, false
		for _, r := range routes {
			for _, n := range pathParams(r.Path) {
				pathNames[n] = true
			}
			for _, w := range secretNameWords(r.Path) {
				if fa212LinkWords[w] {
					oneTimeLink = true
				}
			}
			for _, meth := range r.Methods {
				if meth == "WEBSOCKET" {
					websocket = true
				}
			}
		}
		if websocket {
			continue
		}
		for _, fp := range classifyParams(m, fn, pathNames) {
			if fp.Skip || fp.Source != srcQuery {
				continue
			}
			if fp.Marker == "" && fp.Shape != shapeScalar {
				continue
			}
			if fa212NotText(m, fp.P) {
				continue // revealSecret: bool, a flag about a secret
			}
			name := fp.Name()
			kind := secretKindOf(name)
			if kind == secretNone {
				if !isPasswordName(name) {
					continue
				}
				kind = secretPassword
			}
			if oneTimeLink && kind != secretPassword {
				continue
			}
			what := "credential"
			switch kind {
			case secretPassword:
				what = "password"
			case secretSigning:
				what = "secret"
			}
			pass.Report(fp.P.Node, "%s", fmt.Sprintf("%s `%s` of %s is read from the query string, which ends up in access logs, browser history and Referer headers; take it from a header (`Security(APIKeyHeader(...))`), a request body or `Form(...)` instead",
				what, name, funcLabel(fn)))
		}
	}
}

// fa212NotText reports parameters that cannot hold a secret string: typed
// bool/int/float/Literal, or defaulting to True/False.
func fa212NotText(m *analyzer.Module, p *analyzer.Param) bool {
	if d := pyast.Unparen(p.Default); d.Is("true", "false", "integer", "float") {
		return true
	}
	for _, t := range unionMembersOrSelf(m, p.Annotation) {
		head, _ := typeParts(t)
		if head == nil {
			head = t
		}
		switch m.Resolve(head) {
		case "builtins.bool", "builtins.int", "builtins.float", "typing.Literal", "typing_extensions.Literal":
			return true
		}
	}
	return false
}
