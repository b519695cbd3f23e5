package rules

import (
	"path"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// What kind of code a module is: rules about production behaviour (blocking
// the event loop, N+1 queries, print, asserts) leave tests, scripts,
// migrations and CLIs alone.

// isAppCode reports whether the module is application code: not a test, a
// script, a migration or a CLI.
func isAppCode(m *analyzer.Module) bool { return !isTestCode(m) && !isScript(m) && !isCLI(m) }

// isTestCode reports whether the module is test code: a test file by
// the config's test-paths, or a module that imports a test framework or
// FastAPI's TestClient (tests and fixtures living outside test paths).
func isTestCode(m *analyzer.Module) bool {
	if m.IsTest || importsAny(m, "pytest", "unittest", "hypothesis", "pytest_asyncio") {
		return true
	}
	for _, q := range m.Imports {
		if strings.HasPrefix(q, "fastapi.testclient") {
			return true
		}
	}
	return false
}

// inTestFunction reports whether fn (or a function around it) is a test:
// `def test_*` or a method of a `Test*` class.
func inTestFunction(fn *analyzer.Function) bool {
	for f := fn; f != nil; f = f.Outer {
		if strings.HasPrefix(f.Name, "test_") || f.Name == "test" ||
			(f.Class != nil && strings.HasPrefix(f.Class.Name, "Test")) {
			return true
		}
	}
	return false
}

// inMainBlock reports whether n lies in the body of an
// `if __name__ == "__main__":` block (not in its else branch).
func inMainBlock(n *pyast.Node) bool {
	for p := n.Up(); p != nil; p = p.Parent {
		if p.Kind == "if_statement" && analyzer.IsMainGuard(p) && p.ChildByField("consequence").Contains(n) {
			return true
		}
	}
	return false
}

// hasMainBlock reports whether the module has a top-level main guard.
func hasMainBlock(m *analyzer.Module) bool {
	for _, st := range m.Tree.Root.Children {
		if st.Kind == "if_statement" && analyzer.IsMainGuard(st) {
			return true
		}
	}
	return false
}

// scriptDirs are directories whose modules are scripts, not application code.
var scriptDirs = map[string]bool{"scripts": true, "script": true, "bin": true, "migrations": true, "alembic": true}

// scriptFiles are file names that are scripts or tooling, not application code.
var scriptFiles = map[string]bool{"manage.py": true, "setup.py": true, "noxfile.py": true, "__main__.py": true, "fabfile.py": true}

// isScript reports whether the module is a one-off script or a migration
// rather than application code: it lives under scripts/, bin/, migrations/ or
// alembic/, is manage.py & co, imports alembic, or has a __main__ block and
// defines no FastAPI app, router or route.
func isScript(m *analyzer.Module) bool {
	dir, file := path.Split(m.Path)
	if scriptFiles[file] {
		return true
	}
	for _, seg := range strings.Split(strings.Trim(dir, "/"), "/") {
		if scriptDirs[seg] {
			return true
		}
	}
	if importsAny(m, "alembic") {
		return true
	}
	return hasMainBlock(m) && len(m.Routers) == 0 && len(m.Handlers) == 0 && len(m.Includes) == 0
}

// isCLI reports whether the module is a command-line tool (imports a CLI framework).
func isCLI(m *analyzer.Module) bool {
	return importsAny(m, "typer", "click", "argparse", "fire")
}

// importsAny reports whether the module imports one of the top-level packages.
func importsAny(m *analyzer.Module, pkgs ...string) bool {
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

// locallyBound reports whether name is a parameter of fn (or of a
// function around it) or assigned in its body, so it shadows the module-level
// name.
func locallyBound(fn *analyzer.Function, name string) bool {
	for f := fn; f != nil; f = f.Outer {
		if f.Param(name) != nil || f.AssignsName(name) {
			return true
		}
	}
	return false
}

// nonAppTag marks every function of a module that is not application code,
// so project-phase rules can tell (the module itself is gone by then).
const nonAppTag = "non-app"

var _ = registerCollector(func(pass *analyzer.Pass) {
	if isAppCode(pass.Module) {
		return
	}
	for _, fn := range pass.Module.Functions {
		pass.Tag(fn, nonAppTag, "test, script, migration or CLI")
	}
})
