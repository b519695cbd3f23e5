package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/baseline"
	"github.com/fastaudit/fastaudit/analyzer/config"
	"github.com/fastaudit/fastaudit/report"
	"github.com/fastaudit/fastaudit/rules"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// Exit codes, as ruff: 0 clean, 1 findings at or above the fail level, 2 usage
// or internal failure.
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// usageError marks errors that are the user's to fix.
type usageError struct{ error }

type checkFlags struct {
	format, output, configPath, failOn string
	selectCodes, ignoreCodes           []string
	exitZero, quiet, noColor           bool
	statistics, showSource             bool
	workers                            int
	cpuProfile                         string
	noProjectRules                     bool
	sarifCategory                      string
	baseline, writeBaseline            string
	addNoqa                            bool
}

func run(args []string, stdout, stderr io.Writer) int {
	code := exitOK
	root := newRootCommand(stdout, stderr, &code)
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		fmt.Fprintf(stderr, "fastaudit: %v\n", err)
		return exitError
	}
	return code
}

func newRootCommand(stdout, stderr io.Writer, code *int) *cobra.Command {
	var cf checkFlags
	checkRun := func(cmd *cobra.Command, args []string) error {
		c, err := runCheck(cmd.Context(), args, &cf, stdout, stderr)
		*code = c
		return err
	}
	root := &cobra.Command{
		Use:   "fastaudit [check] [PATH...]",
		Short: "Audit FastAPI code against a production checklist",
		Long: "fastaudit audits FastAPI applications: async correctness, security, performance, error handling,\n" +
			"type safety, documentation, testing and production readiness. `fastaudit ./app` and\n" +
			"`fastaudit check ./app` are the same; with no PATH the current directory is audited.",
		Args:          cobra.ArbitraryArgs,
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE:          checkRun,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	addCheckFlags(root, &cf)

	check := &cobra.Command{
		Use:   "check [PATH...]",
		Short: "Audit files or directories (the default command)",
		Args:  cobra.ArbitraryArgs,
		RunE:  checkRun,
	}
	addCheckFlags(check, &cf)
	root.AddCommand(check, newRoutesCommand(stdout), newRulesCommand(stdout), newExplainCommand(stdout), newVersionCommand(stdout), newScoreCommand(stdout, stderr, code))
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	return root
}

func addCheckFlags(cmd *cobra.Command, cf *checkFlags) {
	f := cmd.Flags()
	f.StringVar(&cf.format, "format", "text", "output format: "+strings.Join(report.Formats(), ", "))
	f.StringVarP(&cf.output, "output", "o", "", "write the report to FILE instead of stdout")
	f.StringSliceVar(&cf.selectCodes, "select", nil, "only run these rule codes or prefixes (comma-separated, e.g. FA1,FA201)")
	f.StringSliceVar(&cf.ignoreCodes, "ignore", nil, "skip these rule codes or prefixes")
	f.StringVar(&cf.configPath, "config", "", "config file (default: .fastaudit.yaml in the audited directory or a parent)")
	f.BoolVar(&cf.exitZero, "exit-zero", false, "exit 0 even when there are findings")
	f.StringVar(&cf.failOn, "fail-on", "", "lowest severity that makes the exit code 1: error, warning or note (default note)")
	f.BoolVarP(&cf.quiet, "quiet", "q", false, "text format: print findings only, no summary")
	f.BoolVar(&cf.noColor, "no-color", false, "never colour the output (colour is only used on a terminal anyway; NO_COLOR is honoured)")
	f.BoolVar(&cf.statistics, "statistics", false, "print the number of findings per rule instead of the findings (text or json)")
	f.BoolVar(&cf.showSource, "show-source", false, "text format: show the source line of each finding with a caret under the span")
	f.StringVar(&cf.sarifCategory, "sarif-category", "", "sarif format: set runAutomationDetails.id to `NAME` (e.g. fastaudit/backend/), to keep separate GitHub code scanning analyses apart")
	f.StringVar(&cf.baseline, "baseline", "", "report only the findings that are not recorded in the baseline `FILE` (see --write-baseline)")
	f.StringVar(&cf.writeBaseline, "write-baseline", "", "record every current finding in the baseline `FILE`, print no report and exit 0")
	f.BoolVar(&cf.addNoqa, "add-noqa", false, "add \"# noqa: CODE\" comments to the lines of the current findings, print how many and exit 0")
	f.IntVar(&cf.workers, "jobs", 0, "parallel workers (default: number of CPUs)")
	f.BoolVar(&cf.noProjectRules, "no-project-rules", false, "skip whole-project checks (no tests, untested routes, duplicate routes, ...): for partial input such as a pre-commit file list")
	f.StringVar(&cf.cpuProfile, "cpuprofile", "", "write a Go CPU profile to FILE (for performance work)")
	_ = f.MarkHidden("cpuprofile")
}

func runCheck(ctx context.Context, paths []string, cf *checkFlags, stdout, stderr io.Writer) (int, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	// After the first Ctrl-C the run winds down (files being parsed finish);
	// a second one kills the process as usual.
	go func() { <-ctx.Done(); stop() }()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	if !validFormat(cf.format) {
		return exitError, usageError{fmt.Errorf("unknown --format %q (want one of %s)", cf.format, strings.Join(report.Formats(), ", "))}
	}
	if cf.statistics && !contains(report.StatisticsFormats(), cf.format) {
		return exitError, usageError{fmt.Errorf("--statistics works with --format %s, not %s", strings.Join(report.StatisticsFormats(), " or "), cf.format)}
	}
	if cf.writeBaseline != "" && (cf.baseline != "" || cf.addNoqa) {
		return exitError, usageError{errors.New("--write-baseline records every finding: use it without --baseline and --add-noqa")}
	}
	var base *baseline.Baseline
	if cf.baseline != "" {
		b, err := baseline.Read(cf.baseline)
		if err != nil {
			return exitError, usageError{err}
		}
		base = b
	}
	cfg, err := loadConfigNote(cf.configPath, paths[0], stderr)
	if err != nil {
		return exitError, err
	}
	enabled, err := enabledRules(cfg, cf.selectCodes, cf.ignoreCodes)
	if err != nil {
		return exitError, usageError{err}
	}
	failOn := analyzer.SeverityNote
	if s := firstNonEmpty(cf.failOn, cfg.FailOn); s != "" {
		if failOn, err = analyzer.ParseSeverity(s); err != nil {
			return exitError, usageError{fmt.Errorf("--fail-on: %v", err)}
		}
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return exitError, usageError{fmt.Errorf("cannot audit %s: %v", p, errors.Unwrap(err))}
		}
	}
	if cf.cpuProfile != "" {
		pf, err := os.Create(cf.cpuProfile)
		if err != nil {
			return exitError, err
		}
		defer pf.Close()
		if err := pprof.StartCPUProfile(pf); err != nil {
			return exitError, err
		}
		defer pprof.StopCPUProfile()
	}
	runOpts := analyzer.Options{Paths: paths, Rules: enabled, Config: cfg, Workers: cf.workers, Collectors: rules.Collectors(), NoProjectRules: cf.noProjectRules}
	var progress *progressLine
	if isTerminal(stderr) {
		progress = newProgressLine(stderr)
		runOpts.Progress = progress.update
	}
	res, err := analyzer.Run(ctx, runOpts)
	progress.clear()
	if errors.Is(err, context.Canceled) {
		return exitError, errors.New("interrupted before the audit finished: no report written")
	}
	if err != nil {
		return exitError, err
	}
	if base != nil {
		res.Findings, _ = base.Filter(res.Findings, baseline.RelativeTo(res.Root, filepath.Dir(cf.baseline)))
	}
	switch {
	case cf.writeBaseline != "":
		return writeBaseline(cf.writeBaseline, res, stderr)
	case cf.addNoqa:
		return addNoqa(res, stderr)
	}
	relativeToWorkingDir(res, paths)
	var buf bytes.Buffer
	opts := report.Options{
		Version: version, Quiet: cf.quiet, RuleHelpURI: rules.HelpURI,
		Color:      cf.output == "" && useColor(stdout, cf.noColor),
		ShowSource: cf.showSource, Statistics: cf.statistics,
		SARIFCategory: cf.sarifCategory,
	}
	if err := report.Write(&buf, cf.format, res, opts); err != nil {
		return exitError, err
	}
	if cf.output != "" {
		if err := writeFileAtomic(cf.output, buf.Bytes()); err != nil {
			return exitError, err
		}
	} else if _, err := stdout.Write(buf.Bytes()); err != nil {
		return exitError, err
	}
	if cf.exitZero {
		return exitOK, nil
	}
	for _, f := range res.Findings {
		if f.Severity >= failOn {
			return exitFindings, nil
		}
	}
	return exitOK, nil
}

func validFormat(f string) bool {
	return contains(report.Formats(), f)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// loadConfig reads --config, or the nearest .fastaudit.yaml (or
// pyproject.toml with a [tool.fastaudit] table) above the first path.
func loadConfig(explicit, firstPath string) (*config.Config, error) {
	return loadConfigNote(explicit, firstPath, io.Discard)
}

// loadConfigNote is loadConfig that also writes a note to stderr when a
// YAML file wins over a pyproject.toml table in the same directory.
func loadConfigNote(explicit, firstPath string, stderr io.Writer) (*config.Config, error) {
	path := explicit
	if path == "" {
		found, ok := config.Locate(firstPath)
		if !ok {
			return config.Default(), nil
		}
		path = found.Path
		if found.Shadowed != "" {
			fmt.Fprintf(stderr, "fastaudit: note: using %s; the [tool.fastaudit] table of %s is ignored (the YAML file wins)\n",
				displayPath(found.Path), displayPath(found.Shadowed))
		}
	}
	cfg, err := config.LoadFile(path, rules.IsCodeOrPrefix)
	if err != nil {
		return nil, usageError{err}
	}
	return cfg, nil
}

// displayPath shows p relative to the working directory when it lies
// inside it.
func displayPath(p string) string {
	wd, err := os.Getwd()
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(wd, p); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return rel
	}
	return p
}

// relativeToWorkingDir makes finding paths relative to the working
// directory when every argument is a file (pre-commit and editors pass
// files: `fastaudit check app/main.py app/routers/users.py` reports
// app/main.py, not main.py) and the audited root lies inside the working
// directory. Directory arguments keep paths relative to the audited root.
func relativeToWorkingDir(res *analyzer.Result, paths []string) {
	for _, p := range paths {
		if fi, err := os.Stat(p); err != nil || fi.IsDir() {
			return
		}
	}
	wd, err := os.Getwd()
	if err != nil {
		return
	}
	prefix, err := filepath.Rel(wd, res.Root)
	if err != nil || prefix == "." || prefix == ".." || strings.HasPrefix(prefix, ".."+string(filepath.Separator)) {
		return
	}
	prefix = filepath.ToSlash(prefix) + "/"
	for i := range res.Findings {
		res.Findings[i].Path = prefix + res.Findings[i].Path
	}
	res.Root = wd
}

// writeBaseline records res's findings in file (paths relative to the
// file's directory) and says so on stderr.
func writeBaseline(file string, res *analyzer.Result, stderr io.Writer) (int, error) {
	b := baseline.New(res.Findings, baseline.RelativeTo(res.Root, filepath.Dir(file)))
	if err := writeFileAtomic(file, b.Marshal()); err != nil {
		return exitError, err
	}
	fmt.Fprintf(stderr, "fastaudit: recorded %s in %s; run with --baseline %s to report only new ones\n",
		plural(len(b.Findings), "finding"), file, file)
	return exitOK, nil
}

// addNoqa silences res's findings with noqa comments and reports what it
// did (and what it could not do) on stderr.
func addNoqa(res *analyzer.Result, stderr io.Writer) (int, error) {
	abs := func(f *analyzer.Finding) string { return filepath.Join(res.Root, filepath.FromSlash(f.Path)) }
	done, err := baseline.AddNoqa(res.Findings, abs)
	for _, s := range done.Skipped {
		fmt.Fprintf(stderr, "fastaudit: %s\n", baseline.FormatSkip(s))
	}
	msg := fmt.Sprintf("fastaudit: added %s", plural(done.Directives, "noqa directive"))
	if done.Directives > 0 {
		msg += fmt.Sprintf(" for %s in %s", plural(done.Findings, "finding"), plural(done.Files, "file"))
	}
	if n := len(done.Skipped); n > 0 {
		msg += fmt.Sprintf("; %s could not be silenced (listed above)", plural(n, "finding"))
	}
	fmt.Fprintln(stderr, msg)
	if err != nil {
		return exitError, err
	}
	return exitOK, nil
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// useColor: only on a terminal, never with --no-color or NO_COLOR set.
func useColor(w io.Writer, noColor bool) bool {
	if noColor || os.Getenv("NO_COLOR") != "" {
		return false
	}
	return isTerminal(w)
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// progressLine is the "fastaudit: 120/400 files" line on stderr: shown only
// once the run is older than delay, rewritten in place with "\r" at most
// once per interval (and for the last file), and erased by clear before the
// report is printed. runCheck only makes one when stderr is a terminal. A nil
// *progressLine does nothing.
type progressLine struct {
	w        io.Writer
	now      func() time.Time
	start    time.Time
	delay    time.Duration
	interval time.Duration

	mu    sync.Mutex
	last  time.Time
	shown int // length of the text on screen; 0 when nothing is shown
}

func newProgressLine(w io.Writer) *progressLine {
	return &progressLine{w: w, now: time.Now, start: time.Now(), delay: time.Second, interval: 100 * time.Millisecond}
}

// update is an analyzer.Options.Progress callback.
func (p *progressLine) update(done, total int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	if now.Sub(p.start) < p.delay {
		return
	}
	if p.shown > 0 && now.Sub(p.last) < p.interval && done < total {
		return
	}
	p.last = now
	msg := fmt.Sprintf("fastaudit: %d/%d files", done, total)
	// Pad over a longer previous text (the total never changes, but be safe).
	pad := strings.Repeat(" ", max(p.shown-len(msg), 0))
	fmt.Fprint(p.w, "\r"+msg+pad)
	p.shown = len(msg)
}

// clear erases the line, if one is shown, and leaves the cursor at the start
// of the line.
func (p *progressLine) clear() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown > 0 {
		fmt.Fprint(p.w, "\r"+strings.Repeat(" ", p.shown)+"\r")
		p.shown = 0
	}
}

// writeFileAtomic writes through a temporary file and a rename, so a failed
// run never leaves a truncated report where a previous one was.
// Errors name path, not the temporary file. The file gets the mode of
// the file it replaces, or 0644.
func writeFileAtomic(path string, data []byte) error {
	fail := func(err error) error {
		var pe *os.PathError
		var le *os.LinkError
		switch {
		case errors.As(err, &pe):
			err = pe.Err
		case errors.As(err, &le):
			err = le.Err
		}
		return fmt.Errorf("cannot write %s: %v", path, err)
	}
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("cannot write %s: it is a directory", path)
		}
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".fastaudit-*.tmp")
	if err != nil {
		return fail(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return fail(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fail(err)
	}
	return nil
}

func newRulesCommand(stdout io.Writer) *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "rules",
		Short: "List every rule: code, name, principle, severity, summary",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch format {
			case "text":
				for _, r := range rules.All() {
					fmt.Fprintf(stdout, "%s  %-28s %-21s %-8s %s\n", r.Code, r.Name, r.Principle, r.Severity, r.Summary)
				}
			case "json":
				return writeRulesJSON(stdout)
			case "markdown":
				fmt.Fprint(stdout, rules.MarkdownTable())
			default:
				return usageError{fmt.Errorf("unknown --format %q (want text, json or markdown)", format)}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "text, json or markdown")
	return cmd
}

type ruleJSON struct {
	Code             string   `json:"code"`
	Name             string   `json:"name"`
	Principle        string   `json:"principle"`
	Severity         string   `json:"severity"`
	Precision        string   `json:"precision"`
	SecuritySeverity *float64 `json:"security_severity,omitempty"`
	CWE              []string `json:"cwe,omitempty"`
	Since            string   `json:"since"`
	Summary          string   `json:"summary"`
}

func writeRulesJSON(w io.Writer) error {
	out := []ruleJSON{}
	for _, r := range rules.All() {
		rj := ruleJSON{Code: r.Code, Name: r.Name, Principle: string(r.Principle), Severity: r.Severity.String(),
			Precision: r.Precision, CWE: r.CWE, Since: r.Since, Summary: r.Summary}
		if r.IsSecurity() {
			s := r.SecuritySeverity
			rj.SecuritySeverity = &s
		}
		out = append(out, rj)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func newExplainCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "explain CODE",
		Short: "Print a rule's full documentation",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r := rules.ByCode(args[0])
			if r == nil {
				return usageError{fmt.Errorf("unknown rule %q; `fastaudit rules` lists them", args[0])}
			}
			fmt.Fprint(stdout, rules.Explain(r))
			return nil
		},
	}
}

func newVersionCommand(stdout io.Writer) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintf(stdout, "fastaudit %s\n", version)
		},
	}
}
