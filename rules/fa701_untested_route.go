package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

var FA701 = register(&analyzer.Rule{
	Code: "FA701", Name: "untested-route", Principle: analyzer.PrincipleTesting, Severity: analyzer.SeverityNote,
	Precision: "medium", Since: "0.1.0",
	Summary: "A route (method + full path) that no test requests through a test client.",
	Doc: analyzer.Doc{
		What: "Reports the route decorator of each route of the application graph (method and full path, with router and " +
			"include prefixes joined across modules) that no test calls. Test calls are `get`/`post`/`put`/`patch`/`delete`/" +
			"`options`/`head`/`request(method, url)`/`stream`/`websocket_connect` on a `TestClient`, an `httpx.AsyncClient`/" +
			"`httpx.Client` (built in the test, in a `with` block, as `self.client` in `setUp`, at module level or imported), " +
			"a pytest fixture that returns or yields one (in a conftest or test module, following fixtures that return other " +
			"fixtures), or a test parameter named `client`, `test_client` or `async_client`. Paths are literals, f-strings, " +
			"concatenations, `%`/`.format()` strings, local and module constants, `for` loops over literal lists, " +
			"`@pytest.mark.parametrize` values and the string arguments given to a helper that passes its parameter as the path; " +
			"`app.url_path_for(\"name\")` matches the route of that name. Path templates match concrete paths " +
			"(`/items/{item_id}` ↔ `/items/42`), an interpolation matches one segment and an unknown prefix " +
			"(`f\"{settings.API_V1_STR}/items/\"`, a router prefix the analysis cannot evaluate) matches any leading segments; the " +
			"query string and trailing slash are ignored; a client's `base_url` path is prepended, `HEAD` counts for `GET`. " +
			"Routes of a sub-application also answer behind its `.mount(...)` path.",
		Why: "A route no test requests can break silently: a renamed field, a wrong status code, a dependency that now raises, " +
			"a router prefix changed by a refactor. Calling each route once through the test client exercises routing, " +
			"validation, dependencies and serialisation together, which is where FastAPI applications break.",
		Example: "# app/routers/items.py\n@router.delete(\"/{item_id}\")\nasync def delete_item(item_id: int): ...\n\n" +
			"# tests/test_items.py: only reads\ndef test_read_item(client):\n    assert client.get(\"/items/1\").status_code == 200\n",
		UseInstead: "def test_delete_item(client):\n    response = client.delete(\"/items/1\")\n    assert response.status_code == 204\n",
		Limits: "Projects without any test are left to FA702, and a project whose tests make no call the analysis recognises " +
			"is not reported (its tests may use a client it does not know). A call whose path cannot be evaluated (built by " +
			"a function, read from a fixture) counts as calling every route of its method, and an unknown method every " +
			"route: untested routes are then missed rather than misreported. Clients received under other parameter names " +
			"are recognised only through a fixture of that name that builds one. A path interpolation matches exactly one " +
			"segment unless it starts the path, and any segment at all: `f\"/orders/{kind}\"` counts as requesting `/orders/export`. Calls are not tied to the " +
			"app they are sent to: in a repository of several apps, a test of one app's `/items/{id}` counts for every app's. " +
			"Helper parameters are followed one call deep, through calls whose target is known (`helper(...)`, " +
			"`self.helper(...)`, `obj.helper(...)` on a local instance). Tests are not checked for what they assert, and routes " +
			"added with `add_api_route(...)` are not checked.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/testing/",
			"https://fastapi.tiangolo.com/advanced/async-tests/",
		},
	},
	CheckProject: checkUntestedRoute,
})

func checkUntestedRoute(pass *analyzer.ProjectPass) {
	p := pass.Project
	tix := testIndexOf(p)
	if !tix.hasTests || len(tix.calls) == 0 {
		return
	}
	ix := docIndexOf(p)
	testPaths := map[string]bool{}
	for _, mf := range p.Files {
		if mf.IsTest {
			testPaths[mf.Path] = true
		}
	}
	// One finding per decorator and full path, naming the untested methods.
	type untested struct {
		rt      analyzer.Route
		methods []string
	}
	var order []string
	found := map[string]*untested{}
	callsByMethod := map[string][]*resolvedCall{} // the test calls that may use each method
	for _, rt := range p.Routes() {
		if testPaths[rt.Handler.Loc.Path] {
			continue
		}
		calls, ok := callsByMethod[rt.Method]
		if !ok {
			calls = tix.callsFor(rt.Method)
			callsByMethod[rt.Method] = calls
		}
		if testedBy(calls, testRoutePatterns(ix, rt), ix.routeName(rt.Function)) {
			continue
		}
		key := fmt.Sprintf("%s:%d:%d %s", rt.Handler.Loc.Path, rt.Handler.Loc.Line, rt.Handler.Loc.Column, rt.Path)
		u := found[key]
		if u == nil {
			u = &untested{rt: rt}
			found[key] = u
			order = append(order, key)
		}
		dup := false
		for _, m := range u.methods {
			dup = dup || m == rt.Method
		}
		if !dup {
			u.methods = append(u.methods, rt.Method)
		}
	}
	for _, key := range order {
		u := found[key]
		call := "`client.get(...)`"
		switch meth := u.methods[0]; meth {
		case "WEBSOCKET":
			call = "`client.websocket_connect(...)`"
		case "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD":
			call = fmt.Sprintf("`client.%s(...)`", strings.ToLower(meth))
		default:
			call = fmt.Sprintf("`client.request(%q, ...)`", meth)
		}
		pass.Report(u.rt.Handler.Loc, "no test requests %s %s (handler `%s`); add a test that calls it through the test client with %s and checks the response",
			strings.Join(u.methods, ", "), u.rt.Path, analyzer.LastPart(u.rt.Handler.Func), call)
	}
}
