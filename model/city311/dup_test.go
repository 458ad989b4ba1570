package city311_test

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/city311"
)

// A case ID read twice: the second row is rejected, and the first row's
// on-time flag is kept.
func TestDuplicateCaseRejected(t *testing.T) {
	data, err := os.ReadFile("testdata/boston2022.csv")
	require.NoError(t, err)
	lines := strings.SplitAfter(string(data), "\n")
	require.Greater(t, len(lines), 3)
	// Header, the first data row, then the same row again.
	in := lines[0] + lines[1] + lines[1]
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	ds311, r311, err := city311.Read(strings.NewReader(in), city311.Options{ReadOptions: model.ReadOptions{Lenient: true, Location: ny}})
	acct := r311.Accounting
	require.NoError(t, err)
	assert.Equal(t, 2, acct.Read)
	assert.Equal(t, 1, acct.Accepted)
	require.Len(t, acct.Rejected, 1)
	assert.True(t, errors.Is(acct.Rejected[0], model.ErrDuplicateID), "rejected: %v", acct.Rejected[0])
	assert.Equal(t, 3, acct.Rejected[0].Line)
	assert.NoError(t, ds311.Validate())
}
