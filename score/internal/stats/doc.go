// Package stats holds the statistics behind govscore's measures: the
// Kaplan-Meier estimate of time to first reply and its quantiles. It is not
// part of govscore's promise: its API may change in any release.
package stats
