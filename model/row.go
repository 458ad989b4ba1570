package model

import (
	"sync"
	"sync/atomic"
)

// A RowSink is an [InquirySink] that also takes the rows of a streaming
// read as [Row] values. [ScanInquiriesCSV] and [ScanInquiriesJSONL] hand
// a RowSink each row they accept through AddRow instead of Add; a
// score.Accumulator is one. A sink that tallies inquiries without keeping
// them saves, per row, checking again what the reader checked and looking
// up the row's channel by its ID: the number of the row's agency and
// channel ([Row.Channel]) indexes a table.
//
// AddRow must do what Add does with the row's inquiry. As with io.Copy's
// io.ReaderFrom, a type that embeds a RowSink and changes Add must change
// or hide AddRow too: the readers call the AddRow it inherits, and its
// own Add is never called.
type RowSink interface {
	InquirySink
	// AddRow takes one row that passed the reader's checks, as Add takes
	// an inquiry: the pointer is valid only during the call, and a non-nil
	// error rejects the row.
	AddRow(r *Row) error
}

// A Row is one row that a streaming read accepted: its inquiry, which
// passed [Inquiry.Validate], and a number for its agency and channel. Only
// the readers of this package make Rows with a non-zero [ReadID], and a
// Row's inquiry cannot be changed, only copied out ([Row.Inquiry]), so a
// sink can trust such a Row as the reader checked it. The zero Row has
// the zero Inquiry and no read: a sink checks it as it checks any
// inquiry.
//
// A Row holds its inquiry, so a copy of one kept after AddRow returns is
// still the row it was, with its number.
type Row struct {
	q    Inquiry
	read ReadID
	ch   int32
}

// Inquiry returns a copy of the row's inquiry. Its strings may be kept,
// as those of an inquiry passed to [InquirySink.Add].
func (r *Row) Inquiry() Inquiry { return r.q }

// Channel returns the read the row comes from and a number for its
// agency and channel in that read, as in a dictionary encoding: rows of
// one read with the same number have the same agency ID and the same
// channel ID (named, or implied by a channel kind), so that what a sink
// makes of the pair (the channel's agency and kind, or that it belongs to
// another agency) holds for every row of the number. Numbers start at 0
// and count the pairs in the order the read first numbered them, up to
// [MaxRowChannels]. A row of a pair has the pair's number or -1: -1 past
// those, for IDs of 256 bytes or more together, for a named channel
// that the goroutine parsing the row first saw with another agency, and
// for the zero Row. Numbers of different reads
// are unrelated: a sink that indexes a table by them keeps one table per
// ReadID.
func (r *Row) Channel() (ReadID, int) {
	if r.read == (ReadID{}) {
		return ReadID{}, -1
	}
	return r.read, int(r.ch)
}

// A ReadID identifies one streaming read, for the channel numbers of its
// rows. The zero ReadID is that of no read. ReadIDs are comparable, and
// hold no reference to the read.
type ReadID struct{ n uint64 }

// reads counts the streaming reads, for their ReadIDs.
var reads atomic.Uint64

// MaxRowChannels is the most agency and channel pairs one streaming read
// numbers (see [Row.Channel]): a table indexed by the numbers holds at
// most that many entries, whatever the input.
const MaxRowChannels = 1 << 16

// readChannels numbers the channels of one streaming read, for the rows
// of every goroutine that parses it: each builder asks once per channel it
// sees, under the lock.
type readChannels struct {
	id  ReadID
	mu  sync.Mutex
	ids map[string]int32
}

// newReadChannels returns the numbering of a new read.
func newReadChannels() *readChannels {
	return &readChannels{id: ReadID{reads.Add(1)}}
}

// maxRowKey bounds the bytes of the IDs of a pair that a read numbers,
// so that its numbering holds at most MaxRowChannels keys of that many
// bytes (16 MiB), whatever the input; longer IDs are rare enough to be
// looked up by the sink.
const maxRowKey = 256

// number returns the number of the channel with the agency, or -1 when
// the read has numbered MaxRowChannels channels already or the IDs are
// longer than maxRowKey.
func (rc *readChannels) number(agency, channel string) int32 {
	if len(agency)+len(channel) >= maxRowKey {
		return -1
	}
	// Neither ID has a NUL (a control character): the key is one per
	// pair.
	key := agency + "\x00" + channel
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if n, ok := rc.ids[key]; ok {
		return n
	}
	if len(rc.ids) == MaxRowChannels {
		return -1
	}
	if rc.ids == nil {
		rc.ids = make(map[string]int32)
	}
	n := int32(len(rc.ids))
	rc.ids[key] = n
	return n
}
