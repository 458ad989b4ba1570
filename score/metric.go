package score

import (
	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/stats"
)

// This file holds every metric the scorer knows: what it keeps of an
// agency's inquiries as they are added (its tally) and how it turns that
// into a [Measure]. A new metric is one entry in metrics and the functions
// next to it; the accumulator, merging and the report need no change.

// tallyKind is the state a metric keeps of an agency's inquiries. Criteria
// whose metrics keep the same kind of state over the same inquiries share
// one tally.
type tallyKind uint8

const (
	// fromDeclarations keeps nothing: the metric is measured from the
	// agency's declared channels and staffing.
	fromDeclarations tallyKind = iota
	// counted keeps three counters per criterion, updated by the metric's
	// count function.
	counted
	// byGrade keeps the inquiries' accuracy grades, per filter.
	byGrade
	// timed keeps a Kaplan-Meier sample of time to first reply, per filter,
	// clock and deflection rule.
	timed
	// daily keeps the days inquiries waited and the days replies were
	// sent, per filter.
	daily
)

// metric is one rubric metric: its tally and its measure.
type metric struct {
	tally tallyKind
	// count adds one inquiry that passes c's filter to c's counters; for
	// counted metrics only.
	count func(c *criterion, o *obs, a *agencyInfo, asOf int64, t *counts)
	// measure computes the metric for one agency from its tallies.
	measure func(v *agencyView, c *criterion) Measure
}

// counts are the counters of a counted metric: the sample size n, the
// numerator k and the inquiries left out as pending.
type counts struct{ n, k, pending int }

func (t *counts) merge(o *counts) {
	t.n += o.n
	t.k += o.k
	t.pending += o.pending
}

// metrics holds every metric the scorer knows; a test checks that it covers
// rubric.Metrics().
var metrics = map[rubric.Metric]metric{
	rubric.ResponseRate:             {tally: counted, count: countResponse, measure: measureCounted},
	rubric.WithinTargetRate:         {tally: counted, count: countWithinTarget, measure: measureCounted},
	rubric.LongSilenceShare:         {tally: counted, count: countLongSilence, measure: measureCounted},
	rubric.ReplyTimeQuantile:        {tally: timed, measure: measureQuantile},
	rubric.ReplyTimeRestrictedMean:  {tally: timed, measure: measureRestrictedMean},
	rubric.EventualNonresponseShare: {tally: timed, measure: measurePlateau},
	rubric.AccurateShare:            {tally: byGrade, measure: measureAccurate},
	rubric.DeflectionShare:          {tally: byGrade, measure: measureDeflection},
	rubric.OpenChannelShare:         {tally: fromDeclarations, measure: measureOpenChannels},
	rubric.BroadcastOnly:            {tally: fromDeclarations, measure: measureBroadcastOnly},
	rubric.StaffPerOpenChannel:      {tally: fromDeclarations, measure: measureStaff},
	rubric.DeclaredCoverage:         {tally: fromDeclarations, measure: measureCoverage},
	rubric.ObservedPresence:         {tally: daily, measure: measurePresence},
}

// measureCounted is the rate k/n of a counted metric, with its Wilson
// interval and the pending count.
func measureCounted(v *agencyView, c *criterion) Measure {
	t := v.counts(c)
	m := Measure{N: t.n, Count: t.k, Pending: t.pending}
	v.rate(c, &m)
	return m
}

// rate sets Value to Count/N with its Wilson interval, when N > 0.
func (v *agencyView) rate(c *criterion, m *Measure) {
	if m.N > 0 && v.wants(c, m.N) {
		m.Value = ratio(m.Count, m.N)
		if !v.brief {
			m.wilson()
		}
	}
}

// wants reports whether criterion c needs the value of a measure of
// sample size n: always, unless the view is brief and the sample too small
// to score.
func (v *agencyView) wants(c *criterion, n int) bool { return !v.brief || n >= c.minSample }

// response_rate: answered / inquiries at least grace_hours old.
func countResponse(c *criterion, o *obs, _ *agencyInfo, asOf int64, t *counts) {
	if o.end-o.recv >= c.grace {
		t.n++
		if c.delay(o) >= 0 {
			t.k++
		}
	}
}

// within_target_rate: met / decided, pending left out.
func countWithinTarget(c *criterion, o *obs, a *agencyInfo, asOf int64, t *counts) {
	clk := a.clockFor(c)
	d := c.delay(o)
	var met, decided bool
	switch {
	case c.Params.UseDue && o.due >= 0:
		// The agency's own promise: instants, whatever the clock, compared
		// exactly.
		kept := dueReplyMet
		if o.delay >= 0 && c.Params.RefuseDeflections && o.grade == gradeDeflection {
			kept = dueResolvedMet // the resolution stands for the deflecting reply, as in delay
		}
		met, decided = d >= 0 && o.dueFlags&kept != 0, d >= 0 || o.dueFlags&duePassed != 0
	case d >= 0:
		met, decided = clk.between(o.recv, o.recv+d) <= c.target, true
	default:
		decided = clk.between(o.recv, o.end) >= c.target
	}
	switch {
	case !decided:
		t.pending++
	case met:
		t.n++
		t.k++
	default:
		t.n++
	}
}

// long_silence_share: silent / inquiries at least silence_days old.
func countLongSilence(c *criterion, o *obs, _ *agencyInfo, asOf int64, t *counts) {
	if o.end-o.recv >= c.silence {
		t.n++
		if d := c.delay(o); d < 0 || d > c.silence {
			t.k++
		}
	}
}

// measureCurve returns the sample counts of a reply-time metric and its
// curve; nil when the sample is empty (or, in a brief view, too small to
// score).
func measureCurve(v *agencyView, c *criterion) (Measure, *stats.Curve) {
	if n := v.sampleLen(c); !v.wants(c, n) {
		return Measure{N: n}, nil
	}
	curve := v.curve(c)
	m := Measure{N: curve.N, Count: curve.Events, Censored: curve.Censored}
	if m.N == 0 {
		return m, nil
	}
	return m, curve
}

// reply_time_quantile: the Kaplan-Meier quantile, with R's interval.
func measureQuantile(v *agencyView, c *criterion) Measure {
	m, curve := measureCurve(v, c)
	if curve == nil {
		return m
	}
	if !v.brief {
		lo, loOK := curve.QuantileLower(c.quantile)
		hi, hiOK := curve.QuantileUpper(c.quantile)
		if loOK || hiOK {
			m.Interval = &Interval{Low: hoursIf(lo, loOK), High: hoursIf(hi, hiOK)}
		}
	}
	q, ok := curve.Quantile(c.quantile)
	if !ok {
		m.NotReached, m.Observed = true, hoursIf(float64(curve.MaxTime), true)
		return m
	}
	m.Value = hoursIf(q, true)
	return m
}

// reply_time_restricted_mean: the area under the curve up to the horizon.
func measureRestrictedMean(v *agencyView, c *criterion) Measure {
	m, curve := measureCurve(v, c)
	if curve == nil {
		return m
	}
	h := float64(c.horizon)
	mean, se := curve.RestrictedMean(h)
	m.Value = hoursIf(mean, true)
	if !v.brief {
		m.Interval = &Interval{Low: hoursIf(max(mean-stats.Z95*se, 0), true), High: hoursIf(min(mean+stats.Z95*se, h), true)}
	}
	return m
}

// eventual_nonresponse_share: the curve's plateau.
func measurePlateau(v *agencyView, c *criterion) Measure {
	m, curve := measureCurve(v, c)
	if curve == nil {
		return m
	}
	val := decimal.NewFromFloat(curve.Plateau()).Round(divPlaces)
	m.Value = &val
	if n := len(curve.Surv); n > 0 && !v.brief {
		if lo, hi, ok := curve.ConfInt(n - 1); ok {
			m.Interval = &Interval{Low: fraction(lo), High: fraction(hi)}
		}
	}
	return m
}

// graded returns the number of replies graded accurate, partial,
// inaccurate or deflection.
func graded(g *[numGrades]int) int {
	return g[gradeAccurate] + g[gradePartial] + g[gradeInaccurate] + g[gradeDeflection]
}

// accurate_share: Σ credit / graded.
func measureAccurate(v *agencyView, c *criterion) Measure {
	g := v.grades(c)
	m := Measure{N: graded(g), Count: g[gradeAccurate]}
	if m.N == 0 || !v.wants(c, m.N) {
		return m
	}
	sum := decimal.Zero
	for grade := gradeAccurate; grade <= gradeDeflection; grade++ {
		sum = sum.Add(c.credits[grade].Mul(decimal.NewFromInt(int64(g[grade]))))
	}
	val := sum.DivRound(decimal.NewFromInt(int64(m.N)), divPlaces)
	m.Value = &val
	return m
}

// deflection_share: deflections / graded.
func measureDeflection(v *agencyView, c *criterion) Measure {
	g := v.grades(c)
	m := Measure{N: graded(g), Count: g[gradeDeflection]}
	v.rate(c, &m)
	return m
}

// open_channel_share: open / official declared channels.
func measureOpenChannels(v *agencyView, c *criterion) Measure {
	var m Measure
	m.N, m.Count, _ = v.officialChannels()
	v.rate(c, &m)
	return m
}

// broadcast_only: 1 when an official declared channel only broadcasts.
func measureBroadcastOnly(v *agencyView, _ *criterion) Measure {
	var m Measure
	var broadcast bool
	m.N, m.Count, broadcast = v.officialChannels()
	if m.N > 0 {
		val := decimal.Zero
		if broadcast {
			val = decimal.NewFromInt(1)
		}
		m.Value = &val
	}
	return m
}

// officialChannels returns the number of the agency's official declared
// channels, how many of them are open, and whether one only broadcasts.
func (v *agencyView) officialChannels() (n, open int, broadcast bool) {
	for _, ch := range v.info.channels {
		if ch.Implied || !ch.Official {
			continue
		}
		n++
		if ch.Open() {
			open++
		}
		broadcast = broadcast || ch.BroadcastOnly
	}
	return n, open, broadcast
}

// openChannels returns the number of the agency's open channels.
func (v *agencyView) openChannels() int {
	open := 0
	for _, ch := range v.info.channels {
		if ch.Open() {
			open++
		}
	}
	return open
}

// staff_per_open_channel: staff declared at AsOf / open channels.
func measureStaff(v *agencyView, _ *criterion) Measure {
	open := v.openChannels()
	if len(v.info.staffing) == 0 || open == 0 {
		return Measure{}
	}
	staff := 0
	for _, st := range v.info.staffing {
		if st.ActiveAt(v.s.opts.AsOf) {
			staff += st.Staff
		}
	}
	val := decimal.NewFromInt(int64(staff)).DivRound(decimal.NewFromInt(int64(open)), divPlaces)
	return Measure{N: open, Count: staff, Value: &val}
}

// declared_coverage: monitored hours / 168, mean over open channels.
func measureCoverage(v *agencyView, _ *criterion) Measure {
	open := v.openChannels()
	if len(v.info.staffing) == 0 || open == 0 {
		return Measure{}
	}
	// Summed as decimals: exact, so the order of the channels cannot
	// change the last digit.
	total := decimal.Zero
	for _, ch := range v.info.channels {
		if !ch.Open() {
			continue
		}
		hours := decimal.Zero
		for _, st := range v.info.staffing {
			if st.ActiveAt(v.s.opts.AsOf) && (st.ChannelID == "" || st.ChannelID == ch.ID) && st.Staff > 0 {
				hours = decimal.Max(hours, st.WeeklyHours)
			}
		}
		total = total.Add(decimal.Min(hours, decimal.NewFromInt(168)))
	}
	val := total.DivRound(decimal.NewFromInt(int64(168*open)), divPlaces)
	return Measure{N: open, Value: &val}
}

// observed_presence: days with a reply / days with an inquiry waiting.
func measurePresence(v *agencyView, c *criterion) Measure {
	waiting, replied := v.presence(c)
	m := Measure{N: waiting, Count: replied}
	v.rate(c, &m)
	return m
}
