package report

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/score"
)

// The HTML pages are checked as XML: html/template output is parsed with
// encoding/xml in strict mode, which rejects an unclosed or misnested
// element, an unquoted or duplicate attribute, a bare '&' or '<' and any
// named entity. An HTML5 parser (golang.org/x/net/html) would accept all of
// those, silently repaired, and add a dependency. The one thing XML accepts
// that HTML does not, <div/> (an HTML parser opens the div and never closes
// it), is checked on the bytes by selfClosingProblems.

// htmlNode is an element of a parsed page.
type htmlNode struct {
	name     string
	attrs    map[string]string
	children []*htmlNode
	text     strings.Builder // all character data inside, descendants included
	parent   *htmlNode
}

func (n *htmlNode) class() string { return n.attrs["class"] }

func (n *htmlNode) hasClass(c string) bool {
	return n != nil && strings.Contains(" "+n.class()+" ", " "+c+" ")
}

// all returns n's descendants (n included) for which keep is true, in
// document order.
func (n *htmlNode) all(keep func(*htmlNode) bool) []*htmlNode {
	var out []*htmlNode
	var walk func(*htmlNode)
	walk = func(m *htmlNode) {
		if keep(m) {
			out = append(out, m)
		}
		for _, c := range m.children {
			walk(c)
		}
	}
	walk(n)
	return out
}

func (n *htmlNode) byClass(c string) []*htmlNode {
	return n.all(func(m *htmlNode) bool { return m.hasClass(c) })
}

func (n *htmlNode) byName(name string) []*htmlNode {
	return n.all(func(m *htmlNode) bool { return m.name == name })
}

// parseHTML parses page strictly as XML and returns its root element,
// failing the test on any problem parseXHTML or selfClosingProblems finds.
func parseHTML(t *testing.T, page []byte) *htmlNode {
	t.Helper()
	root, err := parseXHTML(page)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range selfClosingProblems(page) {
		t.Error(p)
	}
	return root
}

// parseXHTML parses page as XML in strict mode: it must start with the
// HTML5 doctype and have one <html> root element.
func parseXHTML(page []byte) (*htmlNode, error) {
	if !bytes.HasPrefix(page, []byte("<!DOCTYPE html>\n")) {
		return nil, errors.New("page does not start with the HTML5 doctype")
	}
	d := xml.NewDecoder(bytes.NewReader(page))
	d.Strict = true
	d.AutoClose = nil
	d.Entity = nil
	doc := &htmlNode{name: "#document"}
	cur := doc
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := d.InputPos()
			return nil, fmt.Errorf("page is not well-formed at %d:%d: %v", line, col, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &htmlNode{name: tok.Name.Local, attrs: map[string]string{}, parent: cur}
			for _, a := range tok.Attr {
				name := a.Name.Local
				if a.Name.Space != "" {
					name = a.Name.Space + ":" + name
				}
				n.attrs[name] = a.Value
			}
			cur.children = append(cur.children, n)
			cur = n
		case xml.EndElement:
			cur = cur.parent
		case xml.CharData:
			for n := cur; n != nil; n = n.parent {
				n.text.Write(tok)
			}
		case xml.Directive:
			if cur != doc || len(doc.children) > 0 || string(tok) != "DOCTYPE html" {
				return nil, fmt.Errorf("unexpected directive <!%s>", tok)
			}
		case xml.ProcInst:
			return nil, fmt.Errorf("processing instruction <?%s?>", tok.Target)
		}
	}
	if len(doc.children) != 1 || doc.children[0].name != "html" {
		return nil, errors.New("page does not have one <html> root element")
	}
	return doc.children[0], nil
}

// selfClosingProblems lists the self-closed elements that HTML does not
// treat as empty: only void HTML elements and SVG shapes may end in "/>"
// (an HTML parser opens a <div/> and never closes it). Attribute values
// never hold a raw '<' or '>' (the template escapes them), so a regular
// expression finds every tag.
func selfClosingProblems(page []byte) []string {
	mayClose := map[string]bool{
		"meta": true, "br": true, "hr": true, "wbr": true, // HTML void elements
		"rect": true, "circle": true, "line": true, "path": true, // SVG shapes
	}
	var out []string
	for _, m := range regexp.MustCompile(`<([A-Za-z][A-Za-z0-9-]*)\b[^<>]*/>`).FindAllSubmatch(page, -1) {
		if !mayClose[string(m[1])] {
			out = append(out, fmt.Sprintf("<%s/> is self-closed: an HTML parser leaves it open", m[1]))
		}
	}
	return out
}

// checkSelfContained fails the test on the problems selfContainedProblems
// finds.
func checkSelfContained(t *testing.T, root *htmlNode, docLinks map[string]bool) {
	t.Helper()
	for _, p := range selfContainedProblems(root, docLinks) {
		t.Error(p)
	}
}

// selfContainedProblems lists what could make the page load anything: only
// elements that cannot fetch a resource are allowed (a list, so that a new
// element gets a look), no attribute may hold a URL except the href of <a>
// links, which must be a fragment of the page or one of docLinks, no event
// handler, and the CSS neither imports nor references anything.
func selfContainedProblems(root *htmlNode, docLinks map[string]bool) []string {
	allowed := map[string]bool{
		"html": true, "head": true, "meta": true, "title": true, "style": true, "body": true,
		"main": true, "header": true, "footer": true, "section": true, "div": true, "p": true,
		"span": true, "h1": true, "h2": true, "h3": true, "a": true, "code": true, "pre": true,
		"mark": true, "ul": true, "ol": true, "li": true, "table": true, "thead": true,
		"tbody": true, "tfoot": true, "tr": true, "th": true, "td": true, "caption": true, "b": true,
		"svg": true, "g": true, "rect": true, "circle": true, "line": true, "path": true, "text": true,
	}
	resourceAttrs := map[string]bool{
		"src": true, "srcset": true, "href": true, "action": true, "formaction": true,
		"poster": true, "data": true, "background": true, "ping": true, "manifest": true,
	}
	urlLike := regexp.MustCompile(`(?i)(\b[a-z][a-z0-9+.-]*://|^\s*//|url\s*\(|@import)`)
	var out []string
	for _, n := range root.all(func(*htmlNode) bool { return true }) {
		if !allowed[n.name] {
			out = append(out, fmt.Sprintf("element <%s> is not on the list of elements that load nothing", n.name))
		}
		names := make([]string, 0, len(n.attrs))
		for name := range n.attrs {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			v := n.attrs[name]
			switch {
			case strings.HasPrefix(name, "on"):
				out = append(out, fmt.Sprintf("<%s %s=%q>: event handler", n.name, name, v))
			case name == "http-equiv":
				out = append(out, fmt.Sprintf("<%s http-equiv=%q>", n.name, v))
			case n.name == "a" && name == "href":
				if !strings.HasPrefix(v, "#") && !docLinks[v] {
					out = append(out, fmt.Sprintf("<a href=%q> is neither a fragment nor a rule documentation link", v))
				}
			case resourceAttrs[name] || strings.HasSuffix(name, ":href"):
				out = append(out, fmt.Sprintf("<%s %s=%q>: resource attribute", n.name, name, v))
			case name == "title" || name == "aria-label" || n.name == "meta" && name == "content":
				// Plain text shown to people.
			case urlLike.MatchString(v):
				out = append(out, fmt.Sprintf("<%s %s=%q> holds something URL-like", n.name, name, v))
			}
		}
		if n.name == "style" {
			css := strings.ToLower(n.text.String())
			for _, bad := range []string{"url(", "@import", "://", "@font-face"} {
				if strings.Contains(css, bad) {
					out = append(out, fmt.Sprintf("<style> contains %q", bad))
				}
			}
		}
	}
	return out
}

// TestHTMLCheckers shows that the checks above catch what they are for.
func TestHTMLCheckers(t *testing.T) {
	const head = "<!DOCTYPE html>\n<html><head><title>t</title></head><body>"
	const tail = "</body></html>"
	for _, tc := range []struct{ name, body, want string }{
		{"unclosed element", "<div><p>x</div>", "not well-formed"},
		{"named entity", "<p>a&nbsp;b</p>", "not well-formed"},
		{"bare ampersand", "<p>a & b</p>", "not well-formed"},
		{"unquoted attribute", "<p class=x>a</p>", "not well-formed"},
		{"self-closed div", "<div/>", "<div/> is self-closed"},
		{"script", "<script>alert(1)</script>", "element <script>"},
		{"external stylesheet", `<link rel="stylesheet" href="https://cdn.example/x.css"/>`, "element <link>"},
		{"image", `<img src="x.png"/>`, "element <img>"},
		{"svg image", `<svg><image href="https://x/y.png"/></svg>`, "element <image>"},
		{"external link", `<a href="https://evil.example/">x</a>`, "neither a fragment"},
		{"event handler", `<p onclick="x()">x</p>`, "event handler"},
		{"svg href", `<svg><use xlink:href="https://x/s.svg#a"/></svg>`, "element <use>"},
		{"css url", `<p style="background:url(https://x/y.png)">x</p>`, "URL-like"},
		{"css import", `<style>@import "https://x/y.css";</style>`, `<style> contains "@import"`},
		{"css font", `<style>@font-face { font-family: x; src: local(x) }</style>`, `<style> contains "@font-face"`},
		{"refresh", `<meta http-equiv="refresh" content="0; url=https://x/"/>`, "http-equiv"},
	} {
		page := []byte(head + tc.body + tail)
		var problems []string
		root, err := parseXHTML(page)
		if err != nil {
			problems = append(problems, err.Error())
		} else {
			problems = append(problems, selfClosingProblems(page)...)
			problems = append(problems, selfContainedProblems(root, docLinksOf("FA101"))...)
		}
		if !strings.Contains(strings.Join(problems, "\n"), tc.want) {
			t.Errorf("%s: problems %q, want one with %q", tc.name, problems, tc.want)
		}
	}
	good := []byte(head + `<a href="#x">x</a><a href="` + testOpts.RuleHelpURI("FA101") + `">FA101</a><p title="see https://x.example/">ok</p>` + tail)
	root, err := parseXHTML(good)
	if err != nil {
		t.Fatal(err)
	}
	if p := append(selfClosingProblems(good), selfContainedProblems(root, docLinksOf("FA101"))...); len(p) != 0 {
		t.Errorf("a page that loads nothing: problems %q", p)
	}
}

// docLinksOf is the documentation link of every rule code, from
// testOpts.RuleHelpURI.
func docLinksOf(codes ...string) map[string]bool {
	links := map[string]bool{}
	for _, c := range codes {
		links[testOpts.RuleHelpURI(c)] = true
	}
	return links
}

// scoredFixture is fixtureResult with the non-blank line count the analyzer
// would have set, so that score.Compute judges the principles whose rules are
// enabled (async, security, performance) and leaves the others out.
func scoredFixture(t *testing.T) *analyzer.Result {
	res := fixtureResult(t)
	res.NonBlankLines = 96
	return res
}

func TestHTMLGolden(t *testing.T) {
	res := scoredFixture(t)
	empty := &analyzer.Result{Root: "/home/dev/empty", Files: 2, Lines: 30, NonBlankLines: 24, Rules: []*analyzer.Rule{ruleSyncDB, ruleSQLi}}
	checkGolden(t, "html.golden", render(t, "html", res, testOpts))
	checkGolden(t, "html_empty.golden", render(t, "html", empty, testOpts))
}

func TestHTMLCheckPage(t *testing.T) {
	res := scoredFixture(t)
	page := render(t, "HTML", res, testOpts)
	root := parseHTML(t, page)
	checkSelfContained(t, root, docLinksOf("FA001", "FA101", "FA209", "FA307"))

	// One list item per finding, grouped by principle in catalog order, each
	// group in report order.
	var gotOrder []string
	for _, sec := range root.byClass("principle") {
		title := sec.byName("h3")[0].text.String()
		items := sec.byClass("finding")
		count := sec.byClass("count")[0].text.String()
		if count != strconv.Itoa(len(items)) {
			t.Errorf("%s: heading count %s, %d findings listed", title, count, len(items))
		}
		for _, li := range items {
			gotOrder = append(gotOrder, title+" "+li.byClass("rule-code")[0].text.String()+" "+li.byClass("loc")[0].text.String())
		}
	}
	wantOrder := []string{
		"Analysis problems FA001 app/main.py:3:7",
		"Async correctness FA101 app/db.py:5:11",
		"Async correctness FA101 app/db.py:7:25",
		"Security FA209 app/db.py:7:36",
		"Performance FA307 app/my routes.py:4:20",
		"Performance FA307 app/my routes.py:6:20",
	}
	if strings.Join(gotOrder, "\n") != strings.Join(wantOrder, "\n") {
		t.Errorf("findings by principle:\n%s\nwant\n%s", strings.Join(gotOrder, "\n"), strings.Join(wantOrder, "\n"))
	}

	// Each finding: severity badge, linked code, message, highlighted span.
	for i, li := range root.byClass("finding") {
		f := findingAt(t, res, li.byClass("loc")[0].text.String())
		sev := severityOf(f).String()
		if !li.hasClass(sev) || li.byClass("badge")[0].text.String() != sev {
			t.Errorf("finding %d: class %q, badge %q, want severity %s", i, li.class(), li.byClass("badge")[0].text.String(), sev)
		}
		if a := li.byName("a"); len(a) != 1 || a[0].attrs["href"] != testOpts.RuleHelpURI(f.Rule.Code) {
			t.Errorf("finding %d: rule link %v", i, a)
		}
		if got := li.byClass("message")[0].text.String(); got != strings.ReplaceAll(f.Message, "`", "") {
			t.Errorf("finding %d: message %q, want %q", i, got, f.Message)
		}
		marks := li.byName("mark")
		if len(marks) != 1 {
			t.Fatalf("finding %d: %d highlighted spans", i, len(marks))
		}
		// The fixture's spans are on one line: the mark is the span's text,
		// cut by character (not byte) columns.
		chars := []rune(f.SourceLine)
		if got, want := marks[0].text.String(), string(chars[f.Column-1:f.EndColumn-1]); got != want {
			t.Errorf("finding %d: highlighted %q, want %q", i, got, want)
		}
		if got := li.byClass("source")[0].byName("code")[0].text.String(); got != strings.TrimRight(f.SourceLine, " ") {
			t.Errorf("finding %d: source line %q, want %q", i, got, f.SourceLine)
		}
		if got := li.byClass("gutter")[0].text.String(); got != strconv.Itoa(f.Line) {
			t.Errorf("finding %d: line number %q", i, got)
		}
	}

	// Totals.
	tiles := map[string]string{}
	for _, tile := range root.byClass("tile") {
		tiles[tile.byClass("tile-label")[0].text.String()] = tile.byClass("tile-value")[0].text.String()
	}
	for label, want := range map[string]string{"errors": "4", "warning": "1", "note": "1", "files": "4", "lines": "120"} {
		if tiles[label] != want {
			t.Errorf("tile %q = %q, want %s (tiles %v)", label, tiles[label], want, tiles)
		}
	}
	if len(root.byClass("empty")) != 0 {
		t.Errorf("a result with findings shows the empty state")
	}
}

// TestHTMLScoreChart checks the chart against score.Compute: one row per
// principle it scores, bars proportional to the score, n/a for the others,
// and the overall score and grade.
func TestHTMLScoreChart(t *testing.T) {
	res := scoredFixture(t)
	rep := score.Compute(res)
	applicable := 0
	for _, p := range rep.Principles {
		if p.Applicable {
			applicable++
		}
	}
	if applicable == 0 || applicable == len(rep.Principles) {
		t.Fatalf("fixture: want some principles scored and some not, got %d of %d", applicable, len(rep.Principles))
	}
	root := parseHTML(t, render(t, "html", res, testOpts))
	chart := root.byClass("chart")[0]
	labels := chart.byClass("bar-label")
	values := chart.byClass("bar-value")
	if len(labels) != len(rep.Principles) || len(values) != len(rep.Principles) {
		t.Fatalf("%d labels, %d values for %d principles", len(labels), len(values), len(rep.Principles))
	}
	trackWidth := attrFloat(t, chart.byClass("bar-track")[0], "width")
	for i, p := range rep.Principles {
		row := labels[i].parent
		if labels[i].text.String() != p.Title {
			t.Errorf("row %d: label %q, want %q", i, labels[i].text.String(), p.Title)
		}
		bars := row.byClass("bar")
		if !p.Applicable {
			if values[i].text.String() != "n/a" || len(bars) != 0 || len(row.byClass("bar-na")) != 1 {
				t.Errorf("%s is not applicable: value %q, %d bars", p.Title, values[i].text.String(), len(bars))
			}
			continue
		}
		if values[i].text.String() != formatScore(p.Score) {
			t.Errorf("%s: value %q, want %s", p.Title, values[i].text.String(), formatScore(p.Score))
		}
		width := 0.0
		if len(bars) == 1 {
			width = attrFloat(t, bars[0], "width")
		}
		if want := trackWidth * p.Score / 100; width < want-0.01 || width > want+0.01 {
			t.Errorf("%s: bar %.2f wide, want %.2f (score %.1f of track %.0f)", p.Title, width, want, p.Score, trackWidth)
		}
	}
	overall := root.byClass("ring-value")
	if len(overall) != 1 || overall[0].text.String() != formatScore(rep.Overall) {
		t.Errorf("overall score shown %v, want %s", overall, formatScore(rep.Overall))
	}
	if g := root.byClass("grade-letter"); len(g) != 1 || g[0].text.String() != rep.Grade || !g[0].hasClass("bg-grade-"+strings.ToLower(rep.Grade)) {
		t.Errorf("grade letter %v, want %s", g, rep.Grade)
	}
}

func attrFloat(t *testing.T, n *htmlNode, name string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(n.attrs[name], 64)
	if err != nil {
		t.Fatalf("<%s %s=%q>: %v", n.name, name, n.attrs[name], err)
	}
	return v
}

func findingAt(t *testing.T, res *analyzer.Result, loc string) *analyzer.Finding {
	t.Helper()
	for i := range res.Findings {
		if findingLocation(&res.Findings[i]) == loc {
			return &res.Findings[i]
		}
	}
	t.Fatalf("no finding at %s", loc)
	return nil
}

func TestHTMLEmpty(t *testing.T) {
	res := &analyzer.Result{Files: 3, Rules: []*analyzer.Rule{ruleSyncDB, ruleSQLi}}
	root := parseHTML(t, render(t, "html", res, Options{}))
	checkSelfContained(t, root, nil)
	empty := root.byClass("empty")
	if len(empty) != 1 || !strings.Contains(empty[0].text.String(), "No findings") ||
		!strings.Contains(empty[0].text.String(), "2 rules checked 3 files") {
		t.Errorf("empty state: %v", empty)
	}
	if n := len(root.byClass("finding")) + len(root.byClass("principle")); n != 0 {
		t.Errorf("empty result lists %d findings or principles", n)
	}
	if len(root.byClass("chart")) != 1 {
		t.Errorf("empty result: no score chart")
	}
	// No line of code: no principle applies, and the page says so instead of
	// showing an overall 0 and an F.
	if v := root.byClass("ring-value"); len(v) != 1 || v[0].text.String() != "n/a" || len(root.byClass("grade-letter")) != 0 {
		t.Errorf("unscored result: ring %v, %d grade letters", v, len(root.byClass("grade-letter")))
	}
	// With code and no findings, every judged principle scores 100.
	res.NonBlankLines = 20
	root = parseHTML(t, render(t, "html", res, Options{}))
	if v := root.byClass("ring-value"); len(v) != 1 || v[0].text.String() != "100.0" {
		t.Errorf("clean result: overall %v, want 100.0", v)
	}
	if g := root.byClass("grade-letter"); len(g) != 1 || g[0].text.String() != "A" {
		t.Errorf("clean result: grade %v, want A", g)
	}
}

// TestHTMLEscaping feeds markup, quotes, a javascript: link, control
// characters and invalid UTF-8 through every field the page shows: the
// page stays well-formed, runs nothing and shows the text as written.
func TestHTMLEscaping(t *testing.T) {
	rule := &analyzer.Rule{
		Code: "FA9<b>", Name: `evil"name'<i>`, Principle: "x<y>&z", Severity: analyzer.SeverityWarning,
		Summary: `"><script>alert(1)</script>`,
	}
	msg := "<script>alert(document.cookie)</script> & \"quoted\" 'single' `<b>code</b>` ]]> <!-- x -->"
	res := &analyzer.Result{
		Root:  "/tmp/<script>alert(2)</script>",
		Files: 1,
		Rules: []*analyzer.Rule{rule},
		Findings: []analyzer.Finding{{
			Rule: rule, Path: `app/<img src=x onerror=alert(3)>".py`, Message: msg,
			Span:       analyzer.Span{Line: 1, Column: 5, EndLine: 1, EndColumn: 14},
			SourceLine: "x = \"</code></pre><script>\x01\x7f\xff\"",
			Severity:   analyzer.SeverityError,
		}},
	}
	opts := Options{Version: "<v>", RuleHelpURI: func(string) string { return "javascript:alert(4)" }}
	page := render(t, "html", res, opts)
	root := parseHTML(t, page)
	checkSelfContained(t, root, nil)
	if bytes.Contains(bytes.ToLower(page), []byte("<script")) || bytes.Contains(page, []byte("javascript:")) {
		t.Errorf("page holds a script tag or a javascript: URL")
	}
	if got := root.byClass("message")[0].text.String(); got != strings.ReplaceAll(msg, "`", "") {
		t.Errorf("message shown as %q, want %q", got, msg)
	}
	if code := root.byClass("message")[0].byName("code"); len(code) != 1 || code[0].text.String() != "<b>code</b>" {
		t.Errorf("code span: %v", code)
	}
	if got := root.byClass("loc")[0].text.String(); got != res.Findings[0].Path+":1:5" {
		t.Errorf("location shown as %q", got)
	}
	if got := root.byClass("root")[0].byName("code")[0].text.String(); got != res.Root {
		t.Errorf("root shown as %q", got)
	}
	// Control characters become spaces in source, invalid UTF-8 U+FFFD.
	if got, want := root.byClass("source")[0].byName("code")[0].text.String(), "x = \"</code></pre><script>  \uFFFD\""; got != want {
		t.Errorf("source shown as %q, want %q", got, want)
	}
	if got := root.byName("mark")[0].text.String(); got != `"</code><` {
		t.Errorf("highlighted %q", got)
	}
	if got := root.byName("title")[0].text.String(); !strings.Contains(got, "<script>alert(2)</script>") {
		t.Errorf("title %q", got)
	}
	if code := root.byClass("rule-code"); len(code) != 1 || code[0].name != "a" || code[0].text.String() != rule.Code {
		t.Errorf("rule code: %v", code)
	}
	if href := root.byClass("rule-code")[0].attrs["href"]; strings.Contains(href, "javascript") {
		t.Errorf("href %q", href)
	}
	if h := root.byClass("principle")[0].byName("h3")[0].text.String(); h != "X<y>&z" {
		t.Errorf("principle heading %q", h)
	}
}

func TestHTMLText(t *testing.T) {
	for in, want := range map[string]string{
		"plain café ☕ 😀":      "plain café ☕ 😀",
		"tab\tnl\ncr\r":       "tab\tnl\ncr\r",
		"nul\x00bel\x07":      "nul\uFFFDbel\uFFFD",
		"del\x7fc1\u0085":     "del\uFFFDc1\uFFFD",
		"bad\xffutf8":         "bad\uFFFDutf8",
		"non\uFFFEchar\uFFFF": "non\uFFFDchar\uFFFD",
	} {
		if got := htmlText(in); got != want {
			t.Errorf("htmlText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHTMLSourceSpans(t *testing.T) {
	line := "\tx = call(a, b)  "
	for _, tc := range []struct {
		span                analyzer.Span
		before, mark, after string
		more                int
	}{
		{analyzer.Span{Line: 3, Column: 6, EndLine: 3, EndColumn: 10}, "\tx = ", "call", "(a, b)", 0},
		// Empty span: one character.
		{analyzer.Span{Line: 3, Column: 6, EndLine: 3, EndColumn: 6}, "\tx = ", "c", "all(a, b)", 0},
		// Several lines: to the end of the first, trailing blanks dropped.
		{analyzer.Span{Line: 3, Column: 6, EndLine: 5, EndColumn: 2}, "\tx = ", "call(a, b)  ", "", 2},
		// Columns past the end: clamped.
		{analyzer.Span{Line: 3, Column: 40, EndLine: 3, EndColumn: 50}, line, "", "", 0},
		// No column: from the start.
		{analyzer.Span{Line: 3}, "", "\t", "x = call(a, b)", 0},
	} {
		f := &analyzer.Finding{Span: tc.span, SourceLine: line}
		src := htmlSourceOf(f)
		if src == nil || src.Before != tc.before || src.Span != tc.mark || src.After != tc.after || src.MoreLines != tc.more || src.Line != 3 {
			t.Errorf("%+v: got %+v, want before %q mark %q after %q more %d", tc.span, src, tc.before, tc.mark, tc.after, tc.more)
		}
	}
	if htmlSourceOf(&analyzer.Finding{Span: analyzer.Span{Line: 1}}) != nil {
		t.Errorf("finding without source text has a snippet")
	}
	if htmlSourceOf(&analyzer.Finding{SourceLine: "x"}) != nil {
		t.Errorf("finding without line has a snippet")
	}
}

func TestMessageSegments(t *testing.T) {
	for in, want := range map[string]string{
		"use `await` here": "use |[await]| here",
		"`a` and `b`":      "[a]| and |[b]",
		"odd ` backquote":  "odd ` backquote",
		"no code":          "no code",
		"empty `` span":    "empty | span",
	} {
		var parts []string
		for _, s := range messageSegments(in) {
			if s.Code {
				parts = append(parts, "["+s.Text+"]")
			} else {
				parts = append(parts, s.Text)
			}
		}
		if got := strings.Join(parts, "|"); got != want {
			t.Errorf("messageSegments(%q) = %q, want %q", in, got, want)
		}
	}
}

// fixtureBatch is a scored batch: three groups (one with markup in its
// name), a sample without the group field, a sample that could not be
// audited, a principle that applies to no sample of one group, and rule
// counts; aggregated by score.Aggregator as `score --batch` does. The
// samples are returned out of input order.
func fixtureBatch(t *testing.T, groupBy string) (score.Aggregate, []score.SampleResult) {
	t.Helper()
	type sample struct {
		id, group string
		scores    map[analyzer.Principle]float64 // missing: not applicable
		rules     map[string]int
		errors    map[string]int
		err       string
	}
	all := func(v float64) map[analyzer.Principle]float64 {
		m := map[analyzer.Principle]float64{}
		for _, p := range score.Scored() {
			m[p] = v
		}
		return m
	}
	with := func(m map[analyzer.Principle]float64, p analyzer.Principle, v float64) map[analyzer.Principle]float64 {
		out := map[analyzer.Principle]float64{}
		for k, x := range m {
			out[k] = x
		}
		if v < 0 {
			delete(out, p)
		} else {
			out[p] = v
		}
		return out
	}
	inputs := []sample{
		{id: "q1-alpha", group: "alpha", scores: with(all(95), analyzer.PrincipleSecurity, 60), rules: map[string]int{"FA209": 1, "FA101": 2}, errors: map[string]int{"FA209": 1}},
		{id: "q1-beta", group: "beta <b>&", scores: with(all(70), analyzer.PrincipleAsync, -1), rules: map[string]int{"FA101": 1, "FA307": 3}},
		{id: "q2-alpha", group: "alpha", scores: all(100)},
		{id: "q2-beta", group: "beta <b>&", err: "line 4: no \"response\" field <script>"},
		{id: "q3-alpha", group: "alpha", scores: with(all(88), analyzer.PrincipleTesting, -1), rules: map[string]int{"FA101": 1}},
		{id: "q3-beta", group: "beta <b>&", scores: with(all(42.5), analyzer.PrincipleAsync, -1), rules: map[string]int{"FA209": 2, "FA307": 1}, errors: map[string]int{"FA209": 2}},
		{id: "q1-gamma", group: "gamma", scores: all(81), rules: map[string]int{"FA307": 1}},
		{id: "q9-lost", group: score.NoGroup, scores: all(64), rules: map[string]int{"FA101": 1}},
	}
	var samples []score.SampleResult
	agg := score.NewAggregator(groupBy)
	for i, in := range inputs {
		r := score.SampleResult{Index: i, ID: in.id, Group: in.group, Error: in.err}
		if groupBy == "" {
			r.Group = score.NoGroup
		}
		if in.err == "" {
			rep := &score.Report{Rules: map[string]int{}, RuleErrors: map[string]int{}}
			sum, n := 0.0, 0
			for _, p := range score.Scored() {
				ps := score.PrincipleScore{Principle: p, Title: score.Titles[p], Reason: "not judged in this fixture"}
				if v, ok := in.scores[p]; ok {
					ps.Applicable, ps.Reason, ps.Score = true, "", v
					sum += v
					n++
				}
				rep.Principles = append(rep.Principles, ps)
			}
			rep.Overall = math.Round(sum/float64(n)*10) / 10
			rep.Grade = score.Grade(rep.Overall)
			for code, k := range in.rules {
				rep.Rules[code] = k
			}
			for code, k := range in.errors {
				rep.RuleErrors[code] = k
			}
			r.Report = rep
		}
		agg.Add(&r)
		samples = append(samples, r)
	}
	// Out of input order, as a caller collecting from workers might pass them.
	samples[0], samples[len(samples)-1] = samples[len(samples)-1], samples[0]
	return agg.Aggregate(), samples
}

var batchRules = []*analyzer.Rule{ruleSyncDB, ruleSQLi, ruleSeqAwait}

func renderBatch(t *testing.T, agg score.Aggregate, samples []score.SampleResult, opts Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteBatchHTML(&buf, agg, samples, batchRules, opts); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestHTMLBatchGolden(t *testing.T) {
	agg, samples := fixtureBatch(t, "model")
	checkGolden(t, "html_batch.golden", renderBatch(t, agg, samples, testOpts))
}

func TestHTMLBatchPage(t *testing.T) {
	agg, samples := fixtureBatch(t, "model")
	page := renderBatch(t, agg, samples, testOpts)
	root := parseHTML(t, page)
	checkSelfContained(t, root, docLinksOf("FA101", "FA209", "FA307"))
	if bytes.Contains(page, []byte("<script")) || bytes.Contains(page, []byte("<b>&")) {
		t.Errorf("group name or error message not escaped")
	}

	// Comparison table: a row per group, in the aggregate's order, then the
	// total in <tfoot>.
	compare := root.byClass("compare")[0]
	rows := compare.byName("tr")[1:] // after the header
	if len(rows) != len(agg.Groups)+1 {
		t.Fatalf("%d rows for %d groups and the total", len(rows), len(agg.Groups))
	}
	for i, gs := range append(append([]score.GroupStats(nil), agg.Groups...), agg.Total) {
		cells := rows[i].byName("td")
		name := gs.Group
		if i == len(agg.Groups) {
			name = "All samples"
			if rows[i].parent.name != "tfoot" {
				t.Errorf("total row not in <tfoot>")
			}
		}
		want := []string{name, strconv.Itoa(gs.Samples), formatScore(gs.Overall.Mean), formatScore(gs.Overall.Median)}
		if gs.Failed > 0 {
			want[1] += " (" + strconv.Itoa(gs.Failed) + "✗)"
		}
		for _, p := range gs.Principles {
			if p.N == 0 {
				want = append(want, "n/a")
			} else {
				want = append(want, formatScore(p.Mean))
			}
		}
		var got []string
		for _, c := range cells[:len(want)] {
			got = append(got, c.text.String())
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("row %d: %q, want %q", i, got, want)
		}
		// Grade distribution: one segment per grade present, widths
		// proportional to the counts.
		audited := gs.Samples - gs.Failed
		segs := cells[len(cells)-1].byName("rect")[1:]
		present := 0
		for _, grade := range letterGrades {
			if gs.Grades[grade] > 0 {
				w := attrFloat(t, segs[present], "width")
				if want := 120 * float64(gs.Grades[grade]) / float64(audited); math.Abs(w-want) > 0.01 {
					t.Errorf("row %d grade %s: segment %.2f wide, want %.2f", i, grade, w, want)
				}
				present++
			}
		}
		if len(segs) != present {
			t.Errorf("row %d: %d grade segments, %d grades present", i, len(segs), present)
		}
	}

	// Chart: the overall cluster, then one per principle, a bar per group
	// with the height of its mean, none where no sample applies.
	chart := root.byClass("wide")[0].byName("svg")[0]
	var clusters []*htmlNode
	for _, g := range chart.children {
		if g.name == "g" {
			clusters = append(clusters, g)
		}
	}
	if len(clusters) != 1+len(score.Scored()) {
		t.Fatalf("%d clusters, want %d", len(clusters), 1+len(score.Scored()))
	}
	plot := float64(groupChartPlot)
	for k, c := range clusters {
		var bars []*htmlNode
		for _, g := range c.children {
			if g.name == "g" {
				bars = append(bars, g)
			}
		}
		if len(bars) != len(agg.Groups) {
			t.Fatalf("cluster %d: %d bars for %d groups", k, len(bars), len(agg.Groups))
		}
		for i, gs := range agg.Groups {
			st := gs.Overall
			if k > 0 {
				st = gs.Principles[k-1].Stat
			}
			rect := bars[i].byName("rect")
			if st.N == 0 {
				if len(rect) != 0 {
					t.Errorf("cluster %d group %s: bar without samples", k, gs.Group)
				}
				continue
			}
			if len(rect) != 1 || !rect[0].hasClass("series-"+strconv.Itoa(i)) {
				t.Fatalf("cluster %d group %s: bars %v", k, gs.Group, rect)
			}
			if h, want := attrFloat(t, rect[0], "height"), plot*st.Mean/100; math.Abs(h-want) > 0.01 {
				t.Errorf("cluster %d group %s: bar %.2f high, want %.2f", k, gs.Group, h, want)
			}
		}
	}
	if legend := root.byClass("legend"); len(legend) != 1 || len(legend[0].byClass("swatch")) != len(agg.Groups) {
		t.Errorf("legend: %v", legend)
	}

	// Rules: FA101, FA307 and FA209 fire; the share of each column is the
	// share of its audited samples.
	rules := root.byClass("rules")[0]
	var codes []string
	for _, tr := range rules.byName("tbody")[0].byName("tr") {
		code := tr.byClass("rule-code")[0].text.String()
		codes = append(codes, code)
		cells := tr.byClass("share-cell")
		columns := append(append([]score.GroupStats(nil), agg.Groups...), agg.Total)
		if len(cells) != len(columns) {
			t.Fatalf("%s: %d cells for %d columns", code, len(cells), len(columns))
		}
		for k, gs := range columns {
			var rs score.RuleStat
			for _, x := range gs.Rules {
				if x.Code == code {
					rs = x
				}
			}
			want := formatPercent(float64(rs.WithFinding) / float64(gs.Samples-gs.Failed))
			if got := cells[k].byClass("share-value")[0].text.String(); got != want {
				t.Errorf("%s in %s: %s, want %s", code, gs.Group, got, want)
			}
			if errs := cells[k].byClass("share-errors"); (rs.WithError > 0) != (len(errs) == 1) {
				t.Errorf("%s in %s: %d samples with errors, error note %v", code, gs.Group, rs.WithError, errs)
			}
		}
	}
	// By share of all samples (FA101: 4 of 7, FA307: 3, FA209: 2).
	if strings.Join(codes, " ") != "FA101 FA307 FA209" {
		t.Errorf("rule rows %q", codes)
	}

	// Samples: input order, the failed one with its error.
	var ids []string
	for _, tr := range root.byClass("samples")[0].byName("tbody")[0].byName("tr") {
		ids = append(ids, tr.byClass("sample-id")[0].text.String())
		if tr.byClass("sample-id")[0].text.String() == "q2-beta" {
			if f := tr.byClass("failed"); len(f) != 1 || !strings.Contains(f[0].text.String(), `no "response" field <script>`) {
				t.Errorf("failed sample row: %v", f)
			}
		}
	}
	if got := strings.Join(ids, " "); got != "q1-alpha q1-beta q2-alpha q2-beta q3-alpha q3-beta q1-gamma q9-lost" {
		t.Errorf("sample rows %q", got)
	}
	for _, s := range samples {
		if s.ID == "q3-beta" {
			row := root.byClass("samples")[0].all(func(n *htmlNode) bool {
				return n.name == "tr" && len(n.byClass("sample-id")) > 0 && n.byClass("sample-id")[0].text.String() == "q3-beta"
			})[0]
			if g := row.byClass("grade-chip")[0]; g.text.String() != s.Report.Grade || !g.hasClass("bg-grade-f") {
				t.Errorf("q3-beta grade chip %q %q, want %s", g.text.String(), g.class(), s.Report.Grade)
			}
		}
	}
}

func TestHTMLBatchUngrouped(t *testing.T) {
	agg, samples := fixtureBatch(t, "")
	root := parseHTML(t, renderBatch(t, agg, samples, Options{}))
	checkSelfContained(t, root, nil)
	rows := root.byClass("compare")[0].byName("tr")[1:]
	if len(rows) != 1 || rows[0].byName("td")[0].text.String() != "All samples" {
		t.Errorf("ungrouped: rows %v", rows)
	}
	if len(root.byName("tfoot")) != 0 || len(root.byClass("legend")) != 0 || len(root.byClass("swatch")) != 0 {
		t.Errorf("ungrouped page has a total row, a legend or group swatches")
	}
	// Without RuleHelpURI the codes are not links.
	if len(root.byName("a")) != 0 {
		t.Errorf("links without RuleHelpURI: %d", len(root.byName("a")))
	}
	if n := len(root.byClass("samples")[0].byName("tbody")[0].byName("tr")); n != len(samples) {
		t.Errorf("%d sample rows for %d samples", n, len(samples))
	}
}

func TestHTMLBatchEmpty(t *testing.T) {
	agg := score.NewAggregator("model").Aggregate()
	root := parseHTML(t, renderBatch(t, agg, nil, Options{}))
	checkSelfContained(t, root, nil)
	if !strings.Contains(root.text.String(), "No sample has a finding.") {
		t.Errorf("empty batch: no empty rules note")
	}
	if n := len(root.byClass("samples")[0].byName("tbody")[0].byName("tr")); n != 0 {
		t.Errorf("empty batch: %d sample rows", n)
	}
}
