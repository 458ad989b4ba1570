package model

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// This file holds the rules by which every reader refuses a value it
// cannot trust, each written once: the plausible range of instants, the
// characters an ID or a name may not hold, the time zones an agency may
// name, and the limits on the size of CSV input. The readers of the
// subpackages (model/twitter, model/city311, model/open311,
// model/mapping) apply the same rules through the exported functions.

// The plausible range of instants in records, in seconds since
// 1970-01-01T00:00:00Z: from PlausibleFromUnix, included, to
// PlausibleUntilUnix, excluded. An instant outside it is a typing or
// export error (a year 1 standing for "no reply", a year 0, a two-digit
// year read in the wrong century), and every reader rejects it with
// [ErrImplausibleTime] rather than score it. See [CheckTime].
const (
	// PlausibleFromUnix is 1970-01-01T00:00:00Z, the earliest plausible
	// instant.
	PlausibleFromUnix int64 = 0
	// PlausibleUntilUnix is 2200-01-01T00:00:00Z, the first instant past
	// the plausible range.
	PlausibleUntilUnix int64 = 7_258_118_400
)

// Errors of values that cannot be trusted, wrapped in a [*ParseError] by
// the readers and, where a record's own checks make them, in a
// [*RecordError] by [Dataset.Validate]. Test for them with errors.Is.
var (
	// ErrImplausibleTime rejects a timestamp outside the plausible range
	// (see [PlausibleFromUnix]). It wraps [ErrOutOfRange].
	ErrImplausibleTime = fmt.Errorf("%w: timestamp not within the plausible range, %s (included) to %s (excluded)",
		ErrOutOfRange, time.Unix(PlausibleFromUnix, 0).UTC().Format(time.RFC3339),
		time.Unix(PlausibleUntilUnix, 0).UTC().Format(time.RFC3339))
	// ErrControlCharacter rejects an ID or a name that holds a control
	// character or a bidirectional formatting character (see
	// [CheckText]): such text is typed by the public, and it can hide
	// what it says or reorder what a report shows around it.
	ErrControlCharacter = errors.New("control or bidirectional formatting character")
	// ErrRepeatedKey rejects a JSON object, at any depth, in which a key
	// appears more than once: encoding/json would keep the last value in
	// silence. Keys equal under Unicode case folding count as one key, as
	// encoding/json matches them to the same field.
	ErrRepeatedKey = errors.New("repeated key")
	// ErrTooLarge rejects input beyond a limit of [ReadOptions]: a CSV
	// field longer than MaxFieldBytes, a row with more fields than
	// MaxFields, a record longer than any within both limits can be, or
	// more agencies than MaxAgencies. The error names the limit.
	ErrTooLarge = errors.New("too large")
)

// CheckTime returns nil when t is a plausible instant for a record, from
// 1970-01-01T00:00:00Z ([PlausibleFromUnix]) up to but not including
// 2200-01-01T00:00:00Z ([PlausibleUntilUnix]), and otherwise an error
// wrapping [ErrImplausibleTime] that quotes t in RFC 3339. The zero
// time.Time, which records use for an absent instant, is not plausible:
// check the instants that are present. Every reader of this package and
// of its subpackages applies it to each timestamp it reads.
func CheckTime(t time.Time) error {
	if u := t.Unix(); u >= PlausibleFromUnix && u < PlausibleUntilUnix {
		return nil
	}
	if _, off := t.Zone(); off%60 != 0 {
		t = t.UTC() // RFC 3339 cannot state the offset; keep the instant
	}
	return fmt.Errorf("%w: %s", ErrImplausibleTime, quoteCell(t.Format(time.RFC3339Nano)))
}

// CheckLocalTime returns nil when t, read from the local time s written
// in layout (one without an offset, such as "2006-01-02 15:04:05", read
// with time.ParseInLocation), shows that wall clock in its location, and
// otherwise an error wrapping [ErrBadTime]: s names a time that the zone
// skips, the hour a change to daylight saving jumps over, which
// time.ParseInLocation moves by the change without a word. A time of the
// hour such a change repeats is read as its first instance. The readers
// of local times apply it to each.
func CheckLocalTime(t time.Time, layout, s string) error {
	w, err := time.Parse(layout, s) // the wall clock as written, in UTC
	if err != nil {
		return nil
	}
	y1, m1, d1 := t.Date()
	y2, m2, d2 := w.Date()
	h1, mi1, s1 := t.Clock()
	h2, mi2, s2 := w.Clock()
	if y1 == y2 && m1 == m2 && d1 == d2 && h1 == h2 && mi1 == mi2 && s1 == s2 && t.Nanosecond() == w.Nanosecond() {
		return nil
	}
	return skippedTime(s, t.Location())
}

// skippedTime is the error of the local time text s that loc skips.
func skippedTime(s string, loc *time.Location) error {
	return fmt.Errorf("%w: %s does not exist in %s: the clocks skip it (a change to daylight saving)", ErrBadTime, quoteCell(s), loc)
}

// implausibleTime is the error of the timestamp text s outside the
// plausible range.
func implausibleTime(s []byte) error {
	return fmt.Errorf("%w: %s", ErrImplausibleTime, quoteCell(string(s)))
}

// CheckText returns nil when s may be an ID or a name, and otherwise an
// error wrapping [ErrControlCharacter] that names the first character at
// fault and its byte offset. s may not hold:
//
//   - a control character: C0 (U+0000 to U+001F, with NUL, TAB, LF and
//     CR), DEL (U+007F) or C1 (U+0080 to U+009F);
//   - a bidirectional formatting character: the Arabic letter mark
//     U+061C, the marks U+200E and U+200F, the embeddings and overrides
//     U+202A to U+202E, and the isolates U+2066 to U+2069.
//
// Every other character is fine and kept exactly: letters of any script,
// digits, punctuation, spaces inside or around. The readers apply it to
// the IDs of agencies, channels and inquiries wherever a record names
// them, and to agencies' names; [Dataset.Validate] applies it to the
// agencies, channels and staffing declarations.
func CheckText(s string) error {
	if i := controlAt(s); i >= 0 {
		return textError(s, i)
	}
	return nil
}

// controlAt returns the byte offset of the first character of s that
// [CheckText] refuses, or -1. It reads s a byte at a time and decodes
// nothing: the characters refused outside ASCII are recognised by their
// UTF-8 bytes.
func controlAt[S ~string | ~[]byte](s S) int {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c-0x20 < 0x5f { // printable ASCII, U+0020 to U+007E: the common case
			continue
		}
		switch c {
		case 0xC2: // U+0080 to U+00BF, of which C1 is U+0080 to U+009F
			if i+1 < len(s) && s[i+1] >= 0x80 && s[i+1] < 0xA0 {
				return i
			}
		case 0xD8: // U+0600 to U+063F: U+061C is D8 9C
			if i+1 < len(s) && s[i+1] == 0x9C {
				return i
			}
		case 0xE2: // U+2000 to U+2FFF: U+200E, U+200F, U+202A to U+202E are E2 80 xx; U+2066 to U+2069 are E2 81 xx
			if i+2 < len(s) {
				b1, b2 := s[i+1], s[i+2]
				if b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || b2 >= 0xAA && b2 <= 0xAE) ||
					b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9 {
					return i
				}
			}
		default:
			if c < 0x80 { // C0 or DEL
				return i
			}
		}
	}
	return -1
}

// textError is the error of the text s whose character at byte i
// [CheckText] refuses.
func textError(s string, i int) error {
	var r rune
	switch c := s[i]; {
	case c < 0x80:
		r = rune(c)
	case c < 0xE0:
		r = rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
	default:
		r = rune(c&0x0F)<<12 | rune(s[i+1]&0x3F)<<6 | rune(s[i+2]&0x3F)
	}
	return fmt.Errorf("%w: U+%04X at byte %d of %s", ErrControlCharacter, r, i, quoteCell(s))
}

// checkText appends the problem of the text s of the field, if it has one.
func checkText(errs []fieldError, field, s string) []fieldError {
	if i := controlAt(s); i >= 0 {
		errs = append(errs, fieldError{field, textError(s, i)})
	}
	return errs
}

// CheckTimeZone returns nil when name may be an agency's time zone, and
// otherwise an error wrapping [ErrUnknownValue]. name may be empty, which
// means UTC, or an IANA name that time.LoadLocation loads, such as
// "Asia/Riyadh" or "UTC", but not "Local": it names whatever zone the
// machine is set to, and would make a report depend on where it runs.
// The rule is the one a [Calendar]'s time zone follows, which this
// function applies.
func CheckTimeZone(name string) error {
	if name == "" {
		return nil
	}
	c := Calendar{TimeZone: name}
	for _, fe := range c.check() {
		if fe.Field == "time_zone" {
			return fe.Err
		}
	}
	return nil
}

// Default limits of [ReadOptions]. Raise them for a read through
// ReadOptions.MaxFieldBytes, MaxFields, MaxAgencies, MaxCalendars and
// MaxDocumentBytes.
const (
	// DefaultMaxFieldBytes is the most bytes a CSV field may hold, after
	// its quotes are undone: 64 KiB.
	DefaultMaxFieldBytes = 64 << 10
	// DefaultMaxFields is the most fields a CSV row, the header row
	// included, may have: 256.
	DefaultMaxFields = 256
	// DefaultMaxAgencies is the most agencies one read of agencies may
	// accept: 1,000,000.
	DefaultMaxAgencies = 1_000_000
	// DefaultMaxCalendars is the most calendars one read of calendars may
	// accept: 1,000.
	DefaultMaxCalendars = 1_000
	// DefaultMaxDocumentBytes is the most bytes of an input that is read
	// whole, a JSON document: 1 GiB.
	DefaultMaxDocumentBytes = 1 << 30
)

// limits are the limits of a read, with the defaults filled in.
type limits struct {
	fieldBytes int // the most bytes of a field
	fields     int // the most fields of a row
	// record is the most bytes a CSV record may take in the input,
	// quotes, separators and line endings included: more than any record
	// within fields and fieldBytes can take, so that a longer one is
	// refused before it is read into memory. 0 means no limit.
	record    int
	agencies  int // the most agencies of a read
	calendars int // the most calendars of a read
	document  int // the most bytes of an input read whole
}

// limits returns the limits of o.
func (o ReadOptions) limits() limits {
	l := limits{fieldBytes: o.MaxFieldBytes, fields: o.MaxFields, agencies: o.MaxAgencies, calendars: o.MaxCalendars,
		document: o.MaxDocumentBytes}
	if l.fieldBytes <= 0 {
		l.fieldBytes = DefaultMaxFieldBytes
	}
	if l.fields <= 0 {
		l.fields = DefaultMaxFields
	}
	if l.agencies <= 0 {
		l.agencies = DefaultMaxAgencies
	}
	if l.calendars <= 0 {
		l.calendars = DefaultMaxCalendars
	}
	if l.document <= 0 {
		l.document = DefaultMaxDocumentBytes
	}
	// Each field quoted, each byte of it a doubled quote or a \r\n, with
	// a separator and the record's \r\n: fields × (2 × fieldBytes + 3) + 1
	// at most. Beyond what an int holds, no limit.
	if l.fieldBytes <= (math.MaxInt/l.fields-4)/2 {
		l.record = l.fields*(2*l.fieldBytes+3) + 1
	}
	return l
}

// fieldTooLarge is the error of a field of n bytes, over l.fieldBytes.
func (l limits) fieldTooLarge(n int) error {
	return fmt.Errorf("%w: %d bytes, more than MaxFieldBytes (%d)", ErrTooLarge, n, l.fieldBytes)
}

// tooManyFields is the error of a row of n fields, over l.fields.
func (l limits) tooManyFields(n int) error {
	return fmt.Errorf("%w: %d fields, more than MaxFields (%d)", ErrTooLarge, n, l.fields)
}

// CheckRecord returns -1 and nil when the fields of one CSV record are
// within the limits of o: at most MaxFields fields, each of at most
// MaxFieldBytes bytes ([DefaultMaxFields] and [DefaultMaxFieldBytes]
// when they are 0). Otherwise it returns an error wrapping [ErrTooLarge]
// that names the limit, with the index of the first field over
// MaxFieldBytes, or -1 when the record has too many fields. The CSV
// readers of this package and of its subpackages check every record so,
// the header row included.
func (o ReadOptions) CheckRecord(fields []string) (int, error) {
	l := o.limits()
	if len(fields) > l.fields {
		return -1, l.tooManyFields(len(fields))
	}
	for i, f := range fields {
		if len(f) > l.fieldBytes {
			return i, l.fieldTooLarge(len(f))
		}
	}
	return -1, nil
}

// recordTooLarge ends a read at a CSV record longer than any record within
// the limits can be: it is not read into memory, and what follows it
// cannot be trusted to line up.
type recordTooLarge struct {
	line int // where the record starts
	lim  limits
}

func (e *recordTooLarge) Error() string {
	return fmt.Sprintf("%v: a record of more than %d bytes cannot be within MaxFields (%d) and MaxFieldBytes (%d); reading stops",
		ErrTooLarge, e.lim.record, e.lim.fields, e.lim.fieldBytes)
}

func (e *recordTooLarge) Unwrap() error { return ErrTooLarge }

// endRead marks the problem of a row that ends the read in lenient mode
// too: the row is counted as read and rejected, and the read returns its
// error.
type endRead struct{ err error }

func (e *endRead) Error() string { return e.err.Error() }
func (e *endRead) Unwrap() error { return e.err }
