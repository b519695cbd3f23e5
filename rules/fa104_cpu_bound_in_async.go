package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA104 = register(&analyzer.Rule{
	Code: "FA104", Name: "cpu-bound-in-async", Principle: analyzer.PrincipleAsync, Severity: analyzer.SeverityWarning,
	Precision: "high", Since: "0.1.0",
	Summary: "CPU-heavy password hashing (bcrypt, passlib, argon2, pbkdf2, scrypt) runs directly on the event loop inside an async def.",
	Doc: analyzer.Doc{
		What: "Reports, inside an `async def`, direct calls of deliberately slow password-hashing functions: `bcrypt.hashpw`/`bcrypt.checkpw`/`bcrypt.kdf`, " +
			"`hashlib.pbkdf2_hmac`/`hashlib.scrypt`, `hash`/`verify`/`verify_and_update` on a passlib `CryptContext(...)` or a passlib hash " +
			"(`passlib.hash.bcrypt.hash(...)`), and `hash`/`verify` on an `argon2.PasswordHasher()`. The context or hasher is recognised when " +
			"it is built in the call itself or assigned to a module-level variable of this module or of another project module " +
			"(`pwd_context` in `app/security.py`). Project helpers whose body only returns such a call (`def get_password_hash(p): return " +
			"pwd_context.hash(p)`), in this module or another, are reported where the async def calls them.",
		Why: "Password hashes are slow on purpose: bcrypt at cost 12 or argon2 with default parameters take 100–300 ms of pure CPU. " +
			"Inside an `async def` this runs on the event loop, so every other request of the worker stalls for that time; a handful of " +
			"concurrent logins freezes the whole service. A plain `def` handler or `run_in_threadpool` moves the work off the loop " +
			"(bcrypt and argon2 release the GIL while hashing).",
		Example: "pwd_context = CryptContext(schemes=[\"bcrypt\"], deprecated=\"auto\")\n\n@router.post(\"/login\")\n" +
			"async def login(form: OAuth2PasswordRequestForm = Depends()):\n    user = await get_user(form.username)\n" +
			"    if not user or not pwd_context.verify(form.password, user.hashed_password):\n        raise HTTPException(status_code=401)\n",
		UseInstead: "from starlette.concurrency import run_in_threadpool\n\n@router.post(\"/login\")\n" +
			"async def login(form: OAuth2PasswordRequestForm = Depends()):\n    user = await get_user(form.username)\n" +
			"    ok = user and await run_in_threadpool(pwd_context.verify, form.password, user.hashed_password)\n" +
			"    if not ok:\n        raise HTTPException(status_code=401)\n\n# or make the handler a plain def: FastAPI runs it in a threadpool\n",
		Limits: "Hashers held in local variables, instance attributes or function return values are not recognised, nor helpers that do more " +
			"than return the hashing call (those are FA105's territory when they block). Calls in plain `def` functions, in lambdas, or " +
			"passed to `run_in_threadpool`/`asyncio.to_thread`/`run_in_executor` are not reported. Test files, scripts, migrations and CLIs are skipped.",
		References: []string{
			"https://fastapi.tiangolo.com/async/#very-technical-details",
			"https://passlib.readthedocs.io/en/stable/narr/context-tutorial.html",
		},
	},
	CheckModule: checkCPUBoundInAsync,
})

// fa104Funcs are library functions that hash a password when called.
var fa104Funcs = map[string]bool{
	"bcrypt.hashpw": true, "bcrypt.checkpw": true, "bcrypt.kdf": true,
	"hashlib.pbkdf2_hmac": true, "hashlib.scrypt": true,
}

// fa104Hashers maps hasher classes to the methods that hash.
var fa104Hashers = map[string]map[string]bool{
	"passlib.context.CryptContext":    {"hash": true, "verify": true, "verify_and_update": true, "encrypt": true},
	"passlib.apps.custom_app_context": {"hash": true, "verify": true, "verify_and_update": true, "encrypt": true},
	"argon2.PasswordHasher":           {"hash": true, "verify": true},
}

// fa104PasslibHash reports `passlib.hash.<scheme>.hash/verify` (also
// through `.using(...)`).
func fa104PasslibHash(q, method string) bool {
	return strings.HasPrefix(q, "passlib.hash.") && (method == "hash" || method == "verify" || method == "encrypt")
}

// fa104Tag is the collector tag of a function whose body only returns a
// password-hashing call: the call's label, or "?" + hasher variable + "|" +
// method when the hasher is imported and is decided in the project phase.
const fa104Tag = "fa104.wraps"

var _ = registerCollector(func(pass *analyzer.Pass) {
	m := pass.Module
	for _, def := range m.Functions {
		if def.Async || def.Outer != nil {
			continue
		}
		call := fa104SingleReturn(def)
		if call == nil {
			continue
		}
		if label, pending := fa104Classify(m, def, call); label != "" {
			pass.Tag(def, fa104Tag, label)
		} else if pending != "" {
			pass.Tag(def, fa104Tag, "?"+pending)
		}
	}
})

func checkCPUBoundInAsync(pass *analyzer.Pass) {
	m := pass.Module
	if !isAppCode(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		fn := asyncContext(m, call)
		if fn == nil || offloaded(m, call) || pyast.IsAwaited(call) {
			continue
		}
		label := funcLabel(fn)
		what, pending := fa104Classify(m, fn, call)
		if what != "" {
			pass.Report(call, "%s", fa104Message(what, "", label))
			continue
		}
		// A project helper that only wraps a hashing call.
		callee := pyast.Callee(call)
		if callee.Is("identifier") && locallyBound(fn, callee.Text()) {
			continue
		}
		q := calledName(m, call)
		if q == "" || !m.IsProjectSymbol(q) {
			continue
		}
		name := pyast.DottedName(callee)
		if def := m.Defs[name]; def != nil && analyzer.ModuleOf(q) == m.Name {
			if def.Async {
				continue
			}
			if inner := fa104SingleReturn(def); inner != nil {
				if what, pending := fa104Classify(m, def, inner); what != "" {
					pass.Report(call, "%s", fa104Message(what, name, label))
				} else if pending != "" {
					pass.ReportWhen(call, func(p *analyzer.Project) string {
						if what := fa104Pending(p, pending); what != "" {
							return fa104Message(what, name, label)
						}
						return ""
					})
				}
			}
			continue
		}
		pass.ReportWhen(call, func(p *analyzer.Project) string {
			if pending != "" {
				if what := fa104Pending(p, pending); what != "" {
					return fa104Message(what, "", label)
				}
			}
			f := p.Function(q)
			if f == nil || f.Async {
				return ""
			}
			what := f.Tags[fa104Tag]
			if strings.HasPrefix(what, "?") {
				what = fa104Pending(p, what[1:])
			}
			if what == "" {
				return ""
			}
			return fa104Message(what, name, label)
		})
	}
}

func fa104Message(what, helper, label string) string {
	if helper != "" {
		return fmt.Sprintf("`%s()` only wraps the CPU-heavy password hash %s and blocks the event loop inside %s; call it through `await run_in_threadpool(%s, ...)` or make the function a plain def",
			helper, what, label, helper)
	}
	return fmt.Sprintf("CPU-heavy password hash %s blocks the event loop inside %s; run it with `await run_in_threadpool(...)`/`asyncio.to_thread(...)` or make the function a plain def",
		what, label)
}

// fa104Classify says whether call hashes a password: label is the call's
// description when known now; pending is "hasherVar|method" when the
// receiver is a variable of another project module, decided later.
func fa104Classify(m *analyzer.Module, fn *analyzer.Function, call *pyast.Node) (label, pending string) {
	callee := pyast.Callee(call)
	root := callee
	for root.Is("attribute") {
		root = root.ChildByField("object")
	}
	if root.Is("identifier") && fn != nil && locallyBound(fn, root.Text()) {
		return "", ""
	}
	if q := calledName(m, call); fa104Funcs[q] {
		return "`" + q + "()`", ""
	}
	recv, method := methodCall(call)
	if recv == nil {
		return "", ""
	}
	recv = pyast.Unparen(recv)
	if recv.Is("call") {
		// CryptContext(...).hash(...), PasswordHasher().verify(...),
		// passlib.hash.bcrypt.using(rounds=13).hash(...)
		rq := calledName(m, recv)
		if fa104Hashers[rq][method] {
			return "`" + analyzer.LastPart(rq) + "()." + method + "()`", ""
		}
		if r2, m2 := methodCall(recv); m2 == "using" && fa104PasslibHash(m.Resolve(r2), method) {
			return "`" + pyast.DottedName(r2) + ".using(...)." + method + "()`", ""
		}
		return "", ""
	}
	rq := m.Resolve(recv)
	if rq == "" {
		return "", ""
	}
	if fa104PasslibHash(rq, method) || fa104Hashers[rq][method] {
		return "`" + rq + "." + method + "()`", ""
	}
	if !recv.Is("identifier") && !recv.Is("attribute") {
		return "", ""
	}
	text := pyast.DottedName(recv)
	if analyzer.ModuleOf(rq) == m.Name && recv.Is("identifier") {
		if v := pyast.Unparen(m.Vars[text]); v.Is("call") {
			if fa104Hashers[calledName(m, v)][method] {
				return "`" + text + "." + method + "()`", ""
			}
		}
		return "", ""
	}
	if m.IsProjectSymbol(rq) {
		return "", rq + "|" + method + "|" + text
	}
	return "", ""
}

// fa104Pending decides a "hasherVar|method|text" receiver in the project phase.
func fa104Pending(p *analyzer.Project, pending string) string {
	parts := strings.SplitN(pending, "|", 3)
	if len(parts) != 3 {
		return ""
	}
	_, sf := p.Lookup(p.Canonical(parts[0]))
	if sf == nil || sf.Kind != analyzer.SymbolVar || !fa104Hashers[sf.Call][parts[1]] {
		return ""
	}
	return "`" + parts[2] + "." + parts[1] + "()`"
}

// fa104SingleReturn returns the call of a def whose body (docstring aside)
// is a single `return <call>`.
func fa104SingleReturn(def *analyzer.Function) *pyast.Node {
	var stmts []*pyast.Node
	for _, st := range def.Body().NamedChildren() {
		if st.Is("comment") {
			continue
		}
		if len(stmts) == 0 && st.Is("expression_statement") && pyast.IsString(st.NamedChild(0)) {
			continue // docstring
		}
		stmts = append(stmts, st)
	}
	if len(stmts) != 1 || !stmts[0].Is("return_statement") {
		return nil
	}
	if call := pyast.Unparen(stmts[0].NamedChild(0)); call.Is("call") {
		return call
	}
	return nil
}
