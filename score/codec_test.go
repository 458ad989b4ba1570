package score_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// businessDefault returns the default standard with its reply-time
// criteria measured in business time, so that encodings carry samples of
// both clocks.
func businessDefault() rubric.Rubric {
	r := rubric.Default()
	for d := range r.Dimensions {
		for c := range r.Dimensions[d].Criteria {
			cr := &r.Dimensions[d].Criteria[c]
			if cr.Metric == rubric.ReplyTimeQuantile && cr.ID == "p90_reply" {
				cr.Params.Clock = rubric.BusinessClock
			}
		}
	}
	return r
}

// codecDataset is the synthetic dataset with a business calendar for half
// its agencies, and inquiries of agencies it does not declare, so that
// encodings carry declared and implied agencies.
func codecDataset(t *testing.T, n int) model.Dataset {
	ds := synthDataset(n, 30, 11)
	cal, _ := sunThu(t)
	ds.Calendars = []model.Calendar{cal}
	for i := range ds.Agencies {
		if i%2 == 0 {
			ds.Agencies[i].CalendarID = cal.ID
		}
	}
	// Every tenth inquiry goes to an undeclared agency, by its implied
	// channel, as a CSV of inquiries alone gives them.
	for i := 0; i < len(ds.Inquiries); i += 10 {
		q := &ds.Inquiries[i]
		q.AgencyID = "implied-" + string(rune('a'+i%7))
		q.ChannelID = q.AgencyID + "/x"
	}
	return ds
}

// addAll returns an accumulator of sc for ds's metadata, to which every
// inquiry of ds was added.
func addAll(t testing.TB, sc *score.Scorer, ds model.Dataset) *score.Accumulator {
	t.Helper()
	acc, err := sc.NewAccumulator(metaOf(ds))
	require.NoError(t, err)
	for i := range ds.Inquiries {
		require.NoError(t, acc.Add(&ds.Inquiries[i]))
	}
	return acc
}

// newCodecScorer returns a scorer of the codec tests, built afresh as
// another process would build it.
func newCodecScorer(t testing.TB, opts score.Options) *score.Scorer {
	t.Helper()
	if opts.AsOf.IsZero() {
		opts.AsOf = synthAsOf
	}
	opts.Curves = true
	sc, err := score.New(businessDefault(), opts)
	require.NoError(t, err)
	return sc
}

// TestAccumulatorEncodingRoundTrip encodes shards made by other scorers
// and accumulators, as the workers of a distributed runner make them,
// decodes them in shuffled order, and merges: the report is byte-identical
// to that of one accumulator that took every inquiry, and its encoding of the merged accumulator is that of one
// accumulator that took every inquiry.
func TestAccumulatorEncodingRoundTrip(t *testing.T) {
	ds := codecDataset(t, 20_000)
	sc := newCodecScorer(t, score.Options{})

	// The whole, in one accumulator.
	whole := addAll(t, sc, ds)
	wholeBytes, err := whole.MarshalBinary()
	require.NoError(t, err)
	rep, err := whole.Report()
	want := reportJSON(t, rep, err)

	rng := rand.New(rand.NewPCG(5, 8))
	qs := shuffled(ds, 9).Inquiries
	const shards = 8
	var encoded [][]byte
	for i := range shards {
		other := newCodecScorer(t, score.Options{}) // another process
		meta := shuffled(metaOf(ds), uint64(i))
		meta.Calendars = ds.Calendars
		acc, err := other.NewAccumulator(meta)
		require.NoError(t, err)
		for j := len(qs) * i / shards; j < len(qs)*(i+1)/shards; j++ {
			require.NoError(t, acc.Add(&qs[j]))
		}
		b, err := acc.MarshalBinary()
		require.NoError(t, err)
		encoded = append(encoded, b)
	}

	acc, err := sc.NewAccumulator(metaOf(ds))
	require.NoError(t, err)
	for _, i := range rng.Perm(shards) {
		f := acc.Fork()
		require.NoError(t, f.UnmarshalBinary(encoded[i]))
		require.NoError(t, acc.Merge(f))
	}
	merged, err := acc.MarshalBinary()
	require.NoError(t, err)
	assert.True(t, bytes.Equal(wholeBytes, merged), "the merged shards encode differently from the whole")
	rep, err = acc.Report()
	assert.Equal(t, want, reportJSON(t, rep, err), "the report of decoded shards differs from the whole's")

	// Decoding the whole and encoding it again gives the same bytes.
	again, err := sc.NewAccumulator(metaOf(ds))
	require.NoError(t, err)
	require.NoError(t, again.UnmarshalBinary(wholeBytes))
	b, err := again.MarshalBinary()
	require.NoError(t, err)
	assert.True(t, bytes.Equal(wholeBytes, b))
	t.Logf("%d inquiries, %d agencies: %d bytes, %.2f an inquiry", len(ds.Inquiries), len(rep.Agencies),
		len(wholeBytes), float64(len(wholeBytes))/float64(len(ds.Inquiries)))
}

// TestAccumulatorEncodingDays runs the day tallies through their three
// forms (a short list, bits, and the sparse maps) and encodes each: the
// decoded tally counts the same days.
func TestAccumulatorEncodingDays(t *testing.T) {
	sc := newCodecScorer(t, score.Options{MinSample: 1})
	at := time.Date(2000, 1, 3, 12, 0, 0, 0, time.UTC)
	cases := map[string][]model.Inquiry{}
	few, bits, sparse := []model.Inquiry{}, []model.Inquiry{}, []model.Inquiry{}
	add := func(list *[]model.Inquiry, recv time.Time, wait time.Duration) {
		q := model.Inquiry{ID: "q" + recv.Format("20060102150405") + wait.String(), AgencyID: "a", ChannelID: "a/x", ReceivedAt: recv}
		if wait >= 0 {
			q.FirstReplyAt = recv.Add(wait)
		}
		*list = append(*list, q)
	}
	for i := range 5 {
		add(&few, at.AddDate(0, 0, 3*i), time.Duration(i)*24*time.Hour)
	}
	add(&few, at, -1)
	for i := range 300 {
		add(&bits, at.AddDate(0, 0, i), time.Duration(i%3)*24*time.Hour)
	}
	add(&bits, at.AddDate(0, 0, 20), 100*24*time.Hour) // a long wait, as its ends
	for i := range 40 {
		add(&sparse, at.AddDate(i%25, 0, i), time.Duration(i%4)*24*time.Hour) // 25 years apart
	}
	add(&sparse, at.AddDate(3, 0, 0), -1)
	cases["few"], cases["bits"], cases["sparse"] = few, bits, sparse
	for name, qs := range cases {
		t.Run(name, func(t *testing.T) {
			rep, err := addAll(t, sc, model.Dataset{Inquiries: qs}).Report()
			want := reportJSON(t, rep, err)
			// Halves encoded apart, one of them in two forks merged.
			acc, err := sc.NewAccumulator(model.Dataset{})
			require.NoError(t, err)
			for half := range 2 {
				f := acc.Fork()
				for i := half; i < len(qs); i += 2 {
					require.NoError(t, f.Add(&qs[i]))
				}
				b, err := f.MarshalBinary()
				require.NoError(t, err)
				g := acc.Fork()
				require.NoError(t, g.UnmarshalBinary(b))
				require.NoError(t, acc.Merge(g))
			}
			rep, err = acc.Report()
			assert.Equal(t, want, reportJSON(t, rep, err))
		})
	}
}

// TestAccumulatorEncodingRefusesOthers decodes into accumulators of
// another standard, cut-off or metadata: each is refused with ErrMerge.
func TestAccumulatorEncodingRefusesOthers(t *testing.T) {
	ds := codecDataset(t, 2000)
	sc := newCodecScorer(t, score.Options{})
	b, err := addAll(t, sc, ds).MarshalBinary()
	require.NoError(t, err)

	otherMeta := metaOf(ds)
	otherMeta.Agencies = append([]model.Agency(nil), otherMeta.Agencies...)
	otherMeta.Agencies[0].Name = "Renamed"
	defaults, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, Curves: true})
	require.NoError(t, err)
	others := map[string]func() (*score.Accumulator, error){
		"another standard": func() (*score.Accumulator, error) { return defaults.NewAccumulator(metaOf(ds)) },
		"another AsOf": func() (*score.Accumulator, error) {
			return newCodecScorer(t, score.Options{AsOf: synthAsOf.Add(time.Second)}).NewAccumulator(metaOf(ds))
		},
		"another MinSample": func() (*score.Accumulator, error) {
			return newCodecScorer(t, score.Options{MinSample: 3}).NewAccumulator(metaOf(ds))
		},
		"another agency name": func() (*score.Accumulator, error) { return sc.NewAccumulator(otherMeta) },
		"no calendars": func() (*score.Accumulator, error) {
			m := metaOf(ds)
			m.Calendars, m.Agencies = nil, append([]model.Agency(nil), m.Agencies...)
			for i := range m.Agencies {
				m.Agencies[i].CalendarID = ""
			}
			return sc.NewAccumulator(m)
		},
	}
	for name, make := range others {
		t.Run(name, func(t *testing.T) {
			other, err := make()
			require.NoError(t, err)
			err = other.UnmarshalBinary(b)
			assert.ErrorIs(t, err, score.ErrMerge)
			rep, err := other.Report()
			require.NoError(t, err)
			for _, a := range rep.Agencies {
				assert.Zero(t, a.Inquiries, "a refused encoding leaves the accumulator empty")
			}
		})
	}

	// MaxAgencies is not in the fingerprint, but bounds the agencies an
	// encoding implies: 30 declared and 7 implied are too many for 31.
	small := newCodecScorer(t, score.Options{MaxAgencies: 31})
	lim, err := small.NewAccumulator(metaOf(ds))
	require.NoError(t, err)
	assert.ErrorIs(t, lim.UnmarshalBinary(b), score.ErrTooManyAgencies)
	enough := newCodecScorer(t, score.Options{MaxAgencies: 37})
	lim, err = enough.NewAccumulator(metaOf(ds))
	require.NoError(t, err)
	assert.NoError(t, lim.UnmarshalBinary(b))
}

// TestAccumulatorEncodingCorrupt decodes every prefix of an encoding, and
// the encoding with each byte changed: nothing panics, every prefix is
// refused, and what a changed byte makes either is refused or decodes to
// an accumulator that encodes to the same bytes.
func TestAccumulatorEncodingCorrupt(t *testing.T) {
	ds := codecDataset(t, 80)
	sc := newCodecScorer(t, score.Options{})
	acc := addAll(t, sc, ds)
	b, err := acc.MarshalBinary()
	require.NoError(t, err)
	dst := acc.Fork()
	for n := range len(b) {
		err := dst.UnmarshalBinary(b[:n])
		if !errors.Is(err, score.ErrAccumulatorEncoding) && !errors.Is(err, score.ErrMerge) {
			t.Fatalf("prefix of %d of %d bytes: %v, want ErrAccumulatorEncoding", n, len(b), err)
		}
	}
	accepted := 0
	c := bytes.Clone(b)
	for i := range c {
		for _, x := range []byte{0x01, 0x80, 0xff} {
			c[i] ^= x
			if dst.UnmarshalBinary(c) == nil {
				again, err := dst.MarshalBinary()
				require.NoError(t, err)
				require.Equal(t, c, again, "byte %d ^ %#x: accepted, but not canonical", i, x)
				if accepted++; accepted%16 == 1 { // reports cost more than decoding: a sample of them
					_, err = dst.Report()
					require.NoError(t, err)
				}
			}
			c[i] ^= x
		}
	}
	t.Logf("%d bytes, %d of %d changes accepted as other valid content", len(b), accepted, 3*len(b))
}

// TestAccumulatorEncodingContradictions hand-edits counts in a valid
// encoding of one agency with two inquiries: a count larger than the
// inquiries, or a sample of more observations, is refused.
func TestAccumulatorEncodingContradictions(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	acc, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	recv := synthAsOf.Add(-100 * time.Hour)
	for _, q := range []model.Inquiry{
		{ID: "1", AgencyID: "a", ChannelID: "a/x", ReceivedAt: recv, FirstReplyAt: recv.Add(time.Hour), Accuracy: model.AccuracyAccurate},
		{ID: "2", AgencyID: "a", ChannelID: "a/x", ReceivedAt: recv},
	} {
		require.NoError(t, acc.Add(&q))
	}
	b, err := acc.MarshalBinary()
	require.NoError(t, err)
	// After the header (4 + 1 + 32 bytes), the agency count (1) and the
	// ID (1 + 1): n.
	const at = 4 + 1 + 32 + 1 + 2
	require.Equal(t, byte(2), b[at], "n")
	dst := acc.Fork()
	require.NoError(t, dst.UnmarshalBinary(b))

	c := bytes.Clone(b)
	c[at] = 1 // one inquiry, but two in the samples and counts
	assert.ErrorIs(t, dst.UnmarshalBinary(c), score.ErrAccumulatorEncoding)
	c[at] = 0 // none
	assert.ErrorIs(t, dst.UnmarshalBinary(c), score.ErrAccumulatorEncoding)
	c = append(bytes.Clone(b), 0)
	assert.ErrorIs(t, dst.UnmarshalBinary(c), score.ErrAccumulatorEncoding, "a byte after the end")
	c = bytes.Clone(b)
	c[4] = score.AccumulatorVersion + 1
	err = dst.UnmarshalBinary(c)
	assert.ErrorIs(t, err, score.ErrAccumulatorEncoding)
	assert.ErrorContains(t, err, "version 2")
}

// documentedDecodeError reports whether err is one UnmarshalBinary
// documents: a bad encoding, another scorer's, or too many agencies.
func documentedDecodeError(err error) bool {
	return errors.Is(err, score.ErrAccumulatorEncoding) || errors.Is(err, score.ErrMerge) || errors.Is(err, score.ErrTooManyAgencies)
}

// FuzzAccumulatorUnmarshal decodes arbitrary bytes: it never panics, and
// what it accepts encodes back to the same bytes and reports.
func FuzzAccumulatorUnmarshal(f *testing.F) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, MinSample: 1})
	if err != nil {
		f.Fatal(err)
	}
	ds := synthDataset(200, 4, 3)
	for _, n := range []int{0, 1, 20, 200} {
		sub := ds
		sub.Inquiries = ds.Inquiries[:n]
		acc, err := sc.NewAccumulator(sub)
		if err != nil {
			f.Fatal(err)
		}
		b, err := acc.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	meta := metaOf(ds)
	f.Fuzz(func(t *testing.T, data []byte) {
		acc, err := sc.NewAccumulator(meta)
		if err != nil {
			t.Fatal(err)
		}
		if err := acc.UnmarshalBinary(data); err != nil {
			if !documentedDecodeError(err) {
				t.Fatalf("an error that wraps none of the documented ones: %v", err)
			}
			return
		}
		again, err := acc.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("accepted, but encodes to other bytes")
		}
		rep, err := acc.Report()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatal(err)
		}
	})
}

// BenchmarkAccumulatorBinary encodes and decodes the accumulator of
// 200,000 synthetic inquiries of 200 agencies under the default standard,
// and reports the encoding's bytes per inquiry.
func BenchmarkAccumulatorBinary(b *testing.B) {
	ds := synthDataset(200_000, 200, 1)
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(b, err)
	acc, err := sc.NewAccumulator(ds)
	require.NoError(b, err)
	enc, err := acc.MarshalBinary()
	require.NoError(b, err)
	b.Run("marshal", func(b *testing.B) {
		for b.Loop() {
			if _, err := acc.MarshalBinary(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(len(enc))/float64(len(ds.Inquiries)), "bytes/inquiry")
	})
	b.Run("unmarshal", func(b *testing.B) {
		dst := acc.Fork()
		for b.Loop() {
			if err := dst.UnmarshalBinary(enc); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestAccumulatorByAgency splits an accumulator by agency, encodes each
// part, and merges the decoded parts in reverse order: the report is the
// whole's, and the whole is left empty.
func TestAccumulatorByAgency(t *testing.T) {
	ds := codecDataset(t, 5000)
	sc := newCodecScorer(t, score.Options{})
	whole := addAll(t, sc, ds)
	rep, err := whole.Report()
	want := reportJSON(t, rep, err)

	var ids []string
	var parts [][]byte
	for id, part := range whole.ByAgency() {
		ids = append(ids, id)
		b, err := part.MarshalBinary()
		require.NoError(t, err)
		parts = append(parts, b)
	}
	assert.Len(t, ids, 37, "30 declared agencies and 7 implied, each once")
	assert.IsIncreasing(t, ids)
	empty, err := whole.MarshalBinary()
	require.NoError(t, err)
	fresh, err := sc.NewAccumulator(metaOf(ds))
	require.NoError(t, err)
	none, err := fresh.MarshalBinary()
	require.NoError(t, err)
	assert.Equal(t, none, empty, "the split accumulator is left empty")

	acc, err := sc.NewAccumulator(metaOf(ds))
	require.NoError(t, err)
	for i := len(parts) - 1; i >= 0; i-- {
		f := acc.Fork()
		require.NoError(t, f.UnmarshalBinary(parts[i]))
		require.NoError(t, acc.Merge(f))
	}
	rep, err = acc.Report()
	assert.Equal(t, want, reportJSON(t, rep, err))
}

// ExampleAccumulator_MarshalBinary encodes an accumulator, as a worker of
// a distributed runner does, and decodes it into an accumulator of the
// same scorer and metadata made elsewhere, then reports.
func ExampleAccumulator_MarshalBinary() {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, MinSample: 1})
	if err != nil {
		panic(err)
	}
	worker, _ := sc.NewAccumulator(model.Dataset{})
	recv := synthAsOf.Add(-48 * time.Hour)
	for _, q := range []model.Inquiry{
		{ID: "1", AgencyID: "moh", ChannelID: "moh/x", ReceivedAt: recv, FirstReplyAt: recv.Add(time.Hour)},
		{ID: "2", AgencyID: "moh", ChannelID: "moh/x", ReceivedAt: recv},
	} {
		if err := worker.Add(&q); err != nil {
			panic(err)
		}
	}
	b, err := worker.MarshalBinary()
	if err != nil {
		panic(err)
	}
	coordinator, _ := sc.NewAccumulator(model.Dataset{})
	part := coordinator.Fork()
	if err := part.UnmarshalBinary(b); err != nil {
		panic(err)
	}
	if err := coordinator.Merge(part); err != nil {
		panic(err)
	}
	rep, _ := coordinator.Report()
	fmt.Println(len(b) > 0, rep.Agencies[0].AgencyID, rep.Agencies[0].Inquiries)
	// Output:
	// true moh 2
}
