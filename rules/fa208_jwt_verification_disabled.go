package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA208 = register(&analyzer.Rule{
	Code: "FA208", Name: "jwt-verification-disabled", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 9.0, CWE: []string{"CWE-347"}, Since: "0.1.0",
	Summary: "A JWT is decoded without verifying its signature, without pinning the algorithm, with the `none` algorithm allowed, or read unverified to authenticate a request.",
	Doc: analyzer.Doc{
		What: "Reports, for PyJWT and python-jose (`import jwt`, `from jose import jwt`, `from jose.jwt import decode`, aliases included):\n\n" +
			"- `jwt.decode(..., options={\"verify_signature\": False})` (also through a variable holding the options dict) and " +
			"`jwt.decode(..., verify=False)`;\n" +
			"- `jwt.decode(...)` with no `algorithms=` (keyword or third positional argument) or `algorithms=None`;\n" +
			"- `\"none\"` among the allowed algorithms, and algorithms taken from the token's own unverified header " +
			"(`algorithms=[jwt.get_unverified_header(token)[\"alg\"]]`);\n" +
			"- `jwt.get_unverified_claims(...)`/`jwt.get_unverified_header(...)` in a path operation or a dependency (a function with " +
			"`Depends`/`Security` parameters, or one used as a dependency anywhere in the project) that does not also verify the token " +
			"with `jwt.decode`.",
		Why: "A JWT is only as trustworthy as its signature check. Without it anyone can write `{\"sub\": \"admin\"}` and be admin. " +
			"Without a pinned algorithm list the token's header picks the algorithm: `none` (no signature), or HS256 keyed with the " +
			"server's public RSA key (algorithm confusion). Reading claims with `get_unverified_claims` in an authentication " +
			"dependency skips the check entirely.",
		Example: "def get_current_user(token: str = Depends(oauth2_scheme)):\n" +
			"    payload = jwt.decode(token, options={\"verify_signature\": False})\n    return payload[\"sub\"]\n",
		UseInstead: "def get_current_user(token: str = Depends(oauth2_scheme)):\n" +
			"    payload = jwt.decode(token, settings.secret_key, algorithms=[\"HS256\"])\n    return payload[\"sub\"]\n",
		Limits: "Options and algorithm lists are read when they are literals or names bound to literals; values from settings are trusted. " +
			"`verify_exp`/`verify_aud` set to False are not reported. `get_unverified_header` in a helper that only picks a key id (`kid`) " +
			"for a later `jwt.decode` is not reported. Calls with `**kwargs` are not checked for missing algorithms. Other JWT libraries " +
			"(authlib, jwcrypto) are not covered. Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/347.html",
			"https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode",
			"https://python-jose.readthedocs.io/en/latest/jwt/api.html",
			"https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html",
		},
	},
	CheckModule: checkJWTVerificationDisabled,
})

// fa208Decoders are the verifying decode functions (PyJWT and python-jose
// share the canonical `jwt.` prefix).
var fa208Decoders = map[string]bool{
	"jwt.decode": true, "jwt.decode_complete": true, "jwt.api_jwt.decode": true, "jwt.api_jwt.decode_complete": true,
	"jwt.PyJWT.decode": true, "jwt.PyJWT.decode_complete": true,
}

// fa208Unverified read a token without checking it.
var fa208Unverified = map[string]bool{
	"jwt.get_unverified_claims": true, "jwt.get_unverified_header": true, "jwt.get_unverified_headers": true,
	"jose.jws.get_unverified_claims": true, "jose.jws.get_unverified_header": true, "jose.jws.get_unverified_headers": true,
	"jwt.api_jws.get_unverified_header": true,
}

var fa208HeaderSpec = &taintSpec{
	Source: func(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []taint {
		if n.Is("call") && fa208Unverified[calledName(m, n)] {
			return []taint{{Label: truncateExpr(n.Text()), Field: taintAny}}
		}
		return nil
	},
}

func checkJWTVerificationDisabled(pass *analyzer.Pass) {
	if pass.IsTest() {
		return
	}
	m := pass.Module
	verifying := map[*analyzer.Function]bool{}
	for _, call := range m.Nodes("call") {
		q := taintCallName(m, m.EnclosingFunction(call), call)
		if q == "" {
			q = calledName(m, call)
		}
		if fa208Decoders[q] {
			// A decode (safe, or reported on its own) makes the
			// unverified reads of the same function a key lookup.
			fa208CheckDecode(pass, call, q)
			verifying[m.EnclosingFunction(call)] = true
		}
	}
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		if !fa208Unverified[q] {
			continue
		}
		fn := m.EnclosingFunction(call)
		if fn == nil || verifying[fn] {
			continue
		}
		msg := fmt.Sprintf("`%s()` reads the token without checking its signature in %s, which authenticates requests: anyone can forge the claims; decode it with `jwt.decode(token, key, algorithms=[\"HS256\"])`",
			analyzer.LastPart(q), funcLabel(fn))
		if fa208AuthContext(fn) {
			pass.Report(call, "%s", msg)
			continue
		}
		if fn.Class != nil || fn.Outer != nil {
			continue
		}
		name := m.Name + "." + fn.Name
		pass.ReportWhen(call, func(p *analyzer.Project) string {
			if fa208UsedAsDependency(p, name) {
				return msg
			}
			return ""
		})
	}
}

// fa208AuthContext reports handlers and functions that take dependencies
// (typically dependencies themselves: get_current_user(token = Depends(...))).
func fa208AuthContext(fn *analyzer.Function) bool {
	if fn.Handler != nil {
		return true
	}
	for _, p := range fn.Params {
		if p.Depends != nil {
			return true
		}
	}
	return false
}

// fa208UsedAsDependency reports whether q is the target of a Depends/Security anywhere.
func fa208UsedAsDependency(p *analyzer.Project, q string) bool {
	match := func(deps []analyzer.DepFact) bool {
		for _, d := range deps {
			if d.Target != "" && (d.Target == q || p.Canonical(d.Target) == q) {
				return true
			}
		}
		return false
	}
	for _, mf := range p.Files {
		for _, f := range mf.Functions {
			if match(f.Deps) {
				return true
			}
		}
		for _, h := range mf.Handlers {
			if match(h.Deps) {
				return true
			}
		}
		for _, r := range mf.Routers {
			if match(r.Deps) {
				return true
			}
		}
		for _, inc := range mf.Includes {
			if match(inc.Deps) {
				return true
			}
		}
	}
	return false
}

// fa208CheckDecode reports an unsafe decode; it returns whether it did.
func fa208CheckDecode(pass *analyzer.Pass, call *pyast.Node, q string) (reported bool) {
	m := pass.Module
	fn := m.EnclosingFunction(call)
	short := "jwt." + analyzer.LastPart(q)
	if v := pyast.Unparen(pyast.Kwarg(call, "verify")); v.Is("false") {
		pass.Report(call, "`%s(..., verify=False)` accepts any token, forged or not; verify the signature: pass the key and `algorithms=[\"HS256\"]`", short)
		return true
	}
	options := pyast.Kwarg(call, "options")
	if options == nil {
		options = pyast.Arg(call, 3)
	}
	if fa208DisablesSignature(m, fn, options) {
		pass.Report(call, "`%s(...)` with `options={\"verify_signature\": False}` accepts any token, forged or not: anyone can claim to be any user; verify the signature: pass the key and `algorithms=[\"HS256\"]`", short)
		return true
	}
	algs := pyast.Kwarg(call, "algorithms")
	if algs == nil {
		algs = pyast.Arg(call, 2)
	}
	if algs == nil || pyast.Unparen(algs).Is("none") {
		if algs == nil && pyast.HasDictSplat(call) {
			return false
		}
		pass.Report(call, "`%s(...)` without `algorithms=` lets the token's header choose the algorithm (python-jose accepts any, PyJWT ≥ 2 refuses to decode); pin the accepted list: `algorithms=[\"HS256\"]`", short)
		return true
	}
	for _, s := range fa208Strings(m, fn, algs) {
		if strings.EqualFold(strings.TrimSpace(s), "none") {
			pass.Report(algs, "`%s(...)` allows the `none` algorithm, so an unsigned token passes as valid; remove \"none\" from `algorithms=`", short)
			return true
		}
	}
	if len(newTaintFlow(m, fn, fa208HeaderSpec).Data(algs)) > 0 {
		pass.Report(algs, "the algorithms passed to `%s(...)` come from the token's own unverified header, so the attacker picks the algorithm (`none`, or HS256 keyed with your public key); pin the list: `algorithms=[\"RS256\"]`", short)
		return true
	}
	return false
}

// fa208DisablesSignature reports options that turn the signature check off.
func fa208DisablesSignature(m *analyzer.Module, fn *analyzer.Function, options *pyast.Node) bool {
	o := boundLiteral(m, fn, options)
	switch o.Type() {
	case "dictionary":
		for _, pair := range o.NamedChildren() {
			if k, ok := pyast.StringValue(pair.ChildByField("key")); ok && k == "verify_signature" {
				return pyast.Unparen(pair.ChildByField("value")).Is("false")
			}
		}
	case "call":
		if calledName(m, o) == "builtins.dict" {
			return pyast.Unparen(pyast.Kwarg(o, "verify_signature")).Is("false")
		}
	}
	return false
}

// fa208Strings reads the string literals of an algorithms argument.
func fa208Strings(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node) []string {
	n = boundLiteral(m, fn, n)
	if s, ok := pyast.StringValue(n); ok {
		return []string{s}
	}
	var out []string
	for _, c := range n.NamedChildren() {
		if s, ok := pyast.StringValue(boundLiteral(m, fn, c)); ok {
			out = append(out, s)
		}
	}
	return out
}
