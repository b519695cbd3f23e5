package analyzer

import (
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
	"unicode/utf8"

	"github.com/fastaudit/fastaudit/analyzer/config"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
	"github.com/fastaudit/fastaudit/analyzer/suppress"
)

// Options configures a run.
type Options struct {
	Paths   []string       // files or directories; empty means "."
	Rules   []*Rule        // enabled rules (engine diagnostics included when wanted)
	Config  *config.Config // nil means defaults
	Workers int            // 0 means runtime.NumCPU()
	// Sources are files given in memory instead of found on disk: when
	// non-empty, Paths is ignored and nothing is discovered; Path is
	// '/'-separated and relative, shown in findings. Result.Root is "".
	Sources []Source
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

// Source is a file given in memory. A Path ending in .md or .markdown is a
// Markdown document, audited like one named on the command line.
type Source struct {
	Path    string
	Content []byte
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
	r := &runner{opts: opts, cfg: cfg, enabled: map[string]*Rule{}}
	if r.opts.MaxFileBytes <= 0 {
		r.opts.MaxFileBytes = defaultMaxFileBytes
	}
	if r.opts.ParseTimeout <= 0 {
		r.opts.ParseTimeout = defaultParseTimeout
	}
	for _, rule := range opts.Rules {
		r.enabled[rule.Code] = rule
	}
	files, err := r.inputs()
	if err != nil {
		return nil, err
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

	res := &Result{Root: r.root, Files: r.inputCount}
	for _, rule := range opts.Rules {
		res.Rules = append(res.Rules, rule)
	}
	sort.Slice(res.Rules, func(i, j int) bool { return res.Rules[i].Code < res.Rules[j].Code })

	groups := r.projects(states, files)
	res.Project = groups.all
	// The project phase runs in the worker pool: the project rules of every
	// group (first, as one of them may be long) and the deferred verdicts of
	// every file. Rules share their lazily built per-project indexes through
	// Project.Memo, which is safe for concurrent use; `go test -race` on the
	// CLI tests guards this.
	var tasks []func()
	projectFound := make([][][]Finding, len(groups.list)) // by group, then by rule
	if !r.opts.NoProjectRules {
		for gi, g := range groups.list {
			projectFound[gi] = make([][]Finding, len(r.opts.Rules))
			for ri, rule := range r.opts.Rules {
				if rule.CheckProject != nil {
					tasks = append(tasks, func() { projectFound[gi][ri] = checkProject(rule, g.project) })
				}
			}
		}
	}
	for i, st := range states {
		if len(st.deferred) > 0 {
			tasks = append(tasks, func() { st.resolveDeferred(groups.of[i]) })
		}
	}
	parallel(workers, len(tasks), func(i int) { tasks[i]() })
	for _, st := range states {
		res.Lines += st.lines
		res.NonBlankLines += st.nonBlank
		for i := range st.findings {
			if r.keep(st, &st.findings[i]) {
				res.Findings = append(res.Findings, st.findings[i])
			}
		}
	}
	for gi, g := range groups.list {
		res.Findings = append(res.Findings, r.keepProjectFindings(projectFound[gi], g.states, g.files)...)
	}
	sort.SliceStable(res.Findings, func(i, j int) bool { return Less(&res.Findings[i], &res.Findings[j]) })
	return res, nil
}

type runner struct {
	opts         Options
	cfg          *config.Config
	root         string
	inputCount   int // files and documents given or found, before Markdown expansion
	enabled      map[string]*Rule
	groupModules map[int]map[string]bool // input.group -> names of its modules
	memo         memoTable               // Pass.RunMemo
}

// keep applies suppressions, per-file ignores, rule selection and severity
// overrides to one finding, and presents a kept one (fileState.present).
func (r *runner) keep(st *fileState, f *Finding) bool {
	if r.enabled[f.Rule.Code] == nil {
		return false
	}
	if st.supp != nil && (st.supp.FileIgnored() || st.supp.Suppressed(f.Line, f.Rule.Code)) {
		return false
	}
	for _, c := range r.cfg.IgnoredFor(r.cfg.RelPath(r.root, st.shownPath())) {
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
	st.present(f)
	return true
}

// resolveDeferred runs the file's deferred verdicts against its project.
func (st *fileState) resolveDeferred(project *Project) {
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
}

// checkProject runs one rule's whole-project check and returns what it found.
func checkProject(rule *Rule, project *Project) []Finding {
	var found []Finding
	pass := &ProjectPass{Rule: rule, Project: project, report: func(f Finding) { found = append(found, f) }}
	if perr := safely(func() { rule.CheckProject(pass) }); perr != "" {
		found = append(found, Finding{Rule: InternalErrorRule, Path: "", Span: Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Column16: 1, EndColumn16: 1},
			Message: fmt.Sprintf("internal error in %s (project phase): %s; please report it", rule.Code, perr)})
	}
	return found
}

// keepProjectFindings filters and completes what the project rules of one
// group found (by rule, in the order of Options.Rules).
func (r *runner) keepProjectFindings(byRule [][]Finding, states []*fileState, files []input) []Finding {
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
				st = &fileState{src: withLFs(src)}
				st.index()
			}
			reread[f.Path] = st
		}
		if st != nil {
			f.LineHash, f.SourceLine = st.lineHash(f.Line), st.lineText(f.Line)
		}
	}
	var out []Finding
	for _, found := range byRule {
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
	nonBlank   int // lines with something other than whitespace
	findings   []Finding
	deferred   []deferred
	supp       *suppress.Set
	facts      *ModuleFacts
	tags       map[*Function]map[string]string
	// resolved holds the line hash and text of lines with deferred findings,
	// kept after the source is dropped.
	resolved map[int][2]string
	// For a virtual file of a Markdown document: the document's path, and
	// the bytes of indentation removed per 0-based line (added to columns).
	shown string
	shift []int
	// text, when set, is what findings quote instead of src (a Markdown
	// document, or a Source), kept after src is dropped; see input.text.
	text *fileState
	// cache keeps the per-finding line work linear on very long lines.
	cache lineCache
}

func (r *runner) auditFile(parser *pyast.Parser, file input) (st *fileState) {
	if file.failed != nil {
		return file.failed
	}
	st = &fileState{path: file.Path, shown: file.shown, shift: file.shift, text: file.text}
	src := r.load(st, file)
	if src == nil {
		return st
	}
	if file.shown == "" {
		src = withLFs(src) // Markdown blocks come with their own line breaks
	}
	st.src = src
	st.index()
	if file.shown != "" {
		st.lines = file.lines // a Markdown block: its code lines, not the document's
	}
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
	// Nothing keeps nodes past the file's phase (facts and deferred verdicts
	// hold strings), so the parser may reuse the tree's memory.
	defer parser.Release(tree)
	st.collectComments(tree.Root)
	if tree.HasError {
		st.reportSyntaxError(tree.Root)
	}
	var mod *Module
	if perr := safely(func() { mod = newModule(file.Path, file.nameRel, tree, r.groupModules[file.group]) }); perr != "" {
		st.addAt(InternalErrorRule, 1, fmt.Sprintf("internal error while modelling this file: %s; please report it", perr))
		return st
	}
	mod.IsTest = r.isTestPath(file)
	mod.Abs = file.Abs
	for _, rule := range r.opts.Rules {
		if rule.CheckModule == nil {
			continue
		}
		pass := &Pass{Rule: rule, Module: mod, file: st, run: &r.memo}
		if perr := safely(func() { rule.CheckModule(pass) }); perr != "" {
			st.addAt(InternalErrorRule, 1, fmt.Sprintf("internal error in %s on this file: %s; please report it", rule.Code, perr))
		}
	}
	for _, collect := range r.opts.Collectors {
		pass := &Pass{Module: mod, file: st, run: &r.memo}
		if perr := safely(func() { collect(pass) }); perr != "" {
			st.addAt(InternalErrorRule, 1, fmt.Sprintf("internal error while collecting facts on this file: %s; please report it", perr))
		}
	}
	locate := func(n *pyast.Node) Location { return Location{Path: st.path, Span: st.span(n)} }
	if perr := safely(func() {
		st.facts = mod.Facts(locate, st.tags)
		st.facts.Shown = file.shown
		st.facts.Aliases = file.aliases
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
	blank := true
	st.nonBlank = 0
	for i, c := range st.src {
		switch c {
		case '\n':
			st.lineStarts = append(st.lineStarts, i+1)
			if !blank {
				st.nonBlank++
			}
			blank = true
		case ' ', '\t', '\r', '\f', '\v':
		default:
			blank = false
		}
	}
	if !blank {
		st.nonBlank++
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
	st.cache = lineCache{}
}

func (st *fileState) lineText(line int) string {
	if st.text != nil {
		return st.text.lineText(line)
	}
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
	return st.cache.lineText(st.src, line, start, end)
}

func (st *fileState) lineHash(line int) string {
	if st.text != nil {
		return st.text.lineHash(line)
	}
	if st.src == nil {
		return ""
	}
	if st.hashes == nil {
		st.hashes = LineHashes(st.src)
	}
	return LineHashAt(st.hashes, line)
}

// column converts a 0-based byte column on a 0-based row to 1-based code point
// and UTF-16 columns (of the Markdown line, for a Markdown block: the removed
// indentation is spaces and tabs, one column per byte).
func (st *fileState) column(row, byteCol uint32) (int, int) {
	shift := 0
	if int(row) < len(st.shift) {
		shift = st.shift[row]
	}
	if int(row) >= len(st.lineStarts) {
		return int(byteCol) + 1 + shift, int(byteCol) + 1 + shift
	}
	start := st.lineStarts[row]
	end := start + int(byteCol)
	if end > len(st.src) {
		end = len(st.src)
	}
	cp, u16 := st.cache.columns(st.src, start, end)
	return cp + 1 + shift, u16 + 1 + shift
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

// maxGrammarIndent is the deepest indentation, in columns, that the
// tree-sitter Python grammar follows: its scanner keeps indentation widths
// in bytes, so a block indented 256 columns or more (64 levels of four
// spaces; CPython allows 100 levels) derails the whole parse.
const maxGrammarIndent = 255

// firstIndentBeyondGrammar returns the first line indented more than
// maxGrammarIndent columns (a tab counting 8, as in the grammar's scanner)
// and its width, or 0 when there is none.
func (st *fileState) firstIndentBeyondGrammar() (line, width int) {
	for i, start := range st.lineStarts {
		width, end := 0, start
	indent:
		for ; end < len(st.src); end++ {
			switch st.src[end] {
			case ' ':
				width++
			case '\t':
				width += 8
			case '\f':
				width = 0
			default:
				break indent
			}
		}
		// Blank and comment-only lines do not open blocks.
		if width > maxGrammarIndent && end < len(st.src) && !strings.ContainsRune("\r\n#", rune(st.src[end])) {
			return i + 1, width
		}
	}
	return 0, 0
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
	if line, width := st.firstIndentBeyondGrammar(); line > 0 && st.span(first).Line <= line {
		st.addAt(SyntaxErrorRule, line, fmt.Sprintf(
			"could not parse this file: line %d is indented %d columns, more than fastaudit's parser can follow (%d); findings may be missing. Python accepts it, but nesting this deep is hard to read: move inner blocks into functions or return early",
			line, width, maxGrammarIndent))
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
