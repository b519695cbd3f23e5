package analyzer

// Doc is a rule's documentation. Every rule has the same sections, so that
// `fastaudit explain`, SARIF help and the generated docs read alike.
type Doc struct {
	What       string // what it does
	Why        string // why it is bad
	Example    string // Python code that the rule reports
	UseInstead string // Python code that it does not
	Limits     string // known limits (false negatives it accepts to stay precise)
	References []string
}

// Rule is one check with its metadata. The registry in package rules is the
// single source for `rules`, `explain`, SARIF rule descriptors and docs.
type Rule struct {
	Code      string // "FA101"
	Name      string // "sync-db-in-async"
	Principle Principle
	Severity  Severity // default severity
	// Precision is SARIF's precision property: "very-high", "high", "medium" or "low".
	Precision string
	// SecuritySeverity is GitHub's security-severity score (0.0-10.0); security rules only.
	SecuritySeverity float64
	CWE              []string // e.g. "CWE-89"; security rules only
	Since            string   // fastaudit version that introduced the rule
	Summary          string   // one line: what it catches
	Doc              Doc

	// CheckModule runs once per parsed module, with the module's syntax tree.
	CheckModule func(*Pass)
	// CheckProject runs once per run, on the facts of every module.
	CheckProject func(*ProjectPass)
}

// IsSecurity reports whether the rule belongs to the security principle.
func (r *Rule) IsSecurity() bool { return r.Principle == PrincipleSecurity }
