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
