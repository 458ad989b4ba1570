package score_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// addOnly hides the AddRow of a sink, so that the readers hand it
// inquiries through Add.
type addOnly[S interface {
	model.InquirySink
	model.Forker[S]
}] struct{ s S }

func (a addOnly[S]) Add(q *model.Inquiry) error { return a.s.Add(q) }
func (a addOnly[S]) Fork() addOnly[S]           { return addOnly[S]{a.s.Fork()} }
func (a addOnly[S]) Merge(o addOnly[S]) error   { return a.s.Merge(o.s) }

// rowsCSV writes the inquiries of ds as CSV, with rows that go wrong in
// the ways a channel can: every 7th names its agency's channel kind
// instead of a channel (an implied channel), every 31st the channel of
// another agency, every 37th an unknown channel, every 41st the implied
// channel of another agency, by ID.
func rowsCSV(ds model.Dataset) string {
	kinds := map[string]model.ChannelKind{}
	for _, c := range ds.Channels {
		kinds[c.ID] = c.Kind
	}
	var b strings.Builder
	b.WriteString("id,agency_id,channel_id,channel,requester,received_at,first_reply_at,accuracy\n")
	ts := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339Nano)
	}
	for i, q := range ds.Inquiries {
		channelID, kind := q.ChannelID, ""
		other := ds.Inquiries[(i+1)%len(ds.Inquiries)]
		switch {
		case i%41 == 0:
			channelID = other.AgencyID + "/x"
		case i%37 == 0:
			channelID = "nope"
		case i%31 == 0:
			channelID = other.ChannelID
		case i%7 == 0:
			channelID, kind = "", string(kinds[q.ChannelID])
		}
		fmt.Fprintf(&b, "%s,%s,%s,%s,%s,%s,%s,%s\n", q.ID, q.AgencyID, channelID, kind, q.Requester,
			ts(q.ReceivedAt), ts(q.FirstReplyAt), q.Accuracy)
	}
	return b.String()
}

// accountJSON is an Accounting as text, rejections with their reasons.
func accountJSON(t *testing.T, acct model.Accounting) string {
	t.Helper()
	var rejected []string
	for _, r := range acct.Rejected {
		rejected = append(rejected, r.Error())
	}
	b, err := json.Marshal(struct {
		Read, Accepted int
		Rejected       []string
	}{acct.Read, acct.Accepted, rejected})
	require.NoError(t, err)
	return string(b)
}

// TestAddRowIsAdd streams the same CSV into an Accumulator and a
// TrendAccumulator twice, once through AddRow and once through Add, on one
// goroutine and on several: the reports, the rows rejected and their
// reasons are the same, under a criterion of X alone so that a channel's
// kind shows. A cap on agencies that the implied ones pass is tested on
// one goroutine, where which rows reach it first is fixed. The valid rows
// as JSON Lines give the same report both ways too.
func TestAddRowIsAdd(t *testing.T) {
	ds := synthDataset(40_000, 40, 11)
	in := rowsCSV(ds)
	for _, tc := range []struct {
		name        string
		workers     []int
		maxAgencies int
	}{
		{"every agency", []int{1, 2, 8}, 0},
		{"MaxAgencies", []int{1}, len(ds.Agencies) - 5},
	} {
		opts := score.Options{AsOf: synthAsOf, MaxAgencies: tc.maxAgencies}
		// A criterion of X alone, so that a channel's kind shows.
		r := rubric.Default()
		r.Dimensions[0].Criteria[0].Filter = &rubric.Filter{Channels: []model.ChannelKind{model.ChannelX}}
		sc, err := score.New(r, opts)
		require.NoError(t, err)
		// Five agencies left out, with their channels and staffing: their
		// rows name unknown channels, but for those that imply them.
		meta := metaOf(ds)
		meta.Agencies = meta.Agencies[:len(meta.Agencies)-5]
		kept := map[string]bool{}
		for _, a := range meta.Agencies {
			kept[a.ID] = true
		}
		meta.Channels = slices.DeleteFunc(slices.Clone(meta.Channels), func(c model.Channel) bool { return !kept[c.AgencyID] })
		meta.Staffing = slices.DeleteFunc(slices.Clone(meta.Staffing), func(s model.Staffing) bool { return !kept[s.AgencyID] })
		for _, workers := range tc.workers {
			ro := model.ReadOptions{Workers: workers, Lenient: true}
			rows, err := sc.NewAccumulator(meta)
			require.NoError(t, err)
			acctRows, err := model.ScanInquiriesCSV(strings.NewReader(in), ro, rows)
			require.NoError(t, err)
			adds, err := sc.NewAccumulator(meta)
			require.NoError(t, err)
			acctAdds, err := model.ScanInquiriesCSV(strings.NewReader(in), ro, addOnly[*score.Accumulator]{adds})
			require.NoError(t, err)
			require.NotEmpty(t, acctRows.Rejected, "%s, %d workers: rows rejected", tc.name, workers)
			assert.Equal(t, accountJSON(t, acctAdds), accountJSON(t, acctRows), "%s, %d workers: the accounting", tc.name, workers)
			repRows, err := rows.Report()
			wantRows := reportJSON(t, repRows, err)
			repAdds, err := adds.Report()
			if got := reportJSON(t, repAdds, err); got != wantRows {
				t.Errorf("%s, %d workers: the reports through AddRow and Add differ", tc.name, workers)
			}

			trRows, err := sc.NewTrend(meta, score.Periods{Unit: score.Month})
			require.NoError(t, err)
			_, err = model.ScanInquiriesCSV(strings.NewReader(in), ro, trRows)
			require.NoError(t, err)
			trAdds, err := sc.NewTrend(meta, score.Periods{Unit: score.Month})
			require.NoError(t, err)
			_, err = model.ScanInquiriesCSV(strings.NewReader(in), ro, addOnly[*score.TrendAccumulator]{trAdds})
			require.NoError(t, err)
			a, err := trRows.Report()
			require.NoError(t, err)
			b, err := trAdds.Report()
			require.NoError(t, err)
			ja, err := json.Marshal(a)
			require.NoError(t, err)
			jb, err := json.Marshal(b)
			require.NoError(t, err)
			if string(ja) != string(jb) {
				t.Errorf("%s, %d workers: the trends through AddRow and Add differ", tc.name, workers)
			}
		}
	}

	var jsonl strings.Builder
	require.NoError(t, model.WriteInquiriesJSONL(&jsonl, ds.Inquiries))
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	var reports []string
	for _, rows := range []bool{true, false} {
		acc, err := sc.NewAccumulator(metaOf(ds))
		require.NoError(t, err)
		if rows {
			_, err = model.ScanInquiriesJSONL(strings.NewReader(jsonl.String()), model.ReadOptions{}, acc)
		} else {
			_, err = model.ScanInquiriesJSONL(strings.NewReader(jsonl.String()), model.ReadOptions{}, addOnly[*score.Accumulator]{acc})
		}
		require.NoError(t, err)
		rep, err := acc.Report()
		reports = append(reports, reportJSON(t, rep, err))
	}
	assert.True(t, reports[0] == reports[1], "JSON Lines: the reports through AddRow and Add differ")
}

// TestAddRowOfNoRead adds rows that no reader made: the zero Row is
// checked as Add checks an inquiry, and rejected alike.
func TestAddRowOfNoRead(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	acc, err := sc.NewAccumulator(twoAgencies())
	require.NoError(t, err)
	tr, err := sc.NewTrend(twoAgencies(), score.Periods{Unit: score.Month})
	require.NoError(t, err)
	var zero model.Row
	want := acc.Add(&model.Inquiry{})
	require.Error(t, want)
	assert.Equal(t, want.Error(), acc.AddRow(&zero).Error())
	assert.Equal(t, want.Error(), tr.AddRow(&zero).Error())
}

// TestAddRowTwoReads streams two files into one accumulator: their rows
// are numbered apart, each read from 0, and the report is the one of Add.
func TestAddRowTwoReads(t *testing.T) {
	ds := synthDataset(20_000, 30, 12)
	in := rowsCSV(ds)
	header, body, _ := strings.Cut(in, "\n")
	lines := strings.SplitAfter(body, "\n")
	half := len(lines) / 2
	files := []string{header + "\n" + strings.Join(lines[:half], ""), header + "\n" + strings.Join(lines[half:], "")}
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	for _, workers := range []int{1, 2} {
		ro := model.ReadOptions{Workers: workers, Lenient: true, IDs: new(model.IDSet)}
		rows, err := sc.NewAccumulator(metaOf(ds))
		require.NoError(t, err)
		adds, err := sc.NewAccumulator(metaOf(ds))
		require.NoError(t, err)
		roAdds := ro
		roAdds.IDs = new(model.IDSet)
		for _, f := range files {
			_, err := model.ScanInquiriesCSV(strings.NewReader(f), ro, rows)
			require.NoError(t, err)
			_, err = model.ScanInquiriesCSV(strings.NewReader(f), roAdds, addOnly[*score.Accumulator]{adds})
			require.NoError(t, err)
		}
		repRows, err := rows.Report()
		want := reportJSON(t, repRows, err)
		repAdds, err := adds.Report()
		if got := reportJSON(t, repAdds, err); got != want {
			t.Errorf("%d workers: the reports of two reads through AddRow and Add differ", workers)
		}
	}
}
