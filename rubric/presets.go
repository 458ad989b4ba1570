package rubric

// IDs of the standards [Strict], [Index] and [ServiceRequests] return.
const (
	StrictID          = "govscore-strict"
	IndexID           = "govscore-index"
	ServiceRequestsID = "govscore-service-requests"
)

// Presets returns every preset standard, fresh values each call: [Default],
// [Strict], [Index] and [ServiceRequests], in that order.
func Presets() []Rubric {
	return []Rubric{Default(), Strict(), Index(), ServiceRequests()}
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
// It keeps Default's gate as it is (fewer than half of the inquiries 72
// hours old answered: capped at 24, graded Silent).
//
// Reports under Strict and Default are not comparable (see [Diff]); compare
// an agency's grade under each to see how far it is from the stricter bar.
func Strict() Rubric {
	r := Default()
	r.ID = StrictID
	r.Title = "govscore strict digital-governance standard"
	r.Description = "The default standard's dimensions and weights with tighter targets: replies within hours " +
		"rather than a day, silences of two weeks rather than a month, and fewer wrong or deflecting answers."
	dim := func(id DimensionID, rationale string) {
		r.dimension(id).Rationale = rationale
	}
	crit := func(id string) *Criterion { return r.criterion(id) }

	dim(ReplySpeed, "As in the default standard: the survey behind it turned on speed.")
	c := crit("response_rate")
	c.Params.GraceHours = dec("24")
	c.Scale.Bands = []Band{
		{Min: dec("0.98"), Points: d("100")},
		{Min: dec("0.92"), Points: d("85")},
		{Min: dec("0.85"), Points: d("70")},
		{Min: dec("0.65"), Points: d("40")},
		{Min: dec("0.4"), Points: d("15")},
		{Points: d("0")},
	}
	c.Rationale = "85% answered earns 70 points, the Responsive grade, where the default standard asks 65%; an inquiry a day old already counts."
	*crit("within_24h") = Criterion{
		ID: "within_8h", Title: "Answered within 8 hours", Metric: WithinTargetRate,
		Params:    Params{TargetHours: dec("8"), Clock: CalendarClock},
		Scale:     Scale{Kind: Goalposts, Worst: dec("0"), Best: dec("0.95")},
		Weight:    d("0.25"),
		Rationale: "An answer the same working day: 95% within 8 hours earns full points.",
	}
	c = crit("median_reply")
	c.Scale.Worst, c.Scale.Best = dec("48"), dec("0.5")
	c.Rationale = "Half the inquiries answered within half an hour earns full points; two days for half of them earns none."
	c = crit("p90_reply")
	c.Scale.Worst, c.Scale.Best = dec("168"), dec("8")
	c.Rationale = "Nine in ten answered within 8 hours earns full points; a tail of a week or more earns none."
	c = crit("long_silence")
	c.Title = "Inquiries left unanswered for more than 14 days"
	c.Params.SilenceDays = dec("14")
	c.Scale.Worst = dec("0.1")
	c.Rationale = "Two weeks without an answer is a silence; one inquiry in ten silenced costs all the points."

	dim(Accuracy, "As in the default standard: accuracy is judged on the replies there are.")
	c = crit("accurate_share")
	c.Scale.Worst, c.Scale.Best = dec("0.6"), dec("0.98")
	c.Rationale = "Accurate counts 1 and partial 0.5; 60% earns nothing, 98% earns full points."
	c = crit("deflection_share")
	c.Scale.Worst = dec("0.2")
	c.Rationale = "One reply in five deflected earns nothing."

	dim(ChannelOpenness, "As in the default standard: official accounts must take questions.")
	c = crit("broadcast_only")
	c.KnockoutCap = dec("25")
	c.Rationale = "A broadcast-only official account is a knock-out that caps the dimension at 25, not 40."
	c = crit("media_response_rate")
	c.Params.GraceHours = dec("24")
	c.Scale.Worst, c.Scale.Best = dec("0.5"), dec("0.98")
	c.Rationale = "The press reaches the public that did not ask: half of its inquiries unanswered earns nothing."

	dim(Staffing, "As in the default standard: declared staffing is checked against observed replies.")
	c = crit("staff_per_channel")
	c.Scale.Best, c.KnockoutCap = dec("3"), dec("10")
	c.Rationale = "Three people per open channel cover two shifts and leave; nobody assigned caps the dimension at 10."
	c = crit("declared_coverage")
	c.Scale.Best = dec("0.75")
	c.Rationale = "Eighteen hours a day, every day (126 of 168 hours) earns full points."
	c = crit("observed_presence")
	c.Scale.Best = dec("0.85")
	c.Rationale = "Replies on six days of seven earn full points: the public writes at weekends too."
	return r
}

// dimension returns the dimension id of a preset, which has it.
func (r *Rubric) dimension(id DimensionID) *Dimension {
	for i := range r.Dimensions {
		if r.Dimensions[i].ID == id {
			return &r.Dimensions[i]
		}
	}
	panic("rubric: preset has no dimension " + string(id)) // a bug in the presets: TestPresets fails
}

// criterion returns the criterion id of a preset, which has it.
func (r *Rubric) criterion(id string) *Criterion {
	for i := range r.Dimensions {
		for j := range r.Dimensions[i].Criteria {
			if r.Dimensions[i].Criteria[j].ID == id {
				return &r.Dimensions[i].Criteria[j]
			}
		}
	}
	panic("rubric: preset has no criterion " + id) // a bug in the presets: TestPresets fails
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
	r := Default()
	r.ID = IndexID
	r.Title = "govscore relative index of digital responsiveness"
	r.Description = "Where each agency stands among the others on the default standard's measures, normalised " +
		"across agencies and combined by a geometric mean. Scores move when other agencies change."
	r.Method = Method{Aggregation: Geometric, ZeroFloor: dec("1"), MinAvailable: dec("0.5")}
	r.Gates = nil // standing among the agencies, not compliance: no pass or fail
	r.Grades = []Grade{
		{ID: "leading", Min: d("75"), Labels: map[string]string{"en": "Leading", "ar": "رائد"}},
		{ID: "middle", Min: d("40"), Labels: map[string]string{"en": "Middle", "ar": "متوسط"}},
		{ID: "lagging", Min: d("0"), Labels: map[string]string{"en": "Lagging", "ar": "متأخر"}},
	}
	for i := range r.Dimensions {
		r.Dimensions[i].Weight = d("0.25")
		r.Dimensions[i].Rationale = "Equal weights across dimensions."
		r.Dimensions[i].Method = Method{} // the index's overall method handles missing data
	}
	r.dimension(ReplySpeed).Rationale = "Equal weights across dimensions, the composite-index default when there is no agreed reason to differ."
	const (
		share = "A share on a common 0..1 range: min-max."
		rate  = "A rate on a common 0..1 range: min-max keeps the distances between agencies."
	)
	// Each criterion's scale, better end, weight and rationale; no knock-out
	// caps.
	for _, c := range []struct {
		id        string
		kind      ScaleKind
		better    Direction
		weight    string
		rationale string
	}{
		{"response_rate", MinMax, HigherIsBetter, "0.2", rate},
		{"within_24h", MinMax, HigherIsBetter, "0.2", rate},
		{"median_reply", PercentileRank, LowerIsBetter, "0.2", "Reply times are skewed, from minutes to months: ranks keep one very slow agency from squeezing the others together."},
		{"p90_reply", PercentileRank, LowerIsBetter, "0.2", "The slow tail is more skewed still; ranks again."},
		{"long_silence", ZScore, LowerIsBetter, "0.2", "Most agencies silence few inquiries: a z-score marks those well above the usual share."},
		{"accurate_share", MinMax, HigherIsBetter, "0.5", share},
		{"deflection_share", MinMax, LowerIsBetter, "0.5", share},
		{"open_channels", MinMax, HigherIsBetter, "0.333", share},
		{"broadcast_only", Boolean, "", "0.333", "A yes-or-no fact needs no normalising; no knock-out cap, as the geometric mean already punishes a weak dimension."},
		{"media_response_rate", MinMax, HigherIsBetter, "0.334", "A rate on a common 0..1 range: min-max. Few inquiries come from the press, so 3 suffice."},
		{"staff_per_channel", ZScore, HigherIsBetter, "0.333", "Head counts have no upper bound: a z-score keeps one large team from setting everybody else's scale."},
		{"declared_coverage", MinMax, HigherIsBetter, "0.333", share},
		{"observed_presence", MinMax, HigherIsBetter, "0.334", share},
	} {
		k := r.criterion(c.id)
		if c.kind != Boolean { // broadcast_only keeps its 0 or 100 points
			k.Scale = Scale{Kind: c.kind, Better: c.better}
		}
		k.Weight, k.Rationale, k.KnockoutCap = d(c.weight), c.rationale, nil
	}
	return r
}

// ServiceRequests returns a standard for service-request data (311 and
// Open311 exports, read by model/city311 and model/open311), a fresh value
// each call. Such exports record when a request was opened, when it was
// closed and often when the city promised to close it, but no first reply,
// no accuracy grade, no channel declarations and no staffing, so the
// default standard leaves every department without a score. This one
// measures what they hold, in one dimension:
//
//	reply_speed  within_target  0.5  answered by the request's own promised
//	                                 time (use_due; 72 hours without one):
//	                                 goalposts 0.5 to 0.95
//	             median_close   0.3  median time to answer, Kaplan-Meier:
//	                                 goalposts 720 hours to 24
//	             long_silence   0.2  unanswered for more than 30 days:
//	                                 goalposts 0.25 to 0
//
// What answers a request is the reader's: model/city311 takes the closure
// (311 exports record no reply), so these criteria measure closing;
// model/open311 takes the city's first action on the request, or the
// closure when it records none. Grades are the default's.
func ServiceRequests() Rubric {
	return Rubric{
		ID:      ServiceRequestsID,
		Title:   "govscore service-request standard (311, Open311)",
		Version: "2026.1",
		Description: "How well a city department answers the service requests the public opens (for 311, closes " +
			"them): by the time it promised, how soon, and whether any are left waiting for a month.",
		Dimensions: []Dimension{{
			ID: ReplySpeed, Title: "Closing requests", Weight: d("1"),
			Rationale: "A service request is answered when it is closed; the exports hold nothing else to judge.",
			Method:    Method{MinAvailable: dec("0.5")},
			Criteria: []Criterion{
				{
					ID: "within_target", Title: "Answered by the promised time", Metric: WithinTargetRate,
					Params:    Params{TargetHours: dec("72"), UseDue: true},
					Scale:     Scale{Kind: Goalposts, Worst: dec("0.5"), Best: dec("0.95")},
					Weight:    d("0.5"),
					Rationale: "The department's own promise (TARGET_DT, due_date, expected_datetime) is the fairest bar; three days where it made none. Half kept earns nothing, 95% earns full points.",
				},
				{
					ID: "median_close", Title: "Median time to answer (hours)", Metric: ReplyTimeQuantile,
					Params:    Params{Quantile: dec("0.5"), Clock: CalendarClock},
					Scale:     Scale{Kind: Goalposts, Worst: dec("720"), Best: dec("24")},
					Weight:    d("0.3"),
					Rationale: "Half the requests answered (for 311, closed) within a day earns full points; half still waiting after 30 days earns none. Requests still waiting count as censored, never as answered.",
				},
				{
					ID: "long_silence", Title: "Requests left unanswered for more than 30 days", Metric: LongSilenceShare,
					Params:    Params{SilenceDays: dec("30")},
					Scale:     Scale{Kind: Goalposts, Worst: dec("0.25"), Best: dec("0")},
					Weight:    d("0.2"),
					Rationale: "A request open for a month is a request forgotten; a quarter of them forgotten costs all the points.",
				},
			},
		}},
		Grades: DefaultGrades(),
	}
}
