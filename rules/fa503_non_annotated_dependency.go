package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA503 = register(&analyzer.Rule{
	Code: "FA503", Name: "non-annotated-dependency", Principle: analyzer.PrincipleTypes, Severity: analyzer.SeverityNote,
	Precision: "very-high", Since: "0.1.0",
	Summary: "A path operation parameter declares `Depends(...)`, `Query(...)`, `Header(...)` & co. as its default value instead of in `Annotated[...]`.",
	Doc: analyzer.Doc{
		What: "Reports a parameter of a path operation (`@app.get`, `@router.post`, `api_route`, `websocket`, on an app or router of " +
			"this module, imported from another module, or built inside an app factory) that has a type annotation and whose default " +
			"value is a FastAPI marker: `Depends`, `Security`, `Query`, `Path`, `Body`, `Cookie`, `Header`, `File` or `Form` " +
			"(also imported from `fastapi.params`). Same intent as ruff's FAST002, which it extends to `api_route`, websocket routes, " +
			"routers imported from other modules or bound by chained assignments, and `fastapi.params` markers.",
		Why: "With the marker as the default value, the function's signature lies: `user: User = Depends(get_user)` says `user` is " +
			"optional and defaults to a `Depends` object, so calling the function outside FastAPI (a test, a script, another " +
			"function) silently passes that object around, and type checkers cannot tell the parameter is required. " +
			"`Annotated[User, Depends(get_user)]` keeps the marker in the type, lets the function be reused as a plain function, " +
			"and lets a dependency be declared once (`CurrentUser = Annotated[User, Depends(get_user)]`) and reused everywhere. " +
			"FastAPI recommends `Annotated` since 0.95.",
		Example: "@router.get(\"/items\")\nasync def list_items(\n    db: Session = Depends(get_db),\n    q: str | None = Query(None, max_length=50),\n):\n    ...\n",
		UseInstead: "@router.get(\"/items\")\nasync def list_items(\n    db: Annotated[Session, Depends(get_db)],\n" +
			"    q: Annotated[str | None, Query(max_length=50)] = None,\n):\n    ...\n",
		Limits: "Parameters without a type annotation are not reported (as in ruff: `Annotated` needs the type). Dependency functions " +
			"that are not path operations are not reported.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/dependencies/#share-annotated-dependencies",
			"https://fastapi.tiangolo.com/release-notes/#0950",
			"https://docs.astral.sh/ruff/rules/fast-api-non-annotated-dependency/",
		},
	},
	CheckModule: checkNonAnnotatedDependency,
})

func checkNonAnnotatedDependency(pass *analyzer.Pass) {
	m := pass.Module
	for _, fn := range m.Functions {
		if len(routesOf(m, fn)) == 0 {
			continue
		}
		for _, p := range fn.Params {
			if p.Annotation == nil || p.Default == nil || p.Kind == analyzer.ParamVarArgs || p.Kind == analyzer.ParamKwArgs {
				continue
			}
			call := pyast.Unparen(p.Default)
			if !call.Is("call") {
				continue
			}
			q := calledName(m, call)
			if paramMarkers[q] == "" {
				continue
			}
			marker := analyzer.LastPart(q)
			ann := p.Node.ChildByField("type").Text()
			var fix string
			switch marker {
			case "Depends", "Security":
				fix = fmt.Sprintf("`%s: Annotated[%s, %s]`", p.Name, ann, call.Text())
			default:
				fix = fmt.Sprintf("`%s: Annotated[%s, %s(...)]` and give the default after `=`", p.Name, ann, marker)
			}
			pass.Report(p.Node, "parameter `%s` of %s declares %s() as its default value instead of in the annotation; write %s",
				p.Name, fn.Name, marker, fix)
		}
	}
}
