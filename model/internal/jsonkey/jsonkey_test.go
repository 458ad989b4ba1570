package jsonkey

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

var errRepeated = errors.New("repeated key")

func TestCheck(t *testing.T) {
	many := make([]string, 1000)
	for i := range many {
		many[i] = fmt.Sprintf("%q:%d", fmt.Sprint("k", i), i)
	}
	tests := []struct {
		name, in, path, err string
	}{
		{"no repeat", `{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4}]}`, "", ""},
		{"a key twice", `{"a":1,"b":2,"a":3}`, "a", `repeated key: "a" appears more than once in its object`},
		{"the empty key twice", `{"":1,"":2}`, "", `repeated key: "" appears more than once in its object`},
		{"in another case", `{"id":1,"ID":2}`, "ID", `repeated key: "ID" appears more than once in its object`},
		{"escaped", `{"id":1,"\u0069d":2}`, "id", `repeated key: "id" appears more than once in its object`},
		{"Kelvin sign folds to k", `{"k":1,"\u212a":2}`, "\u212a", "repeated key: \"\u212a\" appears more than once in its object"},
		{"long s folds to s", `{"S":1,"\u017f":2}`, "\u017f", "repeated key: \"\u017f\" appears more than once in its object"},
		{"in a nested object", `{"names":{"ar":"x","en":"y","ar":"z"}}`, "names.ar", `repeated key: "ar" appears more than once in its object`},
		{"in an array", `{"notes":[{"t":1},{"t":2,"t":3}]}`, "notes[1].t", `repeated key: "t" appears more than once in its object`},
		{"after arrays of arrays", `{"a":[[1,2],[3]],"b":[{"x":1}],"b":0}`, "b", `repeated key: "b" appears more than once in its object`},
		{"at the top, in an array", `[1,{"a":1},{"a":1,"a":2}]`, "[2].a", `repeated key: "a" appears more than once in its object`},
		{"a key that is also a value", `{"a":"b","b":"a"}`, "", ""},
		{"a string value equal to a key, after a nested object", `{"a":{"x":1},"b":"a"}`, "", ""},
		{"a thousand keys, then one again", "{" + strings.Join(many, ",") + `,"K999":0}`, "K999", `repeated key: "K999" appears more than once in its object`},
		{"not JSON", `{"a":1,}`, "", ""},
		{"a repeat before a syntax error", `{"a":1,"a"`, "a", `repeated key: "a" appears more than once in its object`},
		{"a scalar", `"a"`, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, err := Check([]byte(tt.in), errRepeated)
			assert.Equal(t, tt.path, path, "Check(%s): path", tt.in)
			if tt.err == "" {
				assert.NoError(t, err, "Check(%s)", tt.in)
				return
			}
			assert.EqualError(t, err, tt.err, "Check(%s)", tt.in)
			assert.ErrorIs(t, err, errRepeated, "Check(%s)", tt.in)
		})
	}
}

func TestSetFoldsAsEqualFold(t *testing.T) {
	keys := []string{"a", "A", "k", "K", "\u212a", "s", "S", "\u017f", "ß", "ẞ", "Σ", "σ", "ς", "é", "É", "ǅ", "ǆ", "Ǆ", "İ", "i", "ı"}
	for _, a := range keys {
		for _, b := range keys {
			var s Set
			s.Add(a)
			assert.Equal(t, strings.EqualFold(a, b), s.Add(b), "Set{%q}.Add(%q)", a, b)
		}
	}
}

func BenchmarkCheck(b *testing.B) {
	data := []byte(`{"unique_key": "90000001", "created_date": "2018-06-26T10:00:00.000", "closed_date": "2018-06-26T12:00:00.000", "agency": "NYPD", "status": "Closed", "due_date": "2018-06-26T18:00:00.000", "open_data_channel_type": "PHONE", "location": {"type": "Point", "coordinates": [-73.96, 40.77]}}`)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Check(data, errRepeated); err != nil {
			b.Fatal(err)
		}
	}
}

// reference is Check written with encoding/json's tokens, slower and
// plainly right: the fuzz test holds Check to it.
func reference(data []byte) string {
	dec := json.NewDecoder(bytes.NewReader(data))
	type level struct {
		object  bool
		keys    []string
		key     string
		pending bool
		index   int
	}
	var stack []*level
	path := func(key string) string {
		var b strings.Builder
		for _, l := range stack[:len(stack)-1] {
			if l.object {
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(l.key)
			} else {
				fmt.Fprintf(&b, "[%d]", l.index)
			}
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		return b.String() + key
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return ""
		}
		if tok == json.Delim('}') || tok == json.Delim(']') {
			stack = stack[:len(stack)-1]
			if len(stack) > 0 {
				stack[len(stack)-1].pending = false
			}
			continue
		}
		var top *level
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		if key, ok := tok.(string); ok && top != nil && top.object && !top.pending {
			for _, k := range top.keys {
				if strings.EqualFold(k, key) {
					return path(key)
				}
			}
			top.keys = append(top.keys, key)
			top.key, top.pending = key, true
			continue
		}
		if top != nil && !top.object {
			top.index++
		}
		if tok == json.Delim('{') || tok == json.Delim('[') {
			stack = append(stack, &level{object: tok == json.Delim('{'), index: -1})
			continue
		}
		if top != nil {
			top.pending = false
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":{"a":2},"c":[{"a":3},{"a":4,"A":5}]}`, `{"id":1,"\u0069d":2}`,
		`[{"k":"\u212a"},{"\u212a":1,"k":[]}]`, `{"":{"":[{"":1}]},"x":"\"","x\\":1,"x\\":2}`, `{"a":[1,2,{"b":null,"b":true}]}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path, err := Check(data, errRepeated)
		if (err != nil) != (path != "" || strings.Contains(fmt.Sprint(err), `repeated key: ""`)) {
			t.Fatalf("Check(%q) = %q, %v: a path without an error, or an error without a path", data, path, err)
		}
		if !json.Valid(data) {
			return
		}
		if want := reference(data); path != want || (want == "" && err != nil && !strings.HasSuffix(fmt.Sprint(err), `"" appears more than once in its object`)) {
			t.Fatalf("Check(%s) = %q, %v; want %q", data, path, err, want)
		}
	})
}

func TestValidEscapes(t *testing.T) {
	for _, tc := range []struct {
		raw  string
		want bool
	}{
		{`{"a":"plain"}`, true},
		{`{"a":"\u00e9 \u062c \ud83d\ude00"}`, true}, // é, jim, a surrogate pair
		{`{"a":"\\ud800"}`, true},                    // an escaped backslash, then text
		{`{"a":"\ud800"}`, false},                    // a high surrogate alone
		{`{"a":"\ud800x"}`, false},
		{`{"a":"\ud800\u0041"}`, false}, // a high surrogate, then no low one
		{`{"a":"\udc00"}`, false},       // a low surrogate alone
		{`{"a":"\uzzzz"}`, true},        // not an escape: a syntax error, found later
	} {
		assert.Equal(t, tc.want, ValidEscapes([]byte(tc.raw)), tc.raw)
	}
}

// TestCheckDepth: Check follows nesting as deep as encoding/json does and
// no deeper, so that memory stays in proportion to that limit, not to the
// input; past it the decoder reports the error.
func TestCheckDepth(t *testing.T) {
	deep := func(n int, inner string) []byte {
		return []byte(strings.Repeat(`{"a":`, n) + inner + strings.Repeat("}", n))
	}
	// A repeated key within the limit is found...
	_, err := Check(deep(maxDepth-1, `{"k":1,"k":2}`), errRepeated)
	assert.ErrorIs(t, err, errRepeated)
	// ...and beyond it left to the decoder, which refuses the value.
	in := deep(maxDepth+5, `{"k":1,"k":2}`)
	_, err = Check(in, errRepeated)
	assert.NoError(t, err)
	var v any
	assert.Error(t, json.Unmarshal(in, &v))

	// Four million brackets: Check's memory stays within the limit's.
	brackets := []byte(strings.Repeat("[", 4<<20))
	allocs := testing.AllocsPerRun(1, func() { _, _ = Check(brackets, errRepeated) })
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	before := ms.TotalAlloc
	_, _ = Check(brackets, errRepeated)
	runtime.ReadMemStats(&ms)
	assert.Less(t, ms.TotalAlloc-before, uint64(64<<20), "bytes allocated (%v allocations)", allocs)
}
