package twitter_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/twitter"
)

func readFile(t *testing.T, path string, opts twitter.Options) (model.Dataset, twitter.Result, error) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	if opts.File == "" {
		opts.File = filepath.Base(path)
	}
	return twitter.Read(f, opts)
}

// checkAccounting asserts the invariants every Result keeps.
func checkAccounting(t *testing.T, res twitter.Result) {
	t.Helper()
	assert.Equal(t, res.Read, res.Accepted+len(res.Rejected), "Read != Accepted + Rejected")
	assert.Equal(t, res.Accepted, res.Inquiries+res.FirstReplies+res.Other, "Accepted != Inquiries + FirstReplies + Other")
	for _, pe := range res.Rejected {
		assert.NotZero(t, pe.Line, "rejected row without a line: %v", pe)
		assert.NotNil(t, pe.Err, "rejected row without a reason")
	}
}

func at(s string) time.Time {
	t, err := time.Parse("2006-01-02 15:04", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestReadThreads(t *testing.T) {
	ds, res, err := readFile(t, "testdata/threads.csv", twitter.Options{Lenient: true})
	require.NoError(t, err)
	checkAccounting(t, res)
	require.NoError(t, ds.Validate())

	assert.Equal(t, 13, res.Read)
	assert.Equal(t, 5, res.Inquiries)
	assert.Equal(t, 3, res.FirstReplies)
	assert.Equal(t, 4, res.Other, "later turns, a second reply, another company's reply")
	assert.Equal(t, 1, res.ByReply)
	assert.Equal(t, at("2017-10-04 15:20"), res.Latest)
	assert.Equal(t, twitter.Determinable, res.Verdict)
	assert.Empty(t, res.Undeterminable())

	require.Len(t, res.Rejected, 1)
	assert.Equal(t, 10, res.Rejected[0].Line)
	assert.Equal(t, "text", res.Rejected[0].Field)
	assert.ErrorIs(t, res.Rejected[0], twitter.ErrNoCompany)

	assert.Equal(t, []twitter.Company{
		{ID: "AcmeHelp", Inquiries: 2, Answered: 1, Listed: 1, Determinable: true},
		{ID: "BoltCare", Inquiries: 3, Answered: 2, Listed: 3, Determinable: true},
	}, res.Companies)
	assert.Equal(t, []model.Agency{
		{ID: "AcmeHelp", Name: "AcmeHelp", Implied: true},
		{ID: "BoltCare", Name: "BoltCare", Implied: true},
	}, ds.Agencies)
	require.Len(t, ds.Channels, 2)
	assert.Equal(t, model.Channel{ID: "AcmeHelp/x", AgencyID: "AcmeHelp", Kind: model.ChannelX, Handle: "@AcmeHelp", Implied: true}, ds.Channels[0])

	want := []model.Inquiry{
		{ID: "100", AgencyID: "AcmeHelp", ReceivedAt: at("2017-10-02 10:00"), FirstReplyAt: at("2017-10-02 10:30")}, // answered; 103 answers a later turn
		{ID: "110", AgencyID: "AcmeHelp", ReceivedAt: at("2017-10-02 12:00")},                                       // unanswered, "@acmehelp"
		{ID: "120", AgencyID: "BoltCare", ReceivedAt: at("2017-10-03 08:00"), FirstReplyAt: at("2017-10-03 09:00")}, // first handle is not a company; earliest of two replies
		{ID: "140", AgencyID: "BoltCare", ReceivedAt: at("2017-10-04 09:00")},                                       // answered by another company only; CRs in text
		{ID: "150", AgencyID: "BoltCare", ReceivedAt: at("2017-10-04 15:00"), FirstReplyAt: at("2017-10-04 15:20")}, // no company named: attributed by its reply
	}
	require.Len(t, ds.Inquiries, len(want))
	for i, w := range want {
		w.ChannelID = w.AgencyID + "/x"
		w.Requester = model.RequesterPublic
		got := ds.Inquiries[i]
		assert.Equal(t, w.ID, got.ID)
		assert.Equal(t, w.AgencyID, got.AgencyID, "inquiry %s", w.ID)
		assert.Equal(t, w.ChannelID, got.ChannelID, "inquiry %s", w.ID)
		assert.Equal(t, w.Requester, got.Requester, "inquiry %s", w.ID)
		assert.True(t, w.ReceivedAt.Equal(got.ReceivedAt), "inquiry %s: ReceivedAt = %v, want %v", w.ID, got.ReceivedAt, w.ReceivedAt)
		assert.True(t, w.FirstReplyAt.Equal(got.FirstReplyAt), "inquiry %s: FirstReplyAt = %v, want %v", w.ID, got.FirstReplyAt, w.FirstReplyAt)
	}
}

func TestReadThreadsStrictStopsAtUnattributed(t *testing.T) {
	ds, res, err := readFile(t, "testdata/threads.csv", twitter.Options{})
	var pe *model.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 10, pe.Line)
	assert.ErrorIs(t, err, twitter.ErrNoCompany)
	assert.Empty(t, ds.Inquiries)
	checkAccounting(t, res)
	assert.Equal(t, 13, res.Read)
}

func TestReadCarriageReturnInText(t *testing.T) {
	in := "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n" +
		"1,42,True,Tue Oct 31 22:10:47 +0000 2017,@Co \r\rline two\r,,\n" +
		"2,Co,False,Tue Oct 31 22:20:47 +0000 2017,@42 ok,,1.0\n"
	ds, res, err := twitter.Read(strings.NewReader(in), twitter.Options{})
	require.NoError(t, err)
	checkAccounting(t, res)
	assert.Equal(t, 2, res.Read)
	require.Len(t, ds.Inquiries, 1)
	assert.Equal(t, 10*time.Minute, ds.Inquiries[0].FirstReplyAt.Sub(ds.Inquiries[0].ReceivedAt))
}

func TestReadExcelDamage(t *testing.T) {
	ds, res, err := readFile(t, "testdata/excel.csv", twitter.Options{Lenient: true})
	require.NoError(t, err)
	checkAccounting(t, res)
	require.NoError(t, ds.Validate())
	assert.Equal(t, 12, res.Read)
	assert.Equal(t, 2, res.Inquiries)
	assert.Equal(t, 1, res.FirstReplies)
	assert.Equal(t, 2, res.Other)

	tests := []struct {
		line  int
		field string
		err   error
	}{
		{5, "tweet_id", twitter.ErrSpreadsheetID},
		{6, "response_tweet_id", twitter.ErrSpreadsheetID},
		{8, "created_at", model.ErrBadTime},
		{9, "inbound", model.ErrUnknownValue},
		{10, "text", model.ErrEncoding},
		{11, "in_response_to_tweet_id", model.ErrUnknownValue},
		{13, "tweet_id", model.ErrDuplicateID},
	}
	require.Len(t, res.Rejected, len(tests))
	for i, tc := range tests {
		got := res.Rejected[i]
		assert.Equal(t, "excel.csv", got.File)
		assert.Equal(t, tc.line, got.Line, "rejection %d: %v", i, got)
		assert.Equal(t, tc.field, got.Field, "rejection %d: %v", i, got)
		assert.ErrorIs(t, got, tc.err, "rejection %d", i)
	}
}

func TestReadBrokenThreadsCannotDetermine(t *testing.T) {
	_, res, err := readFile(t, "testdata/broken.csv", twitter.Options{Lenient: true})
	require.NoError(t, err)
	checkAccounting(t, res)
	assert.Equal(t, twitter.CannotDetermine, res.Verdict)
	assert.Equal(t, 4, res.Listed)
	assert.Equal(t, 3, res.Missing)
	assert.Equal(t, []string{"AcmeHelp", "BoltCare"}, res.Undeterminable())
}

func TestParseIDs(t *testing.T) {
	row := func(id, responses, inResponse string) string {
		return "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n" +
			"9,Co,False,Tue Oct 31 22:10:47 +0000 2017,hi,,\n" +
			id + ",42,false,Tue Oct 31 22:10:47 +0000 2017,@Co hi,\"" + responses + "\"," + inResponse + "\n"
	}
	tests := []struct {
		name                      string
		id, responses, inResponse string
		field                     string // "" when the row is accepted
		err                       error
	}{
		{"plain", "3", "4,5", "", "", nil},
		{"float ids", "3.0", "4.0,5", "2.00", "", nil},
		{"list of three", "12", "11,13,14", "", "", nil},
		{"scientific", "1.23E+17", "", "", "tweet_id", twitter.ErrSpreadsheetID},
		{"scientific lower", "3", "", "1.2e5", "in_response_to_tweet_id", twitter.ErrSpreadsheetID},
		{"indian grouping", "3", "1,55,157", "", "response_tweet_id", twitter.ErrSpreadsheetID},
		{"indian grouping long", "3", "19,51,96,197", "", "response_tweet_id", twitter.ErrSpreadsheetID},
		{"fraction", "3.5", "", "", "tweet_id", model.ErrUnknownValue},
		{"negative", "-3", "", "", "tweet_id", model.ErrUnknownValue},
		{"word", "3", "x", "", "response_tweet_id", model.ErrUnknownValue},
		{"empty in list", "3", "4,,5", "", "response_tweet_id", model.ErrMissing},
		{"too large", "99999999999999999999", "", "", "tweet_id", model.ErrOutOfRange},
		{"missing id", "", "", "", "tweet_id", model.ErrMissing},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, res, err := twitter.Read(strings.NewReader(row(tc.id, tc.responses, tc.inResponse)), twitter.Options{Lenient: true})
			require.NoError(t, err)
			checkAccounting(t, res)
			if tc.field == "" {
				assert.Empty(t, res.Rejected, "Read(%s)", tc.name)
				return
			}
			require.Len(t, res.Rejected, 1, "Read(%s)", tc.name)
			assert.Equal(t, tc.field, res.Rejected[0].Field)
			assert.ErrorIs(t, res.Rejected[0], tc.err)
		})
	}
}

func TestReadHeader(t *testing.T) {
	tests := []struct {
		name, header string
		err          error
	}{
		{"empty input", "", model.ErrMissing},
		{"missing column", "tweet_id,author_id,inbound,created_at,text,response_tweet_id", model.ErrMissing},
		{"unknown column", "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id,lang", model.ErrUnknownValue},
		{"repeated column", "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id,text", model.ErrDuplicateID},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, res, err := twitter.Read(strings.NewReader(tc.header+"\n"), twitter.Options{Lenient: true})
			assert.ErrorIs(t, err, tc.err, "Read(%q)", tc.header)
			assert.Zero(t, res.Read)
		})
	}
}

func TestReadMaxRejects(t *testing.T) {
	_, res, err := readFile(t, "testdata/excel.csv", twitter.Options{Lenient: true, MaxRejects: 2})
	assert.ErrorIs(t, err, model.ErrTooManyRejects)
	checkAccounting(t, res)
	assert.Len(t, res.Rejected, 3)
}

func TestReadCSVSyntaxErrorIsRejected(t *testing.T) {
	in := "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n" +
		"1,Co,False,Tue Oct 31 22:10:47 +0000 2017,hi \"there\",,\n" +
		"2,42,True,Tue Oct 31 22:10:47 +0000 2017,@co hi,,\n"
	ds, res, err := twitter.Read(strings.NewReader(in), twitter.Options{Lenient: true})
	require.NoError(t, err)
	checkAccounting(t, res)
	require.Len(t, res.Rejected, 2, "the bad quote, then the inquiry whose company's only tweet was rejected")
	assert.Equal(t, 2, res.Rejected[0].Line)
	assert.Empty(t, ds.Inquiries)
	var pe *model.ParseError
	assert.True(t, errors.As(error(res.Rejected[1]), &pe))
}
