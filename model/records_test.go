package model

import (
	"bytes"
	"encoding/csv"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReadAgenciesCSV(t *testing.T) {
	in := "id,name_en,name,time_zone,name_ar,sector\n" +
		"mof,Ministry of Finance,MoF,Asia/Riyadh,وزارة المالية,finance\n" +
		"moh,,,,,\n"
	as, acct, err := ReadAgenciesCSV(strings.NewReader(in), ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadAgenciesCSV", acct)
	assert.Equal(t, []Agency{
		{ID: "mof", Name: "MoF", Names: map[string]string{"en": "Ministry of Finance", "ar": "وزارة المالية"},
			Sector: "finance", TimeZone: "Asia/Riyadh"},
		{ID: "moh"},
	}, as)
}

func TestReadAgenciesCSVErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		line  int
		field string
		want  error
	}{
		{"missing id column", "name\nx\n", 1, "id", ErrMissing},
		{"bare name_ column", "id,name_\nx,y\n", 1, "name_", ErrUnknownValue},
		{"unknown column", "id,nom\nx,y\n", 1, "nom", ErrUnknownValue},
		{"duplicate name_ar", "id,name_ar,name_ar\nx,y,z\n", 1, "name_ar", ErrDuplicateID},
		{"empty id", "id,name\nx,X\n,Y\n", 3, "id", ErrMissing},
		{"duplicate id", "id,name\nx,X\nx,Y\n", 3, "id", ErrDuplicateID},
		{"bad time zone", "id,time_zone\nx,Asia/Riyadh\ny,Asia/Atlantis\n", 3, "time_zone", ErrUnknownValue},
		{"invalid UTF-8", "id,name\nx,X\ny,\xff\n", 3, "name", ErrEncoding},
		{"short row", "id,name\nx,X\ny\n", 3, "", csv.ErrFieldCount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, acct, err := ReadAgenciesCSV(strings.NewReader(tt.in), ReadOptions{})
			assertAccounting(t, "ReadAgenciesCSV", acct)
			assertParseError(t, "ReadAgenciesCSV", err, tt.line, tt.field, tt.want)
		})
	}
}

func sampleAgencies() []Agency {
	return []Agency{
		{ID: "mof", Name: "Ministry of Finance", Names: map[string]string{"ar": "وزارة المالية", "en": "Ministry of Finance"},
			Sector: "finance", TimeZone: "Asia/Riyadh"},
		{ID: "moh", Name: "وزارة الصحة", Names: map[string]string{"fr": "Ministère de la Santé"}},
		{ID: "sdaia, \"quoted\""},
	}
}

func TestAgenciesRoundTrip(t *testing.T) {
	as := sampleAgencies()
	var buf bytes.Buffer
	require.NoError(t, WriteAgenciesCSV(&buf, as))
	assert.True(t, strings.HasPrefix(buf.String(), "id,name,sector,time_zone,calendar_id,name_ar,name_en,name_fr\n"),
		"WriteAgenciesCSV: name_<lang> columns sorted: %q", buf.String())
	got, acct, err := ReadAgenciesCSV(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadAgenciesCSV", acct)
	assert.Equal(t, as, got, "ReadAgenciesCSV(WriteAgenciesCSV(as))")

	as[2].Implied = true
	buf.Reset()
	require.NoError(t, WriteAgenciesJSON(&buf, as))
	first := buf.String()
	assert.Contains(t, first, `"ar": "وزارة المالية"`)
	assert.Less(t, strings.Index(first, `"ar"`), strings.Index(first, `"en"`), "names sorted by language")
	got, acct, err = ReadAgenciesJSON(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadAgenciesJSON", acct)
	assert.Equal(t, as, got, "ReadAgenciesJSON(WriteAgenciesJSON(as))")

	buf.Reset()
	require.NoError(t, WriteAgenciesJSON(&buf, as))
	assert.Equal(t, first, buf.String(), "WriteAgenciesJSON is deterministic")

	buf.Reset()
	require.NoError(t, WriteAgenciesJSON(&buf, nil))
	assert.Equal(t, "[]\n", buf.String(), "WriteAgenciesJSON(nil)")
}

func TestWriteAgenciesErrors(t *testing.T) {
	assert.Error(t, WriteAgenciesCSV(&bytes.Buffer{}, []Agency{{ID: "x", Names: map[string]string{"": "y"}}}), "empty language")
	assert.Error(t, WriteAgenciesCSV(&bytes.Buffer{}, []Agency{{ID: "\xff"}}), "invalid UTF-8")
	assert.Error(t, WriteAgenciesJSON(&bytes.Buffer{}, []Agency{{ID: "x", Names: map[string]string{"ar": "\xff"}}}), "invalid UTF-8")
}

func TestReadAgenciesJSONErrors(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		line     int
		field    string
		want     error
		wantRead int
	}{
		{"unknown key", "[\n  {\"id\": \"a\"},\n  {\"id\": \"b\",\n   \"colour\": \"red\"}\n]", 3, "colour", ErrUnknownValue, 2},
		{"key in another case", "[{\"id\": \"a\"},\n{\"Name\": \"b\"}]", 2, "Name", ErrUnknownValue, 2},
		{"wrong type", "[{\"id\": \"a\"},\n\n{\"id\": \"b\", \"names\": [\"x\"]}]", 3, "names", ErrUnknownValue, 2},
		{"missing id", "[{\"id\": \"a\"}, {\"name\": \"b\"}]", 1, "id", ErrMissing, 2},
		{"duplicate id", "[{\"id\": \"a\"},\n {\"id\": \"a\"}]", 2, "id", ErrDuplicateID, 2},
		{"bad time zone", "[{\"id\": \"a\"},\n {\"id\": \"b\", \"time_zone\": \"Local/Nowhere\"}]", 2, "time_zone", ErrUnknownValue, 2},
		{"not an object", "[{\"id\": \"a\"},\n 42]", 2, "", ErrUnknownValue, 2},
		{"lone surrogate", "[{\"id\": \"a\"},\n {\"id\": \"\\udfff\"}]", 2, "", ErrEncoding, 2},
		{"invalid UTF-8", "[{\"id\": \"a\"},\n {\"id\": \"\xff\"}]", 2, "", ErrEncoding, 2},
		{"syntax error", "[{\"id\": \"a\"},\n {\"id\" \"b\"}]", 2, "", nil, 2},
		{"not an array", "{\"id\": \"a\"}", 1, "", ErrUnknownValue, 0},
		{"empty", "", 1, "", ErrMissing, 0},
		{"data after the array", "[{\"id\": \"a\"}]\n[]", 2, "", nil, 1},
		{"unclosed array", "[{\"id\": \"a\"}", 1, "", nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, acct, err := ReadAgenciesJSON(strings.NewReader(tt.in), ReadOptions{Lenient: true})
			assertAccounting(t, "ReadAgenciesJSON", acct)
			assert.Equal(t, tt.wantRead, acct.Read, "ReadAgenciesJSON(%q): Read", tt.in)
			if err == nil { // a lenient read goes past a bad element, but not past a syntax error
				require.NotEmpty(t, acct.Rejected, "ReadAgenciesJSON(%q): no error and nothing rejected", tt.in)
				err = acct.Rejected[0]
			}
			assertParseError(t, "ReadAgenciesJSON", err, tt.line, tt.field, tt.want)
		})
	}
}

func TestReadJSONSyntaxErrorStops(t *testing.T) {
	in := "[{\"id\": \"a\"},\n {\"id\" \"b\"},\n {\"id\": \"c\"}]"
	as, acct, err := ReadAgenciesJSON(strings.NewReader(in), ReadOptions{Lenient: true})
	assertAccounting(t, "ReadAgenciesJSON", acct)
	assertParseError(t, "ReadAgenciesJSON", err, 2, "", nil)
	assert.Equal(t, Accounting{Read: 2, Accepted: 1, Rejected: acct.Rejected}, acct)
	assert.Len(t, as, 1)
}

func TestReadChannelsCSV(t *testing.T) {
	in := "kind,id,agency_id,official,accepts_inquiries,broadcast_only,handle\n" +
		"x,mof-x,mof,TRUE,yes,0,@MOF_KSA\n" +
		"email,mof-mail,mof,,No,1,info@mof.gov.sa\n"
	cs, acct, err := ReadChannelsCSV(strings.NewReader(in), ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadChannelsCSV", acct)
	assert.Equal(t, []Channel{
		{ID: "mof-x", AgencyID: "mof", Kind: ChannelX, Handle: "@MOF_KSA", Official: true, AcceptsInquiries: true},
		{ID: "mof-mail", AgencyID: "mof", Kind: ChannelEmail, Handle: "info@mof.gov.sa", BroadcastOnly: true},
	}, cs)
}

func TestReadChannelsErrors(t *testing.T) {
	tests := []struct {
		name  string
		row   string // id,agency_id,kind,official
		field string
		want  error
	}{
		{"missing id", ",a,x,", "id", ErrMissing},
		{"missing agency", "c,,x,", "agency_id", ErrMissing},
		{"missing kind", "c,a,,", "kind", ErrMissing},
		{"unknown kind", "c,a,telex,", "kind", ErrUnknownValue},
		{"bad boolean", "c,a,x,maybe", "official", ErrUnknownValue},
		{"duplicate id", "c0,a,x,", "id", ErrDuplicateID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "id,agency_id,kind,official\nc0,a,x,true\n" + tt.row + "\n"
			_, acct, err := ReadChannelsCSV(strings.NewReader(in), ReadOptions{})
			assertAccounting(t, "ReadChannelsCSV", acct)
			assertParseError(t, "ReadChannelsCSV", err, 3, tt.field, tt.want)
		})
	}
	_, _, err := ReadChannelsCSV(strings.NewReader("id,agency_id\n"), ReadOptions{})
	assertParseError(t, "ReadChannelsCSV without kind", err, 1, "kind", ErrMissing)
	_, _, err = ReadChannelsJSON(strings.NewReader(`[{"id":"c","agency_id":"a","kind":"x","official":"yes"}]`), ReadOptions{})
	assertParseError(t, "ReadChannelsJSON with a string boolean", err, 1, "official", ErrUnknownValue)
	_, _, err = ReadChannelsJSON(strings.NewReader(`[{"id":"c","agency_id":"a","kind":"fax"}]`), ReadOptions{})
	assertParseError(t, "ReadChannelsJSON with a bad kind", err, 1, "kind", ErrUnknownValue)
}

func TestChannelsRoundTrip(t *testing.T) {
	cs := validDataset().Channels
	cs = append(cs, Channel{ID: "q", AgencyID: "a", Kind: ChannelWebForm, Handle: "https://example.org/form?a=1&b=2", BroadcastOnly: true})
	var buf bytes.Buffer
	require.NoError(t, WriteChannelsCSV(&buf, cs))
	got, acct, err := ReadChannelsCSV(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadChannelsCSV", acct)
	assert.Equal(t, cs, got, "ReadChannelsCSV(WriteChannelsCSV(cs))")

	cs[0].Implied = true
	buf.Reset()
	require.NoError(t, WriteChannelsJSON(&buf, cs))
	got, acct, err = ReadChannelsJSON(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadChannelsJSON", acct)
	assert.Equal(t, cs, got, "ReadChannelsJSON(WriteChannelsJSON(cs))")
}

func TestReadStaffingCSV(t *testing.T) {
	in := "agency_id,channel_id,from,to,staff,weekly_hours\n" +
		"mof,mof-x,2025-01-01T00:00:00+03:00,2026-01-01 00:00:00+03:00,3,40\n" +
		"moh,,,,0,0\n" +
		"moe,,2025-01-01T00:00:00,,1,168\n"
	riyadh, err := time.LoadLocation("Asia/Riyadh")
	require.NoError(t, err)
	ss, acct, err := ReadStaffingCSV(strings.NewReader(in), ReadOptions{Location: riyadh})
	require.NoError(t, err)
	assertAccounting(t, "ReadStaffingCSV", acct)
	require.Len(t, ss, 3)
	assertSameInstant(t, "From", time.Date(2025, 1, 1, 0, 0, 0, 0, riyadhOffset), ss[0].From)
	assertSameInstant(t, "To", time.Date(2026, 1, 1, 0, 0, 0, 0, riyadhOffset), ss[0].To)
	assert.Equal(t, 3, ss[0].Staff)
	assert.True(t, ss[0].WeeklyHours.Equal(decimal.NewFromInt(40)), "WeeklyHours = %s, want 40", ss[0].WeeklyHours)
	assert.True(t, ss[1].WeeklyHours.IsZero(), "WeeklyHours = %s, want 0", ss[1].WeeklyHours)
	ss[1].WeeklyHours = decimal.Decimal{}
	assert.Equal(t, Staffing{AgencyID: "moh"}, ss[1])
	assertSameInstant(t, "zone-less From", time.Date(2025, 1, 1, 0, 0, 0, 0, riyadh), ss[2].From)
}

func TestReadStaffingErrors(t *testing.T) {
	tests := []struct {
		name  string
		row   string // agency_id,from,to,staff,weekly_hours
		field string
		want  error
	}{
		{"missing agency", ",,,1,40", "agency_id", ErrMissing},
		{"missing staff", "a,,,,40", "staff", ErrMissing},
		{"missing hours", "a,,,1,", "weekly_hours", ErrMissing},
		{"fractional staff", "a,,,1.5,40", "staff", ErrUnknownValue},
		{"huge staff", "a,,,99999999999999999999,40", "staff", ErrOutOfRange},
		{"negative staff", "a,,,-1,40", "staff", ErrOutOfRange},
		{"hours not a number", "a,,,1,forty", "weekly_hours", ErrUnknownValue},
		{"hours over 168", "a,,,1,168.01", "weekly_hours", ErrOutOfRange},
		{"negative hours", "a,,,1,-0.5", "weekly_hours", ErrOutOfRange},
		{"NaN hours", "a,,,1,NaN", "weekly_hours", ErrUnknownValue},
		{"infinite hours", "a,,,1,+Inf", "weekly_hours", ErrUnknownValue},
		{"hours with an exponent", "a,,,1,4e1", "weekly_hours", ErrUnknownValue},
		{"hours with 13 places", "a,,,1,40.0000000000001", "weekly_hours", ErrOutOfRange},
		{"hours of 25 digits", "a,,,1,1" + strings.Repeat("0", 24), "weekly_hours", ErrOutOfRange},
		{"hours of a million digits", "a,,,1,1" + strings.Repeat("0", 1_000_000), "weekly_hours", ErrTooLarge},
		{"zone-less from", "a,2025-01-01T00:00:00,,1,40", "from", ErrNoZone},
		{"bad to", "a,,never,1,40", "to", ErrBadTime},
		{"period backwards", "a,2025-02-01T00:00:00Z,2025-01-01T00:00:00Z,1,40", "to", ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "agency_id,from,to,staff,weekly_hours\na,,,1,1\n" + tt.row + "\n"
			_, acct, err := ReadStaffingCSV(strings.NewReader(in), ReadOptions{})
			assertAccounting(t, "ReadStaffingCSV", acct)
			assertParseError(t, "ReadStaffingCSV", err, 3, tt.field, tt.want)
		})
	}
}

func TestReadStaffingJSONErrors(t *testing.T) {
	riyadh, err := time.LoadLocation("Asia/Riyadh")
	require.NoError(t, err)
	tests := []struct {
		name  string
		elem  string
		field string
		want  error
	}{
		{"zone-less from, even with Location", `{"agency_id":"a","from":"2025-01-01T00:00:00","staff":1,"weekly_hours":1}`, "from", ErrNoZone},
		{"missing staff", `{"agency_id":"a","weekly_hours":1}`, "staff", ErrMissing},
		{"missing weekly_hours", `{"agency_id":"a","staff":1}`, "weekly_hours", ErrMissing},
		{"fractional staff", `{"agency_id":"a","staff":1.5,"weekly_hours":1}`, "staff", ErrUnknownValue},
		{"string staff", `{"agency_id":"a","staff":"1","weekly_hours":1}`, "staff", ErrUnknownValue},
		{"hours over 168", `{"agency_id":"a","staff":1,"weekly_hours":200}`, "weekly_hours", ErrOutOfRange},
		{"null hours", `{"agency_id":"a","staff":1,"weekly_hours":null}`, "weekly_hours", ErrMissing},
		{"hours as a string", `{"agency_id":"a","staff":1,"weekly_hours":"40"}`, "weekly_hours", ErrUnknownValue},
		{"hours with an exponent", `{"agency_id":"a","staff":1,"weekly_hours":4e1}`, "weekly_hours", ErrUnknownValue},
		{"unknown key", `{"agency_id":"a","staff":1,"weekly_hours":1,"shift":"night"}`, "shift", ErrUnknownValue},
		{"missing agency", `{"staff":1,"weekly_hours":1}`, "agency_id", ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := "[\n" + `{"agency_id":"a","staff":1,"weekly_hours":1},` + "\n" + tt.elem + "\n]"
			_, acct, err := ReadStaffingJSON(strings.NewReader(in), ReadOptions{Location: riyadh})
			assertAccounting(t, "ReadStaffingJSON", acct)
			assertParseError(t, "ReadStaffingJSON", err, 3, tt.field, tt.want)
		})
	}
}

func TestStaffingRoundTrip(t *testing.T) {
	ss := validDataset().Staffing
	ss = append(ss, Staffing{AgencyID: "x", ChannelID: "y", From: time.Date(2025, 1, 1, 0, 0, 0, 1, time.UTC), Staff: 7, WeeklyHours: decimal.RequireFromString("37.5")},
		Staffing{AgencyID: "x", To: time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("", -3600)), WeeklyHours: decimal.RequireFromString("40.000000000001")})
	var buf bytes.Buffer
	require.NoError(t, WriteStaffingCSV(&buf, ss))
	got, acct, err := ReadStaffingCSV(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadStaffingCSV", acct)
	assertSameStaffing(t, "ReadStaffingCSV(WriteStaffingCSV(ss))", ss, got)

	buf.Reset()
	require.NoError(t, WriteStaffingJSON(&buf, ss))
	got, acct, err = ReadStaffingJSON(&buf, ReadOptions{})
	require.NoError(t, err)
	assertAccounting(t, "ReadStaffingJSON", acct)
	assertSameStaffing(t, "ReadStaffingJSON(WriteStaffingJSON(ss))", ss, got)

	// Hours with more places than a reader takes are not written.
	fine := []Staffing{{AgencyID: "a", WeeklyHours: decimal.RequireFromString("40.0000000000000000000001")}}
	assert.Error(t, WriteStaffingCSV(&buf, fine), "WriteStaffingCSV(hours with 22 places)")
	assert.Error(t, WriteStaffingJSON(&buf, fine), "WriteStaffingJSON(hours with 22 places)")

}

func assertSameStaffing(t *testing.T, call string, want, got []Staffing) {
	t.Helper()
	require.Len(t, got, len(want), call)
	for i := range want {
		w, g := want[i], got[i]
		assertSameInstant(t, call+": From", w.From, g.From)
		assertSameInstant(t, call+": To", w.To, g.To)
		assert.True(t, w.WeeklyHours.Equal(g.WeeklyHours), "%s: staffing %d: weekly hours %s, want %s", call, i, g.WeeklyHours, w.WeeklyHours)
		w.From, w.To, g.From, g.To = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		w.WeeklyHours, g.WeeklyHours = decimal.Decimal{}, decimal.Decimal{}
		assert.Equal(t, w, g, "%s: staffing %d", call, i)
	}
}

// TestIDStrings checks the strings idString makes: each keeps the ID it
// was made from while the IDs after it are copied into the same block and
// into new ones, whatever their length, and whether or not the bytes after
// an ID can be read in place.
func TestIDStrings(t *testing.T) {
	b := newInquiryBuilder(ReadOptions{})
	r := rand.New(rand.NewPCG(3, 5))
	buf := make([]byte, 64) // reused, as a chunk's buffer is
	var want, got []string
	for range 20000 {
		n := 1 + r.IntN(40)
		for k := range buf {
			buf[k] = byte('a' + r.IntN(26))
		}
		id := buf[:n:min(len(buf), n+r.IntN(24))] // the capacity after the ID varies
		want = append(want, string(id))
		got = append(got, b.idString(id))
	}
	require.Equal(t, want, got)
}

// TestDecimalOrder checks decimalOf against isDecimal and strconv, and
// that chunkIDs compares IDs as idLess does: by value for short decimal
// IDs, and otherwise as before, on IDs of every kind around 19 digits.
func TestDecimalOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 4))
	ids := []string{"", "0", "00", "01", "1", "9", "10", "a", "1a", "9999999999999999999", "18446744073709551615",
		"18446744073709551616", "10000000000000000000", "99999999999999999999", "1000000000000000000", "x-1", "٣"}
	for range 300 {
		n := 1 + r.IntN(22)
		b := make([]byte, n)
		for k := range b {
			b[k] = byte('0' + r.IntN(10))
		}
		if r.IntN(4) == 0 {
			b[r.IntN(n)] = 'z'
		}
		ids = append(ids, string(b))
	}
	for _, a := range ids {
		v, dec := decimalOf(a)
		require.Equal(t, isDecimal(a), dec, "decimalOf(%q)", a)
		if want, err := strconv.ParseUint(a, 10, 64); dec && len(a) <= maxDecimalDigits {
			require.NoError(t, err)
			require.Equal(t, want, v, "decimalOf(%q)", a)
		}
		for _, b := range ids {
			c := chunkIDs{last: a}
			c.lastValue, c.lastDecimal = decimalOf(a)
			bv, bdec := decimalOf(b)
			require.Equal(t, idLess(a, b), c.before(b, bv, bdec), "%q before %q", a, b)
		}
	}
}
