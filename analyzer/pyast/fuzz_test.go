package pyast

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse: any bytes parse without panicking, the Go tree is consistent
// (children inside their parent, in order) and the helpers accept every node.
// Seeds: every fixture. Run longer with `go test -fuzz FuzzParse ./analyzer/pyast`.
func FuzzParse(f *testing.F) {
	filepath.Walk("../../testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".py") {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
		return nil
	})
	f.Add([]byte("def f(:\n  x = [1, 2\nclass"))
	f.Add([]byte(strings.Repeat("(", 3000)))
	p := NewParser()
	f.Fuzz(func(t *testing.T, src []byte) {
		tree, err := p.Parse(src)
		if err != nil {
			return
		}
		count := 0
		tree.Root.Walk(func(n *Node) bool {
			count++
			for i, c := range n.Children {
				if c.Parent != n || c.StartByte < n.StartByte || c.EndByte > n.EndByte {
					t.Fatalf("child %d of %s outside its parent", i, n.Kind)
				}
				if i > 0 && c.StartByte < n.Children[i-1].EndByte {
					t.Fatalf("children of %s out of order", n.Kind)
				}
			}
			_ = n.Text()
			StringValue(n)
			DottedName(n)
			IsLiteral(n)
			Args(n)
			return true
		})
		if count != tree.Nodes {
			t.Fatalf("walked %d nodes, converted %d", count, tree.Nodes)
		}
	})
}
