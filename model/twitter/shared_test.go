package twitter_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model/twitter"
)

// sharedData returns the directory of real samples, ../shared/data from the
// module root, or skips the test when it is absent.
func sharedData(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	require.NoError(t, err)
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root not found")
		}
		dir = parent
	}
	data := filepath.Join(dir, "..", "shared", "data")
	if _, err := os.Stat(data); err != nil {
		t.Skipf("shared data absent: %v", err)
	}
	return data
}

func TestSharedSamples(t *testing.T) {
	data := sharedData(t)
	tests := []struct {
		file    string
		verdict twitter.Verdict
		read    int
		// spreadsheet is the number of rows rejected for ids a spreadsheet damaged.
		spreadsheet int
	}{
		{"twcs_first5000_monalisapatra26.csv", twitter.Determinable, 5000, 0},
		{"twcs_random5000_divya-gh.csv", twitter.CannotDetermine, 5000, 0},
		{"twcs_first121_excel_mangled_Yosingh1.csv", twitter.Determinable, 121, 6},
		{"twcs_kaggle_sample93_Yosingh1.csv", twitter.Determinable, 93, 0},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(data, tc.file)
			if _, err := os.Stat(path); err != nil {
				t.Skipf("%s absent", tc.file)
			}
			ds, res, err := readFile(t, path, twitter.Options{Lenient: true})
			require.NoError(t, err)
			checkAccounting(t, res)
			assert.Equal(t, tc.read, res.Read, "rows read")
			assert.Equal(t, tc.verdict, res.Verdict, "listed %d, missing %d", res.Listed, res.Missing)
			assert.Len(t, ds.Inquiries, res.Inquiries)
			assert.NoError(t, ds.Validate())
			n := 0
			for _, pe := range res.Rejected {
				if pe.Field == "response_tweet_id" || pe.Field == "tweet_id" || pe.Field == "in_response_to_tweet_id" {
					assert.ErrorIs(t, pe, twitter.ErrSpreadsheetID)
					n++
				}
			}
			assert.Equal(t, tc.spreadsheet, n, "rows with damaged ids")
			t.Logf("%s: read %d, accepted %d (inquiries %d, first replies %d, other %d), rejected %d; %d companies; listed %d, missing %d: %s",
				tc.file, res.Read, res.Accepted, res.Inquiries, res.FirstReplies, res.Other, len(res.Rejected),
				len(res.Companies), res.Listed, res.Missing, res.Verdict)
		})
	}
}
