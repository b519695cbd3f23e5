// Package pyast is the only package that talks to tree-sitter. It parses Python
// source and converts the C syntax tree at once into plain Go nodes, then frees
// the C tree. Everything downstream works on these nodes: they are nil-safe,
// cheap to walk, and safe to read from any goroutine.
package pyast

import (
	"context"
	"errors"
	"sync"
	"time"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/python"
)

// Point is a 0-based row and a 0-based byte column.
type Point struct {
	Row, Col uint32
}

// Node is one syntax node. A nil *Node is a valid "missing" node: every method
// returns a zero value on it, so rules can chain lookups without checks.
type Node struct {
	Kind      string // grammar symbol, e.g. "call", "identifier", "("
	Field     string // field name in the parent ("function", "arguments"), "" if none
	Named     bool
	Missing   bool   // inserted by error recovery
	kindID    uint16 // Kind as a small number, for KindIndex
	StartByte uint32
	EndByte   uint32
	Start     Point
	End       Point
	// end is the index in the tree's arena just past the node's last
	// descendant: the arena is in preorder, so a subtree is one range.
	end      int32
	Parent   *Node
	Children []*Node
	tree     *Tree
}

// Tree is a parsed file: the root node and the source it indexes into.
type Tree struct {
	Root *Node
	Src  []byte
	// HasError is true when tree-sitter had to recover from a syntax error.
	HasError bool
	// Nodes is the number of nodes converted.
	Nodes int
	// arena holds every node in preorder (nil for trees built otherwise);
	// children backs the nodes' child lists.
	arena    []Node
	children []*Node
}

// TokenSuffix marks keyword tokens whose text equals a named node kind:
// the `yield` keyword inside a `yield` expression has kind "yield_token".
const TokenSuffix = "_token"

// ErrTimeout is returned when parsing takes longer than the parser's timeout.
var ErrTimeout = errors.New("parse timed out")

// Parser parses Python. It is not safe for concurrent use: give each worker its own.
type Parser struct {
	p       *sitter.Parser
	Timeout time.Duration // 0 means no limit
	buf     buffers       // memory reused by the next conversion
}

// PoisonReleased makes Release overwrite the nodes of a released tree
// instead of reusing them, so that a test can show that nothing reads a
// tree after it was released (a reused tree would silently hold another
// file's nodes).
var PoisonReleased = false

// ReleasedKind is the kind of every node of a tree released while
// PoisonReleased is set.
const ReleasedKind = "released-tree"

// Release hands the memory of t back to the parser, for the next Parse to
// reuse: t, its nodes and their child lists must not be used afterwards.
// Releasing is optional; a tree that is not released is left to the
// garbage collector.
func (p *Parser) Release(t *Tree) {
	if t == nil || t.arena == nil {
		return
	}
	nodes, children := t.arena, t.children
	t.Root, t.arena, t.children = nil, nil, nil
	if PoisonReleased {
		for i := range nodes {
			nodes[i] = Node{Kind: ReleasedKind}
		}
		return
	}
	if cap(nodes) > maxSpareNodes || cap(nodes) <= cap(p.buf.nodes) {
		return
	}
	p.buf.nodes, p.buf.children = nodes, children
}

var (
	langOnce    sync.Once
	lang        *sitter.Language
	symbolNames []string
	fieldNames  []string // by field id; index 0 is "no field"
	// kindIDs numbers the distinct node kinds (symbol names, "ERROR" and
	// ""); symbolKinds maps each grammar symbol to its kind's number.
	kindIDs     map[string]uint16
	symbolKinds []uint16
)

func language() *sitter.Language {
	langOnce.Do(func() {
		lang = python.GetLanguage()
		n := int(lang.SymbolCount())
		symbolNames = make([]string, n)
		named := map[string]bool{}
		for i := 0; i < n; i++ {
			symbolNames[i] = lang.SymbolName(sitter.Symbol(i))
			if lang.SymbolType(sitter.Symbol(i)) == sitter.SymbolTypeRegular {
				named[symbolNames[i]] = true
			}
		}
		fieldNames = []string{""}
		for i := 1; i < 1<<16; i++ {
			name := lang.FieldName(i)
			if name == "" {
				break
			}
			fieldNames = append(fieldNames, name)
		}
		// A keyword token such as `yield` or `await` would otherwise share its
		// kind with the expression node around it; give the token its own name.
		for i := 0; i < n; i++ {
			if lang.SymbolType(sitter.Symbol(i)) == sitter.SymbolTypeAnonymous && named[symbolNames[i]] {
				symbolNames[i] += TokenSuffix
			}
		}
		kindIDs = map[string]uint16{}
		symbolKinds = make([]uint16, n)
		for i, name := range symbolNames {
			symbolKinds[i] = kindID(name)
		}
		kindID("ERROR")
		kindID("")
	})
	return lang
}

// kindID returns the number of a kind, numbering it when new (only while
// the language is set up; afterwards the table is read-only).
func kindID(name string) uint16 {
	id, ok := kindIDs[name]
	if !ok {
		id = uint16(len(kindIDs))
		kindIDs[name] = id
	}
	return id
}

// NewParser returns a Python parser.
func NewParser() *Parser {
	p := sitter.NewParser()
	p.SetLanguage(language())
	return &Parser{p: p}
}

// Close frees the parser.
func (p *Parser) Close() {
	if p != nil && p.p != nil {
		p.p.Close()
		p.p = nil
	}
}

// Parse parses src and returns the converted tree. The C tree is freed before
// Parse returns.
func (p *Parser) Parse(src []byte) (*Tree, error) {
	// The timeout uses tree-sitter's own clock, not a cancellable context:
	// smacker's context watcher can set the cancel flag after a parse has
	// finished and so abort the next, unrelated parse.
	p.p.SetOperationLimit(int(p.Timeout / time.Microsecond))
	ct, err := p.p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		p.p.Reset()
		if errors.Is(err, sitter.ErrOperationLimit) {
			return nil, ErrTimeout
		}
		return nil, err
	}
	if ct == nil {
		return nil, errors.New("tree-sitter returned no tree")
	}
	defer ct.Close()
	t := &Tree{Src: src}
	root := ct.RootNode()
	t.HasError = root.HasError()
	t.Root, t.Nodes, err = flatten(t, root, &p.buf)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// ParseOnly parses src and frees the tree without converting it; the
// benchmark uses it as the floor of what any audit must spend.
func (p *Parser) ParseOnly(src []byte) error {
	ct, err := p.p.ParseCtx(context.Background(), nil, src)
	if err != nil {
		return err
	}
	ct.Close()
	return nil
}
