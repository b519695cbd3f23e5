package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
)

// TestGoldensMore covers the formats and options added after text, json and
// sarif: github, gitlab, junit, json-lines, markdown, --show-source and
// --statistics.
func TestGoldensMore(t *testing.T) {
	res := fixtureResult(t)
	empty := &analyzer.Result{Files: 1, Rules: []*analyzer.Rule{ruleSyncDB, ruleSQLi}}
	with := func(f func(*Options)) Options {
		o := testOpts
		f(&o)
		return o
	}
	source := with(func(o *Options) { o.ShowSource = true })
	sourceColor := with(func(o *Options) { o.ShowSource = true; o.Color = true })
	stats := with(func(o *Options) { o.Statistics = true })
	statsColor := with(func(o *Options) { o.Statistics = true; o.Color = true })
	for _, tc := range []struct {
		golden, format string
		res            *analyzer.Result
		opts           Options
	}{
		{"github.golden", "github", res, testOpts},
		{"github_empty.golden", "github", empty, testOpts},
		{"gitlab.golden", "gitlab", res, testOpts},
		{"gitlab_empty.golden", "gitlab", empty, testOpts},
		{"junit.golden", "junit", res, testOpts},
		{"junit_empty.golden", "junit", empty, Options{}},
		{"jsonlines.golden", "json-lines", res, testOpts},
		{"jsonlines_empty.golden", "json-lines", empty, testOpts},
		{"markdown.golden", "markdown", res, testOpts},
		{"markdown_empty.golden", "markdown", empty, testOpts},
		{"text_source.golden", "text", res, source},
		{"text_source_color.golden", "text", res, sourceColor},
		{"statistics.golden", "text", res, stats},
		{"statistics_color.golden", "text", res, statsColor},
		{"statistics_empty.golden", "text", empty, stats},
		{"statistics.json.golden", "json", res, stats},
		{"statistics_empty.json.golden", "json", empty, stats},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			checkGolden(t, tc.golden, render(t, tc.format, tc.res, tc.opts))
		})
	}
	t.Run("markdown_details.golden", func(t *testing.T) {
		defer func(n int) { markdownDetailsAbove = n }(markdownDetailsAbove)
		markdownDetailsAbove = 3
		checkGolden(t, "markdown_details.golden", render(t, "markdown", res, Options{}))
	})
}

// --- github ---

// parseGitHubCommand parses a workflow command line the way the runner does
// (ActionCommand.TryParseV2 in actions/runner): "::", the command, then
// properties up to the next "::" separated by "," with key=value split at
// the first "=", then the data; and unescapes as the runner does.
func parseGitHubCommand(t *testing.T, line string) (cmd string, props map[string]string, data string) {
	t.Helper()
	rest, ok := strings.CutPrefix(line, "::")
	if !ok {
		t.Fatalf("not a command: %q", line)
	}
	head, data, ok := strings.Cut(rest, "::")
	if !ok {
		t.Fatalf("no data separator: %q", line)
	}
	cmd, propText, _ := strings.Cut(head, " ")
	props = map[string]string{}
	unprop := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	if propText != "" {
		for _, kv := range strings.Split(propText, ",") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("property without '=' in %q", line)
			}
			if _, dup := props[k]; dup {
				t.Fatalf("duplicate property %q in %q", k, line)
			}
			props[k] = unprop.Replace(v)
		}
	}
	data = strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(data)
	return cmd, props, data
}

func TestGitHubEscaping(t *testing.T) {
	path := "app/100%: a,b\r\nc.py"
	msg := "50% of rows: a, b\r\nnext line\rcr\n%0A stays literal"
	res := &analyzer.Result{Files: 1, Findings: []analyzer.Finding{{
		Rule: ruleSyncDB, Path: path, Message: msg, Severity: analyzer.SeverityError,
		Span: analyzer.Span{Line: 3, Column: 5, EndLine: 3, EndColumn: 9},
	}}}
	got := string(render(t, "github", res, Options{}))
	want := "::error file=app/100%25%3A a%2Cb%0D%0Ac.py,line=3,col=5,endLine=3,endColumn=9,title=FA101 sync-db-in-async" +
		"::50%25 of rows: a, b%0D%0Anext line%0Dcr%0A%250A stays literal\n"
	if got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
	if strings.Count(got, "\n") != 1 {
		t.Errorf("a command spans several lines: %q", got)
	}
	cmd, props, data := parseGitHubCommand(t, strings.TrimSuffix(got, "\n"))
	if cmd != "error" || props["file"] != path || props["line"] != "3" || data != msg {
		t.Errorf("round trip: cmd %q props %q data %q", cmd, props, data)
	}
	// A ':' or ',' in the title is escaped too.
	odd := &analyzer.Rule{Code: "FA999", Name: "a:b,c", Severity: analyzer.SeverityNote}
	res = &analyzer.Result{Findings: []analyzer.Finding{{Rule: odd, Path: "x.py", Message: "m"}}}
	if got := string(render(t, "github", res, Options{})); got != "::notice file=x.py,title=FA999 a%3Ab%2Cc::m\n" {
		t.Errorf("got %q", got)
	}
}

func TestGitHubProperties(t *testing.T) {
	for _, tc := range []struct {
		span analyzer.Span
		want string
	}{
		{analyzer.Span{Line: 3, Column: 5, EndLine: 3, EndColumn: 9}, "line=3,col=5,endLine=3,endColumn=9"},
		// The runner drops col and endColumn when the lines differ: leave them out.
		{analyzer.Span{Line: 3, Column: 5, EndLine: 6, EndColumn: 2}, "line=3,endLine=6"},
		{analyzer.Span{Line: 4}, "line=4"},
		{analyzer.Span{}, ""},
		{analyzer.Span{Line: 2, Column: 1, EndLine: 2, EndColumn: 1}, "line=2,col=1,endLine=2,endColumn=1"},
	} {
		res := &analyzer.Result{Findings: []analyzer.Finding{{Rule: ruleSeqAwait, Path: "a.py", Span: tc.span, Message: "m", Severity: analyzer.SeverityWarning}}}
		got := string(render(t, "github", res, Options{}))
		props := "file=a.py"
		if tc.want != "" {
			props += "," + tc.want
		}
		want := "::warning " + props + ",title=FA307 sequential-awaits-in-loop::m\n"
		if got != want {
			t.Errorf("%+v: got %q, want %q", tc.span, got, want)
		}
	}
	// Every fixture finding parses back to its own values.
	res := fixtureResult(t)
	lines := strings.Split(strings.TrimSuffix(string(render(t, "github", res, testOpts)), "\n"), "\n")
	if len(lines) != len(res.Findings) {
		t.Fatalf("%d lines for %d findings", len(lines), len(res.Findings))
	}
	levels := map[analyzer.Severity]string{analyzer.SeverityError: "error", analyzer.SeverityWarning: "warning", analyzer.SeverityNote: "notice"}
	for i, line := range lines {
		f := res.Findings[i]
		cmd, props, data := parseGitHubCommand(t, line)
		if cmd != levels[f.Severity] || props["file"] != f.Path || props["line"] != fmt.Sprint(f.Line) ||
			props["col"] != fmt.Sprint(f.Column) || props["endColumn"] != fmt.Sprint(f.EndColumn) ||
			props["title"] != f.Rule.Code+" "+f.Rule.Name || data != f.Message {
			t.Errorf("finding %d: %q %q %q", i, cmd, props, data)
		}
	}
}

// --- gitlab ---

type gitlabOut struct {
	Description string `json:"description"`
	CheckName   string `json:"check_name"`
	Fingerprint string `json:"fingerprint"`
	Severity    string `json:"severity"`
	Location    struct {
		Path  string `json:"path"`
		Lines struct {
			Begin int `json:"begin"`
		} `json:"lines"`
	} `json:"location"`
}

func renderGitLab(t *testing.T, res *analyzer.Result) []gitlabOut {
	t.Helper()
	var out []gitlabOut
	if err := json.Unmarshal(render(t, "gitlab", res, Options{}), &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// findingsIn makes one finding of rule per line of src that contains needle,
// as the analyzer would report them (sorted, with SourceLine).
func findingsIn(rule *analyzer.Rule, path, src, needle string) []analyzer.Finding {
	var out []analyzer.Finding
	for i, line := range strings.Split(src, "\n") {
		if c := strings.Index(line, needle); c >= 0 {
			out = append(out, analyzer.Finding{
				Rule: rule, Path: path, Message: "m", Severity: rule.Severity, SourceLine: line,
				Span: analyzer.Span{Line: i + 1, Column: c + 1, EndLine: i + 1, EndColumn: c + 1 + len(needle)},
			})
		}
	}
	return out
}

func TestGitLabFingerprintSurvivesLineShifts(t *testing.T) {
	const before = "async def a(db):\n    db.query(User).all()\n\nasync def b(db):\n    db.query(User).all()\n    db.query(Item).all()\n"
	const after = "import logging\n\nlog = logging.getLogger()\n\n\nasync def a(db):\n        db.query(User).all()\n\nasync def b(db):\n    db.query(User).all()\n    db.query(Item).all()\n"
	fps := func(src string) []gitlabOut {
		return renderGitLab(t, &analyzer.Result{Findings: findingsIn(ruleSyncDB, "app/x.py", src, "db.query(")})
	}
	old, shifted := fps(before), fps(after)
	if len(old) != 3 || len(shifted) != 3 {
		t.Fatalf("fixture: %d and %d findings", len(old), len(shifted))
	}
	for i := range old {
		if old[i].Location.Lines.Begin == shifted[i].Location.Lines.Begin {
			t.Fatalf("fixture: finding %d did not move", i)
		}
		if old[i].Fingerprint != shifted[i].Fingerprint {
			t.Errorf("finding %d: fingerprint changed when lines were inserted above (and its indentation changed): %s → %s",
				i, old[i].Fingerprint, shifted[i].Fingerprint)
		}
	}
	// Same code, path and line text: the occurrence index tells them apart.
	if old[0].Fingerprint == old[1].Fingerprint {
		t.Errorf("two findings on identical lines share a fingerprint")
	}
	seen := map[string]bool{}
	for _, o := range old {
		if len(o.Fingerprint) != 64 || seen[o.Fingerprint] {
			t.Errorf("bad or duplicate fingerprint %q", o.Fingerprint)
		}
		seen[o.Fingerprint] = true
	}
	// Another file, another rule or another line text: another fingerprint.
	for _, res := range []*analyzer.Result{
		{Findings: findingsIn(ruleSyncDB, "app/y.py", before, "db.query(")},
		{Findings: findingsIn(ruleSQLi, "app/x.py", before, "db.query(")},
		{Findings: findingsIn(ruleSyncDB, "app/x.py", strings.ReplaceAll(before, "all()", "first()"), "db.query(")},
	} {
		if got := renderGitLab(t, res); got[0].Fingerprint == old[0].Fingerprint {
			t.Errorf("%s %s %q: same fingerprint as the original", got[0].CheckName, got[0].Location.Path, res.Findings[0].SourceLine)
		}
	}
}

func TestGitLabShape(t *testing.T) {
	res := fixtureResult(t)
	out := renderGitLab(t, res)
	if len(out) != len(res.Findings) {
		t.Fatalf("%d issues for %d findings", len(out), len(res.Findings))
	}
	sev := map[analyzer.Severity]string{analyzer.SeverityError: "critical", analyzer.SeverityWarning: "major", analyzer.SeverityNote: "minor"}
	for i, o := range out {
		f := res.Findings[i]
		if o.CheckName != f.Rule.Code || o.Severity != sev[f.Severity] || o.Location.Path != f.Path ||
			o.Location.Lines.Begin != f.Line || o.Description != f.Rule.Code+": "+f.Message {
			t.Errorf("issue %d = %+v for %+v", i, o, f)
		}
	}
	// A finding without a line still has lines.begin ≥ 1, which GitLab needs.
	res = &analyzer.Result{Findings: []analyzer.Finding{{Rule: ruleSyntax, Path: "a.py", Message: "cannot read"}}}
	if got := renderGitLab(t, res); got[0].Location.Lines.Begin != 1 {
		t.Errorf("lines.begin = %d", got[0].Location.Lines.Begin)
	}
	if got := strings.TrimSpace(string(render(t, "gitlab", &analyzer.Result{}, Options{}))); got != "[]" {
		t.Errorf("empty: %q", got)
	}
}

// --- junit ---

func TestJUnitStructure(t *testing.T) {
	res := fixtureResult(t)
	out := render(t, "junit", res, testOpts)
	if !bytes.HasPrefix(out, []byte(xml.Header)) {
		t.Errorf("no XML declaration:\n%s", out)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name     string `xml:"name,attr"`
			Tests    int    `xml:"tests,attr"`
			Failures int    `xml:"failures,attr"`
			Cases    []struct {
				ClassName string `xml:"classname,attr"`
				Name      string `xml:"name,attr"`
				Failures  []struct {
					Message string `xml:"message,attr"`
					Type    string `xml:"type,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Suites) != 1 || doc.Suites[0].Name != "fastaudit" {
		t.Fatalf("want one testsuite named fastaudit: %+v", doc)
	}
	s := doc.Suites[0]
	// Fixture: db.py has FA101 ×2 and FA209, main.py FA001, my routes.py FA307 ×2.
	var names []string
	failures := 0
	for _, c := range s.Cases {
		names = append(names, c.ClassName+" "+c.Name)
		failures += len(c.Failures)
		for _, f := range c.Failures {
			if !strings.HasPrefix(f.Text, c.ClassName+":") || !strings.HasSuffix(f.Text, ": "+f.Message) || f.Type == "" {
				t.Errorf("failure %+v in %s", f, c.ClassName)
			}
		}
	}
	want := []string{
		"app/db.py FA101 sync-db-in-async", "app/db.py FA209 sql-injection",
		"app/main.py FA001 syntax-error", "app/my routes.py FA307 sequential-awaits-in-loop",
	}
	if !slices.Equal(names, want) {
		t.Errorf("test cases %q, want %q", names, want)
	}
	if failures != len(res.Findings) {
		t.Errorf("%d failures for %d findings", failures, len(res.Findings))
	}
	if s.Tests != 4 || s.Failures != 4 || doc.Tests != 4 || doc.Failures != 4 {
		t.Errorf("counts: suites %d/%d, suite %d/%d", doc.Tests, doc.Failures, s.Tests, s.Failures)
	}
}

func TestJUnitEscaping(t *testing.T) {
	msg := "a < b && c > \"d\" 'e'\nnext\x1b[31m line ]]> end"
	path := `app/<odd>&"q".py`
	res := &analyzer.Result{Findings: []analyzer.Finding{{
		Rule: ruleSQLi, Path: path, Message: msg, Severity: analyzer.SeverityError,
		Span: analyzer.Span{Line: 2, Column: 3, EndLine: 2, EndColumn: 4},
	}}}
	out := render(t, "junit", res, Options{})
	var doc struct {
		Suite struct {
			Case struct {
				ClassName string `xml:"classname,attr"`
				Failure   struct {
					Message string `xml:"message,attr"`
					Text    string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// ESC cannot appear in XML 1.0: it becomes U+FFFD.
	wantMsg := strings.ReplaceAll(msg, "\x1b", "\uFFFD")
	c := doc.Suite.Case
	if c.ClassName != path || c.Failure.Message != wantMsg || c.Failure.Text != path+":2:3: "+wantMsg {
		t.Errorf("round trip: %q %q %q\n%s", c.ClassName, c.Failure.Message, c.Failure.Text, out)
	}
}

// --- json-lines ---

func TestJSONLinesMatchJSON(t *testing.T) {
	res := fixtureResult(t)
	var full struct {
		Findings []json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(render(t, "json", res, testOpts), &full); err != nil {
		t.Fatal(err)
	}
	out := string(render(t, "json-lines", res, testOpts))
	if !strings.HasSuffix(out, "\n") {
		t.Errorf("output does not end with a newline")
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(full.Findings) {
		t.Fatalf("%d lines, %d findings", len(lines), len(full.Findings))
	}
	for i, line := range lines {
		var a, b any
		if err := json.Unmarshal([]byte(line), &a); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		json.Unmarshal(full.Findings[i], &b)
		aj, _ := json.Marshal(a)
		bj, _ := json.Marshal(b)
		if !bytes.Equal(aj, bj) {
			t.Errorf("line %d = %s, json finding = %s", i+1, aj, bj)
		}
	}
	// A newline in a message stays inside its line.
	res2 := &analyzer.Result{Findings: []analyzer.Finding{{Rule: ruleSyncDB, Path: "a.py", Message: "x\ny"}}}
	if got := string(render(t, "json-lines", res2, Options{})); strings.Count(got, "\n") != 1 {
		t.Errorf("got %q", got)
	}
	if got := render(t, "json-lines", &analyzer.Result{}, Options{}); len(got) != 0 {
		t.Errorf("empty result: %q", got)
	}
}

// --- markdown ---

func TestMarkdownEscaping(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a | b", `a \| b`},
		{"use `a | b` here", "use `a \\| b` here"},
		{"<script>alert(1)</script> & *x* _y_ [l](u) #1 ~z~", `\<script\>alert(1)\</script\> \& \*x\* \_y\_ \[l\](u) \#1 \~z\~`},
		{"keep `<Session>` and `*args`", "keep `<Session>` and `*args`"},
		{"odd ` backtick", "odd \\` backtick"},
		{"two\nlines\r\nhere", "two lines here"},
		{"empty `` span", "empty \\`\\` span"},
		{`back\slash`, `back\\slash`},
		{"get_user() and __init__ and a__b and _x", `get_user() and \_\_init\_\_ and a__b and \_x`},
		{"trailing_", `trailing\_`},
	} {
		if got := markdownMessage(tc.in); got != tc.want {
			t.Errorf("markdownMessage(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct{ in, want string }{
		{"app/db.py", "`app/db.py`"},
		{"a`b.py", "`` a`b.py ``"},
		{" lead.py", "`  lead.py `"},
	} {
		if got := markdownCode(tc.in); got != tc.want {
			t.Errorf("markdownCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// Every table row has the same number of unescaped pipes.
	res := fixtureResult(t)
	res.Findings[0].Message = "a | b `c | d` e"
	for _, line := range strings.Split(string(render(t, "markdown", res, testOpts)), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		if n := strings.Count(line, "|") - strings.Count(line, `\|`); n != 5 {
			t.Errorf("row has %d cell separators: %q", n, line)
		}
	}
}

func TestMarkdownDetailsThreshold(t *testing.T) {
	res := fixtureResult(t)
	if got := string(render(t, "markdown", res, Options{})); strings.Contains(got, "<details>") {
		t.Errorf("6 findings are folded")
	}
	defer func(n int) { markdownDetailsAbove = n }(markdownDetailsAbove)
	markdownDetailsAbove = 5
	got := string(render(t, "markdown", res, Options{}))
	if strings.Count(got, "<details>") != 3 || strings.Count(got, "</details>") != 3 {
		t.Errorf("want one <details> per file:\n%s", got)
	}
	if !strings.Contains(got, "<summary><code>app/my routes.py</code> (2 findings)</summary>") {
		t.Errorf("summary line missing:\n%s", got)
	}
}

// --- statistics ---

func TestStatistics(t *testing.T) {
	res := fixtureResult(t)
	got := string(render(t, "text", res, Options{Statistics: true}))
	// FA101 and FA307 have 2 each (code order), then FA001 and FA209 with 1.
	want := "" +
		"  2  FA101  [error]   sync-db-in-async\n" +
		"  2  FA307  [warning] sequential-awaits-in-loop\n" +
		"  1  FA001  [error]   syntax-error\n" +
		"  1  FA209  [error]   sql-injection\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// Counts are right-aligned.
	many := &analyzer.Result{}
	for i := 0; i < 12; i++ {
		many.Findings = append(many.Findings, analyzer.Finding{Rule: ruleSyncDB, Path: "a.py", Severity: analyzer.SeverityError})
	}
	many.Findings = append(many.Findings, analyzer.Finding{Rule: ruleSyncDB, Path: "b.py", Severity: analyzer.SeverityError},
		analyzer.Finding{Rule: ruleSQLi, Path: "a.py", Severity: analyzer.SeverityError})
	if got := string(render(t, "text", many, Options{Statistics: true})); got != "  13  FA101  [error] sync-db-in-async\n   1  FA209  [error] sql-injection\n" {
		t.Errorf("got %q", got)
	}
	if got := string(render(t, "text", &analyzer.Result{Files: 3}, Options{Statistics: true, Quiet: true})); got != "" {
		t.Errorf("quiet, no findings: %q", got)
	}
	for _, f := range Formats() {
		var buf bytes.Buffer
		err := Write(&buf, f, res, Options{Statistics: true})
		if ok := slices.Contains(StatisticsFormats(), f); ok != (err == nil) {
			t.Errorf("format %s with statistics: err = %v", f, err)
		}
	}
}

// --- show-source ---

func TestShowSource(t *testing.T) {
	snippet := func(f analyzer.Finding) string {
		t.Helper()
		if f.Rule == nil {
			f.Rule = ruleSyncDB
		}
		res := &analyzer.Result{Findings: []analyzer.Finding{f}}
		out := string(render(t, "text", res, Options{ShowSource: true, Quiet: true}))
		_, after, _ := strings.Cut(out, "\n")
		return after
	}
	span := func(line, col, endLine, endCol int) analyzer.Span {
		return analyzer.Span{Line: line, Column: col, EndLine: endLine, EndColumn: endCol}
	}
	for _, tc := range []struct {
		name string
		f    analyzer.Finding
		want string
	}{
		{"simple", analyzer.Finding{Span: span(7, 5, 7, 9), SourceLine: "    x = 1"},
			"  |\n7 |     x = 1\n  |     ^^^^\n  |\n\n"},
		{"wide gutter", analyzer.Finding{Span: span(120, 1, 120, 3), SourceLine: "ab = 1"},
			"    |\n120 | ab = 1\n    | ^^\n    |\n\n"},
		// Columns count characters; carets follow display width: é one
		// cell, 😀 and 漢 two, a combining accent none.
		{"wide characters", analyzer.Finding{Span: span(1, 4, 1, 6), SourceLine: "é😀 ab c"},
			"  |\n1 | é😀 ab c\n  |     ^^\n  |\n\n"},
		{"wide characters in the span", analyzer.Finding{Span: span(1, 3, 1, 5), SourceLine: "s=漢字+1"},
			"  |\n1 | s=漢字+1\n  |   ^^^^\n  |\n\n"},
		{"combining mark", analyzer.Finding{Span: span(1, 4, 1, 5), SourceLine: "e\u0301 x"},
			"  |\n1 | e\u0301 x\n  |   ^\n  |\n\n"},
		{"tabs", analyzer.Finding{Span: span(2, 3, 2, 4), SourceLine: "\t\tx\ty"},
			"  |\n2 |         x   y\n  |         ^\n  |\n\n"},
		{"tab inside the span", analyzer.Finding{Span: span(2, 1, 2, 3), SourceLine: "a\tb"},
			"  |\n2 | a   b\n  | ^^^^\n  |\n\n"},
		{"multi-line span", analyzer.Finding{Span: span(3, 5, 6, 2), SourceLine: "x = f("},
			"  |\n3 | x = f(\n  |     ^^\n  |\n\n"},
		{"empty span", analyzer.Finding{Span: span(3, 2, 3, 2), SourceLine: "abc"},
			"  |\n3 | abc\n  |  ^\n  |\n\n"},
		{"past the end", analyzer.Finding{Span: span(3, 9, 3, 12), SourceLine: "abc"},
			"  |\n3 | abc\n  |    ^\n  |\n\n"},
		{"no column", analyzer.Finding{Span: analyzer.Span{Line: 3}, SourceLine: "abc"},
			"  |\n3 | abc\n  | ^\n  |\n\n"},
		{"control characters", analyzer.Finding{Span: span(1, 3, 1, 4), SourceLine: "\f\x1bz"},
			"  |\n1 |   z\n  |   ^\n  |\n\n"},
		{"no source", analyzer.Finding{Span: span(1, 1, 1, 1)}, ""},
		{"no line", analyzer.Finding{SourceLine: "abc"}, ""},
	} {
		if got := snippet(tc.f); got != tc.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
	// The summary follows the last snippet after one blank line only.
	res := fixtureResult(t)
	out := string(render(t, "text", res, Options{ShowSource: true}))
	if !strings.HasSuffix(out, "  |\n\nFound 6 findings (4 errors, 1 warning, 1 note) in 4 files.\n") {
		t.Errorf("summary spacing:\n%s", out)
	}
}

// A finding without a path (a project rule's internal error) is grouped
// under "project" in markdown and still gives well-formed output elsewhere.
func TestFindingWithoutPath(t *testing.T) {
	res := fixtureResult(t)
	res.Findings = append([]analyzer.Finding{{Rule: ruleSyntax, Message: "internal error", Severity: analyzer.SeverityError,
		Span: analyzer.Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1}}}, res.Findings...)
	if md := string(render(t, "markdown", res, Options{})); !strings.Contains(md, "\n#### project\n") || strings.Contains(md, "#### ``") {
		t.Errorf("markdown:\n%s", md)
	}
	if gh := string(render(t, "github", res, Options{})); !strings.HasPrefix(gh, "::error line=1,col=1,endLine=1,endColumn=1,title=FA001 syntax-error::internal error\n") {
		t.Errorf("github: %q", gh)
	}
	for _, f := range []string{"gitlab", "junit", "json-lines"} {
		render(t, f, res, Options{})
	}
}
