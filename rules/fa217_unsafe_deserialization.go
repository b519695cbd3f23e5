package rules

import (
	"fmt"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA217 = register(&analyzer.Rule{
	Code: "FA217", Name: "unsafe-deserialization", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 8.5, CWE: []string{"CWE-502", "CWE-95"}, Since: "0.1.0",
	Summary: "`pickle`, unsafe `yaml.load`, `marshal`, `dill`, `jsonpickle` or `eval`/`exec` in a handler or on data that is not a literal.",
	Doc: analyzer.Doc{
		What: "Reports calls that can run arbitrary code while reading data: `pickle.loads`/`pickle.load` (also `cPickle`, `_pickle`, " +
			"`pickle.Unpickler`), `yaml.load`/`yaml.load_all` without `Loader=yaml.SafeLoader` (or `CSafeLoader`, `BaseLoader`), " +
			"`yaml.unsafe_load`/`yaml.unsafe_load_all`, `marshal.loads`/`marshal.load`, `dill.loads`/`dill.load`, `jsonpickle.decode`, " +
			"and the builtins `eval`/`exec`. Inside a path operation (or a function nested in one) every use is reported. Elsewhere, " +
			"`loads`-style calls and `eval`/`exec` are reported when their argument is not a literal; `pickle.load(file)` & co. outside " +
			"handlers (loading a model file at startup) are left alone, and outside handlers tests, scripts, migrations and CLIs are skipped. `eval`/`exec` findings are CWE-95 (code injection), the others CWE-502.",
		Why: "Unpickling, `marshal`, `dill`, `jsonpickle` and PyYAML's full/unsafe loaders construct arbitrary Python objects, which lets " +
			"whoever controls the bytes run code on the server (`__reduce__` gadgets, `!!python/object/apply`). `eval`/`exec` run the " +
			"string as code outright. In a handler the data is, or is close to, the request; in a cache or queue it is whatever anyone " +
			"with access to that store wrote.",
		Example: "@router.post(\"/import\")\nasync def import_config(file: UploadFile):\n    config = yaml.load(await file.read(), Loader=yaml.Loader)\n" +
			"    return config\n",
		UseInstead: "@router.post(\"/import\")\nasync def import_config(file: UploadFile):\n    config = yaml.safe_load(await file.read())\n" +
			"    return ConfigModel.model_validate(config)\n\n# JSON instead of pickle; ast.literal_eval instead of eval\n",
		Limits: "`yaml.load` with a loader that is neither a known safe nor a known unsafe PyYAML loader (a project subclass) is not reported. " +
			"`torch.load`, `joblib.load`, `pandas.read_pickle` and `shelve` are not covered. A handler that calls a helper which unpickles " +
			"request data is reported only when the helper's argument is not a literal.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/502.html",
			"https://cwe.mitre.org/data/definitions/95.html",
			"https://docs.python.org/3/library/pickle.html",
			"https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation",
		},
	},
	CheckModule: checkUnsafeDeserialization,
})

// fa217Loads maps unsafe deserializers to whether they read from a file
// object (those are left alone outside handlers).
var fa217Loads = map[string]bool{
	"pickle.loads": false, "pickle.load": true, "pickle.Unpickler": true,
	"cPickle.loads": false, "cPickle.load": true, "_pickle.loads": false, "_pickle.load": true,
	"marshal.loads": false, "marshal.load": true,
	"dill.loads": false, "dill.load": true,
	"jsonpickle.decode": false, "jsonpickle.loads": false,
	"yaml.unsafe_load": false, "yaml.unsafe_load_all": false,
	"yaml.load": false, "yaml.load_all": false,
	"builtins.eval": false, "builtins.exec": false,
}

var fa217SafeLoaders = map[string]bool{
	"yaml.SafeLoader": true, "yaml.CSafeLoader": true, "yaml.BaseLoader": true, "yaml.CBaseLoader": true,
	"yaml.loader.SafeLoader": true, "yaml.loader.BaseLoader": true, "yaml.cyaml.CSafeLoader": true, "yaml.cyaml.CBaseLoader": true,
}

var fa217UnsafeLoaders = map[string]bool{
	"yaml.Loader": true, "yaml.UnsafeLoader": true, "yaml.FullLoader": true, "yaml.CLoader": true,
	"yaml.CUnsafeLoader": true, "yaml.CFullLoader": true, "yaml.loader.Loader": true, "yaml.loader.FullLoader": true,
	"yaml.loader.UnsafeLoader": true,
}

func checkUnsafeDeserialization(pass *analyzer.Pass) {
	m := pass.Module
	for _, call := range m.Nodes("call") {
		q := calledName(m, call)
		fileObj, ok := fa217Loads[q]
		if !ok {
			continue
		}
		fn := m.EnclosingFunction(call)
		if root := pyast.Callee(call); root.Is("identifier") && fn != nil && locallyBound(fn, root.Text()) {
			continue
		}
		if q == "yaml.load" || q == "yaml.load_all" {
			loader := pyast.Kwarg(call, "Loader")
			if loader == nil {
				loader = pyast.Arg(call, 1)
			}
			if loader != nil {
				lq := m.Resolve(loader)
				if !fa217UnsafeLoaders[lq] {
					continue // safe or unknown loader
				}
			}
		}
		handler := fa217Handler(m, fn)
		arg := pyast.Arg(call, 0)
		if handler == nil {
			if !isAppCode(m) || fileObj || arg == nil || pyast.IsLiteral(arg) {
				continue
			}
			if _, lit := stringOrBytesLiteral(arg); lit {
				continue
			}
		}
		name := analyzer.LastPart(q)
		if q != "builtins.eval" && q != "builtins.exec" {
			name = q
		}
		where := "on data that is not a literal"
		if handler != nil {
			where = "in path operation " + funcLabel(handler)
		}
		switch q {
		case "builtins.eval", "builtins.exec":
			pass.Report(call, "%s", fmt.Sprintf("`%s()` %s runs its argument as Python code (CWE-95); parse the value instead (`ast.literal_eval`, `json.loads`, an explicit mapping)",
				name, where))
		case "yaml.load", "yaml.load_all", "yaml.unsafe_load", "yaml.unsafe_load_all":
			pass.Report(call, "%s", fmt.Sprintf("`%s()` without `Loader=yaml.SafeLoader` %s can build arbitrary Python objects and run code; use `yaml.safe_load()`",
				name, where))
		default:
			pass.Report(call, "%s", fmt.Sprintf("`%s()` %s runs code embedded in the data it reads; use JSON (`json.loads`) with a Pydantic model instead",
				name, where))
		}
	}
}

// fa217Handler returns the path operation fn is, or is nested in; nil otherwise.
func fa217Handler(m *analyzer.Module, fn *analyzer.Function) *analyzer.Function {
	for f := fn; f != nil; f = f.Outer {
		if isPathOperation(m, f) {
			return f
		}
	}
	return nil
}
