package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA603 = register(&analyzer.Rule{
	Code: "FA603", Name: "app-missing-metadata", Principle: analyzer.PrincipleDocs, Severity: analyzer.SeverityNote,
	Precision: "high", Since: "0.1.0",
	Summary: "`FastAPI(...)` without `title=` or `version=`: the OpenAPI document is called \"FastAPI\" version \"0.1.0\".",
	Doc: analyzer.Doc{
		What: "Reports a `FastAPI(...)` call, at module level or inside an app factory, that does not set `title=` or `version=` " +
			"(the message names what is missing). Values set afterwards (`app.title = ...`, `app.version = ...`) count, and an app " +
			"with a custom OpenAPI generator (`app.openapi = custom_openapi`) or without an OpenAPI document (`openapi_url=None`) " +
			"is not reported. Sub-applications mounted into another app with `.mount(path, sub_app)`, in the same module or " +
			"another, are internal and not reported; nor are apps built in test files, Starlette apps, and calls that pass `**kwargs`.",
		Why: "The title and version head `/docs`, `/redoc` and `openapi.json`, name the clients generated from it and tell API " +
			"consumers (and API gateways or catalogues that import the document) which API and which release they are looking " +
			"at. FastAPI's defaults, \"FastAPI\" and \"0.1.0\", say neither, and never change between releases.",
		Example:    "app = FastAPI()\n",
		UseInstead: "app = FastAPI(\n    title=\"Orders API\",\n    version=settings.VERSION,\n    description=\"Create, track and cancel orders.\",\n)\n",
		Limits: "A sub-application mounted from a module that defines no function at all is recognised only when that module " +
			"imports it and defines or imports another app. Titles and versions set through other means (a settings dict " +
			"unpacked in the call, a subclass of FastAPI) are not seen; the first silences the rule, the second is not checked.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/metadata/#metadata-for-api",
			"https://spec.openapis.org/oas/v3.1.0#info-object",
		},
	},
	CheckModule: checkAppMissingMetadata,
})

func checkAppMissingMetadata(pass *analyzer.Pass) {
	m := pass.Module
	if m.IsTest {
		return
	}
	for _, call := range m.Nodes("call") {
		if calledName(m, call) != "fastapi.FastAPI" || fa603Starlette(m, call) || pyast.HasDictSplat(call) {
			continue
		}
		if pyast.Unparen(pyast.Kwarg(call, "openapi_url")).Is("none") {
			continue
		}
		bound := fa603BoundName(call)
		set := fa603SetLater(m, bound)
		if set["openapi"] || set["openapi_schema"] {
			continue
		}
		var missing []string
		for _, key := range []string{"title", "version"} {
			if pyast.Kwarg(call, key) == nil && !set[key] {
				missing = append(missing, "`"+key+"=`")
			}
		}
		if len(missing) == 0 || bound != "" && fa603MountedHere(m, bound) {
			continue
		}
		msg := "`FastAPI()` has no " + strings.Join(missing, " and no ") + ", so the OpenAPI document and /docs show FastAPI's defaults " +
			"(\"FastAPI\", version \"0.1.0\"); set " + fa603Fix(missing)
		qualified := ""
		for _, r := range m.Routers {
			if r.Call == call {
				qualified = docJoin(m.Name, r.Var)
			}
		}
		if qualified == "" {
			pass.Report(call, "%s", msg)
			continue
		}
		pass.ReportWhen(call, func(p *analyzer.Project) string {
			if fa603Mounted(p, qualified) {
				return ""
			}
			return msg
		})
	}
}

func fa603Fix(missing []string) string {
	var parts []string
	for _, m := range missing {
		parts = append(parts, strings.Trim(m, "`=")+"=...")
	}
	return "`FastAPI(" + strings.Join(parts, ", ") + ")`"
}

// fa603Starlette reports whether the callee is Starlette's application
// class (which the model folds into fastapi.FastAPI): it has no metadata.
func fa603Starlette(m *analyzer.Module, call *pyast.Node) bool {
	dotted := pyast.DottedName(pyast.Callee(call))
	if strings.HasPrefix(dotted, "starlette.") {
		return true
	}
	root, _, _ := strings.Cut(dotted, ".")
	for _, st := range m.Nodes("import_from_statement") {
		if !strings.HasPrefix(st.ChildByField("module_name").Text(), "starlette") {
			continue
		}
		for _, n := range st.ChildrenByField("name") {
			local := n
			if n.Is("aliased_import") {
				local = n.ChildByField("alias")
			}
			if local.Text() == root {
				return true
			}
		}
	}
	return false
}

// fa603BoundName returns the variable the call is assigned to ("" if none).
func fa603BoundName(call *pyast.Node) string {
	p := call.Up()
	for p.Is("parenthesized_expression") {
		p = p.Up()
	}
	if p.Is("assignment") && pyast.Unparen(p.ChildByField("right")) == call {
		if l := p.ChildByField("left"); l.Is("identifier") {
			return l.Text()
		}
	}
	return ""
}

// fa603SetLater returns the attributes assigned on the app variable
// anywhere in the module (`app.title = ...`, `app.openapi = ...`).
func fa603SetLater(m *analyzer.Module, name string) map[string]bool {
	out := map[string]bool{}
	if name == "" {
		return out
	}
	for _, a := range m.Nodes("assignment") {
		l := a.ChildByField("left")
		if l.Is("attribute") && l.ChildByField("object").Is("identifier") && l.ChildByField("object").Text() == name {
			out[l.ChildByField("attribute").Text()] = true
		}
	}
	return out
}

// fa603MountedHere reports whether the module mounts the named app:
// `.mount(path, name)`.
func fa603MountedHere(m *analyzer.Module, name string) bool {
	for _, call := range m.Nodes("call") {
		if _, meth := methodCall(call); meth != "mount" {
			continue
		}
		app := pyast.Arg(call, 1)
		if app == nil {
			app = pyast.Kwarg(call, "app")
		}
		if app = pyast.Unparen(app); app.Is("identifier") && app.Text() == name {
			return true
		}
	}
	return false
}

// fa603Mounted reports whether another module mounts the app q, or may:
// a module without functions (whose calls are not recorded) that imports
// q and defines or imports another app.
func fa603Mounted(p *analyzer.Project, q string) bool {
	ix := docIndexOf(p)
	q = p.Canonical(q)
	if len(ix.mounts[q]) > 0 {
		return true
	}
	for _, mf := range p.Files {
		if ix.carrier[mf.Path] || mf.IsTest {
			continue
		}
		imports, otherApp := false, false
		for _, v := range mf.Imports {
			c := p.Canonical(v)
			if c == q {
				imports = true
			} else if r := ix.routers[c]; r != nil && r.IsApp {
				otherApp = true
			}
		}
		for _, r := range mf.Routers {
			if r.IsApp {
				otherApp = true
			}
		}
		if imports && otherApp {
			return true
		}
	}
	return false
}
