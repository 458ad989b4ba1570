// Package bizclock is the maths of business time: how many working seconds
// a [model.Calendar] counts between two instants. It is internal to
// govscore and not part of its promise: its API may change in any release.
//
// [New] walks the calendar once over a range of days and keeps its working
// intervals as Unix seconds with running totals, so that [Clock.Between]
// costs the same for a gap of an hour as for six months of silence: two
// look-ups by arithmetic, no loop over the days in between.
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
package bizclock
