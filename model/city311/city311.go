package city311

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/internal/jsonkey"
)

// Layout names a city's export layout.
type Layout string

// Layouts. The empty Layout asks [Read] to detect it.
const (
	LayoutAuto           Layout = ""                 // detect from the header
	LayoutBoston2015     Layout = "boston_2015"      // upper case, leading unnamed index column: CASE_ENQUIRY_ID, OPEN_DT, TARGET_DT, CLOSED_DT, OnTime_Status, CASE_STATUS, Department, Source
	LayoutBoston2022     Layout = "boston_2022"      // lower case: case_enquiry_id, open_dt, target_dt, closed_dt, ontime, case_status, department, source
	LayoutNYCPortal      Layout = "nyc_portal"       // Title Case: Unique Key, Created Date, Closed Date, Agency, Status, Due Date, Open Data Channel Type
	LayoutNYCSocrataCSV  Layout = "nyc_socrata_csv"  // snake_case CSV: unique_key, created_date, closed_date, agency, status, due_date, open_data_channel_type
	LayoutNYCSocrataJSON Layout = "nyc_socrata_json" // the same keys in a JSON array of objects
	LayoutSF             Layout = "sf_bigquery"      // unique_key, created_date, closed_date, status, agency_name, source
)

// Layouts returns every named layout, in a fixed order.
func Layouts() []Layout {
	return []Layout{LayoutBoston2015, LayoutBoston2022, LayoutNYCPortal, LayoutNYCSocrataCSV, LayoutNYCSocrataJSON, LayoutSF}
}

// Zone returns the IANA time zone of the layout's city, e.g.
// "America/New_York", or "" for LayoutAuto. It is a hint for the caller
// filling [Options.Location]; the reader never applies it by itself.
func (l Layout) Zone() string {
	switch l {
	case LayoutBoston2015, LayoutBoston2022, LayoutNYCPortal, LayoutNYCSocrataCSV, LayoutNYCSocrataJSON:
		return "America/New_York"
	case LayoutSF:
		return "America/Los_Angeles"
	}
	return ""
}

// columns are the names of the columns a layout uses; "" means the layout
// has no such column.
type columns struct {
	id, open, close, target, status, agency, source, onTime string
}

func (l Layout) columns() (columns, bool) {
	switch l {
	case LayoutBoston2015:
		return columns{"CASE_ENQUIRY_ID", "OPEN_DT", "CLOSED_DT", "TARGET_DT", "CASE_STATUS", "Department", "Source", "OnTime_Status"}, true
	case LayoutBoston2022:
		return columns{"case_enquiry_id", "open_dt", "closed_dt", "target_dt", "case_status", "department", "source", "ontime"}, true
	case LayoutNYCPortal:
		return columns{"Unique Key", "Created Date", "Closed Date", "Due Date", "Status", "Agency", "Open Data Channel Type", ""}, true
	case LayoutNYCSocrataCSV, LayoutNYCSocrataJSON:
		return columns{"unique_key", "created_date", "closed_date", "due_date", "status", "agency", "open_data_channel_type", ""}, true
	case LayoutSF:
		return columns{"unique_key", "created_date", "closed_date", "", "status", "agency_name", "source", ""}, true
	}
	return columns{}, false
}

// required returns the columns a header must have for the layout.
func (c columns) required() []string { return []string{c.id, c.open, c.close, c.status, c.agency} }

// Warnings, in [model.Accounting.Warnings] wrapped in a [*model.ParseError].
// ErrClosedBeforeOpened and ErrMissingTarget are [model.ErrClosedBeforeOpened]
// and [model.ErrNoTarget], which other readers give too.
var (
	ErrClosedBeforeOpened = model.ErrClosedBeforeOpened
	ErrZeroLengthClosure  = errors.New("closed at the instant it was opened")
	ErrDateOnly           = errors.New("date without a time; read as local midnight")
	ErrMissingTarget      = model.ErrNoTarget
	ErrStatusMismatch     = errors.New("status and close time disagree; treated as unresolved")
	ErrUnknownOnTime      = errors.New("unknown on-time flag; left out")
)

// errClosedUnresolved is the warning of a case closed before it was
// opened.
var errClosedUnresolved = fmt.Errorf("%w; treated as unresolved", ErrClosedBeforeOpened)

// ErrUnknownLayout is returned when the header matches no layout, or lacks
// a column of the layout the caller chose.
var ErrUnknownLayout = errors.New("unknown 311 layout")

// DetectLayout returns the CSV layout whose columns header has. For a JSON
// file, pass the keys of its first element: snake_case NYC keys give
// LayoutNYCSocrataCSV, which [Read] turns into LayoutNYCSocrataJSON.
func DetectLayout(header []string) (Layout, error) {
	has := func(cols ...string) bool {
		for _, c := range cols {
			if !slices.Contains(header, c) {
				return false
			}
		}
		return true
	}
	for _, l := range []Layout{LayoutBoston2015, LayoutBoston2022, LayoutNYCPortal, LayoutNYCSocrataCSV, LayoutSF} {
		if c, _ := l.columns(); has(c.required()...) {
			return l, nil
		}
	}
	return LayoutAuto, fmt.Errorf("%w: the header has none of CASE_ENQUIRY_ID, case_enquiry_id, Unique Key or unique_key with its date, status and agency columns", ErrUnknownLayout)
}

// Options control [Read]. The zero value detects the layout and fails for
// want of a Location: every 311 layout writes local times without offsets.
type Options struct {
	model.ReadOptions
	// Layout is the file's layout; LayoutAuto detects it.
	Layout Layout
	// AgencyPrefixes groups agency names: a name that starts with one of
	// them, followed by a space, '_', '-' or the end of the name, becomes
	// that prefix (the longest that fits). nil takes the layout's default:
	// [SFAgencyPrefixes] for San Francisco, none for the others. An empty,
	// non-nil slice groups nothing.
	AgencyPrefixes []string
	// OtherChannel is the channel kind of sources that name no known kind;
	// empty means model.ChannelWebForm.
	OtherChannel model.ChannelKind
}

// SFAgencyPrefixes returns the default grouping of San Francisco's work
// queues into departments: DPW, DPT, PUC, RPD, DBI, SFMTA, MUNI, DPH, 311,
// Recology, Parking Enforcement, PG and E, Clear Channel and Housing
// Authority.
func SFAgencyPrefixes() []string {
	return []string{"DPW", "DPT", "PUC", "RPD", "DBI", "SFMTA", "MUNI", "DPH", "311", "Recology",
		"Parking Enforcement", "PG and E", "Clear Channel", "Housing Authority"}
}

// Result is what [Read] returns besides the accounting.
type Result struct {
	// Accounting holds the rows read, accepted and rejected:
	// Read == Accepted + len(Rejected).
	model.Accounting
	// Layout is the layout the file was read as.
	Layout Layout
	// CityOnTime is the city's own verdict per inquiry ID (true for ONTIME,
	// false for OVERDUE), for layouts that publish one; cases with an
	// empty flag are absent.
	CityOnTime map[string]bool
}

// Read reads one 311 export, CSV or (for NYC's Socrata API) a JSON array,
// and returns its inquiries with their implied agencies and channels, and
// what it made of the rows: every row accounted for, the layout and the
// city's on-time verdicts, in the shape of every reader of model and its
// subpackages (a dataset, a result holding the model.Accounting, an
// error). Strict reads stop at the first rejected row; lenient ones go on,
// as [model.ReadOptions] says. Read is safe for concurrent use on
// different readers.
func Read(r io.Reader, opts Options) (model.Dataset, Result, error) {
	b := &builder{opts: opts, t: model.NewTally(opts.ReadOptions), res: &Result{}, agencies: map[string]bool{}, channels: map[string]bool{}}
	if opts.Location == nil {
		return model.Dataset{}, Result{Accounting: b.t.Accounting()}, b.t.FileError(1, "", fmt.Errorf("%w: 311 exports write local times; set Options.Location (e.g. %q for Boston and NYC)", model.ErrNoZone, "America/New_York"))
	}
	if err := checkLocation(opts.Location); err != nil {
		return model.Dataset{}, Result{Accounting: b.t.Accounting()}, b.t.FileError(1, "", fmt.Errorf("Options.Location: %w", err))
	}
	if opts.Layout != LayoutAuto {
		if _, ok := opts.Layout.columns(); !ok {
			return model.Dataset{}, Result{Accounting: b.t.Accounting()}, b.t.FileError(1, "", fmt.Errorf("%w: %q", ErrUnknownLayout, opts.Layout))
		}
	}
	// A byte order mark is skipped: here to tell JSON from CSV, by
	// model.ReadCSVHeader for CSV, and by readJSON's Discard for JSON.
	br := bufio.NewReaderSize(r, 64<<10)
	bom := 0
	if p, err := br.Peek(3); err == nil && string(p) == "\uFEFF" {
		bom = 3
	}
	var err error
	if firstByte(br, bom) == '[' || opts.Layout == LayoutNYCSocrataJSON {
		br.Discard(bom)
		err = b.readJSON(br)
	} else {
		err = b.readCSV(br)
	}
	if b.res.Layout == LayoutAuto {
		return model.Dataset{}, Result{Accounting: b.t.Accounting()}, err
	}
	b.res.Accounting = b.t.Accounting()
	return b.ds, *b.res, err
}

// checkLocation returns nil when loc may be the time zone of the agencies
// of a read: its name is one that [model.CheckTimeZone] accepts, so that
// the agencies name the zone their times were read in. time.Local, which
// depends on the machine, and a fixed zone without an IANA name are not.
func checkLocation(loc *time.Location) error {
	name := loc.String()
	if name == "" {
		return fmt.Errorf("%w: a location without a name; load it with time.LoadLocation", model.ErrUnknownValue)
	}
	return model.CheckTimeZone(name)
}

// firstByte returns the first byte after the first skip bytes that is not
// white space, without consuming it, or 0.
func firstByte(br *bufio.Reader, skip int) byte {
	for n := skip + 1; n <= skip+4096; n++ {
		p, err := br.Peek(n)
		if len(p) < n {
			return 0
		}
		if c := p[n-1]; c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return c
		}
		if err != nil {
			return 0
		}
	}
	return 0
}

// fieldError is a reason to reject a row, naming the column at fault.
type fieldError struct {
	field string
	err   error
}

// builder turns rows into the dataset.
type builder struct {
	opts     Options
	t        *model.Tally
	res      *Result
	ds       model.Dataset // the inquiries and their implied agencies and channels
	cols     columns
	prefixes []string
	agencies map[string]bool
	channels map[string]bool
	ids      map[string]bool // case IDs accepted so far
}

func (b *builder) setLayout(l Layout) {
	b.res.Layout = l
	b.cols, _ = l.columns()
	b.prefixes = b.opts.AgencyPrefixes
	if b.prefixes == nil && l == LayoutSF {
		b.prefixes = SFAgencyPrefixes()
	}
	if b.cols.onTime != "" {
		b.res.CityOnTime = map[string]bool{}
	}
}

func (b *builder) readCSV(r io.Reader) error {
	cr, header, _, err := model.ReadCSVHeader(r, b.t)
	if err != nil {
		return err
	}
	for _, c := range header {
		if !utf8.ValidString(c) {
			return b.t.FileError(1, "", fmt.Errorf("header: %w", model.ErrEncoding))
		}
	}
	l := b.opts.Layout
	if l == LayoutAuto {
		if l, err = DetectLayout(header); err != nil {
			return b.t.FileError(1, "", err)
		}
	} else if l == LayoutNYCSocrataJSON {
		l = LayoutNYCSocrataCSV
	}
	c, _ := l.columns()
	for _, col := range c.required() {
		if !slices.Contains(header, col) {
			return b.t.FileError(1, col, fmt.Errorf("%w: layout %s needs column %q", ErrUnknownLayout, l, col))
		}
	}
	b.setLayout(l)
	idx := map[string]int{}
	for i, col := range header {
		if _, dup := idx[col]; !dup {
			idx[col] = i
		}
	}
	for {
		rec, line, err := b.t.NextCSVRecord(cr)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		var fe *fieldError
		if i, err := b.opts.CheckRecord(rec); err != nil {
			col := ""
			if i >= 0 && i < len(header) {
				col = header[i]
			}
			fe = &fieldError{col, err}
		} else if len(rec) != len(header) {
			fe = &fieldError{"", fmt.Errorf("%w: %d fields, header has %d", csv.ErrFieldCount, len(rec), len(header))}
		} else {
			for i, f := range rec {
				if !utf8.ValidString(f) {
					fe = &fieldError{header[i], model.ErrEncoding}
					break
				}
			}
		}
		if fe == nil {
			fe = b.row(line, func(col string) (string, bool) {
				i, ok := idx[col]
				if !ok || col == "" {
					return "", false
				}
				return rec[i], true
			})
		}
		if fe != nil {
			if stop := b.t.Reject(line, fe.field, fe.err); stop != nil {
				return stop
			}
			continue
		}
		b.t.Accept()
	}
}

// readJSON reads a JSON array of flat objects (NYC's Socrata API). Errors
// name the line where the element starts.
func (b *builder) readJSON(r io.Reader) error {
	data, err := b.t.ReadDocument(r)
	if err != nil {
		return err
	}
	lines := lineCounter{data: data}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return b.t.FileError(lines.at(int(dec.InputOffset())), "", fmt.Errorf("%w: want a JSON array: %v", model.ErrMissing, err))
	}
	if tok != json.Delim('[') {
		return b.t.FileError(1, "", fmt.Errorf("%w: want a JSON array", model.ErrUnknownValue))
	}
	l := b.opts.Layout
	if l == LayoutAuto || l == LayoutNYCSocrataCSV {
		l = LayoutNYCSocrataJSON
	}
	if l != LayoutNYCSocrataJSON {
		return b.t.FileError(1, "", fmt.Errorf("%w: layout %s is CSV, the input is JSON", ErrUnknownLayout, l))
	}
	b.setLayout(l)
	for dec.More() {
		off := int(dec.InputOffset())
		for off < len(data) && (data[off] == ' ' || data[off] == '\t' || data[off] == '\r' || data[off] == '\n' || data[off] == ',') {
			off++
		}
		line := lines.at(off)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// The decoder cannot resynchronise after a syntax error.
			if stop := b.t.Reject(line, "", err); stop != nil {
				return stop
			}
			return b.t.FileError(line, "", err)
		}
		var fe *fieldError
		var obj map[string]json.RawMessage
		if !utf8.Valid(raw) || !jsonkey.ValidEscapes(raw) {
			fe = &fieldError{"", model.ErrEncoding}
		} else if path, err := jsonkey.Check(raw, model.ErrRepeatedKey); err != nil {
			fe = &fieldError{path, err}
		} else if err := json.Unmarshal(raw, &obj); err != nil {
			fe = &fieldError{"", fmt.Errorf("%w: want a JSON object", model.ErrUnknownValue)}
		} else {
			fe = b.row(line, func(key string) (string, bool) {
				v, ok := obj[key]
				if !ok || key == "" || string(v) == "null" {
					return "", false
				}
				var s string
				if json.Unmarshal(v, &s) != nil {
					return string(v), true // a number or other value, as written
				}
				return s, true
			})
		}
		if fe != nil {
			if stop := b.t.Reject(line, fe.field, fe.err); stop != nil {
				return stop
			}
			continue
		}
		b.t.Accept()
	}
	if _, err := dec.Token(); err != nil {
		return b.t.FileError(lines.at(int(dec.InputOffset())), "", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the JSON array")
		}
		return b.t.FileError(lines.at(int(dec.InputOffset())), "", err)
	}
	return nil
}

// row turns one row, whose cells get returns, into an inquiry. It adds
// warnings for an accepted row only.
func (b *builder) row(line int, get func(col string) (string, bool)) *fieldError {
	c := b.cols
	raw := func(col string) string { s, _ := get(col); return s }
	val := func(col string) string { return strings.TrimSpace(raw(col)) }
	id := val(c.id)
	if id == "" {
		return &fieldError{c.id, model.ErrMissing}
	}
	// The ID and the agency are checked as written, before the white
	// space around them is trimmed: a control character is refused, not
	// trimmed away.
	if err := model.CheckText(raw(c.id)); err != nil {
		return &fieldError{c.id, err}
	}
	if b.ids[id] {
		return &fieldError{c.id, fmt.Errorf("%w: case %q was read earlier in the input", model.ErrDuplicateID, id)}
	}
	if err := model.CheckText(raw(c.agency)); err != nil {
		return &fieldError{c.agency, err}
	}
	agency := b.group(val(c.agency))
	if agency == "" {
		return &fieldError{c.agency, model.ErrMissing}
	}
	var warns []fieldError
	stamp := func(col string) (time.Time, *fieldError) {
		s := val(col)
		if s == "" {
			return time.Time{}, nil
		}
		t, dateOnly, err := parseLocal(s, b.opts.Location)
		if err == nil {
			err = model.CheckTime(t)
		}
		if err != nil {
			return time.Time{}, &fieldError{col, err}
		}
		if dateOnly {
			warns = append(warns, fieldError{col, ErrDateOnly})
		}
		return t, nil
	}
	open, fe := stamp(c.open)
	if fe != nil {
		return fe
	}
	if open.IsZero() {
		return &fieldError{c.open, model.ErrMissing}
	}
	closed, fe := stamp(c.close)
	if fe != nil {
		return fe
	}
	var due time.Time
	if c.target != "" {
		if due, fe = stamp(c.target); fe != nil {
			return fe
		}
		if due.IsZero() {
			warns = append(warns, fieldError{c.target, ErrMissingTarget})
		} else if due.Before(open) {
			warns = append(warns, fieldError{c.target, fmt.Errorf("%w: target before open", model.ErrBeforeReceipt)})
			due = time.Time{}
		}
	}
	status := val(c.status)
	isClosed := strings.EqualFold(status, "closed")
	var resolved time.Time
	switch {
	case isClosed && closed.IsZero():
		warns = append(warns, fieldError{c.close, fmt.Errorf("%w: status %q without a close time", ErrStatusMismatch, status)})
	case !isClosed && !closed.IsZero():
		warns = append(warns, fieldError{c.status, fmt.Errorf("%w: status %q with a close time", ErrStatusMismatch, status)})
	case isClosed && closed.Before(open):
		warns = append(warns, fieldError{c.close, errClosedUnresolved})
	case isClosed:
		resolved = closed
		if closed.Equal(open) {
			warns = append(warns, fieldError{c.close, ErrZeroLengthClosure})
		}
	}
	if c.onTime != "" {
		switch f := strings.ToUpper(val(c.onTime)); f {
		case "ONTIME":
			b.res.CityOnTime[id] = true
		case "OVERDUE":
			b.res.CityOnTime[id] = false
		case "":
		default:
			warns = append(warns, fieldError{c.onTime, fmt.Errorf("%w: %q", ErrUnknownOnTime, f)})
		}
	}
	kind, ok := model.ChannelKindOfSource(val(c.source))
	if !ok {
		kind = b.opts.OtherChannel
		if kind == "" {
			kind = model.ChannelWebForm
		}
	}
	ch := agency + "/" + string(kind)
	ds := &b.ds
	if !b.agencies[agency] {
		b.agencies[agency] = true
		ds.Agencies = append(ds.Agencies, model.Agency{ID: agency, Name: agency, TimeZone: b.opts.Location.String(), Implied: true})
	}
	if !b.channels[ch] {
		b.channels[ch] = true
		ds.Channels = append(ds.Channels, model.Channel{ID: ch, AgencyID: agency, Kind: kind, Implied: true})
	}
	if b.ids == nil {
		b.ids = map[string]bool{}
	}
	b.ids[id] = true
	ds.Inquiries = append(ds.Inquiries, model.Inquiry{
		ID: id, AgencyID: agency, ChannelID: ch, ReceivedAt: open,
		FirstReplyAt: resolved, ResolvedAt: resolved, DueAt: due,
	})
	for _, w := range warns {
		b.t.Warn(line, w.field, w.err)
	}
	return nil
}

// group applies the agency prefix rule to name.
func (b *builder) group(name string) string {
	best := ""
	for _, p := range b.prefixes {
		if len(p) > len(best) && strings.HasPrefix(name, p) {
			if rest := name[len(p):]; rest == "" || rest[0] == ' ' || rest[0] == '_' || rest[0] == '-' {
				best = p
			}
		}
	}
	if best != "" {
		return best
	}
	return name
}

// Local time layouts of the 311 exports; a fraction of a second after the
// seconds is accepted by time.Parse without being written here.
var localLayouts = []string{
	"01/02/2006 03:04:05 PM", // Boston 2015, NYC portal
	"2006-01-02 15:04:05",    // Boston 2022, SF (after its " UTC" is cut)
	"2006-01-02T15:04:05",    // NYC Socrata
	"01/02/2006 15:04:05",
	"01/02/2006 03:04 PM",
	"2006-01-02 15:04",
	"2006-01-02T15:04",
}

var dateLayouts = []string{"01/02/2006", "2006-01-02"}

// parseLocal reads a local time in loc, ignoring a trailing " UTC" label
// (San Francisco's), and reports whether it was a bare date.
func parseLocal(s string, loc *time.Location) (t time.Time, dateOnly bool, err error) {
	s = strings.TrimSuffix(s, " UTC")
	for _, l := range localLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, false, model.CheckLocalTime(t, l, s)
		}
	}
	for _, l := range dateLayouts {
		if t, err := time.ParseInLocation(l, s, loc); err == nil {
			return t, true, nil
		}
	}
	q := s
	if len(q) > 64 {
		q = q[:64] + "..."
	}
	return time.Time{}, false, fmt.Errorf("%w: %q is not a 311 local time", model.ErrBadTime, q)
}

// lineCounter turns increasing byte offsets into 1-based line numbers.
type lineCounter struct {
	data []byte
	off  int
	line int
}

func (c *lineCounter) at(off int) int {
	off = min(max(off, 0), len(c.data))
	if off < c.off {
		c.off, c.line = 0, 0
	}
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line + 1
}
