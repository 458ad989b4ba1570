package score

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/stats"
)

// AgencyChange is how one agency moved between two consecutive periods of
// a trend. Agencies scored in only one of the two have none.
type AgencyChange struct {
	AgencyID string `json:"agency_id"`
	// From and To are the labels of the two periods.
	From string `json:"from"`
	To   string `json:"to"`
	// Score is the overall score in each period and its change.
	Score Delta `json:"score"`
	// Rank is the rank in each period and its change.
	Rank RankChange `json:"rank"`
	// Criteria are the criteria's changes, in rubric order.
	Criteria []CriterionChange `json:"criteria"`
}

// Delta is a number in two periods and its change, To − From; Change is
// nil unless both are set.
type Delta struct {
	From   *decimal.Decimal `json:"from"`
	To     *decimal.Decimal `json:"to"`
	Change *decimal.Decimal `json:"change"`
}

// RankChange is a rank in two periods, 0 where the agency was not
// ranked. Change is From − To, so that a rise is positive; nil unless the
// agency was ranked in both.
type RankChange struct {
	From   int  `json:"from"`
	To     int  `json:"to"`
	Change *int `json:"change"`
}

// CriterionChange is one criterion's change for one agency.
type CriterionChange struct {
	ID     string        `json:"id"`
	Metric rubric.Metric `json:"metric"`
	// Value is the measure's value (Measure.Value) in each period.
	Value Delta `json:"value"`
	// Points are the criterion's points in each period.
	Points Delta `json:"points"`
	// Test tells whether the change is larger than chance would make it;
	// nil for metrics without a test or when a period has no sample.
	Test *ChangeTest `json:"test,omitempty"`
}

// TestMethod names the test of a change.
type TestMethod string

// The tests of a change.
const (
	// TestNewcombe is for rates and shares of counts (response_rate,
	// within_target_rate, long_silence_share, deflection_share): the 95%
	// interval of the difference of the two periods' proportions, To −
	// From, by Newcombe's hybrid score method from their Wilson
	// intervals. The change is significant when the interval leaves out
	// 0. accurate_share is a mean of credits (a partial answer earns
	// part of one), not a proportion, and gets no test.
	TestNewcombe TestMethod = "newcombe"
	// TestLogRank is for the metrics of time to first reply
	// (reply_time_quantile, reply_time_restricted_mean,
	// eventual_nonresponse_share): the log-rank test of the two periods'
	// Kaplan-Meier samples, as R's survival::survdiff computes it. The
	// change is significant when P is below 0.05.
	TestLogRank TestMethod = "log_rank"
)

// ChangeTest is the test of one criterion's change.
type ChangeTest struct {
	Method TestMethod `json:"method"`
	// Interval is, for TestNewcombe, the 95% interval of the difference
	// of the proportions, To − From: the criterion's Value.Change.
	Interval *Interval `json:"interval,omitempty"`
	// ChiSquare and P are, for TestLogRank, the statistic (one degree of
	// freedom) and its p-value.
	ChiSquare *decimal.Decimal `json:"chi_square,omitempty"`
	P         *decimal.Decimal `json:"p,omitempty"`
	// Significant reports a change at the 5% level.
	Significant bool `json:"significant"`
}

// testOf is the test of each metric's change.
var testOf = map[rubric.Metric]TestMethod{
	rubric.ResponseRate:             TestNewcombe,
	rubric.WithinTargetRate:         TestNewcombe,
	rubric.LongSilenceShare:         TestNewcombe,
	rubric.DeflectionShare:          TestNewcombe,
	rubric.ReplyTimeQuantile:        TestLogRank,
	rubric.ReplyTimeRestrictedMean:  TestLogRank,
	rubric.EventualNonresponseShare: TestLogRank,
}

// changes compares each pair of consecutive periods.
func (t *TrendAccumulator) changes(accs []*Accumulator, ps []PeriodReport) []AgencyChange {
	out := []AgencyChange{}
	for i := 1; i < len(ps); i++ {
		out = append(out, agencyChanges(ps[i-1], ps[i], func(agency string, c *CriterionScore) ([]stats.Obs, []stats.Obs) {
			k := t.t.s.criterionIndex(c.ID)
			if k < 0 {
				return nil, nil // not reached: the periods share the scorer
			}
			return accs[i-1].sample(agency, &t.t.s.criteria[k]), accs[i].sample(agency, &t.t.s.criteria[k])
		})...)
	}
	return out
}

// criterionIndex returns the index of the criterion id, or -1.
func (s *Scorer) criterionIndex(id string) int {
	for i := range s.criteria {
		if string(s.criteria[i].ID) == id {
			return i
		}
	}
	return -1
}

// ErrIncomparable is returned by [Compare] for reports made under
// standards whose differences can move scores.
var ErrIncomparable = errors.New("score: the reports were made under standards that cannot be compared")

// Compare returns the changes from one period's report to the next's,
// agency by agency, as a [Trend] holds them, for reports scored apart:
// last year's published report and this year's, say. ra and rb are the
// rubrics the reports were made under; each must be the one its report
// names (its [RubricRef.Hash]).
//
// Reports made under different rubrics are compared only when
// [rubric.Diff] finds nothing that alters scores between them (wording,
// order); otherwise Compare returns an error that wraps ErrIncomparable
// and lists the changes that do. To compare such periods, score the old
// period's records again under the new standard: with its records at
// hand, one trend ([Scorer.NewTrend], govscore score -period) scores
// every period under one standard.
//
// A report keeps counts, not samples: rates get Newcombe's test, but the
// criteria of reply times get none. A trend scored from the records gets
// the log-rank test too.
func Compare(a, b PeriodReport, ra, rb rubric.Rubric) ([]AgencyChange, error) {
	for _, side := range []struct {
		name string
		p    PeriodReport
		r    rubric.Rubric
	}{{"from", a, ra}, {"to", b, rb}} {
		if side.p.Report == nil {
			return nil, fmt.Errorf("score: Compare: the %s report is nil", side.name)
		}
		h, err := side.r.Hash()
		if err != nil {
			return nil, fmt.Errorf("score: Compare: the %s rubric: %w", side.name, err)
		}
		if got := side.p.Report.Rubric.Hash; got != h {
			return nil, fmt.Errorf("score: Compare: the %s report %s was made under the standard %s (%s), not the one given (%s)",
				side.name, side.p.Label, side.p.Report.Rubric.ID, got, h)
		}
	}
	for _, p := range []PeriodReport{a, b} {
		if err := checkCounts(p); err != nil {
			return nil, err
		}
	}
	if ch := rubric.Diff(ra, rb); !ch.Comparable() {
		var alter rubric.Changes
		for _, c := range ch {
			if c.AltersScores {
				alter = append(alter, c)
			}
		}
		return nil, fmt.Errorf("%w: %s (version %s) and %s (version %s) differ in what makes a score:\n%s",
			ErrIncomparable, a.Label, ra.Version, b.Label, rb.Version, strings.TrimRight(alter.String(), "\n"))
	}
	return agencyChanges(a, b, nil), nil
}

// checkCounts returns an error for a report, read back from JSON, whose
// counts cannot come from records: a negative sample, or a count above it.
func checkCounts(p PeriodReport) error {
	for _, a := range p.Report.Agencies {
		for _, c := range criteriaOf(&a) {
			if m := c.Measure; m.N < 0 || m.Count < 0 || m.Count > m.N {
				return fmt.Errorf("score: Compare: report %s: agency %q: criterion %q: count %d is not within 0..n (%d)",
					p.Label, a.AgencyID, c.ID, m.Count, m.N)
			}
		}
	}
	return nil
}

// agencyChanges compares the agencies of two periods' reports, in ID
// order, criterion by criterion in the later report's rubric order;
// samples, when not nil, gives an agency's samples of a reply-time
// criterion in each period for the log-rank test.
func agencyChanges(pa, pb PeriodReport, samples func(agency string, c *CriterionScore) ([]stats.Obs, []stats.Obs)) []AgencyChange {
	var out []AgencyChange
	prev := map[string]*AgencyScore{}
	for j := range pa.Report.Agencies {
		a := &pa.Report.Agencies[j]
		prev[a.AgencyID] = a
	}
	cur := slices.Clone(pb.Report.Agencies)
	slices.SortFunc(cur, func(a, b AgencyScore) int { return strings.Compare(a.AgencyID, b.AgencyID) })
	for j := range cur {
		b := &cur[j]
		a := prev[b.AgencyID]
		if a == nil {
			continue
		}
		ch := AgencyChange{AgencyID: b.AgencyID, From: pa.Label, To: pb.Label,
			Score: delta(a.Score, b.Score), Rank: RankChange{From: a.Rank, To: b.Rank}}
		if a.Rank > 0 && b.Rank > 0 {
			d := a.Rank - b.Rank
			ch.Rank.Change = &d
		}
		before := map[string]*CriterionScore{}
		for _, x := range criteriaOf(a) {
			before[x.ID] = x
		}
		for _, y := range criteriaOf(b) {
			x := before[y.ID]
			if x == nil {
				continue // not reached: comparable standards have the same criteria
			}
			cc := CriterionChange{ID: y.ID, Metric: y.Metric,
				Value: delta(x.Measure.Value, y.Measure.Value), Points: delta(x.Points, y.Points)}
			switch testOf[y.Metric] {
			case TestNewcombe:
				cc.Test = newcombe(&x.Measure, &y.Measure)
			case TestLogRank:
				if samples != nil {
					cc.Test = logRank(samples(b.AgencyID, y))
				}
			}
			ch.Criteria = append(ch.Criteria, cc)
		}
		out = append(out, ch)
	}
	return out
}

// criteriaOf returns an agency's criteria in rubric order.
func criteriaOf(a *AgencyScore) []*CriterionScore {
	var cs []*CriterionScore
	for i := range a.Dimensions {
		for j := range a.Dimensions[i].Criteria {
			cs = append(cs, &a.Dimensions[i].Criteria[j])
		}
	}
	return cs
}

// delta returns two values and their change.
func delta(from, to *decimal.Decimal) Delta {
	d := Delta{From: from, To: to}
	if from != nil && to != nil {
		c := to.Sub(*from)
		d.Change = &c
	}
	return d
}

// newcombe tests the change of a rate from a to b.
func newcombe(a, b *Measure) *ChangeTest {
	_, lo, hi, ok := stats.Newcombe(b.Count, b.N, a.Count, a.N, stats.Z95)
	if !ok {
		return nil
	}
	return &ChangeTest{Method: TestNewcombe,
		Interval: &Interval{Low: signed(lo), High: signed(hi)}, Significant: lo > 0 || hi < 0}
}

// logRank tests the change of a reply-time curve from sample a to b.
func logRank(a, b []stats.Obs) *ChangeTest {
	r, ok := stats.LogRankTest(a, b)
	if !ok {
		return nil
	}
	x, p := decimal.NewFromFloat(r.ChiSquare).Round(divPlaces), decimal.NewFromFloat(r.P)
	return &ChangeTest{Method: TestLogRank, ChiSquare: &x, P: &p, Significant: r.P < 0.05}
}

// signed returns a number between -1 and 1 as a decimal of divPlaces
// places.
func signed(f float64) *decimal.Decimal {
	v := decimal.NewFromFloat(f).Round(divPlaces)
	return &v
}

// sample returns the observations of an agency's Kaplan-Meier sample for
// a timed criterion; nil when the agency has none.
func (a *Accumulator) sample(agencyID string, c *criterion) []stats.Obs {
	n, ok := a.b.number(agencyID)
	if !ok || a.own == nil || int(n) >= len(a.own.byNumber) || a.own.byNumber[n] == nil {
		return nil
	}
	s := &a.own.byNumber[n].samples[a.b.s.plan.slot[c.index]]
	obs := make([]stats.Obs, 0, s.Len())
	s.Each(func(t int64, event bool) { obs = append(obs, stats.Obs{Time: t, Event: event}) })
	return obs
}

// number returns the number of an agency, declared or implied.
func (b *base) number(id string) (int32, bool) {
	if n, ok := b.index[id]; ok {
		return n, true
	}
	b.mu.RLock()
	defer b.mu.RUnlock()
	if ia := b.implied[id]; ia != nil {
		return ia.number, true
	}
	return 0, false
}
