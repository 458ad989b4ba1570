package score_test

import (
	"bufio"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// TestTrendGenReference scores the records of the shared benchmark kit's
// generator (../shared/bench/gen.py 200000) by quarter and checks each
// agency × quarter's counts, Kaplan-Meier median and 90th percentile, and
// each log-rank test between consecutive quarters, against R's
// computation from the CSV alone (testdata/trend/gen200k_quarters.R and its
// committed output). It skips when the kit or python3 is missing.
func TestTrendGenReference(t *testing.T) {
	if testing.Short() {
		t.Skip("generates 200,000 records")
	}
	gen := filepath.Join("..", "..", "shared", "bench", "gen.py")
	if _, err := os.Stat(gen); err != nil {
		t.Skipf("the shared benchmark kit is not here: %v", err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	file := filepath.Join(t.TempDir(), "gen200k.csv")
	out, err := exec.Command(python, gen, "200000", file).CombinedOutput()
	require.NoError(t, err, "%s", out)

	asOf, _ := time.Parse(time.RFC3339, "2026-01-01T00:00:00+03:00")
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
	require.NoError(t, err)
	acc, err := sc.NewTrend(model.Dataset{}, score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	f, err := os.Open(file)
	require.NoError(t, err)
	defer f.Close()
	acct, err := model.ScanInquiriesCSV(f, model.ReadOptions{File: file}, acc)
	require.NoError(t, err)
	require.Equal(t, 200000, acct.Accepted)
	tr, err := acc.Report()
	require.NoError(t, err)
	require.Len(t, tr.Periods, 4)
	assert.Equal(t, []score.PeriodNote{score.NoteFollowUp}, tr.Periods[3].Notes, "Q4's cut-off is AsOf")
	for _, p := range tr.Periods[:3] {
		assert.False(t, p.Provisional, p.Label)
	}

	agencies := map[string]map[string]*score.AgencyScore{} // period → agency → score
	for _, p := range tr.Periods {
		agencies[p.Label] = map[string]*score.AgencyScore{}
		for i := range p.Report.Agencies {
			a := &p.Report.Agencies[i]
			agencies[p.Label][a.AgencyID] = a
		}
	}
	changes := map[string]score.AgencyChange{} // agency from → change
	for _, c := range tr.Changes {
		changes[c.AgencyID+" "+c.From] = c
	}

	ref, err := os.Open(filepath.Join("testdata", "trend", "gen200k_quarters.tsv"))
	require.NoError(t, err)
	defer ref.Close()
	sc2 := bufio.NewScanner(ref)
	var quarters, tests int
	for sc2.Scan() {
		line := sc2.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		switch fs[0] {
		case "q":
			quarters++
			a := agencies[fs[2]][fs[1]]
			require.NotNil(t, a, line)
			n := func(i int) int {
				v, err := strconv.Atoi(fs[i])
				require.NoError(t, err)
				return v
			}
			crit := func(id string) score.CriterionScore { return criterionIn(a, id) }
			assert.Equal(t, n(3), a.Inquiries, line)
			rr, w := crit("response_rate").Measure, crit("within_24h").Measure
			assert.Equal(t, [2]int{n(4), n(5)}, [2]int{rr.N, rr.Count}, "response_rate: %s", line)
			assert.Equal(t, [2]int{n(6), n(7)}, [2]int{w.N, w.Count}, "within_24h: %s", line)
			for i, id := range []string{"median_reply", "p90_reply"} {
				m := crit(id).Measure
				assert.Equal(t, [2]int{n(8), n(9)}, [2]int{m.N, m.Count}, "%s: %s", id, line)
				if want := fs[10+i]; want == "NA" {
					assert.True(t, m.NotReached, "%s: %s", id, line)
				} else {
					secs, err := strconv.ParseFloat(want, 64)
					require.NoError(t, err)
					require.NotNil(t, m.Value, "%s: %s", id, line)
					assert.InDelta(t, secs/3600, m.Value.InexactFloat64(), 1e-9, "%s: %s", id, line)
				}
			}
		case "lr":
			tests++
			c, ok := changes[fs[1]+" "+fs[2]]
			require.True(t, ok, line)
			require.Equal(t, fs[3], c.To)
			chi, err := strconv.ParseFloat(fs[4], 64)
			require.NoError(t, err)
			p, err := strconv.ParseFloat(fs[5], 64)
			require.NoError(t, err)
			for _, cc := range c.Criteria {
				if cc.ID != "median_reply" {
					continue
				}
				require.NotNil(t, cc.Test, line)
				got := cc.Test.ChiSquare.InexactFloat64()
				assert.LessOrEqual(t, math.Abs(got-chi), 1e-9*max(1, chi), "chi-square: %s", line)
				assert.LessOrEqual(t, math.Abs(cc.Test.P.InexactFloat64()-p), 1e-9, "p: %s", line)
				assert.Equal(t, p < 0.05, cc.Test.Significant, line)
			}
		}
	}
	require.NoError(t, sc2.Err())
	assert.Equal(t, 800, quarters)
	assert.Equal(t, 600, tests)
}

// criterionIn returns the criterion id of a.
func criterionIn(a *score.AgencyScore, id string) score.CriterionScore {
	for _, d := range a.Dimensions {
		for _, c := range d.Criteria {
			if c.ID == id {
				return c
			}
		}
	}
	return score.CriterionScore{}
}
