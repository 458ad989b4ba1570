package report

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// exact writes d with no exponent and no trailing zeros (0.10 is "0.1", 1.0
// is "1"), whatever shopspring/decimal's formatting globals say.
func exact(d decimal.Decimal) string {
	d = d.Normalize()
	return d.StringFixed(max(-d.Exponent(), 0))
}

// exactPtr is exact(*d), or "" for nil: an empty CSV field, NA in R.
func exactPtr(d *decimal.Decimal) string {
	if d == nil {
		return ""
	}
	return exact(*d)
}

// fixed writes d to score.Places places, or "–" for nil.
func fixed(d *decimal.Decimal) string {
	if d == nil {
		return "–"
	}
	return d.StringFixed(score.Places)
}

var hundred = decimal.NewFromInt(100)

func pct(d decimal.Decimal) string { return d.Mul(hundred).StringFixed(1) + "%" }

// weightPct writes a weight of 0..1 as a percentage to at most one
// decimal place, without trailing zeros: 0.3 is "30%", 0.533333333333
// "53.3%", 0.125 "12.5%". A weight that rounds to 0 but is not 0 is
// "<0.1%".
func weightPct(d decimal.Decimal) string {
	p := d.Mul(hundred).Round(1)
	if p.IsZero() && !d.IsZero() {
		return "<0.1%"
	}
	return exact(p) + "%"
}

// unit is how a metric's value reads.
type unit int

const (
	unitShare unit = iota // 0..1, shown as a percentage
	unitHours             // hours
	unitBool              // 1 or 0
	unitRatio             // a plain number
)

func unitOf(m rubric.Metric) unit {
	switch m {
	case rubric.ReplyTimeQuantile, rubric.ReplyTimeRestrictedMean:
		return unitHours
	case rubric.BroadcastOnly:
		return unitBool
	case rubric.StaffPerOpenChannel:
		return unitRatio
	}
	return unitShare
}

// value writes a measure's value, or bound, in its metric's unit.
func (l labels) value(m rubric.Metric, d *decimal.Decimal) string {
	if d == nil {
		return l.NotReached
	}
	switch unitOf(m) {
	case unitHours:
		return d.StringFixed(1) + " " + l.Hours
	case unitBool:
		if d.IsZero() {
			return l.No
		}
		return l.Yes
	case unitRatio:
		return d.StringFixed(2)
	}
	return pct(*d)
}

// measure writes a criterion's measure, with its shrunk value if any.
func (l labels) measure(c score.CriterionScore) string {
	m := c.Measure
	switch {
	case m.NotReached:
		return l.NotReached
	case m.Value == nil:
		return "–"
	}
	s := l.value(c.Metric, m.Value)
	if m.Shrunk != nil {
		s += " → " + l.value(c.Metric, m.Shrunk)
	}
	return s
}

// interval writes a measure's confidence interval, or "" when it has none.
func (l labels) interval(c score.CriterionScore) string {
	iv := c.Measure.Interval
	if iv == nil {
		return ""
	}
	return l.value(c.Metric, iv.Low) + " – " + l.value(c.Metric, iv.High)
}

func itoa(i int) string { return strconv.Itoa(i) }

// num writes a coordinate for SVG.
func num(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func rankText(r int) string {
	if r == 0 {
		return "–"
	}
	return fmt.Sprint(r)
}
