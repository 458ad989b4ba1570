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
			if rng.IntN(2) == 0 { // read in place, other bytes after it
				buf := append(append([]byte(nil), b...), "ab,2025x"[:rng.IntN(9)]...)
				b = buf[:len(b)]
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

// TestShortText checks that two short texts are equal exactly when their
// bytes are, whatever follows them in memory (read up to their capacity
// and masked off) and whether or not they are copied.
func TestShortText(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	text := func() []byte {
		n := rng.IntN(19)
		buf := make([]byte, n+rng.IntN(20))
		for i := range buf {
			buf[i] = "ab\x00\xff"[rng.IntN(4)]
		}
		return buf[:n]
	}
	for range 200000 {
		a, b := text(), text()
		if rng.IntN(3) == 0 {
			b = append(b[:0:0], a...) // equal bytes, different memory
			if len(b) > 0 && rng.IntN(2) == 0 {
				b[rng.IntN(len(b))] ^= 1
			}
		}
		ta, okA := shortTextOf(a)
		tb, okB := shortTextOf(b)
		if okA != (len(a) <= 16) || okB != (len(b) <= 16) {
			t.Fatalf("shortTextOf(%q) ok %v, shortTextOf(%q) ok %v", a, okA, b, okB)
		}
		if okA && okB && (ta == tb) != (string(a) == string(b)) {
			t.Fatalf("%q and %q: short texts equal %v, bytes equal %v", a, b, ta == tb, string(a) == string(b))
		}
	}
}
