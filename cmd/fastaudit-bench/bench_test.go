package main

import (
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/fastaudit/fastaudit/analyzer/corpusgen"
)

// benchLines is the size of the corpus the Go benchmarks use; the full
// 200k-line measurement is scripts/bench.sh.
const benchLines = 20000

var (
	corpusOnce sync.Once
	corpusDir  string
	corpusErr  error
)

// corpus generates the benchmark corpus once per test binary.
func corpus(tb testing.TB) string {
	tb.Helper()
	corpusOnce.Do(func() {
		corpusDir, corpusErr = os.MkdirTemp("", "fastaudit-bench-")
		if corpusErr == nil {
			_, _, corpusErr = corpusgen.Generate(corpusDir, benchLines, 1)
		}
	})
	if corpusErr != nil {
		tb.Fatal(corpusErr)
	}
	return corpusDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if corpusDir != "" {
		os.RemoveAll(corpusDir)
	}
	os.Exit(code)
}

func benchMode(b *testing.B, mode string) {
	dir := corpus(b)
	var res workResult
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var err error
		res, err = runMode(mode, dir, 0)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(res.Files)/sec, "files/s")
	b.ReportMetric(float64(res.Lines)/sec, "lines/s")
}

// BenchmarkParseOnly is the floor: tree-sitter parsing of every file.
func BenchmarkParseOnly(b *testing.B) { benchMode(b, modeParse) }

// BenchmarkParseTree parses and converts every file into pyast's Go nodes.
func BenchmarkParseTree(b *testing.B) { benchMode(b, modeTree) }

// BenchmarkAudit is the full analyzer.Run with every registered rule.
func BenchmarkAudit(b *testing.B) { benchMode(b, modeAudit) }

// TestModesAgree checks that every mode sees the same files and lines, so
// that their times are comparable.
func TestModesAgree(t *testing.T) {
	if testing.Short() {
		t.Skip("generates a corpus")
	}
	dir := corpus(t)
	var first workResult
	for i, mode := range allModes {
		res, err := runMode(mode, dir, 0)
		if err != nil {
			t.Fatalf("%s: %v", mode, err)
		}
		if res.Errors != 0 {
			t.Errorf("%s: %d files could not be read or parsed", mode, res.Errors)
		}
		if i == 0 {
			first = res
			if res.Files == 0 || res.Lines < benchLines {
				t.Fatalf("%s: %d files, %d lines; want a corpus of at least %d lines", mode, res.Files, res.Lines, benchLines)
			}
			continue
		}
		if res.Files != first.Files || res.Lines != first.Lines {
			t.Errorf("%s saw %d files/%d lines, %s saw %d/%d", mode, res.Files, res.Lines, allModes[0], first.Files, first.Lines)
		}
	}
	if _, err := runMode("nope", dir, 0); err == nil {
		t.Error("unknown mode accepted")
	}
}

func TestSummarise(t *testing.T) {
	ms := 1000000 // ns
	var samples []sample
	for i := 0; i < 10; i++ {
		cpu := 2 * ms // two cores busy
		if i >= 8 {
			cpu = ms / 2 // the last fifth: half a core
		}
		samples = append(samples, sample{wall: time.Millisecond, cpu: time.Duration(cpu)})
	}
	tl, low := summarise(samples, 2)
	if len(tl) != 10 || tl[0] != 2 || tl[9] != 0.5 {
		t.Errorf("timeline %v", tl)
	}
	if fmt.Sprintf("%.2f", low) != "0.20" {
		t.Errorf("low share %.2f, want 0.20", low)
	}
	if m := median([]float64{3, 1, 2}); m != 2 {
		t.Errorf("median = %v", m)
	}
	if m := median([]float64{4, 1, 2, 3}); m != 2.5 {
		t.Errorf("median = %v", m)
	}
}
