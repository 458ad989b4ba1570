package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample is a file in the layout of ../shared/bench/gen.py: two agencies,
// one answering everything within the hour, one answering nothing; row 7
// has a reply before its receipt (kept unanswered, with a warning), and row
// 8 a requester the standard does not know (rejected).
const sample = `id,agency_id,channel,requester,received_at,first_reply_at,accuracy
1,fast,x,public,2025-12-01T09:00:00+03:00,2025-12-01T09:20:00+03:00,accurate
2,fast,x,media,2025-12-02T09:00:00+03:00,2025-12-02T09:40:00+03:00,accurate
3,fast,email,public,2025-12-03T09:00:00+03:00,2025-12-03T09:30:00+03:00,partial
4,slow,x,public,2025-11-01T09:00:00+03:00,,
5,slow,x,media,2025-11-02T09:00:00+03:00,,
6,slow,email,public,2025-11-03T09:00:00+03:00,,
7,slow,x,public,2025-11-04T09:00:00+03:00,2025-11-03T09:00:00+03:00,
8,slow,x,press,2025-11-05T09:00:00+03:00,,
`

func writeSample(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "inquiries.csv")
	require.NoError(t, os.WriteFile(path, []byte(sample), 0o644))
	return path
}

func TestRun(t *testing.T) {
	path := writeSample(t)
	var out, errOut bytes.Buffer
	err := run([]string{"-asof", "2026-01-01T00:00:00+03:00", "-lenient", "-min-sample", "2", "-explain", "slow", path}, &out, &errOut)
	require.NoError(t, err, "stderr: %s", errOut.String())
	assert.Contains(t, errOut.String(), "8 rows read, 7 accepted, 1 rejected")
	assert.Contains(t, errOut.String(), "inquiries.csv:9:", "the rejected row's line")
	assert.Contains(t, errOut.String(), "inquiries.csv:8: field \"first_reply_at\"", "the warned row's line")
	lines := strings.Split(out.String(), "\n")
	require.Greater(t, len(lines), 3)
	assert.True(t, strings.HasPrefix(lines[1], "1 "), "first row %q, want rank 1", lines[1])
	assert.Contains(t, lines[1], "fast")
	assert.Contains(t, lines[2], "slow")
	assert.Contains(t, out.String(), "not reached", "the explanation of slow")
}

func TestRunStrictStopsAtBadRow(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run([]string{"-asof", "2026-01-01T00:00:00+03:00", writeSample(t)}, &out, &errOut)
	require.Error(t, err)
	assert.Contains(t, err.Error(), ":9:")
	assert.Empty(t, out.String())
}

func TestRunNeedsAsOf(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run([]string{writeSample(t)}, &out, &errOut)
	assert.Error(t, err)
}

func TestRunJSON(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run([]string{"-asof", "2026-01-01T00:00:00+03:00", "-lenient", "-format", "json", writeSample(t)}, &out, &errOut)
	require.NoError(t, err)
	assert.Contains(t, out.String(), `"schema": "govscore.report/v1"`)
}
