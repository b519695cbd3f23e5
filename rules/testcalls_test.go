package rules

import (
	"math/rand"
	"testing"
)

// referenceSegsMatch is the plain recursive definition of testSegsMatch, kept
// to check the fast paths against.
func referenceSegsMatch(a, b []testSeg) bool {
	var match func(i, j int) bool
	match = func(i, j int) bool {
		switch {
		case i == len(a) && j == len(b):
			return true
		case i < len(a) && j < len(b) && a[i].kind == 'w' && b[j].kind == 'w' && a[i].text != "" && a[i].text == b[j].text:
			return match(i+1, j+1)
		case i < len(a) && a[i].kind == 'w':
			return match(i+1, j) || (j < len(b) && match(i, j+1))
		case j < len(b) && b[j].kind == 'w':
			return match(i, j+1) || (i < len(a) && match(i+1, j))
		case i < len(a) && j < len(b):
			return (a[i].kind == 'o' || b[j].kind == 'o' || a[i].text == b[j].text) && match(i+1, j+1)
		}
		return false
	}
	return match(0, 0)
}

func randomSegs(r *rand.Rand, chains bool) []testSeg {
	segs := make([]testSeg, r.Intn(7))
	for i := range segs {
		switch k := r.Intn(10); {
		case k < 6:
			segs[i] = testSeg{kind: 'l', text: []string{"api", "items", "users", "v1"}[r.Intn(4)]}
		case k < 8 || !chains:
			segs[i] = testSeg{kind: 'o'}
		default:
			segs[i] = testSeg{kind: 'w', text: []string{"", "", "settings.API"}[r.Intn(3)]}
		}
	}
	return segs
}

func TestSegsMatchAgreesWithDefinition(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	matches := 0
	for n := 0; n < 20000; n++ {
		a, b := randomSegs(r, n%2 == 0), randomSegs(r, n%3 == 0)
		got, want := testSegsMatch(a, b), referenceSegsMatch(a, b)
		if got != want {
			t.Fatalf("testSegsMatch(%v, %v) = %v, want %v", a, b, got, want)
		}
		if got {
			matches++
		}
	}
	if matches < 100 {
		t.Fatalf("only %d of the random pairs match: the test does not exercise matching", matches)
	}
	// A long chain pattern needs more memo cells than the matcher keeps inline.
	long := make([]testSeg, 12)
	for i := range long {
		long[i] = testSeg{kind: 'l', text: "x"}
	}
	chain := []testSeg{{kind: 'w'}, {kind: 'l', text: "x"}, {kind: 'w'}, {kind: 'l', text: "x"}, {kind: 'w'}}
	if !testSegsMatch(long, chain) || testSegsMatch(long, append(chain, testSeg{kind: 'l', text: "y"})) {
		t.Fatal("chains against a long literal path matched wrongly")
	}
}
