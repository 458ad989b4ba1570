package score_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// twoDimensions is a small rubric whose results the tests below work out by
// hand:
//
//	speed    0.6: answered  response_rate 0..1        0.5
//	              accurate  accurate_share 0..1        0.5  (min sample 5)
//	openness 0.4: broadcast broadcast_only 0 / 100     0.5  (knock-out cap 10)
//	              open      open_channel_share 0..1    0.5
func twoDimensions() rubric.Rubric {
	unit := rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}
	half := decimal.RequireFromString("0.5")
	return rubric.Rubric{
		ID: "two", Version: "1",
		Dimensions: []rubric.Dimension{
			{ID: "speed", Weight: decimal.RequireFromString("0.6"), Criteria: []rubric.Criterion{
				{ID: "answered", Metric: rubric.ResponseRate, Scale: unit, Weight: half},
				{ID: "accurate", Metric: rubric.AccurateShare, Scale: unit, Weight: half, MinSample: 5},
			}},
			{ID: "openness", Weight: decimal.RequireFromString("0.4"), Criteria: []rubric.Criterion{
				{ID: "broadcast", Metric: rubric.BroadcastOnly, Weight: half, KnockoutCap: ptr("10"),
					Scale: rubric.Scale{Kind: rubric.Boolean, TruePoints: ptr("0"), FalsePoints: ptr("100")}},
				{ID: "open", Metric: rubric.OpenChannelShare, Scale: unit, Weight: half},
			}},
		},
		Grades: rubric.DefaultGrades(),
	}
}

func scoreTwo(t *testing.T, ds model.Dataset) *score.Report {
	t.Helper()
	return scoreTwoWith(t, ds, score.Options{AsOf: asOf, MinSample: 1})
}

func scoreTwoWith(t *testing.T, ds model.Dataset, opts score.Options) *score.Report {
	t.Helper()
	sc, err := score.New(twoDimensions(), opts)
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	return rep
}

func agency(t *testing.T, rep *score.Report, id string) score.AgencyScore {
	t.Helper()
	for _, a := range rep.Agencies {
		if a.AgencyID == id {
			return a
		}
	}
	t.Fatalf("agency %q not in report", id)
	return score.AgencyScore{}
}

func assertDec(t *testing.T, got *decimal.Decimal, want string, what string) {
	t.Helper()
	if want == "" {
		assert.Nil(t, got, what)
		return
	}
	if assert.NotNil(t, got, what) {
		assert.True(t, got.Equal(decimal.RequireFromString(want)), "%s = %s, want %s", what, got, want)
	}
}

func hasFlag(a score.AgencyScore, code score.FlagCode, node string) bool {
	for _, f := range a.Flags {
		if f.Code == code && f.Node == node {
			return true
		}
	}
	return false
}

func TestReweightingOverMissingCriteria(t *testing.T) {
	// answered = 0.5 -> 50 points. accurate has 4 graded replies, below its
	// minimum of 5: left out, so answered carries the whole dimension:
	// speed = 1 * 50 = 50. openness: not broadcast-only (100) and 1 of 1
	// official channels open (100) = 100. Overall 0.6*50 + 0.4*100 = 70,
	// which is the Responsive band's minimum.
	a := agency(t, scoreTwo(t, dataset(fixture)), "a")
	speed, open := a.Dimensions[0], a.Dimensions[1]
	assert.Equal(t, score.StatusInsufficient, speed.Criteria[1].Status)
	assertDec(t, speed.Criteria[1].Points, "", "accurate points")
	assert.True(t, speed.Criteria[0].EffectiveWeight.Equal(decimal.NewFromInt(1)), "answered effective weight = %s, want 1", speed.Criteria[0].EffectiveWeight)
	assertDec(t, speed.Score, "50", "speed score")
	assertDec(t, open.Score, "100", "openness score")
	assertDec(t, a.Score, "70", "overall")
	assert.Equal(t, "responsive", a.Grade)
	assert.True(t, hasFlag(a, score.FlagInsufficientData, "accurate"), "flags %v lack insufficient_data on accurate", a.Flags)
	assert.True(t, hasFlag(a, score.FlagReweighted, "speed"), "flags %v lack reweighted on speed", a.Flags)
	// Contributions add up to the overall score.
	sum := speed.Contribution.Add(open.Contribution)
	assert.True(t, sum.Equal(*a.Score), "contributions sum to %s, want %s", sum, a.Score)
}

func TestKnockoutCapsDimension(t *testing.T) {
	ds := dataset(fixture)
	ds.Channels = append(ds.Channels, model.Channel{ID: "a-fb", AgencyID: "a", Kind: model.ChannelFacebook, Official: true, BroadcastOnly: true})
	// broadcast: 0 points; open: 1 of 2 official channels = 50 points.
	// openness uncapped = 0.5*0 + 0.5*50 = 25; the knock-out caps it at 10.
	// Overall 0.6*50 + 0.4*10 = 34.
	a := agency(t, scoreTwo(t, ds), "a")
	open := a.Dimensions[1]
	assertDec(t, open.Uncapped, "25", "openness uncapped")
	assertDec(t, open.Score, "10", "openness score")
	assert.Equal(t, "broadcast", open.CappedBy)
	assertDec(t, a.Score, "34", "overall")
	assert.True(t, hasFlag(a, score.FlagKnockout, "openness"), "flags %v lack knockout", a.Flags)
	assert.True(t, hasFlag(a, score.FlagBroadcastOnly, ""), "flags %v lack broadcast_only", a.Flags)
}

func TestMissingDimensionAndUnscoredAgency(t *testing.T) {
	ds := dataset(fixture)
	ds.Agencies = append(ds.Agencies, model.Agency{ID: "b"}, model.Agency{ID: "c"})
	ds.Channels = append(ds.Channels, model.Channel{ID: "b-x", AgencyID: "b", Kind: model.ChannelX, Official: true, AcceptsInquiries: true})
	rep := scoreTwoWith(t, ds, score.Options{AsOf: asOf, MinSample: 1, MinCoverage: ptr("0")})

	// b has a channel and no inquiries: speed has no data, openness (100)
	// takes all the weight.
	b := agency(t, rep, "b")
	assertDec(t, b.Dimensions[0].Score, "", "b speed")
	assert.True(t, b.Dimensions[1].EffectiveWeight.Equal(decimal.NewFromInt(1)), "b openness effective weight = %s", b.Dimensions[1].EffectiveWeight)
	assertDec(t, b.Score, "100", "b overall")
	assert.True(t, hasFlag(b, score.FlagReweighted, ""), "flags %v", b.Flags)

	// c has nothing: no score, no grade, rank 0, listed last.
	c := agency(t, rep, "c")
	assertDec(t, c.Score, "", "c overall")
	assert.Equal(t, "", c.Grade)
	assert.Equal(t, 0, c.Rank)
	assert.True(t, hasFlag(c, score.FlagNotScored, ""), "flags %v", c.Flags)
	assert.Equal(t, "c", rep.Agencies[len(rep.Agencies)-1].AgencyID)
}

func TestRanksShareTies(t *testing.T) {
	// a1 and a2 have the same records; a3 answers nothing.
	var ds model.Dataset
	for _, id := range []string{"a3", "a2", "a1"} {
		one := dataset(fixture)
		one.Agencies[0].ID = id
		one.Channels[0].ID, one.Channels[0].AgencyID = id+"-x", id
		for i := range one.Inquiries {
			q := &one.Inquiries[i]
			q.ID, q.AgencyID, q.ChannelID = id+q.ID, id, id+"-x"
			if id == "a3" && !q.FirstReplyAt.IsZero() {
				q.FirstReplyAt = q.FirstReplyAt.AddDate(1, 0, 0) // every reply after asOf
			}
		}
		ds.Agencies = append(ds.Agencies, one.Agencies...)
		ds.Channels = append(ds.Channels, one.Channels...)
		ds.Inquiries = append(ds.Inquiries, one.Inquiries...)
	}
	rep := scoreTwo(t, ds)
	var got []string
	var ranks []int
	for _, a := range rep.Agencies {
		got = append(got, a.AgencyID)
		ranks = append(ranks, a.Rank)
	}
	assert.Equal(t, []string{"a1", "a2", "a3"}, got, "order")
	assert.Equal(t, []int{1, 1, 3}, ranks, "ranks")
}

func TestNewRejects(t *testing.T) {
	bad := twoDimensions()
	bad.Dimensions[0].Weight = decimal.RequireFromString("0.7")
	tests := []struct {
		name string
		r    rubric.Rubric
		opts score.Options
		want error
	}{
		{"no AsOf", twoDimensions(), score.Options{}, score.ErrNoAsOf},
		{"invalid rubric", bad, score.Options{AsOf: asOf}, rubric.ErrWeightSum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := score.New(tt.r, tt.opts)
			assert.True(t, errors.Is(err, tt.want), "New() error = %v, want %v", err, tt.want)
		})
	}
}

// TestNewRejectsOptions checks that New reports every bad option at once,
// one error per field, each naming it, all under ErrOptions.
func TestNewRejectsOptions(t *testing.T) {
	_, err := score.New(twoDimensions(), score.Options{AsOf: asOf, Since: asOf, MinSample: -1, LongSilenceDays: -2,
		Workers: -3, MinCoverage: ptr("1.5")})
	require.ErrorIs(t, err, score.ErrOptions)
	errs := err.(interface{ Unwrap() []error }).Unwrap()
	var fields []string
	for _, e := range errs {
		assert.ErrorIs(t, e, score.ErrOptions)
		_, rest, _ := strings.Cut(e.Error(), score.ErrOptions.Error()+": ")
		field, _, _ := strings.Cut(rest, ":")
		fields = append(fields, field)
	}
	assert.Equal(t, []string{"Since", "MinSample", "LongSilenceDays", "Workers", "MinCoverage"}, fields, "New() = %v", err)
	_, err = score.New(twoDimensions(), score.Options{MinCoverage: ptr("-0.1")})
	assert.ErrorIs(t, err, score.ErrNoAsOf)
	assert.ErrorContains(t, err, "MinCoverage: -0.1 is not a share")
}

func TestScoreRejectsInvalidDataset(t *testing.T) {
	ds := dataset(fixture)
	ds.Inquiries[0].ChannelID = "nowhere"
	sc, err := score.New(twoDimensions(), score.Options{AsOf: asOf})
	require.NoError(t, err)
	_, err = sc.Score(ds)
	assert.True(t, errors.Is(err, model.ErrUnknownReference), "Score() error = %v, want ErrUnknownReference", err)
}

func TestScorerKeepsItsOwnRubric(t *testing.T) {
	r := twoDimensions()
	sc, err := score.New(r, score.Options{AsOf: asOf, MinSample: 1})
	require.NoError(t, err)
	before, err := sc.Score(dataset(fixture))
	require.NoError(t, err)
	// Changing the caller's rubric afterwards changes nothing.
	*r.Dimensions[0].Criteria[0].Scale.Best = decimal.RequireFromString("0.5")
	r.Dimensions[0].Weight = decimal.Zero
	after, err := sc.Score(dataset(fixture))
	require.NoError(t, err)
	assert.True(t, before.Agencies[0].Score.Equal(*after.Agencies[0].Score), "score changed from %s to %s", before.Agencies[0].Score, after.Agencies[0].Score)
}

func TestMinCoverage(t *testing.T) {
	ds := dataset(fixture)
	ds.Agencies = append(ds.Agencies, model.Agency{ID: "b"})
	ds.Channels = append(ds.Channels, model.Channel{ID: "b-x", AgencyID: "b", Kind: model.ChannelX, Official: true, AcceptsInquiries: true})
	// a: answered (0.6 * 0.5) + broadcast and open (0.4 * 0.5 each) are
	// scored, accurate is not: coverage 0.3 + 0.4 = 0.7.
	// b: only openness, coverage 0.4.
	tests := []struct {
		name        string
		minCoverage *decimal.Decimal
		aScored     bool
		bScored     bool
	}{
		{"default 0.5", nil, true, false},
		{"0.7 is enough for 0.7", ptr("0.7"), true, false},
		{"0.71", ptr("0.71"), false, false},
		{"0 publishes all", ptr("0"), true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep := scoreTwoWith(t, ds, score.Options{AsOf: asOf, MinSample: 1, MinCoverage: tt.minCoverage})
			a, b := agency(t, rep, "a"), agency(t, rep, "b")
			assert.True(t, a.Coverage.Equal(decimal.RequireFromString("0.7")), "a coverage = %s, want 0.7", a.Coverage)
			assert.True(t, b.Coverage.Equal(decimal.RequireFromString("0.4")), "b coverage = %s, want 0.4", b.Coverage)
			for _, c := range []struct {
				a      score.AgencyScore
				scored bool
			}{{a, tt.aScored}, {b, tt.bScored}} {
				assert.Equal(t, c.scored, c.a.Score != nil, "%s scored", c.a.AgencyID)
				assert.Equal(t, !c.scored, hasFlag(c.a, score.FlagLowCoverage, ""), "%s low_coverage flag: %v", c.a.AgencyID, c.a.Flags)
				if !c.scored {
					assert.Equal(t, 0, c.a.Rank)
					assert.Equal(t, "", c.a.Grade)
				}
			}
		})
	}
}

func TestShrinkageRanksSmallSamplesFairly(t *testing.T) {
	// The agencies of TestBetaPrior: answered k of n, all old enough.
	counts := []struct {
		id   string
		k, n int
	}{{"a-small", 3, 3}, {"b-large", 950, 1000}, {"c", 85, 100}, {"d", 160, 200}, {"e", 8, 10}}
	var ds model.Dataset
	for _, c := range counts {
		ds.Agencies = append(ds.Agencies, model.Agency{ID: c.id})
		ds.Channels = append(ds.Channels, model.Channel{ID: c.id + "-x", AgencyID: c.id, Kind: model.ChannelX})
		for i := range c.n {
			q := model.Inquiry{ID: fmt.Sprintf("%s-%d", c.id, i), AgencyID: c.id, ChannelID: c.id + "-x", ReceivedAt: asOf.AddDate(0, 0, -10)}
			if i < c.k {
				q.FirstReplyAt = q.ReceivedAt.Add(time.Hour)
			}
			ds.Inquiries = append(ds.Inquiries, q)
		}
	}
	for _, tt := range []struct {
		name      string
		shrinkage rubric.Shrinkage
		first     string
	}{
		{"raw rates: 3 of 3 ranks first", "", "a-small"},
		{"shrunk: 950 of 1000 ranks first", rubric.BetaBinomial, "b-large"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			c := rubric.Criterion{Metric: rubric.ResponseRate, Shrinkage: tt.shrinkage}
			sc, err := score.New(oneCriterion(c), score.Options{AsOf: asOf, MinSample: 1})
			require.NoError(t, err)
			rep, err := sc.Score(ds)
			require.NoError(t, err)
			assert.Equal(t, tt.first, rep.Agencies[0].AgencyID)
			small := agency(t, rep, "a-small").Dimensions[0].Criteria[0]
			assert.True(t, small.Measure.Value.Equal(decimal.NewFromInt(1)), "raw value %s, want 1", small.Measure.Value)
			if tt.shrinkage == "" {
				assert.Nil(t, small.Measure.Shrunk)
				return
			}
			// (3 + α)/(3 + α + β) with the prior of TestBetaPrior.
			require.NotNil(t, small.Measure.Shrunk)
			assert.InDelta(t, 0.940282882805278, small.Measure.Shrunk.InexactFloat64(), 1e-9)
			assertDec(t, small.Points, "94.03", "points from the shrunk rate")
			if assert.NotNil(t, small.Measure.Prior, "the prior is reported") {
				assert.InDelta(t, 7.556689779489373, small.Measure.Prior.Alpha, 1e-9)
				assert.InDelta(t, 0.6704525757921749, small.Measure.Prior.Beta, 1e-9)
			}
		})
	}
}
