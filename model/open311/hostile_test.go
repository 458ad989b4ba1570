package open311_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/open311"
)

// implausible is the reason a timestamp outside the plausible range is
// rejected, less the timestamp.
const implausible = "out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "

func TestReadRejectsHostileRequests(t *testing.T) {
	const first = `[{"service_request_id": "R-1", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00"}` + "\n"
	const last = "\n" + `,{"service_request_id": "R-3", "agency_responsible": "Parks", "requested_datetime": "2014-05-10T19:02:21-05:00"}]`
	tests := []struct {
		name, elem, want string
	}{
		{"status twice", `,{"service_request_id": "R-2", "status": "open", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00", "status": "closed"}`,
			`<input>:2: field "status": repeated key: "status" appears more than once in its object`},
		{"the id twice, in another case", `,{"service_request_id": "R-2", "Service_Request_ID": "R-9", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00"}`,
			`<input>:2: field "Service_Request_ID": repeated key: "Service_Request_ID" appears more than once in its object`},
		{"a note's type twice", `,{"service_request_id": "R-2", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00", "notes": [{"datetime": "2014-05-10T08:00:00-05:00", "type": "opened", "type": "closed"}]}`,
			`<input>:2: field "notes[0].type": repeated key: "type" appears more than once in its object`},
		{"an unpaired surrogate, which encoding/json would turn into U+FFFD", `,{"service_request_id": "R-2", "agency_responsible": "Str\ud800eets", "requested_datetime": "2014-05-09T19:02:21-05:00"}`,
			`<input>:2: invalid UTF-8`},
		{"requested in year 1", `,{"service_request_id": "R-2", "agency_responsible": "Streets", "requested_datetime": "0001-01-01T00:00:00Z"}`,
			`<input>:2: field "requested_datetime": ` + implausible + `"0001-01-01T00:00:00Z"`},
		{"a note in 2200", `,{"service_request_id": "R-2", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00", "notes": [{"datetime": "2014-05-10T08:00:00-05:00", "type": "activity"}, {"datetime": "2200-01-01T00:00:00Z", "type": "closed"}]}`,
			`<input>:2: field "notes[1].datetime": ` + implausible + `"2200-01-01T00:00:00Z"`},
		{"expected before 1970", `,{"service_request_id": "R-2", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00", "expected_datetime": "1969-12-31T23:59:59Z"}`,
			`<input>:2: field "expected_datetime": ` + implausible + `"1969-12-31T23:59:59Z"`},
		{"a right-to-left override in the id", `,{"service_request_id": "R-\u202e2", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00"}`,
			`<input>:2: field "service_request_id": control or bidirectional formatting character: U+202E at byte 2 of "R-\u202e2"`},
		{"a TAB before the id, not trimmed away", `,{"service_request_id": "\tR-2", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00"}`,
			`<input>:2: field "service_request_id": control or bidirectional formatting character: U+0009 at byte 0 of "\tR-2"`},
		{"a line feed in the agency", `,{"service_request_id": "R-2", "agency_responsible": "Streets\n", "requested_datetime": "2014-05-09T19:02:21-05:00"}`,
			`<input>:2: field "agency_responsible": control or bidirectional formatting character: U+000A at byte 7 of "Streets\n"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := first + tt.elem + last
			_, acct, err := open311.Read(strings.NewReader(in), model.ReadOptions{})
			assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "Read, strict: read = accepted + rejected")
			assert.EqualError(t, err, tt.want, "Read, strict")

			ds, acct, err := open311.Read(strings.NewReader(in), model.ReadOptions{Lenient: true})
			require.NoError(t, err, "Read, lenient")
			assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "Read, lenient: read = accepted + rejected")
			assert.Equal(t, 3, acct.Read, "Read, lenient: rows read")
			assert.Equal(t, 2, acct.Accepted, "Read, lenient: rows accepted")
			if assert.Len(t, acct.Rejected, 1, "Read, lenient: rows rejected") {
				assert.EqualError(t, acct.Rejected[0], tt.want, "Read, lenient")
			}
			assert.NoError(t, ds.Validate(), "Read, lenient: the dataset")
		})
	}
}

// TestNothingDroppedSilently: a note dated before its request is dropped
// with a warning naming it, as every reader drops an instant before
// receipt; a request closed with no time of closing is kept unresolved,
// with a warning. Both were silent before a review.
func TestNothingDroppedSilently(t *testing.T) {
	in := `[{"service_request_id": "R-1", "status": "closed", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00",
  "updated_datetime": "2014-05-12T10:00:00-05:00", "notes": [{"datetime": "2014-05-01T08:00:00-05:00", "type": "closed"}]},
 {"service_request_id": "R-2", "status": "closed", "agency_responsible": "Streets", "requested_datetime": "2014-05-09T19:02:21-05:00"}]`
	ds, acct, err := open311.Read(strings.NewReader(in), model.ReadOptions{})
	require.NoError(t, err)
	require.Len(t, ds.Inquiries, 2)
	var fields []string
	for _, w := range acct.Warnings {
		fields = append(fields, w.Field)
	}
	assert.Equal(t, []string{"notes[0].datetime", "status"}, fields)
	// R-1's early closed note is dropped: resolved at its update.
	assert.Equal(t, time.Date(2014, 5, 12, 15, 0, 0, 0, time.UTC), ds.Inquiries[0].ResolvedAt.UTC())
	assert.True(t, ds.Inquiries[1].ResolvedAt.IsZero())
}
