package sarifcheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSchemaPath(t *testing.T) {
	p, err := SchemaPath()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal(err)
		}
		t.Skip(err)
	}
	if !strings.HasSuffix(filepath.ToSlash(p), "shared/schemas/sarif-schema-2.1.0.json") {
		t.Errorf("SchemaPath() = %s", p)
	}
	if err := Validate([]byte(`{"version": "2.1.0", "runs": []}`)); err != nil {
		t.Errorf("minimal log rejected: %v", err)
	}
	if err := Validate([]byte(`{"version": "2.1.0", "runs": [{}]}`)); err == nil {
		t.Errorf("run without tool accepted")
	}
}

func TestSchemaPathEnv(t *testing.T) {
	t.Setenv(SchemaEnv, filepath.Join(t.TempDir(), "missing.json"))
	if _, err := SchemaPath(); err == nil {
		t.Errorf("missing $%s file: no error", SchemaEnv)
	}
}

func TestLint(t *testing.T) {
	ok := `{"version":"2.1.0","runs":[{"columnKind":"utf16CodeUnits","tool":{"driver":{"name":"x","rules":[
		{"id":"A","shortDescription":{"text":"a"}},
		{"id":"B","shortDescription":{"text":"b"},"properties":{"security-severity":"7.5"}}]}},
		"results":[{"ruleId":"B","ruleIndex":1,"message":{"text":"m"},
		"locations":[{"physicalLocation":{"artifactLocation":{"uri":"a.py","uriBaseId":"%SRCROOT%"},"region":{"startLine":1}}}]}]}]}`
	if err := Lint([]byte(ok)); err != nil {
		t.Errorf("good log: %v", err)
	}
	for name, bad := range map[string]string{
		"ruleIndex":         strings.Replace(ok, `"ruleIndex":1`, `"ruleIndex":0`, 1),
		"unknown rule":      strings.Replace(ok, `"ruleId":"B"`, `"ruleId":"C"`, 1),
		"null":              strings.Replace(ok, `"message":{"text":"m"}`, `"message":null`, 1),
		"columnKind":        strings.Replace(ok, `"utf16CodeUnits"`, `"unicodeCodePoints"`, 1),
		"severity number":   strings.Replace(ok, `"7.5"`, `7.5`, 1),
		"severity range":    strings.Replace(ok, `"7.5"`, `"11"`, 1),
		"duplicate rule":    strings.Replace(ok, `"id":"A"`, `"id":"B"`, 1),
		"no uriBaseId":      strings.Replace(ok, `,"uriBaseId":"%SRCROOT%"`, ``, 1),
		"no shortDesc":      strings.Replace(ok, `"shortDescription":{"text":"a"}`, `"name":"a"`, 1),
		"startLine missing": strings.Replace(ok, `"startLine":1`, `"startColumn":1`, 1),
	} {
		if bad == ok {
			t.Fatalf("%s: mutation did not apply", name)
		}
		if err := Lint([]byte(bad)); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
