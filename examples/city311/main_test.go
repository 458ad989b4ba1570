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
