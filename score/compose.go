package score

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
)

// Score validates the dataset and scores every agency in it: it adds the
// dataset's inquiries to an [Accumulator] with [Options.Workers]
// goroutines and returns its [Accumulator.Report].
//
// The report depends only on the dataset's content, the rubric and the
// options: not on the order of records, nor on the number of workers.
func (s *Scorer) Score(ds model.Dataset) (*Report, error) {
	a, err := s.NewAccumulator(ds)
	if err != nil {
		return nil, err
	}
	return a.Report()
}

// cloneGrades returns a copy of gs that shares no map with it, so that a
// report's reader cannot change the Scorer's rubric.
func cloneGrades(gs []rubric.Grade) []rubric.Grade {
	out := slices.Clone(gs)
	for i := range out {
		out[i].Labels = maps.Clone(out[i].Labels)
	}
	return out
}

// parallel calls f(i) for every i in [0, n) on up to Options.Workers
// goroutines.
func (s *Scorer) parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(s.opts.Workers, n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// measureAll computes every criterion's measure for one agency, in the
// order of Scorer.criteria.
func (s *Scorer) measureAll(a *agencyView) []Measure {
	ms := make([]Measure, len(s.criteria))
	for i := range s.criteria {
		c := &s.criteria[i]
		ms[i] = c.def.measure(a, c)
	}
	return ms
}

// composition is how an agency's points combine: what each dimension and
// the whole made of their children, the knock-out caps, the coverage, and
// the published score.
type composition struct {
	dims     []dimComposition // in rubric order
	top      combined
	coverage decimal.Decimal
	// score is the published overall score in hundredths: none when no
	// dimension could be scored, the method withheld it, or the coverage
	// is below the minimum.
	score int64
}

// dimComposition is what became of one dimension.
type dimComposition struct {
	res      combined
	score    int64    // hundredths, after any knock-out cap; none without a score
	uncapped int64    // before the cap, when one applied; none otherwise
	cappedBy string   // the knock-out criterion that capped it
	failed   []string // the knock-out criteria at 0 points
}

// compose combines an agency's points, in hundredths by criterion in
// rubric order (none where a criterion has none), into dimension scores
// and the overall score.
func (s *Scorer) compose(points []int64) composition {
	comp := composition{dims: make([]dimComposition, len(s.dims)), score: none}
	var dimBuf, kidBuf [16]int64
	dimScores := dimBuf[:0]
	if len(s.dims) > len(dimBuf) {
		dimScores = make([]int64, 0, len(s.dims))
	}
	dimScores = dimScores[:len(s.dims)]
	kids := kidBuf[:0]
	for di, d := range s.dims {
		kids = kids[:0]
		for _, ci := range d.criteria {
			kids = append(kids, points[ci])
		}
		dc := &comp.dims[di]
		dc.res = s.dimNodes[di].combine(kids)
		dc.score, dc.uncapped = dc.res.score, none
		if dc.score != none {
			for _, ci := range d.criteria {
				c := &s.criteria[ci]
				if c.KnockoutCap == nil || points[ci] != 0 {
					continue
				}
				dc.failed = append(dc.failed, c.ID)
				if dc.score*(unit/100) <= c.capUnits { // the score at or below the cap, as written
					continue
				}
				if dc.uncapped == none {
					dc.uncapped = dc.score
				}
				dc.cappedBy = c.ID
				dc.score = c.capHundredths
			}
		}
		dimScores[di] = dc.score
	}
	comp.top = s.top.combine(dimScores)
	// The coverage: the weight the scored criteria of the scored dimensions
	// carry. A criterion with data in a dimension the method withheld adds
	// nothing, since it adds nothing to the score.
	for di, d := range s.dims {
		if comp.dims[di].score == none {
			continue
		}
		for _, ci := range d.criteria {
			if points[ci] != none {
				comp.coverage = comp.coverage.Add(s.criteria[ci].share)
			}
		}
	}
	if comp.top.score != none && !comp.coverage.LessThan(s.minCoverage) {
		comp.score = comp.top.score
	}
	return comp
}

// gradeOf returns the ID of the grade band of a score in hundredths: the
// first whose minimum it reaches, or "" when it reaches none.
func (s *Scorer) gradeOf(score int64) string {
	for i, min := range s.gradeMins {
		if score*(unit/100) >= min {
			return s.rubric.Grades[i].ID
		}
	}
	return ""
}

// hundredthsOf returns h hundredths as a decimal, or nil for none.
func hundredthsOf(h int64) *decimal.Decimal {
	if h == none {
		return nil
	}
	d := decimal.New(h, -Places)
	return &d
}

// scoreAgency explains one agency's score: its measures, the points they
// earned (nil where none) and their composition.
func (s *Scorer) scoreAgency(a *agencyView, measures []Measure, points []int64, comp composition) AgencyScore {
	ag := &a.info.agency
	out := AgencyScore{
		AgencyID:   a.info.id,
		Name:       ag.Name,
		Names:      maps.Clone(ag.Names),
		Inquiries:  a.st.n,
		AfterAsOf:  a.st.after,
		Coverage:   comp.coverage,
		Dimensions: make([]DimensionScore, len(s.dims)),
	}
	flags := flagSet{list: make([]Flag, 0, len(s.criteria)+len(s.dims)+4)}
	for di, d := range s.dims {
		dc := &comp.dims[di]
		ds := &out.Dimensions[di]
		*ds = DimensionScore{ID: d.id, Title: d.title, Weight: d.weight, Aggregation: d.method.Aggregation,
			EffectiveWeight: comp.top.effAt(di), Contribution: comp.top.contribAt(di), Score: hundredthsOf(dc.score),
			Uncapped: hundredthsOf(dc.uncapped), CappedBy: dc.cappedBy, Criteria: make([]CriterionScore, len(d.criteria))}
		for j, ci := range d.criteria {
			c := &s.criteria[ci]
			cs := &ds.Criteria[j]
			*cs = CriterionScore{ID: c.ID, Title: c.Title, Metric: c.Metric, Weight: c.Weight, MinSample: c.minSample,
				Measure: measures[ci], Points: hundredthsOf(points[ci]), EffectiveWeight: dc.res.effAt(j), Contribution: dc.res.contribAt(j)}
			cs.Status = c.status(&cs.Measure)
			if c.Params.Clock == rubric.BusinessClock && a.info.biz == nil {
				flags.add(FlagNoCalendar, c.ID, "no business calendar: measured in calendar time")
			}
			switch cs.Status {
			case StatusNoData:
				flags.add(FlagNoData, c.ID, "nothing to measure")
			case StatusInsufficient:
				flags.add(FlagInsufficientData, c.ID, c.insufficient(cs.Measure.N))
			}
		}
		s.explainNode(&flags, string(d.id), "criteria", s.criterionIDs(d), dc.res)
		if dc.cappedBy != "" {
			flags.add(FlagKnockout, string(d.id), fmt.Sprintf("%s scored 0 points: %s capped at %s by %s",
				strings.Join(dc.failed, ", "), d.id, hundredthsOf(dc.score), dc.cappedBy))
		}
	}
	s.explainNode(&flags, "", "dimensions", s.dimensionIDs, comp.top)
	switch {
	case comp.top.score == none && comp.top.withheld == "":
		flags.add(FlagNotScored, "", "no dimension could be scored")
	case comp.top.score == none:
	case comp.score == none:
		flags.add(FlagLowCoverage, "", fmt.Sprintf("the criteria with data carry %s of the rubric's weight, below the minimum of %s; no overall score",
			comp.coverage, s.minCoverage))
	default:
		out.Score = hundredthsOf(comp.score)
		out.Grade = s.gradeOf(comp.score)
	}
	s.factFlags(a, &flags)
	out.Flags = flags.list
	out.Curve = a.reply
	return out
}

// explainNode flags what combine did at a node: re-weighting, missing
// children scored 0, withholding. node is the dimension ID, or "" for the
// overall score.
func (s *Scorer) explainNode(flags *flagSet, node, children string, ids []string, res combined) {
	var left []string
	for _, i := range res.left {
		left = append(left, ids[i])
	}
	switch {
	case res.withheld != "":
		flags.add(FlagWithheld, node, res.withheld)
	case res.reweighted:
		flags.add(FlagReweighted, node, fmt.Sprintf("no data for %s: weights spread over the other %s", strings.Join(left, ", "), children))
	case res.zeroed:
		flags.add(FlagMissingZero, node, fmt.Sprintf("no data for %s: scored 0 points, as the method says", strings.Join(left, ", ")))
	}
}

func (s *Scorer) criterionIDs(d dimension) []string {
	ids := make([]string, len(d.criteria))
	for j, ci := range d.criteria {
		ids[j] = s.criteria[ci].ID
	}
	return ids
}

// child is one input of a node: its nominal weight and its points, nil when
// it has no data.
type child struct {
	weight decimal.Decimal
	points *decimal.Decimal
}

// combinedDecimal is what combineDecimal makes of a node.
type combinedDecimal struct {
	score      *decimal.Decimal  // nil: no data, or withheld
	eff        []decimal.Decimal // effective weight of each child; 0 when left out; nil when all are
	contrib    []decimal.Decimal // eff × points for an arithmetic node; 0 otherwise; nil when all are
	reweighted bool              // a child with weight was left out
	zeroed     bool              // a child with weight and no data counted 0 points
	left       []int             // the children with weight and no data
	withheld   string            // why the node is withheld, if it is
}

// combineDecimal applies a node's method to its children in decimal
// arithmetic, by the rules of [node.combine]: the reference the integer
// composition is tested against, and what Sensitivity settles a geometric
// mean with when float64 cannot tell which way it rounds. The rules, in
// order:
//
//  1. MinAvailable: when the children with data carry less than this share
//     of the node's weight, the node is withheld.
//  2. Missing: Withhold withholds the node when any child with weight has no
//     data; Zero scores such children 0 points; Reweight (the default) leaves
//     them out and spreads their weight over the others.
//  3. No weight left: no score.
//  4. Aggregation over the children used, with effective weights w/Σw:
//     arithmetic Σ w p (exact); geometric Π p^w (float64, after raising
//     points below ZeroFloor to it; a 0 makes the node 0 when there is no
//     floor); minimum, the lowest points among children with weight.
//
// The score is rounded to Places.
func combineDecimal(m rubric.Method, kids []child) combinedDecimal {
	var res combinedDecimal
	if !slices.ContainsFunc(kids, func(k child) bool { return k.points != nil }) {
		// Nothing to combine: withheld when the method asks for some of the
		// weight (children's weights sum to 1 in a valid rubric), otherwise
		// no score. Rules 1 and 3 below, without the arithmetic.
		if m.MinAvailable != nil && m.MinAvailable.Sign() > 0 {
			res.withheld = fmt.Sprintf("the %s with data carry %s of the weight, below the minimum of %s",
				"children", decimal.Zero, m.MinAvailable)
		}
		return res
	}
	res.eff, res.contrib = make([]decimal.Decimal, len(kids)), make([]decimal.Decimal, len(kids))
	total, withData := decimal.Zero, decimal.Zero
	missing := false
	for _, k := range kids {
		total = total.Add(k.weight)
		if k.points != nil {
			withData = withData.Add(k.weight)
		} else if k.weight.Sign() > 0 {
			missing = true
		}
	}
	if m.MinAvailable != nil && total.Sign() > 0 && withData.DivRound(total, divPlaces).LessThan(*m.MinAvailable) {
		res.withheld = fmt.Sprintf("the %s with data carry %s of the weight, below the minimum of %s",
			"children", withData.DivRound(total, 4), m.MinAvailable)
		return res
	}
	if missing && m.Missing == rubric.Withhold && withData.Sign() > 0 {
		res.withheld = "a child with weight has no data, and the method withholds the score then"
		return res
	}
	used := make([]decimal.Decimal, len(kids)) // the weights that count
	pts := make([]decimal.Decimal, len(kids))
	sum := decimal.Zero
	for i, k := range kids {
		switch {
		case k.points != nil:
			used[i], pts[i] = k.weight, *k.points
		case m.Missing == rubric.Zero && k.weight.Sign() > 0 && withData.Sign() > 0:
			used[i], pts[i] = k.weight, decimal.Zero
			res.zeroed = true
			res.left = append(res.left, i)
		case k.weight.Sign() > 0:
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
	for i := range kids {
		if sum.Equal(one) {
			res.eff[i] = used[i]
		} else {
			res.eff[i] = used[i].DivRound(sum, divPlaces)
		}
	}
	var score decimal.Decimal
	switch m.Aggregation {
	case rubric.Geometric:
		logSum := 0.0
		for i := range kids {
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
		score = decimal.NewFromFloat(math.Exp(logSum)).Round(Places)
	case rubric.Minimum:
		first := true
		for i := range kids {
			if !used[i].IsZero() && (first || pts[i].LessThan(score)) {
				score, first = pts[i], false
			}
		}
		score = score.Round(Places)
	default:
		for i := range kids {
			res.contrib[i] = res.eff[i].Mul(pts[i])
			score = score.Add(res.contrib[i])
		}
		score = score.Round(Places)
	}
	res.score = &score
	return res
}

// factFlags adds the flags that describe the agency's records rather than
// its score: long silences, broadcast-only channels, nobody assigned.
func (s *Scorer) factFlags(a *agencyView, flags *flagSet) {
	if st := a.st; st.silent > 0 {
		flags.add(FlagLongSilence, "", fmt.Sprintf("%d of %d inquiries unanswered for %d days or more; the oldest for %d days",
			st.silent, st.n, s.opts.LongSilenceDays, st.oldest/86400))
	}
	var broadcast []string
	for _, ch := range a.info.channels {
		if ch.Official && ch.BroadcastOnly && !ch.Implied {
			broadcast = append(broadcast, channelName(ch))
		}
	}
	if len(broadcast) > 0 {
		slices.Sort(broadcast) // the report must not depend on the order of the channels
		flags.add(FlagBroadcastOnly, "", "official channel only broadcasts: "+strings.Join(broadcast, ", "))
	}
	declared, staff := false, 0
	for _, st := range a.info.staffing {
		if st.ActiveAt(s.opts.AsOf) {
			declared = true
			staff += st.Staff
		}
	}
	if declared && staff == 0 {
		flags.add(FlagNobodyAssigned, "", "staffing declared at AsOf assigns nobody to read the channels")
	}
}

func channelName(c model.Channel) string {
	if c.Handle != "" {
		return fmt.Sprintf("%s %s", c.Kind, c.Handle)
	}
	return c.ID
}

// flagSet collects flags, merging repeated codes for the same node.
type flagSet struct{ list []Flag }

func (f *flagSet) add(code FlagCode, node, detail string) {
	for _, x := range f.list {
		if x.Code == code && x.Node == node {
			return
		}
	}
	f.list = append(f.list, Flag{Code: code, Node: node, Detail: detail})
}
