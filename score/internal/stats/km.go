// Package stats holds the statistics behind govscore's measures. It is not
// part of govscore's promise: its API may change in any release.
package stats

import (
	"math"
	"slices"
)

// Obs is one observation of a time to event: Time in seconds, and whether the
// event (a first reply) was observed at Time (Event) or the observation was
// censored there (no reply by the cut-off).
type Obs struct {
	Time  int64
	Event bool
}

// Curve is a Kaplan-Meier product-limit estimate of the share of
// observations still without an event, S(t). S is a step function: it is 1
// before Times[0] and Surv[i] from Times[i] until the next time.
type Curve struct {
	Times    []int64   // distinct times at which at least one event happened, ascending
	Surv     []float64 // S at and after Times[i]
	N        int       // observations
	Events   int       // observations with an event
	Censored int       // censored observations
}

// KaplanMeier estimates S(t) from obs, which it sorts in place. At a time
// with both events and censorings, the censored observations are counted at
// risk (the usual convention, as in R's survival package).
func KaplanMeier(obs []Obs) Curve {
	slices.SortFunc(obs, func(a, b Obs) int {
		switch {
		case a.Time < b.Time:
			return -1
		case a.Time > b.Time:
			return 1
		}
		return 0
	})
	c := Curve{N: len(obs)}
	atRisk := len(obs)
	s := 1.0
	for i := 0; i < len(obs); {
		t := obs[i].Time
		events, total := 0, 0
		for ; i < len(obs) && obs[i].Time == t; i++ {
			total++
			if obs[i].Event {
				events++
			}
		}
		if events > 0 {
			s *= 1 - float64(events)/float64(atRisk)
			c.Times = append(c.Times, t)
			c.Surv = append(c.Surv, s)
		}
		c.Events += events
		c.Censored += total - events
		atRisk -= total
	}
	return c
}

// Quantile returns the p-th quantile of the time to event: the smallest
// time t at which S(t) <= 1-p. Where S equals 1-p (within 1e-9) on an
// interval, it returns the midpoint of that interval, the time at which the
// curve reaches 1-p and the next time at which it falls. It reports false
// ("not reached") when S never falls to 1-p.
func (c Curve) Quantile(p float64) (float64, bool) {
	const tol = 1e-9
	target := 1 - p
	for i, s := range c.Surv {
		if s > target+tol {
			continue
		}
		if math.Abs(s-target) <= tol && i+1 < len(c.Times) {
			return float64(c.Times[i]+c.Times[i+1]) / 2, true
		}
		return float64(c.Times[i]), true
	}
	return 0, false
}
