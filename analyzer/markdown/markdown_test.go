package markdown

import (
	"bytes"
	"fmt"
	"path"
	"strings"
	"testing"
)

// parses stands in for the runner's parser: an unlabelled block is Python
// when no line starts with a shell prompt or "not python".
func parses(code []byte) bool {
	for _, l := range strings.Split(string(code), "\n") {
		if strings.HasPrefix(l, "$ ") || strings.HasPrefix(l, "not python") {
			return false
		}
	}
	return len(bytes.TrimSpace(code)) > 0
}

// summary renders the files as "name: blocks L1-L2,..." for compact asserts.
func summary(files []File) []string {
	var out []string
	for _, f := range files {
		var bs []string
		for _, b := range f.Blocks {
			bs = append(bs, fmt.Sprintf("%d-%d", b.Line, b.EndLine))
		}
		out = append(out, f.Name+": "+strings.Join(bs, ","))
	}
	return out
}

func equal(t *testing.T, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func TestNamingForms(t *testing.T) {
	cases := []struct {
		name, doc, want string
	}{
		{"title attribute", "```python title=\"app/main.py\"\nx = 1\n```\n", "app/main.py"},
		{"single-quoted title", "```py title='app/main.py'\nx = 1\n```\n", "app/main.py"},
		{"filename attribute", "```python filename=main.py\nx = 1\n```\n", "main.py"},
		{"second word", "```python main.py\nx = 1\n```\n", "main.py"},
		{"colon form", "```py:app/main.py\nx = 1\n```\n", "app/main.py"},
		{"only a file name", "```app/main.py\nx = 1\n```\n", "app/main.py"},
		{"pandoc attributes", "```{.python title=\"main.py\"}\nx = 1\n```\n", "main.py"},
		{"attributes without language", "``` title=\"main.py\"\nx = 1\n```\n", "main.py"},
		{"comment", "```python\n# main.py\nx = 1\n```\n", "main.py"},
		{"comment with description", "```python\n# main.py - FastAPI app\nx = 1\n```\n", "main.py"},
		{"comment with label", "```python\n# File: app/main.py\nx = 1\n```\n", "app/main.py"},
		{"comment with test path", "```python\n# tests/test_users.py\nx = 1\n```\n", "tests/test_users.py"},
		{"comment continued", "```python\n# app/routers/users.py (continued)\nx = 1\n```\n", "app/routers/users.py"},
		{"comment in backticks", "```python\n# `app/main.py`:\nx = 1\n```\n", "app/main.py"},
		{"bold line before", "**main.py**\n\n```python\nx = 1\n```\n", "main.py"},
		{"heading before", "### app/main.py\n```python\nx = 1\n```\n", "app/main.py"},
		{"code span before", "`app/main.py`\n```python\nx = 1\n```\n", "app/main.py"},
		{"label before", "File: main.py\n```python\nx = 1\n```\n", "main.py"},
		{"colon after", "main.py:\n```python\nx = 1\n```\n", "main.py"},
		{"bold label and code span", "**File:** `app/db.py`\n```python\nx = 1\n```\n", "app/db.py"},
		{"list item", "1. `app/__init__.py`\n```python\nx = 1\n```\n", "app/__init__.py"},
		{"prose before names nothing", "Create main.py:\n```python\nx = 1\n```\n", DefaultName},
		{"comment that is prose names nothing", "```python\n# Create the app\nx = 1\n```\n", DefaultName},
		{"shebang names nothing", "```python\n#!/usr/bin/env python\nx = 1\n```\n", DefaultName},
		{"non-py title names nothing", "```python title=\"The app\"\nx = 1\n```\n", DefaultName},
		// First match wins: info string, then first line, then the line before.
		{"info beats comment", "**c.py**\n```python title=\"a.py\"\n# b.py\nx = 1\n```\n", "a.py"},
		{"comment beats line before", "**c.py**\n```python\n# b.py\nx = 1\n```\n", "b.py"},
		// Paths are cleaned.
		{"leading ./", "```python\n# ./app/main.py\nx = 1\n```\n", "app/main.py"},
		{"absolute", "```python\n# /app/main.py\nx = 1\n```\n", "app/main.py"},
		{"escaping ..", "```python\n# ../../etc/x.py\nx = 1\n```\n", "etc/x.py"},
		{"backslashes", "```python\n# app\\main.py\nx = 1\n```\n", "app/main.py"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := Extract([]byte(c.doc), parses)
			if len(files) != 1 || files[0].Name != c.want {
				t.Errorf("got %v, want one file %q", summary(files), c.want)
			}
		})
	}
}

func TestLanguages(t *testing.T) {
	doc := strings.Join([]string{
		"```python", "a = 1", "```", // 1-3
		"```py", "b = 1", "```", // 4-6
		"```Python3", "c = 1", "```", // 7-9
		"```py3", "d = 1", "```", // 10-12
		"```{.python}", "e = 1", "```", // 13-15
		"```bash", "pip install fastapi", "```", // 16-18
		"```dockerfile", "FROM python:3.12", "```", // 19-21
		"```yaml", "a: 1", "```", // 22-24
		"```json", "{\"a\": 1}", "```", // 25-27
		"```text", "x = 1", "```", // 28-30
		"```", "$ uvicorn main:app", "```", // 31-33: unlabelled, not Python
		"```", "f = 1", "```", // 34-36: unlabelled Python
		"```pycon", ">>> 1", "```", // 37-39
	}, "\n") + "\n"
	equal(t, summary(Extract([]byte(doc), parses)), []string{"main.py: 2-2,5-5,8-8,11-11,14-14,35-35"})
}

func TestUnlabelledBlocksUseThePredicate(t *testing.T) {
	doc := []byte("```\nnot python\n```\n\n```\nx = 1\n```\n")
	var seen []string
	files := Extract(doc, func(code []byte) bool {
		seen = append(seen, string(code))
		return parses(code)
	})
	equal(t, summary(files), []string{"main.py: 6-6"})
	equal(t, seen, []string{"not python\n", "x = 1\n"})
	// Labelled blocks never ask the predicate.
	Extract([]byte("```python\nx = 1\n```\n"), func([]byte) bool { t.Error("predicate called for a python block"); return false })
	// A nil predicate leaves unlabelled blocks out.
	if files := Extract(doc, nil); files != nil {
		t.Errorf("nil predicate: %v", summary(files))
	}
}

func TestProjectOfBlocks(t *testing.T) {
	doc := `Here is the app.

` + "```python" + `
# main.py
from fastapi import FastAPI
app = FastAPI()
` + "```" + `

And the models:

**models.py**
` + "```python" + `
class User: ...
` + "```" + `

` + "```python" + `
# tests/test_main.py
from main import app
` + "```" + `

More of the app:

` + "```python" + `
# main.py (continued)
@app.get("/")
def root(): ...
` + "```" + `

` + "```python" + `
print("unnamed")
` + "```" + `
`
	files := Extract([]byte(doc), parses)
	equal(t, summary(files), []string{
		"main.py: 4-6,24-26",
		"models.py: 13-13",
		"tests/test_main.py: 17-18",
		"snippet.py: 30-30", // main.py is taken by a named block
	})
	main := strings.Split(string(files[0].Content), "\n")
	if main[4] != "from fastapi import FastAPI" || main[24] != `@app.get("/")` || main[12] != "" || main[16] != "" {
		t.Errorf("main.py lines out of place: %q", main)
	}
	if files[0].Lines() != 6 {
		t.Errorf("main.py has %d code lines, want 6", files[0].Lines())
	}
}

func TestUnnamedFallbackNames(t *testing.T) {
	doc := "```python\n# main.py\n```\n```python\n# snippet.py\n```\n```python\nx = 1\n```\n"
	equal(t, summary(Extract([]byte(doc), parses)), []string{"main.py: 2-2", "snippet.py: 5-5", "snippet_2.py: 8-8"})
}

func TestIndentedFenceInListItem(t *testing.T) {
	doc := "1. Create the app:\n\n   ```python\n   def f():\n       return 1\n  x = 2\n   ```\n"
	files := Extract([]byte(doc), parses)
	equal(t, summary(files), []string{"main.py: 4-6"})
	// The fence indentation (3) is removed, and at most that much from
	// each line: "  x = 2" loses its 2 spaces.
	lines := strings.Split(string(files[0].Content), "\n")
	if lines[3] != "def f():" || lines[4] != "    return 1" || lines[5] != "x = 2" {
		t.Errorf("dedent: %q", lines)
	}
	want := []int{0, 0, 0, 3, 3, 2, 0, 0}
	if fmt.Sprint(files[0].ColumnShift) != fmt.Sprint(want) {
		t.Errorf("ColumnShift %v, want %v", files[0].ColumnShift, want)
	}
	// No indentation: no shift table.
	if f := Extract([]byte("```python\nx = 1\n```\n"), parses); f[0].ColumnShift != nil {
		t.Errorf("unexpected ColumnShift %v", f[0].ColumnShift)
	}
}

func TestFences(t *testing.T) {
	cases := []struct {
		name, doc string
		want      []string
	}{
		{"tildes", "~~~python\nx = 1\n~~~\n", []string{"main.py: 2-2"}},
		{"tilde info may hold backticks", "~~~python `x`\nx = 1\n~~~\n", []string{"main.py: 2-2"}},
		{"backticks do not close tildes", "~~~python\nx = 1\n```\ny = 2\n~~~\n", []string{"main.py: 2-4"}},
		{"longer closing fence", "```python\nx = 1\n`````\n", []string{"main.py: 2-2"}},
		{"shorter fence does not close", "````python\nx = 1\n```\ny = 2\n````\n", []string{"main.py: 2-4"}},
		{"closing fence with text does not close", "```python\nx = 1\n``` y\nz = 3\n```\n", []string{"main.py: 2-4"}},
		{"unclosed fence runs to the end", "text\n```python\nx = 1\ny = 2", []string{"main.py: 3-4"}},
		{"unclosed fence with final newline", "```python\nx = 1\n", []string{"main.py: 2-3"}},
		{"two backticks are no fence", "``python\nx = 1\n``\n", nil},
		{"inline triple backticks are no fence", "```x = 1```\n```python\ny = 2\n```\n", []string{"main.py: 3-3"}},
		{"python inside a markdown example is skipped", "````markdown\n```python\nx = 1\n```\n````\n", nil},
		{"blockquote fences are not recognised", "> ```python\n> x = 1\n> ```\n", nil},
		{"empty python block is dropped", "```python\n```\n", nil},
		{"deeply indented closing fence is code", "```python\nx = 1\n     ```\n```\n", []string{"main.py: 2-3"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			equal(t, summary(Extract([]byte(c.doc), parses)), c.want)
		})
	}
}

func TestCRLF(t *testing.T) {
	doc := "**app/main.py**\r\n\r\n```python\r\nx = 1\r\n    y = 2\r\n```\r\nend\r\n"
	files := Extract([]byte(doc), parses)
	equal(t, summary(files), []string{"app/main.py: 4-5"})
	lines := strings.Split(string(files[0].Content), "\n")
	if len(lines) != 8 || lines[3] != "x = 1\r" || lines[4] != "    y = 2\r" || lines[5] != "" {
		t.Errorf("CRLF content: %q", lines)
	}
}

func TestCleanName(t *testing.T) {
	for in, want := range map[string]string{
		"main.py": "main.py", "./app/main.py": "app/main.py", "/abs/x.py": "abs/x.py",
		"a/../../b.py": "b.py", "a//b.py": "a/b.py", "app\\x.py": "app/x.py", "__init__.py": "__init__.py",
		"main.pyc": "", "main": "", ".py": "", "a/.py": "", "my app.py": "", "x.py;": "", "C:/x.py": "", "": "",
		"..": "", "../..": "",
	} {
		got, ok := CleanName(in)
		if got != want || ok != (want != "") {
			t.Errorf("CleanName(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// FuzzExtract checks the invariants the runner relies on: every file has as
// many lines as the document, each line is empty or the document's line
// minus the whitespace recorded in ColumnShift, names are clean relative .py
// paths, unique, and blocks lie inside the document.
func FuzzExtract(f *testing.F) {
	f.Add([]byte("Intro\n\n```bash\npip install fastapi\n```\n\n```python\n# main.py\nfrom fastapi import FastAPI\napp = FastAPI()\n```\n\n**tests/test_main.py**\n```python\nfrom main import app\n```\n"))
	f.Add([]byte("1. Step\n\n   ```py title=\"app/x.py\"\n   x = 1\n  y\n   ```\n~~~\nz = 3\n"))
	f.Add([]byte("```python\r\n# ../../a\\b.py (continued)\r\nx\r\n````\r\n```\r\n"))
	f.Add([]byte("````\n```python\n```\n````\n``` py:main.py\n\tx\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		files := Extract(src, func(code []byte) bool { return len(code)%2 == 0 })
		docLines := bytes.Split(src, []byte("\n"))
		seen := map[string]bool{}
		for _, file := range files {
			if seen[file.Name] {
				t.Fatalf("duplicate file %q", file.Name)
			}
			seen[file.Name] = true
			if file.Name != path.Clean(file.Name) || strings.HasPrefix(file.Name, "/") || strings.HasPrefix(file.Name, "../") ||
				file.Name == ".." || !strings.HasSuffix(file.Name, ".py") || path.Base(file.Name) == ".py" {
				t.Fatalf("unclean name %q", file.Name)
			}
			lines := bytes.Split(file.Content, []byte("\n"))
			if len(lines) != len(docLines) {
				t.Fatalf("%s has %d lines, document %d", file.Name, len(lines), len(docLines))
			}
			if file.ColumnShift != nil && len(file.ColumnShift) != len(docLines) {
				t.Fatalf("ColumnShift has %d entries, document %d lines", len(file.ColumnShift), len(docLines))
			}
			for i, l := range lines {
				shift := 0
				if file.ColumnShift != nil {
					shift = file.ColumnShift[i]
				}
				if len(l) == 0 && shift == 0 {
					continue
				}
				if shift > len(docLines[i]) || len(bytes.Trim(docLines[i][:shift], " \t")) != 0 || !bytes.Equal(l, docLines[i][shift:]) {
					t.Fatalf("%s line %d is %q with shift %d; document line %q", file.Name, i+1, l, shift, docLines[i])
				}
			}
			if len(file.Blocks) == 0 {
				t.Fatalf("%s has no block", file.Name)
			}
			for _, b := range file.Blocks {
				if b.Line < 1 || b.EndLine < b.Line || b.EndLine > len(docLines) {
					t.Fatalf("%s block %d-%d outside 1-%d", file.Name, b.Line, b.EndLine, len(docLines))
				}
			}
		}
	})
}
