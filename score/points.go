package score

import (
	"math/bits"
	"slices"
	"sort"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/stats"
)

// statusAmong is status in a report in which the agencies compared on a
// relative scale reach values up to reach (see relativeSilence).
func (c *criterion) statusAmong(m *Measure, reach *decimal.Decimal) Status {
	if st := c.status(m); st != StatusScored || !c.relativeSilence(m, reach) {
		return st
	}
	return StatusInsufficient
}

// status says whether criterion c uses measure m, on its own: on a
// relative scale, a quantile not reached is placed only among the others
// (statusAmong).
func (c *criterion) status(m *Measure) Status {
	switch {
	case m.N == 0:
		return StatusNoData
	case m.N < c.minSample, c.youngSilence(m):
		return StatusInsufficient
	}
	return StatusScored
}

// percentilePoints returns 100 (worse + tied/2) / (n-1) = 100 (2 worse +
// tied) / (2 (n-1)) points, as the decimal rules make them: the quotient
// rounded half up to divPlaces places, then to Places. The numbers are
// whole, so the arithmetic is done in integers.
func percentilePoints(worse, tied, n int) decimal.Decimal {
	num, den := uint64(100*(2*worse+tied)), uint64(2*(n-1))
	hi, lo := bits.Mul64(num, 1e12) // the quotient in 10^-12
	q, r := bits.Div64(hi, lo, den)
	if 2*r >= den {
		q++
	}
	h, r := q/1e10, q%1e10 // then in hundredths
	if 2*r >= 1e10 {
		h++
	}
	return decimal.New(int64(min(h, 10000)), -Places)
}

// relative places agencies, whose measures are vals, on a relative scale
// among them all, and returns their points in the same order; none for
// none.
func relative(sc rubric.Scale, vals []decimal.Decimal) []decimal.Decimal {
	if len(vals) == 0 {
		return nil
	}
	vals = slices.Clone(vals)
	for i := range vals {
		if sc.Better == rubric.LowerIsBetter {
			vals[i] = vals[i].Neg() // from here on, higher is better
		}
	}
	out := make([]decimal.Decimal, len(vals))
	fifty := decimal.NewFromInt(50)
	set := func(i int, p decimal.Decimal) {
		out[i] = clamp(p).Round(Places)
	}
	switch sc.Kind {
	case rubric.MinMax:
		lo, hi := slices.MinFunc(vals, decimal.Decimal.Cmp), slices.MaxFunc(vals, decimal.Decimal.Cmp)
		for i, v := range vals {
			if lo.Equal(hi) {
				set(i, fifty)
			} else {
				set(i, v.Sub(lo).Mul(hundred).DivRound(hi.Sub(lo), divPlaces))
			}
		}
	case rubric.ZScore:
		fs := make([]float64, len(vals))
		for i, v := range vals {
			fs[i] = v.InexactFloat64()
		}
		mean, sd := stats.MeanSD(fs)
		for i, f := range fs {
			if sd == 0 {
				set(i, fifty)
			} else {
				set(i, decimal.NewFromFloat(50+25*(f-mean)/sd))
			}
		}
	case rubric.PercentileRank:
		// Each agency's place among the values sorted: those below it are
		// worse, those equal to it (but itself) tied.
		n := len(vals)
		sorted := slices.Clone(vals)
		slices.SortFunc(sorted, decimal.Decimal.Cmp)
		for i, v := range vals {
			if n == 1 {
				set(i, fifty)
				continue
			}
			worse, _ := slices.BinarySearchFunc(sorted, v, decimal.Decimal.Cmp)
			end := worse + sort.Search(n-worse, func(k int) bool { return sorted[worse+k].Cmp(v) > 0 })
			tied := end - worse - 1
			out[i] = percentilePoints(worse, tied, n)
		}
	}
	return out
}
