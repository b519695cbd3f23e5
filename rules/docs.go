package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

// Explain renders a rule's full documentation as text (for `fastaudit explain`).
func Explain(r *analyzer.Rule) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s %s\n", r.Code, r.Name)
	fmt.Fprintf(&sb, "principle: %s · severity: %s · precision: %s", r.Principle, r.Severity, r.Precision)
	if r.IsSecurity() {
		fmt.Fprintf(&sb, " · security-severity: %.1f", r.SecuritySeverity)
		if len(r.CWE) > 0 {
			fmt.Fprintf(&sb, " · %s", strings.Join(r.CWE, ", "))
		}
	}
	fmt.Fprintf(&sb, " · since %s\n\n", r.Since)
	section := func(title, body string, code bool) {
		if strings.TrimSpace(body) == "" {
			return
		}
		fmt.Fprintf(&sb, "## %s\n", title)
		if code {
			for _, line := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
				fmt.Fprintf(&sb, "    %s\n", line)
			}
		} else {
			fmt.Fprintf(&sb, "%s\n", strings.TrimSpace(body))
		}
		sb.WriteString("\n")
	}
	section("What it does", r.Doc.What, false)
	section("Why is this bad?", r.Doc.Why, false)
	section("Example", r.Doc.Example, true)
	section("Use instead", r.Doc.UseInstead, true)
	section("Known limits", r.Doc.Limits, false)
	if len(r.Doc.References) > 0 {
		section("References", "- "+strings.Join(r.Doc.References, "\n- "), false)
	}
	return sb.String()
}

// MarkdownTable renders the rule table used in the README and `rules --format markdown`.
func MarkdownTable() string {
	var sb strings.Builder
	sb.WriteString("| code | name | principle | severity | what it catches |\n|---|---|---|---|---|\n")
	for _, r := range All() {
		fmt.Fprintf(&sb, "| %s | %s | %s | %s | %s |\n", r.Code, r.Name, r.Principle, r.Severity, strings.ReplaceAll(r.Summary, "|", `\|`))
	}
	return sb.String()
}
