package score_test

import (
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// sunThu returns a calendar of Sunday to Thursday, 08:00 to 15:00 in
// Riyadh, and the instants of December 2025 there.
func sunThu(t *testing.T) (model.Calendar, func(day, hour, min int) time.Time) {
	t.Helper()
	riyadh, err := time.LoadLocation("Asia/Riyadh")
	require.NoError(t, err)
	workday := []model.Span{{Start: 8 * 60, End: 15 * 60}}
	cal := model.Calendar{ID: "sun-thu", TimeZone: "Asia/Riyadh", Week: model.WorkingWeek{
		Sunday: workday, Monday: workday, Tuesday: workday, Wednesday: workday, Thursday: workday}}
	return cal, func(day, hour, min int) time.Time { return time.Date(2025, 12, day, hour, min, 0, 0, riyadh) }
}

func TestBusinessClock(t *testing.T) {
	cal, at := sunThu(t)
	asOfSunday := at(7, 12, 0) // Sunday 7 December 2025, noon

	// Working time is Sunday to Thursday, 08:00 to 15:00.
	//   q1 Thu 4 Dec 14:00, answered Sun 09:00: 1h Thursday + 1h Sunday = 2 business
	//      hours; 67 calendar hours.
	//   q2 Sun 7 Dec 08:30, unanswered: 3.5 business (and calendar) hours old.
	//   q3 Wed 3 Dec 10:00, unanswered: 5h Wed + 7h Thu + 4h Sun = 16 business
	//      hours old; 98 calendar hours.
	build := func(calendarID string) model.Dataset {
		ds := model.Dataset{
			Agencies:  []model.Agency{{ID: "a", CalendarID: calendarID}},
			Channels:  []model.Channel{{ID: "a-x", AgencyID: "a", Kind: model.ChannelX}},
			Calendars: []model.Calendar{cal},
			Inquiries: []model.Inquiry{
				{ID: "q1", AgencyID: "a", ChannelID: "a-x", ReceivedAt: at(4, 14, 0), FirstReplyAt: at(7, 9, 0)},
				{ID: "q2", AgencyID: "a", ChannelID: "a-x", ReceivedAt: at(7, 8, 30)},
				{ID: "q3", AgencyID: "a", ChannelID: "a-x", ReceivedAt: at(3, 10, 0)},
			},
		}
		return ds
	}
	target := func(clock rubric.Clock) rubric.Criterion {
		return rubric.Criterion{Metric: rubric.WithinTargetRate, Params: rubric.Params{TargetHours: ptr("8"), Clock: clock}}
	}
	quartile := func(clock rubric.Clock) rubric.Criterion {
		return rubric.Criterion{Metric: rubric.ReplyTimeQuantile, Params: rubric.Params{Quantile: ptr("0.25"), Clock: clock},
			Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("100"), Best: ptr("0")}}
	}
	tests := []struct {
		name       string
		calendarID string
		c          rubric.Criterion
		want       string
		n, pending int
		noCalendar bool
	}{
		// q1 met (2 <= 8), q2 pending (3.5 < 8), q3 breached (16 >= 8).
		{"within 8 business hours", "sun-thu", target(rubric.BusinessClock), "0.5", 2, 1, false},
		// q1 breached (67h), q2 pending, q3 breached (98h).
		{"within 8 calendar hours", "sun-thu", target(rubric.CalendarClock), "0", 2, 1, false},
		// No calendar: calendar time, flagged.
		{"business without calendar", "", target(rubric.BusinessClock), "0", 2, 1, true},
		// Business: 2E, 3.5C, 16C: S(2h) = 2/3 <= 0.75, the 0.25-quantile is 2h.
		{"quartile in business hours", "sun-thu", quartile(rubric.BusinessClock), "2", 3, 0, false},
		// Calendar: 3.5C, 67E, 98C: 2 at risk at 67h, S = 0.5: 67h.
		{"quartile in calendar hours", "sun-thu", quartile(rubric.CalendarClock), "67", 3, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := tt.c
			c.ID, c.Weight = "c", decimal.NewFromInt(1)
			if c.Scale.Kind == "" {
				c.Scale = rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}
			}
			r := oneCriterion(c)
			sc, err := score.New(r, score.Options{AsOf: asOfSunday, MinSample: 1})
			require.NoError(t, err)
			rep, err := sc.Score(build(tt.calendarID))
			require.NoError(t, err)
			a := rep.Agencies[0]
			got := a.Dimensions[0].Criteria[0].Measure
			require.NotNil(t, got.Value)
			assert.True(t, got.Value.Equal(decimal.RequireFromString(tt.want)), "Value = %s, want %s", got.Value, tt.want)
			assert.Equal(t, tt.n, got.N, "N")
			assert.Equal(t, tt.pending, got.Pending, "Pending")
			assert.Equal(t, tt.noCalendar, hasFlag(a, score.FlagNoCalendar, "c"), "no_calendar flag in %v", a.Flags)
		})
	}
}

// TestDefaultCalendar checks Options.DefaultCalendar: an agency declared
// without a calendar, and one implied by its inquiries, both take it, with
// the business hours of TestBusinessClock's case (q1 met in 2 business
// hours, q3 breached at 16); without it both are measured in calendar time
// and flagged; a default the dataset lacks is an error.
func TestDefaultCalendar(t *testing.T) {
	cal, at := sunThu(t)
	c := rubric.Criterion{Metric: rubric.WithinTargetRate, Params: rubric.Params{TargetHours: ptr("8"), Clock: rubric.BusinessClock}}
	meta := model.Dataset{
		Agencies:  []model.Agency{{ID: "declared"}},
		Channels:  []model.Channel{{ID: "declared-x", AgencyID: "declared", Kind: model.ChannelX}},
		Calendars: []model.Calendar{cal},
	}
	var qs []model.Inquiry
	for _, a := range []struct{ id, channel string }{{"declared", "declared-x"}, {"implied", "implied/x"}} {
		qs = append(qs,
			model.Inquiry{ID: a.id + "1", AgencyID: a.id, ChannelID: a.channel, ReceivedAt: at(4, 14, 0), FirstReplyAt: at(7, 9, 0)},
			model.Inquiry{ID: a.id + "3", AgencyID: a.id, ChannelID: a.channel, ReceivedAt: at(3, 10, 0)})
	}
	for _, tc := range []struct {
		def        string
		want       string // within 8 hours: q1 and q3 decided
		noCalendar bool
	}{
		{"sun-thu", "0.5", false}, // 2 business hours met, 16 breached
		{"", "0", true},           // 67 and 98 calendar hours: both breached
	} {
		sc, err := score.New(oneCriterion(c), score.Options{AsOf: at(7, 12, 0), MinSample: 1, DefaultCalendar: tc.def})
		require.NoError(t, err)
		acc, err := sc.NewAccumulator(meta)
		require.NoError(t, err)
		for i := range qs {
			require.NoError(t, acc.Add(&qs[i]))
		}
		rep, err := acc.Report()
		require.NoError(t, err)
		for _, id := range []string{"declared", "implied"} {
			a := agency(t, rep, id)
			assertDec(t, a.Dimensions[0].Criteria[0].Measure.Value, tc.want, id+" with default "+tc.def)
			assert.Equal(t, tc.noCalendar, hasFlag(a, score.FlagNoCalendar, "c"), "%s with default %q: %v", id, tc.def, a.Flags)
		}
	}
	sc, err := score.New(oneCriterion(c), score.Options{AsOf: at(7, 12, 0), DefaultCalendar: "mon-fri"})
	require.NoError(t, err)
	_, err = sc.NewAccumulator(meta)
	assert.ErrorIs(t, err, model.ErrUnknownReference)
}
