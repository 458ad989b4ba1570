package score_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// trendOf returns a trend by quarter of sc for ds's metadata, to which
// the inquiries of ds from lo to hi were added.
func trendOf(t testing.TB, sc *score.Scorer, ds model.Dataset, p score.Periods, lo, hi int) *score.TrendAccumulator {
	t.Helper()
	tr, err := sc.NewTrend(metaOf(ds), p)
	require.NoError(t, err)
	for i := lo; i < hi; i++ {
		require.NoError(t, tr.Add(&ds.Inquiries[i]))
	}
	return tr
}

func trendReportJSON(t testing.TB, tr *score.TrendAccumulator) string {
	t.Helper()
	rep, err := tr.Report()
	require.NoError(t, err)
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	return string(b)
}

// TestTrendEncodingRoundTrip encodes a trend by quarter in shards made by
// other scorers, decodes them in shuffled order and merges: the trend is
// the whole's, byte for byte, and so is the encoding. The same holds for
// the parts ByPart yields, merged back in reverse.
func TestTrendEncodingRoundTrip(t *testing.T) {
	ds := codecDataset(t, 12_000)
	// Some inquiries after AsOf, counted in the last period.
	for i := 5; i < len(ds.Inquiries); i += 500 {
		ds.Inquiries[i].ReceivedAt = synthAsOf.Add(1e9)
		ds.Inquiries[i].FirstReplyAt = ds.Inquiries[i].ReceivedAt.Add(1e9)
	}
	quarters := score.Periods{Unit: score.Quarter}
	sc := newCodecScorer(t, score.Options{})
	whole := trendOf(t, sc, ds, quarters, 0, len(ds.Inquiries))
	wholeBytes, err := whole.MarshalBinary()
	require.NoError(t, err)
	want := trendReportJSON(t, whole)

	const shards = 6
	qs := shuffled(ds, 4)
	qs.Calendars = ds.Calendars
	var encoded [][]byte
	for i := range shards {
		other := newCodecScorer(t, score.Options{})
		tr := trendOf(t, other, qs, quarters, len(qs.Inquiries)*i/shards, len(qs.Inquiries)*(i+1)/shards)
		b, err := tr.MarshalBinary()
		require.NoError(t, err)
		encoded = append(encoded, b)
	}
	acc := trendOf(t, sc, ds, quarters, 0, 0)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, i := range rng.Perm(shards) {
		f := acc.Fork()
		require.NoError(t, f.UnmarshalBinary(encoded[i]))
		require.NoError(t, acc.Merge(f))
	}
	got, err := acc.MarshalBinary()
	require.NoError(t, err)
	assert.True(t, bytes.Equal(wholeBytes, got), "the merged shards encode differently from the whole")
	assert.Equal(t, want, trendReportJSON(t, acc))

	// By part: the whole's part first, then period by period.
	var parts [][]byte
	var names []string
	for part, f := range trendOf(t, sc, ds, quarters, 0, len(ds.Inquiries)).ByPart() {
		names = append(names, part.String())
		b, err := f.MarshalBinary()
		require.NoError(t, err)
		parts = append(parts, b)
	}
	require.NotEmpty(t, names)
	assert.Equal(t, "", names[0], "the whole trend's part comes first")
	assert.Contains(t, names, "2025Q1 agency-000")
	assert.Contains(t, names, "2025Q4 implied-a")
	seen := map[string]bool{}
	for _, n := range names {
		assert.False(t, seen[n], "part %q twice", n)
		seen[n] = true
	}
	back := trendOf(t, sc, ds, quarters, 0, 0)
	for i := len(parts) - 1; i >= 0; i-- {
		f := back.Fork()
		require.NoError(t, f.UnmarshalBinary(parts[i]))
		require.NoError(t, back.Merge(f))
	}
	assert.Equal(t, want, trendReportJSON(t, back))
}

// TestTrendEncodingRefusesOthers decodes a trend into trends of other
// periods, follow-up or cut-off: each is refused with ErrMerge.
func TestTrendEncodingRefusesOthers(t *testing.T) {
	ds := codecDataset(t, 2000)
	sc := newCodecScorer(t, score.Options{})
	b, err := trendOf(t, sc, ds, score.Periods{Unit: score.Quarter}, 0, len(ds.Inquiries)).MarshalBinary()
	require.NoError(t, err)
	for name, p := range map[string]score.Periods{
		"months":    {Unit: score.Month},
		"follow-up": {Unit: score.Quarter, FollowUpDays: 10},
		"bounds":    {Bounds: []time.Time{synthAsOf.AddDate(-1, 0, 0), synthAsOf}},
	} {
		t.Run(name, func(t *testing.T) {
			other := trendOf(t, sc, ds, p, 0, 0)
			assert.ErrorIs(t, other.UnmarshalBinary(b), score.ErrMerge)
		})
	}
	// An accumulator's encoding is not a trend's, and the other way round.
	acc := addAll(t, sc, ds)
	ab, err := acc.MarshalBinary()
	require.NoError(t, err)
	assert.ErrorIs(t, trendOf(t, sc, ds, score.Periods{Unit: score.Quarter}, 0, 0).UnmarshalBinary(ab), score.ErrAccumulatorEncoding)
	assert.ErrorIs(t, acc.Fork().UnmarshalBinary(b), score.ErrAccumulatorEncoding)
}

// TestTrendEncodingCorrupt decodes every prefix of a trend's encoding,
// and the encoding with bytes changed: nothing panics, every prefix is
// refused, and whatever is accepted encodes back to the same bytes.
func TestTrendEncodingCorrupt(t *testing.T) {
	ds := codecDataset(t, 40)
	sc := newCodecScorer(t, score.Options{})
	tr := trendOf(t, sc, ds, score.Periods{Unit: score.Quarter}, 0, len(ds.Inquiries))
	b, err := tr.MarshalBinary()
	require.NoError(t, err)
	dst := tr.Fork()
	for n := range len(b) {
		err := dst.UnmarshalBinary(b[:n])
		if !errors.Is(err, score.ErrAccumulatorEncoding) {
			t.Fatalf("prefix of %d of %d bytes: %v, want ErrAccumulatorEncoding", n, len(b), err)
		}
	}
	accepted := 0
	c := bytes.Clone(b)
	for i := range c {
		for _, x := range []byte{0x01, 0x80} {
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
}

// FuzzTrendUnmarshal decodes arbitrary bytes into a trend by quarter: it
// never panics, and what it accepts encodes back to the same bytes and
// reports.
func FuzzTrendUnmarshal(f *testing.F) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, MinSample: 1})
	if err != nil {
		f.Fatal(err)
	}
	ds := synthDataset(100, 3, 5)
	p := score.Periods{Unit: score.Quarter}
	for _, n := range []int{0, 1, 100} {
		tr := trendOf(f, sc, ds, p, 0, n)
		b, err := tr.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	meta := metaOf(ds)
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := sc.NewTrend(meta, p)
		if err != nil {
			t.Fatal(err)
		}
		if err := tr.UnmarshalBinary(data); err != nil {
			if !documentedDecodeError(err) {
				t.Fatalf("an error that wraps none of the documented ones: %v", err)
			}
			return
		}
		again, err := tr.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again, data) {
			t.Fatalf("accepted, but encodes to other bytes")
		}
		if _, err := tr.Report(); err != nil {
			t.Fatal(err)
		}
	})
}
