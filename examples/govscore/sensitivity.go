package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/sensitivity"
)

var sensitivityCommand = &command{
	name: "sensitivity", args: "REPORT.json", summary: "how much a ranking depends on the standard's weights and choices",
	minArgs: 1, maxArgs: 1, argsHelp: "one report, as 'govscore score -format json' writes it",
	help: `
Sensitivity asks how much a report's ranking and grades depend on choices
the standard made: it rescores the report's agencies many times (Monte
Carlo), each time with the weights shaken (-weight-noise), the goalposts
moved (-goalpost-shift) or the overall aggregation drawn (-aggregations),
and prints each agency's median rank, its 5%-95% rank interval and how
often it gets each grade, then how often each agency stays above the next.

It reads a JSON report and the standard it was scored under (-rubric; the
default standard when left out), and refuses a report whose scores do not
follow from its points under that standard. The same seed gives the same
result.

Examples:

	govscore score -as-of 2026-01-01T00:00:00+03:00 -format json -o report.json inquiries.csv
	govscore sensitivity -weight-noise 0.2 -goalpost-shift 0.1 report.json
	govscore sensitivity -rubric draft.yaml -runs 10000 -seed 7 -format json report.json
`,
	flags: func(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
		rubricPath := fs.String("rubric", "", "the standard the report was scored under; default: govscore's default standard")
		var opts sensitivity.Options
		fs.IntVar(&opts.Runs, "runs", sensitivity.DefaultRuns, "Monte Carlo runs")
		fs.Uint64Var(&opts.Seed, "seed", 2026, "seed of the random draws")
		fs.Float64Var(&opts.WeightNoise, "weight-noise", 0.2, "each weight times a factor drawn from [1-x, 1+x], 0 <= x < 1")
		fs.Float64Var(&opts.GoalpostShift, "goalpost-shift", 0, "each goalpost moved by up to x times the span between them, 0 <= x < 0.5")
		aggs := fs.String("aggregations", "", "overall aggregations to draw from, comma-separated (arithmetic, geometric, minimum); default: the standard's")
		format := fs.String("format", "text", "output: text or json")
		out := fs.String("o", "", "write to this file instead of standard output")
		return func(args []string, stdout, stderr io.Writer) int {
			if *format != "text" && *format != "json" {
				fmt.Fprintf(stderr, "govscore sensitivity: -format %q: want text or json\n", *format)
				return exitUsage
			}
			for _, a := range strings.Split(*aggs, ",") {
				if a = strings.TrimSpace(a); a != "" {
					opts.Aggregations = append(opts.Aggregations, rubric.Aggregation(a))
				}
			}
			std := rubric.Default()
			if *rubricPath != "" {
				r, err := rubric.LoadFile(*rubricPath)
				if err != nil {
					for _, line := range problems(*rubricPath, err) {
						fmt.Fprintln(stderr, line)
					}
					return exitProblem
				}
				std = r
			}
			rep, err := readReport(args[0])
			if err != nil {
				fmt.Fprintf(stderr, "govscore sensitivity: %v\n", err)
				return exitProblem
			}
			sens, err := sensitivity.Analyze(rep, std, opts)
			if err != nil {
				fmt.Fprintf(stderr, "govscore sensitivity: %v\n", err)
				return exitProblem
			}
			err = writeOutput(*out, stdout, func(w io.Writer) error {
				if *format == "json" {
					return writeJSON(w, sens)
				}
				return writeSensitivity(w, rep, sens)
			})
			if err != nil {
				fmt.Fprintf(stderr, "govscore sensitivity: %v\n", err)
				return exitProblem
			}
			return exitOK
		}
	},
}

// maxReportBytes bounds a report read back: a report of a million
// agencies takes some gigabytes, and 1 GiB is ample for a published one.
const maxReportBytes = 1 << 30

// readReport reads a JSON report, as govscore score -format json writes
// it.
func readReport(path string) (*score.Report, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var rep score.Report
	dec := json.NewDecoder(io.LimitReader(f, maxReportBytes))
	if err := dec.Decode(&rep); err != nil {
		return nil, fmt.Errorf("%s: not a report as 'govscore score -format json' writes it: %w", path, err)
	}
	if rep.Schema != score.SchemaVersion {
		return nil, fmt.Errorf("%s: not a report as 'govscore score -format json' writes it: schema %q, want %q", path, rep.Schema, score.SchemaVersion)
	}
	return &rep, nil
}

// writeSensitivity writes the analysis as text: the table, then how often
// each scored agency stays above the next one down.
func writeSensitivity(w io.Writer, rep *score.Report, sens *sensitivity.Report) error {
	if err := sens.WriteText(w); err != nil {
		return err
	}
	if _, err := fmt.Fprintln(w, "\nHow often each agency stays above the next one down:"); err != nil {
		return err
	}
	for i := 0; i+1 < len(rep.Agencies) && rep.Agencies[i+1].Score != nil; i++ {
		a, b := rep.Agencies[i], rep.Agencies[i+1]
		if _, err := fmt.Fprintf(w, "  %5.1f%%  %s above %s\n", 100*sens.Outranks(a.AgencyID, b.AgencyID),
			score.SafeText(a.AgencyID), score.SafeText(b.AgencyID)); err != nil {
			return err
		}
	}
	return nil
}
