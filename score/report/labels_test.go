package report

import (
	"reflect"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// TestLabelsHaveEveryLanguage is the check of the message catalogue:
// every message a page shows is in English and in Arabic. A new field of
// labels, or a new key of one of its maps, set in one language only,
// fails it; so does a dimension, metric or flag of the library without a
// name in either.
func TestLabelsHaveEveryLanguage(t *testing.T) {
	langs := map[string]labels{"en": english, "ar": arabic}
	typ := reflect.TypeFor[labels]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		for name, l := range langs {
			v := reflect.ValueOf(l).Field(i)
			switch v.Kind() {
			case reflect.String:
				assert.NotEmpty(t, v.String(), "%s: %s is empty", name, f.Name)
			case reflect.Map:
				for _, k := range v.MapKeys() {
					assert.NotEmpty(t, v.MapIndex(k).String(), "%s: %s[%v] is empty", name, f.Name, k)
				}
				for other, ol := range langs {
					ov := reflect.ValueOf(ol).Field(i)
					for _, k := range v.MapKeys() {
						assert.True(t, ov.MapIndex(k).IsValid(), "%s[%v] is in %s, not in %s", f.Name, k, name, other)
					}
				}
			}
		}
	}
	for name, l := range langs {
		for _, m := range rubric.Metrics() {
			assert.NotEmpty(t, l.Metrics[m], "%s: metric %s has no name", name, m)
		}
		for _, d := range []rubric.DimensionID{rubric.ReplySpeed, rubric.Accuracy, rubric.ChannelOpenness, rubric.Staffing} {
			assert.NotEmpty(t, l.Dimensions[d], "%s: dimension %s has no name", name, d)
		}
		for _, c := range score.FlagCodes() {
			assert.NotEmpty(t, l.FlagNames[c], "%s: flag %s has no name", name, c)
		}
		for _, s := range []score.Status{score.StatusScored, score.StatusNoData, score.StatusInsufficient} {
			assert.NotEmpty(t, l.Statuses[s], "%s: status %s has no name", name, s)
		}
	}
	assert.False(t, slices.Contains([]string{english.Lang, arabic.Lang}, ""))
}
