package corpusgen

import (
	"sort"
	"strings"
)

// pyWriter builds Python source with explicit indentation (4 spaces a level).
type pyWriter struct {
	sb  strings.Builder
	ind int
	rep *strings.Replacer // applied by T
}

// P writes one line at the current indentation; an empty string writes a blank line.
func (w *pyWriter) P(s string) {
	if s == "" {
		w.sb.WriteByte('\n')
		return
	}
	for i := 0; i < w.ind; i++ {
		w.sb.WriteString("    ")
	}
	w.sb.WriteString(s)
	w.sb.WriteByte('\n')
}

// Ps writes several lines.
func (w *pyWriter) Ps(lines ...string) {
	for _, l := range lines {
		w.P(l)
	}
}

// T writes a multi-line template after placeholder substitution; every line is
// indented by the current level on top of its own indentation.
func (w *pyWriter) T(tmpl string) {
	if w.rep != nil {
		tmpl = w.rep.Replace(tmpl)
	}
	tmpl = strings.TrimPrefix(tmpl, "\n")
	tmpl = strings.TrimSuffix(tmpl, "\n")
	for _, l := range strings.Split(tmpl, "\n") {
		if strings.TrimSpace(l) == "" {
			w.P("")
			continue
		}
		w.P(l)
	}
}

// R substitutes placeholders in s.
func (w *pyWriter) R(s string) string {
	if w.rep == nil {
		return s
	}
	return w.rep.Replace(s)
}

func (w *pyWriter) In()  { w.ind++ }
func (w *pyWriter) Out() { w.ind-- }

func (w *pyWriter) String() string { return w.sb.String() }

// imports collects import statements and prints them grouped (stdlib,
// third party, first party) and sorted, like isort would.
type imports struct {
	plain map[string]bool
	from  map[string]map[string]bool
}

func newImports() *imports {
	return &imports{plain: map[string]bool{}, from: map[string]map[string]bool{}}
}

func (im *imports) Import(mod string) { im.plain[mod] = true }

func (im *imports) From(mod string, names ...string) {
	m := im.from[mod]
	if m == nil {
		m = map[string]bool{}
		im.from[mod] = m
	}
	for _, n := range names {
		m[n] = true
	}
}

var stdlibModules = map[string]bool{
	"__future__": true, "asyncio": true, "collections": true, "collections.abc": true, "contextlib": true,
	"csv": true, "dataclasses": true, "datetime": true, "decimal": true, "enum": true, "functools": true,
	"hashlib": true, "hmac": true, "io": true, "itertools": true, "json": true, "logging": true, "math": true,
	"os": true, "re": true, "secrets": true, "time": true, "typing": true, "uuid": true, "unicodedata": true,
	"base64": true, "smtplib": true, "email.message": true, "pathlib": true, "random": true, "string": true,
}

func importGroup(mod string) int {
	if mod == "__future__" {
		return 0
	}
	if stdlibModules[mod] {
		return 1
	}
	if strings.HasPrefix(mod, "app") || strings.HasPrefix(mod, ".") {
		return 3
	}
	return 2
}

type importLine struct {
	group int
	key   string
	text  []string
}

// Write prints the import block followed by one blank line.
func (im *imports) Write(w *pyWriter) {
	var lines []importLine
	for mod := range im.plain {
		lines = append(lines, importLine{importGroup(mod), "0" + mod, []string{"import " + mod}})
	}
	for mod, set := range im.from {
		names := make([]string, 0, len(set))
		for n := range set {
			names = append(names, n)
		}
		sort.Slice(names, func(i, j int) bool {
			// isort's force_sort_within_sections: CONSTANTS, Classes, functions.
			return sortKey(names[i]) < sortKey(names[j])
		})
		one := "from " + mod + " import " + strings.Join(names, ", ")
		var text []string
		if len(one) <= 88 {
			text = []string{one}
		} else {
			text = append(text, "from "+mod+" import (")
			for _, n := range names {
				text = append(text, "    "+n+",")
			}
			text = append(text, ")")
		}
		lines = append(lines, importLine{importGroup(mod), "1" + mod, text})
	}
	sort.Slice(lines, func(i, j int) bool {
		if lines[i].group != lines[j].group {
			return lines[i].group < lines[j].group
		}
		// "import x" and "from x import" sorted by module, plain first on ties.
		mi, mj := lines[i].key[1:], lines[j].key[1:]
		if mi != mj {
			return mi < mj
		}
		return lines[i].key < lines[j].key
	})
	prev := -1
	for _, l := range lines {
		if prev != -1 && l.group != prev {
			w.P("")
		}
		prev = l.group
		for _, t := range l.text {
			w.P(t)
		}
	}
	if len(lines) > 0 {
		w.P("")
	}
}

func sortKey(name string) string {
	switch {
	case strings.ToUpper(name) == name:
		return "0" + name
	case name[0] >= 'A' && name[0] <= 'Z':
		return "1" + name
	}
	return "2" + name
}
