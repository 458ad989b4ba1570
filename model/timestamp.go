package model

import (
	"encoding/binary"
	"fmt"
	"time"
)

// Timestamps in record files are RFC 3339 instants such as
//
//	2025-03-01T09:30:00+03:00
//	2025-03-01T06:30:00.25Z
//	2025-03-01 09:30:00+03:00
//
// A space may stand for the 'T'; fractional seconds are allowed. An instant
// keeps the offset it was written with (an offset of zero reads as UTC).

// timeParser reads the timestamps of one file. Fixed zones are made once per
// offset and shared by every instant with that offset. A timeParser is not
// safe for concurrent use.
type timeParser struct {
	loc *time.Location // zone of timestamps written without an offset; nil rejects them

	lastOff  int            // offset of lastZone, in seconds east of UTC
	lastZone *time.Location // the zone most recently used; nil at first
	// lastText and lastMinutes are lastOff as a timestamp writes it,
	// "+03:00": its first four bytes and last two, little-endian.
	lastText    uint32
	lastMinutes uint16
	zones       map[int]*time.Location
}

// The fixed part of a timestamp, "YYYY-MM-DDThh:mm:ss", is checked eight
// bytes at a time: the bytes of each word that must be digits, and the
// separators the others must be. A byte b is a digit when b^'0' is at most
// 9, that is when both b^'0' and b^'0'+6 have a high nibble of zero.
const (
	ascii0 = 0x3030303030303030 // '0' in every byte
	nibble = 0xF0F0F0F0F0F0F0F0 // the high nibble of every byte
	sixes  = 0x0606060606060606

	// "YYYY-MM-": digits but in bytes 4 and 7, which are '-'.
	dateDigits = 0x00FFFF00FFFFFFFF
	dateSeps   = 0x2D00002D00000000
	// "DDThh:mm": digits but in byte 2, 'T' or ' ', and byte 5, ':'.
	clockDigits = 0xFFFF00FFFF00FFFF
	clockSeps   = 0x00003A0000540000 // with 'T'; a space differs in one bit
	spaceForT   = 0x0000000000740000 // 'T' ^ ' '
)

// digitsIn reports whether the bytes of w that mask selects are all ASCII
// digits, and returns w with those bytes turned into their values (0-9).
func digitsIn(w, mask uint64) (uint64, bool) {
	v := (w ^ ascii0) & mask
	return v, v&nibble == 0 && (v+sixes)&nibble == 0
}

// parse reads the timestamp s, which must not be empty. The grammar is RFC 3339's
// date-time, with a space allowed for the T:
//
//	YYYY-MM-DD ("T" / " ") hh:mm:ss [ "." 1*DIGIT ] [ "Z" / ("+" / "-") hh:mm ]
//
// with the offset left out only when p.loc is set. Digits of the fraction
// past the ninth are dropped. An instant outside the plausible range (see
// [CheckTime]) is an error wrapping [ErrImplausibleTime]. Parsing does
// not allocate unless s is bad.
func (p *timeParser) parse(s []byte) (time.Time, error) {
	t, _, err := p.parseUnix(s)
	return t, err
}

// parseUnix is parse, which returns the instant's Unix time in seconds
// too.
func (p *timeParser) parseUnix(s []byte) (time.Time, int64, error) {
	if len(s) < 19 {
		return time.Time{}, 0, badTime(s)
	}
	dw, cw := binary.LittleEndian.Uint64(s), binary.LittleEndian.Uint64(s[8:])
	if cw&^clockDigits == clockSeps^spaceForT {
		cw ^= spaceForT // a space for the 'T'
	}
	d, ok1 := digitsIn(dw, dateDigits)
	c, ok2 := digitsIn(cw, clockDigits)
	if !ok1 || !ok2 || dw&^dateDigits != dateSeps || cw&^clockDigits != clockSeps || s[16] != ':' ||
		s[17]-'0' > 9 || s[18]-'0' > 9 {
		return time.Time{}, 0, badTime(s)
	}
	// Each byte of d*10 + d>>8 is a digit of d times ten plus the next
	// one (at most 99: nothing carries into the next byte), so the
	// two-digit numbers can be read off it.
	dp, cp := d*10+d>>8, c*10+c>>8
	year := int(dp&0xFF)*100 + int(dp>>16&0xFF)
	month, day := int(dp>>40&0xFF), int(cp&0xFF)
	h, mi := int(cp>>24&0xFF), int(cp>>48&0xFF)
	sec := int(s[17]-'0')*10 + int(s[18]-'0')
	if month < 1 || month > 12 || day < 1 || day > 28 && day > daysIn(month, year) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, 0, badTime(s)
	}
	i, ns := 19, 0
	if i < len(s) && s[i] == '.' {
		j, scale := i+1, 100_000_000
		for ; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
			ns += int(s[j]-'0') * scale
			scale /= 10
		}
		if j == i+1 {
			return time.Time{}, 0, badTime(s)
		}
		i = j
	}
	var off int
	switch rest := s[i:]; {
	case string(rest) == "Z":
	case len(rest) == 6 && p.lastZone != nil && binary.LittleEndian.Uint32(rest) == p.lastText &&
		binary.LittleEndian.Uint16(rest[4:]) == p.lastMinutes:
		off = p.lastOff // the offset of the timestamp before
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := digits2(rest, 1)
		om, ok2 := digits2(rest, 4)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, 0, badTime(s)
		}
		off = (oh*60 + om) * 60
		if rest[0] == '-' {
			off = -off
		}
		if off != 0 {
			p.zone(off)
			p.lastText, p.lastMinutes = binary.LittleEndian.Uint32(rest), binary.LittleEndian.Uint16(rest[4:])
		}
	case len(rest) == 0:
		if p.loc == nil {
			return time.Time{}, 0, fmt.Errorf("%w: %s", ErrNoZone, quoteCell(string(s)))
		}
		t := time.Date(year, time.Month(month), day, h, mi, sec, ns, p.loc)
		u := t.Unix()
		if u < PlausibleFromUnix || u >= PlausibleUntilUnix {
			return time.Time{}, 0, implausibleTime(s)
		}
		if t.Hour() != h || t.Minute() != mi || t.Day() != day {
			return time.Time{}, 0, skippedTime(string(s), p.loc)
		}
		return t, u, nil
	default:
		return time.Time{}, 0, badTime(s)
	}
	unix := civilDays(year, month, day)*86400 + int64(h*3600+mi*60+sec-off)
	if unix < PlausibleFromUnix || unix >= PlausibleUntilUnix {
		return time.Time{}, 0, implausibleTime(s)
	}
	return time.Unix(unix, int64(ns)).In(p.zone(off)), unix, nil
}

func badTime(s []byte) error {
	return fmt.Errorf("%w: %s is not an RFC 3339 timestamp", ErrBadTime, quoteCell(string(s)))
}

// zone returns a location with the fixed offset off, in seconds east of UTC,
// making at most one per offset.
func (p *timeParser) zone(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	if p.lastZone != nil && p.lastOff == off {
		return p.lastZone
	}
	z, ok := p.zones[off]
	if !ok {
		if p.zones == nil {
			p.zones = make(map[int]*time.Location)
		}
		z = time.FixedZone("", off)
		p.zones[off] = z
	}
	p.lastOff, p.lastZone = off, z
	return z
}

// digits2 returns the two-digit decimal number at s[i:i+2].
func digits2(s []byte, i int) (int, bool) {
	a, b := s[i]-'0', s[i+1]-'0'
	if a > 9 || b > 9 {
		return 0, false
	}
	return int(a)*10 + int(b), true
}

// daysIn returns the number of days in month m (1..12) of year y in the
// proleptic Gregorian calendar.
func daysIn(m, y int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil returns the number of days from 1970-01-01 to the date
// y-m-d (m 1..12) in the proleptic Gregorian calendar, for y >= 0.
// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms", with the
// year counted from March and shifted by 400 years so that every division
// is of a non-negative number: a multiplication.)
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	uy := uint64(y + 400)
	days := uy*365 + uy/4 - uy/100 + uy/400 + uint64(daysBeforeMonth[m]) + uint64(d)
	return int64(days) - (719468 + 146097 + 1)
}

// civilDays is daysFromCivil, from tables for the years of plausible
// instants, in any offset.
func civilDays(y, m, d int) int64 {
	if i := uint(y - firstTableYear); i < uint(len(yearStart)-1) {
		leap := 0
		if yearStart[i+1]-yearStart[i] == 366 {
			leap = 1
		}
		return int64(yearStart[i]) + int64(monthStart[leap][m]) + int64(d-1)
	}
	return daysFromCivil(y, m, d)
}

// firstTableYear is the first year of yearStart, the last year before
// PlausibleFromUnix; its last year is the year of PlausibleUntilUnix.
const firstTableYear = 1969

// yearStart is daysFromCivil of January 1 of each year from
// firstTableYear to 2200, and monthStart the days from January 1 to the
// first of each month (1..12) in a common year and in a leap year.
var (
	yearStart  [2200 - firstTableYear + 1]int32
	monthStart = [2][13]uint16{
		{0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
		{0, 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335},
	}
)

func init() {
	for i := range yearStart {
		yearStart[i] = int32(daysFromCivil(firstTableYear+i, 1, 1))
	}
}

// daysBeforeMonth is the number of days from March 1 to the first of
// month m (1..12) in a year counted from March: (153*((m+9)%12)+2)/5.
var daysBeforeMonth = [13]uint16{0, 306, 337, 0, 31, 61, 92, 122, 153, 184, 214, 245, 275}

// formatTime returns t as RFC 3339 with nanoseconds and t's own offset, or
// "" for the zero time. An offset that RFC 3339 cannot state (not a whole
// number of minutes, or a day or more) is written in UTC instead: the
// instant is kept, the offset is not. Years outside 0..9999 are an error.
func formatTime(field string, t time.Time) (string, error) {
	if t.IsZero() {
		return "", nil
	}
	if _, off := t.Zone(); off%60 != 0 || off <= -86400 || off >= 86400 {
		t = t.UTC()
	}
	if y := t.Year(); y < 0 || y > 9999 {
		return "", fmt.Errorf("%s: year %d cannot be written in RFC 3339", field, y)
	}
	return t.Format(time.RFC3339Nano), nil
}

// quoteCell quotes a cell for an error message, shortening long ones.
func quoteCell(s string) string {
	const max = 64
	if len(s) > max {
		return fmt.Sprintf("%q...", s[:max])
	}
	return fmt.Sprintf("%q", s)
}
