package model_test

import (
	"fmt"
	"strings"

	"github.com/govscore/govscore/model"
)

// ExampleScanInquiriesCSV reads a file of inquiries one at a time into a
// sink made of a function, which keeps only a count per agency: the
// second row has a reply before its receipt, and is kept unanswered with a
// warning naming its line.
func ExampleScanInquiriesCSV() {
	const file = `id,agency_id,channel,received_at,first_reply_at
1,finance,x,2025-12-01T09:00:00+03:00,2025-12-01T10:00:00+03:00
2,finance,x,2025-12-02T09:00:00+03:00,2025-12-01T09:00:00+03:00
3,ports,email,2025-12-03T09:00:00+03:00,
`
	perAgency := map[string]int{}
	acct, err := model.ScanInquiriesCSV(strings.NewReader(file), model.ReadOptions{File: "inquiries.csv", Lenient: true},
		model.SinkFunc(func(q *model.Inquiry) error {
			perAgency[q.AgencyID]++
			return nil
		}))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("read %d, accepted %d\n", acct.Read, acct.Accepted)
	for _, pe := range acct.Warnings {
		fmt.Println(pe)
	}
	fmt.Println("finance:", perAgency["finance"], "ports:", perAgency["ports"])
	// Output:
	// read 3, accepted 3
	// inquiries.csv:3: field "first_reply_at": before received_at: 2025-12-01T09:00:00+03:00 is before 2025-12-02T09:00:00+03:00; kept as unanswered
	// finance: 2 ports: 1
}

// replyCounter is a RowSink that counts the replies of each agency and
// channel pair in a table indexed by the rows' numbers, without looking
// an ID up in a map row by row; the pairs' IDs are kept once each. A real
// sink would count the rows without a number by their IDs.
type replyCounter struct {
	read    model.ReadID
	pairs   [][2]string // agency and channel IDs, by number
	replies []int       // by number
	other   int         // rows without a number (see Row.Channel), or of another read
}

func (c *replyCounter) Add(q *model.Inquiry) error {
	c.other++ // not called: the readers hand a RowSink rows
	return nil
}

func (c *replyCounter) AddRow(r *model.Row) error {
	read, n := r.Channel()
	if n < 0 || c.read != (model.ReadID{}) && read != c.read {
		c.other++ // this sink counts one read; another's numbers are other pairs
		return nil
	}
	c.read = read
	for len(c.pairs) <= n {
		c.pairs, c.replies = append(c.pairs, [2]string{}), append(c.replies, 0)
	}
	q := r.Inquiry()
	c.pairs[n] = [2]string{q.AgencyID, q.ChannelID}
	if !q.FirstReplyAt.IsZero() {
		c.replies[n]++
	}
	return nil
}

// ExampleRowSink counts replies by agency and channel with a RowSink: the
// rows of the implied X channel of finance share a number whether they
// name its kind or its ID.
func ExampleRowSink() {
	const file = `id,agency_id,channel_id,channel,received_at,first_reply_at
1,finance,,x,2025-12-01T09:00:00+03:00,2025-12-01T10:00:00+03:00
2,finance,finance/x,,2025-12-02T09:00:00+03:00,2025-12-02T09:30:00+03:00
3,ports,ports-desk,,2025-12-03T09:00:00+03:00,
4,ports,ports-desk,,2025-12-04T09:00:00+03:00,2025-12-05T09:00:00+03:00
`
	var c replyCounter
	if _, err := model.ScanInquiriesCSV(strings.NewReader(file), model.ReadOptions{}, &c); err != nil {
		fmt.Println(err)
		return
	}
	for n, pair := range c.pairs {
		fmt.Printf("%d: %s on %s, replies: %d\n", n, pair[0], pair[1], c.replies[n])
	}
	fmt.Println("without a number:", c.other)
	// Output:
	// 0: finance on finance/x, replies: 2
	// 1: ports on ports-desk, replies: 1
	// without a number: 0
}
