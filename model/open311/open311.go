package open311

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/internal/jsonkey"
)

// Warnings, in [model.Accounting.Warnings]. ErrClosedBeforeRequested is
// [model.ErrClosedBeforeOpened], which other readers give too.
var (
	ErrClosedBeforeRequested = model.ErrClosedBeforeOpened
	ErrNoAction              = errors.New("no note records an action by the city")
)

// closedBeforeRequested is the warning of a request closed before it was
// requested, in this reader's words.
type closedBeforeRequested struct{}

func (closedBeforeRequested) Error() string { return "closed before requested; treated as unresolved" }
func (closedBeforeRequested) Unwrap() error { return ErrClosedBeforeRequested }

// Request is one GeoReport v2 service request, with the fields the reader
// uses.
type Request struct {
	ID                 string          `json:"service_request_id"`
	Status             string          `json:"status"`
	AgencyResponsible  string          `json:"agency_responsible"`
	ServiceName        string          `json:"service_name"`
	RequestedDatetime  string          `json:"requested_datetime"`
	UpdatedDatetime    string          `json:"updated_datetime"`
	ExpectedDatetime   string          `json:"expected_datetime"`
	ExtendedAttributes json.RawMessage `json:"extended_attributes"`
	Notes              []Note          `json:"notes"`
}

// Note is one event of a request's timeline.
type Note struct {
	Datetime string `json:"datetime"`
	Summary  string `json:"summary"`
	Type     string `json:"type"`
}

// Read reads a JSON array of GeoReport v2 requests. Every element is
// counted in the accounting; strict reads stop at the first rejected one.
// Read is safe for concurrent use on different readers.
func Read(r io.Reader, opts model.ReadOptions) (model.Dataset, model.Accounting, error) {
	rd := &reader{opts: opts, t: model.NewTally(opts), agencies: map[string]bool{}, channels: map[string]bool{}}
	err := rd.read(r)
	return rd.ds, rd.t.Accounting(), err
}

type reader struct {
	opts     model.ReadOptions
	t        *model.Tally
	ds       model.Dataset
	agencies map[string]bool
	channels map[string]bool
	ids      map[string]bool // request IDs accepted so far
	warns    []warning       // of the request being read
}

// warning is a caveat of the request being read, before its line is known.
type warning struct {
	field string
	err   error
}

func (rd *reader) read(r io.Reader) error {
	data, err := rd.t.ReadDocument(r) // a byte order mark skipped
	if err != nil {
		return err
	}
	lineAt := func(off int) int { return 1 + bytes.Count(data[:min(max(off, 0), len(data))], []byte{'\n'}) }
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return rd.t.FileError(lineAt(int(dec.InputOffset())), "", fmt.Errorf("%w: want a JSON array: %v", model.ErrMissing, err))
	}
	if tok != json.Delim('[') {
		return rd.t.FileError(1, "", fmt.Errorf("%w: want a JSON array", model.ErrUnknownValue))
	}
	prev, prevLine := 0, 1
	for dec.More() {
		off := int(dec.InputOffset())
		for off < len(data) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
			off++
		}
		line := prevLine + bytes.Count(data[prev:off], []byte{'\n'})
		prev, prevLine = off, line
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if stop := rd.t.Reject(line, "", err); stop != nil {
				return stop
			}
			return rd.t.FileError(line, "", err)
		}
		rd.warns = rd.warns[:0]
		var field string
		var ferr error
		if !utf8.Valid(raw) || !jsonkey.ValidEscapes(raw) {
			ferr = model.ErrEncoding
		} else if field, ferr = jsonkey.Check(raw, model.ErrRepeatedKey); ferr == nil {
			field, ferr = rd.request(raw)
		}
		if ferr != nil {
			if stop := rd.t.Reject(line, field, ferr); stop != nil {
				return stop
			}
			continue
		}
		rd.t.Accept()
		for _, w := range rd.warns {
			rd.t.Warn(line, w.field, w.err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return rd.t.FileError(lineAt(int(dec.InputOffset())), "", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the JSON array")
		}
		return rd.t.FileError(lineAt(int(dec.InputOffset())), "", err)
	}
	return nil
}

func (rd *reader) warn(field string, err error) {
	rd.warns = append(rd.warns, warning{field, err})
}

// request turns one element into an inquiry, or names the field at fault.
func (rd *reader) request(raw []byte) (string, error) {
	var q Request
	if err := json.Unmarshal(raw, &q); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return te.Field, fmt.Errorf("%w: want a JSON %s, not %s", model.ErrUnknownValue, te.Type, te.Value)
		}
		return "", fmt.Errorf("%w: want a JSON object", model.ErrUnknownValue)
	}
	// The ID and the agency are checked as written, before the white
	// space around them is trimmed: a control character is refused, not
	// trimmed away.
	if err := model.CheckText(q.ID); err != nil {
		return "service_request_id", err
	}
	if q.ID = strings.TrimSpace(q.ID); q.ID == "" {
		return "service_request_id", model.ErrMissing
	}
	if rd.ids[q.ID] {
		return "service_request_id", fmt.Errorf("%w: request %q was read earlier in the input", model.ErrDuplicateID, q.ID)
	}
	if err := model.CheckText(q.AgencyResponsible); err != nil {
		return "agency_responsible", err
	}
	agency := strings.TrimSpace(q.AgencyResponsible)
	if agency == "" {
		return "agency_responsible", model.ErrMissing
	}
	received, err := rd.parse(q.RequestedDatetime)
	if err != nil {
		return "requested_datetime", err
	}
	if received.IsZero() {
		return "requested_datetime", model.ErrMissing
	}
	due, err := rd.parse(q.ExpectedDatetime)
	if err != nil {
		return "expected_datetime", err
	}
	if !due.IsZero() && due.Before(received) {
		rd.warn("expected_datetime", fmt.Errorf("%w: expected before requested; ignored", model.ErrBeforeReceipt))
		due = time.Time{}
	}
	updated, err := rd.parse(q.UpdatedDatetime)
	if err != nil {
		return "updated_datetime", err
	}
	var closedNote, firstAction time.Time
	for i, n := range q.Notes {
		t, err := rd.parse(n.Datetime)
		if err != nil {
			return fmt.Sprintf("notes[%d].datetime", i), err
		}
		if t.IsZero() {
			continue
		}
		if t.Before(received) {
			// Dropped, as every reader drops an instant before receipt,
			// with a warning.
			rd.warn(fmt.Sprintf("notes[%d].datetime", i), fmt.Errorf("%w: a note dated before the request; ignored", model.ErrBeforeReceipt))
			continue
		}
		switch strings.ToLower(n.Type) {
		case "opened", "created", "submitted":
			continue
		case "closed":
			if t.After(closedNote) {
				closedNote = t
			}
		}
		if firstAction.IsZero() || t.Before(firstAction) {
			firstAction = t
		}
	}
	var resolved time.Time
	if strings.EqualFold(strings.TrimSpace(q.Status), "closed") {
		resolved = closedNote
		if resolved.IsZero() {
			resolved = updated
		}
		if !resolved.IsZero() && resolved.Before(received) {
			rd.warn("updated_datetime", closedBeforeRequested{})
			resolved = time.Time{}
		} else if resolved.IsZero() {
			rd.warn("status", fmt.Errorf("%w: closed, with no time of closing (no closed note, no updated_datetime); kept as unresolved", model.ErrMissing))
		}
	}
	switch {
	case !firstAction.IsZero():
	case !resolved.IsZero():
		firstAction = resolved
	case len(q.Notes) > 0:
		rd.warn("notes", ErrNoAction)
	}
	if !resolved.IsZero() && firstAction.After(resolved) {
		firstAction = resolved
	}
	var ext struct {
		Channel string `json:"channel"`
	}
	_ = json.Unmarshal(q.ExtendedAttributes, &ext) // absent or not an object: no channel
	kind, ok := model.ChannelKindOfSource(ext.Channel)
	if !ok {
		kind = model.ChannelWebForm
	}
	ch := agency + "/" + string(kind)
	if !rd.agencies[agency] {
		rd.agencies[agency] = true
		rd.ds.Agencies = append(rd.ds.Agencies, model.Agency{ID: agency, Name: agency, Implied: true})
	}
	if !rd.channels[ch] {
		rd.channels[ch] = true
		rd.ds.Channels = append(rd.ds.Channels, model.Channel{ID: ch, AgencyID: agency, Kind: kind, Implied: true})
	}
	if rd.ids == nil {
		rd.ids = map[string]bool{}
	}
	rd.ids[q.ID] = true
	rd.ds.Inquiries = append(rd.ds.Inquiries, model.Inquiry{ID: q.ID, AgencyID: agency, ChannelID: ch,
		ReceivedAt: received, FirstReplyAt: firstAction, ResolvedAt: resolved, DueAt: due})
	return "", nil
}

// parse reads an RFC 3339 timestamp, or one without an offset in
// opts.Location, within the plausible range ([model.CheckTime]); "" is
// the zero time.
func (rd *reader) parse(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, model.CheckTime(t)
	}
	if rd.opts.Location != nil {
		for _, l := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
			if t, err := time.ParseInLocation(l, s, rd.opts.Location); err == nil {
				if err := model.CheckLocalTime(t, l, s); err != nil {
					return time.Time{}, err
				}
				return t, model.CheckTime(t)
			}
		}
	}
	if len(s) > 64 {
		s = s[:64] + "..."
	}
	return time.Time{}, fmt.Errorf("%w: %q", model.ErrBadTime, s)
}
