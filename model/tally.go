package model

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
)

// Tally keeps the [Accounting] of one read and decides, for each rejected
// row, whether reading goes on. Every reader of this package and of its
// subpackages counts its rows with one, so that the rules below are
// written once.
//
// A reader calls exactly one of [Tally.Accept] and [Tally.Reject] for each
// data row it reads, header rows excluded; the promise of [Accounting],
// Read == Accepted + len(Rejected), then holds in strict and lenient mode,
// also when the read stops early. Caveats of an accepted row go to
// [Tally.Warn], after its Accept. A problem with the input as a whole (its
// header, its top-level structure) is a [Tally.FileError], and an error
// of the underlying reader an [Tally.IOError]: neither counts a row.
//
// A CSV reader starts with [ReadCSVHeader] and takes its rows with
// [Tally.NextCSVRecord], which rejects those that are not valid CSV.
//
// Make a Tally with [NewTally]. A Tally is not safe for concurrent use.
type Tally struct {
	opts ReadOptions
	acct Accounting
	// before is the number of rows rejected before this tally's rows, for
	// a tally of one chunk of a larger input.
	before int
	// lastLine is the line of the last field of the last CSV record
	// that ReadCSVHeader or NextCSVRecord returned, and bound the input
	// under ReadCSVHeader's csv.Reader.
	lastLine int
	bound    *recordBound
}

// NewTally returns a Tally for a read with opts: its File names the input
// in errors, and its Lenient and MaxRejects decide when [Tally.Reject]
// stops the read. Its limits (MaxFieldBytes, MaxFields) are the ones
// [ReadCSVHeader] checks.
func NewTally(opts ReadOptions) *Tally {
	return &Tally{opts: opts}
}

// ReadDocument reads all of r, an input read whole such as a JSON
// document, skipping a leading UTF-8 byte order mark: at most
// ReadOptions.MaxDocumentBytes ([DefaultMaxDocumentBytes], 1 GiB), else
// a [Tally.FileError] wrapping [ErrTooLarge] that names the limit. An
// error of r is a [Tally.IOError].
func (t *Tally) ReadDocument(r io.Reader) ([]byte, error) {
	max := t.opts.limits().document
	data, err := io.ReadAll(io.LimitReader(newBufReader(r), int64(max)+1))
	if err != nil {
		return nil, t.IOError(err)
	}
	if len(data) > max {
		return nil, t.FileError(0, "", fmt.Errorf("%w: the input is larger than MaxDocumentBytes (%d)", ErrTooLarge, max))
	}
	return data, nil
}

// Accounting returns the accounting so far.
func (t *Tally) Accounting() Accounting { return t.acct }

// Name returns the name of the input for errors: ReadOptions.File, or
// "<input>" when it is empty.
func (t *Tally) Name() string {
	if t.opts.File == "" {
		return "<input>"
	}
	return t.opts.File
}

// Accept counts a row that became a record.
func (t *Tally) Accept() {
	t.acct.Read++
	t.acct.Accepted++
}

// Warn adds a caveat of the accepted row at line, naming the field at
// fault ("" for the whole row), to [Accounting.Warnings]. It counts no
// row: the row is counted by its Accept.
func (t *Tally) Warn(line int, field string, err error) {
	t.acct.Warnings = append(t.acct.Warnings, &ParseError{File: t.opts.File, Line: line, Field: field, Err: err})
}

// Reject counts the bad row at line, naming the field at fault ("" for the
// whole row) and the reason, and returns the error to stop with, or nil to
// go on: a strict read stops at the first bad row, with its
// [*ParseError]; a lenient one once more than MaxRejects rows were
// rejected, with a ParseError wrapping [ErrTooManyRejects].
func (t *Tally) Reject(line int, field string, err error) error {
	t.acct.Read++
	pe := &ParseError{File: t.opts.File, Line: line, Field: field, Err: err}
	t.acct.Rejected = append(t.acct.Rejected, pe)
	if !t.opts.Lenient {
		return pe
	}
	if t.opts.MaxRejects > 0 && t.before+len(t.acct.Rejected) > t.opts.MaxRejects {
		return &ParseError{File: t.opts.File, Line: line,
			Err: fmt.Errorf("%w: more than %d", ErrTooManyRejects, t.opts.MaxRejects)}
	}
	return nil
}

// FileError returns the [*ParseError] of a problem with the input as a
// whole (its header, its top-level structure) at line; no row is counted
// for it, and the read stops in either mode.
func (t *Tally) FileError(line int, field string, err error) error {
	return &ParseError{File: t.opts.File, Line: line, Field: field, Err: err}
}

// IOError wraps an error of the underlying reader with the input's
// [Tally.Name]; no row is counted for it.
func (t *Tally) IOError(err error) error {
	return fmt.Errorf("%s: %w", t.Name(), err)
}

// CSVError handles an error of [csv.Reader.Read] other than io.EOF. A
// syntax error (a [*csv.ParseError]) spoils one record, and the reader
// resumes at the next line: the record is rejected, as [Tally.Reject]
// does, and CSVError returns the error to stop with, or nil to go on. Any
// other error is the underlying reader's, returned as [Tally.IOError].
func (t *Tally) CSVError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return t.IOError(err)
	}
	return t.Reject(pe.StartLine, "", fmt.Errorf("line %d, column %d: %w", pe.Line, pe.Column, pe.Err))
}

// NextCSVRecord returns the next record of cr that is valid CSV, with the
// line it starts on, rejecting the records before it that are not, as
// [Tally.CSVError] does. It returns io.EOF at the end of the input, or
// the error to stop with.
func (t *Tally) NextCSVRecord(cr *csv.Reader) ([]string, int, error) {
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		if tl := (*recordTooLarge)(nil); errors.As(err, &tl) {
			// As model's CSV readers do: the record is read and rejected,
			// and the read stops there, in lenient mode too.
			tl.line = t.lastLine + 1
			t.Reject(tl.line, "", tl)
			return nil, 0, t.acct.Rejected[len(t.acct.Rejected)-1]
		}
		if err != nil {
			if stop := t.CSVError(err); stop != nil {
				return nil, 0, stop
			}
			if t.bound != nil {
				t.bound.start = cr.InputOffset() // the bad record is behind
			}
			continue
		}
		line, _ := cr.FieldPos(0)
		t.lastLine, _ = cr.FieldPos(len(rec) - 1)
		if t.bound != nil {
			t.bound.start = cr.InputOffset()
		}
		return rec, line, nil
	}
}

// recordBound is the input under the csv.Reader of [ReadCSVHeader]: it
// fails with a *recordTooLarge once it has read more than a record within
// the limits can take (plus the buffer's read-ahead) past the end of the
// last record the Tally took from the csv.Reader, so that one endless
// record is never read into memory, as model's own CSV readers refuse it.
//
// It also counts the commas it reads: encoding/csv makes a field of each
// before anything can count them, at some 50 bytes a field, so a record of
// commas alone within the byte limit would cost a hundred times its size.
// More commas since the record's start than a record within MaxFields can
// hold (each of its fields may be a quoted run of commas) plus the
// read-ahead's is refused as a record too large.
type recordBound struct {
	r     io.Reader
	read  int64  // bytes read through
	start int64  // where the record being read starts: the csv.Reader's offset after the last
	lim   limits // lim.record, the most bytes of a record; 0 means no limit
	// commas counts the commas read through, and marks holds, for each
	// read that may still hold the record's start, where it began and the
	// commas before it.
	commas int64
	marks  []commaMark
}

// commaMark is the count of commas before the read that started at off.
type commaMark struct{ off, commas int64 }

// maxCommas is the most commas a record may span before it is refused:
// 65,536 (a record within the limits has at most MaxFields - 1 commas
// between its fields; more can only be text inside quoted fields, and a
// record with more than 65,536 of those is refused), plus those of the
// read that holds the record's start, at most 64 KiB of them. That is some
// 20 MB of encoding/csv's fields at most.
func (b *recordBound) maxCommas() int64 {
	return min(int64(b.lim.fields)*int64(b.lim.fieldBytes), 1<<16) + 64<<10
}

// readAhead is how far the buffered reader under a csv.Reader may read
// ahead of the record it is on: its buffer, twice for safety.
const readAhead = 2 * 64 << 10

func (b *recordBound) Read(p []byte) (int, error) {
	if b.lim.record > 0 && b.read-b.start > int64(b.lim.record)+readAhead {
		return 0, &recordTooLarge{lim: b.lim}
	}
	// The commas since the start of the read that holds the record's
	// start: at least those since the record's start.
	k := 0
	for k+1 < len(b.marks) && b.marks[k+1].off <= b.start {
		k++
	}
	b.marks = b.marks[k:]
	if len(b.marks) > 0 && b.lim.fields > 0 && b.commas-b.marks[0].commas > b.maxCommas() {
		return 0, &recordTooLarge{lim: b.lim}
	}
	n, err := b.r.Read(p)
	b.marks = append(b.marks, commaMark{b.read, b.commas})
	b.read += int64(n)
	b.commas += int64(bytes.Count(p[:n], []byte{','}))
	return n, err
}

// warnAll adds the warnings of the accepted row at line.
func (t *Tally) warnAll(line int, warnings []fieldError) {
	for _, w := range warnings {
		t.Warn(line, w.Field, w.Err)
	}
}

// accepted is the error of a row accepted with caveats: see acceptedWith.
type accepted struct{ warnings []fieldError }

func (a *accepted) Error() string { return "accepted with warnings" }

// acceptedWith returns what a rowFunc returns for a row it accepted with
// the given warnings, or nil when there are none.
func acceptedWith(warnings []fieldError) *fieldError {
	if len(warnings) == 0 {
		return nil
	}
	return &fieldError{Err: &accepted{warnings}}
}

// acceptWith counts the row at line as accepted, with its warnings, when fe
// says it was accepted with caveats, and reports whether it did.
func (t *Tally) acceptWith(line int, fe *fieldError) bool {
	a, ok := fe.Err.(*accepted)
	if !ok {
		return false
	}
	t.Accept()
	t.warnAll(line, a.warnings)
	return true
}

// rejectRow counts the bad row at line with its problem fe, and returns
// the error to stop with, or nil to go on, as Reject does; but a problem
// that ends the read ([endRead]) stops it in lenient mode too, with the
// row's own error.
func (t *Tally) rejectRow(line int, fe *fieldError) error {
	if end, ok := fe.Err.(*endRead); ok {
		t.Reject(line, fe.Field, end.err)
		return t.acct.Rejected[len(t.acct.Rejected)-1]
	}
	return t.Reject(line, fe.Field, fe.Err)
}

// ReadCSVHeader starts reading a CSV file with a header row for a reader
// of a subpackage: it skips a leading UTF-8 byte order mark, reads the
// header row and checks it against the limits of t's ReadOptions
// (MaxFields, MaxFieldBytes; see [ReadOptions.CheckRecord]). It returns
// the csv.Reader, positioned at the first data row, which allows any
// number of fields a record and reuses its records; a copy of the header;
// and the line of the header. Take its rows with [Tally.NextCSVRecord]:
// a record longer than any within the limits can be (see
// [ReadOptions.MaxFields]) then ends the read, counted as read and
// rejected, once about that many bytes of it (and the 128 KiB the buffer
// may read ahead) have been read, rather than the whole of it.
//
// Its errors, ready to return, are a [Tally.FileError] when the input is
// empty ([ErrMissing]: "header row"), the header is not valid CSV, or it
// is over the limits ([ErrTooLarge], naming the column), and a
// [Tally.IOError] for an error of r. The header's columns are not checked
// for valid UTF-8; that is the caller's, with its own words.
func ReadCSVHeader(r io.Reader, t *Tally) (cr *csv.Reader, header []string, line int, err error) {
	t.bound = &recordBound{r: r, lim: t.opts.limits()}
	cr = csv.NewReader(newBufReader(t.bound))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true

	rec, err := cr.Read()
	if err != nil {
		var pe *csv.ParseError
		switch {
		case err == io.EOF:
			return nil, nil, 0, t.FileError(1, "", fmt.Errorf("%w: header row", ErrMissing))
		case errors.As(err, &pe):
			return nil, nil, 0, t.FileError(pe.StartLine, "", fmt.Errorf("header: %w", pe.Err))
		}
		return nil, nil, 0, t.IOError(err)
	}
	line, _ = cr.FieldPos(0)
	t.lastLine, _ = cr.FieldPos(len(rec) - 1)
	t.bound.start = cr.InputOffset()
	if i, err := t.opts.CheckRecord(rec); err != nil {
		if i >= 0 {
			err = fmt.Errorf("header column %d: %w", i+1, err)
		}
		return nil, nil, 0, t.FileError(line, "", err)
	}
	return cr, slices.Clone(rec), line, nil
}
