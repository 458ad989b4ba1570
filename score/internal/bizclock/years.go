package bizclock

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/govscore/govscore/model"
)

// Years counts the business time of one calendar over any span, building a
// [Clock] for each local year of the calendar's zone the first time an
// instant in it is asked about. Its memory grows with the years actually
// asked about, not with the span a report covers, and it needs no range up
// front, so that records can be added one at a time.
//
// A Years is safe for simultaneous use by multiple goroutines.
type Years struct {
	cal model.Calendar
	loc *time.Location

	// starts[i] is the first instant of local year firstYear+i, for
	// i = 0..len(starts)-1, and clocks[i] its clock once built.
	starts []int64
	clocks []atomic.Pointer[Clock]
	mu     sync.Mutex // serialises building a clock
}

// The years Years counts business time in: from the start of local year
// firstYear to the end of local year lastYear. An instant outside them
// counts as the nearest end of that span, as a [Clock] counts an instant
// outside its range: no business time passes before 1900 or after 2400,
// and a record dated in year 1 or 9999 costs no more than one dated today.
const (
	firstYear = 1900
	lastYear  = 2400
)

// NewYears returns the business time of the calendar c, which must pass
// [model.Calendar.Validate].
func NewYears(c model.Calendar) (*Years, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("bizclock: %w", err)
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil { // not reached: Validate loaded it
		return nil, fmt.Errorf("bizclock: %w", err)
	}
	y := &Years{cal: c, loc: loc, starts: make([]int64, lastYear-firstYear+2), clocks: make([]atomic.Pointer[Clock], lastYear-firstYear+1)}
	for i := range y.starts {
		y.starts[i] = model.Date{Year: firstYear + i, Month: time.January, Day: 1}.In(loc).Unix()
	}
	return y, nil
}

// Between returns the business seconds from the Unix instant a to the
// Unix instant b: negative when b is before a. Instants before 1900 or
// after 2400, local time, count as the nearest end of that span. It costs
// O(1) within a year, and one step per year a span crosses.
func (y *Years) Between(a, b int64) int64 {
	if b < a {
		return -y.Between(b, a)
	}
	lo, hi := y.starts[0], y.starts[len(y.starts)-1]
	a, b = min(max(a, lo), hi), min(max(b, lo), hi)
	if a == b {
		return 0
	}
	ia, ib := y.year(a), y.year(b-1) // b is in year ib, or ends it
	if ia == ib {
		return y.clock(ia).Between(a, b)
	}
	total := y.clock(ia).Between(a, y.starts[ia+1])
	for i := ia + 1; i < ib; i++ {
		total += y.clock(i).Between(y.starts[i], y.starts[i+1])
	}
	return total + y.clock(ib).Between(y.starts[ib], b)
}

// year returns the index of the local year holding the instant t, which
// is in the table: firstYear + index is the year.
func (y *Years) year(t int64) int {
	// An estimate from the mean Gregorian year, then a step or two.
	i := int((t - y.starts[0]) / 31556952)
	i = min(max(i, 0), len(y.starts)-2)
	for i > 0 && t < y.starts[i] {
		i--
	}
	for t >= y.starts[i+1] {
		i++
	}
	return i
}

// clock returns the clock of year index i, building it on first use.
func (y *Years) clock(i int) *Clock {
	if k := y.clocks[i].Load(); k != nil {
		return k
	}
	y.mu.Lock()
	defer y.mu.Unlock()
	if k := y.clocks[i].Load(); k != nil {
		return k
	}
	k := y.build(i)
	y.clocks[i].Store(k)
	return k
}

// build makes the clock of the local year index i: every local day from
// January 1 to December 31.
func (y *Years) build(i int) *Clock {
	year := firstYear + i
	from := time.Date(year, time.January, 1, 12, 0, 0, 0, y.loc)
	to := time.Date(year, time.December, 31, 12, 0, 0, 0, y.loc)
	k, err := New(y.cal, from, to)
	if err != nil {
		// Not reached: the calendar was validated and a year is far
		// shorter than MaxDays. Counting no business time is the safe
		// failure, and a test holds the error to nil.
		return &Clock{}
	}
	return k
}
