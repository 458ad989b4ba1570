package model

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/govscore/govscore/model/internal/jsonkey"
)

// openInquiriesCSV reads the header row of an inquiries CSV file and
// returns the layout of its records.
func openInquiriesCSV(br *bufio.Reader, t *Tally) (*layout, error) {
	lim := t.opts.limits()
	cs := &csvScanner{r: br, lim: lim}
	h, headerLine, err := readHeader(cs, t, inquiryLayout)
	if err != nil {
		return nil, err
	}
	var col [len(inquiryFields)]int
	for i, name := range inquiryFields {
		col[i] = h.index(name)
	}
	if col[fChannelID] < 0 && col[fChannel] < 0 {
		return nil, t.FileError(headerLine, "channel_id", fmt.Errorf("%w: the header needs a channel_id or a channel column", ErrMissing))
	}
	return &layout{
		lines:    cs.line,
		offset:   cs.offset,
		boundary: csvBoundary,
		limit:    lim,
		rows: func(data []byte, line int, b *inquiryBuilder, emit rowEmitter) {
			var cells inquiryCells
			q := b.scratch() // one for the whole chunk: emit must not keep it
			csvRecords(data, line, func(start, off, size int, rec [][]byte, valid bool, err error) bool {
				var fe *fieldError
				switch {
				case lim.record > 0 && size > lim.record: // as csvScanner.next finds it
					fe = &fieldError{"", &endRead{&recordTooLarge{line: start, lim: lim}}}
				case err == nil:
					fe = checkCells(h, rec, size, valid, lim)
				default:
					var at int
					if fe, at = recordError(err); fe != nil {
						start = at
					} else { // not reached: a byteLines does not fail
						fe = &fieldError{"", err}
					}
				}
				if fe != nil {
					return emit(start, off, nil, fe)
				}
				for i, c := range col {
					cells[i] = cell(rec, c)
				}
				if fe = b.parse(&cells, q); fe != nil {
					return emit(start, off, nil, fe)
				}
				return emit(start, off, q, nil)
			})
		},
		ids: func(r io.Reader, line int, emit func(line int, id string)) error {
			s := &csvScanner{r: bufio.NewReaderSize(r, 64<<10), line: line - 1}
			for {
				rec, start, err := s.next()
				var pe *csv.ParseError
				switch {
				case err == io.EOF:
					return nil
				case errors.As(err, &pe):
					continue
				case err != nil:
					return err
				}
				if len(rec) == len(h) {
					emit(start, string(rec[col[fID]]))
				}
			}
		},
	}, nil
}

// openInquiriesJSONL returns the layout of JSON Lines of inquiries: no
// header, one record a line.
func openInquiriesJSONL(_ *bufio.Reader, t *Tally) (*layout, error) {
	lim := t.opts.limits()
	return &layout{
		boundary: lineBoundary,
		// A line longer than a CSV record within the limits can be ends
		// the read, as such a record does.
		limit: lim,
		rows: func(data []byte, line int, b *inquiryBuilder, emit rowEmitter) {
			lines := byteLines{data}
			var cells inquiryCells
			q := b.scratch() // one for the whole chunk: emit must not keep it
			off := 0
			for n := line; ; n++ {
				l, err := lines.ReadSlice('\n')
				if len(l) == 0 && err == io.EOF {
					return
				}
				start := off
				off += len(l)
				if blank(l) {
					continue
				}
				var fe *fieldError
				if lim.record > 0 && len(l) > lim.record { // as readLines finds it
					fe = &fieldError{"", &endRead{&recordTooLarge{line: n, lim: lim}}}
				} else if !utf8.Valid(l) || !jsonkey.ValidEscapes(l) {
					fe = &fieldError{"", ErrEncoding}
				} else if fe = jsonCells(bytes.TrimRight(l, "\r\n"), &cells); fe == nil {
					if fe = b.parse(&cells, q); fe == nil {
						if !emit(n, start, q, nil) {
							return
						}
						continue
					}
				}
				if !emit(n, start, nil, fe) {
					return
				}
			}
		},
		ids: func(r io.Reader, line int, emit func(line int, id string)) error {
			br := bufio.NewReaderSize(r, 64<<10)
			var cells inquiryCells
			var long []byte
			for n := line; ; n++ {
				l, err := readWholeLine(br, &long, 0) // lines over the limit were not accepted
				if err != nil && err != io.EOF {
					return err
				}
				if !blank(l) && jsonCells(bytes.TrimRight(l, "\r\n"), &cells) == nil {
					emit(n, string(cells[fID]))
				}
				if err == io.EOF {
					return nil
				}
			}
		},
	}, nil
}

// lineBoundary is the boundary of inputs whose records are lines.
func lineBoundary(b []byte, eof bool) int {
	if eof {
		return len(b)
	}
	return bytes.LastIndexByte(b, '\n') + 1
}

// csvBoundary is the boundary of CSV records as csvScanner reads them: a
// record ends at the end of a line, unless a quoted field goes on past it;
// after a syntax error the scanner goes on at the next line, so the record
// in error ends at the end of the line where the error is.
func csvBoundary(b []byte, eof bool) int {
	if eof {
		return len(b)
	}
	last := bytes.LastIndexByte(b, '\n')
	if last < 0 {
		return 0
	}
	if bytes.IndexByte(b[:last], '"') < 0 {
		return last + 1 // no quotes: every line is a record
	}
	end := 0
	for {
		n := csvRecordLen(b[end:])
		if n == 0 {
			return end
		}
		end += n
	}
}

// csvRecordLen returns the length of the record at the start of b, line
// feed included, as csvScanner reads it, or 0 when b ends inside it. A
// blank line counts as a record of its own.
func csvRecordLen(b []byte) int {
	pos := 0 // the start of the current physical line
	nextLine := func() ([]byte, bool) {
		i := bytes.IndexByte(b[pos:], '\n')
		if i < 0 {
			return nil, false
		}
		body := b[pos : pos+i]
		pos += i + 1
		if n := len(body); n > 0 && body[n-1] == '\r' {
			body = body[:n-1] // \r\n reads as \n
		}
		return body, true
	}
	body, ok := nextLine()
	if !ok {
		return 0
	}
	if bytes.IndexByte(body, '"') < 0 {
		return pos
	}
	i := 0 // position in body
	for {
		if i >= len(body) || body[i] != '"' { // an unquoted field
			j := bytes.IndexByte(body[i:], ',')
			f := body[i:]
			if j >= 0 {
				f = f[:j]
			}
			if j < 0 || bytes.IndexByte(f, '"') >= 0 {
				return pos // the end of the record, or a bare quote: an error ending the line
			}
			i += j + 1
			continue
		}
		i++ // a quoted field
		for {
			k := bytes.IndexByte(body[i:], '"')
			if k < 0 { // the field goes on on the next line
				if body, ok = nextLine(); !ok {
					return 0
				}
				i = 0
				continue
			}
			i += k + 1
			switch {
			case i < len(body) && body[i] == '"': // "" stands for "
				i++
				continue
			case i < len(body) && body[i] == ',':
				i++
			default: // the end of the record, or text after the closing quote: an error ending the line
				return pos
			}
			break
		}
	}
}
