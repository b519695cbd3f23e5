package score

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"
)

// BenchmarkBatch scores b.N generated agent answers (50-150 lines each) in
// one batch, as `fastaudit score --batch` does, and reports samples/s.
// For the 10,000-sample figure of docs/scoring.md:
//
//	go test -run '^$' -bench Batch -benchtime 10000x ./analyzer/score
func BenchmarkBatch(b *testing.B) {
	data := generateBatch(b.N, 1)
	opts := batchOptions("model", 0)
	b.ResetTimer()
	start := time.Now()
	agg, err := RunBatch(context.Background(), ReadJSONL(bytes.NewReader(data)), opts, func(r *SampleResult) error {
		_, err := json.Marshal(r)
		return err
	})
	elapsed := time.Since(start)
	if err != nil {
		b.Fatal(err)
	}
	if agg.Total.Samples != b.N || agg.Total.Failed != 0 {
		b.Fatalf("%d samples, %d failed", agg.Total.Samples, agg.Total.Failed)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "samples/s")
}

// TestGeneratedSamples checks the benchmark input is what it claims: every
// sample parses, 50-150 non-blank lines, and the mix has findings.
func TestGeneratedSamples(t *testing.T) {
	data := generateBatch(60, 1)
	if os.Getenv("SAMPLES_OUT") != "" {
		_ = os.WriteFile(os.Getenv("SAMPLES_OUT"), data, 0o644)
	}
	lines, agg := runBatch(t, ReadJSONL(bytes.NewReader(data)), batchOptions("model", 2))
	for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
		var v struct {
			ID    string         `json:"id"`
			Size  Size           `json:"size"`
			Rules map[string]int `json:"rules"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		if v.Size.Lines < 50 || v.Size.Lines > 150 || v.Rules["FA001"] > 0 {
			t.Errorf("%s: %d lines, rules %v", v.ID, v.Size.Lines, v.Rules)
		}
	}
	if agg.Total.Overall.Mean < 30 || agg.Total.Overall.Mean > 90 || len(agg.Rules) < 10 {
		t.Errorf("an unrealistic mix: mean %v, %d rules found", agg.Total.Overall.Mean, len(agg.Rules))
	}
}
