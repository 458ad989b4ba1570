package model_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/govscore/govscore/model"
)

func ExampleReadCalendarsJSON() {
	in := `[
  {
    "id": "riyadh-office",
    "time_zone": "Asia/Riyadh",
    "week": {"sunday": ["08:00-15:00"], "monday": ["08:00-15:00"], "tuesday": ["08:00-15:00"],
             "wednesday": ["08:00-15:00"], "thursday": ["08:00-15:00"]},
    "overrides": [{"name": "Ramadan", "from": "2025-03-01", "to": "2025-03-29", "hours": ["10:00-15:00"]}],
    "holidays": [{"name": "National Day", "from": "2025-09-23"}]
  },
  {
    "id": "typo",
    "time_zone": "Asia/Riyadh",
    "week": {"sunday": ["8-15"]}
  }
]`
	cs, acct, err := model.ReadCalendarsJSON(strings.NewReader(in), model.ReadOptions{File: "calendars.json", Lenient: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("read %d, accepted %d\n", acct.Read, acct.Accepted)
	for _, pe := range acct.Rejected {
		fmt.Println(pe)
	}
	c := cs[0]
	for _, d := range []model.Date{{Year: 2025, Month: time.March, Day: 2}, {Year: 2025, Month: time.September, Day: 23}} {
		fmt.Println(d, d.Weekday(), c.HoursOn(d))
	}
	// Output:
	// read 2, accepted 1
	// calendars.json:10: field "week.sunday[0]": unknown value: "8-15" is not a span HH:MM-HH:MM
	// 2025-03-02 Sunday [10:00-15:00]
	// 2025-09-23 Tuesday []
}

func ExampleCalendar_HoursOn() {
	c := model.Calendar{
		ID:       "boston",
		TimeZone: "America/New_York",
		Week: model.WorkingWeek{
			Monday: []model.Span{{Start: 9 * 60, End: 12 * 60}, {Start: 13 * 60, End: 17 * 60}},
			Friday: []model.Span{{Start: 9 * 60, End: 13 * 60}},
		},
		Holidays: []model.Holiday{{Name: "Independence Day (observed)", From: model.Date{Year: 2026, Month: time.July, Day: 3}}},
	}
	for d := (model.Date{Year: 2026, Month: time.June, Day: 29}); !d.After(model.Date{Year: 2026, Month: time.July, Day: 6}); d = d.AddDays(1) {
		fmt.Println(d, d.Weekday(), c.HoursOn(d))
	}
	// Output:
	// 2026-06-29 Monday [09:00-12:00 13:00-17:00]
	// 2026-06-30 Tuesday []
	// 2026-07-01 Wednesday []
	// 2026-07-02 Thursday []
	// 2026-07-03 Friday []
	// 2026-07-04 Saturday []
	// 2026-07-05 Sunday []
	// 2026-07-06 Monday [09:00-12:00 13:00-17:00]
}
