package safe

import (
	"strings"
	"unicode/utf8"
)

// Text returns s with every character that could forge a line, a column
// or the reading order of a page replaced by a visible escape, and
// everything else, including U+FFFD, unchanged:
//
//   - line feed, tab and carriage return as \n, \t and \r;
//   - the other C0 controls (NUL among them), DEL and the C1 controls, the
//     line and paragraph separators U+2028 and U+2029, and the
//     bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069,
//     U+200E, U+200F and U+061C) as \u and four lower-case hex digits,
//     e.g. \u202e;
//   - each byte that is not part of valid UTF-8 as \x and two hex digits.
//
// A backslash already in s is kept, so an escape is not told from the
// same six characters typed; the escapes are ASCII, so Text(Text(s)) ==
// Text(s). Text does not allocate when s has nothing to escape.
func Text(s string) string {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if escaped(r, n) {
			return escape(s, i)
		}
		i += n
	}
	return s
}

// escaped reports whether the rune r, decoded from n bytes, is written
// as an escape.
func escaped(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n == 1: // a byte that is not UTF-8
		return true
	case r < 0x20, r >= 0x7f && r <= 0x9f: // C0, DEL, C1
		return true
	case r == '\u2028', r == '\u2029': // line and paragraph separators
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u061c':
		return true // bidirectional embeddings, overrides, isolates and marks
	}
	return false
}

const hex = "0123456789abcdef"

// escape returns s with the runes from byte i on escaped as [Text] says.
func escape(s string, i int) string {
	var b strings.Builder
	b.Grow(len(s) + 8)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case !escaped(r, n):
			b.WriteString(s[i : i+n])
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == utf8.RuneError:
			b.WriteString(`\x`)
			b.WriteByte(hex[s[i]>>4])
			b.WriteByte(hex[s[i]&0xf])
		default:
			b.WriteString(`\u`)
			for shift := 12; shift >= 0; shift -= 4 {
				b.WriteByte(hex[r>>shift&0xf])
			}
		}
		i += n
	}
	return b.String()
}
