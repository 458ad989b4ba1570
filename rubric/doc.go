// Package rubric defines the standard: the dimensions of a digital-governance
// score (reply speed, accuracy, channel openness, staffing), their criteria,
// the metric each criterion measures, the scale that turns a measure into
// points, the weights that combine points into scores, and the grade bands.
//
// model holds what happened; rubric holds the standard; package score
// applies one to the other.
//
// # The standard is data
//
// A [Rubric] is a plain struct. Build one in Go, start from [Default], or
// read a YAML or JSON file with [LoadFile]. Weights and goalposts are exact
// decimals (github.com/shopspring/decimal): a file's 0.1 is 0.1, and the
// weights at each level must sum exactly to 1. [Rubric.Validate] reports
// every problem at once, each with the path of the node at fault.
//
// # Presets
//
// [Default] is the govscore standard; [Strict] keeps its structure with
// tighter targets; [Index] places agencies among each other with relative
// scales and a geometric mean, so its scores move when other agencies
// change. [Presets] lists all three. Each call returns a fresh value.
//
// # Identity and comparison
//
// [Rubric.Canonical] gives the rubric's canonical form and [Rubric.Hash] its
// SHA-256; every score report carries the hash, so two reports say whether
// they used the same standard. [Diff] says what changed between two
// rubrics, and [Changes.Comparability] whether scores under them may be
// compared: changes to wording keep them comparable, changes to weights,
// metrics, parameters, scales, methods or grade bands do not.
//
// # File format
//
//	id: my-standard
//	version: "1"
//	dimensions:
//	  - id: reply_speed
//	    weight: 0.6
//	    criteria:
//	      - id: answered
//	        metric: response_rate
//	        params: {grace_hours: 72}
//	        scale: {kind: goalposts, worst: 0.2, best: 0.95}
//	        weight: 1
//	  - ...
//	grades:
//	  - {id: good, min: 70, labels: {en: Good, ar: جيد}}
//	  - {id: poor, min: 0, labels: {en: Poor, ar: ضعيف}}
//
// Unknown fields are errors, so a misspelt key cannot be silently ignored.
// Every problem of reading a file is a [*SyntaxError] with its file, line
// and field; a file that reads but breaks a rule of the standard fails
// [Rubric.Validate], with every problem joined in the error.
// [Schema] returns the JSON Schema of the format, for editors to complete and
// check files as they are written; [Load] checks what the schema cannot,
// such as weights summing to 1.
package rubric
