//go:build unix

package discover

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func symlink(t *testing.T, target, name string) {
	t.Helper()
	mkdir(t, filepath.Dir(name))
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

func fileByPath(files []File, p string) (File, bool) {
	for _, f := range files {
		if f.Path == p {
			return f, true
		}
	}
	return File{}, false
}

func TestDiscoverSymlinks(t *testing.T) {
	outside := tree(t, "evil.py", "pkg/mod.py")
	dir := tree(t, "app/main.py", "app/models.py", "shared/util.py", "ignored/gen.py", "hidden/h.py", "pkg/real/r.py")
	write(t, filepath.Join(dir, ".gitignore"), "ignored/\nhidden/\n")

	// A file link to a file that is audited anyway: listed once, real path wins.
	symlink(t, "models.py", filepath.Join(dir, "app", "a_models_link.py"))
	// A file link into an ignored directory: listed under the link's name.
	symlink(t, "../ignored/gen.py", filepath.Join(dir, "app", "gen_link.py"))
	// A directory link to a directory walked anyway: not walked twice.
	symlink(t, "../shared", filepath.Join(dir, "app", "aaa_shared"))
	// A directory link to a directory that is not walked otherwise.
	symlink(t, "../hidden", filepath.Join(dir, "app", "gen_dir"))
	// Two links to the same file outside the walked tree: listed once.
	symlink(t, "../ignored/gen.py", filepath.Join(dir, "app", "gen_link2.py"))
	// Links leaving the root: skipped silently.
	symlink(t, filepath.Join(outside, "evil.py"), filepath.Join(dir, "app", "evil.py"))
	symlink(t, filepath.Join(outside, "pkg"), filepath.Join(dir, "app", "outside_pkg"))
	// Directory cycles: skipped silently.
	symlink(t, "..", filepath.Join(dir, "app", "parent"))
	symlink(t, ".", filepath.Join(dir, "app", "self"))
	symlink(t, dir, filepath.Join(dir, "pkg", "real", "root"))
	// A link is judged by its own name: readme.py is audited (and its
	// target named README is not), a link named .py to a directory is walked.
	symlink(t, "../README", filepath.Join(dir, "app", "readme.py"))
	write(t, filepath.Join(dir, "README"), "hi")
	symlink(t, "../shared", filepath.Join(dir, "app", "dir.py"))
	// Broken links and loops named .py become errors; others are skipped.
	symlink(t, "missing.py", filepath.Join(dir, "app", "broken.py"))
	symlink(t, "missing", filepath.Join(dir, "app", "broken_dir"))
	symlink(t, "loop_b.py", filepath.Join(dir, "app", "loop_a.py"))
	symlink(t, "loop_a.py", filepath.Join(dir, "app", "loop_b.py"))
	symlink(t, "self_loop.py", filepath.Join(dir, "app", "self_loop.py"))
	symlink(t, "dloop2", filepath.Join(dir, "app", "dloop1"))
	symlink(t, "dloop1", filepath.Join(dir, "app", "dloop2"))
	// Ignored broken link: not reported.
	symlink(t, "nowhere.py", filepath.Join(dir, "ignored", "broken.py"))

	_, files := discover(t, Options{}, dir)
	var got []string
	for _, f := range files {
		s := f.Path
		if f.Err != nil {
			s += " ERR"
		}
		got = append(got, s)
	}
	want := []string{
		"app/broken.py ERR",
		"app/gen_dir/h.py",
		"app/gen_link.py",
		"app/loop_a.py ERR",
		"app/loop_b.py ERR",
		"app/main.py",
		"app/models.py",
		"app/readme.py",
		"app/self_loop.py ERR",
		"pkg/real/r.py",
		"shared/util.py",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("files:\n got %q\nwant %q", got, want)
	}
	if f, _ := fileByPath(files, "app/broken.py"); f.Err != nil {
		if !errors.Is(f.Err, fs.ErrNotExist) || !strings.Contains(f.Err.Error(), "broken symbolic link") {
			t.Errorf("broken.py: %v", f.Err)
		}
	}
	if f, _ := fileByPath(files, "app/loop_a.py"); f.Err != nil {
		if !errors.Is(f.Err, syscall.ELOOP) || !strings.Contains(f.Err.Error(), "symbolic link loop") {
			t.Errorf("loop_a.py: %v", f.Err)
		}
	}
	if f, _ := fileByPath(files, "app/gen_link.py"); f.Abs != filepath.Join(dir, "app", "gen_link.py") {
		t.Errorf("gen_link.py Abs = %q", f.Abs)
	}
}

func TestDiscoverRootThroughSymlink(t *testing.T) {
	real := tree(t, "app/main.py", "app/core/db.py")
	symlink(t, "core", filepath.Join(real, "app", "core_link"))
	links := tree(t)
	link := filepath.Join(links, "project")
	symlink(t, filepath.Join(real, "app"), link)

	root, files := discover(t, Options{}, link)
	if root != link {
		t.Errorf("root = %q, want the path as given %q", root, link)
	}
	// core_link points inside the (real) root: followed, but core is
	// already walked, so nothing is listed twice.
	wantPaths(t, files, "core/db.py", "main.py")
	for _, f := range files {
		if !strings.HasPrefix(f.Abs, link) {
			t.Errorf("Abs %q not under the root as given", f.Abs)
		}
	}
}

func TestDiscoverSymlinkArgumentOutsideRoot(t *testing.T) {
	outside := tree(t, "lib/x.py", "lib/inner/y.py")
	symlink(t, "inner", filepath.Join(outside, "lib", "inner_link"))
	dir := tree(t, "app/main.py")
	symlink(t, filepath.Join(outside, "lib"), filepath.Join(dir, "lib"))
	// Given explicitly, the link is walked, and links inside it that stay
	// inside it are fine.
	_, files := discover(t, Options{}, filepath.Join(dir, "app"), filepath.Join(dir, "lib"))
	wantPaths(t, files, "app/main.py", "lib/inner/y.py", "lib/x.py")
}

func TestDiscoverSpecialFiles(t *testing.T) {
	dir := tree(t, "a.py")
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.py"), 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	symlink(t, "pipe.py", filepath.Join(dir, "pipe_link.py"))
	// A FIFO would block the reader: never listed.
	_, files := discover(t, Options{}, dir)
	wantPaths(t, files, "a.py")
}

func TestDiscoverTrailingSpaceName(t *testing.T) {
	dir := tree(t, "spaced.py ", "trail.py", "x.py")
	write(t, filepath.Join(dir, ".gitignore"), "trail.py   \nspaced.py\\ \n")
	_, files := discover(t, Options{}, dir)
	wantPaths(t, files, "x.py")
}

func TestDiscoverPermissions(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root ignores file permissions (TestDiscoverUnreadableDir covers the logic)")
	}
	dir := tree(t, "a.py", "locked/b.py", "secret.py")
	locked, secret := filepath.Join(dir, "locked"), filepath.Join(dir, "secret.py")
	if err := os.Chmod(locked, 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(secret, 0); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(locked, 0o755) })
	_, files := discover(t, Options{}, dir)
	if got := paths(files); strings.Join(got, ",") != "a.py,locked,secret.py" {
		t.Fatalf("paths = %q", got)
	}
	if !errors.Is(files[1].Err, fs.ErrPermission) {
		t.Errorf("locked: Err = %v", files[1].Err)
	}
	if files[2].Err != nil {
		t.Errorf("unreadable file is listed without Err (the runner's read fails): %v", files[2].Err)
	}
}
