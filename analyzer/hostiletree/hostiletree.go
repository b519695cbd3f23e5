// Package hostiletree writes, for tests, a tree of Python files that a
// static auditor running unattended may meet: pathological nesting, huge
// files and lines, binary and mis-encoded files, odd line endings, old and
// new Python syntax, symlink loops, an unreadable file, and healthy files
// beside them. Each file comes with what an audit must report about it.
// Nothing big is committed: the tree is generated into a temporary
// directory.
package hostiletree

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Case is one file of the tree and what an audit must say about it.
type Case struct {
	Path string // '/'-separated, relative to the root
	// Diagnostic is the engine diagnostic the file must get ("FA001" could
	// not fully parse, "FA002" not audited), or "" for none of FA001-FA003.
	Diagnostic string
	Line       int    // line of the diagnostic
	Reason     string // text its message must contain
	// Blocking lists the lines where the file's healthy code calls
	// requests.get in an async handler: each must still be reported as
	// FA102 (blocking-call-in-async), and no other line.
	Blocking []int
	// Column is, when not 0, the 1-based code point column of the first
	// FA102 finding, and Column16 its UTF-16 column.
	Column, Column16 int
}

// Sizes of the big cases.
const (
	BigFileBytes  = 50 << 20 // over the runner's default 10 MiB limit
	LongLineBytes = 5 << 20  // under it: audited
	// ManyCallsOnOneLine is the number of findings generated on one line:
	// counting each finding's column from the start of the line was
	// quadratic (minutes at this size).
	ManyCallsOnOneLine = 5000
)

// healthy is a FastAPI handler that blocks the event loop on line 9 (FA102).
const healthy = `import requests
from fastapi import APIRouter

router = APIRouter()


@router.get("/ping")
async def ping():
    return requests.get("https://example.com", timeout=5).json()
`

const healthyLine = 9

// after returns healthy with its finding's line shifted by the n lines
// placed before it.
func after(n int) []int { return []int{n + healthyLine} }

// Options select parts of the tree.
type Options struct {
	// NoLongLines leaves out the files with multi-megabyte lines or
	// thousands of findings (long_line.py, long_comment.py,
	// many_calls_one_line.py), which take a few seconds to audit.
	NoLongLines bool
}

// longLines are the files Options.NoLongLines leaves out.
var longLines = map[string]bool{"long_line.py": true, "long_comment.py": true, "many_calls_one_line.py": true}

// Write generates the tree into dir and returns its cases. The unreadable
// file (secret.py) is written with mode 0; a test running as root must
// also make reading it fail (see analyzer.SetReadFile).
func Write(t testing.TB, dir string, opts Options) []Case {
	t.Helper()
	var cases []Case
	add := func(c Case, content string) {
		t.Helper()
		if opts.NoLongLines && longLines[c.Path] {
			return
		}
		writeFile(t, filepath.Join(dir, filepath.FromSlash(c.Path)), content, 0o644)
		cases = append(cases, c)
	}

	add(Case{Path: "healthy.py", Blocking: after(0), Column: 12, Column16: 12}, healthy)
	add(Case{Path: "pkg/__init__.py"}, "")
	add(Case{Path: "pkg/healthy_too.py", Blocking: after(0)}, healthy)

	// Nesting: 10,000 parentheses parse; 2,000 nested blocks are beyond
	// what the grammar (and CPython, at 100) accepts, and say so at the
	// first line indented past the grammar's 255 columns; a deep but valid
	// nesting still has its finding found at the bottom, unless four-space
	// indentation takes it past those 255 columns (CPython accepts it).
	add(Case{Path: "deep_parens.py", Blocking: after(1)},
		"x = "+strings.Repeat("(", 10000)+"1"+strings.Repeat(")", 10000)+"\n"+healthy)
	add(Case{Path: "deep_if.py", Diagnostic: "FA001", Line: 256 + 2, Reason: "line 258 is indented 256 columns"}, nestedIfs(2000, 1))
	add(Case{Path: "deep_if_valid.py", Blocking: []int{99 + 3}}, nestedIfs(99, 1))
	add(Case{Path: "deep_if_wide.py", Diagnostic: "FA001", Line: 64 + 2, Reason: "line 66 is indented 256 columns"}, nestedIfs(70, 4))

	// Size: a 50 MB file is skipped and says why; a 5 MB line is audited,
	// with the column of a finding at its far end right.
	big := strings.Repeat("x = 1\n", BigFileBytes/6+1)
	add(Case{Path: "big.py", Diagnostic: "FA002", Line: 1, Reason: fmt.Sprintf("bytes is over the %d-byte limit", 10<<20)}, big)
	pad := LongLineBytes - 100
	add(Case{Path: "long_line.py", Blocking: []int{2}, Column: pad + 32, Column16: pad + 32},
		"import requests\nasync def h(u): x = \""+strings.Repeat("a", pad)+"\"; return requests.get(u, timeout=5)\n")
	// A 5 MB comment listing 700,000 other codes after a finding: parsed
	// in linear time, and it does not silence FA102.
	var codes strings.Builder
	for i := 0; codes.Len() < LongLineBytes; i++ {
		fmt.Fprintf(&codes, " E%d", i)
	}
	add(Case{Path: "long_comment.py", Blocking: after(0)},
		strings.Replace(healthy, "timeout=5).json()", "timeout=5).json()  # noqa:"+codes.String(), 1))
	calls := strings.Repeat("requests.get(u, timeout=5); ", ManyCallsOnOneLine)
	add(Case{Path: "many_calls_one_line.py", Blocking: repeat(2, ManyCallsOnOneLine)},
		"import requests\nasync def h(u): "+calls+"\n")

	// Bytes that are not Python source, and encodings.
	add(Case{Path: "nul.py", Diagnostic: "FA002", Line: 1, Reason: "NUL bytes"}, "x = 1\ny = '\x00'\n")
	add(Case{Path: "latin1.py", Diagnostic: "FA002", Line: 3, Reason: "not valid UTF-8"}, "# -*- coding: latin-1 -*-\nx = 1\ny = 'caf\xe9'\n")
	add(Case{Path: "bom.py", Blocking: after(0), Column: 12, Column16: 12}, "\ufeff"+healthy)
	add(Case{Path: "crlf.py", Blocking: after(0), Column: 12, Column16: 12}, strings.ReplaceAll(healthy, "\n", "\r\n"))
	add(Case{Path: "cr.py", Blocking: after(0), Column: 12, Column16: 12}, strings.ReplaceAll(healthy, "\n", "\r"))
	add(Case{Path: "control_chars.py", Blocking: []int{5}},
		"import requests\n\x0c\nasync def h(u):\n    note = '\x1b[31m\x07\x7f'\n    return requests.get(u, timeout=5), note\n")
	// A file name with an escape sequence and a space: reports quote it.
	add(Case{Path: "odd \x1b[31mname\x07.py", Blocking: after(0)}, healthy)
	add(Case{Path: "unicode_names.py", Blocking: []int{5}, Column: 27, Column16: 28},
		"import requests\ncafé = 1\n\nasync def 取得(ユーザー):\n    ñ = '😀'; return café, requests.get(ユーザー, timeout=5)\n")

	// Syntax: the grammar accepts Python 2 statements and Python 3.12
	// syntax; PEP 696 defaults (3.13) are not in it yet, and the finding
	// says the code may be valid newer Python rather than broken.
	add(Case{Path: "py2.py"}, "print \"x\"\nprint >>sys.stderr, `x`\ntry:\n    pass\nexcept E, e:\n    raise E, \"msg\"\nx = 0777\n")
	add(Case{Path: "py312.py", Blocking: after(14)}, `def first[T](xs: list[T]) -> T:
    return xs[0]
class Box[T, *Ts, **P]:
    pass
type Pair[T] = tuple[T, T]
x = 1
s = f"{f"{f"{x}"}"}" + f"{x
}"
def kind(v):
    match v:
        case [1, *rest]:
            return rest
        case {"k": k} | Box(k=k):
            return k
`+healthy)
	add(Case{Path: "py313_defaults.py", Diagnostic: "FA001", Line: 1, Reason: "valid newer Python"},
		"def f[T = int](x: T) -> T:\n    return x\n")
	add(Case{Path: "broken.py", Diagnostic: "FA001", Line: 2, Reason: "line 2"}, "x = 1\ndef broken(:\n    pass\n")

	// Nothing to audit.
	add(Case{Path: "empty.py"}, "")
	add(Case{Path: "only_comments.py"}, "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n# nothing else\n")

	// The file system: a symlink loop named .py is reported, a directory
	// loop is walked once, an unreadable file is reported.
	symlink(t, "loop_b.py", filepath.Join(dir, "loop_a.py"))
	symlink(t, "loop_a.py", filepath.Join(dir, "loop_b.py"))
	cases = append(cases,
		Case{Path: "loop_a.py", Diagnostic: "FA002", Line: 1, Reason: "symbolic link loop"},
		Case{Path: "loop_b.py", Diagnostic: "FA002", Line: 1, Reason: "symbolic link loop"})
	symlink(t, ".", filepath.Join(dir, "pkg", "self"))
	symlink(t, "..", filepath.Join(dir, "pkg", "parent"))
	writeFile(t, filepath.Join(dir, "secret.py"), healthy, 0)
	cases = append(cases, Case{Path: "secret.py", Diagnostic: "FA002", Line: 1, Reason: "permission denied"})
	return cases
}

// Unreadable is the path, relative to the root, of the file Write makes
// unreadable.
const Unreadable = "secret.py"

// WriteManyFiles writes n tiny modules (a docstring and a five-line
// function) into dir/many, spread over
// directories of 1,000 files each, and returns their number.
func WriteManyFiles(t testing.TB, dir string, n int) int {
	t.Helper()
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, "many", fmt.Sprintf("d%03d", i/1000), fmt.Sprintf("m%05d.py", i))
		if i%1000 == 0 {
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
		}
		src := fmt.Sprintf("\"\"\"Module %d.\"\"\"\n\n\ndef value_%d(x: int) -> int:\n    return x + %d\n", i, i, i)
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

// nestedIfs is an async function with depth nested `if` blocks (indent
// spaces of indentation each) and a blocking call at the bottom, on line
// depth+3.
func nestedIfs(depth, indent int) string {
	var b strings.Builder
	b.WriteString("import requests\nasync def h(u):\n")
	for i := 1; i <= depth; i++ {
		b.WriteString(strings.Repeat(" ", i*indent) + "if u:\n")
	}
	b.WriteString(strings.Repeat(" ", (depth+1)*indent) + "return requests.get(u, timeout=5)\n")
	return b.String()
}

func repeat(line, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = line
	}
	return out
}

func writeFile(t testing.TB, p, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // WriteFile's mode is masked by the umask
		t.Fatal(err)
	}
}

func symlink(t testing.TB, target, name string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}
