package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/govscore/govscore/score"
)

// Options configure the Markdown and HTML renderings. The zero value means
// English and the default title.
type Options struct {
	// Lang is the language of labels and agency names: "en" (the default)
	// or "ar", which also makes an HTML page right-to-left. Agency names
	// fall back to the English name, then to the ID.
	Lang string
	// Title heads the page; empty means "Digital governance scorecard" in
	// Lang.
	Title string
}

func (o Options) labels() labels {
	l := labelsFor(o.Lang)
	if o.Title != "" {
		l.Title = o.Title
	}
	return l
}

// WriteMarkdown writes a scorecard: the ranking table, then one section per
// agency with its dimensions, its criteria (measure, interval, n, points,
// weight, contribution) and its flags. Its layout may change between
// releases; programs should read the CSV or JSON encodings.
func WriteMarkdown(w io.Writer, rep *score.Report, opts Options) error {
	l := opts.labels()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", md(l.Title))
	fmt.Fprintf(&b, "%s: %s %s (`%s`) · %s: %s\n\n", l.Rubric, md(rep.Rubric.ID), md(rep.Rubric.Version), rep.Rubric.Hash,
		l.AsOf, rep.AsOf.Format("2006-01-02 15:04 -07:00"))

	fmt.Fprintf(&b, "## %s\n\n", l.Ranking)
	head := []string{l.Rank, l.Agency, l.Score, l.Grade}
	if len(rep.Agencies) > 0 {
		for _, d := range rep.Agencies[0].Dimensions {
			head = append(head, l.dimensionLabel(d.ID, d.Title))
		}
	}
	head = append(head, l.Flags)
	rows := [][]string{head}
	for _, a := range rep.Agencies {
		row := []string{rankText(a.Rank), md(a.DisplayName(l.Lang)), fixed(a.Score), gradeLabel(rep, a.Grade, l.Lang)}
		for _, d := range a.Dimensions {
			row = append(row, fixed(d.Score))
		}
		row = append(row, strings.Join(flagNames(a, l), l.Sep))
		rows = append(rows, row)
	}
	table(&b, rows)

	for _, a := range rep.Agencies {
		fmt.Fprintf(&b, "\n## %s. %s\n\n", rankText(a.Rank), md(a.DisplayName(l.Lang)))
		if a.Score != nil {
			fmt.Fprintf(&b, "%s **%s** · %s **%s** · ", l.Score, fixed(a.Score), l.Grade, md(gradeLabel(rep, a.Grade, l.Lang)))
		} else {
			fmt.Fprintf(&b, "**%s** · ", l.NotScored)
		}
		fmt.Fprintf(&b, "%s %s · %d %s", l.Coverage, pct(a.Coverage), a.Inquiries, l.Inquiries)
		if a.AfterAsOf > 0 {
			fmt.Fprintf(&b, " (+%d %s)", a.AfterAsOf, l.Later)
		}
		fmt.Fprintf(&b, " · `%s`\n\n", a.AgencyID)
		for _, d := range a.Dimensions {
			fmt.Fprintf(&b, "### %s: %s\n\n", md(l.dimensionLabel(d.ID, d.Title)), fixed(d.Score))
			fmt.Fprintf(&b, "%s %s · %s %s · %s %s", l.Weight, exact(d.Weight), l.Effective, exact(d.EffectiveWeight),
				l.Contrib, exact(d.Contribution.Round(score.Places+2)))
			if d.CappedBy != "" {
				fmt.Fprintf(&b, " · %s `%s` (%s → %s)", l.CappedBy, d.CappedBy, fixed(d.Uncapped), fixed(d.Score))
			}
			b.WriteString("\n\n")
			rows := [][]string{{l.Criterion, l.Measure, l.Interval, l.N, l.Points, l.Weight, l.Contrib, l.Status}}
			for _, c := range d.Criteria {
				rows = append(rows, []string{
					l.criterionLabel(c) + " `" + c.ID + "`", l.measure(c), l.interval(c), itoa(c.Measure.N),
					fixed(c.Points), exact(c.EffectiveWeight), exact(c.Contribution.Round(score.Places + 2)), l.status(c.Status),
				})
			}
			table(&b, rows)
			b.WriteString("\n")
		}
		if len(a.Flags) > 0 {
			fmt.Fprintf(&b, "%s:\n\n", l.Flags)
			for _, f := range a.Flags {
				node := ""
				if f.Node != "" {
					node = " `" + f.Node + "`"
				}
				fmt.Fprintf(&b, "- **%s**%s: %s\n", l.flagName(f.Code), node, md(f.Detail))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// table writes rows as a Markdown table, the first row its head; a
// criterion's ID in backquotes is left as code.
func table(b *strings.Builder, rows [][]string) {
	for i, row := range rows {
		cells := make([]string, len(row))
		for j, c := range row {
			cells[j] = cell(c)
		}
		b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
		if i == 0 {
			b.WriteString("|" + strings.Repeat(" --- |", len(row)) + "\n")
		}
	}
}

// cell escapes what would break a table cell.
func cell(s string) string {
	s = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
	return s
}

// md escapes the characters that Markdown would read as markup in text
// that comes from the data (names, details).
func md(s string) string {
	return strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", "&lt;", "#", `\#`, "\n", " ").Replace(s)
}

func gradeLabel(rep *score.Report, id, lang string) string {
	if id == "" {
		return "–"
	}
	for _, g := range rep.Grades {
		if g.ID == id {
			return g.Label(lang)
		}
	}
	return id
}

// flagNames are the agency's distinct flag codes, in the language.
func flagNames(a score.AgencyScore, l labels) []string {
	var out []string
	seen := map[score.FlagCode]bool{}
	for _, f := range a.Flags {
		if !seen[f.Code] {
			seen[f.Code] = true
			out = append(out, l.flagName(f.Code))
		}
	}
	return out
}
