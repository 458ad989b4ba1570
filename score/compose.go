package score

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/bizclock"
)

// Score validates the dataset and scores every agency in it.
//
// Missing data: a criterion with nothing to measure, or with a sample below
// its minimum, is left out and its weight is spread over the dimension's
// other criteria in proportion to their weights (re-weighting); likewise for
// a dimension none of whose criteria could be scored. The agency is flagged
// each time. Missing is never scored as 0 or 100. An agency with no
// dimension scored, or whose scored criteria carry less of the rubric's
// weight than [Options.MinCoverage], has no score, no grade and rank 0.
//
// The report depends only on the dataset's content, the rubric and the
// options: not on the order of records, nor on the number of workers.
func (s *Scorer) Score(ds model.Dataset) (*Report, error) {
	if err := ds.Validate(); err != nil {
		return nil, fmt.Errorf("score: invalid dataset: %w", err)
	}
	var earliest time.Time // the earliest receipt by AsOf
	for i := range ds.Inquiries {
		t := ds.Inquiries[i].ReceivedAt
		if !t.After(s.opts.AsOf) && (earliest.IsZero() || t.Before(earliest)) {
			earliest = t
		}
	}
	if earliest.IsZero() {
		earliest = s.opts.AsOf
	}
	// The same instant may be written with several offsets; report it in
	// AsOf's, so that the report does not depend on which came first.
	earliest = earliest.In(s.opts.AsOf.Location())
	since := s.opts.Since
	if since.IsZero() {
		since = earliest
	}
	rep := &Report{
		Schema:    SchemaVersion,
		AsOf:      s.opts.AsOf,
		Since:     since,
		Rubric:    RubricRef{ID: s.rubric.ID, Title: s.rubric.Title, Version: s.rubric.Version, Hash: s.hash},
		MinSample: s.opts.MinSample,
		Grades:    cloneGrades(s.rubric.Grades),
	}
	data := accumulate(&ds, s.opts.AsOf, s.opts.Workers)
	if err := s.businessClocks(&ds, data, earliest); err != nil {
		return nil, err
	}
	// Three phases: every agency's measures; the adjustments that look
	// across agencies (shrinkage); then points, weights and flags.
	measures := make([][]Measure, len(data)) // by agency, then criterion
	s.parallel(len(data), func(i int) { measures[i] = s.measureAll(&data[i], since) })
	s.shrink(measures)
	rep.Agencies = make([]AgencyScore, len(data))
	s.parallel(len(data), func(i int) { rep.Agencies[i] = s.scoreAgency(&data[i], measures[i]) })
	rank(rep.Agencies)
	return rep, nil
}

// businessClocks gives every agency with a calendar its business clock,
// when a criterion counts business time. One clock serves all the agencies
// of a calendar; it covers from the earliest receipt to AsOf, but at most
// bizclock.MaxDays days back from AsOf (instants before count no working
// time).
func (s *Scorer) businessClocks(ds *model.Dataset, data []agencyData, earliest time.Time) error {
	if !s.business {
		return nil
	}
	calendars := make(map[string]*model.Calendar, len(ds.Calendars))
	for i := range ds.Calendars {
		calendars[ds.Calendars[i].ID] = &ds.Calendars[i]
	}
	from := earliest
	if limit := s.opts.AsOf.AddDate(0, 0, -(bizclock.MaxDays - 2)); from.Before(limit) {
		from = limit
	}
	clocks := map[string]*bizclock.Clock{}
	for i := range data {
		id := data[i].agency.CalendarID
		if id == "" || calendars[id] == nil {
			continue
		}
		k, ok := clocks[id]
		if !ok {
			var err error
			if k, err = bizclock.New(*calendars[id], from, s.opts.AsOf); err != nil {
				return fmt.Errorf("score: calendar %q: %w", id, err)
			}
			clocks[id] = k
		}
		data[i].biz = k
	}
	return nil
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
func (s *Scorer) measureAll(a *agencyData, since time.Time) []Measure {
	ms := make([]Measure, len(s.criteria))
	for i := range s.criteria {
		ms[i] = s.measure(&s.criteria[i], a, since)
	}
	return ms
}

func (s *Scorer) scoreAgency(a *agencyData, measures []Measure) AgencyScore {
	out := AgencyScore{
		AgencyID:  a.agency.ID,
		Name:      a.agency.Name,
		Names:     maps.Clone(a.agency.Names),
		Inquiries: len(a.obs),
		AfterAsOf: a.afterAsOf,
	}
	var flags flagSet
	var dimWeights []decimal.Decimal
	for _, d := range s.dims {
		ds := DimensionScore{ID: d.id, Title: d.title, Weight: d.weight}
		var weights []decimal.Decimal
		for _, ci := range d.criteria {
			c := &s.criteria[ci]
			cs := CriterionScore{ID: c.ID, Title: c.Title, Metric: c.Metric, Weight: c.Weight, MinSample: c.minSample}
			cs.Measure = measures[ci]
			if c.Params.Clock == rubric.BusinessClock && a.biz == nil {
				flags.add(FlagNoCalendar, c.ID, "no business calendar: measured in calendar time")
			}
			switch {
			case cs.Measure.N == 0:
				cs.Status = StatusNoData
				flags.add(FlagNoData, c.ID, "nothing to measure")
			case cs.Measure.N < c.minSample:
				cs.Status = StatusInsufficient
				flags.add(FlagInsufficientData, c.ID, fmt.Sprintf("n = %d, below the minimum of %d", cs.Measure.N, c.minSample))
			default:
				cs.Status = StatusScored
				p := points(c.Scale, cs.Measure)
				cs.Points = &p
			}
			if cs.Status == StatusScored {
				weights = append(weights, c.Weight)
			} else {
				weights = append(weights, decimal.Zero)
			}
			ds.Criteria = append(ds.Criteria, cs)
		}
		eff, ok := effective(weights)
		if ok {
			sum := decimal.Zero
			for j := range ds.Criteria {
				cs := &ds.Criteria[j]
				cs.EffectiveWeight = eff[j]
				if cs.Points != nil {
					cs.Contribution = eff[j].Mul(*cs.Points)
					sum = sum.Add(cs.Contribution)
				}
			}
			score := sum.Round(Places)
			for j, ci := range d.criteria {
				c := &s.criteria[ci]
				cs := &ds.Criteria[j]
				if c.KnockoutCap == nil || cs.Points == nil || !cs.Points.IsZero() || score.Cmp(*c.KnockoutCap) <= 0 {
					continue
				}
				if ds.Uncapped == nil {
					uncapped := score
					ds.Uncapped = &uncapped
				}
				ds.CappedBy = c.ID
				score = c.KnockoutCap.Round(Places)
				flags.add(FlagKnockout, string(d.id), fmt.Sprintf("%s scored 0 points: %s capped at %s", c.ID, d.id, score))
			}
			ds.Score = &score
			if !allEqual(weights, d.criteria, s.criteria) {
				flags.add(FlagReweighted, string(d.id), "criterion weights spread over the criteria with data")
			}
		}
		if ds.Score != nil {
			dimWeights = append(dimWeights, d.weight)
		} else {
			dimWeights = append(dimWeights, decimal.Zero)
		}
		out.Dimensions = append(out.Dimensions, ds)
	}
	if eff, ok := effective(dimWeights); ok {
		sum := decimal.Zero
		for i := range out.Dimensions {
			ds := &out.Dimensions[i]
			ds.EffectiveWeight = eff[i]
			if ds.Score != nil {
				ds.Contribution = eff[i].Mul(*ds.Score)
				sum = sum.Add(ds.Contribution)
			}
			if ds.Score == nil && !ds.Weight.IsZero() {
				flags.add(FlagReweighted, string(ds.ID), "dimension has no data; its weight is spread over the others")
			}
		}
		out.Coverage = coverage(out.Dimensions)
		if out.Coverage.LessThan(s.minCoverage) {
			flags.add(FlagLowCoverage, "", fmt.Sprintf("the criteria with data carry %s of the rubric's weight, below the minimum of %s; no overall score",
				out.Coverage, s.minCoverage))
		} else {
			total := sum.Round(Places)
			out.Score = &total
			if g, ok := s.rubric.GradeFor(total); ok {
				out.Grade = g.ID
			}
		}
	} else {
		flags.add(FlagNotScored, "", "no dimension could be scored")
	}
	s.factFlags(a, &flags)
	out.Flags = flags.list
	return out
}

// coverage is the share of the rubric's weight that the scored criteria
// carry: Σ dimension weight × criterion weight over them, exact.
func coverage(dims []DimensionScore) decimal.Decimal {
	c := decimal.Zero
	for _, d := range dims {
		for _, cs := range d.Criteria {
			if cs.Status == StatusScored {
				c = c.Add(d.Weight.Mul(cs.Weight))
			}
		}
	}
	return c
}

// effective spreads the weights of the entries with data (non-zero here)
// so that they sum to 1: w / Σw, with the one division at divPlaces places.
// When the weights of the entries with data are all one, or sum to exactly
// 1 already, no division happens. It reports false when no weight is left.
func effective(ws []decimal.Decimal) ([]decimal.Decimal, bool) {
	sum := decimal.Zero
	for _, w := range ws {
		sum = sum.Add(w)
	}
	if sum.IsZero() {
		return nil, false
	}
	out := make([]decimal.Decimal, len(ws))
	one := decimal.NewFromInt(1)
	for i, w := range ws {
		if sum.Equal(one) {
			out[i] = w
		} else {
			out[i] = w.DivRound(sum, divPlaces)
		}
	}
	return out, true
}

// allEqual reports whether the weights used are the rubric's own, that is
// no criterion with weight was left out.
func allEqual(used []decimal.Decimal, idx []int, cs []criterion) bool {
	for j, ci := range idx {
		if !used[j].Equal(cs[ci].Weight) {
			return false
		}
	}
	return true
}

// factFlags adds the flags that describe the agency's records rather than
// its score: long silences, broadcast-only channels, nobody assigned.
func (s *Scorer) factFlags(a *agencyData, flags *flagSet) {
	asOf := s.opts.AsOf.Unix()
	limit := int64(s.opts.LongSilenceDays) * 86400
	silent, oldest := 0, int64(0)
	for i := range a.obs {
		if o := &a.obs[i]; o.delay < 0 && asOf-o.recv >= limit {
			silent++
			oldest = max(oldest, asOf-o.recv)
		}
	}
	if silent > 0 {
		flags.add(FlagLongSilence, "", fmt.Sprintf("%d of %d inquiries unanswered for %d days or more; the oldest for %d days",
			silent, len(a.obs), s.opts.LongSilenceDays, oldest/86400))
	}
	var broadcast []string
	for _, ch := range a.channels {
		if ch.Official && ch.BroadcastOnly && !ch.Implied {
			broadcast = append(broadcast, channelName(ch))
		}
	}
	if len(broadcast) > 0 {
		slices.Sort(broadcast) // the report must not depend on the order of the channels
		flags.add(FlagBroadcastOnly, "", "official channel only broadcasts: "+strings.Join(broadcast, ", "))
	}
	declared, staff := false, 0
	for _, st := range a.staffing {
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
