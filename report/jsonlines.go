package report

import (
	"bytes"
	"encoding/json"

	"github.com/fastaudit/fastaudit/analyzer"
)

// writeJSONLines writes one JSON object per finding per line (JSON Lines,
// https://jsonlines.org), in the result's order, with exactly the fields of
// the json format's findings:
//
//	{"code":"FA101","name":"sync-db-in-async","principle":"async-correctness","severity":"error","path":"app/db.py","line":5,"column":11,"end_line":5,"end_column":35,"message":"..."}
//
// There is no header and no summary; without findings the output is empty.
func writeJSONLines(buf *bytes.Buffer, res *analyzer.Result, _ Options) error {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	for i := range res.Findings {
		// Encode ends each value with a newline and never emits one inside:
		// newlines in strings are escaped.
		if err := enc.Encode(newJSONFinding(&res.Findings[i])); err != nil {
			return err
		}
	}
	return nil
}
