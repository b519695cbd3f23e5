package rules

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA805 = register(&analyzer.Rule{
	Code: "FA805", Name: "missing-health-endpoint", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityNote,
	Precision: "medium", Since: "0.1.0",
	Summary: "The application has routes but no health-check endpoint.",
	Doc: analyzer.Doc{
		What: "Reports a `FastAPI()` application that serves routes but none of them is a health check. The routes are those of the " +
			"whole application graph: handlers on the app itself and on routers included into it from any module, with their " +
			"router and include prefixes. A route is a health check when a segment of its full path, before any path parameter, " +
			"is `health`, `healthz`, `healthcheck`, `livez`, `readyz`, `live`, `ready`, `liveness`, `readiness`, `ping`, `status` " +
			"or `heartbeat`: `/health`, `/api/v1/health`, `/health/db`, `/-/ready`. A health route added with " +
			"`app.add_api_route(...)`/`app.add_route(...)` or an ASGI app mounted with `app.mount(\"/health\", ...)` in the " +
			"module that builds the app also counts, as does a mounted project sub-application that has one. The finding points " +
			"at the `FastAPI(...)` call.",
		Why: "Load balancers, Kubernetes liveness/readiness probes, container healthchecks and uptime monitors need a cheap, " +
			"unauthenticated endpoint that says whether this instance can serve. Without one they probe a business route " +
			"(slow, authenticated, with side effects or logs) or nothing at all: a wedged instance keeps receiving traffic and " +
			"a deploy cannot tell when the new version is ready.",
		Example: "app = FastAPI()\napp.include_router(users.router, prefix=\"/users\")\napp.include_router(orders.router, prefix=\"/orders\")\n",
		UseInstead: "app = FastAPI()\napp.include_router(users.router, prefix=\"/users\")\napp.include_router(orders.router, prefix=\"/orders\")\n\n" +
			"@app.get(\"/health\", include_in_schema=False)\nasync def health() -> dict[str, str]:\n    return {\"status\": \"ok\"}\n",
		Limits: "Only applications bound to a module-level name (`app = FastAPI()`) outside test code (see FA806) are checked; " +
			"an app built inside a factory function is not, and an app with no route at all is not reported. Prefixes the " +
			"analysis cannot evaluate (`prefix=settings.API_V1_STR`) are skipped when looking for the health segment. The analysis stays silent when it cannot see all " +
			"routes: a path added with `add_api_route`/`add_route` that is not a string literal, routes added that way inside " +
			"functions anywhere in the project, and routers from libraries or built by calls whose name or prefix mentions a " +
			"health word. Routes added with `add_api_route`/`add_route` or mounts at module level in modules other than the " +
			"app's are not seen, so a health check registered that way is missed (false positive). A segment such as " +
			"`/orders/status` counts as a health check (silence rather than noise). A GET health route (other than " +
			"`/status`) that the application graph leaves unmounted in the app's directory or below also silences the " +
			"app: it is most likely included in a way the analysis does not follow (routers loaded by name, imports it " +
			"cannot resolve).",
		References: []string{
			"https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
			"https://docs.docker.com/reference/dockerfile/#healthcheck",
			"https://microservices.io/patterns/observability/health-check-api.html",
		},
	},
	CheckModule: checkMissingHealthEndpoint,
})

// prodHealthWords are path segments that name a health check.
var prodHealthWords = map[string]bool{
	"health": true, "healthz": true, "healthcheck": true, "health-check": true, "health_check": true, "healthy": true,
	"livez": true, "live": true, "liveness": true, "alive": true, "readyz": true, "ready": true, "readiness": true,
	"ping": true, "status": true, "heartbeat": true,
}

// prodIsHealthPath reports whether a segment of the path, before any path
// parameter, is a health word: /health, /api/v1/healthz, /health/db.
func prodIsHealthPath(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if strings.HasPrefix(seg, "{") {
			return false
		}
		if prodHealthWords[strings.ToLower(seg)] {
			return true
		}
	}
	return false
}

// prodIsHealthRoute reports whether a route of the application graph is a
// health check. Its prefixes (includes, router) may hold `{expr}`
// placeholders for prefixes the analysis cannot evaluate, which are skipped;
// in the handler's own path a `{param}` ends the search.
func prodIsHealthRoute(rt analyzer.Route) bool {
	own := rt.Handler.Path
	prefix := strings.TrimSuffix(rt.Path, own)
	for _, seg := range strings.Split(prefix, "/") {
		if prodHealthWords[strings.ToLower(seg)] {
			return true
		}
	}
	return prodIsHealthPath(own)
}

// prodMentionsHealth reports whether an expression's text names a health check.
func prodMentionsHealth(text string) bool {
	return hasWord(text, "health", "healthz", "healthcheck", "livez", "readyz", "liveness", "readiness", "heartbeat", "ping")
}

func checkMissingHealthEndpoint(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	for _, r := range m.Routers {
		if !r.IsApp {
			continue
		}
		appName := r.Var
		if m.Name != "" {
			appName = m.Name + "." + r.Var
		}
		silent, subApps := prodLocalHealthHints(m, r)
		if silent {
			continue
		}
		local, appDir := r.Var, path.Dir(m.Path)
		pass.ReportWhen(r.Call, func(p *analyzer.Project) string {
			if unmountedHealthRouteUnder(p, appDir) {
				return ""
			}
			return prodHealthVerdict(p, appName, local, subApps)
		})
	}
}

// unmountedHealthRouteUnder reports whether a health route that the
// application graph leaves unmounted lives in dir or below it: next to the
// app, it is most likely included in a way the analysis does not follow
// (imports it cannot resolve), so the app may well have its health check.
func unmountedHealthRouteUnder(p *analyzer.Project, dir string) bool {
	for _, rt := range p.Routes() {
		// `/status` is as often a resource (order statuses) as a probe: only
		// unambiguous health words count here.
		if rt.App != "" || rt.Method != "GET" || !prodIsHealthRoute(rt) || slices.Contains(strings.Split(strings.ToLower(rt.Path), "/"), "status") {
			continue
		}
		if dir == "." || strings.HasPrefix(rt.Handler.Loc.Path, dir+"/") {
			return true
		}
	}
	return false
}

// prodLocalHealthHints looks at the app's module for routes the application
// graph does not hold: add_api_route/add_route/mount calls and includes of
// routers built by calls. silent is true when one is (or may be) a health
// check; subApps lists mounted project names to check in the project phase.
func prodLocalHealthHints(m *analyzer.Module, r *analyzer.Router) (silent bool, subApps []string) {
	onApp := func(recv *pyast.Node) bool {
		recv = pyast.Unparen(recv)
		if recv.Is("attribute") && recv.ChildByField("attribute").Text() == "router" {
			recv = recv.ChildByField("object")
		}
		return recv.Is("identifier") && recv.Text() == r.Var
	}
	for _, call := range m.Nodes("call") {
		recv, method := methodCall(call)
		switch method {
		case "add_api_route", "add_route", "add_api_websocket_route", "mount":
		case "include_router":
			if onApp(recv) {
				child := pyast.Unparen(pyast.Arg(call, 0))
				if child == nil {
					child = pyast.Unparen(pyast.Kwarg(call, "router"))
				}
				prefix, _ := pyast.StringValue(pyast.Kwarg(call, "prefix"))
				if !child.Is("identifier", "attribute") && (prodMentionsHealth(child.Text()) || prodIsHealthPath(prefix)) {
					return true, nil
				}
			}
			continue
		default:
			continue
		}
		pathNode := pyast.Arg(call, 0)
		if pathNode == nil {
			pathNode = pyast.Kwarg(call, "path")
		}
		path, ok := pyast.StringValue(pathNode)
		if !ok || prodIsHealthPath(path) {
			return true, nil // an unknown path may be the health check
		}
		if method == "mount" && onApp(recv) {
			sub := pyast.Arg(call, 1)
			if sub == nil {
				sub = pyast.Kwarg(call, "app")
			}
			if q := m.Resolve(sub); q != "" {
				subApps = append(subApps, q)
			}
		}
	}
	return false, subApps
}

// prodHealthVerdict decides, on the application graph, whether the app has
// routes and no health route.
func prodHealthVerdict(p *analyzer.Project, appName, local string, subApps []string) string {
	routes := 0
	for _, rt := range p.Routes() {
		if rt.App != appName {
			continue
		}
		routes++
		if prodIsHealthRoute(rt) {
			return ""
		}
	}
	if routes == 0 {
		return ""
	}
	for _, sub := range subApps {
		sub = p.Canonical(sub)
		for _, rt := range p.Routes() {
			if rt.App == sub && prodIsHealthRoute(rt) {
				return ""
			}
		}
	}
	for _, mf := range p.Files {
		for _, inc := range mf.Includes {
			if p.Canonical(inc.Parent) != appName || prodIsProjectRouter(p, inc.Child) {
				continue
			}
			// A router from a library: its routes are not known.
			if prodMentionsHealth(inc.Child) || prodIsHealthPath(inc.Prefix) {
				return ""
			}
		}
		for _, f := range mf.Functions {
			for _, c := range f.Calls {
				switch analyzer.LastPart(c.Callee) {
				case "add_api_route", "add_route", "mount":
					recv := analyzer.ModuleOf(c.Callee)
					if prodAppTypes[recv] || prodIsProjectRouter(p, recv) {
						return "" // routes added at run time: paths unknown
					}
				}
			}
		}
	}
	plural := "s"
	if routes == 1 {
		plural = ""
	}
	return fmt.Sprintf("application `%s` serves %d route%s but no health check; add a cheap unauthenticated `GET /health` "+
		"(or `/healthz`, `/readyz`) route for load balancers and orchestrator probes", local, routes, plural)
}
