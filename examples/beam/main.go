package main

import (
	"context"
	"flag"
	"fmt"
	"os"
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
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "Usage: beam --input GLOBS --output REPORT.json --as_of TIME [flags]\n\n"+
			"Scores inquiries files on Apache Beam as govscore score -format json does on one machine,\n"+
			"by periods with --period as govscore score -period does.\n"+
			"Runner flags (--runner, default prism, --project, --region, --endpoint, ...) are Beam's own.\n\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	beam.Init()
	ctx := context.Background()
	if err := run(ctx); err != nil {
		fmt.Fprintln(os.Stderr, "beam:", err)
		os.Exit(1)
	}
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
