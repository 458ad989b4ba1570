// Package calendars has business-calendar presets: documented example
// [model.Calendar] values to start from, each returned fresh by a function,
// so that changing one changes no other.
//
// They are example data, not an authority. Working hours differ between
// agencies, and holidays, Islamic ones above all, are announced year by
// year; a regulator should check each preset against the official
// announcements and replace what differs before scoring with it.
//
//   - [SaudiGovernment]: Saudi government offices, 2024-2026, with Ramadan
//     hours and the Eid, Founding Day and National Day holidays.
//   - [USFederal]: US federal offices, Monday to Friday 09:00-17:00 in a
//     time zone of your choice, with the federal holidays of the years you
//     name, computed by github.com/rickar/cal/v2.
//
// An agency uses a calendar by naming its ID in [model.Agency.CalendarID]
// and listing the calendar in [model.Dataset.Calendars].
package calendars
