package main

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/rules"
)

var update = flag.Bool("update", false, "rewrite generated sections of the README")

const (
	tableBegin = "<!-- rules:begin -->\n"
	tableEnd   = "<!-- rules:end -->"
)

// TestReadmeRuleTable fails when the README's rule table is not the one the
// registry generates.
func TestReadmeRuleTable(t *testing.T) {
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, tableBegin), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the %q ... %q markers", tableBegin, tableEnd)
	}
	want := readme[:i+len(tableBegin)] + rules.MarkdownTable() + readme[j:]
	if want == readme {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md rule table is stale; run: go test ./cmd/fastaudit -run TestReadme -update")
}
