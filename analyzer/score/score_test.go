package score

import (
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/rules"
)

const fixtures = "../../testdata/score"

func audit(t testing.TB, opts analyzer.Options) *analyzer.Result {
	t.Helper()
	if opts.Rules == nil {
		opts.Rules = rules.All()
	}
	opts.Collectors = rules.Collectors()
	opts.Workers = 1
	res, err := analyzer.Run(context.Background(), opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func auditFixture(t testing.TB, name string) *analyzer.Result {
	return audit(t, analyzer.Options{Paths: []string{filepath.Join(fixtures, name)}})
}

// brief renders a report compactly: overall, grade, each principle's score
// ("-" when not applicable) and the size.
func brief(rep Report) string {
	var ps []string
	for _, p := range rep.Principles {
		v := "-"
		if p.Applicable {
			v = fmt.Sprint(p.Score)
		}
		ps = append(ps, v)
	}
	s := rep.Size
	return fmt.Sprintf("%v %s | %s | files=%d lines=%d handlers=%d tests=%d", rep.Overall, rep.Grade, strings.Join(ps, " "),
		s.Files, s.Lines, s.Handlers, s.Tests)
}

// TestFixtureScores pins the scores of the fixture answers. Principles are
// in catalog order: async, security, performance, error handling, types,
// documentation, testing, production readiness.
func TestFixtureScores(t *testing.T) {
	cases := []struct{ file, want string }{
		// A complete answer (app, db and tests blocks): one note (FA807).
		{"good.md", "99.2 A | 100 100 100 100 100 100 100 94.1 | files=3 lines=79 handlers=4 tests=4"},
		// The worked example of docs/scoring.md.
		{"sloppy.md", "37.2 F | 16.7 23.5 80 28.6 66.7 61.5 50 72.7 | files=1 lines=37 handlers=4 tests=0"},
		// Five lines, one sync handler: no async code, too small for tests.
		{"snippet.py", "85.7 B | - 100 100 100 80 66.7 - 80 | files=1 lines=5 handlers=1 tests=0"},
		// No routes and no app: documentation and testing do not apply.
		{"helpers.py", "83.3 B | - 100 100 100 100 - - 50 | files=1 lines=10 handlers=0 tests=0"},
		// It does not parse: the overall score is multiplied by 0.
		{"broken.md", "0 F | 100 100 100 100 80 80 - 100 | files=1 lines=5 handlers=1 tests=0"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			if got := brief(Compute(auditFixture(t, c.file))); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// TestWorkedExample checks the arithmetic docs/scoring.md shows for sloppy.md.
func TestWorkedExample(t *testing.T) {
	rep := Compute(auditFixture(t, "sloppy.md"))
	if rep.Units != 4 {
		t.Fatalf("units = %v, want 4 (4 handlers > 37/50 lines)", rep.Units)
	}
	want := map[analyzer.Principle]struct {
		errors, warnings, notes int
		penalty                 float64
	}{
		analyzer.PrincipleAsync:       {5, 0, 0, 5},      // 5×4 / 4
		analyzer.PrincipleSecurity:    {3, 1, 0, 3.25},   // (3×4 + 1) / 4
		analyzer.PrinciplePerformance: {0, 1, 0, 0.25},   // 1 / 4
		analyzer.PrincipleErrors:      {2, 2, 0, 2.5},    // (2×4 + 2) / 4
		analyzer.PrincipleTypes:       {0, 1, 4, 0.5},    // (1 + 4×0.25) / 4
		analyzer.PrincipleDocs:        {0, 0, 10, 0.625}, // 10×0.25 / 4
		analyzer.PrincipleTesting:     {0, 0, 0, 1},      // no tests: 4 handlers × 1 / 4
		analyzer.PrincipleProduction:  {0, 1, 2, 0.375},  // (1 + 2×0.25) / 4
	}
	sum := 0.0
	for _, p := range rep.Principles {
		w := want[p.Principle]
		if p.Errors != w.errors || p.Warnings != w.warnings || p.Notes != w.notes || p.Penalty != w.penalty {
			t.Errorf("%s: %d/%d/%d penalty %v, want %d/%d/%d penalty %v", p.Principle, p.Errors, p.Warnings, p.Notes, p.Penalty,
				w.errors, w.warnings, w.notes, w.penalty)
		}
		sum += w.penalty
	}
	// 100 / (1 + 13.5/8) = 37.2
	if overall := round(100/(1+sum/8), 1); rep.Overall != overall || overall != 37.2 {
		t.Errorf("overall %v, formula gives %v, docs say 37.2", rep.Overall, overall)
	}
	if tp := rep.Principles[6]; tp.MissingTests != 4 || !strings.Contains(tp.Reason, "no tests") {
		t.Errorf("testing: missing tests %d, reason %q", tp.MissingTests, tp.Reason)
	}
}

func TestMarkdownAnswerScoresLikeItsPython(t *testing.T) {
	// The same code as a Markdown answer and as a Python file scores the
	// same: prose and fences are not part of the size.
	md := "Here you go:\n\n```python\n" + sloppyCode(t) + "```\n\nRun it with uvicorn.\n"
	fromMD := Compute(audit(t, analyzer.Options{Sources: []analyzer.Source{{Path: "answer.md", Content: []byte(md)}}}))
	fromPy := Compute(audit(t, analyzer.Options{Sources: []analyzer.Source{{Path: "answer.py", Content: []byte(sloppyCode(t))}}}))
	if brief(fromMD) != brief(fromPy) {
		t.Errorf("markdown %s\npython   %s", brief(fromMD), brief(fromPy))
	}
}

// sloppyCode is the Python block of sloppy.md.
func sloppyCode(t *testing.T) string {
	src := string(mustRead(t, filepath.Join(fixtures, "sloppy.md")))
	_, code, ok := strings.Cut(src, "```python\n")
	code, _, ok2 := strings.Cut(code, "```")
	if !ok || !ok2 {
		t.Fatal("sloppy.md has no python block")
	}
	return code
}

func TestSplittingIntoFilesKeepsTheTestingCharge(t *testing.T) {
	// FA702 fires on multi-file work only; the missing-tests charge
	// replaces it, so one file or two give the same testing score.
	app := "from fastapi import FastAPI\n\nfrom models import Item\n\napp = FastAPI(title=\"T\", version=\"1\")\n\n"
	for i := 0; i < 8; i++ {
		app += fmt.Sprintf("@app.get(\"/items/%d\", tags=[\"items\"])\ndef item_%d() -> Item:\n    \"\"\"Item %d.\"\"\"\n    return Item(id=%d)\n\n", i, i, i, i)
	}
	models := "from pydantic import BaseModel\n\n\nclass Item(BaseModel):\n    id: int\n"
	split := Compute(audit(t, analyzer.Options{Sources: []analyzer.Source{{Path: "main.py", Content: []byte(app)}, {Path: "models.py", Content: []byte(models)}}}))
	if split.Rules["FA702"] != 1 {
		t.Fatalf("FA702 not reported on the two-file work: %v", split.Rules)
	}
	joined := strings.Replace(app, "from models import Item\n", models, 1)
	one := Compute(audit(t, analyzer.Options{Sources: []analyzer.Source{{Path: "main.py", Content: []byte(joined)}}}))
	if one.Rules["FA702"] != 0 {
		t.Fatalf("FA702 reported on one file: %v", one.Rules)
	}
	if s, o := split.Principles[6], one.Principles[6]; s.Score != o.Score || s.MissingTests != 8 || o.MissingTests != 8 {
		t.Errorf("testing: split %v (%d charged), one file %v (%d charged)", s.Score, s.MissingTests, o.Score, o.MissingTests)
	}
}

func TestApplicability(t *testing.T) {
	src := func(code string) analyzer.Options {
		return analyzer.Options{Sources: []analyzer.Source{{Path: "main.py", Content: []byte(code)}}}
	}
	// Empty work: nothing applies and there is no overall score.
	empty := Compute(audit(t, src("\n\n")))
	for _, p := range empty.Principles {
		if p.Applicable || p.Reason != "no Python code was audited" {
			t.Errorf("empty work: %s applicable=%v reason %q", p.Principle, p.Applicable, p.Reason)
		}
	}
	if empty.Overall != 0 || empty.Grade != "F" {
		t.Errorf("empty work: %v %s, want 0 F", empty.Overall, empty.Grade)
	}

	// A principle whose rules are all disabled does not apply.
	sec := Compute(audit(t, analyzer.Options{Paths: []string{filepath.Join(fixtures, "sloppy.md")}, Rules: selectRules(t, "FA1")}))
	for _, p := range sec.Principles {
		if want := p.Principle == analyzer.PrincipleAsync; p.Applicable != want {
			t.Errorf("--select FA1: %s applicable=%v (%s)", p.Principle, p.Applicable, p.Reason)
		}
	}
	if sec.Overall != 16.7 {
		t.Errorf("--select FA1: overall %v, want the async score 16.7", sec.Overall)
	}

	// Tests without routes: testing applies (and scores FA704), docs do not.
	tests := Compute(audit(t, analyzer.Options{Sources: []analyzer.Source{{Path: "tests/test_x.py", Content: []byte("def test_nothing():\n    x = 1\n")}}}))
	testing_, docs := tests.Principles[6], tests.Principles[5]
	if !testing_.Applicable || tests.Size.Tests != 1 || testing_.Warnings != 1 || docs.Applicable {
		t.Errorf("tests without routes: testing %+v, docs %+v, size %+v", testing_, docs, tests.Size)
	}
}

func selectRules(t *testing.T, codes ...string) []*analyzer.Rule {
	t.Helper()
	rs, err := rules.Select(codes, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func TestFindingsOnlyPrincipleDoesNotRaiseOverall(t *testing.T) {
	// asyncio.run in a sync handler: FA106 fires although there is no
	// async def. Async correctness is scored but not averaged in: with 6
	// principles applicable by shape, 100/(1 + 2/6) = 75, where averaging
	// it in (7) would give 77.8, more than without the finding's principle
	// being scored at all would justify.
	code := "import asyncio\n\nfrom fastapi import FastAPI\n\napp = FastAPI(title=\"T\", version=\"1\")\n\n\n" +
		"@app.get(\"/x\", tags=[\"x\"])\ndef x() -> int:\n    \"\"\"X.\"\"\"\n    return asyncio.run(asyncio.sleep(0, result=1))\n\n\n" +
		"@app.get(\"/health\", tags=[\"x\"])\ndef health() -> int:\n    \"\"\"Health.\"\"\"\n    return 1\n"
	rep := Compute(audit(t, analyzer.Options{Sources: []analyzer.Source{{Path: "main.py", Content: []byte(code)}}}))
	async := rep.Principles[0]
	if rep.Rules["FA106"] != 1 || len(rep.Rules) != 1 {
		t.Fatalf("want exactly one FA106 finding: %v", rep.Rules)
	}
	if !async.Applicable || async.Score != 33.3 || !strings.Contains(async.Reason, "no async code") {
		t.Errorf("async: %+v", async)
	}
	if rep.Overall != 75 {
		t.Errorf("overall %v, want 75", rep.Overall)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestOrderIndependence(t *testing.T) {
	for _, name := range []string{"sloppy.md", "good.md", "broken.md"} {
		res := auditFixture(t, name)
		want := Compute(res)
		rng := rand.New(rand.NewSource(1))
		for i := 0; i < 20; i++ {
			rng.Shuffle(len(res.Findings), func(a, b int) { res.Findings[a], res.Findings[b] = res.Findings[b], res.Findings[a] })
			if got := Compute(res); !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: shuffled findings give\n%+v\nwant\n%+v", name, got, want)
			}
		}
	}
}

// TestMoreFindingsNeverRaiseAScore adds one finding of every rule, at each
// severity, to fixture results and checks no score goes up.
func TestMoreFindingsNeverRaiseAScore(t *testing.T) {
	for _, name := range []string{"good.md", "snippet.py", "helpers.py", "sloppy.md", "broken.md"} {
		res := auditFixture(t, name)
		base := Compute(res)
		for _, rule := range rules.All() {
			for _, sev := range []analyzer.Severity{analyzer.SeverityNote, analyzer.SeverityWarning, analyzer.SeverityError} {
				more := *res
				more.Findings = append(append([]analyzer.Finding{}, res.Findings...), analyzer.Finding{Rule: rule, Severity: sev, Path: "x.py"})
				got := Compute(&more)
				if got.Overall > base.Overall {
					t.Errorf("%s + %s (%s): overall %v > %v", name, rule.Code, sev, got.Overall, base.Overall)
				}
				for i, p := range got.Principles {
					if b := base.Principles[i]; b.Applicable && p.Score > b.Score {
						t.Errorf("%s + %s (%s): %s %v > %v", name, rule.Code, sev, p.Principle, p.Score, b.Score)
					}
				}
			}
		}
	}
}

func TestGrades(t *testing.T) {
	cases := map[float64]string{100: "A", 90: "A", 89.9: "B", 80: "B", 79.9: "C", 70: "C", 60: "D", 59.9: "F", 0: "F"}
	for score, want := range cases {
		if got := Grade(score); got != want {
			t.Errorf("Grade(%v) = %s, want %s", score, got, want)
		}
	}
}

func TestCurve(t *testing.T) {
	prev := 101.0
	for p := 0.0; p < 50; p += 0.125 {
		s := curve(p)
		if s >= prev || s <= 0 || s > 100 {
			t.Fatalf("curve(%v) = %v after %v: not strictly decreasing within (0, 100]", p, s, prev)
		}
		prev = s
	}
	if curve(0) != 100 || curve(1) != 50 {
		t.Errorf("curve(0) = %v, curve(1) = %v", curve(0), curve(1))
	}
}
