package analyzer

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// Pass is what a per-module check receives: the module with its live syntax
// tree, and ways to report.
type Pass struct {
	Rule   *Rule
	Module *Module
	file   *fileState
	run    *memoTable
}

// RunMemo returns the value computed once per run for key, for what rules
// read outside the code (dependency files on disk): shared by every file of
// the run, computed afresh by the next run. Safe from several goroutines,
// like Project.Memo.
func (p *Pass) RunMemo(key string, compute func() any) any {
	if p.run == nil {
		return compute()
	}
	return p.run.get(key, compute)
}

// Report records a finding at n.
func (p *Pass) Report(n *pyast.Node, format string, args ...any) {
	if n == nil {
		return
	}
	p.file.add(p.Rule, p.file.span(n), fmt.Sprintf(format, args...))
}

// ReportKind reports at n once the kind k is known: at once when k is
// concrete, after the project phase when it depends on another module.
// message returns the finding's message for the resolved kind, or "" to stay
// silent. It runs after the tree is gone: it must not touch syntax nodes.
func (p *Pass) ReportKind(n *pyast.Node, k Kind, message func(Kind) string) {
	if n == nil || k == KindUnknown {
		return
	}
	if !k.Pending() {
		if msg := message(k); msg != "" {
			p.file.add(p.Rule, p.file.span(n), msg)
		}
		return
	}
	p.file.deferred = append(p.file.deferred, deferred{rule: p.Rule, span: p.file.span(n), kind: k, message: message})
}

// ReportWhen reports at n after the project phase, when decide returns a
// non-empty message. Use it when the verdict needs another module's facts
// (is this imported function async? does that model have a password field?).
// decide runs after the tree is gone: it must capture strings, not nodes.
func (p *Pass) ReportWhen(n *pyast.Node, decide func(*Project) string) {
	if n == nil {
		return
	}
	p.file.deferred = append(p.file.deferred, deferred{rule: p.Rule, span: p.file.span(n), decide: decide})
}

// KindOf infers what expr holds inside fn (nil for module scope).
func (p *Pass) KindOf(fn *Function, expr *pyast.Node) Kind { return p.Module.KindOf(fn, expr) }

// Locate returns the location of n, for facts and messages.
func (p *Pass) Locate(n *pyast.Node) Location {
	return Location{Path: p.file.path, Span: p.file.span(n)}
}

// Tag records a fact about fn for the project phase (collectors use it, e.g.
// "blocking" → "requests.get()"). The first value for a key wins.
func (p *Pass) Tag(fn *Function, key, value string) {
	if fn == nil {
		return
	}
	if p.file.tags == nil {
		p.file.tags = map[*Function]map[string]string{}
	}
	t := p.file.tags[fn]
	if t == nil {
		t = map[string]string{}
		p.file.tags[fn] = t
	}
	if _, ok := t[key]; !ok {
		t[key] = value
	}
}

// IsTest reports whether the module is a test file.
func (p *Pass) IsTest() bool { return p.Module.IsTest }

// ProjectPass is what a whole-project check receives.
type ProjectPass struct {
	Rule    *Rule
	Project *Project
	report  func(Finding)
}

// Location is a place in a file recorded in facts for project rules.
type Location struct {
	Path string
	Span
}

// Report records a finding at a location taken from the facts. The runner
// fills in the line hash and source line afterwards.
func (p *ProjectPass) Report(loc Location, format string, args ...any) {
	p.report(Finding{Rule: p.Rule, Path: loc.Path, Span: loc.Span, Message: fmt.Sprintf(format, args...)})
}

// deferred is a finding that waits for the project phase to resolve a kind.
type deferred struct {
	rule    *Rule
	span    Span
	kind    Kind
	message func(Kind) string
	decide  func(*Project) string
}

func (d *deferred) resolve(p *Project) string {
	if d.decide != nil {
		return d.decide(p)
	}
	return d.message(p.Resolve(d.kind))
}
