package rules

import (
	"strconv"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// This file resolves HTTP status expressions for the 4xx/6xx rules (FA401,
// FA402, FA403, FA604): integer literals, fastapi/starlette `status.HTTP_*`
// constants, `http.HTTPStatus` members and module-level constants built from
// those.

// httpStatusMembers maps http.HTTPStatus member names to their values,
// including the aliases added in Python 3.13.
var httpStatusMembers = map[string]int{
	"CONTINUE": 100, "SWITCHING_PROTOCOLS": 101, "PROCESSING": 102, "EARLY_HINTS": 103,
	"OK": 200, "CREATED": 201, "ACCEPTED": 202, "NON_AUTHORITATIVE_INFORMATION": 203, "NO_CONTENT": 204,
	"RESET_CONTENT": 205, "PARTIAL_CONTENT": 206, "MULTI_STATUS": 207, "ALREADY_REPORTED": 208, "IM_USED": 226,
	"MULTIPLE_CHOICES": 300, "MOVED_PERMANENTLY": 301, "FOUND": 302, "SEE_OTHER": 303, "NOT_MODIFIED": 304,
	"USE_PROXY": 305, "TEMPORARY_REDIRECT": 307, "PERMANENT_REDIRECT": 308,
	"BAD_REQUEST": 400, "UNAUTHORIZED": 401, "PAYMENT_REQUIRED": 402, "FORBIDDEN": 403, "NOT_FOUND": 404,
	"METHOD_NOT_ALLOWED": 405, "NOT_ACCEPTABLE": 406, "PROXY_AUTHENTICATION_REQUIRED": 407, "REQUEST_TIMEOUT": 408,
	"CONFLICT": 409, "GONE": 410, "LENGTH_REQUIRED": 411, "PRECONDITION_FAILED": 412,
	"REQUEST_ENTITY_TOO_LARGE": 413, "CONTENT_TOO_LARGE": 413, "REQUEST_URI_TOO_LONG": 414, "URI_TOO_LONG": 414,
	"UNSUPPORTED_MEDIA_TYPE": 415, "REQUESTED_RANGE_NOT_SATISFIABLE": 416, "RANGE_NOT_SATISFIABLE": 416,
	"EXPECTATION_FAILED": 417, "IM_A_TEAPOT": 418, "MISDIRECTED_REQUEST": 421,
	"UNPROCESSABLE_ENTITY": 422, "UNPROCESSABLE_CONTENT": 422, "LOCKED": 423, "FAILED_DEPENDENCY": 424,
	"TOO_EARLY": 425, "UPGRADE_REQUIRED": 426, "PRECONDITION_REQUIRED": 428, "TOO_MANY_REQUESTS": 429,
	"REQUEST_HEADER_FIELDS_TOO_LARGE": 431, "UNAVAILABLE_FOR_LEGAL_REASONS": 451,
	"INTERNAL_SERVER_ERROR": 500, "NOT_IMPLEMENTED": 501, "BAD_GATEWAY": 502, "SERVICE_UNAVAILABLE": 503,
	"GATEWAY_TIMEOUT": 504, "HTTP_VERSION_NOT_SUPPORTED": 505, "VARIANT_ALSO_NEGOTIATES": 506,
	"INSUFFICIENT_STORAGE": 507, "LOOP_DETECTED": 508, "NOT_EXTENDED": 510, "NETWORK_AUTHENTICATION_REQUIRED": 511,
}

// statusCode resolves a status expression to its integer value. fn is the
// function the expression sits in (nil at module scope): a name bound
// locally in fn is a runtime value and stays unresolved. It understands
//
//	404, (404)
//	status.HTTP_404_NOT_FOUND         fastapi.status / starlette.status, any import spelling
//	HTTPStatus.NOT_FOUND              http.HTTPStatus, also .value and int(...)
//	HTTPStatus(404)
//	NOT_FOUND = 404                   module-level constants of this module, chained
//
// Constants imported from other project modules are not resolved.
func statusCode(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) (int, bool) {
	return statusCodeDepth(m, fn, n, 0)
}

func statusCodeDepth(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node, depth int) (int, bool) {
	if depth > 8 {
		return 0, false
	}
	n = pyast.Unparen(n)
	switch n.Type() {
	case "integer":
		v, ok := pyast.IntValue(n)
		return int(v), ok
	case "call":
		// int(HTTPStatus.X), HTTPStatus(404)
		q := calledName(m, n)
		if (q == "builtins.int" || q == "http.HTTPStatus") && pyast.Kwarg(n, "base") == nil {
			if a := pyast.Arg(n, 0); a != nil && pyast.Arg(n, 1) == nil {
				return statusCodeDepth(m, fn, a, depth+1)
			}
		}
		return 0, false
	case "identifier", "attribute":
	default:
		return 0, false
	}
	dotted := pyast.DottedName(n)
	if dotted == "" {
		return 0, false
	}
	root, _, _ := strings.Cut(dotted, ".")
	if fn != nil && nameBoundIn(fn, root) {
		return 0, false
	}
	if n.Kind == "attribute" && n.ChildByField("attribute").Text() == "value" {
		// HTTPStatus.CREATED.value
		if obj := n.ChildByField("object"); obj.Is("attribute") {
			return statusCodeDepth(m, fn, obj, depth+1)
		}
	}
	q := m.Resolve(n)
	if code, ok := statusName(q); ok {
		return code, true
	}
	// A module-level constant of this module (Resolve prefers imports and
	// defs, so only a plain module variable gets here).
	if name := n.Text(); n.Kind == "identifier" && q != "" {
		_, imported := m.Imports[name]
		_, def := m.Defs[name]
		if v, ok := m.Vars[name]; ok && v != nil && !imported && !def && !moduleVarReassigned(m, name) {
			return statusCodeDepth(m, nil, v, depth+1)
		}
	}
	return 0, false
}

// statusName resolves the qualified name of a status constant.
func statusName(q string) (int, bool) {
	if name, ok := strings.CutPrefix(q, "fastapi.status."); ok {
		// HTTP_201_CREATED, WS_1008_POLICY_VIOLATION
		for _, pfx := range []string{"HTTP_", "WS_"} {
			if rest, ok := strings.CutPrefix(name, pfx); ok {
				digits, _, _ := strings.Cut(rest, "_")
				if v, err := strconv.Atoi(digits); err == nil && len(digits) >= 3 {
					return v, true
				}
			}
		}
		return 0, false
	}
	if name, ok := strings.CutPrefix(q, "http.HTTPStatus."); ok {
		v, ok := httpStatusMembers[name]
		return v, ok
	}
	return 0, false
}

// moduleVarReassigned reports whether a module-level name is assigned more than once
// (or augmented) anywhere in the module, so its value is not a constant.
func moduleVarReassigned(m *analyzer.Module, name string) bool {
	count := 0
	for _, a := range m.Nodes("assignment") {
		if l := a.ChildByField("left"); l.Is("identifier") && l.Text() == name && a.ChildByField("right") != nil {
			if m.EnclosingFunction(a) == nil {
				count++
			}
		}
	}
	for _, a := range m.Nodes("augmented_assignment") {
		if l := a.ChildByField("left"); l.Is("identifier") && l.Text() == name {
			return true
		}
	}
	return count > 1
}

// nameBoundIn reports whether name is a parameter of fn (or of a function around
// it) or is assigned, imported or bound by for/with/except inside them.
func nameBoundIn(fn *analyzer.Function, name string) bool {
	for f := fn; f != nil; f = f.Outer {
		if f.Param(name) != nil {
			return true
		}
		bound := false
		f.Body().Walk(func(n *pyast.Node) bool {
			if bound {
				return false
			}
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "assignment", "augmented_assignment", "for_statement", "for_in_clause":
				if l := n.ChildByField("left"); l.Is("identifier") && l.Text() == name {
					bound = true
				} else if l.Is("pattern_list", "tuple_pattern", "list_pattern") {
					for _, c := range l.NamedChildren() {
						if c.Is("identifier") && c.Text() == name {
							bound = true
						}
					}
				}
			case "as_pattern_target":
				if n.Text() == name {
					bound = true
				}
			case "named_expression":
				if n.ChildByField("name").Text() == name {
					bound = true
				}
			}
			return true
		})
		if bound {
			return true
		}
	}
	return false
}

// responseClass describes a response or exception class that carries a status.
type responseClass struct {
	statusPos     int // positional index of status_code
	defaultStatus int // 0 when the argument is required
}

// responseClasses lists the library classes whose calls carry a status code,
// by canonical qualified name.
var responseClasses = map[string]responseClass{
	"fastapi.Response":                    {1, 200},
	"fastapi.responses.JSONResponse":      {1, 200},
	"fastapi.responses.ORJSONResponse":    {1, 200},
	"fastapi.responses.UJSONResponse":     {1, 200},
	"fastapi.responses.HTMLResponse":      {1, 200},
	"fastapi.responses.PlainTextResponse": {1, 200},
	"fastapi.responses.StreamingResponse": {1, 200},
	"fastapi.responses.FileResponse":      {1, 200},
	"fastapi.responses.RedirectResponse":  {1, 307},
	"fastapi.HTTPException":               {0, 0},
}

// responseCall reports whether call constructs a known response (or
// HTTPException) and returns the node of its status argument (nil when the
// call relies on the class default) and that default.
func responseCall(m *analyzer.Module, call *pyast.Node) (status *pyast.Node, def int, ok bool) {
	if !call.Is("call") {
		return nil, 0, false
	}
	rc, ok := responseClasses[calledName(m, call)]
	if !ok {
		return nil, 0, false
	}
	status = pyast.Kwarg(call, "status_code")
	if status == nil && rc.statusPos >= 0 {
		status = pyast.Arg(call, rc.statusPos)
	}
	return status, rc.defaultStatus, true
}

// responseStatus resolves the status a response call sends: its explicit
// status argument, else the class default. known is false when the status
// is an expression that cannot be resolved (or a `**kwargs` may carry it).
func responseStatus(m *analyzer.Module, fn *analyzer.Function, call *pyast.Node) (code int, explicit, known bool) {
	status, def, ok := responseCall(m, call)
	if !ok {
		return 0, false, false
	}
	if status == nil {
		if pyast.HasDictSplat(call) || def == 0 {
			return 0, false, false
		}
		return def, false, true
	}
	code, known = statusCode(m, fn, status)
	return code, true, known
}

// routeStatus resolves the `status_code=` of a route decorator. explicit is
// false when the decorator has none (FastAPI then answers 200, or the class
// default of response_class); known is false when it cannot be resolved.
func routeStatus(m *analyzer.Module, h *analyzer.Handler) (code int, explicit, known bool) {
	n := h.Kwarg("status_code")
	if n == nil {
		if pyast.HasDictSplat(h.Decorator) {
			return 0, false, false
		}
		return 200, false, true
	}
	code, known = statusCode(m, nil, n)
	return code, true, known
}

// isSuccess reports whether a status code is 2xx.
func isSuccess(code int) bool { return code >= 200 && code < 300 }
