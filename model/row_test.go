package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rowRecorder is a RowSink that records each row's inquiry and channel
// number; Add must not be called, as the readers prefer AddRow.
type rowRecorder struct {
	t    *testing.T
	rows []recordedRow
}

type recordedRow struct {
	q    Inquiry
	read ReadID
	n    int
}

func (s *rowRecorder) Add(*Inquiry) error {
	s.t.Error("Add called on a RowSink")
	return nil
}

func (s *rowRecorder) AddRow(r *Row) error {
	read, n := r.Channel()
	s.rows = append(s.rows, recordedRow{r.Inquiry(), read, n})
	return nil
}

func (s *rowRecorder) Fork() *rowRecorder { return &rowRecorder{t: s.t} }

func (s *rowRecorder) Merge(o *rowRecorder) error {
	s.rows = append(s.rows, o.rows...)
	return nil
}

// checkNumbers checks the channel numbers of the rows of one read: one
// ReadID, and numbers that stand for agency and channel pairs one for
// one, from 0 up. It returns the number of pairs numbered.
func checkNumbers(t *testing.T, rows []recordedRow) int {
	t.Helper()
	byPair := map[[2]string]int{}
	byNumber := map[int][2]string{}
	for _, r := range rows {
		require.NotEqual(t, ReadID{}, r.read, "row %s: the ReadID of a read", r.q.ID)
		require.Equal(t, rows[0].read, r.read, "row %s: one ReadID for the read", r.q.ID)
		if r.n < 0 {
			continue
		}
		pair := [2]string{r.q.AgencyID, r.q.ChannelID}
		if n, ok := byPair[pair]; ok {
			require.Equal(t, n, r.n, "row %s: the number of %v", r.q.ID, pair)
		}
		if p, ok := byNumber[r.n]; ok {
			require.Equal(t, p, pair, "row %s: the pair of number %d", r.q.ID, r.n)
		}
		byPair[pair], byNumber[r.n] = r.n, pair
	}
	for n := range byNumber {
		require.True(t, n < len(byNumber), "number %d of %d pairs: numbers count from 0", n, len(byNumber))
	}
	return len(byPair)
}

// TestScanRowNumbers reads, on one goroutine and on several in tiny
// chunks, rows of implied channels (a channel column) and of named ones
// (a channel_id column), a named channel of one agency given to another,
// and an implied channel's ID named in the channel_id column: every row
// reaches a RowSink, with numbers that stand for its agency and channel.
func TestScanRowNumbers(t *testing.T) {
	defer func(size int) { scanChunkSize = size }(scanChunkSize)
	var b strings.Builder
	b.WriteString("id,agency_id,channel_id,channel,received_at\n")
	for i := range 300 {
		ag := fmt.Sprintf("ag-%d", i%7)
		switch i % 5 {
		case 0, 1:
			fmt.Fprintf(&b, "%d,%s,,%s,2025-01-01T00:00:00Z\n", i, ag, ChannelKinds()[i%3])
		case 2:
			fmt.Fprintf(&b, "%d,%s,%s-desk,,2025-01-01T00:00:00Z\n", i, ag, ag)
		case 3:
			fmt.Fprintf(&b, "%d,%s,ag-0-desk,,2025-01-01T00:00:00Z\n", i, ag) // ag-0's channel
		default:
			fmt.Fprintf(&b, "%d,%s,%s/x,,2025-01-01T00:00:00Z\n", i, ag, ag) // the implied X channel, named
		}
	}
	in := b.String()
	for _, size := range []int{2 << 20, 200} {
		for _, workers := range []int{1, 2, 8} {
			scanChunkSize = size
			sink := &rowRecorder{t: t}
			acct, err := ScanInquiriesCSV(strings.NewReader(in), ReadOptions{Workers: workers}, sink)
			require.NoError(t, err)
			require.Equal(t, 300, acct.Accepted)
			require.Len(t, sink.rows, 300, "chunks of %d, %d workers: rows", size, workers)
			pairs := checkNumbers(t, sink.rows)
			assert.LessOrEqual(t, pairs, 7*3+7+7+7, "chunks of %d, %d workers: pairs", size, workers)
			for _, r := range sink.rows {
				if r.q.ChannelID != "ag-0-desk" {
					// Only the rows of a named channel with another
					// agency than the one it was first seen with go
					// without a number: here, rows of ag-0-desk.
					assert.GreaterOrEqual(t, r.n, 0, "chunks of %d, %d workers: row %s of %s on %s",
						size, workers, r.q.ID, r.q.AgencyID, r.q.ChannelID)
				}
			}
		}
	}

	// Two reads: two ReadIDs.
	one, two := &rowRecorder{t: t}, &rowRecorder{t: t}
	_, err := ScanInquiriesCSV(strings.NewReader(in), ReadOptions{}, one)
	require.NoError(t, err)
	_, err = ScanInquiriesJSONL(strings.NewReader(`{"id":"1","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z"}`+"\n"), ReadOptions{}, two)
	require.NoError(t, err)
	require.Len(t, two.rows, 1)
	assert.NotEqual(t, one.rows[0].read, two.rows[0].read, "the ReadIDs of two reads")
	assert.Equal(t, 0, two.rows[0].n, "the first pair of a read")
}

// TestScanRowNumbersBounded reads more agency and channel pairs than a
// read numbers: the rows past MaxRowChannels have no number, and still
// reach the sink.
func TestScanRowNumbersBounded(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,agency_id,channel,received_at\n")
	const n = MaxRowChannels + 10
	for i := range n {
		fmt.Fprintf(&b, "%d,ag-%d,email,2025-01-01T00:00:00Z\n", i, i)
	}
	sink := &rowRecorder{t: t}
	_, err := ScanInquiriesCSV(strings.NewReader(b.String()), ReadOptions{}, sink)
	require.NoError(t, err)
	require.Len(t, sink.rows, n)
	assert.Equal(t, MaxRowChannels, checkNumbers(t, sink.rows), "pairs numbered")
	without := 0
	for _, r := range sink.rows {
		if r.n < 0 {
			without++
		}
	}
	assert.Equal(t, 10, without, "rows without a number")
}

func TestZeroRow(t *testing.T) {
	var r Row
	assert.Equal(t, Inquiry{}, r.Inquiry())
	read, n := r.Channel()
	assert.Equal(t, ReadID{}, read)
	assert.Equal(t, -1, n)
}

// TestRowNumbersLongIDs: a pair whose IDs are longer than the numbering
// keeps has no number, and its rows still reach the sink.
func TestRowNumbersLongIDs(t *testing.T) {
	long := strings.Repeat("a", maxRowKey)
	in := "id,agency_id,channel,received_at\n1," + long + ",x,2025-01-01T00:00:00Z\n2,b,x,2025-01-01T00:00:00Z\n"
	sink := &rowRecorder{t: t}
	_, err := ScanInquiriesCSV(strings.NewReader(in), ReadOptions{}, sink)
	require.NoError(t, err)
	require.Len(t, sink.rows, 2)
	assert.Equal(t, -1, sink.rows[0].n, "the long pair")
	assert.Equal(t, 0, sink.rows[1].n, "the short pair")
}
