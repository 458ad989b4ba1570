package model

import (
	"bufio"
	"encoding/binary"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
	"unsafe"
)

// inquiryColumns are the columns of an inquiries file, in the order
// [WriteInquiriesCSV] writes them (it writes all but "channel").
var inquiryColumns = []string{"id", "agency_id", "channel_id", "channel", "requester",
	"received_at", "first_reply_at", "resolved_at", "due_at", "accuracy"}

var inquiryLayout = csvLayout{
	columns:  inquiryColumns,
	required: []string{"id", "agency_id", "received_at"},
}

// ReadInquiriesCSV reads inquiries from a CSV file with a header row. The
// columns may come in any order:
//
//	column          required  content
//	id              yes       the inquiry's ID, unique within the file
//	agency_id       yes       the agency addressed
//	channel_id      (a)       the channel it arrived on
//	channel         (a)       the kind of that channel: x, facebook, ... (see [ChannelKind])
//	requester                 public, media, business, auditor or empty
//	received_at     yes       when it arrived
//	first_reply_at            when the agency first answered; empty if it did not
//	resolved_at               when the matter was closed
//	due_at                    when the agency promised an answer
//	accuracy                  accurate, partial, inaccurate, deflection, ungraded or empty
//
// (a) The header must have channel_id, channel or both, and each row must
// give a channel_id or a channel. A row that gives only a channel kind
// arrived on the agency's implied channel of that kind: its ChannelID is
// agency_id + "/" + kind, and the returned Dataset holds a [Channel] with
// that ID and Implied set. A row that gives both uses channel_id; the kind
// is checked but implies nothing, since the channel is expected to be
// declared in a channels file. The Dataset also holds an implied [Agency]
// for each agency named by an accepted row. Implied agencies and channels
// are sorted by ID; inquiries keep the order of the file. Combine the
// result with declared agencies and channels using [Merge].
//
// The CSV dialect is that of encoding/csv with its defaults: fields
// separated by commas, quoted with double quotes ("" for a quote inside),
// a quoted field may hold commas and line breaks, \r\n ends a line like \n,
// blank lines are skipped and a UTF-8 byte order mark at the start is
// ignored. Column names match exactly. A header with an unknown or
// repeated column, or without a required one, is an error naming the
// column; no row is read.
//
// Timestamps are RFC 3339 with a UTC offset or Z, e.g.
// 2025-03-01T09:30:00+03:00, with optional fractional seconds and a space
// allowed in place of the T. Each instant keeps the offset it was written
// with; an offset of zero reads as UTC. A timestamp without an offset is
// read in opts.Location or, when that is nil, rejected with [ErrNoZone];
// anything else that is not a timestamp is rejected with [ErrBadTime], and
// an instant before 1970 or from 2200 on with [ErrImplausibleTime] (see
// [CheckTime]). An empty cell is an absent instant (the zero time.Time).
//
// A row is rejected with a [*ParseError] naming its line (the line where
// it starts), the column at fault and the reason when: it has more fields
// than opts.MaxFields or a field longer than opts.MaxFieldBytes
// ([ErrTooLarge]; see [ReadOptions] for the limits and their defaults);
// it has more or fewer cells than the header ([csv.ErrFieldCount]) or is
// not valid CSV (csv.ErrQuote, csv.ErrBareQuote); a cell is not valid
// UTF-8 ([ErrEncoding]); id or received_at is empty, or neither a
// channel_id nor a channel is given ([ErrMissing]); an id, agency_id or
// channel_id holds a control or bidirectional formatting character
// ([ErrControlCharacter]; see [CheckText]); a channel, requester or
// accuracy cell holds an unknown word ([ErrUnknownValue]); a timestamp is
// bad; a graded inquiry has no reply ([ErrOutOfRange]); or its id repeats
// that of an earlier accepted row ([ErrDuplicateID]). Only the first
// problem of a row is reported; [Dataset.Validate] reports them all. A
// record too long to be within the limits ends the read (see
// [ReadOptions.MaxFields]).
//
// A reply, resolution or due time dated before receipt is dropped, with a
// warning in [Accounting.Warnings] ([ErrBeforeReceipt]), and the inquiry
// kept: unanswered (its grade dropped too), unresolved, or without a
// promised time. Every reader of inquiries does the same, so that an
// export cannot make an inquiry vanish by misdating its reply; a Go value
// with such an instant fails [Inquiry.Validate].
//
// In strict mode (the default) reading stops at the first bad row and
// returns that row's *ParseError with the inquiries accepted so far. In
// lenient mode (opts.Lenient) every bad row is recorded in
// [Accounting.Rejected] and reading goes on, unless opts.MaxRejects is
// positive and more rows than that were rejected: then reading stops with
// an error wrapping [ErrTooManyRejects]. Either way the returned
// Accounting counts every data row: Read == Accepted + len(Rejected).
//
// An error from r itself is returned wrapped with the file's name.
//
// Repeated agency and channel IDs share one string, so that a large file
// costs memory for what differs between rows, not for what repeats.
func ReadInquiriesCSV(r io.Reader, opts ReadOptions) (Dataset, Accounting, error) {
	b := newInquiryBuilder(opts)
	acct, err := readCSV(r, opts, inquiryLayout, b.inquiries.reserve, func(h csvHeader) (rowFunc, *fieldError) {
		var col [len(inquiryFields)]int
		for i, name := range inquiryFields {
			col[i] = h.index(name)
		}
		if col[fChannelID] < 0 && col[fChannel] < 0 {
			return nil, &fieldError{"channel_id", fmt.Errorf("%w: the header needs a channel_id or a channel column", ErrMissing)}
		}
		var cells inquiryCells
		return func(rec [][]byte) *fieldError {
			for i, c := range col {
				cells[i] = cell(rec, c)
			}
			return b.add(&cells)
		}, nil
	})
	return b.dataset(), acct, err
}

// ReadInquiriesJSONL reads inquiries from JSON Lines: one JSON object per
// line with the keys of [Inquiry]'s JSON encoding (id, agency_id,
// channel_id, requester, received_at, first_reply_at, resolved_at, due_at,
// accuracy) and optionally "channel", a channel kind. Values are JSON
// strings, or null for an absent value. A key not in this list is an error
// naming the key, as is a value that is not a string, and a key that
// appears twice in one object ([ErrRepeatedKey]; keys that differ only in
// case count as one). Blank lines are skipped and not counted; line
// numbers in errors are physical lines.
//
// Apart from that, everything works as in [ReadInquiriesCSV]: implied
// channels and agencies, timestamps (read from their strings, so a
// timestamp without an offset is [ErrNoZone] unless opts.Location is set),
// the reasons a line is rejected, strict and lenient mode, and the
// accounting. A line that is not valid UTF-8, or whose \u escapes are not
// Unicode scalar values, is rejected with [ErrEncoding].
func ReadInquiriesJSONL(r io.Reader, opts ReadOptions) (Dataset, Accounting, error) {
	b := newInquiryBuilder(opts)
	var cells inquiryCells
	acct, err := readLines(r, opts, func(line []byte) *fieldError {
		if fe := jsonCells(line, &cells); fe != nil {
			return fe
		}
		return b.add(&cells)
	})
	return b.dataset(), acct, err
}

// jsonCells fills cells from one JSON Lines object of an inquiry.
func jsonCells(line []byte, cells *inquiryCells) *fieldError {
	ms, err := members(line)
	if err != nil {
		return membersError(err)
	}
	if fe := checkKeys(ms, inquiryFields[:], nil); fe != nil {
		return fe
	}
	*cells = inquiryCells{}
	for _, m := range ms {
		s, fe := jsonString(m)
		if fe != nil {
			return fe
		}
		cells[slices.Index(inquiryFields[:], m.key)] = []byte(s)
	}
	return nil
}

// The fields of an inquiry record, as cells, in the order checked.
const (
	fID = iota
	fAgencyID
	fChannelID
	fChannel
	fRequester
	fReceivedAt
	fFirstReplyAt
	fResolvedAt
	fDueAt
	fAccuracy
)

var inquiryFields = [...]string{
	fID: "id", fAgencyID: "agency_id", fChannelID: "channel_id", fChannel: "channel",
	fRequester: "requester", fReceivedAt: "received_at", fFirstReplyAt: "first_reply_at",
	fResolvedAt: "resolved_at", fDueAt: "due_at", fAccuracy: "accuracy",
}

// inquiryBuilder turns the cells of inquiry rows into inquiries and keeps
// what the rows imply: agencies and channels.
type inquiryBuilder struct {
	times  timeParser
	idText []byte // the block of memory inquiry IDs are copied into: see idString
	parsed struct {
		sym     *agencySymbol // the agency of the inquiry parse made last
		kind    int           // its channel kind's index; -1 when the row named none
		channel int32         // its channel's number in read (see Row.Channel); -1 when none
	}
	agencies map[string]*agencySymbol
	recent   [1 << recentAgencyBits]*agencySymbol // see agency
	channels map[string]channelSymbol             // by the IDs of the channel_id column
	// read numbers the channels of the streaming read the builder parses
	// rows of, with its other builders; nil when it is not one.
	read *readChannels
	// row is handed to a RowSink, row after row. Rows are parsed into
	// its inquiry (see scratch), and it names a read only from the end
	// of a parse to the start of the next.
	row       Row
	ids       idSet
	inquiries chunks[Inquiry]
	// warnings are the caveats of the row parse read last: instants before
	// receipt, dropped.
	warnings []fieldError
}

// agencySymbol is the one copy of an agency ID that every inquiry of the
// agency shares, and the channels its inquiries imply.
type agencySymbol struct {
	id       string
	control  int                   // controlAt(id): an agency ID is checked once, when first seen
	key      shortText             // id, when short; n is -1 for a longer one
	used     bool                  // an accepted inquiry names the agency
	implied  [numKinds]string      // implied channel IDs by kind index, made when first needed
	numbers  [numKinds]int32       // their numbers in the builder's read (see Row.Channel)
	kinds    [numKinds]ChannelKind // the kinds of those channels
	usedKind [numKinds]bool        // an accepted inquiry arrived on the implied channel
}

const numKinds = 8 // len(ChannelKinds()); checked by a test

// channelSymbol is the one copy of a channel ID of the channel_id column
// that every inquiry of the channel shares, and the number in the
// builder's read of the channel with the agency of the first row that
// named it.
type channelSymbol struct {
	id     string
	agency *agencySymbol
	n      int32
}

// The enumerations, for lookups that must not allocate.
var (
	channelKinds = ChannelKinds()
	requesters   = Requesters()
	accuracies   = Accuracies()

	channelKindIndex = newEnumIndex(channelKinds)
	requesterIndex   = newEnumIndex(requesters)
	accuracyIndex    = newEnumIndex(accuracies)
)

func newInquiryBuilder(opts ReadOptions) *inquiryBuilder {
	return &inquiryBuilder{
		times:    timeParser{loc: opts.Location},
		agencies: make(map[string]*agencySymbol),
		channels: make(map[string]channelSymbol),
	}
}

// channelNumber returns the number of the channel with the agency in b's
// read, or -1 when b parses no streaming read or the read numbers no more
// channels.
func (b *inquiryBuilder) channelNumber(agency, channel string) int32 {
	if b.read == nil {
		return -1
	}
	return b.read.number(agency, channel)
}

// scratch returns the inquiry the layouts parse rows into: the one the
// builder hands to a RowSink, so that a row is not copied into it.
func (b *inquiryBuilder) scratch() *Inquiry { return &b.row.q }

// add turns the cells of one row into an inquiry and keeps it, or returns
// the row's first problem.
func (b *inquiryBuilder) add(c *inquiryCells) *fieldError {
	var q Inquiry
	if fe := b.parse(c, &q); fe != nil {
		return fe
	}
	sym, kind := b.parsed.sym, b.parsed.kind
	if b.ids.has(c[fID], &b.inquiries) {
		return &fieldError{"id", fmt.Errorf("%w: %s", ErrDuplicateID, quoteCell(string(c[fID])))}
	}
	b.ids.add(q.ID)
	sym.used = true
	if kind >= 0 && len(c[fChannelID]) == 0 {
		sym.usedKind[kind] = true
	}
	b.inquiries.add(q)
	return acceptedWith(b.warnings)
}

// inquiryCells are the cells of one inquiry row, by field.
type inquiryCells = [len(inquiryFields)][]byte

// parse turns the cells of one row into the inquiry q, or returns the
// row's first problem other than a repeated ID. It leaves the symbol of the
// inquiry's agency and the index of its channel kind (-1 when the row names
// none) in b.parsed.
func (b *inquiryBuilder) parse(c *inquiryCells, q *Inquiry) *fieldError {
	b.row.read = ReadID{} // q may be b.row's: a row half-parsed is no read's
	*q = Inquiry{}
	b.warnings = b.warnings[:0]
	if len(c[fID]) == 0 {
		return &fieldError{"id", ErrMissing}
	}
	if i := controlAt(c[fID]); i >= 0 {
		return &fieldError{"id", textError(string(c[fID]), i)}
	}
	var sym *agencySymbol
	if id := c[fAgencyID]; len(id) > 0 {
		sym = b.agency(id)
		if sym.control >= 0 {
			return &fieldError{"agency_id", textError(sym.id, sym.control)}
		}
		q.AgencyID = sym.id
	}
	kind := -1
	if s := c[fChannel]; len(s) > 0 {
		kind = channelKindIndex.index(s)
		if kind < 0 {
			return &fieldError{"channel", fmt.Errorf("%w: channel kind %s", ErrUnknownValue, quoteCell(string(s)))}
		}
	}
	var knownRequester, knownAccuracy bool // a value of the enumeration, or empty
	q.Requester, knownRequester = requesterIndex.canonical(c[fRequester])
	q.Accuracy, knownAccuracy = accuracyIndex.canonical(c[fAccuracy])
	// The Unix seconds of the instants, received first; an instant not
	// given is after any other.
	unix := [...]int64{math.MaxInt64, math.MaxInt64, math.MaxInt64, math.MaxInt64}
	for k, f := range [...]struct {
		i int
		t *time.Time
	}{{fReceivedAt, &q.ReceivedAt}, {fFirstReplyAt, &q.FirstReplyAt}, {fResolvedAt, &q.ResolvedAt}, {fDueAt, &q.DueAt}} {
		if s := c[f.i]; len(s) > 0 {
			t, sec, err := b.times.parseUnix(s)
			if err != nil {
				return &fieldError{inquiryFields[f.i], err}
			}
			*f.t, unix[k] = t, sec
		}
	}
	if r := unix[0]; r != math.MaxInt64 && min(unix[1], unix[2], unix[3]) <= r {
		// An instant may be before the receipt: the seconds cannot tell
		// when they are the same.
		b.dropBeforeReceipt(q)
	}
	// check's common case, less the order of the instants, which
	// dropBeforeReceipt has just put right.
	if q.AgencyID == "" || !knownRequester || !knownAccuracy || q.ReceivedAt.IsZero() ||
		q.FirstReplyAt.IsZero() && q.Accuracy.Graded() {
		if fe := firstProblem(q.check()); fe != nil {
			return fe
		}
	}
	var channel int32
	switch {
	case len(c[fChannelID]) > 0:
		ch, ok := b.channels[string(c[fChannelID])]
		if !ok {
			if i := controlAt(c[fChannelID]); i >= 0 {
				return &fieldError{"channel_id", textError(string(c[fChannelID]), i)}
			}
			ch.id, ch.agency = string(c[fChannelID]), sym
			ch.n = b.channelNumber(sym.id, ch.id) // sym is not nil: check found agency_id
			b.channels[ch.id] = ch
		}
		q.ChannelID, channel = ch.id, ch.n
		if ch.agency != sym {
			channel = -1 // numbered with another agency
		}
	case kind >= 0: // sym is not nil: check found agency_id
		if sym.implied[kind] == "" {
			sym.kinds[kind] = channelKinds[kind]
			sym.implied[kind] = sym.id + "/" + string(sym.kinds[kind])
			sym.numbers[kind] = b.channelNumber(sym.id, sym.implied[kind])
		}
		q.ChannelID, channel = sym.implied[kind], sym.numbers[kind]
	default:
		return &fieldError{"channel_id", fmt.Errorf("%w: neither channel_id nor channel given", ErrMissing)}
	}
	q.ID = b.idString(c[fID])
	b.parsed.sym, b.parsed.kind, b.parsed.channel = sym, kind, channel
	return nil
}

// dropBeforeReceipt drops, with a warning each, the instants of q dated
// before its receipt: a reply (and its grade, which needs a reply), a
// resolution, a promised time. The inquiry is kept: an export that dates
// a reply before its inquiry cannot make the inquiry disappear, and the
// reply cannot be trusted to have been in time. Every reader of inquiries
// does the same (the 311, Open311 and X readers included).
func (b *inquiryBuilder) dropBeforeReceipt(q *Inquiry) {
	if !setBefore(q.FirstReplyAt, q.ReceivedAt) && !setBefore(q.ResolvedAt, q.ReceivedAt) && !setBefore(q.DueAt, q.ReceivedAt) {
		return // the common case, decided without building anything
	}
	for _, f := range [...]struct {
		name string
		t    *time.Time
		what string
	}{{"first_reply_at", &q.FirstReplyAt, "kept as unanswered"}, {"resolved_at", &q.ResolvedAt, "kept as unresolved"},
		{"due_at", &q.DueAt, "kept without a promised time"}} {
		if !setBefore(*f.t, q.ReceivedAt) {
			continue
		}
		what := f.what
		if f.name == "first_reply_at" && q.Accuracy.Graded() {
			q.Accuracy, what = "", what+", its grade dropped"
		}
		b.warnings = append(b.warnings, fieldError{f.name, fmt.Errorf("%w: %s is before %s; %s", ErrBeforeReceipt,
			f.t.Format(time.RFC3339), q.ReceivedAt.Format(time.RFC3339), what)})
		*f.t = time.Time{}
	}
}

// setBefore reports whether t is set (not zero) and before recv.
func setBefore(t, recv time.Time) bool { return !t.IsZero() && t.Before(recv) }

// agency returns the symbol of the agency id, made on first sight: from
// a cache of recent agencies by a hash of their ID when there, which costs
// less than the map.
func (b *inquiryBuilder) agency(id []byte) *agencySymbol {
	slot := &b.recent[textHash(id)>>(64-recentAgencyBits)]
	if sym := *slot; sym != nil {
		if key, ok := shortTextOf(id); ok {
			if key == sym.key {
				return sym
			}
		} else if sym.id == string(id) {
			return sym
		}
	}
	sym := b.agencies[string(id)]
	if sym == nil {
		sym = &agencySymbol{id: string(id), control: controlAt(id), key: shortText{n: -1}}
		if key, ok := shortTextOf(id); ok {
			sym.key = key
		}
		b.agencies[sym.id] = sym
	}
	*slot = sym
	return sym
}

// recentAgencyBits sizes the cache of recent agencies: 2048, in 16 KiB.
const recentAgencyBits = 11

// textHash is a hash of b, cheap and good enough for a cache: its first
// and last eight bytes and its length.
func textHash(b []byte) uint64 {
	var x uint64
	if len(b) >= 8 {
		x = binary.LittleEndian.Uint64(b) ^ bits.RotateLeft64(binary.LittleEndian.Uint64(b[len(b)-8:]), 29)
	} else {
		for _, c := range b {
			x = x<<8 | uint64(c)
		}
	}
	return (x ^ uint64(len(b))) * 0x9E3779B97F4A7C15
}

// idString returns id as a string copied into a block of memory that it
// shares with the IDs of the rows after it, rather than in an allocation
// of its own: a block holds the IDs of thousands of rows, and a sink that
// keeps one ID keeps its block. A block's bytes are never written once a
// string holds them.
func (b *inquiryBuilder) idString(id []byte) string {
	n := len(id)
	if n == 0 {
		return ""
	}
	if n+16 > cap(b.idText)-len(b.idText) {
		b.idText = make([]byte, 0, max(idBlock, n))
	}
	start := len(b.idText)
	if n <= 16 && cap(id) >= 16 {
		// Two words, without a call: the bytes after id, up to its
		// capacity, are read, and written after the ID, where no string
		// holds them yet.
		src, dst := id[:16], b.idText[start:start+16]
		binary.LittleEndian.PutUint64(dst, binary.LittleEndian.Uint64(src))
		binary.LittleEndian.PutUint64(dst[8:], binary.LittleEndian.Uint64(src[8:]))
		b.idText = b.idText[:start+n]
	} else {
		b.idText = append(b.idText, id...)
	}
	return unsafe.String(&b.idText[start], n)
}

// idBlock is the size of the blocks inquiry IDs are copied into.
const idBlock = 32 << 10

// dataset returns the accepted inquiries with the agencies and channels
// they imply, sorted by ID.
func (b *inquiryBuilder) dataset() Dataset {
	d := Dataset{Inquiries: b.inquiries.all()}
	for _, sym := range b.agencies {
		if !sym.used {
			continue
		}
		d.Agencies = append(d.Agencies, Agency{ID: sym.id, Implied: true})
		for k, used := range sym.usedKind {
			if used {
				d.Channels = append(d.Channels, Channel{ID: sym.implied[k], AgencyID: sym.id, Kind: sym.kinds[k], Implied: true})
			}
		}
	}
	slices.SortFunc(d.Agencies, func(a, b Agency) int { return strings.Compare(a.ID, b.ID) })
	slices.SortFunc(d.Channels, func(a, b Channel) int { return strings.Compare(a.ID, b.ID) })
	return d
}

// chunks is a list that grows without moving what it holds, so that a
// million inquiries are not copied at every doubling of one slice. Given an
// estimate of the final length (reserve), it holds one slice and all
// returns it without copying.
type chunks[T any] struct {
	full [][]T // chunks filled up
	cur  []T   // the chunk being filled
	n    int   // the number of values in all chunks
}

func (c *chunks[T]) add(v T) {
	if len(c.cur) == cap(c.cur) {
		if c.cur != nil {
			c.full = append(c.full, c.cur)
		}
		c.cur = make([]T, 0, min(max(64, 2*cap(c.cur)), 1<<15))
	}
	c.cur = append(c.cur, v)
	c.n++
}

// reserve makes room for n values in all, if there is not already.
func (c *chunks[T]) reserve(n int) {
	if n <= c.n+cap(c.cur)-len(c.cur) {
		return
	}
	out := make([]T, 0, n)
	for _, ch := range c.full {
		out = append(out, ch...)
	}
	c.cur, c.full = append(out, c.cur...), nil
}

// all returns every value added, in order, in one slice.
func (c *chunks[T]) all() []T {
	if len(c.full) == 0 {
		return c.cur
	}
	out := make([]T, 0, c.n)
	for _, ch := range c.full {
		out = append(out, ch...)
	}
	return append(out, c.cur...)
}

// each calls f with every value added, in order.
func (c *chunks[T]) each(f func(*T)) {
	for _, ch := range c.full {
		for i := range ch {
			f(&ch[i])
		}
	}
	for i := range c.cur {
		f(&c.cur[i])
	}
}

// idSet is the set of inquiry IDs accepted so far. While the IDs arrive in
// increasing order (see idLess), as exports usually have them, none can
// repeat an earlier one and the set is only the last ID; the first ID out
// of order turns it into a map.
type idSet struct {
	last  string
	n     int
	index map[string]struct{} // nil while the IDs are in order
}

// has reports whether id was added, given the inquiries added so far.
func (s *idSet) has(b []byte, qs *chunks[Inquiry]) bool {
	id := string(b) // does not escape: no copy for a short ID
	if s.index == nil {
		if s.n == 0 || idLess(s.last, id) {
			return false
		}
		s.index = make(map[string]struct{}, 2*s.n)
		qs.each(func(q *Inquiry) { s.index[q.ID] = struct{}{} })
	}
	_, ok := s.index[id]
	return ok
}

// add adds id, which has() reported absent.
func (s *idSet) add(id string) {
	s.n++
	if s.index == nil {
		s.last = id
		return
	}
	s.index[id] = struct{}{}
}

// idLess is a strict total order on IDs: decimal numbers without leading
// zeros, by value, before all other strings, by bytes.
func idLess(a, b string) bool { return idLessKnown(a, isDecimal(a), b, isDecimal(b)) }

// idLessKnown is idLess for IDs whose decimal-ness is known: an and bn
// report isDecimal(a) and isDecimal(b).
func idLessKnown(a string, an bool, b string, bn bool) bool {
	if an != bn {
		return an
	}
	if an && len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// isDecimal reports whether s is a decimal number without leading zeros.
func isDecimal(s string) bool {
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// decimalOf reports what isDecimal does of s, and the value of s when it
// is decimal of at most maxDecimalDigits digits (0 otherwise): decimal
// IDs without leading zeros are in the order of idLess when their values
// are.
func decimalOf(s string) (uint64, bool) {
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(s); i++ {
		d := s[i] - '0'
		if d > 9 {
			return 0, false
		}
		v = v*10 + uint64(d)
	}
	if len(s) > maxDecimalDigits {
		v = 0
	}
	return v, true
}

// maxDecimalDigits is the most digits decimalOf gives the value of: every
// number of 19 digits is less than 2⁶⁴.
const maxDecimalDigits = 19

// canonical returns the constant of known equal to b, so that records share
// its string, or b itself when it is not known (check reports it).
func canonical[T ~string](known []T, b []byte) T {
	if i := indexOf(known, b); i >= 0 {
		return known[i]
	}
	return T(b)
}

// enumIndex finds a value of a small enumeration by its text with one
// comparison, in a table by length, first and last byte.
type enumIndex[T ~string] struct {
	known  []T
	texts  []shortText // known, as short texts
	slot   [64]int8    // 1 + the index in known of the value with that key; 0 when none
	linear bool        // two values share a key, or one is long: search known in order
}

func newEnumIndex[T ~string](known []T) *enumIndex[T] {
	e := &enumIndex[T]{known: known, texts: make([]shortText, len(known))}
	for i, k := range known {
		t, ok := shortTextOf([]byte(k))
		if k == "" || !ok || e.slot[enumKey(string(k))] != 0 {
			e.linear = true
			continue
		}
		e.texts[i] = t
		e.slot[enumKey(string(k))] = int8(i + 1)
	}
	return e
}

// shortText is a text of at most 16 bytes as two little-endian words,
// zero-padded, and its length: texts compare in three comparisons of
// integers, without a call.
type shortText struct {
	lo, hi uint64
	n      int
}

// shortTextOf returns b as a shortText, and false when b is longer than
// 16 bytes. It reads the bytes after b, up to its capacity, in place of a
// copy, and masks them off.
func shortTextOf(b []byte) (shortText, bool) {
	n := len(b)
	if n > 16 {
		return shortText{}, false
	}
	if cap(b) < 16 {
		return shortTextCopy(b), true
	}
	w := b[:16]
	m := &shortMasks[n]
	return shortText{binary.LittleEndian.Uint64(w) & m[0], binary.LittleEndian.Uint64(w[8:]) & m[1], n}, true
}

// shortTextCopy is shortTextOf for b, of at most 16 bytes, with fewer
// than 16 bytes of capacity.
func shortTextCopy(b []byte) shortText {
	var buf [16]byte
	copy(buf[:], b)
	t, _ := shortTextOf(buf[:len(b)])
	return t
}

// shortMasks are the masks of the two words of a shortText of n bytes.
var shortMasks = func() (m [17][2]uint64) {
	for n := range m {
		for k := range n {
			m[n][k/8] |= 0xFF << (8 * (k % 8))
		}
	}
	return m
}()

// enumKey is the key of a non-empty text in an enumIndex.
func enumKey[S string | []byte](b S) uint8 {
	return uint8(len(b)+int(b[0])+int(b[len(b)-1])) & 63
}

// index returns the position of b in the enumeration, or -1.
func (e *enumIndex[T]) index(b []byte) int {
	if e.linear {
		return indexOf(e.known, b)
	}
	if len(b) == 0 {
		return -1
	}
	if i := int(e.slot[enumKey(b)]) - 1; i >= 0 {
		if t, ok := shortTextOf(b); ok && t == e.texts[i] {
			return i
		}
	}
	return -1
}

// canonical returns the value of the enumeration equal to b, so that
// records share its string, or b as a new string, and whether b is one of
// the values or empty.
func (e *enumIndex[T]) canonical(b []byte) (T, bool) {
	if i := e.index(b); i >= 0 {
		return e.known[i], true
	}
	return T(b), len(b) == 0
}

// indexOf returns the position of b in known, or -1.
func indexOf[T ~string](known []T, b []byte) int {
	for i, k := range known {
		if string(k) == string(b) {
			return i
		}
	}
	return -1
}

// WriteInquiriesCSV writes qs as CSV with a header row and the columns id,
// agency_id, channel_id, requester, received_at, first_reply_at,
// resolved_at, due_at and accuracy (see [ReadInquiriesCSV]). Instants are
// written in RFC 3339 with nanoseconds and their own offset, absent ones
// as empty cells, so that reading the output gives back equal inquiries.
// An instant whose offset RFC 3339 cannot state (seconds, or a day or
// more) is written in UTC, and a year outside 0..9999 is an error, as is a
// string that is not valid UTF-8. As with encoding/csv, a carriage return
// just before a line feed inside a cell reads back as a bare line feed.
func WriteInquiriesCSV(w io.Writer, qs []Inquiry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(inquiryOutColumns); err != nil {
		return err
	}
	rec := make([]string, len(inquiryOutColumns))
	for i := range qs {
		if err := inquiryRecord(&qs[i], rec); err != nil {
			return fmt.Errorf("inquiry %d: %w", i, err)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// inquiryOutColumns are the columns WriteInquiriesCSV writes.
var inquiryOutColumns = []string{"id", "agency_id", "channel_id", "requester",
	"received_at", "first_reply_at", "resolved_at", "due_at", "accuracy"}

// inquiryRecord fills rec, in the order of inquiryOutColumns, from q.
func inquiryRecord(q *Inquiry, rec []string) error {
	rec[0], rec[1], rec[2], rec[3] = q.ID, q.AgencyID, q.ChannelID, string(q.Requester)
	rec[8] = string(q.Accuracy)
	for i, t := range [...]time.Time{q.ReceivedAt, q.FirstReplyAt, q.ResolvedAt, q.DueAt} {
		s, err := formatTime(inquiryOutColumns[4+i], t)
		if err != nil {
			return err
		}
		rec[4+i] = s
	}
	for i, s := range rec {
		if !utf8.ValidString(s) {
			return fmt.Errorf("%s: %w", inquiryOutColumns[i], ErrEncoding)
		}
	}
	return nil
}

// inquiryJSON is the JSON Lines form of an inquiry: Inquiry's keys, with
// instants as strings formatted by formatTime.
type inquiryJSON struct {
	ID           string    `json:"id"`
	AgencyID     string    `json:"agency_id"`
	ChannelID    string    `json:"channel_id"`
	Requester    Requester `json:"requester,omitempty"`
	ReceivedAt   string    `json:"received_at"`
	FirstReplyAt string    `json:"first_reply_at,omitempty"`
	ResolvedAt   string    `json:"resolved_at,omitempty"`
	DueAt        string    `json:"due_at,omitempty"`
	Accuracy     Accuracy  `json:"accuracy,omitempty"`
}

// WriteInquiriesJSONL writes qs as JSON Lines, one object per inquiry with
// the keys of [Inquiry]'s JSON encoding, in the form [ReadInquiriesJSONL]
// reads back into equal inquiries. Instants are written as in
// [WriteInquiriesCSV], with the same errors; absent ones are left out.
func WriteInquiriesJSONL(w io.Writer, qs []Inquiry) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	rec := make([]string, len(inquiryOutColumns))
	for i := range qs {
		if err := inquiryRecord(&qs[i], rec); err != nil {
			return fmt.Errorf("inquiry %d: %w", i, err)
		}
		err := enc.Encode(inquiryJSON{ID: rec[0], AgencyID: rec[1], ChannelID: rec[2],
			Requester: Requester(rec[3]), ReceivedAt: rec[4], FirstReplyAt: rec[5],
			ResolvedAt: rec[6], DueAt: rec[7], Accuracy: Accuracy(rec[8])})
		if err != nil {
			return err
		}
	}
	return bw.Flush()
}
