package rubric_test

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
)

func TestClone(t *testing.T) {
	spelled := rubric.Default() // decimals spelled with trailing zeros and exponents
	spelled.Dimensions[0].Weight = decimal.RequireFromString("0.40")
	spelled.Grades[0].Min = decimal.New(8500, -2)
	spelled.Dimensions[0].Criteria[2].Scale.Worst = ptrDecimal(decimal.New(168, 0).Mul(decimal.New(1, 3)).Div(decimal.New(1, 3)))
	for _, r := range []rubric.Rubric{rubric.Default(), rubric.Strict(), rubric.Index(), rubric.ServiceRequests(), spelled} {
		c := r.Clone()
		want, err := r.Canonical()
		require.NoError(t, err)
		got, err := c.Canonical()
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s: the clone's canonical form", r.ID)
		parsed, err := rubric.Parse(want)
		require.NoError(t, err)
		assert.True(t, reflect.DeepEqual(parsed, c), "%s: the clone is what Parse(Canonical()) gives", r.ID)
		assertNoSharing(t, r.ID, reflect.ValueOf(r), reflect.ValueOf(c))
	}
}

// assertNoSharing fails when a and b, deep-equal values of one type,
// share the memory of a pointer, slice or map.
func assertNoSharing(t *testing.T, path string, a, b reflect.Value) {
	t.Helper()
	switch a.Kind() {
	case reflect.Pointer:
		if a.IsNil() {
			return
		}
		if a.Type().Elem().PkgPath() == "math/big" {
			return // inside a decimal, which never changes
		}
		assert.NotEqual(t, a.Pointer(), b.Pointer(), "%s: a pointer is shared", path)
		assertNoSharing(t, path, a.Elem(), b.Elem())
	case reflect.Slice:
		if a.Len() > 0 {
			assert.NotEqual(t, a.Pointer(), b.Pointer(), "%s: a slice is shared", path)
		}
		for i := range a.Len() {
			assertNoSharing(t, path, a.Index(i), b.Index(i))
		}
	case reflect.Map:
		if a.Len() > 0 {
			assert.NotEqual(t, a.Pointer(), b.Pointer(), "%s: a map is shared", path)
		}
		for it := a.MapRange(); it.Next(); {
			assertNoSharing(t, path, it.Value(), b.MapIndex(it.Key()))
		}
	case reflect.Struct:
		for i := range a.NumField() {
			if a.Type().Field(i).IsExported() {
				assertNoSharing(t, path+"."+a.Type().Field(i).Name, a.Field(i), b.Field(i))
			}
		}
	}
}

func ptrDecimal(d decimal.Decimal) *decimal.Decimal { return &d }
