package score

// Text and Markdown renderings of a Report and of an Aggregate. JSON is the
// types themselves; HTML lives in package report.

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// WriteJSON writes v (a Report or an Aggregate) as indented JSON.
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func sizeLine(s Size, units float64) string {
	unitsText := trimFloat(units, 2) + " units"
	if unitsText == "1 units" {
		unitsText = "1 unit"
	}
	return fmt.Sprintf("%s, %s, %s, %s (%s of work)", plural(s.Files, "file"), plural(s.Lines, "non-blank line"),
		plural(s.Handlers, "handler"), plural(s.Tests, "test"), unitsText)
}

func trimFloat(x float64, decimals int) string {
	s := fmt.Sprintf("%.*f", decimals, x)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

func rulesLine(rules map[string]int) string {
	if len(rules) == 0 {
		return "none"
	}
	codes := make([]string, 0, len(rules))
	for code := range rules {
		codes = append(codes, code)
	}
	sort.Strings(codes)
	parts := make([]string, len(codes))
	for i, code := range codes {
		parts[i] = fmt.Sprintf("%s×%d", code, rules[code])
	}
	return strings.Join(parts, " ")
}

// analysisNote says what FA0xx findings did to the score, or "".
func analysisNote(a Analysis) string {
	var parts []string
	if n := a.SyntaxErrors + a.Unreadable; n > 0 {
		parts = append(parts, fmt.Sprintf("%s did not parse (FA001/FA002): the overall score is multiplied by the parsed share %s",
			plural(n, "file"), trimFloat(a.Parsed, 3)))
	}
	if a.InternalErrors > 0 {
		parts = append(parts, fmt.Sprintf("%s crashed on this input (FA003): scores may be too high; please report it",
			plural(a.InternalErrors, "check")))
	}
	return strings.Join(parts, "; ")
}

// WriteText writes a report as a plain-text table.
func WriteText(w io.Writer, rep Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "Score %s (%s)  %s\n\n", trimFloat(rep.Overall, 1), rep.Grade, sizeLine(rep.Size, rep.Units))
	fmt.Fprintf(&b, "  %-21s %6s %7s %9s %6s %8s\n", "Principle", "Score", "Errors", "Warnings", "Notes", "Penalty")
	for _, p := range rep.Principles {
		if !p.Applicable {
			fmt.Fprintf(&b, "  %-21s %6s  not applicable: %s\n", p.Title, "n/a", p.Reason)
			continue
		}
		fmt.Fprintf(&b, "  %-21s %6.1f %7d %9d %6d %8.3f\n", p.Title, p.Score, p.Errors, p.Warnings, p.Notes, p.Penalty)
		if p.Reason != "" {
			fmt.Fprintf(&b, "  %-21s %6s  %s\n", "", "", p.Reason)
		}
	}
	fmt.Fprintf(&b, "\nFindings per rule: %s\n", rulesLine(rep.Rules))
	if note := analysisNote(rep.Analysis); note != "" {
		fmt.Fprintf(&b, "Note: %s\n", note)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteMarkdown writes a report as a Markdown section with a table.
func WriteMarkdown(w io.Writer, rep Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## fastaudit score: %s (%s)\n\n%s.\n\n", trimFloat(rep.Overall, 1), rep.Grade, capitalize(sizeLine(rep.Size, rep.Units)))
	b.WriteString("| Principle | Score | Errors | Warnings | Notes | Penalty |\n|---|---:|---:|---:|---:|---:|\n")
	for _, p := range rep.Principles {
		if !p.Applicable {
			fmt.Fprintf(&b, "| %s | n/a | | | | %s |\n", p.Title, mdEscape(p.Reason))
			continue
		}
		fmt.Fprintf(&b, "| %s | %.1f | %d | %d | %d | %.3f |\n", p.Title, p.Score, p.Errors, p.Warnings, p.Notes, p.Penalty)
	}
	var notes []string
	for _, p := range rep.Principles {
		if p.Applicable && p.Reason != "" {
			notes = append(notes, fmt.Sprintf("%s: %s.", p.Title, p.Reason))
		}
	}
	if note := analysisNote(rep.Analysis); note != "" {
		notes = append(notes, capitalize(note)+".")
	}
	fmt.Fprintf(&b, "\nFindings per rule: %s\n", rulesLine(rep.Rules))
	for _, n := range notes {
		fmt.Fprintf(&b, "\n%s\n", mdEscape(n))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func mdEscape(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// aggregateRows lays an aggregate out as rows of cells: the first column
// names the metric, then the total, then each group.
func aggregateRows(agg Aggregate) (header []string, sections [][][]string) {
	cols := []GroupStats{agg.Total}
	cols = append(cols, agg.Groups...)
	header = []string{""}
	for _, g := range cols {
		header = append(header, g.Group)
	}
	row := func(name string, cell func(GroupStats) string) []string {
		r := []string{name}
		for _, g := range cols {
			r = append(r, cell(g))
		}
		return r
	}
	stat := func(s Stat) string {
		if s.N == 0 {
			return "-"
		}
		return fmt.Sprintf("%.1f / %.1f", s.Mean, s.Median)
	}
	counts := [][]string{
		row("samples", func(g GroupStats) string { return fmt.Sprint(g.Samples) }),
		row("failed (error field)", func(g GroupStats) string { return fmt.Sprint(g.Failed) }),
		row("grades A/B/C/D/F", func(g GroupStats) string {
			return fmt.Sprintf("%d/%d/%d/%d/%d", g.Grades["A"], g.Grades["B"], g.Grades["C"], g.Grades["D"], g.Grades["F"])
		}),
	}
	scores := [][]string{row("overall (mean / median)", func(g GroupStats) string { return stat(g.Overall) })}
	for i := range agg.Total.Principles {
		scores = append(scores, row(agg.Total.Principles[i].Title, func(g GroupStats) string {
			s := g.Principles[i].Stat
			if s.N == 0 {
				return "-"
			}
			return fmt.Sprintf("%s (n=%d)", stat(s), s.N)
		}))
	}
	var rules [][]string
	for i, code := range agg.Rules {
		rules = append(rules, row(code, func(g GroupStats) string {
			rs := g.Rules[i]
			return fmt.Sprintf("%.1f%% (%.1f%%)", rs.ErrorPct, rs.FindingPct)
		}))
	}
	return header, [][][]string{counts, scores, rules}
}

func aggregateTitle(agg Aggregate) string {
	t := fmt.Sprintf("Batch: %s, %d could not be audited", plural(agg.Total.Samples, "sample"), agg.Total.Failed)
	if agg.GroupBy != "" {
		t += fmt.Sprintf("; grouped by %q", agg.GroupBy)
	}
	return t
}

const (
	scoresCaption = "Scores: mean / median over the samples a principle applies to (n)."
	rulesCaption  = "Rules: % of audited samples with at least one error-severity finding (with any finding)."
)

// WriteAggregateText writes an aggregate as aligned plain-text tables.
func WriteAggregateText(w io.Writer, agg Aggregate) error {
	header, sections := aggregateRows(agg)
	widths := make([]int, len(header))
	for _, sec := range append(sections, [][]string{header}) {
		for _, r := range sec {
			for i, c := range r {
				widths[i] = max(widths[i], len([]rune(c)))
			}
		}
	}
	var b strings.Builder
	line := func(r []string) {
		for i, c := range r {
			pad := strings.Repeat(" ", widths[i]-len([]rune(c)))
			if i == 0 {
				b.WriteString(c + pad)
			} else {
				b.WriteString("  " + pad + c)
			}
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s\n\n", aggregateTitle(agg))
	line(header)
	for i, sec := range sections {
		if len(sec) == 0 {
			continue
		}
		switch i {
		case 1:
			fmt.Fprintf(&b, "\n%s\n", scoresCaption)
		case 2:
			fmt.Fprintf(&b, "\n%s\n", rulesCaption)
		}
		for _, r := range sec {
			line(r)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteAggregateMarkdown writes an aggregate as Markdown tables.
func WriteAggregateMarkdown(w io.Writer, agg Aggregate) error {
	header, sections := aggregateRows(agg)
	var b strings.Builder
	table := func(first string, rows [][]string) {
		h := append([]string{first}, header[1:]...)
		b.WriteString("| " + strings.Join(escapeAll(h), " | ") + " |\n|---" + strings.Repeat("|---:", len(h)-1) + "|\n")
		for _, r := range rows {
			b.WriteString("| " + strings.Join(escapeAll(r), " | ") + " |\n")
		}
	}
	fmt.Fprintf(&b, "## %s\n\n", aggregateTitle(agg))
	table("", sections[0])
	fmt.Fprintf(&b, "\n%s\n\n", scoresCaption)
	table("Principle", sections[1])
	if len(sections[2]) > 0 {
		fmt.Fprintf(&b, "\n%s\n\n", rulesCaption)
		table("Rule", sections[2])
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func escapeAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = mdEscape(c)
	}
	return out
}
