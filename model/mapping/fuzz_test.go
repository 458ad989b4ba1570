package mapping_test

import (
	"bytes"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/mapping"
)

// FuzzRead reads any input with the Boston mapping: no panic, the
// accounting adds up, every rejection has a line and a reason, and what
// was accepted is a valid dataset of valid UTF-8.
func FuzzRead(f *testing.F) {
	data, err := os.ReadFile("testdata/boston2022.csv")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data, false)
	f.Add(data, true)
	f.Add([]byte("case_enquiry_id,open_dt,department,source\n1,2022-01-01 00:00:00,X,Twitter\n"), true)
	f.Add([]byte("\uFEFFcase_enquiry_id,open_dt,department,source,case_status\n\"1\r\n\",2022-01-01 00:00:00,X,\xff,\n"), true)
	mf, err := os.Open("testdata/boston2022.yaml")
	if err != nil {
		f.Fatal(err)
	}
	m, err := mapping.LoadMapping(mf)
	mf.Close()
	if err != nil {
		f.Fatal(err)
	}
	m.Filters = []mapping.Filter{{Column: "case_status", Values: []string{"Open", "Closed", ""}}}
	m.TimeLayouts = append(m.TimeLayouts, "rfc3339")
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) {
		opts := model.ReadOptions{Lenient: lenient, MaxRejects: 5}
		ds, acct, err := m.Read(bytes.NewReader(data), opts)
		if acct.Read != acct.Accepted+len(acct.Rejected) {
			t.Fatalf("Read %d != Accepted %d + Rejected %d", acct.Read, acct.Accepted, len(acct.Rejected))
		}
		if len(ds.Inquiries) != acct.Accepted {
			t.Fatalf("%d inquiries, Accepted %d", len(ds.Inquiries), acct.Accepted)
		}
		if !lenient && len(acct.Rejected) > 0 && err == nil {
			t.Fatalf("strict read rejected %d rows without an error", len(acct.Rejected))
		}
		for _, pe := range append(acct.Rejected, acct.Warnings...) {
			if pe == nil || pe.Err == nil || pe.Line < 1 {
				t.Fatalf("bad rejection or warning %#v", pe)
			}
		}
		for _, q := range ds.Inquiries {
			for _, s := range []string{q.ID, q.AgencyID, q.ChannelID} {
				if !utf8.ValidString(s) || s == "" || strings.TrimSpace(s) != s {
					t.Fatalf("bad string %q in %+v", s, q)
				}
			}
		}
		if verr := ds.Validate(); verr != nil {
			t.Fatalf("accepted an invalid dataset: %v", verr)
		}
	})
}

// FuzzLoadMapping loads any text: no panic, and a mapping that loads is
// valid and reads a small file without panicking.
func FuzzLoadMapping(f *testing.F) {
	text, err := os.ReadFile("testdata/boston2022.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(text))
	f.Add(`{"id": "a", "agency_id": "d", "received_at": "b", "channel_id": "c", "filters": [{"column": "s", "values": ["Open"]}]}`)
	f.Add("id: a\nagency: x\nreceived_at: b\nchannel: {default: email}\ntime_layouts: ['02/01/2006 3:04 PM']\ntime_zone: Europe/Paris\n")
	f.Add("id: &x a\nagency: *x\nreceived_at: b\nchannel: {column: c, values: {'': app}}\n")
	f.Fuzz(func(t *testing.T, text string) {
		m, err := mapping.LoadMapping(strings.NewReader(text))
		if err != nil {
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("LoadMapping accepted an invalid mapping: %v", err)
		}
		header := strings.Join([]string{m.ID, m.AgencyID, m.ChannelID, m.Channel.Column, m.ReceivedAt}, ",")
		m.Read(strings.NewReader(header+"\n1,2,3,4,5\n"), model.ReadOptions{Lenient: true})
	})
}
