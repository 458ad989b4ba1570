package mc

import (
	"math"
	"math/rand/v2"
	"sync"
	"sync/atomic"
)

// BlockRuns is the number of consecutive runs that share one random stream.
const BlockRuns = 64

// Blocks returns the number of blocks of a simulation of runs runs.
func Blocks(runs int) int {
	return (runs + BlockRuns - 1) / BlockRuns
}

// Stream returns the random source of block b of a simulation seeded by
// seed: a PCG generator whose two seed words are seed and b passed through
// the SplitMix64 finaliser, so that neighbouring seeds and blocks start far
// apart in the generator's state space.
func Stream(seed uint64, b int) *rand.Rand {
	return rand.New(rand.NewPCG(splitmix(seed), splitmix(splitmix(uint64(b))^seed)))
}

// splitmix is the SplitMix64 output function (Steele, Lea and Flood, 2014).
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// Run calls f once for every block of a simulation of runs runs seeded by
// seed, on up to workers goroutines (at least one), and returns when every
// call has returned. f receives the index of the worker calling it (0 to
// workers-1, for scratch space that one worker reuses), the block index,
// the block's runs [lo, hi) and the block's random source. f must not let
// its result depend on the worker index or on the order of the calls.
func Run(runs, workers int, seed uint64, f func(worker, block, lo, hi int, rng *rand.Rand)) {
	n := Blocks(runs)
	workers = max(1, min(workers, n))
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for b := int(next.Add(1) - 1); b < n; b = int(next.Add(1) - 1) {
				lo := b * BlockRuns
				f(w, b, lo, min(lo+BlockRuns, runs), Stream(seed, b))
			}
		})
	}
	wg.Wait()
}

// Percentile returns the p-quantile, 0 <= p <= 1, of a sample of small
// non-negative integers given as a histogram: counts[v] is how many times v
// occurs. It is R's quantile type 1, the inverse of the empirical
// distribution function, also called the nearest-rank method: the k-th
// smallest value with k = ⌈n·p⌉, and the smallest value when p = 0. The
// median of an even sample is thus its lower median. It reports false for
// an empty sample.
func Percentile(counts []int, p float64) (int, bool) {
	n := 0
	for _, c := range counts {
		n += c
	}
	if n == 0 {
		return 0, false
	}
	k := max(1, int(math.Ceil(float64(n)*p-1e-9)))
	seen := 0
	for v, c := range counts {
		seen += c
		if seen >= k {
			return v, true
		}
	}
	return len(counts) - 1, true // unreachable: k <= n
}
