package score

import (
	"cmp"
	"math"
	"math/bits"
	"slices"
)

// dayTally is what observed_presence keeps of an agency's inquiries: the
// calendar days, in the agency's zone, on which at least one inquiry was
// waiting, and those on which a reply was sent within [since, AsOf). An
// inquiry waits from the day it arrives to the day of its reply, both
// included, or for ever when it is unanswered at AsOf.
//
// A few waits and replies are held as a short list. More are held as bits,
// a bit a day for waiting and one for replied, in words of 64 days, over
// the days seen while that span stays small next to the number of
// inquiries: an inquiry sets a bit or two in a word or two, and merging two
// tallies is an OR of their words. A wait of more than 64 days is held as
// its two ends in a map, as every wait is once the days span too much for
// bits; replies are then a set of days. So memory grows with the days that
// have inquiries, never with the span between the earliest and the latest,
// and a tally of one inquiry costs a few dozen bytes.
type dayTally struct {
	clk dayClock
	n   int // inquiries added
	// entries counts the waits and replies that made the days: the
	// inquiries added, and the spans and reply days of a decoded tally,
	// whose n nothing backs. It sizes the bits (maxWords).
	entries int
	// forever is the first day of the waits that never end, the inquiries
	// unanswered at AsOf; meaningful when open.
	forever int64
	open    bool
	few     []dayEntry // the waits and replies, while there are at most maxFew
	// dayMany holds the days once they are too many for the short list;
	// nil before.
	*dayMany
}

// dayEntry is one entry of a dayTally's short list: a wait on the days
// [lo, hi], or, when reply is set, a reply sent on day lo (which is hi).
type dayEntry struct {
	lo, hi int64
	reply  bool
}

// dayMany is the days of a dayTally beyond its short list.
type dayMany struct {
	lo      int64    // the day of bit 0 of waited[0] and replied[0], a multiple of 64
	waited  []uint64 // a bit a day from lo: an inquiry waited that day
	replied []uint64 // a bit a day from lo, as long as waited: a reply was sent that day
	// ends holds the waits that are not bits, as the changes they make to
	// the number of inquiries waiting: +1 on the first day, -1 on the day
	// after the last. A day whose change sums to 0 is not in the map.
	ends map[int64]int64
	// sparse is set once the days span too much for bits: waited and
	// replied are then empty, every wait is in ends and every reply in
	// repliedDays.
	sparse      bool
	repliedDays map[int64]struct{}
}

// maxFew is the longest short list of waits and replies.
const maxFew = 16

// longWait is the number of days from which a wait is held as its ends
// rather than as bits: a shorter one sets bits in at most two words.
const longWait = 64

// maxWords is how many words of 64 days the bits of a dayTally may span:
// 256 (about 45 years, 4 KiB for both kinds of bit), or a word for each
// entry, 16 bytes, for a tally of many. Entries, not n: a decoded tally's
// n is a number in the encoding, which would let a few bytes claim bits
// over the whole range of days.
func (t *dayTally) maxWords() int64 { return max(256, int64(t.entries)) }

// add counts one inquiry: it waits from the day of its receipt to the day
// of its reply, or for ever when unanswered at AsOf; the day of a reply in
// [since, AsOf) is a day replied.
func (t *dayTally) add(o *obs, asOf, since int64, hasSince bool) {
	t.n++
	t.entries++
	first := t.clk.index(o.recv)
	if o.delay < 0 {
		if !t.open || first < t.forever {
			t.forever, t.open = first, true
		}
		return
	}
	at := o.recv + o.delay
	last := t.clk.index(at)
	reply := at < asOf && (!hasSince || at >= since)
	if m := t.dayMany; m != nil && last-first < longWait {
		// The common case: both days in the bits.
		i, j, n := uint64(first-m.lo), uint64(last-m.lo), uint64(len(m.waited))*64
		if i < n && j < n {
			setBits(m.waited, i, j)
			if reply {
				m.replied[j>>6] |= 1 << (j & 63)
			}
			return
		}
	}
	t.wait(first, last)
	if reply {
		t.reply(last)
	}
}

// wait adds a wait on the days [lo, hi].
func (t *dayTally) wait(lo, hi int64) {
	if t.dayMany == nil {
		if len(t.few) < maxFew {
			t.few = append(t.few, dayEntry{lo: lo, hi: hi})
			return
		}
		t.fromFew()
	}
	m := t.dayMany
	if hi-lo < longWait && !m.sparse {
		if t.fit(lo, hi) {
			setBits(m.waited, uint64(lo-m.lo), uint64(hi-m.lo))
			return
		}
		t.toSparse()
	}
	m.end(lo, 1)
	m.end(hi+1, -1)
}

// reply adds a reply sent on day d.
func (t *dayTally) reply(d int64) {
	if t.dayMany == nil {
		if len(t.few) < maxFew {
			t.few = append(t.few, dayEntry{lo: d, hi: d, reply: true})
			return
		}
		t.fromFew()
	}
	m := t.dayMany
	if !m.sparse {
		if t.fit(d, d) {
			i := uint64(d - m.lo)
			m.replied[i>>6] |= 1 << (i & 63)
			return
		}
		t.toSparse()
	}
	if m.repliedDays == nil {
		m.repliedDays = make(map[int64]struct{})
	}
	m.repliedDays[d] = struct{}{}
}

// end adds delta to the change in waits on day d.
func (m *dayMany) end(d, delta int64) {
	if m.ends == nil {
		m.ends = make(map[int64]int64)
	}
	if v := m.ends[d] + delta; v != 0 {
		m.ends[d] = v
	} else {
		delete(m.ends, d)
	}
}

// setBits sets the bits i to j of w, j-i < 64: in one word or two.
func setBits(w []uint64, i, j uint64) {
	if wi, wj := i>>6, j>>6; wi == wj {
		w[wi] |= ^uint64(0) >> (63 - (j - i)) << (i & 63)
	} else {
		w[wi] |= ^uint64(0) << (i & 63)
		w[wj] |= ^uint64(0) >> (63 - j&63)
	}
}

// fromFew moves the short list to bits, or to the maps when its days span
// too much.
func (t *dayTally) fromFew() {
	few := t.few
	t.few, t.dayMany = nil, &dayMany{}
	lo, hi := int64(math.MaxInt64), int64(math.MinInt64)
	for _, e := range few {
		if e.reply || e.hi-e.lo < longWait {
			lo, hi = min(lo, e.lo), max(hi, e.hi)
		}
	}
	if lo <= hi && !t.fit(lo, hi) {
		t.toSparse()
	}
	t.replay(few)
}

// replay adds the waits and replies of a short list.
func (t *dayTally) replay(few []dayEntry) {
	for _, e := range few {
		if e.reply {
			t.reply(e.lo)
		} else {
			t.wait(e.lo, e.hi)
		}
	}
}

// fit makes the bits, which t must have left the short list for, cover the
// days [a, b], growing them, and reports false when they would span more
// than maxWords words.
func (t *dayTally) fit(a, b int64) bool {
	m, limit := t.dayMany, t.maxWords()
	a, b = floorDiv(a, 64), floorDiv(b, 64)+1 // in words: [a, b)
	if len(m.waited) == 0 {
		if b-a > limit {
			return false
		}
		m.lo, m.waited, m.replied = a*64, make([]uint64, b-a), make([]uint64, b-a)
		return true
	}
	lo := floorDiv(m.lo, 64)
	hi := lo + int64(len(m.waited))
	if a >= lo && b <= hi {
		return true
	}
	nlo, nhi := min(a, lo), max(b, hi)
	if nhi-nlo > limit {
		return false
	}
	// Grow by at least the current length in the direction needed, so that
	// days one after another cost amortised constant time.
	n := hi - lo
	if nlo < lo {
		nlo = min(max(min(nlo, lo-n), nhi-limit), a)
	}
	if nhi > hi {
		nhi = max(min(max(nhi, hi+n), nlo+limit), b)
	}
	waited, replied := make([]uint64, nhi-nlo), make([]uint64, nhi-nlo)
	copy(waited[lo-nlo:], m.waited)
	copy(replied[lo-nlo:], m.replied)
	m.lo, m.waited, m.replied = nlo*64, waited, replied
	return true
}

// toSparse moves the bits to the maps.
func (t *dayTally) toSparse() {
	m := t.dayMany
	runs(m.waited, m.lo, func(lo, hi int64) {
		m.end(lo, 1)
		m.end(hi+1, -1)
	})
	ones(m.replied, m.lo, func(d int64) {
		if m.repliedDays == nil {
			m.repliedDays = make(map[int64]struct{})
		}
		m.repliedDays[d] = struct{}{}
	})
	m.waited, m.replied, m.sparse = nil, nil, true
}

// runs calls f with the first and last day of every run of set bits of w,
// whose bit 0 is day lo, in order.
func runs(w []uint64, lo int64, f func(first, last int64)) {
	in, start := false, int64(0) // in a run, which started on bit start
	for i, x := range w {
		pos := int64(i) * 64
		for b := 0; b < 64; {
			if in { // find the next clear bit
				z := bits.TrailingZeros64(^x >> b)
				if z >= 64-b {
					break
				}
				b += z
				f(lo+start, lo+pos+int64(b)-1)
				in = false
			} else { // find the next set bit
				z := bits.TrailingZeros64(x >> b)
				if z >= 64-b {
					break
				}
				b += z
				start, in = pos+int64(b), true
			}
		}
	}
	if in {
		f(lo+start, lo+int64(len(w))*64-1)
	}
}

// ones calls f with the day of every set bit of w, whose bit 0 is day lo,
// in order.
func ones(w []uint64, lo int64, f func(d int64)) {
	for i, x := range w {
		for x != 0 {
			f(lo + int64(i)*64 + int64(bits.TrailingZeros64(x)))
			x &= x - 1
		}
	}
}

// merge adds o's days to t and empties o. Bits that t does not take stay
// with o, cleared, for o to use again.
func (t *dayTally) merge(o *dayTally) {
	t.n, t.entries = t.n+o.n, t.entries+o.entries
	o.n, o.entries = 0, 0
	if o.open {
		if !t.open || o.forever < t.forever {
			t.forever, t.open = o.forever, true
		}
		o.open = false
	}
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
	if !om.sparse && len(om.waited) > 0 {
		if !tm.sparse && t.fit(om.lo, om.lo+int64(len(om.waited))*64-1) {
			off := (om.lo - tm.lo) / 64
			for i, w := range om.waited {
				tm.waited[off+int64(i)] |= w
			}
			for i, w := range om.replied {
				tm.replied[off+int64(i)] |= w
			}
		} else {
			runs(om.waited, om.lo, t.wait)
			ones(om.replied, om.lo, t.reply)
		}
		clear(om.waited)
		clear(om.replied)
	}
	for d, v := range om.ends {
		t.dayMany.end(d, v)
	}
	for d := range om.repliedDays {
		t.reply(d)
	}
	clear(om.ends)
	if om.sparse {
		o.dayMany = nil
	}
}

// count returns the days in [first, last] on which at least one inquiry
// was waiting, and of those the days with a reply.
func (t *dayTally) count(first, last int64) (waiting, replied int) {
	if last < first {
		return 0, 0
	}
	waits, replies := t.spans()
	if t.open {
		// The waits that never end, from the earliest of their first days.
		i, _ := slices.BinarySearchFunc(waits, t.forever, func(e dayEntry, d int64) int { return cmp.Compare(e.lo, d) })
		waits = slices.Insert(waits, i, dayEntry{lo: t.forever, hi: math.MaxInt64})
	}
	next := first // the first day in [first, last] not yet counted
	for _, w := range waits {
		lo, hi := max(w.lo, next), min(w.hi, last)
		if lo <= hi {
			waiting += int(hi - lo + 1)
			next = hi + 1
		}
	}
	for _, d := range replies {
		if d >= first && d <= last {
			replied++
		}
	}
	return waiting, replied
}

// spans returns what t holds, whatever its form: the days on which at
// least one inquiry that ended waited, as spans in order, neither
// overlapping nor touching, and the days replied, in order, each once.
// The waits that never end (open and forever) are not among them.
func (t *dayTally) spans() (waits []dayEntry, replies []int64) {
	for _, e := range t.few {
		if e.reply {
			replies = append(replies, e.lo)
		} else {
			waits = append(waits, e)
		}
	}
	if m := t.dayMany; m != nil {
		runs(m.waited, m.lo, func(lo, hi int64) { waits = append(waits, dayEntry{lo: lo, hi: hi}) })
		if len(m.ends) > 0 {
			days := make([]int64, 0, len(m.ends))
			for d := range m.ends {
				days = append(days, d)
			}
			slices.Sort(days)
			open, start := int64(0), int64(0)
			for _, d := range days {
				was := open
				open += m.ends[d]
				switch {
				case was == 0 && open > 0:
					start = d
				case was > 0 && open == 0:
					waits = append(waits, dayEntry{lo: start, hi: d - 1})
				}
			}
		}
		ones(m.replied, m.lo, func(d int64) { replies = append(replies, d) })
		for d := range m.repliedDays {
			replies = append(replies, d)
		}
	}
	slices.SortFunc(waits, func(x, y dayEntry) int { return cmp.Compare(x.lo, y.lo) })
	out := waits[:0]
	for _, w := range waits {
		if n := len(out); n > 0 && w.lo <= out[n-1].hi+1 {
			out[n-1].hi = max(out[n-1].hi, w.hi)
			continue
		}
		out = append(out, dayEntry{lo: w.lo, hi: w.hi})
	}
	slices.Sort(replies)
	return out, slices.Compact(replies)
}

// countBits returns how many bits of w, whose bit 0 is day lo, are set for
// the days [first, last].
func countBits(w []uint64, lo, first, last int64) int {
	a, b := max(first, lo), min(last, lo+int64(len(w))*64-1)
	if a > b {
		return 0
	}
	i, j := uint64(a-lo), uint64(b-lo)
	if i>>6 == j>>6 {
		return bits.OnesCount64(w[i>>6] >> (i & 63) << (63 - (j - i)))
	}
	n := bits.OnesCount64(w[i>>6] >> (i & 63))
	for k := i>>6 + 1; k < j>>6; k++ {
		n += bits.OnesCount64(w[k])
	}
	return n + bits.OnesCount64(w[j>>6]<<(63-j&63))
}

// floorDiv returns a/b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}
