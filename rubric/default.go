package rubric

import (
	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
)

// DefaultID is the ID of the standard [Default] returns.
const DefaultID = "govscore-default"

// Default returns the govscore default standard, a fresh value each call.
//
// Its weights and goalposts, each with a one-line rationale in the value
// itself, are:
//
//	reply_speed       0.40  response_rate 0.30 (bands; 65% earns 70 points)
//	                        within_24h 0.25, median_reply 0.15, p90_reply 0.10,
//	                        long_silence 0.20
//	accuracy          0.25  accurate_share 0.75, deflection_share 0.25
//	channel_openness  0.20  open_channels 0.40, broadcast_only 0.30 (knock-out:
//	                        caps the dimension at 40), media_response_rate 0.30
//	staffing          0.15  staff_per_channel 0.40 (knock-out: nobody assigned
//	                        caps the dimension at 20), declared_coverage 0.30,
//	                        observed_presence 0.30
//
// Every dimension is published only when its criteria with points carry
// at least half its weight (min_available 0.5), so that no dimension is
// published from a sliver. The criteria that read an agency's own
// declarations (open_channels, staff_per_channel, declared_coverage) score
// 0 when it declares nothing (missing: zero): staffing is then observed
// presence and two zeros, capped at 20 by the staffing knock-out, and
// channel openness is journalists' replies and a zero, never 100 from one
// criterion. Zero, not withholding, because a withheld dimension is
// re-weighted away and declaring nothing would then score like declaring
// well; and a declaration is the agency's to make, so not making one is
// its answer. Criteria measured from inquiries keep re-weighting: no
// journalist writing is no fault of the agency. The zeros count in the
// score but not in the coverage, which measures evidence. The report says
// so (not_declared, missing_zero).
//
// Reply times are counted in calendar time: the public writes to social
// media at any hour. A regulator who holds agencies to office hours sets
// clock: business on those criteria and gives each agency a calendar.
//
// Grades: Exemplary >= 85, Responsive >= 70, Slow >= 50, Unresponsive >= 25,
// Silent below, with Arabic labels.
//
// One gate: an agency that answers fewer than half of its inquiries (those
// 72 hours old or more, once there are as many as the minimum sample, 10
// by default) fails the standard: its overall
// score is capped at 24 and its grade is Silent, whatever its other
// dimensions earn. Silence, the survey's central finding, is a gate, not a
// weight.
func Default() Rubric {
	return Rubric{
		ID:      DefaultID,
		Title:   "govscore default digital-governance standard",
		Version: "2026.1",
		Description: "How well a government agency answers the public on its digital channels: " +
			"whether and how soon it replies, whether the replies are right, whether its official " +
			"channels take questions at all, and whether anybody is assigned to read them.",
		Dimensions: []Dimension{
			{
				ID: ReplySpeed, Title: "Reply speed", Weight: d("0.4"),
				Rationale: "The survey behind the standard turned on speed: some ministries answered within hours, others left messages for months.",
				Method:    Method{MinAvailable: dec("0.5")},
				Criteria: []Criterion{
					{
						ID: "response_rate", Title: "Inquiries answered", Metric: ResponseRate,
						Params: Params{GraceHours: dec("72")},
						Scale: Scale{Kind: Bands, Bands: []Band{
							{Min: dec("0.95"), Points: d("100")},
							{Min: dec("0.8"), Points: d("85")},
							{Min: dec("0.65"), Points: d("70")},
							{Min: dec("0.4"), Points: d("40")},
							{Min: dec("0.2"), Points: d("15")},
							{Points: d("0")},
						}},
						Weight:    d("0.3"),
						Rationale: "65% answered is the bar of Socialbakers' 'Socially Devoted' social-media responsiveness standard (2012); here it earns 70 points, the Responsive grade. Inquiries younger than 72 hours are left out.",
					},
					{
						ID: "within_24h", Title: "Answered within 24 hours", Metric: WithinTargetRate,
						Params:    Params{TargetHours: dec("24"), Clock: CalendarClock},
						Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("0.9")},
						Weight:    d("0.25"),
						Rationale: "A day is the horizon in which an answer on social media is still useful; 90% within it earns full points, leaving room for questions that need research.",
					},
					{
						ID: "median_reply", Title: "Median time to first reply (hours)", Metric: ReplyTimeQuantile,
						Params:    Params{Quantile: dec("0.5"), Clock: CalendarClock},
						Scale:     Scale{Kind: Goalposts, Worst: dec("168"), Best: dec("1")},
						Weight:    d("0.15"),
						Rationale: "The responsive ministries in the survey answered within hours (1 hour earns full points); a week for half the inquiries earns none.",
					},
					{
						ID: "p90_reply", Title: "90th percentile of time to first reply (hours)", Metric: ReplyTimeQuantile,
						Params:    Params{Quantile: dec("0.9"), Clock: CalendarClock},
						Scale:     Scale{Kind: Goalposts, Worst: dec("720"), Best: dec("24")},
						Weight:    d("0.1"),
						Rationale: "The slow tail: nine in ten answered within a day earns full points; a tail of 30 days or more earns none.",
					},
					{
						ID: "long_silence", Title: "Inquiries left unanswered for more than 30 days", Metric: LongSilenceShare,
						Params:    Params{SilenceDays: dec("30")},
						Scale:     Scale{Kind: Goalposts, Worst: dec("0.25"), Best: dec("0")},
						Weight:    d("0.2"),
						Rationale: "The survey found messages unread for weeks and months; any month-long silence costs points and a quarter of inquiries silenced costs them all.",
					},
				},
			},
			{
				ID: Accuracy, Title: "Accuracy", Weight: d("0.25"),
				Rationale: "A fast wrong answer is worse than a slow right one, but accuracy can only be judged on the replies there are.",
				Method:    Method{MinAvailable: dec("0.5")},
				Criteria: []Criterion{
					{
						ID: "accurate_share", Title: "Replies that answer correctly", Metric: AccurateShare,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0.5"), Best: dec("0.95")},
						Weight:    d("0.75"),
						Rationale: "Accurate counts 1 and partial 0.5; a coin-flip (0.5) earns nothing, 95% earns full points.",
					},
					{
						ID: "deflection_share", Title: "Replies that deflect", Metric: DeflectionShare,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0.3"), Best: dec("0")},
						Weight:    d("0.25"),
						Rationale: "'Please DM us' or 'see our website' stops the clock without answering; three in ten deflected earns nothing.",
					},
				},
			},
			{
				ID: ChannelOpenness, Title: "Channel openness", Weight: d("0.2"),
				Rationale: "The survey found official accounts that only broadcast news and take no questions.",
				Method:    Method{MinAvailable: dec("0.5")},
				Criteria: []Criterion{
					{
						ID: "open_channels", Title: "Official channels that take inquiries", Metric: OpenChannelShare,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("1")},
						Weight:    d("0.4"),
						Missing:   Zero,
						Rationale: "Every official channel should take questions. An agency that declares no official channel scores 0: the channels it publishes are its own to declare, and declaring none must not score like declaring open ones.",
					},
					{
						ID: "broadcast_only", Title: "An official channel is broadcast-only", Metric: BroadcastOnly,
						Scale:       Scale{Kind: Boolean, TruePoints: dec("0"), FalsePoints: dec("100")},
						Weight:      d("0.3"),
						KnockoutCap: dec("40"),
						Rationale:   "An official account that only broadcasts is a closed door with the agency's name on it: a knock-out that caps the dimension at 40.",
					},
					{
						ID: "media_response_rate", Title: "Journalists' inquiries answered", Metric: ResponseRate,
						Params:    Params{GraceHours: dec("72")},
						Filter:    &Filter{Requesters: []model.Requester{model.RequesterMedia}},
						Scale:     Scale{Kind: Goalposts, Worst: dec("0.25"), Best: dec("0.95")},
						Weight:    d("0.3"),
						MinSample: 3,
						Rationale: "The survey's journalists were left unanswered too; the press reaches the public that did not ask. Few inquiries come from the press, so 3 suffice.",
					},
				},
			},
			{
				ID: Staffing, Title: "Staffing", Weight: d("0.15"),
				Rationale: "Some agencies assigned nobody to read what arrives; declared staffing is checked against observed replies.",
				Method:    Method{MinAvailable: dec("0.5")},
				Criteria: []Criterion{
					{
						ID: "staff_per_channel", Title: "Staff per open channel", Metric: StaffPerOpenChannel,
						Scale:       Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("2")},
						Weight:      d("0.4"),
						KnockoutCap: dec("20"),
						Missing:     Zero,
						Rationale:   "Two people per open channel cover leave and shifts; nobody assigned is a knock-out that caps the dimension at 20. Declaring no staffing scores 0 too, and so knocks out alike: nobody is known to be assigned.",
					},
					{
						ID: "declared_coverage", Title: "Hours a week someone monitors", Metric: DeclaredCoverage,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("0.5")},
						Weight:    d("0.3"),
						Missing:   Zero,
						Rationale: "Twelve hours a day, every day (84 of 168 hours) earns full points; office hours alone (40) earn about half; none declared, nothing.",
					},
					{
						ID: "observed_presence", Title: "Days with at least one reply", Metric: ObservedPresence,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("0.7")},
						Weight:    d("0.3"),
						Rationale: "Declarations are checked against behaviour: replies on five days of seven (a working week) earn full points.",
					},
				},
			},
		},
		Gates: []Gate{{
			ID: "answers", Title: "Answers at least half of its inquiries", Metric: ResponseRate,
			Params: Params{GraceHours: dec("72")}, Min: dec("0.5"), Cap: dec("24"), Grade: "silent",
			Rationale: "The survey's central finding is silence: an agency that leaves most of its inquiries unanswered " +
				"fails the standard whatever it declares, its score capped below the Unresponsive band and its grade Silent.",
		}},
		Grades: DefaultGrades(),
	}
}

// DefaultGrades returns the default grade bands, a fresh value each call:
// Exemplary >= 85, Responsive >= 70, Slow >= 50, Unresponsive >= 25, Silent
// below, labelled in English and Arabic.
func DefaultGrades() []Grade {
	return []Grade{
		{ID: "exemplary", Min: d("85"), Labels: map[string]string{"en": "Exemplary", "ar": "نموذجي"}},
		{ID: "responsive", Min: d("70"), Labels: map[string]string{"en": "Responsive", "ar": "مستجيب"}},
		{ID: "slow", Min: d("50"), Labels: map[string]string{"en": "Slow", "ar": "بطيء"}},
		{ID: "unresponsive", Min: d("25"), Labels: map[string]string{"en": "Unresponsive", "ar": "غير مستجيب"}},
		{ID: "silent", Min: d("0"), Labels: map[string]string{"en": "Silent", "ar": "صامت"}},
	}
}

// d returns the decimal written in s, which must be valid.
func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }
