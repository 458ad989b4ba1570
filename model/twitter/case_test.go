package twitter_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model/twitter"
)

// A company written in two cases is one company, whatever the row order:
// here the inquiry names no handle and is attributed through its reply,
// written "applesupport" after the company first appeared as "AppleSupport".
func TestCompanyCaseIsOneAgency(t *testing.T) {
	const in = `tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
3,AppleSupport,False,Tue Oct 31 22:00:00 +0000 2017,@someone we are here,,
1,u1,True,Tue Oct 31 22:10:47 +0000 2017,hello @115714,2,
2,applesupport,False,Tue Oct 31 22:15:00 +0000 2017,@u1 how can we help,,1
`
	ds, res, err := twitter.Read(strings.NewReader(in), twitter.Options{Lenient: true})
	require.NoError(t, err)
	require.Len(t, ds.Agencies, 1, "agencies: %v", ds.Agencies)
	assert.Equal(t, "AppleSupport", ds.Agencies[0].ID)
	require.Len(t, ds.Inquiries, 1)
	assert.Equal(t, "AppleSupport", ds.Inquiries[0].AgencyID)
	assert.False(t, ds.Inquiries[0].FirstReplyAt.IsZero(), "the reply is matched")
	assert.Equal(t, 3, res.Read)
	assert.NoError(t, ds.Validate())
}
