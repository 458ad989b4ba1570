package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	_ "time/tzdata" // the IANA zones of agencies and calendars, on any machine

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	htmlreport "github.com/govscore/govscore/score/report"
)

func main() {
	log.SetFlags(0)
	htmlFile := flag.String("html", "", "also write the scorecard as an HTML page to `file`")
	lang := flag.String("lang", "en", "language of the HTML page: en or ar")
	flag.Parse()
	if *lang != "en" && *lang != "ar" {
		log.Fatalf("-lang %q: want en or ar", *lang)
	}
	if err := run(os.Stdout); err != nil {
		log.Fatal(err)
	}
	if *htmlFile != "" {
		if err := writeHTML(*htmlFile, *lang); err != nil {
			log.Fatal(err)
		}
	}
}

// writeHTML scores the records again, with the reply curves the page draws,
// and writes the page to path.
func writeHTML(path, lang string) (err error) {
	std := rubric.Default()
	sc, err := score.New(std, score.Options{AsOf: asOf, Curves: true})
	if err != nil {
		return err
	}
	rep, err := sc.Score(dataset())
	if err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer func() { err = errors.Join(err, f.Close()) }()
	return htmlreport.WriteHTML(f, rep, htmlreport.Options{Lang: lang, Rubric: &std})
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
