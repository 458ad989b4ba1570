package sensitivity

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/safe"
)

// WriteText writes the sensitivity of the ranking as an aligned plain-text
// table, after a line saying what the runs varied: for each agency its
// nominal rank and score, its median rank and the 5th-95th percentile range
// of its rank, and the share of runs in which it earns each grade. Like
// every text rendering, its layout may change between releases.
func (s *Report) WriteText(w io.Writer) error {
	var b strings.Builder
	b.WriteString(s.Options.describe() + "\n\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	unscored := slices.ContainsFunc(s.Agencies, func(a Agency) bool { return a.Scored < 1 })
	head := []string{"Rank", "Agency", "Score", "Median rank", "Rank 5%-95%"}
	for _, g := range s.Grades {
		head = append(head, safe.Text(g.Label("en")))
	}
	if unscored {
		head = append(head, "No score")
	}
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, a := range s.Agencies {
		row := []string{"-", safe.Text(a.DisplayName("en")), fixed(a.Score), "-", "-"}
		if a.Rank > 0 {
			row[0] = fmt.Sprint(a.Rank)
		}
		if a.RankMedian > 0 {
			row[3] = fmt.Sprint(a.RankMedian)
			row[4] = fmt.Sprintf("%d-%d", a.RankP05, a.RankP95)
		}
		for _, g := range s.Grades {
			row = append(row, shareText(a.GradeShares[g.ID]))
		}
		if unscored {
			row = append(row, shareText(1-a.Scored))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

// shareText writes a share of runs as a percentage with one decimal, or "-" for
// none.
func shareText(x float64) string {
	if x == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

// describe says in one line what the runs varied.
func (o Options) describe() string {
	var parts []string
	if o.WeightNoise > 0 {
		parts = append(parts, fmt.Sprintf("weights x U[%g, %g], renormalised", 1-o.WeightNoise, 1+o.WeightNoise))
	}
	aggs := func(as []rubric.Aggregation) string {
		names := make([]string, len(as))
		for i, a := range as {
			names[i] = string(a)
		}
		return strings.Join(names, ", ")
	}
	if len(o.Aggregations) > 0 {
		parts = append(parts, "overall aggregation from "+aggs(o.Aggregations))
	}
	if len(o.DimensionAggregations) > 0 {
		parts = append(parts, "dimension aggregation from "+aggs(o.DimensionAggregations))
	}
	if o.GoalpostShift > 0 {
		parts = append(parts, fmt.Sprintf("goalposts moved by up to %g%% of their span", 100*o.GoalpostShift))
	}
	if len(parts) == 0 {
		parts = append(parts, "nothing varied")
	}
	return fmt.Sprintf("%d runs, seed %d: %s", o.Runs, o.Seed, strings.Join(parts, "; "))
}

// fixed writes a score with [score.Places] places, or "-" for none.
func fixed(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.StringFixed(score.Places)
}

// trimLines drops the spaces at the end of every line, which tabwriter
// leaves after the last column.
func trimLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(lines, "\n")
}
