package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA807 = register(&analyzer.Rule{
	Code: "FA807", Name: "create-all-at-startup", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityNote,
	Precision: "high", Since: "0.1.0",
	Summary: "`metadata.create_all()` runs at import time or application startup instead of migrations.",
	Doc: analyzer.Doc{
		What: "Reports `<Base>.metadata.create_all(...)` (a declarative base, `SQLModel`, or a module-level `MetaData()`), also when " +
			"passed by reference as in `await conn.run_sync(Base.metadata.create_all)`, when it runs:\n\n" +
			"- at import time: at module level, outside `if __name__ == \"__main__\":`, or in a function of the module that " +
			"its module-level code calls (`def init_db(): ...` then `init_db()`) — in a module without an app, router or " +
			"route only when another project module imports it (otherwise it is a script run by hand);\n" +
			"- at application startup: in a function decorated `@app.on_event(\"startup\")`, registered with " +
			"`app.add_event_handler(\"startup\", fn)` or `on_startup=[fn]`, or in the lifespan of the app — the function passed " +
			"as `FastAPI(lifespan=...)`, an `@asynccontextmanager` whose parameter is annotated `FastAPI`, or an " +
			"`@asynccontextmanager` taking one argument that the module building the app imports from another module;\n" +
			"- in a project function that such a startup function calls, directly or through other project functions, in any " +
			"module (the message names the chain).\n\n" +
			"Projects with no Alembic setup at all get the note too: that is when it matters most.",
		Why: "`create_all` only creates tables that do not exist; it never adds a column, changes a type, adds an index or drops " +
			"anything. Once the first version is deployed, every model change silently diverges from the real schema and fails " +
			"at run time (`column does not exist`). Running DDL from every worker at import or startup also races between " +
			"processes, needs DDL rights for the application's database user, and hides the schema history that migrations " +
			"keep (review, rollback, data migrations).",
		Example: "Base.metadata.create_all(bind=engine)\n\napp = FastAPI()\n\n# or\n@asynccontextmanager\nasync def lifespan(app: FastAPI):\n" +
			"    async with engine.begin() as conn:\n        await conn.run_sync(Base.metadata.create_all)\n    yield\n",
		UseInstead: "# alembic init migrations; alembic revision --autogenerate -m \"create tables\"\n" +
			"# then at deploy time, before starting the app:\n#   alembic upgrade head\n\n@asynccontextmanager\n" +
			"async def lifespan(app: FastAPI):\n    yield  # no DDL here\n\napp = FastAPI(lifespan=lifespan)\n",
		Limits: "Silent in test code (see FA806), in `if __name__ == \"__main__\":` blocks, in scripts (see FA806: " +
			"`scripts/`, `manage.py`, modules with a `__main__` block and no app, Alembic migrations), and in functions that are " +
			"neither startup code nor called from it (a `def init_db()` run from a CLI command). A startup function is only " +
			"recognised through the forms above (a lifespan passed as an attribute, `lifespan=db.lifespan`, or returned by a " +
			"factory is not). Only direct calls are followed from startup code: a function passed by reference " +
			"(`await run_in_threadpool(init_db)`) or called on an object whose type is unknown is not. A `MetaData` imported " +
			"from another module as a bare name (`from app.db import metadata`) is not recognised.",
		References: []string{
			"https://alembic.sqlalchemy.org/en/latest/tutorial.html",
			"https://alembic.sqlalchemy.org/en/latest/autogenerate.html",
			"https://docs.sqlalchemy.org/en/20/core/metadata.html#sqlalchemy.schema.MetaData.create_all",
			"https://fastapi.tiangolo.com/advanced/events/#lifespan",
		},
	},
	CheckModule: checkCreateAllAtStartup,
})

// Tags of the FA807 collector.
const (
	tagFA807Startup  = "fa807.startup"  // the function runs at startup; value: how, for messages
	tagFA807Lifespan = "fa807.lifespan" // an @asynccontextmanager taking one argument: a lifespan if the app imports it
)

var _ = registerCollector(collectStartupFunctions)

// collectStartupFunctions tags the startup/lifespan functions of a module,
// so that FA807 can follow calls from them in other modules.
func collectStartupFunctions(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	startup := prodStartupFunctions(m)
	for fn, how := range startup {
		pass.Tag(fn, tagFA807Startup, how)
	}
	for _, f := range m.Functions {
		if _, known := startup[f]; !known && prodLifespanCandidate(m, f) {
			pass.Tag(f, tagFA807Lifespan, "lifespan `"+f.Name+"`")
		}
	}
}

// prodStartupFunctions returns the functions of the module that run at
// application startup, with a label for messages: @app.on_event("startup")
// handlers, add_event_handler("startup", fn), FastAPI(on_startup=[...],
// lifespan=...) and @asynccontextmanager lifespans taking a FastAPI app.
func prodStartupFunctions(m *analyzer.Module) map[*analyzer.Function]string {
	out := map[*analyzer.Function]string{}
	for _, f := range m.Functions {
		for _, d := range f.Decorators {
			recv, method := methodCall(d)
			if method != "on_event" {
				if d != nil && prodIsAsyncContextManager(m, d) && len(f.Params) > 0 && prodAppTypes[m.Resolve(f.Params[0].Annotation)] {
					out[f] = "lifespan `" + f.Name + "`"
				}
				continue
			}
			if prodEventName(d) != "startup" {
				continue
			}
			if known, pending := prodAppReceiver(m, f.Outer, recv); known || pending != "" {
				out[f] = "startup handler `" + f.Name + "`"
			}
		}
	}
	for _, call := range m.Nodes("call") {
		scope := m.EnclosingFunction(call)
		if _, method := methodCall(call); method == "add_event_handler" {
			if prodEventName(call) == "startup" {
				ref := pyast.Arg(call, 1)
				if ref == nil {
					ref = pyast.Kwarg(call, "func")
				}
				if f := prodFuncNamed(m, scope, ref); f != nil {
					out[f] = "startup handler `" + f.Name + "`"
				}
			}
			continue
		}
		if !prodAppTypes[calledName(m, call)] {
			continue
		}
		ls := pyast.Unparen(pyast.Kwarg(call, "lifespan"))
		if ls.Is("call") && prodIsAsyncContextManager(m, pyast.Callee(ls)) {
			ls = pyast.Arg(ls, 0) // lifespan=asynccontextmanager(fn)
		}
		if f := prodFuncNamed(m, scope, ls); f != nil {
			out[f] = "lifespan `" + f.Name + "`"
		}
		for _, ref := range pyast.Unparen(pyast.Kwarg(call, "on_startup")).NamedChildren() {
			if f := prodFuncNamed(m, scope, ref); f != nil {
				out[f] = "startup handler `" + f.Name + "`"
			}
		}
	}
	return out
}

// prodEventName returns the event of on_event(...)/add_event_handler(...).
func prodEventName(call *pyast.Node) string {
	ev, _ := pyast.StringValue(pyast.Arg(call, 0))
	if ev == "" {
		ev, _ = pyast.StringValue(pyast.Kwarg(call, "event_type"))
	}
	return ev
}

// prodIsAsyncContextManager reports whether a decorator is contextlib.asynccontextmanager.
func prodIsAsyncContextManager(m *analyzer.Module, d *pyast.Node) bool {
	return m.Resolve(d) == "contextlib.asynccontextmanager"
}

// prodLifespanCandidate reports whether f has a lifespan's shape: an
// @asynccontextmanager async def with exactly one parameter.
func prodLifespanCandidate(m *analyzer.Module, f *analyzer.Function) bool {
	if !f.Async || f.Class != nil || len(f.Params) != 1 || f.Params[0].Kind != analyzer.ParamNormal {
		return false
	}
	for _, d := range f.Decorators {
		if prodIsAsyncContextManager(m, d) {
			return true
		}
	}
	return false
}

// prodFuncNamed returns the function a name refers to from scope: a def
// nested in scope (or a function around it), else a module-level def.
func prodFuncNamed(m *analyzer.Module, scope *analyzer.Function, ref *pyast.Node) *analyzer.Function {
	ref = pyast.Unparen(ref)
	if !ref.Is("identifier") {
		return nil
	}
	for s := scope; s != nil; s = s.Outer {
		for _, f := range m.Functions {
			if f.Outer == s && f.Class == nil && f.Name == ref.Text() {
				return f
			}
		}
	}
	return m.Defs[ref.Text()]
}

// prodMetaDataCalls construct a SQLAlchemy MetaData.
var prodMetaDataCalls = map[string]bool{
	"sqlalchemy.MetaData": true, "sqlalchemy.schema.MetaData": true, "sqlalchemy.sql.schema.MetaData": true,
}

// prodCreateAllSite returns the node to report when attr is `<x>.metadata.create_all`
// (or `metadata.create_all` on a module-level MetaData()) called or passed as
// an argument, and nil otherwise.
func prodCreateAllSite(m *analyzer.Module, attr *pyast.Node) *pyast.Node {
	if attr.ChildByField("attribute").Text() != "create_all" {
		return nil
	}
	obj := pyast.Unparen(attr.ChildByField("object"))
	switch {
	case obj.Is("attribute") && obj.ChildByField("attribute").Text() == "metadata":
	case obj.Is("identifier"):
		v, ok := m.Vars[obj.Text()]
		if _, imported := m.Imports[obj.Text()]; !ok || imported || !prodMetaDataCalls[calledName(m, pyast.Unparen(v))] {
			return nil
		}
	default:
		return nil
	}
	p := attr.Up()
	if p.Is("call") && p.ChildByField("function") == attr {
		return p
	}
	for p.Is("parenthesized_expression", "keyword_argument") {
		p = p.Up()
	}
	if p.Is("argument_list") {
		return attr
	}
	return nil
}

func checkCreateAllAtStartup(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) || isScript(m) {
		return
	}
	var startup map[*analyzer.Function]string
	var importCalled map[*analyzer.Function]bool
	for _, attr := range m.Nodes("attribute") {
		site := prodCreateAllSite(m, attr)
		if site == nil || inMainBlock(site) {
			continue
		}
		what := "`" + attr.Text() + "()`"
		if site == attr {
			what = "`" + attr.Text() + "`"
		}
		fn := m.EnclosingFunction(site)
		if inTestFunction(fn) {
			continue
		}
		if fn == nil {
			if site.Ancestor("lambda", "class_definition") != nil {
				continue
			}
			pass.Report(site, "%s runs at import time: it creates missing tables but never migrates existing ones, so model "+
				"changes never reach the database; manage the schema with Alembic migrations (`alembic upgrade head` at deploy)", what)
			continue
		}
		if startup == nil {
			startup = prodStartupFunctions(m)
		}
		reported := false
		for f := fn; f != nil && !reported; f = f.Outer {
			if how, ok := startup[f]; ok {
				pass.Report(site, "%s runs at application startup (in %s): it creates missing tables but never migrates existing "+
					"ones, so model changes never reach the database; manage the schema with Alembic migrations "+
					"(`alembic upgrade head` at deploy)", what, how)
				reported = true
			}
		}
		if reported {
			continue
		}
		top := fn
		for top.Outer != nil {
			top = top.Outer
		}
		if importCalled == nil {
			importCalled = calledAtModuleLevel(m)
		}
		if importCalled[top] {
			msg := fmt.Sprintf("%s runs at import time (`%s()` is called at module level): it creates missing tables but "+
				"never migrates existing ones, so model changes never reach the database; manage the schema with Alembic "+
				"migrations (`alembic upgrade head` at deploy)", what, top.Name)
			if len(m.Routers) > 0 || len(m.Handlers) > 0 || len(m.Includes) > 0 {
				pass.Report(site, "%s", msg)
				continue
			}
			// Without an app of its own, the module may be a one-off script:
			// it is application code only when the application imports it.
			modulePath := m.Path
			pass.ReportWhen(site, func(p *analyzer.Project) string {
				if importedModulePaths(p)[modulePath] {
					return msg
				}
				return ""
			})
			continue
		}
		target := top.QualName
		if m.Name != "" {
			target = m.Name + "." + top.QualName
		}
		pass.ReportWhen(site, func(p *analyzer.Project) string {
			chain := prodStartupChain(p, target)
			if chain == "" {
				return ""
			}
			return fmt.Sprintf("%s runs at application startup (%s): it creates missing tables but never migrates existing "+
				"ones, so model changes never reach the database; manage the schema with Alembic migrations "+
				"(`alembic upgrade head` at deploy)", what, chain)
		})
	}
}

// prodStartupChain returns "lifespan `lifespan` → init_db" when the project
// function target is called, directly or transitively, from a startup or
// lifespan function; "" otherwise.
func prodStartupChain(p *analyzer.Project, target string) string {
	type node struct {
		f    *analyzer.FunctionFacts
		path []string
	}
	var queue []node
	appImports := prodAppModuleImports(p)
	for _, mf := range p.Files {
		if mf.IsTest {
			continue
		}
		for _, f := range mf.Functions {
			how := f.Tags[tagFA807Startup]
			if how == "" && f.Tags[tagFA807Lifespan] != "" && appImports[f.Name()] {
				how = f.Tags[tagFA807Lifespan]
			}
			if how != "" {
				queue = append(queue, node{f, []string{how}})
			}
		}
	}
	seen := map[string]bool{}
	for depth := 0; len(queue) > 0 && depth < 8; depth++ {
		var next []node
		for _, n := range queue {
			if seen[n.f.Name()] {
				continue
			}
			seen[n.f.Name()] = true
			if n.f.Name() == target {
				return strings.Join(n.path, " → ")
			}
			for _, c := range n.f.Calls {
				if g := p.Function(c.Callee); g != nil && !seen[g.Name()] {
					next = append(next, node{g, append(append([]string{}, n.path...), "`"+g.QualName+"`")})
				}
			}
		}
		queue = next
	}
	return ""
}

// prodAppModuleImports returns the canonical names imported by modules that
// build a FastAPI app (at module level or in a factory function).
func prodAppModuleImports(p *analyzer.Project) map[string]bool {
	out := map[string]bool{}
	for _, mf := range p.Files {
		if mf.IsTest || !prodBuildsAppFacts(mf) {
			continue
		}
		for _, q := range mf.Imports {
			out[p.Canonical(q)] = true
		}
	}
	return out
}

// prodBuildsAppFacts reports whether a module builds a FastAPI app.
func prodBuildsAppFacts(mf *analyzer.ModuleFacts) bool {
	for _, r := range mf.Routers {
		if r.IsApp {
			return true
		}
	}
	for _, f := range mf.Functions {
		for _, c := range f.Calls {
			if c.Callee == "fastapi.FastAPI" {
				return true
			}
		}
	}
	return false
}

// calledAtModuleLevel lists the module's top-level functions that its
// module-level code calls (outside the __main__ block): they run on import.
func calledAtModuleLevel(m *analyzer.Module) map[*analyzer.Function]bool {
	own := map[string]*analyzer.Function{}
	for _, f := range m.Functions {
		if f.Outer == nil && f.Class == nil {
			own[m.Name+"."+f.Name] = f
		}
	}
	out := map[*analyzer.Function]bool{}
	for _, call := range m.Nodes("call") {
		if m.EnclosingFunction(call) != nil || inMainBlock(call) || call.Ancestor("lambda", "class_definition") != nil {
			continue
		}
		if f := own[calledName(m, call)]; f != nil {
			out[f] = true
		}
	}
	return out
}
