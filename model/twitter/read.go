package twitter

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govscore/govscore/model"
)

// Reading errors, wrapped in a [*model.ParseError]. Test for them with
// errors.Is; the readers also use model's ErrMissing, ErrUnknownValue,
// ErrDuplicateID, ErrBadTime, ErrOutOfRange and ErrEncoding.
var (
	// ErrNoCompany rejects an inbound tweet that starts a conversation but
	// mentions no company account of the file, so it cannot be attributed.
	ErrNoCompany = errors.New("mentions no company account of the file")
	// ErrSpreadsheetID rejects an id that a spreadsheet has reformatted:
	// written in scientific notation ("1.23E+17", whose digits are lost) or
	// a list of ids read as one number and written with digit grouping
	// ("155,157" written as "1,55,157").
	ErrSpreadsheetID = errors.New("id damaged by a spreadsheet")
)

// MaxMissingShare is the largest share of the inquiries that list responses
// whose listed responses may all be missing from the file before the
// response rates are judged undeterminable: more than 20% and the file (or
// the company) [CannotDetermine].
const MaxMissingShare = 0.2

// Verdict says whether a file's threads are whole enough to measure
// response rates.
type Verdict string

// Verdicts.
const (
	Determinable    Verdict = "determinable"     // the threads are whole enough
	CannotDetermine Verdict = "cannot_determine" // too many listed responses are missing from the file
)

// Options control [Read]. The zero value reads strictly and names the
// input "<input>".
type Options struct {
	// File names the input in errors, e.g. the path it was opened from.
	File string
	// Lenient keeps reading past bad rows and returns them in
	// Result.Rejected; the default, strict, stops at the first.
	Lenient bool
	// MaxRejects stops a lenient read with [model.ErrTooManyRejects] once
	// more rows than this were rejected; 0 means no limit.
	MaxRejects int
	// MaxFieldBytes and MaxFields limit the bytes of a field and the
	// fields of a row, the header row included, as
	// [model.ReadOptions.MaxFieldBytes] and [model.ReadOptions.MaxFields]
	// do; 0 means [model.DefaultMaxFieldBytes] (64 KiB) and
	// [model.DefaultMaxFields] (256). A row beyond them is rejected with
	// [model.ErrTooLarge]; a header row beyond them is an error.
	MaxFieldBytes, MaxFields int
}

// readOptions returns the model.ReadOptions that say what o says.
func (o Options) readOptions() model.ReadOptions {
	return model.ReadOptions{File: o.File, Lenient: o.Lenient, MaxRejects: o.MaxRejects,
		MaxFieldBytes: o.MaxFieldBytes, MaxFields: o.MaxFields}
}

// Result says what [Read] made of every row, and whether the file can
// measure response rates. The zero value is an empty result.
type Result struct {
	// Accounting holds the rows read, accepted and rejected:
	// Read == Accepted + len(Rejected), with Rejected in line order.
	model.Accounting
	// Inquiries, FirstReplies and Other split the accepted rows:
	// Accepted == Inquiries + FirstReplies + Other. Other counts every
	// accepted tweet that is neither an inquiry nor its first reply: later
	// turns of a thread, further replies, replies to tweets not in the file.
	Inquiries    int
	FirstReplies int
	Other        int
	// ByReply counts the inquiries that name no company with an @handle
	// (the dataset replaced some handles with numeric ids) and were
	// attributed to the company that replied to them instead.
	ByReply int
	// Latest is the latest created_at of the accepted rows: the natural
	// observation cut-off (AsOf) of the file. Zero when none was accepted.
	Latest time.Time
	// Companies are the company accounts, by ID, with their counts.
	Companies []Company
	// Verdict is the file's verdict on its response rates (see
	// [MaxMissingShare]); empty when the read failed.
	Verdict Verdict
	// Listed and Missing are the file's totals of [Company.Listed] and
	// [Company.Missing], the evidence behind Verdict.
	Listed, Missing int
}

// Company is one company account of the file and the evidence for its
// verdict.
type Company struct {
	// ID is the account's author_id, as first written in the file.
	ID string
	// Inquiries attributed to it; Answered those with a first reply.
	Inquiries, Answered int
	// Listed is the number of its inquiries whose response_tweet_id lists
	// responses; Missing those of them none of whose listed responses is
	// in the file.
	Listed, Missing int
	// Determinable is false when Missing is more than MaxMissingShare of
	// Listed: its response rate cannot be measured from the file.
	Determinable bool
}

// Undeterminable returns the IDs of the companies whose response rates
// cannot be determined from the file, in ID order.
func (r Result) Undeterminable() []string {
	var ids []string
	for _, c := range r.Companies {
		if !c.Determinable {
			ids = append(ids, c.ID)
		}
	}
	return ids
}

// tooManyMissing is the rule of [MaxMissingShare], in whole numbers.
func tooManyMissing(missing, listed int) bool {
	return missing*5 > listed
}

// The columns of the layout.
const (
	colTweetID     = "tweet_id"
	colAuthorID    = "author_id"
	colInbound     = "inbound"
	colCreatedAt   = "created_at"
	colText        = "text"
	colResponseIDs = "response_tweet_id"
	colInResponse  = "in_response_to_tweet_id"
)

var columns = []string{colTweetID, colAuthorID, colInbound, colCreatedAt, colText, colResponseIDs, colInResponse}

// createdAtLayout is how the dataset writes created_at.
const createdAtLayout = "Mon Jan 02 15:04:05 -0700 2006"

// tweet is one accepted row.
type tweet struct {
	line        int
	id          uint64
	author      string
	inbound     bool
	at          time.Time
	text        string
	responses   []uint64
	inResponse  uint64
	hasResponse bool // inResponse is set
}

// reader holds the state of one [Read]. Its tally keeps the accounting
// until finish puts it in res.
type reader struct {
	opts model.ReadOptions
	t    *model.Tally
	res  Result
}

// Read reads a thread file in the layout of the "Customer Support on
// Twitter" dataset and returns its inquiries as a dataset: one implied
// agency and one implied X channel per company account, inquiries from the
// public. See the package documentation for the rules.
//
// In strict mode Read stops at the first rejected row and returns it as a
// [*model.ParseError] with an empty dataset; in lenient mode it returns the
// rejected rows in Result.Rejected. A header that lacks a column, repeats
// one or has an unknown one is an error in either mode. The counts in
// Result hold in both modes, also when Read fails.
func Read(r io.Reader, opts Options) (model.Dataset, Result, error) {
	rd := &reader{opts: opts.readOptions()}
	rd.t = model.NewTally(rd.opts)
	tweets, err := rd.readRows(r)
	if err != nil {
		rd.countRest(tweets, make([]byte, len(tweets)))
		rd.finish()
		return model.Dataset{}, rd.res, err
	}
	ds, err := rd.build(tweets)
	rd.finish()
	if err != nil {
		return model.Dataset{}, rd.res, err
	}
	slices.SortStableFunc(rd.res.Warnings, func(a, b *model.ParseError) int { return cmp.Compare(a.Line, b.Line) })
	return ds, rd.res, nil
}

// finish puts the tally's accounting in the result, the rejected rows in
// line order.
func (rd *reader) finish() {
	rd.res.Accounting = rd.t.Accounting()
	slices.SortStableFunc(rd.res.Rejected, func(a, b *model.ParseError) int { return cmp.Compare(a.Line, b.Line) })
}

// header maps each column of the layout to its position.
type header map[string]int

// column returns the name of the column at position i, or "" for a
// column the layout does not name (pandas' index) or a position past the
// header's.
func (h header) column(i int) string {
	for name, j := range h {
		if j == i {
			return name
		}
	}
	return ""
}

func parseHeader(rec []string) (header, *fieldErr) {
	h := header{}
	for i, col := range rec {
		if i == 0 && (col == "" || col == "Unnamed: 0") && len(rec) > len(columns) {
			continue // pandas' index column
		}
		if !slices.Contains(columns, col) {
			return nil, &fieldErr{col, fmt.Errorf("%w: unknown column", model.ErrUnknownValue)}
		}
		if _, dup := h[col]; dup {
			return nil, &fieldErr{col, fmt.Errorf("%w: column appears more than once", model.ErrDuplicateID)}
		}
		h[col] = i
	}
	for _, col := range columns {
		if _, ok := h[col]; !ok {
			return nil, &fieldErr{col, fmt.Errorf("%w: no such column in the header", model.ErrMissing)}
		}
	}
	return h, nil
}

type fieldErr struct {
	field string
	err   error
}

// readRows reads every row, rejecting those that are bad on their own.
func (rd *reader) readRows(r io.Reader) ([]tweet, error) {
	cr, rec, headerLine, err := model.ReadCSVHeader(r, rd.t)
	if err != nil {
		return nil, err
	}
	for i, c := range rec {
		if !utf8.ValidString(c) {
			return nil, rd.t.FileError(headerLine, "", fmt.Errorf("header column %d: %w", i+1, model.ErrEncoding))
		}
	}
	h, fe := parseHeader(rec)
	if fe != nil {
		return nil, rd.t.FileError(headerLine, fe.field, fe.err)
	}
	width := len(rec)

	var tweets []tweet
	seen := map[uint64]int{} // tweet id → line
	for {
		rec, line, err := rd.t.NextCSVRecord(cr)
		if err == io.EOF {
			return tweets, nil
		}
		if err != nil {
			return tweets, err
		}
		t, fe := parseRow(h, width, rec, line, rd.opts)
		if fe == nil {
			if prev, dup := seen[t.id]; dup {
				fe = &fieldErr{colTweetID, fmt.Errorf("%w: %d, first on line %d", model.ErrDuplicateID, t.id, prev)}
			}
		}
		if fe != nil {
			if err := rd.t.Reject(line, fe.field, fe.err); err != nil {
				return tweets, err
			}
			continue
		}
		seen[t.id] = line
		tweets = append(tweets, t)
	}
}

// parseRow turns one CSV record into a tweet, within the limits of
// limits.
func parseRow(h header, width int, rec []string, line int, limits model.ReadOptions) (tweet, *fieldErr) {
	if i, err := limits.CheckRecord(rec); err != nil {
		return tweet{}, &fieldErr{h.column(i), err}
	}
	if len(rec) != width {
		return tweet{}, &fieldErr{"", fmt.Errorf("%w: %d fields, header has %d", csv.ErrFieldCount, len(rec), width)}
	}
	for i, c := range rec {
		if !utf8.ValidString(c) {
			return tweet{}, &fieldErr{h.column(i), model.ErrEncoding}
		}
	}
	t := tweet{line: line}
	var err error
	cell := func(col string) string { return rec[h[col]] }

	if t.id, err = parseID(cell(colTweetID)); err != nil {
		return t, &fieldErr{colTweetID, err}
	}
	if t.author = cell(colAuthorID); strings.TrimSpace(t.author) == "" {
		return t, &fieldErr{colAuthorID, model.ErrMissing}
	}
	if err := model.CheckText(t.author); err != nil {
		return t, &fieldErr{colAuthorID, err} // a company's author_id is an agency's ID and name
	}
	switch v := cell(colInbound); v {
	case "True", "TRUE", "true":
		t.inbound = true
	case "False", "FALSE", "false":
	case "":
		return t, &fieldErr{colInbound, model.ErrMissing}
	default:
		return t, &fieldErr{colInbound, fmt.Errorf("%w: %s is not True or False", model.ErrUnknownValue, quote(v))}
	}
	v := cell(colCreatedAt)
	if v == "" {
		return t, &fieldErr{colCreatedAt, model.ErrMissing}
	}
	if t.at, err = time.Parse(createdAtLayout, v); err != nil {
		return t, &fieldErr{colCreatedAt, fmt.Errorf("%w: %s, want like \"Tue Oct 31 22:10:47 +0000 2017\"", model.ErrBadTime, quote(v))}
	}
	// time.Parse gives the machine's Local zone when the offset matches it;
	// keep the result independent of the machine.
	if _, off := t.at.Zone(); off == 0 {
		t.at = t.at.UTC()
	} else {
		t.at = t.at.In(time.FixedZone("", off))
	}
	if err := model.CheckTime(t.at); err != nil {
		return t, &fieldErr{colCreatedAt, err}
	}
	t.text = cell(colText)
	if t.responses, err = parseIDList(cell(colResponseIDs)); err != nil {
		return t, &fieldErr{colResponseIDs, err}
	}
	if v := cell(colInResponse); v != "" {
		if t.inResponse, err = parseID(v); err != nil {
			return t, &fieldErr{colInResponse, err}
		}
		t.hasResponse = true
	}
	return t, nil
}

// quote quotes a cell for an error message, shortened when long.
func quote(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strconv.Quote(s)
}

// parseID reads a tweet id: a whole number, possibly written as a float
// with a zero fraction ("3.0").
func parseID(s string) (uint64, error) {
	if s == "" {
		return 0, model.ErrMissing
	}
	if strings.ContainsAny(s, "eE") {
		return 0, fmt.Errorf("%w: %s is in scientific notation, its digits may be lost", ErrSpreadsheetID, quote(s))
	}
	digits := s
	if i := strings.IndexByte(s, '.'); i >= 0 {
		frac := s[i+1:]
		digits = s[:i]
		if frac == "" || strings.Trim(frac, "0") != "" {
			return 0, fmt.Errorf("%w: %s is not a whole number", model.ErrUnknownValue, quote(s))
		}
	}
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, fmt.Errorf("%w: %s is not a tweet id", model.ErrUnknownValue, quote(s))
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %s is too large for a tweet id", model.ErrOutOfRange, quote(s))
	}
	return n, nil
}

// parseIDList reads a comma-separated list of ids; empty is none.
func parseIDList(s string) ([]uint64, error) {
	if s == "" {
		return nil, nil
	}
	if indianGrouping(s) {
		return nil, fmt.Errorf("%w: %s looks like one number written with digit grouping, not a list of ids", ErrSpreadsheetID, quote(s))
	}
	var ids []uint64
	for f := range strings.SplitSeq(s, ",") {
		id, err := parseID(strings.TrimSpace(f))
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// indianGrouping reports whether s is a number written with the Indian
// digit grouping, with at least one two-digit group: "1,55,157",
// "19,51,96,197". A spreadsheet set to that locale writes so a list like
// "155,157" that it read as the number 155157. A true list of ids with
// that shape (ids below 100 listed with one of three digits) is
// implausible.
func indianGrouping(s string) bool {
	groups := strings.Split(s, ",")
	if len(groups) < 3 {
		return false
	}
	n := len(groups)
	for i, g := range groups {
		want := 2
		switch i {
		case 0:
			if len(g) != 1 && len(g) != 2 {
				return false
			}
			want = len(g)
		case n - 1:
			want = 3
		}
		if len(g) != want || strings.Trim(g, "0123456789") != "" {
			return false
		}
	}
	return true
}
