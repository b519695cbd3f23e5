package main

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/fastaudit/fastaudit/analyzer"
	"github.com/fastaudit/fastaudit/analyzer/pyast"
	"github.com/fastaudit/fastaudit/rules"
)

// Modes, in the order they are reported.
const (
	modeParse = "parse" // tree-sitter parse only: the floor
	modeTree  = "tree"  // parse and convert to pyast's Go nodes (what the analyzer walks)
	modeAudit = "audit" // the full analyzer.Run with every registered rule
)

var allModes = []string{modeParse, modeTree, modeAudit}

// workResult is what one measured run of one mode produced.
type workResult struct {
	Files    int   `json:"files"`
	Lines    int   `json:"lines"`
	Bytes    int64 `json:"bytes"`
	Findings int   `json:"findings"`
	Errors   int   `json:"errors"` // files that could not be read or parsed
}

// listPython walks dir the way a minimal auditor would: every *.py file,
// skipping hidden and virtualenv-like directories.
func listPython(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			name := d.Name()
			if p != dir && (strings.HasPrefix(name, ".") || name == "__pycache__" || name == "venv" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && strings.HasSuffix(d.Name(), ".py") {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

func countLines(src []byte) int {
	n := 0
	for _, c := range src {
		if c == '\n' {
			n++
		}
	}
	if len(src) > 0 && src[len(src)-1] != '\n' {
		n++
	}
	return n
}

// runParse discovers and parses every file in a pool of workers, one parser
// per worker. With convert=false it only runs tree-sitter and frees the C
// tree (the floor any tree-sitter based auditor pays); with convert=true it
// also builds pyast's Go tree, as the analyzer does.
func runParse(dir string, workers int, convert bool) (workResult, error) {
	files, err := listPython(dir)
	if err != nil {
		return workResult{}, err
	}
	if workers <= 0 {
		workers = runtime.NumCPU()
	}
	var lines, bytes, nerr atomic.Int64
	jobs := make(chan string, workers*4)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := pyast.NewParser()
			defer p.Close()
			for path := range jobs {
				src, err := os.ReadFile(path)
				if err != nil {
					nerr.Add(1)
					continue
				}
				lines.Add(int64(countLines(src)))
				bytes.Add(int64(len(src)))
				if convert {
					tree, err := p.Parse(src)
					if err != nil || tree == nil {
						nerr.Add(1)
					}
				} else if err := p.ParseOnly(src); err != nil {
					nerr.Add(1)
				}
			}
		}()
	}
	for _, f := range files {
		jobs <- f
	}
	close(jobs)
	wg.Wait()
	return workResult{Files: len(files), Lines: int(lines.Load()), Bytes: bytes.Load(), Errors: int(nerr.Load())}, nil
}

// runAudit runs the full analyzer with every registered rule.
func runAudit(dir string, workers int) (workResult, error) {
	res, err := analyzer.Run(context.Background(), analyzer.Options{
		Paths:      []string{dir},
		Rules:      rules.All(),
		Collectors: rules.Collectors(), // as the CLI: project rules read their facts
		Workers:    workers,
	})
	if err != nil {
		return workResult{}, err
	}
	out := workResult{Files: res.Files, Lines: res.Lines, Findings: len(res.Findings)}
	for _, f := range res.Findings {
		if f.Rule.Code == "FA001" || f.Rule.Code == "FA002" {
			out.Errors++
		}
	}
	return out, nil
}

func runMode(mode, dir string, workers int) (workResult, error) {
	switch mode {
	case modeParse:
		return runParse(dir, workers, false)
	case modeTree:
		return runParse(dir, workers, true)
	case modeAudit:
		return runAudit(dir, workers)
	}
	return workResult{}, errUnknownMode(mode)
}

type errUnknownMode string

func (e errUnknownMode) Error() string {
	return "unknown mode " + string(e) + " (want " + strings.Join(allModes, ", ") + ")"
}
