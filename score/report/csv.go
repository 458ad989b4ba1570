package report

import (
	"encoding/csv"
	"io"

	"github.com/govscore/govscore/score"
)

// criteriaColumns are the columns of [WriteCriteriaCSV], in order.
var criteriaColumns = []string{
	"agency_id", "rank", "dimension", "criterion", "metric", "status",
	"value", "n", "count", "censored", "pending", "ci_low", "ci_high", "shrunk",
	"points", "weight", "effective_weight", "contribution",
}

// dimensionColumns are the columns of [WriteDimensionsCSV], in order.
var dimensionColumns = []string{
	"agency_id", "agency_name", "rank", "overall", "grade", "coverage",
	"dimension", "weight", "effective_weight", "score", "uncapped", "capped_by", "contribution",
}

// WriteCriteriaCSV writes one row per agency and criterion, in the report's
// agency order and rubric order, after a header row. The columns are
// described in the package documentation.
func WriteCriteriaCSV(w io.Writer, rep *score.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(criteriaColumns); err != nil {
		return err
	}
	for _, a := range rep.Agencies {
		for _, d := range a.Dimensions {
			for _, c := range d.Criteria {
				m := c.Measure
				var lo, hi string
				if m.Interval != nil {
					lo, hi = exactPtr(m.Interval.Low), exactPtr(m.Interval.High)
				}
				row := []string{
					a.AgencyID, rankField(a.Rank), string(d.ID), c.ID, string(c.Metric), string(c.Status),
					exactPtr(m.Value), itoa(m.N), itoa(m.Count), itoa(m.Censored), itoa(m.Pending), lo, hi, exactPtr(m.Shrunk),
					exactPtr(c.Points), exact(c.Weight), exact(c.EffectiveWeight), exact(c.Contribution),
				}
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteDimensionsCSV writes one row per agency and dimension, in the
// report's agency order and rubric order, after a header row. The columns
// are described in the package documentation.
func WriteDimensionsCSV(w io.Writer, rep *score.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(dimensionColumns); err != nil {
		return err
	}
	for _, a := range rep.Agencies {
		for _, d := range a.Dimensions {
			row := []string{
				a.AgencyID, a.DisplayName("en"), rankField(a.Rank), exactPtr(a.Score), a.Grade, exact(a.Coverage),
				string(d.ID), exact(d.Weight), exact(d.EffectiveWeight), exactPtr(d.Score), exactPtr(d.Uncapped), d.CappedBy,
				exact(d.Contribution),
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// rankField is the rank, or "" (NA) for an agency that was not ranked.
func rankField(r int) string {
	if r == 0 {
		return ""
	}
	return itoa(r)
}
