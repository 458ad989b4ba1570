package model

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readJSONLString(t *testing.T, s string, opts ReadOptions) (Dataset, Accounting, error) {
	t.Helper()
	d, acct, err := ReadInquiriesJSONL(strings.NewReader(s), opts)
	assertAccounting(t, "ReadInquiriesJSONL", acct)
	return d, acct, err
}

func TestReadInquiriesJSONL(t *testing.T) {
	in := `{"id":"1","agency_id":"mof","channel":"x","requester":"public","received_at":"2025-03-01T09:00:00+03:00","first_reply_at":"2025-03-01 10:00:00+03:00","accuracy":"accurate"}` + "\n" +
		"\n   \r\n" + // blank lines: skipped, not counted
		`{"id":"2","agency_id":"mof","channel_id":"mof-mail","channel":"email","received_at":"2025-03-01T06:00:00Z","resolved_at":null}` + "\r\n" +
		`{"id":"3","agency_id":"moh","channel":"x","received_at":"2025-03-01T06:00:00Z"}` // no final newline
	d, acct, err := readJSONLString(t, in, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Accounting{Read: 3, Accepted: 3}, acct)
	want := []Inquiry{
		{ID: "1", AgencyID: "mof", ChannelID: "mof/x", Requester: RequesterPublic, ReceivedAt: t0,
			FirstReplyAt: t0.Add(time.Hour), Accuracy: AccuracyAccurate},
		{ID: "2", AgencyID: "mof", ChannelID: "mof-mail", ReceivedAt: t0},
		{ID: "3", AgencyID: "moh", ChannelID: "moh/x", ReceivedAt: t0},
	}
	want[1].ReceivedAt = t0.UTC()
	want[2].ReceivedAt = t0.UTC()
	assertSameInquiries(t, "ReadInquiriesJSONL", want, d.Inquiries)
	assert.Equal(t, []Agency{{ID: "mof", Implied: true}, {ID: "moh", Implied: true}}, d.Agencies)
	assert.Equal(t, []Channel{
		{ID: "mof/x", AgencyID: "mof", Kind: ChannelX, Implied: true},
		{ID: "moh/x", AgencyID: "moh", Kind: ChannelX, Implied: true},
	}, d.Channels)
}

func TestReadInquiriesJSONLBadLines(t *testing.T) {
	tests := []struct {
		name  string
		line  string
		field string
		want  error
	}{
		{"unknown key", `{"id":"2","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z","colour":"red"}`, "colour", ErrUnknownValue},
		{"key in another case", `{"ID":"2","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}`, "ID", ErrUnknownValue},
		{"number id", `{"id":2,"agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}`, "id", ErrUnknownValue},
		{"missing id", `{"agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}`, "id", ErrMissing},
		{"missing received_at", `{"id":"2","agency_id":"a","channel":"x"}`, "received_at", ErrMissing},
		{"zone-less", `{"id":"2","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00"}`, "received_at", ErrNoZone},
		{"bad time", `{"id":"2","agency_id":"a","channel":"x","received_at":"2025-01-01"}`, "received_at", ErrBadTime},
		{"unknown kind", `{"id":"2","agency_id":"a","channel":"fax","received_at":"2025-01-01T00:00:00Z"}`, "channel", ErrUnknownValue},
		{"duplicate id", `{"id":"1","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}`, "id", ErrDuplicateID},
		{"not an object", `["1","a"]`, "", ErrUnknownValue},
		{"syntax error", `{"id":"2",`, "", nil},
		{"two objects", `{"id":"2"} {"id":"3"}`, "", nil},
		{"invalid UTF-8", "{\"id\":\"2\xff\",\"agency_id\":\"a\",\"channel\":\"x\",\"received_at\":\"2025-01-01T00:00:00Z\"}", "", ErrEncoding},
		{"lone surrogate", `{"id":"2\ud800","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}`, "", ErrEncoding},
	}
	const good = `{"id":"1","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}` + "\n"
	const after = `{"id":"9","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}` + "\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := good + "\n" + tt.line + "\n" + after // the bad line is line 3
			_, acct, err := readJSONLString(t, in, ReadOptions{})
			assertParseError(t, "ReadInquiriesJSONL strict", err, 3, tt.field, tt.want)
			assert.Equal(t, 2, acct.Read)

			d, acct, err := readJSONLString(t, in, ReadOptions{Lenient: true})
			require.NoError(t, err)
			assert.Equal(t, 3, acct.Read)
			require.Len(t, acct.Rejected, 1)
			assertParseError(t, "ReadInquiriesJSONL lenient", acct.Rejected[0], 3, tt.field, tt.want)
			assert.Len(t, d.Inquiries, 2)
		})
	}
}

func TestReadInquiriesJSONLSurrogatePair(t *testing.T) {
	in := `{"id":"\ud83d\ude00","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}`
	d, _, err := readJSONLString(t, in, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, "😀", d.Inquiries[0].ID)
}

func TestReadInquiriesJSONLLongLine(t *testing.T) {
	long := strings.Repeat("x", 200_000)
	in := `{"id":"` + long + `","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}` + "\n" +
		`{"id":"2","agency_id":"a","channel":"x","received_at":"bad"}` + "\n"
	d, acct, err := readJSONLString(t, in, ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, 1, acct.Accepted)
	assert.Equal(t, long, d.Inquiries[0].ID)
	require.Len(t, acct.Rejected, 1)
	assert.Equal(t, 2, acct.Rejected[0].Line)
}

func TestInquiriesJSONLRoundTrip(t *testing.T) {
	qs := validDataset().Inquiries
	qs = append(qs, Inquiry{ID: "<&>", AgencyID: "وزارة المالية", ChannelID: "c d", ReceivedAt: time.Date(2025, 1, 1, 0, 0, 0, 1, time.UTC)})
	var buf bytes.Buffer
	require.NoError(t, WriteInquiriesJSONL(&buf, qs))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, len(qs), "one line per inquiry: %q", buf.String())
	assert.Contains(t, lines[2], `"id":"<&>"`, "HTML characters are not escaped")
	for _, l := range lines {
		assert.True(t, json.Valid([]byte(l)), "line %q is JSON", l)
	}
	d, acct, err := ReadInquiriesJSONL(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadInquiriesJSONL", acct)
	assertSameInquiries(t, "ReadInquiriesJSONL(WriteInquiriesJSONL(qs))", qs, d.Inquiries)
}
