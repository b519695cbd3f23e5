package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

const previousReport = "the previous report\n"

// reportDir holds a previous report, report.sarif, as a CI job that runs
// fastaudit again would have it.
func reportDir(t *testing.T) (dir, report string) {
	t.Helper()
	dir = t.TempDir()
	report = filepath.Join(dir, "report.sarif")
	if err := os.WriteFile(report, []byte(previousReport), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, report
}

// wantUntouched checks that the previous report is intact and that no
// temporary file was left beside it.
func wantUntouched(t *testing.T, dir, report string) {
	t.Helper()
	if data, err := os.ReadFile(report); err != nil || string(data) != previousReport {
		t.Errorf("the previous report was changed: %q, %v", data, err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.Name() != filepath.Base(report) && strings.HasPrefix(e.Name(), ".fastaudit-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}

// A run that fails exits 2, says why on stderr in one line naming what is
// wrong, prints no report and leaves the previous --output file intact.
func TestFailedRunsWriteNothing(t *testing.T) {
	work := t.TempDir()
	write := func(name, content string) string {
		p := filepath.Join(work, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	badYAML := write("bad.yaml", "select: [FA1\nignore: FA2\n")
	configDir := filepath.Join(work, "config.d")
	if err := os.Mkdir(configDir, 0o755); err != nil {
		t.Fatal(err)
	}
	badProject := filepath.Dir(write("project/.fastaudit.yaml", "selcet: [FA1]\n"))
	write("project/app.py", "x = 1\n")
	missing := filepath.Join(work, "does-not-exist")

	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"nonexistent path", []string{missing}, "cannot audit " + missing + ": no such file or directory"},
		{"unreadable config", []string{"--config", configDir, fixtureApp}, configDir + ": cannot read config: is a directory"},
		{"missing config", []string{"--config", missing, fixtureApp}, "cannot read config: no such file or directory"},
		{"invalid YAML config", []string{"--config", badYAML, fixtureApp}, badYAML + ":1: invalid YAML"},
		{"invalid config found in the tree", []string{badProject}, `unknown key "selcet" (did you mean "select"?)`},
		{"invalid format", []string{"--format", "xml", fixtureApp}, `unknown --format "xml" (want one of text, json,`},
		{"invalid fail-on", []string{"--fail-on", "fatal", fixtureApp}, "--fail-on"},
		{"unknown rule", []string{"--select", "FA999", fixtureApp}, "FA999"},
		{"missing baseline", []string{"--baseline", missing, fixtureApp}, missing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir, report := reportDir(t)
			for _, format := range []string{"sarif", "text"} {
				args := append([]string{"check", "--format", format, "--output", report}, tt.args...)
				if tt.name == "invalid format" {
					args = append([]string{"check", "--output", report}, tt.args...)
				}
				code, stdout, stderr := runCLI(t, args...)
				if code != exitError || stdout != "" {
					t.Errorf("exit %d, stdout %q; want 2 and nothing", code, stdout)
				}
				if !strings.Contains(stderr, tt.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
					t.Errorf("stderr %q, want one line with %q", stderr, tt.want)
				}
				wantUntouched(t, dir, report)
				// Without --output, nothing that looks like a report on stdout.
				code, stdout, _ = runCLI(t, append([]string{"check", "--format", format}, tt.args...)...)
				if code != exitError || stdout != "" {
					t.Errorf("without --output: exit %d, stdout %q", code, stdout)
				}
			}
		})
	}
}

// When the report cannot be written, the run exits 2 naming the file (not
// the temporary file it writes first), prints no report on stdout instead,
// and leaves no temporary file.
func TestUnwritableOutput(t *testing.T) {
	dir := t.TempDir()
	aFile := filepath.Join(dir, "a-file")
	if err := os.WriteFile(aFile, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ output, want string }{
		{filepath.Join(dir, "no-such-dir", "report.sarif"), "no such file or directory"},
		{filepath.Join(aFile, "report.sarif"), "not a directory"},
		{dir, "it is a directory"},
	}
	for _, tt := range tests {
		code, stdout, stderr := runCLI(t, "check", "--format", "sarif", "--output", tt.output, fixtureApp)
		if code != exitError || stdout != "" {
			t.Errorf("%s: exit %d, stdout %d bytes", tt.output, code, len(stdout))
		}
		if want := "cannot write " + tt.output + ": " + tt.want; !strings.Contains(stderr, want) || strings.Contains(stderr, ".tmp") {
			t.Errorf("stderr %q, want %q", stderr, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("files left in the output directory: %v", entries)
	}
}

// A new report keeps the permissions of the one it replaces (a report is
// written to a temporary file first, which is created private).
func TestOutputKeepsPermissions(t *testing.T) {
	dir, report := reportDir(t)
	if err := os.Chmod(report, 0o640); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(dir, "fresh.sarif")
	for _, out := range []string{report, fresh} {
		if code, _, stderr := runCLI(t, "check", "--format", "sarif", "--output", out, fixtureApp); code != exitFindings {
			t.Fatalf("exit %d: %s", code, stderr)
		}
	}
	for out, want := range map[string]os.FileMode{report: 0o640, fresh: 0o644} {
		if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v (%v), want %v", out, fi.Mode().Perm(), err, want)
		}
	}
}

// Ctrl-C during an audit stops it: exit 2, "interrupted" on stderr, no
// report on stdout, and the previous --output file stays as it was.
func TestInterruptKeepsThePreviousReport(t *testing.T) {
	src, err := os.ReadFile("../../testdata/rules/FA102/fire_http.py")
	if err != nil {
		t.Fatal(err)
	}
	tree := t.TempDir()
	const files = 3000 // several seconds of work
	for i := 0; i < files; i++ {
		p := filepath.Join(tree, fmt.Sprintf("pkg%02d", i/100), fmt.Sprintf("m%04d.py", i))
		if i%100 == 0 {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		if err := os.WriteFile(p, src, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir, report := reportDir(t)
	// On a loaded machine the first signal may arrive before the CLI has
	// installed its handler (the process then dies of it, exit code -1):
	// try again with a later signal.
	handled := false
	for _, delay := range []time.Duration{300 * time.Millisecond, time.Second, 2 * time.Second} {
		cmd := cliCommand(t, nil, "check", "--format", "sarif", "--jobs", "1", "--output", report, tree)
		var stdout, stderr strings.Builder
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		start := time.Now()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		if err := cmd.Process.Signal(syscall.SIGINT); errors.Is(err, os.ErrProcessDone) {
			cmd.Wait()
			t.Skip("the audit finished before the signal was sent; nothing to check")
		} else if err != nil {
			t.Fatal(err)
		}
		err := cmd.Wait()
		t.Logf("signal after %s, stopped after %s: %v", delay, time.Since(start).Round(time.Millisecond), err)
		code := cmd.ProcessState.ExitCode()
		if code == -1 {
			wantUntouched(t, dir, report)
			continue // killed by the signal before the handler was in place
		}
		if code != exitError || stdout.Len() > 0 || !strings.Contains(stderr.String(), "interrupted before the audit finished: no report written") {
			t.Errorf("exit %d, stdout %d bytes, stderr %q", code, stdout.Len(), stderr.String())
		}
		handled = true
		break
	}
	if !handled {
		t.Error("every SIGINT killed the process: its handler was not installed within 2 s")
	}
	wantUntouched(t, dir, report)
}
