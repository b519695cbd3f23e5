package corpusgen

import (
	"bytes"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// readTree returns every file under dir keyed by its slash-separated relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGenerateDeterministic(t *testing.T) {
	const target = 6000
	a, b := t.TempDir(), t.TempDir()
	fa, la, err := Generate(a, target, 42)
	if err != nil {
		t.Fatal(err)
	}
	fb, lb, err := Generate(b, target, 42)
	if err != nil {
		t.Fatal(err)
	}
	if fa != fb || la != lb {
		t.Fatalf("same seed, different size: %d files/%d lines vs %d/%d", fa, la, fb, lb)
	}
	if la < target {
		t.Fatalf("got %d lines, want at least %d", la, target)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if len(ta) != fa {
		t.Errorf("Generate reported %d files, found %d on disk", fa, len(ta))
	}
	lines := 0
	for name, content := range ta {
		other, ok := tb[name]
		if !ok {
			t.Errorf("%s missing from the second run", name)
			continue
		}
		if !bytes.Equal(content, other) {
			t.Errorf("%s differs between two runs with the same seed", name)
		}
		if !strings.HasSuffix(name, ".py") {
			t.Errorf("unexpected non-Python file %s", name)
		}
		lines += bytes.Count(content, []byte("\n"))
	}
	if lines != la {
		t.Errorf("Generate reported %d lines, found %d on disk", la, lines)
	}

	// A different seed gives a different corpus.
	c := t.TempDir()
	if _, _, err := Generate(c, target, 43); err != nil {
		t.Fatal(err)
	}
	tc := readTree(t, c)
	same := len(tc) == len(ta)
	if same {
		for name, content := range ta {
			if !bytes.Equal(content, tc[name]) {
				same = false
				break
			}
		}
	}
	if same {
		t.Error("seeds 42 and 43 produced identical corpora")
	}
}

func TestGenerateValidPython(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH; skipping the syntax check")
	}
	dir := t.TempDir()
	// Several seeds so that rare branches of the generator are exercised.
	for _, seed := range []int64{1, 2, 3, 4, 5} {
		if _, _, err := Generate(filepath.Join(dir, string(rune('a'+seed))), 8000, seed); err != nil {
			t.Fatal(err)
		}
	}
	// compile() checks syntax without writing __pycache__ into the tree.
	const script = `
import pathlib, sys
bad = 0
for p in sorted(pathlib.Path(sys.argv[1]).rglob("*.py")):
    try:
        compile(p.read_text(encoding="utf-8"), str(p), "exec")
    except SyntaxError as e:
        bad += 1
        print(f"{p}:{e.lineno}: {e.msg}")
sys.exit(1 if bad else 0)
`
	out, err := exec.Command(python, "-c", script, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("generated Python does not compile: %v\n%s", err, out)
	}
}

func TestGenerateRealisticMix(t *testing.T) {
	dir := t.TempDir()
	files, lines, err := Generate(dir, 30000, 1)
	if err != nil {
		t.Fatal(err)
	}
	tree := readTree(t, dir)
	needles := []string{
		"async def ", "\ndef ", "Mapped[", "= Column(", "Annotated[", "= Depends(", "response_model=",
		"HTTPException(", "AsyncSession", "db.query(", "BaseModel", "requests.post(", "def test_",
		"include_router(", "status_code=status.HTTP_201_CREATED",
	}
	for _, needle := range needles {
		found := false
		for _, content := range tree {
			if bytes.Contains(content, []byte(needle)) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("no generated file contains %q", needle)
		}
	}
	if avg := lines / files; avg < 60 {
		t.Errorf("files average %d lines; want realistic module sizes", avg)
	}
}
