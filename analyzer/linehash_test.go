package analyzer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"
)

// Vectors from github/codeql-action src/fingerprints.test.ts (test "hash"),
// verbatim. Each input must produce exactly these hashes, one per line, where
// the line count is input.split(/\r\n|\r|\n/).length.
var codeqlActionHashVectors = []struct {
	input string
	want  []string
}{
	{"", []string{"c129715d7a2bc9a3:1"}},
	{" a\nb\n  \t\tc\n d", []string{
		"271789c17abda88f:1",
		"54703d4cd895b18:1",
		"180aee12dab6264:1",
		"a23a3dc5e078b07b:1",
	}},
	{" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End", []string{
		"8b7cf3e952e7aeb2:1",
		"b1ae1287ec4718d9:1",
		"bff680108adb0fcc:1",
		"c6805c5e1288b612:1",
		"b86d3392aea1be30:1",
		"e6ceba753e1a442:1",
	}},
	{" hello; \t\nworld!!!\n\n\n  \t\tGreetings\n End\n", greetingsHashes},
	{" hello; \t\nworld!!!\r\r\r  \t\tGreetings\r End\r", greetingsHashes},
	{" hello; \t\r\nworld!!!\r\n\r\n\r\n  \t\tGreetings\r\n End\r\n", greetingsHashes},
	{" hello; \t\nworld!!!\r\n\n\r  \t\tGreetings\r End\r\n", greetingsHashes},
	// Repeating lines generate identical hashes, told apart by the ":N" suffix.
	{strings.Repeat("Lorem ipsum dolor sit amet.\n", 10), []string{
		"a7f2ff13bc495cf2:1",
		"a7f2ff13bc495cf2:2",
		"a7f2ff13bc495cf2:3",
		"a7f2ff13bc495cf2:4",
		"a7f2ff13bc495cf2:5",
		"a7f2ff13bc495cf2:6",
		"a7f2ff1481e87703:1",
		"a9cf91f7bbf1862b:1",
		"55ec222b86bcae53:1",
		"cc97dc7b1d7d8f7b:1",
		"c129715d7a2bc9a3:1",
	}},
	{"x = 2\nx = 1\nprint(x)\nx = 3\nprint(x)\nx = 4\nprint(x)\n", []string{
		"e54938cc54b302f1:1",
		"bb609acbe9138d60:1",
		"1131fd5871777f34:1",
		"5c482a0f8b35ea28:1",
		"54517377da7028d2:1",
		"2c644846cb18d53e:1",
		"f1b89f20de0d133:1",
		"c129715d7a2bc9a3:1",
	}},
}

var greetingsHashes = []string{
	"e9496ae3ebfced30:1",
	"fb7c023a8b9ccb3f:1",
	"ce8ba1a563dcdaca:1",
	"e20e36e16fcb0cc8:1",
	"b3edc88f2938467e:1",
	"c8e28b0b4002a3a0:1",
	"c129715d7a2bc9a3:1",
}

var jsLineSplit = regexp.MustCompile(`\r\n|\r|\n`)

func TestLineHashesCodeQLActionVectors(t *testing.T) {
	for _, tc := range codeqlActionHashVectors {
		got := LineHashes([]byte(tc.input))
		if n := len(jsLineSplit.Split(tc.input, -1)); len(got) != n {
			t.Errorf("LineHashes(%q): %d hashes, want one per line (%d)", tc.input, len(got), n)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("LineHashes(%q)\n got %q\nwant %q", tc.input, got, tc.want)
		}
	}
}

// The end-to-end test "addFingerprints" in fingerprints.test.ts hashes
// src/testdata/testFile1.js and testFile2.js (contents copied here) and expects
// these values in src/testdata/fingerprinting.expected.sarif.
func TestLineHashesCodeQLActionTestFiles(t *testing.T) {
	for _, tc := range []struct {
		content string
		line    int
		want    string
	}{
		{"var a = 0;\nvar b = 0;\nvar c = 0;\nvar d = 0;\n", 1, "5e4d5a9cf1294ad9:1"},
		{"var foo = 0;\nvar bar = 0;\nvar baz = 0;\nvar qux = 0;\n", 2, "f7592a95a9381ac0:1"},
	} {
		if got := LineHashAt(LineHashes([]byte(tc.content)), tc.line); got != tc.want {
			t.Errorf("line %d of %q: got %s, want %s", tc.line, tc.content, got, tc.want)
		}
	}
}

// Vectors for what the upstream tests do not cover (non-ASCII text, characters
// outside the BMP, a BOM, ill-formed UTF-8, lines longer than the 100-character
// window, blank lines). The expected values were produced by running the hash
// function of codeql-action's src/fingerprints.ts (commit 048d0ea2) under
// Node 20 on files with exactly these bytes.
func TestLineHashesNodeVectors(t *testing.T) {
	long := "x = "
	for i := 0; i < 60; i++ {
		if i > 0 {
			long += "+"
		}
		long += strconv.Itoa(i)
	}
	for _, tc := range []struct {
		name, input string
		want        []string
	}{
		{"non-ascii", "name = \"caf\xc3\xa9\" \xf0\x9f\x98\x80\nx = 1\n", []string{
			"3bd827bce5553627:1", "8e00d41f0ebba6bf:1", "c129715d7a2bc9a3:1",
		}},
		{"bom-crlf", "\xef\xbb\xbfimport os\r\nos.getenv(\"A\")\n", []string{
			"1836360acc01b282:1", "70cc37cb4270bf84:1", "c129715d7a2bc9a3:1",
		}},
		{"ill-formed-utf8", "a\xff\xe2\x82b\xed\xa0\x80\nc\xf0\x9f\x98", []string{
			"e2b4e3534fa56ed5:1", "555448ee0ec9fdc7:1",
		}},
		{"long-line", long + "\n\tprint(x)\n", []string{
			"ef41e481ec77363:1", "f1b89f20de0d133:1", "c129715d7a2bc9a3:1",
		}},
		{"blank-lines", "a\n\n\n", []string{
			"d1b2637975409306:1", "5b5d4caf73a13177:1", "3c5bef55b72b93c9:1", "c129715d7a2bc9a3:1",
		}},
	} {
		if got := LineHashes([]byte(tc.input)); !slices.Equal(got, tc.want) {
			t.Errorf("%s: LineHashes(%q)\n got %q\nwant %q", tc.name, tc.input, got, tc.want)
		}
	}
}

func TestLineHashAt(t *testing.T) {
	hs := LineHashes([]byte("a\nb"))
	if len(hs) != 2 {
		t.Fatalf("got %d hashes, want 2", len(hs))
	}
	for _, line := range []int{-1, 0, 3, 100} {
		if got := LineHashAt(hs, line); got != "" {
			t.Errorf("LineHashAt(%d) = %q, want \"\"", line, got)
		}
	}
	if LineHashAt(hs, 1) != hs[0] || LineHashAt(hs, 2) != hs[1] {
		t.Errorf("LineHashAt does not index 1-based lines")
	}
	if LineHashAt(nil, 1) != "" {
		t.Errorf("LineHashAt(nil, 1) != \"\"")
	}
}

func TestDecodeUTF16Units(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []uint16
	}{
		{"", nil},
		{"a\xc3\xa9", []uint16{'a', 0xE9}},
		{"\xf0\x9f\x98\x80", []uint16{0xD83D, 0xDE00}},
		{"\xef\xbb\xbf", []uint16{0xFEFF}},
		// WHATWG: one U+FFFD per maximal subpart of an ill-formed sequence.
		{"\xe2\x82a", []uint16{0xFFFD, 'a'}},
		{"\xf0\x9f\x98", []uint16{0xFFFD}},
		{"\xed\xa0\x80", []uint16{0xFFFD, 0xFFFD, 0xFFFD}},
		{"\xc0\xaf", []uint16{0xFFFD, 0xFFFD}},
		{"\xe0\x80\x80", []uint16{0xFFFD, 0xFFFD, 0xFFFD}},
		{"\xf4\x90\x80\x80", []uint16{0xFFFD, 0xFFFD, 0xFFFD, 0xFFFD}},
		{"\xff\x80", []uint16{0xFFFD, 0xFFFD}},
	} {
		var got []uint16
		decodeUTF16Units([]byte(tc.in), func(u uint16) { got = append(got, u) })
		if !slices.Equal(got, tc.want) {
			t.Errorf("decode(%q) = %04x, want %04x", tc.in, got, tc.want)
		}
	}
	// On well-formed UTF-8 it agrees with the standard library.
	s := "def f():\n    return \"h\u00e9llo \u4e16\u754c \U0001F600\"\r\n"
	var got []uint16
	decodeUTF16Units([]byte(s), func(u uint16) { got = append(got, u) })
	want := utf16.Encode([]rune(s))
	if !slices.Equal(got, want) {
		t.Fatalf("decode(%q) = %04x, want utf16.Encode's %04x", s, got, want)
	}
}
