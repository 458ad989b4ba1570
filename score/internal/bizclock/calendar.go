package bizclock

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"github.com/govscore/govscore/model"
)

// secondsSpan is a span of working hours in seconds from local midnight,
// with the working seconds of the spans before it on the same day.
type secondsSpan struct{ start, end, before int32 }

// hours are the working hours of a day, in order and apart.
type hours []secondsSpan

// upTo returns the working seconds of h from local midnight to x seconds
// past it, for x from 0 to 86400.
func (h hours) upTo(x int32) int64 {
	// k becomes the number of spans that start before x; the last of them
	// may end after x. (A search by hand, which the compiler inlines.)
	k, hi := 0, len(h)
	for k < hi {
		m := int(uint(k+hi) >> 1)
		if h[m].start < x {
			k = m + 1
		} else {
			hi = m
		}
	}
	if k == 0 {
		return 0
	}
	s := h[k-1]
	return int64(s.before + min(s.end, x) - s.start)
}

// within returns the working seconds of h from a to b seconds past local
// midnight, 0 <= a <= b <= 86400.
func (h hours) within(a, b int32) int64 {
	if a == 0 {
		return h.upTo(b)
	}
	return h.upTo(b) - h.upTo(a)
}

// period is a run of days, numbered from 1970-01-01, from and to
// included; for an override, with the working hours of its days, an
// index into calendar.lists.
type period struct {
	from, to int64
	hours    int32
}

// calendar is a validated [model.Calendar] laid out for finding the hours
// of a day in O(log n): its hours as lists of spans in seconds, and its
// holidays and overrides as sorted runs of days. It shares nothing with
// the model.Calendar it was made from and does not change once made.
type calendar struct {
	loc *time.Location
	// lists are the working hours a day can have: lists[0] none, then the
	// days of the week from Sunday, then each override's.
	lists     []hours
	week      [7]int32 // each weekday's list, 0 for a day off
	holidays  []period // in order and apart, touching runs joined
	overrides []period // in order; validation keeps them apart
}

// newCalendar lays out the calendar c, which must pass
// [model.Calendar.Validate]. Its memory is proportional to c's.
func newCalendar(c *model.Calendar) (*calendar, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("bizclock: %w", err)
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil { // not reached: Validate loaded it
		return nil, fmt.Errorf("bizclock: %w", err)
	}
	k := &calendar{loc: loc, lists: make([]hours, 1, 8+len(c.Overrides))}
	n := 0
	for d := range time.Saturday + 1 {
		n += len(c.Week.Hours(d))
	}
	for _, o := range c.Overrides {
		n += len(o.Hours)
	}
	all := make(hours, 0, n) // every list's spans, in one allocation
	list := func(spans []model.Span) int32 {
		at := len(all)
		var before int32
		for _, s := range spans {
			all = append(all, secondsSpan{int32(s.Start) * 60, int32(s.End) * 60, before})
			before += int32(s.End-s.Start) * 60
		}
		k.lists = append(k.lists, all[at:len(all):len(all)])
		return int32(len(k.lists) - 1)
	}
	for d := range k.week {
		if spans := c.Week.Hours(time.Weekday(d)); len(spans) > 0 {
			k.week[d] = list(spans)
		}
	}
	k.overrides = make([]period, len(c.Overrides))
	for i, o := range c.Overrides {
		k.overrides[i] = period{dayNumber(o.From), dayNumber(o.To), list(o.Hours)}
	}
	slices.SortFunc(k.overrides, func(a, b period) int { return cmp.Compare(a.from, b.from) })
	hs := make([]period, len(c.Holidays))
	for i, h := range c.Holidays {
		hs[i] = period{from: dayNumber(h.From), to: dayNumber(h.Last())}
	}
	slices.SortFunc(hs, func(a, b period) int { return cmp.Compare(a.from, b.from) })
	for _, h := range hs {
		if n := len(k.holidays); n > 0 && h.from <= k.holidays[n-1].to+1 {
			k.holidays[n-1].to = max(k.holidays[n-1].to, h.to)
			continue
		}
		k.holidays = append(k.holidays, h)
	}
	return k, nil
}

// hoursOn returns the list of the working hours of the day, a number of
// days from 1970-01-01, as [model.Calendar.HoursOn] finds them: none on a
// day off or a holiday, an override's on a day it covers, else the
// week's.
func (k *calendar) hoursOn(day int64) int32 {
	w := k.week[(day%7+7+4)%7] // 1970-01-01 was a Thursday
	if w == 0 || find(k.holidays, day) != nil {
		return 0
	}
	if o := find(k.overrides, day); o != nil {
		return o.hours
	}
	return w
}

// find returns the period of ps, in order and apart, that covers the
// day, or nil.
func find(ps []period, day int64) *period {
	i, _ := slices.BinarySearchFunc(ps, day, func(p period, day int64) int { return cmp.Compare(p.to, day) })
	if i < len(ps) && ps[i].from <= day {
		return &ps[i]
	}
	return nil
}

// walk cuts the instants [lo, hi), the first instant of local day d0 to
// the first of day d1+1, into cells where a local day or a zone period
// ends, and calls f with each in order: its instants [start, end), the
// instant its wall clock would read midnight (base) and its day's list of
// hours. Within a zone period the wall clock reads u+off at the instant
// u, so the day's span s covers [base + s.Start*60, base + s.End*60) cut to
// the cell: exact, whatever the clocks do between periods. Instants whose
// wall clock reads a day outside d0..d1 (where clocks turn back over the
// first midnight) make cells without working hours. Its cost grows with
// the days and zone periods, and it allocates nothing.
func (k *calendar) walk(d0, d1, lo, hi int64, f func(start, end, base int64, list int32)) {
	at := lo // the instants before at are in cells
	for u := lo; u < hi; {
		t := time.Unix(u, 0).In(k.loc)
		_, o := t.Zone()
		off := int64(o)
		end := hi
		if _, e := t.ZoneBounds(); !e.IsZero() && e.Unix() > u && e.Unix() < end {
			end = e.Unix()
		}
		for day := max(floorDiv(u+off, 86400), d0); day <= min(floorDiv(end-1+off, 86400), d1); day++ {
			base := day*86400 - off
			start, stop := max(base, u), min(base+86400, end)
			if start > at {
				f(at, start, at, 0)
			}
			f(start, stop, base, k.hoursOn(day))
			at = stop
		}
		u = end
	}
	if at < hi {
		f(at, hi, at, 0)
	}
}

// total returns the working seconds of the local days d0 to d1, whose
// instants are [lo, hi), without keeping anything.
func (k *calendar) total(d0, d1, lo, hi int64) int64 {
	var sum int64
	k.walk(d0, d1, lo, hi, func(start, end, base int64, list int32) {
		sum += k.lists[list].within(int32(start-base), int32(end-base))
	})
	return sum
}

// dayNumber returns the number of days from 1970-01-01 to d.
func dayNumber(d model.Date) int64 {
	return floorDiv(time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Unix(), 86400)
}

// floorDiv returns a/b rounded down, for b > 0.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b < 0 {
		q--
	}
	return q
}
