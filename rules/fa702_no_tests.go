package rules

import (
	"github.com/fastaudit/fastaudit/analyzer"
)

var FA702 = register(&analyzer.Rule{
	Code: "FA702", Name: "no-tests", Principle: analyzer.PrincipleTesting, Severity: analyzer.SeverityWarning,
	Precision: "medium", Since: "0.1.0",
	Summary: "The project serves routes but has no test files at all.",
	Doc: analyzer.Doc{
		What: "Reports a project that defines path operations but has no test code: no file under the test paths " +
			"(`test-paths` in the configuration; by default `tests/**`, `test_*.py`, `*_test.py`, `conftest.py`) and no module " +
			"that imports pytest or unittest and defines `test*` functions. The finding points at the first `FastAPI(...)` " +
			"call of the project, or at the first route decorator when no app is built. A run on a single file is not reported.",
		Why: "Without tests, every change to a route, a model or a dependency ships unverified, and refactors (moving routers, " +
			"upgrading FastAPI, Pydantic or SQLAlchemy) are guesswork. FastAPI's `TestClient` runs the whole app in-process, so " +
			"a first test that requests each route is cheap to write.",
		Example: "# app/main.py, and no tests/ directory\napp = FastAPI(title=\"Orders API\", version=\"1.0.0\")\n" +
			"app.include_router(orders.router)\n",
		UseInstead: "# tests/test_orders.py\nfrom fastapi.testclient import TestClient\n\nfrom app.main import app\n\n" +
			"client = TestClient(app)\n\ndef test_list_orders():\n    response = client.get(\"/orders/\")\n    assert response.status_code == 200\n",
		Limits: "Only the audited files are seen: auditing a subdirectory (`fastaudit app/`) while the tests live next to it " +
			"reports this rule; audit the project root, or set `test-paths` when tests live elsewhere. A single-file run is " +
			"never reported, and `--no-project-rules` (for partial input such as a pre-commit file list) skips it.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/testing/",
			"https://docs.pytest.org/en/stable/explanation/goodpractices.html#choosing-a-test-layout",
		},
	},
	CheckProject: checkNoTests,
})

func checkNoTests(pass *analyzer.ProjectPass) {
	p := pass.Project
	if len(p.Files) < 2 || projectHasTests(p) {
		return
	}
	var app, handler *analyzer.Location
	routes := 0
	for _, mf := range p.Files {
		for _, r := range mf.Routers {
			if r.IsApp && app == nil {
				loc := r.Loc
				app = &loc
			}
		}
		for _, h := range mf.Handlers {
			routes += len(h.Methods)
			if handler == nil {
				loc := h.Loc
				handler = &loc
			}
		}
	}
	if routes == 0 {
		return
	}
	at := handler
	if app != nil {
		at = app
	}
	plural := "s"
	if routes == 1 {
		plural = ""
	}
	pass.Report(*at, "the project serves %d route%s but has no tests (no file under the test paths `tests/**`, `test_*.py`, `*_test.py`, `conftest.py`); "+
		"add tests that call the routes through `fastapi.testclient.TestClient(app)`", routes, plural)
}
