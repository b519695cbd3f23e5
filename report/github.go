package report

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

// writeGitHub writes one GitHub Actions workflow command per finding, which
// the runner turns into an annotation on the file and line:
//
//	::error file=app/db.py,line=5,col=11,endLine=5,endColumn=35,title=FA101 sync-db-in-async::message
//
// The command is error, warning or notice for the severities error, warning
// and note. Values are escaped as @actions/core's command.ts does it:
// escapeData for the message (% \r \n) and escapeProperty for the properties
// (also : and ,). Like the toolkit, a property without a value (a finding
// without a line or column) is left out. The runner drops col and endColumn
// when line and endLine differ, so they are only written for one-line spans
// (and only when endColumn is not before col). Nothing else is written: no
// summary, and no output at all without findings.
//
// Paths are relative to the audited root; the runner resolves them against
// the workspace, so audit from the repository root for the annotations to
// land on the right files.
func writeGitHub(buf *bytes.Buffer, res *analyzer.Result, _ Options) error {
	for i := range res.Findings {
		f := &res.Findings[i]
		buf.WriteString("::")
		buf.WriteString(githubCommand(severityOf(f)))
		sep := byte(' ')
		prop := func(key, val string) {
			if val == "" {
				return
			}
			buf.WriteByte(sep)
			sep = ','
			buf.WriteString(key)
			buf.WriteByte('=')
			buf.WriteString(githubEscapeProperty(val))
		}
		num := func(n int) string {
			if n < 1 {
				return ""
			}
			return strconv.Itoa(n)
		}
		prop("file", f.Path)
		if f.Line >= 1 {
			prop("line", num(f.Line))
			oneLine := f.EndLine == 0 || f.EndLine == f.Line
			if oneLine && f.Column >= 1 {
				prop("col", num(f.Column))
			}
			if f.EndLine >= f.Line {
				prop("endLine", num(f.EndLine))
			}
			if oneLine && f.Column >= 1 && f.EndColumn >= f.Column {
				prop("endColumn", num(f.EndColumn))
			}
		}
		prop("title", strings.TrimSpace(f.Rule.Code+" "+f.Rule.Name))
		buf.WriteString("::")
		buf.WriteString(githubEscapeData(firstNonEmpty(f.Message, f.Rule.Summary, f.Rule.Name, f.Rule.Code)))
		buf.WriteByte('\n')
	}
	return nil
}

func githubCommand(s analyzer.Severity) string {
	switch s {
	case analyzer.SeverityError:
		return "error"
	case analyzer.SeverityWarning:
		return "warning"
	}
	return "notice"
}

// githubEscapeData is escapeData of @actions/core (packages/core/src/command.ts).
func githubEscapeData(s string) string {
	return githubDataEscaper.Replace(s)
}

// githubEscapeProperty is escapeProperty of @actions/core.
func githubEscapeProperty(s string) string {
	return githubPropertyEscaper.Replace(s)
}

// strings.Replacer works in one pass, so "%" is never escaped twice, which
// matches the toolkit's chain of replaces that starts with "%".
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)
