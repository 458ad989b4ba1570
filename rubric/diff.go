package rubric

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
)

// ChangeKind says how a part of a rubric changed between two rubrics.
type ChangeKind string

// Change kinds.
const (
	Added   ChangeKind = "added"   // the part is set only in the new rubric
	Removed ChangeKind = "removed" // the part is set only in the old rubric
	Changed ChangeKind = "changed" // the part is in both, with different values
)

// Change is one difference between two rubrics, found by [Diff].
type Change struct {
	// Path names the part that changed as [Rubric.Validate] names it, e.g.
	//	dimension "reply_speed": criterion "median_reply": scale: worst
	// A dimension's or criterion's order is at "criteria: order" (or
	// "dimensions: order") under its parent.
	Path string
	// Kind says whether the part was added, removed or changed.
	Kind ChangeKind
	// Old and New are the values as text: numbers in canonical decimal
	// form, free text quoted, lists separated by commas, and a node added
	// or removed as a whole summarised by the fields that score (its
	// titles and rationales left out). Old is empty when Kind is Added,
	// New when it is Removed.
	Old, New string
	// AltersScores reports whether the change can move a score, a grade or
	// a rank computed from the same records. It is false for wording (the
	// standard's ID, version, title and description; titles, rationales and
	// grade labels), for the order of dimensions and criteria, and for a
	// default spelled out or left out (see [Changes.Comparability]).
	AltersScores bool
}

// Changes are the differences between two rubrics, in the order of the
// rubric's fields: metadata, dimensions, the top-level method, grades. In a
// list of dimensions, criteria or grades, those of the old rubric come
// first, in its order, each followed by its own changes; then those only in
// the new rubric; then a change of order.
type Changes []Change

// Comparability says whether scores computed under two rubrics may be set
// side by side.
type Comparability string

// Comparabilities, from [Changes.Comparability].
const (
	// Identical: nothing changed; the rubrics have the same canonical form
	// and hash ([Rubric.Hash]). Reports under them are fully comparable.
	Identical Comparability = "identical"
	// WordingOnly: comparable with caveats. Only changes that leave every
	// score, grade and rank as it was. The reports carry different hashes
	// and may carry different IDs and versions, so say which standard each
	// used.
	WordingOnly Comparability = "wording_only"
	// NotComparable: at least one change can move scores or grades for the
	// same records. Rescore both periods under one standard to compare them.
	NotComparable Comparability = "not_comparable"
)

// Comparability says whether reports under the old and new rubric of c may
// be compared, and why:
//
//   - [Identical] when c is empty: the same standard, with the same hash.
//   - [WordingOnly] when every change leaves scores alone: the standard's
//     id, version, title or description; a dimension's or criterion's title
//     or rationale; a grade's labels; the order of dimensions or of the
//     criteria within a dimension; and a default spelled out or left out
//     (aggregation arithmetic, missing reweight, clock calendar,
//     grace_hours 0, silence_days 30, the default credits, an empty filter).
//   - [NotComparable] for any other change: a dimension, criterion or grade
//     added or removed (renaming one is both), or a change to a weight,
//     metric, parameter, filter, scale, minimum sample, shrinkage,
//     knock-out cap, aggregation method or grade minimum.
//
// Relative scales ([ScaleKind.Relative]) make scores depend on the other
// agencies of a run: even under an identical rubric, such scores compare
// only within one run.
func (c Changes) Comparability() (Comparability, string) {
	if len(c) == 0 {
		return Identical, "the same standard"
	}
	var scoring []string
	for _, ch := range c {
		if ch.AltersScores {
			scoring = append(scoring, ch.Path)
		}
	}
	switch len(scoring) {
	case 0:
		return WordingOnly, fmt.Sprintf("%s of wording, order or spelled-out defaults: the same scores and grades under a different hash", plural(len(c), "change"))
	case 1:
		return NotComparable, "scores may differ: " + scoring[0]
	}
	return NotComparable, fmt.Sprintf("scores may differ: %s, and %s more", scoring[0], plural(len(scoring)-1, "change"))
}

// Comparable reports whether scores under the two rubrics may be compared:
// [Changes.Comparability] is Identical or WordingOnly.
func (c Changes) Comparable() bool {
	v, _ := c.Comparability()
	return v != NotComparable
}

// String renders the changes one per line, as
//
//	changed dimension "reply_speed": weight: 0.4 -> 0.3
//	added   dimension "reply_speed": criterion "within_8h": metric within_target_rate, ...
//	removed grade "slow": min 50
//
// The text is for people and may change between versions; programs read
// the Change fields.
func (c Changes) String() string {
	var b strings.Builder
	for _, ch := range c {
		switch ch.Kind {
		case Added:
			fmt.Fprintf(&b, "%-7s %s: %s\n", ch.Kind, ch.Path, ch.New)
		case Removed:
			fmt.Fprintf(&b, "%-7s %s: %s\n", ch.Kind, ch.Path, ch.Old)
		default:
			fmt.Fprintf(&b, "%-7s %s: %s -> %s\n", ch.Kind, ch.Path, ch.Old, ch.New)
		}
	}
	return b.String()
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// Diff returns what changed from the old rubric to the new one: metadata,
// dimensions and criteria added or removed (matched by ID), weights,
// metrics, parameters, filters, scales, methods, minimum samples, shrinkage,
// knock-out caps and grades. Diff compares every field the canonical form
// holds, so it is empty exactly when the two rubrics have the same
// [Rubric.Hash]. Decimals compare by value: 0.40 is 0.4. The rubrics need not
// be valid.
func Diff(old, new Rubric) Changes {
	var d differ
	d.structs("", reflect.ValueOf(old), reflect.ValueOf(new))
	return d.out
}

type differ struct {
	out Changes
}

// elemWord names the elements of the lists matched by ID, as paths name
// them.
var elemWord = map[string]string{"dimensions": "dimension", "criteria": "criterion", "gates": "gate", "grades": "grade"}

// defaultText holds the text of the default value of the fields that have
// one, keyed by type and field name: spelling a default out, or leaving it
// out, does not alter scores.
var defaultText = map[string]string{
	"Method.Aggregation": string(Arithmetic), "Method.Missing": string(Reweight),
	"Params.Clock": string(CalendarClock), "Params.GraceHours": "0", "Params.SilenceDays": "30",
	"Credits.Accurate": "1", "Credits.Partial": "0.5", "Credits.Inaccurate": "0", "Credits.Deflection": "0",
}

// wording reports whether field f of struct type t is wording, which does
// not alter scores.
func wording(t reflect.Type, f reflect.StructField) bool {
	switch f.Name {
	case "Title", "Description", "Rationale", "Labels":
		return true
	case "ID", "Version":
		return t == reflect.TypeFor[Rubric]()
	}
	return false
}

// quotedKey returns a map key for a path: as it is when plain text, else
// quoted with escapes, so that no control or bidirectional character of a
// file reaches a terminal.
func quotedKey(k string) string {
	if plainName(k) {
		return k
	}
	return strconv.Quote(k)
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + ": " + name
}

func (d *differ) add(c Change) { d.out = append(d.out, c) }

// structs compares two values of the same struct type field by field; path
// is the struct's own path.
func (d *differ) structs(path string, a, b reflect.Value) {
	t := a.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		name := yamlName(f)
		fa, fb := a.Field(i), b.Field(i)
		key := t.Name() + "." + f.Name
		switch {
		case f.Type.Kind() == reflect.Slice && f.Type.Elem().Kind() == reflect.Struct:
			if _, ok := f.Type.Elem().FieldByName("ID"); ok {
				d.keyed(path, name, fa, fb)
			} else {
				d.positional(join(path, name), fa, fb)
			}
		default:
			d.value(join(path, name), fa, fb, !wording(t, f), omitted(f), key)
		}
	}
}

// omitted reports whether the zero value of field f is left out of a file.
func omitted(f reflect.StructField) bool {
	_, opts, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	return f.Type.Kind() == reflect.Pointer || strings.Contains(opts, "omitempty")
}

// value compares two values of a field. scoring says whether a change to it
// alters scores; omit, whether its zero value means "left out", making a
// change from or to it an addition or a removal; key names the field for
// defaultText.
func (d *differ) value(path string, a, b reflect.Value, scoring, omit bool, key string) {
	t := a.Type()
	switch {
	case t == decimalType:
		if !a.Interface().(decimal.Decimal).Equal(b.Interface().(decimal.Decimal)) {
			d.add(Change{Path: path, Kind: Changed, Old: text(a), New: text(b), AltersScores: scoring})
		}
		return
	case t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && t.Elem() != decimalType:
		switch {
		case a.IsNil() && b.IsNil():
			return
		case a.IsNil() || b.IsNil():
			// Compare with the zero value: an empty filter is no filter.
			n := len(d.out)
			za, zb := a, b
			kind := Added
			if a.IsNil() {
				za = reflect.New(t.Elem())
			} else {
				zb = reflect.New(t.Elem())
				kind = Removed
			}
			d.structs(path, za.Elem(), zb.Elem())
			if len(d.out) == n {
				c := Change{Path: path, Kind: kind}
				if kind == Added {
					c.New = "{}"
				} else {
					c.Old = "{}"
				}
				d.add(c)
			}
		default:
			d.structs(path, a.Elem(), b.Elem())
		}
		return
	case t.Kind() == reflect.Struct:
		d.structs(path, a, b)
		return
	case t.Kind() == reflect.Map:
		d.maps(path, a, b, scoring)
		return
	}
	ta, tb := text(a), text(b)
	if ta == tb {
		return
	}
	c := Change{Path: path, Kind: Changed, Old: ta, New: tb, AltersScores: scoring}
	za, zb := omit && isUnset(a), omit && isUnset(b)
	switch {
	case za:
		c.Kind, c.Old = Added, ""
	case zb:
		c.Kind, c.New = Removed, ""
	}
	if def, ok := defaultText[key]; ok && (za && tb == def || zb && ta == def) {
		c.AltersScores = false
	}
	d.add(c)
}

// isUnset reports whether v is nil or its type's zero value, as a file
// leaves out.
func isUnset(v reflect.Value) bool {
	if v.Kind() == reflect.Slice {
		return v.Len() == 0
	}
	return v.IsZero()
}

// maps compares two maps from strings to strings, such as grade labels.
func (d *differ) maps(path string, a, b reflect.Value, scoring bool) {
	var keys []string
	for _, m := range []reflect.Value{a, b} {
		for _, k := range m.MapKeys() {
			if !slices.Contains(keys, k.String()) {
				keys = append(keys, k.String())
			}
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		va, vb := a.MapIndex(reflect.ValueOf(k).Convert(a.Type().Key())), b.MapIndex(reflect.ValueOf(k).Convert(b.Type().Key()))
		p := join(path, quotedKey(k)) // a key from the file: printed quoted when not plain text
		switch {
		case !va.IsValid():
			d.add(Change{Path: p, Kind: Added, New: text(vb), AltersScores: scoring})
		case !vb.IsValid():
			d.add(Change{Path: p, Kind: Removed, Old: text(va), AltersScores: scoring})
		case text(va) != text(vb):
			d.add(Change{Path: p, Kind: Changed, Old: text(va), New: text(vb), AltersScores: scoring})
		}
	}
}

// keyed compares two lists of nodes with IDs (dimensions, criteria, grades),
// matching them by ID: the k-th node with an ID in one list is matched with
// the k-th with that ID in the other.
func (d *differ) keyed(path, name string, a, b reflect.Value) {
	word := elemWord[name]
	if word == "" {
		word = name
	}
	type node struct {
		id  string
		key string
		v   reflect.Value
	}
	nodes := func(l reflect.Value) []node {
		seen := map[string]int{}
		out := make([]node, l.Len())
		for i := range out {
			v := l.Index(i)
			id := v.FieldByName("ID").String()
			out[i] = node{id, fmt.Sprintf("%s\x00%d", id, seen[id]), v}
			seen[id]++
		}
		return out
	}
	na, nb := nodes(a), nodes(b)
	index := func(ns []node) map[string]node {
		m := make(map[string]node, len(ns))
		for _, n := range ns {
			m[n.key] = n
		}
		return m
	}
	ia, ib := index(na), index(nb)
	label := func(id string) string { return join(path, fmt.Sprintf("%s %q", word, id)) }
	var orderA, orderB []string
	for _, n := range na {
		m, ok := ib[n.key]
		if !ok {
			d.add(Change{Path: label(n.id), Kind: Removed, Old: summary(n.v), AltersScores: true})
			continue
		}
		orderA = append(orderA, n.key)
		d.structs(label(n.id), n.v, m.v)
	}
	for _, n := range nb {
		if _, ok := ia[n.key]; !ok {
			d.add(Change{Path: label(n.id), Kind: Added, New: summary(n.v), AltersScores: true})
		} else {
			orderB = append(orderB, n.key)
		}
	}
	if !slices.Equal(orderA, orderB) {
		ids := func(ns []node) string {
			s := make([]string, len(ns))
			for i, n := range ns {
				s[i] = n.id
			}
			return strings.Join(s, ", ")
		}
		// The order of grade bands decides which grade a score earns.
		d.add(Change{Path: join(path, name+": order"), Kind: Changed, Old: ids(na), New: ids(nb), AltersScores: name == "grades"})
	}
}

// positional compares two lists of nodes without IDs (bands) element by
// element.
func (d *differ) positional(path string, a, b reflect.Value) {
	for i := range max(a.Len(), b.Len()) {
		p := fmt.Sprintf("%s[%d]", path, i)
		switch {
		case i >= a.Len():
			d.add(Change{Path: p, Kind: Added, New: summary(b.Index(i)), AltersScores: true})
		case i >= b.Len():
			d.add(Change{Path: p, Kind: Removed, Old: summary(a.Index(i)), AltersScores: true})
		default:
			d.structs(p, a.Index(i), b.Index(i))
		}
	}
}

// text renders a scalar, a pointer to one, or a list of strings.
func text(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == decimalType:
		return canonicalDecimal(v.Interface().(decimal.Decimal))
	case v.Kind() == reflect.String:
		if v.Type() == reflect.TypeFor[string]() {
			return strconv.Quote(v.String())
		}
		return v.String()
	case v.Kind() == reflect.Slice:
		s := make([]string, v.Len())
		for i := range s {
			if s[i] = text(v.Index(i)); s[i] == "" {
				s[i] = `""`
			}
		}
		return strings.Join(s, ", ")
	case v.Kind() == reflect.Struct, v.Kind() == reflect.Map:
		return summary(v)
	}
	return fmt.Sprint(v.Interface())
}

// summary renders a node added or removed as a whole: its fields that are
// set, except its ID (already in the path) and its wording.
func summary(v reflect.Value) string {
	if v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return text(v)
	}
	t := v.Type()
	var parts []string
	for i := range t.NumField() {
		f := t.Field(i)
		fv := v.Field(i)
		if f.Name == "ID" || wording(t, f) || (fv.Type() != decimalType && isUnset(fv)) {
			continue
		}
		name := yamlName(f)
		switch et := f.Type; {
		case et.Kind() == reflect.Slice && et.Elem().Kind() == reflect.Struct:
			et = et.Elem()
			var items []string
			for j := range fv.Len() {
				e := fv.Index(j)
				if _, ok := et.FieldByName("ID"); ok {
					items = append(items, e.FieldByName("ID").String())
				} else {
					items = append(items, "("+summary(e)+")")
				}
			}
			parts = append(parts, fmt.Sprintf("%s [%s]", name, strings.Join(items, ", ")))
		case fv.Kind() == reflect.Struct && fv.Type() != decimalType,
			fv.Kind() == reflect.Pointer && fv.Type().Elem().Kind() == reflect.Struct && fv.Type().Elem() != decimalType:
			parts = append(parts, fmt.Sprintf("%s (%s)", name, summary(fv)))
		default:
			parts = append(parts, name+" "+text(fv))
		}
	}
	return strings.Join(parts, ", ")
}
