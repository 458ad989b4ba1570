package report_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/fixture"
	"github.com/govscore/govscore/score/report"
)

func TestTrendCSV(t *testing.T) {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: fixture.SynthAsOf})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(fixture.Synth(3000, 6, 1), score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	require.Len(t, tr.Periods, 4)
	criteria := 0
	for _, d := range rubric.Default().Dimensions {
		criteria += len(d.Criteria)
	}

	read := func(write func(*bytes.Buffer) error) [][]string {
		var b bytes.Buffer
		require.NoError(t, write(&b))
		rows, err := csv.NewReader(&b).ReadAll() // also checks every row has the header's width
		require.NoError(t, err)
		return rows
	}
	rows := read(func(b *bytes.Buffer) error { return report.WriteTrendCriteriaCSV(b, tr) })
	assert.Equal(t, "period", rows[0][0])
	assert.Equal(t, "agency_id", rows[0][1])
	assert.Len(t, rows, 1+4*6*criteria)
	assert.Equal(t, "2025Q1", rows[1][0])
	assert.Equal(t, "2025Q4", rows[len(rows)-1][0])

	rows = read(func(b *bytes.Buffer) error { return report.WriteTrendDimensionsCSV(b, tr) })
	assert.Len(t, rows, 1+4*6*len(rubric.Default().Dimensions))

	rows = read(func(b *bytes.Buffer) error { return report.WriteChangesCSV(b, tr.Changes) })
	assert.Len(t, tr.Changes, 3*6)
	assert.Len(t, rows, 1+3*6*criteria)
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	tests := map[string]int{}
	for _, r := range rows[1:] {
		tests[r[col["test"]]]++
		if r[col["test"]] == "" {
			assert.Empty(t, r[col["significant"]])
		} else {
			assert.Contains(t, []string{"true", "false"}, r[col["significant"]])
		}
	}
	// Per agency and pair of quarters: five rates (newcombe), two
	// reply-time quantiles (log_rank), and six criteria without a test.
	assert.Equal(t, map[string]int{"newcombe": 5 * 18, "log_rank": 2 * 18, "": 6 * 18}, tests)
}

// moversTrend is two agencies over two quarters, scored at 31 July 2025
// with 30 days of follow-up: "fast" answers everything within the hour;
// "slow" (named to test escaping) answers 1 of 10 inquiries in the first
// quarter and 9 of 10 within a day in the second.
func moversTrend(t *testing.T) *score.Trend {
	t.Helper()
	ds := model.Dataset{
		Agencies: []model.Agency{
			{ID: "fast", Name: "Fast Ministry", Names: map[string]string{"ar": "وزارة سريعة"}},
			{ID: "slow", Name: "Slow <b>Authority</b> | *Ports*"},
		},
	}
	for _, id := range []string{"fast", "slow"} {
		ds.Channels = append(ds.Channels, model.Channel{ID: id + "/x", AgencyID: id, Kind: model.ChannelX, Official: true, AcceptsInquiries: true})
	}
	n := 0
	add := func(agency string, recv time.Time, reply time.Duration) {
		n++
		q := model.Inquiry{ID: fmt.Sprint(n), AgencyID: agency, ChannelID: agency + "/x", Requester: model.RequesterPublic,
			ReceivedAt: recv, Accuracy: model.AccuracyUngraded}
		if reply > 0 {
			q.FirstReplyAt = recv.Add(reply)
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
	for i := range 10 {
		q1 := time.Date(2025, 1, 1+8*i, 9, 0, 0, 0, time.UTC)
		q2 := time.Date(2025, 4, 1+8*i, 9, 0, 0, 0, time.UTC)
		add("fast", q1, 30*time.Minute)
		add("fast", q2, 40*time.Minute)
		if i == 0 {
			add("slow", q1, 48*time.Hour)
		} else {
			add("slow", q1, 0)
		}
		if i < 9 {
			add("slow", q2, 20*time.Hour)
		} else {
			add("slow", q2, 0)
		}
	}
	sc, err := score.New(rubric.Default(), score.Options{AsOf: time.Date(2025, 7, 31, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Quarter})
	require.NoError(t, err)
	require.Len(t, tr.Periods, 2)
	return tr
}

// hostileTrend is moversTrend with s for "slow"'s ID and name and for
// the first period's label, as a trend of reports read back from files
// that anyone can edit and name (govscore compare) may have them.
func hostileTrend(t *testing.T, s string) *score.Trend {
	t.Helper()
	tr := moversTrend(t)
	from := tr.Periods[0].Label
	tr.Periods[0].Label = s
	for _, p := range tr.Periods {
		for i := range p.Report.Agencies {
			if a := &p.Report.Agencies[i]; a.AgencyID == "slow" {
				a.AgencyID, a.Name = s, s
			}
		}
	}
	for i := range tr.Changes {
		c := &tr.Changes[i]
		if c.AgencyID == "slow" {
			c.AgencyID = s
		}
		if c.From == from {
			c.From = s
		}
	}
	return tr
}

func TestTrendMarkdown(t *testing.T) {
	tr := moversTrend(t)
	var b bytes.Buffer
	require.NoError(t, report.WriteTrendMarkdown(&b, tr, report.Options{}))
	page := b.String()
	assert.Contains(t, page, "| 2025Q1 | 2025-01-01 00:00 +00:00 | 2025-04-01 00:00 +00:00 | 2025-05-01 00:00 +00:00 | final |")
	assert.Contains(t, page, "| 2025Q2 | 2025-04-01 00:00 +00:00 | 2025-07-01 00:00 +00:00 | 2025-07-31 00:00 +00:00 | final |")
	assert.Contains(t, page, "## Movers, 2025Q1 → 2025Q2")
	// The name from the data is escaped, the pipe kept out of the table's
	// structure.
	assert.Contains(t, page, `Slow &lt;b&gt;Authority&lt;/b&gt; \| \*Ports\*`)
	assert.NotContains(t, page, "<b>")
	rises := page[strings.Index(page, "### Largest rises"):strings.Index(page, "### Largest falls")]
	assert.Contains(t, rises, "Inquiries answered 10.0% → 90.0%")
	assert.Contains(t, rises, "(log-rank test)")
	assert.Contains(t, page[strings.Index(page, "### Largest falls"):], "No agency's score fell.",
		"fast's score did not change")

	b.Reset()
	require.NoError(t, report.WriteTrendMarkdown(&b, tr, report.Options{Lang: "ar"}))
	ar := b.String()
	assert.Contains(t, ar, "# اتجاه أداء الحوكمة الرقمية")
	assert.Contains(t, ar, "## الأكثر تغيرًا، 2025Q1 ← 2025Q2")
	assert.Contains(t, ar, "نسبة الرد 10.0% ← 90.0%")
	assert.Contains(t, ar, "| وزارة سريعة |")
}

func TestTrendHTML(t *testing.T) {
	tr := moversTrend(t)
	for _, lang := range []string{"en", "ar"} {
		var b bytes.Buffer
		require.NoError(t, report.WriteTrendHTML(&b, tr, report.Options{Lang: lang}))
		page := b.String()
		assert.NotContains(t, page, "ZgotmplZ", "html/template rejected a value")
		assert.NotContains(t, page, "<script")
		assert.NotContains(t, page, "<b>Authority", "names are escaped")
		for _, external := range []string{`src="http`, `href="http`, "url(", "@import"} {
			assert.NotContains(t, page, external)
		}
		assert.Equal(t, 2, strings.Count(page, `class="panel"`), "a panel per agency")
		assert.Equal(t, 4, strings.Count(page, "<circle"), "a point per agency and period")
		assert.Equal(t, 2, strings.Count(page, "<desc"), "each chart has a text alternative")
		// Each chart is labelled by its own title and description, by
		// index: an agency ID with a space would add IDs to the list.
		assert.Contains(t, page, `aria-labelledby="panel-1-t panel-1-d"`)
		if lang == "ar" {
			assert.Contains(t, page, `<html lang="ar" dir="rtl">`)
			assert.Contains(t, page, "<desc id=\"panel-0-d\">2025Q1: الدرجة ")
			assert.Contains(t, page, "<bdi>10.0%</bdi> ← <bdi>90.0%</bdi>")
		} else {
			assert.Contains(t, page, "<desc id=\"panel-0-d\">2025Q1: Score ")
			assert.Contains(t, page, "<bdi>10.0%</bdi> → <bdi>90.0%</bdi>")
		}
	}
}
