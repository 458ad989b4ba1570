package xapi_test

import (
	"fmt"
	"strings"

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
