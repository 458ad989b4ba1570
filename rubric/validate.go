package rubric

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Validation errors, wrapped with the path of the rubric node at fault by
// [Rubric.Validate]. Test for them with errors.Is.
var (
	ErrMissing       = errors.New("missing")
	ErrDuplicateID   = errors.New("duplicate id")
	ErrBadID         = errors.New("id must be lower-case letters, digits, '_' or '-', starting with a letter")
	ErrWeightRange   = errors.New("weight must be between 0 and 1")
	ErrWeightSum     = errors.New("weights must sum exactly to 1")
	ErrUnknownMetric = errors.New("unknown metric")
	ErrParam         = errors.New("bad metric parameter")
	ErrScale         = errors.New("bad scale")
	ErrGrade         = errors.New("bad grade bands")
	ErrFilter        = errors.New("bad filter")
	ErrNumber        = errors.New("number out of range")
	ErrMethod        = errors.New("bad aggregation method")
	ErrGate          = errors.New("bad gate")
)

// Limits on the numbers a rubric may hold, so that every computation with
// them stays exact and cheap.
const (
	// MaxPlaces is the most decimal places a rubric number may have.
	MaxPlaces = 12
	// MaxMagnitude is the largest absolute value a rubric number may have.
	MaxMagnitude = 1_000_000_000
)

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9_-]*$`)

var one = decimal.NewFromInt(1)
var hundred = decimal.NewFromInt(100)

// Validate checks the rubric and reports every problem at once, joined with
// errors.Join. Each error names the path of the node at fault, e.g.
//
//	dimension "reply_speed": criterion "median": scale: worst: missing
//
// and wraps one of this package's Err values. It returns nil for a valid
// rubric.
func (r Rubric) Validate() error {
	v := &validator{}
	if r.ID == "" {
		v.add("id", ErrMissing)
	}
	if r.Version == "" {
		v.add("version", ErrMissing)
	}
	if len(r.Dimensions) == 0 {
		v.add("dimensions", ErrMissing)
	}
	dims, crits := map[string]bool{}, map[string]bool{}
	var dimWeights []decimal.Decimal
	dimWeightsOK := true
	for i, d := range r.Dimensions {
		p := v.node("", "dimension", "dimensions", i, string(d.ID), dims)
		if v.weight(p+": weight", d.Weight) {
			dimWeights = append(dimWeights, d.Weight)
		} else {
			dimWeightsOK = false
		}
		v.method(p+": method", d.Method)
		if len(d.Criteria) == 0 {
			v.add(p+": criteria", ErrMissing)
			continue
		}
		var weights []decimal.Decimal
		weightsOK := true
		for j, c := range d.Criteria {
			cp := v.node(p+": ", "criterion", "criteria", j, c.ID, crits)
			if v.weight(cp+": weight", c.Weight) {
				weights = append(weights, c.Weight)
			} else {
				weightsOK = false
			}
			v.criterion(cp, c)
		}
		if weightsOK {
			v.sum(p+": criteria weights", weights)
		}
	}
	if dimWeightsOK && len(r.Dimensions) > 0 {
		v.sum("dimension weights", dimWeights)
	}
	v.method("method", r.Method)
	v.gates(r.Gates, r.Grades, crits)
	v.grades(r.Grades)
	return errors.Join(v.errs...)
}

type validator struct {
	errs []error
}

// node checks the ID of the i-th node of a list and returns the node's path:
// prefix + `kind "id"`, or prefix + `list[i]` when the ID is missing. IDs
// must match idPattern and be unique among those in seen.
func (v *validator) node(prefix, kind, list string, i int, id string, seen map[string]bool) string {
	p := fmt.Sprintf("%s%s %q", prefix, kind, id)
	switch {
	case id == "":
		p = fmt.Sprintf("%s%s[%d]", prefix, list, i)
		v.add(p+": id", ErrMissing)
	case !idPattern.MatchString(id):
		v.add(p+": id", ErrBadID)
	case seen[id]:
		v.add(p+": id", ErrDuplicateID)
	}
	seen[id] = true
	return p
}

func (v *validator) add(path string, err error) {
	v.errs = append(v.errs, fmt.Errorf("%s: %w", path, err))
}

// number reports whether d is within the limits on rubric numbers, adding an
// error when it is not. It must be called before any arithmetic on d: a
// number like 1e-999999999 would make comparisons allocate without bound.
func (v *validator) number(path string, d decimal.Decimal) bool {
	if err := checkNumber(d); err != nil {
		v.add(path, err)
		return false
	}
	return true
}

func checkNumber(d decimal.Decimal) error {
	if d.IsZero() {
		return nil
	}
	n := d.Normalize()
	if n.Exponent() < -MaxPlaces {
		return fmt.Errorf("%w: more than %d decimal places", ErrNumber, MaxPlaces)
	}
	if int64(n.Exponent())+int64(n.NumDigits()) > 10 || n.Abs().Cmp(decimal.NewFromInt(MaxMagnitude)) > 0 {
		return fmt.Errorf("%w: magnitude above %d", ErrNumber, MaxMagnitude)
	}
	return nil
}

// weight checks that w is a number in 0..1.
func (v *validator) weight(path string, w decimal.Decimal) bool {
	if !v.number(path, w) {
		return false
	}
	if w.Sign() < 0 || w.Cmp(one) > 0 {
		v.add(path, fmt.Errorf("%w: %s", ErrWeightRange, w))
		return false
	}
	return true
}

func (v *validator) sum(path string, ws []decimal.Decimal) {
	s := decimal.Zero
	for _, w := range ws {
		s = s.Add(w)
	}
	if !s.Equal(one) {
		v.add(path, fmt.Errorf("%w: they sum to %s", ErrWeightSum, s))
	}
}

// points checks that p is a number of points in 0..100.
func (v *validator) points(path string, p decimal.Decimal) bool {
	if !v.number(path, p) {
		return false
	}
	if p.Sign() < 0 || p.Cmp(hundred) > 0 {
		v.add(path, fmt.Errorf("%w: points must be between 0 and 100, not %s", ErrScale, p))
		return false
	}
	return true
}

func (v *validator) criterion(p string, c Criterion) {
	v.measured(p, c.Metric, c.Params, c.Filter, c.MinSample)
	switch c.Shrinkage {
	case "":
	case BetaBinomial:
		if c.Metric.Known() && !c.Metric.binomial() {
			v.add(p+": shrinkage", fmt.Errorf("%w: metric %q is not a rate of counts", ErrParam, c.Metric))
		}
	default:
		v.add(p+": shrinkage", fmt.Errorf("%w: unknown shrinkage %q (want beta_binomial)", ErrParam, c.Shrinkage))
	}
	if c.KnockoutCap != nil {
		v.points(p+": knockout_cap", *c.KnockoutCap)
	}
	if c.Missing != "" && c.Missing != Zero {
		v.add(p+": missing", fmt.Errorf("%w: a criterion's policy can only be zero, not %q (its dimension's method decides otherwise)", ErrMethod, c.Missing))
	}
	v.scale(p+": scale", c.Metric, c.Scale)
}

// measured checks what a criterion and a gate share: a known metric, the
// params it takes, a filter it admits, and a minimum sample.
func (v *validator) measured(p string, m Metric, ps Params, f *Filter, minSample int) {
	if m == "" {
		v.add(p+": metric", ErrMissing)
	} else if !m.Known() {
		v.add(p+": metric", fmt.Errorf("%w: %q", ErrUnknownMetric, m))
	} else {
		v.params(p+": params", m, ps)
		if f != nil && !m.InquiryBased() {
			v.add(p+": filter", fmt.Errorf("%w: metric %q is not computed from inquiries", ErrFilter, m))
		}
	}
	if f != nil {
		for i, r := range f.Requesters {
			if r == "" || !r.Valid() {
				v.add(fmt.Sprintf("%s: filter: requesters[%d]", p, i), fmt.Errorf("%w: unknown requester %q", ErrFilter, r))
			}
		}
		for i, k := range f.Channels {
			if !k.Valid() {
				v.add(fmt.Sprintf("%s: filter: channels[%d]", p, i), fmt.Errorf("%w: unknown channel kind %q", ErrFilter, k))
			}
		}
	}
	if minSample < 0 {
		v.add(p+": min_sample", fmt.Errorf("%w: %d is negative", ErrNumber, minSample))
	}
}

// gates checks the rubric's gates against its grades. seen holds the
// criteria's IDs: a gate's ID must differ from them too, since a report's
// flags name either by ID.
func (v *validator) gates(gs []Gate, grades []Grade, seen map[string]bool) {
	for i, g := range gs {
		p := v.node("", "gate", "gates", i, g.ID, seen)
		v.measured(p, g.Metric, g.Params, g.Filter, g.MinSample)
		if g.Min == nil && g.Max == nil {
			v.add(p+": min", fmt.Errorf("%w: a gate needs a min or a max", ErrMissing))
		}
		valid := true
		for _, b := range []struct {
			name string
			d    *decimal.Decimal
		}{{"min", g.Min}, {"max", g.Max}} {
			if b.d != nil {
				valid = v.number(p+": "+b.name, *b.d) && valid
			}
		}
		if valid && g.Min != nil && g.Max != nil && g.Min.GreaterThan(*g.Max) {
			v.add(p+": max", fmt.Errorf("%w: %s is below min %s", ErrGate, g.Max, g.Min))
		}
		if g.Cap == nil && g.Grade == "" {
			v.add(p+": cap", fmt.Errorf("%w: a gate needs a cap or a grade", ErrMissing))
		}
		if g.Cap != nil {
			v.points(p+": cap", *g.Cap)
		}
		if g.Grade != "" && !slices.ContainsFunc(grades, func(gr Grade) bool { return gr.ID == g.Grade }) {
			v.add(p+": grade", fmt.Errorf("%w: no grade %q", ErrGate, g.Grade))
		}
	}
}

func (v *validator) params(p string, m Metric, ps Params) {
	allowed := metricParams[m]
	set := map[param]bool{
		pGrace: ps.GraceHours != nil, pTarget: ps.TargetHours != nil, pQuantile: ps.Quantile != nil, pHorizon: ps.HorizonHours != nil,
		pSilence: ps.SilenceDays != nil, pCredits: ps.Credits != nil,
		pClock: ps.Clock != "", pUseDue: ps.UseDue, pRefuse: ps.RefuseDeflections,
	}
	for _, name := range allParams {
		required, ok := allowed[name]
		switch {
		case set[name] && !ok:
			v.add(fmt.Sprintf("%s: %s", p, name), fmt.Errorf("%w: metric %q does not take it", ErrParam, m))
		case !set[name] && required:
			v.add(fmt.Sprintf("%s: %s", p, name), fmt.Errorf("%w: metric %q requires it", ErrMissing, m))
		}
	}
	positive := func(name param, d *decimal.Decimal, allowZero bool) {
		if d == nil || !v.number(fmt.Sprintf("%s: %s", p, name), *d) {
			return
		}
		if d.Sign() < 0 || (!allowZero && d.Sign() == 0) {
			v.add(fmt.Sprintf("%s: %s", p, name), fmt.Errorf("%w: %s must be positive", ErrParam, d))
		}
	}
	switch ps.Clock {
	case "", CalendarClock, BusinessClock:
	default:
		v.add(p+": clock", fmt.Errorf("%w: unknown clock %q (want calendar or business)", ErrParam, ps.Clock))
	}
	positive(pGrace, ps.GraceHours, true)
	positive(pTarget, ps.TargetHours, false)
	positive(pSilence, ps.SilenceDays, false)
	positive(pHorizon, ps.HorizonHours, false)
	if q := ps.Quantile; q != nil && v.number(p+": quantile", *q) {
		if q.Sign() <= 0 || q.Cmp(one) >= 0 {
			v.add(p+": quantile", fmt.Errorf("%w: %s is not strictly between 0 and 1", ErrParam, q))
		}
	}
	if c := ps.Credits; c != nil {
		for _, g := range []struct {
			name string
			d    *decimal.Decimal
		}{{"accurate", c.Accurate}, {"partial", c.Partial}, {"inaccurate", c.Inaccurate}, {"deflection", c.Deflection}} {
			path := fmt.Sprintf("%s: credits: %s", p, g.name)
			if g.d != nil && v.number(path, *g.d) && (g.d.Sign() < 0 || g.d.Cmp(one) > 0) {
				v.add(path, fmt.Errorf("%w: credit %s is not between 0 and 1", ErrParam, g.d))
			}
		}
	}
}

func (v *validator) scale(p string, m Metric, s Scale) {
	misplaced := func(name string, set bool) {
		if set {
			v.add(p+": "+name, fmt.Errorf("%w: not used by a %q scale", ErrScale, s.Kind))
		}
	}
	switch s.Kind {
	case Goalposts:
		misplaced("bands", len(s.Bands) > 0)
		misplaced("true_points", s.TruePoints != nil)
		misplaced("false_points", s.FalsePoints != nil)
		ok := true
		for _, g := range []struct {
			name string
			d    *decimal.Decimal
		}{{"worst", s.Worst}, {"best", s.Best}} {
			if g.d == nil {
				v.add(p+": "+g.name, ErrMissing)
				ok = false
			} else if !v.number(p+": "+g.name, *g.d) {
				ok = false
			}
		}
		if ok && s.Worst.Equal(*s.Best) {
			v.add(p, fmt.Errorf("%w: worst and best are both %s", ErrScale, s.Worst))
		}
	case Bands:
		misplaced("worst", s.Worst != nil)
		misplaced("best", s.Best != nil)
		misplaced("true_points", s.TruePoints != nil)
		misplaced("false_points", s.FalsePoints != nil)
		if len(s.Bands) == 0 {
			v.add(p+": bands", ErrMissing)
			return
		}
		if len(s.Bands) > MaxBands {
			// Checking that the bands cover the range compares each with
			// those before it: thousands would take minutes.
			v.add(p+": bands", fmt.Errorf("%w: %d bands, at most MaxBands (%d)", ErrScale, len(s.Bands), MaxBands))
			return
		}
		inRange := make([]bool, len(s.Bands)) // whether a band's bounds are numbers in range, safe to compare
		for i, b := range s.Bands {
			bp := fmt.Sprintf("%s: bands[%d]", p, i)
			v.points(bp+": points", b.Points)
			minOK := b.Min != nil && v.number(bp+": min", *b.Min)
			maxOK := b.Max != nil && v.number(bp+": max", *b.Max)
			inRange[i] = (b.Min == nil || minOK) && (b.Max == nil || maxOK)
			if minOK && maxOK && b.Min.Cmp(*b.Max) > 0 {
				v.add(bp, fmt.Errorf("%w: min %s is above max %s", ErrScale, b.Min, b.Max))
			}
			last := i == len(s.Bands)-1
			if last && (b.Min != nil || b.Max != nil) {
				v.add(bp, fmt.Errorf("%w: the last band must have no min or max, so that every measure falls in a band", ErrScale))
			}
			if !last && b.Min == nil && b.Max == nil {
				v.add(bp, fmt.Errorf("%w: only the last band may be unbounded; the bands after it can never apply", ErrScale))
			}
			// The first band a measure meets applies: a band that an
			// earlier one covers never does (bands out of order), nor one
			// that earlier ones cover together.
			if !inRange[i] || b.Min == nil && b.Max == nil || slices.Contains(inRange[:i], false) {
				continue
			}
			covered := false
			for j, e := range s.Bands[:i] {
				if (e.Min != nil || e.Max != nil) && covers(e, b) {
					v.add(bp, fmt.Errorf("%w: band %d (%s) catches every measure this band would, so it can never apply: put the bands in order", ErrScale, j, bandRange(e)))
					covered = true
					break
				}
			}
			if !covered && coveredTogether(s.Bands[:i], b) {
				v.add(bp, fmt.Errorf("%w: the bands before it catch every measure this band would between them, so it can never apply: put the bands in order", ErrScale))
			}
		}
	case Boolean:
		misplaced("worst", s.Worst != nil)
		misplaced("best", s.Best != nil)
		misplaced("bands", len(s.Bands) > 0)
		for _, g := range []struct {
			name string
			d    *decimal.Decimal
		}{{"true_points", s.TruePoints}, {"false_points", s.FalsePoints}} {
			if g.d == nil {
				v.add(p+": "+g.name, ErrMissing)
			} else {
				v.points(p+": "+g.name, *g.d)
			}
		}
		if m != "" && m != BroadcastOnly && m.Known() {
			v.add(p+": kind", fmt.Errorf("%w: metric %q is not true or false; use goalposts or bands", ErrScale, m))
		}
	case MinMax, ZScore, PercentileRank:
		misplaced("worst", s.Worst != nil)
		misplaced("best", s.Best != nil)
		misplaced("bands", len(s.Bands) > 0)
		misplaced("true_points", s.TruePoints != nil)
		misplaced("false_points", s.FalsePoints != nil)
		switch s.Better {
		case HigherIsBetter, LowerIsBetter:
		case "":
			v.add(p+": better", fmt.Errorf("%w: a relative scale needs better: higher or lower", ErrMissing))
		default:
			v.add(p+": better", fmt.Errorf("%w: unknown direction %q (want higher or lower)", ErrScale, s.Better))
		}
		return
	case "":
		v.add(p+": kind", ErrMissing)
	default:
		v.add(p+": kind", fmt.Errorf("%w: unknown kind %q (want goalposts, bands, boolean, min_max, z_score or percentile_rank)", ErrScale, s.Kind))
	}
	if s.Better != "" && s.Kind != "" {
		misplaced("better", true)
	}
}

// method checks a node's aggregation method.
func (v *validator) method(p string, m Method) {
	switch m.Aggregation {
	case "", Arithmetic, Minimum:
		if m.ZeroFloor != nil {
			v.add(p+": zero_floor", fmt.Errorf("%w: only a geometric aggregation has a zero floor", ErrMethod))
		}
	case Geometric:
		if m.ZeroFloor != nil && v.points(p+": zero_floor", *m.ZeroFloor) && m.ZeroFloor.IsZero() {
			v.add(p+": zero_floor", fmt.Errorf("%w: a zero floor of 0 changes nothing; leave it out to let a 0 make the node 0", ErrMethod))
		}
	default:
		v.add(p+": aggregation", fmt.Errorf("%w: unknown aggregation %q (want arithmetic, geometric or minimum)", ErrMethod, m.Aggregation))
	}
	switch m.Missing {
	case "", Reweight, Zero, Withhold:
	default:
		v.add(p+": missing", fmt.Errorf("%w: unknown policy %q (want reweight, zero or withhold)", ErrMethod, m.Missing))
	}
	if a := m.MinAvailable; a != nil && v.number(p+": min_available", *a) && (a.Sign() < 0 || a.Cmp(one) > 0) {
		v.add(p+": min_available", fmt.Errorf("%w: %s is not between 0 and 1", ErrMethod, a))
	}
}

func (v *validator) grades(gs []Grade) {
	if len(gs) == 0 {
		v.add("grades", ErrMissing)
		return
	}
	ids := map[string]bool{}
	var prev *decimal.Decimal
	for i, g := range gs {
		p := v.node("", "grade", "grades", i, g.ID, ids)
		if g.Labels["en"] == "" {
			v.add(p+": labels: en", ErrMissing)
		}
		if !v.number(p+": min", g.Min) {
			prev = nil
			continue
		}
		if g.Min.Sign() < 0 || g.Min.Cmp(hundred) > 0 {
			v.add(p+": min", fmt.Errorf("%w: %s is not between 0 and 100", ErrGrade, g.Min))
		}
		if prev != nil && g.Min.Cmp(*prev) >= 0 {
			v.add(p+": min", fmt.Errorf("%w: minimums must fall strictly from the first band to the last (%s follows %s)", ErrGrade, g.Min, prev))
		}
		m := g.Min
		prev = &m
		if i == len(gs)-1 && !g.Min.IsZero() {
			v.add(p+": min", fmt.Errorf("%w: the last band must start at 0, so that every score has a grade", ErrGrade))
		}
	}
}

// covers reports whether every measure in band b's range is in band e's:
// each bound of e is absent or at least as wide as b's.
func covers(e, b Band) bool {
	lo := e.Min == nil || b.Min != nil && e.Min.Cmp(*b.Min) <= 0
	hi := e.Max == nil || b.Max != nil && e.Max.Cmp(*b.Max) >= 0
	return lo && hi
}

// bandRange writes a band's bounds, as "min 0.8" or "min 0.2, max 0.5".
func bandRange(b Band) string {
	var parts []string
	if b.Min != nil {
		parts = append(parts, "min "+b.Min.String())
	}
	if b.Max != nil {
		parts = append(parts, "max "+b.Max.String())
	}
	return strings.Join(parts, ", ")
}

// coveredTogether reports whether the bands before, together, cover every
// measure in band b's range. Bounds are inclusive and measures are
// decimals, so two bands that meet at a point leave no gap, and any other
// space between them is one.
func coveredTogether(before []Band, b Band) bool {
	var es []Band
	for _, e := range before {
		if e.Min != nil || e.Max != nil { // an unbounded band is the last, after b
			es = append(es, e)
		}
	}
	slices.SortFunc(es, func(x, y Band) int { // by lower bound, none first
		switch {
		case x.Min == nil || y.Min == nil:
			return boolCmp(x.Min != nil, y.Min != nil)
		}
		return x.Min.Cmp(*y.Min)
	})
	// cur is where coverage must go on from (nil: −∞); once covered, every
	// measure from b's lower bound up to cur, included, is.
	cur, covered := b.Min, false
	for _, e := range es {
		if e.Min != nil && (cur == nil || e.Min.Cmp(*cur) > 0) {
			return false // nothing covers the measures just past cur (or cur itself)
		}
		if e.Max == nil {
			return true
		}
		if cur == nil || e.Max.Cmp(*cur) >= 0 {
			m := *e.Max
			cur, covered = &m, true
		}
		if covered && b.Max != nil && cur.Cmp(*b.Max) >= 0 {
			return true
		}
	}
	return false
}

// boolCmp orders false before true.
func boolCmp(x, y bool) int {
	switch {
	case x == y:
		return 0
	case !x:
		return -1
	}
	return 1
}
