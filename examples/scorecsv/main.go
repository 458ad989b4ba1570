package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
	"time"
	_ "time/tzdata" // the IANA zones of agencies and calendars, on any machine

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/report"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("scorecsv: ")
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		log.Fatal(err)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("scorecsv", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asOfText := fs.String("asof", "", "observation cut-off, RFC 3339 with offset (required)")
	rubricPath := fs.String("rubric", "", "rubric file (YAML or JSON); default: the govscore default standard")
	format := fs.String("format", "text", "output: text, markdown or json")
	explain := fs.String("explain", "", "also explain the score of this agency ID")
	lenient := fs.Bool("lenient", false, "skip bad rows (each is reported) instead of stopping at the first")
	minSample := fs.Int("min-sample", 0, "minimum sample size per criterion (0: the default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *asOfText == "" {
		fs.Usage()
		return errors.New("want -asof and one CSV file")
	}
	asOf, err := time.Parse(time.RFC3339, *asOfText)
	if err != nil {
		return fmt.Errorf("-asof: %w", err)
	}
	std := rubric.Default()
	if *rubricPath != "" {
		if std, err = rubric.LoadFile(*rubricPath); err != nil {
			return err
		}
	}
	sc, err := score.New(std, score.Options{AsOf: asOf, MinSample: *minSample})
	if err != nil {
		return err
	}

	start := time.Now() // for the timing line only
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	// Stream the rows into an accumulator: memory grows with the agencies,
	// not with the rows, and the file is parsed on every core.
	acc, err := sc.NewAccumulator(model.Dataset{})
	if err != nil {
		return err
	}
	opts := model.ReadOptions{File: path, Lenient: *lenient, Progress: progressTo(stderr)}
	scan := model.ScanInquiriesCSV[*score.Accumulator]
	if strings.HasSuffix(path, ".jsonl") {
		scan = model.ScanInquiriesJSONL[*score.Accumulator]
	}
	acct, err := scan(f, opts, acc)
	for _, r := range acct.Rejected {
		fmt.Fprintln(stderr, r)
	}
	for _, w := range acct.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	fmt.Fprintf(stderr, "%s: %d rows read, %d accepted, %d rejected\n", path, acct.Read, acct.Accepted, len(acct.Rejected))
	if err != nil {
		return err
	}
	rep, err := acc.Report()
	if err != nil {
		return err
	}
	elapsed := time.Since(start)

	switch *format {
	case "text":
		err = rep.WriteText(stdout)
	case "markdown":
		err = report.WriteMarkdown(stdout, rep, report.Options{})
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(rep)
	default:
		return fmt.Errorf("-format: %q is not text, markdown or json", *format)
	}
	if err != nil {
		return err
	}
	if *explain != "" {
		fmt.Fprintln(stdout)
		if err := rep.Explain(stdout, *explain); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "govscore: %d agencies, wall %.3f s (CSV read included)\n", len(rep.Agencies), elapsed.Seconds())
	return nil
}

// progressTo returns a progress function that writes one updating line to
// w, or nil when w is not a terminal (a file or a pipe gets no progress).
func progressTo(w io.Writer) func(model.Progress) {
	f, ok := w.(*os.File)
	if !ok {
		return nil
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return nil
	}
	return func(p model.Progress) {
		pct := ""
		if p.Size > 0 {
			pct = fmt.Sprintf(" %3.0f%%", 100*float64(p.Bytes)/float64(p.Size))
		}
		fmt.Fprintf(f, "\r%s:%s %d MB, %d rows accepted", p.File, pct, p.Bytes>>20, p.Accepted)
		if p.Bytes == p.Size {
			fmt.Fprintln(f)
		}
	}
}
