package bizclock

import (
	"math/rand/v2"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
)

// This file tests what a Clock and a Years cost in memory, against the
// ceilings the package documentation states.

// allocated returns the bytes f allocates. The tests that call it do not
// run in parallel, so nothing else allocates meanwhile but the runtime.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// minuteSpans returns 700 spans of a minute, a minute apart, from
// midnight: the most a 70 KB calendar file holds.
func minuteSpans() []model.Span {
	var out []model.Span
	for m := 0; len(out) < 700; m += 2 {
		out = append(out, model.Span{Start: m, End: m + 1})
	}
	return out
}

// limitsCalendar returns a calendar at model's limits in New York:
// MaxHolidays holidays and MaxOverrides overrides, on alternate days from
// 1 January 1971, and office hours.
func limitsCalendar() model.Calendar {
	c := newYork(spans(span("09:00", "12:00"), span("13:00", "17:00")), monToFri...)
	d := model.Date{Year: 1971, Month: time.January, Day: 1}
	for i := range model.MaxHolidays {
		c.Holidays = append(c.Holidays, model.Holiday{From: d.AddDays(2 * i)})
	}
	for i := range model.MaxOverrides {
		c.Overrides = append(c.Overrides, model.Override{From: d.AddDays(2*i + 1), To: d.AddDays(2*i + 1), Hours: spans(span("10:00", "15:00"))})
	}
	return c
}

// TestYearsAcrossACentury builds the business time of hostile calendars
// and asks for the time from an inquiry in 1915 to a reply in 2025. The
// package documentation promises at most 50 MB, two clocks (the years of
// the two instants) and the totals of the years between. Before the
// totals, every year between built a clock of every working interval: the
// calendars of 700 spans a day took 2,532 MB (UTC) and 2,534 MB (New
// York, 515 MB of it kept), and the calendar at model's limits 130 MB and
// 84 s, as each year checked the calendar anew and looked through every
// holiday and override for each day. Now they take 94 KB, 117 KB and
// 2.8 MB (checking and indexing the calendar).
func TestYearsAcrossACentury(t *testing.T) {
	const ceiling = 50 << 20
	from := time.Date(1915, time.March, 1, 10, 0, 0, 0, time.UTC).Unix()
	to := time.Date(2025, time.March, 1, 10, 0, 0, 0, time.UTC).Unix()
	for _, tt := range []struct {
		name string
		cal  model.Calendar
		want int64 // business seconds, or -1 when not worked out by hand
	}{
		// Every day of a 24-hour window from 10:00 holds 700 spans of a
		// minute: 400 from 10:00 and 300 before 10:00 the next day.
		{"700 spans a day in UTC", model.Calendar{ID: "minutes", TimeZone: "UTC", Week: week(minuteSpans(), allWeek...)},
			(to - from) / 86400 * 700 * 60},
		{"700 spans a day in New York", model.Calendar{ID: "minutes", TimeZone: "America/New_York", Week: week(minuteSpans(), allWeek...)}, -1},
		{"the limits of model", limitsCalendar(), -1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var y *Years
			var got int64
			bytes := allocated(func() {
				var err error
				y, err = NewYears(tt.cal)
				require.NoError(t, err)
				got = y.Between(from, to)
			})
			assert.LessOrEqual(t, bytes, uint64(ceiling), "NewYears and Between(1915, 2025) allocated %d bytes", bytes)
			t.Logf("NewYears and Between(1915, 2025): %d bytes", bytes)
			if tt.want >= 0 {
				assert.Equal(t, tt.want, got, "Between(1915, 2025)")
			}
			built := 0
			for i := range y.clocks {
				if y.clocks[i].Load() != nil {
					built++
				}
			}
			assert.Equal(t, 2, built, "clocks built")
			assert.Zero(t, testing.AllocsPerRun(10, func() { y.Between(from, to) }), "Between again")
		})
	}
}

// TestClockOfAYear checks the documented size of a year's clock, under
// 8 KB (7,776 bytes) and here at most 16 KB, whatever the calendar's
// hours. Before, a clock kept every working interval and each year checked
// the calendar anew: 22.8 MB for a year of 700 spans a day, 1.1 MB for the
// calendar at model's limits and 22 KB for office hours in Riyadh.
func TestClockOfAYear(t *testing.T) {
	const ceiling = 16 << 10
	for _, c := range []model.Calendar{
		{ID: "minutes", TimeZone: "America/New_York", Week: week(minuteSpans(), allWeek...)},
		limitsCalendar(),
		riyadh(),
	} {
		y, err := NewYears(c)
		require.NoError(t, err)
		y.Between(0, 1) // makes the table of years, and the clock of 1970
		a := time.Date(2025, time.March, 3, 10, 0, 0, 0, time.UTC).Unix()
		bytes := allocated(func() { y.Between(a, a+3600) })
		assert.LessOrEqual(t, bytes, uint64(ceiling), "%s: the clock of a year: %d bytes", c.TimeZone, bytes)
		t.Logf("%s: the clock of a year: %d bytes", c.TimeZone, bytes)
	}
}

// TestNewYearsCostsItsCalendar checks that a calendar no one asks about
// costs no more than its own size, so that a dataset of many calendars
// costs what it holds: no table of years, and 1.4 KB for office hours in
// Riyadh (most of it the time zone, loaded twice), at most 4 KB. Before,
// NewYears made its table of 501 years at once: 10 KB for each calendar.
func TestNewYearsCostsItsCalendar(t *testing.T) {
	c := riyadh()
	var y *Years
	bytes := allocated(func() {
		var err error
		if y, err = NewYears(c); err != nil {
			t.Fatal(err)
		}
	})
	assert.Nil(t, y.starts, "NewYears(%s) made the table of years", c.ID)
	if !raceEnabled {
		assert.LessOrEqual(t, bytes, uint64(4<<10), "NewYears(%s): %d bytes", c.ID, bytes)
	}
	t.Logf("NewYears(%s): %d bytes", c.ID, bytes)
}

// BenchmarkYearsAcrossACentury measures NewYears and Between from 1915 to
// 2025 for the calendar at model's limits: about 15 ms, 2.8 MB and 66
// allocations. It took 84 to 95 s when each year crossed built a clock.
func BenchmarkYearsAcrossACentury(b *testing.B) {
	c := limitsCalendar()
	from := time.Date(1915, time.March, 1, 10, 0, 0, 0, time.UTC).Unix()
	to := time.Date(2025, time.March, 1, 10, 0, 0, 0, time.UTC).Unix()
	b.ReportAllocs()
	for b.Loop() {
		y, err := NewYears(c)
		if err != nil {
			b.Fatal(err)
		}
		y.Between(from, to)
	}
}

// TestYearTotalsAgainstClocks checks the totals of years a span crosses,
// found by a walk that keeps nothing, against the clocks of those years,
// in zones whose clocks change by an hour (New York), at midnight
// (Santiago) and by 30 minutes (Lord Howe Island), and in the year Samoa
// skipped a day, on random calendars.
func TestYearTotalsAgainstClocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for _, z := range []struct {
		zone string
		year int
	}{{"America/New_York", 2025}, {"America/Santiago", 2024}, {"Australia/Lord_Howe", 2025}, {"Pacific/Apia", 2011}, {"Asia/Riyadh", 1915}} {
		for range 10 {
			c := model.Calendar{ID: "random", TimeZone: z.zone}
			for _, d := range []*[]model.Span{&c.Week.Sunday, &c.Week.Monday, &c.Week.Tuesday, &c.Week.Wednesday,
				&c.Week.Thursday, &c.Week.Friday, &c.Week.Saturday} {
				for m := rng.IntN(120); m < 1440-60; m += 1 + rng.IntN(300) {
					end := m + 1 + rng.IntN(60)
					*d = append(*d, model.Span{Start: m, End: end})
					m = end
				}
			}
			y, err := NewYears(c)
			require.NoError(t, err)
			y.once.Do(y.init)
			i := z.year - firstYear
			d0, d1 := days(i)
			walked := y.cal.total(d0, d1, y.starts[i], y.starts[i+1])
			k := y.cal.clock(d0, d1, y.starts[i], y.starts[i+1])
			if walked != k.total || walked != y.total(i) {
				t.Fatalf("%s %d: a walk gives %d s, the clock %d s, Years %d s; calendar %+v", z.zone, z.year, walked, k.total, y.total(i), c)
			}
		}
	}
}
