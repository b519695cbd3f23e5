package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

var knownCodes = []string{"FA001", "FA002", "FA101", "FA102", "FA201", "FA204", "FA205", "FA301", "FA401", "FA402"}

// isCode accepts a known code or a prefix of one ("FA", "FA1", "FA20").
func isCode(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, c := range knownCodes {
		if strings.HasPrefix(c, s) {
			return true
		}
	}
	return false
}

func writeConfig(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), ".fastaudit.yaml")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestDefault(t *testing.T) {
	c := Default()
	if c.Path != "" || c.Select != nil || c.Ignore != nil || c.Exclude != nil || c.FailOn != "" {
		t.Errorf("Default() = %+v, want empty selection", c)
	}
	if c.PerFileIgnores == nil || c.Severity == nil {
		t.Error("Default() maps must be non-nil")
	}
	if !reflect.DeepEqual(c.TestPaths, DefaultTestPaths) {
		t.Errorf("TestPaths = %v, want %v", c.TestPaths, DefaultTestPaths)
	}
	// The default test paths are a copy.
	c.TestPaths[0] = "changed"
	if DefaultTestPaths[0] != "tests/**" {
		t.Error("Default() shares DefaultTestPaths")
	}
	if c.Dir() != "" {
		t.Errorf("Dir() of defaults = %q", c.Dir())
	}
}

func TestLoadValid(t *testing.T) {
	tests := []struct {
		name    string
		content string
		check   func(t *testing.T, c *Config)
	}{
		{"empty file", "", func(t *testing.T, c *Config) { wantDefaults(t, c) }},
		{"only comments", "# nothing here\n\n", func(t *testing.T, c *Config) { wantDefaults(t, c) }},
		{"null document", "~\n", func(t *testing.T, c *Config) { wantDefaults(t, c) }},
		{"empty document marker", "---\n", func(t *testing.T, c *Config) { wantDefaults(t, c) }},
		{"every key", `
select: [FA1, FA20, FA301]
ignore:
  - FA102
exclude: ["migrations/", "legacy/**"]
per-file-ignores:
  "tests/**": [FA101, FA2]
  "app/main.py": []
severity:
  FA101: warning
  FA2: ERROR
fail-on: warning
test-paths: ["qa/**"]
`, func(t *testing.T, c *Config) {
			eq(t, "Select", c.Select, []string{"FA1", "FA20", "FA301"})
			eq(t, "Ignore", c.Ignore, []string{"FA102"})
			eq(t, "Exclude", c.Exclude, []string{"migrations/", "legacy/**"})
			eq(t, "PerFileIgnores", c.PerFileIgnores, map[string][]string{"tests/**": {"FA101", "FA2"}, "app/main.py": {}})
			eq(t, "Severity", c.Severity, map[string]string{"FA101": "warning", "FA2": "error"})
			eq(t, "FailOn", c.FailOn, "warning")
			eq(t, "TestPaths", c.TestPaths, []string{"qa/**"})
		}},
		{"codes are upper-cased and deduplicated", "select: [fa101, FA101, Fa2]\n", func(t *testing.T, c *Config) {
			eq(t, "Select", c.Select, []string{"FA101", "FA2"})
		}},
		{"null values keep defaults", "select:\nignore:\nexclude:\nper-file-ignores:\nseverity:\nfail-on:\ntest-paths:\n", func(t *testing.T, c *Config) {
			wantDefaults(t, c)
		}},
		{"empty test-paths turns test detection off", "test-paths: []\n", func(t *testing.T, c *Config) {
			if c.TestPaths == nil || len(c.TestPaths) != 0 {
				t.Errorf("TestPaths = %#v, want empty non-nil", c.TestPaths)
			}
			if c.IsTestPath("tests/test_x.py") {
				t.Error("IsTestPath true with empty test-paths")
			}
		}},
		{"explicit empty select is not unset", "select: []\nignore: []\n", func(t *testing.T, c *Config) {
			if c.Select == nil || len(c.Select) != 0 || c.Ignore == nil || len(c.Ignore) != 0 {
				t.Errorf("Select = %#v, Ignore = %#v; want empty non-nil", c.Select, c.Ignore)
			}
		}},
		{"byte order mark and CRLF", "\ufeffselect: [FA1]\r\nfail-on: note\r\n", func(t *testing.T, c *Config) {
			eq(t, "Select", c.Select, []string{"FA1"})
			eq(t, "FailOn", c.FailOn, "note")
		}},
		{"fail-on case-insensitive", "fail-on: Error\n", func(t *testing.T, c *Config) { eq(t, "FailOn", c.FailOn, "error") }},
		{"anchors and aliases", "select: &s [FA1]\nignore: *s\n", func(t *testing.T, c *Config) {
			eq(t, "Ignore", c.Ignore, []string{"FA1"})
		}},
		{"only the first document is read", "select: [FA1]\n---\nbogus: 1\n", func(t *testing.T, c *Config) {
			eq(t, "Select", c.Select, []string{"FA1"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeConfig(t, tt.content)
			c, err := Load(p, isCode)
			if err != nil {
				t.Fatalf("Load: %v", err)
			}
			if c.Path != p {
				t.Errorf("Path = %q, want %q", c.Path, p)
			}
			tt.check(t, c)
		})
	}
}

func wantDefaults(t *testing.T, c *Config) {
	t.Helper()
	d := Default()
	d.Path = c.Path
	if !reflect.DeepEqual(c, d) {
		t.Errorf("got %+v, want defaults %+v", c, d)
	}
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		line    int
		key     string
		want    []string // substrings of the message
	}{
		{"unknown key", "select: [FA1]\nselcet: [FA1]\n", 2, "selcet", []string{`unknown key "selcet"`, `did you mean "select"`}},
		{"unknown key with underscores", "fail_on: error\n", 1, "fail_on", []string{`unknown key "fail_on"`, `did you mean "fail-on"`}},
		{"unknown key far from any", "line-length: 80\n", 1, "line-length", []string{`unknown key "line-length"`, "known keys: select, ignore"}},
		{"duplicate key", "select: [FA1]\nselect: [FA2]\n", 2, "select", []string{`duplicate key "select"`, "line 1"}},
		{"non-string key", "1: [FA1]\n", 1, "", []string{"keys must be strings"}},
		{"top level list", "- FA101\n", 1, "", []string{"top level must be a mapping", "a list"}},
		{"top level scalar", "hello\n", 1, "", []string{"top level must be a mapping", `"hello"`}},
		{"invalid yaml", "select: [FA1\n", 1, "", []string{"invalid YAML"}},
		{"tab indentation", "select:\n\t- FA1\n", 2, "", []string{"invalid YAML"}},
		{"select scalar number", "select: 3\n", 1, "select", []string{"select must be a list", "the number 3"}},
		{"select scalar string", "select: FA101\n", 1, "select", []string{"select must be a list", `"FA101"`}},
		{"select mapping", "select: {FA1: true}\n", 1, "select", []string{"select must be a list", "a mapping"}},
		{"select item number", "select:\n  - 101\n", 2, "select", []string{"each item must be a string", "the number 101"}},
		{"select item list", "select: [[FA1]]\n", 1, "select", []string{"each item must be a string", "a list"}},
		{"select empty item", "select: ['']\n", 1, "select", []string{"empty string"}},
		{"select unknown code", "select: [FA1, FA999]\n", 1, "select", []string{`unknown rule code "FA999" in select`}},
		{"ignore unknown code", "ignore:\n  - E501\n", 2, "ignore", []string{`unknown rule code "E501" in ignore`}},
		{"exclude not a list", "exclude: true\n", 1, "exclude", []string{"exclude must be a list of globs", "boolean"}},
		{"exclude item null", "exclude: [~]\n", 1, "exclude", []string{"each item must be a string", "null"}},
		{"test-paths not a list", "test-paths: tests/**\n", 1, "test-paths", []string{"test-paths must be a list"}},
		{"per-file-ignores list", "per-file-ignores: [FA101]\n", 1, "per-file-ignores", []string{"per-file-ignores must be a mapping"}},
		{"per-file-ignores value scalar", "per-file-ignores:\n  tests/**: FA101\n", 2, "per-file-ignores", []string{`per-file-ignores["tests/**"] must be a list`}},
		{"per-file-ignores value null", "per-file-ignores:\n  tests/**:\n", 2, "per-file-ignores", []string{`per-file-ignores["tests/**"] must be a list`, "null"}},
		{"per-file-ignores unknown code", "per-file-ignores:\n  \"tests/**\":\n    - FA101\n    - FA998\n", 4, "per-file-ignores", []string{`unknown rule code "FA998" in per-file-ignores["tests/**"]`}},
		{"per-file-ignores item number", "per-file-ignores:\n  x.py: [1]\n", 2, "per-file-ignores", []string{"each item must be a rule code"}},
		{"per-file-ignores empty glob", "per-file-ignores:\n  '': [FA1]\n", 2, "per-file-ignores", []string{"non-empty glob"}},
		{"per-file-ignores duplicate glob", "per-file-ignores:\n  a.py: [FA1]\n  a.py: [FA2]\n", 3, "per-file-ignores", []string{`duplicate glob "a.py"`}},
		{"severity list", "severity: [FA101]\n", 1, "severity", []string{"severity must be a mapping"}},
		{"severity unknown code", "severity:\n  FA777: error\n", 2, "severity", []string{`unknown rule code "FA777" in severity`}},
		{"severity bad value", "severity:\n  FA101: critical\n", 2, "severity", []string{`severity["FA101"] must be one of error, warning, note`, `"critical"`}},
		{"severity value number", "severity:\n  FA101: 3\n", 2, "severity", []string{"must be one of error, warning, note", "the number 3"}},
		{"severity duplicate code", "severity:\n  FA101: error\n  fa101: note\n", 3, "severity", []string{`duplicate code "FA101"`}},
		{"severity key number", "severity:\n  101: error\n", 2, "severity", []string{"each key must be a rule code"}},
		{"fail-on bad", "fail-on: critical\n", 1, "fail-on", []string{"fail-on must be one of error, warning, note", `"critical"`}},
		{"fail-on list", "fail-on: [error]\n", 1, "fail-on", []string{"fail-on must be one of", "a list"}},
		{"fail-on bool", "fail-on: false\n", 1, "fail-on", []string{"fail-on must be one of", "boolean"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeConfig(t, tt.content)
			c, err := Load(p, isCode)
			if err == nil {
				t.Fatalf("Load succeeded with %+v, want an error", c)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T %v is not *config.Error", err, err)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, p+":") {
				t.Errorf("error %q does not start with the file name", msg)
			}
			if tt.line != 0 && ce.Line != tt.line {
				t.Errorf("line = %d, want %d (%s)", ce.Line, tt.line, msg)
			}
			if ce.Key != tt.key {
				t.Errorf("key = %q, want %q (%s)", ce.Key, tt.key, msg)
			}
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not contain %q", msg, w)
				}
			}
		})
	}
}

func TestLoadErrorFormat(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, ".fastaudit.yaml")
	if err := os.WriteFile(p, []byte("select: [FA1]\nselcet: [FA1]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	chdir(t, dir)
	_, err := Load(".fastaudit.yaml", isCode)
	want := `.fastaudit.yaml:2: unknown key "selcet" (did you mean "select"?); known keys: select, ignore, exclude, per-file-ignores, severity, fail-on, test-paths`
	if err == nil || err.Error() != want {
		t.Errorf("error = %v\nwant    %s", err, want)
	}
}

func TestLoadMissingFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "nope.yaml")
	_, err := Load(p, isCode)
	if err == nil || !strings.HasPrefix(err.Error(), p+": cannot read config") {
		t.Errorf("error = %v", err)
	}
}

func TestLoadNilIsCode(t *testing.T) {
	p := writeConfig(t, "select: [XYZ1]\n")
	c, err := Load(p, nil)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Select", c.Select, []string{"XYZ1"})
}

func TestLoadTestdata(t *testing.T) {
	c, err := Load(filepath.Join("testdata", "full.fastaudit.yaml"), isCode)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Select", c.Select, []string{"FA1", "FA2"})
	eq(t, "IgnoredFor", c.IgnoredFor("app/tests/test_api.py"), []string{"FA101", "FA2"})
	if !c.IsTestPath("qa/smoke.py") || c.IsTestPath("tests/x.py") {
		t.Error("test-paths from testdata not applied")
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b", "c")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, ok := Find(deep); ok {
		// A config somewhere above the temp dir would spoil this test.
		t.Skip("a .fastaudit.yaml exists above the temp dir")
	}
	yml := filepath.Join(root, "a", ".fastaudit.yml")
	os.WriteFile(yml, nil, 0o644)
	if p, ok := Find(deep); !ok || p != yml {
		t.Errorf("Find = %q, %v; want %q", p, ok, yml)
	}
	// .yaml wins over .yml in the same directory.
	yaml := filepath.Join(root, "a", ".fastaudit.yaml")
	os.WriteFile(yaml, nil, 0o644)
	if p, ok := Find(deep); !ok || p != yaml {
		t.Errorf("Find = %q, %v; want %q", p, ok, yaml)
	}
	// The nearest one wins.
	near := filepath.Join(root, "a", "b", ".fastaudit.yaml")
	os.WriteFile(near, nil, 0o644)
	if p, ok := Find(deep); !ok || p != near {
		t.Errorf("Find = %q, %v; want %q", p, ok, near)
	}
	// A file argument starts in its directory.
	f := filepath.Join(deep, "main.py")
	os.WriteFile(f, nil, 0o644)
	if p, ok := Find(f); !ok || p != near {
		t.Errorf("Find(file) = %q, %v; want %q", p, ok, near)
	}
	// A directory named like the config is not a config.
	os.Remove(near)
	os.Mkdir(near, 0o755)
	if p, ok := Find(deep); !ok || p != yaml {
		t.Errorf("Find = %q, %v; want %q (skipping a directory)", p, ok, yaml)
	}
	// Relative start.
	chdir(t, deep)
	if p, ok := Find("."); !ok || p != yaml {
		t.Errorf("Find(.) = %q, %v; want %q", p, ok, yaml)
	}
}

func TestIsTestPath(t *testing.T) {
	c := Default()
	tests := map[string]bool{
		"tests/test_api.py":       true,
		"tests/helpers/x.py":      true,
		"app/tests/x.py":          true,
		"test_main.py":            true,
		"pkg/test_main.py":        true,
		"pkg/main_test.py":        true,
		"conftest.py":             true,
		"app/conftest.py":         true,
		"app/main.py":             false,
		"app/testing.py":          false,
		"app/contest.py":          false,
		"app/latest_test_data.py": false,
		"attests/x.py":            false,
	}
	for rel, want := range tests {
		if got := c.IsTestPath(rel); got != want {
			t.Errorf("IsTestPath(%q) = %v, want %v", rel, got, want)
		}
	}
	var nilConfig *Config
	if !nilConfig.IsTestPath("tests/x.py") {
		t.Error("nil config does not use the default test paths")
	}
}

func TestIgnoredFor(t *testing.T) {
	c := Default()
	c.PerFileIgnores = map[string][]string{
		"tests/**":         {"FA101", "FA2"},
		"**/conftest.py":   {"FA101"},
		"/app/main.py":     {"FA301"},
		"__init__.py":      {"FA401"},
		"app/routers/*.py": {"FA402", "FA101"},
	}
	tests := map[string][]string{
		"tests/conftest.py":      {"FA101", "FA2"},
		"app/main.py":            {"FA301"},
		"src/app/main.py":        nil,
		"app/routers/items.py":   {"FA402", "FA101"},
		"pkg/__init__.py":        {"FA401"},
		"app/tests/test_x.py":    {"FA101", "FA2"},
		"app/database.py":        nil,
		"app/routers/v1/deep.py": nil,
	}
	for rel, want := range tests {
		if got := c.IgnoredFor(rel); !reflect.DeepEqual(got, want) {
			t.Errorf("IgnoredFor(%q) = %v, want %v", rel, got, want)
		}
	}
	var nilConfig *Config
	if nilConfig.IgnoredFor("x.py") != nil {
		t.Error("nil config ignores something")
	}
}

func TestSeverityFor(t *testing.T) {
	c := Default()
	c.Severity = map[string]string{"FA101": "note", "FA2": "error", "FA20": "warning"}
	tests := []struct {
		code string
		want string
		ok   bool
	}{
		{"FA101", "note", true},
		{"FA201", "warning", true}, // longest prefix
		{"FA210", "error", true},
		{"FA301", "", false},
	}
	for _, tt := range tests {
		got, ok := c.SeverityFor(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("SeverityFor(%q) = %q, %v; want %q, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRelPath(t *testing.T) {
	dir := t.TempDir()
	c := &Config{Path: filepath.Join(dir, ".fastaudit.yaml")}
	if c.Dir() != dir {
		t.Fatalf("Dir() = %q, want %q", c.Dir(), dir)
	}
	tests := []struct {
		root, rel, want string
	}{
		{dir, "app/main.py", "app/main.py"},
		{filepath.Join(dir, "app"), "main.py", "app/main.py"},
		{filepath.Join(dir, "app", "routers"), "x.py", "app/routers/x.py"},
		{filepath.Join(dir, "app"), ".", "app"},
		{filepath.Dir(dir), "other/x.py", "other/x.py"}, // root outside the config dir
		{"", "x.py", "x.py"},
	}
	for _, tt := range tests {
		if got := c.RelPath(tt.root, tt.rel); got != tt.want {
			t.Errorf("RelPath(%q, %q) = %q, want %q", tt.root, tt.rel, got, tt.want)
		}
	}
	if got := Default().RelPath(dir, "x.py"); got != "x.py" {
		t.Errorf("defaults RelPath = %q", got)
	}
}

// chdir changes the working directory for the rest of the test (the module
// targets go1.22, before testing.T.Chdir).
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
