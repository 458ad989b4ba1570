package score

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/compose"
)

// Places is the number of decimal places of every published score: points,
// dimension scores and overall scores are rounded half away from zero to
// this many places, and each level is computed from the published (rounded)
// values of the level below, so every number in an explanation can be
// recomputed by hand from the numbers shown under it.
const Places = 2

// divPlaces is the precision of the one division each level needs
// (goalposts and re-weighting); the result is then rounded to Places.
const divPlaces = 12

// DefaultMinSample is the smallest sample size a measure needs, unless the
// criterion or [Options.MinSample] says otherwise.
const DefaultMinSample = 10

// DefaultLongSilenceDays is the age in days at which an unanswered inquiry
// raises the [FlagLongSilence] flag.
const DefaultLongSilenceDays = 30

// DefaultMaxAgencies is the most agencies, declared and implied, that a
// Scorer's accumulators hold, unless [Options.MaxAgencies] says
// otherwise: 1,000,000, as many as model.DefaultMaxAgencies lets a read of
// agencies declare.
const DefaultMaxAgencies = 1_000_000

// ErrTooManyAgencies rejects an inquiry that would imply one agency more
// than [Options.MaxAgencies]: an accumulator's memory grows with the
// agencies, and a file of inquiries must not decide how far.
var ErrTooManyAgencies = errors.New("score: too many agencies")

// DefaultMinCoverage is the share of the rubric's weight that must be
// measured for an overall score to be published, unless
// [Options.MinCoverage] says otherwise.
const DefaultMinCoverage = 0.5

// ErrOptions is returned, wrapped, by [New] for every bad field of
// [Options]: one error per field, joined, each naming its field.
var ErrOptions = errors.New("score: bad option")

// ErrNoAsOf is returned, wrapped with [ErrOptions], by [New] when
// [Options.AsOf] is the zero time.
var ErrNoAsOf = errors.New("no cut-off given: scoring never reads the clock")

// Options configure a [Scorer]. The zero value of every field but AsOf means
// the documented default.
type Options struct {
	// AsOf is the observation cut-off. Required. Inquiries received after it
	// are not scored (they are counted in [AgencyScore.AfterAsOf]); replies
	// after it have not happened yet. The same records and AsOf always give
	// the same report.
	AsOf time.Time
	// Since is the start of the scoring period, used by day-based measures
	// such as observed_presence. Zero means the earliest receipt in the
	// dataset.
	Since time.Time
	// MinSample is the smallest sample size at which a measure is used, for
	// criteria that do not set their own. Zero means [DefaultMinSample].
	MinSample int
	// LongSilenceDays is the age in days at which an unanswered inquiry
	// raises [FlagLongSilence], for a rubric without a long-silence
	// criterion; a rubric with one says itself what a silence is (its
	// first long_silence_share criterion's silence_days), and this is not
	// used. Zero means [DefaultLongSilenceDays].
	LongSilenceDays int
	// MinCoverage is the smallest share, 0..1, of the rubric's weight that
	// the criteria with data must carry for an agency to get an overall
	// score (see [AgencyScore.Coverage]): an agency measured on a sliver of
	// the standard is explained but neither graded nor ranked. Nil means
	// [DefaultMinCoverage]; a share of 0 publishes every score.
	MinCoverage *decimal.Decimal
	// Workers is the number of goroutines that read the records. Zero means
	// runtime.GOMAXPROCS(0). The report does not depend on it.
	Workers int
	// MaxAgencies is the most agencies an accumulator of the Scorer holds,
	// those of the metadata and those the inquiries imply together. An
	// inquiry that would imply one more is rejected with an error
	// wrapping [ErrTooManyAgencies], as a [*model.FieldError] on
	// agency_id, so that memory, which grows with the agencies, stays
	// bounded whatever the records say. A trend ([Scorer.NewTrend]) holds
	// at most this many implied agencies across all its periods, an
	// agency implied in two periods counting twice, as it holds state in
	// each. Zero means [DefaultMaxAgencies].
	MaxAgencies int
	// Curves, when set, adds to each agency of the report its Kaplan-Meier
	// curve of time to first reply ([AgencyScore.Curve]), for renderers that
	// draw it. It changes no score. The zero value leaves it out.
	Curves bool
	// DefaultCalendar is the ID of a calendar, one of the dataset's
	// ([model.Dataset.Calendars]), that business-time criteria use for the
	// agencies that name none: declared without a CalendarID, or implied by
	// their inquiries. Empty means none: such agencies are measured in
	// calendar time and flagged no_calendar. A dataset without that
	// calendar is an error.
	DefaultCalendar string
}

// Scorer applies one rubric to datasets. It is immutable after [New] and
// safe for simultaneous use by multiple goroutines.
type Scorer struct {
	rubric   rubric.Rubric
	hash     string
	opts     Options
	criteria []criterion // in rubric order
	// minCoverage is Options.MinCoverage, or its default.
	minCoverage decimal.Decimal
	// business reports whether a criterion counts business time.
	business bool
	// dimensionIDs are the dimensions' IDs, in rubric order.
	dimensionIDs []string
	dims         []dimension
	// plan is how the criteria share tallies.
	plan plan
	// tree is the rubric prepared for composition.
	tree compose.Tree
	// gates are the rubric's gates, measured as criteria are (their
	// indexes follow the criteria's, for the tallies), and gateSpecs their
	// bounds, caps and grades.
	gates     []criterion
	gateSpecs []rubric.Gate
	// measured are the criteria, then the gates: what the tallies serve,
	// by the indexes of plan.
	measured []criterion
	// The options in the units of the tallies: AsOf and Since in Unix
	// seconds, the long-silence threshold in seconds.
	asOf, sinceUnix int64
	asOfInstant     instant
	hasSince        bool
	longSilence     int64
	// silenceDays is the long-silence threshold in days, for the flag.
	silenceDays decimal.Decimal
	// needs are the criteria that need declarations, for the not_declared
	// flag.
	needs struct {
		channels, staffing                bool
		channelCriteria, staffingCriteria []string
	}
}

// normalise checks the options, returning one error per bad field, and
// fills in the defaults; it returns the minimum coverage apart, since
// Options keeps the caller's pointer.
func (o Options) normalise() (Options, decimal.Decimal, error) {
	var errs []error
	bad := func(field string, err error) {
		errs = append(errs, fmt.Errorf("%w: %s: %w", ErrOptions, field, err))
	}
	if o.AsOf.IsZero() {
		bad("AsOf", ErrNoAsOf)
	}
	if !o.Since.IsZero() && !o.AsOf.IsZero() && !o.Since.Before(o.AsOf) {
		bad("Since", fmt.Errorf("%s is not before AsOf (%s)", o.Since.Format(time.RFC3339), o.AsOf.Format(time.RFC3339)))
	}
	for _, f := range []struct {
		name string
		v    int
	}{{"MinSample", o.MinSample}, {"LongSilenceDays", o.LongSilenceDays}, {"Workers", o.Workers}, {"MaxAgencies", o.MaxAgencies}} {
		if f.v < 0 {
			bad(f.name, fmt.Errorf("%d is negative", f.v))
		}
	}
	minCoverage := decimal.NewFromFloat(DefaultMinCoverage)
	if o.MinCoverage != nil {
		minCoverage = *o.MinCoverage
		if minCoverage.Sign() < 0 || minCoverage.GreaterThan(decimal.NewFromInt(1)) {
			bad("MinCoverage", fmt.Errorf("%s is not a share in 0..1", minCoverage))
		}
	}
	if o.MinSample == 0 {
		o.MinSample = DefaultMinSample
	}
	if o.LongSilenceDays == 0 {
		o.LongSilenceDays = DefaultLongSilenceDays
	}
	if o.Workers == 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.MaxAgencies == 0 {
		o.MaxAgencies = DefaultMaxAgencies
	}
	return o, minCoverage, errors.Join(errs...)
}

// dimension is a rubric dimension prepared for scoring.
type dimension struct {
	id       rubric.DimensionID
	title    string
	weight   decimal.Decimal
	method   rubric.Method
	criteria []int // indexes into Scorer.criteria
}

// New returns a Scorer for the rubric r. It validates r and keeps its own
// copy, so later changes to r do not affect the Scorer.
func New(r rubric.Rubric, opts Options) (*Scorer, error) {
	opts, minCoverage, err := opts.normalise()
	if err != nil {
		return nil, err
	}
	if err := r.Validate(); err != nil {
		return nil, fmt.Errorf("score: invalid rubric: %w", err)
	}
	// The Scorer must not share slices or pointers with the caller's
	// rubric; the clone is the rubric's canonical form, without reading
	// it a second time.
	own := r.Clone()
	hash, err := own.Hash()
	if err != nil {
		return nil, err
	}
	s := &Scorer{rubric: own, hash: hash, opts: opts, minCoverage: minCoverage,
		asOf: opts.AsOf.Unix(), asOfInstant: instantOf(opts.AsOf), sinceUnix: opts.Since.Unix(), hasSince: !opts.Since.IsZero(),
		longSilence: int64(opts.LongSilenceDays) * 86400, silenceDays: decimal.NewFromInt(int64(opts.LongSilenceDays))}
	for _, d := range own.Dimensions {
		dim := dimension{id: d.ID, title: d.Title, weight: d.Weight, method: d.Method}
		for _, c := range d.Criteria {
			dim.criteria = append(dim.criteria, len(s.criteria))
			k := compile(c, opts)
			k.index = len(s.criteria)
			s.criteria = append(s.criteria, k)
			s.business = s.business || c.Params.Clock == rubric.BusinessClock
		}
		s.dims = append(s.dims, dim)
		s.dimensionIDs = append(s.dimensionIDs, string(d.ID))
	}
	for j, g := range own.Gates {
		k := compile(rubric.Criterion{ID: g.ID, Title: g.Title, Metric: g.Metric, Params: g.Params, Filter: g.Filter,
			MinSample: g.MinSample}, opts)
		k.index = len(s.criteria) + j
		if g.Metric == rubric.ReplyTimeQuantile && g.Max != nil {
			// A quantile not reached fails a maximum once observed that
			// long; before, the silence is young and the gate unchecked.
			k.reach = g.Max
		}
		s.business = s.business || g.Params.Clock == rubric.BusinessClock
		s.gates = append(s.gates, k)
		s.gateSpecs = append(s.gateSpecs, g)
	}
	s.measured = append(slices.Clone(s.criteria), s.gates...)
	s.plan = newPlan(s.measured, opts.Curves)
	for _, d := range s.dims {
		for _, ci := range d.criteria {
			c := &s.criteria[ci]
			c.share = d.weight.Mul(c.Weight)
		}
	}
	s.tree = compose.TreeOf(own)
	for _, c := range s.criteria {
		switch c.Metric {
		case rubric.OpenChannelShare, rubric.BroadcastOnly:
			s.needs.channels = true
			s.needs.channelCriteria = append(s.needs.channelCriteria, c.ID)
		case rubric.StaffPerOpenChannel, rubric.DeclaredCoverage:
			s.needs.staffing = true
			s.needs.staffingCriteria = append(s.needs.staffingCriteria, c.ID)
		}
	}
	// One source of truth for silence: the standard's own criterion.
	for _, c := range s.criteria {
		if c.Metric == rubric.LongSilenceShare {
			s.longSilence, s.silenceDays = c.silence, decimal.NewFromInt(30)
			if d := c.Params.SilenceDays; d != nil {
				s.silenceDays = *d
			}
			break
		}
	}
	return s, nil
}
