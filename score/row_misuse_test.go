package score_test

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// holdFirst forwards every row to an Accumulator but the first, which it
// copies and forwards after the second: a copy of a Row used after its
// call.
type holdFirst struct {
	acc  *score.Accumulator
	held *model.Row
	done bool
}

func (h *holdFirst) Add(q *model.Inquiry) error { return h.acc.Add(q) }

func (h *holdFirst) AddRow(r *model.Row) error {
	if h.held == nil {
		c := *r
		h.held = &c
		return nil
	}
	if err := h.acc.AddRow(r); err != nil {
		return err
	}
	if !h.done {
		h.done = true
		return h.acc.AddRow(h.held)
	}
	return nil
}

// TestRowCopyKeepsItsRow: a Row copied and added after its call is still
// the row it was, with its number: it counts for its own agency, and the
// rows after it count for theirs. (A Row that pointed at the reader's
// inquiry would pair its number with a later row, and the table would
// send that pair's rows to another agency.)
func TestRowCopyKeepsItsRow(t *testing.T) {
	const in = `id,agency_id,channel_id,channel,received_at
1,a,,x,2025-01-01T00:00:00Z
2,b,,email,2025-01-02T00:00:00Z
3,a,,x,2025-01-03T00:00:00Z
4,b,,email,2025-01-04T00:00:00Z
`
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	acc, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	_, err = model.ScanInquiriesCSV(strings.NewReader(in), model.ReadOptions{Workers: 1}, &holdFirst{acc: acc})
	require.NoError(t, err)
	rep, err := acc.Report()
	require.NoError(t, err)
	n := map[string]int{}
	for _, a := range rep.Agencies {
		n[a.AgencyID] = a.Inquiries
	}
	assert.Equal(t, map[string]int{"a": 2, "b": 2}, n, "inquiries by agency")
}

// keepLast keeps a copy of the last row it was given.
type keepLast struct {
	acc  *score.Accumulator
	last model.Row
}

func (k *keepLast) Add(q *model.Inquiry) error { return k.acc.Add(q) }

func (k *keepLast) AddRow(r *model.Row) error {
	k.last = *r
	return k.acc.AddRow(r)
}

// TestRowCopyAfterRead: after the read, a Row kept from it is the last row
// accepted, not the last parsed, which the reader rejected.
func TestRowCopyAfterRead(t *testing.T) {
	const in = `id,agency_id,channel_id,channel,received_at,first_reply_at,accuracy
1,a,,x,2025-01-01T00:00:00Z,2025-01-01T01:00:00Z,
2,a,,x,,,accurate
`
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	acc, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	k := &keepLast{acc: acc}
	acct, err := model.ScanInquiriesCSV(strings.NewReader(in), model.ReadOptions{Workers: 1, Lenient: true}, k)
	require.NoError(t, err)
	require.Equal(t, 1, acct.Accepted)
	q := k.last.Inquiry()
	assert.Equal(t, "1", q.ID, "the kept row")
	assert.NoError(t, q.Validate())
}

// TestAddRowReparse: chunks parsed again, for IDs repeated across chunks
// and for MaxRejects crossed, give the same accounting and report through
// AddRow as through Add, under a criterion of X alone so that a channel's
// kind shows in the report.
func TestAddRowReparse(t *testing.T) {
	ds := synthDataset(120_000, 40, 5)
	header, body, _ := strings.Cut(rowsCSV(ds), "\n")
	lines := strings.SplitAfter(body, "\n")
	for i := range 50 { // IDs of early rows, late in the file
		lines[len(lines)/2+i*997] = lines[i*7]
	}
	in := header + "\n" + strings.Join(lines, "")
	r := rubric.Default()
	r.Dimensions[0].Criteria[0].Filter = &rubric.Filter{Channels: []model.ChannelKind{model.ChannelX}}
	sc, err := score.New(r, score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	for _, maxRejects := range []int{0, 9000} {
		for _, workers := range []int{1, 4} {
			ro := model.ReadOptions{Workers: workers, Lenient: true, MaxRejects: maxRejects}
			rows, err := sc.NewAccumulator(metaOf(ds))
			require.NoError(t, err)
			acctRows, errRows := model.ScanInquiriesCSV(strings.NewReader(in), ro, rows)
			adds, err := sc.NewAccumulator(metaOf(ds))
			require.NoError(t, err)
			acctAdds, errAdds := model.ScanInquiriesCSV(strings.NewReader(in), ro, addOnly[*score.Accumulator]{adds})
			what := fmt.Sprintf("MaxRejects %d, %d workers", maxRejects, workers)
			assert.Equal(t, fmt.Sprint(errAdds), fmt.Sprint(errRows), what)
			assert.Equal(t, accountJSON(t, acctAdds), accountJSON(t, acctRows), what)
			a, err := rows.Report()
			ja := reportJSON(t, a, err)
			b, err := adds.Report()
			if jb := reportJSON(t, b, err); ja != jb {
				t.Errorf("%s: the reports through AddRow and Add differ", what)
			}
		}
	}
}

// TestAccumulatorKeepsNoRead: an accumulator that has taken rows keeps no
// reference to their read's numbering: after a read of 30,000 channel IDs
// of 512 bytes (15 MB of keys in the numbering), all rejected but one
// row, the heap holds about what it held before.
func TestAccumulatorKeepsNoRead(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,agency_id,channel_id,received_at\n0,a,a/x,2025-01-01T00:00:00Z\n")
	pad := strings.Repeat("c", 512)
	for i := range 30_000 {
		fmt.Fprintf(&b, "%d,a,%s%d,2025-01-01T00:00:00Z\n", i+1, pad, i)
	}
	in := b.String()
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	acc, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	before := heapAlloc()
	acct, err := model.ScanInquiriesCSV(strings.NewReader(in), model.ReadOptions{Workers: 1, Lenient: true}, acc)
	require.NoError(t, err)
	require.Equal(t, 1, acct.Accepted)
	after := heapAlloc() // acct, dead here, holds the rejected IDs no longer
	runtime.KeepAlive(acc)
	runtime.KeepAlive(in) // held across both measures
	assert.Less(t, after-before, int64(4<<20), "bytes the accumulator keeps after the read")
}

func heapAlloc() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
