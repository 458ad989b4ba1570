package stats

// BetaPrior fits a beta(α, β) prior to the rates r_i = k_i/n_i of m
// agencies by the weighted method of moments (Kleinman, 1973): its mean is
// the pooled rate μ = Σk/N with N = Σn, and its variance is the spread of the
// rates around μ beyond what binomial sampling explains. With weights n_i,
//
//	E[Σ n_i (r_i − μ)²] = σ² (N − Σ n_i²/N − (m − 1)) + μ(1−μ)(m − 1)
//
// so the estimate is
//
//	σ² = (Σ n_i (r_i − μ)² − μ(1−μ)(m − 1)) / (N − Σ n_i²/N − (m − 1))
//
// and α + β = μ(1−μ)/σ² − 1. It reports false, leaving the rates
// unshrunk, when there are fewer than two agencies, when μ is 0 or 1, when
// the samples are too small to tell the spread from sampling (a
// denominator of 0 or less, as when every n_i is 1), or when the rates
// vary no more than sampling explains (σ² <= 0, or α + β <= 0).
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
	denom := n - n2/n - float64(m-1)
	if !(denom > 0) {
		return 0, 0, false
	}
	variance := (ss - mu*(1-mu)*float64(m-1)) / denom
	if !(variance > 0) {
		return 0, 0, false
	}
	sum := mu*(1-mu)/variance - 1
	if sum <= 0 {
		return 0, 0, false
	}
	return mu * sum, (1 - mu) * sum, true
}
