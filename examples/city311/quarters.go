package main

import (
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// quarters writes the departments' scores by quarter three ways, to show
// why a trend needs equal follow-up:
//
//   - by hand: each quarter's cases cut out of the file and scored at
//     AsOf, so that the first quarter's have had most of a year to be
//     closed and the last quarter's a few days;
//   - with govscore's default follow-up, 30 days after each quarter, or
//     AsOf when sooner (the last quarter, provisional);
//   - with every quarter followed as long as the last whole one could be
//     (a quarter that AsOf cuts short stays short).
//
// It then writes the equal trend's table and its significant changes.
func quarters(w io.Writer, ds model.Dataset, r rubric.Rubric, asOf time.Time) error {
	sc, err := score.New(r, score.Options{AsOf: asOf})
	if err != nil {
		return err
	}
	def, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Quarter})
	if err != nil {
		return err
	}
	// Every quarter but one cut short by AsOf is followed as long as the
	// last whole quarter could be.
	days := 0
	for _, p := range def.Periods {
		if d := int(asOf.Sub(p.End).Hours() / 24); d >= 1 {
			days = d
		}
	}
	if days < 1 {
		_, err := fmt.Fprintf(w, "\nNo quarter ended a day before %s: no follow-up to compare.\n", asOf.Format(time.RFC3339))
		return err
	}
	equal, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Quarter, FollowUpDays: days})
	if err != nil {
		return err
	}

	byHand := make([]*score.Report, len(def.Periods))
	for i, p := range def.Periods {
		part := ds
		part.Inquiries = nil
		for _, q := range ds.Inquiries {
			if !q.ReceivedAt.Before(p.Start) && q.ReceivedAt.Before(p.End) {
				part.Inquiries = append(part.Inquiries, q)
			}
		}
		if byHand[i], err = sc.Score(part); err != nil {
			return err
		}
	}

	fmt.Fprintf(w, "\nBy quarter, as of %s: each quarter's score cut out by hand and scored at AsOf;\nwith 30 days of follow-up; and with %d days for every quarter, as long as the last whole one could be followed.\n\n",
		asOf.Format("2006-01-02 15:04 MST"), days)
	fmt.Fprintf(w, "%-10s %-8s %8s %8s %8s\n", "department", "quarter", "by hand", "30 days", fmt.Sprintf("%d days", days))
	var ids []string
	for _, p := range def.Periods {
		for _, a := range p.Report.Agencies {
			if !slices.Contains(ids, a.AgencyID) {
				ids = append(ids, a.AgencyID)
			}
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		for i, p := range def.Periods {
			label := p.Label
			if p.Provisional {
				label += "*"
			}
			fmt.Fprintf(w, "%-10s %-8s %8s %8s %8s\n", id, label, scoreOf(byHand[i], id), scoreOf(p.Report, id), scoreOf(equal.Periods[i].Report, id))
		}
	}
	fmt.Fprintf(w, "\n* provisional: AsOf comes before the end of its 30 days of follow-up, or of the quarter.\n\nThe trend with %d days of follow-up for every quarter:\n\n", days)
	return equal.WriteText(w)
}

// scoreOf is the agency's overall score in rep to one decimal, or "-".
func scoreOf(rep *score.Report, id string) string {
	for _, a := range rep.Agencies {
		if a.AgencyID == id && a.Score != nil {
			return a.Score.StringFixed(1)
		}
	}
	return "-"
}
