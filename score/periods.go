package score

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/score/internal/safe"
)

// PeriodUnit is the length of the calendar periods of a trend.
type PeriodUnit string

// The calendar periods a trend can be cut into.
const (
	Month   PeriodUnit = "month"
	Quarter PeriodUnit = "quarter"
	Year    PeriodUnit = "year"
)

// months is the unit's length in months; 0 for an unknown unit.
func (u PeriodUnit) months() int {
	switch u {
	case Month:
		return 1
	case Quarter:
		return 3
	case Year:
		return 12
	}
	return 0
}

// DefaultFollowUpDays is the follow-up of a trend's periods when
// [Periods.FollowUpDays] is 0.
const DefaultFollowUpDays = 30

// MaxPeriods is the most periods a trend holds: 50 years of months.
// Inquiries received in calendar periods further back from AsOf are
// counted in [Trend.Outside]. Each period with inquiries holds its own
// per-agency state.
const MaxPeriods = 600

// ErrPeriods is returned by [Scorer.NewTrend] for periods that cannot
// be used, wrapped with the field and the reason.
var ErrPeriods = errors.New("score: bad periods")

// Periods says how a trend cuts time into periods, and how long each
// period's inquiries are followed.
//
// Either Unit or Bounds is set. With Unit, the periods are the calendar
// months, quarters or years in Location, from the one in which the
// earliest inquiry was received to the one of the latest received by
// AsOf, or to the one that holds AsOf if inquiries were received after
// it (they are counted there, in [AgencyScore.AfterAsOf]). With Bounds, they are [Bounds[0], Bounds[1]), [Bounds[1],
// Bounds[2]) and so on, those of them that start before AsOf; inquiries
// received outside them are counted in [Trend.Outside] and not scored.
// A trend has at most [MaxPeriods] periods.
type Periods struct {
	// Unit is the length of calendar periods.
	Unit PeriodUnit
	// Bounds are explicit boundaries, strictly increasing, at least two.
	Bounds []time.Time
	// Location is the reporting time zone, in which calendar periods start
	// and end and labels are written. Nil means the zone of
	// [Options.AsOf] as given: an AsOf of 2026-01-01T00:00:00+03:00 means
	// periods that start at midnight +03:00.
	Location *time.Location
	// FollowUpDays is how long after its end a period is followed: each
	// period is scored as at its cut-off, min(end + follow-up, AsOf), so
	// that every period's inquiries have had the same time to be answered.
	// Zero means [DefaultFollowUpDays]; it is at most 3650.
	FollowUpDays int
}

// ParsePeriods reads periods as the govscore command's -period flag
// gives them: "month", "quarter" or "year", or boundaries in RFC 3339
// separated by commas; followUpDays is [Periods.FollowUpDays]. The
// periods are checked when a trend is made ([Scorer.NewTrend]).
func ParsePeriods(spec string, followUpDays int) (Periods, error) {
	p := Periods{FollowUpDays: followUpDays}
	switch u := PeriodUnit(spec); u {
	case Month, Quarter, Year:
		p.Unit = u
		return p, nil
	}
	for _, s := range strings.Split(spec, ",") {
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(s))
		if err != nil {
			return Periods{}, fmt.Errorf("%w: %q: want month, quarter, year, or boundaries in RFC 3339 separated by commas", ErrPeriods, spec)
		}
		p.Bounds = append(p.Bounds, t)
	}
	return p, nil
}

// Period is one period of a trend.
type Period struct {
	// Label names the period: "2025Q1", "2025-03" or "2025" for calendar
	// periods, "START/END" in RFC 3339 for explicit bounds.
	Label string `json:"label"`
	// Start and End bound the receipts of the period's inquiries: [Start,
	// End).
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	// CutOff is the instant the period is observed at, its report's AsOf:
	// min(End + follow-up, AsOf). A reply after it has not happened yet
	// for this period.
	CutOff time.Time `json:"cut_off"`
	// Provisional reports that the period's figures may still change, for
	// the reasons in Notes.
	Provisional bool `json:"provisional"`
	// Notes say why a period is provisional.
	Notes []PeriodNote `json:"notes,omitempty"`
}

// PeriodNote is a reason a period is provisional.
type PeriodNote string

// The reasons a period is provisional.
const (
	// NoteFollowUp: AsOf comes before the end of the period's follow-up,
	// so its inquiries have had less time to be answered than those of
	// earlier periods.
	NoteFollowUp PeriodNote = "follow_up_incomplete"
	// NoteEndsAfterAsOf: the period ends after AsOf, which cuts it short.
	NoteEndsAfterAsOf PeriodNote = "ends_after_as_of"
	// NoteStartsBeforeRecords: the period starts more than a day before
	// the earliest inquiry received, so the records may not cover all of
	// it: the first calendar period, or explicit periods before the
	// records begin.
	NoteStartsBeforeRecords PeriodNote = "starts_before_records"
)

// TrendSchemaVersion is the "schema" of a [Trend]'s JSON.
const TrendSchemaVersion = "govscore.trend/v1"

// Trend is a rubric applied period by period, with the changes between
// consecutive periods.
type Trend struct {
	// Schema is TrendSchemaVersion.
	Schema string `json:"schema"`
	// AsOf is the cut-off of the whole run; Zone the reporting time zone;
	// Unit the periods' length (empty for explicit bounds); FollowUpDays
	// the follow-up of each period.
	AsOf         time.Time  `json:"as_of"`
	Zone         string     `json:"zone"`
	Unit         PeriodUnit `json:"unit,omitempty"`
	FollowUpDays int        `json:"follow_up_days"`
	// Outside is the number of inquiries received outside every period,
	// which are not scored.
	Outside int `json:"outside,omitempty"`
	// Periods are in time order, each with its report.
	Periods []PeriodReport `json:"periods"`
	// Changes compare each pair of consecutive periods, agency by agency.
	Changes []AgencyChange `json:"changes"`
}

// PeriodReport is one period and its report.
type PeriodReport struct {
	Period
	Report *Report `json:"report"`
}

// periodKey numbers periods: for calendar periods, the period's months
// since year 0 divided by its length; for bounds, the index of the lower
// bound.
type periodKey = int64

// trendBase is what a TrendAccumulator and its forks share.
type trendBase struct {
	s        *Scorer
	p        Periods
	loc      *time.Location
	followUp time.Duration
	meta     *base // the metadata, prepared once; each period shares it
	asOfKey  periodKey
	asOfIn   bool // whether AsOf's last instant falls in a period (always for units)

	mu    sync.Mutex
	roots map[periodKey]*Accumulator // each period's first accumulator, made on first use
	// implying counts the agencies implied in all periods together, for
	// Options.MaxAgencies.
	implying atomic.Int64
}

// TrendAccumulator takes inquiries one at a time, as an [Accumulator]
// does, and scores them period by period: each inquiry goes to the
// accumulator of the period in which it was received, which scores as at
// the period's cut-off. Forks and merges are those of Accumulator, period
// by period, so a trend costs one pass over the records, on every core,
// and the same records give the same trend byte for byte in any grouping
// and order.
type TrendAccumulator struct {
	t       *trendBase
	byKey   map[periodKey]*Accumulator
	outside int
	// first and last are the earliest and latest receipts added, by
	// AsOf; set when hasFirst.
	first, last instant
	hasFirst    bool
}

// NewTrend returns an accumulator that scores by the periods p. meta is
// as for [Scorer.NewAccumulator]; its inquiries, if any, are added.
func (s *Scorer) NewTrend(meta model.Dataset, p Periods) (*TrendAccumulator, error) {
	tb, err := s.newTrendBase(p)
	if err != nil {
		return nil, err
	}
	if err := meta.Validate(); err != nil {
		return nil, fmt.Errorf("score: invalid dataset: %w", err)
	}
	qs := meta.Inquiries
	meta.Inquiries = nil
	if tb.meta, err = s.newBase(&meta); err != nil {
		return nil, err
	}
	t := &TrendAccumulator{t: tb}
	for i := range qs {
		if err := t.Add(&qs[i]); err != nil {
			return nil, fmt.Errorf("score: inquiry %q: %w", qs[i].ID, err) // not reached: Validate checked it
		}
	}
	return t, nil
}

// ScoreTrend scores a dataset held in memory by the periods p.
func (s *Scorer) ScoreTrend(ds model.Dataset, p Periods) (*Trend, error) {
	t, err := s.NewTrend(ds, p)
	if err != nil {
		return nil, err
	}
	return t.Report()
}

// newTrendBase checks the periods and fills in their defaults.
func (s *Scorer) newTrendBase(p Periods) (*trendBase, error) {
	var errs []error
	bad := func(field string, err error) {
		errs = append(errs, fmt.Errorf("%w: %s: %w", ErrPeriods, field, err))
	}
	switch {
	case p.Unit != "" && len(p.Bounds) > 0:
		bad("Unit", errors.New("set with Bounds: give one or the other"))
	case p.Unit == "" && len(p.Bounds) == 0:
		bad("Unit", errors.New("neither Unit nor Bounds is set"))
	case p.Unit != "" && p.Unit.months() == 0:
		bad("Unit", fmt.Errorf("%q is not month, quarter or year", p.Unit))
	case len(p.Bounds) == 1:
		bad("Bounds", errors.New("one boundary makes no period: give at least two"))
	case len(p.Bounds) > MaxPeriods+1:
		bad("Bounds", fmt.Errorf("%d boundaries: at most %d", len(p.Bounds), MaxPeriods+1))
	}
	for i := 1; i < len(p.Bounds); i++ {
		if !p.Bounds[i-1].Before(p.Bounds[i]) {
			bad("Bounds", fmt.Errorf("boundary %d (%s) is not after boundary %d (%s)", i,
				p.Bounds[i].Format(time.RFC3339Nano), i-1, p.Bounds[i-1].Format(time.RFC3339Nano)))
			break
		}
	}
	if len(p.Bounds) > 1 && !p.Bounds[0].Before(s.opts.AsOf) {
		bad("Bounds", fmt.Errorf("the first period starts at %s, not before AsOf (%s)",
			p.Bounds[0].Format(time.RFC3339), s.opts.AsOf.Format(time.RFC3339)))
	}
	if p.FollowUpDays < 0 || p.FollowUpDays > 3650 {
		bad("FollowUpDays", fmt.Errorf("%d is not between 0 and 3650", p.FollowUpDays))
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if p.FollowUpDays == 0 {
		p.FollowUpDays = DefaultFollowUpDays
	}
	p.Bounds = slices.Clone(p.Bounds)
	loc := p.Location
	if loc == nil {
		loc = s.opts.AsOf.Location()
	}
	tb := &trendBase{s: s, p: p, loc: loc, followUp: time.Duration(p.FollowUpDays) * 24 * time.Hour,
		roots: map[periodKey]*Accumulator{}}
	tb.asOfKey, tb.asOfIn = tb.key(s.opts.AsOf.Add(-time.Nanosecond))
	return tb, nil
}

// key returns the period in which t falls, and whether there is one.
func (tb *trendBase) key(t time.Time) (periodKey, bool) {
	if n := tb.p.Unit.months(); n > 0 {
		y, m, _ := t.In(tb.loc).Date()
		return floorDiv(int64(y)*12+int64(m)-1, int64(n)), true
	}
	b := tb.p.Bounds
	i := sort.Search(len(b), func(i int) bool { return b[i].After(t) }) - 1
	if i < 0 || i >= len(b)-1 {
		return 0, false
	}
	return periodKey(i), true
}

// at returns the instant as a time.
func (i instant) at() time.Time { return time.Unix(i.sec, int64(i.ns)) }

// period returns the period of a key: its label, bounds and cut-off.
func (tb *trendBase) period(k periodKey) Period {
	var p Period
	if n := int64(tb.p.Unit.months()); n > 0 {
		start := k * n
		y, m := floorDiv(start, 12), start-floorDiv(start, 12)*12
		p.Start = time.Date(int(y), time.Month(m+1), 1, 0, 0, 0, 0, tb.loc)
		p.End = p.Start.AddDate(0, int(n), 0)
		switch tb.p.Unit {
		case Month:
			p.Label = fmt.Sprintf("%04d-%02d", y, m+1)
		case Quarter:
			p.Label = fmt.Sprintf("%04dQ%d", y, m/3+1)
		default:
			p.Label = fmt.Sprintf("%04d", y)
		}
	} else {
		p.Start, p.End = tb.p.Bounds[k].In(tb.loc), tb.p.Bounds[k+1].In(tb.loc)
		p.Label = p.Start.Format(time.RFC3339Nano) + "/" + p.End.Format(time.RFC3339Nano)
	}
	asOf := tb.s.opts.AsOf
	p.CutOff = p.End.Add(tb.followUp)
	if asOf.Before(p.CutOff) {
		p.CutOff = asOf
		p.Notes = append(p.Notes, NoteFollowUp)
	}
	if asOf.Before(p.End) {
		p.Notes = append(p.Notes, NoteEndsAfterAsOf)
	}
	p.CutOff = p.CutOff.In(asOf.Location())
	return p
}

// root returns the period's first accumulator, made on first use: an
// accumulator of a Scorer that differs from the trend's only in its AsOf
// (the period's cut-off) and Since (its start).
func (tb *trendBase) root(k periodKey) *Accumulator {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	if a := tb.roots[k]; a != nil {
		return a
	}
	p := tb.period(k)
	ps := *tb.s
	ps.opts.AsOf, ps.opts.Since = p.CutOff, p.Start
	ps.asOf, ps.asOfInstant = p.CutOff.Unix(), instantOf(p.CutOff)
	ps.sinceUnix, ps.hasSince = p.Start.Unix(), true
	m := tb.meta
	b := &base{s: &ps, infos: m.infos, index: m.index, channels: m.channels,
		implied: map[string]*impliedAgency{}, impliedMeta: m.impliedMeta, implying: &tb.implying, calendars: m.calendars}
	a := b.newAccumulator()
	tb.roots[k] = a
	return a
}

// acc returns the accumulator of period k, made on first use.
func (t *TrendAccumulator) acc(k periodKey) *Accumulator {
	if a := t.byKey[k]; a != nil {
		return a
	}
	if t.byKey == nil {
		t.byKey = map[periodKey]*Accumulator{}
	}
	a := t.t.root(k).Fork()
	t.byKey[k] = a
	return a
}

// Add adds one inquiry to the period in which it was received. An inquiry
// received at or after AsOf goes to the period that holds AsOf's last
// instant (with explicit bounds, when one does): received at AsOf, it is
// scored there, as received by AsOf; received later, its
// [AgencyScore.AfterAsOf] counts it. Errors are those of
// [Accumulator.Add]; an inquiry received outside every period is counted,
// once it is valid, and not otherwise checked.
func (t *TrendAccumulator) Add(q *model.Inquiry) error {
	if err := q.Validate(); err != nil {
		return err
	}
	return t.add(q, model.ReadID{}, -1)
}

// AddRow adds the inquiry of a row that a streaming reader accepted
// ([model.RowSink]) to the period of its receipt as Add does, without
// checking again what the reader checked; see [Accumulator.AddRow]. A row
// that no reader made, such as the zero Row, is checked as Add checks an
// inquiry. A type that embeds a TrendAccumulator and changes Add must
// change or hide AddRow too (see [model.RowSink]).
//
// AddRow keeps no reference to r.
func (t *TrendAccumulator) AddRow(r *model.Row) error {
	q := r.Inquiry()
	read, n := r.Channel()
	if read == (model.ReadID{}) {
		return t.Add(&q)
	}
	return t.add(&q, read, n)
}

// add adds the valid inquiry q, of the row numbered n in the read read
// (see Accumulator.addRow; n is -1 for an inquiry of no read), to the
// accumulator of the period of its receipt.
func (t *TrendAccumulator) add(q *model.Inquiry, read model.ReadID, n int) error {
	tb := t.t
	recv := instantOf(q.ReceivedAt)
	k, ok := tb.receiptKey(recv)
	if !ok {
		t.outside++
		return nil
	}
	if err := t.acc(k).addRow(q, read, n); err != nil {
		return err
	}
	if !recv.after(tb.s.asOfInstant) {
		t.span(recv, recv, true)
	}
	return nil
}

// receiptKey returns the period of an inquiry received at recv, and false
// when it is outside every period: its own period, which may start at
// AsOf, when received before AsOf (within MaxPeriods of AsOf's), else
// AsOf's.
func (tb *trendBase) receiptKey(recv instant) (periodKey, bool) {
	if !tb.s.asOfInstant.after(recv) {
		return tb.asOfKey, tb.asOfIn
	}
	k, ok := tb.key(recv.at())
	return k, ok && k > tb.asOfKey-MaxPeriods
}

// Fork returns a new, empty accumulator for the same scorer, metadata
// and periods, to be fed by another goroutine and merged back with
// [TrendAccumulator.Merge].
func (t *TrendAccumulator) Fork() *TrendAccumulator { return &TrendAccumulator{t: t.t} }

// Merge adds the inquiries of o, a fork of the same trend, to t. o must
// not be used afterwards.
func (t *TrendAccumulator) Merge(o *TrendAccumulator) error {
	if o == nil || o.t != t.t {
		return ErrMerge
	}
	if o == t {
		return fmt.Errorf("%w: an accumulator merged into itself", ErrMerge)
	}
	for k, a := range o.byKey { // all or nothing
		if mine, ok := t.byKey[k]; ok {
			if err := mine.fits(a); err != nil {
				return err
			}
		}
	}
	for k, a := range o.byKey {
		if err := t.acc(k).Merge(a); err != nil {
			return err
		}
	}
	t.outside += o.outside
	t.span(o.first, o.last, o.hasFirst)
	o.byKey = nil
	return nil
}

// span widens the span of receipts by AsOf to hold first and last, when
// ok.
func (t *TrendAccumulator) span(first, last instant, ok bool) {
	switch {
	case !ok:
	case !t.hasFirst:
		t.first, t.last, t.hasFirst = first, last, true
	default:
		if t.first.after(first) {
			t.first = first
		}
		if last.after(t.last) {
			t.last = last
		}
	}
}

// keys returns the periods of the trend, in time order.
func (t *TrendAccumulator) keys() []periodKey {
	tb := t.t
	var ks []periodKey
	if len(tb.p.Bounds) > 0 {
		for i := 0; i+1 < len(tb.p.Bounds) && tb.p.Bounds[i].Before(tb.s.opts.AsOf); i++ {
			ks = append(ks, periodKey(i))
		}
		return ks
	}
	from, to := tb.asOfKey, tb.asOfKey
	if t.hasFirst {
		from, _ = tb.key(t.first.at())
		to, _ = tb.key(t.last.at())
		// An inquiry received at AsOf, which may be the start of a period,
		// was added to AsOf's period; one received later is counted there.
		from, to = min(from, tb.asOfKey), min(to, tb.asOfKey)
		if t.byKey[tb.asOfKey] != nil {
			to = tb.asOfKey
		}
	}
	// Every period that holds inquiries, even one that parts merged from
	// other encodings put outside the span: none is dropped.
	for k := range t.byKey {
		from, to = min(from, k), max(to, k)
	}
	for k := from; k <= to; k++ {
		ks = append(ks, k)
	}
	return ks
}

// Report scores every period and the changes between consecutive ones.
func (t *TrendAccumulator) Report() (*Trend, error) {
	tb := t.t
	tr := &Trend{Schema: TrendSchemaVersion, AsOf: tb.s.opts.AsOf, Zone: tb.loc.String(), Unit: tb.p.Unit,
		FollowUpDays: tb.p.FollowUpDays, Outside: t.outside}
	ks := t.keys()
	accs := make([]*Accumulator, len(ks))
	for i, k := range ks {
		accs[i] = t.acc(k)
		p := tb.period(k)
		if t.hasFirst && t.first.at().Sub(p.Start) > 24*time.Hour {
			p.Notes = append(p.Notes, NoteStartsBeforeRecords)
		}
		p.Provisional = len(p.Notes) > 0
		rep, err := accs[i].Report()
		if err != nil {
			return nil, fmt.Errorf("score: period %s: %w", p.Label, err)
		}
		tr.Periods = append(tr.Periods, PeriodReport{Period: p, Report: rep})
	}
	tr.Changes = t.changes(accs, tr.Periods)
	return tr, nil
}

// WriteText writes the trend as an aligned plain-text table: a row per
// agency, a column per period with the agency's score and rank in it,
// then the changes that are significant at 5%, and the reasons periods
// are provisional (marked *). Like [Report.WriteText], its layout may
// change between releases; programs should read the JSON encoding.
func (tr *Trend) WriteText(w io.Writer) error {
	head := []string{"Agency"}
	var notes []string
	for _, p := range tr.Periods {
		label := safe.Text(p.Label)
		if p.Provisional {
			var why []string
			for _, n := range p.Notes {
				why = append(why, noteText[n])
			}
			notes = append(notes, fmt.Sprintf("* %s is provisional: %s.", label, strings.Join(why, "; ")))
			label += "*"
		}
		head = append(head, label)
	}
	rows := [][]string{head}
	names := map[string]string{}
	var ids []string
	byPeriod := make([]map[string]*AgencyScore, len(tr.Periods))
	for i, p := range tr.Periods {
		byPeriod[i] = make(map[string]*AgencyScore, len(p.Report.Agencies))
		for j := range p.Report.Agencies {
			a := &p.Report.Agencies[j]
			byPeriod[i][a.AgencyID] = a
			if _, ok := names[a.AgencyID]; !ok {
				names[a.AgencyID] = safe.Text(a.DisplayName("en"))
				ids = append(ids, a.AgencyID)
			}
		}
	}
	slices.Sort(ids)
	for _, id := range ids {
		row := []string{names[id]}
		for i := range tr.Periods {
			cell := "-"
			if a := byPeriod[i][id]; a != nil && a.Score != nil {
				cell = fmt.Sprintf("%s #%d", fixed(a.Score), a.Rank)
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	for _, row := range rows {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	var moves []string
	for _, c := range tr.Changes {
		// The criteria of reply times that share a curve share its
		// log-rank test: one line for them.
		var curves []string
		var curveTest *ChangeTest
		for _, cc := range c.Criteria {
			if cc.Test == nil || !cc.Test.Significant {
				continue
			}
			what := fmt.Sprintf("%s %s → %s", safe.Text(cc.ID), fixedValue(cc.Value.From), fixedValue(cc.Value.To))
			if cc.Test.Method == TestLogRank {
				if curveTest == nil || !curveTest.ChiSquare.Equal(*cc.Test.ChiSquare) {
					if curveTest != nil {
						moves = append(moves, curveLine(names[c.AgencyID], c, curveTest, curves))
					}
					curves, curveTest = nil, cc.Test
				}
				curves = append(curves, what)
				continue
			}
			moves = append(moves, fmt.Sprintf("  %s, %s → %s: %s", names[c.AgencyID], safe.Text(c.From), safe.Text(c.To), what))
		}
		if curveTest != nil {
			moves = append(moves, curveLine(names[c.AgencyID], c, curveTest, curves))
		}
	}
	if len(moves) > 0 {
		fmt.Fprintf(&b, "\nSignificant changes at 5%% (%d):\n%s\n", len(moves), strings.Join(moves, "\n"))
	}
	if tr.Outside > 0 {
		fmt.Fprintf(&b, "\n%d inquiries were received outside every period and not scored.\n", tr.Outside)
	}
	if len(notes) > 0 {
		fmt.Fprintf(&b, "\n%s\n", strings.Join(notes, "\n"))
	}
	_, err := io.WriteString(w, trimLines(b.String()))
	return err
}

// curveLine is a line of the text table's significant changes for the
// reply-time criteria that share one log-rank test.
func curveLine(name string, c AgencyChange, t *ChangeTest, what []string) string {
	p := "p < 0.0001"
	if t.P.GreaterThanOrEqual(decimal.New(1, -4)) {
		p = "p = " + t.P.Round(4).String()
	}
	return fmt.Sprintf("  %s, %s → %s: time to reply (log-rank %s): %s", name, safe.Text(c.From), safe.Text(c.To), p, strings.Join(what, ", "))
}

// noteText says what each note means, for the text table.
var noteText = map[PeriodNote]string{
	NoteFollowUp:            "AsOf comes before the end of its follow-up",
	NoteEndsAfterAsOf:       "it ends after AsOf",
	NoteStartsBeforeRecords: "it starts more than a day before the earliest record",
}

// fixedValue writes a measure's value with up to 4 decimal places, or
// "NA".
func fixedValue(d *decimal.Decimal) string {
	if d == nil {
		return "NA"
	}
	return d.Round(4).String()
}
