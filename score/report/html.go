package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/safe"
)

//go:embed html.tmpl
var htmlSource string

// styleSource is the style sheet the report's and the trend's pages
// share, as the template "style".
//
//go:embed style.tmpl
var styleSource string

var htmlTemplate = template.Must(template.Must(template.New("report").Parse(htmlSource)).Parse(styleSource))

// WriteHTML writes the report as one self-contained HTML page: no external
// assets and no script, its charts inline SVG. It holds a ranking chart
// coloured by grade, the contribution of each dimension to each score, the
// time-to-first-reply curves when the report carries them (see
// [score.Options.Curves]), and a card per agency with its explanation,
// flags and intervals. With Lang "ar" the labels are Arabic and the page
// and its charts right-to-left. Its layout may change between releases.
func WriteHTML(w io.Writer, rep *score.Report, opts Options) error {
	p := newPage(rep, opts.labels())
	p.Method = newMethod(rep, opts.Rubric, p.L)
	return writePage(w, htmlTemplate, p, opts.Digits)
}

// writePage executes the page template t with p, in the digits d.
func writePage(w io.Writer, t *template.Template, p any, d Digits) error {
	switch d {
	case Western:
		return t.Execute(w, p)
	case ArabicIndic:
		var b bytes.Buffer
		if err := t.Execute(&b, p); err != nil {
			return err
		}
		_, err := w.Write(arabicIndic(b.Bytes()))
		return err
	}
	return fmt.Errorf("report: digits %q: want %q or %q", d, Western, ArabicIndic)
}

// page is what the template renders; every coordinate is computed here,
// and every string from the data is made safe to print ([safe.Text])
// here, html/template escaping the markup.
type page struct {
	L             labels
	Rubric        score.RubricRef
	AsOf          string
	Ranking       barChart
	Grades        []swatch
	Stack         barChart
	Additive      bool
	Dimensions    []swatch
	Curves        *curves
	Cards         []card
	Scored, Total int
	Summary       []sentence
	Method        *method
}

type swatch struct{ Label, Color string }

// barChart is a chart of one row per agency.
type barChart struct {
	W, H string
	Rows []barRow
	Desc string // the chart as text, for readers who cannot see it
}

type barRow struct {
	Lines                  []tick // the name, wrapped to fit, a line each
	FullName               string
	NameX, TextY           string
	Track                  rect
	Segments               []rect
	Label, LabelX, ID, Dir string
}

type rect struct{ X, Y, W, H, Color, Title string }

// curves are the reply curves as small multiples, with their table.
type curves struct {
	W, H           string
	Frame          panelFrame
	Focus, Context string // colours
	Panels         []curvePanel
	Rows           []curveRow
}

// panelFrame is what every panel draws behind the curves.
type panelFrame struct {
	Grid   []line
	XTicks []tick
	YTicks []tick
	Axis   line
}

// curvePanel is one agency's panel: its curve (Path) over the others'.
type curvePanel struct {
	ID, Name, Desc, Path string
	Others               []string
}

// curveRow is one agency's row of the curves' table.
type curveRow struct{ Name, N, Answered, WithinDay, Unanswered string }

type line struct{ X1, Y1, X2, Y2 string }
type tick struct{ X, Y, Label, Anchor string }

type card struct {
	ID, Name, Rank, Score, Grade, Color string
	TextColor                           string // of text on Color
	Coverage, Inquiries, Later          string
	Dimensions                          []cardDim
	Flags                               []cardFlag
	Curve                               string
}

// cardDim is a dimension's row of a card: Effective is its weight in the
// score as a percentage, EffectiveExact the exact weight, and
// Contribution the points it adds to the score.
type cardDim struct {
	Label, Score, Effective, EffectiveExact, Contribution, ContributionExact, Capped string
	Criteria                                                                         []cardCrit
}

// cardCrit is a criterion's row: Weight is its weight in its dimension
// as a percentage, and Contribution the points it adds to the
// dimension's score.
type cardCrit struct {
	Label, ID, Measure, Interval, N, Points, Weight, WeightExact, Contribution, ContributionExact, Status string
	Used                                                                                                  bool
}

type cardFlag struct{ Name, Node, Detail string }

// layout mirrors x coordinates for right-to-left pages: a chart is drawn
// left-to-right and flipped, text anchors kept (they follow the
// inherited direction).
type layout struct {
	w   float64
	rtl bool
}

func (g layout) x(x float64) string {
	if g.rtl {
		return num(g.w - x)
	}
	return num(x)
}

func (g layout) rect(x, y, w, h float64, color, title string) rect {
	if g.rtl {
		x = g.w - x - w
	}
	return rect{X: num(x), Y: num(y), W: num(w), H: num(h), Color: color, Title: title}
}

const (
	chartW   = 1000.0
	rowH     = 30.0
	nameEnd  = 340.0 // names end here
	barStart = 350.0
	barMax   = 520.0 // the width of 100 points
	nameMax  = 46    // longer names are wrapped in charts (in runes a line)
	lineH    = 15.0  // the height of a line of a wrapped name
)

func newPage(rep *score.Report, l labels) *page {
	p := &page{L: l, Rubric: rep.Rubric, AsOf: rep.AsOf.Format("2006-01-02 15:04 -07:00"), Total: len(rep.Agencies)}
	p.Rubric.ID, p.Rubric.Title, p.Rubric.Version, p.Rubric.Hash = safe.Text(p.Rubric.ID), safe.Text(p.Rubric.Title),
		safe.Text(p.Rubric.Version), safe.Text(p.Rubric.Hash)
	g := layout{w: chartW, rtl: l.Dir == "rtl"}
	colors := gradeColors(rep.Grades)
	for _, gr := range sortedGrades(rep.Grades) {
		p.Grades = append(p.Grades, swatch{Label: safe.Text(gr.Label(l.Lang)), Color: colors[gr.ID]})
	}
	dimColors := map[rubric.DimensionID]string{}
	if len(rep.Agencies) > 0 {
		for i, d := range rep.Agencies[0].Dimensions {
			c := dimensionPalette[i%len(dimensionPalette)]
			dimColors[d.ID] = c
			p.Dimensions = append(p.Dimensions, swatch{Label: l.dimensionLabel(d.ID, d.Title), Color: c})
		}
	}
	p.Additive = rep.Aggregation == "" || rep.Aggregation == rubric.Arithmetic
	y := 5.0
	var rankDesc, stackDesc []string
	for _, a := range rep.Agencies {
		name := agencyName(a, l.Lang)
		lines := wrap(name, nameMax)
		rh := max(rowH, 12+lineH*float64(len(lines)))
		row := barRow{FullName: name, NameX: g.x(nameEnd), TextY: num(y + rh/2 + 5), LabelX: g.x(barStart + barMax + 10), ID: safe.Text(a.AgencyID)}
		first := y + rh/2 + 5 - lineH*float64(len(lines)-1)/2
		for k, ln := range lines {
			row.Lines = append(row.Lines, tick{X: g.x(nameEnd), Y: num(first + lineH*float64(k)), Label: ln})
		}
		by := y + (rh-rowH)/2 // the bars keep their height, centred in a taller row
		row.Track = g.rect(barStart, by+4, barMax, rowH-8, "#eeeeee", "")
		stack := row
		if a.Score != nil {
			p.Scored++
			sw := barMax * a.Score.InexactFloat64() / 100
			row.Segments = []rect{g.rect(barStart, by+4, sw, rowH-8, colors[a.Grade], gradeLabel(rep, a.Grade, l.Lang))}
			row.Label = fixed(a.Score) + " · " + l.RankOf + " " + rankText(a.Rank)
			x := barStart
			for _, d := range a.Dimensions {
				if d.Contribution.Sign() <= 0 {
					continue
				}
				w := barMax * d.Contribution.InexactFloat64() / 100
				stack.Segments = append(stack.Segments, g.rect(x, by+4, w, rowH-8, dimColors[d.ID],
					l.dimensionLabel(d.ID, d.Title)+": "+d.Contribution.Round(score.Places).String()))
				x += w
			}
			stack.Label = fixed(a.Score)
		} else {
			row.Label, stack.Label = l.NotScored, l.NotScored
		}
		p.Ranking.Rows = append(p.Ranking.Rows, row)
		p.Stack.Rows = append(p.Stack.Rows, stack)
		// Names and labels from the data are isolated, so that one written
		// right to left does not take the numbers next to it along.
		rankDesc = append(rankDesc, isolate(name)+": "+row.Label)
		var parts []string
		for _, d := range a.Dimensions {
			if a.Score != nil && d.Contribution.Sign() > 0 {
				parts = append(parts, isolate(l.dimensionLabel(d.ID, d.Title))+": "+d.Contribution.Round(score.Places).String())
			}
		}
		stackDesc = append(stackDesc, isolate(name)+": "+stack.Label+" ("+strings.Join(parts, l.Sep)+")")
		y += rh
	}
	p.Ranking.Desc, p.Stack.Desc = strings.Join(rankDesc, "; "), strings.Join(stackDesc, "; ")
	p.Ranking.W, p.Ranking.H = num(chartW), num(y+5)
	p.Stack.W, p.Stack.H = p.Ranking.W, p.Ranking.H
	p.Curves = newCurves(rep, l, g)
	p.Summary = summarize(rep, l)
	for _, a := range rep.Agencies {
		p.Cards = append(p.Cards, newCard(rep, a, l, colors))
	}
	return p
}

func newCard(rep *score.Report, a score.AgencyScore, l labels, colors map[string]string) card {
	c := card{ID: safe.Text(a.AgencyID), Name: agencyName(a, l.Lang), Rank: rankText(a.Rank), Score: fixed(a.Score),
		Grade: gradeLabel(rep, a.Grade, l.Lang), Color: colors[a.Grade], Coverage: pct(a.Coverage), Inquiries: itoa(a.Inquiries)}
	if a.Score == nil {
		c.Grade, c.Color = l.NotScored, "#767676"
	}
	c.TextColor = textOn(c.Color)
	if a.AfterAsOf > 0 {
		c.Later = itoa(a.AfterAsOf)
	}
	for _, d := range a.Dimensions {
		cd := cardDim{Label: l.dimensionLabel(d.ID, d.Title), Score: fixed(d.Score),
			Effective: weightPct(d.EffectiveWeight), EffectiveExact: l.ExactWeight + " " + exact(d.EffectiveWeight),
			Contribution: fixed(&d.Contribution), ContributionExact: exact(d.Contribution.Round(score.Places + 2))}
		if d.CappedBy != "" {
			cd.Capped = l.CappedBy + " " + safe.Text(d.CappedBy) + ": " + fixed(d.Uncapped) + " → " + fixed(d.Score)
		}
		for _, cr := range d.Criteria {
			cd.Criteria = append(cd.Criteria, cardCrit{Label: l.criterionLabel(cr), ID: safe.Text(cr.ID), Measure: l.measure(cr),
				Interval: l.interval(cr), N: itoa(cr.Measure.N), Points: fixed(cr.Points),
				Weight: weightPct(cr.EffectiveWeight), WeightExact: l.ExactWeight + " " + exact(cr.EffectiveWeight),
				Contribution: fixed(&cr.Contribution), ContributionExact: exact(cr.Contribution.Round(score.Places + 2)),
				Status: l.status(cr.Status), Used: cr.Status == score.StatusScored})
		}
		c.Dimensions = append(c.Dimensions, cd)
	}
	for _, f := range a.Flags {
		c.Flags = append(c.Flags, cardFlag{Name: l.flagName(f.Code), Node: safe.Text(f.Node), Detail: safe.Text(f.Text(l.Lang))})
	}
	if cv := a.Curve; cv != nil {
		c.Curve = l.Answered + " " + itoa(cv.Answered) + " · " + l.Unanswered + " " + itoa(cv.Censored)
	}
	return c
}

// Reply-curve panel geometry: the plot area of each small multiple, in
// chart coordinates before mirroring.
const (
	curvePanelW, curvePanelH              = 320.0, 190.0
	curveL, curveR, curveTop, curveBottom = 40.0, 310.0, 8.0, 160.0
)

// timeTicks are the candidate ticks of the log time axis, in hours; the
// panels label panelTicks of them.
var (
	timeTicks  = []float64{0.25, 1, 6, 24, 168, 720, 2160, 8760}
	panelTicks = map[float64]bool{1: true, 24: true, 720: true}
)

// newCurves draws the reply curves as small multiples: a panel per agency
// with a curve, the agency's own in focus over every other in grey, on a
// shared log time axis, each with a title and a description; and a table
// of what each curve says, as their text alternative.
func newCurves(rep *score.Report, l labels, g layout) *curves {
	minH, maxH := math.Inf(1), 0.0
	for _, a := range rep.Agencies {
		if a.Curve == nil || a.Curve.N == 0 {
			continue
		}
		maxH = max(maxH, a.Curve.MaxHours.InexactFloat64())
		for _, s := range a.Curve.Steps {
			if h := s.Hours.InexactFloat64(); h > 0 {
				minH = min(minH, h)
				break
			}
		}
	}
	if maxH == 0 && math.IsInf(minH, 1) {
		return nil
	}
	lo, hi := 1.0, timeTicks[len(timeTicks)-1]
	for _, t := range timeTicks {
		if t <= minH {
			lo = t
		}
	}
	for i := len(timeTicks) - 1; i >= 0; i-- {
		if timeTicks[i] >= maxH {
			hi = timeTicks[i]
		}
	}
	hi = max(hi, maxH, lo*10)
	g.w = curvePanelW
	xOf := func(h float64) float64 {
		h = min(max(h, lo), hi)
		return curveL + (curveR-curveL)*math.Log(h/lo)/math.Log(hi/lo)
	}
	yOf := func(s float64) float64 { return curveBottom - (curveBottom-curveTop)*s }
	pathOf := func(cv *score.Curve) string {
		d := "M" + g.x(xOf(lo)) + " " + num(yOf(1))
		for _, s := range cv.Steps {
			d += " H" + g.x(xOf(s.Hours.InexactFloat64())) + " V" + num(yOf(s.Survival.InexactFloat64()))
		}
		return d + " H" + g.x(xOf(cv.MaxHours.InexactFloat64()))
	}

	// What every panel shares: the grid, the ticks and the other curves.
	var frame panelFrame
	for _, t := range timeTicks {
		if t < lo || t > hi {
			continue
		}
		x := xOf(t)
		frame.Grid = append(frame.Grid, line{X1: g.x(x), Y1: num(curveTop), X2: g.x(x), Y2: num(curveBottom)})
		if panelTicks[t] {
			frame.XTicks = append(frame.XTicks, tick{X: g.x(x), Y: num(curveBottom + 15), Label: l.Ticks[t], Anchor: "middle"})
		}
	}
	for _, s := range []float64{0, 0.5, 1} {
		y := yOf(s)
		frame.Grid = append(frame.Grid, line{X1: g.x(curveL), Y1: num(y), X2: g.x(curveR), Y2: num(y)})
		frame.YTicks = append(frame.YTicks, tick{X: g.x(curveL - 4), Y: num(y + 4), Label: decimal.NewFromFloat(s*100).String() + "%", Anchor: "end"})
	}
	frame.Axis = line{X1: g.x(curveL), Y1: num(curveBottom), X2: g.x(curveR), Y2: num(curveBottom)}

	ch := &curves{W: num(curvePanelW), H: num(curvePanelH), Frame: frame, Focus: focusColor, Context: contextColor}
	all := make([]string, len(rep.Agencies))
	for i, a := range rep.Agencies {
		if a.Curve != nil && a.Curve.N > 0 {
			all[i] = pathOf(a.Curve)
		}
	}
	for i, a := range rep.Agencies {
		cv := a.Curve
		if cv == nil || cv.N == 0 {
			continue
		}
		name := agencyName(a, l.Lang)
		within := pct(decimal.NewFromInt(1).Sub(survivalAt(cv, 24)))
		unanswered := pct(decimal.NewFromInt(int64(cv.Censored)).Div(decimal.NewFromInt(int64(cv.N))))
		p := curvePanel{ID: "curve-" + itoa(i), Name: name, Path: all[i],
			Desc: fmt.Sprintf(l.CurveDesc, cv.N, cv.Answered, within, unanswered)}
		for j, d := range all {
			if j != i && d != "" {
				p.Others = append(p.Others, d)
			}
		}
		ch.Panels = append(ch.Panels, p)
		ch.Rows = append(ch.Rows, curveRow{Name: name, N: itoa(cv.N), Answered: itoa(cv.Answered), WithinDay: within, Unanswered: unanswered})
	}
	return ch
}

// survivalAt returns the curve's share still unanswered at h hours: the
// survival of the last step at or before h, 1 before the first.
func survivalAt(cv *score.Curve, h int64) decimal.Decimal {
	s := decimal.NewFromInt(1)
	limit := decimal.NewFromInt(h)
	for _, st := range cv.Steps {
		if st.Hours.GreaterThan(limit) {
			break
		}
		s = st.Survival
	}
	return s
}

// wrap cuts a name into lines of at most width runes, at spaces where it
// can, so that a chart shows it whole.
func wrap(name string, width int) []string {
	var lines []string
	var cur []rune
	for _, word := range strings.Fields(name) {
		w := []rune(word)
		if len(cur) > 0 && len(cur)+1+len(w) > width {
			lines, cur = append(lines, string(cur)), nil
		}
		for len(w) > width { // a word longer than a line
			if len(cur) > 0 {
				lines, cur = append(lines, string(cur)), nil
			}
			lines, w = append(lines, string(w[:width])), w[width:]
		}
		if len(cur) > 0 {
			cur = append(cur, ' ')
		}
		cur = append(cur, w...)
	}
	if len(cur) > 0 || len(lines) == 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// gradeColors gives each grade a colour from green (the highest band) to
// red (the lowest).
func gradeColors(gs []rubric.Grade) map[string]string {
	sorted := sortedGrades(gs)
	out := make(map[string]string, len(sorted))
	for i, g := range sorted {
		k := 0
		if len(sorted) > 1 {
			k = int(math.Round(float64(i) * float64(len(gradePalette)-1) / float64(len(sorted)-1)))
		}
		out[g.ID] = gradePalette[k]
	}
	return out
}

// sortedGrades are the grades from the highest band down.
func sortedGrades(gs []rubric.Grade) []rubric.Grade {
	s := slices.Clone(gs)
	slices.SortStableFunc(s, func(a, b rubric.Grade) int { return b.Min.Cmp(a.Min) })
	return s
}

// The palettes are Okabe and Ito's colours for colour-blind readers
// (Color Universal Design, 2008). TestPalettesForColourBlindReaders
// checks them: under each of protanopia, deuteranopia and tritanopia, as
// Machado, Oliveira and Fernandes (2009) simulate them, every two colours
// of a palette stay at least 15 apart in CIELAB (ΔE*ab).
var (
	// gradePalette runs from the highest band (blue) to the lowest
	// (vermillion).
	gradePalette     = []string{"#0072B2", "#56B4E9", "#F0E442", "#E69F00", "#D55E00"}
	dimensionPalette = []string{"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#F0E442"}
)

// Colours of the reply-curve panels: the agency of a panel in focus, the
// others as context.
const (
	focusColor   = "#0072B2"
	contextColor = "#c8c8c8"
)

// textOn returns the colour of text on the background c, "#rrggbb":
// black or white, whichever contrasts more with it (WCAG contrast ratio).
func textOn(c string) string {
	l := luminance(c)
	if (l+0.05)/0.05 >= 1.05/(l+0.05) {
		return "#000000"
	}
	return "#ffffff"
}

// luminance is the WCAG relative luminance of "#rrggbb".
func luminance(c string) float64 {
	v, err := strconv.ParseUint(strings.TrimPrefix(c, "#"), 16, 32)
	if err != nil || len(c) != 7 {
		return 0
	}
	lin := func(x uint64) float64 {
		f := float64(x) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(v>>16&255) + 0.7152*lin(v>>8&255) + 0.0722*lin(v&255)
}

// arabicIndic rewrites the digits of a page's text in Arabic-Indic digits
// (U+0660 to U+0669): the text between tags only, never a tag and its
// attributes (coordinates), a character reference (&#39;), the style
// sheet, an ID in <code>, a tooltip (<title>), the data an element of
// class "d" holds (names, the standard's ID and version, flag details,
// which name criteria), or text the data put between Unicode isolates
// (U+2068 to U+2069). The page is html/template's output, in which text
// and attribute values hold no raw '<' or '>'.
func arabicIndic(page []byte) []byte {
	out := make([]byte, 0, len(page)+len(page)/4)
	var skipping []string // the names of the open elements whose text keeps its digits
	isolated := 0         // depth of isolates from the data
	for i := 0; i < len(page); {
		switch c := page[i]; {
		case c == '<':
			end := bytes.IndexByte(page[i:], '>')
			if end < 0 {
				return append(out, page[i:]...)
			}
			tag := page[i : i+end+1]
			if name, closing := tagName(tag); name != "" {
				switch {
				case closing && len(skipping) > 0 && skipping[len(skipping)-1] == name:
					skipping = skipping[:len(skipping)-1]
				case !closing && tag[len(tag)-2] != '/' && (len(skipping) > 0 || keepsDigits(name, tag)):
					skipping = append(skipping, name) // nested in a kept element: kept too
				}
			}
			out = append(out, tag...)
			i += end + 1
		case c == '&':
			end := bytes.IndexByte(page[i:], ';')
			if end < 0 || end > 10 {
				out = append(out, c)
				i++
				continue
			}
			out = append(out, page[i:i+end+1]...)
			i += end + 1
		case c == 0xe2 && i+2 < len(page) && page[i+1] == 0x81 && (page[i+2] == 0xa8 || page[i+2] == 0xa9): // U+2068, U+2069
			if page[i+2] == 0xa8 {
				isolated++
			} else {
				isolated = max(isolated-1, 0)
			}
			out = append(out, page[i:i+3]...)
			i += 3
		case c >= '0' && c <= '9' && len(skipping) == 0 && isolated == 0:
			out = append(out, 0xd9, 0xa0+(c-'0')) // U+0660 + digit, in UTF-8
			i++
		default:
			out = append(out, c)
			i++
		}
	}
	return out
}

// tagName returns the name of the element a tag opens or closes, and
// whether it closes it; "" for a comment or a declaration.
func tagName(tag []byte) (string, bool) {
	t := tag[1:]
	closing := len(t) > 0 && t[0] == '/'
	if closing {
		t = t[1:]
	}
	n := 0
	for n < len(t) && (t[n] >= 'a' && t[n] <= 'z' || t[n] >= '0' && t[n] <= '9') {
		n++
	}
	return string(t[:n]), closing
}

// keepsDigits reports whether the element a start tag opens keeps the
// digits of its text: the style sheet, code, a tooltip, or data.
func keepsDigits(name string, tag []byte) bool {
	switch name {
	case "style", "code", "title":
		return true
	}
	return bytes.Contains(tag, []byte(` class="d"`))
}
