package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
)

// This file holds business calendars: when an agency is at work. Business
// time, the reply time that counts only working hours, is measured against
// a [Calendar]; the maths lives in score.

// Span is a stretch of working hours within one local day, in minutes from
// local midnight: 0 <= Start < End <= 1440. Its text form is "08:00-15:00";
// End may be "24:00", the next midnight.
//
// Minutes are wall-clock minutes: on a day when clocks change, the span
// 00:00-24:00 lasts 23 or 25 real hours, and a span whose start or end does
// not exist that day begins or ends when the clocks jump past it.
type Span struct {
	Start int // minutes from local midnight, 0..1439
	End   int // minutes from local midnight, Start+1..1440
}

// Valid reports whether 0 <= s.Start < s.End <= 1440.
func (s Span) Valid() bool {
	return s.Start >= 0 && s.Start < s.End && s.End <= 1440
}

// String returns s as "HH:MM-HH:MM", whether or not it is valid.
func (s Span) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", s.Start/60, s.Start%60, s.End/60, s.End%60)
}

// MarshalText returns s as "HH:MM-HH:MM". A span that is not valid is an
// error wrapping [ErrOutOfRange]: it could not be read back.
func (s Span) MarshalText() ([]byte, error) {
	if !s.Valid() {
		return nil, fmt.Errorf("span %d-%d: %w: want 0 <= start < end <= 1440 minutes", s.Start, s.End, ErrOutOfRange)
	}
	return []byte(s.String()), nil
}

// UnmarshalText reads a span written "HH:MM-HH:MM" with two digits each,
// such as "08:00-15:00" or "20:00-24:00". A text of another shape is an
// error wrapping [ErrUnknownValue]; a time past 24:00, minutes past 59, or
// an end at or before the start, one wrapping [ErrOutOfRange].
func (s *Span) UnmarshalText(b []byte) error {
	if len(b) != len("00:00-00:00") || b[5] != '-' {
		return fmt.Errorf("%w: %s is not a span HH:MM-HH:MM", ErrUnknownValue, quoteCell(string(b)))
	}
	start, err := parseClock(b[:5])
	if err != nil {
		return err
	}
	end, err := parseClock(b[6:])
	if err != nil {
		return err
	}
	v := Span{start, end}
	if !v.Valid() {
		return fmt.Errorf("%w: span %s ends at or before it starts", ErrOutOfRange, quoteCell(string(b)))
	}
	*s = v
	return nil
}

// parseClock reads "HH:MM", 00:00 to 24:00, as minutes from midnight.
func parseClock(b []byte) (int, error) {
	h, okH := digits2(b, 0)
	m, okM := digits2(b, 3)
	if !okH || !okM || b[2] != ':' {
		return 0, fmt.Errorf("%w: %s is not a time HH:MM", ErrUnknownValue, quoteCell(string(b)))
	}
	if m > 59 || h > 24 || h == 24 && m != 0 {
		return 0, fmt.Errorf("%w: %s is not a time of day from 00:00 to 24:00", ErrOutOfRange, quoteCell(string(b)))
	}
	return h*60 + m, nil
}

// Date is a civil date, without a time of day or a time zone: a day as a
// calendar on the wall shows it. Its text form is "2025-03-30". The zero
// Date means "no date"; its text form is empty.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the date of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a real date of the years 1 to 9999 in the
// (proleptic) Gregorian calendar: 2025-02-30 is not.
func (d Date) Valid() bool {
	return d.Year >= 1 && d.Year <= 9999 && d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= daysIn(int(d.Month), d.Year)
}

// Compare returns -1, 0 or +1 as d is before, the same day as, or after e.
func (d Date) Compare(e Date) int {
	switch {
	case d.Year != e.Year:
		return cmpInt(d.Year, e.Year)
	case d.Month != e.Month:
		return cmpInt(int(d.Month), int(e.Month))
	}
	return cmpInt(d.Day, e.Day)
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is a day before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is a day after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// AddDays returns the date n days after d (before it, for negative n),
// normalising as time.Date does: 2025-01-31 plus 1 day is 2025-02-01.
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// In returns the first instant of d in loc: local midnight, or, where the
// clocks jumped over midnight that day, the instant they jumped, or, where
// they turned back over midnight, the first of the two midnights.
//
// For a date that is not valid, In returns what time.Date makes of it.
func (d Date) In(loc *time.Location) time.Time {
	if !d.Valid() {
		return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
	}
	n := daysFromCivil(d.Year, int(d.Month), d.Day) * 86400 // midnight, as if in UTC
	// Walk the zone's periods from two days before: in each, the wall
	// clock reads u+offset. The first instant whose wall clock reads n or
	// later is the start of the day.
	u := n - 2*86400
	for range 16 {
		t := time.Unix(u, 0).In(loc)
		_, off := t.Zone()
		x := n - int64(off) // the instant whose wall clock reads n, in this period
		if x <= u {
			return t // the period began past midnight: the clocks jumped over it
		}
		_, end := t.ZoneBounds()
		if end.IsZero() || x < end.Unix() {
			return time.Unix(x, 0).In(loc)
		}
		u = end.Unix()
	}
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc) // not reached for real zones
}

// String returns d as "2025-03-30", whether or not it is valid.
func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText returns d as "2025-03-30", or empty text for the zero Date.
// A date that is not valid is an error wrapping [ErrOutOfRange].
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	if !d.Valid() {
		return nil, fmt.Errorf("date %s: %w", d, ErrOutOfRange)
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads a date written "YYYY-MM-DD", such as "2025-03-30";
// empty text reads as the zero Date. A text of another shape is an error
// wrapping [ErrUnknownValue]; a day that does not exist, such as
// "2025-02-30", one wrapping [ErrOutOfRange].
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	var y1, y2, m, day int
	ok := len(b) == len("2025-03-30") && b[4] == '-' && b[7] == '-'
	if ok {
		var ok1, ok2, ok3, ok4 bool
		y1, ok1 = digits2(b, 0)
		y2, ok2 = digits2(b, 2)
		m, ok3 = digits2(b, 5)
		day, ok4 = digits2(b, 8)
		ok = ok1 && ok2 && ok3 && ok4
	}
	if !ok {
		return fmt.Errorf("%w: %s is not a date YYYY-MM-DD", ErrUnknownValue, quoteCell(string(b)))
	}
	v := Date{y1*100 + y2, time.Month(m), day}
	if !v.Valid() {
		return fmt.Errorf("%w: %s is not a day of the calendar", ErrOutOfRange, quoteCell(string(b)))
	}
	*d = v
	return nil
}

// WorkingWeek holds the working hours of each day of the week. A day
// without spans is not a working day.
type WorkingWeek struct {
	Sunday    []Span `json:"sunday,omitempty" yaml:"sunday,omitempty"`
	Monday    []Span `json:"monday,omitempty" yaml:"monday,omitempty"`
	Tuesday   []Span `json:"tuesday,omitempty" yaml:"tuesday,omitempty"`
	Wednesday []Span `json:"wednesday,omitempty" yaml:"wednesday,omitempty"`
	Thursday  []Span `json:"thursday,omitempty" yaml:"thursday,omitempty"`
	Friday    []Span `json:"friday,omitempty" yaml:"friday,omitempty"`
	Saturday  []Span `json:"saturday,omitempty" yaml:"saturday,omitempty"`
}

// Hours returns the working hours of day, or nil when it is not a working
// day. The slice is w's own.
func (w WorkingWeek) Hours(day time.Weekday) []Span {
	switch day {
	case time.Sunday:
		return w.Sunday
	case time.Monday:
		return w.Monday
	case time.Tuesday:
		return w.Tuesday
	case time.Wednesday:
		return w.Wednesday
	case time.Thursday:
		return w.Thursday
	case time.Friday:
		return w.Friday
	case time.Saturday:
		return w.Saturday
	}
	return nil
}

// days returns the week's days with their JSON names, Sunday first.
func (w *WorkingWeek) days() [7]struct {
	name  string
	spans *[]Span
} {
	return [7]struct {
		name  string
		spans *[]Span
	}{{"sunday", &w.Sunday}, {"monday", &w.Monday}, {"tuesday", &w.Tuesday}, {"wednesday", &w.Wednesday},
		{"thursday", &w.Thursday}, {"friday", &w.Friday}, {"saturday", &w.Saturday}}
}

// Override replaces the working hours for a period, for example the
// shorter hours of Ramadan. On every working day from From to To (a day
// whose weekly hours are not empty and that is not a holiday) the hours are
// Hours instead; empty Hours close those days. Days that are not working
// days stay closed.
type Override struct {
	// Name says what the override is for, e.g. "Ramadan 1446".
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// From is the first day of the period. Required.
	From Date `json:"from" yaml:"from"`
	// To is the last day of the period (inclusive). Required; equal to
	// From for a single day.
	To Date `json:"to" yaml:"to"`
	// Hours are the working hours of each working day of the period.
	Hours []Span `json:"hours,omitempty" yaml:"hours,omitempty"`
}

// Covers reports whether the date d is in the override's period.
func (o Override) Covers(d Date) bool {
	return !d.Before(o.From) && !d.After(o.To)
}

// Holiday is a period on which the agency is closed all day.
type Holiday struct {
	// Name says what the holiday is, e.g. "National Day".
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// From is the first day of the holiday. Required.
	From Date `json:"from" yaml:"from"`
	// To is the last day (inclusive); the zero Date means the holiday is
	// the one day From.
	To Date `json:"to,omitzero" yaml:"to,omitempty"`
}

// Last returns the last day of the holiday: To, or From when To is zero.
func (h Holiday) Last() Date {
	if h.To.IsZero() {
		return h.From
	}
	return h.To
}

// Covers reports whether the date d is a day of the holiday.
func (h Holiday) Covers(d Date) bool {
	return !d.Before(h.From) && !d.After(h.Last())
}

// Limits on a calendar, so that a calendar from anywhere cannot make
// checking it, or counting business time in it, take time or memory out of
// proportion. A calendar past one is an error wrapping [ErrOutOfRange]
// that names the limit and where it was hit: [Calendar.Validate],
// [Dataset.Validate] and [ReadCalendarsJSON] report it on the first item
// past the limit, such as "holidays[10000]", with the calendar's ID, and
// do not check the items after it.
//
// The limits are constants, not settings: whether a calendar is valid
// depends on the calendar alone, so a file valid in one program is valid
// in every other, and no program shares mutable state. They are far above
// what an agency needs: 10,000 holidays are 43 in every year from 1970 to
// 2199.
const (
	// MaxHolidays is the most holidays a calendar may list: 10,000.
	MaxHolidays = 10_000
	// MaxOverrides is the most overrides a calendar may list: 10,000.
	MaxOverrides = 10_000
	// MinCalendarYear and MaxCalendarYear bound the dates of holidays and
	// overrides: from 1970-01-01 to 2199-12-31, the days of the plausible
	// timestamps the readers accept (from 1970-01-01T00:00:00Z up to
	// 2200). A date outside is a slip (2205 for 2025), not a day an agency
	// was closed.
	MinCalendarYear = 1970
	MaxCalendarYear = 2199
)

// Calendar is an agency's working time: a time zone, a working week, and
// the dates on which the week does not apply. Agencies name it by ID in
// [Agency.CalendarID]; business-time measures count only the time it says
// the agency is at work.
//
// The working hours of a date are, in this order of precedence: none on a
// holiday; none on a day whose weekly hours are empty; an override's hours
// on a date it covers; else the week's hours for that weekday. See
// [Calendar.HoursOn]. Dates and spans are local to TimeZone.
//
// A Calendar is plain data. Reading it from several goroutines is safe.
type Calendar struct {
	// ID identifies the calendar, e.g. "sa-government".
	ID string `json:"id" yaml:"id"`
	// TimeZone is the IANA name of the calendar's time zone, e.g.
	// "Asia/Riyadh". Required.
	TimeZone string `json:"time_zone" yaml:"time_zone"`
	// Week is the normal working week.
	Week WorkingWeek `json:"week" yaml:"week"`
	// Overrides replace the hours of the working days in their periods.
	// They may not overlap. At most [MaxOverrides], dated from
	// [MinCalendarYear] to [MaxCalendarYear].
	Overrides []Override `json:"overrides,omitempty" yaml:"overrides,omitempty"`
	// Holidays are days on which the agency is closed. They may overlap.
	// At most [MaxHolidays], dated from [MinCalendarYear] to
	// [MaxCalendarYear].
	Holidays []Holiday `json:"holidays,omitempty" yaml:"holidays,omitempty"`
}

// HoursOn returns the working hours of the date d: none (nil) on a holiday
// or a day whose weekly hours are empty, the hours of the override that
// covers d if one does, else the week's hours for d's weekday. The slice
// is c's own: do not modify it. It looks through every holiday and
// override; business-time clocks index them instead.
func (c *Calendar) HoursOn(d Date) []Span {
	week := c.Week.Hours(d.Weekday())
	if len(week) == 0 {
		return nil
	}
	for i := range c.Holidays {
		if c.Holidays[i].Covers(d) {
			return nil
		}
	}
	for i := range c.Overrides {
		if c.Overrides[i].Covers(d) {
			return c.Overrides[i].Hours
		}
	}
	return week
}

// Validate checks the calendar on its own and returns every problem at
// once, joined with errors.Join, each a [*RecordError] of kind "calendar"
// and index 0. The checks are those [Dataset.Validate] makes of each
// calendar, limits included (see [MaxHolidays]). It costs O(n log n) in
// the number of holidays and overrides.
func (c *Calendar) Validate() error {
	var errs []error
	if c.ID == "" {
		errs = append(errs, &RecordError{Kind: "calendar", Field: "id", Err: ErrMissing})
	}
	for _, e := range c.check() {
		errs = append(errs, &RecordError{Kind: "calendar", ID: c.ID, Field: e.Field, Err: e.Err})
	}
	return errors.Join(errs...)
}

// clone returns a copy of c that shares no slice with it.
func (c Calendar) clone() Calendar {
	for _, d := range c.Week.days() {
		*d.spans = append([]Span(nil), *d.spans...)
	}
	c.Overrides = append([]Override(nil), c.Overrides...)
	for i := range c.Overrides {
		c.Overrides[i].Hours = append([]Span(nil), c.Overrides[i].Hours...)
	}
	c.Holidays = append([]Holiday(nil), c.Holidays...)
	return c
}

// check returns the problems a calendar has on its own, without looking
// at other records: a missing or unknown time zone; spans out of range,
// out of order or overlapping within a day; missing or impossible dates,
// and dates outside [MinCalendarYear] to [MaxCalendarYear]; periods that
// end before they start; overlapping overrides; and more holidays or
// overrides than [MaxHolidays] and [MaxOverrides] allow, whose items past
// the limit are not checked. Fields are paths such as "week.monday[1]" and
// "overrides[0].to". Its cost is O(n log n) in the number of periods.
func (c *Calendar) check() []fieldError {
	var errs []fieldError
	switch {
	case c.TimeZone == "":
		errs = append(errs, fieldError{"time_zone", ErrMissing})
	case c.TimeZone == "Local":
		errs = append(errs, fieldError{"time_zone", fmt.Errorf("%w: %q depends on the machine; name an IANA time zone", ErrUnknownValue, c.TimeZone)})
	default:
		if _, err := time.LoadLocation(c.TimeZone); err != nil {
			errs = append(errs, fieldError{"time_zone", fmt.Errorf("%w: %q is not an IANA time zone", ErrUnknownValue, c.TimeZone)})
		}
	}
	for _, d := range c.Week.days() {
		errs = checkSpans(errs, *d.spans, func() string { return "week." + d.name })
	}

	overrides := c.Overrides[:min(len(c.Overrides), MaxOverrides)]
	overlap := firstOverlaps(overrides)
	// The problems of each override are reported in turn: its period, its
	// hours, then the first override before it that it overlaps.
	for i, o := range overrides {
		errs = checkPeriod(errs, "overrides", i, o.From, o.To, true)
		errs = checkSpans(errs, o.Hours, func() string { return fmt.Sprintf("overrides[%d].hours", i) })
		if j := overlap[i]; j >= 0 {
			p := overrides[j]
			errs = append(errs, fieldError{fmt.Sprintf("overrides[%d].from", i), fmt.Errorf("%w: %s to %s overlaps overrides[%d] (%s to %s)",
				ErrOutOfRange, o.From, o.To, j, p.From, p.To)})
		}
	}
	if len(c.Overrides) > MaxOverrides {
		errs = append(errs, fieldError{fmt.Sprintf("overrides[%d]", MaxOverrides),
			fmt.Errorf("%w: %d overrides, more than MaxOverrides (%d)", ErrOutOfRange, len(c.Overrides), MaxOverrides)})
	}

	holidays := c.Holidays[:min(len(c.Holidays), MaxHolidays)]
	for i, h := range holidays {
		errs = checkPeriod(errs, "holidays", i, h.From, h.To, false)
	}
	if len(c.Holidays) > MaxHolidays {
		errs = append(errs, fieldError{fmt.Sprintf("holidays[%d]", MaxHolidays),
			fmt.Errorf("%w: %d holidays, more than MaxHolidays (%d)", ErrOutOfRange, len(c.Holidays), MaxHolidays)})
	}
	return errs
}

// checkSpans appends the problems of one day's spans: each must be valid,
// and each must start at or after the end of the one before. path names
// the list, such as "week.monday", and is called only for a problem.
func checkSpans(errs []fieldError, spans []Span, path func() string) []fieldError {
	for i, s := range spans {
		switch {
		case !s.Valid():
			errs = append(errs, fieldError{fmt.Sprintf("%s[%d]", path(), i), fmt.Errorf("%w: span %d-%d minutes is not within 0 <= start < end <= 1440",
				ErrOutOfRange, s.Start, s.End)})
		case i > 0 && spans[i-1].Valid() && s.Start < spans[i-1].End:
			errs = append(errs, fieldError{fmt.Sprintf("%s[%d]", path(), i), fmt.Errorf("%w: %s overlaps or comes before %s; list a day's spans in order, apart",
				ErrOutOfRange, s, spans[i-1])})
		}
	}
	return errs
}

// checkPeriod appends the problems of the period from..to of list[i]
// ("holidays" or "overrides"): from is required and to is when
// toRequired; each must be a real date from [MinCalendarYear] to
// [MaxCalendarYear]; to may not be before from.
func checkPeriod(errs []fieldError, list string, i int, from, to Date, toRequired bool) []fieldError {
	if err := dateProblem(from, true); err != nil {
		errs = append(errs, fieldError{fmt.Sprintf("%s[%d].from", list, i), err})
	}
	if err := dateProblem(to, toRequired); err != nil {
		errs = append(errs, fieldError{fmt.Sprintf("%s[%d].to", list, i), err})
	}
	if from.Valid() && to.Valid() && to.Before(from) {
		errs = append(errs, fieldError{fmt.Sprintf("%s[%d].to", list, i), fmt.Errorf("%w: %s is before from %s", ErrOutOfRange, to, from)})
	}
	return errs
}

// dateProblem returns what is wrong with a date of a period, or nil: a
// required date left out, a day that does not exist, or a day outside
// [MinCalendarYear] to [MaxCalendarYear]. A date that is not zero has no
// problem exactly when [inRange] holds.
func dateProblem(d Date, required bool) error {
	switch {
	case d.IsZero():
		if required {
			return ErrMissing
		}
		return nil
	case !d.Valid():
		return fmt.Errorf("%w: %s is not a day of the calendar", ErrOutOfRange, d)
	case !inRange(d):
		return fmt.Errorf("%w: %s is not within %04d-01-01 to %04d-12-31 (MinCalendarYear to MaxCalendarYear)",
			ErrOutOfRange, d, MinCalendarYear, MaxCalendarYear)
	}
	return nil
}

// inRange reports whether d is a real date from [MinCalendarYear] to
// [MaxCalendarYear].
func inRange(d Date) bool {
	return d.Valid() && d.Year >= MinCalendarYear && d.Year <= MaxCalendarYear
}

// firstOverlaps returns, for each override, the index of the first
// override before it whose period shares a day with its own, or -1. Only
// periods without problems of their own are compared: real dates in range,
// to not before from.
//
// Comparing every pair costs O(n²): 16,000 overrides took 1.6 s. Instead
// the periods paint their days in order, each leaving the days an earlier
// one painted as they are, so that every day holds the first period that
// covers it, and a period overlaps the first of the periods its days hold.
// The days are cut at the periods' ends into at most 2n stretches, which
// a tree of minima and a pointer to the next stretch not yet painted
// serve in O(log n) each: O(n log n) in all.
func firstOverlaps(overrides []Override) []int {
	out := make([]int, len(overrides))
	for i := range out {
		out[i] = -1
	}
	if len(overrides) < 2 {
		return out
	}
	lo, hi := make([]int64, len(overrides)), make([]int64, len(overrides)) // days [lo, hi) from 1970-01-01; hi 0 when not compared
	cuts := make([]int64, 0, 2*len(overrides))
	for i, o := range overrides {
		if inRange(o.From) && inRange(o.To) && !o.To.Before(o.From) {
			lo[i] = daysFromCivil(o.From.Year, int(o.From.Month), o.From.Day)
			hi[i] = daysFromCivil(o.To.Year, int(o.To.Month), o.To.Day) + 1
			cuts = append(cuts, lo[i], hi[i])
		}
	}
	slices.Sort(cuts)
	cuts = slices.Compact(cuts)
	n := len(cuts) - 1 // stretch k is the days [cuts[k], cuts[k+1])
	if n < 1 {
		return out
	}
	const none = math.MaxInt32
	size := 1
	for size < n {
		size *= 2
	}
	first := make([]int32, 2*size) // leaf size+k: the period that painted stretch k; above, the least below
	for k := range first {
		first[k] = none
	}
	next := make([]int32, n+1) // next[k] leads to the first stretch from k not yet painted; n is the end
	for k := range next {
		next[k] = int32(k)
	}
	find := func(k int32) int32 {
		for next[k] != k {
			next[k] = next[next[k]]
			k = next[k]
		}
		return k
	}
	for i := range overrides {
		if hi[i] == 0 {
			continue
		}
		l, _ := slices.BinarySearch(cuts, lo[i])
		r, _ := slices.BinarySearch(cuts, hi[i])
		least := int32(none)
		for a, b := l+size, r+size; a < b; a, b = a/2, b/2 {
			if a%2 == 1 {
				least = min(least, first[a])
				a++
			}
			if b%2 == 1 {
				b--
				least = min(least, first[b])
			}
		}
		if least != none {
			out[i] = int(least)
		}
		for k := find(int32(l)); k < int32(r); k = find(k) {
			// i is later than every period painted so far: only nodes
			// that held none change.
			for x := int(k) + size; x > 0 && first[x] == none; x /= 2 {
				first[x] = int32(i)
			}
			next[k] = k + 1
		}
	}
	return out
}
