package stats

import (
	"bytes"
	"cmp"
	"errors"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// observations returns the observations of s, sorted.
func observations(s *Sample) []Obs {
	var obs []Obs
	s.Each(func(t int64, event bool) { obs = append(obs, Obs{t, event}) })
	slices.SortFunc(obs, func(a, b Obs) int {
		if c := cmp.Compare(a.Time, b.Time); c != 0 {
			return c
		}
		return boolOrder(a.Event, b.Event)
	})
	return obs
}

func boolOrder(a, b bool) int {
	switch {
	case a == b:
		return 0
	case !a:
		return -1
	}
	return 1
}

func TestSampleBinaryRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 7))
	for _, n := range []int{0, 1, 2, 5, 1000, 40_000} {
		var s Sample
		for range n {
			t := rng.Int64N(30 * 86400)
			switch rng.IntN(20) {
			case 0:
				t = 1<<31 + rng.Int64N(1<<40) // a wide key
			case 1:
				t = -rng.Int64N(1000) - 1 // before receipt, as a hostile clock could say
			}
			s.Add(t, rng.IntN(3) > 0)
		}
		b, err := s.MarshalBinary()
		require.NoError(t, err)
		var back Sample
		require.NoError(t, back.UnmarshalBinary(b), "n %d", n)
		assert.Equal(t, s.Len(), back.Len())
		assert.Equal(t, observations(&s), observations(&back), "n %d", n)
		again, _ := back.MarshalBinary()
		assert.True(t, bytes.Equal(b, again), "n %d: a decoded sample encodes to the same bytes", n)
		if n > 0 {
			assert.Equal(t, s.Curve().Surv, back.Curve().Surv)
		}
	}
}

func TestSampleBinaryIsCanonical(t *testing.T) {
	// The same observations, added in another order and split across
	// samples merged differently, encode to the same bytes.
	rng := rand.New(rand.NewPCG(3, 4))
	obs := make([]Obs, 10_000)
	for i := range obs {
		obs[i] = Obs{rng.Int64N(1e6), rng.IntN(2) == 0}
	}
	var one Sample
	for _, o := range obs {
		one.Add(o.Time, o.Event)
	}
	want, _ := one.MarshalBinary()
	rng.Shuffle(len(obs), func(i, j int) { obs[i], obs[j] = obs[j], obs[i] })
	parts := make([]Sample, 7)
	for i, o := range obs {
		parts[i%7].Add(o.Time, o.Event)
	}
	for i := 6; i > 0; i-- {
		parts[i-1].Merge(&parts[i])
	}
	got, _ := parts[0].MarshalBinary()
	assert.True(t, bytes.Equal(want, got))
}

func TestSampleBinaryErrors(t *testing.T) {
	var s Sample
	s.Add(5, true)
	s.Add(9, false)
	good, _ := s.MarshalBinary()
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"another version", append([]byte{2}, good[1:]...)},
		{"cut short", good[:len(good)-1]},
		{"a count larger than the data", []byte{1, 0xff, 0xff, 0xff, 0xff, 0x0f, 1}},
		{"a bytes after", append(slices.Clone(good), 0)},
		{"a count not in its shortest form", []byte{1, 0x82, 0x00, 10, 8}},
		{"a key not in its shortest form", []byte{1, 1, 0x8a, 0x00}},
		{"a delta past the range", []byte{1, 2, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f}},
	} {
		var d Sample
		err := d.UnmarshalBinary(tc.data)
		assert.True(t, errors.Is(err, ErrSampleEncoding), "%s: %v", tc.name, err)
	}
}

// FuzzSampleBinary checks that no data makes decoding panic or allocate
// more than a key a byte, and that whatever decodes encodes back to the
// same bytes: the encoding is canonical, and the decoder takes no other
// spelling of a sample.
func FuzzSampleBinary(f *testing.F) {
	var s Sample
	for i := range 50 {
		s.Add(int64(i*i*37), i%3 != 0)
	}
	s.Add(1<<40, true)
	good, _ := s.MarshalBinary()
	f.Add(good)
	f.Add([]byte{1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		var d Sample
		if err := d.UnmarshalBinary(data); err != nil {
			return
		}
		if d.Len() > len(data) {
			t.Fatalf("%d observations from %d bytes", d.Len(), len(data))
		}
		if b, _ := d.MarshalBinary(); !bytes.Equal(b, data) {
			t.Fatalf("% x decodes, but encodes as % x", data, b)
		}
	})
}
