package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestKaplanMeier(t *testing.T) {
	e := func(t int64) Obs { return Obs{Time: t, Event: true} }
	c := func(t int64) Obs { return Obs{Time: t} }
	tests := []struct {
		name     string
		obs      []Obs
		times    []int64
		surv     []float64
		censored int
		quant    map[float64]float64 // p -> quantile; NaN: not reached
	}{
		{
			// No censoring: S falls by 1/4 at each time; at p = 0.5, S = 0.5
			// exactly on [2, 3), so the median is 2.5.
			name: "no censoring", obs: []Obs{e(4), e(1), e(3), e(2)},
			times: []int64{1, 2, 3, 4}, surv: []float64{0.75, 0.5, 0.25, 0},
			quant: map[float64]float64{0.5: 2.5, 0.25: 1.5, 0.9: 4, 0.6: 3},
		},
		{
			// Ties: two events and one censoring at 2; 5 at risk at 2.
			// S(1) = 5/6; S(2) = 5/6 * 3/5 = 0.5 exactly, flat until 5:
			// median (2+5)/2 = 3.5. At 5, 2 at risk: S(5) = 0.25.
			name: "ties", obs: []Obs{e(1), e(2), e(2), c(2), e(5), c(7)},
			times: []int64{1, 2, 5}, surv: []float64{5.0 / 6, 0.5, 0.25}, censored: 2,
			quant: map[float64]float64{0.5: 3.5, 0.7: 5, 0.8: math.NaN()},
		},
		{
			// S = 0.5 on its last step, from 2, with censorings until 4:
			// R's quantile.survfit takes the midpoint to the last time
			// observed, (2+4)/2 = 3 (its print.survfit says 2).
			name: "last step", obs: []Obs{e(1), e(2), c(3), c(4)},
			times: []int64{1, 2}, surv: []float64{0.75, 0.5}, censored: 2,
			quant: map[float64]float64{0.5: 3, 0.25: 1.5, 0.6: math.NaN()},
		},
		{
			name: "all censored", obs: []Obs{c(3), c(1)},
			censored: 2, quant: map[float64]float64{0.5: math.NaN()},
		},
		{
			name: "empty", quant: map[float64]float64{0.5: math.NaN()},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cv := KaplanMeier(tt.obs)
			if len(cv.Times) != len(tt.times) {
				t.Fatalf("KaplanMeier times = %v, want %v", cv.Times, tt.times)
			}
			for i := range tt.times {
				if cv.Times[i] != tt.times[i] || math.Abs(cv.Surv[i]-tt.surv[i]) > 1e-12 {
					t.Errorf("KaplanMeier step %d = (%d, %v), want (%d, %v)", i, cv.Times[i], cv.Surv[i], tt.times[i], tt.surv[i])
				}
			}
			if cv.Censored != tt.censored || cv.N != len(tt.obs) || cv.Events+cv.Censored != cv.N {
				t.Errorf("KaplanMeier counts N=%d events=%d censored=%d, want censored %d of %d", cv.N, cv.Events, cv.Censored, tt.censored, len(tt.obs))
			}
			for p, want := range tt.quant {
				got, ok := cv.Quantile(p)
				if math.IsNaN(want) {
					if ok {
						t.Errorf("Quantile(%v) = %v, want not reached", p, got)
					}
					continue
				}
				if !ok || got != want {
					t.Errorf("Quantile(%v) = %v, %v; want %v", p, got, ok, want)
				}
			}
		})
	}
}

// FuzzKaplanMeier checks properties every curve has, on samples of up to
// a few hundred observations: each byte pair is a time (0-127) and whether
// it is an event.
func FuzzKaplanMeier(f *testing.F) {
	f.Add([]byte{1, 1, 2, 1, 2, 0, 5, 1, 7, 0})
	f.Add([]byte{3, 0, 1, 0})
	f.Add([]byte{4, 1, 1, 1, 3, 1, 2, 1})
	f.Fuzz(checkCurve)
}

// checkCurve checks the properties FuzzKaplanMeier promises.
func checkCurve(t *testing.T, data []byte) {
	var s Sample
	for i := 0; i+1 < len(data); i += 2 {
		s.Add(int64(data[i]&0x7f), data[i+1]&1 == 1)
	}
	cv := s.Curve()
	if cv.Events+cv.Censored != cv.N || cv.N != len(data)/2 {
		t.Fatalf("counts N=%d events=%d censored=%d for %d observations", cv.N, cv.Events, cv.Censored, len(data)/2)
	}
	prev, prevSE := 1.0, 0.0
	for i := range cv.Times {
		sv, se := cv.Surv[i], cv.StdErr[i]
		if sv >= prev || sv < 0 || se <= prevSE || cv.NEvent[i] < 1 || cv.NRisk[i] < cv.NEvent[i] {
			t.Fatalf("step %d: S %v after %v, se %v after %v, n.risk %d, n.event %d", i, sv, prev, se, prevSE, cv.NRisk[i], cv.NEvent[i])
		}
		lo, hi, ok := cv.ConfInt(i)
		if ok != (sv > 0) || ok && !(0 <= lo && lo <= sv && sv <= hi && hi <= 1) {
			t.Fatalf("ConfInt(%d) = %v, %v, %v for S = %v", i, lo, hi, ok, sv)
		}
		prev, prevSE = sv, se
	}
	if n := len(cv.Surv); n > 0 && cv.Plateau() != cv.Surv[n-1] || n == 0 && cv.Plateau() != 1 {
		t.Fatalf("Plateau() = %v", cv.Plateau())
	}
	last := 0.0
	for p := 0.05; p < 1; p += 0.05 {
		q, ok := cv.Quantile(p)
		if !ok {
			last = math.Inf(1)
			continue
		}
		if q < last || q > float64(cv.MaxTime) {
			t.Fatalf("Quantile(%v) = %v after %v; max time %d", p, q, last, cv.MaxTime)
		}
		last = q
		if lo, ok := cv.QuantileLower(p); ok && lo > q {
			t.Fatalf("QuantileLower(%v) = %v above Quantile %v", p, lo, q)
		}
		if hi, ok := cv.QuantileUpper(p); ok && hi < q {
			t.Fatalf("QuantileUpper(%v) = %v below Quantile %v", p, hi, q)
		}
	}
	prevMean := 0.0
	for _, h := range []float64{0, 0.5, 1, 10, 63.5, 127, 200} {
		mean, se := cv.RestrictedMean(h)
		if mean < prevMean || mean > h || se < 0 || math.IsNaN(se) || math.IsInf(se, 0) {
			t.Fatalf("RestrictedMean(%v) = %v, %v (previous mean %v)", h, mean, se, prevMean)
		}
		prevMean = mean
	}
}

func benchmarkSample(n int) []Obs {
	r := rand.New(rand.NewPCG(1, 2))
	obs := make([]Obs, n)
	for i := range obs {
		// Reply delays in minutes over a month; a fifth never answered.
		obs[i] = Obs{Time: 60 * r.Int64N(30*24*60), Event: r.IntN(5) > 0}
	}
	return obs
}

func BenchmarkSampleCurve(b *testing.B) {
	obs := benchmarkSample(2000)
	b.ReportAllocs()
	for b.Loop() {
		var s Sample
		s.Grow(len(obs))
		for _, o := range obs {
			s.Add(o.Time, o.Event)
		}
		_ = s.Curve()
	}
}

// BenchmarkCurveSummaries is what a report asks of one curve: three
// quantiles with their intervals, a restricted mean and the plateau.
func BenchmarkCurveSummaries(b *testing.B) {
	cv := KaplanMeier(benchmarkSample(2000))
	b.ReportAllocs()
	for b.Loop() {
		for _, p := range []float64{0.25, 0.5, 0.9} {
			cv.Quantile(p)
			cv.QuantileLower(p)
			cv.QuantileUpper(p)
		}
		cv.RestrictedMean(7 * 86400)
		cv.Plateau()
	}
}
