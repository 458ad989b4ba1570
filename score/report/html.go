package report

import (
	_ "embed"
	"html/template"
	"io"
	"math"
	"slices"
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
	return htmlTemplate.Execute(w, newPage(rep, opts.labels()))
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
	Curves        *curveChart
	Cards         []card
	Scored, Total int
}

type swatch struct{ Label, Color string }

// barChart is a chart of one row per agency.
type barChart struct {
	W, H string
	Rows []barRow
}

type barRow struct {
	Name, FullName         string // Name is FullName, shortened to fit
	NameX, TextY           string
	Track                  rect
	Segments               []rect
	Label, LabelX, ID, Dir string
}

type rect struct{ X, Y, W, H, Color, Title string }

type curveChart struct {
	W, H   string
	Grid   []line
	XTicks []tick
	YTicks []tick
	Axis   line
	XLabel tick
	Paths  []path
	Legend []swatch
}

type line struct{ X1, Y1, X2, Y2 string }
type tick struct{ X, Y, Label, Anchor string }
type path struct{ D, Color, Title string }

type card struct {
	ID, Name, Rank, Score, Grade, Color string
	Coverage, Inquiries, Later          string
	Dimensions                          []cardDim
	Flags                               []cardFlag
	Curve                               string
}

type cardDim struct {
	Label, Score, Weight, Effective, Contribution, Capped string
	Criteria                                              []cardCrit
}

type cardCrit struct {
	Label, ID, Measure, Interval, N, Points, Weight, Contribution, Status string
	Used                                                                  bool
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
	nameMax  = 46    // longer names are shortened in charts (in runes)
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
	h := num(float64(len(rep.Agencies))*rowH + 10)
	p.Ranking = barChart{W: num(chartW), H: h}
	p.Stack = barChart{W: num(chartW), H: h}
	for i, a := range rep.Agencies {
		y := 5 + float64(i)*rowH
		name := agencyName(a, l.Lang)
		row := barRow{Name: short(name), FullName: name, NameX: g.x(nameEnd), TextY: num(y + rowH/2 + 5), LabelX: g.x(barStart + barMax + 10), ID: safe.Text(a.AgencyID)}
		row.Track = g.rect(barStart, y+4, barMax, rowH-8, "#eeeeee", "")
		stack := row
		if a.Score != nil {
			p.Scored++
			sw := barMax * a.Score.InexactFloat64() / 100
			row.Segments = []rect{g.rect(barStart, y+4, sw, rowH-8, colors[a.Grade], gradeLabel(rep, a.Grade, l.Lang))}
			row.Label = fixed(a.Score) + " · " + l.RankOf + " " + rankText(a.Rank)
			x := barStart
			for _, d := range a.Dimensions {
				if d.Contribution.Sign() <= 0 {
					continue
				}
				w := barMax * d.Contribution.InexactFloat64() / 100
				stack.Segments = append(stack.Segments, g.rect(x, y+4, w, rowH-8, dimColors[d.ID],
					l.dimensionLabel(d.ID, d.Title)+": "+d.Contribution.Round(score.Places).String()))
				x += w
			}
			stack.Label = fixed(a.Score)
		} else {
			row.Label, stack.Label = l.NotScored, l.NotScored
		}
		p.Ranking.Rows = append(p.Ranking.Rows, row)
		p.Stack.Rows = append(p.Stack.Rows, stack)
	}
	p.Curves = newCurveChart(rep, l, g)
	for _, a := range rep.Agencies {
		p.Cards = append(p.Cards, newCard(rep, a, l, colors))
	}
	return p
}

func newCard(rep *score.Report, a score.AgencyScore, l labels, colors map[string]string) card {
	c := card{ID: safe.Text(a.AgencyID), Name: agencyName(a, l.Lang), Rank: rankText(a.Rank), Score: fixed(a.Score),
		Grade: gradeLabel(rep, a.Grade, l.Lang), Color: colors[a.Grade], Coverage: pct(a.Coverage), Inquiries: itoa(a.Inquiries)}
	if a.Score == nil {
		c.Grade, c.Color = l.NotScored, "#999999"
	}
	if a.AfterAsOf > 0 {
		c.Later = itoa(a.AfterAsOf)
	}
	for _, d := range a.Dimensions {
		cd := cardDim{Label: l.dimensionLabel(d.ID, d.Title), Score: fixed(d.Score), Weight: exact(d.Weight),
			Effective: exact(d.EffectiveWeight), Contribution: exact(d.Contribution.Round(score.Places + 2))}
		if d.CappedBy != "" {
			cd.Capped = l.CappedBy + " " + safe.Text(d.CappedBy) + ": " + fixed(d.Uncapped) + " → " + fixed(d.Score)
		}
		for _, cr := range d.Criteria {
			cd.Criteria = append(cd.Criteria, cardCrit{Label: l.criterionLabel(cr), ID: safe.Text(cr.ID), Measure: l.measure(cr),
				Interval: l.interval(cr), N: itoa(cr.Measure.N), Points: fixed(cr.Points), Weight: exact(cr.EffectiveWeight),
				Contribution: exact(cr.Contribution.Round(score.Places + 2)), Status: l.status(cr.Status),
				Used: cr.Status == score.StatusScored})
		}
		c.Dimensions = append(c.Dimensions, cd)
	}
	for _, f := range a.Flags {
		c.Flags = append(c.Flags, cardFlag{Name: l.flagName(f.Code), Node: safe.Text(f.Node), Detail: safe.Text(f.Detail)})
	}
	if cv := a.Curve; cv != nil {
		c.Curve = l.Answered + " " + itoa(cv.Answered) + " · " + l.Unanswered + " " + itoa(cv.Censored)
	}
	return c
}

// Curve chart geometry: the plot area, in chart coordinates before
// mirroring.
const (
	curveW, curveH                    = 1000.0, 400.0
	plotL, plotR, plotTop, plotBottom = 60.0, 980.0, 15.0, 350.0
)

// timeTicks are the candidate ticks of the log time axis, in hours.
var timeTicks = []float64{0.25, 1, 6, 24, 168, 720, 2160, 8760}

func newCurveChart(rep *score.Report, l labels, g layout) *curveChart {
	minH, maxH := math.Inf(1), 0.0
	any := false
	for _, a := range rep.Agencies {
		if a.Curve == nil || a.Curve.N == 0 {
			continue
		}
		any = true
		maxH = max(maxH, a.Curve.MaxHours.InexactFloat64())
		for _, s := range a.Curve.Steps {
			if h := s.Hours.InexactFloat64(); h > 0 {
				minH = min(minH, h)
				break
			}
		}
	}
	if !any {
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
	g.w = curveW
	xOf := func(h float64) float64 {
		h = min(max(h, lo), hi)
		return plotL + (plotR-plotL)*math.Log(h/lo)/math.Log(hi/lo)
	}
	yOf := func(s float64) float64 { return plotBottom - (plotBottom-plotTop)*s }
	ch := &curveChart{W: num(curveW), H: num(curveH)}
	for _, t := range timeTicks {
		if t < lo || t > hi {
			continue
		}
		x := xOf(t)
		ch.Grid = append(ch.Grid, line{X1: g.x(x), Y1: num(plotTop), X2: g.x(x), Y2: num(plotBottom)})
		ch.XTicks = append(ch.XTicks, tick{X: g.x(x), Y: num(plotBottom + 18), Label: l.Ticks[t], Anchor: "middle"})
	}
	for _, s := range []float64{0, 0.25, 0.5, 0.75, 1} {
		y := yOf(s)
		ch.Grid = append(ch.Grid, line{X1: g.x(plotL), Y1: num(y), X2: g.x(plotR), Y2: num(y)})
		ch.YTicks = append(ch.YTicks, tick{X: g.x(plotL - 6), Y: num(y + 4), Label: decimal.NewFromFloat(s*100).String() + "%", Anchor: "end"})
	}
	ch.Axis = line{X1: g.x(plotL), Y1: num(plotBottom), X2: g.x(plotR), Y2: num(plotBottom)}
	ch.XLabel = tick{X: g.x((plotL + plotR) / 2), Y: num(plotBottom + 42), Label: l.XAxis, Anchor: "middle"}
	i := 0
	for _, a := range rep.Agencies {
		cv := a.Curve
		if cv == nil || cv.N == 0 {
			continue
		}
		color := curvePalette[i%len(curvePalette)]
		i++
		d := "M" + g.x(xOf(lo)) + " " + num(yOf(1))
		for _, s := range cv.Steps {
			d += " H" + g.x(xOf(s.Hours.InexactFloat64())) + " V" + num(yOf(s.Survival.InexactFloat64()))
		}
		d += " H" + g.x(xOf(cv.MaxHours.InexactFloat64()))
		name := agencyName(a, l.Lang)
		ch.Paths = append(ch.Paths, path{D: d, Color: color, Title: name})
		ch.Legend = append(ch.Legend, swatch{Label: name, Color: color})
	}
	return ch
}

// short shortens a name longer than nameMax runes to fit a chart.
func short(name string) string {
	r := []rune(name)
	if len(r) <= nameMax {
		return name
	}
	return strings.TrimSpace(string(r[:nameMax-1])) + "…"
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

var (
	gradePalette     = []string{"#1a9850", "#91cf60", "#e6c229", "#fc8d59", "#d73027"}
	dimensionPalette = []string{"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948"}
	curvePalette     = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#666666"}
)
