package stats

import (
	"math"
	"slices"
	"sync"
)

// Sample collects observations of a time to event for a Kaplan-Meier
// estimate, in little memory: 4 bytes an observation while its time is
// below 2³¹ seconds (68 years), 8 bytes otherwise. Observations are kept
// in blocks that grow without copying what they hold, and two samples
// merge by moving blocks, so that a sample split across goroutines or
// machines costs no more than one. The zero value is an empty sample.
//
// The order of the observations is not kept: a Sample is a multiset, and
// [Sample.Curve] sorts it in place.
type Sample struct {
	cur  []uint32 // the block being filled: keys time<<1 | event, for 0 <= time < 2³¹
	n    int
	more *sampleMore // nil until a block fills up or a wide time comes
}

// sampleMore is the part of a Sample that a small one does not need.
type sampleMore struct {
	full [][]uint32 // blocks filled before cur
	wide []int64    // keys time<<1 | event, for other times
}

// ext returns s.more, made on first use.
func (s *Sample) ext() *sampleMore {
	if s.more == nil {
		s.more = &sampleMore{}
	}
	return s.more
}

// full and wide return the blocks filled and the wide keys.
func (s *Sample) full() [][]uint32 {
	if s.more == nil {
		return nil
	}
	return s.more.full
}

func (s *Sample) wide() []int64 {
	if s.more == nil {
		return nil
	}
	return s.more.wide
}

// Block sizes: a block starts small, so that a million samples of one
// observation each stay small, and doubles up to maxBlock keys, after
// which a new block starts.
const (
	firstBlock = 4
	maxBlock   = 1 << 14
	// smallBlock is the size up to which a merged block is copied into the
	// receiving sample's current block rather than moved, so that merging
	// many small samples does not leave many small blocks.
	smallBlock = 1 << 10
)

// Grow makes room for n more observations.
func (s *Sample) Grow(n int) {
	if n > cap(s.cur)-len(s.cur) {
		s.newBlock(n)
	}
}

// newBlock starts a block of room for at least n keys.
func (s *Sample) newBlock(n int) {
	if len(s.cur) > 0 {
		s.ext().full = append(s.ext().full, s.cur)
	}
	s.cur = make([]uint32, 0, max(n, min(2*cap(s.cur), maxBlock), firstBlock))
}

// Add records an observation at time t (seconds); event reports whether the
// event was observed at t, or the observation censored there.
func (s *Sample) Add(t int64, event bool) {
	s.n++
	if t < 0 || t >= 1<<31 {
		k := t << 1
		if event {
			k |= 1
		}
		s.ext().wide = append(s.ext().wide, k)
		return
	}
	k := uint32(t) << 1
	if event {
		k |= 1
	}
	if len(s.cur) == cap(s.cur) {
		s.newBlock(1)
	}
	s.cur = append(s.cur, k)
}

// Len is the number of observations added.
func (s *Sample) Len() int { return s.n }

// Merge moves the observations of o into s and leaves o empty. Small
// blocks are copied, large ones moved; the largest block copied stays with
// o, empty, for o to use again.
func (s *Sample) Merge(o *Sample) {
	if o == s || o.n == 0 {
		return
	}
	var spare []uint32
	take := func(b []uint32) {
		switch {
		case len(b) == 0:
		case len(b) > smallBlock:
			s.ext().full = append(s.ext().full, b)
		default:
			if len(b) > cap(s.cur)-len(s.cur) {
				s.newBlock(len(b))
			}
			s.cur = append(s.cur, b...)
			if cap(b) > cap(spare) {
				spare = b[:0]
			}
		}
	}
	for _, b := range o.full() {
		take(b)
	}
	take(o.cur)
	if w := o.wide(); len(w) > 0 {
		s.ext().wide = append(s.ext().wide, w...)
	}
	s.n += o.n
	*o = Sample{cur: spare}
}

// Negative reports whether an observation has a time below 0.
func (s *Sample) Negative() bool {
	for _, k := range s.wide() {
		if k < 0 {
			return true
		}
	}
	return false
}

// Each calls f with every observation, in no particular order.
func (s *Sample) Each(f func(t int64, event bool)) {
	for _, b := range s.full() {
		for _, k := range b {
			f(int64(k>>1), k&1 == 1)
		}
	}
	for _, k := range s.cur {
		f(int64(k>>1), k&1 == 1)
	}
	for _, k := range s.wide() {
		f(k>>1, k&1 == 1)
	}
}

// sorted gathers the observations into one block, sorted, and returns it
// with the sorted wide keys.
func (s *Sample) sorted() ([]uint32, []int64) {
	if full := s.full(); len(full) > 0 {
		n := len(s.cur)
		for _, b := range full {
			n += len(b)
		}
		keys := make([]uint32, 0, n)
		for _, b := range full {
			keys = append(keys, b...)
		}
		s.cur, s.more.full = append(keys, s.cur...), nil
	}
	sortKeys(s.cur)
	slices.Sort(s.wide())
	return s.cur, s.wide()
}

// sortScratch holds the scratch space of sortKeys, a *[]uint32.
var sortScratch sync.Pool

// sortKeys sorts keys in increasing order: a least-significant-digit radix
// sort, a byte at a time, for large inputs (skipping the bytes in which all
// keys agree), and the standard library's sort for small ones.
func sortKeys(keys []uint32) {
	if len(keys) < 256 {
		slices.Sort(keys)
		return
	}
	var counts [4][256]int
	for _, k := range keys {
		counts[0][k&0xff]++
		counts[1][k>>8&0xff]++
		counts[2][k>>16&0xff]++
		counts[3][k>>24]++
	}
	scratch, _ := sortScratch.Get().(*[]uint32)
	if scratch == nil {
		scratch = new([]uint32)
	}
	defer sortScratch.Put(scratch)
	if cap(*scratch) < len(keys) {
		*scratch = make([]uint32, len(keys))
	}
	src, dst := keys, (*scratch)[:len(keys)]
	for d := range 4 {
		c := &counts[d]
		if c[keys[0]>>(8*d)&0xff] == len(keys) {
			continue // every key has the same byte here
		}
		pos := 0
		for i := range c {
			c[i], pos = pos, pos+c[i]
		}
		shift := 8 * d
		for _, k := range src {
			b := k >> shift & 0xff
			dst[c[b]] = k
			c[b]++
		}
		src, dst = dst, src
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
	}
}

// Curve sorts the sample and returns its Kaplan-Meier estimate, computed as
// R's survfit does:
//
//	S(t) = Π_{t_j <= t} (n_j - d_j) / n_j
//
// over the distinct event times t_j, with n_j at risk and d_j events at t_j.
// Besides the sort's scratch space it allocates the curve's slices,
// whatever the sample's size.
func (s *Sample) Curve() Curve { return s.CurveReusing(nil) }

// CurveReusing is Curve, made in the memory of old's slices where they are
// long enough: old, which may be nil, and every Curve sharing its slices
// must not be used after.
func (s *Sample) CurveReusing(old *Curve) Curve {
	keys, wide := s.sorted()
	c := Curve{N: s.n}
	if old == nil {
		old = &Curve{}
	}
	if s.n == 0 {
		return c
	}
	// In order: the wide keys of negative times, the narrow keys (times
	// 0..2³¹-1), then the wide keys of longer times. A time's keys are all
	// in one of the three.
	neg, _ := slices.BinarySearch(wide, 0)
	// Events at t share the key t<<1|1, so the distinct event times are
	// the distinct odd keys.
	k := eventTimes(wide[:neg]) + eventTimes(keys) + eventTimes(wide[neg:])
	switch {
	case neg < len(wide):
		c.MaxTime = wide[len(wide)-1] >> 1
	case len(keys) > 0:
		c.MaxTime = int64(keys[len(keys)-1] >> 1)
	default:
		c.MaxTime = wide[len(wide)-1] >> 1
	}
	if k > 0 {
		c.Times, c.NRisk, c.NEvent = room(old.Times, k), room(old.NRisk, k), room(old.NEvent, k)
		c.Surv, c.StdErr = room(old.Surv, k), room(old.StdErr, k)
	}
	b := curveBuilder{c: &c, atRisk: s.n, surv: 1}
	steps(&b, wide[:neg])
	steps(&b, keys)
	steps(&b, wide[neg:])
	return c
}

// room returns s emptied when it can hold n elements, or a new slice that
// can.
func room[T any](s []T, n int) []T {
	if cap(s) >= n {
		return s[:0]
	}
	return make([]T, 0, n)
}

// eventTimes returns the number of distinct event times in sorted keys.
func eventTimes[K uint32 | int64](keys []K) int {
	k := 0
	for i, key := range keys {
		if key&1 == 1 && (i+1 == len(keys) || keys[i+1] != key) {
			k++
		}
	}
	return k
}

// curveBuilder is a Kaplan-Meier curve being made from sorted keys.
type curveBuilder struct {
	c               *Curve
	atRisk          int
	surv, greenwood float64
}

// steps adds the sorted keys, whose times all come after those added
// before, to the curve.
func steps[K uint32 | int64](b *curveBuilder, keys []K) {
	c := b.c
	for i := 0; i < len(keys); {
		t := keys[i] >> 1
		events, total := 0, 0
		for ; i < len(keys) && keys[i]>>1 == t; i++ {
			total++
			events += int(keys[i] & 1)
		}
		if events > 0 {
			n, d := float64(b.atRisk), float64(events)
			b.surv *= (n - d) / n
			b.greenwood += d / (n * (n - d)) // +Inf when all at risk have the event
			c.Times = append(c.Times, int64(t))
			c.Surv = append(c.Surv, b.surv)
			c.NRisk = append(c.NRisk, b.atRisk)
			c.NEvent = append(c.NEvent, events)
			c.StdErr = append(c.StdErr, math.Sqrt(b.greenwood))
		}
		c.Events += events
		c.Censored += total - events
		b.atRisk -= total
	}
}
