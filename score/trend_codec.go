package score

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"time"

	"github.com/govscore/govscore/model"
)

// The binary encoding of a TrendAccumulator, version 1 (see the
// Accumulator's in codec.go for the conventions):
//
//	magic        4 bytes   "GSTR"
//	version      byte      1
//	fingerprint  32 bytes  SHA-256 of the trend's scorer, metadata and periods
//	outside      uvarint   inquiries received outside every period
//	span         byte      1 when inquiries were received by AsOf, then the
//	                       earliest and latest receipts, each varint seconds
//	                       and uvarint nanoseconds; else 0
//	periods      uvarint   the number of periods that follow
//	period...              in increasing order of key, each:
//	  key        varint    the period: months since year 0 over the unit's
//	                       length, or the index of the lower bound
//	  size       uvarint   the length of the encoding that follows
//	  accumulator          the period's accumulator, in the Accumulator's
//	                       encoding (its fingerprint is the period's scorer's)
//
// Only periods with inquiries are encoded. The fingerprint adds to the
// trend scorer's the unit or bounds, the zone and the follow-up.

// trendMagic starts every trend encoding.
const trendMagic = "GSTR"

// MarshalBinary returns the encoding of the trend's content (see
// [TrendAccumulator.AppendBinary]).
func (t *TrendAccumulator) MarshalBinary() ([]byte, error) { return t.AppendBinary(nil) }

// AppendBinary appends to b the encoding of the trend's content: the
// inquiries outside every period, the span of receipts, and each period's
// accumulator in its own encoding ([Accumulator.AppendBinary]), with a
// fingerprint of the scorer, metadata and periods. Like the
// accumulator's, the encoding is canonical and versioned
// ([AccumulatorVersion]).
func (t *TrendAccumulator) AppendBinary(b []byte) ([]byte, error) {
	b = append(b, trendMagic...)
	b = append(b, AccumulatorVersion)
	fp := t.t.fingerprint()
	b = append(b, fp[:]...)
	b = binary.AppendUvarint(b, uint64(t.outside))
	if t.hasFirst {
		b = append(b, 1)
		b = appendInstant(b, t.first)
		b = appendInstant(b, t.last)
	} else {
		b = append(b, 0)
	}
	keys := t.filled()
	b = binary.AppendUvarint(b, uint64(len(keys)))
	var acc []byte
	for _, k := range keys {
		b = binary.AppendVarint(b, k)
		var err error
		if acc, err = t.byKey[k].AppendBinary(acc[:0]); err != nil {
			return nil, err
		}
		b = binary.AppendUvarint(b, uint64(len(acc)))
		b = append(b, acc...)
	}
	return b, nil
}

// filled returns the periods whose accumulators hold inquiries, in order.
func (t *TrendAccumulator) filled() []periodKey {
	var keys []periodKey
	for _, k := range slices.Sorted(maps.Keys(t.byKey)) {
		a := t.byKey[k]
		a.flush()
		if len(a.stated()) > 0 {
			keys = append(keys, k)
		}
	}
	return keys
}

func appendInstant(b []byte, i instant) []byte {
	b = binary.AppendVarint(b, i.sec)
	return binary.AppendUvarint(b, uint64(i.ns))
}

// UnmarshalBinary replaces the trend's content with the one data encodes,
// written by [TrendAccumulator.MarshalBinary] of a trend of a scorer,
// metadata and periods with the same fingerprint. Its errors are those of
// [Accumulator.UnmarshalBinary], and periods that the trend cannot hold
// or receipts that contradict the periods' content are errors wrapping
// [ErrAccumulatorEncoding]. The trend is then left empty.
func (t *TrendAccumulator) UnmarshalBinary(data []byte) error {
	t.byKey, t.outside, t.hasFirst, t.first, t.last = nil, 0, false, instant{}, instant{}
	if err := t.decode(data); err != nil {
		t.byKey, t.outside, t.hasFirst, t.first, t.last = nil, 0, false, instant{}, instant{}
		return err
	}
	return nil
}

func (t *TrendAccumulator) decode(data []byte) error {
	tb := t.t
	d := &decoder{b: data}
	if len(d.b) < len(trendMagic)+1+sha256.Size || string(d.b[:len(trendMagic)]) != trendMagic {
		d.fail("no trend header")
		return d.err
	}
	if v := d.b[len(trendMagic)]; v != AccumulatorVersion {
		d.fail("version %d, this build reads version %d", v, AccumulatorVersion)
		return d.err
	}
	d.b = d.b[len(trendMagic)+1:]
	fp := tb.fingerprint()
	if !bytes.Equal(d.b[:sha256.Size], fp[:]) {
		return fmt.Errorf("%w: the encoding was made by another rubric, options, metadata or periods (fingerprint %x, this trend's %x)",
			ErrMerge, d.b[:8], fp[:8])
	}
	d.b = d.b[sha256.Size:]
	t.outside = d.count("outside")
	if d.err == nil && (len(d.b) == 0 || d.b[0] > 1) {
		d.fail("not a span flag")
	}
	if d.err != nil {
		return d.err
	}
	t.hasFirst = d.b[0] == 1
	d.b = d.b[1:]
	var firstKey, lastKey periodKey
	if t.hasFirst {
		t.first, t.last = d.instant("first"), d.instant("last")
		if d.err == nil && (t.first.after(t.last) || t.last.after(tb.s.asOfInstant)) {
			d.fail("receipts from %v to %v, by AsOf %v", t.first.at(), t.last.at(), tb.s.opts.AsOf)
		}
		// The span is of receipts within the periods, as Add keeps it:
		// one beyond them would add periods to the report.
		var ok1, ok2 bool
		firstKey, ok1 = tb.receiptKey(t.first)
		lastKey, ok2 = tb.receiptKey(t.last)
		if d.err == nil && !(ok1 && ok2) {
			d.fail("receipts from %v to %v, outside the trend's periods", t.first.at(), t.last.at())
		}
	}
	n := d.uvarint("periods")
	if d.err == nil && n > uint64(len(d.b)) {
		d.fail("%d periods in %d bytes", n, len(d.b))
	}
	var prev periodKey
	var earliest instant
	seen := false // whether a period holds inquiries received by AsOf
	for i := uint64(0); i < n && d.err == nil; i++ {
		k := d.varint("period")
		size := d.uvarint("period size")
		if d.err != nil {
			break
		}
		switch {
		case i > 0 && k <= prev:
			d.fail("period %d after period %d", k, prev)
		case !tb.holds(k):
			d.fail("period %d is not one of the trend's", k)
		case t.hasFirst && (k < firstKey || k > lastKey && k != tb.asOfKey): // AsOf's holds those received after AsOf
			d.fail("period %d is outside the span of receipts", k)
		case size > uint64(len(d.b)):
			d.fail("a period of %d bytes in %d", size, len(d.b))
		}
		if d.err != nil {
			break
		}
		prev = k
		a := tb.root(k).Fork()
		if err := a.UnmarshalBinary(d.b[:size]); err != nil {
			return fmt.Errorf("period %s: %w", tb.period(k).Label, err)
		}
		d.b = d.b[size:]
		refs := a.stated()
		if len(refs) == 0 {
			d.fail("period %d without inquiries", k)
			break
		}
		for _, r := range refs {
			if f := (instant{r.st.first, r.st.firstNanos}); r.st.n > 0 && (!seen || earliest.after(f)) {
				earliest, seen = f, true
			}
		}
		if t.byKey == nil {
			t.byKey = map[periodKey]*Accumulator{}
		}
		t.byKey[k] = a
	}
	if d.err == nil && len(d.b) > 0 {
		d.fail("%d bytes after the last period", len(d.b))
	}
	// A part of a trend (ByPart) may hold periods without the span of
	// receipts, or the span alone; but no period's inquiry comes before
	// the span.
	if d.err == nil && seen && t.hasFirst && t.first.after(earliest) {
		d.fail("an inquiry received before the earliest receipt")
	}
	return d.err
}

// instant reads an instant: varint seconds, uvarint nanoseconds, within
// the years model.CheckTime accepts.
func (d *decoder) instant(what string) instant {
	sec := d.varint(what)
	ns := d.uvarint(what + " nanoseconds")
	if d.err != nil {
		return instant{}
	}
	if ns >= 1e9 {
		d.fail("%s: %d nanoseconds", what, ns)
		return instant{}
	}
	if err := model.CheckTime(time.Unix(sec, int64(ns))); err != nil {
		d.fail("%s: %v", what, err)
	}
	return instant{sec, int32(ns)}
}

// holds reports whether k is a period the trend can have.
func (tb *trendBase) holds(k periodKey) bool {
	if tb.p.Unit != "" {
		return k <= tb.asOfKey && k > tb.asOfKey-MaxPeriods
	}
	return k >= 0 && int(k) < len(tb.p.Bounds)-1 && tb.p.Bounds[k].Before(tb.s.opts.AsOf)
}

// fingerprint returns the SHA-256 of what a trend's encoding depends on
// besides its inquiries: the scorer and metadata, as for an accumulator,
// and the periods.
func (tb *trendBase) fingerprint() [sha256.Size]byte {
	h := sha256.New()
	io.WriteString(h, "govscore trend\x00")
	fp := tb.meta.fingerprint()
	h.Write(fp[:])
	bounds := make([]string, len(tb.p.Bounds))
	for i, t := range tb.p.Bounds {
		bounds[i] = t.UTC().Format(time.RFC3339Nano)
	}
	// Encoding strings and numbers cannot fail.
	json.NewEncoder(h).Encode([]any{string(tb.p.Unit), bounds, tb.loc.String(), tb.p.FollowUpDays})
	var out [sha256.Size]byte
	h.Sum(out[:0])
	return out
}

// TrendPart names a part of a trend that [TrendAccumulator.ByPart]
// yields: one agency in one period, by the period's label; or, with both
// empty, what belongs to the whole trend.
type TrendPart struct {
	Period   string // the period's label, as in [Period.Label]
	AgencyID string
}

// String returns "PERIOD AGENCY", or "" for the whole trend's part: a key
// for a runner that groups parts, unique since labels hold no space.
func (p TrendPart) String() string {
	if p == (TrendPart{}) {
		return ""
	}
	return p.Period + " " + p.AgencyID
}

// ByPart moves the trend's content out part by part, as
// [Accumulator.ByAgency] does: first, when the trend has any, a part
// named by the zero TrendPart with the inquiries outside every period and
// the span of receipts; then, period by period in time order and agency
// by agency in ID order, a part with that agency's tallies in that
// period. Each part is a new fork of t; t is left empty. Merging the
// parts again, in any order, gives t's trend.
func (t *TrendAccumulator) ByPart() iter.Seq2[TrendPart, *TrendAccumulator] {
	return func(yield func(TrendPart, *TrendAccumulator) bool) {
		keys := t.filled()
		byKey, outside, first, last, hasFirst := t.byKey, t.outside, t.first, t.last, t.hasFirst
		t.byKey, t.outside, t.hasFirst, t.first, t.last = nil, 0, false, instant{}, instant{}
		if outside > 0 || hasFirst {
			f := t.Fork()
			f.outside = outside
			f.span(first, last, hasFirst)
			if !yield(TrendPart{}, f) {
				return
			}
		}
		for _, k := range keys {
			label := t.t.period(k).Label
			for id, a := range byKey[k].ByAgency() {
				f := t.Fork()
				f.byKey = map[periodKey]*Accumulator{k: a}
				if !yield(TrendPart{Period: label, AgencyID: id}, f) {
					return
				}
			}
		}
	}
}
