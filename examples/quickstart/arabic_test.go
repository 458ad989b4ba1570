package main

import (
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
)

// TestArabicPageHasNoEnglish renders the quickstart report in Arabic and
// looks for English words in what a reader sees: the page's text, its
// tooltips and the charts' descriptions, without markup. What the data
// names and the page does not translate is taken out first: agency names
// and IDs, criterion, dimension, gate and grade IDs, metric codes, the
// rubric's ID, version and hash, the standard's rationales (quoted in
// the methodology as their author wrote them), and channel kinds and
// handles. Nothing else in Latin letters may remain.
func TestArabicPageHasNoEnglish(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ar.html")
	require.NoError(t, writeHTML(path, "ar"))
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	page := string(b)
	page = regexp.MustCompile(`(?s)<style>.*?</style>`).ReplaceAllString(page, " ")
	// Attributes a reader sees (tooltips) stay; the rest of the markup goes.
	var seen []string
	for _, m := range regexp.MustCompile(`title="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		seen = append(seen, m[1])
	}
	page = regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, " ")
	text := html.UnescapeString(page + " " + strings.Join(seen, " "))

	rep := report(t)
	var known []string
	for _, a := range rep.Agencies {
		known = append(known, a.AgencyID, a.Name)
		for _, d := range a.Dimensions {
			known = append(known, string(d.ID), d.CappedBy)
			for _, c := range d.Criteria {
				known = append(known, c.ID, string(c.Metric))
			}
		}
		for _, g := range a.Gates {
			known = append(known, g.ID, string(g.Metric))
		}
		for _, f := range a.Flags {
			known = append(known, f.Node)
		}
	}
	for _, g := range rep.Grades {
		known = append(known, g.ID)
	}
	known = append(known, rep.Rubric.ID, rep.Rubric.Version, rep.Rubric.Hash)
	// The standard's own words, in the language its author wrote them:
	// the methodology section quotes its rationales as they are.
	std := rubric.Default()
	for _, d := range std.Dimensions {
		known = append(known, d.Rationale)
		for _, c := range d.Criteria {
			known = append(known, c.Rationale)
		}
	}
	ds := dataset()
	for _, c := range ds.Channels {
		known = append(known, c.ID, c.Handle, string(c.Kind))
	}
	// The longest first, so that a name is taken out before a word of it.
	slices.SortFunc(known, func(a, b string) int { return len(b) - len(a) })
	for _, k := range known {
		if k != "" {
			text = strings.ReplaceAll(text, k, " ")
		}
	}
	words := regexp.MustCompile(`[A-Za-z]{2,}`).FindAllString(text, -1)
	slices.Sort(words)
	require.Empty(t, slices.Compact(words), "English left in the Arabic page")
}
