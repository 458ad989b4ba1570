package report

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"

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
	if err := criteriaRows(cw, rep, nil); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// criteriaRows writes the rows of [WriteCriteriaCSV], each after the
// cells of lead.
func criteriaRows(cw *csv.Writer, rep *score.Report, lead []string) error {
	for _, a := range rep.Agencies {
		for _, d := range a.Dimensions {
			for _, c := range d.Criteria {
				m := c.Measure
				var lo, hi string
				if m.Interval != nil {
					lo, hi = exactPtr(m.Interval.Low), exactPtr(m.Interval.High)
				}
				row := append(slices.Clip(lead),
					a.AgencyID, rankField(a.Rank), string(d.ID), c.ID, string(c.Metric), string(c.Status),
					exactPtr(m.Value), itoa(m.N), itoa(m.Count), itoa(m.Censored), itoa(m.Pending), lo, hi, exactPtr(m.Shrunk),
					exactPtr(c.Points), exact(c.Weight), exact(c.EffectiveWeight), exact(c.Contribution),
				)
				if err := cw.Write(row); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// WriteDimensionsCSV writes one row per agency and dimension, in the
// report's agency order and rubric order, after a header row. The columns
// are described in the package documentation.
func WriteDimensionsCSV(w io.Writer, rep *score.Report) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(dimensionColumns); err != nil {
		return err
	}
	if err := dimensionRows(cw, rep, nil); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// dimensionRows writes the rows of [WriteDimensionsCSV], each after the
// cells of lead.
func dimensionRows(cw *csv.Writer, rep *score.Report, lead []string) error {
	for _, a := range rep.Agencies {
		for _, d := range a.Dimensions {
			row := append(slices.Clip(lead),
				a.AgencyID, a.DisplayName("en"), rankField(a.Rank), exactPtr(a.Score), a.Grade, exact(a.Coverage),
				string(d.ID), exact(d.Weight), exact(d.EffectiveWeight), exactPtr(d.Score), exactPtr(d.Uncapped), d.CappedBy,
				exact(d.Contribution),
			)
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	return nil
}

// WriteTrendCriteriaCSV writes [WriteCriteriaCSV]'s rows for every period
// of a trend, in time order, each with a leading column, period, that
// holds the period's label (2025Q1, 2025-03, 2025, or START/END).
func WriteTrendCriteriaCSV(w io.Writer, tr *score.Trend) error {
	return trendRows(w, tr, criteriaColumns, criteriaRows)
}

// WriteTrendDimensionsCSV writes [WriteDimensionsCSV]'s rows for every
// period of a trend, with the leading period column of
// [WriteTrendCriteriaCSV].
func WriteTrendDimensionsCSV(w io.Writer, tr *score.Trend) error {
	return trendRows(w, tr, dimensionColumns, dimensionRows)
}

func trendRows(w io.Writer, tr *score.Trend, columns []string, rows func(*csv.Writer, *score.Report, []string) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(append([]string{"period"}, columns...)); err != nil {
		return err
	}
	for _, p := range tr.Periods {
		if err := rows(cw, p.Report, []string{p.Label}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// changeColumns are the columns of [WriteChangesCSV], in order.
var changeColumns = []string{
	"from", "to", "agency_id", "criterion", "metric",
	"value_from", "value_to", "value_change", "points_from", "points_to", "points_change",
	"score_from", "score_to", "score_change", "rank_from", "rank_to", "rank_change",
	"test", "ci_low", "ci_high", "chi_square", "p_value", "significant",
}

// WriteChangesCSV writes one row per agency, criterion and pair of
// periods of changes ([score.Trend.Changes], or what [score.Compare]
// returns), in their order and the criteria's, after a header row. The agency's overall score and
// rank repeat on each of its criteria's rows. rank_change is positive for
// a rise. The test columns are empty where the criterion's metric has no
// test or a period has no sample: test is newcombe (ci_low and ci_high:
// the 95% interval of value_change, the difference of the rates) or
// log_rank (chi_square and p_value); significant is true or false at 5%.
func WriteChangesCSV(w io.Writer, changes []score.AgencyChange) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(changeColumns); err != nil {
		return err
	}
	for _, c := range changes {
		rankChange := ""
		if c.Rank.Change != nil {
			rankChange = itoa(*c.Rank.Change)
		}
		for _, cc := range c.Criteria {
			row := []string{c.From, c.To, c.AgencyID, cc.ID, string(cc.Metric),
				exactPtr(cc.Value.From), exactPtr(cc.Value.To), exactPtr(cc.Value.Change),
				exactPtr(cc.Points.From), exactPtr(cc.Points.To), exactPtr(cc.Points.Change),
				exactPtr(c.Score.From), exactPtr(c.Score.To), exactPtr(c.Score.Change),
				rankField(c.Rank.From), rankField(c.Rank.To), rankChange,
				"", "", "", "", "", ""}
			if t := cc.Test; t != nil {
				row[17] = string(t.Method)
				if t.Interval != nil {
					row[18], row[19] = exactPtr(t.Interval.Low), exactPtr(t.Interval.High)
				}
				row[20], row[21] = exactPtr(t.ChiSquare), exactPtr(t.P)
				row[22] = strconv.FormatBool(t.Significant)
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
