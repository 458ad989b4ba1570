package city311_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/city311"
)

// implausible is the reason a timestamp outside the plausible range is
// rejected, less the timestamp.
const implausible = "out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "

// hidden is the reason an ID or name with a control or bidirectional
// formatting character is rejected, less the character.
const hidden = "control or bidirectional formatting character: "

// checkHostile reads in strictly and leniently: the strict read stops at
// the bad row with want, the lenient one rejects it with want and accepts
// the other rows.
func checkHostile(t *testing.T, in string, rows int, want string) {
	t.Helper()
	ny := zone(t, "America/New_York")
	_, r311, err := city311.Read(strings.NewReader(in), city311.Options{ReadOptions: model.ReadOptions{Location: ny}})
	acct := r311.Accounting
	assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "Read, strict: read = accepted + rejected")
	assert.EqualError(t, err, want, "Read, strict")

	ds311, r311, err := city311.Read(strings.NewReader(in), city311.Options{ReadOptions: model.ReadOptions{Location: ny, Lenient: true}})
	acct = r311.Accounting
	require.NoError(t, err, "Read, lenient")
	assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "Read, lenient: read = accepted + rejected")
	assert.Equal(t, rows, acct.Read, "Read, lenient: rows read")
	assert.Equal(t, rows-1, acct.Accepted, "Read, lenient: rows accepted")
	if assert.Len(t, acct.Rejected, 1, "Read, lenient: rows rejected") {
		assert.EqualError(t, acct.Rejected[0], want, "Read, lenient")
	}
	assert.NoError(t, ds311.Validate(), "Read, lenient: the dataset")
}

func TestReadRejectsHostileCSVRows(t *testing.T) {
	const head = "case_enquiry_id,open_dt,closed_dt,case_status,department,source\n" +
		"101,2022-01-21 13:47:00,,Open,BTDT,Constituent Call\n"
	const tail = "103,2022-01-22 09:00:00,2022-01-22 10:00:00,Closed,PWDx,Self Service\n"
	long := strings.Repeat("x", 64<<10+1)
	tests := []struct {
		name, row, want string
	}{
		{"opened a second before 1970", "102,1969-12-31 18:59:59,,Open,BTDT,Constituent Call\n",
			`<input>:3: field "open_dt": ` + implausible + `"1969-12-31T18:59:59-05:00"`},
		{"opened in year 1", "102,0001-01-01 00:00:00,,Open,BTDT,Constituent Call\n",
			`<input>:3: field "open_dt": ` + implausible + `"0001-01-01T04:56:02Z"`},
		{"closed in 2200", "102,2022-01-21 13:47:00,2200-01-01 00:00:00,Closed,BTDT,Constituent Call\n",
			`<input>:3: field "closed_dt": ` + implausible + `"2200-01-01T00:00:00-05:00"`},
		{"right-to-left mark in the case id", "10\u200f2,2022-01-21 13:47:00,,Open,BTDT,Constituent Call\n",
			`<input>:3: field "case_enquiry_id": ` + hidden + `U+200F at byte 2 of "10\u200f2"`},
		{"a TAB after the department, not trimmed away", "102,2022-01-21 13:47:00,,Open,BTDT\t,Constituent Call\n",
			`<input>:3: field "department": ` + hidden + `U+0009 at byte 4 of "BTDT\t"`},
		{"a department of 64 KiB and a byte", "102,2022-01-21 13:47:00,,Open," + long + ",Constituent Call\n",
			`<input>:3: field "department": too large: 65537 bytes, more than MaxFieldBytes (65536)`},
		{"a row of 257 fields", "102,2022-01-21 13:47:00,,Open,BTDT,Constituent Call" + strings.Repeat(",", 251) + "\n",
			`<input>:3: too large: 257 fields, more than MaxFields (256)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkHostile(t, head+tt.row+tail, 3, tt.want) })
	}
}

func TestReadRejectsHostileJSONElements(t *testing.T) {
	const first = `[{"unique_key": "1", "created_date": "2018-06-26T10:00:00.000", "agency": "NYPD", "status": "Open"}` + "\n"
	const last = "\n" + `,{"unique_key": "3", "created_date": "2018-06-26T12:00:00.000", "agency": "DOT", "status": "Open"}]`
	tests := []struct {
		name, elem, want string
	}{
		{"agency twice", `,{"unique_key": "2", "created_date": "2018-06-26T11:00:00.000", "agency": "NYPD", "status": "Open", "agency": "DOT"}`,
			`<input>:2: field "agency": repeated key: "agency" appears more than once in its object`},
		{"unique_key twice, in another case", `,{"unique_key": "2", "UNIQUE_KEY": "9", "created_date": "2018-06-26T11:00:00.000", "agency": "NYPD", "status": "Open"}`,
			`<input>:2: field "UNIQUE_KEY": repeated key: "UNIQUE_KEY" appears more than once in its object`},
		{"a nested key twice", `,{"unique_key": "2", "created_date": "2018-06-26T11:00:00.000", "agency": "NYPD", "status": "Open", "location": {"type": "Point", "type": "Line"}}`,
			`<input>:2: field "location.type": repeated key: "type" appears more than once in its object`},
		{"an unpaired surrogate, which encoding/json would turn into U+FFFD", `,{"unique_key": "2", "created_date": "2018-06-26T11:00:00.000", "agency": "NY\udc00PD", "status": "Open"}`,
			`<input>:2: invalid UTF-8`},
		{"created in 1969", `,{"unique_key": "2", "created_date": "1969-12-31T18:59:59.000", "agency": "NYPD", "status": "Open"}`,
			`<input>:2: field "created_date": ` + implausible + `"1969-12-31T18:59:59-05:00"`},
		{"pop directional isolate in the agency", `,{"unique_key": "2", "created_date": "2018-06-26T11:00:00.000", "agency": "NYPD\u2069", "status": "Open"}`,
			`<input>:2: field "agency": ` + hidden + `U+2069 at byte 4 of "NYPD\u2069"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkHostile(t, first+tt.elem+last, 3, tt.want) })
	}
}

func TestReadRejectsMachineLocations(t *testing.T) {
	const in = "case_enquiry_id,open_dt,closed_dt,case_status,department\n101,2022-01-21 13:47:00,,Open,BTDT\n"
	tests := []struct {
		name string
		loc  *time.Location
		want string
	}{
		{"Local", time.Local, `<input>:1: Options.Location: unknown value: "Local" depends on the machine; name an IANA time zone`},
		{"a fixed zone without a name", time.FixedZone("", 3600), `<input>:1: Options.Location: unknown value: a location without a name; load it with time.LoadLocation`},
		{"a fixed zone named as no IANA zone", time.FixedZone("UTC+1", 3600), `<input>:1: Options.Location: unknown value: "UTC+1" is not an IANA time zone`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ds311, r311, err := city311.Read(strings.NewReader(in), city311.Options{ReadOptions: model.ReadOptions{Location: tt.loc, Lenient: true}})
			acct := r311.Accounting
			assert.EqualError(t, err, tt.want)
			assert.Empty(t, ds311.Inquiries)
			assert.Equal(t, model.Accounting{}, acct)
		})
	}
}
