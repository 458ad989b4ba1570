package model

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"io"
	"unicode/utf8"
)

// csvScanner splits CSV input into records the way encoding/csv does with
// its default settings (comma-separated, RFC 4180 quoting, no lazy quotes,
// a variable number of fields), but without allocating per record: the
// fields it returns are views of one buffer that the next record
// overwrites. A differential fuzz test holds it to encoding/csv.
//
// As in encoding/csv: records end at a line feed, \r\n is read as \n, a
// final \r before the end of input is dropped, empty lines are skipped, a
// quoted field may span lines and holds "" for a quote, a quote inside an
// unquoted field is csv.ErrBareQuote and a quoted field that does not end
// well is csv.ErrQuote. After a syntax error the scanner goes on at the
// next line, as encoding/csv does.
type csvScanner struct {
	r      lineSource
	line   int      // lines read so far
	offset int64    // bytes read so far
	long   []byte   // a line longer than r's buffer, put together
	crlf   []byte   // a line that ended in \r\n, ending in \n instead
	buf    []byte   // the fields of the current record, end to end
	ends   []int    // the end of each field in buf
	fields [][]byte // the current record's fields, views of buf
}

// next returns the next record's fields, valid until the following call,
// and the line where the record starts. At the end of the input it returns
// io.EOF; a syntax error is a *csv.ParseError, and any other error comes
// from the underlying reader.
func (s *csvScanner) next() (fields [][]byte, start int, err error) {
	var line []byte
	for {
		line, err = s.readLine()
		if err != nil {
			return nil, 0, err // a line read with an error is dropped, as by encoding/csv
		}
		if len(line) > 1 || (len(line) == 1 && line[0] != '\n') {
			break
		}
		// An empty line: skip it.
	}
	start = s.line
	s.buf, s.ends = s.buf[:0], s.ends[:0]

	if bytes.IndexByte(line, '"') < 0 { // the common case: no quotes at all
		line = line[:len(line)-lengthNL(line)]
		for {
			i := bytes.IndexByte(line, ',')
			if i < 0 {
				s.field(line)
				break
			}
			s.field(line[:i])
			line = line[i+1:]
		}
		return s.record(), start, nil
	}

	col := 1 // 1-based byte column of line[0] on the current line
	for {
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, ',')
			f := line
			if i >= 0 {
				f = f[:i]
			} else {
				f = f[:len(f)-lengthNL(f)]
			}
			if j := bytes.IndexByte(f, '"'); j >= 0 {
				return nil, start, &csv.ParseError{StartLine: start, Line: s.line, Column: col + j, Err: csv.ErrBareQuote}
			}
			s.field(f)
			if i < 0 {
				return s.record(), start, nil
			}
			line, col = line[i+1:], col+i+1
			continue
		}
		// A quoted field.
		line, col = line[1:], col+1
		s.ends = append(s.ends, len(s.buf)) // the field's end, moved as it grows
		for {
			i := bytes.IndexByte(line, '"')
			if i >= 0 {
				s.buf = append(s.buf, line[:i]...)
				line, col = line[i+1:], col+i+1
				switch {
				case len(line) > 0 && line[0] == '"': // "" stands for "
					s.buf = append(s.buf, '"')
					line, col = line[1:], col+1
					continue
				case len(line) > 0 && line[0] == ',': // end of field
					s.ends[len(s.ends)-1] = len(s.buf)
					line, col = line[1:], col+1
				case len(line) == lengthNL(line): // end of record
					s.ends[len(s.ends)-1] = len(s.buf)
					return s.record(), start, nil
				default:
					return nil, start, &csv.ParseError{StartLine: start, Line: s.line, Column: col - 1, Err: csv.ErrQuote}
				}
				break
			}
			if len(line) > 0 { // the field goes on on the next line
				s.buf = append(s.buf, line...)
				line, err = s.readLine()
				col = 1
				if err == io.EOF {
					err = nil
				}
				if err != nil {
					return nil, start, err
				}
				continue
			}
			// The input ended inside the quotes.
			return nil, start, &csv.ParseError{StartLine: start, Line: s.line, Column: col, Err: csv.ErrQuote}
		}
	}
}

// validUTF8 reports whether every field of the current record is valid
// UTF-8, checking the record's bytes at once: they are valid and no field
// starts inside a multi-byte sequence exactly when each field is valid.
func (s *csvScanner) validUTF8() bool {
	if !utf8.Valid(s.buf) {
		return false
	}
	for _, end := range s.ends {
		if end < len(s.buf) && !utf8.RuneStart(s.buf[end]) {
			return false
		}
	}
	return true
}

// field appends a field to the current record.
func (s *csvScanner) field(f []byte) {
	s.buf = append(s.buf, f...)
	s.ends = append(s.ends, len(s.buf))
}

// record returns the fields of the current record as views of s.buf.
func (s *csvScanner) record() [][]byte {
	s.fields = s.fields[:0]
	prev := 0
	for _, end := range s.ends {
		s.fields = append(s.fields, s.buf[prev:end:end])
		prev = end
	}
	return s.fields
}

// lineSource gives the lines of the input: a *bufio.Reader, or the
// *byteLines of a chunk of it already in memory.
type lineSource interface {
	// ReadSlice returns the input up to and including the next line
	// feed, as bufio.Reader.ReadSlice does.
	ReadSlice(delim byte) ([]byte, error)
}

// byteLines gives the lines of a byte slice without copying them.
type byteLines struct{ b []byte }

func (l *byteLines) ReadSlice(delim byte) ([]byte, error) {
	if len(l.b) == 0 {
		return nil, io.EOF
	}
	i := bytes.IndexByte(l.b, delim)
	if i < 0 {
		line := l.b
		l.b = nil
		return line, io.EOF
	}
	line := l.b[: i+1 : i+1]
	l.b = l.b[i+1:]
	return line, nil
}

// readLine returns the next line with its line feed, if it has one, \r\n
// turned into \n and a \r just before the end of input dropped. The line is
// valid until the next call; the input is never written to.
func (s *csvScanner) readLine() ([]byte, error) {
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.long = append(s.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = s.r.ReadSlice('\n')
			s.long = append(s.long, line...)
		}
		line = s.long
	}
	n := len(line)
	if n > 0 && err == io.EOF {
		err = nil
		if line[n-1] == '\r' {
			line = line[:n-1]
		}
	}
	s.line++
	s.offset += int64(n)
	if n := len(line); n >= 2 && line[n-2] == '\r' && line[n-1] == '\n' {
		s.crlf = append(append(s.crlf[:0], line[:n-2]...), '\n')
		line = s.crlf
	}
	return line, err
}

func lengthNL(b []byte) int {
	if len(b) > 0 && b[len(b)-1] == '\n' {
		return 1
	}
	return 0
}
