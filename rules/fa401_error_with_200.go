package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA401 = register(&analyzer.Rule{
	Code: "FA401", Name: "error-with-200", Principle: analyzer.PrincipleErrors, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0",
	Summary: "A handler returns a body that signals failure while the response status stays 2xx.",
	Doc: analyzer.Doc{
		What: "Reports a dict literal returned by a path operation when it signals failure: a non-empty `\"error\"`/`\"errors\"` value, " +
			"`\"success\": False`/`\"ok\": False`, `\"status\": \"error\"`/`\"fail\"`/`\"failed\"`, or a literal `\"detail\"`/`\"message\"` saying " +
			"not found, invalid, error, failed, unauthorized, forbidden, denied, does not exist or already exists. The dict may be returned directly, " +
			"in a conditional expression, as the `content` of a `JSONResponse` whose status is 2xx, or Flask-style as `return {...}, 404` " +
			"(FastAPI ignores the tuple's status and sends the tuple as a JSON list). The route must answer 2xx: no `status_code=` of 400 or more on the " +
			"decorator and no assignment of a non-2xx (or unknown) status to `<response>.status_code` anywhere in the handler.",
		Why: "The HTTP status is what clients, proxies, retries, caches and monitoring read. An error body sent with 200 counts as a success in " +
			"every dashboard and SLO, generated clients do not raise, and `response.raise_for_status()` passes; callers must parse every body " +
			"to notice the failure, and most will not.",
		Example: "@router.get(\"/items/{item_id}\")\nasync def get_item(item_id: int):\n    item = await repo.get(item_id)\n    if item is None:\n" +
			"        return {\"error\": \"Item not found\"}\n    return item\n",
		UseInstead: "@router.get(\"/items/{item_id}\")\nasync def get_item(item_id: int):\n    item = await repo.get(item_id)\n    if item is None:\n" +
			"        raise HTTPException(status_code=404, detail=\"Item not found\")\n    return item\n\n" +
			"# or, when the body shape matters, send it with the status:\n" +
			"@router.get(\"/orders/{order_id}\")\nasync def get_order(order_id: int):\n    order = await repo.get(order_id)\n    if order is None:\n" +
			"        return JSONResponse(status_code=404, content={\"error\": \"Order not found\"})\n    return order\n",
		Limits: "Only dict literals at the `return` are inspected: a dict built in a variable or by a helper and returned later is not followed. " +
			"`\"error\"` values that may be empty at run time (a plain variable) are not reported unless bound by `except ... as e`. " +
			"Messages are matched on their literal words, so a failure message built entirely at run time is missed. " +
			"A status set through an unresolvable expression (route `status_code=CODE` imported from another module, `response.status_code = code`) silences the handler. " +
			"Exception handlers (`@app.exception_handler`) and helper functions are not path operations and are never reported. " +
			"Webhook receivers (by name or path, or because they verify a webhook signature) are skipped: senders retry on non-2xx, " +
			"so acknowledging an ignored event with 200 is often deliberate.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/handling-errors/",
			"https://fastapi.tiangolo.com/advanced/response-change-status-code/",
			"https://www.rfc-editor.org/rfc/rfc9110#section-15",
		},
	},
	CheckModule: checkErrorWith200,
})

var (
	// failureWordRE finds failure wording in a literal message.
	failureWordRE = regexp.MustCompile(`(?i)\b(not found|does not exist|doesn'?t exist|do not exist|no such|invalid|errors?|failed|failure|fails?|unauthori[sz]ed|not authenticated|forbidden|denied|not allowed|already exists?)\b`)
	// noFailureRE strips negated wording: "no errors", "without failures".
	noFailureRE = regexp.MustCompile(`(?i)\b(no|without|zero|0)\s+(errors?|failures?)\b`)
	// successRE marks messages that report success ("Error log cleared successfully").
	successRE = regexp.MustCompile(`(?i)\b(success|successful|successfully|succeeded)\b`)
)

func checkErrorWith200(pass *analyzer.Pass) {
	m := pass.Module
	silenced := map[*analyzer.Function]bool{}
	for _, ret := range m.Nodes("return_statement") {
		fn := m.EnclosingFunction(ret)
		if fn == nil || fn.Handler == nil || isWebsocketHandler(fn.Handler) {
			continue
		}
		quiet, seen := silenced[fn]
		if !seen {
			quiet = errorStatusSet(m, fn) || isWebhookHandler(m, fn)
			silenced[fn] = quiet
		}
		if quiet {
			continue
		}
		routeCode, _, _ := routeStatus(m, fn.Handler)
		for _, rb := range returnedBodies(m, fn, ret.NamedChild(0), routeCode) {
			suggest, ok := errorBody(m, fn, rb.dict)
			if !ok {
				continue
			}
			if rb.tupleStatus != "" {
				if rb.tupleCode >= 400 && rb.tupleCode < 600 {
					suggest = fmt.Sprint(rb.tupleCode)
				}
				pass.Report(rb.dict, "handler %s returns `(error body, %s)`, but FastAPI ignores a status in a returned tuple and sends the tuple as a JSON list with status %d; %s",
					fn.Name, rb.tupleStatus, rb.status, raiseAdvice(suggest))
				continue
			}
			pass.Report(rb.dict, "handler %s returns an error body with status %d, so clients and monitoring see success; %s",
				fn.Name, rb.status, raiseAdvice(suggest))
		}
	}
}

func isWebsocketHandler(h *analyzer.Handler) bool {
	for _, meth := range h.Methods {
		if meth == "WEBSOCKET" {
			return true
		}
	}
	return false
}

// errorStatusSet reports whether the handler's error path may already carry
// a non-2xx status: the route's status_code is 4xx/5xx or unknown, or the
// handler assigns a non-2xx or unknown status to `<something>.status_code`.
func errorStatusSet(m *analyzer.Module, fn *analyzer.Function) bool {
	code, _, known := routeStatus(m, fn.Handler)
	if !known || !isSuccess(code) {
		return true
	}
	set := false
	walkBodyNoNested(fn, func(n *pyast.Node) {
		if n.Kind != "assignment" || set {
			return
		}
		left := n.ChildByField("left")
		if !left.Is("attribute") || left.ChildByField("attribute").Text() != "status_code" {
			return
		}
		if c, ok := statusCode(m, fn, n.ChildByField("right")); !ok || !isSuccess(c) {
			set = true
		}
	})
	return set
}

// isWebhookHandler reports whether a handler receives webhooks: its name or
// path says so, or it verifies a webhook signature (stripe.Webhook.construct_event,
// svix/standardwebhooks Webhook.verify, hmac.compare_digest). Webhook senders
// retry on non-2xx, so acknowledging an ignored event with 200 is deliberate.
func isWebhookHandler(m *analyzer.Module, fn *analyzer.Function) bool {
	path := ""
	if fn.Handler != nil {
		path = strings.NewReplacer("/", " ", "{", " ", "}", " ").Replace(fn.Handler.Path)
	}
	if hasWord(fn.Name+" "+path, "webhook", "webhooks", "hook", "hooks") {
		return true
	}
	found := false
	walkBodyNoNested(fn, func(n *pyast.Node) {
		if found || n.Kind != "call" {
			return
		}
		q := calledName(m, n)
		_, meth := methodCall(n)
		switch {
		case q == "hmac.compare_digest", meth == "construct_event", meth == "verify_header":
			found = true
		case strings.Contains(strings.ToLower(q), "webhook"):
			found = true
		}
	})
	return found
}

// walkBodyNoNested visits the nodes of fn's body, skipping nested functions,
// classes and lambdas.
func walkBodyNoNested(fn *analyzer.Function, visit func(*pyast.Node)) {
	fn.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		}
		visit(n)
		return true
	})
}

// returnedBody is a dict literal that a return statement sends as the body.
type returnedBody struct {
	dict        *pyast.Node
	status      int    // the status it is sent with
	tupleStatus string // for `return {...}, 404`: the text of the ignored status
	tupleCode   int
}

// returnedBodies finds the dict literals sent as the response body by a
// returned expression, with the status they go out with.
func returnedBodies(m *analyzer.Module, fn *analyzer.Function, e *pyast.Node, routeCode int) []returnedBody {
	e = pyast.Unparen(e)
	switch e.Type() {
	case "dictionary":
		return []returnedBody{{dict: e, status: routeCode}}
	case "conditional_expression":
		var out []returnedBody
		for _, i := range []int{0, 2} {
			out = append(out, returnedBodies(m, fn, e.NamedChild(i), routeCode)...)
		}
		return out
	case "expression_list", "tuple":
		items := e.NamedChildren()
		if len(items) != 2 {
			return nil
		}
		d := pyast.Unparen(items[0])
		code, ok := statusCode(m, fn, items[1])
		if !d.Is("dictionary") || !ok {
			return nil
		}
		return []returnedBody{{dict: d, status: routeCode, tupleStatus: items[1].Text(), tupleCode: code}}
	case "call":
		if _, _, ok := responseCall(m, e); !ok {
			return nil
		}
		if q := calledName(m, e); q == "fastapi.HTTPException" || !jsonResponseClasses[q] {
			return nil
		}
		code, _, known := responseStatus(m, fn, e)
		if !known || !isSuccess(code) {
			return nil
		}
		content := pyast.Kwarg(e, "content")
		if content == nil {
			content = pyast.Arg(e, 0)
		}
		if d := pyast.Unparen(content); d.Is("dictionary") {
			return []returnedBody{{dict: d, status: code}}
		}
	}
	return nil
}

// jsonResponseClasses are the response classes whose content is serialised
// as JSON.
var jsonResponseClasses = map[string]bool{
	"fastapi.responses.JSONResponse":   true,
	"fastapi.responses.ORJSONResponse": true,
	"fastapi.responses.UJSONResponse":  true,
}

// errorBody reports whether a dict literal signals failure, and the status
// to suggest for it.
func errorBody(m *analyzer.Module, fn *analyzer.Function, dict *pyast.Node) (suggest string, ok bool) {
	var texts []string
	failed := false
	for _, pair := range dict.NamedChildren() {
		if pair.Kind != "pair" {
			continue
		}
		key, isKey := pyast.StringValue(pair.ChildByField("key"))
		if !isKey {
			continue
		}
		v := pyast.Unparen(pair.ChildByField("value"))
		switch strings.ToLower(key) {
		case "success", "ok":
			switch v.Type() {
			case "true":
				return "", false // explicitly a success
			case "false":
				failed = true
			}
		case "status":
			s, _ := pyast.StringValue(v)
			switch strings.ToLower(strings.TrimSpace(s)) {
			case "error", "fail", "failed", "failure":
				failed = true
			case "ok", "success", "succeeded", "created", "deleted", "updated":
				return "", false
			}
		case "error", "errors", "error_message", "error_msg":
			if failureValue(fn, v) {
				failed = true
				if t := stringLiteralText(v); t != "" {
					texts = append(texts, t)
				}
			}
		case "detail", "message", "msg":
			if t := stringLiteralText(v); t != "" && hasFailureWords(t) {
				failed = true
				texts = append(texts, t)
			}
		}
	}
	if !failed {
		return "", false
	}
	return suggestStatus(texts), true
}

// raiseAdvice tells what to do instead, with the status when it is clear.
func raiseAdvice(status string) string {
	if status == "" {
		return "`raise HTTPException(status_code=..., detail=...)` with the fitting 4xx/5xx status instead"
	}
	return "`raise HTTPException(status_code=" + status + ", detail=...)` instead"
}

// hasFailureWords reports whether a literal message reads as a failure.
func hasFailureWords(s string) bool {
	return !successRE.MatchString(s) && failureWordRE.MatchString(noFailureRE.ReplaceAllString(s, " "))
}

// suggestStatus picks the status the failure wording calls for.
func suggestStatus(texts []string) string {
	all := strings.ToLower(strings.Join(texts, " "))
	switch {
	case strings.Contains(all, "not found") || strings.Contains(all, "exist") && !strings.Contains(all, "already exist") || strings.Contains(all, "no such"):
		return "404"
	case strings.Contains(all, "already exist"):
		return "409"
	case strings.Contains(all, "unauthori") || strings.Contains(all, "not authenticated") || strings.Contains(all, "credential"):
		return "401"
	case strings.Contains(all, "forbidden") || strings.Contains(all, "denied") || strings.Contains(all, "not allowed"):
		return "403"
	case strings.Contains(all, "invalid"):
		return "400"
	}
	return ""
}

// failureValue reports whether the value of an "error"/"errors" key holds an
// error for sure: a non-empty literal, True, a non-empty collection, str(e)
// or anything built from a name bound by `except ... as e`.
func failureValue(fn *analyzer.Function, v *pyast.Node) bool {
	switch v.Type() {
	case "string", "concatenated_string":
		return strings.TrimSpace(stringLiteralText(v)) != "" || pyast.IsFString(v)
	case "true":
		return true
	case "dictionary", "list", "tuple", "set":
		return len(v.NamedChildren()) > 0
	case "binary_operator":
		return pyast.IsString(v.ChildByField("left")) || pyast.IsString(v.ChildByField("right"))
	case "call":
		callee := pyast.Callee(v)
		if callee.Is("identifier") && (callee.Text() == "str" || callee.Text() == "repr") && !nameBoundIn(fn, callee.Text()) {
			return true
		}
		if callee.Is("attribute") && pyast.IsString(callee.ChildByField("object")) {
			return true // "...".format(...)
		}
		return exceptBound(fn, leftmostName(callee))
	case "identifier", "attribute":
		return exceptBound(fn, leftmostName(v))
	}
	return false
}

// leftmostName returns the leftmost identifier of an attribute chain or call.
func leftmostName(n *pyast.Node) string {
	for {
		n = pyast.Unparen(n)
		switch n.Type() {
		case "identifier":
			return n.Text()
		case "attribute":
			n = n.ChildByField("object")
		case "call":
			n = pyast.Callee(n)
		case "subscript":
			n = n.ChildByField("value")
		default:
			return ""
		}
	}
}

// exceptBound reports whether name is bound by `except ... as name` in fn.
func exceptBound(fn *analyzer.Function, name string) bool {
	if name == "" {
		return false
	}
	found := false
	walkBodyNoNested(fn, func(n *pyast.Node) {
		if n.Kind == "as_pattern" && n.Up().Is("except_clause", "except_group_clause") &&
			n.ChildByField("alias").Text() == name {
			found = true
		}
	})
	return found
}

// stringLiteralText returns the literal text of a string, f-strings included
// (interpolations are left out); "" for non-strings.
func stringLiteralText(n *pyast.Node) string {
	n = pyast.Unparen(n)
	switch n.Type() {
	case "concatenated_string":
		var sb strings.Builder
		for _, c := range n.NamedChildren() {
			sb.WriteString(stringLiteralText(c))
			sb.WriteByte(' ')
		}
		return sb.String()
	case "string":
		if v, ok := pyast.StringValue(n); ok {
			return v
		}
		var sb strings.Builder
		for _, c := range n.Children {
			switch c.Kind {
			case "string_content", "escape_sequence":
				sb.WriteString(c.Text())
			case "interpolation":
				sb.WriteByte(' ')
			}
		}
		return sb.String()
	}
	return ""
}
