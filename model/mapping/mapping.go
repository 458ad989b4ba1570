package mapping

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/govscore/govscore/model"
)

// MaxFileSize is the largest mapping file [LoadMapping] reads, in bytes: 1
// MiB, as for every configuration file govscore reads (a rubric file has
// the same limit).
const MaxFileSize = 1 << 20

// MaxKeys is the most keys any mapping in a mapping file may have: 256. A
// file with a larger mapping is refused, naming its line, before it is
// decoded, whose check for repeated keys takes time quadratic in their
// number (60,000 keys took 20 s).
const MaxKeys = 256

// ErrMapping wraps every problem of a mapping file: malformed YAML or JSON,
// unknown keys, and the problems [Mapping.Validate] finds.
var ErrMapping = errors.New("mapping")

// LayoutRFC3339 is the layout name that reads RFC 3339 timestamps, with a
// space allowed for the T and an optional offset (see [Mapping.TimeLayouts]).
const LayoutRFC3339 = "rfc3339"

// Mapping says how the columns of a CSV export become [model.Inquiry]
// fields. Every string naming a column is a header name of the source
// file, matched exactly. The zero value is not a valid mapping: ID and
// ReceivedAt, an agency and a channel are required (see [Mapping.Validate]).
//
// A Mapping is plain data, loaded with [LoadMapping] or built in Go; it is
// not modified by [Mapping.Read] and may be used by several goroutines at
// once.
type Mapping struct {
	// ID is the column of the inquiry's ID. Required.
	ID string `json:"id" yaml:"id"`
	// AgencyID is the column of the agency addressed. Exactly one of
	// AgencyID and Agency is required.
	AgencyID string `json:"agency_id,omitempty" yaml:"agency_id,omitempty"`
	// Agency is a constant agency ID for every row, for an export of one
	// agency.
	Agency string `json:"agency,omitempty" yaml:"agency,omitempty"`
	// ChannelID is the column of the channel's ID, for channels declared in
	// a channels file. A row with an empty cell here falls back on Channel.
	ChannelID string `json:"channel_id,omitempty" yaml:"channel_id,omitempty"`
	// Channel gives the channel's kind: a row whose ChannelID is empty
	// arrived on the agency's implied channel of that kind (see
	// [model.ReadInquiriesCSV]). ChannelID, Channel.Column or
	// Channel.Default is required.
	Channel ValueMap[model.ChannelKind] `json:"channel,omitzero" yaml:"channel,omitempty"`
	// Requester gives who asked; an empty result means not recorded.
	Requester ValueMap[model.Requester] `json:"requester,omitzero" yaml:"requester,omitempty"`
	// ReceivedAt is the column of when the inquiry arrived. Required.
	ReceivedAt string `json:"received_at" yaml:"received_at"`
	// FirstReplyAt is the column of the first reply, if the export has one.
	FirstReplyAt string `json:"first_reply_at,omitempty" yaml:"first_reply_at,omitempty"`
	// ResolvedAt is the column of the closure.
	ResolvedAt string `json:"resolved_at,omitempty" yaml:"resolved_at,omitempty"`
	// DueAt is the column of the agency's target time.
	DueAt string `json:"due_at,omitempty" yaml:"due_at,omitempty"`
	// Accuracy gives the grade of the first reply, where the export has one.
	Accuracy ValueMap[model.Accuracy] `json:"accuracy,omitzero" yaml:"accuracy,omitempty"`
	// TimeLayouts are the layouts of the timestamps, tried in order: Go
	// reference layouts such as "2006-01-02 15:04:05" or "01/02/2006
	// 03:04:05 PM", or "rfc3339". Empty means ["rfc3339"]. A layout must
	// give zones as numeric offsets (-0700, Z07:00), not abbreviations such
	// as MST, which Go cannot read reliably.
	TimeLayouts []string `json:"time_layouts,omitempty" yaml:"time_layouts,omitempty"`
	// TimeZone is the IANA zone of timestamps written without an offset,
	// e.g. "America/New_York". It takes precedence over
	// [model.ReadOptions.Location]; when both are unset, such timestamps are
	// rejected with [model.ErrNoZone].
	TimeZone string `json:"time_zone,omitempty" yaml:"time_zone,omitempty"`
	// Filters keep only the rows that match every filter. Rows left out are
	// counted in [Accounting.Filtered].
	Filters []Filter `json:"filters,omitempty" yaml:"filters,omitempty"`
}

// ValueMap says which column gives an enumerated field and how the
// source's words translate. The zero value maps nothing.
//
// A cell, trimmed of surrounding white space, becomes Values[cell] when
// the map has it; otherwise the cell itself when it is already one of the
// field's words (e.g. "email"); otherwise Default when that is set;
// otherwise the row is rejected with [model.ErrUnknownValue]. An empty cell
// becomes Values[""] or Default. With no Column, every row gets Default.
type ValueMap[T ~string] struct {
	// Column is the source column; empty means none.
	Column string `json:"column,omitempty" yaml:"column,omitempty"`
	// Values translates source words to the field's words, e.g.
	// {"Self Service": "web_form", "Twitter": "x"}.
	Values map[string]T `json:"values,omitempty" yaml:"values,omitempty"`
	// Default is the value of a cell not in Values.
	Default T `json:"default,omitempty" yaml:"default,omitempty"`
}

// Filter keeps the rows whose cell in Column, trimmed of surrounding white
// space, equals one of Values.
type Filter struct {
	Column string   `json:"column" yaml:"column"`
	Values []string `json:"values" yaml:"values"`
}

// LoadMapping reads a mapping from YAML or JSON (read as YAML, of which it
// is a subset) and validates it. Unknown keys, duplicate keys and more than
// one document are errors; every error wraps [ErrMapping].
func LoadMapping(r io.Reader) (Mapping, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return Mapping{}, err
	}
	if len(data) > MaxFileSize {
		return Mapping{}, fmt.Errorf("%w: larger than %d bytes", ErrMapping, MaxFileSize)
	}
	var tree yaml.Node
	if err := yaml.Unmarshal(data, &tree); err != nil {
		return Mapping{}, fmt.Errorf("%w: %v", ErrMapping, err)
	}
	if n := largeMapping(&tree); n != nil {
		return Mapping{}, fmt.Errorf("%w: line %d: a mapping of %d keys: at most %d (MaxKeys)", ErrMapping, n.Line, len(n.Content)/2, MaxKeys)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var m Mapping
	if err := dec.Decode(&m); err != nil {
		if err == io.EOF {
			return Mapping{}, fmt.Errorf("%w: empty", ErrMapping)
		}
		return Mapping{}, fmt.Errorf("%w: %v", ErrMapping, err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return Mapping{}, fmt.Errorf("%w: more than one document", ErrMapping)
	}
	if err := m.Validate(); err != nil {
		return Mapping{}, err
	}
	return m, nil
}

// Validate returns every problem of m at once, joined, each wrapping
// [ErrMapping] and naming its key: missing required columns, an agency
// given both ways or not at all, a constant agency that [model.CheckText]
// refuses, no channel, words that are not channel kinds, requesters or
// grades, bad layouts, a time zone that [model.CheckTimeZone] refuses
// (unknown, or "Local") and empty filters.
func (m Mapping) Validate() error {
	var errs []error
	bad := func(key string, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%w: %s: %s", ErrMapping, key, fmt.Sprintf(format, args...)))
	}
	if m.ID == "" {
		bad("id", "a column is required")
	}
	if m.ReceivedAt == "" {
		bad("received_at", "a column is required")
	}
	switch {
	case m.AgencyID == "" && m.Agency == "":
		bad("agency_id", "a column, or a constant agency, is required")
	case m.AgencyID != "" && m.Agency != "":
		bad("agency", "give agency_id or agency, not both")
	}
	if err := model.CheckText(m.Agency); err != nil {
		errs = append(errs, fmt.Errorf("%w: agency: %w", ErrMapping, err))
	}
	if m.ChannelID == "" && m.Channel.Column == "" && m.Channel.Default == "" {
		bad("channel", "channel_id, channel.column or channel.default is required")
	}
	checkValues(&errs, "channel", m.Channel, func(k model.ChannelKind) bool { return k == "" || k.Valid() })
	checkValues(&errs, "requester", m.Requester, model.Requester.Valid)
	checkValues(&errs, "accuracy", m.Accuracy, model.Accuracy.Valid)
	for i, l := range m.TimeLayouts {
		if _, err := newLayout(l); err != nil {
			bad(fmt.Sprintf("time_layouts[%d]", i), "%v", err)
		}
	}
	if err := model.CheckTimeZone(m.TimeZone); err != nil {
		errs = append(errs, fmt.Errorf("%w: time_zone: %w", ErrMapping, err))
	}
	for i, f := range m.Filters {
		if f.Column == "" {
			bad(fmt.Sprintf("filters[%d].column", i), "a column is required")
		}
		if len(f.Values) == 0 {
			bad(fmt.Sprintf("filters[%d].values", i), "at least one value is required")
		}
	}
	return errors.Join(errs...)
}

func checkValues[T ~string](errs *[]error, key string, v ValueMap[T], valid func(T) bool) {
	if v.Default != "" && !valid(v.Default) {
		*errs = append(*errs, fmt.Errorf("%w: %s.default: %w: %q", ErrMapping, key, model.ErrUnknownValue, v.Default))
	}
	keys := make([]string, 0, len(v.Values))
	for k := range v.Values {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if to := v.Values[k]; !valid(to) || (key == "channel" && to == "") {
			*errs = append(*errs, fmt.Errorf("%w: %s.values[%q]: %w: %q", ErrMapping, key, k, model.ErrUnknownValue, to))
		}
	}
	if v.Column == "" && len(v.Values) > 0 {
		*errs = append(*errs, fmt.Errorf("%w: %s.values: given without a column", ErrMapping, key))
	}
}

// layout is one parsed entry of TimeLayouts.
type layout struct {
	text     string // a Go layout; empty for rfc3339
	zoned    bool   // the layout states an offset
	dateOnly bool   // the layout has no clock time
}

func newLayout(s string) (layout, error) {
	if strings.EqualFold(s, LayoutRFC3339) {
		return layout{zoned: true}, nil
	}
	if s == "" {
		return layout{}, errors.New("empty layout")
	}
	wall := func(name string, off int, hour int) string {
		return time.Date(2001, 2, 3, hour, 5, 6, 0, time.FixedZone(name, off)).Format(s)
	}
	l := layout{text: s}
	l.zoned = wall("A", 3600, 4) != wall("B", 7200, 4)
	numeric := wall("A", 3600, 4) != wall("A", 7200, 4)
	if l.zoned && !numeric {
		return l, fmt.Errorf("layout %q names zones by abbreviation; use a numeric offset such as -0700", s)
	}
	l.dateOnly = wall("A", 3600, 4) == wall("A", 3600, 15)
	if wall("A", 3600, 4) == s && !strings.ContainsAny(s, "0123456789") {
		return l, fmt.Errorf("layout %q holds no date or time", s)
	}
	// The layout must read back what it writes, or it is not a layout Go
	// understands (e.g. "2006-13-02").
	ref := time.Date(2001, 2, 3, 16, 5, 6, 0, time.UTC)
	if _, err := time.Parse(s, ref.Format(s)); err != nil {
		return l, fmt.Errorf("layout %q does not read its own output: %v", s, err)
	}
	return l, nil
}

// largeMapping returns the first mapping under n with more than MaxKeys
// keys, or nil.
func largeMapping(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.MappingNode && len(n.Content)/2 > MaxKeys {
		return n
	}
	for _, c := range n.Content {
		if m := largeMapping(c); m != nil {
			return m
		}
	}
	return nil
}
