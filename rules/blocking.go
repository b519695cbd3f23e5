package rules

// The shared classifier of blocking calls. FA101 and FA102 report what it
// finds written directly in an async def; its collector (collectBlocking, in
// fa105_blocking_call_via_helper.go) tags every sync def with the first
// blocking call it makes, and FA105 follows the call graph to those tags.

import (
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

// syncSessionIO lists the Session methods that talk to the database.
var syncSessionIO = map[string]bool{
	"query": true, "execute": true, "scalar": true, "scalars": true, "get": true, "commit": true,
	"flush": true, "refresh": true, "merge": true, "rollback": true, "connection": true,
	"delete": false, // Session.delete only marks; the flush does the I/O
}

// fa102Alternatives says what to use instead, per family of blocking calls.
const (
	fa102AltSleep   = "use `await asyncio.sleep(...)`"
	fa102AltHTTP    = "use `httpx.AsyncClient` and await it, or run it with `run_in_threadpool`"
	fa102AltHTTPX   = "use `httpx.AsyncClient` and await it"
	fa102AltFile    = "use `aiofiles.open`/`anyio.open_file` and await it, or run it with `run_in_threadpool`"
	fa102AltPath    = "use `anyio.Path` and await it, or run it with `run_in_threadpool`"
	fa102AltProc    = "use `asyncio.create_subprocess_exec` and await it, or run it with `run_in_threadpool`"
	fa102AltShell   = "use `asyncio.create_subprocess_shell` and await it, or run it with `run_in_threadpool`"
	fa102AltSocket  = "use `asyncio.open_connection` and await it"
	fa102AltPG      = "use an async driver (`asyncpg`, or psycopg 3's `AsyncConnection`) and await it, or run it with `run_in_threadpool`"
	fa102AltMySQL   = "use an async driver (`aiomysql`, `asyncmy`) and await it, or run it with `run_in_threadpool`"
	fa102AltSQLite  = "use `aiosqlite` and await it, or run it with `run_in_threadpool`"
	fa102AltRedis   = "use `redis.asyncio.Redis` and await it"
	fa102AltSMTP    = "use `aiosmtplib` and await it, or run it with `run_in_threadpool`"
	fa102AltGeneric = "run it with `run_in_threadpool`"
)

// fa102Funcs maps blocking library callables to the alternative.
var fa102Funcs = map[string]string{
	"time.sleep":                 fa102AltSleep,
	"urllib.request.urlopen":     fa102AltHTTP,
	"builtins.open":              fa102AltFile,
	"io.open":                    fa102AltFile,
	"subprocess.run":             fa102AltProc,
	"subprocess.call":            fa102AltProc,
	"subprocess.check_call":      fa102AltProc,
	"subprocess.check_output":    fa102AltProc,
	"subprocess.Popen":           fa102AltProc,
	"subprocess.getoutput":       fa102AltShell,
	"subprocess.getstatusoutput": fa102AltShell,
	"os.system":                  fa102AltShell,
	"socket.create_connection":   fa102AltSocket,
	"psycopg2.connect":           fa102AltPG,
	"pymysql.connect":            fa102AltMySQL,
	"sqlite3.connect":            fa102AltSQLite,
	"smtplib.SMTP":               fa102AltSMTP,
	"smtplib.SMTP_SSL":           fa102AltSMTP,
}

// fa102HTTPVerbs are the request functions of requests and httpx (module
// functions, Session and Client methods alike).
var fa102HTTPVerbs = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true,
	"options": true, "request": true,
}

func init() {
	for verb := range fa102HTTPVerbs {
		fa102Funcs["requests."+verb] = fa102AltHTTP
		fa102Funcs["httpx."+verb] = fa102AltHTTPX
	}
	fa102Funcs["httpx.stream"] = fa102AltHTTPX
}

// fa102KindMethods lists, per instance type, the methods that do blocking I/O.
type fa102Methods struct {
	label   string          // how the type is named in messages
	methods map[string]bool // blocking methods; nil means every method but except
	except  map[string]bool
	alt     string
}

var (
	fa102ConnMethods = map[string]bool{
		"execute": true, "executemany": true, "executescript": true, "commit": true, "rollback": true,
		"ping": true, "select_db": true, "backup": true,
	}
	fa102CursorMethods = map[string]bool{
		"execute": true, "executemany": true, "executescript": true, "callproc": true,
	}
	fa102SessionMethods = map[string]bool{"send": true}
	fa102ClientMethods  = map[string]bool{"send": true, "stream": true}
)

func init() {
	for verb := range fa102HTTPVerbs {
		fa102SessionMethods[verb] = true
		fa102ClientMethods[verb] = true
	}
}

var fa102KindMethods = map[string]fa102Methods{
	"requests.Session": {label: "requests.Session", methods: fa102SessionMethods, alt: fa102AltHTTP},
	"httpx.Client":     {label: "httpx.Client", methods: fa102ClientMethods, alt: fa102AltHTTPX},
	// Every Redis method is a command except these, which build objects locally.
	"redis.Redis": {label: "redis.Redis", except: map[string]bool{
		"pipeline": true, "pubsub": true, "lock": true, "register_script": true, "from_url": true,
		"from_pool": true, "get_encoder": true, "get_connection_kwargs": true, "set_response_callback": true,
		"close": true, "monitor": true, "client": true, "get_retry": true, "set_retry": true,
	}, alt: fa102AltRedis},
	"sqlite3.Connection":             {label: "sqlite3 connection", methods: fa102ConnMethods, alt: fa102AltSQLite},
	"psycopg2.Connection":            {label: "psycopg2 connection", methods: fa102ConnMethods, alt: fa102AltPG},
	"psycopg2.extensions.connection": {label: "psycopg2 connection", methods: fa102ConnMethods, alt: fa102AltPG},
	"pymysql.Connection":             {label: "pymysql connection", methods: fa102ConnMethods, alt: fa102AltMySQL},
	"pymysql.connections.Connection": {label: "pymysql connection", methods: fa102ConnMethods, alt: fa102AltMySQL},
	"sqlite3.Cursor":                 {label: "sqlite3 cursor", methods: fa102CursorMethods, alt: fa102AltSQLite},
	"psycopg2.extensions.cursor":     {label: "psycopg2 cursor", methods: fa102CursorMethods, alt: fa102AltPG},
	"pymysql.cursors.Cursor":         {label: "pymysql cursor", methods: fa102CursorMethods, alt: fa102AltMySQL},
}

// fa102CursorOwners maps a connection type to the cursor type its .cursor() returns.
var fa102CursorOwners = map[string]string{
	"sqlite3.Connection":             "sqlite3.Cursor",
	"psycopg2.Connection":            "psycopg2.extensions.cursor",
	"psycopg2.extensions.connection": "psycopg2.extensions.cursor",
	"pymysql.Connection":             "pymysql.cursors.Cursor",
	"pymysql.connections.Connection": "pymysql.cursors.Cursor",
}

// fa102PathIO are the pathlib.Path methods that read or write a whole file.
var fa102PathIO = map[string]bool{"read_text": true, "write_text": true, "read_bytes": true, "write_bytes": true}

// fa102PathDerived are the Path methods and attributes that return another Path.
var fa102PathDerived = map[string]bool{
	"resolve": true, "absolute": true, "expanduser": true, "with_name": true, "with_suffix": true,
	"with_stem": true, "joinpath": true, "relative_to": true, "parent": true,
}

// fa102SocketIO are the blocking methods of a socket.socket.
var fa102SocketIO = map[string]bool{
	"connect": true, "connect_ex": true, "sendall": true, "send": true, "recv": true, "recv_into": true,
	"accept": true, "sendto": true, "recvfrom": true,
}

// blockingForm says how a candidate blocking call is decided.
type blockingForm int

const (
	// blockingByName is decided from the call alone: a known library
	// callable, pathlib I/O, a method of a blocking socket.
	blockingByName blockingForm = iota
	// blockingByKind depends on the receiver's kind: a sync Session, a
	// requests.Session, an httpx.Client, a sync Redis, a DB-API connection.
	blockingByKind
	// blockingByCursor depends on the kind of the connection whose .cursor()
	// made the receiver.
	blockingByCursor
)

// blockingOp is the classifier's verdict on one call. Candidates of the kind
// forms carry the receiver's kind (possibly pending) and are finished by
// decide once the kind is known. It holds strings only, so it may outlive
// the syntax tree.
type blockingOp struct {
	form   blockingForm
	rule   string        // the rule that reports it directly in an async def: "FA101" or "FA102"
	name   string        // by name: the callable as written by users ("requests.post", "open", "Path.read_text")
	recv   string        // receiver text ("db", "client")
	method string        // method name
	label  string        // receiver's type in messages ("httpx.Client", "sync Session"); "" for none
	alt    string        // what to use instead
	kind   analyzer.Kind // the kind the verdict depends on (kind forms only)
}

// code renders the call for messages: "`requests.post()`",
// "`client.get()` (httpx.Client)".
func (o blockingOp) code() string {
	s := "`" + o.name + "()`"
	if o.name == "" {
		s = "`" + o.recv + "." + o.method + "()`"
	}
	if o.label != "" {
		s += " (" + o.label + ")"
	}
	return s
}

// short renders the call as the last link of a call chain: "requests.post",
// "client.get (httpx.Client)".
func (o blockingOp) short() string {
	s := o.name
	if s == "" {
		s = o.recv + "." + o.method
	}
	if o.label != "" {
		s += " (" + o.label + ")"
	}
	return s
}

// decide finishes a kind-form candidate with the receiver's (resolved) kind:
// ok is false when the call does not block. By-name verdicts come back as they are.
func (o blockingOp) decide(k analyzer.Kind) (blockingOp, bool) {
	switch o.form {
	case blockingByName:
		return o, true
	case blockingByCursor:
		cur, ok := fa102CursorOwners[k.Type()]
		if !ok {
			return o, false
		}
		spec := fa102KindMethods[cur]
		o.rule, o.label, o.alt = "FA102", spec.label, spec.alt
		return o, true
	}
	if k.IsSyncSession() {
		if !syncSessionIO[o.method] {
			return o, false
		}
		o.rule, o.label = "FA101", "sync Session"
		o.alt = "use an AsyncSession and `await` it, or run it with `run_in_threadpool`"
		return o, true
	}
	spec, ok := fa102KindMethods[k.Type()]
	if !ok || spec.methods != nil && !spec.methods[o.method] || spec.methods == nil && spec.except[o.method] {
		return o, false
	}
	o.rule, o.label, o.alt = "FA102", spec.label, spec.alt
	return o, true
}

// classifyBlocking says whether call, made in fn's body (fn is the scope
// names are read in; nil for module level), does blocking I/O. Whether fn is
// async does not matter: callers decide which functions they look at. ok is
// false when the call is certainly not blocking; a kind-form candidate whose
// kind is unknown is returned as such (op.kind == "") and is not blocking.
func classifyBlocking(pass *analyzer.Pass, fn *analyzer.Function, call *pyast.Node) (blockingOp, bool) {
	m := pass.Module
	if q := calledName(m, call); q != "" {
		if alt, ok := fa102Funcs[q]; ok {
			return blockingOp{form: blockingByName, rule: "FA102", name: fa102Display(q), alt: alt}, true
		}
	}
	recv, method := methodCall(call)
	if recv == nil {
		return blockingOp{}, false
	}
	if fa102PathIO[method] && fa102IsPath(pass, fn, recv, 0) {
		return blockingOp{form: blockingByName, rule: "FA102", name: "Path." + method, alt: fa102AltPath}, true
	}
	if fa102SocketIO[method] && fa102IsBlockingSocket(pass, fn, recv) {
		return blockingOp{form: blockingByName, rule: "FA102", recv: recv.Text(), method: method,
			label: "socket.socket", alt: fa102AltSocket}, true
	}
	if fa102CursorMethods[method] {
		if conn := fa102CursorSource(pass, fn, recv); conn != nil {
			return blockingOp{form: blockingByCursor, recv: recv.Text(), method: method, kind: pass.KindOf(fn, conn)}, true
		}
	}
	return receiverOp(pass, fn, call)
}

// receiverOp is the kind-form candidate of a method call `recv.method(...)`:
// its verdict depends on the receiver's kind only.
func receiverOp(pass *analyzer.Pass, fn *analyzer.Function, call *pyast.Node) (blockingOp, bool) {
	recv, method := methodCall(call)
	if recv == nil {
		return blockingOp{}, false
	}
	return blockingOp{form: blockingByKind, recv: recv.Text(), method: method, kind: pass.KindOf(fn, recv)}, true
}

// encode packs a pending kind-form candidate into a tag value
// ("C:app.database.get_db|query|method|db"); decodeBlocking reverses it.
func (o blockingOp) encode() string {
	form := "recv"
	if o.form == blockingByCursor {
		form = "cursor"
	}
	recv := strings.Join(strings.Fields(o.recv), " ")
	if strings.ContainsAny(recv, blockingSep) {
		recv = "…"
	}
	return string(o.kind) + "|" + o.method + "|" + form + "|" + recv
}

// blockingSep separates several encoded candidates in one tag value.
const blockingSep = "\x1f"

func decodeBlocking(s string) (blockingOp, bool) {
	parts := strings.SplitN(s, "|", 4)
	if len(parts) != 4 {
		return blockingOp{}, false
	}
	o := blockingOp{form: blockingByKind, kind: analyzer.Kind(parts[0]), method: parts[1], recv: parts[3]}
	if parts[2] == "cursor" {
		o.form = blockingByCursor
	}
	return o, true
}

// fa102Display names a qualified callable as users write it.
func fa102Display(q string) string {
	if q == "builtins.open" {
		return "open"
	}
	return q
}

// fa102Binding returns the single expression a local name is bound to in fn
// (or an enclosing function), or at module level; nil when the name is a
// parameter, a loop variable, bound more than once, or unknown. The returned
// function is the scope to read the expression in (nil for module level).
func fa102Binding(m *analyzer.Module, fn *analyzer.Function, name string) (*pyast.Node, *analyzer.Function) {
	for f := fn; f != nil; f = f.Outer {
		if f.Param(name) != nil {
			return nil, nil
		}
		var values []*pyast.Node
		loopBound := false
		f.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition", "lambda":
				return false
			case "assignment", "augmented_assignment":
				if left := n.ChildByField("left"); left.Is("identifier") && left.Text() == name {
					values = append(values, n.ChildByField("right"))
				}
			case "as_pattern":
				if n.ChildByField("alias").Text() == name {
					values = append(values, n.NamedChild(0))
				}
			case "named_expression":
				if n.ChildByField("name").Text() == name {
					values = append(values, n.ChildByField("value"))
				}
			case "for_statement", "for_in_clause":
				left := n.ChildByField("left")
				left.Walk(func(c *pyast.Node) bool {
					if c.Is("identifier") && c.Text() == name {
						loopBound = true
					}
					return true
				})
			}
			return true
		})
		if loopBound || len(values) > 1 {
			return nil, nil
		}
		if len(values) == 1 {
			return values[0], f
		}
	}
	if v, ok := m.Vars[name]; ok {
		return v, nil
	}
	return nil, nil
}

// fa102IsPath reports whether e holds a pathlib.Path: a Path(...) call, a
// parameter annotated Path, or a path derived from one (`/`, .parent, .resolve()).
func fa102IsPath(pass *analyzer.Pass, fn *analyzer.Function, e *pyast.Node, depth int) bool {
	if depth > 8 {
		return false
	}
	m := pass.Module
	e = pyast.Unparen(e)
	switch e.Type() {
	case "call":
		switch calledName(m, e) {
		case "pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.Path.home", "pathlib.Path.cwd":
			return true
		}
		if recv, method := methodCall(e); fa102PathDerived[method] {
			return fa102IsPath(pass, fn, recv, depth+1)
		}
	case "attribute":
		if fa102PathDerived[e.ChildByField("attribute").Text()] {
			return fa102IsPath(pass, fn, e.ChildByField("object"), depth+1)
		}
	case "binary_operator":
		if e.ChildByField("operator").Text() == "/" {
			return fa102IsPath(pass, fn, e.ChildByField("left"), depth+1)
		}
	case "identifier":
		switch pass.KindOf(fn, e).Type() {
		case "pathlib.Path", "pathlib.PosixPath", "pathlib.WindowsPath":
			return true
		}
		if v, scope := fa102Binding(m, fn, e.Text()); v != nil {
			return fa102IsPath(pass, scope, v, depth+1)
		}
	}
	return false
}

// fa102IsBlockingSocket reports whether recv is a socket.socket(...) (or the
// result of socket.create_connection) not switched to non-blocking mode.
func fa102IsBlockingSocket(pass *analyzer.Pass, fn *analyzer.Function, recv *pyast.Node) bool {
	m := pass.Module
	recv = pyast.Unparen(recv)
	src, scope := recv, fn
	if recv.Is("identifier") {
		src, scope = fa102Binding(m, fn, recv.Text())
	}
	src = pyast.Unparen(src)
	if !src.Is("call") {
		return false
	}
	switch calledName(m, src) {
	case "socket.socket", "socket.create_connection":
	default:
		return false
	}
	if recv.Is("identifier") && scope != nil {
		nonBlocking := false
		scope.Body().Walk(func(n *pyast.Node) bool {
			if r, method := methodCall(n); n.Kind == "call" && method == "setblocking" && r.Text() == recv.Text() {
				if a := pyast.Arg(n, 0); a.Is("false") || a.Text() == "0" {
					nonBlocking = true
				}
			}
			return !nonBlocking
		})
		return !nonBlocking
	}
	return true
}

// fa102CursorSource returns the connection expression when recv is a cursor
// made by `conn.cursor()`, directly or through a local name.
func fa102CursorSource(pass *analyzer.Pass, fn *analyzer.Function, recv *pyast.Node) *pyast.Node {
	src := pyast.Unparen(recv)
	if src.Is("identifier") {
		var scope *analyzer.Function
		src, scope = fa102Binding(pass.Module, fn, src.Text())
		if scope != fn {
			return nil // keep the connection's kind in the scope it is read in
		}
		src = pyast.Unparen(src)
	}
	if !src.Is("call") {
		return nil
	}
	if conn, method := methodCall(src); method == "cursor" {
		return conn
	}
	return nil
}
