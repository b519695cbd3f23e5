package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA306 = register(&analyzer.Rule{
	Code: "FA306", Name: "http-call-without-timeout", Principle: analyzer.PrinciplePerformance, Severity: analyzer.SeverityWarning,
	Precision: "very-high", Since: "0.1.0",
	Summary: "An outgoing HTTP request that can wait forever: a `requests` call without `timeout=`, or `httpx` with `timeout=None`.",
	Doc: analyzer.Doc{
		What: "Reports `requests.get/post/put/patch/delete/head/options/request(...)` and the same methods on a `requests.Session` (from " +
			"`requests.Session()`, a `with requests.Session() as s:` block, an annotation or a dependency, possibly in another module) " +
			"called without a `timeout=` argument. `httpx` has a default timeout of five seconds, so its calls are reported only when they " +
			"disable it explicitly: `timeout=None` (or `httpx.Timeout(None)`) on `httpx.get(...)` & co, on a client method, or on " +
			"`httpx.Client(...)`/`httpx.AsyncClient(...)`. Test files are skipped.",
		Why: "`requests` never times out by default: a remote server that accepts the connection and then stalls keeps the call — and the " +
			"worker thread, or with a sync call in an `async def`, the whole event loop — blocked forever. A handful of such requests " +
			"exhaust the threadpool and the service stops answering, even its health checks.",
		Example: "@router.get(\"/rates\")\ndef rates():\n    return requests.get(\"https://api.example.com/rates\").json()\n",
		UseInstead: "@router.get(\"/rates\")\ndef rates():\n    # connect and read timeouts, in seconds\n" +
			"    return requests.get(\"https://api.example.com/rates\", timeout=(3.05, 10)).json()\n",
		Limits: "Calls that pass `**kwargs` may carry a timeout and are not reported. A `requests.Session` subclass or a mounted " +
			"`HTTPAdapter` that adds a default timeout is not recognised: methods on sessions of unknown type are not reported, and " +
			"`requests.Session()` instances are reported even when such an adapter is mounted. `urllib`, `aiohttp` and other clients are not checked. " +
			"Test code is skipped: test files, `test_*` functions and methods of `Test*` classes.",
		References: []string{
			"https://requests.readthedocs.io/en/latest/user/advanced/#timeouts",
			"https://www.python-httpx.org/advanced/timeouts/",
		},
	},
	CheckModule: checkHTTPCallWithoutTimeout,
})

// fa306Methods are the request methods of requests and httpx (module
// functions and client methods).
var fa306Methods = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "request": true,
}

func checkHTTPCallWithoutTimeout(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, call := range m.Nodes("call") {
		if fa306InTest(m, call) {
			continue
		}
		q := calledName(m, call)
		reqFunc, _ := strings.CutPrefix(strings.Replace(q, "requests.api.", "requests.", 1), "requests.")
		httpxFunc, isHttpx := strings.CutPrefix(q, "httpx.")
		switch {
		case strings.HasPrefix(q, "requests.") && fa306Methods[reqFunc]:
			if !fa306HasTimeout(call) {
				pass.Report(call, "`requests.%s()` has no `timeout=`, so a slow or silent server blocks this worker forever; pass `timeout=` (e.g. `timeout=(3.05, 10)` for connect and read)",
					reqFunc)
			}
			continue
		case q == "httpx.Client" || q == "httpx.AsyncClient":
			if fa306NoTimeout(m, call) {
				pass.Report(call, "`%s(timeout=None)` disables httpx's default timeout for every request of the client; set a finite timeout (e.g. `httpx.Timeout(10.0, connect=3.0)`)", q)
			}
			continue
		case isHttpx && (fa306Methods[httpxFunc] || httpxFunc == "stream"):
			if fa306NoTimeout(m, call) {
				pass.Report(call, "`%s(..., timeout=None)` disables httpx's default timeout, so a slow or silent server blocks forever; set a finite timeout", q)
			}
			continue
		}
		recv, method := methodCall(call)
		if recv == nil || !fa306Methods[method] && method != "stream" {
			continue
		}
		fn := m.EnclosingFunction(call)
		kind := pass.KindOf(fn, recv)
		if kind == analyzer.KindUnknown {
			continue
		}
		hasTimeout, noTimeout := fa306HasTimeout(call), fa306NoTimeout(m, call)
		recvText := fa302Short(recv.Text())
		pass.ReportKind(call, kind, func(k analyzer.Kind) string {
			switch k.Type() {
			case "requests.Session":
				if method != "stream" && !hasTimeout {
					return fmt.Sprintf("`%s.%s()` on a requests.Session has no `timeout=` (a Session has no default timeout), so a slow or silent server blocks this worker forever; pass `timeout=` on every call",
						recvText, method)
				}
			case "httpx.Client", "httpx.AsyncClient":
				if noTimeout {
					return fmt.Sprintf("`%s.%s(..., timeout=None)` disables the client's timeout, so a slow or silent server blocks forever; set a finite timeout",
						recvText, method)
				}
			}
			return ""
		})
	}
}

// fa306HasTimeout reports whether a call passes timeout= (or **kwargs, which may).
func fa306HasTimeout(call *pyast.Node) bool {
	return pyast.Kwarg(call, "timeout") != nil || pyast.HasDictSplat(call)
}

// fa306NoTimeout reports whether a call disables the timeout explicitly:
// `timeout=None` or `timeout=httpx.Timeout(None)`.
func fa306NoTimeout(m *analyzer.Module, call *pyast.Node) bool {
	t := pyast.Unparen(pyast.Kwarg(call, "timeout"))
	if t.Is("none") {
		return true
	}
	if t.Is("call") && calledName(m, t) == "httpx.Timeout" {
		pos, kw := pyast.Args(t)
		return len(pos) == 1 && pyast.Unparen(pos[0]).Is("none") && len(kw) == 0
	}
	return false
}

// fa306InTest reports whether call sits in test code outside test files: a
// `test_*` function or a method of a `Test*` class.
func fa306InTest(m *analyzer.Module, call *pyast.Node) bool {
	for f := m.EnclosingFunction(call); f != nil; f = f.Outer {
		if strings.HasPrefix(f.Name, "test_") || f.Class != nil && strings.HasPrefix(f.Class.Name, "Test") {
			return true
		}
	}
	return false
}
