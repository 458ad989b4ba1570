package report

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"

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

// CSVOptions configure the tidy CSV writers. The zero value is the
// default of the package-level functions ([WriteCriteriaCSV] and the
// others): every text cell that a spreadsheet would run as a formula is
// neutralised, as the package documentation describes. A CSVOptions is a
// plain value, safe to use from several goroutines at once.
type CSVOptions struct {
	// Raw writes every text cell exactly as the data has it, without the
	// ' that neutralises a formula. Use it only for files that programs
	// read (R, pandas, a database load) and no person opens in a
	// spreadsheet: a cell such as =HYPERLINK(...) that came from input
	// would run there.
	Raw bool
}

// WriteCriteria writes the rows of [WriteCriteriaCSV].
func (o CSVOptions) WriteCriteria(w io.Writer, rep *score.Report) error {
	return writeCSV(w, criteriaColumns, func(cw *csv.Writer) error { return o.criteriaRows(cw, rep, nil) })
}

// WriteDimensions writes the rows of [WriteDimensionsCSV].
func (o CSVOptions) WriteDimensions(w io.Writer, rep *score.Report) error {
	return writeCSV(w, dimensionColumns, func(cw *csv.Writer) error { return o.dimensionRows(cw, rep, nil) })
}

// WriteTrendCriteria writes the rows of [WriteTrendCriteriaCSV].
func (o CSVOptions) WriteTrendCriteria(w io.Writer, tr *score.Trend) error {
	return o.trendRows(w, tr, criteriaColumns, o.criteriaRows)
}

// WriteTrendDimensions writes the rows of [WriteTrendDimensionsCSV].
func (o CSVOptions) WriteTrendDimensions(w io.Writer, tr *score.Trend) error {
	return o.trendRows(w, tr, dimensionColumns, o.dimensionRows)
}

// text is a cell of a text column: the data's string, with a ' before it
// when a spreadsheet would read it as a formula, unless o.Raw; and a '
// after each ; that comes before a formula character, since a spreadsheet
// whose list separator is ; (most of Europe's) splits the cell there.
// Numbers and booleans, which govscore writes itself, never pass through
// it.
func (o CSVOptions) text(s string) string {
	if o.Raw || s == "" || strings.IndexByte(formulaStarts, s[0]) < 0 && !formulaAfterSemicolon(s) {
		return s
	}
	var b strings.Builder
	for i, part := range strings.Split(s, ";") {
		if i > 0 {
			b.WriteByte(';')
		}
		if part != "" && strings.IndexByte(formulaStarts, part[0]) >= 0 {
			b.WriteByte('\'')
		}
		b.WriteString(part)
	}
	return b.String()
}

// formulaAfterSemicolon reports whether a ; in s comes before a formula
// character.
func formulaAfterSemicolon(s string) bool {
	for i := strings.IndexByte(s, ';'); i >= 0 && i+1 < len(s); {
		if strings.IndexByte(formulaStarts, s[i+1]) >= 0 {
			return true
		}
		j := strings.IndexByte(s[i+1:], ';')
		if j < 0 {
			return false
		}
		i += 1 + j
	}
	return false
}

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (OWASP's list): =, +, -, @, tab and carriage return.
const formulaStarts = "=+-@\t\r"

// writeCSV writes a CSV file: the header columns, then the rows.
func writeCSV(w io.Writer, columns []string, rows func(*csv.Writer) error) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(columns); err != nil {
		return err
	}
	if err := rows(cw); err != nil {
		return err
	}
	cw.Flush()
	return cw.Error()
}

// WriteCriteriaCSV writes one row per agency and criterion, in the report's
// agency order and rubric order, after a header row. The columns are
// described in the package documentation. Text cells that a spreadsheet
// would run as formulas are neutralised; [CSVOptions.WriteCriteria] with
// Raw writes them as they are.
func WriteCriteriaCSV(w io.Writer, rep *score.Report) error {
	return CSVOptions{}.WriteCriteria(w, rep)
}

// criteriaRows writes the rows of [WriteCriteriaCSV], each after the
// cells of lead, which are ready to write.
func (o CSVOptions) criteriaRows(cw *csv.Writer, rep *score.Report, lead []string) error {
	for _, a := range rep.Agencies {
		for _, d := range a.Dimensions {
			for _, c := range d.Criteria {
				m := c.Measure
				var lo, hi string
				if m.Interval != nil {
					lo, hi = exactPtr(m.Interval.Low), exactPtr(m.Interval.High)
				}
				row := append(slices.Clip(lead),
					o.text(a.AgencyID), rankField(a.Rank), o.text(string(d.ID)), o.text(c.ID), o.text(string(c.Metric)), o.text(string(c.Status)),
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
// are described in the package documentation. Text cells that a
// spreadsheet would run as formulas are neutralised;
// [CSVOptions.WriteDimensions] with Raw writes them as they are.
func WriteDimensionsCSV(w io.Writer, rep *score.Report) error {
	return CSVOptions{}.WriteDimensions(w, rep)
}

// dimensionRows writes the rows of [WriteDimensionsCSV], each after the
// cells of lead, which are ready to write.
func (o CSVOptions) dimensionRows(cw *csv.Writer, rep *score.Report, lead []string) error {
	for _, a := range rep.Agencies {
		for _, d := range a.Dimensions {
			row := append(slices.Clip(lead),
				o.text(a.AgencyID), o.text(a.DisplayName("en")), rankField(a.Rank), exactPtr(a.Score), o.text(a.Grade), exact(a.Coverage),
				o.text(string(d.ID)), exact(d.Weight), exact(d.EffectiveWeight), exactPtr(d.Score), exactPtr(d.Uncapped), o.text(d.CappedBy),
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
// Formulas are neutralised as by [WriteCriteriaCSV].
func WriteTrendCriteriaCSV(w io.Writer, tr *score.Trend) error {
	return CSVOptions{}.WriteTrendCriteria(w, tr)
}

// WriteTrendDimensionsCSV writes [WriteDimensionsCSV]'s rows for every
// period of a trend, with the leading period column of
// [WriteTrendCriteriaCSV]. Formulas are neutralised as by
// [WriteDimensionsCSV].
func WriteTrendDimensionsCSV(w io.Writer, tr *score.Trend) error {
	return CSVOptions{}.WriteTrendDimensions(w, tr)
}

// trendRows writes a trend's CSV file: the period column and columns,
// then each period's rows after its label.
func (o CSVOptions) trendRows(w io.Writer, tr *score.Trend, columns []string, rows func(*csv.Writer, *score.Report, []string) error) error {
	return writeCSV(w, append([]string{"period"}, columns...), func(cw *csv.Writer) error {
		for _, p := range tr.Periods {
			if err := rows(cw, p.Report, []string{o.text(p.Label)}); err != nil {
				return err
			}
		}
		return nil
	})
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
// Text cells that a spreadsheet would run as formulas are neutralised;
// [CSVOptions.WriteChanges] with Raw writes them as they are.
func WriteChangesCSV(w io.Writer, changes []score.AgencyChange) error {
	return CSVOptions{}.WriteChanges(w, changes)
}

// WriteChanges writes the rows of [WriteChangesCSV].
func (o CSVOptions) WriteChanges(w io.Writer, changes []score.AgencyChange) error {
	return writeCSV(w, changeColumns, func(cw *csv.Writer) error { return o.changeRows(cw, changes) })
}

// changeRows writes the rows of [WriteChangesCSV].
func (o CSVOptions) changeRows(cw *csv.Writer, changes []score.AgencyChange) error {
	for _, c := range changes {
		rankChange := ""
		if c.Rank.Change != nil {
			rankChange = itoa(*c.Rank.Change)
		}
		for _, cc := range c.Criteria {
			row := []string{o.text(c.From), o.text(c.To), o.text(c.AgencyID), o.text(cc.ID), o.text(string(cc.Metric)),
				exactPtr(cc.Value.From), exactPtr(cc.Value.To), exactPtr(cc.Value.Change),
				exactPtr(cc.Points.From), exactPtr(cc.Points.To), exactPtr(cc.Points.Change),
				exactPtr(c.Score.From), exactPtr(c.Score.To), exactPtr(c.Score.Change),
				rankField(c.Rank.From), rankField(c.Rank.To), rankChange,
				"", "", "", "", "", ""}
			if t := cc.Test; t != nil {
				row[17] = o.text(string(t.Method))
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
	return nil
}

// rankField is the rank, or "" (NA) for an agency that was not ranked.
func rankField(r int) string {
	if r == 0 {
		return ""
	}
	return itoa(r)
}
