package analyzer_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/rules"
)

// FuzzAuditFile: a whole audit of one arbitrary file with every rule never
// crashes a check (an FA003 finding is a contained crash: a bug) and never
// fails the run. Seeds: every fixture file.
func FuzzAuditFile(f *testing.F) {
	filepath.Walk("../testdata", func(p string, info os.FileInfo, err error) error {
		if err == nil && strings.HasSuffix(p, ".py") {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
		return nil
	})
	f.Add([]byte("\xff\xfe not utf-8"))
	f.Add([]byte("@app.get(\nasync def"))
	all := rules.All()
	f.Fuzz(func(t *testing.T, src []byte) {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "main.py"), src, 0o644); err != nil {
			t.Fatal(err)
		}
		res, err := analyzer.Run(context.Background(), analyzer.Options{
			Paths: []string{dir}, Rules: all, Collectors: rules.Collectors(), Workers: 1,
		})
		if err != nil {
			t.Fatalf("run failed: %v", err)
		}
		for _, fd := range res.Findings {
			if fd.Rule.Code == "FA003" {
				t.Fatalf("a check crashed: %s", fd.Message)
			}
		}
	})
}
