package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const scoreFixtures = "../../testdata/score"

func TestScoreFormats(t *testing.T) {
	sloppy := filepath.Join(scoreFixtures, "sloppy.md")
	code, out, errOut := runCLI(t, "score", sloppy)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"Score 37.2 (F)", "4 handlers", "Async correctness", "16.7", "no tests: each of the 4 handlers counts as one warning", "FA102×5"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out)
		}
	}

	code, out, _ = runCLI(t, "score", "--format", "json", sloppy)
	var rep struct {
		Overall    float64 `json:"overall"`
		Grade      string  `json:"grade"`
		Principles []struct {
			Principle  string  `json:"principle"`
			Applicable bool    `json:"applicable"`
			Score      float64 `json:"score"`
		} `json:"principles"`
		Rules map[string]int `json:"rules"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil || code != 0 {
		t.Fatalf("exit %d, json: %v\n%s", code, err, out)
	}
	if rep.Overall != 37.2 || rep.Grade != "F" || len(rep.Principles) != 8 || rep.Principles[1].Score != 23.5 || rep.Rules["FA209"] != 1 {
		t.Errorf("json report: %+v", rep)
	}

	_, out, _ = runCLI(t, "score", "--format", "markdown", filepath.Join(scoreFixtures, "snippet.py"))
	for _, want := range []string{"## fastaudit score: 85.7 (B)", "| Security | 100.0 |", "| Testing | n/a |"} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown output lacks %q:\n%s", want, out)
		}
	}
}

func TestScoreExitCodes(t *testing.T) {
	sloppy := filepath.Join(scoreFixtures, "sloppy.md")
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"score", sloppy}, 0},                           // a score is not a verdict
		{[]string{"score", "--min-score", "37", sloppy}, 0},      // 37.2 >= 37
		{[]string{"score", "--min-score", "37.3", sloppy}, 1},    // below
		{[]string{"score", "--format", "sarif", sloppy}, 2},      // not a score format
		{[]string{"score", "--group-by", "model", sloppy}, 2},    // batch only
		{[]string{"score", "--batch", scoreFixtures, sloppy}, 2}, // both
		{[]string{"score", "--select", "XX1", sloppy}, 2},
		{[]string{"score", "does/not/exist"}, 2},
		{[]string{"score", "--batch", "does/not/exist.jsonl"}, 2},
	}
	for _, c := range cases {
		if code, _, errOut := runCLI(t, c.args...); code != c.want {
			t.Errorf("%v: exit %d, want %d (stderr %q)", c.args, code, c.want, errOut)
		}
	}
}

func TestScoreSelectIgnore(t *testing.T) {
	_, out, _ := runCLI(t, "score", "--format", "json", "--select", "FA2", "--ignore", "FA201", filepath.Join(scoreFixtures, "sloppy.md"))
	var rep struct {
		Rules      map[string]int `json:"rules"`
		Principles []struct {
			Applicable bool `json:"applicable"`
		} `json:"principles"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Rules["FA201"] != 0 || rep.Rules["FA209"] != 1 || rep.Rules["FA102"] != 0 {
		t.Errorf("rules %v", rep.Rules)
	}
	for i, p := range rep.Principles {
		if p.Applicable != (i == 1) {
			t.Errorf("principle %d applicable=%v with only security rules selected", i, p.Applicable)
		}
	}
}

func TestScoreBatchCLI(t *testing.T) {
	dir := t.TempDir()
	lines, summary := filepath.Join(dir, "out.jsonl"), filepath.Join(dir, "summary.md")
	code, out, errOut := runCLI(t, "score", "--batch", filepath.Join(scoreFixtures, "batch.jsonl"), "--group-by", "model",
		"--format", "markdown", "--output", lines, "--summary", summary, "--jobs", "2")
	if code != 0 || out != "" || errOut != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	got, err := os.ReadFile(lines)
	if err != nil {
		t.Fatal(err)
	}
	want, err := os.ReadFile(filepath.Join(scoreFixtures, "batch.out.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("--output differs from testdata/score/batch.out.jsonl:\n%s", got)
	}
	md, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{`## Batch: 9 samples, 0 could not be audited; grouped by "model"`,
		"| overall (mean / median) | 64.3 / 80.0 | 94.9 / 100.0 | 74.2 / 80.0 | 23.7 / 34.0 |",
		"| FA201 | 22.2% (22.2%) | 0.0% (0.0%) | 0.0% (0.0%) | 66.7% (66.7%) |"} {
		if !strings.Contains(string(md), w) {
			t.Errorf("summary lacks %q:\n%s", w, md)
		}
	}

	// Without --output and --summary: JSON Lines on stdout, summary on stderr.
	code, out, errOut = runCLI(t, "score", "--batch", scoreFixtures, "--min-score", "70")
	if code != 1 {
		t.Errorf("directory batch with --min-score 70: exit %d, want 1 (mean 61.1)", code)
	}
	if n := strings.Count(out, "\n"); n != 5 || !strings.HasPrefix(out, `{"id":"broken.md",`) {
		t.Errorf("stdout: %d lines\n%s", n, out)
	}
	if !strings.Contains(errOut, "overall (mean / median)") || !strings.Contains(errOut, "61.1 / 83.3") {
		t.Errorf("stderr summary:\n%s", errOut)
	}
}

// TestScoringDocExample keeps the worked example of docs/scoring.md in step
// with the command.
func TestScoringDocExample(t *testing.T) {
	doc, err := os.ReadFile("../../docs/scoring.md")
	if err != nil {
		t.Fatal(err)
	}
	_, out, _ := runCLI(t, "score", filepath.Join(scoreFixtures, "sloppy.md"))
	if !strings.Contains(string(doc), "```\n"+out+"```\n") {
		t.Errorf("docs/scoring.md does not show the output of `fastaudit score testdata/score/sloppy.md`:\n%s", out)
	}
}

// TestScoreHTML checks the wiring of --format html: the single score is the
// check page (scores, then findings), the batch summary is the comparison
// page and needs a file.
func TestScoreHTML(t *testing.T) {
	code, out, errOut := runCLI(t, "score", "--format", "html", filepath.Join(scoreFixtures, "sloppy.md"))
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	for _, want := range []string{"<!DOCTYPE html>", "37.2", "FA102"} {
		if !strings.Contains(out, want) {
			t.Errorf("html score lacks %q", want)
		}
	}

	batch := filepath.Join(scoreFixtures, "batch.jsonl")
	code, _, errOut = runCLI(t, "score", "--batch", batch, "--format", "html")
	if code != 2 || !strings.Contains(errOut, "--summary") {
		t.Errorf("batch html without --summary: exit %d, stderr %q", code, errOut)
	}
	page := filepath.Join(t.TempDir(), "batch.html")
	code, out, errOut = runCLI(t, "score", "--batch", batch, "--group-by", "model", "--format", "html", "--summary", page)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if strings.Count(out, "\n") != 9 {
		t.Errorf("want the 9 JSON lines on stdout, got:\n%s", out)
	}
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "model-a", "model-b", "model-c", "<svg"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("batch page lacks %q", want)
		}
	}
}
