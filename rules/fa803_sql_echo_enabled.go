package rules

import (
	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// prodEngineFactories are the SQLAlchemy/SQLModel engine constructors.
var prodEngineFactories = map[string]bool{
	"sqlalchemy.create_engine":                          true,
	"sqlalchemy.engine.create_engine":                   true,
	"sqlalchemy.engine.create.create_engine":            true,
	"sqlmodel.create_engine":                            true,
	"sqlalchemy.ext.asyncio.create_async_engine":        true,
	"sqlalchemy.ext.asyncio.engine.create_async_engine": true,
}

var FA803 = register(&analyzer.Rule{
	Code: "FA803", Name: "sql-echo-enabled", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityWarning,
	Precision: "very-high", Since: "0.1.0",
	Summary: "`create_engine(..., echo=True)` logs every SQL statement and its parameters.",
	Doc: analyzer.Doc{
		What: "Reports `echo=True` (and `echo=\"debug\"`) passed to SQLAlchemy's `create_engine`/`create_async_engine` or SQLModel's " +
			"`create_engine`, resolved through imports, in application code.",
		Why: "With `echo=True` the engine logs every statement it runs with its bound parameters (`\"debug\"` adds every result row). " +
			"In production that floods the logs, costs I/O and money on every query, and writes personal data, password hashes and " +
			"tokens that travel as query parameters into the log pipeline, where they are kept and widely readable.",
		Example: "engine = create_engine(settings.database_url, echo=True)\n",
		UseInstead: "engine = create_engine(settings.database_url, echo=settings.sql_echo)  # off unless configured\n\n" +
			"# or configure the \"sqlalchemy.engine\" logger in your logging config when you need it\n",
		Limits: "Only the literal values `True` and `\"debug\"` are reported: `echo=settings.DEBUG`, `echo=os.getenv(...) == \"1\"` or a " +
			"module constant are configuration and stay silent, even if the configured value is on; so is a literal under a " +
			"development flag (`if settings.DEBUG:` or `... if settings.debug else ...`, see FA804). Silent in test code " +
			"(test files and modules importing `pytest`/`TestClient`, see FA806), in `if __name__ == \"__main__\":` blocks and in scripts (see FA806 for what counts as a script).",
		References: []string{
			"https://docs.sqlalchemy.org/en/20/core/engines.html#sqlalchemy.create_engine.params.echo",
			"https://docs.sqlalchemy.org/en/20/core/engines.html#configuring-logging",
		},
	},
	CheckModule: checkSQLEchoEnabled,
})

func checkSQLEchoEnabled(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) || isScript(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		if !prodEngineFactories[calledName(m, call)] || inMainBlock(call) || prodFlagGuarded(call) {
			continue
		}
		kw := pyast.Kwarg(call, "echo")
		echo := pyast.Unparen(kw)
		v, isStr := pyast.StringValue(echo)
		if !echo.Is("true") && !(isStr && v == "debug") {
			continue
		}
		pass.Report(kw.Up(), "`echo=%s` makes the engine log every SQL statement with its parameters (personal data, hashes, tokens) "+
			"in production; remove it or read it from settings (`echo=settings.sql_echo`)", echo.Text())
	}
}
