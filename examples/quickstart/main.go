// Command quickstart scores ten agencies under the default govscore standard
// and prints the ranked scorecard and the explanation of the lowest score.
//
// The records are built in data.go; their timings are illustrative,
// reconstructed from a newspaper survey's qualitative account, not measured.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"io"
	"log"
	"os"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

func main() {
	log.SetFlags(0)
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(w io.Writer) error {
	sc, err := score.New(rubric.Default(), score.Options{AsOf: asOf})
	if err != nil {
		return err
	}
	rep, err := sc.Score(dataset())
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "govscore quickstart: %d agencies under %s %s, as of %s\n",
		len(rep.Agencies), rep.Rubric.ID, rep.Rubric.Version, rep.AsOf.Format("2006-01-02 15:04 -07:00"))
	fmt.Fprintln(w, "(illustrative records reconstructed from a newspaper survey; not measured)")
	fmt.Fprintln(w)
	if err := rep.WriteText(w); err != nil {
		return err
	}
	lowest := rep.Agencies[len(rep.Agencies)-1]
	fmt.Fprintf(w, "\nWhy the lowest score is what it is:\n\n")
	return rep.Explain(w, lowest.AgencyID)
}
