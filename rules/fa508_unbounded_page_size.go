package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA508 = register(&analyzer.Rule{
	Code: "FA508", Name: "unbounded-page-size", Principle: analyzer.PrincipleTypes, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A `limit`/`size`/`page_size`/`per_page`/`count` query parameter typed `int` with no upper bound: one request can ask for every row.",
	Doc: analyzer.Doc{
		What: "Reports a query parameter named `limit`, `size`, `page_size`, `per_page` or `count` (also `pagesize`, `pageSize`, " +
			"`perPage`) typed `int` (or `Optional[int]`, `conint(...)`) that has no upper bound: no `le=`/`lt=` on its `Query(...)`, " +
			"`Field(...)`, `Path(...)` or `conint(...)`, no `annotated_types.Le`/`Lt`/`Interval` in its `Annotated[...]`, and no clamp " +
			"in the function body (`min(limit, 100)`, `if limit > 100: ...`). Path operations are checked, and so are the dependency " +
			"functions and classes (`__init__`) that a route of the project uses, wherever they are defined.",
		Why: "Pagination parameters are the client's to choose. Without a cap, `?limit=10000000` makes the database read, the " +
			"worker serialise and the network carry the whole table in one request: an easy denial of service and a bulk data " +
			"export for anyone who can call the endpoint (OWASP API4:2023, unrestricted resource consumption).",
		Example: "@router.get(\"/items\")\nasync def list_items(db: DBSession, skip: int = 0, limit: int = 100):\n" +
			"    return (await db.scalars(select(Item).offset(skip).limit(limit))).all()\n",
		UseInstead: "@router.get(\"/items\")\nasync def list_items(\n    db: DBSession,\n    skip: Annotated[int, Query(ge=0)] = 0,\n" +
			"    limit: Annotated[int, Query(ge=1, le=100)] = 20,\n):\n    return (await db.scalars(select(Item).offset(skip).limit(limit))).all()\n",
		Limits: "A clamp done in a helper the parameter is passed to, or a bound set through a variable holding `Query(...)`, is not " +
			"seen, and the parameter is reported. Fields of a Pydantic model used as query parameters are not checked. Annotated " +
			"aliases imported from another module (`PageSize = Annotated[int, Query(le=100)]`) are taken as bounded.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/query-params-str-validations/#number-validations-greater-than-and-less-than-or-equal",
			"https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/",
		},
	},
	CheckModule: checkUnboundedPageSize,
})

// fa508Names are the parameter names that size a page.
var fa508Names = map[string]bool{
	"limit": true, "size": true, "page_size": true, "per_page": true, "count": true,
	"pagesize": true, "pageSize": true, "perPage": true,
}

func checkUnboundedPageSize(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, fn := range m.Functions {
		routes := routesOf(m, fn)
		isDep := len(routes) == 0 && (fn.Class == nil && fn.Outer == nil || fn.Name == "__init__" && fn.Class != nil)
		if len(routes) == 0 && !isDep {
			continue
		}
		pathNames := map[string]bool{}
		for _, r := range routes {
			for _, name := range pathParams(r.Path) {
				pathNames[name] = true
			}
		}
		for _, fp := range classifyParams(m, fn, pathNames) {
			p := fp.P
			if fp.Skip || !fa508Names[p.Name] || fp.Source != srcQuery || !fa508IsInt(m, p) || fa508Bounded(m, fn, fp) {
				continue
			}
			kind, name := "query parameter", fn.Name
			if fn.Name == "__init__" {
				name = fn.Class.Name
			}
			msg := fmt.Sprintf("%s `%s` of %s is an int with no upper bound, so one request can ask for every row; cap it, e.g. `%s: Annotated[int, Query(ge=1, le=100)] = 20`",
				kind, p.Name, name, p.Name)
			if !isDep {
				pass.Report(p.Node, "%s", msg)
				continue
			}
			dep := qualify(m.Name, fn.QualName)
			if fn.Name == "__init__" {
				dep = analyzer.ModuleOf(dep)
			}
			pass.ReportWhen(p.Node, func(pr *analyzer.Project) string {
				if fa508UsedAsDependency(pr, dep) {
					return msg
				}
				return ""
			})
		}
	}
}

// fa508IsInt reports whether a parameter is typed int (Optional[int],
// int | None, conint(...)).
func fa508IsInt(m *analyzer.Module, p *analyzer.Param) bool {
	t := unwrapTypeNode(p.Annotation)
	if call := t; call.Is("call") {
		return calledName(m, call) == "pydantic.conint"
	}
	members := unionMembers(m, t)
	if members == nil {
		members = []*pyast.Node{t}
	}
	ints := 0
	for _, mem := range members {
		mem = unwrapTypeNode(mem)
		switch {
		case mem.Is("none"):
		case m.Resolve(mem) == "builtins.int":
			ints++
		case mem.Is("call") && calledName(m, mem) == "pydantic.conint":
			ints++
		default:
			return false
		}
	}
	return ints > 0
}

// fa508Bounded reports whether the parameter has an upper bound: le/lt on
// a marker, Field, conint or annotated_types metadata, or a clamp in the
// function body.
func fa508Bounded(m *analyzer.Module, fn *analyzer.Function, fp *fastParam) bool {
	p := fp.P
	hasUpper := func(call *pyast.Node) bool {
		call = pyast.Unparen(call)
		if !call.Is("call") {
			return false
		}
		if pyast.Kwarg(call, "le") != nil || pyast.Kwarg(call, "lt") != nil {
			return true
		}
		switch calledName(m, call) {
		case "annotated_types.Le", "annotated_types.Lt":
			return true
		}
		return false
	}
	nodes := append([]*pyast.Node{p.Default, p.Annotation}, p.Metadata...)
	for _, n := range nodes {
		if hasUpper(n) {
			return true
		}
		for _, mem := range unionMembers(m, n) {
			if hasUpper(unwrapTypeNode(mem)) {
				return true
			}
		}
	}
	if p.Alias != "" {
		return true // an Annotated alias of another module: its metadata is not known here
	}
	return fa508Clamped(fn, p.Name)
}

// fa508Clamped reports whether fn's body caps name: min(name, N) or a
// comparison `name > N` / `N < name` (with >=, <=).
func fa508Clamped(fn *analyzer.Function, name string) bool {
	found := false
	fn.Body().Walk(func(n *pyast.Node) bool {
		if found {
			return false
		}
		switch n.Kind {
		case "call":
			if pyast.Callee(n).Text() == "min" {
				for _, a := range n.ChildByField("arguments").NamedChildren() {
					if pyast.Unparen(a).Is("identifier") && a.Text() == name {
						found = true
					}
				}
			}
		case "comparison_operator":
			kids := n.Children
			for i := 1; i+1 < len(kids); i++ {
				op := kids[i].Text()
				left, right := pyast.Unparen(kids[i-1]), pyast.Unparen(kids[i+1])
				if (op == ">" || op == ">=") && left.Is("identifier") && left.Text() == name ||
					(op == "<" || op == "<=") && right.Is("identifier") && right.Text() == name {
					found = true
				}
			}
		}
		return true
	})
	return found
}

// fa508UsedAsDependency reports whether a project function (or class) is in
// the dependency closure of some route.
func fa508UsedAsDependency(p *analyzer.Project, dep string) bool {
	used := p.Memo("fa508.used", func() any {
		used := map[string]bool{}
		for _, r := range p.Routes() {
			var extra []string
			for _, d := range r.Deps {
				extra = append(extra, d.Target)
			}
			for d := range dependencyClosure(p, r.Handler.Func, extra) {
				used[d] = true
			}
		}
		return used
	}).(map[string]bool)
	return used[p.Canonical(dep)]
}
