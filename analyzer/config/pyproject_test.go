package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func writePyproject(t *testing.T, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), PyprojectName)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// The pyproject.toml twin of testdata/full.fastaudit.yaml gives the same
// Config.
func TestLoadPyprojectSameAsYAML(t *testing.T) {
	want, err := Load(filepath.Join("testdata", "full.fastaudit.yaml"), isCode)
	if err != nil {
		t.Fatal(err)
	}
	p := writePyproject(t, `[project]
name = "app"
dependencies = ["fastapi"]

[tool.ruff]
line-length = 100

[tool.fastaudit]
select = ["FA1", "FA2"]
ignore = ["FA102"]
exclude = [
  "migrations/",
  "legacy/**",   # a comment inside the array
]
fail-on = "warning"
test-paths = ["qa/**"]

[tool.fastaudit.per-file-ignores]
"tests/**" = ["FA101", "FA2"]
"__init__.py" = ["FA401"]

[tool.fastaudit.severity]
FA101 = "warning"
`)
	got, err := LoadPyproject(p, isCode)
	if err != nil {
		t.Fatalf("LoadPyproject: %v", err)
	}
	if got.Path != p {
		t.Errorf("Path = %q, want %q", got.Path, p)
	}
	got.Path = want.Path
	if !reflect.DeepEqual(got, want) {
		t.Errorf("pyproject.toml gives\n%+v\nthe YAML file gives\n%+v", got, want)
	}
}

func TestLoadPyprojectSpellings(t *testing.T) {
	tests := []struct {
		name, content string
		check         func(t *testing.T, c *Config)
	}{
		{"empty table", "[tool.fastaudit]\n", func(t *testing.T, c *Config) { wantDefaults(t, c) }},
		{"dotted keys at the top level", "tool.fastaudit.select = [\"fa101\"]\ntool.fastaudit.severity.FA2 = \"ERROR\"\n", func(t *testing.T, c *Config) {
			eq(t, "Select", c.Select, []string{"FA101"})
			eq(t, "Severity", c.Severity, map[string]string{"FA2": "error"})
		}},
		{"inline table under [tool]", "[tool]\nfastaudit = { ignore = [\"FA301\"], per-file-ignores = { \"tests/**\" = [] } }\n", func(t *testing.T, c *Config) {
			eq(t, "Ignore", c.Ignore, []string{"FA301"})
			eq(t, "PerFileIgnores", c.PerFileIgnores, map[string][]string{"tests/**": {}})
		}},
		{"literal strings and CRLF", "[tool.fastaudit]\r\nexclude = ['legacy\\**']\r\nfail-on = 'note'\r\n", func(t *testing.T, c *Config) {
			eq(t, "Exclude", c.Exclude, []string{`legacy\**`})
			eq(t, "FailOn", c.FailOn, "note")
		}},
		{"empty test-paths", "[tool.fastaudit]\ntest-paths = []\n", func(t *testing.T, c *Config) {
			if c.TestPaths == nil || len(c.TestPaths) != 0 {
				t.Errorf("TestPaths = %#v, want empty non-nil", c.TestPaths)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writePyproject(t, tt.content)
			c, err := LoadPyproject(p, isCode)
			if err != nil {
				t.Fatalf("LoadPyproject: %v", err)
			}
			tt.check(t, c)
		})
	}
}

func TestLoadPyprojectErrors(t *testing.T) {
	tests := []struct {
		name    string
		content string
		line    int
		key     string
		want    []string
	}{
		{"unknown key", "[project]\nname = \"x\"\n\n[tool.fastaudit]\nselect = [\"FA1\"]\nselcet = [\"FA1\"]\n", 6, "selcet",
			[]string{"[tool.fastaudit]: ", `unknown key "selcet"`, `did you mean "select"`}},
		{"unknown key with underscores", "[tool.fastaudit]\nfail_on = \"error\"\n", 2, "fail_on", []string{`did you mean "fail-on"`}},
		{"unknown code in a multi-line array", "[tool.fastaudit]\nignore = [\n  \"FA101\",\n  \"FA999\",\n]\n", 4, "ignore",
			[]string{`unknown rule code "FA999" in ignore`}},
		{"unknown code in a sub-table", "[tool.fastaudit]\nfail-on = \"note\"\n\n[tool.fastaudit.per-file-ignores]\n\"tests/**\" = [\"E501\"]\n", 5, "per-file-ignores",
			[]string{`unknown rule code "E501" in per-file-ignores["tests/**"]`}},
		{"unknown severity key", "[tool.fastaudit.severity]\nFA101 = \"error\"\nFA777 = \"note\"\n", 3, "severity",
			[]string{`unknown rule code "FA777" in severity`}},
		{"bad severity", "[tool.fastaudit]\nseverity = { FA101 = \"critical\" }\n", 2, "severity",
			[]string{`severity["FA101"] must be one of error, warning, note`}},
		{"wrong type", "[tool.fastaudit]\nselect = \"FA101\"\n", 2, "select", []string{"select must be a list", `the string "FA101"`}},
		{"number item", "[tool.fastaudit]\nexclude = [\n  \"a/**\",\n  3,\n]\n", 4, "exclude", []string{"each item must be a string", "the number 3"}},
		{"boolean fail-on", "[tool.fastaudit]\nfail-on = true\n", 2, "fail-on", []string{"the boolean true"}},
		{"date value", "[tool.fastaudit]\nfail-on = 2024-01-01\n", 2, "fail-on", []string{"fail-on must be one of"}},
		{"table is not a table", "[tool]\nfastaudit = [\"FA1\"]\n", 2, "", []string{"[tool.fastaudit] must be a table", "a list"}},
		{"no table", "[tool.ruff]\nline-length = 88\n", 0, "", []string{"no [tool.fastaudit] table"}},
		{"invalid TOML", "[tool.fastaudit]\nselect = [\"FA1\"\n", 2, "", []string{"invalid TOML"}},
		{"duplicate key", "[tool.fastaudit]\nselect = [\"FA1\"]\nselect = [\"FA2\"]\n", 3, "", []string{"invalid TOML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writePyproject(t, tt.content)
			c, err := LoadPyproject(p, isCode)
			if err == nil {
				t.Fatalf("no error; got %+v", c)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %T is not *Error: %v", err, err)
			}
			if ce.Path != p {
				t.Errorf("Path = %q, want %q", ce.Path, p)
			}
			if ce.Line != tt.line {
				t.Errorf("Line = %d, want %d (%v)", ce.Line, tt.line, err)
			}
			if ce.Key != tt.key {
				t.Errorf("Key = %q, want %q", ce.Key, tt.key)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
			if !strings.HasPrefix(err.Error(), p+":") {
				t.Errorf("error %q does not start with the file name", err)
			}
		})
	}
}

func TestHasPyprojectTable(t *testing.T) {
	tests := []struct {
		content string
		want    bool
	}{
		{"[tool.fastaudit]\n", true},
		{"[tool.fastaudit.severity]\nFA101 = \"note\"\n", true},
		{"tool.fastaudit.select = []\n", true},
		{"[tool]\nfastaudit = {}\n", true},
		{"[project]\nname = \"fastaudit-demo\"\n", false}, // mentions the name, no table
		{"[tool.ruff]\nselect = [\"E\"]\n", false},
		{"[tool.fastaudit\nselect = \n", true}, // broken: loading reports the syntax error
		{"[tool.ruff\n", false},                // broken, but not ours
	}
	for _, tt := range tests {
		p := writePyproject(t, tt.content)
		if got := HasPyprojectTable(p); got != tt.want {
			t.Errorf("HasPyprojectTable(%q) = %v, want %v", tt.content, got, tt.want)
		}
	}
	if HasPyprojectTable(filepath.Join(t.TempDir(), PyprojectName)) {
		t.Error("a missing file has a table")
	}
}

func TestLocate(t *testing.T) {
	root := t.TempDir()
	write := func(rel, content string) string {
		t.Helper()
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// root: .fastaudit.yaml and pyproject.toml with a table (the YAML wins)
	// root/svc: pyproject.toml with a table (nearest: it wins)
	// root/svc/pkg: pyproject.toml without a table (passed over)
	// root/lib: nothing (the root's YAML)
	rootYAML := write(".fastaudit.yaml", "select: [FA1]\n")
	rootToml := write(PyprojectName, "[tool.fastaudit]\nselect = [\"FA2\"]\n")
	svcToml := write("svc/"+PyprojectName, "[tool.fastaudit]\nignore = [\"FA101\"]\n")
	write("svc/pkg/"+PyprojectName, "[project]\nname = \"pkg\"\n")
	write("svc/pkg/app.py", "")
	if err := os.MkdirAll(filepath.Join(root, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}

	tests := []struct {
		start string
		want  Found
	}{
		{root, Found{Path: rootYAML, Shadowed: rootToml}},
		{filepath.Join(root, "lib"), Found{Path: rootYAML, Shadowed: rootToml}},
		{filepath.Join(root, "svc"), Found{Path: svcToml}},
		{filepath.Join(root, "svc", "pkg"), Found{Path: svcToml}},
		{filepath.Join(root, "svc", "pkg", "app.py"), Found{Path: svcToml}},
	}
	for _, tt := range tests {
		got, ok := Locate(tt.start)
		if !ok || got != tt.want {
			t.Errorf("Locate(%s) = %+v, %v; want %+v", tt.start, got, ok, tt.want)
		}
	}

	// A lone pyproject.toml with the table, no YAML anywhere.
	other := t.TempDir()
	p := filepath.Join(other, PyprojectName)
	os.WriteFile(p, []byte("[tool.fastaudit]\n"), 0o644)
	if got, ok := Locate(other); !ok || got != (Found{Path: p}) {
		t.Errorf("Locate(lone pyproject) = %+v, %v", got, ok)
	}
}

func TestLoadFile(t *testing.T) {
	toml := writePyproject(t, "[tool.fastaudit]\nselect = [\"FA2\"]\n")
	c, err := LoadFile(toml, isCode)
	if err != nil || !reflect.DeepEqual(c.Select, []string{"FA2"}) {
		t.Errorf("LoadFile(pyproject.toml) = %+v, %v", c, err)
	}
	other := filepath.Join(t.TempDir(), "fastaudit.toml")
	os.WriteFile(other, []byte("[tool.fastaudit]\nignore = [\"FA1\"]\n"), 0o644)
	if c, err := LoadFile(other, isCode); err != nil || !reflect.DeepEqual(c.Ignore, []string{"FA1"}) {
		t.Errorf("LoadFile(*.toml) = %+v, %v", c, err)
	}
	yml := writeConfig(t, "select: [FA1]\n")
	if c, err := LoadFile(yml, isCode); err != nil || !reflect.DeepEqual(c.Select, []string{"FA1"}) {
		t.Errorf("LoadFile(yaml) = %+v, %v", c, err)
	}
}
