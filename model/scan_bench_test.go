package model

import (
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
