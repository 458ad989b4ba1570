package score_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// pattern builds an agency whose inquiries arrive every 12 hours over the
// n*12 hours before asOf-72h; answered(i) says after how long inquiry i is
// answered (negative: never). Replies are graded accurate.
func pattern(ds *model.Dataset, id string, n int, answered func(i int) time.Duration) {
	ds.Agencies = append(ds.Agencies, model.Agency{ID: id})
	ds.Channels = append(ds.Channels, model.Channel{ID: id + "-x", AgencyID: id, Kind: model.ChannelX, Official: true, AcceptsInquiries: true})
	ds.Staffing = append(ds.Staffing, model.Staffing{AgencyID: id, Staff: 2, WeeklyHours: decimal.NewFromInt(40)})
	for i := range n {
		q := model.Inquiry{ID: fmt.Sprintf("%s-%d", id, i), AgencyID: id, ChannelID: id + "-x",
			ReceivedAt: asOf.Add(-72*time.Hour - time.Duration(i)*12*time.Hour)}
		if d := answered(i); d >= 0 {
			q.FirstReplyAt = q.ReceivedAt.Add(d)
			q.Accuracy = model.AccuracyAccurate
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
}

// Silence is never rewarded: answering a tenth of inquiries within the hour
// and ignoring the rest must never outrank answering nine in ten within two
// days, whatever the volume.
func TestSilenceIsNeverRewarded(t *testing.T) {
	for _, n := range []int{20, 50, 200, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var ds model.Dataset
			pattern(&ds, "fast-few", n, func(i int) time.Duration {
				if i%10 == 0 {
					return 50 * time.Minute
				}
				return -1
			})
			pattern(&ds, "slow-most", n, func(i int) time.Duration {
				if i%10 == 9 {
					return -1
				}
				return 47 * time.Hour
			})
			sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
			require.NoError(t, err)
			rep, err := sc.Score(ds)
			require.NoError(t, err)
			fast, slow := agency(t, rep, "fast-few"), agency(t, rep, "slow-most")
			require.NotNil(t, fast.Score)
			require.NotNil(t, slow.Score)
			assert.True(t, slow.Score.GreaterThan(*fast.Score), "n=%d: 90%% in two days scores %s, 10%% in an hour %s", n, slow.Score, fast.Score)
			assert.Less(t, slow.Rank, fast.Rank)

			// The fast-but-few agency's median and p90 are not reached:
			// scored as the worst points, never as a number.
			for _, c := range fast.Dimensions[0].Criteria {
				if c.Metric != rubric.ReplyTimeQuantile {
					continue
				}
				assert.True(t, c.Measure.NotReached, "%s not reached", c.ID)
				assert.Nil(t, c.Measure.Value, "%s value", c.ID)
				assertDec(t, c.Points, "0", c.ID+" points")
			}
		})
	}
}

func TestNeverAnsweringIsNotReached(t *testing.T) {
	var ds model.Dataset
	pattern(&ds, "mute", 30, func(int) time.Duration { return -1 })
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
	require.NoError(t, err)
	rep, err := sc.Score(ds)
	require.NoError(t, err)
	mute := agency(t, rep, "mute")
	speed := mute.Dimensions[0]
	assertDec(t, speed.Score, "0", "reply speed")
	for _, c := range speed.Criteria {
		if c.Metric == rubric.ReplyTimeQuantile {
			assert.True(t, c.Measure.NotReached, "%s not reached", c.ID)
			assert.Equal(t, 30, c.Measure.Censored, "%s censored", c.ID)
		}
	}
	// Its declared open channel and staff still earn openness and staffing
	// points; it must not climb above the Unresponsive band on them.
	assert.Contains(t, []string{"unresponsive", "silent"}, mute.Grade)
}

// TestLongSilenceFlagFollowsTheStandard checks that the long_silence flag
// uses the standard's own silence threshold: the strict standard counts a
// silence after 14 days, so an inquiry unanswered for 20 days raises the
// flag, with 14 in its text, whatever Options.LongSilenceDays says; a
// standard without a silence criterion uses the option.
func TestLongSilenceFlagFollowsTheStandard(t *testing.T) {
	var ds model.Dataset
	pattern(&ds, "a", 12, func(int) time.Duration { return time.Hour })
	ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: "a-old", AgencyID: "a", ChannelID: "a-x",
		ReceivedAt: asOf.Add(-20 * 24 * time.Hour)})
	noSilence := twoDimensions()
	for _, tt := range []struct {
		name string
		r    rubric.Rubric
		days int
		want string // the flag's detail; "" for no flag
	}{
		{"strict: 14 days", rubric.Strict(), 0, "1 of 13 inquiries unanswered for 14 days or more; the oldest for 20 days"},
		{"strict, option ignored", rubric.Strict(), 60, "1 of 13 inquiries unanswered for 14 days or more; the oldest for 20 days"},
		{"default: 30 days", rubric.Default(), 10, ""},
		{"no silence criterion: the option", noSilence, 10, "1 of 13 inquiries unanswered for 10 days or more; the oldest for 20 days"},
		{"no silence criterion: its default", noSilence, 0, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sc, err := score.New(tt.r, score.Options{AsOf: asOf, LongSilenceDays: tt.days, MinSample: 1})
			require.NoError(t, err)
			rep, err := sc.Score(ds)
			require.NoError(t, err)
			got := ""
			for _, f := range agency(t, rep, "a").Flags {
				if f.Code == score.FlagLongSilence {
					got = f.Detail
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}
