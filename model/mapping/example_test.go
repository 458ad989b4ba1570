package mapping_test

import (
	"fmt"
	"strings"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/mapping"
)

func ExampleLoadMapping() {
	m, err := mapping.LoadMapping(strings.NewReader(`
id: case_id
agency: parks
channel: {column: via, values: {Tweet: x, Call: phone}}
received_at: opened
first_reply_at: answered
time_layouts: ["2006-01-02 15:04"]
time_zone: Europe/Paris
`))
	fmt.Println(m.Channel.Values["Tweet"], m.TimeZone, err)
	// Output: x Europe/Paris <nil>
}

func ExampleMapping_Read() {
	m := mapping.Mapping{
		ID: "case_id", Agency: "parks", ReceivedAt: "opened", FirstReplyAt: "answered",
		Channel:     mapping.ValueMap[model.ChannelKind]{Column: "via", Values: map[string]model.ChannelKind{"Tweet": model.ChannelX}},
		TimeLayouts: []string{"2006-01-02 15:04"},
		TimeZone:    "Europe/Paris",
		Filters:     []mapping.Filter{{Column: "status", Values: []string{"closed"}}},
	}
	const data = `case_id,status,via,opened,answered
1,closed,Tweet,2025-03-01 09:00,2025-03-01 10:30
2,open,Tweet,2025-03-02 09:00,
3,closed,Fax,2025-03-03 09:00,
`
	ds, acct, err := m.Read(strings.NewReader(data), model.ReadOptions{File: "parks.csv", Lenient: true})
	fmt.Println(err)
	for _, q := range ds.Inquiries {
		fmt.Println(q.ID, q.ChannelID, q.ReceivedAt.UTC().Format("2006-01-02 15:04"), q.FirstReplyAt.Sub(q.ReceivedAt))
	}
	fmt.Printf("read %d: accepted %d, rejected %d, filtered %d\n", acct.Read+acct.Filtered, acct.Accepted, len(acct.Rejected), acct.Filtered)
	fmt.Println(acct.Rejected[0])
	// Output:
	// <nil>
	// 1 parks/x 2025-03-01 08:00 1h30m0s
	// read 3: accepted 1, rejected 1, filtered 1
	// parks.csv:4: field "via": unknown value: "Fax" has no translation
}
