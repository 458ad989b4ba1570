package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// office is 08:00-15:00.
var office = []Span{{8 * 60, 15 * 60}}

// sampleCalendar returns a valid calendar with a Friday-Saturday weekend,
// an override and two holidays.
func sampleCalendar() Calendar {
	return Calendar{
		ID:       "riyadh",
		TimeZone: "Asia/Riyadh",
		Week: WorkingWeek{Sunday: office, Monday: office, Tuesday: office, Wednesday: office,
			Thursday: []Span{{8 * 60, 12 * 60}, {13 * 60, 24 * 60}}},
		Overrides: []Override{{Name: "Ramadan 1446", From: Date{2025, 3, 1}, To: Date{2025, 3, 29}, Hours: []Span{{600, 900}}}},
		Holidays: []Holiday{
			{Name: "Eid al-Fitr", From: Date{2025, 3, 30}, To: Date{2025, 4, 2}},
			{Name: "National Day", From: Date{2025, 9, 23}},
		},
	}
}

func TestSpanText(t *testing.T) {
	tests := []struct {
		in   string
		want Span
		err  error
	}{
		{"08:00-15:00", Span{480, 900}, nil},
		{"00:00-24:00", Span{0, 1440}, nil},
		{"07:30-14:30", Span{450, 870}, nil},
		{"23:59-24:00", Span{1439, 1440}, nil},
		{"8-15", Span{}, ErrUnknownValue},
		{"8:00-15:00", Span{}, ErrUnknownValue},
		{"08:00 15:00", Span{}, ErrUnknownValue},
		{"08h00-15h00", Span{}, ErrUnknownValue},
		{"", Span{}, ErrUnknownValue},
		{"25:00-26:00", Span{}, ErrOutOfRange},
		{"08:60-15:00", Span{}, ErrOutOfRange},
		{"24:30-24:45", Span{}, ErrOutOfRange},
		{"24:00-24:00", Span{}, ErrOutOfRange},
		{"15:00-08:00", Span{}, ErrOutOfRange},
		{"08:00-08:00", Span{}, ErrOutOfRange},
	}
	for _, tt := range tests {
		var got Span
		err := got.UnmarshalText([]byte(tt.in))
		if tt.err != nil {
			assert.ErrorIs(t, err, tt.err, "UnmarshalText(%q)", tt.in)
			assert.Equal(t, Span{}, got, "UnmarshalText(%q) changed the span on error", tt.in)
			continue
		}
		require.NoError(t, err, "UnmarshalText(%q)", tt.in)
		assert.Equal(t, tt.want, got, "UnmarshalText(%q)", tt.in)
		out, err := got.MarshalText()
		require.NoError(t, err, "MarshalText(%v)", got)
		assert.Equal(t, tt.in, string(out), "MarshalText(UnmarshalText(%q))", tt.in)
	}
	for _, s := range []Span{{0, 0}, {-1, 60}, {60, 1441}, {900, 480}} {
		_, err := s.MarshalText()
		assert.ErrorIs(t, err, ErrOutOfRange, "MarshalText(%d-%d)", s.Start, s.End)
	}
}

func TestDateText(t *testing.T) {
	tests := []struct {
		in   string
		want Date
		err  error
	}{
		{"2025-03-30", Date{2025, time.March, 30}, nil},
		{"2024-02-29", Date{2024, time.February, 29}, nil},
		{"0001-01-01", Date{1, time.January, 1}, nil},
		{"9999-12-31", Date{9999, time.December, 31}, nil},
		{"", Date{}, nil},
		{"2025-02-30", Date{}, ErrOutOfRange},
		{"2025-02-29", Date{}, ErrOutOfRange},
		{"2025-13-01", Date{}, ErrOutOfRange},
		{"2025-00-10", Date{}, ErrOutOfRange},
		{"0000-01-01", Date{}, ErrOutOfRange},
		{"2025-3-30", Date{}, ErrUnknownValue},
		{"2025/03/30", Date{}, ErrUnknownValue},
		{"30-03-2025", Date{}, ErrUnknownValue},
		{"2025-03-30T00:00:00Z", Date{}, ErrUnknownValue},
		{"+025-03-30", Date{}, ErrUnknownValue},
		{"0", Date{}, ErrUnknownValue},
	}
	for _, tt := range tests {
		got := Date{1999, 1, 1}
		err := got.UnmarshalText([]byte(tt.in))
		if tt.err != nil {
			assert.ErrorIs(t, err, tt.err, "UnmarshalText(%q)", tt.in)
			assert.Equal(t, Date{1999, 1, 1}, got, "UnmarshalText(%q) changed the date on error", tt.in)
			continue
		}
		require.NoError(t, err, "UnmarshalText(%q)", tt.in)
		assert.Equal(t, tt.want, got, "UnmarshalText(%q)", tt.in)
		out, err := got.MarshalText()
		require.NoError(t, err, "MarshalText(%v)", got)
		assert.Equal(t, tt.in, string(out), "MarshalText(UnmarshalText(%q))", tt.in)
	}
	_, err := Date{2025, 2, 30}.MarshalText()
	assert.ErrorIs(t, err, ErrOutOfRange, "MarshalText(2025-02-30)")
}

func TestDateHelpers(t *testing.T) {
	d := Date{2025, time.January, 31}
	assert.Equal(t, Date{2025, time.February, 1}, d.AddDays(1), "AddDays(1)")
	assert.Equal(t, Date{2024, time.December, 31}, d.AddDays(-31), "AddDays(-31)")
	assert.Equal(t, Date{2024, time.February, 29}, Date{2024, time.March, 1}.AddDays(-1), "AddDays(-1) in a leap year")
	assert.True(t, d.Before(d.AddDays(1)), "Before")
	assert.False(t, d.Before(d), "Before the same day")
	assert.True(t, Date{2025, 2, 1}.After(Date{2025, 1, 31}), "After")
	assert.Equal(t, 0, d.Compare(Date{2025, 1, 31}), "Compare")
	assert.Equal(t, -1, Date{2024, 12, 31}.Compare(d), "Compare across years")
	assert.Equal(t, time.Tuesday, Date{2025, 9, 23}.Weekday(), "Weekday of 2025-09-23")
	assert.Equal(t, Date{2025, 3, 9}, DateOf(time.Date(2025, 3, 9, 23, 59, 0, 0, time.UTC)), "DateOf")
	assert.True(t, Date{}.IsZero(), "IsZero")

	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	santiago, err := time.LoadLocation("America/Santiago")
	require.NoError(t, err)
	apia, err := time.LoadLocation("Pacific/Apia")
	require.NoError(t, err)
	tests := []struct {
		d    Date
		loc  *time.Location
		want string // RFC 3339
	}{
		{Date{2025, 3, 9}, ny, "2025-03-09T00:00:00-05:00"},
		{Date{2025, 3, 10}, ny, "2025-03-10T00:00:00-04:00"},
		// Chile springs forward at midnight: 2024-09-08 begins at 01:00.
		{Date{2024, 9, 8}, santiago, "2024-09-08T01:00:00-03:00"},
		// Chile falls back at midnight to 23:00 the day before: 2025-04-06
		// begins at the one midnight there is, after the repeated hour.
		{Date{2025, 4, 6}, santiago, "2025-04-06T00:00:00-04:00"},
		// Samoa skipped 2011-12-30: it "begins" when 2011-12-31 does.
		{Date{2011, 12, 30}, apia, "2011-12-31T00:00:00+14:00"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.d.In(tt.loc).Format(time.RFC3339), "%v.In(%v)", tt.d, tt.loc)
	}
}

func TestCalendarHoursOn(t *testing.T) {
	c := sampleCalendar()
	tests := []struct {
		d    Date
		want []Span
	}{
		{Date{2025, 2, 27}, c.Week.Thursday},   // a Thursday before Ramadan
		{Date{2025, 2, 28}, nil},               // Friday: weekend
		{Date{2025, 3, 2}, []Span{{600, 900}}}, // a Sunday in Ramadan: override
		{Date{2025, 3, 7}, nil},                // a Friday in Ramadan: still weekend
		{Date{2025, 3, 30}, nil},               // Eid al-Fitr
		{Date{2025, 4, 2}, nil},                // its last day
		{Date{2025, 4, 3}, c.Week.Thursday},    // the day after
		{Date{2025, 9, 23}, nil},               // National Day
		{Date{2025, 9, 24}, office},            // a Wednesday
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, c.HoursOn(tt.d), "HoursOn(%v), a %v", tt.d, tt.d.Weekday())
	}
	// A holiday inside an override closes the day.
	c.Holidays = append(c.Holidays, Holiday{From: Date{2025, 3, 3}})
	assert.Nil(t, c.HoursOn(Date{2025, 3, 3}), "HoursOn a holiday inside an override")
	// An override without hours closes its working days.
	c.Overrides[0].Hours = nil
	assert.Nil(t, c.HoursOn(Date{2025, 3, 4}), "HoursOn a day of an override without hours")
}

func TestValidateCalendars(t *testing.T) {
	withCalendar := func(change func(c *Calendar)) func(d *Dataset) {
		return func(d *Dataset) {
			c := sampleCalendar()
			change(&c)
			d.Calendars = append(d.Calendars, c)
		}
	}
	tests := []struct {
		name   string
		change func(d *Dataset)
		kind   string
		index  int
		field  string
		want   error
	}{
		{"calendar without id", withCalendar(func(c *Calendar) { c.ID = "" }), "calendar", 1, "id", ErrMissing},
		{"duplicate calendar", withCalendar(func(c *Calendar) {}), "calendar", 1, "id", ErrDuplicateID},
		{"no time zone", withCalendar(func(c *Calendar) { c.ID, c.TimeZone = "x", "" }), "calendar", 1, "time_zone", ErrMissing},
		{"unknown time zone", withCalendar(func(c *Calendar) { c.ID, c.TimeZone = "x", "Asia/Atlantis" }),
			"calendar", 1, "time_zone", ErrUnknownValue},
		{"machine-dependent time zone", withCalendar(func(c *Calendar) { c.ID, c.TimeZone = "x", "Local" }),
			"calendar", 1, "time_zone", ErrUnknownValue},
		{"span past midnight", withCalendar(func(c *Calendar) { c.ID, c.Week.Monday = "x", []Span{{1380, 1500}} }),
			"calendar", 1, "week.monday[0]", ErrOutOfRange},
		{"negative span", withCalendar(func(c *Calendar) { c.ID, c.Week.Friday = "x", []Span{{-60, 60}} }),
			"calendar", 1, "week.friday[0]", ErrOutOfRange},
		{"empty span", withCalendar(func(c *Calendar) { c.ID, c.Week.Saturday = "x", []Span{{600, 600}} }),
			"calendar", 1, "week.saturday[0]", ErrOutOfRange},
		{"span ends before it starts", withCalendar(func(c *Calendar) { c.ID, c.Week.Sunday = "x", []Span{{900, 480}} }),
			"calendar", 1, "week.sunday[0]", ErrOutOfRange},
		{"spans out of order", withCalendar(func(c *Calendar) { c.ID, c.Week.Tuesday = "x", []Span{{780, 900}, {480, 720}} }),
			"calendar", 1, "week.tuesday[1]", ErrOutOfRange},
		{"overlapping spans", withCalendar(func(c *Calendar) { c.ID, c.Week.Wednesday = "x", []Span{{480, 720}, {700, 900}} }),
			"calendar", 1, "week.wednesday[1]", ErrOutOfRange},
		{"override span out of range", withCalendar(func(c *Calendar) { c.ID, c.Overrides[0].Hours = "x", []Span{{600, 1441}} }),
			"calendar", 1, "overrides[0].hours[0]", ErrOutOfRange},
		{"override without from", withCalendar(func(c *Calendar) { c.ID, c.Overrides[0].From = "x", Date{} }),
			"calendar", 1, "overrides[0].from", ErrMissing},
		{"override without to", withCalendar(func(c *Calendar) { c.ID, c.Overrides[0].To = "x", Date{} }),
			"calendar", 1, "overrides[0].to", ErrMissing},
		{"override to before from", withCalendar(func(c *Calendar) { c.ID, c.Overrides[0].To = "x", Date{2025, 2, 28} }),
			"calendar", 1, "overrides[0].to", ErrOutOfRange},
		{"override on an impossible date", withCalendar(func(c *Calendar) { c.ID, c.Overrides[0].To = "x", Date{2025, 2, 30} }),
			"calendar", 1, "overrides[0].to", ErrOutOfRange},
		{"overlapping overrides", withCalendar(func(c *Calendar) {
			c.ID = "x"
			c.Overrides = append(c.Overrides, Override{From: Date{2025, 3, 29}, To: Date{2025, 4, 5}})
		}), "calendar", 1, "overrides[1].from", ErrOutOfRange},
		{"holiday without from", withCalendar(func(c *Calendar) { c.ID, c.Holidays[1].From = "x", Date{} }),
			"calendar", 1, "holidays[1].from", ErrMissing},
		{"holiday to before from", withCalendar(func(c *Calendar) { c.ID, c.Holidays[0].To = "x", Date{2025, 3, 29} }),
			"calendar", 1, "holidays[0].to", ErrOutOfRange},
		{"holiday on an impossible date", withCalendar(func(c *Calendar) { c.ID, c.Holidays[1].From = "x", Date{2025, 9, 31} }),
			"calendar", 1, "holidays[1].from", ErrOutOfRange},
		{"agency of unknown calendar", func(d *Dataset) { d.Agencies[1].CalendarID = "nowhere" },
			"agency", 1, "calendar_id", ErrUnknownReference},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDataset()
			d.Calendars = []Calendar{sampleCalendar()}
			d.Agencies[0].CalendarID = "riyadh"
			require.NoError(t, d.Validate(), "Validate() before the change")
			tt.change(&d)
			err := d.Validate()
			require.Error(t, err, "Validate() = nil, want %v", tt.want)
			res := recordErrors(t, err)
			assert.Len(t, res, 1, "Validate() = %v, want one problem", err)
			found := false
			for _, re := range res {
				if re.Kind == tt.kind && re.Index == tt.index && re.Field == tt.field && errors.Is(re, tt.want) {
					found = true
				}
			}
			assert.True(t, found, "Validate() = %v, want a %s[%d] error on field %q wrapping %v",
				err, tt.kind, tt.index, tt.field, tt.want)
		})
	}
}

func TestCalendarValidateReportsEveryProblem(t *testing.T) {
	c := Calendar{TimeZone: "Nowhere/Special",
		Week:     WorkingWeek{Monday: []Span{{900, 480}}},
		Holidays: []Holiday{{From: Date{2025, 2, 30}}, {From: Date{2025, 5, 2}, To: Date{2025, 5, 1}}}}
	err := c.Validate()
	var fields []string
	for _, re := range recordErrors(t, err) {
		assert.Equal(t, "calendar", re.Kind, "Validate() = %v: kind", err)
		fields = append(fields, re.Field)
	}
	assert.Equal(t, []string{"id", "time_zone", "week.monday[0]", "holidays[0].from", "holidays[1].to"}, fields,
		"Validate() = %v", err)
	good := sampleCalendar()
	assert.NoError(t, good.Validate(), "Validate() of the sample calendar")
}

func TestCalendarJSONRoundTrip(t *testing.T) {
	cs := []Calendar{sampleCalendar(), {ID: "always", TimeZone: "America/New_York", Week: WorkingWeek{
		Sunday: []Span{{0, 1440}}, Monday: []Span{{0, 1440}}, Tuesday: []Span{{0, 1440}}, Wednesday: []Span{{0, 1440}},
		Thursday: []Span{{0, 1440}}, Friday: []Span{{0, 1440}}, Saturday: []Span{{0, 1440}}}}}
	var buf bytes.Buffer
	require.NoError(t, WriteCalendarsJSON(&buf, cs))
	first := buf.String()
	assert.Contains(t, first, `"thursday": [
        "08:00-12:00",
        "13:00-24:00"
      ]`)
	assert.Contains(t, first, `"from": "2025-09-23"`)
	assert.Equal(t, 1, strings.Count(first, `"friday"`), "an empty day is left out")
	got, acct, err := ReadCalendarsJSON(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadCalendarsJSON", acct)
	assert.Equal(t, cs, got, "ReadCalendarsJSON(WriteCalendarsJSON(cs))")

	// encoding/json and YAML agree with the writer.
	raw, err := json.Marshal(cs[0])
	require.NoError(t, err)
	var back Calendar
	require.NoError(t, json.Unmarshal(raw, &back))
	assert.Equal(t, cs[0], back, "json.Unmarshal(json.Marshal(c))")
	y, err := yaml.Marshal(cs[0])
	require.NoError(t, err)
	assert.Contains(t, string(y), "- 08:00-15:00")
	back = Calendar{}
	require.NoError(t, yaml.Unmarshal(y, &back))
	assert.Equal(t, cs[0], back, "yaml.Unmarshal(yaml.Marshal(c))\n%s", y)

	buf.Reset()
	require.NoError(t, WriteCalendarsJSON(&buf, nil))
	assert.Equal(t, "[]\n", buf.String(), "WriteCalendarsJSON(nil)")
	bad := sampleCalendar()
	bad.Week.Monday = []Span{{900, 480}}
	assert.ErrorIs(t, WriteCalendarsJSON(&bytes.Buffer{}, []Calendar{bad}), ErrOutOfRange, "a span that cannot be written")
	bad = sampleCalendar()
	bad.Holidays[0].Name = "\xff"
	assert.ErrorIs(t, WriteCalendarsJSON(&bytes.Buffer{}, []Calendar{bad}), ErrEncoding, "invalid UTF-8")
}

func TestReadCalendarsJSONErrors(t *testing.T) {
	const good = `{"id": "a", "time_zone": "UTC"}`
	tests := []struct {
		name  string
		elem  string // the second element, on line 3
		field string
		want  error
	}{
		{"unknown key", `{"id": "b", "time_zone": "UTC", "colour": "red"}`, "colour", ErrUnknownValue},
		{"unknown day", `{"id": "b", "time_zone": "UTC", "week": {"mondey": ["08:00-15:00"]}}`, "week.mondey", ErrUnknownValue},
		{"unknown holiday key", `{"id": "b", "time_zone": "UTC", "holidays": [{"from": "2025-01-01"}, {"date": "2025-01-02"}]}`,
			"holidays[1].date", ErrUnknownValue},
		{"unknown override key", `{"id": "b", "time_zone": "UTC", "overrides": [{"from": "2025-01-01", "to": "2025-01-02", "hourz": []}]}`,
			"overrides[0].hourz", ErrUnknownValue},
		{"missing id", `{"time_zone": "UTC"}`, "id", ErrMissing},
		{"duplicate id", `{"id": "a", "time_zone": "UTC"}`, "id", ErrDuplicateID},
		{"missing time zone", `{"id": "b"}`, "time_zone", ErrMissing},
		{"unknown time zone", `{"id": "b", "time_zone": "Mars/Olympus_Mons"}`, "time_zone", ErrUnknownValue},
		{"bad span", `{"id": "b", "time_zone": "UTC", "week": {"monday": ["8-15"]}}`, "week.monday[0]", ErrUnknownValue},
		{"span out of range", `{"id": "b", "time_zone": "UTC", "week": {"monday": ["08:00-12:00", "25:00-26:00"]}}`,
			"week.monday[1]", ErrOutOfRange},
		{"span backwards", `{"id": "b", "time_zone": "UTC", "week": {"monday": ["15:00-08:00"]}}`, "week.monday[0]", ErrOutOfRange},
		{"spans overlapping", `{"id": "b", "time_zone": "UTC", "week": {"monday": ["08:00-12:00", "11:00-15:00"]}}`,
			"week.monday[1]", ErrOutOfRange},
		{"span not a string", `{"id": "b", "time_zone": "UTC", "week": {"monday": [480]}}`, "week.monday[0]", ErrUnknownValue},
		{"spans not an array", `{"id": "b", "time_zone": "UTC", "week": {"monday": "08:00-15:00"}}`, "week.monday", ErrUnknownValue},
		{"week not an object", `{"id": "b", "time_zone": "UTC", "week": []}`, "week", ErrUnknownValue},
		{"impossible date", `{"id": "b", "time_zone": "UTC", "holidays": [{"from": "2025-02-30"}]}`, "holidays[0].from", ErrOutOfRange},
		{"bad date", `{"id": "b", "time_zone": "UTC", "holidays": [{"from": "23/09/2025"}]}`, "holidays[0].from", ErrUnknownValue},
		{"holiday to before from", `{"id": "b", "time_zone": "UTC", "holidays": [{"from": "2025-09-23", "to": "2025-09-22"}]}`,
			"holidays[0].to", ErrOutOfRange},
		{"override without to", `{"id": "b", "time_zone": "UTC", "overrides": [{"from": "2025-03-01"}]}`, "overrides[0].to", ErrMissing},
		{"id not a string", `{"id": 7, "time_zone": "UTC"}`, "id", ErrUnknownValue},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "[\n" + good + ",\n" + tt.elem + "\n]"
			cs, acct, err := ReadCalendarsJSON(strings.NewReader(in), ReadOptions{File: "calendars.json"})
			assertAccounting(t, "ReadCalendarsJSON", acct)
			assertParseError(t, "ReadCalendarsJSON", err, 3, tt.field, tt.want)
			assert.Len(t, cs, 1, "ReadCalendarsJSON(%q): accepted", in)
		})
	}
	cs, acct, err := ReadCalendarsJSON(strings.NewReader("[\n"+good+",\n{\"id\": 1}, {\"id\": \"c\", \"time_zone\": \"UTC\"}]"),
		ReadOptions{Lenient: true})
	require.NoError(t, err, "lenient read")
	assert.Equal(t, 3, acct.Read, "lenient read: Read")
	assert.Len(t, acct.Rejected, 1, "lenient read: Rejected")
	assert.Len(t, cs, 2, "lenient read: calendars")
}

func TestAgencyCalendarIDRoundTrip(t *testing.T) {
	as := []Agency{{ID: "mof", TimeZone: "Asia/Riyadh", CalendarID: "sa-government"}, {ID: "moh"}}
	var buf bytes.Buffer
	require.NoError(t, WriteAgenciesCSV(&buf, as))
	assert.Equal(t, "id,name,sector,time_zone,calendar_id\nmof,,,Asia/Riyadh,sa-government\nmoh,,,,\n", buf.String())
	got, _, err := ReadAgenciesCSV(&buf, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, as, got, "ReadAgenciesCSV(WriteAgenciesCSV(as))")
	buf.Reset()
	require.NoError(t, WriteAgenciesJSON(&buf, as))
	assert.Contains(t, buf.String(), `"calendar_id": "sa-government"`)
	got, _, err = ReadAgenciesJSON(&buf, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, as, got, "ReadAgenciesJSON(WriteAgenciesJSON(as))")
}

func TestMergeCalendars(t *testing.T) {
	a := Dataset{Calendars: []Calendar{sampleCalendar()}}
	b := Dataset{Calendars: []Calendar{{ID: "b", TimeZone: "UTC"}}}
	m := Merge(a, b)
	require.Len(t, m.Calendars, 2)
	assert.Equal(t, []string{"riyadh", "b"}, []string{m.Calendars[0].ID, m.Calendars[1].ID})
	m.Calendars[0].Week.Thursday[0].Start = 0
	m.Calendars[0].Holidays[0].Name = "changed"
	assert.Equal(t, sampleCalendar(), a.Calendars[0], "Merge shares no slice with its input")
}
