package city311_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/city311"
)

func ExampleRead() {
	const export = `case_enquiry_id,open_dt,target_dt,closed_dt,ontime,case_status,department,source
101004130437,2022-01-19 11:18:00,2022-01-20 11:18:00,2022-01-19 11:42:16,ONTIME,Closed,GEN_,Constituent Call
101004143000,2022-01-21 13:47:00,,,OVERDUE,Open,BTDT,Citizens Connect App
`
	boston, _ := time.LoadLocation("America/New_York")
	ds, res, err := city311.Read(strings.NewReader(export), city311.Options{
		ReadOptions: model.ReadOptions{File: "boston.csv", Location: boston},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Layout, res.Read, res.Accepted, len(res.Rejected))
	for _, q := range ds.Inquiries {
		closed := "open"
		if !q.ResolvedAt.IsZero() {
			closed = "closed after " + q.ResolvedAt.Sub(q.ReceivedAt).String()
		}
		fmt.Println(q.ID, q.ChannelID, closed, res.CityOnTime[q.ID])
	}
	for _, w := range res.Warnings {
		fmt.Println(w)
	}
	// Output:
	// boston_2022 2 2 0
	// 101004130437 GEN_/phone closed after 24m16s true
	// 101004143000 BTDT/app open false
	// boston.csv:3: field "target_dt": no target time
}
