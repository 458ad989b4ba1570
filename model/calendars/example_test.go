package calendars_test

import (
	"fmt"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/calendars"
)

func ExampleSaudiGovernment() {
	c := calendars.SaudiGovernment()
	fmt.Println(c.ID, c.TimeZone)
	for _, d := range []model.Date{
		{Year: 2025, Month: time.February, Day: 27}, // a Thursday
		{Year: 2025, Month: time.February, Day: 28}, // a Friday
		{Year: 2025, Month: time.March, Day: 2},     // in Ramadan
		{Year: 2025, Month: time.March, Day: 30},    // Eid al-Fitr
	} {
		fmt.Println(d, d.Weekday(), c.HoursOn(d))
	}
	for _, h := range c.Holidays {
		if h.From.Year == 2025 {
			fmt.Println(h.From, h.Last(), h.Name)
		}
	}
	// Output:
	// sa-government Asia/Riyadh
	// 2025-02-27 Thursday [07:30-14:30]
	// 2025-02-28 Friday []
	// 2025-03-02 Sunday [10:00-15:00]
	// 2025-03-30 Sunday []
	// 2025-02-22 2025-02-22 Founding Day
	// 2025-03-30 2025-04-02 Eid al-Fitr 1446 (Umm al-Qura dates)
	// 2025-06-05 2025-06-08 Eid al-Adha 1446 (Umm al-Qura dates)
	// 2025-09-23 2025-09-23 National Day
}

func ExampleUSFederal() {
	c, err := calendars.USFederal("America/New_York", 2026)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.ID, c.TimeZone, c.Week.Monday)
	for _, h := range c.Holidays {
		fmt.Println(h.From, h.From.Weekday(), h.Name)
	}
	// Output:
	// us-federal America/New_York [09:00-17:00]
	// 2026-01-01 Thursday New Year's Day
	// 2026-01-19 Monday Martin Luther King Jr. Day
	// 2026-02-16 Monday Presidents' Day
	// 2026-05-25 Monday Memorial Day
	// 2026-06-19 Friday Juneteenth
	// 2026-07-03 Friday Independence Day (observed)
	// 2026-09-07 Monday Labor Day
	// 2026-10-12 Monday Columbus Day
	// 2026-11-11 Wednesday Veterans Day
	// 2026-11-26 Thursday Thanksgiving Day
	// 2026-12-25 Friday Christmas Day
}
