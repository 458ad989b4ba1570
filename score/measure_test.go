package score_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

var asOf = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// row is one inquiry of a fixture: received ageH hours before asOf, first
// reply delayH hours after receipt (negative: none).
type row struct {
	ageH, delayH float64
	requester    model.Requester
	grade        model.Accuracy
}

func hours(h float64) time.Duration { return time.Duration(h * float64(time.Hour)) }

// fixture is the dataset every metric test below works out by hand:
//
//	#  age   reply after  state at asOf            requester  grade
//	1  100h  2h           answered                 media      accurate
//	2  100h  30h          answered                 public     partial
//	3   50h  -            unanswered (censored 50)  media      -
//	4   10h  -            unanswered (censored 10)  public     -
//	5    5h  1h           answered                 public     deflection
//	6  800h  750h         answered                 public     inaccurate
//	7 1000h  -            unanswered (censored 1000) media     -
//	8   30h  40h          reply after asOf: censored 30  public  accurate (ignored)
//	9   -5h  -            received after asOf: not scored
var fixture = []row{
	{100, 2, model.RequesterMedia, model.AccuracyAccurate},
	{100, 30, model.RequesterPublic, model.AccuracyPartial},
	{50, -1, model.RequesterMedia, ""},
	{10, -1, model.RequesterPublic, ""},
	{5, 1, model.RequesterPublic, model.AccuracyDeflection},
	{800, 750, model.RequesterPublic, model.AccuracyInaccurate},
	{1000, -1, model.RequesterMedia, ""},
	{30, 40, model.RequesterPublic, model.AccuracyAccurate},
	{-5, -1, model.RequesterPublic, ""},
}

func dataset(rows []row) model.Dataset {
	ds := model.Dataset{
		Agencies: []model.Agency{{ID: "a"}},
		Channels: []model.Channel{{ID: "a-x", AgencyID: "a", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}},
	}
	for i, r := range rows {
		q := model.Inquiry{
			ID: string(rune('a' + i)), AgencyID: "a", ChannelID: "a-x", Requester: r.requester,
			ReceivedAt: asOf.Add(-hours(r.ageH)),
		}
		if r.delayH >= 0 {
			q.FirstReplyAt = q.ReceivedAt.Add(hours(r.delayH))
			q.Accuracy = r.grade
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
	return ds
}

func ptr(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// oneCriterion returns a rubric with a single criterion c on a 0..1
// goalposts scale (unless c has its own scale).
func oneCriterion(c rubric.Criterion) rubric.Rubric {
	if c.Scale.Kind == "" {
		c.Scale = rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}
	}
	c.ID, c.Weight = "c", decimal.NewFromInt(1)
	return rubric.Rubric{
		ID: "test", Version: "1",
		Dimensions: []rubric.Dimension{{ID: "d", Weight: decimal.NewFromInt(1), Criteria: []rubric.Criterion{c}}},
		Grades:     rubric.DefaultGrades(),
	}
}

// measure scores ds under a one-criterion rubric and returns the criterion's
// result for agency "a".
func measure(t *testing.T, c rubric.Criterion, ds model.Dataset, opts score.Options) score.CriterionScore {
	t.Helper()
	if opts.AsOf.IsZero() {
		opts.AsOf = asOf
	}
	if opts.MinSample == 0 {
		opts.MinSample = 1
	}
	sc, err := score.New(oneCriterion(c), opts)
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	for _, a := range rep.Agencies {
		if a.AgencyID == "a" {
			return a.Dimensions[0].Criteria[0]
		}
	}
	t.Fatal("agency a not in report")
	return score.CriterionScore{}
}

func TestMetrics(t *testing.T) {
	media := &rubric.Filter{Requesters: []model.Requester{model.RequesterMedia}}
	tests := []struct {
		name      string
		criterion rubric.Criterion
		want      string // measure value; "" for none
		n, count  int
		censored  int
		pending   int
		reached   bool
	}{
		// Eligible: rows 1-8 (row 9 is after asOf). Answered: 1, 2, 5, 6.
		{"response rate", rubric.Criterion{Metric: rubric.ResponseRate}, "0.5", 8, 4, 0, 0, true},
		// Grace 72h: rows 1, 2, 6, 7 are old enough; 1, 2, 6 answered.
		{"response rate with grace", rubric.Criterion{Metric: rubric.ResponseRate, Params: rubric.Params{GraceHours: ptr("72")}}, "0.75", 4, 3, 0, 0, true},
		// Media rows 1, 3, 7; only 1 answered: 1/3 at 12 places.
		{"response rate, media only", rubric.Criterion{Metric: rubric.ResponseRate, Filter: media}, "0.333333333333", 3, 1, 0, 0, true},
		// Target 24h. Met: 1 (2h), 5 (1h). Breached: 2 (30h), 6 (750h),
		// 3 (50h old), 7 (1000h old), 8 (30h old, its reply comes after
		// asOf). Pending: 4 (10h old). 2/7 = 0.2857142857142857.
		{"within target", rubric.Criterion{Metric: rubric.WithinTargetRate, Params: rubric.Params{TargetHours: ptr("24")}}, "0.285714285714", 7, 2, 0, 1, true},
		// Silence 1 day. Eligible (at least 24h old): 1, 2, 3, 6, 7, 8.
		// Silent (no reply within 24h): 2, 3, 6, 7, 8. 5/6.
		{"long silence", rubric.Criterion{Metric: rubric.LongSilenceShare, Params: rubric.Params{SilenceDays: ptr("1")}}, "0.833333333333", 6, 5, 0, 0, true},
		// Default 30 days = 720h. Eligible: 6 (800h), 7 (1000h); both silent.
		{"long silence, default 30 days", rubric.Criterion{Metric: rubric.LongSilenceShare}, "1", 2, 2, 0, 0, true},
		// Kaplan-Meier over times in hours, E event, C censored:
		//   1E 2E 10C 30E 30C 50C 750E 1000C
		// S(1) = 7/8 = 0.875; S(2) = 0.875*6/7 = 0.75; at 30, 5 at risk:
		// S(30) = 0.75*4/5 = 0.6; at 750, 2 at risk: S(750) = 0.3.
		// Median: first t with S <= 0.5 is 750.
		{"median reply time", rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.5")}}, "750", 8, 4, 4, 0, true},
		// 0.25-quantile: S = 0.75 exactly from 2h until the next fall at
		// 30h, so the midpoint, 16h.
		{"quartile on a flat step", rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.25")}}, "16", 8, 4, 4, 0, true},
		// 0.9-quantile: S never falls to 0.1.
		{"p90 not reached", rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.9")}}, "", 8, 4, 4, 0, false},
		// Restricted to 40h: the area under S, 1*1 (0-1h) + 0.875*1 (1-2h)
		// + 0.75*28 (2-30h) + 0.6*10 (30-40h) = 28.875 hours.
		{"restricted mean", rubric.Criterion{Metric: rubric.ReplyTimeRestrictedMean, Params: rubric.Params{HorizonHours: ptr("40")},
			Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("40"), Best: ptr("0")}}, "28.875", 8, 4, 4, 0, true},
		// The plateau: S after the last reply (750h), 0.3.
		{"eventual non-response", rubric.Criterion{Metric: rubric.EventualNonresponseShare,
			Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("1"), Best: ptr("0")}}, "0.3", 8, 4, 4, 0, true},
		// Graded replies by asOf: 1 accurate, 2 partial, 5 deflection,
		// 6 inaccurate (8's reply comes after asOf). (1 + 0.5) / 4.
		{"accurate share", rubric.Criterion{Metric: rubric.AccurateShare}, "0.375", 4, 1, 0, 0, true},
		// Partial credit 0.25: (1 + 0.25) / 4.
		{"accurate share, own credits", rubric.Criterion{Metric: rubric.AccurateShare, Params: rubric.Params{Credits: &rubric.Credits{Partial: ptr("0.25")}}}, "0.3125", 4, 1, 0, 0, true},
		{"deflection share", rubric.Criterion{Metric: rubric.DeflectionShare, Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("1"), Best: ptr("0")}}, "0.25", 4, 1, 0, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := measure(t, tt.criterion, dataset(fixture), score.Options{})
			m := got.Measure
			if tt.want == "" {
				assert.Nil(t, m.Value, "Value")
			} else if assert.NotNil(t, m.Value, "Value") {
				assert.True(t, m.Value.Equal(decimal.RequireFromString(tt.want)), "Value = %s, want %s", m.Value, tt.want)
			}
			assert.Equal(t, tt.n, m.N, "N")
			assert.Equal(t, tt.count, m.Count, "Count")
			assert.Equal(t, tt.censored, m.Censored, "Censored")
			assert.Equal(t, tt.pending, m.Pending, "Pending")
			assert.Equal(t, !tt.reached, m.NotReached, "NotReached")
		})
	}
}

func TestNotReachedScoresWorstPoints(t *testing.T) {
	// Nobody answered: the median is not reached, whatever the scale.
	silent := []row{{100, -1, "", ""}, {200, -1, "", ""}, {300, -1, "", ""}}
	bands := rubric.Scale{Kind: rubric.Bands, Bands: []rubric.Band{
		{Max: ptr("24"), Points: decimal.NewFromInt(100)},
		{Max: ptr("72"), Points: decimal.NewFromInt(50)},
		{Points: decimal.NewFromInt(10)},
	}}
	for _, tc := range []struct {
		name  string
		scale rubric.Scale
		want  string
	}{
		{"goalposts", rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("168"), Best: ptr("1")}, "0"},
		{"bands", bands, "10"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.5")}, Scale: tc.scale}
			got := measure(t, c, dataset(silent), score.Options{})
			assert.True(t, got.Measure.NotReached, "NotReached")
			assert.Nil(t, got.Measure.Value)
			require.NotNil(t, got.Points)
			assert.True(t, got.Points.Equal(decimal.RequireFromString(tc.want)), "Points = %s, want %s", got.Points, tc.want)
		})
	}
}

func TestChannelAndStaffingMetrics(t *testing.T) {
	ds := dataset(fixture[:2])
	ds.Channels = []model.Channel{
		{ID: "a-x", AgencyID: "a", Kind: model.ChannelX, Official: true, AcceptsInquiries: true},
		{ID: "a-fb", AgencyID: "a", Kind: model.ChannelFacebook, Official: true, BroadcastOnly: true},
		{ID: "a-ig", AgencyID: "a", Kind: model.ChannelInstagram, AcceptsInquiries: true},       // not official
		{ID: "a/email", AgencyID: "a", Kind: model.ChannelEmail, Implied: true, Official: true}, // implied: not counted
	}
	ds.Staffing = []model.Staffing{
		{AgencyID: "a", Staff: 2, WeeklyHours: decimal.NewFromInt(40)},
		{AgencyID: "a", ChannelID: "a-x", Staff: 1, WeeklyHours: decimal.NewFromInt(100)},
		{AgencyID: "a", Staff: 5, WeeklyHours: decimal.NewFromInt(168), To: asOf.Add(-time.Hour)}, // ended before asOf
	}
	tests := []struct {
		name   string
		metric rubric.Metric
		scale  rubric.Scale
		want   string
		n      int
	}{
		// Official, declared: a-x (open), a-fb (broadcast-only). 1/2.
		{"open channel share", rubric.OpenChannelShare, rubric.Scale{}, "0.5", 2},
		{"broadcast only", rubric.BroadcastOnly, rubric.Scale{Kind: rubric.Boolean, TruePoints: ptr("0"), FalsePoints: ptr("100")}, "1", 2},
		// Active at asOf: 2 + 1 staff over 1 open channel.
		{"staff per open channel", rubric.StaffPerOpenChannel, rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("2")}, "3", 1},
		// a-x: max(40, 100) hours of 168 = 0.595238095238...
		{"declared coverage", rubric.DeclaredCoverage, rubric.Scale{}, "0.595238095238", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := measure(t, rubric.Criterion{Metric: tt.metric, Scale: tt.scale}, ds, score.Options{})
			require.NotNil(t, got.Measure.Value)
			assert.True(t, got.Measure.Value.Equal(decimal.RequireFromString(tt.want)), "Value = %s, want %s", got.Measure.Value, tt.want)
			assert.Equal(t, tt.n, got.Measure.N, "N")
		})
	}

	t.Run("no staffing declared is no data, not zero", func(t *testing.T) {
		ds := ds
		ds.Staffing = nil
		got := measure(t, rubric.Criterion{Metric: rubric.StaffPerOpenChannel, Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("2")}}, ds, score.Options{})
		assert.Equal(t, score.StatusNoData, got.Status)
		assert.Nil(t, got.Points)
	})
}

func TestObservedPresence(t *testing.T) {
	day := func(d int, h float64, loc *time.Location) time.Time {
		return time.Date(2025, 12, 26+d, 0, 0, 0, 0, loc).Add(hours(h))
	}
	tests := []struct {
		name     string
		zone     string
		recv     []time.Time
		reply    []time.Time // zero: unanswered
		n, count int
	}{
		{
			// Period: 5 days, Dec 27-31 UTC. Inquiry A waits Dec 27-29 and is
			// answered on the 29th; B arrives on the 31st and waits. Days
			// with work waiting: 27, 28, 29, 31; with a reply: 29. 1/4.
			name: "utc", zone: "UTC",
			recv:  []time.Time{day(1, 10, time.UTC), day(5, 8, time.UTC)},
			reply: []time.Time{day(3, 9, time.UTC), {}},
			n:     4, count: 1,
		},
		{
			// In Riyadh (UTC+3) 20:00Z on the 27th is 23:00 local, and the
			// reply at 21:30Z is 00:30 on the 28th: two waiting days, one
			// with a reply. In UTC both would fall on the 27th.
			name: "riyadh", zone: "Asia/Riyadh",
			recv:  []time.Time{day(1, 20, time.UTC)},
			reply: []time.Time{day(1, 21.5, time.UTC)},
			n:     2, count: 1,
		},
		{
			name: "utc, same inquiry", zone: "UTC",
			recv:  []time.Time{day(1, 20, time.UTC)},
			reply: []time.Time{day(1, 21.5, time.UTC)},
			n:     1, count: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds := dataset(nil)
			ds.Agencies[0].TimeZone = tt.zone
			for i := range tt.recv {
				ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: string(rune('a' + i)), AgencyID: "a", ChannelID: "a-x",
					ReceivedAt: tt.recv[i], FirstReplyAt: tt.reply[i]})
			}
			opts := score.Options{Since: day(1, 0, time.UTC), AsOf: day(6, 0, time.UTC)}
			got := measure(t, rubric.Criterion{Metric: rubric.ObservedPresence}, ds, opts)
			assert.Equal(t, tt.n, got.Measure.N, "N")
			assert.Equal(t, tt.count, got.Measure.Count, "Count")
		})
	}
}

func TestPoints(t *testing.T) {
	// Response rate 0.5 (fixture) on several scales.
	tests := []struct {
		name  string
		scale rubric.Scale
		want  string
	}{
		// (0.5 - 0.2) / (0.95 - 0.2) * 100 = 40
		{"goalposts", rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0.2"), Best: ptr("0.95")}, "40"},
		// (0.5 - 0) / (0.6 - 0) * 100 = 83.333... -> 83.33
		{"goalposts rounds to 2 places", rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("0.6")}, "83.33"},
		// (0.5 - 0.9) / (0.3 - 0.9) * 100 = 66.666... -> 66.67 (half away from zero)
		{"goalposts, less is better", rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0.9"), Best: ptr("0.3")}, "66.67"},
		{"clamped above", rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("0.4")}, "100"},
		{"clamped below", rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0.6"), Best: ptr("0.9")}, "0"},
		{"bands, first match", rubric.Scale{Kind: rubric.Bands, Bands: []rubric.Band{
			{Min: ptr("0.9"), Points: decimal.NewFromInt(100)},
			{Min: ptr("0.5"), Points: decimal.NewFromInt(70)}, // 0.5 >= 0.5
			{Points: decimal.NewFromInt(0)},
		}}, "70"},
		{"bands, fallback", rubric.Scale{Kind: rubric.Bands, Bands: []rubric.Band{
			{Min: ptr("0.6"), Max: ptr("0.9"), Points: decimal.NewFromInt(100)},
			{Points: decimal.RequireFromString("12.5")},
		}}, "12.5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := measure(t, rubric.Criterion{Metric: rubric.ResponseRate, Scale: tt.scale}, dataset(fixture), score.Options{})
			require.NotNil(t, got.Points)
			assert.True(t, got.Points.Equal(decimal.RequireFromString(tt.want)), "Points = %s, want %s", got.Points, tt.want)
		})
	}
}

func TestDeflectionsAndDueTimes(t *testing.T) {
	// #  age   first reply          resolved  due
	// 1  100h  2h, deflection       50h       -
	// 2  100h  1h, deflection       -         -
	// 3  100h  3h, accurate         -         -
	// 4   10h  -                    -         5h (passed: breached)
	// 5   10h  -                    -         48h (ahead: pending)
	// 6  100h  30h, accurate        -         36h
	ds := dataset(nil)
	add := func(id string, ageH, replyH float64, grade model.Accuracy, resolvedH, dueH float64) {
		q := model.Inquiry{ID: id, AgencyID: "a", ChannelID: "a-x", ReceivedAt: asOf.Add(-hours(ageH))}
		if replyH >= 0 {
			q.FirstReplyAt, q.Accuracy = q.ReceivedAt.Add(hours(replyH)), grade
		}
		if resolvedH >= 0 {
			q.ResolvedAt = q.ReceivedAt.Add(hours(resolvedH))
		}
		if dueH >= 0 {
			q.DueAt = q.ReceivedAt.Add(hours(dueH))
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
	add("1", 100, 2, model.AccuracyDeflection, 50, -1)
	add("2", 100, 1, model.AccuracyDeflection, -1, -1)
	add("3", 100, 3, model.AccuracyAccurate, -1, -1)
	add("4", 10, -1, "", -1, 5)
	add("5", 10, -1, "", -1, 48)
	add("6", 100, 30, model.AccuracyAccurate, -1, 36)

	target := rubric.Params{TargetHours: ptr("24")}
	withDue, refusing := target, target
	withDue.UseDue = true
	refusing.RefuseDeflections = true
	tests := []struct {
		name              string
		c                 rubric.Criterion
		want              string
		n, count, pending int
	}{
		// Answered: 1, 2, 3, 6.
		{"response rate", rubric.Criterion{Metric: rubric.ResponseRate}, "0.666666666667", 6, 4, 0},
		// Deflections refused: 1 counts from its resolution, 2 is unanswered.
		{"response rate, deflections refused", rubric.Criterion{Metric: rubric.ResponseRate, Params: rubric.Params{RefuseDeflections: true}}, "0.5", 6, 3, 0},
		// 24h: 1, 2, 3 met; 6 breached (30h); 4, 5 pending (10h old).
		{"within 24h", rubric.Criterion{Metric: rubric.WithinTargetRate, Params: target}, "0.75", 4, 3, 2},
		// Own due times: 4 breached (due 5h, 10h old), 5 pending (due in
		// 48h), 6 met (30h <= 36h); 1, 2, 3 have none and keep 24h.
		{"within target, own due times", rubric.Criterion{Metric: rubric.WithinTargetRate, Params: withDue}, "0.8", 5, 4, 1},
		// Refused: 1 answered at 50h (breached), 2 unanswered (breached),
		// 3 met, 6 breached; 4, 5 pending.
		{"within 24h, deflections refused", rubric.Criterion{Metric: rubric.WithinTargetRate, Params: refusing}, "0.25", 4, 1, 2},
		// Events 1h, 2h, 3h, 30h; censored 10h, 10h. S(3) = 3/6 = 0.5 until
		// the next fall at 30h: median (3 + 30)/2 = 16.5h.
		{"median", rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.5")}}, "16.5", 6, 4, 0},
		// Refused: events 3h, 30h, 50h; censored 10h, 10h, 100h.
		// S(3) = 5/6; 3 at risk at 30h: S = 5/6 * 2/3 = 0.5556; 2 at risk at
		// 50h: S = 0.2778. Median 50h.
		{"median, deflections refused", rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.5"), RefuseDeflections: true}}, "50", 6, 3, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := measure(t, tt.c, ds, score.Options{}).Measure
			require.NotNil(t, m.Value, "Value")
			assert.True(t, m.Value.Equal(decimal.RequireFromString(tt.want)), "Value = %s, want %s", m.Value, tt.want)
			assert.Equal(t, tt.n, m.N, "N")
			assert.Equal(t, tt.count, m.Count, "Count")
			assert.Equal(t, tt.pending, m.Pending, "Pending")
		})
	}
}
