package audit

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govscore/govscore/model"
)

// Stratum says how a sample is stratified within each agency.
type Stratum string

// Strata.
const (
	ByNothing     Stratum = ""             // one stratum per agency
	ByChannelKind Stratum = "channel_kind" // the kind of the inquiry's channel, from Dataset.Channels
	ByRequester   Stratum = "requester"    // the inquiry's requester
)

// DefaultPerAgency is the sample size per agency when
// [SampleOptions.PerAgency] is zero.
const DefaultPerAgency = 30

// SampleOptions control [Sample]. The zero value draws 30 answered
// inquiries per agency, unstratified, with seed 0.
type SampleOptions struct {
	// Seed selects the sample; the same seed gives the same sample.
	Seed uint64
	// PerAgency is how many inquiries to draw per agency; 0 means
	// [DefaultPerAgency]. An agency with fewer answered inquiries gives
	// all of them.
	PerAgency int
	// By stratifies each agency's sample.
	By Stratum
	// AsOf, when not zero, counts only replies at or before it (see
	// [model.Inquiry.Answered]).
	AsOf time.Time
}

// Sample draws a seeded sample of answered inquiries from ds for grading:
// up to PerAgency per agency. Stratified, each agency's PerAgency is split
// among its strata in proportion to their answered inquiries (largest
// remainders, ties to the stratum that sorts first), and each stratum's
// share drawn at random within it.
//
// The draw gives every inquiry a pseudo-random rank, a hash of the seed,
// its agency and its ID, and takes the lowest ranks: the sample depends on
// the seed and the set of inquiries, not on their order in ds, and
// inquiries added to a stratum change its sample only where they rank
// lower. The result is sorted by agency, stratum and inquiry ID. Inquiries
// with an empty ID are left out, since a grade could not be merged back.
func Sample(ds model.Dataset, opts SampleOptions) []model.Inquiry {
	n := opts.PerAgency
	if n == 0 {
		n = DefaultPerAgency
	}
	if n < 0 {
		return nil
	}
	kinds := make(map[string]model.ChannelKind, len(ds.Channels))
	for _, c := range ds.Channels {
		kinds[c.ID] = c.Kind
	}
	type candidate struct {
		q       model.Inquiry
		stratum string
		rank    uint64
	}
	byAgency := make(map[string][]candidate)
	for _, q := range ds.Inquiries {
		if q.ID == "" || q.FirstReplyAt.IsZero() || (!opts.AsOf.IsZero() && !q.Answered(opts.AsOf)) {
			continue
		}
		var s string
		switch opts.By {
		case ByChannelKind:
			s = string(kinds[q.ChannelID])
		case ByRequester:
			s = string(q.Requester)
		}
		byAgency[q.AgencyID] = append(byAgency[q.AgencyID], candidate{q, s, rank(opts.Seed, q.AgencyID, q.ID)})
	}
	var out []model.Inquiry
	for _, agency := range slices.Sorted(maps.Keys(byAgency)) {
		cs := byAgency[agency]
		// A total order that does not depend on ds's order: by stratum, then
		// rank, then the inquiry's fields should two share an ID.
		slices.SortFunc(cs, func(a, b candidate) int {
			return cmp.Or(strings.Compare(a.stratum, b.stratum), cmp.Compare(a.rank, b.rank),
				strings.Compare(a.q.ID, b.q.ID), a.q.ReceivedAt.Compare(b.q.ReceivedAt),
				a.q.FirstReplyAt.Compare(b.q.FirstReplyAt), strings.Compare(a.q.ChannelID, b.q.ChannelID))
		})
		// Split into strata, already in order.
		var strata [][]candidate
		for i := 0; i < len(cs); {
			j := i + 1
			for j < len(cs) && cs[j].stratum == cs[i].stratum {
				j++
			}
			strata = append(strata, cs[i:j])
			i = j
		}
		sizes := make([]int, len(strata))
		for i, s := range strata {
			sizes[i] = len(s)
		}
		for i, k := range allocate(sizes, n) {
			take := slices.Clone(strata[i][:k])
			slices.SortFunc(take, func(a, b candidate) int {
				return cmp.Or(strings.Compare(a.q.ID, b.q.ID), cmp.Compare(a.rank, b.rank))
			})
			for _, c := range take {
				out = append(out, c.q)
			}
		}
	}
	return out
}

// allocate splits n among strata of the given sizes in proportion to
// their sizes, by largest remainders, ties to the first; no stratum gets
// more than its size. When n is at least the total, every stratum is
// taken whole.
func allocate(sizes []int, n int) []int {
	total := 0
	for _, s := range sizes {
		total += s
	}
	out := make([]int, len(sizes))
	if n >= total {
		copy(out, sizes)
		return out
	}
	type rem struct {
		i   int
		num int // remainder numerator over total
	}
	rems := make([]rem, len(sizes))
	given := 0
	for i, s := range sizes {
		out[i] = s * n / total
		given += out[i]
		rems[i] = rem{i, s * n % total}
	}
	slices.SortStableFunc(rems, func(a, b rem) int { return cmp.Compare(b.num, a.num) })
	for k := 0; given < n; k = (k + 1) % len(rems) {
		if i := rems[k].i; out[i] < sizes[i] {
			out[i]++
			given++
		}
	}
	return out
}

// rank is a pseudo-random 64-bit value for an inquiry: FNV-1a of the
// agency and ID, mixed with the seed by SplitMix64's finaliser.
func rank(seed uint64, agency, id string) uint64 {
	h := uint64(14695981039346656037)
	for _, s := range [...]string{agency, "\x00", id} {
		for i := 0; i < len(s); i++ {
			h ^= uint64(s[i])
			h *= 1099511628211
		}
	}
	x := h ^ (seed * 0x9E3779B97F4A7C15)
	for range 2 {
		x += 0x9E3779B97F4A7C15
		x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
		x = (x ^ (x >> 27)) * 0x94D049BB133111EB
		x ^= x >> 31
	}
	return x
}

// sheetColumns are the columns of a grading sheet, in order.
var sheetColumns = []string{"inquiry_id", "agency_id", "channel_id", "received_at", "first_reply_at", "grade", "notes"}

// WriteSheet writes a grading sheet: a CSV file with a header row and one
// row per inquiry of sample, in its order, with the columns inquiry_id,
// agency_id, channel_id, received_at, first_reply_at (RFC 3339 with the
// instant's own offset), and grade and notes left empty for the grader.
// Text that is not valid UTF-8 is an error.
//
// The sheet is made to be opened in a spreadsheet, and its IDs come from
// input, so a cell that starts with =, +, -, @, a tab or a carriage
// return, which a spreadsheet would run as a formula (CSV injection), is
// written with a single quote (') before it, as OWASP recommends; so is a
// cell that starts with a single quote, so that [ReadSheet], which
// removes the quote again, gives back every ID exactly.
func WriteSheet(w io.Writer, sample []model.Inquiry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(sheetColumns); err != nil {
		return err
	}
	for i, q := range sample {
		rec := []string{q.ID, q.AgencyID, q.ChannelID, stamp(q.ReceivedAt), stamp(q.FirstReplyAt), "", ""}
		for j, s := range rec[:3] {
			if !utf8.ValidString(s) {
				return fmt.Errorf("inquiry %d: %s: %w", i, sheetColumns[j], model.ErrEncoding)
			}
		}
		for j, s := range rec {
			rec[j] = quoteFormula(s)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// quoteFormula neutralises a cell that a spreadsheet would run as a
// formula, as OWASP recommends for CSV: a cell that starts with =, +, -,
// @, a tab or a carriage return gets a single quote before it. So does a
// cell that starts with a single quote, so that [unquoteFormula] gives
// back every cell exactly:
//
//	=1+1   is written  '=1+1
//	'=1+1  is written  ''=1+1
//	'x     is written  ''x
//
// The same holds after each ; of a cell, where a spreadsheet whose list
// separator is ; (most of Europe's) splits it:
//
//	a;=1+1 is written  a;'=1+1
func quoteFormula(s string) string {
	parts := strings.Split(s, ";")
	for i, p := range parts {
		if p != "" && strings.IndexByte(quoted, p[0]) >= 0 {
			parts[i] = "'" + p
		}
	}
	return strings.Join(parts, ";")
}

// unquoteFormula undoes [quoteFormula]: it removes a single quote that
// comes before one of the characters quoteFormula quotes, at the start of
// the cell or after a ;. Other cells, among them one a spreadsheet saved
// without the quote, are kept as they are.
func unquoteFormula(s string) string {
	parts := strings.Split(s, ";")
	for i, p := range parts {
		if len(p) > 1 && p[0] == '\'' && strings.IndexByte(quoted, p[1]) >= 0 {
			parts[i] = p[1:]
		}
	}
	return strings.Join(parts, ";")
}

// quoted are the first characters of a cell that [quoteFormula] quotes:
// OWASP's formula characters and the quote itself.
const quoted = "=+-@\t\r'"

func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

// ErrNotGraded warns that a sheet row's grade is empty: the grader has not
// got to it yet. Such rows are accepted, with this warning, and left out
// of the grades.
var ErrNotGraded = errors.New("not graded yet")

// ReadSheet reads a grading sheet back, as [WriteSheet] wrote it and a
// grader filled it in. The header must have inquiry_id and grade; other
// columns (notes, and any a grader adds) are ignored, and may come in any
// order. A grade is one of accurate, partial, inaccurate, deflection and
// ungraded, in any case and with surrounding white space.
//
// An inquiry_id is kept exactly as written, white space included, but for
// the single quote that [WriteSheet] puts before a cell starting with a
// formula character (=, +, -, @, tab, carriage return) or a quote, which
// is removed, so that every ID of a sheet WriteSheet wrote reads back as
// it was; an ID that a spreadsheet saved without the quote reads as it
// is:
//
//	'=1+1  reads as  =1+1
//	=1+1   reads as  =1+1
//	''x    reads as  'x
//	'x     reads as  'x
//
// A row is rejected, with a [*model.ParseError] naming the line, the
// column and the reason, when it is not valid CSV or has the wrong number
// of cells, its inquiry_id or grade is not valid UTF-8
// ([model.ErrEncoding]), its inquiry_id is empty ([model.ErrMissing]) or
// repeats an earlier row's ([model.ErrDuplicateID]), or its grade is not
// a grade ([model.ErrUnknownValue]). A row whose grade is empty is
// accepted with a warning wrapping [ErrNotGraded] and gives no grade, so
// that len(grades) == Accepted - (rows not graded yet). Strict and
// lenient mode and the accounting are as for [model.ReadInquiriesCSV].
func ReadSheet(r io.Reader, opts model.ReadOptions) (map[string]model.Accuracy, model.Accounting, error) {
	t := model.NewTally(opts)
	grades := make(map[string]model.Accuracy)
	lines := make(map[string]int)
	// Not model.ReadCSVHeader: a sheet is not held to its limits, and an
	// error of r is returned as it is.
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		var ce *csv.ParseError
		switch {
		case err == io.EOF:
			return grades, t.Accounting(), t.FileError(1, "", fmt.Errorf("%w: header row", model.ErrMissing))
		case errors.As(err, &ce):
			return grades, t.Accounting(), t.FileError(ce.StartLine, "", fmt.Errorf("header: %w", ce.Err))
		}
		return grades, t.Accounting(), err
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\uFEFF")
	}
	idCol, gradeCol := slices.Index(header, "inquiry_id"), slices.Index(header, "grade")
	for _, c := range []struct {
		name string
		i    int
	}{{"inquiry_id", idCol}, {"grade", gradeCol}} {
		if c.i < 0 {
			return grades, t.Accounting(), t.FileError(1, c.name, fmt.Errorf("%w: no such column in the header", model.ErrMissing))
		}
		if slices.Contains(header[c.i+1:], c.name) {
			return grades, t.Accounting(), t.FileError(1, c.name, fmt.Errorf("%w: column appears more than once", model.ErrDuplicateID))
		}
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return grades, t.Accounting(), nil
		}
		var stop error
		var ce *csv.ParseError
		switch {
		case errors.As(err, &ce):
			stop = t.CSVError(err)
		case err != nil:
			return grades, t.Accounting(), err
		default:
			line, _ := cr.FieldPos(0)
			stop = row(rec, len(header), idCol, gradeCol, line, grades, lines, t)
		}
		if stop != nil {
			return grades, t.Accounting(), stop
		}
	}
}

func row(rec []string, width, idCol, gradeCol, line int, grades map[string]model.Accuracy, lines map[string]int, t *model.Tally) error {
	if len(rec) != width {
		return t.Reject(line, "", fmt.Errorf("%w: %d fields, header has %d", csv.ErrFieldCount, len(rec), width))
	}
	id, grade := unquoteFormula(rec[idCol]), strings.ToLower(strings.TrimSpace(rec[gradeCol]))
	switch {
	case !utf8.ValidString(id):
		return t.Reject(line, "inquiry_id", model.ErrEncoding)
	case !utf8.ValidString(grade):
		return t.Reject(line, "grade", model.ErrEncoding)
	case id == "":
		return t.Reject(line, "inquiry_id", model.ErrMissing)
	case lines[id] > 0:
		return t.Reject(line, "inquiry_id", fmt.Errorf("%w: %q, first on line %d", model.ErrDuplicateID, id, lines[id]))
	}
	a := model.Accuracy(grade)
	if grade != "" && (!a.Valid()) {
		return t.Reject(line, "grade", fmt.Errorf("%w: %q is not one of accurate, partial, inaccurate, deflection, ungraded", model.ErrUnknownValue, rec[gradeCol]))
	}
	lines[id] = line
	t.Accept()
	if grade == "" {
		t.Warn(line, "grade", ErrNotGraded)
		return nil
	}
	grades[id] = a
	return nil
}

// Merge problems, joined in the error of [Merge].
var (
	// ErrUnknownInquiry: a grade names an inquiry the dataset does not have.
	ErrUnknownInquiry = errors.New("no such inquiry")
	// ErrNoReply: a grade names an inquiry without a reply.
	ErrNoReply = errors.New("graded inquiry has no reply")
	// ErrConflict: a grade differs from the one the inquiry already has.
	ErrConflict = errors.New("grade differs from the existing one")
)

// Conflict is an inquiry whose existing grade differs from the sheet's.
type Conflict struct {
	ID       string
	Existing model.Accuracy
	Sheet    model.Accuracy
}

// MergeResult says what [Merge] found. ID lists are sorted.
type MergeResult struct {
	// Set is the number of inquiries given a grade they did not have.
	Set int
	// Same is the number of inquiries that already had the sheet's grade.
	Same int
	// Unknown lists grades whose ID no inquiry has.
	Unknown []string
	// NoReply lists graded inquiries that have no reply.
	NoReply []string
	// Conflicts lists inquiries already graded differently.
	Conflicts []Conflict
}

// Merge sets the grades on ds's inquiries, matched by ID.
//
// It is all or nothing: when any grade names an unknown inquiry, an
// inquiry without a reply (a grade there would make the dataset invalid),
// or an inquiry already graded differently, Merge changes nothing and
// returns the result listing every such problem with an error joining
// [ErrUnknownInquiry], [ErrNoReply] and [ErrConflict] as they apply. The
// sheet never silently overwrites a grade: to re-grade, clear the old
// grades first. Empty and "ungraded" count as the same (no grade), so an
// "ungraded" on the sheet for an ungraded inquiry is Same, and for a
// graded one a Conflict.
func Merge(ds *model.Dataset, grades map[string]model.Accuracy) (MergeResult, error) {
	var res MergeResult
	at := make(map[string][]int, len(grades))
	for i, q := range ds.Inquiries {
		if _, ok := grades[q.ID]; ok {
			at[q.ID] = append(at[q.ID], i)
		}
	}
	norm := func(a model.Accuracy) model.Accuracy {
		if a == model.AccuracyUngraded {
			return ""
		}
		return a
	}
	type change struct {
		i int
		a model.Accuracy
	}
	var changes []change
	for _, id := range slices.Sorted(maps.Keys(grades)) {
		g := grades[id]
		idx := at[id]
		if len(idx) == 0 {
			res.Unknown = append(res.Unknown, id)
			continue
		}
		for _, i := range idx {
			q := &ds.Inquiries[i]
			switch {
			case g.Graded() && q.FirstReplyAt.IsZero():
				res.NoReply = append(res.NoReply, id)
			case norm(q.Accuracy) == norm(g):
				res.Same++
			case norm(q.Accuracy) != "":
				res.Conflicts = append(res.Conflicts, Conflict{ID: id, Existing: q.Accuracy, Sheet: g})
			default:
				changes = append(changes, change{i, g})
			}
		}
	}
	var errs []error
	if n := len(res.Unknown); n > 0 {
		errs = append(errs, fmt.Errorf("%w: %d grades, first %q", ErrUnknownInquiry, n, res.Unknown[0]))
	}
	if n := len(res.NoReply); n > 0 {
		errs = append(errs, fmt.Errorf("%w: %d inquiries, first %q", ErrNoReply, n, res.NoReply[0]))
	}
	if n := len(res.Conflicts); n > 0 {
		c := res.Conflicts[0]
		errs = append(errs, fmt.Errorf("%w: %d inquiries, first %q (%q, sheet %q)", ErrConflict, n, c.ID, c.Existing, c.Sheet))
	}
	if len(errs) > 0 {
		return res, errors.Join(errs...)
	}
	for _, c := range changes {
		ds.Inquiries[c.i].Accuracy = c.a
	}
	res.Set = len(changes)
	return res, nil
}
