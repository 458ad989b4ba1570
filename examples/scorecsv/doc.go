// Command scorecsv scores the inquiries of a CSV file under a rubric and
// prints the ranked scorecard.
//
// The CSV needs a header; the columns are those model.ReadInquiriesCSV
// documents, so a file with only id, agency_id, channel, requester,
// received_at, first_reply_at and accuracy (as ../shared/bench/gen.py writes
// it) loads on its own. Rejected rows are reported on standard error with
// their line and reason; the wall time, reading included, goes there too.
//
//	go run ./examples/scorecsv -asof 2026-01-01T00:00:00+03:00 inquiries.csv
//	go run ./examples/scorecsv -asof 2026-01-01T00:00:00+03:00 -rubric standard.yaml -format json inquiries.csv
package main
