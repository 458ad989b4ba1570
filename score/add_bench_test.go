package score_test

import (
	"os"
	"testing"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

func BenchmarkAccumulatorAddGen(b *testing.B) {
	f, err := os.Open("/tmp/bench/rec_200k.csv")
	if err != nil {
		b.Skip(err)
	}
	ds, _, err := model.ReadInquiriesCSV(f, model.ReadOptions{})
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		acc, _ := sc.NewAccumulator(model.Dataset{})
		for i := range ds.Inquiries {
			if err := acc.Add(&ds.Inquiries[i]); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(ds.Inquiries)), "ns/row")
}
