package model

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// collector is a sink that keeps what it is given, in order, and can be
// forked: forks merged in input order keep input order.
type collector struct {
	qs     []Inquiry
	reject func(*Inquiry) error // rejects some inquiries, when set
}

func (c *collector) Add(q *Inquiry) error {
	if c.reject != nil {
		if err := c.reject(q); err != nil {
			return err
		}
	}
	c.qs = append(c.qs, *q)
	return nil
}

func (c *collector) Fork() *collector { return &collector{reject: c.reject} }

func (c *collector) Merge(o *collector) error {
	c.qs = append(c.qs, o.qs...)
	o.qs = nil
	return nil
}

// describeRead writes inquiries and an accounting as text, so that two reads
// compare whatever zone values their instants hold.
func describeRead(qs []Inquiry, acct Accounting, err error) string {
	var b strings.Builder
	for _, q := range qs {
		fmt.Fprintf(&b, "%q %q %q %q %q %s %s %s %s\n", q.ID, q.AgencyID, q.ChannelID, q.Requester, q.Accuracy,
			q.ReceivedAt.Format(time.RFC3339Nano), q.FirstReplyAt.Format(time.RFC3339Nano),
			q.ResolvedAt.Format(time.RFC3339Nano), q.DueAt.Format(time.RFC3339Nano))
	}
	fmt.Fprintf(&b, "read %d accepted %d\n", acct.Read, acct.Accepted)
	for _, pe := range acct.Rejected {
		fmt.Fprintf(&b, "rejected %v\n", pe)
	}
	for _, pe := range acct.Warnings {
		fmt.Fprintf(&b, "warning %v\n", pe)
	}
	fmt.Fprintf(&b, "error %v\n", err)
	return b.String()
}

type readFunc func(io.Reader, ReadOptions) (Dataset, Accounting, error)
type scanFunc func(io.Reader, ReadOptions, *collector) (Accounting, error)

// checkScan checks that the streaming read of data, on one goroutine and
// in parallel chunks of several sizes, from a reader that can be read again
// and one that cannot, accepts and rejects the same rows with the same
// lines and reasons as the reader that keeps the whole dataset.
func checkScan(t *testing.T, data []byte, opts ReadOptions, read readFunc, scan scanFunc) {
	t.Helper()
	ds, acct, err := read(bytes.NewReader(data), opts)
	want := describeRead(ds.Inquiries, acct, err)
	defer func(size int) { scanChunkSize = size }(scanChunkSize)
	for _, size := range []int{1, 7, 64, 1 << 20} {
		scanChunkSize = size
		for _, workers := range []int{1, 2, 5} {
			for _, seekable := range []bool{true, false} {
				var r io.Reader = bytes.NewReader(data)
				if !seekable {
					r = struct{ io.Reader }{r}
				}
				o := opts
				o.Workers = workers
				var c collector
				acct, err := scan(r, o, &c)
				if got := describeRead(c.qs, acct, err); got != want {
					t.Fatalf("chunks of %d bytes, %d workers, seekable %v: the streaming read differs from the whole read\n got:\n%s\nwant:\n%s",
						size, workers, seekable, got, want)
				}
			}
		}
	}
}

func scanCSV(r io.Reader, o ReadOptions, c *collector) (Accounting, error) {
	if o.Workers == 1 {
		return ScanInquiriesCSV(r, o, SinkFunc(c.Add)) // a sink that cannot be forked
	}
	return ScanInquiriesCSV(r, o, c)
}

func scanJSONL(r io.Reader, o ReadOptions, c *collector) (Accounting, error) {
	if o.Workers == 1 {
		return ScanInquiriesJSONL(r, o, SinkFunc(c.Add))
	}
	return ScanInquiriesJSONL(r, o, c)
}

// scanCSVInputs are inputs that exercise every way a row can end: quoted
// fields over several lines, "" in quotes, \r\n, blank lines, syntax
// errors on one line and over several, bad rows of every kind, IDs in and
// out of order with repeats before and after the first out of order, and
// a repeat of the ID of a rejected row (which is not a repeat).
var scanCSVInputs = []string{
	header + "1,a,,x,public,2025-01-01T00:00:00Z,2025-01-01T01:00:00Z,,,accurate\n2,a,,x,,bad,,,,\n",
	"\uFEFFid,agency_id,channel,received_at\r\n1,a,x,2025-01-01 00:00:00+03:00\r\n\r\n2,b,email,2025-01-02T00:00:00Z\r\n",
	"id,agency_id,channel_id,received_at\n\"1\n2\",a,\"c\"\"\",2025-01-01T00:00:00Z\n1,a,\"c,2025\n3,a,c,2025-01-01T00:00:00Z\n",
	"id,agency_id,channel,received_at\n1,a,x\n2,a\"b,x,2025-01-01T00:00:00Z\n3,\xff,x,2025-01-01T00:00:00Z\n4,a,x,2025-01-01T00:00:00Z\n",
	"id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n\"2\",\"a\nb\"x,x,2025-01-01T00:00:00Z\n3,a,x,2025-01-01T00:00:00Z\n",
	"id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n2,a,x,2025-01-01T00:00:00Z\n5,a,x,bad\n3,a,x,2025-01-01T00:00:00Z\n2,a,x,2025-01-01T00:00:00Z\n5,a,x,2025-01-01T00:00:00Z\n4,a,x,2025-01-01T00:00:00Z\n3,b,x,2025-01-01T00:00:00Z\n",
	"id,agency_id,channel,received_at\nb,a,x,2025-01-01T00:00:00Z\na,a,x,2025-01-01T00:00:00Z\n10,a,x,2025-01-01T00:00:00Z\n9,a,x,2025-01-01T00:00:00Z\n10,a,x,2025-01-01T00:00:00Z\nb,a,x,2025-01-01T00:00:00Z\n",
	"id,agency_id,channel,received_at\n\"1\",\"a\",\"x\",\"2025-01-01T00:00:00Z\"\n\"2\",\"a\",\"x\",\"2025-01-01T00:00:00Z\" \n\"3\",\"a\",\"x\",\"2025-01-01T00:00:00Z\n",
	"id,agency_id,channel,received_at\n", "id,agency_id,channel,received_at", "", "\n\n",
	"id,agency_id\n1,a\n",
	"id,agency_id,channel,received_at,first_reply_at\n1,a,x,2025-01-02T00:00:00Z,2025-01-01T00:00:00Z\n2,a,x,2025-01-02T00:00:00Z,bad\n3,a,x,2025-01-03T00:00:00Z,2025-01-01T00:00:00Z\n",
}

func TestScanInquiriesCSVLikeRead(t *testing.T) {
	inputs := append([]string{}, scanCSVInputs...)
	inputs = append(inputs, generatedCSV(400, 1), generatedCSV(300, 2))
	for i, in := range inputs {
		for _, opts := range []ReadOptions{{Lenient: true}, {}, {Lenient: true, MaxRejects: 2}, {File: "f.csv", Lenient: true, MaxRejects: 1}} {
			t.Run(fmt.Sprintf("input %d, lenient %v, max %d", i, opts.Lenient, opts.MaxRejects), func(t *testing.T) {
				checkScan(t, []byte(in), opts, ReadInquiriesCSV, scanCSV)
			})
		}
	}
}

func TestScanInquiriesJSONLLikeRead(t *testing.T) {
	inputs := []string{
		`{"id":"1","agency_id":"a","channel":"x","requester":"public","received_at":"2025-01-01T00:00:00Z","first_reply_at":"2025-01-01T01:00:00Z","accuracy":"accurate"}` + "\n\n" +
			`{"id":"2","agency_id":"a","channel_id":"c","received_at":"2025-01-01T00:00:00"}`,
		`{"id":"1","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z","colour":1}` + "\r\n[1]\n{\"id\":\"\\ud800\"}\n{",
		"\uFEFF{\"id\":null,\"agency_id\":\"a\",\"channel\":\"x\",\"received_at\":\"2025-01-01T00:00:00Z\"}",
		jsonlOf(generatedCSV(300, 3)),
	}
	for i, in := range inputs {
		for _, opts := range []ReadOptions{{Lenient: true}, {}, {Lenient: true, MaxRejects: 2}} {
			t.Run(fmt.Sprintf("input %d, lenient %v, max %d", i, opts.Lenient, opts.MaxRejects), func(t *testing.T) {
				checkScan(t, []byte(in), opts, ReadInquiriesJSONL, scanJSONL)
			})
		}
	}
}

// generatedCSV returns rows mostly good, with IDs mostly increasing: a few
// bad rows, a few repeats and a quoted field over two lines here and there.
func generatedCSV(n int, seed uint64) string {
	rng := rand.New(rand.NewPCG(seed, 7))
	var b strings.Builder
	b.WriteString("id,agency_id,channel,requester,received_at,first_reply_at,accuracy\n")
	for i := 1; i <= n; i++ {
		id := i
		if rng.IntN(40) == 0 {
			id = 1 + rng.IntN(i) // out of order, often a repeat
		}
		agency := fmt.Sprintf("agency-%d", rng.IntN(5))
		if rng.IntN(50) == 0 {
			agency = fmt.Sprintf("\"agency\n%d\"", rng.IntN(5))
		}
		reply := "2025-03-01T12:00:00+03:00"
		switch rng.IntN(30) {
		case 0:
			reply = "soon"
		case 1:
			reply = "2024-01-01T00:00:00Z" // before receipt
		case 2:
			reply = ""
		}
		fmt.Fprintf(&b, "%d,%s,x,public,2025-03-01T09:00:00+03:00,%s,\n", id, agency, reply)
		if rng.IntN(60) == 0 {
			b.WriteString("\"unterminated,a,x,public\n")
		}
	}
	return b.String()
}

// jsonlOf turns generatedCSV's simple rows into JSON Lines.
func jsonlOf(csv string) string {
	var b strings.Builder
	for _, line := range strings.Split(csv, "\n")[1:] {
		f := strings.Split(line, ",")
		if len(f) != 7 {
			b.WriteString(line + "\n") // a bad line stays bad
			continue
		}
		fmt.Fprintf(&b, `{"id":%q,"agency_id":%q,"channel":%q,"requester":%q,"received_at":%q,"first_reply_at":%q}`+"\n",
			f[0], f[1], f[2], f[3], f[4], f[5])
	}
	return b.String()
}

// failingReader returns its data, then err instead of io.EOF.
type failingReader struct {
	r   io.Reader
	err error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.r.Read(p)
	if err == io.EOF {
		err = f.err
	}
	return n, err
}

// TestScanReadFails cuts inputs short with a failing read, as a gzip
// stream cut short fails with io.ErrUnexpectedEOF: the streaming read
// takes the rows read in full before the failure, as the whole read does,
// never the start of a row cut short, and ends with the reader's error,
// on one goroutine and in parallel.
func TestScanReadFails(t *testing.T) {
	inputs := []string{generatedCSV(300, 3), scanCSVInputs[2], scanCSVInputs[5]}
	jsonl := jsonlOf(inputs[0])
	defer func(size int) { scanChunkSize = size }(scanChunkSize)
	for _, failure := range []error{io.ErrUnexpectedEOF, errors.New("disk on fire")} {
		for i, in := range append(inputs, jsonl) {
			read, scan := ReadInquiriesCSV, scanCSV
			if i == len(inputs) {
				read, scan = ReadInquiriesJSONL, scanJSONL
			}
			for _, cut := range []int{0, 20, len(in) / 3, len(in)/2 + 1, len(in) - 1, len(in)} {
				data := in[:cut]
				ds, acct, err := read(&failingReader{strings.NewReader(data), failure}, ReadOptions{Lenient: true})
				if !errors.Is(err, failure) {
					t.Fatalf("input %d cut at %d: the whole read ends with %v, want %v", i, cut, err, failure)
				}
				want := describeRead(ds.Inquiries, acct, err)
				for _, size := range []int{1, 64, 1 << 20} {
					scanChunkSize = size
					for _, workers := range []int{1, 3} {
						var c collector
						acct, err := scan(&failingReader{strings.NewReader(data), failure}, ReadOptions{Lenient: true, Workers: workers}, &c)
						if got := describeRead(c.qs, acct, err); got != want {
							t.Fatalf("input %d cut at %d, chunks of %d, %d workers: differs from the whole read\n got:\n%s\nwant:\n%s",
								i, cut, size, workers, got, want)
						}
					}
				}
			}
		}
	}
}

// TestScanSinkRejects checks rows a sink rejects: counted with their line
// and field, never accepted, the same in parallel as on one goroutine; and
// a rejected row's ID is not taken, so that a later row may have it.
func TestScanSinkRejects(t *testing.T) {
	data := []byte("id,agency_id,channel,received_at\n1,a,x,2025-01-01T00:00:00Z\n2,bad,x,2025-01-01T00:00:00Z\n3,a,x,2025-01-01T00:00:00Z\n2,a,x,2025-01-01T00:00:00Z\n")
	reject := func(q *Inquiry) error {
		if q.AgencyID == "bad" {
			return &FieldError{Field: "agency_id", Err: ErrUnknownReference}
		}
		return nil
	}
	defer func(size int) { scanChunkSize = size }(scanChunkSize)
	var want string
	for _, size := range []int{1, 1 << 20} {
		scanChunkSize = size
		for _, workers := range []int{1, 3} {
			c := &collector{reject: reject}
			acct, err := ScanInquiriesCSV(bytes.NewReader(data), ReadOptions{File: "in.csv", Lenient: true, Workers: workers}, c)
			got := describeRead(c.qs, acct, err)
			if want == "" {
				want = got
				if acct.Accepted != 3 || len(acct.Rejected) != 1 || acct.Rejected[0].Line != 3 || acct.Rejected[0].Field != "agency_id" ||
					!errors.Is(acct.Rejected[0], ErrUnknownReference) {
					t.Fatalf("ScanInquiriesCSV with a rejecting sink: %s", got)
				}
			}
			if got != want {
				t.Errorf("chunks of %d, %d workers:\n got %s\nwant %s", size, workers, got, want)
			}
		}
	}
}

// TestScanSinkRejectsRepeats checks that a row repeating an accepted ID
// is rejected as a repeat even when the sink would reject it too: the ID
// is checked before the sink sees the row, in parallel as on one
// goroutine, while IDs are in order and once they are not, and when a
// chunk read before the set switched to fingerprints is read again.
func TestScanSinkRejectsRepeats(t *testing.T) {
	row := func(id, agency string) string { return id + "," + agency + ",x,2025-01-01T00:00:00Z\n" }
	long := "id,agency_id,channel,received_at\n"
	for i := 1; i <= 50; i++ {
		agency := "a"
		if i%7 == 0 {
			agency = "bad"
		}
		long += row(strconv.Itoa(i), agency)
	}
	long += row("14", "a") + row("21", "bad") + row("3", "bad") + row("51", "a")
	for _, tc := range []struct {
		in   string
		want string // the rejected lines and fields
	}{
		{"id,agency_id,channel,received_at\n" + row("1", "a") + row("1", "bad") + row("3", "a"), "3 id"},
		{"id,agency_id,channel,received_at\n" + row("5", "a") + row("2", "a") + row("2", "bad") + row("7", "bad") + row("7", "a") + row("5", "bad"),
			"4 id, 5 agency_id, 7 id"},
		// 7, 14, ... 49 are rejected by the sink; 14 and 21 may come
		// again, and the first is then accepted; 3 repeats.
		{long, "8 agency_id, 15 agency_id, 22 agency_id, 29 agency_id, 36 agency_id, 43 agency_id, 50 agency_id, 53 agency_id, 54 id"},
	} {
		reject := func(q *Inquiry) error {
			if q.AgencyID == "bad" {
				return &FieldError{Field: "agency_id", Err: ErrUnknownReference}
			}
			return nil
		}
		data := []byte(tc.in)
		defer func(size int) { scanChunkSize = size }(scanChunkSize)
		for _, size := range []int{1, 40, 300, 1 << 20} {
			scanChunkSize = size
			for _, workers := range []int{1, 3} {
				for _, seekable := range []bool{true, false} {
					var r io.Reader = bytes.NewReader(data)
					if !seekable {
						r = struct{ io.Reader }{r}
					}
					c := &collector{reject: reject}
					var acct Accounting
					var err error
					if workers == 1 {
						acct, err = ScanInquiriesCSV(r, ReadOptions{Lenient: true, Workers: 1}, SinkFunc(c.Add))
					} else {
						acct, err = ScanInquiriesCSV(r, ReadOptions{Lenient: true, Workers: workers}, c)
					}
					var got []string
					for _, pe := range acct.Rejected {
						got = append(got, fmt.Sprintf("%d %s", pe.Line, pe.Field))
					}
					if g := strings.Join(got, ", "); err != nil || g != tc.want || acct.Read != acct.Accepted+len(acct.Rejected) || acct.Accepted != len(c.qs) {
						t.Errorf("chunks of %d, %d workers, seekable %v: rejected %s (err %v, read %d, accepted %d, kept %d), want rejected %s",
							size, workers, seekable, g, err, acct.Read, acct.Accepted, len(c.qs), tc.want)
					}
				}
			}
		}
	}
}

// TestScanSinkRejectsOutOfOrder reads IDs in order but for those of rows
// the sink rejects, which go anywhere: a parallel read rejects the same
// rows as a read on one goroutine, and switches the set to fingerprints
// exactly when it does, so that it never needs to read an earlier file
// again (closed here) where the read on one goroutine would not.
func TestScanSinkRejectsOutOfOrder(t *testing.T) {
	head := "id,agency_id,channel,received_at\n"
	row := func(id, agency string) string { return id + "," + agency + ",x,2025-01-01T00:00:00Z\n" }
	reject := func(q *Inquiry) error {
		if q.AgencyID == "bad" {
			return &FieldError{Field: "agency_id", Err: ErrUnknownReference}
		}
		return nil
	}
	defer func(size int) { scanChunkSize = size }(scanChunkSize)
	rng := rand.New(rand.NewPCG(9, 9))
	for trial := range 200 {
		var b strings.Builder
		b.WriteString(head)
		next := 1000
		for range 1 + rng.IntN(40) {
			switch r := rng.IntN(10); {
			case r < 3: // rejected by the sink, anywhere
				b.WriteString(row(strconv.Itoa(900+rng.IntN(next-880)), "bad"))
			case r == 3 && trial%4 == 0: // out of order, accepted
				b.WriteString(row(strconv.Itoa(900+rng.IntN(next-880)), "a"))
			default:
				next += 1 + rng.IntN(3)
				b.WriteString(row(strconv.Itoa(next), "a"))
			}
		}
		data := b.String()
		read := func(workers, size int) (string, bool) {
			scanChunkSize = size
			ids := &IDSet{}
			first := &closedReader{Reader: strings.NewReader(head + row("900", "a"))}
			if _, err := ScanInquiriesCSV(first, ReadOptions{IDs: ids, Workers: 1}, SinkFunc((&collector{}).Add)); err != nil {
				t.Fatal(err)
			}
			first.closed = true
			c := &collector{reject: reject}
			var acct Accounting
			var err error
			o := ReadOptions{File: "b.csv", IDs: ids, Lenient: true, Workers: workers}
			if workers == 1 {
				acct, err = ScanInquiriesCSV(strings.NewReader(data), o, SinkFunc(c.Add))
			} else {
				acct, err = ScanInquiriesCSV(strings.NewReader(data), o, c)
			}
			return describeRead(c.qs, acct, err), ids.fingerprints()
		}
		want, wantPrints := read(1, 1<<20)
		for _, size := range []int{1, 40, 300} {
			if got, prints := read(3, size); got != want || prints != wantPrints {
				t.Fatalf("trial %d, chunks of %d: the parallel read differs from the read on one goroutine\n%s\n got (fingerprints %v):\n%s\nwant (fingerprints %v):\n%s",
					trial, size, data, prints, got, wantPrints, want)
			}
		}
	}
}

// TestScanIDSetAcrossFiles reads two files into one dataset: IDs repeated
// across them are rejected in the second, whether each file's IDs are in
// order or not, and whether the second can be read again or not.
func TestScanIDSetAcrossFiles(t *testing.T) {
	row := func(id string) string { return id + ",a,x,2025-01-01T00:00:00Z\n" }
	head := "id,agency_id,channel,received_at\n"
	first := head + row("1") + row("2") + row("3") + row("4")
	for _, tc := range []struct {
		name, second string
		repeats      []int // lines of the second file
	}{
		{"after, in order", head + row("5") + row("6"), nil},
		{"overlapping, in order", head + row("3") + row("5"), []int{2}},
		{"out of order", head + row("9") + row("2") + row("8") + row("4"), []int{3, 5}},
	} {
		for _, pipe := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, pipe %v", tc.name, pipe), func(t *testing.T) {
				ids := &IDSet{}
				var c collector
				a1, err := ScanInquiriesCSV(strings.NewReader(first), ReadOptions{File: "a.csv", IDs: ids}, &c)
				if err != nil || a1.Accepted != 4 {
					t.Fatalf("first file: %v, %+v", err, a1)
				}
				var r io.Reader = strings.NewReader(tc.second)
				if pipe {
					r = struct{ io.Reader }{r}
				}
				a2, err := ScanInquiriesCSV(r, ReadOptions{File: "b.csv", IDs: ids, Lenient: true}, &c)
				if err != nil {
					t.Fatal(err)
				}
				var lines []int
				for _, pe := range a2.Rejected {
					if !errors.Is(pe, ErrDuplicateID) || pe.File != "b.csv" {
						t.Errorf("rejection %v, want a repeated id in b.csv", pe)
					}
					lines = append(lines, pe.Line)
				}
				if fmt.Sprint(lines) != fmt.Sprint(tc.repeats) {
					t.Errorf("repeats on lines %v, want %v", lines, tc.repeats)
				}
			})
		}
	}
}

// closedReader is an in-memory input, closed once read: it cannot be read
// again, as an *os.File closed after its read.
type closedReader struct {
	*strings.Reader
	closed bool
}

func (c *closedReader) ReadAt(p []byte, off int64) (int, error) {
	if c.closed {
		return 0, os.ErrClosed
	}
	return c.Reader.ReadAt(p, off)
}

// TestScanIDSetCannotReadAgain reads a second file whose IDs go out of
// order after the first file was closed: the IDs of the first cannot be
// read again, and the read fails, on one goroutine and in parallel, at
// the row that needed them, rather than letting a repeat pass; the set is
// not left half switched to fingerprints.
func TestScanIDSetCannotReadAgain(t *testing.T) {
	row := func(id string) string { return id + ",a,x,2025-01-01T00:00:00Z\n" }
	head := "id,agency_id,channel,received_at\n"
	for _, workers := range []int{1, 3} {
		ids := &IDSet{}
		first := &closedReader{Reader: strings.NewReader(head + row("1") + row("2") + row("3"))}
		if _, err := ScanInquiriesCSV(first, ReadOptions{File: "a.csv", IDs: ids, Workers: workers}, &collector{}); err != nil {
			t.Fatal(err)
		}
		first.closed = true
		_, err := ScanInquiriesCSV(strings.NewReader(head+row("10")+row("5")+row("2")), ReadOptions{File: "b.csv", IDs: ids, Lenient: true, Workers: workers}, &collector{})
		var pe *ParseError
		if !errors.As(err, &pe) || pe.File != "b.csv" || pe.Line != 3 || pe.Field != "id" || !errors.Is(err, os.ErrClosed) {
			t.Errorf("%d workers: the read ends with %v, want an error at b.csv:3 naming the closed a.csv", workers, err)
		}
		if ids.fingerprints() || ids.printing.Load() || len(ids.sources) != 2 {
			t.Errorf("%d workers: the set is half switched: fingerprints %v, %d sources", workers, ids.fingerprints(), len(ids.sources))
		}
	}
}

func TestScanProgress(t *testing.T) {
	data := []byte(generatedCSV(2000, 4))
	defer func(size int) { scanChunkSize = size }(scanChunkSize)
	scanChunkSize = 4096
	for _, workers := range []int{1, 2} {
		var last Progress
		calls := 0
		acct, err := ScanInquiriesCSV(bytes.NewReader(data), ReadOptions{File: "p.csv", Lenient: true, Workers: workers,
			Progress: func(p Progress) { last = p; calls++ }}, &collector{})
		if err != nil {
			t.Fatal(err)
		}
		want := Progress{File: "p.csv", Bytes: int64(len(data)), Size: int64(len(data)), Read: acct.Read, Accepted: acct.Accepted}
		if last != want || calls < 1 {
			t.Errorf("%d workers: last progress %+v after %d calls, want %+v", workers, last, calls, want)
		}
	}
}

func TestCSVBoundary(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"a,b", 0},
		{"a,b\n", 4},
		{"a,b\nc", 4},
		{"\"a\nb\",c\n", 8},
		{"\"a\nb\",c\nd,\"e\n", 8},
		{"\"a\"\"\n\",c\n", 9},
		{"a\"b\nc\n", 6},            // a bare quote ends the record at its line
		{"\"a\"x,\"b\nc\n", 10},     // text after a closing quote: the same
		{"\"a\",\"b\r\n\"\r\n", 11}, // \r\n ends a line inside quotes and out
		{"\"a\nb", 0},
	} {
		if got := csvBoundary([]byte(tc.in), false); got != tc.want {
			t.Errorf("csvBoundary(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func FuzzScanInquiriesCSV(f *testing.F) {
	for _, s := range scanCSVInputs {
		f.Add([]byte(s), true, uint8(0), uint8(7))
		f.Add([]byte(s), false, uint8(2), uint8(1))
		f.Add([]byte(s), true, uint8(0x80|0x18), uint8(5)) // small limits: see fuzzOpts
	}
	f.Fuzz(func(t *testing.T, data []byte, lenient bool, maxRejects, chunk uint8) {
		opts := fuzzOpts(lenient, maxRejects)
		ds, acct, err := ReadInquiriesCSV(bytes.NewReader(data), opts)
		want := describeRead(ds.Inquiries, acct, err)
		defer func(size int) { scanChunkSize = size }(scanChunkSize)
		scanChunkSize = 1 + int(chunk)
		for _, workers := range []int{1, 3} {
			var c collector
			opts.Workers = workers
			acct, err := scanCSV(bytes.NewReader(data), opts, &c)
			if got := describeRead(c.qs, acct, err); got != want {
				t.Fatalf("%d workers, chunks of %d: differs from ReadInquiriesCSV\n got:\n%s\nwant:\n%s", workers, scanChunkSize, got, want)
			}
		}
	})
}

// TestBeforeReceiptKept checks the readers' one policy for an instant
// dated before its inquiry's receipt (issue 14, finding 8): the inquiry is
// kept, the instant dropped with a warning naming its line and field: a
// reply (and its grade) leaves the inquiry unanswered, a resolution
// unresolved, a promised time none. The whole reads and the streaming
// ones, on one goroutine and in parallel, agree.
func TestBeforeReceiptKept(t *testing.T) {
	csvIn := "id,agency_id,channel,received_at,first_reply_at,resolved_at,due_at,accuracy\n" +
		"1,a,x,2025-01-01T00:00:00Z,2025-01-01T01:00:00Z,,,accurate\n" +
		"2,a,x,2025-01-01T00:00:00Z,2024-12-31T23:59:59Z,,,accurate\n" +
		"3,a,x,2025-01-01T00:00:00Z,,2024-12-31T00:00:00Z,2024-12-31T00:00:00Z,\n"
	jsonlIn := `{"id":"1","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z","first_reply_at":"2025-01-01T01:00:00Z","accuracy":"accurate"}` + "\n" +
		`{"id":"2","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z","first_reply_at":"2024-12-31T23:59:59Z","accuracy":"accurate"}` + "\n" +
		`{"id":"3","agency_id":"a","channel":"x","received_at":"2025-01-01T00:00:00Z","resolved_at":"2024-12-31T00:00:00Z","due_at":"2024-12-31T00:00:00Z"}` + "\n"
	check := func(t *testing.T, call string, qs []Inquiry, acct Accounting, err error, first int) {
		t.Helper()
		require.NoError(t, err, call)
		assert.Equal(t, [2]int{3, 3}, [2]int{acct.Read, acct.Accepted}, "%s: read, accepted", call)
		require.Len(t, qs, 3, call)
		assert.False(t, qs[0].FirstReplyAt.IsZero(), "%s: inquiry 1 keeps its reply", call)
		assert.True(t, qs[1].FirstReplyAt.IsZero() && qs[1].Accuracy == "", "%s: inquiry 2 unanswered, ungraded: %+v", call, qs[1])
		assert.True(t, qs[2].ResolvedAt.IsZero() && qs[2].DueAt.IsZero(), "%s: inquiry 3 unresolved, without a promise", call)
		var got []string
		for _, w := range acct.Warnings {
			require.ErrorIs(t, w, ErrBeforeReceipt, call)
			got = append(got, fmt.Sprintf("%d %s", w.Line, w.Field))
		}
		assert.Equal(t, []string{fmt.Sprintf("%d first_reply_at", first+1), fmt.Sprintf("%d resolved_at", first+2),
			fmt.Sprintf("%d due_at", first+2)}, got, "%s: warnings", call)
	}
	ds, acct, err := ReadInquiriesCSV(strings.NewReader(csvIn), ReadOptions{})
	check(t, "ReadInquiriesCSV", ds.Inquiries, acct, err, 2)
	ds, acct, err = ReadInquiriesJSONL(strings.NewReader(jsonlIn), ReadOptions{})
	check(t, "ReadInquiriesJSONL", ds.Inquiries, acct, err, 1)
	defer func(size int) { scanChunkSize = size }(scanChunkSize)
	for _, size := range []int{1, 1 << 20} {
		scanChunkSize = size
		for _, workers := range []int{1, 2} {
			var c collector
			acct, err := scanCSV(strings.NewReader(csvIn), ReadOptions{Workers: workers}, &c)
			check(t, fmt.Sprintf("ScanInquiriesCSV, %d workers, chunks of %d", workers, size), c.qs, acct, err, 2)
			c = collector{}
			acct, err = scanJSONL(strings.NewReader(jsonlIn), ReadOptions{Workers: workers}, &c)
			check(t, fmt.Sprintf("ScanInquiriesJSONL, %d workers, chunks of %d", workers, size), c.qs, acct, err, 1)
		}
	}
	// A Go value is held to the rule, not repaired.
	q := Inquiry{ID: "x", AgencyID: "a", ChannelID: "a/x", ReceivedAt: time.Unix(100, 0), FirstReplyAt: time.Unix(50, 0)}
	assert.ErrorIs(t, q.Validate(), ErrBeforeReceipt, "Validate of a reply before receipt")
}

// TestBeforeReceiptWithinSecond checks that an instant before its receipt
// is found when the two are in the same second, or written in different
// offsets, and that an instant at the receipt is kept: the readers compare
// whole seconds first.
func TestBeforeReceiptWithinSecond(t *testing.T) {
	in := "id,agency_id,channel,received_at,first_reply_at,resolved_at,due_at\n" +
		"1,a,x,2025-01-01T00:00:00.7Z,2025-01-01T00:00:00.5Z,,\n" + // dropped
		"2,a,x,2025-01-01T00:00:00.5Z,2025-01-01T00:00:00.5Z,2025-01-01T00:00:00.500000001Z,\n" + // kept
		"3,a,x,2025-01-01T03:00:00+03:00,2025-01-01T00:00:00Z,,2025-01-01T00:00:00Z\n" + // kept: the same instant
		"4,a,x,2025-01-01T03:00:00+03:00,,2024-12-31T23:59:59.999Z,\n" + // dropped
		"5,a,x,2025-01-01T00:00:01Z,,,2025-01-01T02:59:59+03:00\n" // dropped: a second before
	want := []string{"2 first_reply_at", "5 resolved_at", "6 due_at"}
	lines := func(acct Accounting) []string {
		var got []string
		for _, w := range acct.Warnings {
			require.ErrorIs(t, w, ErrBeforeReceipt)
			got = append(got, fmt.Sprintf("%d %s", w.Line, w.Field))
		}
		return got
	}
	ds, acct, err := ReadInquiriesCSV(strings.NewReader(in), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, want, lines(acct), "ReadInquiriesCSV")
	require.Len(t, ds.Inquiries, 5)
	assert.True(t, ds.Inquiries[0].FirstReplyAt.IsZero(), "inquiry 1: reply dropped")
	assert.False(t, ds.Inquiries[1].FirstReplyAt.IsZero() || ds.Inquiries[1].ResolvedAt.IsZero(), "inquiry 2 kept whole")
	assert.False(t, ds.Inquiries[2].FirstReplyAt.IsZero() || ds.Inquiries[2].DueAt.IsZero(), "inquiry 3 kept whole")
	for _, workers := range []int{1, 2} {
		var c collector
		acct, err := scanCSV(strings.NewReader(in), ReadOptions{Workers: workers}, &c)
		require.NoError(t, err)
		assert.Equal(t, want, lines(acct), "ScanInquiriesCSV, %d workers", workers)
	}
	// Timestamps without an offset, in the zone of ReadOptions.Location:
	// at 01:30 on 2 November 2025 New York's clocks go back, and the
	// second 01:30 follows the first, which is dated earlier.
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	local := "id,agency_id,channel,received_at,first_reply_at\n" +
		"1,a,x,2025-11-02T00:59:59.9,2025-11-02T00:59:59.5\n" + // dropped
		"2,a,x,2025-11-02T00:59:59.5,2025-11-02T00:59:59.5\n" + // kept
		"3,a,x,2025-11-02T12:00:00,2025-11-02T06:00:00Z\n" + // dropped: 01:00 in New York
		"4,a,x,2025-11-02T01:00:00,2025-11-02T06:00:00Z\n" // kept: 01:00 is read as the first one, 05:00Z
	_, acct, err = ReadInquiriesCSV(strings.NewReader(local), ReadOptions{Location: ny})
	require.NoError(t, err)
	assert.Equal(t, []string{"2 first_reply_at", "4 first_reply_at"}, lines(acct), "ReadInquiriesCSV with a Location")
}
