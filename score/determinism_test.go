package score_test

import (
	"encoding/json"
	"maps"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// determinismSize is large enough that accumulate splits the inquiries
// across workers: it uses one worker per 4096 inquiries at most, so 8
// workers need more than 8 × 4096.
const determinismSize = 50_000

// scoreJSON scores ds with the default standard and the given workers and
// returns the report's JSON encoding.
func scoreJSON(t *testing.T, ds model.Dataset, workers int) []byte {
	t.Helper()
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, Workers: workers})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	b, err := json.Marshal(rep)
	require.NoError(t, err)
	return b
}

// cloneDataset returns a deep copy of ds: no slice or map is shared.
func cloneDataset(ds model.Dataset) model.Dataset {
	out := model.Dataset{
		Agencies:  slices.Clone(ds.Agencies),
		Channels:  slices.Clone(ds.Channels),
		Staffing:  slices.Clone(ds.Staffing),
		Inquiries: slices.Clone(ds.Inquiries),
	}
	for i := range out.Agencies {
		out.Agencies[i].Names = maps.Clone(out.Agencies[i].Names)
	}
	return out
}

// shuffled returns a copy of ds with its agencies, channels, staffing and
// inquiries in an order drawn from seed.
func shuffled(ds model.Dataset, seed uint64) model.Dataset {
	out := cloneDataset(ds)
	rng := rand.New(rand.NewPCG(seed, seed^0x5deece66d))
	rng.Shuffle(len(out.Agencies), func(i, j int) { out.Agencies[i], out.Agencies[j] = out.Agencies[j], out.Agencies[i] })
	rng.Shuffle(len(out.Channels), func(i, j int) { out.Channels[i], out.Channels[j] = out.Channels[j], out.Channels[i] })
	rng.Shuffle(len(out.Staffing), func(i, j int) { out.Staffing[i], out.Staffing[j] = out.Staffing[j], out.Staffing[i] })
	rng.Shuffle(len(out.Inquiries), func(i, j int) { out.Inquiries[i], out.Inquiries[j] = out.Inquiries[j], out.Inquiries[i] })
	return out
}

func TestDeterminism(t *testing.T) {
	ds := synthDataset(determinismSize, 20, 7)
	want := scoreJSON(t, ds, 1)

	cases := []struct {
		name    string
		ds      model.Dataset
		workers int
	}{
		{"as built, 2 workers", ds, 2},
		{"as built, 8 workers", ds, 8},
		{"shuffled, 1 worker", shuffled(ds, 1), 1},
		{"shuffled, 2 workers", shuffled(ds, 2), 2},
		{"shuffled, 8 workers", shuffled(ds, 3), 8},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := scoreJSON(t, tc.ds, tc.workers)
			// Not assert.Equal: a diff of two 100 kB lines helps nobody.
			if string(got) != string(want) {
				t.Errorf("Score(%s) JSON differs from the 1-worker report of the records as built:\n got %.300s…\nwant %.300s…", tc.name, got, want)
			}
		})
	}
}

func TestScoreDoesNotModifyDataset(t *testing.T) {
	ds := synthDataset(determinismSize, 20, 7)
	ds.Agencies[0].Names = map[string]string{"en": "Agency 000", "ar": "الجهة ٠٠٠"}
	before := cloneDataset(ds)
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, Workers: 8})
	require.NoError(t, err)
	_, err = sc.Score(ds)
	require.NoError(t, err)
	assert.Equal(t, before, ds, "Score modified its input dataset")
}

func TestScorerConcurrentUse(t *testing.T) {
	ds := synthDataset(determinismSize, 20, 11)
	sc, err := score.New(rubric.Default(), score.Options{AsOf: synthAsOf, Workers: 2})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	want, err := json.Marshal(rep)
	require.NoError(t, err)

	const goroutines = 8
	got := make([][]byte, goroutines)
	errs := make([]error, goroutines)
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			rep, err := sc.Score(ds)
			if err != nil {
				errs[g] = err
				return
			}
			got[g], errs[g] = json.Marshal(rep)
		})
	}
	wg.Wait()
	for g := range goroutines {
		require.NoError(t, errs[g], "goroutine %d", g)
		if string(got[g]) != string(want) {
			t.Errorf("goroutine %d: Score(ds) JSON differs from the sequential report", g)
		}
	}
}

// TestDeterminismBroadcastChannelOrder covers an agency with two
// broadcast-only official channels, whose broadcast_only flag names both.
func TestDeterminismBroadcastChannelOrder(t *testing.T) {

	channels := []model.Channel{
		{ID: "a-x", AgencyID: "a", Kind: model.ChannelX, Handle: "@a", Official: true, BroadcastOnly: true},
		{ID: "a-fb", AgencyID: "a", Kind: model.ChannelFacebook, Handle: "a.page", Official: true, BroadcastOnly: true},
	}
	ds := model.Dataset{Agencies: []model.Agency{{ID: "a"}}, Channels: channels}
	want := scoreJSON(t, ds, 1)
	ds.Channels = []model.Channel{channels[1], channels[0]}
	if got := scoreJSON(t, ds, 1); string(got) != string(want) {
		t.Errorf("Score JSON depends on the order of channels:\n got %s\nwant %s", got, want)
	}
}
