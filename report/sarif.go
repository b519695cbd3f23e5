package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/fastaudit/fastaudit/analyzer"
)

// SARIF output, for GitHub code scanning first.
//
// What GitHub (and the SARIF 2.1.0 schema) need, and the go-sarif v2.3.3
// traps this writer avoids:
//   - driver.rules describes every enabled rule plus the rule of every finding
//     (a finding of a rule that is not enabled, such as FA001, still gets a
//     descriptor), sorted by code, all added before any result; each result's
//     ruleIndex is set here from that list (go-sarif's AddResult looks the
//     index up and wraps to 2^64-1 when the rule is missing).
//   - Every descriptor has a shortDescription (go-sarif writes null without
//     one, which fails the schema); no field is ever null.
//   - Columns are UTF-16 code units (run.columnKind "utf16CodeUnits").
//   - Only the first location and partialFingerprints.primaryLocationLineHash
//     matter to GitHub for alert identity; the hash is Finding.LineHash.
//   - security-severity is a string ("9.5") and only on security rules, which
//     also carry the "security" tag GitHub needs to use it, plus one
//     "external/cwe/cwe-N" tag per CWE.
//   - run.automationDetails.id is only written when Options.SARIFCategory
//     asks for it; otherwise upload-sarif fills it in from its own category
//     input or the workflow (it never overrides a value in the log).
//   - artifactLocation.uri is the '/'-separated path relative to the audited
//     root, percent-encoded, with uriBaseId "%SRCROOT%". originalUriBaseIds is
//     left out so the log does not depend on the machine it was made on.
//
// The log is rendered with two-space indentation, without HTML escaping, and
// ends with a newline.

const (
	sarifToolName   = "fastaudit"
	sarifSrcRoot    = "%SRCROOT%"
	sarifColumnKind = "utf16CodeUnits"
)

func writeSARIF(buf *bytes.Buffer, res *analyzer.Result, opts Options) error {
	log, err := sarif.New(sarif.Version210)
	if err != nil {
		return err
	}
	infoURI := opts.InformationURI
	if infoURI == "" {
		infoURI = DefaultInformationURI
	}
	run := sarif.NewRunWithInformationURI(sarifToolName, infoURI)
	if opts.Version != "" {
		run.Tool.Driver.WithVersion(opts.Version)
	}
	run.ColumnKind = sarifColumnKind
	if id := sarifAutomationID(opts.SARIFCategory); id != "" {
		run.WithAutomationDetails(sarif.NewRunAutomationDetails().WithID(id))
	}

	rules := allRules(res)
	index := make(map[string]int, len(rules))
	for i, r := range rules {
		index[r.Code] = i
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule(r, opts))
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		run.Results = append(run.Results, sarifResult(f, index[f.Rule.Code]))
	}
	log.AddRun(run)

	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(log); err != nil {
		return fmt.Errorf("report: encoding SARIF: %w", err)
	}
	return nil
}

// sarifAutomationID is runAutomationDetails.id for a category: GitHub
// reads everything up to the last '/' as the category, so a category
// without a trailing '/' gets one, as upload-sarif does with its input.
func sarifAutomationID(category string) string {
	category = strings.TrimSpace(category)
	if category == "" || strings.HasSuffix(category, "/") {
		return category
	}
	return category + "/"
}

func sarifRule(r *analyzer.Rule, opts Options) *sarif.ReportingDescriptor {
	short := firstNonEmpty(r.Summary, r.Name, r.Code)
	d := sarif.NewRule(r.Code).
		WithShortDescription(sarif.NewMultiformatMessageString(short)).
		WithFullDescription(sarif.NewMultiformatMessageString(firstNonEmpty(r.Doc.What, short))).
		WithTextHelp(helpText(r)).
		WithMarkdownHelp(helpMarkdown(r)).
		WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(ruleSeverity(r).String()))
	if r.Name != "" {
		d.WithName(r.Name)
	}
	if opts.RuleHelpURI != nil {
		if u := opts.RuleHelpURI(r.Code); u != "" {
			d.WithHelpURI(u)
		}
	}

	props := sarif.Properties{}
	var tags []string
	if r.Principle != "" {
		tags = append(tags, string(r.Principle))
	}
	if r.IsSecurity() {
		// The principle tag is already "security".
		for _, cwe := range r.CWE {
			if t := cweTag(cwe); t != "" {
				tags = append(tags, t)
			}
		}
		if r.SecuritySeverity > 0 {
			props["security-severity"] = strconv.FormatFloat(r.SecuritySeverity, 'f', 1, 64)
		}
	}
	if len(tags) > 0 {
		props["tags"] = tags
	}
	if r.Precision != "" {
		props["precision"] = r.Precision
	}
	if len(props) > 0 {
		d.WithProperties(props)
	}
	return d
}

// cweTag turns "CWE-89" (or "cwe-89", "89") into GitHub's "external/cwe/cwe-89".
func cweTag(cwe string) string {
	s := strings.TrimSpace(cwe)
	if len(s) >= 4 && strings.EqualFold(s[:4], "CWE-") {
		s = s[4:]
	}
	if _, err := strconv.Atoi(s); err != nil || s == "" {
		return ""
	}
	return "external/cwe/cwe-" + s
}

func sarifResult(f *analyzer.Finding, ruleIndex int) *sarif.Result {
	r := sarif.NewRuleResult(f.Rule.Code).
		WithRuleIndex(ruleIndex).
		WithLevel(severityOf(f).String()).
		WithMessage(sarif.NewTextMessage(firstNonEmpty(f.Message, f.Rule.Summary, f.Rule.Name, f.Rule.Code)))

	phys := sarif.NewPhysicalLocation().
		WithArtifactLocation(sarif.NewSimpleArtifactLocation(sarifURI(f.Path)).WithUriBaseId(sarifSrcRoot))
	if region := sarifRegion(f.Span); region != nil {
		phys.WithRegion(region)
	}
	r.AddLocation(sarif.NewLocationWithPhysicalLocation(phys))

	if f.LineHash != "" {
		r.WithPartialFingerPrints(map[string]interface{}{"primaryLocationLineHash": f.LineHash})
	}
	return r
}

// sarifRegion converts a span to a SARIF region in UTF-16 columns. Values the
// schema would reject (below 1, or an end before the start) are left out; a
// span without a line gives no region. When Column16/EndColumn16 are unset,
// the code-point columns are used.
func sarifRegion(s analyzer.Span) *sarif.Region {
	if s.Line < 1 {
		return nil
	}
	col, endCol := s.Column16, s.EndColumn16
	if col < 1 {
		col = s.Column
	}
	if endCol < 1 {
		endCol = s.EndColumn
	}
	reg := sarif.NewRegion().WithStartLine(s.Line)
	if col >= 1 {
		reg.WithStartColumn(col)
	}
	if s.EndLine >= s.Line {
		reg.WithEndLine(s.EndLine)
		if endCol >= 1 && (s.EndLine > s.Line || endCol >= col) {
			reg.WithEndColumn(endCol)
		}
	}
	return reg
}

// sarifURI percent-encodes a '/'-separated relative path as a URI reference
// (GitHub decodes it with decodeURIComponent).
func sarifURI(path string) string {
	segs := strings.Split(path, "/")
	for i, s := range segs {
		// PathEscape keeps ':', which would make "a:b.py" look like a scheme.
		segs[i] = strings.ReplaceAll(url.PathEscape(s), ":", "%3A")
	}
	return strings.Join(segs, "/")
}

// helpText is the plain-text help: the documentation sections, each a title
// line and its body, code indented by four spaces.
func helpText(r *analyzer.Rule) string {
	var b strings.Builder
	add := func(title, body string) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(title + "\n" + body)
	}
	section := func(title, body string) {
		if body = strings.TrimSpace(body); body != "" {
			add(title, body)
		}
	}
	code := func(title, src string) {
		src = strings.Trim(src, "\n")
		if strings.TrimSpace(src) == "" {
			return
		}
		lines := strings.Split(src, "\n")
		for i, l := range lines {
			if strings.TrimSpace(l) != "" {
				lines[i] = "    " + strings.TrimRight(l, " \t\r")
			} else {
				lines[i] = ""
			}
		}
		add(title, strings.Join(lines, "\n"))
	}
	section("What it does", r.Doc.What)
	section("Why is this bad", r.Doc.Why)
	code("Example", r.Doc.Example)
	code("Use instead", r.Doc.UseInstead)
	section("Known limits", r.Doc.Limits)
	section("References", bulletList(r.Doc.References))
	if b.Len() == 0 {
		return firstNonEmpty(r.Summary, r.Name, r.Code)
	}
	return b.String()
}

// helpMarkdown is the Markdown help: a "##" heading per documentation
// section, code in python fences.
func helpMarkdown(r *analyzer.Rule) string {
	var b strings.Builder
	section := func(title, body string) {
		if body = strings.TrimSpace(body); body == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString("## " + title + "\n\n" + body)
	}
	code := func(title, src string) {
		src = strings.Trim(src, "\n")
		if strings.TrimSpace(src) == "" {
			return
		}
		fence := "```"
		for strings.Contains(src, fence) {
			fence += "`"
		}
		section(title, fence+"python\n"+src+"\n"+fence)
	}
	section("What it does", r.Doc.What)
	section("Why is this bad", r.Doc.Why)
	code("Example", r.Doc.Example)
	code("Use instead", r.Doc.UseInstead)
	section("Known limits", r.Doc.Limits)
	section("References", bulletList(r.Doc.References))
	if b.Len() == 0 {
		return firstNonEmpty(r.Summary, r.Name, r.Code)
	}
	return b.String()
}

func bulletList(items []string) string {
	var lines []string
	for _, it := range items {
		if it = strings.TrimSpace(it); it != "" {
			lines = append(lines, "- "+it)
		}
	}
	return strings.Join(lines, "\n")
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}
