package analyzer

import (
	"sync"
	"sync/atomic"
	"testing"
)

// TestMemoComputesOnceUnderConcurrency: the project phase runs deferred
// verdicts and project rules in parallel, and they share indexes through
// Memo; an index must be built once, and everyone must get that one.
func TestMemoComputesOnceUnderConcurrency(t *testing.T) {
	p := NewProject(nil)
	var computed atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	got := make([]*int, 16)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = p.Memo("index", func() any {
				computed.Add(1)
				<-release // hold the computation until every goroutine asks
				return new(int)
			}).(*int)
		}()
	}
	// A computation may ask Memo for another key without deadlocking.
	other := p.Memo("outer", func() any { return p.Memo("inner", func() any { return "inner value" }) })
	if other != "inner value" {
		t.Fatalf("nested Memo returned %v", other)
	}
	close(release)
	wg.Wait()
	if n := computed.Load(); n != 1 {
		t.Fatalf("computed %d times, want once", n)
	}
	for i := range got {
		if got[i] == nil || got[i] != got[0] {
			t.Fatalf("goroutine %d got a different value", i)
		}
	}
}
