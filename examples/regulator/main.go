package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	_ "time/tzdata" // the IANA zones of agencies and calendars, on any machine

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/sensitivity"
)

func main() {
	log.SetFlags(0)
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// draft returns the regulator's draft standard: the default with accuracy
// weighed more than speed, and a day's target that 80% of replies (not 90%)
// must meet for full points.
func draft() rubric.Rubric {
	std := rubric.Default()
	std.ID = "regulator-draft"
	std.Title = "Draft digital-governance standard (illustrative)"
	std.Version = "2026.2-draft"
	for i := range std.Dimensions {
		d := &std.Dimensions[i]
		switch d.ID {
		case rubric.ReplySpeed:
			d.Weight = decimal.RequireFromString("0.35")
			for j := range d.Criteria {
				if c := &d.Criteria[j]; c.ID == "within_24h" {
					best := decimal.RequireFromString("0.8")
					c.Scale.Best = &best
					c.Rationale = "The draft asks 80% of inquiries answered within a day for full points, leaving room for questions that need research."
				}
			}
		case rubric.Accuracy:
			d.Weight = decimal.RequireFromString("0.3")
			d.Rationale = "The draft weighs a right answer more than a fast one."
		}
	}
	return std
}

// Sensitivity settings: each weight may move by up to 20%, the overall
// score may be an arithmetic or a geometric mean, and each goalpost may move
// by up to 10% of its span. The seed makes the output the same every run.
var sensitivityOptions = sensitivity.Options{
	Runs: 1000, Seed: 2026, WeightNoise: 0.2, GoalpostShift: 0.1,
	Aggregations: []rubric.Aggregation{rubric.Arithmetic, rubric.Geometric},
}

func run(w io.Writer) error {
	// 1. Write the draft as a file a regulator can edit, and read it back.
	dir, err := os.MkdirTemp("", "govscore-regulator-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "standard.yaml")
	if err := rubric.SaveFile(path, draft()); err != nil {
		return err
	}
	std, err := rubric.LoadFile(path)
	if err != nil {
		return err
	}
	file, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "== The draft standard, as written to standard.yaml (%d bytes)\n\n%s\n", len(file), file)

	// 2. Score the records under it.
	sc, err := score.New(std, score.Options{AsOf: asOf})
	if err != nil {
		return err
	}
	rep, err := sc.Score(dataset())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "== Ranking under %s %s (%s), as of %s\n\n", rep.Rubric.ID, rep.Rubric.Version, rep.Rubric.Hash, rep.AsOf.Format("2006-01-02"))
	if err := rep.WriteText(w); err != nil {
		return err
	}

	// 3. How much the ranking depends on the draft's choices.
	sens, err := sensitivity.Analyze(rep, std, sensitivityOptions)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\n== Sensitivity of the ranking\n\n")
	if err := sens.WriteText(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nHow often each agency stays above the next one down:")
	for i := 0; i+1 < len(rep.Agencies) && rep.Agencies[i+1].Score != nil; i++ {
		a, b := rep.Agencies[i], rep.Agencies[i+1]
		fmt.Fprintf(w, "  %5.1f%%  %s above %s\n", 100*sens.Outranks(a.AgencyID, b.AgencyID), a.DisplayName("en"), b.DisplayName("en"))
	}

	// 4. What the draft changes from the default, and whether reports under
	// the two compare.
	changes := rubric.Diff(rubric.Default(), std)
	verdict, why := changes.Comparability()
	fmt.Fprintf(w, "\n== Changes from %s\n\n%s\nComparable with reports under the default: %s (%s)\n", rubric.DefaultID, changes, verdict, why)
	return nil
}
