// Package jsonkey finds repeated keys in JSON objects. encoding/json
// accepts an object in which a key appears twice and keeps the last value
// in silence; the readers of govscore reject it instead, with this one
// check.
//
// Two keys are the same key when they are equal under Unicode case
// folding (strings.EqualFold), after their escapes are decoded: that is
// how encoding/json matches keys to the fields of a struct, so "id",
// "ID" and "\u0069d" all fill one field.
package jsonkey

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Set is the keys of one JSON object seen so far. The zero value is an
// empty set. A Set is not safe for concurrent use.
type Set struct {
	small [smallSet]string    // the first n keys, while there are few
	n     int                 // the keys in small
	big   map[string]struct{} // the folded keys (see fold), once there are many
}

// smallSet is the most keys a Set compares one by one before it makes a
// map: the cost of a lookup stays constant, so that an object with a
// million keys costs a million lookups, not a million squared
// comparisons.
const smallSet = 16

// Add adds key and reports whether the set already held the same key.
func (s *Set) Add(key string) (repeated bool) {
	if s.big != nil {
		f := fold(key)
		if _, ok := s.big[f]; ok {
			return true
		}
		s.big[f] = struct{}{}
		return false
	}
	for _, k := range s.small[:s.n] {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	if s.n < smallSet {
		s.small[s.n] = key
		s.n++
		return false
	}
	s.big = make(map[string]struct{}, 4*smallSet)
	for _, k := range s.small {
		s.big[fold(k)] = struct{}{}
	}
	s.big[fold(key)] = struct{}{}
	s.small, s.n = [smallSet]string{}, 0
	return false
}

// fold returns the form of key that equals the form of another key
// exactly when strings.EqualFold holds for the two: each letter replaced
// by the smallest rune of its case-folding orbit (for ASCII letters, the
// capital).
func fold(key string) string {
	ascii := true
	for i := 0; i < len(key); i++ {
		if key[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToUpper(key)
	}
	var b strings.Builder
	b.Grow(len(key))
	for _, r := range key {
		least := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			least = min(least, f)
		}
		b.WriteRune(least)
	}
	return b.String()
}

// Error returns the error of a repeated key: errRepeated, the caller's
// sentinel, wrapped with the key.
func Error(errRepeated error, key string) error {
	return fmt.Errorf("%w: %s appears more than once in its object", errRepeated, quote(key))
}

// quote quotes a key for an error message, shortening a long one.
func quote(s string) string {
	const max = 64
	if len(s) > max {
		return strconv.Quote(s[:max]) + "..."
	}
	return strconv.Quote(s)
}

// maxDepth is the deepest nesting Check follows: encoding/json's own
// limit, past which the decoder reports an error. Each level costs Check a
// frame of a few hundred bytes, so that without the limit a line of
// brackets would cost a hundred times its size.
const maxDepth = 10000

// Check returns nil when no object in the JSON value data, at any depth,
// has a key twice, and otherwise the path of the first repeated key, such
// as "names.ar" or "notes[2].type", with the error [Error] makes of
// errRepeated. Text that is not valid JSON is not checked past its first
// syntax error: the decoder that reads it reports the error. Check does
// not allocate unless a key has escapes or an object many keys.
func Check(data []byte, errRepeated error) (path string, err error) {
	var stack []frame
	var buf [8]frame
	stack = buf[:0]
	for i := 0; i < len(data); {
		c := data[i]
		switch c {
		case ' ', '\t', '\r', '\n', ',', ':':
			i++
			continue
		case '}', ']':
			if len(stack) == 0 {
				return "", nil
			}
			stack = stack[:len(stack)-1]
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].pending = false // the value of its key has ended
			}
			i++
			continue
		}
		top := len(stack) - 1
		if c == '"' {
			end, escaped := stringEnd(data, i)
			if end < 0 {
				return "", nil
			}
			if top >= 0 && stack[top].object && !stack[top].pending {
				key, ok := keyText(data[i:end], escaped)
				if !ok {
					return "", nil
				}
				if stack[top].keys.Add(key) {
					key = strings.Clone(key)
					return pathTo(stack, key), Error(errRepeated, key)
				}
				stack[top].key, stack[top].pending = key, true
				i = end
				continue
			}
			i = end
		}
		// A value: of the pending key of an object, or the next element
		// of an array.
		if top >= 0 && !stack[top].object {
			stack[top].index++
		}
		switch c {
		case '{', '[':
			if len(stack) == maxDepth {
				return "", nil // the decoder refuses it
			}
			stack = append(stack, frame{object: c == '{', index: -1})
			i++
			continue
		case '"':
		default: // a number, true, false or null
			for i < len(data) && !strings.ContainsRune(" \t\r\n,:]}", rune(data[i])) {
				i++
			}
		}
		if top < 0 {
			return "", nil // a scalar at the top
		}
		stack[top].pending = false
	}
	return "", nil
}

// stringEnd returns the index just after the JSON string that starts at
// data[i], a '"', and whether it holds escapes; -1 when it does not end.
func stringEnd(data []byte, i int) (end int, escaped bool) {
	for j := i + 1; j < len(data); j++ {
		switch data[j] {
		case '"':
			return j + 1, escaped
		case '\\':
			escaped = true
			j++
		}
	}
	return -1, escaped
}

// keyText returns the text of the JSON string quoted, quotes included: a
// view of its bytes when it has no escapes, valid while they are.
func keyText(quoted []byte, escaped bool) (string, bool) {
	if !escaped {
		if len(quoted) == 2 {
			return "", true
		}
		return unsafe.String(&quoted[1], len(quoted)-2), true
	}
	var s string
	if json.Unmarshal(quoted, &s) != nil {
		return "", false
	}
	return s, true
}

// frame is an object or an array that Check is reading: in an object,
// the keys seen and whether the last key waits for its value (pending);
// in an array, the index of the current element.
type frame struct {
	object  bool
	keys    Set
	key     string
	pending bool
	index   int
}

// pathTo returns the path of key in the innermost object of stack: the
// keys of the enclosing objects and the indexes in the enclosing arrays,
// as in "notes[2].type".
func pathTo(stack []frame, key string) string {
	var b strings.Builder
	for _, f := range stack[:len(stack)-1] {
		if f.object {
			if b.Len() > 0 {
				b.WriteByte('.')
			}
			b.WriteString(f.key)
		} else {
			fmt.Fprintf(&b, "[%d]", f.index)
		}
	}
	if b.Len() > 0 {
		b.WriteByte('.')
	}
	b.WriteString(key)
	return b.String()
}

// ValidEscapes reports whether every \u escape in the JSON text raw stands
// for a Unicode scalar value: encoding/json silently turns an unpaired
// surrogate such as "\ud800" into U+FFFD, and the readers reject it as
// invalid text instead.
func ValidEscapes(raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		if raw[i] != '\\' {
			continue
		}
		i++
		if i >= len(raw) || raw[i] != 'u' {
			continue // \\, \" and the like; a dangling \ is a syntax error found later
		}
		r, ok := hex4(raw, i+1)
		if !ok {
			continue
		}
		i += 4
		switch {
		case r >= 0xDC00 && r <= 0xDFFF:
			return false // a low surrogate on its own
		case r >= 0xD800 && r <= 0xDBFF:
			if i+2 >= len(raw) || raw[i+1] != '\\' || raw[i+2] != 'u' {
				return false
			}
			lo, ok := hex4(raw, i+3)
			if !ok || lo < 0xDC00 || lo > 0xDFFF {
				return false
			}
			i += 6
		}
	}
	return true
}

// hex4 returns the value of the four hexadecimal digits at raw[i:i+4].
func hex4(raw []byte, i int) (rune, bool) {
	if i+4 > len(raw) {
		return 0, false
	}
	var r rune
	for _, c := range raw[i : i+4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
