// Command govscore is govscore's command-line tool, for regulators and
// researchers who do not write Go. Install it from a clone with
//
//	go install ./examples/govscore
//
// It has subcommands:
//
//	govscore init [-preset default|strict|index|service-requests] [-o FILE]
//	govscore validate FILE...
//	govscore diff OLD NEW
//	govscore schema [-o FILE]
//	govscore score -as-of TIME [-rubric FILE] [-in FORMAT] [-period P] [flags] INPUT...
//	govscore compare [-old-rubric FILE] [-rubric FILE] OLD.json NEW.json
//	govscore sensitivity [-rubric FILE] [-runs N] [-seed S] [flags] REPORT.json
//	govscore audit sample|merge [flags] INPUT...
//	govscore help [COMMAND]
//
// init writes a standard as YAML with every field described, ready to
// edit; validate reports every problem of standard files, each with its
// file, line and field, and the nearest field name for a misspelt one;
// diff says what changed between two standards, grouped by part, and
// whether reports under them may be compared; schema prints the JSON
// Schema of standard files for editors; score reads records in any of the
// formats govscore knows (its own CSV and JSON Lines, streamed; Twitter
// threads; Boston, New York and San Francisco 311 exports; Open311; any CSV
// through a column mapping) with the agencies' declarations and calendars,
// scores them and writes the report as text, JSON, CSV, Markdown or HTML,
// or with -period scores each month, quarter or year with equal follow-up
// and tests the changes between them; compare sets two reports scored
// apart side by side, when their standards compare;
// sensitivity says how much a report's ranking depends on the standard's
// weights, goalposts and aggregation (Monte Carlo); audit draws a sample of
// replies to grade by hand and merges the grades back.
//
// Exit codes: 0 when the command succeeded, 1 when it ran and found a
// problem (an invalid standard, two standards or reports that are not
// comparable, a bad row in strict mode), 2 for a usage error. Errors go to
// standard error; output to standard output, or to the file -o names.
// Every subcommand takes -h.
package main
