package model

import (
	"fmt"
	"testing"
)

func BenchmarkTimeParse(b *testing.B) {
	var p timeParser
	s := []byte("2025-10-02T22:04:30+03:00")
	for b.Loop() {
		if _, err := p.parse(s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCSVRecords splits lines of the shape gen.py writes (seven
// short fields, no quotes) into fields, as the parallel reader does: with
// the masks of package sep (walk=masks, where they are in assembly), and
// with a byte search for each separator (walk=search).
func BenchmarkCSVRecords(b *testing.B) {
	var buf []byte
	for i := range 20000 {
		buf = fmt.Appendf(buf, "%d,agency-%03d,whatsapp,public,2025-10-02T22:04:30+03:00,2025-10-03T00:02:51+03:00,partial\n", i+1, i%200)
	}
	defer func(v bool) { forceSearch = v }(forceSearch)
	for _, search := range []bool{false, true} {
		name := "walk=masks"
		if search {
			name = "walk=search"
		}
		b.Run(name, func(b *testing.B) {
			forceSearch = search
			b.SetBytes(int64(len(buf)))
			for b.Loop() {
				n := 0
				csvRecords(buf, 2, func(_, _, _ int, rec [][]byte, _ bool, _ error) bool {
					n += len(rec)
					return true
				})
				if n != 7*20000 {
					b.Fatal(n)
				}
			}
		})
	}
}
