package model

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"io"
	"math/bits"
	"unicode/utf8"

	"github.com/govscore/govscore/model/internal/sep"
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
//
// A record that takes more than lim.record bytes of input is a
// *recordTooLarge, returned as soon as the bytes read say so: it is not
// read into memory, and the scanner cannot go on. The zero lim is no
// limit.
type csvScanner struct {
	r        lineSource
	lim      limits
	line     int      // lines read so far
	offset   int64    // bytes read so far
	recStart int64    // the offset where the current record starts
	long     []byte   // a line longer than r's buffer, put together
	crlf     []byte   // a line that ended in \r\n, ending in \n instead
	buf      []byte   // the fields of the current record, end to end
	ends     []int    // the end of each field in buf
	fields   [][]byte // the current record's fields, views of buf or of the line
	// plain is the current record's line when it has no quotes: its fields
	// are views of it, and buf is not used.
	plain []byte
}

// next returns the next record's fields, valid until the following call,
// and the line where the record starts. At the end of the input it returns
// io.EOF; a syntax error is a *csv.ParseError, and any other error comes
// from the underlying reader.
func (s *csvScanner) next() (fields [][]byte, start int, err error) {
	fields, start, err = s.scan()
	if s.lim.record > 0 && s.offset-s.recStart > int64(s.lim.record) {
		if _, syntax := err.(*csv.ParseError); err == nil || syntax {
			return nil, start, &recordTooLarge{line: start, lim: s.lim}
		}
	}
	return fields, start, err
}

// raw returns the bytes of input the record read last took, quotes,
// separators and line endings included.
func (s *csvScanner) raw() int { return int(s.offset - s.recStart) }

// errLineTooLarge is what readLine returns for a line that takes the
// record it belongs to over the limit.
var errLineTooLarge = errors.New("csv line too large")

// scan reads the next record for next, which checks its size.
func (s *csvScanner) scan() (fields [][]byte, start int, err error) {
	var line []byte
	for {
		s.recStart = s.offset
		line, err = s.readLine()
		if err == errLineTooLarge {
			return nil, s.line, &recordTooLarge{line: s.line, lim: s.lim}
		}
		if err != nil {
			return nil, 0, err // a line read with an error is dropped, as by encoding/csv
		}
		if len(line) > 1 || (len(line) == 1 && line[0] != '\n') {
			break
		}
		// An empty line: skip it.
	}
	start = s.line
	s.buf, s.ends, s.plain = s.buf[:0], s.ends[:0], nil

	if bytes.IndexByte(line, '"') < 0 { // the common case: no quotes at all
		// The fields are views of the line, found in one pass.
		line = line[:len(line)-lengthNL(line)]
		s.plain = line
		s.fields = s.fields[:0]
		prev := 0
		for i, c := range line {
			if c == ',' {
				s.fields = append(s.fields, line[prev:i:i])
				prev = i + 1
			}
		}
		s.fields = append(s.fields, line[prev:len(line):len(line)])
		return s.fields, start, nil
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
				if err == nil && s.lim.record > 0 && s.offset-s.recStart > int64(s.lim.record) {
					err = errLineTooLarge
				}
				if err == errLineTooLarge {
					return nil, start, &recordTooLarge{line: start, lim: s.lim}
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
	if s.plain != nil {
		// Fields split at commas, which are ASCII: none can start inside
		// a multi-byte sequence.
		return utf8.Valid(s.plain)
	}
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
//
// A line that takes the current record past s.lim.record is not put
// together: readLine counts it and returns errLineTooLarge.
func (s *csvScanner) readLine() ([]byte, error) {
	line, err := s.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		s.long = append(s.long[:0], line...)
		for err == bufio.ErrBufferFull {
			if s.lim.record > 0 && s.offset-s.recStart+int64(len(s.long)) > int64(s.lim.record) {
				s.line++
				return nil, errLineTooLarge
			}
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

// csvRecords walks the CSV records of data, whole records whose first line
// is line, exactly as a csvScanner over data would, calling each with every
// record's start line, the offset of its start in data, the bytes of data
// it takes (from its start to its line feed, included: what
// csvScanner.raw gives), its fields (valid until each returns; on lines
// without quotes, views of data) and whether they are all valid UTF-8, or
// with a syntax error. It stops when each returns false.
//
// The lines before the next quote, the common case, are checked for UTF-8
// all at once and split on the bit masks of their commas and line feeds,
// made 64 bytes at a time (see plainByMasks; with the standard library's
// vectorised byte search where the masks are not in assembly); when they
// are not valid UTF-8, they are split one by one, eight bytes at a time,
// as is the line with the quote, which is handed to a csvScanner from its
// start to the end of its record.
func csvRecords(data []byte, line int, each func(start, off, size int, rec [][]byte, valid bool, err error) bool) {
	w := recordWalker{data: data, line: line, each: each}
	for w.pos < len(data) {
		stop := len(data) // the end of the lines before the next quote
		if q := bytes.IndexByte(data[w.pos:], '"'); q >= 0 {
			stop = w.pos + bytes.LastIndexByte(data[w.pos:w.pos+q], '\n') + 1
		}
		if stop > w.pos && utf8.Valid(data[w.pos:stop]) {
			if !w.plain(stop) {
				return
			}
		}
		for w.pos < stop {
			if !w.record() {
				return
			}
		}
		if w.pos < len(data) && !w.record() { // the record with the quote
			return
		}
	}
}

// recordWalker is the state of csvRecords.
type recordWalker struct {
	data   []byte
	pos    int // the start of the next line
	line   int // its number
	fields [][]byte
	s      *csvScanner // for the lines with a quote, made on first use
	each   func(start, off, size int, rec [][]byte, valid bool, err error) bool
	// The masks of the separators of the input plainByMasks walks.
	commas, newlines [64]uint64
}

// plain walks the records of the lines from w.pos to stop, the start of a
// line or the end of data, which have no quote and are valid UTF-8. It
// reports false when each does.
func (w *recordWalker) plain(stop int) bool {
	if !sep.Fast || forceSearch {
		return w.plainBySearch(stop)
	}
	return w.plainByMasks(stop)
}

// plainBySearch is plain with the standard library's byte search, which
// is vectorised on every platform: a search for each comma and line feed.
func (w *recordWalker) plainBySearch(stop int) bool {
	data, pos, line, fields := w.data[:stop], w.pos, w.line, w.fields
	defer func() { w.pos, w.line, w.fields = pos, line, fields }()
	for pos < stop {
		off, end, next := pos, stop, stop
		if i := bytes.IndexByte(data[pos:], '\n'); i >= 0 {
			end, next = pos+i, pos+i+1
		}
		pos = next
		if end > off && data[end-1] == '\r' {
			// \r\n reads as \n, and a \r just before the end of input is
			// dropped.
			end--
		}
		if end == off {
			line++ // a blank line: skipped
			continue
		}
		fields = fields[:0]
		rec := data[off:end]
		for {
			i := bytes.IndexByte(rec, ',')
			if i < 0 {
				break
			}
			fields = append(fields, rec[:i])
			rec = rec[i+1:]
		}
		fields = append(fields, rec)
		if !w.each(line, off, next-off, fields, true, nil) {
			return false
		}
		line++
	}
	return true
}

// forceSearch makes plain search for each separator in turn, on a
// platform where sep.Masks is fast too: for tests.
var forceSearch = false

// plainByMasks is plain with the masks of package sep: the commas and line
// feeds of 4 KiB of input are found at once, and their bits walked.
func (w *recordWalker) plainByMasks(stop int) bool {
	data := w.data[:stop]
	off, line, fields := w.pos, w.line, w.fields[:0] // off: the start of the line
	from := off                                      // the start of the field
	for base := off; base < stop; {
		n := sep.Masks(data[base:], w.commas[:], w.newlines[:])
		if n == 0 { // the last bytes, fewer than 64
			w.commas[0], w.newlines[0] = 0, 0
			for k, c := range data[base:] {
				switch c {
				case ',':
					w.commas[0] |= 1 << k
				case '\n':
					w.newlines[0] |= 1 << k
				}
			}
			n = 1
		}
		for k, nl := range w.newlines[:n] {
			at := base + 64*k
			for m := w.commas[k] | nl; m != 0; m &= m - 1 {
				j := at + bits.TrailingZeros64(m)
				if nl&m&-m == 0 { // a comma
					fields = append(fields, data[from:j])
					from = j + 1
					continue
				}
				end := j
				if end > off && data[end-1] == '\r' {
					end-- // \r\n reads as \n
				}
				if end > off { // not a blank line, which is skipped
					fields = append(fields, data[from:end])
					if !w.each(line, off, j+1-off, fields, true, nil) {
						w.pos, w.line, w.fields = j+1, line, fields
						return false
					}
				}
				line++
				fields, off, from = fields[:0], j+1, j+1
			}
		}
		base += 64 * n
	}
	if end := stop; off < stop { // the last line, without a line feed
		if data[end-1] == '\r' {
			end-- // a \r just before the end of input is dropped
		}
		if end > off {
			fields = append(fields, data[from:end])
			if !w.each(line, off, stop-off, fields, true, nil) {
				w.pos, w.line, w.fields = stop, line, fields
				return false
			}
		}
		line++
	}
	w.pos, w.line, w.fields = stop, line, fields
	return true
}

// record walks the record that starts on the line at w.pos, or skips the
// line when it is blank. Lines without quotes are split in one pass over
// their bytes, eight at a time. It reports false when each does.
func (w *recordWalker) record() bool {
	data, pos, line := w.data, w.pos, w.line
	off, from := pos, pos
	fields := w.fields[:0]
	end, quote := -1, false // the index of the line's '\n' (or len(data)); whether it has a quote
	var high uint64         // the high bits of its bytes: not zero when a byte is not ASCII
	i := pos
words:
	for ; i+8 <= len(data); i += 8 {
		word := binary.LittleEndian.Uint64(data[i:])
		m := csvSpecial(word)
		if m == 0 {
			high |= word
			continue
		}
		for ; m != 0; m &= m - 1 {
			k := bits.TrailingZeros64(m) >> 3
			switch j := i + k; data[j] {
			case ',':
				fields = append(fields, data[from:j])
				from = j + 1
			case '"':
				quote = true
				break words
			default: // '\n'
				high |= word & (1<<(8*k) - 1)
				end = j
				break words
			}
		}
		high |= word
	}
	for ; end < 0 && !quote && i < len(data); i++ {
		switch c := data[i]; c {
		case ',':
			fields = append(fields, data[from:i])
			from = i + 1
		case '"':
			quote = true
		case '\n':
			end = i
		default:
			high |= uint64(c)
		}
	}
	w.fields = fields
	if quote {
		if w.s == nil {
			w.s = &csvScanner{}
		}
		s := w.s
		s.r, s.line, s.offset = &byteLines{data[pos:]}, line-1, 0
		rec, start, err := s.next()
		if err == io.EOF { // not reached: a line with a quote is not blank
			w.pos = len(data)
			return true
		}
		w.pos += int(s.offset)
		w.line = s.line + 1
		return w.each(start, off, int(s.offset), rec, err == nil && s.validUTF8(), err)
	}
	if end < 0 {
		end = len(data)
		w.pos = end
	} else {
		w.pos = end + 1
	}
	if end > off && data[end-1] == '\r' {
		// \r\n reads as \n, and a \r just before the end of input is
		// dropped.
		end--
	}
	if end == off {
		w.line++ // a blank line: skipped
		return true
	}
	if from > end { // not reached: the '\r' dropped is no comma
		from = end
	}
	fields = append(fields, data[from:end])
	w.fields = fields
	valid := high&0x8080808080808080 == 0 || utf8.Valid(data[off:end])
	if !w.each(line, off, w.pos-off, fields, valid, nil) {
		return false
	}
	w.line++
	return true
}

// csvSpecial returns a word with the high bit set of each byte of w that
// is a comma, a double quote or a line feed.
func csvSpecial(w uint64) uint64 {
	const lo = 0x0101010101010101
	return zeroBytes(w^(','*lo)) | zeroBytes(w^('"'*lo)) | zeroBytes(w^('\n'*lo))
}

// zeroBytes returns a word with the high bit set of each byte of w that
// is zero, and no other bit: exact, with no carry between bytes.
func zeroBytes(w uint64) uint64 {
	const low7 = 0x7f7f7f7f7f7f7f7f
	return ^((w&low7 + low7) | w | low7)
}
