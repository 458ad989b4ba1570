package open311_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/open311"
)

func TestDuplicateRequestRejected(t *testing.T) {
	req := `{"service_request_id":"1","status":"open","agency_responsible":"Streets","requested_datetime":"2014-01-01T10:00:00-06:00"}`
	ds, acct, err := open311.Read(strings.NewReader("[\n"+req+",\n"+req+"\n]"), model.ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, 2, acct.Read)
	assert.Equal(t, 1, acct.Accepted)
	require.Len(t, acct.Rejected, 1)
	assert.True(t, errors.Is(acct.Rejected[0], model.ErrDuplicateID), "rejected: %v", acct.Rejected[0])
	assert.Equal(t, 3, acct.Rejected[0].Line)
	assert.NoError(t, ds.Validate())
}
