package score

import (
	"slices"
	"sync"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/stats"
)

// obs is what scoring takes of one inquiry: integers only.
//
// Durations follow one rule, decided from the exact instants: a delay,
// something that happened, is rounded up to whole seconds; an age, the
// time observed without it happening, is rounded down. A threshold of
// whole seconds is then met by a delay (delay <= T) and passed by an age
// (age >= T) exactly when the exact duration meets or passes it: an
// inquiry 59 min 59.6 s old at AsOf is pending against a one-hour target,
// and breached from the hour on, when a reply can no longer meet it. (In
// business time, exactly so for instants on whole seconds.)
type obs struct {
	recv int64 // receipt, Unix seconds, rounded down
	// end is AsOf in Unix seconds, less one when AsOf's fraction of a
	// second is below the receipt's: end - recv is the inquiry's age at
	// AsOf, rounded down.
	end      int64
	delay    int64 // seconds from receipt to first reply, rounded up; -1 when unanswered at AsOf
	resolved int64 // seconds from receipt to resolution, rounded up; -1 when unresolved at AsOf
	due      int64 // seconds from receipt to the agency's promised time, rounded up; -1 when none
	req      uint8 // requesterCode
	kind     uint8 // kindCode
	grade    uint8 // gradeCode; gradeNone unless answered
	dueFlags uint8 // the promise kept or passed, from the exact instants: dueReplyMet, ...
}

// Bits of obs.dueFlags.
const (
	dueReplyMet    uint8 = 1 << iota // replied by AsOf, at or before the promised time
	dueResolvedMet                   // resolved by AsOf, at or before it
	duePassed                        // AsOf is at or after it
)

// Codes for the enumerations an obs carries; bit i of a filter mask stands
// for code i.
const (
	gradeNone uint8 = iota
	gradeAccurate
	gradePartial
	gradeInaccurate
	gradeDeflection
	numGrades
)

func requesterCode(r model.Requester) uint8 {
	switch r {
	case model.RequesterPublic:
		return 1
	case model.RequesterMedia:
		return 2
	case model.RequesterBusiness:
		return 3
	case model.RequesterAuditor:
		return 4
	}
	return 0 // not recorded
}

func kindCode(k model.ChannelKind) uint8 {
	for i, c := range model.ChannelKinds() {
		if k == c {
			return uint8(i)
		}
	}
	return 0 // unreachable for a validated dataset
}

func gradeCode(a model.Accuracy) uint8 {
	switch a {
	case model.AccuracyAccurate:
		return gradeAccurate
	case model.AccuracyPartial:
		return gradePartial
	case model.AccuracyInaccurate:
		return gradeInaccurate
	case model.AccuracyDeflection:
		return gradeDeflection
	}
	return gradeNone
}

// instant is a time as Unix seconds and nanoseconds, for comparisons
// without the time package's decoding.
type instant struct {
	sec int64
	ns  int32
}

func instantOf(t time.Time) instant { return instant{t.Unix(), int32(t.Nanosecond())} }

// after reports whether i is after j.
func (i instant) after(j instant) bool { return i.sec > j.sec || i.sec == j.sec && i.ns > j.ns }

// since returns the whole seconds from j to i, rounded up; i is not before
// j.
func (i instant) since(j instant) int64 {
	d := i.sec - j.sec
	if i.ns > j.ns {
		d++
	}
	return d
}

// observe turns an inquiry received at recv, by asOf, into an obs of a
// channel of the given kind.
func observe(q *model.Inquiry, recv, asOf instant, kind uint8) obs {
	o := obs{recv: recv.sec, end: asOf.sec, delay: -1, resolved: -1, due: -1,
		req: requesterCode(q.Requester), kind: kind}
	if asOf.ns < recv.ns {
		o.end--
	}
	var reply, resolved instant
	if !q.FirstReplyAt.IsZero() {
		if at := instantOf(q.FirstReplyAt); !at.after(asOf) {
			o.delay, reply = at.since(recv), at
			o.grade = gradeCode(q.Accuracy)
		}
	}
	if !q.ResolvedAt.IsZero() {
		if at := instantOf(q.ResolvedAt); !at.after(asOf) {
			o.resolved, resolved = at.since(recv), at
		}
	}
	if !q.DueAt.IsZero() {
		due := instantOf(q.DueAt)
		o.due = due.since(recv)
		if o.delay >= 0 && !reply.after(due) {
			o.dueFlags |= dueReplyMet
		}
		if o.resolved >= 0 && !resolved.after(due) {
			o.dueFlags |= dueResolvedMet
		}
		if !due.after(asOf) {
			o.dueFlags |= duePassed
		}
	}
	return o
}

// filterKey identifies the inquiries a criterion's filter keeps.
type filterKey struct{ reqMask, kindMask uint16 }

func (k filterKey) keep(o *obs) bool {
	return k.reqMask&(1<<o.req) != 0 && k.kindMask&(1<<o.kind) != 0
}

// curveKey identifies the inquiries and clock behind a Kaplan-Meier curve.
type curveKey struct {
	filterKey
	business, refuse bool
}

// plan is how a Scorer's criteria share tallies: one list of tallies per
// kind, and for each criterion the index of its tally in its kind's list.
type plan struct {
	counted []int       // the criterion each counter tally belongs to
	grades  []filterKey // one grade tally per filter
	curves  []curveKey  // one sample per filter, clock and deflection rule
	days    []filterKey // one day tally per filter
	// curveBy are the criteria whose rules each curve follows: a
	// representative of curves[i].
	curveBy []criterion
	slot    []int // by criterion: its tally's index in its kind's list
	// replyCurve is the curve of every inquiry in calendar time, for
	// Options.Curves; -1 when not kept.
	replyCurve int
}

// allInquiries is a criterion without filter, clock or deflection rule.
var allInquiries = criterion{filter: filterKey{0xffff, 0xffff}}

// newPlan assigns each criterion its tally.
func newPlan(criteria []criterion, curves bool) plan {
	p := plan{slot: make([]int, len(criteria)), replyCurve: -1}
	curveSlot := func(c *criterion) int {
		k := c.curveKey()
		if i := slices.Index(p.curves, k); i >= 0 {
			return i
		}
		p.curves = append(p.curves, k)
		p.curveBy = append(p.curveBy, *c)
		return len(p.curves) - 1
	}
	var countKeys []countKey // by counter tally
	for i := range criteria {
		c := &criteria[i]
		switch c.def.tally {
		case counted:
			// Criteria (or gates) that count the same way share a tally.
			k := c.countKey()
			if p.slot[i] = slices.Index(countKeys, k); p.slot[i] < 0 {
				p.slot[i] = len(p.counted)
				p.counted = append(p.counted, i)
				countKeys = append(countKeys, k)
			}
		case byGrade:
			if p.slot[i] = slices.Index(p.grades, c.filter); p.slot[i] < 0 {
				p.slot[i] = len(p.grades)
				p.grades = append(p.grades, c.filter)
			}
		case timed:
			p.slot[i] = curveSlot(c)
		case daily:
			if p.slot[i] = slices.Index(p.days, c.filter); p.slot[i] < 0 {
				p.slot[i] = len(p.days)
				p.days = append(p.days, c.filter)
			}
		default:
			p.slot[i] = -1
		}
	}
	if curves {
		p.replyCurve = curveSlot(&allInquiries)
	}
	return p
}

// agencyState is what an accumulator keeps of one agency's inquiries. Its
// size does not depend on the number of inquiries, except for the
// Kaplan-Meier samples (4 bytes an inquiry each) and the day tallies (two
// bits a day, or a map entry for each day with inquiries).
type agencyState struct {
	info       *agencyInfo
	n          int   // inquiries received by AsOf
	after      int   // inquiries received after AsOf, not scored
	first      int64 // the earliest receipt by AsOf, Unix seconds...
	firstNanos int32 // ...and nanoseconds; meaningful when n > 0
	counts     []counts
	grades     [][numGrades]int
	samples    []stats.Sample
	days       []dayTally
	// Inquiries unanswered for the long-silence threshold, and the oldest
	// of them, in seconds.
	silent int
	oldest int64
	// Room for the tallies of a small plan inside the state, where counts,
	// grades, samples and days point when they fit: one allocation, and
	// neighbouring cache lines for the tallies an inquiry updates.
	countsRoom  [6]counts
	gradesRoom  [1][numGrades]int
	samplesRoom [1]stats.Sample
	daysRoom    [1]dayTally
}

// room returns n elements of r, or of a new slice when r is too short.
func room[T any](r []T, n int) []T {
	if n <= len(r) {
		return r[:n:n]
	}
	return make([]T, n)
}

// newAgencyState returns an empty state for the agency, one from pool
// when it has one.
func newAgencyState(info *agencyInfo, p *plan, pool *sync.Pool) *agencyState {
	st, _ := pool.Get().(*agencyState)
	if st == nil {
		st = new(agencyState)
		st.counts = room(st.countsRoom[:], len(p.counted))
		st.grades = room(st.gradesRoom[:], len(p.grades))
		st.samples = room(st.samplesRoom[:], len(p.curves))
		st.days = room(st.daysRoom[:], len(p.days))
	}
	st.info = info
	for i := range st.days {
		st.days[i].clk = dayClock{loc: info.loc}
	}
	return st
}

// recycle puts st, emptied by a merge, in pool: its counters are zeroed,
// and its samples and days keep the room they had.
func (st *agencyState) recycle(pool *sync.Pool) {
	clear(st.counts)
	clear(st.grades)
	st.info, st.n, st.after, st.first, st.firstNanos, st.silent, st.oldest = nil, 0, 0, 0, 0, 0, 0
	pool.Put(st)
}

// add adds one inquiry received by AsOf, at t.
func (st *agencyState) add(s *Scorer, o *obs, t instant) {
	if st.n == 0 || t.sec < st.first || t.sec == st.first && t.ns < st.firstNanos {
		st.first, st.firstNanos = t.sec, t.ns
	}
	st.n++
	asOf := s.asOf
	p := &s.plan
	for i, ci := range p.counted {
		c := &s.measured[ci]
		if c.filter.keep(o) {
			c.def.count(c, o, st.info, asOf, &st.counts[i])
		}
	}
	for i, f := range p.grades {
		if f.keep(o) {
			st.grades[i][o.grade]++
		}
	}
	for i := range p.curves {
		c := &p.curveBy[i]
		if !c.filter.keep(o) {
			continue
		}
		clk := st.info.clockFor(c)
		if d := c.delay(o); d >= 0 {
			st.samples[i].Add(clk.between(o.recv, o.recv+d), true)
		} else {
			st.samples[i].Add(clk.between(o.recv, o.end), false)
		}
	}
	for i, f := range p.days {
		if f.keep(o) {
			st.days[i].add(o, asOf, s.sinceUnix, s.hasSince)
		}
	}
	if o.delay < 0 && o.end-o.recv >= s.longSilence {
		st.silent++
		st.oldest = max(st.oldest, o.end-o.recv)
	}
}

// merge adds o's content to st and empties o.
func (st *agencyState) merge(o *agencyState) {
	if o.n > 0 && (st.n == 0 || o.first < st.first || o.first == st.first && o.firstNanos < st.firstNanos) {
		st.first, st.firstNanos = o.first, o.firstNanos
	}
	st.n += o.n
	st.after += o.after
	for i := range st.counts {
		st.counts[i].merge(&o.counts[i])
	}
	for i := range st.grades {
		for g := range st.grades[i] {
			st.grades[i][g] += o.grades[i][g]
		}
	}
	for i := range st.samples {
		st.samples[i].Merge(&o.samples[i])
	}
	for i := range st.days {
		st.days[i].merge(&o.days[i])
	}
	st.silent += o.silent
	st.oldest = max(st.oldest, o.oldest)
}

// clockFor returns the clock criterion c measures the agency's durations
// in. A business-time criterion falls back to calendar time for an agency
// without a calendar (and the agency is flagged).
func (a *agencyInfo) clockFor(c *criterion) clock {
	if c.Params.Clock == rubric.BusinessClock && a.biz != nil {
		return clock{biz: a.biz}
	}
	return clock{}
}
