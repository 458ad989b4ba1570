package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/audit"
)

var auditCommand = &command{
	name: "audit", args: "sample|merge INPUT...", summary: "grade a sample of replies by hand: draw the sheet, merge it back",
	minArgs: 2, maxArgs: -1, argsHelp: "sample or merge, then one or more input files",
	help: `
Audit supports accuracy audits. Real exports carry no accuracy grades, so a
regulator or a newspaper grades a sample of replies by hand:

	govscore audit sample [-per-agency N] [-seed S] [-by channel_kind] -o sheet.csv INPUT...

draws a seeded sample of answered inquiries from each agency and writes a
grading sheet (CSV) with an empty grade column. A person fills it in with
accurate, partial, inaccurate, deflection or ungraded. Then

	govscore audit merge -sheet sheet.csv -o graded.csv INPUT...

checks every row of the sheet and sets its grades on the inquiries, all or
nothing (a grade for an unknown inquiry, for one without a reply, or one
that contradicts an existing grade fails the merge, exit 1), and writes the
inquiries with their grades as govscore's CSV, ready for 'govscore score'.
Rows left empty are counted, not merged. Inputs are read as by 'govscore
score' (-in, -lenient, -zone).

Examples:

	govscore audit sample -in boston311 -lenient -per-agency 20 -o sheet.csv boston311_2015_*.csv
	govscore audit merge -in boston311 -lenient -sheet sheet.csv -o graded.csv boston311_2015_*.csv
	govscore score -as-of 2016-01-12T22:22:00-05:00 graded.csv
`,
}

// The flags are set in init: they print the command's own usage.
func init() { auditCommand.flags = auditFlagSet }

func auditFlagSet(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	inFlag := fs.String("in", "inquiries", "input format, as for score")
	lenient := fs.Bool("lenient", false, "report bad rows and go on, instead of stopping at the first")
	zone := fs.String("zone", "", "IANA time zone of timestamps written without an offset")
	perAgency := fs.Int("per-agency", audit.DefaultPerAgency, "sample: answered inquiries per agency")
	seed := fs.Uint64("seed", 1, "sample: seed of the draw; the same seed draws the same sample")
	by := fs.String("by", "", "sample: stratify within each agency: channel_kind, or nothing")
	asOf := fs.String("as-of", "", "sample: draw only replies sent by this time (RFC 3339); default: all")
	sheet := fs.String("sheet", "", "merge: the grading sheet, filled in")
	out := fs.String("o", "", "write to this file instead of standard output")
	return func(args []string, stdout, stderr io.Writer) int {
		// The flags may follow the action too: "audit sample -o x.csv".
		if err := fs.Parse(args[1:]); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, auditCommand.usage(fs))
				return exitOK
			}
			fmt.Fprintln(stderr, "Run 'govscore audit -h' for help.")
			return exitUsage
		}
		if fs.NArg() == 0 {
			fmt.Fprintf(stderr, "govscore audit: want one or more input files after %s\nRun 'govscore audit -h' for help.\n", args[0])
			return exitUsage
		}
		code, err := runAudit(args[0], fs.Args(), auditFlags{*inFlag, *lenient, *zone, *perAgency, *seed, *by, *asOf, *sheet, *out}, stdout, stderr)
		var ue usageError
		switch {
		case errors.As(err, &ue):
			fmt.Fprintf(stderr, "govscore audit: %v\nRun 'govscore audit -h' for help.\n", ue.error)
			return exitUsage
		case err != nil:
			fmt.Fprintf(stderr, "govscore audit: %v\n", err)
		}
		return code
	}
}

type auditFlags struct {
	in        string
	lenient   bool
	zone      string
	perAgency int
	seed      uint64
	by, asOf  string
	sheet     string
	out       string
}

func runAudit(action string, inputs []string, f auditFlags, stdout, stderr io.Writer) (int, error) {
	if action != "sample" && action != "merge" {
		return exitUsage, usageError{fmt.Errorf("%q: want sample or merge", action)}
	}
	in, m, err := parseIn(f.in)
	if err != nil {
		return exitUsage, err
	}
	loc, err := parseZone(f.zone)
	if err != nil {
		return exitUsage, err
	}
	opts := audit.SampleOptions{Seed: f.seed, PerAgency: f.perAgency, By: audit.Stratum(f.by)}
	switch {
	case opts.By != audit.ByNothing && opts.By != audit.ByChannelKind:
		return exitUsage, usageError{fmt.Errorf("-by %q: want channel_kind, or nothing", f.by)}
	case f.perAgency < 1:
		return exitUsage, usageError{fmt.Errorf("-per-agency %d: want at least 1", f.perAgency)}
	case action == "merge" && f.sheet == "":
		return exitUsage, usageError{errors.New("merge needs -sheet")}
	}
	if f.asOf != "" {
		t, err := time.Parse(time.RFC3339, f.asOf)
		if err != nil {
			return exitUsage, usageError{fmt.Errorf("-as-of %q: want RFC 3339 with an offset", f.asOf)}
		}
		opts.AsOf = t
	}
	files, closeAll, err := openAll(inputs)
	if err != nil {
		return exitProblem, err
	}
	defer closeAll()
	data, _, err := readInputs(in, m, inputs, files, f.lenient, loc, stderr)
	if err != nil {
		return exitProblem, err
	}
	ds := model.Merge(data...)
	if action == "sample" {
		sample := audit.Sample(ds, opts)
		if err := writeOutput(f.out, stdout, func(w io.Writer) error { return audit.WriteSheet(w, sample) }); err != nil {
			return exitProblem, err
		}
		fmt.Fprintf(stderr, "sheet: %d inquiries to grade\n", len(sample))
		return exitOK, nil
	}
	sf, err := os.Open(f.sheet)
	if err != nil {
		return exitProblem, err
	}
	defer sf.Close()
	grades, acct, err := audit.ReadSheet(sf, model.ReadOptions{File: f.sheet, Lenient: f.lenient})
	if err := account(stderr, f.sheet, acct, err); err != nil {
		return exitProblem, err
	}
	res, err := audit.Merge(&ds, grades)
	fmt.Fprintf(stderr, "merge: %d grades set, %d the same as before", res.Set, res.Same)
	if n := len(acct.Warnings); n > 0 {
		fmt.Fprintf(stderr, ", %d rows not graded yet", n)
	}
	fmt.Fprintln(stderr)
	if err != nil {
		for _, line := range strings.Split(err.Error(), "\n") {
			fmt.Fprintf(stderr, "%s: %s\n", f.sheet, line)
		}
		return exitProblem, nil
	}
	if err := writeOutput(f.out, stdout, func(w io.Writer) error { return model.WriteInquiriesCSV(w, ds.Inquiries) }); err != nil {
		return exitProblem, err
	}
	return exitOK, nil
}
