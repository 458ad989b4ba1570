package score_test

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// An absurd but valid receipt (a typo'd year, or worse) must not make
// day-based measures allocate per day since then, nor panic.
func TestAncientReceiptDoesNotExplode(t *testing.T) {
	for _, year := range []int{2, max(-200000000000, math.MinInt)} { // math.MinInt where an int has 32 bits
		ds := dataset(fixture[:3])
		ds.Inquiries[0].ReceivedAt = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC)
		ds.Inquiries[0].FirstReplyAt = time.Time{}
		ds.Inquiries[0].Accuracy = ""
		sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf, MinSample: 1})
		require.NoError(t, err)
		rep, err := sc.Score(ds)
		require.NoError(t, err, "year %d", year)
		require.Len(t, rep.Agencies, 1)
	}
}

// The same instant written with two offsets: the report must not depend on
// which comes first.
func TestSinceDoesNotDependOnOffsetOrder(t *testing.T) {
	at := time.Date(2025, 12, 1, 0, 0, 0, 0, time.UTC)
	a := model.Inquiry{ID: "1", AgencyID: "a", ChannelID: "a-x", ReceivedAt: at}
	b := model.Inquiry{ID: "2", AgencyID: "a", ChannelID: "a-x", ReceivedAt: at.In(time.FixedZone("AST", 3*3600))}
	encode := func(qs ...model.Inquiry) string {
		ds := dataset(nil)
		ds.Inquiries = qs
		sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
		require.NoError(t, err)
		rep, err := sc.Score(ds)
		require.NoError(t, err)
		out, err := json.Marshal(rep)
		require.NoError(t, err)
		return string(out)
	}
	assert.Equal(t, encode(a, b), encode(b, a))
}

// A report is the caller's to change: changing it must not change the
// Scorer.
func TestReportSharesNothingWithScorer(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf, MinSample: 1})
	require.NoError(t, err)
	ds := dataset(fixture)
	ds.Agencies[0].Names = map[string]string{"en": "A"}
	first, err := sc.Score(ds)
	require.NoError(t, err)
	first.Grades[len(first.Grades)-1].ID = "changed"
	first.Grades[0].Labels["en"] = "changed"
	first.Agencies[0].Names["en"] = "changed"
	second, err := sc.Score(ds)
	require.NoError(t, err)
	assert.NotEqual(t, "changed", second.Agencies[0].Grade)
	assert.Equal(t, "Exemplary", second.Grades[0].Labels["en"])
	assert.Equal(t, "A", ds.Agencies[0].Names["en"])
}
