package twitter_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/govscore/govscore/model/twitter"
)

func FuzzRead(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.csv")
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, true)
		f.Add(b, false)
	}
	f.Add([]byte(",tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n0,1,42,True,Tue Oct 31 22:10:47 +0000 2017,@Co hi,2,\n1,2,Co,False,Tue Oct 31 22:11:47 +0000 2017,ok,,1.0\n"), true)
	f.Fuzz(func(t *testing.T, in []byte, lenient bool) {
		ds, res, err := twitter.Read(bytes.NewReader(in), twitter.Options{Lenient: lenient})
		if res.Read != res.Accepted+len(res.Rejected) {
			t.Fatalf("Read = %d, Accepted = %d, Rejected = %d", res.Read, res.Accepted, len(res.Rejected))
		}
		if res.Accepted != res.Inquiries+res.FirstReplies+res.Other {
			t.Fatalf("Accepted = %d, Inquiries %d + FirstReplies %d + Other %d", res.Accepted, res.Inquiries, res.FirstReplies, res.Other)
		}
		if err != nil {
			if len(ds.Inquiries) != 0 {
				t.Fatalf("error %v with %d inquiries", err, len(ds.Inquiries))
			}
			return
		}
		if len(ds.Inquiries) != res.Inquiries {
			t.Fatalf("%d inquiries in the dataset, %d counted", len(ds.Inquiries), res.Inquiries)
		}
		if !lenient && len(res.Rejected) > 0 {
			t.Fatalf("strict read returned no error with %d rejected", len(res.Rejected))
		}
		if verr := ds.Validate(); verr != nil {
			t.Fatalf("accepted dataset does not validate: %v", verr)
		}
	})
}
