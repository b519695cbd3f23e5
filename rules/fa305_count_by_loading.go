package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA305 = register(&analyzer.Rule{
	Code: "FA305", Name: "count-by-loading", Principle: analyzer.PrinciplePerformance, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "Rows are loaded from the database only to be counted with `len(...)`.",
	Doc: analyzer.Doc{
		What: "Reports `len(...)` of the rows of a SQLAlchemy/SQLModel query — `len(db.query(User).all())`, " +
			"`len((await session.execute(select(User))).scalars().all())`, `len(session.exec(select(User)).all())`, `len(list(session.scalars(...)))` — " +
			"and `len(rows)` when `rows` was assigned such a list and is used for nothing but `len(...)`. The query must be on an ORM model " +
			"of the project or run by a session whose type is known. Queries bounded with `.limit(...)`/`.slice(...)`/`.offset(...)` are left alone.",
		Why: "The database sends every matching row, SQLAlchemy builds an object (and fills the identity map) for each, and Python then " +
			"throws them away after counting. The cost grows with the table — memory, network and ORM overhead for rows nobody reads — " +
			"where `SELECT count(*)` returns one integer.",
		Example: "@router.get(\"/stats\")\nasync def stats(db: AsyncSession = Depends(get_db)):\n" +
			"    users = (await db.execute(select(User))).scalars().all()\n    return {\"users\": len(users)}\n",
		UseInstead: "@router.get(\"/stats\")\nasync def stats(db: AsyncSession = Depends(get_db)):\n" +
			"    count = await db.scalar(select(func.count()).select_from(User))\n    return {\"users\": count}\n\n" +
			"# legacy Query API\ncount = db.query(User).filter(User.active).count()\n",
		Limits: "A list used for anything besides `len(...)` (iterated, returned) is not reported: the rows are needed anyway. Lists " +
			"assigned more than once, or built by helper functions, are not followed. Test code (test files, `test_*` functions) is skipped.",
		References: []string{
			"https://docs.sqlalchemy.org/en/20/core/functions.html#sqlalchemy.sql.functions.count",
			"https://docs.sqlalchemy.org/en/20/orm/queryguide/query.html#sqlalchemy.orm.Query.count",
		},
	},
	CheckModule: checkCountByLoading,
})

func checkCountByLoading(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, call := range m.Nodes("call") {
		if calledName(m, call) != "builtins.len" || pyast.Arg(call, 1) != nil || fa306InTest(m, call) {
			continue
		}
		arg := pyast.Unparen(pyast.Arg(call, 0))
		fn := m.EnclosingFunction(call)
		if arg == nil || fn == nil {
			continue
		}
		source := arg
		if arg.Is("identifier") {
			asg := lastAssignment(fn, arg)
			if asg == nil || !fa305OnlyCounted(m, fn, arg.Text(), asg) {
				continue
			}
			source = asg.ChildByField("right")
		}
		v := queryValueOf(pass, fn, source, 0)
		if v.state != qList || v.limited {
			continue
		}
		facts, text, label, exists := v.facts(), fa302Short(call.Text()), funcLabel(fn), fa305ExistenceTest(call)
		pass.ReportWhen(call, func(p *analyzer.Project) string {
			if !facts.isDB(p) {
				return ""
			}
			hint := "`select(func.count()).select_from(...)` with the same filters"
			if facts.model != "" {
				hint = fmt.Sprintf("`select(func.count()).select_from(%s)` with the same filters", analyzer.LastPart(facts.model))
			}
			if exists {
				return fmt.Sprintf("`%s` in %s loads all matching %s only to test whether there is one; ask the database with `select(exists().where(...))` or fetch `.first()` / `.limit(1)`",
					text, label, facts.label())
			}
			return fmt.Sprintf("`%s` in %s loads all matching %s just to count them; count in the database with %s (or `query.count()`)",
				text, label, facts.label(), hint)
		})
	}
}

// fa305ExistenceTest reports whether len(...) only tests for emptiness:
// compared with 0 (`> 0`, `== 0`, `>= 1`, `!= 0`) or used as a condition.
func fa305ExistenceTest(call *pyast.Node) bool {
	top := call
	for top.Up().Is("parenthesized_expression") {
		top = top.Up()
	}
	p := top.Up()
	switch {
	case p.Is("if_statement", "elif_clause", "while_statement") && p.ChildByField("condition") == top,
		p.Is("not_operator"), p.Is("boolean_operator"):
		return true
	case p.Is("comparison_operator"):
		for _, c := range p.NamedChildren() {
			if c == top || c.Field == "operators" {
				continue
			}
			if v, ok := pyast.IntValue(c); ok && (v == 0 || v == 1 && strings.Contains(p.Text(), ">=")) {
				return true
			}
		}
	}
	return false
}

// fa305OnlyCounted reports whether every reference to name in fn, besides
// the assignment asg, is the argument of len(...), and asg is its only
// binding.
func fa305OnlyCounted(m *analyzer.Module, fn *analyzer.Function, name string, asg *pyast.Node) bool {
	if bs := m.Bindings(fn)[name]; len(bs) != 1 || bs[0].Node != asg {
		return false
	}
	ok := true
	walkBodyNoNested(fn, func(n *pyast.Node) {
		if !ok || !n.Is("identifier") || n.Text() != name || n == asg.ChildByField("left") {
			return
		}
		p := n.Up()
		if p.Is("attribute") && p.ChildByField("attribute") == n || p.Is("keyword_argument") && p.ChildByField("name") == n {
			return // `obj.name`, `f(name=...)`: not the variable
		}
		args := p
		if !args.Is("argument_list") || !args.Up().Is("call") || calledName(m, args.Up()) != "builtins.len" {
			ok = false
		}
	})
	return ok
}
