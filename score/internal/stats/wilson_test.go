package stats

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

func TestWilson(t *testing.T) {
	tests := []struct {
		k, n   int
		lo, hi float64
	}{
		// k = 0: lower 0, upper z²/(n + z²) = 3.841458820694124/13.841458820694124.
		{0, 10, 0, 3.841458820694124 / 13.841458820694124},
		// k = n: the mirror image.
		{10, 10, 10 / 13.841458820694124, 1},
		// k = 5, n = 10: p = 0.5, centre 0.5, half-width
		// z*sqrt(0.025 + z²/400)/(1 + z²/10) = 1.959963984540054*sqrt(0.034603647051735)/1.3841458820694124.
		{5, 10, 0.5 - 1.959963984540054*math.Sqrt(0.025+3.841458820694124/400)/1.3841458820694124,
			0.5 + 1.959963984540054*math.Sqrt(0.025+3.841458820694124/400)/1.3841458820694124},
		{0, 0, 0, 1},
	}
	for _, tt := range tests {
		lo, hi := Wilson(tt.k, tt.n, Z95)
		if math.Abs(lo-tt.lo) > 1e-12 || math.Abs(hi-tt.hi) > 1e-12 {
			t.Errorf("Wilson(%d, %d) = (%.15g, %.15g), want (%.15g, %.15g)", tt.k, tt.n, lo, hi, tt.lo, tt.hi)
		}
	}
}

// TestWilsonMatchesR compares Wilson with R's prop.test(k, n, correct =
// FALSE)$conf.int, written by testdata/wilson_reference.R.
func TestWilsonMatchesR(t *testing.T) {
	data, err := os.ReadFile("testdata/wilson_reference.tsv")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	if len(lines) < 2 {
		t.Fatal("wilson_reference.tsv has no cases")
	}
	for _, line := range lines[1:] {
		var k, n int
		var lo, hi float64
		if _, err := fmt.Sscanf(line, "%d\t%d\t%g\t%g", &k, &n, &lo, &hi); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		gotLo, gotHi := Wilson(k, n, Z95)
		if math.Abs(gotLo-lo) > 1e-12 || math.Abs(gotHi-hi) > 1e-12 {
			t.Errorf("Wilson(%d, %d) = (%.17g, %.17g), R says (%.17g, %.17g)", k, n, gotLo, gotHi, lo, hi)
		}
	}
}
