package stats

import "math"

// Z95 is the standard normal quantile for a two-sided 95% interval,
// qnorm(0.975).
const Z95 = 1.959963984540054

// Wilson returns the Wilson score interval for k successes in n trials at
// the normal quantile z (Z95 for 95%):
//
//	(p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n),  p = k/n
//
// the interval R's prop.test(k, n, correct = FALSE) reports. Unlike the
// textbook p ± z·sqrt(p(1−p)/n) it stays within [0, 1] and is not empty
// when k is 0 or n. It returns (0, 1) for n = 0.
func Wilson(k, n int, z float64) (lo, hi float64) {
	if n <= 0 {
		return 0, 1
	}
	nf := float64(n)
	p := float64(k) / nf
	z2 := z * z
	den := 1 + z2/nf
	center := (p + z2/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z2/(4*nf*nf)) / den
	lo, hi = max(center-half, 0), min(center+half, 1)
	if k == 0 {
		lo = 0
	}
	if k == n {
		hi = 1
	}
	return lo, hi
}
