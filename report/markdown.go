package report

import (
	"bytes"
	"fmt"
	"html"
	"strings"
	"unicode"

	"github.com/fastaudit/fastaudit/analyzer"
)

// markdownDetailsAbove is the number of findings above which the findings
// of each file are folded into a collapsible <details> block. A variable so
// tests can lower it.
var markdownDetailsAbove = 20

// writeMarkdown writes a GitHub-flavoured Markdown summary, for
// $GITHUB_STEP_SUMMARY and pull-request comments:
//
//   - a "## fastaudit" heading and the totals line;
//   - a table by principle (principle, errors, warnings, notes) listing every
//     principle in catalog order, plus a total row;
//   - a table by rule (code, name, severity, count) for the rules with
//     findings, sorted by code; the code links to the rule's documentation
//     when Options.RuleHelpURI gives one;
//   - the findings grouped by file (files in path order, findings in report
//     order), each file as a "### `path`" heading and a table (line, code,
//     severity, message), or, with more than markdownDetailsAbove findings
//     in all, as a collapsed <details> block so the page stays short.
//
// Without findings it is the heading and "No findings in N files.".
// Messages are escaped for table cells: Markdown punctuation outside code
// spans is backslash-escaped (so text such as <Session> or *args is shown as
// written), code spans are kept, pipes are escaped everywhere and line
// breaks become spaces.
func writeMarkdown(buf *bytes.Buffer, res *analyzer.Result, opts Options) error {
	buf.WriteString("## fastaudit\n\n")
	files := plural(res.Files, "file", "files")
	if len(res.Findings) == 0 {
		fmt.Fprintf(buf, "No findings in %s.\n", files)
		return nil
	}
	c := countSeverities(res)
	fmt.Fprintf(buf, "**%s** (%s, %s, %s) in %s.\n\n",
		plural(len(res.Findings), "finding", "findings"),
		plural(c.errors, "error", "errors"),
		plural(c.warnings, "warning", "warnings"),
		plural(c.notes, "note", "notes"),
		files)

	// By principle.
	type sevCounts [3]int // errors, warnings, notes
	byPrinciple := map[analyzer.Principle]*sevCounts{}
	principles := append([]analyzer.Principle(nil), analyzer.Principles...)
	for _, p := range principles {
		byPrinciple[p] = &sevCounts{}
	}
	var total sevCounts
	for i := range res.Findings {
		f := &res.Findings[i]
		pc := byPrinciple[f.Rule.Principle]
		if pc == nil {
			pc = &sevCounts{}
			byPrinciple[f.Rule.Principle] = pc
			principles = append(principles, f.Rule.Principle)
		}
		k := 2
		switch severityOf(f) {
		case analyzer.SeverityError:
			k = 0
		case analyzer.SeverityWarning:
			k = 1
		}
		pc[k]++
		total[k]++
	}
	buf.WriteString("### By principle\n\n| principle | errors | warnings | notes |\n|---|---:|---:|---:|\n")
	for _, p := range principles {
		pc := byPrinciple[p]
		name := string(p)
		if name == "" {
			name = "(none)"
		}
		fmt.Fprintf(buf, "| %s | %d | %d | %d |\n", markdownText(name), pc[0], pc[1], pc[2])
	}
	fmt.Fprintf(buf, "| **total** | **%d** | **%d** | **%d** |\n\n", total[0], total[1], total[2])

	// By rule.
	buf.WriteString("### By rule\n\n| code | name | severity | count |\n|---|---|---|---:|\n")
	for _, rc := range countRules(res) {
		code := markdownText(rc.rule.Code)
		if opts.RuleHelpURI != nil {
			if u := opts.RuleHelpURI(rc.rule.Code); u != "" {
				code = "[" + code + "](" + markdownURL(u) + ")"
			}
		}
		fmt.Fprintf(buf, "| %s | %s | %s | %d |\n", code, markdownText(rc.rule.Name), rc.severity, rc.count)
	}
	buf.WriteString("\n### Findings\n")

	// By file. Findings are sorted by path already; group runs of one path.
	details := len(res.Findings) > markdownDetailsAbove
	for i := 0; i < len(res.Findings); {
		j := i
		for j < len(res.Findings) && res.Findings[j].Path == res.Findings[i].Path {
			j++
		}
		group := res.Findings[i:j]
		path := group[0].Path
		switch {
		case details && path == "":
			fmt.Fprintf(buf, "\n<details>\n<summary>project (%s)</summary>\n\n", plural(len(group), "finding", "findings"))
		case details:
			fmt.Fprintf(buf, "\n<details>\n<summary><code>%s</code> (%s)</summary>\n\n",
				html.EscapeString(path), plural(len(group), "finding", "findings"))
		case path == "":
			// Project-level findings (an internal error of a project rule) have no file.
			buf.WriteString("\n#### project\n\n")
		default:
			fmt.Fprintf(buf, "\n#### %s\n\n", markdownCode(path))
		}
		buf.WriteString("| line | code | severity | message |\n|---:|---|---|---|\n")
		for k := range group {
			f := &group[k]
			line := ""
			if f.Line >= 1 {
				line = fmt.Sprint(f.Line)
			}
			fmt.Fprintf(buf, "| %s | %s | %s | %s |\n", line, markdownText(f.Rule.Code), severityOf(f),
				markdownMessage(firstNonEmpty(f.Message, f.Rule.Summary, f.Rule.Name, f.Rule.Code)))
		}
		if details {
			buf.WriteString("\n</details>\n")
		}
		i = j
	}
	return nil
}

// markdownText escapes plain text for a table cell: it backslash-escapes the
// ASCII punctuation that Markdown (or the HTML it allows) could interpret
// (CommonMark lets any ASCII punctuation be escaped this way), except
// underscores inside a word (get_user), which cannot start or end emphasis,
// and turns line breaks into spaces.
func markdownText(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		switch r := rs[i]; r {
		case '\r':
			if i+1 < len(rs) && rs[i+1] == '\n' {
				i++
			}
			b.WriteByte(' ')
		case '\n':
			b.WriteByte(' ')
		case '_':
			j := i
			for j < len(rs) && rs[j] == '_' {
				j++
			}
			intraword := i > 0 && j < len(rs) && isWordRune(rs[i-1]) && isWordRune(rs[j])
			for ; i < j; i++ {
				if !intraword {
					b.WriteByte('\\')
				}
				b.WriteByte('_')
			}
			i--
		case '\\', '`', '*', '[', ']', '<', '>', '&', '|', '~', '#':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// markdownMessage escapes a finding message for a table cell, keeping its
// `code spans` (a backtick without a partner is escaped): inside a span only
// pipes (GFM table cells need them escaped even there) and line breaks are
// replaced.
func markdownMessage(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '`')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '`')
		if j < 0 {
			break
		}
		j += i + 1
		b.WriteString(markdownText(s[:i]))
		span := s[i+1 : j]
		span = strings.NewReplacer("|", `\|`, "\r\n", " ", "\r", " ", "\n", " ").Replace(span)
		if strings.TrimSpace(span) == "" {
			// An empty or blank span would not render as code: escape it.
			b.WriteString(markdownText(s[i : j+1]))
		} else {
			b.WriteString("`" + span + "`")
		}
		s = s[j+1:]
	}
	b.WriteString(markdownText(s))
	return b.String()
}

// markdownCode renders s as a code span, with a fence longer than any run of
// backticks inside it.
func markdownCode(s string) string {
	s = strings.NewReplacer("\r\n", " ", "\r", " ", "\n", " ").Replace(s)
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	if longest > 0 || strings.HasPrefix(s, " ") || strings.HasSuffix(s, " ") {
		return fence + " " + s + " " + fence
	}
	return fence + s + fence
}

// markdownURL makes a URL safe inside a Markdown link destination.
func markdownURL(u string) string {
	return strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E").Replace(u)
}
