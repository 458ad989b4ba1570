package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

var update = flag.Bool("update", false, "rewrite golden files")

// TestRun runs the example and checks its main lines, then its whole output
// against testdata/output.golden.
func TestRun(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out))
	got := out.String()

	// The file printed is the draft, and reads back as it.
	yaml := between(t, got, "== The draft standard", "== Ranking")
	_, yaml, _ = strings.Cut(yaml, "\n\n")
	back, err := rubric.Parse([]byte(yaml))
	require.NoError(t, err, "the printed standard does not parse")
	want, err := draft().Hash()
	require.NoError(t, err)
	gotHash, err := back.Hash()
	require.NoError(t, err)
	assert.Equal(t, want, gotHash, "the printed standard is not the draft")

	// The ranking is the draft's, and the sensitivity table follows it.
	sc, err := score.New(draft(), score.Options{AsOf: asOf})
	require.NoError(t, err)
	rep, err := sc.Score(dataset())
	require.NoError(t, err)
	var table bytes.Buffer
	require.NoError(t, rep.WriteText(&table))
	assert.Contains(t, got, "== Ranking under regulator-draft 2026.2-draft ("+rep.Rubric.Hash+")")
	assert.Contains(t, got, table.String(), "the ranking table is not the report's")
	for _, line := range []string{
		"1000 runs, seed 2026: weights x U[0.8, 1.2], renormalised; overall aggregation from arithmetic, geometric; goalposts moved by up to 10% of their span",
		"Rank  Agency                                     Score  Median rank  Rank 5%-95%  Exemplary  Responsive",
		`changed dimension "reply_speed": weight: 0.4 -> 0.35`,
		`changed dimension "accuracy": weight: 0.25 -> 0.3`,
		`changed dimension "reply_speed": criterion "within_24h": scale: best: 0.9 -> 0.8`,
		"Comparable with reports under the default: not_comparable",
	} {
		assert.Contains(t, got, line)
	}
	sens := between(t, got, "== Sensitivity of the ranking", "How often")
	for _, a := range rep.Agencies {
		assert.Contains(t, sens, a.DisplayName("en"), "the sensitivity table leaves out %s", a.AgencyID)
	}

	path := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
		return
	}
	golden, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/regulator -update to create it")
	assert.Equal(t, string(golden), got, "run's output differs from %s; run with -update if the change is intended", path)
}

// between returns the part of s from the line starting with from up to the
// line starting with to.
func between(t *testing.T, s, from, to string) string {
	t.Helper()
	i := strings.Index(s, from)
	require.GreaterOrEqual(t, i, 0, "output has no %q", from)
	j := strings.Index(s[i:], to)
	require.GreaterOrEqual(t, j, 0, "output has no %q after %q", to, from)
	return s[i : i+j]
}
