package report

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/fastaudit/fastaudit/analyzer"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// writeText writes one line per finding,
//
//	path:line:col: FA101 [error] message
//
// where col counts code points from 1 (a finding without a line, such as an
// unreadable file, prints just "path: ..."; one without a column
// "path:line: ..."), then (unless opts.Quiet) a blank line
// and a summary line such as
//
//	Found 12 findings (3 errors, 7 warnings, 2 notes) in 40 files.
//
// or, without findings, just "No findings in 40 files.". With
// opts.ShowSource each finding is followed by its source line and a caret
// line under the span (see writeSource).
func writeText(buf *bytes.Buffer, res *analyzer.Result, opts Options) error {
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	// snippetLast: the last finding's source snippet already ends with a
	// blank line.
	snippetLast := false
	for i := range res.Findings {
		f := &res.Findings[i]
		sev := severityOf(f)
		buf.WriteString(paint(ansiBold, escapeControl(f.Path)))
		if f.Line >= 1 {
			fmt.Fprintf(buf, ":%d", f.Line)
			if f.Column >= 1 {
				fmt.Fprintf(buf, ":%d", f.Column)
			}
		}
		fmt.Fprintf(buf, ": %s [%s] %s\n",
			paint(ansiBold, f.Rule.Code),
			paint(severityColor(sev), sev.String()),
			f.Message)
		if opts.ShowSource && writeSource(buf, f, paint) {
			snippetLast = i == len(res.Findings)-1
		}
	}
	if opts.Quiet {
		return nil
	}
	files := plural(res.Files, "file", "files")
	if len(res.Findings) == 0 {
		fmt.Fprintf(buf, "No findings in %s.\n", files)
		return nil
	}
	c := countSeverities(res)
	if !snippetLast {
		buf.WriteByte('\n')
	}
	fmt.Fprintf(buf, "Found %s (%s, %s, %s) in %s.\n",
		plural(len(res.Findings), "finding", "findings"),
		plural(c.errors, "error", "errors"),
		plural(c.warnings, "warning", "warnings"),
		plural(c.notes, "note", "notes"),
		files)
	return nil
}

func severityColor(s analyzer.Severity) string {
	switch s {
	case analyzer.SeverityError:
		return ansiRed
	case analyzer.SeverityWarning:
		return ansiYellow
	}
	return ansiCyan
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// escapeControl writes control characters of a file name as Go escapes, so
// a name holding a newline or an escape sequence cannot forge lines of the
// report (a CI log reads "::warning::" lines as commands) or drive the
// terminal.
func escapeControl(s string) string {
	if !strings.ContainsFunc(s, unicode.IsControl) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if unicode.IsControl(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
