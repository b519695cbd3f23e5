package analyzer

import (
	"fmt"
	"strings"
)

// Severity is a finding's level; it maps one-to-one to SARIF's level.
type Severity int

const (
	SeverityNote Severity = iota + 1
	SeverityWarning
	SeverityError
)

func (s Severity) String() string {
	switch s {
	case SeverityNote:
		return "note"
	case SeverityWarning:
		return "warning"
	case SeverityError:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity accepts "error", "warning" and "note" (case-insensitive).
func ParseSeverity(s string) (Severity, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "note":
		return SeverityNote, nil
	case "warning":
		return SeverityWarning, nil
	case "error":
		return SeverityError, nil
	}
	return 0, fmt.Errorf("unknown severity %q (want error, warning or note)", s)
}

// Principle is one of the eight checklist principles (plus "analysis" for FA0xx).
type Principle string

const (
	PrincipleAnalysis    Principle = "analysis"
	PrincipleAsync       Principle = "async-correctness"
	PrincipleSecurity    Principle = "security"
	PrinciplePerformance Principle = "performance"
	PrincipleErrors      Principle = "error-handling"
	PrincipleTypes       Principle = "type-safety"
	PrincipleDocs        Principle = "documentation"
	PrincipleTesting     Principle = "testing"
	PrincipleProduction  Principle = "production-readiness"
)

// Principles lists the principles in catalog order (the first digit of a code).
var Principles = []Principle{
	PrincipleAnalysis, PrincipleAsync, PrincipleSecurity, PrinciplePerformance, PrincipleErrors,
	PrincipleTypes, PrincipleDocs, PrincipleTesting, PrincipleProduction,
}

// Span is a source range. Lines and columns are 1-based; Column/EndColumn count
// Unicode code points (what editors show), Column16/EndColumn16 count UTF-16 code
// units (what SARIF wants). EndColumn is exclusive.
type Span struct {
	Line, Column, EndLine, EndColumn int
	Column16, EndColumn16            int
}

// Finding is one reported problem. It holds plain values only, so it can outlive
// the syntax tree it came from.
type Finding struct {
	Rule *Rule
	Path string // relative to the audited root, '/'-separated
	Span
	Message  string
	Severity Severity // effective severity, after config overrides
	// LineHash is GitHub's primaryLocationLineHash for the finding's first line.
	LineHash string
	// SourceLine is the text of the finding's first line (no line terminator).
	SourceLine string
}

// Code is the rule code of the finding.
func (f *Finding) Code() string { return f.Rule.Code }

// Less orders findings by path, line, column, code, then message: the
// deterministic order every report uses.
func Less(a, b *Finding) bool {
	if a.Path != b.Path {
		return a.Path < b.Path
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	if a.Column != b.Column {
		return a.Column < b.Column
	}
	if a.Rule.Code != b.Rule.Code {
		return a.Rule.Code < b.Rule.Code
	}
	if a.EndLine != b.EndLine {
		return a.EndLine < b.EndLine
	}
	if a.EndColumn != b.EndColumn {
		return a.EndColumn < b.EndColumn
	}
	return a.Message < b.Message
}

// Result is what one run produces.
type Result struct {
	Root     string    // the audited root directory
	Files    int       // files audited (including unreadable ones)
	Lines    int       // source lines read
	Rules    []*Rule   // enabled rules, sorted by code
	Findings []Finding // sorted with Less; suppressed findings are left out
	// Project is the cross-module index of the run (routes, dependencies, ...).
	Project *Project
	// NonBlankLines counts the lines with something other than whitespace
	// (the size of the work, for scoring).
	NonBlankLines int
}
