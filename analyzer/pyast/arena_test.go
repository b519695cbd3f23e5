package pyast

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// stackWalk is Walk by the explicit-stack definition, for trees with or
// without an arena.
func stackWalk(n *Node, fn func(*Node) bool) {
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

func fixtureSources(t *testing.T) [][]byte {
	t.Helper()
	var inputs [][]byte
	filepath.Walk("../../testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".py") && len(inputs) < 200 {
			if b, err := os.ReadFile(p); err == nil {
				inputs = append(inputs, b)
			}
		}
		return nil
	})
	inputs = append(inputs, []byte("def broken(:\n  x = [1, 2\nclass"), []byte(""))
	if len(inputs) < 10 {
		t.Fatalf("only %d inputs found", len(inputs))
	}
	return inputs
}

// TestArenaWalkMatchesStackWalk checks the preorder-range walk against the
// stack walk, from the root and from inner nodes, with children skipped.
func TestArenaWalkMatchesStackWalk(t *testing.T) {
	p := NewParser()
	defer p.Close()
	skip := func(n *Node) bool { return n.Kind != "function_definition" && n.Kind != "argument_list" }
	for i, src := range fixtureSources(t) {
		tree, err := p.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if len(tree.arena) != tree.Nodes {
			t.Fatalf("input %d: arena of %d nodes, want %d", i, len(tree.arena), tree.Nodes)
		}
		var starts []*Node
		stackWalk(tree.Root, func(n *Node) bool {
			if n.Is("module", "block", "call", "class_definition", "ERROR") {
				starts = append(starts, n)
			}
			return true
		})
		for _, start := range starts {
			for _, pred := range []func(*Node) bool{func(*Node) bool { return true }, skip} {
				var want, got []*Node
				stackWalk(start, func(n *Node) bool { want = append(want, n); return pred(n) })
				start.Walk(func(n *Node) bool { got = append(got, n); return pred(n) })
				if len(got) != len(want) {
					t.Fatalf("input %d, walk from %s at %d: %d nodes, want %d", i, start.Kind, start.StartByte, len(got), len(want))
				}
				for j := range want {
					if got[j] != want[j] {
						t.Fatalf("input %d, walk from %s: node %d is %s, want %s", i, start.Kind, j, got[j].Kind, want[j].Kind)
					}
				}
			}
		}
	}
}

// TestKindIndexMatchesWalk checks that the kind index lists exactly the
// named nodes of each kind in source order, for converted trees and trees
// without an arena.
func TestKindIndexMatchesWalk(t *testing.T) {
	p := NewParser()
	defer p.Close()
	for i, src := range fixtureSources(t) {
		tree, err := p.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string][]*Node{}
		stackWalk(tree.Root, func(n *Node) bool {
			if n.Named {
				want[n.Kind] = append(want[n.Kind], n)
			}
			return true
		})
		bare := &Tree{Root: tree.Root, Src: tree.Src} // no arena: the walk fallback
		for _, x := range []*KindIndex{tree.IndexKinds(), bare.IndexKinds()} {
			total := 0
			for kind, nodes := range want {
				got := x.Of(kind)
				total += len(got)
				if len(got) != len(nodes) {
					t.Fatalf("input %d: %d %s nodes, want %d", i, len(got), kind, len(nodes))
				}
				for j := range nodes {
					if got[j] != nodes[j] {
						t.Fatalf("input %d: %s node %d differs", i, kind, j)
					}
				}
				if cap(got) != len(got) {
					t.Fatalf("input %d: %s list has spare capacity, so an append would overwrite the next kind", i, kind)
				}
			}
			if len(x.nodes) != total {
				t.Fatalf("input %d: index holds %d nodes, the kinds asked %d", i, len(x.nodes), total)
			}
			if x.Of("no_such_kind") != nil {
				t.Fatalf("input %d: unknown kind has nodes", i)
			}
		}
	}
}
