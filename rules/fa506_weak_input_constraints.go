package rules

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA506 = register(&analyzer.Rule{
	Code: "FA506", Name: "weak-input-constraints", Principle: analyzer.PrincipleTypes, Severity: analyzer.SeverityNote,
	Precision: "high", Since: "0.1.0",
	Summary: "A request model takes an `email` as a plain `str`, or a `password` with no length constraint.",
	Doc: analyzer.Doc{
		What: "Reports, in a request model — a Pydantic model (or non-table SQLModel) that some path operation of the project reads " +
			"from the body or form, directly (`user: UserCreate`, `list[UserCreate]`, `Annotated[LoginForm, Form()]`), through a " +
			"dependency, as a `Depends()` parameter class, or nested in another request model:\n\n" +
			"- an `email` field (`email`, `contact_email`, `email_address`, ...) typed `str` (or `Optional[str]`) with no `pattern=` " +
			"and no field validator;\n" +
			"- a `password` field (`password`, `new_password`, ...) with no length constraint: no `min_length`/`max_length` on its " +
			"`Field(...)`, `constr(...)` or `StringConstraints(...)`, no `annotated_types` `MinLen`/`MaxLen`/`Len`, and no field " +
			"validator. Confirmation and current-password fields (`password_confirm`, `current_password`, `old_password`) are " +
			"compared, not chosen, and are not reported.\n\n" +
			"The finding is at the field, wherever the model is defined (an inherited field is reported once, in its base class).",
		Why: "A `str` email accepts `\"x\"`: bad addresses are stored, password resets go nowhere and uniqueness checks compare " +
			"junk. A password with no minimum length accepts `\"a\"`, and one with no maximum lets a client send megabytes " +
			"to a deliberately slow hash function (bcrypt also silently truncates at 72 bytes).",
		Example:    "class UserCreate(BaseModel):\n    email: str\n    password: str\n",
		UseInstead: "class UserCreate(BaseModel):\n    email: EmailStr\n    password: str = Field(min_length=8, max_length=128)\n",
		Limits: "Models used only as response models are not request models and are not reported. Models read as query " +
			"parameters through `Annotated[Model, Query()]` are not checked. A constraint set by a validator of a base class or a " +
			"custom type alias of another module is not seen; any `model_validator`/`root_validator` of the model silences it.",
		References: []string{
			"https://docs.pydantic.dev/latest/api/networks/#pydantic.networks.EmailStr",
			"https://docs.pydantic.dev/latest/concepts/fields/#string-constraints",
			"https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#implement-proper-password-strength-controls",
		},
	},
	CheckModule: checkWeakInputConstraints,
})

// fa506Use says where a request model is read.
type fa506Use struct {
	handler string // handler function name
	how     string // "body of create_user", "nested in UserCreate, body of create_user"
}

func checkWeakInputConstraints(pass *analyzer.Pass) {
	m := pass.Module
	if pass.IsTest() {
		return
	}
	for _, c := range m.Classes {
		if m.ClassNamed(c.Name) != c {
			continue
		}
		validated := map[string]bool{}
		for _, fn := range m.Functions {
			if fn.Class == c {
				for _, name := range strings.Split(validatedFields(m, fn), ",") {
					validated[name] = true
				}
			}
		}
		if validated["*"] {
			continue
		}
		for _, f := range c.Fields {
			raw := f.Node.ChildByField("type")
			if raw == nil || validated[f.Name] {
				continue
			}
			var problem string
			switch {
			case fa506EmailName(f.Name) && fa506PlainStr(m, raw) && !fa506HasKwarg(m, f, raw, "pattern", "regex"):
				problem = "email"
			case fa506PasswordName(f.Name) && fa506Stringish(m, raw) && !fa506HasKwarg(m, f, raw, "min_length", "max_length"):
				problem = "password"
			default:
				continue
			}
			class, field, loc := qualify(m.Name, c.Name), f.Name, pass.Locate(f.Node)
			pass.ReportWhen(f.Node, func(p *analyzer.Project) string {
				q, use := fa506RequestModelWith(p, class, field, loc)
				if q == "" {
					return ""
				}
				model := analyzer.LastPart(q)
				subject := fmt.Sprintf("request model %s (%s)", model, use.how)
				if q != p.Canonical(class) {
					subject = fmt.Sprintf("`%s` of %s, inherited by request model %s (%s),", field, analyzer.LastPart(class), model, use.how)
				}
				if problem == "email" {
					if q != p.Canonical(class) {
						return fmt.Sprintf("%s accepts any string; type it `EmailStr` (pip install \"pydantic[email]\") so malformed addresses get a 422", subject)
					}
					return fmt.Sprintf("%s accepts any string as `%s`; type it `EmailStr` (pip install \"pydantic[email]\") so malformed addresses get a 422",
						subject, field)
				}
				what := "a `" + field + "`"
				if q != p.Canonical(class) {
					what = "a password"
				}
				return fmt.Sprintf("%s accepts %s of any length, from one character to megabytes; constrain it, e.g. `%s: str = Field(min_length=8, max_length=128)`",
					subject, what, field)
			})
		}
	}
}

// fa506RequestModelWith returns the first request model (sorted by name)
// that has the field declared at loc in class — the class itself or a
// subclass that neither redefines nor validates it.
func fa506RequestModelWith(p *analyzer.Project, class, field string, loc analyzer.Location) (string, fa506Use) {
	ix := fa506IndexOf(p)
	for _, q := range ix.byField[fa506FieldAt{field, loc}] {
		v := validatorsOf(p, q)
		if v["*"] || v[field] {
			continue
		}
		return q, ix.models[q]
	}
	return "", fa506Use{}
}

// fa506Index is the request models of a project, with the models that have
// each field declaration (own or inherited, not redefined), sorted by name.
type fa506Index struct {
	models  map[string]fa506Use
	byField map[fa506FieldAt][]string
}

type fa506FieldAt struct {
	name string
	loc  analyzer.Location
}

// fa506IndexOf computes the request models once per project.
func fa506IndexOf(p *analyzer.Project) *fa506Index {
	return p.Memo("fa506.models", func() any {
		ix := &fa506Index{models: fa506RequestModels(p), byField: map[fa506FieldAt][]string{}}
		names := make([]string, 0, len(ix.models))
		for q := range ix.models {
			names = append(names, q)
		}
		sort.Strings(names)
		for _, q := range names {
			for _, f := range p.ModelFields(q) {
				at := fa506FieldAt{f.Name, f.Loc}
				ix.byField[at] = append(ix.byField[at], q)
			}
		}
		return ix
	}).(*fa506Index)
}

// fa506RequestModels returns the Pydantic models that routes read from the
// request, with where each is first read.
func fa506RequestModels(p *analyzer.Project) map[string]fa506Use {
	out := map[string]fa506Use{}
	var addModel func(q string, use fa506Use, depth int)
	addModel = func(q string, use fa506Use, depth int) {
		c := p.Class(q)
		if c == nil || depth > 4 || !p.IsPydanticModel(c.Name) {
			return
		}
		if _, seen := out[c.Name]; seen {
			return
		}
		out[c.Name] = use
		for _, f := range p.ModelFields(c.Name) {
			for _, t := range p.FieldTypes(f) {
				addModel(t, fa506Use{handler: use.handler, how: "nested in " + analyzer.LastPart(c.Name) + ", " + use.how}, depth+1)
			}
		}
	}
	for _, mf := range p.Files {
		if mf.IsTest {
			continue
		}
		quals := make([]string, 0, len(mf.Functions))
		for qual, f := range mf.Functions {
			if f.IsHandler {
				quals = append(quals, qual)
			}
		}
		sort.Strings(quals)
		for _, qual := range quals {
			f := mf.Functions[qual]
			handler := analyzer.LastPart(qual)
			seen := map[string]bool{}
			var visit func(fnQ string, params []paramFact, depth int)
			visit = func(fnQ string, params []paramFact, depth int) {
				if depth > 8 {
					return
				}
				for _, pf := range params {
					if pf.Skip {
						continue
					}
					how := "body of " + handler
					if pf.Source == string(srcForm) {
						how = "form of " + handler
					}
					if depth > 0 {
						how = strings.Replace(how, " of ", " read by dependency "+analyzer.LastPart(fnQ)+" of ", 1)
					}
					switch {
					case pf.Source == string(srcDepends) || strings.HasPrefix(pf.Dep, "alias:") && fa506AliasDep(p, pf.Dep) != "":
						target := pf.Dep
						if strings.HasPrefix(target, "alias:") {
							target = fa506AliasDep(p, pf.Dep)
						}
						target = strings.TrimSuffix(target, "()")
						if seen[target] {
							continue
						}
						seen[target] = true
						if c := p.Class(target); c != nil && p.IsPydanticModel(c.Name) {
							addModel(c.Name, fa506Use{handler, "parameters of " + handler}, 0)
							continue
						}
						if dp := dependencyParams(p, pf.Dep); dp.ok {
							visit(target, dp.params, depth+1)
						}
					case pf.Source == string(srcBody) || pf.Source == string(srcForm) || pf.Source == "" && pf.Marker == "":
						for _, c := range pf.Classes {
							addModel(c, fa506Use{handler, how}, 0)
						}
						if strings.HasPrefix(pf.Dep, "alias:") {
							addModel(strings.TrimPrefix(pf.Dep, "alias:"), fa506Use{handler, how}, 0)
						}
					}
				}
			}
			if params, ok := paramFactsOf(p, f.Name()); ok {
				visit(f.Name(), params, 0)
			}
		}
	}
	return out
}

// fa506AliasDep returns the dependency of an imported Annotated alias, "".
func fa506AliasDep(p *analyzer.Project, dep string) string {
	_, sf := p.Lookup(strings.TrimPrefix(dep, "alias:"))
	if sf == nil {
		return ""
	}
	return sf.AliasDep
}

var fa506CamelRE = regexp.MustCompile(`([a-z0-9])([A-Z])`)

func fa506Words(name string) []string {
	name = strings.ToLower(fa506CamelRE.ReplaceAllString(strings.TrimLeft(name, "_"), "${1}_${2}"))
	return strings.FieldsFunc(name, func(r rune) bool { return r == '_' || r == '-' })
}

// fa506EmailName reports whether a field holds an email address: email,
// contact_email, email_address, userEmail.
func fa506EmailName(name string) bool {
	w := fa506Words(name)
	if len(w) == 0 {
		return false
	}
	last := w[len(w)-1]
	return last == "email" || last == "address" && len(w) >= 2 && w[len(w)-2] == "email"
}

// fa506PasswordName reports whether a field is a password the client
// chooses (password, new_password), not one it repeats or proves.
func fa506PasswordName(name string) bool {
	w := fa506Words(name)
	if len(w) == 0 {
		return false
	}
	last := w[len(w)-1]
	if last != "password" && last != "passwd" && last != "passphrase" {
		return false
	}
	for _, x := range w[:len(w)-1] {
		switch x {
		case "confirm", "confirmation", "repeat", "repeated", "current", "old", "verify", "retype", "hashed", "is", "has":
			return false
		}
	}
	return true
}

// fa506Members returns the type of an annotation without Annotated and
// its members without None: `Optional[str]` gives [str].
func fa506Members(m *analyzer.Module, raw *pyast.Node) []*pyast.Node {
	t, _ := fa506Unannotate(m, raw)
	var out []*pyast.Node
	for _, mem := range unionMembersOrSelf(m, t) {
		if mem = unwrapTypeNode(mem); !mem.Is("none") {
			out = append(out, mem)
		}
	}
	return out
}

// fa506Unannotate splits Annotated[T, ...] into T and its metadata.
func fa506Unannotate(m *analyzer.Module, raw *pyast.Node) (*pyast.Node, []*pyast.Node) {
	t := unwrapTypeNode(raw)
	head, args := typeParts(t)
	if len(args) > 0 {
		if q := m.Resolve(head); q == "typing.Annotated" || q == "typing_extensions.Annotated" || head.Text() == "Annotated" {
			return unwrapTypeNode(args[0]), args[1:]
		}
	}
	return t, nil
}

// fa506PlainStr reports whether an annotation is str (Optional[str],
// str | None, Annotated[str, ...]).
func fa506PlainStr(m *analyzer.Module, raw *pyast.Node) bool {
	members := fa506Members(m, raw)
	return len(members) == 1 && m.Resolve(members[0]) == "builtins.str"
}

// fa506Stringish reports whether a password annotation holds a string:
// str, SecretStr, constr(...), Annotated[str, ...].
func fa506Stringish(m *analyzer.Module, raw *pyast.Node) bool {
	members := fa506Members(m, raw)
	if len(members) != 1 {
		return false
	}
	t := members[0]
	if t.Is("call") {
		return calledName(m, t) == "pydantic.constr"
	}
	switch m.Resolve(t) {
	case "builtins.str", "pydantic.SecretStr", "pydantic.types.SecretStr":
		return true
	}
	return false
}

// fa506HasKwarg reports whether the field's value call (Field(...)), the
// annotation's calls (constr(...), StringConstraints(...), Field(...) in
// Annotated) or annotated_types metadata (MinLen, MaxLen, Len) set one of
// the keywords, or whether the annotation validates with a function
// (AfterValidator & co.).
func fa506HasKwarg(m *analyzer.Module, f *analyzer.Field, raw *pyast.Node, keys ...string) bool {
	found := false
	check := func(call *pyast.Node) {
		for _, k := range keys {
			if pyast.Kwarg(call, k) != nil {
				found = true
			}
		}
		q := calledName(m, call)
		switch analyzer.LastPart(q) {
		case "AfterValidator", "BeforeValidator", "PlainValidator", "WrapValidator":
			found = true
		case "MinLen", "MaxLen", "Len":
			found = found || keys[0] == "min_length"
		}
	}
	if v := pyast.Unparen(f.Value); v.Is("call") {
		check(v)
	}
	raw.Walk(func(n *pyast.Node) bool {
		if n.Kind == "call" {
			check(n)
		}
		return !found
	})
	return found
}
