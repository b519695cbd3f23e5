// Package sarifcheck checks SARIF logs produced by fastaudit: against the
// official SARIF 2.1.0 JSON schema (Validate) and against what GitHub code
// scanning relies on beyond the schema (Lint). It is meant for tests; Check
// combines both with the project's rule for a missing schema file.
package sarifcheck

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// SchemaEnv, when set, names the schema file and overrides the search.
const SchemaEnv = "FASTAUDIT_SARIF_SCHEMA"

// schemaRel is the schema's location relative to the repository root (the
// directory holding go.mod).
var schemaRel = filepath.Join("..", "shared", "schemas", "sarif-schema-2.1.0.json")

// ErrNoSchema is returned (wrapped) when the schema file cannot be found.
var ErrNoSchema = errors.New("SARIF 2.1.0 schema file not found")

// SchemaPath returns the path of the SARIF 2.1.0 schema:
// $FASTAUDIT_SARIF_SCHEMA if set, else ../shared/schemas/sarif-schema-2.1.0.json
// relative to the repository root, found by walking up from the working
// directory to the first directory containing go.mod. The error wraps
// ErrNoSchema when the file does not exist.
func SchemaPath() (string, error) {
	if p := os.Getenv(SchemaEnv); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("%w: $%s=%s: %v", ErrNoSchema, SchemaEnv, p, err)
		}
		return p, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	root, err := repoRoot(wd)
	if err != nil {
		return "", err
	}
	p := filepath.Clean(filepath.Join(root, schemaRel))
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%w: %s: %v", ErrNoSchema, p, err)
	}
	return p, nil
}

func repoRoot(dir string) (string, error) {
	for d := dir; ; {
		if fi, err := os.Stat(filepath.Join(d, "go.mod")); err == nil && !fi.IsDir() {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no go.mod in %s or any parent directory", dir)
		}
		d = parent
	}
}

var (
	compileMu sync.Mutex
	compiled  = map[string]*jsonschema.Schema{}
)

func schema() (*jsonschema.Schema, error) {
	path, err := SchemaPath()
	if err != nil {
		return nil, err
	}
	compileMu.Lock()
	defer compileMu.Unlock()
	if s, ok := compiled[path]; ok {
		return s, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parsing schema %s: %w", path, err)
	}
	c := jsonschema.NewCompiler()
	// The file says draft-04 in $schema; set it as the default as well, in case
	// a copy without $schema is used.
	c.DefaultDraft(jsonschema.Draft4)
	url := filepath.ToSlash(path)
	if !strings.HasPrefix(url, "/") {
		url = "/" + url // C:/x -> /C:/x
	}
	url = "file://" + url
	if err := c.AddResource(url, doc); err != nil {
		return nil, fmt.Errorf("loading schema %s: %w", path, err)
	}
	s, err := c.Compile(url)
	if err != nil {
		return nil, fmt.Errorf("compiling schema %s: %w", path, err)
	}
	compiled[path] = s
	return s, nil
}

// Validate checks sarifJSON against the SARIF 2.1.0 schema (formats such as
// "uri" asserted, as draft-04 does). It returns an error wrapping ErrNoSchema
// when the schema file is missing.
func Validate(sarifJSON []byte) error {
	s, err := schema()
	if err != nil {
		return err
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(sarifJSON))
	if err != nil {
		return fmt.Errorf("SARIF is not valid JSON: %w", err)
	}
	if err := s.Validate(inst); err != nil {
		return fmt.Errorf("SARIF does not match the 2.1.0 schema: %w", err)
	}
	return nil
}

// Lint checks what GitHub code scanning needs beyond the schema, and the
// go-sarif pitfalls: no null anywhere; every run has columnKind
// "utf16CodeUnits" and a driver with rules; rule ids are unique and every rule
// has shortDescription.text; every result's ruleIndex is the position of its
// ruleId in driver.rules; every result has exactly one location, with a uri
// and a uriBaseId, and a 1-based startLine if it has a region;
// security-severity, where present, is a string holding a number from 0.0 to
// 10.0. All problems are reported together.
func Lint(sarifJSON []byte) error {
	var root any
	dec := json.NewDecoder(bytes.NewReader(sarifJSON))
	dec.UseNumber()
	if err := dec.Decode(&root); err != nil {
		return fmt.Errorf("SARIF is not valid JSON: %w", err)
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	findNulls(root, "$", bad)

	top, _ := root.(map[string]any)
	runs, _ := top["runs"].([]any)
	if len(runs) == 0 {
		bad("no runs")
	}
	for ri, rv := range runs {
		run, _ := rv.(map[string]any)
		at := fmt.Sprintf("runs[%d]", ri)
		if ck, _ := run["columnKind"].(string); ck != "utf16CodeUnits" {
			bad("%s.columnKind = %v, want \"utf16CodeUnits\"", at, run["columnKind"])
		}
		tool, _ := run["tool"].(map[string]any)
		driver, _ := tool["driver"].(map[string]any)
		if driver == nil {
			bad("%s.tool.driver missing", at)
			continue
		}
		rules, ok := driver["rules"].([]any)
		if !ok {
			bad("%s.tool.driver.rules missing", at)
		}
		pos := map[string]int{}
		for i, rv := range rules {
			rule, _ := rv.(map[string]any)
			id, _ := rule["id"].(string)
			rat := fmt.Sprintf("%s.tool.driver.rules[%d] (%s)", at, i, id)
			if _, dup := pos[id]; dup {
				bad("%s: duplicate rule id", rat)
			}
			pos[id] = i
			if sd, _ := rule["shortDescription"].(map[string]any); sd == nil || sd["text"] == nil {
				bad("%s: no shortDescription.text", rat)
			}
			props, _ := rule["properties"].(map[string]any)
			if ss, present := props["security-severity"]; present {
				s, isString := ss.(string)
				if f, err := json.Number(s).Float64(); !isString || err != nil || f < 0 || f > 10 {
					bad("%s: security-severity %#v is not a string holding 0.0-10.0", rat, ss)
				}
			}
		}
		results, _ := run["results"].([]any)
		for i, rv := range results {
			res, _ := rv.(map[string]any)
			id, _ := res["ruleId"].(string)
			rat := fmt.Sprintf("%s.results[%d] (%s)", at, i, id)
			want, known := pos[id]
			if !known {
				bad("%s: ruleId not in driver.rules", rat)
			} else if idx, ok := res["ruleIndex"].(json.Number); !ok || idx.String() != fmt.Sprint(want) {
				bad("%s: ruleIndex = %v, want %d", rat, res["ruleIndex"], want)
			}
			locs, _ := res["locations"].([]any)
			if len(locs) != 1 {
				bad("%s: %d locations, want 1", rat, len(locs))
				continue
			}
			loc, _ := locs[0].(map[string]any)
			phys, _ := loc["physicalLocation"].(map[string]any)
			art, _ := phys["artifactLocation"].(map[string]any)
			if u, _ := art["uri"].(string); u == "" {
				bad("%s: no artifactLocation.uri", rat)
			}
			if b, _ := art["uriBaseId"].(string); b == "" {
				bad("%s: no artifactLocation.uriBaseId", rat)
			}
			if region, ok := phys["region"].(map[string]any); ok {
				if sl, ok := region["startLine"].(json.Number); !ok || sl.String() == "0" {
					bad("%s: region without a 1-based startLine", rat)
				}
			}
		}
	}
	if len(problems) > 0 {
		return errors.New("SARIF lint:\n  " + strings.Join(problems, "\n  "))
	}
	return nil
}

func findNulls(v any, at string, bad func(string, ...any)) {
	switch v := v.(type) {
	case nil:
		bad("%s is null", at)
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			findNulls(v[k], at+"."+k, bad)
		}
	case []any:
		for i, e := range v {
			findNulls(e, fmt.Sprintf("%s[%d]", at, i), bad)
		}
	}
}

// Check validates sarifJSON with Lint and Validate and fails t on any
// problem. When the schema file is missing it fails t (t.Fatal) if the
// environment has CI=true and skips the rest of t (t.Skip) otherwise; Lint runs
// first, so its failures are reported either way. Because of the skip, call it
// last in a test, or in its own subtest.
func Check(t testing.TB, sarifJSON []byte) {
	t.Helper()
	if err := Lint(sarifJSON); err != nil {
		t.Error(err)
	}
	err := Validate(sarifJSON)
	switch {
	case err == nil:
	case errors.Is(err, ErrNoSchema):
		if os.Getenv("CI") == "true" {
			t.Fatalf("SARIF schema validation impossible: %v", err)
		}
		t.Skipf("skipping SARIF schema validation: %v (required when CI=true)", err)
	default:
		t.Error(err)
	}
}
