package rules

import (
	"fmt"
	"strings"

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
			"A module that no other project module imports, defines no app, router or route, and does its work at import " +
			"time (prints at module level, or calls one of its own functions there) is a script run by hand " +
			"(`python backfill.py`) and is silent too; a module that only defines functions is reported even when nothing " +
			"imports it, since a task runner may load it by name. " +
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
	// A module that does its work at import time but defines no app, router
	// or route may be a script run by hand (`python seed_data.py`); whether
	// it is depends on whether the application imports it, which only the
	// project phase knows.
	maybeScript := len(m.Routers) == 0 && len(m.Handlers) == 0 && len(m.Includes) == 0 && runsWorkAtImport(m)
	modulePath := m.Path
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
		msg := fmt.Sprintf("`print()` %s writes unstructured text to stdout with no level or context; log it with "+
			"`logging.getLogger(__name__)` (or your structured logger) instead", where)
		if !maybeScript {
			pass.Report(call, "%s", msg)
			continue
		}
		pass.ReportWhen(call, func(p *analyzer.Project) string {
			if !importedModulePaths(p)[modulePath] {
				return "" // a standalone script: printing is its output
			}
			return msg
		})
	}
}

// runsWorkAtImport reports whether module-level code (outside functions and
// the __main__ block) prints or calls a function the module defines: the
// shape of a script whose body is its program.
func runsWorkAtImport(m *analyzer.Module) bool {
	own := map[string]bool{}
	for _, f := range m.Functions {
		if f.Outer == nil && f.Class == nil {
			own[m.Name+"."+f.Name] = true
		}
	}
	for _, call := range m.Nodes("call") {
		if m.EnclosingFunction(call) != nil || inMainBlock(call) {
			continue
		}
		if q := calledName(m, call); q == "builtins.print" || own[q] {
			return true
		}
	}
	return false
}

// importedModulePaths lists the paths of the modules that another project
// module imports (a package counts as imported with any of its submodules).
func importedModulePaths(p *analyzer.Project) map[string]bool {
	return p.Memo("fa806.imported", func() any {
		imported := map[string]bool{}
		// Every module a name may stand for, by each dotted tail of its names:
		// in a repository of several projects `app.config` is the config of
		// each, and a project run from a directory the model does not take
		// for a source root imports its modules by shorter names.
		byName := map[string][]*analyzer.ModuleFacts{}
		for _, mf := range p.Files {
			for _, name := range append([]string{mf.Name}, mf.Aliases...) {
				for tail := name; ; {
					byName[tail] = append(byName[tail], mf)
					_, rest, nested := strings.Cut(tail, ".")
					if !nested {
						break
					}
					tail = rest
				}
			}
		}
		// `import pkg.sub.mod` is recorded as the binding of `pkg` alone, so a
		// plainly imported package may have imported any of its modules.
		plainRoots := map[string]bool{}
		for _, importer := range p.Files {
			targets := append([]string{}, importer.Stars...)
			for _, q := range importer.Imports {
				targets = append(targets, q)
			}
			for _, q := range targets {
				if !strings.Contains(q, ".") {
					plainRoots[q] = true
				}
				for prefix := q; prefix != ""; prefix = analyzer.ModuleOf(prefix) {
					for _, mf := range byName[prefix] {
						if mf != importer {
							imported[mf.Path] = true
						}
					}
				}
			}
		}
		for _, mf := range p.Files {
			for _, name := range append([]string{mf.Name}, mf.Aliases...) {
				if root, _, nested := strings.Cut(name, "."); nested && plainRoots[root] {
					imported[mf.Path] = true
				}
			}
		}
		return imported
	}).(map[string]bool)
}
