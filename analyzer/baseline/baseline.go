// Package baseline helps adopt fastaudit in existing code: it fingerprints
// findings so they can be recognised after unrelated edits, records today's
// findings in a baseline file so later runs report only new ones, and
// inserts `# noqa: FAxxx` comments on the lines of current findings.
//
// A fingerprint is the SHA-256 of the rule code, the path, the finding's
// source line with surrounding white space trimmed, and the occurrence index
// of that triple among the findings (0 for the first finding of FA101 on a
// line reading `db.execute(q)` in app/db.py, 1 for the second, in report
// order), not of the line number: a finding keeps its fingerprint when lines
// above it are inserted or removed, and gets a new one when its own line is
// edited. GitLab Code Quality reports use the same fingerprints.
//
// A baseline file is JSON, one finding per line so that it diffs well:
//
//	{
//	  "version": 1,
//	  "findings": [
//	    {"code": "FA101", "path": "app/db.py", "fingerprint": "3f5c..."}
//	  ]
//	}
//
// Paths in it are relative to the baseline file's directory, so the same
// baseline matches whichever directory or files are audited (`fastaudit .`
// in CI, `fastaudit app/db.py` from pre-commit). Findings are listed by path,
// code and fingerprint, so rewriting the baseline after unrelated edits
// changes nothing.
package baseline

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

// Version is the baseline format version this package writes and reads.
const Version = 1

// Fingerprints returns the fingerprint of each finding, in order, with the
// findings' own paths; see the package comment. The occurrence index counts
// in the order of findings, which the analyzer sorts by position, so equal
// triples keep their relative order when lines above them move.
func Fingerprints(findings []analyzer.Finding) []string {
	return fingerprints(findings, nil)
}

// PathFunc gives the path a finding is recorded under; nil means
// Finding.Path.
type PathFunc func(f *analyzer.Finding) string

// RelativeTo returns a PathFunc for a baseline file in dir: the path of the
// finding's file (root joined with Finding.Path, root being the audited root
// of the run, analyzer.Result.Root) relative to dir, '/'-separated. A file
// that cannot be expressed relative to dir keeps Finding.Path.
func RelativeTo(root, dir string) PathFunc {
	absDir, err := filepath.Abs(dir)
	if err != nil {
		absDir = dir
	}
	return func(f *analyzer.Finding) string {
		rel, err := filepath.Rel(absDir, filepath.Join(root, filepath.FromSlash(f.Path)))
		if err != nil {
			return f.Path
		}
		return filepath.ToSlash(rel)
	}
}

func fingerprints(findings []analyzer.Finding, path PathFunc) []string {
	out := make([]string, len(findings))
	seen := make(map[[3]string]int, len(findings))
	for i := range findings {
		f := &findings[i]
		p := f.Path
		if path != nil {
			p = path(f)
		}
		key := [3]string{f.Rule.Code, p, strings.TrimSpace(f.SourceLine)}
		n := seen[key]
		seen[key] = n + 1
		out[i] = Fingerprint(key[0], key[1], key[2], n)
	}
	return out
}

// Fingerprint hashes one finding's identity: its rule code, path, trimmed
// source line and occurrence index among findings with the same three.
func Fingerprint(code, path, trimmedLine string, occurrence int) string {
	h := sha256.New()
	for _, part := range [3]string{code, path, trimmedLine} {
		// Length-prefixed, so no two different triples hash the same
		// byte string.
		h.Write([]byte(strconv.Itoa(len(part))))
		h.Write([]byte{':'})
		h.Write([]byte(part))
	}
	h.Write([]byte(strconv.Itoa(occurrence)))
	return hex.EncodeToString(h.Sum(nil))
}

// Entry is one finding recorded in a baseline.
type Entry struct {
	Code        string `json:"code"`
	Path        string `json:"path"`
	Fingerprint string `json:"fingerprint"`
}

// Baseline is the content of a baseline file.
type Baseline struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// New records findings (in report order, as analyzer.Run returns them),
// under the paths path gives.
func New(findings []analyzer.Finding, path PathFunc) *Baseline {
	fps := fingerprints(findings, path)
	b := &Baseline{Version: Version, Findings: make([]Entry, 0, len(findings))}
	for i := range findings {
		f := &findings[i]
		p := f.Path
		if path != nil {
			p = path(f)
		}
		b.Findings = append(b.Findings, Entry{Code: f.Rule.Code, Path: p, Fingerprint: fps[i]})
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		a, c := b.Findings[i], b.Findings[j]
		if a.Path != c.Path {
			return a.Path < c.Path
		}
		if a.Code != c.Code {
			return a.Code < c.Code
		}
		return a.Fingerprint < c.Fingerprint
	})
	return b
}

// Filter returns the findings that are not in the baseline, in their
// order, and how many were. Each baseline entry matches at most one
// finding. path must be the PathFunc the baseline was written with (for a
// baseline file, RelativeTo the file's directory).
func (b *Baseline) Filter(findings []analyzer.Finding, path PathFunc) (fresh []analyzer.Finding, known int) {
	left := make(map[Entry]int, len(b.Findings))
	for _, e := range b.Findings {
		left[e]++
	}
	fps := fingerprints(findings, path)
	fresh = make([]analyzer.Finding, 0, len(findings))
	for i := range findings {
		f := &findings[i]
		p := f.Path
		if path != nil {
			p = path(f)
		}
		e := Entry{Code: f.Rule.Code, Path: p, Fingerprint: fps[i]}
		if left[e] > 0 {
			left[e]--
			known++
			continue
		}
		fresh = append(fresh, *f)
	}
	return fresh, known
}

// Marshal renders the baseline as JSON, one finding per line, ending with a
// newline.
func (b *Baseline) Marshal() []byte {
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "{\n  \"version\": %d,\n  \"findings\": [", b.Version)
	for i, e := range b.Findings {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.WriteString("\n    {\"code\": ")
		writeString(&buf, e.Code)
		buf.WriteString(", \"path\": ")
		writeString(&buf, e.Path)
		buf.WriteString(", \"fingerprint\": ")
		writeString(&buf, e.Fingerprint)
		buf.WriteByte('}')
	}
	if len(b.Findings) > 0 {
		buf.WriteString("\n  ")
	}
	buf.WriteString("]\n}\n")
	return buf.Bytes()
}

// writeString writes s as a JSON string, without HTML escaping.
func writeString(buf *bytes.Buffer, s string) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	buf.Truncate(buf.Len() - 1)
}

// Read loads and checks a baseline file. Errors name the file.
func Read(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: cannot read baseline: %w", path, err)
	}
	return Parse(path, data)
}

// Parse checks the content of a baseline file; name is used in errors.
func Parse(name string, data []byte) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: not a fastaudit baseline (invalid JSON: %v)", name, err)
	}
	if b.Version != Version {
		if b.Version == 0 {
			return nil, fmt.Errorf("%s: not a fastaudit baseline (no \"version\"); write one with --write-baseline", name)
		}
		return nil, fmt.Errorf("%s: baseline version %d is not supported (this fastaudit reads version %d); write it again with --write-baseline", name, b.Version, Version)
	}
	for i, e := range b.Findings {
		if e.Code == "" || e.Path == "" || e.Fingerprint == "" {
			return nil, fmt.Errorf("%s: finding %d lacks a code, path or fingerprint", name, i+1)
		}
	}
	return &b, nil
}
