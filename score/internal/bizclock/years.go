package bizclock

import (
	"sync"
	"sync/atomic"
	"time"

	"github.com/govscore/govscore/model"
)

// Years counts the business time of one calendar over any span. It
// builds a [Clock] for a local year of the calendar's zone the first time
// an instant in that year is asked about, and for a year a span only
// crosses it works out the year's total, once, keeping nothing else. Its
// memory is the calendar's, laid out for lookups, and under 8 KB for each
// year an instant fell in: never the span between two instants. A span
// from 1915 to 2025 builds two clocks and 109 totals.
//
// It needs no range up front, so that records can be added one at a
// time; its table of years is made on first use, so that a calendar no
// one asks about costs no more than its own size.
//
// A Years is safe for simultaneous use by multiple goroutines.
type Years struct {
	cal *calendar

	once sync.Once
	// starts[i] is the first instant of local year firstYear+i, for
	// i = 0..len(starts)-1; clocks[i] is its clock once built, and
	// totals[i] its business seconds plus one once known.
	starts []int64
	clocks []atomic.Pointer[Clock]
	totals []atomic.Int64
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
// [model.Calendar.Validate]. It keeps nothing of c: changing c afterwards
// changes nothing.
func NewYears(c model.Calendar) (*Years, error) {
	k, err := newCalendar(&c)
	if err != nil {
		return nil, err
	}
	return &Years{cal: k}, nil
}

// init makes the table of years.
func (y *Years) init() {
	n := lastYear - firstYear + 1
	y.starts = make([]int64, n+1)
	for i := range y.starts {
		y.starts[i] = model.Date{Year: firstYear + i, Month: time.January, Day: 1}.In(y.cal.loc).Unix()
	}
	y.clocks = make([]atomic.Pointer[Clock], n)
	y.totals = make([]atomic.Int64, n)
}

// Between returns the business seconds from the Unix instant a to the
// Unix instant b: negative when b is before a. Instants before 1900 or
// after 2400, local time, count as the nearest end of that span. It costs
// O(1) within a year, and one addition per year a span crosses once that
// year's total is known.
func (y *Years) Between(a, b int64) int64 {
	if b < a {
		return -y.Between(b, a)
	}
	y.once.Do(y.init)
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
		total += y.total(i)
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

// days returns the local days of year index i, as numbers of days from
// 1970-01-01.
func days(i int) (d0, d1 int64) {
	year := firstYear + i
	return dayNumber(model.Date{Year: year, Month: time.January, Day: 1}), dayNumber(model.Date{Year: year, Month: time.December, Day: 31})
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
	d0, d1 := days(i)
	k := y.cal.clock(d0, d1, y.starts[i], y.starts[i+1])
	y.clocks[i].Store(k)
	return k
}

// total returns the business seconds of year index i: its clock's total
// when it has one, else a walk through the year that keeps nothing. Two
// goroutines may both walk a year; they find the same total.
func (y *Years) total(i int) int64 {
	if v := y.totals[i].Load(); v != 0 {
		return v - 1
	}
	var sum int64
	if k := y.clocks[i].Load(); k != nil {
		sum = k.total
	} else {
		d0, d1 := days(i)
		sum = y.cal.total(d0, d1, y.starts[i], y.starts[i+1])
	}
	y.totals[i].Store(sum + 1)
	return sum
}
