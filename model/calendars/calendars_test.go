package calendars

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
)

// validIn checks that c passes Dataset.Validate as the calendar of an
// agency.
func validIn(t *testing.T, c model.Calendar) {
	t.Helper()
	ds := model.Dataset{
		Agencies:  []model.Agency{{ID: "agency", CalendarID: c.ID, TimeZone: c.TimeZone}},
		Calendars: []model.Calendar{c},
	}
	assert.NoError(t, ds.Validate(), "Validate() of a dataset with calendar %q", c.ID)
}

func date(y int, m time.Month, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }

func TestSaudiGovernment(t *testing.T) {
	c := SaudiGovernment()
	validIn(t, c)
	assert.Equal(t, "sa-government", c.ID)
	assert.Equal(t, "Asia/Riyadh", c.TimeZone)

	office := []model.Span{{Start: 450, End: 870}}
	ramadan := []model.Span{{Start: 600, End: 900}}
	tests := []struct {
		name string
		d    model.Date
		want []model.Span
	}{
		{"an ordinary Sunday", date(2025, time.January, 5), office},
		{"a Thursday", date(2025, time.January, 9), office},
		{"Friday", date(2025, time.January, 10), nil},
		{"Saturday", date(2025, time.January, 11), nil},
		{"National Day 2025, a Tuesday", date(2025, time.September, 23), nil},
		{"the day after National Day 2025", date(2025, time.September, 24), office},
		{"Founding Day 2024, a Thursday", date(2024, time.February, 22), nil},
		{"a Sunday in Ramadan 1446", date(2025, time.March, 2), ramadan},
		{"the last working day of Ramadan 1446", date(2025, time.March, 27), ramadan},
		{"Eid al-Fitr 1446, first day", date(2025, time.March, 30), nil},
		{"Eid al-Fitr 1446, last day", date(2025, time.April, 2), nil},
		{"after Eid al-Fitr 1446", date(2025, time.April, 3), office},
		{"Day of Arafah 1446", date(2025, time.June, 5), nil},
		{"Eid al-Adha 1445", date(2024, time.June, 16), nil},
		{"Ramadan 1445, first day", date(2024, time.March, 11), ramadan},
		{"Ramadan 1445, last day", date(2024, time.April, 9), nil}, // Eid al-Fitr holiday begins
		{"Founding Day 2026 in Ramadan 1447", date(2026, time.February, 22), nil},
		{"a Monday in Ramadan 1447", date(2026, time.February, 23), ramadan},
		{"Eid al-Adha 1447", date(2026, time.May, 27), nil},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, c.HoursOn(tt.d), "HoursOn(%v), %s", tt.d, tt.name)
	}
	assert.Equal(t, time.Tuesday, date(2025, time.September, 23).Weekday(), "National Day 2025 falls on a Tuesday")

	// A fresh value each time.
	c.Week.Sunday[0].Start = 0
	c.Holidays[0].Name = "changed"
	c.Week.Monday = nil
	again := SaudiGovernment()
	assert.Equal(t, office, again.Week.Sunday, "SaudiGovernment() after changing an earlier result")
	assert.Equal(t, "Founding Day", again.Holidays[0].Name)
	assert.Equal(t, office, again.Week.Monday)
}

func TestUSFederal(t *testing.T) {
	c, err := USFederal("America/New_York", 2026, 2025, 2026)
	require.NoError(t, err)
	validIn(t, c)
	assert.Equal(t, "us-federal", c.ID)
	assert.Len(t, c.Holidays, 22, "eleven holidays in each of two years")
	got := map[model.Date]string{}
	for _, h := range c.Holidays {
		got[h.From] = h.Name
	}
	for _, want := range []struct {
		d    model.Date
		name string
	}{
		// 4 July 2026 is a Saturday: observed on Friday 3 July.
		{date(2026, time.July, 3), "Independence Day (observed)"},
		{date(2025, time.July, 4), "Independence Day"},
		{date(2025, time.January, 20), "Martin Luther King Jr. Day"}, // third Monday
		{date(2025, time.November, 27), "Thanksgiving Day"},          // fourth Thursday
		{date(2026, time.November, 26), "Thanksgiving Day"},
		{date(2025, time.June, 19), "Juneteenth"},
		{date(2026, time.June, 19), "Juneteenth"},
		{date(2025, time.December, 25), "Christmas Day"},
		{date(2026, time.December, 25), "Christmas Day"},
		{date(2026, time.September, 7), "Labor Day"},
		{date(2025, time.May, 26), "Memorial Day"},
		// 11 November 2028 would be a Saturday; 2026 is a Wednesday.
		{date(2026, time.November, 11), "Veterans Day"},
	} {
		assert.Equal(t, want.name, got[want.d], "holiday on %v", want.d)
	}
	_, onSaturday := got[date(2026, time.July, 4)]
	assert.False(t, onSaturday, "Independence Day 2026 is not kept on the Saturday")
	assert.Equal(t, []model.Span(nil), c.HoursOn(date(2026, time.July, 3)))
	assert.Equal(t, []model.Span{{Start: 540, End: 1020}}, c.HoursOn(date(2026, time.July, 2)))
	for i := 1; i < len(c.Holidays); i++ {
		assert.True(t, c.Holidays[i-1].From.Before(c.Holidays[i].From), "holidays in date order: %v", c.Holidays)
	}

	// New Year's Day 2022 was a Saturday: observed on Friday 31 December 2021.
	c, err = USFederal("America/Chicago", 2022)
	require.NoError(t, err)
	assert.Equal(t, model.Holiday{Name: "New Year's Day (observed)", From: date(2021, time.December, 31)}, c.Holidays[0])

	for _, bad := range []struct {
		zone  string
		years []int
	}{{"America/Gotham", []int{2025}}, {"", []int{2025}}, {"Local", []int{2025}}, {"America/New_York", nil},
		{"America/New_York", []int{1776}}, {"America/New_York", []int{10000}}} {
		_, err := USFederal(bad.zone, bad.years...)
		assert.Error(t, err, "USFederal(%q, %v)", bad.zone, bad.years)
	}
}

// TestUSFederalEveryYear checks the preset over every year a calendar's
// holidays may fall in, and refuses the years either side: before the
// limits, 1969 and 2200 were accepted.
func TestUSFederalEveryYear(t *testing.T) {
	var years []int
	for y := model.MinCalendarYear; y <= model.MaxCalendarYear; y++ {
		years = append(years, y)
	}
	c, err := USFederal("America/New_York", years...)
	require.NoError(t, err)
	validIn(t, c)
	// Eleven holidays a year, but Juneteenth before 2021.
	assert.Len(t, c.Holidays, 11*len(years)-(2021-model.MinCalendarYear), "holidays")
	assert.LessOrEqual(t, len(c.Holidays), model.MaxHolidays, "holidays")
	for _, y := range []int{model.MinCalendarYear - 1, model.MaxCalendarYear + 1} {
		_, err := USFederal("America/New_York", 2025, y)
		assert.ErrorIs(t, err, model.ErrOutOfRange, "USFederal(2025, %d)", y)
	}
}
