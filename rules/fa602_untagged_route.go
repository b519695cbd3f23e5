package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

var FA602 = register(&analyzer.Rule{
	Code: "FA602", Name: "untagged-route", Principle: analyzer.PrincipleDocs, Severity: analyzer.SeverityNote,
	Precision: "high", Since: "0.1.0",
	Summary: "A path operation has no tags at route, router or include level, so /docs files it under \"default\".",
	Doc: analyzer.Doc{
		What: "Reports the route decorator of a path operation that gets no OpenAPI tag from anywhere: not from `tags=` on the decorator, " +
			"nor on the `APIRouter(...)` that holds it, nor on any `include_router(...)` on the way to the app, across modules. " +
			"Tags that are not string literals (`tags=[Tags.users]`) count as tags. Only applications that show at least 3 routes in " +
			"their OpenAPI document are checked; routes left out of it (`include_in_schema=False`, `openapi_url=None`), routers " +
			"never included into an app of the project, WebSocket routes and test files are not reported. A handler is reported once, " +
			"when none of the ways it is mounted gives it a tag.",
		Why: "Swagger UI and ReDoc group operations by tag, and client generators turn tags into API classes or modules. Untagged " +
			"operations land in a catch-all \"default\" section (and a `DefaultApi` class), which hides the structure of the API " +
			"as soon as it has more than a handful of routes.",
		Example: "router = APIRouter(prefix=\"/orders\")\n\n@router.get(\"/\")\nasync def list_orders(): ...\n\n" +
			"# main.py\napp.include_router(orders.router)\n",
		UseInstead: "router = APIRouter(prefix=\"/orders\", tags=[\"orders\"])\n\n@router.get(\"/\")\nasync def list_orders(): ...\n",
		Limits: "Tags given at include level in a module that defines no function at all are only known when they are string " +
			"literals. Routes added with `add_api_route(...)` are neither checked nor counted.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/path-operation-configuration/#tags",
			"https://fastapi.tiangolo.com/tutorial/bigger-applications/#include-an-apirouter-with-a-custom-prefix-tags-responses-and-dependencies",
		},
	},
	CheckProject: checkUntaggedRoute,
})

func checkUntaggedRoute(pass *analyzer.ProjectPass) {
	p := pass.Project
	ix := docIndexOf(p)
	type handler struct {
		h      *analyzer.HandlerFacts
		dh     docHandler
		chains []docChain
		count  int // methods that appear in the OpenAPI document
	}
	var handlers []handler
	visible := map[string]int{} // app -> routes in its OpenAPI document
	for _, mf := range p.Files {
		if mf.IsTest {
			continue
		}
		for _, h := range mf.Handlers {
			hd := handler{h: h, dh: ix.handlers[h.Func]}
			for _, meth := range h.Methods {
				if meth != "WEBSOCKET" {
					hd.count++
				}
			}
			if hd.count == 0 || hd.dh.Kw.Hidden {
				continue
			}
			for _, c := range ix.chains(p.Canonical(h.Router)) {
				if c.app == "" || ix.chainHidden(c) {
					continue
				}
				hd.chains = append(hd.chains, c)
				visible[c.app] += hd.count
			}
			handlers = append(handlers, hd)
		}
	}
	for _, hd := range handlers {
		if len(hd.h.Tags) > 0 || hd.dh.Kw.Tagged {
			continue
		}
		relevant, tagged := 0, false
		for _, c := range hd.chains {
			if visible[c.app] < 3 || !ix.chainKnown(c) {
				continue
			}
			relevant++
			if ix.chainTagged(c) {
				tagged = true
			}
		}
		if relevant == 0 || tagged {
			continue
		}
		var methods []string
		for _, meth := range hd.h.Methods {
			if meth != "WEBSOCKET" {
				methods = append(methods, meth)
			}
		}
		pass.Report(hd.h.Loc, "handler `%s` (%s %s) has no tags at route, router or include_router level, so /docs lists it under "+
			"\"default\"; add `tags=[...]` to its APIRouter (or to the route or the include_router call)",
			analyzer.LastPart(hd.h.Func), strings.Join(methods, ", "), docPath(hd.h.Path))
	}
}

// chainKnown reports whether every router of the chain was built by a call
// the model understands: a router made by a factory it cannot follow
// (`APIRouter = make_router_class(...)`) may well set tags.
func (ix *docIndex) chainKnown(c docChain) bool {
	for _, r := range c.routers {
		if ix.routers[r] == nil {
			return false
		}
	}
	return true
}
