package model

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestEnumIndex checks the tables that find enumeration values: each
// finds every value of its enumeration with one comparison (no two share a
// key), and nothing else, against a search of the values in order.
func TestEnumIndex(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	check := func(name string, known []string, index func([]byte) int) {
		t.Helper()
		for i, k := range known {
			if got := index([]byte(k)); got != i {
				t.Errorf("%s: index(%q) = %d, want %d", name, k, got, i)
			}
		}
		for range 10000 {
			b := make([]byte, rng.IntN(12))
			for j := range b {
				b[j] = "abcdefghijklmnopqrstuvwxyz_"[rng.IntN(27)]
			}
			if len(b) > 0 && rng.IntN(4) == 0 { // a value with one byte changed
				k := known[rng.IntN(len(known))]
				b = []byte(k)
				b[rng.IntN(len(b))] ^= byte(1 + rng.IntN(255))
			}
			if got, want := index(b), slices.Index(known, string(b)); got != want {
				t.Errorf("%s: index(%q) = %d, want %d", name, b, got, want)
			}
		}
	}
	strs := func(vs ...string) []string { return vs }
	var kinds, reqs, accs []string
	for _, v := range channelKinds {
		kinds = append(kinds, string(v))
	}
	for _, v := range requesters {
		reqs = append(reqs, string(v))
	}
	for _, v := range accuracies {
		accs = append(accs, string(v))
	}
	for _, e := range []struct {
		name   string
		linear bool
	}{{"channel kinds", channelKindIndex.linear}, {"requesters", requesterIndex.linear}, {"accuracies", accuracyIndex.linear}} {
		if e.linear {
			t.Errorf("%s: two values share a key; the table falls back to a search in order", e.name)
		}
	}
	check("channel kinds", kinds, channelKindIndex.index)
	check("requesters", reqs, requesterIndex.index)
	check("accuracies", accs, accuracyIndex.index)
	// Values that share a key: found by a search in order.
	clash := newEnumIndex([]string{"ab", "ba", "c"})
	if !clash.linear {
		t.Fatal(`"ab" and "ba" share a key, but the table does not say so`)
	}
	check("a clash", strs("ab", "ba", "c"), clash.index)
}
