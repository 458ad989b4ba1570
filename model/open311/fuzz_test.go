package open311_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/open311"
)

func FuzzRead(f *testing.F) {
	data, err := os.ReadFile(filepath.Join("testdata", "requests.json"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data, true)
	f.Add(data[:len(data)/2], true)
	f.Add([]byte("[{\"service_request_id\":\"\xff\"}]"), false)
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) {
		ds, acct, _ := open311.Read(bytes.NewReader(data), model.ReadOptions{Lenient: lenient})
		if acct.Read != acct.Accepted+len(acct.Rejected) {
			t.Fatalf("Read: read %d != accepted %d + rejected %d", acct.Read, acct.Accepted, len(acct.Rejected))
		}
		if len(ds.Inquiries) != acct.Accepted {
			t.Fatalf("Read: %d inquiries, %d accepted", len(ds.Inquiries), acct.Accepted)
		}
		if err := ds.Validate(); err != nil {
			t.Fatalf("Read accepted a dataset that does not validate: %v", err)
		}
		for _, q := range ds.Inquiries {
			if !q.ResolvedAt.IsZero() && q.ResolvedAt.Before(q.ReceivedAt) {
				t.Fatalf("Read: %s resolved before received", q.ID)
			}
		}
	})
}
