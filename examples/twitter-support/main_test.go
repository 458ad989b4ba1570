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

func TestRunBuiltInFixture(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run(nil, &out))
	assert.Contains(t, out.String(), "not reached", "the slow company's median is censored")

	path := filepath.Join("testdata", "output.golden")
	if *update {
		require.NoError(t, os.WriteFile(path, out.Bytes(), 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./examples/twitter-support -update to create it")
	assert.Equal(t, string(want), out.String(), "run's output differs from %s; run with -update if the change is intended", path)
}

func TestRunBrokenThreads(t *testing.T) {
	var out bytes.Buffer
	require.NoError(t, run([]string{"../../model/twitter/testdata/broken.csv"}, &out))
	assert.Contains(t, out.String(), "cannot determine")
	assert.NotContains(t, out.String(), "median first reply", "no figures for a broken file")
}

func TestRunSharedRandomSample(t *testing.T) {
	path := "../../../shared/data/twcs_random5000_divya-gh.csv"
	if _, err := os.Stat(path); err != nil {
		t.Skip("shared data absent")
	}
	var out bytes.Buffer
	require.NoError(t, run([]string{path}, &out))
	assert.Contains(t, out.String(), "cannot determine")
}

func TestRunArgs(t *testing.T) {
	var out bytes.Buffer
	assert.Error(t, run([]string{"a", "b"}, &out))
	assert.Error(t, run([]string{"testdata/no-such-file.csv"}, &out))
}
