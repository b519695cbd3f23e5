package pyast

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func dump(n *Node, depth int, sb *strings.Builder) {
	if n == nil {
		return
	}
	f := ""
	if n.Field != "" {
		f = n.Field + ": "
	}
	txt := ""
	if len(n.Children) == 0 {
		txt = " " + fmt.Sprintf("%q", n.Text())
	}
	fmt.Fprintf(sb, "%s%s%s%s\n", strings.Repeat("  ", depth), f, n.Kind, txt)
	for _, c := range n.Children {
		dump(c, depth+1, sb)
	}
}

func TestDumpProbe(t *testing.T) {
	src, err := os.ReadFile(os.Getenv("PYAST_DUMP"))
	if err != nil {
		t.Skip("set PYAST_DUMP=file.py to print its tree")
	}
	p := NewParser()
	defer p.Close()
	tr, err := p.Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	dump(tr.Root, 0, &sb)
	fmt.Print(sb.String())
}
