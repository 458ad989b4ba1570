package bizclock

import (
	"errors"
	"fmt"
	"time"

	"github.com/govscore/govscore/model"
)

// bucketSeconds is the width of the buckets At finds an instant's place
// in: one day of real time.
const bucketSeconds = 86400

// MaxDays is the longest range, in days, that [New] accepts.
const MaxDays = 40000

// ErrRange reports a range that ends before it starts or is longer than
// [MaxDays].
var ErrRange = errors.New("bizclock: bad range")

// interval is a stretch of working time, Unix seconds [lo, hi).
type interval struct{ lo, hi int64 }

// Clock counts the business time of one calendar over a range of days.
// Build one with [New]; the zero Clock counts no business time at all.
//
// A Clock does not change after New returns: it is safe for simultaneous
// use by multiple goroutines.
type Clock struct {
	lo, hi int64      // the range, Unix seconds [lo, hi): whole local days
	ivs    []interval // the working intervals within [lo, hi), in order and apart
	// For bucket j, the real-time day [lo+j*86400, lo+(j+1)*86400):
	before []int64 // business seconds from lo to the bucket's start
	first  []int32 // index of the first interval that ends after the bucket's start
	total  int64   // business seconds in the whole range
}

// New returns the clock of the calendar c for every local day of
// c.TimeZone from the day of from to the day of to, both included. It
// walks the calendar once, day by day and zone period by zone period, so
// its cost grows with the number of days; every later call is O(1).
//
// The calendar must pass [model.Calendar.Validate]. New fails with
// [ErrRange] when to is before from or the range spans more than
// [MaxDays] days.
func New(c model.Calendar, from, to time.Time) (*Clock, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("bizclock: %w", err)
	}
	if to.Before(from) {
		return nil, fmt.Errorf("%w: %s is before %s", ErrRange, to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil { // not reached: Validate loaded it
		return nil, fmt.Errorf("bizclock: %w", err)
	}
	first, last := model.DateOf(from.In(loc)), model.DateOf(to.In(loc))
	d0, d1 := dayNumber(first), dayNumber(last)
	if d1-d0+1 > MaxDays {
		return nil, fmt.Errorf("%w: %d days from %s to %s, more than %d", ErrRange, d1-d0+1, first, last, MaxDays)
	}
	k := &Clock{lo: first.In(loc).Unix(), hi: last.AddDays(1).In(loc).Unix()}

	// Walk the range one zone period at a time. Within a period the wall
	// clock reads u+off for the instant u, so the instants of the span
	// s on local day D are [D*86400 + s.Start*60 - off, D*86400 + s.End*60 - off),
	// cut to the period: exact, whatever the clocks do between periods.
	for u := k.lo; u < k.hi; {
		t := time.Unix(u, 0).In(loc)
		_, o := t.Zone()
		off := int64(o)
		end := k.hi
		if _, e := t.ZoneBounds(); !e.IsZero() && e.Unix() > u && e.Unix() < end {
			end = e.Unix()
		}
		for day := max(floorDiv(u+off, 86400), d0); day <= min(floorDiv(end-1+off, 86400), d1); day++ {
			midnight := day*86400 - off // the instant the wall clock would read 00:00, in this period
			for _, s := range c.HoursOn(dateOf(day)) {
				k.add(max(midnight+int64(s.Start)*60, u), min(midnight+int64(s.End)*60, end))
			}
		}
		u = end
	}

	n := (k.hi - k.lo + bucketSeconds - 1) / bucketSeconds
	k.before = make([]int64, n+1)
	k.first = make([]int32, n+1)
	var acc int64
	i := 0
	for j := range n + 1 {
		start := k.lo + j*bucketSeconds
		for i < len(k.ivs) && k.ivs[i].hi <= start {
			acc += k.ivs[i].hi - k.ivs[i].lo
			i++
		}
		k.before[j], k.first[j] = acc, int32(i)
		if i < len(k.ivs) && k.ivs[i].lo < start {
			k.before[j] += start - k.ivs[i].lo
		}
	}
	k.total = k.before[n]
	return k, nil
}

// add appends the working interval [a, b), joining it to the last one
// where they touch. Intervals come in order.
func (k *Clock) add(a, b int64) {
	if n := len(k.ivs); n > 0 {
		last := &k.ivs[n-1]
		a = max(a, last.hi) // not needed for a valid calendar: spans are apart
		if a == last.hi && b > a {
			last.hi = b
			return
		}
	}
	if b > a {
		k.ivs = append(k.ivs, interval{a, b})
	}
}

// At returns the business seconds from the start of the clock's range to
// the Unix instant t. Instants outside the range are clamped to it: At is 0
// before the range's first day and the range's total after its last.
// At costs O(1): a division finds t's day of real time, and the few
// intervals of that day do the rest.
func (k *Clock) At(t int64) int64 {
	if t <= k.lo {
		return 0
	}
	if t >= k.hi {
		return k.total
	}
	j := (t - k.lo) / bucketSeconds
	start := k.lo + j*bucketSeconds
	acc := k.before[j]
	for _, iv := range k.ivs[k.first[j]:] {
		if iv.lo >= t {
			break
		}
		lo := max(iv.lo, start)
		if t < iv.hi {
			return acc + t - lo
		}
		acc += iv.hi - lo
	}
	return acc
}

// Between returns the business seconds from the Unix instant a to the Unix
// instant b, At(b) - At(a): negative when b is before a. Instants outside
// the clock's range are clamped to it (see [Clock.At]).
func (k *Clock) Between(a, b int64) int64 {
	return k.At(b) - k.At(a)
}

// Bounds returns the clock's range as Unix seconds [lo, hi): the start of
// the first local day and the start of the day after the last.
func (k *Clock) Bounds() (lo, hi int64) {
	return k.lo, k.hi
}

// dayNumber returns the number of days from 1970-01-01 to d.
func dayNumber(d model.Date) int64 {
	return floorDiv(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix(), 86400)
}

// dateOf returns the date day days after 1970-01-01.
func dateOf(day int64) model.Date {
	return model.DateOf(time.Unix(day*86400, 0).UTC())
}

// floorDiv returns a/b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}
