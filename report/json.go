package report

import (
	"bytes"
	"encoding/json"

	"github.com/fastaudit/fastaudit/analyzer"
)

// jsonReport is the shape of the json format:
//
//	{
//	  "version": "1.2.0",
//	  "findings": [
//	    {"code": "FA101", "name": "sync-db-in-async", "principle": "async-correctness",
//	     "severity": "error", "path": "app/main.py", "line": 3, "column": 5,
//	     "end_line": 3, "end_column": 20, "message": "..."}
//	  ],
//	  "summary": {
//	    "files": 40,
//	    "findings": 1,
//	    "by_severity": {"error": 1, "warning": 0, "note": 0},
//	    "by_principle": {"analysis": 0, "async-correctness": 1, ...}
//	  }
//	}
//
// findings is always an array (never null), in the result's order; severity
// is the effective severity; columns count code points from 1 and end_column
// is exclusive. by_severity always has the three keys. by_principle always
// has every principle of analyzer.Principles, zero counts included, so the
// shape does not depend on the findings (plus any other principle a finding's
// rule carries); its keys are sorted alphabetically.
type jsonReport struct {
	Version  string        `json:"version"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonFinding struct {
	Code      string `json:"code"`
	Name      string `json:"name"`
	Principle string `json:"principle"`
	Severity  string `json:"severity"`
	Path      string `json:"path"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Message   string `json:"message"`
}

// newJSONFinding is the json (and json-lines) form of one finding.
func newJSONFinding(f *analyzer.Finding) jsonFinding {
	return jsonFinding{
		Code:      f.Rule.Code,
		Name:      f.Rule.Name,
		Principle: string(f.Rule.Principle),
		Severity:  severityOf(f).String(),
		Path:      f.Path,
		Line:      f.Line,
		Column:    f.Column,
		EndLine:   f.EndLine,
		EndColumn: f.EndColumn,
		Message:   f.Message,
	}
}

type jsonSummary struct {
	Files       int            `json:"files"`
	Findings    int            `json:"findings"`
	BySeverity  jsonSeverities `json:"by_severity"`
	ByPrinciple map[string]int `json:"by_principle"`
}

type jsonSeverities struct {
	Error   int `json:"error"`
	Warning int `json:"warning"`
	Note    int `json:"note"`
}

func writeJSON(buf *bytes.Buffer, res *analyzer.Result, opts Options) error {
	out := jsonReport{
		Version:  opts.Version,
		Findings: make([]jsonFinding, 0, len(res.Findings)),
		Summary: jsonSummary{
			Files:       res.Files,
			Findings:    len(res.Findings),
			ByPrinciple: make(map[string]int, len(analyzer.Principles)),
		},
	}
	for _, p := range analyzer.Principles {
		out.Summary.ByPrinciple[string(p)] = 0
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		out.Findings = append(out.Findings, newJSONFinding(f))
		out.Summary.ByPrinciple[string(f.Rule.Principle)]++
	}
	c := countSeverities(res)
	out.Summary.BySeverity = jsonSeverities{Error: c.errors, Warning: c.warnings, Note: c.notes}

	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}
