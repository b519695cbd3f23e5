package pyast

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sitter "github.com/smacker/go-tree-sitter"
)

// convert is the reference converter: one Go-side cursor walk with a cgo
// call per step. flatten must produce the same tree (no recursion,
// so deeply nested input cannot overflow the stack).
func convert(t *Tree, root *sitter.Node) (*Node, int) {
	cur := sitter.NewTreeCursor(root)
	defer cur.Close()

	var slab []Node
	alloc := func() *Node {
		if len(slab) == cap(slab) {
			slab = make([]Node, 0, 512)
		}
		slab = slab[:len(slab)+1]
		return &slab[len(slab)-1]
	}
	count := 0
	mk := func(parent *Node) *Node {
		cn := cur.CurrentNode()
		n := alloc()
		count++
		sym := int(cn.Symbol())
		if sym < len(symbolNames) {
			n.Kind = symbolNames[sym]
		} else {
			n.Kind = cn.Type()
		}
		if cn.IsError() {
			n.Kind = "ERROR"
		}
		n.Field = cur.CurrentFieldName()
		n.Named = cn.IsNamed()
		n.Missing = cn.IsMissing()
		n.StartByte, n.EndByte = cn.StartByte(), cn.EndByte()
		sp, ep := cn.StartPoint(), cn.EndPoint()
		n.Start = Point{sp.Row, sp.Column}
		n.End = Point{ep.Row, ep.Column}
		n.Parent = parent
		n.tree = t
		if parent != nil {
			parent.Children = append(parent.Children, n)
		}
		return n
	}
	top := mk(nil)
	node := top
	for {
		if cur.GoToFirstChild() {
			node = mk(node)
			continue
		}
		for {
			if node == top {
				return top, count
			}
			if cur.GoToNextSibling() {
				node = mk(node.Parent)
				break
			}
			cur.GoToParent()
			node = node.Parent
		}
	}
}

// TestFlattenMatchesCursorWalk checks the single-call flattener against the
// step-by-step reference on every fixture and on broken input.
func TestFlattenMatchesCursorWalk(t *testing.T) {
	var inputs [][]byte
	filepath.Walk("../../testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".py") {
			if b, err := os.ReadFile(p); err == nil {
				inputs = append(inputs, b)
			}
		}
		return nil
	})
	inputs = append(inputs, []byte("def broken(:\n  x = [1, 2\nclass"), []byte(""), []byte("# only a comment\n"))
	if len(inputs) < 10 {
		t.Fatalf("only %d inputs found", len(inputs))
	}
	p := NewParser()
	defer p.Close()
	for i, src := range inputs {
		ct, err := p.p.ParseCtx(context.Background(), nil, src)
		if err != nil {
			t.Fatal(err)
		}
		want, wn := convert(&Tree{Src: src}, ct.RootNode())
		got, gn, err := flatten(&Tree{Src: src}, ct.RootNode(), nil)
		ct.Close()
		if err != nil || gn != wn {
			t.Fatalf("input %d: %d nodes, want %d (%v)", i, gn, wn, err)
		}
		if a, b := render(got), render(want); a != b {
			t.Fatalf("input %d differs:\n%s\nwant:\n%s", i, a, b)
		}
	}
}

func render(n *Node) string {
	var sb strings.Builder
	n.Walk(func(c *Node) bool {
		depth := 0
		for p := c.Parent; p != nil; p = p.Parent {
			depth++
		}
		fmt.Fprintf(&sb, "%d %s %s %v %v %d-%d %v %v %d\n", depth, c.Kind, c.Field, c.Named, c.Missing, c.StartByte, c.EndByte, c.Start, c.End, len(c.Children))
		return true
	})
	return sb.String()
}
