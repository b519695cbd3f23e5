// Package report writes an analyzer.Result in one of the output formats:
// text (for people), json and json-lines (for scripts), sarif (for GitHub
// code scanning and other SARIF consumers), github (GitHub Actions workflow
// commands: annotations), gitlab (GitLab Code Quality), junit (CI test tabs),
// markdown (job summaries and pull-request comments) and html (a
// self-contained page with the score chart; WriteBatchHTML renders a batch
// of scored samples).
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
	// RuleHelpURI, when set, gives each SARIF rule descriptor's helpUri and
	// links the rule codes of the markdown format. An empty return value
	// leaves the link out.
	RuleHelpURI func(code string) string
	// ShowSource makes the text format print the offending source line under
	// each finding, with a gutter holding the line number and carets under
	// the finding's span.
	ShowSource bool
	// Statistics replaces the findings with one count per rule, most frequent
	// first (as ruff's --statistics). Only the text and json formats support
	// it; Write fails for the others.
	Statistics bool
	// SARIFCategory, when set, becomes the SARIF run's
	// automationDetails.id, with a '/' appended when it does not end in
	// one (as github/codeql-action/upload-sarif treats its category
	// input): GitHub code scanning keeps one set of alerts per category,
	// so two fastaudit runs on one repository (say backend and worker)
	// need distinct ones. Empty leaves automationDetails out.
	SARIFCategory string
}

// Format names.
const (
	FormatText      = "text"
	FormatJSON      = "json"
	FormatJSONLines = "json-lines"
	FormatSARIF     = "sarif"
	FormatGitHub    = "github"
	FormatGitLab    = "gitlab"
	FormatJUnit     = "junit"
	FormatMarkdown  = "markdown"
	FormatHTML      = "html"
)

// writers maps each format name to its writer, in the order Formats lists
// them.
var writers = []struct {
	name  string
	write func(*bytes.Buffer, *analyzer.Result, Options) error
}{
	{FormatText, writeText},
	{FormatJSON, writeJSON},
	{FormatJSONLines, writeJSONLines},
	{FormatSARIF, writeSARIF},
	{FormatGitHub, writeGitHub},
	{FormatGitLab, writeGitLab},
	{FormatJUnit, writeJUnit},
	{FormatMarkdown, writeMarkdown},
	{FormatHTML, writeHTML},
}

// Formats lists the format names Write accepts, in the order a CLI should
// show them.
func Formats() []string {
	names := make([]string, len(writers))
	for i, w := range writers {
		names[i] = w.name
	}
	return names
}

// StatisticsFormats lists the formats that support Options.Statistics.
func StatisticsFormats() []string {
	return []string{FormatText, FormatJSON}
}

// Write writes res to w in the given format (one of Formats(),
// case-insensitive). An unknown format, a nil result, a finding without a
// rule, or Options.Statistics with a format that does not support it is an
// error, and then nothing is written. The output is rendered in memory first
// and written to w with a single Write call.
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
	name := strings.ToLower(strings.TrimSpace(format))
	var write func(*bytes.Buffer, *analyzer.Result, Options) error
	for _, wr := range writers {
		if wr.name == name {
			write = wr.write
		}
	}
	if write == nil {
		return fmt.Errorf("report: unknown format %q (want %s)", format, strings.Join(Formats(), ", "))
	}
	if opts.Statistics {
		switch name {
		case FormatText:
			write = writeStatisticsText
		case FormatJSON:
			write = writeStatisticsJSON
		default:
			return fmt.Errorf("report: format %s does not support statistics (want %s)", name, strings.Join(StatisticsFormats(), " or "))
		}
	}
	var buf bytes.Buffer
	if err := write(&buf, res, opts); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
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
