package main

import "os"

// The help of one command, as 'govscore help schema' prints it.
func Example_help() {
	code := run([]string{"help", "schema"}, os.Stdout, os.Stderr)
	if code != exitOK {
		panic(code)
	}
	// Output:
	// usage: govscore schema [flags]
	//
	// Schema prints the JSON Schema (draft 2020-12) of standard files. Editors use
	// it to complete and check a file as it is written; in VS Code, for example,
	// with the YAML extension and a first line
	//
	// 	# yaml-language-server: $schema=govscore.schema.json
	//
	// The schema checks each field on its own; rules that span fields (weights
	// summing exactly to 1, unique IDs) are checked by 'govscore validate'.
	//
	// Examples:
	//
	// 	govscore schema -o govscore.schema.json
	//
	// Flags:
	//   -o string
	//     	write to this file instead of standard output
}
