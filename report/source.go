package report

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/width"

	"github.com/fastaudit/fastaudit/analyzer"
)

const (
	ansiBlue = "\x1b[34m"
	// sourceTabWidth is the tab stop used to show tabs in source lines.
	sourceTabWidth = 4
)

// writeSource writes the --show-source snippet of one finding, as ruff
// shows it: an empty gutter line, the source line after its line number, a
// line of carets under the span, an empty gutter line and a blank line:
//
//	  |
//	5 |     row = db.execute(select(User)).first()
//	  |           ^^^^^^^^^^^^^^^^^^^^^^^^
//	  |
//
// Columns count characters (invalid UTF-8 shows as U+FFFD, one character a
// byte, as the analyzer counts them); the carets are placed by display
// width, so they stay under the span after wide characters (CJK, emoji: two
// cells) and combining marks (none). Tabs are shown as spaces up to the next
// multiple of sourceTabWidth and other control characters as spaces.
// A span over several lines is underlined to the end of its first line; an
// empty span, or one past the end of the line, gets one caret. A finding
// without a line or without source text (an unreadable file) gets no
// snippet, and writeSource reports false.
func writeSource(buf *bytes.Buffer, f *analyzer.Finding, paint func(code, s string) string) bool {
	if f.Line < 1 || f.SourceLine == "" {
		return false
	}
	// Display text and the display column where each character starts.
	var text strings.Builder
	var starts []int // starts[i] is the display column of character i; one extra for the end
	width := 0
	for _, r := range f.SourceLine {
		starts = append(starts, width)
		switch {
		case r == '\t':
			n := sourceTabWidth - width%sourceTabWidth
			text.WriteString(strings.Repeat(" ", n))
			width += n
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			text.WriteByte(' ')
			width++
		default:
			text.WriteRune(r)
			width += cellWidth(r)
		}
	}
	starts = append(starts, width)
	chars := len(starts) - 1

	first := clamp(f.Column, 1, chars+1) - 1 // 0-based character index
	end := chars
	if f.EndLine <= f.Line {
		end = clamp(f.EndColumn, 1, chars+1) - 1
	}
	from := starts[first]
	to := from + 1
	if end > first {
		to = starts[end]
	}

	num := strconv.Itoa(f.Line)
	pad := strings.Repeat(" ", len(num))
	bar := paint(ansiBold+ansiBlue, pad+" |")
	buf.WriteString(bar + "\n")
	buf.WriteString(paint(ansiBold+ansiBlue, num+" |") + " " + strings.TrimRight(text.String(), " ") + "\n")
	buf.WriteString(bar + " " + strings.Repeat(" ", from) + paint(severityColor(severityOf(f)), strings.Repeat("^", to-from)) + "\n")
	buf.WriteString(bar + "\n\n")
	return true
}

// cellWidth is the number of terminal cells r takes: 2 for East Asian wide
// and fullwidth characters (CJK, most emoji), 0 for combining marks and
// format characters (such as the zero-width joiner), 1 otherwise.
func cellWidth(r rune) int {
	if unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) {
		return 0
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

func clamp(n, lo, hi int) int {
	return min(max(n, lo), hi)
}
