package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/safe"
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
	// Rubric, when set, is the standard the report was scored under: an
	// HTML page then ends with its methodology (dimensions, criteria,
	// weights, scales, gates, grades, rationales and hash), so that a
	// published ranking carries its own method. A rubric whose hash is not
	// the report's is left out.
	Rubric *rubric.Rubric
	// Digits are the digits an HTML page writes numbers in: Western
	// (0123456789, the default) or ArabicIndic (٠١٢٣٤٥٦٧٨٩). IDs, in code,
	// the markup, tooltips and the data (names, the standard's ID and
	// version, flag details, labels isolated in sentences) keep theirs:
	// only the page's own numbers change.
	Digits Digits
}

// Digits are the digits a page writes numbers in.
type Digits string

// The digits a page can use.
const (
	Western     Digits = ""             // 0123456789
	ArabicIndic Digits = "arabic-indic" // ٠١٢٣٤٥٦٧٨٩
)

func (o Options) labels() labels {
	l := labelsFor(o.Lang)
	if o.Title != "" {
		l.Title = safe.Text(o.Title)
	}
	return l
}

// WriteMarkdown writes a scorecard: a summary in plain sentences, the
// ranking table, then one section per
// agency with its dimensions, its criteria (measure, interval, n, points,
// weight, contribution) and its flags. Its layout may change between
// releases; programs should read the CSV or JSON encodings.
func WriteMarkdown(w io.Writer, rep *score.Report, opts Options) error {
	l := opts.labels()
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", md(l.Title))
	fmt.Fprintf(&b, "%s: %s %s (%s) · %s: %s\n\n", l.Rubric, md(rep.Rubric.ID), md(rep.Rubric.Version), code(rep.Rubric.Hash),
		l.AsOf, rep.AsOf.Format("2006-01-02 15:04 -07:00"))

	fmt.Fprintf(&b, "## %s\n\n", l.Summary)
	for _, st := range summarize(rep, l) {
		// The sentence's data (names, labels) was made safe when it was
		// put in; only Markdown's own characters are left to escape.
		fmt.Fprintf(&b, "- %s\n", mdEscaper.Replace(st.Text))
	}
	b.WriteString("\n")

	fmt.Fprintf(&b, "## %s\n\n", l.Ranking)
	head := []string{l.Rank, l.Agency, l.Score, l.Grade}
	if len(rep.Agencies) > 0 {
		for _, d := range rep.Agencies[0].Dimensions {
			head = append(head, md(l.dimensionLabel(d.ID, d.Title)))
		}
	}
	head = append(head, l.Flags)
	rows := [][]string{head}
	for _, a := range rep.Agencies {
		row := []string{rankText(a.Rank), md(agencyName(a, l.Lang)), fixed(a.Score), md(gradeLabel(rep, a.Grade, l.Lang))}
		for _, d := range a.Dimensions {
			row = append(row, fixed(d.Score))
		}
		names := flagNames(a, l)
		for i, n := range names {
			names[i] = md(n)
		}
		row = append(row, strings.Join(names, l.Sep))
		rows = append(rows, row)
	}
	table(&b, rows)

	for _, a := range rep.Agencies {
		fmt.Fprintf(&b, "\n## %s. %s\n\n", rankText(a.Rank), md(agencyName(a, l.Lang)))
		if a.Score != nil {
			fmt.Fprintf(&b, "%s **%s** · %s **%s** · ", l.Score, fixed(a.Score), l.Grade, md(gradeLabel(rep, a.Grade, l.Lang)))
		} else {
			fmt.Fprintf(&b, "**%s** · ", l.NotScored)
		}
		fmt.Fprintf(&b, "%s %s · %d %s", l.Coverage, pct(a.Coverage), a.Inquiries, l.Inquiries)
		if a.AfterAsOf > 0 {
			fmt.Fprintf(&b, " (+%d %s)", a.AfterAsOf, l.Later)
		}
		fmt.Fprintf(&b, " · %s\n\n", code(a.AgencyID))
		for _, d := range a.Dimensions {
			fmt.Fprintf(&b, "### %s: %s\n\n", md(l.dimensionLabel(d.ID, d.Title)), fixed(d.Score))
			fmt.Fprintf(&b, "%s %s · %s %s · %s %s", l.Weight, exact(d.Weight), l.Effective, exact(d.EffectiveWeight),
				l.ToScore, exact(d.Contribution.Round(score.Places+2)))
			if d.CappedBy != "" {
				fmt.Fprintf(&b, " · %s %s (%s → %s)", l.CappedBy, code(d.CappedBy), fixed(d.Uncapped), fixed(d.Score))
			}
			b.WriteString("\n\n")
			rows := [][]string{{l.Criterion, l.Measure, l.Interval, l.N, l.Points, l.Weight, l.ToDimension, l.Status}}
			for _, c := range d.Criteria {
				rows = append(rows, []string{
					md(l.criterionLabel(c)) + " " + code(c.ID), l.measure(c), l.interval(c), itoa(c.Measure.N),
					fixed(c.Points), exact(c.EffectiveWeight), exact(c.Contribution.Round(score.Places + 2)), md(l.status(c.Status)),
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
					node = " " + code(f.Node)
				}
				fmt.Fprintf(&b, "- **%s**%s: %s\n", md(l.flagName(f.Code)), node, md(f.Text(l.Lang)))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// table writes rows as a Markdown table, the first row its head. The
// cells are Markdown already (text from the data through md, IDs through
// code); table escapes what would break the table (see cell).
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

// cell escapes what would break a table cell: a pipe, which GitHub's
// tables read as escaped when a backslash comes before it, even in a code
// span; and a line break, which md and code never leave but the renderer's
// own text might.
func cell(s string) string {
	return cellEscaper.Replace(s)
}

var cellEscaper = strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ")

// md writes text that comes from the data (a name, a title, a detail, a
// label) as Markdown that reads as that text and nothing else: made safe
// to print ([safe.Text]: no line break, control or bidirectional
// character is left), with a backslash before each character Markdown
// would read as markup (backslash, emphasis, strikethrough, code, link
// brackets, heading) and <, > and & as character references, so that
// neither a tag nor a reference such as &#x202e; gets through; and the
// slashes of :// and the w of www. as references too, so that no web
// address in the data becomes a link (GitHub links https://... and
// www.... in text). An e-mail address in the data is left as it is. Data never starts a line,
// so list and quote markers cannot take effect; pipes are escaped by cell,
// in tables, the only place they mean anything.
func md(s string) string {
	return mdEscaper.Replace(safe.Text(s))
}

var mdEscaper = strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`,
	"<", "&lt;", ">", "&gt;", "&", "&amp;", "#", `\#`, "~", `\~`,
	// GitHub links addresses in text (extended autolinks): their
	// characters as references, which read the same, are never linked.
	"://", ":&#47;&#47;", "www.", "&#119;ww.", "WWW.", "&#87;WW.")

// code writes an ID that comes from the data as a Markdown code span that
// nothing in it can end or break out of: made safe to print (so it holds
// no line break), fenced with one backquote more than its longest run of
// backquotes, and with a space inside each fence when it starts or ends
// with a backquote or a space, which CommonMark would otherwise take as
// part of the fence or strip. Inside a code span, <, & and the markup
// characters are plain text. An empty ID is written as nothing.
func code(s string) string {
	s = safe.Text(s)
	if s == "" {
		return ""
	}
	run, longest := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] != '`' {
			run = 0
			continue
		}
		run++
		longest = max(longest, run)
	}
	if first, last := s[0], s[len(s)-1]; first == '`' || last == '`' || first == ' ' || last == ' ' {
		s = " " + s + " "
	}
	fence := strings.Repeat("`", longest+1)
	return fence + s + fence
}

// gradeLabel is a grade's label in the language, made safe to print; "–"
// for none.
func gradeLabel(rep *score.Report, id, lang string) string {
	if id == "" {
		return "–"
	}
	for _, g := range rep.Grades {
		if g.ID == id {
			return safe.Text(g.Label(lang))
		}
	}
	return safe.Text(id)
}

// agencyName is the agency's name in the language (see
// [score.AgencyScore.DisplayName]), made safe to print.
func agencyName(a score.AgencyScore, lang string) string {
	return safe.Text(a.DisplayName(lang))
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
