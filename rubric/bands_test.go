package rubric

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestCoveredTogether(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	band := func(min, max string) Band {
		var b Band
		if min != "" {
			b.Min = d(min)
		}
		if max != "" {
			b.Max = d(max)
		}
		return b
	}
	for _, tc := range []struct {
		name   string
		before []Band
		b      Band
		want   bool
	}{
		{"meeting at a point", []Band{band("0.5", ""), band("", "0.5")}, band("0.2", "0.8"), true},
		{"a gap between", []Band{band("0.6", ""), band("", "0.4")}, band("0.2", "0.8"), false},
		{"a gap at the start", []Band{band("0.3", "0.9")}, band("0.2", "0.8"), false},
		{"a gap at the end", []Band{band("0.1", "0.7")}, band("0.2", "0.8"), false},
		{"three in a row", []Band{band("0.6", "0.9"), band("0", "0.3"), band("0.3", "0.6")}, band("0.1", "0.85"), true},
		{"one that ends below", []Band{band("0", "0.1"), band("0.2", "")}, band("0.2", "0.8"), true},
		{"down to no lower bound", []Band{band("", "0.5"), band("0.4", "1")}, band("", "0.9"), true},
		{"no lower bound left open", []Band{band("0", "1")}, band("", "0.5"), false},
		{"up to no upper bound", []Band{band("0.5", ""), band("0", "0.6")}, band("0.1", ""), true},
		{"descending minimums, the default's way", []Band{band("0.95", ""), band("0.8", "")}, band("0.65", ""), false},
		{"none before", nil, band("0", "1"), false},
	} {
		if got := coveredTogether(tc.before, tc.b); got != tc.want {
			t.Errorf("%s: coveredTogether = %v, want %v", tc.name, got, tc.want)
		}
	}
}
