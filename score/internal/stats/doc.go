// Package stats holds the statistics behind govscore's measures: the
// Kaplan-Meier estimate of time to first reply with Greenwood confidence
// intervals, its quantiles and their intervals, the restricted mean and the
// plateau (the share never answered), each computed as R's survival package
// computes it and checked against it (testdata/survfit_reference.R); the
// Wilson interval of a rate; the beta prior that shrinks small samples'
// rates; and the moments behind the z-score scale and the influence
// analysis (Pearson's correlation, the mean and standard deviation). It is
// not part of govscore's promise: its API may change in any release.
package stats
