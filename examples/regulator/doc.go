// Command regulator prototypes a digital-governance standard as a regulator
// would: it drafts a standard from the govscore default (two weights and a
// goalpost changed), writes it to a YAML file and reads it back, scores ten
// fictional agencies under it, and shows how much their ranking depends on
// the draft's choices and what the draft changes from the default.
//
//	go run ./examples/regulator
//
// The records are generated in data.go; the agencies are fictional.
package main
