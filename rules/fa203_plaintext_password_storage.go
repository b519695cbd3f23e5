package rules

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA203 = register(&analyzer.Rule{
	Code: "FA203", Name: "plaintext-password-storage", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 9.0, CWE: []string{"CWE-256"}, Since: "0.1.0",
	Summary: "A password from a request is stored as it is — in an ORM model, a password attribute, a dict inserted into the database — instead of a salted hash of it.",
	Doc: analyzer.Doc{
		What: "Follows password-like request data through the function and reports it where it is stored without hashing:\n\n" +
			"- keyword arguments of an ORM model constructor (`User(email=body.email, hashed_password=body.password)`), `**` splats of a " +
			"request model or its dump when the model has a password field that is also a column of the ORM model " +
			"(`User(**user_in.model_dump())`), and SQLModel's `User.model_validate(user_in)`; the ORM model and the request schema may " +
			"live in other modules;\n" +
			"- assignments to a password attribute: `db_user.hashed_password = body.password` (any object: the attribute is named as a hash), " +
			"`user.password = body.password` when `user` is an ORM object;\n" +
			"- values inserted into the database: `insert(users).values(password=...)`, `collection.insert_one({\"password\": ...})` " +
			"(`update_one(..., {\"$set\": ...})`, `replace_one`, `insert_many`), and the parameters of an `INSERT`/`UPDATE` passed to " +
			"`execute(...)`.\n\n" +
			"Password-like request data is: a field named like a password (`password`, `new_password`, `confirm_password`; not " +
			"`hashed_password`) of a request model parameter (a pydantic model annotation, `OAuth2PasswordRequestForm`, a `dict` body, " +
			"`await request.json()`/`request.form()`), a path operation parameter named like a password, or such a parameter of a " +
			"helper that callers pass request data to. It is followed through assignments, " +
			"f-strings and concatenation (`body.password + \"notreallyhashed\"`), string methods, dicts, `model_dump()`/`dict()` " +
			"(with `exclude=`), and project helpers that return their argument unchanged (`fake_hash_password(p)` returning " +
			"`\"fakehashed\" + p`), in this module or another one.",
		Why: "A password stored as it is (or merely encoded) is handed to whoever reads the database: a backup, a replica, a leaked dump, " +
			"an SQL injection, a curious administrator. Users reuse passwords, so the leak also opens their mail and bank accounts. " +
			"A salted, slow hash (bcrypt, argon2, scrypt) lets the server check a password without being able to give it back.",
		Example: "@router.post(\"/users\")\ndef create_user(user_in: UserCreate, db: Session = Depends(get_db)):\n" +
			"    user = User(email=user_in.email, hashed_password=user_in.password)\n    db.add(user)\n    db.commit()\n    return user\n",
		UseInstead: "from pwdlib import PasswordHash  # or passlib's CryptContext(schemes=[\"bcrypt\"])\n\npassword_hash = PasswordHash.recommended()\n\n" +
			"@router.post(\"/users\")\ndef create_user(user_in: UserCreate, db: Session = Depends(get_db)):\n" +
			"    user = User(email=user_in.email, hashed_password=password_hash.hash(user_in.password))\n    db.add(user)\n    db.commit()\n    return user\n",
		Limits: "Any call other than string methods, encoders (`base64`, `str()`) and project helpers that return their argument counts as " +
			"processing the password (a hash, an encryption): it is not reported, even when the call does not hash. Helpers that are " +
			"methods of project classes, and request data read through `setattr` loops, are not followed. A parameter named like a password " +
			"in a helper function counts as the plain password only when some project function calls the helper with request data " +
			"(not a hash) in that argument, directly or through further helpers. " +
			"An attribute named `password` is only reported on objects known to be ORM models (constructed, queried, annotated). The data " +
			"flow is intra-procedural and merges branches. Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/256.html",
			"https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html",
			"https://fastapi.tiangolo.com/tutorial/security/oauth2-jwt/#hash-and-verify-the-passwords",
		},
	},
	CheckModule: checkPlaintextPasswordStorage,
})

// fa203PlainPasswordName reports names that hold a password as typed by the
// user: `password`, `new_password`, `plain_password`; not a hash of it.
func fa203PlainPasswordName(name string) bool {
	if secretKindOf(name) != secretPassword {
		return false
	}
	for _, w := range secretNameWords(name) {
		switch w {
		case "hash", "hashed", "hashes", "digest", "encrypted", "crypted", "salted", "salt", "enc", "cipher", "ciphertext",
			// flags and facts about the password: needs_to_change_password, password_changed_at
			"needs", "need", "must", "should", "force", "forced", "require", "requires", "required", "changed", "updated",
			"expired", "expires", "expiry", "last", "is", "has", "policy", "length", "min", "max", "count", "attempts":
			return false
		}
	}
	return true
}

// fa203HashedName reports attribute names that hold a password hash.
func fa203HashedName(name string) bool { return isPasswordName(name) && !fa203PlainPasswordName(name) }

// fa203Sanitizer recognises password hash functions by qualified name (and
// by instance class: `pwd_context.hash` is CryptContext.hash).
func fa203Sanitizer(q string) bool {
	last := analyzer.LastPart(q)
	switch {
	case strings.HasPrefix(q, "passlib."), strings.HasPrefix(q, "pwdlib."), strings.HasPrefix(q, "fastapi_users.password."):
		return last == "hash" || last == "encrypt" || last == "genhash"
	case strings.HasPrefix(q, "argon2."):
		return last == "hash" || strings.HasPrefix(last, "hash_")
	case strings.HasPrefix(q, "bcrypt."):
		return last == "hashpw" || last == "kdf"
	case strings.HasPrefix(q, "hashlib."), strings.HasPrefix(q, "hmac."), strings.HasPrefix(q, "nacl.pwhash."),
		strings.HasPrefix(q, "scrypt."), strings.HasPrefix(q, "cryptography.hazmat.primitives.kdf."):
		// hashlib is weak for passwords (FA206 reports it) but not plain text.
		return true
	}
	switch q {
	case "werkzeug.security.generate_password_hash", "django.contrib.auth.hashers.make_password", "crypt.crypt", "builtins.hash":
		return true
	}
	return false
}

// fa203PasswordForms are request form classes whose `password` field is the plain password.
var fa203PasswordForms = map[string]bool{
	"fastapi.security.OAuth2PasswordRequestForm": true, "fastapi.security.OAuth2PasswordRequestFormStrict": true,
	"fastapi.security.oauth2.OAuth2PasswordRequestForm": true, "fastapi.security.oauth2.OAuth2PasswordRequestFormStrict": true,
}

// fa203Source: parameters that hold request data with passwords in it.
func fa203Source(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
	if fn == nil {
		return nil
	}
	switch n.Kind {
	case "identifier":
		p := fn.Param(n.Text())
		if p == nil || p.Kind == analyzer.ParamVarArgs || p.Kind == analyzer.ParamKwArgs {
			return nil
		}
		q := annotatedModel(m, p.Annotation)
		if fa203PasswordForms[q] {
			return []taint{{Label: p.Name, Field: taintAny}}
		}
		if p.Depends != nil {
			return nil // the current user, a session: not request data
		}
		if fa203PlainPasswordName(p.Name) {
			t := taint{Label: p.Name}
			if fn.Handler == nil {
				// A helper's `password` parameter is the plain password only
				// if a caller passes request data to it (mealie's
				// `User.update_password(self, password)` gets a hash).
				pos := -1
				for i, name := range taintPositional(fn) {
					if name == p.Name {
						pos = i
					}
				}
				t.Requires = []taintCond{{Kind: taintCondCaller, Name: m.Name + "." + fn.QualName, Arg: strconv.Itoa(pos) + ":" + p.Name}}
			}
			return []taint{t}
		}
		switch {
		case q == "":
		case fn.Handler != nil && (q == "builtins.dict" || q == "typing.Dict" || q == "typing.Any"):
			return []taint{{Label: p.Name, Field: taintAny}}
		case (analyzer.ModuleOf(q) == m.Name || m.IsProjectSymbol(q)) && taintLooksLikeClass(q):
			return []taint{{Label: p.Name, Field: taintAny, Class: q, Requires: []taintCond{{Kind: taintCondModel, Name: q}}}}
		}
		if fn.Handler != nil && p.Annotation != nil && p.Annotation.Is("generic_type", "subscript") {
			if strings.HasPrefix(pyast.Unparen(p.Annotation).Text(), "dict") || strings.HasPrefix(p.Annotation.Text(), "Dict") {
				return []taint{{Label: p.Name, Field: taintAny}}
			}
		}
	case "call":
		// await request.json(), await request.form()
		recv, method := methodCall(n)
		if (method == "json" || method == "form") && recv.Is("identifier") && pyast.IsAwaited(n) {
			if k := m.KindOf(fn, recv); k.Type() == "fastapi.Request" {
				return []taint{{Label: truncateExpr(n.Text()), Field: taintAny}}
			}
		}
	}
	return nil
}

var fa203Spec = &taintSpec{
	Source:    fa203Source,
	Sanitizer: fa203Sanitizer,
	Field:     fa203PlainPasswordName,
}

// fa203Candidate is a possible finding, decided once the ORM models and
// request schemas of every module are known. Strings only.
type fa203Candidate struct {
	model string // ORM model that must be one ("" when the sink needs none)
	key   string // the keyword/key/attribute the data lands under ("" for a splat)
	t     taint  // the data (a splat: an object taint)
	sink  string // how the sink reads in messages: "User(hashed_password=...)"
}

func checkPlaintextPasswordStorage(pass *analyzer.Pass) {
	if pass.IsTest() {
		return
	}
	m := pass.Module
	flows := map[*analyzer.Function]*taintFlow{}
	flowAt := func(n *pyast.Node) (*taintFlow, *analyzer.Function) {
		fn := m.EnclosingFunction(n)
		if fn == nil {
			return nil, nil
		}
		if f, ok := flows[fn]; ok {
			return f, fn
		}
		f := newTaintFlow(m, fn, fa203Spec)
		flows[fn] = f
		return f, fn
	}
	for _, call := range m.Nodes("call") {
		flow, fn := flowAt(call)
		if flow == nil {
			continue
		}
		fa203CheckCall(pass, flow, fn, call)
	}
	for _, a := range m.Nodes("assignment") {
		left := a.ChildByField("left")
		if !left.Is("attribute") {
			continue
		}
		flow, fn := flowAt(a)
		if flow == nil {
			continue
		}
		fa203CheckAttribute(pass, flow, fn, a, left.ChildByField("object"), left.ChildByField("attribute").Text(), a.ChildByField("right"))
	}
}

// fa203CheckCall looks at ORM constructors, inserts and setattr.
func fa203CheckCall(pass *analyzer.Pass, flow *taintFlow, fn *analyzer.Function, call *pyast.Node) {
	m := pass.Module
	callee := pyast.Callee(call)
	recv, method := methodCall(call)
	q := calledName(m, call)

	if q == "builtins.setattr" {
		if attr, ok := pyast.StringValue(pyast.Arg(call, 1)); ok {
			fa203CheckAttribute(pass, flow, fn, call, pyast.Arg(call, 0), attr, pyast.Arg(call, 2))
		}
		return
	}

	// ORM constructors: User(...), models.User(...).
	if model := fa203ClassRef(m, callee); model != "" {
		short := analyzer.LastPart(model)
		var cands []fa203Candidate
		var at []*pyast.Node
		for _, c := range call.ChildByField("arguments").NamedChildren() {
			switch c.Kind {
			case "keyword_argument":
				key := c.ChildByField("name").Text()
				for _, t := range flow.Data(c.ChildByField("value")) {
					cands = append(cands, fa203Candidate{model: model, key: key, t: t, sink: fmt.Sprintf("`%s(%s=...)`", short, key)})
					at = append(at, c)
				}
			case "dictionary_splat":
				for _, t := range objectTaints(flow.Of(c.NamedChild(0))) {
					cands = append(cands, fa203Candidate{model: model, key: fa203SplatKey(t), t: t, sink: fmt.Sprintf("`%s(**%s)`", short, truncateExpr(c.NamedChild(0).Text()))})
					at = append(at, c)
				}
			}
		}
		fa203Report(pass, cands, at)
		return
	}

	// SQLModel/pydantic class methods building the model from request data.
	if recv != nil {
		if model := fa203ClassRef(m, recv); model != "" {
			switch method {
			case "model_validate", "from_orm", "parse_obj", "validate", "model_construct", "construct":
				short := analyzer.LastPart(model)
				var cands []fa203Candidate
				var at []*pyast.Node
				if a := pyast.Arg(call, 0); a != nil {
					for _, t := range objectTaints(flow.Of(a)) {
						if upd := pyast.Kwarg(call, "update"); upd != nil {
							if keys, ok := taintKeyNames(upd); ok {
								t = excludeFields([]taint{t}, keys)[0]
							}
						}
						cands = append(cands, fa203Candidate{model: model, key: fa203SplatKey(t), t: t, sink: fmt.Sprintf("`%s.%s(%s)`", short, method, truncateExpr(a.Text()))})
						at = append(at, a)
					}
				}
				if upd := pyast.Kwarg(call, "update"); upd != nil {
					for _, t := range objectTaints(flow.Of(upd)) {
						cands = append(cands, fa203Candidate{model: model, key: fa203SplatKey(t), t: t, sink: fmt.Sprintf("`%s.%s(update=...)`", short, method)})
						at = append(at, upd)
					}
				}
				fa203Report(pass, cands, at)
				return
			}
		}
	}

	switch method {
	case "values":
		// insert(users).values(...), users.insert().values(...), update(User).values(...)
		if !fa203IsInsertOrUpdate(m, recv) {
			return
		}
		var cands []fa203Candidate
		var at []*pyast.Node
		for _, c := range call.ChildByField("arguments").NamedChildren() {
			switch c.Kind {
			case "keyword_argument":
				key := c.ChildByField("name").Text()
				for _, t := range flow.Data(c.ChildByField("value")) {
					cands = append(cands, fa203Candidate{key: key, t: t, sink: fmt.Sprintf("`.values(%s=...)`", key)})
					at = append(at, c)
				}
			case "dictionary_splat":
				for _, t := range objectTaints(flow.Of(c.NamedChild(0))) {
					cands = append(cands, fa203Candidate{key: fa203SplatKey(t), t: t, sink: "`.values(...)`"})
					at = append(at, c)
				}
			default:
				for _, t := range objectTaints(flow.Of(c)) {
					cands = append(cands, fa203Candidate{key: fa203SplatKey(t), t: t, sink: "`.values(...)`"})
					at = append(at, c)
				}
			}
		}
		fa203Report(pass, cands, at)
	case "insert_one", "insert_many", "replace_one", "update_one", "update_many", "find_one_and_update", "find_one_and_replace":
		doc := pyast.Arg(call, 0)
		if method != "insert_one" && method != "insert_many" {
			doc = pyast.Arg(call, 1)
		}
		if d := pyast.Unparen(doc); d.Is("dictionary") {
			for _, pair := range d.NamedChildren() {
				if k, ok := pyast.StringValue(pair.ChildByField("key")); ok && (k == "$set" || k == "$setOnInsert") {
					doc = pair.ChildByField("value")
				}
			}
		}
		if doc == nil {
			return
		}
		var cands []fa203Candidate
		var at []*pyast.Node
		for _, t := range objectTaints(flow.Of(doc)) {
			cands = append(cands, fa203Candidate{key: fa203SplatKey(t), t: t, sink: fmt.Sprintf("`%s(...)`", method)})
			at = append(at, doc)
		}
		fa203Report(pass, cands, at)
	case "execute", "executemany", "exec_driver_sql":
		sql := pyast.Arg(call, 0)
		if !fa203IsWriteSQL(m, sql) {
			return
		}
		params := pyast.Arg(call, 1)
		if params == nil {
			params = pyast.Kwarg(call, "parameters")
		}
		if params == nil {
			params = pyast.Kwarg(call, "params")
		}
		var cands []fa203Candidate
		var at []*pyast.Node
		for _, t := range flow.Of(params) {
			key := t.Field
			if t.Field == taintAny {
				key = fa203SplatKey(t)
			}
			cands = append(cands, fa203Candidate{key: key, t: t, sink: fmt.Sprintf("the parameters of an INSERT/UPDATE passed to `%s()`", method)})
			at = append(at, params)
		}
		fa203Report(pass, cands, at)
	}
}

// fa203SplatKey marks an object taint's key: "" for a whole request model.
func fa203SplatKey(t taint) string {
	if t.Field == taintAny {
		return ""
	}
	return t.Field
}

// fa203ClassRef returns the qualified name when n names a project class
// (same module, or imported from a project module and named like a class).
func fa203ClassRef(m *analyzer.Module, n *pyast.Node) string {
	n = pyast.Unparen(n)
	if !n.Is("identifier", "attribute") {
		return ""
	}
	q := m.Resolve(n)
	if q == "" {
		return ""
	}
	if analyzer.ModuleOf(q) == m.Name {
		if m.ClassNamed(analyzer.LastPart(q)) != nil {
			return q
		}
		return ""
	}
	if m.IsProjectSymbol(q) && taintLooksLikeClass(q) {
		return q
	}
	return ""
}

// fa203IsInsertOrUpdate reports whether recv builds an INSERT or UPDATE:
// `insert(t)`, `sqlalchemy.update(User)`, `users.insert()`, `User.__table__.update()`.
func fa203IsInsertOrUpdate(m *analyzer.Module, recv *pyast.Node) bool {
	for n := pyast.Unparen(recv); n.Is("call"); {
		q := calledName(m, n)
		switch q {
		case "sqlalchemy.insert", "sqlalchemy.update", "sqlalchemy.sql.insert", "sqlalchemy.sql.update",
			"sqlalchemy.sql.expression.insert", "sqlalchemy.sql.expression.update", "sqlalchemy.dialects.postgresql.insert",
			"sqlalchemy.dialects.sqlite.insert", "sqlalchemy.dialects.mysql.insert", "sqlmodel.insert", "sqlmodel.update":
			return true
		}
		r, meth := methodCall(n)
		if meth == "insert" || meth == "update" {
			return true
		}
		n = pyast.Unparen(r)
	}
	return false
}

var fa203WriteSQLRE = regexp.MustCompile(`(?is)^\s*(?:insert\s|update\s|replace\s|upsert\s|merge\s)|\binsert\s+into\b`)

// fa203IsWriteSQL reports whether an execute() argument is SQL text that
// writes rows: a literal (or text(literal)) starting with INSERT/UPDATE.
func fa203IsWriteSQL(m *analyzer.Module, sql *pyast.Node) bool {
	sql = pyast.Unparen(sql)
	if sql.Is("call") {
		sql = pyast.Unparen(pyast.Arg(sql, 0))
	}
	if sql.Is("identifier") {
		if v := m.Vars[sql.Text()]; v != nil {
			sql = pyast.Unparen(v)
		} else if fn := m.EnclosingFunction(sql); fn != nil {
			bs := m.Bindings(fn)[sql.Text()]
			if len(bs) == 1 && bs[0].Value != nil {
				sql = pyast.Unparen(bs[0].Value)
			}
		}
	}
	v, ok := secretLiteralText(sql)
	return ok && fa203WriteSQLRE.MatchString(v)
}

// fa203NonText reports field annotations that cannot hold a password.
func fa203NonText(ann string) bool {
	ann = strings.TrimSpace(strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(ann, "Optional["), "]"), "Mapped["))
	switch strings.TrimSuffix(ann, " | None") {
	case "bool", "int", "float", "datetime", "date", "datetime.datetime", "UUID", "uuid.UUID":
		return true
	}
	return false
}

// fa203CheckAttribute looks at `obj.attr = value` (or setattr).
func fa203CheckAttribute(pass *analyzer.Pass, flow *taintFlow, fn *analyzer.Function, at, obj *pyast.Node, attr string, value *pyast.Node) {
	if !isPasswordName(attr) || value == nil {
		return
	}
	data := flow.Data(value)
	if len(data) == 0 {
		return
	}
	// Writing back into the request object itself (`body.password = body.password.strip()`).
	var objClasses []string
	for _, t := range flow.Of(obj) {
		if t.Field == taintAny {
			if !t.Pending() || t.Class == "" {
				return
			}
			objClasses = append(objClasses, t.Class)
		}
	}
	sink := fmt.Sprintf("`%s.%s`", truncateExpr(obj.Text()), attr)
	if fa203HashedName(attr) {
		if len(objClasses) == 0 {
			fa203Report(pass, []fa203Candidate{{key: attr, t: data[0], sink: sink}}, []*pyast.Node{at})
			return
		}
		t := data[0]
		pass.ReportWhen(at, func(p *analyzer.Project) string {
			for _, c := range objClasses {
				if p.IsPydanticModel(c) {
					return ""
				}
			}
			if !fa203Spec.Holds(p, t) {
				return ""
			}
			return fa203Message(t.Label, sink, attr)
		})
		return
	}
	// A plain `password` attribute: only on ORM objects.
	model := ""
	var kind analyzer.Kind
	if o := pyast.Unparen(obj); o.Is("identifier") && o.Text() == "self" && fn.Class != nil {
		model = pass.Module.Name + "." + classQualNameOf(fn.Class)
	} else {
		v := queryValueOf(pass, fn, obj, 0)
		if v.state != qObject || len(v.path) > 0 {
			return
		}
		model, kind = v.model, v.kind
	}
	if model == "" && kind == analyzer.KindUnknown {
		return
	}
	t, key := data[0], attr
	pass.ReportWhen(at, func(p *analyzer.Project) string {
		c := p.Class(model)
		if c == nil && kind != analyzer.KindUnknown {
			c = p.Class(p.Resolve(kind).Type())
		}
		if c == nil || !p.IsORMModel(c.Name) || !fa203Spec.Holds(p, t) {
			return ""
		}
		return fa203Message(t.Label, sink, key)
	})
}

// classQualNameOf is a class's dotted name within its module.
func classQualNameOf(c *analyzer.Class) string {
	name := c.Name
	for p := c.Node.Up(); p != nil; p = p.Up() {
		if p.Kind == "class_definition" {
			name = p.ChildByField("name").Text() + "." + name
		}
	}
	return name
}

func fa203Message(label, sink, key string) string {
	fix := "pwd_context.hash(...)"
	if key != "" {
		fix = key + "=" + fix
	}
	return fmt.Sprintf("plaintext password `%s` is stored in %s: whoever reads the database gets the password; store a salted hash instead (`%s` with passlib/pwdlib, bcrypt or argon2), or encrypt it if the app must send it on to another service",
		label, sink, fix)
}

// fa203Report reports the candidates of one sink call: at once when they
// need nothing from other modules, else after the project phase. One
// finding per node.
func fa203Report(pass *analyzer.Pass, cands []fa203Candidate, at []*pyast.Node) {
	done := map[*pyast.Node]bool{}
	for i, c := range cands {
		if done[at[i]] {
			continue
		}
		if c.model == "" && !c.t.Pending() && c.t.Field != taintAny {
			done[at[i]] = true
			pass.Report(at[i], "%s", fa203Message(c.t.Label, c.sink, c.key))
			continue
		}
		// The rest of this node's candidates are decided together.
		var group []fa203Candidate
		for j := i; j < len(cands); j++ {
			if at[j] == at[i] {
				group = append(group, cands[j])
			}
		}
		done[at[i]] = true
		pass.ReportWhen(at[i], func(p *analyzer.Project) string {
			for _, c := range group {
				if msg := fa203Decide(p, c); msg != "" {
					return msg
				}
			}
			return ""
		})
	}
}

// fa203Decide decides a candidate with every module's facts.
func fa203Decide(p *analyzer.Project, c fa203Candidate) string {
	if c.model != "" && !p.IsORMModel(c.model) {
		return ""
	}
	if !fa203Spec.Holds(p, c.t) {
		return ""
	}
	if c.t.IsData() {
		return fa203Message(c.t.Label, c.sink, c.key)
	}
	if c.t.Field != taintAny {
		// Data under a key: a dict or object passed as a whole.
		if c.model != "" {
			if _, ok := p.Field(c.model, c.t.Field); !ok {
				return ""
			}
		}
		return fa203Message(c.t.Label, c.sink, c.t.Field)
	}
	// A request model (or raw request dict) splatted: which password field lands where?
	var fields []string
	if c.t.Class != "" {
		for _, f := range p.ModelFields(c.t.Class) {
			fields = append(fields, f.Name)
		}
	} else if c.model != "" {
		for _, f := range p.ModelFields(c.model) {
			fields = append(fields, f.Name)
		}
	}
	var anns map[string]string
	if c.t.Class != "" {
		anns = map[string]string{}
		for _, f := range p.ModelFields(c.t.Class) {
			anns[f.Name] = f.Annotation
		}
	}
	for _, name := range fields {
		if !fa203PlainPasswordName(name) || c.t.excluded(name) || fa203NonText(anns[name]) {
			continue
		}
		if c.model != "" {
			f, ok := p.Field(c.model, name)
			if !ok || analyzer.IsRelationshipCall(f.Call) {
				continue
			}
		}
		return fa203Message(c.t.Label+"."+name, c.sink, name)
	}
	return ""
}
