package main

import (
	"encoding/json"
	"testing"
)

// TestExampleApp checks the README's first command: the bundled app yields
// findings from at least five rules, and JSON and SARIF carry the same ones.
func TestExampleApp(t *testing.T) {
	const app = "../../examples/agent-app"
	code, js, errOut := runCLI(t, "--format", "json", app)
	if code != 1 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	var j struct {
		Findings []struct{ Code, Path string } `json:"findings"`
	}
	if err := json.Unmarshal([]byte(js), &j); err != nil {
		t.Fatal(err)
	}
	codes := map[string]int{}
	for _, f := range j.Findings {
		codes[f.Code]++
		if f.Code < "FA100" {
			t.Errorf("analysis finding in the example app: %+v", f)
		}
	}
	if len(codes) < 5 {
		t.Errorf("findings from %d rules (%v), want at least 5", len(codes), codes)
	}
	_, sf, _ := runCLI(t, "--format", "sarif", app)
	var s struct {
		Runs []struct {
			Results []struct {
				RuleID string `json:"ruleId"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal([]byte(sf), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.Runs) != 1 || len(s.Runs[0].Results) != len(j.Findings) {
		t.Fatalf("sarif has a different number of results than json (%d)", len(j.Findings))
	}
	for i, r := range s.Runs[0].Results {
		if r.RuleID != j.Findings[i].Code {
			t.Errorf("result %d: sarif %s, json %s", i, r.RuleID, j.Findings[i].Code)
		}
	}
}
