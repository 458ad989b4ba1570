package score

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/score/internal/bizclock"
	"github.com/govscore/govscore/score/internal/stats"
)

// ErrMerge is returned by [Accumulator.Merge] for accumulators that were
// not made by the same call of [Scorer.NewAccumulator] or its forks.
var ErrMerge = errors.New("score: accumulators of different scorers or metadata do not merge")

// Accumulator takes inquiries one at a time and keeps, per agency, only
// what the Scorer's rubric needs of them: counters for rates, grades by
// kind, days waited and replied, and for reply times a Kaplan-Meier sample
// of 4 bytes an inquiry. Nothing else grows with the number of inquiries,
// and no inquiry is kept. [Accumulator.Report] then scores every agency.
//
// Accumulators made from one by [Accumulator.Fork] can be fed by different
// goroutines and combined with [Accumulator.Merge]: merging in any grouping
// and any order gives the same report, byte for byte, as adding every
// inquiry to one accumulator. That is how [Scorer.Score] uses all cores and
// how a reader splits a file (see [model.ScanInquiriesCSV]).
//
// An Accumulator is not safe for concurrent use: give each goroutine its
// own fork.
type Accumulator struct {
	b   *base
	own *states // nil until the first inquiry
	// pending are inquiries added but not yet tallied: tallying them in
	// batches, apart from reading them, keeps the tallies in the cache.
	pending []pendingObs
}

// pendingObs is an inquiry waiting to be tallied: 64 bytes, so that a
// batch is written and read back a cache line an inquiry. It holds no
// pointer (its agency's state is found by number), so that writing one
// costs no write barrier and a batch is no work for the garbage collector.
type pendingObs struct {
	o   obs
	ns  int32 // the nanoseconds of the receipt, whose seconds are o.recv
	num int32 // the agency's number, to order a batch by, in states.byNumber
	_   int64 // to 64 bytes
}

// batch is how many inquiries an accumulator collects before tallying them.
const batch = 1024

// states are the tallies of an accumulator, by agency number (see base),
// and what it knows of channels. A fork's states go back to a pool when
// the fork is merged, and serve the next fork: the channels they know stay
// known, so that a fork that reads one chunk of a file does not learn
// every channel again.
type states struct {
	byNumber []*agencyState                     // by agency number; nil for an agency without inquiries
	numbers  []int32                            // the numbers that have a state, in no order
	recent   *[1 << recentBits][2]recentChannel // nil until an inquiry is added
	// known holds the channels resolved, up to knownChannels of them, for
	// those that recent loses: a thousand channels fill a few of its
	// 2,048 sets of two past two, and the channels of those sets, which
	// take turns in them, would otherwise be resolved again on most of
	// their inquiries, in maps and under a lock that every fork shares.
	known map[string]chanRef
	// byChannel holds the agency and channel pairs resolved, by their
	// number in the read read (see AddRow).
	read      model.ReadID
	byChannel []rowChannel
	// at and order are flush's counting sort's: the first index of each
	// agency number, and the pending inquiries in order of number.
	at    [2*batch + 1]int32
	order [batch]int32
}

// recentBits sizes the cache of recently resolved channels (see
// resolve): 2048 sets of two, in 192 KiB.
const recentBits = 11

// maxKnown is the most channels states.known holds; it is emptied when
// full, and is a cache too.
const maxKnown = 1 << 14

// rowChannel is what is known of an agency and channel pair of a read,
// in eight bytes, so that a table of a thousand stays in the processor's
// first cache: the agency's number and the channel's kind, once resolved.
type rowChannel struct {
	number   int32
	kind     uint8
	resolved bool
}

// recentChannel is one entry of that cache: a channel ID, and what is
// known of it. ref.agency is the agency ID as the inquiry that put it
// there spelled it, so that the inquiries after it, whose readers give
// them the same string, compare their agency by address.
type recentChannel struct {
	id  string
	ref chanRef
}

// chanRef is what is known of a channel once resolved: the number, ID and
// metadata of its agency, and the channel's kind.
type chanRef struct {
	agency string
	info   *agencyInfo
	number int32
	kind   uint8
}

// base is what an accumulator and all its forks share: the scorer, the
// metadata, and a number for every agency. The declared agencies are
// numbered 0..len(infos)-1 in ID order; agencies that inquiries imply get
// the numbers after, in the order they are first seen, under mu (numbers
// never reach a report, whose agencies are sorted by ID).
type base struct {
	s        *Scorer
	infos    []agencyInfo     // the declared agencies, by ID
	index    map[string]int32 // agency ID → number, declared agencies
	channels map[string]declaredChannel

	mu      sync.RWMutex
	implied map[string]*impliedAgency // agency ID → number and metadata, implied agencies; under mu
	// impliedMeta is the metadata of the implied agencies: the package's
	// impliedMeta, or one with the default calendar's clock
	// (Options.DefaultCalendar).
	impliedMeta *agencyMeta

	pool   sync.Pool // of *states, empty but for the channels they know
	merged sync.Pool // of *agencyState, emptied by merges

	// implying counts the agencies implied in every base of a trend, one
	// a period, for Options.MaxAgencies; nil outside a trend, where
	// len(implied) counts them.
	implying *atomic.Int64

	// calendars is the JSON of the metadata's calendars, and fp the
	// fingerprint made with it on first use: see base.fingerprint.
	calendars []byte
	fpOnce    sync.Once
	fp        [sha256.Size]byte
}

// impliedAgency is an agency that inquiries imply: its number and metadata.
type impliedAgency struct {
	number int32
	info   agencyInfo
}

// declaredChannel is a channel of the metadata: its agency's position in
// base.infos and its kind.
type declaredChannel struct {
	agency int32
	kind   uint8
}

// agencyInfo is what is known of one agency: its ID and time zone, and
// what the metadata declares of it.
type agencyInfo struct {
	id  string
	loc *time.Location
	*agencyMeta
}

// agencyMeta is what the metadata declares of an agency; impliedMeta for
// an agency that only inquiries name.
type agencyMeta struct {
	agency   model.Agency
	channels []model.Channel
	staffing []model.Staffing
	biz      businessTime // the agency's business clock; nil without a calendar
}

// impliedMeta is the metadata of every implied agency (but its ID) when
// there is no default calendar: it is shared, and never changed.
var impliedMeta = &agencyMeta{agency: model.Agency{Implied: true}}

// NewAccumulator returns an empty accumulator for the agencies, channels,
// staffing and calendars of meta, to which it then adds meta's inquiries,
// if any, using [Options.Workers] goroutines. meta is validated as
// [Scorer.Score] validates a dataset, and the accumulator keeps no
// reference to it.
//
// Inquiries added later may name agencies and channels that meta does not
// declare: as in a dataset read by [model.ReadInquiriesCSV] and joined to
// declared records by [model.Merge], an unknown agency ID implies the
// agency, and a channel ID made of the agency's ID, a slash and a channel
// kind ("ministry-of-health/x") implies the agency's channel of that kind.
// Any other unknown channel is an error.
func (s *Scorer) NewAccumulator(meta model.Dataset) (*Accumulator, error) {
	if err := meta.Validate(); err != nil {
		return nil, fmt.Errorf("score: invalid dataset: %w", err)
	}
	b, err := s.newBase(&meta)
	if err != nil {
		return nil, err
	}
	a := b.newAccumulator()
	qs := meta.Inquiries
	workers := max(1, min(s.opts.Workers, len(qs)/4096+1))
	forks := make([]*Accumulator, workers)
	var wg sync.WaitGroup
	for w := range workers {
		forks[w] = a.Fork()
		lo, hi := len(qs)*w/workers, len(qs)*(w+1)/workers
		wg.Go(func() {
			f := forks[w]
			for i := lo; i < hi; i++ {
				st, kind, num, err := f.resolve(&qs[i])
				if err != nil {
					continue // not reached: Validate checked every reference
				}
				f.add(st, kind, num, &qs[i])
			}
		})
	}
	wg.Wait()
	for _, f := range forks {
		a.merge(f)
	}
	return a, nil
}

// newBase prepares the metadata of a validated dataset.
func (s *Scorer) newBase(ds *model.Dataset) (*base, error) {
	if n := len(ds.Agencies); n > s.opts.MaxAgencies {
		return nil, fmt.Errorf("%w: the dataset declares %d agencies, more than MaxAgencies (%d)", ErrTooManyAgencies, n, s.opts.MaxAgencies)
	}
	b := &base{s: s, index: make(map[string]int32, len(ds.Agencies)),
		channels: make(map[string]declaredChannel, len(ds.Channels)), implied: map[string]*impliedAgency{}, impliedMeta: impliedMeta}
	agencies := slices.Clone(ds.Agencies)
	slices.SortFunc(agencies, func(a, b model.Agency) int { return strings.Compare(a.ID, b.ID) })
	b.infos = make([]agencyInfo, len(agencies))
	for i, ag := range agencies {
		b.index[ag.ID] = int32(i)
		loc := time.UTC
		if ag.TimeZone != "" {
			if l, err := time.LoadLocation(ag.TimeZone); err == nil { // validated before
				loc = l
			}
		}
		b.infos[i] = agencyInfo{id: ag.ID, loc: loc, agencyMeta: &agencyMeta{agency: ag}}
	}
	for _, c := range ds.Channels {
		if i, ok := b.index[c.AgencyID]; ok {
			b.infos[i].channels = append(b.infos[i].channels, c)
			b.channels[c.ID] = declaredChannel{agency: i, kind: kindCode(c.Kind)}
		}
	}
	for _, st := range ds.Staffing {
		if i, ok := b.index[st.AgencyID]; ok {
			b.infos[i].staffing = append(b.infos[i].staffing, st)
		}
	}
	if len(ds.Calendars) > 0 {
		// Calendars cannot fail to encode; they are kept as JSON for the
		// fingerprint, and no reference to them is kept.
		b.calendars = sortedJSON(ds.Calendars)
	}
	if id := s.opts.DefaultCalendar; id != "" && !slices.ContainsFunc(ds.Calendars, func(c model.Calendar) bool { return c.ID == id }) {
		return nil, fmt.Errorf("score: the default calendar %q is not among the dataset's calendars: %w", id, model.ErrUnknownReference)
	}
	if s.business {
		// One clock per calendar, shared by its agencies; it builds each
		// year it is asked about on first use.
		clocks := map[string]*bizclock.Years{}
		for i := range ds.Calendars {
			c := &ds.Calendars[i]
			k, err := bizclock.NewYears(*c)
			if err != nil {
				return nil, fmt.Errorf("score: calendar %q: %w", c.ID, err)
			}
			clocks[c.ID] = k
		}
		if k := clocks[s.opts.DefaultCalendar]; k != nil {
			b.impliedMeta = &agencyMeta{agency: impliedMeta.agency, biz: k}
		}
		for i := range b.infos {
			id := b.infos[i].agency.CalendarID
			if id == "" {
				id = s.opts.DefaultCalendar
			}
			if k := clocks[id]; k != nil {
				b.infos[i].biz = k
			}
		}
	}
	return b, nil
}

func (b *base) newAccumulator() *Accumulator { return &Accumulator{b: b} }

// Fork returns a new, empty accumulator for the same scorer and metadata,
// to be fed by another goroutine and merged back with [Accumulator.Merge].
func (a *Accumulator) Fork() *Accumulator { return a.b.newAccumulator() }

// Add adds one inquiry. It checks the inquiry as [model.Inquiry.Validate]
// does and resolves its agency and channel (see [Scorer.NewAccumulator]);
// a problem is returned as a [*model.FieldError] naming the field, and
// the inquiry is not added. An inquiry received after AsOf is counted in
// its agency's [AgencyScore.AfterAsOf] and not scored.
//
// Add keeps no reference to q.
func (a *Accumulator) Add(q *model.Inquiry) error {
	if err := q.Validate(); err != nil {
		return err
	}
	return a.addValid(q)
}

// AddRow adds the inquiry of a row that a streaming reader accepted
// ([model.RowSink]) as Add does, without checking again what the reader
// checked: [model.ScanInquiriesCSV] and [model.ScanInquiriesJSONL] call
// it in place of Add. The row's agency and channel are resolved once per
// pair, and found after that by the row's number in a table, rather than
// by the channel's ID. A row that no reader made, such as the zero Row,
// is checked as Add checks an inquiry.
//
// A type that embeds an Accumulator and changes Add must change or hide
// AddRow too: the readers call the AddRow it inherits, which does not call
// its Add (see [model.RowSink]).
//
// AddRow keeps no reference to r.
func (a *Accumulator) AddRow(r *model.Row) error {
	q := r.Inquiry()
	read, n := r.Channel()
	if read == (model.ReadID{}) {
		return a.Add(&q)
	}
	return a.addRow(&q, read, n)
}

// addRow adds the inquiry q of a row of the read read, with the number n
// (see model.Row.Channel): a valid inquiry, whose agency and channel are
// resolved once for every row of the number.
func (a *Accumulator) addRow(q *model.Inquiry, read model.ReadID, n int) error {
	if n < 0 || n >= a.b.rowChannels() { // a pair the read or the table leaves out
		return a.addValid(q)
	}
	sts := a.states()
	if sts.read != read {
		sts.read, sts.byChannel = read, sts.byChannel[:0]
	}
	var rc rowChannel
	if n < len(sts.byChannel) {
		rc = sts.byChannel[n]
	}
	var st *agencyState
	if rc.resolved && int(rc.number) < len(sts.byNumber) {
		st = sts.byNumber[rc.number]
	}
	if st == nil { // the pair's first row, or its agency's first in these states
		ref, err := a.lookup(sts, q)
		if err != nil {
			return err
		}
		if ref.agency != q.AgencyID {
			return channelOwner(q.ChannelID, ref.agency)
		}
		// The table grows for pairs resolved only: a rejected row's
		// number, however high, costs nothing.
		if n >= len(sts.byChannel) {
			sts.byChannel = append(sts.byChannel, make([]rowChannel, n+1-len(sts.byChannel))...)
		}
		rc = rowChannel{number: ref.number, kind: ref.kind, resolved: true}
		sts.byChannel[n] = rc
		st = sts.state(ref.number, ref.info, a.b)
	}
	a.add(st, rc.kind, rc.number, q)
	return nil
}

// trendRowChannels is the most pairs the table of rows of a trend
// period's states holds, and such states know no channels but those of
// recent: a trend may have MaxPeriods periods, each with states of its
// own, and its caches then cost a little more than recent's 192 KiB a
// period, not up to 512 KiB and some megabytes more.
const trendRowChannels = 4096

// rowChannels is the most agency and channel pairs the table of rows of
// b's states holds (see addRow).
func (b *base) rowChannels() int {
	if b.implying != nil { // a trend's period
		return trendRowChannels
	}
	return model.MaxRowChannels
}

// knownChannels is the most channels b's states.known holds.
func (b *base) knownChannels() int {
	if b.implying != nil { // a trend's period
		return 0
	}
	return maxKnown
}

// addValid is Add for an inquiry already validated.
func (a *Accumulator) addValid(q *model.Inquiry) error {
	st, kind, num, err := a.resolve(q)
	if err != nil {
		return err
	}
	a.add(st, kind, num, q)
	return nil
}

// add adds a valid inquiry of a channel of the given kind to the agency's
// state.
func (a *Accumulator) add(st *agencyState, kind uint8, num int32, q *model.Inquiry) {
	s := a.b.s
	recv := instantOf(q.ReceivedAt)
	if recv.after(s.asOfInstant) {
		st.after++
		return
	}
	if a.pending == nil {
		a.pending = make([]pendingObs, 0, batch)
	}
	n := len(a.pending)
	a.pending = a.pending[:n+1] // within batch: flushed when full
	p := &a.pending[n]
	p.o, p.ns, p.num = observe(q, recv, s.asOfInstant, kind), recv.ns, num
	if n+1 == batch {
		a.flush()
	}
}

// flush tallies the pending inquiries, agency by agency: the state of an
// agency is fetched from memory once for its inquiries in the batch rather
// than once for each, which is most of the cost of tallying. The order is
// a counting sort by agency number, when there are few enough agencies
// for their counts to cost less than the cache misses they save; tallies
// do not depend on the order in which inquiries reach them.
func (a *Accumulator) flush() {
	s, sts := a.b.s, a.own
	if n := len(a.pending); sts != nil && n > 1 && len(sts.byNumber) <= 2*batch {
		at := sts.at[:len(sts.byNumber)+1]
		clear(at)
		for i := range a.pending {
			at[a.pending[i].num+1]++
		}
		for k := 1; k < len(at); k++ {
			at[k] += at[k-1]
		}
		order := sts.order[:n]
		for i := range a.pending {
			k := a.pending[i].num
			order[at[k]] = int32(i)
			at[k]++
		}
		for _, i := range order {
			p := &a.pending[i]
			sts.byNumber[p.num].add(s, &p.o, instant{p.o.recv, p.ns})
		}
	} else {
		for i := range a.pending {
			p := &a.pending[i]
			sts.byNumber[p.num].add(s, &p.o, instant{p.o.recv, p.ns})
		}
	}
	a.pending = a.pending[:0]
}

// states returns the accumulator's states, taking them from the pool on
// first use.
func (a *Accumulator) states() *states {
	if a.own == nil {
		if st, ok := a.b.pool.Get().(*states); ok {
			a.own = st
		} else {
			a.own = &states{} // the cache of channels is made by the first inquiry added: decoding and merging do without
		}
	}
	return a.own
}

// set returns the set of the cache of recent channels where the channel
// id is looked for. Readers give every inquiry of a channel the same
// string for its ID, so a cache indexed by the string's address finds most
// of them without hashing it; a hit is checked by comparing the strings,
// which costs a pointer comparison when they are the same string.
func (sts *states) set(id string) *[2]recentChannel {
	if sts.recent == nil {
		sts.recent = new([1 << recentBits][2]recentChannel)
	}
	return &sts.recent[uint64(uintptr(unsafe.Pointer(unsafe.StringData(id))))*0x9E3779B97F4A7C15>>(64-recentBits)]
}

// resolve finds the state of the inquiry's agency, made on first use, and
// the kind of its channel.
func (a *Accumulator) resolve(q *model.Inquiry) (*agencyState, uint8, int32, error) {
	sts := a.states()
	set := sts.set(q.ChannelID)
	var ref *chanRef
	switch {
	case set[0].id == q.ChannelID && set[0].ref.info != nil:
		ref = &set[0].ref
	case set[1].id == q.ChannelID && set[1].ref.info != nil:
		set[0], set[1] = set[1], set[0] // the most recent first
		ref = &set[0].ref
	default:
		r, err := a.lookup(sts, q)
		if err != nil {
			return nil, 0, 0, err
		}
		if r.agency == q.AgencyID {
			r.agency = q.AgencyID
		}
		set[1], set[0] = set[0], recentChannel{id: q.ChannelID, ref: r}
		ref = &set[0].ref
	}
	if ref.agency != q.AgencyID {
		return nil, 0, 0, channelOwner(q.ChannelID, ref.agency)
	}
	return sts.state(ref.number, ref.info, a.b), ref.kind, ref.number, nil
}

// lookup resolves the channel of q, from the channels known to sts when
// there, and makes it known (but in a trend's period: see knownChannels).
func (a *Accumulator) lookup(sts *states, q *model.Inquiry) (chanRef, error) {
	if r, ok := sts.known[q.ChannelID]; ok {
		return r, nil
	}
	r, err := a.b.resolve(q)
	if err != nil {
		return chanRef{}, err
	}
	if limit := a.b.knownChannels(); limit > 0 {
		if sts.known == nil || len(sts.known) >= limit {
			sts.known = make(map[string]chanRef)
		}
		sts.known[q.ChannelID] = r
	}
	return r, nil
}

// state returns the state of the agency number n, made on first use.
func (sts *states) state(n int32, info *agencyInfo, b *base) *agencyState {
	if int(n) < len(sts.byNumber) && sts.byNumber[n] != nil {
		return sts.byNumber[n]
	}
	st := newAgencyState(info, &b.s.plan, &b.merged)
	sts.put(n, st)
	return st
}

// put makes st the state of agency number n, which has none.
func (sts *states) put(n int32, st *agencyState) {
	if int(n) >= len(sts.byNumber) {
		sts.byNumber = append(sts.byNumber, make([]*agencyState, int(n)+1-len(sts.byNumber))...)
	}
	sts.byNumber[n] = st
	sts.numbers = append(sts.numbers, n)
}

// resolve finds the agency and kind of the inquiry's channel: a declared
// channel, or an implied one, whose agency is numbered on first sight.
func (b *base) resolve(q *model.Inquiry) (chanRef, error) {
	if dc, ok := b.channels[q.ChannelID]; ok {
		info := &b.infos[dc.agency]
		return chanRef{number: dc.agency, agency: info.id, info: info, kind: dc.kind}, nil
	}
	kind, ok := impliedKind(q.ChannelID, q.AgencyID)
	if !ok {
		if q.ChannelID == "" {
			return chanRef{}, &model.FieldError{Field: "channel_id", Err: model.ErrMissing}
		}
		// The implied channel of another agency: the same error whether
		// or not that agency was seen, as when the channel is cached.
		if i := strings.LastIndexByte(q.ChannelID, '/'); i > 0 {
			if _, ok := impliedKind(q.ChannelID, q.ChannelID[:i]); ok {
				return chanRef{}, channelOwner(q.ChannelID, q.ChannelID[:i])
			}
		}
		return chanRef{}, &model.FieldError{Field: "channel_id",
			Err: fmt.Errorf("%w: channel %q", model.ErrUnknownReference, q.ChannelID)}
	}
	if i, ok := b.index[q.AgencyID]; ok {
		return chanRef{number: i, agency: b.infos[i].agency.ID, info: &b.infos[i], kind: kind}, nil
	}
	ref, err := b.imply(q.AgencyID)
	ref.kind = kind
	return ref, err
}

// imply returns the number and metadata of the agency id, which the
// metadata does not declare: implied, and numbered on first sight, within
// Options.MaxAgencies.
func (b *base) imply(id string) (chanRef, error) {
	b.mu.RLock()
	im := b.implied[id]
	b.mu.RUnlock()
	if im == nil {
		b.mu.Lock()
		if im = b.implied[id]; im == nil {
			n := int64(len(b.implied)) + 1
			if b.implying != nil {
				n = b.implying.Add(1)
			}
			if int(n)+len(b.infos) > b.s.opts.MaxAgencies {
				if b.implying != nil {
					b.implying.Add(-1)
				}
				b.mu.Unlock()
				return chanRef{}, &model.FieldError{Field: "agency_id",
					Err: fmt.Errorf("%w: more than MaxAgencies (%d), declared and implied", ErrTooManyAgencies, b.s.opts.MaxAgencies)}
			}
			im = &impliedAgency{number: int32(len(b.infos) + len(b.implied)),
				info: agencyInfo{id: id, loc: time.UTC, agencyMeta: b.impliedMeta}}
			b.implied[id] = im
		}
		b.mu.Unlock()
	}
	return chanRef{number: im.number, agency: im.info.id, info: &im.info}, nil
}

func channelOwner(channel, agency string) error {
	return &model.FieldError{Field: "channel_id",
		Err: fmt.Errorf("%w: channel %q belongs to agency %q", model.ErrUnknownReference, channel, agency)}
}

// impliedKind returns the kind of the implied channel id of the agency:
// the agency's ID, a slash and a channel kind.
func impliedKind(id, agency string) (uint8, bool) {
	rest, ok := strings.CutPrefix(id, agency)
	if !ok || agency == "" {
		return 0, false
	}
	kind, ok := strings.CutPrefix(rest, "/")
	if !ok || !model.ChannelKind(kind).Valid() {
		return 0, false
	}
	return kindCode(model.ChannelKind(kind)), true
}

// Merge moves the content of other, a fork of the same accumulator, into a
// and leaves other empty. The result is the same whatever was added to
// which fork, and in whatever order forks are merged. It returns
// [ErrMerge] for an accumulator of another scorer or metadata.
func (a *Accumulator) Merge(other *Accumulator) error {
	if other.b != a.b {
		return ErrMerge
	}
	if other == a {
		return nil
	}
	if err := a.fits(other); err != nil {
		return err
	}
	a.merge(other)
	return nil
}

// fits returns an error wrapping ErrMerge, and changes nothing, when
// merging o into a would give an agency more than MaxCount inquiries:
// encodings decoded and merged could otherwise overflow the counts. Every
// other count of an agency is at most its inquiries.
func (a *Accumulator) fits(o *Accumulator) error {
	a.flush()
	o.flush()
	if a.own == nil || o.own == nil {
		return nil
	}
	for _, n := range o.own.numbers {
		if int(n) >= len(a.own.byNumber) || a.own.byNumber[n] == nil {
			continue
		}
		x, y := a.own.byNumber[n], o.own.byNumber[n]
		if x.n > MaxCount-y.n || x.after > MaxCount-y.after { // each at most MaxCount: no sum overflows
			return fmt.Errorf("%w: agency %q would have more than MaxCount (%d) inquiries", ErrMerge, SafeText(x.info.id), MaxCount)
		}
	}
	return nil
}

func (a *Accumulator) merge(o *Accumulator) {
	o.flush()
	src := o.own
	if src == nil {
		return
	}
	dst := a.states()
	for _, n := range src.numbers {
		st := src.byNumber[n]
		src.byNumber[n] = nil
		if int(n) < len(dst.byNumber) && dst.byNumber[n] != nil {
			dst.byNumber[n].merge(st)
			st.recycle(&a.b.merged)
			continue
		}
		dst.put(n, st)
	}
	src.numbers = src.numbers[:0]
	o.own = nil
	a.b.pool.Put(src)
}

// agencyView is one agency as a report sees it: its metadata and tallies,
// and the curves made from them.
type agencyView struct {
	s      *Scorer
	since  time.Time // the start of the report's period
	info   *agencyInfo
	st     *agencyState
	curves []*stats.Curve // by curve tally, made on first use and given back by done
	reply  *Curve         // for Options.Curves
	// brief asks measures for what points need only: no intervals, and no
	// values of samples too small to score.
	brief bool
}

// agencyRef is an agency's metadata and state.
type agencyRef struct {
	info *agencyInfo
	st   *agencyState
}

// agencies returns every agency, declared or implied, in ID order. An
// agency without inquiries gets an empty state.
func (a *Accumulator) agencies() []agencyRef {
	s := a.b.s
	sts := a.states()
	var empty *agencyState
	out := make([]agencyRef, 0, len(a.b.infos)+len(sts.numbers))
	for i := range a.b.infos {
		var st *agencyState
		if i < len(sts.byNumber) {
			st = sts.byNumber[i]
		}
		if st == nil {
			if empty == nil {
				empty = newAgencyState(&agencyInfo{agencyMeta: impliedMeta}, &s.plan, &sync.Pool{})
			}
			st = empty
		}
		out = append(out, agencyRef{info: &a.b.infos[i], st: st})
	}
	for _, n := range sts.numbers {
		if int(n) >= len(a.b.infos) {
			st := sts.byNumber[n]
			out = append(out, agencyRef{info: st.info, st: st})
		}
	}
	slices.SortFunc(out, func(x, y agencyRef) int { return strings.Compare(x.info.id, y.info.id) })
	return out
}

// counts returns the counters of counted criterion c.
func (v *agencyView) counts(c *criterion) *counts { return &v.st.counts[v.s.plan.slot[c.index]] }

// grades returns the replies by grade that criterion c sees.
func (v *agencyView) grades(c *criterion) *[numGrades]int {
	return &v.st.grades[v.s.plan.slot[c.index]]
}

// curve returns the Kaplan-Meier curve criterion c reads.
func (v *agencyView) curve(c *criterion) *stats.Curve { return v.curveAt(v.s.plan.slot[c.index]) }

// sampleLen returns the size of the sample behind criterion c's curve.
func (v *agencyView) sampleLen(c *criterion) int { return v.st.samples[v.s.plan.slot[c.index]].Len() }

func (v *agencyView) curveAt(i int) *stats.Curve {
	if v.curves == nil {
		v.curves = make([]*stats.Curve, len(v.s.plan.curves))
	}
	if v.curves[i] == nil {
		cv, _ := curvePool.Get().(*stats.Curve)
		if cv == nil {
			cv = new(stats.Curve)
		}
		*cv = v.st.samples[i].CurveReusing(cv)
		v.curves[i] = cv
	}
	return v.curves[i]
}

// curvePool holds the memory of the curves of agencies measured, a
// *stats.Curve, for the next: a curve lives only while its agency is
// measured, and building a new one each time is most of a report's
// allocation.
var curvePool sync.Pool

// done gives back the curves of the view, which no one uses after.
func (v *agencyView) done() {
	for i, cv := range v.curves {
		if cv != nil {
			curvePool.Put(cv)
			v.curves[i] = nil
		}
	}
}

// presence returns the days on which the agency had at least one inquiry
// that criterion c sees waiting, counting calendar days in the agency's
// zone from since to AsOf, and the days of those with a first reply.
func (v *agencyView) presence(c *criterion) (waiting, replied int) {
	days := dayClock{loc: v.info.loc}
	first, last := days.index(v.since.Unix()), days.index(v.s.opts.AsOf.Add(-time.Nanosecond).Unix())
	if last < first {
		return 0, 0
	}
	return v.st.days[v.s.plan.slot[c.index]].count(first, last)
}

// since returns the start of the report's period: Options.Since, or else
// the earliest receipt by AsOf (AsOf itself when there is none), in AsOf's
// zone so that the report does not depend on the offset an instant was
// written with.
func (a *Accumulator) since() time.Time {
	s := a.b.s
	if !s.opts.Since.IsZero() {
		return s.opts.Since
	}
	var first *agencyState
	sts := a.states()
	for _, n := range sts.numbers {
		st := sts.byNumber[n]
		if st.n > 0 && (first == nil || st.first < first.first || st.first == first.first && st.firstNanos < first.firstNanos) {
			first = st
		}
	}
	if first == nil {
		return s.opts.AsOf
	}
	return time.Unix(first.first, int64(first.firstNanos)).In(s.opts.AsOf.Location())
}
