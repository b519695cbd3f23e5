package rules

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// This file collects the HTTP calls that tests make to the application
// (FA701) and matches them against the routes of the project.
//
// A collector runs on test modules (and modules that import pytest) and
// records, on the function that makes them:
//   - test-client calls: `client.get("/items/42")`, `client.request("POST", url)`,
//     `client.websocket_connect("/ws")` on a receiver that is a TestClient or
//     httpx client built here, a pytest fixture parameter (decided in the
//     project phase), or a client imported from another module;
//   - pytest fixtures that return or yield a client, or another fixture;
//   - string arguments passed to project functions, so that a helper
//     `def get(client, url): return client.get(url)` is resolved one level up.
//
// Paths are templates: literals, f-strings, concatenations, `%`/.format,
// local and module constants and `@pytest.mark.parametrize` values are
// evaluated; what cannot be evaluated becomes `{?}`, which matches one
// segment, or any leading chain of segments when it starts the path.
// `app.url_path_for("name")` is recorded as the route name "name:<name>".

const (
	testCallsTag   = "fa7.calls"
	testFixtureTag = "fa7.fixture"
	testArgsTag    = "fa7.args"
	// testModuleCallsTag carries module-level calls on the module's first function.
	testModuleCallsTag = "fa7.modcalls"
)

// testCall is one HTTP call a test makes.
type testCall struct {
	Methods []string `json:"m"`            // upper case, "WEBSOCKET", or "*" when unknown (alternatives)
	Paths   []string `json:"p,omitempty"`  // path templates (alternatives)
	Recv    string   `json:"r"`            // "client", "fixture:<name>" or "import:<qualified>"
	Base    string   `json:"b,omitempty"`  // base_url path of a client built here
	Param   string   `json:"a,omitempty"`  // the whole path is this parameter of the enclosing function
	Index   int      `json:"x,omitempty"`  // its positional index
	MParam  string   `json:"ma,omitempty"` // the method is this parameter of the enclosing function
	MIndex  int      `json:"mx,omitempty"`
}

// testFixture is a pytest fixture that provides a client.
type testFixture struct {
	Name   string   `json:"n"`
	Client bool     `json:"c,omitempty"`
	Base   string   `json:"b,omitempty"`
	From   []string `json:"f,omitempty"` // fixtures it returns (a client if they are)
}

// testArg is a string-ish argument passed to a project function.
type testArg struct {
	Callee string   `json:"c"`
	Index  int      `json:"i"` // positional index, -1 for a keyword
	Name   string   `json:"k,omitempty"`
	Paths  []string `json:"p"`
}

// testClientTypes are the classes whose instances send requests to an app.
var testClientTypes = map[string]bool{
	"fastapi.testclient.TestClient":    true,
	"httpx.AsyncClient":                true,
	"httpx.Client":                     true,
	"httpx._client.AsyncClient":        true,
	"httpx._client.Client":             true,
	"async_asgi_testclient.TestClient": true,
}

// testClientMethods maps client methods to HTTP methods; "" takes the
// method from the first argument.
var testClientMethods = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
	"options": "OPTIONS", "head": "HEAD", "request": "", "stream": "", "websocket_connect": "WEBSOCKET",
}

// testClientNames are fixture parameter names taken to be clients even when
// the fixture is not found (defined in a plugin or an unaudited conftest).
var testClientNames = map[string]bool{
	"client": true, "test_client": true, "testclient": true, "async_client": true,
}

// testish reports whether the module may hold tests or fixtures.
func testish(m *analyzer.Module) bool {
	if m.IsTest {
		return true
	}
	for _, q := range m.Imports {
		if q == "pytest" || strings.HasPrefix(q, "pytest.") || q == "pytest_asyncio" || strings.HasPrefix(q, "pytest_asyncio.") {
			return true
		}
	}
	return false
}

var _ = registerCollector(collectTestCalls)

func collectTestCalls(pass *analyzer.Pass) {
	m := pass.Module
	if !testish(m) {
		return
	}
	calls := map[*analyzer.Function][]testCall{}
	var moduleCalls []testCall
	for _, call := range m.Nodes("call") {
		recvNode, meth := methodCall(call)
		method, ok := testClientMethods[meth]
		if !ok {
			continue
		}
		fn := m.EnclosingFunction(call)
		recv := testClientOf(m, fn, recvNode, 0)
		if recv.kind == "" {
			continue
		}
		tc := testCall{Recv: recv.ref(), Base: recv.base, Methods: []string{method}}
		pathArg := pyast.Arg(call, 0)
		if method == "" {
			methodArg := pyast.Kwarg(call, "method")
			if methodArg == nil {
				methodArg, pathArg = pyast.Arg(call, 0), pyast.Arg(call, 1)
			}
			tc.Methods = []string{"*"}
			if alts := testStrAlts(m, fn, methodArg, 0); alts != nil && !strings.Contains(strings.Join(alts, ""), "{") {
				tc.Methods = alts
				for i := range alts {
					tc.Methods[i] = strings.ToUpper(alts[i])
				}
			} else if p, idx := testParamOf(fn, methodArg); p != "" {
				tc.MParam, tc.MIndex = p, idx
			}
		}
		if u := pyast.Kwarg(call, "url"); u != nil {
			pathArg = u
		}
		tc.Paths = testStrAlts(m, fn, pathArg, 0)
		if tc.Paths == nil {
			if p, idx := testParamOf(fn, pathArg); p != "" {
				tc.Param, tc.Index = p, idx
			} else {
				tc.Paths = []string{"{?}"}
			}
		}
		if fn == nil {
			moduleCalls = append(moduleCalls, tc)
		} else {
			calls[fn] = append(calls[fn], tc)
		}
	}
	for fn, cs := range calls {
		if data, err := json.Marshal(cs); err == nil {
			pass.Tag(fn, testCallsTag, string(data))
		}
	}
	if len(moduleCalls) > 0 && len(m.Functions) > 0 {
		if data, err := json.Marshal(moduleCalls); err == nil {
			pass.Tag(m.Functions[0], testModuleCallsTag, string(data))
		}
	}
	for _, fn := range m.Functions {
		if fx, ok := testFixtureOf(m, fn); ok {
			if data, err := json.Marshal(fx); err == nil {
				pass.Tag(fn, testFixtureTag, string(data))
			}
		}
	}
	collectTestArgs(pass)
}

// collectTestArgs records the string arguments of calls to project
// functions made in the module.
func collectTestArgs(pass *analyzer.Pass) {
	m := pass.Module
	args := map[*analyzer.Function][]testArg{}
	for _, call := range m.Nodes("call") {
		fn := m.EnclosingFunction(call)
		if fn == nil {
			continue
		}
		callee := m.CalleeName(fn, call)
		if callee == "" || !(m.IsProjectSymbol(callee) || strings.HasPrefix(callee, m.Name+".")) {
			continue
		}
		pos, kws := pyast.Args(call)
		add := func(i int, name string, v *pyast.Node) {
			v = pyast.Unparen(v)
			if !v.Is("string", "concatenated_string", "binary_operator", "identifier", "call", "attribute") {
				return
			}
			alts := testStrAlts(m, fn, v, 0)
			if alts == nil {
				alts = []string{"{?}"}
			}
			args[fn] = append(args[fn], testArg{Callee: callee, Index: i, Name: name, Paths: alts})
		}
		for i, v := range pos {
			add(i, "", v)
		}
		for k, v := range kws {
			add(-1, k, v)
		}
	}
	for fn, as := range args {
		if data, err := json.Marshal(as); err == nil {
			pass.Tag(fn, testArgsTag, string(data))
		}
	}
}

// testRecv is what a call's receiver is, as far as the module tells.
type testRecv struct {
	kind string // "client", "fixture", "import" or ""
	name string
	base string
}

func (r testRecv) ref() string {
	switch r.kind {
	case "fixture":
		return "fixture:" + r.name
	case "import":
		return "import:" + r.name
	}
	return "client"
}

// testClientOf tells whether e, evaluated in fn (nil: module scope), is a
// test client.
func testClientOf(m *analyzer.Module, fn *analyzer.Function, e *pyast.Node, depth int) testRecv {
	e = pyast.Unparen(e)
	if e == nil || depth > 6 {
		return testRecv{}
	}
	switch e.Kind {
	case "call":
		if testClientTypes[calledName(m, e)] {
			return testRecv{kind: "client", base: testBasePath(m, fn, pyast.Kwarg(e, "base_url"))}
		}
	case "identifier":
		name := e.Text()
		for f := fn; f != nil; f = f.Outer {
			if bs := m.Bindings(f)[name]; len(bs) > 0 {
				for _, b := range bs {
					if b.Value != nil {
						if r := testClientOf(m, f, b.Value, depth+1); r.kind != "" {
							return r
						}
					}
					if b.Annotation != nil && testClientTypes[m.Resolve(b.Annotation)] {
						return testRecv{kind: "client"}
					}
				}
				return testRecv{}
			}
			if p := f.Param(name); p != nil {
				if p.Annotation != nil && testClientTypes[m.Resolve(p.Annotation)] {
					return testRecv{kind: "client"}
				}
				if name == "self" || name == "cls" {
					return testRecv{}
				}
				return testRecv{kind: "fixture", name: name}
			}
		}
		if v, ok := m.Vars[name]; ok && v != nil {
			if _, imported := m.Imports[name]; !imported {
				return testClientOf(m, nil, v, depth+1)
			}
		}
		if q, ok := m.Imports[name]; ok && m.IsProjectSymbol(q) {
			return testRecv{kind: "import", name: q}
		}
	case "attribute":
		obj := pyast.Unparen(e.ChildByField("object"))
		attr := e.ChildByField("attribute").Text()
		if fn == nil || fn.Class == nil || !obj.Is("identifier") || (obj.Text() != "self" && obj.Text() != "cls") {
			return testRecv{}
		}
		// self.client = TestClient(app) in setUp or any method; client = ... in the class body.
		for _, f := range m.Functions {
			if f.Class != fn.Class {
				continue
			}
			var found testRecv
			f.Body().Walk(func(n *pyast.Node) bool {
				if found.kind != "" {
					return false
				}
				switch n.Kind {
				case "function_definition", "class_definition", "lambda":
					return false
				case "assignment":
					l := n.ChildByField("left")
					if o := l.ChildByField("object").Text(); l.Is("attribute") && l.ChildByField("attribute").Text() == attr && (o == "self" || o == "cls") {
						found = testClientOf(m, f, n.ChildByField("right"), depth+1)
					}
				}
				return true
			})
			if found.kind != "" {
				return found
			}
		}
		for _, fl := range fn.Class.Fields {
			if fl.Name == attr && fl.Value != nil {
				return testClientOf(m, nil, fl.Value, depth+1)
			}
		}
	}
	return testRecv{}
}

// testBasePath returns the path part of a client's base_url ("" for none).
func testBasePath(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) string {
	if n == nil {
		return ""
	}
	alts := testStrAlts(m, fn, n, 0)
	if len(alts) != 1 {
		return ""
	}
	u := alts[0]
	if i := strings.Index(u, "://"); i >= 0 {
		rest := u[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return ""
		}
		u = rest[j:]
	} else if !strings.HasPrefix(u, "/") {
		return ""
	}
	return strings.TrimRight(u, "/")
}

// testParamOf returns the parameter of fn that e names, with its
// positional index, when e is a bare parameter.
func testParamOf(fn *analyzer.Function, e *pyast.Node) (string, int) {
	e = pyast.Unparen(e)
	if fn == nil || !e.Is("identifier") {
		return "", 0
	}
	for i, p := range fn.Params {
		if p.Name == e.Text() && p.Kind != analyzer.ParamVarArgs && p.Kind != analyzer.ParamKwArgs {
			if fn.Class != nil && len(fn.Params) > 0 && (fn.Params[0].Name == "self" || fn.Params[0].Name == "cls") {
				i-- // callers do not pass self
			}
			return p.Name, i
		}
	}
	return "", 0
}

var testPercentRE = regexp.MustCompile(`%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[sdirfxXu]`)
var testFormatRE = regexp.MustCompile(`\{[^{}]*\}`)

// testStrAlts evaluates a string expression to its possible values, as path
// templates where unknown parts are `{?}`. nil when nothing of it is known.
func testStrAlts(m *analyzer.Module, fn *analyzer.Function, e *pyast.Node, depth int) []string {
	e = pyast.Unparen(e)
	if e == nil || depth > 6 {
		return nil
	}
	switch e.Kind {
	case "string":
		if s, ok := pyast.StringValue(e); ok {
			return []string{s}
		}
		return testFString(m, fn, e, depth)
	case "integer":
		return []string{e.Text()}
	case "concatenated_string":
		out := []string{""}
		for _, c := range e.NamedChildren() {
			alts := testStrAlts(m, fn, c, depth+1)
			if alts == nil {
				alts = []string{testUnknown(c)}
			}
			out = testCross(out, alts)
		}
		return out
	case "binary_operator":
		left, right := e.ChildByField("left"), e.ChildByField("right")
		switch e.ChildByField("operator").Text() {
		case "+":
			l, r := testStrAlts(m, fn, left, depth+1), testStrAlts(m, fn, right, depth+1)
			if l == nil && r == nil {
				return nil
			}
			if l == nil {
				l = []string{testUnknown(left)}
			}
			if r == nil {
				r = []string{testUnknown(right)}
			}
			return testCross(l, r)
		case "%":
			l := testStrAlts(m, fn, left, depth+1)
			for i := range l {
				l[i] = testPercentRE.ReplaceAllString(l[i], "{?}")
			}
			return l
		}
	case "call":
		callee := pyast.Callee(e)
		if callee.Is("attribute") {
			switch callee.ChildByField("attribute").Text() {
			case "format":
				l := testStrAlts(m, fn, callee.ChildByField("object"), depth+1)
				for i := range l {
					l[i] = testFormatRE.ReplaceAllString(l[i], "{?}")
				}
				return l
			case "url_path_for", "url_for":
				names := testStrAlts(m, fn, pyast.Arg(e, 0), depth+1)
				for i, n := range names {
					if strings.Contains(n, "{") {
						return nil
					}
					names[i] = "name:" + n
				}
				return names
			}
		}
		if calledName(m, e) == "builtins.str" {
			return testStrAlts(m, fn, pyast.Arg(e, 0), depth+1)
		}
	case "identifier":
		name := e.Text()
		for f := fn; f != nil; f = f.Outer {
			if bs := m.Bindings(f)[name]; len(bs) > 0 {
				var out []string
				for _, b := range bs {
					var alts []string
					switch {
					case b.Value != nil && b.Node.Is("assignment", "named_expression"):
						alts = testStrAlts(m, f, b.Value, depth+1)
					case b.Node.Is("for_statement"):
						if b.Node.ChildByField("left").Is("identifier") {
							alts = testListAlts(m, f, b.Node.ChildByField("right"), depth+1)
						}
					}
					if alts == nil {
						return nil
					}
					out = append(out, alts...)
				}
				return testCap(out)
			}
			if f.Param(name) != nil {
				return testParametrized(m, f, name, depth)
			}
		}
		if v, ok := m.Vars[name]; ok && v != nil {
			if _, imported := m.Imports[name]; !imported && !moduleVarReassigned(m, name) {
				return testStrAlts(m, nil, v, depth+1)
			}
		}
	}
	return nil
}

// testFString renders an f-string: interpolations that evaluate to one
// value are inlined, the others become `{?}`.
func testFString(m *analyzer.Module, fn *analyzer.Function, s *pyast.Node, depth int) []string {
	var sb strings.Builder
	for _, c := range s.Children {
		switch c.Kind {
		case "string_content":
			sb.WriteString(c.Text())
		case "escape_sequence":
			sb.WriteString(c.Text())
		case "interpolation":
			expr := c.ChildByField("expression")
			if alts := testStrAlts(m, fn, expr, depth+1); len(alts) == 1 && !strings.HasPrefix(alts[0], "name:") {
				sb.WriteString(alts[0])
			} else {
				sb.WriteString(testUnknown(expr))
			}
		}
	}
	return []string{sb.String()}
}

// testUnknown is the placeholder for an expression whose value is unknown:
// `{settings.API_V1_STR}` for a name, which may be the app's own prefix
// expression, `{?}` otherwise.
func testUnknown(e *pyast.Node) string {
	if name := pyast.DottedName(e); name != "" {
		return "{" + name + "}"
	}
	return "{?}"
}

// testListAlts evaluates a list or tuple of strings.
func testListAlts(m *analyzer.Module, fn *analyzer.Function, e *pyast.Node, depth int) []string {
	e = pyast.Unparen(e)
	if e.Is("identifier") && fn != nil && len(m.Bindings(fn)[e.Text()]) == 0 && fn.Param(e.Text()) == nil {
		if v, ok := m.Vars[e.Text()]; ok && v != nil && !moduleVarReassigned(m, e.Text()) {
			e = pyast.Unparen(v)
		}
	}
	if !e.Is("list", "tuple") {
		return nil
	}
	var out []string
	for _, c := range e.NamedChildren() {
		alts := testStrAlts(m, fn, c, depth+1)
		if alts == nil {
			return nil
		}
		out = append(out, alts...)
	}
	return testCap(out)
}

// testParametrized evaluates a test parameter from the function's
// `@pytest.mark.parametrize` decorators.
func testParametrized(m *analyzer.Module, fn *analyzer.Function, name string, depth int) []string {
	for _, d := range fn.Decorators {
		if !d.Is("call") || m.Resolve(pyast.Callee(d)) != "pytest.mark.parametrize" {
			continue
		}
		namesNode := pyast.Arg(d, 0)
		if namesNode == nil {
			namesNode = pyast.Kwarg(d, "argnames")
		}
		var names []string
		if s, ok := pyast.StringValue(namesNode); ok {
			for _, n := range strings.Split(s, ",") {
				names = append(names, strings.TrimSpace(n))
			}
		} else {
			names = testStringList(namesNode)
		}
		idx := -1
		for i, n := range names {
			if n == name {
				idx = i
			}
		}
		if idx < 0 {
			continue
		}
		values := pyast.Arg(d, 1)
		if values == nil {
			values = pyast.Kwarg(d, "argvalues")
		}
		values = pyast.Unparen(values)
		if values.Is("identifier") {
			if v, ok := m.Vars[values.Text()]; ok && v != nil {
				values = pyast.Unparen(v)
			}
		}
		if !values.Is("list", "tuple") {
			return nil
		}
		var out []string
		for _, v := range values.NamedChildren() {
			v = pyast.Unparen(v)
			if v.Is("call") && m.Resolve(pyast.Callee(v)) == "pytest.param" {
				v = pyast.Arg(v, idx)
			} else if len(names) > 1 {
				if !v.Is("tuple", "list") {
					return nil
				}
				v = v.NamedChild(idx)
			}
			alts := testStrAlts(m, nil, v, depth+1)
			if alts == nil {
				return nil
			}
			out = append(out, alts...)
		}
		return testCap(out)
	}
	return nil
}

// testStringList returns the string literals of a list or tuple.
func testStringList(n *pyast.Node) []string {
	var out []string
	for _, c := range pyast.Unparen(n).NamedChildren() {
		if s, ok := pyast.StringValue(c); ok {
			out = append(out, s)
		}
	}
	return out
}

func testCross(a, b []string) []string {
	var out []string
	for _, x := range a {
		for _, y := range b {
			out = append(out, x+y)
		}
	}
	return testCap(out)
}

// testCap bounds the number of alternatives: past 32, the value is unknown.
func testCap(alts []string) []string {
	if len(alts) > 32 {
		return []string{"{?}"}
	}
	return alts
}

// testFixtureOf describes fn when it is a pytest fixture that returns or
// yields a client or another fixture.
func testFixtureOf(m *analyzer.Module, fn *analyzer.Function) (testFixture, bool) {
	fx := testFixture{Name: fn.Name}
	isFixture := false
	for _, d := range fn.Decorators {
		target := d
		if d.Is("call") {
			target = pyast.Callee(d)
		}
		switch m.Resolve(target) {
		case "pytest.fixture", "pytest_asyncio.fixture":
			isFixture = true
			if d.Is("call") {
				if n, ok := pyast.StringValue(pyast.Kwarg(d, "name")); ok {
					fx.Name = n
				}
			}
		}
	}
	if !isFixture {
		return fx, false
	}
	var values []*pyast.Node
	fn.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement", "yield":
			if v := n.NamedChild(0); v != nil {
				values = append(values, v)
			}
		}
		return true
	})
	for _, v := range values {
		r := testClientOf(m, fn, v, 0)
		switch r.kind {
		case "client":
			fx.Client = true
			if fx.Base == "" {
				fx.Base = r.base
			}
		case "fixture":
			fx.From = append(fx.From, r.name)
		}
	}
	if !fx.Client && len(fx.From) == 0 {
		return fx, false
	}
	return fx, true
}

// ---------------------------------------------------------------------------
// Project phase.

// testIndex is every test call of the project, resolved.
type testIndex struct {
	hasTests bool
	calls    []resolvedCall
}

type resolvedCall struct {
	methods []string
	paths   [][]testSeg
	names   []string
}

func testIndexOf(p *analyzer.Project) *testIndex {
	return p.Memo("fa701.tests", func() any { return newTestIndex(p) }).(*testIndex)
}

// projectHasTests reports whether the run holds test code: a file under
// the test paths, or a module with test functions that imports pytest or
// unittest.
func projectHasTests(p *analyzer.Project) bool {
	for _, mf := range p.Files {
		if mf.IsTest {
			return true
		}
		usesTestLib := false
		for _, q := range mf.Imports {
			if q == "pytest" || strings.HasPrefix(q, "pytest.") || q == "unittest" || strings.HasPrefix(q, "unittest.") {
				usesTestLib = true
			}
		}
		if !usesTestLib {
			continue
		}
		for _, f := range mf.Functions {
			if strings.HasPrefix(analyzer.LastPart(f.QualName), "test") {
				return true
			}
		}
	}
	return false
}

func newTestIndex(p *analyzer.Project) *testIndex {
	ix := &testIndex{hasTests: projectHasTests(p)}
	fixtures := map[string][]testFixture{}
	type owned struct {
		mf    *analyzer.ModuleFacts
		f     *analyzer.FunctionFacts
		calls []testCall
	}
	var all []owned
	args := map[string][]testArg{} // by canonical callee
	for _, mf := range p.Files {
		for _, f := range mf.Functions {
			if data := f.Tags[testFixtureTag]; data != "" {
				var fx testFixture
				if json.Unmarshal([]byte(data), &fx) == nil {
					fixtures[fx.Name] = append(fixtures[fx.Name], fx)
				}
			}
			for _, key := range []string{testCallsTag, testModuleCallsTag} {
				if data := f.Tags[key]; data != "" {
					var cs []testCall
					if json.Unmarshal([]byte(data), &cs) == nil {
						if key == testModuleCallsTag {
							all = append(all, owned{mf, nil, cs})
						} else {
							all = append(all, owned{mf, f, cs})
						}
					}
				}
			}
			if data := f.Tags[testArgsTag]; data != "" {
				var as []testArg
				if json.Unmarshal([]byte(data), &as) == nil {
					for _, a := range as {
						c := p.Canonical(a.Callee)
						args[c] = append(args[c], a)
					}
				}
			}
		}
	}
	// isClient reports whether a fixture name provides a client, with the
	// base paths of the clients it provides.
	type verdict struct {
		yes   bool
		bases []string
	}
	memo := map[string]*verdict{}
	var isClient func(name string, depth int) (bool, []string)
	isClient = func(name string, depth int) (bool, []string) {
		if v, ok := memo[name]; ok {
			if v == nil {
				return false, nil // a cycle
			}
			return v.yes, v.bases
		}
		fxs := fixtures[name]
		if len(fxs) == 0 || depth > 8 {
			return testClientNames[name], nil
		}
		memo[name] = nil
		v := &verdict{yes: testClientNames[name]}
		for _, fx := range fxs {
			if fx.Client {
				v.yes = true
				v.bases = append(v.bases, fx.Base)
			}
			for _, from := range fx.From {
				if yes, b := isClient(from, depth+1); yes {
					v.yes = true
					v.bases = append(v.bases, b...)
				}
			}
		}
		memo[name] = v
		return v.yes, v.bases
	}
	for _, o := range all {
		for _, c := range o.calls {
			bases := []string{c.Base}
			switch {
			case strings.HasPrefix(c.Recv, "fixture:"):
				yes, b := isClient(strings.TrimPrefix(c.Recv, "fixture:"), 0)
				if !yes {
					continue
				}
				if len(b) > 0 {
					bases = b
				}
			case strings.HasPrefix(c.Recv, "import:"):
				_, sf := p.Lookup(p.Canonical(strings.TrimPrefix(c.Recv, "import:")))
				if sf == nil || sf.Kind != analyzer.SymbolVar || !testClientTypes[sf.Call] {
					continue
				}
			}
			// A parameter of a helper takes the values its callers pass.
			fromCallers := func(param string, index int) []string {
				var out []string
				if o.f != nil {
					for _, a := range args[o.f.Name()] {
						if (a.Index >= 0 && a.Index == index) || (a.Index < 0 && a.Name == param) {
							out = append(out, a.Paths...)
						}
					}
				}
				if len(out) == 0 {
					out = []string{"{?}"}
				}
				return out
			}
			paths := c.Paths
			if c.Param != "" {
				paths = fromCallers(c.Param, c.Index)
			}
			methods := c.Methods
			if c.MParam != "" {
				methods = nil
				for _, meth := range fromCallers(c.MParam, c.MIndex) {
					if strings.Contains(meth, "{") {
						methods = []string{"*"}
						break
					}
					methods = append(methods, strings.ToUpper(meth))
				}
			}
			rc := resolvedCall{methods: methods}
			for _, pt := range paths {
				if name, ok := strings.CutPrefix(pt, "name:"); ok {
					rc.names = append(rc.names, name)
					continue
				}
				// `f"{settings.API_V1_STR}/items"` names the same prefix
				// the routes were built with.
				pt = p.ExpandConstants(o.mf, pt)
				for _, base := range testUnique(bases) {
					rc.paths = append(rc.paths, testPathSegs(pt, p.ExpandConstants(o.mf, base)))
				}
			}
			ix.calls = append(ix.calls, rc)
		}
	}
	return ix
}

func testUnique(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// testSeg is one path segment of a pattern.
type testSeg struct {
	kind byte // 'l' literal, 'o' one segment, 'w' any chain of segments (possibly empty)
	// text is a literal's value, or the expression of a 'w' placeholder:
	// two placeholders of the same expression match each other only.
	text string
}

// testPathSegs turns a test URL template into segments: the scheme and host
// are dropped, so are the query and fragment; a relative path gets the
// client's base path; a leading unknown matches any chain of segments.
func testPathSegs(t, base string) []testSeg {
	if i := strings.Index(t, "://"); i >= 0 && !strings.Contains(t[:i], "/") {
		rest := t[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			rest = "/"
		} else {
			rest = rest[j:]
		}
		t, base = rest, "" // an absolute URL ignores the client's base_url
	}
	t = testCutQuery(t)
	leadingWild := false
	switch {
	case strings.HasPrefix(t, "/"):
		t = base + t
	case strings.HasPrefix(t, "{"):
		leadingWild = true
	default:
		t = base + "/" + t
	}
	var out []testSeg
	for i, s := range strings.Split(t, "/") {
		if s == "" {
			continue
		}
		switch {
		case i == 0 && leadingWild:
			out = append(out, testSeg{kind: 'w', text: testPlaceholderName(s)})
		case strings.Contains(s, "{"):
			out = append(out, testSeg{kind: 'o'})
		default:
			out = append(out, testSeg{kind: 'l', text: s})
		}
	}
	return out
}

// testCutQuery drops the query string and fragment of a URL template (a `?`
// inside a `{...}` placeholder is not one).
func testCutQuery(t string) string {
	depth := 0
	for i, r := range t {
		switch {
		case r == '{':
			depth++
		case r == '}' && depth > 0:
			depth--
		case (r == '?' || r == '#') && depth == 0:
			return t[:i]
		}
	}
	return t
}

var testIdentRE = regexp.MustCompile(`^\{[A-Za-z_][A-Za-z0-9_]*\}$`)

// testRouteSegs turns a route's full path into segments. In the handler's own
// path, `{param}` matches one segment and `{param:path}` any chain; in the
// prefixes, a placeholder for a prefix the analysis could not evaluate
// (`{settings.API_V1_STR}`) matches any chain.
func testRouteSegs(full, own string) []testSeg {
	prefix := full
	if strings.HasSuffix(full, own) {
		prefix = strings.TrimSuffix(full, own)
	} else {
		own = ""
	}
	var out []testSeg
	for i, s := range strings.Split(prefix, "/") {
		if s == "" {
			continue
		}
		switch {
		case !strings.Contains(s, "{"):
			out = append(out, testSeg{kind: 'l', text: s})
		case i > 0 && testIdentRE.MatchString(s):
			out = append(out, testSeg{kind: 'o'})
		default:
			out = append(out, testSeg{kind: 'w', text: testPlaceholderName(s)})
		}
	}
	for _, s := range strings.Split(own, "/") {
		switch {
		case s == "":
		case strings.HasPrefix(s, "{") && strings.HasSuffix(s, ":path}"):
			out = append(out, testSeg{kind: 'w'})
		case strings.Contains(s, "{"):
			out = append(out, testSeg{kind: 'o'})
		default:
			out = append(out, testSeg{kind: 'l', text: s})
		}
	}
	return out
}

// testPlaceholderName returns the expression of a segment that is exactly one
// `{expr}` placeholder ("" for `{?}` and other shapes).
func testPlaceholderName(s string) string {
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") && strings.Count(s, "{") == 1 && s != "{?}" {
		return s[1 : len(s)-1]
	}
	return ""
}

// testSegsMatch reports whether two patterns can name the same concrete path.
// FA701 asks it for every route and test call, so the common case, patterns
// without chains ('w'), is a plain pairwise comparison.
func testSegsMatch(a, b []testSeg) bool {
	if !testHasChain(a) && !testHasChain(b) {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if !testSegPairs(a[i], b[i]) {
				return false
			}
		}
		return true
	}
	m := testMatcher{a: a, b: b}
	if n := (len(a) + 1) * (len(b) + 1); n <= len(m.small) {
		m.memo = m.small[:n]
	} else {
		m.memo = make([]int8, n)
	}
	return m.match(0, 0)
}

func testHasChain(segs []testSeg) bool {
	for _, s := range segs {
		if s.kind == 'w' {
			return true
		}
	}
	return false
}

// testSegPairs reports whether two single segments ('l' or 'o') can match.
func testSegPairs(x, y testSeg) bool {
	return x.kind == 'o' || y.kind == 'o' || x.text == y.text
}

// testMatcher matches patterns with chains, memoizing by position.
type testMatcher struct {
	a, b  []testSeg
	memo  []int8 // by i*(len(b)+1)+j: 0 not yet known, 1 no match, 2 match
	small [64]int8
}

func (m *testMatcher) match(i, j int) bool {
	a, b := m.a, m.b
	key := i*(len(b)+1) + j
	if m.memo[key] != 0 {
		return m.memo[key] == 2
	}
	m.memo[key] = 1 // every step below advances i or j, so no cycle reads this
	var ok bool
	switch {
	case i == len(a) && j == len(b):
		ok = true
	case i < len(a) && j < len(b) && a[i].kind == 'w' && b[j].kind == 'w' && a[i].text != "" && a[i].text == b[j].text:
		// The same unknown prefix on both sides (`{settings.API_V1_STR}`).
		ok = m.match(i+1, j+1)
	case i < len(a) && a[i].kind == 'w':
		ok = m.match(i+1, j) || (j < len(b) && m.match(i, j+1))
	case j < len(b) && b[j].kind == 'w':
		ok = m.match(i, j+1) || (i < len(a) && m.match(i+1, j))
	case i < len(a) && j < len(b):
		ok = testSegPairs(a[i], b[j]) && m.match(i+1, j+1)
	}
	if ok {
		m.memo[key] = 2
	}
	return ok
}

// callsFor returns the test calls that may use the route method.
func (ix *testIndex) callsFor(method string) []*resolvedCall {
	var out []*resolvedCall
	for i := range ix.calls {
		if testMethodMatch(ix.calls[i].methods, method) {
			out = append(out, &ix.calls[i])
		}
	}
	return out
}

// testedBy reports whether one of the calls may request a route with the
// patterns and the route name.
func testedBy(calls []*resolvedCall, patterns [][]testSeg, name string) bool {
	for _, c := range calls {
		for _, n := range c.names {
			if n == name {
				return true
			}
		}
		for _, cp := range c.paths {
			for _, rp := range patterns {
				if testSegsMatch(cp, rp) {
					return true
				}
			}
		}
	}
	return false
}

// testMethodMatch reports whether a call with one of the methods may reach
// a route of the method (HEAD requests are answered by GET routes).
func testMethodMatch(methods []string, route string) bool {
	for _, m := range methods {
		if m == "*" || m == route || (m == "HEAD" && route == "GET") {
			return true
		}
	}
	return false
}

// testRoutePatterns returns the patterns a route answers on: its full path,
// behind the mount paths of its app when the app is mounted into another,
// and behind any prefix when its router is never included into an app.
func testRoutePatterns(ix *docIndex, rt analyzer.Route) [][]testSeg {
	base := testRouteSegs(rt.Path, rt.Handler.Path)
	if rt.App == "" {
		return [][]testSeg{append([]testSeg{{kind: 'w'}}, base...)}
	}
	out := [][]testSeg{base}
	for _, mp := range ix.mounts[rt.App] {
		var pre []testSeg
		if strings.Contains(mp, "{") {
			pre = []testSeg{{kind: 'w'}}
		} else {
			for _, s := range strings.Split(mp, "/") {
				if s != "" {
					pre = append(pre, testSeg{kind: 'l', text: s})
				}
			}
		}
		out = append(out, append(pre, base...))
	}
	return out
}
