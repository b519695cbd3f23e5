package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRoutesListing pins the application graph of every project under
// testdata/appgraph against its .routes.txt golden: routers in several
// modules, re-exports, include prefixes, dependencies from app, router,
// route and Annotated aliases (teams); mounted sub-applications and
// prefixes named by constants and settings fields (mounted); the code blocks
// of a Markdown answer, located by lines of the document (answer.md);
// imports from a package boundary below the topmost package (nested);
// routers included in a loop and a package re-exporting a router under its
// submodule's name (loops); star imports and a package shadowing a module
// of the same name (stars); class-based views' Depends attributes (views).
func TestRoutesListing(t *testing.T) {
	entries, err := os.ReadDir("../../testdata/appgraph")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() || filepath.Ext(e.Name()) == ".md" {
			dirs = append(dirs, "../../testdata/appgraph/"+e.Name())
		}
	}
	if len(dirs) < 2 {
		t.Fatalf("want at least two fixture projects under testdata/appgraph, got %v", dirs)
	}
	for _, dir := range dirs {
		golden := dir + ".routes.txt"
		t.Run(filepath.Base(dir), func(t *testing.T) {
			code, out, errOut := runCLI(t, "routes", dir)
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
		})
	}
}

// TestRoutesOfAPackageRoot audits a directory that is itself a package
// (`fastaudit routes backend/app`, the way `fastaudit ./app` is run): the
// code imports `app.api.router`, so modules are named from above the root
// and the router is found mounted, as it is when its parent is audited.
func TestRoutesOfAPackageRoot(t *testing.T) {
	for _, dir := range []string{"backend/app", "backend"} {
		t.Run(dir, func(t *testing.T) {
			code, out, errOut := runCLI(t, "routes", "../../testdata/appgraph/nested/"+dir)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			for _, want := range []string{"/api/items/{item_id}", "/api/items/ ", "require_token"} {
				if !strings.Contains(out, want) {
					t.Errorf("want %q in:\n%s", want, out)
				}
			}
			if strings.Contains(out, "not mounted") {
				t.Errorf("routes left unmounted:\n%s", out)
			}
		})
	}
}
