// Package discover finds the Python files to audit.
//
// It walks the given files and directories, keeps `*.py` files (not
// `*.pyi`), skips virtualenvs, caches and build output, `exclude:` globs and
// the `.gitignore` files of the audited tree, follows symlinks only while
// they stay inside the audited root, and never loops.
package discover

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// File is one entry to audit.
type File struct {
	Path string // relative to Root, '/'-separated (for a single file argument: its base name)
	Abs  string // absolute path to read
	// Err is non-nil when the entry cannot be audited: a broken symlink or a
	// symlink loop named *.py, or a directory that cannot be read (then Path
	// is the directory, "." for the root). The runner reports it as FA002.
	Err error
}

// Options configures Discover.
type Options struct {
	// Exclude holds globs from config `exclude:`, with gitignore semantics:
	// a glob without '/' (other than a trailing one) matches a file or
	// directory name at any depth; a glob with a '/' is anchored; a
	// trailing '/' matches directories only; `!glob` re-includes.
	Exclude []string
	// ExcludeBase is the directory the Exclude globs are relative to,
	// normally the config file's directory (config.Config.Dir()). Empty
	// means the audited root. When the root lies below ExcludeBase, globs
	// are matched against the path from ExcludeBase, so `app/legacy/**`
	// still applies when only `app` is audited.
	ExcludeBase string
}

// SkipDirs are the directory names never walked into (besides `*.egg-info`).
var SkipDirs = []string{
	".git", ".venv", "venv", "env", "node_modules", "__pycache__", "site-packages",
	"build", "dist", ".tox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs",
}

var skipDirs = func() map[string]bool {
	m := map[string]bool{}
	for _, d := range SkipDirs {
		m[d] = true
	}
	return m
}()

// readDir is os.ReadDir; tests replace it to simulate unreadable
// directories when running as root.
var readDir = os.ReadDir

// Discover walks paths (files or directories; empty means ".") and returns
// the absolute root all paths are relative to, and every *.py file, sorted
// by Path and deduplicated.
//
// The root is the directory argument itself, a file argument's directory,
// or the longest common ancestor directory of several arguments. A path
// that does not exist (or cannot be stat'ed) is an error. Explicit file
// arguments are audited whatever their extension and even when excluded or
// ignored; explicit directory arguments are walked even when their name is
// skipped or ignored (their contents are filtered as usual).
//
// Symlinks are followed only when their target stays inside the root (or
// inside an argument): a symlink leaving it is skipped silently, and so is
// a directory symlink cycle. A broken symlink or a symlink loop named *.py
// becomes a File with Err. Each real file is listed once: when a symlink
// and its target are both in the tree, the target's own path wins.
func Discover(paths []string, opts Options) (root string, files []File, err error) {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	type arg struct {
		abs   string
		isDir bool
	}
	args := make([]arg, 0, len(paths))
	dirs := make([]string, 0, len(paths))
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", p, err)
		}
		fi, err := os.Stat(abs)
		if err != nil {
			return "", nil, fmt.Errorf("%s: %w", p, reason(err))
		}
		args = append(args, arg{abs, fi.IsDir()})
		if fi.IsDir() {
			dirs = append(dirs, abs)
		} else {
			dirs = append(dirs, filepath.Dir(abs))
		}
	}
	root = dirs[0]
	for _, d := range dirs[1:] {
		root = commonAncestor(root, d)
	}

	w := &walker{
		root:      root,
		files:     map[string]File{},
		seenDirs:  map[string]bool{},
		seenFiles: map[string]bool{},
	}
	w.allowed = []string{realPath(root)}
	for _, a := range args {
		if a.isDir {
			w.allowed = append(w.allowed, realPath(a.abs))
		}
	}
	w.setExclude(opts)

	// Explicit files first: they are audited whatever the ignore rules say.
	for _, a := range args {
		if !a.isDir {
			w.addFile(w.rel(a.abs), a.abs, realPath(a.abs))
		}
	}
	for _, a := range args {
		if a.isDir {
			w.walkArg(a.abs)
		}
	}
	// Symlinked directories, then symlinked files, after every real path:
	// so a file reachable both ways is reported under its real path.
	for len(w.pendingDirs) > 0 {
		l := w.pendingDirs[0]
		w.pendingDirs = w.pendingDirs[1:]
		w.walkDir(l.abs, l.rel, l.real, l.stack)
	}
	for _, l := range w.pendingFiles {
		w.addFile(l.rel, l.abs, l.real)
	}

	files = make([]File, 0, len(w.files))
	for _, f := range w.files {
		files = append(files, f)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return root, files, nil
}

type link struct {
	abs, rel, real string
	stack          []*ignoreFile
}

type walker struct {
	root    string
	allowed []string // real directories symlink targets may point into

	exclude       *ignoreFile // Exclude globs; base "" (prefix applied first)
	excludePrefix string      // path of the root below ExcludeBase, '/'-separated, or ""

	files        map[string]File // by Path
	seenDirs     map[string]bool // real paths of walked directories
	seenFiles    map[string]bool // real paths of listed files
	pendingDirs  []link
	pendingFiles []link
}

func (w *walker) setExclude(opts Options) {
	for _, g := range opts.Exclude {
		if p, ok := parsePattern(g); ok {
			if w.exclude == nil {
				w.exclude = &ignoreFile{}
			}
			w.exclude.patterns = append(w.exclude.patterns, p)
		}
	}
	if opts.ExcludeBase == "" {
		return
	}
	base, err := filepath.Abs(opts.ExcludeBase)
	if err != nil {
		return
	}
	prefix, err := filepath.Rel(base, w.root)
	if err != nil {
		return
	}
	prefix = filepath.ToSlash(prefix)
	if prefix == "." || prefix == ".." || strings.HasPrefix(prefix, "../") {
		return
	}
	w.excludePrefix = prefix
}

// rel returns abs relative to the root, '/'-separated ("." for the root).
func (w *walker) rel(abs string) string {
	r, err := filepath.Rel(w.root, abs)
	if err != nil {
		return filepath.ToSlash(abs)
	}
	return filepath.ToSlash(r)
}

// walkArg walks a directory argument, with the .gitignore files of the
// directories between the root and it.
func (w *walker) walkArg(abs string) {
	rel := w.rel(abs)
	var stack []*ignoreFile
	if rel != "." {
		// .gitignore files of the root and of each directory above abs.
		dir, r := w.root, ""
		stack = w.loadIgnore(stack, dir, r)
		parts := strings.Split(rel, "/")
		for _, part := range parts[:len(parts)-1] {
			dir = filepath.Join(dir, part)
			r = join(r, part)
			stack = w.loadIgnore(stack, dir, r)
		}
	} else {
		rel = ""
	}
	w.walkDir(abs, rel, realPath(abs), stack)
}

// loadIgnore pushes dir's .gitignore, if any, onto stack (copy on write).
func (w *walker) loadIgnore(stack []*ignoreFile, dir, rel string) []*ignoreFile {
	p := filepath.Join(dir, ".gitignore")
	fi, err := os.Lstat(p)
	if err != nil || !fi.Mode().IsRegular() {
		return stack
	}
	data, err := os.ReadFile(p)
	if err != nil {
		return stack
	}
	f := parseIgnoreFile(rel, data)
	if f == nil {
		return stack
	}
	out := make([]*ignoreFile, len(stack), len(stack)+1)
	copy(out, stack)
	return append(out, f)
}

// walkDir lists dir (rel is its path from the root, "" for the root; real
// its real path) and descends into its subdirectories.
func (w *walker) walkDir(abs, rel, real string, stack []*ignoreFile) {
	if w.seenDirs[real] {
		return
	}
	w.seenDirs[real] = true
	entries, err := readDir(abs)
	if err != nil {
		p := rel
		if p == "" {
			p = "."
		}
		w.addError(p, abs, fmt.Errorf("cannot read directory: %w", reason(err)))
		if len(entries) == 0 {
			return
		}
	}
	stack = w.loadIgnore(stack, abs, rel)
	for _, e := range entries {
		name := e.Name()
		childAbs := filepath.Join(abs, name)
		childRel := join(rel, name)
		childReal := filepath.Join(real, name)
		switch t := e.Type(); {
		case t&fs.ModeSymlink != 0:
			w.symlink(name, childAbs, childRel, stack)
		case t.IsDir():
			if !w.skipDir(name, childRel, stack) {
				w.walkDir(childAbs, childRel, childReal, stack)
			}
		case t.IsRegular():
			if isPython(name) && !w.ignored(childRel, false, stack) {
				w.addFile(childRel, childAbs, childReal)
			}
		}
		// Other types (sockets, pipes, devices) are never audited.
	}
}

// symlink handles a symbolic link found while walking.
func (w *walker) symlink(name, abs, rel string, stack []*ignoreFile) {
	fi, err := os.Stat(abs)
	if err == nil {
		var real string
		real, err = filepath.EvalSymlinks(abs)
		if err == nil {
			if !w.inside(real) {
				return // leaves the root: skipped silently, like ruff
			}
			switch {
			case fi.IsDir():
				if !w.skipDir(name, rel, stack) {
					w.pendingDirs = append(w.pendingDirs, link{abs, rel, real, stack})
				}
			case fi.Mode().IsRegular():
				if isPython(name) && !w.ignored(rel, false, stack) {
					w.pendingFiles = append(w.pendingFiles, link{abs, rel, real, stack})
				}
			}
			return
		}
	}
	// Broken link or loop: report it when it looks like a Python file.
	if isPython(name) && !w.ignored(rel, false, stack) {
		w.addError(rel, abs, linkError(err))
	}
}

func linkError(err error) error {
	err = reason(err)
	switch {
	case errors.Is(err, syscall.ELOOP):
		return fmt.Errorf("symbolic link loop: %w", err)
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("broken symbolic link: %w", err)
	case err != nil && strings.Contains(err.Error(), "too many links"):
		// filepath.EvalSymlinks reports loops with its own error.
		return fmt.Errorf("symbolic link loop: %w", err)
	}
	return fmt.Errorf("cannot follow symbolic link: %w", err)
}

func (w *walker) skipDir(name, rel string, stack []*ignoreFile) bool {
	if skipDirs[name] || strings.HasSuffix(name, ".egg-info") {
		return true
	}
	return w.ignored(rel, true, stack)
}

// ignored applies the exclude globs and the .gitignore stack to rel.
func (w *walker) ignored(rel string, isDir bool, stack []*ignoreFile) bool {
	if w.exclude != nil && ignored([]*ignoreFile{w.exclude}, join(w.excludePrefix, rel), isDir) {
		return true
	}
	return ignored(stack, rel, isDir)
}

func (w *walker) inside(real string) bool {
	for _, dir := range w.allowed {
		if isWithin(real, dir) {
			return true
		}
	}
	return false
}

func (w *walker) addFile(rel, abs, real string) {
	if _, dup := w.files[rel]; dup || w.seenFiles[real] {
		return
	}
	w.seenFiles[real] = true
	w.files[rel] = File{Path: rel, Abs: abs}
}

func (w *walker) addError(rel, abs string, err error) {
	if _, dup := w.files[rel]; dup {
		return
	}
	w.files[rel] = File{Path: rel, Abs: abs, Err: err}
}

func isPython(name string) bool { return strings.HasSuffix(name, ".py") }

func join(dir, name string) string {
	if dir == "" {
		return name
	}
	return dir + "/" + name
}

// realPath resolves symlinks in p, or returns p when it cannot.
func realPath(p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		return r
	}
	return p
}

// isWithin reports whether p is dir or lies inside it.
func isWithin(p, dir string) bool {
	if p == dir {
		return true
	}
	if !strings.HasSuffix(dir, string(filepath.Separator)) {
		dir += string(filepath.Separator)
	}
	return strings.HasPrefix(p, dir)
}

// commonAncestor returns the longest common ancestor of two clean
// absolute directories.
func commonAncestor(a, b string) string {
	for !isWithin(b, a) {
		parent := filepath.Dir(a)
		if parent == a {
			return a
		}
		a = parent
	}
	return a
}

// reason strips the *fs.PathError wrapper (whose message repeats the
// absolute path) and keeps the cause, so errors.Is still works.
func reason(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
