package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA504 = register(&analyzer.Rule{
	Code: "FA504", Name: "redundant-response-model", Principle: analyzer.PrincipleTypes, Severity: analyzer.SeverityNote,
	Precision: "very-high", Since: "0.1.0",
	Summary: "`response_model=X` repeats the handler's return annotation `-> X`.",
	Doc: analyzer.Doc{
		What: "Reports the `response_model=` argument of a route decorator when it names the same type as the handler's return " +
			"annotation: the same class (through imports and module aliases: `schemas.Item` and `Item` imported from `schemas` " +
			"are the same), the same generic with the same arguments (`list[Item]`, `Dict[str, Item]`), the same union or `Optional`. " +
			"Same intent as ruff's FAST001, which it extends to attribute references (`schemas.Item`), `api_route`, routers imported " +
			"from other modules and routes declared inside app factories.",
		Why: "FastAPI takes the response model from the return annotation. Saying it twice is noise that drifts: the day one of " +
			"them changes, a reader has to guess which one FastAPI uses (the decorator wins) and a type checker only sees the other.",
		Example:    "@router.get(\"/items/{item_id}\", response_model=Item)\nasync def read_item(item_id: int) -> Item:\n    ...\n",
		UseInstead: "@router.get(\"/items/{item_id}\")\nasync def read_item(item_id: int) -> Item:\n    ...\n",
		Limits: "Modules with `from __future__ import annotations` are not checked (FastAPI evaluates the annotation late, so " +
			"`response_model=` may be what keeps a `TYPE_CHECKING` import working), and `response_model=None` is taken as deliberate. " +
			"`List[X]` and `list[X]` (or `Optional[X]` and `X | None`) are different spellings and are not taken as the same type. " +
			"Names that cannot be resolved (undefined, star imports) are never taken as the same type.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/response-model/",
			"https://docs.astral.sh/ruff/rules/fast-api-redundant-response-model/",
		},
	},
	CheckModule: checkRedundantResponseModel,
})

func checkRedundantResponseModel(pass *analyzer.Pass) {
	m := pass.Module
	for _, st := range m.Nodes("future_import_statement") {
		if strings.Contains(st.Text(), "annotations") {
			// Deferred annotations: FastAPI evaluates `-> X` late (and fails on
			// names imported under TYPE_CHECKING), while response_model= is
			// evaluated at once; ruff's FAST001 is silent there too.
			return
		}
	}
	for _, fn := range m.Functions {
		ret := fn.Node.ChildByField("return_type")
		if ret == nil {
			continue
		}
		for _, r := range routesOf(m, fn) {
			kw := fa504Keyword(r.Decorator, "response_model")
			if kw == nil {
				continue
			}
			if fa504Same(m, kw.ChildByField("value"), ret, 0) {
				pass.Report(kw, "`response_model=%s` repeats the return annotation of %s; remove the argument, FastAPI reads the response model from `-> %s`",
					kw.ChildByField("value").Text(), fn.Name, unwrapTypeNode(ret).Text())
			}
		}
	}
}

// fa504Keyword returns the keyword_argument node of a call.
func fa504Keyword(call *pyast.Node, name string) *pyast.Node {
	for _, c := range call.ChildByField("arguments").NamedChildren() {
		if c.Is("keyword_argument") && c.ChildByField("name").Text() == name {
			return c
		}
	}
	return nil
}

// fa504Same reports whether two type expressions denote the same type, one
// written as a value (the decorator argument) and one as an annotation.
func fa504Same(m *analyzer.Module, a, b *pyast.Node, depth int) bool {
	a, b = unwrapTypeNode(a), unwrapTypeNode(b)
	if a == nil || b == nil || depth > 8 {
		return false
	}
	switch {
	case a.Is("identifier", "attribute") && b.Is("identifier", "attribute"):
		qa, qb := m.Resolve(a), m.Resolve(b)
		if qa == "" || qb == "" {
			return false
		}
		return qa == qb
	case a.Is("none") && b.Is("none"):
		return depth > 0 // `X | None`; a bare response_model=None is deliberate
	case a.Is("string") && b.Is("string"):
		sa, okA := pyast.StringValue(a)
		sb, okB := pyast.StringValue(b)
		return okA && okB && sa == sb
	case a.Is("binary_operator") && b.Is("binary_operator"):
		return a.ChildByField("operator").Text() == "|" && b.ChildByField("operator").Text() == "|" &&
			fa504Same(m, a.ChildByField("left"), b.ChildByField("left"), depth+1) &&
			fa504Same(m, a.ChildByField("right"), b.ChildByField("right"), depth+1)
	}
	ha, argsA := typeParts(a)
	hb, argsB := typeParts(b)
	if len(argsA) == 0 || len(argsA) != len(argsB) || ha == a || hb == b {
		return false
	}
	if !fa504Same(m, ha, hb, depth+1) {
		return false
	}
	for i := range argsA {
		if !fa504Same(m, argsA[i], argsB[i], depth+1) {
			return false
		}
	}
	return true
}
