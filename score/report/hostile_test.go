package report_test

import (
	"bytes"
	"encoding/csv"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/fixture"
	"github.com/govscore/govscore/score/report"
)

// hostileCases are strings that the public, or an agency under scrutiny,
// could type into an ID, a name or a title, each with what the renderings
// make of it.
var hostileCases = []struct {
	name string
	in   string
	md   string // as a name or title in Markdown, before a table's escaping
	code string // as an ID in Markdown: a code span
	html string // as text in HTML
	csv  string // as a text cell of a CSV file, neutralised
}{
	{"backquote and img", "`<img src=x onerror=alert(1)>",
		"\\`&lt;img src=x onerror=alert(1)&gt;", "`` `<img src=x onerror=alert(1)> ``",
		"`&lt;img src=x onerror=alert(1)&gt;", "`<img src=x onerror=alert(1)>"},
	{"forged heading and row", "x\n## Forged heading\n| 1 | fake | 100 |",
		`x\\n\#\# Forged heading\\n| 1 | fake | 100 |`, "`x\\n## Forged heading\\n| 1 | fake | 100 |`",
		`x\n## Forged heading\n| 1 | fake | 100 |`, "x\n## Forged heading\n| 1 | fake | 100 |"},
	{"pipe", "a | b", "a | b", "`a | b`", "a | b", "a | b"},
	{"right-to-left override", "\u202eevil", `\\u202eevil`, "`\\u202eevil`", `\u202eevil`, "\u202eevil"},
	{"NUL", "nul\x00", `nul\\u0000`, "`nul\\u0000`", `nul\u0000`, "nul\x00"},
	{"tab", "tab\there", `tab\\there`, "`tab\\there`", `tab\there`, "tab\there"},
	{"formula", `=HYPERLINK("http://x.example","y")`, `=HYPERLINK("http:&#47;&#47;x.example","y")`,
		"`=HYPERLINK(\"http://x.example\",\"y\")`", `=HYPERLINK(&#34;http://x.example&#34;,&#34;y&#34;)`,
		`'=HYPERLINK("http://x.example","y")`},
	{"plus", "+1", "+1", "`+1`", "&#43;1", "'+1"},
	{"minus", "-1", "-1", "`-1`", "-1", "'-1"},
	{"at", "@SUM(A1)", "@SUM(A1)", "`@SUM(A1)`", "@SUM(A1)", "'@SUM(A1)"},
	{"leading tab", "\t=1", `\\t=1`, "`\\t=1`", `\t=1`, "'\t=1"},
	{"leading carriage return", "\r=1", `\\r=1`, "`\\r=1`", `\r=1`, "'\r=1"},
	{"formula after a semicolon", "q;=1+2;x", "q;=1+2;x", "`q;=1+2;x`", "q;=1&#43;2;x", "q;'=1+2;x"},
	{"links and strikethrough", "~~x~~ https://evil.example www.evil.example", `\~\~x\~\~ https:&#47;&#47;evil.example &#119;ww.evil.example`,
		"`~~x~~ https://evil.example www.evil.example`", "~~x~~ https://evil.example www.evil.example", "~~x~~ https://evil.example www.evil.example"},
	{"character reference", "&#x202e;evil", `&amp;\#x202e;evil`, "`&#x202e;evil`", "&amp;#x202e;evil", "&#x202e;evil"},
}

// hostileReport scores the fixture under the default standard whose first
// dimension and criterion are titled s, and whose grade "slow", herald's,
// is labelled s in English. It then gives s, as a report read back from
// JSON may hold it (model refuses control and bidirectional characters in
// records, but a report is a file anyone can edit), to herald's ID and
// names, the rubric's ID and version, herald's first criterion's ID, the
// knock-out that caps its channel openness, and its flags' node and
// detail.
func hostileReport(t testing.TB, s string) *score.Report {
	t.Helper()
	r := rubric.Default()
	r.Dimensions[0].Title, r.Dimensions[0].Criteria[0].Title = s, s
	for _, g := range r.Grades {
		if g.ID == "slow" {
			g.Labels["en"] = s
		}
	}
	sc, err := score.New(r, score.Options{AsOf: fixture.AsOf, Curves: true})
	require.NoError(t, err)
	rep, err := sc.Score(fixture.Dataset())
	require.NoError(t, err)
	rep.Rubric.ID, rep.Rubric.Version = s, s
	a := hostileAgency(t, rep, "herald")
	a.AgencyID, a.Name, a.Names = s, s, map[string]string{"en": s, "ar": s}
	a.Dimensions[0].Criteria[0].ID = s
	for i := range a.Dimensions {
		if a.Dimensions[i].CappedBy != "" {
			a.Dimensions[i].CappedBy = s
		}
	}
	require.NotEmpty(t, a.Flags)
	for i := range a.Flags {
		// A detail without a message, as from a report of another
		// version: shown as it is.
		a.Flags[i].Node, a.Flags[i].Detail, a.Flags[i].Message, a.Flags[i].Args = s, s, "", nil
	}
	// A message whose argument is the hostile text.
	a.Flags = append(a.Flags, score.Flag{Code: score.FlagBroadcastOnly, Node: "channels", Detail: s, Message: "broadcast_only", Args: []string{s}})
	return rep
}

// hostileAgency is the agency of rep whose ID is id.
func hostileAgency(t testing.TB, rep *score.Report, id string) *score.AgencyScore {
	t.Helper()
	for i := range rep.Agencies {
		if rep.Agencies[i].AgencyID == id {
			return &rep.Agencies[i]
		}
	}
	t.Fatalf("no agency %q in the report", id)
	return nil
}

// benign is the name that stands for a hostile one in the report whose
// rendering's shape a hostile one must keep.
const benign = "plain"

// shape is what makes a Markdown page's structure: per line, whether it
// is a heading, a list item, a table row or other text, and for a table
// row its number of cells (the pipes that no backslash escapes).
func shape(page string) []string {
	var out []string
	for _, line := range strings.Split(page, "\n") {
		switch {
		case strings.HasPrefix(line, "|"):
			cells := strings.Count(line, "|") - strings.Count(line, `\|`)
			out = append(out, "table row of "+strconv.Itoa(cells-1)+" cells")
		case strings.HasPrefix(line, "#"):
			out = append(out, "heading "+line[:strings.IndexFunc(line, func(r rune) bool { return r != '#' })])
		case strings.HasPrefix(line, "- "):
			out = append(out, "list item")
		case line == "":
			out = append(out, "blank")
		default:
			out = append(out, "text")
		}
	}
	return out
}

// withoutCodeSpans removes the code spans of a Markdown line, as
// CommonMark finds them: a run of backquotes that no backslash escapes,
// up to the next run of the same length.
func withoutCodeSpans(line string) string {
	var b strings.Builder
	for i := 0; i < len(line); {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			b.WriteString(line[i : i+2])
			i += 2
		case line[i] == '`':
			n := backquotes(line[i:])
			if end := closer(line[i+n:], n); end >= 0 {
				i += n + end + n
				continue
			}
			b.WriteString(line[i : i+n])
			i += n
		default:
			b.WriteByte(line[i])
			i++
		}
	}
	return b.String()
}

// backquotes is the length of the run of backquotes that s starts with.
func backquotes(s string) int { return len(s) - len(strings.TrimLeft(s, "`")) }

// closer is the index in s of its first run of exactly n backquotes, or
// -1.
func closer(s string, n int) int {
	for j := 0; j < len(s); {
		if s[j] != '`' {
			j++
			continue
		}
		m := backquotes(s[j:])
		if m == n {
			return j
		}
		j += m
	}
	return -1
}

func TestMarkdownHostile(t *testing.T) {
	base := render(t, func(b *bytes.Buffer) error {
		return report.WriteMarkdown(b, hostileReport(t, benign), report.Options{})
	})
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			rep := hostileReport(t, c.in)
			rank := strconv.Itoa(hostileAgency(t, rep, c.in).Rank)
			for _, lang := range []string{"en", "ar"} {
				page := string(render(t, func(b *bytes.Buffer) error { return report.WriteMarkdown(b, rep, report.Options{Lang: lang}) }))
				if lang == "en" {
					assert.Equal(t, shape(string(base)), shape(page), "WriteMarkdown: the page's shape")
					assert.Contains(t, page, "\n## "+rank+". "+c.md+"\n", "WriteMarkdown: the agency's heading")
					assert.Contains(t, page, "### "+c.md+": ", "WriteMarkdown: the dimension's heading")
					assert.Contains(t, page, "| "+strings.ReplaceAll(c.md, "|", `\|`)+" |", "WriteMarkdown: the name in the ranking")
					assert.Contains(t, page, "Rubric: "+c.md+" "+c.md+" (`sha256:", "WriteMarkdown: the rubric")
				}
				assert.Contains(t, page, " · "+c.code+"\n", "WriteMarkdown(%s): the agency's ID", lang)
				for _, line := range strings.Split(page, "\n") {
					text := withoutCodeSpans(line)
					for _, bad := range []string{"<img", "&#x202e;", "\u202e", "\x00", "\t", "\r"} {
						assert.NotContains(t, text, bad, "WriteMarkdown(%s): line %q", lang, line)
					}
				}
			}
		})
	}
}

func TestTrendMarkdownHostile(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			tr := hostileTrend(t, c.in)
			var b bytes.Buffer
			require.NoError(t, report.WriteTrendMarkdown(&b, tr, report.Options{}))
			page := b.String()
			assert.Equal(t, shape(benignTrendMarkdown(t)), shape(page), "WriteTrendMarkdown: the page's shape")
			cell := strings.ReplaceAll(c.md, "|", `\|`)
			assert.Contains(t, page, "| "+cell+" | 24.00 (2) | 69.21 (2) |", "WriteTrendMarkdown: the agency's scores")
			assert.Contains(t, page, "| "+cell+" | 24.00 | 69.21 | +45.21 |", "WriteTrendMarkdown: the agency among the movers")
			for _, line := range strings.Split(page, "\n") {
				for _, bad := range []string{"<img", "&#x202e;", "\u202e", "\x00", "\t", "\r"} {
					assert.NotContains(t, withoutCodeSpans(line), bad, "WriteTrendMarkdown: line %q", line)
				}
			}
		})
	}
}

func benignTrendMarkdown(t *testing.T) string {
	var b bytes.Buffer
	require.NoError(t, report.WriteTrendMarkdown(&b, hostileTrend(t, benign), report.Options{}))
	return b.String()
}

func TestHTMLHostile(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			rep := hostileReport(t, c.in)
			for _, lang := range []string{"en", "ar"} {
				page := string(render(t, func(b *bytes.Buffer) error { return report.WriteHTML(b, rep, report.Options{Lang: lang}) }))
				assert.NotContains(t, page, "ZgotmplZ", "WriteHTML(%s): html/template rejected a value", lang)
				for _, bad := range []string{"<img", "\u202e", "\x00", "\t"} {
					assert.NotContains(t, page, bad, "WriteHTML(%s)", lang)
				}
				assert.Contains(t, page, `<bdi class="d">`+c.html+"</bdi> <code>"+c.html+"</code></h3>", "WriteHTML(%s): the agency's card", lang)
				assert.Contains(t, page, "<li><b>", "WriteHTML(%s): the flags", lang)
				assert.Contains(t, page, "<code>"+c.html+`</code>: <bdi class="d">`+c.html+"</bdi></li>",
					"WriteHTML(%s): a flag's node and detail", lang)
				prefix := map[string]string{"en": "official channel only broadcasts: ", "ar": "قناة رسمية للبث فقط: "}[lang]
				assert.Contains(t, page, `<code>channels</code>: <bdi class="d">`+prefix+c.html+"</bdi></li>",
					"WriteHTML(%s): a flag's message with the hostile text as its argument", lang)
			}
		})
	}
}

func TestTrendHTMLHostile(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			require.NoError(t, report.WriteTrendHTML(&b, hostileTrend(t, c.in), report.Options{}))
			page := b.String()
			assert.NotContains(t, page, "ZgotmplZ", "WriteTrendHTML: html/template rejected a value")
			for _, bad := range []string{"<img", "\u202e", "\x00", "\t"} {
				assert.NotContains(t, page, bad, "WriteTrendHTML")
			}
			assert.Contains(t, page, "<h3><bdi>"+c.html+"</bdi></h3>", "WriteTrendHTML: the agency's panel")
		})
	}
}

// csvTable reads a CSV file into its header's columns and its rows.
func csvTable(t *testing.T, data []byte) (map[string]int, [][]string) {
	t.Helper()
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	require.NoError(t, err)
	col := map[string]int{}
	for i, h := range records[0] {
		col[h] = i
	}
	return col, records[1:]
}

// numericColumns are the columns of the CSV files that hold numbers and
// booleans, which govscore writes itself.
var numericColumns = map[string]bool{
	"rank": true, "value": true, "n": true, "count": true, "censored": true, "pending": true, "ci_low": true, "ci_high": true,
	"shrunk": true, "points": true, "weight": true, "effective_weight": true, "contribution": true,
	"overall": true, "coverage": true, "score": true, "uncapped": true,
	"value_from": true, "value_to": true, "value_change": true, "points_from": true, "points_to": true, "points_change": true,
	"score_from": true, "score_to": true, "score_change": true, "rank_from": true, "rank_to": true, "rank_change": true,
	"chi_square": true, "p_value": true, "significant": true,
}

// checkCSVCells checks every cell of a CSV file: a number or boolean
// column holds a plain decimal or true/false, or is empty; a text cell
// starts with no formula character unless raw.
func checkCSVCells(t *testing.T, name string, col map[string]int, rows [][]string, raw bool) {
	t.Helper()
	for _, r := range rows {
		for h, i := range col {
			v := r[i]
			switch {
			case v == "":
			case h == "significant":
				assert.Contains(t, []string{"true", "false"}, v, "%s: %s", name, h)
			case numericColumns[h]:
				_, err := decimal.NewFromString(v)
				assert.NoError(t, err, "%s: %s = %q is not a number", name, h, v)
			case !raw:
				assert.NotContains(t, "=+-@\t\r", v[:1], "%s: %s = %q starts with a formula character", name, h, v)
				for _, part := range strings.Split(v, ";")[1:] {
					if part != "" {
						assert.NotContains(t, "=+-@\t\r", part[:1], "%s: %s = %q has a formula character after a ;", name, h, v)
					}
				}
			}
		}
	}
}

func TestCSVHostile(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			rep := hostileReport(t, c.in)
			for _, raw := range []bool{false, true} {
				opts := report.CSVOptions{Raw: raw}
				want := c.csv
				if raw {
					want = c.in
				}
				col, rows := csvTable(t, render(t, func(b *bytes.Buffer) error { return opts.WriteCriteria(b, rep) }))
				checkCSVCells(t, "WriteCriteria", col, rows, raw)
				found := false
				for _, r := range rows {
					if r[col["criterion"]] == want {
						found = true
						assert.Equal(t, want, r[col["agency_id"]], "%+v.WriteCriteria: agency_id", opts)
					}
				}
				assert.True(t, found, "%+v.WriteCriteria: no row with criterion %q", opts, want)

				col, rows = csvTable(t, render(t, func(b *bytes.Buffer) error { return opts.WriteDimensions(b, rep) }))
				checkCSVCells(t, "WriteDimensions", col, rows, raw)
				found = false
				for _, r := range rows {
					if r[col["capped_by"]] == want {
						found = true
						assert.Equal(t, []string{want, want}, []string{r[col["agency_id"]], r[col["agency_name"]]},
							"%+v.WriteDimensions: agency_id and agency_name", opts)
					}
				}
				assert.True(t, found, "%+v.WriteDimensions: no row with capped_by %q", opts, want)
			}
			// The package-level functions neutralise.
			col, rows := csvTable(t, render(t, func(b *bytes.Buffer) error { return report.WriteDimensionsCSV(b, rep) }))
			checkCSVCells(t, "WriteDimensionsCSV", col, rows, false)
		})
	}
}

func TestTrendCSVHostile(t *testing.T) {
	for _, c := range hostileCases {
		t.Run(c.name, func(t *testing.T) {
			tr := hostileTrend(t, c.in)
			for _, raw := range []bool{false, true} {
				opts := report.CSVOptions{Raw: raw}
				want := c.csv
				if raw {
					want = c.in
				}
				writers := []struct {
					name  string
					write func(*bytes.Buffer) error
					id    string // the column of the agency's ID
				}{
					{"WriteTrendCriteria", func(b *bytes.Buffer) error { return opts.WriteTrendCriteria(b, tr) }, "agency_id"},
					{"WriteTrendDimensions", func(b *bytes.Buffer) error { return opts.WriteTrendDimensions(b, tr) }, "agency_id"},
					{"WriteChanges", func(b *bytes.Buffer) error { return opts.WriteChanges(b, tr.Changes) }, "agency_id"},
				}
				for _, w := range writers {
					col, rows := csvTable(t, render(t, w.write))
					checkCSVCells(t, w.name, col, rows, raw)
					ids := map[string]bool{}
					for _, r := range rows {
						ids[r[col[w.id]]] = true
					}
					assert.True(t, ids[want], "%+v.%s: no row of agency %q in %v", opts, w.name, want, ids)
				}
			}
		})
	}
}

// TestCSVNegativeNumbers checks that the numbers govscore writes are not
// neutralised, a fall of the score among them.
func TestCSVNegativeNumbers(t *testing.T) {
	tr := hostileTrend(t, "-1")
	col, rows := csvTable(t, render(t, func(b *bytes.Buffer) error { return report.WriteChangesCSV(b, tr.Changes) }))
	negative := 0
	for _, r := range rows {
		for _, h := range []string{"value_change", "points_change", "score_change", "ci_low", "ci_high"} {
			if v := r[col[h]]; strings.HasPrefix(v, "-") {
				negative++
				_, err := decimal.NewFromString(v)
				assert.NoError(t, err, "%s = %q", h, v)
			}
		}
	}
	assert.Positive(t, negative, "WriteChangesCSV wrote no negative number to check")
}
