package score

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/shopspring/decimal"
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
		name       string
		span       int64 // days over which receipts fall
		n          int
		maxWait    int64 // days
		unanswered int   // one inquiry in unanswered is, when not 0
	}{
		{"a year", 365, 2000, 20, 3},
		{"a year, days without", 365, 150, 2, 0},
		{"a year, long waits", 365, 40, 300, 0},
		{"a year, late unanswered", 365, 300, 3, 50},
		{"a month, few", 30, 5, 20, 3},
		{"a month, a few dozen", 30, 40, 3, 0},
		{"centuries", 80000, 300, 20, 0},
		{"decades, many", 30000, 3000, 100, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			asOf := int64(20000) * day
			obsList := make([]obs, tc.n)
			for i := range obsList {
				o := obs{recv: asOf - rng.Int64N(tc.span*day), delay: -1}
				if tc.unanswered == 0 || rng.IntN(tc.unanswered) > 0 {
					o.delay = min(rng.Int64N(tc.maxWait*day), asOf-o.recv)
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
			for _, parts := range []int{1, 3, 7} {
				// As a parallel read does it: runs of inquiries go to a
				// few tallies, each merged into the total after its run
				// and used again, emptied by the merge.
				var total dayTally
				total.clk.loc = time.UTC
				tallies := make([]dayTally, parts)
				for i := range tallies {
					tallies[i].clk.loc = time.UTC
				}
				for lo := 0; lo < len(obsList); {
					hi := min(len(obsList), lo+1+rng.IntN(2*len(obsList)/parts+1))
					part := &tallies[rng.IntN(parts)]
					for i := lo; i < hi; i++ {
						part.add(&obsList[i], asOf, since, true)
					}
					total.merge(part)
					lo = hi
				}
				waiting, replied := total.count(first, last)
				if waiting != wantWaiting || replied != wantReplied {
					t.Errorf("%d parts: count = %d waiting, %d replied; want %d, %d", parts, waiting, replied, wantWaiting, wantReplied)
				}
				// Bits while the days span at most 256 words, or a word an
				// inquiry; maps when they span more than both. (In between,
				// a total may have turned to maps before it had enough
				// inquiries, and keeps them.)
				sparse := total.dayMany != nil && total.sparse
				if tc.span < 255*64 && sparse || tc.span > 257*64 && int64(tc.n) < tc.span/64 && !sparse {
					t.Errorf("%d parts: sparse = %v for %d inquiries over %d days", parts, sparse, tc.n, tc.span)
				}
				for i := range tallies {
					if w, r := tallies[i].count(first, last); w != 0 || r != 0 || tallies[i].n != 0 {
						t.Errorf("%d parts: a tally merged is not empty: %d inquiries, %d days waiting, %d replied", parts, tallies[i].n, w, r)
					}
				}
			}
		})
	}
}

// TestDayBits checks the bit helpers of dayTally against a bit at a time.
func TestDayBits(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		w := make([]uint64, 1+rng.IntN(4))
		n := uint64(len(w)) * 64
		set := make([]bool, n)
		for range rng.IntN(6) {
			i := rng.Uint64N(n)
			j := min(n-1, i+rng.Uint64N(64))
			setBits(w, i, j)
			for k := i; k <= j; k++ {
				set[k] = true
			}
		}
		lo := int64(rng.IntN(1000)) - 500
		// runs and ones, against the bools
		var gotRuns, wantRuns [][2]int64
		runs(w, lo, func(a, b int64) { gotRuns = append(gotRuns, [2]int64{a, b}) })
		var gotOnes, wantOnes []int64
		ones(w, lo, func(d int64) { gotOnes = append(gotOnes, d) })
		for k := 0; k < len(set); k++ {
			if set[k] {
				wantOnes = append(wantOnes, lo+int64(k))
				if k == 0 || !set[k-1] {
					wantRuns = append(wantRuns, [2]int64{lo + int64(k), 0})
				}
				if k == len(set)-1 || !set[k+1] {
					wantRuns[len(wantRuns)-1][1] = lo + int64(k)
				}
			}
		}
		require.Equal(t, wantRuns, gotRuns, "runs of %x", w)
		require.Equal(t, wantOnes, gotOnes, "ones of %x", w)
		first := lo + int64(rng.IntN(len(set)+20)) - 10
		last := first + int64(rng.IntN(len(set)+20)) - 5
		want := 0
		for k := range set {
			if d := lo + int64(k); set[k] && d >= first && d <= last {
				want++
			}
		}
		require.Equal(t, want, countBits(w, lo, first, last), "countBits(%x, %d, %d, %d)", w, lo, first, last)
	}
}

func floorDay(unix int64) int64 {
	d := unix / 86400
	if unix%86400 < 0 {
		d--
	}
	return d
}

// TestPlanSharesCounters checks that criteria and gates that count the same
// way share one counter: the default standard's response_rate and its
// answers gate both count inquiries 72 hours old and answered.
func TestPlanSharesCounters(t *testing.T) {
	s, err := New(rubric.Default(), Options{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	var rate *criterion
	for i := range s.criteria {
		if s.criteria[i].ID == "response_rate" {
			rate = &s.criteria[i]
		}
	}
	gate := &s.gates[0]
	if got, want := s.plan.slot[gate.index], s.plan.slot[rate.index]; got != want {
		t.Errorf("the answers gate counts in tally %d, response_rate in %d: want one shared", got, want)
	}
	// response_rate (and the gate), within_24h, long_silence and the
	// journalists' response_rate, which a filter sets apart.
	if n := len(s.plan.counted); n != 4 {
		t.Errorf("%d counter tallies, want 4", n)
	}
}

// TestBusinessGateLoadsCalendars checks that a gate counted in business
// time, alone in the rubric to use it, makes the scorer load calendars.
func TestBusinessGateLoadsCalendars(t *testing.T) {
	r := rubric.Default()
	r.Gates = []rubric.Gate{{ID: "within_8h", Metric: rubric.WithinTargetRate,
		Params: rubric.Params{TargetHours: decPtr("8"), Clock: rubric.BusinessClock}, Min: decPtr("0.5"), Grade: "slow"}}
	s, err := New(r, Options{AsOf: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if !s.business {
		t.Errorf("a business-time gate does not make the scorer load calendars")
	}
}

func decPtr(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

func TestPendingObsSize(t *testing.T) {
	if n := unsafe.Sizeof(pendingObs{}); n != 64 && unsafe.Sizeof(uintptr(0)) == 8 { // 60 where int64 aligns on 4 bytes
		t.Errorf("pendingObs is %d bytes, want 64 (a cache line)", n)
	}
	if pointers(reflect.TypeFor[pendingObs]()) {
		t.Error("pendingObs holds a pointer: each one written costs a write barrier while the collector runs")
	}
}

// pointers reports whether a value of type t holds a pointer.
func pointers(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			if pointers(t.Field(i).Type) {
				return true
			}
		}
		return false
	case reflect.Array:
		return t.Len() > 0 && pointers(t.Elem())
	case reflect.Pointer, reflect.UnsafePointer, reflect.Slice, reflect.String, reflect.Map, reflect.Chan,
		reflect.Func, reflect.Interface:
		return true
	}
	return false
}
