package score_test

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	golden "github.com/govscore/govscore/score/internal/fixture"
)

// synthAsOf and synthDataset are the synthetic records of the fixture
// package (see its Synth).
var synthAsOf = golden.SynthAsOf

func synthDataset(n, agencies int, seed uint64) model.Dataset { return golden.Synth(n, agencies, seed) }

// BenchmarkScore scores synthetic datasets of growing size under the
// default standard, validation included. The records are generated before
// the timer starts, once per size.
func BenchmarkScore(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("inquiries=%d", n), func(b *testing.B) {
			ds := synthDataset(n, 200, 2025)
			sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
			require.NoError(b, err)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := sc.Score(ds); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
		})
	}
}

// BenchmarkStream is the streaming path end to end: a CSV of inquiries in
// memory, in the layout of ../shared/bench/gen.py, read in parallel chunks
// into an Accumulator, and the report made, under the default standard.
// The CSV is generated once, before the timer starts. The rows reach the
// accumulator as the readers hand them, through AddRow (sink=AddRow), and
// for comparison through Add (sink=Add), as they would reach a sink that
// is not a model.RowSink: checked again, and their channels looked up by
// ID. Run the two with -count and compare them pair by pair: on a noisy
// machine, runs apart differ more than they do.
func BenchmarkStream(b *testing.B) {
	for _, n := range []int{1_000_000} {
		data := streamCSV(b, n)
		sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
		require.NoError(b, err)
		for _, rows := range []bool{true, false} {
			name := fmt.Sprintf("inquiries=%d/sink=Add", n)
			if rows {
				name = fmt.Sprintf("inquiries=%d/sink=AddRow", n)
			}
			b.Run(name, func(b *testing.B) {
				b.SetBytes(int64(len(data)))
				b.ReportAllocs()
				for b.Loop() {
					acc, err := sc.NewAccumulator(model.Dataset{})
					require.NoError(b, err)
					var acct model.Accounting
					if rows {
						acct, err = model.ScanInquiriesCSV(bytes.NewReader(data), model.ReadOptions{}, acc)
					} else {
						acct, err = model.ScanInquiriesCSV(bytes.NewReader(data), model.ReadOptions{}, addOnly[*score.Accumulator]{acc})
					}
					if err != nil || acct.Accepted != n {
						b.Fatal(err, acct.Accepted)
					}
					if _, err := acc.Report(); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}

// streamCSV returns n synthetic inquiries over 200 agencies as CSV with
// only the columns gen.py writes: their agencies and channels are implied.
func streamCSV(b *testing.B, n int) []byte {
	b.Helper()
	ds := synthDataset(n, 200, 2025)
	var buf bytes.Buffer
	buf.WriteString("id,agency_id,channel,requester,received_at,first_reply_at,accuracy\n")
	kinds := map[string]model.ChannelKind{}
	for _, c := range ds.Channels {
		kinds[c.ID] = c.Kind
	}
	for i, q := range ds.Inquiries {
		reply := ""
		if !q.FirstReplyAt.IsZero() {
			reply = q.FirstReplyAt.Format(time.RFC3339)
		}
		fmt.Fprintf(&buf, "%d,%s,%s,%s,%s,%s,%s\n", i+1, q.AgencyID, kinds[q.ChannelID], q.Requester,
			q.ReceivedAt.Format(time.RFC3339), reply, q.Accuracy)
	}
	return buf.Bytes()
}

// BenchmarkManyAgencies scores one inquiry for each of a million agencies,
// all implied by their inquiries: added to an Accumulator, ranked, and
// every agency's explanation made and handed over by Stream. The inquiries
// are made as they are added, so that the heap holds only what govscore
// keeps; its peak is reported as heap-MB.
func BenchmarkManyAgencies(b *testing.B) {
	for _, n := range []int{1_000_000} {
		b.Run(fmt.Sprintf("agencies=%d", n), func(b *testing.B) {
			sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
			require.NoError(b, err)
			b.ReportAllocs()
			for b.Loop() {
				acc, err := sc.NewAccumulator(model.Dataset{})
				require.NoError(b, err)
				var q model.Inquiry
				for i := range n {
					id := fmt.Sprintf("agency-%07d", i)
					recv := synthAsOf.Add(-time.Duration(1+i%5000) * time.Hour)
					q = model.Inquiry{ID: strconv.Itoa(i), AgencyID: id, ChannelID: id + "/x", ReceivedAt: recv,
						Requester: model.RequesterPublic}
					if i%3 > 0 {
						q.FirstReplyAt, q.Accuracy = recv.Add(time.Duration(i%47)*time.Minute), model.AccuracyAccurate
					}
					if err := acc.Add(&q); err != nil {
						b.Fatal(err)
					}
				}
				got := 0
				if _, err := acc.Stream(func(score.AgencyScore) error { got++; return nil }); err != nil || got != n {
					b.Fatal(err, got)
				}
			}
			var ms runtime.MemStats
			runtime.ReadMemStats(&ms)
			b.ReportMetric(float64(ms.HeapSys)/(1<<20), "heap-MB")
		})
	}
}

// BenchmarkMerge merges 8 forks of an accumulator, each fed an eighth of a
// million inquiries over 200 agencies, into one: the cost of combining
// per-worker or per-machine results. Feeding the forks is not timed.
func BenchmarkMerge(b *testing.B) {
	ds := synthDataset(1_000_000, 200, 2025)
	meta := ds
	meta.Inquiries = nil
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(b, err)
	const shards = 8
	b.ReportAllocs()
	for b.Loop() {
		b.StopTimer()
		acc, err := sc.NewAccumulator(meta)
		require.NoError(b, err)
		forks := make([]*score.Accumulator, shards)
		for i := range forks {
			forks[i] = acc.Fork()
		}
		for i := range ds.Inquiries {
			if err := forks[i%shards].Add(&ds.Inquiries[i]); err != nil {
				b.Fatal(err)
			}
		}
		b.StartTimer()
		for _, f := range forks {
			if err := acc.Merge(f); err != nil {
				b.Fatal(err)
			}
		}
	}
}
