package sensitivity

import (
	"testing"

	"github.com/govscore/govscore/score/internal/compose"
)

// TestToUnits checks the drawn weights in units by hand: they sum to
// exactly 1, a weight of 0 stays 0, and no other rounds to 0.
func TestToUnits(t *testing.T) {
	for _, tc := range []struct {
		w    []float64
		want []int64
	}{
		{[]float64{0.25, 0.75}, []int64{250_000_000_000, 750_000_000_000}},
		{[]float64{1.0 / 3, 1.0 / 3, 1.0 / 3}, []int64{333_333_333_334, 333_333_333_333, 333_333_333_333}},
		{[]float64{0, 1}, []int64{0, compose.Unit}},
		{[]float64{1e-14, 1 - 1e-14}, []int64{1, compose.Unit - 1}},
	} {
		got := make([]int64, len(tc.w))
		toUnits(got, tc.w)
		var sum int64
		for i := range got {
			sum += got[i]
			if got[i] != tc.want[i] {
				t.Errorf("toUnits(%v) = %v, want %v", tc.w, got, tc.want)
				break
			}
		}
		if sum != compose.Unit {
			t.Errorf("toUnits(%v) sums to %d", tc.w, sum)
		}
	}
}
