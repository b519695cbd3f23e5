// Package rules holds every check of fastaudit, one file per rule: its
// metadata, its documentation and its check side by side. The registry is the
// single source for `fastaudit rules`, `explain`, SARIF and generated docs.
package rules

import (
	"fmt"
	"sort"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
)

var registry = map[string]*analyzer.Rule{}

func register(r *analyzer.Rule) *analyzer.Rule {
	if _, dup := registry[r.Code]; dup {
		panic("duplicate rule code " + r.Code)
	}
	registry[r.Code] = r
	return r
}

func init() {
	for _, r := range analyzer.Diagnostics() {
		register(r)
	}
}

// All returns every rule sorted by code.
func All() []*analyzer.Rule {
	out := make([]*analyzer.Rule, 0, len(registry))
	for _, r := range registry {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// ByCode returns the rule with the code, or nil.
func ByCode(code string) *analyzer.Rule { return registry[strings.ToUpper(code)] }

// IsCodeOrPrefix reports whether s is a rule code or a prefix of one ("FA1", "FA20").
func IsCodeOrPrefix(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if len(s) < 2 || !strings.HasPrefix(s, "FA") {
		return false
	}
	for code := range registry {
		if strings.HasPrefix(code, s) {
			return true
		}
	}
	return false
}

// Select returns the rules enabled by select/ignore lists of codes or
// prefixes: every rule when selectList is empty; the most specific match wins
// when a code is both selected and ignored (as in ruff).
func Select(selectList, ignoreList []string) ([]*analyzer.Rule, error) {
	for _, s := range append(append([]string{}, selectList...), ignoreList...) {
		if !IsCodeOrPrefix(s) {
			return nil, fmt.Errorf("unknown rule code or prefix %q", s)
		}
	}
	var out []*analyzer.Rule
	for _, r := range All() {
		sel := -1
		if len(selectList) == 0 {
			sel = 0
		}
		for _, s := range selectList {
			if p := strings.ToUpper(strings.TrimSpace(s)); strings.HasPrefix(r.Code, p) && len(p) > sel {
				sel = len(p)
			}
		}
		ign := -1
		for _, s := range ignoreList {
			if p := strings.ToUpper(strings.TrimSpace(s)); strings.HasPrefix(r.Code, p) && len(p) > ign {
				ign = len(p)
			}
		}
		if sel >= 0 && sel > ign {
			out = append(out, r)
		}
	}
	return out, nil
}

var collectors []func(*analyzer.Pass)

// registerCollector adds a fact collector: it runs on every module whatever
// rules are enabled, so project-phase rules can rely on its tags.
func registerCollector(c func(*analyzer.Pass)) bool {
	collectors = append(collectors, c)
	return true
}

// Collectors returns the fact collectors, for analyzer.Options.Collectors.
func Collectors() []func(*analyzer.Pass) { return collectors }
