package report

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}

// TestSummary checks the summary's sentences on a report made by hand,
// against figures worked out by hand: three agencies scored (two Good,
// one Poor) and one not; the dimensions' means are speed (80 + 70 + 30)
// / 3 = 60.00 and accuracy (50 + 90) / 2 = 70.00, the third agency having
// no accuracy score; the oldest unanswered inquiry is b's, 45 days old.
func TestSummary(t *testing.T) {
	dims := func(speed, accuracy *decimal.Decimal) []score.DimensionScore {
		return []score.DimensionScore{{ID: rubric.ReplySpeed, Score: speed}, {ID: rubric.Accuracy, Score: accuracy}}
	}
	silence := func(silent, n, days, oldest string) []score.Flag {
		return []score.Flag{{Code: score.FlagLongSilence, Message: "long_silence", Args: []string{silent, n, days, oldest}}}
	}
	rep := &score.Report{
		Grades: []rubric.Grade{{ID: "good", Min: decimal.NewFromInt(60), Labels: map[string]string{"en": "Good", "ar": "جيد"}},
			{ID: "poor", Min: decimal.Zero, Labels: map[string]string{"en": "Poor", "ar": "ضعيف"}}},
		Agencies: []score.AgencyScore{
			{AgencyID: "a", Name: "Agency A", Rank: 1, Score: dec("65"), Grade: "good", Dimensions: dims(dec("80"), dec("50"))},
			{AgencyID: "b", Name: "Agency B", Rank: 2, Score: dec("64.5"), Grade: "good", Dimensions: dims(dec("70"), dec("90")),
				Flags: silence("3", "10", "30", "45")},
			{AgencyID: "c", Name: "Agency C", Rank: 3, Score: dec("30"), Grade: "poor", Dimensions: dims(dec("30"), nil),
				Flags: silence("1", "4", "30", "31")},
			{AgencyID: "d", Name: "Agency D", Dimensions: dims(nil, nil)},
		},
	}
	got := summarize(rep, english)
	require.Len(t, got, 4)
	assert.Equal(t, sentence{"3 of 4 agencies were scored: 2 \u2068Good\u2069, 1 \u2068Poor\u2069. 1 could not be scored, for want of data.", "#ranking"}, got[0])
	assert.Equal(t, sentence{"\u2068Agency A\u2069 ranks first, with 65.00 points of 100; \u2068Agency C\u2069 ranks last, with 30.00.", "#ranking"}, got[1])
	assert.Equal(t, sentence{"The longest silence: \u2068Agency B\u2069 has left an inquiry unanswered for 45 days, and 3 of its 10 inquiries waited 30 days or more.", "#agency-b"}, got[2])
	assert.Equal(t, sentence{"Across the agencies scored, \u2068Accuracy\u2069 is the strongest dimension (70.00 points on average) and \u2068Reply speed\u2069 the weakest (60.00).", "#contributions"}, got[3])

	ar := summarize(rep, arabic)
	require.Len(t, ar, 4)
	assert.Equal(t, "قُيِّمت 3 من 4 جهات: 2 \u2068جيد\u2069، 1 \u2068ضعيف\u2069. وتعذّر تقييم 1 لقلة البيانات.", ar[0].Text)

	// Nobody scored: one sentence, no ranks, no dimensions.
	none := &score.Report{Agencies: []score.AgencyScore{{AgencyID: "d", Dimensions: dims(nil, nil)}}}
	assert.Equal(t, []sentence{{"0 of 1 agencies were scored. 1 could not be scored, for want of data.", "#ranking"}}, summarize(none, english))
}
