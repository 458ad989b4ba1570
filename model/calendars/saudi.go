package calendars

import (
	"time"

	"github.com/govscore/govscore/model"
)

// SaudiGovernmentID is the ID of the calendar [SaudiGovernment] returns.
const SaudiGovernmentID = "sa-government"

// SaudiGovernment returns an example calendar of Saudi government offices
// for 2024 to 2026, with the ID "sa-government", in Asia/Riyadh (UTC+3, no
// daylight saving).
//
// Hours. Sunday to Thursday 07:30-14:30, the official working hours of
// government agencies as commonly published; Friday and Saturday are the
// weekend. This is an assumption: agencies with flexible or shift hours,
// and call centres, differ.
//
// Ramadan. On working days of Ramadan the hours are 10:00-15:00, the
// five hours reported for the government sector in recent Ramadans (also
// an assumption). The months follow the Umm al-Qura calendar:
//
//	Ramadan 1445  2024-03-11 to 2024-04-09
//	Ramadan 1446  2025-03-01 to 2025-03-29
//	Ramadan 1447  2026-02-18 to 2026-03-19
//
// Holidays. Founding Day (22 February) and National Day (23 September)
// each year; Eid al-Fitr for four days from the day after 29 Ramadan, and
// Eid al-Adha for four days from the Day of Arafah (9 Dhu al-Hijjah), the
// rule of Article 24 of the Labor Law's executive regulations, applied to
// the Umm al-Qura calendar's expected dates:
//
//	Founding Day      2024-02-22 (Thu), 2025-02-22 (Sat), 2026-02-22 (Sun)
//	Eid al-Fitr 1445  2024-04-09 to 2024-04-12
//	Eid al-Adha 1445  2024-06-15 to 2024-06-18
//	National Day      2024-09-23 (Mon)
//	Eid al-Fitr 1446  2025-03-30 to 2025-04-02
//	Eid al-Adha 1446  2025-06-05 to 2025-06-08
//	National Day      2025-09-23 (Tue)
//	Eid al-Fitr 1447  2026-03-19 to 2026-03-22
//	Eid al-Adha 1447  2026-05-26 to 2026-05-29
//	National Day      2026-09-23 (Wed)
//
// Islamic months begin with the sighting of the moon, so the announced
// dates may differ from Umm al-Qura's by a day or more; the holidays
// announced for the government sector have often been longer than four
// days; and no day is added in lieu of a holiday that falls on a weekend.
// Replace these with the officially announced periods before relying on
// them: this is documented example data, not an authority.
func SaudiGovernment() model.Calendar {
	office := func() []model.Span { return []model.Span{{Start: 7*60 + 30, End: 14*60 + 30}} }
	ramadan := func(name string, from, to model.Date) model.Override {
		return model.Override{Name: name, From: from, To: to, Hours: []model.Span{{Start: 10 * 60, End: 15 * 60}}}
	}
	day := func(y int, m time.Month, d int) model.Date { return model.Date{Year: y, Month: m, Day: d} }
	return model.Calendar{
		ID:       SaudiGovernmentID,
		TimeZone: "Asia/Riyadh",
		Week: model.WorkingWeek{Sunday: office(), Monday: office(), Tuesday: office(), Wednesday: office(),
			Thursday: office()},
		// Umm al-Qura dates; the months begin with the sighting of the moon.
		Overrides: []model.Override{
			ramadan("Ramadan 1445 (Umm al-Qura dates)", day(2024, time.March, 11), day(2024, time.April, 9)),
			ramadan("Ramadan 1446 (Umm al-Qura dates)", day(2025, time.March, 1), day(2025, time.March, 29)),
			ramadan("Ramadan 1447 (Umm al-Qura dates, expected)", day(2026, time.February, 18), day(2026, time.March, 19)),
		},
		// Eid periods: four days by the Labor Law rule on Umm al-Qura
		// dates; the announced government holidays may differ.
		Holidays: []model.Holiday{
			{Name: "Founding Day", From: day(2024, time.February, 22)},
			{Name: "Eid al-Fitr 1445 (Umm al-Qura dates)", From: day(2024, time.April, 9), To: day(2024, time.April, 12)},
			{Name: "Eid al-Adha 1445 (Umm al-Qura dates)", From: day(2024, time.June, 15), To: day(2024, time.June, 18)},
			{Name: "National Day", From: day(2024, time.September, 23)},
			{Name: "Founding Day", From: day(2025, time.February, 22)},
			{Name: "Eid al-Fitr 1446 (Umm al-Qura dates)", From: day(2025, time.March, 30), To: day(2025, time.April, 2)},
			{Name: "Eid al-Adha 1446 (Umm al-Qura dates)", From: day(2025, time.June, 5), To: day(2025, time.June, 8)},
			{Name: "National Day", From: day(2025, time.September, 23)},
			{Name: "Founding Day", From: day(2026, time.February, 22)},
			{Name: "Eid al-Fitr 1447 (Umm al-Qura dates, expected)", From: day(2026, time.March, 19), To: day(2026, time.March, 22)},
			{Name: "Eid al-Adha 1447 (Umm al-Qura dates, expected)", From: day(2026, time.May, 26), To: day(2026, time.May, 29)},
			{Name: "National Day", From: day(2026, time.September, 23)},
		},
	}
}
