package score

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
)

func TestEveryMetricHasADefinition(t *testing.T) {
	for _, m := range rubric.Metrics() {
		def, ok := metrics[m]
		if !ok || def.measure == nil || (def.tally == counted) != (def.count != nil) {
			t.Errorf("metric %q: definition %+v, want a measure, and a count function exactly when counted", m, def)
		}
	}
	if len(metrics) != len(rubric.Metrics()) {
		t.Errorf("%d metric definitions for %d rubric metrics", len(metrics), len(rubric.Metrics()))
	}
}

// TestDayTally checks the days waited and replied against a count day by
// day, for inquiries over a year (dense) and over centuries (sparse), added
// to one tally or split over several and merged.
func TestDayTally(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const day = 86400
	for _, tc := range []struct {
		name string
		span int64 // days over which receipts fall
		n    int
	}{{"a year", 365, 2000}, {"a month, few", 30, 5}, {"centuries", 80000, 300}} {
		t.Run(tc.name, func(t *testing.T) {
			asOf := int64(20000) * day
			obsList := make([]obs, tc.n)
			for i := range obsList {
				o := obs{recv: asOf - rng.Int64N(tc.span*day), delay: -1}
				if rng.IntN(3) > 0 {
					o.delay = min(rng.Int64N(20*day), asOf-o.recv)
				}
				obsList[i] = o
			}
			since := asOf - tc.span*day/2 // half the inquiries arrive before it
			first, last := floorDay(since), floorDay(asOf-1)
			// Day by day: a day is waited on when an inquiry arrived by
			// it and was not answered before it; replied when a reply in
			// [since, asOf) fell on it.
			wantWaiting, wantReplied := 0, 0
			for d := first; d <= last; d++ {
				waiting, replied := false, false
				for _, o := range obsList {
					if floorDay(o.recv) <= d && (o.delay < 0 || floorDay(o.recv+o.delay) >= d) {
						waiting = true
					}
					if at := o.recv + o.delay; o.delay >= 0 && floorDay(at) == d && at < asOf && at >= since {
						replied = true
					}
				}
				if waiting {
					wantWaiting++
				}
				if replied {
					wantReplied++
				}
			}
			for _, parts := range []int{1, 3} {
				tallies := make([]dayTally, parts)
				for i := range tallies {
					tallies[i].clk.loc = time.UTC
				}
				for i := range obsList {
					tallies[i%parts].add(&obsList[i], asOf, since, true)
				}
				for i := 1; i < parts; i++ {
					tallies[0].merge(&tallies[i])
				}
				waiting, replied := tallies[0].count(first, last)
				if waiting != wantWaiting || replied != wantReplied {
					t.Errorf("%d parts: count = %d waiting, %d replied; want %d, %d", parts, waiting, replied, wantWaiting, wantReplied)
				}
				if dense := tallies[0].dayMany == nil || tallies[0].sparse == nil; dense != (tc.span < 4096) {
					t.Errorf("%d parts: dense = %v for a span of %d days", parts, dense, tc.span)
				}
			}
		})
	}
}

func floorDay(unix int64) int64 {
	d := unix / 86400
	if unix%86400 < 0 {
		d--
	}
	return d
}

// TestDayTallyMergeOverflow merges two dense tallies in which one day's
// change, summed, leaves an int32: the days turn sparse in the middle of
// the merge, and every day after that one still counts.
func TestDayTallyMergeOverflow(t *testing.T) {
	var a, b dayTally
	a.clk.loc, b.clk.loc = time.UTC, time.UTC
	for d := range int64(40) { // more days than the short list holds: dense
		a.bump(d, 1, false)
		b.bump(d, 1, false)
	}
	a.bump(5, 2147483000, false) // 2,147,483,001 on day 5
	b.bump(5, 1000, false)       // 1,001: the sum is past 2³¹-1
	a.bump(30, -2147483031, false)
	b.bump(30, -1031, false) // day 30 closes all 2,147,484,062 opened by then
	b.bump(10, 0, true)      // a reply on day 9
	b.bump(36, 0, true)      // and on day 35, after the overflow
	require.NotNil(t, a.dayMany)
	require.NotNil(t, b.dayMany)
	require.Nil(t, a.sparse)
	require.Nil(t, b.sparse)
	a.merge(&b)
	waiting, replied := a.count(0, 39)
	// Days 0-29 and 31-39 have inquiries waiting (two more arrive on day
	// 31); day 30 none.
	assert.Equal(t, 39, waiting)
	assert.Equal(t, 2, replied)
}
