package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // the IANA zones of agencies and calendars, on any machine

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/city311"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	htmlreport "github.com/govscore/govscore/score/report"
)

// fallbackTarget is the within_target criterion's target_hours, for cases
// without a target.
const fallbackTarget = 72 * time.Hour

// bostonFiles are the ten Boston 2015 case-type files in ../shared/data.
var bostonFiles = []string{
	"boston311_2015_Abandoned_Vehicles.csv",
	"boston311_2015_Animal_Generic_Request.csv",
	"boston311_2015_Building_Inspection_Request.csv",
	"boston311_2015_Graffiti_Removal.csv",
	"boston311_2015_Heat_Excessive_Insufficient.csv",
	"boston311_2015_Sign_Repair.csv",
	"boston311_2015_Street_Light_Outages.csv",
	"boston311_2015_Tree_Maintenance_Requests.csv",
	"boston311_2015_Unsafe_Dangerous_Conditions.csv",
	"boston311_2015_Unsatisfactory_Living_Conditions.csv",
}

func main() {
	log.SetFlags(0)
	var opts options
	flag.StringVar(&opts.html, "html", "", "also write the scorecard as an HTML page to `file`")
	flag.StringVar(&opts.lang, "lang", "en", "language of the HTML page: en or ar")
	flag.BoolVar(&opts.quarters, "quarters", false, "also score by quarter: by hand, with 30 days of follow-up, and with equal follow-up")
	flag.Parse()
	files := flag.Args()
	if len(files) == 0 {
		files = defaultFiles()
	}
	if err := run(os.Stdout, files, opts); err != nil {
		log.Fatal(err)
	}
}

// options are the command's flags.
type options struct {
	html     string // write the HTML scorecard here, when set
	lang     string // its language, en or ar
	quarters bool   // also score by quarter (see quarters)
}

// writeHTML writes the scorecard of rep to path as one HTML page.
func writeHTML(path string, rep *score.Report, lang string) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	return htmlreport.WriteHTML(f, rep, htmlreport.Options{Lang: lang})
}

// defaultFiles returns the Boston files of ../shared/data (relative to the
// module root, where go run is started) or, when any is missing, the
// fixture.
func defaultFiles() []string {
	var out []string
	for _, f := range bostonFiles {
		p := filepath.Join("..", "shared", "data", f)
		if _, err := os.Stat(p); err != nil {
			return []string{fixture}
		}
		out = append(out, p)
	}
	return out
}

const fixture = "model/city311/testdata/boston2015.csv"

// run reads files, scores them and writes the comparison to w.
func run(w io.Writer, files []string, opts options) error {
	var parts []model.Dataset
	onTime := map[string]bool{}
	for _, path := range files {
		data, res, err := read(path)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s: %s, read %d, accepted %d, rejected %d, warnings %d\n",
			filepath.Base(path), res.Layout, res.Read, res.Accepted, len(res.Rejected), len(res.Warnings))
		parts = append(parts, data)
		for id, v := range res.CityOnTime {
			onTime[id] = v
		}
	}
	ds := model.Merge(parts...)
	if err := ds.Validate(); err != nil {
		return err
	}
	r := rubric.ServiceRequests()
	asOf := latest(ds)
	sc, err := score.New(r, score.Options{AsOf: asOf, Curves: opts.html != ""})
	if err != nil {
		return err
	}
	rep, err := sc.Score(ds)
	if err != nil {
		return err
	}
	if opts.html != "" {
		if err := writeHTML(opts.html, rep, opts.lang); err != nil {
			return err
		}
	}
	fmt.Fprintf(w, "\nScored under %s %s (within the promised time, use_due, fallback target %v; median time to close;\nopen for more than 30 days), as of %s\n\n",
		r.ID, r.Version, fallbackTarget, asOf.Format("2006-01-02 15:04 MST"))

	type tally struct{ cases, closed, flagged, cityOn, ourMet, agree int }
	by := map[string]*tally{}
	var disagreements []disagreement
	for _, q := range ds.Inquiries {
		t := by[q.AgencyID]
		if t == nil {
			t = &tally{}
			by[q.AgencyID] = t
		}
		t.cases++
		if q.ResolvedAt.IsZero() {
			continue
		}
		t.closed++
		met := verdict(q)
		if met {
			t.ourMet++
		}
		city, ok := onTime[q.ID]
		if !ok {
			continue
		}
		t.flagged++
		if city {
			t.cityOn++
		}
		if city == met {
			t.agree++
		} else {
			disagreements = append(disagreements, disagreement{q, city, met})
		}
	}

	fmt.Fprintf(w, "%-6s %-10s %7s %7s %9s %9s %9s %8s\n", "rank", "department", "cases", "closed", "city on", "ours met", "agree", "score")
	var all tally
	for _, a := range rep.Agencies {
		t := by[a.AgencyID]
		if t == nil {
			continue
		}
		all.cases += t.cases
		all.closed += t.closed
		all.flagged += t.flagged
		all.cityOn += t.cityOn
		all.ourMet += t.ourMet
		all.agree += t.agree
		sc := "-"
		if a.Score != nil {
			sc = a.Score.StringFixed(1)
		}
		rank := "-" // too few cases to rank
		if a.Rank > 0 {
			rank = fmt.Sprint(a.Rank)
		}
		fmt.Fprintf(w, "%-6s %-10s %7d %7d %9s %9s %9s %8s\n", rank, a.AgencyID, t.cases, t.closed,
			share(t.cityOn, t.flagged), share(t.ourMet, t.closed), share(t.agree, t.flagged), sc)
	}
	fmt.Fprintf(w, "%-6s %-10s %7d %7d %9s %9s %9s\n", "", "all", all.cases, all.closed,
		share(all.cityOn, all.flagged), share(all.ourMet, all.closed), share(all.agree, all.flagged))
	fmt.Fprintln(w, "\ncity on: ONTIME share of closed cases with a city flag; ours met: share of closed cases closed by their target;")
	fmt.Fprintln(w, "agree: closed cases with a city flag on which the two verdicts agree; score: the standard's overall score (- when too few cases).")
	fmt.Fprintf(w, "\nAgreement with the city's on-time flag on closed cases: %d of %d (%s)\n",
		all.agree, all.flagged, share(all.agree, all.flagged))

	fmt.Fprintf(w, "\nDisagreements: %d\n", len(disagreements))
	reasons := map[string]int{}
	for _, d := range disagreements {
		reasons[d.reason()]++
	}
	keys := make([]string, 0, len(reasons))
	for k := range reasons {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		fmt.Fprintf(w, "  %5d  %s\n", reasons[k], k)
	}
	if len(disagreements) > 0 {
		fmt.Fprintf(w, "\n%-14s %-10s %-16s %-16s %-16s %-8s %-8s %s\n", "case", "dept", "open", "target", "close", "city", "govscore", "likely reason")
	}
	for _, d := range disagreements {
		q := d.q
		fmt.Fprintf(w, "%-14s %-10s %-16s %-16s %-16s %-8s %-8s %s\n", q.ID, q.AgencyID,
			stamp(q.ReceivedAt), stamp(q.DueAt), stamp(q.ResolvedAt), either(d.city, "ONTIME", "OVERDUE"), either(d.ours, "met", "breached"), d.reason())
	}
	if opts.quarters {
		return quarters(w, ds, r, asOf)
	}
	return nil
}

// read reads one export in its city's zone.
func read(path string) (model.Dataset, city311.Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return model.Dataset{}, city311.Result{}, err
	}
	defer f.Close()
	zone := "America/New_York"
	if strings.HasPrefix(filepath.Base(path), "sf") {
		zone = "America/Los_Angeles"
	}
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return model.Dataset{}, city311.Result{}, err
	}
	return city311.Read(f, city311.Options{ReadOptions: model.ReadOptions{File: filepath.Base(path), Lenient: true, Location: loc}})
}

// verdict is govscore's per-case verdict on a closed case under the
// rubric: closed at or before its target (or 72 hours, without one).
func verdict(q model.Inquiry) bool {
	due := q.DueAt
	if due.IsZero() {
		due = q.ReceivedAt.Add(fallbackTarget)
	}
	return !q.ResolvedAt.After(due)
}

type disagreement struct {
	q          model.Inquiry
	city, ours bool
}

// reason guesses why the city's flag and govscore's verdict differ.
func (d disagreement) reason() string {
	q := d.q
	if q.DueAt.IsZero() {
		if d.city {
			return "target missing: the city flags cases without a target ONTIME; govscore used the 72 h fallback"
		}
		return "target missing: govscore used the 72 h fallback, the city its own rule"
	}
	diff := q.ResolvedAt.Sub(q.DueAt)
	switch {
	case diff == 0:
		return "closed exactly at target: govscore counts at-target as met"
	case diff.Abs() <= time.Hour:
		return "closed within an hour of target: a time-zone or daylight-saving offset in the city's clock"
	case d.city && diff > 0:
		return "closed after target yet ONTIME: the city's flag follows a later or different target"
	default:
		return "closed before target yet OVERDUE: the target was moved after the flag was set, or the flag dates from an earlier closure"
	}
}

// latest returns one second after the last instant in ds: the scoring
// cut-off, so that every recorded event counts.
func latest(ds model.Dataset) time.Time {
	var t time.Time
	for _, q := range ds.Inquiries {
		for _, u := range []time.Time{q.ReceivedAt, q.ResolvedAt} {
			if u.After(t) {
				t = u
			}
		}
	}
	return t.Add(time.Second)
}

func share(k, n int) string {
	if n == 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f%%", 100*float64(k)/float64(n))
}

func stamp(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02 15:04")
}

func either(b bool, yes, no string) string {
	if b {
		return yes
	}
	return no
}
