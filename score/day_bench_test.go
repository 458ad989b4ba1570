package score

import (
	"math/rand/v2"
	"testing"
	"time"
)

func BenchmarkDayTallyAdd(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 1 << 20
	const agencies = 200
	obsList := make([]obs, n)
	who := make([]int, n)
	base := int64(1735689600) // 2025-01-01
	for i := range obsList {
		o := obs{recv: base + rng.Int64N(365*86400), delay: -1}
		if rng.IntN(7) > 0 {
			o.delay = rng.Int64N(86400)
		}
		obsList[i], who[i] = o, rng.IntN(agencies)
	}
	b.ResetTimer()
	for b.Loop() {
		tallies := make([]dayTally, agencies)
		for i := range tallies {
			tallies[i].clk.loc = time.UTC
		}
		for i := range obsList {
			tallies[who[i]].add(&obsList[i], base+366*86400, 0, false)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/row")
}
