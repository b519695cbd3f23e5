package rules

import (
	"github.com/fastaudit/fastaudit/analyzer"
)

var FA806 = register(&analyzer.Rule{
	Code: "FA806", Name: "print-logging", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityNote,
	Precision: "high", Since: "0.1.0",
	Summary: "`print()` in application code instead of logging.",
	Doc: analyzer.Doc{
		What: "Reports calls of the builtin `print()` in application modules: handlers, dependencies, services, models, " +
			"any function or module-level code that the application imports. `print` is resolved through imports, so " +
			"`from rich import print` or a project function called `print` is not the builtin and is not reported. " +
			"One finding per call.",
		Why: "`print` writes unstructured text to stdout with no level, logger name, timestamp, request id or exception " +
			"traceback. It cannot be filtered or silenced per module, it is lost or interleaved under several workers, " +
			"and log aggregators cannot parse it. Debug prints left in handlers also leak request data (tokens, emails, " +
			"payloads) into whatever collects stdout.",
		Example: "@router.post(\"/orders\")\nasync def create_order(order: OrderIn):\n    print(\"creating order\", order)\n" +
			"    ...\n",
		UseInstead: "import logging\n\nlogger = logging.getLogger(__name__)\n\n@router.post(\"/orders\")\n" +
			"async def create_order(order: OrderIn):\n    logger.info(\"creating order\", extra={\"customer_id\": order.customer_id})\n" +
			"    ...\n",
		Limits: "Silent on test code — test files (config `test-paths`), modules importing `pytest`, `unittest`, `hypothesis` or " +
			"FastAPI's `TestClient`, `test_*` functions and methods of `Test*` classes —, inside `if __name__ == \"__main__\":` blocks, and in modules that are " +
			"scripts or command-line tools rather than application code: files under a `scripts/`, `script/`, `bin/`, " +
			"`migrations/` or `alembic/` directory, `manage.py`, `setup.py`, `noxfile.py`, `__main__.py`, modules importing " +
			"`alembic` (migrations), modules importing `typer`, `click`, `argparse` or `fire` (CLIs, where printing is the output), " +
			"and modules with an `if __name__ == \"__main__\":` block that define no FastAPI app, router or route " +
			"(a `main.py` that builds the app and also starts uvicorn under `__main__` is still application code). " +
			"A CLI command living in an application module that imports none of those libraries is reported.",
		References: []string{
			"https://docs.python.org/3/howto/logging.html",
			"https://12factor.net/logs",
			"https://docs.astral.sh/ruff/rules/print/",
		},
	},
	CheckModule: checkPrintLogging,
})

func checkPrintLogging(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) || isScript(m) || isCLI(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		if calledName(m, call) != "builtins.print" || inMainBlock(call) {
			continue
		}
		if fn := m.EnclosingFunction(call); fn != nil && (locallyBound(fn, "print") || inTestFunction(fn)) {
			continue
		}
		where := "at module level"
		if fn := m.EnclosingFunction(call); fn != nil {
			where = "in " + funcLabel(fn)
		}
		pass.Report(call, "`print()` %s writes unstructured text to stdout with no level or context; log it with "+
			"`logging.getLogger(__name__)` (or your structured logger) instead", where)
	}
}
