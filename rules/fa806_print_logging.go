package rules

import (
	"path"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
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
	if prodIsTestCode(m) || prodIsScript(m) || prodIsCLI(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		if calledName(m, call) != "builtins.print" || prodInMainBlock(call) {
			continue
		}
		if fn := m.EnclosingFunction(call); fn != nil && (prodLocallyBound(fn, "print") || prodInTestFunction(fn)) {
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

// prodIsTestCode reports whether the module is test code: a test file by
// the config's test-paths, or a module that imports a test framework or
// FastAPI's TestClient (tests and fixtures living outside test paths).
func prodIsTestCode(m *analyzer.Module) bool {
	if m.IsTest || prodImports(m, "pytest", "unittest", "hypothesis", "pytest_asyncio") {
		return true
	}
	for _, q := range m.Imports {
		if strings.HasPrefix(q, "fastapi.testclient") {
			return true
		}
	}
	return false
}

// prodInTestFunction reports whether fn (or a function around it) is a test:
// `def test_*` or a method of a `Test*` class.
func prodInTestFunction(fn *analyzer.Function) bool {
	for f := fn; f != nil; f = f.Outer {
		if strings.HasPrefix(f.Name, "test_") || f.Name == "test" ||
			(f.Class != nil && strings.HasPrefix(f.Class.Name, "Test")) {
			return true
		}
	}
	return false
}

// prodIsMainGuard reports whether an if statement is `if __name__ == "__main__":`.
func prodIsMainGuard(ifst *pyast.Node) bool {
	cond := pyast.Unparen(ifst.ChildByField("condition"))
	if !cond.Is("comparison_operator") {
		return false
	}
	name, main := false, false
	for _, c := range cond.NamedChildren() {
		if c.Is("identifier") && c.Text() == "__name__" {
			name = true
		}
		if v, ok := pyast.StringValue(c); ok && v == "__main__" {
			main = true
		}
	}
	return name && main && strings.Contains(cond.Text(), "==")
}

// prodInMainBlock reports whether n lies in the body of an
// `if __name__ == "__main__":` block (not in its else branch).
func prodInMainBlock(n *pyast.Node) bool {
	for p := n.Up(); p != nil; p = p.Parent {
		if p.Kind == "if_statement" && prodIsMainGuard(p) && p.ChildByField("consequence").Contains(n) {
			return true
		}
	}
	return false
}

// prodHasMainBlock reports whether the module has a top-level main guard.
func prodHasMainBlock(m *analyzer.Module) bool {
	for _, st := range m.Tree.Root.Children {
		if st.Kind == "if_statement" && prodIsMainGuard(st) {
			return true
		}
	}
	return false
}

// prodScriptDirs are directories whose modules are scripts, not application code.
var prodScriptDirs = map[string]bool{"scripts": true, "script": true, "bin": true, "migrations": true, "alembic": true}

// prodScriptFiles are file names that are scripts or tooling, not application code.
var prodScriptFiles = map[string]bool{"manage.py": true, "setup.py": true, "noxfile.py": true, "__main__.py": true, "fabfile.py": true}

// prodIsScript reports whether the module is a one-off script or a migration
// rather than application code: it lives under scripts/, bin/, migrations/ or
// alembic/, is manage.py & co, imports alembic, or has a __main__ block and
// defines no FastAPI app, router or route.
func prodIsScript(m *analyzer.Module) bool {
	dir, file := path.Split(m.Path)
	if prodScriptFiles[file] {
		return true
	}
	for _, seg := range strings.Split(strings.Trim(dir, "/"), "/") {
		if prodScriptDirs[seg] {
			return true
		}
	}
	if prodImports(m, "alembic") {
		return true
	}
	return prodHasMainBlock(m) && len(m.Routers) == 0 && len(m.Handlers) == 0 && len(m.Includes) == 0
}

// prodIsCLI reports whether the module is a command-line tool (imports a CLI framework).
func prodIsCLI(m *analyzer.Module) bool {
	return prodImports(m, "typer", "click", "argparse", "fire")
}

// prodImports reports whether the module imports one of the top-level packages.
func prodImports(m *analyzer.Module, pkgs ...string) bool {
	for _, q := range m.Imports {
		top, _, _ := strings.Cut(q, ".")
		for _, p := range pkgs {
			if top == p {
				return true
			}
		}
	}
	return false
}

// prodLocallyBound reports whether name is a parameter of fn (or of a
// function around it) or assigned in its body, so it shadows the module-level
// name.
func prodLocallyBound(fn *analyzer.Function, name string) bool {
	for f := fn; f != nil; f = f.Outer {
		if f.Param(name) != nil {
			return true
		}
		bound := false
		f.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				if n.Kind != "lambda" && n.ChildByField("name").Text() == name {
					bound = true
				}
				return false
			case "assignment", "augmented_assignment", "for_statement", "for_in_clause":
				if left := n.ChildByField("left"); left.Is("identifier") && left.Text() == name {
					bound = true
				}
			case "as_pattern":
				if n.ChildByField("alias").Text() == name {
					bound = true
				}
			}
			return !bound
		})
		if bound {
			return true
		}
	}
	return false
}
