package score_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// trendDataset is one agency whose inquiries tell the story of equal
// follow-up, scored by quarter at AsOf 2025-07-15T00:00:00Z with 30 days
// of follow-up:
//
//   - q1: received 2025-03-31 12:00, answered 2025-05-10: after Q1's
//     cut-off (2025-05-01), so for Q1 it is unanswered, 30.5 days old.
//   - q2: received 2025-01-01 05:00, answered 07:00.
//   - q3: received 2025-06-20, answered 2025-07-10: Q2's cut-off is AsOf,
//     before the end of its follow-up (2025-07-31).
//   - q4: received 2025-07-05, not answered: Q3 ends after AsOf.
//   - q5: received 2025-08-01, after AsOf: counted in Q3's after_as_of.
var trendAsOf = time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC)

func trendDataset() model.Dataset {
	at := func(s string) time.Time {
		t, err := time.Parse(time.RFC3339, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	q := func(id, recv, reply string) model.Inquiry {
		in := model.Inquiry{ID: id, AgencyID: "a", ChannelID: "a/x", Requester: model.RequesterPublic, ReceivedAt: at(recv)}
		if reply != "" {
			in.FirstReplyAt = at(reply)
		}
		return in
	}
	return model.Dataset{
		Agencies: []model.Agency{{ID: "a", Name: "Agency A"}},
		Channels: []model.Channel{{ID: "a/x", AgencyID: "a", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}},
		Inquiries: []model.Inquiry{
			q("q1", "2025-03-31T12:00:00Z", "2025-05-10T00:00:00Z"),
			q("q2", "2025-01-01T05:00:00Z", "2025-01-01T07:00:00Z"),
			q("q3", "2025-06-20T00:00:00Z", "2025-07-10T00:00:00Z"),
			q("q4", "2025-07-05T00:00:00Z", ""),
			q("q5", "2025-08-01T00:00:00Z", ""),
		}}
}

// criterionOf returns the criterion id of the agency id in rep.
func criterionOf(t *testing.T, rep *score.Report, agency, id string) score.CriterionScore {
	t.Helper()
	for _, a := range rep.Agencies {
		if a.AgencyID != agency {
			continue
		}
		for _, d := range a.Dimensions {
			for _, c := range d.Criteria {
				if c.ID == id {
					return c
				}
			}
		}
	}
	t.Fatalf("no criterion %s of %s", id, agency)
	return score.CriterionScore{}
}

func TestTrendEqualFollowUp(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: trendAsOf, MinSample: 1})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(trendDataset(), score.Periods{Unit: score.Quarter})
	require.NoError(t, err)

	require.Len(t, tr.Periods, 3)
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	want := []score.Period{
		{Label: "2025Q1", Start: utc(2025, 1, 1), End: utc(2025, 4, 1), CutOff: utc(2025, 5, 1)},
		{Label: "2025Q2", Start: utc(2025, 4, 1), End: utc(2025, 7, 1), CutOff: trendAsOf,
			Provisional: true, Notes: []score.PeriodNote{score.NoteFollowUp}},
		{Label: "2025Q3", Start: utc(2025, 7, 1), End: utc(2025, 10, 1), CutOff: trendAsOf,
			Provisional: true, Notes: []score.PeriodNote{score.NoteFollowUp, score.NoteEndsAfterAsOf}},
	}
	for i, p := range tr.Periods {
		assert.Equal(t, want[i], p.Period, p.Label)
		assert.True(t, p.CutOff.Equal(p.Report.AsOf), "the report is made as at the cut-off")
		assert.True(t, p.Start.Equal(p.Report.Since))
	}
	assert.Equal(t, 30, tr.FollowUpDays)
	assert.Equal(t, "UTC", tr.Zone)
	assert.Zero(t, tr.Outside)

	// Q1: q1 and q2, of which only q2 answered by the cut-off, though q1
	// was answered by AsOf. Both are older than the 72-hour grace.
	rr := criterionOf(t, tr.Periods[0].Report, "a", "response_rate")
	assert.Equal(t, 2, rr.Measure.N)
	assert.Equal(t, 1, rr.Measure.Count)
	// The median of {2 h, censored at 30.5 days}: not reached.
	med := criterionOf(t, tr.Periods[0].Report, "a", "median_reply")
	assert.Equal(t, 1, med.Measure.Censored)

	// A snapshot at AsOf sees q1 answered, with q2 and q3.
	snap, err := sc.Score(trendDataset())
	require.NoError(t, err)
	assert.Equal(t, 3, criterionOf(t, snap, "a", "response_rate").Measure.Count)

	// Q2: q3 answered by its cut-off (AsOf).
	rr = criterionOf(t, tr.Periods[1].Report, "a", "response_rate")
	assert.Equal(t, 1, rr.Measure.N)
	assert.Equal(t, 1, rr.Measure.Count)
	// Q3: q4 is 10 days old, past the 72 hours' grace, and unanswered;
	// q5 came after AsOf.
	a3 := tr.Periods[2].Report.Agencies[0]
	assert.Equal(t, 1, a3.Inquiries)
	assert.Equal(t, 1, a3.AfterAsOf)
	rr = criterionOf(t, tr.Periods[2].Report, "a", "response_rate")
	assert.Equal(t, 1, rr.Measure.N)
	assert.Equal(t, 0, rr.Measure.Count)

	// The changes: Q1→Q2 and Q2→Q3 for agency a.
	require.Len(t, tr.Changes, 2)
	c := tr.Changes[0]
	assert.Equal(t, "2025Q1", c.From)
	assert.Equal(t, "2025Q2", c.To)
	var resp score.CriterionChange
	for _, cc := range c.Criteria {
		if cc.ID == "response_rate" {
			resp = cc
		}
	}
	require.NotNil(t, resp.Test)
	assert.Equal(t, score.TestNewcombe, resp.Test.Method)
	// 1/1 − 1/2 = 0.5; Newcombe's interval from Wilson(1, 1) = (0.2065,
	// 1) and Wilson(1, 2) = (0.0945, 0.9055) is 0.5 ∓ sqrt(0.7935² +
	// 0.4055²) and 0.5 + sqrt(0 + 0.4055²): (-0.3911, 0.9055), which holds
	// 0.
	assert.InDelta(t, -0.3911, resp.Test.Interval.Low.InexactFloat64(), 1e-4)
	assert.InDelta(t, 0.9055, resp.Test.Interval.High.InexactFloat64(), 1e-4)
	assert.False(t, resp.Test.Significant)
	assert.Equal(t, "0.5", resp.Value.Change.String())
}

func TestTrendLogRank(t *testing.T) {
	// The first period's replies come after 1 and 3 hours; the second's
	// after 2 hours, and one inquiry is unanswered at 3 hours, at AsOf:
	// the hand calculation of the stats package's TestLogRankByHand, in
	// hours, where chi² = 8/13.
	h := func(d time.Time, hours int) time.Time { return d.Add(time.Duration(hours) * time.Hour) }
	jan, apr := time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC), time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC)
	q := func(id string, recv time.Time, replyHours int) model.Inquiry {
		in := model.Inquiry{ID: id, AgencyID: "a", ChannelID: "a/x", Requester: model.RequesterPublic, ReceivedAt: recv}
		if replyHours > 0 {
			in.FirstReplyAt = h(recv, replyHours)
		}
		return in
	}
	ds := trendDataset()
	ds.Inquiries = []model.Inquiry{
		q("a1", jan, 1), q("a2", jan, 3),
		q("b1", apr, 2), q("b2", h(apr, 24), 0),
	}
	sc, err := score.New(rubric.Default(), score.Options{AsOf: h(apr, 27), MinSample: 1})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(ds, score.Periods{Bounds: []time.Time{jan, apr, h(apr, 48)}, FollowUpDays: 1})
	require.NoError(t, err)
	require.Len(t, tr.Periods, 2)
	require.Len(t, tr.Changes, 1)
	for _, cc := range tr.Changes[0].Criteria {
		if cc.ID != "median_reply" {
			continue
		}
		require.NotNil(t, cc.Test)
		assert.Equal(t, score.TestLogRank, cc.Test.Method)
		assert.InDelta(t, 8.0/13, cc.Test.ChiSquare.InexactFloat64(), 1e-12)
		assert.False(t, cc.Test.Significant)
		return
	}
	t.Fatal("no median_reply change")
}

func TestTrendMatchesScoringEachPeriod(t *testing.T) {
	ds := synthDataset(20_000, 12, 3)
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	require.Len(t, tr.Periods, 4)
	for _, p := range tr.Periods {
		// The period's inquiries, scored at its cut-off from its start:
		// the same report, byte for byte.
		part := ds
		part.Inquiries = nil
		for _, q := range ds.Inquiries {
			if !q.ReceivedAt.Before(p.Start) && q.ReceivedAt.Before(p.End) {
				part.Inquiries = append(part.Inquiries, q)
			}
		}
		psc, err := score.New(rubric.Default(), score.Options{AsOf: p.CutOff, Since: p.Start})
		require.NoError(t, err)
		want, err := psc.Score(part)
		require.NoError(t, err)
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(p.Report)
		if string(wb) != string(gb) {
			t.Errorf("%s: the trend's report differs from scoring the period alone", p.Label)
		}
	}
	assert.False(t, tr.Periods[2].Provisional)
	assert.Equal(t, []score.PeriodNote{score.NoteFollowUp}, tr.Periods[3].Notes)
	assert.Equal(t, "2025Q4", tr.Periods[3].Label)
}

// trendJSON scores ds by quarter, adding its inquiries to forks in
// groups drawn from seed and merging them in a shuffled order.
func trendJSON(t *testing.T, ds model.Dataset, seed uint64) []byte {
	t.Helper()
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	meta := ds
	meta.Inquiries = nil
	root, err := sc.NewTrend(meta, score.Periods{Unit: score.Month})
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(seed, 7))
	forks := make([]*score.TrendAccumulator, 1+rng.IntN(8))
	for i := range forks {
		forks[i] = root.Fork()
	}
	for i := range ds.Inquiries {
		require.NoError(t, forks[rng.IntN(len(forks))].Add(&ds.Inquiries[i]))
	}
	rng.Shuffle(len(forks), func(i, j int) { forks[i], forks[j] = forks[j], forks[i] })
	for len(forks) > 1 { // merge in random pairs
		i := rng.IntN(len(forks) - 1)
		require.NoError(t, forks[i].Merge(forks[i+1]))
		forks = append(forks[:i+1], forks[i+2:]...)
	}
	require.NoError(t, root.Merge(forks[0]))
	tr, err := root.Report()
	require.NoError(t, err)
	b, err := json.Marshal(tr)
	require.NoError(t, err)
	return b
}

func TestTrendDeterminism(t *testing.T) {
	ds := synthDataset(20_000, 15, 11)
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, Workers: 1})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Month})
	require.NoError(t, err)
	want, err := json.Marshal(tr)
	require.NoError(t, err)
	require.Len(t, tr.Periods, 12)
	for seed := range uint64(4) {
		got := trendJSON(t, shuffled(ds, seed), seed)
		if string(got) != string(want) {
			t.Errorf("seed %d: the trend from merged forks differs from the one from a single accumulator", seed)
		}
	}
}

func TestTrendBounds(t *testing.T) {
	ds := trendDataset()
	sc, err := score.New(rubric.Default(), score.Options{AsOf: trendAsOf, MinSample: 1})
	require.NoError(t, err)
	b := []time.Time{
		time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 4, 15, 0, 0, 0, 0, time.UTC),
		time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC),
	}
	tr, err := sc.ScoreTrend(ds, score.Periods{Bounds: b, Location: time.FixedZone("", 3*3600)})
	require.NoError(t, err)
	require.Len(t, tr.Periods, 2)
	assert.Equal(t, "2025-02-01T03:00:00+03:00/2025-04-15T03:00:00+03:00", tr.Periods[0].Label)
	assert.Equal(t, "2025-04-15T03:00:00+03:00/2025-06-01T03:00:00+03:00", tr.Periods[1].Label)
	// q1 falls in the first period; q2 before it; q3 and q4 in none; q5,
	// after AsOf, in none either, since no period holds AsOf.
	assert.Equal(t, 4, tr.Outside)
	assert.Equal(t, 1, tr.Periods[0].Report.Agencies[0].Inquiries)
	assert.Equal(t, []score.PeriodNote{score.NoteStartsBeforeRecords}, tr.Periods[0].Notes,
		"the records begin on 31 March, two months into the period")
	assert.Zero(t, tr.Periods[1].Report.Agencies[0].Inquiries, "a declared agency is in every period")
	require.Len(t, tr.Changes, 1)
}

func TestTrendBadPeriods(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: trendAsOf})
	require.NoError(t, err)
	d := func(m time.Month) time.Time { return time.Date(2025, m, 1, 0, 0, 0, 0, time.UTC) }
	for _, tc := range []struct {
		name string
		p    score.Periods
		msg  string
	}{
		{"nothing", score.Periods{}, "Unit: neither Unit nor Bounds is set"},
		{"both", score.Periods{Unit: score.Year, Bounds: []time.Time{d(1), d(2)}}, "Unit: set with Bounds"},
		{"unknown unit", score.Periods{Unit: "week"}, `Unit: "week" is not month, quarter or year`},
		{"one bound", score.Periods{Bounds: []time.Time{d(1)}}, "Bounds: one boundary makes no period"},
		{"out of order", score.Periods{Bounds: []time.Time{d(3), d(2)}}, "Bounds: boundary 1 (2025-02-01T00:00:00Z) is not after boundary 0"},
		{"after AsOf", score.Periods{Bounds: []time.Time{d(8), d(9)}}, "not before AsOf"},
		{"follow-up", score.Periods{Unit: score.Month, FollowUpDays: -1}, "FollowUpDays: -1 is not between 0 and 3650"},
	} {
		_, err := sc.NewTrend(model.Dataset{}, tc.p)
		require.Error(t, err, tc.name)
		assert.True(t, errors.Is(err, score.ErrPeriods), tc.name)
		assert.Contains(t, err.Error(), tc.msg, tc.name)
	}
}

func TestTrendMergeOtherTrend(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: trendAsOf})
	require.NoError(t, err)
	a, err := sc.NewTrend(model.Dataset{}, score.Periods{Unit: score.Year})
	require.NoError(t, err)
	b, err := sc.NewTrend(model.Dataset{}, score.Periods{Unit: score.Year})
	require.NoError(t, err)
	assert.ErrorIs(t, a.Merge(b), score.ErrMerge)
	assert.ErrorIs(t, a.Merge(a), score.ErrMerge)
}

func TestTrendMaxPeriods(t *testing.T) {
	// An inquiry from 1900 is further back than MaxPeriods months: it is
	// counted outside, and no period is made for it.
	ds := trendDataset()
	ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: "old", AgencyID: "a", ChannelID: "a/x",
		Requester: model.RequesterPublic, ReceivedAt: time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)})
	sc, err := score.New(rubric.Default(), score.Options{AsOf: trendAsOf})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Month})
	require.NoError(t, err)
	assert.Equal(t, 1, tr.Outside)
	assert.Equal(t, "2025-01", tr.Periods[0].Label)
	assert.Len(t, tr.Periods, 7)
}

func TestCompareReports(t *testing.T) {
	ds := synthDataset(8000, 8, 5)
	std := rubric.Default()
	sc, err := score.New(std, score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	q1, q2 := tr.Periods[0], tr.Periods[1]

	// Under the same standard: the trend's changes, but for the log-rank
	// tests, which need the samples a report does not keep.
	got, err := score.Compare(q1, q2, std, std)
	require.NoError(t, err)
	var want []score.AgencyChange
	for _, c := range tr.Changes {
		if c.From != "2025Q1" {
			continue
		}
		for i := range c.Criteria {
			if c.Criteria[i].Test != nil && c.Criteria[i].Test.Method == score.TestLogRank {
				c.Criteria[i].Test = nil
			}
		}
		want = append(want, c)
	}
	require.Len(t, want, 8)
	assert.Equal(t, want, got)

	// A new version that changes only wording is comparable.
	reworded := rubric.Default()
	reworded.Version = "2026.1"
	reworded.Dimensions[0].Title = "Speed of reply"
	sc2, err := score.New(reworded, score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	tr2, err := sc2.ScoreTrend(ds, score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	_, err = score.Compare(q1, tr2.Periods[1], std, reworded)
	require.NoError(t, err)

	// One that moves weights is not, and the error says what changed.
	reweighted := rubric.Default()
	reweighted.Version = "2026.2"
	reweighted.Dimensions[0].Criteria[0].Weight, reweighted.Dimensions[0].Criteria[1].Weight =
		reweighted.Dimensions[0].Criteria[1].Weight, reweighted.Dimensions[0].Criteria[0].Weight
	sc3, err := score.New(reweighted, score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	tr3, err := sc3.ScoreTrend(ds, score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	_, err = score.Compare(q1, tr3.Periods[1], std, reweighted)
	require.ErrorIs(t, err, score.ErrIncomparable)
	assert.Contains(t, err.Error(), `2025Q1 (version `+std.Version+`) and 2025Q2 (version 2026.2) differ in what makes a score`)
	assert.Contains(t, err.Error(), `dimension "reply_speed": criterion "response_rate": weight: 0.3 -> 0.25`)
	assert.NotContains(t, err.Error(), "version:", "wording is not listed")

	// A rubric that is not the one the report names is refused.
	_, err = score.Compare(q1, tr3.Periods[1], std, std)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the to report 2025Q2 was made under the standard")
}

func TestTrendEndsWithTheRecords(t *testing.T) {
	// Records end in June; AsOf is in July. No July period, unless an
	// inquiry arrived after AsOf, which the period that holds AsOf counts.
	ds := trendDataset()
	ds.Inquiries = ds.Inquiries[:3] // q1, q2, q3: received by 20 June
	sc, err := score.New(rubric.Default(), score.Options{AsOf: trendAsOf})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Month})
	require.NoError(t, err)
	require.Len(t, tr.Periods, 6)
	assert.Equal(t, "2025-06", tr.Periods[5].Label)

	ds = trendDataset()
	ds.Inquiries = append(ds.Inquiries[:3], ds.Inquiries[4]) // and q5, received in August
	tr, err = sc.ScoreTrend(ds, score.Periods{Unit: score.Month})
	require.NoError(t, err)
	require.Len(t, tr.Periods, 7)
	assert.Equal(t, "2025-07", tr.Periods[6].Label)
	assert.Equal(t, 1, tr.Periods[6].Report.Agencies[0].AfterAsOf)
}

func TestTrendStreamedDeterminism(t *testing.T) {
	// The same records as CSV, shuffled, read in parallel chunks with 1, 2
	// and 8 workers: the same trend, byte for byte.
	ds := synthDataset(60_000, 10, 13)
	meta := ds
	meta.Inquiries = nil
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	var want []byte
	for i, workers := range []int{1, 2, 8} {
		var b bytes.Buffer
		require.NoError(t, model.WriteInquiriesCSV(&b, shuffled(ds, uint64(i)).Inquiries))
		acc, err := sc.NewTrend(meta, score.Periods{Unit: score.Quarter})
		require.NoError(t, err)
		acct, err := model.ScanInquiriesCSV(&b, model.ReadOptions{Workers: workers}, acc)
		require.NoError(t, err)
		require.Equal(t, 60_000, acct.Accepted)
		tr, err := acc.Report()
		require.NoError(t, err)
		got, err := json.Marshal(tr)
		require.NoError(t, err)
		if want == nil {
			want = got
			continue
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%d workers: the trend differs from the one read with 1 worker", workers)
		}
	}
}

func TestMaxAgencies(t *testing.T) {
	// Two agencies at most: the inquiries of a third are rejected, on
	// agency_id, and the read goes on in lenient mode with every row
	// accounted for.
	in := "id,agency_id,channel,requester,received_at\n" +
		"1,a,x,public,2025-01-01T00:00:00Z\n2,b,x,public,2025-01-02T00:00:00Z\n" +
		"3,c,x,public,2025-01-03T00:00:00Z\n4,a,x,public,2025-01-04T00:00:00Z\n5,d,x,public,2025-01-05T00:00:00Z\n"
	sc, err := score.New(rubric.Default(), score.Options{AsOf: trendAsOf, MaxAgencies: 2})
	require.NoError(t, err)
	acc, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	acct, err := model.ScanInquiriesCSV(strings.NewReader(in), model.ReadOptions{Lenient: true}, acc)
	require.NoError(t, err)
	assert.Equal(t, 5, acct.Read)
	assert.Equal(t, 3, acct.Accepted)
	require.Len(t, acct.Rejected, 2)
	assert.EqualError(t, acct.Rejected[0], `<input>:4: field "agency_id": score: too many agencies: more than MaxAgencies (2), declared and implied`)
	assert.ErrorIs(t, acct.Rejected[1], score.ErrTooManyAgencies)
	rep, err := acc.Report()
	require.NoError(t, err)
	assert.Len(t, rep.Agencies, 2)

	// Declared agencies count too.
	_, err = sc.NewAccumulator(model.Dataset{Agencies: []model.Agency{{ID: "a"}, {ID: "b"}, {ID: "c"}}})
	assert.ErrorIs(t, err, score.ErrTooManyAgencies)
	_, err = score.New(rubric.Default(), score.Options{AsOf: trendAsOf, MaxAgencies: -1})
	assert.ErrorIs(t, err, score.ErrOptions)
}

func TestTrendReceiptAtAsOfOnABoundary(t *testing.T) {
	// AsOf is the first instant of a quarter, and an inquiry is received
	// at that very instant: it is received by AsOf, so it is scored, in the
	// period that holds AsOf's last instant, and no period starting at
	// AsOf appears.
	asOf := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	ds := trendDataset()
	ds.Inquiries = []model.Inquiry{
		{ID: "1", AgencyID: "a", ChannelID: "a/x", Requester: model.RequesterPublic, ReceivedAt: time.Date(2025, 1, 1, 1, 0, 0, 0, time.UTC)},
		{ID: "2", AgencyID: "a", ChannelID: "a/x", Requester: model.RequesterPublic, ReceivedAt: asOf},
	}
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf, MinSample: 1})
	require.NoError(t, err)
	jan, jul := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for _, p := range []score.Periods{{Unit: score.Quarter}, {Bounds: []time.Time{jan, asOf, jul}}} {
		tr, err := sc.ScoreTrend(ds, p)
		require.NoError(t, err)
		require.Len(t, tr.Periods, 1, "%+v", p)
		assert.Zero(t, tr.Outside)
		assert.Equal(t, 2, tr.Periods[0].Report.Agencies[0].Inquiries, "%+v", p)

		only := ds
		only.Inquiries = ds.Inquiries[1:]
		tr, err = sc.ScoreTrend(only, p)
		require.NoError(t, err)
		require.Len(t, tr.Periods, 1, "%+v", p)
		assert.True(t, tr.Periods[0].Start.Before(asOf), "the period that holds AsOf's last instant, not one starting at AsOf")
		assert.Equal(t, 1, tr.Periods[0].Report.Agencies[0].Inquiries)
	}
}

func TestCompareRefusesImpossibleCounts(t *testing.T) {
	// A report edited by hand, or corrupted, with more answered than
	// asked: an error naming the place, not a panic.
	ds := synthDataset(3000, 3, 5)
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	q1, q2 := tr.Periods[0], tr.Periods[1]
	m := &q2.Report.Agencies[0].Dimensions[0].Criteria[0].Measure
	m.Count = 3 * m.N
	_, err = score.Compare(q1, q2, rubric.Default(), rubric.Default())
	require.Error(t, err)
	assert.Contains(t, err.Error(), `report 2025Q2: agency "`+q2.Report.Agencies[0].AgencyID+`": criterion "response_rate": count`)
}

func TestTrendMaxAgenciesAcrossPeriods(t *testing.T) {
	// Two implied agencies at most in the whole trend: one in January and
	// one in February fill it, and March's new agency is refused.
	in := "id,agency_id,channel,requester,received_at\n" +
		"1,a,x,public,2025-01-05T00:00:00Z\n2,b,x,public,2025-02-05T00:00:00Z\n3,c,x,public,2025-03-05T00:00:00Z\n4,a,x,public,2025-03-06T00:00:00Z\n"
	sc, err := score.New(rubric.Default(), score.Options{AsOf: trendAsOf, MaxAgencies: 2})
	require.NoError(t, err)
	acc, err := sc.NewTrend(model.Dataset{}, score.Periods{Unit: score.Month})
	require.NoError(t, err)
	acct, err := model.ScanInquiriesCSV(strings.NewReader(in), model.ReadOptions{Lenient: true, Workers: 1}, acc)
	require.NoError(t, err)
	require.Len(t, acct.Rejected, 2, "c, and a again in a third period")
	assert.ErrorIs(t, acct.Rejected[0], score.ErrTooManyAgencies)
	assert.Equal(t, 2, acct.Accepted)
}
