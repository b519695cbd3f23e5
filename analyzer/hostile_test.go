package analyzer_test

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/hostiletree"
	"github.com/fastaudit/fastaudit/rules"
)

// unreadableAsRoot makes reading the tree's unreadable file fail as it
// does for other users: root reads files whatever their mode.
func unreadableAsRoot(t *testing.T, dir string) {
	if os.Geteuid() != 0 {
		return
	}
	secret := filepath.Join(dir, hostiletree.Unreadable)
	t.Cleanup(analyzer.SetReadFile(func(name string) ([]byte, error) {
		if name == secret {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
		}
		return os.ReadFile(name)
	}))
}

func isDiagnostic(code string) bool { return code == "FA001" || code == "FA002" || code == "FA003" }

// Every hostile file gets exactly the FA001/FA002 it must (with its line
// and reason) or none, no check crashes (FA003), nothing is listed twice or
// from outside the tree, and the healthy code in and beside the hostile
// files is still reported (FA102 on exactly the expected lines).
func TestHostileTree(t *testing.T) {
	dir := t.TempDir()
	cases := hostiletree.Write(t, dir, hostiletree.Options{})
	unreadableAsRoot(t, dir)

	start := time.Now()
	res, err := analyzer.Run(context.Background(), analyzer.Options{
		Paths: []string{dir}, Rules: rules.All(), Collectors: rules.Collectors(),
	})
	if err != nil {
		t.Fatalf("the run failed: %v", err)
	}
	t.Logf("%d files audited in %s", res.Files, time.Since(start).Round(time.Millisecond))
	if res.Files != len(cases) {
		t.Errorf("%d files found, want %d (one per case)", res.Files, len(cases))
	}

	byPath := map[string][]analyzer.Finding{}
	for _, f := range res.Findings {
		byPath[f.Path] = append(byPath[f.Path], f)
	}
	known := map[string]bool{"": true} // "" holds whole-project findings
	for _, c := range cases {
		known[c.Path] = true
		checkCase(t, c, byPath[c.Path])
	}
	for p, fs := range byPath {
		if !known[p] {
			t.Errorf("findings for %q, which is not a file of the tree (listed twice through a symlink?): %s", p, fs[0].Message)
		}
	}
}

func checkCase(t *testing.T, c hostiletree.Case, found []analyzer.Finding) {
	t.Helper()
	var diags []analyzer.Finding
	var blocking []int
	var firstBlocking *analyzer.Finding
	for i, f := range found {
		switch {
		case isDiagnostic(f.Rule.Code):
			diags = append(diags, f)
		case f.Rule.Code == "FA102":
			blocking = append(blocking, f.Line)
			if firstBlocking == nil {
				firstBlocking = &found[i]
			}
		}
	}
	switch {
	case c.Diagnostic == "" && len(diags) > 0:
		t.Errorf("%s: unexpected %s at line %d: %s", c.Path, diags[0].Rule.Code, diags[0].Line, diags[0].Message)
	case c.Diagnostic != "" && len(diags) != 1:
		t.Errorf("%s: want one %s, got %d diagnostics %v", c.Path, c.Diagnostic, len(diags), codes(diags))
	case c.Diagnostic != "":
		d := diags[0]
		if d.Rule.Code != c.Diagnostic || d.Line != c.Line || !strings.Contains(d.Message, c.Reason) {
			t.Errorf("%s: got %s at line %d %q, want %s at line %d saying %q", c.Path, d.Rule.Code, d.Line, d.Message, c.Diagnostic, c.Line, c.Reason)
		}
	}
	sort.Ints(blocking)
	if !reflect.DeepEqual(blocking, c.Blocking) && !(len(blocking) == 0 && len(c.Blocking) == 0) {
		t.Errorf("%s: FA102 on lines %s, want %s", c.Path, summarizeLines(blocking), summarizeLines(c.Blocking))
	}
	if c.Column != 0 && firstBlocking != nil && (firstBlocking.Column != c.Column || firstBlocking.Column16 != c.Column16) {
		t.Errorf("%s: FA102 at column %d (UTF-16 %d), want %d (%d)", c.Path, firstBlocking.Column, firstBlocking.Column16, c.Column, c.Column16)
	}
}

func codes(fs []analyzer.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Rule.Code)
	}
	return out
}

// summarizeLines keeps messages short when thousands of findings share a line.
func summarizeLines(lines []int) string {
	if len(lines) > 6 {
		return fmt.Sprintf("%v ... (%d findings)", lines[:3], len(lines))
	}
	return fmt.Sprint(lines)
}

// manyFiles is the size of the many-files tree of issue 8.
const manyFiles = 50_000

// 50,000 small files: each is audited once, none gets a diagnostic, the
// healthy file among them keeps its finding, and the memory the result
// keeps per file stays small (facts, not trees or sources). About 10 s of
// CPU; skipped with -short (the -race run in CI uses it).
func TestHostileManyFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("50,000 files: run without -short")
	}
	dir := t.TempDir()
	n := hostiletree.WriteManyFiles(t, dir, manyFiles)
	writeHealthy(t, filepath.Join(dir, "app", "main.py"))

	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	start := time.Now()
	res, err := analyzer.Run(context.Background(), analyzer.Options{
		Paths: []string{dir}, Rules: rules.All(), Collectors: rules.Collectors(),
	})
	if err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	var after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&after)
	retained := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("%d files in %s; heap kept by the result: %.1f MiB (%.0f bytes a file)",
		res.Files, elapsed.Round(time.Millisecond), float64(retained)/(1<<20), float64(retained)/float64(res.Files))

	if res.Files != n+1 {
		t.Errorf("%d files audited, want %d", res.Files, n+1)
	}
	blocking := 0
	for _, f := range res.Findings {
		if isDiagnostic(f.Rule.Code) {
			t.Fatalf("%s: %s %s", f.Path, f.Rule.Code, f.Message)
		}
		if f.Rule.Code == "FA102" && f.Path == "app/main.py" && f.Line == 9 {
			blocking++
		}
	}
	if blocking != 1 {
		t.Errorf("the healthy file among 50,000 others lost its FA102 finding (%d)", blocking)
	}
	// Measured at the time of writing: the result keeps ~1,700 bytes per
	// file (facts and findings); keeping each file's tree alive as well made
	// it ~5,600.
	if perFile := retained / int64(res.Files); perFile > 3584 {
		t.Errorf("the result keeps %d bytes per small file: trees or sources are kept alive", perFile)
	}
	runtime.KeepAlive(res)
}

func writeHealthy(t *testing.T, p string) {
	t.Helper()
	src := "import requests\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get(\"/ping\")\nasync def ping():\n    return requests.get(\"https://example.com\", timeout=5).json()\n"
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkHugeFunctions measures the audit of one function holding n
// blocking calls, on one line and on a line each, at two sizes: ns/call
// must stay flat from n to 4n (it grew with n while columns were counted
// from the line start and locallyBound re-walked the function per call).
// A benchmark, not a timed test: wall-clock ratios flake on a loaded CI.
//
//	go test -run '^$' -bench HugeFunctions ./analyzer
func BenchmarkHugeFunctions(b *testing.B) {
	shapes := []struct {
		name string
		gen  func(calls int) string
	}{
		{"one-line", func(n int) string {
			return "import requests\nasync def h(u): " + strings.Repeat("requests.get(u, timeout=5); ", n) + "\n"
		}},
		{"own-lines", func(n int) string {
			return "import requests\nasync def h(u):\n" + strings.Repeat("    requests.get(u, timeout=5)\n", n)
		}},
	}
	for _, shape := range shapes {
		for _, n := range []int{3000, 12000} {
			b.Run(fmt.Sprintf("%s/calls=%d", shape.name, n), func(b *testing.B) {
				src := shape.gen(n)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					auditTime(b, src, n)
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(3*b.N*n), "ns/call") // auditTime runs three audits
			})
		}
	}
}

// auditTime audits src as one file with every rule and returns the best
// wall time of three runs; every call must be reported.
func auditTime(t testing.TB, src string, calls int) time.Duration {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "gen.py"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	best := time.Duration(0)
	for i := 0; i < 3; i++ {
		start := time.Now()
		res, err := analyzer.Run(context.Background(), analyzer.Options{
			Paths: []string{dir}, Rules: rules.All(), Collectors: rules.Collectors(), Workers: 1,
		})
		elapsed := time.Since(start)
		if err != nil {
			t.Fatal(err)
		}
		found := 0
		for _, f := range res.Findings {
			if f.Rule.Code == "FA102" {
				found++
			}
		}
		if found != calls {
			t.Fatalf("%d FA102 findings for %d blocking calls", found, calls)
		}
		if best == 0 || elapsed < best {
			best = elapsed
		}
	}
	return best
}
