package rules

import (
	"fmt"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA218 = register(&analyzer.Rule{
	Code: "FA218", Name: "tls-verify-disabled", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 7.5, CWE: []string{"CWE-295"}, Since: "0.1.0",
	Summary: "TLS certificate verification is turned off (`verify=False`, an unverified SSL context).",
	Doc: analyzer.Doc{
		What: "Reports `verify=False` on `requests.*` and `httpx.*` calls and clients (`requests.get(..., verify=False)`, " +
			"`httpx.Client(verify=False)`, `httpx.AsyncClient(verify=False)`, `session.get(..., verify=False)` on a `requests.Session` or " +
			"httpx client), `ssl=False`/`verify_ssl=False` on `aiohttp` calls and connectors, `<requests.Session>.verify = False`, " +
			"`ssl._create_unverified_context` (called, or installed as `ssl._create_default_https_context`) and " +
			"`<context>.verify_mode = ssl.CERT_NONE`.",
		Why: "Without certificate verification any machine on the network path (a compromised Wi-Fi, a proxy, a cloud neighbour, DNS " +
			"spoofing) can impersonate the remote service: it reads the API keys and personal data sent to it and feeds forged " +
			"responses back to the application.",
		Example: "async with httpx.AsyncClient(verify=False) as client:\n    r = await client.get(PAYMENT_API)\n",
		UseInstead: "async with httpx.AsyncClient() as client:  # verifies against certifi's CA bundle\n    r = await client.get(PAYMENT_API)\n\n" +
			"# a private CA: point verify at its bundle\nhttpx.AsyncClient(verify=\"/etc/ssl/internal-ca.pem\")\n",
		Limits: "Only the literal `False` is reported: `verify=settings.VERIFY_SSL` is configuration and left alone, and so is code in a " +
			"branch of an `if` whose condition reads such a setting (`if not config.verify_certificates: ctx.verify_mode = ssl.CERT_NONE`). Method calls on " +
			"clients whose type cannot be inferred are not reported. `urllib3.disable_warnings()` alone is not a finding. Test files are skipped.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/295.html",
			"https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification",
			"https://www.python-httpx.org/advanced/ssl/",
		},
	},
	CheckModule: checkTLSVerifyDisabled,
})

// fa218Clients are the client types whose methods take verify=.
var fa218Clients = map[string]bool{"requests.Session": true, "httpx.Client": true, "httpx.AsyncClient": true}

func checkTLSVerifyDisabled(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		if fa218ConfigGated(call) {
			continue
		}
		q := calledName(m, call)
		if q == "ssl._create_unverified_context" {
			pass.Report(call, "`ssl._create_unverified_context()` builds a TLS context that accepts any certificate; use `ssl.create_default_context()` (with `cafile=` for a private CA)")
			continue
		}
		top, _, _ := strings.Cut(q, ".")
		if top == "aiohttp" {
			for _, kw := range []string{"ssl", "verify_ssl"} {
				if v := pyast.Kwarg(call, kw); v.Is("false") {
					pass.Report(v.Parent, "%s", fmt.Sprintf("`%s=False` on `%s()` turns off TLS certificate verification; drop it, or pass an `ssl.SSLContext` built for your CA", kw, q))
				}
			}
			continue
		}
		v := pyast.Kwarg(call, "verify")
		if !v.Is("false") {
			continue
		}
		kwarg := v.Parent
		if top == "requests" || top == "httpx" {
			pass.Report(kwarg, "%s", fa218Message(q+"()"))
			continue
		}
		recv, method := methodCall(call)
		if recv == nil {
			continue
		}
		fn := m.EnclosingFunction(call)
		label := pyast.DottedName(recv) + "." + method + "()"
		pass.ReportKind(kwarg, pass.KindOf(fn, recv), func(k analyzer.Kind) string {
			if fa218Clients[k.Type()] {
				return fa218Message(label)
			}
			return ""
		})
	}
	for _, asg := range m.Nodes("assignment") {
		left, right := asg.ChildByField("left"), pyast.Unparen(asg.ChildByField("right"))
		if !left.Is("attribute") || fa218ConfigGated(asg) {
			continue
		}
		attr := left.ChildByField("attribute").Text()
		switch {
		case attr == "verify" && right.Is("false"):
			obj := left.ChildByField("object")
			fn := m.EnclosingFunction(asg)
			label := left.Text()
			pass.ReportKind(asg, pass.KindOf(fn, obj), func(k analyzer.Kind) string {
				if k.Type() == "requests.Session" {
					return fmt.Sprintf("`%s = False` turns off TLS certificate verification for every request of the session; remove it, or set `verify` to your CA bundle's path", label)
				}
				return ""
			})
		case attr == "verify_mode" && m.Resolve(right) == "ssl.CERT_NONE":
			pass.Report(asg, "%s", fmt.Sprintf("`%s = ssl.CERT_NONE` makes the TLS context accept any certificate; keep `ssl.CERT_REQUIRED` and load your CA with `load_verify_locations()`", left.Text()))
		case m.Resolve(right) == "ssl._create_unverified_context":
			pass.Report(asg, "%s", fmt.Sprintf("`%s = ssl._create_unverified_context` turns off certificate verification for every HTTPS connection of the process; remove it and fix the CA bundle instead", left.Text()))
		}
	}
}

// fa218GateWords name a setting that decides about certificate checks.
var fa218GateWords = map[string]bool{
	"verify": true, "verification": true, "ssl": true, "tls": true, "cert": true, "certs": true, "certificate": true,
	"certificates": true, "insecure": true, "secure": true,
}

// fa218ConfigGated reports code in a branch of an `if` (or conditional
// expression) whose condition reads a verification setting:
// `if not config.verify_certificates: ctx.verify_mode = ssl.CERT_NONE` is
// configuration, like `verify=settings.VERIFY_SSL`.
func fa218ConfigGated(n *pyast.Node) bool {
	for p := n.Up(); p != nil; p = p.Parent {
		var cond *pyast.Node
		switch p.Kind {
		case "function_definition", "class_definition", "lambda", "module":
			return false
		case "if_statement", "elif_clause":
			cond = p.ChildByField("condition")
		case "conditional_expression":
			if kids := p.NamedChildren(); len(kids) == 3 && !kids[1].Contains(n) {
				cond = kids[1]
			}
		}
		if cond == nil || cond.Contains(n) {
			continue
		}
		gated := false
		cond.Walk(func(c *pyast.Node) bool {
			if c.Is("identifier") {
				for _, w := range secretNameWords(c.Text()) {
					gated = gated || fa218GateWords[w]
				}
			}
			return !gated
		})
		if gated {
			return true
		}
	}
	return false
}

func fa218Message(what string) string {
	return fmt.Sprintf("`verify=False` on `%s` turns off TLS certificate verification, so anyone on the network path can impersonate the server; remove it, or pass the path of your CA bundle", what)
}
