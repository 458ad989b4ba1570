package score

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/compose"
)

// Score validates the dataset and scores every agency in it: it adds the
// dataset's inquiries to an [Accumulator] with [Options.Workers]
// goroutines and returns its [Accumulator.Report].
//
// The report depends only on the dataset's content, the rubric and the
// options: not on the order of records, nor on the number of workers.
func (s *Scorer) Score(ds model.Dataset) (*Report, error) {
	a, err := s.NewAccumulator(ds)
	if err != nil {
		return nil, err
	}
	return a.Report()
}

// cloneGrades returns a copy of gs that shares no map with it, so that a
// report's reader cannot change the Scorer's rubric.
func cloneGrades(gs []rubric.Grade) []rubric.Grade {
	out := slices.Clone(gs)
	for i := range out {
		out[i].Labels = maps.Clone(out[i].Labels)
	}
	return out
}

// parallel calls f(i) for every i in [0, n) on up to Options.Workers
// goroutines.
func (s *Scorer) parallel(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(s.opts.Workers, n) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
				f(i)
			}
		})
	}
	wg.Wait()
}

// measureGates computes every gate's measure for one agency, in the order
// of the rubric's gates.
func (s *Scorer) measureGates(a *agencyView) []Measure {
	ms := make([]Measure, len(s.gates))
	for j := range s.gates {
		g := &s.gates[j]
		ms[j] = g.def.measure(a, g)
	}
	return ms
}

// gateFails reports whether the measure m fails gate j: it can be checked
// (its sample is large enough) and lies below the gate's Min or above its
// Max. A quantile not reached lies above any Max and passes any Min.
func (s *Scorer) gateFails(j int, m *Measure) bool {
	g, spec := &s.gates[j], &s.gateSpecs[j]
	if g.status(m) != StatusScored {
		return false
	}
	if m.NotReached {
		return spec.Max != nil
	}
	if m.Value == nil {
		return false
	}
	v := m.scored()
	return spec.Min != nil && v.LessThan(*spec.Min) || spec.Max != nil && v.GreaterThan(*spec.Max)
}

// measureAll computes every criterion's measure for one agency, in the
// order of Scorer.criteria.
func (s *Scorer) measureAll(a *agencyView) []Measure {
	ms := make([]Measure, len(s.criteria))
	for i := range s.criteria {
		c := &s.criteria[i]
		ms[i] = c.def.measure(a, c)
	}
	return ms
}

// composition is how an agency's points combine: the composition of the
// rubric's nodes, the coverage, and the published score.
type composition struct {
	compose.Composition
	coverage decimal.Decimal
	// score is the published overall score in hundredths: none when no
	// dimension could be scored, the method withheld it, or the coverage
	// is below the minimum.
	score int64
}

// compose combines an agency's points, in hundredths by criterion in
// rubric order (none where a criterion has none), and its gates' outcomes
// (0 for a failed gate, none otherwise), into dimension scores and the
// overall score, with their explanations. zeroed says, by criterion, which
// points are 0 for want of data by the criterion's own policy (nil: none).
func (s *Scorer) compose(points, gates []int64, zeroed []bool) composition {
	comp := composition{Composition: compose.Composition{Explain: true}, score: none}
	top := s.tree.Compose(points, gates, &comp.Composition)
	// The coverage: the weight the measured criteria of the scored
	// dimensions carry. A criterion with data in a dimension the method
	// withheld adds nothing, since it adds nothing to the score; nor does
	// one scored 0 for want of data, which counts in the score but was not
	// measured: a score needs as much evidence with or without it.
	for di, d := range s.dims {
		if comp.Scores[di] == none {
			continue
		}
		for _, ci := range d.criteria {
			if points[ci] != none && (zeroed == nil || !zeroed[ci]) {
				comp.coverage = comp.coverage.Add(s.criteria[ci].share)
			}
		}
	}
	if top != none && !comp.coverage.LessThan(s.minCoverage) {
		comp.score = top
	}
	return comp
}

// gradeOf returns the ID of the grade of a score in hundredths: the first
// band whose minimum it reaches, or the grade of a failed gate when that
// is worse; "" when it reaches none.
func (s *Scorer) gradeOf(score int64, gates []int64) string {
	if g := s.tree.GradeOf(score, gates); g >= 0 {
		return s.rubric.Grades[g].ID
	}
	return ""
}

// effAt returns the effective weight of child i of a node as a decimal.
func effAt(r *compose.Result, i int) decimal.Decimal {
	if len(r.Eff) == 0 {
		return decimal.Decimal{}
	}
	return decimal.New(r.Eff[i], -rubric.MaxPlaces)
}

// contribAt returns the contribution of child i of a node as a decimal.
func contribAt(r *compose.Result, i int) decimal.Decimal {
	if len(r.Contrib) == 0 {
		return decimal.Decimal{}
	}
	return decimal.New(r.Contrib[i], -rubric.MaxPlaces-Places)
}

// hundredthsOf returns h hundredths as a decimal, or nil for none.
func hundredthsOf(h int64) *decimal.Decimal {
	if h == none {
		return nil
	}
	d := decimal.New(h, -Places)
	return &d
}

// scoreAgency explains one agency's score: its measures, the points they
// earned (nil where none) and their composition.
func (s *Scorer) scoreAgency(a *agencyView, measures []Measure, points []int64, gateMeasures []Measure, gates []int64, comp composition, reach []*decimal.Decimal) AgencyScore {
	ag := &a.info.agency
	out := AgencyScore{
		AgencyID:   a.info.id,
		Name:       ag.Name,
		Names:      maps.Clone(ag.Names),
		Inquiries:  a.st.n,
		AfterAsOf:  a.st.after,
		Coverage:   comp.coverage,
		Dimensions: make([]DimensionScore, len(s.dims)),
	}
	flags := flagSet{list: make([]Flag, 0, len(s.criteria)+len(s.dims)+4)}
	for di, d := range s.dims {
		res, capped := &comp.Dims[di], &comp.Capped[di]
		ds := &out.Dimensions[di]
		*ds = DimensionScore{ID: d.id, Title: d.title, Weight: d.weight, Aggregation: d.method.Aggregation,
			EffectiveWeight: effAt(&comp.Top, di), Contribution: contribAt(&comp.Top, di), Score: hundredthsOf(capped.Score),
			Uncapped: hundredthsOf(capped.Uncapped), Criteria: make([]CriterionScore, len(d.criteria))}
		if capped.By >= 0 {
			ds.CappedBy = s.criteria[d.criteria[capped.By]].ID
		}
		for j, ci := range d.criteria {
			c := &s.criteria[ci]
			cs := &ds.Criteria[j]
			*cs = CriterionScore{ID: c.ID, Title: c.Title, Metric: c.Metric, Weight: c.Weight, MinSample: c.minSample,
				Measure: measures[ci], Points: hundredthsOf(points[ci]), EffectiveWeight: effAt(res, j), Contribution: contribAt(res, j)}
			cs.Status = c.statusAmong(&cs.Measure, reach[ci])
			if c.Params.Clock == rubric.BusinessClock && a.info.biz == nil {
				flags.add(FlagNoCalendar, c.ID, "no_calendar")
			}
			switch cs.Status {
			case StatusNoData:
				flags.add(FlagNoData, c.ID, "nothing")
				if points[ci] != none {
					flags.add(FlagMissingZero, c.ID, "zero.criterion")
				}
			case StatusInsufficient:
				key, args := c.insufficientAmong(&cs.Measure, reach[ci])
				flags.add(FlagInsufficientData, c.ID, key, args...)
			}
		}
		s.explainNode(&flags, string(d.id), "criteria", s.criterionIDs(d), res, d.method)
		if capped.By >= 0 {
			failed := make([]string, len(capped.Failed))
			for k, j := range capped.Failed {
				failed[k] = s.criteria[d.criteria[j]].ID
			}
			flags.add(FlagKnockout, string(d.id), "knockout",
				strings.Join(failed, ", "), string(d.id), decText(hundredthsOf(capped.Score)), ds.CappedBy)
		}
	}
	s.explainNode(&flags, "", "dimensions", s.dimensionIDs, &comp.Top, s.rubric.Method)
	switch {
	case comp.Top.Score == none && comp.Top.Withheld == compose.NotWithheld:
		flags.add(FlagNotScored, "", "not_scored")
	case comp.Top.Score == none:
	case comp.score == none:
		flags.add(FlagLowCoverage, "", "low_coverage", comp.coverage.String(), s.minCoverage.String())
	default:
		out.Score = hundredthsOf(comp.score)
		out.Grade = s.gradeOf(comp.score, gates)
		if c := &comp.TopCapped; c.By >= 0 {
			out.Uncapped, out.CappedBy = hundredthsOf(c.Uncapped), s.gates[c.By].ID
		}
	}
	s.explainGates(&out, &flags, gateMeasures, gates, out.Score != nil, a.info.biz != nil)
	s.factFlags(a, &flags)
	out.Flags = flags.list
	out.Curve = a.reply
	return out
}

// explainGates adds the agency's gates to out, and flags those failed or
// not checked. scored says whether the agency has an overall score, biz
// whether it has a business calendar.
func (s *Scorer) explainGates(out *AgencyScore, flags *flagSet, ms []Measure, gates []int64, scored, biz bool) {
	for j := range s.gates {
		g, spec, m := &s.gates[j], &s.gateSpecs[j], ms[j]
		gs := GateScore{ID: g.ID, Title: g.Title, Metric: g.Metric, Status: g.status(&m), Measure: m, Failed: gates[j] == 0}
		out.Gates = append(out.Gates, gs)
		if g.Params.Clock == rubric.BusinessClock && !biz {
			flags.add(FlagNoCalendar, g.ID, "no_calendar")
		}
		switch {
		case gs.Failed:
			effect := "gate.unscored"
			switch {
			case !scored:
			case spec.Cap != nil && spec.Grade != "":
				effect = "gate.cap_grade"
			case spec.Cap != nil:
				effect = "gate.cap"
			case spec.Grade != "":
				effect = "gate.grade"
			}
			breach, value, bound := gateBreach(spec, &m)
			flags.add(FlagGateFailed, g.ID, breach+"+"+effect, string(g.Metric), value, bound, decText(spec.Cap), spec.Grade)
		case gs.Status == StatusNoData:
			flags.add(FlagNoData, g.ID, "gate.unchecked+nothing")
		case gs.Status == StatusInsufficient:
			key, args := g.insufficientDetail(&m)
			flags.add(FlagInsufficientData, g.ID, "gate.unchecked+"+key, args...)
		}
	}
}

// gateBreach says how a failing measure breaks a gate's bounds: the
// message, the value and the bound.
func gateBreach(spec *rubric.Gate, m *Measure) (key, value, bound string) {
	switch {
	case m.NotReached:
		return "gate.not_reached", "", decText(spec.Max)
	case spec.Min != nil && m.scored().LessThan(*spec.Min):
		return "gate.below", m.scored().String(), decText(spec.Min)
	}
	return "gate.above", m.scored().String(), decText(spec.Max)
}

// decText writes d as a flag's argument; "" for nil.
func decText(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return d.String()
}

// explainNode flags what the composition did at a node, whose method is
// m: re-weighting, missing children scored 0, withholding. node is the
// dimension ID, or "" for the overall score.
func (s *Scorer) explainNode(flags *flagSet, node, children string, ids []string, res *compose.Result, m rubric.Method) {
	var left []string
	for _, i := range res.Left {
		left = append(left, ids[i])
	}
	switch {
	case res.Withheld == compose.Unavailable && res.WithData == 0:
		// Nothing to withhold: the children's no_data flags say it.
	case res.Withheld == compose.Unavailable:
		flags.add(FlagWithheld, node, "withheld.coverage",
			decimal.New(res.WithData, -rubric.MaxPlaces).DivRound(decimal.New(res.Total, -rubric.MaxPlaces), 4).String(),
			decText(m.MinAvailable))
	case res.Withheld == compose.MissingChild:
		flags.add(FlagWithheld, node, "withheld.missing")
	case res.Reweighted:
		flags.add(FlagReweighted, node, "reweighted."+children, strings.Join(left, ", "))
	case res.Zeroed:
		flags.add(FlagMissingZero, node, "zero.node", strings.Join(left, ", "))
	}
}

func (s *Scorer) criterionIDs(d dimension) []string {
	ids := make([]string, len(d.criteria))
	for j, ci := range d.criteria {
		ids[j] = s.criteria[ci].ID
	}
	return ids
}

// factFlags adds the flags that describe the agency's records rather than
// its score: long silences, broadcast-only channels, nobody assigned.
func (s *Scorer) factFlags(a *agencyView, flags *flagSet) {
	if st := a.st; st.silent > 0 {
		flags.add(FlagLongSilence, "", "long_silence", strconv.Itoa(st.silent), strconv.Itoa(st.n), s.silenceDays.String(),
			strconv.FormatInt(st.oldest/86400, 10))
	}
	var broadcast []string
	for _, ch := range a.info.channels {
		if ch.Official && ch.BroadcastOnly && !ch.Implied {
			broadcast = append(broadcast, channelName(ch))
		}
	}
	if len(broadcast) > 0 {
		slices.Sort(broadcast) // the report must not depend on the order of the channels
		flags.add(FlagBroadcastOnly, "", "broadcast_only", strings.Join(broadcast, ", "))
	}
	// Declaring nothing is said, not passed over: a criterion that needs
	// declarations has no data, which the standard may count as 0 points.
	if n, _, _ := a.officialChannels(); s.needs.channels && n == 0 {
		flags.add(FlagNotDeclared, s.needs.channelCriteria[0], "not_declared.channels", strings.Join(s.needs.channelCriteria, ", "))
	}
	if s.needs.staffing && len(a.info.staffing) == 0 {
		flags.add(FlagNotDeclared, s.needs.staffingCriteria[0], "not_declared.staffing", strings.Join(s.needs.staffingCriteria, ", "))
	}
	declared, staff := false, 0
	for _, st := range a.info.staffing {
		if st.ActiveAt(s.opts.AsOf) {
			declared = true
			staff += st.Staff
		}
	}
	if declared && staff == 0 {
		flags.add(FlagNobodyAssigned, "", "nobody_assigned")
	}
}

func channelName(c model.Channel) string {
	if c.Handle != "" {
		return fmt.Sprintf("%s %s", c.Kind, c.Handle)
	}
	return c.ID
}

// flagSet collects flags, merging repeated codes for the same node.
type flagSet struct{ list []Flag }

// add adds a flag whose detail is the message key of the catalogue
// (flagMessages) with args, unless the node has one of that code.
func (f *flagSet) add(code FlagCode, node, key string, args ...string) {
	for _, x := range f.list {
		if x.Code == code && x.Node == node {
			return
		}
	}
	detail, _ := formatMessage("en", key, args) // every key is in the catalogue: TestFlagMessages
	f.list = append(f.list, Flag{Code: code, Node: node, Detail: detail, Message: key, Args: args})
}
