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

// KaplanMeier estimates S(t) from obs. At a time with both events and
// censorings, the censored observations are counted at risk (the usual
// convention, as in R's survival package).
func KaplanMeier(obs []Obs) Curve {
	var s Sample
	for _, o := range obs {
		s.Add(o.Time, o.Event)
	}
	return s.Curve()
}

// Sample collects observations for a Kaplan-Meier estimate, packed as one
// integer each so that sorting them is cheap. The zero value is an empty
// sample.
type Sample struct {
	keys []int64 // Time<<1 | 1 for an event
}

// Grow makes room for n more observations.
func (s *Sample) Grow(n int) { s.keys = slices.Grow(s.keys, n) }

// Add records an observation at time t >= 0 (seconds); event reports
// whether the event was observed at t, or the observation censored there.
func (s *Sample) Add(t int64, event bool) {
	k := t << 1
	if event {
		k |= 1
	}
	s.keys = append(s.keys, k)
}

// Len is the number of observations added.
func (s *Sample) Len() int { return len(s.keys) }

// Curve sorts the sample and returns its Kaplan-Meier estimate.
func (s *Sample) Curve() Curve {
	slices.Sort(s.keys)
	keys := s.keys
	c := Curve{N: len(keys)}
	atRisk := len(keys)
	surv := 1.0
	for i := 0; i < len(keys); {
		t := keys[i] >> 1
		events, total := 0, 0
		for ; i < len(keys) && keys[i]>>1 == t; i++ {
			total++
			events += int(keys[i] & 1)
		}
		if events > 0 {
			surv *= 1 - float64(events)/float64(atRisk)
			c.Times = append(c.Times, t)
			c.Surv = append(c.Surv, surv)
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
