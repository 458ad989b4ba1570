package report_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/fixture"
	"github.com/govscore/govscore/score/report"
)

func TestTrendCSV(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: fixture.SynthAsOf})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(fixture.Synth(3000, 6, 1), score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	require.Len(t, tr.Periods, 4)
	criteria := 0
	for _, d := range rubric.Default().Dimensions {
		criteria += len(d.Criteria)
	}

	read := func(write func(*bytes.Buffer) error) [][]string {
		var b bytes.Buffer
		require.NoError(t, write(&b))
		rows, err := csv.NewReader(&b).ReadAll() // also checks every row has the header's width
		require.NoError(t, err)
		return rows
	}
	rows := read(func(b *bytes.Buffer) error { return report.WriteTrendCriteriaCSV(b, tr) })
	assert.Equal(t, "period", rows[0][0])
	assert.Equal(t, "agency_id", rows[0][1])
	assert.Len(t, rows, 1+4*6*criteria)
	assert.Equal(t, "2025Q1", rows[1][0])
	assert.Equal(t, "2025Q4", rows[len(rows)-1][0])

	rows = read(func(b *bytes.Buffer) error { return report.WriteTrendDimensionsCSV(b, tr) })
	assert.Len(t, rows, 1+4*6*len(rubric.Default().Dimensions))

	rows = read(func(b *bytes.Buffer) error { return report.WriteChangesCSV(b, tr.Changes) })
	assert.Len(t, tr.Changes, 3*6)
	assert.Len(t, rows, 1+3*6*criteria)
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	tests := map[string]int{}
	for _, r := range rows[1:] {
		tests[r[col["test"]]]++
		if r[col["test"]] == "" {
			assert.Empty(t, r[col["significant"]])
		} else {
			assert.Contains(t, []string{"true", "false"}, r[col["significant"]])
		}
	}
	// Per agency and pair of quarters: five rates (newcombe), two
	// reply-time quantiles (log_rank), and six criteria without a test.
	assert.Equal(t, map[string]int{"newcombe": 5 * 18, "log_rank": 2 * 18, "": 6 * 18}, tests)
}
