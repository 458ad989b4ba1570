package stats

import (
	"cmp"
	"math"
	"slices"
)

// Newcombe returns the 95%-style interval, at the normal quantile z, of
// the difference p1 − p2 of two independent proportions p1 = k1/n1 and
// p2 = k2/n2, by Newcombe's hybrid score method (method 10 of Newcombe,
// Statistics in Medicine 17, 873–890, 1998), built from the two
// [Wilson] intervals (l1, u1) and (l2, u2):
//
//	lo = d − sqrt((p1 − l1)² + (u2 − p2)²)
//	hi = d + sqrt((u1 − p1)² + (p2 − l2)²),  d = p1 − p2
//
// ok is false when n1 or n2 is not positive, or k1 or k2 is not within
// 0..n: there is no proportion to compare.
func Newcombe(k1, n1, k2, n2 int, z float64) (d, lo, hi float64, ok bool) {
	if n1 <= 0 || n2 <= 0 || k1 < 0 || k1 > n1 || k2 < 0 || k2 > n2 {
		return 0, 0, 0, false
	}
	p1, p2 := float64(k1)/float64(n1), float64(k2)/float64(n2)
	l1, u1 := Wilson(k1, n1, z)
	l2, u2 := Wilson(k2, n2, z)
	d = p1 - p2
	lo = d - math.Sqrt((p1-l1)*(p1-l1)+(u2-p2)*(u2-p2))
	hi = d + math.Sqrt((u1-p1)*(u1-p1)+(p2-l2)*(p2-l2))
	return d, lo, hi, true
}

// LogRank is the log-rank test of two samples of times to an event, as R's
// survival::survdiff(Surv(time, status) ~ group) computes it with its
// default rho = 0: at each distinct time with an event, the events
// expected in the first sample are its share of those at risk times the
// events there, and the hypergeometric variance is summed over those
// times.
type LogRank struct {
	// Observed and Expected are the events of each sample and the events
	// expected of it if both had the same curve.
	Observed, Expected [2]float64
	// Variance is the variance of Observed[0] − Expected[0].
	Variance float64
	// ChiSquare is (Observed[0] − Expected[0])² / Variance, with one
	// degree of freedom.
	ChiSquare float64
	// P is the chance of a chi-square at least as large if both samples
	// had the same curve: R's pchisq(ChiSquare, 1, lower.tail = FALSE).
	P float64
}

// LogRankTest compares two samples. The slices are sorted by time in
// place. ok is false when there is nothing to test: a sample is empty, or
// no event happened while both were at risk (a variance of 0).
func LogRankTest(a, b []Obs) (LogRank, bool) {
	var r LogRank
	if len(a) == 0 || len(b) == 0 {
		return r, false
	}
	byTime := func(x, y Obs) int { return cmp.Compare(x.Time, y.Time) }
	slices.SortFunc(a, byTime)
	slices.SortFunc(b, byTime)
	n1, n2 := float64(len(a)), float64(len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		var t int64
		switch {
		case j == len(b) || i < len(a) && a[i].Time <= b[j].Time:
			t = a[i].Time
		default:
			t = b[j].Time
		}
		var d1, c1, d2, c2 float64
		for ; i < len(a) && a[i].Time == t; i++ {
			if a[i].Event {
				d1++
			} else {
				c1++
			}
		}
		for ; j < len(b) && b[j].Time == t; j++ {
			if b[j].Event {
				d2++
			} else {
				c2++
			}
		}
		if d := d1 + d2; d > 0 {
			n := n1 + n2
			r.Observed[0] += d1
			r.Observed[1] += d2
			r.Expected[0] += n1 * d / n
			r.Expected[1] += n2 * d / n
			if n > 1 {
				r.Variance += n1 * n2 * d * (n - d) / (n * n * (n - 1))
			}
		}
		n1 -= d1 + c1
		n2 -= d2 + c2
	}
	if !(r.Variance > 0) {
		return r, false
	}
	o := r.Observed[0] - r.Expected[0]
	r.ChiSquare = o * o / r.Variance
	r.P = ChiSquare1P(r.ChiSquare)
	return r, true
}

// ChiSquare1P is the upper tail of the chi-square distribution with one
// degree of freedom at x: the chance that the square of a standard normal
// variable is at least x, erfc(sqrt(x/2)).
func ChiSquare1P(x float64) float64 {
	if x <= 0 {
		return 1
	}
	return math.Erfc(math.Sqrt(x / 2))
}
