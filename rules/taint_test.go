package rules

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

func taintTestModule(t *testing.T, rel, src string, project map[string]bool) *analyzer.Module {
	t.Helper()
	p := pyast.NewParser()
	defer p.Close()
	tree, err := p.Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return analyzer.NewModule(rel, tree, project)
}

// taintTestSpec: parameters named like a password are data; parameters
// annotated with a class are request models holding password fields;
// bcrypt and passlib hash.
var taintTestSpec = &taintSpec{
	Source: func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if !n.Is("identifier") || fn == nil {
			return nil
		}
		p := fn.Param(n.Text())
		if p == nil {
			return nil
		}
		if secretKindOf(p.Name) == secretPassword {
			return []taint{{Label: p.Name}}
		}
		if q := annotatedModel(m, p.Annotation); q != "" && taintLooksLikeClass(q) {
			return []taint{{Label: p.Name, Field: taintAny, Class: q}}
		}
		return nil
	},
	Sanitizer: func(q string) bool {
		return q == "bcrypt.hashpw" || q == "passlib.context.CryptContext.hash"
	},
	Field: func(name string) bool { return secretKindOf(name) == secretPassword },
}

// taintAtSink evaluates the first argument of the `sink(...)` call in
// function f and renders its taints: "label" for data, "label[field]" for
// fields, "label[*-excluded]" for objects, "+cond" for pending conditions.
func taintAtSink(t *testing.T, m *analyzer.Module, spec *taintSpec) []string {
	t.Helper()
	fn := m.Defs["f"]
	if fn == nil {
		t.Fatal("no function f")
	}
	var arg *pyast.Node
	for _, call := range m.Nodes("call") {
		if pyast.Callee(call).Text() == "sink" && fn.Node.Contains(call) {
			arg = pyast.Arg(call, 0)
		}
	}
	if arg == nil {
		t.Fatal("no sink(...) call in f")
	}
	var out []string
	for _, tt := range newTaintFlow(m, fn, spec).Of(arg) {
		s := tt.Label
		switch tt.Field {
		case "":
		case taintAny:
			s += "[*"
			for _, e := range tt.Exclude {
				s += "-" + e
			}
			s += "]"
		default:
			s += "[" + tt.Field + "]"
		}
		for _, c := range tt.Requires {
			s += "+" + c.Name + "#" + c.Arg
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

func TestTaintFlow(t *testing.T) {
	const header = "import bcrypt\nfrom app.schemas import UserCreate, UserIn\nfrom fastapi.encoders import jsonable_encoder\nfrom passlib.context import CryptContext\npwd_context = CryptContext(schemes=['bcrypt'])\n" +
		"def fake_hash(p):\n    return 'fakehashed' + p\n" +
		"def real_hash(p):\n    return pwd_context.hash(p)\n" +
		"def strip_it(p, n=0):\n    v = p.strip()\n    return v\n"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"param", "def f(password):\n    sink(password)", []string{"password"}},
		{"not a source", "def f(username):\n    sink(username)", nil},
		{"assignment", "def f(password):\n    x = password\n    y = x\n    sink(y)", []string{"password"}},
		{"fstring", "def f(password):\n    sink(f'pw={password!r}')", []string{"password"}},
		{"percent", "def f(password):\n    sink('pw=%s' % (password,))", []string{"password"}},
		{"format", "def f(password):\n    sink('pw={}'.format(password))", []string{"password"}},
		{"concat", "def f(password):\n    s = 'salt' + password.encode().decode()\n    sink(s)", []string{"password"}},
		{"join", "def f(password):\n    sink(''.join(c for c in password))", []string{"password"}},
		{"sanitized", "def f(password):\n    sink(bcrypt.hashpw(password.encode(), bcrypt.gensalt()))", nil},
		{"sanitized instance", "def f(password):\n    sink(pwd_context.hash(password))", nil},
		{"sanitized via local instance", "def f(password):\n    ctx = CryptContext()\n    sink(ctx.hash(password))", nil},
		{"rebound before use", "def f(password):\n    password = pwd_context.hash(password)\n    sink(password)", nil},
		{"rebound after use", "def f(password):\n    sink(password)\n    password = pwd_context.hash(password)", []string{"password"}},
		{"conditional rebinding", "def f(password, flag):\n    if flag:\n        password = pwd_context.hash(password)\n    sink(password)", []string{"password"}},
		{"both branches", "def f(password, flag):\n    if flag:\n        h = pwd_context.hash(password)\n    else:\n        h = password\n    sink(h)", []string{"password"}},
		{"unknown call is clean", "def f(password):\n    sink(encrypt(password))", nil},
		{"same-module passthrough helper", "def f(password):\n    sink(fake_hash(password))", []string{"password"}},
		{"same-module hash helper", "def f(password):\n    sink(real_hash(password))", nil},
		{"helper keyword", "def f(password):\n    sink(strip_it(n=1, p=password))", []string{"password"}},
		{"helper other arg", "def f(password):\n    sink(strip_it('x', password))", nil},
		{"tuple unpacking", "def f(password):\n    a, b = password, 'x'\n    sink(a)", []string{"password"}},
		{"tuple unpacking other", "def f(password):\n    a, b = password, 'x'\n    sink(b)", nil},
		{"walrus", "def f(password):\n    if (p := password):\n        sink(p)", []string{"password"}},
		{"model field", "def f(body: UserCreate):\n    sink(body.password)", []string{"body.password"}},
		{"model other field", "def f(body: UserCreate):\n    sink(body.email)", nil},
		{"model object", "def f(body: UserCreate):\n    sink(body)", []string{"body[*]"}},
		{"model_dump", "def f(body: UserCreate):\n    data = body.model_dump()\n    sink(data)", []string{"body[*]"}},
		{"model_dump exclude", "def f(body: UserCreate):\n    sink(body.model_dump(exclude={'password'}))", []string{"body[*-password]"}},
		{"dict then key", "def f(body: UserCreate):\n    data = body.dict()\n    sink(data['password'])", []string{"data['password']"}},
		{"dict get", "def f(body: UserCreate):\n    data = body.dict()\n    sink(data.get('password'))", []string{"data.get('password')"}},
		{"key overwritten", "def f(body: UserCreate):\n    data = body.dict()\n    data['password'] = pwd_context.hash(body.password)\n    sink(data)", []string{"body[*-password]"}},
		{"key deleted", "def f(body: UserCreate):\n    data = jsonable_encoder(body)\n    del data['password']\n    sink(data)", []string{"body[*-password]"}},
		{"key popped", "def f(body: UserCreate):\n    data = body.dict()\n    data.pop('password', None)\n    sink(data)", []string{"body[*-password]"}},
		{"dict literal", "def f(password):\n    sink({'user': 'x', 'password': password})", []string{"password[password]"}},
		{"dict literal override", "def f(body: UserCreate):\n    sink({**body.dict(), 'password': pwd_context.hash(body.password)})", []string{"body[*-password]"}},
		{"dict call", "def f(password):\n    sink(dict(name='x', pw=password))", []string{"password[pw]"}},
		{"splat kwargs", "def f(body: UserCreate):\n    sink(dict(**body.model_dump()))", []string{"body[*]"}},
		{"constructor fields", "def f(password):\n    u = UserIn(name='x', password=password)\n    sink(u.password)", []string{"u.password"}},
		{"update", "def f(password):\n    d = {}\n    d.update(secret=password)\n    sink(d)", []string{"password[secret]"}},
		{"list", "def f(password):\n    sink([password, 1])", []string{"password"}},
		{"conditional expression", "def f(password, x):\n    sink(password if x else None)", []string{"password"}},
		{"loop variable", "def f(passwords):\n    for p in passwords:\n        sink(p)", []string{"passwords"}},
		{"augmented", "def f(password):\n    s = 'a'\n    s += password\n    sink(s)", []string{"password"}},
		{"closure", "def f(password):\n    def g():\n        return password\n    sink(password)", []string{"password"}},
		{"base64", "import base64\ndef f(password):\n    sink(base64.b64encode(password.encode()))", []string{"password"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := taintTestModule(t, "app/mod.py", header+tc.body+"\n", nil)
			got := taintAtSink(t, m, taintTestSpec)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTaintUnknownCalls(t *testing.T) {
	spec := *taintTestSpec
	spec.UnknownCalls = true
	src := "import bcrypt\nfrom passlib.context import CryptContext\npwd_context = CryptContext()\n" +
		"def get_password_hash(p):\n    return pwd_context.hash(p)\n" +
		"def indirect(p):\n    return get_password_hash(p)\n" +
		"def upper(p):\n    return p.upper()\n"
	tests := []struct {
		name, body string
		want       []string
	}{
		{"unknown library call carries", "def f(password):\n    sink(encrypt(password))", []string{"password"}},
		{"sanitizer", "def f(password):\n    sink(bcrypt.hashpw(password, b'x'))", nil},
		{"wrapper", "def f(password):\n    sink(get_password_hash(password))", nil},
		{"wrapper of wrapper", "def f(password):\n    sink(indirect(password))", nil},
		{"non-wrapper helper", "def f(password):\n    sink(upper(password))", []string{"password"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := taintTestModule(t, "app/mod.py", src+tc.body+"\n", nil)
			got := taintAtSink(t, m, &spec)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTaintCrossModuleConditions(t *testing.T) {
	project := map[string]bool{"app": true, "app.security": true, "app.routes": true, "app.schemas": true}
	src := "from app.security import hash_it, pwd_context\nfrom app.schemas import UserCreate\n" +
		"def f(password):\n    sink(hash_it(password, rounds=3))\n" +
		"def g(password):\n    sink(pwd_context.hash(password))\n"
	m := taintTestModule(t, "app/routes.py", src, project)
	got := taintAtSink(t, m, taintTestSpec)
	want := []string{"password+app.security.hash_it#0"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("helper of another module: got %q, want %q", got, want)
	}
	// g: the sink argument is a method call on an instance of another module.
	g := m.Defs["g"]
	var arg *pyast.Node
	for _, call := range m.Nodes("call") {
		if pyast.Callee(call).Text() == "sink" && g.Node.Contains(call) {
			arg = pyast.Arg(call, 0)
		}
	}
	ts := newTaintFlow(m, g, taintTestSpec).Of(arg)
	if len(ts) != 1 || len(ts[0].Requires) != 1 || ts[0].Requires[0].Name != "app.security.pwd_context.hash" {
		t.Errorf("instance of another module: got %+v", ts)
	}
}

func TestTaintReturnedParams(t *testing.T) {
	src := "import jwt\nfrom passlib.context import CryptContext\nctx = CryptContext()\n" +
		"def fake(password, salt):\n    return salt + password\n" +
		"def real(password):\n    return ctx.hash(password)\n" +
		"def token(data, key):\n    payload = data.copy()\n    return jwt.encode(payload, key)\n" +
		"def pick(body):\n    return body.password\n" +
		"def chain(db, name):\n    return db.query(User).filter(User.name == name).first()\n" +
		"def nested(p):\n    return fake(p, 'x')\n"
	m := taintTestModule(t, "app/mod.py", src, nil)
	want := map[string][]string{
		"fake": {"password", "salt"}, "real": nil, "token": nil, "pick": {"body"}, "chain": {"db"}, "nested": {"p"},
	}
	for name, w := range want {
		got := []string{}
		for p := range taintReturnedParams(m, m.Defs[name], 0) {
			got = append(got, p)
		}
		sort.Strings(got)
		if len(w) == 0 {
			w = []string{}
		}
		if !reflect.DeepEqual(got, w) {
			t.Errorf("%s: got %q, want %q", name, got, w)
		}
	}
}

func TestTaintCallName(t *testing.T) {
	src := "import hashlib\nfrom argon2 import PasswordHasher\nfrom passlib.context import CryptContext as CC\nctx = CC()\n" +
		"def f(pw):\n    ph = PasswordHasher()\n    a(ctx.hash(pw))\n    a(PasswordHasher().hash(pw))\n    a(ph.hash(pw))\n    a(hashlib.sha256(pw).hexdigest())\n"
	m := taintTestModule(t, "app/mod.py", src, nil)
	fn := m.Defs["f"]
	var got []string
	for _, call := range m.Nodes("call") {
		if pyast.Callee(call).Text() == "a" {
			got = append(got, taintCallName(m, fn, pyast.Arg(call, 0)))
		}
	}
	want := []string{"passlib.context.CryptContext.hash", "argon2.PasswordHasher.hash", "argon2.PasswordHasher.hash", "hashlib.sha256.hexdigest"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %q, want %q", got, want)
	}
}
