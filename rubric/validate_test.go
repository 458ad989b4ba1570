package rubric_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
)

func TestDefaultValidates(t *testing.T) {
	t.Parallel()
	assert.NoError(t, rubric.Default().Validate(), "Default().Validate()")
}

// Paths of nodes of Default() that the cases below break.
const (
	replySpeed     = `dimension "reply_speed"`
	responseRate   = replySpeed + `: criterion "response_rate"`
	within24h      = replySpeed + `: criterion "within_24h"`
	medianReply    = replySpeed + `: criterion "median_reply"`
	longSilence    = replySpeed + `: criterion "long_silence"`
	accurateShare  = `dimension "accuracy": criterion "accurate_share"`
	deflection     = `dimension "accuracy": criterion "deflection_share"`
	openChannels   = `dimension "channel_openness": criterion "open_channels"`
	broadcastOnly  = `dimension "channel_openness": criterion "broadcast_only"`
	mediaResponse  = `dimension "channel_openness": criterion "media_response_rate"`
	staffPerChan   = `dimension "staffing": criterion "staff_per_channel"`
	observedPresen = `dimension "staffing": criterion "observed_presence"`
)

func TestValidateErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		mutate func(t *testing.T, r *rubric.Rubric)
		want   error
		path   string // the error text must contain it
	}{
		// The rubric itself.
		{"id missing", func(t *testing.T, r *rubric.Rubric) { r.ID = "" }, rubric.ErrMissing, "id: missing"},
		{"version missing", func(t *testing.T, r *rubric.Rubric) { r.Version = "" }, rubric.ErrMissing, "version: missing"},
		{"no dimensions", func(t *testing.T, r *rubric.Rubric) { r.Dimensions = nil }, rubric.ErrMissing, "dimensions: missing"},

		// Dimensions.
		{"dimension id missing", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[1].ID = "" }, rubric.ErrMissing, "dimensions[1]: id: missing"},
		{"dimension id upper-case", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[1].ID = "Accuracy" }, rubric.ErrBadID, `dimension "Accuracy": id: id must be`},
		{"dimension id starts with digit", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[1].ID = "1st" }, rubric.ErrBadID, `dimension "1st": id`},
		{"dimension id duplicate", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[1].ID = rubric.ReplySpeed }, rubric.ErrDuplicateID, replySpeed + ": id: duplicate id"},
		{"dimension without criteria", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[3].Criteria = nil }, rubric.ErrMissing, `dimension "staffing": criteria: missing`},
		{"dimension weight above 1", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = num("1.5") }, rubric.ErrWeightRange, replySpeed + ": weight: weight must be between 0 and 1: 1.5"},
		{"dimension weight negative", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = num("-0.4") }, rubric.ErrWeightRange, replySpeed + ": weight"},
		{"dimension weights sum above 1", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = num("0.5") }, rubric.ErrWeightSum, "dimension weights: weights must sum exactly to 1: they sum to 1.1"},
		{"dimension weights sum below 1", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[3].Weight = num("0.149999999999") }, rubric.ErrWeightSum, "dimension weights"},

		// Criteria: identity and weight.
		{"criterion id missing", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Criteria[2].ID = "" }, rubric.ErrMissing, replySpeed + ": criteria[2]: id: missing"},
		{"criterion id bad", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Criteria[2].ID = "median reply" }, rubric.ErrBadID, replySpeed + `: criterion "median reply": id`},
		{"criterion id duplicate in another dimension", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[1].Criteria[0].ID = "median_reply" }, rubric.ErrDuplicateID, `dimension "accuracy": criterion "median_reply": id: duplicate id`},
		{"criterion weight above 1", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Weight = num("2") }, rubric.ErrWeightRange, medianReply + ": weight"},
		{"criterion weight negative", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Weight = num("-0.15") }, rubric.ErrWeightRange, medianReply + ": weight"},
		{"criteria weights sum", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "deflection_share").Weight = num("0.2") }, rubric.ErrWeightSum, `dimension "accuracy": criteria weights: weights must sum exactly to 1: they sum to 0.95`},

		// Metrics.
		{"metric missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "open_channels").Metric = "" }, rubric.ErrMissing, openChannels + ": metric: missing"},
		{"metric unknown", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "open_channels").Metric = "open_share" }, rubric.ErrUnknownMetric, openChannels + `: metric: unknown metric: "open_share"`},

		// Parameters: missing when required.
		{"target_hours missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "within_24h").Params.TargetHours = nil }, rubric.ErrMissing, within24h + `: params: target_hours: missing: metric "within_target_rate" requires it`},
		{"quantile missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Params.Quantile = nil }, rubric.ErrMissing, medianReply + ": params: quantile: missing"},

		// Parameters a metric does not take.
		{"response_rate takes no target_hours", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Params.TargetHours = ptr("24") }, rubric.ErrParam, responseRate + `: params: target_hours: bad metric parameter: metric "response_rate" does not take it`},
		{"within_target_rate takes no grace_hours", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "within_24h").Params.GraceHours = ptr("1") }, rubric.ErrParam, within24h + ": params: grace_hours"},
		{"reply_time_quantile takes no silence_days", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Params.SilenceDays = ptr("30") }, rubric.ErrParam, medianReply + ": params: silence_days"},
		{"long_silence_share takes no quantile", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "long_silence").Params.Quantile = ptr("0.5") }, rubric.ErrParam, longSilence + ": params: quantile"},
		{"shrinkage on a metric that is not a rate of counts", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "accurate_share").Shrinkage = rubric.BetaBinomial
		}, rubric.ErrParam, accurateShare + `: shrinkage: bad metric parameter: metric "accurate_share" is not a rate of counts`},
		{"unknown shrinkage", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Shrinkage = "james_stein" }, rubric.ErrParam, responseRate + `: shrinkage: bad metric parameter: unknown shrinkage "james_stein"`},
		{"unknown clock", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Params.Clock = "lunar" }, rubric.ErrParam, medianReply + `: params: clock: bad metric parameter: unknown clock "lunar"`},
		{"response_rate takes no clock", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Params.Clock = rubric.BusinessClock
		}, rubric.ErrParam, responseRate + `: params: clock: bad metric parameter: metric "response_rate" does not take it`},
		{"reply_time_quantile takes no use_due", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Params.UseDue = true }, rubric.ErrParam, medianReply + ": params: use_due"},
		{"accurate_share takes no refuse_deflections", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "accurate_share").Params.RefuseDeflections = true
		}, rubric.ErrParam, accurateShare + ": params: refuse_deflections"},
		{"restricted mean requires horizon_hours", func(t *testing.T, r *rubric.Rubric) {
			c := criterion(t, r, "median_reply")
			c.Metric, c.Params.Quantile = rubric.ReplyTimeRestrictedMean, nil
		}, rubric.ErrMissing, medianReply + `: params: horizon_hours: missing: metric "reply_time_restricted_mean" requires it`},
		{"horizon_hours must be positive", func(t *testing.T, r *rubric.Rubric) {
			c := criterion(t, r, "median_reply")
			c.Metric, c.Params.Quantile, c.Params.HorizonHours = rubric.ReplyTimeRestrictedMean, nil, ptr("0")
		}, rubric.ErrParam, medianReply + ": params: horizon_hours: bad metric parameter: 0 must be positive"},
		{"relative scale without better", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "median_reply").Scale = rubric.Scale{Kind: rubric.MinMax}
		}, rubric.ErrMissing, medianReply + ": scale: better: missing: a relative scale needs better"},
		{"relative scale with goalposts", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "median_reply").Scale = rubric.Scale{Kind: rubric.ZScore, Better: rubric.LowerIsBetter, Worst: ptr("1")}
		}, rubric.ErrScale, medianReply + `: scale: worst: bad scale: not used by a "z_score" scale`},
		{"better on an absolute scale", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "median_reply").Scale.Better = rubric.LowerIsBetter
		}, rubric.ErrScale, medianReply + `: scale: better: bad scale: not used by a "goalposts" scale`},
		{"unknown direction", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "median_reply").Scale = rubric.Scale{Kind: rubric.PercentileRank, Better: "sideways"}
		}, rubric.ErrScale, medianReply + `: scale: better: bad scale: unknown direction "sideways"`},
		{"unknown aggregation", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Method.Aggregation = "harmonic" }, rubric.ErrMethod, replySpeed + `: method: aggregation: bad aggregation method: unknown aggregation "harmonic"`},
		{"zero floor without geometric", func(t *testing.T, r *rubric.Rubric) { r.Method.ZeroFloor = ptr("1") }, rubric.ErrMethod, "method: zero_floor: bad aggregation method: only a geometric"},
		{"zero floor above 100", func(t *testing.T, r *rubric.Rubric) {
			r.Method = rubric.Method{Aggregation: rubric.Geometric, ZeroFloor: ptr("101")}
		}, rubric.ErrScale, "method: zero_floor: bad scale: points must be between 0 and 100"},
		{"unknown missing policy", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[2].Method.Missing = "impute" }, rubric.ErrMethod, `dimension "channel_openness": method: missing: bad aggregation method: unknown policy "impute"`},
		{"min_available above 1", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[3].Method.MinAvailable = ptr("1.5") }, rubric.ErrMethod, `dimension "staffing": method: min_available: bad aggregation method: 1.5 is not between 0 and 1`},
		{"accurate_share takes no grace_hours", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "accurate_share").Params.GraceHours = ptr("72") }, rubric.ErrParam, accurateShare + ": params: grace_hours"},
		{"deflection_share takes no credits", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "deflection_share").Params.Credits = &rubric.Credits{Partial: ptr("0.5")}
		}, rubric.ErrParam, deflection + ": params: credits"},
		{"open_channel_share takes no target_hours", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "open_channels").Params.TargetHours = ptr("1") }, rubric.ErrParam, openChannels + ": params: target_hours"},
		{"broadcast_only takes no silence_days", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").Params.SilenceDays = ptr("1") }, rubric.ErrParam, broadcastOnly + ": params: silence_days"},
		{"staff_per_open_channel takes no quantile", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "staff_per_channel").Params.Quantile = ptr("0.5")
		}, rubric.ErrParam, staffPerChan + ": params: quantile"},
		{"declared_coverage takes no grace_hours", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "declared_coverage").Params.GraceHours = ptr("1")
		}, rubric.ErrParam, `criterion "declared_coverage": params: grace_hours`},
		{"observed_presence takes no credits", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "observed_presence").Params.Credits = &rubric.Credits{}
		}, rubric.ErrParam, observedPresen + ": params: credits"},

		// Parameter values.
		{"grace_hours negative", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Params.GraceHours = ptr("-1") }, rubric.ErrParam, responseRate + ": params: grace_hours: bad metric parameter: -1 must be positive"},
		{"target_hours zero", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "within_24h").Params.TargetHours = ptr("0") }, rubric.ErrParam, within24h + ": params: target_hours"},
		{"silence_days zero", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "long_silence").Params.SilenceDays = ptr("0") }, rubric.ErrParam, longSilence + ": params: silence_days"},
		{"silence_days negative", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "long_silence").Params.SilenceDays = ptr("-30") }, rubric.ErrParam, longSilence + ": params: silence_days"},
		{"quantile 0", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Params.Quantile = ptr("0") }, rubric.ErrParam, medianReply + ": params: quantile: bad metric parameter: 0 is not strictly between 0 and 1"},
		{"quantile 1", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Params.Quantile = ptr("1") }, rubric.ErrParam, medianReply + ": params: quantile: bad metric parameter: 1 is not strictly between 0 and 1"},
		{"quantile above 1", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Params.Quantile = ptr("1.5") }, rubric.ErrParam, medianReply + ": params: quantile"},
		{"credit accurate above 1", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "accurate_share").Params.Credits = &rubric.Credits{Accurate: ptr("1.01")}
		}, rubric.ErrParam, accurateShare + ": params: credits: accurate: bad metric parameter: credit 1.01"},
		{"credit partial negative", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "accurate_share").Params.Credits = &rubric.Credits{Partial: ptr("-0.5")}
		}, rubric.ErrParam, accurateShare + ": params: credits: partial"},
		{"credit inaccurate above 1", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "accurate_share").Params.Credits = &rubric.Credits{Inaccurate: ptr("2")}
		}, rubric.ErrParam, accurateShare + ": params: credits: inaccurate"},
		{"credit deflection negative", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "accurate_share").Params.Credits = &rubric.Credits{Deflection: ptr("-1")}
		}, rubric.ErrParam, accurateShare + ": params: credits: deflection"},

		// Filters.
		{"filter on a metric not computed from inquiries", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "open_channels").Filter = &rubric.Filter{Channels: []model.ChannelKind{model.ChannelX}}
		}, rubric.ErrFilter, openChannels + `: filter: bad filter: metric "open_channel_share" is not computed from inquiries`},
		{"filter on broadcast_only", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").Filter = &rubric.Filter{} }, rubric.ErrFilter, broadcastOnly + ": filter"},
		{"filter unknown requester", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "media_response_rate").Filter.Requesters = []model.Requester{model.RequesterMedia, "press"}
		}, rubric.ErrFilter, mediaResponse + `: filter: requesters[1]: bad filter: unknown requester "press"`},
		{"filter empty requester", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "media_response_rate").Filter.Requesters = []model.Requester{""}
		}, rubric.ErrFilter, mediaResponse + `: filter: requesters[0]: bad filter: unknown requester ""`},
		{"filter unknown channel", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "media_response_rate").Filter.Channels = []model.ChannelKind{"twitter"}
		}, rubric.ErrFilter, mediaResponse + `: filter: channels[0]: bad filter: unknown channel kind "twitter"`},

		// Gates.
		{"gate without bounds", func(t *testing.T, r *rubric.Rubric) { r.Gates[0].Min = nil }, rubric.ErrMissing, `gate "answers": min: missing: a gate needs a min or a max`},
		{"gate without effect", func(t *testing.T, r *rubric.Rubric) { r.Gates[0].Cap, r.Gates[0].Grade = nil, "" }, rubric.ErrMissing, `gate "answers": cap: missing: a gate needs a cap or a grade`},
		{"gate of an unknown grade", func(t *testing.T, r *rubric.Rubric) { r.Gates[0].Grade = "failed" }, rubric.ErrGate, `gate "answers": grade: bad gate: no grade "failed"`},
		{"gate max below min", func(t *testing.T, r *rubric.Rubric) { r.Gates[0].Max = ptr("0.4") }, rubric.ErrGate, `gate "answers": max: bad gate: 0.4 is below min 0.5`},
		{"gate cap above 100", func(t *testing.T, r *rubric.Rubric) { r.Gates[0].Cap = ptr("101") }, rubric.ErrScale, `gate "answers": cap: bad scale: points must be between 0 and 100`},
		{"gate of an unknown metric", func(t *testing.T, r *rubric.Rubric) { r.Gates[0].Metric = "speed" }, rubric.ErrUnknownMetric, `gate "answers": metric: unknown metric: "speed"`},
		{"gate param its metric does not take", func(t *testing.T, r *rubric.Rubric) { r.Gates[0].Params.Quantile = ptr("0.5") }, rubric.ErrParam, `gate "answers": params: quantile`},
		{"gates with one id", func(t *testing.T, r *rubric.Rubric) { r.Gates = append(r.Gates, r.Gates[0]) }, rubric.ErrDuplicateID, `gate "answers": id: duplicate id`},
		{"gate named as a criterion", func(t *testing.T, r *rubric.Rubric) { r.Gates[0].ID = "response_rate" }, rubric.ErrDuplicateID, `gate "response_rate": id: duplicate id`},

		// Sample size and knock-out.
		{"min_sample negative", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "media_response_rate").MinSample = -1 }, rubric.ErrNumber, mediaResponse + ": min_sample: number out of range: -1 is negative"},
		{"knockout_cap above 100", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").KnockoutCap = ptr("100.5") }, rubric.ErrScale, broadcastOnly + ": knockout_cap: bad scale: points must be between 0 and 100, not 100.5"},
		{"knockout_cap negative", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").KnockoutCap = ptr("-1") }, rubric.ErrScale, broadcastOnly + ": knockout_cap"},

		// Scales in general.
		{"scale kind missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Kind = "" }, rubric.ErrMissing, medianReply + ": scale: kind: missing"},
		{"scale kind unknown", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Kind = "linear" }, rubric.ErrScale, medianReply + `: scale: kind: bad scale: unknown kind "linear"`},

		// Goalposts.
		{"goalposts worst missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Worst = nil }, rubric.ErrMissing, medianReply + ": scale: worst: missing"},
		{"goalposts best missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Best = nil }, rubric.ErrMissing, medianReply + ": scale: best: missing"},
		{"goalposts worst equals best", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Best = ptr("168.0") }, rubric.ErrScale, medianReply + ": scale: bad scale: worst and best are both 168"},
		{"goalposts with bands", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "median_reply").Scale.Bands = []rubric.Band{{Points: num("0")}}
		}, rubric.ErrScale, medianReply + `: scale: bands: bad scale: not used by a "goalposts" scale`},
		{"goalposts with true_points", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.TruePoints = ptr("100") }, rubric.ErrScale, medianReply + ": scale: true_points"},
		{"goalposts with false_points", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.FalsePoints = ptr("0") }, rubric.ErrScale, medianReply + ": scale: false_points"},

		// Bands.
		{"bands missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.Bands = nil }, rubric.ErrMissing, responseRate + ": scale: bands: missing"},
		{"bands with worst", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.Worst = ptr("0") }, rubric.ErrScale, responseRate + `: scale: worst: bad scale: not used by a "bands" scale`},
		{"bands with best", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.Best = ptr("1") }, rubric.ErrScale, responseRate + ": scale: best"},
		{"bands with true_points", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.TruePoints = ptr("1") }, rubric.ErrScale, responseRate + ": scale: true_points"},
		{"bands with false_points", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.FalsePoints = ptr("1") }, rubric.ErrScale, responseRate + ": scale: false_points"},
		{"band points above 100", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Scale.Bands[0].Points = num("101")
		}, rubric.ErrScale, responseRate + ": scale: bands[0]: points: bad scale: points must be between 0 and 100, not 101"},
		{"band points negative", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Scale.Bands[5].Points = num("-1")
		}, rubric.ErrScale, responseRate + ": scale: bands[5]: points"},
		{"band min above max", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.Bands[1].Max = ptr("0.7") }, rubric.ErrScale, responseRate + ": scale: bands[1]: bad scale: min 0.8 is above max 0.7"},
		{"last band bounded", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.Bands[5].Min = ptr("0") }, rubric.ErrScale, responseRate + ": scale: bands[5]: bad scale: the last band must have no min or max"},
		{"last band bounded above", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.Bands[5].Max = ptr("0.2") }, rubric.ErrScale, responseRate + ": scale: bands[5]: bad scale: the last band"},
		{"unbounded band not last", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Scale.Bands[2].Min = nil }, rubric.ErrScale, responseRate + ": scale: bands[2]: bad scale: only the last band may be unbounded"},

		// Boolean.
		{"boolean true_points missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").Scale.TruePoints = nil }, rubric.ErrMissing, broadcastOnly + ": scale: true_points: missing"},
		{"boolean false_points missing", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").Scale.FalsePoints = nil }, rubric.ErrMissing, broadcastOnly + ": scale: false_points: missing"},
		{"boolean points above 100", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "broadcast_only").Scale.FalsePoints = ptr("100.000000000001")
		}, rubric.ErrScale, broadcastOnly + ": scale: false_points: bad scale: points must be between 0 and 100"},
		{"boolean with worst", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").Scale.Worst = ptr("0") }, rubric.ErrScale, broadcastOnly + `: scale: worst: bad scale: not used by a "boolean" scale`},
		{"boolean with best", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").Scale.Best = ptr("1") }, rubric.ErrScale, broadcastOnly + ": scale: best"},
		{"boolean with bands", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "broadcast_only").Scale.Bands = []rubric.Band{{Points: num("0")}}
		}, rubric.ErrScale, broadcastOnly + ": scale: bands"},
		{"boolean on a non-boolean metric", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "open_channels").Scale = rubric.Scale{Kind: rubric.Boolean, TruePoints: ptr("100"), FalsePoints: ptr("0")}
		}, rubric.ErrScale, openChannels + `: scale: kind: bad scale: metric "open_channel_share" is not true or false`},

		// Grades.
		{"grades missing", func(t *testing.T, r *rubric.Rubric) { r.Grades = nil }, rubric.ErrMissing, "grades: missing"},
		{"grade id missing", func(t *testing.T, r *rubric.Rubric) { r.Grades[2].ID = "" }, rubric.ErrMissing, "grades[2]: id: missing"},
		{"grade id bad", func(t *testing.T, r *rubric.Rubric) { r.Grades[2].ID = "Slow" }, rubric.ErrBadID, `grade "Slow": id`},
		{"grade id duplicate", func(t *testing.T, r *rubric.Rubric) { r.Grades[2].ID = "exemplary" }, rubric.ErrDuplicateID, `grade "exemplary": id: duplicate id`},
		{"grade en label missing", func(t *testing.T, r *rubric.Rubric) { delete(r.Grades[1].Labels, "en") }, rubric.ErrMissing, `grade "responsive": labels: en: missing`},
		{"grade labels nil", func(t *testing.T, r *rubric.Rubric) { r.Grades[1].Labels = nil }, rubric.ErrMissing, `grade "responsive": labels: en: missing`},
		{"grade min above 100", func(t *testing.T, r *rubric.Rubric) { r.Grades[0].Min = num("100.01") }, rubric.ErrGrade, `grade "exemplary": min: bad grade bands: 100.01 is not between 0 and 100`},
		{"grades not descending", func(t *testing.T, r *rubric.Rubric) { r.Grades[2].Min = num("75") }, rubric.ErrGrade, `grade "slow": min: bad grade bands: minimums must fall strictly from the first band to the last (75 follows 70)`},
		{"grades equal minimums", func(t *testing.T, r *rubric.Rubric) { r.Grades[2].Min = num("70.00") }, rubric.ErrGrade, `grade "slow": min: bad grade bands: minimums must fall strictly`},
		{"last grade not 0", func(t *testing.T, r *rubric.Rubric) { r.Grades[4].Min = num("10") }, rubric.ErrGrade, `grade "silent": min: bad grade bands: the last band must start at 0`},
		{"last grade negative", func(t *testing.T, r *rubric.Rubric) { r.Grades[4].Min = num("-1") }, rubric.ErrGrade, `grade "silent": min: bad grade bands: -1 is not between 0 and 100`},

		// Numbers: at most 12 places and at most 1e9, checked before any
		// arithmetic so that absurd exponents return at once.
		{"13 places in a dimension weight", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = num("0.4000000000001") }, rubric.ErrNumber, replySpeed + ": weight: number out of range: more than 12 decimal places"},
		{"13 places in a criterion weight", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Weight = num("0.1500000000001") }, rubric.ErrNumber, medianReply + ": weight: number out of range"},
		{"tiny dimension weight", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = *huge(-999999999) }, rubric.ErrNumber, replySpeed + ": weight: number out of range: more than 12 decimal places"},
		{"huge dimension weight", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = *huge(999999999) }, rubric.ErrNumber, replySpeed + ": weight: number out of range: magnitude above 1000000000"},
		{"huge criterion weight", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Weight = *huge(999999999) }, rubric.ErrNumber, medianReply + ": weight: number out of range: magnitude"},
		{"just above 1e9 worst", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "median_reply").Scale.Worst = ptr("1000000000.000000000001")
		}, rubric.ErrNumber, medianReply + ": scale: worst: number out of range: magnitude above 1000000000"},
		{"negative huge best", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Best = ptr("-10000000000") }, rubric.ErrNumber, medianReply + ": scale: best: number out of range: magnitude"},
		{"tiny worst", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Worst = huge(-999999999) }, rubric.ErrNumber, medianReply + ": scale: worst: number out of range"},
		{"huge best", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Best = huge(999999999) }, rubric.ErrNumber, medianReply + ": scale: best: number out of range"},
		{"bands out of order", func(t *testing.T, r *rubric.Rubric) {
			b := criterion(t, r, "response_rate").Scale.Bands
			b[0], b[1] = b[1], b[0] // min 0.8 before min 0.95: 0.95 can never apply
		}, rubric.ErrScale, responseRate + ": scale: bands[1]: bad scale: band 0 (min 0.8) catches every measure this band would, so it can never apply: put the bands in order"},
		{"band inside an earlier one", func(t *testing.T, r *rubric.Rubric) {
			b := criterion(t, r, "response_rate").Scale.Bands
			b[0].Max, b[1].Min, b[1].Max = ptr("0.99"), ptr("0.9"), ptr("0.95")
			b[0].Min = ptr("0.5")
		}, rubric.ErrScale, responseRate + ": scale: bands[1]: bad scale: band 0 (min 0.5, max 0.99) catches every measure this band would"},
		{"a band that the ones before cover together", func(t *testing.T, r *rubric.Rubric) {
			s := &criterion(t, r, "response_rate").Scale
			s.Bands = []rubric.Band{
				{Min: ptr("0.5"), Points: *ptr("100")},
				{Max: ptr("0.5"), Points: *ptr("50")},
				{Min: ptr("0.2"), Max: ptr("0.8"), Points: *ptr("10")},
				{Points: *ptr("0")},
			}
		}, rubric.ErrScale, responseRate + ": scale: bands[2]: bad scale: the bands before it catch every measure this band would between them"},
		{"tiny band min", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Scale.Bands[0].Min = huge(-999999999)
		}, rubric.ErrNumber, responseRate + ": scale: bands[0]: min: number out of range"},
		{"huge band max", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Scale.Bands[0].Max = huge(999999999)
		}, rubric.ErrNumber, responseRate + ": scale: bands[0]: max: number out of range"},
		{"tiny band points", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Scale.Bands[1].Points = *huge(-999999999)
		}, rubric.ErrNumber, responseRate + ": scale: bands[1]: points: number out of range"},
		{"huge true_points", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "broadcast_only").Scale.TruePoints = huge(999999999)
		}, rubric.ErrNumber, broadcastOnly + ": scale: true_points: number out of range"},
		{"tiny knockout_cap", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").KnockoutCap = huge(-999999999) }, rubric.ErrNumber, broadcastOnly + ": knockout_cap: number out of range"},
		{"tiny quantile", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "median_reply").Params.Quantile = huge(-999999999)
		}, rubric.ErrNumber, medianReply + ": params: quantile: number out of range"},
		{"huge grace_hours", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Params.GraceHours = huge(999999999)
		}, rubric.ErrNumber, responseRate + ": params: grace_hours: number out of range"},
		{"tiny target_hours", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "within_24h").Params.TargetHours = huge(-999999999)
		}, rubric.ErrNumber, within24h + ": params: target_hours: number out of range"},
		{"huge silence_days", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "long_silence").Params.SilenceDays = huge(999999999)
		}, rubric.ErrNumber, longSilence + ": params: silence_days: number out of range"},
		{"tiny credit", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "accurate_share").Params.Credits = &rubric.Credits{Partial: huge(-999999999)}
		}, rubric.ErrNumber, accurateShare + ": params: credits: partial: number out of range"},
		{"tiny grade min", func(t *testing.T, r *rubric.Rubric) { r.Grades[1].Min = *huge(-999999999) }, rubric.ErrNumber, `grade "responsive": min: number out of range: more than 12 decimal places`},
		{"huge grade min", func(t *testing.T, r *rubric.Rubric) { r.Grades[1].Min = *huge(999999999) }, rubric.ErrNumber, `grade "responsive": min: number out of range: magnitude`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := rubric.Default()
			tt.mutate(t, &r)
			start := time.Now()
			err := r.Validate()
			elapsed := time.Since(start)
			require.Error(t, err, "Validate() = nil, want %v", tt.want)
			assert.ErrorIs(t, err, tt.want, "Validate() = %v, want errors.Is %v", err, tt.want)
			assert.Contains(t, err.Error(), tt.path, "Validate() = %v, want the path %q", err, tt.path)
			// A generous bound: the point is that it returns, not how fast.
			assert.Less(t, elapsed, 5*time.Second, "Validate() took %s", elapsed)
		})
	}
}

func TestValidateNumberLimits(t *testing.T) {
	t.Parallel()
	// Exactly 12 places and exactly 1e9 are within the limits.
	r := rubric.Default()
	r.Dimensions[0].Weight = num("0.400000000001")
	r.Dimensions[3].Weight = num("0.149999999999")
	criterion(t, &r, "median_reply").Scale.Worst = ptr("1000000000")
	criterion(t, &r, "median_reply").Scale.Best = ptr("-1000000000")
	criterion(t, &r, "median_reply").Params.Quantile = ptr("0.000000000001")
	assert.NoError(t, r.Validate(), "Validate() with 12 places and 1e9")

	// Trailing zeros are not places: 0.4000000000000000 is 0.4.
	r = rubric.Default()
	r.Dimensions[0].Weight = num("0.4000000000000000000")
	assert.NoError(t, r.Validate(), "Validate() with 0.4000000000000000000")
}

func TestValidateReportsEveryProblem(t *testing.T) {
	t.Parallel()
	r := rubric.Default()
	r.Version = ""
	r.Dimensions[1].Weight = num("0.3")                                                  // dimension weights sum to 1.05
	criterion(t, &r, "median_reply").Params.Quantile = ptr("1")                          // quantile out of range
	criterion(t, &r, "open_channels").Metric = "nope"                                    // unknown metric
	criterion(t, &r, "response_rate").Scale.Bands[5].Min = ptr("0")                      // last band bounded
	criterion(t, &r, "media_response_rate").Filter.Channels = []model.ChannelKind{"fax"} // unknown channel
	r.Grades[4].Min = num("5")                                                           // last grade not 0

	err := r.Validate()
	require.Error(t, err, "Validate() = nil, want 7 problems")
	for _, want := range []error{rubric.ErrMissing, rubric.ErrWeightSum, rubric.ErrParam,
		rubric.ErrUnknownMetric, rubric.ErrScale, rubric.ErrFilter, rubric.ErrGrade} {
		assert.ErrorIs(t, err, want, "Validate() = %v, want errors.Is %v", err, want)
	}
	var joined interface{ Unwrap() []error }
	require.True(t, errors.As(err, &joined), "Validate() = %T, want an errors.Join", err)
	assert.Len(t, joined.Unwrap(), 7, "Validate() joined %d errors, want 7:\n%v", len(joined.Unwrap()), err)
	assert.Len(t, strings.Split(err.Error(), "\n"), 7, "Validate() = %d lines, want 7:\n%v", len(strings.Split(err.Error(), "\n")), err)
}

func TestValidateWeightSums(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		weights []string // of the accuracy dimension's criteria, padded with one more
		wantErr bool
	}{
		{"thirds rounded to 3 places", []string{"0.333", "0.333", "0.334"}, false},
		{"0.1+0.2+0.7, which is not 1 in float64", []string{"0.1", "0.2", "0.7"}, false},
		{"trailing zeros", []string{"0.10", "0.200", "0.7000"}, false},
		{"12 places", []string{"0.333333333333", "0.333333333333", "0.333333333334"}, false},
		{"thirds to 4 places sum to 0.9999", []string{"0.3333", "0.3333", "0.3333"}, true},
		{"sum above 1 by 1e-12", []string{"0.333333333333", "0.333333333334", "0.333333333334"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := rubric.Default()
			acc := &r.Dimensions[1]
			acc.Criteria = append(acc.Criteria, rubric.Criterion{
				ID: "deflection_share_2", Metric: rubric.DeflectionShare,
				Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0.5"), Best: ptr("0")},
			})
			for i, w := range tt.weights {
				acc.Criteria[i].Weight = num(w)
			}
			err := r.Validate()
			if !tt.wantErr {
				assert.NoError(t, err, "Validate() with weights %v", tt.weights)
				return
			}
			assert.ErrorIs(t, err, rubric.ErrWeightSum, "Validate() with weights %v = %v, want ErrWeightSum", tt.weights, err)
			assert.Contains(t, err.Error(), `dimension "accuracy": criteria weights`, "Validate() = %v", err)
		})
	}
}

// TestValidateDimensionWeightSums checks the same exactness at the top level.
func TestValidateDimensionWeightSums(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		weights [4]string
		wantErr bool
	}{
		{"default", [4]string{"0.4", "0.25", "0.2", "0.15"}, false},
		{"0.1+0.2+0.3+0.4", [4]string{"0.1", "0.2", "0.3", "0.4"}, false},
		{"0+0+0+1", [4]string{"0", "0", "0", "1"}, false},
		{"0.1+0.2+0.3+0.3", [4]string{"0.1", "0.2", "0.3", "0.3"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := rubric.Default()
			for i, w := range tt.weights {
				r.Dimensions[i].Weight = num(w)
			}
			err := r.Validate()
			if !tt.wantErr {
				assert.NoError(t, err, "Validate() with dimension weights %v", tt.weights)
				return
			}
			assert.ErrorIs(t, err, rubric.ErrWeightSum, "Validate() with dimension weights %v = %v, want ErrWeightSum", tt.weights, err)
		})
	}
}

// TestBandsBounded: a scale of more than MaxBands bands is refused before
// its cover is checked, which compares each band with those before it
// (32,000 bands took minutes); MaxBands of them validate.
func TestBandsBounded(t *testing.T) {
	bands := func(n int) []rubric.Band {
		out := make([]rubric.Band, n)
		for i := range out[:n-1] {
			lo := decimal.NewFromInt(int64(n - 1 - i))
			out[i] = rubric.Band{Min: &lo, Points: decimal.Zero}
		}
		return out // the last, without bounds, covers the rest
	}
	for _, n := range []int{rubric.MaxBands, rubric.MaxBands + 1} {
		r := rubric.Default()
		c := &r.Dimensions[0].Criteria[0]
		c.Scale = rubric.Scale{Kind: rubric.Bands, Bands: bands(n)}
		err := r.Validate()
		if n <= rubric.MaxBands {
			if err != nil {
				assert.NotContains(t, err.Error(), "MaxBands", "%d bands", n)
			}
			continue
		}
		require.Error(t, err)
		assert.Contains(t, err.Error(), "at most MaxBands (1000)")
	}
}
