package score

import (
	"cmp"
	"slices"
	"sync"
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
	o := obs{recv: recv.sec, delay: -1, resolved: -1, due: -1,
		req: requesterCode(q.Requester), kind: kind}
	if !q.FirstReplyAt.IsZero() {
		if at := instantOf(q.FirstReplyAt); !at.after(asOf) {
			o.delay = at.since(recv)
			o.grade = gradeCode(q.Accuracy)
		}
	}
	if !q.ResolvedAt.IsZero() {
		if at := instantOf(q.ResolvedAt); !at.after(asOf) {
			o.resolved = at.since(recv)
		}
	}
	if !q.DueAt.IsZero() {
		o.due = instantOf(q.DueAt).since(recv)
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
// reply, or for ever), and whether a reply was sent that day. A few days
// are held as a short list; more, densely, in blocks of 64 days (4 bytes
// and a bit a day), over the days seen while that stays small next to the
// number of inquiries; and in a map beyond. So memory grows with the days
// that have inquiries, never with the span between the earliest and the
// latest, and a tally of one inquiry costs a few dozen bytes.
type dayTally struct {
	clk dayClock
	n   int        // inquiries added
	few []dayEntry // the days, while there are at most maxFew
	// dayMany holds the days once they are too many for the short list;
	// nil before.
	*dayMany
}

// dayMany is the days of a dayTally beyond its short list: dense, or in a
// map.
type dayMany struct {
	lo     int64    // dense: the day delta[0] stands for, a multiple of 64
	delta  []int32  // dense, by day from lo; a multiple of 64 long
	reply  []uint64 // dense, a bit a day from lo
	sparse map[int64]dayCell
}

// dayEntry is one day of a dayTally's short list.
type dayEntry struct {
	day   int64
	delta int32
	reply bool
}

// maxFew is the longest short list of days.
const maxFew = 16

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
		t.bump(day+1, -1, at < asOf && (!hasSince || at >= since))
	}
}

// bump adds delta to the change of day d and, when reply, marks the day
// before d replied.
func (t *dayTally) bump(d, delta int64, reply bool) {
	if m := t.dayMany; m != nil {
		if i := uint64(d - m.lo); i < uint64(len(m.delta)) && i > 0 { // the common case
			if v := int64(m.delta[i]) + delta; v == int64(int32(v)) {
				m.delta[i] = int32(v)
				if reply {
					m.reply[(i-1)>>6] |= 1 << ((i - 1) & 63)
				}
				return
			}
		}
	}
	t.bumpSlow(d, delta, reply)
}

// bumpSlow is bump on the short list, or when the dense days do not cover
// d-1..d or an int32 would overflow: the days grow, or move on.
func (t *dayTally) bumpSlow(d, delta int64, reply bool) {
	if t.dayMany == nil {
		if t.bumpFew(d, delta, reply) {
			return
		}
		t.fromFew()
	}
	m := t.dayMany
	if m.sparse == nil && !t.fit(d-1, d) {
		t.toSparse()
	}
	if m.sparse == nil {
		i := d - m.lo
		if v := int64(m.delta[i]) + delta; v == int64(int32(v)) {
			m.delta[i] = int32(v)
			if reply {
				m.reply[(i-1)>>6] |= 1 << ((i - 1) & 63)
			}
			return
		}
		t.toSparse() // a day's change beyond an int32
	}
	if delta != 0 {
		c := m.sparse[d]
		c.delta += delta
		m.sparse[d] = c
	}
	if reply {
		c := m.sparse[d-1]
		c.reply = true
		m.sparse[d-1] = c
	}
}

// bumpFew is bump on the short list of days; it reports false, changing
// nothing, when the list has no room or a change would leave an int32.
func (t *dayTally) bumpFew(d, delta int64, reply bool) bool {
	find := func(day int64) int {
		for i := range t.few {
			if t.few[i].day == day {
				return i
			}
		}
		return -1
	}
	i, j := -1, -1
	need := 0
	if delta != 0 {
		if i = find(d); i < 0 {
			need++
		} else if v := int64(t.few[i].delta) + delta; v != int64(int32(v)) {
			return false
		}
	}
	if reply {
		if j = find(d - 1); j < 0 {
			need++
		}
	}
	if len(t.few)+need > maxFew || delta != int64(int32(delta)) {
		return false
	}
	if delta != 0 {
		if i < 0 {
			t.few = append(t.few, dayEntry{day: d})
			i = len(t.few) - 1
		}
		t.few[i].delta += int32(delta)
	}
	if reply {
		if j = find(d - 1); j < 0 {
			t.few = append(t.few, dayEntry{day: d - 1})
			j = len(t.few) - 1
		}
		t.few[j].reply = true
	}
	return true
}

// fromFew moves the short list of days to dense days, or to the map when
// they span too much.
func (t *dayTally) fromFew() {
	few := t.few
	t.few, t.dayMany = nil, &dayMany{}
	if len(few) == 0 {
		return
	}
	lo, hi := few[0].day, few[0].day
	for _, e := range few {
		lo, hi = min(lo, e.day), max(hi, e.day)
	}
	if !t.fit(lo-1, hi+1) {
		t.sparse = make(map[int64]dayCell, len(few))
	}
	t.replay(few)
}

// replay adds the days of a short list.
func (t *dayTally) replay(few []dayEntry) {
	for _, e := range few {
		t.bumpSlow(e.day, int64(e.delta), false)
		if e.reply {
			t.bumpSlow(e.day+1, 0, true)
		}
	}
}

// fit makes the dense days, which t must have left the short list for,
// cover the days [a, b], growing them, and reports false when they would
// span more than maxDense days.
func (t *dayTally) fit(a, b int64) bool {
	m := t.dayMany
	a, b = floorDiv(a, 64)*64, floorDiv(b, 64)*64+64 // whole blocks, [a, b)
	if len(m.delta) == 0 {
		if b-a > t.maxDense() {
			return false
		}
		m.lo, m.delta, m.reply = a, make([]int32, b-a), make([]uint64, (b-a)/64)
		return true
	}
	hi := m.lo + int64(len(m.delta)) // exclusive
	if a >= m.lo && b <= hi {
		return true
	}
	lo, end := min(a, m.lo), max(b, hi)
	if end-lo > t.maxDense() {
		return false
	}
	// Grow by at least the current length in the direction needed, so that
	// days one after another cost amortised constant time.
	n := int64(len(m.delta))
	if lo < m.lo {
		lo = max(min(lo, m.lo-n), end-t.maxDense())
		lo = floorDiv(lo+63, 64) * 64
		lo = min(lo, a)
	}
	if end > hi {
		end = min(max(end, hi+n), lo+t.maxDense())
		end = max(floorDiv(end, 64)*64, b)
	}
	delta, reply := make([]int32, end-lo), make([]uint64, (end-lo)/64)
	copy(delta[m.lo-lo:], m.delta)
	copy(reply[(m.lo-lo)/64:], m.reply)
	m.lo, m.delta, m.reply = lo, delta, reply
	return true
}

// toSparse moves the dense days to the map.
func (t *dayTally) toSparse() {
	m := t.dayMany
	m.sparse = make(map[int64]dayCell)
	t.each(func(d, delta int64, reply bool) { m.sparse[d] = dayCell{delta, reply} })
	m.delta, m.reply = nil, nil
}

// each calls f with every day of the short list or the dense days that
// has a change or a reply, in order.
func (t *dayTally) each(f func(d, delta int64, reply bool)) {
	slices.SortFunc(t.few, func(x, y dayEntry) int { return cmp.Compare(x.day, y.day) })
	for _, e := range t.few {
		f(e.day, int64(e.delta), e.reply)
	}
	if m := t.dayMany; m != nil {
		for i, v := range m.delta {
			reply := m.reply[i>>6]&(1<<(i&63)) != 0
			if v != 0 || reply {
				f(m.lo+int64(i), int64(v), reply)
			}
		}
	}
}

// merge adds o's days to t and empties o. Dense days that t does not take
// stay with o, cleared, for o to use again.
func (t *dayTally) merge(o *dayTally) {
	t.n += o.n
	o.n = 0
	switch {
	case o.dayMany == nil: // o's days are a short list
		t.replay(o.few)
		o.few = o.few[:0]
		return
	case t.dayMany == nil: // t's are: take o's days, then add t's list
		few := t.few
		t.few, t.dayMany, o.dayMany = nil, o.dayMany, nil
		t.replay(few)
		return
	}
	tm, om := t.dayMany, o.dayMany
	switch {
	case om.sparse != nil:
		for d, c := range om.sparse {
			t.bumpSlow(d, c.delta, false)
			if c.reply {
				t.bumpSlow(d+1, 0, true)
			}
		}
		o.dayMany = nil
		return
	case len(om.delta) == 0:
		return
	case len(tm.delta) == 0 && tm.sparse == nil:
		tm.lo, tm.delta, tm.reply = om.lo, om.delta, om.reply // take o's days as they are
		o.dayMany = nil
		return
	case tm.sparse == nil && t.fit(om.lo, om.lo+int64(len(om.delta))-1):
		off := om.lo - tm.lo // a multiple of 64
		for i, v := range om.delta {
			if tm.sparse == nil { // until a sum beyond an int32 makes t's days sparse
				if sum := int64(tm.delta[off+int64(i)]) + int64(v); sum == int64(int32(sum)) {
					tm.delta[off+int64(i)] = int32(sum)
					continue
				}
			}
			if v != 0 {
				t.bumpSlow(om.lo+int64(i), int64(v), false)
			}
		}
		for i, w := range om.reply {
			if tm.sparse == nil {
				tm.reply[off/64+int64(i)] |= w
				continue
			}
			for b := range 64 {
				if w&(1<<b) != 0 {
					t.bumpSlow(om.lo+int64(i*64+b)+1, 0, true)
				}
			}
		}
	default:
		o.each(func(d, delta int64, reply bool) {
			t.bumpSlow(d, delta, false)
			if reply {
				t.bumpSlow(d+1, 0, true)
			}
		})
	}
	clear(om.delta)
	clear(om.reply)
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
	if m := t.dayMany; m != nil && m.sparse != nil {
		days := make([]int64, 0, len(m.sparse))
		for d := range m.sparse {
			days = append(days, d)
		}
		slices.Sort(days)
		for _, d := range days {
			c := m.sparse[d]
			step(d, c.delta, c.reply)
		}
	} else {
		t.each(step)
	}
	if pos <= last && open > 0 {
		waiting += int(last - pos + 1)
	}
	return waiting, replied
}

// floorDiv returns a/b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
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
