package rules

import (
	"sort"
	"strings"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
)

var FA216 = register(&analyzer.Rule{
	Code: "FA216", Name: "unsafe-upload-path", Principle: analyzer.PrincipleSecurity, Severity: analyzer.SeverityError,
	Precision: "high", SecuritySeverity: 8.0, CWE: []string{"CWE-22"}, Since: "0.1.0",
	Summary: "An uploaded file's name or a request parameter is joined into a filesystem path without sanitising it (path traversal).",
	Doc: analyzer.Doc{
		What: "Reports a filesystem path built from `UploadFile.filename` (a parameter annotated `UploadFile` or `list[UploadFile]`, " +
			"also through `for f in files`) or from a request value (a path/query/body parameter, a request model field, " +
			"`request.query_params[...]`) — directly or through assignments, f-strings, `%`, `.format`, `+`, `os.path.join`, " +
			"`Path(...)`, the `/` operator and `.resolve()` — when it reaches `open`, `aiofiles.open`, `pathlib.Path(...)`/`PurePath(...)`, " +
			"`os.path.join`, `FileResponse`, `shutil.*` or `os.remove/unlink/rename/makedirs`. One finding per value and function, at " +
			"the first place it enters a path.\n\n" +
			"Not reported: values passed through `os.path.basename`, `Path(name).name` (any `.name`/`.suffix`/`.stem` of a path), " +
			"`werkzeug.utils.secure_filename` (or any `secure_filename`/`sanitize_filename` helper), `re.*` matches and substitutions " +
			"(`re.sub(r\"[^\\w.-]\", \"\", name)`, `re.match(...).group()`), values checked before the last use " +
			"with a membership test (`if name not in ALLOWED: raise`), `.is_relative_to(...)`/`.relative_to(...)`/`.startswith(...)` on " +
			"the resolved path, `os.path.commonpath`, or a `*safe*`/`*valid*`/`*check*`/`*allowed*` helper, and server-generated names " +
			"(`uuid4().hex`, numbers, `int`/`UUID` parameters).",
		Why: "A client chooses the upload's file name and every parameter: `../../app/main.py`, `/etc/passwd` or `..\\\\..\\\\web.config` " +
			"joined to an upload directory writes, reads or deletes files outside it (CWE-22) — overwriting code or configuration, or " +
			"serving secrets through `FileResponse`. `os.path.join(UPLOAD_DIR, \"/etc/passwd\")` even drops the directory.",
		Example: "@router.post(\"/upload\")\nasync def upload(file: UploadFile):\n    with open(UPLOAD_DIR / file.filename, \"wb\") as out:\n" +
			"        out.write(await file.read())\n",
		UseInstead: "@router.post(\"/upload\")\nasync def upload(file: UploadFile):\n    name = f\"{uuid4().hex}{Path(file.filename).suffix}\"  # or secure_filename(file.filename)\n" +
			"    with open(UPLOAD_DIR / name, \"wb\") as out:\n        out.write(await file.read())\n\n" +
			"@router.get(\"/files/{name}\")\ndef download(name: str):\n    path = (UPLOAD_DIR / name).resolve()\n" +
			"    if not path.is_relative_to(UPLOAD_DIR):\n        raise HTTPException(404)\n    return FileResponse(path)\n",
		Limits: "Any membership, `startswith` or `is_relative_to` test on the value (or a path built from it) before its last use counts " +
			"as a check, whatever it tests. `os.path.splitext(name)[1]` is reported although an extension cannot hold a separator. " +
			"Project helpers called with the value are not followed (they are checked on their own: their `UploadFile` parameters and, " +
			"when a caller passes request data, their string parameters are sources). The `/` operator counts as a path join when its " +
			"left side is a `Path(...)`, a name bound to one, or a name that ends like a directory (`UPLOAD_DIR`, `base_path`, `media_root`), " +
			"or its right side is an upload's file name.",
		References: []string{
			"https://cwe.mitre.org/data/definitions/22.html",
			"https://owasp.org/www-community/attacks/Path_Traversal",
			"https://fastapi.tiangolo.com/tutorial/request-files/",
		},
	},
	CheckModule: checkUnsafeUploadPath,
})

// fa216Builders build a path from every positional argument.
var fa216Builders = map[string]bool{
	"pathlib.Path": true, "pathlib.PurePath": true, "pathlib.PosixPath": true, "pathlib.PurePosixPath": true,
	"pathlib.WindowsPath": true, "pathlib.PureWindowsPath": true, "os.path.join": true, "anyio.Path": true,
	"aiofiles.ospath.join": true,
}

// fa216Sinks use their first argument (and for shutil, the second) as a path.
var fa216Sinks = map[string]int{
	"builtins.open": 1, "io.open": 1, "aiofiles.open": 1, "codecs.open": 1,
	"fastapi.responses.FileResponse": 1, "starlette.responses.FileResponse": 1, "fastapi.FileResponse": 1,
	"os.remove": 1, "os.unlink": 1, "os.rename": 2, "os.replace": 2, "os.makedirs": 1, "os.mkdir": 1, "os.rmdir": 1,
	"os.open": 1, "os.listdir": 1, "aiofiles.os.remove": 1, "aiofiles.os.rename": 2,
}

// fa216Propagators carry their arguments into the path they return.
func fa216Propagator(q string) bool {
	switch q {
	case "os.path.abspath", "os.path.normpath", "os.path.realpath", "os.path.expanduser", "os.fspath", "os.path.join",
		"posixpath.join", "ntpath.join":
		return true
	}
	return fa216Builders[q]
}

// fa216Sanitizer: basename and file-name sanitizers.
func fa216Sanitizer(q string) bool {
	switch q {
	case "os.path.basename", "posixpath.basename", "ntpath.basename", "werkzeug.utils.secure_filename", "werkzeug.secure_filename",
		"pathvalidate.sanitize_filename", "slugify.slugify", "django.utils.text.get_valid_filename":
		return true
	}
	if strings.HasPrefix(q, "re.") || strings.HasPrefix(q, "regex.") {
		return true // a regex match/substitution keeps only the characters it allows
	}
	last := analyzer.LastPart(q)
	return last == "secure_filename" || last == "sanitize_filename" || last == "safe_filename" || last == "get_valid_filename"
}

// fa216UploadVar reports whether name holds an UploadFile in fn: a parameter
// annotated UploadFile/list[UploadFile], or a loop variable over one.
func fa216UploadVar(m *analyzer.Module, fn *analyzer.Function, name string, depth int) bool {
	if fn == nil || depth > 3 {
		return false
	}
	if p := fn.Param(name); p != nil {
		return isUploadFile(m, p.Annotation)
	}
	for _, b := range m.Bindings(fn)[name] {
		if b.Node.Kind == "for_statement" || b.Node.Kind == "for_in_clause" {
			right := pyast.Unparen(b.Node.ChildByField("right"))
			if right.Is("identifier") && fa216UploadVar(m, fn, right.Text(), depth+1) {
				return true
			}
		}
	}
	return false
}

// fa216PathLike reports a left operand of `/` that is a path.
func fa216PathLike(m *analyzer.Module, fn *analyzer.Function, n *pyast.Node, depth int) bool {
	n = pyast.Unparen(n)
	if depth > 5 || n == nil {
		return false
	}
	switch n.Kind {
	case "call":
		if fa216Builders[calledName(m, n)] {
			return true
		}
		if recv, method := methodCall(n); method == "resolve" || method == "absolute" || method == "joinpath" || method == "expanduser" {
			return fa216PathLike(m, fn, recv, depth+1)
		}
	case "binary_operator":
		return n.ChildByField("operator").Type() == "/" && fa216PathLike(m, fn, n.ChildByField("left"), depth+1)
	case "identifier", "attribute":
		name := n.Text()
		if n.Kind == "attribute" {
			name = n.ChildByField("attribute").Text()
		}
		if words := secretNameWords(name); len(words) > 0 {
			switch words[len(words)-1] {
			case "dir", "directory", "folder", "root", "path", "storage", "uploads", "media", "static":
				return true
			}
		}
		if n.Kind == "identifier" {
			if v := boundLiteral(m, fn, n); v != nil && v != n {
				return fa216PathLike(m, fn, v, depth+1)
			}
		}
	}
	return false
}

type fa216Hit struct {
	node *pyast.Node
	sink string
	ts   []taint
}

func checkUnsafeUploadPath(pass *analyzer.Pass) {
	m := pass.Module
	if isTestCode(m) {
		return
	}
	outside := taintOutsideSource(true)
	for _, fn := range m.Functions {
		var flow *taintFlow
		spec := &taintSpec{Sanitizer: fa216Sanitizer, Propagator: fa216Propagator, UnknownCalls: true, OpaqueHelpers: true}
		spec.Source = func(m *analyzer.Module, f *analyzer.Function, n *pyast.Node) []taint {
			switch n.Kind {
			case "attribute":
				obj := pyast.Unparen(n.ChildByField("object"))
				if n.ChildByField("attribute").Text() == "filename" && obj.Is("identifier") && fa216UploadVar(m, f, obj.Text(), 0) {
					return []taint{{Label: n.Text()}}
				}
			case "identifier":
				if fa216UploadVar(m, f, n.Text(), 0) {
					return nil // the upload itself: its content is no path
				}
			case "binary_operator":
				if n.ChildByField("operator").Type() == "/" {
					return append(dataTaints(flow.Of(n.ChildByField("left")), false), dataTaints(flow.Of(n.ChildByField("right")), false)...)
				}
			}
			return outside(m, f, n)
		}
		flow = newTaintFlow(m, fn, spec)
		var hits []fa216Hit
		fn.Body().Walk(func(n *pyast.Node) bool {
			switch n.Kind {
			case "function_definition", "class_definition":
				return false
			case "binary_operator":
				if n.ChildByField("operator").Type() != "/" {
					return true
				}
				right := n.ChildByField("right")
				ts := flow.Data(right)
				if len(ts) == 0 {
					return true
				}
				upload := false
				for _, t := range ts {
					upload = upload || strings.HasSuffix(t.Label, ".filename")
				}
				if upload || fa216PathLike(m, fn, n.ChildByField("left"), 0) {
					hits = append(hits, fa216Hit{node: n, sink: "the `/` path join", ts: ts})
				}
			case "call":
				q := calledName(m, n)
				var args []*pyast.Node
				sink := "`" + analyzer.LastPart(q) + "()`"
				switch {
				case fa216Builders[q]:
					if up := n.Up(); up.Is("attribute") && up.ChildByField("object") == n {
						switch up.ChildByField("attribute").Text() {
						case "name", "suffix", "stem", "suffixes":
							return true // Path(name).name: the last part only, no directory
						}
					}
					for _, a := range n.ChildByField("arguments").NamedChildren() {
						if !a.Is("keyword_argument") {
							args = append(args, a)
						}
					}
					if q == "os.path.join" {
						sink = "`os.path.join()`"
					}
				case fa216Sinks[q] > 0 || strings.HasPrefix(q, "shutil.") && q != "shutil.copyfileobj" && q != "shutil.which" && q != "shutil.disk_usage":
					k := fa216Sinks[q]
					if k == 0 {
						k = 2
						sink = "`" + q + "()`"
					}
					for i := 0; i < k; i++ {
						if a := pyast.Arg(n, i); a != nil {
							args = append(args, a)
						}
					}
					for _, kw := range []string{"file", "path", "src", "dst"} {
						if a := pyast.Kwarg(n, kw); a != nil {
							args = append(args, a)
						}
					}
				}
				for _, a := range args {
					if ts := flow.Data(a); len(ts) > 0 {
						hits = append(hits, fa216Hit{node: n, sink: sink, ts: ts})
						break
					}
				}
			}
			return true
		})
		fa216Report(pass, m, fn, hits, spec)
	}
}

// fa216Report reports, per source value, its first hit unless a check on it
// precedes its last one.
func fa216Report(pass *analyzer.Pass, m *analyzer.Module, fn *analyzer.Function, hits []fa216Hit, spec *taintSpec) {
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].node.StartByte < hits[j].node.StartByte })
	byLabel := map[string][]fa216Hit{}
	var order []string
	for _, h := range hits {
		for _, l := range taintLabels(h.ts) {
			if _, ok := byLabel[l]; !ok {
				order = append(order, l)
			}
			byLabel[l] = append(byLabel[l], h)
		}
	}
	reported := map[*pyast.Node]bool{}
	for _, label := range order {
		hs := byLabel[label]
		names := []string{label, fa219LabelRoot(label)}
		for _, h := range hs {
			names = append(names, fa219Names(h.node)...)
			// the variable the path is assigned to
			if a := h.node.Ancestor("assignment"); a != nil && a.ChildByField("left").Is("identifier") {
				names = append(names, a.ChildByField("left").Text())
			}
		}
		// drop names of the sink functions themselves
		var keep []string
		for _, n := range names {
			if n != "os" && n != "os.path" && n != "os.path.join" && n != "Path" && n != "open" && n != "shutil" {
				keep = append(keep, n)
			}
		}
		last := hs[len(hs)-1].node
		if guardedBefore(m, fn, keep, last) {
			continue
		}
		first := hs[0]
		if reported[first.node] {
			continue
		}
		reported[first.node] = true
		var ts []taint
		for _, t := range first.ts {
			if t.Label == label {
				ts = append(ts, t)
			}
		}
		sink := first.sink
		msg := func() string {
			what := "the request value `" + label + "`"
			if strings.HasSuffix(label, ".filename") {
				what = "the client-chosen file name `" + label + "`"
			}
			return what + " reaches " + sink + " unsanitised, so `../` or an absolute name reads or writes files outside the intended directory (path traversal); " +
				"use a server-generated name (`uuid4().hex`), `os.path.basename`/`secure_filename(...)`, or resolve the path and check `is_relative_to(BASE_DIR)`"
		}
		now, pending := taintSplit(ts)
		if len(now) > 0 {
			pass.Report(first.node, "%s", msg())
			continue
		}
		pass.ReportWhen(first.node, func(p *analyzer.Project) string {
			for _, t := range pending {
				if spec.Holds(p, t) {
					return msg()
				}
			}
			return ""
		})
	}
}
