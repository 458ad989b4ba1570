package open311_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/open311"
)

func ts(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}

func TestReadFixture(t *testing.T) {
	f, err := os.Open(filepath.Join("testdata", "requests.json"))
	require.NoError(t, err)
	defer f.Close()
	ds, acct, err := open311.Read(f, model.ReadOptions{File: "requests.json"})
	require.NoError(t, err)
	require.NoError(t, ds.Validate())
	assert.Equal(t, 4, acct.Read)
	assert.Equal(t, 4, acct.Accepted)
	require.Len(t, ds.Inquiries, 4)

	q := ds.Inquiries[0]
	assert.Equal(t, "Streets/phone", q.ChannelID)
	assert.True(t, q.ReceivedAt.Equal(ts(t, "2014-05-09T19:02:21-05:00")), "received %v", q.ReceivedAt)
	assert.True(t, q.FirstReplyAt.Equal(ts(t, "2014-05-12T08:30:00-05:00")), "first action %v", q.FirstReplyAt)
	assert.True(t, q.ResolvedAt.Equal(ts(t, "2014-05-20T14:00:00-05:00")), "resolved %v: the closed note, not updated_datetime", q.ResolvedAt)
	assert.True(t, q.DueAt.Equal(ts(t, "2014-05-16T19:02:21-05:00")), "due %v", q.DueAt)

	q = ds.Inquiries[1]
	assert.True(t, q.FirstReplyAt.IsZero(), "R-2 has only submitted/opened notes, FirstReplyAt %v", q.FirstReplyAt)
	assert.True(t, q.ResolvedAt.IsZero())
	assert.Equal(t, "Streets/web_form", q.ChannelID)

	q = ds.Inquiries[2]
	assert.True(t, q.ResolvedAt.Equal(ts(t, "2014-12-18T16:30:00-06:00")), "R-3 resolved at updated_datetime, got %v", q.ResolvedAt)
	assert.Equal(t, q.ResolvedAt, q.FirstReplyAt, "R-3 without notes: closure is the answer")

	assert.True(t, ds.Inquiries[3].ResolvedAt.IsZero(), "R-4 closed before requested stays unresolved")
	var before, noAction int
	for _, w := range acct.Warnings {
		switch {
		case errors.Is(w, open311.ErrClosedBeforeRequested):
			before++
			assert.Equal(t, 37, w.Line, "warning line")
		case errors.Is(w, open311.ErrNoAction):
			noAction++
		}
	}
	assert.Equal(t, 1, before)
	assert.Equal(t, 1, noAction)
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  error
		line  int
		field string
	}{
		{"not an array", `{}`, model.ErrUnknownValue, 1, ""},
		{"empty", ``, model.ErrMissing, 1, ""},
		{"missing id", "[\n{\"agency_responsible\":\"A\",\"requested_datetime\":\"2014-01-01T00:00:00Z\"}]", model.ErrMissing, 2, "service_request_id"},
		{"bad time", "[{\"service_request_id\":\"1\",\"agency_responsible\":\"A\",\"requested_datetime\":\"x\"}]", model.ErrBadTime, 1, "requested_datetime"},
		{"no zone", "[{\"service_request_id\":\"1\",\"agency_responsible\":\"A\",\"requested_datetime\":\"2014-01-01T00:00:00\"}]", model.ErrBadTime, 1, "requested_datetime"},
		{"wrong type", "[\n\n{\"service_request_id\":1}]", model.ErrUnknownValue, 3, "service_request_id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, acct, err := open311.Read(strings.NewReader(tt.in), model.ReadOptions{})
			require.Error(t, err, "Read(%q)", tt.in)
			assert.ErrorIs(t, err, tt.want, "Read(%q)", tt.in)
			var pe *model.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.line, pe.Line, "Read(%q) line", tt.in)
			assert.Equal(t, tt.field, pe.Field, "Read(%q) field", tt.in)
			assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected))
		})
	}
}

func TestSharedChicago(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "chicago_open311_50requests_2014_michaelkunc.json")
	f, err := os.Open(path)
	if err != nil {
		t.Skipf("no shared data: %v", err)
	}
	defer f.Close()
	ds, acct, err := open311.Read(f, model.ReadOptions{File: path, Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected))
	require.NoError(t, ds.Validate())
	answered := 0
	for _, q := range ds.Inquiries {
		if !q.FirstReplyAt.IsZero() {
			answered++
		}
	}
	t.Logf("chicago: read %d, accepted %d, rejected %d, warnings %d, agencies %d, with a first action %d",
		acct.Read, acct.Accepted, len(acct.Rejected), len(acct.Warnings), len(ds.Agencies), answered)
}
