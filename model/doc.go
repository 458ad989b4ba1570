// Package model holds what happened: the agencies that answer the public,
// their channels and staffing, and the inquiries they received, with when
// and how well each was answered.
//
// model holds what happened; package rubric holds the standard; package
// score applies one to the other.
//
// # Records
//
// A [Dataset] is plain data: build it in Go, or read it from files with
// [ReadInquiriesCSV], [ReadInquiriesJSONL] and the readers for agencies,
// channels and staffing. [Dataset.Validate] reports every problem at once,
// each naming its record.
//
// # Reading files
//
// Every reader counts what it read: rows read = accepted + rejected, always.
// In strict mode (the default) a reader stops at the first bad row and
// returns a [*ParseError] naming file, line, field and reason; in lenient
// mode it keeps going and returns the rejected rows with their reasons.
package model
