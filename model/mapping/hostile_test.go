package mapping_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/mapping"
)

// implausible is the reason a timestamp outside the plausible range is
// rejected, less the timestamp.
const implausible = "out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "

// hidden is the reason an ID or name with a control or bidirectional
// formatting character is rejected, less the character.
const hidden = "control or bidirectional formatting character: "

func TestReadRejectsHostileRows(t *testing.T) {
	m := mapping.Mapping{ID: "ref", AgencyID: "dept", ChannelID: "inbox", ReceivedAt: "opened", ResolvedAt: "closed",
		TimeLayouts: []string{mapping.LayoutRFC3339, "02/01/06 15:04"}, TimeZone: "Asia/Riyadh"}
	const head = "ref,dept,inbox,opened,closed\n1,mof,mof-mail,2025-01-01T09:00:00+03:00,\n"
	const tail = "3,moh,moh-mail,2025-01-02T09:00:00+03:00,\n"
	long := strings.Repeat("x", 64<<10+1)
	tests := []struct {
		name, row, want string
	}{
		{"opened in year 1", "2,mof,mof-mail,0001-01-01T00:00:00Z,\n",
			`<input>:3: field "opened": ` + implausible + `"0001-01-01T00:00:00Z"`},
		{"closed in 2200", "2,mof,mof-mail,2025-01-01T09:00:00+03:00,2200-01-01 03:00:00\n",
			`<input>:3: field "closed": ` + implausible + `"2200-01-01T03:00:00+03:00"`},
		{"opened in 1969 by a two-digit year", "2,mof,mof-mail,31/12/69 23:59,\n",
			`<input>:3: field "opened": ` + implausible + `"1969-12-31T23:59:00+03:00"`},
		{"a right-to-left override in the ref", "2\u202e,mof,mof-mail,2025-01-01T09:00:00+03:00,\n",
			`<input>:3: field "ref": ` + hidden + `U+202E at byte 1 of "2\u202e"`},
		{"a TAB before the department, not trimmed away", "2,\tmof,mof-mail,2025-01-01T09:00:00+03:00,\n",
			`<input>:3: field "dept": ` + hidden + `U+0009 at byte 0 of "\tmof"`},
		{"an Arabic letter mark in the inbox", "2,mof,mof\u061c,2025-01-01T09:00:00+03:00,\n",
			`<input>:3: field "inbox": ` + hidden + `U+061C at byte 3 of "mof\u061c"`},
		{"a ref of 64 KiB and a byte", long + ",mof,mof-mail,2025-01-01T09:00:00+03:00,\n",
			`<input>:3: field "ref": too large: 65537 bytes, more than MaxFieldBytes (65536)`},
		{"a row of 257 fields", "2,mof,mof-mail,2025-01-01T09:00:00+03:00," + strings.Repeat(",", 252) + "\n",
			`<input>:3: too large: 257 fields, more than MaxFields (256)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := head + tt.row + tail
			_, acct, err := m.Read(strings.NewReader(in), model.ReadOptions{})
			assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "Read, strict: read = accepted + rejected")
			assert.EqualError(t, err, tt.want, "Read, strict")

			ds, acct, err := m.Read(strings.NewReader(in), model.ReadOptions{Lenient: true})
			require.NoError(t, err, "Read, lenient")
			checkAccounting(t, acct, 3)
			assert.Equal(t, 2, acct.Accepted, "Read, lenient: rows accepted")
			if assert.Len(t, acct.Rejected, 1, "Read, lenient: rows rejected") {
				assert.EqualError(t, acct.Rejected[0], tt.want, "Read, lenient")
			}
			if assert.Len(t, ds.Inquiries, 2, "Read, lenient: inquiries") {
				assert.Equal(t, []string{"1", "3"}, []string{ds.Inquiries[0].ID, ds.Inquiries[1].ID}, "Read, lenient: inquiries")
			}
		})
	}
}

func TestValidateRejectsHostileConstants(t *testing.T) {
	tests := []struct {
		name string
		m    mapping.Mapping
		want string
	}{
		{"a Local time zone", mapping.Mapping{ID: "a", Agency: "x", ReceivedAt: "b", ChannelID: "c", TimeZone: "Local"},
			`mapping: time_zone: unknown value: "Local" depends on the machine; name an IANA time zone`},
		{"an agency with a line feed", mapping.Mapping{ID: "a", Agency: "x\ny", ReceivedAt: "b", ChannelID: "c"},
			`mapping: agency: ` + hidden + `U+000A at byte 1 of "x\ny"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.EqualError(t, tt.m.Validate(), tt.want)
		})
	}
}

func TestLoadMappingManyKeys(t *testing.T) {
	// Refused before the YAML decoder, whose check for repeated keys is
	// quadratic: 60,000 keys took 20 s.
	var b strings.Builder
	b.WriteString("columns:\n  id: case_id\n")
	for i := range 300 {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	_, err := mapping.LoadMapping(strings.NewReader(b.String()))
	require.Error(t, err)
	assert.ErrorIs(t, err, mapping.ErrMapping)
	assert.EqualError(t, err, "mapping: line 1: a mapping of 301 keys: at most 256 (MaxKeys)")
}
