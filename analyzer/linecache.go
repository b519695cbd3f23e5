package analyzer

import (
	"bytes"
	"sort"
	"sync/atomic"
	"unicode/utf8"
)

// lineCache makes the per-finding work on one file's lines cost the same
// whatever the length of the line. Generated or minified code can put
// thousands of findings on one multi-megabyte line; counting columns from
// the start of the line, and copying the line's text, for each of them was
// quadratic (a 200 KB line of 7,000 calls took two minutes and 3 GB).
// Only lineText may be called from several goroutines at once.
type lineCache struct {
	marks map[int][]columnMark // by line start, for lines longer than columnStride
	// last is the text of the last line asked. It is atomic because a text
	// kept for quoting (fileState.text: a Markdown document or a Source) is
	// shared by the files audited in parallel.
	last atomic.Pointer[cachedLine]
}

type cachedLine struct {
	line int // 1-based
	text string
}

// columnMark is where counting may resume: code points and UTF-16 units
// from the start of the line up to byte offset off (a rune boundary).
type columnMark struct{ off, cp, u16 int }

// columnStride is the distance between marks: counting a column scans at
// most this many bytes after the nearest mark.
const columnStride = 1024

// columns returns the number of code points and UTF-16 units in
// src[start:end], where start is the start of a line and end lies on it.
func (c *lineCache) columns(src []byte, start, end int) (cp, u16 int) {
	from := start
	if end-start > columnStride {
		marks := c.lineMarks(src, start)
		k := sort.Search(len(marks), func(i int) bool { return marks[i].off > end }) - 1
		if k >= 0 {
			from, cp, u16 = marks[k].off, marks[k].cp, marks[k].u16
		}
	}
	return countColumns(src[from:end], cp, u16)
}

// lineMarks returns the marks of the line starting at start, computing
// them on first use.
func (c *lineCache) lineMarks(src []byte, start int) []columnMark {
	if m, ok := c.marks[start]; ok {
		return m
	}
	end := len(src)
	if i := bytes.IndexByte(src[start:], '\n'); i >= 0 {
		end = start + i
	}
	var marks []columnMark
	cp, u16 := 0, 0
	for off := start; off < end; {
		next := min(off+columnStride, end)
		// Extend to a rune boundary so that the mark can be resumed from.
		for next < end && !utf8.RuneStart(src[next]) {
			next++
		}
		cp, u16 = countColumns(src[off:next], cp, u16)
		off = next
		marks = append(marks, columnMark{off, cp, u16})
	}
	if c.marks == nil {
		c.marks = map[int][]columnMark{}
	}
	c.marks[start] = marks
	return marks
}

// countColumns adds the code points and UTF-16 units of b to cp and u16.
func countColumns(b []byte, cp, u16 int) (int, int) {
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			cp, u16, i = cp+1, u16+1, i+1
			continue
		}
		r, w := utf8.DecodeRune(b[i:])
		cp, u16, i = cp+1, u16+1, i+w
		if r > 0xFFFF {
			u16++ // a surrogate pair
		}
	}
	return cp, u16
}

// lineText returns the text of line (1-based) spanning src[start:end],
// without its line terminator. The last line asked is kept, so findings on
// one long line share one copy of it.
func (c *lineCache) lineText(src []byte, line, start, end int) string {
	if last := c.last.Load(); last != nil && last.line == line {
		return last.text
	}
	text := string(bytes.TrimRight(src[start:end], "\r"))
	c.last.Store(&cachedLine{line, text})
	return text
}

// withLFs turns each lone CR line break (old Mac line endings) into LF.
// Python ends lines at CR, LF or CR LF, but tree-sitter counts rows at LF
// only: without this a CR-only file is one long line and every finding says
// line 1. The length and the offsets do not change. src is copied only when
// it has a lone CR.
func withLFs(src []byte) []byte {
	i := bytes.IndexByte(src, '\r')
	for ; i >= 0 && i+1 < len(src) && src[i+1] == '\n'; i = nextCR(src, i) {
	}
	if i < 0 {
		return src
	}
	out := bytes.Clone(src)
	for j := i; j >= 0; j = nextCR(out, j) {
		if j+1 >= len(out) || out[j+1] != '\n' {
			out[j] = '\n'
		}
	}
	return out
}

// nextCR returns the index of the next '\r' after i, or -1.
func nextCR(b []byte, i int) int {
	if j := bytes.IndexByte(b[i+1:], '\r'); j >= 0 {
		return i + 1 + j
	}
	return -1
}
