package model

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/govscore/govscore/model/internal/jsonkey"
)

// This file holds what the readers of this package share: the CSV header
// and row loop, the JSON Lines loop and the JSON array loop, counting rows
// with a [Tally]. The readers supply only what turns one row into one
// record.

// sizeHint returns how many bytes are left to read from r, or -1 when r
// does not say: the remaining length of an in-memory reader, or the size
// of a regular file less the current offset.
func sizeHint(r io.Reader) int64 {
	switch v := r.(type) {
	case interface{ Len() int }: // *bytes.Reader, *strings.Reader, *bytes.Buffer
		return int64(v.Len())
	case interface {
		Stat() (fs.FileInfo, error)
		io.Seeker
	}: // *os.File
		fi, err := v.Stat()
		if err != nil || !fi.Mode().IsRegular() {
			return -1
		}
		off, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return -1
		}
		return fi.Size() - off
	}
	return -1
}

// newBufReader returns a buffered reader over r with a leading UTF-8 byte
// order mark, if any, skipped.
func newBufReader(r io.Reader) *bufio.Reader {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	return br
}

// csvLayout describes the columns a CSV reader accepts.
type csvLayout struct {
	columns  []string              // the known columns, in the writers' order
	required []string              // columns the header must have
	extra    func(col string) bool // accepts further columns, e.g. name_<lang>; may be nil
}

// csvHeader is the header row of a CSV file.
type csvHeader []string

// index returns the position of the column col, or -1 when the file has no
// such column.
func (h csvHeader) index(col string) int {
	return slices.Index(h, col)
}

// cell returns rec[i], or nil when i is -1 (the column is absent).
func cell(rec [][]byte, i int) []byte {
	if i < 0 {
		return nil
	}
	return rec[i]
}

// rowFunc turns one data row, whose cells are valid UTF-8 and as many as
// the header's, into a record. It returns nil when the row was accepted,
// or acceptedWith(warnings) when it was accepted with a caveat. The cells
// are valid only until rowFunc returns.
type rowFunc func(rec [][]byte) *fieldError

// readCSV reads a CSV file with a header row. It checks the header against
// l, calls setup with it to get the function that handles each data row,
// and counts every row. setup may reject the header with a fieldError.
//
// When reserve is not nil and the size of r is known, readCSV calls it
// once, early, with an estimate a little above the number of rows the file
// holds, so that the caller can allocate its records at once.
func readCSV(r io.Reader, opts ReadOptions, l csvLayout, reserve func(rows int), setup func(csvHeader) (rowFunc, *fieldError)) (Accounting, error) {
	t := &Tally{opts: opts}
	size := sizeHint(r)
	lim := opts.limits()
	cs := &csvScanner{r: newBufReader(r), lim: lim}

	h, headerLine, err := readHeader(cs, t, l)
	if err != nil {
		return t.acct, err
	}
	row, fe := setup(h)
	if fe != nil {
		return t.acct, t.FileError(headerLine, fe.Field, fe.Err)
	}

	const (
		sample     = 1000    // rows read before estimating how many there are
		maxReserve = 4 << 20 // rows; an estimate is only an estimate
	)
	start := cs.offset
	for {
		if t.acct.Read == sample && reserve != nil && size > 0 {
			if used := cs.offset - start; used > 0 {
				rest := max(size-cs.offset, 0)
				reserve(int(min(sample+rest*sample/used*21/20+64, maxReserve)))
			}
		}
		rec, line, err := cs.next()
		if err == io.EOF {
			return t.acct, nil
		}
		if err != nil {
			// A syntax error spoils one record; reading resumes at the
			// next line, so the row is rejected like any other bad row.
			// A record too large ends the read.
			fe, line := recordError(err)
			if fe == nil {
				return t.acct, t.IOError(err)
			}
			if err := t.rejectRow(line, fe); err != nil {
				return t.acct, err
			}
			continue
		}
		if fe := checkCells(h, rec, cs.raw(), cs.validUTF8(), lim); fe != nil {
			err = t.Reject(line, fe.Field, fe.Err)
		} else if fe := row(rec); fe != nil && !t.acceptWith(line, fe) {
			err = t.rejectRow(line, fe)
		} else if fe == nil {
			t.Accept()
		}
		if err != nil {
			return t.acct, err
		}
	}
}

// recordError returns the problem of a record that a csvScanner failed to
// read, with the line where it starts: a syntax error, which spoils the
// record alone, or a record too large, which ends the read. It returns
// nil for any other error, one of the underlying reader.
func recordError(err error) (*fieldError, int) {
	var pe *csv.ParseError
	var big *recordTooLarge
	switch {
	case errors.As(err, &pe):
		return &fieldError{"", fmt.Errorf("line %d, column %d: %w", pe.Line, pe.Column, pe.Err)}, pe.StartLine
	case errors.As(err, &big):
		return &fieldError{"", &endRead{big}}, big.line
	}
	return nil, 0
}

// readHeader reads the header row of a CSV file with cs and checks it
// against the limits of cs and the layout l. Its errors, for the file as a
// whole, are ready to return.
func readHeader(cs *csvScanner, t *Tally, l csvLayout) (csvHeader, int, error) {
	rec, line, err := cs.next()
	if err != nil {
		var pe *csv.ParseError
		var big *recordTooLarge
		switch {
		case err == io.EOF:
			return nil, 0, t.FileError(1, "", fmt.Errorf("%w: header row", ErrMissing))
		case errors.As(err, &pe):
			return nil, 0, t.FileError(pe.StartLine, "", fmt.Errorf("header: %w", pe.Err))
		case errors.As(err, &big):
			return nil, 0, t.FileError(big.line, "", big)
		}
		return nil, 0, t.IOError(err)
	}
	if len(rec) > cs.lim.fields {
		return nil, 0, t.FileError(line, "", cs.lim.tooManyFields(len(rec)))
	}
	h := make(csvHeader, len(rec))
	for i, c := range rec {
		if len(c) > cs.lim.fieldBytes {
			return nil, 0, t.FileError(line, "", fmt.Errorf("header column %d: %w", i+1, cs.lim.fieldTooLarge(len(c))))
		}
		h[i] = string(c)
	}
	if fe := l.check(h); fe != nil {
		return nil, 0, t.FileError(line, fe.Field, fe.Err)
	}
	return h, line, nil
}

// checkCells checks what every row must be: within the limits l, as many
// cells as the header has columns, each valid UTF-8. raw, the bytes the
// record took in the input, is at least the length of any cell, and valid
// says whether every cell is valid UTF-8: both are known from the record
// as a whole, so that the cells are looked at one by one only when one may
// be at fault.
func checkCells(h csvHeader, rec [][]byte, raw int, valid bool, l limits) *fieldError {
	if len(rec) > l.fields {
		return &fieldError{"", l.tooManyFields(len(rec))}
	}
	if raw > l.fieldBytes {
		for i, c := range rec {
			if len(c) > l.fieldBytes {
				col := ""
				if i < len(h) {
					col = h[i]
				}
				return &fieldError{col, l.fieldTooLarge(len(c))}
			}
		}
	}
	if len(rec) != len(h) {
		return &fieldError{"", fmt.Errorf("%w: %d fields, header has %d", csv.ErrFieldCount, len(rec), len(h))}
	}
	if valid {
		return nil
	}
	for i, c := range rec {
		if !utf8.Valid(c) {
			return &fieldError{h[i], ErrEncoding}
		}
	}
	return nil
}

// check reports the first column of h that is unknown or repeated, or the
// first required column h lacks.
func (l csvLayout) check(h csvHeader) *fieldError {
	for i, col := range h {
		if !slices.Contains(l.columns, col) && (l.extra == nil || !l.extra(col)) {
			return &fieldError{col, fmt.Errorf("%w: unknown column", ErrUnknownValue)}
		}
		if slices.Contains(h[:i], col) {
			return &fieldError{col, fmt.Errorf("%w: column appears more than once", ErrDuplicateID)}
		}
	}
	for _, col := range l.required {
		if !slices.Contains(h, col) {
			return &fieldError{col, fmt.Errorf("%w: no such column in the header", ErrMissing)}
		}
	}
	return nil
}

// readLines reads JSON Lines: one value per line. Blank lines are skipped
// and not counted; line numbers are physical lines. row handles one
// non-blank line, which is valid UTF-8 and has no line ending.
func readLines(r io.Reader, opts ReadOptions, row func(line []byte) *fieldError) (Accounting, error) {
	t := &Tally{opts: opts}
	br := newBufReader(r)
	lim := opts.limits()
	var long []byte // a line longer than br's buffer, put together
	for n := 1; ; n++ {
		line, err := readWholeLine(br, &long, lim.record)
		if err == errLineTooLong {
			// As for a CSV record: not read into memory, and the end of the read.
			t.Reject(n, "", &recordTooLarge{line: n, lim: lim})
			return t.acct, t.acct.Rejected[len(t.acct.Rejected)-1]
		}
		if err != nil && err != io.EOF {
			return t.acct, t.IOError(err)
		}
		if !blank(line) {
			var stop error
			if !utf8.Valid(line) || !jsonkey.ValidEscapes(line) {
				stop = t.Reject(n, "", ErrEncoding)
			} else if fe := row(bytes.TrimRight(line, "\r\n")); fe != nil && !t.acceptWith(n, fe) {
				stop = t.rejectRow(n, fe)
			} else if fe == nil {
				t.Accept()
			}
			if stop != nil {
				return t.acct, stop
			}
		}
		if err == io.EOF {
			return t.acct, nil
		}
	}
}

// readWholeLine returns the next line of br with its line feed, if it has
// one, putting a line longer than br's buffer together in *long. The line
// is valid until the next call. A line longer than max bytes (when max >
// 0) is not put together: readWholeLine returns errLineTooLong as soon as
// it has read more than max of it.
func readWholeLine(br *bufio.Reader, long *[]byte, max int) ([]byte, error) {
	line, err := br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		*long = append((*long)[:0], line...)
		for err == bufio.ErrBufferFull {
			if max > 0 && len(*long) > max {
				return nil, errLineTooLong
			}
			line, err = br.ReadSlice('\n')
			*long = append(*long, line...)
		}
		line = *long
	}
	if max > 0 && len(line) > max {
		return nil, errLineTooLong
	}
	return line, err
}

// errLineTooLong is readWholeLine's error for a line over its maximum.
var errLineTooLong = errors.New("line too long")

// readArray reads a JSON array of objects. elem handles one element, which
// is syntactically valid JSON and valid UTF-8; errors name the line where
// the element starts. A syntax error ends the read: the element at fault
// is counted as read and rejected.
func readArray(r io.Reader, opts ReadOptions, elem func(raw []byte) *fieldError) (Accounting, error) {
	t := &Tally{opts: opts}
	data, err := t.ReadDocument(r)
	if err != nil {
		return t.acct, err
	}
	lines := lineCounter{data: data}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err == io.EOF {
		return t.acct, t.FileError(1, "", fmt.Errorf("%w: empty input, want a JSON array", ErrMissing))
	}
	if err != nil {
		return t.acct, t.FileError(lines.at(int(dec.InputOffset())), "", err)
	}
	if tok != json.Delim('[') {
		return t.acct, t.FileError(lines.at(0), "", fmt.Errorf("%w: want a JSON array", ErrUnknownValue))
	}
	for dec.More() {
		line := lines.at(elementStart(data, int(dec.InputOffset())))
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// The decoder cannot resynchronise after a syntax error.
			if stop := t.Reject(line, "", err); stop != nil {
				return t.acct, stop
			}
			return t.acct, t.FileError(line, "", err)
		}
		var stop error
		if !utf8.Valid(raw) || !jsonkey.ValidEscapes(raw) {
			stop = t.Reject(line, "", ErrEncoding)
		} else if fe := elem(raw); fe != nil {
			stop = t.rejectRow(line, fe)
		} else {
			t.Accept()
		}
		if stop != nil {
			return t.acct, stop
		}
	}
	if _, err := dec.Token(); err != nil { // the closing ']'
		return t.acct, t.FileError(lines.at(int(dec.InputOffset())), "", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the JSON array")
		}
		return t.acct, t.FileError(lines.at(int(dec.InputOffset())), "", err)
	}
	return t.acct, nil
}

// elementStart returns the offset of the first byte of the array element
// that follows off: past white space and the separating comma.
func elementStart(data []byte, off int) int {
	for off < len(data) && (isSpace(data[off]) || data[off] == ',') {
		off++
	}
	return off
}

// blank reports whether line holds nothing but JSON white space.
func blank(line []byte) bool {
	for _, c := range line {
		if !isSpace(c) {
			return false
		}
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }

// lineCounter turns byte offsets, asked for in increasing order, into
// 1-based line numbers without rescanning the input.
type lineCounter struct {
	data []byte
	off  int // bytes counted so far
	line int // newlines in data[:off]
}

func (c *lineCounter) at(off int) int {
	off = min(max(off, 0), len(c.data))
	if off < c.off { // not expected; count again from the start
		c.off, c.line = 0, 0
	}
	c.line += bytes.Count(c.data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line + 1
}

// member is one key and value of a JSON object.
type member struct {
	key   string
	value json.RawMessage
}

// members returns the members of the JSON object raw in the order they
// appear. It fails when raw is not exactly one object, and with a
// [*FieldError] naming the path of the key when a key repeats in it, at
// any depth ([ErrRepeatedKey]).
func members(raw []byte) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if tok != json.Delim('{') {
		return nil, fmt.Errorf("%w: want a JSON object", ErrUnknownValue)
	}
	var ms []member
	var keys jsonkey.Set
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := tok.(string) // object keys are always strings
		if keys.Add(key) {
			return nil, &FieldError{key, jsonkey.Error(ErrRepeatedKey, key)}
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		if len(v) > 0 && (v[0] == '{' || v[0] == '[') {
			if path, err := jsonkey.Check(v, ErrRepeatedKey); err != nil {
				if !strings.HasPrefix(path, "[") {
					path = "." + path
				}
				return nil, &FieldError{key + path, err}
			}
		}
		ms = append(ms, member{key, v})
	}
	if _, err := dec.Token(); err != nil { // the closing '}'
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the JSON object")
		}
		return nil, err
	}
	return ms, nil
}

// membersError turns an error of members into the problem of a record,
// naming the field where the error does.
func membersError(err error) *fieldError {
	var fe *FieldError
	if errors.As(err, &fe) {
		return fe
	}
	return &fieldError{"", err}
}

// checkKeys returns an error for the first member whose key is not one of
// known, or the first of required that no member has.
func checkKeys(ms []member, known, required []string) *fieldError {
	for _, m := range ms {
		if !slices.Contains(known, m.key) {
			return &fieldError{m.key, fmt.Errorf("%w: unknown key", ErrUnknownValue)}
		}
	}
	for _, k := range required {
		if !slices.ContainsFunc(ms, func(m member) bool { return m.key == k }) {
			return &fieldError{k, fmt.Errorf("%w: no such key", ErrMissing)}
		}
	}
	return nil
}

// jsonString decodes a member that must be a JSON string or null (read as
// "").
func jsonString(m member) (string, *fieldError) {
	if string(m.value) == "null" {
		return "", nil
	}
	var s string
	if len(m.value) == 0 || m.value[0] != '"' || json.Unmarshal(m.value, &s) != nil {
		return "", &fieldError{m.key, fmt.Errorf("%w: want a JSON string", ErrUnknownValue)}
	}
	return s, nil
}

// jsonFieldError turns an error of json.Unmarshal into a fieldError naming
// the field at fault where the error says which.
func jsonFieldError(err error) *fieldError {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return &fieldError{te.Field, fmt.Errorf("%w: want a JSON %s, not %s", ErrUnknownValue, te.Type, te.Value)}
	}
	return &fieldError{"", err}
}

// parseBool reads a boolean cell: true, false, 1, 0, yes or no in any case;
// empty is false.
func parseBool(field string, b []byte) (bool, *fieldError) {
	switch strings.ToLower(string(b)) {
	case "", "false", "0", "no":
		return false, nil
	case "true", "1", "yes":
		return true, nil
	}
	return false, &fieldError{field, fmt.Errorf("%w: %s is not a boolean", ErrUnknownValue, quoteCell(string(b)))}
}

// firstProblem returns the first of errs, or nil.
func firstProblem(errs []fieldError) *fieldError {
	if len(errs) == 0 {
		return nil
	}
	return &errs[0]
}
