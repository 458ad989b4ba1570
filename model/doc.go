// Package model holds what happened: the agencies that answer the public,
// their channels and staffing, and the inquiries they received, with when
// and how well each was answered.
//
// model holds what happened; package rubric holds the standard; package
// score applies one to the other.
//
// # Records
//
// A [Dataset] is plain data: build it in Go, or read it from files with
// [ReadInquiriesCSV], [ReadInquiriesJSONL] and the readers for agencies,
// channels and staffing, and combine what was read with [Merge].
// [Dataset.Validate] reports every problem at once, each naming its record.
//
// # Reading files
//
// Every reader counts what it read: rows read = accepted + rejected, always.
// In strict mode (the default) a reader stops at the first bad row and
// returns a [*ParseError] naming file, line, field and reason; in lenient
// mode it keeps going and returns the rejected rows with their reasons.
// Options are in [ReadOptions]; what happened is in [Accounting].
// The readers here and in the subpackages count with one [Tally], and the
// CSV ones start with [ReadCSVHeader]; a reader of a new format should too.
//
// The formats, each with a writer whose output the reader reads back into
// equal records:
//
//   - inquiries: CSV with [ReadInquiriesCSV] and [WriteInquiriesCSV]; JSON
//     Lines with [ReadInquiriesJSONL] and [WriteInquiriesJSONL]
//   - agencies: CSV with [ReadAgenciesCSV] and [WriteAgenciesCSV]; a JSON
//     array with [ReadAgenciesJSON] and [WriteAgenciesJSON]
//   - channels: [ReadChannelsCSV], [WriteChannelsCSV], [ReadChannelsJSON],
//     [WriteChannelsJSON]
//   - staffing: [ReadStaffingCSV], [WriteStaffingCSV], [ReadStaffingJSON],
//     [WriteStaffingJSON]
//   - business calendars: a JSON array with [ReadCalendarsJSON] and
//     [WriteCalendarsJSON]
//
// CSV columns may come in any order and are named in each reader's
// documentation. Timestamps are RFC 3339 with a UTC offset, for example
// 2025-03-01T09:30:00+03:00; a timestamp without one is an error
// ([ErrNoZone]) unless [ReadOptions.Location] says which zone it is in.
// Text must be valid UTF-8 ([ErrEncoding]); a UTF-8 byte order mark at the
// start of a file is skipped.
//
// An inquiries file may name each inquiry's channel by its kind alone, as
// exports often do. The reader then implies the channel (and, always, the
// agency) and marks it Implied; [Merge] replaces implied records by the
// declared ones read from an agencies or channels file.
//
// # Hostile input
//
// Files are typed, exported and sometimes forged by others, so every
// reader, here and in the subpackages, holds to one principle: a value it
// cannot trust is an error naming file, line, field and reason, never
// changed in silence, and no input makes it panic. Besides the format of
// each field, the readers refuse, each rule written once:
//
//   - a timestamp outside the plausible range, 1970-01-01T00:00:00Z
//     included to 2200-01-01T00:00:00Z excluded ([PlausibleFromUnix],
//     [PlausibleUntilUnix], [CheckTime], [ErrImplausibleTime]): a year 1
//     would read as "no reply", a year 0 as a reply of two thousand years;
//   - an ID of an agency, channel or inquiry, wherever a record names one,
//     or an agency's name, holding a control character (C0, DEL, C1) or a
//     bidirectional formatting character ([CheckText],
//     [ErrControlCharacter]); any other character, in any script, is kept
//     exactly;
//   - an agency time zone that is not an IANA one, or is "Local", which
//     would make a report depend on the machine ([CheckTimeZone]);
//   - a staff beyond [MaxStaff] or weekly hours beyond 168, however many
//     digits they are written with ([ErrOutOfRange]);
//   - in JSON, a key that appears twice in one object, at any depth, or
//     twice but for case ([ErrRepeatedKey]): encoding/json would keep the
//     last value;
//   - input beyond a limit of [ReadOptions] ([ErrTooLarge]).
//
// # Limits
//
// The limits, each raisable for one read through [ReadOptions]:
//
//	limit          default     applies to
//	MaxFieldBytes     64 KiB      a CSV field, after its quotes are undone
//	MaxFields         256         the fields of a CSV row, the header row included
//	MaxAgencies       1,000,000   the agencies one read of agencies accepts
//	MaxCalendars      1,000       the calendars one read of calendars accepts
//	MaxDocumentBytes  1 GiB       an input read whole: a JSON array of records,
//	                              a 311 JSON export, an Open311 response
//
// A row with a longer field or more fields is rejected, naming the limit
// and the column; a header row over a limit is an error for the file. A
// CSV record that takes more bytes of input than MaxFields × (2 ×
// MaxFieldBytes + 3) + 1, 32 MiB by default, cannot be within both, even
// quoted: the read stops at it, in lenient mode too, before it is read
// into memory, and so does a JSON Lines line of inquiries longer than
// that, and a read of agencies at the agency after the MaxAgencies-th.
// Both count the row as read and rejected. The CSV readers of
// model/city311, model/mapping and model/twitter apply MaxFieldBytes and
// MaxFields too ([ReadOptions.CheckRecord]), and stop at a record too long
// for them in the same way, once they have read that much of it beyond
// their buffer's read-ahead ([ReadCSVHeader]).
//
// # Streaming
//
// [ScanInquiriesCSV] and [ScanInquiriesJSONL] read inquiries as the Read
// functions do, row for row and reason for reason, but hand each accepted
// inquiry to an [InquirySink] instead of keeping it, so that a file of any
// size is read in memory that does not grow with its rows. A sink that can
// be forked ([Forker]), such as a score.Accumulator, is fed in parallel:
// the input is cut into chunks of whole records (a quoted field over
// several lines stays in one), each chunk is parsed into its own fork on
// one of [ReadOptions.Workers] goroutines, and the forks are merged in
// input order, so that line numbers, rejections, strict mode and the
// accounting are exactly those of one goroutine. A [RowSink] receives
// each row as a [Row]: an inquiry it need not check again, and a number
// for the row's agency and channel, one per pair in one read (or -1, see
// [Row.Channel]), by which a sink can find what it knows of the pair in a table
// rather than by looking its IDs up. Repeated IDs are found
// across chunks and files by an [IDSet], which holds only the last ID while
// IDs arrive in order. [ReadOptions.Progress] reports how far a long read
// has got.
//
// # Business calendars
//
// A [Calendar] says when an agency is at work: an IANA time zone, a
// [WorkingWeek] of [Span]s such as 07:30-14:30, [Override]s that change the
// hours for a period (shorter hours in Ramadan) and [Holiday]s, all by
// civil [Date]. An agency names its calendar in [Agency.CalendarID];
// business-time criteria count only the working time between two instants.
// Package model/calendars has documented presets.
//
// # Time zones
//
// Agencies and calendars name IANA time zones, which the time package reads
// from the system's zone database, or from the Go installation's. A program
// that must run where neither is present imports time/tzdata, as the
// commands under examples/ do; the library leaves that choice to the
// program.
package model
