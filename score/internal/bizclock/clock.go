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

// MaxDays is the longest range, in days, that [New] accepts: 40,000 days,
// about 109 years, so that every offset within a clock fits 32 bits.
const MaxDays = 40000

// ErrRange reports a range that ends before it starts or is longer than
// [MaxDays].
var ErrRange = errors.New("bizclock: bad range")

// cell is a stretch of instants on one local day within one zone period:
// every day has one, and a day on which the clocks change has one for each
// side of the change. Its offsets are from the clock's first instant; 32
// bits hold them, as a clock spans at most [MaxDays] days.
type cell struct {
	start  uint32 // the cell's first instant, in seconds from lo
	into   int32  // the seconds of the local day the wall clock reads at start
	before uint32 // the working seconds from lo to start
	list   int32  // the day's working hours, an index into lists
}

// Clock counts the business time of one calendar over a range of days.
// Build one with [New]; the zero Clock counts no business time at all.
//
// A Clock holds 16 bytes for each local day and for each change of the
// clocks, and 4 for each day of real time, whatever the calendar's hours:
// a year takes under 8 KB.
//
// A Clock does not change after New returns: it is safe for simultaneous
// use by multiple goroutines.
type Clock struct {
	lo, hi int64   // the range, Unix seconds [lo, hi): whole local days
	cells  []cell  // the cells of [lo, hi), in order, touching
	first  []int32 // for bucket j, the real-time day [lo+j*86400, lo+(j+1)*86400): the cell holding its start
	total  int64   // business seconds in the whole range
	lists  []hours // the calendar's working hours, shared
}

// New returns the clock of the calendar c for every local day of
// c.TimeZone from the day of from to the day of to, both included. It
// walks the calendar once, day by day and zone period by zone period, so
// its cost grows with the number of days; every later call is O(1) but for
// a binary search among the spans of one day.
//
// The calendar must pass [model.Calendar.Validate]. New fails with
// [ErrRange] when to is before from or the range spans more than
// [MaxDays] days.
func New(c model.Calendar, from, to time.Time) (*Clock, error) {
	k, err := newCalendar(&c)
	if err != nil {
		return nil, err
	}
	if to.Before(from) {
		return nil, fmt.Errorf("%w: %s is before %s", ErrRange, to.Format(time.RFC3339), from.Format(time.RFC3339))
	}
	first, last := model.DateOf(from.In(k.loc)), model.DateOf(to.In(k.loc))
	d0, d1 := dayNumber(first), dayNumber(last)
	if d1-d0+1 > MaxDays {
		return nil, fmt.Errorf("%w: %d days from %s to %s, more than MaxDays (%d)", ErrRange, d1-d0+1, first, last, MaxDays)
	}
	return k.clock(d0, d1, first.In(k.loc).Unix(), last.AddDays(1).In(k.loc).Unix()), nil
}

// clock returns the clock of the local days d0 to d1, at most [MaxDays]
// of them, whose instants are [lo, hi).
func (k *calendar) clock(d0, d1, lo, hi int64) *Clock {
	c := &Clock{lo: lo, hi: hi, lists: k.lists, cells: make([]cell, 0, d1-d0+3)}
	var acc int64
	k.walk(d0, d1, lo, hi, func(start, end, base int64, list int32) {
		into := int32(start - base)
		c.cells = append(c.cells, cell{start: uint32(start - lo), into: into, before: uint32(acc), list: list})
		acc += k.lists[list].within(into, int32(end-base))
	})
	c.total = acc
	c.first = make([]int32, (hi-lo+bucketSeconds-1)/bucketSeconds)
	i := 0
	for j := range c.first {
		for i+1 < len(c.cells) && int64(c.cells[i+1].start) <= int64(j)*bucketSeconds {
			i++
		}
		c.first[j] = int32(i)
	}
	return c
}

// At returns the business seconds from the start of the clock's range to
// the Unix instant t. Instants outside the range are clamped to it: At is 0
// before the range's first day and the range's total after its last.
// At costs O(1) but for a binary search among one day's spans: a division
// finds t's day of real time, a step or two its cell.
func (k *Clock) At(t int64) int64 {
	if t <= k.lo {
		return 0
	}
	if t >= k.hi {
		return k.total
	}
	r := t - k.lo
	i := int(k.first[r/bucketSeconds])
	for i+1 < len(k.cells) && int64(k.cells[i+1].start) <= r {
		i++
	}
	c := &k.cells[i]
	h := k.lists[c.list]
	acc := int64(c.before) + h.upTo(c.into+int32(r-int64(c.start)))
	if c.into != 0 {
		acc -= h.upTo(c.into)
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
