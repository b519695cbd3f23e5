package rules

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
)

func TestPinsPydanticV1(t *testing.T) {
	cases := []struct {
		name, file, content string
		want                bool
	}{
		{"exact", "requirements.txt", "fastapi==0.95.2\npydantic==1.10.13\n", true},
		{"upper bound", "requirements.txt", "pydantic>=1.8,<2\n", true},
		{"upper bound 2.0", "requirements-dev.txt", "pydantic[email] >= 1.8, < 2.0.0\n", true},
		{"compatible release", "requirements.txt", "pydantic~=1.10\n", true},
		{"wildcard", "requirements.txt", "pydantic==1.*\n", true},
		{"v2 pin", "requirements.txt", "pydantic==2.5.3\nfastapi>=0.110\n", false},
		{"v2 compatible release", "requirements.txt", "pydantic~=2.0\n", false},
		{"wildcard 2", "requirements.txt", "pydantic==2.*\n", false},
		{"unpinned", "requirements.txt", "pydantic\nfastapi\n", false},
		{"lower bound only", "requirements.txt", "pydantic>=1.10\n", false},
		{"commented out", "requirements.txt", "# pydantic<2\npydantic>=2\n", false},
		{"other packages", "requirements.txt", "pydantic-settings<2\npydantic_core==1.0\nmypydantic<2\n", false},
		{"old fastapi", "requirements.txt", "fastapi==0.95.1\n", true},
		{"old fastapi upper bound", "requirements.txt", "fastapi>=0.68,<0.100\n", true},
		{"new fastapi", "requirements.txt", "fastapi==0.115.0\n", false},
		{"poetry caret", "pyproject.toml", "[tool.poetry.dependencies]\npython = \"^3.10\"\npydantic = \"^1.10\"\n", true},
		{"poetry caret v2", "pyproject.toml", "[tool.poetry.dependencies]\npydantic = \"^2.4\"\n", false},
		{"poetry table", "pyproject.toml", "[tool.poetry.dependencies]\npydantic = {version = \"<2\", extras = [\"email\"]}\n", true},
		{"poetry fastapi caret", "pyproject.toml", "[tool.poetry.dependencies]\nfastapi = \"^0.95.0\"\n", true},
		{"pep 621", "pyproject.toml", "[project]\ndependencies = [\n  \"fastapi>=0.100\",\n  \"pydantic>=1.10,<2\",\n]\n", true},
		{"pep 621 v2", "pyproject.toml", "[project]\ndependencies = [\"pydantic>=2.0\", \"pydantic-settings\"]\n", false},
		{"setup.cfg", "setup.cfg", "[options]\ninstall_requires =\n    fastapi\n    pydantic<2\n", true},
		{"pipfile", "Pipfile", "[packages]\npydantic = \"==1.10.2\"\nfastapi = \"*\"\n", true},
		{"pipfile any", "Pipfile", "[packages]\npydantic = \"*\"\n", false},
	}
	for _, c := range cases {
		if got := pinsPydanticV1(map[string]string{c.file: c.content}); got != c.want {
			t.Errorf("%s: pinsPydanticV1(%s: %q) = %v, want %v", c.name, c.file, c.content, got, c.want)
		}
	}
}

// TestPinnedV1FromFiles reads the pins next to a module and in the
// directories above it, up to the current directory.
func TestPinnedV1FromFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "backend", "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(rel, content string) {
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("backend/app/models.py", "")
	write("requirements.txt", "pydantic==1.10.13\n")
	old, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(old)
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	if !fa507PinnedV1("backend/app/models.py", fa507DirPins) {
		t.Errorf("pin in the current directory not found")
	}
	if fa507PinnedV1("elsewhere/models.py", fa507DirPins) {
		t.Errorf("a module not reachable from the current directory is not pinned")
	}
}

// TestPinnedV1At reads the pins from the module's directory up to the
// audited root, wherever the current directory is, and not above the root.
func TestPinnedV1At(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"pinned/backend/app", "unpinned/app"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "pinned", "requirements.txt"), []byte("pydantic==1.10.4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A pin above the audited root belongs to another project.
	if err := os.WriteFile(filepath.Join(dir, "requirements.txt"), []byte("pydantic<2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if !fa507PinnedV1At(filepath.Join(dir, "pinned", "backend", "app", "models.py"), "backend/app/models.py", fa507DirPins) {
		t.Errorf("pin at the audited root not found")
	}
	if fa507PinnedV1At(filepath.Join(dir, "unpinned", "app", "models.py"), "app/models.py", fa507DirPins) {
		t.Errorf("a pin above the audited root was used")
	}
	if fa507PinnedV1At("", "backend/app/models.py", fa507DirPins) {
		t.Errorf("a module held in memory has no pins")
	}
}

// TestPinnedV1NearestFileWins: in a monorepo whose root pins Pydantic 2, a
// service with its own requirements pinning 1 is on 1.
func TestPinnedV1NearestFileWins(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "legacy", "app"), 0o755); err != nil {
		t.Fatal(err)
	}
	writeTestFile(t, filepath.Join(dir, "requirements.txt"), "pydantic==2.7.1\n")
	writeTestFile(t, filepath.Join(dir, "legacy", "requirements.txt"), "pydantic==1.10.4\n")
	if !fa507PinnedV1At(filepath.Join(dir, "legacy", "app", "models.py"), "legacy/app/models.py", fa507DirPins) {
		t.Errorf("the service's own v1 pin lost to the root's")
	}
	if fa507PinnedV1At(filepath.Join(dir, "svc.py"), "svc.py", fa507DirPins) {
		t.Errorf("the root's v2 pin read as v1")
	}
}

// TestPinnedV1FromAnyWorkingDirectory audits a v1-pinned project from
// another directory: the pin is found from the files' own paths, so the
// v1 API is not reported (it was whenever fastaudit ran from elsewhere).
func TestPinnedV1FromAnyWorkingDirectory(t *testing.T) {
	dir := t.TempDir()
	writeTestFile(t, filepath.Join(dir, "requirements.txt"), "pydantic==1.10.4\n")
	src := "from pydantic import BaseModel, validator\n\n\nclass Item(BaseModel):\n    name: str\n\n    @validator(\"name\")\n    def strip(cls, v):\n        return v.strip()\n"
	writeTestFile(t, filepath.Join(dir, "models.py"), src)
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chdir(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)
	res, err := analyzer.Run(context.Background(), analyzer.Options{Paths: []string{dir}, Rules: []*analyzer.Rule{FA507}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 0 {
		t.Errorf("v1-pinned project audited from elsewhere: %v", res.Findings)
	}
	writeTestFile(t, filepath.Join(dir, "requirements.txt"), "pydantic==2.7.1\n")
	res, err = analyzer.Run(context.Background(), analyzer.Options{Paths: []string{dir}, Rules: []*analyzer.Rule{FA507}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 {
		t.Errorf("v2-pinned project: want the @validator finding, got %v", res.Findings)
	}
}

func writeTestFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
