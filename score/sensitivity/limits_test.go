package sensitivity_test

import (
	"fmt"
	"math"
	"runtime"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/sensitivity"
)

// This file tests that no option can make Analyze panic or take memory
// without bound.

// manyReport returns the report of handRubric for n agencies with rates
// of 0.5 on both criteria, all ranked first together.
func manyReport(t *testing.T, n int) *score.Report {
	t.Helper()
	rates := map[string][2]int64{}
	var order []string
	for i := range n {
		id := fmt.Sprintf("a%04d", i)
		rates[id] = [2]int64{50, 50}
		order = append(order, id)
	}
	return handReport(t, rates, order...)
}

// TestSensitivityOptionLimits checks every option at and past its
// bounds, each case with the error it must give. Before MaxRuns and
// MaxRanks, Runs of 1<<62 and of the largest int panicked ("makeslice:
// len out of range", the ranks of every run of every agency), Runs of
// 1,000,001 was accepted, and so were a million runs of 101 agencies,
// 808 MB of scores and ranks. The other cases held already.
func TestSensitivityOptionLimits(t *testing.T) {
	small := handReport(t, map[string][2]int64{"top": {100, 100}, "mid": {50, 50}}, "top", "mid")
	below := func(x float64) float64 { return math.Nextafter(x, 0) }
	tests := []struct {
		name string
		rep  *score.Report
		opts sensitivity.Options
		want string // the error, in full; empty for none
	}{
		{"Runs negative", small, sensitivity.Options{Runs: -1},
			"sensitivity: bad option: Runs: -1 is negative"},
		{"Runs at MaxRuns", small, sensitivity.Options{Runs: sensitivity.MaxRuns}, ""},
		{"Runs past MaxRuns", small, sensitivity.Options{Runs: sensitivity.MaxRuns + 1},
			"sensitivity: bad option: Runs: 1000001 is more than MaxRuns (1000000)"},
		{"Runs of 1<<62", small, sensitivity.Options{Runs: min(1<<62, math.MaxInt)}, // math.MaxInt where an int has 32 bits
			fmt.Sprintf("sensitivity: bad option: Runs: %d is more than MaxRuns (1000000)", min(1<<62, math.MaxInt))},
		{"Runs of the largest int", small, sensitivity.Options{Runs: math.MaxInt},
			fmt.Sprintf("sensitivity: bad option: Runs: %d is more than MaxRuns (1000000)", math.MaxInt)},
		{"Runs times agencies past MaxRanks", manyReport(t, 101), sensitivity.Options{Runs: sensitivity.MaxRuns},
			"sensitivity: bad option: Runs: 1000000 runs of 101 agencies are 101000000 ranks, more than MaxRanks (100000000)"},
		// 990,099 runs of 101 agencies are 99,999,999 ranks, within the
		// limit; one run more is not.
		{"Runs times agencies just past MaxRanks", manyReport(t, 101), sensitivity.Options{Runs: sensitivity.MaxRanks/101 + 1},
			"sensitivity: bad option: Runs: 990100 runs of 101 agencies are 100000100 ranks, more than MaxRanks (100000000)"},
		{"Workers negative", small, sensitivity.Options{Runs: 10, Workers: -1},
			"sensitivity: bad option: Workers: -1 is negative"},
		{"Workers of 1<<62", small, sensitivity.Options{Runs: 10, Workers: min(1<<62, math.MaxInt)}, ""},
		{"WeightNoise NaN", small, sensitivity.Options{WeightNoise: math.NaN()},
			"sensitivity: bad option: WeightNoise: NaN is not in [0, 1)"},
		{"WeightNoise infinite", small, sensitivity.Options{WeightNoise: math.Inf(1)},
			"sensitivity: bad option: WeightNoise: +Inf is not in [0, 1)"},
		{"WeightNoise huge", small, sensitivity.Options{WeightNoise: math.MaxFloat64},
			"sensitivity: bad option: WeightNoise: 1.7976931348623157e+308 is not in [0, 1)"},
		{"WeightNoise negative", small, sensitivity.Options{WeightNoise: -math.SmallestNonzeroFloat64},
			"sensitivity: bad option: WeightNoise: -5e-324 is not in [0, 1)"},
		{"WeightNoise 1", small, sensitivity.Options{WeightNoise: 1},
			"sensitivity: bad option: WeightNoise: 1 is not in [0, 1)"},
		{"WeightNoise just below 1", small, sensitivity.Options{Runs: 5000, WeightNoise: below(1)}, ""},
		{"GoalpostShift NaN", small, sensitivity.Options{GoalpostShift: math.NaN()},
			"sensitivity: bad option: GoalpostShift: NaN is not in [0, 0.5)"},
		{"GoalpostShift negative infinite", small, sensitivity.Options{GoalpostShift: math.Inf(-1)},
			"sensitivity: bad option: GoalpostShift: -Inf is not in [0, 0.5)"},
		{"GoalpostShift huge", small, sensitivity.Options{GoalpostShift: 1e300},
			"sensitivity: bad option: GoalpostShift: 1e+300 is not in [0, 0.5)"},
		{"GoalpostShift 0.5", small, sensitivity.Options{GoalpostShift: 0.5},
			"sensitivity: bad option: GoalpostShift: 0.5 is not in [0, 0.5)"},
		{"GoalpostShift just below 0.5", small, sensitivity.Options{Runs: 5000, GoalpostShift: below(0.5)}, ""},
		{"an unknown aggregation", small, sensitivity.Options{Aggregations: []rubric.Aggregation{"median"}},
			`sensitivity: bad option: Aggregations: unknown aggregation "median" (want arithmetic, geometric or minimum)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sens, err := sensitivity.Analyze(tt.rep, handRubric(), tt.opts)
			if tt.want != "" {
				assert.ErrorIs(t, err, sensitivity.ErrOptions, "Analyze(%+v)", tt.opts)
				assert.EqualError(t, err, tt.want, "Analyze(%+v)", tt.opts)
				assert.Nil(t, sens, "Analyze(%+v)", tt.opts)
				return
			}
			require.NoError(t, err, "Analyze(%+v)", tt.opts)
			checkInRange(t, sens)
		})
	}
}

// checkInRange checks that every score and rank of the analysis is one a
// report can have.
func checkInRange(t *testing.T, sens *sensitivity.Report) {
	t.Helper()
	n := len(sens.Agencies)
	for _, a := range sens.Agencies {
		for _, r := range []int{a.RankP05, a.RankMedian, a.RankP95} {
			assert.True(t, r >= 1 && r <= n, "%s: rank %d of %d agencies", a.AgencyID, r, n)
		}
		for _, s := range []*decimal.Decimal{a.ScoreP05, a.ScoreMedian, a.ScoreP95} {
			if assert.NotNil(t, s, "%s: a score", a.AgencyID) {
				assert.True(t, s.Sign() >= 0 && s.Cmp(decimal.NewFromInt(100)) <= 0, "%s: score %s", a.AgencyID, s)
			}
		}
		assert.InDelta(t, 1, a.Scored, 0, "%s: share of runs scored", a.AgencyID)
	}
}

// TestSensitivityGoalpostsFloatCannotTellApart checks goalposts that
// differ as decimals but are the same float64, 999999999.999999999999 and
// 1000000000, with measures on them: moving them gave each run's points
// from 0 times infinity, NaN, which converts to no integer in particular:
// every run scored both agencies 0 where the report has 75 and 50 (and
// with one such criterion of two, anything from 17.82 to 50), and another
// machine could differ. Such a scale now keeps the report's points, as
// scales that are not goalposts do, so every run reproduces the report.
func TestSensitivityGoalpostsFloatCannotTellApart(t *testing.T) {
	r := handRubric()
	for j := range r.Dimensions[0].Criteria {
		r.Dimensions[0].Criteria[j].Scale = rubric.Scale{Kind: rubric.Goalposts,
			Worst: ptr("999999999.999999999999"), Best: ptr("1000000000")}
	}
	require.NoError(t, r.Validate())
	hash, err := r.Hash()
	require.NoError(t, err)
	rep := handReport(t, map[string][2]int64{"a": {100, 50}, "b": {50, 50}}, "a", "b")
	rep.Rubric.Hash = hash
	v := decimal.NewFromInt(1_000_000_000)
	for i := range rep.Agencies {
		for j := range rep.Agencies[i].Dimensions[0].Criteria {
			rep.Agencies[i].Dimensions[0].Criteria[j].Measure.Value = &v
		}
	}
	sens, err := sensitivity.Analyze(rep, r, sensitivity.Options{Runs: 2000, Seed: 3, GoalpostShift: 0.2})
	require.NoError(t, err)
	checkInRange(t, sens)
	for i, a := range sens.Agencies {
		assert.True(t, a.ScoreP05.Equal(*rep.Agencies[i].Score) && a.ScoreP95.Equal(*rep.Agencies[i].Score),
			"%s: scores %s to %s, the report's %s", a.AgencyID, a.ScoreP05, a.ScoreP95, rep.Agencies[i].Score)
	}
}

// TestSensitivityMemory checks the documented cost of an analysis: 8
// bytes for each run of each agency (a score and a rank), and a little
// for each worker, whatever Workers asks for: Analyze starts no more
// workers than there are blocks of 64 runs. (16.4 MB and 17.1 MB for
// 20,000 runs of 100 agencies.)
func TestSensitivityMemory(t *testing.T) {
	rep := manyReport(t, 100)
	for _, workers := range []int{1, min(1<<40, math.MaxInt)} {
		opts := sensitivity.Options{Runs: 20_000, Seed: 1, WeightNoise: 0.1, Workers: workers}
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		_, err := sensitivity.Analyze(rep, handRubric(), opts)
		runtime.ReadMemStats(&after)
		require.NoError(t, err)
		bytes := after.TotalAlloc - before.TotalAlloc
		ceiling := uint64(8*opts.Runs*len(rep.Agencies)) + 4<<20
		assert.LessOrEqual(t, bytes, ceiling, "Analyze(%d runs of %d agencies, Workers %d): %d bytes", opts.Runs, len(rep.Agencies), workers, bytes)
		t.Logf("Analyze(%d runs of %d agencies, Workers %d): %d bytes", opts.Runs, len(rep.Agencies), workers, bytes)
	}
}
