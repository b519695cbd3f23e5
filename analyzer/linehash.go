package analyzer

import "strconv"

// Line hashes: GitHub code scanning's primaryLocationLineHash.
//
// This is a port of the function hash in github/codeql-action's
// src/fingerprints.ts. GitHub matches alerts across runs by this value, so a
// SARIF result that carries it keeps its alert identity when unrelated lines
// above it move. The port has to be exact: a value that differs from what
// codeql-action would compute makes upload-sarif log a warning and keeps our
// value, which then matches nothing GitHub computed before.
//
// The algorithm, as in fingerprints.ts:
//   - The file is decoded from UTF-8 the way Node's utf8 stream decoder does it
//     (WHATWG: each maximal invalid subsequence becomes one U+FFFD; a BOM is
//     kept as U+FEFF) and read as JavaScript string characters, i.e. UTF-16
//     code units: a character outside the BMP counts as two surrogates.
//   - Spaces and tabs are skipped everywhere. "\r\n", "\r" and "\n" all count
//     as one "\n" (an "\n" directly after "\r" is skipped).
//   - A line's hash is a rolling polynomial hash (base 37, wrapping 64-bit
//     arithmetic) over the 100 remaining characters starting at the line's
//     first character; after the input comes the EOF marker 65535, then zeros.
//   - The value is the unsigned hash in lower-case hex without leading zeros,
//     followed by ":N" where N counts how often that hash value has appeared
//     so far (in line order), starting at 1.
//
// Every line gets a hash, including the empty last "line" after a final line
// terminator: "a\n" has two lines, "" has one.

const (
	lineHashBlockSize = 100
	lineHashMod       = 37
	lineHashEOF       = 65535
)

// lineHashFirstMod is 37^100 in wrapping 64-bit arithmetic.
var lineHashFirstMod = func() uint64 {
	m := uint64(1)
	for i := 0; i < lineHashBlockSize; i++ {
		m *= lineHashMod
	}
	return m
}()

// LineHashes returns GitHub's primaryLocationLineHash for every line of src:
// element 0 is line 1. See the comment at the top of this file.
func LineHashes(src []byte) []string {
	h := lineHasher{}
	for i := range h.lineNumbers {
		h.lineNumbers[i] = -1
	}
	h.lineStart = true
	h.counts = make(map[uint64]int)
	// A rough guess at the line count, to avoid regrowing.
	h.out = make([]string, 0, len(src)/32+1)

	decodeUTF16Units(src, h.processChar)
	h.processChar(lineHashEOF)

	// Flush the remaining lines.
	for i := 0; i < lineHashBlockSize; i++ {
		if h.lineNumbers[h.index] != -1 {
			h.output()
		}
		h.update(0)
	}
	return h.out
}

// LineHashAt returns the hash of the 1-based line, or "" when line is out of range.
func LineHashAt(hashes []string, line int) string {
	if line < 1 || line > len(hashes) {
		return ""
	}
	return hashes[line-1]
}

type lineHasher struct {
	window      [lineHashBlockSize]uint64
	lineNumbers [lineHashBlockSize]int
	hash        uint64
	index       int
	lineNumber  int
	lineStart   bool
	prevCR      bool
	counts      map[uint64]int
	out         []string
}

func (h *lineHasher) output() {
	h.counts[h.hash]++
	v := strconv.FormatUint(h.hash, 16) + ":" + strconv.Itoa(h.counts[h.hash])
	// Lines are output in order, one each, so line n lands at index n-1.
	if n := h.lineNumbers[h.index]; n == len(h.out)+1 {
		h.out = append(h.out, v)
	} else {
		for len(h.out) < n {
			h.out = append(h.out, "")
		}
		h.out[n-1] = v
	}
	h.lineNumbers[h.index] = -1
}

func (h *lineHasher) update(c uint64) {
	begin := h.window[h.index]
	h.window[h.index] = c
	h.hash = lineHashMod*h.hash + c - lineHashFirstMod*begin
	h.index = (h.index + 1) % lineHashBlockSize
}

func (h *lineHasher) processChar(c uint16) {
	// Skip tabs, spaces, and line feeds that come directly after a carriage return.
	if c == ' ' || c == '\t' || (h.prevCR && c == '\n') {
		h.prevCR = false
		return
	}
	// Replace CR with LF.
	if c == '\r' {
		c = '\n'
		h.prevCR = true
	} else {
		h.prevCR = false
	}
	if h.lineNumbers[h.index] != -1 {
		h.output()
	}
	if h.lineStart {
		h.lineStart = false
		h.lineNumber++
		h.lineNumbers[h.index] = h.lineNumber
	}
	if c == '\n' {
		h.lineStart = true
	}
	h.update(uint64(c))
}

// decodeUTF16Units decodes src as UTF-8 following the WHATWG decoder (what
// Node's TextDecoder, Buffer.toString and utf8 streams do: every maximal
// subpart of an ill-formed sequence becomes one U+FFFD) and calls emit with
// each UTF-16 code unit of the result.
func decodeUTF16Units(src []byte, emit func(uint16)) {
	const replacement = 0xFFFD
	emitRune := func(r rune) {
		if r >= 0x10000 {
			r -= 0x10000
			emit(uint16(0xD800 + (r >> 10)))
			emit(uint16(0xDC00 + (r & 0x3FF)))
			return
		}
		emit(uint16(r))
	}
	var (
		cp           rune
		needed, seen int
		lower, upper byte = 0x80, 0xBF
	)
	for i := 0; i < len(src); i++ {
		b := src[i]
		if needed == 0 {
			switch {
			case b <= 0x7F:
				emit(uint16(b))
			case b >= 0xC2 && b <= 0xDF:
				needed, cp = 1, rune(b&0x1F)
			case b >= 0xE0 && b <= 0xEF:
				if b == 0xE0 {
					lower = 0xA0
				} else if b == 0xED {
					upper = 0x9F
				}
				needed, cp = 2, rune(b&0x0F)
			case b >= 0xF0 && b <= 0xF4:
				if b == 0xF0 {
					lower = 0x90
				} else if b == 0xF4 {
					upper = 0x8F
				}
				needed, cp = 3, rune(b&0x07)
			default:
				emit(replacement)
			}
			continue
		}
		if b < lower || b > upper {
			// Ill-formed: one U+FFFD for the sequence so far, then reprocess b.
			cp, needed, seen, lower, upper = 0, 0, 0, 0x80, 0xBF
			emit(replacement)
			i--
			continue
		}
		lower, upper = 0x80, 0xBF
		cp = cp<<6 | rune(b&0x3F)
		seen++
		if seen == needed {
			emitRune(cp)
			cp, needed, seen = 0, 0, 0
		}
	}
	if needed != 0 {
		emit(replacement)
	}
}
