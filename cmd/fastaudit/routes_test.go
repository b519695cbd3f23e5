package main

import (
	"os"
	"testing"
)

// TestRoutesListing pins the application graph of a project where routers
// live in several modules, are re-exported and included with prefixes, and
// dependencies come from app, router, route and Annotated aliases.
func TestRoutesListing(t *testing.T) {
	const golden = "../../testdata/appgraph/teams.routes.txt"
	code, out, errOut := runCLI(t, "routes", "../../testdata/appgraph/teams")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if *update {
		if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if out != string(want) {
		t.Errorf("routes listing differs from %s (rerun with -update after checking):\n%s", golden, out)
	}
}
