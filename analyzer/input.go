package analyzer

// The input of a run: Python files found on disk or given in memory
// (Options.Sources), and the virtual Python files of Markdown documents.

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/fastaudit/fastaudit/analyzer/discover"
	"github.com/fastaudit/fastaudit/analyzer/markdown"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// input is one file of the per-file phase.
type input struct {
	// Path identifies the file in the run; for a virtual file of a
	// Markdown document it is "<document path>/<block file name>". Abs is
	// "" for a file held in memory.
	discover.File
	content []byte   // the source, when held in memory
	module  string   // its path in its project: Path, or a Markdown block's file name
	nameRel string   // the path its module name derives from (module below its source root)
	aliases []string // other names it may be imported by (see nameModules)
	group   int      // its project: 0 for Python files, one per Markdown document
	// shown is, for a Markdown block, the document's path: the path its
	// findings show and per-file-ignores match.
	shown string
	shift []int // for a Markdown block: bytes of indentation removed per 0-based line
	lines int   // for a Markdown block: its code lines
	// text is the text findings quote, when held in memory: a Markdown
	// document (not its virtual files) or a Source.
	text *fileState
	// failed is a Markdown document that could not be read, with its FA002.
	failed *fileState
}

// IsMarkdown reports whether a path names a Markdown document (.md,
// .markdown), which the run expands into the Python files of its code blocks.
func IsMarkdown(p string) bool {
	p = strings.ToLower(p)
	return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")
}

// inputs lists the files of the run: Options.Sources, or what discovery
// finds, with Markdown documents expanded; it sets r.root, r.inputCount
// and the module names.
func (r *runner) inputs() ([]input, error) {
	var files []input
	if len(r.opts.Sources) > 0 {
		seen := map[string]bool{}
		for _, s := range r.opts.Sources {
			p := path.Clean(s.Path)
			if s.Path == "" || p == "." || p == ".." || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "../") {
				return nil, fmt.Errorf("source %q: the path must be relative and inside the project", s.Path)
			}
			if seen[p] {
				return nil, fmt.Errorf("source %q: given twice", s.Path)
			}
			seen[p] = true
			in := input{File: discover.File{Path: p}, content: s.Content, module: p}
			if !IsMarkdown(p) {
				in.text = newText(s.Content)
			}
			files = append(files, in)
		}
		sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	} else {
		root, found, err := discover.Discover(r.opts.Paths, discover.Options{Exclude: r.cfg.Exclude, ExcludeBase: r.cfg.Dir()})
		if err != nil {
			return nil, err
		}
		r.root = root
		for _, f := range found {
			files = append(files, input{File: f, module: f.Path})
		}
	}
	r.inputCount = len(files)
	files = r.expandMarkdown(files)
	r.nameModules(files)
	return files, nil
}

// newText indexes a text kept in memory for quoting lines in findings. Its
// line hashes are computed at once: the text is shared, read-only, by the
// files of a document and by the project phase.
func newText(src []byte) *fileState {
	t := &fileState{src: bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))}
	t.index()
	t.hashes = LineHashes(t.src)
	return t
}

// expandMarkdown replaces each Markdown document by the virtual Python
// files of its code blocks (see package markdown), each document a project
// of its own. A document without Python disappears (it still counts in
// Result.Files); one that cannot be read stays, to report why (FA002).
// Directory walks only find *.py files, so only documents named on the
// command line or given as Sources get here.
func (r *runner) expandMarkdown(files []input) []input {
	var out []input
	var parser *pyast.Parser
	defer func() { parser.Close() }()
	group := 0
	for _, f := range files {
		if f.Err != nil || !IsMarkdown(f.Path) {
			out = append(out, f)
			continue
		}
		st := &fileState{path: f.Path}
		src := r.load(st, f)
		if src == nil {
			f.failed = st
			out = append(out, f)
			continue
		}
		if parser == nil {
			parser = pyast.NewParser()
			parser.Timeout = r.opts.ParseTimeout
		}
		isPython := func(code []byte) bool { return isPythonCode(parser, code) }
		doc := newText(withLFs(src))
		group++
		for _, vf := range markdown.Extract(doc.src, isPython) {
			out = append(out, input{
				File: discover.File{Path: f.Path + "/" + vf.Name}, content: vf.Content, module: vf.Name, group: group,
				shown: f.Path, shift: vf.ColumnShift, lines: vf.Lines(), text: doc,
			})
		}
	}
	return out
}

// bareValues are the expressions that alone do not make an unlabelled
// block Python: word lists (requirements), JSON objects, numbers, version
// comparisons like `fastapi>=0.110` all parse as Python.
var bareValues = map[string]bool{
	"identifier": true, "attribute": true, "string": true, "concatenated_string": true, "integer": true, "float": true,
	"true": true, "false": true, "none": true, "dictionary": true, "list": true, "tuple": true, "set": true,
	"comparison_operator": true, "binary_operator": true, "unary_operator": true, "parenthesized_expression": true,
}

// isPythonCode decides whether an unlabelled Markdown block is Python: it
// parses without error and has a statement other than a bare value.
func isPythonCode(parser *pyast.Parser, code []byte) bool {
	tree, err := parser.Parse(code)
	if err != nil || tree.HasError {
		return false
	}
	for _, st := range tree.Root.Children {
		switch {
		case st.Kind == "comment":
		case st.Kind != "expression_statement" || !bareValues[st.NamedChild(0).Kind]:
			return true
		}
	}
	return false
}

// nameModules derives module names per project. Python files are named
// from their source roots (SourceRoots); the blocks of a Markdown document
// from their file names, as if the document were a directory of its own,
// so `from main import app` in a test block imports the block named
// main.py of the same document and of no other.
//
// A file may be imported by other names too, depending on which directory
// is on sys.path: from any package boundary above it (`app.api.router`
// for backend/app/api/router.py when backend/ and app/ are packages), and
// from the audited root (`api.v1.routes` where api/ is a namespace package
// around the package v1). Those become aliases. Files on disk under a root
// directory that is itself a package (`fastaudit ./app`, app/__init__.py)
// are named from above it, as the code imports them: `from app.api import x`.
func (r *runner) nameModules(files []input) {
	byGroup := map[int][]string{}
	for _, f := range files {
		if f.Err == nil && f.failed == nil {
			byGroup[f.group] = append(byGroup[f.group], f.module)
		}
	}
	type naming struct {
		nameRel string
		aliases []string
	}
	names := map[int]map[string]naming{}
	r.groupModules = map[int]map[string]bool{}
	rootPkg := ""
	if r.root != "" {
		rootPkg = packagePath(r.root)
	}
	for g, rels := range byGroup {
		prefix := ""
		if g == 0 {
			prefix = rootPkg
		}
		full := make([]string, len(rels))
		pkgDirs := map[string]bool{}
		for i, rel := range rels {
			full[i] = path.Join(prefix, rel)
			if path.Base(rel) == "__init__.py" {
				pkgDirs[path.Dir(full[i])] = true
			}
		}
		for d := prefix; d != "." && d != ""; d = path.Dir(d) {
			pkgDirs[d] = true
		}
		roots := SourceRoots(full)
		modules := map[string]bool{}
		names[g] = map[string]naming{}
		for i, rel := range rels {
			primary, _ := ModuleName(roots[full[i]])
			modules[primary] = true
			var aliases []string
			add := func(nameRel string) {
				n, _ := ModuleName(nameRel)
				if n != primary && !slices.Contains(aliases, n) {
					aliases = append(aliases, n)
					modules[n] = true
				}
			}
			for d := path.Dir(full[i]); d != "."; d = path.Dir(d) {
				if pkgDirs[d] {
					if above := path.Dir(d); above == "." {
						add(full[i])
					} else {
						add(strings.TrimPrefix(full[i], above+"/"))
					}
				}
			}
			add(rel)
			names[g][rel] = naming{roots[full[i]], aliases}
		}
		r.groupModules[g] = modules
	}
	for i, f := range files { // by index: paths are unique per project only
		if n, ok := names[f.group][f.module]; ok {
			files[i].nameRel, files[i].aliases = n.nameRel, n.aliases
		}
	}
}

// packagePath returns the slash-separated package path that names the
// modules directly in dir when dir is a package (has __init__.py): "app",
// or "backend/app" when backend/ is a package too; "" when it is not.
func packagePath(dir string) string {
	var parts []string
	for i := 0; i < 32; i++ {
		name := filepath.Base(dir)
		if !isIdentifier(name) {
			break
		}
		if _, err := os.Stat(filepath.Join(dir, "__init__.py")); err != nil {
			break
		}
		parts = append([]string{name}, parts...)
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return strings.Join(parts, "/")
}

// isIdentifier reports whether s can name a Python package.
func isIdentifier(s string) bool {
	for i, c := range s {
		if c != '_' && !unicode.IsLetter(c) && (i == 0 || !unicode.IsDigit(c)) {
			return false
		}
	}
	return s != ""
}

// isTestPath classifies a file by test-paths: a Markdown block by its own
// file name, so a document's location does not make all its blocks tests.
func (r *runner) isTestPath(file input) bool {
	if file.shown != "" {
		return r.cfg.IsTestPath(file.module)
	}
	return r.cfg.IsTestPath(r.cfg.RelPath(r.root, file.Path))
}

// load reads a file's source, or reports in st (FA002) why it is not
// audited and returns nil: unreadable, too large, binary or not UTF-8.
func (r *runner) load(st *fileState, file input) []byte {
	if file.Err != nil {
		st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: %v", file.Err))
		return nil
	}
	src := file.content
	if file.Abs == "" {
		if size := int64(len(src)); size > r.opts.MaxFileBytes {
			st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: %d bytes is over the %d-byte limit; raise the limit or exclude the file", size, r.opts.MaxFileBytes))
			return nil
		}
	} else {
		info, err := os.Stat(file.Abs)
		if err == nil && info.Size() > r.opts.MaxFileBytes {
			st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: %d bytes is over the %d-byte limit; raise the limit or exclude the file", info.Size(), r.opts.MaxFileBytes))
			return nil
		}
		if src, err = readFile(file.Abs); err != nil {
			st.addAt(UnreadableRule, 1, fmt.Sprintf("file not audited: %v", cleanErr(err)))
			return nil
		}
	}
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if i := bytes.IndexByte(src, 0); i >= 0 {
		st.addAt(UnreadableRule, 1, "file not audited: it contains NUL bytes (binary data), so it is not Python source")
		return nil
	}
	if !utf8.Valid(src) {
		st.src = src
		st.index()
		line := 1 + bytes.Count(src[:firstInvalidUTF8(src)], []byte("\n"))
		st.addAt(UnreadableRule, line, "file not audited: it is not valid UTF-8 (first bad byte on this line); save it as UTF-8")
		st.src = nil
		return nil
	}
	return src
}

// projectGroups splits the project phase: the Python files are one
// project and each Markdown document another, so that one answer's tests
// do not cover another answer's routes, nor its modules shadow theirs.
type projectGroups struct {
	list []*projectGroup
	of   []*Project // the project of each state
	// all is Result.Project: the one project, or with several, an index of
	// all of them together.
	all *Project
}

type projectGroup struct {
	project *Project
	states  []*fileState
	files   []input
	facts   []*ModuleFacts
}

func (r *runner) projects(states []*fileState, files []input) *projectGroups {
	gs := &projectGroups{of: make([]*Project, len(states))}
	byGroup := map[int]*projectGroup{}
	var all []*ModuleFacts
	for i, st := range states {
		g := byGroup[files[i].group]
		if g == nil {
			g = &projectGroup{}
			byGroup[files[i].group] = g
			gs.list = append(gs.list, g)
		}
		g.states = append(g.states, st)
		g.files = append(g.files, files[i])
		if st.facts != nil {
			g.facts = append(g.facts, st.facts)
			all = append(all, st.facts)
		}
	}
	for _, g := range gs.list {
		g.project = NewProject(g.facts)
	}
	for i := range states {
		gs.of[i] = byGroup[files[i].group].project
	}
	switch len(gs.list) {
	case 0:
		gs.all = NewProject(nil)
	case 1:
		gs.all = gs.list[0].project
	default:
		gs.all = NewProject(all)
	}
	return gs
}

// shownPath is the path findings of the file show: a Markdown block's
// document, or the file itself.
func (st *fileState) shownPath() string {
	if st.shown != "" {
		return st.shown
	}
	return st.path
}

// present finishes a kept finding: a Markdown block's finding moves to its
// document's path, and a project-phase finding of a file held in memory
// quotes its line from the kept text (the runner can't read it again).
func (st *fileState) present(f *Finding) {
	if st.text != nil && f.LineHash == "" {
		f.LineHash, f.SourceLine = st.text.lineHash(f.Line), st.text.lineText(f.Line)
	}
	f.Path = st.shownPath()
}
