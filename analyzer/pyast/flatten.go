package pyast

/*
#include <stdint.h>
#include <stdbool.h>
#include <stdlib.h>

// The few tree-sitter declarations the flattener needs. The symbols are
// linked from the tree-sitter runtime that github.com/smacker/go-tree-sitter
// compiles into the binary; the layouts are those of its api.h.
typedef uint16_t TSSymbol;
typedef uint16_t TSFieldId;
typedef struct TSPoint { uint32_t row; uint32_t column; } TSPoint;
typedef struct TSTree TSTree;
typedef struct TSNode { uint32_t context[4]; const void *id; const TSTree *tree; } TSNode;
typedef struct TSTreeCursor { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;

extern TSTreeCursor ts_tree_cursor_new(TSNode);
extern void ts_tree_cursor_delete(TSTreeCursor *);
extern TSNode ts_tree_cursor_current_node(const TSTreeCursor *);
extern TSFieldId ts_tree_cursor_current_field_id(const TSTreeCursor *);
extern bool ts_tree_cursor_goto_first_child(TSTreeCursor *);
extern bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *);
extern bool ts_tree_cursor_goto_parent(TSTreeCursor *);
extern TSSymbol ts_node_symbol(TSNode);
extern uint32_t ts_node_start_byte(TSNode);
extern uint32_t ts_node_end_byte(TSNode);
extern TSPoint ts_node_start_point(TSNode);
extern TSPoint ts_node_end_point(TSNode);
extern bool ts_node_is_named(TSNode);
extern bool ts_node_is_missing(TSNode);
extern bool ts_node_is_error(TSNode);

typedef struct {
	uint32_t start_byte, end_byte, start_row, start_col, end_row, end_col;
	int32_t parent;
	uint16_t symbol, field;
	uint8_t flags;
} fa_node;

enum { FA_NAMED = 1, FA_MISSING = 2, FA_ERROR = 4 };

static int fa_emit(fa_node **buf, uint32_t *cap, uint32_t n, const TSTreeCursor *c, int32_t parent) {
	if (n == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 1024;
		fa_node *nb = realloc(*buf, (size_t)ncap * sizeof(fa_node));
		if (!nb) return 0;
		*buf = nb;
		*cap = ncap;
	}
	TSNode node = ts_tree_cursor_current_node(c);
	TSPoint sp = ts_node_start_point(node), ep = ts_node_end_point(node);
	fa_node *o = &(*buf)[n];
	o->start_byte = ts_node_start_byte(node);
	o->end_byte = ts_node_end_byte(node);
	o->start_row = sp.row; o->start_col = sp.column;
	o->end_row = ep.row; o->end_col = ep.column;
	o->parent = parent;
	o->symbol = ts_node_symbol(node);
	o->field = ts_tree_cursor_current_field_id(c);
	o->flags = (ts_node_is_named(node) ? FA_NAMED : 0) | (ts_node_is_missing(node) ? FA_MISSING : 0) |
		(ts_node_is_error(node) ? FA_ERROR : 0);
	return 1;
}

// fa_flatten writes the tree under root in preorder into a malloc'd array
// (caller frees) and returns the node count, or 0 when out of memory.
static uint32_t fa_flatten(TSNode root, fa_node **out) {
	fa_node *buf = NULL;
	uint32_t cap = 0, n = 0;
	TSTreeCursor c = ts_tree_cursor_new(root);
	if (!fa_emit(&buf, &cap, n, &c, -1)) goto oom;
	int32_t cur = n++;
	for (;;) {
		if (ts_tree_cursor_goto_first_child(&c)) {
			if (!fa_emit(&buf, &cap, n, &c, cur)) goto oom;
			cur = n++;
			continue;
		}
		for (;;) {
			if (cur == 0) {
				ts_tree_cursor_delete(&c);
				*out = buf;
				return n;
			}
			if (ts_tree_cursor_goto_next_sibling(&c)) {
				if (!fa_emit(&buf, &cap, n, &c, buf[cur].parent)) goto oom;
				cur = n++;
				break;
			}
			ts_tree_cursor_goto_parent(&c);
			cur = buf[cur].parent;
		}
	}
oom:
	ts_tree_cursor_delete(&c);
	free(buf);
	*out = NULL;
	return 0;
}
*/
import "C"

import (
	"errors"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

var errFlatten = errors.New("out of memory while converting the syntax tree")

// buffers is memory a Parser reuses across conversions: the per-node
// counters, garbage once a tree is built, and the nodes and child lists of
// a tree released with Parser.Release.
type buffers struct {
	nodes    []Node
	children []*Node
	counters []int32
}

// maxSpareNodes bounds the released tree a Parser keeps for reuse, so that
// one huge file does not pin its memory for the rest of the run.
const maxSpareNodes = 1 << 18

// flatten converts the C tree under root into Go nodes with a single cgo
// call: the C side walks the tree with a cursor into one array, the Go side
// builds the nodes and their child slices from it with exact sizes.
//
// buf, when not nil, lends memory to reuse (and gets the counters back).
func flatten(t *Tree, root *sitter.Node, buf *buffers) (*Node, int, error) {
	// sitter.Node's first field is its C TSNode, so a pointer to the node
	// is a pointer to the TSNode (TestFlattenMatchesCursorWalk guards it).
	cRoot := *(*C.TSNode)(unsafe.Pointer(root))
	var cbuf *C.fa_node
	n := int(C.fa_flatten(cRoot, &cbuf))
	if n == 0 {
		return nil, 0, errFlatten
	}
	defer C.free(unsafe.Pointer(cbuf))
	flat := unsafe.Slice(cbuf, n)
	if buf == nil {
		buf = &buffers{}
	}

	var nodes []Node
	var children []*Node
	if cap(buf.nodes) >= n && cap(buf.children) >= n {
		nodes, children = buf.nodes[:n], buf.children[:n]
		clear(nodes)
		clear(children)
	} else {
		nodes, children = make([]Node, n), make([]*Node, n)
	}
	buf.nodes, buf.children = nil, nil // the tree owns them until released
	if cap(buf.counters) < 2*n {
		buf.counters = make([]int32, 2*n)
	}
	counters := buf.counters[:2*n]
	clear(counters)
	counts, sizes := counters[:n], counters[n:]
	for i := 1; i < n; i++ {
		counts[flat[i].parent]++
	}
	// Subtree sizes, children before parents (preorder read backwards).
	for i := n - 1; i >= 0; i-- {
		sizes[i]++
		if i > 0 {
			sizes[flat[i].parent] += sizes[i]
		}
	}
	offset := 0
	errorKind, noKind := kindIDs["ERROR"], kindIDs[""]
	for i := range nodes {
		fn := &flat[i]
		nd := &nodes[i]
		sym := int(fn.symbol)
		nd.kindID = noKind
		if sym < len(symbolNames) {
			nd.Kind = symbolNames[sym]
			nd.kindID = symbolKinds[sym]
		}
		if fn.flags&4 != 0 {
			nd.Kind = "ERROR"
			nd.kindID = errorKind
		}
		nd.end = int32(i) + sizes[i]
		if f := int(fn.field); f > 0 && f < len(fieldNames) {
			nd.Field = fieldNames[f]
		}
		nd.Named = fn.flags&1 != 0
		nd.Missing = fn.flags&2 != 0
		nd.StartByte, nd.EndByte = uint32(fn.start_byte), uint32(fn.end_byte)
		nd.Start = Point{uint32(fn.start_row), uint32(fn.start_col)}
		nd.End = Point{uint32(fn.end_row), uint32(fn.end_col)}
		nd.tree = t
		nd.Children = children[offset : offset : offset+int(counts[i])]
		offset += int(counts[i])
		if i > 0 {
			p := &nodes[fn.parent]
			nd.Parent = p
			p.Children = append(p.Children, nd)
		}
	}
	t.arena, t.children = nodes, children
	return &nodes[0], n, nil
}
