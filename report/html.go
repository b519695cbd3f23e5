package report

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/score"
)

// The HTML pages are self-contained: one file with inline CSS and inline SVG
// charts, no script, no font, image or stylesheet loaded from anywhere, so
// the report can be attached to a CI run or mailed and opened offline. The
// only URLs are the <a href> links to the rule documentation.
//
// The markup is also well-formed XML (every element closed, void elements
// written as <br/>, no named entities): the tests parse it with
// encoding/xml, a stricter check than an HTML5 parser, which repairs
// anything.

//go:embed templates/html/*.tmpl
var htmlTemplateFS embed.FS

var htmlTemplates = template.Must(template.New("html").Funcs(template.FuncMap{
	"num":    formatScore,
	"px":     formatPixels,
	"plural": plural,
}).ParseFS(htmlTemplateFS, "templates/html/*.tmpl"))

// Geometry of the per-principle bar chart of the check page, in SVG user
// units (CSS pixels at 100% zoom).
const (
	barChartWidth  = 736 // the chart column of the score card at full width
	barLabelWidth  = 168 // principle titles, right-aligned before the bars
	barTrackX      = barLabelWidth + 14
	barTrackWidth  = barChartWidth - barTrackX - 58 // room for "100.0" after the bar
	barRowHeight   = 34
	barHeight      = 14
	barChartTop    = 8
	barAxisHeight  = 26
	ringRadius     = 54
	ringStrokeSize = 10
)

// htmlCheckPage is what the check template renders.
type htmlCheckPage struct {
	Title              string
	Version            string
	Root               string
	Files, Lines       int
	Handlers, Tests    int
	Findings           int
	Errors, Warnings   int
	Notes              int
	Score              htmlScore
	Groups             []htmlPrincipleGroup
	RuleCount          int // enabled rules
	HasHandlersOrTests bool
}

// htmlScore is the overall score ring and the per-principle bar chart.
type htmlScore struct {
	// Scored is false when no principle applies (no Python code, say): the
	// page then shows no overall score rather than a zero.
	Scored     bool
	Overall    float64
	Grade      string
	GradeClass string
	// Ring: circumference and the length of the arc drawn for the score.
	RingRadius, RingStroke     float64
	RingCircumference, RingArc float64
	Chart                      htmlBarChart
}

type htmlBarChart struct {
	Width, Height         float64
	LabelX                float64 // right end of the principle titles
	TrackX, TrackWidth    float64
	ValueX                float64
	BarHeight             float64
	Rows                  []htmlBarRow
	Ticks                 []htmlTick
	AxisY, GridTop, GridY float64
}

type htmlBarRow struct {
	Label      string
	BarY       float64
	TextY      float64 // baseline of the label and the value
	Width      float64 // bar length
	Value      string  // "87.5", or "n/a"
	Class      string  // colour band: grade-a ... grade-f, or na
	Tooltip    string
	Applicable bool
}

type htmlTick struct {
	X     float64
	Label string
}

// htmlPrincipleGroup is the findings of one principle.
type htmlPrincipleGroup struct {
	ID    string // anchor
	Title string
	// Score and ScoreClass: the principle's score, when it has one.
	Score      string
	ScoreClass string
	Errors     int
	Warnings   int
	Notes      int
	Findings   []htmlFinding
}

type htmlFinding struct {
	Severity string // error, warning, note
	Code     string
	HelpURI  string
	Rule     string
	Summary  string
	Message  []htmlSegment
	Location string
	Source   *htmlSource
}

// htmlSegment is a piece of a message: plain text, or a `code span`.
type htmlSegment struct {
	Text string
	Code bool
}

// messageSegments splits a message at its backquotes into text and code
// spans, as Markdown would show it. A message with an odd number of
// backquotes is one text segment, backquotes included.
func messageSegments(msg string) []htmlSegment {
	parts := strings.Split(msg, "`")
	if len(parts)%2 == 0 {
		return []htmlSegment{{Text: msg}}
	}
	var out []htmlSegment
	for i, p := range parts {
		if p != "" {
			out = append(out, htmlSegment{Text: p, Code: i%2 == 1})
		}
	}
	return out
}

// htmlSource is the finding's first source line cut around its span.
type htmlSource struct {
	Line                int
	Before, Span, After string
	// MoreLines counts the lines of a span past the first, which the result
	// does not carry.
	MoreLines int
}

// writeHTML writes the check result as a self-contained HTML page: a header
// with the totals, the overall score and grade with a bar per principle
// (score.Compute), and the findings grouped by principle, each with its
// severity, linked rule code, message, location and source line with the span
// highlighted. Principles come in catalog order (analysis problems first: they
// say what the audit could not see), findings in report order.
func writeHTML(buf *bytes.Buffer, res *analyzer.Result, opts Options) error {
	rep := score.Compute(res)
	c := countSeverities(res)
	title := "fastaudit report"
	if res.Root != "" {
		title += ": " + res.Root
	}
	page := htmlCheckPage{
		Title:     htmlText(title),
		Version:   htmlText(opts.Version),
		Root:      htmlText(res.Root),
		Files:     res.Files,
		Lines:     res.Lines,
		Handlers:  rep.Size.Handlers,
		Tests:     rep.Size.Tests,
		Findings:  len(res.Findings),
		Errors:    c.errors,
		Warnings:  c.warnings,
		Notes:     c.notes,
		Score:     newHTMLScore(rep),
		Groups:    htmlGroups(res, rep.Principles, opts),
		RuleCount: len(res.Rules),
	}
	page.HasHandlersOrTests = page.Handlers > 0 || page.Tests > 0
	return htmlTemplates.ExecuteTemplate(buf, "check", page)
}

func newHTMLScore(rep score.Report) htmlScore {
	s := htmlScore{
		Overall:    rep.Overall,
		Grade:      htmlText(rep.Grade),
		GradeClass: gradeClass(rep.Grade),
		RingRadius: ringRadius,
		RingStroke: ringStrokeSize,
	}
	s.RingCircumference = 2 * math.Pi * ringRadius
	s.RingArc = s.RingCircumference * clampScore(rep.Overall) / 100

	ch := htmlBarChart{
		Width:      barChartWidth,
		LabelX:     barLabelWidth,
		TrackX:     barTrackX,
		TrackWidth: barTrackWidth,
		ValueX:     barTrackX + barTrackWidth + 14,
		BarHeight:  barHeight,
		GridTop:    barChartTop,
	}
	y := float64(barChartTop)
	for _, p := range rep.Principles {
		row := htmlBarRow{
			Label:      htmlText(p.Title),
			BarY:       y + (barRowHeight-barHeight)/2,
			TextY:      y + barRowHeight/2 + 5,
			Applicable: p.Applicable,
		}
		if p.Applicable {
			s.Scored = true
			row.Width = barTrackWidth * clampScore(p.Score) / 100
			row.Value = formatScore(p.Score)
			row.Class = scoreClass(p.Score)
			row.Tooltip = fmt.Sprintf("%s: %s / 100 (%s, %s, %s)", p.Title, formatScore(p.Score),
				plural(p.Errors, "error", "errors"), plural(p.Warnings, "warning", "warnings"), plural(p.Notes, "note", "notes"))
			if p.Reason != "" {
				row.Tooltip += "; " + p.Reason
			}
		} else {
			row.Value = "n/a"
			row.Class = "na"
			row.Tooltip = p.Title + ": not applicable"
			if p.Reason != "" {
				row.Tooltip += " (" + p.Reason + ")"
			}
		}
		row.Tooltip = htmlText(row.Tooltip)
		ch.Rows = append(ch.Rows, row)
		y += barRowHeight
	}
	ch.GridY = y
	ch.AxisY = y + 16
	ch.Height = y + barAxisHeight
	for v := 0; v <= 100; v += 25 {
		ch.Ticks = append(ch.Ticks, htmlTick{X: barTrackX + barTrackWidth*float64(v)/100, Label: strconv.Itoa(v)})
	}
	s.Chart = ch
	return s
}

// principleTitles maps each principle to the title the score report gives it;
// principles the score leaves out (analysis) get one made from their name.
func principleTitles(ps []score.PrincipleScore) func(analyzer.Principle) string {
	titles := make(map[analyzer.Principle]string, len(ps))
	for _, p := range ps {
		if p.Title != "" {
			titles[p.Principle] = p.Title
		}
	}
	return func(p analyzer.Principle) string {
		if t, ok := titles[p]; ok {
			return t
		}
		switch p {
		case analyzer.PrincipleAnalysis:
			return "Analysis problems"
		case "":
			return "Other"
		}
		name := strings.ReplaceAll(string(p), "-", " ")
		r, n := utf8.DecodeRuneInString(name)
		return string(unicode.ToUpper(r)) + name[n:]
	}
}

// htmlGroups groups the findings by principle: the principles of
// analyzer.Principles in that order, then any other principle in order of
// first appearance. Principles without findings are left out.
func htmlGroups(res *analyzer.Result, scores []score.PrincipleScore, opts Options) []htmlPrincipleGroup {
	title := principleTitles(scores)
	order := append([]analyzer.Principle(nil), analyzer.Principles...)
	index := make(map[analyzer.Principle]int, len(order))
	for i, p := range order {
		index[p] = i
	}
	groups := make([]*htmlPrincipleGroup, len(order))
	for i := range res.Findings {
		f := &res.Findings[i]
		p := f.Rule.Principle
		k, ok := index[p]
		if !ok {
			k = len(order)
			index[p] = k
			order = append(order, p)
			groups = append(groups, nil)
		}
		g := groups[k]
		if g == nil {
			g = &htmlPrincipleGroup{ID: "principle-" + anchorID(string(p)), Title: htmlText(title(p))}
			groups[k] = g
		}
		hf := newHTMLFinding(f, opts)
		switch hf.Severity {
		case "error":
			g.Errors++
		case "warning":
			g.Warnings++
		default:
			g.Notes++
		}
		g.Findings = append(g.Findings, hf)
	}
	var out []htmlPrincipleGroup
	for k, g := range groups {
		if g == nil {
			continue
		}
		for _, ps := range scores {
			if ps.Principle == order[k] && ps.Applicable {
				g.Score, g.ScoreClass = formatScore(ps.Score), scoreClass(ps.Score)
			}
		}
		out = append(out, *g)
	}
	return out
}

func newHTMLFinding(f *analyzer.Finding, opts Options) htmlFinding {
	hf := htmlFinding{
		Severity: severityOf(f).String(),
		Code:     htmlText(f.Rule.Code),
		Rule:     htmlText(f.Rule.Name),
		Summary:  htmlText(f.Rule.Summary),
		Message:  messageSegments(htmlText(f.Message)),
		Location: htmlText(findingLocation(f)),
		Source:   htmlSourceOf(f),
	}
	if opts.RuleHelpURI != nil {
		hf.HelpURI = htmlText(opts.RuleHelpURI(f.Rule.Code))
	}
	return hf
}

// findingLocation is path:line:col as the text format writes it; "project"
// for a finding about the whole project (no path).
func findingLocation(f *analyzer.Finding) string {
	loc := f.Path
	if loc == "" {
		loc = "project"
	}
	if f.Line >= 1 {
		loc += ":" + strconv.Itoa(f.Line)
		if f.Column >= 1 {
			loc += ":" + strconv.Itoa(f.Column)
		}
	}
	return loc
}

// htmlSourceOf cuts the finding's source line before, in and after its span,
// counting columns in characters as the analyzer does (and as writeSource
// does for the text format). Tabs are kept (CSS sets the tab size) and other
// control characters become spaces. A span over several lines is highlighted
// to the end of its first line; an empty span highlights one character.
func htmlSourceOf(f *analyzer.Finding) *htmlSource {
	if f.Line < 1 || f.SourceLine == "" {
		return nil
	}
	var chars []rune
	for _, r := range f.SourceLine {
		if r != '\t' && (r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)) {
			r = ' '
		}
		chars = append(chars, r)
	}
	n := len(chars)
	first := clamp(f.Column, 1, n+1) - 1
	end := n
	if f.EndLine <= f.Line {
		end = clamp(f.EndColumn, 1, n+1) - 1
	}
	if end <= first {
		end = min(first+1, n)
	}
	src := &htmlSource{
		Line:   f.Line,
		Before: htmlText(string(chars[:first])),
		Span:   htmlText(string(chars[first:end])),
		After:  htmlText(strings.TrimRight(string(chars[end:]), " ")),
	}
	if f.EndLine > f.Line {
		src.MoreLines = f.EndLine - f.Line
	}
	return src
}

// htmlText makes s safe to put in an XML 1.0 (and HTML) document once
// escaped: invalid UTF-8 becomes U+FFFD, as do the control characters and
// noncharacters XML forbids even as character references. Tab, newline and
// carriage return stay. The template escapes markup characters.
func htmlText(s string) string {
	ok := utf8.ValidString(s)
	for _, r := range s {
		if !xmlChar(r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	for _, r := range s { // invalid bytes come as utf8.RuneError
		if !xmlChar(r) {
			r = utf8.RuneError
		}
		b.WriteRune(r)
	}
	return b.String()
}

// xmlChar reports whether r is a Char of XML 1.0 and not a C1 control (which
// HTML forbids).
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20, r >= 0x7f && r < 0xa0:
		return false
	case r >= 0xd800 && r < 0xe000, r == 0xfffe, r == 0xffff:
		return false
	}
	return r <= unicode.MaxRune
}

// anchorID makes an id attribute value from a name: lower-case letters,
// digits and '-', other runs of characters as one '-'.
func anchorID(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "other"
	}
	return b.String()
}

// scoreClass is the colour band of a 0-100 score, with the usual letter
// grade cut-offs: 90 and up A, 80 B, 70 C, 60 D, below F.
func scoreClass(v float64) string {
	switch {
	case v >= 90:
		return "grade-a"
	case v >= 80:
		return "grade-b"
	case v >= 70:
		return "grade-c"
	case v >= 60:
		return "grade-d"
	}
	return "grade-f"
}

// gradeClass is the colour class of a letter grade.
func gradeClass(grade string) string {
	switch g := strings.ToLower(strings.TrimSpace(grade)); g {
	case "a", "b", "c", "d", "f":
		return "grade-" + g
	}
	return "na"
}

func clampScore(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return math.Min(math.Max(v, 0), 100)
}

// formatScore writes a 0-100 score with one decimal, as the score report
// rounds it.
func formatScore(v float64) string {
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// formatPixels writes an SVG coordinate: at most two decimals, no trailing
// zeros.
func formatPixels(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		return "0"
	}
	return s
}

// formatPercent writes a 0-1 fraction as a whole percentage.
func formatPercent(v float64) string {
	return strconv.FormatFloat(math.Round(v*100), 'f', 0, 64) + "%"
}

// Geometry of the grouped bar chart of the batch page.
const (
	groupChartWidth      = 974 // the inner width of a card at full width
	groupChartLeft       = 36  // room for the axis labels
	groupChartRight      = 6
	groupChartTop        = 18 // room for the values above the bars
	groupChartPlot       = 220
	groupChartLabels     = 44 // two lines of principle title under the plot
	groupClusterFill     = 0.78
	groupBarMaxWidth     = 30
	groupBarValueAtLeast = 24  // narrower bars get no value label
	gradeBarWidth        = 120 // the grade distribution; batch.tmpl draws its track as wide
	topRulesPerGroup     = 8
	ruleShareBarWidth    = 48 // batch.tmpl draws the share track as wide
	seriesColours        = 10 // .series-0 ... .series-9 in the stylesheet
)

// principleShortNames are the column headers of the batch tables, where the
// eight titles do not fit.
var principleShortNames = map[analyzer.Principle]string{
	analyzer.PrincipleAsync:       "Async",
	analyzer.PrincipleSecurity:    "Security",
	analyzer.PrinciplePerformance: "Perf.",
	analyzer.PrincipleErrors:      "Errors",
	analyzer.PrincipleTypes:       "Types",
	analyzer.PrincipleDocs:        "Docs",
	analyzer.PrincipleTesting:     "Tests",
	analyzer.PrincipleProduction:  "Prod.",
}

// letterGrades lists the grades in the order the distributions show them.
var letterGrades = []string{"A", "B", "C", "D", "F"}

type htmlBatchPage struct {
	Title, Version string
	GroupBy        string
	Grouped        bool
	Samples        int
	Failed         int
	Overall        htmlCell // mean over every audited sample
	Median         htmlCell
	Columns        []htmlColumn
	Groups         []htmlBatchGroup
	Total          *htmlBatchGroup // the "all samples" row, when grouped
	Chart          htmlGroupedChart
	Rules          htmlRuleMatrix
	SampleRows     []htmlSampleRow
	ScoreColumns   int  // columns of a sample's scores: overall, grade, principles
	TopRules       int  // topRulesPerGroup
	NoRules        bool // no sample has a finding
}

type htmlColumn struct {
	Short, Title string
}

// htmlCell is a score shown in a table: the value, its colour band and a
// tooltip.
type htmlCell struct {
	Value   string
	Class   string
	Tooltip string
}

type htmlBatchGroup struct {
	Name       string
	Series     string // colour class
	Samples    int
	Failed     int
	Mean       htmlCell
	Median     htmlCell
	Principles []htmlCell
	Grades     []htmlGradeCount
	GradeBar   []htmlBarPiece
}

type htmlGradeCount struct {
	Grade string
	Count int
}

// htmlBarPiece is a piece of a stacked bar.
type htmlBarPiece struct {
	X, Width float64
	Class    string
	Tooltip  string
}

type htmlGroupedChart struct {
	Width, Height       float64
	PlotLeft, PlotRight float64
	PlotTop, PlotBottom float64
	Ticks               []htmlYTick
	Clusters            []htmlCluster
	SeparatorX          float64
	LabelY1, LabelY2    float64
	Legend              []htmlLegendItem
}

type htmlYTick struct {
	Y     float64
	Label string
}

type htmlCluster struct {
	X              float64 // centre
	Label1, Label2 string  // the title on one or two lines
	Bars           []htmlVBar
}

type htmlVBar struct {
	X, Y, Width, Height float64
	Series              string
	Value               string
	ValueX, ValueY      float64
	ShowValue           bool
	NA                  bool
	Tooltip             string
}

type htmlLegendItem struct {
	Name, Series string
}

// htmlRuleMatrix lists the rules that fire most often: a row per rule, a
// column per group (and one for all samples when grouped).
type htmlRuleMatrix struct {
	Columns []htmlRuleColumn
	Rows    []htmlRuleMatrixRow
}

type htmlRuleColumn struct {
	Name, Series string
	Audited      int
}

type htmlRuleMatrixRow struct {
	Code, HelpURI, Name, Summary string
	Cells                        []htmlRuleCell
}

type htmlRuleCell struct {
	Share    string  // of the group's audited samples, with a finding of the rule
	Width    float64 // of the share bar, out of ruleShareBarWidth
	Series   string
	ErrorPct string // share of samples with an error of the rule, when any
	Tooltip  string
	Top      bool // among the group's topRulesPerGroup
}

type htmlSampleRow struct {
	ID         string
	Group      string
	Series     string
	Overall    htmlCell
	Grade      string
	GradeClass string
	Principles []htmlCell
	Error      string
}

// WriteBatchHTML writes a self-contained HTML page comparing the groups of
// a batch score run (fastaudit score --batch --group-by): a table per group
// (samples, mean and median overall score, mean score of each principle
// over the samples it applies to, grade distribution), a grouped bar chart
// of those means, the rules that fire in most samples of each group, and a
// table of every sample (id, group, overall score, grade and principle
// scores) in input order. Without grouping the whole batch is one group.
// rules gives the names of the rule codes (nil leaves them out);
// opts.RuleHelpURI links the codes. Like Write, it renders in memory and
// writes once.
func WriteBatchHTML(w io.Writer, agg score.Aggregate, samples []score.SampleResult, rules []*analyzer.Rule, opts Options) error {
	page := newHTMLBatchPage(agg, samples, rules, opts)
	var buf bytes.Buffer
	if err := htmlTemplates.ExecuteTemplate(&buf, "batch", page); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func newHTMLBatchPage(agg score.Aggregate, samples []score.SampleResult, rules []*analyzer.Rule, opts Options) htmlBatchPage {
	page := htmlBatchPage{
		Title:   "fastaudit batch score",
		Version: htmlText(opts.Version),
		GroupBy: htmlText(agg.GroupBy),
		Samples: agg.Total.Samples,
		Failed:  agg.Total.Failed,
		Overall: statCell(agg.Total.Overall.Mean, agg.Total.Overall.N, "mean of the overall scores"),
		Median:  statCell(agg.Total.Overall.Median, agg.Total.Overall.N, "median of the overall scores"),
	}
	if agg.GroupBy != "" {
		page.Title += " by " + page.GroupBy
	}
	for _, p := range agg.Total.Principles {
		short := principleShortNames[p.Principle]
		if short == "" {
			short = p.Title
		}
		page.Columns = append(page.Columns, htmlColumn{Short: htmlText(short), Title: htmlText(p.Title)})
	}

	page.ScoreColumns = 2 + len(page.Columns)
	page.TopRules = topRulesPerGroup

	stats := agg.Groups
	page.Grouped = agg.GroupBy != "" && len(stats) > 0
	if !page.Grouped {
		stats = []score.GroupStats{agg.Total}
	}
	series := map[string]string{}
	for i, gs := range stats {
		g := newHTMLBatchGroup(gs, "series-"+strconv.Itoa(i%seriesColours))
		if !page.Grouped {
			g.Name = "All samples"
		}
		series[gs.Group] = g.Series
		page.Groups = append(page.Groups, g)
	}
	if page.Grouped {
		total := newHTMLBatchGroup(agg.Total, "")
		total.Name = "All samples"
		page.Total = &total
	}
	page.Chart = newGroupedChart(agg.Total.Principles, page.Groups, stats)
	if !page.Grouped {
		// One series: the chart needs its colour, the tables no swatch.
		page.Groups[0].Series = ""
	}

	names := map[string]*analyzer.Rule{}
	for _, r := range rules {
		if r != nil {
			names[r.Code] = r
		}
	}
	columns := stats
	if page.Grouped {
		columns = append(append([]score.GroupStats(nil), stats...), agg.Total)
	}
	page.Rules = newRuleMatrix(columns, page.Groups, names, opts)
	page.NoRules = len(page.Rules.Rows) == 0

	ordered := append([]score.SampleResult(nil), samples...)
	sort.SliceStable(ordered, func(i, j int) bool { return ordered[i].Index < ordered[j].Index })
	for _, s := range ordered {
		row := htmlSampleRow{ID: htmlText(s.ID), Group: htmlText(s.Group), Series: series[s.Group]}
		if s.Report == nil {
			row.Error = htmlText(s.Error)
			page.SampleRows = append(page.SampleRows, row)
			continue
		}
		row.Overall = scoreCell(s.Report.Overall, "overall score")
		row.Grade = htmlText(s.Report.Grade)
		row.GradeClass = gradeClass(s.Report.Grade)
		for _, p := range s.Report.Principles {
			if p.Applicable {
				row.Principles = append(row.Principles, scoreCell(p.Score, p.Title))
			} else {
				row.Principles = append(row.Principles, htmlCell{Value: "–", Class: "na", Tooltip: htmlText(p.Title + ": not applicable (" + p.Reason + ")")})
			}
		}
		page.SampleRows = append(page.SampleRows, row)
	}
	return page
}

func newHTMLBatchGroup(gs score.GroupStats, series string) htmlBatchGroup {
	g := htmlBatchGroup{
		Name:    htmlText(gs.Group),
		Series:  series,
		Samples: gs.Samples,
		Failed:  gs.Failed,
		Mean:    statCell(gs.Overall.Mean, gs.Overall.N, "mean overall score"),
		Median:  statCell(gs.Overall.Median, gs.Overall.N, "median overall score"),
	}
	for _, p := range gs.Principles {
		c := statCell(p.Mean, p.N, p.Title+": mean")
		if p.N > 0 {
			c.Tooltip = htmlText(fmt.Sprintf("%s: mean %s, median %s over %s", p.Title, formatScore(p.Mean), formatScore(p.Median), plural(p.N, "sample", "samples")))
		}
		g.Principles = append(g.Principles, c)
	}
	// Grades: A to F, then any other grade the score gave, sorted.
	grades := append([]string(nil), letterGrades...)
	var other []string
	for grade := range gs.Grades {
		if gradeClass(grade) == "na" {
			other = append(other, grade)
		}
	}
	sort.Strings(other)
	grades = append(grades, other...)
	audited := 0
	for _, grade := range grades {
		audited += gs.Grades[grade]
	}
	x := 0.0
	for _, grade := range grades {
		n := gs.Grades[grade]
		if n == 0 && gradeClass(grade) == "na" {
			continue
		}
		g.Grades = append(g.Grades, htmlGradeCount{Grade: htmlText(grade), Count: n})
		if n == 0 {
			continue
		}
		w := gradeBarWidth * float64(n) / float64(audited)
		g.GradeBar = append(g.GradeBar, htmlBarPiece{
			X: x, Width: w, Class: "fill-" + gradeClass(grade),
			Tooltip: htmlText(fmt.Sprintf("grade %s: %s (%s)", grade, plural(n, "sample", "samples"), formatPercent(float64(n)/float64(audited)))),
		})
		x += w
	}
	return g
}

// newGroupedChart lays out one cluster for the overall score and one per
// principle, with a bar per group in each.
func newGroupedChart(principles []score.PrincipleStat, groups []htmlBatchGroup, stats []score.GroupStats) htmlGroupedChart {
	ch := htmlGroupedChart{
		Width:      groupChartWidth,
		PlotLeft:   groupChartLeft,
		PlotRight:  groupChartWidth - groupChartRight,
		PlotTop:    groupChartTop,
		PlotBottom: groupChartTop + groupChartPlot,
	}
	ch.LabelY1 = ch.PlotBottom + 18
	ch.LabelY2 = ch.LabelY1 + 15
	ch.Height = ch.PlotBottom + groupChartLabels
	for v := 0; v <= 100; v += 25 {
		ch.Ticks = append(ch.Ticks, htmlYTick{Y: ch.PlotBottom - groupChartPlot*float64(v)/100, Label: strconv.Itoa(v)})
	}
	clusters := 1 + len(principles)
	width := (ch.PlotRight - ch.PlotLeft) / float64(clusters)
	barWidth := 0.0
	if len(groups) > 0 {
		barWidth = math.Min(groupBarMaxWidth, width*groupClusterFill/float64(len(groups)))
	}
	ch.SeparatorX = ch.PlotLeft + width
	for k := 0; k < clusters; k++ {
		c := htmlCluster{X: ch.PlotLeft + width*(float64(k)+0.5)}
		title := "Overall"
		if k > 0 {
			title = principles[k-1].Title
		}
		c.Label1, c.Label2 = splitTitle(htmlText(title))
		left := c.X - barWidth*float64(len(groups))/2
		for i, g := range groups {
			var st score.Stat
			if k == 0 {
				st = stats[i].Overall
			} else if k-1 < len(stats[i].Principles) {
				st = stats[i].Principles[k-1].Stat
			}
			b := htmlVBar{X: left + barWidth*float64(i) + 1, Width: math.Max(barWidth-2, 1), Series: g.Series}
			b.ValueX = b.X + b.Width/2
			b.ShowValue = barWidth >= groupBarValueAtLeast
			if st.N == 0 {
				b.NA = true
				b.Value = "n/a"
				b.ValueY = ch.PlotBottom - 4
				b.Tooltip = htmlText(g.Name + " · " + title + ": not applicable to any sample")
			} else {
				b.Height = groupChartPlot * clampScore(st.Mean) / 100
				b.Y = ch.PlotBottom - b.Height
				b.Value = chartLabel(st.Mean)
				b.ValueY = b.Y - 5
				b.Tooltip = htmlText(fmt.Sprintf("%s · %s: mean %s, median %s (%s)", g.Name, title, formatScore(st.Mean), formatScore(st.Median), plural(st.N, "sample", "samples")))
			}
			c.Bars = append(c.Bars, b)
		}
		ch.Clusters = append(ch.Clusters, c)
	}
	for _, g := range groups {
		ch.Legend = append(ch.Legend, htmlLegendItem{Name: g.Name, Series: g.Series})
	}
	return ch
}

// chartLabel is a score above a bar: one decimal, but a full 100 as "100"
// so that neighbouring labels do not run into each other.
func chartLabel(v float64) string {
	if v >= 100 {
		return "100"
	}
	return formatScore(v)
}

// splitTitle breaks a title longer than one short word at its last space,
// for two lines under a chart cluster.
func splitTitle(title string) (string, string) {
	if utf8.RuneCountInString(title) <= 11 {
		return title, ""
	}
	if i := strings.LastIndexByte(title, ' '); i > 0 {
		return title[:i], title[i+1:]
	}
	return title, ""
}

// newRuleMatrix picks the rules found in the most samples of each group
// (its topRulesPerGroup, ties broken by more findings then by code) and
// shows, for each of them, its share of the samples of every column.
// Rows are ordered by the share in the last column: all samples, or the
// only group.
func newRuleMatrix(columns []score.GroupStats, groups []htmlBatchGroup, names map[string]*analyzer.Rule, opts Options) htmlRuleMatrix {
	var m htmlRuleMatrix
	top := make([]map[string]bool, len(columns))
	picked := map[string]bool{}
	for k, gs := range columns {
		ranked := make([]score.RuleStat, 0, len(gs.Rules))
		for _, rs := range gs.Rules {
			if rs.WithFinding > 0 {
				ranked = append(ranked, rs)
			}
		}
		sort.SliceStable(ranked, func(i, j int) bool { return ruleRanksBefore(ranked[i], ranked[j]) })
		top[k] = map[string]bool{}
		for i, rs := range ranked {
			if i == topRulesPerGroup {
				break
			}
			top[k][rs.Code] = true
			picked[rs.Code] = true
		}
		col := htmlRuleColumn{Name: "All samples", Audited: gs.Samples - gs.Failed}
		if k < len(groups) {
			col.Name, col.Series = groups[k].Name, groups[k].Series
		}
		m.Columns = append(m.Columns, col)
	}
	if len(columns) == 0 {
		return m
	}
	last := columns[len(columns)-1]
	var order []score.RuleStat
	for _, rs := range last.Rules {
		if picked[rs.Code] {
			order = append(order, rs)
		}
	}
	sort.SliceStable(order, func(i, j int) bool { return ruleRanksBefore(order[i], order[j]) })
	for _, o := range order {
		row := htmlRuleMatrixRow{Code: htmlText(o.Code)}
		if r := names[o.Code]; r != nil {
			row.Name, row.Summary = htmlText(r.Name), htmlText(r.Summary)
		}
		if opts.RuleHelpURI != nil {
			row.HelpURI = htmlText(opts.RuleHelpURI(o.Code))
		}
		for k, gs := range columns {
			rs := score.RuleStat{Code: o.Code}
			for _, x := range gs.Rules {
				if x.Code == o.Code {
					rs = x
				}
			}
			audited := gs.Samples - gs.Failed
			share := 0.0
			if audited > 0 {
				share = float64(rs.WithFinding) / float64(audited)
			}
			cell := htmlRuleCell{
				Share:  formatPercent(share),
				Width:  ruleShareBarWidth * math.Min(share, 1),
				Series: m.Columns[k].Series,
				Top:    top[k][o.Code],
				Tooltip: htmlText(fmt.Sprintf("%s: %d of %s with a finding (%s); %s; %s%% with an error",
					m.Columns[k].Name, rs.WithFinding, plural(audited, "sample", "samples"), formatPercent(share),
					plural(rs.Findings, "finding", "findings"), formatScore(rs.ErrorPct))),
			}
			if rs.WithError > 0 {
				cell.ErrorPct = formatScore(rs.ErrorPct) + "%"
			}
			row.Cells = append(row.Cells, cell)
		}
		m.Rows = append(m.Rows, row)
	}
	return m
}

// ruleRanksBefore orders rules by the samples they fire in, then by their
// findings, then by code.
func ruleRanksBefore(a, b score.RuleStat) bool {
	if a.WithFinding != b.WithFinding {
		return a.WithFinding > b.WithFinding
	}
	if a.Findings != b.Findings {
		return a.Findings > b.Findings
	}
	return a.Code < b.Code
}

// statCell shows a mean or median over n samples; n/a when there are none.
func statCell(v float64, n int, what string) htmlCell {
	if n == 0 {
		return htmlCell{Value: "n/a", Class: "na", Tooltip: htmlText(what + ": no sample")}
	}
	c := scoreCell(v, what)
	c.Tooltip = htmlText(fmt.Sprintf("%s over %s", what, plural(n, "sample", "samples")))
	return c
}

func scoreCell(v float64, what string) htmlCell {
	return htmlCell{Value: formatScore(v), Class: scoreClass(v), Tooltip: htmlText(what)}
}
