package model

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scanAll returns what csvScanner makes of in, record by record, in the
// form compareCSV uses.
func scanAll(in string, bufSize int) []string {
	s := &csvScanner{r: bufio.NewReaderSize(strings.NewReader(in), bufSize)}
	var out []string
	for {
		rec, line, err := s.next()
		if err == io.EOF {
			return out
		}
		out = append(out, describe(line, rec, err))
		if err == nil {
			valid := true
			for _, f := range rec {
				valid = valid && utf8.Valid(f)
			}
			if s.validUTF8() != valid {
				out = append(out, "validUTF8 is wrong")
			}
		}
	}
}

// stdAll returns what encoding/csv makes of in, in the same form.
func stdAll(in string) []string {
	r := csv.NewReader(strings.NewReader(in))
	r.FieldsPerRecord = -1
	var out []string
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		line := 0
		if err == nil {
			line, _ = r.FieldPos(0)
		}
		var fields [][]byte
		for _, f := range rec {
			fields = append(fields, []byte(f))
		}
		out = append(out, describe(line, fields, err))
	}
}

func describe(line int, rec [][]byte, err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "error at " + strconv.Itoa(pe.StartLine) + ": " + pe.Err.Error()
	}
	if err != nil {
		return "error: " + err.Error()
	}
	var b strings.Builder
	b.WriteString("line " + strconv.Itoa(line) + ":")
	for _, f := range rec {
		b.WriteString(" [" + string(f) + "]")
	}
	return b.String()
}

func TestCSVScanner(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"plain", "a,b,c\n1,2,3\n"},
		{"no final newline", "a,b\n1,2"},
		{"CRLF", "a,b\r\n1,2\r\n"},
		{"final CR", "a,b\r"},
		{"lone CR inside", "a\rb,c\n"},
		{"empty lines", "\n\na\n\r\n\nb\n\n"},
		{"empty fields", ",,\n,\n"},
		{"quoted", "\"a\",\"b,c\",\"d\"\"e\"\n"},
		{"quoted empty", "\"\",x\n"},
		{"multi-line", "\"a\nb\",c\nd,\"e\r\nf\"\n"},
		{"quoted then unquoted", "\"a\",b\n"},
		{"bare quote", "a\"b,c\nd\n"},
		{"quote after quoted", "\"a\"b,c\nd\n"},
		{"unterminated", "a,\"b\nc\n"},
		{"quote at end of line", "a,\"\n"},
		{"trailing comma after quote", "\"a\",\n"},
		{"unicode", "وزارة,\"المالية\"\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := stdAll(tt.in)
			assert.Equal(t, want, scanAll(tt.in, 4096), "csvScanner(%q)", tt.in)
			assert.Equal(t, want, scanAll(tt.in, 16), "csvScanner(%q) with a 16-byte buffer", tt.in)
		})
	}
}

func TestCSVScannerLongLine(t *testing.T) {
	in := strings.Repeat("x", 10000) + ",\"" + strings.Repeat("y\n", 5000) + "\"\nz\n"
	require.Equal(t, stdAll(in), scanAll(in, 16))
}

// FuzzCSVScanner holds csvScanner to encoding/csv: the same records with
// the same starting lines, and the same syntax errors at the same records.
func FuzzCSVScanner(f *testing.F) {
	for _, s := range []string{"a\xc3,\xa9b\n", "é,\xa9\n", "a,b\n1,2\n", "\"a\nb\",\"c\"\"d\"\r\n\ne\r", "a\"b\n\"c\"d\n\"e", "\uFEFFx,\"y\"\n,\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		want := stdAll(in)
		for _, size := range []int{16, 4096} {
			if got := scanAll(in, size); !slices.Equal(got, want) {
				t.Fatalf("csvScanner(%q) with a %d-byte buffer:\n got %q\nwant %q", in, size, got, want)
			}
		}
	})
}

// recordsAll returns what csvRecords makes of in, record by record, with
// the bytes each takes and whether it is valid UTF-8, in the form of
// scanAll.
func recordsAll(in string, line int) []string {
	var out []string
	csvRecords([]byte(in), line, func(start, _, size int, rec [][]byte, valid bool, err error) bool {
		out = append(out, describe(start, rec, err), "size "+strconv.Itoa(size))
		if err == nil {
			out = append(out, "valid "+strconv.FormatBool(valid))
		}
		return true
	})
	return out
}

// scannerRecords returns what csvScanner makes of in, in the form of
// recordsAll.
func scannerRecords(in string, line int) []string {
	s := &csvScanner{r: &byteLines{[]byte(in)}, line: line - 1}
	var out []string
	for {
		rec, start, err := s.next()
		if err == io.EOF {
			return out
		}
		out = append(out, describe(start, rec, err), "size "+strconv.Itoa(s.raw()))
		if err == nil {
			out = append(out, "valid "+strconv.FormatBool(s.validUTF8()))
		}
	}
}

// FuzzCSVRecords holds csvRecords, which splits the lines before a quote
// on its own, to csvScanner: the same records, start lines, sizes, UTF-8
// verdicts and syntax errors.
func FuzzCSVRecords(f *testing.F) {
	for _, s := range []string{"a\xc3,\xa9b\n", "a,b\n1,2\n", "\"a\nb\",\"c\"\"d\"\r\n\ne\r", "a\"b\n\"c\"d\n\"e",
		"x,y\r\n\r\n,\n\"q\",1\nz\xff,2\n3,4\r", "\n\n1,2,3\n\xc3\xa9,\"\n\"\n4,5", "a,b\n\n\"c\nd\"\ne,\"f\"\n"} {
		f.Add(s)
	}
	// Inputs longer than a block of masks (64 bytes) and than a batch of
	// them (4 KiB), with separators at the edges of blocks.
	f.Add(strings.Repeat("abc,defgh\r\n", 700) + "x,y\r")
	f.Add(strings.Repeat("a", 62) + "\r\n" + strings.Repeat("b,", 31) + ",\n\n" + strings.Repeat("é,", 1400))
	f.Fuzz(func(t *testing.T, in string) {
		want := scannerRecords(in, 3)
		defer func(v bool) { forceSearch = v }(forceSearch)
		for _, search := range []bool{false, true} {
			forceSearch = search
			if got := recordsAll(in, 3); !slices.Equal(got, want) {
				t.Fatalf("csvRecords(%q), forceSearch %v:\n got %q\nwant %q", in, search, got, want)
			}
		}
	})
}

// TestCSVRecordsBlocks holds csvRecords to csvScanner, as FuzzCSVRecords
// does, on random inputs of up to three batches of masks (see
// plainByMasks), made of separators, carriage returns, letters, and in
// some of them quotes and bytes that are not UTF-8, with either way of
// splitting lines; and holds the walk by masks to the walk by search
// when each stops it after a few records.
func TestCSVRecordsBlocks(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	parts := []string{",", ",", "\n", "\n", "\r", "\r\n", "a", "bcdefgh", "é", "\xff", "\"", "\"\""}
	defer func(v bool) { forceSearch = v }(forceSearch)
	for trial := range 400 {
		var b strings.Builder
		size := r.IntN(3 * 4096)
		// Most inputs are valid UTF-8 without quotes, so that long
		// regions of them are walked by masks.
		quotes, invalid := trial%4 == 0, trial%4 <= 1
		for b.Len() < size {
			p := parts[r.IntN(len(parts))]
			if !quotes && strings.Contains(p, "\"") || !invalid && p == "\xff" {
				continue
			}
			b.WriteString(p)
		}
		in := b.String()
		want := scannerRecords(in, 1)
		for _, search := range []bool{false, true} {
			forceSearch = search
			if got := recordsAll(in, 1); !slices.Equal(got, want) {
				t.Fatalf("trial %d, forceSearch %v: csvRecords differs from csvScanner on %q", trial, search, in)
			}
		}
		for _, stop := range []int{1, 2, 5, 50} {
			var walks [2][]string
			for k, search := range []bool{false, true} {
				forceSearch = search
				n := 0
				csvRecords([]byte(in), 1, func(start, off, size int, rec [][]byte, _ bool, err error) bool {
					walks[k] = append(walks[k], fmt.Sprintf("%d %d %d %q %v", start, off, size, rec, err))
					n++
					return n < stop
				})
			}
			if !slices.Equal(walks[0], walks[1]) {
				t.Fatalf("trial %d, stopped after %d: by masks %q, by search %q", trial, stop, walks[0], walks[1])
			}
		}
	}
}
