package score

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
)

// TestCombineAgreesWithDecimal holds the integer composition to the same
// rules computed in decimal arithmetic, on random nodes: weights of up to
// 12 places that sum to 1 (some 0), points of 2 places or none, and every
// aggregation, missing-data policy, zero floor and minimum availability.
func TestCombineAgreesWithDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	aggs := []rubric.Aggregation{"", rubric.Arithmetic, rubric.Geometric, rubric.Minimum}
	missings := []rubric.Missing{"", rubric.Reweight, rubric.Zero, rubric.Withhold}
	for trial := range 20000 {
		k := 1 + rng.IntN(6)
		units := make([]int64, k)
		left := int64(unit)
		for i := range k - 1 {
			if rng.IntN(5) == 0 {
				continue // a weight of 0
			}
			units[i] = rng.Int64N(left + 1)
			if rng.IntN(3) == 0 {
				units[i] = units[i] / 1e10 * 1e10 // two places, as rubrics usually write them
			}
			left -= units[i]
		}
		units[k-1] = left
		weights := make([]decimal.Decimal, k)
		for i, u := range units {
			weights[i] = decimal.New(u, -rubric.MaxPlaces)
		}
		m := rubric.Method{Aggregation: aggs[rng.IntN(len(aggs))], Missing: missings[rng.IntN(len(missings))]}
		if m.Aggregation == rubric.Geometric && rng.IntN(2) == 0 {
			f := decimal.New(rng.Int64N(2001), -2)
			m.ZeroFloor = &f
		}
		if rng.IntN(3) == 0 {
			a := decimal.New(rng.Int64N(unit+1), -rubric.MaxPlaces)
			m.MinAvailable = &a
		}
		pts := make([]int64, k)
		kids := make([]child, k)
		for i := range pts {
			kids[i].weight = weights[i]
			pts[i] = none
			if rng.IntN(10) < 7 {
				pts[i] = rng.Int64N(10001)
				if rng.IntN(6) == 0 {
					pts[i] = 0
				}
				d := decimal.New(pts[i], -Places)
				kids[i].points = &d
			}
		}
		n := newNode(m, weights)
		got := n.combine(pts)
		want := combineDecimal(m, kids)
		if err := sameCombined(got, want, k); err != nil {
			t.Fatalf("trial %d: method %+v, weights %v, points %v: %v", trial, m, weights, pts, err)
		}
	}
}

// sameCombined returns an error when the integer and decimal compositions
// of a node differ in any number or flag.
func sameCombined(got combined, want combinedDecimal, k int) error {
	switch {
	case (got.score == none) != (want.score == nil):
		return fmt.Errorf("score %d, decimal %v", got.score, want.score)
	case want.score != nil && !hundredthsOf(got.score).Equal(*want.score):
		return fmt.Errorf("score %s, decimal %s", hundredthsOf(got.score), want.score)
	case got.reweighted != want.reweighted || got.zeroed != want.zeroed || got.withheld != want.withheld:
		return fmt.Errorf("flags %v %v %q, decimal %v %v %q", got.reweighted, got.zeroed, got.withheld,
			want.reweighted, want.zeroed, want.withheld)
	case (got.reweighted || got.zeroed) && !slices.Equal(got.left, want.left):
		return fmt.Errorf("left %v, decimal %v", got.left, want.left)
	}
	for i := range k {
		var we, wc decimal.Decimal
		if want.eff != nil {
			we, wc = want.eff[i], want.contrib[i]
		}
		if e := got.effAt(i); !e.Equal(we) {
			return fmt.Errorf("child %d: effective weight %s, decimal %s", i, e, we)
		}
		if c := got.contribAt(i); !c.Equal(wc) {
			return fmt.Errorf("child %d: contribution %s, decimal %s", i, c, wc)
		}
	}
	return nil
}
