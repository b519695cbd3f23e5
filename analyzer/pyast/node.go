package pyast

// Text is the node's source text.
func (n *Node) Text() string {
	if n == nil || n.tree == nil {
		return ""
	}
	src := n.tree.Src
	if int(n.EndByte) > len(src) || n.StartByte > n.EndByte {
		return ""
	}
	return string(src[n.StartByte:n.EndByte])
}

// Is reports whether the node is non-nil and of one of the kinds.
func (n *Node) Is(kinds ...string) bool {
	if n == nil {
		return false
	}
	for _, k := range kinds {
		if n.Kind == k {
			return true
		}
	}
	return false
}

// Type returns the node's kind, "" for nil.
func (n *Node) Type() string {
	if n == nil {
		return ""
	}
	return n.Kind
}

// Tree returns the tree the node belongs to.
func (n *Node) Tree() *Tree {
	if n == nil {
		return nil
	}
	return n.tree
}

// Up returns the parent, nil for the root or nil.
func (n *Node) Up() *Node {
	if n == nil {
		return nil
	}
	return n.Parent
}

// ChildByField returns the first child with the field name.
func (n *Node) ChildByField(field string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Field == field {
			return c
		}
	}
	return nil
}

// ChildrenByField returns every child with the field name.
func (n *Node) ChildrenByField(field string) []*Node {
	if n == nil {
		return nil
	}
	var out []*Node
	for _, c := range n.Children {
		if c.Field == field {
			out = append(out, c)
		}
	}
	return out
}

// NamedChildren returns the named children, skipping comments.
func (n *Node) NamedChildren() []*Node {
	if n == nil {
		return nil
	}
	out := make([]*Node, 0, len(n.Children))
	for _, c := range n.Children {
		if c.Named && c.Kind != "comment" {
			out = append(out, c)
		}
	}
	return out
}

// NamedChild returns the i-th named child (comments skipped), nil when out of range.
func (n *Node) NamedChild(i int) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Named && c.Kind != "comment" {
			if i == 0 {
				return c
			}
			i--
		}
	}
	return nil
}

// FirstChildOfKind returns the first direct child of the kind.
func (n *Node) FirstChildOfKind(kind string) *Node {
	if n == nil {
		return nil
	}
	for _, c := range n.Children {
		if c.Kind == kind {
			return c
		}
	}
	return nil
}

// HasChildOfKind reports whether a direct child has the kind (e.g. the "async" token).
func (n *Node) HasChildOfKind(kind string) bool { return n.FirstChildOfKind(kind) != nil }

// Walk visits n and its descendants in source order. fn returns false to skip
// a node's children. The walk uses an explicit stack, so depth is unbounded.
func (n *Node) Walk(fn func(*Node) bool) {
	if n == nil {
		return
	}
	stack := []*Node{n}
	for len(stack) > 0 {
		cur := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !fn(cur) {
			continue
		}
		for i := len(cur.Children) - 1; i >= 0; i-- {
			stack = append(stack, cur.Children[i])
		}
	}
}

// Ancestor returns the nearest ancestor (not n itself) of one of the kinds.
func (n *Node) Ancestor(kinds ...string) *Node {
	for p := n.Up(); p != nil; p = p.Parent {
		if p.Is(kinds...) {
			return p
		}
	}
	return nil
}

// Contains reports whether m lies inside n (or is n).
func (n *Node) Contains(m *Node) bool {
	if n == nil || m == nil {
		return false
	}
	return m.StartByte >= n.StartByte && m.EndByte <= n.EndByte && m.tree == n.tree
}
