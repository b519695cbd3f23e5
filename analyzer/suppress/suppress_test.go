package suppress

import (
	"reflect"
	"testing"
)

func TestParseComment(t *testing.T) {
	tests := []struct {
		text  string
		codes []string
		all   bool
		ok    bool
	}{
		// Bare noqa.
		{"# noqa", nil, true, true},
		{"#noqa", nil, true, true},
		{"# NOQA", nil, true, true},
		{"# NoQa", nil, true, true},
		{"#   noqa   ", nil, true, true},
		{"# noqa# another comment", nil, true, true},
		{"# noqa keep: the import registers the routes", nil, true, true}, // ruff: all
		{"# noqa FA101", nil, true, true},                                 // no colon: ruff treats it as bare
		// noqa with codes.
		{"# noqa: FA101", []string{"FA101"}, false, true},
		{"# noqa:FA101", []string{"FA101"}, false, true},
		{"# NOQA: FA101", []string{"FA101"}, false, true},
		{"# noqa : FA101", []string{"FA101"}, false, true},
		{"# noqa: FA101, FA102", []string{"FA101", "FA102"}, false, true},
		{"# noqa:FA101,FA102", []string{"FA101", "FA102"}, false, true},
		{"# noqa:FA101 FA102", []string{"FA101", "FA102"}, false, true},
		{"# noqa: FA101,  ,FA102", []string{"FA101", "FA102"}, false, true},
		{"# noqa: FA101 FA101", []string{"FA101"}, false, true},
		{"# noqa: FA101FA102", []string{"FA101", "FA102"}, false, true}, // glued, as ruff
		{"# noqa: FA101 because the session is async", []string{"FA101"}, false, true},
		{"# noqa: FA101 See the docs", []string{"FA101"}, false, true},
		{"# noqa: FA101# trailing", []string{"FA101"}, false, true},
		{"# noqa: FA101 # trailing", []string{"FA101"}, false, true},
		{"# noqa: E501", []string{"E501"}, false, true},
		{"# noqa: E501, W291", []string{"E501", "W291"}, false, true},
		// After other text in the comment.
		{"# type: ignore  # noqa: FA101", []string{"FA101"}, false, true},
		{"# type: ignore # noqa", nil, true, true},
		{"#: comment #noqa:FA102", []string{"FA102"}, false, true},
		// fastaudit directives.
		{"# fastaudit: ignore[FA101]", []string{"FA101"}, false, true},
		{"# fastaudit: ignore[FA101,FA102]", []string{"FA101", "FA102"}, false, true},
		{"# fastaudit: ignore[FA101, FA102]", []string{"FA101", "FA102"}, false, true},
		{"# fastaudit: ignore[ FA101 FA102 ]", []string{"FA101", "FA102"}, false, true},
		{"#fastaudit:ignore[FA101]", []string{"FA101"}, false, true},
		{"# fastaudit : ignore [FA101]", []string{"FA101"}, false, true},
		{"# FastAudit: Ignore[FA101]", []string{"FA101"}, false, true},
		{"# fastaudit: ignore[FA101] the session is only used for reads", []string{"FA101"}, false, true},
		{"# fastaudit: ignore", nil, true, true},
		{"# fastaudit: ignore  # reviewed", nil, true, true},
		{"# fastaudit: ignore because reviewed", nil, true, true},
		{"# pylint: disable=foo  # fastaudit: ignore[FA201]", []string{"FA201"}, false, true},
		// Several directives in one comment are merged.
		{"# noqa: FA101  # fastaudit: ignore[FA102, FA101]", []string{"FA101", "FA102"}, false, true},
		{"# noqa: E501  # noqa", []string{"E501"}, true, true},

		// Look-alikes that must not suppress.
		{"", nil, false, false},
		{"#", nil, false, false},
		{"# just a comment", nil, false, false},
		{"# see the noqa docs", nil, false, false},
		{"# we don't use noqa: FA101 here", nil, false, false},
		{"# noqa-ish", nil, false, false},
		{"# noqa_FA101", nil, false, false},
		{"#noqaFA101", nil, false, false},
		{"# noqa;FA101", nil, false, false},
		{"# noqa:", nil, false, false},                  // ruff: missing codes
		{"# noqa: ", nil, false, false},                 // ruff: missing codes
		{"# noqa: fa101", nil, false, false},            // codes are upper-case
		{"# noqa: unused-import", nil, false, false},    // names are not codes
		{"# noqa: FA101x", nil, false, false},           // invalid code suffix
		{"# noqa: FA101;FA102", nil, false, false},      // invalid delimiter
		{"# noqa: FA101ABC", nil, false, false},         // glued non-code
		{"# noqa: FA", nil, false, false},               // no digits
		{"# fastaudit: ignore-file", nil, false, false}, // file-level, not a line directive
		{"# fastaudit: ignored", nil, false, false},
		{"# fastaudit: ignore[]", nil, false, false},
		{"# fastaudit: ignore[FA101", nil, false, false},
		{"# fastaudit: ignore[FA101 reason]", nil, false, false},
		{"# fastaudit: ignore[fa101]", nil, false, false},
		{"# fastaudit: ignore[FA101x]", nil, false, false},
		{"# fastaudit ignore[FA101]", nil, false, false},
		{"# fastaudit: noqa", nil, false, false},
		{"# fastauditor: ignore", nil, false, false},
		{"# the fastaudit: ignore[FA101] directive", nil, false, false},
		{"# fastaudit:", nil, false, false},
	}
	for _, tt := range tests {
		codes, all, ok := ParseComment(tt.text)
		if !reflect.DeepEqual(codes, tt.codes) || all != tt.all || ok != tt.ok {
			t.Errorf("ParseComment(%q) = %q, %v, %v; want %q, %v, %v",
				tt.text, codes, all, ok, tt.codes, tt.all, tt.ok)
		}
	}
}

func TestSuppressed(t *testing.T) {
	s := New()
	s.AddComment(1, "# noqa")
	s.AddComment(2, "# noqa: FA101")
	s.AddComment(3, "# noqa: E501")
	s.AddComment(4, "# fastaudit: ignore[FA101,FA102]")
	s.AddComment(5, "# fastaudit: ignore")
	s.AddComment(6, "#noqa:FA1011")
	s.AddComment(7, "# noqa: FA1")
	s.AddComment(8, "# see the noqa docs")
	s.AddComment(9, "# noqa-ish")
	s.AddComment(10, "# type: ignore  # noqa: FA101")
	s.AddComment(11, "# noqa: FA101")
	s.AddComment(11, "# fastaudit: ignore[FA102]") // two comments on one line merge

	tests := []struct {
		line int
		code string
		want bool
	}{
		{1, "FA101", true},
		{1, "FA999", true},
		{2, "FA101", true},
		{2, "FA102", false},
		{3, "FA101", false}, // non-FA codes only: fastaudit findings stay
		{4, "FA101", true},
		{4, "FA102", true},
		{4, "FA103", false},
		{5, "FA201", true},
		{6, "FA101", false}, // FA1011 is not FA101
		{6, "FA1011", true},
		{7, "FA101", false}, // no prefix matching
		{8, "FA101", false},
		{9, "FA101", false},
		{10, "FA101", true},
		{11, "FA101", true},
		{11, "FA102", true},
		{11, "FA103", false},
		{12, "FA101", false}, // no comment on that line
		{0, "FA101", false},
	}
	for _, tt := range tests {
		if got := s.Suppressed(tt.line, tt.code); got != tt.want {
			t.Errorf("Suppressed(%d, %q) = %v, want %v", tt.line, tt.code, got, tt.want)
		}
	}
	if s.FileIgnored() {
		t.Error("FileIgnored without ignore-file")
	}
}

func TestFileIgnored(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"# fastaudit: ignore-file", true},
		{"#fastaudit:ignore-file", true},
		{"# FASTAUDIT: IGNORE-FILE", true},
		{"# fastaudit: ignore-file  # generated code", true},
		{"# fastaudit: ignore-file because generated", true},
		{"# generated  # fastaudit: ignore-file", true},
		{"# fastaudit: ignore-files", false},
		{"# fastaudit: ignore-file[FA101]", false},
		{"# fastaudit: ignore", false},
		{"# ruff: noqa", false},
		{"# fastaudit: noqa", false},
		{"# do not add fastaudit: ignore-file here", false},
	}
	for _, tt := range tests {
		s := New()
		s.AddComment(40, tt.text)
		if got := s.FileIgnored(); got != tt.want {
			t.Errorf("FileIgnored after %q = %v, want %v", tt.text, got, tt.want)
		}
		if got := s.Suppressed(1, "FA101"); got != tt.want {
			t.Errorf("Suppressed(1, FA101) after %q = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestNilAndEmptySet(t *testing.T) {
	var s *Set
	if s.FileIgnored() || s.Suppressed(1, "FA101") {
		t.Error("nil Set suppresses")
	}
	if New().Suppressed(1, "FA101") {
		t.Error("empty Set suppresses")
	}
}
