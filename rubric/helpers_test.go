package rubric_test

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
)

// num returns the decimal written in s, a literal of the test.
func num(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// ptr returns a pointer to the decimal written in s, a literal of the test.
func ptr(s string) *decimal.Decimal {
	d := num(s)
	return &d
}

// huge returns a pointer to 1e exp, built without any string so that its
// exponent may be far outside what a file could hold.
func huge(exp int32) *decimal.Decimal {
	d := decimal.New(1, exp)
	return &d
}

// yamlOf returns r written with WriteYAML.
func yamlOf(t testing.TB, r rubric.Rubric) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, r.WriteYAML(&b), "WriteYAML")
	return b.Bytes()
}

// jsonOf returns r written with WriteJSON.
func jsonOf(t testing.TB, r rubric.Rubric) []byte {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, r.WriteJSON(&b), "WriteJSON")
	return b.Bytes()
}

// canonical returns r.Canonical().
func canonical(t testing.TB, r rubric.Rubric) []byte {
	t.Helper()
	c, err := r.Canonical()
	require.NoError(t, err, "Canonical")
	return c
}

// hash returns r.Hash().
func hash(t testing.TB, r rubric.Rubric) string {
	t.Helper()
	h, err := r.Hash()
	require.NoError(t, err, "Hash")
	return h
}

// criterion returns the criterion with the given ID in r, for a test to
// change.
func criterion(t testing.TB, r *rubric.Rubric, id string) *rubric.Criterion {
	t.Helper()
	for i := range r.Dimensions {
		for j := range r.Dimensions[i].Criteria {
			if c := &r.Dimensions[i].Criteria[j]; c.ID == id {
				return c
			}
		}
	}
	t.Fatalf("Default() has no criterion %q", id)
	return nil
}
