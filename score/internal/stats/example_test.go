package stats_test

import (
	"fmt"

	"github.com/govscore/govscore/score/internal/stats"
)

// Ten inquiries: six answered (times in hours, for reading), four still
// unanswered at the cut-off and censored at their age. The numbers are those
// of R's survfit on the same data (its summary shows the standard error of
// S, StdErr·S, where StdErr is that of log S).
func ExampleKaplanMeier() {
	e := func(t int64) stats.Obs { return stats.Obs{Time: t, Event: true} }
	c := func(t int64) stats.Obs { return stats.Obs{Time: t} }
	cv := stats.KaplanMeier([]stats.Obs{e(1), e(2), e(2), c(3), e(4), e(6), c(8), e(9), c(12), c(12)})
	for i, t := range cv.Times {
		lo, hi, _ := cv.ConfInt(i)
		fmt.Printf("t=%d at risk %d, replies %d: S=%.3f se=%.3f [%.3f, %.3f]\n",
			t, cv.NRisk[i], cv.NEvent[i], cv.Surv[i], cv.StdErr[i], lo, hi)
	}
	show := func(v float64, ok bool) string {
		if !ok {
			return "not reached"
		}
		return fmt.Sprint(v)
	}
	for _, p := range []float64{0.5, 0.9} {
		fmt.Printf("quantile %v: %s, 95%% CI [%s, %s]\n", p,
			show(cv.Quantile(p)), show(cv.QuantileLower(p)), show(cv.QuantileUpper(p)))
	}
	mean, se := cv.RestrictedMean(10)
	fmt.Printf("restricted mean to 10: %.3f (se %.3f)\n", mean, se)
	fmt.Printf("never answered: %.3f\n", cv.Plateau())
	// Output:
	// t=1 at risk 10, replies 1: S=0.900 se=0.105 [0.732, 1.000]
	// t=2 at risk 9, replies 2: S=0.700 se=0.207 [0.467, 1.000]
	// t=4 at risk 6, replies 1: S=0.583 se=0.276 [0.340, 1.000]
	// t=6 at risk 5, replies 1: S=0.467 se=0.355 [0.233, 0.936]
	// t=9 at risk 3, replies 1: S=0.311 se=0.541 [0.108, 0.899]
	// quantile 0.5: 6, 95% CI [2, not reached]
	// quantile 0.9: not reached, 95% CI [not reached, not reached]
	// restricted mean to 10: 6.178 (se 1.148)
	// never answered: 0.311
}
