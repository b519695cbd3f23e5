package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA303 = register(&analyzer.Rule{
	Code: "FA303", Name: "unbounded-list-query", Principle: analyzer.PrinciplePerformance, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "A GET handler returns every row of a table: the query has no limit and the route takes no pagination parameter.",
	Doc: analyzer.Doc{
		What: "Reports, in a GET path operation, a query whose rows are all loaded and returned — `db.query(User).all()`, " +
			"`(await session.execute(select(User))).scalars().all()`, `session.exec(select(User)).all()`, `list(session.scalars(...))`, " +
			"directly or through a variable, as the response or inside it (`{\"items\": users}`, `[UserOut.from_orm(u) for u in users]`) — " +
			"when the query selects every row of an ORM model: no `.limit()`/`.slice()`/`.offset()`/`.fetch()` and no criteria " +
			"(`.filter()`, `.filter_by()`, `.where()`). Handlers that take a pagination parameter (`limit`, `offset`, `skip`, `page`, " +
			"`size`, `per_page`, `cursor`, ..., also through a dependency such as `Params = Depends()`) or return a `Page[...]` are " +
			"left alone.",
		Why: "A list endpoint without a bound returns more the bigger the table gets: response time, memory and database load grow " +
			"without limit, and one request (or a crawler) can ask for the whole table. What works with 50 rows in development times " +
			"out with 500,000 in production, and adding pagination later breaks every client.",
		Example: "@router.get(\"/users\", response_model=list[UserOut])\ndef list_users(db: Session = Depends(get_db)):\n" +
			"    return db.query(User).all()\n",
		UseInstead: "@router.get(\"/users\", response_model=list[UserOut])\ndef list_users(\n    db: Session = Depends(get_db),\n" +
			"    skip: int = 0,\n    limit: Annotated[int, Query(le=100)] = 20,\n):\n" +
			"    return db.query(User).order_by(User.id).offset(skip).limit(limit).all()\n",
		Limits: "Queries with criteria are not reported, even when the criteria select many rows (`.filter(Item.owner_id == user.id)`); " +
			"lookup tables that are small by nature (countries, roles) are reported like any other table. Rows loaded by helper " +
			"functions, or built into the response by code the analysis does not follow, are not reported.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/sql-databases/#read-heroes",
			"https://uriyyo-fastapi-pagination.netlify.app/",
		},
	},
	CheckModule: checkUnboundedListQuery,
})

// fa303PageWords are parameter-name words that mean the handler pages.
var fa303PageWords = []string{
	"limit", "offset", "skip", "page", "pages", "size", "cursor", "pagination", "paginate", "paginator", "paging",
	"take", "after", "before", "top", "count", "max", "first", "last", "start", "end",
}

func checkUnboundedListQuery(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, fn := range m.Functions {
		h := fn.Handler
		if h == nil || !fa303IsGet(h) || fa303Pages(m, fn) {
			continue
		}
		done := map[*pyast.Node]bool{}
		fa211Returns(fn, func(ret *pyast.Node) {
			fa303Walk(ret, func(n *pyast.Node) {
				source := n
				if n.Is("identifier") {
					asg := lastAssignment(fn, n)
					if asg == nil {
						return
					}
					source = asg.ChildByField("right")
				}
				v := queryValueOf(pass, fn, source, 0)
				if done[source] {
					return
				}
				if v.state != qList {
					fa303ViaHelper(pass, fn, source, func() { done[source] = true })
					return
				}
				if v.model == "" || v.limited || v.filtered {
					return
				}
				done[source] = true
				facts, label := v.facts(), fn.Name
				text := fa302Short(pyast.Unparen(source).Text())
				pass.ReportWhen(source, func(p *analyzer.Project) string {
					c := p.Class(facts.model)
					if c == nil || !p.IsORMModel(c.Name) || !facts.isDB(p) {
						return ""
					}
					model := analyzer.LastPart(c.Name)
					return fmt.Sprintf("GET handler %s returns every `%s` row (`%s`) with no limit, so the response grows with the table; take `limit`/`offset` (or cursor) parameters with an upper bound and apply `.limit(...)` to the query",
						label, model, text)
				})
			})
		})
	}
}

// fa303UnboundedTag marks a project function that returns every row of a
// model: "<model>|<query text>".
const fa303UnboundedTag = "query.unbounded-list"

var _ = registerCollector(func(pass *analyzer.Pass) {
	m := pass.Module
	for _, fn := range m.Functions {
		if fn.Handler != nil || fa303Pages(m, fn) {
			continue
		}
		fa211Returns(fn, func(ret *pyast.Node) {
			v := queryValueOf(pass, fn, ret, 0)
			if v.state == qList && v.model != "" && !v.limited && !v.filtered {
				pass.Tag(fn, fa303UnboundedTag, v.model+"|"+fa302Short(pyast.Unparen(ret).Text()))
			}
		})
	}
})

// fa303ViaHelper reports a returned call of a project function that returns
// every row of a model (one level deep).
func fa303ViaHelper(pass *analyzer.Pass, fn *analyzer.Function, n *pyast.Node, mark func()) {
	m := pass.Module
	call := pyast.Unparen(n)
	if call.Is("await") {
		call = pyast.Unparen(call.NamedChild(0))
	}
	if !call.Is("call") {
		return
	}
	q := m.CalleeName(fn, call)
	if q == "" || !m.IsProjectSymbol(q) && !strings.HasPrefix(q, m.Name+".") {
		return
	}
	mark()
	label, helper := fn.Name, analyzer.LastPart(q)
	pass.ReportWhen(call, func(p *analyzer.Project) string {
		f := p.Function(q)
		if f == nil || f.Tags[fa303UnboundedTag] == "" {
			return ""
		}
		model, text, _ := strings.Cut(f.Tags[fa303UnboundedTag], "|")
		c := p.Class(model)
		if c == nil {
			c = p.Class(p.Canonical(model))
		}
		if c == nil || !p.IsORMModel(c.Name) {
			return ""
		}
		return fmt.Sprintf("GET handler %s returns every `%s` row through `%s()` (`%s`) with no limit, so the response grows with the table; take `limit`/`offset` (or cursor) parameters with an upper bound and pass them down to a `.limit(...)` on the query",
			label, analyzer.LastPart(c.Name), helper, text)
	})
}

func fa303IsGet(h *analyzer.Handler) bool {
	for _, meth := range h.Methods {
		if meth == "GET" {
			return true
		}
	}
	return false
}

// fa303Pages reports whether the handler takes a pagination parameter or
// returns a page type.
func fa303Pages(m *analyzer.Module, fn *analyzer.Function) bool {
	for _, p := range fn.Params {
		words := fa211Words(p.Name)
		for _, w := range words {
			for _, pw := range fa303PageWords {
				if w == pw {
					return true
				}
			}
		}
		ann := strings.ToLower(p.Annotation.Text())
		if strings.Contains(ann, "page") || strings.Contains(ann, "paginat") || strings.Contains(ann, "params") {
			return true
		}
		if p.Depends != nil {
			t := strings.ToLower(p.Depends.Target)
			if strings.Contains(t, "page") || strings.Contains(t, "paginat") {
				return true
			}
		}
	}
	types := []*pyast.Node{fn.Returns}
	if fn.Handler != nil {
		types = append(types, fn.Handler.Kwarg("response_model"))
	}
	for _, t := range types {
		text := strings.ToLower(t.Text())
		if strings.Contains(text, "page") || strings.Contains(text, "paginat") {
			return true
		}
	}
	return false
}

// fa303Walk visits the expressions of a returned value that may carry a
// query's rows into the response: the value itself, items of literals,
// comprehension iterables, arguments of calls (serialisers, responses) —
// but not arguments of reducers such as len() or sum().
func fa303Walk(v *pyast.Node, visit func(*pyast.Node)) {
	v = pyast.Unparen(v)
	switch v.Type() {
	case "identifier", "call":
		visit(v)
	}
	switch v.Type() {
	case "dictionary":
		for _, pair := range v.NamedChildren() {
			fa303Walk(pair.ChildByField("value"), visit)
		}
	case "list", "tuple", "set", "expression_list":
		for _, c := range v.NamedChildren() {
			fa303Walk(c, visit)
		}
	case "list_comprehension", "set_comprehension", "generator_expression", "dictionary_comprehension":
		if clause := v.FirstChildOfKind("for_in_clause"); clause != nil {
			fa303Walk(clause.ChildByField("right"), visit)
		}
	case "call":
		switch analyzer.LastPart(pyast.DottedName(pyast.Callee(v))) {
		case "len", "sum", "min", "max", "any", "all", "bool", "next", "count":
			return
		}
		for _, a := range v.ChildByField("arguments").NamedChildren() {
			if a.Is("keyword_argument") {
				a = a.ChildByField("value")
			}
			fa303Walk(a, visit)
		}
	case "await":
		fa303Walk(v.NamedChild(0), visit)
	}
}
