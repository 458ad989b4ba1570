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
//	govscore help [COMMAND]
//
// init writes a standard as YAML with every field described, ready to
// edit; validate reports every problem of standard files, each with its
// file, line and field, and the nearest field name for a misspelt one;
// diff says what changed between two standards, grouped by part, and
// whether reports under them may be compared; schema prints the JSON
// Schema of standard files for editors.
//
// Exit codes: 0 when the command succeeded, 1 when it ran and found a
// problem (an invalid standard, or two standards whose reports are not
// comparable), 2 for a usage error. Errors go to standard error; output to
// standard output, or to the file -o names. Every subcommand takes -h.
//
// Scoring from the command line is examples/scorecsv for now (CSV and JSON
// Lines of inquiries); a score subcommand with the other formats and the
// metadata files is to come.
package main
