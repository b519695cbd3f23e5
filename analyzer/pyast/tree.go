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
	Missing   bool // inserted by error recovery
	StartByte uint32
	EndByte   uint32
	Start     Point
	End       Point
	Parent    *Node
	Children  []*Node
	tree      *Tree
}

// Tree is a parsed file: the root node and the source it indexes into.
type Tree struct {
	Root *Node
	Src  []byte
	// HasError is true when tree-sitter had to recover from a syntax error.
	HasError bool
	// Nodes is the number of nodes converted.
	Nodes int
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
}

var (
	langOnce    sync.Once
	lang        *sitter.Language
	symbolNames []string
	fieldNames  []string // by field id; index 0 is "no field"
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
	})
	return lang
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
	t.Root, t.Nodes, err = flatten(t, root)
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
