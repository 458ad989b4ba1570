package stats

import (
	"math"
	"testing"
)

func TestBetaPrior(t *testing.T) {
	// Five agencies, (k, n) = (3, 3), (950, 1000), (85, 100), (160, 200), (8, 10).
	// K = 1206, N = 1313, μ = 1206/1313 = 0.918507235338918...
	// Σn² = 9 + 1000000 + 10000 + 40000 + 100 = 1050109.
	// Σ n(r − μ)² = 3(1 − μ)² + 1000(0.95 − μ)² + 100(0.85 − μ)² + 200(0.8 − μ)² + 10(0.8 − μ)²
	//            = 4.430274181264...
	// σ² = (4.430274181264 − μ(1 − μ)·4) / (1313 − 1050109/1313) = 0.008048895769558...
	// α + β = μ(1 − μ)/σ² − 1 = 8.29962271993...; α = μ·8.2996... = 7.62326351884...,
	// β = 0.67635920109...
	// (Computed independently with Python floats from the formula.)
	alpha, beta, ok := BetaPrior([]int{3, 950, 85, 160, 8}, []int{3, 1000, 100, 200, 10})
	if !ok || math.Abs(alpha-7.623263518843198) > 1e-9 || math.Abs(beta-0.6763592010913946) > 1e-9 {
		t.Fatalf("BetaPrior = %v, %v, %v; want 7.623263518843198, 0.6763592010913946, true", alpha, beta, ok)
	}
	// Posterior means: 3/3 -> (3 + α)/(3 + α + β) = 0.94014..., below
	// 950/1000 -> 0.94974...: a perfect record on three inquiries no longer
	// outranks 95% on a thousand.
	small := (3 + alpha) / (3 + alpha + beta)
	large := (950 + alpha) / (1000 + alpha + beta)
	if math.Abs(small-0.9401432049675276) > 1e-12 || math.Abs(large-0.9497407734177371) > 1e-12 || small >= large {
		t.Errorf("posterior means %v, %v; want 0.9401432049675276 < 0.9497407734177371", small, large)
	}

	for _, tc := range []struct {
		name   string
		ks, ns []int
	}{
		{"one agency", []int{3}, []int{3}},
		{"all answered", []int{3, 10}, []int{3, 10}},
		{"no spread beyond sampling", []int{5, 50}, []int{10, 100}},
		{"too much spread", []int{3, 950, 40, 5}, []int{3, 1000, 100, 10}},
	} {
		if a, b, ok := BetaPrior(tc.ks, tc.ns); ok {
			t.Errorf("%s: BetaPrior(%v, %v) = %v, %v, true; want no prior", tc.name, tc.ks, tc.ns, a, b)
		}
	}
}
