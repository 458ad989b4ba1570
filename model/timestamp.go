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
	zones    map[int]*time.Location

	// dates remembers dates read before, by their ten bytes, so that the
	// many timestamps of a file that share a date check and convert it
	// once; nil until the first date.
	dates *[dateSlots]dateSlot
}

// dateSlots is the size of a timeParser's cache of dates: more than a
// year of days, in 24 KiB.
const dateSlots = 1 << 10

// dateSlot is a date of the cache: its text, "YYYY-MM-", and "DD", and
// what it stands for.
type dateSlot struct {
	text       uint64 // the first eight bytes, little-endian
	dd         uint16 // the last two
	year       int16
	month, day int8
	days       int64 // since 1970-01-01
}

// parse reads the timestamp s, which must not be empty. The grammar is RFC 3339's
// date-time, with a space allowed for the T:
//
//	YYYY-MM-DD ("T" / " ") hh:mm:ss [ "." 1*DIGIT ] [ "Z" / ("+" / "-") hh:mm ]
//
// with the offset left out only when p.loc is set. Digits of the fraction
// past the ninth are dropped. Parsing does not allocate unless s is bad.
func (p *timeParser) parse(s []byte) (time.Time, error) {
	if len(s) < 19 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':' || s[16] != ':' {
		return time.Time{}, badTime(s)
	}
	date, ok := p.date(s)
	if !ok {
		return time.Time{}, badTime(s)
	}
	h, ok5 := digits2(s, 11)
	mi, ok6 := digits2(s, 14)
	sec, ok7 := digits2(s, 17)
	if !(ok5 && ok6 && ok7) || h > 23 || mi > 59 || sec > 59 {
		return time.Time{}, badTime(s)
	}
	i, ns := 19, 0
	if i < len(s) && s[i] == '.' {
		j, scale := i+1, 100_000_000
		for ; j < len(s) && s[j] >= '0' && s[j] <= '9'; j++ {
			ns += int(s[j]-'0') * scale
			scale /= 10
		}
		if j == i+1 {
			return time.Time{}, badTime(s)
		}
		i = j
	}
	var off int
	switch rest := s[i:]; {
	case string(rest) == "Z":
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && rest[3] == ':':
		oh, ok1 := digits2(rest, 1)
		om, ok2 := digits2(rest, 4)
		if !ok1 || !ok2 || oh > 23 || om > 59 {
			return time.Time{}, badTime(s)
		}
		off = (oh*60 + om) * 60
		if rest[0] == '-' {
			off = -off
		}
	case len(rest) == 0:
		if p.loc == nil {
			return time.Time{}, fmt.Errorf("%w: %s", ErrNoZone, quoteCell(string(s)))
		}
		return time.Date(int(date.year), time.Month(date.month), int(date.day), h, mi, sec, ns, p.loc), nil
	default:
		return time.Time{}, badTime(s)
	}
	unix := date.days*86400 + int64(h*3600+mi*60+sec-off)
	return time.Unix(unix, int64(ns)).In(p.zone(off)), nil
}

// date returns the date s starts with, "YYYY-MM-DD", and whether it is
// one: from the cache when s's date was read before.
func (p *timeParser) date(s []byte) (*dateSlot, bool) {
	text, dd := binary.LittleEndian.Uint64(s), binary.LittleEndian.Uint16(s[8:])
	if p.dates == nil {
		p.dates = new([dateSlots]dateSlot)
	}
	slot := &p.dates[(text^uint64(dd)<<48)*0x9E3779B97F4A7C15>>(64-10)]
	if slot.text == text && slot.dd == dd && slot.month != 0 {
		return slot, true
	}
	if s[4] != '-' || s[7] != '-' {
		return nil, false
	}
	y1, ok1 := digits2(s, 0)
	y2, ok2 := digits2(s, 2)
	mo, ok3 := digits2(s, 5)
	d, ok4 := digits2(s, 8)
	year := y1*100 + y2
	if !(ok1 && ok2 && ok3 && ok4) || mo < 1 || mo > 12 || d < 1 || d > daysIn(mo, year) {
		return nil, false
	}
	*slot = dateSlot{text: text, dd: dd, year: int16(year), month: int8(mo), day: int8(d), days: daysFromCivil(year, mo, d)}
	return slot, true
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
// (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".)
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := (y + 400) / 400 // y >= -1; shift so the division floors
	era--
	yoe := y - era*400 // 0..399
	mp := (m + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

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
