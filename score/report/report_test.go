package report_test

import (
	"bytes"
	"encoding/csv"
	"flag"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

// checkGolden compares got with testdata/name, or rewrites the file under
// -update.
func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
		return
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test ./score/report -run Golden -update to create it")
	assert.Equal(t, string(want), string(got), "%s differs from %s; run with -update if the change is intended", name, path)
}

func render(t *testing.T, f func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, f(&b))
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	rep := fixtureReport(t)
	cases := []struct {
		file  string
		write func(*bytes.Buffer) error
	}{
		{"criteria.csv", func(b *bytes.Buffer) error { return report.WriteCriteriaCSV(b, rep) }},
		{"dimensions.csv", func(b *bytes.Buffer) error { return report.WriteDimensionsCSV(b, rep) }},
		{"report.md", func(b *bytes.Buffer) error { return report.WriteMarkdown(b, rep, report.Options{}) }},
		{"report_ar.md", func(b *bytes.Buffer) error { return report.WriteMarkdown(b, rep, report.Options{Lang: "ar"}) }},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) { checkGolden(t, c.file, render(t, c.write)) })
	}
}

// The columns as the package documentation lists them.
var (
	criteriaHeader = []string{"agency_id", "rank", "dimension", "criterion", "metric", "status",
		"value", "n", "count", "censored", "pending", "ci_low", "ci_high", "shrunk",
		"points", "weight", "effective_weight", "contribution"}
	dimensionsHeader = []string{"agency_id", "agency_name", "rank", "overall", "grade", "coverage",
		"dimension", "weight", "effective_weight", "score", "uncapped", "capped_by", "contribution"}
)

// TestCSVTidy reads the CSV files back as R and pandas would: one header,
// the same number of fields in every row, every numeric field a plain
// decimal (no exponent, no thousands separator) or empty (NA).
func TestCSVTidy(t *testing.T) {
	rep := fixtureReport(t)
	criteria := 0
	for _, d := range rep.Agencies[0].Dimensions {
		criteria += len(d.Criteria)
	}
	cases := []struct {
		name    string
		write   func(*bytes.Buffer) error
		header  []string
		rows    int
		numeric []string
	}{
		{"criteria", func(b *bytes.Buffer) error { return report.WriteCriteriaCSV(b, rep) }, criteriaHeader,
			len(rep.Agencies) * criteria,
			[]string{"rank", "value", "n", "count", "censored", "pending", "ci_low", "ci_high", "shrunk", "points", "weight", "effective_weight", "contribution"}},
		{"dimensions", func(b *bytes.Buffer) error { return report.WriteDimensionsCSV(b, rep) }, dimensionsHeader,
			len(rep.Agencies) * len(rep.Agencies[0].Dimensions),
			[]string{"rank", "overall", "coverage", "weight", "effective_weight", "score", "uncapped", "contribution"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			records, err := csv.NewReader(bytes.NewReader(render(t, c.write))).ReadAll()
			require.NoError(t, err)
			require.Equal(t, c.header, records[0], "header")
			assert.Len(t, records[1:], c.rows, "rows")
			col := map[string]int{}
			for i, h := range records[0] {
				col[h] = i
			}
			for i, r := range records[1:] {
				for _, name := range c.numeric {
					v := r[col[name]]
					if v == "" {
						continue
					}
					_, err := decimal.NewFromString(v)
					assert.NoError(t, err, "row %d %s = %q", i+2, name, v)
					assert.NotContains(t, strings.ToLower(v), "e", "row %d %s = %q has an exponent", i+2, name, v)
				}
			}
		})
	}
}

// TestCSVExact checks that a criterion's row carries its numbers exactly,
// for herald's open_channels (2 of 3 official channels open).
func TestCSVExact(t *testing.T) {
	rep := fixtureReport(t)
	records, err := csv.NewReader(bytes.NewReader(render(t, func(b *bytes.Buffer) error { return report.WriteCriteriaCSV(b, rep) }))).ReadAll()
	require.NoError(t, err)
	want := []string{"herald", "3", "channel_openness", "open_channels", "open_channel_share", "scored",
		"0.666666666667", "3", "2", "0", "0"}
	for _, r := range records {
		if r[0] == "herald" && r[3] == "open_channels" {
			assert.Equal(t, want, r[:len(want)])
			assert.Equal(t, []string{"66.67", "0.4", "0.4", "26.668"}, r[14:])
			return
		}
	}
	t.Fatal("WriteCriteriaCSV wrote no row for herald open_channels")
}

// TestCSVIgnoresDecimalGlobals checks that shopspring/decimal's formatting
// globals do not change the CSV.
func TestCSVIgnoresDecimalGlobals(t *testing.T) {
	rep := fixtureReport(t)
	write := func(b *bytes.Buffer) error {
		if err := report.WriteCriteriaCSV(b, rep); err != nil {
			return err
		}
		return report.WriteDimensionsCSV(b, rep)
	}
	want := render(t, write)
	trim, sci := decimal.TrimTrailingZeros, decimal.UseScientificNotation
	t.Cleanup(func() { decimal.TrimTrailingZeros, decimal.UseScientificNotation = trim, sci })
	decimal.TrimTrailingZeros, decimal.UseScientificNotation = false, true
	assert.Equal(t, string(want), string(render(t, write)))
}

func TestHTML(t *testing.T) {
	rep := fixtureReport(t)
	scored := 0
	for _, a := range rep.Agencies {
		if a.Score != nil {
			scored++
		}
	}
	for _, lang := range []string{"en", "ar"} {
		t.Run(lang, func(t *testing.T) {
			page := string(render(t, func(b *bytes.Buffer) error { return report.WriteHTML(b, rep, report.Options{Lang: lang}) }))
			assert.NotContains(t, page, "ZgotmplZ", "html/template rejected a value")
			assert.NotContains(t, page, "<script")
			for _, external := range []string{`src="http`, `href="http`, "url(", "@import"} {
				assert.NotContains(t, page, external)
			}
			for _, id := range []string{`id="ranking"`, `id="contributions"`, `id="curves"`} {
				assert.Contains(t, page, id)
			}
			assert.Equal(t, scored, strings.Count(page, `class="score"`), "ranking bars")
			assert.Equal(t, 4, strings.Count(page, `class="km"`), "reply curves (dormant has no inquiries)")
			assert.Equal(t, len(rep.Agencies), strings.Count(page, `class="card"`), "cards")
			// Every chart has a text alternative: each reply panel a title
			// and a description, and the curves a table of what they say.
			assert.Equal(t, 4, strings.Count(page, "<desc id=\"curve-"), "panel descriptions")
			for _, id := range []string{"ranking", "contributions"} {
				assert.Contains(t, page, `<desc id="`+id+`-d">`, "the %s chart's description", id)
			}
			assert.Equal(t, 4, strings.Count(page, "<title id=\"curve-"), "panel titles")
			assert.Equal(t, 4, strings.Count(page, `<tr><td><bdi class="d">`), "rows of the curves' table")
			// Weights read as percentages, the exact weight in a tooltip;
			// each contribution column has one meaning.
			assert.Contains(t, page, `title="`+map[string]string{"en": "exact weight", "ar": "الوزن الدقيق"}[lang]+` 0.4">40%</td>`)
			assert.NotContains(t, page, "…", "names are wrapped, never cut")
			if lang == "ar" {
				assert.Contains(t, page, `<html lang="ar" dir="rtl">`)
				assert.Contains(t, page, `<bdi class="d">وزارة سريعة</bdi>`)
				assert.Contains(t, page, "سرعة الرد")
				assert.Contains(t, page, `<bdi class="d">Dormant Commission</bdi>`, "fallback to the English name")
			} else {
				assert.Contains(t, page, `<html lang="en" dir="ltr">`)
				assert.Contains(t, page, `<bdi class="d">Swift Ministry</bdi>`)
				assert.Contains(t, page, "Reply speed")
			}
		})
	}
}

// TestHTMLWithoutCurves checks that a report scored without
// score.Options.Curves renders, saying the curves are not there.
func TestHTMLWithoutCurves(t *testing.T) {
	sc, err := score.New(fixtureRubric(), score.Options{AsOf: fixtureAsOf})
	require.NoError(t, err)
	rep, err := sc.Score(fixtureDataset())
	require.NoError(t, err)
	page := string(render(t, func(b *bytes.Buffer) error { return report.WriteHTML(b, rep, report.Options{}) }))
	assert.NotContains(t, page, `id="curves"`)
	assert.Contains(t, page, "Reply curves are not in this report")
}

// TestHTMLEscapes checks that names from the data cannot inject markup.
func TestHTMLEscapes(t *testing.T) {
	rep := fixtureReport(t)
	rep.Agencies[0].Names = map[string]string{"en": `<script>alert(1)</script> & "Co"`}
	page := string(render(t, func(b *bytes.Buffer) error { return report.WriteHTML(b, rep, report.Options{}) }))
	assert.NotContains(t, page, "<script>")
	assert.Contains(t, page, "&lt;script&gt;")
}

// TestHTMLMethod checks the methodology section: with the standard the
// report was scored under, the page renders it, its hash included; with
// another standard, or none, it leaves it out rather than show a method
// that did not make these scores.
func TestHTMLMethod(t *testing.T) {
	rep := fixtureReport(t)
	std := fixtureRubric()
	for _, lang := range []string{"en", "ar"} {
		page := string(render(t, func(b *bytes.Buffer) error {
			return report.WriteHTML(b, rep, report.Options{Lang: lang, Rubric: &std})
		}))
		assert.Contains(t, page, `id="method"`, lang)
		assert.Contains(t, page, rep.Rubric.Hash, lang)
		assert.Contains(t, page, html.EscapeString(std.Dimensions[0].Rationale), "%s: a dimension's rationale", lang)
		assert.Contains(t, page, `<code>answers</code>`, "%s: the gate", lang)
		assert.Contains(t, page, `<code>reply_speed</code></td><td class="n" title="`, "%s: the dimension's weight", lang)
	}
	other := fixtureRubric()
	other.Dimensions[0].Criteria[0].Title += " (changed)"
	for _, r := range []*rubric.Rubric{&other, nil} {
		page := string(render(t, func(b *bytes.Buffer) error { return report.WriteHTML(b, rep, report.Options{Rubric: r}) }))
		assert.NotContains(t, page, `id="method"`)
	}
}

// TestHTMLArabicIndicDigits renders the Arabic page in Arabic-Indic
// digits: the page's numbers change, and nothing else does (the markup,
// the style sheet, IDs in code and character references keep theirs).
func TestHTMLArabicIndicDigits(t *testing.T) {
	rep := fixtureReport(t)
	western := string(render(t, func(b *bytes.Buffer) error { return report.WriteHTML(b, rep, report.Options{Lang: "ar"}) }))
	indic := string(render(t, func(b *bytes.Buffer) error {
		return report.WriteHTML(b, rep, report.Options{Lang: "ar", Digits: report.ArabicIndic})
	}))
	assert.Contains(t, western, "<b>98.48</b>")
	assert.Contains(t, indic, "<b>٩٨.٤٨</b>", "the score")
	assert.Contains(t, indic, `viewBox="0 0 1000.0`, "coordinates keep their digits")
	assert.Contains(t, indic, "<code>p90_reply</code>", "IDs keep their digits")
	assert.Contains(t, indic, "font-size:13px", "the style sheet keeps its digits")
	// Back to Western digits, the page is the Western one, byte for byte.
	back := strings.Map(func(r rune) rune {
		if r >= '٠' && r <= '٩' {
			return '0' + (r - '٠')
		}
		return r
	}, indic)
	assert.Equal(t, western, back)
	err := report.WriteHTML(&bytes.Buffer{}, rep, report.Options{Digits: "roman"})
	assert.ErrorContains(t, err, "digits")

	// The data keeps its digits: a name, the standard's ID and version, a
	// flag's detail (which names criteria), a tooltip, text isolated in a
	// sentence; the numbers around them change.
	rep.Agencies[0].Name, rep.Agencies[0].Names = "Ministry 2030", nil
	indic = string(render(t, func(b *bytes.Buffer) error {
		return report.WriteHTML(b, rep, report.Options{Lang: "ar", Digits: report.ArabicIndic})
	}))
	for _, kept := range []string{
		`<bdi class="d">Ministry 2030</bdi> <code>`, // the card
		`<tspan class="d" x="660.0" y="25.0">Ministry 2030</tspan>`,
		"\u2068Ministry 2030\u2069",                    // the summary
		`<bdi class="d">govscore-default 2026.1</bdi>`, // the standard
		`<title>Ministry 2030</title>`,                 // a tooltip
	} {
		assert.Contains(t, indic, kept)
	}
	// No element of data (names, flag details) has a digit changed.
	data := regexp.MustCompile(`class="d"[^>]*>([^<]*)<`).FindAllStringSubmatch(indic, -1)
	require.NotEmpty(t, data)
	for _, m := range data {
		assert.False(t, strings.ContainsAny(m[1], "٠١٢٣٤٥٦٧٨٩"), "digits changed in %q", m[1])
	}
	assert.NotContains(t, indic, "٢٠٣٠", "the name's digits changed somewhere")
	assert.Contains(t, indic, "<b>٩٨.٤٨</b>", "the score")
}
