package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer/hostiletree"
	"github.com/fastaudit/fastaudit/report"
	"github.com/fastaudit/fastaudit/report/sarifcheck"
)

// The hostile tree end to end through the CLI (analyzer/hostile_test.go has
// the full tree and the details): exit 1 for the findings, the same
// FA001/FA002 verdicts and healthy findings in the JSON report, and a
// well-formed report in every format although the source lines quoted hold
// control characters, odd line endings and non-ASCII text.
func TestHostileTreeThroughTheCLI(t *testing.T) {
	dir := t.TempDir()
	cases := hostiletree.Write(t, dir, hostiletree.Options{NoLongLines: true})
	if os.Geteuid() == 0 {
		// Root reads the mode-0 file; analyzer/hostile_test.go simulates it.
		os.Remove(filepath.Join(dir, hostiletree.Unreadable))
		kept := cases[:0]
		for _, c := range cases {
			if c.Path != hostiletree.Unreadable {
				kept = append(kept, c)
			}
		}
		cases = kept
	}

	want := map[string]string{} // path -> "FA002:1 FA102:9 ..."
	for _, c := range cases {
		var parts []string
		if c.Diagnostic != "" {
			parts = append(parts, fmt.Sprintf("%s:%d", c.Diagnostic, c.Line))
		}
		for _, l := range c.Blocking {
			parts = append(parts, fmt.Sprintf("FA102:%d", l))
		}
		want[c.Path] = strings.Join(parts, " ")
	}

	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			code, out, errOut := runCLI(t, "check", "--format", format, "--no-color", dir)
			if code != exitFindings {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			checkWellFormed(t, format, []byte(out))
			if format != "json" {
				return
			}
			var doc struct {
				Findings []struct {
					Code, Path string
					Line       int
				}
			}
			if err := json.Unmarshal([]byte(out), &doc); err != nil {
				t.Fatal(err)
			}
			got := map[string][]string{}
			for _, f := range doc.Findings {
				if f.Code == "FA001" || f.Code == "FA002" || f.Code == "FA003" || f.Code == "FA102" {
					got[f.Path] = append(got[f.Path], fmt.Sprintf("%s:%d", f.Code, f.Line))
				}
			}
			for _, c := range cases {
				parts := got[c.Path]
				sort.SliceStable(parts, func(i, j int) bool { return parts[i][:5] < parts[j][:5] })
				if g := strings.Join(parts, " "); g != want[c.Path] {
					t.Errorf("%s: got %q, want %q", c.Path, g, want[c.Path])
				}
			}
		})
	}
}

// checkWellFormed parses a report in the formats that have a grammar.
func checkWellFormed(t *testing.T, format string, out []byte) {
	t.Helper()
	if !bytes.Contains(out, []byte("FA002")) {
		t.Errorf("%s report does not mention FA002", format)
	}
	switch format {
	case "json", "gitlab":
		if !json.Valid(out) {
			t.Errorf("%s report is not valid JSON", format)
		}
	case "json-lines":
		for i, line := range bytes.Split(bytes.TrimSpace(out), []byte("\n")) {
			if !json.Valid(line) {
				t.Errorf("line %d is not valid JSON: %.200s", i+1, line)
			}
		}
	case "sarif":
		sarifcheck.Check(t, out)
	case "junit":
		dec := xml.NewDecoder(bytes.NewReader(out))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("junit report is not well-formed XML: %v", err)
			}
		}
	case "github":
		for i, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
			if !strings.HasPrefix(line, "::") {
				t.Errorf("line %d is not a workflow command: %.200s", i+1, line)
			}
		}
	}
}
