package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
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

	start := time.Now()
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	ds, acct, err := model.ReadInquiriesCSV(f, model.ReadOptions{File: path, Lenient: *lenient})
	for _, r := range acct.Rejected {
		fmt.Fprintln(stderr, r)
	}
	fmt.Fprintf(stderr, "%s: %d rows read, %d accepted, %d rejected\n", path, acct.Read, acct.Accepted, len(acct.Rejected))
	if err != nil {
		return err
	}
	rep, err := sc.Score(ds)
	if err != nil {
		return err
	}
	elapsed := time.Since(start)

	switch *format {
	case "text":
		err = rep.WriteText(stdout)
	case "markdown":
		err = rep.WriteMarkdown(stdout)
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
