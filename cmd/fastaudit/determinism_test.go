package main

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/fastaudit/fastaudit/report"
)

// The same tree audited with one thread and one worker, and with eight of
// each, gives byte-identical reports in every format (report.Formats(), so
// a new format is covered as soon as it is registered). Each audit is a
// child process with its own GOMAXPROCS.
func TestOutputIdenticalWhateverTheParallelism(t *testing.T) {
	paths := []string{
		"../../testdata/projects",
		"../../testdata/appgraph",
		"../../testdata/rules/FA101",
		"../../testdata/rules/FA102",
		"../../testdata/rules/FA105",
		"../../testdata/rules/FA201",
		"../../testdata/rules/FA505",
		"../../testdata/rules/FA701",
		"../../testdata/rules/FA802",
	}
	for _, format := range report.Formats() {
		t.Run(format, func(t *testing.T) {
			var first []byte
			for _, procs := range []int{1, 8} {
				args := append([]string{"check", "--format", format, "--no-color", "--jobs", fmt.Sprint(procs)}, paths...)
				code, out, errOut := runProcess(t, []string{fmt.Sprintf("GOMAXPROCS=%d", procs)}, args...)
				if code != exitFindings || len(out) == 0 {
					t.Fatalf("GOMAXPROCS=%d: exit %d, %d bytes of output, stderr %q", procs, code, len(out), errOut)
				}
				if first == nil {
					first = out
					continue
				}
				if !bytes.Equal(out, first) {
					t.Errorf("GOMAXPROCS=%d gives another %s report than GOMAXPROCS=1; first difference:\n%s", procs, format, firstDifference(first, out))
				}
			}
		})
	}
}

// firstDifference shows the line where two outputs start to differ.
func firstDifference(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("one output is a prefix of the other (%d and %d lines)", len(la), len(lb))
}
