package rules

import (
	"path"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA704 = register(&analyzer.Rule{
	Code: "FA704", Name: "test-without-assert", Principle: analyzer.PrincipleTesting, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A test function that contains no assert, no `pytest.raises` and no `assert_*`/`check_*` call: it cannot fail.",
	Doc: analyzer.Doc{
		What: "Reports a test — a `test_*` (or unittest `testX`) function at module level, or a method of a `Test*` class or a " +
			"`unittest.TestCase` subclass, in a test file that pytest collects (`test*.py` or `*_test.py` under the test paths) — " +
			"whose body has no `assert` statement, no `raise`, no `pytest.raises`/`pytest.warns`/`pytest.fail`, and no call of a " +
			"function or method whose name starts with `assert`, `check`, `verify`, `expect`, `validate` or `ensure` " +
			"(`self.assertEqual`, `mock.assert_called_once_with`, `check_response(...)`, `response.raise_for_status()`), " +
			"nor of another test (`test_module.test_read_item()`). " +
			"A call of a project function that itself asserts (directly or through the functions it calls; outside test " +
			"code only `assert` statements count) counts as an assertion. Tests marked `@pytest.mark.skip`/`xfail` (`unittest.skip`, `expectedFailure`, or a " +
			"`pytestmark` at module or class level) and `pytest-benchmark` tests are not reported.",
		Why: "A test without an assertion passes whatever the code returns: a 500 turned into a JSON error, an empty list, a wrong " +
			"status code. It inflates coverage and gives false confidence; the only thing it catches is an exception that escapes " +
			"the client.",
		Example: "def test_create_item(client):\n    client.post(\"/items/\", json={\"name\": \"Foo\"})\n",
		UseInstead: "def test_create_item(client):\n    response = client.post(\"/items/\", json={\"name\": \"Foo\"})\n" +
			"    assert response.status_code == 201\n    assert response.json()[\"name\"] == \"Foo\"\n",
		Limits: "Helpers from libraries are recognised by name only (`check_*`, `assert_*`, ...); a library helper with another " +
			"name that asserts is not seen, and the test is reported. Assertions in fixtures the test uses are not counted.",
		References: []string{
			"https://docs.pytest.org/en/stable/how-to/assert.html",
			"https://fastapi.tiangolo.com/tutorial/testing/",
		},
	},
	CheckModule: checkTestWithoutAssert,
})

const fa704ChecksTag = "fa704.checks"

// The collector tags the functions that check something, for tests that
// delegate to helpers. Outside test code only `assert` statements and test
// functions count: application code that raises or calls `verify_*` is
// what a test should check, not a check.
var _ = registerCollector(func(pass *analyzer.Pass) {
	m := pass.Module
	test := testish(m)
	for _, fn := range m.Functions {
		switch {
		case test || fa704TestName(fn.Name):
			if fa704HasCheck(m, fn.Body(), false) {
				pass.Tag(fn, fa704ChecksTag, "1")
			}
		case len(m.Nodes("assert_statement")) > 0 && fa704HasAssert(fn.Body()):
			pass.Tag(fn, fa704ChecksTag, "1")
		}
	}
})

// fa704HasAssert reports whether a function's own body has an assert statement.
func fa704HasAssert(body *pyast.Node) bool {
	found := false
	body.Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assert_statement":
			found = true
		}
		return !found
	})
	return found
}

// fa704CheckPrefixes start the names of calls that check something.
var fa704CheckPrefixes = []string{"assert", "check", "verify", "expect", "validate", "ensure"}

// fa704CheckNames are calls that fail (or skip) a test by themselves.
var fa704CheckNames = map[string]bool{
	"fail": true, "raises": true, "warns": true, "deprecated_call": true, "raise_for_status": true,
	"skip": true, "xfail": true, "importorskip": true,
}

// fa704HasCheck reports whether the subtree asserts something. nested
// tells whether to look into nested functions and lambdas.
func fa704HasCheck(m *analyzer.Module, body *pyast.Node, nested bool) bool {
	found := false
	body.Walk(func(n *pyast.Node) bool {
		if found {
			return false
		}
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return nested
		case "assert_statement", "raise_statement":
			found = true
		case "call":
			name := fa704CallName(n)
			lname := strings.ToLower(name)
			if fa704CheckNames[name] || fa704TestName(name) { // a test_* call runs another test
				found = true
			}
			for _, pre := range fa704CheckPrefixes {
				if strings.HasPrefix(lname, pre) {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// fa704CallName returns the last name of a call's callee: `assert_ok` for
// `helpers.assert_ok(...)`, `assertEqual` for `self.assertEqual(...)`.
func fa704CallName(call *pyast.Node) string {
	callee := pyast.Unparen(pyast.Callee(call))
	switch {
	case callee.Is("attribute"):
		return callee.ChildByField("attribute").Text()
	case callee.Is("identifier"):
		return callee.Text()
	}
	return ""
}

// fa704Collected reports whether pytest collects tests from the file.
func fa704Collected(p string) bool {
	base := path.Base(p)
	return strings.HasSuffix(base, ".py") && (strings.HasPrefix(base, "test") || strings.HasSuffix(base, "_test.py"))
}

// fa704TestName reports whether a function name is a test's.
func fa704TestName(name string) bool {
	if name == "test" || strings.HasPrefix(name, "test_") {
		return true
	}
	return len(name) > 4 && strings.HasPrefix(name, "test") && name[4] >= 'A' && name[4] <= 'Z'
}

// fa704SkipMarks are decorators and marks that skip a test or expect it to fail.
var fa704SkipMarks = map[string]bool{
	"pytest.mark.skip": true, "pytest.mark.xfail": true, "unittest.skip": true, "unittest.expectedFailure": true,
}

// fa704Skipped reports whether any of the decorators skips or xfails.
func fa704Skipped(m *analyzer.Module, decorators []*pyast.Node) bool {
	for _, d := range decorators {
		if d.Is("call") {
			d = pyast.Callee(d)
		}
		if fa704SkipMarks[m.Resolve(d)] {
			return true
		}
	}
	return false
}

// fa704MarkSkips reports whether a `pytestmark = ...` value skips or xfails.
func fa704MarkSkips(m *analyzer.Module, v *pyast.Node) bool {
	v = pyast.Unparen(v)
	if v.Is("list", "tuple") {
		for _, c := range v.NamedChildren() {
			if fa704MarkSkips(m, c) {
				return true
			}
		}
		return false
	}
	return fa704Skipped(m, []*pyast.Node{v})
}

func checkTestWithoutAssert(pass *analyzer.Pass) {
	m := pass.Module
	if !m.IsTest || !fa704Collected(m.Path) {
		return
	}
	if v := m.Vars["pytestmark"]; v != nil && fa704MarkSkips(m, v) {
		return
	}
	for _, fn := range m.Functions {
		if fn.Outer != nil || !fa704TestName(fn.Name) || !fa704IsTestFunction(m, fn) {
			continue
		}
		if fa704Skipped(m, fn.Decorators) || fn.Param("benchmark") != nil {
			continue
		}
		if fa704HasCheck(m, fn.Body(), true) {
			continue
		}
		// Helpers the test calls may assert.
		var helpers []string
		seen := map[string]bool{}
		fn.Body().Walk(func(n *pyast.Node) bool {
			if n.Kind == "call" {
				if q := m.CalleeName(fn, n); q != "" && !seen[q] && (m.IsProjectSymbol(q) || analyzer.ModuleOf(q) == m.Name ||
					strings.HasPrefix(q, m.Name+".")) {
					seen[q] = true
					helpers = append(helpers, q)
				}
			}
			return true
		})
		name := fn.Name
		msg := "test `" + name + "` has no assert, `pytest.raises` or `assert_*`/`check_*` call, so it passes whatever the code returns; " +
			"assert on the result (status code, body, state)"
		at := fn.Node.ChildByField("name")
		if len(helpers) == 0 {
			pass.Report(at, "%s", msg)
			continue
		}
		pass.ReportWhen(at, func(p *analyzer.Project) string {
			for _, q := range helpers {
				if fa704Asserts(p, q, map[string]bool{}, 0) {
					return ""
				}
			}
			return msg
		})
	}
}

// fa704IsTestFunction reports whether fn is collected as a test: a module
// function, or a method of a Test* class (not nested in a function) or of a
// unittest.TestCase subclass; fixtures are not tests.
func fa704IsTestFunction(m *analyzer.Module, fn *analyzer.Function) bool {
	for _, d := range fn.Decorators {
		if d.Is("call") {
			d = pyast.Callee(d)
		}
		switch m.Resolve(d) {
		case "pytest.fixture", "pytest_asyncio.fixture":
			return false
		}
	}
	c := fn.Class
	if c == nil {
		return true
	}
	if c.Node.Parent.Ancestor("function_definition", "class_definition") != nil {
		return false
	}
	if fa704Skipped(m, pyast.Decorators(c.Node)) {
		return false
	}
	for _, fl := range c.Fields {
		if fl.Name == "pytestmark" && fa704MarkSkips(m, fl.Value) {
			return false
		}
	}
	if strings.HasPrefix(c.Name, "Test") {
		return true
	}
	for _, b := range c.Bases {
		if strings.HasSuffix(b, "TestCase") {
			return true
		}
	}
	return false
}

// fa704Asserts reports whether the project function q, or a function it
// calls (bounded depth), asserts something.
func fa704Asserts(p *analyzer.Project, q string, seen map[string]bool, depth int) bool {
	f := p.Function(q)
	if f == nil || depth > 4 || seen[f.Name()] {
		return false
	}
	seen[f.Name()] = true
	if f.Tags[fa704ChecksTag] != "" {
		return true
	}
	for _, c := range f.Calls {
		if fa704Asserts(p, c.Callee, seen, depth+1) {
			return true
		}
	}
	return false
}
