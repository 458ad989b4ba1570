package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"
)

var (
	input     = flag.String("input", "", "inquiries files to score, CSV or JSON Lines (.jsonl), as globs separated by commas (required)")
	output    = flag.String("output", "", "the JSON report to write (required)")
	rejected  = flag.String("rejected", "", "a CSV file to write the rejected rows to, with their file, line, field and reason")
	asOf      = flag.String("as_of", "", "the cut-off, RFC 3339 with an offset, e.g. 2026-01-01T00:00:00+03:00 (required)")
	rubricF   = flag.String("rubric", "", "the standard's YAML or JSON file (default: the default standard)")
	lenient   = flag.Bool("lenient", false, "reject bad rows and go on, rather than fail at the first")
	timeZone  = flag.String("time_zone", "", "IANA time zone of timestamps without an offset (--zone is Beam's, for Dataflow)")
	minSample = flag.Int("min_sample", 0, "minimum sample per criterion (0: the scorer's default)")
	period    = flag.String("period", "", "score by periods: month, quarter, year, or boundaries in RFC 3339 separated by commas")
	followUp  = flag.Int("follow_up_days", 0, "with --period, days each period's inquiries are followed after its end (0: 30)")
	agencies  = flag.String("agencies", "", "agencies file, CSV or JSON")
	channels  = flag.String("channels", "", "channels file, CSV or JSON")
	staffing  = flag.String("staffing", "", "staffing file, CSV or JSON")
	calendars = flag.String("calendars", "", "business calendars file, JSON")
)

func main() {
	flag.Usage = usage
	flag.Parse()
	beam.Init()
	ctx := context.Background()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "beam:", err)
		os.Exit(1)
	}
}

// ownFlags are the command's flags, shown before Beam's own.
var ownFlags = []string{"input", "output", "rejected", "as_of", "rubric", "period", "follow_up_days", "lenient",
	"time_zone", "min_sample", "agencies", "channels", "staffing", "calendars"}

// usage prints the command's flags, then Beam's.
func usage() {
	w := flag.CommandLine.Output()
	fmt.Fprint(w, "Usage: go run . --input GLOBS --output REPORT.json --as_of TIME [flags]\n\n"+
		"Scores inquiries files on Apache Beam as govscore score -format json does on one machine,\n"+
		"by periods with --period as govscore score -period does. See doc.go for Dataflow, Flink and Spark.\n\n"+
		"Flags:\n")
	for _, name := range ownFlags {
		printFlag(w, flag.Lookup(name))
	}
	fmt.Fprint(w, "\nBeam's own flags (--runner: prism by default, dataflow, flink, spark; and each runner's):\n")
	flag.VisitAll(func(f *flag.Flag) {
		if !slices.Contains(ownFlags, f.Name) {
			printFlag(w, f)
		}
	})
}

func printFlag(w io.Writer, f *flag.Flag) {
	def := ""
	if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
		def = fmt.Sprintf(" (default %s)", f.DefValue)
	}
	fmt.Fprintf(w, "  --%s\n    \t%s%s\n", f.Name, f.Usage, def)
}

func run(ctx context.Context) error {
	job := Job{AsOf: *asOf, Lenient: *lenient, Zone: *timeZone, MinSample: *minSample, Period: *period, FollowUpDays: *followUp}
	if *asOf == "" {
		return fmt.Errorf("--as_of is required")
	}
	var err error
	if *rubricF != "" {
		if job.Rubric, err = readFile(ctx, *rubricF); err != nil {
			return err
		}
	}
	for _, m := range []struct {
		name string
		into *MetaFile
	}{{*agencies, &job.Agencies}, {*channels, &job.Channels}, {*staffing, &job.Staffing}, {*calendars, &job.Calendars}} {
		if m.name == "" {
			continue
		}
		m.into.Name = m.name
		if m.into.Data, err = readFile(ctx, m.name); err != nil {
			return err
		}
	}
	p, s := beam.NewPipelineWithRoot()
	var patterns []string
	if *input != "" {
		patterns = strings.Split(*input, ",")
	}
	if err := Build(s, patterns, job, Outputs{Report: *output, Rejected: *rejected}); err != nil {
		return err
	}
	return beamx.Run(ctx, p)
}

// readFile reads a file, on any file system Beam knows.
func readFile(ctx context.Context, name string) ([]byte, error) {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	return filesystem.Read(ctx, fs, name)
}
