package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// The blocking calls themselves (library callables, receiver types and their
// methods) are classified in blocking.go, shared with FA101 and FA105.

var FA102 = register(&analyzer.Rule{
	Code: "FA102", Name: "blocking-call-in-async", Principle: analyzer.PrincipleAsync, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0",
	Summary: "A blocking I/O call (HTTP, file, subprocess, socket, sync database driver, Redis, SMTP, sleep) runs directly inside an async def.",
	Doc: analyzer.Doc{
		What: "Reports blocking calls made directly in the body of an `async def`: `time.sleep`; `requests.get/post/...` and " +
			"`requests.Session` methods; `urllib.request.urlopen`; the synchronous `httpx.get/post/...` functions and `httpx.Client` methods; " +
			"builtin `open()` and `Path.read_text/write_text/read_bytes/write_bytes`; `subprocess.run/call/check_call/check_output/Popen` and " +
			"`os.system`; `socket.create_connection` and `connect`/`send`/`recv` on a `socket.socket()`; `psycopg2.connect`, `pymysql.connect`, " +
			"`sqlite3.connect` and the execute/commit calls of their connections and cursors; commands on a synchronous `redis.Redis`; " +
			"`smtplib.SMTP(...)`/`SMTP_SSL(...)`. Names are resolved through imports and aliases, and receivers by their type " +
			"(annotation, constructor, or the module-level object or dependency that produced them, possibly in another module).",
		Why: "An `async def` runs on the event loop. A blocking call inside it stops the loop for its whole duration, so every other request " +
			"handled by the worker waits: one slow upstream, disk or database freezes the whole service, and throughput collapses to one request at a time.",
		Example: "import requests\n\n@router.get(\"/users/{user_id}\")\nasync def fetch_user(user_id: int):\n" +
			"    r = requests.get(f\"https://api.example.com/users/{user_id}\", timeout=5)\n    return r.json()\n",
		UseInstead: "import httpx\n\n@router.get(\"/users/{user_id}\")\nasync def fetch_user(user_id: int):\n" +
			"    async with httpx.AsyncClient(timeout=5) as client:\n        r = await client.get(f\"https://api.example.com/users/{user_id}\")\n" +
			"    return r.json()\n\n# or offload the blocking call to a worker thread\nasync def fetch_user(user_id: int):\n" +
			"    r = await run_in_threadpool(requests.get, f\"https://api.example.com/users/{user_id}\", timeout=5)\n" +
			"    return r.json()\n\n# or make the handler a plain def: FastAPI runs it in a threadpool\n",
		Limits: "Only calls written directly in the async function are reported; blocking helpers called from it are FA105's business, " +
			"and synchronous SQLAlchemy sessions are FA101's. Calls inside a nested `def` or a `lambda`, or passed to " +
			"`run_in_threadpool`/`asyncio.to_thread`/`loop.run_in_executor`/`anyio.to_thread.run_sync`, are treated as offloaded. " +
			"Receivers whose type cannot be inferred (attributes of objects such as `self.client`, values returned by unknown functions, " +
			"Redis pipelines) are not reported. Only the `smtplib.SMTP(...)` construction is reported, not every later call on it. " +
			"A `socket.socket()` switched to non-blocking mode with `setblocking(False)` in the same function is not reported.",
		References: []string{
			"https://fastapi.tiangolo.com/async/#in-a-hurry",
			"https://docs.python.org/3/library/asyncio-dev.html#running-blocking-code",
			"https://www.starlette.io/threadpool/",
		},
	},
	CheckModule: checkBlockingCallInAsync,
})

func checkBlockingCallInAsync(pass *analyzer.Pass) {
	if !isAppCode(pass.Module) {
		return // tests, scripts, migrations and CLIs are not served under load
	}
	m := pass.Module
	for _, call := range m.Nodes("call") {
		fn := asyncContext(m, call)
		if fn == nil || pyast.IsAwaited(call) || offloaded(m, call) {
			continue
		}
		op, ok := classifyBlocking(pass, fn, call)
		if !ok {
			continue
		}
		label := funcLabel(fn)
		if op.form == blockingByName {
			pass.Report(call, "%s blocks the event loop in %s; %s", op.code(), label, op.alt)
			continue
		}
		pass.ReportKind(call, op.kind, func(k analyzer.Kind) string {
			c, ok := op.decide(k)
			if !ok || c.rule != "FA102" {
				return ""
			}
			return fmt.Sprintf("%s blocks the event loop in %s; %s", c.code(), label, c.alt)
		})
	}
}
