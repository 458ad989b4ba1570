package stats

import (
	"math"
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
