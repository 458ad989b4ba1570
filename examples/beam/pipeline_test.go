package main

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/testing/ptest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The pipeline's tests run it on the Prism runner, in process.
func TestMain(m *testing.M) {
	code := ptest.MainRet(m)
	if commandPath != "" {
		os.RemoveAll(filepath.Dir(commandPath))
	}
	os.Exit(code)
}

const testAsOf = "2026-01-01T00:00:00+03:00"

// synthCSV writes n inquiries in the layout of the shared benchmark kit's
// gen.py (id,agency_id,channel,requester,received_at,first_reply_at,
// accuracy): 200 agencies of uneven volume, receipts over 2025 in Riyadh
// time, log-normal reply delays with a tail of weeks, a reply after the
// cut-off left out, one agency in ten answering a quarter of its
// inquiries.
func synthCSV(t testing.TB, path string, n int, seed uint64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 2025))
	riyadh := time.FixedZone("+03", 3*3600)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, riyadh)
	asOf := start.AddDate(1, 0, 0)
	const agencies = 200
	weights := make([]float64, agencies)
	for i := range weights {
		weights[i] = math.Exp(0.8 * rng.NormFloat64())
	}
	channels := []string{"x", "facebook", "instagram", "whatsapp", "email", "web_form"}
	grades := []string{"accurate", "partial", "inaccurate", "deflection", ""}
	var buf bytes.Buffer
	buf.WriteString("id,agency_id,channel,requester,received_at,first_reply_at,accuracy\n")
	for k := range n {
		a := rng.IntN(agencies)
		for rng.Float64()*3 > weights[a] { // uneven volumes
			a = rng.IntN(agencies)
		}
		recv := start.Add(time.Duration(rng.Int64N(365*86400)) * time.Second)
		req := "public"
		if u := rng.Float64(); u < 0.08 {
			req = "media"
		} else if u < 0.15 {
			req = "business"
		}
		reply, grade := "", ""
		answer := 0.9
		if a%10 == 3 {
			answer = 0.25
		}
		if rng.Float64() < answer {
			at := recv.Add(time.Duration(math.Exp(math.Log(3*3600)+1.5*rng.NormFloat64())+30) * time.Second)
			if !at.After(asOf) {
				reply, grade = at.Format(time.RFC3339), grades[rng.IntN(len(grades))]
			}
		}
		fmt.Fprintf(&buf, "%d,agency-%03d,%s,%s,%s,%s,%s\n", k+1, a, channels[rng.IntN(len(channels))], req,
			recv.Format(time.RFC3339), reply, grade)
	}
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
}

// splitCSV cuts the CSV file at path into parts files of about equal
// rows, each with the header, in dir, and returns their paths.
func splitCSV(t testing.TB, path, dir string, parts int) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	header, body, _ := bytes.Cut(data, []byte("\n"))
	lines := bytes.SplitAfter(body, []byte("\n"))
	if len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	var paths []string
	for i := range parts {
		p := filepath.Join(dir, fmt.Sprintf("part-%02d.csv", i))
		chunk := append(append(bytes.Clone(header), '\n'), bytes.Join(lines[len(lines)*i/parts:len(lines)*(i+1)/parts], nil)...)
		require.NoError(t, os.WriteFile(p, chunk, 0o644))
		paths = append(paths, p)
	}
	return paths
}

var (
	commandOnce sync.Once
	commandPath string
	commandErr  error
)

// command returns the path of the govscore command, built once in the
// main module (the repository's root), with its own go.mod.
func command(t testing.TB) string {
	t.Helper()
	commandOnce.Do(func() {
		dir, err := os.MkdirTemp("", "govscore-beam-test")
		if err != nil {
			commandErr = err
			return
		}
		commandPath = filepath.Join(dir, "govscore")
		build := exec.Command("go", "build", "-o", commandPath, "./examples/govscore")
		build.Dir = filepath.Join("..", "..")
		out, err := build.CombinedOutput()
		if err != nil {
			commandErr = fmt.Errorf("building the command: %v\n%s", err, out)
		}
	})
	require.NoError(t, commandErr)
	return commandPath
}

// commandJSON runs govscore score -format json on the files, with the
// extra flags, and returns its report.
func commandJSON(t testing.TB, files []string, flags ...string) []byte {
	t.Helper()
	args := append([]string{"score", "-as-of", testAsOf, "-format", "json"}, flags...)
	cmd := exec.Command(command(t), append(args, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "govscore score: %s", stderr.String())
	return out
}

// runPipeline runs the pipeline on the patterns, and returns its report
// and rejected rows, or the error of the run.
func runPipeline(t testing.TB, patterns []string, job Job) (report, rejected []byte, err error) {
	t.Helper()
	dir := t.TempDir()
	out := Outputs{Report: filepath.Join(dir, "report.json"), Rejected: filepath.Join(dir, "rejected.csv")}
	p, s := beam.NewPipelineWithRoot()
	if err := Build(s, patterns, job, out); err != nil {
		return nil, nil, err
	}
	if err := ptest.Run(p); err != nil {
		return nil, nil, err
	}
	report, err = os.ReadFile(out.Report)
	require.NoError(t, err)
	rejected, err = os.ReadFile(out.Rejected)
	require.NoError(t, err)
	return report, rejected, nil
}

// TestPipelineMatchesCommand scores 200,000 inquiries with the pipeline,
// from one file and from the same rows split into five files given by a
// glob and a second pattern: each report is byte-identical to the
// command's.
func TestPipelineMatchesCommand(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.csv")
	synthCSV(t, whole, 200_000, 1)
	want := commandJSON(t, []string{whole})

	got, rejected, err := runPipeline(t, []string{whole}, Job{AsOf: testAsOf})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "the pipeline's report differs from the command's")
	assert.Equal(t, "file,line,field,reason\n", string(rejected))

	parts := t.TempDir()
	paths := splitCSV(t, whole, parts, 5)
	got, _, err = runPipeline(t, []string{filepath.Join(parts, "part-0[0-3].csv"), paths[4]}, Job{AsOf: testAsOf})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "the report of the split input differs from the command's")
}

// TestPipelineMatchesCommandOnGenPy is TestPipelineMatchesCommand on the
// file the shared benchmark kit's gen.py writes for 200,000 rows, when
// the kit and python3 are there.
func TestPipelineMatchesCommandOnGenPy(t *testing.T) {
	gen, err := filepath.Abs("../../../shared/bench/gen.py")
	require.NoError(t, err)
	if _, err := os.Stat(gen); err != nil {
		t.Skip("the shared benchmark kit is not here:", err)
	}
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("no python3")
	}
	dir := t.TempDir()
	whole := filepath.Join(dir, "gen.csv")
	out, err := exec.Command("python3", gen, "200000", whole).CombinedOutput()
	require.NoError(t, err, "%s", out)
	want := commandJSON(t, []string{whole})
	got, _, err := runPipeline(t, []string{whole}, Job{AsOf: testAsOf})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "the pipeline's report differs from the command's")

	paths := splitCSV(t, whole, t.TempDir(), 4)
	got, _, err = runPipeline(t, paths, Job{AsOf: testAsOf})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "the report of the split input differs from the command's")
}

// badRows are rows that the reader rejects, by line in the file
// TestPipelineRejectedRows writes, with the field each names.
var badRows = []struct {
	row, field string
}{
	{"9001,agency-001,x,public,not a time,,", "received_at"},
	{"9002,agency-001,pigeon,public,2025-03-01T10:00:00+03:00,,", "channel"},
	{"9003,agency-002,x,martian,2025-03-01T10:00:00+03:00,,", "requester"},
	{"9004,agency-002,x,public,2025-03-01T10:00:00+03:00,,", "id"}, // repeated below
	{`9005,"agency-003`, ""},
}

// TestPipelineRejectedRows runs the pipeline leniently on files with bad
// rows, one of them with a quoted field that spans lines: its report is the
// command's on the same files, and each rejected row is output with its
// file, line and field, so that rows read = accepted + rejected.
func TestPipelineRejectedRows(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "a.csv")
	synthCSV(t, good, 3000, 2)
	// b.csv: the bad rows, after one whose quoted ID spans two lines (an
	// ID may not hold a line feed), which the pipeline reads as the
	// command does, since it reads each file whole: the lines after it
	// count both of its lines.
	var b strings.Builder
	b.WriteString("id,agency_id,channel,requester,received_at,first_reply_at,accuracy\n")
	b.WriteString("\"80\n01\",agency-001,x,public,2025-03-01T10:00:00+03:00,2025-03-01T11:00:00+03:00,accurate\n")
	wantLines := map[int]string{2: "id"}
	line := 4 // after the header and the row on lines 2 and 3
	for i, r := range badRows {
		if i == 3 {
			b.WriteString("9004,agency-002,x,public,2025-03-01T09:00:00+03:00,,\n")
			line++
		}
		b.WriteString(r.row + "\n")
		wantLines[line] = r.field
		line++
	}
	bad := filepath.Join(dir, "b.csv")
	require.NoError(t, os.WriteFile(bad, []byte(b.String()), 0o644))

	want := commandJSON(t, []string{good, bad}, "-lenient")
	got, rejected, err := runPipeline(t, []string{filepath.Join(dir, "*.csv")}, Job{AsOf: testAsOf, Lenient: true})
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "the pipeline's report differs from the command's")

	recs, err := csv.NewReader(bytes.NewReader(rejected)).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 1+len(wantLines), "the header and each bad row: %s", rejected)
	for _, r := range recs[1:] {
		assert.Equal(t, bad, r[0])
		var n int
		fmt.Sscan(r[1], &n)
		field, ok := wantLines[n]
		if assert.True(t, ok, "rejected line %d is not a bad row: %v", n, r) {
			assert.Equal(t, field, r[2], "line %d: %v", n, r)
		}
		assert.NotEmpty(t, r[3], "a reason")
	}

	// Strictly, the first bad row fails the pipeline, naming it.
	_, _, err = runPipeline(t, []string{bad}, Job{AsOf: testAsOf})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "b.csv:2")
}

// TestPipelineRepeatedIDsAcrossFiles gives the same inquiry in two files:
// the pipeline fails, naming the ID and both files, rather than count it
// twice.
func TestPipelineRepeatedIDsAcrossFiles(t *testing.T) {
	dir := t.TempDir()
	const header = "id,agency_id,channel,requester,received_at,first_reply_at,accuracy\n"
	row := "77,agency-001,x,public,2025-03-01T10:00:00+03:00,,\n"
	for _, name := range []string{"one.csv", "two.csv"} {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(header+row), 0o644))
	}
	_, _, err := runPipeline(t, []string{filepath.Join(dir, "*.csv")}, Job{AsOf: testAsOf, Lenient: true})
	require.Error(t, err)
	for _, want := range []string{"duplicate", `"77"`, "one.csv", "two.csv"} {
		assert.Contains(t, err.Error(), want)
	}
}

// TestPipelinePeriods scores by quarter and by explicit boundaries, from
// one file and from four: each trend is the command's with the same
// -period, byte for byte.
func TestPipelinePeriods(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.csv")
	synthCSV(t, whole, 30_000, 4)
	paths := splitCSV(t, whole, t.TempDir(), 4)
	for _, tc := range []struct {
		period   string
		followUp int
	}{
		{"quarter", 0},
		{"2025-01-01T00:00:00+03:00,2025-07-01T00:00:00+03:00,2025-12-01T00:00:00+03:00", 14},
	} {
		t.Run(tc.period, func(t *testing.T) {
			want := commandJSON(t, []string{whole}, "-period", tc.period, "-follow-up-days", fmt.Sprint(tc.followUp))
			require.Contains(t, string(want), `"schema": "govscore.trend/v1"`)
			job := Job{AsOf: testAsOf, Period: tc.period, FollowUpDays: tc.followUp}
			for _, files := range [][]string{{whole}, paths} {
				got, _, err := runPipeline(t, files, job)
				require.NoError(t, err)
				assert.True(t, bytes.Equal(want, got), "%d files: the pipeline's trend differs from the command's", len(files))
			}
		})
	}
}

// TestPipelineMetadata scores with an agencies and a channels file, and a
// rubric file: the report is the command's with the same files.
func TestPipelineMetadata(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "inquiries.csv")
	synthCSV(t, data, 5000, 3)
	agencies := "id,name,time_zone\nagency-001,Ministry of Health,Asia/Riyadh\nagency-002,Ministry of Finance,Asia/Riyadh\n"
	channels := "id,agency_id,kind,handle,official,accepts_inquiries,broadcast_only\n" +
		"agency-001/x,agency-001,x,@moh,true,true,false\nagency-002/x,agency-002,x,@mof,true,false,true\n"
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(content), 0o644))
		return p
	}
	ag, ch := write("agencies.csv", agencies), write("channels.csv", channels)
	rubricFile := filepath.Join("testdata", "rubric.yaml")
	std, err := os.ReadFile(rubricFile)
	require.NoError(t, err)

	want := commandJSON(t, []string{data}, "-agencies", ag, "-channels", ch, "-rubric", rubricFile, "-min-sample", "5")
	job := Job{AsOf: testAsOf, Rubric: std, MinSample: 5,
		Agencies: MetaFile{Name: ag, Data: []byte(agencies)}, Channels: MetaFile{Name: ch, Data: []byte(channels)}}
	got, _, err := runPipeline(t, []string{data}, job)
	require.NoError(t, err)
	assert.True(t, bytes.Equal(want, got), "the pipeline's report differs from the command's")
	assert.Contains(t, string(got), "Ministry of Health")
}

// TestBuildRefusesBadJobs checks that what would fail every worker fails
// on the launcher, before the pipeline runs.
func TestBuildRefusesBadJobs(t *testing.T) {
	for name, tc := range map[string]struct {
		patterns []string
		job      Job
		out      Outputs
		want     string
	}{
		"no input":                 {nil, Job{AsOf: testAsOf}, Outputs{Report: "r.json"}, "--input"},
		"no output":                {[]string{"x.csv"}, Job{AsOf: testAsOf}, Outputs{}, "--output"},
		"bad as_of":                {[]string{"x.csv"}, Job{AsOf: "2026-01-01"}, Outputs{Report: "r.json"}, "--as_of"},
		"bad rubric":               {[]string{"x.csv"}, Job{AsOf: testAsOf, Rubric: []byte("dimensions: [")}, Outputs{Report: "r.json"}, "--rubric"},
		"bad zone":                 {[]string{"x.csv"}, Job{AsOf: testAsOf, Zone: "Mars/Olympus"}, Outputs{Report: "r.json"}, "--time_zone"},
		"bad period":               {[]string{"x.csv"}, Job{AsOf: testAsOf, Period: "fortnight"}, Outputs{Report: "r.json"}, "--period"},
		"follow-up without period": {[]string{"x.csv"}, Job{AsOf: testAsOf, FollowUpDays: 3}, Outputs{Report: "r.json"}, "--follow_up_days"},
	} {
		t.Run(name, func(t *testing.T) {
			_, s := beam.NewPipelineWithRoot()
			err := Build(s, tc.patterns, tc.job, tc.out)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

// TestRejectedCSVIsInert checks that a reason or file name that a
// spreadsheet would run as a formula is written inert.
func TestRejectedCSVIsInert(t *testing.T) {
	out := rejectedCSV([]Rejected{{File: "=cmd|' /C calc'!A0", Line: 2, Field: "id", Reason: "+1"},
		{File: "f.csv", Line: 3, Field: "id", Reason: "x;=cmd|' /C calc'!A0;y"}})
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Scan()
	sc.Scan()
	assert.Equal(t, `'=cmd|' /C calc'!A0,2,id,'+1`, sc.Text())
	sc.Scan() // a spreadsheet whose list separator is ; splits a cell there
	assert.Equal(t, `f.csv,3,id,x;'=cmd|' /C calc'!A0;y`, sc.Text())
}
