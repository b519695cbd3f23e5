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
	"strings"

	"github.com/spf13/cobra"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/config"
	"github.com/fastaudit/fastaudit/analyzer/score"
	"github.com/fastaudit/fastaudit/report"
	"github.com/fastaudit/fastaudit/rules"
)

type scoreFlags struct {
	format, output, configPath string
	selectCodes, ignoreCodes   []string
	batch, groupBy, summary    string
	minScore                   float64
	workers                    int
}

// scoreFormats are the formats of a score or of a batch summary.
var scoreFormats = []string{"text", "json", "markdown", "html"}

func newScoreCommand(stdout, stderr io.Writer, code *int) *cobra.Command {
	var sf scoreFlags
	cmd := &cobra.Command{
		Use:   "score [PATH...]",
		Short: "Score code against the eight principles (0-100 each, overall and grade)",
		Long: "score audits PATH... as one work and prints a score per principle, an overall score and a letter grade\n" +
			"(see docs/scoring.md). With --batch, every sample of a JSON Lines file ({\"id\", \"response\", ...}) or every\n" +
			"entry of a directory is audited alone; one JSON line per sample goes to --output (default stdout) and the\n" +
			"aggregate table, grouped by --group-by, to --summary (default stderr).\n" +
			"The exit code is 0 whatever the score, unless --min-score is given: then 1 when the overall score (the mean\n" +
			"overall score of the audited samples with --batch) is below it. Usage and internal errors exit 2.",
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := runScore(cmd.Context(), cmd, args, &sf, stdout, stderr)
			*code = c
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&sf.format, "format", "text", "output format of the score, or of the batch summary: "+strings.Join(scoreFormats, ", "))
	f.StringVarP(&sf.output, "output", "o", "", "write the score (the JSON Lines with --batch) to FILE instead of stdout")
	f.StringSliceVar(&sf.selectCodes, "select", nil, "only run these rule codes or prefixes (comma-separated, e.g. FA1,FA201)")
	f.StringSliceVar(&sf.ignoreCodes, "ignore", nil, "skip these rule codes or prefixes")
	f.StringVar(&sf.configPath, "config", "", "config file (default: .fastaudit.yaml near the first PATH; with --batch, none unless given)")
	f.StringVar(&sf.batch, "batch", "", "score each sample of a JSON Lines `FILE` (\"-\" for stdin) or each entry of a directory alone")
	f.StringVar(&sf.groupBy, "group-by", "", "--batch: group the summary by this `FIELD` of the samples (e.g. model)")
	f.StringVar(&sf.summary, "summary", "", "--batch: write the summary to `FILE` instead of stderr")
	f.Float64Var(&sf.minScore, "min-score", 0, "exit 1 when the overall score (the mean with --batch) is below `N`")
	f.IntVar(&sf.workers, "jobs", 0, "parallel workers (default: number of CPUs); with --batch, samples audited at once")
	return cmd
}

func runScore(ctx context.Context, cmd *cobra.Command, paths []string, sf *scoreFlags, stdout, stderr io.Writer) (int, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	if !contains(scoreFormats, sf.format) {
		return exitError, usageError{fmt.Errorf("unknown --format %q (want one of %s)", sf.format, strings.Join(scoreFormats, ", "))}
	}
	if sf.batch == "" && (sf.groupBy != "" || sf.summary != "") {
		return exitError, usageError{errors.New("--group-by and --summary work with --batch")}
	}
	if sf.batch != "" && sf.format == "html" && sf.summary == "" {
		return exitError, usageError{errors.New("--batch --format html writes a page: give it a file with --summary FILE")}
	}
	if sf.batch != "" && len(paths) > 0 {
		return exitError, usageError{errors.New("give either PATH... or --batch, not both")}
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var cfg *config.Config
	var err error
	if sf.batch != "" && sf.configPath == "" {
		// Samples are scored alike wherever the batch file lies.
		cfg = config.Default()
	} else if cfg, err = loadConfigNote(sf.configPath, paths[0], stderr); err != nil {
		return exitError, err
	}
	enabled, err := enabledRules(cfg, sf.selectCodes, sf.ignoreCodes)
	if err != nil {
		return exitError, usageError{err}
	}
	minScoreSet := cmd.Flags().Changed("min-score")
	if sf.batch != "" {
		return runScoreBatch(ctx, sf, cfg, enabled, minScoreSet, stdout, stderr)
	}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			return exitError, usageError{fmt.Errorf("cannot score %s: %v", p, errors.Unwrap(err))}
		}
	}
	res, err := analyzer.Run(ctx, analyzer.Options{Paths: paths, Rules: enabled, Config: cfg, Workers: sf.workers, Collectors: rules.Collectors()})
	if err != nil {
		return exitError, err
	}
	rep := score.Compute(res)
	var buf bytes.Buffer
	if err := writeScore(&buf, sf.format, res, rep); err != nil {
		return exitError, err
	}
	if err := writeOutput(sf.output, buf.Bytes(), stdout); err != nil {
		return exitError, err
	}
	if minScoreSet && rep.Overall < sf.minScore {
		return exitFindings, nil
	}
	return exitOK, nil
}

// enabledRules applies --select/--ignore on top of the configuration's
// select/ignore: a --select list replaces the configured one, --ignore adds.
func enabledRules(cfg *config.Config, selectCodes, ignoreCodes []string) ([]*analyzer.Rule, error) {
	selectList := cfg.Select
	if len(selectCodes) > 0 {
		selectList = selectCodes
	}
	return rules.Select(selectList, append(append([]string{}, cfg.Ignore...), ignoreCodes...))
}

func writeScore(w io.Writer, format string, res *analyzer.Result, rep score.Report) error {
	switch format {
	case "json":
		return score.WriteJSON(w, rep)
	case "markdown":
		return score.WriteMarkdown(w, rep)
	case "html":
		// The check page leads with the same scores, then the findings.
		return report.Write(w, report.FormatHTML, res, report.Options{Version: version, RuleHelpURI: rules.HelpURI})
	default:
		return score.WriteText(w, rep)
	}
}

func writeSummary(w io.Writer, format string, agg score.Aggregate, samples []score.SampleResult, enabled []*analyzer.Rule) error {
	switch format {
	case "json":
		return score.WriteJSON(w, agg)
	case "markdown":
		return score.WriteAggregateMarkdown(w, agg)
	case "html":
		return report.WriteBatchHTML(w, agg, samples, enabled, report.Options{Version: version, RuleHelpURI: rules.HelpURI})
	default:
		return score.WriteAggregateText(w, agg)
	}
}

// writeOutput writes data to file (atomically) or, without one, to w.
func writeOutput(file string, data []byte, w io.Writer) error {
	if file != "" {
		return writeFileAtomic(file, data)
	}
	_, err := w.Write(data)
	return err
}

func runScoreBatch(ctx context.Context, sf *scoreFlags, cfg *config.Config, enabled []*analyzer.Rule, minScoreSet bool, stdout, stderr io.Writer) (int, error) {
	var next score.SampleSource
	if sf.batch == "-" {
		next = score.ReadJSONL(os.Stdin)
	} else {
		fi, err := os.Stat(sf.batch)
		if err != nil {
			return exitError, usageError{fmt.Errorf("cannot read --batch %s: %v", sf.batch, errors.Unwrap(err))}
		}
		if fi.IsDir() {
			if next, err = score.ReadDir(sf.batch); err != nil {
				return exitError, err
			}
		} else {
			file, err := os.Open(sf.batch)
			if err != nil {
				return exitError, usageError{err}
			}
			defer file.Close()
			next = score.ReadJSONL(file)
		}
	}
	// The JSON Lines stream to stdout as samples finish (in input order); a
	// file is written atomically at the end, so buffer them then.
	var lines bytes.Buffer
	out := stdout
	if sf.output != "" {
		out = &lines
	}
	opts := score.BatchOptions{Rules: enabled, Config: cfg, Collectors: rules.Collectors(), Workers: sf.workers, GroupBy: sf.groupBy}
	var samples []score.SampleResult // kept for the HTML page only
	agg, err := score.RunBatch(ctx, next, opts, func(r *score.SampleResult) error {
		if sf.format == "html" {
			samples = append(samples, *r)
		}
		data, err := json.Marshal(r)
		if err != nil {
			return err
		}
		_, err = out.Write(append(data, '\n'))
		return err
	})
	if err != nil {
		return exitError, err
	}
	if sf.output != "" {
		if err := writeFileAtomic(sf.output, lines.Bytes()); err != nil {
			return exitError, err
		}
	}
	var summary bytes.Buffer
	if err := writeSummary(&summary, sf.format, agg, samples, enabled); err != nil {
		return exitError, err
	}
	if err := writeOutput(sf.summary, summary.Bytes(), stderr); err != nil {
		return exitError, err
	}
	if minScoreSet && agg.Total.Overall.Mean < sf.minScore {
		return exitFindings, nil
	}
	return exitOK, nil
}
