package audit_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/audit"
)

var t0 = time.Date(2025, 3, 1, 9, 0, 0, 0, time.FixedZone("", 3*3600))

// dataset has agency "a" with 60 answered inquiries on x and 20 on email,
// plus 10 unanswered; agency "b" with 5 answered by phone.
func dataset() model.Dataset {
	ds := model.Dataset{
		Agencies: []model.Agency{{ID: "a"}, {ID: "b"}},
		Channels: []model.Channel{{ID: "a-x", AgencyID: "a", Kind: model.ChannelX},
			{ID: "a-mail", AgencyID: "a", Kind: model.ChannelEmail}, {ID: "b-tel", AgencyID: "b", Kind: model.ChannelPhone}},
	}
	add := func(agency, channel string, n int, answered bool, req model.Requester) {
		for range n {
			q := model.Inquiry{ID: fmt.Sprintf("%s-%03d", agency, len(ds.Inquiries)), AgencyID: agency, ChannelID: channel,
				Requester: req, ReceivedAt: t0.Add(time.Duration(len(ds.Inquiries)) * time.Hour)}
			if answered {
				q.FirstReplyAt = q.ReceivedAt.Add(30 * time.Minute)
			}
			ds.Inquiries = append(ds.Inquiries, q)
		}
	}
	add("a", "a-x", 45, true, model.RequesterPublic)
	add("a", "a-x", 15, true, model.RequesterMedia)
	add("a", "a-mail", 20, true, model.RequesterPublic)
	add("a", "a-mail", 10, false, model.RequesterPublic)
	add("b", "b-tel", 5, true, "")
	return ds
}

func ids(qs []model.Inquiry) []string {
	var out []string
	for _, q := range qs {
		out = append(out, q.ID)
	}
	return out
}

func TestSampleDeterministic(t *testing.T) {
	ds := dataset()
	opts := audit.SampleOptions{Seed: 42, PerAgency: 8, By: audit.ByChannelKind}
	want := ids(audit.Sample(ds, opts))
	require.Len(t, want, 8+5)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 20 {
		shuffled := ds
		shuffled.Inquiries = slices.Clone(ds.Inquiries)
		r.Shuffle(len(shuffled.Inquiries), func(i, j int) {
			shuffled.Inquiries[i], shuffled.Inquiries[j] = shuffled.Inquiries[j], shuffled.Inquiries[i]
		})
		assert.Equal(t, want, ids(audit.Sample(shuffled, opts)), "Sample of shuffle %d", i)
	}
	opts.Seed = 43
	assert.NotEqual(t, want, ids(audit.Sample(ds, opts)), "another seed, another sample")
}

func TestSampleStrata(t *testing.T) {
	ds := dataset()
	count := func(qs []model.Inquiry, key func(model.Inquiry) string) map[string]int {
		m := map[string]int{}
		for _, q := range qs {
			m[key(q)]++
			assert.False(t, q.FirstReplyAt.IsZero(), "unanswered %s sampled", q.ID)
		}
		return m
	}
	byChannel := func(q model.Inquiry) string { return q.AgencyID + "/" + q.ChannelID }
	byReq := func(q model.Inquiry) string { return q.AgencyID + "/" + string(q.Requester) }

	tests := []struct {
		name string
		opts audit.SampleOptions
		key  func(model.Inquiry) string
		want map[string]int
	}{
		// a: 80 answered, 60 x and 20 email: 8 → 6 + 2. b: all 5.
		{"channel kind", audit.SampleOptions{PerAgency: 8, By: audit.ByChannelKind}, byChannel,
			map[string]int{"a/a-x": 6, "a/a-mail": 2, "b/b-tel": 5}},
		// 10 of 80: 60/80*10 = 7.5, 20/80*10 = 2.5; the tie goes to the
		// stratum that sorts first (email < x).
		{"largest remainder tie", audit.SampleOptions{PerAgency: 10, By: audit.ByChannelKind}, byChannel,
			map[string]int{"a/a-x": 7, "a/a-mail": 3, "b/b-tel": 5}},
		// Requesters in a: public 65, media 15: 8 → 6.5 and 1.5; the tied
		// remainder goes to media, which sorts first.
		{"requester", audit.SampleOptions{PerAgency: 8, By: audit.ByRequester}, byReq,
			map[string]int{"a/public": 6, "a/media": 2, "b/": 5}},
		{"unstratified default size", audit.SampleOptions{}, func(q model.Inquiry) string { return q.AgencyID },
			map[string]int{"a": 30, "b": 5}},
		{"everything", audit.SampleOptions{PerAgency: 1000, By: audit.ByChannelKind}, byChannel,
			map[string]int{"a/a-x": 60, "a/a-mail": 20, "b/b-tel": 5}},
		{"as of", audit.SampleOptions{PerAgency: 1000, AsOf: t0.Add(10 * time.Hour)}, func(q model.Inquiry) string { return q.AgencyID },
			map[string]int{"a": 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := count(audit.Sample(ds, tt.opts), tt.key)
			assert.Equal(t, tt.want, got, "Sample(%+v)", tt.opts)
		})
	}
}

func TestRoundTrip(t *testing.T) {
	ds := dataset()
	sample := audit.Sample(ds, audit.SampleOptions{Seed: 7, PerAgency: 4})
	var buf bytes.Buffer
	require.NoError(t, audit.WriteSheet(&buf, sample))
	lines := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.Len(t, lines, 1+len(sample))
	assert.Equal(t, "inquiry_id,agency_id,channel_id,received_at,first_reply_at,grade,notes", lines[0])

	// The grader fills in the sheet: every row but the last gets a grade,
	// in the case a spreadsheet might leave.
	grades := []string{"Accurate", "partial", " inaccurate ", "DEFLECTION", "ungraded", "accurate", "partial", "accurate"}
	want := map[string]model.Accuracy{}
	for i := 1; i < len(lines)-1; i++ {
		cells := strings.Split(lines[i], ",")
		cells[5], cells[6] = grades[i-1], "checked, by hand"
		cells[6] = `"` + cells[6] + `"`
		lines[i] = strings.Join(cells, ",")
		want[cells[0]] = model.Accuracy(strings.ToLower(strings.TrimSpace(grades[i-1])))
	}
	got, acct, err := audit.ReadSheet(strings.NewReader(strings.Join(lines, "\n")+"\n"), model.ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, want, got)
	assert.Equal(t, len(sample), acct.Read)
	assert.Equal(t, len(sample), acct.Accepted)
	require.Len(t, acct.Warnings, 1)
	assert.ErrorIs(t, acct.Warnings[0], audit.ErrNotGraded)
	assert.Equal(t, len(sample)+1, acct.Warnings[0].Line)

	res, err := audit.Merge(&ds, got)
	require.NoError(t, err)
	assert.Equal(t, len(sample)-2, res.Set, "the ungraded row changes nothing")
	assert.Equal(t, 1, res.Same)
	for _, q := range ds.Inquiries {
		if g, ok := got[q.ID]; ok && g != model.AccuracyUngraded {
			assert.Equal(t, g, q.Accuracy, "inquiry %s", q.ID)
		}
	}
	require.NoError(t, ds.Validate())

	// Merging the same grades again changes nothing and is no error.
	res, err = audit.Merge(&ds, got)
	require.NoError(t, err)
	assert.Equal(t, 0, res.Set)
	assert.Equal(t, len(got), res.Same)
}

func TestMergeProblems(t *testing.T) {
	ds := dataset()
	ds.Inquiries[0].Accuracy = model.AccuracyAccurate
	before := slices.Clone(ds.Inquiries)
	grades := map[string]model.Accuracy{
		"a-000": model.AccuracyInaccurate, // conflict
		"a-001": model.AccuracyPartial,    // fine
		"a-085": model.AccuracyAccurate,   // unanswered
		"zzz":   model.AccuracyAccurate,   // unknown
	}
	res, err := audit.Merge(&ds, grades)
	assert.ErrorIs(t, err, audit.ErrConflict)
	assert.ErrorIs(t, err, audit.ErrNoReply)
	assert.ErrorIs(t, err, audit.ErrUnknownInquiry)
	assert.Equal(t, []string{"zzz"}, res.Unknown)
	assert.Equal(t, []string{"a-085"}, res.NoReply)
	assert.Equal(t, []audit.Conflict{{ID: "a-000", Existing: model.AccuracyAccurate, Sheet: model.AccuracyInaccurate}}, res.Conflicts)
	assert.Equal(t, before, ds.Inquiries, "Merge changed the dataset despite problems")
	assert.Zero(t, res.Set)
}

func TestReadSheetErrors(t *testing.T) {
	const head = "inquiry_id,grade,notes\n"
	tests := []struct {
		name  string
		data  string
		line  int
		field string
		err   error
	}{
		{"no header", "", 1, "", model.ErrMissing},
		{"no grade column", "inquiry_id,notes\n", 1, "grade", model.ErrMissing},
		{"repeated column", "inquiry_id,grade,grade\n", 1, "grade", model.ErrDuplicateID},
		{"bad grade", head + "q1,good,\n", 2, "grade", model.ErrUnknownValue},
		{"empty id", head + ",accurate,\n", 2, "inquiry_id", model.ErrMissing},
		{"duplicate", head + "q1,accurate,\nq1,partial,\n", 3, "inquiry_id", model.ErrDuplicateID},
		{"bad utf-8", head + "q\xff,accurate,\n", 2, "inquiry_id", model.ErrEncoding},
		{"field count", head + "q1,accurate\n", 2, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, acct, err := audit.ReadSheet(strings.NewReader(tt.data), model.ReadOptions{File: "sheet.csv"})
			var pe *model.ParseError
			require.ErrorAs(t, err, &pe, "ReadSheet(%q)", tt.data)
			assert.Equal(t, "sheet.csv", pe.File)
			assert.Equal(t, tt.line, pe.Line)
			assert.Equal(t, tt.field, pe.Field)
			if tt.err != nil {
				assert.ErrorIs(t, err, tt.err)
			}
			assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected))
		})
	}
	// Lenient: every row counted.
	grades, acct, err := audit.ReadSheet(strings.NewReader(head+"q1,good,\nq2,partial,\nq3,,\n"), model.ReadOptions{Lenient: true})
	require.NoError(t, err)
	assert.Equal(t, map[string]model.Accuracy{"q2": model.AccuracyPartial}, grades)
	assert.Equal(t, 3, acct.Read)
	assert.Equal(t, 2, acct.Accepted)
	assert.Len(t, acct.Rejected, 1)
	assert.Len(t, acct.Warnings, 1)
}

// TestSheetHostileIDs writes a sheet of inquiries whose IDs a spreadsheet
// would run as formulas, or that carry white space and control
// characters, and reads it back: each cell is written neutralised, and
// each ID reads back exactly and merges.
func TestSheetHostileIDs(t *testing.T) {
	tests := []struct {
		name string
		id   string
		cell string // inquiry_id as the sheet holds it
	}{
		{"plain", "q1", "q1"},
		{"spaces around and inside", " q 7 ", " q 7 "},
		{"formula", `=HYPERLINK("http://x.example","y")`, `'=HYPERLINK("http://x.example","y")`},
		{"plus", "+1", "'+1"},
		{"minus", "-1", "'-1"},
		{"at", "@SUM(A1)", "'@SUM(A1)"},
		{"leading tab", "\tq", "'\tq"},
		{"leading carriage return", "\rq", "'\rq"},
		{"leading quote", "'q", "''q"},
		{"quote before a formula", "'=1+1", "''=1+1"},
		{"quote alone", "'", "''"},
		{"formula character inside", "q=1+1", "q=1+1"},
		{"formula after a semicolon", "q;=1+1;x", "q;'=1+1;x"},
		{"quote after a semicolon", "q;'=1", "q;''=1"},
		{"NUL, bidi override and pipe kept", "q\x00\u202e|", "q\x00\u202e|"},
		{"line break inside", "q\n## x", "q\n## x"},
	}
	ds := model.Dataset{Agencies: []model.Agency{{ID: "=agency"}}, Channels: []model.Channel{{ID: "@x", AgencyID: "=agency"}}}
	for i, tt := range tests {
		recv := t0.Add(time.Duration(i) * time.Hour)
		ds.Inquiries = append(ds.Inquiries, model.Inquiry{ID: tt.id, AgencyID: "=agency", ChannelID: "@x",
			ReceivedAt: recv, FirstReplyAt: recv.Add(time.Hour)})
	}
	var buf bytes.Buffer
	require.NoError(t, audit.WriteSheet(&buf, ds.Inquiries))
	records, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, records, 1+len(tests))

	// The grader grades every row in a spreadsheet, which saves the
	// sheet as it read it.
	for _, rec := range records[1:] {
		rec[5] = " Accurate "
	}
	var sheet bytes.Buffer
	cw := csv.NewWriter(&sheet)
	require.NoError(t, cw.WriteAll(records))
	grades, _, err := audit.ReadSheet(&sheet, model.ReadOptions{})
	require.NoError(t, err)

	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := records[1+i]
			assert.Equal(t, tt.cell, rec[0], "WriteSheet(%q): inquiry_id cell", tt.id)
			assert.Equal(t, []string{"'=agency", "'@x"}, rec[1:3], "WriteSheet(%q): agency_id and channel_id cells", tt.id)
			assert.Equal(t, model.AccuracyAccurate, grades[tt.id], "ReadSheet: grade of %q", tt.id)
		})
	}
	assert.Len(t, grades, len(tests), "ReadSheet: one grade per ID")
	res, err := audit.Merge(&ds, grades)
	require.NoError(t, err)
	assert.Equal(t, len(tests), res.Set, "Merge: every hostile ID matched")
}

// TestReadSheetIDs checks that ReadSheet keeps an ID as written, but for
// the quote WriteSheet puts before a formula character or a quote, and
// still trims and lower-cases the grade.
func TestReadSheetIDs(t *testing.T) {
	tests := []struct {
		name, cell, want string
	}{
		{"spaces kept", " q1 ", " q1 "},
		{"quote before a formula removed", "'=1+1", "=1+1"},
		{"formula saved without the quote", "=1+1", "=1+1"},
		{"quote before a minus removed", "'-1", "-1"},
		{"quote before a quote removed", "''x", "'x"},
		{"quote before a letter kept", "'x", "'x"},
		{"quote alone kept", "'", "'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			cw := csv.NewWriter(&b)
			require.NoError(t, cw.WriteAll([][]string{{"inquiry_id", "grade"}, {tt.cell, " PARTIAL "}}))
			grades, _, err := audit.ReadSheet(&b, model.ReadOptions{})
			require.NoError(t, err)
			assert.Equal(t, map[string]model.Accuracy{tt.want: model.AccuracyPartial}, grades, "ReadSheet of inquiry_id %q", tt.cell)
		})
	}
}

func TestWriteSheetInvalidText(t *testing.T) {
	err := audit.WriteSheet(&bytes.Buffer{}, []model.Inquiry{{ID: "\xff"}})
	assert.ErrorIs(t, err, model.ErrEncoding)
}

func FuzzReadSheet(f *testing.F) {
	f.Add([]byte("inquiry_id,grade,notes\nq1,accurate,\nq2,,x\n"), true)
	f.Add([]byte("\uFEFFinquiry_id,grade\n\"q\n1\",Partial\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, lenient bool) {
		grades, acct, err := audit.ReadSheet(bytes.NewReader(data), model.ReadOptions{Lenient: lenient})
		if acct.Read != acct.Accepted+len(acct.Rejected) {
			t.Fatalf("Read %d != Accepted %d + Rejected %d", acct.Read, acct.Accepted, len(acct.Rejected))
		}
		if len(grades) != acct.Accepted-len(acct.Warnings) {
			t.Fatalf("%d grades, %d accepted, %d not graded", len(grades), acct.Accepted, len(acct.Warnings))
		}
		if !lenient && len(acct.Rejected) > 0 && err == nil {
			t.Fatal("strict read rejected a row without an error")
		}
		for id, g := range grades {
			if id == "" || !g.Valid() || g == "" {
				t.Fatalf("bad grade %q: %q", id, g)
			}
		}
	})
}

// FuzzSheetRoundTrip checks that any ID WriteSheet writes reads back
// exactly, and that no cell of the sheet starts with a formula character.
func FuzzSheetRoundTrip(f *testing.F) {
	for _, id := range []string{"q1", " q 1 ", "=1+1", "'=1+1", "''", "\t-", "@", "a\nb", "a\r", "\r", "a;=b", "a;'=b;;'"} {
		f.Add(id)
	}
	f.Fuzz(func(t *testing.T, id string) {
		if id == "" || !utf8.ValidString(id) || strings.Contains(id, "\r\n") {
			t.Skip("not an ID, or CRLF, which encoding/csv reads as a line break")
		}
		q := model.Inquiry{ID: id, AgencyID: id, ReceivedAt: t0, FirstReplyAt: t0.Add(time.Hour)}
		var buf bytes.Buffer
		if err := audit.WriteSheet(&buf, []model.Inquiry{q}); err != nil {
			t.Fatalf("WriteSheet(%q): %v", id, err)
		}
		records, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
		if err != nil {
			t.Fatalf("WriteSheet(%q) wrote bad CSV: %v", id, err)
		}
		for _, cell := range records[1] {
			for _, part := range strings.Split(cell, ";") { // where a ;-separated spreadsheet splits it
				if part != "" && strings.ContainsRune("=+-@\t\r", rune(part[0])) {
					t.Fatalf("WriteSheet(%q): cell %q has a formula character at its start or after a ;", id, cell)
				}
			}
		}
		records[1][5] = "accurate"
		var sheet bytes.Buffer
		if err := csv.NewWriter(&sheet).WriteAll(records); err != nil {
			t.Fatal(err)
		}
		grades, _, err := audit.ReadSheet(&sheet, model.ReadOptions{})
		if err != nil {
			t.Fatalf("ReadSheet of the sheet of %q: %v", id, err)
		}
		if _, ok := grades[id]; !ok || len(grades) != 1 {
			t.Fatalf("ReadSheet of the sheet of %q = %q, want the ID back", id, grades)
		}
	})
}
