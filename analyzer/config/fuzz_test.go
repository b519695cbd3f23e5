package config

import (
	"bytes"
	"errors"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/fastaudit/fastaudit/analyzer/fuzzwatch"
)

// Run longer with
//
//	go test -run '^$' -fuzz '^FuzzLoadYAML$' ./analyzer/config
//	go test -run '^$' -fuzz '^FuzzLoadPyproject$' ./analyzer/config

// FuzzLoadYAML: any bytes in .fastaudit.yaml give either a valid Config or
// an *Error naming the file, never a panic; a valid Config passes the checks
// again once written back as YAML (see checkLoaded).
func FuzzLoadYAML(f *testing.F) {
	addConfigSeeds(f)
	f.Add([]byte("select: &a [FA1]\nignore: *a\nper-file-ignores: {*a: [FA2]}\n"))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte(strings.Repeat("[", 5000)))
	f.Add([]byte(strings.Repeat("- ", 5000) + "x"))
	path := filepath.Join(f.TempDir(), ".fastaudit.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzwatch.Start(hangLimit)()
		c := loadBytes(t, path, data, Load)
		if c != nil {
			checkLoaded(t, c, path)
		}
	})
}

// FuzzLoadPyproject: the same for the [tool.fastaudit] table of
// pyproject.toml; a valid table also gives the same Config as its YAML
// rendering, so both spellings keep meaning the same thing.
func FuzzLoadPyproject(f *testing.F) {
	addConfigSeeds(f)
	f.Add([]byte("[tool.fastaudit]\nselect = [[[\"FA1\"]]]\n"))
	f.Add([]byte("tool.fastaudit = { severity = { FA101 = \"warning\" }, fail-on = \"error\" }\n"))
	f.Add([]byte("[[tool.fastaudit.severity]]\nFA101 = \"note\"\n"))
	f.Add([]byte("[tool.fastaudit]\ntest-paths = [1979-05-27T07:32:00Z, 1.5e3, inf, true]\n"))
	f.Add([]byte("[tool]\nfastaudit = " + strings.Repeat("[", 3000) + "\n"))
	path := filepath.Join(f.TempDir(), PyprojectName)
	f.Fuzz(func(t *testing.T, data []byte) {
		defer fuzzwatch.Start(hangLimit)()
		c := loadBytes(t, path, data, LoadPyproject)
		if c != nil {
			checkLoaded(t, c, path)
		}
	})
}

// hangLimit is far above the time any config takes (microseconds); an
// input that takes longer hangs the loader.
const hangLimit = 10 * time.Second

// loadBytes writes data to path and loads it. An error must be an *Error
// for path with a message and a line inside the file (or 0).
func loadBytes(t *testing.T, path string, data []byte, load func(string, func(string) bool) (*Config, error)) *Config {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := load(path, isCode)
	if err != nil {
		var ce *Error
		if !errors.As(err, &ce) {
			t.Fatalf("error %T is not a *config.Error: %v", err, err)
		}
		// YAML and TOML count "\n", "\r\n" and a lone "\r" as line breaks.
		lines := bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) +
			bytes.Count(data, []byte("\r")) - bytes.Count(data, []byte("\r\n")) + 1
		if ce.Path != path || ce.Msg == "" || ce.Line < 0 || ce.Line > lines+1 {
			t.Fatalf("bad error (path %q, line %d of %d): %v", ce.Path, ce.Line, lines, err)
		}
		if c != nil {
			t.Fatal("a Config returned with an error")
		}
		return nil
	}
	if c == nil {
		t.Fatal("no Config and no error")
	}
	return c
}

// checkLoaded checks what Load promises about a valid Config, then writes
// it back as .fastaudit.yaml and loads it again: the same Config must come
// back (a loaded config re-validates and means the same thing).
func checkLoaded(t *testing.T, c *Config, path string) {
	t.Helper()
	if c.Path != path {
		t.Fatalf("Path = %q, want %q", c.Path, path)
	}
	if c.PerFileIgnores == nil || c.Severity == nil || c.TestPaths == nil {
		t.Fatalf("nil map or test paths in %+v", c)
	}
	codeOK := func(where, code string) {
		if code == "" || code != strings.ToUpper(strings.TrimSpace(code)) || !isCode(code) {
			t.Fatalf("%s: code %q is not a normalised known code", where, code)
		}
	}
	globOK := func(where, glob string) {
		if glob == "" || glob != strings.TrimSpace(glob) {
			t.Fatalf("%s: glob %q is empty or not trimmed", where, glob)
		}
	}
	for _, code := range c.Select {
		codeOK("select", code)
	}
	for _, code := range c.Ignore {
		codeOK("ignore", code)
	}
	for _, g := range c.Exclude {
		globOK("exclude", g)
	}
	for _, g := range c.TestPaths {
		globOK("test-paths", g)
	}
	for g, codes := range c.PerFileIgnores {
		globOK("per-file-ignores", g)
		for _, code := range codes {
			codeOK("per-file-ignores", code)
		}
	}
	for code, sev := range c.Severity {
		codeOK("severity", code)
		if !validLevel(sev) {
			t.Fatalf("severity[%s] = %q", code, sev)
		}
	}
	if c.FailOn != "" && !validLevel(c.FailOn) {
		t.Fatalf("fail-on = %q", c.FailOn)
	}
	// The globs are usable: matching never panics.
	for _, rel := range []string{"app/main.py", "tests/test_x.py", "a/b/c/conftest.py", ""} {
		c.IsTestPath(rel)
		c.IgnoredFor(rel)
	}

	first := renderYAML(t, c)
	again := filepath.Join(filepath.Dir(path), "again.fastaudit.yaml")
	if err := os.WriteFile(again, first, 0o644); err != nil {
		t.Fatal(err)
	}
	c2, err := Load(again, isCode)
	if err != nil {
		t.Fatalf("the loaded config does not load again: %v\n%s", err, first)
	}
	if second := renderYAML(t, c2); !bytes.Equal(first, second) {
		t.Fatalf("the config changed when loaded again:\n%s\n---\n%s", first, second)
	}
}

func validLevel(s string) bool {
	return s == SeverityError || s == SeverityWarning || s == SeverityNote
}

// renderYAML writes c as a .fastaudit.yaml (every key; nil and empty lists
// both as []), in a canonical form: maps sorted by key.
func renderYAML(t *testing.T, c *Config) []byte {
	t.Helper()
	var failOn any
	if c.FailOn != "" {
		failOn = c.FailOn
	}
	list := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	doc := yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v any) {
		var n yaml.Node
		if err := n.Encode(v); err != nil {
			t.Fatalf("encode %s: %v", key, err)
		}
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, &n)
	}
	add(KeySelect, list(c.Select))
	add(KeyIgnore, list(c.Ignore))
	add(KeyExclude, list(c.Exclude))
	add(KeyPerFileIgnores, c.PerFileIgnores)
	add(KeySeverity, c.Severity)
	add(KeyFailOn, failOn)
	add(KeyTestPaths, list(c.TestPaths))
	out, err := yaml.Marshal(&doc)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	return out
}

// addConfigSeeds seeds a config fuzzer with the config files under
// testdata and every string literal of the package's tests (the YAML and
// TOML documents of the table tests).
func addConfigSeeds(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*"))
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	fset := token.NewFileSet()
	for _, name := range []string{"config_test.go", "pyproject_test.go"} {
		file, err := goparser.ParseFile(fset, name, nil, 0)
		if err != nil {
			f.Fatalf("seeds from %s: %v", name, err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				if s, err := strconv.Unquote(lit.Value); err == nil && s != "" {
					f.Add([]byte(s))
				}
			}
			return true
		})
	}
}
