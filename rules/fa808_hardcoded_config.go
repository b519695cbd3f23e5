package rules

import (
	"fmt"
	"net"
	"regexp"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA808 = register(&analyzer.Rule{
	Code: "FA808", Name: "hardcoded-config", Principle: analyzer.PrincipleProduction, Severity: analyzer.SeverityNote,
	Precision: "medium", Since: "0.1.0",
	Summary: "Environment-specific configuration (database/broker URLs, hosts, ports, CORS origins) is written in the code.",
	Doc: analyzer.Doc{
		What: "Reports configuration literals that change from one environment to the next, in application code:\n\n" +
			"- database and broker URLs without a password (`postgresql://localhost/app`, `redis://localhost:6379/0`, " +
			"`sqlite:///./app.db`, `amqp://rabbitmq//`) and URLs of local or private hosts (`http://localhost:8001`, " +
			"`http://10.0.0.5/api`) assigned to an UPPER_CASE constant (module level or a plain config class) or passed to " +
			"`create_engine`/`create_async_engine`, `redis.from_url`, `Celery(broker=..., backend=...)`, `databases.Database`, " +
			"`MongoClient`, `asyncpg`/`psycopg` connects, `aio_pika.connect`;\n" +
			"- hosts that are IP addresses or local names (`localhost`, `127.0.0.1`, `0.0.0.0`, `*.local`, `*.internal`) and port " +
			"numbers passed as `host=`/`port=` to `redis.Redis`, `uvicorn.run`/`uvicorn.Config` and database drivers' " +
			"`connect`, or assigned to constants named `*_HOST`/`*_SERVER`/`*_PORT`;\n" +
			"- absolute `http(s)://` URLs of the services the application calls, assigned to constants named `*_URL`/`*_URI`/" +
			"`*_ENDPOINT`/`*_API*` (`EXCHANGE_API_URL = \"https://api.exchangerate.host/latest\"`), except links for people " +
			"(`DOCS_URL`, `LICENSE_URL`, `LOGO_URL`, `TERMS_URL`, ...);\n" +
			"- CORS allowed-origins lists of URLs (`allow_origins=[\"http://localhost:3000\"]` on `CORSMiddleware`) and constants " +
			"named `*_ORIGINS`/`CORS_*`/`ALLOWED_HOSTS`.\n\n" +
			"A sink argument that is a module-level variable of the same module is followed to its literal, which is reported.",
		Why: "The same code runs in development, CI, staging and production; only configuration differs (twelve-factor). A URL, host " +
			"or origin written in the code must be edited (and the image rebuilt) to deploy elsewhere, tends to leak the " +
			"development value into production (an app that silently talks to `localhost` or a SQLite file, CORS that only " +
			"allows the developer's front end), and scatters settings that operators cannot see or override.",
		Example: "DATABASE_URL = \"postgresql://db.internal:5432/app\"\nengine = create_engine(DATABASE_URL)\n" +
			"cache = redis.Redis(host=\"localhost\", port=6379)\n" +
			"app.add_middleware(CORSMiddleware, allow_origins=[\"http://localhost:3000\"])\n",
		UseInstead: "from pydantic_settings import BaseSettings\n\nclass Settings(BaseSettings):\n" +
			"    database_url: str = \"postgresql://localhost/app\"  # defaults here are fine: overridable by env\n" +
			"    redis_url: str = \"redis://localhost:6379/0\"\n    cors_origins: list[str] = []\n\nsettings = Settings()\n" +
			"engine = create_engine(settings.database_url)\ncache = redis.Redis.from_url(settings.redis_url)\n" +
			"app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins)\n",
		Limits: "URLs with an embedded password are FA201's (hard-coded secret) and are not reported twice. Silent on test code (test files, " +
			"modules importing `pytest`/`TestClient`), " +
			"`if __name__ == \"__main__\":` blocks and scripts (see FA806), on defaults of pydantic `BaseSettings` fields (and of " +
			"any class that is not a plain class: pydantic models, classes whose bases are unknown), on fallbacks of " +
			"`os.getenv(\"X\", \"default\")` (the value comes from the environment), and on in-memory SQLite (`sqlite://`, " +
			"`sqlite:///:memory:`). Public service URLs are only reported in constants named like URLs, not at call sites " +
			"(`httpx.get(\"https://api.stripe.com/v1/...\")` is not reported), and host names that are neither IP addresses nor " +
			"local names (a docker-compose service name such as `redis`) are not reported. Literals reach sinks only directly or " +
			"through a module-level variable of the same module. A module constant that the module also assigns a computed " +
			"value (`if \"X\" in os.environ: X = os.environ[\"X\"]`) is a default with an override and is not reported.",
		References: []string{
			"https://12factor.net/config",
			"https://fastapi.tiangolo.com/advanced/settings/",
			"https://docs.pydantic.dev/latest/concepts/pydantic_settings/",
		},
	},
	CheckModule: checkHardcodedConfig,
})

// prodDBSchemes are URL schemes of databases and brokers.
var prodDBSchemes = map[string]string{
	"postgresql": "database", "postgres": "database", "pgsql": "database", "mysql": "database", "mariadb": "database",
	"mssql": "database", "oracle": "database", "cockroachdb": "database", "mongodb": "database", "clickhouse": "database",
	"timescaledb": "database", "sqlite": "database", "duckdb": "database", "snowflake": "database",
	"redis": "broker", "rediss": "broker", "valkey": "broker", "amqp": "broker", "amqps": "broker", "pyamqp": "broker",
	"kafka": "broker", "nats": "broker", "memcached": "broker", "sqs": "broker",
}

var prodSchemeRE = regexp.MustCompile(`^([A-Za-z][A-Za-z0-9+.\-]*)://`)

// prodConfigURL says whether v is an environment-specific URL without a
// password, and what it is ("database URL", "URL of local host `localhost`").
func prodConfigURL(v string) (string, bool) {
	m := prodSchemeRE.FindStringSubmatch(v)
	if m == nil {
		return "", false
	}
	scheme := strings.ToLower(m[1])
	base, _, _ := strings.Cut(scheme, "+")
	rest := v[len(m[0]):]
	authority := rest
	if i := strings.IndexAny(authority, "/?#"); i >= 0 {
		authority = authority[:i]
	}
	host := authority
	if at := strings.LastIndexByte(authority, '@'); at >= 0 {
		if _, pw, has := strings.Cut(authority[:at], ":"); has && pw != "" {
			return "", false // a password: FA201 reports it
		}
		host = authority[at+1:]
	}
	host = prodStripPort(host)
	if kind, ok := prodDBSchemes[base]; ok {
		if base == "sqlite" || base == "duckdb" {
			if strings.Trim(rest, "/") == "" || strings.Contains(rest, ":memory:") {
				return "", false
			}
			return "SQLite database path", true
		}
		if strings.Contains(host, "{") || strings.Contains(host, "$") {
			return "", false // a template
		}
		return kind + " URL", true
	}
	if prodLocalHost(host) {
		return "local URL", true
	}
	return "", false
}

// prodStripPort removes a :port suffix (and IPv6 brackets) from a host.
func prodStripPort(h string) string {
	if strings.HasPrefix(h, "[") {
		if i := strings.IndexByte(h, ']'); i > 0 {
			return h[1:i]
		}
		return h
	}
	if i := strings.LastIndexByte(h, ':'); i >= 0 && strings.Count(h, ":") == 1 {
		return h[:i]
	}
	return h
}

// prodLocalHost reports whether h is an IP address or a local/private host name.
func prodLocalHost(h string) bool {
	h = strings.ToLower(strings.TrimSuffix(h, "."))
	if h == "" {
		return false
	}
	if net.ParseIP(h) != nil {
		return true
	}
	if h == "localhost" || h == "host.docker.internal" {
		return true
	}
	for _, suf := range []string{".localhost", ".local", ".internal", ".lan", ".localdomain"} {
		if strings.HasSuffix(h, suf) {
			return true
		}
	}
	return false
}

// prodURLSink describes where a library call takes a URL.
type prodURLSink struct {
	positional bool // the first positional argument
	kwargs     []string
}

var prodURLSinks = map[string]prodURLSink{
	"databases.Database":                     {true, []string{"url"}},
	"pymongo.MongoClient":                    {true, []string{"host"}},
	"motor.motor_asyncio.AsyncIOMotorClient": {true, []string{"host"}},
	"redis.from_url":                         {true, []string{"url"}},
	"redis.Redis.from_url":                   {true, []string{"url"}},
	"redis.StrictRedis.from_url":             {true, []string{"url"}},
	"redis.asyncio.from_url":                 {true, []string{"url"}},
	"redis.asyncio.Redis.from_url":           {true, []string{"url"}},
	"celery.Celery":                          {false, []string{"broker", "backend"}},
	"asyncpg.connect":                        {true, []string{"dsn"}},
	"asyncpg.create_pool":                    {true, []string{"dsn"}},
	"psycopg2.connect":                       {true, []string{"dsn"}},
	"psycopg.connect":                        {true, []string{"conninfo"}},
	"psycopg.AsyncConnection.connect":        {true, []string{"conninfo"}},
	"psycopg_pool.ConnectionPool":            {true, []string{"conninfo"}},
	"psycopg_pool.AsyncConnectionPool":       {true, []string{"conninfo"}},
	"aio_pika.connect":                       {true, []string{"url"}},
	"aio_pika.connect_robust":                {true, []string{"url"}},
	"sqlalchemy.engine.url.make_url":         {true, []string{"name_or_url"}},
	"sqlalchemy.make_url":                    {true, []string{"name_or_url"}},
	"sqlalchemy.engine.make_url":             {true, []string{"name_or_url"}},
}

// prodHostSinks take host= and port= arguments.
var prodHostSinks = map[string]bool{
	"redis.Redis": true, "redis.StrictRedis": true, "redis.asyncio.Redis": true, "redis.asyncio.StrictRedis": true,
	"uvicorn.run": true, "uvicorn.main.run": true, "uvicorn.Config": true, "uvicorn.config.Config": true,
	"psycopg2.connect": true, "asyncpg.connect": true, "asyncpg.create_pool": true, "pymysql.connect": true,
	"aiomysql.connect": true, "aiomysql.create_pool": true, "pymongo.MongoClient": true,
	"motor.motor_asyncio.AsyncIOMotorClient": true,
}

// prodCORSMiddleware is the canonical name of the CORS middleware class.
const prodCORSMiddleware = "fastapi.middleware.cors.CORSMiddleware"

var prodUpperName = regexp.MustCompile(`^_?[A-Z][A-Z0-9_]*$`)

// prodServiceURLRE matches an absolute http(s)/ws(s) URL with a host.
var prodServiceURLRE = regexp.MustCompile(`^(?i)(https?|wss?)://[^/\s{}$]+`)

// prodNotServiceWords mark URL constants that are links for people (docs,
// images, legal pages), not endpoints the application talks to.
var prodNotServiceWords = []string{
	"docs", "doc", "documentation", "license", "terms", "tos", "privacy", "logo", "image", "img", "avatar", "icon",
	"help", "homepage", "home", "website", "repo", "repository", "github", "support", "schema", "redoc", "swagger",
	"openapi", "favicon", "static", "media", "example",
}

func checkHardcodedConfig(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) || isScript(m) {
		return
	}
	done := map[*pyast.Node]bool{}
	report := func(lit *pyast.Node, format string, args ...any) {
		if !done[lit] {
			done[lit] = true
			pass.Report(lit, format, args...)
		}
	}
	// A module-level name also assigned a computed value (`X = "..."` then
	// `X = os.environ["X"]` under a condition) is a default with an override.
	overridden := map[string]bool{}
	for _, a := range m.Nodes("assignment") {
		if left := a.ChildByField("left"); left.Is("identifier") && a.Ancestor("function_definition", "class_definition", "lambda") == nil {
			if r := a.ChildByField("right"); r != nil && !pyast.IsLiteral(r) {
				overridden[left.Text()] = true
			}
		}
	}
	// UPPER_CASE constants at module level and in plain config classes.
	for _, a := range m.Nodes("assignment") {
		left := a.ChildByField("left")
		right := pyast.Unparen(a.ChildByField("right"))
		if !left.Is("identifier") || right == nil || !prodUpperName.MatchString(left.Text()) || inMainBlock(a) {
			continue
		}
		owner := a.Ancestor("function_definition", "class_definition", "lambda")
		if owner.Is("function_definition", "lambda") {
			continue
		}
		name := left.Text()
		msg := prodConstantMessage(name, right)
		if msg == "" {
			continue
		}
		if owner == nil {
			if !overridden[name] {
				report(right, "%s", msg)
			}
			continue
		}
		// A class attribute: only plain classes; BaseSettings and pydantic defaults are configuration.
		cls := prodClassOf(m, owner)
		if cls == nil {
			continue
		}
		plain, pending := prodPlainClass(m, cls, 0)
		switch {
		case plain:
			report(right, "%s", msg)
		case len(pending) > 0 && !done[right]:
			done[right] = true
			pass.ReportWhen(right, func(p *analyzer.Project) string {
				for _, b := range pending {
					if !prodPlainProjectClass(p, b, 0) {
						return ""
					}
				}
				return msg
			})
		}
	}
	// Sinks: library calls that take URLs, hosts, ports and origins.
	for _, call := range m.Nodes("call") {
		if inMainBlock(call) {
			continue
		}
		fn := m.EnclosingFunction(call)
		q := calledName(m, call)
		if prodEngineFactories[q] {
			q = "sqlalchemy.create_engine"
		}
		sink, isURLSink := prodURLSinks[q]
		if q == "sqlalchemy.create_engine" {
			sink, isURLSink = prodURLSink{true, []string{"url"}}, true
		}
		if isURLSink {
			args := []*pyast.Node{}
			if sink.positional {
				args = append(args, pyast.Arg(call, 0))
			}
			for _, kw := range sink.kwargs {
				args = append(args, pyast.Kwarg(call, kw))
			}
			for _, a := range args {
				lit := prodLiteral(m, fn, a)
				if v, ok := pyast.StringValue(lit); ok {
					if what, ok := prodConfigURL(v); ok {
						report(lit, "hard-coded %s `%s` passed to `%s`; read it from settings or the environment "+
							"(e.g. a `BaseSettings` field) so each environment can set its own", what, prodShort(v), pyast.Callee(call).Text())
					}
				}
			}
		}
		if prodHostSinks[q] {
			for _, kw := range []string{"host", "port"} {
				lit := prodLiteral(m, fn, pyast.Kwarg(call, kw))
				if what, v, ok := prodHostOrPort(kw, lit); ok {
					report(lit, "hard-coded %s `%s` passed to `%s`; read it from settings or the environment so each "+
						"environment can set its own", what, prodShort(v), pyast.Callee(call).Text())
				}
			}
		}
		if prodCallsCORS(m, call) {
			lit := prodLiteral(m, fn, pyast.Kwarg(call, "allow_origins"))
			if prodOriginList(lit) {
				report(lit, "hard-coded CORS origins `%s`; read the allowed origins from settings (e.g. "+
					"`allow_origins=settings.cors_origins`) so each environment allows its own front end", prodListText(lit))
			}
		}
	}
}

// prodConstantMessage returns the finding's message when the constant holds
// environment-specific configuration, "" otherwise.
func prodConstantMessage(name string, v *pyast.Node) string {
	fix := fmt.Sprintf("read it from settings or the environment (e.g. `os.environ[\"%s\"]` or a `BaseSettings` field `%s`)",
		strings.TrimPrefix(name, "_"), strings.ToLower(strings.TrimPrefix(name, "_")))
	if s, ok := pyast.StringValue(v); ok && !pyast.IsFString(v) {
		if what, ok := prodConfigURL(s); ok {
			return fmt.Sprintf("hard-coded %s `%s` in `%s`; %s", what, prodShort(s), name, fix)
		}
	}
	switch {
	case hasWord(name, "url", "uri", "endpoint", "api") && !hasWord(name, prodNotServiceWords...):
		if s, ok := pyast.StringValue(v); ok && !pyast.IsFString(v) && prodServiceURLRE.MatchString(s) {
			return fmt.Sprintf("hard-coded service URL `%s` in `%s`; %s", prodShort(s), name, fix)
		}
	case hasWord(name, "host", "hostname", "server", "addr", "address", "bind"):
		if what, s, ok := prodHostOrPort("host", v); ok {
			return fmt.Sprintf("hard-coded %s `%s` in `%s`; %s", what, prodShort(s), name, fix)
		}
	case hasWord(name, "port"):
		if what, s, ok := prodHostOrPort("port", v); ok {
			return fmt.Sprintf("hard-coded %s `%s` in `%s`; %s", what, s, name, fix)
		}
	// `*_HOSTS` alone also names lists that are no allow-list (DNS servers to
	// probe, peers to ping): only allowed/trusted hosts are origins config.
	case hasWord(name, "origins", "origin", "cors") || hasWord(name, "hosts") && hasWord(name, "allowed", "trusted"):
		if prodOriginList(v) {
			return fmt.Sprintf("hard-coded allowed origins `%s` in `%s`; %s", prodListText(v), name, fix)
		}
	}
	return ""
}

// prodHostOrPort classifies a host= or port= literal: a local/IP host (or a
// URL of one), or a port number.
func prodHostOrPort(kw string, lit *pyast.Node) (what, value string, ok bool) {
	lit = pyast.Unparen(lit)
	if kw == "port" {
		if n, isInt := pyast.IntValue(lit); isInt && n > 0 && n < 65536 {
			return "port", lit.Text(), true
		}
		if s, isStr := pyast.StringValue(lit); isStr && s != "" && strings.Trim(s, "0123456789") == "" {
			return "port", s, true
		}
		return "", "", false
	}
	s, isStr := pyast.StringValue(lit)
	if !isStr || pyast.IsFString(lit) {
		return "", "", false
	}
	if what, ok := prodConfigURL(s); ok {
		return what, s, true
	}
	if prodLocalHost(prodStripPort(s)) {
		return "host", s, true
	}
	return "", "", false
}

// prodOriginList reports whether lit is a list/tuple/set literal of origins
// with at least one URL or local host (a "*" wildcard list is not config).
func prodOriginList(lit *pyast.Node) bool {
	lit = pyast.Unparen(lit)
	if !lit.Is("list", "tuple", "set") {
		return false
	}
	found := false
	for _, c := range lit.NamedChildren() {
		s, ok := pyast.StringValue(c)
		if !ok {
			return false
		}
		if strings.Contains(s, "*") {
			return false
		}
		if prodSchemeRE.MatchString(s) || prodLocalHost(prodStripPort(s)) {
			found = true
		}
	}
	return found
}

// prodCallsCORS reports whether a call passes CORSMiddleware as a positional
// argument: app.add_middleware(CORSMiddleware, ...), Middleware(CORSMiddleware, ...).
func prodCallsCORS(m *analyzer.Module, call *pyast.Node) bool {
	if pyast.Kwarg(call, "allow_origins") == nil {
		return false
	}
	for i := 0; i < 2; i++ {
		if m.Resolve(pyast.Arg(call, i)) == prodCORSMiddleware {
			return true
		}
	}
	return m.Resolve(pyast.Kwarg(call, "middleware_class")) == prodCORSMiddleware || calledName(m, call) == prodCORSMiddleware
}

// prodLiteral returns the literal an argument holds: the argument itself, or
// the value of a module-level variable of this module it names (not
// shadowed in fn). Other expressions come back as they are.
func prodLiteral(m *analyzer.Module, fn *analyzer.Function, arg *pyast.Node) *pyast.Node {
	arg = pyast.Unparen(arg)
	if !arg.Is("identifier") {
		return arg
	}
	if fn != nil && locallyBound(fn, arg.Text()) {
		return arg
	}
	if _, imported := m.Imports[arg.Text()]; imported {
		return arg
	}
	if v, ok := m.Vars[arg.Text()]; ok && v != nil && pyast.IsLiteral(v) {
		return pyast.Unparen(v)
	}
	return arg
}

// prodShort truncates a literal for messages.
func prodShort(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		return s[:57] + "..."
	}
	return s
}

// prodPlainClass tells whether a class is a plain class (not a pydantic model
// or BaseSettings): its bases are builtins, enum, typing, abc or plain classes
// of this module. pending lists bases from other project modules, to check in
// the project phase; plain is false when a base is known not to be plain.
func prodPlainClass(m *analyzer.Module, c *analyzer.Class, depth int) (plain bool, pending []string) {
	if depth > 8 {
		return false, nil
	}
	for _, b := range c.Bases {
		switch {
		case prodPlainBase(b):
			continue
		case b != "" && analyzer.ModuleOf(b) == m.Name:
			var local *analyzer.Class
			for _, lc := range m.Classes {
				if lc.Name == analyzer.LastPart(b) && lc != c {
					local = lc
				}
			}
			if local == nil {
				return false, nil
			}
			p, more := prodPlainClass(m, local, depth+1)
			if !p && len(more) == 0 {
				return false, nil
			}
			pending = append(pending, more...)
		case b != "" && !prodExternalName(b) && !strings.HasPrefix(b, "builtins."):
			pending = append(pending, b) // a project class from another module, maybe
		default:
			return false, nil
		}
	}
	return len(pending) == 0, pending
}

// prodExternalName reports whether q comes from a well-known library whose
// classes are never plain config holders (pydantic, sqlmodel, sqlalchemy...).
func prodExternalName(q string) bool {
	top, _, _ := strings.Cut(q, ".")
	switch top {
	case "pydantic", "pydantic_settings", "pydantic_core", "sqlmodel", "sqlalchemy", "fastapi", "starlette", "dynaconf", "environs":
		return true
	}
	return false
}

// prodPlainBase reports whether a base keeps class attributes plain.
func prodPlainBase(q string) bool {
	return q == "builtins.object" || strings.HasPrefix(q, "enum.") || q == "abc.ABC" || strings.HasPrefix(q, "typing.")
}

// prodPlainProjectClass checks a class of another module through the
// project's class facts; unknown classes are not plain.
func prodPlainProjectClass(p *analyzer.Project, q string, depth int) bool {
	c := p.Class(q)
	if c == nil || depth > 8 {
		return false
	}
	for _, b := range c.Bases {
		if prodPlainBase(b) {
			continue
		}
		if !prodPlainProjectClass(p, b, depth+1) {
			return false
		}
	}
	return true
}

// prodClassOf returns the class of a class_definition node.
func prodClassOf(m *analyzer.Module, def *pyast.Node) *analyzer.Class {
	for _, c := range m.Classes {
		if c.Node == def {
			return c
		}
	}
	return nil
}

// prodListText renders a literal list of strings compactly for messages,
// without the comments and line breaks of its source.
func prodListText(lit *pyast.Node) string {
	var parts []string
	for _, c := range pyast.Unparen(lit).NamedChildren() {
		parts = append(parts, c.Text())
	}
	return prodShort("[" + strings.Join(parts, ", ") + "]")
}
