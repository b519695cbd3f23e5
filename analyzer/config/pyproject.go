package config

// The [tool.fastaudit] table of pyproject.toml, as ruff reads [tool.ruff]:
//
//	[tool.fastaudit]
//	select = ["FA1", "FA2"]
//	ignore = ["FA502"]
//	exclude = ["migrations/**"]
//	fail-on = "warning"
//
//	[tool.fastaudit.per-file-ignores]
//	"app/legacy/**" = ["FA101"]
//
//	[tool.fastaudit.severity]
//	FA301 = "error"
//
// The keys, their meaning and their errors are those of `.fastaudit.yaml`:
// the table is converted into the yaml.Node tree the YAML file would give
// (with the TOML lines of keys and items) and validated by the same code.
//
// TOML is read with github.com/pelletier/go-toml/v2: its decoder checks the
// document (syntax, duplicate keys, redefined tables) and reports the line
// of a problem, and its parser (package unstable) gives the line of every
// key and array item, so a bad value in pyproject.toml is reported on its
// line just as in the YAML file.

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
	"gopkg.in/yaml.v3"
)

// PyprojectName is the file whose [tool.fastaudit] table Locate and
// LoadFile read.
const PyprojectName = "pyproject.toml"

// pyprojectTable is the dotted name of fastaudit's table, for messages.
const pyprojectTable = "[tool.fastaudit]"

// Found is the config file Locate chose.
type Found struct {
	// Path is the absolute path of the file to load: a `.fastaudit.yaml`
	// (or `.yml`), or a pyproject.toml with a [tool.fastaudit] table.
	Path string
	// Shadowed is the pyproject.toml with a [tool.fastaudit] table in the
	// same directory as a YAML Path, which the YAML file wins over; "" when
	// there is none. Callers should tell the user that it is ignored.
	Shadowed string
}

// Locate looks, in start and each of its parents, for `.fastaudit.yaml`,
// `.fastaudit.yml`, or a pyproject.toml that has a [tool.fastaudit] table
// (a pyproject.toml without one is passed over, as ruff does). The nearest
// directory holding one wins; within a directory the YAML file wins over
// pyproject.toml and Found.Shadowed names the latter. start may be a file.
func Locate(start string) (Found, bool) {
	dir, err := filepath.Abs(start)
	if err != nil {
		return Found{}, false
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	for {
		yamlPath := ""
		for _, name := range FileNames {
			p := filepath.Join(dir, name)
			if fi, err := os.Stat(p); err == nil && fi.Mode().IsRegular() {
				yamlPath = p
				break
			}
		}
		pyproject := filepath.Join(dir, PyprojectName)
		hasTable := HasPyprojectTable(pyproject)
		switch {
		case yamlPath != "" && hasTable:
			return Found{Path: yamlPath, Shadowed: pyproject}, true
		case yamlPath != "":
			return Found{Path: yamlPath}, true
		case hasTable:
			return Found{Path: pyproject}, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return Found{}, false
		}
		dir = parent
	}
}

// HasPyprojectTable reports whether the file at path is a regular file with
// a [tool.fastaudit] table (in any TOML spelling: a table header, dotted
// keys, an inline table). A file that is not valid TOML counts when it
// mentions `fastaudit` at all, so that loading it reports the syntax error
// rather than the config being silently skipped.
func HasPyprojectTable(path string) bool {
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.Contains(data, []byte("fastaudit")) {
		return false
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return true
	}
	tool, _ := doc["tool"].(map[string]any)
	_, ok := tool["fastaudit"]
	return ok
}

// LoadFile loads a config file of either kind: the [tool.fastaudit] table
// when the file is named pyproject.toml or ends in `.toml`, else YAML.
func LoadFile(path string, isCode func(codeOrPrefix string) bool) (*Config, error) {
	if filepath.Base(path) == PyprojectName || strings.EqualFold(filepath.Ext(path), ".toml") {
		return LoadPyproject(path, isCode)
	}
	return Load(path, isCode)
}

// LoadPyproject reads and validates the [tool.fastaudit] table of the TOML
// file at path, with the keys and checks of Load; errors are *Error values
// naming the file and the line. A file without the table is an error (an
// empty table gives the defaults).
func LoadPyproject(path string, isCode func(codeOrPrefix string) bool) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read config: " + errText(err)}
	}
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, tomlError(path, err)
	}
	tool, ok := doc["tool"]
	if !ok {
		return nil, &Error{Path: path, Msg: "no " + pyprojectTable + " table"}
	}
	toolTable, ok := tool.(map[string]any)
	if !ok {
		return nil, &Error{Path: path, Msg: "`tool` must be a table, so there is no " + pyprojectTable + " table"}
	}
	table, ok := toolTable["fastaudit"]
	if !ok {
		return nil, &Error{Path: path, Msg: "no " + pyprojectTable + " table"}
	}

	pos := tomlPositions(data)
	prefix := []string{"tool", "fastaudit"}
	root := tomlNode(table, prefix, pos, pos.line(prefix, 0))
	c := Default()
	c.Path = path
	if root.Kind != yaml.MappingNode {
		return nil, &Error{Path: path, Line: root.Line, Msg: fmt.Sprintf("%s must be a table; got %s", pyprojectTable, describe(root))}
	}
	if err := c.decode(path, root, isCode); err != nil {
		var ce *Error
		if errors.As(err, &ce) {
			ce.Msg = pyprojectTable + ": " + ce.Msg
		}
		return nil, err
	}
	return c, nil
}

// tomlError turns a go-toml decoding error into an *Error with its line.
func tomlError(path string, err error) *Error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return &Error{Path: path, Line: row, Msg: "invalid TOML: " + strings.TrimPrefix(de.Error(), "toml: ")}
	}
	return &Error{Path: path, Msg: "invalid TOML: " + strings.TrimPrefix(err.Error(), "toml: ")}
}

// keyPositions maps a key path (parts joined by "\x00"; array items as
// "#N") to where it first appears in the document.
type keyPositions map[string]unstable.Position

func pathKey(parts []string) string { return strings.Join(parts, "\x00") }

// line is the line of the key path, or of its nearest ancestor that has one,
// or fallback.
func (kp keyPositions) line(parts []string, fallback int) int {
	for n := len(parts); n > 0; n-- {
		if p, ok := kp[pathKey(parts[:n])]; ok {
			return p.Line
		}
	}
	return fallback
}

// offset orders the keys of one table as they first appear in the file.
func (kp keyPositions) offset(parts []string) int {
	if p, ok := kp[pathKey(parts)]; ok {
		return p.Offset
	}
	return -1
}

// tomlPositions walks the document with go-toml's parser and records where
// each key path (and each array item) first appears. The document has been
// decoded successfully already; on a parse error the positions found so far
// are returned.
func tomlPositions(data []byte) keyPositions {
	kp := keyPositions{}
	p := &unstable.Parser{}
	p.Reset(data)
	shape := func(n *unstable.Node) (unstable.Position, bool) {
		if n.Raw.Length == 0 && n.Raw.Offset == 0 {
			return unstable.Position{}, false
		}
		return p.Shape(n.Raw).Start, true
	}
	record := func(parts []string, n *unstable.Node) {
		k := pathKey(parts)
		if _, seen := kp[k]; seen {
			return
		}
		if at, ok := shape(n); ok {
			kp[k] = at
		}
	}
	// keyParts reads a (possibly dotted) key, recording each prefix.
	keyParts := func(base []string, it unstable.Iterator) []string {
		parts := append([]string(nil), base...)
		for it.Next() {
			k := it.Node()
			parts = append(parts, string(k.Data))
			record(parts, k)
		}
		return parts
	}
	arrayTables := map[string]int{}
	var value func(parts []string, v *unstable.Node)
	value = func(parts []string, v *unstable.Node) {
		switch v.Kind {
		case unstable.Array:
			i := 0
			for it := v.Children(); it.Next(); {
				item := it.Node()
				if item.Kind == unstable.Comment {
					continue
				}
				ip := append(append([]string(nil), parts...), "#"+strconv.Itoa(i))
				record(ip, item)
				value(ip, item)
				i++
			}
		case unstable.InlineTable:
			for it := v.Children(); it.Next(); {
				kv := it.Node()
				if kv.Kind != unstable.KeyValue {
					continue
				}
				value(keyParts(parts, kv.Key()), kv.Value())
			}
		}
	}
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table:
			table = keyParts(nil, e.Key())
		case unstable.ArrayTable:
			// [[tool.fastaudit.x]] is never valid here, but keep lines right
			// for the error: item N of the array starts at its header.
			parts := keyParts(nil, e.Key())
			k := pathKey(parts)
			item := append(append([]string(nil), parts...), "#"+strconv.Itoa(arrayTables[k]))
			arrayTables[k]++
			if at, ok := kp[k]; ok {
				if _, seen := kp[pathKey(item)]; !seen {
					kp[pathKey(item)] = at
				}
			}
			table = item
		case unstable.KeyValue:
			value(keyParts(table, e.Key()), e.Value())
		}
	}
	return kp
}

// tomlNode converts a decoded TOML value into the yaml.Node the same value
// would have in `.fastaudit.yaml`, with the TOML line of each key and item
// (line is the line of the value's key, used when nothing better is known).
// Table keys are kept in the order they appear in the file.
func tomlNode(v any, parts []string, pos keyPositions, line int) *yaml.Node {
	scalar := func(tag, value string) *yaml.Node {
		return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value, Line: line}
	}
	switch v := v.(type) {
	case map[string]any:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: line}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		child := func(k string) []string { return append(append([]string(nil), parts...), k) }
		sort.SliceStable(keys, func(i, j int) bool {
			oi, oj := pos.offset(child(keys[i])), pos.offset(child(keys[j]))
			if oi != oj {
				return oi < oj
			}
			return keys[i] < keys[j]
		})
		for _, k := range keys {
			kparts := child(k)
			kline := pos.line(kparts, line)
			n.Content = append(n.Content,
				&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: kline},
				tomlNode(v[k], kparts, pos, kline))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: line}
		for i, item := range v {
			ip := append(append([]string(nil), parts...), "#"+strconv.Itoa(i))
			n.Content = append(n.Content, tomlNode(item, ip, pos, pos.line(ip, line)))
		}
		return n
	case string:
		return scalar("!!str", v)
	case bool:
		return scalar("!!bool", strconv.FormatBool(v))
	case int64:
		return scalar("!!int", strconv.FormatInt(v, 10))
	case float64:
		return scalar("!!float", strconv.FormatFloat(v, 'g', -1, 64))
	case time.Time:
		return scalar("!!timestamp", v.Format(time.RFC3339Nano))
	case toml.LocalDate, toml.LocalTime, toml.LocalDateTime:
		return scalar("!!timestamp", fmt.Sprint(v))
	case nil:
		return scalar("!!null", "")
	}
	return scalar("!!str", fmt.Sprint(v))
}
