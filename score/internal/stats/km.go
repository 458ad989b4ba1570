package stats

import (
	"math"
	"slices"
	"sort"
)

// Obs is one observation of a time to event: Time in seconds, and whether the
// event (a first reply) was observed at Time (Event) or the observation was
// censored there (no reply by the cut-off).
type Obs struct {
	Time  int64
	Event bool
}

// Curve is a Kaplan-Meier product-limit estimate of the share of
// observations still without an event, S(t), with what R's
// survival::survfit reports beside it. S is a step function: it is 1 before
// Times[0] and Surv[i] from Times[i] until the next time. The slices have
// one element per distinct event time; censoring-only times, which R lists
// as rows with n.event 0, change nothing and are left out.
//
// The zero value is the curve of an empty sample. A Curve is not changed by
// its methods, so it is safe for simultaneous use by multiple goroutines.
type Curve struct {
	Times []int64   // distinct times at which at least one event happened, ascending
	Surv  []float64 // S at and after Times[i]
	// NRisk[i] is the number at risk at Times[i]: observations with a time
	// at or after it (R's n.risk). Censorings at Times[i] count at risk.
	NRisk []int
	// NEvent[i] is the number of events at Times[i] (R's n.event).
	NEvent []int
	// StdErr[i] is Greenwood's standard error of log S at Times[i], the
	// std.err R's survfit reports (its default is on the log scale):
	//
	//	StdErr[i] = sqrt(Σ_{j<=i} d_j / (n_j (n_j - d_j)))
	//
	// with n_j = NRisk[j], d_j = NEvent[j]. It is +Inf once S is 0.
	StdErr   []float64
	MaxTime  int64 // the largest time observed, event or censored; 0 for no observations
	N        int   // observations
	Events   int   // observations with an event
	Censored int   // censored observations

}

// KaplanMeier estimates S(t) from obs. At a time with both events and
// censorings, the censored observations are counted at risk (the usual
// convention, as in R's survival package).
func KaplanMeier(obs []Obs) Curve {
	var s Sample
	s.Grow(len(obs))
	for _, o := range obs {
		s.Add(o.Time, o.Event)
	}
	return s.Curve()
}

// ConfInt returns the 95% pointwise confidence interval of S at Times[i],
// R's survfit default (conf.type = "log"):
//
//	lower = exp(log S - z·se),  upper = min(exp(log S + z·se), 1)
//
// with se = StdErr[i] and z = [Z95]. Where S is 0 there is no interval
// (R reports NA for both bounds) and ok is false.
func (c Curve) ConfInt(i int) (lower, upper float64, ok bool) {
	lower, upper = c.lower(i), c.upper(i)
	return lower, upper, !math.IsNaN(lower)
}

func (c Curve) lower(i int) float64 { return c.lowerAt(i) }

func (c Curve) upper(i int) float64 { return c.upperAt(i) }

func (c Curve) lowerAt(i int) float64 {
	if c.Surv[i] == 0 {
		return math.NaN()
	}
	return math.Exp(math.Log(c.Surv[i]) - Z95*c.StdErr[i])
}

func (c Curve) upperAt(i int) float64 {
	if c.Surv[i] == 0 {
		return math.NaN()
	}
	return min(math.Exp(math.Log(c.Surv[i])+Z95*c.StdErr[i]), 1)
}

// Plateau returns the curve's final value S(t_last), the KM estimate of S
// beyond the last event time: the estimated share of observations that never
// have the event (inquiries never answered). It is the eventual non-response
// share among the observed, and assumes that those censored would have been
// answered, if ever, at the rate of those still waiting as long. It is 1 for
// a curve without events, including the empty one.
func (c Curve) Plateau() float64 {
	if len(c.Surv) == 0 {
		return 1
	}
	return c.Surv[len(c.Surv)-1]
}

// RestrictedMean returns the restricted mean time to event up to the
// horizon τ (seconds), the area under S from 0 to τ, and its standard error,
// as R's print(fit, rmean = τ) reports them (rmean and se(rmean)):
//
//	rmean = ∫_0^τ S(u) du
//	se²   = Σ_{t_j <= τ} A_j² · d_j / (n_j (n_j - d_j)),  A_j = ∫_{t_j}^τ S(u) du
//
// where, as in R, a time at which all at risk have the event (n_j = d_j)
// adds nothing to se². A horizon at or below 0 gives 0, 0.
func (c Curve) RestrictedMean(horizon float64) (mean, se float64) {
	if horizon <= 0 {
		return 0, 0
	}
	m, _ := slices.BinarySearchFunc(c.Times, horizon, func(t int64, h float64) int {
		if float64(t) <= h {
			return -1
		}
		return 1
	}) // Times[:m] are the event times at or before the horizon
	var area, v float64 // area = A_j, from the horizon back to Times[j]
	next := horizon
	for j := m - 1; j >= 0; j-- {
		t := float64(c.Times[j])
		area += c.Surv[j] * (next - t)
		if n, d := float64(c.NRisk[j]), float64(c.NEvent[j]); n > d {
			v += area * area * d / (n * (n - d))
		}
		next = t
	}
	return area + next, math.Sqrt(v) // S = 1 on [0, Times[0])
}

// quantileTol is the tolerance R's quantile.survfit uses to decide that the
// curve equals 1-p: sqrt(.Machine$double.eps), 2⁻²⁶.
const quantileTol = 0x1p-26

// Quantile returns the p-th quantile of the time to event, as R's
// quantile.survfit computes it: the first time at which S(t) <= 1-p. Where
// S equals 1-p (within 2⁻²⁶, on 1-S against p) on a step, it returns the
// midpoint of that step, from the time S reaches 1-p to the next event
// time; when that step is the last, the midpoint runs to MaxTime, the last
// time observed (so it is Times[last] when nothing was censored after it).
// It reports false ("not reached", R's NA) when S never falls to 1-p, and,
// as R does, for 0 < p < 2⁻²⁶. p = 0 gives 0.
func (c Curve) Quantile(p float64) (float64, bool) { return c.quantile(p, pointCurve) }

// QuantileLower returns the lower bound of the 95% confidence interval of
// the p-th quantile, as R's quantile.survfit computes it: the p-th quantile,
// by the rules of [Curve.Quantile], of the lower confidence curve of
// [Curve.ConfInt]. It can be not reached even when the quantile is: where S
// falls to 0 the curve has no interval.
func (c Curve) QuantileLower(p float64) (float64, bool) { return c.quantile(p, lowerCurve) }

// QuantileUpper returns the upper bound of the 95% confidence interval of
// the p-th quantile, the p-th quantile of the upper confidence curve; often
// not reached. The upper curve can rise again where few remain at risk; R
// then takes, among the steps at which it has fallen to 1-p, the lowest,
// not the first, and so does QuantileUpper.
func (c Curve) QuantileUpper(p float64) (float64, bool) { return c.quantile(p, upperCurve) }

type whichCurve uint8

const (
	pointCurve whichCurve = iota // S
	lowerCurve                   // lower confidence bound of S
	upperCurve                   // upper confidence bound of S
)

// y is 1 minus the chosen curve at step i, or NaN where it is not defined.
func (c Curve) y(w whichCurve, i int) float64 {
	switch w {
	case lowerCurve:
		return 1 - c.lower(i)
	case upperCurve:
		return 1 - c.upper(i)
	}
	return 1 - c.Surv[i]
}

// quantile follows survival:::findq for one p. findq looks at the points
// (0, 0), (Times[i], y_i) with y = 1 - the curve, drops every point whose
// y repeats an earlier one (NaN repeating NaN), and with tol = 2⁻²⁶ takes
//
//	i1 = the point with the smallest y such that y + tol >= p
//	i2 = the point with the smallest y such that y - tol >= p
//	q  = (x[i1] + x[i2]) / 2
//
// (approx(y ± tol, index, p, "constant", f = 1) over y sorted). When the
// last remaining point's y is not NaN and |p - y| < tol, q = (x[i1] +
// MaxTime) / 2. q is NA when a point is missing, or when p is above every y.
// Scanning forward and replacing only on a strictly smaller y keeps the first
// of equal values, so the dropping matters only for the last point.
func (c Curve) quantile(p float64, w whichCurve) (float64, bool) {
	if p <= 0 {
		return 0, true
	}
	const tol = quantileTol
	if p < tol || len(c.Surv) == 0 {
		// p below the range approx is given, or a curve that stays at 1:
		// NA in R.
		return 0, false
	}
	if w != upperCurve {
		if q, ok, done := c.quantileRising(p, w); done {
			return q, ok
		}
	} else if q, ok, done := c.quantileUpperTail(p); done {
		return q, ok
	}
	return c.quantileScan(p, w)
}

// quantileUpperTail is quantile for the upper curve, computing its bounds
// only where findq can pick a point. The upper bound is at least S (but
// for rounding, far below boundMargin), so 1 minus it is at most 1-S: at
// the steps before S falls to 1-(p-tol), which bisection finds, y is below
// p-tol, and findq picks none of them. They still count for which point is
// the last that repeats no earlier one; the tail is enough when that point
// is in it with a y that they cannot have. It reports done false, leaving
// the question to the full scan, when it is not enough.
func (c Curve) quantileUpperTail(p float64) (q float64, ok, done bool) {
	const tol = quantileTol
	below := p - tol - 2*boundMargin
	if below <= 0 {
		return 0, false, false
	}
	k := len(c.Surv)
	from := sort.Search(k, func(i int) bool { return 1-c.Surv[i] >= below })
	// The steps skipped have a y below below+boundMargin, and not NaN.
	t := newTail(c, from)
	pk := newPick(p)
	for b := range t.lo {
		// A block whose every y is above y2 (and so above y1) holds no
		// better point: y2 is found only once maxY >= p, and findq keeps
		// the first of equal points.
		if pk.ok2 && t.lo[b] > pk.y2 {
			continue
		}
		for j := t.start(b); j < t.end(b); j++ {
			pk.see(from+j, t.y(j))
		}
	}
	return pk.answer(c, func() (float64, bool, bool) { return t.lastDistinct(below + boundMargin) })
}

// tailBlock is how many steps of an upper curve's tail share one pair of
// bounds (see tail); a variable for tests.
var tailBlock = 64

// tail is the upper confidence curve from step from on, its ys computed a
// block of steps at a time, when asked for. Each block has bounds on its
// ys that cost one exp: on the steps i..e-1 of a block, S falls and its
// standard error rises, so the upper bound min(S_i exp(z se_i), 1) is at
// most min(S_first exp(z se_last), 1) and at least S_last; lo and hi are
// 1 minus those, widened by boundMargin for rounding. Most blocks of a
// long curve are then never computed: their ys are all worse than a point
// found, and not near the last point's.
type tail struct {
	c      Curve
	from   int
	ys     []float64 // by step from from; unknown until its block is computed
	lo, hi []float64 // by block: bounds of its ys (not NaN ones)
}

const unknownY = -1 // no y is negative

func newTail(c Curve, from int) *tail {
	n := len(c.Surv) - from
	nb := (n + tailBlock - 1) / tailBlock
	t := &tail{c: c, from: from, ys: make([]float64, n), lo: make([]float64, nb), hi: make([]float64, nb)}
	for j := range t.ys {
		t.ys[j] = unknownY
	}
	for b := range nb {
		first, last := from+t.start(b), from+t.end(b)-1
		top := min(c.Surv[first]*math.Exp(Z95*c.StdErr[last]), 1) // +Inf once S is 0: 1
		t.lo[b] = 1 - top - boundMargin
		t.hi[b] = 1 - c.Surv[last] + boundMargin
	}
	return t
}

func (t *tail) start(b int) int { return b * tailBlock }
func (t *tail) end(b int) int   { return min((b+1)*tailBlock, len(t.ys)) }

// y returns the y of step from+j, computing its block on first use.
func (t *tail) y(j int) float64 {
	if t.ys[j] == unknownY {
		b := j / tailBlock
		for i := t.start(b); i < t.end(b); i++ {
			t.ys[i] = t.c.y(upperCurve, t.from+i)
		}
	}
	return t.ys[j]
}

// lastDistinct is lastDistinct for the tail, whose steps before it have
// ys below lim, not NaN: the y of the last point that repeats no earlier
// one, known only when it is among the tail's with a y they cannot have.
// A block is computed only when its bounds admit the y sought, or, for a
// NaN, when S reaches 0 in it.
func (t *tail) lastDistinct(lim float64) (y float64, ok, known bool) {
	for j := len(t.ys) - 1; j >= 0; j-- {
		y := t.y(j)
		if y == 0 {
			continue // the origin's
		}
		nan := math.IsNaN(y)
		if !nan && y < lim {
			return 0, false, false
		}
		if !t.repeats(j, y, nan) {
			return y, !nan, true
		}
	}
	return 0, false, false
}

// repeats reports whether y, the y of step from+j, is that of an earlier
// step of the tail.
func (t *tail) repeats(j int, y float64, nan bool) bool {
	for b := 0; b <= j/tailBlock; b++ {
		switch {
		case nan && t.c.Surv[t.from+t.end(b)-1] != 0:
			continue // S is above 0 on the whole block: no NaN
		case !nan && (y < t.lo[b] || y > t.hi[b]):
			continue
		}
		for i := t.start(b); i < min(t.end(b), j); i++ {
			if yi := t.y(i); yi == y || nan && math.IsNaN(yi) {
				return true
			}
		}
	}
	return false
}

// boundMargin bounds how far rounding can take 1 minus the upper bound of
// S above 1-S: exp(log S) is S within a few units in the last place.
const boundMargin = 1e-9

// quantileRising is quantile for the point and lower curves, whose y rises
// with every step: S falls at every event time and its standard error
// never falls, and only the last step can be undefined (S = 0 ends the
// curve). The points findq picks are then the first to pass p ± tol, found
// by bisection. It reports done false, leaving the question to the full
// scan, when rounding made the last two points equal.
func (c Curve) quantileRising(p float64, w whichCurve) (q float64, ok, done bool) {
	const tol = quantileTol
	k := len(c.Surv)
	yLast := c.y(w, k-1)
	if k >= 2 && c.y(w, k-2) == yLast || yLast == 0 {
		return 0, false, false
	}
	defined := k // the points with a y
	if math.IsNaN(yLast) {
		defined--
	}
	if defined == 0 {
		return 0, false, true
	}
	maxY := c.y(w, defined-1)
	i1, ok1 := -1, tol >= p // the origin, y = 0
	if !ok1 {
		i1 = sort.Search(defined, func(i int) bool { return c.y(w, i)+tol >= p })
		ok1 = i1 < defined
	}
	i2 := sort.Search(defined, func(i int) bool { return c.y(w, i)-tol >= p })
	if maxY < p || !ok1 {
		return 0, false, true
	}
	if !math.IsNaN(yLast) && math.Abs(p-yLast) < tol {
		return (c.x(i1) + float64(c.MaxTime)) / 2, true, true
	}
	if i2 == defined {
		return 0, false, true
	}
	return (c.x(i1) + c.x(i2)) / 2, true, true
}

// quantileScan is quantile by a scan of every point.
func (c Curve) quantileScan(p float64, w whichCurve) (float64, bool) {
	ys := make([]float64, len(c.Surv))
	for i := range ys {
		ys[i] = c.y(w, i)
	}
	q, ok, _ := c.findq(p, ys, 0, math.Inf(-1))
	return q, ok
}

// findq is quantile on the points from on, indexed from -1, the origin
// (0, 0), whose ys are ys[i-from]. The points before from (none when from
// is 0) must be points findq does not pick, with a y below lim and not
// NaN; when the last point that repeats no earlier one may be one of them,
// or repeat one of them, findq reports done false.
func (c Curve) findq(p float64, ys []float64, from int, lim float64) (q float64, ok, done bool) {
	k := newPick(p)
	for j, y := range ys {
		k.see(from+j, y)
	}
	return k.answer(c, func() (float64, bool, bool) { return lastDistinct(ys, from == 0, lim) })
}

// pick is findq's rule as a scan sees the points of a curve: the first
// point with the lowest y at least p - tol (i1, y1), the first with the
// lowest y at least p + tol (i2, y2), and the highest y; the origin, point
// -1 with y 0, is seen first. NaN ys are passed over.
type pick struct {
	p, maxY  float64
	i1, i2   int
	y1, y2   float64
	ok1, ok2 bool
}

func newPick(p float64) pick { return pick{p: p, i1: -1, i2: -1, ok1: quantileTol >= p} }

// see takes point i, whose y is y.
func (k *pick) see(i int, y float64) {
	if math.IsNaN(y) {
		return
	}
	k.maxY = max(k.maxY, y)
	if y+quantileTol >= k.p && (!k.ok1 || y < k.y1) {
		k.i1, k.y1, k.ok1 = i, y, true
	}
	if y-quantileTol >= k.p && (!k.ok2 || y < k.y2) {
		k.i2, k.y2, k.ok2 = i, y, true
	}
}

// answer is the quantile of curve c once every point was seen, as findq
// reports it; last gives the y of the last point that repeats no earlier
// one, as lastDistinct does, and is called only when it matters.
func (k *pick) answer(c Curve, last func() (float64, bool, bool)) (q float64, ok, done bool) {
	if k.maxY < k.p || !k.ok1 {
		return 0, false, true
	}
	y, yOK, known := last()
	if !known {
		return 0, false, false
	}
	if yOK && math.Abs(k.p-y) < quantileTol {
		return (c.x(k.i1) + float64(c.MaxTime)) / 2, true, true
	}
	if !k.ok2 {
		return 0, false, true
	}
	return (c.x(k.i1) + c.x(k.i2)) / 2, true, true
}

// x is the time of point i, counting the origin as point -1.
func (c Curve) x(i int) float64 {
	if i < 0 {
		return 0
	}
	return float64(c.Times[i])
}

// lastDistinct returns the y of the last of the points ys that repeats
// no earlier one (NaN repeating NaN), and false when that y is NaN; the
// origin's y is 0. When ys are not all the points (whole false), the ones
// before them have ys below lim, not NaN: the answer is known (known true)
// only when it is among ys with a y they cannot have.
func lastDistinct(ys []float64, whole bool, lim float64) (y float64, ok, known bool) {
	for j := len(ys) - 1; j >= 0; j-- {
		y := ys[j]
		if y == 0 {
			continue // the origin's
		}
		nan := math.IsNaN(y)
		if !whole && !nan && y < lim {
			return 0, false, false
		}
		if !repeatsIn(ys[:j], y) {
			return y, !nan, true
		}
	}
	return 0, true, whole
}

// repeatsIn reports whether y, not 0, is among ys (NaN among NaNs).
func repeatsIn(ys []float64, y float64) bool {
	nan := math.IsNaN(y)
	for _, yi := range ys {
		if yi == y || nan && math.IsNaN(yi) {
			return true
		}
	}
	return false
}
