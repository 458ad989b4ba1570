package model_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
)

// TestTally feeds a tally rows, good (g) and bad (b), and checks where it
// stops and what it counted.
func TestTally(t *testing.T) {
	errBad := errors.New("bad cell")
	for _, tc := range []struct {
		name     string
		opts     model.ReadOptions
		rows     string
		stopLine int   // the line Reject stopped at; 0 for none
		stopErr  error // what the stop error wraps
		accepted int
		rejected int
	}{
		{"strict, all good", model.ReadOptions{}, "ggg", 0, nil, 3, 0},
		{"strict stops at the first bad row", model.ReadOptions{}, "gbgb", 2, errBad, 1, 1},
		{"lenient goes on", model.ReadOptions{Lenient: true}, "gbgbb", 0, nil, 2, 3},
		{"lenient within MaxRejects", model.ReadOptions{Lenient: true, MaxRejects: 2}, "gbgb", 0, nil, 2, 2},
		{"lenient past MaxRejects", model.ReadOptions{Lenient: true, MaxRejects: 2}, "gbgbbg", 5, model.ErrTooManyRejects, 2, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tl := model.NewTally(tc.opts)
			var stop error
			line := 0
			for i, r := range tc.rows {
				line = i + 1
				if r == 'g' {
					tl.Accept()
					continue
				}
				if stop = tl.Reject(line, "cell", errBad); stop != nil {
					break
				}
			}
			acct := tl.Accounting()
			assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "Read = Accepted + len(Rejected)")
			assert.Equal(t, tc.accepted, acct.Accepted, "Accepted")
			assert.Len(t, acct.Rejected, tc.rejected, "Rejected")
			if tc.stopErr == nil {
				assert.NoError(t, stop)
				return
			}
			require.Error(t, stop)
			assert.ErrorIs(t, stop, tc.stopErr)
			var pe *model.ParseError
			require.ErrorAs(t, stop, &pe)
			assert.Equal(t, tc.stopLine, pe.Line, "line of the stop")
			assert.Equal(t, tc.stopLine, line, "Reject stopped at the row it was given")
		})
	}
}

func TestTallyErrors(t *testing.T) {
	tl := model.NewTally(model.ReadOptions{File: "x.csv"})
	tl.Accept()
	tl.Warn(1, "due_at", model.ErrNoTarget)
	assert.EqualError(t, tl.FileError(1, "id", model.ErrMissing), `x.csv:1: field "id": missing required value`)
	assert.EqualError(t, tl.IOError(io.ErrUnexpectedEOF), "x.csv: unexpected EOF")
	acct := tl.Accounting()
	assert.Equal(t, model.Accounting{Read: 1, Accepted: 1,
		Warnings: []*model.ParseError{{File: "x.csv", Line: 1, Field: "due_at", Err: model.ErrNoTarget}}}, acct,
		"FileError and IOError count no row; Warn counts none")
	assert.Equal(t, "<input>", model.NewTally(model.ReadOptions{}).Name())
}

func TestNextCSVRecord(t *testing.T) {
	in := "a,b\nx\"y,1\n3,4\n"
	tl := model.NewTally(model.ReadOptions{Lenient: true})
	cr, _, _, err := model.ReadCSVHeader(strings.NewReader(in), tl)
	require.NoError(t, err)
	rec, line, err := tl.NextCSVRecord(cr)
	require.NoError(t, err)
	assert.Equal(t, []string{"3", "4"}, rec)
	assert.Equal(t, 3, line)
	_, _, err = tl.NextCSVRecord(cr)
	assert.Equal(t, io.EOF, err)
	acct := tl.Accounting()
	require.Len(t, acct.Rejected, 1)
	assert.EqualError(t, acct.Rejected[0], `<input>:2: line 2, column 2: bare " in non-quoted-field`)
	assert.Equal(t, 1, acct.Read, "NextCSVRecord counts the rejected record; the caller the returned one")
}

func TestReadCSVHeader(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		opts     model.ReadOptions
		want     string // the error; "" for none
	}{
		{"byte order mark", "\uFEFFa,b\n1,2\n", model.ReadOptions{}, ""},
		{"empty", "", model.ReadOptions{File: "f"}, "f:1: missing required value: header row"},
		{"bad CSV", `a,"b` + "\n", model.ReadOptions{}, `<input>:1: header: extraneous or missing " in quoted-field`},
		{"too many fields", "a,b,c\n", model.ReadOptions{MaxFields: 2}, "<input>:1: too large: 3 fields, more than MaxFields (2)"},
		{"field too large", "a,bbbb\n", model.ReadOptions{MaxFieldBytes: 3}, "<input>:1: header column 2: too large: 4 bytes, more than MaxFieldBytes (3)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cr, h, line, err := model.ReadCSVHeader(strings.NewReader(tc.in), model.NewTally(tc.opts))
			if tc.want != "" {
				assert.EqualError(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, []string{"a", "b"}, h)
			assert.Equal(t, 1, line)
			rec, err := cr.Read()
			require.NoError(t, err)
			assert.Equal(t, []string{"1", "2"}, rec)
		})
	}
	_, _, _, err := model.ReadCSVHeader(iotest.ErrReader(io.ErrClosedPipe), model.NewTally(model.ReadOptions{File: "p"}))
	assert.EqualError(t, err, "p: io: read/write on closed pipe")
}

// A reader of a new format counts each row with a Tally: Accept or Reject,
// exactly once a row, so that Read == Accepted + len(Rejected).
func ExampleTally() {
	rows := []string{"ok", "", "ok", ""}
	t := model.NewTally(model.ReadOptions{File: "notes.txt", Lenient: true, MaxRejects: 1})
	for i, r := range rows {
		line := i + 1
		if r != "" {
			t.Accept()
			continue
		}
		if stop := t.Reject(line, "note", model.ErrMissing); stop != nil {
			fmt.Println("stopped:", stop)
			break
		}
	}
	acct := t.Accounting()
	fmt.Println(acct.Read, acct.Accepted, len(acct.Rejected))
	// Output:
	// stopped: notes.txt:4: too many rejected rows: more than 1
	// 4 2 2
}

// ReadCSVHeader skips a byte order mark and reads the header row, with the
// errors every CSV reader gives; NextCSVRecord reads the data rows,
// rejecting those that are not valid CSV.
func ExampleReadCSVHeader() {
	t := model.NewTally(model.ReadOptions{File: "grades.csv"})
	cr, header, line, err := model.ReadCSVHeader(strings.NewReader("\uFEFFid,grade\nq1,accurate\n"), t)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(header, "on line", line)
	for {
		rec, line, err := t.NextCSVRecord(cr)
		if err == io.EOF {
			break
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Println(line, rec)
		t.Accept()
	}
	fmt.Println(t.Accounting().Read, "rows")
	// Output:
	// [id grade] on line 1
	// 2 [q1 accurate]
	// 1 rows
}
