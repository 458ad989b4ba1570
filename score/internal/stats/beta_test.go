package stats

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestBetaPrior(t *testing.T) {
	// Five agencies, (k, n) = (3, 3), (950, 1000), (85, 100), (160, 200), (8, 10).
	// K = 1206, N = 1313, μ = 1206/1313 = 0.918507235338918...
	// Σn² = 9 + 1000000 + 10000 + 40000 + 100 = 1050109.
	// Σ n(r − μ)² = 3(1 − μ)² + 1000(0.95 − μ)² + 100(0.85 − μ)² + 200(0.8 − μ)² + 10(0.8 − μ)²
	//            = 4.430274181264...
	// σ² = (4.430274181264 − μ(1 − μ)·4) / (1313 − 1050109/1313 − 4) = 0.008112120858971...
	// α + β = μ(1 − μ)/σ² − 1 = 8.22714235528...; α = μ·8.2271... = 7.55668977948...,
	// β = 0.67045257579...
	// (Computed independently with Python's exact fractions from the
	// formula, then rounded to floats.)
	alpha, beta, ok := BetaPrior([]int{3, 950, 85, 160, 8}, []int{3, 1000, 100, 200, 10})
	if !ok || math.Abs(alpha-7.556689779489373) > 1e-9 || math.Abs(beta-0.6704525757921749) > 1e-9 {
		t.Fatalf("BetaPrior = %v, %v, %v; want 7.556689779489373, 0.6704525757921749, true", alpha, beta, ok)
	}
	// Posterior means: 3/3 -> (3 + α)/(3 + α + β) = 0.94028..., below
	// 950/1000 -> 0.94974...: a perfect record on three inquiries no longer
	// outranks 95% on a thousand.
	small := (3 + alpha) / (3 + alpha + beta)
	large := (950 + alpha) / (1000 + alpha + beta)
	if math.Abs(small-0.940282882805278) > 1e-12 || math.Abs(large-0.9497430187631898) > 1e-12 || small >= large {
		t.Errorf("posterior means %v, %v; want 0.940282882805278 < 0.9497430187631898", small, large)
	}

	for _, tc := range []struct {
		name   string
		ks, ns []int
	}{
		{"one agency", []int{3}, []int{3}},
		{"all answered", []int{3, 10}, []int{3, 10}},
		{"no spread beyond sampling", []int{5, 50}, []int{10, 100}},
		{"too much spread", []int{3, 950, 40, 5}, []int{3, 1000, 100, 10}},
		{"samples of one", []int{1, 0, 1}, []int{1, 1, 1}},
	} {
		if a, b, ok := BetaPrior(tc.ks, tc.ns); ok {
			t.Errorf("%s: BetaPrior(%v, %v) = %v, %v, true; want no prior", tc.name, tc.ks, tc.ns, a, b)
		}
	}
}

// TestBetaPriorUnbiased simulates agencies whose true rates vary by a known
// amount and checks that the fitted variance is right on average: the
// rates are 0.3 or 0.9 with equal chance (mean 0.6, variance 0.09), each
// agency has n inquiries, and m agencies are fitted again and again. The
// variance implied by the prior, μ(1−μ)/(α+β+1), averages within 3% of
// 0.09 for samples of 5 and of 10. Without the −(m−1) term of the
// denominator it comes out about 20% and 10% low (shown by the same runs).
func TestBetaPriorUnbiased(t *testing.T) {
	for _, n := range []int{5, 10} {
		rng := rand.New(rand.NewPCG(uint64(n), 17))
		const m, runs = 200, 400
		ks, ns := make([]int, m), make([]int, m)
		var sum, sumOld float64
		fitted := 0
		for range runs {
			for i := range ks {
				p := 0.3
				if rng.IntN(2) == 0 {
					p = 0.9
				}
				ks[i], ns[i] = 0, n
				for range n {
					if rng.Float64() < p {
						ks[i]++
					}
				}
			}
			alpha, beta, ok := BetaPrior(ks, ns)
			if !ok {
				continue
			}
			fitted++
			mu := alpha / (alpha + beta)
			v := mu * (1 - mu) / (alpha + beta + 1)
			sum += v
			// The estimate without the −(m−1) term, for comparison.
			N := float64(m * n)
			sumOld += v * (N - N*float64(n)/N - (m - 1)) / (N - N*float64(n)/N)
		}
		mean, meanOld := sum/float64(fitted), sumOld/float64(fitted)
		if fitted < runs*9/10 || math.Abs(mean/0.09-1) > 0.03 {
			t.Errorf("n = %d: fitted %d of %d runs; mean variance %.5f, want 0.09 within 3%%", n, fitted, runs, mean)
		}
		if meanOld/0.09 > 0.93 {
			t.Errorf("n = %d: the estimate without the −(m−1) term averages %.5f: the simulation does not show its bias", n, meanOld)
		}
		t.Logf("n = %d: mean fitted variance %.5f (true 0.09); without the term %.5f", n, mean, meanOld)
	}
}
