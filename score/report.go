package score

import (
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
)

// SchemaVersion names the layout of a [Report]'s JSON encoding. It changes
// only when a field is removed or changes meaning; fields may be added.
const SchemaVersion = "govscore.report/v1"

// Report is the scorecard of a dataset under a rubric, with the explanation
// of every number in it. Encode it with encoding/json for the stable
// contract; render it for a terminal with [Report.WriteText] and
// [Report.Explain], and for publication with the score/report package
// (Markdown, HTML, CSV).
//
// Decimals are encoded as JSON strings ("72.5"), as shopspring/decimal
// writes them under its default package settings. govscore never changes
// those settings; a program that does (decimal.MarshalJSONWithoutQuotes,
// TrimTrailingZeros, UseScientificNotation) changes how the report's
// numbers are written, not their values.
type Report struct {
	// Schema is SchemaVersion.
	Schema string `json:"schema"`
	// AsOf is the observation cut-off the report was computed at.
	AsOf time.Time `json:"as_of"`
	// Since is the start of the scoring period (see [Options.Since]).
	Since time.Time `json:"since"`
	// Rubric identifies the standard applied.
	Rubric RubricRef `json:"rubric"`
	// MinSample is the default minimum sample size in force.
	MinSample int `json:"min_sample"`
	// Grades are the rubric's grade bands, for their labels.
	Grades []rubric.Grade `json:"grades"`
	// Aggregation is how dimensions combine into the overall score; empty
	// means arithmetic.
	Aggregation rubric.Aggregation `json:"aggregation,omitempty"`
	// Influence is each criterion's actual weight in the scores beside its
	// nominal weight, in rubric order.
	Influence []Influence `json:"influence"`
	// Agencies are in rank order: scored agencies by descending score (ties
	// by ID), then unscored agencies by ID.
	Agencies []AgencyScore `json:"agencies"`
}

// RubricRef identifies a rubric: its ID, version and the hash of its
// canonical form ([rubric.Rubric.Hash]).
type RubricRef struct {
	ID      string `json:"id"`              // the rubric's ID
	Title   string `json:"title,omitempty"` // its title
	Version string `json:"version"`         // its version
	Hash    string `json:"hash"`            // "sha256:" and the hash of its canonical form
}

// AgencyScore is one agency's result and its explanation.
type AgencyScore struct {
	// AgencyID, Name and Names identify the agency.
	AgencyID string            `json:"agency_id"`
	Name     string            `json:"name,omitempty"`
	Names    map[string]string `json:"names,omitempty"`
	// Rank is 1 for the highest score; agencies with equal scores share a
	// rank and the next rank skips (1, 2, 2, 4). 0 when not scored.
	Rank int `json:"rank"`
	// Score is the overall score, 0..100, rounded to [Places]; nil when no
	// dimension could be scored or the coverage is below the minimum.
	Score *decimal.Decimal `json:"score"`
	// Grade is the ID of the grade band the score falls in, or the grade a
	// failed gate sets when that is worse; empty when not scored.
	Grade string `json:"grade,omitempty"`
	// Uncapped is the overall score before a failed gate capped it, and
	// CappedBy that gate's ID; nil and empty when no gate capped it.
	Uncapped *decimal.Decimal `json:"uncapped,omitempty"`
	CappedBy string           `json:"capped_by,omitempty"`
	// Coverage is the share, 0..1, of the rubric's weight carried by the
	// criteria that could be measured: Σ dimension weight × criterion
	// weight over them. A criterion scored 0 for want of data by its own
	// policy ([rubric.Criterion.Missing]) counts in the score, not here.
	// Below [Options.MinCoverage] the agency gets no overall score.
	Coverage decimal.Decimal `json:"coverage"`
	// Inquiries is the number of inquiries received by AsOf; AfterAsOf those
	// received later, which are not scored.
	Inquiries int `json:"inquiries"`
	AfterAsOf int `json:"after_as_of,omitempty"`
	// Dimensions explain the score, in rubric order.
	Dimensions []DimensionScore `json:"dimensions"`
	// Gates are the rubric's gates and how the agency fared, in rubric
	// order; empty for a rubric without gates.
	Gates []GateScore `json:"gates,omitempty"`
	// Flags are what a reader of the score should know, in a fixed order.
	Flags []Flag `json:"flags,omitempty"`
	// Curve is the agency's time to first reply over all its inquiries;
	// nil unless [Options.Curves] is set.
	Curve *Curve `json:"curve,omitempty"`
}

// GateScore is how an agency fared on one gate of the rubric.
type GateScore struct {
	ID     string        `json:"id"`              // the gate's ID
	Title  string        `json:"title,omitempty"` // its title
	Metric rubric.Metric `json:"metric"`          // what it measures
	// Status says whether the gate could be checked: scored when the
	// measure's sample reached the minimum.
	Status  Status  `json:"status"`
	Measure Measure `json:"measure"`
	// Failed says that the measure broke the gate's bounds; a gate that
	// could not be checked is not failed.
	Failed bool `json:"failed"`
}

// DisplayName returns the agency's name in language lang, falling back to
// Name and then to the ID.
func (a AgencyScore) DisplayName(lang string) string {
	return model.Agency{ID: a.AgencyID, Name: a.Name, Names: a.Names}.DisplayName(lang)
}

// DimensionScore is one dimension's score for one agency, and how it was
// made.
type DimensionScore struct {
	ID    rubric.DimensionID `json:"id"`              // the dimension's ID
	Title string             `json:"title,omitempty"` // its title
	// Weight is the rubric's weight; EffectiveWeight is the weight after
	// re-weighting over the dimensions that could be scored (0 for this
	// dimension when it could not).
	Weight          decimal.Decimal `json:"weight"`
	EffectiveWeight decimal.Decimal `json:"effective_weight"`
	// Aggregation is how the criteria combine; empty means arithmetic.
	Aggregation rubric.Aggregation `json:"aggregation,omitempty"`
	// Score combines the criteria's points by the dimension's method (by
	// default Σ effective weight × points), capped by any failed knock-out,
	// rounded to [Places]; nil when no criterion could be scored or the
	// method withholds it.
	Score *decimal.Decimal `json:"score"`
	// Uncapped is the score before a knock-out cap; nil when none applied.
	Uncapped *decimal.Decimal `json:"uncapped,omitempty"`
	// CappedBy is the ID of the knock-out criterion that capped the score.
	CappedBy string `json:"capped_by,omitempty"`
	// Contribution is EffectiveWeight × Score: the points this dimension
	// adds to an arithmetic overall score. Contributions sum to the overall
	// score before its rounding. 0 under other aggregations.
	Contribution decimal.Decimal `json:"contribution"`
	// Criteria explain the score, in rubric order.
	Criteria []CriterionScore `json:"criteria"`
}

// Status says whether a criterion's measure was used.
type Status string

// Criterion statuses.
const (
	StatusScored       Status = "scored"       // the measure was used
	StatusNoData       Status = "no_data"      // nothing to measure: no inquiries, channels or declarations
	StatusInsufficient Status = "insufficient" // a sample smaller than the minimum; not used
)

// CriterionScore is one criterion's result for one agency.
type CriterionScore struct {
	ID     string        `json:"id"`              // the criterion's ID
	Title  string        `json:"title,omitempty"` // its title
	Metric rubric.Metric `json:"metric"`          // what it measures
	Status Status        `json:"status"`          // whether the measure was used
	// MinSample is the minimum sample size that applied.
	MinSample int `json:"min_sample"`
	// Measure is the metric's value and sample.
	Measure Measure `json:"measure"`
	// Points are the measure on the criterion's scale, 0..100, rounded to
	// [Places]; nil unless Status is StatusScored.
	Points *decimal.Decimal `json:"points"`
	// Weight is the rubric's weight; EffectiveWeight the weight after
	// re-weighting over the dimension's scored criteria.
	Weight          decimal.Decimal `json:"weight"`
	EffectiveWeight decimal.Decimal `json:"effective_weight"`
	// Contribution is EffectiveWeight × Points: the points this criterion
	// adds to its dimension's arithmetic score before any cap; 0 under other
	// aggregations.
	Contribution decimal.Decimal `json:"contribution"`
}

// FlagCode names something a reader of a score should know.
type FlagCode string

// Flag codes.
const (
	FlagNotScored        FlagCode = "not_scored"        // no dimension could be scored
	FlagLowCoverage      FlagCode = "low_coverage"      // the criteria with data carry too little of the rubric's weight to publish a score
	FlagInsufficientData FlagCode = "insufficient_data" // a criterion's sample was below its minimum
	FlagNoData           FlagCode = "no_data"           // a criterion had nothing to measure
	FlagReweighted       FlagCode = "reweighted"        // weights were spread over the criteria or dimensions that had data
	FlagMissingZero      FlagCode = "missing_zero"      // criteria or dimensions without data counted 0 points, as the rubric's method says
	FlagWithheld         FlagCode = "withheld"          // the rubric's method withheld a score for want of data
	FlagLongSilence      FlagCode = "long_silence"      // inquiries unanswered for at least the long-silence threshold
	FlagBroadcastOnly    FlagCode = "broadcast_only"    // an official channel only broadcasts
	FlagNobodyAssigned   FlagCode = "nobody_assigned"   // the agency declared that nobody reads its channels
	FlagNotDeclared      FlagCode = "not_declared"      // the agency declared no channels, or no staffing, that a criterion needs
	FlagGateFailed       FlagCode = "gate_failed"       // the agency failed a gate of the standard: its score capped, or its grade set
	FlagKnockout         FlagCode = "knockout"          // a failed knock-out criterion capped a dimension
	FlagNoCalendar       FlagCode = "no_calendar"       // a business-time criterion measured in calendar time, for want of a calendar
)

// FlagCodes returns every code a report's flags may carry, in the order
// of their declaration: for a program that names or translates each.
func FlagCodes() []FlagCode {
	return []FlagCode{FlagNotScored, FlagLowCoverage, FlagInsufficientData, FlagNoData, FlagReweighted,
		FlagMissingZero, FlagWithheld, FlagLongSilence, FlagBroadcastOnly, FlagNobodyAssigned, FlagNotDeclared,
		FlagGateFailed, FlagKnockout, FlagNoCalendar}
}

// Flag is one thing a reader of a score should know, with the criterion or
// dimension it concerns (if any) and the facts behind it.
type Flag struct {
	Code   FlagCode `json:"code"`           // what kind of thing
	Node   string   `json:"node,omitempty"` // the criterion or dimension ID it concerns; empty for the agency
	Detail string   `json:"detail"`         // the facts, in English
	// Message and Args are the detail as a message of the catalogue and
	// its arguments (IDs, numbers, channel handles), so that a page can
	// give it in another language: see [Flag.Text].
	Message string   `json:"message,omitempty"`
	Args    []string `json:"args,omitempty"`
}
