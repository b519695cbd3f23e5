package rules

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA507 = register(&analyzer.Rule{
	Code: "FA507", Name: "pydantic-v1-api", Principle: analyzer.PrincipleTypes, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "Pydantic v1 API (`class Config: orm_mode`, `@validator`, `.dict()`, `.from_orm()`, ...) in code that runs on Pydantic v2.",
	Doc: analyzer.Doc{
		What: "Reports the Pydantic v1 API that v2 deprecated or removed:\n\n" +
			"- `class Config:` keys of a model that v2 renamed or dropped (`orm_mode`, `allow_population_by_field_name`, " +
			"`schema_extra`, `anystr_strip_whitespace`, `allow_mutation`, `validate_all`, `underscore_attrs_are_private`, ...);\n" +
			"- `@validator` and `@root_validator`;\n" +
			"- `.dict()`, `.json()`, `.copy()` on a model instance and `.parse_obj()`, `.parse_raw()`, `.parse_file()`, " +
			"`.from_orm()`, `.schema()`, `.schema_json()`, `.construct()`, `.update_forward_refs()` on a model class, when the " +
			"receiver is known to be a project Pydantic model (from an annotation, a constructor call or the class itself);\n" +
			"- `Field(regex=...)`/`constr(regex=...)` (an error in v2) and `from pydantic import BaseSettings` (moved to " +
			"`pydantic-settings`; an import error in v2).\n\n" +
			"Models built on `pydantic.v1` (the v1 compatibility namespace) are left alone, and so is a project that pins " +
			"`pydantic<2` (or `fastapi<0.100`) in `requirements*.txt`, `requirements/*.txt`, `pyproject.toml`, `setup.cfg` or " +
			"`Pipfile`, found next to the audited file or in a directory above it.",
		Why: "Pydantic 2 keeps most of the v1 API only as deprecated shims that warn on every call and are slated for removal, and " +
			"some of it is gone already: `orm_mode` is silently renamed, `regex=` and `BaseSettings` fail at import time, and " +
			"`.from_orm()` only works with `from_attributes=True`. Code written against v1 breaks one upgrade later, in production.",
		Example: "class UserOut(BaseModel):\n    class Config:\n        orm_mode = True\n\n    @validator(\"email\")\n" +
			"    def lower(cls, v):\n        return v.lower()\n\nuser_out = UserOut.from_orm(user)\nreturn user_out.dict()\n",
		UseInstead: "class UserOut(BaseModel):\n    model_config = ConfigDict(from_attributes=True)\n\n    @field_validator(\"email\")\n" +
			"    @classmethod\n    def lower(cls, v):\n        return v.lower()\n\nuser_out = UserOut.model_validate(user)\nreturn user_out.model_dump()\n",
		Limits: "Method calls are reported only on receivers whose class is known to be a project Pydantic model; `.dict()` on a " +
			"value of unknown type is never reported. The requirement files are looked up from the audited file's directory up to " +
			"the audited root, the nearest of each name winning; for code given in memory (Markdown answers, `Options.Sources`) " +
			"from the current directory.",
		References: []string{
			"https://docs.pydantic.dev/latest/migration/",
			"https://docs.pydantic.dev/latest/concepts/config/",
		},
	},
	CheckModule: checkPydanticV1API,
})

// fa507ConfigKeys are the v1 `class Config` keys that v2 renamed or removed,
// with their v2 spelling.
var fa507ConfigKeys = map[string]string{
	"orm_mode": "from_attributes", "allow_population_by_field_name": "populate_by_name",
	"schema_extra": "json_schema_extra", "anystr_strip_whitespace": "str_strip_whitespace",
	"anystr_lower": "str_to_lower", "anystr_upper": "str_to_upper", "min_anystr_length": "str_min_length",
	"max_anystr_length": "str_max_length", "allow_mutation": "frozen (inverted)", "validate_all": "validate_default",
	"underscore_attrs_are_private": "(removed: private attributes are always private)", "smart_union": "(removed: the default)",
	"copy_on_model_validation": "revalidate_instances", "keep_untouched": "ignored_types", "fields": "(removed: use Field())",
	"error_msg_templates": "(removed)", "getter_dict": "(removed)", "json_loads": "(removed)", "json_dumps": "(removed)",
	"post_init_call": "(removed)",
}

// fa507InstanceMethods and fa507ClassMethods map v1 methods to v2.
var (
	fa507InstanceMethods = map[string]string{"dict": "model_dump", "json": "model_dump_json", "copy": "model_copy"}
	fa507ClassMethods    = map[string]string{
		"parse_obj": "model_validate", "parse_raw": "model_validate_json", "parse_file": "model_validate_json(Path(...).read_text())",
		"from_orm": "model_validate(..., from_attributes=True)", "schema": "model_json_schema", "schema_json": "model_json_schema",
		"construct": "model_construct", "update_forward_refs": "model_rebuild",
	}
)

func checkPydanticV1API(pass *analyzer.Pass) {
	m := pass.Module
	// Findings wait until the module is done: only a module that uses a v1
	// API pays for looking up the project's Pydantic pin (file system calls).
	var pending []func()
	report := func(n *pyast.Node, format string, args ...any) {
		pending = append(pending, func() { pass.Report(n, format, args...) })
	}
	reportWhen := func(n *pyast.Node, decide func(*analyzer.Project) string) {
		pending = append(pending, func() { pass.ReportWhen(n, decide) })
	}
	defer func() {
		dirPins := func(dir string) map[string]string {
			return pass.RunMemo("fa507-pins:"+dir, func() any { return fa507DirPins(dir) }).(map[string]string)
		}
		if len(pending) == 0 || fa507PinnedV1At(m.Abs, m.Path, dirPins) || m.Abs == "" && fa507PinnedV1(m.Path, dirPins) {
			return
		}
		for _, r := range pending {
			r()
		}
	}()
	// Validators.
	for _, fn := range m.Functions {
		for _, d := range fn.Decorators {
			target := pyast.Unparen(d)
			if target.Is("call") {
				target = pyast.Callee(target)
			}
			switch q := m.Resolve(target); q {
			case "pydantic.validator", "pydantic.class_validators.validator":
				report(d, "`@validator` is the Pydantic v1 API (deprecated in v2); use `@field_validator(...)` with `@classmethod`")
			case "pydantic.root_validator", "pydantic.class_validators.root_validator":
				report(d, "`@root_validator` is the Pydantic v1 API (deprecated in v2); use `@model_validator(mode=\"before\"|\"after\")`")
			}
		}
	}
	// class Config: inside models.
	for _, c := range m.Classes {
		for _, st := range c.Node.ChildByField("body").NamedChildren() {
			if !st.Is("class_definition") || st.ChildByField("name").Text() != "Config" {
				continue
			}
			for _, inner := range st.ChildByField("body").NamedChildren() {
				a := inner.NamedChild(0)
				if !inner.Is("expression_statement") || !a.Is("assignment") {
					continue
				}
				key := a.ChildByField("left").Text()
				v2, ok := fa507ConfigKeys[key]
				if !ok {
					continue
				}
				bases, class := c.Bases, c.Name
				msg := fmt.Sprintf("`%s` in `class Config` of %s is Pydantic v1 configuration; use `model_config = ConfigDict(...)` with `%s`", key, class, v2)
				reportWhen(a, func(p *analyzer.Project) string {
					for _, b := range bases {
						if fa507IsV2Model(p, b, 0) {
							return msg
						}
					}
					return ""
				})
			}
		}
	}
	// Field(regex=...), constr(regex=...).
	for _, call := range m.Nodes("call") {
		switch q := calledName(m, call); q {
		case "pydantic.Field", "pydantic.constr", "pydantic.fields.Field", "sqlmodel.Field":
			if kw := fa504Keyword(call, "regex"); kw != nil {
				report(kw, "`regex=` is the Pydantic v1 spelling and raises an error in v2; use `pattern=`")
			}
		}
	}
	// from pydantic import BaseSettings.
	for _, st := range m.Nodes("import_from_statement") {
		if st.ChildByField("module_name").Text() != "pydantic" {
			continue
		}
		for _, n := range st.ChildrenByField("name") {
			name := n
			if n.Is("aliased_import") {
				name = n.ChildByField("name")
			}
			if name.Text() == "BaseSettings" {
				report(n, "`BaseSettings` moved out of Pydantic in v2 (the import fails); install `pydantic-settings` and import it from `pydantic_settings`")
			}
		}
	}
	// Method calls on models and model instances.
	for _, call := range m.Nodes("call") {
		recv, method := methodCall(call)
		if recv == nil {
			continue
		}
		v2, instance := fa507InstanceMethods[method]
		if !instance {
			if v2 = fa507ClassMethods[method]; v2 == "" {
				continue
			}
		}
		if method == "copy" && !pyast.Unparen(recv).Is("identifier", "attribute", "call") {
			continue
		}
		fn := m.EnclosingFunction(call)
		recvText := recv.Text()
		msg := fmt.Sprintf("`.%s()` is the Pydantic v1 API (deprecated in v2); use `.%s`", method, v2)
		if !strings.Contains(v2, "(") {
			msg = fmt.Sprintf("`%s.%s()` is the Pydantic v1 API (deprecated in v2); use `%s.%s()`", recvText, method, recvText, v2)
		}
		// The class itself: UserOut.from_orm(user), schemas.User.schema().
		if q := m.Resolve(recv); q != "" && !instance && (analyzer.ModuleOf(q) == m.Name && m.ClassNamed(analyzer.LastPart(q)) != nil || m.IsProjectSymbol(q)) {
			if fn != nil && nameBoundIn(fn, strings.SplitN(recvText, ".", 2)[0]) {
				continue
			}
			reportWhen(call, func(p *analyzer.Project) string {
				if fa507IsV2Model(p, q, 0) {
					return msg
				}
				return ""
			})
			continue
		}
		if !instance && method != "schema" && method != "schema_json" {
			continue
		}
		kind := m.KindOf(fn, recv)
		if q := fa507AlternateConstructor(m, fn, recv); q != "" {
			kind = analyzer.Instance(q)
		}
		if kind == analyzer.KindUnknown {
			continue
		}
		reportWhen(call, func(p *analyzer.Project) string {
			if t := p.Resolve(kind).Type(); t != "" && fa507IsV2Model(p, t, 0) {
				return msg
			}
			return ""
		})
	}
}

// fa507Constructors are the class methods that build a model instance.
var fa507Constructors = map[string]bool{
	"parse_obj": true, "parse_raw": true, "parse_file": true, "from_orm": true, "construct": true,
	"model_validate": true, "model_validate_json": true, "model_construct": true,
}

// fa507AlternateConstructor returns the class of a local variable assigned
// only from `Model.parse_obj(...)`-style constructors of a project class.
func fa507AlternateConstructor(m *analyzer.Module, fn *analyzer.Function, recv *pyast.Node) string {
	recv = pyast.Unparen(recv)
	if fn == nil || !recv.Is("identifier") {
		return ""
	}
	class, ok := "", true
	fn.Body().Walk(func(n *pyast.Node) bool {
		switch n.Kind {
		case "function_definition", "class_definition", "lambda":
			return false
		case "assignment":
			if l := n.ChildByField("left"); l.Is("identifier") && l.Text() == recv.Text() {
				r := pyast.Unparen(n.ChildByField("right"))
				obj, method := methodCall(r)
				q := m.Resolve(obj)
				if !r.Is("call") || !fa507Constructors[method] || q == "" || class != "" && class != q {
					ok = false
				}
				class = q
			}
		}
		return true
	})
	if !ok || class == "" || !(analyzer.ModuleOf(class) == m.Name || m.IsProjectSymbol(class)) {
		return ""
	}
	return class
}

// fa507IsV2Model reports whether q is a project class whose ancestry reaches
// pydantic.BaseModel / BaseSettings / SQLModel (not the pydantic.v1
// namespace).
func fa507IsV2Model(p *analyzer.Project, q string, depth int) bool {
	if depth > 12 || q == "" {
		return false
	}
	c := p.Class(q)
	if c == nil {
		switch p.Canonical(q) {
		case "pydantic.BaseModel", "pydantic.main.BaseModel", "pydantic.BaseSettings", "pydantic_settings.BaseSettings",
			"sqlmodel.SQLModel", "sqlmodel.main.SQLModel", "pydantic.generics.GenericModel":
			return true
		}
		return false
	}
	for _, b := range c.Bases {
		if fa507IsV2Model(p, b, depth+1) {
			return true
		}
	}
	return false
}

// ---------------------------------------------------------------------------
// Pydantic pins.

// fa507PinFiles are the files a Python project declares its dependencies in.
var fa507PinFiles = []string{"pyproject.toml", "setup.cfg", "Pipfile", "setup.py"}

// fa507PinnedV1 reads the dependency files found from the module's directory
// up to the current directory and reports whether they pin Pydantic 1.
func fa507PinnedV1(rel string, dirPins func(string) map[string]string) bool {
	cwd, err := os.Getwd()
	if err != nil {
		return false
	}
	abs := filepath.Join(cwd, filepath.FromSlash(rel))
	if _, err := os.Stat(abs); err != nil {
		return false // not reachable from the current directory: the root is unknown
	}
	files := map[string]string{}
	for dir := filepath.Dir(abs); ; dir = filepath.Dir(dir) {
		for name, content := range dirPins(dir) {
			files[name] = content
		}
		if dir == cwd || !strings.HasPrefix(dir, cwd) || filepath.Dir(dir) == dir {
			break
		}
	}
	return pinsPydanticV1(files)
}

// fa507PinnedV1At reads the dependency files found from the module's
// directory up to the audited root (abs with the relative path rel removed)
// and reports whether they pin Pydantic 1. False when abs is unknown.
func fa507PinnedV1At(abs, rel string, dirPins func(string) map[string]string) bool {
	if abs == "" {
		return false
	}
	files := map[string]string{}
	dir := filepath.Dir(abs)
	for up := strings.Count(strings.Trim(rel, "/"), "/"); up >= 0; up-- {
		for name, content := range dirPins(dir) {
			files[name] = content
		}
		if filepath.Dir(dir) == dir {
			break
		}
		dir = filepath.Dir(dir)
	}
	return pinsPydanticV1(files)
}

// fa507DirPins returns the dependency files of one directory (path ->
// content). Callers cache it per run (Pass.RunMemo).
func fa507DirPins(dir string) map[string]string {
	out := map[string]string{}
	var names []string
	names = append(names, fa507PinFiles...)
	if matches, err := filepath.Glob(filepath.Join(dir, "requirements*.txt")); err == nil {
		for _, m := range matches {
			names = append(names, filepath.Base(m))
		}
	}
	if matches, err := filepath.Glob(filepath.Join(dir, "requirements", "*.txt")); err == nil {
		for _, m := range matches {
			names = append(names, filepath.Join("requirements", filepath.Base(m)))
		}
	}
	for _, name := range names {
		if data, err := os.ReadFile(filepath.Join(dir, name)); err == nil && len(data) < 1<<20 {
			out[filepath.Join(dir, name)] = string(data)
		}
	}
	return out
}

// fa507ReqRE finds a requirement on pydantic or fastapi with its version
// specifiers: PEP 508 lines and strings (`pydantic>=1.8,<2`,
// "pydantic[email]~=1.10"), and Poetry/Pipfile tables (`pydantic = "^1.10"`,
// `pydantic = {version = "<2", extras = [...]}`).
var fa507ReqRE = regexp.MustCompile(`(?im)(?:^|["'\s,\[])(pydantic|fastapi)(?:\[[^\]]*\])?\s*(?:=\s*(?:\{[^}\n]*?version\s*=\s*)?["']([^"'\n]+)["']|((?:[<>=!~^]=?=?|===)\s*[0-9][^;#"'\n]*))`)

var fa507CommentRE = regexp.MustCompile(`(?m)(^|\s)#.*$`)

// pinsPydanticV1 reports whether dependency files (name → content) pin
// Pydantic below 2, directly or through fastapi<0.100 (which requires it).
func pinsPydanticV1(files map[string]string) bool {
	for _, content := range files {
		content = fa507CommentRE.ReplaceAllString(content, "")
		for _, m := range fa507ReqRE.FindAllStringSubmatch(content, -1) {
			pkg, spec := strings.ToLower(m[1]), m[2]
			if spec == "" {
				spec = m[3]
			}
			limit := []int{2}
			if pkg == "fastapi" {
				limit = []int{0, 100}
			}
			if fa507Below(spec, limit) {
				return true
			}
		}
	}
	return false
}

// fa507Below reports whether a version specifier set only admits versions
// below limit (`<2`, `<=1.10.13`, `==1.10.*`, `~=1.10`, `^1.9`, `~1.10`,
// `1.10.2` in Poetry, or the same for fastapi with limit 0.100).
func fa507Below(spec string, limit []int) bool {
	for _, clause := range strings.Split(spec, ",") {
		clause = strings.TrimSpace(clause)
		i := 0
		for i < len(clause) && strings.ContainsRune("<>=!~^ ", rune(clause[i])) {
			i++
		}
		op, ver := strings.TrimSpace(clause[:i]), strings.TrimSpace(clause[i:])
		if (op == "==" || op == "") && strings.HasSuffix(ver, ".*") {
			op = "~" // ==1.* admits every 1.x
		}
		v := fa507Version(ver)
		if len(v) == 0 {
			continue
		}
		switch op {
		case "<":
			if fa507Cmp(v, limit) <= 0 {
				return true
			}
		case "<=", "==", "===", "", "~=", "^", "~":
			if op == "~=" && len(v) >= 2 {
				v = v[:len(v)-1] // ~=1.10 admits 1.x; ~=1.10.2 admits 1.10.x
			}
			if op == "^" {
				v = fa507Caret(v)
			}
			if fa507Cmp(v, limit) < 0 && !fa507AdmitsLimit(op, v, limit) {
				return true
			}
		}
	}
	return false
}

// fa507Caret keeps the significant prefix of a Poetry caret version: ^1.9
// admits 1.x, ^0.95 admits 0.95.x.
func fa507Caret(v []int) []int {
	for i, x := range v {
		if x != 0 || i == len(v)-1 {
			return v[:i+1]
		}
	}
	return v
}

// fa507AdmitsLimit reports whether a prefix version admits the limit (==0.*
// admits 0.100 when the limit is 0.100).
func fa507AdmitsLimit(op string, v, limit []int) bool {
	if op == "<=" || op == "==" || op == "===" || op == "" {
		return false
	}
	// ~= and ^ and ~ admit every version that starts with v.
	for i := range v {
		if i >= len(limit) || v[i] != limit[i] {
			return false
		}
	}
	return true
}

// fa507Version parses "1.10.2" (a trailing ".*" is dropped).
func fa507Version(s string) []int {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".*")
	var out []int
	for _, part := range strings.Split(s, ".") {
		n, err := strconv.Atoi(part)
		if err != nil {
			break
		}
		out = append(out, n)
	}
	return out
}

// fa507Cmp compares versions, missing parts counting as 0.
func fa507Cmp(a, b []int) int {
	for i := 0; i < len(a) || i < len(b); i++ {
		x, y := 0, 0
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if x != y {
			if x < y {
				return -1
			}
			return 1
		}
	}
	return 0
}
