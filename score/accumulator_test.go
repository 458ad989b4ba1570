package score_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// metaOf returns ds without its inquiries: the metadata an accumulator
// starts from.
func metaOf(ds model.Dataset) model.Dataset {
	ds.Inquiries = nil
	return ds
}

func reportJSON(t *testing.T, rep *score.Report, err error) string {
	t.Helper()
	require.NoError(t, err)
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	return string(b)
}

// TestAccumulatorShardsMergeToScore splits the records into shards of
// uneven size, in shuffled order, adds each to its own fork on its own
// goroutine, and merges the forks in another shuffled order, one by one
// and as a tree: every report must be byte-identical to Score's, whatever
// GOMAXPROCS is.
func TestAccumulatorShardsMergeToScore(t *testing.T) {
	ds := synthDataset(determinismSize, 20, 7)
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, Curves: true})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	want := reportJSON(t, rep, err)

	for _, procs := range []int{1, 2, 8} {
		t.Run(fmt.Sprintf("GOMAXPROCS=%d", procs), func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			rng := rand.New(rand.NewPCG(uint64(procs), 99))
			qs := shuffled(ds, uint64(procs)).Inquiries
			const shards = 8
			acc, err := sc.NewAccumulator(metaOf(ds))
			require.NoError(t, err)
			forks := make([]*score.Accumulator, shards)
			cuts := []int{0}
			for range shards - 1 {
				cuts = append(cuts, rng.IntN(len(qs)+1))
			}
			cuts = append(cuts, len(qs))
			slices.Sort(cuts)
			done := make(chan error, shards)
			for i := range forks {
				forks[i] = acc.Fork()
				go func() {
					for j := cuts[i]; j < cuts[i+1]; j++ {
						if err := forks[i].Add(&qs[j]); err != nil {
							done <- err
							return
						}
					}
					done <- nil
				}()
			}
			for range shards {
				require.NoError(t, <-done)
			}
			if procs == 2 { // a tree: pairs first, then the pairs' results
				for i := 0; i+1 < shards; i += 2 {
					require.NoError(t, forks[i].Merge(forks[i+1]))
				}
				for _, i := range rng.Perm(shards / 2) {
					require.NoError(t, acc.Merge(forks[2*i]))
				}
			} else {
				for _, i := range rng.Perm(shards) {
					require.NoError(t, acc.Merge(forks[i]))
				}
			}
			rep, err := acc.Report()
			if got := reportJSON(t, rep, err); got != want {
				t.Errorf("report of %d merged shards differs from Score's:\n got %.300s…\nwant %.300s…", shards, got, want)
			}
			// A merged fork is empty: merging it again changes nothing,
			// and reporting twice gives the same bytes.
			require.NoError(t, acc.Merge(forks[0]))
			rep, err = acc.Report()
			if got := reportJSON(t, rep, err); got != want {
				t.Errorf("a second report differs from the first")
			}
		})
	}
}

// TestAccumulatorImpliesAgenciesAndChannels adds inquiries that name no
// declared agency or channel, as a CSV of inquiries alone does: the report
// equals Score's of the dataset ReadInquiriesCSV makes of the same rows.
func TestAccumulatorImpliesAgenciesAndChannels(t *testing.T) {
	const csv = `id,agency_id,channel,requester,received_at,first_reply_at,accuracy
1,mof,x,public,2025-12-01T09:00:00+03:00,2025-12-01T10:00:00+03:00,accurate
2,mof,email,media,2025-12-02T09:00:00+03:00,,
3,moh,x,public,2025-12-03T09:00:00+03:00,2025-12-05T09:00:00+03:00,deflection
4,moh,x,public,2026-02-03T09:00:00+03:00,,
`
	ds, _, err := model.ReadInquiriesCSV(strings.NewReader(csv), model.ReadOptions{})
	require.NoError(t, err)
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, MinSample: 1})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	want := reportJSON(t, rep, err)

	acc, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	for i := range ds.Inquiries {
		require.NoError(t, acc.Add(&ds.Inquiries[i]))
	}
	rep, err = acc.Report()
	assert.Equal(t, want, reportJSON(t, rep, err))
	moh := agency(t, rep, "moh")
	assert.Equal(t, 1, moh.Inquiries)
	assert.Equal(t, 1, moh.AfterAsOf, "an inquiry after AsOf is counted, not scored")
}

// twoAgencies declares agencies a and b, and a's channel a-x.
func twoAgencies() model.Dataset {
	return model.Dataset{
		Agencies: []model.Agency{{ID: "a"}, {ID: "b"}},
		Channels: []model.Channel{{ID: "a-x", AgencyID: "a", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}},
	}
}

func TestAccumulatorAddRejects(t *testing.T) {
	meta := twoAgencies()
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	recv := synthAsOf.Add(-48 * time.Hour)
	tests := []struct {
		name  string
		q     model.Inquiry
		field string
		err   error
	}{
		{"unknown channel", model.Inquiry{ID: "1", AgencyID: "a", ChannelID: "a-fb", ReceivedAt: recv}, "channel_id", model.ErrUnknownReference},
		{"channel of another agency", model.Inquiry{ID: "2", AgencyID: "b", ChannelID: "a-x", ReceivedAt: recv}, "channel_id", model.ErrUnknownReference},
		{"implied channel of another agency", model.Inquiry{ID: "3", AgencyID: "b", ChannelID: "a/x", ReceivedAt: recv}, "channel_id", model.ErrUnknownReference},
		{"implied channel of an unknown kind", model.Inquiry{ID: "4", AgencyID: "a", ChannelID: "a/telex", ReceivedAt: recv}, "channel_id", model.ErrUnknownReference},
		{"no channel", model.Inquiry{ID: "5", AgencyID: "a", ReceivedAt: recv}, "channel_id", model.ErrMissing},
		{"no receipt", model.Inquiry{ID: "6", AgencyID: "a", ChannelID: "a-x"}, "received_at", model.ErrMissing},
		{"reply before receipt", model.Inquiry{ID: "7", AgencyID: "a", ChannelID: "a-x", ReceivedAt: recv, FirstReplyAt: recv.Add(-time.Hour)}, "first_reply_at", model.ErrBeforeReceipt},
		{"unknown grade", model.Inquiry{ID: "8", AgencyID: "a", ChannelID: "a-x", ReceivedAt: recv, Accuracy: "great"}, "accuracy", model.ErrUnknownValue},
	}
	acc, err := sc.NewAccumulator(meta)
	require.NoError(t, err)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := acc.Add(&tt.q)
			var fe *model.FieldError
			if !errors.As(err, &fe) || fe.Field != tt.field || !errors.Is(err, tt.err) {
				t.Errorf("Add(%+v) = %v, want a *model.FieldError on %q wrapping %v", tt.q, err, tt.field, tt.err)
			}
		})
	}
	// A good inquiry after all the bad ones: only it counts.
	require.NoError(t, acc.Add(&model.Inquiry{ID: "9", AgencyID: "a", ChannelID: "a-x", ReceivedAt: recv}))
	rep, err := acc.Report()
	require.NoError(t, err)
	require.Len(t, rep.Agencies, 2, "rejected inquiries imply no agency")
	assert.Equal(t, 1, agency(t, rep, "a").Inquiries)
	assert.Equal(t, 0, agency(t, rep, "b").Inquiries)
}

// TestAccumulatorRejectsAlike checks that an inquiry is rejected with the
// same message whether its channel was seen before, and cached by the
// address of its string, or not: on one goroutine and in parallel, the
// same rows then get the same reasons.
func TestAccumulatorRejectsAlike(t *testing.T) {
	meta := twoAgencies()
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	recv := synthAsOf.Add(-48 * time.Hour)
	for _, tc := range []struct{ owner, channel, agency, want string }{
		{"a", "a-x", "b", `field "channel_id": unknown reference: channel "a-x" belongs to agency "a"`},
		{"a", "a/x", "b", `field "channel_id": unknown reference: channel "a/x" belongs to agency "a"`},
		{"c/d", "c/d/email", "c", `field "channel_id": unknown reference: channel "c/d/email" belongs to agency "c/d"`},
	} {
		fresh, err := sc.NewAccumulator(meta)
		require.NoError(t, err)
		bad := model.Inquiry{ID: "2", AgencyID: tc.agency, ChannelID: tc.channel, ReceivedAt: recv}
		unseen := fresh.Add(&bad)
		seen, err := sc.NewAccumulator(meta)
		require.NoError(t, err)
		require.NoError(t, seen.Add(&model.Inquiry{ID: "1", AgencyID: tc.owner, ChannelID: tc.channel, ReceivedAt: recv}))
		cached := seen.Add(&bad) // the same string: a hit in the cache
		if unseen == nil || cached == nil || unseen.Error() != tc.want || cached.Error() != tc.want {
			t.Errorf("%s of %s for agency %s: rejected with %v before the channel was seen and %v after, want %s",
				tc.channel, tc.owner, tc.agency, unseen, cached, tc.want)
		}
	}
}

func TestAccumulatorMergeMismatch(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	a, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	b, err := sc.NewAccumulator(model.Dataset{})
	require.NoError(t, err)
	assert.ErrorIs(t, a.Merge(b), score.ErrMerge, "accumulators of two NewAccumulator calls")
	assert.NoError(t, a.Merge(a.Fork()))
	assert.NoError(t, a.Merge(a), "merging into itself changes nothing")
}

func TestNewAccumulatorRejectsInvalidMetadata(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	_, err = sc.NewAccumulator(model.Dataset{Channels: []model.Channel{{ID: "x", AgencyID: "nobody", Kind: model.ChannelX}}})
	assert.ErrorIs(t, err, model.ErrUnknownReference)
}

// TestScanIntoAccumulator reads a CSV of inquiries in parallel chunks
// straight into an accumulator: the report equals Score's of the dataset
// read whole.
func TestScanIntoAccumulator(t *testing.T) {
	ds := synthDataset(20_000, 30, 5)
	var b strings.Builder
	require.NoError(t, model.WriteInquiriesCSV(&b, ds.Inquiries))
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	want := reportJSON(t, rep, err)
	for _, workers := range []int{1, 2, 4} {
		acc, err := sc.NewAccumulator(metaOf(ds))
		require.NoError(t, err)
		acct, err := model.ScanInquiriesCSV(strings.NewReader(b.String()), model.ReadOptions{Workers: workers}, acc)
		require.NoError(t, err)
		require.Equal(t, len(ds.Inquiries), acct.Accepted)
		rep, err := acc.Report()
		if got := reportJSON(t, rep, err); got != want {
			t.Errorf("%d workers: the report of the streamed CSV differs from Score's", workers)
		}
	}
}

// TestStreamIsReport checks that Stream hands over, in rank order, every
// agency of Report, byte for byte, with the same header; under shrinkage
// and relative scales too, whose points depend on every agency; and that
// it stops at the first error of its function.
func TestStreamIsReport(t *testing.T) {
	ds := synthDataset(determinismSize, 40, 9)
	shrunkRelative := rubric.Default()
	rr := &shrunkRelative.Dimensions[0].Criteria[0]
	rr.Shrinkage = rubric.BetaBinomial
	pr := &shrunkRelative.Dimensions[1].Criteria[0]
	pr.Scale = rubric.Scale{Kind: rubric.PercentileRank, Better: rubric.HigherIsBetter}
	for name, std := range map[string]rubric.Rubric{"default": rubric.Default(), "shrinkage and percentile rank": shrunkRelative} {
		t.Run(name, func(t *testing.T) {
			sc, err := score.New(std, score.Options{AsOf: synthAsOf, Curves: true})
			require.NoError(t, err)
			acc, err := sc.NewAccumulator(ds)
			require.NoError(t, err)
			rep, err := acc.Report()
			require.NoError(t, err)
			var streamed []score.AgencyScore
			head, err := acc.Stream(func(a score.AgencyScore) error { streamed = append(streamed, a); return nil })
			require.NoError(t, err)
			assert.Nil(t, head.Agencies)
			head.Agencies = streamed
			assert.Equal(t, reportJSON(t, rep, nil), reportJSON(t, head, nil), "Stream differs from Report")

			stop := errors.New("enough")
			n := 0
			_, err = acc.Stream(func(score.AgencyScore) error {
				if n++; n == 3 {
					return stop
				}
				return nil
			})
			assert.ErrorIs(t, err, stop)
			assert.Equal(t, 3, n, "Stream went on after an error")
		})
	}
}
