package xapi_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/xapi"
)

// The accounts of the fixtures: the Ministry of Health by handle and ID,
// the Ministry of Finance by ID alone, and a news account by handle alone,
// whose ID the tweets give.
var accounts = []xapi.Account{
	{AgencyID: "moh", Handle: "MOH_Saudi", UserID: "100"},
	{AgencyID: "mof", UserID: "200"},
	{AgencyID: "gcc", Handle: "gov_news"},
}

var users = map[string]string{"100": "MOH_Saudi", "200": "MOF_KSA", "300": "gov_news",
	"1001": "citizen_one", "1002": "citizen_two", "1003": "citizen_three", "1004": "citizen_four",
	"1005": "reporter_five", "1006": "citizen_six", "1007": "citizen_seven"}

var t0 = time.Date(2025, 11, 2, 9, 0, 0, 0, time.UTC)

// tw is a tweet of the fixtures, in the API's fields. Texts are ours.
type tw struct {
	id, author, conv, toUser, replied, quoted, retweeted string
	minutes                                              int
	mentions                                             []string // user IDs
	text                                                 string
}

// conversations are the hand-written cases, each tweet's role in a
// comment.
var conversations = []tw{
	// 1. A question mentioning the ministry, answered two hours later.
	{id: "1", author: "1001", conv: "1", minutes: 0, mentions: []string{"100"}, text: "@MOH_Saudi متى تفتح عيادة الحي يوم الجمعة؟"},             // inquiry
	{id: "2", author: "100", conv: "1", toUser: "1001", replied: "1", minutes: 120, text: "@citizen_one تفتح من الرابعة عصرًا. نتمنى لك الصحة"}, // first reply, by replied_to
	// 2. A question, the asker's own follow-up, and the ministry's reply to
	// the follow-up: it answers the question.
	{id: "3", author: "1002", conv: "3", minutes: 10, mentions: []string{"100"}, text: "@MOH_Saudi How do I renew my health card?"}, // inquiry
	{id: "4", author: "1002", conv: "3", toUser: "1002", replied: "3", minutes: 11, text: "It expired last month."},                 // other: the asker's thread
	{id: "5", author: "100", conv: "3", toUser: "1002", replied: "4", minutes: 300, text: "@citizen_two Through the Sehhaty app."},  // first reply, by replied_to (the thread)
	// 3. A new question in reply to the ministry's answer: an inquiry,
	// unanswered.
	{id: "6", author: "1003", conv: "1", toUser: "100", replied: "2", minutes: 130, text: "@MOH_Saudi وماذا عن يوم السبت؟"}, // inquiry
	// 4. The ministry's post, a retweet and a quote of it: not inquiries.
	{id: "7", author: "100", conv: "7", minutes: 20, text: "حملة التطعيم تبدأ الأحد"},                                                 // other: a post
	{id: "8", author: "1004", conv: "8", retweeted: "7", minutes: 21, mentions: []string{"100"}, text: "RT @MOH_Saudi: حملة التطعيم"}, // other: a retweet
	{id: "9", author: "1005", conv: "9", quoted: "7", minutes: 22, mentions: []string{"100"}, text: "@MOH_Saudi where exactly?"},      // other: a quote
	// 5. A question to the Ministry of Finance whose answer replies to a
	// tweet that was not collected: found in the conversation.
	{id: "10", author: "1006", conv: "10", minutes: 30, mentions: []string{"200"}, text: "@MOF_KSA استفسار عن ضريبة القيمة المضافة"},       // inquiry
	{id: "11", author: "200", conv: "10", toUser: "1006", replied: "99", minutes: 600, text: "@citizen_six تواصل معنا عبر الرسائل الخاصة"}, // first reply, by conversation
	// 6. The ministry's thread: a reply to itself is no answer.
	{id: "12", author: "100", conv: "12", minutes: 40, text: "Thread: new opening hours 1/2"},                 // other
	{id: "13", author: "100", conv: "12", toUser: "100", replied: "12", minutes: 41, text: "2/2 from Sunday"}, // other: a thread
	// 7. A news account that posts and never replies: broadcast-only.
	{id: "14", author: "300", conv: "14", minutes: 50, text: "أخبار اليوم"}, // other
	{id: "15", author: "300", conv: "15", minutes: 51, text: "أخبار الغد"},  // other
	// 8. A reply to a tweet of the Ministry of Finance that was not
	// collected: a question, and evidence of what is missing.
	{id: "16", author: "1007", conv: "98", toUser: "200", replied: "98", minutes: 60, text: "@MOF_KSA لم يصلني الرد"}, // inquiry
}

// object returns a tweet as the API writes it; flat expands the author as
// twarc2 flatten does.
func (t tw) object(flat bool) map[string]any {
	o := map[string]any{"id": t.id, "author_id": t.author, "conversation_id": t.conv, "text": t.text,
		"created_at": t0.Add(time.Duration(t.minutes) * time.Minute).Format("2006-01-02T15:04:05.000Z")}
	if t.toUser != "" {
		o["in_reply_to_user_id"] = t.toUser
	}
	var refs []map[string]string
	for typ, id := range map[string]string{"replied_to": t.replied, "quoted": t.quoted, "retweeted": t.retweeted} {
		if id != "" {
			refs = append(refs, map[string]string{"type": typ, "id": id})
		}
	}
	if refs != nil {
		o["referenced_tweets"] = refs
	}
	if len(t.mentions) > 0 {
		var ms []map[string]any
		for _, id := range t.mentions {
			ms = append(ms, map[string]any{"start": 0, "end": 1 + len(users[id]), "username": users[id], "id": id})
		}
		o["entities"] = map[string]any{"mentions": ms}
	}
	if flat {
		o["author"] = map[string]any{"id": t.author, "username": users[t.author]}
	}
	return o
}

func line(t *testing.T, v any) string {
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return string(b) + "\n"
}

// pages writes the tweets as a twarc2 archive: pages of five, each with
// includes.users but the second, and in the second page's
// includes.tweets a tweet of the first page (a repeat) and an errors entry
// for a deleted tweet.
func pages(t *testing.T, tweets []tw) string {
	var b strings.Builder
	for p := 0; p*5 < len(tweets); p++ {
		chunk := tweets[p*5 : min(len(tweets), p*5+5)]
		var data []any
		seen := map[string]bool{}
		var us []any
		for _, x := range chunk {
			data = append(data, x.object(false))
			for _, id := range append([]string{x.author}, x.mentions...) {
				if !seen[id] {
					seen[id] = true
					us = append(us, map[string]string{"id": id, "username": users[id], "name": "User " + id})
				}
			}
		}
		page := map[string]any{"data": data, "meta": map[string]any{"result_count": len(data), "next_token": "t" + string(rune('a'+p))}}
		includes := map[string]any{}
		if p != 1 { // a page without includes.users
			includes["users"] = us
		}
		if p == 1 {
			includes["tweets"] = []any{tweets[0].object(false)}
			page["errors"] = []any{map[string]any{"resource_id": "97", "title": "Not Found Error", "resource_type": "tweet"}}
		}
		page["includes"] = includes
		b.WriteString(line(t, page))
	}
	return b.String()
}

// single writes the tweets as one response, indented as the API can send
// it.
func single(t *testing.T, tweets []tw) string {
	var data []any
	var us []any
	for id, name := range users {
		us = append(us, map[string]string{"id": id, "username": name})
	}
	for _, x := range tweets {
		data = append(data, x.object(false))
	}
	b, err := json.MarshalIndent(map[string]any{"data": data, "includes": map[string]any{"users": us}}, "", "  ")
	require.NoError(t, err)
	return string(b)
}

// flattened writes the tweets one a line, with their authors.
func flattened(t *testing.T, tweets []tw) string {
	var b strings.Builder
	for _, x := range tweets {
		b.WriteString(line(t, x.object(true)))
	}
	return b.String()
}

func read(t *testing.T, input string) (model.Dataset, xapi.Result) {
	t.Helper()
	ds, res, err := xapi.Read(strings.NewReader(input), xapi.Options{File: "x.jsonl", Accounts: accounts})
	require.NoError(t, err)
	return ds, res
}

// TestRules reads the hand-written conversations and checks each rule:
// which tweets are inquiries, which replies answer them and by which rule,
// the broadcast-only account and the evidence of replies not collected.
func TestRules(t *testing.T) {
	ds, res := read(t, flattened(t, conversations))

	byID := map[string]model.Inquiry{}
	for _, q := range ds.Inquiries {
		byID[q.ID] = q
	}
	assert.ElementsMatch(t, []string{"1", "3", "6", "10", "16"}, keys(byID), "inquiries")
	at := func(minutes int) time.Time { return t0.Add(time.Duration(minutes) * time.Minute) }
	for id, want := range map[string]struct {
		agency, channel string
		reply           time.Time
	}{
		"1":  {"moh", "moh/x/moh_saudi", at(120)}, // answered by replied_to
		"3":  {"moh", "moh/x/moh_saudi", at(300)}, // answered through the asker's thread
		"6":  {"moh", "moh/x/moh_saudi", time.Time{}},
		"10": {"mof", "mof/x/200", at(600)}, // answered, found in the conversation
		"16": {"mof", "mof/x/200", time.Time{}},
	} {
		q := byID[id]
		assert.Equal(t, want.agency, q.AgencyID, "inquiry %s", id)
		assert.Equal(t, want.channel, q.ChannelID, "inquiry %s", id)
		assert.True(t, want.reply.Equal(q.FirstReplyAt), "inquiry %s: first reply at %v, want %v", id, q.FirstReplyAt, want.reply)
		assert.True(t, at(0).Add(-time.Minute).Before(q.ReceivedAt))
	}
	assert.Equal(t, 5, res.Inquiries)
	assert.Equal(t, 3, res.FirstReplies)
	assert.Equal(t, 2, res.ByReply)
	assert.Equal(t, 1, res.ByConversation)
	assert.Equal(t, 0, res.Repeats)
	assert.Equal(t, len(conversations), res.Read)
	// Other is what is left; counted by hand from the comments above:
	// tweets 4, 7, 8, 9, 12, 13, 14 and 15.
	assert.Equal(t, 8, res.Other, "every tweet accounted for")

	moh, mof, gcc := res.Accounts[0], res.Accounts[1], res.Accounts[2]
	assert.Equal(t, 5, moh.Posts)
	assert.Equal(t, 2, moh.Replies, "the thread's reply to itself is no reply")
	assert.False(t, moh.BroadcastOnly)
	assert.Equal(t, 3, moh.Inquiries)
	assert.Equal(t, 2, moh.Answered)
	assert.Equal(t, xapi.Determinable, moh.Verdict)
	assert.True(t, gcc.BroadcastOnly, "posts, never replies")
	assert.Equal(t, 2, gcc.Posts)
	assert.Equal(t, 1, mof.Missing, "a reply to a tweet of the ministry that was not collected")
	assert.Equal(t, xapi.CannotDetermine, mof.Verdict, "1 missing of 2 inquiries is more than 20%")

	var gccChannel model.Channel
	for _, c := range ds.Channels {
		if c.AgencyID == "gcc" {
			gccChannel = c
		}
	}
	assert.True(t, gccChannel.BroadcastOnly)
	assert.False(t, gccChannel.AcceptsInquiries)
	assert.Equal(t, "@gov_news", gccChannel.Handle)
	require.NoError(t, ds.Validate())
}

func keys(m map[string]model.Inquiry) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestShapesGiveOneDataset reads the same tweets as a twarc2 archive (with
// a page lacking includes.users, a repeated tweet and a deleted one), as
// one indented response, and flattened: the datasets are identical.
func TestShapesGiveOneDataset(t *testing.T) {
	want, wantRes := read(t, flattened(t, conversations))
	for name, input := range map[string]string{"twarc2 pages": pages(t, conversations), "single response": single(t, conversations)} {
		t.Run(name, func(t *testing.T) {
			got, res := read(t, input)
			assert.Equal(t, want, got)
			assert.Equal(t, wantRes.Inquiries, res.Inquiries)
			assert.Equal(t, wantRes.FirstReplies, res.FirstReplies)
			assert.Equal(t, wantRes.Other, res.Other)
			if name == "twarc2 pages" {
				assert.Equal(t, 1, res.Repeats, "the first page's tweet in the second page's includes")
				assert.Equal(t, 1, res.Unavailable, "the deleted tweet")
				assert.Equal(t, len(conversations)+1, res.Read)
			}
		})
	}
}

// TestRejects gives lines and tweets that cannot be read: each is
// rejected with its line and field, leniently, and the rest is read.
func TestRejects(t *testing.T) {
	good := flattened(t, conversations[:2])
	input := good +
		"{not json\n" +
		`{"result_count":0}` + "\n" +
		`{"id":"50","author_id":"1001","created_at":"yesterday","text":"x"}` + "\n" +
		`{"id":"51","author_id":"1001","created_at":"1960-01-01T00:00:00.000Z","text":"x"}` + "\n" +
		`{"id":"52","author_id":"1001","author_id":"1002","created_at":"2025-11-02T09:00:00.000Z"}` + "\n" +
		`{"id":"abc","author_id":"1001","created_at":"2025-11-02T09:00:00.000Z"}` + "\n" +
		`{"data":[{"id":"53","created_at":"2025-11-02T09:00:00.000Z"}]}` + "\n" +
		`{"id":"1","author_id":"1002","created_at":"2025-11-02T09:00:00.000Z"}` + "\n"
	ds, res, err := xapi.Read(strings.NewReader(input), xapi.Options{File: "x.jsonl", Lenient: true, Accounts: accounts})
	require.NoError(t, err)
	assert.Len(t, ds.Inquiries, 1)
	want := []struct {
		line  int
		field string
		err   error
	}{
		{3, "", xapi.ErrSyntax},
		{4, "", xapi.ErrNotTweets},
		{5, "created_at", model.ErrBadTime},
		{6, "created_at", model.ErrImplausibleTime},
		{7, "author_id", model.ErrRepeatedKey},
		{8, "id", model.ErrOutOfRange},
		{9, "author_id", model.ErrMissing},
		{10, "id", model.ErrDuplicateID}, // tweet 1 again, by another author
	}
	require.Len(t, res.Rejected, len(want))
	for i, w := range want {
		pe := res.Rejected[i]
		assert.Equal(t, w.line, pe.Line, "reject %d: %v", i, pe)
		assert.Equal(t, w.field, pe.Field, "reject %d: %v", i, pe)
		assert.True(t, errors.Is(pe, w.err), "reject %d: %v, want %v", i, pe, w.err)
	}
	// Two good tweets (an inquiry and its reply) and eight bad lines.
	assert.Equal(t, 10, res.Read)
	assert.Equal(t, [3]int{1, 1, 0}, [3]int{res.Inquiries, res.FirstReplies, res.Other})

	// Strictly, the first bad line ends the read, with its line.
	_, _, err = xapi.Read(strings.NewReader(input), xapi.Options{File: "x.jsonl", Accounts: accounts})
	assert.ErrorContains(t, err, "x.jsonl:3")
	_, _, err = xapi.Read(strings.NewReader(good), xapi.Options{})
	assert.ErrorIs(t, err, xapi.ErrNoAccounts)
}

func TestReadAccounts(t *testing.T) {
	in := "agency_id,handle,user_id\nmoh,@MOH_Saudi,100\nmof,,200\ngcc,gov_news,\nbad,,\ndup,moh_saudi,\nnum,x,12a\n"
	got, acct, err := xapi.ReadAccounts(strings.NewReader(in), model.ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, accounts, got)
	assert.Equal(t, 6, acct.Read)
	require.Len(t, acct.Rejected, 3)
	assert.Equal(t, []int{5, 6, 7}, []int{acct.Rejected[0].Line, acct.Rejected[1].Line, acct.Rejected[2].Line})
	assert.ErrorIs(t, acct.Rejected[1], model.ErrDuplicateID)
	_, _, err = xapi.ReadAccounts(strings.NewReader("agency,handle\n"), model.ReadOptions{})
	assert.Error(t, err)
}

func TestReadAccountsNames(t *testing.T) {
	in := "agency_id,handle,user_id,name,name_ar\n" +
		"moh,moh_one,,Ministry of Health,وزارة الصحة\n" +
		"moh,moh_two,,,\n" + // names nothing: agrees
		"moh,moh_three,,Health Ministry,\n" + // another English name: rejected
		"moh,moh_four,,,وزارة المالية\n" + // another Arabic name: rejected
		"mof,mof,,,وزارة المالية\n"
	got, acct, err := xapi.ReadAccounts(strings.NewReader(in), model.ReadOptions{Lenient: true})
	require.NoError(t, err)
	require.Len(t, got, 3)
	assert.Equal(t, xapi.Account{AgencyID: "moh", Handle: "moh_one", AgencyName: "Ministry of Health", AgencyNames: map[string]string{"ar": "وزارة الصحة"}}, got[0])
	assert.Equal(t, []int{4, 5}, []int{acct.Rejected[0].Line, acct.Rejected[1].Line})
	assert.Equal(t, "name", acct.Rejected[0].Field)
	assert.Equal(t, 5, acct.Read)

	// The dataset names each agency once, from all its accounts.
	archive := `{"id":"1","author_id":"7","created_at":"2025-11-02T09:00:00.000Z","conversation_id":"1","in_reply_to_user_id":"9","author":{"id":"7","username":"someone"}}` + "\n"
	accts := []xapi.Account{{AgencyID: "moh", UserID: "9"}, {AgencyID: "moh", UserID: "8", AgencyName: "Ministry of Health", AgencyNames: map[string]string{"ar": "وزارة الصحة"}}}
	ds, _, err := xapi.Read(strings.NewReader(archive), xapi.Options{Accounts: accts})
	require.NoError(t, err)
	assert.Equal(t, []model.Agency{{ID: "moh", Name: "Ministry of Health", Names: map[string]string{"ar": "وزارة الصحة"}}}, ds.Agencies)
	accts[0].AgencyName = "Health"
	_, _, err = xapi.Read(strings.NewReader(archive), xapi.Options{Accounts: accts})
	assert.ErrorContains(t, err, "account 2")

	// A name with a control character is refused, naming its column.
	_, acct, err = xapi.ReadAccounts(strings.NewReader("agency_id,handle,name_ar\nmoh,moh,\u202eوزارة\n"), model.ReadOptions{Lenient: true})
	require.NoError(t, err)
	require.Len(t, acct.Rejected, 1)
	assert.Equal(t, "name_ar", acct.Rejected[0].Field)
}

func TestCheckDeclared(t *testing.T) {
	res := xapi.Result{Accounts: []xapi.AccountResult{
		{Account: xapi.Account{AgencyID: "edu", Handle: "Edu_Min"}, Posts: 4, BroadcastOnly: true},
		{Account: xapi.Account{AgencyID: "moh", Handle: "moh"}, Posts: 9, Replies: 5},
		{Account: xapi.Account{AgencyID: "mof", UserID: "300"}, Posts: 2, Replies: 1},
	}}
	declared := []model.Channel{
		{ID: "edu/x", AgencyID: "edu", Kind: model.ChannelX, Handle: "@edu_min", AcceptsInquiries: true}, // by handle, any case
		{ID: "edu/form", AgencyID: "edu", Kind: model.ChannelWebForm, AcceptsInquiries: true},            // not X: not checked
		{ID: "moh/x/moh", AgencyID: "moh", Kind: model.ChannelX, BroadcastOnly: true},                    // by channel ID
		{ID: "mof/x/300", AgencyID: "mof", Kind: model.ChannelX, AcceptsInquiries: true},                 // agrees
		{ID: "gcc/x", AgencyID: "gcc", Kind: model.ChannelX, Handle: "gcc_news"},                         // no account
		{ID: "moh/x2", AgencyID: "mof", Kind: model.ChannelX, Handle: "moh"},                             // another agency's handle
	}
	checks := xapi.CheckDeclared(declared, res)
	require.Len(t, checks, 5)
	type got struct {
		id, account string
		problem     bool
	}
	var gots []got
	for _, c := range checks {
		g := got{id: c.Declared.ID, problem: c.Problem != ""}
		if c.Account != nil {
			g.account = c.Account.AgencyID
		}
		gots = append(gots, g)
	}
	assert.Equal(t, []got{{"edu/x", "edu", true}, {"moh/x/moh", "moh", true}, {"mof/x/300", "mof", false}, {"gcc/x", "", true}, {"moh/x2", "", true}}, gots)
	assert.Contains(t, checks[0].Problem, "4 posts reply to nobody")
	assert.Contains(t, checks[1].Problem, "replied 5 times")
}

// TestMinistries reads the survey's ministries (testdata, Arabic texts
// ours): three twarc2 pages, the second without includes.users, the
// third naming a deleted tweet; one tweet is withheld in two countries,
// and read as any other. The counts are those of the archive,
// tweet by tweet: health answers its 5 inquiries within hours; commerce
// (given by handle alone) answers 3 of 5 after 9 to 40 days; education
// posts 4 news and answers none of the 3 questions put under them;
// housing answers 3: one through the inquirer's own thread, one whose
// reply answers a tweet not collected (by conversation), one directly; a
// quote and a retweet of housing are not inquiries.
func TestMinistries(t *testing.T) {
	f, err := os.Open("testdata/ministries_accounts.csv")
	require.NoError(t, err)
	defer f.Close()
	accts, _, err := xapi.ReadAccounts(f, model.ReadOptions{})
	require.NoError(t, err)
	data, err := os.ReadFile("testdata/ministries.jsonl")
	require.NoError(t, err)
	ds, res, err := xapi.Read(bytes.NewReader(data), xapi.Options{File: "ministries.jsonl", Accounts: accts})
	require.NoError(t, err)

	assert.Equal(t, 35, res.Read)
	assert.Equal(t, 35, res.Accepted)
	assert.Equal(t, [4]int{16, 11, 0, 8}, [4]int{res.Inquiries, res.FirstReplies, res.Repeats, res.Other})
	assert.Equal(t, [2]int{10, 1}, [2]int{res.ByReply, res.ByConversation})
	assert.Equal(t, 1, res.Unavailable)
	byAgency := map[string]xapi.AccountResult{}
	for _, a := range res.Accounts {
		byAgency[a.AgencyID] = a
	}
	for _, w := range []struct {
		agency                              string
		posts, replies, inquiries, answered int
		broadcastOnly                       bool
	}{
		{"health", 6, 5, 5, 5, false},
		{"commerce", 3, 3, 5, 3, false},
		{"education", 4, 0, 3, 0, true},
		{"housing", 3, 3, 3, 3, false},
	} {
		a := byAgency[w.agency]
		assert.Equal(t, []int{w.posts, w.replies, w.inquiries, w.answered}, []int{a.Posts, a.Replies, a.Inquiries, a.Answered}, w.agency)
		assert.Equal(t, w.broadcastOnly, a.BroadcastOnly, w.agency)
	}
	// Health's waits, by hand from the archive: 1, 2, 1, 3 and 2 hours.
	var waits []time.Duration
	for _, q := range ds.Inquiries {
		if q.AgencyID == "health" {
			waits = append(waits, q.FirstReplyAt.Sub(q.ReceivedAt))
		}
	}
	assert.Equal(t, []time.Duration{time.Hour, 2 * time.Hour, time.Hour, 3 * time.Hour, 2 * time.Hour}, waits)
	assert.Equal(t, "وزارة الصحة", ds.Agencies[0].Names["ar"])
}

// FuzzRead reads arbitrary input: it never panics, its counts agree with
// the dataset it returns (an inquiry each, a first reply each answered
// one), and nothing is counted below zero.
func FuzzRead(f *testing.F) {
	// Small seeds: the fuzzer minimizes each new input, which takes long
	// on large ones.
	t := &testing.T{}
	f.Add([]byte(flattened(t, conversations[:3])))
	f.Add([]byte(pages(t, conversations[5:12])))
	f.Add([]byte(single(t, conversations[9:11])))
	f.Add([]byte("{\"data\":null}\n{}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ds, res, err := xapi.Read(bytes.NewReader(data), xapi.Options{Lenient: true, Accounts: accounts})
		if err != nil {
			return
		}
		answered := 0
		for _, q := range ds.Inquiries {
			if !q.FirstReplyAt.IsZero() {
				answered++
			}
		}
		if len(ds.Inquiries) != res.Inquiries || answered != res.FirstReplies || res.Other < 0 || res.Repeats < 0 {
			t.Fatalf("%d inquiries and %d answered in the dataset; counted %d inquiries, %d first replies, %d other, %d repeats",
				len(ds.Inquiries), answered, res.Inquiries, res.FirstReplies, res.Other, res.Repeats)
		}
	})
}

// TestReadLimits: JSON Lines are read a line at a time, so an archive
// larger than MaxDocumentBytes reads whole when each line is within it;
// a longer line ends the read with its line; a document over several
// lines is within the limit or read as lines; MaxTweets bounds the
// tweets; a byte order mark is skipped.
func TestReadLimits(t *testing.T) {
	archive := pages(t, conversations) // several lines, each well under 4 KiB
	lines := strings.Split(strings.TrimSuffix(archive, "\n"), "\n")
	require.Greater(t, len(lines), 2)
	longest := 0
	for _, l := range lines {
		longest = max(longest, len(l))
	}
	require.Greater(t, len(archive), 2*longest)

	want, wantRes := read(t, archive)
	ds, res, err := xapi.Read(strings.NewReader("\uFEFF"+archive), xapi.Options{Accounts: accounts, MaxDocumentBytes: longest})
	require.NoError(t, err, "an archive of %d bytes in lines of at most %d", len(archive), longest)
	assert.Equal(t, want, ds)
	assert.Equal(t, wantRes.Accounting, res.Accounting)

	// A line one byte too long ends the read, naming its line.
	_, _, err = xapi.Read(strings.NewReader(archive), xapi.Options{Accounts: accounts, MaxDocumentBytes: longest - 1, Lenient: true})
	var pe *model.ParseError
	require.ErrorAs(t, err, &pe)
	assert.ErrorIs(t, err, model.ErrTooLarge)
	for i, l := range lines {
		if len(l) == longest {
			assert.Equal(t, i+1, pe.Line)
			break
		}
	}

	// A response over several lines within the limit is one document;
	// beyond it, its lines are read as JSON Lines, none of them a value.
	doc := single(t, conversations)
	require.Contains(t, strings.TrimSpace(doc), "\n")
	_, res, err = xapi.Read(strings.NewReader("\n"+doc), xapi.Options{Accounts: accounts, MaxDocumentBytes: len(doc) + 1})
	require.NoError(t, err)
	assert.Equal(t, wantRes.Inquiries, res.Inquiries)
	_, res, err = xapi.Read(strings.NewReader("\n"+doc), xapi.Options{Accounts: accounts, MaxDocumentBytes: len(doc) / 2, Lenient: true})
	require.NoError(t, err)
	assert.Zero(t, res.Accepted)
	assert.Equal(t, strings.Count(strings.TrimSpace(doc), "\n")+1, len(res.Rejected), "each line of the document rejected")
	assert.Equal(t, 2, res.Rejected[0].Line)

	// MaxTweets counts distinct tweets: a repeat is not kept again.
	distinct := wantRes.Accepted - wantRes.Repeats
	_, _, err = xapi.Read(strings.NewReader(archive), xapi.Options{Accounts: accounts, MaxTweets: distinct - 1})
	assert.ErrorIs(t, err, model.ErrTooLarge)
	_, _, err = xapi.Read(strings.NewReader(archive), xapi.Options{Accounts: accounts, MaxTweets: distinct})
	assert.NoError(t, err)
}

// TestEmptyPage: a response page without tweets (the last page of a
// search, "data" null or absent with a result_count of 0) holds no row;
// JSON that is neither a response nor a tweet is one rejected row.
func TestEmptyPage(t *testing.T) {
	in := `{"data":null,"meta":{"result_count":0}}` + "\n" + `{"meta":{"result_count":0}}` + "\n" + `[1,2]` + "\n" + `{"data":[` + "\n"
	_, res, err := xapi.Read(strings.NewReader(in), xapi.Options{Accounts: accounts, Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, 2, res.Read)
	require.Len(t, res.Rejected, 2)
	for i, want := range []error{xapi.ErrNotTweets, xapi.ErrSyntax} {
		assert.ErrorIs(t, res.Rejected[i], want)
		assert.Equal(t, i+3, res.Rejected[i].Line)
	}
}

// archiveOf returns a twarc2 archive of n questions to account 100, seven
// in ten answered, in pages of five tweets.
func archiveOf(t *testing.T, n int) (string, int) {
	var tweets []tw
	for i := range n {
		q, citizen := strconv.Itoa(1_000_000+2*i), strconv.Itoa(5000+i%3000)
		tweets = append(tweets, tw{id: q, author: citizen, conv: q, toUser: "100", minutes: i,
			text: "@MOH_Saudi متى يبدأ التطعيم الموسمي في المراكز الصحية، وهل يلزم حجز موعد مسبق عبر التطبيق؟"})
		if i%10 < 7 {
			tweets = append(tweets, tw{id: strconv.Itoa(1_000_001 + 2*i), author: "100", conv: q, toUser: citizen, replied: q, minutes: i + 90,
				text: "يبدأ يوم الأحد في جميع المراكز، ويمكنك الحجز عبر التطبيق من خدمة المواعيد."})
		}
	}
	return pages(t, tweets), len(tweets)
}

// TestParallelDecoding reads an archive of several windows, with bad lines
// among them, on one processor and on several: the lines are decoded in
// parallel and applied in order, so the dataset, the accounting and the
// rejections, line by line, are the same.
func TestParallelDecoding(t *testing.T) {
	defer xapi.SetWindowBytes(64 << 10)()
	archive, _ := archiveOf(t, 3000)
	lines := strings.SplitAfter(archive, "\n")
	for i := 100; i < len(lines); i += 97 { // bad lines in every window
		lines[i] = []string{"{not json\n", `{"id":"x1","author_id":"5","created_at":"2025-01-01T00:00:00Z"}` + "\n", "[]\n"}[i%3]
	}
	input := strings.Join(lines, "")
	require.Greater(t, len(input), 8*64<<10, "the archive spans several windows")
	read := func(procs int) (model.Dataset, xapi.Result) {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		ds, res, err := xapi.Read(strings.NewReader(input), xapi.Options{Accounts: accounts, Lenient: true})
		require.NoError(t, err)
		return ds, res
	}
	ds1, res1 := read(1)
	require.NotEmpty(t, res1.Rejected)
	ds4, res4 := read(4)
	assert.Equal(t, ds1, ds4)
	assert.Equal(t, res1, res4)
	// Strictly, the first bad line stops the read there, whatever was
	// decoded after it.
	_, _, err := xapi.Read(strings.NewReader(input), xapi.Options{Accounts: accounts})
	var pe *model.ParseError
	require.ErrorAs(t, err, &pe)
	assert.Equal(t, 101, pe.Line)
}

// BenchmarkRead reads a twarc2 archive of 20,000 questions to an account,
// seven in ten answered, in pages of five tweets with their users (Arabic
// texts of realistic length): the cost of a tweet read, from JSON to the
// dataset.
func BenchmarkRead(b *testing.B) {
	archive, n := archiveOf(&testing.T{}, 20000)
	b.SetBytes(int64(len(archive)))
	for b.Loop() {
		_, res, err := xapi.Read(strings.NewReader(archive), xapi.Options{Accounts: accounts})
		if err != nil || res.Inquiries != 20000 {
			b.Fatal(err, res.Inquiries)
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "tweets/s")
}

// TestReviewFindings holds the cases a review found the reader wrong on,
// each failing before its fix.
func TestReviewFindings(t *testing.T) {
	flat := func(fields string) string { return "{" + fields + "}\n" }
	t.Run("a corrupt first line of a large input is rejected as such", func(t *testing.T) {
		// Reading the rest of the input, to see whether the first line
		// starts a document over several lines, overwrote the buffer the
		// line was in.
		// Lines of 128 bytes, so that a refill of the 64 KiB buffer
		// starts with a whole line: a valid tweet in place of the first.
		pad := func(s string) string { return s[:len(s)-1] + strings.Repeat(" ", 127-len(s)) + s[len(s)-1:] + "\n" }
		var b strings.Builder
		b.WriteString(pad(`{"id":"90","author_id":"1001","created_at":"2025-11-02T09:00:00.000Z"]`))
		for i := 0; b.Len() < 200<<10; i++ {
			b.WriteString(pad(fmt.Sprintf(`{"id":"%d","author_id":"1001","created_at":"2025-11-02T09:00:00.000Z"}`, 1000+i)))
		}
		_, _, err := xapi.Read(strings.NewReader(b.String()), xapi.Options{Accounts: accounts})
		var pe *model.ParseError
		require.ErrorAs(t, err, &pe)
		assert.Equal(t, 1, pe.Line)
		assert.ErrorIs(t, err, xapi.ErrSyntax)
	})
	t.Run("a repeat must say the same, field by field", func(t *testing.T) {
		// Author 500 in 2025, and author 5001 in 1993: the digits run on.
		in := flat(`"id":"7","author_id":"500","created_at":"2025-01-01T00:00:00Z"`) +
			flat(`"id":"7","author_id":"5001","created_at":"1993-04-24T22:13:20Z"`) +
			flat(`"id":"8","author_id":"1","created_at":"2025-01-01T00:00:00Z","conversation_id":"12","in_reply_to_user_id":"100"`) +
			flat(`"id":"8","author_id":"1","created_at":"2025-01-01T00:00:00Z","conversation_id":"1210","in_reply_to_user_id":"0"`)
		_, res, err := xapi.Read(strings.NewReader(in), xapi.Options{Accounts: accounts, Lenient: true})
		require.NoError(t, err)
		require.Len(t, res.Rejected, 2)
		assert.Equal(t, []int{2, 4}, []int{res.Rejected[0].Line, res.Rejected[1].Line})
		assert.ErrorIs(t, res.Rejected[0], model.ErrDuplicateID)
		assert.Zero(t, res.Repeats)
	})
	t.Run("a mention does not take an account's user ID for another", func(t *testing.T) {
		accts := []xapi.Account{{AgencyID: "health", UserID: "1001"}, {AgencyID: "commerce", Handle: "commerce_ministry"}}
		in := flat(`"id":"1","author_id":"5","created_at":"2025-01-01T00:00:00Z","entities":{"mentions":[{"username":"commerce_ministry","id":"1001"}]}`) +
			flat(`"id":"2","author_id":"1001","created_at":"2025-01-01T01:00:00Z"`)
		_, res, err := xapi.Read(strings.NewReader(in), xapi.Options{Accounts: accts})
		require.NoError(t, err)
		assert.Equal(t, 1, res.Accounts[0].Posts, "health keeps its post")
		assert.Zero(t, res.Accounts[1].Posts)
		assert.Equal(t, "commerce_ministry", res.Accounts[0].SeenHandle, "what the input calls health's user")
	})
	t.Run("accounts that would share a channel", func(t *testing.T) {
		_, acct, err := xapi.ReadAccounts(strings.NewReader("agency_id,handle,user_id\nc,123,\nc,,123\nd,,7\ne,,7\n"), model.ReadOptions{Lenient: true})
		require.NoError(t, err)
		require.Len(t, acct.Rejected, 2)
		assert.Equal(t, []int{3, 5}, []int{acct.Rejected[0].Line, acct.Rejected[1].Line})
		assert.Equal(t, []string{"handle", "user_id"}, []string{acct.Rejected[0].Field, acct.Rejected[1].Field})
		for _, accts := range [][]xapi.Account{
			{{AgencyID: "c", Handle: "123"}, {AgencyID: "c", UserID: "123"}},
			{{AgencyID: "d", UserID: "7"}, {AgencyID: "e", UserID: "7"}},
			{{AgencyID: "d", Handle: "moh"}, {AgencyID: "e", Handle: "MOH"}},
		} {
			_, _, err := xapi.Read(strings.NewReader(""), xapi.Options{Accounts: accts})
			assert.ErrorIs(t, err, model.ErrDuplicateID, "%v", accts)
		}
	})
	t.Run("the latest tweet and its line", func(t *testing.T) {
		in := flat(`"id":"1","author_id":"5","created_at":"2025-01-01T00:00:00Z"`) +
			flat(`"id":"2","author_id":"6","created_at":"2199-01-01T00:00:00Z"`) +
			flat(`"id":"3","author_id":"7","created_at":"2025-01-02T00:00:00Z"`)
		_, res, err := xapi.Read(strings.NewReader(in), xapi.Options{Accounts: accounts})
		require.NoError(t, err)
		assert.Equal(t, 2199, res.Latest.Year())
		assert.Equal(t, 2, res.LatestLine)
	})
}

// TestConversationFallback: in one conversation, each inquiry takes the
// agency's earliest reply after it to its author whose target was not
// collected, not one taken before, and never another agency's. The
// candidates are indexed, so a conversation of many tweets reads in time
// in proportion to them (see BenchmarkConversationFallback).
func TestConversationFallback(t *testing.T) {
	accts := []xapi.Account{{AgencyID: "moh", UserID: "100"}, {AgencyID: "mof", UserID: "200"}}
	tweet := func(id, author string, minute int, toUser, repliedTo string) string {
		s := fmt.Sprintf(`{"id":"%s","author_id":"%s","created_at":"2025-01-01T%02d:%02d:00Z","conversation_id":"1"`, id, author, minute/60, minute%60)
		if toUser != "" {
			s += fmt.Sprintf(`,"in_reply_to_user_id":"%s"`, toUser)
		}
		if repliedTo != "" {
			s += fmt.Sprintf(`,"referenced_tweets":[{"type":"replied_to","id":"%s"}]`, repliedTo)
		}
		return s + "}\n"
	}
	in := tweet("10", "7", 0, "100", "") + // inquiry A to moh
		tweet("11", "7", 5, "100", "") + // inquiry B to moh, same author
		tweet("12", "8", 6, "200", "") + // inquiry C to mof
		tweet("20", "200", 7, "7", "99") + // mof replies to 7 (target missing): not moh's answer
		tweet("21", "100", 8, "7", "98") + // moh to 7: A's
		tweet("22", "100", 9, "8", "97") + // moh to 8: not C's (C is mof's)
		tweet("23", "100", 10, "7", "96") + // moh to 7: B's
		tweet("24", "100", 11, "7", "95") + // moh to 7: nobody's
		tweet("25", "200", 12, "8", "94") // mof to 8: C's
	ds, res, err := xapi.Read(strings.NewReader(in), xapi.Options{Accounts: accts})
	require.NoError(t, err)
	got := map[string]int{}
	for _, q := range ds.Inquiries {
		got[q.ID] = int(q.FirstReplyAt.Sub(q.ReceivedAt).Minutes())
	}
	assert.Equal(t, map[string]int{"10": 8, "11": 5, "12": 6}, got)
	assert.Equal(t, 3, res.ByConversation)
}

// BenchmarkConversationFallback reads one conversation of 20,000 questions
// to an agency and 20,000 of its replies to other people, none of them an
// answer: every inquiry looks for one in the conversation. Each candidate
// is looked at a bounded number of times; scanning them for each inquiry
// took 8.7 s here.
func BenchmarkConversationFallback(b *testing.B) {
	const n = 20000
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, `{"id":"%d","author_id":"%d","created_at":"2025-01-01T00:00:00Z","conversation_id":"1","in_reply_to_user_id":"100"}`+"\n", 1_000_000+i, 5000+i)
		fmt.Fprintf(&sb, `{"id":"%d","author_id":"100","created_at":"2025-01-02T00:00:00Z","conversation_id":"1","in_reply_to_user_id":"4"}`+"\n", 2_000_000+i)
	}
	in := sb.String()
	for b.Loop() {
		_, res, err := xapi.Read(strings.NewReader(in), xapi.Options{Accounts: accounts})
		if err != nil || res.Inquiries != n || res.FirstReplies != 0 {
			b.Fatal(err, res.Inquiries, res.FirstReplies)
		}
	}
}
