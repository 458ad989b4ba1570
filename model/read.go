package model

import (
	"errors"
	"fmt"
	"time"
)

// Reading errors, wrapped in a [*ParseError] by the readers. Test for them
// with errors.Is.
var (
	// ErrTooManyRejects is returned in lenient mode when more rows were
	// rejected than [ReadOptions.MaxRejects] allows.
	ErrTooManyRejects = errors.New("too many rejected rows")
	// ErrEncoding reports text that is not valid UTF-8. Readers reject such
	// rows rather than pass the bytes on or replace them.
	ErrEncoding = errors.New("invalid UTF-8")
)

// Warnings that more than one reader gives, wrapped in a [*ParseError] in
// [Accounting.Warnings]. A reader may say more, in its own words, around
// them; test for them with errors.Is.
var (
	// ErrClosedBeforeOpened warns that a record's close (resolution) time
	// is before its opening (receipt); the reader drops the time and keeps
	// the record, unresolved.
	ErrClosedBeforeOpened = errors.New("closed before opened")
	// ErrNoTarget warns that a record has no target (due) time where its
	// layout or mapping has a column for one.
	ErrNoTarget = errors.New("no target time")
)

// ParseError is a problem with one row of a file: which file, which line,
// which field, and why. Err is one of this package's Err values where one
// fits, so errors.Is works through a ParseError.
type ParseError struct {
	File  string // the name given in ReadOptions.File; may be empty
	Line  int    // 1-based line of the row (its first line, for a quoted multi-line row); 0 when not known, and left out of the message
	Field string // the column or JSON field at fault; empty when the whole row is
	Err   error  // the reason
}

// Error returns "file:line: field "name": reason", the form compilers and
// editors understand.
func (e *ParseError) Error() string {
	file := e.File
	if file == "" {
		file = "<input>"
	}
	if e.Line > 0 {
		file = fmt.Sprintf("%s:%d", file, e.Line)
	}
	if e.Field == "" {
		return fmt.Sprintf("%s: %v", file, e.Err)
	}
	return fmt.Sprintf("%s: field %q: %v", file, e.Field, e.Err)
}

// Unwrap returns the reason, so that errors.Is sees this package's Err
// values through a ParseError.
func (e *ParseError) Unwrap() error { return e.Err }

// ReadOptions control the readers of this package. The zero value reads
// strictly, names the input "<input>", rejects timestamps that carry no
// UTC offset, and applies the default limits ([DefaultMaxFieldBytes],
// [DefaultMaxFields], [DefaultMaxAgencies]).
type ReadOptions struct {
	// File names the input in errors, e.g. the path it was opened from.
	File string
	// Lenient keeps reading past bad rows and returns them in
	// [Accounting.Rejected]; the default, strict, stops at the first.
	Lenient bool
	// Location is the time zone of timestamps written without an offset.
	// When nil, such timestamps are errors ([ErrNoZone]): guessing a zone
	// shifts every duration that crosses it.
	Location *time.Location
	// MaxRejects stops a lenient read with [ErrTooManyRejects] once more rows
	// than this were rejected; 0 means no limit.
	MaxRejects int

	// The limits below bound what one read takes in, so that a hostile
	// or broken file costs an error, not the memory of the machine.
	// Going over one is an error wrapping [ErrTooLarge] that names the
	// limit, with the line. 0, or less, means the default.

	// MaxFieldBytes is the most bytes a CSV field may hold, after its
	// quotes are undone; [DefaultMaxFieldBytes] (64 KiB) by default. A
	// longer field rejects its row, naming the column.
	MaxFieldBytes int
	// MaxFields is the most fields a CSV row may have, the header row
	// included; [DefaultMaxFields] (256) by default. A longer row is
	// rejected; a longer header row is an error, and no row is read.
	//
	// A CSV record that takes more bytes of input, quotes and line breaks
	// included, than MaxFields × (2 × MaxFieldBytes + 3) + 1, 32 MiB by
	// default, cannot be within both limits, even quoted: it is not read
	// into memory, and the read stops there with its line, in lenient
	// mode too, counting the record as read and rejected. A JSON Lines
	// line longer than that bound ends the read the same way.
	MaxFields int
	// MaxAgencies is the most agencies [ReadAgenciesCSV] and
	// [ReadAgenciesJSON] accept from one input; [DefaultMaxAgencies]
	// (1,000,000) by default. The read stops at the agency after the
	// last one allowed, in lenient mode too, counting its row as read and
	// rejected.
	MaxAgencies int
	// MaxCalendars is the most calendars [ReadCalendarsJSON] accepts from
	// one input; [DefaultMaxCalendars] (1,000) by default, as MaxAgencies
	// is for agencies. Each calendar holds at most [MaxHolidays] holidays
	// and [MaxOverrides] overrides.
	MaxCalendars int
	// MaxDocumentBytes is the most bytes of an input that a reader reads
	// whole, a JSON document: the JSON arrays of agencies, channels,
	// staffing and calendars, a 311 JSON export, an Open311 response;
	// [DefaultMaxDocumentBytes] (1 GiB) by default. A larger input is an
	// error, and no row of it is read.
	MaxDocumentBytes int

	// The options below apply to the streaming readers
	// ([ScanInquiriesCSV], [ScanInquiriesJSONL]); the others ignore them.

	// Workers is the number of goroutines that parse the input when the
	// sink can be forked (see [Forker]); 0 means runtime.GOMAXPROCS(0) and
	// 1 reads on the calling goroutine. Results do not depend on it.
	Workers int
	// IDs remembers the IDs accepted so far, to reject repeats; give the
	// same IDSet to the reads of every file of one dataset. Nil means a new
	// set for this read alone.
	IDs *IDSet
	// Progress, when set, is called with how far the read has got, from the
	// goroutine that called the reader, at most four times a second and
	// once at the end.
	Progress func(Progress)
}

// Accounting says what happened to every row a reader saw:
// Read == Accepted + len(Rejected), always, in strict and lenient mode.
type Accounting struct {
	// Read is the number of data rows read (header lines excluded).
	Read int
	// Accepted is the number of rows that became records.
	Accepted int
	// Rejected lists each rejected row with its line and reason.
	Rejected []*ParseError
	// Warnings lists rows that were accepted with a caveat the reader of a
	// ranking should know (a closure before the opening, a date without a
	// time, a missing target), each with its line. They are counted in
	// Accepted.
	Warnings []*ParseError
}
