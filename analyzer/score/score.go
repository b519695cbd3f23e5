// Package score turns a run's findings into per-principle scores (0-100),
// an overall score and a letter grade, for people who compare the output of
// code-generating agents. The formula is documented in docs/scoring.md.
package score

import (
	"fmt"
	"math"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

// Size measures the amount of work a score is normalised by.
type Size struct {
	// Files counts the Python files audited (each code-block file of a
	// Markdown document counts one) and the unreadable ones.
	Files    int `json:"files"`
	Lines    int `json:"lines"`    // non-blank source lines
	Handlers int `json:"handlers"` // route handlers in the project model
	Tests    int `json:"tests"`    // test functions
}

// PrincipleScore is the score of one of the eight principles.
type PrincipleScore struct {
	Principle analyzer.Principle `json:"principle"`
	Title     string             `json:"title"` // "Async correctness"
	// Applicable is false when the principle cannot be judged on this work
	// (Reason says why); Score is then 0 and the principle does not count
	// towards the overall score. An applicable principle may have a Reason
	// too, when its penalty includes a charge that is not a finding (tests
	// missing altogether).
	Applicable bool    `json:"applicable"`
	Reason     string  `json:"reason,omitempty"`
	Score      float64 `json:"score"` // 0-100, rounded to one decimal
	Errors     int     `json:"errors"`
	Warnings   int     `json:"warnings"`
	Notes      int     `json:"notes"`
	Penalty    float64 `json:"penalty"` // severity-weighted, normalised findings (three decimals)
	// MissingTests is the number of handlers charged as untested because the
	// work has no tests at all (testing only).
	MissingTests int `json:"missing_tests,omitempty"`
}

// Report is the score of one run (one sample).
type Report struct {
	Overall    float64          `json:"overall"`    // 0-100, one decimal
	Grade      string           `json:"grade"`      // A, B, C, D or F
	Principles []PrincipleScore `json:"principles"` // in analyzer.Principles order, without "analysis"
	Size       Size             `json:"size"`
	Rules      map[string]int   `json:"rules"` // findings per rule code
	// RuleErrors counts the findings of error severity (after config
	// overrides) per rule code; batch aggregates report how many samples
	// have at least one.
	RuleErrors map[string]int `json:"rule_errors"`
	// Units is the size of the work in the unit penalties are divided by:
	// max(1, handlers, lines/LinesPerUnit).
	Units    float64  `json:"units"`
	Analysis Analysis `json:"analysis"`
}

// Analysis says how much of the work could be audited (FA0xx findings).
type Analysis struct {
	SyntaxErrors   int `json:"syntax_errors"`   // FA001 findings: files that did not fully parse
	Unreadable     int `json:"unreadable"`      // FA002 findings: files not audited at all
	InternalErrors int `json:"internal_errors"` // FA003 findings: checks that crashed (scores may be too high)
	// Parsed is the share of files without FA001/FA002, the factor applied
	// to the overall score: code that does not parse does not run.
	Parsed float64 `json:"parsed"`
}

// The constants of the formula; docs/scoring.md argues for each.
const (
	// Severity weights, in quarters so that sums are exact integers and the
	// result cannot depend on the order findings are added in.
	errorQuarters   = 16 // an error weighs 4
	warningQuarters = 4  // a warning weighs 1
	noteQuarters    = 1  // a note weighs 0.25

	// LinesPerUnit is how many non-blank lines count as one unit of work
	// when the code has few handlers for its size.
	LinesPerUnit = 50
	// SnippetLines is the size below which a work with routes but no tests
	// is not expected to have tests (testing is then not applicable).
	SnippetLines = 30

	// noTestsCode is FA702 (no-tests), whose weight the missing-tests
	// charge replaces.
	noTestsCode = "FA702"
)

// Grade thresholds: the lowest overall score of each grade; below the last, F.
var gradeThresholds = []struct {
	Min   float64
	Grade string
}{{90, "A"}, {80, "B"}, {70, "C"}, {60, "D"}}

// Titles are the display names of the eight principles.
var Titles = map[analyzer.Principle]string{
	analyzer.PrincipleAsync:       "Async correctness",
	analyzer.PrincipleSecurity:    "Security",
	analyzer.PrinciplePerformance: "Performance",
	analyzer.PrincipleErrors:      "Error handling",
	analyzer.PrincipleTypes:       "Type safety",
	analyzer.PrincipleDocs:        "Documentation",
	analyzer.PrincipleTesting:     "Testing",
	analyzer.PrincipleProduction:  "Production readiness",
}

// Scored lists the eight scored principles in catalog order.
func Scored() []analyzer.Principle {
	var out []analyzer.Principle
	for _, p := range analyzer.Principles {
		if p != analyzer.PrincipleAnalysis {
			out = append(out, p)
		}
	}
	return out
}

func weightQuarters(s analyzer.Severity) int {
	switch s {
	case analyzer.SeverityError:
		return errorQuarters
	case analyzer.SeverityWarning:
		return warningQuarters
	case analyzer.SeverityNote:
		return noteQuarters
	}
	return 0
}

// Grade returns the letter grade of an overall score.
func Grade(overall float64) string {
	for _, t := range gradeThresholds {
		if overall >= t.Min {
			return t.Grade
		}
	}
	return "F"
}

// curve maps a penalty to a score: 100 with no penalty, 50 at penalty 1,
// never below 0.
func curve(penalty float64) float64 { return 100 / (1 + penalty) }

func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}

// Compute scores a run. It depends only on the multiset of findings (not
// their order), the enabled rules and the project model's size facts.
func Compute(res *analyzer.Result) Report {
	rep := Report{Rules: map[string]int{}, RuleErrors: map[string]int{}}
	rep.Size = measure(res)
	size := rep.Size
	rep.Units = math.Max(1, math.Max(float64(size.Handlers), float64(size.Lines)/LinesPerUnit))

	type tally struct {
		quarters                int
		errors, warnings, notes int
		noTests                 int // quarters of FA702 findings
	}
	tallies := map[analyzer.Principle]*tally{}
	for _, p := range Scored() {
		tallies[p] = &tally{}
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		rep.Rules[f.Rule.Code]++
		if f.Severity == analyzer.SeverityError {
			rep.RuleErrors[f.Rule.Code]++
		}
		switch f.Rule {
		case analyzer.SyntaxErrorRule:
			rep.Analysis.SyntaxErrors++
		case analyzer.UnreadableRule:
			rep.Analysis.Unreadable++
		case analyzer.InternalErrorRule:
			rep.Analysis.InternalErrors++
		}
		t := tallies[f.Rule.Principle]
		if t == nil {
			continue // analysis diagnostics: see Analysis.Parsed
		}
		t.quarters += weightQuarters(f.Severity)
		if f.Rule.Code == noTestsCode {
			t.noTests += weightQuarters(f.Severity)
		}
		switch f.Severity {
		case analyzer.SeverityError:
			t.errors++
		case analyzer.SeverityWarning:
			t.warnings++
		default:
			t.notes++
		}
	}
	enabled := map[analyzer.Principle]bool{}
	for _, r := range res.Rules {
		enabled[r.Principle] = true
	}
	async, app := projectShape(res.Project)

	// The overall score averages the principles that apply by the shape of
	// the work (n); a principle that applies only because it has findings
	// adds its penalty but not a place in the average, so that a finding
	// can never raise the overall score.
	totalQuarters, n := 0, 0
	for _, p := range Scored() {
		t := tallies[p]
		ps := PrincipleScore{Principle: p, Title: Titles[p], Errors: t.errors, Warnings: t.warnings, Notes: t.notes}
		quarters := t.quarters
		byShape, reason := applies(p, size, enabled[p], async, app)
		ps.Applicable, ps.Reason = byShape, reason
		if !byShape && t.errors+t.warnings+t.notes > 0 {
			ps.Applicable = true
			ps.Reason = "scored because it has findings, although it would not apply (" + reason + "): its penalty counts in the overall score, but it takes no place in the average"
		}
		if p == analyzer.PrincipleTesting && byShape && size.Tests == 0 && size.Handlers > 0 {
			// The charge replaces FA702, which says the same and is only
			// reported on multi-file work: splitting an answer into files
			// must not change its score.
			ps.MissingTests = size.Handlers
			quarters += size.Handlers*warningQuarters - t.noTests
			ps.Reason = fmt.Sprintf("no tests: each of the %s counts as one warning", plural(size.Handlers, "handler"))
		}
		if ps.Applicable {
			penalty := float64(quarters) / 4 / rep.Units
			ps.Penalty = round(penalty, 3)
			ps.Score = round(curve(penalty), 1)
			totalQuarters += quarters
		}
		if byShape {
			n++
		}
		rep.Principles = append(rep.Principles, ps)
	}

	rep.Size.Files += rep.Analysis.Unreadable
	broken := rep.Analysis.SyntaxErrors + rep.Analysis.Unreadable
	parsed := 1 - float64(broken)/float64(max(rep.Size.Files, broken, 1))
	rep.Analysis.Parsed = round(parsed, 3)
	if n > 0 {
		// With every principle applicable by shape, this is the harmonic
		// mean of the principle scores: 100/(1 + mean penalty).
		meanPenalty := float64(totalQuarters) / 4 / rep.Units / float64(n)
		rep.Overall = round(curve(meanPenalty)*parsed, 1)
	}
	rep.Grade = Grade(rep.Overall)
	return rep
}

// applies decides whether a principle without findings can be judged.
func applies(p analyzer.Principle, size Size, enabled, async, app bool) (bool, string) {
	switch {
	case !enabled:
		return false, "no rule of this principle is enabled"
	case size.Lines == 0:
		return false, "no Python code was audited"
	}
	switch p {
	case analyzer.PrincipleAsync:
		if !async {
			return false, "no async code (no coroutine, so nothing to get wrong)"
		}
	case analyzer.PrincipleDocs:
		if size.Handlers == 0 && !app {
			return false, "no routes and no app: nothing appears in an OpenAPI schema"
		}
	case analyzer.PrincipleTesting:
		switch {
		case size.Tests > 0:
		case size.Handlers == 0:
			return false, "no routes and no tests"
		case size.Lines < SnippetLines:
			return false, fmt.Sprintf("a snippet of %s with no tests: tests are not expected under %d lines", plural(size.Lines, "line"), SnippetLines)
		}
	}
	return true, ""
}

// measure reads the size of the work from the run.
func measure(res *analyzer.Result) Size {
	s := Size{Lines: res.NonBlankLines}
	if res.Project == nil {
		return s
	}
	s.Files = len(res.Project.Files)
	// An app built inside a test file is a fixture, not the work.
	inTests := map[*analyzer.HandlerFacts]bool{}
	for _, mf := range res.Project.Files {
		if mf.IsTest {
			for _, h := range mf.Handlers {
				inTests[h] = true
			}
		}
	}
	handlers := map[*analyzer.HandlerFacts]bool{}
	for _, r := range res.Project.Routes() {
		if !inTests[r.Handler] {
			handlers[r.Handler] = true
		}
	}
	s.Handlers = len(handlers)
	for _, mf := range res.Project.Files {
		if !usesTests(mf) {
			continue
		}
		for _, f := range mf.Functions {
			if strings.HasPrefix(analyzer.LastPart(f.QualName), "test") {
				s.Tests++
			}
		}
	}
	return s
}

// testLibraries are the imports that make a module a test module wherever
// it lives: agent answers often put `def test_...` next to the app.
var testLibraries = []string{"pytest", "unittest", "fastapi.testclient", "starlette.testclient"}

// usesTests reports whether mf's test* functions are tests: it is under the
// test paths, or imports a test library.
func usesTests(mf *analyzer.ModuleFacts) bool {
	if mf.IsTest {
		return true
	}
	for _, q := range mf.Imports {
		for _, lib := range testLibraries {
			if q == lib || strings.HasPrefix(q, lib+".") {
				return true
			}
		}
	}
	return false
}

// projectShape reports whether the work has an async function and an app.
func projectShape(p *analyzer.Project) (async, app bool) {
	if p == nil {
		return false, false
	}
	for _, mf := range p.Files {
		for _, f := range mf.Functions {
			if f.Async {
				async = true
			}
		}
		for _, r := range mf.Routers {
			if r.IsApp {
				app = true
			}
		}
	}
	return async, app
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
