package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/report"
)

var compareCommand = &command{
	name: "compare", args: "OLD.json NEW.json", summary: "what changed between two published reports, if their standards compare",
	minArgs: 2, maxArgs: 2, argsHelp: "two JSON reports (govscore score -format json)",
	help: `
Compare sets two reports side by side, made apart by govscore score
-format json: last quarter's published ranking and this quarter's, say. For
each agency in both it gives the change of its score and rank, and of each
criterion's value and points, with Newcombe's 95% interval for the change
of a rate (significant when it leaves out 0). Reply times get no test here:
a report keeps no samples. Scoring both periods from the records in one
run (govscore score -period) adds the log-rank test.

Each report must come with the standard it was made under: -old-rubric
and -rubric, govscore's default standard when not given; a standard that
is not the one a report names is an error. Reports made under standards
that differ in what makes a score (weights, metrics, parameters, scales;
see govscore diff) are refused (exit 1), naming the changes: score the old
period's records again under the new standard, with govscore score
-rubric NEW.yaml -period, and compare that.

The periods are labelled by the files' names, without .json. Give each
report the same follow-up: below, each quarter's records are scored 30
days after the quarter's end.

Examples:

	govscore score -as-of 2025-05-01T00:00:00+03:00 -format json -o 2025Q1.json q1.csv
	govscore score -as-of 2025-07-31T00:00:00+03:00 -format json -o 2025Q2.json q2.csv
	govscore compare 2025Q1.json 2025Q2.json
	govscore compare -old-rubric v1.yaml -rubric v2.yaml -format csv -o changes.csv 2025Q1.json 2025Q2.json
`,
	flags: compareFlags,
}

// compareFormats are the output formats of compare.
var compareFormats = []string{"text", "json", "csv"}

func compareFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	var oldRubric, newRubric, format, out string
	var rawCSV bool
	fs.StringVar(&oldRubric, "old-rubric", "", "the standard OLD was made under (YAML or JSON); default: govscore's default standard")
	fs.StringVar(&newRubric, "rubric", "", "the standard NEW was made under; default: govscore's default standard")
	fs.StringVar(&format, "format", "text", "output: "+strings.Join(compareFormats, ", "))
	fs.BoolVar(&rawCSV, "raw-csv", false, rawCSVHelp)
	fs.StringVar(&out, "o", "", "write to this file instead of standard output")
	return func(files []string, stdout, stderr io.Writer) int {
		if !slices.Contains(compareFormats, format) {
			fmt.Fprintf(stderr, "govscore compare: -format %q: want one of %s\nRun 'govscore compare -h' for help.\n", format, strings.Join(compareFormats, ", "))
			return exitUsage
		}
		var prs [2]score.PeriodReport
		var rs [2]rubric.Rubric
		for i, path := range []string{oldRubric, newRubric} {
			rs[i] = rubric.Default()
			if path == "" {
				continue
			}
			r, err := rubric.LoadFile(path)
			if err != nil {
				for _, line := range problems(path, err) {
					fmt.Fprintln(stderr, line)
				}
				return exitProblem
			}
			rs[i] = r
		}
		for i, path := range files {
			rep, err := readReport(path)
			if err != nil {
				fmt.Fprintf(stderr, "govscore compare: %v\n", err)
				return exitProblem
			}
			prs[i] = score.PeriodReport{Period: score.Period{Label: strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)),
				Start: rep.Since, End: rep.AsOf, CutOff: rep.AsOf}, Report: rep}
		}
		changes, err := score.Compare(prs[0], prs[1], rs[0], rs[1])
		if err != nil {
			fmt.Fprintf(stderr, "govscore compare: %v\n", err)
			return exitProblem
		}
		err = writeOutput(out, stdout, func(w io.Writer) error {
			switch format {
			case "json":
				if changes == nil {
					changes = []score.AgencyChange{}
				}
				return writeJSON(w, changes)
			case "csv":
				return report.CSVOptions{Raw: rawCSV}.WriteChanges(w, changes)
			}
			return writeChangesText(w, changes)
		})
		if err != nil {
			fmt.Fprintf(stderr, "govscore compare: %v\n", err)
			return exitProblem
		}
		return exitOK
	}
}

// writeChangesText writes each agency's score and rank in both periods,
// then the criteria whose change is significant at 5%. IDs and the
// periods' labels (the reports' file names) are printed as
// score.SafeText makes them, so that none can add a line or a column.
func writeChangesText(w io.Writer, changes []score.AgencyChange) error {
	if len(changes) == 0 {
		_, err := fmt.Fprintln(w, "No agency is in both reports.")
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	from, to := score.SafeText(changes[0].From), score.SafeText(changes[0].To)
	fmt.Fprintf(tw, "Agency\tScore %s\tScore %s\tChange\tRank %s\tRank %s\n", from, to, from, to)
	var moves []string
	for _, c := range changes {
		id := score.SafeText(c.AgencyID)
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", id, fixed(c.Score.From), fixed(c.Score.To), signedFixed(c.Score.Change),
			rankText(c.Rank.From), rankText(c.Rank.To))
		for _, cc := range c.Criteria {
			if cc.Test != nil && cc.Test.Significant {
				moves = append(moves, fmt.Sprintf("  %s: %s %s -> %s", id, score.SafeText(cc.ID), valueText(cc.Value.From), valueText(cc.Value.To)))
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(moves) > 0 {
		fmt.Fprintf(w, "\nSignificant changes at 5%% (%d):\n%s\n", len(moves), strings.Join(moves, "\n"))
	}
	return nil
}

// fixed writes a score with two decimals, or "-".
func fixed(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	return d.StringFixed(score.Places)
}

// signedFixed writes a change with its sign, or "-".
func signedFixed(d *decimal.Decimal) string {
	if d == nil {
		return "-"
	}
	if d.Sign() > 0 {
		return "+" + d.StringFixed(score.Places)
	}
	return d.StringFixed(score.Places)
}

// rankText writes a rank, or "-" for an agency not ranked.
func rankText(r int) string {
	if r == 0 {
		return "-"
	}
	return strconv.Itoa(r)
}

// valueText writes a measure's value with up to 4 decimals, or "NA".
func valueText(d *decimal.Decimal) string {
	if d == nil {
		return "NA"
	}
	return d.Round(4).String()
}
