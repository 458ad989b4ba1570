// Command scorecsv scores the inquiries of a CSV file (or, with a .jsonl
// name, JSON Lines) under a rubric and prints the ranked scorecard.
//
// It streams: the file is read in chunks on every core straight into a
// score.Accumulator, so its memory grows with the agencies and the
// Kaplan-Meier samples (4 bytes an inquiry), not with the rows. When
// standard error is a terminal, it shows how far the read has got.
//
// The CSV needs a header; the columns are those model.ReadInquiriesCSV
// documents, so a file with only id, agency_id, channel, requester,
// received_at, first_reply_at and accuracy (as ../shared/bench/gen.py writes
// it) loads on its own. Rejected rows are reported on standard error with
// their line and reason; the wall time, reading included, goes there too.
//
//	go run ./examples/scorecsv -asof 2026-01-01T00:00:00+03:00 inquiries.csv
//	go run ./examples/scorecsv -asof 2026-01-01T00:00:00+03:00 -rubric standard.yaml -format json inquiries.csv
//
// bench.sh, beside it, runs it against the anchors of ../shared/bench
// (DuckDB, the naive Go loop) on files from gen.py and prints the table
// the README's performance section shows.
package main
