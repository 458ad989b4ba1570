package score

import (
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
)

// TestPercentileRankByCounting checks the percentile rank, found by
// sorting, against its definition counted pair by pair: 100 × (worse +
// tied/2) / (n − 1), with ties and in both directions.
func TestPercentileRankByCounting(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	for _, better := range []rubric.Direction{rubric.HigherIsBetter, rubric.LowerIsBetter} {
		for _, n := range []int{1, 2, 3, 17, 200} {
			vals := make([]decimal.Decimal, n)
			for i := range vals {
				vals[i] = decimal.New(rng.Int64N(int64(n/2+2)), -1) // many ties
			}
			got := relative(rubric.Scale{Kind: rubric.PercentileRank, Better: better}, vals)
			for i, v := range vals {
				want := decimal.NewFromInt(50)
				if n > 1 {
					worse, tied := 0, 0
					for j, w := range vals {
						c := v.Cmp(w)
						if better == rubric.LowerIsBetter {
							c = -c
						}
						switch {
						case j == i:
						case c > 0:
							worse++
						case c == 0:
							tied++
						}
					}
					want = decimal.NewFromInt(int64(100*(2*worse+tied))).DivRound(decimal.NewFromInt(int64(2*(n-1))), divPlaces)
				}
				want = clamp(want).Round(Places)
				if !got[i].Equal(want) {
					t.Fatalf("n %d, better %s: agency %d (value %s) has %s points, want %s", n, better, i, v, got[i], want)
				}
			}
		}
	}
}

// BenchmarkPercentileRank places 100,000 agencies on a percentile-rank
// scale.
func BenchmarkPercentileRank(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	vals := make([]decimal.Decimal, 100_000)
	for i := range vals {
		vals[i] = decimal.New(rng.Int64N(1_000_000_000_000), -12)
	}
	sc := rubric.Scale{Kind: rubric.PercentileRank, Better: rubric.HigherIsBetter}
	b.ReportAllocs()
	for b.Loop() {
		relative(sc, vals)
	}
}
