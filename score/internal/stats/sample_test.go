package stats

import (
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// sameCurve reports whether two curves are identical, bit for bit, NaN
// bounds included.
func sameCurve(a, b Curve) bool {
	bits := func(fs []float64) []uint64 {
		out := make([]uint64, len(fs))
		for i, f := range fs {
			out[i] = math.Float64bits(f)
		}
		return out
	}
	return reflect.DeepEqual(a.Times, b.Times) && reflect.DeepEqual(a.NRisk, b.NRisk) &&
		reflect.DeepEqual(a.NEvent, b.NEvent) && slices.Equal(bits(a.Surv), bits(b.Surv)) &&
		slices.Equal(bits(a.StdErr), bits(b.StdErr)) &&
		a.MaxTime == b.MaxTime && a.N == b.N &&
		a.Events == b.Events && a.Censored == b.Censored
}

func TestSortKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 255, 256, 1000, 70000} {
		for _, spread := range []uint32{1, 300, 1 << 20, 1<<32 - 1} {
			keys := make([]uint32, n)
			for i := range keys {
				keys[i] = uint32(r.Uint64N(uint64(spread) + 1))
			}
			want := slices.Clone(keys)
			slices.Sort(want)
			sortKeys(keys)
			if !slices.Equal(keys, want) {
				t.Errorf("sortKeys(%d keys below %d) is not sorted like slices.Sort", n, spread)
			}
		}
	}
}

// TestCurveReusing builds curves of samples large and small, each in the
// memory of the one before: each is the curve built afresh, whatever the
// memory held.
func TestCurveReusing(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 9))
	var old *Curve
	for _, n := range []int{5000, 3, 0, 700, 12000, 1, 40} {
		var a, b Sample
		for range n {
			tm, ev := r.Int64N(10*86400), r.IntN(3) > 0
			if r.IntN(50) == 0 {
				tm = 1<<31 + r.Int64N(100) // wide
			}
			a.Add(tm, ev)
			b.Add(tm, ev)
		}
		want := a.Curve()
		got := b.CurveReusing(old)
		if !sameCurve(got, want) {
			t.Fatalf("a curve of %d observations built in the memory of another differs from one built afresh", n)
		}
		old = &got
	}
}

// TestSampleMerge checks that a sample split into parts and merged in any
// order gives the curve of the whole, wide times included.
func TestSampleMerge(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	obs := make([]Obs, 20000)
	for i := range obs {
		obs[i] = Obs{Time: r.Int64N(40 * 86400), Event: r.IntN(4) > 0}
		switch i % 997 {
		case 1:
			obs[i].Time = 1<<31 + r.Int64N(1000) // beyond 68 years
		case 2:
			obs[i].Time = 1<<31 - 1 // the largest narrow time
		}
	}
	want := KaplanMeier(obs)
	for _, parts := range []int{1, 2, 7, 300} {
		samples := make([]Sample, parts)
		for i, o := range obs {
			samples[(i*31)%parts].Add(o.Time, o.Event)
		}
		var all Sample
		for _, p := range r.Perm(parts) {
			all.Merge(&samples[p])
			if samples[p].Len() != 0 {
				t.Fatalf("Merge left %d observations in the merged sample", samples[p].Len())
			}
		}
		if all.Len() != len(obs) {
			t.Fatalf("%d parts: Len() = %d after merging, want %d", parts, all.Len(), len(obs))
		}
		got := all.Curve()
		if !sameCurve(got, want) {
			t.Errorf("%d parts merged: curve differs from the curve of the whole sample", parts)
		}
		// Curve sorts in place; a second call gives the same curve.
		if again := all.Curve(); !sameCurve(again, want) {
			t.Errorf("%d parts merged: a second Curve() differs", parts)
		}
	}
}

// TestSampleWideTimes covers times a uint32 cannot hold: negative and of
// 68 years or more, which sort around the narrow ones.
func TestSampleWideTimes(t *testing.T) {
	var s Sample
	for _, o := range []Obs{{1 << 33, true}, {5, true}, {-3, false}, {1 << 31, false}, {5, false}, {7, true}} {
		s.Add(o.Time, o.Event)
	}
	var seen []Obs
	s.Each(func(t int64, e bool) { seen = append(seen, Obs{t, e}) })
	if len(seen) != 6 {
		t.Fatalf("Each saw %d observations, want 6", len(seen))
	}
	cv := s.Curve()
	// Hand calculation: at risk 6 at time -3 (censored), 5 at 5 (1 event,
	// 1 censored), 3 at 7 (1 event), 2 at 2³¹ (censored), 1 at 2³³ (event).
	wantTimes := []int64{5, 7, 1 << 33}
	wantRisk := []int{5, 3, 1}
	wantSurv := []float64{4.0 / 5, 4.0 / 5 * 2 / 3, 0}
	if !slices.Equal(cv.Times, wantTimes) || !slices.Equal(cv.NRisk, wantRisk) || !slices.Equal(cv.Surv, wantSurv) {
		t.Errorf("Curve() times %v risk %v surv %v, want %v %v %v", cv.Times, cv.NRisk, cv.Surv, wantTimes, wantRisk, wantSurv)
	}
	if cv.MaxTime != 1<<33 || cv.Events != 3 || cv.Censored != 3 {
		t.Errorf("Curve() MaxTime %d events %d censored %d, want %d 3 3", cv.MaxTime, cv.Events, cv.Censored, int64(1)<<33)
	}
}

func BenchmarkSampleCurveLarge(b *testing.B) {
	obs := benchmarkSample(1 << 20)
	b.ReportAllocs()
	for b.Loop() {
		var s Sample
		for _, o := range obs {
			s.Add(o.Time, o.Event)
		}
		_ = s.Curve()
	}
}

// TestQuantileRisingAgreesWithScan checks the bisection of the point and
// lower curves, and the scan of the upper curve's tail, against the scan of
// every point, which follows R's findq step by step, on curves of every
// shape: with and without censoring, ties, steps that end at S = 0, and
// quantiles on and around the steps of each curve.
func TestQuantileRisingAgreesWithScan(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	tails := 0 // quantiles of the upper curve its tail decided
	for trial := range 3000 {
		n := 1 + r.IntN(40)
		if trial%10 == 0 { // narrower intervals
			n = 1 + r.IntN(1000)
		}
		obs := make([]Obs, n)
		for i := range obs {
			obs[i] = Obs{Time: r.Int64N(int64(1 + r.IntN(30))), Event: r.IntN(4) > 0}
		}
		if trial%5 == 0 { // everything answered: the curve ends at 0
			for i := range obs {
				obs[i].Event = true
			}
		}
		cv := KaplanMeier(obs)
		if len(cv.Surv) == 0 {
			continue
		}
		ps := []float64{0.5, 0.9, 0.25, 0.1 + 0.8*r.Float64(), 0x1p-26, 1}
		for i := range cv.Surv { // exactly on each step, and just around it
			y := 1 - cv.Surv[i]
			ps = append(ps, y, y+0x1p-27, y-0x1p-27, y+0x1p-25)
			if lo, hi, ok := cv.ConfInt(i); ok {
				ps = append(ps, 1-lo, 1-lo+0x1p-27, 1-hi, 1-hi+0x1p-27, 1-hi-0x1p-27)
			}
		}
		for _, p := range ps {
			if p <= 0 || p < quantileTol {
				continue
			}
			for _, w := range []whichCurve{pointCurve, lowerCurve} {
				q, ok, done := cv.quantileRising(p, w)
				if !done {
					continue
				}
				wq, wok := cv.quantileScan(p, w)
				if q != wq || ok != wok {
					t.Fatalf("trial %d, curve %d, p %v: bisection %v %v, scan %v %v; obs %v", trial, w, p, q, ok, wq, wok, obs)
				}
			}
			// The upper curve: its tail, in blocks of every size down to
			// one step, against every bound computed and scanned in full.
			wq, wok := cv.quantileScan(p, upperCurve)
			for _, block := range []int{1, 2, 3, 64} {
				tailBlock = block
				if q, ok := cv.QuantileUpper(p); q != wq || ok != wok {
					t.Fatalf("trial %d, upper curve, p %v, blocks of %d: %v %v, full scan %v %v; obs %v", trial, p, block, q, ok, wq, wok, obs)
				}
				if _, _, done := cv.quantileUpperTail(p); done {
					tails++
				}
			}
			tailBlock = 64
		}
	}
	if tails < 1000 {
		t.Errorf("the tail decided %d quantiles of the upper curve: too few to test it", tails)
	}
}

// TestLastDistinct checks findq's last point that repeats no earlier one,
// on all the points and on a tail whose skipped points lie below lim.
func TestLastDistinct(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name      string
		ys        []float64
		whole     bool
		lim       float64
		y         float64 // NaN for NaN
		ok, known bool
	}{
		{"a repeat is passed over", []float64{0.1, 0.2, 0.2}, true, 0, 0.2, true, true},
		{"the origin's 0 is passed over", []float64{0.1, 0}, true, 0, 0.1, true, true},
		{"NaN repeats NaN", []float64{nan, nan}, true, 0, nan, false, true},
		{"only the origin", []float64{0, 0}, true, 0, 0, true, true},
		{"tail: below lim, may repeat a point skipped", []float64{0.6, 0.3}, false, 0.5, 0, false, false},
		{"tail: above lim", []float64{0.6, 0.7}, false, 0.5, 0.7, true, true},
		{"tail: a repeat, then one above lim", []float64{0.6, 0.6}, false, 0.5, 0.6, true, true},
		{"tail: 0, then one above lim", []float64{0.6, 0}, false, 0.5, 0.6, true, true},
		{"tail: NaN", []float64{0.6, nan}, false, 0.5, nan, false, true},
		{"tail: every point repeats", []float64{0, 0}, false, 0.5, 0, false, false},
	} {
		y, ok, known := lastDistinct(tc.ys, tc.whole, tc.lim)
		if known != tc.known || known && (ok != tc.ok || !(y == tc.y || math.IsNaN(y) && math.IsNaN(tc.y))) {
			t.Errorf("%s: lastDistinct(%v, %v, %v) = %v, %v, %v; want %v, %v, %v",
				tc.name, tc.ys, tc.whole, tc.lim, y, ok, known, tc.y, tc.ok, tc.known)
		}
	}
}

func TestSampleNegative(t *testing.T) {
	var s Sample
	s.Add(5, true)
	s.Add(1<<40, false)
	if s.Negative() {
		t.Error("times 5 and 2^40: Negative is true")
	}
	s.Add(-1, true)
	if !s.Negative() {
		t.Error("a time of -1: Negative is false")
	}
}
