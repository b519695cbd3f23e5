package baseline

import (
	"bytes"
	"fmt"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
	"github.com/fastaudit/fastaudit/analyzer/suppress"
)

// Adding `# noqa` comments, as `ruff check --add-noqa` does.
//
// Each finding is silenced on its first line, the only line whose comments
// suppress it: `  # noqa: FA101` is appended at the end of the line, or, when
// the line already ends with a comment, merged into it. An existing
// `# noqa: E501` becomes `# noqa: E501, FA101` (its other codes and any text
// around the directive are kept); any other comment (`# type: ignore`,
// prose) is kept and the directive follows it:
// `x = f()  # type: ignore  # noqa: FA101`. Several findings on one line
// share one directive with their codes sorted.
//
// A line that ends inside a string literal (a multi-line string or
// f-string starts or continues on it) or with a backslash continuation
// cannot take a comment there, and a comment on the statement's last line
// would not suppress a finding reported on its first; such findings are
// skipped and reported in NoqaResult.Skipped. So are findings in a file
// that does not parse cleanly (editing it could change its meaning) and the
// analysis findings FA0xx (syntax errors, unreadable files, internal
// errors), which are fixed rather than silenced.

// NoqaSkip is a finding that AddNoqa could not silence.
type NoqaSkip struct {
	Path   string // as in the finding
	Line   int
	Code   string
	Reason string
}

// NoqaResult counts what AddNoqa did.
type NoqaResult struct {
	Directives int // lines that got a new or extended noqa comment
	Findings   int // findings those comments silence
	Files      int // files changed
	Skipped    []NoqaSkip
}

// AddNoqa inserts `# noqa: CODE` comments for the findings (see above) and
// rewrites the files in place, keeping their line endings, byte order mark
// and permissions. abs gives the file to edit for a finding. Files are
// processed in path order; the first read or write error stops the work
// and is returned with what was done until then.
func AddNoqa(findings []analyzer.Finding, abs func(*analyzer.Finding) string) (NoqaResult, error) {
	var res NoqaResult
	byFile := map[string][]*analyzer.Finding{}
	var files []string
	for i := range findings {
		f := &findings[i]
		if f.Rule.Principle == analyzer.PrincipleAnalysis {
			res.Skipped = append(res.Skipped, NoqaSkip{f.Path, f.Line, f.Rule.Code, "analysis problems are fixed, not silenced"})
			continue
		}
		file := abs(f)
		if _, ok := byFile[file]; !ok {
			files = append(files, file)
		}
		byFile[file] = append(byFile[file], f)
	}
	sort.Strings(files)
	for _, file := range files {
		fs := byFile[file]
		info, err := os.Stat(file)
		if err != nil {
			return res, err
		}
		src, err := os.ReadFile(file)
		if err != nil {
			return res, err
		}
		out, n, skipped := addNoqaSource(src, fs)
		res.Skipped = append(res.Skipped, skipped...)
		if n.directives == 0 {
			continue
		}
		if err := os.WriteFile(file, out, info.Mode().Perm()); err != nil {
			return res, err
		}
		res.Directives += n.directives
		res.Findings += n.findings
		res.Files++
	}
	sort.SliceStable(res.Skipped, func(i, j int) bool {
		a, b := res.Skipped[i], res.Skipped[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Code < b.Code
	})
	return res, nil
}

type noqaCounts struct{ directives, findings int }

var bom = []byte("\xef\xbb\xbf")

// addNoqaSource returns src with the noqa comments for findings (all in
// this file) added.
func addNoqaSource(src []byte, findings []*analyzer.Finding) ([]byte, noqaCounts, []NoqaSkip) {
	var counts noqaCounts
	var skipped []NoqaSkip
	skipAll := func(reason string) ([]byte, noqaCounts, []NoqaSkip) {
		all := make([]NoqaSkip, 0, len(findings))
		for _, f := range findings {
			all = append(all, NoqaSkip{f.Path, f.Line, f.Rule.Code, reason})
		}
		return src, noqaCounts{}, all
	}
	hasBOM := bytes.HasPrefix(src, bom)
	body := bytes.TrimPrefix(src, bom)
	if !utf8.Valid(body) || bytes.IndexByte(body, 0) >= 0 {
		return skipAll("the file is not UTF-8 text")
	}
	parser := pyast.NewParser()
	defer parser.Close()
	tree, err := parser.Parse(body)
	if err != nil {
		return skipAll("the file could not be parsed: " + err.Error())
	}
	if tree.HasError {
		return skipAll("the file does not parse cleanly")
	}
	lines := splitLines(body)
	info := lineFacts(tree.Root, len(lines))

	// Codes wanted per line.
	want := map[int][]*analyzer.Finding{}
	var order []int
	for _, f := range findings {
		if f.Line < 1 || f.Line > len(lines) {
			skipped = append(skipped, NoqaSkip{f.Path, f.Line, f.Rule.Code, "the line is not in the file any more"})
			continue
		}
		if _, ok := want[f.Line]; !ok {
			order = append(order, f.Line)
		}
		want[f.Line] = append(want[f.Line], f)
	}
	sort.Ints(order)
	for _, line := range order {
		fs := want[line]
		row := line - 1
		reason := ""
		switch {
		case info.inString[row]:
			reason = "the line ends inside a string literal"
		case info.continued[row]:
			reason = "the line ends with a backslash continuation"
		}
		if reason != "" {
			for _, f := range fs {
				skipped = append(skipped, NoqaSkip{f.Path, f.Line, f.Rule.Code, reason})
			}
			continue
		}
		var codes []string
		for _, f := range fs {
			codes = append(codes, f.Rule.Code)
		}
		text, eol := lines[row].text, lines[row].eol
		newText, changed := addNoqaLine(text, info.commentCol[row], codes)
		if !changed {
			continue
		}
		lines[row] = srcLine{text: newText, eol: eol}
		counts.directives++
		counts.findings += len(fs)
	}
	if counts.directives == 0 {
		return src, counts, skipped
	}
	var out bytes.Buffer
	if hasBOM {
		out.Write(bom)
	}
	for _, l := range lines {
		out.WriteString(l.text)
		out.WriteString(l.eol)
	}
	// A safety net: the comments must not break the file.
	if check, err := parser.Parse(bytes.TrimPrefix(out.Bytes(), bom)); err != nil || check.HasError {
		return skipAll("adding the comments would break the file")
	}
	return out.Bytes(), counts, skipped
}

// srcLine is one line: its text and its terminator ("\n", "\r\n" or "" for
// the last line).
type srcLine struct{ text, eol string }

func splitLines(src []byte) []srcLine {
	var out []srcLine
	s := string(src)
	for s != "" {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			out = append(out, srcLine{text: s})
			break
		}
		text, eol := s[:i], "\n"
		if strings.HasSuffix(text, "\r") {
			text, eol = text[:len(text)-1], "\r\n"
		}
		out = append(out, srcLine{text: text, eol: eol})
		s = s[i+1:]
	}
	if len(out) == 0 {
		out = append(out, srcLine{})
	}
	return out
}

type facts struct {
	inString   []bool // the row's end lies inside a string literal
	continued  []bool // the row ends with a backslash continuation
	commentCol []int  // byte column of the row's comment, or -1
}

func lineFacts(root *pyast.Node, rows int) facts {
	f := facts{inString: make([]bool, rows), continued: make([]bool, rows), commentCol: make([]int, rows)}
	for i := range f.commentCol {
		f.commentCol[i] = -1
	}
	root.Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "string":
			for r := int(n.Start.Row); r < int(n.End.Row) && r < rows; r++ {
				f.inString[r] = true
			}
			return true // nested strings in f-string replacement fields
		case "line_continuation":
			if r := int(n.Start.Row); r < rows {
				f.continued[r] = true
			}
		case "comment":
			if r := int(n.Start.Row); r < rows && f.commentCol[r] < 0 {
				f.commentCol[r] = int(n.Start.Col)
			}
		}
		return true
	})
	return f
}

// addNoqaLine adds codes to the line's noqa directive: it extends the
// existing `# noqa: ...` of the comment starting at byte commentCol (-1:
// none), or appends a new directive. changed is false when every code is
// already suppressed.
func addNoqaLine(text string, commentCol int, codes []string) (string, bool) {
	codes = uniqueSorted(codes)
	if commentCol < 0 || commentCol > len(text) {
		return strings.TrimRight(text, " \t") + "  # noqa: " + strings.Join(codes, ", "), true
	}
	code, comment := text[:commentCol], strings.TrimRight(text[commentCol:], " \t")
	have, all, _ := suppress.ParseComment(comment)
	if all {
		return text, false
	}
	missing := without(codes, have)
	if len(missing) == 0 {
		return text, false
	}
	if start, end, existing, ok := findNoqaCodes(comment); ok {
		merged := append(append([]string(nil), existing...), without(missing, existing)...)
		updated := comment[:start] + "# noqa: " + strings.Join(merged, ", ") + comment[end:]
		// Keep the edit only if it parses back to what we want.
		if got, _, ok := suppress.ParseComment(updated); ok && len(without(codes, got)) == 0 && len(without(have, got)) == 0 {
			return code + updated, true
		}
	}
	return code + comment + "  # noqa: " + strings.Join(missing, ", "), true
}

// findNoqaCodes finds the first `# noqa: CODES` directive of a comment: the
// byte range from its '#' to the end of its last code, and the codes.
func findNoqaCodes(comment string) (start, end int, codes []string, ok bool) {
	for i := 0; i < len(comment); i++ {
		if comment[i] != '#' {
			continue
		}
		j := i + 1
		for j < len(comment) && (comment[j] == ' ' || comment[j] == '\t') {
			j++
		}
		if len(comment)-j < 4 || !strings.EqualFold(comment[j:j+4], "noqa") {
			continue
		}
		j += 4
		k := j
		for k < len(comment) && (comment[k] == ' ' || comment[k] == '\t') {
			k++
		}
		if k >= len(comment) || comment[k] != ':' {
			continue
		}
		k++
		// Codes: upper-case letters then digits, separated by ',' or spaces.
		last, pos := -1, k
		var found []string
		for {
			p := pos
			for p < len(comment) && (comment[p] == ' ' || comment[p] == '\t' || comment[p] == ',') {
				p++
			}
			q := p
			for q < len(comment) && comment[q] >= 'A' && comment[q] <= 'Z' {
				q++
			}
			r := q
			for r < len(comment) && comment[r] >= '0' && comment[r] <= '9' {
				r++
			}
			if q == p || r == q {
				break
			}
			found = append(found, comment[p:r])
			last, pos = r, r
		}
		if len(found) > 0 {
			return i, last, found, true
		}
	}
	return 0, 0, nil, false
}

func uniqueSorted(codes []string) []string {
	out := append([]string(nil), codes...)
	sort.Strings(out)
	n := 0
	for i, c := range out {
		if i == 0 || c != out[n-1] {
			out[n] = c
			n++
		}
	}
	return out[:n]
}

// without returns the codes of a not in b, in a's order.
func without(a, b []string) []string {
	var out []string
	for _, c := range a {
		found := false
		for _, d := range b {
			if c == d {
				found = true
				break
			}
		}
		if !found {
			out = append(out, c)
		}
	}
	return out
}

// FormatSkip renders a skipped finding for people: `path:line: CODE not
// silenced: reason`.
func FormatSkip(s NoqaSkip) string {
	return fmt.Sprintf("%s:%d: %s not silenced: %s", s.Path, s.Line, s.Code, s.Reason)
}
