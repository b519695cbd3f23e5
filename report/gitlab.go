package report

import (
	"bytes"
	"encoding/json"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/baseline"
)

// GitLab Code Quality (the subset of the Code Climate issue format that
// GitLab reads, https://docs.gitlab.com/ci/testing/code_quality/): a JSON
// array with one object per finding,
//
//	[
//	  {
//	    "description": "FA101: Synchronous Session.execute() blocks ...",
//	    "check_name": "FA101",
//	    "fingerprint": "3f5c...",
//	    "severity": "critical",
//	    "location": {"path": "app/db.py", "lines": {"begin": 5}}
//	  }
//	]
//
// Severities map error → critical, warning → major, note → minor (GitLab's
// scale is info, minor, major, critical, blocker; blocker is left for
// problems that must stop a merge whatever the project thinks, which a
// static check cannot know, and info for findings that are not problems).
//
// GitLab tells new, fixed and unchanged findings apart by fingerprint
// alone, so the fingerprint must not change when unrelated lines move: it
// is baseline.Fingerprints, the SHA-256 of the rule code, the path, the
// finding's source line with surrounding white space trimmed, and the
// occurrence index of that triple among the findings (0 for the first
// finding of FA101 on a line reading `db.execute(q)` in app/db.py, 1 for the
// second, in report order), not of the line number. Editing the flagged
// line itself gives a new fingerprint, as it should. Baseline files use the
// same fingerprints.
//
// The array is always present ("[]" without findings) and indented with two
// spaces.

type gitlabIssue struct {
	Description string         `json:"description"`
	CheckName   string         `json:"check_name"`
	Fingerprint string         `json:"fingerprint"`
	Severity    string         `json:"severity"`
	Location    gitlabLocation `json:"location"`
}

type gitlabLocation struct {
	Path  string      `json:"path"`
	Lines gitlabLines `json:"lines"`
}

type gitlabLines struct {
	Begin int `json:"begin"`
}

func writeGitLab(buf *bytes.Buffer, res *analyzer.Result, _ Options) error {
	issues := make([]gitlabIssue, 0, len(res.Findings))
	fps := baseline.Fingerprints(res.Findings)
	for i := range res.Findings {
		f := &res.Findings[i]
		issues = append(issues, gitlabIssue{
			Description: f.Rule.Code + ": " + firstNonEmpty(f.Message, f.Rule.Summary, f.Rule.Name),
			CheckName:   f.Rule.Code,
			Fingerprint: fps[i],
			Severity:    gitlabSeverity(severityOf(f)),
			Location: gitlabLocation{
				Path:  f.Path,
				Lines: gitlabLines{Begin: max(f.Line, 1)},
			},
		})
	}
	enc := json.NewEncoder(buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(issues)
}

func gitlabSeverity(s analyzer.Severity) string {
	switch s {
	case analyzer.SeverityError:
		return "critical"
	case analyzer.SeverityWarning:
		return "major"
	}
	return "minor"
}
