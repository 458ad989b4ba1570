package score

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
)

// Influence is one criterion's actual weight in the overall scores of a
// report, beside its nominal weight: the same nominal weight can matter
// more or less depending on how much the criterion varies across agencies
// and on how often it is missing.
type Influence struct {
	// Criterion and Dimension identify the criterion.
	Criterion string             `json:"criterion"`
	Dimension rubric.DimensionID `json:"dimension"`
	// Nominal is the dimension's weight times the criterion's: its share
	// of the overall score when every criterion has data.
	Nominal decimal.Decimal `json:"nominal"`
	// MeanShare is the mean, over the agencies with a positive overall
	// score, of the criterion's part of that score: effective dimension
	// weight × effective criterion weight × points / overall score. Nil
	// unless every node aggregates arithmetically and no knock-out capped
	// the criterion's dimension, where the parts add up to the score.
	MeanShare *decimal.Decimal `json:"mean_share"`
	// Scored is the number of scored agencies whose criterion had points.
	Scored int `json:"scored"`
	// Correlation is Pearson's r between the criterion's points and the
	// overall score across those agencies; nil with fewer than three or
	// when either does not vary.
	Correlation *float64 `json:"correlation"`
}

// influence computes every criterion's Influence over the report's scored
// agencies, in rubric order.
func (s *Scorer) influence(rep *Report) []Influence {
	arithmetic := s.rubric.Method.Aggregation == "" || s.rubric.Method.Aggregation == rubric.Arithmetic
	for _, d := range s.dims {
		arithmetic = arithmetic && (d.method.Aggregation == "" || d.method.Aggregation == rubric.Arithmetic)
	}
	var out []Influence
	for di, d := range s.dims {
		for j, ci := range d.criteria {
			c := &s.criteria[ci]
			inf := Influence{Criterion: c.ID, Dimension: d.id, Nominal: d.weight.Mul(c.Weight)}
			var xs, ys []float64
			share, shares := decimal.Zero, 0
			exact := arithmetic
			for _, a := range rep.Agencies {
				if a.Score == nil {
					continue
				}
				ds, cs := a.Dimensions[di], a.Dimensions[di].Criteria[j]
				if cs.Points == nil {
					if a.Score.Sign() > 0 {
						shares++ // counts as a zero share
					}
					continue
				}
				inf.Scored++
				xs, ys = append(xs, cs.Points.InexactFloat64()), append(ys, a.Score.InexactFloat64())
				if ds.CappedBy != "" {
					exact = false
				}
				if a.Score.Sign() > 0 {
					part := ds.EffectiveWeight.Mul(cs.EffectiveWeight).Mul(*cs.Points)
					share = share.Add(part.DivRound(*a.Score, divPlaces))
					shares++
				}
			}
			if exact && shares > 0 {
				m := share.DivRound(decimal.NewFromInt(int64(shares)), 4)
				inf.MeanShare = &m
			}
			inf.Correlation = pearson(xs, ys)
			out = append(out, inf)
		}
	}
	return out
}

// pearson returns Pearson's correlation of xs and ys, rounded to 6 places;
// nil with fewer than three pairs or when either does not vary.
func pearson(xs, ys []float64) *float64 {
	n := float64(len(xs))
	if len(xs) < 3 {
		return nil
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return nil
	}
	r := math.Round(sxy/math.Sqrt(sxx*syy)*1e6) / 1e6
	return &r
}
