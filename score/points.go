package score

import (
	"math"
	"slices"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
)

// status says whether criterion c uses measure m.
func (c *criterion) status(m *Measure) Status {
	switch {
	case m.N == 0:
		return StatusNoData
	case m.N < c.minSample:
		return StatusInsufficient
	}
	return StatusScored
}

// points returns every agency's points on every criterion (nil where the
// criterion is not scored): fixed scales agency by agency, relative scales
// across the agencies whose criterion is scored.
func (s *Scorer) points(measures [][]Measure) [][]*decimal.Decimal {
	out := make([][]*decimal.Decimal, len(measures))
	for a := range out {
		out[a] = make([]*decimal.Decimal, len(s.criteria))
	}
	for ci := range s.criteria {
		c := &s.criteria[ci]
		var scored []int // agencies compared on a relative scale
		for a := range measures {
			m := &measures[a][ci]
			if c.status(m) != StatusScored {
				continue
			}
			if !c.Scale.Kind.Relative() {
				p := points(c.Scale, *m)
				out[a][ci] = &p
				continue
			}
			if m.NotReached {
				p := decimal.Zero // worse than any agency compared
				out[a][ci] = &p
				continue
			}
			scored = append(scored, a)
		}
		if len(scored) > 0 {
			relative(c.Scale, measures, ci, scored, out)
		}
	}
	return out
}

// relative places each of the agencies in idx on criterion ci's relative
// scale among them all.
func relative(sc rubric.Scale, measures [][]Measure, ci int, idx []int, out [][]*decimal.Decimal) {
	vals := make([]decimal.Decimal, len(idx))
	for i, a := range idx {
		vals[i] = measures[a][ci].scored()
		if sc.Better == rubric.LowerIsBetter {
			vals[i] = vals[i].Neg() // from here on, higher is better
		}
	}
	fifty := decimal.NewFromInt(50)
	set := func(i int, p decimal.Decimal) {
		p = clamp(p).Round(Places)
		out[idx[i]][ci] = &p
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
		mean := 0.0
		for i, v := range vals {
			fs[i] = v.InexactFloat64()
			mean += fs[i]
		}
		mean /= float64(len(fs))
		variance := 0.0
		for _, f := range fs {
			variance += (f - mean) * (f - mean)
		}
		sd := math.Sqrt(variance / float64(len(fs)))
		for i, f := range fs {
			if sd == 0 {
				set(i, fifty)
			} else {
				set(i, decimal.NewFromFloat(50+25*(f-mean)/sd))
			}
		}
	case rubric.PercentileRank:
		n := len(vals)
		for i, v := range vals {
			if n == 1 {
				set(i, fifty)
				continue
			}
			worse, tied := 0, 0
			for j, w := range vals {
				switch c := v.Cmp(w); {
				case j == i:
				case c > 0:
					worse++
				case c == 0:
					tied++
				}
			}
			// 100 (worse + tied/2) / (n-1) = 100 (2 worse + tied) / (2 (n-1))
			set(i, decimal.NewFromInt(int64(100*(2*worse+tied))).DivRound(decimal.NewFromInt(int64(2*(n-1))), divPlaces))
		}
	}
}
