package score

import (
	"math"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/stats"
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
	// score that no gate capped, of the criterion's part of that score:
	// effective dimension weight × effective criterion weight × points /
	// overall score. Nil unless every node aggregates arithmetically and no
	// knock-out capped the criterion's dimension, where the parts add up to
	// the score.
	MeanShare *decimal.Decimal `json:"mean_share"`
	// Scored is the number of scored agencies whose criterion had points.
	Scored int `json:"scored"`
	// Correlation is Pearson's r between the criterion's points and the
	// overall score across those agencies; nil with fewer than three or
	// when either does not vary.
	Correlation *float64 `json:"correlation"`
}

// pearson returns Pearson's correlation of xs and ys, rounded to 6 places;
// nil with fewer than three pairs or when either does not vary.
func pearson(xs, ys []float64) *float64 {
	r, ok := stats.Pearson(xs, ys)
	if !ok {
		return nil
	}
	r = math.Round(r*1e6) / 1e6
	return &r
}
