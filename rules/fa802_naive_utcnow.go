package rules

import (
	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// naiveUTC maps the deprecated naive-UTC constructors to their aware replacement.
var naiveUTC = map[string]struct{ name, call, ref string }{
	"datetime.datetime.utcnow": {"datetime.utcnow", "datetime.now(timezone.utc)", "lambda: datetime.now(timezone.utc)"},
	"datetime.datetime.utcfromtimestamp": {"datetime.utcfromtimestamp", "datetime.fromtimestamp(ts, tz=timezone.utc)",
		"lambda ts: datetime.fromtimestamp(ts, tz=timezone.utc)"},
}

var FA802 = register(&analyzer.Rule{
	Code: "FA802", Name: "naive-utcnow", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityWarning,
	Precision: "very-high", Since: "0.1.0",
	Summary: "`datetime.utcnow()`/`utcfromtimestamp()` return naive datetimes and are deprecated since Python 3.12.",
	Doc: analyzer.Doc{
		What: "Reports calls of `datetime.utcnow()` and `datetime.utcfromtimestamp(...)`, and references to them that are called " +
			"later, such as column and field defaults (`Column(DateTime, default=datetime.utcnow)`, " +
			"`Field(default_factory=datetime.utcnow)`). The names are resolved through imports: `from datetime import datetime` " +
			"and `import datetime` (`datetime.datetime.utcnow`), with any alias.",
		Why: "Both return a naive `datetime` (no `tzinfo`) that holds UTC wall-clock time. Python treats naive datetimes as local " +
			"time: `.timestamp()`, `.astimezone()` and comparisons with aware datetimes silently give wrong results (or raise), " +
			"the API serialises them without an offset so clients read them as their own local time, and mixing them with aware " +
			"values from the database driver breaks comparisons. Python 3.12 deprecates both functions for this reason.",
		Example: "from datetime import datetime\n\nclass Order(Base):\n    created_at = Column(DateTime, default=datetime.utcnow)\n\n" +
			"def is_expired(token):\n    return token.expires_at < datetime.utcnow()\n",
		UseInstead: "from datetime import datetime, timezone\n\nclass Order(Base):\n    created_at = Column(DateTime(timezone=True), " +
			"default=lambda: datetime.now(timezone.utc))\n\ndef is_expired(token):\n    return token.expires_at < datetime.now(timezone.utc)\n",
		Limits: "Only the standard library `datetime` class is reported: `arrow.utcnow()`, `pendulum`, `pandas.Timestamp.utcnow()` and " +
			"methods of project classes named `utcnow` are other functions and stay silent. A value that merely holds the function " +
			"(`now = datetime.utcnow` then `now()`) is reported once, where the function is named. Test code is reported too: " +
			"the deprecation and the naive values apply there as well.",
		References: []string{
			"https://docs.python.org/3/library/datetime.html#datetime.datetime.utcnow",
			"https://docs.python.org/3/whatsnew/3.12.html#deprecated",
			"https://docs.astral.sh/ruff/rules/call-datetime-utcnow/",
		},
	},
	CheckModule: checkNaiveUTCNow,
})

func checkNaiveUTCNow(pass *analyzer.Pass) {
	m := pass.Module
	for _, attr := range m.Nodes("attribute") {
		fix, ok := naiveUTC[m.Resolve(attr)]
		if !ok {
			continue
		}
		base := attr
		for base.Is("attribute") {
			base = pyast.Unparen(base.ChildByField("object"))
		}
		if fn := m.EnclosingFunction(attr); fn != nil && locallyBound(fn, base.Text()) {
			continue // a local variable shadows the datetime import
		}
		if call := attr.Up(); call.Is("call") && call.ChildByField("function") == attr {
			pass.Report(call, "`%s()` returns a naive datetime and is deprecated since Python 3.12; use `%s`",
				fix.name, fix.call)
			continue
		}
		pass.Report(attr, "`%s` produces naive datetimes and is deprecated since Python 3.12; pass `%s` instead",
			fix.name, fix.ref)
	}
}
