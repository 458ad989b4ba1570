package model

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"
	"time"
)

// InquirySink takes the inquiries a streaming reader accepts, one at a time.
// [SinkFunc] makes one of a function; a [score.Accumulator] is one.
type InquirySink interface {
	// Add takes one inquiry that passed the reader's checks. The pointer
	// is valid only during the call; the strings in the inquiry may be
	// kept. A non-nil error rejects the row: the reader counts it as
	// rejected with its line, naming the field when the error is or wraps
	// a [*FieldError].
	Add(q *Inquiry) error
}

// SinkFunc is an [InquirySink] made of a function.
type SinkFunc func(q *Inquiry) error

// Add calls f(q).
func (f SinkFunc) Add(q *Inquiry) error { return f(q) }

// Forker is what a sink of type S offers to be fed by several goroutines
// at once: Fork returns a new, empty sink of the same kind, and Merge adds
// the content of a forked sink to the receiver. A streaming reader given a
// sink that is a Forker[S] reads its input in chunks on
// [ReadOptions.Workers] goroutines, each chunk into its own fork, and
// merges the forks into the sink in input order. The sink must then give
// the same result whichever rows went to which fork; inquiries reach it in
// input order only within a fork.
type Forker[S any] interface {
	Fork() S
	Merge(S) error
}

// Progress is how far a streaming read has got: [ReadOptions.Progress]
// receives it.
type Progress struct {
	File     string // ReadOptions.File
	Bytes    int64  // bytes of input read so far
	Size     int64  // the size of the input, or -1 when not known
	Read     int    // rows read so far
	Accepted int    // rows accepted so far
}

// progressEvery is the shortest time between two calls of a Progress
// function, but for the last.
const progressEvery = 250 * time.Millisecond

// scanChunkSize is how many bytes of input a chunk holds, at least one
// record: a variable so that tests can cut inputs into tiny chunks.
var scanChunkSize = 2 << 20

// ScanInquiriesCSV reads inquiries from a CSV file, as [ReadInquiriesCSV]
// does, and passes each accepted inquiry to sink instead of keeping it: its
// memory does not grow with the number of rows. Rows are checked and
// rejected exactly as ReadInquiriesCSV does, with the same lines and
// reasons, and also when sink.Add rejects them; repeated IDs are found with
// [ReadOptions.IDs] (see [IDSet] for what they cost). Strict and lenient
// mode, MaxRejects and the accounting are those of ReadInquiriesCSV:
// Read == Accepted + len(Rejected), and Rejected is in line order.
//
// When sink is a [Forker] of its own type, such as a [score.Accumulator],
// and [ReadOptions.Workers] is not 1, the input is cut into chunks of whole
// records (a quoted field that spans lines stays in one chunk) and parsed on
// that many goroutines into forks of sink, merged into sink in input
// order. Every line number, rejection and count is the same as with one
// goroutine, but for a read that fails: the Accounting then counts the
// rows read before the failure, up to its row on one goroutine and up to
// its chunk in parallel. Otherwise sink receives the inquiries in input order from the
// calling goroutine.
//
// When sink (or its forks) is a [RowSink], such as a [score.Accumulator],
// each accepted row reaches it through AddRow, as a [Row] that carries a
// number for its agency and channel, rather than through Add.
//
// A failure to read r ends the read with its error, after the rows read
// in full before it: a record cut short (a compressed stream cut short
// fails with [io.ErrUnexpectedEOF]) is never taken for a shorter record.
//
// The ID of an accepted inquiry shares a block of 32 KiB with the IDs of
// the rows around it: a sink that keeps the IDs of a few rows far apart
// keeps every such block, and should copy them (strings.Clone). Agency and
// channel IDs are copies of their own, one for all the inquiries that name
// them. The buffers the input is read into serve again from chunk to
// chunk.
//
// Agencies and channels are not implied as ReadInquiriesCSV implies them:
// an inquiry that names only a channel kind has the ChannelID of the
// implied channel (agency_id + "/" + kind), which a [score.Accumulator]
// understands.
func ScanInquiriesCSV[S InquirySink](r io.Reader, opts ReadOptions, sink S) (Accounting, error) {
	return scan(r, opts, sink, openInquiriesCSV)
}

// ScanInquiriesJSONL reads inquiries from JSON Lines, as
// [ReadInquiriesJSONL] does, and passes each accepted inquiry to sink; it
// works as [ScanInquiriesCSV] does, chunks of lines included.
func ScanInquiriesJSONL[S InquirySink](r io.Reader, opts ReadOptions, sink S) (Accounting, error) {
	return scan(r, opts, sink, openInquiriesJSONL)
}

// layout is the layout of the records of one input, learnt from what
// precedes them (the header row of a CSV file).
type layout struct {
	lines  int   // lines before the records
	offset int64 // bytes before the records, after any byte order mark
	// boundary returns the length of the longest prefix of b made of whole
	// records, b starting at a record; at the end of the input (eof) every
	// byte belongs to a record.
	boundary func(b []byte, eof bool) int
	// limit bounds the bytes of one record: a record longer than
	// limit.record ends the read. The zero limits are no limit.
	limit limits
	// rows walks the rows of data, whole records whose first line is
	// line, and calls emit with each row's line, the offset of its start
	// in data, and either its inquiry and ID or the problem that rejects
	// it. It stops when emit returns false.
	rows func(data []byte, line int, b *inquiryBuilder, emit rowEmitter)
	// ids walks the records of r, whose first line is line, and calls
	// emit with each row's line and ID, for rows that could have been
	// accepted (the caller skips those that were rejected).
	ids func(r io.Reader, line int, emit func(line int, id string)) error
}

// rowEmitter receives one row of a chunk: see records.rows.
type rowEmitter func(line, off int, q *Inquiry, fe *fieldError) bool

// opener reads what precedes the records of an input and returns their
// layout.
type opener func(br *bufio.Reader, t *Tally) (*layout, error)

// source is what scan knows of its input besides its bytes.
type source struct {
	size int64       // bytes left to read, or -1
	ra   io.ReaderAt // non-nil when the input can be read again
	base int64       // the offset in ra of the first byte to read
}

func sourceOf(r io.Reader) source {
	s := source{size: sizeHint(r)}
	ra, ok := r.(io.ReaderAt)
	sk, ok2 := r.(io.Seeker)
	if ok && ok2 && s.size >= 0 {
		if off, err := sk.Seek(0, io.SeekCurrent); err == nil {
			s.ra, s.base = ra, off
		}
	}
	return s
}

// scan is the streaming read of ScanInquiriesCSV and ScanInquiriesJSONL.
func scan[S InquirySink](r io.Reader, opts ReadOptions, sink S, open opener) (Accounting, error) {
	t := &Tally{opts: opts}
	src := sourceOf(r)
	br := bufio.NewReaderSize(r, 64<<10)
	bom := 0
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
		bom = 3
	}
	recs, err := open(br, t)
	if err != nil {
		return t.acct, err
	}
	start := int64(bom) + recs.offset // where the records begin in the input

	ids := opts.IDs
	if ids == nil {
		ids = &IDSet{}
	}
	idsrc := &idSource{name: t.Name()}
	if src.ra != nil {
		idsrc.replay = func(end int64, add func(id string)) error {
			rejected := t.acct.Rejected // in line order
			sr := io.NewSectionReader(src.ra, src.base+start, end)
			return recs.ids(bufio.NewReaderSize(sr, 64<<10), recs.lines+1, func(line int, id string) {
				for len(rejected) > 0 && rejected[0].Line < line {
					rejected = rejected[1:]
				}
				if len(rejected) == 0 || rejected[0].Line != line {
					add(id)
				}
			})
		}
	}
	if err := ids.begin(idsrc); err != nil {
		return t.acct, t.FileError(recs.lines, "id", err)
	}
	p := &scanner{t: t, recs: recs, ids: ids, idsrc: idsrc,
		progress: opts.Progress, size: src.size, start: start}
	if p.size >= 0 {
		p.size += int64(bom) // sizeHint counts from before the byte order mark
	}
	ch := chunker{r: br, boundary: recs.boundary, maxRecord: recs.limit.record, line: recs.lines + 1}

	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if f, ok := any(sink).(Forker[S]); ok && workers > 1 {
		ch.free = make(chan []byte, workers+3) // as many as chunks in flight
		err = scanParallel(p, &ch, f, workers)
	} else {
		ch.free = make(chan []byte, 1)
		err = scanSequential(p, &ch, sink)
	}
	p.report(true)
	return t.acct, err
}

// scanner holds what one streaming read shares across its chunks.
type scanner struct {
	t     *Tally
	recs  *layout
	ids   *IDSet
	idsrc *idSource
	// progress, size and start: see report.
	progress func(Progress)
	size     int64
	start    int64
	done     int64 // bytes of records read so far
	last     time.Time
}

// report calls the progress function, at most every progressEvery unless
// final.
func (p *scanner) report(final bool) {
	if p.progress == nil {
		return
	}
	now := time.Now() // for the display only; scoring never reads the clock
	if !final && now.Sub(p.last) < progressEvery {
		return
	}
	p.last = now
	p.progress(Progress{File: p.t.opts.File, Bytes: p.start + p.done, Size: p.size,
		Read: p.t.acct.Read, Accepted: p.t.acct.Accepted})
}

// scanSequential reads every chunk on the calling goroutine into sink,
// checking IDs row by row.
func scanSequential[S InquirySink](p *scanner, ch *chunker, sink S) error {
	b := newInquiryBuilder(p.t.opts)
	b.read = newReadChannels()
	rows, _ := any(sink).(RowSink)
	t := p.t
	for {
		c, err := ch.next()
		if err == io.EOF {
			p.idsrc.end = ch.offset
			return nil
		}
		if err != nil {
			return p.inputError(err)
		}
		var stop error
		p.recs.rows(c.data, c.line, b, func(line, off int, q *Inquiry, fe *fieldError) bool {
			if fe == nil {
				p.idsrc.end = c.offset + int64(off)
				var err error
				if fe, err = checkID(p.ids, q.ID); err != nil {
					stop = t.FileError(line, "id", err)
					return false
				}
			}
			if fe == nil {
				if err := add(sink, rows, b, q); err != nil {
					fe = fieldErrorOf(err)
				} else {
					p.ids.add(q.ID)
					t.Accept()
					t.warnAll(line, b.warnings)
					return true
				}
			}
			stop = t.rejectRow(line, fe)
			return stop == nil
		})
		if stop != nil {
			return stop
		}
		p.done = c.offset + int64(len(c.data))
		ch.release(&c)
		p.report(false)
	}
}

// add hands sink the inquiry q that b parsed last, into b.scratch(): as
// the builder's Row when rows, sink as a RowSink, is not nil (one on the
// stack would escape to the heap, through the interface, at every row).
func add[S InquirySink](sink S, rows RowSink, b *inquiryBuilder, q *Inquiry) error {
	if rows != nil {
		if q != &b.row.q { // not reached: the layouts parse into b.scratch()
			b.row.q = *q
		}
		b.row.read, b.row.ch = b.read.id, b.parsed.channel
		return rows.AddRow(&b.row)
	}
	return sink.Add(q)
}

// inputError returns the error that ends a read whose chunker failed: an
// error of the input, or a record too long to be read, which counts as a
// row read and rejected.
func (p *scanner) inputError(err error) error {
	var big *recordTooLarge
	if errors.As(err, &big) {
		big.lim = p.recs.limit
		return p.t.rejectRow(big.line, &fieldError{"", &endRead{big}})
	}
	return p.t.IOError(err)
}

// checkID returns the problem of a row whose ID repeats an accepted one,
// or the error that ends the read when the set cannot tell.
func checkID(ids *IDSet, id string) (*fieldError, error) {
	repeat, err := ids.has(id)
	switch {
	case err != nil:
		return nil, err
	case repeat:
		return &fieldError{"id", fmt.Errorf("%w: %s", ErrDuplicateID, quoteCell(id))}, nil
	}
	return nil, nil
}

// fieldErrorOf turns the error of a sink into the problem of a row.
func fieldErrorOf(err error) *fieldError {
	var fe *FieldError
	if errors.As(err, &fe) {
		return &fieldError{fe.Field, fe.Err}
	}
	return &fieldError{"", err}
}

// chunkResult is a chunk parsed into its own fork of the sink.
type chunkResult[S any] struct {
	c     chunk
	err   error // from reading the input; nothing else is set
	sink  S
	tally Tally // the chunk's rows only
	ids   chunkIDs
	stop  error // the error that ended the chunk early: strict mode, too many rejects
}

// scanParallel reads chunks on one goroutine, parses them on workers into
// forks of sink, and merges them into sink in input order on the calling
// goroutine, which also checks IDs across chunks. A chunk that the checks
// of the whole input change (a repeated ID, one rejection too many) is
// parsed again there before it is merged.
func scanParallel[S InquirySink](p *scanner, ch *chunker, f Forker[S], workers int) error {
	t := p.t
	// Tokens for the chunks between the reader and the merge: that many
	// chunks of input are in memory at most.
	inFlight := workers + 2
	tokens := make(chan struct{}, inFlight)
	for range inFlight {
		tokens <- struct{}{}
	}
	jobs := make(chan chunk)
	results := make(chan *chunkResult[S])
	quit := make(chan struct{})
	var wg sync.WaitGroup
	defer func() {
		close(quit)
		wg.Wait()
	}()

	wg.Go(func() { // the reader
		defer close(jobs)
		for {
			select {
			case <-tokens:
			case <-quit:
				return
			}
			c, err := ch.next() // c.err is err, but for io.EOF
			if err == io.EOF {
				return
			}
			select {
			case jobs <- c:
			case <-quit:
				return
			}
			if err != nil {
				return
			}
		}
	})
	read := newReadChannels() // one numbering of the channels for every builder
	for range workers {
		wg.Go(func() {
			b := newInquiryBuilder(t.opts)
			b.read = read
			for c := range jobs {
				res := &chunkResult[S]{c: c, err: c.err}
				if c.err == nil {
					parseChunk(p, res, f.Fork(), b, nil, -1, 0)
				}
				select {
				case results <- res:
				case <-quit:
					return
				}
			}
		})
	}
	go func() { wg.Wait(); close(results) }()

	b := newInquiryBuilder(t.opts) // for chunks parsed again
	b.read = read
	pending := map[int]*chunkResult[S]{}
	next := 0
	for res := range results {
		pending[res.c.index] = res
		for res := pending[next]; res != nil; res = pending[next] {
			delete(pending, next)
			next++
			if res.err != nil {
				return p.inputError(res.err)
			}
			if err := join(p, res, f, b); err != nil {
				return err
			}
			ch.release(&res.c)
			res.c = chunk{}
			tokens <- struct{}{}
			p.report(false)
		}
	}
	p.idsrc.end = ch.offset
	return nil
}

// parseChunk parses the chunk res.c into fork. The rows at the lines in
// repeats, in increasing order, are rejected as repeated IDs; before is
// the number of rows of the input rejected before the chunk, for
// MaxRejects. When until is above 0, the rows from line until on are
// left unread.
func parseChunk[S InquirySink](p *scanner, res *chunkResult[S], fork S, b *inquiryBuilder, repeats []int, before, until int) {
	res.sink = fork
	opts := p.t.opts
	if before < 0 { // a first parse: MaxRejects is applied when joining
		opts.MaxRejects, before = 0, 0
	}
	res.tally = Tally{opts: opts, before: before}
	res.stop = nil
	res.ids.reset(p.ids.printing.Load())
	t := &res.tally
	rows, _ := any(fork).(RowSink)
	p.recs.rows(res.c.data, res.c.line, b, func(line, _ int, q *Inquiry, fe *fieldError) bool {
		if until > 0 && line >= until {
			return false
		}
		if fe == nil && len(repeats) > 0 && repeats[0] == line {
			repeats = repeats[1:]
			fe = &fieldError{"id", fmt.Errorf("%w: %s", ErrDuplicateID, quoteCell(q.ID))}
		}
		if fe == nil {
			if err := add(fork, rows, b, q); err != nil {
				// Checked still: had the ID been seen, it would have been
				// rejected as a repeat before the sink saw the row.
				res.ids.add(p.ids, q.ID, line, true)
				fe = fieldErrorOf(err)
			} else {
				t.Accept()
				t.warnAll(line, b.warnings)
				res.ids.add(p.ids, q.ID, line, false)
				return true
			}
		}
		res.stop = t.rejectRow(line, fe)
		return res.stop == nil
	})
}

// joinIDs checks the IDs of chunk c against those accepted before it, and
// returns the lines of the rows whose ID repeats one. When the check
// fails, it returns the line of the row where it did with the error.
func (p *scanner) joinIDs(c *chunk, ids *chunkIDs, rejectedLines []*ParseError, stopped bool) ([]int, int, error) {
	p.idsrc.end = c.offset
	repeats, line, err := p.ids.join(ids, func(ids *chunkIDs) error {
		// The chunk was read before the set needed fingerprints: read its
		// IDs again, but for the rows it rejected before the sink saw
		// them.
		rejected, checks := rejectedLines, ids.checks
		last := math.MaxInt // the last line parsed, when the chunk stopped early
		if stopped && len(rejected) > 0 {
			last = rejected[len(rejected)-1].Line
		}
		ids.prints, ids.printed = ids.prints[:0], true
		return p.recs.ids(bytes.NewReader(c.data), c.line, func(line int, id string) {
			if line > last {
				return
			}
			for len(rejected) > 0 && rejected[0].Line < line {
				rejected = rejected[1:]
			}
			for len(checks) > 0 && checks[0] < line {
				checks = checks[1:]
			}
			check := len(checks) > 0 && checks[0] == line
			if check || len(rejected) == 0 || rejected[0].Line != line {
				ids.prints = append(ids.prints, linePrint{p.ids.print(id), line, check})
			}
		})
	})
	if err != nil {
		return nil, line, p.t.FileError(line, "id", err)
	}
	return repeats, 0, nil
}

// join merges the parsed chunk res into the sink f, after every chunk
// before it: it checks the chunk's IDs against those accepted before,
// parses the chunk again on this goroutine when that or MaxRejects changes
// the verdict on one of its rows, and adds its rows to the accounting.
func join[S InquirySink](p *scanner, res *chunkResult[S], f Forker[S], b *inquiryBuilder) error {
	t := p.t
	repeats, line, err := p.joinIDs(&res.c, &res.ids, res.tally.acct.Rejected, res.stop != nil)
	if err != nil {
		if line <= res.c.line {
			return err
		}
		// The rows before the one whose ID could not be checked are in
		// order, and a read on one goroutine accepts them before failing.
		parseChunk(p, res, f.Fork(), b, nil, len(t.acct.Rejected), line)
		if res.stop == nil {
			res.stop = err
		}
	}
	over := t.opts.Lenient && t.opts.MaxRejects > 0 && len(t.acct.Rejected)+len(res.tally.acct.Rejected) > t.opts.MaxRejects
	if err == nil && (len(repeats) > 0 || over) {
		parseChunk(p, res, f.Fork(), b, repeats, len(t.acct.Rejected), 0)
	}
	ct := &res.tally.acct
	t.acct.Read += ct.Read
	t.acct.Accepted += ct.Accepted
	t.acct.Rejected = append(t.acct.Rejected, ct.Rejected...)
	t.acct.Warnings = append(t.acct.Warnings, ct.Warnings...)
	if err := f.Merge(res.sink); err != nil {
		return err
	}
	p.done = res.c.offset + int64(len(res.c.data))
	return res.stop
}

// chunk is a run of whole records of the input. No string shares its
// bytes (inquiry IDs are copied, see inquiryBuilder.idString), so that its
// buffer serves again once the chunk is done with.
type chunk struct {
	index  int
	data   []byte
	offset int64 // of data[0], from the start of the records
	line   int   // the line data[0] is on
	err    error // from reading the input
}

// chunker cuts the records of an input into chunks of whole records.
type chunker struct {
	r        io.Reader
	boundary func(b []byte, eof bool) int
	// maxRecord is the most bytes of one record; 0 means no limit. A
	// record longer than that ends the input with a *recordTooLarge
	// rather than grow the buffer without end.
	maxRecord int
	carry     []byte // what follows the last chunk's records: the start of the next
	offset    int64  // of the next chunk
	line      int    // of the next chunk
	index     int
	eof       bool
	err       error       // the error that ended the input
	free      chan []byte // buffers of chunks done with, for the next chunks; see release
}

// release hands back the buffer of a chunk done with, for a later chunk.
// It may be called from another goroutine than next.
func (k *chunker) release(c *chunk) {
	select {
	case k.free <- c.data[:0]:
	default:
	}
	c.data = nil
}

// next returns the next chunk, in a buffer of its own, or io.EOF after the
// last. When reading the input fails, the records read in full before the
// failure make one last chunk, and the next call returns the error in a
// chunk of its own index: the bytes after the last whole record, the
// start of a record cut short, are never parsed.
func (k *chunker) next() (chunk, error) {
	if k.err != nil {
		return k.failed()
	}
	var buf []byte
	select {
	case buf = <-k.free:
	default:
	}
	if size := max(scanChunkSize, 2*len(k.carry)); cap(buf) < size {
		buf = make([]byte, 0, size)
	}
	buf = append(buf, k.carry...)
	end := 0
	for {
		if !k.eof && len(buf) < cap(buf) {
			n, err := fill(k.r, buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			switch err {
			case nil:
			case io.EOF:
				k.eof = true
			default:
				k.err = err
				if end = k.boundary(buf, false); end == 0 {
					return k.failed()
				}
			}
		}
		if k.err != nil {
			break
		}
		if len(buf) == 0 && k.eof {
			return chunk{}, io.EOF
		}
		if end = k.boundary(buf, k.eof); end > 0 {
			break
		}
		if k.eof { // not reached: at the end every byte is in a record
			end = len(buf)
			break
		}
		if k.maxRecord > 0 && len(buf) > k.maxRecord {
			// The record at the start of buf is longer than any can be.
			k.err = &recordTooLarge{line: k.line}
			return k.failed()
		}
		// A record longer than the buffer: make room for more.
		buf = append(buf, make([]byte, cap(buf))...)[:len(buf)]
	}
	k.carry = append(k.carry[:0], buf[end:]...)
	c := chunk{index: k.index, data: buf[:end], offset: k.offset, line: k.line}
	k.index++
	k.offset += int64(end)
	k.line += bytes.Count(c.data, []byte{'\n'})
	return c, nil
}

// failed returns the chunk that carries the error that ended the input.
func (k *chunker) failed() (chunk, error) {
	c := chunk{index: k.index, offset: k.offset, line: k.line, err: k.err}
	k.index++
	k.carry = nil
	return c, k.err
}

// fill reads into b until it is full, the input ends (io.EOF) or reading
// fails. Unlike io.ReadFull, it passes on every error as it is: an
// io.ErrUnexpectedEOF from r, such as a gzip stream cut short, is a
// failure, not the end of the input.
func fill(r io.Reader, b []byte) (int, error) {
	n := 0
	for n < len(b) {
		m, err := r.Read(b[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}
