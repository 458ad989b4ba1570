package model

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"
)

// This file reads and writes the declared records: agencies, channels and
// staffing, as CSV with a header row and as a JSON array of objects; and
// business calendars, as a JSON array of objects.
//
// The CSV readers share the header rules of [ReadInquiriesCSV] (columns in
// any order; an unknown, repeated or missing required column is an error
// naming it) and its row rules (strict and lenient mode, MaxRejects, the
// accounting, [ErrEncoding], [csv.ErrFieldCount]). The JSON readers take
// an array of objects with the keys of the type's JSON encoding; a key
// that is not one of them is an error naming the key, and every error
// names the line where the offending element starts. A JSON syntax error
// ends the read, since nothing after it can be trusted to line up.
//
// A key that appears twice in one object, at any depth, is an error naming
// its path ([ErrRepeatedKey]).
//
// Within one file, a record whose ID repeats that of an earlier accepted
// record is rejected with [ErrDuplicateID]. Every record must pass the
// checks [Dataset.Validate] makes of it on its own; references between
// records are left to Validate.

// records gathers the accepted records of one read.
type records[T any] struct {
	list []T
	ids  map[string]struct{}
	// max is the most records the read accepts; 0 means no limit. The
	// record after the last ends the read.
	max int
	// limit names max's option and the records, for its error:
	// "MaxAgencies", "agencies".
	limit [2]string
}

// agencyLimit and calendarLimit name the limits of reads of agencies and
// calendars.
var (
	agencyLimit   = [2]string{"MaxAgencies", "agencies"}
	calendarLimit = [2]string{"MaxCalendars", "calendars"}
)

// add keeps v unless it has problems: a missing or repeated id (when
// hasID), or one of problems, the record's own checks; or unless it is
// one more than rs.max.
func (rs *records[T]) add(v T, hasID bool, id string, problems []fieldError) *fieldError {
	if hasID && id == "" {
		return &fieldError{"id", ErrMissing}
	}
	if fe := firstProblem(problems); fe != nil {
		return fe
	}
	if hasID {
		if _, dup := rs.ids[id]; dup {
			return &fieldError{"id", fmt.Errorf("%w: %s", ErrDuplicateID, quoteCell(id))}
		}
	}
	if rs.max > 0 && len(rs.list) >= rs.max {
		return &fieldError{"id", &endRead{fmt.Errorf("%w: more than %s (%d) %s; reading stops", ErrTooLarge, rs.limit[0], rs.max, rs.limit[1])}}
	}
	if hasID {
		if rs.ids == nil {
			rs.ids = make(map[string]struct{})
		}
		rs.ids[id] = struct{}{}
	}
	rs.list = append(rs.list, v)
	return nil
}

// readJSONRecords reads a JSON array whose elements are objects with keys
// from known, all of required, and no key twice, and decode to a T with
// conv. It accepts at most max records; 0 means no limit.
func readJSONRecords[T any](r io.Reader, opts ReadOptions, known, required []string, max int, limit [2]string,
	conv func(raw []byte, rs *records[T]) *fieldError) ([]T, Accounting, error) {
	rs := records[T]{max: max, limit: limit}
	acct, err := readArray(r, opts, func(raw []byte) *fieldError {
		ms, err := members(raw)
		if err != nil {
			return membersError(err)
		}
		if fe := checkKeys(ms, known, required); fe != nil {
			return fe
		}
		return conv(raw, &rs)
	})
	return rs.list, acct, err
}

// writeJSON writes v as indented JSON followed by a newline, without
// escaping <, > and &.
func writeJSON(w io.Writer, v any) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	return bw.Flush()
}

// writeCSV writes a header and rows to w; row fills rec for record i.
func writeCSV(w io.Writer, header []string, n int, row func(i int, rec []string) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(header))
	for i := range n {
		clear(rec)
		if err := row(i, rec); err != nil {
			return err
		}
		for j, s := range rec {
			if !utf8.ValidString(s) {
				return fmt.Errorf("record %d: %s: %w", i, header[j], ErrEncoding)
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// validText returns an error naming the first of ss that is not valid
// UTF-8: encoding/json would silently replace its bad bytes.
func validText(kind string, i int, ss ...string) error {
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return fmt.Errorf("%s %d: %s: %w", kind, i, quoteCell(s), ErrEncoding)
		}
	}
	return nil
}

// # Agencies

var agencyLayout = csvLayout{
	columns:  []string{"id", "name", "sector", "time_zone", "calendar_id"},
	required: []string{"id"},
	extra:    isNameColumn,
}

// isNameColumn reports whether col is a name_<lang> column, with a
// language tag that [CheckText] accepts.
func isNameColumn(col string) bool {
	return len(col) > len("name_") && strings.HasPrefix(col, "name_") && controlAt(col) < 0
}

// ReadAgenciesCSV reads agencies from a CSV file with a header row. The
// columns may come in any order:
//
//	column       required  content
//	id           yes       the agency's ID, unique within the file
//	name                   the display name
//	sector                 a free-text grouping, e.g. finance
//	time_zone              an IANA time zone name, e.g. Asia/Riyadh
//	calendar_id            the ID of the agency's business calendar (see [Calendar])
//	name_<lang>            the display name in the language lang, e.g. name_ar, name_en
//
// A non-empty name_<lang> cell sets Names[lang]. A row is rejected when
// its id is empty ([ErrMissing]) or repeats an earlier row's
// ([ErrDuplicateID]), its id or a name holds a control or bidirectional
// formatting character ([ErrControlCharacter]; see [CheckText]), or its
// time zone does not load with time.LoadLocation or is "Local"
// ([ErrUnknownValue]; see [CheckTimeZone]). Whether the calendar_id names
// a calendar is left to [Dataset.Validate]. The read stops at the agency
// after the opts.MaxAgencies-th ([ErrTooLarge]; see [ReadOptions]). Header
// checks, limits, strict and lenient mode and the accounting are those of
// [ReadInquiriesCSV].
func ReadAgenciesCSV(r io.Reader, opts ReadOptions) ([]Agency, Accounting, error) {
	rs := records[Agency]{max: opts.limits().agencies, limit: agencyLimit}
	acct, err := readCSV(r, opts, agencyLayout, nil, func(h csvHeader) (rowFunc, *fieldError) {
		id, name, sector, tz, cal := h.index("id"), h.index("name"), h.index("sector"), h.index("time_zone"), h.index("calendar_id")
		return func(rec [][]byte) *fieldError {
			a := Agency{ID: string(rec[id]), Name: string(cell(rec, name)), Sector: string(cell(rec, sector)),
				TimeZone: string(cell(rec, tz)), CalendarID: string(cell(rec, cal))}
			for i, col := range h {
				if isNameColumn(col) && len(rec[i]) > 0 {
					if a.Names == nil {
						a.Names = make(map[string]string)
					}
					a.Names[col[len("name_"):]] = string(rec[i])
				}
			}
			problems := a.check()
			for i, p := range problems {
				if lang, ok := strings.CutPrefix(p.Field, "names."); ok {
					problems[i].Field = "name_" + lang // the column, not the JSON path
				}
			}
			return rs.add(a, true, a.ID, problems)
		}, nil
	})
	return rs.list, acct, err
}

// ReadAgenciesJSON reads agencies from a JSON array of objects with the
// keys of [Agency]'s JSON encoding: id, name, names (an object from
// language tag to name), sector, time_zone, calendar_id and implied. Rows
// are checked as by [ReadAgenciesCSV], MaxAgencies included; a problem
// with a name in names names its path, such as "names.ar". A key that
// appears twice in one object, at any depth, or twice but for case, is an
// error naming its path ([ErrRepeatedKey]), in every JSON reader of this
// package.
func ReadAgenciesJSON(r io.Reader, opts ReadOptions) ([]Agency, Accounting, error) {
	return readJSONRecords(r, opts, []string{"id", "name", "names", "sector", "time_zone", "calendar_id", "implied"}, nil,
		opts.limits().agencies, agencyLimit, func(raw []byte, rs *records[Agency]) *fieldError {
			var a Agency
			if err := json.Unmarshal(raw, &a); err != nil {
				return jsonFieldError(err)
			}
			return rs.add(a, true, a.ID, a.check())
		})
}

// WriteAgenciesCSV writes agencies as CSV with a header row: id, name,
// sector, time_zone, calendar_id, then a name_<lang> column for every language any
// agency has a name in, sorted by language tag. Reading the output with
// [ReadAgenciesCSV] gives back equal agencies, except that the Implied flag
// is not written and empty names are left out. A name in the empty
// language or a string that is not valid UTF-8 is an error.
func WriteAgenciesCSV(w io.Writer, agencies []Agency) error {
	langs := map[string]bool{}
	for i, a := range agencies {
		for lang, name := range a.Names {
			if lang == "" {
				return fmt.Errorf("agency %d: a name in the empty language", i)
			}
			if name != "" {
				langs[lang] = true
			}
		}
	}
	header := slices.Clone(agencyLayout.columns)
	sorted := slices.Sorted(maps.Keys(langs))
	for _, lang := range sorted {
		header = append(header, "name_"+lang)
	}
	return writeCSV(w, header, len(agencies), func(i int, rec []string) error {
		a := &agencies[i]
		rec[0], rec[1], rec[2], rec[3], rec[4] = a.ID, a.Name, a.Sector, a.TimeZone, a.CalendarID
		for j, lang := range sorted {
			rec[5+j] = a.Names[lang]
		}
		return nil
	})
}

// WriteAgenciesJSON writes agencies as an indented JSON array, in the form
// [ReadAgenciesJSON] reads back into equal agencies. Names are written
// sorted by language tag. A string that is not valid UTF-8 is an error.
func WriteAgenciesJSON(w io.Writer, agencies []Agency) error {
	for i, a := range agencies {
		if err := validText("agency", i, a.ID, a.Name, a.Sector, a.TimeZone, a.CalendarID); err != nil {
			return err
		}
		for lang, name := range a.Names {
			if err := validText("agency", i, lang, name); err != nil {
				return err
			}
		}
	}
	return writeJSON(w, nonNil(agencies))
}

// nonNil returns s, or an empty slice for nil so that it is written as [].
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// # Channels

var channelLayout = csvLayout{
	columns:  []string{"id", "agency_id", "kind", "handle", "official", "accepts_inquiries", "broadcast_only"},
	required: []string{"id", "agency_id", "kind"},
}

// ReadChannelsCSV reads channels from a CSV file with a header row. The
// columns may come in any order:
//
//	column             required  content
//	id                 yes       the channel's ID, unique within the file
//	agency_id          yes       the agency that runs it
//	kind               yes       x, facebook, ... (see [ChannelKind])
//	handle                       the public address: @handle, e-mail address, URL
//	official                     boolean (see below)
//	accepts_inquiries            boolean
//	broadcast_only               boolean
//
// Booleans are true, false, 1, 0, yes or no, in any case; an empty cell
// is false. A row is rejected when its id, agency_id or kind is empty
// ([ErrMissing]), its id repeats an earlier row's ([ErrDuplicateID]), its
// id or agency_id holds a control or bidirectional formatting character
// ([ErrControlCharacter]), or its kind or a boolean is not a known word
// ([ErrUnknownValue]). Header checks, limits, strict and lenient mode and
// the accounting are those of [ReadInquiriesCSV].
func ReadChannelsCSV(r io.Reader, opts ReadOptions) ([]Channel, Accounting, error) {
	var rs records[Channel]
	acct, err := readCSV(r, opts, channelLayout, nil, func(h csvHeader) (rowFunc, *fieldError) {
		var col [7]int
		for i, name := range channelLayout.columns {
			col[i] = h.index(name)
		}
		return func(rec [][]byte) *fieldError {
			c := Channel{ID: string(rec[col[0]]), AgencyID: string(rec[col[1]]), Kind: canonical(channelKinds, rec[col[2]]),
				Handle: string(cell(rec, col[3]))}
			if c.ID == "" {
				return &fieldError{"id", ErrMissing}
			}
			if c.AgencyID == "" {
				return &fieldError{"agency_id", ErrMissing}
			}
			if c.Kind == "" {
				return &fieldError{"kind", ErrMissing}
			}
			for i, b := range []*bool{&c.Official, &c.AcceptsInquiries, &c.BroadcastOnly} {
				var fe *fieldError
				if *b, fe = parseBool(channelLayout.columns[4+i], cell(rec, col[4+i])); fe != nil {
					return fe
				}
			}
			return rs.add(c, true, c.ID, c.check())
		}, nil
	})
	return rs.list, acct, err
}

// ReadChannelsJSON reads channels from a JSON array of objects with the
// keys of [Channel]'s JSON encoding: id, agency_id, kind, handle,
// official, accepts_inquiries, broadcast_only (JSON booleans) and implied.
// Rows are checked as by [ReadChannelsCSV]; a repeated key is an error, as
// for [ReadAgenciesJSON].
func ReadChannelsJSON(r io.Reader, opts ReadOptions) ([]Channel, Accounting, error) {
	known := []string{"id", "agency_id", "kind", "handle", "official", "accepts_inquiries", "broadcast_only", "implied"}
	return readJSONRecords(r, opts, known, nil, 0, [2]string{}, func(raw []byte, rs *records[Channel]) *fieldError {
		var c Channel
		if err := json.Unmarshal(raw, &c); err != nil {
			return jsonFieldError(err)
		}
		switch {
		case c.ID == "":
			return &fieldError{"id", ErrMissing}
		case c.AgencyID == "":
			return &fieldError{"agency_id", ErrMissing}
		case c.Kind == "":
			return &fieldError{"kind", ErrMissing}
		}
		return rs.add(c, true, c.ID, c.check())
	})
}

// WriteChannelsCSV writes channels as CSV with a header row and the
// columns of [ReadChannelsCSV], booleans as true or false. Reading the
// output gives back equal channels, except that the Implied flag is not
// written. A string that is not valid UTF-8 is an error.
func WriteChannelsCSV(w io.Writer, channels []Channel) error {
	return writeCSV(w, channelLayout.columns, len(channels), func(i int, rec []string) error {
		c := &channels[i]
		rec[0], rec[1], rec[2], rec[3] = c.ID, c.AgencyID, string(c.Kind), c.Handle
		rec[4], rec[5], rec[6] = strconv.FormatBool(c.Official), strconv.FormatBool(c.AcceptsInquiries), strconv.FormatBool(c.BroadcastOnly)
		return nil
	})
}

// WriteChannelsJSON writes channels as an indented JSON array, in the form
// [ReadChannelsJSON] reads back into equal channels. A string that is not
// valid UTF-8 is an error.
func WriteChannelsJSON(w io.Writer, channels []Channel) error {
	for i, c := range channels {
		if err := validText("channel", i, c.ID, c.AgencyID, string(c.Kind), c.Handle); err != nil {
			return err
		}
	}
	return writeJSON(w, nonNil(channels))
}

// # Staffing

var staffingLayout = csvLayout{
	columns:  []string{"agency_id", "channel_id", "from", "to", "staff", "weekly_hours"},
	required: []string{"agency_id", "staff", "weekly_hours"},
}

// ReadStaffingCSV reads staffing declarations from a CSV file with a
// header row. The columns may come in any order:
//
//	column        required  content
//	agency_id     yes       the agency that made the declaration
//	channel_id              the channel staffed; empty for all the agency's channels
//	from                    start of the period (a timestamp); empty for "since always"
//	to                      end of the period (exclusive); empty for "until further notice"
//	staff         yes       people assigned: a whole number, 0 to MaxStaff (1,000,000)
//	weekly_hours  yes       hours a week the channel is monitored: 0 to 168, a plain
//	                        decimal (37.5) of at most 24 characters with at most
//	                        MaxHoursPlaces places
//
// Timestamps follow the rules of [ReadInquiriesCSV], opts.Location and the
// plausible range included. A row is rejected when agency_id, staff or
// weekly_hours is empty ([ErrMissing]), staff or weekly_hours is not a
// number ([ErrUnknownValue]), a number is out of range (however many
// digits it has) or the period ends at or before it starts
// ([ErrOutOfRange]), agency_id or channel_id holds a control or
// bidirectional formatting character ([ErrControlCharacter]), or a
// timestamp is bad. Header checks, limits, strict and lenient mode and the
// accounting are those of [ReadInquiriesCSV].
func ReadStaffingCSV(r io.Reader, opts ReadOptions) ([]Staffing, Accounting, error) {
	var rs records[Staffing]
	tp := timeParser{loc: opts.Location}
	acct, err := readCSV(r, opts, staffingLayout, nil, func(h csvHeader) (rowFunc, *fieldError) {
		var col [6]int
		for i, name := range staffingLayout.columns {
			col[i] = h.index(name)
		}
		return func(rec [][]byte) *fieldError {
			s := Staffing{AgencyID: string(rec[col[0]]), ChannelID: string(cell(rec, col[1]))}
			if s.AgencyID == "" {
				return &fieldError{"agency_id", ErrMissing}
			}
			if fe := parseTimes(&tp, &s, cell(rec, col[2]), cell(rec, col[3])); fe != nil {
				return fe
			}
			staff, hours := string(rec[col[4]]), string(rec[col[5]])
			switch {
			case staff == "":
				return &fieldError{"staff", ErrMissing}
			case hours == "":
				return &fieldError{"weekly_hours", ErrMissing}
			}
			var err error
			if s.Staff, err = parseStaff(staff); err != nil {
				return &fieldError{"staff", err}
			}
			if s.WeeklyHours, err = parseHours(hours); err != nil {
				return &fieldError{"weekly_hours", err}
			}
			return rs.add(s, false, "", s.check())
		}, nil
	})
	return rs.list, acct, err
}

// parseTimes sets the period of s from its from and to cells.
func parseTimes(tp *timeParser, s *Staffing, from, to []byte) *fieldError {
	var err error
	if len(from) > 0 {
		if s.From, err = tp.parse(from); err != nil {
			return &fieldError{"from", err}
		}
	}
	if len(to) > 0 {
		if s.To, err = tp.parse(to); err != nil {
			return &fieldError{"to", err}
		}
	}
	return nil
}

// staffingJSON is the JSON form of a staffing declaration, with instants
// as strings so that the readers parse them by this package's rules, and
// numbers as written so that a number out of range is reported as such.
type staffingJSON struct {
	AgencyID    string          `json:"agency_id"`
	ChannelID   string          `json:"channel_id,omitempty"`
	From        string          `json:"from,omitempty"`
	To          string          `json:"to,omitempty"`
	Staff       json.RawMessage `json:"staff"`
	WeeklyHours json.RawMessage `json:"weekly_hours"`
}

// parseStaff reads a number of staff written as a whole number, such as
// 3. A number of any size is read: one beyond what an int holds is out of
// range, as is one beyond MaxStaff (which Staffing.check finds).
func parseStaff(s string) (int, error) {
	n, err := strconv.Atoi(s)
	switch {
	case errors.Is(err, strconv.ErrRange): // digits, and a sign: safe to show
		if len(s) > 64 {
			s = s[:64] + "..."
		}
		return 0, fmt.Errorf("%w: %s is not within 0..%d", ErrOutOfRange, s, MaxStaff)
	case err != nil:
		return 0, fmt.Errorf("%w: %s is not a whole number", ErrUnknownValue, quoteCell(s))
	}
	return n, nil
}

// parseStaffJSON reads a number of staff written as a JSON number, as
// parseStaff does; null is missing, a string is not a number.
func parseStaffJSON(raw json.RawMessage) (int, error) {
	switch s := string(raw); {
	case s == "null" || s == "":
		return 0, ErrMissing
	case s[0] == '"':
		return 0, fmt.Errorf("%w: %s is a string, not a whole number", ErrUnknownValue, quoteCell(s))
	default:
		return parseStaff(s)
	}
}

// maxHoursText is the longest weekly-hours value read: 168 with
// MaxHoursPlaces decimal places and a sign, and some room.
const maxHoursText = 24

// parseHours reads weekly hours written as a plain decimal number, such as
// 40 or 37.5: digits with at most one point, and an optional sign; no
// exponent, and at most maxHoursText characters, so that no text costs
// more than its length to read.
func parseHours(s string) (decimal.Decimal, error) {
	body := strings.TrimPrefix(strings.TrimPrefix(s, "-"), "+")
	if body != "" && body != "." && strings.Count(body, ".") <= 1 && strings.TrimLeft(body, "0123456789.") == "" {
		if len(s) > maxHoursText {
			return decimal.Decimal{}, fmt.Errorf("%w: %s is longer than %d characters", ErrOutOfRange, quoteCell(s), maxHoursText)
		}
		if d, err := decimal.NewFromString(s); err == nil {
			return d, nil
		}
	}
	return decimal.Decimal{}, fmt.Errorf("%w: %s is not a decimal number of hours", ErrUnknownValue, quoteCell(s))
}

// parseHoursJSON reads weekly hours written as a JSON number, as
// parseHours does; null is missing, a string is not a number.
func parseHoursJSON(raw json.RawMessage) (decimal.Decimal, error) {
	switch s := string(raw); {
	case s == "null" || s == "":
		return decimal.Decimal{}, ErrMissing
	case s[0] == '"':
		return decimal.Decimal{}, fmt.Errorf("%w: %s is a string, not a number of hours", ErrUnknownValue, quoteCell(s))
	default:
		return parseHours(s)
	}
}

// ReadStaffingJSON reads staffing declarations from a JSON array of
// objects with the keys of [Staffing]'s JSON encoding: agency_id,
// channel_id, from, to, staff and weekly_hours; staff and weekly_hours
// are required JSON numbers, not null. From and to are RFC 3339
// timestamps with an offset, as written by [WriteStaffingJSON];
// opts.Location does not apply. Rows are otherwise checked as by
// [ReadStaffingCSV]; a repeated key is an error, as for
// [ReadAgenciesJSON].
func ReadStaffingJSON(r io.Reader, opts ReadOptions) ([]Staffing, Accounting, error) {
	var tp timeParser // no Location: JSON instants carry their offset
	return readJSONRecords(r, opts, staffingLayout.columns, []string{"staff", "weekly_hours"}, 0, [2]string{},
		func(raw []byte, rs *records[Staffing]) *fieldError {
			var j staffingJSON
			if err := json.Unmarshal(raw, &j); err != nil {
				return jsonFieldError(err)
			}
			s := Staffing{AgencyID: j.AgencyID, ChannelID: j.ChannelID}
			if s.AgencyID == "" {
				return &fieldError{"agency_id", ErrMissing}
			}
			var err error
			if s.Staff, err = parseStaffJSON(j.Staff); err != nil {
				return &fieldError{"staff", err}
			}
			if s.WeeklyHours, err = parseHoursJSON(j.WeeklyHours); err != nil {
				return &fieldError{"weekly_hours", err}
			}
			if fe := parseTimes(&tp, &s, []byte(j.From), []byte(j.To)); fe != nil {
				return fe
			}
			return rs.add(s, false, "", s.check())
		})
}

// WriteStaffingCSV writes staffing declarations as CSV with a header row
// and the columns of [ReadStaffingCSV]. Instants are written as by
// [WriteInquiriesCSV], weekly hours as the decimal they are. Reading the
// output gives back equal declarations.
func WriteStaffingCSV(w io.Writer, staffing []Staffing) error {
	return writeCSV(w, staffingLayout.columns, len(staffing), func(i int, rec []string) error {
		s := &staffing[i]
		j, err := staffingOut(s)
		if err != nil {
			return fmt.Errorf("staffing %d: %w", i, err)
		}
		rec[0], rec[1], rec[2], rec[3] = j.AgencyID, j.ChannelID, j.From, j.To
		rec[4], rec[5] = strconv.Itoa(s.Staff), string(j.WeeklyHours)
		return nil
	})
}

// WriteStaffingJSON writes staffing declarations as an indented JSON
// array, in the form [ReadStaffingJSON] reads back into equal
// declarations. Instants are written as by [WriteInquiriesCSV], weekly
// hours as a JSON number. Strings that are not valid UTF-8 are errors.
func WriteStaffingJSON(w io.Writer, staffing []Staffing) error {
	out := make([]staffingJSON, len(staffing))
	for i := range staffing {
		j, err := staffingOut(&staffing[i])
		if err != nil {
			return fmt.Errorf("staffing %d: %w", i, err)
		}
		if err := validText("staffing", i, j.AgencyID, j.ChannelID); err != nil {
			return err
		}
		out[i] = j
	}
	return writeJSON(w, out)
}

// staffingOut returns the JSON form of s.
func staffingOut(s *Staffing) (staffingJSON, error) {
	from, err := formatTime("from", s.From)
	if err != nil {
		return staffingJSON{}, err
	}
	to, err := formatTime("to", s.To)
	if err != nil {
		return staffingJSON{}, err
	}
	if s.WeeklyHours.Exponent() < -MaxHoursPlaces {
		return staffingJSON{}, fmt.Errorf("weekly_hours: %s has more than %d decimal places", s.WeeklyHours, MaxHoursPlaces)
	}
	return staffingJSON{AgencyID: s.AgencyID, ChannelID: s.ChannelID, From: from, To: to,
		Staff: json.RawMessage(strconv.Itoa(s.Staff)), WeeklyHours: json.RawMessage(s.WeeklyHours.String())}, nil
}

// # Calendars

// The keys of a calendar's JSON encoding and of its parts.
var (
	calendarKeys = []string{"id", "time_zone", "week", "overrides", "holidays"}
	weekKeys     = []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}
	overrideKeys = []string{"name", "from", "to", "hours"}
	holidayKeys  = []string{"name", "from", "to"}
)

// ReadCalendarsJSON reads business calendars from a JSON array of objects
// with the keys of [Calendar]'s JSON encoding, for example:
//
//	[{
//	  "id": "sa-government",
//	  "time_zone": "Asia/Riyadh",
//	  "week": {"sunday": ["07:30-14:30"], "monday": ["07:30-14:30"]},
//	  "overrides": [{"name": "Ramadan 1446", "from": "2025-03-01", "to": "2025-03-29", "hours": ["10:00-15:00"]}],
//	  "holidays": [{"name": "National Day", "from": "2025-09-23"}]
//	}]
//
// Spans are written "HH:MM-HH:MM" and dates "YYYY-MM-DD" (see [Span] and
// [Date]). A key that is not one of the type's, at any depth, is an error
// naming its path, such as "week.mondey" or "holidays[2].date". A
// calendar is rejected when its id is empty ([ErrMissing]) or repeats an
// earlier one's ([ErrDuplicateID]), or when it fails a check that
// [Dataset.Validate] makes of each calendar: the error names the first
// problem's field, such as "overrides[0].to". Strict and lenient mode and
// the accounting are those of the other JSON readers (see
// [ReadAgenciesJSON]). The read stops at the calendar after the
// opts.MaxCalendars-th ([ErrTooLarge]; see [ReadOptions]), as a read of
// agencies does at MaxAgencies.
func ReadCalendarsJSON(r io.Reader, opts ReadOptions) ([]Calendar, Accounting, error) {
	return readJSONRecords(r, opts, calendarKeys, nil, opts.limits().calendars, calendarLimit, func(raw []byte, rs *records[Calendar]) *fieldError {
		var c Calendar
		if fe := decodeCalendar(raw, &c); fe != nil {
			return fe
		}
		if c.ID == "" {
			return &fieldError{"id", ErrMissing}
		}
		return rs.add(c, true, c.ID, c.check())
	})
}

// decodeCalendar decodes the JSON object raw into c, rejecting unknown
// keys at every depth.
func decodeCalendar(raw []byte, c *Calendar) *fieldError {
	return decodeObject("", raw, calendarKeys, func(m member, path string) *fieldError {
		switch m.key {
		case "id":
			return decodeValue(path, m.value, &c.ID)
		case "time_zone":
			return decodeValue(path, m.value, &c.TimeZone)
		case "week":
			c.Week = WorkingWeek{}
			days := c.Week.days()
			return decodeObject(path, m.value, weekKeys, func(m member, path string) *fieldError {
				return decodeSpans(path, m.value, days[slices.Index(weekKeys, m.key)].spans)
			})
		case "overrides":
			c.Overrides = nil
			return decodeArray(path, m.value, func(raw json.RawMessage, path string) *fieldError {
				var o Override
				fe := decodeObject(path, raw, overrideKeys, func(m member, path string) *fieldError {
					switch m.key {
					case "name":
						return decodeValue(path, m.value, &o.Name)
					case "from":
						return decodeValue(path, m.value, &o.From)
					case "to":
						return decodeValue(path, m.value, &o.To)
					}
					return decodeSpans(path, m.value, &o.Hours)
				})
				c.Overrides = append(c.Overrides, o)
				return fe
			})
		}
		c.Holidays = nil
		return decodeArray(path, m.value, func(raw json.RawMessage, path string) *fieldError {
			var h Holiday
			fe := decodeObject(path, raw, holidayKeys, func(m member, path string) *fieldError {
				switch m.key {
				case "name":
					return decodeValue(path, m.value, &h.Name)
				case "from":
					return decodeValue(path, m.value, &h.From)
				}
				return decodeValue(path, m.value, &h.To)
			})
			c.Holidays = append(c.Holidays, h)
			return fe
		})
	})
}

// decodeObject decodes the JSON object raw (or null) at path, calling each
// for every member in order after checking that every key is one of known.
func decodeObject(path string, raw json.RawMessage, known []string, each func(m member, path string) *fieldError) *fieldError {
	if string(raw) == "null" {
		return nil
	}
	ms, err := members(raw)
	if err != nil {
		return &fieldError{path, fmt.Errorf("%w: want a JSON object", ErrUnknownValue)}
	}
	sub := func(key string) string {
		if path == "" {
			return key
		}
		return path + "." + key
	}
	for _, m := range ms {
		if !slices.Contains(known, m.key) {
			return &fieldError{sub(m.key), fmt.Errorf("%w: unknown key", ErrUnknownValue)}
		}
	}
	for _, m := range ms {
		if fe := each(m, sub(m.key)); fe != nil {
			return fe
		}
	}
	return nil
}

// decodeArray decodes the JSON array raw (or null) at path, calling each
// for every element with its path, such as "holidays[2]".
func decodeArray(path string, raw json.RawMessage, each func(raw json.RawMessage, path string) *fieldError) *fieldError {
	var elems []json.RawMessage
	if err := json.Unmarshal(raw, &elems); err != nil {
		return &fieldError{path, fmt.Errorf("%w: want a JSON array", ErrUnknownValue)}
	}
	for i, e := range elems {
		if fe := each(e, fmt.Sprintf("%s[%d]", path, i)); fe != nil {
			return fe
		}
	}
	return nil
}

// decodeSpans decodes a JSON array of spans into *spans.
func decodeSpans(path string, raw json.RawMessage, spans *[]Span) *fieldError {
	*spans = nil
	return decodeArray(path, raw, func(raw json.RawMessage, path string) *fieldError {
		var s Span
		if fe := decodeValue(path, raw, &s); fe != nil {
			return fe
		}
		*spans = append(*spans, s)
		return nil
	})
}

// decodeValue decodes the JSON string raw (or null) at path into v, a
// *string, *Span or *Date.
func decodeValue(path string, raw json.RawMessage, v any) *fieldError {
	if string(raw) == "null" {
		return nil
	}
	if len(raw) == 0 || raw[0] != '"' {
		return &fieldError{path, fmt.Errorf("%w: want a JSON string", ErrUnknownValue)}
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return &fieldError{path, err}
	}
	return nil
}

// WriteCalendarsJSON writes calendars as an indented JSON array, in the
// form [ReadCalendarsJSON] reads back into equal calendars (empty span
// lists are written as none). A span or date that cannot be written (see
// [Span.MarshalText] and [Date.MarshalText]) or a string that is not valid
// UTF-8 is an error.
func WriteCalendarsJSON(w io.Writer, calendars []Calendar) error {
	for i, c := range calendars {
		if err := validText("calendar", i, c.ID, c.TimeZone); err != nil {
			return err
		}
		for _, o := range c.Overrides {
			if err := validText("calendar", i, o.Name); err != nil {
				return err
			}
		}
		for _, h := range c.Holidays {
			if err := validText("calendar", i, h.Name); err != nil {
				return err
			}
		}
	}
	return writeJSON(w, nonNil(calendars))
}
