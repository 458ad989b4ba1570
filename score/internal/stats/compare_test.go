package stats

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compareReference is testdata/compare_reference.tsv: R's survdiff on
// each fixture's two samples, and Newcombe intervals from R's Wilson
// intervals.
type compareReference struct {
	samples  map[string]*[2][]Obs
	order    []string
	logrank  map[string][]float64 // obs1 obs2 exp1 exp2 var chisq p
	newcombe [][]float64          // k1 n1 k2 n2 d lower upper
}

func readCompareReference(t *testing.T) *compareReference {
	t.Helper()
	f, err := os.Open("testdata/compare_reference.tsv")
	require.NoError(t, err)
	defer f.Close()
	ref := &compareReference{samples: map[string]*[2][]Obs{}, logrank: map[string][]float64{}}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fs := strings.Split(line, "\t")
		nums := func(from int) []float64 {
			var xs []float64
			for _, s := range fs[from:] {
				x, err := strconv.ParseFloat(s, 64)
				require.NoError(t, err, line)
				xs = append(xs, x)
			}
			return xs
		}
		switch fs[0] {
		case "obs":
			s := ref.samples[fs[1]]
			if s == nil {
				s = &[2][]Obs{}
				ref.samples[fs[1]] = s
				ref.order = append(ref.order, fs[1])
			}
			x := nums(3)
			g := 0
			if fs[2] == "b" {
				g = 1
			}
			s[g] = append(s[g], Obs{Time: int64(x[0]), Event: x[1] == 1})
		case "logrank":
			ref.logrank[fs[1]] = nums(2)
		case "newcombe":
			ref.newcombe = append(ref.newcombe, nums(1))
		default:
			t.Fatalf("unknown record %q", line)
		}
	}
	require.NoError(t, sc.Err())
	return ref
}

// close reports whether got is within 1e-9 of want, relatively for
// numbers above 1.
func close9(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*max(1, math.Abs(want))
}

func TestLogRankReference(t *testing.T) {
	ref := readCompareReference(t)
	require.Len(t, ref.order, 8)
	for _, name := range ref.order {
		s := ref.samples[name]
		want := ref.logrank[name]
		require.Len(t, want, 7, name)
		got, ok := LogRankTest(s[0], s[1])
		if want[4] == 0 {
			assert.False(t, ok, name)
			continue
		}
		require.True(t, ok, name)
		for i, g := range []float64{got.Observed[0], got.Observed[1], got.Expected[0], got.Expected[1], got.Variance, got.ChiSquare, got.P} {
			assert.True(t, close9(g, want[i]), "%s: field %d: got %.17g, R %.17g", name, i, g, want[i])
		}
		// The test is symmetric: swapping the samples changes nothing
		// but the order of the counts.
		back, ok := LogRankTest(s[1], s[0])
		require.True(t, ok)
		assert.True(t, close9(back.ChiSquare, got.ChiSquare), name)
	}
}

func TestLogRankByHand(t *testing.T) {
	// a: events at 1 and 3; b: an event at 2, censored at 3. At 1: 4 at
	// risk, 2 of a: E_a = 2·1/4, V = 2·2·1·3/(16·3) = 1/4. At 2: a has 1,
	// b 2: E_a = 1/3, V = 1·2·1·2/(9·2) = 2/9. At 3: a 1, b 1, one event:
	// E_a = 1/2, V = 1·1·1·1/(4·1) = 1/4. O_a = 2, E_a = 1/2+1/3+1/2 = 4/3,
	// V = 1/4+2/9+1/4 = 13/18, chi² = (2/3)² / (13/18) = 8/13.
	a := []Obs{{3, true}, {1, true}}
	b := []Obs{{2, true}, {3, false}}
	got, ok := LogRankTest(a, b)
	require.True(t, ok)
	assert.InDelta(t, 4.0/3, got.Expected[0], 1e-15)
	assert.InDelta(t, 13.0/18, got.Variance, 1e-15)
	assert.InDelta(t, 8.0/13, got.ChiSquare, 1e-15)
	assert.Equal(t, [2]float64{2, 1}, got.Observed)

	_, ok = LogRankTest(nil, b)
	assert.False(t, ok, "an empty sample")
	_, ok = LogRankTest([]Obs{{5, false}}, []Obs{{7, false}})
	assert.False(t, ok, "no event")
}

func TestNewcombeReference(t *testing.T) {
	ref := readCompareReference(t)
	require.NotEmpty(t, ref.newcombe)
	for _, c := range ref.newcombe {
		k1, n1, k2, n2 := int(c[0]), int(c[1]), int(c[2]), int(c[3])
		d, lo, hi, ok := Newcombe(k1, n1, k2, n2, Z95)
		require.True(t, ok)
		assert.True(t, close9(d, c[4]), "%v: d %.17g", c[:4], d)
		assert.True(t, close9(lo, c[5]), "%v: lower %.17g, R %.17g", c[:4], lo, c[5])
		assert.True(t, close9(hi, c[6]), "%v: upper %.17g, R %.17g", c[:4], hi, c[6])
	}
	// Newcombe's own worked example (1998, Table II, method 10): 56/70 −
	// 48/80 has the interval 0.0524 to 0.3339.
	_, lo, hi, _ := Newcombe(56, 70, 48, 80, Z95)
	assert.InDelta(t, 0.0524, lo, 5e-5)
	assert.InDelta(t, 0.3339, hi, 5e-5)
	_, _, _, ok := Newcombe(1, 0, 1, 2, Z95)
	assert.False(t, ok)
}

func TestChiSquare1P(t *testing.T) {
	// qchisq(0.95, 1) = 3.841458820694124: the 5% point.
	assert.InDelta(t, 0.05, ChiSquare1P(3.841458820694124), 1e-15)
	assert.Equal(t, 1.0, ChiSquare1P(0))
	assert.Equal(t, 1.0, ChiSquare1P(-1))
}
