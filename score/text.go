package score

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/safe"
)

// ErrUnknownAgency is returned by [Report.Explain] for an agency the report
// does not hold.
var ErrUnknownAgency = errors.New("score: agency not in report")

// The text renderings are conveniences for people; their layout may change
// between releases. Programs should read the JSON encoding or the Report
// values instead. Every string in them that comes from the data passes
// through [SafeText], so that no name or ID can add a line or a column.

// SafeText returns s as govscore's renderings print a string that comes
// from input (an agency's ID or name, a channel ID, a rubric's title, a
// flag's detail): line feed, tab and carriage return written as \n, \t
// and \r; the other control characters (C0 with NUL, DEL, C1), the line
// and paragraph separators U+2028 and U+2029, and the bidirectional
// formatting characters U+202A–U+202E, U+2066–U+2069, U+200E, U+200F
// and U+061C written as \u and four hex digits (\u202e); a byte that is
// not UTF-8 as \x and two hex digits; everything else unchanged. The
// text, Markdown and HTML renderings of this package and of score/report
// apply it; a program that prints names and IDs itself can use it to
// follow the same policy. It makes text safe to print, not to parse:
// Markdown and HTML still need their own escaping.
func SafeText(s string) string { return safe.Text(s) }

// WriteText writes the ranking as an aligned plain-text table: rank, agency,
// score, grade, the score of each dimension, and the flags' codes.
func (r *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, row := range r.table() {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

// trimLines removes the blanks tabwriter leaves at the end of lines.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}

func (r *Report) table() [][]string {
	head := []string{"Rank", "Agency", "Score", "Grade"}
	if len(r.Agencies) > 0 {
		for _, d := range r.Agencies[0].Dimensions {
			head = append(head, safe.Text(title(d.Title, string(d.ID))))
		}
	}
	head = append(head, "Flags")
	rows := [][]string{head}
	for _, a := range r.Agencies {
		rank := "-"
		if a.Rank > 0 {
			rank = fmt.Sprint(a.Rank)
		}
		row := []string{rank, safe.Text(a.DisplayName("en")), fixed(a.Score), r.gradeLabel(a.Grade, "en")}
		for _, d := range a.Dimensions {
			row = append(row, fixed(d.Score))
		}
		var codes []string
		for _, f := range a.Flags {
			if c := safe.Text(string(f.Code)); !containsCode(codes, c) {
				codes = append(codes, c)
			}
		}
		row = append(row, strings.Join(codes, ", "))
		rows = append(rows, row)
	}
	return rows
}

func containsCode(codes []string, c string) bool {
	for _, x := range codes {
		if x == c {
			return true
		}
	}
	return false
}

// Explain writes, for one agency, how its score was made: each dimension
// with its weight, score and contribution, each criterion with its measure,
// sample, points, weight and contribution, and the flags.
func (r *Report) Explain(w io.Writer, agencyID string) error {
	var a *AgencyScore
	for i := range r.Agencies {
		if r.Agencies[i].AgencyID == agencyID {
			a = &r.Agencies[i]
		}
	}
	if a == nil {
		return fmt.Errorf("%w: %q", ErrUnknownAgency, agencyID)
	}
	var b strings.Builder
	name := a.DisplayName("en")
	if ar := a.Names["ar"]; ar != "" && ar != name {
		name += " (" + ar + ")"
	}
	fmt.Fprintf(&b, "%s [%s]\n", safe.Text(name), safe.Text(a.AgencyID))
	if a.Score != nil {
		scored := 0
		for _, x := range r.Agencies {
			if x.Score != nil {
				scored++
			}
		}
		fmt.Fprintf(&b, "Score %s, %s, rank %d of %d scored\n", fixed(a.Score), r.gradeLabel(a.Grade, "en"), a.Rank, scored)
	} else {
		fmt.Fprintf(&b, "Not scored\n")
	}
	fmt.Fprintf(&b, "%d inquiries received by %s", a.Inquiries, r.AsOf.Format(time.RFC3339))
	if a.AfterAsOf > 0 {
		fmt.Fprintf(&b, " (%d later ones not scored)", a.AfterAsOf)
	}
	fmt.Fprintf(&b, "; rubric %s %s\n", safe.Text(r.Rubric.ID), safe.Text(r.Rubric.Version))
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, d := range a.Dimensions {
		fmt.Fprintf(tw, "\n%s\tweight %s\tscore %s\t", safe.Text(title(d.Title, string(d.ID))), weightText(d.Weight, d.EffectiveWeight), fixed(d.Score))
		switch {
		case d.Score == nil:
		case !arithmetic(r.Aggregation):
			fmt.Fprintf(tw, "enters the %s of the dimensions with weight %s", aggregationText(r.Aggregation), d.EffectiveWeight)
		default:
			fmt.Fprintf(tw, "contributes %s × %s = %s", d.EffectiveWeight, fixed(d.Score), d.Contribution.Round(Places+2))
		}
		fmt.Fprintln(tw)
		if d.CappedBy != "" {
			fmt.Fprintf(tw, "  capped\tby knock-out %s\t%s → %s\t\n", safe.Text(d.CappedBy), fixed(d.Uncapped), fixed(d.Score))
		}
		for _, c := range d.Criteria {
			fmt.Fprintf(tw, "  %s\t%s\t", safe.Text(c.ID), describe(c))
			switch {
			case c.Status == StatusScored && !arithmetic(d.Aggregation):
				fmt.Fprintf(tw, "%s points, weight %s in the %s\n", fixed(c.Points), c.EffectiveWeight, aggregationText(d.Aggregation))
			case c.Status == StatusScored:
				fmt.Fprintf(tw, "%s points × %s = %s\n", fixed(c.Points), c.EffectiveWeight, c.Contribution.Round(Places+2))
			case c.Status == StatusNoData && c.Points != nil:
				fmt.Fprintf(tw, "no data: 0 points, as the criterion says, × %s = %s\n", c.EffectiveWeight, c.Contribution.Round(Places+2))
			case c.Status == StatusInsufficient:
				fmt.Fprintf(tw, "not used: n below %d\n", c.MinSample)
			default:
				fmt.Fprintf(tw, "not used: no data\n")
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(a.Flags) > 0 {
		b.WriteString("\nFlags\n")
		for _, f := range a.Flags {
			node := ""
			if f.Node != "" {
				node = " [" + safe.Text(f.Node) + "]"
			}
			fmt.Fprintf(&b, "  %s%s: %s\n", safe.Text(string(f.Code)), node, safe.Text(f.Detail))
		}
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

// describe renders a criterion's measure and sample in words.
func describe(c CriterionScore) string {
	m := c.Measure
	switch {
	case m.NotReached:
		text := fmt.Sprintf("not reached: %d of %d answered, %d still unanswered", m.Count, m.N, m.Censored)
		if m.Interval != nil && m.Interval.Low != nil {
			text += fmt.Sprintf(", 95%% CI from %s h", m.Interval.Low.StringFixed(2))
		}
		return text
	case m.Value == nil:
		return fmt.Sprintf("no value (n = %d)", m.N)
	}
	v := *m.Value
	pct := func(d decimal.Decimal) string { return d.Mul(hundred).StringFixed(1) + "%" }
	var text string
	switch c.Metric {
	case rubric.ReplyTimeQuantile, rubric.ReplyTimeRestrictedMean:
		text = fmt.Sprintf("%s h (n = %d, %d unanswered counted as censored)", v.StringFixed(2), m.N, m.Censored)
		if m.Interval != nil {
			text += fmt.Sprintf(", 95%% CI %s–%s h", bound(m.Interval.Low, 2, ""), bound(m.Interval.High, 2, ""))
		}
		return text
	case rubric.EventualNonresponseShare:
		text = fmt.Sprintf("%s never answered, estimated (n = %d, %d censored)", pct(v), m.N, m.Censored)
	case rubric.BroadcastOnly:
		if v.IsZero() {
			return fmt.Sprintf("no (%d official channels)", m.N)
		}
		return fmt.Sprintf("yes (%d official channels)", m.N)
	case rubric.StaffPerOpenChannel:
		return fmt.Sprintf("%s (%d staff / %d open channels)", v.StringFixed(2), m.Count, m.N)
	case rubric.DeclaredCoverage:
		return fmt.Sprintf("%s of the week (mean of %d open channels)", pct(v), m.N)
	case rubric.AccurateShare:
		text = fmt.Sprintf("%s (credit over %d graded replies; %d accurate)", pct(v), m.N, m.Count)
	case rubric.WithinTargetRate:
		text = fmt.Sprintf("%s (%d of %d decided; %d pending)", pct(v), m.Count, m.N, m.Pending)
	default:
		text = fmt.Sprintf("%s (%d of %d)", pct(v), m.Count, m.N)
	}
	if m.Interval != nil {
		text += fmt.Sprintf(", 95%% CI %s–%s", bound(m.Interval.Low, 1, "%"), bound(m.Interval.High, 1, "%"))
	}
	if m.Shrunk != nil {
		text += fmt.Sprintf(", shrunk to %s", pct(*m.Shrunk))
		if m.Prior != nil {
			text += fmt.Sprintf(" by a beta(%.3g, %.3g) prior", m.Prior.Alpha, m.Prior.Beta)
		}
	}
	return text
}

// bound renders a confidence bound, as a percentage when unit is "%";
// "not reached" when it is nil.
func bound(d *decimal.Decimal, places int32, unit string) string {
	if d == nil {
		return "not reached"
	}
	if unit == "%" {
		return d.Mul(hundred).StringFixed(places) + "%"
	}
	return d.StringFixed(places)
}

// gradeLabel is a grade's label in the language, made safe to print.
func (r *Report) gradeLabel(id, lang string) string {
	for _, g := range r.Grades {
		if g.ID == id {
			return safe.Text(g.Label(lang))
		}
	}
	return safe.Text(id)
}

func weightText(w, eff decimal.Decimal) string {
	if w.Equal(eff) {
		return w.String()
	}
	return fmt.Sprintf("%s (effective %s)", w, eff)
}

func fixed(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.StringFixed(Places)
}

func title(t, id string) string {
	if t != "" {
		return t
	}
	return id
}

// WriteInfluence writes each criterion's nominal weight beside its actual
// influence on the report's scores (see [Influence]) as an aligned table.
func (r *Report) WriteInfluence(w io.Writer) error {
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Criterion\tDimension\tNominal weight\tMean share\tCorrelation\tAgencies")
	for _, in := range r.Influence {
		share := "-"
		if in.MeanShare != nil {
			share = in.MeanShare.StringFixed(4)
		}
		corr := "-"
		if in.Correlation != nil {
			corr = fmt.Sprintf("%.3f", *in.Correlation)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\n", safe.Text(in.Criterion), safe.Text(string(in.Dimension)), in.Nominal.StringFixed(4), share, corr, in.Scored)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

// arithmetic reports whether a node's aggregation is the weighted
// arithmetic mean, whose contributions add up.
func arithmetic(a rubric.Aggregation) bool { return a == "" || a == rubric.Arithmetic }

// aggregationText names an aggregation in an explanation.
func aggregationText(a rubric.Aggregation) string {
	switch a {
	case rubric.Geometric:
		return "weighted geometric mean"
	case rubric.Minimum:
		return "minimum (weakest link)"
	}
	return "weighted mean"
}
