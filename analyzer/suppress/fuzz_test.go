package suppress

import (
	"bufio"
	"go/ast"
	goparser "go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/fastaudit/fastaudit/analyzer/fuzzwatch"
)

var wellFormedCode = regexp.MustCompile(`^[A-Z]+[0-9]+$`)

// FuzzParseComment: any comment text parses without panicking, and the
// result is coherent: codes are well-formed (FA101, E501), unique and taken
// from the text; a comment without a directive suppresses nothing; the codes
// found, written back as `# noqa: ...` or `# fastaudit: ignore[...]`, parse
// to the same codes; and a Set answers as the parse says.
// Run longer with `go test -run '^$' -fuzz '^FuzzParseComment$' ./analyzer/suppress`.
func FuzzParseComment(f *testing.F) {
	addCommentSeeds(f)
	f.Add("#\xff noqa")
	f.Add("# noqa: " + strings.Repeat("FA101 ", 2000))
	f.Add("#" + strings.Repeat(" fastaudit: ignore[FA1 #", 500))
	f.Fuzz(func(t *testing.T, text string) {
		defer fuzzwatch.Start(hangLimit)()
		codes, all, ok := ParseComment(text)
		if !ok && (all || len(codes) > 0) {
			t.Fatalf("no directive, yet all=%v codes=%q", all, codes)
		}
		if ok && !all && len(codes) == 0 {
			t.Fatal("a directive that suppresses nothing")
		}
		seen := map[string]bool{}
		for _, c := range codes {
			if !wellFormedCode.MatchString(c) || seen[c] || !strings.Contains(text, c) {
				t.Fatalf("code %q is malformed, repeated or not in the text; codes %q", c, codes)
			}
			seen[c] = true
		}
		if len(codes) > 0 {
			for _, again := range []string{"# noqa: " + strings.Join(codes, ", "), "# fastaudit: ignore[" + strings.Join(codes, " ") + "]"} {
				if c2, all2, ok2 := ParseComment(again); !ok2 || all2 || !reflect.DeepEqual(c2, codes) {
					t.Fatalf("%q parses to %q (all %v, ok %v), want %q", again, c2, all2, ok2, codes)
				}
			}
		}

		s := New()
		s.AddComment(3, text)
		file := s.FileIgnored()
		for _, code := range append([]string{"FA000", "ZZ999"}, codes...) {
			want := file || all || seen[code]
			if got := s.Suppressed(3, code); got != want {
				t.Fatalf("Suppressed(3, %s) = %v, want %v (codes %q, all %v, file %v)", code, got, want, codes, all, file)
			}
			if got := s.Suppressed(4, code); got != file {
				t.Fatalf("a comment on line 3 changed line 4 for %s", code)
			}
		}
	})
}

// hangLimit is far above the time any comment takes; an input that takes
// longer hangs the parser.
const hangLimit = 10 * time.Second

// addCommentSeeds seeds the fuzzer with every string literal of the
// package's tests that looks like a comment, and every comment with a
// directive in the rule fixtures.
func addCommentSeeds(f *testing.F) {
	fset := token.NewFileSet()
	file, err := goparser.ParseFile(fset, "suppress_test.go", nil, 0)
	if err != nil {
		f.Fatalf("seeds: %v", err)
	}
	ast.Inspect(file, func(n ast.Node) bool {
		if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
			if s, err := strconv.Unquote(lit.Value); err == nil && strings.Contains(s, "#") {
				f.Add(s)
			}
		}
		return true
	})
	filepath.Walk("../../testdata", func(p string, info os.FileInfo, err error) error {
		if err != nil || !strings.HasSuffix(p, ".py") {
			return nil
		}
		fh, err := os.Open(p)
		if err != nil {
			return nil
		}
		defer fh.Close()
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			line := sc.Text()
			if i := strings.IndexByte(line, '#'); i >= 0 {
				lower := strings.ToLower(line[i:])
				if strings.Contains(lower, "noqa") || strings.Contains(lower, "fastaudit") {
					f.Add(line[i:])
				}
			}
		}
		return nil
	})
}

// A 5 MB one-line comment (minified or generated code) parses in linear
// time: deduplicating ~700,000 distinct codes, or rescanning the rest of the
// line for each unterminated `ignore[`, took minutes when it was quadratic.
func TestLongCommentsParseInLinearTime(t *testing.T) {
	var codes strings.Builder
	codes.WriteString("# noqa: ")
	for i := 0; codes.Len() < 5<<20; i++ {
		codes.WriteString("FA")
		codes.WriteString(strconv.Itoa(i))
		codes.WriteByte(' ')
	}
	unterminated := strings.Repeat("# fastaudit: ignore[FA1 ", (5<<20)/24)
	for name, text := range map[string]string{"distinct codes": codes.String(), "unterminated lists": unterminated} {
		start := time.Now()
		got, all, ok := ParseComment(text)
		if elapsed := time.Since(start); elapsed > 10*time.Second {
			t.Errorf("%s: %d bytes took %s", name, len(text), elapsed)
		} else {
			t.Logf("%s: %s", name, elapsed)
		}
		switch name {
		case "distinct codes":
			if !ok || all || len(got) < 500_000 || got[0] != "FA0" {
				t.Errorf("%s: %d codes, all %v, ok %v", name, len(got), all, ok)
			}
		case "unterminated lists":
			if ok {
				t.Errorf("%s: a list cut by '#' suppresses %q (all %v)", name, got, all)
			}
		}
	}
}
