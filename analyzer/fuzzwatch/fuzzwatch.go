// Package fuzzwatch turns a hang in a fuzz target into a crash: go test
// -fuzz has no hang detection of its own, but it records an input that
// panics in testdata/fuzz as a failure.
package fuzzwatch

import (
	"fmt"
	"runtime/debug"
	"time"
)

// Start crashes the process, printing every goroutine, when the current
// input takes longer than limit. Use it as `defer fuzzwatch.Start(limit)()`
// at the start of the fuzz function's body.
func Start(limit time.Duration) (stop func()) {
	timer := time.AfterFunc(limit, func() {
		debug.SetTraceback("all")
		panic(fmt.Sprintf("hang: one input took longer than %s", limit))
	})
	return func() { timer.Stop() }
}
