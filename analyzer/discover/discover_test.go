package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// tree creates files under a new temp dir; a name ending in '/' is a
// directory. It returns the dir, symlinks resolved (macOS /tmp is a link).
func tree(t *testing.T, names ...string) string {
	t.Helper()
	dir, err := filepath.EvalSymlinks(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		p := filepath.Join(dir, filepath.FromSlash(n))
		if strings.HasSuffix(n, "/") {
			mkdir(t, p)
			continue
		}
		write(t, p, "x = 1\n")
	}
	return dir
}

func mkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, p, content string) {
	t.Helper()
	mkdir(t, filepath.Dir(p))
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func paths(files []File) []string {
	out := []string{}
	for _, f := range files {
		out = append(out, f.Path)
	}
	return out
}

func discover(t *testing.T, opts Options, args ...string) (string, []File) {
	t.Helper()
	root, files, err := Discover(args, opts)
	if err != nil {
		t.Fatalf("Discover(%q): %v", args, err)
	}
	for _, f := range files {
		if !filepath.IsAbs(f.Abs) {
			t.Errorf("%s: Abs %q is not absolute", f.Path, f.Abs)
		}
		if f.Path == "" || strings.HasPrefix(f.Path, "./") || strings.HasPrefix(f.Path, "/") || strings.Contains(f.Path, `\`) {
			t.Errorf("bad Path %q", f.Path)
		}
	}
	return root, files
}

func wantPaths(t *testing.T, files []File, want ...string) {
	t.Helper()
	if want == nil {
		want = []string{}
	}
	if got := paths(files); !reflect.DeepEqual(got, want) {
		t.Errorf("paths:\n got %q\nwant %q", got, want)
	}
	for _, f := range files {
		if f.Err != nil {
			t.Errorf("%s: unexpected Err %v", f.Path, f.Err)
		}
	}
}

func TestDiscoverBasic(t *testing.T) {
	dir := tree(t,
		"main.py", "app/__init__.py", "app/routers/items.py", "app/types.pyi",
		"README.md", "app/data.json", "app/py", "app/x.py.bak", "empty/",
		"Zed.py", "app/b.py", "app/a.py",
	)
	root, files := discover(t, Options{}, dir)
	if root != dir {
		t.Errorf("root = %q, want %q", root, dir)
	}
	wantPaths(t, files, "Zed.py", "app/__init__.py", "app/a.py", "app/b.py", "app/routers/items.py", "main.py")
	for _, f := range files {
		if f.Abs != filepath.Join(dir, filepath.FromSlash(f.Path)) {
			t.Errorf("%s: Abs = %q", f.Path, f.Abs)
		}
	}
}

func TestDiscoverSkipDirs(t *testing.T) {
	names := []string{"ok.py", "build.py", "builder/x.py", "environment/x.py", "pkg/env_utils.py", "my.egg-info.d/x.py"}
	for _, d := range SkipDirs {
		names = append(names, d+"/x.py", "pkg/"+d+"/deep/y.py")
	}
	names = append(names, "foo.egg-info/x.py", "pkg/bar.egg-info/x.py")
	dir := tree(t, names...)
	_, files := discover(t, Options{}, dir)
	wantPaths(t, files, "build.py", "builder/x.py", "environment/x.py", "my.egg-info.d/x.py", "ok.py", "pkg/env_utils.py")

	// A skipped directory given explicitly is walked; its own skipped
	// subdirectories are not.
	root, files := discover(t, Options{}, filepath.Join(dir, "build"))
	if root != filepath.Join(dir, "build") {
		t.Errorf("root = %q", root)
	}
	wantPaths(t, files, "x.py")
	_, files = discover(t, Options{}, filepath.Join(dir, "pkg", "venv"))
	wantPaths(t, files, "deep/y.py")
}

func TestDiscoverRoot(t *testing.T) {
	dir := tree(t, "app/main.py", "app/sub/deep.py", "tests/test_x.py", "lib/util.py", "notes.txt")
	app, tests := filepath.Join(dir, "app"), filepath.Join(dir, "tests")

	// One directory.
	root, files := discover(t, Options{}, app)
	if root != app {
		t.Errorf("root = %q, want %q", root, app)
	}
	wantPaths(t, files, "main.py", "sub/deep.py")

	// One file: its directory, Path is the base name.
	root, files = discover(t, Options{}, filepath.Join(app, "sub", "deep.py"))
	if root != filepath.Join(app, "sub") {
		t.Errorf("root = %q", root)
	}
	wantPaths(t, files, "deep.py")

	// Several: longest common ancestor.
	root, files = discover(t, Options{}, app, tests)
	if root != dir {
		t.Errorf("root = %q, want %q", root, dir)
	}
	wantPaths(t, files, "app/main.py", "app/sub/deep.py", "tests/test_x.py")

	root, files = discover(t, Options{}, filepath.Join(app, "main.py"), filepath.Join(app, "sub", "deep.py"))
	if root != app {
		t.Errorf("root = %q, want %q", root, app)
	}
	wantPaths(t, files, "main.py", "sub/deep.py")

	root, _ = discover(t, Options{}, filepath.Join(app, "sub"), filepath.Join(dir, "lib", "util.py"))
	if root != dir {
		t.Errorf("root = %q, want %q", root, dir)
	}

	// Overlapping arguments are deduplicated.
	_, files = discover(t, Options{}, app, filepath.Join(app, "main.py"), app, filepath.Join(app, "sub"))
	wantPaths(t, files, "main.py", "sub/deep.py")

	// Relative arguments and the "." default.
	chdir(t, dir)
	root, files = discover(t, Options{})
	if root != dir {
		t.Errorf("root of no args = %q, want %q", root, dir)
	}
	wantPaths(t, files, "app/main.py", "app/sub/deep.py", "lib/util.py", "tests/test_x.py")
	root, files = discover(t, Options{}, "./app", "tests/")
	if root != dir {
		t.Errorf("root = %q, want %q", root, dir)
	}
	wantPaths(t, files, "app/main.py", "app/sub/deep.py", "tests/test_x.py")
	root, files = discover(t, Options{}, "app/main.py")
	if root != app {
		t.Errorf("root = %q, want %q", root, app)
	}
	wantPaths(t, files, "main.py")
}

func TestDiscoverMissingPath(t *testing.T) {
	dir := tree(t, "a.py")
	chdir(t, dir)
	_, _, err := Discover([]string{"a.py", "nope/app"}, Options{})
	if err == nil {
		t.Fatal("no error for a missing path")
	}
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("error %v is not ErrNotExist", err)
	}
	if err.Error() != "nope/app: no such file or directory" && !strings.HasPrefix(err.Error(), "nope/app: ") {
		t.Errorf("error = %q, want it to name the argument as given", err)
	}
}

func TestDiscoverExplicitFiles(t *testing.T) {
	dir := tree(t, "script", "tool.txt", "venv/lib/x.py", "gen/out.py", "stub.pyi", "ok.py")
	write(t, filepath.Join(dir, ".gitignore"), "gen/\n")
	// Explicit files are audited whatever their name and the ignore rules.
	_, files := discover(t, Options{Exclude: []string{"ok.py"}},
		filepath.Join(dir, "script"), filepath.Join(dir, "venv", "lib", "x.py"),
		filepath.Join(dir, "gen", "out.py"), filepath.Join(dir, "stub.pyi"), filepath.Join(dir, "ok.py"))
	wantPaths(t, files, "gen/out.py", "ok.py", "script", "stub.pyi", "venv/lib/x.py")
	// Walking the same tree honours them.
	_, files = discover(t, Options{Exclude: []string{"ok.py"}}, dir)
	wantPaths(t, files)
}

func TestDiscoverGitignore(t *testing.T) {
	dir := tree(t,
		"keep.py",
		"secret.py",
		"gen_models.py", "app/gen_schema.py",
		"app/main.py", "app/local.py", "app/sub/local.py",
		"generated/a.py", "app/generated/b.py",
		"docs/conf.py", "app/docs/x.py",
		"tmp", "app/tmp/x.py",
		"#weird.py", "!bang.py",
		"deep/a/b/c/skipme.py", "deep/a/keep.py",
		"logs/x.py", "logs/important.py",
		"nested/inner.py", "nested/other.py", "nested/sub/inner.py", "nested/sub/readd.py",
		"trail.py",
	)
	write(t, filepath.Join(dir, ".gitignore"), strings.Join([]string{
		"# comment line, then a blank one",
		"",
		"secret.py",
		"gen_*.py",          // '*' at any depth
		"/app/local.py",     // leading '/' anchors to this directory
		"generated/",        // directories only, any depth
		"/docs",             // anchored directory
		"tmp/",              // directory only: the file "tmp" stays (not .py anyway)
		`\#weird.py`,        // escaped '#'
		`\!bang.py`,         // escaped '!'
		"deep/**/skipme.py", // '**'
		"logs/*",
		"!logs/important.py", // negation
		"trail.py   ",        // trailing spaces are ignored
	}, "\n")+"\n")
	write(t, filepath.Join(dir, "nested", ".gitignore"), "inner.py\n/other.py\n")
	write(t, filepath.Join(dir, "nested", "sub", ".gitignore"), "!readd.py\n")
	write(t, filepath.Join(dir, "nested", "sub", "readd.py"), "")
	write(t, filepath.Join(dir, "nested", ".gitignore"), "inner.py\n/other.py\nreadd.py\n")
	write(t, filepath.Join(dir, "app", "docs", ".gitignore"), "\r\n# windows line endings\r\nnothing.py\r\n")

	_, files := discover(t, Options{}, dir)
	wantPaths(t, files,
		"app/docs/x.py", // /docs is anchored to the root
		"app/main.py",   // only /app/local.py is anchored away
		"app/sub/local.py",
		"deep/a/keep.py",
		"keep.py",
		"logs/important.py",
		"nested/sub/readd.py", // deeper .gitignore re-includes
	)
}

func TestDiscoverGitignoreOfArgumentParents(t *testing.T) {
	dir := tree(t, "app/main.py", "app/gen/x_pb2.py", "app/sub/y_pb2.py", "app/sub/z.py", "tests/t.py")
	write(t, filepath.Join(dir, ".gitignore"), "*_pb2.py\n")
	write(t, filepath.Join(dir, "app", ".gitignore"), "/sub/z.py\n")
	// Root is dir (common ancestor); its .gitignore and app's apply to the
	// argument app/sub.
	_, files := discover(t, Options{}, filepath.Join(dir, "app", "sub"), filepath.Join(dir, "tests"))
	wantPaths(t, files, "tests/t.py")
	// Auditing app alone: the root is app, .gitignore files above it are
	// not part of the audited tree.
	_, files = discover(t, Options{}, filepath.Join(dir, "app"))
	wantPaths(t, files, "gen/x_pb2.py", "main.py", "sub/y_pb2.py")
}

func TestDiscoverExclude(t *testing.T) {
	dir := tree(t,
		"app/main.py", "app/legacy/old.py", "app/migrations/0001.py", "migrations/0002.py",
		"app/models_pb2.py", "app/keep_pb2.py", "scripts/x.py",
	)
	opts := Options{Exclude: []string{"migrations/", "*_pb2.py", "!keep_pb2.py", "app/legacy", "/scripts"}}
	_, files := discover(t, opts, dir)
	wantPaths(t, files, "app/keep_pb2.py", "app/main.py")

	// Anchored globs are relative to ExcludeBase when the root is below it.
	_, files = discover(t, Options{Exclude: []string{"app/legacy/**"}, ExcludeBase: dir}, filepath.Join(dir, "app"))
	wantPaths(t, files, "keep_pb2.py", "main.py", "migrations/0001.py", "models_pb2.py")
	// Without ExcludeBase the same glob is relative to the root and does not match.
	_, files = discover(t, Options{Exclude: []string{"app/legacy/**"}}, filepath.Join(dir, "app"))
	wantPaths(t, files, "keep_pb2.py", "legacy/old.py", "main.py", "migrations/0001.py", "models_pb2.py")
	// ExcludeBase equal to the root, or not above it, changes nothing.
	_, files = discover(t, Options{Exclude: []string{"legacy"}, ExcludeBase: filepath.Join(dir, "scripts")}, filepath.Join(dir, "app"))
	wantPaths(t, files, "keep_pb2.py", "main.py", "migrations/0001.py", "models_pb2.py")
}

func TestDiscoverUnreadableDir(t *testing.T) {
	dir := tree(t, "a.py", "locked/b.py", "open/c.py")
	locked := filepath.Join(dir, "locked")
	old := readDir
	t.Cleanup(func() { readDir = old })
	readDir = func(name string) ([]os.DirEntry, error) {
		if name == locked || name == dir+"-root" {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
		}
		return old(name)
	}
	_, files := discover(t, Options{}, dir)
	if got := paths(files); !reflect.DeepEqual(got, []string{"a.py", "locked", "open/c.py"}) {
		t.Fatalf("paths = %q", got)
	}
	f := files[1]
	if f.Err == nil || !errors.Is(f.Err, fs.ErrPermission) || f.Abs != locked {
		t.Errorf("locked entry = %+v", f)
	}
	if strings.Contains(f.Err.Error(), dir) {
		t.Errorf("error %q repeats the absolute path", f.Err)
	}

	// An unreadable root is reported as ".".
	readDir = func(name string) ([]os.DirEntry, error) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	_, files, err := Discover([]string{dir}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Path != "." || files[0].Err == nil {
		t.Errorf("files = %+v", files)
	}
}

func TestParsePattern(t *testing.T) {
	tests := []struct {
		line string
		want pattern
		ok   bool
	}{
		{"", pattern{}, false},
		{"# comment", pattern{}, false},
		{"   ", pattern{}, false},
		{"/", pattern{}, false},
		{"!", pattern{}, false},
		{"*.py", pattern{glob: "*.py"}, true},
		{"*.py\r", pattern{glob: "*.py"}, true},
		{"/app", pattern{glob: "app", anchored: true}, true},
		{"app/", pattern{glob: "app", dirOnly: true}, true},
		{"app/x/", pattern{glob: "app/x", dirOnly: true, anchored: true}, true},
		{"a/b", pattern{glob: "a/b", anchored: true}, true},
		{"**/a", pattern{glob: "**/a", anchored: true}, true},
		{"!keep.py", pattern{glob: "keep.py", negate: true}, true},
		{`\!x`, pattern{glob: "!x"}, true},
		{`\#x`, pattern{glob: "#x"}, true},
		{"x  ", pattern{glob: "x"}, true},
		{`x\ `, pattern{glob: `x\ `}, true},
		{`x\\ `, pattern{glob: `x\\`}, true},
	}
	for _, tt := range tests {
		got, ok := parsePattern(tt.line)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("parsePattern(%q) = %+v, %v; want %+v, %v", tt.line, got, ok, tt.want, tt.ok)
		}
	}
}

func TestCommonAncestor(t *testing.T) {
	sep := string(filepath.Separator)
	j := func(parts ...string) string { return sep + filepath.Join(parts...) }
	tests := []struct{ a, b, want string }{
		{j("a", "b"), j("a", "b"), j("a", "b")},
		{j("a", "b"), j("a", "c"), j("a")},
		{j("a", "b", "c"), j("a", "b"), j("a", "b")},
		{j("a", "bc"), j("a", "b"), j("a")}, // not a string prefix
		{j("x"), j("y"), sep},
	}
	for _, tt := range tests {
		if got := commonAncestor(tt.a, tt.b); got != tt.want {
			t.Errorf("commonAncestor(%q, %q) = %q, want %q", tt.a, tt.b, got, tt.want)
		}
	}
}

// chdir changes the working directory for the rest of the test (the module
// targets go1.22, before testing.T.Chdir).
func chdir(t *testing.T, dir string) {
	t.Helper()
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chdir(old) })
}
