package score_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	golden "github.com/govscore/govscore/score/internal/fixture"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The golden fixture (score/internal/fixture): five agencies, each showing
// one case a report must explain; its docs say which.
var goldenAsOf = golden.AsOf

func goldenDataset() model.Dataset { return golden.Dataset() }

// goldenReport scores the golden fixture under the default standard.
func goldenReport(t *testing.T) *score.Report {
	t.Helper()
	sc, err := score.New(rubric.Default(), score.Options{AsOf: goldenAsOf})
	require.NoError(t, err)
	rep, err := sc.Score(goldenDataset())
	require.NoError(t, err)
	return rep
}

// checkGolden compares got with testdata/name, or rewrites the file under
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./score -run Golden -update to create it")
	assert.Equal(t, string(want), string(got), "%s differs from %s; run with -update if the change is intended", name, path)
}

func TestGolden(t *testing.T) {
	rep := goldenReport(t)

	t.Run("json", func(t *testing.T) {
		b, err := json.MarshalIndent(rep, "", "  ")
		require.NoError(t, err)
		checkGolden(t, "report.json", append(b, '\n'))
	})
	t.Run("text", func(t *testing.T) {
		var b bytes.Buffer
		require.NoError(t, rep.WriteText(&b))
		checkGolden(t, "report.txt", b.Bytes())
	})
	for _, id := range []string{"swift", "silent", "herald", "unstaffed", "dormant"} {
		t.Run("explain/"+id, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, rep.Explain(&b, id))
			checkGolden(t, "explain_"+id+".txt", b.Bytes())
		})
	}
}

// handDec fails the test unless got is the decimal written in want.
func handDec(t *testing.T, what string, got *decimal.Decimal, want string) {
	t.Helper()
	if !assert.NotNil(t, got, "%s is nil, want %s", what, want) {
		return
	}
	w := decimal.RequireFromString(want)
	assert.True(t, got.Equal(w), "%s = %s, want %s", what, got, want)
}

// TestHandCalculationHerald checks the herald agency of the golden fixture
// against arithmetic done by hand from its records and the default
// standard's goalposts and weights. Nothing here is computed by score.
func TestHandCalculationHerald(t *testing.T) {
	rep := goldenReport(t)
	var herald *score.AgencyScore
	for i := range rep.Agencies {
		if rep.Agencies[i].AgencyID == "herald" {
			herald = &rep.Agencies[i]
		}
	}
	require.NotNil(t, herald)

	type crit struct {
		value, points, contribution string
	}
	// Records: 20 inquiries, all answered, 10 after 6 h and 10 after 30 h;
	// 12 accurate, 4 partial, 4 deflections; 5 from journalists; 16 of them
	// are 30 days old or more (received up to 30 November).
	want := map[string]crit{
		// 20 of 20 answered = 1 >= 0.95: band 100; 0.3 × 100 = 30.
		"response_rate": {"1", "100", "30"},
		// 10 of 20 within 24 h = 0.5; 0.5 × 100 / 0.9 = 55.555… → 55.56;
		// 0.25 × 55.56 = 13.89.
		"within_24h": {"0.5", "55.56", "13.89"},
		// S(6 h) = 10/20 = 0.5 exactly, flat until 30 h: midpoint 18 h;
		// (168 − 18) × 100 / (168 − 1) = 15000 / 167 = 89.820… → 89.82;
		// 0.15 × 89.82 = 13.473.
		"median_reply": {"18", "89.82", "13.473"},
		// S(30 h) = 0 <= 0.1: 30 h; (720 − 30) × 100 / (720 − 24) =
		// 69000 / 696 = 99.137… → 99.14; 0.1 × 99.14 = 9.914.
		"p90_reply": {"30", "99.14", "9.914"},
		// 0 of 16 silent = 0 = best: 100; 0.2 × 100 = 20.
		"long_silence": {"0", "100", "20"},
		// (12 × 1 + 4 × 0.5 + 4 × 0) / 20 = 0.7; (0.7 − 0.5) × 100 / 0.45 =
		// 44.444… → 44.44; 0.75 × 44.44 = 33.33.
		"accurate_share": {"0.7", "44.44", "33.33"},
		// 4 / 20 = 0.2; (0.3 − 0.2) × 100 / 0.3 = 33.333… → 33.33;
		// 0.25 × 33.33 = 8.3325.
		"deflection_share": {"0.2", "33.33", "8.3325"},
		// 2 open of 3 official = 0.666666666667 (12 places) → 66.67;
		// 0.4 × 66.67 = 26.668.
		"open_channels": {"0.666666666667", "66.67", "26.668"},
		// The X account is broadcast-only: true → 0 points.
		"broadcast_only": {"1", "0", "0"},
		// 5 of 5 journalists answered = 1; (1 − 0.25) × 100 / 0.7 > 100 →
		// 100; 0.3 × 100 = 30.
		"media_response_rate": {"1", "100", "30"},
		// 2 staff / 2 open channels = 1; 1 × 100 / 2 = 50; 0.4 × 50 = 20.
		"staff_per_channel": {"1", "50", "20"},
		// 40 / 168 = 0.238095238095…; × 100 / 0.5 = 47.619… → 47.62;
		// 0.3 × 47.62 = 14.286.
		"declared_coverage": {"0.238095238095", "47.62", "14.286"},
		// Waiting days: 10 same-day answers (1 day each) + 10 next-day
		// answers (2 days each) = 30, with a reply on 20 of them: 20/30 =
		// 0.666666666667; × 100 / 0.7 = 95.238… → 95.24; 0.3 × 95.24 =
		// 28.572.
		"observed_presence": {"0.666666666667", "95.24", "28.572"},
	}
	// Dimension scores: Σ contributions, rounded to 2 places.
	//   reply_speed      30 + 13.89 + 13.473 + 9.914 + 20 = 87.277 → 87.28
	//   accuracy         33.33 + 8.3325 = 41.6625 → 41.66
	//   channel_openness 26.668 + 0 + 30 = 56.668 → 56.67, capped at 40
	//                    because broadcast_only scored 0 points
	//   staffing         20 + 14.286 + 28.572 = 62.858 → 62.86
	// Overall: 0.4 × 87.28 + 0.25 × 41.66 + 0.2 × 40 + 0.15 × 62.86
	//        = 34.912 + 10.415 + 8 + 9.429 = 62.756 → 62.76: "slow" (50..70).
	wantDims := map[rubric.DimensionID][2]string{ // score, contribution
		rubric.ReplySpeed:      {"87.28", "34.912"},
		rubric.Accuracy:        {"41.66", "10.415"},
		rubric.ChannelOpenness: {"40", "8"},
		rubric.Staffing:        {"62.86", "9.429"},
	}

	seen := 0
	for _, d := range herald.Dimensions {
		wd, ok := wantDims[d.ID]
		require.True(t, ok, "unexpected dimension %s", d.ID)
		handDec(t, string(d.ID)+" score", d.Score, wd[0])
		handDec(t, string(d.ID)+" contribution", &d.Contribution, wd[1])
		for _, c := range d.Criteria {
			wc, ok := want[c.ID]
			require.True(t, ok, "unexpected criterion %s", c.ID)
			seen++
			assert.Equal(t, score.StatusScored, c.Status, "%s status", c.ID)
			handDec(t, c.ID+" measure", c.Measure.Value, wc.value)
			handDec(t, c.ID+" points", c.Points, wc.points)
			handDec(t, c.ID+" contribution", &c.Contribution, wc.contribution)
		}
		if d.ID == rubric.ChannelOpenness {
			handDec(t, "channel_openness uncapped", d.Uncapped, "56.67")
			assert.Equal(t, "broadcast_only", d.CappedBy)
		} else {
			assert.Nil(t, d.Uncapped, "%s uncapped", d.ID)
		}
	}
	assert.Equal(t, len(want), seen, "criteria checked")
	handDec(t, "herald score", herald.Score, "62.76")
	assert.Equal(t, "slow", herald.Grade)
	// swift 98.48 and unstaffed 87.60 are above, silent 25.80 below.
	assert.Equal(t, 3, herald.Rank)
}

// TestHandCalculationReweighting checks the silent agency of the golden
// fixture, whose accuracy dimension has too few graded replies (3 < 10) and
// so leaves its weight to the other three dimensions.
func TestHandCalculationReweighting(t *testing.T) {
	rep := goldenReport(t)
	var silent *score.AgencyScore
	for i := range rep.Agencies {
		if rep.Agencies[i].AgencyID == "silent" {
			silent = &rep.Agencies[i]
		}
	}
	require.NotNil(t, silent)
	// Weights left: 0.4 + 0.2 + 0.15 = 0.75. Effective weights, 12 places:
	// 0.4 / 0.75 = 0.533333333333, 0.2 / 0.75 = 0.266666666667,
	// 0.15 / 0.75 = 0.2.
	// Reply speed: 3 of 20 answered = 0.15 < 0.2 → 0; nothing within 24 h;
	// median and p90 not reached (S stays at 15/18) → worst, 0; 13 of 16
	// silent → 0. Score 0.
	// Channel openness: 40 (open) + 30 (not broadcast) + 0 (0 of 5
	// journalists answered) = 70.
	// Staffing: 1 staff / 1 channel → 50 × 0.4 = 20; 40 h → 47.62 × 0.3 =
	// 14.286; replies on 3 of 92 waiting days (1 Oct .. 31 Dec) = 0.0326…
	// → × 100 / 0.7 = 4.658… → 4.66 × 0.3 = 1.398; 35.684 → 35.68.
	// Overall: 0.533333333333 × 0 + 0.266666666667 × 70 + 0.2 × 35.68
	//        = 0 + 18.66666666669 + 7.136 = 25.80266666669 → 25.80.
	want := map[rubric.DimensionID][3]string{ // effective weight, score, contribution
		rubric.ReplySpeed:      {"0.533333333333", "0", "0"},
		rubric.ChannelOpenness: {"0.266666666667", "70", "18.66666666669"},
		rubric.Staffing:        {"0.2", "35.68", "7.136"},
	}
	for _, d := range silent.Dimensions {
		if d.ID == rubric.Accuracy {
			assert.Nil(t, d.Score, "accuracy score")
			assert.True(t, d.EffectiveWeight.IsZero(), "accuracy effective weight = %s, want 0", d.EffectiveWeight)
			continue
		}
		w := want[d.ID]
		handDec(t, string(d.ID)+" effective weight", &d.EffectiveWeight, w[0])
		handDec(t, string(d.ID)+" score", d.Score, w[1])
		handDec(t, string(d.ID)+" contribution", &d.Contribution, w[2])
	}
	// The dimensions compose to 25.80; the agency answered 3 of its 20
	// inquiries, below the default's gate of one half, so the gate caps
	// its score at 24 and grades it Silent.
	handDec(t, "silent score before the gate", silent.Uncapped, "25.80")
	handDec(t, "silent score", silent.Score, "24")
	assert.Equal(t, "answers", silent.CappedBy)
	assert.Equal(t, "silent", silent.Grade)
	assert.Equal(t, 4, silent.Rank)
	require.Len(t, silent.Gates, 1)
	assert.True(t, silent.Gates[0].Failed, "the answers gate")
	handDec(t, "the gate's measure", silent.Gates[0].Measure.Value, "0.15")
}
