package baseline

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
)

var (
	ruleA = &analyzer.Rule{Code: "FA101", Principle: analyzer.PrincipleAsync}
	ruleB = &analyzer.Rule{Code: "FA301", Principle: analyzer.PrinciplePerformance}
)

func fnd(rule *analyzer.Rule, path string, line int, src string) analyzer.Finding {
	return analyzer.Finding{Rule: rule, Path: path, Span: analyzer.Span{Line: line, Column: 1, EndLine: line, EndColumn: 2}, SourceLine: src}
}

func TestFingerprint(t *testing.T) {
	a := Fingerprint("FA101", "app/db.py", "db.execute(q)", 0)
	if len(a) != 64 || strings.Trim(a, "0123456789abcdef") != "" {
		t.Fatalf("not a hex SHA-256: %q", a)
	}
	for _, other := range []string{
		Fingerprint("FA102", "app/db.py", "db.execute(q)", 0),
		Fingerprint("FA101", "app/db2.py", "db.execute(q)", 0),
		Fingerprint("FA101", "app/db.py", "db.execute(q2)", 0),
		Fingerprint("FA101", "app/db.py", "db.execute(q)", 1),
		// Length prefixes: moving characters between parts changes the hash.
		Fingerprint("FA101a", "pp/db.py", "db.execute(q)", 0),
	} {
		if other == a {
			t.Errorf("collision with %q", other)
		}
	}

	findings := []analyzer.Finding{
		fnd(ruleA, "app/db.py", 3, "    db.execute(q)"),
		fnd(ruleA, "app/db.py", 9, "db.execute(q)   "),
		fnd(ruleB, "app/db.py", 9, "db.execute(q)"),
	}
	fps := Fingerprints(findings)
	want := []string{
		Fingerprint("FA101", "app/db.py", "db.execute(q)", 0),
		Fingerprint("FA101", "app/db.py", "db.execute(q)", 1),
		Fingerprint("FA301", "app/db.py", "db.execute(q)", 0),
	}
	if !reflect.DeepEqual(fps, want) {
		t.Errorf("Fingerprints = %v, want %v", fps, want)
	}
}

func TestRelativeTo(t *testing.T) {
	root := filepath.Join(string(filepath.Separator), "repo", "backend")
	f := fnd(ruleA, "app/db.py", 1, "x")
	cases := map[string]string{
		filepath.Join(string(filepath.Separator), "repo"): "backend/app/db.py",
		root: "app/db.py",
		filepath.Join(string(filepath.Separator), "repo", "backend", "app"): "db.py",
		filepath.Join(string(filepath.Separator), "other"):                  "../repo/backend/app/db.py",
	}
	for dir, want := range cases {
		if got := RelativeTo(root, dir)(&f); got != want {
			t.Errorf("RelativeTo(%s, %s) = %q, want %q", root, dir, got, want)
		}
	}
}

func TestBaselineRoundTripAndFilter(t *testing.T) {
	before := []analyzer.Finding{
		fnd(ruleA, "app/db.py", 5, "    return db.query(User).all()"),
		fnd(ruleA, "app/db.py", 9, "    return db.query(User).all()"),
		fnd(ruleB, "app/items.py", 20, "for i in items: db.get(Item, i)"),
		fnd(ruleA, `app/we"ird <&> path.py`, 1, "x"),
	}
	b := New(before, nil)
	data := b.Marshal()
	// One finding per line, sorted by path, code, fingerprint.
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) != 5+len(before) || lines[1] != `  "version": 1,` || !strings.HasPrefix(lines[3], `    {"code": "FA101", "path": "app/db.py", "fingerprint": "`) {
		t.Fatalf("unexpected layout:\n%s", data)
	}
	if !strings.Contains(string(data), `"path": "app/we\"ird <&> path.py"`) {
		t.Errorf("path not escaped as plain JSON:\n%s", data)
	}
	if New(before[1:], nil) == nil || string(New(append([]analyzer.Finding{before[3]}, before[:3]...), nil).Marshal()) != string(data) {
		t.Error("the output depends on the order of the findings")
	}
	back, err := Parse("b.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, b) {
		t.Fatalf("round trip: %+v != %+v", back, b)
	}

	// Lines inserted above every finding, one finding fixed (the first of
	// two identical ones), one new finding on an identical line.
	after := []analyzer.Finding{
		fnd(ruleA, "app/db.py", 12, "    return db.query(User).all()"),
		fnd(ruleA, "app/db.py", 30, "    return db.query(User).all()"),
		fnd(ruleA, "app/db.py", 40, "    return db.query(User).all()"),
		fnd(ruleB, "app/items.py", 25, "for i in items: db.get(Item, i)"),
		fnd(ruleA, "app/new.py", 2, "db.query(User).all()"),
	}
	fresh, known := back.Filter(after, nil)
	if known != 3 || len(fresh) != 2 {
		t.Fatalf("known %d, fresh %+v", known, fresh)
	}
	if fresh[0].Path != "app/db.py" || fresh[0].Line != 40 || fresh[1].Path != "app/new.py" {
		t.Errorf("fresh = %+v", fresh)
	}

	// An edited line is a new finding.
	edited := []analyzer.Finding{fnd(ruleB, "app/items.py", 20, "for i in items: db.get(Item, i + 1)")}
	if fresh, known := back.Filter(edited, nil); known != 0 || len(fresh) != 1 {
		t.Errorf("edited line matched the baseline")
	}

	// Paths are compared through the PathFunc.
	prefixed := func(f *analyzer.Finding) string { return "backend/" + f.Path }
	bp := New(before, prefixed)
	if bp.Findings[0].Path != "backend/app/db.py" {
		t.Errorf("PathFunc not applied: %+v", bp.Findings[0])
	}
	if _, known := bp.Filter(before, prefixed); known != len(before) {
		t.Errorf("with the PathFunc: known %d", known)
	}
	if _, known := bp.Filter(before, nil); known != 0 {
		t.Errorf("without the PathFunc: known %d", known)
	}
}

func TestEmptyBaseline(t *testing.T) {
	data := New(nil, nil).Marshal()
	if string(data) != "{\n  \"version\": 1,\n  \"findings\": []\n}\n" {
		t.Errorf("empty baseline:\n%s", data)
	}
	b, err := Parse("b.json", data)
	if err != nil || len(b.Findings) != 0 {
		t.Errorf("Parse(empty) = %+v, %v", b, err)
	}
}

func TestParseErrors(t *testing.T) {
	for _, tc := range []struct{ content, want string }{
		{"", "invalid JSON"},
		{"[1, 2]", "invalid JSON"},
		{`{"findings": []}`, `no "version"`},
		{`{"version": 2, "findings": []}`, "version 2 is not supported"},
		{`{"version": 1, "findings": [{"code": "FA101", "path": "a.py"}]}`, "finding 1 lacks"},
	} {
		_, err := Parse("base.json", []byte(tc.content))
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "base.json: ") {
			t.Errorf("Parse(%q) = %v, want an error with %q", tc.content, err, tc.want)
		}
	}
	_, err := Read(filepath.Join(t.TempDir(), "missing.json"))
	if err == nil || !strings.Contains(err.Error(), "cannot read baseline") {
		t.Errorf("Read(missing) = %v", err)
	}
	p := filepath.Join(t.TempDir(), "b.json")
	os.WriteFile(p, New([]analyzer.Finding{fnd(ruleA, "a.py", 1, "x")}, nil).Marshal(), 0o644)
	if b, err := Read(p); err != nil || len(b.Findings) != 1 {
		t.Errorf("Read = %+v, %v", b, err)
	}
}
