package rules

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
)

// Fixtures live in testdata/rules/<CODE>/: each .py file is audited alone and
// each directory as one project. A line that must be reported ends with a
// comment `# want: FA101` (several codes may follow). Only the fixture's rule
// and the engine diagnostics are enabled, so the harness fails on any finding
// of them that is not wanted and on any wanted finding that is missing.

var wantRE = regexp.MustCompile(`#\s*want:\s*((?:FA\d{3}[\s,]*)+)`)

func TestFixtures(t *testing.T) {
	base := filepath.Join("..", "testdata", "rules")
	codes, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, dir := range codes {
		code := dir.Name()
		rule := ByCode(code)
		if rule == nil {
			t.Errorf("testdata/rules/%s: no rule with that code", code)
			continue
		}
		seen[code] = true
		entries, err := os.ReadDir(filepath.Join(base, code))
		if err != nil {
			t.Fatal(err)
		}
		enabled := append([]*analyzer.Rule{rule}, analyzer.Diagnostics()...)
		for _, e := range entries {
			target := filepath.Join(base, code, e.Name())
			if !e.IsDir() && !strings.HasSuffix(e.Name(), ".py") {
				continue
			}
			t.Run(code+"/"+e.Name(), func(t *testing.T) {
				checkFixture(t, target, enabled)
			})
		}
	}
	for _, r := range All() {
		if r.CheckModule == nil && r.CheckProject == nil {
			continue // engine diagnostics have their own tests
		}
		if !seen[r.Code] {
			t.Errorf("rule %s has no fixtures in testdata/rules/%s", r.Code, r.Code)
		}
	}
}

// projectModelCodes are the rules that need the whole-application model
// (sessions, dependencies, ORM models and calls across modules). The
// end-to-end projects in testdata/projects/ are audited with them: a sync
// app split into database/models/routers/services, an async app with
// Annotated dependency aliases and routers included with prefixes, and an
// app with authentication on some routers.
var projectModelCodes = []string{"FA101", "FA103", "FA105", "FA107", "FA211", "FA213", "FA302"}

func TestProjects(t *testing.T) {
	enabled := analyzer.Diagnostics()
	for _, code := range projectModelCodes {
		r := ByCode(code)
		if r == nil {
			t.Fatalf("no rule %s", code)
		}
		enabled = append(enabled, r)
	}
	base := filepath.Join("..", "testdata", "projects")
	entries, err := os.ReadDir(base)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) < 3 {
		t.Fatalf("expected at least 3 end-to-end projects in %s", base)
	}
	for _, e := range entries {
		if e.IsDir() {
			target := filepath.Join(base, e.Name())
			t.Run(e.Name(), func(t *testing.T) { checkFixture(t, target, enabled) })
		}
	}
}

// checkFixture audits target and compares findings with the want markers of
// the enabled codes.
func checkFixture(t *testing.T, target string, enabled []*analyzer.Rule) {
	t.Helper()
	target, err := filepath.Abs(target)
	if err != nil {
		t.Fatal(err)
	}
	res, err := analyzer.Run(context.Background(), analyzer.Options{Paths: []string{target}, Rules: enabled, Collectors: Collectors()})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, r := range enabled {
		codes[r.Code] = true
	}
	want, err := wantMarkers(target, res.Root, codes)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	messages := map[string]string{}
	for _, f := range res.Findings {
		key := fmt.Sprintf("%s:%d: %s", f.Path, f.Line, f.Rule.Code)
		got[key]++
		messages[key] = f.Message
		if f.Message == "" {
			t.Errorf("%s: empty message", key)
		}
	}
	var missing, unexpected []string
	for k, n := range want {
		if got[k] < n {
			missing = append(missing, k)
		}
	}
	for k, n := range got {
		if want[k] < n {
			unexpected = append(unexpected, k+" — "+messages[k])
		}
	}
	sort.Strings(missing)
	sort.Strings(unexpected)
	for _, k := range missing {
		t.Errorf("missing finding: %s", k)
	}
	for _, k := range unexpected {
		t.Errorf("unexpected finding: %s", k)
	}
}

func wantMarkers(target, root string, codes map[string]bool) (map[string]int, error) {
	want := map[string]int{}
	err := filepath.WalkDir(target, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".py") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		for i, line := range strings.Split(string(data), "\n") {
			m := wantRE.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			for _, code := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
				if codes[code] {
					want[fmt.Sprintf("%s:%d: %s", rel, i+1, code)]++
				}
			}
		}
		return nil
	})
	return want, err
}
