package score

import (
	"encoding/binary"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hugeCount is a count that no input can check: 2^40, or half of MaxCount
// where an int has 32 bits, so that two of them merge.
const hugeCount = min(1<<40, MaxCount/2)

// TestDayTallyDecodeIsBounded decodes a hostile day tally: a count of
// 2^40 inquiries, which nothing can check, and twenty one-day waits
// spread over five thousand years. Added with that count, their bits
// could span 30,000 words (475 KB) from 60 bytes; decoded, the tally
// allocates a few kilobytes, and counts the same days.
func TestDayTallyDecodeIsBounded(t *testing.T) {
	var b []byte
	b = binary.AppendUvarint(b, hugeCount) // n
	b = append(b, 0)                       // not open
	b = binary.AppendUvarint(b, 20)        // waits
	b = binary.AppendVarint(b, minDay)
	b = binary.AppendUvarint(b, 0)
	for range 19 {
		b = binary.AppendUvarint(b, 100_000) // gap
		b = binary.AppendUvarint(b, 0)       // one day
	}
	b = binary.AppendUvarint(b, 0) // no replies

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	var tally dayTally
	d := &decoder{b: b}
	tally.decode(d, hugeCount)
	runtime.ReadMemStats(&after)
	require.NoError(t, d.err)
	assert.Empty(t, d.b, "every byte read")
	assert.Less(t, after.TotalAlloc-before.TotalAlloc, uint64(16<<10), "bytes allocated to decode %d bytes", len(b))
	assert.Equal(t, hugeCount, tally.n)
	waiting, replied := tally.count(minDay, maxDay)
	assert.Equal(t, 20, waiting)
	assert.Zero(t, replied)
}
