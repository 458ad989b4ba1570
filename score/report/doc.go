// Package report renders a [score.Report] for people and for analysis
// programs: tidy CSV files that R's read.csv and pandas' read_csv load
// without cleaning, a Markdown scorecard, and a self-contained HTML page
// with charts, in English or Arabic.
//
// model holds what happened; rubric holds the standard; score applies one
// to the other; report shows the result. The JSON encoding of a
// [score.Report] is the stable contract for programs; the CSV schemas below
// are stable too; the Markdown and HTML layouts may change between releases.
//
// # Tidy CSV
//
// Both files are UTF-8, comma-separated, with one header row, quoted as
// encoding/csv quotes (RFC 4180). Decimals are written exactly, with no
// exponent and no trailing zeros ("0.4", "26.668", "0.666666666667"),
// whatever shopspring/decimal's formatting globals say. A missing value is
// an empty field, which R and pandas read as NA / NaN. Rows follow the
// report's agency order (rank, then unscored agencies by ID), then rubric
// order.
//
// Text cells hold the data's strings exactly, with one exception: IDs,
// names and labels come from input that the public and the agencies
// under scrutiny type, and a spreadsheet runs a cell that starts with =,
// +, -, @, a tab or a carriage return as a formula (CSV injection:
// =HYPERLINK(...) to leak data, a command to run). Such a cell of a text
// column (type string in the tables below) is written with a single
// quote (') before it, as OWASP recommends: "=HYPERLINK(x)" is written
// "'=HYPERLINK(x)", "-1" as a name "'-1". So is each part of a cell after
// a ;, where a spreadsheet whose list separator is ; (most of Europe's)
// splits it: "q;=1+2" is written "q;'=1+2". Numeric and boolean columns are
// never changed: govscore writes them itself, so a change of -20.97 or an
// interval bound of -0.04 stays a number to R and pandas. Control and
// bidirectional characters in text cells are kept, quoted as RFC 4180
// requires; a program that prints them should make them visible
// ([score.SafeText]). The package-level writers neutralise formulas;
// [CSVOptions] with Raw set writes every cell as it is, for files that
// only programs read:
//
//	report.CSVOptions{Raw: true}.WriteCriteria(w, rep)
//
// [WriteCriteriaCSV] writes one row per agency × criterion:
//
//	column            type     meaning
//	agency_id         string   the agency's ID
//	rank              integer  1 for the highest score, ties shared; empty when not ranked
//	dimension         string   the dimension's ID
//	criterion         string   the criterion's ID
//	metric            string   what the criterion measures (rubric.Metric)
//	status            string   scored, no_data or insufficient (score.Status)
//	value             decimal  the measure: rates and shares 0..1, times in hours, booleans 1/0;
//	                           empty when there is no data, or (status scored) when a
//	                           reply-time quantile was not reached
//	n                 integer  the sample size, as the metric defines it
//	count             integer  the numerator of a rate or share
//	censored          integer  inquiries unanswered at the cut-off among those a reply-time statistic used
//	pending           integer  inquiries left out of a within-target rate, their outcome not yet known
//	ci_low, ci_high   decimal  the 95% confidence interval of value; empty when none or not reached
//	shrunk            decimal  the value after shrinkage, which earned the points; empty when none
//	points            decimal  0..100 on the criterion's scale; empty unless status is scored
//	weight            decimal  the rubric's weight of the criterion within its dimension
//	effective_weight  decimal  the weight after re-weighting over the scored criteria
//	contribution      decimal  effective_weight × points (0 under non-arithmetic aggregation)
//
// [WriteDimensionsCSV] writes one row per agency × dimension:
//
//	column            type     meaning
//	agency_id         string   the agency's ID
//	agency_name       string   its English display name (Names["en"], else Name, else the ID)
//	rank              integer  as above; empty when not ranked
//	overall           decimal  the agency's overall score 0..100; empty when not scored
//	grade             string   the ID of its grade band; empty when not scored
//	coverage          decimal  the share 0..1 of the rubric's weight its scored criteria carry
//	dimension         string   the dimension's ID
//	weight            decimal  the rubric's weight of the dimension
//	effective_weight  decimal  the weight after re-weighting over the scored dimensions
//	score             decimal  the dimension's score 0..100; empty when not scored
//	uncapped          decimal  the score before a knock-out cap; empty when none applied
//	capped_by         string   the knock-out criterion that capped it; empty when none
//	contribution      decimal  effective_weight × score: the points it adds to an arithmetic overall score
//
// In R: read.csv("criteria.csv", encoding = "UTF-8"); in pandas:
// pd.read_csv("criteria.csv").
//
// # Trends
//
// A [score.Trend] scores period by period. [WriteTrendCriteriaCSV] and
// [WriteTrendDimensionsCSV] write the rows above for every period, with a
// leading column, period, holding the period's label: 2025Q1, 2025-03,
// 2025, or START/END in RFC 3339 for explicit bounds. [WriteChangesCSV]
// writes one row per agency × criterion × pair of consecutive periods:
//
//	column            type     meaning
//	from, to          string   the labels of the two periods
//	agency_id         string   the agency's ID
//	criterion         string   the criterion's ID
//	metric            string   its metric
//	value_from, value_to, value_change
//	                  decimal  the measure's value in each period and to − from; empty when absent
//	points_from, points_to, points_change
//	                  decimal  the criterion's points, likewise
//	score_from, score_to, score_change
//	                  decimal  the agency's overall score, likewise
//	rank_from, rank_to, rank_change
//	                  integer  its rank in each period, and from − to (a rise is positive)
//	test              string   newcombe (rates) or log_rank (reply times); empty when none
//	ci_low, ci_high   decimal  newcombe: the 95% interval of value_change, the difference of the rates
//	chi_square        decimal  log_rank: the statistic, one degree of freedom
//	p_value           decimal  log_rank: its p-value
//	significant       boolean  true when the change is significant at 5%
//
// # Markdown and HTML
//
// [WriteMarkdown] writes the ranking table and a section per agency with
// its explanation. [WriteHTML] writes one HTML file with no external
// assets and no script: ranking bars coloured by grade, each dimension's
// contribution to each score as stacked bars, the time-to-first-reply
// Kaplan-Meier curves on a log time axis as small multiples, a panel per
// agency with its curve in focus over the others in grey, and a table of
// what they say (when the report was scored with
// [score.Options.Curves]), and a card per agency: weights as percentages
// (the exact weight in a tooltip), the points each criterion adds to its
// dimension and each dimension to the score in columns of their own.
// Names are wrapped, never cut. Every chart has a title and a
// description. The colours are Okabe and Ito's, checked for readers with
// each kind of colour blindness (TestPalettesForColourBlindReaders). [Options.Lang] "ar" gives
// Arabic labels and a right-to-left page whose charts are mirrored; agency
// names come from the agency's Names in that language, falling back to its
// English name, and are isolated with <bdi> so that Arabic and Latin names
// read correctly in either page.
//
// Every string from the data is printed as [score.SafeText] makes it:
// line breaks, tabs, control characters and bidirectional formatting
// characters (U+202E and the like, which would reorder what a reader
// sees) become visible escapes such as \n and \u202e. On top of that,
// Markdown escapes its markup in names and titles, writes IDs as code
// spans whose fences nothing in the ID can close, and escapes pipes in
// table cells, so that no string can add a heading, a table row, a link
// or HTML; html/template escapes HTML.
package report
