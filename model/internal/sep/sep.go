package sep

import "encoding/binary"

// Masks sets commas[i] and newlines[i] to the masks of the commas and
// of the line feeds of the i-th block of 64 bytes of data: bit k is set
// when byte 64*i+k is one. It fills the masks of the whole blocks of data,
// as many as the shorter of commas and newlines holds, and returns their
// number; the bytes after them are left to the caller.
func Masks(data []byte, commas, newlines []uint64) int {
	n := min(len(data)/64, len(commas), len(newlines))
	if n > 0 {
		masks(data[:64*n], commas[:n], newlines[:n])
	}
	return n
}

// masksGo is masks in portable Go: eight bytes at a time, the high bit of
// each byte that matches gathered into a byte of the mask.
func masksGo(data []byte, commas, newlines []uint64) {
	const (
		lo     = 0x0101010101010101
		gather = 0x0102040810204080 // moves bit 8k to bit 56+k, k in [0, 8), adding no other bit there
	)
	for i := range commas {
		var c, n uint64
		for k := 0; k < 8; k++ {
			w := binary.LittleEndian.Uint64(data[64*i+8*k:])
			c |= ((zero(w^','*lo) >> 7) * gather >> 56) << (8 * k)
			n |= ((zero(w^'\n'*lo) >> 7) * gather >> 56) << (8 * k)
		}
		commas[i], newlines[i] = c, n
	}
}

// zero returns a word with the high bit set of each byte of w that is
// zero, and no other bit.
func zero(w uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((w&low7 + low7) | w | low7)
}
