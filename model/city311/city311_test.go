package city311_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/city311"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	require.NoError(t, err)
	return loc
}

// fixtureResult is what Read made of a fixture: its result and dataset.
type fixtureResult struct {
	city311.Result
	Dataset model.Dataset
}

func readFixture(t *testing.T, name string, opts city311.Options) (*fixtureResult, model.Accounting) {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	require.NoError(t, err)
	defer f.Close()
	opts.File = name
	ds311, r311, err := city311.Read(f, opts)
	acct := r311.Accounting
	require.NoError(t, err, "Read(%s)", name)
	require.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "Read(%s): read = accepted + rejected", name)
	require.NoError(t, ds311.Validate(), "Read(%s) gives an invalid dataset", name)
	return &fixtureResult{r311, ds311}, acct
}

func countWarnings(acct model.Accounting, target error) int {
	n := 0
	for _, w := range acct.Warnings {
		if errors.Is(w, target) {
			n++
		}
	}
	return n
}

func TestReadFixtures(t *testing.T) {
	ny, la := zone(t, "America/New_York"), zone(t, "America/Los_Angeles")
	tests := []struct {
		file     string
		loc      *time.Location
		layout   city311.Layout
		accepted int
		onTime   int
	}{
		{"boston2015.csv", ny, city311.LayoutBoston2015, 10, 9},
		{"boston2022.csv", ny, city311.LayoutBoston2022, 6, 6},
		{"nyc_portal.csv", ny, city311.LayoutNYCPortal, 6, 0},
		{"nyc_socrata.csv", ny, city311.LayoutNYCSocrataCSV, 6, 0},
		{"nyc_socrata.json", ny, city311.LayoutNYCSocrataJSON, 6, 0},
		{"sf.csv", la, city311.LayoutSF, 6, 0},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res, acct := readFixture(t, tt.file, city311.Options{ReadOptions: model.ReadOptions{Location: tt.loc}})
			assert.Equal(t, tt.layout, res.Layout, "Read(%s).Layout", tt.file)
			assert.Equal(t, tt.accepted, acct.Accepted, "Read(%s) accepted", tt.file)
			assert.Len(t, res.CityOnTime, tt.onTime, "Read(%s) on-time flags", tt.file)
			t.Logf("%s: read %d, accepted %d, rejected %d, warnings %d", tt.file, acct.Read, acct.Accepted, len(acct.Rejected), len(acct.Warnings))
		})
	}
}

func TestNYCMapping(t *testing.T) {
	ny := zone(t, "America/New_York")
	for _, file := range []string{"nyc_portal.csv", "nyc_socrata.csv", "nyc_socrata.json"} {
		t.Run(file, func(t *testing.T) {
			res, acct := readFixture(t, file, city311.Options{ReadOptions: model.ReadOptions{Location: ny}})
			qs := res.Dataset.Inquiries
			require.Len(t, qs, 6)
			q := qs[0]
			assert.Equal(t, "90000001", q.ID)
			assert.Equal(t, "NYPD", q.AgencyID)
			assert.Equal(t, "NYPD/phone", q.ChannelID)
			assert.Equal(t, time.Date(2018, 6, 26, 10, 0, 0, 0, ny), q.ReceivedAt, "received")
			assert.True(t, q.ResolvedAt.Equal(time.Date(2018, 6, 26, 16, 0, 0, 0, time.UTC)), "resolved %v, want 12:00 EDT", q.ResolvedAt)
			assert.Equal(t, q.ResolvedAt, q.FirstReplyAt, "FirstReplyAt = ResolvedAt")
			assert.Equal(t, time.Date(2018, 6, 26, 18, 0, 0, 0, ny), q.DueAt, "due")
			assert.True(t, qs[1].ResolvedAt.IsZero(), "open case resolved")
			assert.Equal(t, "DOT/web_form", qs[1].ChannelID)
			assert.Equal(t, "DSNY/app", qs[2].ChannelID)
			assert.True(t, qs[3].ResolvedAt.IsZero(), "Pending case with a close time must stay unresolved")
			assert.True(t, qs[4].ResolvedAt.IsZero(), "case closed before opened must stay unresolved")
			assert.Equal(t, 1, countWarnings(acct, city311.ErrZeroLengthClosure), "zero-length closures")
			assert.Equal(t, 1, countWarnings(acct, city311.ErrMissingTarget), "missing targets")
			assert.Equal(t, 1, countWarnings(acct, city311.ErrStatusMismatch), "status mismatches")
			assert.Equal(t, 1, countWarnings(acct, city311.ErrClosedBeforeOpened), "closed before opened")
			if file == "nyc_portal.csv" {
				assert.Equal(t, 1, countWarnings(acct, city311.ErrDateOnly), "date-only times")
			}
		})
	}
}

func TestBoston2015(t *testing.T) {
	ny := zone(t, "America/New_York")
	res, acct := readFixture(t, "boston2015.csv", city311.Options{ReadOptions: model.ReadOptions{Location: ny}})
	q := res.Dataset.Inquiries[0]
	assert.Equal(t, "101001240782", q.ID)
	assert.Equal(t, "PROP", q.AgencyID)
	assert.Equal(t, time.Date(2015, 1, 1, 10, 37, 47, 0, ny), q.ReceivedAt)
	assert.Equal(t, time.Date(2015, 1, 8, 10, 37, 47, 0, ny), q.DueAt)
	assert.Equal(t, time.Date(2015, 1, 2, 14, 5, 11, 0, ny), q.ResolvedAt)
	assert.True(t, res.CityOnTime[q.ID])
	assert.Positive(t, countWarnings(acct, city311.ErrMissingTarget), "missing targets")
	kinds := map[model.ChannelKind]bool{}
	for _, c := range res.Dataset.Channels {
		kinds[c.Kind] = true
		assert.True(t, c.Implied)
	}
	assert.True(t, kinds[model.ChannelX] && kinds[model.ChannelApp] && kinds[model.ChannelPhone], "channel kinds %v", kinds)
}

func TestSFZoneAndPrefixes(t *testing.T) {
	la := zone(t, "America/Los_Angeles")
	res, acct := readFixture(t, "sf.csv", city311.Options{ReadOptions: model.ReadOptions{Location: la}})
	q := res.Dataset.Inquiries[0]
	// "2019-10-06 00:05:55 UTC" is local Pacific time: the label is ignored.
	assert.Equal(t, time.Date(2019, 10, 6, 0, 5, 55, 0, la), q.ReceivedAt)
	assert.Equal(t, "311", q.AgencyID, "311 Supervisor Queue grouped by prefix")
	assert.Equal(t, 1, countWarnings(acct, city311.ErrClosedBeforeOpened))

	res, _ = readFixture(t, "sf.csv", city311.Options{ReadOptions: model.ReadOptions{Location: la}, AgencyPrefixes: []string{}})
	assert.Equal(t, "311 Supervisor Queue", res.Dataset.Inquiries[0].AgencyID, "no grouping with an empty prefix list")
}

func TestReadErrors(t *testing.T) {
	ny := zone(t, "America/New_York")
	const hdr = "unique_key,created_date,closed_date,agency,status,due_date\n"
	tests := []struct {
		name  string
		in    string
		opts  city311.Options
		want  error
		line  int
		field string
	}{
		{"no location", hdr, city311.Options{}, model.ErrNoZone, 1, ""},
		{"unknown header", "a,b\n1,2\n", city311.Options{ReadOptions: model.ReadOptions{Location: ny}}, city311.ErrUnknownLayout, 1, ""},
		{"empty", "", city311.Options{ReadOptions: model.ReadOptions{Location: ny}}, model.ErrMissing, 1, ""},
		{"missing id", hdr + ",2018-06-26T10:00:00,,DOT,Open,\n", city311.Options{ReadOptions: model.ReadOptions{Location: ny}}, model.ErrMissing, 2, "unique_key"},
		{"bad time", hdr + "1,yesterday,,DOT,Open,\n", city311.Options{ReadOptions: model.ReadOptions{Location: ny}}, model.ErrBadTime, 2, "created_date"},
		{"bad utf-8", hdr + "1,2018-06-26T10:00:00,,D\xffT,Open,\n", city311.Options{ReadOptions: model.ReadOptions{Location: ny}}, model.ErrEncoding, 2, "agency"},
		{"chosen layout lacks column", hdr, city311.Options{ReadOptions: model.ReadOptions{Location: ny}, Layout: city311.LayoutSF}, city311.ErrUnknownLayout, 1, "agency_name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, r311, err := city311.Read(strings.NewReader(tt.in), tt.opts)
			acct := r311.Accounting
			require.Error(t, err, "Read(%q)", tt.in)
			assert.ErrorIs(t, err, tt.want, "Read(%q)", tt.in)
			var pe *model.ParseError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, tt.line, pe.Line, "Read(%q) line", tt.in)
			assert.Equal(t, tt.field, pe.Field, "Read(%q) field", tt.in)
			assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected))
		})
	}
}

func TestLenientGoesOn(t *testing.T) {
	in := "unique_key,created_date,closed_date,agency,status\n" +
		"1,2018-06-26T10:00:00,,DOT,Open\n" +
		"2,bad,,DOT,Open\n" +
		"3,2018-06-26T10:00:00,\"x,DOT,Open\n"
	ds311, r311, err := city311.Read(strings.NewReader(in), city311.Options{ReadOptions: model.ReadOptions{Location: time.UTC, Lenient: true}})
	acct := r311.Accounting
	require.NoError(t, err)
	assert.Equal(t, 3, acct.Read)
	assert.Equal(t, 1, acct.Accepted)
	assert.Len(t, acct.Rejected, 2)
	assert.Len(t, ds311.Inquiries, 1)
}

func TestDetectLayout(t *testing.T) {
	for _, l := range city311.Layouts() {
		assert.NotEmpty(t, l.Zone(), "%s.Zone()", l)
	}
	_, err := city311.DetectLayout([]string{"x"})
	assert.ErrorIs(t, err, city311.ErrUnknownLayout)
}
