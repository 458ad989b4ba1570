package rubric

import (
	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
)

// Rubric is a digital-governance standard: what is measured, how each
// measure turns into points, how points are weighted, and which grade a score
// earns. It is plain data that round-trips through YAML and JSON without
// losing a digit (see [Load], [Rubric.WriteYAML] and [SaveFile]).
//
// The zero value is not a valid rubric; start from [Default] or fill every
// field and call [Rubric.Validate]. A Rubric is not modified by scoring, so
// one value may be shared by goroutines that only read it.
type Rubric struct {
	// ID names the standard, e.g. "govscore-default".
	ID string `json:"id" yaml:"id"`
	// Title is a human-readable name.
	Title string `json:"title,omitempty" yaml:"title,omitempty"`
	// Version distinguishes editions of the same standard, e.g. "2026.1".
	Version string `json:"version" yaml:"version"`
	// Description says what the standard is for.
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
	// Dimensions are the top-level parts of the score; their weights sum
	// exactly to 1.
	Dimensions []Dimension `json:"dimensions" yaml:"dimensions"`
	// Method says how the dimensions combine into the overall score; the
	// zero value is the weighted arithmetic mean with re-weighting over the
	// dimensions that have data.
	Method Method `json:"method,omitzero" yaml:"method,omitempty"`
	// Gates are the requirements of the standard as a whole: an agency that
	// fails one has its overall score capped, or its grade set, whatever
	// its dimensions earned (see [Gate]).
	Gates []Gate `json:"gates,omitempty" yaml:"gates,omitempty"`
	// Grades are the bands an overall score falls into, from the highest
	// minimum to the lowest; the last has minimum 0.
	Grades []Grade `json:"grades" yaml:"grades"`
}

// Gate is a pass-or-fail requirement of the standard as a whole: a
// condition on one metric, measured as a criterion measures it. An agency
// fails the gate when its measure is below Min or above Max; then its
// overall score is capped at Cap and its grade is no better than Grade,
// whatever its dimensions earned. A gate without enough data to measure
// (fewer than MinSample) is not failed; the report says it could not be
// checked. Gates carry no weight: a survey's central finding, such as
// silence, is a gate rather than a weight.
type Gate struct {
	// ID names the gate; unique among the gates and the criteria.
	ID string `json:"id" yaml:"id"`
	// Title is a human-readable name.
	Title string `json:"title,omitempty" yaml:"title,omitempty"`
	// Metric is what is measured, Params and Filter tune it, and MinSample
	// is the smallest sample at which it is checked, as for a [Criterion].
	Metric    Metric  `json:"metric" yaml:"metric"`
	Params    Params  `json:"params,omitzero" yaml:"params,omitempty"`
	Filter    *Filter `json:"filter,omitempty" yaml:"filter,omitempty"`
	MinSample int     `json:"min_sample,omitempty" yaml:"min_sample,omitempty"`
	// Min and Max bound the measure, in the metric's unit: at least Min,
	// at most Max. At least one is required. A reply-time quantile not
	// reached passes any Min, and fails a Max once the curve was observed
	// as long as Max; before, the gate is not checked (young silence).
	Min *decimal.Decimal `json:"min,omitempty" yaml:"min"`
	Max *decimal.Decimal `json:"max,omitempty" yaml:"max"`
	// Cap, when set, caps the overall score of an agency that fails the
	// gate at this many points, as a knock-out caps a dimension.
	Cap *decimal.Decimal `json:"cap,omitempty" yaml:"cap"`
	// Grade, when set, is the ID of the best grade an agency that fails the
	// gate can have. At least one of Cap and Grade is required.
	Grade string `json:"grade,omitempty" yaml:"grade,omitempty"`
	// Rationale says why the gate is what it is.
	Rationale string `json:"rationale,omitempty" yaml:"rationale,omitempty"`
}

// Method says how a node of the rubric (a dimension, or the whole rubric)
// combines the points of its children, and what it does when some have no
// data. The zero value is the weighted arithmetic mean with re-weighting.
type Method struct {
	// Aggregation combines the children's points; empty means Arithmetic.
	Aggregation Aggregation `json:"aggregation,omitempty" yaml:"aggregation,omitempty"`
	// ZeroFloor, for Geometric only, raises children's points below it to
	// it before the product, so that one criterion at 0 does not make the
	// node 0. Nil: a child at 0 points makes the node 0 (the geometric
	// mean's own rule, declared by leaving it out).
	ZeroFloor *decimal.Decimal `json:"zero_floor,omitempty" yaml:"zero_floor"`
	// Missing says what a child without data does; empty means Reweight.
	Missing Missing `json:"missing,omitempty" yaml:"missing,omitempty"`
	// MinAvailable is the smallest share, 0..1, of the node's weight that
	// its children with points must carry (with data, or scored 0 for
	// want of it by a criterion's own Missing); below it the node is
	// withheld (not scored, flagged). Nil means no minimum.
	MinAvailable *decimal.Decimal `json:"min_available,omitempty" yaml:"min_available"`
}

// IsZero reports whether m is the default method; it lets encoders omit it.
func (m Method) IsZero() bool {
	return m.Aggregation == "" && m.ZeroFloor == nil && m.Missing == "" && m.MinAvailable == nil
}

// Aggregation names a way of combining weighted points.
type Aggregation string

// Aggregations.
const (
	// Arithmetic is Σ w_i p_i with the weights summing to 1: points trade
	// off one for one. The default.
	Arithmetic Aggregation = "arithmetic"
	// Geometric is Π p_i^w_i: a weak child costs more than a strong one
	// gains, and a child at 0 makes the node 0 unless ZeroFloor is set.
	// Computed in float64 and rounded like every published score.
	Geometric Aggregation = "geometric"
	// Minimum is the lowest child's points, whatever the weights (a weight of
	// 0 still excludes a child): the weakest link.
	Minimum Aggregation = "minimum"
)

// Missing names what a node does with a child that has no data (nothing to
// measure, or a sample below its minimum).
type Missing string

// Missing-data policies.
const (
	// Reweight leaves the child out and spreads its weight over the others
	// in proportion to their weights. The default.
	Reweight Missing = "reweight"
	// Zero scores the child 0 points: no data counts as failing.
	Zero Missing = "zero"
	// Withhold leaves the node unscored when any child with weight has no
	// data.
	Withhold Missing = "withhold"
)

// DimensionID names a dimension of the standard.
type DimensionID string

// The four dimensions of the govscore standard. A rubric may use other IDs
// (lower-case letters, digits and underscores) for dimensions of its own.
const (
	ReplySpeed      DimensionID = "reply_speed"      // how soon inquiries are answered, and whether they are
	Accuracy        DimensionID = "accuracy"         // whether the answers are right
	ChannelOpenness DimensionID = "channel_openness" // whether the official channels take questions at all
	Staffing        DimensionID = "staffing"         // whether anybody is assigned to read what arrives
)

// Dimension is one part of the standard, scored from its criteria.
type Dimension struct {
	// ID is one of the four dimension IDs, or a rubric's own.
	ID DimensionID `json:"id" yaml:"id"`
	// Title is a human-readable name.
	Title string `json:"title,omitempty" yaml:"title,omitempty"`
	// Weight is the dimension's share of the overall score, 0..1.
	Weight decimal.Decimal `json:"weight" yaml:"weight"`
	// Rationale says why the weight is what it is.
	Rationale string `json:"rationale,omitempty" yaml:"rationale,omitempty"`
	// Method says how the criteria combine into the dimension's score.
	Method Method `json:"method,omitzero" yaml:"method,omitempty"`
	// Criteria are scored and combined by weight into the dimension's score.
	Criteria []Criterion `json:"criteria" yaml:"criteria"`
}

// Criterion is one measured requirement of the standard.
type Criterion struct {
	// ID names the criterion; unique within the rubric.
	ID string `json:"id" yaml:"id"`
	// Title is a human-readable name.
	Title string `json:"title,omitempty" yaml:"title,omitempty"`
	// Metric is what is measured.
	Metric Metric `json:"metric" yaml:"metric"`
	// Params tune the metric; each metric documents which it reads and
	// their defaults. Parameters a metric does not read are errors.
	Params Params `json:"params,omitzero" yaml:"params,omitempty"`
	// Filter restricts the inquiries the metric sees.
	Filter *Filter `json:"filter,omitempty" yaml:"filter,omitempty"`
	// Scale turns the measure into points, 0..100.
	Scale Scale `json:"scale" yaml:"scale"`
	// Weight is the criterion's share of its dimension's score, 0..1.
	Weight decimal.Decimal `json:"weight" yaml:"weight"`
	// MinSample is the smallest sample size at which the measure is used.
	// Zero means the scorer's default (score.Options.MinSample) for
	// inquiry-based metrics and 1 for the others, whose n counts channels.
	// Below it, the criterion is treated as missing and flagged.
	MinSample int `json:"min_sample,omitempty" yaml:"min_sample,omitempty"`
	// Missing, when Zero, scores the criterion 0 points where it has no
	// data, in place of what its dimension's method does with a child
	// without data: for what an agency answers for itself, such as its
	// declarations, where saying nothing is an answer. Empty means the
	// dimension's method decides; Zero is the only other value.
	Missing Missing `json:"missing,omitempty" yaml:"missing,omitempty"`
	// Shrinkage, when set, scores a rate by an estimate pulled towards the
	// rate of all agencies, the more so the fewer inquiries an agency has,
	// so that three answers out of three cannot outrank 950 out of 1,000.
	// It makes an agency's points depend on the other agencies. Empty means
	// none.
	Shrinkage Shrinkage `json:"shrinkage,omitempty" yaml:"shrinkage,omitempty"`
	// KnockoutCap, when set, caps the score of the criterion's dimension at
	// this many points whenever the criterion scores 0 points: a failed
	// knock-out criterion cannot be made up for by the others.
	KnockoutCap *decimal.Decimal `json:"knockout_cap,omitempty" yaml:"knockout_cap"`
	// Rationale says why the goalposts and weight are what they are.
	Rationale string `json:"rationale,omitempty" yaml:"rationale,omitempty"`
}

// Shrinkage names a way of pulling small-sample rates towards the rate of
// all agencies.
type Shrinkage string

// Shrinkage methods.
const (
	// BetaBinomial is empirical-Bayes shrinkage: a beta prior is fitted by
	// the method of moments to the rates of all agencies with data, and each
	// agency's rate k/n is replaced by its posterior mean (k + α)/(n + α + β).
	// For the rate metrics response_rate, within_target_rate,
	// long_silence_share and deflection_share.
	BetaBinomial Shrinkage = "beta_binomial"
)

// Params are the parameters of a metric. A nil field takes the metric's
// default. Durations are in hours or days, as their names say, and are
// decimals so that a file's "1.5" stays 1.5.
type Params struct {
	// GraceHours: response_rate counts only inquiries received at least this
	// long before AsOf. Default 0.
	GraceHours *decimal.Decimal `json:"grace_hours,omitempty" yaml:"grace_hours"`
	// TargetHours: within_target_rate's target time to first reply.
	// Required for that metric.
	TargetHours *decimal.Decimal `json:"target_hours,omitempty" yaml:"target_hours"`
	// Quantile: reply_time_quantile's probability, strictly between 0 and 1
	// (0.5 for the median). Required for that metric.
	Quantile *decimal.Decimal `json:"quantile,omitempty" yaml:"quantile"`
	// HorizonHours: reply_time_restricted_mean's horizon, in hours of the
	// criterion's clock. Required for that metric.
	HorizonHours *decimal.Decimal `json:"horizon_hours,omitempty" yaml:"horizon_hours"`
	// SilenceDays: long_silence_share's silence threshold. Default 30.
	SilenceDays *decimal.Decimal `json:"silence_days,omitempty" yaml:"silence_days"`
	// Credits: accurate_share's credit per grade. Defaults: accurate 1,
	// partial 0.5, inaccurate 0, deflection 0.
	Credits *Credits `json:"credits,omitempty" yaml:"credits,omitempty"`
	// Clock: the clock of within_target_rate and the reply-time metrics
	// (quantile, restricted mean, eventual non-response), calendar (the
	// default) or business time in the agency's calendar.
	Clock Clock `json:"clock,omitempty" yaml:"clock,omitempty"`
	// UseDue: within_target_rate takes an inquiry's own due time, where it
	// has one, as its deadline instead of receipt + TargetHours.
	UseDue bool `json:"use_due,omitempty" yaml:"use_due,omitempty"`
	// RefuseDeflections: for response_rate, within_target_rate, the
	// reply-time metrics and long_silence_share, a first reply graded
	// deflection ("please DM us", "see our website") does not count as the
	// reply: the inquiry counts as answered when it was resolved (by AsOf),
	// and as unanswered when it was not.
	RefuseDeflections bool `json:"refuse_deflections,omitempty" yaml:"refuse_deflections,omitempty"`
}

// Clock names the time in which a duration is measured.
type Clock string

// Clocks.
const (
	// CalendarClock counts every second. It is the default.
	CalendarClock Clock = "calendar"
	// BusinessClock counts only the working time of the agency's calendar
	// (model.Agency.CalendarID): its working week and hours, date overrides
	// and holidays, in its time zone. An agency without a calendar is
	// measured in calendar time and flagged.
	BusinessClock Clock = "business"
)

// Credits is the credit, 0..1, that accurate_share gives each accuracy grade.
// A nil field takes its default.
type Credits struct {
	Accurate   *decimal.Decimal `json:"accurate,omitempty" yaml:"accurate"`     // default 1
	Partial    *decimal.Decimal `json:"partial,omitempty" yaml:"partial"`       // default 0.5
	Inaccurate *decimal.Decimal `json:"inaccurate,omitempty" yaml:"inaccurate"` // default 0
	Deflection *decimal.Decimal `json:"deflection,omitempty" yaml:"deflection"` // default 0
}

// IsZero reports whether no parameter is set; it lets encoders omit empty
// Params.
func (p Params) IsZero() bool {
	return p.GraceHours == nil && p.TargetHours == nil && p.Quantile == nil && p.HorizonHours == nil &&
		p.SilenceDays == nil && p.Credits == nil && p.Clock == "" && !p.UseDue && !p.RefuseDeflections
}

// Filter restricts the inquiries a criterion measures. Each non-empty list
// must contain the inquiry's value; empty lists match everything. Filters
// affect inquiry-based metrics only.
type Filter struct {
	// Requesters keeps inquiries from these requester kinds.
	Requesters []model.Requester `json:"requesters,omitempty" yaml:"requesters,omitempty"`
	// Channels keeps inquiries that arrived on channels of these kinds.
	Channels []model.ChannelKind `json:"channels,omitempty" yaml:"channels,omitempty"`
}

// ScaleKind names a way of turning a measure into points.
type ScaleKind string

// Scale kinds.
const (
	// Goalposts maps the measure linearly from Worst (0 points) to Best (100
	// points), clamped outside. Best may be below Worst for measures where
	// less is better, such as hours to reply.
	Goalposts ScaleKind = "goalposts"
	// Bands gives the points of the first band the measure falls in.
	Bands ScaleKind = "bands"
	// Boolean gives TruePoints to a true measure (1) and FalsePoints to a
	// false one (0).
	Boolean ScaleKind = "boolean"

	// The relative scales below place an agency among the others scored in
	// the same run: an agency's points move when another agency changes,
	// even if its own records do not. They need Better. Agencies whose
	// criterion has no data are left out of the comparison.

	// MinMax maps the measure linearly from the worst agency's value (0
	// points) to the best's (100). When all agencies have the same value,
	// each gets 50.
	MinMax ScaleKind = "min_max"
	// ZScore is 50 + 25·z, clamped to 0..100, where z is the agency's
	// standard score among the agencies (population standard deviation),
	// signed so that better is higher: the mean earns 50, two standard
	// deviations above it 100. With no spread, each gets 50.
	ZScore ScaleKind = "z_score"
	// PercentileRank is 100 × (agencies worse + ½ × other agencies tied) /
	// (agencies − 1): the best earns 100, the worst 0. A lone agency gets 50.
	PercentileRank ScaleKind = "percentile_rank"
)

// Relative reports whether the scale kind places an agency among the others
// rather than against fixed goalposts.
func (k ScaleKind) Relative() bool {
	return k == MinMax || k == ZScore || k == PercentileRank
}

// Direction says which way a measure is better, for relative scales.
type Direction string

// Directions.
const (
	HigherIsBetter Direction = "higher" // larger measures are better (rates answered)
	LowerIsBetter  Direction = "lower"  // smaller measures are better (hours to reply)
)

// Scale turns a measure into points between 0 and 100. Which fields apply
// depends on Kind; fields another kind uses are errors.
type Scale struct {
	// Kind selects the method.
	Kind ScaleKind `json:"kind" yaml:"kind"`
	// Worst is the goalpost that earns 0 points.
	Worst *decimal.Decimal `json:"worst,omitempty" yaml:"worst"`
	// Best is the goalpost that earns 100 points.
	Best *decimal.Decimal `json:"best,omitempty" yaml:"best"`
	// Bands are tried in order; the last must have no bounds, so that every
	// measure falls in one.
	Bands []Band `json:"bands,omitempty" yaml:"bands,omitempty"`
	// TruePoints are the points of a true measure.
	TruePoints *decimal.Decimal `json:"true_points,omitempty" yaml:"true_points"`
	// FalsePoints are the points of a false measure.
	FalsePoints *decimal.Decimal `json:"false_points,omitempty" yaml:"false_points"`
	// Better says which way the measure is better; required by the relative
	// kinds, and only by them.
	Better Direction `json:"better,omitempty" yaml:"better,omitempty"`
}

// Band is one step of a [Bands] scale: a measure v falls in the band when
// Min <= v (if Min is set) and v <= Max (if Max is set).
type Band struct {
	Min    *decimal.Decimal `json:"min,omitempty" yaml:"min"` // lowest measure in the band, inclusive; nil: no lower bound
	Max    *decimal.Decimal `json:"max,omitempty" yaml:"max"` // highest measure in the band, inclusive; nil: no upper bound
	Points decimal.Decimal  `json:"points" yaml:"points"`     // points of a measure in the band, 0..100
}

// Grade is a band of overall scores with its labels.
type Grade struct {
	// ID names the grade, e.g. "exemplary".
	ID string `json:"id" yaml:"id"`
	// Min is the lowest overall score, 0..100, that earns the grade.
	Min decimal.Decimal `json:"min" yaml:"min"`
	// Labels holds the grade's label per BCP 47 language tag; "en" is
	// required.
	Labels map[string]string `json:"labels" yaml:"labels"`
}

// Label returns the grade's label in language lang, falling back to English
// and then to the ID.
func (g Grade) Label(lang string) string {
	if l := g.Labels[lang]; l != "" {
		return l
	}
	if l := g.Labels["en"]; l != "" {
		return l
	}
	return g.ID
}

// Criteria returns every criterion of the rubric with its dimension, in
// rubric order.
func (r Rubric) Criteria() []DimensionCriterion {
	var out []DimensionCriterion
	for _, d := range r.Dimensions {
		for _, c := range d.Criteria {
			out = append(out, DimensionCriterion{Dimension: d.ID, Criterion: c})
		}
	}
	return out
}

// DimensionCriterion is a criterion together with the ID of its dimension.
type DimensionCriterion struct {
	Dimension DimensionID // the dimension the criterion belongs to
	Criterion Criterion   // the criterion
}

// GradeFor returns the grade of an overall score: the first band, in rubric
// order, whose minimum the score reaches. It reports false when no band does,
// which a valid rubric (whose last band starts at 0) rules out for scores
// from 0 to 100.
func (r Rubric) GradeFor(score decimal.Decimal) (Grade, bool) {
	for _, g := range r.Grades {
		if score.Cmp(g.Min) >= 0 {
			return g, true
		}
	}
	return Grade{}, false
}

// dec returns a pointer to the decimal written in s; s must be valid, so it
// is for literals in this package only.
func dec(s string) *decimal.Decimal {
	d := decimal.RequireFromString(s)
	return &d
}
