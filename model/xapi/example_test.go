package xapi_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/xapi"
)

// ExampleRead reads two flattened tweets: a citizen's question to the
// Ministry of Health and the ministry's reply to it.
func ExampleRead() {
	const archive = `{"id":"1","author_id":"1001","created_at":"2025-11-02T09:00:00.000Z","conversation_id":"1","text":"@MOH_Saudi متى تفتح العيادة؟","entities":{"mentions":[{"username":"MOH_Saudi","id":"100"}]},"author":{"id":"1001","username":"citizen_one"}}
{"id":"2","author_id":"100","created_at":"2025-11-02T11:00:00.000Z","conversation_id":"1","in_reply_to_user_id":"1001","referenced_tweets":[{"type":"replied_to","id":"1"}],"text":"من الرابعة عصرًا","author":{"id":"100","username":"MOH_Saudi"}}
`
	accounts := []xapi.Account{{AgencyID: "moh", Handle: "MOH_Saudi"}}
	ds, res, err := xapi.Read(strings.NewReader(archive), xapi.Options{File: "archive.jsonl", Accounts: accounts})
	if err != nil {
		panic(err)
	}
	q := ds.Inquiries[0]
	fmt.Println(q.ID, q.ChannelID, q.FirstReplyAt.Sub(q.ReceivedAt))
	fmt.Println(res.Read, "tweets:", res.Inquiries, "inquiry,", res.FirstReplies, "first reply, by replied_to:", res.ByReply)
	// Output:
	// 1 moh/x/moh_saudi 2h0m0s
	// 2 tweets: 1 inquiry, 1 first reply, by replied_to: 1
}

// ExampleCheckDeclared reads the survey's ministries (a twarc2 archive in
// testdata, Arabic texts ours) with their accounts, says what each account
// shows, and checks what the ministries declared of their X channels
// against it.
func ExampleCheckDeclared() {
	af, err := os.Open("testdata/ministries_accounts.csv")
	if err != nil {
		panic(err)
	}
	defer af.Close()
	accounts, _, err := xapi.ReadAccounts(af, model.ReadOptions{File: "ministries_accounts.csv"})
	if err != nil {
		panic(err)
	}
	archive, err := os.Open("testdata/ministries.jsonl")
	if err != nil {
		panic(err)
	}
	defer archive.Close()
	_, res, err := xapi.Read(archive, xapi.Options{File: "ministries.jsonl", Accounts: accounts})
	if err != nil {
		panic(err)
	}
	for _, a := range res.Accounts {
		fmt.Printf("@%s (%s): %d inquiries, %d answered, broadcast-only: %t\n", a.Handle, a.AgencyNames["ar"], a.Inquiries, a.Answered, a.BroadcastOnly)
	}
	declared := []model.Channel{{ID: "education/x", AgencyID: "education", Kind: model.ChannelX, Handle: "@education_ministry",
		Official: true, AcceptsInquiries: true}}
	for _, c := range xapi.CheckDeclared(declared, res) {
		fmt.Println(c.Declared.ID+":", c.Problem)
	}
	// Output:
	// @health_ministry (وزارة الصحة): 5 inquiries, 5 answered, broadcast-only: false
	// @commerce_ministry (وزارة التجارة): 5 inquiries, 3 answered, broadcast-only: false
	// @education_ministry (وزارة التعليم): 3 inquiries, 0 answered, broadcast-only: true
	// @housing_ministry (وزارة الإسكان): 3 inquiries, 3 answered, broadcast-only: false
	// education/x: declared to accept inquiries, but its 4 posts reply to nobody: observed broadcast-only
}
