package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"

	"github.com/fastaudit/fastaudit/analyzer"
)

// ruleCount is the number of findings of one rule.
type ruleCount struct {
	rule *analyzer.Rule
	// severity is the highest effective severity among the rule's findings
	// (they normally all share one: overrides apply per rule).
	severity analyzer.Severity
	count    int
}

// countRules tallies the findings by rule code, sorted by code.
func countRules(res *analyzer.Result) []ruleCount {
	index := map[string]int{}
	var out []ruleCount
	for i := range res.Findings {
		f := &res.Findings[i]
		j, ok := index[f.Rule.Code]
		if !ok {
			j = len(out)
			index[f.Rule.Code] = j
			out = append(out, ruleCount{rule: f.Rule})
		}
		out[j].count++
		if s := severityOf(f); s > out[j].severity {
			out[j].severity = s
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].rule.Code < out[b].rule.Code })
	return out
}

// statistics is countRules sorted as ruff's --statistics: most findings
// first, then by code.
func statistics(res *analyzer.Result) []ruleCount {
	stats := countRules(res)
	sort.SliceStable(stats, func(a, b int) bool { return stats[a].count > stats[b].count })
	return stats
}

// writeStatisticsText writes one line per rule with findings, such as
// "  12  FA101  [error]   sync-db-in-async" and
// "   3  FA301  [warning] n-plus-one-query": the count right-aligned after a
// two-space indent, the code and the severity padded to the widest, then the
// rule name; most findings first, then by code. Without findings it writes
// "No findings in N files." (nothing with Quiet).
func writeStatisticsText(buf *bytes.Buffer, res *analyzer.Result, opts Options) error {
	stats := statistics(res)
	if len(stats) == 0 {
		if !opts.Quiet {
			fmt.Fprintf(buf, "No findings in %s.\n", plural(res.Files, "file", "files"))
		}
		return nil
	}
	countWidth, codeWidth, sevWidth := 0, 0, 0
	for _, s := range stats {
		countWidth = max(countWidth, len(strconv.Itoa(s.count)))
		codeWidth = max(codeWidth, len(s.rule.Code))
		sevWidth = max(sevWidth, len(s.severity.String()))
	}
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	for _, s := range stats {
		sev := s.severity.String()
		fmt.Fprintf(buf, "%*d  %s%*s  [%s]%*s %s\n",
			countWidth+2, s.count,
			paint(ansiBold, s.rule.Code), codeWidth-len(s.rule.Code), "",
			paint(severityColor(s.severity), sev), sevWidth-len(sev), "",
			s.rule.Name)
	}
	return nil
}

type jsonStatistic struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Principle string `json:"principle"`
	Severity  string `json:"severity"`
	Count     int    `json:"count"`
}

// writeStatisticsJSON writes the statistics as a JSON array (always an
// array, [] without findings), in the text order:
//
//	[{"code": "FA101", "name": "sync-db-in-async", "principle": "async-correctness",
//	  "severity": "error", "count": 12}]
func writeStatisticsJSON(buf *bytes.Buffer, res *analyzer.Result, _ Options) error {
	out := []jsonStatistic{}
	for _, s := range statistics(res) {
		out = append(out, jsonStatistic{
			Code: s.rule.Code, Name: s.rule.Name, Principle: string(s.rule.Principle),
			Severity: s.severity.String(), Count: s.count,
		})
	}
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
