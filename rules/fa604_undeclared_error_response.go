package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA604 = register(&analyzer.Rule{
	Code: "FA604", Name: "undeclared-error-response", Principle: analyzer.PrincipleDocs, Severity: analyzer.SeverityNote,
	Precision: "high", Since: "0.1.0",
	Summary: "A handler raises `HTTPException` with a 4xx status that its `responses=` does not declare: the OpenAPI document omits it.",
	Doc: analyzer.Doc{
		What: "Reports `raise HTTPException(status_code=N)` (FastAPI's or Starlette's) written in a path operation's own body, " +
			"for a 4xx N other than 422, when N is declared neither in the decorator's `responses=` nor in the `responses=` of the " +
			"`APIRouter(...)`, `include_router(...)` or `FastAPI(...)` the route is mounted through (in any module). Keys may be " +
			"integers, `status.HTTP_*` constants, `HTTPStatus` members or strings (\"404\"); a \"4XX\" or \"default\" key, or one the " +
			"analysis cannot resolve, declares every status. Each status is reported once per handler, at its first raise.",
		Why: "FastAPI documents the success response and 422 by itself; every other status a route can answer exists in " +
			"`openapi.json` only if it is declared. Clients generated from the document then have no type for the error body, " +
			"and readers of /docs do not learn that the endpoint answers 404 or 409 at all: the document lies by omission.",
		Example: "@router.get(\"/items/{item_id}\", response_model=Item)\nasync def read_item(item_id: int):\n    item = await repo.get(item_id)\n" +
			"    if item is None:\n        raise HTTPException(status_code=404, detail=\"Item not found\")\n    return item\n",
		UseInstead: "@router.get(\"/items/{item_id}\", response_model=Item,\n            responses={404: {\"model\": Message, \"description\": \"Item not found\"}})\n" +
			"async def read_item(item_id: int):\n    item = await repo.get(item_id)\n    if item is None:\n" +
			"        raise HTTPException(status_code=404, detail=\"Item not found\")\n    return item\n",
		Limits: "Only raises in the handler's own body are checked: statuses raised by dependencies (typically 401/403 from shared " +
			"auth dependencies), by helper functions and by project subclasses of HTTPException are not. Status codes must resolve " +
			"to a constant (see FA401). `responses=` values imported from another module count as declaring everything. Router " +
			"or include level `responses=` in a module that defines no function at all are not seen. Routes left out of the " +
			"OpenAPI document (`include_in_schema=False`, `openapi_url=None`) are not reported.",
		References: []string{
			"https://fastapi.tiangolo.com/advanced/additional-responses/",
			"https://fastapi.tiangolo.com/tutorial/bigger-applications/#include-an-apirouter-with-a-custom-prefix-tags-responses-and-dependencies",
		},
	},
	CheckModule: checkUndeclaredErrorResponse,
})

func checkUndeclaredErrorResponse(pass *analyzer.Pass) {
	m := pass.Module
	if m.IsTest {
		return
	}
	for _, h := range m.Handlers {
		if !docInSchema(h) || pyast.HasDictSplat(h.Decorator) {
			continue
		}
		kw := docKwargs(m, nil, h.Decorator)
		if kw.Hidden {
			continue
		}
		var local docKw
		if h.Local != nil {
			if local = docKwargs(m, nil, h.Local.Call); local.Hidden || local.NoDocs {
				continue
			}
		}
		seen := map[int]bool{}
		fn := h.Func
		fn.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "raise_statement":
				call := pyast.Unparen(n.NamedChild(0))
				if !call.Is("call") || calledName(m, call) != "fastapi.HTTPException" {
					return false
				}
				code, explicit, known := responseStatus(m, fn, call)
				if !known || !explicit || code < 400 || code > 499 || code == 422 || seen[code] {
					return false
				}
				seen[code] = true
				if kw.Resp.covers(code) || local.Resp.covers(code) {
					return false
				}
				router, name := h.Router, fn.Name
				pass.ReportWhen(call, func(p *analyzer.Project) string {
					ix := docIndexOf(p)
					for _, c := range ix.chains(p.Canonical(router)) {
						if ix.chainHidden(c) || ix.chainCovers(c, code) {
							return ""
						}
					}
					return fmt.Sprintf("handler `%s` raises HTTPException(%d) but its OpenAPI operation does not declare %d; "+
						"add `responses={%d: {\"description\": ...}}` to the route (or to its APIRouter) so the document and generated clients know it",
						name, code, code, code)
				})
				return false
			}
			return true
		})
	}
}
