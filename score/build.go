package score

import (
	"math"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/compose"
	"github.com/govscore/govscore/score/internal/stats"
)

// A report is made in two passes over the agencies, so that a million
// agencies can be ranked without holding a million explanations.
//
// The first pass measures every agency and keeps, per criterion, only its
// points in hundredths (and, for criteria scored across agencies, what the
// cross-agency step needs), works out the cross-agency adjustments
// (shrinkage, relative scales), composes each agency's overall score,
// collects the sums behind each criterion's influence, and ranks.
//
// The second pass explains each agency in rank order: it builds the
// agency's AgencyScore from its measures, which it computes again unless
// the first pass kept them, and from the points the first pass settled.

// noPoints marks a criterion without points, or an agency without a score.
const noPoints = compose.None

// ranking is what the first pass knows of every agency.
type ranking struct {
	since    time.Time
	agencies []agencyRef // in ID order
	// measures are the agencies' measures, by agency then criterion; kept
	// only when the whole report is wanted.
	measures [][]Measure
	pts      []int32 // by agency, then criterion: hundredths, or noPoints
	// zeroed is, by agency then criterion, whether the points are 0 for
	// want of data, by the criterion's own policy (rubric.Zero): not
	// measured, so they add nothing to the coverage. nil when no criterion
	// has that policy.
	zeroed []bool
	// reach is, by criterion on a relative scale, the largest value of the
	// agencies compared (nil when none, or on a fixed scale): a quantile
	// not reached earns the worst points once observed that long.
	reach []*decimal.Decimal
	// gates are, by agency then gate, 0 for a failed gate and noPoints
	// otherwise (passed, or not checked); gateMeasures the gates'
	// measures, kept as measures are.
	gates        []int64
	gateMeasures [][]Measure
	scores       []int32 // by agency: the published score in hundredths, or noPoints
	capped       []bool  // by agency, then dimension: a knock-out capped the dimension
	gateCapped   []bool  // by agency: a failed gate capped its score
	priors       []prior // by criterion: its shrinkage prior
	order        []int   // agency indexes in rank order
	ranks        []int   // by agency
	// shares are, by criterion, the sums behind Influence.MeanShare.
	shares []shareSum
}

// prior is a criterion's fitted beta-binomial prior.
type prior struct {
	alpha, beta float64
	ok          bool
}

// shareSum is the sum, over a worker's agencies, of one criterion's share
// of the overall score, and how many shares (counting zero shares).
type shareSum struct {
	sum decimal.Decimal
	n   int
}

// deferred is what the first pass keeps of a criterion whose points wait
// for the other agencies: a shrunk rate, or a relative scale.
type deferred struct {
	status     Status
	notReached bool
	observed   *decimal.Decimal // Measure.Observed, for a quantile not reached
	k, n       int              // Count and N, for shrinkage
	value      decimal.Decimal  // the value points come from, for a relative scale without shrinkage
}

// rank makes the first pass. With keep, it keeps every agency's measures
// for the second.
func (a *Accumulator) rank(since time.Time, keep bool) *ranking {
	s := a.b.s
	refs := a.agencies()
	na, nc := len(refs), len(s.criteria)
	r := &ranking{since: since, agencies: refs, pts: make([]int32, na*nc), scores: make([]int32, na),
		capped: make([]bool, na*len(s.dims)), priors: make([]prior, nc), ranks: make([]int, na), reach: make([]*decimal.Decimal, nc)}
	for ci := range s.criteria {
		if s.criteria[ci].Missing == rubric.Zero && r.zeroed == nil {
			r.zeroed = make([]bool, na*nc)
		}
	}
	if keep {
		r.measures = make([][]Measure, na)
		r.gateMeasures = make([][]Measure, na)
	}
	ng := len(s.gates)
	r.gates = make([]int64, na*ng)
	r.gateCapped = make([]bool, na)
	// The criteria whose points wait for every agency's measure.
	later := make([][]deferred, nc)
	for ci := range s.criteria {
		if c := &s.criteria[ci]; c.Shrinkage == rubric.BetaBinomial || c.Scale.Kind.Relative() {
			later[ci] = make([]deferred, na)
		}
	}
	s.parallel(na, func(i int) {
		v := r.view(s, i)
		v.brief = !keep
		ms := s.measureAll(&v)
		for ci := range s.criteria {
			c, m := &s.criteria[ci], &ms[ci]
			r.pts[i*nc+ci] = noPoints
			status := c.status(m)
			if later[ci] != nil {
				later[ci][i] = deferred{status: status, notReached: m.NotReached, observed: m.Observed, k: m.Count, n: m.N}
				if m.Value != nil && c.Shrinkage != rubric.BetaBinomial {
					later[ci][i].value = *m.Value
				}
				continue
			}
			switch {
			case status == StatusScored:
				r.pts[i*nc+ci] = int32(hundredths(points(c.Scale, *m)))
			case status == StatusNoData && c.Missing == rubric.Zero:
				r.pts[i*nc+ci], r.zeroed[i*nc+ci] = 0, true // the criterion's own policy
			}
		}
		gms := s.measureGates(&v)
		for j := range s.gates {
			r.gates[i*ng+j] = noPoints
			if s.gateFails(j, &gms[j]) {
				r.gates[i*ng+j] = 0
			}
		}
		if keep {
			r.measures[i] = ms
			r.gateMeasures[i] = gms
		}
		v.done()
	})
	for ci, ds := range later {
		if ds != nil {
			r.settle(s, ci, ds)
		}
	}
	// Every agency's overall score, and its criteria's shares of it.
	workers := min(s.opts.Workers, max(na, 1))
	partial := make([][]shareSum, workers)
	chunk := (na + workers - 1) / max(workers, 1)
	s.parallel(workers, func(w int) {
		sums := make([]shareSum, nc)
		for i := w * chunk; i < min((w+1)*chunk, na); i++ {
			r.compose(s, i, sums)
		}
		partial[w] = sums
	})
	r.shares = make([]shareSum, nc)
	for _, sums := range partial {
		for ci := range sums {
			r.shares[ci].sum = r.shares[ci].sum.Add(sums[ci].sum)
			r.shares[ci].n += sums[ci].n
		}
	}
	// Scored agencies by descending score, then by ID (views are in ID
	// order); then the others by ID.
	ranks, order := make([]int32, na), make([]int32, na)
	compose.Rank(r.scores, ranks, order, nil)
	r.order = make([]int, na)
	for k, i := range order {
		r.order[k], r.ranks[i] = int(i), int(ranks[i])
	}
	return r
}

// settle works out the points of criterion ci, whose measures ds wait for
// every agency's: shrinkage first, then a fixed or a relative scale.
func (r *ranking) settle(s *Scorer, ci int, ds []deferred) {
	c, nc := &s.criteria[ci], len(s.criteria)
	if c.Shrinkage == rubric.BetaBinomial {
		var ks, ns []int
		for _, d := range ds {
			if d.n > 0 {
				ks, ns = append(ks, d.k), append(ns, d.n)
			}
		}
		alpha, beta, ok := stats.BetaPrior(ks, ns)
		r.priors[ci] = prior{alpha, beta, ok}
		for i := range ds {
			if ds[i].n > 0 {
				ds[i].value = *shrunk(r.priors[ci], ds[i].k, ds[i].n)
			}
		}
	}
	for i, d := range ds {
		if d.status == StatusNoData && c.Missing == rubric.Zero {
			r.pts[i*nc+ci], r.zeroed[i*nc+ci] = 0, true // the criterion's own policy
		}
	}
	if !c.Scale.Kind.Relative() {
		for i, d := range ds {
			if d.status == StatusScored {
				r.pts[i*nc+ci] = int32(hundredths(points(c.Scale, Measure{Value: &d.value})))
			}
		}
		return
	}
	var idx []int // agencies compared on the scale
	var vals []decimal.Decimal
	var reach *decimal.Decimal // the largest value compared
	for i, d := range ds {
		if d.status == StatusScored && !d.notReached {
			idx, vals = append(idx, i), append(vals, d.value)
			if reach == nil || d.value.GreaterThan(*reach) {
				reach = &ds[i].value
			}
		}
	}
	r.reach[ci] = reach
	for i, d := range ds {
		m := Measure{NotReached: d.notReached, Observed: d.observed}
		if d.status == StatusScored && d.notReached && !c.relativeSilence(&m, reach) {
			r.pts[i*nc+ci] = 0 // worse than every agency compared
		}
	}
	for k, p := range relative(c.Scale, vals) {
		r.pts[idx[k]*nc+ci] = int32(hundredths(p))
	}
}

// shrunk returns the rate k/n shrunk by the prior, or k/n itself when the
// prior could not be fitted.
func shrunk(p prior, k, n int) *decimal.Decimal {
	if !p.ok {
		return ratio(k, n)
	}
	v := decimal.NewFromFloat((float64(k) + p.alpha) / (float64(n) + p.alpha + p.beta)).Round(divPlaces)
	return &v
}

// compose composes agency i's overall score from its points, and adds its
// criteria's shares of that score to sums.
func (r *ranking) compose(s *Scorer, i int, sums []shareSum) {
	nc := len(s.criteria)
	comp := s.compose(r.pointsOf(i, nc), r.gatesOf(s, i), r.zeroedOf(i, nc))
	for di := range s.dims {
		r.capped[i*len(s.dims)+di] = comp.Capped[di].By >= 0
	}
	r.scores[i] = int32(comp.score)
	r.gateCapped[i] = comp.TopCapped.By >= 0
	if comp.score == none || comp.Top.Score <= 0 || r.gateCapped[i] {
		return // a score a gate capped is not the sum of its shares: left out
	}
	// Shares of the score the dimensions composed, before a failed gate
	// capped it: what each criterion contributed.
	score := *hundredthsOf(comp.Top.Score)
	for di, d := range s.dims {
		for j, ci := range d.criteria {
			if r.pts[i*nc+ci] == noPoints {
				sums[ci].n++ // counts as a zero share
				continue
			}
			part := effAt(&comp.Top, di).Mul(effAt(&comp.Dims[di], j)).Mul(decimal.New(int64(r.pts[i*nc+ci]), -Places))
			sums[ci].sum = sums[ci].sum.Add(part.DivRound(score, divPlaces))
			sums[ci].n++
		}
	}
}

// pointsOf returns agency i's points in hundredths, none where it has
// none.
func (r *ranking) pointsOf(i, nc int) []int64 {
	out := make([]int64, nc)
	for ci, p := range r.pts[i*nc : (i+1)*nc] {
		out[ci] = int64(p)
	}
	return out
}

// zeroedOf returns, by criterion, whether agency i's points are 0 by the
// criterion's own policy; nil when none can be.
func (r *ranking) zeroedOf(i, nc int) []bool {
	if r.zeroed == nil {
		return nil
	}
	return r.zeroed[i*nc : (i+1)*nc]
}

// gatesOf returns agency i's gate outcomes, as compose takes them.
func (r *ranking) gatesOf(s *Scorer, i int) []int64 {
	ng := len(s.gates)
	return r.gates[i*ng : (i+1)*ng]
}

// hundredths returns points or a score, 0..100 with at most Places
// decimal places, in hundredths.
func hundredths(d decimal.Decimal) int64 { return d.Shift(Places).IntPart() }

// view returns agency i as measures see it.
func (r *ranking) view(s *Scorer, i int) agencyView {
	return agencyView{s: s, since: r.since, info: r.agencies[i].info, st: r.agencies[i].st}
}

// explain makes agency i's AgencyScore: the second pass.
func (r *ranking) explain(s *Scorer, i int) AgencyScore {
	view := r.view(s, i)
	v := &view
	var ms, gms []Measure
	if r.measures != nil {
		ms, gms = r.measures[i], r.gateMeasures[i]
	} else {
		ms, gms = s.measureAll(v), s.measureGates(v)
	}
	if s.opts.Curves {
		v.reply = s.replyCurve(v)
	}
	for ci := range s.criteria {
		if c, m := &s.criteria[ci], &ms[ci]; c.Shrinkage == rubric.BetaBinomial && m.N > 0 && m.Value != nil {
			m.Shrunk = shrunk(r.priors[ci], m.Count, m.N)
			if p := r.priors[ci]; p.ok {
				m.Prior = &Prior{Alpha: math.Round(p.alpha*1e9) / 1e9, Beta: math.Round(p.beta*1e9) / 1e9}
			}
		}
	}
	v.done()
	pts, gates := r.pointsOf(i, len(s.criteria)), r.gatesOf(s, i)
	as := s.scoreAgency(v, ms, pts, gms, gates, s.compose(pts, gates, r.zeroedOf(i, len(s.criteria))), r.reach)
	as.Rank = r.ranks[i]
	return as
}

// influence returns every criterion's Influence, from the first pass's
// points and scores in rank order.
func (r *ranking) influence(s *Scorer) []Influence {
	arithmetic := s.rubric.Method.Aggregation == "" || s.rubric.Method.Aggregation == rubric.Arithmetic
	for _, d := range s.dims {
		arithmetic = arithmetic && (d.method.Aggregation == "" || d.method.Aggregation == rubric.Arithmetic)
	}
	nc, nd := len(s.criteria), len(s.dims)
	var out []Influence
	for di, d := range s.dims {
		for _, ci := range d.criteria {
			c := &s.criteria[ci]
			inf := Influence{Criterion: c.ID, Dimension: d.id, Nominal: d.weight.Mul(c.Weight)}
			var xs, ys []float64
			exact := arithmetic
			for _, i := range r.order {
				if r.scores[i] == noPoints {
					continue
				}
				p := r.pts[i*nc+ci]
				if p == noPoints {
					continue
				}
				inf.Scored++
				xs, ys = append(xs, float64(p)/100), append(ys, float64(r.scores[i])/100)
				if r.capped[i*nd+di] {
					exact = false
				}
			}
			if sh := r.shares[ci]; exact && sh.n > 0 {
				m := sh.sum.DivRound(decimal.NewFromInt(int64(sh.n)), 4)
				inf.MeanShare = &m
			}
			inf.Correlation = pearson(xs, ys)
			out = append(out, inf)
		}
	}
	return out
}

// header returns the report without its agencies.
func (a *Accumulator) header(since time.Time) *Report {
	s := a.b.s
	return &Report{
		Schema:      SchemaVersion,
		AsOf:        s.opts.AsOf,
		Since:       since,
		Rubric:      RubricRef{ID: s.rubric.ID, Title: s.rubric.Title, Version: s.rubric.Version, Hash: s.hash},
		MinSample:   s.opts.MinSample,
		Grades:      cloneGrades(s.rubric.Grades),
		Aggregation: s.rubric.Method.Aggregation,
	}
}

// Report scores every agency: the declared agencies of the metadata,
// whether or not they had inquiries, and the agencies the inquiries
// implied. The accumulator may be added to and reported again afterwards.
//
// The report holds every agency's explanation, some kilobytes each; to
// score a very large number of agencies, use [Accumulator.Stream].
//
// Missing data: a criterion with nothing to measure, or with a sample below
// its minimum, is left out and its weight is spread over the dimension's
// other criteria in proportion to their weights (re-weighting); likewise for
// a dimension none of whose criteria could be scored. The agency is flagged
// each time. Missing is never scored as 0 or 100. An agency with no
// dimension scored, or whose scored criteria carry less of the rubric's
// weight than [Options.MinCoverage], has no score, no grade and rank 0.
func (a *Accumulator) Report() (*Report, error) {
	a.flush()
	since := a.since()
	rep := a.header(since)
	r := a.rank(since, true)
	rep.Influence = r.influence(a.b.s)
	rep.Agencies = make([]AgencyScore, len(r.order))
	a.b.s.parallel(len(r.order), func(k int) { rep.Agencies[k] = r.explain(a.b.s, r.order[k]) })
	return rep, nil
}

// Stream scores every agency as [Accumulator.Report] does, and calls f
// with each agency's score in rank order instead of keeping it, so that
// its memory grows with the number of agencies by tens of bytes each, not
// by their explanations. It returns the report without its agencies
// (Agencies is nil), for everything else the report holds. It stops at
// the first error f returns, and returns it.
//
// Each agency is measured twice, once to rank it and once to explain it:
// Stream costs about twice what Report costs in time.
func (a *Accumulator) Stream(f func(AgencyScore) error) (*Report, error) {
	a.flush()
	since := a.since()
	rep := a.header(since)
	r := a.rank(since, false)
	rep.Influence = r.influence(a.b.s)
	// Explained a window at a time on every worker, handed to f in order.
	const window = 256
	buf := make([]AgencyScore, window)
	for lo := 0; lo < len(r.order); lo += window {
		n := min(window, len(r.order)-lo)
		a.b.s.parallel(n, func(k int) { buf[k] = r.explain(a.b.s, r.order[lo+k]) })
		for k := range n {
			if err := f(buf[k]); err != nil {
				return rep, err
			}
			buf[k] = AgencyScore{}
		}
	}
	return rep, nil
}
