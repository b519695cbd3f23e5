package pyast

import "unsafe"

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
// a node's children. Depth is unbounded: a converted tree is walked as the
// range of its preorder arena that holds n's subtree, other trees with an
// explicit stack.
func (n *Node) Walk(fn func(*Node) bool) {
	if n == nil {
		return
	}
	if i, ok := n.arenaIndex(); ok {
		arena := n.tree.arena
		for end := n.end; i < end; {
			cur := &arena[i]
			if fn(cur) {
				i++
			} else {
				i = cur.end
			}
		}
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

// arenaIndex returns n's index in its tree's arena, if it has one.
func (n *Node) arenaIndex() (int32, bool) {
	if n.tree == nil || len(n.tree.arena) == 0 {
		return 0, false
	}
	base := uintptr(unsafe.Pointer(&n.tree.arena[0]))
	i := (uintptr(unsafe.Pointer(n)) - base) / unsafe.Sizeof(Node{})
	if uintptr(unsafe.Pointer(n)) < base || i >= uintptr(len(n.tree.arena)) {
		return 0, false
	}
	return int32(i), true
}

// ID numbers the nodes of a converted tree from 0 to Tree.Nodes-1 in
// preorder, for per-node tables kept in slices instead of maps; -1 for nil
// and for nodes of trees built otherwise.
func (n *Node) ID() int {
	if n == nil {
		return -1
	}
	if i, ok := n.arenaIndex(); ok {
		return int(i)
	}
	return -1
}

// KindIndex lists the named nodes of a tree by kind, each list in source
// order: what Module.Nodes serves rules that look at every call, string or
// assignment, built in one pass instead of a walk per rule.
type KindIndex struct {
	start []int32 // by kind number: where its nodes begin; start[k+1] ends them
	nodes []*Node
}

// IndexKinds builds the kind index of the tree.
func (t *Tree) IndexKinds() *KindIndex {
	x := &KindIndex{start: make([]int32, len(kindIDs)+1)}
	if t == nil || t.Root == nil {
		return x
	}
	if len(t.arena) == 0 {
		// A tree built without the converter: number its kinds by name.
		var named []*Node
		var ids []uint16
		t.Root.Walk(func(n *Node) bool {
			if id, ok := kindIDs[n.Kind]; ok && n.Named {
				named = append(named, n)
				ids = append(ids, id)
			}
			return true
		})
		x.fill(len(named), func(visit func(*Node, uint16)) {
			for i, n := range named {
				visit(n, ids[i])
			}
		})
		return x
	}
	named := 0
	for i := range t.arena {
		if t.arena[i].Named {
			named++
		}
	}
	x.fill(named, func(visit func(*Node, uint16)) {
		for i := range t.arena {
			if n := &t.arena[i]; n.Named {
				visit(n, n.kindID)
			}
		}
	})
	return x
}

// fill sorts the count nodes that each calls visit with, by kind (a
// counting sort, which keeps source order within a kind).
func (x *KindIndex) fill(count int, each func(visit func(*Node, uint16))) {
	each(func(_ *Node, id uint16) { x.start[id+1]++ })
	for k := 1; k < len(x.start); k++ {
		x.start[k] += x.start[k-1]
	}
	next := append([]int32(nil), x.start[:len(x.start)-1]...)
	x.nodes = make([]*Node, count)
	each(func(n *Node, id uint16) {
		x.nodes[next[id]] = n
		next[id]++
	})
}

// Of returns the named nodes of the kind in source order (nil when none).
// The slice is shared: do not append to it in place.
func (x *KindIndex) Of(kind string) []*Node {
	id, ok := kindIDs[kind]
	if !ok {
		return nil
	}
	a, b := x.start[id], x.start[id+1]
	if a == b {
		return nil
	}
	return x.nodes[a:b:b]
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
