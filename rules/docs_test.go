package rules

import (
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update", false, "rewrite generated documentation")

// TestGeneratedDocs fails when docs/rules.md or a docs/rules/<CODE>.md page
// differs from what the registry generates, or when a stale page is left.
func TestGeneratedDocs(t *testing.T) {
	root := filepath.Join("..")
	want := GenerateDocs()
	if *updateDocs {
		os.RemoveAll(filepath.Join(root, "docs", "rules"))
		for rel, content := range want {
			p := filepath.Join(root, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var stale []string
	for rel, content := range want {
		got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil || string(got) != content {
			stale = append(stale, rel)
		}
	}
	pages, _ := filepath.Glob(filepath.Join(root, "docs", "rules", "*.md"))
	for _, p := range pages {
		if _, ok := want["docs/rules/"+filepath.Base(p)]; !ok {
			stale = append(stale, "docs/rules/"+filepath.Base(p)+" (no such rule)")
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		t.Errorf("generated docs are stale: %s\nrun: go test ./rules -run TestGeneratedDocs -update", strings.Join(stale, ", "))
	}
}

// TestEveryRuleIsDocumented: the sections every rule page must have.
func TestEveryRuleIsDocumented(t *testing.T) {
	for _, r := range All() {
		d := r.Doc
		if r.Summary == "" || d.What == "" || d.Why == "" || d.Example == "" || d.UseInstead == "" {
			t.Errorf("%s: summary, what, why, example and use-instead are all required", r.Code)
		}
		if r.Name == "" || r.Precision == "" || r.Since == "" || r.Severity == 0 {
			t.Errorf("%s: name, precision, since and severity are required", r.Code)
		}
		if r.IsSecurity() && (r.SecuritySeverity <= 0 || len(r.CWE) == 0) {
			t.Errorf("%s: security rules need security-severity and CWE", r.Code)
		}
	}
}
