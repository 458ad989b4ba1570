package sep

import (
	"math/rand/v2"
	"testing"
)

// naive is the definition of the masks, byte by byte.
func naive(data []byte) (commas, newlines []uint64) {
	commas, newlines = make([]uint64, len(data)/64), make([]uint64, len(data)/64)
	for i := range commas {
		for k := range 64 {
			switch data[64*i+k] {
			case ',':
				commas[i] |= 1 << k
			case '\n':
				newlines[i] |= 1 << k
			}
		}
	}
	return commas, newlines
}

func equal(a, b []uint64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestMasks checks Masks and the portable masks against the definition,
// on bytes drawn to be separators often and on every byte value, with
// mask slices shorter and longer than the data's blocks.
func TestMasks(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte{',', '\n', '\r', '"', 'a', 0, 0x80, 0xac, 0x8a, ',' | 0x80, '\n' | 0x80, 0xff}
	for _, size := range []int{0, 1, 63, 64, 65, 127, 128, 640, 4096 + 17} {
		for trial := range 20 {
			data := make([]byte, size)
			for i := range data {
				if trial%2 == 0 {
					data[i] = alphabet[r.IntN(len(alphabet))]
				} else {
					data[i] = byte(r.IntN(256))
				}
			}
			wantC, wantN := naive(data)
			for _, room := range []int{len(wantC), len(wantC) + 3, len(wantC) / 2} {
				c, n := make([]uint64, room), make([]uint64, room)
				done := Masks(data, c, n)
				if w := min(room, len(wantC)); done != w {
					t.Fatalf("size %d, room %d: %d blocks, want %d", size, room, done, w)
				}
				if !equal(c[:done], wantC[:done]) || !equal(n[:done], wantN[:done]) {
					t.Fatalf("size %d, room %d: masks differ from the definition", size, room)
				}
			}
			c, n := make([]uint64, len(wantC)), make([]uint64, len(wantC))
			masksGo(data[:64*len(c)], c, n)
			if !equal(c, wantC) || !equal(n, wantN) {
				t.Fatalf("size %d: portable masks differ from the definition", size)
			}
		}
	}
}

func BenchmarkMasks(b *testing.B) {
	data := make([]byte, 64<<10)
	for i := range data {
		data[i] = "abc,de\n"[i%7]
	}
	c, n := make([]uint64, len(data)/64), make([]uint64, len(data)/64)
	b.SetBytes(int64(len(data)))
	b.Run("asm", func(b *testing.B) {
		for b.Loop() {
			Masks(data, c, n)
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			masksGo(data, c, n)
		}
	})
}
