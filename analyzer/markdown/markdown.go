// Package markdown extracts the Python code of a Markdown document (an
// answer of a code-generating agent) as virtual Python files.
//
// Every fenced block labelled python, py, python3 or py3 (also `{.python}`
// and info strings with attributes, `python title="app/main.py"`) is Python,
// and so is an unlabelled block the caller's predicate accepts. Other blocks
// (bash, yaml, json, text, ...) are skipped. A block that names a file
// becomes that file, so the blocks of an answer form a project; blocks that
// name the same file are joined; unnamed blocks all join one file.
//
// Line numbers stay exact without a remapping table: a virtual file has as
// many lines as the document, each line of one of its blocks holds that line
// (minus the fence's indentation, recorded in ColumnShift) and every other
// line is empty. Line N of a virtual file is line N of the document.
//
// Fences follow CommonMark: a run of at least three backticks or tildes
// opens a block, a run of the same character at least as long (and nothing
// else on the line) closes it, and an unclosed block runs to the end of the
// document. Deliberate simplifications: a fence may be indented by any
// amount of spaces or tabs (fences inside list items at any depth count,
// a tab counts as one column), a closing fence may be indented up to three
// more than its opening fence, and fences inside blockquotes (`> ```python`)
// or on the line of a list marker (`1. ```python`) are not recognised.
package markdown

import (
	"bytes"
	"path"
	"strconv"
	"strings"
	"unicode"
)

// File is one virtual Python file built from the blocks that name it.
type File struct {
	// Name is the file's clean relative '/'-separated path ending in .py,
	// e.g. "tests/test_users.py".
	Name string
	// Content has as many lines as the document: the lines of the file's
	// blocks in place (fence indentation removed), every other line empty.
	Content []byte
	// ColumnShift holds, per 0-based line, the bytes of indentation removed
	// from that line; nil when no line of the file lost any.
	ColumnShift []int
	// Blocks are the file's code blocks in document order.
	Blocks []Block
}

// Block is one fenced code block of a File.
type Block struct {
	// Line and EndLine are the 1-based document lines of the block's first
	// and last code line (the fences excluded).
	Line, EndLine int
	// Info is the fence's info string ("python title=\"main.py\"").
	Info string
}

// Lines returns the number of code lines of the file's blocks.
func (f *File) Lines() int {
	n := 0
	for _, b := range f.Blocks {
		n += b.EndLine - b.Line + 1
	}
	return n
}

// DefaultName is the file unnamed Python blocks go to, unless a block names
// it; then FallbackName, then FallbackName with _2, _3, ... before ".py".
const (
	DefaultName  = "main.py"
	FallbackName = "snippet.py"
)

// Extract returns the virtual Python files of a Markdown document, in the
// order of their first block. isPython decides whether an unlabelled block
// holds Python; it receives the block's code with the fence indentation
// removed. Extract is pure: it only reads src and calls isPython.
func Extract(src []byte, isPython func(code []byte) bool) []File {
	lines := bytes.Split(src, []byte("\n"))
	type codeBlock struct {
		name   string
		start  int // 0-based index of the first code line
		end    int // 0-based index after the last code line
		indent int
		info   string
	}
	var blocks []codeBlock
	for i := 0; i < len(lines); i++ {
		f, ok := openingFence(lines[i])
		if !ok {
			continue
		}
		end := len(lines) // an unclosed block runs to the end of the document
		for j := i + 1; j < len(lines); j++ {
			if closesFence(lines[j], f) {
				end = j
				break
			}
		}
		b := codeBlock{start: i + 1, end: end, indent: f.indent, info: f.info}
		lang, name := parseInfo(f.info)
		python := pythonLanguages[lang]
		if lang == "" && isPython != nil {
			python = isPython(joinCode(lines[b.start:b.end], b.indent))
		}
		if python && b.start < b.end { // a block without code names nothing
			if name == "" {
				name = commentName(string(dedent(lines[b.start], b.indent)))
			}
			if name == "" {
				name = precedingName(lines[:i])
			}
			b.name = name
			blocks = append(blocks, b)
		}
		i = end // the closing fence, or past the end
	}
	if len(blocks) == 0 {
		return nil
	}

	unnamed := DefaultName
	taken := map[string]bool{}
	for _, b := range blocks {
		if b.name != "" {
			taken[b.name] = true
		}
	}
	if taken[unnamed] {
		unnamed = FallbackName
		for n := 2; taken[unnamed]; n++ {
			unnamed = strings.TrimSuffix(FallbackName, ".py") + "_" + strconv.Itoa(n) + ".py"
		}
	}

	var files []*fileBuilder
	byName := map[string]*fileBuilder{}
	for _, b := range blocks {
		name := b.name
		if name == "" {
			name = unnamed
		}
		fb := byName[name]
		if fb == nil {
			fb = &fileBuilder{File: File{Name: name}, lines: make([][]byte, len(lines))}
			byName[name] = fb
			files = append(files, fb)
		}
		fb.Blocks = append(fb.Blocks, Block{Line: b.start + 1, EndLine: b.end, Info: b.info})
		for k := b.start; k < b.end; k++ {
			code := dedent(lines[k], b.indent)
			fb.lines[k] = code
			if shift := len(lines[k]) - len(code); shift > 0 {
				if fb.ColumnShift == nil {
					fb.ColumnShift = make([]int, len(lines))
				}
				fb.ColumnShift[k] = shift
			}
		}
	}
	out := make([]File, 0, len(files))
	for _, fb := range files {
		fb.Content = bytes.Join(fb.lines, []byte("\n"))
		out = append(out, fb.File)
	}
	return out
}

type fileBuilder struct {
	File
	lines [][]byte
}

// pythonLanguages are the info-string languages of Python blocks.
var pythonLanguages = map[string]bool{"python": true, "py": true, "python3": true, "py3": true}

type fence struct {
	char   byte
	length int
	indent int
	info   string
}

// leadingSpace returns the number of leading spaces and tabs.
func leadingSpace(line []byte) int {
	n := 0
	for n < len(line) && (line[n] == ' ' || line[n] == '\t') {
		n++
	}
	return n
}

func openingFence(line []byte) (fence, bool) {
	line = bytes.TrimSuffix(line, []byte("\r"))
	indent := leadingSpace(line)
	rest := line[indent:]
	if len(rest) < 3 || (rest[0] != '`' && rest[0] != '~') {
		return fence{}, false
	}
	n := 0
	for n < len(rest) && rest[n] == rest[0] {
		n++
	}
	if n < 3 {
		return fence{}, false
	}
	info := rest[n:]
	if rest[0] == '`' && bytes.IndexByte(info, '`') >= 0 {
		return fence{}, false // inline code such as ```x```, not a fence
	}
	return fence{char: rest[0], length: n, indent: indent, info: strings.TrimSpace(string(info))}, true
}

func closesFence(line []byte, f fence) bool {
	line = bytes.TrimSuffix(line, []byte("\r"))
	indent := leadingSpace(line)
	if indent > f.indent+3 {
		return false
	}
	rest := line[indent:]
	n := 0
	for n < len(rest) && rest[n] == f.char {
		n++
	}
	return n >= f.length && len(bytes.TrimSpace(rest[n:])) == 0
}

// dedent removes up to indent leading spaces and tabs, as CommonMark does
// with the lines of a fenced block whose opening fence is indented.
func dedent(line []byte, indent int) []byte {
	n := leadingSpace(line)
	if n > indent {
		n = indent
	}
	return line[n:]
}

func joinCode(lines [][]byte, indent int) []byte {
	var buf bytes.Buffer
	for _, l := range lines {
		buf.Write(dedent(l, indent))
		buf.WriteByte('\n')
	}
	return buf.Bytes()
}

// parseInfo returns the lowercase language of an info string and the file
// it names, if any: `python title="app/main.py"`, `python filename=main.py`,
// `python main.py`, `py:app/main.py`, `{.python}`, or just `main.py`.
func parseInfo(info string) (lang, name string) {
	info = strings.TrimSpace(info)
	if strings.HasPrefix(info, "{") {
		info = strings.TrimSuffix(strings.TrimPrefix(info, "{"), "}") // pandoc / R Markdown attributes
	}
	words := infoWords(info)
	if len(words) == 0 {
		return "", ""
	}
	attrs := words[1:]
	first := strings.TrimPrefix(words[0], ".")
	switch l, file, hasFile := strings.Cut(first, ":"); {
	case strings.Contains(first, "="):
		attrs = words // attributes only: an unlabelled block
	case hasFile:
		lang = strings.ToLower(l) // py:app/main.py
		name, _ = CleanName(file)
	default:
		lang = strings.ToLower(first)
		if n, ok := CleanName(first); ok && !pythonLanguages[lang] {
			return "python", n // ```main.py
		}
	}
	for _, w := range attrs {
		if name != "" {
			break
		}
		key, value, isAttr := strings.Cut(w, "=")
		switch {
		case isAttr && fileAttributes[strings.ToLower(strings.TrimLeft(key, ".#"))]:
			name, _ = CleanName(unquote(value))
		case !isAttr:
			name, _ = CleanName(w)
		}
	}
	return lang, name
}

// fileAttributes are the info-string attributes that name a file.
var fileAttributes = map[string]bool{"title": true, "filename": true, "file": true, "name": true, "path": true}

// infoWords splits an info string at spaces, keeping quoted values
// (title="my app.py") in one word.
func infoWords(info string) []string {
	var words []string
	var cur strings.Builder
	var quote rune
	for _, r := range info {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
			cur.WriteRune(r)
		case r == '"' || r == '\'':
			quote = r
			cur.WriteRune(r)
		case unicode.IsSpace(r) || r == ',':
			if cur.Len() > 0 {
				words = append(words, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		words = append(words, cur.String())
	}
	return words
}

func unquote(s string) string {
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// commentName returns the file a block's first line names: `# main.py`,
// `# main.py - FastAPI app`, `# File: app/main.py`, `# app/users.py (continued)`.
func commentName(first string) string {
	s := strings.TrimSpace(first)
	if !strings.HasPrefix(s, "#") || strings.HasPrefix(s, "#!") {
		return ""
	}
	s = stripLabel(strings.TrimSpace(strings.TrimLeft(s, "#")))
	words := strings.Fields(s)
	if len(words) == 0 {
		return ""
	}
	if n, ok := CleanName(strings.Trim(words[0], "`'\"*:,;")); ok {
		return n
	}
	return ""
}

// precedingName returns the file named by the nearest non-blank line before
// a fence when that line is only a file name, possibly decorated:
// `**main.py**`, `### app/main.py`, "`app/main.py`", `File: main.py`, `main.py:`.
func precedingName(before [][]byte) string {
	for i := len(before) - 1; i >= 0; i-- {
		s := strings.TrimSpace(string(before[i]))
		if s == "" {
			continue
		}
		s = strings.TrimSpace(strings.TrimLeft(s, "#")) // a heading
		for _, marker := range []string{"- ", "* ", "+ "} {
			s = strings.TrimPrefix(s, marker)
		}
		if j := strings.IndexAny(s, ".)"); j > 0 && j < 4 && isDigits(s[:j]) && strings.HasPrefix(s[j+1:], " ") {
			s = s[j+2:] // an ordered list item: "2. main.py"
		}
		s = stripLabel(strings.Trim(s, decoration))
		s = strings.Trim(s, decoration)
		if n, ok := CleanName(s); ok {
			return n
		}
		return ""
	}
	return ""
}

// decoration is what may surround a file name on its own line: emphasis,
// code spans, quotes, a trailing colon. Not '_': it starts __init__.py.
const decoration = " \t\r*`'\":"

// stripLabel removes a leading "File:", "Filename:" or "Path:" label.
func stripLabel(s string) string {
	lower := strings.ToLower(s)
	for _, label := range []string{"filename:", "file name:", "file:", "path:"} {
		if strings.HasPrefix(lower, label) {
			return strings.TrimLeft(s[len(label):], decoration)
		}
	}
	return s
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// CleanName turns a file name written in a document into a clean relative
// '/'-separated path ending in .py: backslashes become slashes, a leading
// "./" or "/" and ".." components that would leave the project are
// dropped. It fails for anything that does not look like a path: spaces,
// punctuation other than '_', '-', '.' and '/', or no .py suffix.
func CleanName(s string) (string, bool) {
	s = strings.ReplaceAll(s, "\\", "/")
	if s == "" {
		return "", false
	}
	for _, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '-' || r == '.' || r == '/') {
			return "", false
		}
	}
	s = strings.TrimPrefix(path.Clean("/"+s), "/")
	if !strings.HasSuffix(s, ".py") || path.Base(s) == ".py" {
		return "", false
	}
	return s, true
}
