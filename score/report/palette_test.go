package report

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// cvd are the matrices of Machado, Oliveira and Fernandes, "A
// Physiologically-based Model for Simulation of Color Vision Deficiency"
// (IEEE TVCG 15(6), 2009), at severity 1.0, applied to linear RGB.
var cvd = map[string][9]float64{
	"protanopia":   {0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998},
	"deuteranopia": {0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.011820, 0.042940, 0.968881},
	"tritanopia":   {1.255528, -0.076749, -0.178779, -0.078411, 0.930809, 0.147602, 0.004733, 0.691367, 0.303900},
	"typical":      {1, 0, 0, 0, 1, 0, 0, 0, 1},
}

// linearRGB decodes "#rrggbb" to linear sRGB.
func linearRGB(t *testing.T, hex string) [3]float64 {
	t.Helper()
	v, err := strconv.ParseUint(strings.TrimPrefix(hex, "#"), 16, 32)
	if err != nil {
		t.Fatal(err)
	}
	var c [3]float64
	for i, shift := range []uint{16, 8, 0} {
		f := float64(v>>shift&255) / 255
		if f <= 0.04045 {
			c[i] = f / 12.92
		} else {
			c[i] = math.Pow((f+0.055)/1.055, 2.4)
		}
	}
	return c
}

// cielab converts linear sRGB to CIELAB (D65).
func cielab(c [3]float64) [3]float64 {
	x := (0.4124*c[0] + 0.3576*c[1] + 0.1805*c[2]) / 0.95047
	y := 0.2126*c[0] + 0.7152*c[1] + 0.0722*c[2]
	z := (0.0193*c[0] + 0.1192*c[1] + 0.9505*c[2]) / 1.08883
	f := func(t float64) float64 {
		if t > 216.0/24389 {
			return math.Cbrt(t)
		}
		return (24389.0/27*t + 16) / 116
	}
	return [3]float64{116*f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))}
}

// simulate returns c as a reader with the deficiency m sees it.
func simulate(m [9]float64, c [3]float64) [3]float64 {
	clamp := func(v float64) float64 { return min(max(v, 0), 1) }
	return [3]float64{
		clamp(m[0]*c[0] + m[1]*c[1] + m[2]*c[2]),
		clamp(m[3]*c[0] + m[4]*c[1] + m[5]*c[2]),
		clamp(m[6]*c[0] + m[7]*c[1] + m[8]*c[2]),
	}
}

// minDeltaE is the smallest CIELAB distance (ΔE*ab, CIE 1976) two colours
// of a palette keep under every simulated deficiency: about 2.3 is the
// smallest difference an eye notices, and 15 tells categories apart at a
// glance.
const minDeltaE = 15

// TestPalettesForColourBlindReaders is the named check of the charts'
// colours: every two colours of the grade and dimension palettes, and the
// reply panels' focus and context colours, stay at least minDeltaE apart
// for readers with protanopia, deuteranopia or tritanopia (Machado et
// al., 2009) and for typical colour vision. The palettes the report used
// before failed it: their light green and orange grades came within 5 of
// each other for deuteranopia.
func TestPalettesForColourBlindReaders(t *testing.T) {
	palettes := map[string][]string{
		"grades":     gradePalette,
		"dimensions": dimensionPalette,
		"panels":     {focusColor, contextColor},
	}
	for name, p := range palettes {
		for vision, m := range cvd {
			for i := range p {
				for j := i + 1; j < len(p); j++ {
					a, b := cielab(simulate(m, linearRGB(t, p[i]))), cielab(simulate(m, linearRGB(t, p[j])))
					d := math.Sqrt((a[0]-b[0])*(a[0]-b[0]) + (a[1]-b[1])*(a[1]-b[1]) + (a[2]-b[2])*(a[2]-b[2]))
					assert.GreaterOrEqual(t, d, float64(minDeltaE), "%s: %s and %s under %s", name, p[i], p[j], vision)
				}
			}
		}
	}
	// The check tells a bad palette: the former grades fail it.
	old := []string{"#91cf60", "#fc8d59"}
	a, b := cielab(simulate(cvd["deuteranopia"], linearRGB(t, old[0]))), cielab(simulate(cvd["deuteranopia"], linearRGB(t, old[1])))
	assert.Less(t, math.Hypot(math.Hypot(a[0]-b[0], a[1]-b[1]), a[2]-b[2]), float64(minDeltaE))
}

// TestTextOnColours checks that the grade chips' text is dark on light
// colours and white on dark ones, and readable on each: a WCAG contrast
// ratio of at least 4.5.
func TestTextOnColours(t *testing.T) {
	for _, c := range append(append([]string{}, gradePalette...), "#767676") {
		text := textOn(c)
		l1, l2 := luminance(c), luminance(text)
		ratio := (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
		assert.GreaterOrEqual(t, ratio, 4.5, "%s text on %s", text, c)
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		name  string
		width int
		want  []string
	}{
		{"Ministry of Finance", 46, []string{"Ministry of Finance"}},
		{"General Presidency for the Affairs of the Two Holy Mosques", 46,
			[]string{"General Presidency for the Affairs of the Two", "Holy Mosques"}},
		{"abcdefghij klm", 4, []string{"abcd", "efgh", "ij", "klm"}},
		{"  spaced   out  ", 46, []string{"spaced out"}},
		{"", 46, []string{""}},
		{"وزارة الموارد البشرية والتنمية الاجتماعية", 20, []string{"وزارة الموارد", "البشرية والتنمية", "الاجتماعية"}},
	} {
		assert.Equal(t, tc.want, wrap(tc.name, tc.width), "%q", tc.name)
	}
}
