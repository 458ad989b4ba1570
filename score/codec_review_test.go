package score

import (
	"encoding/binary"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
)

// The tests of this file hold the decoder and Merge to what a review of
// the encoding found them wrong on; each failed before its fix. The
// encodings are written by hand, field by field, as codec.go documents
// the format.

// agencyBytes is one agency of a hand-written encoding.
type agencyBytes struct {
	id        string
	n, after  uint64
	first     int64
	firstNs   uint64
	counts    [3]uint64 // n, k and pending of every counter
	grade0    uint64    // the first grade of every grade tally
	sample    []byte    // every sample; nil: empty
	days      []byte    // every day tally; nil: empty
	daysCount uint64
}

// encodeBy writes an encoding of the agencies for a's scorer and metadata.
func encodeBy(a *Accumulator, ags ...agencyBytes) []byte {
	b := append([]byte(accMagic), AccumulatorVersion)
	fp := a.b.fingerprint()
	b = append(b, fp[:]...)
	b = binary.AppendUvarint(b, uint64(len(ags)))
	p := &a.b.s.plan
	for _, g := range ags {
		b = binary.AppendUvarint(b, uint64(len(g.id)))
		b = append(b, g.id...)
		b = binary.AppendUvarint(b, g.n)
		b = binary.AppendUvarint(b, g.after)
		if g.n > 0 {
			b = binary.AppendVarint(b, g.first)
			b = binary.AppendUvarint(b, g.firstNs)
		}
		b = binary.AppendUvarint(b, 0) // silent
		b = binary.AppendUvarint(b, 0) // oldest
		for range p.counted {
			for _, v := range g.counts {
				b = binary.AppendUvarint(b, v)
			}
		}
		for range p.grades {
			b = binary.AppendUvarint(b, g.grade0)
			b = append(b, 0, 0, 0, 0)
		}
		for range p.curves {
			if g.sample != nil {
				b = append(b, g.sample...)
			} else {
				b = append(b, 1, 0) // version 1, no key
			}
		}
		for range p.days {
			if g.days != nil {
				b = append(b, g.days...)
			} else {
				b = binary.AppendUvarint(b, g.daysCount)
				b = append(b, 0, 0, 0) // not open, no wait, no reply
			}
		}
	}
	return b
}

// reviewScorer returns a scorer of the default standard with AsOf
// 2026-01-01 UTC, and an empty accumulator of it with three declared
// agencies.
func reviewScorer(t *testing.T, opts Options) (*Scorer, *Accumulator) {
	t.Helper()
	opts.AsOf = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	sc, err := New(rubric.Default(), opts)
	require.NoError(t, err)
	meta := model.Dataset{Agencies: []model.Agency{{ID: "a1"}, {ID: "a2"}, {ID: "a3"}}}
	a, err := sc.NewAccumulator(meta)
	require.NoError(t, err)
	return sc, a
}

func TestMergeRefusesCountsBeyondMaxCount(t *testing.T) {
	sc, root := reviewScorer(t, Options{})
	big := encodeBy(root, agencyBytes{id: "a1", n: MaxCount, first: sc.asOf - 86400, counts: [3]uint64{MaxCount, 0, 0}})
	total := root.Fork()
	for i := range 2 {
		f := root.Fork()
		require.NoError(t, f.UnmarshalBinary(big))
		err := total.Merge(f)
		if i == 0 {
			require.NoError(t, err)
			continue
		}
		assert.ErrorIs(t, err, ErrMerge, "2 × MaxCount inquiries")
	}
	assert.Equal(t, MaxCount, total.own.byNumber[0].n, "the refused merge changed nothing")
	_, err := total.Report()
	assert.NoError(t, err)
}

func TestDecodedDayCountsDoNotSizeMerges(t *testing.T) {
	// Two encodings of 100 agencies, each with a count of 2^40
	// (hugeCount) and 17 one-day waits, at either end of the range of
	// days: merged, their bits could span the whole range (500 KB a
	// tally) from 17 entries.
	sc, root := reviewScorer(t, Options{MaxAgencies: 1000})
	days := func(from int64) []byte {
		b := binary.AppendUvarint(nil, hugeCount)
		b = append(b, 0)
		b = binary.AppendUvarint(b, 17)
		b = binary.AppendVarint(b, from)
		b = binary.AppendUvarint(b, 0)
		for range 16 {
			b = binary.AppendUvarint(b, 2)
			b = binary.AppendUvarint(b, 0)
		}
		return binary.AppendUvarint(b, 0)
	}
	enc := func(from int64) []byte {
		var ags []agencyBytes
		for i := range 100 {
			ags = append(ags, agencyBytes{id: "x" + string(rune('a'+i/26)) + string(rune('a'+i%26)), n: hugeCount,
				first: sc.asOf - 86400, counts: [3]uint64{1, 0, 0}, days: days(from)})
		}
		return encodeBy(root, ags...)
	}
	lo, hi := root.Fork(), root.Fork()
	require.NoError(t, lo.UnmarshalBinary(enc(minDay)))
	require.NoError(t, hi.UnmarshalBinary(enc(maxDay-100)))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	require.NoError(t, lo.Merge(hi))
	runtime.ReadMemStats(&after)
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(8<<20), "bytes allocated to merge 100 agencies of 34 day entries")
}

func TestFailedDecodeImpliesNoAgency(t *testing.T) {
	sc, root := reviewScorer(t, Options{MaxAgencies: 4}) // three declared, room for one more
	bad := append(encodeBy(root, agencyBytes{id: "evil", n: 1, first: sc.asOf - 86400, counts: [3]uint64{1, 0, 0}}), 0)
	require.ErrorIs(t, root.Fork().UnmarshalBinary(bad), ErrAccumulatorEncoding)
	q := model.Inquiry{ID: "1", AgencyID: "real", ChannelID: "real/x", ReceivedAt: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}
	assert.NoError(t, root.Add(&q), "the room for an implied agency is still there")
}

func TestDecodeRefusesContradictions(t *testing.T) {
	sc, root := reviewScorer(t, Options{})
	one := agencyBytes{id: "a1", n: 1, first: sc.asOf - 86400, counts: [3]uint64{1, 0, 0}}
	require.NoError(t, root.Fork().UnmarshalBinary(encodeBy(root, one)), "the base case decodes")

	negative := one
	negative.sample = binary.AppendVarint([]byte{1, 1}, -100_000<<1|1) // version 1, one key: an event at -100,000 s
	openNone := one
	openNone.days = []byte{0, 1} // a count of 0, open
	openNone.days = binary.AppendVarint(openNone.days, 20000)
	openNone.days = append(openNone.days, 0, 0)
	late := one
	late.first, late.firstNs = sc.asOf, 999_999_999 // a fraction of a second after AsOf
	for name, ag := range map[string]agencyBytes{"a negative reply time": negative, "days waiting of no inquiry": openNone, "a receipt after AsOf": late} {
		err := root.Fork().UnmarshalBinary(encodeBy(root, ag))
		assert.True(t, errors.Is(err, ErrAccumulatorEncoding), "%s: %v", name, err)
	}
}

// respan returns the trend encoding data with its span of receipts
// replaced by first to last.
func respan(t *testing.T, data []byte, first, last time.Time) []byte {
	t.Helper()
	head := len(trendMagic) + 1 + 32
	d := &decoder{b: data[head:]}
	d.uvarint("outside")
	require.Equal(t, byte(1), d.b[0], "a span")
	rest := &decoder{b: d.b[1:]}
	rest.instant("first")
	rest.instant("last")
	require.NoError(t, rest.err)
	out := append([]byte(nil), data[:len(data)-len(d.b)]...)
	out = append(out, 1)
	for _, x := range []time.Time{first, last} {
		out = binary.AppendVarint(out, x.Unix())
		out = binary.AppendUvarint(out, uint64(x.Nanosecond()))
	}
	return append(out, rest.b...)
}

func TestTrendSpanWithinPeriods(t *testing.T) {
	sc, _ := reviewScorer(t, Options{})
	meta := model.Dataset{Agencies: []model.Agency{{ID: "a1"}}}
	tr, err := sc.NewTrend(meta, Periods{Unit: Month})
	require.NoError(t, err)
	oct := time.Date(2025, 10, 15, 0, 0, 0, 0, time.UTC)
	require.NoError(t, tr.Add(&model.Inquiry{ID: "1", AgencyID: "a1", ChannelID: "a1/x", ReceivedAt: oct}))
	data, err := tr.MarshalBinary()
	require.NoError(t, err)
	fresh := func() *TrendAccumulator {
		f, err := sc.NewTrend(meta, Periods{Unit: Month})
		require.NoError(t, err)
		return f
	}
	require.NoError(t, fresh().UnmarshalBinary(respan(t, data, oct, oct)), "the span as Add keeps it")

	// A span that ends before the period with the inquiry: the report
	// would leave the period out.
	jul := time.Date(2025, 7, 15, 0, 0, 0, 0, time.UTC)
	assert.ErrorIs(t, fresh().UnmarshalBinary(respan(t, data, jul, jul)), ErrAccumulatorEncoding)
	// A span from 1970: 672 months, beyond MaxPeriods.
	epoch := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)
	assert.ErrorIs(t, fresh().UnmarshalBinary(respan(t, data, epoch, oct)), ErrAccumulatorEncoding)
}
