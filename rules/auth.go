package rules

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// This file answers "is this route authenticated?" for the security rules
// (FA213, and later FA222 and the other rules that need to know whether a
// handler is guarded). A per-module collector tags the functions that
// authenticate the caller; authIndex then judges dependencies and routes on
// the project facts.

// Tags written by the auth collector into FunctionFacts.Tags.
const (
	// authTagAuth: the function authenticates the caller (value: how).
	authTagAuth = "auth"
	// authTagSignature: the function reads a webhook signature header (value: the header).
	authTagSignature = "signature"
	// authTagMiddleware: the function runs for every request (http middleware,
	// BaseHTTPMiddleware.dispatch, ASGI __call__, AuthenticationBackend.authenticate).
	authTagMiddleware = "middleware"
	// authTagInline: `Depends(SomeClass(...))` and `Depends()` edges that the
	// facts leave unresolved: "param=mod.Class()" (an instance) or
	// "param=mod.Class" (the class itself), ";"-separated; decorator
	// dependencies have an empty param.
	authTagInline = "inline-deps"
)

// authSchemeClasses are the fastapi.security classes whose instances
// extract (and for most, require) credentials.
var authSchemeClasses = map[string]bool{
	"OAuth2PasswordBearer": true, "OAuth2AuthorizationCodeBearer": true, "OAuth2": true,
	"HTTPBearer": true, "HTTPBasic": true, "HTTPDigest": true,
	"APIKeyHeader": true, "APIKeyCookie": true, "APIKeyQuery": true, "OpenIdConnect": true,
}

// authSchemeClass returns the class name when q names a fastapi.security
// scheme class (through any of its submodules), "" otherwise.
func authSchemeClass(q string) string {
	if !strings.HasPrefix(q, "fastapi.security.") {
		return ""
	}
	if name := analyzer.LastPart(q); authSchemeClasses[name] {
		return name
	}
	return ""
}

// authTokenVerifiers are library calls that verify a bearer token.
var authTokenVerifiers = map[string]bool{
	"jwt.decode": true, "jwt.decode_complete": true, "jwt.api_jwt.decode": true, "jwt.api_jwt.decode_complete": true,
	"jose.jws.verify": true, "authlib.jose.jwt.decode": true, "joserfc.jwt.decode": true,
	"firebase_admin.auth.verify_id_token": true, "firebase_admin.auth.verify_session_cookie": true,
	"google.oauth2.id_token.verify_oauth2_token": true, "google.oauth2.id_token.verify_token": true,
	"google.oauth2.id_token.verify_firebase_token": true,
}

// authLibraryDeps are library dependency callables that authenticate.
var authLibraryDeps = map[string]bool{
	"fastapi_jwt_auth.AuthJWT": true, "fastapi_jwt_auth.auth_jwt.AuthJWT": true,
	"async_fastapi_jwt_auth.AuthJWT": true, "async_fastapi_jwt_auth.auth_jwt.AuthJWT": true,
}

// authSignatureVerifier reports whether a call verifies a webhook signature.
func authSignatureVerifier(q string) bool {
	switch q {
	case "stripe.Webhook.construct_event", "stripe.WebhookSignature.verify_header", "nacl.signing.VerifyKey":
		return true
	}
	return strings.HasPrefix(q, "hmac.")
}

// authWords splits an identifier or a path into lower-case words.
func authWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
}

func authWordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range authWords(s) {
		set[w] = true
	}
	return set
}

func authAny(set map[string]bool, words ...string) bool {
	for _, w := range words {
		if set[w] {
			return true
		}
	}
	return false
}

// authLikeName reports whether a dependency's name says it authenticates or
// authorises: get_current_user, require_admin, verify_token, get_api_key,
// check_permissions, login_required, ... A weak signal: only use it in an
// app that authenticates somewhere by the strong signals.
func authLikeName(name string) bool {
	w := authWordSet(analyzer.LastPart(name))
	if authAny(w, "auth", "authn", "authz", "authenticate", "authenticated", "authentication", "authorize",
		"authorized", "authorization", "oauth", "oauth2", "jwt", "bearer", "apikey") {
		return true
	}
	subjects := []string{"user", "admin", "superuser", "account", "principal", "member", "owner", "staff", "client"}
	if w["current"] && authAny(w, subjects...) {
		return true
	}
	objects := append([]string{"token", "key", "role", "roles", "permission", "permissions", "scope", "scopes",
		"login", "session", "credentials", "access"}, subjects...)
	if authAny(w, "require", "requires", "required", "verify", "validate", "check", "ensure", "enforce", "only", "is") &&
		authAny(w, objects...) {
		return true
	}
	return w["api"] && w["key"]
}

// authHeaderName reports whether a request header (or cookie) carries credentials.
func authHeaderName(name string) bool {
	w := authWordSet(name)
	return authAny(w, "authorization", "auth", "token", "apikey", "jwt", "session", "sid", "bearer", "secret") ||
		w["key"] && authAny(w, "api", "x", "access", "client")
}

// authSignatureHeader reports whether a header carries a webhook signature.
func authSignatureHeader(name string) bool {
	return authAny(authWordSet(name), "signature", "sig", "hmac")
}

var _ = registerCollector(collectAuthFacts)

// collectAuthFacts tags the functions of a module that authenticate the
// caller (see the authTag* constants).
func collectAuthFacts(pass *analyzer.Pass) {
	m := pass.Module
	// Module-level variables holding a scheme: oauth2_scheme = OAuth2PasswordBearer(...).
	schemes := map[string]string{}
	for name, v := range m.Vars {
		if call := pyast.Unparen(v); call.Is("call") {
			if c := authSchemeOf(m, m.Resolve(pyast.Callee(call)), 0); c != "" {
				schemes[name] = c
			}
		}
	}
	for _, f := range m.Functions {
		var inline []string
		for _, p := range f.Params {
			if d := p.Depends; d != nil {
				if t := d.Target; t != "" && analyzer.ModuleOf(t) == m.Name && schemes[analyzer.LastPart(t)] != "" {
					pass.Tag(f, authTagAuth, "depends on "+schemes[analyzer.LastPart(t)]+" `"+analyzer.LastPart(t)+"`")
				} else if t == "" {
					q := authInlineTarget(m, d, p)
					if c := authSchemeOf(m, strings.TrimSuffix(q, "()"), 0); c != "" && strings.HasSuffix(q, "()") {
						pass.Tag(f, authTagAuth, "depends on a "+c+" instance")
					}
					if q != "" {
						inline = append(inline, p.Name+"="+q)
					}
				}
			}
			if kind, header := authParamHeader(m, p); header != "" {
				if authHeaderName(header) && authParamChecked(m, f, p.Name) {
					pass.Tag(f, authTagAuth, "checks the "+header+" "+kind)
				}
				if kind == "header" && authSignatureHeader(header) {
					pass.Tag(f, authTagSignature, header)
				}
			}
		}
		if h := f.Handler; h != nil {
			for _, d := range h.Deps {
				if d.Target == "" {
					inline = append(inline, "="+authInlineTarget(m, d, nil))
				}
			}
		}
		if len(inline) > 0 {
			pass.Tag(f, authTagInline, strings.Join(inline, ";"))
		}
		authTagMiddlewareFn(pass, f)
	}
	// request.headers["Authorization"], request.headers.get("X-API-Key"),
	// request.cookies.get("access_token").
	for _, kind := range []string{"subscript", "call"} {
		for _, n := range m.Nodes(kind) {
			source, key := authHeaderRead(n)
			if key == "" {
				continue
			}
			f := m.EnclosingFunction(n)
			if f == nil || !authIsParam(f, source) {
				continue
			}
			if authHeaderName(key) && authChecked(m, f, n, 2) {
				pass.Tag(f, authTagAuth, "reads the "+key+" "+strings.TrimSuffix(source.kind, "s"))
			}
			if source.kind == "headers" && authSignatureHeader(key) {
				pass.Tag(f, authTagSignature, key)
			}
		}
	}
}

// authSchemeOf returns the scheme class name when q is a fastapi.security
// scheme or a class of this module derived from one.
func authSchemeOf(m *analyzer.Module, q string, depth int) string {
	if c := authSchemeClass(q); c != "" {
		return c
	}
	if depth > 4 || analyzer.ModuleOf(q) != m.Name {
		return ""
	}
	for _, c := range m.Classes {
		if c.Name != analyzer.LastPart(q) || c.Node.Parent.Ancestor("function_definition", "class_definition") != nil {
			continue
		}
		for _, b := range c.Bases {
			if s := authSchemeOf(m, b, depth+1); s != "" {
				return s
			}
		}
	}
	return ""
}

// authInlineTarget names what an unresolved Depends(...) depends on:
// "mod.Class()" for Depends(Class(...)), "mod.Class" for `x: Class = Depends()`,
// "" when unknown.
func authInlineTarget(m *analyzer.Module, d *analyzer.Dependency, p *analyzer.Param) string {
	arg := pyast.Arg(d.Call, 0)
	if arg == nil {
		arg = pyast.Kwarg(d.Call, "dependency")
	}
	if arg = pyast.Unparen(arg); arg.Is("call") {
		if q := m.Resolve(pyast.Callee(arg)); q != "" {
			return q + "()"
		}
		return ""
	}
	if arg == nil && p != nil {
		return m.Resolve(p.Annotation)
	}
	return ""
}

// authParamHeader returns "header"/"cookie" and the header or cookie name
// when the parameter is declared with fastapi.Header(...)/Cookie(...).
func authParamHeader(m *analyzer.Module, p *analyzer.Param) (string, string) {
	for _, n := range append([]*pyast.Node{p.Default}, p.Metadata...) {
		call := pyast.Unparen(n)
		if !call.Is("call") {
			continue
		}
		kind := ""
		switch m.Resolve(pyast.Callee(call)) {
		case "fastapi.Header":
			kind = "header"
		case "fastapi.Cookie":
			kind = "cookie"
		default:
			continue
		}
		if alias, ok := pyast.StringValue(pyast.Kwarg(call, "alias")); ok && alias != "" {
			return kind, alias
		}
		if kind == "header" {
			return kind, strings.ReplaceAll(p.Name, "_", "-")
		}
		return kind, p.Name
	}
	return "", ""
}

type authSource struct {
	object *pyast.Node // the identifier the headers/cookies are read from
	kind   string      // "headers" or "cookies"
}

// authHeaderRead recognises x.headers["Name"], x.headers.get("Name", ...)
// and the same on .cookies; it returns the source and the key.
func authHeaderRead(n *pyast.Node) (authSource, string) {
	var mapping, key *pyast.Node
	switch n.Kind {
	case "subscript":
		mapping, key = n.ChildByField("value"), n.ChildByField("subscript")
	case "call":
		callee := pyast.Callee(n)
		if !callee.Is("attribute") || callee.ChildByField("attribute").Text() != "get" {
			return authSource{}, ""
		}
		mapping, key = callee.ChildByField("object"), pyast.Arg(n, 0)
	}
	if !mapping.Is("attribute") {
		return authSource{}, ""
	}
	attr := mapping.ChildByField("attribute").Text()
	if attr != "headers" && attr != "cookies" {
		return authSource{}, ""
	}
	s, ok := pyast.StringValue(key)
	if !ok || s == "" {
		return authSource{}, ""
	}
	return authSource{object: mapping.ChildByField("object"), kind: attr}, s
}

// authIsParam reports whether the source object is a parameter of f (the
// Request or WebSocket the framework passes in).
func authIsParam(f *analyzer.Function, s authSource) bool {
	return s.object.Is("identifier") && f.Param(s.object.Text()) != nil
}

// authParamChecked reports whether a parameter's value is compared, tested
// or handed to a function in f's body.
func authParamChecked(m *analyzer.Module, f *analyzer.Function, name string) bool {
	for _, id := range authRefs(m, f, name) {
		if authChecked(m, f, id, 2) {
			return true
		}
	}
	return false
}

// authRefs lists the references to a name inside f's own body.
func authRefs(m *analyzer.Module, f *analyzer.Function, name string) []*pyast.Node {
	var out []*pyast.Node
	body := f.Body()
	for _, id := range m.Nodes("identifier") {
		if id.Text() != name || !body.Contains(id) || m.EnclosingFunction(id) != f {
			continue
		}
		if id.Field == "attribute" || (id.Field == "name" && id.Parent.Is("keyword_argument")) {
			continue
		}
		out = append(out, id)
	}
	return out
}

// authChecked reports whether the value at n is validated: compared, tested
// in a condition, or passed to a function (other than logging); an
// assignment passes the question on to the assigned name (follow levels).
// Values only copied into a dict (forwarded headers) or returned are not.
func authChecked(m *analyzer.Module, f *analyzer.Function, n *pyast.Node, follow int) bool {
	for c, p := n, n.Parent; p != nil; c, p = p, p.Parent {
		switch p.Kind {
		case "pair", "dictionary", "list", "set", "tuple", "return_statement", "expression_statement", "block",
			"module", "function_definition", "lambda", "yield":
			return false
		case "comparison_operator", "not_operator", "assert_statement", "conditional_expression":
			return true
		case "if_statement", "elif_clause", "while_statement":
			return c.Field == "condition"
		case "argument_list":
			return !authLogging(m, p.Parent)
		case "assignment", "named_expression":
			left := p.ChildByField("left")
			if p.Kind == "named_expression" {
				left = p.ChildByField("name")
			}
			if c == left || follow == 0 || !left.Is("identifier") {
				return false
			}
			for _, ref := range authRefs(m, f, left.Text()) {
				if ref != left && authChecked(m, f, ref, follow-1) {
					return true
				}
			}
			return false
		}
	}
	return false
}

// authLogging reports whether a call prints or logs.
func authLogging(m *analyzer.Module, call *pyast.Node) bool {
	q := m.Resolve(pyast.Callee(call))
	if q == "builtins.print" || strings.HasPrefix(q, "logging.") {
		return true
	}
	if _, meth := methodCall(call); meth != "" {
		switch meth {
		case "debug", "info", "warning", "warn", "error", "exception", "critical", "log":
			return true
		}
	}
	return false
}

// authTagMiddlewareFn tags functions that run for every request, and
// handlers decorated with starlette's @requires(...).
func authTagMiddlewareFn(pass *analyzer.Pass, f *analyzer.Function) {
	m := pass.Module
	for _, dec := range f.Decorators {
		call := pyast.Unparen(dec)
		if !call.Is("call") {
			continue
		}
		callee := pyast.Callee(call)
		if callee.Is("attribute") && callee.ChildByField("attribute").Text() == "middleware" {
			// "@app.middleware": the value names the app it guards.
			pass.Tag(f, authTagMiddleware, "@"+m.Resolve(callee.ChildByField("object"))+".middleware")
		}
		if m.Resolve(callee) == "starlette.authentication.requires" {
			pass.Tag(f, authTagAuth, "decorated with @requires")
		}
	}
	if f.Class == nil {
		return
	}
	for _, b := range f.Class.Bases {
		switch {
		case analyzer.LastPart(b) == "BaseHTTPMiddleware" && f.Name == "dispatch":
			pass.Tag(f, authTagMiddleware, "BaseHTTPMiddleware.dispatch")
		case strings.HasPrefix(b, "starlette.authentication.") && analyzer.LastPart(b) == "AuthenticationBackend" &&
			f.Name == "authenticate":
			pass.Tag(f, authTagMiddleware, "AuthenticationBackend.authenticate")
			pass.Tag(f, authTagAuth, "starlette AuthenticationBackend")
		}
	}
	if f.Name == "__call__" && f.Param("scope") != nil && f.Param("receive") != nil && f.Param("send") != nil {
		pass.Tag(f, authTagMiddleware, "ASGI middleware")
	}
}

// authVerdict is what is known about the authentication a dependency (or a
// route) brings.
type authVerdict struct {
	Strict  bool // a security scheme, a Security(...) dependency, or a function that verifies credentials
	Named   bool // only its name says it authenticates (get_current_user, require_admin, ...)
	Signed  bool // verifies a webhook signature
	Unknown bool // some dependency could not be resolved: it may authenticate
	// Via is how the first authenticating dependency is written, e.g. "Depends(get_current_user)".
	Via string
	// Names lists the authenticating dependencies of the closure, by last name.
	Names []string
}

// Covered reports whether a route with this verdict is (or may be)
// authenticated, given whether its app authenticates elsewhere.
func (v authVerdict) Covered(appHasAuth bool) bool {
	return v.Strict || v.Signed || v.Unknown || v.Named && appHasAuth
}

func (v *authVerdict) merge(o authVerdict) {
	v.Strict = v.Strict || o.Strict
	v.Named = v.Named || o.Named
	v.Signed = v.Signed || o.Signed
	v.Unknown = v.Unknown || o.Unknown
	if v.Via == "" {
		v.Via = o.Via
	}
	for _, n := range o.Names {
		if !authContains(v.Names, n) {
			v.Names = append(v.Names, n)
		}
	}
}

func (v authVerdict) auth() bool { return v.Strict || v.Named }

func authContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// authIndex judges dependencies and routes of one project. Build it once
// per CheckProject with newAuthIndex.
type authIndex struct {
	p         *analyzer.Project
	targets   map[string]*authVerdict // by resolved target; nil value while in progress
	fnAuth    map[*analyzer.FunctionFacts]int8
	fnVerify  map[*analyzer.FunctionFacts]int8
	testFiles map[string]bool
	// middleware maps an app's qualified name to the middleware that
	// authenticates its requests; "" holds class-based middleware, which may
	// be added to any app.
	middleware map[string]string
}

func newAuthIndex(p *analyzer.Project) *authIndex {
	a := &authIndex{p: p, targets: map[string]*authVerdict{}, fnAuth: map[*analyzer.FunctionFacts]int8{},
		fnVerify: map[*analyzer.FunctionFacts]int8{}, testFiles: map[string]bool{}, middleware: map[string]string{}}
	for _, mf := range p.Files {
		if mf.IsTest {
			a.testFiles[mf.Path] = true
			continue
		}
		for _, f := range mf.Functions {
			kind := f.Tags[authTagMiddleware]
			if kind == "" || !(f.Tags[authTagAuth] != "" || a.verifiesToken(f)) {
				continue
			}
			app := ""
			if strings.HasPrefix(kind, "@") {
				app = p.Canonical(strings.TrimSuffix(strings.TrimPrefix(kind, "@"), ".middleware"))
			}
			if _, ok := a.middleware[app]; !ok {
				a.middleware[app] = f.Name()
			}
		}
	}
	return a
}

// Middleware returns the middleware that authenticates every request of the
// app (qualified name), or "".
func (a *authIndex) Middleware(app string) string {
	if m := a.middleware[""]; m != "" {
		return m
	}
	if app == "" {
		for _, m := range a.middleware {
			return m // a route of an unknown app: any app's middleware may guard it
		}
	}
	return a.middleware[app]
}

// IsTest reports whether a location is in a test file.
func (a *authIndex) IsTest(loc analyzer.Location) bool { return a.testFiles[loc.Path] }

// Route judges one route: its route-, router-, include- and app-level
// dependencies, its parameters' dependencies (transitively) and the handler's
// own code (a handler that checks the Authorization header itself is
// authenticated).
func (a *authIndex) Route(r analyzer.Route) authVerdict {
	var v authVerdict
	if r.Function == nil {
		v.Unknown = true
		return v
	}
	outer := r.Deps
	var own []analyzer.DepFact
	if n := len(r.Handler.Deps); n <= len(outer) {
		outer, own = outer[:len(outer)-n], outer[len(outer)-n:]
	}
	for _, d := range outer {
		v.merge(a.Dep(d))
	}
	v.merge(a.deps(own, r.Function, true))
	v.merge(a.deps(r.Function.Deps, r.Function, false))
	self := a.function(r.Function)
	self.Named, self.Via, self.Names = false, "", nil // the handler's own name says nothing
	v.merge(self)
	return v
}

// Dep judges one dependency edge, following its own dependencies.
func (a *authIndex) Dep(d analyzer.DepFact) authVerdict {
	t := a.resolve(d.Target)
	if t == "" {
		if strings.HasPrefix(d.Target, "alias:") {
			return authVerdict{} // an imported annotation that is no dependency alias
		}
		return authVerdict{Unknown: true}
	}
	v := a.target(t)
	if d.Security {
		v.Strict = true
		v.Via = "Security(" + analyzer.LastPart(t) + ")"
		if !authContains(v.Names, analyzer.LastPart(t)) {
			v.Names = append([]string{analyzer.LastPart(t)}, v.Names...)
		}
	}
	return v
}

// deps judges the dependencies of f (its parameters', or the decorator's
// when decorator is set), resolving inline Depends(Class()) edges through
// the collector's tag.
func (a *authIndex) deps(list []analyzer.DepFact, f *analyzer.FunctionFacts, decorator bool) authVerdict {
	var v authVerdict
	var inline []string
	if f != nil && f.Tags[authTagInline] != "" {
		inline = strings.Split(f.Tags[authTagInline], ";")
	}
	used := 0
	for _, d := range list {
		if d.Target != "" {
			v.merge(a.Dep(d))
			continue
		}
		q, found := "", false
		for i, e := range inline {
			param, target, _ := strings.Cut(e, "=")
			if decorator && param == "" && i >= used {
				q, found, used = target, true, i+1
				break
			}
			if !decorator && param != "" && param == d.Param {
				q, found = target, true
				break
			}
		}
		if !found || q == "" {
			v.merge(authVerdict{Unknown: true, Strict: d.Security})
			continue
		}
		var dv authVerdict
		if cls, ok := strings.CutSuffix(q, "()"); ok {
			dv = a.instance(a.p.Canonical(cls))
		} else {
			dv = a.target(a.p.Canonical(q))
		}
		if d.Security {
			dv.Strict = true
		}
		v.merge(dv)
	}
	return v
}

func (a *authIndex) resolve(t string) string {
	if rest, ok := strings.CutPrefix(t, "alias:"); ok {
		_, sf := a.p.Lookup(rest)
		if sf == nil {
			return ""
		}
		return a.p.Canonical(sf.AliasDep)
	}
	return a.p.Canonical(t)
}

// target judges a resolved dependency callable: a scheme class or instance,
// a project function or class, or a library callable.
func (a *authIndex) target(t string) authVerdict {
	if v, ok := a.targets[t]; ok {
		if v == nil {
			return authVerdict{} // a cycle
		}
		return *v
	}
	a.targets[t] = nil
	v := a.targetUncached(t)
	// Depends(Scheme(...)) resolves to the instance's __call__: name the class.
	name, via := analyzer.LastPart(t), analyzer.LastPart(t)
	if cls, ok := strings.CutSuffix(t, ".__call__"); ok {
		name = analyzer.LastPart(cls)
		via = name + "()"
	}
	if v.auth() {
		v.Via = "Depends(" + via + ")"
	}
	if v.auth() && !authContains(v.Names, name) {
		v.Names = append([]string{name}, v.Names...)
	}
	a.targets[t] = &v
	return v
}

func (a *authIndex) targetUncached(t string) authVerdict {
	name := analyzer.LastPart(t)
	if authSchemeClass(t) != "" || authLibraryDeps[t] {
		return authVerdict{Strict: true}
	}
	if cls, ok := strings.CutSuffix(t, ".__call__"); ok && (authSchemeClass(cls) != "" || authLibraryDeps[cls]) {
		return authVerdict{Strict: true} // Depends(HTTPBearer())
	}
	if f := a.p.Function(t); f != nil {
		v := a.function(f)
		v.merge(a.deps(f.Deps, f, false))
		return v
	}
	if c := a.p.Class(t); c != nil {
		if a.schemeSubclass(c.Name, 0) {
			return authVerdict{Strict: true}
		}
		var v authVerdict
		if init := a.p.Function(c.Name + ".__init__"); init != nil {
			v.merge(a.deps(init.Deps, init, false))
		}
		v.Named = v.Named || authLikeName(name)
		return v
	}
	if mf, sf := a.p.Lookup(t); sf != nil {
		if sf.Kind != analyzer.SymbolVar {
			return authVerdict{Named: authLikeName(name)}
		}
		// A module variable used as a dependency: a scheme instance, or an
		// instance of a class with __call__.
		typ := a.p.Resolve(sf.Value).Type()
		if typ != "" {
			return a.instance(typ)
		}
		// SymbolFacts.Value only knows some library types: a module that
		// imports a fastapi.security scheme class most likely holds its
		// instance in the variable it depends on.
		for _, q := range mf.Imports {
			if authSchemeClass(q) != "" {
				return authVerdict{Strict: true}
			}
		}
		return authVerdict{Unknown: true, Named: authLikeName(name)}
	}
	if a.isProject(t) {
		return authVerdict{Unknown: true}
	}
	// A library callable.
	return authVerdict{Named: authLikeName(name)}
}

// instance judges a dependency that is an instance of the class q.
func (a *authIndex) instance(q string) authVerdict {
	if authSchemeClass(q) != "" || authLibraryDeps[q] {
		return authVerdict{Strict: true, Via: "Depends(" + analyzer.LastPart(q) + "())", Names: []string{analyzer.LastPart(q)}}
	}
	c := a.p.Class(q)
	if c == nil {
		return authVerdict{Named: authLikeName(q)}
	}
	if a.schemeSubclass(c.Name, 0) {
		return authVerdict{Strict: true, Via: "Depends(" + analyzer.LastPart(q) + "())", Names: []string{analyzer.LastPart(q)}}
	}
	call := a.p.Function(c.Name + ".__call__")
	if call == nil {
		return authVerdict{Named: authLikeName(q)}
	}
	v := a.function(call)
	v.merge(a.deps(call.Deps, call, false))
	if authLikeName(q) {
		v.Named = true
	}
	if v.auth() {
		v.Via = "Depends(" + analyzer.LastPart(q) + "(...))"
		if !authContains(v.Names, analyzer.LastPart(q)) {
			v.Names = append([]string{analyzer.LastPart(q)}, v.Names...)
		}
	}
	return v
}

// schemeSubclass reports whether a project class derives from a fastapi.security scheme.
func (a *authIndex) schemeSubclass(q string, depth int) bool {
	c := a.p.Class(q)
	if c == nil || depth > 6 {
		return false
	}
	for _, b := range c.Bases {
		if authSchemeClass(b) != "" || a.schemeSubclass(a.p.Canonical(b), depth+1) {
			return true
		}
	}
	return false
}

// function judges what a function's own code does: tagged by the collector,
// verifying a token (itself or through the project functions it calls),
// verifying a webhook signature, or named like an auth dependency.
func (a *authIndex) function(f *analyzer.FunctionFacts) authVerdict {
	var v authVerdict
	if f.Tags[authTagAuth] != "" || a.verifiesToken(f) {
		v.Strict = true
	}
	if f.Tags[authTagSignature] != "" && a.verifiesSignature(f) {
		v.Signed = true
	}
	v.Named = authLikeName(f.QualName)
	return v
}

// verifiesToken reports whether f, or a project function it calls (up to
// three calls deep), calls a token verifier or is tagged as authenticating.
func (a *authIndex) verifiesToken(f *analyzer.FunctionFacts) bool {
	if s, ok := a.fnAuth[f]; ok {
		return s > 0
	}
	found := a.reaches(f, 3, func(g *analyzer.FunctionFacts, callee string) bool {
		return authTokenVerifiers[callee] || g != f && g.Tags[authTagAuth] != ""
	})
	a.fnAuth[f] = -1
	if found {
		a.fnAuth[f] = 1
	}
	return found
}

// verifiesSignature reports whether f, or a project function it calls (up
// to two calls deep), calls hmac or a webhook verifier.
func (a *authIndex) verifiesSignature(f *analyzer.FunctionFacts) bool {
	if s, ok := a.fnVerify[f]; ok {
		return s > 0
	}
	found := a.reaches(f, 2, func(_ *analyzer.FunctionFacts, callee string) bool { return authSignatureVerifier(callee) })
	a.fnVerify[f] = -1
	if found {
		a.fnVerify[f] = 1
	}
	return found
}

// reaches walks the call graph from f breadth first, up to depth calls deep,
// and reports whether match holds for a function reached (g) and one of its
// callees' qualified names.
func (a *authIndex) reaches(f *analyzer.FunctionFacts, depth int, match func(g *analyzer.FunctionFacts, callee string) bool) bool {
	seen := map[*analyzer.FunctionFacts]bool{f: true}
	level := []*analyzer.FunctionFacts{f}
	for d := 0; d <= depth && len(level) > 0; d++ {
		var next []*analyzer.FunctionFacts
		for _, g := range level {
			if match(g, "") {
				return true
			}
			for _, c := range g.Calls {
				if match(g, c.Callee) {
					return true
				}
				if h := a.p.Function(c.Callee); h != nil && !seen[h] {
					seen[h] = true
					next = append(next, h)
				}
			}
		}
		level = next
	}
	return false
}

// isProject reports whether q lies in a project module.
func (a *authIndex) isProject(q string) bool {
	for mod := analyzer.ModuleOf(q); mod != ""; mod = analyzer.ModuleOf(mod) {
		if a.p.Modules[mod] != nil {
			return true
		}
	}
	return false
}
