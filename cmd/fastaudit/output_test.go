package main

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/rules"
)

type jsonFindings struct {
	Findings []struct {
		Code     string `json:"code"`
		Name     string `json:"name"`
		Severity string `json:"severity"`
		Path     string `json:"path"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Message  string `json:"message"`
	} `json:"findings"`
}

func fixtureFindings(t *testing.T, args ...string) jsonFindings {
	t.Helper()
	_, out, _ := runCLI(t, append([]string{"--format", "json"}, args...)...)
	var j jsonFindings
	if err := json.Unmarshal([]byte(out), &j); err != nil {
		t.Fatal(err)
	}
	if len(j.Findings) == 0 {
		t.Fatal("fixture has no findings")
	}
	return j
}

var statLine = regexp.MustCompile(`^ {2,}(\d+)  (FA\d{3})  \[(error|warning|note)\] +(\S+)$`)

func TestStatisticsFlag(t *testing.T) {
	j := fixtureFindings(t, "../../testdata")
	want := map[string]int{}
	for _, f := range j.Findings {
		want[f.Code]++
	}
	code, out, errOut := runCLI(t, "--statistics", "--no-color", "../../testdata")
	if code != 1 || errOut != "" {
		t.Fatalf("exit %d (want 1: the exit code does not change), stderr %q", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d lines for %d rules:\n%s", len(lines), len(want), out)
	}
	prevCount, prevCode := 1<<30, ""
	for _, line := range lines {
		m := statLine.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("line %q does not look like '  12  FA101  [error] name'", line)
		}
		n, _ := strconv.Atoi(m[1])
		if n != want[m[2]] {
			t.Errorf("%s: count %d, json has %d", m[2], n, want[m[2]])
		}
		if r := rules.ByCode(m[2]); r == nil || r.Name != m[4] {
			t.Errorf("%s: name %q", m[2], m[4])
		}
		if n > prevCount || (n == prevCount && m[2] < prevCode) {
			t.Errorf("not sorted by count, then code: %q after %d %s", line, prevCount, prevCode)
		}
		prevCount, prevCode = n, m[2]
	}
	if c, _, _ := runCLI(t, "--statistics", "--exit-zero", "../../testdata"); c != 0 {
		t.Errorf("--statistics --exit-zero: exit %d", c)
	}

	code, out, _ = runCLI(t, "--statistics", "--format", "json", "../../testdata")
	var stats []struct {
		Code  string `json:"code"`
		Count int    `json:"count"`
	}
	if err := json.Unmarshal([]byte(out), &stats); code != 1 || err != nil || len(stats) != len(want) {
		t.Fatalf("json statistics: exit %d, %v, %d entries", code, err, len(stats))
	}
	for _, s := range stats {
		if s.Count != want[s.Code] {
			t.Errorf("json %s: %d, want %d", s.Code, s.Count, want[s.Code])
		}
	}
	for _, format := range []string{"sarif", "github", "markdown"} {
		if c, _, errOut := runCLI(t, "--statistics", "--format", format, fixtureApp); c != 2 || !strings.Contains(errOut, "--statistics") {
			t.Errorf("--statistics --format %s: exit %d, stderr %q", format, c, errOut)
		}
	}
}

func TestShowSourceFlag(t *testing.T) {
	j := fixtureFindings(t, fixtureApp)
	code, out, _ := runCLI(t, "--show-source", "--no-color", "-q", fixtureApp)
	if code != 1 {
		t.Fatalf("exit %d", code)
	}
	blocks := strings.Split(strings.TrimSuffix(out, "\n\n"), "\n\n")
	if len(blocks) != len(j.Findings) {
		t.Fatalf("%d blocks for %d findings:\n%s", len(blocks), len(j.Findings), out)
	}
	for i, b := range blocks {
		f := j.Findings[i]
		lines := strings.Split(b, "\n")
		if len(lines) != 5 || !strings.HasPrefix(lines[0], f.Path+":"+strconv.Itoa(f.Line)+":") {
			t.Errorf("block %d:\n%s", i, b)
			continue
		}
		src, err := os.ReadFile(filepath.Join(fixtureApp, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		num := strconv.Itoa(f.Line)
		gutter := strings.Repeat(" ", len(num)) + " |"
		wantLine := num + " | " + strings.TrimRight(strings.Split(string(src), "\n")[f.Line-1], " \r")
		if lines[1] != gutter || lines[2] != wantLine || lines[4] != gutter {
			t.Errorf("block %d: gutter or source line wrong:\n%s\nwant line %q", i, b, wantLine)
		}
		// The fixture is ASCII without tabs: the carets start at the column.
		carets := lines[3]
		if !strings.HasPrefix(carets, gutter+" ") || strings.Index(carets, "^") != len(gutter)+f.Column {
			t.Errorf("block %d: caret line %q does not start at column %d", i, carets, f.Column)
		}
	}
}

func TestNewFormatsAgree(t *testing.T) {
	j := fixtureFindings(t, fixtureApp)
	n := len(j.Findings)

	_, gh, _ := runCLI(t, "--format", "github", fixtureApp)
	ghLines := strings.Split(strings.TrimSuffix(gh, "\n"), "\n")
	if len(ghLines) != n {
		t.Fatalf("github: %d lines, %d findings", len(ghLines), n)
	}
	for i, line := range ghLines {
		f := j.Findings[i]
		want := "::" + map[string]string{"error": "error", "warning": "warning", "note": "notice"}[f.Severity] +
			" file=" + f.Path + ",line=" + strconv.Itoa(f.Line) + ",col=" + strconv.Itoa(f.Column) + ","
		if !strings.HasPrefix(line, want) || !strings.Contains(line, ",title="+f.Code+" "+f.Name+"::") {
			t.Errorf("github line %d = %q, want prefix %q", i, line, want)
		}
	}

	_, jl, _ := runCLI(t, "--format", "json-lines", fixtureApp)
	if got := strings.Count(jl, "\n"); got != n {
		t.Errorf("json-lines: %d lines, %d findings", got, n)
	}

	_, gl, _ := runCLI(t, "--format", "gitlab", fixtureApp)
	var issues []struct {
		CheckName   string `json:"check_name"`
		Fingerprint string `json:"fingerprint"`
	}
	if err := json.Unmarshal([]byte(gl), &issues); err != nil || len(issues) != n {
		t.Errorf("gitlab: %v, %d issues for %d findings", err, len(issues), n)
	}

	_, ju, _ := runCLI(t, "--format", "junit", fixtureApp)
	var suites struct {
		Suite struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Failures []struct{} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal([]byte(ju), &suites); err != nil {
		t.Fatal(err)
	}
	failures := 0
	for _, c := range suites.Suite.Cases {
		failures += len(c.Failures)
	}
	if suites.Suite.Name != "fastaudit" || failures != n {
		t.Errorf("junit: suite %q, %d failures for %d findings", suites.Suite.Name, failures, n)
	}

	_, md, _ := runCLI(t, "--format", "markdown", fixtureApp)
	if !strings.HasPrefix(md, "## fastaudit\n") || !strings.Contains(md, "| "+j.Findings[0].Code+" |") {
		t.Errorf("markdown:\n%s", md)
	}
}

// TestGitLabFingerprintsSurviveEdits runs the CLI twice: inserting lines
// above the findings (and re-indenting nothing else) keeps every
// fingerprint, while the line numbers move.
func TestGitLabFingerprintsSurviveEdits(t *testing.T) {
	const app = `from fastapi import Depends, FastAPI
from sqlalchemy.orm import Session

from .db import get_db, User

app = FastAPI()


@app.get("/users")
async def list_users(db: Session = Depends(get_db)):
    return db.query(User).all()


@app.get("/users/all")
async def all_users(db: Session = Depends(get_db)):
    return db.query(User).all()
`
	dir := t.TempDir()
	path := filepath.Join(dir, "main.py")
	type issue struct {
		Fingerprint string `json:"fingerprint"`
		Location    struct {
			Lines struct {
				Begin int `json:"begin"`
			} `json:"lines"`
		} `json:"location"`
	}
	audit := func(src string) []issue {
		t.Helper()
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		_, out, errOut := runCLI(t, "--select", "FA101", "--format", "gitlab", dir)
		var got []issue
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("%v: %s %s", err, out, errOut)
		}
		return got
	}
	before := audit(app)
	if len(before) != 2 || before[0].Fingerprint == before[1].Fingerprint {
		t.Fatalf("fixture: want two FA101 findings with distinct fingerprints: %+v", before)
	}
	after := audit(strings.Replace(app, "app = FastAPI()\n", "import logging\n\nlog = logging.getLogger(__name__)\n\napp = FastAPI()\n", 1))
	if len(after) != 2 {
		t.Fatalf("after the edit: %+v", after)
	}
	for i := range before {
		if after[i].Location.Lines.Begin != before[i].Location.Lines.Begin+4 {
			t.Errorf("finding %d: line %d → %d, want +4", i, before[i].Location.Lines.Begin, after[i].Location.Lines.Begin)
		}
		if after[i].Fingerprint != before[i].Fingerprint {
			t.Errorf("finding %d: fingerprint changed when lines were inserted above", i)
		}
	}
}

func TestNoProgressWithoutTerminal(t *testing.T) {
	code, _, errOut := runCLI(t, "--no-color", "../../testdata")
	if code != 1 || errOut != "" {
		t.Errorf("exit %d, stderr %q: the progress line is for terminals only", code, errOut)
	}
	if isTerminal(&bytes.Buffer{}) {
		t.Errorf("a buffer is a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f) {
		t.Errorf("a regular file is a terminal")
	}
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time { return c.t }

func TestProgressLine(t *testing.T) {
	var buf bytes.Buffer
	clock := &fakeClock{t: time.Unix(1000, 0)}
	p := &progressLine{w: &buf, now: clock.now, start: clock.t, delay: time.Second, interval: 100 * time.Millisecond}

	clock.t = clock.t.Add(500 * time.Millisecond)
	p.update(1, 400)
	if buf.Len() != 0 {
		t.Fatalf("shown before the delay: %q", buf.String())
	}
	clock.t = clock.t.Add(600 * time.Millisecond)
	p.update(120, 400)
	if got := buf.String(); got != "\rfastaudit: 120/400 files" {
		t.Fatalf("got %q", got)
	}
	buf.Reset()
	clock.t = clock.t.Add(50 * time.Millisecond)
	p.update(121, 400)
	if buf.Len() != 0 {
		t.Errorf("updated within the interval: %q", buf.String())
	}
	clock.t = clock.t.Add(10 * time.Millisecond)
	p.update(400, 400)
	if got := buf.String(); got != "\rfastaudit: 400/400 files" {
		t.Errorf("the last file is always shown: %q", got)
	}
	buf.Reset()
	p.clear()
	if got := buf.String(); got != "\r"+strings.Repeat(" ", len("fastaudit: 400/400 files"))+"\r" {
		t.Errorf("clear wrote %q", got)
	}
	buf.Reset()
	p.clear()
	if buf.Len() != 0 {
		t.Errorf("second clear wrote %q", buf.String())
	}
	var nilLine *progressLine
	nilLine.clear()

	// A run that ends within the delay shows nothing, and clear then writes nothing.
	buf.Reset()
	quick := newProgressLine(&buf)
	quick.update(1, 2)
	quick.update(2, 2)
	quick.clear()
	if buf.Len() != 0 {
		t.Errorf("quick run wrote %q", buf.String())
	}
}

// TestProgressCallback checks what runCheck relies on: one serialized call
// per file, done counting up to the total.
func TestProgressCallback(t *testing.T) {
	var dones []int
	totals := map[int]bool{}
	res, err := analyzer.Run(context.Background(), analyzer.Options{
		Paths: []string{"../../testdata"}, Rules: rules.All(), Workers: 4, Collectors: rules.Collectors(),
		Progress: func(done, total int) {
			dones = append(dones, done) // no lock: calls are serialized (the race detector checks it)
			totals[total] = true
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(dones) != res.Files || len(totals) != 1 || !totals[res.Files] {
		t.Fatalf("%d calls, totals %v, for %d files", len(dones), totals, res.Files)
	}
	if !sort.IntsAreSorted(dones) || dones[0] != 1 || dones[len(dones)-1] != res.Files {
		t.Errorf("done values %v", dones)
	}
}
