package main

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite golden files")

func TestRunOnFixture(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{filepath.Join("..", "..", fixture)}, options{}))
	assert.Contains(t, out.String(), "Agreement with the city's on-time flag on closed cases")
	assert.Contains(t, out.String(), "target missing", "the fixture's untargeted ONTIME case is explained")

	path := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/city311 -update to create it")
	assert.Equal(t, string(want), out.String(), "run's output differs from %s; run with -update if the change is intended", path)
}

// TestQuarters scores by quarter three ways: on the fixture it runs; on
// the ten Boston 2015 files, when they are there, it gives the figures
// the README quotes.
func TestQuarters(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(&out, []string{filepath.Join("..", "..", fixture)}, options{quarters: true}))
	assert.Contains(t, out.String(), "department quarter   by hand  30 days  47 days")
	assert.Contains(t, out.String(), "The trend with 47 days of follow-up for every quarter:")

	var files []string
	for _, f := range bostonFiles {
		p := filepath.Join("..", "..", "..", "shared", "data", f)
		if _, err := os.Stat(p); err != nil {
			t.Skipf("the Boston 2015 files are not here: %v", err)
		}
		files = append(files, p)
	}
	out.Reset()
	require.NoError(t, run(&out, files, options{quarters: true}))
	for _, line := range []string{
		"department quarter   by hand  30 days  11 days",
		"PROP       2015Q2       51.7     56.7     60.0",
		"PWDx       2015Q3       57.3     57.3     57.9",
		"PWDx       2015Q4*      36.0     36.0     36.5",
	} {
		assert.Contains(t, out.String(), line+"\n")
	}
}
