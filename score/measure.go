package score

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/stats"
)

// criterion is a rubric criterion prepared for scoring: parameters in
// seconds and filter lists as bit masks.
type criterion struct {
	rubric.Criterion
	minSample int
	reqMask   uint16 // bit requesterCode; all ones when the filter has no requesters
	kindMask  uint16 // bit kindCode; all ones when the filter has no channels
	grace     int64  // seconds
	target    int64  // seconds
	silence   int64  // seconds
	quantile  float64
	horizon   int64              // seconds
	credits   [5]decimal.Decimal // by gradeCode
}

func compile(c rubric.Criterion, opts Options) criterion {
	k := criterion{Criterion: c, minSample: 1, reqMask: 0xffff, kindMask: 0xffff}
	if c.Metric.InquiryBased() {
		k.minSample = opts.MinSample
	}
	if c.MinSample > 0 {
		k.minSample = c.MinSample
	}
	if f := c.Filter; f != nil {
		if len(f.Requesters) > 0 {
			k.reqMask = 0
			for _, r := range f.Requesters {
				k.reqMask |= 1 << requesterCode(r)
			}
		}
		if len(f.Channels) > 0 {
			k.kindMask = 0
			for _, ch := range f.Channels {
				k.kindMask |= 1 << kindCode(ch)
			}
		}
	}
	seconds := func(d *decimal.Decimal, unit int64, def int64) int64 {
		if d == nil {
			return def
		}
		return d.Mul(decimal.NewFromInt(unit)).Round(0).IntPart()
	}
	p := c.Params
	k.grace = seconds(p.GraceHours, 3600, 0)
	k.target = seconds(p.TargetHours, 3600, 0)
	k.silence = seconds(p.SilenceDays, 86400, 30*86400)
	k.horizon = seconds(p.HorizonHours, 3600, 0)
	if p.Quantile != nil {
		k.quantile = p.Quantile.InexactFloat64()
	}
	k.credits = [5]decimal.Decimal{gradeAccurate: decimal.NewFromInt(1), gradePartial: decimal.RequireFromString("0.5"),
		gradeInaccurate: decimal.Zero, gradeDeflection: decimal.Zero}
	if cr := p.Credits; cr != nil {
		for code, v := range map[uint8]*decimal.Decimal{gradeAccurate: cr.Accurate, gradePartial: cr.Partial,
			gradeInaccurate: cr.Inaccurate, gradeDeflection: cr.Deflection} {
			if v != nil {
				k.credits[code] = *v
			}
		}
	}
	return k
}

func (c *criterion) keep(o *obs) bool {
	return c.reqMask&(1<<o.req) != 0 && c.kindMask&(1<<o.kind) != 0
}

// Measure is the value of a criterion's metric for one agency, with the
// sample behind it. Rates and shares are between 0 and 1; times are in hours;
// booleans are 1 (true) or 0 (false).
type Measure struct {
	// Value is the measure; nil when there is no data, or when the quantile
	// was not reached.
	Value *decimal.Decimal `json:"value"`
	// NotReached reports that a reply-time quantile was not reached: too few
	// inquiries were answered by AsOf for the curve to fall that far. It is
	// scored as the scale's worst points.
	NotReached bool `json:"not_reached,omitempty"`
	// N is the sample size, as each metric defines it.
	N int `json:"n"`
	// Count is the numerator of a rate or share (answered, met, silent,
	// deflected, open channels, days with a reply); for accurate_share, the
	// number of replies graded accurate.
	Count int `json:"count"`
	// Censored is the number of inquiries still unanswered at AsOf among
	// those a reply-time quantile used.
	Censored int `json:"censored,omitempty"`
	// Pending is the number of inquiries left out of a within-target rate
	// because their outcome was not known at AsOf.
	Pending int `json:"pending,omitempty"`
	// Interval is the 95% confidence interval of Value, where the metric
	// has one: the Wilson score interval for rates and shares of counts.
	Interval *Interval `json:"interval,omitempty"`
	// Shrunk is the rate after the criterion's shrinkage, the value that
	// earned the points; nil when the criterion has none.
	Shrunk *decimal.Decimal `json:"shrunk,omitempty"`
}

// Interval is a confidence interval. A bound is nil when it is not
// reached: a reply-time quantile's confidence curve that never falls far
// enough has no upper bound (the truth may be "never").
type Interval struct {
	Low  *decimal.Decimal `json:"low"`  // lower bound
	High *decimal.Decimal `json:"high"` // upper bound
}

// hoursIf returns seconds as hours, or nil when !ok.
func hoursIf(seconds float64, ok bool) *decimal.Decimal {
	if !ok {
		return nil
	}
	v := decimal.NewFromFloat(seconds).DivRound(decimal.NewFromInt(3600), divPlaces)
	return &v
}

// fraction returns a share in [0, 1] as a decimal of divPlaces places.
func fraction(f float64) *decimal.Decimal {
	v := decimal.NewFromFloat(f).Round(divPlaces)
	return &v
}

// scored is the value a measure's points come from: Shrunk if set, else
// Value.
func (m *Measure) scored() decimal.Decimal {
	if m.Shrunk != nil {
		return *m.Shrunk
	}
	return *m.Value
}

// wilson sets the measure's interval to the Wilson 95% interval of
// Count/N.
func (m *Measure) wilson() {
	lo, hi := stats.Wilson(m.Count, m.N, stats.Z95)
	m.Interval = &Interval{Low: fraction(lo), High: fraction(hi)}
}

func ratio(k, n int) *decimal.Decimal {
	v := decimal.NewFromInt(int64(k)).DivRound(decimal.NewFromInt(int64(n)), divPlaces)
	return &v
}

// measure computes criterion c's metric for agency a.
func (s *Scorer) measure(c *criterion, a *agencyData, since time.Time) Measure {
	asOf := s.opts.AsOf.Unix()
	var m Measure
	switch c.Metric {
	case rubric.ResponseRate:
		for i := range a.obs {
			o := &a.obs[i]
			if c.keep(o) && o.recv <= asOf-c.grace {
				m.N++
				if c.delay(o) >= 0 {
					m.Count++
				}
			}
		}
	case rubric.WithinTargetRate:
		clk := a.clockFor(c)
		for i := range a.obs {
			o := &a.obs[i]
			if !c.keep(o) {
				continue
			}
			d := c.delay(o)
			var met, decided bool
			switch {
			case c.Params.UseDue && o.due >= 0:
				// The agency's own promise: instants, whatever the clock.
				met, decided = d >= 0 && d <= o.due, d >= 0 || asOf-o.recv >= o.due
			case d >= 0:
				met, decided = clk.between(o.recv, o.recv+d) <= c.target, true
			default:
				decided = clk.between(o.recv, asOf) >= c.target
			}
			switch {
			case !decided:
				m.Pending++
			case met:
				m.N++
				m.Count++
			default:
				m.N++
			}
		}
	case rubric.LongSilenceShare:
		for i := range a.obs {
			o := &a.obs[i]
			if c.keep(o) && asOf-o.recv >= c.silence {
				m.N++
				if d := c.delay(o); d < 0 || d > c.silence {
					m.Count++
				}
			}
		}
	case rubric.ReplyTimeQuantile, rubric.ReplyTimeRestrictedMean, rubric.EventualNonresponseShare:
		curve := a.curve(c, asOf)
		m.N, m.Count, m.Censored = curve.N, curve.Events, curve.Censored
		if m.N == 0 {
			return m
		}
		switch c.Metric {
		case rubric.ReplyTimeQuantile:
			lo, loOK := curve.QuantileLower(c.quantile)
			hi, hiOK := curve.QuantileUpper(c.quantile)
			if loOK || hiOK {
				m.Interval = &Interval{Low: hoursIf(lo, loOK), High: hoursIf(hi, hiOK)}
			}
			q, ok := curve.Quantile(c.quantile)
			if !ok {
				m.NotReached = true
				return m
			}
			m.Value = hoursIf(q, true)
		case rubric.ReplyTimeRestrictedMean:
			h := float64(c.horizon)
			mean, se := curve.RestrictedMean(h)
			m.Value = hoursIf(mean, true)
			m.Interval = &Interval{Low: hoursIf(max(mean-stats.Z95*se, 0), true), High: hoursIf(min(mean+stats.Z95*se, h), true)}
		case rubric.EventualNonresponseShare:
			v := decimal.NewFromFloat(curve.Plateau()).Round(divPlaces)
			m.Value = &v
			if n := len(curve.Surv); n > 0 {
				if lo, hi, ok := curve.ConfInt(n - 1); ok {
					m.Interval = &Interval{Low: fraction(lo), High: fraction(hi)}
				}
			}
		}
		return m
	case rubric.AccurateShare, rubric.DeflectionShare:
		var counts [5]int
		for i := range a.obs {
			if o := &a.obs[i]; c.keep(o) {
				counts[o.grade]++
			}
		}
		m.N = counts[gradeAccurate] + counts[gradePartial] + counts[gradeInaccurate] + counts[gradeDeflection]
		if m.N == 0 {
			return m
		}
		if c.Metric == rubric.DeflectionShare {
			m.Count = counts[gradeDeflection]
			break
		}
		m.Count = counts[gradeAccurate]
		sum := decimal.Zero
		for g := gradeAccurate; g <= gradeDeflection; g++ {
			sum = sum.Add(c.credits[g].Mul(decimal.NewFromInt(int64(counts[g]))))
		}
		v := sum.DivRound(decimal.NewFromInt(int64(m.N)), divPlaces)
		m.Value = &v
		return m
	case rubric.OpenChannelShare, rubric.BroadcastOnly:
		broadcast := false
		for _, ch := range a.channels {
			if ch.Implied || !ch.Official {
				continue
			}
			m.N++
			if ch.Open() {
				m.Count++
			}
			broadcast = broadcast || ch.BroadcastOnly
		}
		if c.Metric == rubric.BroadcastOnly && m.N > 0 {
			v := decimal.Zero
			if broadcast {
				v = decimal.NewFromInt(1)
			}
			m.Value = &v
			return m
		}
	case rubric.StaffPerOpenChannel, rubric.DeclaredCoverage:
		open := 0
		for _, ch := range a.channels {
			if ch.Open() {
				open++
			}
		}
		m.N = open
		if len(a.staffing) == 0 || open == 0 {
			m.N = 0
			return m
		}
		if c.Metric == rubric.StaffPerOpenChannel {
			staff := 0
			for _, st := range a.staffing {
				if st.ActiveAt(s.opts.AsOf) {
					staff += st.Staff
				}
			}
			m.Count = staff
			v := decimal.NewFromInt(int64(staff)).DivRound(decimal.NewFromInt(int64(open)), divPlaces)
			m.Value = &v
			return m
		}
		// Summed as decimals: exact, so the order of the channels cannot
		// change the last digit.
		total := decimal.Zero
		for _, ch := range a.channels {
			if !ch.Open() {
				continue
			}
			hours := 0.0
			for _, st := range a.staffing {
				if st.ActiveAt(s.opts.AsOf) && (st.ChannelID == "" || st.ChannelID == ch.ID) && st.Staff > 0 {
					hours = max(hours, st.WeeklyHours)
				}
			}
			total = total.Add(decimal.NewFromFloat(min(hours, 168)))
		}
		v := total.DivRound(decimal.NewFromInt(int64(168*open)), divPlaces)
		m.Value = &v
		return m
	case rubric.ObservedPresence:
		m.N, m.Count = s.presence(c, a, since)
	}
	if m.N > 0 && m.Value == nil && !m.NotReached {
		m.Value = ratio(m.Count, m.N)
		m.wilson()
	}
	return m
}

// presence returns the days on which the agency had at least one inquiry
// waiting (received and not yet answered) and, of those, the days with at
// least one first reply, counting calendar days in the agency's zone from
// since to AsOf.
func (s *Scorer) presence(c *criterion, a *agencyData, since time.Time) (waiting, replied int) {
	days := dayClock{loc: a.loc}
	sinceUnix, asOf := since.Unix(), s.opts.AsOf.Unix()
	first, last := days.index(sinceUnix), days.index(s.opts.AsOf.Add(-time.Nanosecond).Unix())
	if last < first {
		return 0, 0
	}
	// Each inquiry waits from the day it arrived to the day of its reply (or
	// the last day); the waiting days are the union of those runs. A long
	// period is counted by sorting the runs, so that its cost stays in the
	// number of inquiries, not of days: centuries cost no more than weeks.
	type run struct{ lo, hi int64 }
	runs := make([]run, 0, len(a.obs))
	var replyDays []int64
	for i := range a.obs {
		o := &a.obs[i]
		if !c.keep(o) {
			continue
		}
		r := run{lo: max(days.index(o.recv), first), hi: last}
		if o.delay >= 0 {
			// A reply at AsOf (o.delay >= 0 allows it) is outside the
			// period [since, AsOf): it ends the wait but marks no day.
			at := o.recv + o.delay
			r.hi = min(days.index(at), last)
			if at < asOf && at >= sinceUnix && r.hi >= r.lo {
				replyDays = append(replyDays, r.hi)
			}
		}
		if r.hi >= r.lo {
			runs = append(runs, r)
		}
	}
	if span := last - first + 1; span <= int64(4*len(runs)+4096) {
		// A period not much longer than the runs are many: count with a
		// difference array over the days, in linear time.
		diff := make([]int32, span+1)
		for _, r := range runs {
			diff[r.lo-first]++
			diff[r.hi-first+1]--
		}
		open := int32(0)
		for d := range span {
			open += diff[d]
			if open > 0 {
				waiting++
			}
		}
	} else {
		slices.SortFunc(runs, func(x, y run) int { return cmp.Compare(x.lo, y.lo) })
		end := first - 1 // the last waiting day counted so far
		for _, r := range runs {
			if r.hi > end {
				waiting += int(r.hi - max(r.lo, end+1) + 1)
				end = r.hi
			}
		}
	}
	// Every reply day lies in the run of its own inquiry, so it is a waiting
	// day: count the distinct ones.
	slices.Sort(replyDays)
	replied = len(slices.Compact(replyDays))
	return waiting, replied
}

// curve returns the Kaplan-Meier curve of time to first reply, in c's
// clock, over the agency's inquiries that pass c's filter: an unanswered
// inquiry is censored at its age. Criteria that agree on filter, clock and
// deflections share one curve.
func (a *agencyData) curve(c *criterion, asOf int64) *stats.Curve {
	key := curveKey{c.reqMask, c.kindMask, c.Params.Clock == rubric.BusinessClock, c.Params.RefuseDeflections}
	if cv, ok := a.curves[key]; ok {
		return cv
	}
	clk := a.clockFor(c)
	var sample stats.Sample
	sample.Grow(len(a.obs))
	for i := range a.obs {
		o := &a.obs[i]
		if !c.keep(o) {
			continue
		}
		if d := c.delay(o); d >= 0 {
			sample.Add(clk.between(o.recv, o.recv+d), true)
		} else {
			sample.Add(clk.between(o.recv, asOf), false)
		}
	}
	cv := sample.Curve()
	if a.curves == nil {
		a.curves = map[curveKey]*stats.Curve{}
	}
	a.curves[key] = &cv
	return &cv
}

// curveKey identifies the inquiries and clock behind a Kaplan-Meier curve.
type curveKey struct {
	reqMask, kindMask uint16
	business, refuse  bool
}

// delay returns the seconds from receipt to the reply that counts for c,
// or -1 when there is none by AsOf. A reply graded deflection counts unless
// c refuses deflections; then the resolution, if any, counts instead.
func (c *criterion) delay(o *obs) int64 {
	if o.delay >= 0 && c.Params.RefuseDeflections && o.grade == gradeDeflection {
		return o.resolved
	}
	return o.delay
}

// dayClock numbers calendar days in one time zone: days since 1970-01-01
// local. It remembers the zone period of the last instant it saw, so a run
// of instants costs one zone lookup per daylight-saving period, not one each.
type dayClock struct {
	loc      *time.Location
	lo, hi   int64 // the remembered zone period, Unix seconds [lo, hi)
	offset   int64 // its offset from UTC, seconds
	hasRange bool
}

func (c *dayClock) index(unix int64) int64 {
	if !c.hasRange || unix < c.lo || unix >= c.hi {
		t := time.Unix(unix, 0).In(c.loc)
		_, off := t.Zone()
		start, end := t.ZoneBounds()
		c.offset, c.hasRange = int64(off), true
		c.lo, c.hi = math.MinInt64, math.MaxInt64
		if !start.IsZero() {
			c.lo = start.Unix()
		}
		if !end.IsZero() {
			c.hi = end.Unix()
		}
	}
	x := unix + c.offset
	d := x / 86400
	if x%86400 < 0 {
		d--
	}
	return d
}

// points turns a measure into points, 0..100, rounded to Places.
func points(s rubric.Scale, m Measure) decimal.Decimal {
	if m.NotReached {
		return worstPoints(s)
	}
	v := m.scored()
	switch s.Kind {
	case rubric.Goalposts:
		p := v.Sub(*s.Worst).Mul(hundred).DivRound(s.Best.Sub(*s.Worst), divPlaces)
		return clamp(p).Round(Places)
	case rubric.Bands:
		for _, b := range s.Bands {
			if (b.Min == nil || v.Cmp(*b.Min) >= 0) && (b.Max == nil || v.Cmp(*b.Max) <= 0) {
				return b.Points.Round(Places)
			}
		}
	case rubric.Boolean:
		if v.Sign() != 0 {
			return s.TruePoints.Round(Places)
		}
		return s.FalsePoints.Round(Places)
	}
	return decimal.Zero // unreachable for a validated rubric
}

// worstPoints is the fewest points the scale can give.
func worstPoints(s rubric.Scale) decimal.Decimal {
	switch s.Kind {
	case rubric.Bands:
		w := hundred
		for _, b := range s.Bands {
			w = decimal.Min(w, b.Points)
		}
		return w.Round(Places)
	case rubric.Boolean:
		return decimal.Min(*s.TruePoints, *s.FalsePoints).Round(Places)
	}
	return decimal.Zero
}

var hundred = decimal.NewFromInt(100)

func clamp(p decimal.Decimal) decimal.Decimal {
	if p.Sign() < 0 {
		return decimal.Zero
	}
	if p.Cmp(hundred) > 0 {
		return hundred
	}
	return p
}
