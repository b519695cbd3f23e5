package analyzer

import "github.com/fastaudit/fastaudit/analyzer/pyast"

// AssignsName reports whether the function's own body (not its nested
// defs) binds name as a plain identifier: a def or class of that name, an
// assignment, augmented assignment or for target, or an `as` alias.
//
// The names are collected in one walk on first use and kept: rules ask
// this for every call of a function, and walking the body each time was
// quadratic in the size of the function (generated code with thousands of
// calls in one function took seconds per file).
func (f *Function) AssignsName(name string) bool {
	if f.assigned == nil {
		f.assigned = map[string]bool{}
		f.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				if n.Kind != "lambda" {
					f.assigned[n.ChildByField("name").Text()] = true
				}
				return false
			case "assignment", "augmented_assignment", "for_statement", "for_in_clause":
				if left := n.ChildByField("left"); left.Is("identifier") {
					f.assigned[left.Text()] = true
				}
			case "as_pattern":
				f.assigned[n.ChildByField("alias").Text()] = true
			}
			return true
		})
		delete(f.assigned, "")
	}
	return f.assigned[name]
}
