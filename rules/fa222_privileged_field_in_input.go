package rules

import (
	"sort"
	"strings"
	"sync"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA222 = register(&analyzer.Rule{
	Code: "FA222", Name: "privileged-field-in-input", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityWarning,
	Precision: "high", SecuritySeverity: 6.5, CWE: []string{"CWE-915"}, Since: "0.1.0",
	Summary: "A request body model lets clients set a privilege field (`is_admin`, `role`, `permissions`, ...): users can grant themselves privileges.",
	Doc: analyzer.Doc{
		What: "Reports the body parameter of a POST/PUT/PATCH handler whose Pydantic model (own or inherited fields, possibly declared " +
			"in another module) declares a privilege field: `is_admin`, `is_superuser`, `is_staff`, `role`, `roles`, `permissions`, " +
			"`scopes` (also `admin`, `superuser`, `user_role`, `is_moderator`, `privileges`, `groups`). Also reports an ORM model built " +
			"from a raw request dict (`User(**data)`, `User(**body)` with `body: dict`, `data = await request.json()`) when the ORM model " +
			"has such a column.\n\n" +
			"Not reported: handlers guarded by an admin dependency — a route, router, include or parameter dependency whose closure " +
			"holds an authenticating dependency named like `require_admin`, `get_current_active_superuser`, `staff_only`, or one that " +
			"checks a role/permission/scope — and handlers that check the caller's privilege themselves " +
			"(`if not current_user.is_superuser: raise ...`); routes under an admin path segment (`/admin/...`, or a handler module " +
			"under `admin/`/`sys/`), whose guard is often router-level code the analysis cannot name; `scopes`/`permissions` of models " +
			"describing a credential the caller issues for itself (`APIKeyCreate`, `AccessTokenCreate`, `SessionCreate`); " +
			"response-only models; GET/DELETE handlers.",
		Why: "Mass assignment (CWE-915): FastAPI fills every declared field from the JSON the client sends, so a sign-up or profile " +
			"update whose model has `is_admin: bool = False` accepts `{\"is_admin\": true}` from anyone, and `User(**body.model_dump())` " +
			"stores it. The default only applies when the client leaves the field out.",
		Example: "class UserUpdate(BaseModel):\n    email: str | None = None\n    is_admin: bool = False\n\n" +
			"@router.patch(\"/me\")\ndef update_me(body: UserUpdate, user=Depends(get_current_user)):\n    ...\n",
		UseInstead: "class UserUpdate(BaseModel):\n    email: str | None = None  # no privilege fields in self-service input\n\n" +
			"class AdminUserUpdate(UserUpdate):\n    is_admin: bool = False\n\n" +
			"@admin_router.patch(\"/users/{user_id}\", dependencies=[Depends(require_admin)])\ndef admin_update(user_id: int, body: AdminUserUpdate):\n    ...\n",
		Limits: "The admin guard is recognised by the dependency's name (admin, superuser, staff, role, permission, scope, privilege) " +
			"or by a privilege attribute tested inside the handler; a guard applied by middleware is not seen. A Pydantic model whose " +
			"privilege field is ignored by the handler (never read) is still reported. ORM models built from `**body.model_dump()` of a " +
			"Pydantic model are reported at the handler parameter only when that model declares the field (Pydantic drops undeclared keys).",
		References: []string{
			"https://cwe.mitre.org/data/definitions/915.html",
			"https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html",
			"https://fastapi.tiangolo.com/tutorial/extra-models/",
		},
	},
	CheckModule: checkPrivilegedFieldInInput,
})

var fa222Fields = map[string]bool{
	"is_admin": true, "is_superuser": true, "is_staff": true, "role": true, "roles": true, "permissions": true, "scopes": true,
	"admin": true, "superuser": true, "user_role": true, "is_moderator": true, "privileges": true, "groups": true,
	"is_superadmin": true, "user_roles": true,
}

// fa222GuardWords name dependencies (and attributes) that check privileges.
var fa222GuardWords = []string{"admin", "superuser", "superadmin", "staff", "role", "roles", "permission", "permissions",
	"scope", "scopes", "privilege", "privileges", "moderator"}

func fa222GuardName(name string) bool {
	lower := strings.ToLower(name)
	for _, w := range fa222GuardWords {
		if strings.Contains(lower, w) {
			return true
		}
	}
	return false
}

// fa222SharedAuth is the project's auth index for FA222's deferred verdicts.
// The index fills its verdict caches as it is asked, and verdicts of
// different files run in parallel, so every use holds the lock.
type fa222SharedAuth struct {
	sync.Mutex
	*authIndex
}

func fa222Auth(p *analyzer.Project) *fa222SharedAuth {
	return p.Memo("fa222.auth", func() any { return &fa222SharedAuth{authIndex: newAuthIndex(p)} }).(*fa222SharedAuth)
}

// fa222Guarded decides in the project phase whether every route of a handler
// carries an admin-like authenticating dependency.
func fa222Guarded(p *analyzer.Project, loc analyzer.Location) bool {
	routes := routesAt(p, loc)
	if len(routes) == 0 {
		return false
	}
	a := fa222Auth(p)
	a.Lock()
	defer a.Unlock()
	for _, r := range routes {
		if fa222AdminPath(r.Path) || fa222AdminPath(strings.ReplaceAll(r.Handler.Func, ".", "/")) {
			continue // an admin API: its guard may be a router-level check the analysis does not name
		}
		v := a.Route(r)
		ok := false
		for _, n := range v.Names {
			if fa222GuardName(n) {
				ok = true
			}
		}
		if !ok {
			// route-level dependencies that are not named like authentication (require_role("admin"))
			deps := append([]analyzer.DepFact{}, r.Deps...)
			if r.Function != nil {
				deps = append(deps, r.Function.Deps...)
			}
			for _, d := range deps {
				if fa222GuardName(analyzer.LastPart(d.Target)) {
					ok = true
				}
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// fa222AdminPath reports a route path or module path with an admin segment
// ("/admin/users", "app/admin/api/user").
func fa222AdminPath(path string) bool {
	for _, seg := range strings.FieldsFunc(strings.ToLower(path), func(r rune) bool { return r == '/' || r == '-' || r == '_' }) {
		if seg == "admin" || seg == "admins" || seg == "superuser" || seg == "staff" || seg == "sys" || seg == "backoffice" {
			return true
		}
	}
	return false
}

// fa222CredentialModel reports models that describe a credential the caller
// issues for itself (API keys, access tokens, sessions): their
// scopes/permissions are bounded by the caller's own.
func fa222CredentialModel(q string) bool {
	for _, w := range secretNameWords(analyzer.LastPart(q)) {
		switch w {
		case "token", "key", "apikey", "session", "credential", "credentials", "pat", "claims":
			return true
		}
	}
	return false
}

// fa222ChecksPrivilege reports whether a handler tests a privilege attribute
// itself (`if not user.is_superuser: raise`).
func fa222ChecksPrivilege(fn *analyzer.Function) bool {
	found := false
	fn.Body().Walk(func(n *pyast.Node) bool {
		if found {
			return false
		}
		if n.Is("if_statement", "elif_clause", "assert_statement") {
			cond := n.ChildByField("condition")
			if n.Kind == "assert_statement" {
				cond = n.NamedChild(0)
			}
			cond.Walk(func(c *pyast.Node) bool {
				if c.Is("attribute") && fa222GuardName(c.ChildByField("attribute").Text()) {
					found = true
				}
				if c.Is("call") && fa222GuardName(pyast.Callee(c).Text()) {
					found = true
				}
				return !found
			})
		}
		return !found
	})
	return found
}

func checkPrivilegedFieldInInput(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	for _, fn := range m.Functions {
		h := fn.Handler
		if h == nil || !fa222Writes(h.Methods) || fa222ChecksPrivilege(fn) {
			continue
		}
		loc := pass.Locate(h.Decorator)
		label := funcLabel(fn)
		for _, p := range fn.Params {
			if p.Depends != nil || p.Annotation == nil || fa222UnresolvedDependency(m, p) {
				continue
			}
			q := annotatedModel(m, p.Annotation)
			if q == "" || !taintLooksLikeClass(q) {
				continue
			}
			name := p.Name
			pass.ReportWhen(p.Node, func(proj *analyzer.Project) string {
				if !proj.IsPydanticModel(q) {
					return ""
				}
				var priv []string
				for _, f := range proj.ModelFields(q) {
					if !fa222Fields[f.Name] {
						continue
					}
					if (f.Name == "scopes" || f.Name == "permissions") && fa222CredentialModel(q) {
						continue
					}
					priv = append(priv, "`"+f.Name+"`")
				}
				if len(priv) == 0 || fa222Guarded(proj, loc) {
					return ""
				}
				return "request model `" + analyzer.LastPart(q) + "` of parameter `" + name + "` in " + label + " declares the privilege field " +
					strings.Join(priv, ", ") + ", so any client can grant itself privileges (mass assignment); drop it from the input model and " +
					"set it server-side, or move it to a model used only by routes guarded by an admin dependency"
			})
		}
		fa222Constructors(pass, fn, loc)
	}
}

// fa222UnresolvedDependency reports a Depends/Security marker the model
// could not resolve (`Annotated[Claims, __import__("fastapi").Depends(f)]`),
// or an Annotated marker built by a project helper
// (`Annotated[CurrentUser, CurrentUserDependency()]`, returning Depends(...)):
// the parameter is filled by a dependency, not read from the body.
func fa222UnresolvedDependency(m *analyzer.Module, p *analyzer.Param) bool {
	for i, n := range append([]*pyast.Node{p.Default}, p.Metadata...) {
		call := pyast.Unparen(n)
		if !call.Is("call") {
			continue
		}
		if i > 0 && !strings.HasPrefix(m.Resolve(pyast.Callee(call)), "fastapi.") {
			return true // an Annotated marker FastAPI does not define: not Body()
		}
		callee := pyast.Callee(call)
		if callee.Is("attribute") {
			callee = callee.ChildByField("attribute")
		}
		if callee.Is("identifier") && (callee.Text() == "Depends" || callee.Text() == "Security") {
			return true
		}
	}
	return false
}

func fa222Writes(methods []string) bool {
	for _, m := range methods {
		if m == "POST" || m == "PUT" || m == "PATCH" {
			return true
		}
	}
	return false
}

// fa222Constructors reports ORM models built from a raw request dict.
func fa222Constructors(pass *analyzer.Pass, fn *analyzer.Function, loc analyzer.Location) {
	m := pass.Module
	fn.Body().Walk(func(n *pyast.Node) bool {
		if n.Is("function_definition", "class_definition", "lambda") {
			return false
		}
		if !n.Is("call") {
			return true
		}
		q := calledName(m, n)
		if q == "" || !taintLooksLikeClass(q) {
			return true
		}
		var raw string
		for _, a := range n.ChildByField("arguments").NamedChildren() {
			if a.Is("dictionary_splat") {
				if r := fa222RawDict(m, fn, a.NamedChild(0), 0); r != "" {
					raw = r
				}
			}
		}
		if raw == "" {
			return true
		}
		// keyword arguments given explicitly override the splat
		explicit := map[string]bool{}
		for _, a := range n.ChildByField("arguments").NamedChildren() {
			if a.Is("keyword_argument") {
				explicit[a.ChildByField("name").Text()] = true
			}
		}
		label := funcLabel(fn)
		pass.ReportWhen(n, func(proj *analyzer.Project) string {
			if !proj.IsORMModel(q) {
				return ""
			}
			var priv []string
			for _, f := range proj.ModelFields(q) {
				if fa222Fields[f.Name] && !explicit[f.Name] {
					priv = append(priv, "`"+f.Name+"`")
				}
			}
			sort.Strings(priv)
			if len(priv) == 0 || fa222Guarded(proj, loc) {
				return ""
			}
			return "`" + analyzer.LastPart(q) + "(**" + raw + ")` in " + label + " copies every key of the request into the model, including its privilege column " +
				strings.Join(priv, ", ") + ", so any client can grant itself privileges (mass assignment); validate the body with a Pydantic model without those fields and pass them explicitly"
		})
		return true
	})
}

// fa222RawDict returns the text of a splatted value that is a raw request
// dict: a parameter annotated dict/Dict/Any, `await request.json()`, or a
// name bound to one; "" otherwise.
func fa222RawDict(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node, depth int) string {
	n = pyast.Unparen(n)
	if depth > 3 || n == nil {
		return ""
	}
	switch n.Kind {
	case "await":
		return fa222RawDict(m, fn, n.NamedChild(0), depth+1)
	case "call":
		recv, method := methodCall(n)
		if method == "json" {
			if r := pyast.Unparen(recv); r.Is("identifier") {
				if p := fn.Param(r.Text()); p != nil && m.ParamKind(p).Type() == "fastapi.Request" {
					return n.Text()
				}
			}
		}
		if q := calledName(m, n); q == "builtins.dict" || method == "copy" {
			if a := pyast.Arg(n, 0); q == "builtins.dict" && a != nil {
				return fa222RawDict(m, fn, a, depth+1)
			}
			return fa222RawDict(m, fn, recv, depth+1)
		}
	case "identifier":
		if p := fn.Param(n.Text()); p != nil {
			if p.Depends != nil {
				return ""
			}
			switch annotatedModel(m, p.Annotation) {
			case "builtins.dict", "typing.Dict", "typing.Any", "typing.Mapping":
				return n.Text()
			}
			if t := p.Annotation; t.Is("generic_type", "subscript") {
				head := t.NamedChild(0)
				if t.Kind == "subscript" {
					head = t.ChildByField("value")
				}
				switch m.Resolve(head) {
				case "builtins.dict", "typing.Dict", "typing.Mapping":
					return n.Text()
				}
			}
			return ""
		}
		if v := boundLiteral(m, fn, n); v != nil && v != n {
			if r := fa222RawDict(m, fn, v, depth+1); r != "" {
				return n.Text()
			}
		}
	}
	return ""
}
