package mapping_test

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/mapping"
)

func loadFile(t *testing.T, path string) mapping.Mapping {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	m, err := mapping.LoadMapping(f)
	require.NoError(t, err)
	return m
}

func readFile(t *testing.T, m mapping.Mapping, path string, opts model.ReadOptions) (model.Dataset, mapping.Accounting, error) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	opts.File = path
	return m.Read(f, opts)
}

func checkAccounting(t *testing.T, acct mapping.Accounting, rows int) {
	t.Helper()
	assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "Read = Accepted + Rejected")
	assert.Equal(t, rows, acct.Read+acct.Filtered, "rows = Read + Filtered")
}

func TestReadBoston2022(t *testing.T) {
	m := loadFile(t, "testdata/boston2022.yaml")
	ds, acct, err := readFile(t, m, "testdata/boston2022.csv", model.ReadOptions{Lenient: true})
	require.NoError(t, err)
	checkAccounting(t, acct, 6)
	assert.Equal(t, 5, acct.Accepted)
	require.Len(t, acct.Rejected, 1)
	pe := acct.Rejected[0]
	assert.Equal(t, "testdata/boston2022.csv", pe.File)
	assert.Equal(t, 6, pe.Line)
	assert.Equal(t, "source", pe.Field)
	assert.ErrorIs(t, pe, model.ErrUnknownValue)
	assert.Contains(t, pe.Error(), `"Employee Generated"`)

	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	q := ds.Inquiries[0]
	assert.Equal(t, "900000000001", q.ID)
	assert.Equal(t, "PWDx", q.AgencyID)
	assert.Equal(t, "PWDx/phone", q.ChannelID)
	assert.True(t, q.ReceivedAt.Equal(time.Date(2022, 3, 1, 8, 15, 0, 0, ny)), "ReceivedAt = %v", q.ReceivedAt)
	assert.True(t, q.DueAt.Equal(time.Date(2022, 3, 3, 8, 15, 0, 0, ny)))
	// After the switch to daylight time: 01:30 EST on the 13th, 12:00 EDT on the 14th.
	assert.Equal(t, "2022-03-13T06:30:00Z", ds.Inquiries[2].ReceivedAt.UTC().Format(time.RFC3339))
	assert.Equal(t, "2022-03-14T16:00:00Z", ds.Inquiries[3].ReceivedAt.UTC().Format(time.RFC3339))
	// Closed before opened: kept, closure dropped, warned.
	assert.True(t, ds.Inquiries[3].ResolvedAt.IsZero())

	var got []string
	for _, w := range acct.Warnings {
		got = append(got, w.Error())
	}
	assert.Equal(t, []string{
		`testdata/boston2022.csv:3: field "closed_dt": resolved at the instant received`,
		`testdata/boston2022.csv:3: field "target_dt": no target time`,
		`testdata/boston2022.csv:5: field "closed_dt": 2022-03-14T11:00:00-04:00 before received_at; dropped`,
		`testdata/boston2022.csv:7: field "target_dt": no target time`,
	}, got)

	var agencies, channels []string
	for _, a := range ds.Agencies {
		assert.True(t, a.Implied)
		agencies = append(agencies, a.ID)
	}
	for _, c := range ds.Channels {
		assert.True(t, c.Implied)
		channels = append(channels, c.ID)
	}
	assert.Equal(t, []string{"GEN_", "PARK", "PROP", "PWDx"}, agencies)
	assert.Equal(t, []string{"GEN_/x", "PARK/app", "PROP/web_form", "PWDx/app", "PWDx/phone"}, channels)
	require.NoError(t, ds.Validate())
}

func TestReadStrictStops(t *testing.T) {
	m := loadFile(t, "testdata/boston2022.yaml")
	ds, acct, err := readFile(t, m, "testdata/boston2022.csv", model.ReadOptions{})
	var pe *model.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 6, pe.Line)
	assert.Equal(t, "source", pe.Field)
	assert.Len(t, ds.Inquiries, 4)
	checkAccounting(t, acct, 5)
}

func TestReadDefaultAndFilters(t *testing.T) {
	m := loadFile(t, "testdata/boston2022.yaml")
	m.Channel.Default = model.ChannelPhone
	m.Filters = []mapping.Filter{{Column: "case_status", Values: []string{"Closed"}}}
	ds, acct, err := readFile(t, m, "testdata/boston2022.csv", model.ReadOptions{})
	require.NoError(t, err)
	checkAccounting(t, acct, 6)
	assert.Equal(t, 2, acct.Filtered)
	assert.Equal(t, 4, acct.Accepted)
	for _, q := range ds.Inquiries {
		assert.NotEqual(t, "900000000003", q.ID)
		assert.NotEqual(t, "900000000005", q.ID)
	}

	// Every filter must match.
	m.Filters = append(m.Filters, mapping.Filter{Column: "ontime", Values: []string{"OVERDUE"}})
	ds, acct, err = readFile(t, m, "testdata/boston2022.csv", model.ReadOptions{})
	require.NoError(t, err)
	checkAccounting(t, acct, 6)
	assert.Equal(t, 5, acct.Filtered)
	require.Len(t, ds.Inquiries, 1)
	assert.Equal(t, "900000000006", ds.Inquiries[0].ID)
}

func TestValueMaps(t *testing.T) {
	const data = "id,who,via,grade,at,reply\n" +
		"1,Press, Twitter ,good,2025-01-01T10:00:00Z,2025-01-01T11:00:00Z\n" +
		"2,,email,,2025-01-01T10:00:00Z,\n" +
		"3,Citizen,Pigeon,,2025-01-01T10:00:00Z,\n" +
		"4,Alien,email,,2025-01-01T10:00:00Z,\n" +
		"5,Citizen,email,excellent,2025-01-01T10:00:00Z,2025-01-01T11:00:00Z\n" +
		"6,Citizen,email,good,2025-01-01T10:00:00Z,\n"
	m := mapping.Mapping{
		ID: "id", Agency: "ministry", ReceivedAt: "at", FirstReplyAt: "reply",
		Channel:   mapping.ValueMap[model.ChannelKind]{Column: "via", Values: map[string]model.ChannelKind{"Twitter": model.ChannelX}},
		Requester: mapping.ValueMap[model.Requester]{Column: "who", Values: map[string]model.Requester{"Press": model.RequesterMedia, "Citizen": model.RequesterPublic}},
		Accuracy:  mapping.ValueMap[model.Accuracy]{Column: "grade", Values: map[string]model.Accuracy{"good": model.AccuracyAccurate}},
	}
	require.NoError(t, m.Validate())
	ds, acct, err := m.Read(strings.NewReader(data), model.ReadOptions{Lenient: true})
	require.NoError(t, err)
	checkAccounting(t, acct, 6)
	require.Len(t, ds.Inquiries, 2)
	assert.Equal(t, model.Inquiry{ID: "1", AgencyID: "ministry", ChannelID: "ministry/x", Requester: model.RequesterMedia,
		ReceivedAt: ds.Inquiries[0].ReceivedAt, FirstReplyAt: ds.Inquiries[0].FirstReplyAt, Accuracy: model.AccuracyAccurate}, ds.Inquiries[0])
	assert.Equal(t, model.Requester(""), ds.Inquiries[1].Requester)
	assert.Equal(t, "ministry/email", ds.Inquiries[1].ChannelID, "a kind word passes untranslated")

	want := []struct {
		line  int
		field string
		err   error
	}{
		{4, "via", model.ErrUnknownValue},
		{5, "who", model.ErrUnknownValue},
		{6, "grade", model.ErrUnknownValue},
		{7, "grade", model.ErrOutOfRange},
	}
	require.Len(t, acct.Rejected, len(want))
	for i, w := range want {
		pe := acct.Rejected[i]
		assert.Equal(t, w.line, pe.Line, "rejection %d", i)
		assert.Equal(t, w.field, pe.Field, "rejection %d", i)
		assert.ErrorIs(t, pe, w.err, "rejection %d", i)
	}
}

func TestZones(t *testing.T) {
	const data = "id,at\n1,2025-07-01 09:30:00\n2,2025-07-01T09:30:00+03:00\n"
	base := mapping.Mapping{ID: "id", Agency: "a", ReceivedAt: "at", Channel: mapping.ValueMap[model.ChannelKind]{Default: model.ChannelEmail}}
	riyadh, err := time.LoadLocation("Asia/Riyadh")
	require.NoError(t, err)

	tests := []struct {
		name     string
		layouts  []string
		zone     string
		loc      *time.Location
		want     []string // RFC 3339 in UTC, per accepted row
		rejected []error
		fileErr  error
	}{
		{name: "rfc3339 without zone", want: []string{"2025-07-01T06:30:00Z"}, rejected: []error{model.ErrNoZone}},
		{name: "rfc3339 mapping zone", zone: "America/Chicago", want: []string{"2025-07-01T14:30:00Z", "2025-07-01T06:30:00Z"}},
		{name: "rfc3339 options zone", loc: riyadh, want: []string{"2025-07-01T06:30:00Z", "2025-07-01T06:30:00Z"}},
		{name: "mapping zone wins", zone: "UTC", loc: riyadh, want: []string{"2025-07-01T09:30:00Z", "2025-07-01T06:30:00Z"}},
		{name: "go layout without zone", layouts: []string{"2006-01-02 15:04:05"}, fileErr: model.ErrNoZone},
		{name: "go layout with zone", layouts: []string{"2006-01-02 15:04:05"}, zone: "Asia/Riyadh",
			want: []string{"2025-07-01T06:30:00Z"}, rejected: []error{model.ErrBadTime}},
		{name: "two layouts", layouts: []string{"2006-01-02 15:04:05", "2006-01-02T15:04:05Z07:00"}, zone: "Europe/London",
			want: []string{"2025-07-01T08:30:00Z", "2025-07-01T06:30:00Z"}},
		{name: "zoned layout alone", layouts: []string{"2006-01-02T15:04:05Z07:00"},
			want: []string{"2025-07-01T06:30:00Z"}, rejected: []error{model.ErrBadTime}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := base
			m.TimeLayouts, m.TimeZone = tt.layouts, tt.zone
			ds, acct, err := m.Read(strings.NewReader(data), model.ReadOptions{Lenient: true, Location: tt.loc})
			if tt.fileErr != nil {
				assert.ErrorIs(t, err, tt.fileErr)
				assert.Zero(t, acct.Read)
				return
			}
			require.NoError(t, err)
			checkAccounting(t, acct, 2)
			var got []string
			for _, q := range ds.Inquiries {
				got = append(got, q.ReceivedAt.UTC().Format(time.RFC3339))
			}
			assert.Equal(t, tt.want, got)
			require.Len(t, acct.Rejected, len(tt.rejected))
			for i, e := range tt.rejected {
				assert.ErrorIs(t, acct.Rejected[i], e)
				assert.Equal(t, "at", acct.Rejected[i].Field)
			}
		})
	}
}

func TestDateOnlyWarning(t *testing.T) {
	m := mapping.Mapping{ID: "id", Agency: "a", ReceivedAt: "at", TimeLayouts: []string{"01/02/2006"}, TimeZone: "UTC",
		Channel: mapping.ValueMap[model.ChannelKind]{Default: model.ChannelEmail}}
	_, acct, err := m.Read(strings.NewReader("id,at\n1,03/04/2025\n"), model.ReadOptions{})
	require.NoError(t, err)
	require.Len(t, acct.Warnings, 1)
	assert.ErrorIs(t, acct.Warnings[0], mapping.ErrDateOnly)
}

// TestReplyBeforeReceipt checks the readers' one policy (issue 14,
// finding 8): a reply dated before its inquiry leaves the inquiry kept,
// unanswered and ungraded, with a warning naming the reply's column.
func TestReplyBeforeReceipt(t *testing.T) {
	m := mapping.Mapping{ID: "id", AgencyID: "dept", ReceivedAt: "at", FirstReplyAt: "reply", ChannelID: "chan",
		Accuracy: mapping.ValueMap[model.Accuracy]{Column: "grade"}}
	res, acct, err := m.Read(strings.NewReader("id,dept,at,reply,chan,grade\n1,d,2025-01-02T00:00:00Z,2025-01-01T00:00:00Z,c,accurate\n"),
		model.ReadOptions{File: "x.csv"})
	require.NoError(t, err)
	require.Len(t, res.Inquiries, 1)
	q := res.Inquiries[0]
	assert.True(t, q.FirstReplyAt.IsZero() && q.Accuracy == "", "kept unanswered and ungraded: %+v", q)
	require.Len(t, acct.Warnings, 1)
	assert.ErrorIs(t, acct.Warnings[0], model.ErrBeforeReceipt)
	assert.Equal(t, [2]any{2, "reply"}, [2]any{acct.Warnings[0].Line, acct.Warnings[0].Field})
}

func TestReadErrors(t *testing.T) {
	base := mapping.Mapping{ID: "id", AgencyID: "dept", ReceivedAt: "at", ChannelID: "chan"}
	tests := []struct {
		name  string
		data  string
		line  int
		field string
		err   error
	}{
		{"missing column", "id,dept,at\n", 1, "chan", model.ErrMissing},
		{"repeated column", "id,dept,at,chan,dept\n", 1, "dept", model.ErrDuplicateID},
		{"empty", "", 1, "", model.ErrMissing},
		{"empty id", "id,dept,at,chan\n,d,2025-01-01T00:00:00Z,c\n", 2, "id", model.ErrMissing},
		{"empty agency", "id,dept,at,chan\n1,,2025-01-01T00:00:00Z,c\n", 2, "dept", model.ErrMissing},
		{"empty channel", "id,dept,at,chan\n1,d,2025-01-01T00:00:00Z,\n", 2, "chan", model.ErrMissing},
		{"empty received", "id,dept,at,chan\n1,d,,c\n", 2, "at", model.ErrMissing},
		{"bad time", "id,dept,at,chan\n1,d,yesterday,c\n", 2, "at", model.ErrBadTime},
		{"duplicate", "id,dept,at,chan\n1,d,2025-01-01T00:00:00Z,c\n1,d,2025-01-01T00:00:00Z,c\n", 3, "id", model.ErrDuplicateID},
		{"bad utf-8", "id,dept,at,chan\n1,d\xff,2025-01-01T00:00:00Z,c\n", 2, "dept", model.ErrEncoding},
		{"field count", "id,dept,at,chan\n1,d,2025-01-01T00:00:00Z\n", 2, "", nil},
		{"bare quote", "id,dept,at,chan\n1,d\"x,2025-01-01T00:00:00Z,c\n", 2, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := base.Read(strings.NewReader(tt.data), model.ReadOptions{File: "x.csv"})
			var pe *model.ParseError
			require.ErrorAs(t, err, &pe, "Read(%q)", tt.data)
			assert.Equal(t, "x.csv", pe.File)
			assert.Equal(t, tt.line, pe.Line)
			assert.Equal(t, tt.field, pe.Field)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
			}
		})
	}
	// An invalid mapping is an error before any row.
	_, _, err := mapping.Mapping{}.Read(strings.NewReader("id\n1\n"), model.ReadOptions{})
	assert.ErrorIs(t, err, mapping.ErrMapping)
}

func TestMaxRejects(t *testing.T) {
	m := mapping.Mapping{ID: "id", Agency: "a", ReceivedAt: "at", Channel: mapping.ValueMap[model.ChannelKind]{Default: model.ChannelEmail}}
	_, acct, err := m.Read(strings.NewReader("id,at\n1,x\n2,y\n3,z\n"), model.ReadOptions{Lenient: true, MaxRejects: 1})
	assert.ErrorIs(t, err, model.ErrTooManyRejects)
	assert.Equal(t, 2, acct.Read)
}

type failReader struct{}

func (failReader) Read([]byte) (int, error) { return 0, errors.New("disk on fire") }

func TestReadIOError(t *testing.T) {
	m := mapping.Mapping{ID: "id", Agency: "a", ReceivedAt: "at", Channel: mapping.ValueMap[model.ChannelKind]{Default: model.ChannelEmail}}
	_, _, err := m.Read(failReader{}, model.ReadOptions{File: "f.csv"})
	assert.ErrorContains(t, err, "f.csv: disk on fire")
}

func TestLoadMapping(t *testing.T) {
	tests := []struct {
		name string
		text string
		want string // substring of the error; empty for success
	}{
		{"yaml", "id: a\nagency: x\nreceived_at: b\nchannel: {default: email}\n", ""},
		{"json", `{"id": "a", "agency_id": "d", "received_at": "b", "channel_id": "c", "filters": [{"column": "s", "values": ["Open"]}]}`, ""},
		{"unknown key", "id: a\nagency: x\nreceived_at: b\nchannel: {default: email}\ncolour: red\n", "field colour not found"},
		{"unknown nested key", "id: a\nagency: x\nreceived_at: b\nchannel: {default: email, colour: red}\n", "field colour not found"},
		{"empty", "", "empty"},
		{"two documents", "id: a\nagency: x\nreceived_at: b\nchannel: {default: email}\n---\nid: b\n", "more than one document"},
		{"missing id", "agency: x\nreceived_at: b\nchannel: {default: email}\n", "id: a column is required"},
		{"both agencies", "id: a\nagency: x\nagency_id: y\nreceived_at: b\nchannel: {default: email}\n", "not both"},
		{"no channel", "id: a\nagency: x\nreceived_at: b\n", "channel: channel_id"},
		{"bad kind", "id: a\nagency: x\nreceived_at: b\nchannel: {column: s, values: {Tweet: twitter}}\n", `channel.values["Tweet"]`},
		{"bad grade", "id: a\nagency: x\nreceived_at: b\nchannel_id: c\naccuracy: {column: g, default: great}\n", "accuracy.default"},
		{"values without column", "id: a\nagency: x\nreceived_at: b\nchannel_id: c\nrequester: {values: {P: public}}\n", "without a column"},
		{"bad zone", "id: a\nagency: x\nreceived_at: b\nchannel_id: c\ntime_zone: Mars/Olympus\n", "time_zone"},
		{"abbreviated zone", "id: a\nagency: x\nreceived_at: b\nchannel_id: c\ntime_layouts: ['Mon Jan 2 15:04:05 MST 2006']\n", "abbreviation"},
		{"empty filter", "id: a\nagency: x\nreceived_at: b\nchannel_id: c\nfilters: [{column: s}]\n", "filters[0].values"},
		{"not a map", "- a\n", "cannot unmarshal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := mapping.LoadMapping(strings.NewReader(tt.text))
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, mapping.ErrMapping)
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

// BenchmarkReadFilter reads 20,000 rows through a filter of 100,000
// values, which it keeps as a set: searched as a list for each row, it
// took 16 s.
func BenchmarkReadFilter(b *testing.B) {
	m := loadFile(&testing.T{}, "testdata/boston2022.yaml")
	m.Channel.Default = model.ChannelPhone
	values := make([]string, 100_000)
	for i := range values {
		values[i] = fmt.Sprintf("status-%d", i)
	}
	m.Filters = []mapping.Filter{{Column: "case_status", Values: append(values, "Closed")}}
	data, err := os.ReadFile("testdata/boston2022.csv")
	if err != nil {
		b.Fatal(err)
	}
	header, rows, _ := strings.Cut(string(data), "\n")
	var in strings.Builder
	in.WriteString(header + "\n")
	for in.Len() < 4<<20 {
		in.WriteString(rows)
	}
	b.SetBytes(int64(in.Len()))
	for b.Loop() {
		if _, _, err := m.Read(strings.NewReader(in.String()), model.ReadOptions{Lenient: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSkippedLocalTime: a local time without an offset that New York's
// clocks skip (13 March 2022, 02:30) is rejected, naming its column; the
// hour after is read.
func TestSkippedLocalTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	const data = "id,via,at\n1,email,2022-03-13T02:30:00\n2,email,2022-03-13 03:30:00\n"
	m := mapping.Mapping{ID: "id", Agency: "ministry", ReceivedAt: "at", Channel: mapping.ValueMap[model.ChannelKind]{Column: "via"}}
	require.NoError(t, m.Validate())
	ds, acct, err := m.Read(strings.NewReader(data), model.ReadOptions{Lenient: true, Location: ny})
	require.NoError(t, err)
	checkAccounting(t, acct, 2)
	require.Len(t, acct.Rejected, 1)
	assert.Equal(t, "at", acct.Rejected[0].Field)
	assert.ErrorIs(t, acct.Rejected[0], model.ErrBadTime)
	require.Len(t, ds.Inquiries, 1)
	assert.Equal(t, "03:30", ds.Inquiries[0].ReceivedAt.Format("15:04"))
}
