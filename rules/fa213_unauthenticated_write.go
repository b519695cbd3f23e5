package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

var FA213 = register(&analyzer.Rule{
	Code: "FA213", Name: "unauthenticated-write", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityWarning,
	Precision: "medium", SecuritySeverity: 6.5, CWE: []string{"CWE-306"}, Since: "0.1.0",
	Summary: "A POST/PUT/PATCH/DELETE handler has no authentication dependency in an app that authenticates its other routes.",
	Doc: analyzer.Doc{
		What: "In an application that authenticates somewhere, reports the route decorator of a write handler (POST, PUT, PATCH, DELETE) " +
			"whose dependency closure holds no authentication: none on the handler's parameters (directly, through `Annotated` aliases " +
			"such as `CurrentUser = Annotated[User, Depends(get_current_user)]` from another module, or through the dependencies of its " +
			"dependencies), on the decorator's `dependencies=[...]`, on its `APIRouter(dependencies=[...])`, on the `include_router(...)` " +
			"calls that mount it, or on `FastAPI(dependencies=[...])`. Authentication is a `fastapi.security` scheme (`OAuth2PasswordBearer`, " +
			"`HTTPBearer`, `HTTPBasic`, `APIKeyHeader`, ... or a class derived from one), any `Security(...)` dependency, or a project " +
			"function that depends on a scheme, decodes a JWT (`jwt.decode`, `jose`, `authlib`, Firebase or Google ID tokens), or reads the " +
			"`Authorization`/API-key header or a session cookie and checks it. The app \"authenticates somewhere\" when one of its routes " +
			"uses such a dependency; then dependencies named like `get_current_user`, `require_admin` or `verify_api_key` count too. " +
			"The message names the dependency the app uses most.",
		Why: "When most routes require a user and one write route does not, anyone who can reach the API can create, change or delete " +
			"data through it (CWE-306, missing authentication for a critical function). Agent-written apps add the auth dependency route " +
			"by route, so the one that was forgotten is easy to miss in review and invisible in the generated OpenAPI document.",
		Example: "@router.get(\"/items\")\ndef list_items(user: User = Depends(get_current_user)):\n    ...\n\n" +
			"@router.delete(\"/items/{item_id}\")\ndef delete_item(item_id: int, db: Session = Depends(get_db)):\n    ...\n",
		UseInstead: "@router.delete(\"/items/{item_id}\")\ndef delete_item(item_id: int, db: Session = Depends(get_db),\n" +
			"                user: User = Depends(get_current_user)):\n    ...\n\n# or once for the whole router\n" +
			"router = APIRouter(prefix=\"/items\", dependencies=[Depends(get_current_user)])\n",
		Limits: "Apps without any recognisable authentication are left alone. So are, by a word of the path or of the handler's name, " +
			"login, logout, sign-in, sign-up, register, token, refresh, OTP, magic-link, password-reset/recovery and e-mail verification " +
			"endpoints, health checks and public forms (contact, newsletter, (un)subscribe, waitlist, feedback, inquiries); a POST that " +
			"creates a user on a `/users` or `/accounts` collection without path parameters, or an \"open\"/\"public\" user creation " +
			"(a sign-up); and webhooks whose handler (or " +
			"one of its dependencies or helpers) reads a signature header and calls `hmac` or the provider's verifier. A route is also " +
			"left alone when one of its dependencies cannot be resolved (an unknown callable, a factory call such as " +
			"`Depends(make_checker())`), when a middleware authenticates (an `@app.middleware(\"http\")`, `BaseHTTPMiddleware.dispatch` " +
			"or ASGI `__call__` that checks credentials, or a Starlette `AuthenticationBackend`), or when its router is never included in " +
			"an app. Authorisation (whether the authenticated user may change this resource) is not checked. Apps built inside a factory " +
			"function lose the `FastAPI(dependencies=[...])` of that app.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/security/",
			"https://fastapi.tiangolo.com/tutorial/bigger-applications/#dependencies",
			"https://cwe.mitre.org/data/definitions/306.html",
			"https://owasp.org/API-Security/editions/2023/en/0xa2-broken-authentication/",
		},
	},
	CheckProject: checkUnauthenticatedWrite,
})

var fa213WriteMethods = map[string]bool{"POST": true, "PUT": true, "PATCH": true, "DELETE": true}

// fa213PublicWords mark endpoints that are public by design.
var fa213PublicWords = []string{
	"login", "logout", "signin", "signout", "signup", "register", "registration", "token", "refresh",
	"health", "healthz", "healthcheck", "ping", "livez", "readyz", "liveness", "readiness", "forgot", "otp", "magic",
	// Public forms.
	"contact", "newsletter", "newsletters", "subscribe", "unsubscribe", "waitlist", "feedback", "inquiry", "inquiries", "enquiry",
}

var fa213WebhookWords = []string{"webhook", "webhooks", "hook", "hooks"}

// fa213Public reports whether a route is public by design: by a word of its
// path or its handler's name.
func fa213Public(method, path, handler string) bool {
	for _, s := range []string{path, handler} {
		w := authWordSet(s)
		if authAny(w, fa213PublicWords...) || w["password"] && authAny(w, "reset", "recover", "recovery", "forgot", "lost") ||
			authAny(w, "verify", "verification", "confirm", "confirmation") && authAny(w, "email", "mail") ||
			w["sign"] && authAny(w, "in", "up", "out") ||
			authAny(w, "open", "public") && authAny(w, "user", "users", "account", "accounts") {
			return true
		}
	}
	// POST /users or /accounts: the sign-up of most generated apps.
	if method == "POST" {
		segs := strings.Split(strings.Trim(path, "/"), "/")
		for _, s := range segs {
			// A path parameter; a prefix the model could not evaluate
			// ({settings.API_V1_STR}) is no parameter.
			if strings.HasPrefix(s, "{") && !strings.Contains(s, ".") {
				return false
			}
		}
		switch segs[len(segs)-1] {
		case "users", "user", "accounts", "account":
			return true
		}
	}
	return false
}

func fa213Webhook(path, handler string) bool {
	return authAny(authWordSet(path), fa213WebhookWords...) || authAny(authWordSet(handler), fa213WebhookWords...)
}

type fa213Finding struct {
	route   analyzer.Route
	methods []string
}

func checkUnauthenticatedWrite(pass *analyzer.ProjectPass) {
	p := pass.Project
	a := newAuthIndex(p)
	included := map[string]bool{}
	for _, mf := range p.Files {
		for _, inc := range mf.Includes {
			included[p.Canonical(inc.Child)] = true
		}
	}
	hasAuth := map[string]bool{}
	uses := map[string]*fa213Uses{} // by app
	counted := map[string]bool{}
	var pending []*fa213Finding
	byHandler := map[*analyzer.HandlerFacts]*fa213Finding{}
	for _, r := range p.Routes() {
		if a.IsTest(r.Handler.Loc) || r.Function == nil {
			continue
		}
		if r.App == "" && !included[p.Canonical(r.Handler.Router)] {
			continue // never mounted (or mounted in a way the model does not see)
		}
		if a.Middleware(r.App) != "" {
			continue
		}
		v := a.Route(r)
		if v.Strict {
			hasAuth[r.App] = true
		}
		if v.auth() {
			key := r.App + "\x00" + r.Handler.Func
			if !counted[key] {
				counted[key] = true
				u := uses[r.App]
				if u == nil {
					u = &fa213Uses{closure: map[string]int{}, direct: map[string]int{}}
					uses[r.App] = u
				}
				u.add(v)
			}
		}
		if !fa213WriteMethods[r.Method] {
			continue
		}
		if f := byHandler[r.Handler]; f != nil {
			if !authContains(f.methods, r.Method) && f.route.Path == r.Path {
				f.methods = append(f.methods, r.Method)
			}
			continue
		}
		if v.Strict || v.Signed || v.Unknown || v.Named {
			continue // Named covers the route whenever the app authenticates; otherwise nothing is reported
		}
		name := analyzer.LastPart(r.Handler.Func)
		if fa213Public(r.Method, r.Path, name) {
			continue
		}
		f := &fa213Finding{route: r, methods: []string{r.Method}}
		byHandler[r.Handler] = f
		pending = append(pending, f)
	}
	anyAuth := false
	for _, ok := range hasAuth {
		anyAuth = anyAuth || ok
	}
	for _, f := range pending {
		r := f.route
		app := r.App
		if !(hasAuth[app] || app == "" && anyAuth) {
			continue
		}
		suggest := fa213MostUsed(uses, app)
		name := analyzer.LastPart(r.Handler.Func)
		label := strings.Join(f.methods, "/") + " " + r.Path + " (" + name + ")"
		if fa213Webhook(r.Path, name) {
			add := ""
			if suggest != "" {
				add = " or add " + suggest
			}
			pass.Report(r.Handler.Loc, "%s is a webhook that neither authenticates the caller nor verifies a signature; "+
				"check the provider's signature header with hmac.compare_digest before acting on the payload%s", label, add)
			continue
		}
		if suggest == "" {
			pass.Report(r.Handler.Loc, "%s changes data without any authentication dependency although the app authenticates "+
				"other routes; add the app's auth dependency to the handler, its router or its include_router(...)", label)
			continue
		}
		pass.Report(r.Handler.Loc, "%s changes data without any authentication dependency although the app authenticates "+
			"other routes with %s; add %s to the handler, its router or its include_router(...)", label, suggest, suggest)
	}
}

// fa213Uses counts, for one app, the handlers whose dependency closure holds
// each auth dependency, and those that depend on it directly.
type fa213Uses struct {
	closure, direct map[string]int
}

func (u *fa213Uses) add(v authVerdict) {
	for _, n := range v.Names {
		u.closure[n]++
	}
	if _, inner, ok := strings.Cut(v.Via, "("); ok {
		u.direct[strings.TrimSuffix(strings.TrimSuffix(inner, ")"), "(...)")]++
	}
}

// fa213MostUsed returns the auth dependency to suggest for a route of the
// app (all apps together for routes of an unknown app): among the dependencies
// named like auth, the one most handlers name directly (get_current_user
// rather than the oauth2_scheme under it), then the one most pull in.
func fa213MostUsed(uses map[string]*fa213Uses, app string) string {
	u := uses[app]
	if app == "" || u == nil {
		u = &fa213Uses{closure: map[string]int{}, direct: map[string]int{}}
		for _, o := range uses {
			for k, n := range o.closure {
				u.closure[k] += n
			}
			for k, n := range o.direct {
				u.direct[k] += n
			}
		}
	}
	best := ""
	better := func(k string) bool {
		if best == "" {
			return true
		}
		if a, b := authLikeName(k), authLikeName(best); a != b {
			return a
		}
		if u.direct[k] != u.direct[best] {
			return u.direct[k] > u.direct[best]
		}
		if u.closure[k] != u.closure[best] {
			return u.closure[k] > u.closure[best]
		}
		return k < best
	}
	for k := range u.closure {
		if better(k) {
			best = k
		}
	}
	if best == "" {
		return ""
	}
	return "Depends(" + best + ")"
}
