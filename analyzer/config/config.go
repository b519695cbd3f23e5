// Package config loads `.fastaudit.yaml`: which rules run, which files are
// excluded, per-file ignores, severity overrides, the fail level and which
// files are tests.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// FileNames are the names Find looks for, in order of preference.
var FileNames = []string{".fastaudit.yaml", ".fastaudit.yml"}

// Severity values accepted by `severity:` and `fail-on:`.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
	SeverityNote    = "note"
)

// Keys of the config file, in documentation order.
const (
	KeySelect         = "select"
	KeyIgnore         = "ignore"
	KeyExclude        = "exclude"
	KeyPerFileIgnores = "per-file-ignores"
	KeySeverity       = "severity"
	KeyFailOn         = "fail-on"
	KeyTestPaths      = "test-paths"
)

var knownKeys = []string{KeySelect, KeyIgnore, KeyExclude, KeyPerFileIgnores, KeySeverity, KeyFailOn, KeyTestPaths}

// DefaultTestPaths are the test-paths used when the config does not set them.
var DefaultTestPaths = []string{"tests/**", "test/**", "test_*.py", "*_test.py", "conftest.py"}

// Config is the content of a `.fastaudit.yaml`, or the defaults.
//
// Globs (Exclude, PerFileIgnores keys, TestPaths) are written relative to
// the directory of the config file; see RelPath.
type Config struct {
	Path           string              // file it was loaded from; "" if defaults
	Select         []string            // codes or prefixes ("FA1", "FA20", "FA101"), upper-cased
	Ignore         []string            // codes or prefixes, upper-cased
	Exclude        []string            // globs, gitignore semantics (see package discover)
	PerFileIgnores map[string][]string // glob -> codes/prefixes
	Severity       map[string]string   // code (or prefix) -> "error"|"warning"|"note"
	FailOn         string              // "" | error | warning | note
	TestPaths      []string            // globs; DefaultTestPaths when unset
}

// Default returns the configuration used when there is no config file.
func Default() *Config {
	return &Config{
		PerFileIgnores: map[string][]string{},
		Severity:       map[string]string{},
		TestPaths:      append([]string(nil), DefaultTestPaths...),
	}
}

// Find looks for `.fastaudit.yaml` (then `.fastaudit.yml`) in start and
// each of its parent directories, and returns the absolute path of the
// first one found. start may be a file, in which case the search begins in
// its directory.
func Find(start string) (path string, ok bool) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return "", false
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	for {
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				return p, true
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

// Dir is the directory the config's globs are relative to: the directory
// of Path (absolute), or "" for the defaults.
func (c *Config) Dir() string {
	if c == nil || c.Path == "" {
		return ""
	}
	abs, err := filepath.Abs(c.Path)
	if err != nil {
		return filepath.Dir(c.Path)
	}
	return filepath.Dir(abs)
}

// RelPath converts rel, a '/'-separated path relative to the audited root
// (an absolute directory, as returned by discover.Discover), into the path
// that per-file-ignores and test-paths globs are matched against: the path
// relative to the config file's directory when root lies inside it, else
// rel unchanged.
func (c *Config) RelPath(root, rel string) string {
	dir := c.Dir()
	if dir == "" || root == "" {
		return rel
	}
	prefix, err := filepath.Rel(dir, root)
	if err != nil {
		return rel
	}
	prefix = filepath.ToSlash(prefix)
	switch {
	case prefix == ".":
		return rel
	case prefix == ".." || strings.HasPrefix(prefix, "../"):
		return rel
	case rel == "" || rel == ".":
		return prefix
	}
	return prefix + "/" + rel
}

// IsTestPath reports whether rel (a '/'-separated relative path) is a test
// file according to test-paths. A glob matches the path, any '/'-suffix of
// it, or one of their parent directories: `tests/**` matches
// `app/tests/x.py`, `test_*.py` matches `pkg/test_x.py`. A leading '/'
// anchors a glob at the start of the path; a trailing '/' matches
// directories only.
func (c *Config) IsTestPath(rel string) bool {
	if c == nil {
		return Default().IsTestPath(rel)
	}
	for _, g := range c.TestPaths {
		if matchPath(g, rel) {
			return true
		}
	}
	return false
}

// IgnoredFor returns the codes and prefixes that per-file-ignores turns off
// for rel, deduplicated, in glob order then listed order. Globs match as
// in IsTestPath.
func (c *Config) IgnoredFor(rel string) []string {
	if c == nil || len(c.PerFileIgnores) == 0 {
		return nil
	}
	globs := make([]string, 0, len(c.PerFileIgnores))
	for g := range c.PerFileIgnores {
		globs = append(globs, g)
	}
	sort.Strings(globs)
	var out []string
	seen := map[string]bool{}
	for _, g := range globs {
		if !matchPath(g, rel) {
			continue
		}
		for _, code := range c.PerFileIgnores[g] {
			if !seen[code] {
				seen[code] = true
				out = append(out, code)
			}
		}
	}
	return out
}

// SeverityFor returns the severity override for code: an exact entry of
// Severity, else the entry of the longest prefix of code (severity keys
// may be prefixes such as "FA2" when isCode accepted them).
func (c *Config) SeverityFor(code string) (string, bool) {
	if c == nil {
		return "", false
	}
	if s, ok := c.Severity[code]; ok {
		return s, true
	}
	best, sev := "", ""
	for k, s := range c.Severity {
		if strings.HasPrefix(code, k) && len(k) > len(best) {
			best, sev = k, s
		}
	}
	return sev, best != ""
}

// Error is a problem in a config file. Error() reads
// `path:line: message` (or `path: message` when the line is unknown).
type Error struct {
	Path string // config file as given to Load
	Line int    // 1-based; 0 if unknown
	Key  string // top-level key concerned, if any
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.Path, e.Msg)
}

// Load reads and validates the config file at path. isCode reports whether
// a code or prefix names a known rule (or group of rules); codes are
// upper-cased before the check. A nil isCode accepts every code.
//
// An empty file (or one holding only comments or `~`) gives the defaults.
// Unknown keys, unknown codes, wrong types, bad severities and a bad
// fail-on are errors of type *Error naming the file, line and key.
func Load(path string, isCode func(codeOrPrefix string) bool) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read config: " + errText(err)}
	}
	c := Default()
	c.Path = path

	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return c, nil
		}
		return nil, yamlError(path, err)
	}
	root := &doc
	if root.Kind == yaml.DocumentNode {
		if len(root.Content) == 0 {
			return c, nil
		}
		root = root.Content[0]
	}
	if err := c.decode(path, root, isCode); err != nil {
		return nil, err
	}
	return c, nil
}

// decode validates the document root (a mapping, or null for the defaults)
// and fills c from it. Both `.fastaudit.yaml` and the [tool.fastaudit]
// table of pyproject.toml (converted to yaml.Node) go through it, so both
// accept the same keys and report the same errors.
func (c *Config) decode(path string, root *yaml.Node, isCode func(string) bool) error {
	root = deref(root)
	if isNull(root) {
		return nil
	}
	p := &parser{path: path, isCode: isCode}
	if root.Kind != yaml.MappingNode {
		return p.errf(root, "", "the top level must be a mapping with the keys %s; got %s",
			strings.Join(knownKeys, ", "), describe(root))
	}

	seen := map[string]int{}
	var err error
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := deref(root.Content[i]), deref(root.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" {
			return p.errf(k, "", "keys must be strings; got %s", describe(k))
		}
		key := k.Value
		if line, dup := seen[key]; dup {
			return p.errf(k, key, "duplicate key %q (first set on line %d)", key, line)
		}
		seen[key] = k.Line
		switch key {
		case KeySelect:
			c.Select, err = p.codeList(key, v)
		case KeyIgnore:
			c.Ignore, err = p.codeList(key, v)
		case KeyExclude:
			c.Exclude, err = p.globList(key, v)
		case KeyTestPaths:
			var tp []string
			tp, err = p.globList(key, v)
			if err == nil && !isNull(v) {
				c.TestPaths = tp
				if c.TestPaths == nil {
					c.TestPaths = []string{}
				}
			}
		case KeyPerFileIgnores:
			c.PerFileIgnores, err = p.perFileIgnores(key, v)
		case KeySeverity:
			c.Severity, err = p.severity(key, v)
		case KeyFailOn:
			c.FailOn, err = p.failOn(key, v)
		default:
			msg := fmt.Sprintf("unknown key %q", key)
			if s := suggest(key); s != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", s)
			}
			msg += "; known keys: " + strings.Join(knownKeys, ", ")
			return &Error{Path: path, Line: k.Line, Key: key, Msg: msg}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

type parser struct {
	path   string
	isCode func(string) bool
}

func (p *parser) errf(n *yaml.Node, key, format string, args ...any) *Error {
	line := 0
	if n != nil {
		line = n.Line
	}
	return &Error{Path: p.path, Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
}

// stringList reads a list of non-empty strings. A null value is nil.
func (p *parser) stringList(key, what string, v *yaml.Node) ([]string, error) {
	if isNull(v) {
		return nil, nil
	}
	if v.Kind != yaml.SequenceNode {
		return nil, p.errf(v, key, "%s must be a list of %s (e.g. %s: [...]); got %s", key, what, key, describe(v))
	}
	out := make([]string, 0, len(v.Content))
	for _, it := range v.Content {
		it = deref(it)
		if it.Kind != yaml.ScalarNode || it.ShortTag() != "!!str" {
			return nil, p.errf(it, key, "%s: each item must be a string (%s); got %s", key, what, describe(it))
		}
		s := strings.TrimSpace(it.Value)
		if s == "" {
			return nil, p.errf(it, key, "%s: empty string in the list", key)
		}
		out = append(out, s)
	}
	return out, nil
}

func (p *parser) globList(key string, v *yaml.Node) ([]string, error) {
	return p.stringList(key, "globs", v)
}

func (p *parser) codeList(key string, v *yaml.Node) ([]string, error) {
	items, err := p.stringList(key, "rule codes or prefixes", v)
	if err != nil || items == nil {
		return items, err
	}
	out := items[:0]
	seen := map[string]bool{}
	for i, s := range items {
		code, err := p.code(key, s, deref(v.Content[i]))
		if err != nil {
			return nil, err
		}
		if !seen[code] {
			seen[code] = true
			out = append(out, code)
		}
	}
	return out, nil
}

// code normalises and checks one code or prefix; where names it in errors.
func (p *parser) code(where, s string, n *yaml.Node) (string, error) {
	code := strings.ToUpper(strings.TrimSpace(s))
	if p.isCode != nil && !p.isCode(code) {
		return "", p.errf(n, topKey(where), "unknown rule code %q in %s", s, where)
	}
	return code, nil
}

func (p *parser) perFileIgnores(key string, v *yaml.Node) (map[string][]string, error) {
	out := map[string][]string{}
	if isNull(v) {
		return out, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errf(v, key, "%s must be a mapping of glob to a list of codes (e.g. \"tests/**\": [FA101]); got %s", key, describe(v))
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := deref(v.Content[i]), deref(v.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" || strings.TrimSpace(k.Value) == "" {
			return nil, p.errf(k, key, "%s: each key must be a non-empty glob string; got %s", key, describe(k))
		}
		glob := strings.TrimSpace(k.Value)
		if _, dup := out[glob]; dup {
			return nil, p.errf(k, key, "%s: duplicate glob %q", key, glob)
		}
		where := fmt.Sprintf("%s[%q]", key, glob)
		if val.Kind != yaml.SequenceNode {
			return nil, p.errf(val, key, "%s must be a list of rule codes or prefixes; got %s", where, describe(val))
		}
		codes := []string{}
		for _, it := range val.Content {
			it = deref(it)
			if it.Kind != yaml.ScalarNode || it.ShortTag() != "!!str" || strings.TrimSpace(it.Value) == "" {
				return nil, p.errf(it, key, "%s: each item must be a rule code or prefix; got %s", where, describe(it))
			}
			code, err := p.code(where, it.Value, it)
			if err != nil {
				return nil, err
			}
			codes = append(codes, code)
		}
		out[glob] = codes
	}
	return out, nil
}

func (p *parser) severity(key string, v *yaml.Node) (map[string]string, error) {
	out := map[string]string{}
	if isNull(v) {
		return out, nil
	}
	if v.Kind != yaml.MappingNode {
		return nil, p.errf(v, key, "%s must be a mapping of rule code to error, warning or note (e.g. FA101: warning); got %s", key, describe(v))
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := deref(v.Content[i]), deref(v.Content[i+1])
		if k.Kind != yaml.ScalarNode || k.ShortTag() != "!!str" || strings.TrimSpace(k.Value) == "" {
			return nil, p.errf(k, key, "%s: each key must be a rule code; got %s", key, describe(k))
		}
		code, err := p.code(key, k.Value, k)
		if err != nil {
			return nil, err
		}
		if _, dup := out[code]; dup {
			return nil, p.errf(k, key, "%s: duplicate code %q", key, code)
		}
		sev, err := p.level(fmt.Sprintf("%s[%q]", key, code), key, val)
		if err != nil {
			return nil, err
		}
		out[code] = sev
	}
	return out, nil
}

func (p *parser) failOn(key string, v *yaml.Node) (string, error) {
	if isNull(v) {
		return "", nil
	}
	return p.level(key, key, v)
}

// level reads error|warning|note (case-insensitive).
func (p *parser) level(where, key string, v *yaml.Node) (string, error) {
	if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!str" {
		return "", p.errf(v, key, "%s must be one of error, warning, note; got %s", where, describe(v))
	}
	s := strings.ToLower(strings.TrimSpace(v.Value))
	switch s {
	case SeverityError, SeverityWarning, SeverityNote:
		return s, nil
	}
	return "", p.errf(v, key, "%s must be one of error, warning, note; got %q", where, v.Value)
}

// topKey returns the top-level key of a location such as
// `per-file-ignores["tests/**"]`.
func topKey(where string) string {
	if i := strings.IndexByte(where, '['); i >= 0 {
		return where[:i]
	}
	return where
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && n.Alias != nil && i < 100; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	return n == nil || n.Kind == 0 || (n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null")
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return fmt.Sprintf("the string %q", n.Value)
		case "!!int", "!!float":
			return "the number " + n.Value
		case "!!bool":
			return "the boolean " + n.Value
		case "!!null":
			return "nothing (null)"
		}
		return fmt.Sprintf("%s %q", n.ShortTag(), n.Value)
	}
	return "an unsupported value"
}

// suggest returns the known key closest to an unknown one, or "".
func suggest(key string) string {
	norm := strings.ReplaceAll(strings.ToLower(strings.TrimSpace(key)), "_", "-")
	best, bestD := "", 3
	for _, k := range knownKeys {
		if norm == k {
			return k
		}
		if d := editDistance(norm, k); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the optimal-string-alignment distance (insertions,
// deletions, substitutions and adjacent transpositions such as "selcet").
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// errText returns the reason of a file-system error without repeating the
// path (the *Error carries it).
func errText(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// yamlError turns a yaml.v3 syntax error ("yaml: line 3: mapping values are
// not allowed in this context") into an *Error with the line lifted out.
func yamlError(path string, err error) *Error {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 0
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ": "); i > 0 {
			if n, convErr := strconv.Atoi(rest[:i]); convErr == nil {
				line, msg = n, rest[i+2:]
			}
		}
	}
	return &Error{Path: path, Line: line, Msg: "invalid YAML: " + msg}
}
