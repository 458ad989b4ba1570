package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the scripts run the command as "govscore", built into
// the test binary.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){"govscore": main})
}

// TestScripts drives the real command through the sessions in
// testdata/script, as a user at a shell would: every subcommand, its -h,
// its bad flags and arguments, and every exit code.
func TestScripts(t *testing.T) {
	model, err := filepath.Abs(filepath.Join("..", "..", "model"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		// $MODEL is the model package's directory, whose testdata hold
		// small files of every input format.
		Setup: func(e *testscript.Env) error {
			e.Setenv("MODEL", model)
			return nil
		},
		Cmds: map[string]func(*testscript.TestScript, bool, []string){"exits": exits, "replace": replace},
	})
}

// exits runs a command and checks its exit code:
//
//	exits CODE COMMAND [ARGS...]
//
// Its standard output and error are kept for stdout and stderr to check.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits CODE COMMAND [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: bad code %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// replace edits a file as a user would in an editor:
//
//	replace FILE OLD NEW
//
// replaces the first OLD with NEW, where \n in either stands for a line
// break; it fails when OLD is not in the file.
func replace(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: replace FILE OLD NEW")
	}
	path := ts.MkAbs(args[0])
	old, repl := strings.ReplaceAll(args[1], `\n`, "\n"), strings.ReplaceAll(args[2], `\n`, "\n")
	data, err := os.ReadFile(path)
	ts.Check(err)
	if !strings.Contains(string(data), old) {
		ts.Fatalf("replace: %q is not in %s", old, args[0])
	}
	ts.Check(os.WriteFile(path, []byte(strings.Replace(string(data), old, repl, 1)), 0o644))
}

// TestTwitterSharedSample scores the shared sample of the "Customer Support
// on Twitter" dataset, when it is there (it is not in the repository: its
// licence forbids), as a researcher would with -in twitter: Chipotle's
// account has 169 inquiries, 167 of them answered, as the library counts
// them.
func TestTwitterSharedSample(t *testing.T) {
	path := filepath.Join("..", "..", "..", "shared", "data", "twcs_first5000_monalisapatra26.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no shared sample: %v", err)
	}
	var out, errs strings.Builder
	if code := run([]string{"score", "-in", "twitter", "-lenient", "-format", "json", path}, &out, &errs); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	var rep struct {
		Agencies []struct {
			AgencyID   string `json:"agency_id"`
			Inquiries  int    `json:"inquiries"`
			Dimensions []struct {
				Criteria []struct {
					ID      string `json:"id"`
					Measure struct {
						N     int `json:"n"`
						Count int `json:"count"`
					} `json:"measure"`
				} `json:"criteria"`
			} `json:"dimensions"`
		} `json:"agencies"`
	}
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatal(err)
	}
	for _, a := range rep.Agencies {
		if a.AgencyID != "ChipotleTweets" {
			continue
		}
		rate := a.Dimensions[0].Criteria[0]
		if a.Inquiries != 169 || rate.ID != "response_rate" || rate.Measure.N != 169 || rate.Measure.Count != 167 {
			t.Errorf("ChipotleTweets: %d inquiries, %s %d of %d; want 169 inquiries, response_rate 167 of 169",
				a.Inquiries, rate.ID, rate.Measure.Count, rate.Measure.N)
		}
		return
	}
	t.Error("no ChipotleTweets in the report")
}

// TestXAPIMinistries scores the survey's ministries from their X archive
// (model/xapi's testdata) as a regulator would with -in xapi: the
// accounts name the ministries, the declared channels are checked against
// the tweets, and the ranking follows what the archive shows (health
// answers within hours, housing within a day, commerce after weeks or
// never, education only broadcasts).
func TestXAPIMinistries(t *testing.T) {
	dir := filepath.Join("..", "..", "model", "xapi", "testdata")
	args := []string{"score", "-in", "xapi", "-agencies", filepath.Join(dir, "ministries_accounts.csv"),
		"-channels", filepath.Join(dir, "ministries_channels.csv"), "-staffing", filepath.Join(dir, "ministries_staffing.csv"),
		"-min-sample", "3", "-format", "json", filepath.Join(dir, "ministries.jsonl")}
	var out, errs strings.Builder
	if code := run(args, &out, &errs); code != exitOK {
		t.Fatalf("exit %d: %s", code, errs.String())
	}
	for _, want := range []string{
		"ministries.jsonl: 35 rows read, 35 accepted, 0 rejected",
		"16 inquiries, 11 first replies (10 by replied_to, 1 by conversation), 0 repeats, 8 other; 1 unavailable",
		"@education_ministry: broadcast-only: 4 posts, no reply to anyone",
		"warning: declared channel education/x of education: declared to accept inquiries, but its 4 posts reply to nobody",
	} {
		if !strings.Contains(errs.String(), want) {
			t.Errorf("standard error lacks %q:\n%s", want, errs.String())
		}
	}
	var rep struct {
		AsOf     time.Time `json:"as_of"`
		Agencies []struct {
			AgencyID  string            `json:"agency_id"`
			Names     map[string]string `json:"names"`
			Rank      int               `json:"rank"`
			Inquiries int               `json:"inquiries"`
			Flags     []struct {
				Code string `json:"code"`
			} `json:"flags"`
		} `json:"agencies"`
	}
	if err := json.Unmarshal([]byte(out.String()), &rep); err != nil {
		t.Fatal(err)
	}
	// The cut-off defaults to the archive's latest tweet: education's last
	// news post, on 17 November at 06:00 UTC.
	if want := time.Date(2025, 11, 17, 6, 0, 0, 0, time.UTC); !rep.AsOf.Equal(want) {
		t.Errorf("as_of %v, want %v", rep.AsOf, want)
	}
	var got []string
	for _, a := range rep.Agencies {
		broadcast := slices.ContainsFunc(a.Flags, func(f struct {
			Code string `json:"code"`
		}) bool {
			return f.Code == "broadcast_only"
		})
		got = append(got, fmt.Sprintf("%s rank %d, %d inquiries, broadcast_only %t", a.AgencyID, a.Rank, a.Inquiries, broadcast))
	}
	want := []string{"health rank 1, 5 inquiries, broadcast_only false", "housing rank 2, 3 inquiries, broadcast_only false",
		"commerce rank 3, 5 inquiries, broadcast_only false", "education rank 0, 3 inquiries, broadcast_only true"}
	if !slices.Equal(got, want) {
		t.Errorf("agencies:\n got %q\nwant %q", got, want)
	}

	// The page draws the reply curves: a panel for each ministry.
	var page strings.Builder
	html := append(slices.Clone(args[:len(args)-3]), "-format", "html", "-lang", "ar", args[len(args)-1])
	if code := run(html, &page, io.Discard); code != exitOK {
		t.Fatalf("-format html: exit %d", code)
	}
	if n := strings.Count(page.String(), `aria-labelledby="curve-`); n != 4 {
		t.Errorf("the page has %d curve panels, want 4", n)
	}

	// The cut-off, taken from one tweet, is said with its line.
	if !strings.Contains(errs.String(), "-as-of not given: the latest tweet's time, 2025-11-17T06:00:00Z (line 1)") {
		t.Errorf("standard error does not say where the cut-off comes from:\n%s", errs.String())
	}

	// Accounts without education: its declared channel and staffing have
	// no agency, an error that names them. With education's row rejected
	// leniently, warnings, and the others are scored.
	accounts, err := os.ReadFile(filepath.Join(dir, "ministries_accounts.csv"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	without, bad := filepath.Join(tmp, "without.csv"), filepath.Join(tmp, "bad.csv")
	row := "education,education_ministry,1003,Ministry of Education,وزارة التعليم\n"
	if !strings.Contains(string(accounts), row) {
		t.Fatal("the fixture's education row has changed")
	}
	if err := os.WriteFile(without, []byte(strings.Replace(string(accounts), row, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad, []byte(strings.Replace(string(accounts), ",1003,", ",10x3,", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	withAccounts := func(path string) []string {
		a := slices.Clone(args)
		a[4] = path
		return a
	}
	errs.Reset()
	if code := run(withAccounts(without), io.Discard, &errs); code != exitProblem || !strings.Contains(errs.String(), "channel education/x of agency education, which has no account in "+without) {
		t.Errorf("strict, no account for education: exit %d, %s", code, errs.String())
	}
	errs.Reset()
	out.Reset()
	if code := run(append([]string{"score", "-lenient"}, withAccounts(bad)[1:]...), &out, &errs); code != exitOK ||
		!strings.Contains(errs.String(), "warning: "+filepath.Join(dir, "ministries_staffing.csv")+": staffing of agency education, which has no account in "+bad+": left out") {
		t.Errorf("lenient, a rejected account: exit %d, %s", code, errs.String())
	}

	// -in xapi needs the accounts and one archive.
	for _, bad := range [][]string{
		{"score", "-in", "xapi", filepath.Join(dir, "ministries.jsonl")},
		{"score", "-in", "xapi", "-agencies", filepath.Join(dir, "ministries_accounts.csv"), filepath.Join(dir, "ministries.jsonl"), filepath.Join(dir, "ministries.jsonl")},
	} {
		errs.Reset()
		if code := run(bad, io.Discard, &errs); code != exitUsage || !strings.Contains(errs.String(), "-in xapi needs -agencies") {
			t.Errorf("%q: exit %d, %s", bad, code, errs.String())
		}
	}
}
