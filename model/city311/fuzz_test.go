package city311_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/city311"
)

// fuzzRead checks what must hold for any input: no panic, the accounting
// invariant, rejections with a line, and a valid dataset from what was
// accepted.
func fuzzRead(t *testing.T, data []byte, lenient bool) {
	ds311, r311, err := city311.Read(bytes.NewReader(data), city311.Options{ReadOptions: model.ReadOptions{Lenient: lenient, Location: time.UTC}})
	acct := r311.Accounting
	if acct.Read != acct.Accepted+len(acct.Rejected) {
		t.Fatalf("Read: read %d != accepted %d + rejected %d", acct.Read, acct.Accepted, len(acct.Rejected))
	}
	for _, pe := range acct.Rejected {
		if pe == nil || pe.Err == nil || pe.Line < 1 {
			t.Fatalf("Read: rejection without a reason or line: %v", pe)
		}
	}
	if err != nil {
		var pe *model.ParseError
		if !errors.As(err, &pe) {
			t.Fatalf("Read: error %v is not a *model.ParseError", err)
		}
		return
	}
	if len(ds311.Inquiries) != acct.Accepted {
		t.Fatalf("Read: %d inquiries, %d accepted", len(ds311.Inquiries), acct.Accepted)
	}
	if err := ds311.Validate(); err != nil {
		t.Fatalf("Read accepted a dataset that does not validate: %v", err)
	}
	for _, q := range ds311.Inquiries {
		if !q.ResolvedAt.IsZero() && q.ResolvedAt.Before(q.ReceivedAt) {
			t.Fatalf("Read: inquiry %s resolved before received", q.ID)
		}
	}
}

// seedFiles adds each fixture, whole and cut in half, to the corpus.
func seedFiles(f *testing.F, names ...string) {
	for _, n := range names {
		data, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, true)
		f.Add(data[:len(data)/2], false)
		f.Add(data[:len(data)*2/3], true)
	}
}

func FuzzReadBoston(f *testing.F) {
	seedFiles(f, "boston2015.csv", "boston2022.csv")
	f.Fuzz(fuzzRead)
}

func FuzzReadNYC(f *testing.F) {
	seedFiles(f, "nyc_portal.csv", "nyc_socrata.csv", "nyc_socrata.json")
	f.Add([]byte("[{\"unique_key\":\"1\",\"created_date\":\"2018-01-01T00:00:00\",\"agency\":\"\xff\"}]"), true)
	f.Fuzz(fuzzRead)
}

func FuzzReadSF(f *testing.F) {
	seedFiles(f, "sf.csv")
	f.Fuzz(fuzzRead)
}
