package config

import (
	"strings"
	"testing"
	"time"
)

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, rel string
		want         bool
	}{
		{"*.py", "a.py", true},
		{"*.py", "dir/a.py", false}, // '*' does not cross '/'
		{"*.py", ".py", true},
		{"*", "a", true},
		{"*", "a/b", false},
		{"a?c.py", "abc.py", true},
		{"a?c.py", "a/c.py", false},
		{"a?c.py", "aéc.py", true}, // '?' is one character, not one byte
		{"[abc].py", "b.py", true},
		{"[abc].py", "d.py", false},
		{"[a-c].py", "c.py", true},
		{"[!a-c].py", "c.py", false},
		{"[!a-c].py", "d.py", true},
		{"[^a-c].py", "d.py", true},
		{"[]].py", "].py", true},
		{"[a-].py", "-.py", true},
		{"[.py", "[.py", true}, // unterminated class is literal
		{"[.py", "a.py", false},
		{`\*.py`, "*.py", true},
		{`\*.py`, "a.py", false},
		{`a\`, `a\`, true},
		{`\[x].py`, "[x].py", true},
		{"**", "a", true},
		{"**", "a/b/c.py", true},
		{"**/x.py", "x.py", true},
		{"**/x.py", "a/b/x.py", true},
		{"**/x.py", "a/b/y.py", false},
		{"a/**", "a/b.py", true},
		{"a/**", "a/b/c.py", true},
		{"a/**", "a", false}, // trailing /** matches inside only, as in git
		{"a/**/b.py", "a/b.py", true},
		{"a/**/b.py", "a/x/y/b.py", true},
		{"a/**/b.py", "a/x/y/c.py", false},
		{"a/**/**/b.py", "a/b.py", true},
		{"**/tests/**", "app/tests/x.py", true},
		{"**/tests/**", "tests/x.py", true},
		{"**/tests/**", "tests", false},
		{"a**b", "axxb", true}, // not a whole segment: plain '*'
		{"a**b", "ax/xb", false},
		{"/a.py", "a.py", true},
		{"/a.py", "b/a.py", false},
		{"a/b.py", "a/b.py", true},
		{"a/b.py", "x/a/b.py", false},
		{"*_test.py", "foo_test.py", true},
		{"test_*.py", "test_x.py", true},
		{"test_*.py", "test_x.pyc", false},
		{"*a*b*c*", "xaxbxcx", true},
		{"*a*b*c*", "xaxcxbx", false},
		{"", "", true},
		{"", "a", false},
		{"é*", "éa", true},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.pattern, tt.rel); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.pattern, tt.rel, got, tt.want)
		}
	}
}

func TestMatchGlobNoBlowUp(t *testing.T) {
	pattern := strings.Repeat("**/*/", 30) + "z"
	rel := strings.Repeat("a/", 200) + "b"
	seg := strings.Repeat("*a", 40) + "z"
	long := strings.Repeat("a", 5000)
	start := time.Now()
	if MatchGlob(pattern, rel) {
		t.Error("pathological segment pattern matched")
	}
	if MatchGlob(seg, long) {
		t.Error("pathological star pattern matched")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("pathological patterns took %v", d)
	}
}

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pattern, rel string
		want         bool
	}{
		{"tests/**", "tests/x.py", true},
		{"tests/**", "app/tests/x.py", true},
		{"tests/**", "app/tests/sub/x.py", true},
		{"tests/**", "app/mytests/x.py", false},
		{"test_*.py", "test_x.py", true},
		{"test_*.py", "pkg/test_x.py", true},
		{"test_*.py", "pkg/x_test_y.py", false},
		{"conftest.py", "a/b/conftest.py", true},
		{"migrations", "app/migrations/0001.py", true}, // parent directory
		{"migrations", "app/migrations.py", false},
		{"migrations/", "app/migrations/0001.py", true},
		{"x.py/", "x.py", false}, // trailing '/' is directories only
		{"/app/*.py", "app/main.py", true},
		{"/app/*.py", "src/app/main.py", false},
		{"app/*.py", "src/app/main.py", true},
		{"app/*.py", "app/sub/main.py", false},
		{"app/routers/*.py", "app/routers/items.py", true},
		{"", "a.py", false},
		{"/", "a.py", false},
		{"*.py", "", false},
	}
	for _, tt := range tests {
		if got := matchPath(tt.pattern, tt.rel); got != tt.want {
			t.Errorf("matchPath(%q, %q) = %v, want %v", tt.pattern, tt.rel, got, tt.want)
		}
	}
}
