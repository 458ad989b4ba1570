package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/calendars"
	"github.com/govscore/govscore/model/city311"
	"github.com/govscore/govscore/model/mapping"
	"github.com/govscore/govscore/model/open311"
	"github.com/govscore/govscore/model/twitter"
	"github.com/govscore/govscore/model/xapi"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/report"
)

var scoreCommand = &command{
	name: "score", args: "INPUT...", summary: "score records against a standard: ranking, grades, explanations",
	minArgs: 1, maxArgs: -1, argsHelp: "one or more input files",
	help: `
Score reads records of inquiries and replies, applies a standard to them and
writes the report: every agency's score, grade and rank, with its dimensions,
criteria and flags.

Input formats (-in):

	inquiries  govscore's own records: CSV, or JSON Lines when the name ends
	           in .jsonl (the default); read in parallel, in bounded memory
	twitter    the "Customer Support on Twitter" thread layout
	xapi       X API v2 tweets: a twarc2 archive, a response or flattened
	           tweets; -agencies gives the agencies' accounts (CSV:
	           agency_id, handle, user_id, and optionally name, name_ar...)
	boston311  Boston 311 exports (2015 or 2022 layout)
	nyc311     New York City 311 exports (portal CSV, Socrata CSV or JSON)
	sf311      San Francisco 311 exports
	open311    an Open311 GeoReport v2 requests.json response
	mapping=F  any CSV, read by the column mapping in file F

Agencies, channels and staffing come from the records; -agencies,
-channels and -staffing declare them (CSV, or JSON when the name ends in
.json), as the standard's openness and staffing criteria need.
-calendars loads business calendars (JSON); -calendar saudi or us gives a
preset calendar to every agency that names none, so that a criterion in
business time (clock: business) is measured in it. A business-time
criterion measured without a calendar is a warning on standard error.

With -in xapi, the archive is one file (join several with cat: replies
are matched within one input), and the declared X channels of -channels
are checked against the tweets: a channel declared open that was observed
broadcast-only, one declared broadcast-only that replied, or one that no
account of -agencies is, is a warning on standard error, and the
observation is scored in place of the declaration.

Every row is accounted for: a summary per file on standard error, and
every rejected row with its file, line, field and reason. Strict by
default, the first bad row stops the command (exit 1); -lenient reports
bad rows and goes on.

IDs, names and labels come from the input and are printed so that they
cannot forge output: control and bidirectional characters as visible
escapes (\n, \u202e) in text, md and html, and Markdown and HTML markup
escaped. In the CSV formats a cell that starts with =, +, -, @, a tab or
a carriage return, which a spreadsheet would run as a formula, gets a '
before it, as does each part of a cell after a ; (where a spreadsheet
whose list separator is ; splits it); -raw-csv writes such cells as they
are, for files that only programs read. Numbers are never changed.

Examples:

	govscore score -as-of 2026-01-01T00:00:00+03:00 inquiries.csv
	govscore score -as-of 2026-01-01T00:00:00+03:00 -rubric draft.yaml \
	    -agencies agencies.csv -channels channels.csv -staffing staffing.csv \
	    -calendar saudi -format html -lang ar -o report.html inquiries.csv
	govscore score -in twitter -format csv -o twitter.csv twcs.csv
	govscore score -in xapi -agencies accounts.csv -channels channels.csv \
	    -min-sample 3 -format html -lang ar -o x.html archive.jsonl
	govscore score -in boston311 -lenient -as-of 2016-01-12T22:22:00-05:00 \
	    -format dims-csv -o boston.csv boston311_2015_*.csv
	govscore score -as-of 2026-01-01T00:00:00+03:00 -period quarter inquiries.csv
	govscore score -as-of 2026-01-01T00:00:00+03:00 -period quarter \
	    -format changes-csv -o changes.csv inquiries.csv

Periods (-period):

-period month, quarter or year scores each calendar period apart, in the
time zone of -as-of, from the period of the earliest inquiry to that of
the latest received by -as-of; -period T1,T2,... (RFC 3339) gives the
boundaries instead. An inquiry belongs to the period in which it was received. Each
period is observed at its own cut-off, its end plus -follow-up-days (30 by
default) or -as-of if sooner: a reply after the cut-off has not happened
yet for that period, so that periods are compared with equal follow-up. A
period cut short by -as-of is marked provisional (*). The report holds
every period and the changes between consecutive ones, with Newcombe's
interval for rates and the log-rank test for reply times. Formats with
-period: text (a table of scores and ranks, then the significant
changes), json, csv and dims-csv (with a leading period column),
changes-csv (one row per agency, criterion and pair of periods), and md
and html (the periods, each agency's score and rank by period, and the
largest rises and falls between the last two periods).
`,
	flags: scoreFlags,
}

// rawCSVHelp is the help of -raw-csv, which score and compare share.
const rawCSVHelp = "CSV formats: write IDs, names and labels as they are, without the ' put before one that starts with = + - @, " +
	"a tab or CR, which a spreadsheet would run as a formula; only for files that programs read"

// formats are the output formats of score; trendFormats those it has
// with -period.
var (
	formats      = []string{"text", "json", "csv", "dims-csv", "md", "html", "changes-csv"}
	trendFormats = []string{"text", "json", "csv", "dims-csv", "changes-csv", "md", "html"}
)

func scoreFlags(fs *flag.FlagSet) func([]string, io.Writer, io.Writer) int {
	var o scoreOptions
	fs.StringVar(&o.asOf, "as-of", "", "observation cut-off, RFC 3339 with offset (default for -in twitter and xapi: the file's latest tweet)")
	fs.StringVar(&o.rubric, "rubric", "", "standard file (YAML or JSON); default: govscore's default standard")
	fs.StringVar(&o.in, "in", "inquiries", "input format: inquiries, twitter, xapi, boston311, nyc311, sf311, open311 or mapping=FILE")
	fs.StringVar(&o.agencies, "agencies", "", "agencies file (CSV or JSON); with -in xapi, the agencies' X accounts (CSV)")
	fs.StringVar(&o.channels, "channels", "", "channels file (CSV or JSON)")
	fs.StringVar(&o.staffing, "staffing", "", "staffing file (CSV or JSON)")
	fs.StringVar(&o.calendars, "calendars", "", "business calendars file (JSON)")
	fs.StringVar(&o.calendar, "calendar", "", "preset calendar for agencies that name none: saudi or us")
	fs.StringVar(&o.zone, "zone", "", "IANA time zone of timestamps written without an offset (311 exports: the city's)")
	fs.BoolVar(&o.lenient, "lenient", false, "report bad rows and go on, instead of stopping at the first")
	fs.IntVar(&o.minSample, "min-sample", 0, "minimum sample per criterion (0: the scorer's default)")
	fs.StringVar(&o.format, "format", "text", "output: "+strings.Join(formats, ", "))
	fs.BoolVar(&o.rawCSV, "raw-csv", false, rawCSVHelp)
	fs.StringVar(&o.lang, "lang", "en", "language of labels and names for md and html: en or ar")
	fs.StringVar(&o.digits, "digits", "western", "digits of numbers in an html page: western or arabic-indic")
	fs.StringVar(&o.explain, "explain", "", "also explain this agency's score (text output)")
	fs.StringVar(&o.period, "period", "", "score by period: month, quarter, year, or boundaries T1,T2,... in RFC 3339")
	fs.IntVar(&o.followUp, "follow-up-days", 0, "with -period: days each period is followed after its end (0: 30)")
	fs.StringVar(&o.out, "o", "", "write to this file instead of standard output")
	fs.StringVar(&o.cpuProfile, "cpuprofile", "", "write a CPU profile of the run to this file (see pgo.sh)")
	return func(inputs []string, stdout, stderr io.Writer) int {
		o.inputs = inputs
		if o.cpuProfile != "" {
			f, err := os.Create(o.cpuProfile)
			if err == nil {
				err = pprof.StartCPUProfile(f)
			}
			if err != nil {
				fmt.Fprintf(stderr, "govscore score: -cpuprofile: %v\n", err)
				return exitProblem
			}
			defer func() {
				pprof.StopCPUProfile()
				f.Close()
			}()
		}
		return o.run(stdout, stderr)
	}
}

type scoreOptions struct {
	asOf, rubric, in                        string
	agencies, channels, staffing, calendars string
	calendar, zone                          string
	lenient                                 bool
	minSample                               int
	std                                     *rubric.Rubric // the standard scored under, once read
	digits                                  string
	format, lang, explain, out              string
	rawCSV                                  bool
	period                                  string
	followUp                                int
	cpuProfile                              string
	inputs                                  []string
}

// usageError is a problem with the command line: exit 2.
type usageError struct{ error }

func (o *scoreOptions) run(stdout, stderr io.Writer) int {
	res, err := o.score(stderr)
	if err == nil {
		err = o.write(res, stdout)
	}
	var ue usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "govscore score: %v\nRun 'govscore score -h' for help.\n", ue.error)
		return exitUsage
	case err != nil:
		fmt.Fprintf(stderr, "govscore score: %v\n", err)
		return exitProblem
	}
	return exitOK
}

// result is what score made: a report, or with -period a trend.
type result struct {
	rep   *score.Report
	trend *score.Trend
}

// score reads the inputs and scores them.
func (o *scoreOptions) score(stderr io.Writer) (result, error) {
	if !slices.Contains(formats, o.format) {
		return result{}, usageError{fmt.Errorf("-format %q: want one of %s", o.format, strings.Join(formats, ", "))}
	}
	periods, err := o.periods()
	if err != nil {
		return result{}, err
	}
	rep, trend, err := o.scoreAll(periods, stderr)
	if errors.Is(err, score.ErrPeriods) {
		return result{}, usageError{fmt.Errorf("-period %q: %w", o.period, err)}
	}
	if err != nil {
		return result{}, err
	}
	if trend != nil {
		var reps []*score.Report
		for _, p := range trend.Periods {
			reps = append(reps, p.Report)
		}
		warnNoCalendar(stderr, reps...)
	} else {
		warnNoCalendar(stderr, rep)
	}
	return result{rep, trend}, nil
}

// periods reads -period and -follow-up-days: nil without -period.
func (o *scoreOptions) periods() (*score.Periods, error) {
	if o.period == "" {
		switch {
		case o.followUp != 0:
			return nil, usageError{errors.New("-follow-up-days needs -period")}
		case o.format == "changes-csv":
			return nil, usageError{errors.New("-format changes-csv needs -period")}
		}
		return nil, nil
	}
	if !slices.Contains(trendFormats, o.format) {
		return nil, usageError{fmt.Errorf("-format %s is not available with -period: want one of %s", o.format, strings.Join(trendFormats, ", "))}
	}
	if o.explain != "" {
		return nil, usageError{errors.New("-explain is not available with -period")}
	}
	p, err := score.ParsePeriods(o.period, o.followUp)
	if err != nil {
		return nil, usageError{fmt.Errorf("-period %q: want month, quarter, year, or boundaries in RFC 3339 separated by commas", o.period)}
	}
	return &p, nil
}

// scoreAll reads the inputs and scores them, by the periods when not nil.
func (o *scoreOptions) scoreAll(periods *score.Periods, stderr io.Writer) (*score.Report, *score.Trend, error) {
	if o.lang != "en" && o.lang != "ar" {
		return nil, nil, usageError{fmt.Errorf("-lang %q: want en or ar", o.lang)}
	}
	if o.digits != "western" && o.digits != "arabic-indic" {
		return nil, nil, usageError{fmt.Errorf("-digits %q: want western or arabic-indic", o.digits)}
	}
	in, m, err := parseIn(o.in)
	if err != nil {
		return nil, nil, err
	}
	var asOf time.Time
	if o.asOf != "" {
		t, err := time.Parse(time.RFC3339, o.asOf)
		if err != nil {
			return nil, nil, usageError{fmt.Errorf("-as-of %q: want RFC 3339 with an offset, e.g. 2026-01-01T00:00:00+03:00", o.asOf)}
		}
		asOf = t
	} else if in != "twitter" && in != "xapi" {
		return nil, nil, usageError{errors.New("-as-of is required (twitter and xapi files default to their latest tweet)")}
	}
	loc, err := parseZone(o.zone)
	if err != nil {
		return nil, nil, err
	}
	std := rubric.Default()
	if o.rubric != "" {
		r, err := rubric.LoadFile(o.rubric)
		if err != nil {
			return nil, nil, err
		}
		std = r
	}
	o.std = &std // for the HTML page's methodology
	if in == "xapi" && (o.agencies == "" || len(o.inputs) != 1) {
		return nil, nil, usageError{errors.New("-in xapi needs -agencies, the agencies' accounts (agency_id, handle, user_id), and one archive: " +
			"a conversation is followed within one input, so join archives first (cat a.jsonl b.jsonl > all.jsonl)")}
	}
	meta, err := o.metadata(in, loc, stderr)
	if err != nil {
		return nil, nil, err
	}
	// The inputs stay open to the end: a shared set of IDs may read one
	// again (see model.IDSet).
	files, closeAll, err := openAll(o.inputs)
	if err != nil {
		return nil, nil, err
	}
	defer closeAll()

	if in == "inquiries" {
		// Streamed into an accumulator: memory grows with the agencies, not
		// with the rows.
		sc, err := o.scorer(std, asOf, meta)
		if err != nil {
			return nil, nil, err
		}
		ids := new(model.IDSet)
		if periods != nil {
			acc, err := sc.NewTrend(meta, *periods)
			if err != nil {
				return nil, nil, err
			}
			if err := scan(o, files, acc, ids, loc, stderr); err != nil {
				return nil, nil, err
			}
			tr, err := acc.Report()
			return nil, tr, err
		}
		acc, err := sc.NewAccumulator(meta)
		if err != nil {
			return nil, nil, err
		}
		if err := scan(o, files, acc, ids, loc, stderr); err != nil {
			return nil, nil, err
		}
		rep, err := acc.Report()
		return rep, nil, err
	}

	// The other formats are read whole, then scored with the metadata.
	var data []model.Dataset
	var latest time.Time
	if in == "xapi" {
		var ds model.Dataset
		ds, latest, err = o.readXAPI(&meta, files[0], stderr)
		data = []model.Dataset{ds}
	} else {
		data, latest, err = readInputs(in, m, o.inputs, files, o.lenient, loc, stderr)
	}
	if err != nil {
		return nil, nil, err
	}
	if o.asOf == "" {
		asOf = latest // twitter's
	}
	if asOf.IsZero() {
		return nil, nil, errors.New("no tweet was read: nothing to take -as-of from")
	}
	all := model.Merge(append([]model.Dataset{meta}, data...)...)
	sc, err := o.scorer(std, asOf, meta)
	if err != nil {
		return nil, nil, err
	}
	if periods != nil {
		tr, err := sc.ScoreTrend(all, *periods)
		return nil, tr, err
	}
	rep, err := sc.Score(all)
	return rep, nil, err
}

// readXAPI reads an X API archive with the accounts of -agencies, and
// reports on stderr what the tweets show against the declared channels of
// meta: each contradiction, each account observed broadcast-only and each
// whose replies were too partly collected to judge. The declared channels
// that are accounts are dropped from meta: the observation stands for
// them. latest is the archive's latest tweet.
func (o *scoreOptions) readXAPI(meta *model.Dataset, f *os.File, stderr io.Writer) (model.Dataset, time.Time, error) {
	af, err := os.Open(o.agencies)
	if err != nil {
		return model.Dataset{}, time.Time{}, err
	}
	accounts, acct, err := xapi.ReadAccounts(af, model.ReadOptions{File: o.agencies, Lenient: o.lenient})
	af.Close()
	if err := account(stderr, o.agencies, acct, err); err != nil {
		return model.Dataset{}, time.Time{}, err
	}
	if len(accounts) == 0 {
		return model.Dataset{}, time.Time{}, fmt.Errorf("%s: no account accepted", o.agencies)
	}
	// The agencies are those of the accounts: a declared channel or a
	// staffing row of another agency is an error, or, leniently, left out
	// with a warning.
	agencies := map[string]bool{}
	for _, a := range accounts {
		agencies[a.AgencyID] = true
	}
	var err2 error
	unknown := func(file, what, agency string) bool {
		if agencies[agency] {
			return false
		}
		msg := fmt.Sprintf("%s: %s of agency %s, which has no account in %s", file, what, agency, o.agencies)
		if !o.lenient {
			err2 = cmp.Or(err2, errors.New(msg))
		} else {
			fmt.Fprintf(stderr, "warning: %s: left out\n", msg)
		}
		return true
	}
	meta.Channels = slices.DeleteFunc(slices.Clone(meta.Channels), func(ch model.Channel) bool { return unknown(o.channels, "channel "+ch.ID, ch.AgencyID) })
	meta.Staffing = slices.DeleteFunc(slices.Clone(meta.Staffing), func(st model.Staffing) bool { return unknown(o.staffing, "staffing", st.AgencyID) })
	if err2 != nil {
		return model.Dataset{}, time.Time{}, err2
	}
	path := o.inputs[0]
	ds, res, err := xapi.Read(f, xapi.Options{File: path, Lenient: o.lenient, Accounts: accounts})
	if err := account(stderr, path, res.Accounting, err); err != nil {
		return model.Dataset{}, time.Time{}, err
	}
	fmt.Fprintf(stderr, "%s: %d tweets accepted: %d inquiries, %d first replies (%d by replied_to, %d by conversation), %d repeats, %d other; %d unavailable\n",
		path, res.Accepted, res.Inquiries, res.FirstReplies, res.ByReply, res.ByConversation, res.Repeats, res.Other, res.Unavailable)
	for _, a := range res.Accounts {
		name := accountName(a) // checked text: no control or bidirectional characters
		switch {
		case a.Verdict == xapi.CannotDetermine:
			fmt.Fprintf(stderr, "%s: warning: %s: response rate cannot be determined: %d tweets reply to its tweets that the archive does not hold, for %d inquiries\n",
				path, name, a.Missing, a.Inquiries)
		case a.BroadcastOnly:
			fmt.Fprintf(stderr, "%s: %s: broadcast-only: %d posts, no reply to anyone\n", path, name, a.Posts)
		}
	}
	checks := xapi.CheckDeclared(meta.Channels, res)
	drop := map[string]bool{}
	for _, c := range checks {
		if c.Problem != "" {
			fmt.Fprintf(stderr, "%s: warning: declared channel %s of %s: %s\n", o.channels, c.Declared.ID, c.Declared.AgencyID, c.Problem)
		}
		if c.Account != nil {
			drop[c.Declared.ID] = true
		}
	}
	meta.Channels = slices.DeleteFunc(slices.Clone(meta.Channels), func(ch model.Channel) bool { return drop[ch.ID] && ch.Kind == model.ChannelX })
	if o.asOf == "" && !res.Latest.IsZero() {
		// One tweet sets the default cut-off: say which.
		fmt.Fprintf(stderr, "%s: -as-of not given: the latest tweet's time, %s (line %d)\n", path, res.Latest.Format(time.RFC3339), res.LatestLine)
	}
	return ds, res.Latest, nil
}

// accountName names an account in messages: its handle, or its user ID
// and the handle the archive gives it. The handles are the accounts
// file's, checked, or the archive's, printed quoted.
func accountName(a xapi.AccountResult) string {
	switch {
	case a.Handle != "":
		return "@" + a.Handle
	case a.SeenHandle != "":
		return fmt.Sprintf("user %s (%q in the archive)", a.UserID, "@"+a.SeenHandle)
	}
	return "user " + a.UserID
}

// sink is what the streaming readers feed: an accumulator, or one by
// period.
type sink interface {
	*score.Accumulator | *score.TrendAccumulator
	model.InquirySink
}

// scan streams the inquiries files into acc.
func scan[S sink](o *scoreOptions, files []*os.File, acc S, ids *model.IDSet, loc *time.Location, stderr io.Writer) error {
	for i, f := range files {
		path := o.inputs[i]
		opts := model.ReadOptions{File: path, Lenient: o.lenient, Location: loc, IDs: ids, Progress: progressTo(stderr)}
		read := model.ScanInquiriesCSV[S]
		if strings.EqualFold(filepath.Ext(path), ".jsonl") {
			read = model.ScanInquiriesJSONL[S]
		}
		acct, err := read(f, opts, acc)
		if err := account(stderr, path, acct, err); err != nil {
			return err
		}
	}
	return nil
}

// inputFormats are the formats of -in, but mapping=FILE.
var inputFormats = []string{"inquiries", "twitter", "xapi", "boston311", "nyc311", "sf311", "open311"}

// parseIn reads -in: the format, and the mapping of mapping=FILE.
func parseIn(text string) (string, mapping.Mapping, error) {
	in, mapFile, _ := strings.Cut(text, "=")
	if !slices.Contains(append(inputFormats, "mapping"), in) || (in == "mapping") != (mapFile != "") {
		return "", mapping.Mapping{}, usageError{fmt.Errorf("-in %q: want %s or mapping=FILE", text, strings.Join(inputFormats, ", "))}
	}
	if in != "mapping" {
		return in, mapping.Mapping{}, nil
	}
	f, err := os.Open(mapFile)
	if err != nil {
		return "", mapping.Mapping{}, err
	}
	defer f.Close()
	m, err := mapping.LoadMapping(f)
	if err != nil {
		return "", mapping.Mapping{}, fmt.Errorf("%s: %w", mapFile, err)
	}
	return in, m, nil
}

// parseZone reads -zone: nil when empty.
func parseZone(zone string) (*time.Location, error) {
	if zone == "" {
		return nil, nil
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return nil, usageError{fmt.Errorf("-zone %q: not an IANA time zone", zone)}
	}
	return loc, nil
}

// openAll opens the files at paths, and returns a function that closes
// them.
func openAll(paths []string) ([]*os.File, func(), error) {
	files := make([]*os.File, 0, len(paths))
	closeAll := func() {
		for _, f := range files {
			f.Close()
		}
	}
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		files = append(files, f)
	}
	return files, closeAll, nil
}

// readInputs reads the files, opened from paths, whole in the format in
// (m for a mapping), and reports each file's rows on stderr. latest is the
// latest tweet of twitter files, the natural cut-off of such a file.
func readInputs(in string, m mapping.Mapping, paths []string, files []*os.File, lenient bool, loc *time.Location, stderr io.Writer) (data []model.Dataset, latest time.Time, err error) {
	seen := map[string]string{} // inquiry ID → the file it was read from
	for i, f := range files {
		path := paths[i]
		opts := model.ReadOptions{File: path, Lenient: lenient, Location: loc}
		var ds model.Dataset
		var acct model.Accounting
		var err error
		switch in {
		case "inquiries":
			read := model.ReadInquiriesCSV
			if strings.EqualFold(filepath.Ext(path), ".jsonl") {
				read = model.ReadInquiriesJSONL
			}
			ds, acct, err = read(f, opts)
		case "twitter":
			var res twitter.Result
			ds, res, err = twitter.Read(f, twitter.Options{File: path, Lenient: lenient})
			acct = res.Accounting
			if err == nil && res.Verdict == twitter.CannotDetermine {
				fmt.Fprintf(stderr, "%s: warning: response rates cannot be determined: the file's threads are broken (%d of %d listed replies missing)\n",
					path, res.Missing, res.Listed)
			}
			if res.Latest.After(latest) {
				latest = res.Latest
			}
		case "boston311", "nyc311", "sf311":
			ds, acct, err = read311(f, path, in, opts)
		case "open311":
			ds, acct, err = open311.Read(f, opts)
		case "mapping":
			var macct mapping.Accounting
			ds, macct, err = m.Read(f, opts)
			acct = macct.Accounting
		}
		if err == nil {
			err = dropRepeats(&ds, &acct, seen, path, lenient)
		}
		if err := account(stderr, path, acct, err); err != nil {
			return nil, latest, err
		}
		data = append(data, ds)
	}
	return data, latest, nil
}

// dropRepeats rejects the inquiries of ds, read from path, whose IDs an
// earlier file had (IDs are unique in a dataset, not in a file): the
// first is an error, or, lenient, each is moved from accepted to
// rejected, naming both files. The readers of whole files keep no line
// numbers, so the rejection names the ID instead.
func dropRepeats(ds *model.Dataset, acct *model.Accounting, seen map[string]string, path string, lenient bool) error {
	kept := ds.Inquiries[:0]
	for _, q := range ds.Inquiries {
		first, ok := seen[q.ID]
		if !ok {
			seen[q.ID] = path
			kept = append(kept, q)
			continue
		}
		pe := &model.ParseError{File: path, Field: "id", Err: fmt.Errorf("%w: %q, read from %s before", model.ErrDuplicateID, q.ID, first)}
		acct.Accepted--
		acct.Rejected = append(acct.Rejected, pe)
		if !lenient {
			return pe
		}
	}
	ds.Inquiries = kept
	return nil
}

// read311 reads a 311 export of the city the format names, whose local
// times are in the city's zone unless -zone says otherwise.
func read311(f io.Reader, path, in string, opts model.ReadOptions) (model.Dataset, model.Accounting, error) {
	city := strings.TrimSuffix(in, "311") // boston, nyc, sf
	if opts.Location == nil {
		zone := map[string]string{"boston": "America/New_York", "nyc": "America/New_York", "sf": "America/Los_Angeles"}[city]
		loc, err := time.LoadLocation(zone)
		if err != nil {
			return model.Dataset{}, model.Accounting{}, err
		}
		opts.Location = loc
	}
	ds, res, err := city311.Read(f, city311.Options{ReadOptions: opts})
	if err != nil {
		return model.Dataset{}, res.Accounting, err
	}
	if !strings.HasPrefix(string(res.Layout), city) {
		return model.Dataset{}, res.Accounting, usageError{fmt.Errorf("%s is a %s export, not a %s one (-in %s)", path, res.Layout, city, in)}
	}
	return ds, res.Accounting, nil
}

// scorer builds the scorer: its default calendar is the preset's, if any.
func (o *scoreOptions) scorer(std rubric.Rubric, asOf time.Time, meta model.Dataset) (*score.Scorer, error) {
	// The page draws each agency's reply curve; the other formats do not
	// carry it.
	opts := score.Options{AsOf: asOf, MinSample: o.minSample, Curves: o.format == "html"}
	if o.calendar != "" {
		opts.DefaultCalendar = meta.Calendars[len(meta.Calendars)-1].ID
	}
	return score.New(std, opts)
}

// metadata reads the agencies, channels, staffing and calendars files, and
// adds the preset calendar.
func (o *scoreOptions) metadata(in string, loc *time.Location, stderr io.Writer) (model.Dataset, error) {
	var meta model.Dataset
	var err error
	opts := model.ReadOptions{Lenient: o.lenient, Location: loc}
	if in != "xapi" { // whose -agencies are accounts, read with the archive
		if meta.Agencies, err = records(o.agencies, opts, stderr, model.ReadAgenciesCSV, model.ReadAgenciesJSON); err != nil {
			return meta, err
		}
	}
	if meta.Channels, err = records(o.channels, opts, stderr, model.ReadChannelsCSV, model.ReadChannelsJSON); err != nil {
		return meta, err
	}
	if meta.Staffing, err = records(o.staffing, opts, stderr, model.ReadStaffingCSV, model.ReadStaffingJSON); err != nil {
		return meta, err
	}
	if meta.Calendars, err = records(o.calendars, opts, stderr, nil, model.ReadCalendarsJSON); err != nil {
		return meta, err
	}
	switch o.calendar {
	case "":
	case "saudi":
		meta.Calendars = append(meta.Calendars, calendars.SaudiGovernment())
	case "us":
		zone := "America/New_York"
		if loc != nil {
			zone = loc.String()
		}
		// The holidays of every year a record may fall in: scoring never
		// reads the clock, and a twitter file's year is not known yet.
		years := make([]int, 0, usYears[1]-usYears[0]+1)
		for y := usYears[0]; y <= usYears[1]; y++ {
			years = append(years, y)
		}
		c, err := calendars.USFederal(zone, years...)
		if err != nil {
			return meta, err
		}
		meta.Calendars = append(meta.Calendars, c)
	default:
		return meta, usageError{fmt.Errorf("-calendar %q: want saudi or us", o.calendar)}
	}
	return meta, nil
}

// records reads the records of the file at path, if any: as JSON when its
// name ends in .json (or when there is no CSV reader), else as CSV; its
// rows are accounted for on stderr.
func records[T any](path string, opts model.ReadOptions, stderr io.Writer,
	fromCSV, fromJSON func(io.Reader, model.ReadOptions) ([]T, model.Accounting, error)) ([]T, error) {
	if path == "" {
		return nil, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	read := fromCSV
	if fromCSV == nil || strings.EqualFold(filepath.Ext(path), ".json") {
		read = fromJSON
	}
	opts.File = path
	recs, acct, err := read(f, opts)
	return recs, account(stderr, path, acct, err)
}

// usYears are the first and last years of the -calendar us holidays.
var usYears = [2]int{2000, 2040}

// account reports what a read made of a file's rows on w: every rejected
// row, the warnings' count and a summary line. It returns the read's error,
// naming the file.
func account(w io.Writer, path string, acct model.Accounting, err error) error {
	for _, r := range acct.Rejected {
		fmt.Fprintln(w, r)
	}
	summary := fmt.Sprintf("%s: %d rows read, %d accepted, %d rejected", path, acct.Read, acct.Accepted, len(acct.Rejected))
	if n := len(acct.Warnings); n > 0 {
		summary += fmt.Sprintf(", %d accepted with a warning", n)
	}
	fmt.Fprintln(w, summary)
	var pe *model.ParseError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe) && pe.File != "":
		return err
	case errors.As(err, new(usageError)):
		return err
	}
	return fmt.Errorf("%s: %w", path, err)
}

// warnNoCalendar says on w which agencies of the reports had
// business-time criteria measured in calendar time for want of a calendar.
func warnNoCalendar(w io.Writer, reps ...*score.Report) {
	var ids []string
	for _, rep := range reps {
		for _, a := range rep.Agencies {
			if slices.ContainsFunc(a.Flags, func(f score.Flag) bool { return f.Code == score.FlagNoCalendar }) && !slices.Contains(ids, a.AgencyID) {
				ids = append(ids, a.AgencyID)
			}
		}
	}
	if len(ids) == 0 {
		return
	}
	shown := ids
	if len(shown) > 5 {
		shown = shown[:5]
	}
	more := ""
	if len(ids) > len(shown) {
		more = fmt.Sprintf(" and %d more", len(ids)-len(shown))
	}
	for i, id := range shown {
		shown[i] = score.SafeText(id)
	}
	fmt.Fprintf(w, "warning: %d agencies have no business calendar; their business-time criteria were measured in calendar time (flag no_calendar): %s%s. Give them one with -calendars or -calendar.\n",
		len(ids), strings.Join(shown, ", "), more)
}

// write writes the report or trend in the chosen format.
func (o *scoreOptions) write(res result, stdout io.Writer) error {
	if res.trend != nil {
		return writeOutput(o.out, stdout, func(w io.Writer) error { return o.writeTrend(res.trend, w) })
	}
	rep := res.rep
	return writeOutput(o.out, stdout, func(w io.Writer) error {
		switch o.format {
		case "json":
			return writeJSON(w, rep)
		case "csv":
			return report.CSVOptions{Raw: o.rawCSV}.WriteCriteria(w, rep)
		case "dims-csv":
			return report.CSVOptions{Raw: o.rawCSV}.WriteDimensions(w, rep)
		case "md":
			return report.WriteMarkdown(w, rep, report.Options{Lang: o.lang})
		case "html":
			return report.WriteHTML(w, rep, report.Options{Lang: o.lang, Rubric: o.std, Digits: o.digitsOption()})
		}
		if err := rep.WriteText(w); err != nil || o.explain == "" {
			return err
		}
		fmt.Fprintln(w)
		return rep.Explain(w, o.explain)
	})
}

// digitsOption is -digits, checked by scoreAll, as the report package
// names it.
func (o *scoreOptions) digitsOption() report.Digits {
	if o.digits == "arabic-indic" {
		return report.ArabicIndic
	}
	return report.Western
}

// writeJSON writes v as indented JSON, as every command's -format json.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeTrend writes a trend in the chosen format, one of trendFormats.
func (o *scoreOptions) writeTrend(tr *score.Trend, w io.Writer) error {
	switch o.format {
	case "json":
		return writeJSON(w, tr)
	case "csv":
		return report.CSVOptions{Raw: o.rawCSV}.WriteTrendCriteria(w, tr)
	case "dims-csv":
		return report.CSVOptions{Raw: o.rawCSV}.WriteTrendDimensions(w, tr)
	case "changes-csv":
		return report.CSVOptions{Raw: o.rawCSV}.WriteChanges(w, tr.Changes)
	case "md":
		return report.WriteTrendMarkdown(w, tr, report.Options{Lang: o.lang})
	case "html":
		return report.WriteTrendHTML(w, tr, report.Options{Lang: o.lang, Digits: o.digitsOption()})
	}
	return tr.WriteText(w)
}

// progressTo returns a progress callback that writes to w when w is a
// terminal, and nil otherwise.
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
