package score

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/score")

func batchOptions(groupBy string, workers int) BatchOptions {
	return BatchOptions{Rules: rules.All(), Collectors: rules.Collectors(), Workers: workers, GroupBy: groupBy}
}

// runBatch runs a batch and returns its JSON Lines and aggregate.
func runBatch(t *testing.T, next SampleSource, opts BatchOptions) (string, Aggregate) {
	t.Helper()
	var out bytes.Buffer
	agg, err := RunBatch(context.Background(), next, opts, func(r *SampleResult) error {
		data, err := json.Marshal(r)
		out.Write(append(data, '\n'))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.String(), agg
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join(fixtures, name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run with -update after checking):\ngot\n%s", name, got)
	}
}

// TestBatchFixture scores testdata/score/batch.jsonl (three models, three
// prompts) and pins its JSON Lines and its aggregate grouped by model.
func TestBatchFixture(t *testing.T) {
	f, err := os.Open(filepath.Join(fixtures, "batch.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	lines, agg := runBatch(t, ReadJSONL(f), batchOptions("model", 3))
	golden(t, "batch.out.jsonl", []byte(lines))
	var summary bytes.Buffer
	if err := WriteJSON(&summary, agg); err != nil {
		t.Fatal(err)
	}
	golden(t, "batch.summary.json", summary.Bytes())

	// The headline numbers, spelled out.
	var ids, overall []string
	for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
		var v struct {
			ID      string          `json:"id"`
			Model   string          `json:"model"`
			Prompt  string          `json:"prompt"`
			Overall json.RawMessage `json:"overall"`
			Grade   string          `json:"grade"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		if v.Model == "" || v.Prompt == "" {
			t.Errorf("kept fields missing: %s", l)
		}
		ids = append(ids, v.ID)
		overall = append(overall, string(v.Overall)+v.Grade)
	}
	wantIDs := "a-todo b-todo c-users a-login b-login c-login a-weather b-weather c-weather"
	wantOverall := "100A 88.2B 37.2F 100A 54.5F 34F 84.8B 80B 0F"
	if strings.Join(ids, " ") != wantIDs || strings.Join(overall, " ") != wantOverall {
		t.Errorf("ids %v\noverall %v\nwant %s\n     %s", ids, overall, wantIDs, wantOverall)
	}
	var groups []string
	for _, g := range agg.Groups {
		groups = append(groups, g.Group+":"+strings.TrimSpace(strings.Join([]string{
			ftoa(g.Overall.Mean), ftoa(g.Overall.Median), itoa(g.Samples)}, "/")))
	}
	// model-a: (100+100+84.8)/3 = 94.9; model-c: (37.2+34+0)/3 = 23.7.
	if got := strings.Join(groups, " "); got != "model-a:94.9/100/3 model-b:74.2/80/3 model-c:23.7/34/3" {
		t.Errorf("groups %s", got)
	}
	if agg.Total.Overall.Mean != 64.3 || agg.Total.Overall.Median != 80 {
		t.Errorf("total %+v", agg.Total.Overall)
	}
	// FA201 (hard-coded secret, an error): 2 of model-c's 3 samples.
	for _, g := range agg.Groups {
		for _, r := range g.Rules {
			if r.Code == "FA201" {
				want := map[string]float64{"model-a": 0, "model-b": 0, "model-c": 66.7}[g.Group]
				if r.ErrorPct != want {
					t.Errorf("%s FA201 error%% = %v, want %v", g.Group, r.ErrorPct, want)
				}
			}
		}
	}
}

func ftoa(x float64) string { data, _ := json.Marshal(x); return string(data) }
func itoa(n int) string     { data, _ := json.Marshal(n); return string(data) }

func TestBatchOutputIsIndependentOfWorkers(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtures, "batch.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	one, agg1 := runBatch(t, ReadJSONL(bytes.NewReader(data)), batchOptions("prompt", 1))
	four, agg4 := runBatch(t, ReadJSONL(bytes.NewReader(data)), batchOptions("prompt", 4))
	if one != four || !reflect.DeepEqual(agg1, agg4) {
		t.Errorf("1 worker and 4 workers disagree:\n%s\n---\n%s", one, four)
	}
}

func TestReadJSONLErrorsAndKeptFields(t *testing.T) {
	defer func(n int) { maxLine = n }(maxLine)
	maxLine = 200
	input := strings.Join([]string{
		"\ufeff" + `{"id": 7, "model": "m", "response": "x = 1\n", "overall": "mine", "meta": {"t": 0.2}}`,
		`not json`,
		``,
		`   `,
		`{"id": "no-response", "model": "m"}`,
		`{"response": 5, "model": null}`,
		`[1, 2]`,
		`{"id": "long", "response": "` + strings.Repeat("x", 300) + `"}`,
		`{"id": "x"} {}`,
		`{"id": "fenced", "response": "Here:\n~~~python\nimport os\n~~~\n", "model": ""}`,
	}, "\n") // no final newline: the last line still counts
	lines, agg := runBatch(t, ReadJSONL(strings.NewReader(input)), batchOptions("model", 2))
	got := strings.Split(strings.TrimSpace(lines), "\n")
	want := []string{
		`{"id":7,"model":"m","input_overall":"mine","meta":{"t":0.2},"overall":100,`,
		`{"id":"line-2","error":"line 2: invalid JSON: invalid character 'o' in literal null (expecting 'u')"}`,
		`{"id":"no-response","model":"m","error":"line 5: no \"response\" field"}`,
		`{"id":"line-6","model":null,"error":"line 6: \"response\" is not a string"}`,
		`{"id":"line-7","error":"line 7: not a JSON object"}`,
		`{"id":"line-8","error":"line 8: longer than 200 bytes"}`,
		`{"id":"line-9","error":"line 9: invalid JSON: data after the object"}`,
		`{"id":"fenced","model":"","overall":`,
	}
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(got), len(want), lines)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("line %d:\ngot  %s\nwant %s...", i+1, got[i], want[i])
		}
	}
	// null, "" and absent group as "(none)"; failed samples count in their group.
	var groups []string
	for _, g := range agg.Groups {
		groups = append(groups, g.Group+":"+itoa(g.Samples)+"/"+itoa(g.Failed))
	}
	if strings.Join(groups, " ") != "m:2/1 (none):6/5" || agg.Total.Failed != 6 {
		t.Errorf("groups %v, total failed %d", groups, agg.Total.Failed)
	}
}

func TestSourceOf(t *testing.T) {
	cases := map[string]string{
		"x = 1\n":                        "response.py",
		"Text\n```python\nx = 1\n```\n":  "response.md",
		"Text\n~~~\nx = 1\n~~~\n":        "response.md",
		"   ```py\nx = 1\n```":           "response.md",
		"s = '```'\n":                    "response.py", // not at the start of a line
		"    ```\nindented code block\n": "response.py", // four spaces: code, not a fence
	}
	for in, want := range cases {
		if got := SourceOf(in).Path; got != want {
			t.Errorf("SourceOf(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestReadDir(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"b.py":            "x = 1\n",
		"a.md":            "```python\nx = 1\n```\n",
		"notes.txt":       "skipped",
		".hidden.py":      "skipped",
		"proj/main.py":    "from fastapi import FastAPI\napp = FastAPI()\n",
		"proj/helpers.py": "y = 2\n",
	} {
		path := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	next, err := ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	lines, _ := runBatch(t, next, batchOptions("", 2))
	var summary []string
	for _, l := range strings.Split(strings.TrimSpace(lines), "\n") {
		var v struct {
			ID   string `json:"id"`
			Size Size   `json:"size"`
		}
		if err := json.Unmarshal([]byte(l), &v); err != nil {
			t.Fatal(err)
		}
		summary = append(summary, v.ID+":"+itoa(v.Size.Files))
	}
	if got := strings.Join(summary, " "); got != "a.md:1 b.py:1 proj:2" {
		t.Errorf("samples %s", got)
	}
}

func TestRunBatchStopsOnEmitError(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtures, "batch.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	calls := 0
	_, err = RunBatch(context.Background(), ReadJSONL(bytes.NewReader(data)), batchOptions("", 2), func(*SampleResult) error {
		calls++
		return io.ErrShortWrite
	})
	if err != io.ErrShortWrite || calls != 1 {
		t.Errorf("err %v after %d calls, want io.ErrShortWrite after 1", err, calls)
	}
}

func TestAggregateIsIndependentOfOrder(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(fixtures, "batch.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	var results []SampleResult
	_, err = RunBatch(context.Background(), ReadJSONL(bytes.NewReader(data)), batchOptions("model", 2), func(r *SampleResult) error {
		results = append(results, *r)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	aggregate := func() Aggregate {
		a := NewAggregator("model")
		for i := range results {
			a.Add(&results[i])
		}
		return a.Aggregate()
	}
	want := aggregate()
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 10; i++ {
		rng.Shuffle(len(results), func(a, b int) { results[a], results[b] = results[b], results[a] })
		if got := aggregate(); !reflect.DeepEqual(got, want) {
			t.Fatalf("shuffled samples give another aggregate")
		}
	}
}

func TestStat(t *testing.T) {
	cases := []struct {
		in   []float64
		want Stat
	}{
		{nil, Stat{}},
		{[]float64{50}, Stat{N: 1, Mean: 50, Median: 50}},
		{[]float64{100, 0, 40}, Stat{N: 3, Mean: 46.7, Median: 40}},
		{[]float64{10, 40, 20, 30}, Stat{N: 4, Mean: 25, Median: 25}},
	}
	for _, c := range cases {
		if got := statOf(c.in); got != c.want {
			t.Errorf("statOf(%v) = %+v, want %+v", c.in, got, c.want)
		}
	}
}
