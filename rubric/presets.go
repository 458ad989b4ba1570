package rubric

import "github.com/govscore/govscore/model"

// IDs of the standards [Strict] and [Index] return.
const (
	StrictID = "govscore-strict"
	IndexID  = "govscore-index"
)

// Presets returns every preset standard, fresh values each call: [Default],
// [Strict] and [Index], in that order.
func Presets() []Rubric {
	return []Rubric{Default(), Strict(), Index()}
}

// Strict returns a stricter standard than [Default], a fresh value each call.
// It keeps Default's dimensions, criteria, weights and grade bands and
// tightens the targets, so that an agency Default calls Exemplary must answer
// sooner, more often and more accurately to keep that grade:
//
//	reply_speed       response_rate bands from 98% (100 points); 85% earns 70;
//	                  inquiries count after 24 hours, not 72
//	                  within_8h replaces within_24h (95% within 8 hours earns 100)
//	                  median_reply best 0.5 h, worst 48 h
//	                  p90_reply best 8 h, worst 168 h
//	                  long_silence after 14 days, not 30; 10% silenced earns 0
//	accuracy          accurate_share best 0.98, worst 0.6; deflection worst 0.2
//	channel_openness  broadcast_only caps the dimension at 25, not 40;
//	                  media_response_rate best 0.98, worst 0.5
//	staffing          staff_per_channel best 3 (knock-out cap 10, not 20);
//	                  declared_coverage best 0.75; observed_presence best 0.85
//
// Reports under Strict and Default are not comparable (see [Diff]); compare
// an agency's grade under each to see how far it is from the stricter bar.
func Strict() Rubric {
	return Rubric{
		ID:      StrictID,
		Title:   "govscore strict digital-governance standard",
		Version: "2026.1",
		Description: "The default standard's dimensions and weights with tighter targets: replies within hours " +
			"rather than a day, silences of two weeks rather than a month, and fewer wrong or deflecting answers.",
		Dimensions: []Dimension{
			{
				ID: ReplySpeed, Title: "Reply speed", Weight: d("0.4"),
				Rationale: "As in the default standard: the survey behind it turned on speed.",
				Criteria: []Criterion{
					{
						ID: "response_rate", Title: "Inquiries answered", Metric: ResponseRate,
						Params: Params{GraceHours: dec("24")},
						Scale: Scale{Kind: Bands, Bands: []Band{
							{Min: dec("0.98"), Points: d("100")},
							{Min: dec("0.92"), Points: d("85")},
							{Min: dec("0.85"), Points: d("70")},
							{Min: dec("0.65"), Points: d("40")},
							{Min: dec("0.4"), Points: d("15")},
							{Points: d("0")},
						}},
						Weight:    d("0.3"),
						Rationale: "85% answered earns 70 points, the Responsive grade, where the default standard asks 65%; an inquiry a day old already counts.",
					},
					{
						ID: "within_8h", Title: "Answered within 8 hours", Metric: WithinTargetRate,
						Params:    Params{TargetHours: dec("8"), Clock: CalendarClock},
						Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("0.95")},
						Weight:    d("0.25"),
						Rationale: "An answer the same working day: 95% within 8 hours earns full points.",
					},
					{
						ID: "median_reply", Title: "Median time to first reply (hours)", Metric: ReplyTimeQuantile,
						Params:    Params{Quantile: dec("0.5"), Clock: CalendarClock},
						Scale:     Scale{Kind: Goalposts, Worst: dec("48"), Best: dec("0.5")},
						Weight:    d("0.15"),
						Rationale: "Half the inquiries answered within half an hour earns full points; two days for half of them earns none.",
					},
					{
						ID: "p90_reply", Title: "90th percentile of time to first reply (hours)", Metric: ReplyTimeQuantile,
						Params:    Params{Quantile: dec("0.9"), Clock: CalendarClock},
						Scale:     Scale{Kind: Goalposts, Worst: dec("168"), Best: dec("8")},
						Weight:    d("0.1"),
						Rationale: "Nine in ten answered within 8 hours earns full points; a tail of a week or more earns none.",
					},
					{
						ID: "long_silence", Title: "Inquiries left unanswered for more than 14 days", Metric: LongSilenceShare,
						Params:    Params{SilenceDays: dec("14")},
						Scale:     Scale{Kind: Goalposts, Worst: dec("0.1"), Best: dec("0")},
						Weight:    d("0.2"),
						Rationale: "Two weeks without an answer is a silence; one inquiry in ten silenced costs all the points.",
					},
				},
			},
			{
				ID: Accuracy, Title: "Accuracy", Weight: d("0.25"),
				Rationale: "As in the default standard: accuracy is judged on the replies there are.",
				Criteria: []Criterion{
					{
						ID: "accurate_share", Title: "Replies that answer correctly", Metric: AccurateShare,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0.6"), Best: dec("0.98")},
						Weight:    d("0.75"),
						Rationale: "Accurate counts 1 and partial 0.5; 60% earns nothing, 98% earns full points.",
					},
					{
						ID: "deflection_share", Title: "Replies that deflect", Metric: DeflectionShare,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0.2"), Best: dec("0")},
						Weight:    d("0.25"),
						Rationale: "One reply in five deflected earns nothing.",
					},
				},
			},
			{
				ID: ChannelOpenness, Title: "Channel openness", Weight: d("0.2"),
				Rationale: "As in the default standard: official accounts must take questions.",
				Criteria: []Criterion{
					{
						ID: "open_channels", Title: "Official channels that take inquiries", Metric: OpenChannelShare,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("1")},
						Weight:    d("0.4"),
						Rationale: "Every official channel should take questions.",
					},
					{
						ID: "broadcast_only", Title: "An official channel is broadcast-only", Metric: BroadcastOnly,
						Scale:       Scale{Kind: Boolean, TruePoints: dec("0"), FalsePoints: dec("100")},
						Weight:      d("0.3"),
						KnockoutCap: dec("25"),
						Rationale:   "A broadcast-only official account is a knock-out that caps the dimension at 25, not 40.",
					},
					{
						ID: "media_response_rate", Title: "Journalists' inquiries answered", Metric: ResponseRate,
						Params:    Params{GraceHours: dec("24")},
						Filter:    &Filter{Requesters: []model.Requester{model.RequesterMedia}},
						Scale:     Scale{Kind: Goalposts, Worst: dec("0.5"), Best: dec("0.98")},
						Weight:    d("0.3"),
						MinSample: 3,
						Rationale: "The press reaches the public that did not ask: half of its inquiries unanswered earns nothing.",
					},
				},
			},
			{
				ID: Staffing, Title: "Staffing", Weight: d("0.15"),
				Rationale: "As in the default standard: declared staffing is checked against observed replies.",
				Criteria: []Criterion{
					{
						ID: "staff_per_channel", Title: "Staff per open channel", Metric: StaffPerOpenChannel,
						Scale:       Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("3")},
						Weight:      d("0.4"),
						KnockoutCap: dec("10"),
						Rationale:   "Three people per open channel cover two shifts and leave; nobody assigned caps the dimension at 10.",
					},
					{
						ID: "declared_coverage", Title: "Hours a week someone monitors", Metric: DeclaredCoverage,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("0.75")},
						Weight:    d("0.3"),
						Rationale: "Eighteen hours a day, every day (126 of 168 hours) earns full points.",
					},
					{
						ID: "observed_presence", Title: "Days with at least one reply", Metric: ObservedPresence,
						Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("0.85")},
						Weight:    d("0.3"),
						Rationale: "Replies on six days of seven earn full points: the public writes at weekends too.",
					},
				},
			},
		},
		Grades: DefaultGrades(),
	}
}

// Index returns an index-style standard in the manner of composite
// indicators (the JRC/OECD handbook), a fresh value each call. It measures
// what [Default] measures but places each agency among the others instead of
// against fixed goalposts:
//
//	reply_speed       0.25  response_rate, within_24h: min-max, higher is better
//	                        median_reply, p90_reply: percentile rank, lower is better
//	                        long_silence: z-score, lower is better (0.2 each)
//	accuracy          0.25  accurate_share (min-max, higher), deflection_share
//	                        (min-max, lower), 0.5 each
//	channel_openness  0.25  open_channels, media_response_rate (min-max, higher),
//	                        broadcast_only (boolean 0 or 100, no knock-out cap)
//	staffing          0.25  staff_per_channel (z-score, higher),
//	                        declared_coverage, observed_presence (min-max, higher)
//
// The four dimensions, and the criteria within each, weigh the same: the
// handbook's default when there is no agreed reason to weigh them otherwise
// (0.333, 0.333 and 0.334 for three criteria). Dimensions combine by the
// weighted geometric mean, so that strength in one does not fully make up for
// weakness in another, with a declared zero floor of 1 point: relative
// scales give the worst agency 0, which would otherwise make its whole score
// 0 and its rank among the lowest meaningless. An agency is scored only when
// dimensions with data carry at least half the weight.
//
// Scores under Index are relative: an agency's points, and so its score and
// grade, move when other agencies change, even if its own records do not,
// and they are comparable only among agencies scored in the same run. Its
// grades (Leading >= 75, Middle >= 40, Lagging below) describe standing
// among the agencies, not compliance with a standard; use [Default] or
// [Strict] for that.
func Index() Rubric {
	higher := func(k ScaleKind) Scale { return Scale{Kind: k, Better: HigherIsBetter} }
	lower := func(k ScaleKind) Scale { return Scale{Kind: k, Better: LowerIsBetter} }
	return Rubric{
		ID:      IndexID,
		Title:   "govscore relative index of digital responsiveness",
		Version: "2026.1",
		Description: "Where each agency stands among the others on the default standard's measures, normalised " +
			"across agencies and combined by a geometric mean. Scores move when other agencies change.",
		Dimensions: []Dimension{
			{
				ID: ReplySpeed, Title: "Reply speed", Weight: d("0.25"),
				Rationale: "Equal weights across dimensions, the composite-index default when there is no agreed reason to differ.",
				Criteria: []Criterion{
					{
						ID: "response_rate", Title: "Inquiries answered", Metric: ResponseRate,
						Params:    Params{GraceHours: dec("72")},
						Scale:     higher(MinMax),
						Weight:    d("0.2"),
						Rationale: "A rate on a common 0..1 range: min-max keeps the distances between agencies.",
					},
					{
						ID: "within_24h", Title: "Answered within 24 hours", Metric: WithinTargetRate,
						Params:    Params{TargetHours: dec("24"), Clock: CalendarClock},
						Scale:     higher(MinMax),
						Weight:    d("0.2"),
						Rationale: "A rate on a common 0..1 range: min-max keeps the distances between agencies.",
					},
					{
						ID: "median_reply", Title: "Median time to first reply (hours)", Metric: ReplyTimeQuantile,
						Params:    Params{Quantile: dec("0.5"), Clock: CalendarClock},
						Scale:     lower(PercentileRank),
						Weight:    d("0.2"),
						Rationale: "Reply times are skewed, from minutes to months: ranks keep one very slow agency from squeezing the others together.",
					},
					{
						ID: "p90_reply", Title: "90th percentile of time to first reply (hours)", Metric: ReplyTimeQuantile,
						Params:    Params{Quantile: dec("0.9"), Clock: CalendarClock},
						Scale:     lower(PercentileRank),
						Weight:    d("0.2"),
						Rationale: "The slow tail is more skewed still; ranks again.",
					},
					{
						ID: "long_silence", Title: "Inquiries left unanswered for more than 30 days", Metric: LongSilenceShare,
						Params:    Params{SilenceDays: dec("30")},
						Scale:     lower(ZScore),
						Weight:    d("0.2"),
						Rationale: "Most agencies silence few inquiries: a z-score marks those well above the usual share.",
					},
				},
			},
			{
				ID: Accuracy, Title: "Accuracy", Weight: d("0.25"),
				Rationale: "Equal weights across dimensions.",
				Criteria: []Criterion{
					{
						ID: "accurate_share", Title: "Replies that answer correctly", Metric: AccurateShare,
						Scale:     higher(MinMax),
						Weight:    d("0.5"),
						Rationale: "A share on a common 0..1 range: min-max.",
					},
					{
						ID: "deflection_share", Title: "Replies that deflect", Metric: DeflectionShare,
						Scale:     lower(MinMax),
						Weight:    d("0.5"),
						Rationale: "A share on a common 0..1 range: min-max.",
					},
				},
			},
			{
				ID: ChannelOpenness, Title: "Channel openness", Weight: d("0.25"),
				Rationale: "Equal weights across dimensions.",
				Criteria: []Criterion{
					{
						ID: "open_channels", Title: "Official channels that take inquiries", Metric: OpenChannelShare,
						Scale:     higher(MinMax),
						Weight:    d("0.333"),
						Rationale: "A share on a common 0..1 range: min-max.",
					},
					{
						ID: "broadcast_only", Title: "An official channel is broadcast-only", Metric: BroadcastOnly,
						Scale:     Scale{Kind: Boolean, TruePoints: dec("0"), FalsePoints: dec("100")},
						Weight:    d("0.333"),
						Rationale: "A yes-or-no fact needs no normalising; no knock-out cap, as the geometric mean already punishes a weak dimension.",
					},
					{
						ID: "media_response_rate", Title: "Journalists' inquiries answered", Metric: ResponseRate,
						Params:    Params{GraceHours: dec("72")},
						Filter:    &Filter{Requesters: []model.Requester{model.RequesterMedia}},
						Scale:     higher(MinMax),
						Weight:    d("0.334"),
						MinSample: 3,
						Rationale: "A rate on a common 0..1 range: min-max. Few inquiries come from the press, so 3 suffice.",
					},
				},
			},
			{
				ID: Staffing, Title: "Staffing", Weight: d("0.25"),
				Rationale: "Equal weights across dimensions.",
				Criteria: []Criterion{
					{
						ID: "staff_per_channel", Title: "Staff per open channel", Metric: StaffPerOpenChannel,
						Scale:     higher(ZScore),
						Weight:    d("0.333"),
						Rationale: "Head counts have no upper bound: a z-score keeps one large team from setting everybody else's scale.",
					},
					{
						ID: "declared_coverage", Title: "Hours a week someone monitors", Metric: DeclaredCoverage,
						Scale:     higher(MinMax),
						Weight:    d("0.333"),
						Rationale: "A share on a common 0..1 range: min-max.",
					},
					{
						ID: "observed_presence", Title: "Days with at least one reply", Metric: ObservedPresence,
						Scale:     higher(MinMax),
						Weight:    d("0.334"),
						Rationale: "A share on a common 0..1 range: min-max.",
					},
				},
			},
		},
		Method: Method{Aggregation: Geometric, ZeroFloor: dec("1"), MinAvailable: dec("0.5")},
		Grades: []Grade{
			{ID: "leading", Min: d("75"), Labels: map[string]string{"en": "Leading", "ar": "رائد"}},
			{ID: "middle", Min: d("40"), Labels: map[string]string{"en": "Middle", "ar": "متوسط"}},
			{ID: "lagging", Min: d("0"), Labels: map[string]string{"en": "Lagging", "ar": "متأخر"}},
		},
	}
}
