package report

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
)

var testOpts = Options{
	Version:     "0.1.0-test",
	RuleHelpURI: func(code string) string { return "https://fastaudit.dev/rules/" + code },
}

func render(t *testing.T, format string, res *analyzer.Result, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, res, opts); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

func TestGoldens(t *testing.T) {
	res := fixtureResult(t)
	empty := &analyzer.Result{Files: 1, Rules: []*analyzer.Rule{ruleSyncDB, ruleSQLi}}
	one := &analyzer.Result{Files: 1, Rules: res.Rules, Findings: res.Findings[:1]}
	color := testOpts
	color.Color = true
	quiet := testOpts
	quiet.Quiet = true
	for _, tc := range []struct {
		golden, format string
		res            *analyzer.Result
		opts           Options
	}{
		{"text.golden", "text", res, testOpts},
		{"text_color.golden", "text", res, color},
		{"text_quiet.golden", "text", res, quiet},
		{"text_one.golden", "text", one, testOpts},
		{"text_empty.golden", "text", empty, testOpts},
		{"json.golden", "json", res, testOpts},
		{"json_empty.golden", "json", empty, testOpts},
		{"sarif.golden", "sarif", res, testOpts},
		{"sarif_empty.golden", "sarif", empty, Options{}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			checkGolden(t, tc.golden, render(t, tc.format, tc.res, tc.opts))
		})
	}
}

func TestFormats(t *testing.T) {
	if got := Formats(); !slices.Equal(got, []string{"text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "markdown", "html"}) {
		t.Errorf("Formats() = %q", got)
	}
	// Callers may not change the package's list.
	Formats()[0] = "x"
	if Formats()[0] != "text" {
		t.Errorf("Formats() returns a shared slice")
	}
	res := fixtureResult(t)
	for _, f := range Formats() {
		if len(render(t, strings.ToUpper(f), res, testOpts)) == 0 {
			t.Errorf("format %s wrote nothing", f)
		}
	}
}

func TestWriteErrors(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, "xml", fixtureResult(t), testOpts); err == nil || !strings.Contains(err.Error(), "xml") {
		t.Errorf("unknown format: err = %v", err)
	}
	if err := Write(&buf, "text", nil, testOpts); err == nil {
		t.Errorf("nil result: no error")
	}
	bad := &analyzer.Result{Findings: []analyzer.Finding{{Path: "a.py", Span: analyzer.Span{Line: 1}}}}
	if err := Write(&buf, "sarif", bad, testOpts); err == nil {
		t.Errorf("finding without rule: no error")
	}
	if buf.Len() != 0 {
		t.Errorf("failed writes wrote %q", buf.String())
	}
}

// TestTextSummary covers the summary wording, singular and plural.
func TestTextSummary(t *testing.T) {
	res := fixtureResult(t)
	for _, tc := range []struct {
		res  *analyzer.Result
		want string
	}{
		{&analyzer.Result{Files: 0}, "No findings in 0 files.\n"},
		{&analyzer.Result{Files: 1}, "No findings in 1 file.\n"},
		{&analyzer.Result{Files: 40}, "No findings in 40 files.\n"},
		{&analyzer.Result{Files: 1, Findings: res.Findings[:1]}, "\nFound 1 finding (1 error, 0 warnings, 0 notes) in 1 file.\n"},
		{res, "\nFound 6 findings (4 errors, 1 warning, 1 note) in 4 files.\n"},
	} {
		got := string(render(t, "text", tc.res, Options{}))
		if !strings.HasSuffix(got, tc.want) {
			t.Errorf("text output ends\n%q\nwant suffix\n%q", got, tc.want)
		}
		quiet := string(render(t, "text", tc.res, Options{Quiet: true}))
		if strings.Contains(quiet, "\nFound ") || strings.Contains(quiet, "No findings") || strings.HasSuffix(quiet, "\n\n") {
			t.Errorf("quiet output has a summary: %q", quiet)
		}
	}
}

func TestTextLines(t *testing.T) {
	res := fixtureResult(t)
	lines := strings.Split(string(render(t, "text", res, Options{})), "\n")
	if len(lines) < len(res.Findings) {
		t.Fatalf("too few lines: %q", lines)
	}
	for i, f := range res.Findings {
		want := f.Path + ":" + strconv.Itoa(f.Line) + ":" + strconv.Itoa(f.Column) + ": " + f.Rule.Code + " [" + f.Severity.String() + "] " + f.Message
		if lines[i] != want {
			t.Errorf("line %d = %q, want %q", i, lines[i], want)
		}
	}
	// The non-ASCII finding uses code-point columns.
	sqli := findingByCode(t, res, "FA209")
	if sqli.Column == sqli.Column16 {
		t.Fatalf("fixture: FA209 should have differing columns, both %d", sqli.Column)
	}
	colored := string(render(t, "text", res, Options{Color: true}))
	for _, want := range []string{"\x1b[1mapp/db.py\x1b[0m", "\x1b[1mFA209\x1b[0m", "[\x1b[31merror\x1b[0m]", "[\x1b[33mwarning\x1b[0m]", "[\x1b[36mnote\x1b[0m]"} {
		if !strings.Contains(colored, want) {
			t.Errorf("coloured output lacks %q", want)
		}
	}
	if strings.Contains(string(render(t, "text", res, Options{})), "\x1b") {
		t.Errorf("uncoloured output has escape codes")
	}
}

func TestTextNoPosition(t *testing.T) {
	res := &analyzer.Result{Files: 2, Findings: []analyzer.Finding{
		{Rule: ruleSyntax, Path: "a.py", Message: "cannot read", Severity: analyzer.SeverityError},
		{Rule: ruleSyntax, Path: "b.py", Span: analyzer.Span{Line: 4}, Message: "m"},
	}}
	got := string(render(t, "text", res, Options{Quiet: true}))
	want := "a.py: FA001 [error] cannot read\nb.py:4: FA001 [error] m\n"
	if got != want {
		t.Errorf("got %q, want %q (a finding without severity takes its rule's)", got, want)
	}
}

func TestJSONShape(t *testing.T) {
	res := fixtureResult(t)
	var got struct {
		Version  string           `json:"version"`
		Findings []map[string]any `json:"findings"`
		Summary  struct {
			Files       int            `json:"files"`
			Findings    int            `json:"findings"`
			BySeverity  map[string]int `json:"by_severity"`
			ByPrinciple map[string]int `json:"by_principle"`
		} `json:"summary"`
	}
	out := render(t, "json", res, testOpts)
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	if got.Version != testOpts.Version || got.Summary.Files != 4 || got.Summary.Findings != 6 || len(got.Findings) != 6 {
		t.Errorf("header/summary wrong: %+v", got)
	}
	if want := map[string]int{"error": 4, "warning": 1, "note": 1}; !maps.Equal(got.Summary.BySeverity, want) {
		t.Errorf("by_severity = %v, want %v", got.Summary.BySeverity, want)
	}
	if len(got.Summary.ByPrinciple) != len(analyzer.Principles) {
		t.Errorf("by_principle has %d keys, want every principle (%d)", len(got.Summary.ByPrinciple), len(analyzer.Principles))
	}
	if got.Summary.ByPrinciple["async-correctness"] != 2 || got.Summary.ByPrinciple["testing"] != 0 {
		t.Errorf("by_principle = %v", got.Summary.ByPrinciple)
	}
	keys := []string{"code", "name", "principle", "severity", "path", "line", "column", "end_line", "end_column", "message"}
	for _, f := range got.Findings {
		if len(f) != len(keys) {
			t.Errorf("finding has keys %v, want %v", f, keys)
		}
		for _, k := range keys {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
	}
	empty := render(t, "json", &analyzer.Result{}, Options{})
	if !bytes.Contains(empty, []byte(`"findings": []`)) {
		t.Errorf("empty result: findings is not []:\n%s", empty)
	}
	if bytes.Contains(empty, []byte("null")) {
		t.Errorf("empty result has null:\n%s", empty)
	}
}

func findingByCode(t *testing.T, res *analyzer.Result, code string) *analyzer.Finding {
	t.Helper()
	for i := range res.Findings {
		if res.Findings[i].Rule.Code == code {
			return &res.Findings[i]
		}
	}
	t.Fatalf("no %s finding", code)
	return nil
}

// TestTextEscapesControlInPaths: a file name holding a newline or an escape
// sequence must not start a line of its own (CI logs read "::warning::" lines
// as workflow commands) nor reach the terminal raw.
func TestTextEscapesControlInPaths(t *testing.T) {
	res := fixtureResult(t)
	res.Findings = res.Findings[:1]
	res.Findings[0].Path = "a\n::warning::x\x1b[2J.py"
	out := string(render(t, "text", res, Options{Quiet: true}))
	if strings.Count(out, "\n") != 1 || strings.Contains(out, "\x1b") {
		t.Fatalf("control characters of the path reached the output: %q", out)
	}
	if !strings.HasPrefix(out, `a\n::warning::x\x1b[2J.py:`) {
		t.Errorf("path not escaped as expected: %q", out)
	}
}
