package model

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// This file holds the tests of hostile input: values that cannot be
// trusted are errors naming file, line, field and reason, never changed in
// silence, and every row is accounted for.

// rejectCase is one input holding good rows and one bad row, and the
// error a reader must give for the bad row.
type rejectCase struct {
	name string
	in   string
	want string // the bad row's error, in full
	rows int    // the data rows of in
}

// accountFunc reads in and returns the accounting.
type accountFunc func(r io.Reader, opts ReadOptions) (Accounting, error)

// checkRejects reads every case strictly and leniently. The strict read
// stops at the bad row with want; the lenient one reads every row, rejects
// the bad one with want and accepts the others: Read = Accepted +
// Rejected.
func checkRejects(t *testing.T, call string, read accountFunc, tests []rejectCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			acct, err := read(strings.NewReader(tt.in), ReadOptions{})
			assertAccounting(t, call, acct)
			assert.EqualError(t, err, tt.want, "%s(%q), strict", call, tt.in)
			assert.Len(t, acct.Rejected, 1, "%s(%q), strict: Rejected", call, tt.in)

			acct, err = read(strings.NewReader(tt.in), ReadOptions{Lenient: true})
			require.NoError(t, err, "%s(%q), lenient", call, tt.in)
			assertAccounting(t, call, acct)
			assert.Equal(t, tt.rows, acct.Read, "%s(%q), lenient: Read", call, tt.in)
			assert.Equal(t, tt.rows-1, acct.Accepted, "%s(%q), lenient: Accepted", call, tt.in)
			if assert.Len(t, acct.Rejected, 1, "%s(%q), lenient: Rejected", call, tt.in) {
				assert.EqualError(t, acct.Rejected[0], tt.want, "%s(%q), lenient", call, tt.in)
			}
		})
	}
}

func readInquiriesCSVAcct(r io.Reader, opts ReadOptions) (Accounting, error) {
	_, acct, err := ReadInquiriesCSV(r, opts)
	return acct, err
}

func readInquiriesJSONLAcct(r io.Reader, opts ReadOptions) (Accounting, error) {
	_, acct, err := ReadInquiriesJSONL(r, opts)
	return acct, err
}

// inquiryRow is one inquiry as text, by column.
type inquiryRow map[string]string

// goodInquiry returns a valid inquiry with the ID id and the changes of
// set.
func goodInquiry(id string, set inquiryRow) inquiryRow {
	row := inquiryRow{"id": id, "agency_id": "a", "channel_id": "", "channel": "x", "received_at": "2025-01-01T00:00:00Z",
		"first_reply_at": "", "resolved_at": "", "due_at": ""}
	for k, v := range set {
		row[k] = v
	}
	return row
}

var hostileColumns = []string{"id", "agency_id", "channel_id", "channel", "received_at", "first_reply_at", "resolved_at", "due_at"}

// inquiriesCSV writes rows as an inquiries CSV file with a header row.
func inquiriesCSV(t *testing.T, rows ...inquiryRow) string {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	require.NoError(t, w.Write(hostileColumns))
	for _, row := range rows {
		rec := make([]string, len(hostileColumns))
		for i, col := range hostileColumns {
			rec[i] = row[col]
		}
		require.NoError(t, w.Write(rec))
	}
	w.Flush()
	require.NoError(t, w.Error())
	return b.String()
}

// inquiriesJSONL writes rows as JSON Lines, leaving out empty values.
func inquiriesJSONL(t *testing.T, rows ...inquiryRow) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, row := range rows {
		obj := map[string]string{}
		for k, v := range row {
			if v != "" {
				obj[k] = v
			}
		}
		require.NoError(t, enc.Encode(obj))
	}
	return b.String()
}

// checkInquiryRejects checks that every reader of inquiries rejects one
// bad row, set among good ones, with the reason given: the CSV and JSON
// Lines readers, and the streaming readers, which must agree with them
// row for row.
func checkInquiryRejects(t *testing.T, tests []struct {
	name, field, reason string
	bad                 inquiryRow
}) {
	t.Helper()
	var csvCases, jsonlCases []rejectCase
	for _, tt := range tests {
		rows := []inquiryRow{goodInquiry("1", nil), goodInquiry("2", tt.bad), goodInquiry("3", nil)}
		csvCases = append(csvCases, rejectCase{tt.name, inquiriesCSV(t, rows...),
			`<input>:3: field "` + tt.field + `": ` + tt.reason, 3})
		jsonlCases = append(jsonlCases, rejectCase{tt.name, inquiriesJSONL(t, rows...),
			`<input>:2: field "` + tt.field + `": ` + tt.reason, 3})
	}
	t.Run("ReadInquiriesCSV", func(t *testing.T) { checkRejects(t, "ReadInquiriesCSV", readInquiriesCSVAcct, csvCases) })
	t.Run("ReadInquiriesJSONL", func(t *testing.T) { checkRejects(t, "ReadInquiriesJSONL", readInquiriesJSONLAcct, jsonlCases) })
	t.Run("ScanInquiriesCSV", func(t *testing.T) {
		for _, c := range csvCases {
			for _, lenient := range []bool{false, true} {
				checkScan(t, []byte(c.in), ReadOptions{Lenient: lenient}, ReadInquiriesCSV, scanCSV)
			}
		}
	})
	t.Run("ScanInquiriesJSONL", func(t *testing.T) {
		for _, c := range jsonlCases {
			for _, lenient := range []bool{false, true} {
				checkScan(t, []byte(c.in), ReadOptions{Lenient: lenient}, ReadInquiriesJSONL, scanJSONL)
			}
		}
	})
}

// implausible is the reason a timestamp outside the plausible range is
// rejected, less the timestamp.
const implausible = "out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "

func TestInquiryReadersRejectImplausibleTimes(t *testing.T) {
	checkInquiryRejects(t, []struct {
		name, field, reason string
		bad                 inquiryRow
	}{
		{"first reply at year 1, the zero time", "first_reply_at", implausible + `"0001-01-01T00:00:00Z"`,
			inquiryRow{"first_reply_at": "0001-01-01T00:00:00Z"}},
		{"receipt at year 0", "received_at", implausible + `"0000-01-01T00:00:00Z"`,
			inquiryRow{"received_at": "0000-01-01T00:00:00Z"}},
		{"receipt a second before 1970", "received_at", implausible + `"1969-12-31T23:59:59Z"`,
			inquiryRow{"received_at": "1969-12-31T23:59:59Z"}},
		{"receipt before 1970 by its offset", "received_at", implausible + `"1970-01-01T01:00:00+02:00"`,
			inquiryRow{"received_at": "1970-01-01T01:00:00+02:00"}},
		{"resolution at the end, excluded", "resolved_at", implausible + `"2200-01-01T00:00:00Z"`,
			inquiryRow{"resolved_at": "2200-01-01T00:00:00Z"}},
		{"due in year 9999", "due_at", implausible + `"9999-12-31T23:59:59Z"`,
			inquiryRow{"due_at": "9999-12-31T23:59:59Z"}},
	})
}

func TestInquiryReadersAcceptPlausibleTimes(t *testing.T) {
	in := inquiriesCSV(t,
		goodInquiry("1", inquiryRow{"received_at": "1970-01-01T00:00:00Z"}),
		goodInquiry("2", inquiryRow{"received_at": "1970-01-01T03:00:00+03:00", "resolved_at": "2199-12-31T23:59:59.999999999Z"}),
		goodInquiry("3", inquiryRow{"received_at": "2199-12-31T23:59:59+05:00"}))
	d, acct, err := readCSVString(t, in, ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, Accounting{Read: 3, Accepted: 3}, acct)
	assert.Equal(t, int64(0), d.Inquiries[1].ReceivedAt.Unix(), "1970-01-01T03:00:00+03:00")
}

func TestInquiryReadersRejectImplausibleZonelessTimes(t *testing.T) {
	in := "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00\n2,a,x,1969-12-31 23:59:59\n"
	_, acct, err := readCSVString(t, in, ReadOptions{Location: riyadhOffset})
	assert.EqualError(t, err, `<input>:3: field "received_at": `+implausible+`"1969-12-31 23:59:59"`)
	assert.Equal(t, 1, acct.Accepted)
}

func TestInquiryReadersRejectControlCharacters(t *testing.T) {
	const hidden = "control or bidirectional formatting character: "
	checkInquiryRejects(t, []struct {
		name, field, reason string
		bad                 inquiryRow
	}{
		{"NUL in id", "id", hidden + `U+0000 at byte 1 of "2\x00"`, inquiryRow{"id": "2\x00"}},
		{"TAB in id", "id", hidden + `U+0009 at byte 0 of "\t2"`, inquiryRow{"id": "\t2"}},
		{"LF in id", "id", hidden + `U+000A at byte 1 of "2\n"`, inquiryRow{"id": "2\n"}},
		{"DEL in id", "id", hidden + `U+007F at byte 1 of "2\x7f"`, inquiryRow{"id": "2\x7f"}},
		{"C1 NEL in id", "id", hidden + `U+0085 at byte 1 of "2\u0085"`, inquiryRow{"id": "2\u0085"}},
		{"CR in agency_id", "agency_id", hidden + `U+000D at byte 1 of "a\rb"`, inquiryRow{"agency_id": "a\rb"}},
		{"right-to-left override in agency_id", "agency_id", hidden + `U+202E at byte 1 of "a\u202eb"`,
			inquiryRow{"agency_id": "a\u202eb"}},
		{"Arabic letter mark in agency_id", "agency_id", hidden + `U+061C at byte 10 of "وزارة\u061c"`,
			inquiryRow{"agency_id": "وزارة\u061c"}},
		{"left-to-right mark in channel_id", "channel_id", hidden + `U+200E at byte 2 of "a/\u200ex"`,
			inquiryRow{"channel_id": "a/\u200ex"}},
		{"right-to-left mark in channel_id", "channel_id", hidden + `U+200F at byte 0 of "\u200fa/x"`,
			inquiryRow{"channel_id": "\u200fa/x"}},
		{"first strong isolate in channel_id", "channel_id", hidden + `U+2068 at byte 1 of "a\u2068"`,
			inquiryRow{"channel_id": "a\u2068"}},
		{"pop directional isolate in id", "id", hidden + `U+2069 at byte 1 of "2\u2069"`, inquiryRow{"id": "2\u2069"}},
		{"left-to-right embedding in id", "id", hidden + `U+202A at byte 1 of "2\u202a"`, inquiryRow{"id": "2\u202a"}},
		{"left-to-right isolate in id", "id", hidden + `U+2066 at byte 1 of "2\u2066"`, inquiryRow{"id": "2\u2066"}},
	})
}

func TestInquiryReadersKeepOtherUnicode(t *testing.T) {
	rows := []inquiryRow{
		goodInquiry("طلب ١", inquiryRow{"agency_id": "وزارة المالية", "channel_id": "وزارة المالية / x", "channel": ""}),
		goodInquiry("a b\u00a0c\u200dd", inquiryRow{"agency_id": "  spaced  "}),
	}
	for _, tc := range []struct {
		name string
		read func() (Dataset, Accounting, error)
	}{
		{"ReadInquiriesCSV", func() (Dataset, Accounting, error) { return readCSVString(t, inquiriesCSV(t, rows...), ReadOptions{}) }},
		{"ReadInquiriesJSONL", func() (Dataset, Accounting, error) {
			return readJSONLString(t, inquiriesJSONL(t, rows...), ReadOptions{})
		}},
	} {
		d, acct, err := tc.read()
		require.NoError(t, err, tc.name)
		assert.Equal(t, Accounting{Read: 2, Accepted: 2}, acct, tc.name)
		require.Len(t, d.Inquiries, 2, tc.name)
		assert.Equal(t, "طلب ١", d.Inquiries[0].ID, tc.name)
		assert.Equal(t, "وزارة المالية", d.Inquiries[0].AgencyID, tc.name)
		assert.Equal(t, "وزارة المالية / x", d.Inquiries[0].ChannelID, tc.name)
		assert.Equal(t, "a b\u00a0c\u200dd", d.Inquiries[1].ID, tc.name)
		assert.Equal(t, "  spaced  ", d.Inquiries[1].AgencyID, tc.name)
	}
}

func TestReadInquiriesJSONLRejectsRepeatedKeys(t *testing.T) {
	const good = `{"id":"1","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}` + "\n"
	const after = `{"id":"3","agency_id":"a","channel":"x","received_at":"2025-01-02T00:00:00Z"}` + "\n"
	tests := []rejectCase{
		{"id twice", good + `{"id":"2","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z","id":"9"}` + "\n" + after,
			`<input>:2: field "id": repeated key: "id" appears more than once in its object`, 3},
		{"received_at twice, the second null",
			good + `{"id":"2","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z","received_at":null}` + "\n" + after,
			`<input>:2: field "received_at": repeated key: "received_at" appears more than once in its object`, 3},
		{"a key twice, once escaped",
			good + `{"id":"2","agency_id":"a","\u0061gency_id":"b","channel":"x","received_at":"2025-01-01T00:00:00Z"}` + "\n" + after,
			`<input>:2: field "agency_id": repeated key: "agency_id" appears more than once in its object`, 3},
		{"a key twice, in another case",
			good + `{"id":"2","agency_id":"a","channel":"x","CHANNEL":"email","received_at":"2025-01-01T00:00:00Z"}` + "\n" + after,
			`<input>:2: field "CHANNEL": repeated key: "CHANNEL" appears more than once in its object`, 3},
	}
	checkRejects(t, "ReadInquiriesJSONL", readInquiriesJSONLAcct, tests)
	for _, tt := range tests {
		checkScan(t, []byte(tt.in), ReadOptions{Lenient: true}, ReadInquiriesJSONL, scanJSONL)
	}
}

func readAgenciesCSVAcct(r io.Reader, opts ReadOptions) (Accounting, error) {
	_, acct, err := ReadAgenciesCSV(r, opts)
	return acct, err
}

func readAgenciesJSONAcct(r io.Reader, opts ReadOptions) (Accounting, error) {
	_, acct, err := ReadAgenciesJSON(r, opts)
	return acct, err
}

func readChannelsCSVAcct(r io.Reader, opts ReadOptions) (Accounting, error) {
	_, acct, err := ReadChannelsCSV(r, opts)
	return acct, err
}

func readChannelsJSONAcct(r io.Reader, opts ReadOptions) (Accounting, error) {
	_, acct, err := ReadChannelsJSON(r, opts)
	return acct, err
}

func readStaffingCSVAcct(r io.Reader, opts ReadOptions) (Accounting, error) {
	_, acct, err := ReadStaffingCSV(r, opts)
	return acct, err
}

func readStaffingJSONAcct(r io.Reader, opts ReadOptions) (Accounting, error) {
	_, acct, err := ReadStaffingJSON(r, opts)
	return acct, err
}

func TestRecordReadersRejectRepeatedKeys(t *testing.T) {
	t.Run("ReadAgenciesJSON", func(t *testing.T) {
		checkRejects(t, "ReadAgenciesJSON", readAgenciesJSONAcct, []rejectCase{
			{"name twice", "[{\"id\":\"a\"},\n{\"id\":\"b\",\"name\":\"B\",\"name\":\"C\"},\n{\"id\":\"c\"}]",
				`<input>:2: field "name": repeated key: "name" appears more than once in its object`, 3},
			{"a language twice", "[{\"id\":\"a\"},\n{\"id\":\"b\",\"names\":{\"ar\":\"ب\",\"en\":\"B\",\"ar\":\"ج\"}},\n{\"id\":\"c\"}]",
				`<input>:2: field "names.ar": repeated key: "ar" appears more than once in its object`, 3},
			{"a language twice, in another case", "[{\"id\":\"a\"},\n{\"id\":\"b\",\"names\":{\"ar\":\"ب\",\"AR\":\"ج\"}},\n{\"id\":\"c\"}]",
				`<input>:2: field "names.AR": repeated key: "AR" appears more than once in its object`, 3},
			{"the empty language twice", "[{\"id\":\"a\"},\n{\"id\":\"b\",\"names\":{\"\":\"ب\",\"\":\"ج\"}},\n{\"id\":\"c\"}]",
				`<input>:2: field "names.": repeated key: "" appears more than once in its object`, 3},
			{"a key twice in an array's object", "[{\"id\":\"a\"},\n{\"id\":\"b\",\"names\":[{\"x\":1,\"x\":2}]},\n{\"id\":\"c\"}]",
				`<input>:2: field "names[0].x": repeated key: "x" appears more than once in its object`, 3},
			{"time_zone twice", "[{\"id\":\"a\"},\n{\"id\":\"b\",\"time_zone\":\"Asia/Riyadh\",\"time_zone\":\"UTC\"},\n{\"id\":\"c\"}]",
				`<input>:2: field "time_zone": repeated key: "time_zone" appears more than once in its object`, 3},
		})
	})
	t.Run("ReadChannelsJSON", func(t *testing.T) {
		checkRejects(t, "ReadChannelsJSON", readChannelsJSONAcct, []rejectCase{
			{"official twice", `[{"id":"a/x","agency_id":"a","kind":"x"},` + "\n" +
				`{"id":"b/x","agency_id":"b","kind":"x","official":true,"official":false},` + "\n" +
				`{"id":"c/x","agency_id":"c","kind":"x"}]`,
				`<input>:2: field "official": repeated key: "official" appears more than once in its object`, 3},
		})
	})
	t.Run("ReadStaffingJSON", func(t *testing.T) {
		checkRejects(t, "ReadStaffingJSON", readStaffingJSONAcct, []rejectCase{
			{"staff twice", `[{"agency_id":"a","staff":1,"weekly_hours":40},` + "\n" +
				`{"agency_id":"b","staff":1,"staff":2,"weekly_hours":40},` + "\n" +
				`{"agency_id":"c","staff":1,"weekly_hours":40}]`,
				`<input>:2: field "staff": repeated key: "staff" appears more than once in its object`, 3},
		})
	})
}

func TestReadStaffingRejectsNumbersOutOfRange(t *testing.T) {
	const head = "agency_id,staff,weekly_hours\na,1,40\n"
	const after = "c,2,40\n"
	t.Run("ReadStaffingCSV", func(t *testing.T) {
		checkRejects(t, "ReadStaffingCSV", readStaffingCSVAcct, []rejectCase{
			{"staff beyond int64", head + "b,99999999999999999999,40\n" + after,
				`<input>:3: field "staff": out of range: 99999999999999999999 is not within 0..1000000`, 3},
			{"staff at the largest int64", head + "b,9223372036854775807,40\n" + after,
				`<input>:3: field "staff": out of range: 9223372036854775807 is not within 0..1000000`, 3},
			{"staff one over MaxStaff", head + "b,1000001,40\n" + after,
				`<input>:3: field "staff": out of range: 1000001 is not within 0..1000000`, 3},
			{"negative staff", head + "b,-1,40\n" + after,
				`<input>:3: field "staff": out of range: -1 is not within 0..1000000`, 3},
			{"staff not a number", head + "b,two,40\n" + after,
				`<input>:3: field "staff": unknown value: "two" is not a whole number`, 3},
			{"huge weekly hours", head + "b,1,99999999999999999999\n" + after,
				`<input>:3: field "weekly_hours": out of range: 99999999999999999999 is not within 0..168`, 3},
			{"weekly hours longer than 24 characters", head + "b,1,40.0000000000000000000000\n" + after,
				`<input>:3: field "weekly_hours": out of range: "40.0000000000000000000000" is longer than 24 characters`, 3},
		})
	})
	t.Run("ReadStaffingJSON", func(t *testing.T) {
		const first = `[{"agency_id":"a","staff":1,"weekly_hours":40},` + "\n"
		const last = "\n" + `{"agency_id":"c","staff":1,"weekly_hours":40}]`
		checkRejects(t, "ReadStaffingJSON", readStaffingJSONAcct, []rejectCase{
			{"staff beyond int64", first + `{"agency_id":"b","staff":99999999999999999999,"weekly_hours":40},` + last,
				`<input>:2: field "staff": out of range: 99999999999999999999 is not within 0..1000000`, 3},
			{"staff at the largest int64", first + `{"agency_id":"b","staff":9223372036854775807,"weekly_hours":40},` + last,
				`<input>:2: field "staff": out of range: 9223372036854775807 is not within 0..1000000`, 3},
			{"staff with an exponent", first + `{"agency_id":"b","staff":1e30,"weekly_hours":40},` + last,
				`<input>:2: field "staff": unknown value: "1e30" is not a whole number`, 3},
			{"staff as a string", first + `{"agency_id":"b","staff":"2","weekly_hours":40},` + last,
				`<input>:2: field "staff": unknown value: "\"2\"" is a string, not a whole number`, 3},
			{"huge weekly hours", first + `{"agency_id":"b","staff":1,"weekly_hours":99999999999999999999},` + last,
				`<input>:2: field "weekly_hours": out of range: 99999999999999999999 is not within 0..168`, 3},
		})
	})
}

func TestReadStaffingRejectsImplausibleTimes(t *testing.T) {
	checkRejects(t, "ReadStaffingCSV", readStaffingCSVAcct, []rejectCase{
		{"from year 1", "agency_id,from,staff,weekly_hours\na,,1,40\nb,0001-01-01T00:00:00Z,1,40\nc,,1,40\n",
			`<input>:3: field "from": ` + implausible + `"0001-01-01T00:00:00Z"`, 3},
	})
	checkRejects(t, "ReadStaffingJSON", readStaffingJSONAcct, []rejectCase{
		{"to year 2200", `[{"agency_id":"a","staff":1,"weekly_hours":40},` + "\n" +
			`{"agency_id":"b","to":"2200-01-01T00:00:00Z","staff":1,"weekly_hours":40},` + "\n" +
			`{"agency_id":"c","staff":1,"weekly_hours":40}]`,
			`<input>:2: field "to": ` + implausible + `"2200-01-01T00:00:00Z"`, 3},
	})
}

func TestRecordReadersRejectLocalTimeZone(t *testing.T) {
	const local = `unknown value: "Local" depends on the machine; name an IANA time zone`
	checkRejects(t, "ReadAgenciesCSV", readAgenciesCSVAcct, []rejectCase{
		{"Local", "id,time_zone\na,Asia/Riyadh\nb,Local\nc,\n", `<input>:3: field "time_zone": ` + local, 3},
	})
	checkRejects(t, "ReadAgenciesJSON", readAgenciesJSONAcct, []rejectCase{
		{"Local", "[{\"id\":\"a\"},\n{\"id\":\"b\",\"time_zone\":\"Local\"},\n{\"id\":\"c\",\"time_zone\":\"UTC\"}]",
			`<input>:2: field "time_zone": ` + local, 3},
	})
	d := Dataset{Agencies: []Agency{{ID: "a", TimeZone: "Local"}, {ID: "b"}}}
	assert.EqualError(t, d.Validate(), `agency "a": time_zone: `+local)
}

func TestRecordReadersRejectControlCharacters(t *testing.T) {
	const hidden = "control or bidirectional formatting character: "
	checkRejects(t, "ReadAgenciesCSV", readAgenciesCSVAcct, []rejectCase{
		{"TAB in id", "id,name\na,A\n\"b\t\",B\nc,C\n", `<input>:3: field "id": ` + hidden + `U+0009 at byte 1 of "b\t"`, 3},
		{"LF in name", "id,name\na,A\nb,\"B\nB\"\nc,C\n", `<input>:3: field "name": ` + hidden + `U+000A at byte 1 of "B\nB"`, 3},
		{"right-to-left override in name_ar", "id,name_ar\na,أ\nb,\u202eب\nc,ج\n",
			`<input>:3: field "name_ar": ` + hidden + `U+202E at byte 0 of "\u202eب"`, 3},
	})
	checkRejects(t, "ReadAgenciesJSON", readAgenciesJSONAcct, []rejectCase{
		{"NUL in id", "[{\"id\":\"a\"},\n{\"id\":\"b\\u0000\"},\n{\"id\":\"c\"}]",
			`<input>:2: field "id": ` + hidden + `U+0000 at byte 1 of "b\x00"`, 3},
		{"pop directional formatting in a name", "[{\"id\":\"a\"},\n{\"id\":\"b\",\"names\":{\"en\":\"B\\u202c\"}},\n{\"id\":\"c\"}]",
			`<input>:2: field "names.en": ` + hidden + `U+202C at byte 1 of "B\u202c"`, 3},
	})
	checkRejects(t, "ReadChannelsCSV", readChannelsCSVAcct, []rejectCase{
		{"DEL in id", "id,agency_id,kind\na/x,a,x\n\"b/x\x7f\",b,x\nc/x,c,x\n", `<input>:3: field "id": ` + hidden + `U+007F at byte 3 of "b/x\x7f"`, 3},
		{"C1 in agency_id", "id,agency_id,kind\na/x,a,x\nb/x,b\u009b,x\nc/x,c,x\n",
			`<input>:3: field "agency_id": ` + hidden + `U+009B at byte 1 of "b\u009b"`, 3},
	})
	checkRejects(t, "ReadChannelsJSON", readChannelsJSONAcct, []rejectCase{
		{"Arabic letter mark in id", "[{\"id\":\"a/x\",\"agency_id\":\"a\",\"kind\":\"x\"},\n{\"id\":\"b\u061c/x\",\"agency_id\":\"b\",\"kind\":\"x\"},\n{\"id\":\"c/x\",\"agency_id\":\"c\",\"kind\":\"x\"}]",
			`<input>:2: field "id": ` + hidden + `U+061C at byte 1 of "b\u061c/x"`, 3},
	})
	checkRejects(t, "ReadStaffingCSV", readStaffingCSVAcct, []rejectCase{
		{"CR in channel_id", "agency_id,channel_id,staff,weekly_hours\na,,1,40\nb,\"b\r/x\",1,40\nc,,1,40\n",
			`<input>:3: field "channel_id": ` + hidden + `U+000D at byte 1 of "b\r/x"`, 3},
	})
	checkRejects(t, "ReadStaffingJSON", readStaffingJSONAcct, []rejectCase{
		{"isolate in agency_id", "[{\"agency_id\":\"a\",\"staff\":1,\"weekly_hours\":40},\n{\"agency_id\":\"\u2067b\",\"staff\":1,\"weekly_hours\":40},\n{\"agency_id\":\"c\",\"staff\":1,\"weekly_hours\":40}]",
			`<input>:2: field "agency_id": ` + hidden + `U+2067 at byte 0 of "\u2067b"`, 3},
	})
}

func TestReadInquiriesCSVLimitsByDefault(t *testing.T) {
	long := strings.Repeat("x", 64<<10+1)
	wide := "id,agency_id,channel,received_at" + strings.Repeat(",", 253) + "\n"
	checkRejects(t, "ReadInquiriesCSV", readInquiriesCSVAcct, []rejectCase{
		{"an id of 64 KiB and a byte", "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n" + long + ",a,x,2025-01-01T00:00:00Z\n3,a,x,2025-01-01T00:00:00Z\n",
			`<input>:3: field "id": too large: 65537 bytes, more than MaxFieldBytes (65536)`, 3},
		{"a quoted agency of 64 KiB and a byte over two lines", "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n2,\"" + long[:100] + "\n" + long[101:] + "\",x,2025-01-01T00:00:00Z\n3,a,x,2025-01-01T00:00:00Z\n",
			`<input>:3: field "agency_id": too large: 65537 bytes, more than MaxFieldBytes (65536)`, 3},
		{"a row of 257 fields", "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n2,a,x,2025-01-01T00:00:00Z" + strings.Repeat(",", 253) + "\n3,a,x,2025-01-01T00:00:00Z\n",
			`<input>:3: too large: 257 fields, more than MaxFields (256)`, 3},
	})
	_, acct, err := readCSVString(t, wide, ReadOptions{})
	assert.EqualError(t, err, `<input>:1: too large: 257 fields, more than MaxFields (256)`)
	assert.Equal(t, 0, acct.Read)
}

func TestPlausibleRange(t *testing.T) {
	assert.Equal(t, "1970-01-01T00:00:00Z", time.Unix(PlausibleFromUnix, 0).UTC().Format(time.RFC3339))
	assert.Equal(t, "2200-01-01T00:00:00Z", time.Unix(PlausibleUntilUnix, 0).UTC().Format(time.RFC3339))
	tests := []struct {
		name string
		t    time.Time
		want string // the error; empty for none
	}{
		{"the first instant", time.Unix(PlausibleFromUnix, 0), ""},
		{"the last nanosecond", time.Unix(PlausibleUntilUnix-1, 999_999_999), ""},
		{"the zero time", time.Time{}, implausible + `"0001-01-01T00:00:00Z"`},
		{"a nanosecond before 1970", time.Unix(-1, 999_999_999).In(riyadhOffset), implausible + `"1970-01-01T02:59:59.999999999+03:00"`},
		{"the end", time.Unix(PlausibleUntilUnix, 0).UTC(), implausible + `"2200-01-01T00:00:00Z"`},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), implausible + `"10000-01-01T00:00:00Z"`},
		{"an offset of seconds, in UTC", time.Date(1900, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 3*3600+7)), implausible + `"1899-12-31T20:59:53Z"`},
	}
	for _, tt := range tests {
		err := CheckTime(tt.t)
		if tt.want == "" {
			assert.NoError(t, err, "CheckTime(%s)", tt.name)
			continue
		}
		assert.EqualError(t, err, tt.want, "CheckTime(%s)", tt.name)
		assert.ErrorIs(t, err, ErrImplausibleTime, "CheckTime(%s)", tt.name)
		assert.ErrorIs(t, err, ErrOutOfRange, "CheckTime(%s)", tt.name)
	}
}

func TestCheckText(t *testing.T) {
	const hidden = "control or bidirectional formatting character: "
	tests := []struct {
		name, s, want string
	}{
		{"ASCII", "mof-x 1/2 ~!", ""},
		{"Arabic with spaces", "وزارة المالية", ""},
		{"other scripts and marks", "Ministère 財務省 \u00a0\u200b\u200c\u200d\u2028\ufeff", ""},
		{"characters beside the refused ones", "\u00a0\u061b\u061d\u200d\u2010\u2029\u202f\u2065\u206a", ""},
		{"empty", "", ""},
		{"NUL", "\x00", hidden + `U+0000 at byte 0 of "\x00"`},
		{"unit separator", "a\x1f", hidden + `U+001F at byte 1 of "a\x1f"`},
		{"DEL", "\x7f", hidden + `U+007F at byte 0 of "\x7f"`},
		{"the first C1", "\u0080", hidden + `U+0080 at byte 0 of "\u0080"`},
		{"the last C1", "a\u009f", hidden + `U+009F at byte 1 of "a\u009f"`},
		{"Arabic letter mark", "\u061c", hidden + `U+061C at byte 0 of "\u061c"`},
		{"left-to-right mark", "\u200e", hidden + `U+200E at byte 0 of "\u200e"`},
		{"right-to-left mark", "\u200f", hidden + `U+200F at byte 0 of "\u200f"`},
		{"left-to-right embedding", "\u202a", hidden + `U+202A at byte 0 of "\u202a"`},
		{"right-to-left embedding", "\u202b", hidden + `U+202B at byte 0 of "\u202b"`},
		{"pop directional formatting", "\u202c", hidden + `U+202C at byte 0 of "\u202c"`},
		{"left-to-right override", "\u202d", hidden + `U+202D at byte 0 of "\u202d"`},
		{"right-to-left override", "\u202e", hidden + `U+202E at byte 0 of "\u202e"`},
		{"left-to-right isolate", "\u2066", hidden + `U+2066 at byte 0 of "\u2066"`},
		{"right-to-left isolate", "\u2067", hidden + `U+2067 at byte 0 of "\u2067"`},
		{"first strong isolate", "\u2068", hidden + `U+2068 at byte 0 of "\u2068"`},
		{"pop directional isolate", "\u2069", hidden + `U+2069 at byte 0 of "\u2069"`},
		{"the first of two", "وزارة\u202e\t", hidden + `U+202E at byte 10 of "وزارة\u202e\t"`},
		{"a lone lead byte at the end", "a\xe2\x80", ""},
	}
	for _, tt := range tests {
		err := CheckText(tt.s)
		if tt.want == "" {
			assert.NoError(t, err, "CheckText(%q), %s", tt.s, tt.name)
			continue
		}
		assert.EqualError(t, err, tt.want, "CheckText(%q), %s", tt.s, tt.name)
		assert.ErrorIs(t, err, ErrControlCharacter, "CheckText(%q)", tt.s)
	}
	// Every rune is refused exactly when it is one of the listed ranges.
	for r := rune(0); r <= 0x3000; r++ {
		refused := r < 0x20 || (r >= 0x7f && r <= 0x9f) || r == 0x61c || r == 0x200e || r == 0x200f ||
			(r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
		if got := CheckText("x"+string(r)+"y") != nil; got != refused {
			t.Errorf("CheckText(%U) refused = %v, want %v", r, got, refused)
		}
	}
}

func TestCheckTimeZone(t *testing.T) {
	tests := []struct {
		name, zone, want string
	}{
		{"empty is UTC", "", ""},
		{"UTC", "UTC", ""},
		{"an IANA zone", "Asia/Riyadh", ""},
		{"Local", "Local", `unknown value: "Local" depends on the machine; name an IANA time zone`},
		{"unknown", "Mars/Olympus", `unknown value: "Mars/Olympus" is not an IANA time zone`},
	}
	for _, tt := range tests {
		err := CheckTimeZone(tt.zone)
		if tt.want == "" {
			assert.NoError(t, err, "CheckTimeZone(%q)", tt.zone)
			continue
		}
		assert.EqualError(t, err, tt.want, "CheckTimeZone(%q)", tt.zone)
		assert.ErrorIs(t, err, ErrUnknownValue, "CheckTimeZone(%q)", tt.zone)
	}
}

func TestValidateHostileRecords(t *testing.T) {
	d := validDataset()
	d.Agencies = append(d.Agencies, Agency{ID: "x\u202e", Name: "X\n", Names: map[string]string{"en": "X\u2066", "a\tr": "x"}, TimeZone: "Local"})
	d.Channels = append(d.Channels, Channel{ID: "c\x00", AgencyID: "mof", Kind: ChannelX})
	d.Staffing = append(d.Staffing, Staffing{AgencyID: "mof", ChannelID: "\u200fx", Staff: MaxStaff + 1, WeeklyHours: decimal.NewFromInt(40)},
		Staffing{AgencyID: "mof", Staff: math.MaxInt, WeeklyHours: decimal.NewFromInt(40)})
	var got []string
	for _, e := range recordErrors(t, d.Validate()) {
		if !errors.Is(e, ErrUnknownReference) {
			got = append(got, e.Error())
		}
	}
	assert.Equal(t, []string{
		`agency "x\u202e": id: control or bidirectional formatting character: U+202E at byte 1 of "x\u202e"`,
		`agency "x\u202e": name: control or bidirectional formatting character: U+000A at byte 1 of "X\n"`,
		`agency "x\u202e": names: control or bidirectional formatting character: U+0009 at byte 1 of "a\tr"`,
		`agency "x\u202e": names.en: control or bidirectional formatting character: U+2066 at byte 1 of "X\u2066"`,
		`agency "x\u202e": time_zone: unknown value: "Local" depends on the machine; name an IANA time zone`,
		`channel "c\x00": id: control or bidirectional formatting character: U+0000 at byte 1 of "c\x00"`,
		`staffing[2]: channel_id: control or bidirectional formatting character: U+200F at byte 0 of "\u200fx"`,
		`staffing[2]: staff: out of range: 1000001 is not within 0..1000000`,
		fmt.Sprintf("staffing[3]: staff: out of range: %d is not within 0..1000000", math.MaxInt),
	}, got)
}

func TestReadLimitsRaised(t *testing.T) {
	long := strings.Repeat("x", 64<<10+1)
	in := "id,agency_id,channel,received_at\n" + long + ",a,x,2025-01-01T00:00:00Z\n"
	d, acct, err := readCSVString(t, in, ReadOptions{MaxFieldBytes: 1 << 20})
	require.NoError(t, err)
	assert.Equal(t, Accounting{Read: 1, Accepted: 1}, acct)
	assert.Equal(t, long, d.Inquiries[0].ID)

	wide := "id,agency_id,channel,received_at" + strings.Repeat(",", 300) + "\n1,a,x,2025-01-01T00:00:00Z" + strings.Repeat(",", 300) + "\n"
	_, _, err = readCSVString(t, wide, ReadOptions{MaxFields: 400})
	assert.EqualError(t, err, `<input>:1: unknown value: unknown column`, "within MaxFields, the header's empty column is the problem")
}

func TestReadLimitsLowered(t *testing.T) {
	// MaxFields 4 and MaxFieldBytes 30: a record may take 4 × (2 × 30 + 3) + 1 = 253 bytes.
	opts := ReadOptions{MaxFields: 4, MaxFieldBytes: 30}
	const head = "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n"
	const tail = "3,a,x,2025-01-01T00:00:00Z\n"
	const tooLarge = "too large: a record of more than 253 bytes cannot be within MaxFields (4) and MaxFieldBytes (30); reading stops"
	tests := []struct {
		name  string
		in    string
		want  string // the error of the bad row, in strict and lenient mode
		stops bool   // the bad row ends the read in lenient mode too
		rows  int    // the rows a lenient read counts
	}{
		{"a field of 31 bytes", head + "2," + strings.Repeat("a", 31) + ",x,2025-01-01T00:00:00Z\n" + tail,
			`<input>:3: field "agency_id": too large: 31 bytes, more than MaxFieldBytes (30)`, false, 3},
		{"a quoted field of 31 bytes, of 63 in the input", head + "2,\"" + strings.Repeat(`""`, 30) + "a\",x,2025-01-01T00:00:00Z\n" + tail,
			`<input>:3: field "agency_id": too large: 31 bytes, more than MaxFieldBytes (30)`, false, 3},
		{"five fields", head + "2,a,x,2025-01-01T00:00:00Z,\n" + tail,
			`<input>:3: too large: 5 fields, more than MaxFields (4)`, false, 3},
		{"a line of 300 bytes", head + "2," + strings.Repeat("a", 300) + ",x,2025-01-01T00:00:00Z\n" + tail,
			`<input>:3: ` + tooLarge, true, 2},
		{"a quoted field over many lines", head + "2,\"" + strings.Repeat("a\n", 200) + "\",x,2025-01-01T00:00:00Z\n" + tail,
			`<input>:3: ` + tooLarge, true, 2},
		{"a quote never closed", head + "2,\"" + strings.Repeat("a\n", 200),
			`<input>:3: ` + tooLarge, true, 2},
		{"a line of 300 bytes with a bare quote", head + "2,a\"" + strings.Repeat("a", 300) + ",x,2025-01-01T00:00:00Z\n" + tail,
			`<input>:3: ` + tooLarge, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, acct, err := readCSVString(t, tt.in, opts)
			assert.EqualError(t, err, tt.want, "strict")
			assert.ErrorIs(t, err, ErrTooLarge, "strict")
			assert.Equal(t, 2, acct.Read, "strict: Read")

			lenient := opts
			lenient.Lenient = true
			_, acct, err = readCSVString(t, tt.in, lenient)
			if tt.stops {
				assert.EqualError(t, err, tt.want, "lenient")
			} else {
				assert.NoError(t, err, "lenient")
			}
			assert.Equal(t, tt.rows, acct.Read, "lenient: Read")
			if assert.NotEmpty(t, acct.Rejected) {
				assert.EqualError(t, acct.Rejected[0], tt.want, "lenient")
			}
			for _, o := range []ReadOptions{opts, lenient} {
				checkScan(t, []byte(tt.in), o, ReadInquiriesCSV, scanCSV)
			}
		})
	}
}

func TestScanInquiriesCSVRecordTooLargeForTheChunk(t *testing.T) {
	// A record longer than the chunks the input is read in, and than the
	// limit: the chunker stops before it has it all.
	defer func(size int) { scanChunkSize = size }(scanChunkSize)
	scanChunkSize = 64
	opts := ReadOptions{MaxFields: 4, MaxFieldBytes: 30, Lenient: true}
	in := "id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n2," + strings.Repeat("a", 100_000) + "\n3,a,x,2025-01-01T00:00:00Z\n"
	for _, workers := range []int{1, 3} {
		opts.Workers = workers
		var c collector
		acct, err := ScanInquiriesCSV(strings.NewReader(in), opts, &c)
		assert.EqualError(t, err, `<input>:3: too large: a record of more than 253 bytes cannot be within MaxFields (4) and MaxFieldBytes (30); reading stops`, "%d workers", workers)
		assert.Equal(t, 2, acct.Read, "%d workers: Read", workers)
		assert.Equal(t, 1, acct.Accepted, "%d workers: Accepted", workers)
		assert.Len(t, c.qs, 1, "%d workers", workers)
	}
}

func TestReadAgenciesMaxAgencies(t *testing.T) {
	csvIn := "id\na\na\nb\nc\nd\n" // a repeated agency is rejected, not counted
	jsonIn := "[{\"id\":\"a\"},\n{\"id\":\"a\"},\n{\"id\":\"b\"},\n{\"id\":\"c\"},\n{\"id\":\"d\"}]"
	for _, tc := range []struct {
		name string
		read accountFunc
		in   string
		want string
	}{
		{"ReadAgenciesCSV", readAgenciesCSVAcct, csvIn, `<input>:5: field "id": too large: more than MaxAgencies (2) agencies; reading stops`},
		{"ReadAgenciesJSON", readAgenciesJSONAcct, jsonIn, `<input>:4: field "id": too large: more than MaxAgencies (2) agencies; reading stops`},
	} {
		// In lenient mode too, the read stops at the third agency.
		acct, err := tc.read(strings.NewReader(tc.in), ReadOptions{MaxAgencies: 2, Lenient: true})
		assert.EqualError(t, err, tc.want, tc.name)
		assert.ErrorIs(t, err, ErrTooLarge, tc.name)
		assertAccounting(t, tc.name, acct)
		assert.Equal(t, 4, acct.Read, "%s: Read", tc.name)
		assert.Equal(t, 2, acct.Accepted, "%s: Accepted", tc.name)

		acct, err = tc.read(strings.NewReader(tc.in), ReadOptions{MaxAgencies: 4, Lenient: true})
		assert.NoError(t, err, "%s, MaxAgencies 4", tc.name)
		assert.Equal(t, 4, acct.Accepted, "%s, MaxAgencies 4: Accepted", tc.name)
	}
}

func TestCheckRecord(t *testing.T) {
	tests := []struct {
		name   string
		opts   ReadOptions
		fields []string
		index  int
		want   string
	}{
		{"within the defaults", ReadOptions{}, []string{strings.Repeat("x", 64<<10), "y"}, -1, ""},
		{"a field over the default", ReadOptions{}, []string{"a", strings.Repeat("x", 64<<10+1)}, 1, "too large: 65537 bytes, more than MaxFieldBytes (65536)"},
		{"fields over the default", ReadOptions{}, make([]string, 257), -1, "too large: 257 fields, more than MaxFields (256)"},
		{"a field over a limit set", ReadOptions{MaxFieldBytes: 2}, []string{"ab", "abc"}, 1, "too large: 3 bytes, more than MaxFieldBytes (2)"},
		{"fields over a limit set", ReadOptions{MaxFields: 2}, []string{"a", "b", "c"}, -1, "too large: 3 fields, more than MaxFields (2)"},
		{"a negative limit is the default", ReadOptions{MaxFields: -1}, make([]string, 256), -1, ""},
	}
	for _, tt := range tests {
		i, err := tt.opts.CheckRecord(tt.fields)
		assert.Equal(t, tt.index, i, "CheckRecord, %s: index", tt.name)
		if tt.want == "" {
			assert.NoError(t, err, "CheckRecord, %s", tt.name)
			continue
		}
		assert.EqualError(t, err, tt.want, "CheckRecord, %s", tt.name)
		assert.ErrorIs(t, err, ErrTooLarge, "CheckRecord, %s", tt.name)
	}
	// Limits so large that no record limit can be computed: none.
	assert.Equal(t, 0, ReadOptions{MaxFieldBytes: math.MaxInt}.limits().record)
	assert.Equal(t, 256*(2*64<<10+3)+1, ReadOptions{}.limits().record)
}

func TestReadLimitsJSONL(t *testing.T) {
	// A JSON Lines line longer than a CSV record within the limits can be
	// (here 4 × (2 × 30 + 3) + 1 = 253 bytes) is not read into memory and
	// ends the read, in lenient mode too, in the whole-file reader and the
	// streaming one alike.
	opts := ReadOptions{MaxFields: 4, MaxFieldBytes: 30}
	ok := `{"id":"%d","agency_id":"a","channel":"x","requester":"public","received_at":"2025-01-01T00:00:00Z"}` + "\n"
	long := `{"id":"2","agency_id":"` + strings.Repeat("a", 300) + `","channel":"x","requester":"public","received_at":"2025-01-01T00:00:00Z"}` + "\n"
	in := fmt.Sprintf(ok, 1) + long + fmt.Sprintf(ok, 3)
	const want = "<input>:2: too large: a record of more than 253 bytes cannot be within MaxFields (4) and MaxFieldBytes (30); reading stops"
	for _, lenient := range []bool{false, true} {
		o := opts
		o.Lenient = lenient
		_, acct, err := ReadInquiriesJSONL(strings.NewReader(in), o)
		assert.EqualError(t, err, want, "lenient %v", lenient)
		assert.ErrorIs(t, err, ErrTooLarge)
		assert.Equal(t, Accounting{Read: 2, Accepted: 1, Rejected: acct.Rejected}, acct, "lenient %v", lenient)
		assert.Len(t, acct.Rejected, 1)
		for _, workers := range []int{1, 2} {
			o.Workers = workers
			checkScan(t, []byte(in), o, ReadInquiriesJSONL, scanJSONL)
		}
	}
	// Within the default limits, the same line is an ordinary row.
	_, acct, err := ReadInquiriesJSONL(strings.NewReader(in), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, 3, acct.Accepted)
}

func TestReadCalendarsMaxCalendars(t *testing.T) {
	cal := func(id string) string {
		return `{"id":"` + id + `","time_zone":"UTC","week":{"sunday":["09:00-17:00"]}}`
	}
	in := "[" + cal("a") + ",\n" + cal("b") + ",\n" + cal("c") + "]"
	cals, acct, err := ReadCalendarsJSON(strings.NewReader(in), ReadOptions{MaxCalendars: 2, Lenient: true})
	assert.EqualError(t, err, `<input>:3: field "id": too large: more than MaxCalendars (2) calendars; reading stops`)
	assert.ErrorIs(t, err, ErrTooLarge)
	assertAccounting(t, "ReadCalendarsJSON", acct)
	assert.Equal(t, 3, acct.Read)
	assert.Len(t, cals, 2)

	_, acct, err = ReadCalendarsJSON(strings.NewReader(in), ReadOptions{})
	require.NoError(t, err, "within the default, %d", DefaultMaxCalendars)
	assert.Equal(t, 3, acct.Accepted)
}

func TestReadDocumentLimit(t *testing.T) {
	in := `[{"id":"a"},{"id":"b"}]`
	_, acct, err := ReadAgenciesJSON(strings.NewReader(in), ReadOptions{MaxDocumentBytes: 10, Lenient: true})
	assert.EqualError(t, err, `<input>: too large: the input is larger than MaxDocumentBytes (10)`)
	assert.ErrorIs(t, err, ErrTooLarge)
	assert.Zero(t, acct.Read)
	ags, _, err := ReadAgenciesJSON(strings.NewReader(in), ReadOptions{MaxDocumentBytes: len(in)})
	require.NoError(t, err, "exactly at the limit")
	assert.Len(t, ags, 2)
}

// TestCSVRecordOfCommas reads, through the encoding/csv path of the
// export readers (ReadCSVHeader, NextCSVRecord), a record of four million
// commas: encoding/csv would make four million fields of it (some 200 MB)
// before anything could count them. The read is refused as a record too
// large, and costs a few megabytes.
func TestCSVRecordOfCommas(t *testing.T) {
	in := "a,b\n1,2\n" + strings.Repeat(",", 4<<20) + "\n3,4\n"
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	tally := NewTally(ReadOptions{Lenient: true})
	cr, _, _, err := ReadCSVHeader(strings.NewReader(in), tally)
	require.NoError(t, err)
	rec, line, err := tally.NextCSVRecord(cr)
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "2"}, rec)
	assert.Equal(t, 2, line)
	_, _, err = tally.NextCSVRecord(cr)
	assert.ErrorIs(t, err, ErrTooLarge)
	runtime.ReadMemStats(&after)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(64<<20), "bytes allocated")
	acct := tally.Accounting()
	assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected))
}
