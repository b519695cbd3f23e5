package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// calledName returns the qualified name of what a call calls ("" if unknown).
func calledName(m *analyzer.Module, call *pyast.Node) string {
	return m.Resolve(pyast.Callee(call))
}

// methodCall splits `recv.method(...)` into its receiver and method name.
func methodCall(call *pyast.Node) (recv *pyast.Node, method string) {
	callee := pyast.Callee(call)
	if !callee.Is("attribute") {
		return nil, ""
	}
	return callee.ChildByField("object"), callee.ChildByField("attribute").Text()
}

// asyncContext returns the async function whose body runs n directly on the
// event loop: the innermost def around n when it is `async def` and no lambda
// lies between them (a lambda is usually handed to a threadpool or run later).
func asyncContext(m *analyzer.Module, n *pyast.Node) *analyzer.Function {
	for p := n.Up(); p != nil; p = p.Parent {
		switch p.Kind {
		case "lambda":
			return nil
		case "function_definition":
			f := m.FunctionAt(p)
			if f == nil || !f.Async {
				return nil
			}
			return f
		}
	}
	return nil
}

// offloaded reports whether n runs in a worker thread (see Module.Offloaded).
func offloaded(m *analyzer.Module, n *pyast.Node) bool { return m.Offloaded(n) }

// funcLabel names a function in messages: "async def list_users".
func funcLabel(f *analyzer.Function) string {
	if f == nil {
		return "module level"
	}
	if f.Async {
		return "async def " + f.Name
	}
	return "def " + f.Name
}

// lowerWords reports whether name, split into words, contains one of words.
func hasWord(name string, words ...string) bool {
	lower := strings.ToLower(name)
	parts := strings.FieldsFunc(lower, func(r rune) bool { return r == '_' || r == '-' || r == '.' || r == ' ' })
	for _, p := range parts {
		for _, w := range words {
			if p == w {
				return true
			}
		}
	}
	return false
}
