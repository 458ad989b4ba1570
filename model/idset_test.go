package model

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// TestValidateDuplicateIDs checks the duplicate-ID report of Validate, which
// switches from an order check to a hash set when IDs stop increasing,
// against a plain map on sequences of every shape.
func TestValidateDuplicateIDs(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	cases := map[string][]string{
		"increasing":          {"1", "2", "10", "11", "a", "b"},
		"repeat in order":     {"1", "2", "2", "3"},
		"repeat after a jump": {"1", "5", "3", "5", "1"},
		"empty ids skipped":   {"1", "", "2", "", "2"},
		"first repeated last": {"b", "a", "c", "b"},
	}
	for n := range 50 {
		ids := make([]string, rng.IntN(200))
		for i := range ids {
			ids[i] = fmt.Sprint(rng.IntN(150))
		}
		if n%2 == 0 {
			slices.SortFunc(ids, func(a, b string) int {
				if idLess(a, b) {
					return -1
				}
				if idLess(b, a) {
					return 1
				}
				return 0
			})
		}
		cases[fmt.Sprintf("random %d", n)] = ids
	}
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, ids := range cases {
		t.Run(name, func(t *testing.T) {
			ds := Dataset{
				Agencies: []Agency{{ID: "a"}},
				Channels: []Channel{{ID: "c", AgencyID: "a", Kind: ChannelX}},
			}
			want := map[int]bool{}
			seen := map[string]bool{}
			for i, id := range ids {
				ds.Inquiries = append(ds.Inquiries, Inquiry{ID: id, AgencyID: "a", ChannelID: "c", ReceivedAt: at})
				if id != "" && seen[id] {
					want[i] = true
				}
				seen[id] = true
			}
			got := map[int]bool{}
			for _, e := range unjoin(ds.Validate()) {
				if re, ok := e.(*RecordError); ok && re.Field == "id" && re.Err == ErrDuplicateID {
					got[re.Index] = true
				}
			}
			if len(got) != len(want) {
				t.Fatalf("Validate(%q) reports duplicates at %v, want %v", ids, got, want)
			}
			for i := range want {
				if !got[i] {
					t.Errorf("Validate(%q) misses the duplicate at %d", ids, i)
				}
			}
		})
	}
}

func unjoin(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
