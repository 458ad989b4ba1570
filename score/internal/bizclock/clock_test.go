package bizclock

import (
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
)

const hour = 3600

func span(from, to string) model.Span {
	var s model.Span
	if err := s.UnmarshalText([]byte(from + "-" + to)); err != nil {
		panic(err)
	}
	return s
}

func spans(ss ...model.Span) []model.Span { return ss }

// week returns a working week with hours on the given days.
func week(hours []model.Span, days ...time.Weekday) model.WorkingWeek {
	var w model.WorkingWeek
	for _, d := range days {
		switch d {
		case time.Sunday:
			w.Sunday = hours
		case time.Monday:
			w.Monday = hours
		case time.Tuesday:
			w.Tuesday = hours
		case time.Wednesday:
			w.Wednesday = hours
		case time.Thursday:
			w.Thursday = hours
		case time.Friday:
			w.Friday = hours
		case time.Saturday:
			w.Saturday = hours
		}
	}
	return w
}

var (
	sunToThu = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday}
	monToFri = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	allWeek  = []time.Weekday{time.Sunday, time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday}
)

// riyadh is Sunday-Thursday 08:00-15:00 in Asia/Riyadh (UTC+3 all year):
// a Friday-Saturday weekend.
func riyadh() model.Calendar {
	return model.Calendar{ID: "riyadh", TimeZone: "Asia/Riyadh", Week: week(spans(span("08:00", "15:00")), sunToThu...)}
}

func newYork(hours []model.Span, days ...time.Weekday) model.Calendar {
	return model.Calendar{ID: "ny", TimeZone: "America/New_York", Week: week(hours, days...)}
}

// at returns the instant of a local wall-clock time, written
// "2025-01-09 14:00", in the calendar's zone.
func at(t *testing.T, c model.Calendar, local string) time.Time {
	t.Helper()
	loc, err := time.LoadLocation(c.TimeZone)
	require.NoError(t, err)
	v, err := time.ParseInLocation("2006-01-02 15:04", local, loc)
	require.NoError(t, err)
	return v
}

// rfc returns the instant written in RFC 3339, offset included: it says
// which of two repeated wall-clock times is meant.
func rfc(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}

type betweenCase struct {
	name     string
	cal      model.Calendar
	from, to time.Time
	want     int64 // seconds
}

func checkBetween(t *testing.T, tests []betweenCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A range a year wide around the instants, so the answer does
			// not depend on where the range starts.
			k, err := New(tt.cal, tt.from.AddDate(0, -6, 0), tt.to.AddDate(0, 6, 0))
			require.NoError(t, err)
			got := k.Between(tt.from.Unix(), tt.to.Unix())
			assert.Equal(t, tt.want, got, "Between(%s, %s) = %v, want %v",
				tt.from.Format(time.RFC3339), tt.to.Format(time.RFC3339),
				time.Duration(got)*time.Second, time.Duration(tt.want)*time.Second)
			assert.Equal(t, -tt.want, k.Between(tt.to.Unix(), tt.from.Unix()), "Between the other way round")
		})
	}
}

func TestBetweenWeekendsAndMidnight(t *testing.T) {
	ksa := riyadh()
	night := model.Calendar{ID: "night", TimeZone: "Asia/Riyadh",
		Week: week(spans(span("00:00", "04:00"), span("20:00", "24:00")), allWeek...)}
	checkBetween(t, []betweenCase{
		// The case. Thursday 14:00-15:00 is 1 h; Friday and
		// Saturday are the weekend; Sunday 08:00-09:00 is 1 h: 2 h.
		{"Thursday 14:00 to Sunday 09:00", ksa, at(t, ksa, "2025-01-09 14:00"), at(t, ksa, "2025-01-12 09:00"), 2 * hour},
		// Monday 13:00-15:00 is 2 h; Tuesday 08:00-09:00 is 1 h: 3 h.
		{"Monday 13:00 to Tuesday 09:00", ksa, at(t, ksa, "2025-01-13 13:00"), at(t, ksa, "2025-01-14 09:00"), 3 * hour},
		// Within one span: 09:15 to 11:45 is 2 h 30 min.
		{"within a span", ksa, at(t, ksa, "2025-01-13 09:15"), at(t, ksa, "2025-01-13 11:45"), 2*hour + 30*60},
		// Both instants outside working hours, on the same evening: 0.
		{"one evening", ksa, at(t, ksa, "2025-01-13 16:00"), at(t, ksa, "2025-01-13 23:00"), 0},
		// Friday to Saturday: weekend only: 0.
		{"weekend", ksa, at(t, ksa, "2025-01-10 08:00"), at(t, ksa, "2025-01-11 15:00"), 0},
		// A night shift, 20:00-24:00 and 00:00-04:00 every day: Monday
		// 22:00-24:00 is 2 h, Tuesday 00:00-02:00 is 2 h: 4 h.
		{"night shift across midnight", night, at(t, night, "2025-01-13 22:00"), at(t, night, "2025-01-14 02:00"), 4 * hour},
		// Sunday 08:00 to the next Sunday 08:00: five days of 7 h.
		{"one week", ksa, at(t, ksa, "2025-01-05 08:00"), at(t, ksa, "2025-01-12 08:00"), 35 * hour},
	})
}

func TestBetweenHolidays(t *testing.T) {
	national := riyadh()
	national.Holidays = []model.Holiday{{Name: "National Day", From: model.Date{Year: 2025, Month: 9, Day: 23}}}
	eid := riyadh()
	eid.Holidays = []model.Holiday{{Name: "Eid al-Fitr", From: model.Date{Year: 2025, Month: 3, Day: 30}, To: model.Date{Year: 2025, Month: 4, Day: 2}}}
	checkBetween(t, []betweenCase{
		// Monday 22 September 14:00-15:00 is 1 h; Tuesday 23 is National
		// Day; Wednesday 24 08:00-09:00 is 1 h: 2 h (9 h without the holiday).
		{"one-day holiday", national, at(t, national, "2025-09-22 14:00"), at(t, national, "2025-09-24 09:00"), 2 * hour},
		{"the same days without it", riyadh(), at(t, national, "2025-09-22 14:00"), at(t, national, "2025-09-24 09:00"), 9 * hour},
		// Thursday 27 March 14:00-15:00 is 1 h; Friday 28 and Saturday 29
		// are the weekend; Sunday 30 March to Wednesday 2 April is Eid;
		// Thursday 3 April 08:00-09:00 is 1 h: 2 h (30 h without Eid:
		// 1 + 4 x 7 + 1).
		{"Eid al-Fitr", eid, at(t, eid, "2025-03-27 14:00"), at(t, eid, "2025-04-03 09:00"), 2 * hour},
		{"the same days without it", riyadh(), at(t, eid, "2025-03-27 14:00"), at(t, eid, "2025-04-03 09:00"), 30 * hour},
		// Inside the holiday: 0.
		{"inside Eid", eid, at(t, eid, "2025-03-30 08:00"), at(t, eid, "2025-04-02 15:00"), 0},
	})
}

func TestBetweenOverrides(t *testing.T) {
	ramadan := riyadh()
	ramadan.Overrides = []model.Override{{Name: "Ramadan 1446", From: model.Date{Year: 2025, Month: 3, Day: 1},
		To: model.Date{Year: 2025, Month: 3, Day: 29}, Hours: spans(span("10:00", "15:00"))}}
	ramadan.Holidays = []model.Holiday{{Name: "a holiday in Ramadan", From: model.Date{Year: 2025, Month: 3, Day: 18}}}
	closed := riyadh()
	closed.Overrides = []model.Override{{Name: "closed for a week", From: model.Date{Year: 2025, Month: 3, Day: 2},
		To: model.Date{Year: 2025, Month: 3, Day: 6}}}
	checkBetween(t, []betweenCase{
		// Thursday 27 February (before Ramadan) 14:00-15:00 is 1 h; Friday
		// and Saturday 1 March are the weekend, override or not; Sunday
		// 2 March in Ramadan opens at 10:00, so 10:00-11:00 is 1 h: 2 h.
		{"into Ramadan", ramadan, at(t, ramadan, "2025-02-27 14:00"), at(t, ramadan, "2025-03-02 11:00"), 2 * hour},
		// Sunday 2 March 09:00: closed until 10:00, then 10:00-15:00 is
		// 5 h; Monday 10:00-11:00 is 1 h: 6 h.
		{"Ramadan hours", ramadan, at(t, ramadan, "2025-03-02 09:00"), at(t, ramadan, "2025-03-03 11:00"), 6 * hour},
		// A Ramadan week, Sunday 2 to Sunday 9 March: 5 days of 5 h.
		{"a Ramadan week", ramadan, at(t, ramadan, "2025-03-02 00:00"), at(t, ramadan, "2025-03-09 00:00"), 25 * hour},
		// Sunday 16 to Thursday 20 March with Tuesday 18 a holiday: 4 days of 5 h.
		{"a holiday beats the override", ramadan, at(t, ramadan, "2025-03-16 00:00"), at(t, ramadan, "2025-03-21 00:00"), 20 * hour},
		// Thursday 27 March 14:00 to Sunday 30 March 09:00: 1 h of
		// Ramadan hours; Sunday 30 March is after Ramadan, 08:00-09:00: 2 h.
		{"out of Ramadan", ramadan, at(t, ramadan, "2025-03-27 14:00"), at(t, ramadan, "2025-03-30 09:00"), 2 * hour},
		// An override without hours closes Sunday 2 to Thursday 6 March:
		// from Thursday 27 February 14:00, 1 h, then Sunday 9 March
		// 08:00-09:00, 1 h: 2 h.
		{"closed by an override", closed, at(t, closed, "2025-02-27 14:00"), at(t, closed, "2025-03-09 09:00"), 2 * hour},
	})
}

func TestBetweenDaylightSaving(t *testing.T) {
	office := newYork(spans(span("09:00", "17:00")), monToFri...)
	always := newYork(spans(span("00:00", "24:00")), allWeek...)
	early := newYork(spans(span("00:00", "05:00")), time.Sunday)
	gapEnd := newYork(spans(span("01:00", "02:30")), time.Sunday)
	gapStart := newYork(spans(span("02:30", "04:00")), time.Sunday)
	repeat := newYork(spans(span("00:00", "01:30")), time.Sunday)
	checkBetween(t, []betweenCase{
		// Clocks go forward on Sunday 9 March 2025 at 02:00 EST. Friday
		// 16:00-17:00 EST is 1 h; Monday 09:00-10:00 EDT is 1 h: 2 h,
		// though 65 real hours pass.
		{"spring forward, office hours", office, at(t, office, "2025-03-07 16:00"), at(t, office, "2025-03-10 10:00"), 2 * hour},
		// Clocks go back on Sunday 2 November 2025 at 02:00 EDT. Friday
		// 16:00-17:00 EDT is 1 h; Monday 09:00-10:00 EST is 1 h: 2 h.
		{"fall back, office hours", office, at(t, office, "2025-10-31 16:00"), at(t, office, "2025-11-03 10:00"), 2 * hour},
		// Two weeks of office hours across the change: 10 days of 8 h.
		{"two weeks across spring forward", office, at(t, office, "2025-03-03 00:00"), at(t, office, "2025-03-17 00:00"), 80 * hour},
		// Round the clock, the day of spring forward is 23 h long, the day
		// of fall back 25 h, the day before 24 h.
		{"spring forward, 24/7", always, at(t, always, "2025-03-09 00:00"), at(t, always, "2025-03-10 00:00"), 23 * hour},
		{"fall back, 24/7", always, at(t, always, "2025-11-02 00:00"), at(t, always, "2025-11-03 00:00"), 25 * hour},
		{"an ordinary day, 24/7", always, at(t, always, "2025-03-08 00:00"), at(t, always, "2025-03-09 00:00"), 24 * hour},
		// A span 00:00-05:00 that contains the jump: 4 real hours in March,
		// 6 in November.
		{"span over spring forward", early, at(t, early, "2025-03-09 00:00"), at(t, early, "2025-03-10 00:00"), 4 * hour},
		{"span over fall back", early, at(t, early, "2025-11-02 00:00"), at(t, early, "2025-11-03 00:00"), 6 * hour},
		// 01:00-02:30 on 9 March: 02:30 never shows, so the span ends when
		// the clocks jump at 02:00 EST: 01:00-02:00 EST, 1 h.
		{"span ending in the skipped hour", gapEnd, at(t, gapEnd, "2025-03-09 00:00"), at(t, gapEnd, "2025-03-10 00:00"), hour},
		// 02:30-04:00 on 9 March starts at the jump, 03:00 EDT: 1 h.
		{"span starting in the skipped hour", gapStart, at(t, gapStart, "2025-03-09 00:00"), at(t, gapStart, "2025-03-10 00:00"), hour},
		// 00:00-01:30 on 2 November: 00:00-01:30 EDT is 1 h 30 min, and
		// 01:00-01:30 EST, the second pass, is 30 min: 2 h.
		{"span over part of the repeated hour", repeat, at(t, repeat, "2025-11-02 00:00"), at(t, repeat, "2025-11-03 00:00"), 2 * hour},
		// From 01:15 EDT to 01:15 EST one real hour passes: the wall clock
		// is within 00:00-01:30 from 01:15 to 01:30 EDT (15 min) and from
		// 01:00 to 01:15 EST (15 min): 30 min.
		{"within the repeated hour", repeat, rfc(t, "2025-11-02T01:15:00-04:00"), rfc(t, "2025-11-02T01:15:00-05:00"), 30 * 60},
	})
}

func TestAtClamps(t *testing.T) {
	c := riyadh()
	// Sunday 5 to Saturday 11 January 2025: five days of 7 h.
	k, err := New(c, at(t, c, "2025-01-05 10:00"), at(t, c, "2025-01-11 10:00"))
	require.NoError(t, err)
	lo, hi := k.Bounds()
	assert.Equal(t, at(t, c, "2025-01-05 00:00").Unix(), lo, "Bounds: start of the first day")
	assert.Equal(t, at(t, c, "2025-01-12 00:00").Unix(), hi, "Bounds: start of the day after the last")
	const total = 35 * hour
	tests := []struct {
		name string
		t    int64
		want int64
	}{
		{"long before", at(t, c, "2024-06-01 12:00").Unix(), 0},
		{"just before", lo - 1, 0},
		{"the range's start", lo, 0},
		// Sunday 08:00-10:00: 2 h. The range starts at midnight of from's
		// day, not at from.
		{"from", at(t, c, "2025-01-05 10:00").Unix(), 2 * hour},
		{"the range's end", hi, total},
		{"long after", at(t, c, "2026-01-01 00:00").Unix(), total},
	}
	for _, tt := range tests {
		assert.Equal(t, int64(tt.want), k.At(tt.t), "At(%s)", tt.name)
	}
	assert.Equal(t, int64(total), k.Between(lo-100*86400, hi+100*86400), "Between two instants outside the range")
	// Wednesday 15:00 to long after: Thursday 7 h.
	assert.Equal(t, int64(7*hour), k.Between(at(t, c, "2025-01-08 15:00").Unix(), hi+86400), "Between from inside to after")

	var zero Clock
	assert.Equal(t, int64(0), zero.Between(-1<<40, 1<<40), "the zero Clock")
}

func TestNewErrors(t *testing.T) {
	c := riyadh()
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	_, err := New(c, now, now.Add(-time.Second))
	assert.ErrorIs(t, err, ErrRange, "New with to before from")
	_, err = New(c, now, now.AddDate(120, 0, 0))
	assert.ErrorIs(t, err, ErrRange, "New over 120 years")
	bad := riyadh()
	bad.TimeZone = "Mars/Olympus_Mons"
	_, err = New(bad, now, now)
	assert.ErrorIs(t, err, model.ErrUnknownValue, "New with a bad time zone")
	bad = riyadh()
	bad.Week.Monday = spans(model.Span{Start: 900, End: 480})
	_, err = New(bad, now, now)
	var re *model.RecordError
	assert.True(t, errors.As(err, &re), "New with a bad span: %v", err)
	k, err := New(c, now, now)
	require.NoError(t, err, "a range of one day")
	// Wednesday 1 January 2025 in Riyadh: 08:00-15:00 local.
	assert.Equal(t, int64(7*hour), k.Between(now.Add(-24*time.Hour).Unix(), now.Add(48*time.Hour).Unix()))
}

// TestBetweenAgainstMinutes checks Between against an independent count:
// a walk minute by minute through real time, asking the time package for
// each minute's wall clock and counting it when a span of that date
// contains it. Spans and instants fall on whole minutes, so both must
// agree exactly, through daylight-saving changes of an hour (New York),
// at midnight (Santiago) and of 30 minutes (Lord Howe Island), and the day
// Samoa skipped.
func TestBetweenAgainstMinutes(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	randomSpans := func() []model.Span {
		var out []model.Span
		at := 0
		for at < 1440 && rng.IntN(4) > 0 {
			start := at + rng.IntN(1440-at)
			if start >= 1439 {
				break
			}
			end := start + 1 + rng.IntN(min(1440-start, 300))
			out = append(out, model.Span{Start: start, End: end})
			at = end + rng.IntN(2) // sometimes touching
		}
		return out
	}
	zones := []struct {
		zone string
		day  model.Date // a day with a change of clocks
	}{
		{"America/New_York", model.Date{Year: 2025, Month: 3, Day: 9}},
		{"America/New_York", model.Date{Year: 2025, Month: 11, Day: 2}},
		{"America/Santiago", model.Date{Year: 2024, Month: 9, Day: 8}},
		{"America/Santiago", model.Date{Year: 2025, Month: 4, Day: 6}},
		{"Australia/Lord_Howe", model.Date{Year: 2025, Month: 4, Day: 6}},
		{"Australia/Lord_Howe", model.Date{Year: 2025, Month: 10, Day: 5}},
		{"Europe/Berlin", model.Date{Year: 2025, Month: 10, Day: 26}},
		{"Pacific/Apia", model.Date{Year: 2011, Month: 12, Day: 30}},
		{"Asia/Riyadh", model.Date{Year: 2025, Month: 3, Day: 30}},
	}
	for _, z := range zones {
		loc, err := time.LoadLocation(z.zone)
		require.NoError(t, err)
		for trial := range 20 {
			c := model.Calendar{ID: "random", TimeZone: z.zone}
			for _, d := range []*[]model.Span{&c.Week.Sunday, &c.Week.Monday, &c.Week.Tuesday, &c.Week.Wednesday,
				&c.Week.Thursday, &c.Week.Friday, &c.Week.Saturday} {
				*d = randomSpans()
			}
			if trial%3 == 0 {
				c.Overrides = []model.Override{{From: z.day.AddDays(-1), To: z.day, Hours: randomSpans()}}
			}
			if trial%4 == 1 {
				c.Holidays = []model.Holiday{{From: z.day.AddDays(1)}}
			}
			from, to := z.day.AddDays(-2).In(loc), z.day.AddDays(3).In(loc)
			k, err := New(c, from, to)
			require.NoError(t, err, "New(%+v)", c)
			first, last := model.DateOf(from), model.DateOf(to)
			lo, hi := from.Unix()/60, to.Unix()/60 // minutes
			for range 10 {
				a := (lo + rng.Int64N(hi-lo)) * 60
				b := a + rng.Int64N(hi*60-a)/60*60
				var want int64
				for u := a; u < b; u += 60 {
					lt := time.Unix(u, 0).In(loc)
					d := model.DateOf(lt)
					if d.Before(first) || d.After(last) {
						continue
					}
					m := lt.Hour()*60 + lt.Minute()
					for _, s := range c.HoursOn(d) {
						if s.Start <= m && m < s.End {
							want += 60
						}
					}
				}
				if got := k.Between(a, b); got != want {
					t.Fatalf("%s: Between(%s, %s) = %d s, want %d s by the minute; calendar %+v",
						z.zone, time.Unix(a, 0).In(loc).Format(time.RFC3339), time.Unix(b, 0).In(loc).Format(time.RFC3339),
						got, want, c)
				}
			}
		}
	}
}

// TestConcurrentUse reads one Clock from several goroutines (run with
// -race).
func TestConcurrentUse(t *testing.T) {
	c := newYork(spans(span("09:00", "17:00")), monToFri...)
	from := at(t, c, "2025-01-01 00:00")
	k, err := New(c, from, from.AddDate(1, 0, 0))
	require.NoError(t, err)
	want := k.Between(from.Unix(), from.AddDate(0, 6, 0).Unix())
	done := make(chan int64)
	for range 4 {
		go func() {
			var got int64
			for range 1000 {
				got = k.Between(from.Unix(), from.AddDate(0, 6, 0).Unix())
			}
			done <- got
		}()
	}
	for range 4 {
		assert.Equal(t, want, <-done)
	}
}

// TestYearsAgainstClock checks that the clock built year by year agrees
// with one clock over the whole range, across year ends, in a zone with
// daylight saving and in one without, and far outside the table of years.
func TestYearsAgainstClock(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, c := range []model.Calendar{
		riyadh(),
		newYork(spans(span("09:00", "12:00"), span("13:00", "17:30")), monToFri...),
		{ID: "midnight", TimeZone: "America/Santiago", Week: week(spans(span("00:00", "24:00")), allWeek...),
			Holidays: []model.Holiday{{From: model.Date{Year: 2025, Month: 1, Day: 1}}}},
	} {
		y, err := NewYears(c)
		require.NoError(t, err)
		for _, r := range []struct{ from, to string }{
			{"2023-06-01T00:00:00Z", "2026-03-01T00:00:00Z"},
			{"1899-12-20T00:00:00Z", "1900-01-10T00:00:00Z"},
			{"2399-12-20T00:00:00Z", "2401-01-10T00:00:00Z"},
		} {
			from, to := rfc(t, r.from), rfc(t, r.to)
			whole, err := New(c, from, to)
			require.NoError(t, err)
			// Years counts no time before 1900 or after 2400, local time.
			loc, err := time.LoadLocation(c.TimeZone)
			require.NoError(t, err)
			first := time.Date(1900, time.January, 1, 0, 0, 0, 0, loc).Unix()
			end := time.Date(2401, time.January, 1, 0, 0, 0, 0, loc).Unix()
			clamp := func(t int64) int64 { return min(max(t, first), end) }
			lo, hi := from.Unix(), to.Unix()
			for range 300 {
				a := lo + rng.Int64N(hi-lo)
				b := a + rng.Int64N(hi-a)
				if got, want := y.Between(a, b), whole.Between(clamp(a), clamp(b)); got != want {
					t.Fatalf("%s: Years.Between(%d, %d) = %d, one clock says %d", c.ID, a, b, got, want)
				}
				if got, want := y.Between(b, a), -whole.Between(clamp(a), clamp(b)); got != want {
					t.Fatalf("%s: Years.Between(%d, %d) = %d, want %d", c.ID, b, a, got, want)
				}
			}
		}
	}
}

// TestYearsConcurrentUse builds years from several goroutines at once (run
// with -race).
// TestYearsFarInstants checks instants far outside 1900-2400, as a
// hostile file may date its records: they count as the ends of that span,
// and a span from year 1 to year 9999 costs one walk of the table, not a
// clock built for every year of ten thousand.
func TestYearsFarInstants(t *testing.T) {
	y, err := NewYears(riyadh())
	require.NoError(t, err)
	loc, err := time.LoadLocation(riyadh().TimeZone)
	require.NoError(t, err)
	first := time.Date(1900, time.January, 1, 0, 0, 0, 0, loc).Unix()
	end := time.Date(2401, time.January, 1, 0, 0, 0, 0, loc).Unix()
	ancient := time.Date(1, time.March, 1, 10, 0, 0, 0, time.UTC).Unix()
	future := time.Date(9999, time.March, 1, 10, 0, 0, 0, time.UTC).Unix()
	all := y.Between(first, end)
	// 1900-01-01 to 2401-01-01 is 182,987 days (501 years, 122 of them
	// leap: 1900 and 2100, 2200, 2300 are not, 2000 is), 26,141 whole
	// weeks; this calendar works 7 hours on 5 days of each and has no
	// holidays.
	assert.Equal(t, int64(26141*5*7*3600), all)
	assert.Equal(t, all, y.Between(ancient, future))
	assert.Equal(t, -all, y.Between(future, ancient))
	assert.Zero(t, y.Between(ancient, first), "before 1900")
	assert.Zero(t, y.Between(end, future), "after 2400")
	assert.Equal(t, y.Between(first, first+30*86400), y.Between(ancient, first+30*86400))
	allocs := testing.AllocsPerRun(10, func() { y.Between(ancient, future) })
	assert.Zero(t, allocs, "the clocks of 1900-2400 are built once")
}

func TestYearsConcurrentUse(t *testing.T) {
	y, err := NewYears(riyadh())
	require.NoError(t, err)
	a, b := rfc(t, "2020-01-01T00:00:00Z").Unix(), rfc(t, "2026-01-01T00:00:00Z").Unix()
	done := make(chan int64)
	for range 4 {
		go func() { done <- y.Between(a, b) }()
	}
	want := <-done
	for range 3 {
		assert.Equal(t, want, <-done)
	}
}
