package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

var update = flag.Bool("update", false, "rewrite golden files")

var (
	responsive = []string{"ministry-of-finance", "nazaha", "ministry-of-industry", "zakat-authority", "ministry-of-housing"}
	silent     = []string{"two-holy-mosques", "ministry-of-human-resources", "sama"}
)

// report scores the example's records as run does.
func report(t *testing.T) *score.Report {
	t.Helper()
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
	require.NoError(t, err)
	rep, err := sc.Score(dataset())
	require.NoError(t, err)
	return rep
}

func TestResponsiveRankAboveSilent(t *testing.T) {
	rep := report(t)
	byID := make(map[string]score.AgencyScore, len(rep.Agencies))
	for _, a := range rep.Agencies {
		byID[a.AgencyID] = a
	}
	for _, id := range append(append([]string{}, responsive...), silent...) {
		a, ok := byID[id]
		require.True(t, ok, "agency %s not in the report", id)
		require.NotNil(t, a.Score, "agency %s not scored", id)
		require.Positive(t, a.Rank, "agency %s has no rank", id)
	}
	for _, r := range responsive {
		for _, s := range silent {
			assert.Less(t, byID[r].Rank, byID[s].Rank, "%s (score %s) ranks %d, not above %s (score %s) at %d",
				r, byID[r].Score, byID[r].Rank, s, byID[s].Score, byID[s].Rank)
		}
	}
	for _, s := range silent {
		assert.Contains(t, []string{"unresponsive", "silent"}, byID[s].Grade, "grade of %s (score %s)", s, byID[s].Score)
	}
}

func TestRunExplainsLowest(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))

	rep := report(t)
	lowest := rep.Agencies[len(rep.Agencies)-1]
	var why bytes.Buffer
	require.NoError(t, rep.Explain(&why, lowest.AgencyID))
	assert.Contains(t, out.String(), why.String(), "run's output does not explain the lowest-ranked agency, %s", lowest.AgencyID)

	path := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/quickstart -update to create it")
	assert.Equal(t, string(want), out.String(), "run's output differs from %s; run with -update if the change is intended", path)
}
