package mc

import (
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// histogram returns the counts of the values in xs.
func histogram(xs ...int) []int {
	counts := make([]int, slices.Max(xs)+1)
	for _, x := range xs {
		counts[x]++
	}
	return counts
}

// TestPercentileMatchesR checks Percentile against R 4's
// quantile(x, p, type = 1), whose output is copied into want:
//
//	> quantile(c(7,3,3,9,1,4,4,4,10,2,6), c(0.05,0.5,0.95), type=1)
//	 5% 50% 95%
//	  1   4  10
//	> quantile(c(5,1,2,2), c(0.05,0.5,0.95,0.25,0.75), type=1)
//	 5% 50% 95% 25% 75%
//	  1   2   5   1   2
//	> quantile(1:20, c(0.05,0.5,0.95), type=1)
//	 5% 50% 95%
//	  1  10  19
func TestPercentileMatchesR(t *testing.T) {
	seq := make([]int, 20)
	for i := range seq {
		seq[i] = i + 1
	}
	tests := []struct {
		name string
		x    []int
		p    []float64
		want []int
	}{
		{"eleven with ties", []int{7, 3, 3, 9, 1, 4, 4, 4, 10, 2, 6}, []float64{0.05, 0.5, 0.95}, []int{1, 4, 10}},
		{"four, lower median", []int{5, 1, 2, 2}, []float64{0.05, 0.5, 0.95, 0.25, 0.75}, []int{1, 2, 5, 1, 2}},
		{"1 to 20, n·p whole", seq, []float64{0.05, 0.5, 0.95}, []int{1, 10, 19}},
		{"p = 0 and 1", []int{4, 2, 9}, []float64{0, 1}, []int{2, 9}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			counts := histogram(tt.x...)
			for i, p := range tt.p {
				got, ok := Percentile(counts, p)
				if !ok || got != tt.want[i] {
					t.Errorf("Percentile(%v, %v) = %d, %v; want %d, true", tt.x, p, got, ok, tt.want[i])
				}
			}
		})
	}
	if _, ok := Percentile([]int{0, 0}, 0.5); ok {
		t.Errorf("Percentile(empty, 0.5) reported a value")
	}
}

// TestRunCoversEveryRunOnce checks that every run of a simulation belongs
// to exactly one block, whatever the number of workers.
func TestRunCoversEveryRunOnce(t *testing.T) {
	for _, runs := range []int{0, 1, BlockRuns - 1, BlockRuns, 10*BlockRuns + 3} {
		for _, workers := range []int{0, 1, 3, 64} {
			var mu sync.Mutex
			seen := make([]int, runs)
			Run(runs, workers, 1, func(w, b, lo, hi int, _ *rand.Rand) {
				if w < 0 || w >= max(workers, 1) {
					t.Errorf("Run(%d, %d): worker index %d", runs, workers, w)
				}
				if lo != b*BlockRuns || hi > runs || hi <= lo {
					t.Errorf("Run(%d, %d): block %d covers [%d, %d)", runs, workers, b, lo, hi)
				}
				mu.Lock()
				for i := lo; i < hi; i++ {
					seen[i]++
				}
				mu.Unlock()
			})
			for i, n := range seen {
				if n != 1 {
					t.Fatalf("Run(%d, %d): run %d done %d times, want once", runs, workers, i, n)
				}
			}
		}
	}
}

// TestStream checks that a block's stream depends on the seed and the
// block, and only on them.
func TestStream(t *testing.T) {
	first := func(seed uint64, b int) uint64 { return Stream(seed, b).Uint64() }
	if a, b := first(7, 3), first(7, 3); a != b {
		t.Errorf("Stream(7, 3) gave two sequences")
	}
	seen := map[uint64]string{}
	for seed := range uint64(4) {
		for b := range 4 {
			v := first(seed, b)
			if prev, dup := seen[v]; dup {
				t.Errorf("Stream(%d, %d) starts like %s", seed, b, prev)
			}
			seen[v] = "another stream"
		}
	}
}
