package pyast

import (
	"strconv"
	"strings"
)

// Unparen strips parentheses around an expression.
func Unparen(n *Node) *Node {
	for n.Is("parenthesized_expression") {
		n = n.NamedChild(0)
	}
	return n
}

// DottedName returns "a.b.c" for an identifier or attribute chain, "" otherwise.
func DottedName(n *Node) string {
	n = Unparen(n)
	switch n.Type() {
	case "identifier":
		return n.Text()
	case "attribute":
		base := DottedName(n.ChildByField("object"))
		if base == "" {
			return ""
		}
		return base + "." + n.ChildByField("attribute").Text()
	case "dotted_name":
		return n.Text()
	}
	return ""
}

// IsString reports whether n is a string literal (plain, concatenated or f-string).
func IsString(n *Node) bool {
	return Unparen(n).Is("string", "concatenated_string")
}

// IsFString reports whether the string literal has interpolations.
func IsFString(n *Node) bool {
	n = Unparen(n)
	found := false
	n.Walk(func(c *Node) bool {
		if c.Kind == "interpolation" {
			found = true
		}
		return !found
	})
	return found && IsString(n)
}

// StringValue returns the value of a string literal without interpolations.
// Escape sequences are decoded for the common cases; ok is false for
// f-strings with interpolations and for non-strings.
func StringValue(n *Node) (string, bool) {
	n = Unparen(n)
	switch n.Type() {
	case "concatenated_string":
		var sb strings.Builder
		for _, c := range n.NamedChildren() {
			v, ok := StringValue(c)
			if !ok {
				return "", false
			}
			sb.WriteString(v)
		}
		return sb.String(), true
	case "string":
		prefix := strings.ToLower(n.FirstChildOfKind("string_start").Text())
		raw := strings.ContainsRune(prefix, 'r')
		var sb strings.Builder
		for _, c := range n.Children {
			switch c.Kind {
			case "interpolation":
				return "", false
			case "string_content":
				// Escape sequences are children of the content node.
				text, pos := c.Text(), c.StartByte
				for _, e := range c.Children {
					if e.Kind != "escape_sequence" || e.StartByte < pos || e.EndByte > c.EndByte {
						continue
					}
					sb.WriteString(text[pos-c.StartByte : e.StartByte-c.StartByte])
					if raw {
						sb.WriteString(e.Text())
					} else {
						sb.WriteString(decodeEscape(e.Text()))
					}
					pos = e.EndByte
				}
				sb.WriteString(text[pos-c.StartByte:])
			case "escape_sequence":
				if raw {
					sb.WriteString(c.Text())
				} else {
					sb.WriteString(decodeEscape(c.Text()))
				}
			}
		}
		return sb.String(), true
	}
	return "", false
}

func decodeEscape(s string) string {
	if v, _, _, err := strconv.UnquoteChar(s, '"'); err == nil {
		return string(v)
	}
	if len(s) == 2 && s[0] == '\\' && s[1] == '\n' {
		return ""
	}
	return s
}

// IsLiteral reports whether n is a constant: a number, string without
// interpolation, True/False/None, or a tuple/list of literals.
func IsLiteral(n *Node) bool {
	n = Unparen(n)
	switch n.Type() {
	case "integer", "float", "true", "false", "none":
		return true
	case "string", "concatenated_string":
		_, ok := StringValue(n)
		return ok
	case "unary_operator":
		return IsLiteral(n.ChildByField("argument"))
	case "tuple", "list":
		for _, c := range n.NamedChildren() {
			if !IsLiteral(c) {
				return false
			}
		}
		return true
	}
	return false
}

// IntValue returns the value of an integer literal.
func IntValue(n *Node) (int64, bool) {
	n = Unparen(n)
	if !n.Is("integer") {
		return 0, false
	}
	v, err := strconv.ParseInt(strings.ReplaceAll(n.Text(), "_", ""), 0, 64)
	return v, err == nil
}

// Args returns a call's positional arguments and keyword arguments
// (`**kw` and `*a` splats are left out of both).
func Args(call *Node) (positional []*Node, keywords map[string]*Node) {
	args := call.ChildByField("arguments")
	if args.Is("generator_expression") {
		return []*Node{args}, nil // f(x for x in y): the generator is the argument
	}
	if !args.Is("argument_list") {
		return nil, nil
	}
	for _, c := range args.NamedChildren() {
		switch c.Kind {
		case "keyword_argument":
			if keywords == nil {
				keywords = map[string]*Node{}
			}
			keywords[c.ChildByField("name").Text()] = c.ChildByField("value")
		case "list_splat", "dictionary_splat":
		default:
			positional = append(positional, c)
		}
	}
	return positional, keywords
}

// EachArg calls fn for every argument of a call, in order: positional ones
// with their index and an empty keyword, keyword ones with index -1.
// `*args`/`**kwargs` splats are skipped.
func EachArg(call *Node, fn func(index int, keyword string, value *Node)) {
	args := call.ChildByField("arguments")
	if args.Is("generator_expression") {
		fn(0, "", args)
		return
	}
	i := 0
	for _, c := range args.NamedChildren() {
		switch c.Kind {
		case "keyword_argument":
			fn(-1, c.ChildByField("name").Text(), c.ChildByField("value"))
		case "list_splat", "dictionary_splat":
		default:
			fn(i, "", c)
			i++
		}
	}
}

// Arg returns the i-th positional argument of a call, or nil.
func Arg(call *Node, i int) *Node {
	args := call.ChildByField("arguments")
	if args.Is("generator_expression") {
		if i == 0 {
			return args
		}
		return nil
	}
	for _, c := range args.NamedChildren() {
		if c.Is("keyword_argument", "list_splat", "dictionary_splat") {
			continue
		}
		if i == 0 {
			return c
		}
		i--
	}
	return nil
}

// Kwarg returns the value of a call's keyword argument, or nil.
func Kwarg(call *Node, name string) *Node {
	args := call.ChildByField("arguments")
	if args == nil {
		return nil
	}
	for _, c := range args.Children {
		if c.Kind == "keyword_argument" && c.ChildByField("name").Text() == name {
			return c.ChildByField("value")
		}
	}
	return nil
}

// HasDictSplat reports whether a call passes `**kwargs`.
func HasDictSplat(call *Node) bool {
	return call.ChildByField("arguments").HasChildOfKind("dictionary_splat")
}

// Callee returns the function expression of a call.
func Callee(call *Node) *Node {
	if !call.Is("call") {
		return nil
	}
	return call.ChildByField("function")
}

// IsAsyncDef reports whether a function_definition is `async def`.
func IsAsyncDef(fn *Node) bool {
	return fn.Is("function_definition") && fn.HasChildOfKind("async")
}

// Decorators returns the decorator expressions of a function or class
// definition (the expression after '@').
func Decorators(def *Node) []*Node {
	p := def.Up()
	if !p.Is("decorated_definition") {
		return nil
	}
	var out []*Node
	for _, c := range p.Children {
		if c.Kind == "decorator" {
			out = append(out, c.NamedChild(0))
		}
	}
	return out
}

// EnclosingFunction returns the innermost function or lambda around n.
func EnclosingFunction(n *Node) *Node {
	return n.Ancestor("function_definition", "lambda")
}

// IsAwaited reports whether the expression is the operand of `await`.
func IsAwaited(n *Node) bool {
	p := n.Up()
	for p.Is("parenthesized_expression") {
		p = p.Up()
	}
	return p.Is("await")
}
