package score_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// exampleAsOf is the observation cut-off of the examples.
var exampleAsOf = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)

// exampleDataset returns two agencies with one X account each and twelve
// inquiries each, received every three days from 1 November 2025; every
// third inquiry comes from a journalist. The finance ministry answers
// everything accurately two hours later; the ports authority answers one
// inquiry in three, ten days later, and half of those answers deflect.
func exampleDataset() model.Dataset {
	ds := model.Dataset{
		Agencies: []model.Agency{
			{ID: "finance", Name: "Ministry of Finance"},
			{ID: "ports", Name: "Ports Authority"},
		},
		Channels: []model.Channel{
			{ID: "finance-x", AgencyID: "finance", Kind: model.ChannelX, Handle: "@finance", Official: true, AcceptsInquiries: true},
			{ID: "ports-x", AgencyID: "ports", Kind: model.ChannelX, Handle: "@ports", Official: true, AcceptsInquiries: true},
		},
		Staffing: []model.Staffing{
			{AgencyID: "finance", Staff: 2, WeeklyHours: decimal.NewFromInt(84)},
			{AgencyID: "ports", Staff: 1, WeeklyHours: decimal.NewFromInt(40)},
		},
	}
	start := time.Date(2025, 11, 1, 9, 0, 0, 0, time.UTC)
	for i := range 12 {
		recv := start.Add(time.Duration(i) * 72 * time.Hour)
		req := model.RequesterPublic
		if i%3 == 0 {
			req = model.RequesterMedia
		}
		ds.Inquiries = append(ds.Inquiries, model.Inquiry{
			ID: fmt.Sprintf("finance-%02d", i+1), AgencyID: "finance", ChannelID: "finance-x", Requester: req,
			ReceivedAt: recv, FirstReplyAt: recv.Add(2 * time.Hour), Accuracy: model.AccuracyAccurate,
		})
		q := model.Inquiry{ID: fmt.Sprintf("ports-%02d", i+1), AgencyID: "ports", ChannelID: "ports-x", Requester: req, ReceivedAt: recv}
		if i%3 == 1 {
			q.FirstReplyAt = recv.Add(240 * time.Hour)
			q.Accuracy = model.AccuracyAccurate
			if i%2 == 1 {
				q.Accuracy = model.AccuracyDeflection
			}
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
	return ds
}

func ExampleScorer_Score() {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: exampleAsOf, MinSample: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := sc.Score(exampleDataset())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := rep.WriteText(os.Stdout); err != nil {
		fmt.Println(err)
	}
	top := rep.Agencies[0]
	fmt.Printf("\n%s: %s (%s), rank %d\n", top.AgencyID, top.Score.StringFixed(2), top.Grade, top.Rank)
	// Output:
	// Rank  Agency               Score  Grade      Reply speed  Accuracy  Channel openness  Staffing  Flags
	// 1     Ministry of Finance  99.96  Exemplary  99.91        100.00    100.00            100.00
	// 2     Ports Authority      24.00  Silent     4.50         -         70.00             37.14     insufficient_data, reweighted, gate_failed, long_silence
	//
	// finance: 99.96 (exemplary), rank 1
}

func ExampleReport_Explain() {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: exampleAsOf, MinSample: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := sc.Score(exampleDataset())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := rep.Explain(os.Stdout, "ports"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Ports Authority [ports]
	// Score 24.00, Silent, rank 2 of 2 scored
	// 12 inquiries received by 2025-12-31T00:00:00Z; rubric govscore-default 2026.1
	//
	// Reply speed      weight 0.4 (effective 0.533333333333)                                    score 4.50  contributes 0.533333333333 × 4.50 = 2.4
	//   response_rate  33.3% (4 of 12), 95% CI 13.8%–60.9%                                      15.00 points × 0.3 = 4.5
	//   within_24h     0.0% (0 of 12 decided; 0 pending), 95% CI 0.0%–24.2%                     0.00 points × 0.25 = 0
	//   median_reply   not reached: 4 of 12 answered, 8 still unanswered, 95% CI from 240.00 h  0.00 points × 0.15 = 0
	//   p90_reply      not reached: 4 of 12 answered, 8 still unanswered                        0.00 points × 0.1 = 0
	//   long_silence   70.0% (7 of 10), 95% CI 39.7%–89.2%                                      0.00 points × 0.2 = 0
	//
	// Accuracy            weight 0.25 (effective 0)                         score -
	//   accurate_share    50.0% (credit over 4 graded replies; 2 accurate)  not used: n below 5
	//   deflection_share  50.0% (2 of 4), 95% CI 15.0%–85.0%                not used: n below 5
	//
	// Channel openness       weight 0.2 (effective 0.266666666667)  score 70.00  contributes 0.266666666667 × 70.00 = 18.6667
	//   open_channels        100.0% (1 of 1), 95% CI 20.7%–100.0%   100.00 points × 0.4 = 40
	//   broadcast_only       no (1 official channels)               100.00 points × 0.3 = 30
	//   media_response_rate  0.0% (0 of 4), 95% CI 0.0%–49.0%       0.00 points × 0.3 = 0
	//
	// Staffing             weight 0.15 (effective 0.2)                  score 37.14  contributes 0.2 × 37.14 = 7.428
	//   staff_per_channel  1.00 (1 staff / 1 open channels)             50.00 points × 0.4 = 20
	//   declared_coverage  23.8% of the week (mean of 1 open channels)  47.62 points × 0.3 = 14.286
	//   observed_presence  6.7% (4 of 60), 95% CI 2.6%–15.9%            9.52 points × 0.3 = 2.856
	//
	// Flags
	//   insufficient_data [accurate_share]: n = 4, below the minimum of 5
	//   insufficient_data [deflection_share]: n = 4, below the minimum of 5
	//   reweighted: no data for accuracy: weights spread over the other dimensions
	//   gate_failed [answers]: response_rate 0.333333333333 is below the gate's minimum of 0.5: the overall score at most 24, the grade at most silent
	//   long_silence: 7 of 12 inquiries unanswered for 30 days or more; the oldest for 59 days
}

func ExampleNew() {
	_, err := score.New(rubric.Default(), score.Options{}) // AsOf left zero
	fmt.Println(errors.Is(err, score.ErrNoAsOf))
	fmt.Println(err)
	// Output:
	// true
	// score: bad option: AsOf: no cut-off given: scoring never reads the clock
}

func ExampleReport_WriteInfluence() {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: exampleAsOf, MinSample: 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := sc.Score(exampleDataset())
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := rep.WriteInfluence(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// Criterion            Dimension         Nominal weight  Mean share  Correlation  Agencies
	// response_rate        reply_speed       0.1200          0.1200      -            2
	// within_24h           reply_speed       0.1000          0.1000      -            2
	// median_reply         reply_speed       0.0600          0.0597      -            2
	// p90_reply            reply_speed       0.0400          0.0400      -            2
	// long_silence         reply_speed       0.0800          0.0800      -            2
	// accurate_share       accuracy          0.1875          0.1876      -            1
	// deflection_share     accuracy          0.0625          0.0625      -            1
	// open_channels        channel_openness  0.0800          0.0800      -            2
	// broadcast_only       channel_openness  0.0600          0.0600      -            2
	// media_response_rate  channel_openness  0.0600          0.0600      -            2
	// staff_per_channel    staffing          0.0600          0.0600      -            2
	// declared_coverage    staffing          0.0450          0.0450      -            2
	// observed_presence    staffing          0.0450          0.0450      -            2
}

// ExampleAccumulator reads a CSV of inquiries into an accumulator, which
// keeps per agency only what the rubric needs, and reports. The file names
// each inquiry's channel by its kind alone, so its agencies and channels
// are implied: no metadata is needed.
func ExampleAccumulator() {
	const file = `id,agency_id,channel,requester,received_at,first_reply_at,accuracy
1,finance,x,public,2025-12-01T09:00:00Z,2025-12-01T09:30:00Z,accurate
2,finance,x,media,2025-12-02T09:00:00Z,2025-12-02T10:00:00Z,accurate
3,finance,email,public,2025-12-03T09:00:00Z,2025-12-03T09:20:00Z,partial
4,ports,x,public,2025-11-01T09:00:00Z,,
5,ports,x,media,2025-11-02T09:00:00Z,2025-11-20T09:00:00Z,deflection
`
	sc, err := score.New(rubric.Default(), score.Options{AsOf: exampleAsOf, MinSample: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	acc, err := sc.NewAccumulator(model.Dataset{})
	if err != nil {
		fmt.Println(err)
		return
	}
	acct, err := model.ScanInquiriesCSV(strings.NewReader(file), model.ReadOptions{File: "inquiries.csv"}, acc)
	if err != nil {
		fmt.Println(err)
		return
	}
	rep, err := acc.Report()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d rows accepted\n", acct.Accepted)
	for _, a := range rep.Agencies {
		if a.Score == nil { // too little of the standard measured: no channels or staffing declared
			for _, f := range a.Flags {
				if f.Code == score.FlagLowCoverage || f.Code == score.FlagNotScored {
					fmt.Printf("%s: no score (%s)\n", a.AgencyID, f.Code)
				}
			}
			continue
		}
		fmt.Printf("%d %s %s (%d inquiries)\n", a.Rank, a.AgencyID, a.Score, a.Inquiries)
	}
	// Output:
	// 5 rows accepted
	// 1 finance 78.92 (3 inquiries)
	// ports: no score (low_coverage)
}

// ExampleAccumulator_Merge feeds two forks of one accumulator, as two
// goroutines or two machines would, and merges them: the report is the
// one a single accumulator fed with every inquiry gives.
func ExampleAccumulator_Merge() {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: exampleAsOf})
	if err != nil {
		fmt.Println(err)
		return
	}
	ds := exampleDataset()
	whole, err := sc.Score(ds)
	if err != nil {
		fmt.Println(err)
		return
	}
	meta := ds
	meta.Inquiries = nil
	acc, err := sc.NewAccumulator(meta)
	if err != nil {
		fmt.Println(err)
		return
	}
	even, odd := acc.Fork(), acc.Fork()
	for i := range ds.Inquiries {
		fork := even
		if i%2 == 1 {
			fork = odd
		}
		if err := fork.Add(&ds.Inquiries[i]); err != nil {
			fmt.Println(err)
			return
		}
	}
	if err := errors.Join(acc.Merge(odd), acc.Merge(even)); err != nil {
		fmt.Println(err)
		return
	}
	merged, err := acc.Report()
	if err != nil {
		fmt.Println(err)
		return
	}
	a, _ := json.Marshal(whole)
	b, _ := json.Marshal(merged)
	fmt.Println("same report:", bytes.Equal(a, b))
	// Output:
	// same report: true
}

// ExampleAccumulator_Stream hands each agency's score to a function in
// rank order, without keeping the explanations of every agency.
func ExampleAccumulator_Stream() {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: exampleAsOf})
	if err != nil {
		fmt.Println(err)
		return
	}
	acc, err := sc.NewAccumulator(exampleDataset())
	if err != nil {
		fmt.Println(err)
		return
	}
	head, err := acc.Stream(func(a score.AgencyScore) error {
		fmt.Println(a.Rank, a.AgencyID, a.Score, a.Grade)
		return nil
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(head.Rubric.ID, len(head.Influence), "criteria")
	// Output:
	// 1 finance 99.96 exemplary
	// 2 ports 24 silent
	// govscore-default 13 criteria
}

// ExampleScorer_ScoreTrend scores by quarter with equal follow-up. The
// ministry's late reply to a March inquiry comes after the first
// quarter's cut-off (its end plus 30 days), so that quarter counts it as
// unanswered, as it was when the quarter was observed; the second
// quarter is provisional, observed at AsOf before its follow-up ends.
func ExampleScorer_ScoreTrend() {
	day := func(m time.Month, d int) time.Time { return time.Date(2025, m, d, 9, 0, 0, 0, time.UTC) }
	q := func(id string, recv time.Time, replyAfter time.Duration) model.Inquiry {
		return model.Inquiry{ID: id, AgencyID: "health", ChannelID: "health/x", Requester: model.RequesterPublic,
			ReceivedAt: recv, FirstReplyAt: recv.Add(replyAfter)}
	}
	ds := model.Dataset{
		Agencies: []model.Agency{{ID: "health", Name: "Ministry of Health"}},
		Channels: []model.Channel{{ID: "health/x", AgencyID: "health", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}},
		Inquiries: []model.Inquiry{
			q("1", day(1, 1), 2*time.Hour), q("2", day(2, 11), 3*time.Hour),
			q("3", day(3, 20), 45*24*time.Hour), // answered 4 May
			q("4", day(4, 8), time.Hour), q("5", day(5, 14), 2*time.Hour), q("6", day(6, 2), 30*time.Minute),
		},
	}
	sc, err := score.New(rubric.Default(), score.Options{AsOf: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), MinSample: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Quarter})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range tr.Periods {
		a := p.Report.Agencies[0]
		rate := a.Dimensions[0].Criteria[0].Measure // response_rate
		fmt.Printf("%s cut-off %s provisional %v: answered %d of %d, score %s\n",
			p.Label, p.CutOff.Format("2 Jan"), p.Provisional, rate.Count, rate.N, a.Score)
	}
	for _, c := range tr.Changes {
		for _, cc := range c.Criteria {
			if cc.ID == "response_rate" && cc.Test != nil { // no test without a sample in each quarter
				fmt.Printf("%s → %s: response rate %s → %s, 95%% interval of the change %s to %s, significant %v\n",
					c.From, c.To, cc.Value.From, cc.Value.To,
					cc.Test.Interval.Low.Round(3), cc.Test.Interval.High.Round(3), cc.Test.Significant)
			}
		}
	}
	// Output:
	// 2025Q1 cut-off 1 May provisional false: answered 2 of 3, score 56.04
	// 2025Q2 cut-off 1 Jul provisional true: answered 3 of 3, score 84
	// 2025Q1 → 2025Q2: response rate 0.666666666667 → 1, 95% interval of the change -0.291 to 0.792, significant false
}

func ExampleSafeText() {
	// An agency's name that tries to forge a line of a report, and one
	// that reverses what follows it.
	fmt.Println(score.SafeText("Ministry of Finance\n2  Ports Authority  100.00"))
	fmt.Println(score.SafeText("\u202eyrtsiniM\x00"))
	fmt.Println(score.SafeText("وزارة المالية"))
	// Output:
	// Ministry of Finance\n2  Ports Authority  100.00
	// \u202eyrtsiniM\u0000
	// وزارة المالية
}

// ExampleCompare compares two reports scored apart, as a regulator
// compares last quarter's published ranking with this quarter's: under
// the same standard, each agency's score and rank, and each rate with
// Newcombe's interval of its change.
func ExampleCompare() {
	q := func(id string, recv time.Time, reply time.Duration) model.Inquiry {
		in := model.Inquiry{ID: id, AgencyID: "health", ChannelID: "health/x", Requester: model.RequesterPublic, ReceivedAt: recv}
		if reply > 0 {
			in.FirstReplyAt = recv.Add(reply)
		}
		return in
	}
	meta := model.Dataset{
		Agencies: []model.Agency{{ID: "health", Name: "Ministry of Health"}},
		Channels: []model.Channel{{ID: "health/x", AgencyID: "health", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}},
	}
	report := func(asOf time.Time, replies ...time.Duration) score.PeriodReport {
		ds := meta
		for i, r := range replies {
			ds.Inquiries = append(ds.Inquiries, q(fmt.Sprint(i), asOf.AddDate(0, -2, i), r))
		}
		sc, _ := score.New(rubric.Default(), score.Options{AsOf: asOf, MinSample: 1})
		rep, _ := sc.Score(ds)
		return score.PeriodReport{Period: score.Period{Label: asOf.Format("2006-01")}, Report: rep}
	}
	h := time.Hour
	before := report(time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), h, 0, 0, 0, 0, 0, 0, 0, 0, 0)
	after := report(time.Date(2025, 8, 1, 0, 0, 0, 0, time.UTC), h, h, h, h, h, h, h, h, h, 0)
	changes, err := score.Compare(before, after, rubric.Default(), rubric.Default())
	if err != nil {
		fmt.Println(err)
		return
	}
	c := changes[0]
	fmt.Printf("%s, %s → %s: score %s → %s\n", c.AgencyID, c.From, c.To, c.Score.From, c.Score.To)
	rr := c.Criteria[0]
	fmt.Printf("%s %s → %s, change %s to %s, significant %v\n", rr.ID, rr.Value.From, rr.Value.To,
		rr.Test.Interval.Low.Round(3), rr.Test.Interval.High.Round(3), rr.Test.Significant)
	// Output:
	// health, 2025-05 → 2025-08: score 24 → 69.99
	// response_rate 0.1 → 0.9, change 0.37 to 0.916, significant true
}
