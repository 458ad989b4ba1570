package mapping

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govscore/govscore/model"
)

// Warnings and rejections specific to mapped reads. Test for them with
// errors.Is through the [*model.ParseError].
var (
	// ErrClosedBeforeOpened warns that a row's resolution or due time is
	// before its receipt; the time was dropped and the row kept. It is
	// [model.ErrClosedBeforeOpened]; the warning wraps
	// [model.ErrBeforeReceipt] too.
	ErrClosedBeforeOpened = model.ErrClosedBeforeOpened
	// ErrZeroLengthClosure warns that a row was resolved at the instant it
	// was received, as bulk closures and auto-closed duplicates are.
	ErrZeroLengthClosure = errors.New("resolved at the instant received")
	// ErrDateOnly warns that a timestamp had a date but no time of day; it
	// was read as midnight.
	ErrDateOnly = errors.New("date without a time of day; read as midnight")
	// ErrNoTarget warns that the mapped due_at column was empty. It is
	// [model.ErrNoTarget].
	ErrNoTarget = model.ErrNoTarget
)

// droppedTime is the warning of a resolution or due time at before
// receipt, which was dropped.
type droppedTime struct{ at time.Time }

func (e droppedTime) Error() string {
	return e.at.Format(time.RFC3339) + " " + model.ErrBeforeReceipt.Error() + "; dropped"
}

func (e droppedTime) Unwrap() []error {
	return []error{ErrClosedBeforeOpened, model.ErrBeforeReceipt}
}

// Accounting is what happened to every data row of a mapped read. The
// embedded [model.Accounting] counts the rows that passed the filters, so
// its promise holds: Read == Accepted + len(Rejected). Filtered counts the
// rest, so that every data row of the file is accounted for:
//
//	rows in the file == Read + Filtered == Accepted + len(Rejected) + Filtered
type Accounting struct {
	model.Accounting
	// Filtered is the number of rows the mapping's filters left out.
	Filtered int
}

// Read reads a CSV export with a header row and turns each row into an
// inquiry as m says. Columns the mapping does not name are ignored, and
// only the named ones must be valid UTF-8. The result holds the accepted
// inquiries in file order, and the implied agencies and channels sorted by
// ID, as [model.ReadInquiriesCSV] gives them.
//
// A header that lacks a named column, or has it more than once, is an
// error naming the column; no row is read. Then each row is, in order:
// rejected when it is not valid CSV, has more fields or a longer field
// than the limits of opts allow ([model.ErrTooLarge]; see
// [model.ReadOptions.MaxFieldBytes]), or has more or fewer cells than the
// header; filtered out when it fails a filter; and otherwise accepted or
// rejected. Cells are trimmed of surrounding white space. A row is
// rejected with a [*model.ParseError] naming the file, its line, the
// SOURCE column at fault and the reason, when: a named cell is not valid
// UTF-8 ([model.ErrEncoding]); the ID, agency or channel ID holds a
// control or bidirectional formatting character, checked as written,
// before trimming ([model.ErrControlCharacter]; see [model.CheckText]);
// the ID, agency or received time is empty or no channel is given
// ([model.ErrMissing]); a word has no translation
// ([model.ErrUnknownValue]); a timestamp fits no layout
// ([model.ErrBadTime]), has no zone and none is configured
// ([model.ErrNoZone]) or is outside the plausible range
// ([model.ErrImplausibleTime]; see [model.CheckTime]); a grade has no
// reply ([model.ErrOutOfRange]); or the ID repeats an accepted one
// ([model.ErrDuplicateID]).
//
// Rows are accepted with a warning in [model.Accounting.Warnings] when the
// first reply is before receipt (the inquiry is kept as unanswered, its
// grade dropped: [model.ErrBeforeReceipt]), as every reader of inquiries
// does; when a resolution or due time is before receipt (the time is
// dropped: [ErrClosedBeforeOpened]), a resolution equals receipt
// ([ErrZeroLengthClosure]), a timestamp is a date alone ([ErrDateOnly]),
// or the mapped due column is empty ([ErrNoTarget]).
//
// Strict and lenient mode, MaxRejects and errors of r itself work as in
// [model.ReadInquiriesCSV].
func (m Mapping) Read(r io.Reader, opts model.ReadOptions) (model.Dataset, Accounting, error) {
	rd := &reader{opts: opts, t: model.NewTally(opts)}
	err := rd.read(m, r)
	return rd.dataset(), Accounting{rd.t.Accounting(), rd.filtered}, err
}

// Column indices of the fields, -1 when not mapped.
type columns struct {
	id, agency, channelID, channel, requester, accuracy int
	received, reply, resolved, due                      int
	filters                                             []int
	// keep holds each filter's values as a set: a list searched for each
	// row would cost rows × values (a filter of 145,000 values read 20,000
	// rows in 16 s).
	keep []map[string]struct{}
}

type reader struct {
	opts     model.ReadOptions
	t        *model.Tally
	filtered int // rows the filters left out
	m        Mapping
	header   []string
	col      columns
	layouts  []layout
	loc      *time.Location

	ids       map[string]struct{}
	agencies  map[string]string // interned agency IDs
	channels  map[string]string // interned channel IDs
	implied   map[string]model.Channel
	used      map[string]bool // agencies named by an accepted row
	inquiries []model.Inquiry
}

func (rd *reader) read(m Mapping, r io.Reader) error {
	if err := m.Validate(); err != nil {
		return err
	}
	rd.m = m
	for _, s := range m.TimeLayouts {
		l, _ := newLayout(s) // checked by Validate
		rd.layouts = append(rd.layouts, l)
	}
	if len(rd.layouts) == 0 {
		rd.layouts = []layout{{zoned: true}}
	}
	rd.loc = rd.opts.Location
	if m.TimeZone != "" {
		rd.loc, _ = time.LoadLocation(m.TimeZone) // checked by Validate
	}
	rd.ids = make(map[string]struct{})
	rd.agencies = make(map[string]string)
	rd.channels = make(map[string]string)
	rd.implied = make(map[string]model.Channel)
	rd.used = make(map[string]bool)

	cr, header, headerLine, err := model.ReadCSVHeader(r, rd.t)
	if err != nil {
		return err
	}
	rd.header = header
	if err := rd.setup(headerLine); err != nil {
		return err
	}
	if rd.loc == nil && rd.allZoneless() {
		return rd.t.FileError(headerLine, "", fmt.Errorf("%w: the time layouts give no offset and neither time_zone nor ReadOptions.Location is set", model.ErrNoZone))
	}

	for {
		rec, line, err := rd.t.NextCSVRecord(cr)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if stop := rd.row(line, rec); stop != nil {
			return stop
		}
	}
}

func (rd *reader) allZoneless() bool {
	return !slices.ContainsFunc(rd.layouts, func(l layout) bool { return l.zoned })
}

// setup finds the mapped columns in the header.
func (rd *reader) setup(line int) error {
	m := rd.m
	find := func(name string) (int, error) {
		if name == "" {
			return -1, nil
		}
		i := slices.Index(rd.header, name)
		if i < 0 {
			return -1, rd.t.FileError(line, name, fmt.Errorf("%w: no such column in the header", model.ErrMissing))
		}
		if slices.Contains(rd.header[i+1:], name) {
			return -1, rd.t.FileError(line, name, fmt.Errorf("%w: column appears more than once", model.ErrDuplicateID))
		}
		return i, nil
	}
	var errs []error
	for _, f := range []struct {
		name string
		dst  *int
	}{
		{m.ID, &rd.col.id}, {m.AgencyID, &rd.col.agency}, {m.ChannelID, &rd.col.channelID},
		{m.Channel.Column, &rd.col.channel}, {m.Requester.Column, &rd.col.requester},
		{m.Accuracy.Column, &rd.col.accuracy}, {m.ReceivedAt, &rd.col.received},
		{m.FirstReplyAt, &rd.col.reply}, {m.ResolvedAt, &rd.col.resolved}, {m.DueAt, &rd.col.due},
	} {
		i, err := find(f.name)
		*f.dst = i
		if err != nil {
			errs = append(errs, err)
		}
	}
	for _, f := range m.Filters {
		i, err := find(f.Column)
		rd.col.filters = append(rd.col.filters, i)
		set := make(map[string]struct{}, len(f.Values))
		for _, v := range f.Values {
			set[v] = struct{}{}
		}
		rd.col.keep = append(rd.col.keep, set)
		if err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return errs[0] // the first, as a *model.ParseError
	}
	return nil
}

// cell returns the trimmed cell of column i, "" when i is -1.
func cell(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return strings.TrimSpace(rec[i])
}

// row handles one data row and returns the error to stop with, or nil.
func (rd *reader) row(line int, rec []string) error {
	if i, err := rd.opts.CheckRecord(rec); err != nil {
		col := ""
		if i >= 0 && i < len(rd.header) {
			col = rd.header[i]
		}
		return rd.t.Reject(line, col, err)
	}
	if len(rec) != len(rd.header) {
		return rd.t.Reject(line, "", fmt.Errorf("%w: %d fields, header has %d", csv.ErrFieldCount, len(rec), len(rd.header)))
	}
	for k, f := range rd.m.Filters {
		c := rec[rd.col.filters[k]]
		if !utf8.ValidString(c) {
			return rd.t.Reject(line, f.Column, model.ErrEncoding)
		}
		if _, ok := rd.col.keep[k][strings.TrimSpace(c)]; !ok {
			rd.filtered++
			return nil
		}
	}
	for _, i := range []int{rd.col.id, rd.col.agency, rd.col.channelID, rd.col.channel, rd.col.requester,
		rd.col.accuracy, rd.col.received, rd.col.reply, rd.col.resolved, rd.col.due} {
		if i >= 0 && !utf8.ValidString(rec[i]) {
			return rd.t.Reject(line, rd.header[i], model.ErrEncoding)
		}
	}
	q, warnings, field, err := rd.inquiry(rec)
	if err != nil {
		return rd.t.Reject(line, field, err)
	}
	if _, dup := rd.ids[q.ID]; dup {
		return rd.t.Reject(line, rd.m.ID, fmt.Errorf("%w: %q", model.ErrDuplicateID, q.ID))
	}
	rd.ids[q.ID] = struct{}{}
	rd.used[q.AgencyID] = true
	rd.inquiries = append(rd.inquiries, q)
	rd.t.Accept()
	for _, w := range warnings {
		rd.t.Warn(line, w.field, w.err)
	}
	return nil
}

type warning struct {
	field string
	err   error
}

// inquiry turns a row into an inquiry, or names the source column at
// fault and the reason.
func (rd *reader) inquiry(rec []string) (q model.Inquiry, ws []warning, field string, err error) {
	m := &rd.m
	// IDs are checked as written, before the white space around them is
	// trimmed: a control character is refused, not trimmed away.
	for _, f := range []struct {
		col  int
		name string
	}{{rd.col.id, m.ID}, {rd.col.agency, m.AgencyID}, {rd.col.channelID, m.ChannelID}} {
		if f.col >= 0 {
			if err := model.CheckText(rec[f.col]); err != nil {
				return q, nil, f.name, err
			}
		}
	}
	if q.ID = cell(rec, rd.col.id); q.ID == "" {
		return q, nil, m.ID, model.ErrMissing
	}
	agency := m.Agency
	if rd.col.agency >= 0 {
		if agency = cell(rec, rd.col.agency); agency == "" {
			return q, nil, m.AgencyID, model.ErrMissing
		}
	}
	q.AgencyID = intern(rd.agencies, agency)

	var kind model.ChannelKind
	if m.Channel.Column != "" || m.Channel.Default != "" {
		kind, err = translate(m.Channel, cell(rec, rd.col.channel), func(k model.ChannelKind) bool { return k.Valid() })
		if err != nil {
			return q, nil, m.Channel.Column, err
		}
	}
	if q.Requester, err = translate(m.Requester, cell(rec, rd.col.requester), model.Requester.Valid); err != nil {
		return q, nil, m.Requester.Column, err
	}
	if q.Accuracy, err = translate(m.Accuracy, cell(rec, rd.col.accuracy), model.Accuracy.Valid); err != nil {
		return q, nil, m.Accuracy.Column, err
	}

	for _, f := range []struct {
		col  int
		name string
		dst  *time.Time
	}{{rd.col.received, m.ReceivedAt, &q.ReceivedAt}, {rd.col.reply, m.FirstReplyAt, &q.FirstReplyAt},
		{rd.col.resolved, m.ResolvedAt, &q.ResolvedAt}, {rd.col.due, m.DueAt, &q.DueAt}} {
		s := cell(rec, f.col)
		if s == "" {
			continue
		}
		t, dateOnly, err := rd.parseTime(s)
		if err == nil {
			err = model.CheckTime(t)
		}
		if err != nil {
			return q, nil, f.name, err
		}
		if dateOnly {
			ws = append(ws, warning{f.name, fmt.Errorf("%w: %q", ErrDateOnly, s)})
		}
		*f.dst = t
	}
	if q.ReceivedAt.IsZero() {
		return q, nil, m.ReceivedAt, model.ErrMissing
	}
	if !q.FirstReplyAt.IsZero() && q.FirstReplyAt.Before(q.ReceivedAt) {
		// Kept as unanswered, as every reader of inquiries does.
		what := "kept as unanswered"
		if q.Accuracy.Graded() {
			q.Accuracy, what = "", what+", its grade dropped"
		}
		ws = append(ws, warning{m.FirstReplyAt, fmt.Errorf("%w: %s is before %s; %s", model.ErrBeforeReceipt,
			q.FirstReplyAt.Format(time.RFC3339), q.ReceivedAt.Format(time.RFC3339), what)})
		q.FirstReplyAt = time.Time{}
	}
	if q.Accuracy.Graded() && q.FirstReplyAt.IsZero() {
		return q, nil, m.Accuracy.Column, fmt.Errorf("%w: a grade without a reply", model.ErrOutOfRange)
	}
	for _, f := range []struct {
		name string
		t    *time.Time
	}{{m.ResolvedAt, &q.ResolvedAt}, {m.DueAt, &q.DueAt}} {
		if !f.t.IsZero() && f.t.Before(q.ReceivedAt) {
			ws = append(ws, warning{f.name, droppedTime{*f.t}})
			*f.t = time.Time{}
		}
	}
	if !q.ResolvedAt.IsZero() && q.ResolvedAt.Equal(q.ReceivedAt) {
		ws = append(ws, warning{m.ResolvedAt, ErrZeroLengthClosure})
	}
	if m.DueAt != "" && cell(rec, rd.col.due) == "" {
		ws = append(ws, warning{m.DueAt, ErrNoTarget})
	}

	switch id := cell(rec, rd.col.channelID); {
	case id != "":
		q.ChannelID = intern(rd.channels, id)
	case kind != "":
		cid := q.AgencyID + "/" + string(kind)
		ch, ok := rd.implied[cid]
		if !ok {
			ch = model.Channel{ID: cid, AgencyID: q.AgencyID, Kind: kind, Implied: true}
		}
		q.ChannelID = ch.ID
		// Recorded now; a row rejected later (a duplicate ID) may leave an
		// implied channel no accepted row uses, so dataset() checks use.
		rd.implied[cid] = ch
	default:
		field := m.ChannelID
		if field == "" {
			field = m.Channel.Column
		}
		return q, nil, field, fmt.Errorf("%w: no channel given", model.ErrMissing)
	}
	return q, ws, "", nil
}

func intern(set map[string]string, s string) string {
	if v, ok := set[s]; ok {
		return v
	}
	set[s] = s
	return s
}

// translate reads an enumerated cell as v says.
func translate[T ~string](v ValueMap[T], c string, valid func(T) bool) (T, error) {
	if v.Column == "" {
		return v.Default, nil
	}
	if to, ok := v.Values[c]; ok {
		return to, nil
	}
	if c != "" && valid(T(c)) {
		return T(c), nil
	}
	if v.Default != "" || c == "" {
		return v.Default, nil
	}
	return "", fmt.Errorf("%w: %s has no translation", model.ErrUnknownValue, quote(c))
}

// parseTime reads s with the first layout that fits.
func (rd *reader) parseTime(s string) (t time.Time, dateOnly bool, err error) {
	noZone := false
	for _, l := range rd.layouts {
		if l.text == "" { // rfc3339
			t, zoned, ok, err := parseRFC3339(s, rd.loc)
			if err != nil {
				return time.Time{}, false, err
			}
			if ok {
				return t, false, nil
			}
			if zoned {
				noZone = true
			}
			continue
		}
		if l.zoned {
			if t, err := time.Parse(l.text, s); err == nil {
				return t, l.dateOnly, nil
			}
			continue
		}
		if rd.loc == nil {
			if _, err := time.Parse(l.text, s); err == nil {
				noZone = true
			}
			continue
		}
		if t, err := time.ParseInLocation(l.text, s, rd.loc); err == nil {
			if l.dateOnly {
				return t, true, nil
			}
			return t, false, model.CheckLocalTime(t, l.text, s)
		}
	}
	if noZone {
		return time.Time{}, false, fmt.Errorf("%w: %s", model.ErrNoZone, quote(s))
	}
	return time.Time{}, false, fmt.Errorf("%w: %s fits none of the time layouts", model.ErrBadTime, quote(s))
}

// parseRFC3339 reads an RFC 3339 timestamp, with a space allowed for the
// T, and without an offset when loc is set. noZone reports a timestamp
// that would have been read had loc been set; err, a local time that loc
// skips (daylight saving), which is no time at all.
func parseRFC3339(s string, loc *time.Location) (t time.Time, noZone, ok bool, err error) {
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, false, true, nil
	}
	const local = "2006-01-02T15:04:05.999999999"
	if loc == nil {
		_, err := time.Parse(local, s)
		return time.Time{}, err == nil, false, nil
	}
	t, perr := time.ParseInLocation(local, s, loc)
	if perr != nil {
		return time.Time{}, false, false, nil
	}
	if err := model.CheckLocalTime(t, local, s); err != nil {
		return time.Time{}, false, false, err
	}
	return t, false, true, nil
}

// dataset returns the accepted inquiries with the agencies and channels
// they imply, sorted by ID.
func (rd *reader) dataset() model.Dataset {
	d := model.Dataset{Inquiries: rd.inquiries}
	for id := range rd.used {
		d.Agencies = append(d.Agencies, model.Agency{ID: id, Implied: true})
	}
	usedCh := make(map[string]bool)
	for _, q := range rd.inquiries {
		if _, ok := rd.implied[q.ChannelID]; ok {
			usedCh[q.ChannelID] = true
		}
	}
	for id := range usedCh {
		d.Channels = append(d.Channels, rd.implied[id])
	}
	slices.SortFunc(d.Agencies, func(a, b model.Agency) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(d.Channels, func(a, b model.Channel) int { return strings.Compare(a.ID, b.ID) })
	return d
}

// quote quotes a cell for an error message, shortening long ones.
func quote(s string) string {
	const max = 64
	if len(s) > max {
		return fmt.Sprintf("%q...", s[:max])
	}
	return fmt.Sprintf("%q", s)
}
