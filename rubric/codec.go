package rubric

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shopspring/decimal"
	"go.yaml.in/yaml/v3"
)

// MaxFileSize is the largest rubric file [Load] reads, in bytes: 1 MiB,
// as for every configuration file govscore reads (a mapping file has the
// same limit). The default standard takes 7 KB as YAML.
const MaxFileSize = 1 << 20

// MaxMapKeys is the most keys any mapping in a rubric file may have,
// such as a grade's labels by language or a criterion's fields: 256. A
// file with a larger mapping is rejected, naming its line, before it is
// decoded: the YAML decoder's check for repeated keys takes time
// quadratic in their number.
const MaxMapKeys = 256

// MaxBands is the most bands a scale of kind bands may have. Validate
// refuses more: checking that bands cover the range compares each with
// those before it.
const MaxBands = 1000

// ErrSyntax matches every problem found while reading a rubric file, before
// validation: malformed YAML or JSON, unknown fields, numbers that are not
// decimals. Each is a [*SyntaxError].
var ErrSyntax = errors.New("rubric file")

// SyntaxError is a problem found while reading a rubric file, before
// validation, and where it is. errors.Is(err, [ErrSyntax]) holds for
// every SyntaxError; Unwrap gives the problem itself, such as [ErrNumber]
// for a number out of range.
type SyntaxError struct {
	File string // the file's path, when read by [LoadFile]; "" otherwise
	Line int    // the line, from 1; 0 for a problem of the file as a whole
	Path string // the field, as in "dimensions[0].criteria[2].weight"; "" when not known
	Err  error  // the problem
}

// Error returns the problem with its place: the file and line
// ("draft.yaml:6"), or "rubric file: line 6" for a rubric read from memory,
// then the field and the problem.
func (e *SyntaxError) Error() string {
	var b strings.Builder
	switch {
	case e.File != "" && e.Line > 0:
		fmt.Fprintf(&b, "%s:%d", e.File, e.Line)
	case e.File != "":
		b.WriteString(e.File)
	case e.Line > 0:
		fmt.Fprintf(&b, "%s: line %d", ErrSyntax, e.Line)
	default:
		b.WriteString(ErrSyntax.Error())
	}
	if e.Path != "" {
		b.WriteString(": " + e.Path)
	}
	if e.Err == nil {
		return b.String()
	}
	return b.String() + ": " + e.Err.Error()
}

// Unwrap returns the problem.
func (e *SyntaxError) Unwrap() error { return e.Err }

// Is reports whether target is [ErrSyntax].
func (e *SyntaxError) Is(target error) bool { return target == ErrSyntax }

// yamlErrors turns an error of the YAML package into syntax errors, one
// for each problem it lists, with the line each names.
func yamlErrors(err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	errs := make([]error, len(msgs))
	for i, m := range msgs {
		// Never a Go type in a message: "field x not found in type
		// rubric.Criterion" is an unknown field x.
		if pre, rest, ok := strings.Cut(m, "field "); ok {
			if name, _, ok := strings.Cut(rest, " not found in type "); ok {
				m = pre + fmt.Sprintf("unknown field %q", name)
			}
		}
		m = unmarshalWords(m)
		se := &SyntaxError{Err: errors.New(m)}
		if rest, ok := strings.CutPrefix(m, "line "); ok {
			if n, msg, ok := strings.Cut(rest, ": "); ok {
				if line, err := strconv.Atoi(n); err == nil && line > 0 {
					se.Line, se.Err = line, errors.New(msg)
				}
			}
		}
		errs[i] = se
	}
	return errors.Join(errs...)
}

// checkMappings returns a syntax error for the first mapping of the YAML
// tree under doc, in document order, that has more than MaxMapKeys keys.
func checkMappings(doc *yaml.Node) error {
	stack := []*yaml.Node{doc}
	for len(stack) > 0 {
		n := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if n.Kind == yaml.MappingNode && len(n.Content)/2 > MaxMapKeys {
			return &SyntaxError{Line: n.Line, Err: fmt.Errorf("a mapping of %d keys: at most %d (MaxMapKeys)", len(n.Content)/2, MaxMapKeys)}
		}
		for i := len(n.Content) - 1; i >= 0; i-- {
			stack = append(stack, n.Content[i])
		}
	}
	return nil
}

// invalidUTF8 returns the offset of the first byte of data that is not
// valid UTF-8, or len(data).
func invalidUTF8(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// lineAt returns the line, from 1, of the byte at offset i of data.
func lineAt(data []byte, i int) int { return bytes.Count(data[:i], []byte{'\n'}) + 1 }

// withAnchorLine gives yaml's "unknown anchor 'x' referenced", which names
// no line, the line of the first alias *x in data.
func withAnchorLine(err error, data []byte) error {
	var se *SyntaxError
	if !errors.As(err, &se) || se.Line != 0 {
		return err
	}
	name, ok1 := strings.CutPrefix(se.Err.Error(), "unknown anchor '")
	name, ok2 := strings.CutSuffix(name, "' referenced")
	if !ok1 || !ok2 {
		return err
	}
	if i := bytes.Index(data, []byte("*"+name)); i >= 0 {
		se.Line = lineAt(data, i)
	}
	return err
}

// unmarshalWords rewrites yaml's "cannot unmarshal !!seq into
// rubric.ScaleKind" as "found a list where a text belongs": what the file
// holds and what belongs there, in the file's terms.
func unmarshalWords(m string) string {
	pre, rest, ok := strings.Cut(m, "cannot unmarshal ")
	if !ok {
		return m
	}
	tag, rest, ok := strings.Cut(rest, " ")
	if !ok {
		return m
	}
	goType, ok := strings.CutPrefix(rest, "into ")
	if !ok {
		return m
	}
	goType, _, _ = strings.Cut(goType, " ")
	found := map[string]string{"!!seq": "a list", "!!map": "a mapping", "!!str": "a text", "!!int": "a number",
		"!!float": "a number", "!!bool": "a boolean", "!!null": "nothing"}[tag]
	if found == "" {
		found = "a value"
	}
	return pre + fmt.Sprintf("found %s where %s belongs", found, goTypeWords(goType))
}

// goTypeWords names what a value of the Go type named t is in a rubric
// file, for messages.
func goTypeWords(t string) string {
	switch {
	case strings.HasPrefix(t, "[]"):
		return "a list"
	case strings.HasPrefix(t, "map["), rubricStructs[t]:
		return "a mapping"
	case t == "decimal.Decimal" || strings.HasPrefix(t, "float"):
		return "a decimal number"
	case strings.HasPrefix(t, "int") || strings.HasPrefix(t, "uint"):
		return "a whole number"
	case t == "bool":
		return "true or false"
	}
	return "a text"
}

// rubricStructs are the names, as yaml writes them ("rubric.Scale"), of
// the struct types a rubric file holds.
var rubricStructs = func() map[string]bool {
	out := map[string]bool{}
	var walk func(t reflect.Type)
	walk = func(t reflect.Type) {
		for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Map {
			t = t.Elem()
		}
		if t.Kind() != reflect.Struct || t == decimalType || out[t.String()] {
			return
		}
		out[t.String()] = true
		for i := range t.NumField() {
			walk(t.Field(i).Type)
		}
	}
	walk(reflect.TypeFor[Rubric]())
	return out
}()

// fileErrors sets the File of every syntax error in err to path.
func fileErrors(err error, path string) {
	var walk func(error)
	walk = func(err error) {
		switch e := err.(type) {
		case *SyntaxError:
			e.File = path
		case interface{ Unwrap() []error }:
			for _, x := range e.Unwrap() {
				walk(x)
			}
		case interface{ Unwrap() error }:
			walk(e.Unwrap())
		}
	}
	walk(err)
}

// Load reads a rubric from YAML or JSON (JSON is read as YAML, of which it is
// a subset, so both report errors with their line) and validates it.
//
// Decimals are taken from the file's text exactly: 0.1 stays 0.1, never
// passing through float64. Unknown fields, duplicate keys, several
// documents in one file, numbers that are not plain decimals, counts that
// are not whole numbers and booleans other than true and false are errors
// naming their line. A rubric that reads but fails [Rubric.Validate] is
// returned with all its problems joined in the error.
func Load(r io.Reader) (Rubric, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return Rubric{}, err
	}
	return Parse(data)
}

// LoadFile reads the rubric file at path with [Load]. Its syntax errors
// name the file; other errors start with the path.
func LoadFile(path string) (Rubric, error) {
	f, err := os.Open(path)
	if err != nil {
		return Rubric{}, err
	}
	defer f.Close()
	rb, err := Load(f)
	switch {
	case errors.Is(err, ErrSyntax):
		fileErrors(err, path)
		return rb, err
	case err != nil:
		return rb, fmt.Errorf("%s: %w", path, err)
	}
	return rb, nil
}

// Parse is [Load] for a rubric already in memory.
func Parse(data []byte) (Rubric, error) {
	if len(data) > MaxFileSize {
		return Rubric{}, &SyntaxError{Err: fmt.Errorf("larger than %d bytes", MaxFileSize)}
	}
	if !utf8.Valid(data) {
		return Rubric{}, &SyntaxError{Line: lineAt(data, invalidUTF8(data)), Err: errors.New("not valid UTF-8")}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return Rubric{}, withAnchorLine(yamlErrors(err), data)
	}
	if err := checkMappings(&doc); err != nil {
		return Rubric{}, err
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return Rubric{}, &SyntaxError{Err: errors.New("empty")}
	}
	// Check the numbers first, with their lines: yaml's own error for a bad
	// decimal would not say where it is.
	c := decimalChecker{seen: map[aliasUse]bool{}}
	c.check(doc.Content[0], reflect.TypeFor[Rubric](), "")
	unknownOnly := len(c.errs) > 0
	for _, err := range c.errs {
		unknownOnly = unknownOnly && errors.Is(err, errUnknownField)
	}
	if unknownOnly {
		// Misspelt fields are the only problems so far: read the rest, to
		// report what else is wrong at once.
		var r Rubric
		dec := yaml.NewDecoder(bytes.NewReader(data))
		if err := dec.Decode(&r); err == nil {
			if verr := r.Validate(); verr != nil {
				c.errs = append(c.errs, verr)
			}
		}
	}
	if len(c.errs) > 0 {
		return Rubric{}, errors.Join(c.errs...)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var r Rubric
	if err := dec.Decode(&r); err != nil {
		return Rubric{}, yamlErrors(err)
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err != io.EOF {
		return Rubric{}, &SyntaxError{Line: extra.Line, Err: errors.New("more than one document")}
	}
	return r, r.Validate()
}

var decimalType = reflect.TypeFor[decimal.Decimal]()

// decimalChecker walks a YAML node beside the Go type it will decode into and
// collects an error, with its line, for every scalar bound for a decimal that
// is not a plain decimal number, for an integer that is not a whole number,
// for a boolean that is not true or false, and for every field the type
// does not have (named as the file names fields, with the nearest known
// name, never as a Go type). Nodes that do not fit the
// type are left to the decoder, which reports them.
type decimalChecker struct {
	seen map[aliasUse]bool
	errs []error // *SyntaxError
}

// aliasUse is an anchored node read as a type through an alias or merge key.
type aliasUse struct {
	n *yaml.Node
	t reflect.Type
}

// plainKey reports whether the mapping key k, in the mapping at path, is
// a plain scalar, and records an error when it is not: an alias or a
// tagged key, which yaml decodes as the field it names while a reader
// sees another text (or none), is not allowed.
func (c *decimalChecker) plainKey(k *yaml.Node, path string) bool {
	switch {
	case k.Kind == yaml.AliasNode:
		c.errs = append(c.errs, &SyntaxError{Line: k.Line, Path: path, Err: errors.New("an alias (*name) cannot be a key")})
		return false
	case k.Kind != yaml.ScalarNode:
		c.errs = append(c.errs, &SyntaxError{Line: k.Line, Path: path, Err: errors.New("a key must be a plain text")})
		return false
	case k.Style&yaml.TaggedStyle != 0 && k.Value != "<<":
		c.errs = append(c.errs, &SyntaxError{Line: k.Line, Path: path, Err: fmt.Errorf("an explicit tag (%q) is not allowed on a key", k.Tag)})
		return false
	}
	return true
}

// check checks n, at path, as a value of type t.
func (c *decimalChecker) check(n *yaml.Node, t reflect.Type, path string) {
	optional := t.Kind() == reflect.Pointer
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.Kind == yaml.AliasNode {
		// An alias is decoded as the type of the place where it stands, which
		// need not be that of its anchor's place: check its target as this
		// type too, once per type, so that aliases of aliases stay cheap.
		u := aliasUse{n.Alias, t}
		if n.Alias == nil || c.seen[u] {
			return
		}
		c.seen[u] = true
		c.check(n.Alias, t, path)
		return
	}
	if n.Style&yaml.TaggedStyle != 0 {
		// yaml would decode !!binary, !!int 1.0 or !!bool "x" other than
		// as the text reads: a standard has no use for tags.
		c.errs = append(c.errs, &SyntaxError{Line: n.Line, Path: path, Err: fmt.Errorf("an explicit tag (%q) is not allowed", n.Tag)})
		return
	}
	switch {
	case t == decimalType:
		if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" && !optional {
			// yaml would read null as 0.
			c.errs = append(c.errs, &SyntaxError{Line: n.Line, Path: path, Err: errors.New("null: a number is required")})
			return
		}
		if n.Kind != yaml.ScalarNode {
			// yaml would read {} or [] as 0.
			c.errs = append(c.errs, &SyntaxError{Line: n.Line, Path: path, Err: errors.New("a number is required, not a mapping or a list")})
			return
		}
		if n.ShortTag() == "!!null" {
			return
		}
		if _, err := parseDecimal(n.Value); err != nil {
			c.errs = append(c.errs, &SyntaxError{Line: n.Line, Path: path, Err: err})
		}
	case t.Kind() >= reflect.Int && t.Kind() <= reflect.Int64:
		// yaml would truncate 2.5 to 2 and read 0x10 as 16.
		if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" && !wholeNumber(n.Value) {
			c.errs = append(c.errs, &SyntaxError{Line: n.Line, Path: path, Err: fmt.Errorf("%q is not a whole number", n.Value)})
		}
	case t.Kind() == reflect.Bool:
		// yaml would read "yes", "on" and "no", quoted or not, as booleans.
		if n.Kind == yaml.ScalarNode && n.ShortTag() != "!!null" && n.ShortTag() != "!!bool" {
			c.errs = append(c.errs, &SyntaxError{Line: n.Line, Path: path, Err: fmt.Errorf("%q is not true or false", n.Value)})
		}
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		c.required(n, t, path)
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := n.Content[i], n.Content[i+1]
			if !c.plainKey(k, path) {
				continue
			}
			if k.Value == "<<" && k.ShortTag() == "!!merge" {
				// A merge key's mappings are decoded into this struct.
				if v.Kind == yaml.SequenceNode {
					for _, m := range v.Content {
						c.check(m, t, path)
					}
				} else {
					c.check(v, t, path)
				}
			} else if f, ok := fieldByYAMLName(t, k.Value); ok {
				c.check(v, f.Type, fieldPath(path, k.Value))
			} else if k.Kind == yaml.ScalarNode {
				c.errs = append(c.errs, &SyntaxError{Line: k.Line, Path: fieldPath(path, k.Value), Err: unknownField(t, k.Value)})
			}
		}
	case (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) && n.Kind == yaml.SequenceNode:
		for i, e := range n.Content {
			c.check(e, t.Elem(), fmt.Sprintf("%s[%d]", path, i))
		}
	case t.Kind() == reflect.Map && n.Kind == yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			if c.plainKey(n.Content[i], path) {
				c.check(n.Content[i+1], t.Elem(), fieldPath(path, n.Content[i].Value))
			}
		}
	}
}

// requiredFields are the numbers the JSON Schema requires whose absence
// [Rubric.Validate] cannot see: left out, a weight, a band's points or a
// grade's minimum would read as 0. (The other required fields are
// reported missing by Validate.)
var requiredFields = map[reflect.Type][]string{
	reflect.TypeFor[Dimension](): {"weight"},
	reflect.TypeFor[Criterion](): {"weight"},
	reflect.TypeFor[Band]():      {"points"},
	reflect.TypeFor[Grade]():     {"min"},
}

// required adds an error for each field of type t that the mapping n, at
// path, lacks, counting the keys its merge keys bring.
func (c *decimalChecker) required(n *yaml.Node, t reflect.Type, path string) {
	want := requiredFields[t]
	if len(want) == 0 {
		return
	}
	has := map[string]bool{}
	var keys func(m *yaml.Node, depth int)
	keys = func(m *yaml.Node, depth int) {
		for m != nil && m.Kind == yaml.AliasNode {
			m = m.Alias
		}
		if m == nil || m.Kind != yaml.MappingNode || depth > 8 {
			return
		}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k, v := m.Content[i], m.Content[i+1]
			if k.ShortTag() != "!!merge" {
				has[k.Value] = true
			} else if v.Kind == yaml.SequenceNode {
				for _, e := range v.Content {
					keys(e, depth+1)
				}
			} else {
				keys(v, depth+1)
			}
		}
	}
	keys(n, 0)
	for _, f := range want {
		if !has[f] {
			c.errs = append(c.errs, &SyntaxError{Line: n.Line, Path: fieldPath(path, f), Err: errors.New("missing: the field is required")})
		}
	}
}

// fieldPath returns the path of field name under path.
func fieldPath(path, name string) string {
	// A key from the file is printed quoted, escapes and all, unless it is
	// plain text: a control character or a bidirectional override in it
	// would otherwise reach a terminal, or forge a line of the errors.
	if !plainName(name) {
		name = strconv.Quote(name)
	}
	if path == "" {
		return name
	}
	return path + "." + name
}

// plainName reports whether name is printable text without a quote, a
// backslash or white space other than the space, that strconv.Quote
// would leave as it is.
func plainName(name string) bool {
	for _, r := range name {
		if r == '"' || r == '\\' || !unicode.IsPrint(r) {
			return false
		}
	}
	return name != ""
}

// wholeNumber reports whether s is an optional sign and decimal digits.
func wholeNumber(s string) bool {
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	// A leading zero would make yaml read 010 as octal 8.
	return s != "" && strings.Trim(s, "0123456789") == "" && (s == "0" || s[0] != '0')
}

// parseDecimal reads a plain decimal number: an optional sign, digits and an
// optional fraction. Exponents, hexadecimal, underscores and infinities are
// refused, so that what a reader of the file sees is the number used.
func parseDecimal(s string) (decimal.Decimal, error) {
	// A valid rubric number has at most MaxPlaces decimals and 10 integer
	// digits; refusing long text first keeps a million-digit number from
	// costing seconds of big-integer parsing.
	if len(s) > 2*(MaxPlaces+10) {
		return decimal.Decimal{}, fmt.Errorf("%w: %.20q... has too many digits", ErrNumber, s)
	}
	digits := 0
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || ((c == '-' || c == '+') && i == 0):
		default:
			return decimal.Decimal{}, fmt.Errorf("%q is not a decimal number", s)
		}
	}
	if digits == 0 || strings.Count(s, ".") > 1 {
		return decimal.Decimal{}, fmt.Errorf("%q is not a decimal number", s)
	}
	return decimal.NewFromString(s)
}

// fieldByYAMLName finds the field of struct type t that YAML calls name.
// unknownField returns the error for a field name that struct type t does
// not have (the error's path names it), suggesting the nearest of its
// names when one is near.
func unknownField(t reflect.Type, name string) error {
	best, bestDist := "", len(name)/3+1 // at most a third of the name changed
	for i := range t.NumField() {
		if n := yamlName(t.Field(i)); n != "" && n != "-" {
			if d := editDistance(name, n); d < bestDist || d == bestDist && best != "" && n < best {
				best, bestDist = n, d
			}
		}
	}
	if best == "" {
		return errUnknownField
	}
	return fmt.Errorf("%w (did you mean %s?)", errUnknownField, best)
}

var errUnknownField = errors.New("unknown field")

// editDistance returns the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			sub := prev[j-1]
			if a[i-1] != b[j-1] {
				sub++
			}
			cur[j] = min(sub, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func fieldByYAMLName(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if yamlName(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

func yamlName(f reflect.StructField) string {
	tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
	if tag == "" {
		return strings.ToLower(f.Name)
	}
	return tag
}

// node returns the rubric as a YAML node tree in which every decimal is a
// plain scalar written canonically (see [canonicalDecimal]).
func (r Rubric) node() (*yaml.Node, error) {
	var n yaml.Node
	if err := n.Encode(r); err != nil {
		return nil, err
	}
	if err := setDecimals(&n, reflect.ValueOf(r)); err != nil {
		return nil, err
	}
	return &n, nil
}

// setDecimals walks a node tree beside the Go value it was encoded from and
// rewrites each decimal as a plain, canonical scalar, independent of the
// shopspring/decimal package's formatting globals.
func setDecimals(n *yaml.Node, v reflect.Value) error {
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	switch {
	case v.Type() == decimalType:
		n.Value = canonicalDecimal(v.Interface().(decimal.Decimal))
		n.Tag, n.Style = "", 0
	case v.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		kept := n.Content[:0]
		for i := 0; i+1 < len(n.Content); i += 2 {
			f, ok := fieldByYAMLName(v.Type(), n.Content[i].Value)
			if !ok {
				return fmt.Errorf("rubric: no field for YAML key %q", n.Content[i].Value)
			}
			fv := v.FieldByIndex(f.Index)
			if fv.Kind() == reflect.Pointer && fv.IsNil() {
				continue // an unset optional value; yaml's omitempty would also drop a set 0
			}
			if err := setDecimals(n.Content[i+1], fv); err != nil {
				return err
			}
			kept = append(kept, n.Content[i], n.Content[i+1])
		}
		n.Content = kept
	case v.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for i, c := range n.Content {
			if err := setDecimals(c, v.Index(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// canonicalDecimal writes d with no exponent and no trailing zeros: 0.10 is
// "0.1", 1.0 is "1", 0.000001 is "0.000001".
func canonicalDecimal(d decimal.Decimal) string {
	d = d.Normalize()
	places := max(-d.Exponent(), 0)
	return d.StringFixed(places)
}

// WriteYAML writes the rubric as YAML, with two-space indentation and every
// decimal as a plain number, so that [Load] gives back the same rubric.
func (r Rubric) WriteYAML(w io.Writer) error {
	n, err := r.node()
	if err != nil {
		return err
	}
	return yamlOut(w, n)
}

// WriteJSON writes the rubric as indented JSON with every decimal as a JSON
// number in its exact decimal form (never through float64), so that [Load]
// gives back the same rubric.
func (r Rubric) WriteJSON(w io.Writer) error {
	n, err := r.node()
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := writeJSON(&b, n, "\n"); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err = w.Write(b.Bytes())
	return err
}

// SaveFile writes the rubric to path as JSON when the name ends in ".json",
// else as YAML.
func SaveFile(path string, r Rubric) error {
	var b bytes.Buffer
	write := r.WriteYAML
	if strings.EqualFold(filepath.Ext(path), ".json") {
		write = r.WriteJSON
	}
	if err := write(&b); err != nil {
		return err
	}
	return os.WriteFile(path, b.Bytes(), 0o644)
}

// Canonical returns the canonical form of the rubric: compact JSON with
// fields in a fixed order, map keys sorted and decimals without exponent or
// trailing zeros. Two rubrics that load to the same value have the same
// canonical form.
func (r Rubric) Canonical() ([]byte, error) {
	n, err := r.node()
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := writeJSON(&b, n, ""); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// Hash returns "sha256:" followed by the hexadecimal SHA-256 of the
// rubric's [Rubric.Canonical] form. Reports carry it, so two reports tell
// whether they used the same standard.
func (r Rubric) Hash() (string, error) {
	c, err := r.Canonical()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(c)
	return "sha256:" + hex.EncodeToString(sum[:]), nil
}

// writeJSON writes a YAML node tree made by [Rubric.node] as JSON. An empty
// newline writes it compact; "\n" indents by two spaces per level.
func writeJSON(b *bytes.Buffer, n *yaml.Node, newline string) error {
	if n.Kind == yaml.DocumentNode {
		return writeJSON(b, n.Content[0], newline)
	}
	inner := newline
	if newline != "" {
		inner += "  "
	}
	sep := ":"
	if newline != "" {
		sep = ": "
	}
	switch n.Kind {
	case yaml.MappingNode, yaml.SequenceNode:
		open, closing := "[", "]"
		if n.Kind == yaml.MappingNode {
			open, closing = "{", "}"
		}
		b.WriteString(open)
		step := 1
		if n.Kind == yaml.MappingNode {
			step = 2
		}
		for i := 0; i < len(n.Content); i += step {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(inner)
			v := n.Content[i]
			if n.Kind == yaml.MappingNode {
				writeJSONString(b, n.Content[i].Value)
				b.WriteString(sep)
				v = n.Content[i+1]
			}
			if err := writeJSON(b, v, inner); err != nil {
				return err
			}
		}
		if len(n.Content) > 0 {
			b.WriteString(newline)
		}
		b.WriteString(closing)
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!int", "!!float":
			if _, err := strconv.ParseFloat(n.Value, 64); err != nil && !errors.Is(err, strconv.ErrRange) {
				return fmt.Errorf("rubric: %q is not a JSON number", n.Value)
			}
			b.WriteString(n.Value)
		case "!!bool":
			b.WriteString(n.Value)
		case "!!null":
			b.WriteString("null")
		default:
			writeJSONString(b, n.Value)
		}
	default:
		return fmt.Errorf("rubric: cannot write YAML node kind %v as JSON", n.Kind)
	}
	return nil
}

func writeJSONString(b *bytes.Buffer, s string) {
	start := b.Len()
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.Truncate(b.Len() - 1)
	if !strings.ContainsFunc(s, yamlUnprintable) {
		return
	}
	// JSON is read back as YAML, which refuses these characters raw (or, for
	// NEL, reads it as a line break); escape them as JSON and YAML both allow.
	quoted := string(b.Bytes()[start:])
	b.Truncate(start)
	for _, r := range quoted {
		if yamlUnprintable(r) {
			fmt.Fprintf(b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
	}
}

// yamlUnprintable reports whether YAML refuses r raw in a quoted scalar,
// among the characters encoding/json leaves unescaped.
func yamlUnprintable(r rune) bool {
	return r == 0x7f || (r >= 0x80 && r <= 0x9f) || r == 0xfeff || r == 0xfffe || r == 0xffff
}
