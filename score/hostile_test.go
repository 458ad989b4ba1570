package score_test

import (
	"bytes"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	golden "github.com/govscore/govscore/score/internal/fixture"
)

// hostileText are strings that the public, or an agency under scrutiny,
// could type into an ID or a name, each as the text renderings print it.
var hostileText = []struct {
	name, in, want string
}{
	{"backquote and img", "`<img src=x onerror=alert(1)>", "`<img src=x onerror=alert(1)>"},
	{"forged heading and row", "x\n## Forged heading\n| 1 | fake | 100 |", `x\n## Forged heading\n| 1 | fake | 100 |`},
	{"forged ranking row", "x\n1  fake  100.00  Exemplary", `x\n1  fake  100.00  Exemplary`},
	{"pipe", "a | b", "a | b"},
	{"right-to-left override", "\u202eevil", `\u202eevil`},
	{"NUL", "nul\x00", `nul\u0000`},
	{"tab", "tab\there", `tab\there`},
	{"carriage return", "cr\rhere", `cr\rhere`},
	{"line separator", "ls\u2028here", `ls\u2028here`},
	{"formula", `=HYPERLINK("http://x.example","y")`, `=HYPERLINK("http://x.example","y")`},
	{"plus", "+1", "+1"},
	{"minus", "-1", "-1"},
	{"at", "@SUM(A1)", "@SUM(A1)"},
}

// hostileScorer scores with the default standard whose first dimension
// and criterion are titled s, and the minimum sample given (0: the
// default).
func hostileScorer(t *testing.T, s string, minSample int) *score.Scorer {
	t.Helper()
	r := rubric.Default()
	r.Dimensions[0].Title, r.Dimensions[0].Criteria[0].Title = s, s
	sc, err := score.New(r, score.Options{AsOf: golden.AsOf, MinSample: minSample})
	require.NoError(t, err)
	return sc
}

// textOf renders with write and returns the text and its number of lines.
func textOf(t *testing.T, write func(io.Writer) error) (string, int) {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, write(&b))
	return b.String(), strings.Count(b.String(), "\n")
}

// rename gives the agency from of rep the ID and the names s, as a report
// read back from JSON may have them: model refuses control and
// bidirectional characters in the records' IDs and names, but a report is
// a file anyone can edit.
func rename(rep *score.Report, from, s string) {
	for i := range rep.Agencies {
		if a := &rep.Agencies[i]; a.AgencyID == from {
			a.AgencyID, a.Name, a.Names = s, s, map[string]string{"en": s, "ar": s}
		}
	}
}

// checkPrintable checks that text holds no character the safe policy
// escapes, but for the line feeds of its own lines.
func checkPrintable(t *testing.T, call, text string) {
	t.Helper()
	for _, bad := range []string{"\t", "\r", "\x00", "\u202e", "\u2028"} {
		assert.NotContains(t, text, bad, "%s", call)
	}
}

// TestTextHostile renders a report whose agency herald has a hostile ID
// and name, and the titles of its first dimension and criterion and a
// flag's detail hostile too: the text says each as SafeText makes it, on
// as many lines as a plain name gives.
func TestTextHostile(t *testing.T) {
	report := func(s string) *score.Report {
		rep, err := hostileScorer(t, s, 0).Score(golden.Dataset())
		require.NoError(t, err)
		rename(rep, "herald", s)
		for i := range rep.Agencies {
			if rep.Agencies[i].AgencyID == s {
				rep.Agencies[i].Flags[0].Detail = s
			}
		}
		return rep
	}
	base := report("plain")
	_, tableLines := textOf(t, base.WriteText)
	_, explainLines := textOf(t, func(b io.Writer) error { return base.Explain(b, "plain") })
	for _, c := range hostileText {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, score.SafeText(c.in), "SafeText(%q)", c.in)
			rep := report(c.in)

			text, lines := textOf(t, rep.WriteText)
			assert.Equal(t, tableLines, lines, "WriteText: lines")
			assert.Regexp(t, `\n3 +`+regexp.QuoteMeta(c.want)+` +62\.76 +Slow +`, text, "WriteText: herald's row")
			assert.Regexp(t, `^Rank +Agency +Score +Grade +`+regexp.QuoteMeta(c.want)+` +Accuracy `, text, "WriteText: the head")
			checkPrintable(t, "WriteText", text)

			text, lines = textOf(t, func(b io.Writer) error { return rep.Explain(b, c.in) })
			assert.Equal(t, explainLines, lines, "Explain: lines")
			assert.True(t, strings.HasPrefix(text, c.want+" ["+c.want+"]\n"), "Explain: first line of %q", text)
			assert.Contains(t, text, "\n"+c.want+" ", "Explain: the first dimension")
			assert.Contains(t, text, ": "+c.want+"\n", "Explain: the flag's detail")
			checkPrintable(t, "Explain", text)
		})
	}
}

// TestTrendTextHostile renders a trend, by month, whose agency herald has
// a hostile ID and name, and whose first period's label is hostile too.
func TestTrendTextHostile(t *testing.T) {
	trend := func(s string) *score.Trend {
		tr, err := hostileScorer(t, s, 1).ScoreTrend(golden.Dataset(), score.Periods{Unit: score.Month})
		require.NoError(t, err)
		require.Len(t, tr.Periods, 3)
		tr.Periods[0].Label = s
		for _, p := range tr.Periods {
			rename(p.Report, "herald", s)
		}
		for i := range tr.Changes {
			c := &tr.Changes[i]
			if c.AgencyID == "herald" && c.From == "2025-10" {
				// A significant change, of a criterion whose ID is s.
				c.Criteria[0].ID = s
				c.Criteria[0].Test = &score.ChangeTest{Method: score.TestNewcombe, Significant: true}
			}
			if c.AgencyID == "herald" {
				c.AgencyID = s
			}
			if c.From == "2025-10" {
				c.From = s
			}
		}
		return tr
	}
	_, baseLines := textOf(t, trend("plain").WriteText)
	for _, c := range hostileText {
		t.Run(c.name, func(t *testing.T) {
			text, lines := textOf(t, trend(c.in).WriteText)
			assert.Equal(t, baseLines, lines, "Trend.WriteText: lines")
			assert.Regexp(t, `^Agency +`+regexp.QuoteMeta(c.want)+` +2025-11 +2025-12\*\n`, text, "Trend.WriteText: the head")
			assert.Regexp(t, `\n`+regexp.QuoteMeta(c.want)+` +[0-9.]+ #\d`, text, "Trend.WriteText: herald's row")
			assert.Contains(t, text, "\n  "+c.want+", "+c.want+" → 2025-11: "+c.want+" ", "Trend.WriteText: herald's significant change")
			checkPrintable(t, "Trend.WriteText", text)
		})
	}
}

// TestInfluenceTextHostile renders criteria and dimensions whose names a
// report read back from JSON may hold.
func TestInfluenceTextHostile(t *testing.T) {
	rep, err := hostileScorer(t, "plain", 0).Score(golden.Dataset())
	require.NoError(t, err)
	require.NotEmpty(t, rep.Influence)
	_, baseLines := textOf(t, rep.WriteInfluence)
	for _, c := range hostileText {
		t.Run(c.name, func(t *testing.T) {
			in := rep.Influence[0]
			rep.Influence[0].Criterion, rep.Influence[0].Dimension = c.in, rubric.DimensionID(c.in)
			defer func() { rep.Influence[0] = in }()
			text, lines := textOf(t, rep.WriteInfluence)
			assert.Equal(t, baseLines, lines, "WriteInfluence: lines")
			assert.Regexp(t, `\n`+regexp.QuoteMeta(c.want)+` +`+regexp.QuoteMeta(c.want)+` +0\.`, text, "WriteInfluence: the first row")
			checkPrintable(t, "WriteInfluence", text)
		})
	}
}
