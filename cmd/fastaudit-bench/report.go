package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

func mib(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }

func thousands(n float64) string {
	s := fmt.Sprintf("%.0f", n)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func report(w io.Writer, dir string, lines int, seed int64, genTime time.Duration, reuse, keep bool, count int, modes []string, runs map[string][]measurement) {
	first := runs[modes[0]][0]
	fmt.Fprintln(w, "fastaudit benchmark")
	if reuse {
		fmt.Fprintf(w, "corpus:  %d files, %s lines, %s in %s (reused)\n", first.Files, thousands(float64(first.Lines)), mib(float64(first.Bytes)), dir)
	} else {
		where := "temporary directory, removed afterwards"
		if keep {
			where = dir
		}
		fmt.Fprintf(w, "corpus:  %d files, %s lines, %s (corpusgen -lines %d -seed %d, generated in %.2fs; %s)\n",
			first.Files, thousands(float64(first.Lines)), mib(float64(first.Bytes)), lines, seed, genTime.Seconds(), where)
	}
	fmt.Fprintf(w, "machine: %s/%s, %d CPUs (%s), %s, GOMAXPROCS %d, %d workers\n",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), cpuModel(), runtime.Version(), runtime.GOMAXPROCS(0), first.Workers)
	fmt.Fprintf(w, "runs:    %d per mode, each in its own process; medians shown\n", count)
	var others []float64
	for _, m := range modes {
		for _, x := range runs[m] {
			if x.OtherCPU >= 0 && x.Wall > 0 {
				others = append(others, x.OtherCPU.Seconds()/x.Wall.Seconds())
			}
		}
	}
	if len(others) > 0 {
		worst := 0.0
		for _, o := range others {
			if o > worst {
				worst = o
			}
		}
		fmt.Fprintf(w, "noise:   other processes used %.2f cores on average during the runs (worst run %.2f)", median(others), worst)
		if worst > 0.25 {
			fmt.Fprint(w, " -- the machine was not quiet; figures are pessimistic")
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintln(w)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "mode\tfiles\tlines\twall\tCPU time\tfiles/s\tlines/s\tpeak RSS\tCPU util\tfindings\t")
	for _, m := range modes {
		ms := runs[m]
		wall := medianOf(ms, func(x measurement) float64 { return x.Wall.Seconds() })
		cpu := medianOf(ms, func(x measurement) float64 { return (x.User + x.Sys).Seconds() })
		rss := medianOf(ms, func(x measurement) float64 { return float64(x.PeakRSS) })
		util := medianOf(ms, func(x measurement) float64 {
			return (x.User + x.Sys).Seconds() / x.Wall.Seconds() / float64(x.CPUs)
		})
		files, nlines := ms[0].Files, ms[0].Lines
		findings := "-"
		if m == modeAudit {
			findings = fmt.Sprint(ms[0].Findings)
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3fs\t%.3fs\t%s\t%s\t%s\t%.0f%%\t%s\t\n",
			m, files, nlines, wall, cpu, thousands(float64(files)/wall), thousands(float64(nlines)/wall), mib(rss), util*100, findings)
	}
	tw.Flush()

	fmt.Fprintln(w)
	fmt.Fprintln(w, "wall time of every run (s):")
	for _, m := range modes {
		var parts []string
		for _, x := range runs[m] {
			parts = append(parts, fmt.Sprintf("%.3f", x.Wall.Seconds()))
		}
		fmt.Fprintf(w, "  %-6s %s\n", m, strings.Join(parts, "  "))
	}
	for _, m := range modes {
		if errs := runs[m][0].Errors; errs > 0 {
			fmt.Fprintf(w, "warning: %s: %d files could not be read or parsed\n", m, errs)
		}
	}

	if _, ok := runs[modeParse]; ok {
		base := medianOf(runs[modeParse], func(x measurement) float64 { return x.Wall.Seconds() })
		baseCPU := medianOf(runs[modeParse], func(x measurement) float64 { return (x.User + x.Sys).Seconds() })
		fmt.Fprintln(w)
		for _, m := range modes {
			if m == modeParse {
				continue
			}
			r := medianOf(runs[m], func(x measurement) float64 { return x.Wall.Seconds() }) / base
			rc := medianOf(runs[m], func(x measurement) float64 { return (x.User + x.Sys).Seconds() }) / baseCPU
			note := ""
			if m == modeAudit {
				verdict := "meets"
				if r > 1.5 {
					verdict = "MISSES"
				}
				note = fmt.Sprintf(" (target <= 1.5: %s)", verdict)
			}
			fmt.Fprintf(w, "ratio %s/parse: %.2f by median wall time%s, %.2f by CPU time\n", m, r, note, rc)
		}
	}

	fmt.Fprintln(w)
	fmt.Fprintf(w, "cores busy over the median run, per tenth of its wall time (of %d):\n", runtime.NumCPU())
	for _, m := range modes {
		mr := medianRun(runs[m])
		var parts []string
		for _, v := range mr.Timeline {
			parts = append(parts, fmt.Sprintf("%.1f", v))
		}
		fmt.Fprintf(w, "  %-6s %s   (%.0f%% of the time under half the cores)\n", m, strings.Join(parts, " "), mr.LowShare*100)
	}
}

// cpuModel returns the CPU model name where the platform tells it.
func cpuModel() string {
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				if i := strings.IndexByte(line, ':'); i >= 0 {
					return strings.TrimSpace(line[i+1:])
				}
			}
		}
	}
	if out, err := exec.Command("sysctl", "-n", "machdep.cpu.brand_string").Output(); err == nil {
		return strings.TrimSpace(string(out))
	}
	return "unknown CPU"
}
