package analyzer

// The engine itself reports these; they are in the registry like any rule so
// users can select, ignore and look them up.
var (
	SyntaxErrorRule = &Rule{
		Code: "FA001", Name: "syntax-error", Principle: PrincipleAnalysis, Severity: SeverityError,
		Precision: "high", Since: "0.1.0",
		Summary: "A file could not be fully parsed; the rest of it is still audited.",
		Doc: Doc{
			What: "Reports a Python file that tree-sitter could not parse completely, with the line and column of the first error. The parts the parser recovered are still audited.",
			Why: "Findings may be missing for the part of the file that did not parse. The file may be broken, or it may use syntax newer than fastaudit's grammar " +
				"(for example PEP 758 `except A, B:` from Python 3.14); the message does not claim the code is wrong.",
			Example:    "def broken(:\n    pass\n",
			UseInstead: "def fixed():\n    pass\n",
			Limits:     "Only the first error of a file is reported.",
		},
	}
	UnreadableRule = &Rule{
		Code: "FA002", Name: "unreadable-file", Principle: PrincipleAnalysis, Severity: SeverityError,
		Precision: "very-high", Since: "0.1.0",
		Summary: "A file could not be read or decoded, so it was not audited.",
		Doc: Doc{
			What: "Reports a file that was discovered but not audited: it could not be read (permissions, a broken symlink or a symlink loop), is binary, " +
				"is not UTF-8, or exceeds the size or parse-time limit.",
			Why:        "A file that is silently skipped hides every problem in it; the report says what was not audited.",
			Example:    "# a .py file saved as UTF-16, or without read permission",
			UseInstead: "# a readable UTF-8 source file",
		},
	}
	InternalErrorRule = &Rule{
		Code: "FA003", Name: "internal-error", Principle: PrincipleAnalysis, Severity: SeverityError,
		Precision: "very-high", Since: "0.1.0",
		Summary: "fastaudit failed on a file; other checks and files still ran.",
		Doc: Doc{
			What:       "Reports a crash inside one check (or the model builder) on one file. The crash is contained: the other checks and files are audited as usual.",
			Why:        "It is a bug in fastaudit, not in your code, but it means a check did not run on this file. Please report it with the file if you can.",
			Example:    "# any input that makes a check fail",
			UseInstead: "# nothing to change in your code",
		},
	}
)

// Diagnostics are the rules the engine reports itself.
func Diagnostics() []*Rule { return []*Rule{SyntaxErrorRule, UnreadableRule, InternalErrorRule} }
