package rubric_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/govscore/govscore/rubric"
)

// parseLimit is how long Parse and the round trip of one input may take
// before the fuzzer calls it a hang. It is generous: fuzzing instruments the code and runs it on every
// core at once.
const parseLimit = 10 * time.Second

// FuzzParse checks that Parse never panics or hangs, and that a rubric it
// accepts comes back the same through WriteYAML and WriteJSON.
func FuzzParse(f *testing.F) {
	def := rubric.Default()
	f.Add(yamlOf(f, def))
	f.Add(jsonOf(f, def))
	// Characters JSON allows raw but YAML does not.
	f.Add(bytes.Replace(yamlOf(f, def), []byte("title: govscore default digital-governance standard"),
		[]byte(`title: "DEL \x7f NEL \N C1 \x86 BOM \uFEFF \uFFFE"`), 1))
	files, err := filepath.Glob("testdata/*.yaml")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{
		"",
		"---\n",
		"id: [\n",
		"{}",
		"[]",
		"id: x\n---\nid: y\n",
		"id: x\nid: y\n",
		"id: x\nversion: '1'\ndimensions:\n  - {id: a, weight: 1e3, criteria: []}\n",
		"id: x\nversion: '1'\ndimensions:\n  - {id: a, weight: 0x10}\n",
		"id: x\nversion: '1'\ndimensions:\n  - {id: a, weight: .inf}\n",
		"id: x\nversion: '1'\ndimensions:\n  - {id: a, weight: 0.0000000000001}\n",
		"id: x\nversion: '1'\ndimensions:\n  - {id: a, weight: 1000000000000000000000}\n",
		"title: &t 1e-9\nversion: '1'\ndimensions:\n  - {id: a, weight: *t}\n",
		"a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
		"dimensions: &d\n  - {id: a, weight: 1, criteria: *d}\n",
		"grades:\n  - &g {id: a, min: 0, labels: {en: A}}\n  - <<: *g\n    id: b\n",
		`{"id": "x", "version": "1", "dimensions": [{"id": "a", "weight": "0.5"}], "grades": []}`,
	} {
		f.Add([]byte(s))
	}

	f.Fuzz(func(t *testing.T, data []byte) {
		done := make(chan error, 1)
		go func() { done <- roundTrip(data) }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("%v\ndata:\n%s", err, data)
			}
		case <-time.After(parseLimit):
			// A hang is a bug like a panic.
			t.Fatalf("Parse and round trip did not return within %s on %d bytes: %.200q", parseLimit, len(data), data)
		}
	})
}

// roundTrip parses data and, when it reads, checks that the rubric comes back
// the same through WriteYAML and WriteJSON. It runs outside the test's
// goroutine, so it returns what is wrong instead of failing the test.
func roundTrip(data []byte) error {
	r, err := rubric.Parse(data)
	if err != nil {
		if !errors.Is(err, rubric.ErrSyntax) {
			// The file read but is invalid: its rubric must still write.
			if _, err := r.Canonical(); err != nil {
				return fmt.Errorf("Canonical() of an invalid rubric = %w", err)
			}
		}
		return nil
	}
	want, err := r.Canonical()
	if err != nil {
		return fmt.Errorf("Canonical() = %w", err)
	}
	for _, format := range []struct {
		name  string
		write func(io.Writer) error
	}{{"WriteYAML", r.WriteYAML}, {"WriteJSON", r.WriteJSON}} {
		var out bytes.Buffer
		if err := format.write(&out); err != nil {
			return fmt.Errorf("%s() = %w", format.name, err)
		}
		again, err := rubric.Parse(out.Bytes())
		if err != nil {
			return fmt.Errorf("Parse(%s(Parse(data))) = %w\n%s:\n%s", format.name, err, format.name, out.Bytes())
		}
		got, err := again.Canonical()
		if err != nil {
			return fmt.Errorf("Canonical(Parse(%s(Parse(data)))) = %w", format.name, err)
		}
		if !bytes.Equal(got, want) {
			return fmt.Errorf("Canonical() changed through %s:\n got %s\nwant %s", format.name, got, want)
		}
	}
	return nil
}
