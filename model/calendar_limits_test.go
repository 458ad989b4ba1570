package model

import (
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// This file tests the limits on calendars and the cost of checking them.

// limitCalendar returns a valid calendar with n one-day overrides and n
// one-day holidays on alternate days from 1 January 1971.
func limitCalendar(n int) Calendar {
	c := sampleCalendar()
	c.Overrides, c.Holidays = nil, nil
	d := Date{1971, 1, 1}
	for i := range n {
		c.Overrides = append(c.Overrides, Override{From: d.AddDays(2 * i), To: d.AddDays(2 * i), Hours: []Span{{600, 900}}})
		c.Holidays = append(c.Holidays, Holiday{From: d.AddDays(2*i + 1)})
	}
	return c
}

// TestValidateCalendarLimits checks that a calendar past a limit is an
// error naming the calendar, the first item past the limit and the limit.
// Before the limits, every one of these calendars was valid.
func TestValidateCalendarLimits(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Calendar)
		field  string
		want   string // the reason, in full
	}{
		{"a holiday too many", func(c *Calendar) {
			c.Holidays = append(c.Holidays, Holiday{From: Date{2199, 12, 31}})
		}, "holidays[10000]", "out of range: 10001 holidays, more than MaxHolidays (10000)"},
		{"an override too many", func(c *Calendar) {
			c.Overrides = append(c.Overrides, Override{From: Date{2199, 12, 31}, To: Date{2199, 12, 31}})
		}, "overrides[10000]", "out of range: 10001 overrides, more than MaxOverrides (10000)"},
		{"a holiday the day before 1970", func(c *Calendar) { c.Holidays[3].From = Date{1969, 12, 31} },
			"holidays[3].from", "out of range: 1969-12-31 is not within 1970-01-01 to 2199-12-31 (MinCalendarYear to MaxCalendarYear)"},
		{"a holiday ending in 2200", func(c *Calendar) { c.Holidays[4].To = Date{2200, 1, 1} },
			"holidays[4].to", "out of range: 2200-01-01 is not within 1970-01-01 to 2199-12-31 (MinCalendarYear to MaxCalendarYear)"},
		{"an override ending in year 9999", func(c *Calendar) { c.Overrides[5].To = Date{9999, 12, 31} },
			"overrides[5].to", "out of range: 9999-12-31 is not within 1970-01-01 to 2199-12-31 (MinCalendarYear to MaxCalendarYear)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := limitCalendar(MaxHolidays)
			require.NoError(t, c.Validate(), "Validate() of a calendar at the limits")
			tt.change(&c)
			d := validDataset()
			d.Calendars = []Calendar{sampleCalendar(), c}
			d.Calendars[1].ID = "big"
			err := d.Validate()
			res := recordErrors(t, err)
			require.Len(t, res, 1, "Validate() = %v", err)
			re := res[0]
			assert.Equal(t, "calendar", re.Kind, "Validate(): kind")
			assert.Equal(t, 1, re.Index, "Validate(): index of the calendar")
			assert.Equal(t, "big", re.ID, "Validate(): ID of the calendar")
			assert.Equal(t, tt.field, re.Field, "Validate(): field")
			assert.ErrorIs(t, re, ErrOutOfRange, "Validate()")
			assert.EqualError(t, re.Err, tt.want, "Validate(): reason")
		})
	}
}

// TestValidateCalendarLimitsSkipTheRest checks that the items past a
// limit are not checked: a calendar of a million bad holidays gives two
// problems per holiday up to the limit and one for the limit, not two
// million.
func TestValidateCalendarLimitsSkipTheRest(t *testing.T) {
	c := sampleCalendar()
	c.Holidays = make([]Holiday, 1_000_000)
	for i := range c.Holidays {
		c.Holidays[i] = Holiday{From: Date{2025, 2, 30}, To: Date{2025, 2, 31}}
	}
	res := recordErrors(t, c.Validate())
	require.Len(t, res, 2*MaxHolidays+1)
	assert.Equal(t, "holidays[9999].to", res[2*MaxHolidays-1].Field)
	assert.Equal(t, "holidays[10000]", res[2*MaxHolidays].Field)
}

// pairwiseOverlaps is the reference for firstOverlaps: every override
// compared with every one before it, O(n²), as Validate did before. (It
// then also compared an override with an earlier one that ended before it
// started, as if that were a period, and reported an overlap that the
// earlier one's own error already explained; now only periods without
// problems of their own are compared.)
func pairwiseOverlaps(overrides []Override) []int {
	compared := func(o Override) bool { return inRange(o.From) && inRange(o.To) && !o.To.Before(o.From) }
	out := make([]int, len(overrides))
	for i, o := range overrides {
		out[i] = -1
		if !compared(o) {
			continue
		}
		for j, p := range overrides[:i] {
			if compared(p) && !o.From.After(p.To) && !p.From.After(o.To) {
				out[i] = j
				break
			}
		}
	}
	return out
}

// TestFirstOverlapsAgainstPairs checks firstOverlaps against comparing
// every pair, on random overrides crowded into two months so that most
// overlap several others, some with problems of their own.
func TestFirstOverlapsAgainstPairs(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	start := Date{2025, 3, 1}
	for trial := range 3000 {
		overrides := make([]Override, rng.IntN(40))
		for i := range overrides {
			from := start.AddDays(rng.IntN(60))
			o := Override{From: from, To: from.AddDays(rng.IntN(12))}
			switch rng.IntN(12) {
			case 0:
				o.From, o.To = o.To, o.From.AddDays(-1) // ends before it starts
			case 1:
				o.To = Date{} // missing
			case 2:
				o.From = Date{2025, 2, 30} // not a day
			case 3:
				o.To = Date{2200, 1, 1} // out of range
			}
			overrides[i] = o
		}
		want := pairwiseOverlaps(overrides)
		if got := firstOverlaps(overrides); !assert.Equal(t, want, got, "trial %d: firstOverlaps(%v)", trial, overrides) {
			return
		}
	}
}

// TestValidateOverlapsInOrder checks the messages and their order: each
// override's own problems, then the first earlier override it overlaps,
// which need not be its neighbour in time.
func TestValidateOverlapsInOrder(t *testing.T) {
	c := sampleCalendar()
	c.Overrides = []Override{
		{Name: "long", From: Date{2025, 3, 1}, To: Date{2025, 3, 20}},
		{Name: "early", From: Date{2025, 3, 2}, To: Date{2025, 3, 3}, Hours: []Span{{900, 480}}},
		{Name: "late", From: Date{2025, 3, 18}, To: Date{2025, 3, 25}},
		{Name: "after", From: Date{2025, 3, 24}, To: Date{2025, 3, 24}},
		{Name: "apart", From: Date{2025, 4, 1}, To: Date{2025, 4, 2}},
	}
	var got []string
	for _, re := range recordErrors(t, c.Validate()) {
		got = append(got, re.Field+": "+re.Err.Error())
	}
	assert.Equal(t, []string{
		"overrides[1].hours[0]: out of range: span 900-480 minutes is not within 0 <= start < end <= 1440",
		"overrides[1].from: out of range: 2025-03-02 to 2025-03-03 overlaps overrides[0] (2025-03-01 to 2025-03-20)",
		"overrides[2].from: out of range: 2025-03-18 to 2025-03-25 overlaps overrides[0] (2025-03-01 to 2025-03-20)",
		"overrides[3].from: out of range: 2025-03-24 to 2025-03-24 overlaps overrides[2] (2025-03-18 to 2025-03-25)",
	}, got, "Validate()")
}

// BenchmarkValidateCalendar checks a calendar at the limits: 10,000
// overrides and 10,000 holidays. Comparing every pair of overrides took
// 800 ms and 69,500 allocations (a path formatted for every override and
// span); it takes about 3 ms and 15.
func BenchmarkValidateCalendar(b *testing.B) {
	c := limitCalendar(MaxOverrides)
	b.ReportAllocs()
	for b.Loop() {
		if err := c.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
