package score_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// subSecond returns agency a's inquiries received the given durations
// before asOf, each answered after the reply duration (none when
// negative), with a promised time the due duration after receipt (none
// when zero).
func subSecond(inqs ...[3]time.Duration) model.Dataset {
	ds := model.Dataset{
		Agencies: []model.Agency{{ID: "a"}},
		Channels: []model.Channel{{ID: "a-x", AgencyID: "a", Kind: model.ChannelX, Official: true, AcceptsInquiries: true}},
	}
	for i, in := range inqs {
		q := model.Inquiry{ID: fmt.Sprint(i), AgencyID: "a", ChannelID: "a-x", ReceivedAt: asOf.Add(-in[0])}
		if in[1] >= 0 {
			q.FirstReplyAt = q.ReceivedAt.Add(in[1])
		}
		if in[2] > 0 {
			q.DueAt = q.ReceivedAt.Add(in[2])
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
	return ds
}

// TestDurationsOneRule checks the rounding of durations (issue 14,
// finding 7) with receipts a fraction of a second off AsOf: ages are
// rounded down and delays up, so each is decided as its exact value is.
// An inquiry 59 min 59.6 s or 59.7 s old is pending against a one-hour
// target, and one an hour old, or a little more, is breached; a reply
// after exactly an hour meets it, one 0.2 s later does not. The same
// holds for a grace period, a silence threshold and a promised time.
func TestDurationsOneRule(t *testing.T) {
	const h = time.Hour
	ms := time.Millisecond
	target := rubric.Criterion{Metric: rubric.WithinTargetRate, Params: rubric.Params{TargetHours: ptr("1")}}
	ds := subSecond(
		[3]time.Duration{h - 400*ms, -1},           // 59:59.6 old: pending
		[3]time.Duration{h - 300*ms, -1},           // 59:59.7 old: pending
		[3]time.Duration{h, -1},                    // an hour old: breached
		[3]time.Duration{h + 300*ms, -1},           // breached
		[3]time.Duration{2*h - 400*ms, h},          // replied after exactly an hour: met
		[3]time.Duration{2*h - 400*ms, h + 200*ms}, // 0.2 s late: not met
	)
	got := measure(t, target, ds, score.Options{})
	assert.Equal(t, [3]int{4, 1, 2}, [3]int{got.Measure.N, got.Measure.Count, got.Measure.Pending}, "within one hour: decided, met, pending")

	// A grace period of an hour: a rate counts inquiries at least an hour
	// old; the two younger ones are left out.
	grace := rubric.Criterion{Metric: rubric.ResponseRate, Params: rubric.Params{GraceHours: ptr("1")}}
	got = measure(t, grace, ds, score.Options{})
	assert.Equal(t, 4, got.Measure.N, "inquiries at least an hour old")

	// The agency's promise, an hour and half a second after receipt, and
	// replies within the same second, before and after it.
	due := rubric.Criterion{Metric: rubric.WithinTargetRate, Params: rubric.Params{TargetHours: ptr("1"), UseDue: true}}
	ds = subSecond(
		[3]time.Duration{3*h + 200*ms, h + 400*ms, h + 500*ms}, // before the promise: met
		[3]time.Duration{3*h + 200*ms, h + 700*ms, h + 500*ms}, // after it, in the same second: not met
		[3]time.Duration{h + 300*ms, -1, h + 500*ms},           // promise 0.2 s away at AsOf: pending
		[3]time.Duration{h + 500*ms, -1, h + 500*ms},           // promise due at AsOf exactly: breached
	)
	got = measure(t, due, ds, score.Options{})
	assert.Equal(t, [3]int{3, 1, 1}, [3]int{got.Measure.N, got.Measure.Count, got.Measure.Pending}, "the promise: decided, met, pending")

	// A silence of a day: silent from the day on, not 0.4 s before.
	silence := rubric.Criterion{Metric: rubric.LongSilenceShare, Params: rubric.Params{SilenceDays: ptr("1")},
		Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("1"), Best: ptr("0")}}
	ds = subSecond([3]time.Duration{24*h - 400*ms, -1}, [3]time.Duration{24 * h, -1}, [3]time.Duration{24*h + 300*ms, -1})
	got = measure(t, silence, ds, score.Options{})
	assert.Equal(t, [2]int{2, 2}, [2]int{got.Measure.N, got.Measure.Count}, "old enough, silent")
}
