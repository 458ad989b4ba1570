package twitter_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model/twitter"
)

// threadHeader is the header of a thread file, and threadStart and
// threadEnd a thread before and after the bad row.
const (
	threadHeader = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n"
	threadStart  = "1,9001,True,Mon Oct 02 10:00:00 +0000 2017,@AcmeHelp late,2,\n" +
		"2,AcmeHelp,False,Mon Oct 02 10:30:00 +0000 2017,@9001 sorry,,1\n"
	threadEnd = "4,9003,True,Mon Oct 02 12:00:00 +0000 2017,@AcmeHelp hello,,\n"
)

func TestReadRejectsHostileRows(t *testing.T) {
	long := strings.Repeat("x", 64<<10+1)
	tests := []struct {
		name string
		row  string // on line 4
		want string
	}{
		{"created at year 1", "3,9002,True,Mon Jan 01 00:00:00 +0000 0001,@AcmeHelp hi,,\n",
			`<input>:4: field "created_at": out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "0001-01-01T00:00:00Z"`},
		{"created before 1970 by its offset", "3,9002,True,Thu Jan 01 01:00:00 +0200 1970,@AcmeHelp hi,,\n",
			`<input>:4: field "created_at": out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "1970-01-01T01:00:00+02:00"`},
		{"created in 2200", "3,9002,True,Wed Jan 01 00:00:00 +0000 2200,@AcmeHelp hi,,\n",
			`<input>:4: field "created_at": out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "2200-01-01T00:00:00Z"`},
		{"right-to-left override in author_id", "3,Acme\u202eHelp,False,Mon Oct 02 10:45:00 +0000 2017,@9001 more,,1\n",
			`<input>:4: field "author_id": control or bidirectional formatting character: U+202E at byte 4 of "Acme\u202eHelp"`},
		{"TAB in author_id", "3,\"9002\t\",True,Mon Oct 02 10:45:00 +0000 2017,@AcmeHelp hi,,\n",
			`<input>:4: field "author_id": control or bidirectional formatting character: U+0009 at byte 4 of "9002\t"`},
		{"a text of 64 KiB and a byte", "3,9002,True,Mon Oct 02 10:45:00 +0000 2017,@AcmeHelp " + long[10:] + ",,\n",
			`<input>:4: field "text": too large: 65537 bytes, more than MaxFieldBytes (65536)`},
		{"a row of 257 fields", "3,9002,True,Mon Oct 02 10:45:00 +0000 2017,@AcmeHelp hi,," + strings.Repeat(",", 250) + "\n",
			`<input>:4: too large: 257 fields, more than MaxFields (256)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := threadHeader + threadStart + tt.row + threadEnd
			_, res, err := twitter.Read(strings.NewReader(in), twitter.Options{})
			checkAccounting(t, res)
			assert.EqualError(t, err, tt.want, "Read, strict")

			_, res, err = twitter.Read(strings.NewReader(in), twitter.Options{Lenient: true})
			require.NoError(t, err, "Read, lenient")
			checkAccounting(t, res)
			assert.Equal(t, 4, res.Read, "Read, lenient: rows read")
			assert.Equal(t, 3, res.Accepted, "Read, lenient: rows accepted")
			if assert.Len(t, res.Rejected, 1, "Read, lenient: rows rejected") {
				assert.EqualError(t, res.Rejected[0], tt.want, "Read, lenient")
			}
		})
	}
}

func TestReadHeaderLimits(t *testing.T) {
	in := "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id" + strings.Repeat(",x", 250) + "\n"
	_, res, err := twitter.Read(strings.NewReader(in), twitter.Options{Lenient: true})
	assert.EqualError(t, err, `<input>:1: too large: 257 fields, more than MaxFields (256)`)
	assert.Equal(t, 0, res.Read)
}

func TestReadStopsAtAnEndlessRecord(t *testing.T) {
	// A tweet whose quoted text never ends: with MaxFields 7 and
	// MaxFieldBytes 30, no record within the limits takes more than 7 ×
	// (2 × 30 + 3) + 1 = 442 bytes, so the read stops once it has read
	// that much past the last record (and the buffer's read-ahead), in
	// lenient mode too, counting the record as read and rejected, rather
	// than read the rest of the input into memory.
	in := threadHeader + threadStart + `3,9002,True,Mon Oct 02 11:00:00 +0000 2017,"` + strings.Repeat("x\n", 400_000)
	for _, lenient := range []bool{false, true} {
		_, res, err := twitter.Read(strings.NewReader(in), twitter.Options{Lenient: lenient, MaxFields: 7, MaxFieldBytes: 30})
		require.Error(t, err)
		assert.Equal(t, `<input>:4: too large: a record of more than 442 bytes cannot be within MaxFields (7) and MaxFieldBytes (30); reading stops`, err.Error())
		assert.Equal(t, 3, res.Read, "lenient %v: the two rows before and the endless one", lenient)
		assert.Equal(t, res.Read, res.Accepted+len(res.Rejected))
	}
}

func TestReadManyBadRowsAreNotOneEndlessRecord(t *testing.T) {
	// Far more bad rows in a row than a record may take bytes, each
	// rejected on its own: the bound on a record's size restarts after
	// each of them.
	bad := strings.Repeat("3,9002,True,Mon Oct 02 11:00:00 +0000 2017,a\"b,,\n", 20_000)
	_, res, err := twitter.Read(strings.NewReader(threadHeader+threadStart+bad+threadEnd), twitter.Options{Lenient: true, MaxFields: 7, MaxFieldBytes: 30})
	require.NoError(t, err)
	assert.Equal(t, 20_003, res.Read)
	assert.Len(t, res.Rejected, 20_000)
}
