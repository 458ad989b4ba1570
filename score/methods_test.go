package score_test

import (
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

// rates builds agencies that answered k of n inquiries (all old enough),
// with accurate grades on every reply except those listed in inaccurate.
func rates(counts map[string][2]int, inaccurate map[string]int) model.Dataset {
	var ds model.Dataset
	for _, id := range []string{"a", "b", "c", "d", "e"} {
		kn, ok := counts[id]
		if !ok {
			continue
		}
		ds.Agencies = append(ds.Agencies, model.Agency{ID: id})
		ds.Channels = append(ds.Channels, model.Channel{ID: id + "-x", AgencyID: id, Kind: model.ChannelX})
		for i := range kn[1] {
			q := model.Inquiry{ID: fmt.Sprintf("%s-%d", id, i), AgencyID: id, ChannelID: id + "-x", ReceivedAt: asOf.AddDate(0, 0, -10)}
			if i < kn[0] {
				q.FirstReplyAt = q.ReceivedAt.Add(time.Hour)
				q.Accuracy = model.AccuracyAccurate
				if i < inaccurate[id] {
					q.Accuracy = model.AccuracyInaccurate
				}
			}
			ds.Inquiries = append(ds.Inquiries, q)
		}
	}
	return ds
}

// twoCriteria is one dimension: answered (response_rate, 0..1 goalposts,
// weight 0.75) and accurate (accurate_share, 0..1, weight 0.25, min sample
// 5), combined by method.
func twoCriteria(method rubric.Method) rubric.Rubric {
	unit := rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}
	return rubric.Rubric{
		ID: "m", Version: "1",
		Dimensions: []rubric.Dimension{{ID: "d", Weight: decimal.NewFromInt(1), Method: method, Criteria: []rubric.Criterion{
			{ID: "answered", Metric: rubric.ResponseRate, Scale: unit, Weight: decimal.RequireFromString("0.75")},
			{ID: "accurate", Metric: rubric.AccurateShare, Scale: unit, Weight: decimal.RequireFromString("0.25"), MinSample: 5},
		}}},
		Grades: rubric.DefaultGrades(),
	}
}

func TestAggregationMethods(t *testing.T) {
	// a: 8 of 10 answered (80 points), 2 of the 8 replies inaccurate:
	//    accurate 6/8 = 75 points.
	// b: 10 of 10 answered (100), no reply accurate (0 points).
	// c: 4 of 10 answered (40), 4 graded replies: below accurate's minimum
	//    of 5, no data.
	ds := rates(map[string][2]int{"a": {8, 10}, "b": {10, 10}, "c": {4, 10}}, map[string]int{"a": 2, "b": 10})
	floor := ptr("1")
	tests := []struct {
		name    string
		method  rubric.Method
		a, b, c string // dimension scores; "" for none
	}{
		// 0.75*80 + 0.25*75 = 78.75; 0.75*100 + 0 = 75; c re-weighted: 40.
		{"arithmetic", rubric.Method{}, "78.75", "75", "40"},
		// 80^0.75 * 75^0.25 = exp(0.75 ln 80 + 0.25 ln 75) = 78.7156...;
		// b has a 0 and no floor: 0.
		{"geometric", rubric.Method{Aggregation: rubric.Geometric}, "78.72", "0", "40"},
		// With a floor of 1: b = 100^0.75 * 1^0.25 = 31.6227... -> 31.62.
		{"geometric with floor", rubric.Method{Aggregation: rubric.Geometric, ZeroFloor: floor}, "78.72", "31.62", "40"},
		{"minimum", rubric.Method{Aggregation: rubric.Minimum}, "75", "0", "40"},
		// Missing counts 0: c = 0.75*40 + 0.25*0 = 30.
		{"missing scored zero", rubric.Method{Missing: rubric.Zero}, "78.75", "75", "30"},
		{"missing withholds", rubric.Method{Missing: rubric.Withhold}, "78.75", "75", ""},
		// c's criteria with data carry 0.75 of the weight: enough for 0.75,
		// not for 0.8.
		{"min available met", rubric.Method{MinAvailable: ptr("0.75")}, "78.75", "75", "40"},
		{"min available missed", rubric.Method{MinAvailable: ptr("0.8")}, "78.75", "75", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := score.New(twoCriteria(tt.method), score.Options{AsOf: asOf, MinSample: 1, MinCoverage: ptr("0")})
			require.NoError(t, err)
			rep, err := sc.Score(ds)
			require.NoError(t, err)
			for id, want := range map[string]string{"a": tt.a, "b": tt.b, "c": tt.c} {
				got := agency(t, rep, id)
				assertDec(t, got.Dimensions[0].Score, want, id+" dimension score")
				assertDec(t, got.Score, want, id+" overall")
			}
			c := agency(t, rep, "c")
			switch tt.method.Missing {
			case rubric.Zero:
				assert.True(t, hasFlag(c, score.FlagMissingZero, "d"), "flags %v", c.Flags)
			case rubric.Withhold:
				assert.True(t, hasFlag(c, score.FlagWithheld, "d"), "flags %v", c.Flags)
			}
		})
	}
}

func TestRelativeScales(t *testing.T) {
	// Response rates: a 0.8, b 1.0, c 0.4, d 0.8.
	ds := rates(map[string][2]int{"a": {8, 10}, "b": {10, 10}, "c": {4, 10}, "d": {8, 10}}, nil)
	tests := []struct {
		name       string
		scale      rubric.Scale
		a, b, c, d string
	}{
		// (v - 0.4)/(1 - 0.4) * 100: a = 66.67, b = 100, c = 0.
		{"min-max", rubric.Scale{Kind: rubric.MinMax, Better: rubric.HigherIsBetter}, "66.67", "100", "0", "66.67"},
		{"min-max, lower is better", rubric.Scale{Kind: rubric.MinMax, Better: rubric.LowerIsBetter}, "33.33", "0", "100", "33.33"},
		// Mean 0.75; deviations 0.05, 0.25, -0.35, 0.05; population sd
		// sqrt((0.0025 + 0.0625 + 0.1225 + 0.0025)/4) = sqrt(0.0475) = 0.217945...
		// a: 50 + 25*0.05/0.217945 = 55.74; b: 50 + 25*0.25/0.217945 = 78.68;
		// c: 50 - 25*0.35/0.217945 = 9.85.
		{"z-score", rubric.Scale{Kind: rubric.ZScore, Better: rubric.HigherIsBetter}, "55.74", "78.68", "9.85", "55.74"},
		// Percentile: a beats c, ties d: (1 + 0.5)/3 = 50; b beats 3: 100;
		// c: 0.
		{"percentile rank", rubric.Scale{Kind: rubric.PercentileRank, Better: rubric.HigherIsBetter}, "50", "100", "0", "50"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := score.New(oneCriterion(rubric.Criterion{Metric: rubric.ResponseRate, Scale: tt.scale}), score.Options{AsOf: asOf, MinSample: 1})
			require.NoError(t, err)
			rep, err := sc.Score(ds)
			require.NoError(t, err)
			for id, want := range map[string]string{"a": tt.a, "b": tt.b, "c": tt.c, "d": tt.d} {
				assertDec(t, agency(t, rep, id).Dimensions[0].Criteria[0].Points, want, id+" points")
			}
		})
	}
	// Relative scores move when another agency changes: drop c and a's
	// min-max points fall from 66.67 to 0 (a is now the worst, tied with d).
	ds2 := rates(map[string][2]int{"a": {8, 10}, "b": {10, 10}, "d": {8, 10}}, nil)
	sc, err := score.New(oneCriterion(rubric.Criterion{Metric: rubric.ResponseRate, Scale: rubric.Scale{Kind: rubric.MinMax, Better: rubric.HigherIsBetter}}), score.Options{AsOf: asOf, MinSample: 1})
	require.NoError(t, err)
	rep, err := sc.Score(ds2)
	require.NoError(t, err)
	assertDec(t, agency(t, rep, "a").Dimensions[0].Criteria[0].Points, "0", "a points without c")
}

func TestInfluence(t *testing.T) {
	// The arithmetic case of TestAggregationMethods:
	//   a: answered 80 × 0.75 = 60, accurate 75 × 0.25 = 18.75; score 78.75
	//   b: answered 100 × 0.75 = 75, accurate 0; score 75
	//   c: answered 40, re-weighted to 1; accurate missing; score 40
	// answered's mean share: (60/78.75 + 75/75 + 40/40)/3 = 0.920635 -> 0.9206
	// accurate's: (18.75/78.75 + 0 + 0)/3 = 0.079365 -> 0.0794; they sum to 1.
	// Pearson r of answered (80, 100, 40) with scores (78.75, 75, 40):
	// 0.912551 (means 73.33 and 64.58; Sxy = 1187.5, Sxx = 1866.67,
	// Syy = 907.29).
	ds := rates(map[string][2]int{"a": {8, 10}, "b": {10, 10}, "c": {4, 10}}, map[string]int{"a": 2, "b": 10})
	sc, err := score.New(twoCriteria(rubric.Method{}), score.Options{AsOf: asOf, MinSample: 1, MinCoverage: ptr("0")})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	require.Len(t, rep.Influence, 2)
	answered, accurate := rep.Influence[0], rep.Influence[1]
	assert.Equal(t, "answered", answered.Criterion)
	assert.True(t, answered.Nominal.Equal(decimal.RequireFromString("0.75")), "nominal %s", answered.Nominal)
	assertDec(t, answered.MeanShare, "0.9206", "answered mean share")
	assertDec(t, accurate.MeanShare, "0.0794", "accurate mean share")
	assert.Equal(t, 3, answered.Scored)
	assert.Equal(t, 2, accurate.Scored)
	require.NotNil(t, answered.Correlation)
	assert.InDelta(t, 0.912551, *answered.Correlation, 1e-9)
	assert.Nil(t, accurate.Correlation, "two agencies only")

	// Under geometric aggregation the parts do not add up: no mean share.
	sc, err = score.New(twoCriteria(rubric.Method{Aggregation: rubric.Geometric}), score.Options{AsOf: asOf, MinSample: 1, MinCoverage: ptr("0")})
	require.NoError(t, err)
	rep, err = sc.Score(ds)
	require.NoError(t, err)
	assert.Nil(t, rep.Influence[0].MeanShare)
}

func TestTwoKnockoutsAndCoverageOfWithheldDimension(t *testing.T) {
	// One dimension, two boolean knock-outs that both fail (broadcast-only
	// channel): caps 40, then 20. The dimension scores 0 anyway; give it a
	// third criterion so the uncapped score is above both caps.
	ds := rates(map[string][2]int{"a": {10, 10}}, nil)
	ds.Channels[0].Official, ds.Channels[0].BroadcastOnly = true, true
	boolean := rubric.Scale{Kind: rubric.Boolean, TruePoints: ptr("0"), FalsePoints: ptr("100")}
	r := rubric.Rubric{
		ID: "k", Version: "1",
		Dimensions: []rubric.Dimension{{ID: "d", Weight: decimal.NewFromInt(1), Criteria: []rubric.Criterion{
			{ID: "ko40", Metric: rubric.BroadcastOnly, Scale: boolean, Weight: decimal.RequireFromString("0.1"), KnockoutCap: ptr("40")},
			{ID: "ko20", Metric: rubric.BroadcastOnly, Scale: boolean, Weight: decimal.RequireFromString("0.1"), KnockoutCap: ptr("20")},
			{ID: "answered", Metric: rubric.ResponseRate, Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}, Weight: decimal.RequireFromString("0.8")},
		}}},
		Grades: rubric.DefaultGrades(),
	}
	sc, err := score.New(r, score.Options{AsOf: asOf, MinSample: 1})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	d := rep.Agencies[0].Dimensions[0]
	// Uncapped 0.8 × 100 = 80; capped at 40, then at 20.
	assertDec(t, d.Uncapped, "80", "uncapped")
	assertDec(t, d.Score, "20", "score")
	assert.Equal(t, "ko20", d.CappedBy)
	var detail string
	for _, f := range rep.Agencies[0].Flags {
		if f.Code == score.FlagKnockout {
			detail = f.Detail
		}
	}
	assert.Equal(t, "ko40, ko20 scored 0 points: d capped at 20 by ko20", detail)

	// Coverage counts only dimensions that are scored: with speed withheld
	// by min_available, its scored criterion adds nothing.
	withheld := twoCriteria(rubric.Method{MinAvailable: ptr("0.9")})
	withheld.Dimensions[0].Weight = decimal.RequireFromString("0.5")
	withheld.Dimensions = append(withheld.Dimensions, rubric.Dimension{ID: "e", Weight: decimal.RequireFromString("0.5"),
		Criteria: []rubric.Criterion{{ID: "answered2", Metric: rubric.ResponseRate, Weight: decimal.NewFromInt(1),
			Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}}}})
	sc, err = score.New(withheld, score.Options{AsOf: asOf, MinSample: 1, MinCoverage: ptr("0")})
	require.NoError(t, err)
	// c: accurate has too few graded replies, so d carries only 0.75 of its
	// weight (< 0.9) and is withheld; e is scored: coverage 0.5, not 0.875.
	rep, err = sc.Score(rates(map[string][2]int{"c": {4, 10}}, nil))
	require.NoError(t, err)
	c := agency(t, rep, "c")
	assertDec(t, c.Dimensions[0].Score, "", "d withheld")
	assert.True(t, c.Coverage.Equal(decimal.RequireFromString("0.5")), "coverage %s, want 0.5", c.Coverage)
}

func TestExplainGeometric(t *testing.T) {
	ds := rates(map[string][2]int{"a": {8, 10}}, map[string]int{"a": 2})
	sc, err := score.New(twoCriteria(rubric.Method{Aggregation: rubric.Geometric}), score.Options{AsOf: asOf, MinSample: 1})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, rep.Explain(&b, "a"))
	// Under a geometric mean the parts do not add up: the explanation says
	// how the points enter, not a contribution of 0.
	assert.Contains(t, b.String(), "80.00 points, weight 0.75 in the weighted geometric mean")
	assert.NotContains(t, b.String(), "× 0.75 = 0")
}
