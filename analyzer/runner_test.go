package analyzer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer/config"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// printRule flags print() calls: a stand-in for real rules in engine tests.
var printRule = &Rule{
	Code: "FA900", Name: "test-print", Principle: PrincipleProduction, Severity: SeverityNote, Summary: "print",
	CheckModule: func(p *Pass) {
		for _, call := range p.Module.Nodes("call") {
			if p.Module.Resolve(pyast.Callee(call)) == "builtins.print" {
				p.Report(call, "print call")
			}
		}
	},
}

// panicRule crashes on files that mention "boom".
var panicRule = &Rule{
	Code: "FA901", Name: "test-panic", Principle: PrincipleProduction, Severity: SeverityNote, Summary: "panic",
	CheckModule: func(p *Pass) {
		if strings.Contains(string(p.Module.Tree.Src), "boom") {
			var m map[string]int
			m["boom"]++
		}
	},
}

func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func summarize(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d %s", f.Path, f.Line, f.Rule.Code))
	}
	return out
}

func TestBadInputDoesNotStopTheRun(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"ok.py":            "print('hello')\n",
		"binary.py":        "\x00\x01\x02ELF",
		"latin1.py":        "x = '\xe9t\xe9'\nprint(x)\n",
		"broken.py":        "print('before')\ndef broken(:\n    pass\nprint('after')\n",
		"empty.py":         "",
		"crash.py":         "boom = 1\nprint(boom)\n",
		"pkg/nested_ok.py": "print(1)\n",
	})
	must(t, os.Symlink("loop_b.py", filepath.Join(dir, "loop_a.py")))
	must(t, os.Symlink("loop_a.py", filepath.Join(dir, "loop_b.py")))
	must(t, os.Symlink("missing.py", filepath.Join(dir, "dangling.py")))
	must(t, os.Symlink(".", filepath.Join(dir, "pkg", "self"))) // a directory loop
	unreadable := os.Getuid() != 0
	if unreadable {
		must(t, os.WriteFile(filepath.Join(dir, "secret.py"), []byte("print(1)\n"), 0o000))
	}

	rules := append([]*Rule{printRule, panicRule}, Diagnostics()...)
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	got := summarize(res)
	want := []string{
		"binary.py:1 FA002",
		"broken.py:1 FA900", // the parser recovered around the error
		"broken.py:2 FA001",
		"broken.py:4 FA900",
		"crash.py:1 FA003",
		"crash.py:2 FA900", // the other rule still ran on the crashing file
		"dangling.py:1 FA002",
		"latin1.py:1 FA002",
		"loop_a.py:1 FA002",
		"loop_b.py:1 FA002",
		"ok.py:1 FA900",
		"pkg/nested_ok.py:1 FA900",
	}
	if unreadable {
		want = append(want, "secret.py:1 FA002")
		sort.Strings(want)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, f := range res.Findings {
		if f.Rule.Code == "FA003" && !strings.Contains(f.Message, "FA901") {
			t.Errorf("FA003 message does not name the crashing rule: %s", f.Message)
		}
		if f.Rule.Code == "FA001" && !strings.Contains(f.Message, "line 2") {
			t.Errorf("FA001 message does not say where: %s", f.Message)
		}
	}
}

func loadTestConfig(t *testing.T, path string) *config.Config {
	t.Helper()
	cfg, err := config.Load(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestSuppressionsAndPerFileIgnores(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.py":          "print(1)  # noqa: FA900\nprint(2)  # noqa: E501\nprint(3)  # fastaudit: ignore[FA900]\nprint(4)  # noqa\nprint(5)\ns = '# noqa'; print(6)\n",
		"b.py":          "# fastaudit: ignore-file\nprint(1)\n",
		"legacy/old.py": "print(1)\n",
	})
	must(t, os.WriteFile(filepath.Join(dir, ".fastaudit.yaml"), []byte("per-file-ignores:\n  \"legacy/**\": [FA9]\nseverity:\n  FA900: error\n"), 0o644))
	cfg := loadTestConfig(t, filepath.Join(dir, ".fastaudit.yaml"))
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: []*Rule{printRule}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summarize(res), "\n")
	want := "a.py:2 FA900\na.py:5 FA900\na.py:6 FA900"
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	for _, f := range res.Findings {
		if f.Severity != SeverityError {
			t.Errorf("severity override not applied: %v", f.Severity)
		}
	}
}

func TestDeterministicWhateverTheWorkers(t *testing.T) {
	files := map[string]string{}
	for i := 0; i < 40; i++ {
		files[fmt.Sprintf("m%02d/f%02d.py", i%7, i)] = strings.Repeat("print(1)\n", i%5+1)
	}
	dir := writeTree(t, files)
	var first string
	for _, workers := range []int{1, 2, 8} {
		res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: []*Rule{printRule}, Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Join(summarize(res), "\n")
		if first == "" {
			first = got
		} else if got != first {
			t.Fatalf("workers=%d changed the output", workers)
		}
	}
}

func TestColumnsCountCodePointsAndUTF16(t *testing.T) {
	dir := writeTree(t, map[string]string{"u.py": "x = '😀é'; print(x)\n"})
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: []*Rule{printRule}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Fatalf("findings: %v", summarize(res))
	}
	f := res.Findings[0]
	// "x = '😀é'; " is 10 code points and 11 UTF-16 units before print.
	if f.Column != 11 || f.Column16 != 12 || f.EndColumn != 19 || f.EndColumn16 != 20 {
		t.Errorf("span %+v", f.Span)
	}
	if f.LineHash == "" || f.SourceLine != "x = '😀é'; print(x)" {
		t.Errorf("line hash %q, source line %q", f.LineHash, f.SourceLine)
	}
}

// crossRule asks the project whether the called function (maybe in another
// module) is async, and panics in the project phase on "explode".
var crossRule = &Rule{
	Code: "FA902", Name: "test-cross", Principle: PrincipleAsync, Severity: SeverityWarning, Summary: "cross",
	CheckModule: func(p *Pass) {
		for _, call := range p.Module.Nodes("call") {
			q := p.Module.Resolve(pyast.Callee(call))
			if q == "" || strings.HasPrefix(q, "builtins.") {
				continue
			}
			p.ReportWhen(call, func(pr *Project) string {
				if strings.HasSuffix(q, "explode") {
					panic("boom in project phase")
				}
				if f := pr.Function(q); f != nil && f.Async {
					return q + " is async"
				}
				return ""
			})
		}
	},
}

func TestReportWhenCrossesModulesAndContainsPanics(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"pkg/__init__.py": "from .impl import work\n",
		"pkg/impl.py":     "async def work():\n    pass\n\ndef sync_work():\n    pass\n\ndef explode():\n    pass\n",
		"main.py":         "from pkg import work\nfrom pkg.impl import sync_work, explode\n\nwork()\nsync_work()\nexplode()\n",
	})
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: append([]*Rule{crossRule}, Diagnostics()...)})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(summarize(res), "\n")
	want := "main.py:4 FA902\nmain.py:6 FA003"
	if got != want {
		t.Errorf("findings:\n%s\nwant:\n%s", got, want)
	}
	if f := res.Findings[0]; f.LineHash == "" || f.SourceLine != "work()" {
		t.Errorf("deferred finding lacks line hash or source line: %+v", f)
	}
}
