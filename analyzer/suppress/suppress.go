// Package suppress parses suppression comments and answers whether a
// finding is suppressed.
//
// Line suppressions (on the line of the finding):
//
//	x = f()  # noqa                      every code on this line
//	x = f()  # noqa: FA101, FA102        only these codes (',' or spaces between)
//	x = f()  # fastaudit: ignore[FA101]  only these codes
//	x = f()  # fastaudit: ignore         every code on this line
//
// File suppression (anywhere in the file):
//
//	# fastaudit: ignore-file
//
// The rules follow ruff's noqa lexer: a directive starts a comment or
// follows another '#' in it (`# type: ignore  # noqa: FA101`), so prose
// such as `# see the noqa docs` is not a directive; `noqa` is matched
// case-insensitively and must be followed by the end of the comment, ':',
// whitespace or '#' (`# noqa-ish` and `#noqaFA101` are not directives);
// codes are upper-case letters followed by digits (`FA101`), compared
// exactly (`FA1011` does not suppress FA101, `FA1` is not a prefix);
// listing codes suppresses only those codes, so `# noqa: E501` leaves
// every fastaudit finding in place. After the code list, text that does
// not start with an upper-case letter ends the list (`# noqa: FA101 because
// ...`). A malformed list (`# noqa:`, `# noqa: fa101`, `# noqa: FA101x`)
// suppresses nothing.
//
// `# noqa` followed by prose (`# noqa keep this`) suppresses everything, as
// in ruff and flake8; so does `# fastaudit: ignore because ...`.
package suppress

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Set holds the suppressions of one file. The zero value is not usable;
// call New.
type Set struct {
	fileIgnored bool
	lines       map[int]*lineSet
}

type lineSet struct {
	all   bool
	codes map[string]bool
}

// New returns an empty Set.
func New() *Set {
	return &Set{lines: map[int]*lineSet{}}
}

// AddComment records the suppressions of one comment. text is the whole
// comment including its leading '#'; line is its 1-based line.
func (s *Set) AddComment(line int, text string) {
	d := parse(text)
	if d.file {
		s.fileIgnored = true
	}
	if !d.ok {
		return
	}
	ls := s.lines[line]
	if ls == nil {
		ls = &lineSet{}
		s.lines[line] = ls
	}
	if d.all {
		ls.all = true
	}
	for _, c := range d.codes {
		if ls.codes == nil {
			ls.codes = map[string]bool{}
		}
		ls.codes[c] = true
	}
}

// FileIgnored reports whether the file holds a `# fastaudit: ignore-file`
// comment.
func (s *Set) FileIgnored() bool { return s != nil && s.fileIgnored }

// Suppressed reports whether a finding of code on line (1-based) is
// suppressed by a comment on that line or by ignore-file.
func (s *Set) Suppressed(line int, code string) bool {
	if s == nil {
		return false
	}
	if s.fileIgnored {
		return true
	}
	ls := s.lines[line]
	return ls != nil && (ls.all || ls.codes[code])
}

// ParseComment parses the line-level directives of one comment (text
// includes the leading '#'). ok reports whether the comment holds a valid
// line directive; all reports that it suppresses every code; otherwise
// codes lists the codes it suppresses, in order, without duplicates.
// Several directives in one comment (`# noqa: FA101  # fastaudit:
// ignore[FA102]`) are merged. `# fastaudit: ignore-file` is not a line
// directive.
func ParseComment(text string) (codes []string, all bool, ok bool) {
	d := parse(text)
	return d.codes, d.all, d.ok
}

type directive struct {
	ok    bool // a valid line directive was found
	all   bool
	codes []string
	seen  map[string]bool // codes, for deduplication in linear time
	file  bool            // `# fastaudit: ignore-file`
}

func (d *directive) add(codes []string, all bool) {
	d.ok = true
	if all {
		d.all = true
	}
	for _, c := range codes {
		if d.seen == nil {
			d.seen = map[string]bool{}
		}
		if !d.seen[c] {
			d.seen[c] = true
			d.codes = append(d.codes, c)
		}
	}
}

// parse scans every '#' of the comment for a directive.
func parse(text string) directive {
	var d directive
	for i := 0; i < len(text); i++ {
		if text[i] != '#' {
			continue
		}
		rest := skipSpace(text[i+1:])
		if hasPrefixFold(rest, "noqa") {
			if codes, all, ok := lexNoqa(rest[len("noqa"):]); ok {
				d.add(codes, all)
			}
			continue
		}
		if hasPrefixFold(rest, "fastaudit") {
			lexFastaudit(rest[len("fastaudit"):], &d)
		}
	}
	return d
}

// lexNoqa lexes what follows `noqa`.
func lexNoqa(s string) (codes []string, all, ok bool) {
	if s == "" || s[0] == '#' {
		return nil, true, true // `# noqa`, `# noqa# comment`
	}
	switch r, _ := utf8.DecodeRuneInString(s); {
	case r == ':':
		s = s[1:]
	case unicode.IsSpace(r):
		s = skipSpace(s)
		if !strings.HasPrefix(s, ":") {
			return nil, true, true // `# noqa keep this` and ruff agree: all
		}
		s = s[1:] // `# noqa : FA101`
	default:
		return nil, false, false // `# noqa-ish`, `#noqaFA101`
	}
	codes, ok = lexCodes(s, false)
	return codes, false, ok && len(codes) > 0
}

// lexFastaudit lexes what follows `fastaudit`: `: ignore`, `: ignore[...]`
// or `: ignore-file`.
func lexFastaudit(s string, d *directive) {
	s = skipSpace(s)
	if !strings.HasPrefix(s, ":") {
		return
	}
	s = skipSpace(s[1:])
	if !hasPrefixFold(s, "ignore") {
		return
	}
	s = s[len("ignore"):]
	if hasPrefixFold(s, "-file") {
		if endOfWord(s[len("-file"):]) {
			d.file = true
		}
		return
	}
	if endOfWord(s) {
		t := skipSpace(s)
		if !strings.HasPrefix(t, "[") {
			d.add(nil, true) // `# fastaudit: ignore`
			return
		}
		s = t // `# fastaudit: ignore [FA101]`
	}
	if !strings.HasPrefix(s, "[") {
		return // `# fastaudit: ignored`
	}
	// The list may hold only codes and separators up to ']'. Stopping at
	// the first other character (rather than searching for ']') keeps the
	// scan of a long comment linear: `#fastaudit:ignore[` repeated over a
	// 5 MB line would otherwise rescan the rest of the line each time.
	end := 1
	for end < len(s) && s[end] != ']' {
		r, w := utf8.DecodeRuneInString(s[end:])
		if !isUpper(s[end]) && !isDigit(s[end]) && r != ',' && !unicode.IsSpace(r) {
			return // `ignore[FA101;]`, `ignore[fa101]`
		}
		end += w
	}
	if end >= len(s) {
		return // unterminated list: suppress nothing
	}
	codes, ok := lexCodes(s[1:end], true)
	if ok && len(codes) > 0 {
		d.add(codes, false)
	}
}

// lexCodes lexes a list of codes separated by ',' and/or whitespace.
//
// In noqa mode (strict false) the list ends at '#' or at the first word
// that is not a code (a trailing explanation: `# noqa: FA101 because ...`),
// as in ruff. In strict mode (inside `ignore[...]`) every item must be a
// code. Either way a code followed by anything but a delimiter (`FA101x`,
// `FA101;`) makes the list invalid; codes glued together (`FA101FA102`) are
// split, and a glued word that is not a code (`FA101ABC`) is invalid.
func lexCodes(s string, strict bool) (codes []string, ok bool) {
	glued := false
	for {
		if !glued {
			s = strings.TrimLeftFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
		}
		if s == "" {
			return codes, true
		}
		n := 0
		for n < len(s) && isUpper(s[n]) {
			n++
		}
		if n == 0 || n == len(s) || !isDigit(s[n]) {
			if strict || glued {
				return nil, false
			}
			return codes, true // prose or '#' ends a noqa list
		}
		for n < len(s) && isDigit(s[n]) {
			n++
		}
		codes = append(codes, s[:n])
		s = s[n:]
		glued = false
		if s == "" {
			return codes, true
		}
		r, _ := utf8.DecodeRuneInString(s)
		switch {
		case r == ',' || unicode.IsSpace(r):
		case isUpper(s[0]):
			glued = true
		case r == '#' && !strict:
			return codes, true // `# noqa: FA101# comment`
		default:
			return nil, false // `FA101x`, `FA101;`
		}
	}
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func skipSpace(s string) string { return strings.TrimLeftFunc(s, unicode.IsSpace) }

// endOfWord reports whether s is empty or starts with whitespace or '#'.
func endOfWord(s string) bool {
	if s == "" || s[0] == '#' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsSpace(r)
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}
