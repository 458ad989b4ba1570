// Package audit supports accuracy audits: real exports carry no accuracy
// grades, so regulators and newspapers grade a sample of replies by hand.
//
// The workflow is: [Sample] draws a seeded, stratified sample of answered
// inquiries per agency; [WriteSheet] writes it as a grading sheet (CSV)
// with an empty grade column; a person fills in the grades; [ReadSheet]
// reads them back, validated and with every row accounted for; and
// [Merge] sets them on the dataset's inquiries, all or nothing, so that
// package score can measure accuracy.
//
// Grades are [model.Accuracy] words: accurate, partial, inaccurate,
// deflection or ungraded. A sheet row left empty is "not graded yet"
// ([ErrNotGraded]): counted, warned about, and not merged.
//
// # Hostile IDs
//
// The IDs on a sheet come from input, and the sheet is opened in a
// spreadsheet. [WriteSheet] puts a single quote before a cell that would
// run as a formula there (one that starts with =, +, -, @, a tab or a
// carriage return) and before one that starts with a quote, and does the
// same after each ; of a cell, where a spreadsheet whose list separator
// is ; splits it; [ReadSheet]
// removes that quote and keeps the ID otherwise exactly as written, white
// space included, so that an ID such as "=1+1" or " q 7 " survives the
// round trip and merges.
package audit
