// Command beam scores inquiries files on Apache Beam: the same report,
// byte for byte, that govscore score -format json writes on one machine,
// from data that has outgrown one machine. It runs locally on Beam's
// Prism runner (the default), and on Google Cloud Dataflow, Apache Flink
// and Apache Spark.
//
// It is a module of its own (this directory's go.mod, with a replace of
// the main module), so that Beam and its dependencies never enter
// govscore's own go.mod.
//
// # Usage
//
//	cd examples/beam
//	go run . --input 'data/*.csv' --output report.json --as_of 2026-01-01T00:00:00+03:00
//
// Flags, in Beam's spelling:
//
//	--input      inquiries files, CSV or JSON Lines (.jsonl), gzip by the .gz
//	             ending: globs separated by commas, on any file system Beam
//	             knows (local, gs://)
//	--output     the JSON report
//	--rejected   a CSV of the rejected rows: file, line, field, reason
//	--as_of      the cut-off, RFC 3339 with an offset (required)
//	--rubric     the standard's YAML or JSON file; the default standard without
//	--lenient    reject bad rows and go on, rather than fail at the first
//	--time_zone  IANA zone of timestamps without an offset (Beam's own --zone
//	             is Dataflow's)
//	--min_sample minimum sample per criterion
//	--period     score by periods, as govscore score -period: month, quarter,
//	             year, or RFC 3339 boundaries separated by commas; the report
//	             is then the trend (schema govscore.trend/v1)
//	--follow_up_days  with --period, the follow-up of each period (default 30)
//	--agencies, --channels, --staffing (CSV or JSON), --calendars (JSON):
//	             the metadata, as for govscore score
//	--runner     prism (default), dataflow, flink, spark, ...
//
// On Dataflow (the launcher cross-compiles the worker binary itself):
//
//	go run . --runner dataflow --project PROJECT --region REGION \
//	  --staging_location gs://BUCKET/staging --temp_location gs://BUCKET/tmp \
//	  --input 'gs://BUCKET/inquiries/*.csv' --output gs://BUCKET/report.json \
//	  --rejected gs://BUCKET/rejected.csv --as_of 2026-01-01T00:00:00+03:00
//
// On Flink or Spark, through Beam's portable job server for the cluster's
// version, started for example with Docker:
//
//	docker run --net=host apache/beam_flink1.18_job_server:2.77.0   # or --flink-master=HOST:8081
//	docker run --net=host apache/beam_spark3_job_server:2.77.0      # or --spark-master-url=spark://HOST:7077
//	go run . --runner flink --endpoint localhost:8099 --environment_type LOOPBACK \
//	  --input ... --output ... --as_of ...
//
// (--runner spark for Spark.) LOOPBACK runs the Go workers in the
// launching process, for a first try; on a cluster, use
// --environment_type DOCKER with Beam's Go SDK container,
// apache/beam_go_sdk:2.77.0. The Dataflow, Flink and Spark commands follow
// Beam's documentation and were not run here; the tests run Prism.
//
// # What it does
//
//  1. Files matching --input are read each whole, by one worker, with the
//     library's own streaming reader (model.ScanInquiriesCSV or
//     ScanInquiriesJSONL): rows are checked, rejected and numbered exactly
//     as the command does, and a quoted field that spans lines is read as
//     such. Files are not split by line, since a CSV record may hold a line
//     feed inside quotes: the files are the unit of parallelism, so split a
//     large export into several files (the rows' order does not matter).
//  2. Each file's inquiries go into a score.Accumulator, which is then
//     split by agency (Accumulator.ByAgency) and encoded
//     (Accumulator.MarshalBinary), keyed by agency ID. With --period, into a
//     score.TrendAccumulator, split by period and agency
//     (TrendAccumulator.ByPart) and keyed "PERIOD AGENCY", with one more
//     part for the whole trend (inquiries outside every period, the span of
//     receipts) under the empty key.
//  3. beam.CombinePerKey merges each agency's parts with a CombineFn over
//     the accumulator (decode, Merge, encode).
//  4. One final step merges the agencies' accumulators, composes the report
//     (ranks need every agency) and writes it, with the rejected rows in
//     order of file and line. It checks that every file matched was read
//     and that, for each, rows read = accepted + rejected, and logs each
//     file's counts.
//
// An inquiry ID is unique across a dataset. Within a file, a repeated ID
// is rejected or fails the read as with the command; across files, the
// pipeline gathers the accepted IDs by ID and fails, naming the ID and
// the files, when one is in two files (the command, reading files in
// order, would reject the later row in lenient mode; files read in
// parallel have no "later").
//
// # What travels, and what it costs
//
// Between workers travel, per file and agency, the agency's accumulator
// encoding: its ID, counters and day spans (tens to hundreds of bytes),
// and for each reply-time criterion's Kaplan-Meier sample, one
// observation an inquiry, delta-encoded and sorted, about 2 bytes an
// inquiry under the default standard (measured by
// BenchmarkAccumulatorBinary in package score). The ID check shuffles
// each accepted inquiry's ID and file name. No inquiry record travels.
//
// So the cost grows with records in the parsing (every worker, in
// parallel), the ID shuffle and the Kaplan-Meier state (2 bytes an
// inquiry in transit, 4 in memory), and with agencies in the number of
// keys and the final step. The final step holds every agency's
// accumulator on one worker: memory linear in agencies, plus the
// Kaplan-Meier samples of every inquiry, since reply-time quantiles need
// each agency's whole sample. At a billion inquiries that is about 4 GB
// on the final worker; counters, grades and days stay per agency.
package main
