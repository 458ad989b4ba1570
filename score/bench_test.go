package score_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// synthRiyadh is the offset of the synthetic records; Riyadh keeps UTC+3.
var synthRiyadh = time.FixedZone("AST", 3*3600)

// synthAsOf is the cut-off of the synthetic records: the export is taken at
// the end of 2025, Riyadh time.
var synthAsOf = time.Date(2026, 1, 1, 0, 0, 0, 0, synthRiyadh)

// synthChannels are the channel kinds every synthetic agency declares, and
// the share of inquiries each receives.
var synthChannels = []struct {
	kind  model.ChannelKind
	share float64
}{
	{model.ChannelX, 0.35}, {model.ChannelFacebook, 0.15}, {model.ChannelInstagram, 0.10},
	{model.ChannelWhatsApp, 0.15}, {model.ChannelEmail, 0.15}, {model.ChannelWebForm, 0.10},
}

// synthDataset returns n inquiries over the given number of agencies, in
// the spirit of /work/shared/bench/gen.py, and is deterministic in its
// arguments:
//
//   - uneven volumes: agency weights are log-normal (sigma 0.8);
//   - one agency in ten answers 15-35% of its inquiries, the others 88-100%,
//     so about 14% are unanswered overall;
//   - received uniformly over 2025, Riyadh time; first-reply delays are
//     log-normal with an overall median near 3.5 hours (sigma 1.5, so a
//     tail of weeks), and a reply after AsOf is left out;
//   - replies graded accurate, partial, inaccurate or deflection by the
//     agency's quality, 4% ungraded; requesters 85% public, 8% media, 7%
//     business;
//   - every agency declares the six channels x, facebook, instagram,
//     whatsapp, email and web_form; one agency in eight has a
//     broadcast-only X account, one in six an unofficial Instagram one;
//     staffing of 0 to 6 people is declared by most agencies, and time
//     zones vary (Riyadh, UTC, London with its daylight saving).
func synthDataset(n, agencies int, seed uint64) model.Dataset {
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	var ds model.Dataset
	type agencyParams struct {
		id       string
		answer   float64
		mu       float64 // log of the median delay, seconds
		gradeCum [5]float64
	}
	params := make([]agencyParams, agencies)
	weights := make([]float64, agencies)
	total := 0.0
	zones := []string{"Asia/Riyadh", "Asia/Riyadh", "", "Europe/London"}
	for i := range agencies {
		id := fmt.Sprintf("agency-%03d", i)
		bad := i%10 == 3
		p := agencyParams{id: id, mu: math.Log(3.9*3600) + 0.6*rng.NormFloat64()}
		if bad {
			p.answer = 0.15 + 0.20*rng.Float64()
			p.mu += 0.8
		} else {
			p.answer = 0.88 + 0.12*rng.Float64()
		}
		acc := 0.35 + 0.40*rng.Float64()
		rest := 1 - acc - 0.15
		p.gradeCum = [5]float64{0.96 * acc, 0.96 * (acc + 0.15), 0.96 * (acc + 0.15 + 0.45*rest), 0.96, 1}
		params[i] = p
		weights[i] = math.Exp(0.8 * rng.NormFloat64())
		total += weights[i]

		ds.Agencies = append(ds.Agencies, model.Agency{ID: id, Name: fmt.Sprintf("Agency %03d", i), TimeZone: zones[i%len(zones)]})
		for _, c := range synthChannels {
			ch := model.Channel{ID: id + "-" + string(c.kind), AgencyID: id, Kind: c.kind,
				Handle: "@" + id + "-" + string(c.kind), Official: true, AcceptsInquiries: true}
			switch {
			case c.kind == model.ChannelX && i%8 == 5:
				ch.AcceptsInquiries, ch.BroadcastOnly = false, true
			case c.kind == model.ChannelInstagram && i%6 == 1:
				ch.Official = false
			}
			ds.Channels = append(ds.Channels, ch)
		}
		if i%7 != 6 { // one in seven declares no staffing at all
			ds.Staffing = append(ds.Staffing, model.Staffing{AgencyID: id, Staff: rng.IntN(7),
				WeeklyHours: []float64{40, 60, 84, 168}[rng.IntN(4)]})
		}
	}
	cum := make([]float64, agencies)
	run := 0.0
	for i, w := range weights {
		run += w / total
		cum[i] = run
	}
	cum[agencies-1] = 1

	start := time.Date(2025, 1, 1, 0, 0, 0, 0, synthRiyadh)
	const year = 365 * 24 * 3600
	ds.Inquiries = make([]model.Inquiry, 0, n)
	for k := range n {
		u := rng.Float64()
		a := min(sort.Search(agencies, func(i int) bool { return cum[i] > u }), agencies-1)
		p := &params[a]
		kind := synthChannels[len(synthChannels)-1].kind
		u = rng.Float64()
		for _, c := range synthChannels {
			if u < c.share {
				kind = c.kind
				break
			}
			u -= c.share
		}
		req := model.RequesterPublic
		switch u := rng.Float64(); {
		case u < 0.08:
			req = model.RequesterMedia
		case u < 0.15:
			req = model.RequesterBusiness
		}
		recv := start.Add(time.Duration(rng.Int64N(year)) * time.Second)
		q := model.Inquiry{ID: fmt.Sprintf("q%07d", k+1), AgencyID: p.id, ChannelID: p.id + "-" + string(kind),
			Requester: req, ReceivedAt: recv}
		if rng.Float64() < p.answer {
			delay := time.Duration(math.Exp(p.mu+1.5*rng.NormFloat64())+30) * time.Second
			if reply := recv.Add(delay); !reply.After(synthAsOf) {
				q.FirstReplyAt = reply
				u := rng.Float64()
				for g, c := range p.gradeCum {
					if u < c {
						q.Accuracy = []model.Accuracy{model.AccuracyAccurate, model.AccuracyPartial,
							model.AccuracyInaccurate, model.AccuracyDeflection, ""}[g]
						break
					}
				}
			}
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
	return ds
}

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
// The CSV is generated once, before the timer starts.
func BenchmarkStream(b *testing.B) {
	for _, n := range []int{1_000_000} {
		b.Run(fmt.Sprintf("inquiries=%d", n), func(b *testing.B) {
			data := streamCSV(b, n)
			sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
			require.NoError(b, err)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				acc, err := sc.NewAccumulator(model.Dataset{})
				require.NoError(b, err)
				acct, err := model.ScanInquiriesCSV(bytes.NewReader(data), model.ReadOptions{}, acc)
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
