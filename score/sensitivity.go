package score

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/mc"
)

// DefaultSensitivityRuns is the number of runs of [Sensitivity] when
// [SensitivityOptions.Runs] is zero.
const DefaultSensitivityRuns = 1000

// ErrRubricMismatch is returned by [Sensitivity] when the rubric given is
// not the one the report was scored under, or the report does not follow
// it.
var ErrRubricMismatch = errors.New("score: report and rubric do not match")

// ErrSensitivityOptions is returned, wrapped, by [Sensitivity] for options
// out of range.
var ErrSensitivityOptions = errors.New("score: bad sensitivity option")

// SensitivityOptions configure [Sensitivity]. The zero value means
// [DefaultSensitivityRuns] runs of the nominal standard (no noise, no
// variants: every run reproduces the report) with seed 0, on
// runtime.GOMAXPROCS(0) workers.
type SensitivityOptions struct {
	// Runs is the number of Monte Carlo runs. Zero means
	// [DefaultSensitivityRuns]. The first n runs are the same whatever Runs
	// is, so a longer analysis extends a shorter one with the same seed.
	Runs int `json:"runs"`
	// Seed selects the random draws; the same seed gives the same result.
	Seed uint64 `json:"seed"`
	// WeightNoise, 0 <= x < 1, multiplies each weight of the rubric
	// (dimensions and criteria) by its own factor drawn uniformly from
	// [1-x, 1+x] in every run, then rescales the weights of each node to
	// sum to 1 again. 0.2 lets every weight move by up to 20% before
	// rescaling.
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
	// criterion shrinks) by the goalposts rule of [rubric.Goalposts]. Moving
	// the Worst goalpost below a measure of 0 gives it points, and so lifts
	// a knock-out it would trigger. Other scales keep their points.
	GoalpostShift float64 `json:"goalpost_shift,omitempty"`
	// Workers is the number of goroutines. Zero means
	// runtime.GOMAXPROCS(0). The result does not depend on it.
	Workers int `json:"-"`
}

// SensitivityReport is how much a report's ranking and grades depend on the
// choices its rubric made: for each agency, the distribution of its rank,
// score and grade over runs that perturb the weights, aggregation methods
// and goalposts (see [Sensitivity]).
//
// Percentiles are R's quantile type 1 (nearest rank): the p-percentile of
// n values is the ⌈n·p⌉-th smallest, so the median of an even number of
// runs is the lower median. They are taken over the runs in which the
// agency has a score.
//
// A SensitivityReport is not modified after [Sensitivity] returns it and is
// safe for simultaneous use by multiple goroutines. It keeps every run's
// ranks, 4 bytes per agency per run, for [SensitivityReport.Outranks].
type SensitivityReport struct {
	// Rubric identifies the standard the report was scored under.
	Rubric RubricRef `json:"rubric"`
	// Options are the options in force, with defaults filled in.
	Options SensitivityOptions `json:"options"`
	// Grades are the rubric's grade bands, for their labels, in rubric
	// order.
	Grades []rubric.Grade `json:"grades"`
	// Agencies are in the report's order: by nominal rank, then the
	// agencies without a score.
	Agencies []AgencySensitivity `json:"agencies"`

	ranks []int32 // by run, then agency in Agencies order; 0 when not scored
	index map[string]int
}

// AgencySensitivity is one agency's result across the runs.
type AgencySensitivity struct {
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
	// overall score, rounded to [Places] as published; nil when it is never
	// scored.
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
func (a AgencySensitivity) DisplayName(lang string) string {
	return AgencyScore{AgencyID: a.AgencyID, Name: a.Name, Names: a.Names}.DisplayName(lang)
}

// Outranks returns the share of runs, 0..1, in which agency a ranked
// strictly above agency b, counting a tie (the same rank, or neither
// scored) as half: Outranks(a, b) + Outranks(b, a) = 1. An agency with a
// score outranks one without. It returns NaN when either ID is not in the
// report.
func (s *SensitivityReport) Outranks(a, b string) float64 {
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

// Sensitivity measures how much the ranking and grades of rep depend on the
// choices of its rubric r, the rubric the report was scored under (its
// [rubric.Rubric.Hash] must be the report's). Each of opts.Runs runs draws
// new weights, aggregation methods and goalposts as opts say, and
// recomposes every agency's overall score from the report's points (or,
// for moved goalposts, from its measures) by the rules of [Scorer.Score]:
// each node's method (aggregation, zero floor, missing-data policy,
// minimum availability), knock-out caps, rounding to [Places] at every
// level, grades and shared ranks.
//
// A run that keeps the rubric's weights recomposes exactly as Score does:
// weights, re-weighting and arithmetic means in integers of 10^-12 (the
// rubric's finest weight), a geometric mean in float64 as Score computes
// it, settled by Score's own decimal code when it falls within 1e-6 of a
// hundredth's half. So a run without weight noise reproduces the report;
// Sensitivity checks this on the nominal standard and returns
// [ErrRubricMismatch] if it does not. A run with weight noise recomposes
// in float64, for speed, and rounds a half up. Points on relative scales,
// which depend on all agencies, keep the report's values.
// Whether an agency has enough coverage for a score
// ([Options.MinCoverage]) depends only on which criteria have data, which
// runs do not change: an agency left without a score for low coverage has
// none in any run.
//
// The result depends only on rep, r and opts other than Workers: the runs
// are cut into blocks of a fixed size, each drawing from its own random
// stream seeded from (Seed, block), whatever the number of goroutines.
func Sensitivity(rep *Report, r rubric.Rubric, opts SensitivityOptions) (*SensitivityReport, error) {
	if rep == nil {
		return nil, fmt.Errorf("%w: no report", ErrRubricMismatch)
	}
	opts, err := opts.normalise()
	if err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("score: invalid rubric: %w", err)
	}
	hash, err := r.Hash()
	if err != nil {
		return nil, err
	}
	if hash != rep.Rubric.Hash {
		return nil, fmt.Errorf("%w: the report was scored under %s, the rubric given is %s", ErrRubricMismatch, rep.Rubric.Hash, hash)
	}
	m, err := newSensModel(rep, r)
	if err != nil {
		return nil, err
	}
	if err := m.checkNominal(rep); err != nil {
		return nil, err
	}
	n := len(rep.Agencies)
	out := &SensitivityReport{
		Rubric:  rep.Rubric,
		Options: opts,
		Grades:  cloneGrades(r.Grades),
		ranks:   make([]int32, opts.Runs*n),
		index:   make(map[string]int, n),
	}
	scores := make([]int32, opts.Runs*n)
	runs := make([]*sensRun, max(1, min(opts.Workers, mc.Blocks(opts.Runs))))
	for w := range runs {
		runs[w] = m.newRun()
	}
	mc.Run(opts.Runs, opts.Workers, opts.Seed, func(w, _, lo, hi int, rng *rand.Rand) {
		run := runs[w]
		for i := lo; i < hi; i++ {
			m.draw(run, &opts, rng)
			m.compose(run, scores[i*n:(i+1)*n], out.ranks[i*n:(i+1)*n])
		}
	})
	out.Agencies = m.summarise(rep, opts.Runs, scores, out.ranks)
	for i, a := range out.Agencies {
		out.index[a.AgencyID] = i
	}
	return out, nil
}

// normalise fills in the defaults and checks the ranges, reporting every
// problem at once.
func (o SensitivityOptions) normalise() (SensitivityOptions, error) {
	var errs []error
	bad := func(field string, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrSensitivityOptions, field, fmt.Sprintf(format, args...)))
	}
	if o.Runs < 0 {
		bad("Runs", "%d is negative", o.Runs)
	}
	if o.Runs == 0 {
		o.Runs = DefaultSensitivityRuns
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

// sensNode is a node of the rubric prepared for recomposition: a dimension
// (its children are criteria) or the top (its children are dimensions).
type sensNode struct {
	method rubric.Method
	lo, hi int // the node's children: criteria indexes for a dimension, dimension indexes for the top
	// minAvail is MinAvailable, and minAvailUnits the same in units of
	// 10^-12; -1 when the method has none.
	minAvail      float64
	minAvailUnits int64
	floor         bool    // geometric zero floor declared
	floorK        int64   // points in hundredths below which the floor applies: ⌈ZeroFloor × 100⌉
	floorF        float64 // the floor, in points
}

func newSensNode(m rubric.Method, lo, hi int) sensNode {
	n := sensNode{method: m, lo: lo, hi: hi, minAvail: -1, minAvailUnits: -1}
	if m.MinAvailable != nil {
		n.minAvail = m.MinAvailable.InexactFloat64()
		n.minAvailUnits = inUnits(*m.MinAvailable)
	}
	if m.ZeroFloor != nil {
		n.floor = true
		n.floorK = m.ZeroFloor.Shift(Places).Ceil().IntPart()
		n.floorF = m.ZeroFloor.InexactFloat64()
	}
	return n
}

// sensModel is a report and its rubric laid out for fast recomposition:
// flat arrays by agency (in report order), then criterion (in rubric
// order).
type sensModel struct {
	dims []sensNode
	top  sensNode
	nc   int // criteria
	na   int // agencies

	critW, dimW       []float64 // the rubric's weights
	critWInt, dimWInt []int64   // in units of 10^-12 (weightUnit is 1)
	critWDec, dimWDec []decimal.Decimal

	goal        []bool    // by criterion: a goalposts scale
	worst, best []float64 // its goalposts
	capped      []bool    // by criterion: a knock-out cap
	capAbove    []int64   // a dimension score above this many hundredths is capped: ⌊cap × 100⌋
	capTo       []int64   // to this many: cap rounded to Places

	gradeMin []int64 // by grade: ⌈min × 100⌉

	pts      []int64   // by agency and criterion: points in hundredths, -1 without
	val      []float64 // the measure the points come from; NaN when a quantile was not reached
	recalc   []bool    // the points follow moved goalposts
	eligible []bool    // by agency: coverage allows a score
}

func newSensModel(rep *Report, r rubric.Rubric) (*sensModel, error) {
	m := &sensModel{na: len(rep.Agencies)}
	for _, dim := range r.Dimensions {
		lo := m.nc
		for _, c := range dim.Criteria {
			m.nc++
			m.critW = append(m.critW, c.Weight.InexactFloat64())
			m.critWDec = append(m.critWDec, c.Weight)
			m.critWInt = append(m.critWInt, inUnits(c.Weight))
			goal := c.Scale.Kind == rubric.Goalposts
			m.goal = append(m.goal, goal)
			var worst, best float64
			if goal {
				worst, best = c.Scale.Worst.InexactFloat64(), c.Scale.Best.InexactFloat64()
			}
			m.worst, m.best = append(m.worst, worst), append(m.best, best)
			m.capped = append(m.capped, c.KnockoutCap != nil)
			var above, to int64
			if c.KnockoutCap != nil {
				above = c.KnockoutCap.Shift(Places).Floor().IntPart()
				to = c.KnockoutCap.Round(Places).Shift(Places).IntPart()
			}
			m.capAbove, m.capTo = append(m.capAbove, above), append(m.capTo, to)
		}
		m.dims = append(m.dims, newSensNode(dim.Method, lo, m.nc))
		m.dimW = append(m.dimW, dim.Weight.InexactFloat64())
		m.dimWDec = append(m.dimWDec, dim.Weight)
		m.dimWInt = append(m.dimWInt, inUnits(dim.Weight))
	}
	m.top = newSensNode(r.Method, 0, len(r.Dimensions))
	for _, g := range r.Grades {
		m.gradeMin = append(m.gradeMin, g.Min.Shift(Places).Ceil().IntPart())
	}
	m.pts = make([]int64, m.na*m.nc)
	m.val = make([]float64, m.na*m.nc)
	m.recalc = make([]bool, m.na*m.nc)
	m.eligible = make([]bool, m.na)
	for a := range rep.Agencies {
		as := &rep.Agencies[a]
		if len(as.Dimensions) != len(r.Dimensions) {
			return nil, fmt.Errorf("%w: agency %q has %d dimensions, the rubric %d", ErrRubricMismatch, as.AgencyID, len(as.Dimensions), len(r.Dimensions))
		}
		m.eligible[a] = !slices.ContainsFunc(as.Flags, func(f Flag) bool { return f.Code == FlagLowCoverage })
		for d, ds := range as.Dimensions {
			rd := &r.Dimensions[d]
			if ds.ID != rd.ID || len(ds.Criteria) != len(rd.Criteria) {
				return nil, fmt.Errorf("%w: agency %q: dimension %d is %q with %d criteria, the rubric's %q has %d",
					ErrRubricMismatch, as.AgencyID, d, ds.ID, len(ds.Criteria), rd.ID, len(rd.Criteria))
			}
			for j, cs := range ds.Criteria {
				c := m.dims[d].lo + j
				if cs.ID != rd.Criteria[j].ID {
					return nil, fmt.Errorf("%w: agency %q: dimension %q: criterion %d is %q, the rubric's is %q",
						ErrRubricMismatch, as.AgencyID, ds.ID, j, cs.ID, rd.Criteria[j].ID)
				}
				k := a*m.nc + c
				m.pts[k] = -1
				if cs.Points == nil {
					continue
				}
				p := cs.Points.Shift(Places)
				if !p.IsInteger() || p.Sign() < 0 || p.Cmp(decimal.NewFromInt(100*100)) > 0 {
					return nil, fmt.Errorf("%w: agency %q: criterion %q has %s points", ErrRubricMismatch, as.AgencyID, cs.ID, cs.Points)
				}
				m.pts[k] = p.IntPart()
				switch {
				case !m.goal[c]:
				case cs.Measure.NotReached:
					m.recalc[k], m.val[k] = true, math.NaN()
				case cs.Measure.Value != nil:
					m.recalc[k], m.val[k] = true, cs.Measure.scored().InexactFloat64()
				}
			}
		}
	}
	return m, nil
}

// sensRun is one run's draws and one worker's scratch space.
type sensRun struct {
	exact       bool // the weights are the rubric's: nodes are combined exactly
	shifted     bool // the goalposts moved
	critW, dimW []float64
	topAgg      rubric.Aggregation
	dimAgg      []rubric.Aggregation
	worst, best []float64
	perUnit     []float64 // hundredths of a point per unit of measure: 10000 / (best - worst)

	pts    []int64 // the current agency's points, by criterion
	dscore []int64 // its dimension scores; -1 without
	keys   []uint64
	kids   []child
}

func (m *sensModel) newRun() *sensRun {
	run := &sensRun{
		critW: slices.Clone(m.critW), dimW: slices.Clone(m.dimW),
		dimAgg: make([]rubric.Aggregation, len(m.dims)),
		worst:  slices.Clone(m.worst), best: slices.Clone(m.best), perUnit: make([]float64, m.nc),
		pts: make([]int64, m.nc), dscore: make([]int64, len(m.dims)),
		keys: make([]uint64, 0, m.na),
	}
	m.nominal(run)
	return run
}

// nominal sets the run to the rubric as it is.
func (m *sensModel) nominal(run *sensRun) {
	run.exact, run.shifted = true, false
	copy(run.critW, m.critW)
	copy(run.dimW, m.dimW)
	copy(run.worst, m.worst)
	copy(run.best, m.best)
	run.topAgg = m.top.method.Aggregation
	for d := range m.dims {
		run.dimAgg[d] = m.dims[d].method.Aggregation
	}
}

// draw sets the run's weights, aggregations and goalposts. The draws are
// made in a fixed order: dimension weights, criterion weights, the overall
// aggregation, the dimensions' aggregations, then each goalposts scale's
// Worst and Best, all in rubric order, each only when its option asks.
func (m *sensModel) draw(run *sensRun, o *SensitivityOptions, rng *rand.Rand) {
	m.nominal(run)
	if x := o.WeightNoise; x > 0 {
		run.exact = false
		sensNoisy(run.dimW, m.dimW, x, rng)
		for _, d := range m.dims {
			sensNoisy(run.critW[d.lo:d.hi], m.critW[d.lo:d.hi], x, rng)
		}
	}
	if len(o.Aggregations) > 0 {
		run.topAgg = o.Aggregations[rng.IntN(len(o.Aggregations))]
	}
	if len(o.DimensionAggregations) > 0 {
		for d := range m.dims {
			run.dimAgg[d] = o.DimensionAggregations[rng.IntN(len(o.DimensionAggregations))]
		}
	}
	if x := o.GoalpostShift; x > 0 {
		run.shifted = true
		for c := range m.nc {
			if !m.goal[c] {
				continue
			}
			span := math.Abs(m.best[c] - m.worst[c])
			run.worst[c] = m.worst[c] + float64(x*span*(2*rng.Float64()-1))
			run.best[c] = m.best[c] + float64(x*span*(2*rng.Float64()-1))
			run.perUnit[c] = 10000 / (run.best[c] - run.worst[c])
		}
	}
}

// sensNoisy sets dst to the weights src, each multiplied by a factor drawn
// uniformly from [1-x, 1+x], rescaled to sum to 1.
func sensNoisy(dst, src []float64, x float64, rng *rand.Rand) {
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

// compose recomposes every agency's overall score under the run's draws
// into scores (hundredths; -1 without a score) and ranks them into ranks.
func (m *sensModel) compose(run *sensRun, scores, ranks []int32) {
	for a := range m.na {
		scores[a] = int32(m.agency(run, a))
	}
	run.keys = run.keys[:0]
	for a, s := range scores {
		if s >= 0 {
			// Higher scores first; the agency index makes keys unique.
			run.keys = append(run.keys, uint64(math.MaxInt32-s)<<32|uint64(a))
		}
		ranks[a] = 0
	}
	slices.Sort(run.keys)
	prev := int32(-1)
	rank := int32(0)
	for i, k := range run.keys {
		a := int(k & math.MaxUint32)
		if scores[a] != prev {
			rank, prev = int32(i+1), scores[a]
		}
		ranks[a] = rank
	}
}

// agency returns agency a's overall score in hundredths under the run's
// draws, or -1 when it has none.
func (m *sensModel) agency(run *sensRun, a int) int64 {
	if !m.eligible[a] {
		return -1
	}
	pts := run.pts
	copy(pts, m.pts[a*m.nc:(a+1)*m.nc])
	if run.shifted {
		for c := range m.nc {
			k := a*m.nc + c
			if !m.recalc[k] {
				continue
			}
			v := m.val[k]
			if math.IsNaN(v) {
				pts[c] = 0 // a quantile not reached earns the worst points
				continue
			}
			y := float64((v - run.worst[c]) * run.perUnit[c])
			pts[c] = int64(math.Floor(min(max(y, 0), 10000) + 0.5))
		}
	}
	node := func(n *sensNode, agg rubric.Aggregation, lo, hi int, w []float64, wi []int64, wDec []decimal.Decimal, p []int64) int64 {
		if run.exact {
			return sensNodeExact(run, n, agg, wi[lo:hi], p, wDec[lo:hi])
		}
		return sensNodeFloat(n, agg, w[lo:hi], p)
	}
	for d := range m.dims {
		n := &m.dims[d]
		s := node(n, run.dimAgg[d], n.lo, n.hi, run.critW, m.critWInt, m.critWDec, pts[n.lo:n.hi])
		if s >= 0 {
			for c := n.lo; c < n.hi; c++ {
				if m.capped[c] && pts[c] == 0 && s > m.capAbove[c] {
					s = m.capTo[c]
				}
			}
		}
		run.dscore[d] = s
	}
	return node(&m.top, run.topAgg, 0, len(m.dims), run.dimW, m.dimWInt, m.dimWDec, run.dscore)
}

// sensNodeFloat combines a node's children, points p in hundredths (-1: no
// data) with the run's drawn weights w, by the rules of combine in float64,
// and returns the node's score in hundredths, or -1 when it has none. A
// half is rounded up.
func sensNodeFloat(n *sensNode, agg rubric.Aggregation, w []float64, p []int64) int64 {
	total, withData := 0.0, 0.0
	missing := false
	for i, pi := range p {
		total += w[i]
		if pi >= 0 {
			withData += w[i]
		} else if w[i] > 0 {
			missing = true
		}
	}
	if n.minAvail >= 0 && total > 0 && withData/total < n.minAvail {
		return -1
	}
	if missing && n.method.Missing == rubric.Withhold && withData > 0 {
		return -1
	}
	zero := n.method.Missing == rubric.Zero && withData > 0
	sum := 0.0
	for i, pi := range p {
		if pi >= 0 || (zero && w[i] > 0) {
			sum += w[i]
		}
	}
	if sum == 0 {
		return -1
	}
	switch agg {
	case rubric.Minimum:
		return sensMinimum(p, func(i int) bool { return w[i] > 0 }, zero)
	case rubric.Geometric:
		logSum := 0.0
		for i, pi := range p {
			if w[i] == 0 || (pi < 0 && !zero) {
				continue
			}
			f := sensFloored(n, max(pi, 0))
			if f <= 0 {
				logSum = math.Inf(-1)
				break
			}
			logSum += float64(w[i] / sum * math.Log(f))
		}
		return int64(math.Floor(math.Exp(logSum)*100 + 0.5))
	default:
		y := 0.0
		for i, pi := range p {
			if pi > 0 {
				y += float64(w[i] * float64(pi))
			}
		}
		return int64(math.Floor(y/sum + 0.5))
	}
}

// sensFloored returns pi hundredths as points, raised to the node's zero floor
// when it has one and they are below it.
func sensFloored(n *sensNode, pi int64) float64 {
	if n.floor && pi < n.floorK {
		return n.floorF
	}
	return float64(pi) / 100
}

// sensMinimum returns the lowest points among the children the node uses:
// those with weight (has(i)) and with data, or without data when missing
// children count 0 (zero).
func sensMinimum(p []int64, has func(i int) bool, zero bool) int64 {
	low := int64(-1)
	for i, pi := range p {
		if !has(i) || (pi < 0 && !zero) {
			continue
		}
		pi = max(pi, 0)
		if low < 0 || pi < low {
			low = pi
		}
	}
	return low
}

// weightUnit is 1 in units of 10^-MaxPlaces: every weight of a valid rubric is
// a whole number of them, at most weightUnit.
const weightUnit = 1_000_000_000_000

// sensNodeExact combines a node's children, points p in hundredths (-1: no
// data) with the rubric's weights in units wi, exactly as combine does in
// decimal, and returns the node's score in hundredths, or -1 when it has
// none. Re-weighting and the arithmetic mean are done in integers; the
// geometric mean in float64 as combine does, and in decimal by combine
// itself when it falls within 1e-6 of a hundredth's half.
func sensNodeExact(run *sensRun, n *sensNode, agg rubric.Aggregation, wi []int64, p []int64, wDec []decimal.Decimal) int64 {
	var total, withData int64
	missing := false
	for i, pi := range p {
		total += wi[i]
		if pi >= 0 {
			withData += wi[i]
		} else if wi[i] > 0 {
			missing = true
		}
	}
	if n.minAvailUnits >= 0 && total > 0 && divRound(withData, total) < n.minAvailUnits {
		return -1
	}
	if missing && n.method.Missing == rubric.Withhold && withData > 0 {
		return -1
	}
	zero := n.method.Missing == rubric.Zero && withData > 0
	var sum int64
	for i, pi := range p {
		if pi >= 0 || (zero && wi[i] > 0) {
			sum += wi[i]
		}
	}
	if sum == 0 {
		return -1
	}
	switch agg {
	case rubric.Minimum:
		return sensMinimum(p, func(i int) bool { return wi[i] > 0 }, zero)
	case rubric.Geometric:
		logSum := 0.0
		s := float64(sum) / weightUnit // as decimal's InexactFloat64 gives it: both round once
		for i, pi := range p {
			if wi[i] == 0 || (pi < 0 && !zero) {
				continue
			}
			f := sensFloored(n, max(pi, 0))
			if f <= 0 {
				logSum = math.Inf(-1)
				break
			}
			logSum += float64(float64(wi[i]) / weightUnit / s * math.Log(f))
		}
		y := math.Exp(logSum) * 100
		if frac := y - math.Floor(y); math.Abs(frac-0.5) < 1e-6 {
			return sensExactNode(run, n, agg, wDec, p)
		}
		return int64(math.Floor(y + 0.5))
	default:
		// Σ effective weight × points, each effective weight rounded to
		// MaxPlaces places as combine's DivRound does: a whole number of
		// units times hundredths, then rounded half up to hundredths.
		var num int64
		for i, pi := range p {
			if pi <= 0 {
				continue
			}
			eff := wi[i]
			if sum != weightUnit {
				eff = divRound(wi[i], sum)
			}
			num += eff * pi
		}
		q, r := num/weightUnit, num%weightUnit
		if 2*r >= weightUnit {
			q++
		}
		return q
	}
}

// sensExactNode combines a node's children in decimal with the rubric's weights
// by Score's own combine.
func sensExactNode(run *sensRun, n *sensNode, agg rubric.Aggregation, wDec []decimal.Decimal, p []int64) int64 {
	run.kids = run.kids[:0]
	for i, pi := range p {
		k := child{weight: wDec[i]}
		if pi >= 0 {
			d := decimal.New(pi, -Places)
			k.points = &d
		}
		run.kids = append(run.kids, k)
	}
	method := n.method
	method.Aggregation = agg
	res := combineDecimal(method, run.kids)
	if res.score == nil {
		return -1
	}
	return res.score.Shift(Places).IntPart()
}

// checkNominal recomposes the report under its own rubric and checks that
// every agency's score and rank come out as published.
func (m *sensModel) checkNominal(rep *Report) error {
	run := m.newRun()
	scores, ranks := make([]int32, m.na), make([]int32, m.na)
	m.compose(run, scores, ranks)
	var errs []error
	for a := range rep.Agencies {
		as := &rep.Agencies[a]
		want := int32(-1)
		if k := as.Score; k != nil {
			want = -2 // matches nothing, unless a whole number of hundredths in 0..100
			if h := k.Shift(Places); h.IsInteger() && h.Sign() >= 0 && h.Cmp(decimal.NewFromInt(100*100)) <= 0 {
				want = int32(h.IntPart())
			}
		}
		if scores[a] != want || int(ranks[a]) != as.Rank {
			errs = append(errs, fmt.Errorf("%w: agency %q: the report has score %s, rank %d; its rubric gives %s, rank %d",
				ErrRubricMismatch, as.AgencyID, fixed(as.Score), as.Rank, fixed(sensHundredths(scores[a])), ranks[a]))
		}
	}
	return errors.Join(errs...)
}

// sensHundredths returns k hundredths as a decimal, or nil when k < 0.
func sensHundredths(k int32) *decimal.Decimal {
	if k < 0 {
		return nil
	}
	d := decimal.New(int64(k), -Places)
	return &d
}

// summarise turns the runs' scores and ranks into each agency's result.
func (m *sensModel) summarise(rep *Report, runs int, scores, ranks []int32) []AgencySensitivity {
	n := m.na
	out := make([]AgencySensitivity, n)
	rankHist := make([]int, n+1)
	scoreHist := make([]int, 100*100+1)
	gradeCount := make([]int, len(rep.Grades))
	for a := range n {
		as := &rep.Agencies[a]
		clear(rankHist)
		clear(scoreHist)
		clear(gradeCount)
		scored := 0
		for r := range runs {
			s := scores[r*n+a]
			if s < 0 {
				continue
			}
			scored++
			rankHist[ranks[r*n+a]]++
			scoreHist[s]++
			for g, min := range m.gradeMin {
				if int64(s) >= min {
					gradeCount[g]++
					break
				}
			}
		}
		res := AgencySensitivity{
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
				*q.dst = sensHundredths(int32(k))
			}
		}
		out[a] = res
	}
	return out
}

// WriteText writes the sensitivity of the ranking as an aligned plain-text
// table, after a line saying what the runs varied: for each agency its
// nominal rank and score, its median rank and the 5th-95th percentile range
// of its rank, and the share of runs in which it earns each grade. Like
// every text rendering, its layout may change between releases.
func (s *SensitivityReport) WriteText(w io.Writer) error {
	var b strings.Builder
	b.WriteString(s.Options.describe() + "\n\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	unscored := slices.ContainsFunc(s.Agencies, func(a AgencySensitivity) bool { return a.Scored < 1 })
	head := []string{"Rank", "Agency", "Score", "Median rank", "Rank 5%-95%"}
	for _, g := range s.Grades {
		head = append(head, g.Label("en"))
	}
	if unscored {
		head = append(head, "No score")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, a := range s.Agencies {
		row := []string{"-", a.DisplayName("en"), fixed(a.Score), "-", "-"}
		if a.Rank > 0 {
			row[0] = fmt.Sprint(a.Rank)
		}
		if a.RankMedian > 0 {
			row[3] = fmt.Sprint(a.RankMedian)
			row[4] = fmt.Sprintf("%d-%d", a.RankP05, a.RankP95)
		}
		for _, g := range s.Grades {
			row = append(row, shareText(a.GradeShares[g.ID]))
		}
		if unscored {
			row = append(row, shareText(1-a.Scored))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

// shareText writes a share of runs as a percentage with one decimal, or "-" for
// none.
func shareText(x float64) string {
	if x == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

// describe says in one line what the runs varied.
func (o SensitivityOptions) describe() string {
	var parts []string
	if o.WeightNoise > 0 {
		parts = append(parts, fmt.Sprintf("weights x U[%g, %g], renormalised", 1-o.WeightNoise, 1+o.WeightNoise))
	}
	aggs := func(as []rubric.Aggregation) string {
		names := make([]string, len(as))
		for i, a := range as {
			names[i] = string(a)
		}
		return strings.Join(names, ", ")
	}
	if len(o.Aggregations) > 0 {
		parts = append(parts, "overall aggregation from "+aggs(o.Aggregations))
	}
	if len(o.DimensionAggregations) > 0 {
		parts = append(parts, "dimension aggregation from "+aggs(o.DimensionAggregations))
	}
	if o.GoalpostShift > 0 {
		parts = append(parts, fmt.Sprintf("goalposts moved by up to %g%% of their span", 100*o.GoalpostShift))
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing varied")
	}
	return fmt.Sprintf("%d runs, seed %d: %s", o.Runs, o.Seed, strings.Join(parts, "; "))
}
