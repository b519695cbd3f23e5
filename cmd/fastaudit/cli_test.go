package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/report/sarifcheck"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

const fixtureApp = "../../testdata/rules/FA101/crossmodule"

func TestCheckIsDefaultCommand(t *testing.T) {
	c1, out1, _ := runCLI(t, "--no-color", fixtureApp)
	c2, out2, _ := runCLI(t, "check", "--no-color", fixtureApp)
	if c1 != 1 || c2 != 1 {
		t.Fatalf("exit codes %d %d, want 1 (findings)", c1, c2)
	}
	if out1 != out2 || !strings.Contains(out1, "FA101 [error]") {
		t.Fatalf("outputs differ or lack FA101:\n%s\n---\n%s", out1, out2)
	}
	if !strings.Contains(out1, "app/routers/users.py:") {
		t.Errorf("paths are not relative to the audited root:\n%s", out1)
	}
}

func TestExitCodes(t *testing.T) {
	if c, _, _ := runCLI(t, "--exit-zero", fixtureApp); c != 0 {
		t.Errorf("--exit-zero: exit %d", c)
	}
	if c, _, _ := runCLI(t, "--select", "FA0", fixtureApp); c != 0 {
		t.Errorf("no FA0 findings expected: exit %d", c)
	}
	if c, _, _ := runCLI(t, "--select", "FA1", "--ignore", "FA101", fixtureApp); c != 0 {
		t.Errorf("--ignore FA101: exit %d", c)
	}
	if c, _, errOut := runCLI(t, "--select", "XX9", fixtureApp); c != 2 || !strings.Contains(errOut, "XX9") {
		t.Errorf("unknown code: exit %d, stderr %q", c, errOut)
	}
	if c, _, _ := runCLI(t, "--format", "yaml", fixtureApp); c != 2 {
		t.Errorf("bad format: exit %d", c)
	}
	if c, _, _ := runCLI(t, "does/not/exist"); c != 2 {
		t.Errorf("missing path: exit %d", c)
	}
	if c, _, _ := runCLI(t, "--no-such-flag"); c != 2 {
		t.Errorf("bad flag: exit %d", c)
	}
}

func TestFailOn(t *testing.T) {
	dir := t.TempDir()
	// FA101 is an error: --fail-on error still fails.
	if c, _, _ := runCLI(t, "--fail-on", "error", fixtureApp); c != 1 {
		t.Errorf("--fail-on error with an error finding: exit %d", c)
	}
	cfg := filepath.Join(dir, "cfg.yaml")
	os.WriteFile(cfg, []byte("severity:\n  FA101: note\n"), 0o644)
	if c, _, _ := runCLI(t, "--config", cfg, "--select", "FA1", "--fail-on", "warning", fixtureApp); c != 0 {
		t.Errorf("FA101 downgraded to note with --fail-on warning: exit %d", c)
	}
	os.WriteFile(cfg, []byte("selcet: [FA1]\n"), 0o644)
	if c, _, errOut := runCLI(t, "--config", cfg, fixtureApp); c != 2 || !strings.Contains(errOut, "selcet") {
		t.Errorf("unknown config key: exit %d, stderr %q", c, errOut)
	}
}

func TestFormatsAgree(t *testing.T) {
	_, text, _ := runCLI(t, "--no-color", "-q", fixtureApp)
	_, js, _ := runCLI(t, "--format", "json", fixtureApp)
	_, sf, _ := runCLI(t, "--format", "sarif", fixtureApp)
	var j struct {
		Findings []struct {
			Code string `json:"code"`
			Path string `json:"path"`
			Line int    `json:"line"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(js), &j); err != nil {
		t.Fatal(err)
	}
	var s struct {
		Runs []struct {
			Results []struct {
				RuleID    string `json:"ruleId"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sf), &s); err != nil {
		t.Fatal(err)
	}
	textLines := strings.Split(strings.TrimSpace(text), "\n")
	if len(j.Findings) == 0 || len(j.Findings) != len(s.Runs[0].Results) || len(j.Findings) != len(textLines) {
		t.Fatalf("json %d, sarif %d, text %d findings", len(j.Findings), len(s.Runs[0].Results), len(textLines))
	}
	for i, f := range j.Findings {
		r := s.Runs[0].Results[i]
		loc := r.Locations[0].PhysicalLocation
		if r.RuleID != f.Code || loc.ArtifactLocation.URI != f.Path || loc.Region.StartLine != f.Line {
			t.Errorf("finding %d differs: json %+v sarif %+v", i, f, r)
		}
		if !strings.HasPrefix(textLines[i], f.Path+":") || !strings.Contains(textLines[i], f.Code) {
			t.Errorf("finding %d differs: json %+v text %q", i, f, textLines[i])
		}
	}
	sarifcheck.Check(t, []byte(sf))
}

func TestSARIFOfAllFixturesValidates(t *testing.T) {
	_, sf, _ := runCLI(t, "--format", "sarif", "../../testdata")
	sarifcheck.Check(t, []byte(sf))
}

func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.sarif")
	os.WriteFile(out, bytes.Repeat([]byte("x"), 1<<20), 0o644) // a longer old report must not leave a tail
	if c, stdout, _ := runCLI(t, "--format", "sarif", "--output", out, fixtureApp); c != 1 || stdout != "" {
		t.Fatalf("exit %d, stdout %q", c, stdout)
	}
	data, _ := os.ReadFile(out)
	sarifcheck.Check(t, data)
}

func TestRulesExplainVersion(t *testing.T) {
	c, out, _ := runCLI(t, "rules")
	if c != 0 || !strings.Contains(out, "FA101  sync-db-in-async") {
		t.Errorf("rules: %d %q", c, out)
	}
	c, out, _ = runCLI(t, "rules", "--format", "json")
	var rs []map[string]any
	if err := json.Unmarshal([]byte(out), &rs); c != 0 || err != nil || len(rs) < 4 {
		t.Errorf("rules --format json: %d %v", c, err)
	}
	c, out, _ = runCLI(t, "rules", "--format", "markdown")
	if c != 0 || !strings.Contains(out, "| FA101 | sync-db-in-async |") {
		t.Errorf("rules markdown: %q", out)
	}
	c, out, _ = runCLI(t, "explain", "fa101")
	for _, s := range []string{"FA101 sync-db-in-async", "## What it does", "## Why is this bad?", "## Example", "## Use instead"} {
		if !strings.Contains(out, s) {
			t.Errorf("explain lacks %q:\n%s", s, out)
		}
	}
	if c, _, _ := runCLI(t, "explain", "FA999"); c != 2 {
		t.Errorf("explain unknown: exit %d", c)
	}
	if c, out, _ := runCLI(t, "version"); c != 0 || !strings.HasPrefix(out, "fastaudit ") {
		t.Errorf("version: %q", out)
	}
}

// TestNoProjectRules: whole-project checks (here FA702, no tests) are skipped
// on request, for partial input such as a pre-commit file list.
func TestNoProjectRules(t *testing.T) {
	if c, out, _ := runCLI(t, "--select", "FA702", "-q", fixtureApp); c != 1 || !strings.Contains(out, "FA702") {
		t.Fatalf("FA702 should fire on a project without tests: exit %d, %q", c, out)
	}
	if c, out, _ := runCLI(t, "--select", "FA702", "--no-project-rules", "-q", fixtureApp); c != 0 || out != "" {
		t.Errorf("--no-project-rules: exit %d, %q", c, out)
	}
}
