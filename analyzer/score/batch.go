package score

// Batch evaluation: many samples (agent answers), each audited alone as a
// project of its own, scored, written one JSON line each in input order,
// and aggregated per group.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/config"
)

// Field is one field of a JSONL sample other than "id" and "response",
// kept verbatim for the output line and for grouping.
type Field struct {
	Name  string
	Value json.RawMessage
}

// Sample is one input of a batch: a JSONL line (Response set) or an entry
// of a directory (Path set).
type Sample struct {
	Index  int             // 0-based position in the input
	Line   int             // 1-based line of a JSONL sample, 0 for a directory entry
	ID     string          // display id: the "id" string, the JSON text of another id, or the entry's name
	RawID  json.RawMessage // the id as written out: the input's "id" value, or ID as a JSON string
	Fields []Field         // the other fields, in input order
	// Response is the answer text of a JSONL sample: Markdown when it has a
	// ``` or ~~~ fence, else Python.
	Response string
	Path     string // the file or directory of a directory sample
	Err      error  // why the sample cannot be audited (bad JSON line, no response)
}

// SampleResult is the outcome of one sample: its score, or the error that
// kept it from being audited. It marshals to the sample's output line.
type SampleResult struct {
	Index  int
	ID     string
	RawID  json.RawMessage
	Fields []Field
	Group  string  // the value of the group-by field ("(none)" when absent)
	Report *Report // nil when Error is set
	Error  string
}

// NoGroup is the group of samples without the group-by field (or with null).
const NoGroup = "(none)"

// Aggregate summarises a batch: the totals and, with a group-by field, one
// row per group.
type Aggregate struct {
	GroupBy string       `json:"group_by,omitempty"`
	Total   GroupStats   `json:"total"`
	Groups  []GroupStats `json:"groups,omitempty"` // by group name; NoGroup last
	// Rules are the codes found in any sample, sorted: the rows of every
	// group's rule table, so that groups line up.
	Rules []string `json:"rules"`
}

// GroupStats are the statistics of one group of samples.
type GroupStats struct {
	Group   string `json:"group"`
	Samples int    `json:"samples"` // samples in the group
	Failed  int    `json:"failed"`  // samples that could not be audited (error field)
	Overall Stat   `json:"overall"` // over the audited samples
	// Grades counts the audited samples per letter grade.
	Grades     map[string]int  `json:"grades"`
	Principles []PrincipleStat `json:"principles"` // analyzer.Principles order, without "analysis"
	Rules      []RuleStat      `json:"rules"`      // Aggregate.Rules order
}

// Stat is the mean and median of a score over N samples (0 when N is 0).
type Stat struct {
	N      int     `json:"n"`
	Mean   float64 `json:"mean"`   // one decimal
	Median float64 `json:"median"` // one decimal
}

// PrincipleStat is the Stat of one principle over the samples it applies to.
type PrincipleStat struct {
	Principle analyzer.Principle `json:"principle"`
	Title     string             `json:"title"`
	Stat
}

// RuleStat says how many audited samples of a group have findings of a rule.
type RuleStat struct {
	Code        string `json:"code"`
	Findings    int    `json:"findings"`     // findings of the rule in the group
	WithFinding int    `json:"with_finding"` // samples with at least one finding
	WithError   int    `json:"with_error"`   // samples with at least one error-severity finding
	// The percentages are of the group's audited samples, one decimal.
	FindingPct float64 `json:"finding_pct"`
	ErrorPct   float64 `json:"error_pct"`
}

// BatchOptions configures RunBatch.
type BatchOptions struct {
	Rules      []*analyzer.Rule
	Config     *config.Config // nil: defaults; shared by every sample
	Collectors []func(*analyzer.Pass)
	// Workers is the number of samples audited at once (each with one
	// analyzer worker); 0 means runtime.NumCPU().
	Workers int
	// GroupBy names the field the aggregate is grouped by ("" for none).
	GroupBy string
}

// SampleSource returns the samples of a batch one by one, then io.EOF.
type SampleSource func() (Sample, error)

// maxLine bounds a JSONL line: a larger sample is reported, not read
// (a variable for tests).
var maxLine = 64 << 20

// ReadJSONL reads samples from JSON Lines: one object per line with a
// "response" string, an optional "id" and any other fields, which are
// kept. Blank lines are skipped. A line that is not such an object is
// still a sample, with Err set, so that the output keeps one line per
// input line.
func ReadJSONL(r io.Reader) SampleSource {
	br := bufio.NewReaderSize(r, 1<<16)
	line, index := 0, 0
	return func() (Sample, error) {
		for {
			text, err := readLine(br)
			if err != nil {
				return Sample{}, err
			}
			line++
			if line == 1 {
				text = bytes.TrimPrefix(text, []byte("\xef\xbb\xbf")) // a UTF-8 byte order mark
			}
			if len(bytes.TrimSpace(text)) == 0 {
				continue
			}
			s := parseSample(text, line)
			s.Index = index
			index++
			return s, nil
		}
	}
}

// readLine returns the next line without its terminator. A line longer
// than maxLine comes back as tooLong, so that it becomes an error sample
// without being held in memory.
func readLine(br *bufio.Reader) ([]byte, error) {
	var buf []byte
	over := false
	for {
		chunk, err := br.ReadSlice('\n')
		if !over && len(buf)+len(chunk) > maxLine {
			over, buf = true, nil
		}
		if !over {
			buf = append(buf, chunk...)
		}
		switch {
		case err == bufio.ErrBufferFull:
			continue
		case err != nil && (err != io.EOF || (len(buf) == 0 && !over)):
			return nil, err
		case over:
			return tooLong, nil
		}
		return bytes.TrimRight(buf, "\r\n"), nil
	}
}

// tooLong replaces a line over maxLine (never valid JSON, so it becomes an
// error sample).
var tooLong = []byte("\x00line too long")

func parseSample(text []byte, line int) Sample {
	s := Sample{Line: line, ID: "line-" + strconv.Itoa(line)}
	if bytes.HasPrefix(text, tooLong) {
		s.Err = fmt.Errorf("line %d: longer than %d bytes", line, maxLine)
		s.RawID, _ = json.Marshal(s.ID)
		return s
	}
	fields, err := objectFields(text)
	if err != nil {
		s.Err = fmt.Errorf("line %d: %v", line, err)
		s.RawID, _ = json.Marshal(s.ID)
		return s
	}
	var response json.RawMessage
	for _, f := range fields {
		switch f.Name {
		case "id":
			s.RawID = f.Value
			var str string
			if json.Unmarshal(f.Value, &str) == nil {
				s.ID = str
			} else {
				s.ID = string(f.Value)
			}
		case "response":
			response = f.Value
		default:
			s.Fields = append(s.Fields, f)
		}
	}
	if s.RawID == nil {
		s.RawID, _ = json.Marshal(s.ID)
	}
	if response == nil {
		s.Err = fmt.Errorf("line %d: no \"response\" field", line)
	} else if err := json.Unmarshal(response, &s.Response); err != nil {
		s.Err = fmt.Errorf("line %d: \"response\" is not a string", line)
	}
	return s
}

// objectFields splits a JSON object into its fields, in order. A repeated
// name keeps its last value, as encoding/json does.
func objectFields(text []byte) ([]Field, error) {
	dec := json.NewDecoder(bytes.NewReader(text))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New("not a JSON object")
	}
	var fields []Field
	at := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("invalid JSON: %v", err)
		}
		name, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return nil, fmt.Errorf("invalid JSON: %v", err)
		}
		if i, dup := at[name]; dup {
			fields[i].Value = value
			continue
		}
		at[name] = len(fields)
		fields = append(fields, Field{Name: name, Value: value})
	}
	if _, err := dec.Token(); err != nil {
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("invalid JSON: data after the object")
	}
	return fields, nil
}

// ReadDir lists the samples of a directory: each sub-directory (a project)
// and each .py, .md or .markdown file is one sample whose id is its name.
// Hidden entries and other files are skipped. Samples are in name order.
func ReadDir(dir string) (SampleSource, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var samples []Sample
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		full := filepath.Join(dir, name)
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			if fi, err := os.Stat(full); err == nil {
				isDir = fi.IsDir()
			}
		}
		if !isDir && !strings.HasSuffix(name, ".py") && !analyzer.IsMarkdown(name) {
			continue
		}
		id, _ := json.Marshal(name)
		samples = append(samples, Sample{Index: len(samples), ID: name, RawID: id, Path: full})
	}
	next := 0
	return func() (Sample, error) {
		if next == len(samples) {
			return Sample{}, io.EOF
		}
		next++
		return samples[next-1], nil
	}, nil
}

// fenceRE finds a Markdown code fence: three backticks or tildes at the
// start of a line, after at most three spaces of indentation.
var fenceRE = regexp.MustCompile("(?m)^ {0,3}(```|~~~)")

// SourceOf is the in-memory file a JSONL response is audited as:
// response.md when it has a fence (its Python blocks are expanded), else
// response.py.
func SourceOf(response string) analyzer.Source {
	if fenceRE.MatchString(response) {
		return analyzer.Source{Path: "response.md", Content: []byte(response)}
	}
	return analyzer.Source{Path: "response.py", Content: []byte(response)}
}

// ScoreSample audits one sample alone, as a project of its own, and scores it.
func ScoreSample(ctx context.Context, s Sample, opts BatchOptions) SampleResult {
	out := SampleResult{Index: s.Index, ID: s.ID, RawID: s.RawID, Fields: s.Fields, Group: groupOf(s.Fields, opts.GroupBy)}
	if s.Err != nil {
		out.Error = s.Err.Error()
		return out
	}
	run := analyzer.Options{Rules: opts.Rules, Config: opts.Config, Workers: 1, Collectors: opts.Collectors}
	if s.Path != "" {
		run.Paths = []string{s.Path}
	} else {
		run.Sources = []analyzer.Source{SourceOf(s.Response)}
	}
	res, err := analyzer.Run(ctx, run)
	if err != nil {
		out.Error = err.Error()
		return out
	}
	rep := Compute(res)
	out.Report = &rep
	return out
}

func groupOf(fields []Field, name string) string {
	if name == "" {
		return NoGroup
	}
	for _, f := range fields {
		if f.Name != name {
			continue
		}
		var value any
		if json.Unmarshal(f.Value, &value) != nil || value == nil {
			return NoGroup
		}
		if str, ok := value.(string); ok {
			if str == "" {
				return NoGroup
			}
			return str
		}
		var buf bytes.Buffer
		if json.Compact(&buf, f.Value) != nil {
			return NoGroup
		}
		return buf.String()
	}
	return NoGroup
}

// RunBatch scores the samples of next on opts.Workers goroutines, calls
// emit with each result in input order (from the calling goroutine), and
// returns the aggregate. It stops at the first error of next, of emit or
// of the context; an error of one sample is in its result, not returned.
func RunBatch(ctx context.Context, next SampleSource, opts BatchOptions, emit func(*SampleResult) error) (Aggregate, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	jobs := make(chan Sample)
	results := make(chan SampleResult, workers)
	var readErr error
	go func() {
		defer close(jobs)
		for {
			s, err := next()
			if err != nil {
				if err != io.EOF {
					readErr = err
				}
				return
			}
			select {
			case jobs <- s:
			case <-ctx.Done():
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range jobs {
				results <- ScoreSample(ctx, s, opts)
			}
		}()
	}
	go func() { wg.Wait(); close(results) }()

	agg := NewAggregator(opts.GroupBy)
	pending := map[int]SampleResult{}
	want := 0
	var emitErr error
	for r := range results {
		if emitErr != nil || ctx.Err() != nil {
			continue // drain so the workers can finish; a cancelled run emits no more
		}
		pending[r.Index] = r
		for {
			r, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			agg.Add(&r)
			if err := emit(&r); err != nil {
				emitErr = err
				cancel()
				break
			}
		}
	}
	switch {
	case emitErr != nil:
		return Aggregate{}, emitErr
	case readErr != nil:
		return Aggregate{}, readErr
	case ctx.Err() != nil:
		return Aggregate{}, ctx.Err()
	}
	return agg.Aggregate(), nil
}

// reserved are the keys of an output line; a kept input field with one of
// these names is written as "input_<name>".
var reserved = map[string]bool{
	"id": true, "overall": true, "grade": true, "principles": true, "size": true,
	"rules": true, "rule_errors": true, "error": true,
}

// MarshalJSON writes the sample's output line: id, the kept fields in
// input order, then overall, grade, principles (score, or null when not
// applicable), size, rules and rule_errors; or id, kept fields and error.
func (r SampleResult) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`{"id":`)
	id := r.RawID
	if id == nil {
		id, _ = json.Marshal(r.ID)
	}
	if err := json.Compact(&b, id); err != nil {
		return nil, err
	}
	put := func(name string, value any) error {
		key, _ := json.Marshal(name)
		b.WriteByte(',')
		b.Write(key)
		b.WriteByte(':')
		if raw, ok := value.(json.RawMessage); ok {
			return json.Compact(&b, raw)
		}
		data, err := json.Marshal(value)
		b.Write(data)
		return err
	}
	for _, f := range r.Fields {
		name := f.Name
		for reserved[name] {
			name = "input_" + name
		}
		if err := put(name, f.Value); err != nil {
			return nil, err
		}
	}
	if r.Report == nil {
		if err := put("error", r.Error); err != nil {
			return nil, err
		}
		b.WriteByte('}')
		return b.Bytes(), nil
	}
	rep := r.Report
	var ps bytes.Buffer
	ps.WriteByte('{')
	for i, p := range rep.Principles {
		if i > 0 {
			ps.WriteByte(',')
		}
		fmt.Fprintf(&ps, "%q:", p.Principle)
		if p.Applicable {
			ps.WriteString(strconv.FormatFloat(p.Score, 'f', -1, 64))
		} else {
			ps.WriteString("null")
		}
	}
	ps.WriteByte('}')
	for _, kv := range []struct {
		name  string
		value any
	}{
		{"overall", rep.Overall}, {"grade", rep.Grade}, {"principles", json.RawMessage(ps.Bytes())},
		{"size", rep.Size}, {"rules", rep.Rules}, {"rule_errors", rep.RuleErrors},
	} {
		if err := put(kv.name, kv.value); err != nil {
			return nil, err
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// Aggregator accumulates sample results for an Aggregate. It keeps only
// the numbers it needs, so a batch of any size fits in memory.
type Aggregator struct {
	groupBy string
	total   *groupAcc
	groups  map[string]*groupAcc
	codes   map[string]bool
}

type groupAcc struct {
	samples, failed int
	overall         []float64
	principles      map[analyzer.Principle][]float64
	grades          map[string]int
	findings        map[string]int
	withFinding     map[string]int
	withError       map[string]int
}

func newGroupAcc() *groupAcc {
	return &groupAcc{principles: map[analyzer.Principle][]float64{}, grades: map[string]int{},
		findings: map[string]int{}, withFinding: map[string]int{}, withError: map[string]int{}}
}

// NewAggregator starts an aggregate grouped by the field groupBy ("" for none).
func NewAggregator(groupBy string) *Aggregator {
	return &Aggregator{groupBy: groupBy, total: newGroupAcc(), groups: map[string]*groupAcc{}, codes: map[string]bool{}}
}

// Add counts one sample.
func (a *Aggregator) Add(r *SampleResult) {
	accs := []*groupAcc{a.total}
	if a.groupBy != "" {
		g := a.groups[r.Group]
		if g == nil {
			g = newGroupAcc()
			a.groups[r.Group] = g
		}
		accs = append(accs, g)
	}
	for code := range reportRules(r.Report) {
		a.codes[code] = true
	}
	for _, g := range accs {
		g.samples++
		if r.Report == nil {
			g.failed++
			continue
		}
		g.overall = append(g.overall, r.Report.Overall)
		g.grades[r.Report.Grade]++
		for _, p := range r.Report.Principles {
			if p.Applicable {
				g.principles[p.Principle] = append(g.principles[p.Principle], p.Score)
			}
		}
		for code, n := range r.Report.Rules {
			g.findings[code] += n
			g.withFinding[code]++
		}
		for code, n := range r.Report.RuleErrors {
			if n > 0 {
				g.withError[code]++
			}
		}
	}
}

func reportRules(rep *Report) map[string]int {
	if rep == nil {
		return nil
	}
	return rep.Rules
}

// Aggregate returns the statistics of the samples added so far.
func (a *Aggregator) Aggregate() Aggregate {
	out := Aggregate{GroupBy: a.groupBy, Rules: []string{}}
	for code := range a.codes {
		out.Rules = append(out.Rules, code)
	}
	sort.Strings(out.Rules)
	out.Total = a.total.stats("all", out.Rules)
	var names []string
	for name := range a.groups {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if (names[i] == NoGroup) != (names[j] == NoGroup) {
			return names[j] == NoGroup
		}
		return names[i] < names[j]
	})
	for _, name := range names {
		out.Groups = append(out.Groups, a.groups[name].stats(name, out.Rules))
	}
	return out
}

func (g *groupAcc) stats(name string, codes []string) GroupStats {
	gs := GroupStats{Group: name, Samples: g.samples, Failed: g.failed, Overall: statOf(g.overall), Grades: map[string]int{}, Rules: []RuleStat{}}
	for grade, n := range g.grades {
		gs.Grades[grade] = n
	}
	for _, p := range Scored() {
		gs.Principles = append(gs.Principles, PrincipleStat{Principle: p, Title: Titles[p], Stat: statOf(g.principles[p])})
	}
	audited := g.samples - g.failed
	for _, code := range codes {
		rs := RuleStat{Code: code, Findings: g.findings[code], WithFinding: g.withFinding[code], WithError: g.withError[code]}
		if audited > 0 {
			rs.FindingPct = round(100*float64(rs.WithFinding)/float64(audited), 1)
			rs.ErrorPct = round(100*float64(rs.WithError)/float64(audited), 1)
		}
		gs.Rules = append(gs.Rules, rs)
	}
	return gs
}

// statOf computes the mean and median of scores; it sorts a copy, so the
// result does not depend on the order samples were added in.
func statOf(scores []float64) Stat {
	if len(scores) == 0 {
		return Stat{}
	}
	s := append([]float64(nil), scores...)
	sort.Float64s(s)
	sum := 0.0
	for _, x := range s {
		sum += x
	}
	median := s[len(s)/2]
	if len(s)%2 == 0 {
		median = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return Stat{N: len(s), Mean: round(sum/float64(len(s)), 1), Median: round(median, 1)}
}
