package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/safe"
)

// trendLabels are the words of a trend's rendering in one language.
type trendLabels struct {
	Title, Periods, Period, Start, End, CutOff, Status  string
	FollowUp, Days, Provisional, Final, Scores, Movers  string
	Rises, Falls, Change, Significant, MoversNote       string
	LogRank, Multiples, MultiplesNote, NoRises, NoFalls string
	Outside, NeverScored, Arrow                         string
	Notes                                               map[score.PeriodNote]string
}

var trendEnglish = trendLabels{
	Title: "Digital governance trend", Periods: "Periods", Period: "Period", Start: "Start", End: "End",
	CutOff: "Observed until", Status: "Status", FollowUp: "Follow-up", Days: "days",
	Provisional: "provisional", Final: "final", Scores: "Score and rank by period", Movers: "Movers",
	Rises: "Largest rises", Falls: "Largest falls", Change: "Change", Significant: "Significant changes",
	MoversNote: "Significant at 5%: a rate whose Newcombe 95% interval of the change leaves out 0, or times to reply whose log-rank test gives p < 0.05.",
	LogRank:    "log-rank test", Multiples: "Each agency over time",
	MultiplesNote: "One panel per agency: its overall score by period, 0 to 100, with its rank under each point. A hollow point is a provisional period; a gap, a period in which it was not scored.",
	NoRises:       "No agency's score rose.", NoFalls: "No agency's score fell.",
	Outside:     "inquiries were received outside every period and not scored.",
	NeverScored: "Not scored in any period",
	Arrow:       "→",
	Notes: map[score.PeriodNote]string{
		score.NoteFollowUp:            "its follow-up was not over at the cut-off",
		score.NoteEndsAfterAsOf:       "it ends after the cut-off",
		score.NoteStartsBeforeRecords: "it starts before the first record",
	},
}

var trendArabic = trendLabels{
	Title: "اتجاه أداء الحوكمة الرقمية", Periods: "الفترات", Period: "الفترة", Start: "البداية", End: "النهاية",
	CutOff: "رُصدت حتى", Status: "الحالة", FollowUp: "مدة المتابعة", Days: "يومًا",
	Provisional: "مؤقتة", Final: "نهائية", Scores: "الدرجة والترتيب حسب الفترة", Movers: "الأكثر تغيرًا",
	Rises: "أكبر الارتفاعات", Falls: "أكبر الانخفاضات", Change: "التغير", Significant: "تغيرات ذات دلالة",
	MoversNote: "ذات دلالة عند مستوى 5%: نسبة لا تشمل فترةُ ثقة نيوكومب 95% لتغيرها الصفرَ، أو أزمنة رد يعطي اختبار الرتب اللوغاريتمي لها p < 0.05.",
	LogRank:    "اختبار الرتب اللوغاريتمي", Multiples: "كل جهة عبر الزمن",
	MultiplesNote: "لوحة لكل جهة: درجتها الكلية في كل فترة من 0 إلى 100، وترتيبها تحت كل نقطة. النقطة المفرغة فترة مؤقتة، والانقطاع فترة لم تُقيَّم فيها.",
	NoRises:       "لم ترتفع درجة أي جهة.", NoFalls: "لم تنخفض درجة أي جهة.",
	Outside:     "استفسارًا وردت خارج كل الفترات ولم تُقيَّم.",
	NeverScored: "لم تُقيَّم في أي فترة",
	Arrow:       "←", // from the first value, on the right, to the second
	Notes: map[score.PeriodNote]string{
		score.NoteFollowUp:            "لم تنته مدة متابعتها عند تاريخ الرصد",
		score.NoteEndsAfterAsOf:       "تنتهي بعد تاريخ الرصد",
		score.NoteStartsBeforeRecords: "تبدأ قبل أول سجل",
	},
}

func trendLabelsFor(lang string) trendLabels {
	if lang == "ar" {
		return trendArabic
	}
	return trendEnglish
}

// moversShown is how many rises and falls a rendering lists.
const moversShown = 5

// mover is one agency's change between the trend's last two periods.
type mover struct {
	ID, Name, From, To, Change, RankFrom, RankTo string
	Significant                                  []sigChange
	change                                       decimal.Decimal
}

// sigChange is a criterion's significant change: its label, its values
// in the two periods, and the test when it is not the rates' (the
// log-rank test).
type sigChange struct{ Label, From, To, Test string }

// text writes the change as "label from → to (test)", the arrow in the
// direction of reading.
func (c sigChange) text(tl trendLabels) string {
	s := c.Label + " " + c.From + " " + tl.Arrow + " " + c.To
	if c.Test != "" {
		s += " (" + c.Test + ")"
	}
	return s
}

// movers returns the largest rises and falls of the overall score between
// the trend's last two periods, among agencies scored in both, each with
// its criteria whose change is significant; from and to are the periods'
// labels, empty when the trend has one period. Every string from the data
// is made safe to print.
func movers(tr *score.Trend, l labels, tl trendLabels) (rises, falls []mover, from, to string) {
	n := len(tr.Periods)
	if n < 2 {
		return nil, nil, "", ""
	}
	fromLabel, toLabel := tr.Periods[n-2].Label, tr.Periods[n-1].Label
	crit := map[string]score.CriterionScore{} // by ID, for labels: every agency lists every criterion
	if as := tr.Periods[n-1].Report.Agencies; len(as) > 0 {
		for _, d := range as[0].Dimensions {
			for _, c := range d.Criteria {
				crit[c.ID] = c
			}
		}
	}
	names := map[string]string{}
	for _, a := range tr.Periods[n-1].Report.Agencies {
		names[a.AgencyID] = agencyName(a, l.Lang)
	}
	var all []mover
	for _, c := range tr.Changes {
		if c.From != fromLabel || c.To != toLabel || c.Score.Change == nil {
			continue
		}
		m := mover{ID: safe.Text(c.AgencyID), Name: names[c.AgencyID], From: fixed(c.Score.From), To: fixed(c.Score.To),
			Change: signed(*c.Score.Change), RankFrom: rankText(c.Rank.From), RankTo: rankText(c.Rank.To), change: *c.Score.Change}
		var curve *score.ChangeTest
		for _, cc := range c.Criteria {
			t := cc.Test
			if t == nil || !t.Significant {
				continue
			}
			label := l.criterionLabel(crit[cc.ID])
			if crit[cc.ID].ID == "" {
				label = safe.Text(cc.ID)
			}
			what := sigChange{Label: label, From: valueOr(l, cc.Metric, cc.Value.From), To: valueOr(l, cc.Metric, cc.Value.To)}
			if t.Method == score.TestLogRank {
				if curve != nil && curve.ChiSquare.Equal(*t.ChiSquare) {
					continue // the same curve, the same test
				}
				curve = t
				what.Test = tl.LogRank
			}
			m.Significant = append(m.Significant, what)
		}
		all = append(all, m)
	}
	slices.SortStableFunc(all, func(a, b mover) int {
		if c := b.change.Cmp(a.change); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	for _, m := range all {
		if m.change.Sign() > 0 && len(rises) < moversShown {
			rises = append(rises, m)
		}
	}
	for i := len(all) - 1; i >= 0 && len(falls) < moversShown; i-- {
		if all[i].change.Sign() < 0 {
			falls = append(falls, all[i])
		}
	}
	return rises, falls, safe.Text(fromLabel), safe.Text(toLabel)
}

// valueOr writes a measure's value in its metric's unit, or "not
// reached" for none.
func valueOr(l labels, m rubric.Metric, d *decimal.Decimal) string {
	if d == nil {
		return l.NotReached
	}
	return l.value(m, d)
}

// signed writes a change with its sign, to score.Places places.
func signed(d decimal.Decimal) string {
	if d.Sign() > 0 {
		return "+" + d.StringFixed(score.Places)
	}
	return d.StringFixed(score.Places)
}

// periodStatus says whether a period is final, or provisional and why.
func periodStatus(p score.Period, tl trendLabels, sep string) string {
	if !p.Provisional {
		return tl.Final
	}
	var why []string
	for _, n := range p.Notes {
		if t := tl.Notes[n]; t != "" {
			why = append(why, t)
		} else {
			why = append(why, safe.Text(string(n)))
		}
	}
	return tl.Provisional + ": " + strings.Join(why, sep)
}

// trendAgencies returns the IDs of every agency of the trend, sorted, and
// each one's name, made safe to print, and score by period.
func trendAgencies(tr *score.Trend, lang string) ([]string, map[string]string, []map[string]*score.AgencyScore) {
	names := map[string]string{}
	var ids []string
	by := make([]map[string]*score.AgencyScore, len(tr.Periods))
	for i, p := range tr.Periods {
		by[i] = make(map[string]*score.AgencyScore, len(p.Report.Agencies))
		for j := range p.Report.Agencies {
			a := &p.Report.Agencies[j]
			by[i][a.AgencyID] = a
			if _, ok := names[a.AgencyID]; !ok {
				ids = append(ids, a.AgencyID)
			}
			names[a.AgencyID] = agencyName(*a, lang) // the latest name
		}
	}
	slices.Sort(ids)
	return ids, names, by
}

// WriteTrendMarkdown writes a trend: its periods and whether each is
// final, every agency's score and rank by period, and the movers between
// the last two periods (the largest rises and falls of the overall score,
// with the criteria whose change is significant at 5%). Its layout may
// change between releases; programs should read the CSV or JSON
// encodings.
func WriteTrendMarkdown(w io.Writer, tr *score.Trend, opts Options) error {
	l, tl := opts.labels(), trendLabelsFor(opts.Lang)
	title := tl.Title
	if opts.Title != "" {
		title = opts.Title
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n", md(title))
	if len(tr.Periods) > 0 {
		rep := tr.Periods[0].Report
		fmt.Fprintf(&b, "%s: %s %s (%s) · ", l.Rubric, md(rep.Rubric.ID), md(rep.Rubric.Version), code(rep.Rubric.Hash))
	}
	fmt.Fprintf(&b, "%s: %s · %s: %d %s\n\n", l.AsOf, tr.AsOf.Format("2006-01-02 15:04 -07:00"), tl.FollowUp, tr.FollowUpDays, tl.Days)
	if tr.Outside > 0 {
		fmt.Fprintf(&b, "%d %s\n\n", tr.Outside, tl.Outside)
	}

	fmt.Fprintf(&b, "## %s\n\n", tl.Periods)
	rows := [][]string{{tl.Period, tl.Start, tl.End, tl.CutOff, tl.Status}}
	for _, p := range tr.Periods {
		rows = append(rows, []string{md(p.Label), stamp(p.Start), stamp(p.End), stamp(p.CutOff), md(periodStatus(p.Period, tl, l.Sep))})
	}
	table(&b, rows)

	fmt.Fprintf(&b, "\n## %s\n\n", tl.Scores)
	head := []string{l.Agency}
	for _, p := range tr.Periods {
		label := md(p.Label)
		if p.Provisional {
			label += " *"
		}
		head = append(head, label)
	}
	rows = [][]string{head}
	ids, names, by := trendAgencies(tr, l.Lang)
	for _, id := range ids {
		row := []string{md(names[id])}
		for i := range tr.Periods {
			cell := "–"
			if a := by[i][id]; a != nil && a.Score != nil {
				cell = fixed(a.Score) + " (" + rankText(a.Rank) + ")"
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	table(&b, rows)

	rises, falls, from, to := movers(tr, l, tl)
	if from != "" {
		from, to := md(from), md(to)
		fmt.Fprintf(&b, "\n## %s%s%s %s %s\n\n%s\n", tl.Movers, l.Sep, from, tl.Arrow, to, tl.MoversNote)
		for _, part := range moverParts(tl, rises, falls) {
			fmt.Fprintf(&b, "\n### %s\n\n", part.Title)
			if len(part.Movers) == 0 {
				fmt.Fprintf(&b, "%s\n", part.None)
				continue
			}
			rows := [][]string{{l.Agency, from, to, tl.Change, l.Rank, tl.Significant}}
			for _, m := range part.Movers {
				sig := make([]string, len(m.Significant))
				for i, s := range m.Significant {
					sig[i] = md(s.text(tl))
				}
				rows = append(rows, []string{md(m.Name), m.From, m.To, m.Change, m.RankFrom + " " + tl.Arrow + " " + m.RankTo, strings.Join(sig, l.Sep)})
			}
			table(&b, rows)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// stamp writes an instant for a table of periods.
func stamp(t interface{ Format(string) string }) string { return t.Format("2006-01-02 15:04 -07:00") }

//go:embed trend.tmpl
var trendSource string

var trendTemplate = template.Must(template.Must(template.New("trend").Parse(trendSource)).Parse(styleSource))

// WriteTrendHTML writes a trend as one self-contained HTML page, with no
// external assets and no script: its periods, a small chart per agency of
// its score and rank by period (small multiples on one scale, each with a
// text alternative), and the movers of [WriteTrendMarkdown]. With Lang
// "ar" the labels are Arabic and the page right-to-left, its time axes
// running from right to left. Its layout may change between releases.
func WriteTrendHTML(w io.Writer, tr *score.Trend, opts Options) error {
	return writePage(w, trendTemplate, newTrendPage(tr, opts), opts.Digits)
}

// trendPage is what trend.tmpl renders.
type trendPage struct {
	L              labels
	T              trendLabels
	Title, Outside string
	Rubric, AsOf   string
	FollowUp       int
	Scores         [][]string // the table of scores and ranks: a head row, then a row per agency
	Periods        []trendPeriod
	Panels         []panel
	From, To       string
	Parts          []moverPart // the rises, then the falls
}

type moverPart struct {
	Title, None string // None says there are no movers
	Movers      []mover
}

// moverParts are the rises, then the falls.
func moverParts(tl trendLabels, rises, falls []mover) []moverPart {
	return []moverPart{{tl.Rises, tl.NoRises, rises}, {tl.Falls, tl.NoFalls, falls}}
}

type trendPeriod struct{ Label, Start, End, CutOff, Status string }

// panel is one agency's small chart.
type panel struct {
	ID, Name, Desc string
	W, H           string
	Grid           []line
	Scale          []tick // 0, 50 and 100 points
	Axis           []tick // the periods' labels
	Empty          string // what the panel says when the agency was never scored
	Segments       []line // between consecutive scored periods
	Points         []panelPoint
}

type panelPoint struct {
	X, Y, RankY, Rank, Title string
	Hollow                   bool
}

// The small multiples' geometry.
const (
	panelW, panelH     = 300.0, 150.0
	panelLeft          = 34.0 // the scale's labels end here
	panelInset         = 16.0 // the first period's x is this far right of panelLeft
	panelRight         = 28.0
	panelTop, panelBot = 12.0, 116.0 // the y of 100 and 0 points
)

func newTrendPage(tr *score.Trend, opts Options) *trendPage {
	l, tl := opts.labels(), trendLabelsFor(opts.Lang)
	p := &trendPage{L: l, T: tl, Title: tl.Title}
	if opts.Title != "" {
		p.Title = l.Title // made safe by opts.labels
	}
	if len(tr.Periods) > 0 {
		r := tr.Periods[0].Report.Rubric
		p.Rubric = safe.Text(r.ID) + " " + safe.Text(r.Version)
	}
	p.AsOf, p.FollowUp = stamp(tr.AsOf), tr.FollowUpDays
	if tr.Outside > 0 {
		p.Outside = fmt.Sprintf("%d %s", tr.Outside, tl.Outside)
	}
	periodLabels := make([]string, len(tr.Periods)) // made safe to print
	for i, pr := range tr.Periods {
		periodLabels[i] = safe.Text(pr.Label)
		p.Periods = append(p.Periods, trendPeriod{Label: periodLabels[i], Start: stamp(pr.Start), End: stamp(pr.End),
			CutOff: stamp(pr.CutOff), Status: periodStatus(pr.Period, tl, l.Sep)})
	}
	g := layout{w: panelW, rtl: l.Dir == "rtl"}
	n := len(tr.Periods)
	xOf := func(i int) float64 {
		if n == 1 {
			return (panelLeft + panelInset + panelW - panelRight) / 2
		}
		return panelLeft + panelInset + float64(i)*(panelW-panelLeft-panelInset-panelRight)/float64(n-1)
	}
	yOf := func(d *decimal.Decimal) float64 { return panelBot - (panelBot-panelTop)*d.InexactFloat64()/100 }
	ids, names, by := trendAgencies(tr, l.Lang)
	head := []string{l.Agency}
	for i, pr := range tr.Periods {
		label := periodLabels[i]
		if pr.Provisional {
			label += " *"
		}
		head = append(head, label)
	}
	p.Scores = [][]string{head}
	for _, id := range ids {
		pn := panel{ID: safe.Text(id), Name: names[id], W: num(panelW), H: num(panelH)}
		row := []string{names[id]}
		for _, v := range []float64{0, 50, 100} {
			y := panelBot - (panelBot-panelTop)*v/100
			pn.Grid = append(pn.Grid, line{X1: g.x(panelLeft), Y1: num(y), X2: g.x(panelW - panelRight), Y2: num(y)})
			pn.Scale = append(pn.Scale, tick{X: g.x(panelLeft - 4), Y: num(y + 4), Label: fmt.Sprint(v), Anchor: "end"})
		}
		var desc []string
		prev := -1
		for i, pr := range tr.Periods {
			if n <= 12 || i%((n+11)/12) == 0 || i == n-1 { // at most about 12 labels
				pn.Axis = append(pn.Axis, tick{X: g.x(xOf(i)), Y: num(panelH - 4), Label: periodLabels[i], Anchor: "middle"})
			}
			a := by[i][id]
			if a == nil || a.Score == nil {
				desc = append(desc, periodLabels[i]+": "+l.NotScored)
				row = append(row, "–")
				prev = -1
				continue
			}
			row = append(row, fixed(a.Score)+" ("+rankText(a.Rank)+")")
			y := yOf(a.Score)
			text := fmt.Sprintf("%s: %s %s, %s %s", periodLabels[i], l.Score, fixed(a.Score), l.Rank, rankText(a.Rank))
			if pr.Provisional {
				text += " (" + tl.Provisional + ")"
			}
			desc = append(desc, text)
			pn.Points = append(pn.Points, panelPoint{X: g.x(xOf(i)), Y: num(y), RankY: num(min(y+16, panelBot+12)),
				Rank: "#" + rankText(a.Rank), Title: text, Hollow: pr.Provisional})
			if prev >= 0 {
				pn.Segments = append(pn.Segments, line{X1: g.x(xOf(prev)), Y1: num(yOf(by[prev][id].Score)), X2: g.x(xOf(i)), Y2: num(y)})
			}
			prev = i
		}
		pn.Desc = strings.Join(desc, "; ")
		if len(pn.Points) == 0 {
			pn.Empty = tl.NeverScored
		}
		p.Panels = append(p.Panels, pn)
		p.Scores = append(p.Scores, row)
	}
	var rises, falls []mover
	rises, falls, p.From, p.To = movers(tr, l, tl)
	p.Parts = moverParts(tl, rises, falls)
	return p
}
