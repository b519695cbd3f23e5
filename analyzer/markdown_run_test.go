package analyzer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// originRule reports `origin(name)`: after the project phase, which module
// defines the imported name, and whether the caller is a test module.
var originRule = &Rule{
	Code: "FA903", Name: "test-origin", Principle: PrincipleTesting, Severity: SeverityNote, Summary: "origin",
	CheckModule: func(p *Pass) {
		for _, call := range p.Module.Nodes("call") {
			if pyast.Callee(call).Text() != "origin" {
				continue
			}
			q, test := p.Module.Resolve(pyast.Arg(call, 0)), p.IsTest()
			p.ReportWhen(call, func(pr *Project) string {
				mf, _ := pr.Lookup(q)
				if mf == nil {
					return q + " unresolved"
				}
				return fmt.Sprintf("%s from %s, test caller %v", q, mf.Path, test)
			})
		}
	},
}

// modulesRule reports, at the first line of each module, the modules of its
// project: which files see each other.
var modulesRule = &Rule{
	Code: "FA904", Name: "test-modules", Principle: PrincipleTesting, Severity: SeverityNote, Summary: "modules",
	CheckProject: func(p *ProjectPass) {
		var names []string
		for _, mf := range p.Project.Files {
			names = append(names, mf.Name)
		}
		sort.Strings(names)
		for _, mf := range p.Project.Files {
			p.Report(Location{Path: mf.Path, Span: Span{Line: 1, Column: 1, EndLine: 1, EndColumn: 1, Column16: 1, EndColumn16: 1}},
				"%s sees %s", mf.Name, strings.Join(names, " "))
		}
	},
}

const answerA = "# Answer A\n" + // 1
	"\n" + // 2
	"```python\n" + // 3
	"# main.py\n" + // 4
	"app = object()\n" + // 5
	"print(app)\n" + // 6
	"```\n" + // 7
	"\n" + // 8
	"- The tests:\n" + // 9
	"\n" + // 10
	"  ```py title=\"tests/test_a.py\"\n" + // 11
	"  from main import app\n" + // 12
	"  origin(app)\n" + // 13
	"  print(\"x\")  # noqa: FA900\n" + // 14
	"  x = '😀é'; print(x)\n" + // 15
	"  ```\n" // 16

const answerB = "```python\n# main.py\napp = 1\n```\n\n**tests/test_b.py**\n```python\nfrom main import app\norigin(app)\n```\n"

func detail(res *Result) []string {
	var out []string
	for _, f := range res.Findings {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s", f.Path, f.Line, f.Column, f.Rule.Code, f.Message))
	}
	return out
}

func TestMarkdownDocumentsAreProjectsAtTheirOwnLines(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"a.md": answerA, "docs/b.md": answerB, "c.py": "print(1)\n",
		"prose.md": "# Notes\n\n```bash\nuvicorn main:app\n```\n\n```\n$ curl localhost:8000\n```\n",
	})
	var paths []string
	for _, p := range []string{"a.md", "docs/b.md", "c.py", "prose.md"} {
		paths = append(paths, filepath.Join(dir, p))
	}
	res, err := Run(context.Background(), Options{Paths: paths, Rules: append([]*Rule{printRule, originRule, modulesRule}, Diagnostics()...)})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"a.md:1:1 FA904 main sees main tests.test_a",
		"a.md:1:1 FA904 tests.test_a sees main tests.test_a",
		"a.md:6:1 FA900 print call",
		// Blocks join into a project: the test block imports the app block
		// of its own document, and is a test by its file name.
		"a.md:13:3 FA903 main.app from a.md/main.py, test caller true",
		// Line 14's print is suppressed by its noqa; on line 15 the fence's
		// indentation (2) is added to the column.
		"a.md:15:13 FA900 print call",
		"c.py:1:1 FA900 print call",
		"c.py:1:1 FA904 c sees c",
		"docs/b.md:1:1 FA904 main sees main tests.test_b",
		"docs/b.md:1:1 FA904 tests.test_b sees main tests.test_b",
		"docs/b.md:9:1 FA903 main.app from docs/b.md/main.py, test caller true",
	}
	if got := detail(res); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	hashes := LineHashes([]byte(answerA))
	for _, f := range res.Findings {
		if f.Path != "a.md" || f.Line != 15 {
			continue
		}
		// "  x = '😀é'; " is 12 code points and 13 UTF-16 units before print.
		if f.Column != 13 || f.Column16 != 14 || f.EndColumn != 21 || f.EndColumn16 != 22 {
			t.Errorf("span %+v", f.Span)
		}
		if f.SourceLine != "  x = '😀é'; print(x)" || f.LineHash != hashes[14] {
			t.Errorf("source line %q, line hash %q; want the Markdown line and its hash %q", f.SourceLine, f.LineHash, hashes[14])
		}
	}
	for _, f := range res.Findings {
		if f.Rule.Code == "FA904" && (f.SourceLine == "" || f.LineHash == "") && f.Path != "c.py" {
			t.Errorf("project finding without the Markdown line: %+v", f)
		}
	}
	// Documents count once; their lines are the code lines of their blocks.
	if res.Files != 4 || res.Lines != 3+4+2+2+1 {
		t.Errorf("Files %d, Lines %d", res.Files, res.Lines)
	}
}

func TestMarkdownSourcesMatchTheDisk(t *testing.T) {
	files := map[string]string{"a.md": answerA, "docs/b.md": answerB, "c.py": "print(1)\n", "README.markdown": "```py\nprint(2)\n```\n"}
	dir := writeTree(t, files)
	rules := append([]*Rule{printRule, originRule, modulesRule}, Diagnostics()...)
	var paths []string
	var sources []Source
	for name, content := range files {
		paths = append(paths, filepath.Join(dir, name))
		sources = append(sources, Source{Path: name, Content: []byte(content)})
	}
	disk, err := Run(context.Background(), Options{Paths: paths, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	mem, err := Run(context.Background(), Options{Sources: sources, Paths: []string{"ignored/when/sources/are/given"}, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(disk.Findings, mem.Findings) {
		t.Errorf("disk:\n%s\nmemory:\n%s", strings.Join(detail(disk), "\n"), strings.Join(detail(mem), "\n"))
	}
	if len(mem.Findings) != 12 || mem.Root != "" || mem.Files != disk.Files || mem.Lines != disk.Lines {
		t.Errorf("%d findings, root %q, files %d/%d, lines %d/%d", len(mem.Findings), mem.Root, mem.Files, disk.Files, mem.Lines, disk.Lines)
	}
	for _, f := range mem.Findings {
		if f.LineHash == "" || f.SourceLine == "" {
			t.Errorf("in-memory finding without line hash or source line: %+v", f)
		}
	}
}

func TestSourcesNeedRelativeUniquePaths(t *testing.T) {
	for _, sources := range [][]Source{
		{{Path: "../x.py"}}, {{Path: "/x.py"}}, {{Path: ""}}, {{Path: "a.py"}, {Path: "./a.py"}},
	} {
		if _, err := Run(context.Background(), Options{Sources: sources, Rules: []*Rule{printRule}}); err == nil {
			t.Errorf("%v: no error", sources)
		}
	}
}

func TestMarkdownOnlyWhenNamed(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"README.md":  "```python\nprint('readme')\n```\n",
		"app/x.py":   "print(1)\n",
		"notes.md":   "Just prose.\n\n```json\n{\"a\": 1}\n```\n",
		"bad.md":     "```python\nx = '\xe9'\n```\n",
		"ignored.md": "```python\n# fastaudit: ignore-file\nprint(1)\n```\n```python\n# other.py\nprint(2)\n```\n",
	})
	rules := append([]*Rule{printRule}, Diagnostics()...)
	// A directory walk audits *.py files only: READMEs are not answers.
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	if got := summarize(res); strings.Join(got, " ") != "app/x.py:1 FA900" || res.Files != 1 {
		t.Errorf("directory walk: %v in %d files", got, res.Files)
	}
	// Named documents: one without Python gives nothing, an unreadable one
	// FA002, and an ignore-file comment covers the block's file only.
	var paths []string
	for _, p := range []string{"notes.md", "bad.md", "ignored.md"} {
		paths = append(paths, filepath.Join(dir, p))
	}
	res, err = Run(context.Background(), Options{Paths: paths, Rules: rules})
	if err != nil {
		t.Fatal(err)
	}
	if got := summarize(res); strings.Join(got, " ") != "bad.md:2 FA002 ignored.md:7 FA900" || res.Files != 3 {
		t.Errorf("named documents: %v in %d files", got, res.Files)
	}
}

func TestMarkdownPerFileIgnoresUseTheDocumentPath(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"answers/a.md": "```python\n# tests/test_x.py\nprint(1)\n```\n",
		"answers/b.md": "```python\nprint(1)\n```\n",
	})
	must(t, os.WriteFile(filepath.Join(dir, ".fastaudit.yaml"), []byte("per-file-ignores:\n  \"answers/a.md\": [FA9]\n  \"tests/**\": [FA9]\n"), 0o644))
	cfg := loadTestConfig(t, filepath.Join(dir, ".fastaudit.yaml"))
	res, err := Run(context.Background(), Options{Paths: []string{filepath.Join(dir, "answers/a.md"), filepath.Join(dir, "answers/b.md")}, Rules: []*Rule{printRule}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if got := summarize(res); strings.Join(got, " ") != "b.md:2 FA900" {
		t.Errorf("findings %v", got)
	}
}

// TestMarkdownLineEndings: a document with Windows (CR LF) or old Mac (lone
// CR) line breaks gives its findings at the lines and columns of the same
// document with LF.
func TestMarkdownLineEndings(t *testing.T) {
	doc := "Intro\n\n   ```python\n   print(1)\n   ```\n"
	for name, eol := range map[string]string{"crlf": "\r\n", "cr": "\r"} {
		t.Run(name, func(t *testing.T) {
			src := strings.ReplaceAll(doc, "\n", eol)
			res, err := Run(context.Background(), Options{Sources: []Source{{Path: name + ".md", Content: []byte(src)}}, Rules: []*Rule{printRule}})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Findings) != 1 {
				t.Fatalf("findings %v", detail(res))
			}
			f := res.Findings[0]
			if f.Line != 4 || f.Column != 4 || f.EndColumn != 12 || f.SourceLine != "   print(1)" {
				t.Errorf("finding %+v", f)
			}
		})
	}
}

func TestUnlabelledBlocksMustBeCode(t *testing.T) {
	parser := pyast.NewParser()
	defer parser.Close()
	for code, want := range map[string]bool{
		"app = FastAPI()\n":                   true,
		"import os\n":                         true,
		"# a comment\nrun()\n":                true,
		"fastapi\nuvicorn\nsqlalchemy\n":      false, // requirements.txt
		"fastapi>=0.110\npydantic-settings\n": false,
		"{\"id\": 1, \"name\": \"x\"}\n":      false, // JSON output
		"$ uvicorn main:app --reload\n":       false,
		"pip install fastapi\n":               false,
		"# only a comment\n":                  false,
		"":                                    false,
	} {
		if got := isPythonCode(parser, []byte(code)); got != want {
			t.Errorf("isPythonCode(%q) = %v, want %v", code, got, want)
		}
	}
}
