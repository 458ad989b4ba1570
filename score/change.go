package score

import (
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
	// within_target_rate, long_silence_share, accurate_share,
	// deflection_share): the 95% interval of the difference of the two
	// periods' proportions, To − From, by Newcombe's hybrid score method
	// from their Wilson intervals. The change is significant when the
	// interval leaves out 0.
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
	rubric.AccurateShare:            TestNewcombe,
	rubric.DeflectionShare:          TestNewcombe,
	rubric.ReplyTimeQuantile:        TestLogRank,
	rubric.ReplyTimeRestrictedMean:  TestLogRank,
	rubric.EventualNonresponseShare: TestLogRank,
}

// changes compares each pair of consecutive periods.
func (t *TrendAccumulator) changes(accs []*Accumulator, ps []PeriodReport) []AgencyChange {
	out := []AgencyChange{}
	for i := 1; i < len(ps); i++ {
		prev := map[string]*AgencyScore{}
		for j := range ps[i-1].Report.Agencies {
			a := &ps[i-1].Report.Agencies[j]
			prev[a.AgencyID] = a
		}
		cur := slices.Clone(ps[i].Report.Agencies)
		slices.SortFunc(cur, func(a, b AgencyScore) int { return strings.Compare(a.AgencyID, b.AgencyID) })
		for j := range cur {
			b := &cur[j]
			a := prev[b.AgencyID]
			if a == nil {
				continue
			}
			ch := AgencyChange{AgencyID: b.AgencyID, From: ps[i-1].Label, To: ps[i].Label,
				Score: delta(a.Score, b.Score), Rank: RankChange{From: a.Rank, To: b.Rank}}
			if a.Rank > 0 && b.Rank > 0 {
				d := a.Rank - b.Rank
				ch.Rank.Change = &d
			}
			ca, cb := criteriaOf(a), criteriaOf(b)
			if len(ca) != len(t.t.s.criteria) || len(cb) != len(ca) {
				continue // not reached: every report lists every criterion
			}
			for k, c := range t.t.s.criteria {
				x, y := ca[k], cb[k]
				cc := CriterionChange{ID: string(c.ID), Metric: c.Metric,
					Value: delta(x.Measure.Value, y.Measure.Value), Points: delta(x.Points, y.Points)}
				switch testOf[c.Metric] {
				case TestNewcombe:
					cc.Test = newcombe(&x.Measure, &y.Measure)
				case TestLogRank:
					cc.Test = logRank(accs[i-1].sample(a.AgencyID, &c), accs[i].sample(b.AgencyID, &c))
				}
				ch.Criteria = append(ch.Criteria, cc)
			}
			out = append(out, ch)
		}
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
