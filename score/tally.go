package score

import (
	"slices"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/stats"
)

// obs is what scoring takes of one inquiry: integers only.
type obs struct {
	recv     int64 // receipt, Unix seconds
	delay    int64 // seconds from receipt to first reply; -1 when unanswered at AsOf
	resolved int64 // seconds from receipt to resolution; -1 when unresolved at AsOf
	due      int64 // seconds from receipt to the agency's promised time; -1 when none
	req      uint8 // requesterCode
	kind     uint8 // kindCode
	grade    uint8 // gradeCode; gradeNone unless answered
}

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

// seconds is d in whole seconds, rounded up: a reply 0.2 s after its
// deadline is late, not on time.
func seconds(d time.Duration) int64 {
	s := int64(d / time.Second)
	if d%time.Second > 0 {
		s++
	}
	return s
}

// observe turns an inquiry received by asOf into an obs of a channel of the
// given kind.
func observe(q *model.Inquiry, asOf time.Time, kind uint8) obs {
	o := obs{recv: q.ReceivedAt.Unix(), delay: -1, resolved: -1, due: -1,
		req: requesterCode(q.Requester), kind: kind}
	if q.Answered(asOf) {
		o.delay = seconds(q.FirstReplyAt.Sub(q.ReceivedAt))
		o.grade = gradeCode(q.Accuracy)
	}
	if !q.ResolvedAt.IsZero() && !q.ResolvedAt.After(asOf) {
		o.resolved = seconds(q.ResolvedAt.Sub(q.ReceivedAt))
	}
	if !q.DueAt.IsZero() {
		o.due = seconds(q.DueAt.Sub(q.ReceivedAt))
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
	for i := range criteria {
		c := &criteria[i]
		switch c.def.tally {
		case counted:
			p.slot[i] = len(p.counted)
			p.counted = append(p.counted, i)
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
// Kaplan-Meier samples (4 bytes an inquiry each) and the day tallies (a
// few bytes a day).
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
}

func newAgencyState(info *agencyInfo, p *plan) *agencyState {
	st := &agencyState{info: info,
		counts:  make([]counts, len(p.counted)),
		grades:  make([][numGrades]int, len(p.grades)),
		samples: make([]stats.Sample, len(p.curves)),
		days:    make([]dayTally, len(p.days)),
	}
	for i := range st.days {
		st.days[i].clk.loc = info.loc
	}
	return st
}

// add adds one inquiry received by AsOf, at receipt t.
func (st *agencyState) add(s *Scorer, o *obs, t time.Time) {
	if sec, ns := t.Unix(), int32(t.Nanosecond()); st.n == 0 || sec < st.first || sec == st.first && ns < st.firstNanos {
		st.first, st.firstNanos = sec, ns
	}
	st.n++
	asOf := s.asOf
	p := &s.plan
	for i, ci := range p.counted {
		c := &s.criteria[ci]
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
			st.samples[i].Add(clk.between(o.recv, asOf), false)
		}
	}
	for i, f := range p.days {
		if f.keep(o) {
			st.days[i].add(o, asOf, s.sinceUnix, s.hasSince)
		}
	}
	if o.delay < 0 && asOf-o.recv >= s.longSilence {
		st.silent++
		st.oldest = max(st.oldest, asOf-o.recv)
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

// dayTally is what observed_presence keeps of an agency's inquiries: per
// calendar day of the agency's zone, the change in the number of inquiries
// waiting (an inquiry waits from the day it arrives to the day of its
// reply, or for ever), and whether a reply was sent that day. Days are
// held in a dense array over the days seen while that array stays small
// next to the number of inquiries, and in a map beyond, so that its memory
// grows with the days that have inquiries, never with the span between
// the earliest and the latest.
type dayTally struct {
	clk    dayClock
	n      int     // inquiries added
	lo     int64   // dense: the day delta[0] and reply[0] stand for
	delta  []int64 // dense, by day from lo
	reply  []bool  // dense, by day from lo
	sparse map[int64]dayCell
}

// dayCell is one day of a sparse dayTally.
type dayCell struct {
	delta int64
	reply bool
}

// maxDense is how many days a dense dayTally may span: at least 4096,
// and more for a tally of many inquiries.
func (t *dayTally) maxDense() int64 { return max(4096, 8*int64(t.n)) }

// add counts one inquiry: it waits from the day of its receipt; an answer
// by AsOf ends the wait on the day of the reply, and marks that day
// replied when the reply falls in [since, AsOf).
func (t *dayTally) add(o *obs, asOf, since int64, hasSince bool) {
	t.n++
	t.bump(t.clk.index(o.recv), 1, false)
	if o.delay >= 0 {
		at := o.recv + o.delay
		day := t.clk.index(at)
		if at < asOf && (!hasSince || at >= since) {
			t.bump(day, 0, true)
		}
		t.bump(day+1, -1, false)
	}
}

// bump adds delta to day d's change and, when reply, marks it replied.
func (t *dayTally) bump(d, delta int64, reply bool) {
	if i := uint64(d - t.lo); i < uint64(len(t.delta)) { // the common case
		t.delta[i] += delta
		t.reply[i] = t.reply[i] || reply
		return
	}
	if t.sparse == nil && !t.fit(d, d) {
		t.toSparse()
	}
	if t.sparse != nil {
		c := t.sparse[d]
		c.delta += delta
		c.reply = c.reply || reply
		t.sparse[d] = c
		return
	}
	t.delta[d-t.lo] += delta
	t.reply[d-t.lo] = t.reply[d-t.lo] || reply
}

// fit makes the dense arrays cover the days [a, b], growing them, and
// reports false when they would span more than maxDense days.
func (t *dayTally) fit(a, b int64) bool {
	if len(t.delta) == 0 {
		if b-a+1 > t.maxDense() {
			return false
		}
		t.lo = a
		t.delta, t.reply = make([]int64, b-a+1), make([]bool, b-a+1)
		return true
	}
	hi := t.lo + int64(len(t.delta)) // exclusive
	if a >= t.lo && b < hi {
		return true
	}
	lo, end := min(a, t.lo), max(b+1, hi)
	if end-lo > t.maxDense() {
		return false
	}
	// Grow by at least the current length in the direction needed, so that
	// a run of days one after another costs amortised constant time.
	n := int64(len(t.delta))
	if lo < t.lo {
		lo = max(min(lo, t.lo-n), end-t.maxDense())
	}
	if end > hi {
		end = min(max(end, hi+n), lo+t.maxDense())
	}
	delta, reply := make([]int64, end-lo), make([]bool, end-lo)
	copy(delta[t.lo-lo:], t.delta)
	copy(reply[t.lo-lo:], t.reply)
	t.lo, t.delta, t.reply = lo, delta, reply
	return true
}

// toSparse moves the dense days to the map.
func (t *dayTally) toSparse() {
	t.sparse = make(map[int64]dayCell)
	for i, d := range t.delta {
		if d != 0 || t.reply[i] {
			t.sparse[t.lo+int64(i)] = dayCell{d, t.reply[i]}
		}
	}
	t.delta, t.reply = nil, nil
}

// merge adds o's days to t and empties o.
func (t *dayTally) merge(o *dayTally) {
	t.n += o.n
	switch {
	case o.sparse != nil:
		for d, c := range o.sparse {
			t.bump(d, c.delta, c.reply)
		}
	case len(o.delta) > 0:
		if t.sparse == nil && !t.fit(o.lo, o.lo+int64(len(o.delta))-1) {
			t.toSparse()
		}
		for i, d := range o.delta {
			if d != 0 || o.reply[i] {
				t.bump(o.lo+int64(i), d, o.reply[i])
			}
		}
	}
	loc := o.clk.loc
	*o = dayTally{}
	o.clk.loc = loc
}

// count returns the days in [first, last] on which at least one inquiry
// was waiting, and of those the days with a reply.
func (t *dayTally) count(first, last int64) (waiting, replied int) {
	pos, open := first, int64(0) // the first day not yet counted; inquiries waiting then
	step := func(d, delta int64, reply bool) {
		if d > last {
			return
		}
		if d > pos {
			if open > 0 {
				waiting += int(d - pos)
			}
			pos = d
		}
		open += delta
		if reply && d >= first {
			replied++
		}
	}
	if t.sparse != nil {
		days := make([]int64, 0, len(t.sparse))
		for d := range t.sparse {
			days = append(days, d)
		}
		slices.Sort(days)
		for _, d := range days {
			c := t.sparse[d]
			step(d, c.delta, c.reply)
		}
	} else {
		for i, d := range t.delta {
			if d != 0 || t.reply[i] {
				step(t.lo+int64(i), d, t.reply[i])
			}
		}
	}
	if pos <= last && open > 0 {
		waiting += int(last - pos + 1)
	}
	return waiting, replied
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
