package model

import (
	"fmt"
	"hash/maphash"
	"sync/atomic"
)

// IDSet remembers the IDs of the inquiries accepted so far by one or more
// streaming reads ([ScanInquiriesCSV], [ScanInquiriesJSONL]), so that an ID
// seen before is rejected with [ErrDuplicateID]. Give the same IDSet, in
// [ReadOptions.IDs], to the reads of every file of one dataset: IDs are
// unique within a dataset, not within a file.
//
// # Cost
//
// While IDs arrive in increasing order (decimal numbers without leading
// zeros by value, before all other IDs by bytes), as exports usually have
// them, none can repeat an earlier one, and the set holds only the last.
// The first ID out of order switches it to a set of 128-bit fingerprints
// of every accepted ID, about 40 bytes an inquiry. The IDs accepted before
// the switch are then read again from their inputs, which must be regular
// files or in memory (an *os.File, *bytes.Reader or *strings.Reader) and
// still open; an input that cannot be read again (a pipe) switches the
// set to fingerprints from its start. When an earlier input is needed
// but can no longer be read (a file closed since its read), the read
// fails with an error naming the row whose ID needed it, and the set
// keeps the IDs in order as before. Two different IDs share a
// fingerprint with a probability below 10⁻²⁰ for a billion IDs, since the
// hash is seeded at random when the set is made: a repeat found by
// fingerprint is reported with the line of the repeat, so that such a
// collision could never pass unseen.
//
// The zero value is an empty set. An IDSet is not safe for concurrent use;
// a read uses it from one goroutine.
type IDSet struct {
	last    string // the last ID, while IDs are in order
	started bool   // an ID was accepted
	prints  map[idPrint]struct{}
	seeds   [2]maphash.Seed
	seeded  bool
	// printing is set once prints is: the workers of a parallel read
	// fingerprint their chunks' IDs from then on.
	printing atomic.Bool
	// sources are the inputs read in order whose IDs are not in prints:
	// read again when the set switches to fingerprints.
	sources []*idSource
}

// idPrint is the fingerprint of an ID.
type idPrint [2]uint64

// idSource is an input whose accepted IDs the set may need to read again.
type idSource struct {
	name string
	// replay calls add with the ID of every row accepted from the input
	// before byte end of its records; nil when the input cannot be read
	// again.
	replay func(end int64, add func(id string)) error
	end    int64 // the bytes of records accepted so far
}

// seed makes the hash seeds, once. After it, print may be called from
// several goroutines at once.
func (s *IDSet) seed() {
	if !s.seeded {
		s.seeds, s.seeded = [2]maphash.Seed{maphash.MakeSeed(), maphash.MakeSeed()}, true
	}
}

// print returns the fingerprint of id; seed must have been called.
func (s *IDSet) print(id string) idPrint {
	return idPrint{maphash.String(s.seeds[0], id), maphash.String(s.seeds[1], id)}
}

// fingerprints reports whether the set holds fingerprints.
func (s *IDSet) fingerprints() bool { return s.prints != nil }

// begin starts a read of the input src. An input that cannot be read again
// switches the set to fingerprints now.
func (s *IDSet) begin(src *idSource) error {
	s.seed()
	if src.replay == nil && !s.fingerprints() {
		if err := s.switchToPrints(); err != nil {
			return err
		}
	}
	if !s.fingerprints() {
		s.sources = append(s.sources, src)
	}
	return nil
}

// switchToPrints reads every ID accepted so far into a set of
// fingerprints. When an input cannot be read again, the set is left as it
// was and the read that needed it fails.
func (s *IDSet) switchToPrints() error {
	s.seed()
	prints := make(map[idPrint]struct{})
	for _, src := range s.sources {
		err := src.replay(src.end, func(id string) { prints[s.print(id)] = struct{}{} })
		if err != nil {
			return fmt.Errorf("checking for repeated ids needs to read %s again: %w", src.name, err)
		}
	}
	s.prints = prints
	s.printing.Store(true)
	s.sources, s.last = nil, ""
	return nil
}

// has reports whether id repeats an accepted one. An ID out of order
// switches the set to fingerprints first.
func (s *IDSet) has(id string) (bool, error) {
	if !s.fingerprints() {
		if !s.started || idLess(s.last, id) {
			return false, nil
		}
		if err := s.switchToPrints(); err != nil {
			return false, err
		}
	}
	_, ok := s.prints[s.print(id)]
	return ok, nil
}

// add accepts id, which has reported new. The set may keep id.
func (s *IDSet) add(id string) {
	s.started = true
	if s.fingerprints() {
		s.prints[s.print(id)] = struct{}{}
		return
	}
	s.last = id
}

// chunkIDs is what a parallel read keeps of the IDs of one chunk of input,
// enough to check them against the set as a read on one goroutine would:
// the IDs up to the first the chunk accepted (each compared with the last
// ID accepted before the chunk), whether every later one follows the last
// accepted before it, the last accepted, and, once the set holds
// fingerprints (printed), their fingerprints with their lines, in input
// order. It holds the IDs of the rows the chunk accepted and, to be
// checked only, those of the rows the sink rejected: a row that repeats
// an accepted ID is rejected as a repeat before the sink sees it, and
// its ID is not accepted.
type chunkIDs struct {
	n           int
	accepted    bool // a row was accepted
	lead        []lineID
	ordered     bool
	last        string // the last accepted
	lastDecimal bool   // isDecimal(last)
	lastValue   uint64 // its value, when decimal of at most maxDecimalDigits digits
	printed     bool
	prints      []linePrint
	checks      []int // the lines of the rows the sink rejected, in order
	// firstLine is the line of the first ID; outLine that of the first ID
	// after lead not after the last accepted before it, once ordered is
	// false.
	firstLine, outLine int
}

// lineID is a row's ID and line.
type lineID struct {
	id   string
	line int
}

// linePrint is the fingerprint of a row's ID and the row's line; check
// marks a row that the sink rejected, whose ID is checked but not added.
type linePrint struct {
	print idPrint
	line  int
	check bool
}

// reset empties c; printed says whether to fingerprint the IDs.
func (c *chunkIDs) reset(printed bool) {
	c.n, c.accepted, c.ordered, c.printed = 0, false, true, printed
	c.last, c.lead, c.prints, c.checks = "", c.lead[:0], c.prints[:0], c.checks[:0]
}

// add records the ID of the row at line: accepted, or rejected by the
// sink when check is set. s, seeded, gives the fingerprint. c keeps id.
func (c *chunkIDs) add(s *IDSet, id string, line int, check bool) {
	if c.n == 0 {
		c.firstLine = line
	}
	c.n++
	if !c.accepted {
		c.lead = append(c.lead, lineID{id, line})
		if !check {
			c.accepted, c.last = true, id
			c.lastValue, c.lastDecimal = decimalOf(id)
		}
	} else {
		v, dec := decimalOf(id)
		if c.ordered && !c.before(id, v, dec) {
			c.ordered, c.outLine = false, line
		}
		if !check {
			c.last, c.lastDecimal, c.lastValue = id, dec, v
		}
	}
	if check {
		c.checks = append(c.checks, line)
	}
	if c.printed {
		c.prints = append(c.prints, linePrint{s.print(id), line, check})
	}
}

// before reports whether the last accepted ID is before id (idLess),
// where v and dec are decimalOf(id): by value when both are decimal and
// short enough to have one.
func (c *chunkIDs) before(id string, v uint64, dec bool) bool {
	if dec && c.lastDecimal && len(id) <= maxDecimalDigits && len(c.last) <= maxDecimalDigits {
		return c.lastValue < v
	}
	return idLessKnown(c.last, c.lastDecimal, id, dec)
}

// join accepts the IDs of a chunk read in parallel, after every chunk
// before it, and returns the lines of the rows whose ID repeats an
// accepted one (earlier in the input, or earlier in the chunk), in order.
// It switches the set to fingerprints at the row where a read on one
// goroutine would, and only then.
// When the set needs the chunk's fingerprints and the chunk was read
// without, print fills them in.
//
// When the set cannot switch to fingerprints, join returns the line of the
// row whose ID needed the switch, the row at which a read on one goroutine
// fails too, with the error.
func (s *IDSet) join(c *chunkIDs, print func(*chunkIDs) error) (repeats []int, line int, err error) {
	if c.n == 0 {
		return nil, 0, nil
	}
	if !s.fingerprints() {
		line := 0 // of the first row whose ID is not after the last accepted
		if s.started {
			for _, l := range c.lead {
				if !idLess(s.last, l.id) {
					line = l.line
					break
				}
			}
		}
		if line == 0 && !c.ordered {
			line = c.outLine
		}
		if line == 0 {
			if c.accepted {
				s.last, s.started = c.last, true
			}
			return nil, 0, nil
		}
		if err := s.switchToPrints(); err != nil {
			return nil, line, err
		}
	}
	if !c.printed {
		if err := print(c); err != nil {
			return nil, c.firstLine, err
		}
	}
	for _, lp := range c.prints {
		if _, ok := s.prints[lp.print]; ok {
			repeats = append(repeats, lp.line)
			continue
		}
		if !lp.check {
			s.prints[lp.print] = struct{}{}
		}
	}
	s.started = true
	return repeats, 0, nil
}
