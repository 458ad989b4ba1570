package sensitivity

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/compose"
	"github.com/govscore/govscore/score/internal/mc"
)

// DefaultRuns is the number of runs of [Analyze] when [Options.Runs] is
// zero.
const DefaultRuns = 1000

// Limits on an analysis, so that no option can make [Analyze] take memory
// or time without bound. Analyze keeps a score and a rank, 8 bytes, for
// each agency in each run, and its [Report] keeps the ranks. Options past
// a limit are an error wrapping [ErrOptions] that names it. They are
// constants: at a million runs the standard error of a share is at most
// 0.0005, finer than any decision a ranking supports.
const (
	// MaxRuns is the most runs [Options.Runs] may ask for: 1,000,000.
	MaxRuns = 1_000_000
	// MaxRanks is the most ranks an analysis may hold: Runs times the
	// report's agencies, 100,000,000, which is 800 MB of scores and
	// ranks. With 1,000 agencies, 100,000 runs.
	MaxRanks = 100_000_000
)

// ErrRubricMismatch is returned by [Analyze] when the rubric given is not
// the one the report was scored under, or the report does not follow it.
var ErrRubricMismatch = errors.New("sensitivity: report and rubric do not match")

// ErrOptions is returned, wrapped, by [Analyze] for options out of range,
// one error per field.
var ErrOptions = errors.New("sensitivity: bad option")

// Options configure [Analyze]. The zero value means [DefaultRuns] runs of
// the nominal standard (no noise, no variants: every run reproduces the
// report) with seed 0, on runtime.GOMAXPROCS(0) workers.
type Options struct {
	// Runs is the number of Monte Carlo runs, at most [MaxRuns], and at
	// most [MaxRanks] divided by the report's agencies. Zero means
	// [DefaultRuns]. The first n runs are the same whatever Runs is, so a
	// longer analysis extends a shorter one with the same seed.
	Runs int `json:"runs"`
	// Seed selects the random draws; the same seed gives the same result.
	Seed uint64 `json:"seed"`
	// WeightNoise, 0 <= x < 1, multiplies each weight of the rubric
	// (dimensions and criteria) by its own factor drawn uniformly from
	// [1-x, 1+x] in every run, then rescales the weights of each node to
	// sum to 1 again, to 12 places. 0.2 lets every weight move by up to
	// 20% before rescaling.
	WeightNoise float64 `json:"weight_noise,omitempty"`
	// Aggregations, when not empty, are drawn from, uniformly and anew in
	// every run, for the overall score; empty keeps the rubric's. A
	// geometric draw uses the node's declared ZeroFloor, if any.
	Aggregations []rubric.Aggregation `json:"aggregations,omitempty"`
	// DimensionAggregations, when not empty, are drawn from, uniformly and
	// independently for every dimension in every run; empty keeps each
	// dimension's own.
	DimensionAggregations []rubric.Aggregation `json:"dimension_aggregations,omitempty"`
	// GoalpostShift, 0 <= x < 0.5, moves the Worst and the Best goalpost of
	// every goalposts scale, each by its own amount drawn uniformly from
	// [-x, x] times the distance between them, in every run; the points are
	// then recomputed from the agency's measure (its shrunk value where the
	// criterion shrinks) by the goalposts rule of [rubric.Goalposts], in
	// float64, a half rounded up. Moving the Worst goalpost below a measure
	// of 0 gives it points, and so lifts a knock-out it would trigger.
	// Other scales keep their points, as do goalposts too close for
	// float64 to tell apart.
	GoalpostShift float64 `json:"goalpost_shift,omitempty"`
	// Workers is the number of goroutines. Zero means
	// runtime.GOMAXPROCS(0). The result does not depend on it. It needs no
	// limit of its own: Analyze starts at most one worker for each block
	// of 64 runs.
	Workers int `json:"-"`
}

// Report is how much a report's ranking and grades depend on the choices
// its rubric made: for each agency, the distribution of its rank, score
// and grade over runs that perturb the weights, aggregation methods and
// goalposts (see [Analyze]).
//
// Percentiles are R's quantile type 1 (nearest rank): the p-percentile of
// n values is the ⌈n·p⌉-th smallest, so the median of an even number of
// runs is the lower median. They are taken over the runs in which the
// agency has a score.
//
// A Report is not modified after [Analyze] returns it and is safe for
// simultaneous use by multiple goroutines. It keeps every run's ranks, 4
// bytes per agency per run, for [Report.Outranks].
type Report struct {
	// Rubric identifies the standard the report was scored under.
	Rubric score.RubricRef `json:"rubric"`
	// Options are the options in force, with defaults filled in.
	Options Options `json:"options"`
	// Grades are the rubric's grade bands, for their labels, in rubric
	// order.
	Grades []rubric.Grade `json:"grades"`
	// Agencies are in the report's order: by nominal rank, then the
	// agencies without a score.
	Agencies []Agency `json:"agencies"`

	ranks []int32 // by run, then agency in Agencies order; 0 when not scored
	index map[string]int
}

// Agency is one agency's result across the runs.
type Agency struct {
	// AgencyID, Name and Names identify the agency.
	AgencyID string            `json:"agency_id"`
	Name     string            `json:"name,omitempty"`
	Names    map[string]string `json:"names,omitempty"`
	// Rank, Score and Grade are the report's (nominal) results.
	Rank  int              `json:"rank"`
	Score *decimal.Decimal `json:"score"`
	Grade string           `json:"grade,omitempty"`
	// Scored is the share of runs, 0..1, in which the agency has a score.
	Scored float64 `json:"scored"`
	// RankP05, RankMedian and RankP95 are the 5th percentile, median and
	// 95th percentile of the agency's rank over the runs in which it is
	// scored (RankP05 is the better end); 0 when it never is.
	RankP05    int `json:"rank_p05"`
	RankMedian int `json:"rank_median"`
	RankP95    int `json:"rank_p95"`
	// ScoreP05, ScoreMedian and ScoreP95 are the same percentiles of its
	// overall score, rounded to [score.Places] as published; nil when it
	// is never scored.
	ScoreP05    *decimal.Decimal `json:"score_p05"`
	ScoreMedian *decimal.Decimal `json:"score_median"`
	ScoreP95    *decimal.Decimal `json:"score_p95"`
	// GradeShares is the share of runs, 0..1, in which the agency earns each
	// grade, by grade ID; every grade of the rubric is listed, and the
	// shares sum to Scored.
	GradeShares map[string]float64 `json:"grade_shares"`
}

// DisplayName returns the agency's name in language lang, falling back to
// Name and then to the ID.
func (a Agency) DisplayName(lang string) string {
	return score.AgencyScore{AgencyID: a.AgencyID, Name: a.Name, Names: a.Names}.DisplayName(lang)
}

// Outranks returns the share of runs, 0..1, in which agency a ranked
// strictly above agency b, counting a tie (the same rank, or neither
// scored) as half: Outranks(a, b) + Outranks(b, a) = 1. An agency with a
// score outranks one without. It returns NaN when either ID is not in the
// report.
func (s *Report) Outranks(a, b string) float64 {
	i, okA := s.index[a]
	j, okB := s.index[b]
	if !okA || !okB || s.Options.Runs == 0 {
		return math.NaN()
	}
	n := len(s.Agencies)
	twice := 0 // wins count 2, ties 1
	for r := range s.Options.Runs {
		ra, rb := s.ranks[r*n+i], s.ranks[r*n+j]
		switch {
		case ra == rb:
			twice++
		case rb == 0 || (ra != 0 && ra < rb):
			twice += 2
		}
	}
	return float64(twice) / float64(2*s.Options.Runs)
}

// Analyze measures how much the ranking and grades of rep depend on the
// choices of its rubric r, the rubric the report was scored under (its
// [rubric.Rubric.Hash] must be the report's). Each of opts.Runs runs draws
// new weights, aggregation methods and goalposts as opts say, and
// recomposes every agency's overall score from the report's points (or,
// for moved goalposts, from its measures) with the composition engine of
// [score.Scorer]: each node's method (aggregation, zero floor,
// missing-data policy, minimum availability), knock-out caps, rounding to
// [score.Places] at every level, grades and shared ranks, in exact
// fixed-point arithmetic. A run that keeps the rubric's weights, methods
// and goalposts reproduces the report. So a report whose published scores
// and ranks do not follow from its own points (one edited, or made by
// another version of govscore) is rejected with [ErrRubricMismatch].
//
// Points on relative scales, which depend on all agencies, keep the
// report's values. Whether an agency has enough coverage for a score
// ([score.Options.MinCoverage]) depends only on which criteria have data,
// which runs do not change: an agency left without a score for low
// coverage has none in any run.
//
// The result depends only on rep, r and opts other than Workers: the runs
// are cut into blocks of a fixed size, each drawing from its own random
// stream seeded from (Seed, block), whatever the number of goroutines.
func Analyze(rep *score.Report, r rubric.Rubric, opts Options) (*Report, error) {
	if rep == nil {
		return nil, fmt.Errorf("%w: no report", ErrRubricMismatch)
	}
	opts, err := opts.normalise()
	if err != nil {
		return nil, err
	}
	if n := len(rep.Agencies); n > 0 && opts.Runs > MaxRanks/n {
		return nil, fmt.Errorf("%w: Runs: %d runs of %d agencies are %d ranks, more than MaxRanks (%d)",
			ErrOptions, opts.Runs, n, opts.Runs*n, MaxRanks)
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("sensitivity: invalid rubric: %w", err)
	}
	hash, err := r.Hash()
	if err != nil {
		return nil, err
	}
	if hash != rep.Rubric.Hash {
		return nil, fmt.Errorf("%w: the report was scored under %s, the rubric given is %s", ErrRubricMismatch, rep.Rubric.Hash, hash)
	}
	a, err := newAnalysis(rep, r)
	if err != nil {
		return nil, err
	}
	if err := a.follows(rep); err != nil {
		return nil, err
	}
	n := len(rep.Agencies)
	out := &Report{
		Rubric:  rep.Rubric,
		Options: opts,
		Grades:  slices.Clone(rep.Grades),
		ranks:   make([]int32, opts.Runs*n),
		index:   make(map[string]int, n),
	}
	for i := range out.Grades {
		out.Grades[i].Labels = maps.Clone(out.Grades[i].Labels)
	}
	scores := make([]int32, opts.Runs*n)
	runs := make([]*run, max(1, min(opts.Workers, mc.Blocks(opts.Runs))))
	for w := range runs {
		runs[w] = a.newRun()
	}
	mc.Run(opts.Runs, opts.Workers, opts.Seed, func(w, _, lo, hi int, rng *rand.Rand) {
		run := runs[w]
		for i := lo; i < hi; i++ {
			a.draw(run, &opts, rng)
			a.compose(run, scores[i*n:(i+1)*n], out.ranks[i*n:(i+1)*n])
		}
	})
	out.Agencies = a.summarise(rep, opts.Runs, scores, out.ranks)
	for i, ag := range out.Agencies {
		out.index[ag.AgencyID] = i
	}
	return out, nil
}

// normalise fills in the defaults and checks the ranges, reporting every
// problem at once.
func (o Options) normalise() (Options, error) {
	var errs []error
	bad := func(field string, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrOptions, field, fmt.Sprintf(format, args...)))
	}
	switch {
	case o.Runs < 0:
		bad("Runs", "%d is negative", o.Runs)
	case o.Runs > MaxRuns:
		bad("Runs", "%d is more than MaxRuns (%d)", o.Runs, MaxRuns)
	case o.Runs == 0:
		o.Runs = DefaultRuns
	}
	if o.Workers < 0 {
		bad("Workers", "%d is negative", o.Workers)
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if !(o.WeightNoise >= 0 && o.WeightNoise < 1) {
		bad("WeightNoise", "%v is not in [0, 1)", o.WeightNoise)
	}
	if !(o.GoalpostShift >= 0 && o.GoalpostShift < 0.5) {
		bad("GoalpostShift", "%v is not in [0, 0.5)", o.GoalpostShift)
	}
	for field, aggs := range map[string][]rubric.Aggregation{"Aggregations": o.Aggregations, "DimensionAggregations": o.DimensionAggregations} {
		for _, a := range aggs {
			if a != rubric.Arithmetic && a != rubric.Geometric && a != rubric.Minimum {
				bad(field, "unknown aggregation %q (want arithmetic, geometric or minimum)", a)
			}
		}
	}
	slices.SortFunc(errs, func(a, b error) int { return strings.Compare(a.Error(), b.Error()) })
	o.Aggregations = slices.Clone(o.Aggregations)
	o.DimensionAggregations = slices.Clone(o.DimensionAggregations)
	return o, errors.Join(errs...)
}

// analysis is a report and its rubric laid out for fast recomposition:
// flat arrays by agency (in report order), then criterion (in rubric
// order).
type analysis struct {
	tree compose.Tree // the rubric as it is
	nc   int          // criteria
	na   int          // agencies

	critW, dimW []float64 // the rubric's weights, for the noise

	goal        []bool    // by criterion: a goalposts scale
	worst, best []float64 // its goalposts

	pts      []int64   // by agency and criterion: points in hundredths, None without
	ng       int       // gates
	gates    []int64   // by agency and gate: 0 for a failed gate, None otherwise
	val      []float64 // the measure the points come from; NaN when a quantile was not reached
	recalc   []bool    // the points follow moved goalposts
	eligible []bool    // by agency: coverage allows a score
}

func newAnalysis(rep *score.Report, r rubric.Rubric) (*analysis, error) {
	a := &analysis{tree: compose.TreeOf(r), na: len(rep.Agencies)}
	for _, dim := range r.Dimensions {
		for _, c := range dim.Criteria {
			a.nc++
			a.critW = append(a.critW, c.Weight.InexactFloat64())
			goal := c.Scale.Kind == rubric.Goalposts
			var worst, best float64
			if goal {
				worst, best = c.Scale.Worst.InexactFloat64(), c.Scale.Best.InexactFloat64()
				// Goalposts that float64 cannot tell apart, such as
				// 999999999.999999999999 and 1000000000, keep the
				// report's points: between them is no span to move by.
				goal = worst != best
			}
			a.goal = append(a.goal, goal)
			a.worst, a.best = append(a.worst, worst), append(a.best, best)
		}
		a.dimW = append(a.dimW, dim.Weight.InexactFloat64())
	}
	a.pts = make([]int64, a.na*a.nc)
	a.ng = len(r.Gates)
	a.gates = make([]int64, a.na*a.ng)
	a.val = make([]float64, a.na*a.nc)
	a.recalc = make([]bool, a.na*a.nc)
	a.eligible = make([]bool, a.na)
	hundred := decimal.NewFromInt(100 * 100)
	for i := range rep.Agencies {
		as := &rep.Agencies[i]
		if len(as.Dimensions) != len(r.Dimensions) {
			return nil, fmt.Errorf("%w: agency %q has %d dimensions, the rubric %d", ErrRubricMismatch, as.AgencyID, len(as.Dimensions), len(r.Dimensions))
		}
		a.eligible[i] = !slices.ContainsFunc(as.Flags, func(f score.Flag) bool { return f.Code == score.FlagLowCoverage })
		if len(as.Gates) != a.ng {
			return nil, fmt.Errorf("%w: agency %q has %d gates, the rubric %d", ErrRubricMismatch, as.AgencyID, len(as.Gates), a.ng)
		}
		for j, g := range as.Gates {
			if g.ID != r.Gates[j].ID {
				return nil, fmt.Errorf("%w: agency %q: gate %d is %q, the rubric's is %q", ErrRubricMismatch, as.AgencyID, j, g.ID, r.Gates[j].ID)
			}
			a.gates[i*a.ng+j] = compose.None
			if g.Failed {
				a.gates[i*a.ng+j] = 0 // gates measure no weighted points: every run keeps the outcome
			}
		}
		for d, ds := range as.Dimensions {
			rd := &r.Dimensions[d]
			if ds.ID != rd.ID || len(ds.Criteria) != len(rd.Criteria) {
				return nil, fmt.Errorf("%w: agency %q: dimension %d is %q with %d criteria, the rubric's %q has %d",
					ErrRubricMismatch, as.AgencyID, d, ds.ID, len(ds.Criteria), rd.ID, len(rd.Criteria))
			}
			for j, cs := range ds.Criteria {
				c := a.tree.Dims[d].Lo + j
				if cs.ID != rd.Criteria[j].ID {
					return nil, fmt.Errorf("%w: agency %q: dimension %q: criterion %d is %q, the rubric's is %q",
						ErrRubricMismatch, as.AgencyID, ds.ID, j, cs.ID, rd.Criteria[j].ID)
				}
				k := i*a.nc + c
				a.pts[k] = compose.None
				if cs.Points == nil {
					continue
				}
				p := cs.Points.Shift(score.Places)
				if !p.IsInteger() || p.Sign() < 0 || p.Cmp(hundred) > 0 {
					return nil, fmt.Errorf("%w: agency %q: criterion %q has %s points", ErrRubricMismatch, as.AgencyID, cs.ID, cs.Points)
				}
				a.pts[k] = p.IntPart()
				m := &cs.Measure
				switch {
				case !a.goal[c]:
				case m.NotReached:
					a.recalc[k], a.val[k] = true, math.NaN()
				case m.Shrunk != nil: // the points come from the shrunk value
					a.recalc[k], a.val[k] = true, m.Shrunk.InexactFloat64()
				case m.Value != nil:
					a.recalc[k], a.val[k] = true, m.Value.InexactFloat64()
				}
			}
		}
	}
	return a, nil
}

// follows checks that rep's published scores and ranks are those its
// points compose to under its rubric, as the analysis reads them.
func (a *analysis) follows(rep *score.Report) error {
	r := a.newRun()
	scores, ranks := make([]int32, a.na), make([]int32, a.na)
	a.compose(r, scores, ranks)
	var errs []error
	for i := range rep.Agencies {
		as := &rep.Agencies[i]
		want := int32(compose.None)
		if k := as.Score; k != nil {
			want = -2 // matches nothing, unless a whole number of hundredths in 0..100
			if h := k.Shift(score.Places); h.IsInteger() && h.Sign() >= 0 && h.Cmp(decimal.NewFromInt(100*100)) <= 0 {
				want = int32(h.IntPart())
			}
		}
		if scores[i] != want || int(ranks[i]) != as.Rank {
			errs = append(errs, fmt.Errorf("%w: agency %q: the report has score %s, rank %d; its points give %s, rank %d",
				ErrRubricMismatch, as.AgencyID, fixed(as.Score), as.Rank, fixed(hundredths(scores[i])), ranks[i]))
		}
	}
	return errors.Join(errs...)
}

// run is one run's draws and one worker's scratch space.
type run struct {
	tree        compose.Tree // the rubric as drawn
	noisy       bool         // the weights were drawn
	shifted     bool         // the goalposts moved
	critW, dimW []float64    // the weights drawn
	worst, best []float64
	perUnit     []float64 // hundredths of a point per unit of measure: 10000 / (best - worst)

	pts  []int64 // the current agency's points, by criterion
	comp compose.Composition
	keys []uint64
}

func (a *analysis) newRun() *run {
	r := &run{
		tree:  a.tree.Clone(),
		critW: slices.Clone(a.critW), dimW: slices.Clone(a.dimW),
		worst: slices.Clone(a.worst), best: slices.Clone(a.best), perUnit: make([]float64, a.nc),
		pts:  make([]int64, a.nc),
		keys: make([]uint64, 0, a.na),
	}
	return r
}

// nominal sets the run to the rubric as it is.
func (a *analysis) nominal(r *run) {
	if r.noisy {
		for d := range a.tree.Dims {
			copy(r.tree.Dims[d].Weights, a.tree.Dims[d].Weights)
		}
		copy(r.tree.Top.Weights, a.tree.Top.Weights)
	}
	r.noisy, r.shifted = false, false
	copy(r.worst, a.worst)
	copy(r.best, a.best)
	r.tree.Top.Aggregation = a.tree.Top.Aggregation
	for d := range a.tree.Dims {
		r.tree.Dims[d].Aggregation = a.tree.Dims[d].Aggregation
	}
}

// draw sets the run's weights, aggregations and goalposts. The draws are
// made in a fixed order: dimension weights, criterion weights, the overall
// aggregation, the dimensions' aggregations, then each goalposts scale's
// Worst and Best, all in rubric order, each only when its option asks.
func (a *analysis) draw(r *run, o *Options, rng *rand.Rand) {
	a.nominal(r)
	if x := o.WeightNoise; x > 0 {
		r.noisy = true
		noisy(r.dimW, a.dimW, x, rng)
		toUnits(r.tree.Top.Weights, r.dimW)
		for d := range a.tree.Dims {
			n := &r.tree.Dims[d]
			noisy(r.critW[n.Lo:n.Hi], a.critW[n.Lo:n.Hi], x, rng)
			toUnits(n.Weights, r.critW[n.Lo:n.Hi])
		}
	}
	if len(o.Aggregations) > 0 {
		r.tree.Top.Aggregation = compose.AggregationOf(o.Aggregations[rng.IntN(len(o.Aggregations))])
	}
	if len(o.DimensionAggregations) > 0 {
		for d := range r.tree.Dims {
			r.tree.Dims[d].Aggregation = compose.AggregationOf(o.DimensionAggregations[rng.IntN(len(o.DimensionAggregations))])
		}
	}
	if x := o.GoalpostShift; x > 0 {
		r.shifted = true
		for c := range a.nc {
			if !a.goal[c] {
				continue
			}
			span := math.Abs(a.best[c] - a.worst[c])
			r.worst[c] = a.worst[c] + float64(x*span*(2*rng.Float64()-1))
			r.best[c] = a.best[c] + float64(x*span*(2*rng.Float64()-1))
			if r.worst[c] == r.best[c] {
				// Each moved by less than half the span, but rounding made
				// them meet, which would divide by zero: this run keeps
				// them where they were.
				r.worst[c], r.best[c] = a.worst[c], a.best[c]
			}
			r.perUnit[c] = 10000 / (r.best[c] - r.worst[c])
		}
	}
}

// noisy sets dst to the weights src, each multiplied by a factor drawn
// uniformly from [1-x, 1+x], rescaled to sum to 1.
func noisy(dst, src []float64, x float64, rng *rand.Rand) {
	sum := 0.0
	for i, w := range src {
		// Explicit conversions keep the compiler from fusing a multiply and
		// an add, which some architectures round differently.
		dst[i] = float64(w * float64(1+float64(x*(2*rng.Float64()-1))))
		sum += dst[i]
	}
	if sum > 0 {
		for i := range dst {
			dst[i] /= sum
		}
	}
}

// toUnits sets units to the weights w, which sum to 1 but for rounding, in
// units of 10^-12 that sum to exactly 1: each rounded to the nearest unit,
// and what that rounding leaves over or under 1 given to the largest. A
// weight of 0 stays 0, and no other weight rounds to 0, so that a child
// keeps or lacks weight as in the rubric.
func toUnits(units []int64, w []float64) {
	var sum int64
	big := 0
	for i, x := range w {
		units[i] = int64(math.Round(x * compose.Unit))
		if x > 0 {
			units[i] = max(units[i], 1)
		}
		sum += units[i]
		if units[i] > units[big] {
			big = i
		}
	}
	if sum > 0 {
		units[big] += compose.Unit - sum
	}
}

// compose recomposes every agency's overall score under the run's draws
// into scores (hundredths; None without a score) and ranks them into
// ranks.
func (a *analysis) compose(r *run, scores, ranks []int32) {
	for i := range a.na {
		scores[i] = int32(a.agency(r, i))
	}
	r.keys = compose.Rank(scores, ranks, nil, r.keys)
}

// agency returns agency i's overall score in hundredths under the run's
// draws, or None when it has none.
func (a *analysis) agency(r *run, i int) int64 {
	if !a.eligible[i] {
		return compose.None
	}
	pts := r.pts
	copy(pts, a.pts[i*a.nc:(i+1)*a.nc])
	if r.shifted {
		for c := range a.nc {
			k := i*a.nc + c
			if !a.recalc[k] {
				continue
			}
			v := a.val[k]
			if math.IsNaN(v) {
				pts[c] = 0 // a quantile not reached earns the worst points
				continue
			}
			y := float64((v - r.worst[c]) * r.perUnit[c])
			pts[c] = int64(math.Floor(min(max(y, 0), 10000) + 0.5))
		}
	}
	return r.tree.Compose(pts, a.gates[i*a.ng:(i+1)*a.ng], &r.comp)
}

// hundredths returns k hundredths as a decimal, or nil for None.
func hundredths(k int32) *decimal.Decimal {
	if k == compose.None {
		return nil
	}
	d := decimal.New(int64(k), -score.Places)
	return &d
}

// summarise turns the runs' scores and ranks into each agency's result.
func (a *analysis) summarise(rep *score.Report, runs int, scores, ranks []int32) []Agency {
	n := a.na
	out := make([]Agency, n)
	rankHist := make([]int, n+1)
	scoreHist := make([]int, 100*100+1)
	gradeCount := make([]int, len(rep.Grades))
	for i := range n {
		as := &rep.Agencies[i]
		clear(rankHist)
		clear(scoreHist)
		clear(gradeCount)
		scored := 0
		for run := range runs {
			s := scores[run*n+i]
			if s == compose.None {
				continue
			}
			scored++
			rankHist[ranks[run*n+i]]++
			scoreHist[s]++
			if g := a.tree.GradeOf(int64(s), a.gates[i*a.ng:(i+1)*a.ng]); g >= 0 {
				gradeCount[g]++
			}
		}
		res := Agency{
			AgencyID: as.AgencyID, Name: as.Name, Names: maps.Clone(as.Names),
			Rank: as.Rank, Grade: as.Grade,
			Scored:      float64(scored) / float64(runs),
			GradeShares: make(map[string]float64, len(rep.Grades)),
		}
		if as.Score != nil {
			s := *as.Score
			res.Score = &s
		}
		for g, grade := range rep.Grades {
			res.GradeShares[grade.ID] = float64(gradeCount[g]) / float64(runs)
		}
		if scored > 0 {
			res.RankP05, _ = mc.Percentile(rankHist, 0.05)
			res.RankMedian, _ = mc.Percentile(rankHist, 0.5)
			res.RankP95, _ = mc.Percentile(rankHist, 0.95)
			for _, q := range []struct {
				p   float64
				dst **decimal.Decimal
			}{{0.05, &res.ScoreP05}, {0.5, &res.ScoreMedian}, {0.95, &res.ScoreP95}} {
				k, _ := mc.Percentile(scoreHist, q.p)
				*q.dst = hundredths(int32(k))
			}
		}
		out[i] = res
	}
	return out
}
