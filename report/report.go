// Package report writes an analyzer.Result in one of the output formats:
// text (for people), json (for scripts) and sarif (for GitHub code scanning
// and other SARIF consumers).
package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

// DefaultInformationURI is the SARIF tool.driver.informationUri used when
// Options.InformationURI is empty.
const DefaultInformationURI = "https://github.com/fastaudit/fastaudit"

// Options tune the writers. The zero value is valid.
type Options struct {
	// Version is the fastaudit version: SARIF tool.driver.version and the JSON
	// "version" field.
	Version string
	// Color enables ANSI colours in the text format. The caller decides (a TTY
	// and no NO_COLOR); the writers never look at the environment.
	Color bool
	// Quiet makes the text format print the findings but no summary line.
	Quiet bool
	// InformationURI is SARIF tool.driver.informationUri; DefaultInformationURI
	// when empty.
	InformationURI string
	// RuleHelpURI, when set, gives each SARIF rule descriptor's helpUri. An empty
	// return value leaves helpUri out.
	RuleHelpURI func(code string) string
}

// Format names.
const (
	FormatText  = "text"
	FormatJSON  = "json"
	FormatSARIF = "sarif"
)

// Formats lists the format names Write accepts, in the order a CLI should
// show them.
func Formats() []string {
	return []string{FormatText, FormatJSON, FormatSARIF}
}

// Write writes res to w in the given format ("text", "json" or "sarif";
// case-insensitive). An unknown format, a nil result or a finding without a
// rule is an error, and then nothing is written. The output is rendered in
// memory first and written to w with a single Write call.
func Write(w io.Writer, format string, res *analyzer.Result, opts Options) error {
	if res == nil {
		return errors.New("report: nil result")
	}
	for i := range res.Findings {
		if res.Findings[i].Rule == nil {
			f := &res.Findings[i]
			return fmt.Errorf("report: finding at %s:%d has no rule", f.Path, f.Line)
		}
	}
	var buf bytes.Buffer
	var err error
	switch strings.ToLower(strings.TrimSpace(format)) {
	case FormatText:
		err = writeText(&buf, res, opts)
	case FormatJSON:
		err = writeJSON(&buf, res, opts)
	case FormatSARIF:
		err = writeSARIF(&buf, res, opts)
	default:
		return fmt.Errorf("report: unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
	}
	if err != nil {
		return err
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// severityOf is the finding's effective severity, falling back to the rule's
// default when the finding carries none (or an invalid one), and to warning.
func severityOf(f *analyzer.Finding) analyzer.Severity {
	if validSeverity(f.Severity) {
		return f.Severity
	}
	return ruleSeverity(f.Rule)
}

func ruleSeverity(r *analyzer.Rule) analyzer.Severity {
	if r != nil && validSeverity(r.Severity) {
		return r.Severity
	}
	return analyzer.SeverityWarning
}

func validSeverity(s analyzer.Severity) bool {
	return s == analyzer.SeverityNote || s == analyzer.SeverityWarning || s == analyzer.SeverityError
}

// allRules is res.Rules plus the rule of every finding, one per code, sorted
// by code. A rule in res.Rules wins over another value with the same code.
func allRules(res *analyzer.Result) []*analyzer.Rule {
	seen := make(map[string]bool, len(res.Rules))
	var rules []*analyzer.Rule
	add := func(r *analyzer.Rule) {
		if r == nil || seen[r.Code] {
			return
		}
		seen[r.Code] = true
		rules = append(rules, r)
	}
	for _, r := range res.Rules {
		add(r)
	}
	for i := range res.Findings {
		add(res.Findings[i].Rule)
	}
	sort.SliceStable(rules, func(i, j int) bool { return rules[i].Code < rules[j].Code })
	return rules
}

// counts tallies findings by severity.
type counts struct {
	errors, warnings, notes int
}

func countSeverities(res *analyzer.Result) counts {
	var c counts
	for i := range res.Findings {
		switch severityOf(&res.Findings[i]) {
		case analyzer.SeverityError:
			c.errors++
		case analyzer.SeverityWarning:
			c.warnings++
		default:
			c.notes++
		}
	}
	return c
}
