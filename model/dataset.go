package model

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/shopspring/decimal"
)

// Validation errors, wrapped in a [*RecordError] by [Dataset.Validate] and in
// a [*ParseError] by the readers. Test for them with errors.Is.
var (
	ErrMissing          = errors.New("missing required value")
	ErrDuplicateID      = errors.New("duplicate id")
	ErrUnknownReference = errors.New("unknown reference")
	ErrUnknownValue     = errors.New("unknown value")
	ErrBeforeReceipt    = errors.New("before received_at")
	ErrOutOfRange       = errors.New("out of range")
	ErrNoZone           = errors.New("timestamp has no time zone offset")
	ErrBadTime          = errors.New("not a timestamp")
)

// Dataset is what happened: the agencies, their channels and staffing, and
// the inquiries they received. It is plain data; build it in code or read it
// with the functions of this package.
//
// A Dataset is not safe for concurrent mutation; reading it from several
// goroutines (as [score.Scorer] does) is safe.
type Dataset struct {
	Agencies  []Agency   `json:"agencies"`           // the agencies scored
	Channels  []Channel  `json:"channels"`           // their channels
	Staffing  []Staffing `json:"staffing,omitempty"` // their staffing declarations
	Inquiries []Inquiry  `json:"inquiries"`          // what the public asked, and what became of it
	// Calendars are the business calendars agencies name in
	// [Agency.CalendarID].
	Calendars []Calendar `json:"calendars,omitempty"`
}

// RecordError is a problem with one record of a [Dataset].
type RecordError struct {
	Kind  string // "agency", "channel", "staffing", "inquiry" or "calendar"
	Index int    // position in its slice, from 0
	ID    string // the record's ID where it has one
	Field string // the JSON name of the field at fault; a path such as "week.monday[0]" inside a calendar
	Err   error  // the reason; one of this package's Err values where it fits
}

// Error returns "kind "id": field: reason", or "kind[index]: ..." for a
// record without an ID.
func (e *RecordError) Error() string {
	who := fmt.Sprintf("%s[%d]", e.Kind, e.Index)
	if e.ID != "" {
		who = fmt.Sprintf("%s %q", e.Kind, e.ID)
	}
	return fmt.Sprintf("%s: %s: %v", who, e.Field, e.Err)
}

// Unwrap returns the reason, so that errors.Is sees this package's Err
// values through a RecordError.
func (e *RecordError) Unwrap() error { return e.Err }

// Validate checks the dataset and returns every problem at once, joined with
// errors.Join, each a [*RecordError] naming the record and field: missing
// IDs and instants, duplicate IDs, references to unknown agencies or
// channels, a channel of another agency, unknown enumeration values, replies,
// resolutions and due times before receipt, unknown time zones and "Local"
// ([CheckTimeZone]), impossible staffing (a staff beyond [MaxStaff]
// included), and IDs and names of agencies, channels and staffing
// declarations with control or bidirectional formatting characters
// ([CheckText]; the readers check inquiries' IDs too); and for calendars, missing or duplicate IDs, missing
// or unknown time zones, spans out of range, out of order or overlapping
// within a day, missing or impossible dates, periods that end before they
// start, overlapping overrides, and agencies naming a calendar that is not
// there. It returns nil for a valid dataset.
//
// Instants in Go values always carry a location, so "no time zone" can only
// happen in text; the readers reject such timestamps unless told which zone
// they are in.
func (d *Dataset) Validate() error {
	var errs []error
	add := func(kind string, i int, id, field string, err error) {
		errs = append(errs, &RecordError{Kind: kind, Index: i, ID: id, Field: field, Err: err})
	}

	calendars := make(map[string]bool, len(d.Calendars))
	for i := range d.Calendars {
		c := &d.Calendars[i]
		switch {
		case c.ID == "":
			add("calendar", i, "", "id", ErrMissing)
		case calendars[c.ID]:
			add("calendar", i, c.ID, "id", ErrDuplicateID)
		}
		calendars[c.ID] = true
		for _, e := range c.check() {
			add("calendar", i, c.ID, e.Field, e.Err)
		}
	}

	agencies := make(map[string]bool, len(d.Agencies))
	for i, a := range d.Agencies {
		switch {
		case a.ID == "":
			add("agency", i, "", "id", ErrMissing)
		case agencies[a.ID]:
			add("agency", i, a.ID, "id", ErrDuplicateID)
		}
		agencies[a.ID] = true
		for _, e := range a.check() {
			add("agency", i, a.ID, e.Field, e.Err)
		}
		if a.CalendarID != "" && !calendars[a.CalendarID] {
			add("agency", i, a.ID, "calendar_id", fmt.Errorf("%w: calendar %q", ErrUnknownReference, a.CalendarID))
		}
	}

	type owner struct {
		agency      string
		agencyKnown bool
	}
	channels := make(map[string]owner, len(d.Channels)) // by channel ID
	for i, c := range d.Channels {
		switch {
		case c.ID == "":
			add("channel", i, "", "id", ErrMissing)
		default:
			if _, dup := channels[c.ID]; dup {
				add("channel", i, c.ID, "id", ErrDuplicateID)
			}
		}
		channels[c.ID] = owner{c.AgencyID, agencies[c.AgencyID]}
		if !agencies[c.AgencyID] {
			add("channel", i, c.ID, "agency_id", fmt.Errorf("%w: agency %q", ErrUnknownReference, c.AgencyID))
		}
		for _, e := range c.check() {
			add("channel", i, c.ID, e.Field, e.Err)
		}
	}

	for i, s := range d.Staffing {
		if !agencies[s.AgencyID] {
			add("staffing", i, "", "agency_id", fmt.Errorf("%w: agency %q", ErrUnknownReference, s.AgencyID))
		}
		if s.ChannelID != "" {
			ch, ok := channels[s.ChannelID]
			owner := ch.agency
			switch {
			case !ok:
				add("staffing", i, "", "channel_id", fmt.Errorf("%w: channel %q", ErrUnknownReference, s.ChannelID))
			case owner != s.AgencyID:
				add("staffing", i, "", "channel_id", fmt.Errorf("%w: channel %q belongs to agency %q", ErrUnknownReference, s.ChannelID, owner))
			}
		}
		for _, e := range s.check() {
			add("staffing", i, "", e.Field, e.Err)
		}
	}

	// The hot loop: one map operation per inquiry for its ID and one for its
	// channel, whose owner stands for the agency check when they agree.
	// While IDs increase (see idLess), as exports usually have them, none can
	// repeat; the first out of order starts a hash set of all before it.
	var seen *hashIDs
	last, haveLast := "", false
	for i := range d.Inquiries {
		q := &d.Inquiries[i]
		if q.ID == "" {
			add("inquiry", i, "", "id", ErrMissing)
		} else if seen == nil && (!haveLast || idLess(last, q.ID)) {
			last, haveLast = q.ID, true
		} else {
			if seen == nil {
				seen = newHashIDs(len(d.Inquiries), func(j int) string { return d.Inquiries[j].ID })
				for j := range i {
					if id := d.Inquiries[j].ID; id != "" {
						seen.add(j, id)
					}
				}
			}
			if seen.add(i, q.ID) {
				add("inquiry", i, q.ID, "id", ErrDuplicateID)
			}
		}
		for _, e := range q.check() {
			errs = append(errs, &RecordError{Kind: "inquiry", Index: i, ID: q.ID, Field: e.Field, Err: e.Err})
		}
		ch, ok := channels[q.ChannelID]
		owner := ch.agency
		if ok && owner == q.AgencyID && ch.agencyKnown {
			continue
		}
		if !agencies[q.AgencyID] {
			add("inquiry", i, q.ID, "agency_id", fmt.Errorf("%w: agency %q", ErrUnknownReference, q.AgencyID))
		}
		switch {
		case q.ChannelID == "":
			add("inquiry", i, q.ID, "channel_id", ErrMissing)
		case !ok:
			add("inquiry", i, q.ID, "channel_id", fmt.Errorf("%w: channel %q", ErrUnknownReference, q.ChannelID))
		case owner != q.AgencyID:
			add("inquiry", i, q.ID, "channel_id", fmt.Errorf("%w: channel %q belongs to agency %q", ErrUnknownReference, q.ChannelID, owner))
		}
	}
	return errors.Join(errs...)
}

// FieldError is a problem with one field of a record, before the record's
// position in a file or dataset is known: the error an [InquirySink] returns
// to reject a row, and what [Inquiry.Validate] reports.
type FieldError struct {
	Field string // the JSON name of the field at fault
	Err   error  // the reason; one of this package's Err values where it fits
}

// Error returns "field "name": reason".
func (e *FieldError) Error() string {
	return fmt.Sprintf("field %q: %v", e.Field, e.Err)
}

// Unwrap returns the reason, so that errors.Is sees this package's Err
// values through a FieldError.
func (e *FieldError) Unwrap() error { return e.Err }

// fieldError is the name the readers use.
type fieldError = FieldError

// Validate checks what an inquiry must be on its own, without looking at
// other records, and returns every problem joined with errors.Join, each a
// [*FieldError]: a missing agency or receipt, an unknown requester or
// accuracy grade, a reply, resolution or due time before receipt, and a
// grade without a reply. [Dataset.Validate] makes the same checks and
// those that need the other records.
func (q *Inquiry) Validate() error {
	problems := q.check()
	if len(problems) == 0 {
		return nil
	}
	errs := make([]error, len(problems))
	for i := range problems {
		errs[i] = &problems[i]
	}
	return errors.Join(errs...)
}

// check returns the problems an agency has on its own, without looking at
// other records: an ID or a name with a control or bidirectional
// formatting character (see [CheckText]), in the order id, name, names by
// language; and a time zone that is not an IANA one, or is "Local" (see
// [CheckTimeZone]).
func (a *Agency) check() []fieldError {
	var errs []fieldError
	errs = checkText(errs, "id", a.ID)
	errs = checkText(errs, "name", a.Name)
	if len(a.Names) > 0 {
		for _, lang := range slices.Sorted(maps.Keys(a.Names)) {
			errs = checkText(errs, "names", lang)
			errs = checkText(errs, "names."+lang, a.Names[lang])
		}
	}
	if err := CheckTimeZone(a.TimeZone); err != nil {
		errs = append(errs, fieldError{"time_zone", err})
	}
	return errs
}

// check returns the problems a channel has on its own, without looking at
// other records: an ID or agency ID with a control or bidirectional
// formatting character, and an unknown kind.
func (c *Channel) check() []fieldError {
	var errs []fieldError
	errs = checkText(errs, "id", c.ID)
	errs = checkText(errs, "agency_id", c.AgencyID)
	if !c.Kind.Valid() {
		errs = append(errs, fieldError{"kind", fmt.Errorf("%w: %q", ErrUnknownValue, c.Kind)})
	}
	return errs
}

// check returns the problems a staffing declaration has on its own,
// without looking at other records: an agency or channel ID with a control
// or bidirectional formatting character, a staff outside 0..MaxStaff,
// weekly hours outside 0..168 and a period that ends before it starts.
func (s *Staffing) check() []fieldError {
	var errs []fieldError
	errs = checkText(errs, "agency_id", s.AgencyID)
	errs = checkText(errs, "channel_id", s.ChannelID)
	if s.Staff < 0 || s.Staff > MaxStaff {
		errs = append(errs, fieldError{"staff", fmt.Errorf("%w: %d is not within 0..%d", ErrOutOfRange, s.Staff, MaxStaff)})
	}
	switch h := s.WeeklyHours; {
	case h.Sign() < 0 || h.GreaterThan(decimal.NewFromInt(168)):
		errs = append(errs, fieldError{"weekly_hours", fmt.Errorf("%w: %s is not within 0..168", ErrOutOfRange, h)})
	case h.Exponent() < -MaxHoursPlaces:
		errs = append(errs, fieldError{"weekly_hours", fmt.Errorf("%w: %s has more than %d decimal places", ErrOutOfRange, h, MaxHoursPlaces)})
	}
	if !s.From.IsZero() && !s.To.IsZero() && !s.To.After(s.From) {
		errs = append(errs, fieldError{"to", fmt.Errorf("%w: period ends at or before it starts", ErrOutOfRange)})
	}
	return errs
}

// check returns the problems an inquiry has on its own, without looking at
// other records: missing agency or receipt, unknown enumeration values,
// instants before receipt and a grade without a reply.
func (q *Inquiry) check() []fieldError {
	// The common case, checked without building anything.
	if q.AgencyID != "" && q.Requester.Valid() && q.Accuracy.Valid() && !q.ReceivedAt.IsZero() &&
		(q.FirstReplyAt.IsZero() || !q.FirstReplyAt.Before(q.ReceivedAt)) &&
		(q.ResolvedAt.IsZero() || !q.ResolvedAt.Before(q.ReceivedAt)) &&
		(q.DueAt.IsZero() || !q.DueAt.Before(q.ReceivedAt)) &&
		!(q.Accuracy.Graded() && q.FirstReplyAt.IsZero()) {
		return nil
	}
	var errs []fieldError
	if q.AgencyID == "" {
		errs = append(errs, fieldError{"agency_id", ErrMissing})
	}
	if !q.Requester.Valid() {
		errs = append(errs, fieldError{"requester", fmt.Errorf("%w: %q", ErrUnknownValue, q.Requester)})
	}
	if !q.Accuracy.Valid() {
		errs = append(errs, fieldError{"accuracy", fmt.Errorf("%w: %q", ErrUnknownValue, q.Accuracy)})
	}
	if q.ReceivedAt.IsZero() {
		errs = append(errs, fieldError{"received_at", ErrMissing})
		return errs
	}
	for _, f := range []struct {
		name string
		t    time.Time
	}{{"first_reply_at", q.FirstReplyAt}, {"resolved_at", q.ResolvedAt}, {"due_at", q.DueAt}} {
		if !f.t.IsZero() && f.t.Before(q.ReceivedAt) {
			errs = append(errs, fieldError{f.name, fmt.Errorf("%w: %s is before %s", ErrBeforeReceipt,
				f.t.Format(time.RFC3339), q.ReceivedAt.Format(time.RFC3339))})
		}
	}
	if q.Accuracy.Graded() && q.FirstReplyAt.IsZero() {
		errs = append(errs, fieldError{"accuracy", fmt.Errorf("%w: a grade without a reply", ErrOutOfRange)})
	}
	return errs
}
