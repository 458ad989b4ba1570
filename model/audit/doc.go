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
package audit
