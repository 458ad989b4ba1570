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

func (s *Scorer) scoreAgency(a *agencyView, measures []Measure, points []*decimal.Decimal) AgencyScore {
	ag := &a.info.agency
	out := AgencyScore{
		AgencyID:  ag.ID,
		Name:      ag.Name,
		Names:     maps.Clone(ag.Names),
		Inquiries: a.st.n,
		AfterAsOf: a.st.after,
	}
	var flags flagSet
	var dims []child
	for _, d := range s.dims {
		ds := DimensionScore{ID: d.id, Title: d.title, Weight: d.weight, Aggregation: d.method.Aggregation}
		var kids []child
		for _, ci := range d.criteria {
			c := &s.criteria[ci]
			cs := CriterionScore{ID: c.ID, Title: c.Title, Metric: c.Metric, Weight: c.Weight, MinSample: c.minSample}
			cs.Measure = measures[ci]
			cs.Status = c.status(&cs.Measure)
			cs.Points = points[ci]
			if c.Params.Clock == rubric.BusinessClock && a.info.biz == nil {
				flags.add(FlagNoCalendar, c.ID, "no business calendar: measured in calendar time")
			}
			switch cs.Status {
			case StatusNoData:
				flags.add(FlagNoData, c.ID, "nothing to measure")
			case StatusInsufficient:
				flags.add(FlagInsufficientData, c.ID, fmt.Sprintf("n = %d, below the minimum of %d", cs.Measure.N, c.minSample))
			}
			kids = append(kids, child{weight: c.Weight, points: cs.Points})
			ds.Criteria = append(ds.Criteria, cs)
		}
		res := combine(d.method, kids)
		for j := range ds.Criteria {
			ds.Criteria[j].EffectiveWeight = res.eff[j]
			ds.Criteria[j].Contribution = res.contrib[j]
		}
		s.explainNode(&flags, string(d.id), "criteria", s.criterionIDs(d), res)
		if res.score != nil {
			score := *res.score
			var failed []string // knock-out criteria at 0 points
			for j, ci := range d.criteria {
				c, cs := &s.criteria[ci], &ds.Criteria[j]
				if c.KnockoutCap == nil || cs.Points == nil || !cs.Points.IsZero() {
					continue
				}
				failed = append(failed, c.ID)
				if score.Cmp(*c.KnockoutCap) <= 0 {
					continue
				}
				if ds.Uncapped == nil {
					uncapped := score
					ds.Uncapped = &uncapped
				}
				ds.CappedBy = c.ID
				score = c.KnockoutCap.Round(Places)
			}
			if ds.CappedBy != "" {
				flags.add(FlagKnockout, string(d.id), fmt.Sprintf("%s scored 0 points: %s capped at %s by %s",
					strings.Join(failed, ", "), d.id, score, ds.CappedBy))
			}
			ds.Score = &score
		}
		dims = append(dims, child{weight: d.weight, points: ds.Score})
		out.Dimensions = append(out.Dimensions, ds)
	}
	res := combine(s.rubric.Method, dims)
	for i := range out.Dimensions {
		out.Dimensions[i].EffectiveWeight = res.eff[i]
		out.Dimensions[i].Contribution = res.contrib[i]
	}
	s.explainNode(&flags, "", "dimensions", s.dimensionIDs, res)
	out.Coverage = coverage(out.Dimensions)
	switch {
	case res.score == nil && res.withheld == "":
		flags.add(FlagNotScored, "", "no dimension could be scored")
	case res.score == nil:
	case out.Coverage.LessThan(s.minCoverage):
		flags.add(FlagLowCoverage, "", fmt.Sprintf("the criteria with data carry %s of the rubric's weight, below the minimum of %s; no overall score",
			out.Coverage, s.minCoverage))
	default:
		out.Score = res.score
		if g, ok := s.rubric.GradeFor(*res.score); ok {
			out.Grade = g.ID
		}
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

// combined is what combine makes of a node.
type combined struct {
	score      *decimal.Decimal  // nil: no data, or withheld
	eff        []decimal.Decimal // effective weight of each child; 0 when left out
	contrib    []decimal.Decimal // eff × points for an arithmetic node; 0 otherwise
	reweighted bool              // a child with weight was left out
	zeroed     bool              // a child with weight and no data counted 0 points
	left       []int             // the children with weight and no data
	withheld   string            // why the node is withheld, if it is
}

// combine applies a node's method to its children. The rules, in order:
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
func combine(m rubric.Method, kids []child) combined {
	res := combined{eff: make([]decimal.Decimal, len(kids)), contrib: make([]decimal.Decimal, len(kids))}
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

// coverage is the share of the rubric's weight that the scored criteria of
// the scored dimensions carry: Σ dimension weight × criterion weight over
// them, exact. A criterion with data in a dimension the method withheld
// adds nothing, since it adds nothing to the score.
func coverage(dims []DimensionScore) decimal.Decimal {
	c := decimal.Zero
	for _, d := range dims {
		if d.Score == nil {
			continue
		}
		for _, cs := range d.Criteria {
			if cs.Status == StatusScored {
				c = c.Add(d.Weight.Mul(cs.Weight))
			}
		}
	}
	return c
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

// rank sorts agencies by descending score (then ID) and gives equal scores
// the same rank; unscored agencies go last with rank 0.
func rank(as []AgencyScore) {
	slices.SortStableFunc(as, func(a, b AgencyScore) int {
		switch {
		case a.Score == nil && b.Score == nil:
			return strings.Compare(a.AgencyID, b.AgencyID)
		case a.Score == nil:
			return 1
		case b.Score == nil:
			return -1
		}
		if c := b.Score.Cmp(*a.Score); c != 0 {
			return c
		}
		return strings.Compare(a.AgencyID, b.AgencyID)
	})
	for i := range as {
		switch {
		case as[i].Score == nil:
			as[i].Rank = 0
		case i > 0 && as[i-1].Score != nil && as[i-1].Score.Equal(*as[i].Score):
			as[i].Rank = as[i-1].Rank
		default:
			as[i].Rank = i + 1
		}
	}
}
