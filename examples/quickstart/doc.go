// Command quickstart scores ten agencies under the default govscore standard
// and prints the ranked scorecard and the explanation of the lowest score.
//
// The records are built in data.go; their timings are illustrative,
// reconstructed from a newspaper survey's qualitative account, not measured.
//
//	go run ./examples/quickstart
//	go run ./examples/quickstart -html report.html -lang ar
//
// With -html it also writes the scorecard as one self-contained HTML page,
// with its charts, in English or (-lang ar) Arabic.
package main
