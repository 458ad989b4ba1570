package model_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/govscore/govscore/model"
)

func ExampleReadInquiriesCSV() {
	// The layout of an export: one row per inquiry, the channel given by
	// its kind. Row 3 was answered before it arrived: kept, unanswered,
	// with a warning. Row 5 names a requester the standard does not know:
	// rejected.
	in := `id,agency_id,channel,requester,received_at,first_reply_at,accuracy
1,agency-001,x,public,2025-03-01T09:00:00+03:00,2025-03-01T10:30:00+03:00,accurate
2,agency-001,x,media,2025-03-01T09:05:00+03:00,2025-03-01T08:00:00+03:00,partial
3,agency-002,email,public,2025-03-02T11:00:00+03:00,,
4,agency-002,email,press,2025-03-02T12:00:00+03:00,,
`
	ds, acct, err := model.ReadInquiriesCSV(strings.NewReader(in), model.ReadOptions{File: "inquiries.csv", Lenient: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("read %d, accepted %d, rejected %d\n", acct.Read, acct.Accepted, len(acct.Rejected))
	for _, pe := range acct.Rejected {
		fmt.Println("rejected", pe)
	}
	for _, pe := range acct.Warnings {
		fmt.Println("warning", pe)
	}
	for _, q := range ds.Inquiries {
		if q.FirstReplyAt.IsZero() {
			fmt.Println(q.ID, q.ChannelID, "unanswered")
			continue
		}
		fmt.Println(q.ID, q.ChannelID, "answered after", q.FirstReplyAt.Sub(q.ReceivedAt))
	}
	for _, c := range ds.Channels {
		fmt.Println("implied channel", c.ID)
	}
	// Output:
	// read 4, accepted 3, rejected 1
	// rejected inquiries.csv:5: field "requester": unknown value: "press"
	// warning inquiries.csv:3: field "first_reply_at": before received_at: 2025-03-01T08:00:00+03:00 is before 2025-03-01T09:05:00+03:00; kept as unanswered, its grade dropped
	// 1 agency-001/x answered after 1h30m0s
	// 2 agency-001/x unanswered
	// 3 agency-002/email unanswered
	// implied channel agency-001/x
	// implied channel agency-002/email
}

func ExampleWriteInquiriesCSV() {
	ds, _, err := model.ReadInquiriesJSONL(strings.NewReader(
		`{"id":"q1","agency_id":"mof","channel_id":"mof-x","received_at":"2025-03-01 09:00:00.5+03:00"}`),
		model.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	if err := model.WriteInquiriesCSV(os.Stdout, ds.Inquiries); err != nil {
		fmt.Println(err)
	}
	// Output:
	// id,agency_id,channel_id,requester,received_at,first_reply_at,resolved_at,due_at,accuracy
	// q1,mof,mof-x,,2025-03-01T09:00:00.5+03:00,,,,
}

func ExampleMerge() {
	agencies, _, err := model.ReadAgenciesCSV(strings.NewReader(
		"id,name,name_ar,time_zone\nmof,Ministry of Finance,وزارة المالية,Asia/Riyadh\n"), model.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	inquiries, _, err := model.ReadInquiriesCSV(strings.NewReader(
		"id,agency_id,channel,received_at\n1,mof,x,2025-03-01T09:00:00+03:00\n"), model.ReadOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	ds := model.Merge(model.Dataset{Agencies: agencies}, inquiries)
	for _, a := range ds.Agencies {
		fmt.Printf("%s %q implied=%v\n", a.ID, a.DisplayName("ar"), a.Implied)
	}
	fmt.Println("valid:", ds.Validate() == nil)
	// Output:
	// mof "وزارة المالية" implied=false
	// valid: true
}
