// Package bizclock is the maths of business time: how many working seconds
// a [model.Calendar] counts between two instants. It is internal to
// govscore and not part of its promise: its API may change in any release.
//
// [New] walks the calendar once over a range of days and keeps, for each
// local day, where it starts, the working seconds before it and which of
// the calendar's lists of working hours it has, so that [Clock.Between]
// costs the same for a gap of an hour as for six months of silence: a
// division and a short search within one day's spans, no loop over the
// days in between. [Years] builds such a clock for each local year an
// instant falls in, and only totals the years a span crosses.
//
// # Wall-clock semantics
//
// A working span such as 08:00-15:00 covers the instants whose local wall
// clock, on that date, reads from 08:00 up to 15:00. On a day when the
// clocks change, a span that contains the change is an hour shorter or
// longer in real time (00:00-24:00 lasts 23 or 25 hours), a span that
// starts or ends in the skipped hour starts or ends when the clocks jump,
// and a span that contains part of a repeated hour counts both passes of
// that part.
//
// # Limits
//
// Memory grows with the calendar and with the years actually asked
// about, never with the span between two instants, and not with the number
// of spans in a day:
//
//   - the calendar, laid out for lookups: 12 bytes per span of its week
//     and of its overrides, and 24 per holiday and override, which the
//     model package limits to [model.MaxHolidays] and [model.MaxOverrides]
//     (10,000 each);
//   - a [Clock]: 16 bytes per local day and per change of the clocks, and
//     4 per day of real time, under 8 KB for a year; [New] refuses a range
//     of more than [MaxDays] (40,000) days with [ErrRange];
//   - a [Years]: nothing more until first asked; then a table of 24 bytes
//     for each local year from 1900 to 2400 (12 KB), a clock for each year
//     an instant falls in, and for a year a span crosses only its total.
//     An instant before 1900 or after 2400 counts as that end of the
//     table: no business time passes outside it. So an inquiry of 1915
//     answered in 2025 builds two clocks, and no instants can make a Years
//     hold more than 501 clocks, 4 MB.
//
// The model package keeps the dates of holidays and overrides within
// [model.MinCalendarYear] to [model.MaxCalendarYear], and the readers
// keep instants from 1970 up to 2200, inside the table of Years. These
// limits are internal: a caller of govscore meets the model package's.
package bizclock
