package compose

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
)

// oracle is the test's independent reference for Combine: the rules of
// Combine's documentation written again in decimal arithmetic, as plainly
// as they read, with no integer in sight. It is not used outside this
// test.
type oracle struct {
	score      *decimal.Decimal  // nil: no data, or withheld
	eff        []decimal.Decimal // nil when no weight is used
	contrib    []decimal.Decimal // nil unless arithmetic
	reweighted bool
	zeroed     bool
	left       []int
	withheld   Withheld
}

// oracleCombine applies m to children of the given weights and points (nil
// for no data).
func oracleCombine(m rubric.Method, weights []decimal.Decimal, points []*decimal.Decimal) oracle {
	var res oracle
	total, withData := decimal.Zero, decimal.Zero
	missing, any := false, false
	for i, w := range weights {
		total = total.Add(w)
		if points[i] != nil {
			withData, any = withData.Add(w), true
		} else if w.Sign() > 0 {
			missing = true
		}
	}
	if m.MinAvailable != nil && total.Sign() > 0 && withData.DivRound(total, 12).LessThan(*m.MinAvailable) {
		res.withheld = Unavailable
		return res
	}
	if !any {
		return res
	}
	if missing && m.Missing == rubric.Withhold && withData.Sign() > 0 {
		res.withheld = MissingChild
		return res
	}
	used := make([]decimal.Decimal, len(weights))
	pts := make([]decimal.Decimal, len(weights))
	sum := decimal.Zero
	for i, w := range weights {
		switch {
		case points[i] != nil:
			used[i], pts[i] = w, *points[i]
		case m.Missing == rubric.Zero && w.Sign() > 0 && withData.Sign() > 0:
			used[i] = w
			res.zeroed = true
			res.left = append(res.left, i)
		case w.Sign() > 0:
			res.reweighted = true
			res.left = append(res.left, i)
		}
		sum = sum.Add(used[i])
	}
	if sum.IsZero() {
		res.reweighted = false
		return res
	}
	one := decimal.NewFromInt(1)
	res.eff = make([]decimal.Decimal, len(weights))
	for i := range weights {
		if sum.Equal(one) {
			res.eff[i] = used[i]
		} else {
			res.eff[i] = used[i].DivRound(sum, 12)
		}
	}
	var score decimal.Decimal
	switch m.Aggregation {
	case rubric.Geometric:
		logSum := 0.0
		for i := range weights {
			if used[i].IsZero() {
				continue
			}
			p := pts[i]
			if m.ZeroFloor != nil && p.LessThan(*m.ZeroFloor) {
				p = *m.ZeroFloor
			}
			if p.Sign() <= 0 {
				logSum = math.Inf(-1)
				break
			}
			logSum += used[i].InexactFloat64() / sum.InexactFloat64() * math.Log(p.InexactFloat64())
		}
		score = decimal.NewFromFloat(math.Exp(logSum)).Round(2)
	case rubric.Minimum:
		first := true
		for i := range weights {
			if !used[i].IsZero() && (first || pts[i].LessThan(score)) {
				score, first = pts[i], false
			}
		}
	default:
		res.contrib = make([]decimal.Decimal, len(weights))
		for i := range weights {
			res.contrib[i] = res.eff[i].Mul(pts[i])
			score = score.Add(res.contrib[i])
		}
		score = score.Round(2)
	}
	res.score = &score
	return res
}

// TestCombineAgreesWithDecimal holds Combine to the oracle on random
// nodes: weights of up to 12 places that sum to 1 (some 0) or not (drawn
// weights), points of 2 places or none, and every aggregation,
// missing-data policy, zero floor and minimum availability; with and
// without explanations.
func TestCombineAgreesWithDecimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	aggs := []rubric.Aggregation{"", rubric.Arithmetic, rubric.Geometric, rubric.Minimum}
	missings := []rubric.Missing{"", rubric.Reweight, rubric.Zero, rubric.Withhold}
	var r, quiet Result
	for trial := range 30000 {
		k := 1 + rng.IntN(6)
		units := make([]int64, k)
		left := int64(Unit)
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
		if trial%7 == 0 { // weights that do not sum to 1
			units[rng.IntN(k)] += rng.Int64N(1000)
		}
		weights := make([]decimal.Decimal, k)
		for i, u := range units {
			weights[i] = decimal.New(u, -rubric.MaxPlaces)
		}
		m := rubric.Method{Aggregation: aggs[rng.IntN(len(aggs))], Missing: missings[rng.IntN(len(missings))]}
		if m.Aggregation == rubric.Geometric && rng.IntN(2) == 0 {
			f := decimal.New(rng.Int64N(2001), -2)
			if rng.IntN(3) == 0 {
				f = decimal.New(rng.Int64N(200001), -4) // between hundredths
			}
			m.ZeroFloor = &f
		}
		if rng.IntN(3) == 0 {
			a := decimal.New(rng.Int64N(Unit+1), -rubric.MaxPlaces)
			m.MinAvailable = &a
		}
		pts := make([]int64, k)
		points := make([]*decimal.Decimal, k)
		for i := range pts {
			pts[i] = None
			if rng.IntN(10) < 7 {
				pts[i] = rng.Int64N(10001)
				if rng.IntN(6) == 0 {
					pts[i] = 0
				}
				d := decimal.New(pts[i], -2)
				points[i] = &d
			}
		}
		if m.ZeroFloor != nil && rng.IntN(2) == 0 { // points at the floor, or a hundredth off
			i := rng.IntN(k)
			pts[i] = max(m.ZeroFloor.Shift(2).Ceil().IntPart()+rng.Int64N(3)-1, 0)
			d := decimal.New(pts[i], -2)
			points[i] = &d
		}
		method := MethodOf(m)
		r.Explain = true
		method.Combine(units, pts, &r)
		want := oracleCombine(m, weights, points)
		if err := sameResult(&r, want); err != nil {
			t.Fatalf("trial %d: method %+v, weights %v, points %v: %v", trial, m, weights, pts, err)
		}
		method.Combine(units, pts, &quiet)
		if quiet.Score != r.Score || quiet.Withheld != r.Withheld || quiet.Reweighted != r.Reweighted ||
			quiet.Zeroed != r.Zeroed || len(quiet.Eff)+len(quiet.Contrib)+len(quiet.Left) > 0 {
			t.Fatalf("trial %d: without explanations %+v, with %+v", trial, quiet, r)
		}
	}
}

// sameResult returns an error when Combine's result and the oracle's
// differ in any number or flag.
func sameResult(got *Result, want oracle) error {
	h := func(x int64) string { return decimal.New(x, -2).String() }
	switch {
	case (got.Score == None) != (want.score == nil):
		return fmt.Errorf("score %d, decimal %v", got.Score, want.score)
	case want.score != nil && !decimal.New(got.Score, -2).Equal(*want.score):
		return fmt.Errorf("score %s, decimal %s", h(got.Score), want.score)
	case got.Reweighted != want.reweighted || got.Zeroed != want.zeroed || got.Withheld != want.withheld:
		return fmt.Errorf("flags %v %v %v, decimal %v %v %v", got.Reweighted, got.Zeroed, got.Withheld,
			want.reweighted, want.zeroed, want.withheld)
	case (got.Reweighted || got.Zeroed) && !slices.Equal(got.Left, want.left):
		return fmt.Errorf("left %v, decimal %v", got.Left, want.left)
	case (len(got.Eff) == 0) != (want.eff == nil) || (len(got.Contrib) == 0) != (want.contrib == nil):
		return fmt.Errorf("%d effective weights and %d contributions, decimal %d and %d", len(got.Eff), len(got.Contrib), len(want.eff), len(want.contrib))
	}
	for i := range len(got.Eff) {
		if e := decimal.New(got.Eff[i], -12); !e.Equal(want.eff[i]) {
			return fmt.Errorf("child %d: effective weight %s, decimal %s", i, e, want.eff[i])
		}
	}
	for i := range len(got.Contrib) {
		if c := decimal.New(got.Contrib[i], -14); !c.Equal(want.contrib[i]) {
			return fmt.Errorf("child %d: contribution %s, decimal %s", i, c, want.contrib[i])
		}
	}
	return nil
}

// TestRoundHundredths checks the rounding of a geometric mean: by hand at
// halves (1.005 and 2.675 are just below their halves in binary, but their
// shortest decimal forms are the halves, which round up), and against the
// decimal form on values a few ulps around every half.
func TestRoundHundredths(t *testing.T) {
	for _, tt := range []struct {
		y    float64
		want int64
	}{{0, 0}, {100, 10000}, {87.604, 8760}, {87.606, 8761}, {0.125, 13}, {1.005, 101}, {2.675, 268}, {0.1249999999, 12}} {
		if got := roundHundredths(tt.y); got != tt.want {
			t.Errorf("roundHundredths(%v) = %d, want %d", tt.y, got, tt.want)
		}
	}
	rng := rand.New(rand.NewPCG(3, 3))
	for range 20000 {
		y := (float64(rng.IntN(10000)) + 0.5) / 100
		for range rng.IntN(4) {
			y = math.Nextafter(y, float64(rng.IntN(2)*200-50))
		}
		if got, want := roundHundredths(y), decimal.NewFromFloat(y).Round(2).Shift(2).IntPart(); got != want {
			t.Fatalf("roundHundredths(%v) = %d, decimal %d", y, got, want)
		}
	}
}

// TestApplyCaps works out knock-out caps by hand: a cap applies to a
// score above it as written, caps apply in order, each to the score capped
// before it, and the children at 0 points are listed whether their cap
// applied or not.
func TestApplyCaps(t *testing.T) {
	caps := []Cap{{Child: 0, Units: 10 * Unit, To: 1000}, {Child: 2, Units: 2555 * Unit / 100, To: 2556}}
	for _, tt := range []struct {
		score int64
		pts   []int64
		want  Capped
	}{
		{None, []int64{0, 50, 0}, Capped{Score: None, Uncapped: None, By: -1}},
		{8000, []int64{100, 50, 100}, Capped{Score: 8000, Uncapped: None, By: -1}},
		{8000, []int64{0, 50, 100}, Capped{Score: 1000, Uncapped: 8000, By: 0, Failed: []int{0}}},
		{1000, []int64{0, 50, 100}, Capped{Score: 1000, Uncapped: None, By: -1, Failed: []int{0}}}, // at the cap: not above it
		{1001, []int64{0, 50, 100}, Capped{Score: 1000, Uncapped: 1001, By: 0, Failed: []int{0}}},
		{8000, []int64{100, 0, 0}, Capped{Score: 2556, Uncapped: 8000, By: 2, Failed: []int{2}}},
		{2556, []int64{100, 0, 0}, Capped{Score: 2556, Uncapped: 2556, By: 2, Failed: []int{2}}}, // 25.56 is above 25.55
		{8000, []int64{0, 0, 0}, Capped{Score: 1000, Uncapped: 8000, By: 0, Failed: []int{0, 2}}},
	} {
		var got Capped
		ApplyCaps(tt.score, tt.pts, caps, true, &got)
		if got.Score != tt.want.Score || got.Uncapped != tt.want.Uncapped || got.By != tt.want.By || !slices.Equal(got.Failed, tt.want.Failed) {
			t.Errorf("ApplyCaps(%d, %v) = %+v, want %+v", tt.score, tt.pts, got, tt.want)
		}
	}
}

// TestGrade checks the grade bands by hand: a score reaches a minimum
// written with more places than hundredths only above it.
func TestGrade(t *testing.T) {
	mins := []int64{85 * Unit, 7055 * Unit / 100, 50 * Unit, 0}
	for _, tt := range []struct {
		score int64
		want  int
	}{{10000, 0}, {8500, 0}, {8499, 1}, {7055, 1}, {7054, 2}, {5000, 2}, {0, 3}} {
		if got := Grade(tt.score, mins); got != tt.want {
			t.Errorf("Grade(%d) = %d, want %d", tt.score, got, tt.want)
		}
	}
	if got := Grade(5000, []int64{5000*Unit/100 + 1}); got != -1 {
		t.Errorf("Grade below every band = %d, want -1", got)
	}
}

// TestRank checks shared ranks and the order by hand.
func TestRank(t *testing.T) {
	scores := []int32{5000, None, 9000, 5000, 7000, None, 9000}
	ranks, order := make([]int32, len(scores)), make([]int32, len(scores))
	keys := Rank(scores, ranks, order, nil)
	if want := []int32{4, 0, 1, 4, 3, 0, 1}; !slices.Equal(ranks, want) {
		t.Errorf("ranks %v, want %v", ranks, want)
	}
	if want := []int32{2, 6, 4, 0, 3, 1, 5}; !slices.Equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	Rank(scores[:2], ranks[:2], nil, keys)
	if ranks[0] != 1 || ranks[1] != 0 {
		t.Errorf("ranks of two = %v, want [1 0]", ranks[:2])
	}
}

// TestGates checks, by hand, a failed gate capping the overall score as a
// knock-out caps a dimension, and setting the grade when that is worse.
func TestGates(t *testing.T) {
	r := rubric.Rubric{
		Dimensions: []rubric.Dimension{{ID: "d", Weight: decimal.NewFromInt(1), Criteria: []rubric.Criterion{{ID: "c", Weight: decimal.NewFromInt(1)}}}},
		Gates: []rubric.Gate{
			{ID: "capped", Cap: ptrDec("24")},
			{ID: "graded", Grade: "low"},
		},
		Grades: []rubric.Grade{{ID: "high", Min: decimal.NewFromInt(50)}, {ID: "mid", Min: decimal.NewFromInt(25)}, {ID: "low", Min: decimal.Zero}},
	}
	tree := TreeOf(r)
	var c Composition
	for _, tt := range []struct {
		gates    []int64
		score    int64
		grade    int
		uncapped int64
	}{
		{[]int64{None, None}, 8000, 0, None},
		{[]int64{0, None}, 2400, 2, 8000},
		{[]int64{None, 0}, 8000, 2, None},
		{nil, 8000, 0, None}, // no outcomes: nothing failed
	} {
		got := tree.Compose([]int64{8000}, tt.gates, &c)
		if got != tt.score || c.TopCapped.Uncapped != tt.uncapped || tree.GradeOf(got, tt.gates) != tt.grade {
			t.Errorf("gates %v: score %d (uncapped %d), grade %d; want %d (%d), %d",
				tt.gates, got, c.TopCapped.Uncapped, tree.GradeOf(got, tt.gates), tt.score, tt.uncapped, tt.grade)
		}
	}
}

func ptrDec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}
