package score

import (
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score/internal/fixture"
)

var verb = regexp.MustCompile(`%\[\d+\]s`)

// TestFlagMessages checks the catalogue of flag details: every message in
// English and Arabic, with the same arguments in both; and every flag
// that scoring the fixtures raises has a message of the catalogue, whose
// English is the flag's detail and whose Arabic is formatted without an
// error.
func TestFlagMessages(t *testing.T) {
	for key, m := range flagMessages {
		assert.NotEmpty(t, m.en, "%s: no English", key)
		assert.NotEmpty(t, m.ar, "%s: no Arabic", key)
		en, ar := verb.FindAllString(m.en, -1), verb.FindAllString(m.ar, -1)
		slices.Sort(en)
		slices.Sort(ar)
		assert.Equal(t, slices.Compact(en), slices.Compact(ar), "%s: the arguments differ between the languages", key)
		assert.Equal(t, strings.Count(m.en, "%"), len(verb.FindAllString(m.en, -1)), "%s: every verb is %%[n]s", key)
		assert.Equal(t, strings.Count(m.ar, "%"), len(verb.FindAllString(m.ar, -1)), "%s: every verb is %%[n]s", key)
	}

	used := map[string]bool{}
	check := func(r rubric.Rubric, opts Options, name string) {
		opts.AsOf = fixture.AsOf
		sc, err := New(r, opts)
		require.NoError(t, err)
		rep, err := sc.Score(fixture.Dataset())
		require.NoError(t, err)
		for _, a := range rep.Agencies {
			for _, f := range a.Flags {
				require.NotEmpty(t, f.Message, "%s: %s: flag %s without a message", name, a.AgencyID, f.Code)
				for part := range strings.SplitSeq(f.Message, "+") {
					used[part] = true
				}
				assert.Equal(t, f.Detail, f.Text("en"), "%s: %s: %s", name, a.AgencyID, f.Code)
				ar := f.Text("ar")
				assert.NotEqual(t, f.Detail, ar, "%s: %s: %s: no Arabic", name, a.AgencyID, f.Code)
				for _, text := range []string{f.Detail, ar} {
					assert.NotContains(t, text, "%!", "%s: %s: %s: a formatting error", name, a.AgencyID, f.Code)
				}
			}
		}
	}
	for _, p := range rubric.Presets() {
		check(p, Options{}, p.ID)
		check(p, Options{MinSample: 50}, p.ID+", min sample 50")
	}
	var unused []string
	for key := range flagMessages {
		if !used[key] {
			unused = append(unused, key)
		}
	}
	slices.Sort(unused)
	t.Logf("%d of %d messages raised by the fixtures; not raised: %v", len(used), len(flagMessages), unused)

	// Every message, and every failed gate's breach and effect together,
	// formats without an error in both languages, given the arguments its
	// call site gives (at most five).
	args := []string{"a1", "a2", "a3", "a4", "a5"}
	keys := slices.Collect(maps.Keys(flagMessages))
	for _, b := range []string{"gate.not_reached", "gate.below", "gate.above"} {
		for _, e := range []string{"gate.cap", "gate.grade", "gate.cap_grade", "gate.unscored"} {
			keys = append(keys, b+"+"+e)
		}
	}
	for _, key := range keys {
		n := 0
		for part := range strings.SplitSeq(key, "+") {
			for _, v := range verb.FindAllString(flagMessages[part].en, -1) {
				n = max(n, int(v[2]-'0'))
			}
		}
		for _, lang := range []string{"en", "ar"} {
			text, ok := formatMessage(lang, key, args[:n])
			assert.True(t, ok, key)
			assert.NotContains(t, text, "%!", "%s in %s: %s", key, lang, text)
		}
	}

	// A flag of another version, or a language the catalogue lacks, falls
	// back to the English detail.
	f := Flag{Detail: "d", Message: "no such message"}
	assert.Equal(t, "d", f.Text("ar"))
	f = Flag{Detail: "d", Message: "nothing"}
	assert.Equal(t, "d", f.Text("fr"))
	assert.Equal(t, "لا شيء يُقاس", f.Text("ar"))
}
