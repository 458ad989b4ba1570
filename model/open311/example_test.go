package open311_test

import (
	"fmt"
	"strings"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/open311"
)

func ExampleRead() {
	const requests = `[
  {"service_request_id": "R-1", "status": "closed", "agency_responsible": "Streets",
   "requested_datetime": "2014-05-09T19:02:21-05:00",
   "expected_datetime": "2014-05-16T19:02:21-05:00",
   "notes": [
     {"datetime": "2014-05-09T19:02:21-05:00", "summary": "Request opened", "type": "opened"},
     {"datetime": "2014-05-12T08:30:00-05:00", "summary": "Work Assigned", "type": "activity"},
     {"datetime": "2014-05-20T14:00:00-05:00", "summary": "Request closed", "type": "closed"}]},
  {"service_request_id": "R-2", "status": "open", "agency_responsible": "Streets",
   "requested_datetime": "2014-05-10T09:00:00-05:00"},
  {"service_request_id": "R-3", "status": "open", "agency_responsible": "",
   "requested_datetime": "2014-05-11T09:00:00-05:00"}
]`
	ds, acct, err := open311.Read(strings.NewReader(requests), model.ReadOptions{File: "requests.json", Lenient: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("read %d, accepted %d, rejected %d\n", acct.Read, acct.Accepted, len(acct.Rejected))
	for _, r := range acct.Rejected {
		fmt.Println(r)
	}
	q := ds.Inquiries[0]
	fmt.Printf("%s: first action after %s, resolved after %s\n", q.ID,
		q.FirstReplyAt.Sub(q.ReceivedAt), q.ResolvedAt.Sub(q.ReceivedAt))
	// Output:
	// read 3, accepted 2, rejected 1
	// requests.json:11: field "agency_responsible": missing required value
	// R-1: first action after 61h27m39s, resolved after 258h57m39s
}
