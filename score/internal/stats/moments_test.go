package stats

import (
	"math"
	"testing"
)

func TestPearson(t *testing.T) {
	// By hand: means 2.5 and 5; Σdx·dy = 11, Σdx² = 5, Σdy² = 26, so
	// r = 11/√130 = 0.96476382...
	r, ok := Pearson([]float64{1, 2, 3, 4}, []float64{2, 4, 5, 9})
	if !ok || math.Abs(r-0.9647638212377322) > 1e-15 {
		t.Errorf("Pearson = %v, %v; want 0.9647638212377322, true", r, ok)
	}
	if r, ok := Pearson([]float64{1, 2, 3}, []float64{3, 2, 1}); !ok || r != -1 {
		t.Errorf("Pearson of a falling line = %v, %v; want -1, true", r, ok)
	}
	for _, tc := range []struct {
		name   string
		xs, ys []float64
	}{
		{"two pairs", []float64{1, 2}, []float64{1, 2}},
		{"x does not vary", []float64{1, 1, 1}, []float64{1, 2, 3}},
		{"y does not vary", []float64{1, 2, 3}, []float64{5, 5, 5}},
	} {
		if r, ok := Pearson(tc.xs, tc.ys); ok {
			t.Errorf("%s: Pearson = %v, true; want false", tc.name, r)
		}
	}
}

func TestMeanSD(t *testing.T) {
	// The textbook case: mean 5, squared deviations 9+1+1+1+0+0+4+16 = 32,
	// population variance 32/8 = 4.
	if m, sd := MeanSD([]float64{2, 4, 4, 4, 5, 5, 7, 9}); m != 5 || sd != 2 {
		t.Errorf("MeanSD = %v, %v; want 5, 2", m, sd)
	}
	if m, sd := MeanSD(nil); m != 0 || sd != 0 {
		t.Errorf("MeanSD(nil) = %v, %v; want 0, 0", m, sd)
	}
}
