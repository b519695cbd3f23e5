package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// fa103SessionMethods maps the awaitable AsyncSession methods to what is lost
// when the coroutine is dropped. add, add_all, expunge, begin and in_transaction
// are synchronous (or context managers) and stay out.
var fa103SessionMethods = map[string]string{
	"execute":        "the statement never runs",
	"scalar":         "the query never runs",
	"scalars":        "the query never runs",
	"get":            "the query never runs",
	"get_one":        "the query never runs",
	"stream":         "the query never runs",
	"stream_scalars": "the query never runs",
	"commit":         "the commit never happens",
	"flush":          "the flush never happens",
	"refresh":        "the object is never refreshed",
	"rollback":       "the rollback never happens",
	"delete":         "the object is never marked for deletion",
	"merge":          "the object is never merged",
	"close":          "the session is never closed",
	"connection":     "no connection is acquired",
	"run_sync":       "the function never runs",
}

// fa103HTTPXMethods are the coroutine methods of httpx.AsyncClient (stream is
// an async context manager, build_request is synchronous).
var fa103HTTPXMethods = map[string]string{
	"get": "the request is never sent", "post": "the request is never sent", "put": "the request is never sent",
	"patch": "the request is never sent", "delete": "the request is never sent", "head": "the request is never sent",
	"options": "the request is never sent", "request": "the request is never sent", "send": "the request is never sent",
	"aclose": "the client is never closed",
}

// fa103RedisCommands are commands of redis.asyncio.Redis that return
// coroutines (pipeline, pubsub, lock and register_script do not).
var fa103RedisCommands = map[string]bool{}

func init() {
	for _, c := range strings.Fields(`get set setex setnx psetex mget mset msetnx delete unlink exists expire expireat
		pexpire pexpireat persist ttl pttl incr incrby incrbyfloat decr decrby getset getdel getex append strlen
		keys scan hget hset hsetnx hmget hmset hgetall hdel hexists hincrby hincrbyfloat hkeys hvals hlen
		lpush rpush lpop rpop lrange llen lrem ltrim lindex lset blpop brpop lmove sadd srem smembers sismember
		smismember scard spop srandmember sinter sunion sdiff zadd zrem zrange zrevrange zrangebyscore
		zrevrangebyscore zscore zincrby zcard zcount zrank zrevrank zremrangebyscore zremrangebyrank publish
		ping flushdb flushall info xadd xread xreadgroup xack xdel xlen xrange xtrim rename eval evalsha
		close aclose execute_command`) {
		fa103RedisCommands[c] = true
	}
}

// fa103AwaitableMethod returns what is lost when the coroutine of
// `recv.method()` is dropped, for a receiver of kind k; "" when the call is not
// a coroutine.
func fa103AwaitableMethod(k analyzer.Kind, method string) string {
	switch k.Type() {
	case analyzer.AsyncSessionType:
		return fa103SessionMethods[method]
	case "httpx.AsyncClient":
		return fa103HTTPXMethods[method]
	case "redis.asyncio.Redis":
		if fa103RedisCommands[method] {
			return "the command never reaches Redis"
		}
	}
	return ""
}

var FA103 = register(&analyzer.Rule{
	Code: "FA103", Name: "missing-await", Principle: analyzer.PrincipleAsync, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0",
	Summary: "A coroutine is created and dropped: an AsyncSession, httpx.AsyncClient, async Redis or project async def call is never awaited.",
	Doc: analyzer.Doc{
		What: "Reports calls that create a coroutine which is then lost: an awaitable `AsyncSession` method (`execute`, `commit`, `refresh`, " +
			"`get`, `scalar(s)`, `flush`, `delete`, `rollback`, `close`, `merge`, `stream`), an `httpx.AsyncClient` request, a " +
			"`redis.asyncio.Redis` command, or a project `async def` function (in the same module or imported from another one, " +
			"methods through `self` or a typed receiver included), when the call is a bare statement, is assigned to a name that is never " +
			"read afterwards, or is used directly as if it were the result: `db.execute(q).scalars()`, `if not db.get(User, id):`, " +
			"`for row in client.get(url):`, `user is None`. A name holding the coroutine that is never awaited and is used that way " +
			"(`user = db.get(User, id)` then `if not user:`) is reported at the call too. Reported in `def` functions and at module level " +
			"as well, where the coroutine can only be dropped. The receiver's type comes from its annotation, its constructor or the " +
			"dependency that produced it, possibly in another module (also through a class imported from a project module). " +
			"`BackgroundTasks.add_task(coro())` is FA107's.",
		Why: "Calling an `async def` only builds a coroutine object; nothing runs until it is awaited. A forgotten `await` silently " +
			"skips the commit, the query or the request (Python only prints `RuntimeWarning: coroutine ... was never awaited`), or " +
			"makes the next line operate on the coroutine object: `.scalars()` raises AttributeError, and `if not user:` is never true, " +
			"so the 404 branch is dead.",
		Example: "@router.post(\"/users\")\nasync def create_user(body: UserIn, db: AsyncSession = Depends(get_db)):\n" +
			"    user = User(**body.model_dump())\n    db.add(user)\n    db.commit()\n    db.refresh(user)\n    notify_admins(user.id)  # async def\n    return user\n",
		UseInstead: "@router.post(\"/users\")\nasync def create_user(body: UserIn, db: AsyncSession = Depends(get_db)):\n" +
			"    user = User(**body.model_dump())\n    db.add(user)\n    await db.commit()\n    await db.refresh(user)\n" +
			"    await notify_admins(user.id)\n    return user\n",
		Limits: "Not reported: coroutines passed to any call (`asyncio.create_task`, `gather`, `wait_for`, `shield`, `ensure_future`, " +
			"`asyncio.run`, `TaskGroup.create_task`, `list.append`, or any other function), returned, yielded, stored in an attribute, a " +
			"container or a tuple, or assigned to a name that is awaited, rebound, or only read in other ways (passed on, returned) in the " +
			"function. Receivers whose type cannot be inferred (`self.session`, untyped parameters without a known dependency, types " +
			"declared through `typing.NewType`) are not reported. Project `async def` " +
			"functions with a decorator the analysis does not know (it may wrap the coroutine) and async generators are left alone, and so " +
			"are methods inherited from a base class. Cross-module project functions are recognised through the `coroutine` fact of the " +
			"fact collector.",
		References: []string{
			"https://docs.python.org/3/library/asyncio-dev.html#detect-never-awaited-coroutines",
			"https://docs.sqlalchemy.org/en/20/orm/extensions/asyncio.html",
			"https://www.python-httpx.org/async/",
		},
	},
	CheckModule: checkMissingAwait,
})

// Tags recorded by the collector of this file for the project phase.
const (
	tagCoroutine   = "coroutine"    // a plain `async def`: calling it returns a coroutine
	tagReturnsNone = "returns-none" // a plain `def` with no `return <value>`: calling it yields None
)

var _ = registerCollector(collectCallResults)

// collectCallResults tags, for other modules, what calling each function
// returns: a coroutine (async def, not a generator, decorators that keep the
// function as it is) or None (a def that never returns a value).
func collectCallResults(pass *analyzer.Pass) {
	m := pass.Module
	for _, f := range m.Functions {
		switch {
		case fa103IsCoroutineFunction(m, f):
			pass.Tag(f, tagCoroutine, "true")
		case fa103ReturnsNone(m, f):
			pass.Tag(f, tagReturnsNone, "true")
		}
	}
}

// fa103TransparentDecorators are decorators that return the function itself
// or a wrapper of the same nature (an async wrapper for an async def).
var fa103TransparentDecorators = map[string]bool{
	"abc.abstractmethod": true, "typing.override": true, "typing_extensions.override": true,
	"functools.wraps": true, "functools.cache": true, "functools.lru_cache": true,
	"tenacity.retry": true, "backoff.on_exception": true, "backoff.on_predicate": true,
}

// fa103RouteDecorators are the FastAPI route decorator methods: they register
// the function and return it unchanged.
var fa103RouteDecorators = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "options": true, "head": true,
	"trace": true, "api_route": true, "websocket": true,
}

// fa103Transparent reports whether every decorator of f leaves calling it
// unchanged.
func fa103Transparent(m *analyzer.Module, f *analyzer.Function) bool {
	for _, dec := range f.Decorators {
		if f.Handler != nil && dec == f.Handler.Decorator {
			continue
		}
		target := dec
		if dec.Is("call") {
			target = pyast.Callee(dec)
		}
		q := m.Resolve(target)
		if fa103TransparentDecorators[q] {
			continue
		}
		if q == "" && target.Is("identifier") && (target.Text() == "staticmethod" || target.Text() == "classmethod") {
			continue
		}
		if dec.Is("call") && target.Is("attribute") {
			switch attr := target.ChildByField("attribute").Text(); {
			case attr == "on_event" || attr == "exception_handler" || attr == "middleware":
				continue
			case fa103RouteDecorators[attr]:
				// A second route decorator: @app.get("/a") on top of @app.get("/b").
				if p, ok := pyast.StringValue(pyast.Arg(dec, 0)); ok && strings.HasPrefix(p, "/") {
					continue
				}
				if p, ok := pyast.StringValue(pyast.Kwarg(dec, "path")); ok && strings.HasPrefix(p, "/") {
					continue
				}
			}
		}
		return false
	}
	return true
}

// fa103IsCoroutineFunction reports whether calling f returns a coroutine.
func fa103IsCoroutineFunction(m *analyzer.Module, f *analyzer.Function) bool {
	return f.Async && !f.Generator && fa103Transparent(m, f)
}

// fa103ReturnsNone reports whether f is a plain def that never returns a value.
func fa103ReturnsNone(m *analyzer.Module, f *analyzer.Function) bool {
	if f.Async || f.Generator || f.Class != nil || !fa103Transparent(m, f) {
		return false
	}
	value := false
	f.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			if r := n.NamedChild(0); r != nil && !r.Is("none") {
				value = true
			}
		}
		return !value
	})
	return !value
}

// fa103LocalCallee returns the function of this module a call calls: a
// module-level def, a method through `self` or a typed receiver, or a def
// nested in an enclosing function. nil when it is not defined here.
// q is m.CalleeName(fn, call).
func fa103LocalCallee(m *analyzer.Module, fn *analyzer.Function, call *pyast.Node, q string) *analyzer.Function {
	if q == "" {
		callee := pyast.Callee(call)
		if !callee.Is("identifier") {
			return nil
		}
		for f := fn; f != nil; f = f.Outer {
			if f.Param(callee.Text()) != nil {
				return nil
			}
			for _, g := range m.Functions {
				if g.Outer == f && g.Name == callee.Text() {
					return g
				}
			}
		}
		return nil
	}
	qual, ok := strings.CutPrefix(q, m.Name+".")
	if !ok {
		return nil
	}
	for _, f := range m.Functions {
		if f.Outer == nil && f.QualName == qual {
			return f
		}
	}
	return nil
}

// fa103LibraryRoots are packages whose functions are never project functions:
// calls into them need no project-phase look-up.
var fa103LibraryRoots = map[string]bool{
	"builtins": true, "sqlalchemy": true, "sqlmodel": true, "httpx": true, "redis": true, "fastapi": true,
	"starlette": true, "pydantic": true, "asyncio": true, "logging": true, "typing": true, "os": true,
	"json": true, "requests": true, "datetime": true, "re": true, "time": true, "uuid": true, "math": true,
}

// verdict is a fact about a call known now (now) or only after the project
// phase (later); both empty means no.
type verdict struct {
	now   string
	later func(*analyzer.Project) string
}

func (v verdict) known() bool { return v.now != "" || v.later != nil }

func (v verdict) resolve(p *analyzer.Project) string {
	if v.now != "" || v.later == nil || p == nil {
		return v.now
	}
	return v.later(p)
}

// fa103Coroutine decides whether call creates a coroutine; the verdict is
// what is lost when it is dropped ("the commit never happens").
func fa103Coroutine(pass *analyzer.Pass, fn *analyzer.Function, call *pyast.Node) verdict {
	m := pass.Module
	recv, method := methodCall(call)
	var k analyzer.Kind
	if recv != nil {
		k = pass.KindOf(fn, recv)
		if e := fa103AwaitableMethod(k, method); e != "" {
			return verdict{now: e}
		}
	}
	q := m.CalleeName(fn, call)
	if f := fa103LocalCallee(m, fn, call, q); f != nil {
		if fa103IsCoroutineFunction(m, f) {
			return verdict{now: fmt.Sprintf("`%s()` never runs", f.QualName)}
		}
		return verdict{}
	}
	if q != "" && (fa103LibraryRoots[strings.SplitN(q, ".", 2)[0]] || m.Name != "" && strings.HasPrefix(q, m.Name+".") && fa103DefinedHere(m, q)) {
		q = ""
	}
	if !k.Pending() && q == "" {
		return verdict{}
	}
	return verdict{later: func(p *analyzer.Project) string {
		// A receiver whose type comes from another module: a library client
		// or session, or an instance of a project class.
		if k.Pending() {
			if t := fa103ResolveType(p, k); t != "" {
				if e := fa103AwaitableMethod(analyzer.Instance(t), method); e != "" {
					return e
				}
				if e := fa103ProjectCoroutine(p, t+"."+method); e != "" {
					return e
				}
			}
		}
		if q != "" {
			return fa103ProjectCoroutine(p, q)
		}
		return ""
	}}
}

// fa103ProjectCoroutine returns what is lost when a call of the project
// function q is dropped, "" when q is not a coroutine function.
func fa103ProjectCoroutine(p *analyzer.Project, q string) string {
	if f := p.Function(q); f != nil && f.Tags[tagCoroutine] != "" {
		return fmt.Sprintf("`%s()` never runs", f.QualName)
	}
	return ""
}

// fa103LibraryTypes folds library spellings of the types this rule knows
// into the names kinds use (what analyzer's typeAliases does for the kinds
// it resolves itself).
var fa103LibraryTypes = map[string]string{
	"sqlmodel.ext.asyncio.AsyncSession":         analyzer.AsyncSessionType,
	"sqlmodel.ext.asyncio.session.AsyncSession": analyzer.AsyncSessionType,
	"redis.asyncio.client.Redis":                "redis.asyncio.Redis",
	"redis.asyncio.StrictRedis":                 "redis.asyncio.Redis",
	"httpx._client.AsyncClient":                 "httpx.AsyncClient",
}

// fa103ResolveType resolves a pending kind to a type name. Two cases
// Project.Resolve leaves unknown are handled here: a parameter annotated with
// a class imported from another project module comes as "A:<class>" (a
// possible Annotated alias), and one annotated with a library class that a
// project module re-exports (`from app.db import AsyncSession`) as
// "A:app.db.AsyncSession".
func fa103ResolveType(p *analyzer.Project, k analyzer.Kind) string {
	if t := p.Resolve(k).Type(); t != "" {
		return t
	}
	if !strings.HasPrefix(string(k), "A:") {
		return ""
	}
	q := string(k[2:])
	if _, sf := p.Lookup(q); sf != nil {
		if sf.Kind == analyzer.SymbolClass {
			return p.Canonical(q)
		}
		return ""
	}
	if c := analyzer.Canonical(p.Canonical(q)); c != q {
		if _, sf := p.Lookup(c); sf == nil && p.Class(c) == nil {
			if t, ok := fa103LibraryTypes[c]; ok {
				return t
			}
			return c
		}
	}
	return ""
}

// fa103DefinedHere reports whether q names a class or variable of this module
// (a call of it is not a project function of another module).
func fa103DefinedHere(m *analyzer.Module, q string) bool {
	first := strings.SplitN(strings.TrimPrefix(q, m.Name+"."), ".", 2)[0]
	if _, ok := m.Vars[first]; ok {
		return true
	}
	if _, ok := m.Defs[first]; ok {
		return true
	}
	for _, c := range m.Classes {
		if c.Name == first {
			return true
		}
	}
	return false
}

// fa103SyncNone decides whether call calls a project def that returns None.
func fa103SyncNone(pass *analyzer.Pass, fn *analyzer.Function, call *pyast.Node) verdict {
	m := pass.Module
	q := m.CalleeName(fn, call)
	if f := fa103LocalCallee(m, fn, call, q); f != nil {
		if fa103ReturnsNone(m, f) {
			return verdict{now: "true"}
		}
		return verdict{}
	}
	if q == "" || fa103LibraryRoots[strings.SplitN(q, ".", 2)[0]] || m.Name != "" && strings.HasPrefix(q, m.Name+".") && fa103DefinedHere(m, q) {
		return verdict{}
	}
	return verdict{later: func(p *analyzer.Project) string {
		if f := p.Function(q); f != nil && f.Tags[tagReturnsNone] != "" {
			return "true"
		}
		return ""
	}}
}

// How a coroutine object is used.
type fa103Use int

const (
	fa103Kept    fa103Use = iota // awaited, returned, passed on, stored: not our business
	fa103Dropped                 // a bare statement, or assigned and never read
	fa103Misused                 // used as if it were the result
)

// fa103UseOf classifies how the value of expression n (a call or a name) is used.
func fa103UseOf(n *pyast.Node) (fa103Use, string) {
	for n.Up().Is("parenthesized_expression") {
		n = n.Up()
	}
	p := n.Up()
	switch p.Type() {
	case "await":
		return fa103Kept, ""
	case "expression_statement":
		if len(p.NamedChildren()) == 1 {
			return fa103Dropped, ""
		}
	case "attribute":
		if p.ChildByField("object") == n && !fa103CoroutineAttrs[p.ChildByField("attribute").Text()] {
			return fa103Misused, fmt.Sprintf("`.%s` is looked up on the coroutine object and raises AttributeError", p.ChildByField("attribute").Text())
		}
	case "subscript":
		if p.ChildByField("value") == n {
			return fa103Misused, "subscripting the coroutine object raises TypeError"
		}
	case "for_statement", "for_in_clause":
		if p.ChildByField("right") == n {
			return fa103Misused, "iterating over the coroutine object raises TypeError"
		}
	case "if_statement", "elif_clause", "while_statement":
		if p.ChildByField("condition") == n {
			return fa103Misused, "the test sees the coroutine object, which is always true"
		}
	case "not_operator", "assert_statement":
		return fa103Misused, "the test sees the coroutine object, which is always true"
	case "comparison_operator":
		return fa103Misused, "the comparison sees the coroutine object, not the result"
	}
	return fa103Kept, ""
}

// fa103CoroutineAttrs are the attributes of coroutine objects themselves.
var fa103CoroutineAttrs = map[string]bool{
	"send": true, "throw": true, "close": true, "__await__": true, "cr_await": true, "cr_code": true,
	"cr_frame": true, "cr_running": true, "cr_origin": true, "cr_suspended": true, "__name__": true, "__qualname__": true,
}

// fa103NameRole tells whether an identifier occurrence reads a variable,
// binds it, or is not a variable at all (attribute or keyword names).
func fa103NameRole(id *pyast.Node) string {
	p := id.Up()
	switch p.Type() {
	case "attribute":
		if id.Field == "attribute" {
			return "other"
		}
	case "keyword_argument":
		if id.Field == "name" {
			return "other"
		}
	case "function_definition", "class_definition":
		if id.Field == "name" {
			return "other"
		}
	case "parameters", "lambda_parameters", "typed_parameter", "list_splat_pattern", "dictionary_splat_pattern":
		return "store"
	case "default_parameter", "typed_default_parameter":
		if id.Field == "name" {
			return "store"
		}
	case "global_statement", "nonlocal_statement":
		return "read" // shared with another scope: treat as passed on
	case "aliased_import", "dotted_name":
		return "store"
	}
	n := id
	for n.Up().Is("pattern_list", "tuple_pattern", "list_pattern", "as_pattern_target") {
		n = n.Up()
	}
	q := n.Up()
	switch q.Type() {
	case "assignment", "for_statement", "for_in_clause":
		if n.Field == "left" {
			return "store"
		}
	case "augmented_assignment":
		if n.Field == "left" {
			return "store+read"
		}
	case "named_expression":
		if n.Field == "name" {
			return "store"
		}
	case "as_pattern":
		if n.Field == "alias" {
			return "store"
		}
	}
	return "read"
}

// fa103AssignedUse follows a coroutine assigned to `name` in fn: dropped when
// the name is never read, misused when it is never awaited and some read uses
// it as if it were the result (a truth test, an attribute) — passing it on as
// well does not excuse `if not user:`. A name bound more than once is only
// followed when it is never read.
// names holds every identifier of fn's body by name (see fa103Names).
func fa103AssignedUse(fn *analyzer.Function, names map[string][]*pyast.Node, assign *pyast.Node, name string) (fa103Use, string) {
	reads, stores := 0, 0
	misuse := ""
	passed, awaited := false, false
	if fn.Param(name) != nil {
		stores++
	}
	for _, n := range names[name] {
		if awaited {
			break
		}
		if n == assign.ChildByField("left") {
			continue
		}
		switch fa103NameRole(n) {
		case "other":
		case "store":
			stores++
		case "store+read":
			stores++
			passed = true
		case "read":
			reads++
			switch use, detail := fa103UseOf(n); use {
			case fa103Kept:
				passed = true
				awaited = pyast.IsAwaited(n)
			case fa103Misused:
				if misuse == "" {
					misuse = detail
				}
			}
		}
	}
	switch {
	case reads == 0 && !passed:
		return fa103Dropped, ""
	case awaited || stores > 0 || misuse == "":
		return fa103Kept, ""
	}
	return fa103Misused, misuse
}

// fa103Names indexes the identifiers of a function's body (nested
// functions included) by name, once per function.
func fa103Names(cache map[*analyzer.Function]map[string][]*pyast.Node, fn *analyzer.Function) map[string][]*pyast.Node {
	if names, ok := cache[fn]; ok {
		return names
	}
	names := map[string][]*pyast.Node{}
	fn.Body().Walk(func(n *pyast.Node) bool {
		if n.Kind == "identifier" {
			names[n.Text()] = append(names[n.Text()], n)
		}
		return true
	})
	cache[fn] = names
	return names
}

// fa103CallText names a call in messages: `db.commit()`, `notify(...)`.
func fa103CallText(call *pyast.Node) string {
	args := "()"
	if len(call.ChildByField("arguments").NamedChildren()) > 0 {
		args = "(...)"
	}
	callee := pyast.Callee(call).Text()
	if len(callee) > 60 || strings.Contains(callee, "\n") {
		if recv, method := methodCall(call); recv != nil {
			callee = "…." + method
		}
	}
	return callee + args
}

// fa103Fix says how to await in the function around the call.
func fa103Fix(fn *analyzer.Function) string {
	switch {
	case fn == nil:
		return "run it with `asyncio.run(...)`, or `await` it inside an `async def`"
	case fn.Async:
		return "add `await`"
	}
	return fmt.Sprintf("`def %s` cannot await it: make it an `async def` and add `await`", fn.Name)
}

func checkMissingAwait(pass *analyzer.Pass) {
	m := pass.Module
	names := map[*analyzer.Function]map[string][]*pyast.Node{}
	for _, call := range m.Nodes("call") {
		use, detail := fa103UseOf(call)
		var fn *analyzer.Function
		assigned := ""
		if use == fa103Kept {
			// `name = coroutine()`: follow the name through the function.
			n := call
			for n.Up().Is("parenthesized_expression") {
				n = n.Up()
			}
			assign := n.Up()
			if !assign.Is("assignment") || assign.ChildByField("right") != n || !assign.ChildByField("left").Is("identifier") {
				continue
			}
			if fn = m.EnclosingFunction(call); fn == nil || call.Ancestor("lambda", "function_definition").Is("lambda") {
				continue
			}
			assigned = assign.ChildByField("left").Text()
			if use, detail = fa103AssignedUse(fn, fa103Names(names, fn), assign, assigned); use == fa103Kept {
				continue
			}
		} else {
			fn = m.EnclosingFunction(call)
			if call.Ancestor("lambda", "function_definition").Is("lambda") {
				continue
			}
		}
		v := fa103Coroutine(pass, fn, call)
		if !v.known() {
			continue
		}
		text, fix := fa103CallText(call), fa103Fix(fn)
		var message func(effect string) string
		switch {
		case use == fa103Misused:
			subject := fmt.Sprintf("coroutine `%s`", text)
			if assigned != "" {
				subject += fmt.Sprintf(" assigned to `%s`", assigned)
			}
			message = func(effect string) string {
				if strings.Contains(detail, "raises") {
					return fmt.Sprintf("%s is never awaited: %s; %s", subject, detail, fix)
				}
				return fmt.Sprintf("%s is never awaited, so %s and %s; %s", subject, effect, detail, fix)
			}
		case assigned != "":
			message = func(effect string) string {
				return fmt.Sprintf("coroutine `%s` is assigned to `%s` but never awaited, so %s; %s", text, assigned, effect, fix)
			}
		default:
			message = func(effect string) string {
				return fmt.Sprintf("coroutine `%s` is never awaited, so %s; %s", text, effect, fix)
			}
		}
		if v.now != "" {
			pass.Report(call, "%s", message(v.now))
			continue
		}
		pass.ReportWhen(call, func(p *analyzer.Project) string {
			if effect := v.resolve(p); effect != "" {
				return message(effect)
			}
			return ""
		})
	}
}
