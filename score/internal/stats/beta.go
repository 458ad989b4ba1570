package stats

// BetaPrior fits a beta(α, β) prior to the rates r_i = k_i/n_i of m
// agencies by the weighted method of moments (Kleinman, 1973): its mean is
// the pooled rate μ = Σk/N with N = Σn, and its variance is the spread of the
// rates around μ beyond what binomial sampling explains,
//
//	σ² = (Σ n_i (r_i − μ)² − μ(1−μ)(m − 1)) / (N − Σ n_i²/N)
//
// so that α + β = μ(1−μ)/σ² − 1. It reports false, leaving the rates
// unshrunk, when there are fewer than two agencies, when μ is 0 or 1, or
// when the rates vary no more than sampling explains (σ² <= 0, or
// α + β <= 0).
func BetaPrior(ks, ns []int) (alpha, beta float64, ok bool) {
	m := len(ks)
	if m < 2 {
		return 0, 0, false
	}
	var k, n, n2 float64
	for i := range ks {
		k += float64(ks[i])
		n += float64(ns[i])
		n2 += float64(ns[i]) * float64(ns[i])
	}
	mu := k / n
	if mu <= 0 || mu >= 1 {
		return 0, 0, false
	}
	var ss float64
	for i := range ks {
		r := float64(ks[i]) / float64(ns[i])
		ss += float64(ns[i]) * (r - mu) * (r - mu)
	}
	variance := (ss - mu*(1-mu)*float64(m-1)) / (n - n2/n)
	if !(variance > 0) {
		return 0, 0, false
	}
	sum := mu*(1-mu)/variance - 1
	if sum <= 0 {
		return 0, 0, false
	}
	return mu * sum, (1 - mu) * sum, true
}
