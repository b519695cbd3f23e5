package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA210 = register(&analyzer.Rule{
	Code: "FA210", Name: "cors-wildcard-credentials", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "very-high", SecuritySeverity: 7.0, CWE: []string{"CWE-942"}, Since: "0.1.0",
	Summary: "CORSMiddleware allows every origin (`allow_origins=[\"*\"]` or a match-all `allow_origin_regex`) together with `allow_credentials=True`.",
	Doc: analyzer.Doc{
		What: "Reports `app.add_middleware(CORSMiddleware, ...)`, `Middleware(CORSMiddleware, ...)` (in `FastAPI(middleware=[...])`) " +
			"and `CORSMiddleware(app, ...)` when `allow_credentials=True` and the allowed origins are any origin: `allow_origins` " +
			"containing `\"*\"` (a literal list, a module-level constant, or `os.getenv(\"ORIGINS\", \"*\").split(\",\")`) or an " +
			"`allow_origin_regex` that matches every origin (`\".*\"`, `\"https?://.*\"`). Starlette's middleware is matched " +
			"through its FastAPI re-export and import aliases.",
		Why: "With credentials allowed, Starlette cannot answer `Access-Control-Allow-Origin: *` (browsers reject it), so it echoes " +
			"the caller's `Origin` header instead. Any website a logged-in user visits can then send requests with the user's cookies " +
			"or HTTP authentication and read the responses: account data, CSRF tokens, anything the API returns (CWE-942).",
		Example: "app.add_middleware(\n    CORSMiddleware,\n    allow_origins=[\"*\"],\n    allow_credentials=True,\n" +
			"    allow_methods=[\"*\"],\n    allow_headers=[\"*\"],\n)\n",
		UseInstead: "app.add_middleware(\n    CORSMiddleware,\n    allow_origins=[\"https://app.example.com\"],  # or settings.cors_origins\n" +
			"    allow_credentials=True,\n    allow_methods=[\"*\"],\n    allow_headers=[\"*\"],\n)\n\n" +
			"# a public API that needs no cookies can keep the wildcard without credentials\n" +
			"app.add_middleware(CORSMiddleware, allow_origins=[\"*\"])\n",
		Limits: "Origins read from settings objects or the environment without a literal default are trusted. A wildcard without " +
			"credentials is not reported (it is the right setting for a public API).",
		References: []string{
			"https://cwe.mitre.org/data/definitions/942.html",
			"https://fastapi.tiangolo.com/tutorial/cors/",
			"https://www.starlette.io/middleware/#corsmiddleware",
			"https://portswigger.net/web-security/cors",
		},
	},
	CheckModule: checkCORSWildcardCredentials,
})

var fa210CORSClasses = map[string]bool{
	"fastapi.middleware.cors.CORSMiddleware": true,
}

var fa210MiddlewareClasses = map[string]bool{
	"starlette.middleware.Middleware": true, "fastapi.middleware.Middleware": true,
}

func checkCORSWildcardCredentials(pass *analyzer.Pass) {
	m := pass.Module
	for _, call := range m.Nodes("call") {
		var cls *pyast.Node
		q := calledName(m, call)
		switch {
		case fa210CORSClasses[q]: // CORSMiddleware(app, ...)
			cls = pyast.Callee(call)
		case fa210MiddlewareClasses[q]:
			cls = pyast.Arg(call, 0)
			if cls == nil {
				cls = pyast.Kwarg(call, "cls")
			}
		default:
			if _, method := methodCall(call); method == "add_middleware" {
				cls = pyast.Arg(call, 0)
				if cls == nil {
					cls = pyast.Kwarg(call, "middleware_class")
				}
			}
		}
		if cls == nil || !fa210CORSClasses[m.Resolve(cls)] {
			continue
		}
		fn := m.EnclosingFunction(call)
		if !fa210True(m, fn, pyast.Kwarg(call, "allow_credentials")) {
			continue
		}
		if origins := pyast.Kwarg(call, "allow_origins"); fa210Wildcard(m, fn, origins) {
			pass.Report(call, "CORSMiddleware allows any origin (`allow_origins` has \"*\") with `allow_credentials=True`: Starlette then echoes each caller's Origin, so any website can make authenticated requests with your users' cookies and read the answers; list the trusted origins explicitly")
			continue
		}
		if re := pyast.Kwarg(call, "allow_origin_regex"); re != nil {
			if v, ok := pyast.StringValue(boundLiteral(m, fn, re)); ok && fa210MatchAll(v) {
				pass.Report(call, "CORSMiddleware's `allow_origin_regex=%q` matches every origin and `allow_credentials=True` is set: any website can make authenticated requests with your users' cookies and read the answers; anchor the regex to your own domains (`https://([a-z]+\\.)?example\\.com`)", v)
			}
		}
	}
}

// fa210True reports a literal True (or a name bound to one).
func fa210True(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) bool {
	return boundLiteral(m, fn, n).Is("true")
}

// fa210Wildcard reports allowed origins that include "*".
func fa210Wildcard(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) bool {
	v := boundLiteral(m, fn, n)
	if s, ok := pyast.StringValue(v); ok {
		return strings.TrimSpace(s) == "*"
	}
	switch v.Type() {
	case "list", "tuple", "set":
		for _, c := range v.NamedChildren() {
			if s, ok := pyast.StringValue(boundLiteral(m, fn, c)); ok && strings.TrimSpace(s) == "*" {
				return true
			}
		}
	case "call":
		// os.getenv("ORIGINS", "*").split(","): the default applies when unset.
		recv, method := methodCall(v)
		if method == "split" && pyast.Unparen(recv).Is("call") {
			env := pyast.Unparen(recv)
			if envReadCalls[calledName(m, env)] {
				if d, ok := pyast.StringValue(pyast.Arg(env, 1)); ok {
					for _, part := range strings.Split(d, ",") {
						if strings.TrimSpace(part) == "*" {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

// fa210MatchAll reports origin regexes that accept any origin.
func fa210MatchAll(re string) bool {
	r := strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(re), "^"), "$")
	for _, prefix := range []string{"https?://", "https://", "http://", "(https?)://", "(http|https)://", "http(s)?://", "https?:\\/\\/", "https:\\/\\/"} {
		if strings.HasPrefix(r, prefix) {
			r = strings.TrimPrefix(r, prefix)
			break
		}
	}
	r = strings.TrimPrefix(strings.TrimSuffix(r, ")"), "(")
	switch r {
	case ".*", ".+", "*", "[^/]+", "[^/]*", "\\S+", "\\S*", "[a-zA-Z0-9.:-]+", "[\\w.:-]+", "[\\w\\-.:]+":
		return true
	}
	return false
}
