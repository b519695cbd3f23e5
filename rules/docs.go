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

// principleTitles are the headings of docs/rules.md, in catalog order.
var principleTitles = map[analyzer.Principle]string{
	analyzer.PrincipleAnalysis:    "0xx — Analysis",
	analyzer.PrincipleAsync:       "1xx — Async correctness",
	analyzer.PrincipleSecurity:    "2xx — Security",
	analyzer.PrinciplePerformance: "3xx — Performance",
	analyzer.PrincipleErrors:      "4xx — Error handling and status codes",
	analyzer.PrincipleTypes:       "5xx — Type safety and validation",
	analyzer.PrincipleDocs:        "6xx — Documentation (OpenAPI)",
	analyzer.PrincipleTesting:     "7xx — Testing",
	analyzer.PrincipleProduction:  "8xx — Production readiness",
}

// RepositoryURL is where the generated rule pages live; SARIF helpUri points there.
const RepositoryURL = "https://github.com/fastaudit/fastaudit"

// HelpURI returns the address of a rule's documentation page.
func HelpURI(code string) string { return RepositoryURL + "/blob/main/docs/rules/" + code + ".md" }

// GenerateDocs renders docs/rules.md and docs/rules/<CODE>.md from the
// registry, keyed by path relative to the repository root.
func GenerateDocs() map[string]string {
	out := map[string]string{}
	var idx strings.Builder
	idx.WriteString("# fastaudit rules\n\n<!-- Generated from the rule registry by `go test ./rules -run TestGeneratedDocs -update`; do not edit. -->\n\n")
	fmt.Fprintf(&idx, "%d rules. `fastaudit explain CODE` prints the same documentation in the terminal.\n", len(All()))
	for _, p := range analyzer.Principles {
		var rs []*analyzer.Rule
		for _, r := range All() {
			if r.Principle == p {
				rs = append(rs, r)
			}
		}
		if len(rs) == 0 {
			continue
		}
		fmt.Fprintf(&idx, "\n## %s\n\n| code | name | severity | what it catches |\n|---|---|---|---|\n", principleTitles[p])
		for _, r := range rs {
			fmt.Fprintf(&idx, "| [%s](rules/%s.md) | %s | %s | %s |\n", r.Code, r.Code, r.Name, r.Severity, strings.ReplaceAll(r.Summary, "|", `\|`))
			out["docs/rules/"+r.Code+".md"] = rulePage(r)
		}
	}
	out["docs/rules.md"] = idx.String()
	return out
}

func rulePage(r *analyzer.Rule) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "# %s %s\n\n<!-- Generated from the rule registry; do not edit. -->\n\n", r.Code, r.Name)
	fmt.Fprintf(&sb, "| principle | severity | precision | since |")
	if r.IsSecurity() {
		sb.WriteString(" security-severity | CWE |")
	}
	sb.WriteString("\n|---|---|---|---|")
	if r.IsSecurity() {
		sb.WriteString("---|---|")
	}
	fmt.Fprintf(&sb, "\n| %s | %s | %s | %s |", r.Principle, r.Severity, r.Precision, r.Since)
	if r.IsSecurity() {
		fmt.Fprintf(&sb, " %.1f | %s |", r.SecuritySeverity, strings.Join(r.CWE, ", "))
	}
	fmt.Fprintf(&sb, "\n\n%s\n", r.Summary)
	section := func(title, body string, code bool) {
		if strings.TrimSpace(body) == "" {
			return
		}
		fmt.Fprintf(&sb, "\n## %s\n\n", title)
		if code {
			fmt.Fprintf(&sb, "```python\n%s\n```\n", strings.TrimRight(body, "\n"))
		} else {
			fmt.Fprintf(&sb, "%s\n", strings.TrimSpace(body))
		}
	}
	section("What it does", r.Doc.What, false)
	section("Why is this bad?", r.Doc.Why, false)
	section("Example", r.Doc.Example, true)
	section("Use instead", r.Doc.UseInstead, true)
	section("Known limits", r.Doc.Limits, false)
	if len(r.Doc.References) > 0 {
		section("References", "- "+strings.Join(r.Doc.References, "\n- "), false)
	}
	fmt.Fprintf(&sb, "\n## Suppressing it\n\n```python\n... # noqa: %s\n```\n\nor `ignore: [%s]` in `.fastaudit.yaml`.\n", r.Code, r.Code)
	return sb.String()
}
