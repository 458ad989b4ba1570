package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"

	"github.com/govscore/govscore/score"
)

// ExampleBuild scores a small inquiries file on the Prism runner, in
// process, with a minimum sample of 3 inquiries per criterion, and prints
// the ranking from the JSON report the pipeline writes. An agency is
// ranked when criteria of at least half the standard's weight could be
// measured.
func ExampleBuild() {
	dir, err := os.MkdirTemp("", "govscore-beam-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	out := Outputs{Report: filepath.Join(dir, "report.json"), Rejected: filepath.Join(dir, "rejected.csv")}

	p, s := beam.NewPipelineWithRoot()
	job := Job{AsOf: "2026-01-01T00:00:00+03:00", MinSample: 3}
	if err := Build(s, []string{"testdata/inquiries.csv"}, job, out); err != nil {
		panic(err)
	}
	if err := ptest.Run(p); err != nil {
		panic(err)
	}

	data, err := os.ReadFile(out.Report)
	if err != nil {
		panic(err)
	}
	var rep score.Report
	if err := json.Unmarshal(data, &rep); err != nil {
		panic(err)
	}
	for _, a := range rep.Agencies {
		if a.Score == nil {
			fmt.Printf("unranked: %s, %d inquiries, too little data (criteria of %s%% of the weight measured)\n",
				a.AgencyID, a.Inquiries, a.Coverage.Shift(2).StringFixed(0))
			continue
		}
		fmt.Printf("%d. %s, %d inquiries: %s\n", a.Rank, a.AgencyID, a.Inquiries, a.Score.StringFixed(1))
	}
	// Output:
	// 1. ministry-of-health, 5 inquiries: 82.4
	// unranked: ministry-of-finance, 5 inquiries, too little data (criteria of 45% of the weight measured)
}
