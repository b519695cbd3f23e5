package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA402 = register(&analyzer.Rule{
	Code: "FA402", Name: "create-without-201", Principle: analyzer.PrincipleErrors, Severity: analyzer.SeverityWarning,
	Precision: "medium", Since: "0.1.0",
	Summary: "A POST handler creates a resource but keeps FastAPI's default status 200 instead of 201 Created.",
	Doc: analyzer.Doc{
		What: "Reports the route decorator of a POST path operation that has no `status_code=` and creates something: it adds to a " +
			"SQLAlchemy/SQLModel session (`.add()`/`.add_all()` on a session, or on any receiver that is then `.commit()`ed), builds an " +
			"`insert(...)` statement or calls `Table.insert()`/`Document.insert()`, calls `Model.objects.create()`, `.insert_one()`/`.insert_many()` " +
			"(Motor/PyMongo), or calls a project function or service method named `create_*`, `insert_*`, `add_*` or `register_*` " +
			"(or `create()` on a project CRUD object or model class).",
		Why: "`201 Created` tells clients, caches and generated SDKs that a new resource exists (and where, with a `Location` header); " +
			"`200 OK` says an action ran. The OpenAPI document FastAPI generates advertises whatever the decorator says, so the default 200 " +
			"misdocuments every create endpoint and breaks clients that branch on 201.",
		Example: "@router.post(\"/users\", response_model=UserOut)\ndef create_user(user: UserIn, db: Session = Depends(get_db)):\n" +
			"    db_user = User(**user.model_dump())\n    db.add(db_user)\n    db.commit()\n    return db_user\n",
		UseInstead: "from fastapi import status\n\n@router.post(\"/users\", response_model=UserOut, status_code=status.HTTP_201_CREATED)\n" +
			"def create_user(user: UserIn, db: Session = Depends(get_db)):\n    db_user = User(**user.model_dump())\n    db.add(db_user)\n" +
			"    db.commit()\n    return db_user\n",
		Limits: "Any explicit `status_code=` on the decorator silences the rule, even 200, as do a `<response>.status_code = ...` assignment, " +
			"a returned response with an explicit status and redirects. Authentication, token, search, query, verification, refresh, validation and " +
			"webhook endpoints (by function name or path, or because they verify a webhook signature) and commands named by the last path segment (`/predict`, `/chat`, `/send-email`, `/jobs/run`, `/models/train`, `/roles/assign`) " +
			"are left alone even when they store something, unless they register or sign up a user; " +
			"so are actions on an existing resource whose path ends in a singular word after a path parameter (`/articles/{slug}/favorite`, " +
			"`/orders/{id}/cancel`) or in a path parameter (`/lists/{id}/recipe/{recipe_id}`), although `/users/{id}/address` may create a sub-resource. " +
			"Service calls are recognised by name (`create_*`, `insert_*`, `add_*`, `register_*`), skipping library calls (`asyncio.create_task`, " +
			"`BackgroundTasks.add_task`, SDK clients built by a library) and names about tokens, middleware, sessions, links and other non-resources; " +
			"creation hidden behind other names is missed, and a bare `.create()` counts only on a project module, CRUD object or model class.",
		References: []string{
			"https://fastapi.tiangolo.com/tutorial/response-status-code/",
			"https://www.rfc-editor.org/rfc/rfc9110#name-201-created",
		},
	},
	CheckModule: checkCreateWithout201,
})

// rpcWords mark POST endpoints that run an action rather than create a
// resource; registrationWords override them.
var (
	rpcWords = []string{
		"login", "logout", "signin", "signout", "token", "tokens", "auth", "oauth", "oauth2", "authenticate",
		"authorize", "search", "query", "verify", "verification", "refresh", "validate", "validation", "webhook",
		"webhooks", "callback", "graphql",
	}
	registrationWords = []string{"register", "registration", "signup"}
	// actionVerbs in the last segment of a path name a command, not a
	// collection: POST /predict, /chat, /send-email, /jobs/run.
	actionVerbs = []string{
		"predict", "classify", "infer", "analyze", "analyse", "chat", "ask", "generate", "calculate", "compute",
		"convert", "execute", "run", "send", "notify", "track", "ping", "echo", "preview", "estimate", "check",
		"sync", "trigger", "export", "download", "transcribe", "translate", "summarize", "summarise", "embed",
		"cancel", "approve", "reject", "retry", "reset", "start", "stop", "restart", "test",
		"train", "evaluate", "forecast", "correlate", "assign", "unassign",
	}
	// notResourceWords mark create_*/add_* names that make no resource.
	notResourceWords = []string{
		"token", "jwt", "access", "refresh", "middleware", "route", "routes", "router", "handler", "handlers",
		"header", "headers", "cookie", "cookies", "callback", "listener", "job", "session", "engine", "connection",
		"pool", "url", "link", "signature", "hash", "response", "log", "metric", "metrics", "span", "index",
		"table", "tables", "schema", "hook", "signal", "reader", "writer", "done", "exception", "argument",
		"parser", "app", "all", "context", "loop", "cache", "lock", "limiter", "otp", "salt", "nonce",
	}
	sqlInsertNames = map[string]bool{
		"sqlalchemy.insert": true, "sqlalchemy.sql.insert": true, "sqlalchemy.sql.expression.insert": true,
		"sqlalchemy.dialects.postgresql.insert": true, "sqlalchemy.dialects.sqlite.insert": true,
		"sqlalchemy.dialects.mysql.insert": true, "sqlmodel.insert": true,
	}
)

func checkCreateWithout201(pass *analyzer.Pass) {
	m := pass.Module
	// The calls in each handler's body (not in its parameter defaults).
	calls := map[*analyzer.Function][]*pyast.Node{}
	for _, c := range m.Nodes("call") {
		fn := m.EnclosingFunction(c)
		if fn == nil || fn.Handler == nil {
			continue
		}
		if body := fn.Body(); c.StartByte >= body.StartByte && c.EndByte <= body.EndByte {
			calls[fn] = append(calls[fn], c)
		}
	}
	for _, h := range m.Handlers {
		fn := h.Func
		if !handlerHasMethod(h, "POST") || h.Kwarg("status_code") != nil || pyast.HasDictSplat(h.Decorator) {
			continue
		}
		if rpcStyle(h) || isWebhookHandler(m, fn) || statusChosen(m, fn, h, calls[fn]) {
			continue
		}
		name := fn.Name
		message := func(evidence string) string {
			return fmt.Sprintf("POST %s creates a resource (`%s`) but answers 200; set `status_code=201` (status.HTTP_201_CREATED) on the route",
				name, evidence)
		}
		if ev := creationCall(pass, fn, calls[fn]); ev != "" {
			pass.Report(h.Decorator, "%s", message(ev))
			continue
		}
		// Session adds without a visible commit: the receiver must be a session.
		var pending analyzer.Kind
		pendingEv := ""
		reported := false
		for _, c := range calls[fn] {
			recv, meth := methodCall(c)
			if meth != "add" && meth != "add_all" {
				continue
			}
			k := pass.KindOf(fn, recv)
			ev := calleeLabel(c)
			if k.IsSyncSession() || k.IsAsyncSession() {
				pass.Report(h.Decorator, "%s", message(ev))
				reported = true
				break
			}
			if k.Pending() && pending == analyzer.KindUnknown {
				pending, pendingEv = k, ev
			}
		}
		if !reported && pending != analyzer.KindUnknown {
			pass.ReportKind(h.Decorator, pending, func(k analyzer.Kind) string {
				if k.IsSyncSession() || k.IsAsyncSession() {
					return message(pendingEv)
				}
				return ""
			})
		}
	}
}

func handlerHasMethod(h *analyzer.Handler, method string) bool {
	for _, m := range h.Methods {
		if m == method {
			return true
		}
	}
	return false
}

// rpcStyle reports whether the handler's name or path says it runs an
// action (login, token, search, ...) rather than creating a resource, or the
// path ends in an action on an existing resource: `/articles/{slug}/favorite`,
// `/profiles/{name}/follow`, `/orders/{id}/cancel` (a singular word after a
// path parameter, where a collection would be plural: `/items/{id}/tags`), or
// in a path parameter after another segment (`/lists/{id}/recipe/{rid}`).
func rpcStyle(h *analyzer.Handler) bool {
	segments := strings.Split(strings.Trim(h.Path, "/"), "/")
	text := h.Func.Name + " " + strings.NewReplacer("{", " ", "}", " ").Replace(strings.Join(segments, " "))
	if hasWord(text, registrationWords...) {
		return false
	}
	if hasWord(text, rpcWords...) {
		return true
	}
	n := len(segments)
	if hasWord(segments[n-1], actionVerbs...) {
		return true
	}
	if n >= 2 && strings.HasPrefix(segments[n-1], "{") {
		return true // POST /lists/{id}/recipe/{recipe_id}: addresses an existing resource
	}
	if n >= 2 {
		last, prev := segments[n-1], segments[n-2]
		if strings.HasPrefix(prev, "{") && last != "" && !strings.ContainsAny(last, "{}") && !strings.HasSuffix(last, "s") {
			return true
		}
	}
	return false
}

// statusChosen reports whether the handler picks its own status: it assigns
// `<response>.status_code`, builds a response with an explicit status (or a
// redirect), passes `status_code=` to something it returns, or its route's
// response_class is a redirect.
func statusChosen(m *analyzer.Module, fn *analyzer.Function, h *analyzer.Handler, calls []*pyast.Node) bool {
	if resolvedNameOf(m, h.Kwarg("response_class")) == "fastapi.responses.RedirectResponse" {
		return true
	}
	chosen := false
	walkBodyNoNested(fn, func(n *pyast.Node) {
		if l := n.ChildByField("left"); n.Kind == "assignment" && l.Is("attribute") && l.ChildByField("attribute").Text() == "status_code" {
			chosen = true
		}
	})
	if chosen {
		return true
	}
	for _, c := range calls {
		if c.Ancestor("raise_statement") != nil {
			continue
		}
		q := calledName(m, c)
		if q == "fastapi.HTTPException" {
			continue
		}
		if code, explicit, known := responseStatus(m, fn, c); explicit || (known && code != 200) {
			return true
		}
		if _, _, ok := responseCall(m, c); ok && pyast.HasDictSplat(c) {
			return true
		}
		if pyast.Kwarg(c, "status_code") != nil {
			return true // TemplateResponse(..., status_code=...) and custom responses
		}
	}
	return false
}

// resolvedNameOf resolves a name expression (not a call).
func resolvedNameOf(m *analyzer.Module, n *pyast.Node) string {
	if n == nil {
		return ""
	}
	return m.Resolve(n)
}

// creationCall returns a label of the first call in the handler that
// creates a resource for sure (without needing a session kind), or "".
func creationCall(pass *analyzer.Pass, fn *analyzer.Function, calls []*pyast.Node) string {
	m := pass.Module
	for _, c := range calls {
		recv, meth := methodCall(c)
		callee := pyast.Callee(c)
		switch {
		case (meth == "add" || meth == "add_all") && committedAfter(calls, recv.Text(), c):
			return calleeLabel(c)
		case sqlInsertNames[calledName(m, c)]:
			return calleeLabel(c)
		case meth == "insert" && pyast.Arg(c, 0) == nil && !pyast.HasDictSplat(c):
			// Table.insert(), Document.insert(); list.insert needs two arguments.
			return calleeLabel(c)
		case meth == "insert_one" || meth == "insert_many" || meth == "bulk_create":
			return calleeLabel(c)
		case meth == "create" && recv.Is("attribute") && recv.ChildByField("attribute").Text() == "objects":
			return calleeLabel(c) // Model.objects.create (Django, ormar)
		}
		name := meth
		if callee.Is("identifier") {
			name = callee.Text()
		}
		if !serviceCreateName(name) {
			continue
		}
		if libraryCallee(m, fn, callee) {
			continue
		}
		if callee.Is("identifier") && m.Resolve(callee) == "" {
			continue // a local callable we cannot see
		}
		if name == "create" && callee.Is("attribute") && !projectRoot(m, fn, callee) {
			continue
		}
		return calleeLabel(c)
	}
	return ""
}

// committedAfter reports whether `<recv>.commit()` is called after call.
func committedAfter(calls []*pyast.Node, recv string, call *pyast.Node) bool {
	if recv == "" {
		return false
	}
	for _, c := range calls {
		if r, meth := methodCall(c); meth == "commit" && r.Text() == recv && c.StartByte > call.StartByte {
			return true
		}
	}
	return false
}

// serviceCreateName reports whether a function or method name says it
// creates a resource: create, create_*, insert_*, add_*, register_*.
func serviceCreateName(name string) bool {
	if name == "create" {
		return true
	}
	for _, pfx := range []string{"create_", "insert_", "add_", "register_"} {
		if rest, ok := strings.CutPrefix(name, pfx); ok && rest != "" {
			return !hasWord(rest, notResourceWords...)
		}
	}
	return false
}

// libraryCallee reports whether the callee belongs to a library: resolved
// through an import of a library, or called on a value that a library built
// (a module-level `client = OpenAI()`, a parameter annotated with a library
// type, a local assigned from a library call).
func libraryCallee(m *analyzer.Module, fn *analyzer.Function, callee *pyast.Node) bool {
	root := leftmostIdent(callee)
	if root == nil {
		return false
	}
	name := root.Text()
	if nameBoundIn(fn, name) {
		if p := fn.Param(name); p != nil {
			return isLibraryQualName(m.Resolve(p.Annotation))
		}
		lib := false
		walkBodyNoNested(fn, func(n *pyast.Node) {
			var value *pyast.Node
			switch n.Kind {
			case "assignment": // x = lib.Thing() / x = await lib.make()
				if l := n.ChildByField("left"); l.Is("identifier") && l.Text() == name {
					value = n.ChildByField("right")
				}
			case "as_pattern": // with lib.Thing() as x / async with asyncio.TaskGroup() as tg
				if n.ChildByField("alias").Text() == name {
					value = n.NamedChild(0)
				}
			}
			value = pyast.Unparen(value)
			if value.Is("await") {
				value = pyast.Unparen(value.NamedChild(0))
			}
			if value.Is("call") && isLibraryQualName(calledName(m, value)) {
				lib = true
			}
		})
		return lib
	}
	if q, ok := m.Imports[name]; ok {
		return isLibraryQualName(q)
	}
	if v, ok := m.Vars[name]; ok && v != nil {
		if v = pyast.Unparen(v); v.Is("call") {
			return isLibraryQualName(calledName(m, v))
		}
	}
	return false
}

// projectRoot reports whether a bare `.create()` is called on something of
// the project: an imported project module or object, or a module-level
// class, function or object built by project code.
func projectRoot(m *analyzer.Module, fn *analyzer.Function, callee *pyast.Node) bool {
	root := leftmostIdent(callee)
	if root == nil || !callee.Is("attribute") || nameBoundIn(fn, root.Text()) {
		return false
	}
	name := root.Text()
	if q, ok := m.Imports[name]; ok {
		return !isLibraryQualName(q)
	}
	if _, ok := m.Defs[name]; ok {
		return true
	}
	for _, c := range m.Classes {
		if c.Name == name && c.Node.Parent.Ancestor("function_definition", "class_definition") == nil {
			return true
		}
	}
	if v, ok := m.Vars[name]; ok && v != nil {
		if v = pyast.Unparen(v); v.Is("call") {
			q := calledName(m, v)
			return q != "" && !isLibraryQualName(q)
		}
	}
	return false
}

// leftmostIdent returns the leftmost identifier of an attribute chain.
func leftmostIdent(n *pyast.Node) *pyast.Node {
	for {
		n = pyast.Unparen(n)
		switch n.Type() {
		case "identifier":
			return n
		case "attribute":
			n = n.ChildByField("object")
		case "call":
			n = pyast.Callee(n)
		case "subscript":
			n = n.ChildByField("value")
		default:
			return nil
		}
	}
}

// calleeLabel names a call in messages: "db.add()", "crud.create_user()".
func calleeLabel(call *pyast.Node) string {
	callee := pyast.Callee(call)
	if d := pyast.DottedName(callee); d != "" {
		return d + "()"
	}
	if callee.Is("attribute") {
		return "..." + callee.ChildByField("attribute").Text() + "()"
	}
	return strings.Join(strings.Fields(callee.Text()), "") + "()"
}

// libraryPackages are top-level packages of the standard library and of
// third-party libraries common in FastAPI services: their create_*/add_*
// functions make clients, tasks and tokens, not the app's resources.
var libraryPackages = map[string]bool{
	"builtins": true, "asyncio": true, "os": true, "sys": true, "io": true, "json": true, "time": true, "datetime": true,
	"uuid": true, "secrets": true, "hashlib": true, "hmac": true, "base64": true, "logging": true, "pathlib": true,
	"shutil": true, "tempfile": true, "subprocess": true, "threading": true, "concurrent": true, "multiprocessing": true,
	"email": true, "smtplib": true, "ssl": true, "socket": true, "http": true, "urllib": true, "contextlib": true,
	"functools": true, "itertools": true, "collections": true, "typing": true, "sqlite3": true, "zipfile": true,
	"tarfile": true, "csv": true, "re": true, "random": true, "string": true, "signal": true, "sched": true,
	"fastapi": true, "starlette": true, "pydantic": true, "pydantic_settings": true, "sqlalchemy": true,
	"sqlmodel": true, "alembic": true, "jwt": true, "jose": true, "passlib": true, "bcrypt": true, "argon2": true,
	"cryptography": true, "itsdangerous": true, "authlib": true, "oauthlib": true, "pyotp": true, "httpx": true,
	"requests": true, "aiohttp": true, "urllib3": true, "redis": true, "aioredis": true, "celery": true, "rq": true,
	"dramatiq": true, "arq": true, "apscheduler": true, "boto3": true, "botocore": true, "aioboto3": true,
	"aiobotocore": true, "google": true, "azure": true, "firebase_admin": true, "stripe": true, "openai": true,
	"anthropic": true, "langchain": true, "langchain_core": true, "langchain_openai": true, "llama_index": true,
	"motor": true, "pymongo": true, "beanie": true, "odmantic": true, "tortoise": true, "databases": true,
	"asyncpg": true, "psycopg": true, "psycopg2": true, "aiomysql": true, "pymysql": true, "aiosqlite": true,
	"elasticsearch": true, "minio": true, "pika": true, "aio_pika": true, "aiokafka": true, "kafka": true,
	"nats": true, "sentry_sdk": true, "prometheus_client": true, "opentelemetry": true, "structlog": true,
	"loguru": true, "jinja2": true, "aiosmtplib": true, "fastapi_mail": true, "sendgrid": true, "twilio": true,
	"slack_sdk": true, "PIL": true, "cv2": true, "numpy": true, "pandas": true, "torch": true, "docker": true,
	"kubernetes": true, "paramiko": true, "qrcode": true, "uvicorn": true, "gunicorn": true, "anyio": true,
	"slowapi": true, "fastapi_users": true, "supabase": true, "pusher": true, "mailchimp3": true, "fastapi_limiter": true, "fastapi_cache": true,
}

func isLibraryQualName(q string) bool {
	if q == "" {
		return false
	}
	top, _, _ := strings.Cut(q, ".")
	return libraryPackages[top]
}
