package safe_test

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/govscore/govscore/score/internal/safe"
)

func TestText(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "Ministry of Finance", "Ministry of Finance"},
		{"arabic kept", "وزارة المالية", "وزارة المالية"},
		{"joiners kept", "می\u200cخواهم", "می\u200cخواهم"},
		{"replacement character kept", "a\uFFFDb", "a\uFFFDb"},
		{"markup kept for the renderer", "`<img src=x onerror=alert(1)>` | # *", "`<img src=x onerror=alert(1)>` | # *"},
		{"backslash kept", `C:\x`, `C:\x`},
		{"newline", "x\n## Forged heading\n| 1 | fake | 100 |", `x\n## Forged heading\n| 1 | fake | 100 |`},
		{"tab", "a\tb", `a\tb`},
		{"carriage return", "a\r\nb", `a\r\nb`},
		{"NUL", "nul\x00", `nul\u0000`},
		{"escape and bell", "\x1b[31mred\a", `\u001b[31mred\u0007`},
		{"DEL", "a\x7f", `a\u007f`},
		{"C1 next line", "a\u0085b", `a\u0085b`},
		{"line separator", "a\u2028b\u2029", `a\u2028b\u2029`},
		{"right-to-left override", "\u202eevil", `\u202eevil`},
		{"every embedding and override", "\u202a\u202b\u202c\u202d\u202e", `\u202a\u202b\u202c\u202d\u202e`},
		{"isolates", "\u2066\u2067\u2068\u2069", `\u2066\u2067\u2068\u2069`},
		{"marks", "\u200e\u200f\u061c", `\u200e\u200f\u061c`},
		{"invalid UTF-8", "a\xffb\xc3", `a\xffb\xc3`},
		{"formula left to CSV", "=HYPERLINK(\"http://x\")", "=HYPERLINK(\"http://x\")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := safe.Text(tt.in)
			assert.Equal(t, tt.want, got, "Text(%q)", tt.in)
			assert.Equal(t, got, safe.Text(got), "Text(Text(%q))", tt.in)
		})
	}
}

func TestTextNoAllocation(t *testing.T) {
	s := "Ministry of Finance · وزارة المالية"
	if n := testing.AllocsPerRun(100, func() { safe.Text(s) }); n != 0 {
		t.Errorf("Text(%q) allocated %v times, want 0", s, n)
	}
}

// FuzzText checks that the result never holds a character the policy
// escapes and is valid UTF-8, and that Text is idempotent.
func FuzzText(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\u202e", "\xff", "وزارة\u200f", "\x00\x85\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := safe.Text(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Text(%q) = %q, not valid UTF-8", s, got)
		}
		for _, r := range got {
			if policy(r) {
				t.Fatalf("Text(%q) = %q, which holds %U", s, got, r)
			}
		}
		if again := safe.Text(got); again != got {
			t.Fatalf("Text(Text(%q)) = %q, want %q", s, again, got)
		}
		if !utf8.ValidString(s) {
			return
		}
		for _, r := range s {
			if policy(r) {
				return // something was escaped
			}
		}
		if got != s {
			t.Fatalf("Text(%q) = %q, want it unchanged", s, got)
		}
	})
}

// policy reports whether the policy escapes r, written out from the
// package documentation rather than taken from the code under test.
func policy(r rune) bool {
	switch {
	case r < 0x20, r >= 0x7f && r <= 0x9f, r == '\u2028', r == '\u2029':
		return true
	case r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069', r == '\u200e', r == '\u200f', r == '\u061c':
		return true
	}
	return false
}
