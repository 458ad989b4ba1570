package model

import (
	"hash/maphash"
	"math/bits"
)

// hashIDs finds repeated IDs among many, faster and in less memory than a
// map[string]struct{}: an open-addressing table of 8-byte slots, each the
// top 32 bits of the ID's hash and its position + 1. Equal hashes are
// confirmed by comparing the strings themselves, so a collision never
// reports a false duplicate.
type hashIDs struct {
	seed  maphash.Seed
	slots []uint64
	mask  uint64
	id    func(int) string // the ID at a position
}

func newHashIDs(n int, id func(int) string) *hashIDs {
	size := uint64(1) << bits.Len64(uint64(2*n+1)) // load factor <= 1/2
	return &hashIDs{seed: maphash.MakeSeed(), slots: make([]uint64, size), mask: size - 1, id: id}
}

// add records the ID at position i (i < 1<<32 - 1) and reports whether an
// equal ID was added before.
func (s *hashIDs) add(i int, id string) (dup bool) {
	h := maphash.String(s.seed, id)
	tag := h >> 32
	for p := h & s.mask; ; p = (p + 1) & s.mask {
		slot := s.slots[p]
		if slot == 0 {
			s.slots[p] = tag<<32 | uint64(i+1)
			return false
		}
		if slot>>32 == tag && s.id(int(slot&0xffffffff)-1) == id {
			return true
		}
	}
}
