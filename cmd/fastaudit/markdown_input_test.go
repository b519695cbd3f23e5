package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/rules"
)

const markdownAnswer = "../../testdata/markdown/answer.md"

// The answer has prose, a bash block, an app block (`# main.py`), a models
// block (`**models.py**` above it), a yaml block, a test block
// (`# tests/test_main.py`) that requests /weather only, and a `main.py
// (continued)` block indented in a list item with a noqa comment.
func TestCheckMarkdownAnswer(t *testing.T) {
	code, out, errOut := runCLI(t, "check", "--format", "json", "--select", "FA1,FA2,FA7,FA806", markdownAnswer)
	if code != 1 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	var res struct {
		Findings []struct {
			Code   string `json:"code"`
			Path   string `json:"path"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"findings"`
		Summary struct {
			Files int `json:"files"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s:%d:%d %s", f.Path, f.Line, f.Column, f.Code))
	}
	want := []string{
		"answer.md:21:2 FA701",  // GET /users/{name}: no test block requests it
		"answer.md:26:12 FA211", // the response model (models block) has a password field
		"answer.md:31:16 FA102", // requests.get in async def weather
		"answer.md:35:2 FA701",  // POST /login; GET /weather is tested, so not reported
		"answer.md:36:28 FA212",
		"answer.md:38:24 FA204", // user.password != password
		// The indented block: columns include the list item's 3 spaces, and
		// the noqa on line 86 keeps FA102 away.
		"answer.md:84:5 FA701",
		"answer.md:87:8 FA806",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if res.Summary.Files != 1 {
		t.Errorf("summary counts %d files, want the one document", res.Summary.Files)
	}

	// The text report quotes the Markdown line, indentation included.
	_, text, _ := runCLI(t, "check", "--no-color", "--show-source", "--select", "FA806", markdownAnswer)
	if !strings.Contains(text, "answer.md:87:8: FA806") || !strings.Contains(text, `       print("health checked")`) {
		t.Errorf("text report:\n%s", text)
	}
}

func TestMarkdownAnswerFromMemory(t *testing.T) {
	src, err := os.ReadFile(markdownAnswer)
	if err != nil {
		t.Fatal(err)
	}
	audit := func(opts analyzer.Options) []analyzer.Finding {
		t.Helper()
		opts.Rules, opts.Collectors = rules.All(), rules.Collectors()
		res, err := analyzer.Run(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		return res.Findings
	}
	disk := audit(analyzer.Options{Paths: []string{markdownAnswer}})
	memory := audit(analyzer.Options{Sources: []analyzer.Source{{Path: "answer.md", Content: src}}})
	if len(disk) == 0 || !reflect.DeepEqual(disk, memory) {
		t.Errorf("disk and in-memory runs differ:\n%v\n%v", disk, memory)
	}

	// Without its noqa comment, line 86 of the indented block is reported.
	edited := strings.Replace(string(src), "timeout=2)  # noqa: FA102", "timeout=2)", 1)
	if edited == string(src) {
		t.Fatal("fixture lost its noqa comment")
	}
	var blocking []string
	for _, f := range audit(analyzer.Options{Sources: []analyzer.Source{{Path: "answer.md", Content: []byte(edited)}}}) {
		if f.Rule.Code == "FA102" {
			blocking = append(blocking, fmt.Sprintf("%d:%d %s", f.Line, f.Column, f.SourceLine))
		}
	}
	want := []string{
		`31:16     response = requests.get(f"https://api.example.com/weather/{city}", timeout=5)`,
		`86:8        requests.get("https://example.com/ping", timeout=2)`,
	}
	if !reflect.DeepEqual(blocking, want) {
		t.Errorf("FA102 without the noqa:\n%s\nwant:\n%s", strings.Join(blocking, "\n"), strings.Join(want, "\n"))
	}
}
