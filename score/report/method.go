package report

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/safe"
)

// method is the standard itself, as a page's methodology section renders
// it: a published ranking then carries its own method.
type method struct {
	Intro, Hash string
	Dims        []methodDim
	Gates       []methodGate
	Grades      string
}

type methodDim struct {
	Label, ID, Weight, WeightExact, Rationale string
	Criteria                                  []methodCrit
}

type methodCrit struct {
	Label, ID, Metric, Scale, Weight, WeightExact, MinSample, Rationale string
}

type methodGate struct{ ID, Metric, Rule string }

// newMethod renders the standard r of the report rep; nil when r is nil
// or is not the standard rep was scored under (their hashes differ).
func newMethod(rep *score.Report, r *rubric.Rubric, l labels) *method {
	if r == nil {
		return nil
	}
	if h, err := r.Hash(); err != nil || h != rep.Rubric.Hash {
		return nil
	}
	m := &method{Hash: safe.Text(rep.Rubric.Hash),
		Intro: fmt.Sprintf(l.MethodIntro, isolate(safe.Text(r.ID)), isolate(safe.Text(r.Version)))}
	for _, d := range r.Dimensions {
		md := methodDim{Label: l.dimensionLabel(d.ID, d.Title), ID: safe.Text(string(d.ID)), Weight: weightPct(d.Weight),
			WeightExact: l.ExactWeight + " " + exact(d.Weight), Rationale: safe.Text(d.Rationale)}
		for _, c := range d.Criteria {
			cs := score.CriterionScore{ID: c.ID, Title: c.Title, Metric: c.Metric}
			mc := methodCrit{Label: l.criterionLabel(cs), ID: safe.Text(c.ID), Metric: l.metricText(c),
				Scale: l.scaleText(c), Weight: weightPct(c.Weight), WeightExact: l.ExactWeight + " " + exact(c.Weight),
				Rationale: safe.Text(c.Rationale)}
			if c.MinSample > 0 {
				mc.MinSample = itoa(c.MinSample)
			}
			md.Criteria = append(md.Criteria, mc)
		}
		m.Dims = append(m.Dims, md)
	}
	for _, g := range r.Gates {
		var rule []string
		if g.Min != nil {
			rule = append(rule, fmt.Sprintf(l.GateMin, l.value(g.Metric, g.Min)))
		}
		if g.Max != nil {
			rule = append(rule, fmt.Sprintf(l.GateMax, l.value(g.Metric, g.Max)))
		}
		if g.Cap != nil {
			rule = append(rule, fmt.Sprintf(l.GateCap, g.Cap.String()))
		}
		if g.Grade != "" {
			rule = append(rule, fmt.Sprintf(l.GateGrade, isolate(gradeLabel(rep, g.Grade, l.Lang))))
		}
		m.Gates = append(m.Gates, methodGate{ID: safe.Text(g.ID), Metric: l.Metrics[g.Metric], Rule: strings.Join(rule, l.Sep)})
	}
	var grades []string
	for _, g := range sortedGrades(r.Grades) {
		grades = append(grades, fmt.Sprintf(l.GradeFrom, isolate(safe.Text(g.Label(l.Lang))), exact(g.Min)))
	}
	m.Grades = strings.Join(grades, l.Sep)
	return m
}

// metricText names a criterion's metric with the parameters that set it:
// its target, quantile, silence or clock.
func (l labels) metricText(c rubric.Criterion) string {
	s := l.Metrics[c.Metric]
	if s == "" {
		s = safe.Text(string(c.Metric))
	}
	var ps []string
	hours := func(d *decimal.Decimal) string { return l.value(rubric.ReplyTimeQuantile, d) }
	if p := c.Params.TargetHours; p != nil {
		ps = append(ps, fmt.Sprintf(l.ParamTarget, hours(p)))
	}
	if p := c.Params.Quantile; p != nil {
		ps = append(ps, fmt.Sprintf(l.ParamQuantile, exact(*p)))
	}
	if p := c.Params.SilenceDays; p != nil {
		ps = append(ps, fmt.Sprintf(l.ParamSilence, exact(*p)))
	}
	if c.Params.Clock == rubric.BusinessClock {
		ps = append(ps, l.ParamBusiness)
	}
	if len(ps) > 0 {
		s += " (" + strings.Join(ps, l.Sep) + ")"
	}
	return s
}

// scaleText says how a criterion's measure earns its points.
func (l labels) scaleText(c rubric.Criterion) string {
	sc := c.Scale
	switch sc.Kind {
	case rubric.Goalposts:
		return fmt.Sprintf(l.ScaleGoalposts, l.value(c.Metric, sc.Worst), l.value(c.Metric, sc.Best))
	case rubric.Bands:
		var bands []string
		for _, b := range sc.Bands {
			var band string
			switch {
			case b.Min == nil && b.Max == nil:
				band = fmt.Sprintf(l.ScaleBandAll, exact(b.Points))
			case b.Min == nil:
				band = fmt.Sprintf(l.ScaleBandUpTo, l.value(c.Metric, b.Max), exact(b.Points))
			case b.Max == nil:
				band = fmt.Sprintf(l.ScaleBandFrom, l.value(c.Metric, b.Min), exact(b.Points))
			default:
				band = fmt.Sprintf(l.ScaleBand, l.value(c.Metric, b.Min), l.value(c.Metric, b.Max), exact(b.Points))
			}
			bands = append(bands, band)
		}
		return strings.Join(bands, l.Sep)
	case rubric.Boolean:
		t, f := "100", "0"
		if sc.TruePoints != nil {
			t = exact(*sc.TruePoints)
		}
		if sc.FalsePoints != nil {
			f = exact(*sc.FalsePoints)
		}
		return fmt.Sprintf(l.ScaleBoolean, t, f)
	}
	kind := l.ScaleKinds[sc.Kind]
	if kind == "" {
		kind = safe.Text(string(sc.Kind))
	}
	better := l.Better[sc.Better]
	if better == "" {
		return kind
	}
	return fmt.Sprintf(l.ScaleRelative, kind, better)
}
