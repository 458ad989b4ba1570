package score_test

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// pattern builds an agency whose inquiries arrive every 12 hours over the
// n*12 hours before asOf-72h; answered(i) says after how long inquiry i is
// answered (negative: never). Replies are graded accurate.
func pattern(ds *model.Dataset, id string, n int, answered func(i int) time.Duration) {
	ds.Agencies = append(ds.Agencies, model.Agency{ID: id})
	ds.Channels = append(ds.Channels, model.Channel{ID: id + "-x", AgencyID: id, Kind: model.ChannelX, Official: true, AcceptsInquiries: true})
	ds.Staffing = append(ds.Staffing, model.Staffing{AgencyID: id, Staff: 2, WeeklyHours: decimal.NewFromInt(40)})
	for i := range n {
		q := model.Inquiry{ID: fmt.Sprintf("%s-%d", id, i), AgencyID: id, ChannelID: id + "-x",
			ReceivedAt: asOf.Add(-72*time.Hour - time.Duration(i)*12*time.Hour)}
		if d := answered(i); d >= 0 {
			q.FirstReplyAt = q.ReceivedAt.Add(d)
			q.Accuracy = model.AccuracyAccurate
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
}

// Silence is never rewarded: answering a tenth of inquiries within the hour
// and ignoring the rest must never outrank answering nine in ten within two
// days, whatever the volume.
func TestSilenceIsNeverRewarded(t *testing.T) {
	for _, n := range []int{20, 50, 200, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var ds model.Dataset
			pattern(&ds, "fast-few", n, func(i int) time.Duration {
				if i%10 == 0 {
					return 50 * time.Minute
				}
				return -1
			})
			pattern(&ds, "slow-most", n, func(i int) time.Duration {
				if i%10 == 9 {
					return -1
				}
				return 47 * time.Hour
			})
			sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
			require.NoError(t, err)
			rep, err := sc.Score(ds)
			require.NoError(t, err)
			fast, slow := agency(t, rep, "fast-few"), agency(t, rep, "slow-most")
			require.NotNil(t, fast.Score)
			require.NotNil(t, slow.Score)
			assert.True(t, slow.Score.GreaterThan(*fast.Score), "n=%d: 90%% in two days scores %s, 10%% in an hour %s", n, slow.Score, fast.Score)
			assert.Less(t, slow.Rank, fast.Rank)

			// The fast-but-few agency's median and p90 are not reached:
			// scored as the worst points once observed as long as the worst
			// goalpost (168 hours for the median, 720 for p90; the oldest
			// inquiry is 72 + 12(n-1) hours old), insufficient before;
			// never as a number.
			worst := map[string]string{"median_reply": "168", "p90_reply": "720"}
			for _, c := range fast.Dimensions[0].Criteria {
				if c.Metric != rubric.ReplyTimeQuantile {
					continue
				}
				assert.True(t, c.Measure.NotReached, "%s not reached", c.ID)
				assert.Nil(t, c.Measure.Value, "%s value", c.ID)
				assertDec(t, c.Measure.Observed, fmt.Sprint(72+12*(n-1)), c.ID+" observed")
				if c.Measure.Observed.LessThan(decimal.RequireFromString(worst[c.ID])) {
					assert.Equal(t, score.StatusInsufficient, c.Status, c.ID)
					assert.Nil(t, c.Points, c.ID+" points")
				} else {
					assertDec(t, c.Points, "0", c.ID+" points")
				}
			}
		})
	}
}

func TestNeverAnsweringIsNotReached(t *testing.T) {
	var ds model.Dataset
	pattern(&ds, "mute", 30, func(int) time.Duration { return -1 })
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	mute := agency(t, rep, "mute")
	speed := mute.Dimensions[0]
	assertDec(t, speed.Score, "0", "reply speed")
	for _, c := range speed.Criteria {
		if c.Metric == rubric.ReplyTimeQuantile {
			assert.True(t, c.Measure.NotReached, "%s not reached", c.ID)
			assert.Equal(t, 30, c.Measure.Censored, "%s censored", c.ID)
		}
	}
	// Its declared open channel and staff still earn openness and staffing
	// points; it must not climb above the Unresponsive band on them.
	assert.Contains(t, []string{"unresponsive", "silent"}, mute.Grade)
}

// TestLongSilenceFlagFollowsTheStandard checks that the long_silence flag
// uses the standard's own silence threshold: the strict standard counts a
// silence after 14 days, so an inquiry unanswered for 20 days raises the
// flag, with 14 in its text, whatever Options.LongSilenceDays says; a
// standard without a silence criterion uses the option.
func TestLongSilenceFlagFollowsTheStandard(t *testing.T) {
	var ds model.Dataset
	pattern(&ds, "a", 12, func(int) time.Duration { return time.Hour })
	ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: "a-old", AgencyID: "a", ChannelID: "a-x",
		ReceivedAt: asOf.Add(-20 * 24 * time.Hour)})
	noSilence := twoDimensions()
	for _, tt := range []struct {
		name string
		r    rubric.Rubric
		days int
		want string // the flag's detail; "" for no flag
	}{
		{"strict: 14 days", rubric.Strict(), 0, "1 of 13 inquiries unanswered for 14 days or more; the oldest for 20 days"},
		{"strict, option ignored", rubric.Strict(), 60, "1 of 13 inquiries unanswered for 14 days or more; the oldest for 20 days"},
		{"default: 30 days", rubric.Default(), 10, ""},
		{"no silence criterion: the option", noSilence, 10, "1 of 13 inquiries unanswered for 10 days or more; the oldest for 20 days"},
		{"no silence criterion: its default", noSilence, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := score.New(tt.r, score.Options{AsOf: asOf, LongSilenceDays: tt.days, MinSample: 1})
			require.NoError(t, err)
			rep, err := sc.Score(ds)
			require.NoError(t, err)
			got := ""
			for _, f := range agency(t, rep, "a").Flags {
				if f.Code == score.FlagLongSilence {
					got = f.Detail
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

// TestYoungSilence checks the boundary of a quantile not reached (issue
// 14, finding 1): twelve inquiries none of which is answered are scored
// the worst points for the median once the oldest has waited the worst
// goalpost's 168 hours, and are insufficient, flagged and scored neither
// 0 nor 100, a second before; the same inquiries answered after 3 hours
// score the median as a number.
func TestYoungSilence(t *testing.T) {
	median := rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.5")},
		Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("168"), Best: ptr("1")}}
	inquiries := func(age time.Duration, reply time.Duration) model.Dataset {
		ds := model.Dataset{Agencies: []model.Agency{{ID: "a"}},
			Channels: []model.Channel{{ID: "a-x", AgencyID: "a", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}}}
		for i := range 12 {
			q := model.Inquiry{ID: fmt.Sprint(i), AgencyID: "a", ChannelID: "a-x", ReceivedAt: asOf.Add(-age + time.Duration(i)*time.Minute)}
			if reply >= 0 {
				q.FirstReplyAt = q.ReceivedAt.Add(reply)
			}
			ds.Inquiries = append(ds.Inquiries, q)
		}
		return ds
	}
	for _, tt := range []struct {
		name   string
		age    time.Duration
		reply  time.Duration
		status score.Status
		points string
	}{
		{"2 hours old, none answered", 2 * time.Hour, -1, score.StatusInsufficient, ""},
		{"a second short of 168 hours", 168*time.Hour - time.Second, -1, score.StatusInsufficient, ""},
		{"168 hours old", 168 * time.Hour, -1, score.StatusScored, "0"},
		{"answered after 3 hours", 4 * time.Hour, 3 * time.Hour, score.StatusScored, "98.8"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := measure(t, median, inquiries(tt.age, tt.reply), score.Options{})
			assert.Equal(t, tt.status, got.Status)
			assertDec(t, got.Points, tt.points, "points")
			sc, err := score.New(oneCriterion(median), score.Options{AsOf: asOf, MinSample: 1})
			require.NoError(t, err)
			rep, err := sc.Score(inquiries(tt.age, tt.reply))
			require.NoError(t, err)
			flagged := hasFlag(agency(t, rep, "a"), score.FlagInsufficientData, "c")
			assert.Equal(t, tt.status == score.StatusInsufficient, flagged, "insufficient_data flag: %v", agency(t, rep, "a").Flags)
		})
	}
}

// TestNoSliver checks that the default standard publishes no dimension
// from a sliver, and does not score declaring nothing like declaring well
// (issue 14, finding 3). The criteria that read declarations score 0
// where there are none (missing: zero), and are flagged not_declared: an
// agency that answers everything but declares no staffing has its
// staffing from observed presence and two zeros, capped at 20 by the
// staffing knock-out, not 100 from presence alone; one that declares no
// channels has its openness from journalists' replies and a zero, not 100.
func TestNoSliver(t *testing.T) {
	var ds model.Dataset
	pattern(&ds, "a", 40, func(int) time.Duration { return time.Hour })
	ds.Staffing = nil  // a declares a channel but no staffing
	for i := range 5 { // journalists write to b, which declares nothing
		ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: fmt.Sprint("b-", i), AgencyID: "b", ChannelID: "b/x",
			Requester: model.RequesterMedia, ReceivedAt: asOf.Add(-time.Duration(100+i) * time.Hour),
			FirstReplyAt: asOf.Add(-time.Duration(99+i) * time.Hour)})
	}
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf, MinSample: 1})
	require.NoError(t, err)
	// b is implied by its inquiries: an accumulator takes agencies and
	// channels the metadata does not declare.
	acc, err := sc.NewAccumulator(model.Dataset{Agencies: ds.Agencies, Channels: ds.Channels})
	require.NoError(t, err)
	for i := range ds.Inquiries {
		require.NoError(t, acc.Add(&ds.Inquiries[i]))
	}
	rep, err := acc.Report()
	require.NoError(t, err)
	dim := func(a score.AgencyScore, id rubric.DimensionID) score.DimensionScore {
		for _, d := range a.Dimensions {
			if d.ID == id {
				return d
			}
		}
		t.Fatalf("no dimension %s", id)
		return score.DimensionScore{}
	}
	crit := func(d score.DimensionScore, id string) score.CriterionScore {
		for _, c := range d.Criteria {
			if c.ID == id {
				return c
			}
		}
		t.Fatalf("no criterion %s", id)
		return score.CriterionScore{}
	}
	a, b := agency(t, rep, "a"), agency(t, rep, "b")
	// a: staffing = 0.4·0 + 0.3·0 + 0.3·presence, capped at 20 by the
	// knock-out of staff_per_channel, whose 0 is for declaring nothing.
	st := dim(a, rubric.Staffing)
	presence := crit(st, "observed_presence").Points
	require.NotNil(t, presence)
	assertDec(t, crit(st, "staff_per_channel").Points, "0", "staff_per_channel, not declared")
	assertDec(t, crit(st, "declared_coverage").Points, "0", "declared_coverage, not declared")
	assertDec(t, st.Uncapped, presence.Mul(decimal.RequireFromString("0.3")).Round(2).String(), "a's staffing before the cap")
	assertDec(t, st.Score, "20", "a's staffing, capped by the knock-out")
	assert.Equal(t, "staff_per_channel", st.CappedBy)
	assert.True(t, hasFlag(a, score.FlagMissingZero, "staff_per_channel"), "a's missing staffing scored 0: %v", a.Flags)
	assert.True(t, hasFlag(a, score.FlagMissingZero, "declared_coverage"), "a's missing coverage scored 0: %v", a.Flags)
	assert.True(t, hasFlag(a, score.FlagNotDeclared, "staff_per_channel"), "a declared no staffing: %v", a.Flags)
	assert.NotNil(t, dim(a, rubric.ChannelOpenness).Score, "a declared its channel")
	// b: openness = (0.4·0 + 0.3·100) / 0.7, broadcast_only having no data
	// and its weight spread: 42.857... = 42.86, not 100.
	assertDec(t, dim(b, rubric.ChannelOpenness).Score, "42.86", "b's openness, journalists' replies and no channels declared")
	assert.True(t, hasFlag(b, score.FlagNotDeclared, "open_channels"), "b declared no channels: %v", b.Flags)
	assert.True(t, hasFlag(b, score.FlagMissingZero, "open_channels"), "b's missing channels scored 0: %v", b.Flags)
}

// TestCriterionMissingZero checks a criterion's own missing-data policy
// on one that has data and one that has none, under a dimension that
// re-weights: only the one without data is scored 0, and it counts in
// the dimension's weight.
func TestCriterionMissingZero(t *testing.T) {
	half := decimal.RequireFromString("0.5")
	rate := func(id string, f *rubric.Filter) rubric.Criterion {
		return rubric.Criterion{ID: id, Metric: rubric.ResponseRate, Filter: f, Weight: half,
			Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}}
	}
	r := oneCriterion(rate("answered", nil))
	r.Dimensions[0].Criteria = []rubric.Criterion{rate("answered", nil),
		rate("media", &rubric.Filter{Requesters: []model.Requester{model.RequesterMedia}})}
	var ds model.Dataset
	pattern(&ds, "a", 40, func(int) time.Duration { return time.Hour }) // the public's, all answered
	for _, tc := range []struct {
		missing rubric.Missing
		want    string // the dimension's score
	}{
		{"", "100"},         // media has no data: its weight spread over answered
		{rubric.Zero, "50"}, // media has no data: 0 points at half the weight
	} {
		r.Dimensions[0].Criteria[1].Missing = tc.missing
		require.NoError(t, r.Validate())
		sc, err := score.New(r, score.Options{AsOf: asOf, MinSample: 1})
		require.NoError(t, err)
		rep, err := sc.Score(ds)
		require.NoError(t, err)
		a := agency(t, rep, "a")
		assertDec(t, a.Dimensions[0].Criteria[0].Points, "100", "answered")
		assertDec(t, a.Dimensions[0].Score, tc.want, fmt.Sprintf("missing %q", tc.missing))
		assert.Equal(t, tc.missing == rubric.Zero, hasFlag(a, score.FlagMissingZero, "media"), "missing %q: %v", tc.missing, a.Flags)
	}
}

// TestYoungSilenceBands checks the boundary of young silence on a bands
// scale, whose worst band is the last and open-ended: a median not
// reached in 2 hours is insufficient, and earns the worst points once
// observed for the 168 hours from which every value does.
func TestYoungSilenceBands(t *testing.T) {
	median := rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.5")},
		Scale: rubric.Scale{Kind: rubric.Bands, Bands: []rubric.Band{
			{Max: ptr("24"), Points: decimal.NewFromInt(100)},
			{Max: ptr("168"), Points: decimal.NewFromInt(50)},
			{Points: decimal.Zero},
		}}}
	for _, tt := range []struct {
		age    time.Duration
		status score.Status
		points string
	}{
		{2 * time.Hour, score.StatusInsufficient, ""},
		{168 * time.Hour, score.StatusScored, "0"},
	} {
		ds := model.Dataset{Agencies: []model.Agency{{ID: "a"}},
			Channels: []model.Channel{{ID: "a-x", AgencyID: "a", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}}}
		for i := range 12 {
			ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: fmt.Sprint(i), AgencyID: "a", ChannelID: "a-x",
				ReceivedAt: asOf.Add(-tt.age + time.Duration(i)*time.Minute)})
		}
		got := measure(t, median, ds, score.Options{})
		assert.Equal(t, tt.status, got.Status, "%v old", tt.age)
		assertDec(t, got.Points, tt.points, fmt.Sprintf("points, %v old", tt.age))
	}
}

// TestGates checks the rubric's gates (issue 14, finding 2) by hand: an
// agency that answers fewer than half its inquiries fails the default's
// gate, its overall score capped at 24 and graded Silent whatever it
// declares; one that answers enough is untouched; a gate whose sample is
// too small is not failed but flagged; a gate that only sets a grade
// leaves the score and lowers the grade; and a maximum fails a measure
// above it.
func TestGates(t *testing.T) {
	var ds model.Dataset
	// mute answers 4 of 12 within the hour and declares two staff: its
	// dimensions alone would earn it more than 24.
	pattern(&ds, "mute", 12, func(i int) time.Duration {
		if i%3 == 0 {
			return time.Hour
		}
		return -1
	})
	pattern(&ds, "fine", 12, func(int) time.Duration { return time.Hour })
	pattern(&ds, "young", 5, func(int) time.Duration { return -1 }) // 5 inquiries: below the minimum sample
	// nearly answers all but two of 12, within the hour.
	pattern(&ds, "nearly", 12, func(i int) time.Duration {
		if i < 2 {
			return -1
		}
		return time.Hour
	})
	score1 := func(r rubric.Rubric) *score.Report {
		t.Helper()
		sc, err := score.New(r, score.Options{AsOf: asOf})
		require.NoError(t, err)
		rep, err := sc.Score(ds)
		require.NoError(t, err)
		return rep
	}
	rep := score1(rubric.Default())
	mute, fine, young := agency(t, rep, "mute"), agency(t, rep, "fine"), agency(t, rep, "young")
	require.NotNil(t, mute.Uncapped, "mute's score before the gate")
	assert.True(t, mute.Uncapped.GreaterThan(decimal.NewFromInt(24)), "mute's dimensions earn %s", mute.Uncapped)
	assertDec(t, mute.Score, "24", "mute's score")
	assert.Equal(t, "silent", mute.Grade)
	assert.Equal(t, "answers", mute.CappedBy)
	assert.True(t, hasFlag(mute, score.FlagGateFailed, "answers"), "flags %v", mute.Flags)
	assert.False(t, fine.Gates[0].Failed)
	assert.Nil(t, fine.Uncapped)
	assert.False(t, young.Gates[0].Failed, "a gate without enough data is not failed")
	assert.Equal(t, score.StatusInsufficient, young.Gates[0].Status)
	assert.True(t, hasFlag(young, score.FlagInsufficientData, "answers"), "flags %v", young.Flags)

	// A gate that sets the grade alone, on a maximum: more than a tenth of
	// inquiries unanswered for three days make an agency Slow at best.
	r := rubric.Default()
	r.Gates = []rubric.Gate{{ID: "silences", Metric: rubric.LongSilenceShare, Params: rubric.Params{SilenceDays: ptr("3")}, Max: ptr("0.1"), Grade: "slow"}}
	rep = score1(r)
	mute = agency(t, rep, "mute")
	assert.True(t, mute.Gates[0].Failed, "mute's long silences: %+v", mute.Gates[0].Measure)
	assert.Nil(t, mute.Uncapped, "no cap")
	band, ok := r.GradeFor(*mute.Score)
	require.True(t, ok)
	want := "slow" // the gate's grade, unless the band is worse
	if slices.IndexFunc(r.Grades, func(g rubric.Grade) bool { return g.ID == band.ID }) > 2 {
		want = band.ID
	}
	assert.Equal(t, want, mute.Grade, "the worse of band %s and the gate's slow", band.ID)
	assert.False(t, agency(t, rep, "fine").Gates[0].Failed)
	// nearly's dimensions earn it a better band than slow; the gate sets
	// slow.
	nearly := agency(t, rep, "nearly")
	band, ok = r.GradeFor(*nearly.Score)
	require.True(t, ok)
	assert.Contains(t, []string{"exemplary", "responsive"}, band.ID, "nearly's band by its score %s", nearly.Score)
	assert.Equal(t, "slow", nearly.Grade, "the gate's grade")
}

// TestQuantileGateYoungSilence checks that a gate on a reply-time
// quantile is not failed by a young silence: twelve inquiries two hours
// old, none answered, leave a "median at most 72 hours" gate unchecked
// (the median is not reached, but only 2 hours were observed), and fail
// it once they are 72 hours old.
func TestQuantileGateYoungSilence(t *testing.T) {
	r := rubric.Default()
	r.Gates = []rubric.Gate{{ID: "median_gate", Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.5")},
		Max: ptr("72"), Grade: "slow"}}
	for _, tt := range []struct {
		age    time.Duration
		failed bool
		status score.Status
	}{{2 * time.Hour, false, score.StatusInsufficient}, {72 * time.Hour, true, score.StatusScored}} {
		ds := model.Dataset{Agencies: []model.Agency{{ID: "a"}},
			Channels: []model.Channel{{ID: "a-x", AgencyID: "a", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}}}
		for i := range 12 {
			ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: fmt.Sprint(i), AgencyID: "a", ChannelID: "a-x",
				ReceivedAt: asOf.Add(-tt.age + time.Duration(i)*time.Minute)})
		}
		sc, err := score.New(r, score.Options{AsOf: asOf, MinSample: 1})
		require.NoError(t, err)
		rep, err := sc.Score(ds)
		require.NoError(t, err)
		g := agency(t, rep, "a").Gates[0]
		assert.Equal(t, tt.failed, g.Failed, "%v old: failed", tt.age)
		assert.Equal(t, tt.status, g.Status, "%v old: status", tt.age)
	}
}

// TestYoungSilenceRelative checks young silence on a relative scale (issue
// 14, finding 1): a quantile not reached is worse than every agency
// compared only once observed at least as long as the slowest of them
// took; before that, and when no agency compared reached one, it cannot be
// placed, and is insufficient, flagged and scored neither 0 nor 100.
func TestYoungSilenceRelative(t *testing.T) {
	median := rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.5")},
		Scale: rubric.Scale{Kind: rubric.MinMax, Better: rubric.LowerIsBetter}}
	add := func(ds *model.Dataset, id string, age, reply time.Duration) {
		ds.Agencies = append(ds.Agencies, model.Agency{ID: id})
		ds.Channels = append(ds.Channels, model.Channel{ID: id + "-x", AgencyID: id, Kind: model.ChannelX, Official: true, AcceptsInquiries: true})
		for i := range 12 {
			q := model.Inquiry{ID: fmt.Sprint(id, i), AgencyID: id, ChannelID: id + "-x", ReceivedAt: asOf.Add(-age + time.Duration(i)*time.Minute)}
			if reply >= 0 {
				q.FirstReplyAt = q.ReceivedAt.Add(reply)
			}
			ds.Inquiries = append(ds.Inquiries, q)
		}
	}
	sc, err := score.New(oneCriterion(median), score.Options{AsOf: asOf, MinSample: 1})
	require.NoError(t, err)
	var ds model.Dataset
	add(&ds, "fast", 20*time.Hour, time.Hour)       // median 1 hour: 100 points
	add(&ds, "slow", 20*time.Hour, 10*time.Hour)    // median 10 hours, the slowest compared: 0 points
	add(&ds, "young", 10*time.Hour-time.Second, -1) // silent a second short of 10 hours
	add(&ds, "old", 10*time.Hour, -1)               // silent for 10 hours
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	for _, tt := range []struct {
		id     string
		status score.Status
		points string
	}{
		{"fast", score.StatusScored, "100"},
		{"slow", score.StatusScored, "0"},
		{"young", score.StatusInsufficient, ""},
		{"old", score.StatusScored, "0"},
	} {
		a := agency(t, rep, tt.id)
		c := a.Dimensions[0].Criteria[0]
		assert.Equal(t, tt.status, c.Status, tt.id)
		assertDec(t, c.Points, tt.points, tt.id+" points")
		assert.Equal(t, tt.status == score.StatusInsufficient, hasFlag(a, score.FlagInsufficientData, "c"), "%s: %v", tt.id, a.Flags)
	}
	assert.Contains(t, flagDetail(agency(t, rep, "young"), score.FlagInsufficientData),
		"not reached in 9.9 hours observed, short of the 10 hours of the slowest agency compared")

	// Nobody reached one: nothing to place a silence against.
	var silent model.Dataset
	add(&silent, "a", 500*time.Hour, -1)
	add(&silent, "b", 900*time.Hour, -1)
	rep, err = sc.Score(silent)
	require.NoError(t, err)
	for _, id := range []string{"a", "b"} {
		c := agency(t, rep, id).Dimensions[0].Criteria[0]
		assert.Equal(t, score.StatusInsufficient, c.Status, id)
		assert.Nil(t, c.Points, id)
	}
	assert.Contains(t, flagDetail(agency(t, rep, "a"), score.FlagInsufficientData), "no agency compared reached it")
}

// flagDetail returns the detail of a's first flag with the code, or "".
func flagDetail(a score.AgencyScore, code score.FlagCode) string {
	for _, f := range a.Flags {
		if f.Code == code {
			return f.Detail
		}
	}
	return ""
}

// TestRelativeScaleNobodyMeasured checks a relative scale on which no
// agency has a value: nothing to place, every agency's criterion without
// points, and no panic (it used to take the minimum of no values).
func TestRelativeScaleNobodyMeasured(t *testing.T) {
	for _, kind := range []rubric.ScaleKind{rubric.MinMax, rubric.ZScore, rubric.PercentileRank} {
		c := rubric.Criterion{Metric: rubric.ResponseRate, Filter: &rubric.Filter{Requesters: []model.Requester{model.RequesterMedia}},
			Scale: rubric.Scale{Kind: kind, Better: rubric.HigherIsBetter}}
		sc, err := score.New(oneCriterion(c), score.Options{AsOf: asOf, MinSample: 1})
		require.NoError(t, err)
		var ds model.Dataset // the public's inquiries only
		pattern(&ds, "a", 5, func(int) time.Duration { return time.Hour })
		pattern(&ds, "b", 5, func(int) time.Duration { return -1 })
		rep, err := sc.Score(ds)
		require.NoError(t, err, kind)
		for _, id := range []string{"a", "b"} {
			cs := agency(t, rep, id).Dimensions[0].Criteria[0]
			assert.Equal(t, score.StatusNoData, cs.Status, "%s %s", kind, id)
			assert.Nil(t, cs.Points, "%s %s", kind, id)
		}
	}
}
