package report_test

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/city311"
	"github.com/govscore/govscore/model/open311"
	"github.com/govscore/govscore/model/twitter"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
	"github.com/govscore/govscore/score/report"
)

// fuzzReaders are the readers FuzzReadScoreRender feeds, by the fuzzer's
// first argument: each returns what it accepted of data, read leniently.
var fuzzReaders = []struct {
	name string
	seed string // a fixture, from the repository's root
	read func(data []byte) model.Dataset
}{
	{"inquiries CSV", "model/testdata/inquiries_gen.csv", func(data []byte) model.Dataset {
		ds, _, _ := model.ReadInquiriesCSV(bytes.NewReader(data), model.ReadOptions{Lenient: true})
		return ds
	}},
	{"inquiries JSON Lines", "", func(data []byte) model.Dataset {
		ds, _, _ := model.ReadInquiriesJSONL(bytes.NewReader(data), model.ReadOptions{Lenient: true})
		return ds
	}},
	{"twitter", "model/twitter/testdata/threads.csv", func(data []byte) model.Dataset {
		ds, _, _ := twitter.Read(bytes.NewReader(data), twitter.Options{Lenient: true})
		return ds
	}},
	{"city311", "model/city311/testdata/boston2015.csv", func(data []byte) model.Dataset {
		ny, err := time.LoadLocation("America/New_York")
		if err != nil {
			return model.Dataset{}
		}
		ds, _, err := city311.Read(bytes.NewReader(data), city311.Options{ReadOptions: model.ReadOptions{Lenient: true, Location: ny}})
		if err != nil {
			return model.Dataset{}
		}
		return ds
	}},
	{"open311", "model/open311/testdata/requests.json", func(data []byte) model.Dataset {
		ds, _, _ := open311.Read(bytes.NewReader(data), model.ReadOptions{Lenient: true})
		return ds
	}},
}

// FuzzReadScoreRender checks that whatever a reader accepts scores, as a
// snapshot and by quarter, and renders to JSON, tidy CSV, Markdown, HTML
// and text, in English and Arabic, without an error or a panic: a file
// from an agency under scrutiny cannot make a report fail to publish.
func FuzzReadScoreRender(f *testing.F) {
	for i, r := range fuzzReaders {
		if r.seed == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join("..", "..", r.seed))
		if err != nil {
			f.Fatal(err)
		}
		if len(data) > 2048 { // keep seeds small, the first lines: the fuzzer minimises what it finds
			data = data[:2048]
		}
		f.Add(uint8(i), data)
	}
	f.Add(uint8(1), []byte(`{"id":"1","agency_id":"a","channel":"x","requester":"public","received_at":"2025-03-01T10:00:00Z","first_reply_at":"2025-03-01T11:00:00Z","accuracy":"accurate"}`+"\n"))
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		r := fuzzReaders[int(which)%len(fuzzReaders)]
		ds := r.read(data)
		if len(ds.Inquiries) == 0 {
			return
		}
		if err := ds.Validate(); err != nil {
			t.Fatalf("%s: the reader accepted a dataset that does not validate: %v", r.name, err)
		}
		sc, err := score.New(rubric.Default(), score.Options{AsOf: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC), MinSample: 1, Curves: true, Workers: 1})
		if err != nil {
			t.Fatal(err)
		}
		rep, err := sc.Score(ds)
		if err != nil {
			t.Fatalf("%s: Score: %v", r.name, err)
		}
		tr, err := sc.ScoreTrend(ds, score.Periods{Unit: score.Year})
		if err != nil {
			t.Fatalf("%s: ScoreTrend: %v", r.name, err)
		}
		renders := []func(w io.Writer) error{
			func(w io.Writer) error { return json.NewEncoder(w).Encode(rep) },
			func(w io.Writer) error { return report.WriteCriteriaCSV(w, rep) },
			func(w io.Writer) error { return report.WriteDimensionsCSV(w, rep) },
			rep.WriteText,
			func(w io.Writer) error { return rep.Explain(w, rep.Agencies[0].AgencyID) },
			func(w io.Writer) error { return json.NewEncoder(w).Encode(tr) },
			func(w io.Writer) error { return report.WriteTrendCriteriaCSV(w, tr) },
			func(w io.Writer) error { return report.WriteChangesCSV(w, tr.Changes) },
			tr.WriteText,
		}
		for _, lang := range []string{"en", "ar"} {
			o := report.Options{Lang: lang}
			renders = append(renders,
				func(w io.Writer) error { return report.WriteMarkdown(w, rep, o) },
				func(w io.Writer) error { return report.WriteHTML(w, rep, o) },
				func(w io.Writer) error { return report.WriteTrendMarkdown(w, tr, o) },
				func(w io.Writer) error { return report.WriteTrendHTML(w, tr, o) })
		}
		for i, render := range renders {
			if err := render(io.Discard); err != nil {
				t.Fatalf("%s: rendering %d: %v", r.name, i, err)
			}
		}
	})
}
