package sensitivity_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/fixture"
	"github.com/govscore/govscore/score/sensitivity"
)

// The fixtures: the golden dataset of the score package's tests, and the
// synthetic records of its benchmarks.
var (
	goldenAsOf = fixture.AsOf
	synthAsOf  = fixture.SynthAsOf
)

func goldenDataset() model.Dataset { return fixture.Dataset() }

func synthDataset(n, agencies int, seed uint64) model.Dataset {
	return fixture.Synth(n, agencies, seed)
}

func ptr(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// methodVariants are standards that exercise every rule of composition on
// the default's criteria: each aggregation, with and without a zero floor,
// each missing-data policy, minimum availability, and relative scales.
func methodVariants() map[string]rubric.Rubric {
	out := map[string]rubric.Rubric{"default": rubric.Default()}

	// The default with no criterion's own missing policy: declarations
	// left out go unscored rather than 0, so an agency that declares
	// nothing and has no inquiries is not scored.
	r := rubric.Default()
	for d := range r.Dimensions {
		for c := range r.Dimensions[d].Criteria {
			r.Dimensions[d].Criteria[c].Missing = ""
		}
	}
	out["default, declarations not zeroed"] = r

	r = rubric.Default()
	r.Method = rubric.Method{Aggregation: rubric.Geometric, ZeroFloor: ptr("1")}
	r.Dimensions[0].Method = rubric.Method{Missing: rubric.Zero}
	r.Dimensions[1].Method = rubric.Method{Aggregation: rubric.Minimum}
	r.Dimensions[2].Method = rubric.Method{Aggregation: rubric.Geometric, ZeroFloor: ptr("5.5")}
	out["geometric, minimum, zero"] = r

	r = rubric.Default()
	r.Method = rubric.Method{Aggregation: rubric.Geometric, MinAvailable: ptr("0.6")}
	r.Dimensions[0].Method = rubric.Method{MinAvailable: ptr("0.75")}
	r.Dimensions[1].Method = rubric.Method{Missing: rubric.Withhold}
	r.Dimensions[2].Method = rubric.Method{Aggregation: rubric.Geometric}
	r.Dimensions[3].Method = rubric.Method{Aggregation: rubric.Minimum, Missing: rubric.Zero}
	out["withhold, min available, geometric without floor"] = r

	r = rubric.Default()
	r.Dimensions[0].Criteria[1].Scale = rubric.Scale{Kind: rubric.MinMax, Better: rubric.HigherIsBetter}
	r.Dimensions[0].Criteria[2].Scale = rubric.Scale{Kind: rubric.PercentileRank, Better: rubric.LowerIsBetter}
	r.Dimensions[1].Criteria[0].Scale = rubric.Scale{Kind: rubric.ZScore, Better: rubric.HigherIsBetter}
	r.Dimensions[0].Criteria[4].Shrinkage = rubric.BetaBinomial
	r.Method = rubric.Method{Missing: rubric.Zero}
	out["relative scales, shrinkage"] = r
	return out
}

// scoreUnder scores ds under r at asOf.
func scoreUnder(t testing.TB, r rubric.Rubric, ds model.Dataset, asOf score.Options) *score.Report {
	t.Helper()
	sc, err := score.New(r, asOf)
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	return rep
}

// TestSensitivityNominalReproducesReport checks that the analysis
// composes as the report did: without noise or variants, every run must
// give every agency its published score, rank and grade, on fixtures with
// missing criteria, knock-outs, unscored agencies and every method.
func TestSensitivityNominalReproducesReport(t *testing.T) {
	datasets := map[string]struct {
		ds   model.Dataset
		opts score.Options
	}{
		"golden":    {goldenDataset(), score.Options{AsOf: goldenAsOf}},
		"synthetic": {synthDataset(30_000, 120, 7), score.Options{AsOf: synthAsOf, MinSample: 25}},
	}
	seen := map[score.FlagCode]bool{}
	for rname, r := range methodVariants() {
		for dname, d := range datasets {
			t.Run(rname+"/"+dname, func(t *testing.T) {
				rep := scoreUnder(t, r, d.ds, d.opts)
				for _, a := range rep.Agencies {
					for _, f := range a.Flags {
						seen[f.Code] = true
					}
				}
				sens, err := sensitivity.Analyze(rep, r, sensitivity.Options{Runs: 70, Seed: 3})
				require.NoError(t, err)
				require.Len(t, sens.Agencies, len(rep.Agencies))
				for i, a := range rep.Agencies {
					s := sens.Agencies[i]
					require.Equal(t, a.AgencyID, s.AgencyID)
					if a.Score == nil {
						assert.Zero(t, s.Scored, "Scored(%s), not scored in the report", a.AgencyID)
						assert.Nil(t, s.ScoreMedian, "ScoreMedian(%s)", a.AgencyID)
						continue
					}
					assert.Equal(t, 1.0, s.Scored, "Scored(%s)", a.AgencyID)
					for name, got := range map[string]*decimal.Decimal{"P05": s.ScoreP05, "median": s.ScoreMedian, "P95": s.ScoreP95} {
						if assert.NotNil(t, got, "score %s of %s", name, a.AgencyID) {
							assert.True(t, got.Equal(*a.Score), "score %s of %s = %s, want %s", name, a.AgencyID, got, a.Score)
						}
					}
					assert.Equal(t, [3]int{a.Rank, a.Rank, a.Rank}, [3]int{s.RankP05, s.RankMedian, s.RankP95}, "ranks of %s", a.AgencyID)
					assert.Equal(t, 1.0, s.GradeShares[a.Grade], "share of grade %s for %s", a.Grade, a.AgencyID)
				}
			})
		}
	}
	for _, code := range []score.FlagCode{score.FlagKnockout, score.FlagReweighted, score.FlagMissingZero,
		score.FlagWithheld, score.FlagNotScored, score.FlagInsufficientData} {
		assert.True(t, seen[code], "no fixture raised %s: the test does not cover it", code)
	}
}

// TestSensitivityDrawnMethodMatchesScoring checks that drawing a single
// aggregation gives, run after run, the scores of the standard that
// declares it.
func TestSensitivityDrawnMethodMatchesScoring(t *testing.T) {
	ds, opts := synthDataset(20_000, 80, 11), score.Options{AsOf: synthAsOf}
	base := rubric.Default()
	rep := scoreUnder(t, base, ds, opts)
	tests := []struct {
		name      string
		top, dims rubric.Aggregation
	}{
		{"geometric overall", rubric.Geometric, ""},
		{"minimum overall", rubric.Minimum, ""},
		{"geometric dimensions", "", rubric.Geometric},
		{"minimum dimensions, geometric overall", rubric.Geometric, rubric.Minimum},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			declared := rubric.Default()
			var so sensitivity.Options
			if tt.top != "" {
				declared.Method.Aggregation = tt.top
				so.Aggregations = []rubric.Aggregation{tt.top}
			}
			if tt.dims != "" {
				for i := range declared.Dimensions {
					declared.Dimensions[i].Method.Aggregation = tt.dims
				}
				so.DimensionAggregations = []rubric.Aggregation{tt.dims}
			}
			so.Runs = 5
			want := scoreUnder(t, declared, ds, opts)
			byID := map[string]score.AgencyScore{}
			for _, a := range want.Agencies {
				byID[a.AgencyID] = a
			}
			sens, err := sensitivity.Analyze(rep, base, so)
			require.NoError(t, err)
			for _, s := range sens.Agencies {
				w := byID[s.AgencyID]
				if w.Score == nil {
					assert.Nil(t, s.ScoreMedian, "%s has no score under the declared method", s.AgencyID)
					continue
				}
				if assert.NotNil(t, s.ScoreMedian, "%s", s.AgencyID) {
					assert.True(t, s.ScoreMedian.Equal(*w.Score), "Sensitivity(%s) score of %s = %s, scoring under it gives %s",
						tt.name, s.AgencyID, s.ScoreMedian, w.Score)
				}
				assert.Equal(t, w.Rank, s.RankMedian, "rank of %s", s.AgencyID)
			}
		})
	}
}

// handRubric is one dimension of two criteria, x and y, weighted 0.5 each,
// both response rates on goalposts from 0 to 1, so that a rate of v earns
// 100·v points.
func handRubric() rubric.Rubric {
	unit := rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}
	half := decimal.RequireFromString("0.5")
	return rubric.Rubric{
		ID: "hand", Version: "1",
		Dimensions: []rubric.Dimension{{ID: "d", Weight: decimal.NewFromInt(1), Criteria: []rubric.Criterion{
			{ID: "x", Metric: rubric.ResponseRate, Scale: unit, Weight: half},
			{ID: "y", Metric: rubric.ResponseRate, Scale: unit, Weight: half},
		}}},
		Grades: rubric.DefaultGrades(),
	}
}

// handReport builds, without scoring records, the report of handRubric for
// agencies whose rates on x and y are given in hundredths; they must be
// listed by descending mean, which is their score.
func handReport(t *testing.T, rates map[string][2]int64, order ...string) *score.Report {
	t.Helper()
	r := handRubric()
	hash, err := r.Hash()
	require.NoError(t, err)
	rep := &score.Report{Rubric: score.RubricRef{ID: r.ID, Version: r.Version, Hash: hash}, Grades: r.Grades}
	for i, id := range order {
		a := score.AgencyScore{AgencyID: id, Rank: i + 1}
		ds := score.DimensionScore{ID: "d", Weight: decimal.NewFromInt(1)}
		total := decimal.Zero
		for j, cid := range []string{"x", "y"} {
			v := decimal.New(rates[id][j], -2)
			p := v.Shift(2)
			total = total.Add(p.Div(decimal.NewFromInt(2)))
			ds.Criteria = append(ds.Criteria, score.CriterionScore{ID: cid, Metric: rubric.ResponseRate, Status: score.StatusScored,
				Measure: score.Measure{Value: &v, N: 100}, Points: &p, Weight: decimal.RequireFromString("0.5")})
		}
		total = total.Round(2)
		ds.Score = &total
		a.Dimensions = []score.DimensionScore{ds}
		a.Score = &total
		g, _ := r.GradeFor(total)
		a.Grade = g.ID
		if i > 0 && rep.Agencies[i-1].Score.Equal(total) {
			a.Rank = rep.Agencies[i-1].Rank
		}
		rep.Agencies = append(rep.Agencies, a)
	}
	return rep
}

// ratioCDF is P(100·f1/(f1+f2) <= s) for f1, f2 independent and uniform on
// [1-x, 1+x], by the midpoint rule over f2: the score of an agency with
// 100 points on one of two equally weighted criteria and 0 on the other,
// under weight noise x. It is the test's independent reference.
func ratioCDF(s, x float64) float64 {
	c := s / (100 - s) // f1 <= c·f2
	lo, hi := 1-x, 1+x
	const steps = 20000
	sum := 0.0
	for i := range steps {
		f2 := lo + (hi-lo)*(float64(i)+0.5)/steps
		sum += min(max(c*f2-lo, 0), hi-lo) / (hi - lo)
	}
	return sum / steps
}

// TestSensitivityWeightNoiseByHand compares the score percentiles of an
// agency with 100 and 0 points under 20% weight noise with the quantiles of
// their distribution worked out by integration.
func TestSensitivityWeightNoiseByHand(t *testing.T) {
	rep := handReport(t, map[string][2]int64{"split": {100, 0}, "even": {50, 50}}, "split", "even")
	sens, err := sensitivity.Analyze(rep, handRubric(), sensitivity.Options{Runs: 40_000, Seed: 9, WeightNoise: 0.2})
	require.NoError(t, err)
	split := sens.Agencies[0]
	for _, q := range []struct {
		p   float64
		got *decimal.Decimal
	}{{0.05, split.ScoreP05}, {0.5, split.ScoreMedian}, {0.95, split.ScoreP95}} {
		lo, hi := 40.0, 60.0 // the quantile, by bisection on ratioCDF
		for range 50 {
			if mid := (lo + hi) / 2; ratioCDF(mid, 0.2) < q.p {
				lo = mid
			} else {
				hi = mid
			}
		}
		require.NotNil(t, q.got)
		assert.InDelta(t, lo, q.got.InexactFloat64(), 0.15, "score percentile %v of split: got %s, integration gives %.3f", q.p, q.got, lo)
	}
	even := sens.Agencies[1]
	assert.True(t, even.ScoreP05.Equal(decimal.NewFromInt(50)) && even.ScoreP95.Equal(decimal.NewFromInt(50)),
		"even points move with the weights: %s-%s", even.ScoreP05, even.ScoreP95)
	// split beats even when its weight draws more; ties (both 50.00) count half.
	assert.InDelta(t, 0.5, sens.Outranks("split", "even"), 0.01, "Outranks(split, even)")
	assert.InDelta(t, 1, sens.Outranks("split", "even")+sens.Outranks("even", "split"), 1e-12, "Outranks both ways")
}

// TestSensitivityGoalpostShift checks that moved goalposts recompute the
// points from the measure: a rate of 0.5 on goalposts 0..1 moved by up to
// 20% of their span earns between 30 and 70 points.
func TestSensitivityGoalpostShift(t *testing.T) {
	rep := handReport(t, map[string][2]int64{"mid": {50, 50}, "top": {100, 100}, "low": {0, 0}}, "top", "mid", "low")
	sens, err := sensitivity.Analyze(rep, handRubric(), sensitivity.Options{Runs: 5000, Seed: 4, GoalpostShift: 0.2})
	require.NoError(t, err)
	byID := map[string]sensitivity.Agency{}
	for _, a := range sens.Agencies {
		byID[a.AgencyID] = a
	}
	mid := byID["mid"]
	assert.True(t, mid.ScoreP05.GreaterThanOrEqual(decimal.NewFromInt(30)) && mid.ScoreP95.LessThanOrEqual(decimal.NewFromInt(70)),
		"mid scores %s-%s, outside 30-70", mid.ScoreP05, mid.ScoreP95)
	assert.True(t, mid.ScoreP05.LessThan(decimal.NewFromInt(45)) && mid.ScoreP95.GreaterThan(decimal.NewFromInt(55)),
		"mid scores %s-%s: the goalposts hardly moved", mid.ScoreP05, mid.ScoreP95)
	assert.InDelta(t, 50, mid.ScoreMedian.InexactFloat64(), 1, "median score of mid")
	// A rate of 1 stays at 100 when Best moves down, and falls when it moves up.
	assert.True(t, byID["top"].ScoreP05.LessThan(decimal.NewFromInt(100)), "top never fell below 100")
	assert.Equal(t, 1.0, sens.Outranks("top", "low"), "Outranks(top, low)")
}

// TestSensitivityDeterminism checks that the result depends on the seed
// and on nothing else: not on Workers, not on GOMAXPROCS.
func TestSensitivityDeterminism(t *testing.T) {
	r := rubric.Default()
	rep := scoreUnder(t, r, goldenDataset(), score.Options{AsOf: goldenAsOf})
	ids := make([]string, len(rep.Agencies))
	for i, a := range rep.Agencies {
		ids[i] = a.AgencyID
	}
	run := func(seed uint64, workers int) string {
		t.Helper()
		sens, err := sensitivity.Analyze(rep, r, sensitivity.Options{
			Runs: 777, Seed: seed, WeightNoise: 0.3, GoalpostShift: 0.15, Workers: workers,
			Aggregations:          []rubric.Aggregation{rubric.Arithmetic, rubric.Geometric},
			DimensionAggregations: []rubric.Aggregation{rubric.Arithmetic, rubric.Geometric, rubric.Minimum},
		})
		require.NoError(t, err)
		var b bytes.Buffer
		require.NoError(t, json.NewEncoder(&b).Encode(sens))
		require.NoError(t, sens.WriteText(&b))
		for _, a := range ids {
			for _, c := range ids {
				fmt.Fprintf(&b, "%s>%s %v\n", a, c, sens.Outranks(a, c))
			}
		}
		return b.String()
	}
	want := run(42, 1)
	for _, workers := range []int{2, 8} {
		assert.Equal(t, want, run(42, workers), "Sensitivity with Workers %d differs from Workers 1", workers)
	}
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		assert.Equal(t, want, run(42, 0), "Sensitivity with GOMAXPROCS %d differs", procs)
	}
	assert.NotEqual(t, want, run(43, 0), "seeds 42 and 43 gave the same result")
}

// TestOutranks checks the tie rule and agencies without a score.
func TestOutranks(t *testing.T) {
	rep := handReport(t, map[string][2]int64{"a": {80, 80}, "b": {60, 100}, "c": {10, 10}}, "a", "b", "c")
	rep.Agencies = append(rep.Agencies, score.AgencyScore{AgencyID: "none", Dimensions: []score.DimensionScore{{ID: "d",
		Criteria: []score.CriterionScore{{ID: "x", Status: score.StatusNoData}, {ID: "y", Status: score.StatusNoData}}}}})
	sens, err := sensitivity.Analyze(rep, handRubric(), sensitivity.Options{Runs: 10})
	require.NoError(t, err)
	tests := []struct {
		a, b string
		want float64
	}{
		{"a", "b", 0.5}, // tied at 80
		{"a", "c", 1},
		{"c", "a", 0},
		{"c", "none", 1}, // a score beats none
		{"none", "none", 0.5},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, sens.Outranks(tt.a, tt.b), "Outranks(%s, %s)", tt.a, tt.b)
	}
	assert.True(t, math.IsNaN(sens.Outranks("a", "nobody")), "Outranks with an unknown agency is not NaN")
	none := sens.Agencies[3]
	assert.Zero(t, none.Scored)
	assert.Zero(t, none.RankMedian)
}

// TestSensitivityRejects checks the errors for a rubric other than the
// report's, a report that its rubric does not explain, and bad options.
func TestSensitivityRejects(t *testing.T) {
	r := rubric.Default()
	rep := scoreUnder(t, r, goldenDataset(), score.Options{AsOf: goldenAsOf})

	other := rubric.Default()
	other.Dimensions[0].Weight, other.Dimensions[1].Weight = decimal.RequireFromString("0.35"), decimal.RequireFromString("0.3")
	_, err := sensitivity.Analyze(rep, other, sensitivity.Options{})
	assert.ErrorIs(t, err, sensitivity.ErrRubricMismatch, "Sensitivity(report, another rubric)")

	tampered := *rep
	tampered.Agencies = append([]score.AgencyScore(nil), rep.Agencies...)
	bumped := tampered.Agencies[0].Score.Add(decimal.RequireFromString("0.01"))
	tampered.Agencies[0].Score = &bumped
	_, err = sensitivity.Analyze(&tampered, r, sensitivity.Options{})
	assert.ErrorIs(t, err, sensitivity.ErrRubricMismatch, "Sensitivity(tampered report)")

	_, err = sensitivity.Analyze(nil, r, sensitivity.Options{})
	assert.ErrorIs(t, err, sensitivity.ErrRubricMismatch, "Sensitivity(nil)")

	_, err = sensitivity.Analyze(rep, r, sensitivity.Options{Runs: -1, Workers: -2, WeightNoise: 1, GoalpostShift: math.NaN(),
		Aggregations: []rubric.Aggregation{"median"}})
	require.ErrorIs(t, err, sensitivity.ErrOptions)
	for _, field := range []string{"Runs", "Workers", "WeightNoise", "GoalpostShift", "Aggregations"} {
		assert.Contains(t, err.Error(), field+":", "the error does not name %s", field)
	}
}

// BenchmarkSensitivity runs 10,000 runs of weight noise, drawn overall
// aggregation and moved goalposts over the report of 200 agencies (100,000
// synthetic inquiries under the default standard), on GOMAXPROCS workers.
func BenchmarkSensitivity(b *testing.B) {
	r := rubric.Default()
	rep := scoreUnder(b, r, synthDataset(100_000, 200, 2025), score.Options{AsOf: synthAsOf})
	opts := sensitivity.Options{Runs: 10_000, Seed: 1, WeightNoise: 0.2, GoalpostShift: 0.1,
		Aggregations: []rubric.Aggregation{rubric.Arithmetic, rubric.Geometric}}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := sensitivity.Analyze(rep, r, opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(opts.Runs)*float64(b.N)/b.Elapsed().Seconds(), "runs/s")
}

// ExampleAnalyze shows how much the golden fixture's ranking depends
// on the default standard's weights and overall aggregation.
func ExampleAnalyze() {
	std := rubric.Default()
	sc, err := score.New(std, score.Options{AsOf: goldenAsOf})
	if err != nil {
		panic(err)
	}
	rep, err := sc.Score(goldenDataset())
	if err != nil {
		panic(err)
	}
	sens, err := sensitivity.Analyze(rep, std, sensitivity.Options{
		Runs: 1000, Seed: 7, WeightNoise: 0.25,
		Aggregations: []rubric.Aggregation{rubric.Arithmetic, rubric.Geometric},
	})
	if err != nil {
		panic(err)
	}
	if err := sens.WriteText(os.Stdout); err != nil {
		panic(err)
	}
	fmt.Printf("\nswift above unstaffed in %.0f%% of runs\n", 100*sens.Outranks("swift", "unstaffed"))
	// Output:
	// 1000 runs, seed 7: weights x U[0.75, 1.25], renormalised; overall aggregation from arithmetic, geometric
	//
	// Rank  Agency              Score  Median rank  Rank 5%-95%  Exemplary  Responsive  Slow    Unresponsive  Silent  No score
	// 1     Swift Ministry      98.48  1            1-1          100.0%     -           -       -             -       -
	// 2     Unstaffed Office    87.60  2            2-2          44.3%      55.7%       -       -             -       -
	// 3     Herald Authority    62.76  3            3-3          -          -           100.0%  -             -       -
	// 4     Silent Presidency   24.00  4            4-4          -          -           -       -             100.0%  -
	// -     Dormant Commission  -      -            -            -          -           -       -             -       100.0%
	//
	// swift above unstaffed in 100% of runs
}

// TestWriteTextHostileNames checks that a name read back from a report
// cannot add a line or a column to the text table.
func TestWriteTextHostileNames(t *testing.T) {
	rep := handReport(t, map[string][2]int64{"a": {100, 0}, "b": {50, 50}}, "a", "b")
	sens, err := sensitivity.Analyze(rep, handRubric(), sensitivity.Options{Runs: 100, Seed: 1, WeightNoise: 0.2})
	require.NoError(t, err)
	var plain strings.Builder
	require.NoError(t, sens.WriteText(&plain))
	sens.Agencies[0].Name = "Forged\n1  fake  100\tx\u202e"
	var hostile strings.Builder
	require.NoError(t, sens.WriteText(&hostile))
	assert.Equal(t, strings.Count(plain.String(), "\n"), strings.Count(hostile.String(), "\n"), "lines")
	assert.Contains(t, hostile.String(), `Forged\n1  fake  100\tx\u202e`)
	assert.NotContains(t, hostile.String(), "\u202e")
}
