package main

import (
	"bytes"
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/fileio"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/log"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

func init() {
	register.DoFn6x1[context.Context, fileio.ReadableFile, func(string, []byte), func(Rejected), func(FileCount), func(string, string), error](&parseFn{})
	register.Emitter2[string, []byte]()
	register.Emitter1[Rejected]()
	register.Emitter1[FileCount]()
	register.Emitter2[string, string]()
	register.Combiner3[*agencyAcc, []byte, []byte](&combineFn{})
	register.DoFn3x0[string, func(*string) bool, func(Repeat)](&repeatsFn{})
	register.Emitter1[Repeat]()
	register.Iter1[string]()
	register.DoFn7x1[context.Context, []byte, func(*string, *[]byte) bool, func(*Rejected) bool, func(*FileCount) bool, func(*Repeat) bool, func(*string) bool, error](&writeFn{})
	register.Iter2[string, []byte]()
	register.Iter1[Rejected]()
	register.Iter1[FileCount]()
	register.Iter1[Repeat]()
	register.Function1x1(pathOf)
	beam.RegisterType(reflect.TypeOf((*Job)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Rejected)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*FileCount)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*Repeat)(nil)).Elem())
	beam.RegisterCoder(reflect.TypeOf((*agencyAcc)(nil)), encodeAcc, decodeAcc)
}

// Job is what every step of the pipeline needs to score as the command
// does: the standard, the cut-off, the reading options and the metadata.
// It travels to the workers inside the steps, so it holds the files'
// contents, not their paths (a worker may not see the launcher's files);
// they are small.
type Job struct {
	AsOf      string // RFC 3339 with an offset
	Rubric    []byte // the standard's file, YAML or JSON; empty for the default standard
	Lenient   bool   // reject bad rows rather than fail
	Zone      string // IANA zone for timestamps without an offset; empty for none
	MinSample int    // minimum sample per criterion; 0 for the scorer's default
	// Period, when set, scores by periods as govscore score -period does:
	// month, quarter, year, or boundaries in RFC 3339 separated by
	// commas; FollowUpDays is its -follow-up-days.
	Period       string
	FollowUpDays int
	// Metadata files: agencies, channels and staffing as CSV or JSON (by
	// the name's extension), calendars as JSON. Name is used in errors
	// and for the format.
	Agencies, Channels, Staffing, Calendars MetaFile
}

// MetaFile is one metadata file, by name and content.
type MetaFile struct {
	Name string
	Data []byte
}

// Rejected is one row that the pipeline rejected: its file, line, field
// and reason.
type Rejected struct {
	File   string
	Line   int
	Field  string
	Reason string
}

// FileCount is the accounting of one input file: rows read, accepted and
// rejected.
type FileCount struct {
	File                     string
	Read, Accepted, Rejected int
}

// Repeat is an inquiry ID accepted in more than one file.
type Repeat struct {
	ID    string
	Files []string
}

// prepared is what a Job makes once per process: the scorer, the
// metadata and an empty accumulator that every accumulator of the
// process is a fork of (accumulators merge only with forks of the same
// one).
type prepared struct {
	sc   *score.Scorer
	meta model.Dataset
	loc  *time.Location
	mu   sync.Mutex // guards root's Fork
	root state
}

// fork returns a new empty accumulator of the job.
func (p *prepared) fork() state {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.root.fork()
}

// state is an accumulator of a job: a score.Accumulator, or with periods
// a score.TrendAccumulator.
type state interface {
	model.InquirySink
	MarshalBinary() ([]byte, error)
	UnmarshalBinary([]byte) error
	fork() state
	merge(state) error
	// parts moves the content out in parts that merge back to it, each
	// with its key: by agency, or by period and agency.
	parts(yield func(key string, part state) bool)
	// report composes the report or trend.
	report() (any, error)
}

// whole is the state of a job without periods.
type whole struct{ *score.Accumulator }

func (w whole) fork() state { return whole{w.Fork()} }

func (w whole) merge(o state) error { return w.Merge(o.(whole).Accumulator) }

func (w whole) parts(yield func(string, state) bool) {
	for id, a := range w.ByAgency() {
		if !yield(id, whole{a}) {
			return
		}
	}
}

func (w whole) report() (any, error) { return w.Report() }

// trend is the state of a job by periods.
type trend struct{ *score.TrendAccumulator }

func (t trend) fork() state { return trend{t.Fork()} }

func (t trend) merge(o state) error { return t.Merge(o.(trend).TrendAccumulator) }

func (t trend) parts(yield func(string, state) bool) {
	for part, a := range t.ByPart() {
		if !yield(part.String(), trend{a}) {
			return
		}
	}
}

func (t trend) report() (any, error) { return t.Report() }

var (
	preparedMu sync.Mutex
	preparedBy = map[[sha256.Size]byte]*prepared{}
)

// prepare returns the scorer, metadata and root accumulator of the job,
// made on first use in this process.
func (j *Job) prepare() (*prepared, error) {
	b, err := json.Marshal(j)
	if err != nil {
		return nil, err
	}
	key := sha256.Sum256(b)
	preparedMu.Lock()
	defer preparedMu.Unlock()
	if p := preparedBy[key]; p != nil {
		return p, nil
	}
	p, err := j.build()
	if err != nil {
		return nil, err
	}
	preparedBy[key] = p
	return p, nil
}

func (j *Job) build() (*prepared, error) {
	asOf, err := time.Parse(time.RFC3339, j.AsOf)
	if err != nil {
		return nil, fmt.Errorf("--as_of %q: want RFC 3339 with an offset, e.g. 2026-01-01T00:00:00+03:00", j.AsOf)
	}
	std := rubric.Default()
	if len(j.Rubric) > 0 {
		if std, err = rubric.Parse(j.Rubric); err != nil {
			return nil, fmt.Errorf("--rubric: %w", err)
		}
	}
	p := &prepared{}
	if j.Zone != "" {
		if p.loc, err = time.LoadLocation(j.Zone); err != nil {
			return nil, fmt.Errorf("--time_zone %q: not an IANA time zone", j.Zone)
		}
	}
	opts := model.ReadOptions{Lenient: j.Lenient, Location: p.loc}
	if p.meta.Agencies, err = readMeta(j.Agencies, opts, model.ReadAgenciesCSV, model.ReadAgenciesJSON); err != nil {
		return nil, err
	}
	if p.meta.Channels, err = readMeta(j.Channels, opts, model.ReadChannelsCSV, model.ReadChannelsJSON); err != nil {
		return nil, err
	}
	if p.meta.Staffing, err = readMeta(j.Staffing, opts, model.ReadStaffingCSV, model.ReadStaffingJSON); err != nil {
		return nil, err
	}
	if p.meta.Calendars, err = readMeta(j.Calendars, opts, nil, model.ReadCalendarsJSON); err != nil {
		return nil, err
	}
	if p.sc, err = score.New(std, score.Options{AsOf: asOf, MinSample: j.MinSample}); err != nil {
		return nil, err
	}
	if j.Period == "" {
		if j.FollowUpDays != 0 {
			return nil, errors.New("--follow_up_days needs --period")
		}
		acc, err := p.sc.NewAccumulator(p.meta)
		if err != nil {
			return nil, err
		}
		p.root = whole{acc}
		return p, nil
	}
	periods, err := score.ParsePeriods(j.Period, j.FollowUpDays)
	if err != nil {
		return nil, fmt.Errorf("--period: %w", err)
	}
	tr, err := p.sc.NewTrend(p.meta, periods)
	if err != nil {
		return nil, fmt.Errorf("--period: %w", err)
	}
	p.root = trend{tr}
	return p, nil
}

// readMeta reads one metadata file, as CSV or JSON by its name; none when
// the file is not given.
func readMeta[T any](f MetaFile, opts model.ReadOptions,
	fromCSV func(io.Reader, model.ReadOptions) ([]T, model.Accounting, error),
	fromJSON func(io.Reader, model.ReadOptions) ([]T, model.Accounting, error)) ([]T, error) {
	if f.Name == "" {
		return nil, nil
	}
	opts.File = f.Name
	read := fromCSV
	if fromCSV == nil || strings.EqualFold(path.Ext(f.Name), ".json") {
		read = fromJSON
	}
	recs, acct, err := read(bytes.NewReader(f.Data), opts)
	if err == nil && len(acct.Rejected) > 0 && !opts.Lenient {
		err = acct.Rejected[0]
	}
	return recs, err
}

// parseFn reads one input file whole, with the library's own streaming
// reader, into an accumulator, and emits the accumulator's content agency
// by agency, encoded, keyed by agency ID (by period and agency, "PERIOD
// AGENCY", with periods; the trend's own part has the empty key). Rejected rows, the file's
// accounting and the accepted inquiries' IDs go to side outputs.
type parseFn struct {
	Job Job
	p   *prepared
}

func (fn *parseFn) Setup() (err error) {
	fn.p, err = fn.Job.prepare()
	return err
}

// ProcessElement reads one file.
func (fn *parseFn) ProcessElement(ctx context.Context, file fileio.ReadableFile,
	agencies func(string, []byte), rejected func(Rejected), counted func(FileCount), ids func(string, string)) error {
	name := file.Metadata.Path
	r, err := file.Open(ctx)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	defer r.Close()
	acc := fn.p.fork()
	read := model.ScanInquiriesCSV[model.SinkFunc]
	if strings.EqualFold(path.Ext(strings.TrimSuffix(name, ".gz")), ".jsonl") {
		read = model.ScanInquiriesJSONL[model.SinkFunc]
	}
	// One goroutine: the IDs are emitted as rows are accepted, and the
	// runner reads several files at once.
	sink := model.SinkFunc(func(q *model.Inquiry) error {
		if err := acc.Add(q); err != nil {
			return err
		}
		ids(q.ID, name)
		return nil
	})
	acct, err := read(r, model.ReadOptions{File: name, Lenient: fn.Job.Lenient, Location: fn.p.loc, Workers: 1}, sink)
	if err != nil {
		return err
	}
	for _, pe := range acct.Rejected {
		rejected(Rejected{File: name, Line: pe.Line, Field: pe.Field, Reason: reasonOf(pe)})
	}
	counted(FileCount{File: name, Read: acct.Read, Accepted: acct.Accepted, Rejected: len(acct.Rejected)})
	var failed error
	acc.parts(func(key string, part state) bool {
		b, err := part.MarshalBinary()
		if err != nil {
			failed = err
			return false
		}
		agencies(key, b)
		return true
	})
	return failed
}

// reasonOf returns the reason of a rejected row: its error, without the
// file, line and field that Rejected carries apart.
func reasonOf(pe *model.ParseError) string {
	if pe.Err != nil {
		return pe.Err.Error()
	}
	return pe.Error()
}

// agencyAcc is the accumulator of the combine: a live accumulator once
// used, or the bytes it arrived as from another worker.
type agencyAcc struct {
	live state
	raw  []byte
}

func encodeAcc(a *agencyAcc) ([]byte, error) {
	if a.live == nil {
		return a.raw, nil
	}
	return a.live.MarshalBinary()
}

func decodeAcc(b []byte) (*agencyAcc, error) { return &agencyAcc{raw: bytes.Clone(b)}, nil }

// combineFn merges the encoded parts of one agency's accumulator.
type combineFn struct {
	Job Job
	p   *prepared
}

func (fn *combineFn) Setup() (err error) {
	fn.p, err = fn.Job.prepare()
	return err
}

// live returns a's accumulator, decoding it on first use.
func (fn *combineFn) live(a *agencyAcc) (state, error) {
	if a.live != nil {
		return a.live, nil
	}
	a.live = fn.p.fork()
	if a.raw != nil {
		if err := a.live.UnmarshalBinary(a.raw); err != nil {
			return nil, err
		}
		a.raw = nil
	}
	return a.live, nil
}

func (fn *combineFn) CreateAccumulator() *agencyAcc { return &agencyAcc{} }

func (fn *combineFn) AddInput(a *agencyAcc, part []byte) (*agencyAcc, error) {
	return fn.MergeAccumulators(a, &agencyAcc{raw: part})
}

func (fn *combineFn) MergeAccumulators(a, b *agencyAcc) (*agencyAcc, error) {
	x, err := fn.live(a)
	if err != nil {
		return nil, err
	}
	y, err := fn.live(b)
	if err != nil {
		return nil, err
	}
	return a, x.merge(y)
}

func (fn *combineFn) ExtractOutput(a *agencyAcc) ([]byte, error) {
	x, err := fn.live(a)
	if err != nil {
		return nil, err
	}
	return x.MarshalBinary()
}

// repeatsFn emits the IDs accepted in more than one file.
type repeatsFn struct{}

func (repeatsFn) ProcessElement(id string, files func(*string) bool, emit func(Repeat)) {
	var all []string
	var f string
	for files(&f) {
		all = append(all, f)
	}
	if len(all) > 1 {
		slices.Sort(all)
		emit(Repeat{ID: id, Files: all})
	}
}

// writeFn composes the report from the agencies' accumulators in one
// step, and writes it, as JSON, and the rejected rows.
type writeFn struct {
	Job      Job
	Output   string // the JSON report
	Rejected string // the rejected rows, CSV; none when empty
	p        *prepared
}

func (fn *writeFn) Setup() (err error) {
	fn.p, err = fn.Job.prepare()
	return err
}

// maxRepeatsShown is how many repeated IDs the error of a pipeline that
// found some names.
const maxRepeatsShown = 5

func (fn *writeFn) ProcessElement(ctx context.Context, _ []byte, agencies func(*string, *[]byte) bool,
	rejected func(*Rejected) bool, counted func(*FileCount) bool, repeats func(*Repeat) bool, inputs func(*string) bool) error {
	var reps []Repeat
	var r Repeat
	for repeats(&r) {
		reps = append(reps, r)
	}
	if len(reps) > 0 {
		slices.SortFunc(reps, func(a, b Repeat) int { return strings.Compare(a.ID, b.ID) })
		var msgs []string
		for _, r := range reps[:min(len(reps), maxRepeatsShown)] {
			msgs = append(msgs, fmt.Sprintf("%s in %s", strconv.Quote(score.SafeText(r.ID)), strings.Join(r.Files, ", ")))
		}
		return fmt.Errorf("%w: %d inquiry IDs are in more than one file, e.g. %s; IDs are unique across a dataset",
			model.ErrDuplicateID, len(reps), strings.Join(msgs, "; "))
	}

	var counts []FileCount
	var c FileCount
	for counted(&c) {
		counts = append(counts, c)
	}
	var rows []Rejected
	var row Rejected
	for rejected(&row) {
		rows = append(rows, row)
	}
	var files []string
	var in string
	for inputs(&in) {
		files = append(files, in)
	}
	if err := account(ctx, files, counts, rows); err != nil {
		return err
	}

	acc := fn.p.fork()
	var id string
	var part []byte
	for agencies(&id, &part) {
		f := fn.p.fork()
		if err := f.UnmarshalBinary(part); err != nil {
			return fmt.Errorf("part %s: %w", strconv.Quote(score.SafeText(id)), err)
		}
		if err := acc.merge(f); err != nil {
			return err
		}
	}
	rep, err := acc.report()
	if err != nil {
		return err
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ") // as govscore score -format json
	if err := enc.Encode(rep); err != nil {
		return err
	}
	if err := writeFile(ctx, fn.Output, out.Bytes()); err != nil {
		return err
	}
	if fn.Rejected != "" {
		if err := writeFile(ctx, fn.Rejected, rejectedCSV(rows)); err != nil {
			return err
		}
	}
	return nil
}

// account checks that every input file was read, and that its rows
// read are those accepted and rejected, and logs each file's counts.
func account(ctx context.Context, files []string, counts []FileCount, rows []Rejected) error {
	slices.SortFunc(counts, func(a, b FileCount) int { return strings.Compare(a.File, b.File) })
	rejectedIn := map[string]int{}
	for _, r := range rows {
		rejectedIn[r.File]++
	}
	seen := map[string]bool{}
	for _, c := range counts {
		if seen[c.File] {
			return fmt.Errorf("%s: read twice (given by two of the --input patterns?)", c.File)
		}
		seen[c.File] = true
		if c.Read != c.Accepted+c.Rejected || rejectedIn[c.File] != c.Rejected {
			return fmt.Errorf("%s: %d rows read, but %d accepted and %d rejected (%d rejected rows output)",
				c.File, c.Read, c.Accepted, c.Rejected, rejectedIn[c.File])
		}
		log.Infof(ctx, "%s: %d rows read, %d accepted, %d rejected", c.File, c.Read, c.Accepted, c.Rejected)
	}
	if len(counts) != len(files) {
		return fmt.Errorf("%d files matched, %d read", len(files), len(counts))
	}
	return nil
}

// rejectedCSV returns the rejected rows as CSV, in order of file and
// line. A cell that a spreadsheet would take for a formula is prefixed
// with an apostrophe: file names and reasons quote the input.
func rejectedCSV(rows []Rejected) []byte {
	slices.SortFunc(rows, func(a, b Rejected) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"file", "line", "field", "reason"})
	for _, r := range rows {
		w.Write([]string{inert(r.File), strconv.Itoa(r.Line), inert(r.Field), inert(r.Reason)})
	}
	w.Flush()
	return buf.Bytes()
}

// inert returns s safe for a spreadsheet cell: printable, and not read as
// a formula, at its start or after a ; (where a spreadsheet whose list
// separator is ; splits it).
func inert(s string) string {
	parts := strings.Split(score.SafeText(s), ";")
	for i, p := range parts {
		if p != "" && strings.ContainsRune("=+-@\t\r", rune(p[0])) {
			parts[i] = "'" + p
		}
	}
	return strings.Join(parts, ";")
}

// writeFile writes data to the file at name, on any file system Beam
// knows (local, and gs:// with its package imported).
func writeFile(ctx context.Context, name string, data []byte) error {
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// Outputs are where a pipeline writes.
type Outputs struct {
	Report   string // the JSON report
	Rejected string // the rejected rows, CSV; none when empty
}

// Build adds to the scope s the pipeline that scores the inquiries files
// matched by the patterns (globs, on any file system Beam knows) under
// job, and writes the outputs.
func Build(s beam.Scope, patterns []string, job Job, out Outputs) error {
	if len(patterns) == 0 {
		return errors.New("no --input")
	}
	if out.Report == "" {
		return errors.New("no --output")
	}
	// Fail at once, on the launcher, for what would fail every worker.
	if _, err := job.prepare(); err != nil {
		return err
	}
	s = s.Scope("govscore")
	matches := fileio.MatchAll(s, beam.Create(s, anySlice(patterns)...), fileio.MatchEmptyDisallow())
	files := fileio.ReadMatches(s, matches, fileio.ReadDirectoryDisallow())
	paths := beam.ParDo(s, pathOf, files)
	parts, rejected, counted, ids := beam.ParDo4(s, &parseFn{Job: job}, files)
	perAgency := beam.CombinePerKey(s, &combineFn{Job: job}, parts)
	repeats := beam.ParDo(s, repeatsFn{}, beam.GroupByKey(s, ids))
	beam.ParDo0(s, &writeFn{Job: job, Output: out.Report, Rejected: out.Rejected}, beam.Impulse(s),
		beam.SideInput{Input: perAgency}, beam.SideInput{Input: rejected}, beam.SideInput{Input: counted},
		beam.SideInput{Input: repeats}, beam.SideInput{Input: paths})
	return nil
}

// pathOf returns the path of a file.
func pathOf(f fileio.ReadableFile) string { return f.Metadata.Path }

func anySlice(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
