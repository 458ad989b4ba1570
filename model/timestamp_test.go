package model

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTimeParser(t *testing.T) {
	riyadh, err := time.LoadLocation("Asia/Riyadh")
	require.NoError(t, err)
	tests := []struct {
		name    string
		in      string
		loc     *time.Location
		want    string // RFC 3339 with nanoseconds, in the parsed offset
		wantErr error
	}{
		{"offset", "2025-03-01T09:30:00+03:00", nil, "2025-03-01T09:30:00+03:00", nil},
		{"negative offset", "2025-03-01T09:30:00-04:30", nil, "2025-03-01T09:30:00-04:30", nil},
		{"Z", "2025-03-01T06:30:00Z", nil, "2025-03-01T06:30:00Z", nil},
		{"zero offset is UTC", "2025-03-01T06:30:00+00:00", nil, "2025-03-01T06:30:00Z", nil},
		{"space", "2025-03-01 09:30:00+03:00", nil, "2025-03-01T09:30:00+03:00", nil},
		{"fraction", "2025-03-01T09:30:00.25+03:00", nil, "2025-03-01T09:30:00.25+03:00", nil},
		{"nanoseconds", "2025-03-01T09:30:00.123456789Z", nil, "2025-03-01T09:30:00.123456789Z", nil},
		{"leap day", "2024-02-29T00:00:00Z", nil, "2024-02-29T00:00:00Z", nil},
		{"year 0", "0000-03-01T00:00:00Z", nil, "", ErrImplausibleTime},
		{"year 9999", "9999-12-31T23:59:59+14:00", nil, "", ErrImplausibleTime},
		{"the first plausible instant", "1970-01-01T03:00:00+03:00", nil, "1970-01-01T03:00:00+03:00", nil},
		{"a second before it", "1969-12-31T23:59:59Z", nil, "", ErrImplausibleTime},
		{"the last plausible nanosecond", "2199-12-31T23:59:59.999999999Z", nil, "2199-12-31T23:59:59.999999999Z", nil},
		{"the end of the plausible range", "2200-01-01T00:00:00Z", nil, "", ErrImplausibleTime},
		{"in the range only by its offset", "2200-01-01T13:59:59+14:00", nil, "2200-01-01T13:59:59+14:00", nil},
		{"before 1970 in a location", "1970-01-01T02:59:59", riyadh, "", ErrImplausibleTime},
		{"the first plausible instant in a location", "1970-01-01T03:00:00", riyadh, "1970-01-01T03:00:00+03:00", nil},
		{"long fraction truncated", "2025-03-01T09:30:00.1234567899Z", nil, "2025-03-01T09:30:00.123456789Z", nil},
		{"comma fraction", "2025-03-01T09:30:00,5Z", nil, "", ErrBadTime},
		{"one-digit hour", "2025-03-01T9:30:00Z", nil, "", ErrBadTime},
		{"lower-case t", "2025-03-01t09:30:00Z", nil, "", ErrBadTime},
		{"no zone", "2025-03-01T09:30:00", nil, "", ErrNoZone},
		{"no zone, fraction", "2025-03-01 09:30:00.5", nil, "", ErrNoZone},
		{"no zone with location", "2025-03-01T09:30:00", riyadh, "2025-03-01T09:30:00+03:00", nil},
		{"no zone, bad date, with location", "2025-02-30T09:30:00", riyadh, "", ErrBadTime},
		{"offset wins over location", "2025-03-01T09:30:00Z", riyadh, "2025-03-01T09:30:00Z", nil},
		{"date only", "2025-03-01", nil, "", ErrBadTime},
		{"not leap", "2025-02-29T00:00:00Z", nil, "", ErrBadTime},
		{"hour 24", "2025-03-01T24:00:00Z", nil, "", ErrBadTime},
		{"second 60", "2025-03-01T23:59:60Z", nil, "", ErrBadTime},
		{"month 13", "2025-13-01T00:00:00Z", nil, "", ErrBadTime},
		{"offset hour 24", "2025-03-01T00:00:00+24:00", nil, "", ErrBadTime},
		{"offset without colon", "2025-03-01T00:00:00+0300", nil, "", ErrBadTime},
		{"trailing junk", "2025-03-01T00:00:00Zx", nil, "", ErrBadTime},
		{"unix seconds", "1740812400", nil, "", ErrBadTime},
		{"words", "yesterday", nil, "", ErrBadTime},
		{"empty fraction", "2025-03-01T00:00:00.Z", nil, "", ErrBadTime},
		{"slashes", "2025/03/01T00:00:00Z", nil, "", ErrBadTime},
		{"dots", "2025-03-01T00.00.00Z", nil, "", ErrBadTime},
		{"tab for T", "2025-03-01\t00:00:00Z", nil, "", ErrBadTime},
		{"letter O for zero", "2O25-03-01T00:00:00Z", nil, "", ErrBadTime},
		{"colon in year", "20:5-03-01T00:00:00Z", nil, "", ErrBadTime},
		{"day 00", "2025-03-00T00:00:00Z", nil, "", ErrBadTime},
		{"month 00", "2025-00-01T00:00:00Z", nil, "", ErrBadTime},
		{"minute 60", "2025-03-01T00:60:00Z", nil, "", ErrBadTime},
		{"second digit bad", "2025-03-01T00:00:0aZ", nil, "", ErrBadTime},
		{"last day of year", "2024-12-31T23:59:59-12:00", nil, "2024-12-31T23:59:59-12:00", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := timeParser{loc: tt.loc}
			got, err := p.parse([]byte(tt.in))
			if tt.wantErr != nil {
				assert.ErrorIs(t, err, tt.wantErr, "parse(%q) = %v, %v; want error %v", tt.in, got, err, tt.wantErr)
				return
			}
			require.NoError(t, err, "parse(%q)", tt.in)
			assert.Equal(t, tt.want, got.Format(time.RFC3339Nano), "parse(%q)", tt.in)
		})
	}
}

func TestTimeParserSharesZones(t *testing.T) {
	var p timeParser
	a, err := p.parse([]byte("2025-03-01T09:30:00+03:00"))
	require.NoError(t, err)
	b, err := p.parse([]byte("2025-03-02T09:30:00+03:00"))
	require.NoError(t, err)
	assert.Same(t, a.Location(), b.Location(), "two instants at +03:00 should share one *time.Location")
}

func TestFormatTime(t *testing.T) {
	lmt := time.FixedZone("LMT", 3*3600+6*60+52)
	tests := []struct {
		name    string
		in      time.Time
		want    string
		wantErr bool
	}{
		{"zero", time.Time{}, "", false},
		{"own offset", time.Date(2025, 3, 1, 9, 30, 0, 5, time.FixedZone("", 3*3600)), "2025-03-01T09:30:00.000000005+03:00", false},
		{"UTC", time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC), "2025-03-01T09:30:00Z", false},
		{"offset with seconds becomes UTC", time.Date(1900, 1, 1, 3, 6, 52, 0, lmt), "1900-01-01T00:00:00Z", false},
		{"year 10000", time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC), "", true},
		{"negative year", time.Date(-1, 1, 1, 0, 0, 0, 0, time.UTC), "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := formatTime("x", tt.in)
			if tt.wantErr {
				assert.Error(t, err, "formatTime(%v)", tt.in)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got, "formatTime(%v)", tt.in)
		})
	}
}

func TestDaysFromCivil(t *testing.T) {
	for _, y := range []int{0, 1, 99, 100, 399, 400, 1969, 1970, 2000, 2024, 2025, 9999} {
		for m := 1; m <= 12; m++ {
			for _, d := range []int{1, daysIn(m, y)} {
				want := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix() / 86400
				if got := daysFromCivil(y, m, d); got != want {
					t.Errorf("daysFromCivil(%d, %d, %d) = %d, want %d", y, m, d, got, want)
				}
			}
		}
	}
}

// TestTimeParserShared reads many timestamps, valid and not, with one
// parser and each with a parser of its own: what a parser read before
// (its zones) changes no result.
func TestTimeParserShared(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	shared := timeParser{}
	for range 200000 {
		y := 1990 + rng.IntN(60)
		if rng.IntN(50) == 0 {
			y = rng.IntN(10000)
		}
		zone := [...]string{"+03:00", "+03:00", "-04:30", "Z", "+00:00", "+05:45", "-00:00", "+24:00", "+03:0"}[rng.IntN(9)]
		s := fmt.Sprintf("%04d-%02d-%02dT%02d:%02d:%02d%s", y, 1+rng.IntN(13), 1+rng.IntN(31), rng.IntN(25), rng.IntN(60), rng.IntN(60), zone)
		b := []byte(s)
		if rng.IntN(20) == 0 { // a stray byte
			b[rng.IntN(len(b))] = byte(rng.IntN(256))
		}
		fresh := timeParser{}
		want, wantErr := fresh.parse(b)
		got, err := shared.parse(b)
		if !got.Equal(want) || zoneOffset(got) != zoneOffset(want) || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("parse(%q) = %v, %v with a cache, %v, %v without", b, got, err, want, wantErr)
		}
	}
}

// FuzzTimeParser checks the hand-written parser against the standard
// library: whatever it accepts, time.Parse accepts as the same instant with
// the same offset, within the plausible range; it fails only with
// ErrBadTime, ErrNoZone or ErrImplausibleTime, and with the last only for
// a timestamp time.Parse reads as an instant outside the range.
func FuzzTimeParser(f *testing.F) {
	for _, s := range []string{"2025-03-01T09:30:00+03:00", "2025-03-01 09:30:00.123Z", "2024-02-29T23:59:59-12:59",
		"0000-01-01T00:00:00Z", "2025-03-01T09:30:00", "2025-03-01T09:30:00.1234567891Z", "2025-02-31T00:00:00Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := timeParser{}
		got, err := p.parse([]byte(s))
		// Again, its date now in the cache: the same.
		if again, err2 := p.parse([]byte(s)); !again.Equal(got) || again.Location() != got.Location() || fmt.Sprint(err2) != fmt.Sprint(err) {
			t.Fatalf("parse(%q) = %v, %v the first time and %v, %v the second", s, got, err, again, err2)
		}
		if err != nil && !errors.Is(err, ErrImplausibleTime) {
			if !errors.Is(err, ErrBadTime) && !errors.Is(err, ErrNoZone) {
				t.Fatalf("parse(%q): error %v is neither ErrBadTime, ErrNoZone nor ErrImplausibleTime", s, err)
			}
			return
		}
		v := s
		if v[10] == ' ' {
			v = v[:10] + "T" + v[11:]
		}
		want, perr := time.Parse(time.RFC3339, v)
		if perr != nil {
			t.Fatalf("parse(%q) = %v, %v, but time.Parse fails: %v", s, got, err, perr)
		}
		if u := want.Unix(); (err != nil) != (u < PlausibleFromUnix || u >= PlausibleUntilUnix) {
			t.Fatalf("parse(%q) = %v, %v; time.Parse gives %v, Unix %d", s, got, err, want, u)
		}
		if err != nil {
			return
		}
		_, gotOff := got.Zone()
		_, wantOff := want.Zone()
		if !got.Equal(want) || gotOff != wantOff {
			t.Fatalf("parse(%q) = %v, time.Parse gives %v", s, got, want)
		}
		if strings.ContainsAny(v, "t ,") {
			t.Fatalf("parse(%q) accepted a character outside the grammar", s)
		}
	})
}

func zoneOffset(t time.Time) int {
	_, off := t.Zone()
	return off
}

// TestSkippedLocalTimes: a local time that the zone skips (New York's
// clocks go from 02:00 to 03:00 on 13 March 2022) is an error, where Go
// would move it by the change; the hour before and after, and the
// repeated hour of 6 November (read as its first instance), are read.
func TestSkippedLocalTimes(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	p := timeParser{loc: ny}
	for _, tt := range []struct {
		s       string
		skipped bool
	}{
		{"2022-03-13T01:59:59", false},
		{"2022-03-13T02:00:00", true},
		{"2022-03-13 02:30:00", true},
		{"2022-03-13T03:00:00", false},
		{"2022-11-06T01:30:00", false},
	} {
		got, err := p.parse([]byte(tt.s))
		if tt.skipped {
			assert.ErrorIs(t, err, ErrBadTime, tt.s)
			assert.ErrorContains(t, err, "the clocks skip it", tt.s)
			continue
		}
		require.NoError(t, err, tt.s)
		assert.Equal(t, tt.s[11:], got.Format("15:04:05"), tt.s)

		// CheckLocalTime agrees, for a layout.
		layout := "2006-01-02T15:04:05"
		lt, err := time.ParseInLocation(layout, tt.s, ny)
		if err == nil {
			assert.NoError(t, CheckLocalTime(lt, layout, tt.s), tt.s)
		}
	}
	lt, err := time.ParseInLocation("2006-01-02 15:04:05", "2022-03-13 02:30:00", ny)
	require.NoError(t, err, "Go reads it, moved")
	assert.ErrorIs(t, CheckLocalTime(lt, "2006-01-02 15:04:05", "2022-03-13 02:30:00"), ErrBadTime)
}

// TestCivilDays holds the tables of civilDays to daysFromCivil, itself
// checked against the time package, on every day of the years they cover
// and of some years either side.
func TestCivilDays(t *testing.T) {
	for y := firstTableYear - 3; y <= 2203; y++ {
		for m := 1; m <= 12; m++ {
			for d := 1; d <= daysIn(m, y); d++ {
				want := daysFromCivil(y, m, d)
				if got := civilDays(y, m, d); got != want {
					t.Fatalf("civilDays(%d, %d, %d) = %d, want %d", y, m, d, got, want)
				}
				if u := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Unix(); u != want*86400 {
					t.Fatalf("daysFromCivil(%d, %d, %d) = %d, time says %d", y, m, d, want, u/86400)
				}
			}
		}
	}
}
