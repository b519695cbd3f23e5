package baseline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/suppress"
)

func TestAddNoqaLine(t *testing.T) {
	tests := []struct {
		name, line string
		codes      []string
		want       string
		changed    bool
	}{
		{"no comment", "x = db.query(User).all()", []string{"FA101"}, "x = db.query(User).all()  # noqa: FA101", true},
		{"trailing spaces", "x = f()   \t", []string{"FA101"}, "x = f()  # noqa: FA101", true},
		{"several codes sorted and deduplicated", "x = f()", []string{"FA301", "FA101", "FA301"}, "x = f()  # noqa: FA101, FA301", true},
		{"other comment kept", "x = f()  # type: ignore", []string{"FA101"}, "x = f()  # type: ignore  # noqa: FA101", true},
		{"prose kept", "x = f()  # keep it", []string{"FA101"}, "x = f()  # keep it  # noqa: FA101", true},
		{"codes merged", "x = f()  # noqa: E501", []string{"FA101"}, "x = f()  # noqa: E501, FA101", true},
		{"codes merged, compact", "x = f()  #noqa:E501,W291", []string{"FA301", "FA101"}, "x = f()  # noqa: E501, W291, FA101, FA301", true},
		{"text after the directive kept", "x = f()  # noqa: E501 long url", []string{"FA101"}, "x = f()  # noqa: E501, FA101 long url", true},
		{"directive after another comment", "x = f()  # type: ignore  # noqa: E501", []string{"FA101"}, "x = f()  # type: ignore  # noqa: E501, FA101", true},
		{"already there", "x = f()  # noqa: FA101", []string{"FA101"}, "x = f()  # noqa: FA101", false},
		{"partly there", "x = f()  # noqa: FA101", []string{"FA101", "FA102"}, "x = f()  # noqa: FA101, FA102", true},
		{"blanket noqa", "x = f()  # noqa", []string{"FA101"}, "x = f()  # noqa", false},
		{"fastaudit directive kept", "x = f()  # fastaudit: ignore[FA102]", []string{"FA101"}, "x = f()  # fastaudit: ignore[FA102]  # noqa: FA101", true},
		{"malformed directive", "x = f()  # noqa: fa101", []string{"FA101"}, "x = f()  # noqa: fa101  # noqa: FA101", true},
		{"comment-only line", "    # a comment", []string{"FA101"}, "    # a comment  # noqa: FA101", true},
		{"non-ASCII before the comment", `s = "☕"  # café`, []string{"FA101"}, `s = "☕"  # café  # noqa: FA101`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			col := -1
			if i := strings.Index(tt.line, "#"); i >= 0 {
				col = i
			}
			got, changed := addNoqaLine(tt.line, col, tt.codes)
			if got != tt.want || changed != tt.changed {
				t.Errorf("got %q (changed %v), want %q (changed %v)", got, changed, tt.want, tt.changed)
			}
			if changed {
				c := got[strings.Index(got, "#"):]
				codes, all, _ := suppress.ParseComment(c)
				for _, want := range tt.codes {
					if !all && !contains(codes, want) {
						t.Errorf("%q does not suppress %s", c, want)
					}
				}
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestAddNoqaSource(t *testing.T) {
	src := strings.Join([]string{
		/* 1 */ "import os",
		/* 2 */ `q = f"""SELECT *`,
		/* 3 */ `FROM t WHERE id = {uid}"""`,
		/* 4 */ `total = 1 + \`,
		/* 5 */ `    2`,
		/* 6 */ `rows = db.execute(  # why`,
		/* 7 */ `    q,`,
		/* 8 */ `)`,
		/* 9 */ `x = db.query(User).all()  # noqa: E501`,
		/* 10 */ `def f():`,
		/* 11 */ `    """Docstring`,
		/* 12 */ `    more"""`,
		/* 13 */ `    return 1`,
		"",
	}, "\r\n")
	findings := []analyzer.Finding{
		fnd(ruleA, "m.py", 2, ""),  // starts a multi-line f-string
		fnd(ruleA, "m.py", 3, ""),  // ends it: the line ends outside the string
		fnd(ruleA, "m.py", 4, ""),  // backslash continuation
		fnd(ruleA, "m.py", 6, ""),  // open bracket, with a comment
		fnd(ruleB, "m.py", 6, ""),  // same line, another code
		fnd(ruleA, "m.py", 9, ""),  // existing noqa
		fnd(ruleA, "m.py", 11, ""), // inside a docstring
		fnd(ruleA, "m.py", 13, ""),
		fnd(ruleA, "m.py", 99, ""), // gone
	}
	ptrs := make([]*analyzer.Finding, len(findings))
	for i := range findings {
		ptrs[i] = &findings[i]
	}
	out, n, skipped := addNoqaSource([]byte("\xef\xbb\xbf"+src), ptrs)
	want := strings.Join([]string{
		"import os",
		`q = f"""SELECT *`,
		`FROM t WHERE id = {uid}"""  # noqa: FA101`,
		`total = 1 + \`,
		`    2`,
		`rows = db.execute(  # why  # noqa: FA101, FA301`,
		`    q,`,
		`)`,
		`x = db.query(User).all()  # noqa: E501, FA101`,
		`def f():`,
		`    """Docstring`,
		`    more"""`,
		`    return 1  # noqa: FA101`,
		"",
	}, "\r\n")
	if string(out) != "\xef\xbb\xbf"+want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	if n.directives != 4 || n.findings != 5 {
		t.Errorf("counts %+v, want 4 directives for 5 findings", n)
	}
	var reasons []string
	for _, s := range skipped {
		reasons = append(reasons, FormatSkip(s))
	}
	wantSkipped := []string{
		"m.py:99: FA101 not silenced: the line is not in the file any more",
		"m.py:2: FA101 not silenced: the line ends inside a string literal",
		"m.py:4: FA101 not silenced: the line ends with a backslash continuation",
		"m.py:11: FA101 not silenced: the line ends inside a string literal",
	}
	if strings.Join(reasons, "\n") != strings.Join(wantSkipped, "\n") {
		t.Errorf("skipped:\n%s\nwant\n%s", strings.Join(reasons, "\n"), strings.Join(wantSkipped, "\n"))
	}

	// A file that does not parse is left alone.
	bad := []byte("def f(:\n    x = db.query(User).all()\n")
	out, n, skipped = addNoqaSource(bad, []*analyzer.Finding{ptrs[0]})
	if string(out) != string(bad) || n.directives != 0 || len(skipped) != 1 || !strings.Contains(skipped[0].Reason, "does not parse") {
		t.Errorf("broken file: %q %+v %+v", out, n, skipped)
	}
	// No final newline: the directive goes at the very end.
	one := fnd(ruleA, "m.py", 1, "")
	out, _, _ = addNoqaSource([]byte("x = 1"), []*analyzer.Finding{&one})
	if string(out) != "x = 1  # noqa: FA101" {
		t.Errorf("no final newline: %q", out)
	}
}

func TestAddNoqaFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.py")
	b := filepath.Join(dir, "b.py")
	os.WriteFile(a, []byte("x = 1\ny = 2\n"), 0o640)
	os.WriteFile(b, []byte("s = '''\n'''\n"), 0o644)
	findings := []analyzer.Finding{
		fnd(&analyzer.Rule{Code: "FA001", Principle: analyzer.PrincipleAnalysis}, "a.py", 1, ""),
		fnd(ruleA, "a.py", 2, ""),
		fnd(ruleA, "b.py", 1, ""),
	}
	res, err := AddNoqa(findings, func(f *analyzer.Finding) string { return filepath.Join(dir, f.Path) })
	if err != nil {
		t.Fatal(err)
	}
	if res.Directives != 1 || res.Findings != 1 || res.Files != 1 || len(res.Skipped) != 2 {
		t.Errorf("result %+v", res)
	}
	if res.Skipped[0].Code != "FA001" || res.Skipped[1].Path != "b.py" {
		t.Errorf("skipped %+v", res.Skipped)
	}
	got, _ := os.ReadFile(a)
	if string(got) != "x = 1\ny = 2  # noqa: FA101\n" {
		t.Errorf("a.py = %q", got)
	}
	if fi, _ := os.Stat(a); fi.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640", fi.Mode().Perm())
	}
	if got, _ := os.ReadFile(b); string(got) != "s = '''\n'''\n" {
		t.Errorf("b.py changed: %q", got)
	}
	if _, err := AddNoqa([]analyzer.Finding{fnd(ruleA, "missing.py", 1, "")}, func(f *analyzer.Finding) string { return filepath.Join(dir, f.Path) }); err == nil {
		t.Error("no error for a missing file")
	}
}
