package city311_test

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/city311"
)

// sharedData is the directory of real exports beside the repository.
var sharedData = filepath.Join("..", "..", "..", "shared", "data")

func TestSharedFiles(t *testing.T) {
	if _, err := os.Stat(sharedData); err != nil {
		t.Skipf("no shared data at %s: %v", sharedData, err)
	}
	ny, err := time.LoadLocation("America/New_York")
	require.NoError(t, err)
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	files, err := filepath.Glob(filepath.Join(sharedData, "boston311_*.csv"))
	require.NoError(t, err)
	more, _ := filepath.Glob(filepath.Join(sharedData, "nyc311_*"))
	files = append(files, more...)
	more, _ = filepath.Glob(filepath.Join(sharedData, "sf311_*.csv"))
	files = append(files, more...)
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			require.NoError(t, err)
			defer f.Close()
			loc := ny
			if filepath.Base(path)[:2] == "sf" {
				loc = la
			}
			ds311, r311, err := city311.Read(f, city311.Options{ReadOptions: model.ReadOptions{File: path, Lenient: true, Location: loc}})
			acct := r311.Accounting
			require.NoError(t, err)
			assert.Equal(t, acct.Read, acct.Accepted+len(acct.Rejected), "read = accepted + rejected")
			assert.Positive(t, acct.Accepted)
			kinds := map[string]int{}
			for _, w := range acct.Warnings {
				kinds[errors.Unwrap(w).Error()]++
			}
			t.Logf("%s: layout %s: read %d, accepted %d, rejected %d, warnings %d %v, agencies %d, on-time flags %d",
				filepath.Base(path), r311.Layout, acct.Read, acct.Accepted, len(acct.Rejected), len(acct.Warnings), kinds, len(ds311.Agencies), len(r311.CityOnTime))
			for i, r := range acct.Rejected {
				if i < 3 {
					t.Logf("rejected: %v", r)
				}
			}
			assert.NoError(t, ds311.Validate())
		})
	}
}
