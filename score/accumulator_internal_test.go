package score

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKnownChannels checks the second cache of resolved channels, which
// serves a channel that the cache by address has lost to others: an
// inquiry found there is tallied as one resolved afresh, and one for
// another agency is rejected with the same message. Emptying recent
// stands for a channel's set filling up.
func TestKnownChannels(t *testing.T) {
	asOf := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	r := rubric.Default()
	// A criterion of X alone, so that a channel's kind shows in the
	// report.
	r.Dimensions[0].Criteria[0].Filter = &rubric.Filter{Channels: []model.ChannelKind{model.ChannelX}}
	sc, err := New(r, Options{AsOf: asOf})
	require.NoError(t, err)
	recv := asOf.Add(-30 * 24 * time.Hour)
	// Enough inquiries on each channel for every criterion to be
	// measured; every third is unanswered.
	var inquiries []model.Inquiry
	for i := range 60 {
		q := model.Inquiry{ID: fmt.Sprint(i), AgencyID: "a", ChannelID: "a/x", ReceivedAt: recv.Add(time.Duration(i) * time.Minute)}
		if i%2 == 1 {
			q.AgencyID, q.ChannelID = "b", "b/email"
		}
		if i%3 != 0 {
			q.FirstReplyAt = q.ReceivedAt.Add(time.Duration(i) * time.Hour)
		}
		inquiries = append(inquiries, q)
	}
	bad := model.Inquiry{ID: "bad", AgencyID: "b", ChannelID: "a/x", ReceivedAt: recv}

	fresh, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	freshErr := fresh.Add(&bad)
	for i := range inquiries {
		require.NoError(t, fresh.Add(&inquiries[i]))
	}

	lost, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	for i := range inquiries {
		require.NoError(t, lost.Add(&inquiries[i]))
		lost.own.recent = nil // lost, but known
	}
	require.Len(t, lost.own.known, 2, "channels known")
	for i := range inquiries {
		lost.own.recent = nil
		require.NoError(t, lost.Add(&inquiries[i]))
	}
	lost.own.recent = nil
	lostErr := lost.Add(&bad)
	require.Error(t, freshErr)
	require.Error(t, lostErr)
	assert.Equal(t, freshErr.Error(), lostErr.Error(), "the same reason, from either cache")

	// The inquiries added twice through the second cache count twice.
	for i := range inquiries {
		require.NoError(t, fresh.Add(&inquiries[i]))
	}
	want, err := fresh.Report()
	require.NoError(t, err)
	got, err := lost.Report()
	require.NoError(t, err)
	assert.Equal(t, want, got)
}

// TestRowTablesBounded checks what the tables of rows cost: rows the
// accumulator rejects do not grow its table, however high their numbers;
// a trend's periods hold at most trendRowChannels pairs each and know no
// channels beyond the cache by address, while the rows past them are
// still tallied.
func TestRowTablesBounded(t *testing.T) {
	asOf := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	sc, err := New(rubric.Default(), Options{AsOf: asOf})
	require.NoError(t, err)

	var bad strings.Builder
	bad.WriteString("id,agency_id,channel_id,received_at\n")
	for i := range 3000 {
		fmt.Fprintf(&bad, "%d,a,unknown-%d,2025-01-01T00:00:00Z\n", i, i)
	}
	acc, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	acct, err := model.ScanInquiriesCSV(strings.NewReader(bad.String()), model.ReadOptions{Workers: 1, Lenient: true}, acc)
	require.NoError(t, err)
	require.Len(t, acct.Rejected, 3000)
	assert.Empty(t, acc.states().byChannel, "the table after rejected rows only")

	var many strings.Builder
	many.WriteString("id,agency_id,channel,received_at\n")
	const pairs = trendRowChannels + 500
	for i := range pairs {
		fmt.Fprintf(&many, "%d,ag-%d,email,2025-01-%02dT00:00:00Z\n", i, i, 1+i%28)
	}
	tr, err := sc.NewTrend(model.Dataset{}, Periods{Unit: Month})
	require.NoError(t, err)
	acct, err = model.ScanInquiriesCSV(strings.NewReader(many.String()), model.ReadOptions{Workers: 1}, tr)
	require.NoError(t, err)
	require.Equal(t, pairs, acct.Accepted)
	require.Len(t, tr.byKey, 1)
	for _, a := range tr.byKey {
		assert.LessOrEqual(t, len(a.states().byChannel), trendRowChannels, "a period's table")
		assert.Nil(t, a.states().known, "a period's channels known by ID")
	}
	rep, err := tr.Report()
	require.NoError(t, err)
	n := 0
	for _, p := range rep.Periods {
		for _, a := range p.Report.Agencies {
			n += a.Inquiries
		}
	}
	assert.Equal(t, pairs, n, "inquiries tallied")
}
