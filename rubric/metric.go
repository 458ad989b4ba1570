package rubric

// Metric names a measure the scorer knows how to compute from a dataset.
//
// Durations are counted in whole seconds, rounded up. In every definition,
// AsOf is the observation cut-off given to the scorer:
// inquiries received after AsOf are not counted, and a reply or other event
// after AsOf has not happened yet. "Answered" means a first reply at or
// before AsOf. An inquiry's "age" is AsOf minus its receipt. Inquiry-based
// metrics see only the inquiries that pass the criterion's filter. The
// sample size n of each metric is stated with it.
type Metric string

// Metrics.
const (
	// ResponseRate is answered / eligible, where eligible are the inquiries
	// at least GraceHours old (default 0). n = eligible. Higher is better.
	ResponseRate Metric = "response_rate"

	// WithinTargetRate is met / decided for the target T = TargetHours. An
	// inquiry is met when answered with reply − receipt <= T; breached when
	// answered later than that, or unanswered and at least T old; and
	// pending (left out) when unanswered and not yet T old, because its
	// outcome is not known at AsOf. With Params.UseDue, an inquiry's own due
	// time replaces receipt + T; with Params.Clock business, T and ages are
	// counted in the agency's working time. n = decided = met + breached; the pending count is
	// reported beside it. Higher is better.
	WithinTargetRate Metric = "within_target_rate"

	// ReplyTimeQuantile is the Quantile-th quantile, in hours, of the time
	// from receipt to first reply, estimated with the Kaplan-Meier
	// product-limit estimator: an unanswered inquiry is a right-censored
	// observation at its age, never dropped and never averaged as if it had
	// been answered. The quantile is the smallest time t at which the
	// estimated share still unanswered, S(t), is at most 1 − Quantile; where
	// S equals 1 − Quantile exactly on an interval, the midpoint of that
	// interval (as R's survfit does). When S never falls that low, the
	// quantile is "not reached": beyond the longest time observed (the
	// oldest unanswered inquiry's age, or the longest delay). It earns the
	// scale's worst points once that time reaches the value from which
	// every value earns them (a goalposts scale's Worst, or the start of an
	// open-ended worst band); before, the silence is young, the quantile may
	// yet turn out well, and the criterion is insufficient: flagged, scored
	// neither 0 nor 100. On a relative scale, that value is the largest
	// quantile among the agencies compared: a quantile not reached earns
	// the worst points once observed at least that long, and is
	// insufficient before, or when no agency compared reached one.
	// n = all inquiries; the censored count is reported.
	// Lower is better.
	ReplyTimeQuantile Metric = "reply_time_quantile"

	// ReplyTimeRestrictedMean is the mean time to first reply, in hours,
	// restricted to the horizon H = HorizonHours: the area under the
	// Kaplan-Meier curve from 0 to H, which counts an inquiry unanswered
	// after H as H. Unlike the quantiles it is always reached, and it weighs
	// every inquiry, so one that is never answered costs as much as H
	// allows. Its 95% interval is mean ± 1.96 × R's se(rmean), clipped to
	// [0, H]. n = all inquiries. Lower is better.
	ReplyTimeRestrictedMean Metric = "reply_time_restricted_mean"

	// EventualNonresponseShare is the share of inquiries estimated never to
	// be answered: the Kaplan-Meier curve's plateau, S after its last reply.
	// It treats a censored inquiry as one that would be answered at the
	// rate of those still waiting as long. Its 95% interval is the curve's
	// log-scale interval there. n = all inquiries. Lower is better.
	EventualNonresponseShare Metric = "eventual_nonresponse_share"

	// LongSilenceShare is silent / eligible, where eligible are the
	// inquiries at least SilenceDays old (default 30) and silent are those
	// of them with no reply within SilenceDays of receipt (answered later,
	// or not at all). n = eligible. Lower is better.
	LongSilenceShare Metric = "long_silence_share"

	// AccurateShare is Σ credit(grade) / graded over answered inquiries whose
	// reply was graded accurate, partial, inaccurate or deflection, with the
	// credits of Params.Credits (defaults 1, 0.5, 0, 0). n = graded. Higher is
	// better.
	AccurateShare Metric = "accurate_share"

	// DeflectionShare is deflections / graded over the same replies as
	// AccurateShare. n = graded. Lower is better.
	DeflectionShare Metric = "deflection_share"

	// OpenChannelShare is open / official over the agency's declared
	// official channels, where open means accepting inquiries and not
	// broadcast-only. Implied channels are not counted. n = official
	// channels. Higher is better.
	OpenChannelShare Metric = "open_channel_share"

	// BroadcastOnly is 1 when at least one of the agency's declared official
	// channels is broadcast-only, else 0. n = official channels; with none
	// declared the measure is missing. Use a [Boolean] scale, and a
	// KnockoutCap to make it a knock-out.
	BroadcastOnly Metric = "broadcast_only"

	// StaffPerOpenChannel is the staff assigned at AsOf divided by the
	// number of open channels (see OpenChannelShare). Staff assigned is the
	// sum of Staff over the agency's staffing declarations active at AsOf,
	// agency-wide and per channel. Missing when the agency declared no
	// staffing at all, or has no open channel. n = open channels. Higher is
	// better.
	StaffPerOpenChannel Metric = "staff_per_open_channel"

	// DeclaredCoverage is the mean, over the agency's open channels, of the
	// hours a week someone monitors the channel divided by 168 (capped at 1).
	// A channel's hours are the largest WeeklyHours of the declarations
	// active at AsOf that name it or the whole agency and assign at least one
	// person; a channel no such declaration covers counts 0. Missing when the agency declared no
	// staffing, or has no open channel. n = open channels. Higher is better.
	DeclaredCoverage Metric = "declared_coverage"

	// ObservedPresence is replied / waiting, where waiting are the calendar
	// days on which the agency had at least one inquiry waiting for a first
	// reply (from the day it arrived to the day it was answered, or to AsOf)
	// and replied are those of them with at least one first reply. Days are
	// counted in the agency's time zone from the scorer's Since (by default
	// the earliest receipt in the dataset) to AsOf; a partial day counts.
	// Counting only days with work waiting keeps an agency that receives
	// few inquiries from being marked absent on days nobody wrote. n =
	// waiting days. Higher is better.
	ObservedPresence Metric = "observed_presence"
)

// Metrics returns every known metric, in a fixed order.
func Metrics() []Metric {
	return []Metric{ResponseRate, WithinTargetRate, ReplyTimeQuantile, ReplyTimeRestrictedMean,
		EventualNonresponseShare, LongSilenceShare,
		AccurateShare, DeflectionShare, OpenChannelShare, BroadcastOnly,
		StaffPerOpenChannel, DeclaredCoverage, ObservedPresence}
}

// Known reports whether m is one of the metrics this version computes.
func (m Metric) Known() bool {
	_, ok := metricParams[m]
	return ok
}

// InquiryBased reports whether the metric is computed from inquiries, and so
// whether a criterion's Filter applies to it.
func (m Metric) InquiryBased() bool {
	switch m {
	case ResponseRate, WithinTargetRate, ReplyTimeQuantile, ReplyTimeRestrictedMean,
		EventualNonresponseShare, LongSilenceShare, AccurateShare, DeflectionShare, ObservedPresence:
		return true
	}
	return false
}

// binomial reports whether the metric is a count k out of n inquiries, to
// which beta-binomial shrinkage applies.
func (m Metric) binomial() bool {
	switch m {
	case ResponseRate, WithinTargetRate, LongSilenceShare, DeflectionShare:
		return true
	}
	return false
}

// param names a field of Params, by its file name.
type param string

const (
	pGrace    param = "grace_hours"
	pTarget   param = "target_hours"
	pQuantile param = "quantile"
	pSilence  param = "silence_days"
	pCredits  param = "credits"
	pClock    param = "clock"
	pUseDue   param = "use_due"
	pRefuse   param = "refuse_deflections"
	pHorizon  param = "horizon_hours"
)

// allParams lists every parameter, in the order validation reports them.
var allParams = []param{pGrace, pTarget, pQuantile, pHorizon, pSilence, pCredits, pClock, pUseDue, pRefuse}

// metricParams lists, per metric, the parameters it reads and whether each is
// required.
var metricParams = map[Metric]map[param]bool{
	ResponseRate:             {pGrace: false, pRefuse: false},
	WithinTargetRate:         {pTarget: true, pClock: false, pUseDue: false, pRefuse: false},
	ReplyTimeQuantile:        {pQuantile: true, pClock: false, pRefuse: false},
	ReplyTimeRestrictedMean:  {pHorizon: true, pClock: false, pRefuse: false},
	EventualNonresponseShare: {pClock: false, pRefuse: false},
	LongSilenceShare:         {pSilence: false, pRefuse: false},
	AccurateShare:            {pCredits: false},
	DeflectionShare:          {},
	OpenChannelShare:         {},
	BroadcastOnly:            {},
	StaffPerOpenChannel:      {},
	DeclaredCoverage:         {},
	ObservedPresence:         {},
}
