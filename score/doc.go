// Package score applies a rubric to records: it measures each agency, turns
// measures into points, weights points into dimension and overall scores,
// grades and ranks the agencies, flags what a reader should know, and keeps
// the explanation of every number.
//
// model holds what happened; package rubric holds the standard; score
// applies one to the other.
//
// # Use
//
//	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
//	rep, err := sc.Score(ds)
//	rep.WriteText(os.Stdout)                // ranked table
//	rep.Explain(os.Stdout, "ministry-of-finance")
//	json.NewEncoder(os.Stdout).Encode(rep)  // the stable JSON contract
//
// # Records one at a time
//
// [Scorer.Score] scores a dataset held in memory. For records that do not
// fit, or arrive as a stream, an [Accumulator] (from [Scorer.NewAccumulator])
// takes inquiries one at a time and keeps per agency only what the rubric
// needs of them: counters, grades, days waited and replied, and for reply
// times a Kaplan-Meier sample of 4 bytes an inquiry. Accumulators fork and
// merge ([Accumulator.Fork], [Accumulator.Merge]) in any grouping and any
// order to the same report, byte for byte, which is how model's streaming
// readers use every core:
//
//	acc, err := sc.NewAccumulator(meta)     // agencies, channels, staffing, calendars
//	acct, err := model.ScanInquiriesCSV(f, model.ReadOptions{File: name}, acc)
//	rep, err := acc.Report()
//
// [Accumulator.Report] holds every agency's explanation, some kilobytes an
// agency; [Accumulator.Stream] hands agencies over in rank order instead,
// for runs of very many agencies. Score is an Accumulator fed from the
// dataset.
//
// # Periods and trends
//
// Scorer.NewTrend and Scorer.ScoreTrend score by calendar month, quarter or
// year, or by explicit bounds (Periods), in one pass: each inquiry goes to the
// period in which it was received, and each period is scored as at its own
// cut-off, its end plus a follow-up (30 days by default) or AsOf if sooner, so
// that every period's inquiries have had the same time to be answered. A
// period's report is exactly the report of its inquiries scored with AsOf
// its cut-off and Since its start. A Trend holds every period's report and the
// changes between consecutive periods (AgencyChange): score, rank, and each
// criterion's value and points, with Newcombe's interval for a rate and the
// log-rank test for reply times. Compare compares two reports scored apart,
// when rubric.Diff finds their standards comparable.
//
// # Time
//
// Scoring never reads the clock. [Options.AsOf] is the observation cut-off:
// an inquiry without a reply by AsOf is a right-censored observation, not a
// missing one, and silence is never rewarded. Reply-time quantiles use the
// Kaplan-Meier estimator; rates at a horizon count only the inquiries whose
// outcome is known at AsOf.
//
// Durations follow one rule, decided from the exact instants: a delay
// (receipt to reply or to resolution), something that happened, is
// counted in whole seconds rounded up; an age (receipt to AsOf), the time
// observed without it happening, is rounded down. A whole-second threshold
// is then met by a delay, or passed by an age, exactly when the exact
// duration meets or passes it: an inquiry 59 min 59.6 s old at AsOf is
// pending against a one-hour target, and breached from the hour on. An
// agency's promised time is compared with the reply, the resolution and
// AsOf as instants. In business time the rule holds for instants on whole
// seconds; a fraction of a second is counted from the receipt's second
// (the working seconds from the second of receipt to the rounded-up
// delay, or to the rounded-down age).
//
// # Numbers
//
// Per-record work uses integer seconds and counts. Points, weights,
// contributions and scores are exact decimals (github.com/shopspring/decimal):
// every published score is rounded half away from zero to [Places] decimal
// places, and each level is computed from the published values of the level
// below. The package never reads or sets shopspring/decimal's globals for its
// arithmetic.
//
// # Missing data
//
// A criterion with nothing to measure, or with a sample below its minimum,
// is left out and its weight spread over the criteria that have data; an
// agency is flagged each time. Missing is never scored as 0 or 100.
//
// # The JSON report
//
// encoding/json of a [Report] is the stable contract; its "schema" field is
// [SchemaVersion], which changes only when a field is removed or changes
// meaning. Decimals are JSON strings ("72.5"); absent values are null. The
// layout, with every number of the explanation tree:
//
//	schema, as_of, since, min_sample, aggregation
//	rubric      {id, title, version, hash}
//	grades      [{id, min, labels{lang: label}}]
//	influence   [{criterion, dimension, nominal, mean_share, scored, correlation}]
//	agencies    [{agency_id, name, names{lang: name}, rank, score, grade,
//	              uncapped, capped_by, coverage, inquiries, after_as_of, curve?,
//	              flags[{code, node, detail, message, args[]}],
//	              dimensions [{id, title, weight, effective_weight, aggregation,
//	                           score, uncapped, capped_by, contribution,
//	                           criteria [{id, title, metric, status, min_sample,
//	                                      points, weight, effective_weight, contribution,
//	                                      measure {value, not_reached, observed, n, count,
//	                                               censored, pending,
//	                                               interval{low, high}, shrunk,
//	                                               prior{alpha, beta}}}]}],
//	              gates [{id, title, metric, status, measure, failed}]}]
//
// Each field's meaning is the doc comment of the Go field it encodes
// (Report, AgencyScore, DimensionScore, CriterionScore, GateScore, Measure,
// Prior, Flag, Influence, Curve). score/testdata/report.json pins the layout in a golden
// test. Package score/report renders the same report as tidy CSV, Markdown
// and HTML.
//
// # Text from input
//
// Agency IDs and names, channel IDs, a rubric's titles and flag details
// are typed by the public or by the agencies under scrutiny, and a report
// read back from JSON holds whatever its file says. [Report.WriteText],
// [Report.Explain], [Report.WriteInfluence] and [Trend.WriteText] print
// each such string as [SafeText] makes it: a line break, a tab, another
// control character or a bidirectional formatting character (U+202E and
// the like) becomes a visible escape such as \n or \u202e, so that no
// name can add a line or a column or reorder what a reader sees. Package
// score/report applies the same policy to Markdown and HTML.
//
// # Determinism
//
// The same dataset, rubric and options give a byte-identical JSON report,
// whatever the order of the records and the number of workers.
package score
