package report

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/fastaudit/fastaudit/analyzer"
)

var update = flag.Bool("update", false, "rewrite the report/testdata/*.golden files")

// Fake rules: one per principle kind the writers treat differently.
var (
	ruleSyncDB = &analyzer.Rule{
		Code:      "FA101",
		Name:      "sync-db-in-async",
		Principle: analyzer.PrincipleAsync,
		Severity:  analyzer.SeverityError,
		Precision: "high",
		Since:     "0.1.0",
		Summary:   "Synchronous SQLAlchemy session I/O inside an async function.",
		Doc: analyzer.Doc{
			What:       "Reports a synchronous SQLAlchemy `Session` doing I/O inside an `async def`.",
			Why:        "A sync call blocks the event loop: every other request waits until it returns.",
			Example:    "@app.get(\"/users\")\nasync def users(db: Session = Depends(get_db)):\n    return db.query(User).all()\n",
			UseInstead: "@app.get(\"/users\")\nasync def users(db: AsyncSession = Depends(get_db)):\n    return (await db.scalars(select(User))).all()\n",
		},
	}
	ruleSQLi = &analyzer.Rule{
		Code:             "FA209",
		Name:             "sql-injection",
		Principle:        analyzer.PrincipleSecurity,
		Severity:         analyzer.SeverityError,
		Precision:        "high",
		SecuritySeverity: 9.5,
		CWE:              []string{"CWE-89"},
		Since:            "0.1.0",
		Summary:          "A non-literal value formatted into SQL text.",
		Doc: analyzer.Doc{
			What:       "Reports SQL text built with f-strings, `%`, `.format` or `+` from non-literal values.",
			Why:        "Whoever controls the value controls the query: data theft, data loss, auth bypass.",
			Example:    "db.execute(text(f\"SELECT * FROM users WHERE id = {uid}\"))",
			UseInstead: "db.execute(text(\"SELECT * FROM users WHERE id = :id\"), {\"id\": uid})",
			Limits:     "Values that pass through helper functions in other modules are not followed.",
			References: []string{"https://owasp.org/Top10/A03_2021-Injection/", "https://cwe.mitre.org/data/definitions/89.html"},
		},
	}
	ruleSeqAwait = &analyzer.Rule{
		Code:      "FA307",
		Name:      "sequential-awaits-in-loop",
		Principle: analyzer.PrinciplePerformance,
		Severity:  analyzer.SeverityNote,
		Precision: "medium",
		Summary:   "Independent awaited I/O calls made one after another in a loop.",
		Doc: analyzer.Doc{
			What: "Reports awaited I/O in a loop whose iterations do not depend on each other.",
		},
	}
	// Not in the enabled rules of the fixture: findings of it must still get a
	// SARIF rule descriptor.
	ruleSyntax = &analyzer.Rule{
		Code:      "FA001",
		Name:      "syntax-error",
		Principle: analyzer.PrincipleAnalysis,
		Severity:  analyzer.SeverityError,
		Precision: "very-high",
		Summary:   "A file that does not parse.",
	}
)

// Fixture sources. db.py line 7 has characters outside ASCII, and one outside
// the BMP, before the finding, so its code-point and UTF-16 columns differ.
var fixtureSources = map[string]string{
	"app/db.py": `from sqlalchemy import text


async def get_user(db: Session, uid: str):
    row = db.execute(select(User)).first()
    note = "café ☕"
    label = "😀"; rows = db.execute(text(f"SELECT * FROM users WHERE id = {uid}"))
    return row
`,
	"app/main.py": "from fastapi import FastAPI\n\napp = FastAPI(\n",
	"app/my routes.py": `async def fetch_all(client, urls):
    out = []
    for u in urls:
        out.append(await client.get(u))
    for u in urls:
        out.append(await client.post(u))
    return out
`,
}

// finding builds a finding at the first occurrence of needle on the 1-based
// line of the fixture file, computing the columns as the analyzer does.
func finding(t testing.TB, rule *analyzer.Rule, path string, line int, needle, msg string, sev analyzer.Severity) analyzer.Finding {
	t.Helper()
	src := fixtureSources[path]
	lines := strings.Split(src, "\n")
	text := lines[line-1]
	i := strings.Index(text, needle)
	if i < 0 {
		t.Fatalf("%q not on %s:%d", needle, path, line)
	}
	col := func(byteOff int) (cp, u16 int) {
		prefix := text[:byteOff]
		return utf8.RuneCountInString(prefix) + 1, len(utf16.Encode([]rune(prefix))) + 1
	}
	c, c16 := col(i)
	e, e16 := col(i + len(needle))
	return analyzer.Finding{
		Rule: rule,
		Path: path,
		Span: analyzer.Span{
			Line: line, Column: c, EndLine: line, EndColumn: e,
			Column16: c16, EndColumn16: e16,
		},
		Message:    msg,
		Severity:   sev,
		LineHash:   analyzer.LineHashAt(analyzer.LineHashes([]byte(src)), line),
		SourceLine: text,
	}
}

// fixtureResult is a small run: three enabled rules (one a security rule with
// a CWE and a security-severity), findings in three files, one finding of a
// rule that is not enabled (FA001) and one whose severity was overridden.
func fixtureResult(t testing.TB) *analyzer.Result {
	t.Helper()
	res := &analyzer.Result{
		Root:  "/home/dev/project",
		Files: 4,
		Lines: 120,
		Rules: []*analyzer.Rule{ruleSyncDB, ruleSQLi, ruleSeqAwait},
		Findings: []analyzer.Finding{
			finding(t, ruleSyncDB, "app/db.py", 5, "db.execute(select(User))",
				"Synchronous Session.execute() blocks the event loop in async function get_user(); use an AsyncSession and await it.", analyzer.SeverityError),
			finding(t, ruleSQLi, "app/db.py", 7, `text(f"SELECT * FROM users WHERE id = {uid}")`,
				"SQL text is built from uid with an f-string; pass it as a bound parameter instead.", analyzer.SeverityError),
			finding(t, ruleSyncDB, "app/db.py", 7, "db.execute(",
				"Synchronous Session.execute() blocks the event loop in async function get_user(); use an AsyncSession and await it.", analyzer.SeverityError),
			finding(t, ruleSyntax, "app/main.py", 3, "FastAPI(",
				"The file could not be fully parsed (unexpected end of file after `FastAPI(`); findings in it may be incomplete.", analyzer.SeverityError),
			finding(t, ruleSeqAwait, "app/my routes.py", 4, "await client.get(u)",
				"Awaited client.get() runs once per iteration, one after another; gather the calls with asyncio.gather or a TaskGroup.", analyzer.SeverityWarning),
			finding(t, ruleSeqAwait, "app/my routes.py", 6, "await client.post(u)",
				"Awaited client.post() runs once per iteration, one after another; gather the calls with asyncio.gather or a TaskGroup.", analyzer.SeverityNote),
		},
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return analyzer.Less(&res.Findings[i], &res.Findings[j]) })
	return res
}

// checkGolden compares got with testdata/name, or rewrites it with -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report -update to create it)", err)
	}
	if !slices.Equal(got, want) {
		t.Errorf("output differs from %s (run go test ./report -update if the change is intended)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}
