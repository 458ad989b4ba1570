package twitter_test

import (
	"fmt"
	"strings"

	"github.com/govscore/govscore/model/twitter"
)

func ExampleRead() {
	const file = `,tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id
0,1,9001,True,Mon Oct 02 10:00:00 +0000 2017,@AcmeHelp my order is late,2,
1,2,AcmeHelp,False,Mon Oct 02 10:30:00 +0000 2017,@9001 Which order?,3,1.0
2,3,9001,True,Mon Oct 02 10:40:00 +0000 2017,@AcmeHelp number 55,,2.0
3,4,9002,True,Mon Oct 02 11:00:00 +0000 2017,@acmehelp hello?,,
4,5,9003,True,Mon Oct 02 12:00:00 +0000 2017,@Other hi,,
`
	ds, res, err := twitter.Read(strings.NewReader(file), twitter.Options{File: "threads.csv", Lenient: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, q := range ds.Inquiries {
		fmt.Println(q.ID, q.AgencyID, q.FirstReplyAt.Sub(q.ReceivedAt).Minutes() > 0)
	}
	fmt.Printf("read %d = inquiries %d + first replies %d + other %d + rejected %d\n",
		res.Read, res.Inquiries, res.FirstReplies, res.Other, len(res.Rejected))
	fmt.Println(res.Rejected[0])
	fmt.Println(res.Verdict)
	// Output:
	// 1 AcmeHelp true
	// 4 AcmeHelp false
	// read 5 = inquiries 2 + first replies 1 + other 1 + rejected 1
	// threads.csv:6: field "text": mentions no company account of the file: an inbound tweet that starts a conversation must name its company with an @handle
	// determinable
}
