package rules

import (
	"context"
	"fmt"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// TestNoTreeUseAfterRelease audits every fixture with every rule twice: once
// as usual, once with released trees overwritten. The runner releases a
// file's tree to its parser for reuse when the file's phase ends, so a
// deferred verdict or a fact that kept a syntax node would read another
// file's nodes; with poisoning it reads "released-tree" nodes instead, and
// the findings differ.
func TestNoTreeUseAfterRelease(t *testing.T) {
	audit := func() []string {
		res, err := analyzer.Run(context.Background(), analyzer.Options{
			Paths: []string{"../testdata/rules", "../testdata/projects"}, Rules: All(), Collectors: Collectors(), Workers: 2,
		})
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(res.Findings))
		for i, f := range res.Findings {
			out[i] = fmt.Sprintf("%s:%d:%d %s %s", f.Path, f.Line, f.Column, f.Rule.Code, f.Message)
		}
		return out
	}
	want := audit()
	pyast.PoisonReleased = true
	defer func() { pyast.PoisonReleased = false }()
	got := audit()
	if len(want) < 100 {
		t.Fatalf("only %d findings: the fixtures did not run", len(want))
	}
	if len(got) != len(want) {
		t.Fatalf("%d findings with released trees poisoned, %d without", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("a check read a released tree:\n got %s\nwant %s", got[i], want[i])
		}
	}
}
