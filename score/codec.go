package score

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govscore/govscore/model"
)

// The binary encoding of an Accumulator, version 1, for accumulators that
// travel between processes or machines (a distributed runner merges them,
// see examples/beam):
//
//	magic        4 bytes   "GSAC"
//	version      byte      1
//	fingerprint  32 bytes  SHA-256 of the scorer and metadata (see below)
//	agencies     uvarint   the number of agencies that follow
//	agency...              in increasing order of ID, each:
//	  id         uvarint length, then the ID's bytes (UTF-8)
//	  n          uvarint   inquiries received by AsOf
//	  after      uvarint   inquiries received after AsOf
//	  first      varint, uvarint   the earliest receipt, Unix seconds and
//	                       nanoseconds; only when n > 0
//	  silent     uvarint   inquiries unanswered past the long-silence threshold
//	  oldest     uvarint   the age of the oldest of them, in seconds
//	  counts     3 uvarints (n, k, pending) for each counter tally
//	  grades     5 uvarints (none, accurate, partial, inaccurate, deflection)
//	             for each grade tally
//	  samples    a Kaplan-Meier sample's own encoding (version byte, count,
//	             sorted delta-encoded keys) for each sample tally
//	  days       for each day tally: n uvarint; open byte (0 or 1); forever
//	             varint when open; the days waited as spans, a uvarint count,
//	             the first span's first day varint and each later one's gap
//	             after the one before (at least 2) uvarint, each span's
//	             length less one uvarint; the days replied, a uvarint count,
//	             the first varint and each later one's gap (at least 1)
//	             uvarint
//
// The tallies of each kind come in the order of the scorer's plan, which
// the fingerprint fixes. The fingerprint hashes the rubric's hash, the
// options that change a report (AsOf, Since, MinSample, LongSilenceDays,
// MinCoverage, Curves, DefaultCalendar) and the metadata (the
// declared agencies in ID order with their channels and staffing, and the
// calendars, each in an order of their own, since a report does not
// depend on theirs): an accumulator decodes only into one made by a scorer and
// metadata with the same fingerprint, such as the same rubric, options and
// files in another process.
//
// The encoding is canonical: an accumulator's content, however its
// inquiries were added, forked and merged, encodes to the same bytes, and
// the decoder refuses any other spelling of it.

// accMagic starts every accumulator encoding.
const accMagic = "GSAC"

// AccumulatorVersion is the version of the binary encoding that
// [Accumulator.MarshalBinary] writes and [Accumulator.UnmarshalBinary]
// reads.
const AccumulatorVersion = 1

// MaxCount is the largest count an encoded accumulator may carry, and the
// most inquiries an agency may reach by merges: 2^48, or math.MaxInt
// (2^31 - 1) where an int has 32 bits. A merge that would take an agency
// beyond it is refused with [ErrMerge], so that no sum of counts
// overflows, however many encodings are decoded and merged.
const MaxCount = min(1<<48, math.MaxInt)

// ErrAccumulatorEncoding is returned, wrapped, by
// [Accumulator.UnmarshalBinary] for data that is not a valid encoding:
// cut short, corrupt, or carrying counts that contradict each other.
var ErrAccumulatorEncoding = errors.New("score: not a valid accumulator encoding")

// Day indexes an encoding may carry: enough for any receipt that
// [model.CheckTime] accepts, in any zone, and far from overflow.
const (
	minDay = -1 << 20
	maxDay = 1 << 20
)

// MarshalBinary returns the encoding of the accumulator's content (see
// [Accumulator.AppendBinary]).
func (a *Accumulator) MarshalBinary() ([]byte, error) { return a.AppendBinary(nil) }

// AppendBinary appends to b the encoding of the accumulator's content:
// per agency, in ID order, its tallies, with a fingerprint of the scorer
// and metadata. The encoding is canonical (the same content gives the same
// bytes whatever the order and grouping of adds and merges) and versioned
// ([AccumulatorVersion]). Its size grows with the number of agencies and,
// for reply-time criteria, by one to five bytes an inquiry, in practice
// about two.
func (a *Accumulator) AppendBinary(b []byte) ([]byte, error) {
	a.flush()
	b = append(b, accMagic...)
	b = append(b, AccumulatorVersion)
	fp := a.b.fingerprint()
	b = append(b, fp[:]...)
	refs := a.stated()
	b = binary.AppendUvarint(b, uint64(len(refs)))
	for _, r := range refs {
		b = binary.AppendUvarint(b, uint64(len(r.info.id)))
		b = append(b, r.info.id...)
		b = r.st.appendBinary(b)
	}
	return b, nil
}

// stated returns the agencies that have inquiries, in ID order.
func (a *Accumulator) stated() []agencyRef {
	sts := a.states()
	out := make([]agencyRef, 0, len(sts.numbers))
	for _, n := range sts.numbers {
		st := sts.byNumber[n]
		if st.n > 0 || st.after > 0 {
			out = append(out, agencyRef{info: st.info, st: st})
		}
	}
	slices.SortFunc(out, func(x, y agencyRef) int { return strings.Compare(x.info.id, y.info.id) })
	return out
}

func (st *agencyState) appendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(st.n))
	b = binary.AppendUvarint(b, uint64(st.after))
	if st.n > 0 {
		b = binary.AppendVarint(b, st.first)
		b = binary.AppendUvarint(b, uint64(st.firstNanos))
	}
	b = binary.AppendUvarint(b, uint64(st.silent))
	b = binary.AppendUvarint(b, uint64(st.oldest))
	for i := range st.counts {
		c := &st.counts[i]
		b = binary.AppendUvarint(b, uint64(c.n))
		b = binary.AppendUvarint(b, uint64(c.k))
		b = binary.AppendUvarint(b, uint64(c.pending))
	}
	for i := range st.grades {
		for _, g := range st.grades[i] {
			b = binary.AppendUvarint(b, uint64(g))
		}
	}
	for i := range st.samples {
		b = st.samples[i].AppendBinary(b)
	}
	for i := range st.days {
		b = st.days[i].appendBinary(b)
	}
	return b
}

func (t *dayTally) appendBinary(b []byte) []byte {
	b = binary.AppendUvarint(b, uint64(t.n))
	if t.open {
		b = append(b, 1)
		b = binary.AppendVarint(b, t.forever)
	} else {
		b = append(b, 0)
	}
	waits, replies := t.spans()
	b = binary.AppendUvarint(b, uint64(len(waits)))
	for i, w := range waits {
		if i == 0 {
			b = binary.AppendVarint(b, w.lo)
		} else {
			b = binary.AppendUvarint(b, uint64(w.lo-waits[i-1].hi))
		}
		b = binary.AppendUvarint(b, uint64(w.hi-w.lo))
	}
	b = binary.AppendUvarint(b, uint64(len(replies)))
	for i, d := range replies {
		if i == 0 {
			b = binary.AppendVarint(b, d)
		} else {
			b = binary.AppendUvarint(b, uint64(d-replies[i-1]))
		}
	}
	return b
}

// UnmarshalBinary replaces the accumulator's content with the one data
// encodes, written by [Accumulator.MarshalBinary] of an accumulator of a
// scorer and metadata with the same fingerprint: the same rubric, options
// and metadata, in this process or another. Merging decoded accumulators
// gives the report, byte for byte, that merging the originals gives.
//
// data is not trusted. Data that is cut short, corrupt, not canonical, or
// whose counts contradict each other (more replies than inquiries, say)
// gives an error wrapping [ErrAccumulatorEncoding]; data of another scorer
// or metadata, one wrapping [ErrMerge]; agencies beyond
// [Options.MaxAgencies], one wrapping [ErrTooManyAgencies]. The accumulator
// is then left empty, and the agencies of a bad encoding are not counted
// against MaxAgencies: they are registered only once all of data is read.
// Decoding allocates in proportion to len(data), and so do later merges
// and adds (a count in the encoding never sizes memory); it never panics.
// The accumulator keeps no reference to data.
func (a *Accumulator) UnmarshalBinary(data []byte) error {
	a.reset()
	if err := a.decode(data); err != nil {
		a.reset()
		return err
	}
	return nil
}

// reset empties the accumulator.
func (a *Accumulator) reset() {
	a.pending = a.pending[:0]
	if a.own != nil {
		for _, n := range a.own.numbers {
			a.own.byNumber[n] = nil
		}
		a.own.numbers = a.own.numbers[:0]
	}
}

// decoder reads an accumulator encoding.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: %s", ErrAccumulatorEncoding, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) uvarint(what string) uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("%s: cut short or overlong", what)
		return 0
	}
	if n > 1 && d.b[n-1] == 0 {
		d.fail("%s: not in its shortest form", what)
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint(what string) int64 {
	u := d.uvarint(what)
	return int64(u>>1) ^ -int64(u&1)
}

// count reads a count of at most MaxCount.
func (d *decoder) count(what string) int {
	v := d.uvarint(what)
	if v > MaxCount {
		d.fail("%s: %d is more than MaxCount", what, v)
		return 0
	}
	return int(v)
}

// day reads a day index within [minDay, maxDay].
func (d *decoder) day(v int64, what string) int64 {
	if v < minDay || v > maxDay {
		d.fail("%s: day %d is out of range", what, v)
		return 0
	}
	return v
}

func (a *Accumulator) decode(data []byte) error {
	d := &decoder{b: data}
	if len(d.b) < len(accMagic)+1+sha256.Size || string(d.b[:len(accMagic)]) != accMagic {
		d.fail("no accumulator header")
		return d.err
	}
	if v := d.b[len(accMagic)]; v != AccumulatorVersion {
		d.fail("version %d, this build reads version %d", v, AccumulatorVersion)
		return d.err
	}
	d.b = d.b[len(accMagic)+1:]
	fp := a.b.fingerprint()
	if !bytes.Equal(d.b[:sha256.Size], fp[:]) {
		return fmt.Errorf("%w: the encoding was made by another rubric, options or metadata (fingerprint %x, this accumulator's %x)",
			ErrMerge, d.b[:8], fp[:8])
	}
	d.b = d.b[sha256.Size:]
	count := d.uvarint("agencies")
	// Each agency takes at least a few bytes: a count beyond the data is
	// corrupt, and allocates nothing.
	if d.err == nil && count > uint64(len(d.b)) {
		d.fail("%d agencies in %d bytes", count, len(d.b))
	}
	// The agencies are numbered, and implied ones registered with the
	// scorer, only once the whole encoding has been read: a bad encoding
	// must not use up Options.MaxAgencies.
	type decodedAgency struct {
		id string
		st *agencyState
	}
	var read []decodedAgency
	prev := ""
	for i := uint64(0); i < count && d.err == nil; i++ {
		size := d.uvarint("agency ID length")
		if d.err != nil {
			break
		}
		if size == 0 || size > uint64(len(d.b)) || size > model.DefaultMaxFieldBytes {
			d.fail("agency %d: an ID of %d bytes", i, size)
			break
		}
		id := string(d.b[:size])
		d.b = d.b[size:]
		if !utf8.ValidString(id) || model.CheckText(id) != nil {
			d.fail("agency %d: the ID is not valid text", i)
			break
		}
		if i > 0 && id <= prev {
			d.fail("agency %q: out of order after %q", SafeText(id), SafeText(prev))
			break
		}
		prev = id
		st := newAgencyState(a.b.provisional(id), &a.b.s.plan, &a.b.merged)
		read = append(read, decodedAgency{id, st})
		if err := st.decode(d, a.b.s); err != nil {
			return fmt.Errorf("agency %q: %w", SafeText(id), err)
		}
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d bytes after the last agency", len(d.b))
	}
	if d.err != nil {
		return d.err
	}
	sts := a.states()
	for i := range read {
		ref, err := a.b.agency(read[i].id)
		if err != nil {
			return err
		}
		st := read[i].st
		st.info = ref.info
		for j := range st.days {
			st.days[j].clk = dayClock{loc: ref.info.loc}
		}
		sts.put(ref.number, st)
	}
	return nil
}

// decode reads st's tallies, and checks that they agree with each other.
func (st *agencyState) decode(d *decoder, s *Scorer) error {
	st.n = d.count("n")
	st.after = d.count("after")
	if d.err == nil && st.n == 0 && st.after == 0 {
		d.fail("an agency without inquiries")
	}
	if st.n > 0 {
		st.first = d.varint("first")
		ns := d.uvarint("first nanoseconds")
		if d.err == nil && ns >= 1e9 {
			d.fail("first: %d nanoseconds", ns)
		}
		st.firstNanos = int32(ns)
		if d.err == nil {
			if err := model.CheckTime(time.Unix(st.first, int64(st.firstNanos))); err != nil {
				d.fail("first: %v", err)
			}
			if (instant{st.first, st.firstNanos}).after(s.asOfInstant) {
				d.fail("first: after AsOf")
			}
		}
	}
	st.silent = d.count("silent")
	oldest := d.uvarint("oldest")
	if d.err == nil {
		switch {
		case st.silent > st.n:
			d.fail("%d silent of %d inquiries", st.silent, st.n)
		case st.silent == 0 && oldest != 0,
			st.silent > 0 && (int64(oldest) < s.longSilence || oldest > uint64(s.asOf-st.first)):
			d.fail("oldest silence of %d seconds", oldest)
		}
	}
	st.oldest = int64(oldest)
	for i := range st.counts {
		c := &st.counts[i]
		c.n, c.k, c.pending = d.count("count n"), d.count("count k"), d.count("count pending")
		if d.err == nil && (c.k > c.n || c.n+c.pending > st.n) {
			d.fail("counts %d of %d, %d pending, of %d inquiries", c.k, c.n, c.pending, st.n)
		}
	}
	for i := range st.grades {
		sum := 0
		for g := range st.grades[i] {
			st.grades[i][g] = d.count("grade")
			sum += st.grades[i][g]
		}
		if d.err == nil && sum > st.n {
			d.fail("%d grades of %d inquiries", sum, st.n)
		}
	}
	for i := range st.samples {
		if d.err != nil {
			break
		}
		rest, err := st.samples[i].ReadBinary(d.b)
		if err != nil {
			d.fail("sample: %v", err)
			break
		}
		d.b = rest
		if st.samples[i].Len() > st.n {
			d.fail("a sample of %d of %d inquiries", st.samples[i].Len(), st.n)
		}
		if st.samples[i].Negative() {
			d.fail("a sample with a time before its inquiry")
		}
	}
	for i := range st.days {
		st.days[i].decode(d, st.n)
	}
	return d.err
}

// decode reads a day tally into t, empty, of an agency with n inquiries.
func (t *dayTally) decode(d *decoder, n int) {
	count := d.count("days n")
	if d.err == nil && count > n {
		d.fail("days of %d of %d inquiries", count, n)
	}
	if d.err != nil {
		return
	}
	// The bits are sized by the entries decoded (maxWords), never by the
	// count, which nothing else backs: a count alone would let a few
	// bytes claim bits over the whole range of days, there or in a merge.
	var entries int
	defer func() { t.n, t.entries = count, entries }()
	if len(d.b) == 0 || d.b[0] > 1 {
		d.fail("days: not an open flag")
		return
	}
	t.open = d.b[0] == 1
	d.b = d.b[1:]
	if t.open && count == 0 {
		d.fail("days: an inquiry waiting of none")
	}
	if t.open {
		t.forever = d.day(d.varint("forever"), "forever")
	}
	waits := d.uvarint("waits")
	if d.err == nil && (waits > uint64(len(d.b)) || waits > uint64(count)) {
		d.fail("%d waits in %d bytes, of %d inquiries", waits, len(d.b), count)
	}
	var hi int64
	spans := make([]dayEntry, 0, min(waits, 1024))
	for i := uint64(0); i < waits && d.err == nil; i++ {
		var lo int64
		if i == 0 {
			lo = d.day(d.varint("wait"), "wait")
		} else {
			gap := d.uvarint("wait gap")
			if d.err == nil && (gap < 2 || gap > maxDay-minDay) {
				d.fail("a gap of %d days between waits", gap)
			}
			lo = d.day(hi+int64(gap), "wait")
		}
		span := d.uvarint("wait length")
		if d.err == nil && span > maxDay-minDay {
			d.fail("a wait of %d days", span)
		}
		hi = d.day(lo+int64(span), "wait")
		if d.err == nil {
			t.wait(lo, hi)
			spans = append(spans, dayEntry{lo: lo, hi: hi})
			entries++
		}
	}
	replies := d.uvarint("replies")
	if d.err == nil && (replies > uint64(len(d.b)) || replies > uint64(count)) {
		d.fail("%d replies in %d bytes, of %d inquiries", replies, len(d.b), count)
	}
	var day int64
	for i := uint64(0); i < replies && d.err == nil; i++ {
		if i == 0 {
			day = d.day(d.varint("reply"), "reply")
		} else {
			gap := d.uvarint("reply gap")
			if d.err == nil && (gap < 1 || gap > maxDay-minDay) {
				d.fail("a gap of %d days between replies", gap)
			}
			day = d.day(day+int64(gap), "reply")
		}
		// A reply is sent on the last day of its inquiry's wait.
		for len(spans) > 0 && spans[0].hi < day {
			spans = spans[1:]
		}
		if d.err == nil && (len(spans) == 0 || spans[0].lo > day) {
			d.fail("a reply on day %d, on which no inquiry waited", day)
		}
		if d.err == nil {
			t.reply(day)
			entries++
		}
	}
}

// agency returns the number and metadata of the agency id: a declared
// agency, or one implied, numbered on first sight.
// provisional returns the metadata that the agency id has, or would have
// once implied, without implying it.
func (b *base) provisional(id string) *agencyInfo {
	if i, ok := b.index[id]; ok {
		return &b.infos[i]
	}
	b.mu.RLock()
	im := b.implied[id]
	b.mu.RUnlock()
	if im != nil {
		return &im.info
	}
	return &agencyInfo{id: id, loc: time.UTC, agencyMeta: b.impliedMeta}
}

func (b *base) agency(id string) (chanRef, error) {
	if i, ok := b.index[id]; ok {
		return chanRef{number: i, agency: b.infos[i].id, info: &b.infos[i]}, nil
	}
	return b.imply(id)
}

// fingerprint returns the SHA-256 of what an accumulator's encoding
// depends on besides its inquiries (see the encoding's description),
// computed on first use.
func (b *base) fingerprint() [sha256.Size]byte {
	b.fpOnce.Do(func() {
		h := sha256.New()
		s := b.s
		o := s.opts
		io.WriteString(h, "govscore accumulator\x00")
		enc := json.NewEncoder(h)
		// Encoding these types cannot fail: they hold no channels,
		// functions or cyclic values.
		enc.Encode([]any{AccumulatorVersion, s.hash, o.AsOf.UTC().Format(time.RFC3339Nano),
			o.Since.UTC().Format(time.RFC3339Nano), o.MinSample, o.LongSilenceDays, s.minCoverage.String(),
			o.Curves, o.DefaultCalendar})
		h.Write(b.calendars)
		for i := range b.infos {
			info := &b.infos[i]
			enc.Encode(info.agency)
			h.Write(sortedJSON(info.channels))
			h.Write(sortedJSON(info.staffing))
		}
		h.Sum(b.fp[:0])
	})
	return b.fp
}

// sortedJSON returns the JSON encodings of the values, one a line, in
// byte order: the same for the same values in any order, as a report is.
func sortedJSON[T any](values []T) []byte {
	lines := make([][]byte, len(values))
	for i := range values {
		// These types cannot fail to encode: no channels, functions or
		// cycles.
		lines[i], _ = json.Marshal(values[i])
	}
	slices.SortFunc(lines, bytes.Compare)
	return append(bytes.Join(lines, []byte{'\n'}), '\n')
}

// ByAgency moves the accumulator's content out agency by agency: it
// yields, in ID order, the ID of each agency with inquiries and a new fork
// of a that holds that agency's tallies alone, and leaves a empty. A
// distributed runner combines per agency this way (see examples/beam):
// each part encodes with [Accumulator.MarshalBinary], and merging the
// parts again, in any order, gives a's report.
//
// Stopping the loop early leaves the rest of the agencies' tallies
// nowhere: a is empty all the same.
func (a *Accumulator) ByAgency() iter.Seq2[string, *Accumulator] {
	return func(yield func(string, *Accumulator) bool) {
		a.flush()
		sts := a.states()
		type part struct {
			n  int32
			st *agencyState
		}
		parts := make([]part, 0, len(sts.numbers))
		for _, n := range sts.numbers {
			if st := sts.byNumber[n]; st.n > 0 || st.after > 0 {
				parts = append(parts, part{n, st})
			}
		}
		slices.SortFunc(parts, func(x, y part) int { return strings.Compare(x.st.info.id, y.st.info.id) })
		a.reset()
		for _, p := range parts {
			f := a.Fork()
			f.states().put(p.n, p.st)
			if !yield(p.st.info.id, f) {
				return
			}
		}
	}
}
