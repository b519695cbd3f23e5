package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA703 = register(&analyzer.Rule{
	Code: "FA703", Name: "deprecated-test-client", Principle: analyzer.PrincipleTesting, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "`httpx.AsyncClient(app=app)` (removed in httpx 0.28) or `requests` calls to a live local server in tests.",
	Doc: analyzer.Doc{
		What: "Reports the `app=` argument of `httpx.AsyncClient(...)`/`httpx.Client(...)`, in any module, and, in test files, " +
			"`requests.get/post/put/patch/delete/head/options/request(...)` calls (also on a `requests.Session`) whose URL points " +
			"at a loopback server (`localhost`, `127.0.0.1`, `0.0.0.0`, `[::1]`), written as a literal, an f-string, a " +
			"concatenation or a module constant. Modules that mock HTTP (`responses`, `requests_mock`, `httpretty`, `respx`, " +
			"`pytest_httpserver`, `vcr`) and tests that take a `requests_mock`/`httpserver` fixture are not reported.",
		Why: "The `app=` shortcut was deprecated in httpx 0.27 and removed in 0.28: such tests fail with a `TypeError` as soon as " +
			"httpx is upgraded. `requests` calls to `http://localhost:8000` only pass when someone started the right server " +
			"beforehand; they test whatever code that server runs, cannot use dependency overrides, are slow and flaky in CI, " +
			"and hide failures behind connection errors.",
		Example: "async def test_read_items():\n    async with httpx.AsyncClient(app=app, base_url=\"http://test\") as ac:\n" +
			"        response = await ac.get(\"/items/\")\n\ndef test_health():\n    assert requests.get(\"http://localhost:8000/health\").ok\n",
		UseInstead: "async def test_read_items():\n    transport = httpx.ASGITransport(app=app)\n" +
			"    async with httpx.AsyncClient(transport=transport, base_url=\"http://test\") as ac:\n" +
			"        response = await ac.get(\"/items/\")\n\ndef test_health():\n    client = TestClient(app)\n    assert client.get(\"/health\").status_code == 200\n",
		Limits: "URLs read from the environment or from fixtures are not followed, so end-to-end suites configured that way are " +
			"not reported; calls to remote hosts are left alone. `httpx` and `urllib` calls to a live server are not reported.",
		References: []string{
			"https://github.com/encode/httpx/blob/master/CHANGELOG.md#0280-28th-november-2024",
			"https://fastapi.tiangolo.com/advanced/async-tests/",
			"https://fastapi.tiangolo.com/tutorial/testing/",
		},
	},
	CheckModule: checkDeprecatedTestClient,
})

// fa703Verbs are the module-level request functions of requests and the
// methods of requests.Session, with the position of their URL argument.
var fa703Verbs = map[string]int{
	"get": 0, "post": 0, "put": 0, "patch": 0, "delete": 0, "head": 0, "options": 0, "request": 1,
}

// fa703MockModules mock HTTP traffic: a loopback URL there is not a live server.
var fa703MockModules = []string{"responses", "requests_mock", "httpretty", "respx", "pytest_httpserver", "vcr", "pytest_recording", "aioresponses"}

func checkDeprecatedTestClient(pass *analyzer.Pass) {
	m := pass.Module
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		if q != "httpx.AsyncClient" && q != "httpx.Client" {
			continue
		}
		for _, kw := range call.ChildByField("arguments").NamedChildren() {
			if kw.Is("keyword_argument") && kw.ChildByField("name").Text() == "app" {
				name := analyzer.LastPart(q)
				transport := "httpx.ASGITransport"
				if name == "Client" {
					transport = "httpx.WSGITransport"
				}
				pass.Report(kw, "`httpx.%s(app=...)` was removed in httpx 0.28 and fails with a TypeError after an upgrade; "+
					"pass `transport=%s(app=%s)` instead", name, transport, kw.ChildByField("value").Text())
			}
		}
	}
	if !m.IsTest || fa703Mocked(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		fn := m.EnclosingFunction(call)
		urlPos, what, ok := fa703RequestsCall(pass, fn, call)
		if !ok || fa703MockFixture(fn) {
			continue
		}
		url := pyast.Kwarg(call, "url")
		if url == nil {
			url = pyast.Arg(call, urlPos)
		}
		for _, u := range testStrAlts(m, fn, url, 0) {
			if host := fa703Loopback(u); host != "" {
				pass.Report(call, "test calls a live server at %s with `%s`: it only passes when that server runs and tests whatever "+
					"code it serves; call the app in-process with `fastapi.testclient.TestClient(app)` (or `httpx.AsyncClient(transport=httpx.ASGITransport(app=app))`)",
					host, what)
				break
			}
		}
	}
}

// fa703RequestsCall reports whether call sends a request with requests,
// with the position of its URL argument and how to name it.
func fa703RequestsCall(pass *analyzer.Pass, fn *analyzer.Function, call *pyast.Node) (int, string, bool) {
	m := pass.Module
	q := calledName(m, call)
	if verb, ok := strings.CutPrefix(q, "requests."); ok {
		if pos, ok := fa703Verbs[verb]; ok {
			return pos, "requests." + verb + "()", true
		}
		return 0, "", false
	}
	recv, meth := methodCall(call)
	pos, ok := fa703Verbs[meth]
	if !ok || recv == nil {
		return 0, "", false
	}
	if pass.KindOf(fn, recv).Type() == "requests.Session" {
		return pos, "Session." + meth + "()", true
	}
	return 0, "", false
}

// fa703Mocked reports whether the module imports an HTTP mocking library.
func fa703Mocked(m *analyzer.Module) bool {
	for _, q := range m.Imports {
		root, _, _ := strings.Cut(q, ".")
		for _, mock := range fa703MockModules {
			if root == mock {
				return true
			}
		}
	}
	return false
}

// fa703MockFixture reports whether the test takes a pytest fixture that
// mocks HTTP (requests-mock, pytest-httpserver, responses).
func fa703MockFixture(fn *analyzer.Function) bool {
	for f := fn; f != nil; f = f.Outer {
		for _, p := range f.Params {
			switch p.Name {
			case "requests_mock", "httpserver", "mocked_responses", "responses_mock", "httpx_mock", "respx_mock":
				return true
			}
		}
	}
	return false
}

// fa703Loopback returns "scheme://host[:port]" when the URL names a loopback
// host, "" otherwise.
func fa703Loopback(u string) string {
	scheme, rest, ok := strings.Cut(u, "://")
	if !ok || (scheme != "http" && scheme != "https") {
		return ""
	}
	hostport := rest
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		hostport = rest[:i]
	}
	host := hostport
	if strings.HasPrefix(host, "[") {
		if i := strings.IndexByte(host, ']'); i >= 0 {
			host = host[:i+1]
		}
	} else if i := strings.IndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	switch {
	case host == "localhost", host == "0.0.0.0", host == "[::1]", strings.HasPrefix(host, "127."):
		return scheme + "://" + hostport
	}
	return ""
}
