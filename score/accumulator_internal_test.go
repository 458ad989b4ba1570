package score

import (
	"fmt"
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
