package audit_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/audit"
)

func exampleDataset() model.Dataset {
	t := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)
	return model.Dataset{Inquiries: []model.Inquiry{
		{ID: "q1", AgencyID: "parks", ChannelID: "parks/x", ReceivedAt: t, FirstReplyAt: t.Add(time.Hour)},
		{ID: "q2", AgencyID: "parks", ChannelID: "parks/x", ReceivedAt: t, FirstReplyAt: t.Add(2 * time.Hour)},
		{ID: "q3", AgencyID: "parks", ChannelID: "parks/x", ReceivedAt: t}, // unanswered: never sampled
	}}
}

func ExampleSample() {
	sample := audit.Sample(exampleDataset(), audit.SampleOptions{Seed: 1, PerAgency: 1})
	fmt.Println(len(sample), sample[0].FirstReplyAt.IsZero())
	// Output: 1 false
}

func ExampleWriteSheet() {
	ds := exampleDataset()
	audit.WriteSheet(os.Stdout, ds.Inquiries[:1])
	// Output:
	// inquiry_id,agency_id,channel_id,received_at,first_reply_at,grade,notes
	// q1,parks,parks/x,2025-03-01T09:00:00Z,2025-03-01T10:00:00Z,,
}

func ExampleReadSheet() {
	sheet := "inquiry_id,grade,notes\nq1,Accurate,\nq2,,still to do\n"
	grades, acct, err := audit.ReadSheet(strings.NewReader(sheet), model.ReadOptions{File: "sheet.csv"})
	fmt.Println(grades, acct.Accepted, err)
	fmt.Println(acct.Warnings[0])
	// Output:
	// map[q1:accurate] 2 <nil>
	// sheet.csv:3: field "grade": not graded yet
}

func ExampleMerge() {
	ds := exampleDataset()
	var sheet bytes.Buffer
	audit.WriteSheet(&sheet, audit.Sample(ds, audit.SampleOptions{}))
	filled := strings.ReplaceAll(sheet.String(), "Z,,\n", "Z,partial,\n")
	grades, _, _ := audit.ReadSheet(strings.NewReader(filled), model.ReadOptions{})
	res, err := audit.Merge(&ds, grades)
	fmt.Println(res.Set, err, ds.Inquiries[0].Accuracy, ds.Inquiries[2].Accuracy == "")

	_, err = audit.Merge(&ds, map[string]model.Accuracy{"q1": model.AccuracyAccurate, "q3": model.AccuracyAccurate})
	fmt.Println(err)
	// Output:
	// 2 <nil> partial true
	// graded inquiry has no reply: 1 inquiries, first "q3"
	// grade differs from the existing one: 1 inquiries, first "q1" ("partial", sheet "accurate")
}
