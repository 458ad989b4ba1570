package main

import (
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

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
