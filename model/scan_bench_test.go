package model

import (
	"bytes"
	"os"
	"testing"
)

func BenchmarkScanInquiriesCSVGen(b *testing.B) {
	data, err := os.ReadFile("/tmp/bench/rec_200k.csv")
	if err != nil {
		b.Skip(err)
	}
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(data)))
			for b.Loop() {
				acct, err := ScanInquiriesCSV(bytes.NewReader(data), ReadOptions{Workers: workers}, &collectorNop{})
				if err != nil || acct.Accepted != 200000 {
					b.Fatal(err, acct.Accepted)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/200000, "ns/row")
		})
	}
}

type collectorNop struct{}

func (c *collectorNop) Add(q *Inquiry) error        { return nil }
func (c *collectorNop) Fork() *collectorNop         { return &collectorNop{} }
func (c *collectorNop) Merge(o *collectorNop) error { return nil }

func BenchmarkTimeParse(b *testing.B) {
	var p timeParser
	s := []byte("2025-10-02T22:04:30+03:00")
	for b.Loop() {
		if _, err := p.parse(s); err != nil {
			b.Fatal(err)
		}
	}
}
