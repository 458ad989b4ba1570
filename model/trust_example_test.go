package model_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/govscore/govscore/model"
)

func ExampleCheckTime() {
	for _, t := range []time.Time{
		time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC),
		{}, // what a first reply at 0001-01-01T00:00:00Z would read as
		time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		fmt.Println(model.CheckTime(t))
	}
	// Output:
	// <nil>
	// out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "0001-01-01T00:00:00Z"
	// out of range: timestamp not within the plausible range, 1970-01-01T00:00:00Z (included) to 2200-01-01T00:00:00Z (excluded): "2200-01-01T00:00:00Z"
}

func ExampleCheckText() {
	for _, s := range []string{"وزارة المالية", "mof\t", "mof\u202ex"} {
		fmt.Println(model.CheckText(s))
	}
	// Output:
	// <nil>
	// control or bidirectional formatting character: U+0009 at byte 3 of "mof\t"
	// control or bidirectional formatting character: U+202E at byte 3 of "mof\u202ex"
}

func ExampleCheckTimeZone() {
	for _, zone := range []string{"", "Asia/Riyadh", "Local"} {
		fmt.Println(model.CheckTimeZone(zone))
	}
	// Output:
	// <nil>
	// <nil>
	// unknown value: "Local" depends on the machine; name an IANA time zone
}

func ExampleReadOptions_CheckRecord() {
	opts := model.ReadOptions{MaxFieldBytes: 8}
	fmt.Println(opts.CheckRecord([]string{"q1", "ministry-of-finance"}))
	fmt.Println(model.ReadOptions{}.CheckRecord(make([]string, 300)))
	// Output:
	// 1 too large: 19 bytes, more than MaxFieldBytes (8)
	// -1 too large: 300 fields, more than MaxFields (256)
}

func ExampleReadOptions_maxFieldBytes() {
	// A field longer than the default 64 KiB rejects its row; a read that
	// expects long fields raises the limit.
	in := "id,agency_id,channel,received_at\n" + strings.Repeat("x", 70_000) + ",mof,x,2025-03-01T09:30:00+03:00\n"
	_, acct, err := model.ReadInquiriesCSV(strings.NewReader(in), model.ReadOptions{File: "long.csv"})
	fmt.Println(acct.Read, acct.Accepted, err)
	_, acct, err = model.ReadInquiriesCSV(strings.NewReader(in), model.ReadOptions{File: "long.csv", MaxFieldBytes: 1 << 20})
	fmt.Println(acct.Read, acct.Accepted, err)
	// Output:
	// 1 0 long.csv:2: field "id": too large: 70000 bytes, more than MaxFieldBytes (65536)
	// 1 1 <nil>
}

// ExampleCheckLocalTime refuses a local time that New York's clocks skip
// when daylight saving starts, which time.ParseInLocation reads an hour
// away without a word.
func ExampleCheckLocalTime() {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	const layout = "2006-01-02 15:04:05"
	for _, s := range []string{"2022-03-13 02:30:00", "2022-03-13 03:30:00"} {
		t, _ := time.ParseInLocation(layout, s, ny)
		fmt.Println(s, "->", t.Format("15:04 MST"), model.CheckLocalTime(t, layout, s) == nil)
	}
	// Output:
	// 2022-03-13 02:30:00 -> 01:30 EST false
	// 2022-03-13 03:30:00 -> 03:30 EDT true
}
