package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assertAccounting checks the promise every reader makes.
func assertAccounting(t *testing.T, call string, acct Accounting) {
	t.Helper()
	assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected),
		"%s: Accounting{Read: %d, Accepted: %d, Rejected: %d}: Read != Accepted + len(Rejected)",
		call, acct.Read, acct.Accepted, len(acct.Rejected))
}

// assertParseError checks that err is a *ParseError at line and field
// wrapping want.
func assertParseError(t *testing.T, call string, err error, line int, field string, want error) {
	t.Helper()
	var pe *ParseError
	if !assert.ErrorAs(t, err, &pe, "%s: error = %v, want a *ParseError", call, err) {
		return
	}
	assert.Equal(t, line, pe.Line, "%s: error %v: line", call, err)
	assert.Equal(t, field, pe.Field, "%s: error %v: field", call, err)
	if want != nil {
		assert.ErrorIs(t, err, want, "%s: error %v", call, err)
	}
}

// sameInstants reports whether two inquiries are equal, comparing instants
// with time.Time.Equal and their offsets.
func assertSameInquiries(t *testing.T, call string, want, got []Inquiry) {
	t.Helper()
	require.Len(t, got, len(want), "%s: number of inquiries", call)
	for i := range want {
		w, g := want[i], got[i]
		for _, f := range []struct {
			name string
			w, g time.Time
		}{{"ReceivedAt", w.ReceivedAt, g.ReceivedAt}, {"FirstReplyAt", w.FirstReplyAt, g.FirstReplyAt},
			{"ResolvedAt", w.ResolvedAt, g.ResolvedAt}, {"DueAt", w.DueAt, g.DueAt}} {
			assertSameInstant(t, call+": inquiry "+w.ID+": "+f.name, f.w, f.g)
		}
		w.ReceivedAt, w.FirstReplyAt, w.ResolvedAt, w.DueAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		g.ReceivedAt, g.FirstReplyAt, g.ResolvedAt, g.DueAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		assert.Equal(t, w, g, "%s: inquiry %d", call, i)
	}
}

func assertSameInstant(t *testing.T, what string, want, got time.Time) {
	t.Helper()
	_, wo := want.Zone()
	_, gotOff := got.Zone()
	if want.IsZero() {
		assert.True(t, got.IsZero(), "%s = %v, want the zero time", what, got)
		return
	}
	assert.True(t, want.Equal(got) && wo == gotOff, "%s = %s, want %s", what,
		got.Format(time.RFC3339Nano), want.Format(time.RFC3339Nano))
}

func readCSVString(t *testing.T, s string, opts ReadOptions) (Dataset, Accounting, error) {
	t.Helper()
	d, acct, err := ReadInquiriesCSV(strings.NewReader(s), opts)
	assertAccounting(t, "ReadInquiriesCSV", acct)
	return d, acct, err
}

func TestReadInquiriesCSVGenLayout(t *testing.T) {
	f, err := os.Open("testdata/inquiries_gen.csv")
	require.NoError(t, err)
	defer f.Close()
	d, acct, err := ReadInquiriesCSV(f, ReadOptions{File: "testdata/inquiries_gen.csv"})
	require.NoError(t, err)
	assertAccounting(t, "ReadInquiriesCSV", acct)
	assert.Equal(t, Accounting{Read: 8, Accepted: 8}, acct)

	require.Len(t, d.Inquiries, 8)
	q := d.Inquiries[0]
	want := Inquiry{ID: "1", AgencyID: "agency-124", ChannelID: "agency-124/whatsapp", Requester: RequesterPublic,
		ReceivedAt:   time.Date(2025, 10, 2, 22, 4, 30, 0, riyadhOffset),
		FirstReplyAt: time.Date(2025, 10, 3, 0, 2, 51, 0, riyadhOffset), Accuracy: AccuracyPartial}
	assertSameInquiries(t, "ReadInquiriesCSV(gen layout)", []Inquiry{want}, []Inquiry{q})
	assert.True(t, d.Inquiries[3].FirstReplyAt.IsZero(), "unanswered inquiry 4: FirstReplyAt = %v, want zero", d.Inquiries[3].FirstReplyAt)
	assert.Equal(t, Accuracy(""), d.Inquiries[3].Accuracy)

	var agencies []string
	for _, a := range d.Agencies {
		assert.True(t, a.Implied, "agency %s: Implied", a.ID)
		agencies = append(agencies, a.ID)
	}
	assert.Equal(t, []string{"agency-012", "agency-021", "agency-053", "agency-080", "agency-086", "agency-117", "agency-124", "agency-145"}, agencies)
	var channels []string
	for _, c := range d.Channels {
		assert.True(t, c.Implied, "channel %s: Implied", c.ID)
		assert.Equal(t, c.AgencyID+"/"+string(c.Kind), c.ID)
		channels = append(channels, c.ID)
	}
	assert.Equal(t, []string{"agency-012/x", "agency-021/x", "agency-053/x", "agency-080/whatsapp", "agency-086/x",
		"agency-117/whatsapp", "agency-124/whatsapp", "agency-145/whatsapp"}, channels)
	assert.NoError(t, d.Validate(), "the dataset read on its own validates")
}

func TestReadInquiriesCSVSharesStrings(t *testing.T) {
	in := "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n2,a,x,2025-01-01T00:00:00Z\n"
	d, _, err := readCSVString(t, in, ReadOptions{})
	require.NoError(t, err)
	require.Len(t, d.Inquiries, 2)
	a, b := d.Inquiries[0], d.Inquiries[1]
	assert.True(t, unsafeSameString(a.AgencyID, b.AgencyID), "agency IDs of two rows should share memory")
	assert.True(t, unsafeSameString(a.ChannelID, b.ChannelID), "channel IDs of two rows should share memory")
}

// TestReadInquiriesCSVAgencyIDs reads agency IDs short and long that
// differ in one byte, at its start, its end and past its sixteenth: each
// row keeps its own agency (the reader's cache of agencies compares short
// IDs as words and long ones as strings).
func TestReadInquiriesCSVAgencyIDs(t *testing.T) {
	ids := []string{"a", "b", "ab", "abcdefgh", "abcdefgi", "abcdefghijklmnop", "abcdefghijklmnoq",
		"abcdefghijklmnopq", "abcdefghijklmnopr", "bbcdefghijklmnopq", "abcdefghijklmnop1"}
	// Two IDs of 16 bytes alike in their first eight that share a slot
	// of the cache: found by search.
	slots := map[uint64]string{}
	for i := 0; len(ids) == 11; i++ {
		id := fmt.Sprintf("abcdefgh%08d", i)
		slot := textHash([]byte(id)) >> (64 - recentAgencyBits)
		if other, ok := slots[slot]; ok {
			ids = append(ids, other, id)
		}
		slots[slot] = id
	}
	var in strings.Builder
	in.WriteString("id,agency_id,channel,received_at\n")
	for i := range 3 * len(ids) {
		fmt.Fprintf(&in, "%d,%s,x,2025-01-01T00:00:00Z\n", i+1, ids[i%len(ids)])
	}
	d, acct, err := readCSVString(t, in.String(), ReadOptions{})
	require.NoError(t, err)
	require.Equal(t, 3*len(ids), acct.Accepted)
	for i, q := range d.Inquiries {
		assert.Equal(t, ids[i%len(ids)], q.AgencyID, "row %d", i+1)
	}
	assert.Len(t, d.Agencies, len(ids))
}

func TestReadInquiriesCSVChannels(t *testing.T) {
	in := "id,agency_id,channel_id,channel,received_at\n" +
		"1,mof,mof-x,x,2025-01-01T00:00:00Z\n" + // both: channel_id wins, nothing implied
		"2,mof,,whatsapp,2025-01-01T00:00:00Z\n" + // kind only: implied
		"3,moh,moh-mail,,2025-01-01T00:00:00Z\n" // channel_id only
	d, acct, err := readCSVString(t, in, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, acct.Accepted)
	assert.Equal(t, []string{"mof-x", "mof/whatsapp", "moh-mail"},
		[]string{d.Inquiries[0].ChannelID, d.Inquiries[1].ChannelID, d.Inquiries[2].ChannelID})
	assert.Equal(t, []Channel{{ID: "mof/whatsapp", AgencyID: "mof", Kind: ChannelWhatsApp, Implied: true}}, d.Channels)
	assert.Equal(t, []Agency{{ID: "mof", Implied: true}, {ID: "moh", Implied: true}}, d.Agencies)
}

func TestReadInquiriesCSVImpliesOnlyFromAcceptedRows(t *testing.T) {
	in := "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n2,b,email,not a time\n"
	d, acct, err := readCSVString(t, in, ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, 1, acct.Accepted)
	assert.Equal(t, []Agency{{ID: "a", Implied: true}}, d.Agencies)
	assert.Equal(t, []Channel{{ID: "a/x", AgencyID: "a", Kind: ChannelX, Implied: true}}, d.Channels)
}

func TestReadInquiriesCSVHeader(t *testing.T) {
	tests := []struct {
		name   string
		in     string
		line   int
		field  string
		want   error
		wantOK bool
	}{
		{"unknown column", "id,agency_id,channel,received_at,colour\n", 1, "colour", ErrUnknownValue, false},
		{"duplicate column", "id,agency_id,channel,received_at,id\n", 1, "id", ErrDuplicateID, false},
		{"missing id", "agency_id,channel,received_at\n", 1, "id", ErrMissing, false},
		{"missing agency_id", "id,channel,received_at\n", 1, "agency_id", ErrMissing, false},
		{"missing received_at", "id,agency_id,channel\n", 1, "received_at", ErrMissing, false},
		{"no channel column", "id,agency_id,received_at\n", 1, "channel_id", ErrMissing, false},
		{"case matters", "ID,agency_id,channel,received_at\n", 1, "ID", ErrUnknownValue, false},
		{"empty input", "", 1, "", ErrMissing, false},
		{"bad quote in header", "id,\"agency_id,channel,received_at\n", 1, "", csv.ErrQuote, false},
		{"header only", "id,agency_id,channel,received_at\n", 0, "", nil, true},
		{"full header", "id,agency_id,channel_id,channel,requester,received_at,first_reply_at,resolved_at,due_at,accuracy\n", 0, "", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, acct, err := readCSVString(t, tt.in, ReadOptions{Lenient: true})
			assert.Equal(t, 0, acct.Read, "ReadInquiriesCSV(%q): Read", tt.in)
			if tt.wantOK {
				assert.NoError(t, err, "ReadInquiriesCSV(%q)", tt.in)
				return
			}
			assertParseError(t, "ReadInquiriesCSV("+tt.in+")", err, tt.line, tt.field, tt.want)
		})
	}
}

const header = "id,agency_id,channel_id,channel,requester,received_at,first_reply_at,resolved_at,due_at,accuracy\n"

func TestReadInquiriesCSVBadRows(t *testing.T) {
	tests := []struct {
		name  string
		rows  string // after the header; the bad row is on line 3
		field string
		want  error
	}{
		{"missing id", ",a,,x,,2025-01-01T00:00:00Z,,,,\n", "id", ErrMissing},
		{"missing agency", "2,,,x,,2025-01-01T00:00:00Z,,,,\n", "agency_id", ErrMissing},
		{"missing channel", "2,a,,,,2025-01-01T00:00:00Z,,,,\n", "channel_id", ErrMissing},
		{"missing received_at", "2,a,,x,,,,,,\n", "received_at", ErrMissing},
		{"unknown channel kind", "2,a,,telegram,,2025-01-01T00:00:00Z,,,,\n", "channel", ErrUnknownValue},
		{"unknown channel kind beside channel_id", "2,a,a-x,X,,2025-01-01T00:00:00Z,,,,\n", "channel", ErrUnknownValue},
		{"unknown requester", "2,a,,x,bot,2025-01-01T00:00:00Z,,,,\n", "requester", ErrUnknownValue},
		{"unknown accuracy", "2,a,,x,,2025-01-01T00:00:00Z,2025-01-01T01:00:00Z,,,great\n", "accuracy", ErrUnknownValue},
		{"bad received_at", "2,a,,x,,01/01/2025,,,,\n", "received_at", ErrBadTime},
		{"bad first_reply_at", "2,a,,x,,2025-01-01T00:00:00Z,soon,,,\n", "first_reply_at", ErrBadTime},
		{"bad resolved_at", "2,a,,x,,2025-01-01T00:00:00Z,,2025-13-01T00:00:00Z,,\n", "resolved_at", ErrBadTime},
		{"bad due_at", "2,a,,x,,2025-01-01T00:00:00Z,,,2025-01-01T00:00:00+3,\n", "due_at", ErrBadTime},
		{"zone-less received_at", "2,a,,x,,2025-01-01T00:00:00,,,,\n", "received_at", ErrNoZone},
		{"graded without reply", "2,a,,x,,2025-01-01T00:00:00Z,,,,accurate\n", "accuracy", ErrOutOfRange},
		{"duplicate id", "1,a,,x,,2025-01-01T00:00:00Z,,,,\n", "id", ErrDuplicateID},
		{"too few fields", "2,a,,x,,2025-01-01T00:00:00Z\n", "", csv.ErrFieldCount},
		{"too many fields", "2,a,,x,,2025-01-01T00:00:00Z,,,,,\n", "", csv.ErrFieldCount},
		{"bare quote", "2,a\"b,,x,,2025-01-01T00:00:00Z,,,,\n", "", csv.ErrBareQuote},
		{"stray quote", "\"2\"x,a,,x,,2025-01-01T00:00:00Z,,,,\n", "", csv.ErrQuote},
		{"invalid UTF-8", "2,a\xff,,x,,2025-01-01T00:00:00Z,,,,\n", "agency_id", ErrEncoding},
		{"invalid UTF-8 in requester", "2,a,,x,\xc3,2025-01-01T00:00:00Z,,,,\n", "requester", ErrEncoding},
		{"UTF-8 split across cells", "2,a\xc3,\xa9,x,,2025-01-01T00:00:00Z,,,,\n", "agency_id", ErrEncoding},
	}
	const good = "1,a,,x,public,2025-01-01T00:00:00Z,2025-01-01T01:00:00Z,,,accurate\n"
	const after = "9,a,,x,,2025-01-02T00:00:00Z,,,,\n"
	for _, tt := range tests {
		t.Run(tt.name+"/strict", func(t *testing.T) {
			in := header + good + tt.rows + after
			d, acct, err := readCSVString(t, in, ReadOptions{File: "q.csv"})
			assertParseError(t, "ReadInquiriesCSV", err, 3, tt.field, tt.want)
			var pe *ParseError
			if errors.As(err, &pe) {
				assert.Equal(t, "q.csv", pe.File)
			}
			assert.Equal(t, 2, acct.Read, "strict read stops at the bad row: Read")
			assert.Equal(t, 1, acct.Accepted, "Accepted")
			require.Len(t, acct.Rejected, 1)
			assert.Equal(t, err, error(acct.Rejected[0]), "the returned error is the rejected row's")
			assert.Len(t, d.Inquiries, 1, "the rows accepted before the bad one are returned")
		})
		t.Run(tt.name+"/lenient", func(t *testing.T) {
			in := header + good + tt.rows + after
			d, acct, err := readCSVString(t, in, ReadOptions{Lenient: true})
			require.NoError(t, err)
			assert.Equal(t, 3, acct.Read, "Read")
			assert.Equal(t, 2, acct.Accepted, "Accepted")
			require.Len(t, acct.Rejected, 1)
			assertParseError(t, "Rejected[0]", acct.Rejected[0], 3, tt.field, tt.want)
			assert.Len(t, d.Inquiries, 2)
		})
	}
}

func TestReadInquiriesCSVLenientLines(t *testing.T) {
	in := header +
		"1,a,,x,,2025-01-01T00:00:00Z,,,,\n" + // line 2
		"2,a,,x,,bad,,,,\n" + // line 3
		"\n" + // line 4: blank lines are skipped by encoding/csv
		"\"3\",\"a\",\"\",\"x\",\"\",\"2025-01-01T00:00:00Z\",\"\",\"\",\"\",\"\"\n" + // line 5
		"4,a,,x,\"pub\nlic\",2025-01-01T00:00:00Z,,,,\n" + // lines 6-7: bad requester in a multi-line cell
		"5,a,,x,,2025-01-01T00:00:00Z,,,,great\n" + // line 8
		"6,\"a\"\"\",,x,,2025-01-01T00:00:00Z,,,,\n" + // line 9: a quoted quote is fine
		"7,a,,x,,2025-01-01T00:00:00Z\n" + // line 10: short row
		"8,a\"a,,x,,2025-01-01T00:00:00Z,,,,\n" + // line 11: bare quote
		"9,a,,x,,2025-01-01T00:00:00Z,,,,\n" // line 12
	d, acct, err := readCSVString(t, in, ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, 9, acct.Read)
	assert.Equal(t, 4, acct.Accepted)
	var lines []int
	var fields []string
	for _, pe := range acct.Rejected {
		lines = append(lines, pe.Line)
		fields = append(fields, pe.Field)
	}
	assert.Equal(t, []int{3, 6, 8, 10, 11}, lines, "lines of the rejected rows")
	assert.Equal(t, []string{"received_at", "requester", "accuracy", "", ""}, fields, "fields of the rejected rows")
	var ids []string
	for _, q := range d.Inquiries {
		ids = append(ids, q.ID)
	}
	assert.Equal(t, []string{"1", "3", "6", "9"}, ids)
	assert.Equal(t, `a"`, d.Inquiries[2].AgencyID)
}

func TestReadInquiriesCSVMaxRejects(t *testing.T) {
	in := header
	for range 5 {
		in += "1,a,,x,,bad,,,,\n"
	}
	in += "2,a,,x,,2025-01-01T00:00:00Z,,,,\n"
	tests := []struct {
		max      int
		wantRead int
		wantErr  bool
	}{
		{0, 6, false}, {5, 6, false}, {4, 5, true}, {1, 2, true},
	}
	for _, tt := range tests {
		_, acct, err := readCSVString(t, in, ReadOptions{Lenient: true, MaxRejects: tt.max})
		assert.Equal(t, tt.wantRead, acct.Read, "MaxRejects %d: Read", tt.max)
		if tt.wantErr {
			assert.ErrorIs(t, err, ErrTooManyRejects, "MaxRejects %d", tt.max)
			assert.Len(t, acct.Rejected, tt.max+1, "MaxRejects %d: Rejected", tt.max)
		} else {
			assert.NoError(t, err, "MaxRejects %d", tt.max)
		}
	}
}

func TestReadInquiriesCSVZoneless(t *testing.T) {
	in := "id,agency_id,channel,received_at,first_reply_at\n1,a,x,2025-03-01 09:00:00,2025-03-01T10:00:00.5Z\n"
	_, acct, err := readCSVString(t, in, ReadOptions{})
	assertParseError(t, "ReadInquiriesCSV without Location", err, 2, "received_at", ErrNoZone)
	assert.Equal(t, 0, acct.Accepted)

	riyadh, err := time.LoadLocation("Asia/Riyadh")
	require.NoError(t, err)
	d, acct, err := readCSVString(t, in, ReadOptions{Location: riyadh})
	require.NoError(t, err, "ReadInquiriesCSV with Location")
	assert.Equal(t, 1, acct.Accepted)
	assertSameInstant(t, "ReceivedAt", time.Date(2025, 3, 1, 9, 0, 0, 0, riyadh), d.Inquiries[0].ReceivedAt)
	assert.Equal(t, riyadh, d.Inquiries[0].ReceivedAt.Location(), "a zone-less instant is in Location")
	assertSameInstant(t, "FirstReplyAt", time.Date(2025, 3, 1, 10, 0, 0, 5e8, time.UTC), d.Inquiries[0].FirstReplyAt)
}

func TestReadInquiriesCSVCRLFAndBOM(t *testing.T) {
	in := "\uFEFFid,agency_id,channel,received_at\r\n1,a,x,2025-01-01T00:00:00Z\r\n\r\n2,a,\"we\r\nb\",bad\r\n3,a,x,2025-01-01T00:00:00+03:00\r\n"
	d, acct, err := readCSVString(t, in, ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, 3, acct.Read)
	require.Len(t, acct.Rejected, 1)
	assertParseError(t, "rejected row", acct.Rejected[0], 4, "channel", ErrUnknownValue)
	require.Len(t, d.Inquiries, 2)
	assert.Equal(t, "a/x", d.Inquiries[1].ChannelID, "no \\r left in the last cell of a CRLF row")

	// A BOM before a quoted header cell.
	in = "\uFEFF\"id\",agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n"
	_, acct, err = readCSVString(t, in, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1, acct.Accepted)
}

// errReader returns data, then err.
type errReader struct {
	data *strings.Reader
	err  error
}

func (r *errReader) Read(p []byte) (int, error) {
	if r.data.Len() == 0 {
		return 0, r.err
	}
	return r.data.Read(p)
}

func TestReadInquiriesCSVReaderError(t *testing.T) {
	broken := errors.New("disk on fire")
	for _, in := range []string{"", "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n"} {
		_, acct, err := ReadInquiriesCSV(&errReader{strings.NewReader(in), broken}, ReadOptions{File: "f.csv", Lenient: true})
		assertAccounting(t, "ReadInquiriesCSV", acct)
		assert.ErrorIs(t, err, broken, "ReadInquiriesCSV(%q then an error)", in)
		assert.ErrorContains(t, err, "f.csv")
	}
}

func TestInquiriesCSVRoundTrip(t *testing.T) {
	qs := []Inquiry{
		{ID: "q1", AgencyID: "mof", ChannelID: "mof-x", Requester: RequesterMedia,
			ReceivedAt:   time.Date(2025, 3, 1, 9, 0, 0, 123456789, riyadhOffset),
			FirstReplyAt: time.Date(2025, 3, 1, 7, 0, 0, 0, time.UTC),
			ResolvedAt:   time.Date(2025, 3, 2, 9, 0, 0, 0, time.FixedZone("", -(9*3600+30*60))),
			DueAt:        time.Date(2025, 3, 4, 0, 0, 0, 0, time.FixedZone("", 14*3600)),
			Accuracy:     AccuracyDeflection},
		{ID: "q 2, \"quoted\"", AgencyID: "وزارة", ChannelID: "comma, \"quote\"", ReceivedAt: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)},
		{ID: " spaces ", AgencyID: "a", ChannelID: "c", ReceivedAt: time.Date(2200, 1, 1, 2, 59, 59, 999999999, riyadhOffset),
			Accuracy: AccuracyUngraded},
	}
	var buf bytes.Buffer
	require.NoError(t, WriteInquiriesCSV(&buf, qs))
	assert.True(t, strings.HasPrefix(buf.String(), "id,agency_id,channel_id,requester,received_at,first_reply_at,resolved_at,due_at,accuracy\n"),
		"WriteInquiriesCSV header: %q", buf.String())
	d, acct, err := ReadInquiriesCSV(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadInquiriesCSV", acct)
	assertSameInquiries(t, "ReadInquiriesCSV(WriteInquiriesCSV(qs))", qs, d.Inquiries)
	assert.Empty(t, d.Channels, "no channel is implied when channel_id is given")
}

func TestWriteInquiriesCSVErrors(t *testing.T) {
	tests := []struct {
		name string
		q    Inquiry
	}{
		{"year 10000", Inquiry{ID: "1", ReceivedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}},
		{"invalid UTF-8", Inquiry{ID: "\xff", ReceivedAt: t0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Error(t, WriteInquiriesCSV(io.Discard, []Inquiry{tt.q}), "WriteInquiriesCSV(%+v)", tt.q)
			assert.Error(t, WriteInquiriesJSONL(io.Discard, []Inquiry{tt.q}), "WriteInquiriesJSONL(%+v)", tt.q)
		})
	}
}

func TestNumKinds(t *testing.T) {
	assert.Len(t, ChannelKinds(), numKinds, "numKinds must match ChannelKinds()")
}

func TestIDSet(t *testing.T) {
	tests := []struct {
		name string
		ids  []string
		dups []bool
	}{
		{"numbers in order", []string{"1", "2", "10", "11", "100"}, []bool{false, false, false, false, false}},
		{"strings in order", []string{"a", "b", "q-001", "q-002"}, []bool{false, false, false, false}},
		{"numbers then strings", []string{"9", "10", "a", "b"}, []bool{false, false, false, false}},
		{"repeat in order", []string{"1", "2", "2"}, []bool{false, false, true}},
		{"repeat after disorder", []string{"1", "3", "2", "3", "1", "4"}, []bool{false, false, false, true, true, false}},
		{"leading zeros are strings", []string{"1", "01", "1"}, []bool{false, false, true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s idSet
			var qs chunks[Inquiry]
			for i, id := range tt.ids {
				got := s.has([]byte(id), &qs)
				assert.Equal(t, tt.dups[i], got, "has(%q) after %v", id, tt.ids[:i])
				if !got {
					s.add(id)
					qs.add(Inquiry{ID: id})
				}
			}
		})
	}
}

func TestChunks(t *testing.T) {
	for _, reserve := range []int{-1, 10, 5000, 100000} {
		var c chunks[int]
		for i := range 70000 {
			if i == 100 && reserve >= 0 {
				c.reserve(reserve)
			}
			c.add(i)
		}
		all := c.all()
		require.Len(t, all, 70000, "reserve %d", reserve)
		for i, v := range all {
			if v != i {
				t.Fatalf("reserve %d: all()[%d] = %d, want %d", reserve, i, v, i)
			}
		}
	}
}

// unsafeSameString reports whether a and b share their bytes.
func unsafeSameString(a, b string) bool {
	return len(a) == len(b) && unsafe.StringData(a) == unsafe.StringData(b)
}
