package stats

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
)

// The binary encoding of a Sample, version 1, for accumulators that travel
// between machines (a distributed runner merges them):
//
//	version  byte      1
//	n        uvarint   the number of observations
//	keys     n × uvarint   the keys time<<1 | event, sorted, the first
//	                   zig-zag encoded, each other the difference from the
//	                   one before (never negative)
//
// A Sample is a multiset, so the keys are sorted: samples holding the same
// observations, in any order and however they were merged, encode to the
// same bytes.

// sampleVersion is the version of the encoding AppendBinary writes.
const sampleVersion = 1

// ErrSampleEncoding is returned, wrapped, for data that is not a Sample's
// encoding.
var ErrSampleEncoding = errors.New("stats: not a sample encoding")

// AppendBinary appends the encoding of s to b.
func (s *Sample) AppendBinary(b []byte) []byte {
	keys := make([]int64, 0, s.n)
	s.Each(func(t int64, event bool) {
		k := t << 1
		if event {
			k |= 1
		}
		keys = append(keys, k)
	})
	slices.Sort(keys)
	b = append(b, sampleVersion)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for i, k := range keys {
		if i == 0 {
			b = binary.AppendUvarint(b, uint64(k<<1^k>>63)) // zig-zag
		} else {
			b = binary.AppendUvarint(b, uint64(k-keys[i-1]))
		}
	}
	return b
}

// MarshalBinary returns the encoding of s.
func (s *Sample) MarshalBinary() ([]byte, error) { return s.AppendBinary(nil), nil }

// UnmarshalBinary replaces s with the sample data encodes, which must be
// all of one encoding.
func (s *Sample) UnmarshalBinary(data []byte) error {
	rest, err := s.ReadBinary(data)
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("%w: %d bytes after the sample", ErrSampleEncoding, len(rest))
	}
	return err
}

// ReadBinary replaces s with the sample encoded at the start of data and
// returns what follows it. Corrupt or hostile data is an error wrapping
// [ErrSampleEncoding], never a panic, and s allocates at most one key for
// each byte of data.
func (s *Sample) ReadBinary(data []byte) ([]byte, error) {
	*s = Sample{}
	if len(data) == 0 || data[0] != sampleVersion {
		return nil, fmt.Errorf("%w: no version %d", ErrSampleEncoding, sampleVersion)
	}
	data = data[1:]
	n, w := uvarint(data)
	if w <= 0 || n > uint64(len(data)-w) { // each key takes a byte at least
		return nil, fmt.Errorf("%w: bad count", ErrSampleEncoding)
	}
	data = data[w:]
	var prev int64
	for i := range n {
		u, w := uvarint(data)
		if w <= 0 {
			return nil, fmt.Errorf("%w: key %d is cut short or not in its shortest form", ErrSampleEncoding, i)
		}
		data = data[w:]
		k := int64(u>>1) ^ -int64(u&1) // the first key, zig-zag decoded
		if i > 0 {
			if u > 1<<62 || prev > 1<<62-int64(u) {
				return nil, fmt.Errorf("%w: key %d out of range", ErrSampleEncoding, i)
			}
			k = prev + int64(u)
		}
		if k>>1 <= -1<<61 || k>>1 >= 1<<61 {
			return nil, fmt.Errorf("%w: key %d out of range", ErrSampleEncoding, i)
		}
		s.Add(k>>1, k&1 == 1)
		prev = k
	}
	return data, nil
}

// uvarint is binary.Uvarint that refuses a value not in its shortest form
// (a last byte of 0 after others), so that each sample has one encoding.
func uvarint(b []byte) (uint64, int) {
	v, n := binary.Uvarint(b)
	if n > 1 && b[n-1] == 0 {
		return 0, 0
	}
	return v, n
}
