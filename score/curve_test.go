package score_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// TestCurves checks the reply curves of the golden fixture against the
// Kaplan-Meier estimate done by hand, and that they are left out unless
// Options.Curves is set.
func TestCurves(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: goldenAsOf, Curves: true})
	require.NoError(t, err)
	rep, err := sc.Score(goldenDataset())
	require.NoError(t, err)
	// swift: five replies each at 0.5, 1, 2 and 3 h, none censored:
	// S = 15/20, 10/20, 5/20, 0. herald: ten at 6 h, ten at 30 h: 0.5, 0.
	// silent: 3 of 20 answered after 480 h; at 480 h 18 are at risk (the
	// two received on 12 and 16 December are younger and censored
	// earlier): S = 15/18 = 0.833333333333. The oldest unanswered
	// inquiry, received 1 October 08:00, is 2200 h old at AsOf.
	want := map[string]struct {
		steps    [][2]string
		maxHours string
		censored int
	}{
		"swift":   {[][2]string{{"0.5", "0.75"}, {"1", "0.5"}, {"2", "0.25"}, {"3", "0"}}, "3", 0},
		"herald":  {[][2]string{{"6", "0.5"}, {"30", "0"}}, "30", 0},
		"silent":  {[][2]string{{"480", "0.833333333333"}}, "2200", 17},
		"dormant": {nil, "0", 0},
	}
	for _, a := range rep.Agencies {
		w, ok := want[a.AgencyID]
		if !ok {
			continue
		}
		require.NotNil(t, a.Curve, "%s curve", a.AgencyID)
		assert.Equal(t, w.censored, a.Curve.Censored, "%s censored", a.AgencyID)
		handDec(t, a.AgencyID+" max hours", &a.Curve.MaxHours, w.maxHours)
		require.Len(t, a.Curve.Steps, len(w.steps), "%s steps", a.AgencyID)
		for i, s := range w.steps {
			handDec(t, a.AgencyID+" step hours", &a.Curve.Steps[i].Hours, s[0])
			handDec(t, a.AgencyID+" step survival", &a.Curve.Steps[i].Survival, s[1])
		}
	}

	plain := goldenReport(t)
	for _, a := range plain.Agencies {
		assert.Nil(t, a.Curve, "%s curve without Options.Curves", a.AgencyID)
	}
}
