package rules

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA211 = register(&analyzer.Rule{
	Code: "FA211", Name: "sensitive-field-exposure", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", Since: "0.1.0", SecuritySeverity: 7.5, CWE: []string{"CWE-200"},
	Summary: "A handler sends password hashes, secrets or stored tokens to the client: an ORM object or dict returned without a filtering response model, or a response model that declares them.",
	Doc: analyzer.Doc{
		What: "Reports, in a path operation, a returned value that carries a password, secret or stored token field:\n\n" +
			"- an ORM object (or a list of them) when the route has no response model to filter it (no `response_model=`, " +
			"`response_model=None`, or a return annotation such as `dict`/`Any`). The object's model is known from a constructor call " +
			"(`User(...)`), a parameter annotated with the model (`current_user: User = Depends(...)`), a query (`db.query(User)...first()`, " +
			"`.all()`, `session.get(User, id)`, `(await session.execute(select(User))).scalars().first()`, `session.scalars(select(User))`), " +
			"or a function annotated to return it; the model may be a SQLAlchemy declarative class (classic `Column` or 2.0 `Mapped`) or a " +
			"SQLModel table in another module;\n" +
			"- a dict literal with a `password`/`hashed_password`-like key, or a `secret`/`token`-like key whose value is read from an object " +
			"(`user.reset_token`);\n" +
			"- whatever the handler returns when its response model (`response_model=X` or `-> X`, also inside `list[X]`/`Optional[X]`, and " +
			"through nested models) itself declares such a field;\n" +
			"- the `content` of a returned `JSONResponse`, which bypasses the response model.\n\n" +
			"Sensitive names are matched by words: `password`, `hashed_password`, `password_hash`, `passwd`; `secret`, `client_secret`, " +
			"`secret_key`, `api_key`, `private_key`; `token`, `reset_token`, `api_token`. Issued credentials (`access_token`, `refresh_token`, " +
			"`id_token`, `token_type`) are never sensitive, and secret/token fields are not reported on POST routes, which issue them once on purpose.",
		Why: "FastAPI serialises a returned ORM object or dict with every attribute it holds when nothing filters it: password hashes, " +
			"reset tokens and API secrets end up in responses, browser caches and logs (CWE-200). A hash is enough for offline cracking, " +
			"and a reset or API token is a direct account takeover. A response model that declares the field sends it just the same.",
		Example: "@router.get(\"/users/{user_id}\")\ndef read_user(user_id: int, db: Session = Depends(get_db)):\n" +
			"    return db.get(User, user_id)  # includes hashed_password\n",
		UseInstead: "class UserOut(BaseModel):\n    model_config = ConfigDict(from_attributes=True)\n    id: int\n    email: str\n\n" +
			"@router.get(\"/users/{user_id}\", response_model=UserOut)\ndef read_user(user_id: int, db: Session = Depends(get_db)):\n" +
			"    return db.get(User, user_id)\n",
		Limits: "Objects whose model cannot be inferred (returned by helpers without a return annotation, attributes of other objects) are not " +
			"reported. A response model (or return annotation) that cannot be resolved — a library class, a string forward reference — is " +
			"trusted to filter. `response_model_include`/`response_model_exclude` silence the handler. Pydantic `Field(exclude=True)` on a " +
			"response model field is not read, so such a field still counts as declared; `SecretStr`/`SecretBytes` fields are masked and not " +
			"reported. Columns declared with `deferred(...)` are not loaded by default and are not reported.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/200.html",
			"https://fastapi.tiangolo.com/tutorial/response-model/",
			"https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/",
		},
	},
	CheckModule: checkSensitiveFieldExposure,
})

// fa211Sensitive classifies a field or key name: "password", "secret",
// "token" or "" when it is not sensitive.
func fa211Sensitive(name string) string {
	words := fa211Words(name)
	if len(words) == 0 {
		return ""
	}
	last := words[len(words)-1]
	switch words[0] {
	case "is", "has", "requires", "require", "uses", "use", "show", "needs", "need", "must", "should", "force", "forced",
		"can", "allow", "allowed", "enable", "enabled":
		return "" // flags and actions about the secret (needs_to_change_password), not the secret
	}
	has := func(ws ...string) bool {
		for _, w := range words {
			for _, x := range ws {
				if w == x {
					return true
				}
			}
		}
		return false
	}
	switch {
	case has("password", "passwd", "pwd", "passphrase") &&
		(last == "password" || last == "passwd" || last == "pwd" || last == "passphrase" || last == "hash" || last == "hashed" || last == "digest"):
		return "password"
	case last == "secret" || has("secret") && last == "key":
		return "secret"
	case last == "key" && len(words) >= 2 && (words[len(words)-2] == "api" || words[len(words)-2] == "private"),
		last == "apikey":
		return "secret"
	case last == "token":
		if len(words) == 2 && (words[0] == "access" || words[0] == "refresh" || words[0] == "id") {
			return ""
		}
		for _, w := range words[:len(words)-1] {
			if fa211TokenNotSecret[w] || secretNotQualifiers[w] {
				return "" // time_to_first_token, next_page_token
			}
		}
		return "token"
	}
	return ""
}

// fa211TokenNotSecret are words that make a `*_token` name a measurement of
// LLM output (time_to_first_token, ms_per_token) rather than a credential.
var fa211TokenNotSecret = map[string]bool{
	"time": true, "latency": true, "ms": true, "seconds": true, "duration": true, "per": true,
	"count": true, "num": true, "max": true, "min": true,
}

var fa211CamelRE = regexp.MustCompile(`([a-z0-9])([A-Z])`)

// fa211Words splits snake_case and camelCase into lower-case words.
func fa211Words(name string) []string {
	name = strings.ToLower(fa211CamelRE.ReplaceAllString(strings.TrimLeft(name, "_"), "${1}_${2}"))
	return strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' || r == ' ' })
}

// fa211Exempt reports whether a sensitive class is expected in the handler's
// response: secrets and tokens issued by a POST route.
func fa211Exempt(class string, post bool) bool { return class != "password" && post }

// fa211Masked reports whether an annotation serialises masked (SecretStr).
func fa211Masked(ann string) bool {
	return strings.Contains(ann, "SecretStr") || strings.Contains(ann, "SecretBytes")
}

// fa211Response is what a route's response model does to its output.
type fa211Response struct {
	unfiltered bool     // nothing filters the returned value
	models     []string // classes named by the response model, to check for declared sensitive fields
}

var (
	// fa211Wrappers are generic containers around a response model.
	fa211Wrappers = map[string]bool{
		"builtins.list": true, "builtins.tuple": true, "builtins.set": true, "typing.List": true, "typing.Optional": true,
		"typing.Union": true, "typing.Sequence": true, "typing.Tuple": true, "typing.Set": true, "typing.Iterable": true,
		"typing.FrozenSet": true, "collections.abc.Sequence": true, "collections.abc.Iterable": true, "typing.Annotated": true,
		"typing_extensions.Annotated": true,
	}
	// fa211Unfiltered are response types that let any content through.
	fa211Unfiltered = map[string]bool{
		"builtins.dict": true, "typing.Dict": true, "typing.Any": true, "builtins.object": true, "typing.Mapping": true,
		"collections.abc.Mapping": true, "typing.MutableMapping": true, "fastapi.Response": true,
	}
)

func fa211ResponseOf(m *analyzer.Module, fn *analyzer.Function) (fa211Response, bool) {
	h := fn.Handler
	if h.Kwarg("response_model_include") != nil || h.Kwarg("response_model_exclude") != nil {
		return fa211Response{}, false
	}
	expr := h.Kwarg("response_model")
	switch {
	case expr.Is("none"):
		return fa211Response{unfiltered: true}, true
	case expr == nil && fn.Returns == nil:
		return fa211Response{unfiltered: true}, true
	case expr == nil:
		expr = fn.Returns
	}
	var r fa211Response
	opaque, unfiltered := false, false
	expr.Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "identifier", "attribute":
			q := m.Resolve(n)
			switch {
			case q == "":
				opaque = true
			case fa211Wrappers[q]:
			case fa211Unfiltered[q] || strings.HasPrefix(q, "fastapi.responses."):
				unfiltered = true
			default:
				r.models = append(r.models, q)
			}
			return false
		case "string", "none", "integer":
			opaque = true
			return false
		}
		return true
	})
	r.unfiltered = unfiltered || !opaque && len(r.models) == 0
	return r, true
}

// fa211ResponseClasses build a Response whose content skips the response model.
var fa211ResponseClasses = map[string]bool{
	"fastapi.responses.JSONResponse": true, "fastapi.responses.ORJSONResponse": true, "fastapi.responses.UJSONResponse": true,
}

func checkSensitiveFieldExposure(pass *analyzer.Pass) {
	m := pass.Module
	for _, fn := range m.Functions {
		if fn.Handler == nil || pass.IsTest() {
			continue
		}
		post, websocket := false, false
		for _, meth := range fn.Handler.Methods {
			post = post || meth == "POST"
			websocket = websocket || meth == "WEBSOCKET"
		}
		if websocket {
			continue // no HTTP response
		}
		resp, ok := fa211ResponseOf(m, fn)
		if !ok {
			continue
		}
		declaredChecked := false
		fa211Returns(fn, func(val *pyast.Node) {
			if call := pyast.Unparen(val); call.Is("call") && fa211ResponseClasses[calledName(m, call)] {
				content := pyast.Kwarg(call, "content")
				if content == nil {
					content = pyast.Arg(call, 0)
				}
				fa211Payload(pass, fn, content, post, "returns a JSONResponse whose content carries")
				return
			}
			if call := pyast.Unparen(val); call.Is("call") && strings.HasPrefix(calledName(m, call), "fastapi.") &&
				(strings.HasPrefix(calledName(m, call), "fastapi.responses.") || calledName(m, call) == "fastapi.Response") {
				return
			}
			if resp.unfiltered {
				fa211Payload(pass, fn, val, post, "returns")
			}
			if len(resp.models) > 0 && !declaredChecked {
				declaredChecked = true
				models, name := resp.models, fn.Name
				pass.ReportWhen(val, func(p *analyzer.Project) string {
					for _, q := range models {
						if c := p.Class(q); c != nil {
							if path := fa211DeclaredOnce(p, c.Name, post); path != "" {
								return fmt.Sprintf("the response model of handler %s declares `%s`, so it is sent to every client; remove the field from the response schema (keep it on the ORM model and on input schemas only)",
									name, path)
							}
						}
					}
					return ""
				})
			}
		})
	}
}

// fa211Returns calls visit with the value of every `return <value>` in fn's
// own body (not None).
func fa211Returns(fn *analyzer.Function, visit func(*pyast.Node)) {
	fn.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "return_statement":
			if v := n.NamedChild(0); v != nil && !pyast.Unparen(v).Is("none") {
				visit(v)
			}
			return false
		}
		return true
	})
}

// fa211DeclaredOnce is fa211Declared from the top, computed once per
// project and model: many routes return the same model.
func fa211DeclaredOnce(p *analyzer.Project, q string, post bool) string {
	return p.Memo(fmt.Sprintf("fa211.declared:%t:%s", post, q), func() any {
		return fa211Declared(p, q, post, 0, map[string]bool{})
	}).(string)
}

// fa211Declared returns "Model.field" (through nested models: "TeamOut.owner
// → UserWithSecret.hashed_password") when a response model class declares a
// sensitive field; "" otherwise.
func fa211Declared(p *analyzer.Project, q string, post bool, depth int, seen map[string]bool) string {
	if depth > 3 || seen[q] {
		return ""
	}
	seen[q] = true
	fields := p.ModelFields(q)
	for _, f := range fields {
		if analyzer.IsRelationshipCall(f.Call) {
			continue // SQLModel leaves relationships out of its fields
		}
		if cls := fa211Sensitive(f.Name); cls != "" && !fa211Exempt(cls, post) && !fa211Masked(f.Annotation) {
			return analyzer.LastPart(q) + "." + f.Name
		}
	}
	for _, f := range fields {
		if analyzer.IsRelationshipCall(f.Call) {
			continue
		}
		for _, t := range p.FieldTypes(f) {
			if t == q || !p.IsPydanticModel(t) {
				continue
			}
			if path := fa211Declared(p, t, post, depth+1, seen); path != "" {
				return analyzer.LastPart(q) + "." + f.Name + " → " + path
			}
		}
	}
	return ""
}

// fa211Payload checks a value sent to the client as is.
func fa211Payload(pass *analyzer.Pass, fn *analyzer.Function, val *pyast.Node, post bool, verb string) {
	m := pass.Module
	val = pyast.Unparen(val)
	switch val.Type() {
	case "":
		return
	case "conditional_expression":
		for _, c := range val.NamedChildren() {
			if c != val.NamedChild(1) { // skip the condition
				fa211Payload(pass, fn, c, post, verb)
			}
		}
		return
	case "dictionary":
		var keys []string
		for _, pair := range val.NamedChildren() {
			if !pair.Is("pair") {
				continue
			}
			key, ok := pyast.StringValue(pair.ChildByField("key"))
			value := pyast.Unparen(pair.ChildByField("value"))
			if ok {
				cls := fa211Sensitive(key)
				switch {
				case cls == "" || pyast.IsLiteral(value) || fa211Exempt(cls, post):
				case cls == "password" || value.Is("attribute"):
					keys = append(keys, "`"+key+"`")
				}
			}
			fa211Object(pass, fn, value, post, verb+" a dict holding")
		}
		if len(keys) > 0 {
			pass.Report(val, "handler %s %s a dict with %s, which is sent to the client as is; drop the key (or return a response model without it)",
				fn.Name, verb, strings.Join(keys, ", "))
		}
		return
	case "call":
		// jsonable_encoder(user), vars(user), dict(user) serialise the object.
		switch calledName(m, val) {
		case "fastapi.encoders.jsonable_encoder", "builtins.vars":
			fa211Object(pass, fn, pyast.Arg(val, 0), post, verb)
			return
		}
	case "attribute":
		if val.ChildByField("attribute").Text() == "__dict__" {
			fa211Object(pass, fn, val.ChildByField("object"), post, verb)
			return
		}
	}
	fa211Object(pass, fn, val, post, verb)
}

// fa211Object reports an ORM object (or list of them) sent to the client with
// its sensitive columns.
func fa211Object(pass *analyzer.Pass, fn *analyzer.Function, val *pyast.Node, post bool, verb string) {
	v := queryValueOf(pass, fn, val, 0)
	if v.state != qObject && v.state != qList || len(v.path) > 0 {
		return
	}
	model, kind, list, name := v.model, v.kind, v.state == qList, fn.Name
	pass.ReportWhen(val, func(p *analyzer.Project) string {
		c := p.Class(model)
		if c == nil {
			c = p.Class(p.Resolve(kind).Type())
		}
		if c == nil || !p.IsORMModel(c.Name) {
			return ""
		}
		var fields []string
		for _, f := range p.ModelFields(c.Name) {
			if analyzer.IsRelationshipCall(f.Call) || strings.HasSuffix(f.Call, ".deferred") || fa211Masked(f.Annotation) {
				continue
			}
			if cls := fa211Sensitive(f.Name); cls != "" && !fa211Exempt(cls, post) {
				fields = append(fields, "`"+f.Name+"`")
			}
		}
		if len(fields) == 0 {
			return ""
		}
		what := "the `" + analyzer.LastPart(c.Name) + "` ORM object"
		if list {
			what = "`" + analyzer.LastPart(c.Name) + "` ORM objects"
		}
		noun, them := "field is", "it"
		if len(fields) > 1 {
			noun, them = "fields are", "them"
		}
		return fmt.Sprintf("handler %s %s %s with no response model to filter it, so its %s %s sent to the client; declare `response_model=` (or a return annotation) with a schema that leaves %s out",
			name, verb, what, strings.Join(fields, ", "), noun, them)
	})
}
