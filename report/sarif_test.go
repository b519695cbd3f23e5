package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/report/sarifcheck"
)

// sarifCases are every SARIF log the report tests write; each is linted and
// validated against the schema.
func sarifCases(t *testing.T) map[string][]byte {
	res := fixtureResult(t)
	filtered := fixtureResult(t)
	filtered.Rules = nil // e.g. --select matched nothing: every descriptor comes from findings
	odd := &analyzer.Result{
		Files: 1,
		Rules: []*analyzer.Rule{{Code: "FA999"}}, // no name, summary, doc, principle or severity
		Findings: []analyzer.Finding{
			// Columns missing, end before start, an unusual path.
			{Rule: &analyzer.Rule{Code: "FA998"}, Path: "a b/ü:x#y?.py", Span: analyzer.Span{Line: 2, EndLine: 1}},
			{Rule: ruleSQLi, Path: "x.py", Span: analyzer.Span{Line: 3, Column: 9, EndLine: 3, EndColumn: 4, Column16: 9, EndColumn16: 4}},
			{Rule: ruleSQLi, Path: "x.py", Span: analyzer.Span{Line: 0}, Message: "no line"},
		},
	}
	out := map[string][]byte{
		"fixture":   render(t, "sarif", res, testOpts),
		"no-opts":   render(t, "sarif", res, Options{}),
		"filtered":  render(t, "sarif", filtered, testOpts),
		"empty":     render(t, "sarif", &analyzer.Result{}, Options{}),
		"odd-spans": render(t, "sarif", odd, Options{Version: "dev"}),
	}
	return out
}

func TestSARIFSchema(t *testing.T) {
	for name, data := range sarifCases(t) {
		t.Run(name, func(t *testing.T) {
			sarifcheck.Check(t, data)
		})
	}
}

// TestSARIFSchemaRejects makes sure the validation is real: logs that break
// the schema, or what GitHub needs, are rejected.
func TestSARIFSchemaRejects(t *testing.T) {
	good := render(t, "sarif", fixtureResult(t), testOpts)
	mutate := func(f func(m map[string]any)) []byte {
		var m map[string]any
		if err := json.Unmarshal(good, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	run := func(m map[string]any) map[string]any { return m["runs"].([]any)[0].(map[string]any) }
	rules := func(m map[string]any) []any {
		return run(m)["tool"].(map[string]any)["driver"].(map[string]any)["rules"].([]any)
	}
	result0 := func(m map[string]any) map[string]any { return run(m)["results"].([]any)[0].(map[string]any) }

	lintBad := map[string][]byte{
		"null": mutate(func(m map[string]any) {
			rules(m)[0].(map[string]any)["shortDescription"] = nil
		}),
		"ruleIndex": mutate(func(m map[string]any) { result0(m)["ruleIndex"] = 3 }),
		"columnKind": mutate(func(m map[string]any) {
			delete(run(m), "columnKind")
		}),
		"security-severity-number": mutate(func(m map[string]any) {
			for _, r := range rules(m) {
				if p, _ := r.(map[string]any)["properties"].(map[string]any); p["security-severity"] != nil {
					p["security-severity"] = 9.5
				}
			}
		}),
	}
	for name, data := range lintBad {
		if err := sarifcheck.Lint(data); err == nil {
			t.Errorf("Lint accepted %s", name)
		}
	}

	schemaBad := map[string][]byte{
		"level":   mutate(func(m map[string]any) { result0(m)["level"] = "fatal" }),
		"version": mutate(func(m map[string]any) { m["version"] = "2.0.0" }),
		"extra":   mutate(func(m map[string]any) { run(m)["bogus"] = true }),
		"null":    mutate(func(m map[string]any) { rules(m)[0].(map[string]any)["shortDescription"] = nil }),
		"line0": mutate(func(m map[string]any) {
			result0(m)["locations"].([]any)[0].(map[string]any)["physicalLocation"].(map[string]any)["region"].(map[string]any)["startLine"] = 0
		}),
	}
	if err := sarifcheck.Validate(good); err != nil {
		if errors.Is(err, sarifcheck.ErrNoSchema) {
			if os.Getenv("CI") == "true" {
				t.Fatal(err)
			}
			t.Skipf("skipping schema checks: %v", err)
		}
		t.Fatalf("valid fixture rejected: %v", err)
	}
	for name, data := range schemaBad {
		if err := sarifcheck.Validate(data); err == nil {
			t.Errorf("schema accepted %s", name)
		}
	}
}

type sarifLog struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []struct {
		ColumnKind string `json:"columnKind"`
		Tool       struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID                   string            `json:"id"`
					Name                 string            `json:"name"`
					ShortDescription     map[string]string `json:"shortDescription"`
					FullDescription      map[string]string `json:"fullDescription"`
					Help                 map[string]string `json:"help"`
					HelpURI              string            `json:"helpUri"`
					DefaultConfiguration map[string]string `json:"defaultConfiguration"`
					Properties           map[string]any    `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string            `json:"ruleId"`
			RuleIndex *int              `json:"ruleIndex"`
			Level     string            `json:"level"`
			Message   map[string]string `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region map[string]int `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
	} `json:"runs"`
}

func TestSARIFContent(t *testing.T) {
	res := fixtureResult(t)
	data := render(t, "sarif", res, testOpts)
	if bytes.Contains(data, []byte("null")) {
		t.Errorf("SARIF contains null")
	}
	if !bytes.HasSuffix(data, []byte("}\n")) {
		t.Errorf("SARIF does not end with a newline")
	}
	var log sarifLog
	if err := json.Unmarshal(data, &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	d := run.Tool.Driver
	if d.Name != "fastaudit" || d.Version != "0.1.0-test" || d.InformationURI != DefaultInformationURI {
		t.Errorf("driver = %q %q %q", d.Name, d.Version, d.InformationURI)
	}
	if run.ColumnKind != "utf16CodeUnits" {
		t.Errorf("columnKind = %q", run.ColumnKind)
	}

	// Rules: enabled rules plus FA001 (from a finding), sorted by code.
	var ids []string
	for _, r := range d.Rules {
		ids = append(ids, r.ID)
		if r.ShortDescription["text"] == "" || r.FullDescription["text"] == "" || r.Help["text"] == "" || r.Help["markdown"] == "" {
			t.Errorf("%s: empty description or help", r.ID)
		}
		if r.HelpURI != "https://fastaudit.dev/rules/"+r.ID {
			t.Errorf("%s: helpUri = %q", r.ID, r.HelpURI)
		}
		tags, _ := r.Properties["tags"].([]any)
		ss, hasSS := r.Properties["security-severity"]
		switch r.ID {
		case "FA209":
			if s, ok := ss.(string); !ok || s != "9.5" {
				t.Errorf("FA209 security-severity = %#v, want the string \"9.5\"", ss)
			}
			if !slices.Equal(tags, []any{"security", "external/cwe/cwe-89"}) {
				t.Errorf("FA209 tags = %v", tags)
			}
			if r.DefaultConfiguration["level"] != "error" || r.Properties["precision"] != "high" {
				t.Errorf("FA209 level/precision = %v %v", r.DefaultConfiguration, r.Properties["precision"])
			}
			if !strings.Contains(r.Help["markdown"], "## Example\n\n```python\ndb.execute(") {
				t.Errorf("FA209 markdown help has no python example:\n%s", r.Help["markdown"])
			}
		default:
			if hasSS {
				t.Errorf("%s: security-severity on a non-security rule", r.ID)
			}
			if len(tags) != 1 {
				t.Errorf("%s: tags = %v, want the principle only", r.ID, tags)
			}
		}
		if r.ID == "FA307" && r.DefaultConfiguration["level"] != "note" {
			t.Errorf("FA307 default level = %v", r.DefaultConfiguration)
		}
	}
	if want := []string{"FA001", "FA101", "FA209", "FA307"}; !slices.Equal(ids, want) {
		t.Errorf("rule ids = %v, want %v", ids, want)
	}

	if len(run.Results) != len(res.Findings) {
		t.Fatalf("%d results for %d findings", len(run.Results), len(res.Findings))
	}
	for i, r := range run.Results {
		f := &res.Findings[i]
		if r.RuleID != f.Rule.Code || r.RuleIndex == nil || d.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %d: ruleId %s, ruleIndex %v does not point at it", i, r.RuleID, r.RuleIndex)
		}
		if r.Level != f.Severity.String() {
			t.Errorf("result %d: level %s, want effective severity %s", i, r.Level, f.Severity)
		}
		if r.Message["text"] != f.Message {
			t.Errorf("result %d: message %q", i, r.Message["text"])
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(r.Locations))
		}
		pl := r.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %d: uriBaseId %q", i, pl.ArtifactLocation.URIBaseID)
		}
		wantURI := strings.ReplaceAll(f.Path, " ", "%20")
		if pl.ArtifactLocation.URI != wantURI {
			t.Errorf("result %d: uri %q, want %q", i, pl.ArtifactLocation.URI, wantURI)
		}
		wantRegion := map[string]int{"startLine": f.Line, "startColumn": f.Column16, "endLine": f.EndLine, "endColumn": f.EndColumn16}
		if !maps.Equal(pl.Region, wantRegion) {
			t.Errorf("result %d: region %v, want %v", i, pl.Region, wantRegion)
		}
		if f.LineHash == "" || r.PartialFingerprints["primaryLocationLineHash"] != f.LineHash {
			t.Errorf("result %d: partialFingerprints %v, want line hash %q", i, r.PartialFingerprints, f.LineHash)
		}
	}
}

func TestSARIFNoLineHash(t *testing.T) {
	res := fixtureResult(t)
	for i := range res.Findings {
		res.Findings[i].LineHash = ""
	}
	if data := render(t, "sarif", res, Options{}); bytes.Contains(data, []byte("partialFingerprints")) {
		t.Errorf("partialFingerprints written without a line hash")
	}
}

func TestCWETag(t *testing.T) {
	for in, want := range map[string]string{"CWE-89": "external/cwe/cwe-89", "cwe-22": "external/cwe/cwe-22", "79": "external/cwe/cwe-79", "CWE-": "", "OWASP-A03": ""} {
		if got := cweTag(in); got != want {
			t.Errorf("cweTag(%q) = %q, want %q", in, got, want)
		}
	}
}
