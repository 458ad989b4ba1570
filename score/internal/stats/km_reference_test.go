package stats

import (
	"bufio"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// survfitFixture is one fixture of testdata/survfit_reference.tsv, written by
// testdata/survfit_reference.R from R's survival::survfit. NaN stands for
// R's NA.
type survfitFixture struct {
	name      string
	obs       []Obs
	steps     []survfitRow
	quantiles []survfitQuantile
	rmeans    [][3]float64 // tau, rmean, se(rmean)
	median    [3]float64   // print's median, 0.95LCL, 0.95UCL
}

type survfitRow struct {
	time                       int64
	nRisk, nEvent, nCensor     int
	surv, stdErr, lower, upper float64
}

type survfitQuantile struct{ p, q, lower, upper float64 }

func readSurvfitReference(t *testing.T, path string) []*survfitFixture {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var fixtures []*survfitFixture
	byName := map[string]*survfitFixture{}
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := sc.Text()
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		require.GreaterOrEqual(t, len(fields), 2, "line %d: %q", line, text)
		if fields[0] == "fixture" {
			fx := &survfitFixture{name: fields[1]}
			fixtures = append(fixtures, fx)
			byName[fx.name] = fx
			continue
		}
		fx := byName[fields[1]]
		require.NotNil(t, fx, "line %d: unknown fixture %q", line, fields[1])
		num := func(i int) float64 {
			t.Helper()
			if fields[i] == "NA" {
				return math.NaN()
			}
			v, err := strconv.ParseFloat(fields[i], 64)
			require.NoError(t, err, "line %d field %d", line, i+1)
			return v
		}
		integer := func(i int) int64 {
			t.Helper()
			v := num(i)
			require.Equal(t, math.Trunc(v), v, "line %d field %d: not an integer", line, i+1)
			return int64(v)
		}
		want := map[string]int{"obs": 4, "step": 10, "quantile": 6, "rmean": 5, "median": 5}[fields[0]]
		require.NotZero(t, want, "line %d: unknown record %q", line, fields[0])
		require.Len(t, fields, want, "line %d", line)
		switch fields[0] {
		case "obs":
			fx.obs = append(fx.obs, Obs{Time: integer(2), Event: integer(3) == 1})
		case "step":
			fx.steps = append(fx.steps, survfitRow{time: integer(2), nRisk: int(integer(3)),
				nEvent: int(integer(4)), nCensor: int(integer(5)),
				surv: num(6), stdErr: num(7), lower: num(8), upper: num(9)})
		case "quantile":
			fx.quantiles = append(fx.quantiles, survfitQuantile{num(2), num(3), num(4), num(5)})
		case "rmean":
			fx.rmeans = append(fx.rmeans, [3]float64{num(2), num(3), num(4)})
		case "median":
			fx.median = [3]float64{num(2), num(3), num(4)}
		}
	}
	require.NoError(t, sc.Err())
	return fixtures
}

// maxDiff is the largest absolute difference from R seen by TestSurvfitReference.
type maxDiff struct {
	diff float64
	what string
}

// close reports whether got matches R's want to 1e-9, absolute below 1 and
// relative above; NaN (R's NA) matches only NaN, and infinities only
// themselves.
func (m *maxDiff) close(what string, got, want float64) bool {
	switch {
	case math.IsNaN(want) || math.IsNaN(got):
		return math.IsNaN(want) && math.IsNaN(got)
	case math.IsInf(want, 0) || math.IsInf(got, 0):
		return got == want
	}
	d := math.Abs(got - want)
	if d > m.diff {
		m.diff, m.what = d, what
	}
	return d <= 1e-9*max(1, math.Abs(want))
}

// notReached turns a (value, reached) pair into R's convention: NaN for NA.
func notReached(v float64, ok bool) float64 {
	if !ok {
		return math.NaN()
	}
	return v
}

func TestSurvfitReference(t *testing.T) {
	fixtures := readSurvfitReference(t, "testdata/survfit_reference.tsv")
	require.NotEmpty(t, fixtures)
	var worst maxDiff
	for _, fx := range fixtures {
		t.Run(fx.name, func(t *testing.T) {
			require.NotEmpty(t, fx.obs)
			require.NotEmpty(t, fx.steps)
			cv := KaplanMeier(fx.obs)
			censored := 0
			for _, r := range fx.steps {
				censored += r.nCensor
			}
			if cv.N != len(fx.obs) || cv.N != fx.steps[0].nRisk || cv.Censored != censored || cv.Events+cv.Censored != cv.N {
				t.Errorf("KaplanMeier counts N=%d events=%d censored=%d, want N=%d censored=%d",
					cv.N, cv.Events, cv.Censored, fx.steps[0].nRisk, censored)
			}
			if last := fx.steps[len(fx.steps)-1].time; cv.MaxTime != last {
				t.Errorf("MaxTime = %d, want %d", cv.MaxTime, last)
			}

			// R lists every distinct time; the curve, the event times. At a
			// censoring-only time the curve holds its last step's values.
			step := -1
			for _, r := range fx.steps {
				if r.nEvent > 0 {
					step++
					if step >= len(cv.Times) {
						t.Fatalf("curve has %d steps; R has an event at %d", len(cv.Times), r.time)
					}
					if cv.Times[step] != r.time || cv.NRisk[step] != r.nRisk || cv.NEvent[step] != r.nEvent {
						t.Errorf("step %d = (time %d, n.risk %d, n.event %d), want (%d, %d, %d)",
							step, cv.Times[step], cv.NRisk[step], cv.NEvent[step], r.time, r.nRisk, r.nEvent)
					}
				}
				var surv, se, lower, upper float64
				if step < 0 {
					surv, se, lower, upper = 1, 0, 1, 1
				} else {
					surv, se = cv.Surv[step], cv.StdErr[step]
					var ok bool
					lower, upper, ok = cv.ConfInt(step)
					if !ok {
						lower, upper = math.NaN(), math.NaN()
					}
				}
				for _, c := range []struct {
					name      string
					got, want float64
				}{{"surv", surv, r.surv}, {"std.err", se, r.stdErr}, {"lower", lower, r.lower}, {"upper", upper, r.upper}} {
					if !worst.close(fx.name+" "+c.name, c.got, c.want) {
						t.Errorf("%s at time %d = %.17g, want %.17g", c.name, r.time, c.got, c.want)
					}
				}
			}
			if step+1 != len(cv.Times) {
				t.Errorf("curve has %d steps, R %d", len(cv.Times), step+1)
			}

			for _, q := range fx.quantiles {
				for _, c := range []struct {
					name      string
					got, want float64
				}{
					{"Quantile", notReached(cv.Quantile(q.p)), q.q},
					{"QuantileLower", notReached(cv.QuantileLower(q.p)), q.lower},
					{"QuantileUpper", notReached(cv.QuantileUpper(q.p)), q.upper},
				} {
					if !worst.close(fx.name+" "+c.name, c.got, c.want) {
						t.Errorf("%s(%v) = %v, want %v (NaN: not reached)", c.name, q.p, c.got, c.want)
					}
				}
			}

			for _, r := range fx.rmeans {
				mean, se := cv.RestrictedMean(r[0])
				if !worst.close(fx.name+" rmean", mean, r[1]) || !worst.close(fx.name+" se(rmean)", se, r[2]) {
					t.Errorf("RestrictedMean(%v) = %.17g, %.17g; want %.17g, %.17g", r[0], mean, se, r[1], r[2])
				}
			}

			// print.survfit finds its median by a rule of its own
			// (survmean's minmin), which agrees with quantile.survfit except
			// when S is 1-p on its last step with censorings after it: print
			// answers the time S reached 0.5, quantile the midpoint to the
			// last censoring.
			wantMedian := fx.median[0]
			if fx.name == "last_half" {
				require.Equal(t, float64(cv.Times[len(cv.Times)-1]), wantMedian, "print's median")
				wantMedian = (float64(cv.Times[len(cv.Times)-1]) + float64(cv.MaxTime)) / 2
			}
			if got := notReached(cv.Quantile(0.5)); !worst.close(fx.name+" median", got, wantMedian) {
				t.Errorf("Quantile(0.5) = %v, want %v", got, wantMedian)
			}
			if got := notReached(cv.QuantileLower(0.5)); !worst.close(fx.name+" median LCL", got, fx.median[1]) {
				t.Errorf("QuantileLower(0.5) = %v, want print's %v", got, fx.median[1])
			}
			if got := notReached(cv.QuantileUpper(0.5)); !worst.close(fx.name+" median UCL", got, fx.median[2]) {
				t.Errorf("QuantileUpper(0.5) = %v, want print's %v", got, fx.median[2])
			}

			if want := fx.steps[len(fx.steps)-1].surv; cv.Plateau() != want {
				t.Errorf("Plateau() = %v, want %v", cv.Plateau(), want)
			}
		})
	}
	t.Logf("largest absolute difference from R: %.3g (%s)", worst.diff, worst.what)
}
