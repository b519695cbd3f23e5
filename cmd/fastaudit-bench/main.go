// Command fastaudit-bench measures fastaudit on a generated corpus of
// realistic FastAPI code, next to the cost of only parsing the same files
// with tree-sitter (the floor any tree-sitter based auditor pays).
//
//	go run ./cmd/fastaudit-bench -lines 200000 -seed 1 -count 3
//
// The parent generates the corpus (package analyzer/corpusgen), then runs
// every mode -count times, each run in a fresh child process (the command
// re-executes itself with -mode), so that peak memory is measured per mode
// and one mode's heap does not distort the next. It reports the median of
// each figure. Modes:
//
//	parse  discover, read and parse every file with tree-sitter, one parser per
//	       worker in a pool of -workers goroutines; trees are freed at once
//	tree   the same, plus the conversion into pyast's Go nodes the rules walk
//	audit  analyzer.Run with every registered rule (discovery, parsing, module
//	       model, per-module rules, facts, project phase, sorting)
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/fastaudit/fastaudit/analyzer/corpusgen"
)

// measurement is one run of one mode, as the child reports it.
type measurement struct {
	Mode string `json:"mode"`
	workResult
	Wall       time.Duration `json:"wall_ns"`
	User       time.Duration `json:"user_ns"`
	Sys        time.Duration `json:"sys_ns"`
	PeakRSS    int64         `json:"peak_rss_bytes"`
	RSSSource  string        `json:"peak_rss_source"`
	Workers    int           `json:"workers"`
	CPUs       int           `json:"cpus"`
	OtherCPU   time.Duration `json:"other_cpu_ns"`             // CPU time other processes used meanwhile (-1: unknown)
	Timeline   []float64     `json:"timeline,omitempty"`       // cores busy per tenth of the run
	LowShare   float64       `json:"low_share"`                // share of wall time with under half the cores busy
	SampleStep time.Duration `json:"sample_step_ns,omitempty"` // sampling period of the timeline
}

func main() {
	var (
		lines      = flag.Int("lines", 200000, "minimum size of the generated corpus in lines")
		seed       = flag.Int64("seed", 1, "seed of the corpus generator")
		dir        = flag.String("dir", "", "directory for the corpus (default: a temporary directory, removed afterwards)")
		reuse      = flag.Bool("reuse", false, "benchmark the corpus already in -dir instead of generating one")
		keep       = flag.Bool("keep", false, "keep the generated corpus")
		count      = flag.Int("count", 3, "runs per mode; the median is reported")
		modes      = flag.String("modes", strings.Join(allModes, ","), "comma-separated modes to measure: parse, tree, audit")
		workers    = flag.Int("workers", 0, "worker goroutines (0: runtime.NumCPU())")
		jsonOut    = flag.Bool("json", false, "print every measurement as JSON instead of the table")
		cpuProfDir = flag.String("cpuprofile", "", "write a CPU profile of every run into this directory")
		mode       = flag.String("mode", "", "internal: measure one mode in this process and print JSON")
		cpuProf    = flag.String("child-cpuprofile", "", "internal: CPU profile file of this child run")
	)
	flag.Parse()
	if *mode != "" {
		if err := child(*mode, *dir, *workers, *cpuProf); err != nil {
			fmt.Fprintln(os.Stderr, "fastaudit-bench:", err)
			os.Exit(1)
		}
		return
	}
	if err := parent(*lines, *seed, *dir, *reuse, *keep, *count, *modes, *workers, *jsonOut, *cpuProfDir); err != nil {
		fmt.Fprintln(os.Stderr, "fastaudit-bench:", err)
		os.Exit(1)
	}
}

// child measures one mode once and prints the measurement as JSON on stdout.
func child(mode, dir string, workers int, cpuProfile string) error {
	if dir == "" {
		return fmt.Errorf("-mode needs -dir")
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	if cpuProfile != "" {
		f, err := os.Create(cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	sampler := startSampler(5 * time.Millisecond)
	sys0 := systemBusy()
	u0, s0 := cpuTime()
	start := time.Now()
	res, err := runMode(mode, dir, workers)
	wall := time.Since(start)
	u1, s1 := cpuTime()
	sys1 := systemBusy()
	samples := sampler.stop()
	if err != nil {
		return err
	}
	rss, src := peakRSS()
	m := measurement{
		Mode: mode, workResult: res, Wall: wall, User: u1 - u0, Sys: s1 - s0,
		PeakRSS: rss, RSSSource: src, Workers: workers, CPUs: runtime.NumCPU(),
		SampleStep: sampler.step, OtherCPU: -1,
	}
	if sys0 >= 0 && sys1 >= 0 {
		// /proc/stat ticks are coarse (10ms): clamp the rounding below zero.
		m.OtherCPU = max(0, sys1-sys0-(u1-u0)-(s1-s0))
	}
	m.Timeline, m.LowShare = summarise(samples, runtime.NumCPU())
	return json.NewEncoder(os.Stdout).Encode(m)
}

func parent(lines int, seed int64, dir string, reuse, keep bool, count int, modeList string, workers int, jsonOut bool, cpuProfDir string) error {
	var modes []string
	for _, m := range strings.Split(modeList, ",") {
		m = strings.TrimSpace(m)
		if m == "" {
			continue
		}
		if _, err := runModeCheck(m); err != nil {
			return err
		}
		modes = append(modes, m)
	}
	if len(modes) == 0 || count < 1 {
		return fmt.Errorf("nothing to measure (need at least one mode and -count >= 1)")
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if cpuProfDir != "" {
		if err := os.MkdirAll(cpuProfDir, 0o755); err != nil {
			return err
		}
	}

	// The corpus.
	var genTime time.Duration
	switch {
	case dir == "":
		dir, err = os.MkdirTemp("", "fastaudit-corpus-")
		if err != nil {
			return err
		}
		if !keep {
			defer os.RemoveAll(dir)
		}
	case reuse:
	default:
		if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
			return fmt.Errorf("%s is not empty: pass -reuse to benchmark the corpus in it, or choose an empty directory", dir)
		}
	}
	if !reuse {
		t0 := time.Now()
		if _, _, err := corpusgen.Generate(dir, lines, seed); err != nil {
			return fmt.Errorf("generating the corpus: %w", err)
		}
		genTime = time.Since(t0)
	}

	// Runs, interleaved round by round so that drift (thermal, noisy
	// neighbours) spreads over every mode alike.
	runs := map[string][]measurement{}
	for i := 0; i < count; i++ {
		for _, m := range modes {
			args := []string{"-mode", m, "-dir", dir, "-workers", strconv.Itoa(workers)}
			if cpuProfDir != "" {
				args = append(args, "-child-cpuprofile", filepath.Join(cpuProfDir, fmt.Sprintf("%s-%d.pprof", m, i+1)))
			}
			cmd := exec.Command(self, args...)
			var out bytes.Buffer
			cmd.Stdout = &out
			cmd.Stderr = os.Stderr
			if err := cmd.Run(); err != nil {
				return fmt.Errorf("mode %s, run %d: %w", m, i+1, err)
			}
			var meas measurement
			if err := json.Unmarshal(out.Bytes(), &meas); err != nil {
				return fmt.Errorf("mode %s, run %d: bad child output %q: %w", m, i+1, out.String(), err)
			}
			runs[m] = append(runs[m], meas)
		}
	}

	if jsonOut {
		var all []measurement
		for _, m := range modes {
			all = append(all, runs[m]...)
		}
		enc := json.NewEncoder(os.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(all)
	}
	report(os.Stdout, dir, lines, seed, genTime, reuse, keep, count, modes, runs)
	return nil
}

func runModeCheck(m string) (string, error) {
	for _, x := range allModes {
		if x == m {
			return m, nil
		}
	}
	return "", errUnknownMode(m)
}

// median returns the median of xs (the mean of the middle two for even counts).
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func medianOf(ms []measurement, f func(measurement) float64) float64 {
	xs := make([]float64, len(ms))
	for i, m := range ms {
		xs[i] = f(m)
	}
	return median(xs)
}

// medianRun is the run whose wall time is the median (the lower middle one
// for even counts); its timeline is the one shown.
func medianRun(ms []measurement) measurement {
	s := append([]measurement(nil), ms...)
	sort.Slice(s, func(i, j int) bool { return s[i].Wall < s[j].Wall })
	return s[(len(s)-1)/2]
}
