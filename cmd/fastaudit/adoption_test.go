package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

const exampleApp = "../../examples/agent-app"

// copyTree copies the regular files under src into a new temporary
// directory and returns it.
func copyTree(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// chdir changes the working directory for the rest of the test.
func chdir(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(old) })
}

type jsonFinding struct {
	Code string `json:"code"`
	Path string `json:"path"`
	Line int    `json:"line"`
}

func auditJSON(t *testing.T, args ...string) (int, []jsonFinding, string) {
	t.Helper()
	code, out, errOut := runCLI(t, append([]string{"--format", "json"}, args...)...)
	var doc struct {
		Findings []jsonFinding `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("exit %d, %v: %s %s", code, err, out, errOut)
	}
	return code, doc.Findings, errOut
}

// pythonFiles lists the .py files under dir, relative and '/'-separated.
func pythonFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".py") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(out)
	return out
}

func insertAt(t *testing.T, file string, line int, text string) {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	lines = append(lines[:line-1], append([]string{text}, lines[line-1:]...)...)
	if err := os.WriteFile(file, []byte(strings.Join(lines, "")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBaselineFlow: write a baseline of the example app, insert lines above
// the findings, add one new finding: only the new one is reported, whether
// the whole tree or (as pre-commit does) a list of files is audited, and
// from another directory.
func TestBaselineFlow(t *testing.T) {
	dir := copyTree(t, exampleApp)
	chdir(t, dir)
	const base = ".fastaudit-baseline.json"

	code, before, _ := auditJSON(t, ".")
	if code != 1 || len(before) < 20 {
		t.Fatalf("fixture: exit %d with %d findings", code, len(before))
	}
	code, out, errOut := runCLI(t, "--write-baseline", base, ".")
	if code != 0 || out != "" || !strings.Contains(errOut, "recorded ") {
		t.Fatalf("--write-baseline: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	if code, after, _ := auditJSON(t, "--baseline", base, "."); code != 0 || len(after) != 0 {
		t.Fatalf("unchanged tree against its baseline: exit %d, %+v", code, after)
	}

	// Lines above every finding: three at the top of each file, and one
	// more just above each file's last finding.
	lastLine := map[string]int{}
	for _, f := range before {
		lastLine[f.Path] = max(lastLine[f.Path], f.Line)
	}
	for _, rel := range pythonFiles(t, dir) {
		file := filepath.Join(dir, filepath.FromSlash(rel))
		if n := lastLine[rel]; n > 1 {
			insertAt(t, file, n, "# a comment line moved in above a finding\n")
		}
		insertAt(t, file, 1, "# edited\n# edited again\n\n")
	}
	code, moved, _ := auditJSON(t, ".")
	if code != 1 || len(moved) != len(before) {
		t.Fatalf("after inserting lines: %d findings, want %d", len(moved), len(before))
	}
	shifted := 0
	for i := range moved {
		if moved[i].Line != before[i].Line {
			shifted++
		}
	}
	if shifted != len(before) {
		t.Fatalf("only %d of %d findings moved", shifted, len(before))
	}

	// One new finding, on a line of its own.
	auth := filepath.Join(dir, "app", "auth.py")
	src, _ := os.ReadFile(auth)
	newLine := strings.Count(string(src), "\n") + 3
	os.WriteFile(auth, append(src, []byte("\n\ndef issued_at():\n    return datetime.utcnow()\n")...), 0o644)
	newLine++ // the def line, then the return

	want := jsonFinding{Code: "FA802", Path: "app/auth.py", Line: newLine}
	code, fresh, _ := auditJSON(t, "--baseline", base, ".")
	if code != 1 || len(fresh) != 1 || fresh[0] != want {
		t.Fatalf("against the baseline: exit %d, %+v; want only %+v", code, fresh, want)
	}

	// pre-commit style: the changed files, from the repository root. The
	// testing rules (FA7) judge the whole project, and a list of files
	// without the tests looks untested, so they are left out here.
	code, fresh, _ = auditJSON(t, "--baseline", base, "--ignore", "FA7", "app/auth.py", "app/main.py", "app/routers/users.py")
	if code != 1 || len(fresh) != 1 || fresh[0] != want {
		t.Errorf("files against the baseline: exit %d, %+v; want only %+v", code, fresh, want)
	}

	// From a subdirectory, auditing it: paths are relative to it, but the
	// baseline's paths are relative to the baseline file, so they match.
	chdir(t, filepath.Join(dir, "app"))
	code, fresh, _ = auditJSON(t, "--baseline", filepath.Join("..", base), "--ignore", "FA7", ".")
	if code != 1 || len(fresh) != 1 || fresh[0].Path != "auth.py" || fresh[0].Line != newLine {
		t.Errorf("from app/: exit %d, %+v", code, fresh)
	}
}

func TestBaselineFlagErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"findings": []}`), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--baseline", filepath.Join(dir, "missing.json"), fixtureApp}, "cannot read baseline"},
		{[]string{"--baseline", bad, fixtureApp}, "not a fastaudit baseline"},
		{[]string{"--write-baseline", filepath.Join(dir, "b.json"), "--baseline", bad, fixtureApp}, "--write-baseline"},
		{[]string{"--write-baseline", filepath.Join(dir, "b.json"), "--add-noqa", fixtureApp}, "--write-baseline"},
	} {
		code, _, errOut := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, code, errOut, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "b.json")); err == nil {
		t.Error("a baseline was written despite the usage error")
	}
}

// TestAddNoqaFlow: --add-noqa silences every finding it can, says how
// many, and a second run adds nothing.
func TestAddNoqaFlow(t *testing.T) {
	dir := copyTree(t, exampleApp)
	_, before, _ := auditJSON(t, dir)

	// A finding on a line that ends inside a string cannot be silenced.
	main := filepath.Join(dir, "app", "main.py")
	src, _ := os.ReadFile(main)
	os.WriteFile(main, append(src, []byte("\n\nSTAMP = f\"\"\"{datetime.utcnow()}\n\"\"\"\n")...), 0o644)
	insertAt(t, main, 1, "from datetime import datetime\n")

	code, out, errOut := runCLI(t, "--add-noqa", dir)
	if code != 0 || out != "" {
		t.Fatalf("--add-noqa: exit %d, stdout %q", code, out)
	}
	m := regexp.MustCompile(`added (\d+) noqa directives for (\d+) findings in (\d+) files; 1 finding could not be silenced`).FindStringSubmatch(errOut)
	if m == nil || m[2] != itoa(len(before)) {
		t.Fatalf("stderr %q; want %d findings silenced and one skipped", errOut, len(before))
	}
	if !strings.Contains(errOut, "app/main.py:") || !strings.Contains(errOut, "FA802 not silenced: the line ends inside a string literal") {
		t.Errorf("the skipped finding is not listed: %q", errOut)
	}
	code, after, _ := auditJSON(t, dir)
	if code != 1 || len(after) != 1 || after[0].Code != "FA802" || after[0].Path != "app/main.py" {
		t.Fatalf("after --add-noqa: exit %d, %+v; want only the skipped FA802", code, after)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "app", "database.py"))
	if !strings.Contains(string(data), "  # noqa: FA") {
		t.Errorf("no noqa comment in database.py:\n%s", data)
	}

	_, _, errOut = runCLI(t, "--add-noqa", dir)
	if !strings.Contains(errOut, "added 0 noqa directives; 1 finding could not be silenced") {
		t.Errorf("second run: %q", errOut)
	}
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

func TestSARIFCategoryFlag(t *testing.T) {
	type log struct {
		Runs []struct {
			AutomationDetails *struct {
				ID string `json:"id"`
			} `json:"automationDetails"`
		} `json:"runs"`
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--sarif-category", "fastaudit/backend"}, "fastaudit/backend/"},
		{[]string{"--sarif-category", "fastaudit/backend/"}, "fastaudit/backend/"},
		{nil, ""},
	} {
		_, out, _ := runCLI(t, append(append([]string{"--format", "sarif"}, tc.args...), fixtureApp)...)
		var l log
		if err := json.Unmarshal([]byte(out), &l); err != nil {
			t.Fatal(err)
		}
		got := ""
		if ad := l.Runs[0].AutomationDetails; ad != nil {
			got = ad.ID
		}
		if got != tc.want {
			t.Errorf("%v: automationDetails.id %q, want %q", tc.args, got, tc.want)
		}
	}
}

// TestFileArguments: pre-commit passes several files, relative to the
// repository root; the report names them as given.
func TestFileArguments(t *testing.T) {
	dir := copyTree(t, exampleApp)
	chdir(t, dir)
	_, all, _ := auditJSON(t, ".")
	want := map[string]int{}
	for _, f := range all {
		if f.Path == "app/routers/users.py" || f.Path == "app/routers/items.py" {
			want[f.Path]++
		}
	}
	if len(want) != 2 {
		t.Fatalf("fixture: findings by file %v", want)
	}
	code, got, _ := auditJSON(t, "app/routers/users.py", "app/routers/items.py")
	paths := map[string]int{}
	for _, f := range got {
		paths[f.Path]++
	}
	if code != 1 || paths["app/routers/users.py"] == 0 || paths["app/routers/items.py"] == 0 || len(paths) != 2 {
		t.Errorf("two files: exit %d, findings by path %v", code, paths)
	}
	_, one, _ := auditJSON(t, "app/routers/users.py")
	for _, f := range one {
		if f.Path != "app/routers/users.py" {
			t.Errorf("one file: path %q", f.Path)
		}
	}
	// The check subcommand with ./-prefixed names, as some hooks pass them.
	code, out, _ := runCLI(t, "check", "--no-color", "-q", "./app/routers/users.py", "./app/auth.py")
	if code != 1 || !strings.Contains(out, "\napp/routers/users.py:") && !strings.HasPrefix(out, "app/routers/users.py:") || !strings.Contains(out, "app/auth.py:") {
		t.Errorf("check with ./ paths: exit %d\n%s", code, out)
	}
	// Directories keep paths relative to the audited directory.
	_, dirOut, _ := auditJSON(t, "app/routers")
	for _, f := range dirOut {
		if strings.HasPrefix(f.Path, "app/") {
			t.Errorf("directory argument: path %q is not relative to it", f.Path)
		}
	}
}

// TestPyprojectConfig: [tool.fastaudit] in pyproject.toml is found like
// .fastaudit.yaml; the YAML file wins in the same directory, with a note.
func TestPyprojectConfig(t *testing.T) {
	dir := copyTree(t, fixtureApp)
	pyproject := filepath.Join(dir, "pyproject.toml")
	os.WriteFile(pyproject, []byte("[project]\nname = \"demo\"\n\n[tool.fastaudit]\nselect = [\"FA101\"]\nfail-on = \"error\"\n"), 0o644)
	code, got, errOut := auditJSON(t, dir)
	if code != 1 || len(got) == 0 || errOut != "" {
		t.Fatalf("pyproject: exit %d, stderr %q, %d findings", code, errOut, len(got))
	}
	for _, f := range got {
		if f.Code != "FA101" {
			t.Errorf("select from pyproject.toml ignored: %+v", f)
		}
	}
	// Found from a subdirectory too.
	if _, sub, _ := auditJSON(t, filepath.Join(dir, "app")); len(sub) == 0 || sub[0].Code != "FA101" {
		t.Errorf("from a subdirectory: %+v", sub)
	}

	os.WriteFile(filepath.Join(dir, ".fastaudit.yaml"), []byte("select: [FA0]\n"), 0o644)
	code, got, errOut = auditJSON(t, dir)
	if code != 0 || len(got) != 0 {
		t.Errorf("the YAML file should win: exit %d, %+v", code, got)
	}
	if !strings.Contains(errOut, "note: using ") || !strings.Contains(errOut, ".fastaudit.yaml") || !strings.Contains(errOut, "pyproject.toml is ignored") {
		t.Errorf("no note about the ignored pyproject.toml: %q", errOut)
	}
	os.Remove(filepath.Join(dir, ".fastaudit.yaml"))

	os.WriteFile(pyproject, []byte("[tool.fastaudit]\nselect = [\"FA101\"]\nselcet = [\"FA1\"]\n"), 0o644)
	code, _, errOut = runCLI(t, dir)
	if code != 2 || !strings.Contains(errOut, "pyproject.toml:3:") || !strings.Contains(errOut, `unknown key "selcet"`) {
		t.Errorf("unknown key: exit %d, stderr %q", code, errOut)
	}
	os.WriteFile(pyproject, []byte("[tool.fastaudit.severity]\nFA999 = \"note\"\n"), 0o644)
	code, _, errOut = runCLI(t, dir)
	if code != 2 || !strings.Contains(errOut, "pyproject.toml:2:") || !strings.Contains(errOut, `unknown rule code "FA999"`) {
		t.Errorf("unknown code: exit %d, stderr %q", code, errOut)
	}
	// --config takes a pyproject.toml too.
	other := filepath.Join(t.TempDir(), "pyproject.toml")
	os.WriteFile(other, []byte("[tool.fastaudit]\nselect = [\"FA0\"]\n"), 0o644)
	if code, _, errOut := runCLI(t, "--config", other, dir); code != 0 {
		t.Errorf("--config pyproject.toml: exit %d, stderr %q", code, errOut)
	}
}
