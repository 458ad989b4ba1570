package score

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

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
	b        *base
	declared map[int32]*agencyState  // by index in b.infos
	implied  map[string]*agencyState // agencies not in the metadata, by ID
	byChan   map[string]chanRef      // channels resolved so far, by ID
}

// chanRef is what an accumulator knows of a channel once resolved: the
// state of its agency, the agency's ID and the channel's kind.
type chanRef struct {
	st     *agencyState
	agency string
	kind   uint8
}

// base is what an accumulator and all its forks share, read-only: the
// scorer and the metadata.
type base struct {
	s        *Scorer
	infos    []agencyInfo     // the declared agencies, by ID
	index    map[string]int32 // agency ID → position in infos
	channels map[string]declaredChannel
}

// declaredChannel is a channel of the metadata: its agency's position in
// base.infos and its kind.
type declaredChannel struct {
	agency int32
	kind   uint8
}

// agencyInfo is what the metadata says of one agency.
type agencyInfo struct {
	agency   model.Agency
	loc      *time.Location
	channels []model.Channel
	staffing []model.Staffing
	biz      businessTime // the agency's business clock; nil without a calendar
}

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
				ref, err := f.resolve(&qs[i])
				if err != nil {
					continue // not reached: Validate checked every reference
				}
				f.add(ref, &qs[i])
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
	b := &base{s: s, index: make(map[string]int32, len(ds.Agencies)),
		channels: make(map[string]declaredChannel, len(ds.Channels))}
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
		b.infos[i] = agencyInfo{agency: ag, loc: loc}
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
		for i := range b.infos {
			if k := clocks[b.infos[i].agency.CalendarID]; k != nil {
				b.infos[i].biz = k
			}
		}
	}
	return b, nil
}

func (b *base) newAccumulator() *Accumulator {
	return &Accumulator{b: b, declared: map[int32]*agencyState{}, implied: map[string]*agencyState{},
		byChan: map[string]chanRef{}}
}

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
	ref, err := a.resolve(q)
	if err != nil {
		return err
	}
	a.add(ref, q)
	return nil
}

// add adds a valid inquiry of the resolved channel.
func (a *Accumulator) add(ref chanRef, q *model.Inquiry) {
	s := a.b.s
	if q.ReceivedAt.After(s.opts.AsOf) {
		ref.st.after++
		return
	}
	o := observe(q, s.opts.AsOf, ref.kind)
	ref.st.add(s, &o, q.ReceivedAt)
}

// resolve finds the state of the inquiry's agency and the kind of its
// channel.
func (a *Accumulator) resolve(q *model.Inquiry) (chanRef, error) {
	if ref, ok := a.byChan[q.ChannelID]; ok {
		if ref.agency != q.AgencyID {
			return chanRef{}, channelOwner(q.ChannelID, ref.agency)
		}
		return ref, nil
	}
	var ref chanRef
	if dc, ok := a.b.channels[q.ChannelID]; ok {
		info := &a.b.infos[dc.agency]
		if info.agency.ID != q.AgencyID {
			return chanRef{}, channelOwner(q.ChannelID, info.agency.ID)
		}
		ref = chanRef{st: a.declaredState(dc.agency), agency: info.agency.ID, kind: dc.kind}
	} else {
		kind, ok := impliedKind(q.ChannelID, q.AgencyID)
		if !ok {
			if q.ChannelID == "" {
				return chanRef{}, &model.FieldError{Field: "channel_id", Err: model.ErrMissing}
			}
			return chanRef{}, &model.FieldError{Field: "channel_id",
				Err: fmt.Errorf("%w: channel %q", model.ErrUnknownReference, q.ChannelID)}
		}
		ref = chanRef{st: a.agencyState(q.AgencyID), agency: q.AgencyID, kind: kind}
	}
	a.byChan[q.ChannelID] = ref
	return ref, nil
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

// declaredState returns the state of declared agency i, made on first use.
func (a *Accumulator) declaredState(i int32) *agencyState {
	st := a.declared[i]
	if st == nil {
		st = newAgencyState(&a.b.infos[i], &a.b.s.plan)
		a.declared[i] = st
	}
	return st
}

// agencyState returns the state of the agency id, declared or implied,
// made on first use.
func (a *Accumulator) agencyState(id string) *agencyState {
	if i, ok := a.b.index[id]; ok {
		return a.declaredState(i)
	}
	st := a.implied[id]
	if st == nil {
		st = newAgencyState(impliedInfo(id), &a.b.s.plan)
		a.implied[id] = st
	}
	return st
}

// impliedInfo is what is known of an agency that only inquiries name.
func impliedInfo(id string) *agencyInfo {
	return &agencyInfo{agency: model.Agency{ID: id, Implied: true}, loc: time.UTC}
}

// Merge moves the content of other, a fork of the same accumulator, into a
// and leaves other empty. The result is the same whatever was added to
// which fork, and in whatever order forks are merged. It returns
// [ErrMerge] for an accumulator of another scorer or metadata.
func (a *Accumulator) Merge(other *Accumulator) error {
	if other.b != a.b {
		return ErrMerge
	}
	if other != a {
		a.merge(other)
	}
	return nil
}

func (a *Accumulator) merge(o *Accumulator) {
	for i, st := range o.declared {
		if dst := a.declared[i]; dst != nil {
			dst.merge(st)
		} else {
			a.declared[i] = st
		}
	}
	for id, st := range o.implied {
		if dst := a.implied[id]; dst != nil {
			dst.merge(st)
		} else {
			a.implied[id] = st
		}
	}
	*o = *a.b.newAccumulator()
}

// agencyView is one agency as a report sees it: its metadata and tallies,
// and the curves made from them.
type agencyView struct {
	s      *Scorer
	since  time.Time // the start of the report's period
	info   *agencyInfo
	st     *agencyState
	curves []*stats.Curve // by curve tally, made on first use
}

// views returns every agency, declared or implied, in ID order, for a
// report whose period starts at since. An agency without inquiries gets an
// empty state.
func (a *Accumulator) views(since time.Time) []agencyView {
	s := a.b.s
	var empty *agencyState
	out := make([]agencyView, 0, len(a.b.infos)+len(a.implied))
	for i := range a.b.infos {
		st := a.declared[int32(i)]
		if st == nil {
			if empty == nil {
				empty = newAgencyState(&agencyInfo{}, &s.plan)
			}
			st = empty
		}
		out = append(out, agencyView{s: s, since: since, info: &a.b.infos[i], st: st})
	}
	for _, st := range a.implied {
		out = append(out, agencyView{s: s, since: since, info: st.info, st: st})
	}
	slices.SortFunc(out, func(x, y agencyView) int { return strings.Compare(x.info.agency.ID, y.info.agency.ID) })
	for i := range out {
		out[i].curves = make([]*stats.Curve, len(s.plan.curves))
	}
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

func (v *agencyView) curveAt(i int) *stats.Curve {
	if v.curves[i] == nil {
		cv := v.st.samples[i].Curve()
		v.curves[i] = &cv
	}
	return v.curves[i]
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
	for _, states := range [...]func(func(*agencyState)){a.eachDeclared, a.eachImplied} {
		states(func(st *agencyState) {
			if st.n > 0 && (first == nil || st.first < first.first || st.first == first.first && st.firstNanos < first.firstNanos) {
				first = st
			}
		})
	}
	if first == nil {
		return s.opts.AsOf
	}
	return time.Unix(first.first, int64(first.firstNanos)).In(s.opts.AsOf.Location())
}

func (a *Accumulator) eachDeclared(f func(*agencyState)) {
	for _, st := range a.declared {
		f(st)
	}
}

func (a *Accumulator) eachImplied(f func(*agencyState)) {
	for _, st := range a.implied {
		f(st)
	}
}

// Report scores every agency: the declared agencies of the metadata,
// whether or not they had inquiries, and the agencies the inquiries
// implied. The accumulator may be added to and reported again afterwards.
//
// Missing data: a criterion with nothing to measure, or with a sample below
// its minimum, is left out and its weight is spread over the dimension's
// other criteria in proportion to their weights (re-weighting); likewise for
// a dimension none of whose criteria could be scored. The agency is flagged
// each time. Missing is never scored as 0 or 100. An agency with no
// dimension scored, or whose scored criteria carry less of the rubric's
// weight than [Options.MinCoverage], has no score, no grade and rank 0.
func (a *Accumulator) Report() (*Report, error) {
	s := a.b.s
	since := a.since()
	rep := &Report{
		Schema:    SchemaVersion,
		AsOf:      s.opts.AsOf,
		Since:     since,
		Rubric:    RubricRef{ID: s.rubric.ID, Title: s.rubric.Title, Version: s.rubric.Version, Hash: s.hash},
		MinSample: s.opts.MinSample,
		Grades:    cloneGrades(s.rubric.Grades),
	}
	views := a.views(since)
	// Three phases: every agency's measures; the adjustments that look
	// across agencies (shrinkage); then points, weights and flags.
	measures := make([][]Measure, len(views)) // by agency, then criterion
	s.parallel(len(views), func(i int) { measures[i] = s.measureAll(&views[i]) })
	s.shrink(measures)
	points := s.points(measures) // by agency, then criterion; nil when not scored
	rep.Agencies = make([]AgencyScore, len(views))
	s.parallel(len(views), func(i int) { rep.Agencies[i] = s.scoreAgency(&views[i], measures[i], points[i]) })
	rep.Aggregation = s.rubric.Method.Aggregation
	rank(rep.Agencies)
	rep.Influence = s.influence(rep)
	return rep, nil
}
