package score

import (
	"math"
	"slices"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/stats"
)

// criterion is a rubric criterion prepared for scoring: parameters in
// seconds and filter lists as bit masks.
type criterion struct {
	rubric.Criterion
	def   metric // what the metric keeps and how it measures
	index int    // position in Scorer.criteria
	// share is the criterion's nominal share of the overall score: its
	// dimension's weight times its own.
	share decimal.Decimal
	// short holds each sample size below minSample written out, for the
	// insufficient_data flag's arguments, made once (for minimums up to
	// maxShort); minText is minSample written out.
	short     []string
	minSample int
	minText   string
	// filter has a bit per requesterCode and kindCode; all ones when the
	// filter has no requesters or no channels.
	filter   filterKey
	grace    int64 // seconds
	target   int64 // seconds
	silence  int64 // seconds
	quantile float64
	horizon  int64                      // seconds
	credits  [numGrades]decimal.Decimal // by gradeCode
	// reach is, for a reply-time quantile on a fixed scale, the time in
	// hours from which every value earns the worst points: a quantile not
	// reached earns them only when the curve was observed that long. Nil
	// for other criteria, which score not reached as the worst points.
	reach *decimal.Decimal
}

func compile(c rubric.Criterion, opts Options) criterion {
	k := criterion{Criterion: c, def: metrics[c.Metric], minSample: 1, filter: filterKey{0xffff, 0xffff}}
	if c.Metric.InquiryBased() {
		k.minSample = opts.MinSample
	}
	if c.MinSample > 0 {
		k.minSample = c.MinSample
	}
	if f := c.Filter; f != nil {
		if len(f.Requesters) > 0 {
			k.filter.reqMask = 0
			for _, r := range f.Requesters {
				k.filter.reqMask |= 1 << requesterCode(r)
			}
		}
		if len(f.Channels) > 0 {
			k.filter.kindMask = 0
			for _, ch := range f.Channels {
				k.filter.kindMask |= 1 << kindCode(ch)
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
	if c.Metric == rubric.ReplyTimeQuantile {
		k.reach = reachOf(c.Scale)
	}
	k.minText = strconv.Itoa(k.minSample)
	if k.minSample <= maxShort {
		k.short = make([]string, k.minSample)
		for n := range k.short {
			k.short[n] = strconv.Itoa(n)
		}
	}
	k.credits = [numGrades]decimal.Decimal{gradeAccurate: decimal.NewFromInt(1), gradePartial: decimal.RequireFromString("0.5"),
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

// maxShort is the largest minimum sample size whose flag details are made
// in advance.
const maxShort = 1024

// insufficientDetail returns the message and arguments of the
// insufficient_data flag of measure m.
func (c *criterion) insufficientDetail(m *Measure) (string, []string) {
	if c.youngSilence(m) {
		return "insufficient.young", []string{m.Observed.Truncate(1).StringFixed(1), c.reach.String()}
	}
	return c.insufficient(m.N)
}

// insufficientAmong is insufficientDetail for a report in which the
// agencies compared on a relative scale reach values up to reach.
func (c *criterion) insufficientAmong(m *Measure, reach *decimal.Decimal) (string, []string) {
	switch {
	case !c.relativeSilence(m, reach):
		return c.insufficientDetail(m)
	case reach == nil:
		return "insufficient.no_reach", []string{m.Observed.Truncate(1).StringFixed(1)}
	}
	return "insufficient.reach", []string{m.Observed.Truncate(1).StringFixed(1), reach.String()}
}

// relativeSilence reports whether m is a quantile not reached, on a
// relative scale, that cannot be placed among the agencies compared,
// whose values reach up to reach (nil when none has one): it is worse
// than every one of them only once observed at least as long as the
// largest. It is young silence on a relative scale.
func (c *criterion) relativeSilence(m *Measure, reach *decimal.Decimal) bool {
	return m.NotReached && c.Scale.Kind.Relative() && m.Observed != nil && (reach == nil || m.Observed.LessThan(*reach))
}

// youngSilence reports whether m is a quantile not reached in a window
// too short to tell it from a good one.
func (c *criterion) youngSilence(m *Measure) bool {
	return m.NotReached && c.reach != nil && m.Observed != nil && m.Observed.LessThan(*c.reach)
}

// insufficient returns the message and arguments of the insufficient_data
// flag of a sample of size n, below the criterion's minimum.
func (c *criterion) insufficient(n int) (string, []string) {
	if n >= 0 && n < len(c.short) {
		return "insufficient.n", []string{c.short[n], c.minText}
	}
	return "insufficient.n", []string{strconv.Itoa(n), c.minText}
}

// curveKey identifies the Kaplan-Meier curve the criterion reads.
// countKey identifies what a counted criterion counts: its metric and
// everything that metric's count reads.
type countKey struct {
	metric                 rubric.Metric
	filter                 filterKey
	grace, target, silence int64
	business, due, refuse  bool
}

func (c *criterion) countKey() countKey {
	return countKey{c.Metric, c.filter, c.grace, c.target, c.silence,
		c.Params.Clock == rubric.BusinessClock, c.Params.UseDue, c.Params.RefuseDeflections}
}

func (c *criterion) curveKey() curveKey {
	return curveKey{c.filter, c.Params.Clock == rubric.BusinessClock, c.Params.RefuseDeflections}
}

// Measure is the value of a criterion's metric for one agency, with the
// sample behind it. Rates and shares are between 0 and 1; times are in hours;
// booleans are 1 (true) or 0 (false).
type Measure struct {
	// Value is the measure; nil when there is no data, or when the quantile
	// was not reached.
	Value *decimal.Decimal `json:"value"`
	// NotReached reports that a reply-time quantile was not reached: too few
	// inquiries were answered by AsOf for the curve to fall that far, in
	// the Observed hours. It is scored as the scale's worst points once
	// Observed reaches the time from which every value earns them (the
	// worst goalpost, or the start of an open-ended worst band); before
	// that the silence is young, the quantile may yet be good, and the
	// measure is insufficient: flagged, scored neither 0 nor 100.
	NotReached bool `json:"not_reached,omitempty"`
	// Observed is, for a quantile not reached, the longest time observed,
	// in hours: the oldest inquiry without a reply, or the longest delay.
	Observed *decimal.Decimal `json:"observed,omitempty"`
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
	// Prior is the beta prior Shrunk was pulled towards, fitted to the
	// rates of every agency with a sample (those below the minimum sample
	// size included): Shrunk = (Count + Alpha) / (N + Alpha + Beta), with
	// Alpha and Beta as fitted; they are shown rounded to 9 decimal
	// places. Nil when the criterion has no shrinkage, or the prior could
	// not be fitted (then Shrunk is the rate itself).
	Prior *Prior `json:"prior,omitempty"`
}

// Prior is a beta(Alpha, Beta) prior of a rate, fitted by the method of
// moments to the rates of every agency with a sample (Kleinman, 1973): its mean
// is the pooled rate, and Alpha + Beta measures how little the agencies'
// rates vary beyond what sampling explains.
type Prior struct {
	Alpha float64 `json:"alpha"`
	Beta  float64 `json:"beta"`
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
	if small(m.Count, m.N) {
		if w := smallWilson[m.N][m.Count].Load(); w != nil {
			lo, hi := w[0], w[1]
			m.Interval = &Interval{Low: &lo, High: &hi}
			return
		}
	}
	lo, hi := stats.Wilson(m.Count, m.N, stats.Z95)
	m.Interval = &Interval{Low: fraction(lo), High: fraction(hi)}
	if small(m.Count, m.N) {
		smallWilson[m.N][m.Count].Store(&[2]decimal.Decimal{*m.Interval.Low, *m.Interval.High})
	}
}

// ratio returns k/n to divPlaces places.
func ratio(k, n int) *decimal.Decimal {
	if small(k, n) {
		if r := smallRatio[n][k].Load(); r != nil {
			v := *r
			return &v
		}
	}
	v := decimal.NewFromInt(int64(k)).DivRound(decimal.NewFromInt(int64(n)), divPlaces)
	if small(k, n) {
		smallRatio[n][k].Store(&v)
		w := v
		return &w
	}
	return &v
}

// The rates and intervals of small samples, which a report of many small
// agencies asks for again and again, are made once. Decimals do not
// change once made, so their values can be shared.
const smallN = 64

var (
	smallRatio  [smallN + 1][smallN + 1]atomic.Pointer[decimal.Decimal]
	smallWilson [smallN + 1][smallN + 1]atomic.Pointer[[2]decimal.Decimal]
)

// small reports whether k of n is a small sample.
func small(k, n int) bool { return n > 0 && n <= smallN && k >= 0 && k <= n }

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

// reachOf returns the value from which every larger value earns a fixed
// scale's worst points, for a measure where larger is worse: a goalposts
// scale's Worst when it is above Best; for bands, the smallest bound above
// which the points are the worst everywhere (bands give constant points
// between their bounds, so each bound and a value between each two are
// tried). Nil for other scales, and for bands whose largest values do not
// earn the worst points.
func reachOf(s rubric.Scale) *decimal.Decimal {
	switch s.Kind {
	case rubric.Goalposts:
		if s.Worst.GreaterThan(*s.Best) {
			w := *s.Worst
			return &w
		}
	case rubric.Bands:
		worst := worstPoints(s)
		isWorst := func(v decimal.Decimal) bool { return points(s, Measure{Value: &v}).Equal(worst) }
		var bounds []decimal.Decimal
		for _, b := range s.Bands {
			for _, v := range []*decimal.Decimal{b.Min, b.Max} {
				if v != nil && !slices.ContainsFunc(bounds, v.Equal) {
					bounds = append(bounds, *v)
				}
			}
		}
		slices.SortFunc(bounds, decimal.Decimal.Cmp)
		k := len(bounds)
		if k == 0 {
			zero := decimal.Zero
			return &zero // one band for every value
		}
		// above(i) is a value between bounds i and i+1, or above the last.
		above := func(i int) decimal.Decimal {
			if i+1 < k {
				return bounds[i].Add(bounds[i+1]).Div(decimal.NewFromInt(2))
			}
			return bounds[i].Add(decimal.NewFromInt(1))
		}
		if !isWorst(above(k - 1)) {
			return nil
		}
		reach := bounds[k-1]
		for i := k - 2; i >= 0 && isWorst(bounds[i+1]) && isWorst(above(i)); i-- {
			reach = bounds[i]
		}
		return &reach
	}
	return nil
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
