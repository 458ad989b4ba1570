package stats

import "math"

// Pearson returns Pearson's correlation coefficient of the pairs (xs[i],
// ys[i]). It reports false with fewer than three pairs, or when xs or ys
// does not vary.
func Pearson(xs, ys []float64) (float64, bool) {
	n := float64(len(xs))
	if len(xs) < 3 {
		return 0, false
	}
	var mx, my float64
	for i := range xs {
		mx += xs[i]
		my += ys[i]
	}
	mx, my = mx/n, my/n
	var sxy, sxx, syy float64
	for i := range xs {
		dx, dy := xs[i]-mx, ys[i]-my
		sxy += dx * dy
		sxx += dx * dx
		syy += dy * dy
	}
	if sxx == 0 || syy == 0 {
		return 0, false
	}
	return sxy / math.Sqrt(sxx*syy), true
}

// MeanSD returns the mean of xs and their population standard deviation
// (divided by n, not n−1), the moments a z-score scale standardises by;
// 0, 0 for no values.
func MeanSD(xs []float64) (mean, sd float64) {
	if len(xs) == 0 {
		return 0, 0
	}
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	variance := 0.0
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	return mean, math.Sqrt(variance / float64(len(xs)))
}
