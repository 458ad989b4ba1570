package report

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/internal/safe"
)

// sentence is one sentence of a page's summary, and the anchor of the
// numbers behind it.
type sentence struct{ Text, Href string }

// summarize says in a few plain sentences, in the page's language, what
// the report shows: how many agencies were scored and in which grades,
// who ranks first and last, who has been silent longest, and which
// dimensions are strongest and weakest across the agencies scored. Each
// sentence links to the part of the page with its numbers.
func summarize(rep *score.Report, l labels) []sentence {
	var out []sentence
	var scored []score.AgencyScore
	for _, a := range rep.Agencies {
		if a.Score != nil {
			scored = append(scored, a)
		}
	}

	// Grades, from the best band down.
	count := map[string]int{}
	for _, a := range scored {
		count[a.Grade]++
	}
	var parts []string
	for _, g := range sortedGrades(rep.Grades) {
		if n := count[g.ID]; n > 0 {
			parts = append(parts, strconv.Itoa(n)+" "+isolate(gradeLabel(rep, g.ID, l.Lang)))
		}
	}
	text := fmt.Sprintf(l.SumScored, len(scored), len(rep.Agencies))
	if len(parts) > 0 {
		text += fmt.Sprintf(l.SumGrades, strings.Join(parts, l.Sep))
	} else {
		text += "."
	}
	if n := len(rep.Agencies) - len(scored); n > 0 {
		text += " " + fmt.Sprintf(l.SumNotScored, n)
	}
	out = append(out, sentence{text, "#ranking"})

	// First and last.
	if len(scored) > 1 {
		first, last := scored[0], scored[0]
		for _, a := range scored {
			if a.Rank < first.Rank {
				first = a
			}
			if a.Rank > last.Rank {
				last = a
			}
		}
		out = append(out, sentence{fmt.Sprintf(l.SumTop, isolate(agencyName(first, l.Lang)), fixed(first.Score),
			isolate(agencyName(last, l.Lang)), fixed(last.Score)), "#ranking"})
	}

	// The longest silence: the oldest inquiry left unanswered.
	var silent *score.AgencyScore
	var silence *score.Flag
	oldest := -1
	for i := range rep.Agencies {
		a := &rep.Agencies[i]
		for j := range a.Flags {
			f := &a.Flags[j]
			if f.Code != score.FlagLongSilence || f.Message != "long_silence" || !counts(f.Args, 4) {
				continue // not this version's flag, or not ours: a report read back may hold anything
			}
			if days, _ := strconv.Atoi(f.Args[3]); days > oldest {
				silent, silence, oldest = a, f, days
			}
		}
	}
	if silent != nil {
		out = append(out, sentence{fmt.Sprintf(l.SumSilence, isolate(agencyName(*silent, l.Lang)), silence.Args[3],
			silence.Args[0], silence.Args[1], silence.Args[2]), "#agency-" + safe.Text(silent.AgencyID)})
	}

	// Dimensions, by their average score over the agencies scored.
	if strong, weak, ok := dimensionRange(scored); ok {
		out = append(out, sentence{fmt.Sprintf(l.SumDimensions, isolate(l.dimensionLabel(strong.id, strong.title)), strong.mean.StringFixed(score.Places),
			isolate(l.dimensionLabel(weak.id, weak.title)), weak.mean.StringFixed(score.Places)), "#contributions"})
	}
	return out
}

// counts reports whether args are n whole numbers, as the scorer writes
// them.
func counts(args []string, n int) bool {
	if len(args) != n {
		return false
	}
	for _, a := range args {
		if _, err := strconv.ParseUint(a, 10, 63); err != nil {
			return false
		}
	}
	return true
}

// isolate wraps a name from the data in Unicode's first-strong isolate
// (U+2068 … U+2069), as <bdi> does in markup: a Latin name in an Arabic
// sentence, or the other way round, keeps its own direction without
// reordering the words around it. The name was made safe first
// (agencyName), so it holds no formatting character of its own.
func isolate(name string) string { return "\u2068" + name + "\u2069" }

// dimensionMean is a dimension's average score.
type dimensionMean struct {
	id    rubric.DimensionID
	title string
	mean  decimal.Decimal
}

// dimensionRange returns the dimensions with the highest and the lowest
// average score over the agencies, each average taken over the agencies
// that have a score for the dimension; ok is false when fewer than two
// dimensions have one.
func dimensionRange(agencies []score.AgencyScore) (strong, weak dimensionMean, ok bool) {
	sums := map[rubric.DimensionID]decimal.Decimal{}
	counts := map[rubric.DimensionID]int64{}
	var order []dimensionMean
	for _, a := range agencies {
		for _, d := range a.Dimensions {
			if _, seen := counts[d.ID]; !seen {
				order = append(order, dimensionMean{id: d.ID, title: d.Title})
				counts[d.ID] = 0
			}
			if d.Score != nil {
				sums[d.ID] = sums[d.ID].Add(*d.Score)
				counts[d.ID]++
			}
		}
	}
	var means []dimensionMean
	for _, d := range order {
		if n := counts[d.id]; n > 0 {
			d.mean = sums[d.id].DivRound(decimal.NewFromInt(n), score.Places)
			means = append(means, d)
		}
	}
	if len(means) < 2 {
		return dimensionMean{}, dimensionMean{}, false
	}
	// Ties go to the dimension first in the rubric: MaxFunc and MinFunc
	// return the first.
	byMean := func(a, b dimensionMean) int { return a.mean.Cmp(b.mean) }
	strong, weak = slices.MaxFunc(means, byMean), slices.MinFunc(means, byMean)
	return strong, weak, true
}
