package model

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// genInquiriesCSV returns n rows in the layout of the benchmark generator
// (/work/shared/bench/gen.py): id,agency_id,channel,requester,received_at,
// first_reply_at,accuracy, with 200 agencies of uneven volume, instants in
// 2025 at +03:00, log-normal reply delays and some unanswered inquiries.
// The same n gives the same bytes.
func genInquiriesCSV(n int) []byte {
	rng := rand.New(rand.NewPCG(2025, 1))
	zone := time.FixedZone("", 3*3600)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, zone)
	asOf := start.AddDate(1, 0, 0)
	channels := []string{"x", "x", "x", "facebook", "instagram", "whatsapp", "email", "web_form"}
	requesters := []string{"public", "public", "public", "public", "public", "public", "media", "business"}
	grades := []string{"accurate", "accurate", "partial", "inaccurate", "deflection", ""}
	// Uneven volumes: agency k is picked with weight exp(N(0, 0.8)).
	cum := make([]float64, 200)
	sum := 0.0
	for k := range cum {
		sum += math.Exp(rng.NormFloat64() * 0.8)
		cum[k] = sum
	}
	var b bytes.Buffer
	b.WriteString("id,agency_id,channel,requester,received_at,first_reply_at,accuracy\n")
	var tmp []byte
	for i := range n {
		u := rng.Float64() * sum
		a := 0
		for a < len(cum)-1 && cum[a] < u {
			a++
		}
		recv := start.Add(time.Duration(rng.Int64N(365*86400)) * time.Second)
		fmt.Fprintf(&b, "%d,agency-%03d,%s,%s,", i+1, a, channels[rng.IntN(len(channels))], requesters[rng.IntN(len(requesters))])
		b.Write(recv.AppendFormat(tmp[:0], time.RFC3339))
		b.WriteByte(',')
		if a%10 != 0 || rng.IntN(3) == 0 { // every tenth agency answers a third
			delay := time.Duration(math.Exp(math.Log(3*3600)+1.5*rng.NormFloat64())+30) * time.Second
			if reply := recv.Add(delay); reply.Before(asOf) {
				b.Write(reply.AppendFormat(tmp[:0], time.RFC3339))
				b.WriteByte(',')
				b.WriteString(grades[rng.IntN(len(grades))])
				b.WriteByte('\n')
				continue
			}
		}
		b.WriteString(",\n")
	}
	return b.Bytes()
}

func TestGenInquiriesCSV(t *testing.T) {
	data := genInquiriesCSV(2000)
	d, acct, err := ReadInquiriesCSV(bytes.NewReader(data), ReadOptions{})
	if err != nil || acct.Accepted != 2000 {
		t.Fatalf("ReadInquiriesCSV(genInquiriesCSV(2000)) = %d accepted, %v; want 2000, nil", acct.Accepted, err)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("Validate() of the generated dataset = %v, want nil", err)
	}
	if !bytes.Equal(data, genInquiriesCSV(2000)) {
		t.Errorf("genInquiriesCSV is not deterministic")
	}
	// Without a size hint, the rows are gathered in chunks: same result.
	d2, acct2, err := ReadInquiriesCSV(struct{ io.Reader }{bytes.NewReader(data)}, ReadOptions{})
	if err != nil || acct2.Accepted != 2000 {
		t.Fatalf("ReadInquiriesCSV(genInquiriesCSV(2000)) without a size hint = %d accepted, %v", acct2.Accepted, err)
	}
	assertSameInquiries(t, "ReadInquiriesCSV with and without a size hint", d.Inquiries, d2.Inquiries)
	if cap(d.Inquiries) > 2200 {
		t.Errorf("ReadInquiriesCSV with a size hint: cap %d for 2000 inquiries, want at most 2200", cap(d.Inquiries))
	}
}

func BenchmarkReadInquiriesCSV(b *testing.B) {
	const rows = 100_000
	data := genInquiriesCSV(rows)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		_, acct, err := ReadInquiriesCSV(bytes.NewReader(data), ReadOptions{})
		if err != nil || acct.Accepted != rows {
			b.Fatalf("ReadInquiriesCSV: %d accepted, %v", acct.Accepted, err)
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkValidate validates 1M inquiries read from genInquiriesCSV, the
// check score.Scorer.Score runs before scoring: with IDs in increasing
// order, as exports have them, and shuffled.
func BenchmarkValidate(b *testing.B) {
	ds, _, err := ReadInquiriesCSV(bytes.NewReader(genInquiriesCSV(1_000_000)), ReadOptions{})
	if err != nil {
		b.Fatal(err)
	}
	shuffled := ds
	shuffled.Inquiries = slices.Clone(ds.Inquiries)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled.Inquiries), func(i, j int) {
		shuffled.Inquiries[i], shuffled.Inquiries[j] = shuffled.Inquiries[j], shuffled.Inquiries[i]
	})
	for _, bc := range []struct {
		name string
		ds   Dataset
	}{{"ordered", ds}, {"shuffled", shuffled}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := bc.ds.Validate(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(bc.ds.Inquiries))*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}
