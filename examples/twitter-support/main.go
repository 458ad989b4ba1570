package main

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"text/tabwriter"
	_ "time/tzdata" // the IANA zones of agencies and calendars, on any machine

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model/twitter"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

//go:embed testdata/threads.csv
var fixture []byte

// shownRejects is how many rejected rows are listed.
const shownRejects = 5

func main() {
	log.SetFlags(0)
	log.SetPrefix("twitter-support: ")
	if err := run(os.Args[1:], os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(args []string, w io.Writer) error {
	var (
		in   io.Reader = bytes.NewReader(fixture)
		name           = "testdata/threads.csv"
	)
	switch len(args) {
	case 0:
	case 1:
		f, err := os.Open(args[0])
		if err != nil {
			return err
		}
		defer f.Close()
		in, name = f, args[0]
	default:
		return fmt.Errorf("usage: twitter-support [FILE]")
	}

	ds, res, err := twitter.Read(in, twitter.Options{File: filepath.Base(name), Lenient: true})
	if err != nil {
		return err
	}
	if len(args) == 0 {
		fmt.Fprintf(w, "govscore twitter-support: the built-in fixture %s (hand-written rows)\n", name)
	} else {
		fmt.Fprintf(w, "govscore twitter-support: %s\n", name)
	}
	if res.Verdict == twitter.CannotDetermine {
		fmt.Fprintf(w, "cannot determine: %d of the %d inquiries that list responses have none of them in the file (more than %.0f%%): the threads are broken, so response rates cannot be measured\n",
			res.Missing, res.Listed, twitter.MaxMissingShare*100)
		writeAccounting(w, res)
		return nil
	}
	if res.Inquiries == 0 {
		fmt.Fprintln(w, "no inquiries to score")
		writeAccounting(w, res)
		return nil
	}

	std := replySpeed()
	sc, err := score.New(std, score.Options{AsOf: res.Latest})
	if err != nil {
		return err
	}
	rep, err := sc.Score(ds)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "standard: %s %s (the reply-speed dimension of %s)\n", std.ID, std.Version, rubric.DefaultID)
	fmt.Fprintf(w, "as of %s, the file's last created_at\n\n", res.Latest.Format("2006-01-02 15:04 MST"))

	companies := make(map[string]twitter.Company, len(res.Companies))
	for _, c := range res.Companies {
		companies[c.ID] = c
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "company\tinquiries\tanswered\tresponse rate\tmedian first reply\tscore\t")
	for _, a := range rep.Agencies {
		if a.Inquiries == 0 {
			continue // a company that only replied to tweets of others
		}
		if !companies[a.AgencyID].Determinable {
			fmt.Fprintf(tw, "%s\t%d\tcannot determine\tcannot determine\tcannot determine\t-\t\n", a.AgencyID, a.Inquiries)
			continue
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t\n", a.AgencyID, a.Inquiries, companies[a.AgencyID].Answered,
			responseRate(a), medianReply(a), scoreText(a))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	writeAccounting(w, res)
	return nil
}

// replySpeed returns the reply-speed dimension of the default standard as
// a standard of its own.
func replySpeed() rubric.Rubric {
	r := rubric.Default()
	for _, d := range r.Dimensions {
		if d.ID == rubric.ReplySpeed {
			d.Weight = decimal.NewFromInt(1)
			r.Dimensions = []rubric.Dimension{d}
			break
		}
	}
	r.ID = "govscore-default-reply-speed"
	r.Title = "Reply speed of the govscore default standard"
	return r
}

// criterion returns the agency's result for the criterion id.
func criterion(a score.AgencyScore, id string) (score.CriterionScore, bool) {
	for _, d := range a.Dimensions {
		for _, c := range d.Criteria {
			if c.ID == id {
				return c, true
			}
		}
	}
	return score.CriterionScore{}, false
}

// responseRate renders the response_rate measure: answered / inquiries
// old enough to count (the criterion leaves out inquiries younger than its
// grace period, 72 hours). The answered column beside it counts every
// inquiry with a first reply in the file.
func responseRate(a score.AgencyScore) string {
	c, ok := criterion(a, "response_rate")
	if !ok || c.Measure.Value == nil {
		return "none older than the grace period"
	}
	return fmt.Sprintf("%s%% (%d/%d)%s", c.Measure.Value.Shift(2).StringFixed(1), c.Measure.Count, c.Measure.N, sampleNote(c))
}

// medianReply renders the median_reply measure, the Kaplan-Meier median of
// time to first reply: inquiries unanswered at AsOf count as censored.
func medianReply(a score.AgencyScore) string {
	c, ok := criterion(a, "median_reply")
	switch {
	case !ok:
		return "no data"
	case c.Measure.NotReached:
		return fmt.Sprintf("not reached (%d of %d unanswered)%s", c.Measure.Censored, c.Measure.N, sampleNote(c))
	case c.Measure.Value == nil:
		return "no data"
	}
	return fmt.Sprintf("%sh%s", c.Measure.Value.StringFixed(1), sampleNote(c))
}

func sampleNote(c score.CriterionScore) string {
	switch {
	case c.Status != score.StatusInsufficient:
		return ""
	case c.Measure.N < c.MinSample:
		return fmt.Sprintf(" [n<%d, not used]", c.MinSample)
	case c.Measure.Observed != nil:
		// Not reached, but observed too briefly to call it the worst.
		return fmt.Sprintf(" [%sh observed, too soon to tell; not used]", c.Measure.Observed.StringFixed(1))
	}
	return " [not used]"
}

func scoreText(a score.AgencyScore) string {
	if a.Score == nil {
		return "not scored"
	}
	return fmt.Sprintf("%s (%s)", a.Score.StringFixed(1), a.Grade)
}

// writeAccounting prints what became of every row, and the first rejected
// rows.
func writeAccounting(w io.Writer, res twitter.Result) {
	fmt.Fprintf(w, "rows: read %d, accepted %d (inquiries %d, first replies %d, other tweets %d), rejected %d\n",
		res.Read, res.Accepted, res.Inquiries, res.FirstReplies, res.Other, len(res.Rejected))
	if res.ByReply > 0 {
		fmt.Fprintf(w, "inquiries naming no company, attributed to the company that replied: %d\n", res.ByReply)
	}
	for i, pe := range res.Rejected {
		if i == shownRejects {
			fmt.Fprintf(w, "  ... and %d more\n", len(res.Rejected)-shownRejects)
			break
		}
		fmt.Fprintf(w, "  %v\n", pe)
	}
	for i, pe := range res.Warnings {
		if i == shownRejects {
			fmt.Fprintf(w, "  ... and %d more warnings\n", len(res.Warnings)-shownRejects)
			break
		}
		fmt.Fprintf(w, "  warning: %v\n", pe)
	}
}
