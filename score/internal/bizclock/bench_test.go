package bizclock

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/govscore/govscore/model"
)

// BenchmarkBetween measures Between over a two-year calendar with
// daylight saving and holidays, for gaps of an hour, a week and six
// months. The cost must not grow with the gap, and nothing is allocated.
func BenchmarkBetween(b *testing.B) {
	c := model.Calendar{ID: "ny", TimeZone: "America/New_York",
		Week: week([]model.Span{{Start: 9 * 60, End: 17 * 60}}, monToFri...)}
	for y := 2025; y <= 2026; y++ {
		c.Holidays = append(c.Holidays,
			model.Holiday{Name: "New Year's Day", From: model.Date{Year: y, Month: 1, Day: 1}},
			model.Holiday{Name: "Independence Day", From: model.Date{Year: y, Month: 7, Day: 4}},
			model.Holiday{Name: "Christmas Day", From: model.Date{Year: y, Month: 12, Day: 24}, To: model.Date{Year: y, Month: 12, Day: 26}})
	}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
	to := from.AddDate(2, 0, 0).Add(-time.Second)
	k, err := New(c, from, to)
	if err != nil {
		b.Fatal(err)
	}
	for _, gap := range []struct {
		name string
		d    time.Duration
	}{{"1h", time.Hour}, {"1w", 7 * 24 * time.Hour}, {"6mo", 183 * 24 * time.Hour}} {
		b.Run(gap.name, func(b *testing.B) {
			// Starts spread over the first 18 months, so that every gap
			// ends inside the range and the branch predictor sees no pattern.
			rng := rand.New(rand.NewPCG(3, 4))
			var starts [1024]int64
			for i := range starts {
				starts[i] = from.Unix() + rng.Int64N(int64(548*24*time.Hour/time.Second))
			}
			g := int64(gap.d / time.Second)
			b.ReportAllocs()
			var sum int64
			i := 0
			for b.Loop() {
				a := starts[i&1023]
				sum += k.Between(a, a+g)
				i++
			}
			if sum < 0 {
				b.Fatal("negative business time")
			}
		})
	}
}

// BenchmarkNew measures the one-time precomputation of a two-year clock.
func BenchmarkNew(b *testing.B) {
	c := model.Calendar{ID: "ny", TimeZone: "America/New_York",
		Week: week([]model.Span{{Start: 9 * 60, End: 17 * 60}}, monToFri...)}
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		b.Fatal(err)
	}
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, loc)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(c, from, from.AddDate(2, 0, 0)); err != nil {
			b.Fatal(err)
		}
	}
}
