package analyzer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/fastaudit/fastaudit/analyzer/config"
	"github.com/fastaudit/fastaudit/analyzer/discover"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
	"github.com/fastaudit/fastaudit/analyzer/suppress"
)

// Options configures a run.
type Options struct {
	Paths   []string       // files or directories; empty means "."
	Rules   []*Rule        // enabled rules (engine diagnostics included when wanted)
	Config  *config.Config // nil means defaults
	Workers int            // 0 means runtime.NumCPU()
	// MaxFileBytes skips larger files with an FA002 finding (0: 10 MiB).
	MaxFileBytes int64
	// ParseTimeout skips files that take longer to parse with FA002 (0: 10s).
	ParseTimeout time.Duration
	// NoProjectRules skips the whole-project checks (CheckProject), for
	// partial input such as a pre-commit file list where "no tests" or
	// "untested route" would only reflect what was left out.
	NoProjectRules bool
	// Collectors run on every module whatever rules are enabled; they only
	// record facts (Pass.Tag) that project-phase rules read.
	Collectors []func(*Pass)
	// Progress, when set, is called after each file of the per-file phase
	// with the number of files done and the total. Calls are serialized and
	// done increases by one each time; the callback should be quick (it
	// holds up the worker that calls it) and does its own rate limiting.
	Progress func(done, total int)
}

const (
	defaultMaxFileBytes = 10 << 20
	defaultParseTimeout = 10 * time.Second
)

// Run audits the paths: discovery, a parallel per-file phase (parse once,
// model, per-module rules, facts), then the project phase.
func Run(ctx context.Context, opts Options) (*Result, error) {
	cfg := opts.Config
	if cfg == nil {
		cfg = config.Default()
	}
	root, files, err := discover.Discover(opts.Paths, discover.Options{Exclude: cfg.Exclude, ExcludeBase: cfg.Dir()})
	if err != nil {
		return nil, err
	}
	r := &runner{opts: opts, cfg: cfg, root: root, enabled: map[string]*Rule{}}
	if r.opts.MaxFileBytes <= 0 {
		r.opts.MaxFileBytes = defaultMaxFileBytes
	}
	if r.opts.ParseTimeout <= 0 {
		r.opts.ParseTimeout = defaultParseTimeout
	}
	for _, rule := range opts.Rules {
		r.enabled[rule.Code] = rule
	}
	r.projectModules = map[string]bool{}
	rels := make([]string, 0, len(files))
	for _, f := range files {
		if f.Err == nil {
			rels = append(rels, f.Path)
		}
	}
	r.nameRel = SourceRoots(rels)
	for _, rel := range rels {
		name, _ := ModuleName(r.nameRel[rel])
		r.projectModules[name] = true
		// The name from the audited root stays valid too: code run from the
		// repository root may import `api.v1.routes` where `api/` is a
		// namespace package around the package `v1`.
		alias, _ := ModuleName(rel)
		r.projectModules[alias] = true
	}

	states := make([]*fileState, len(files))
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	var progressMu sync.Mutex
	done := 0
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			parser := pyast.NewParser()
			parser.Timeout = r.opts.ParseTimeout
			defer parser.Close()
			for i := range jobs {
				states[i] = r.auditFile(parser, files[i])
				if opts.Progress != nil {
					progressMu.Lock()
					done++
					opts.Progress(done, len(files))
					progressMu.Unlock()
				}
			}
		}()
	}
	for i := range files {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	res := &Result{Root: root, Files: len(files)}
	for _, rule := range opts.Rules {
		res.Rules = append(res.Rules, rule)
	}
	sort.Slice(res.Rules, func(i, j int) bool { return res.Rules[i].Code < res.Rules[j].Code })

	facts := make([]*ModuleFacts, 0, len(states))
	for _, st := range states {
		if st.facts != nil {
			facts = append(facts, st.facts)
		}
	}
	project := NewProject(facts)
	res.Project = project
	// Deferred verdicts run on one goroutine: rules keep per-project
	// indexes (auth, docs, tests) that they build lazily and do not lock.
	// Running them in parallel raced (found by the CLI tests); Project.Memo
	// is the safe way to share such an index if this phase is parallelised
	// again.
	parallel(1, len(states), func(i int) {
		st := states[i]
		for j := range st.deferred {
			d := &st.deferred[j]
			var msg string
			if perr := safely(func() { msg = d.resolve(project) }); perr != "" {
				st.addResolved(InternalErrorRule, d.span, fmt.Sprintf("internal error in %s (project phase): %s; please report it", d.rule.Code, perr))
			} else if msg != "" {
				st.addResolved(d.rule, d.span, msg)
			}
		}
		st.deferred = nil
	})
	for _, st := range states {
		res.Lines += st.lines
		for i := range st.findings {
			if r.keep(st, &st.findings[i]) {
				res.Findings = append(res.Findings, st.findings[i])
			}
		}
	}
	res.Findings = append(res.Findings, r.runProjectRules(project, states, files)...)
	sort.SliceStable(res.Findings, func(i, j int) bool { return Less(&res.Findings[i], &res.Findings[j]) })
	return res, nil
}

type runner struct {
	opts           Options
	cfg            *config.Config
	root           string
	enabled        map[string]*Rule
	projectModules map[string]bool
	nameRel        map[string]string // file path -> path its module name derives from
}

// keep applies suppressions, per-file ignores, rule selection and severity
// overrides to one finding.
func (r *runner) keep(st *fileState, f *Finding) bool {
	if r.enabled[f.Rule.Code] == nil {
		return false
	}
	if st.supp != nil && (st.supp.FileIgnored() || st.supp.Suppressed(f.Line, f.Rule.Code)) {
		return false
	}
	for _, c := range r.cfg.IgnoredFor(r.cfg.RelPath(r.root, st.path)) {
		if strings.HasPrefix(f.Rule.Code, c) {
			return false
		}
	}
	f.Severity = f.Rule.Severity
	if s, ok := r.cfg.SeverityFor(f.Rule.Code); ok {
		if sev, err := ParseSeverity(s); err == nil {
			f.Severity = sev
		}
	}
	return true
}

func (r *runner) runProjectRules(project *Project, states []*fileState, files []discover.File) []Finding {
	byPath := map[string]*fileState{}
	abs := map[string]string{}
	for i, st := range states {
		byPath[st.path] = st
		abs[st.path] = files[i].Abs
	}
	// Project findings carry locations from the facts; their line hashes and
	// source lines come from reading the file again (not parsing it).
	reread := map[string]*fileState{}
	complete := func(f *Finding) {
		if f.Path == "" || f.LineHash != "" {
			return
		}
		st, ok := reread[f.Path]
		if !ok {
			if src, err := os.ReadFile(abs[f.Path]); err == nil {
				st = &fileState{src: src}
				st.index()
			}
			reread[f.Path] = st
		}
		if st != nil {
			f.LineHash, f.SourceLine = st.lineHash(f.Line), st.lineText(f.Line)
		}
	}
	var out []Finding
	for _, rule := range r.opts.Rules {
		if rule.CheckProject == nil || r.opts.NoProjectRules {
			continue
		}
		var found []Finding
		pass := &ProjectPass{Rule: rule, Project: project, report: func(f Finding) { found = append(found, f) }}
		if perr := safely(func() { rule.CheckProject(pass) }); perr != "" {
			found = append(found, Finding{Rule: InternalErrorRule, Path: "", Span: Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Column16: 1, EndColumn16: 1},
				Message: fmt.Sprintf("internal error in %s (project phase): %s; please report it", rule.Code, perr)})
		}
		for i := range found {
			st := byPath[found[i].Path]
			if st == nil {
				st = &fileState{path: found[i].Path}
			}
			if r.keep(st, &found[i]) {
				complete(&found[i])
				out = append(out, found[i])
			}
		}
	}
	return out
}

// safely runs fn and returns the panic message, if any, with the top of the stack.
func safely(fn func()) (panicked string) {
	defer func() {
		if v := recover(); v != nil {
			stack := string(debug.Stack())
			if i := strings.Index(stack, "panic("); i >= 0 {
				stack = stack[i:]
			}
			lines := strings.Split(stack, "\n")
			if len(lines) > 6 {
				lines = lines[:6]
			}
			panicked = fmt.Sprintf("%v [%s]", v, strings.Join(strings.Fields(strings.Join(lines, " ")), " "))
		}
	}()
	fn()
	return ""
}

// fileState is one file's share of the run. The tree and source are dropped
// at the end of the per-file phase; findings, deferred findings, suppressions
// and facts stay.
type fileState struct {
	path       string
	src        []byte
	lineStarts []int
	hashes     []string
	lines      int
	findings   []Finding
	deferred   []deferred
	supp       *suppress.Set
	facts      *ModuleFacts
	tags       map[*Function]map[string]string
	// resolved holds the line hash and text of lines with deferred findings,
	// kept after the source is dropped.
	resolved map[int][2]string
}

func (r *runner) auditFile(parser *pyast.Parser, file discover.File) (st *fileState) {
	st = &fileState{path: file.Path}
	if file.Err != nil {
		st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: %v", file.Err))
		return st
	}
	info, err := os.Stat(file.Abs)
	if err == nil && info.Size() > r.opts.MaxFileBytes {
		st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: %d bytes is over the %d-byte limit; raise the limit or exclude the file", info.Size(), r.opts.MaxFileBytes))
		return st
	}
	src, err := os.ReadFile(file.Abs)
	if err != nil {
		st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: %v", cleanErr(err)))
		return st
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		st.addAt(UnreadableRule, 1, "file not audited: it contains NUL bytes (binary data), so it is not Python source")
		return st
	}
	if !utf8.Valid(src) {
		st.src = src
		st.index()
		line := 1 + bytes.Count(src[:firstInvalidUTF8(src)], []byte("\n"))
		st.addAt(UnreadableRule, line, "file not audited: it is not valid UTF-8 (first bad byte on this line); save it as UTF-8")
		st.src = nil
		return st
	}
	st.src = src
	st.index()
	defer func() { st.finish() }()

	tree, err := parser.Parse(src)
	if err != nil {
		if errors.Is(err, pyast.ErrTimeout) {
			st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: parsing took longer than %s; raise the limit or exclude the file", r.opts.ParseTimeout))
		} else {
			st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: %v", err))
		}
		return st
	}
	st.collectComments(tree.Root)
	if tree.HasError {
		st.reportSyntaxError(tree.Root)
	}
	var mod *Module
	if perr := safely(func() { mod = newModule(file.Path, r.nameRel[file.Path], tree, r.projectModules) }); perr != "" {
		st.addAt(InternalErrorRule, 1, fmt.Sprintf("internal error while modelling this file: %s; please report it", perr))
		return st
	}
	mod.IsTest = r.cfg.IsTestPath(r.cfg.RelPath(r.root, file.Path))
	for _, rule := range r.opts.Rules {
		if rule.CheckModule == nil {
			continue
		}
		pass := &Pass{Rule: rule, Module: mod, file: st}
		if perr := safely(func() { rule.CheckModule(pass) }); perr != "" {
			st.addAt(InternalErrorRule, 1, fmt.Sprintf("internal error in %s on this file: %s; please report it", rule.Code, perr))
		}
	}
	for _, collect := range r.opts.Collectors {
		pass := &Pass{Module: mod, file: st}
		if perr := safely(func() { collect(pass) }); perr != "" {
			st.addAt(InternalErrorRule, 1, fmt.Sprintf("internal error while collecting facts on this file: %s; please report it", perr))
		}
	}
	locate := func(n *pyast.Node) Location { return Location{Path: st.path, Span: st.span(n)} }
	if perr := safely(func() {
		st.facts = mod.Facts(locate, st.tags)
		if alias, _ := ModuleName(file.Path); alias != mod.Name {
			st.facts.Alias = alias
		}
	}); perr != "" {
		st.addAt(InternalErrorRule, 1, fmt.Sprintf("internal error while summarising this file: %s; please report it", perr))
	}
	return st
}

func cleanErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func (st *fileState) index() {
	st.lineStarts = append(st.lineStarts[:0], 0)
	for i, c := range st.src {
		if c == '\n' {
			st.lineStarts = append(st.lineStarts, i+1)
		}
	}
	st.lines = len(st.lineStarts)
	if len(st.src) == 0 || st.src[len(st.src)-1] == '\n' {
		st.lines--
	}
}

// finish keeps what the project phase needs from the source, then drops it.
func (st *fileState) finish() {
	if len(st.deferred) > 0 {
		st.resolved = map[int][2]string{}
		for _, d := range st.deferred {
			st.resolved[d.span.Line] = [2]string{st.lineHash(d.span.Line), st.lineText(d.span.Line)}
		}
	}
	st.src, st.lineStarts, st.hashes, st.tags = nil, nil, nil, nil
}

func (st *fileState) lineText(line int) string {
	if line < 1 || line > len(st.lineStarts) {
		return ""
	}
	start := st.lineStarts[line-1]
	end := len(st.src)
	if line < len(st.lineStarts) {
		end = st.lineStarts[line] - 1
	}
	if end < start {
		end = start
	}
	return strings.TrimRight(string(st.src[start:end]), "\r")
}

func (st *fileState) lineHash(line int) string {
	if st.src == nil {
		return ""
	}
	if st.hashes == nil {
		st.hashes = LineHashes(st.src)
	}
	return LineHashAt(st.hashes, line)
}

// column converts a 0-based byte column on a 0-based row to 1-based code point
// and UTF-16 columns.
func (st *fileState) column(row, byteCol uint32) (int, int) {
	if int(row) >= len(st.lineStarts) {
		return int(byteCol) + 1, int(byteCol) + 1
	}
	start := st.lineStarts[row]
	end := start + int(byteCol)
	if end > len(st.src) {
		end = len(st.src)
	}
	cp, u16 := 0, 0
	for _, r := range string(st.src[start:end]) {
		cp++
		u16 += len(utf16.Encode([]rune{r}))
	}
	return cp + 1, u16 + 1
}

func (st *fileState) span(n *pyast.Node) Span {
	var s Span
	if n == nil {
		return Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Column16: 1, EndColumn16: 1}
	}
	s.Line, s.EndLine = int(n.Start.Row)+1, int(n.End.Row)+1
	s.Column, s.Column16 = st.column(n.Start.Row, n.Start.Col)
	s.EndColumn, s.EndColumn16 = st.column(n.End.Row, n.End.Col)
	return s
}

func (st *fileState) add(rule *Rule, span Span, msg string) {
	st.findings = append(st.findings, Finding{
		Rule: rule, Path: st.path, Span: span, Message: msg, Severity: rule.Severity,
		LineHash: st.lineHash(span.Line), SourceLine: st.lineText(span.Line),
	})
}

// addResolved adds a deferred finding after the source is gone.
func (st *fileState) addResolved(rule *Rule, span Span, msg string) {
	kept := st.resolved[span.Line]
	st.findings = append(st.findings, Finding{
		Rule: rule, Path: st.path, Span: span, Message: msg, Severity: rule.Severity,
		LineHash: kept[0], SourceLine: kept[1],
	})
}

// addAt reports at the start of a line (whole-file problems use line 1).
func (st *fileState) addAt(rule *Rule, line int, msg string) {
	end := 1
	if st.src != nil {
		end = utf8.RuneCountInString(st.lineText(line)) + 1
	}
	st.add(rule, Span{Line: line, Column: 1, EndLine: line, EndColumn: end, Column16: 1, EndColumn16: end}, msg)
}

func (st *fileState) collectComments(root *pyast.Node) {
	root.Walk(func(n *pyast.Node) bool {
		if n.Kind == "comment" {
			if st.supp == nil {
				st.supp = suppress.New()
			}
			st.supp.AddComment(int(n.Start.Row)+1, n.Text())
		}
		return true
	})
}

func (st *fileState) reportSyntaxError(root *pyast.Node) {
	var first *pyast.Node
	count := 0
	root.Walk(func(n *pyast.Node) bool {
		if n.Kind == "ERROR" || n.Missing {
			count++
			if first == nil {
				first = n
			}
			return false
		}
		return true
	})
	if first == nil {
		return
	}
	what := "unexpected syntax"
	if first.Missing {
		what = fmt.Sprintf("expected %q", first.Kind)
	}
	more := ""
	if count > 1 {
		more = fmt.Sprintf(" (%d problem spots in the file)", count)
	}
	span := st.span(first)
	st.add(SyntaxErrorRule, span, fmt.Sprintf(
		"could not fully parse this file: %s at line %d, column %d%s; findings may be missing there. Fix the syntax, or if it is valid newer Python, exclude the file until fastaudit's grammar supports it",
		what, span.Line, span.Column, more))
}

// parallel runs fn(0..n-1) on up to workers goroutines.
func parallel(workers, n int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < workers && w < n; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				fn(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}
