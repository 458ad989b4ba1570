package rubric_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/govscore/govscore/rubric"
)

const weightsFile = "testdata/weights.yaml"

// readFixture returns the bytes of a file under testdata.
func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err, "os.ReadFile(%q)", path)
	return b
}

// lineOf returns the 1-based number of the first line of text that is
// exactly line.
func lineOf(t testing.TB, text, line string) int {
	t.Helper()
	for i, l := range strings.Split(text, "\n") {
		if l == line {
			return i + 1
		}
	}
	t.Fatalf("no line %q in the text", line)
	return 0
}

// replaceOnce replaces the only occurrence of old in s.
func replaceOnce(t testing.TB, s, old, new string) string {
	t.Helper()
	require.Equal(t, 1, strings.Count(s, old), "occurrences of %q", old)
	return strings.Replace(s, old, new, 1)
}

func TestWeightsFileRoundTrip(t *testing.T) {
	t.Parallel()
	file := readFixture(t, weightsFile)
	r, err := rubric.LoadFile(weightsFile)
	require.NoError(t, err, "LoadFile(%q)", weightsFile)

	wantWeights := []string{"0.1", "0.2", "0.3", "0.4"}
	require.Len(t, r.Dimensions, len(wantWeights), "LoadFile(%q) dimensions", weightsFile)
	for i, w := range wantWeights {
		got := r.Dimensions[i].Weight
		assert.True(t, got.Equal(num(w)), "LoadFile(%q) dimension %d weight = %s, want %s", weightsFile, i, got, w)
	}

	out := yamlOf(t, r)
	for _, w := range wantWeights {
		assert.Contains(t, string(out), "    weight: "+w+"\n", "WriteYAML() has no weight %s", w)
	}
	assert.Contains(t, string(out), "points: 33.333333333333\n", "WriteYAML() lost the digits of a band's points")
	assert.Contains(t, string(out), "max: 0.899999999999\n", "WriteYAML() lost the digits of a band's max")
	assert.Equal(t, string(file), string(out), "WriteYAML(LoadFile(%q)) is not the file itself", weightsFile)

	again, err := rubric.Parse(out)
	require.NoError(t, err, "Parse(WriteYAML(r))")
	assert.Equal(t, string(canonical(t, r)), string(canonical(t, again)), "Canonical() changed through WriteYAML and Parse")
	for i := range r.Dimensions {
		got, want := again.Dimensions[i].Weight, r.Dimensions[i].Weight
		assert.True(t, got.Equal(want), "Parse(WriteYAML(r)) dimension %d weight = %s, want %s", i, got, want)
	}
	got, want := again.Grades[0].Min, num("70.5")
	assert.True(t, got.Equal(want), "Parse(WriteYAML(r)) grade min = %s, want %s", got, want)
}

func TestRoundTripDefault(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		write func(t testing.TB, r rubric.Rubric) []byte
	}{
		{"yaml", yamlOf},
		{"json", jsonOf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := rubric.Default()
			first := tt.write(t, r)
			loaded, err := rubric.Parse(first)
			require.NoError(t, err, "Parse(%s of Default())", tt.name)
			second := tt.write(t, loaded)
			assert.Equal(t, string(first), string(second), "%s of Default() changed through Parse", tt.name)
			assert.Equal(t, hash(t, r), hash(t, loaded), "Hash() changed through %s", tt.name)
			assert.Equal(t, string(canonical(t, r)), string(canonical(t, loaded)), "Canonical() changed through %s", tt.name)
		})
	}
}

func TestRoundTripAcrossFormats(t *testing.T) {
	t.Parallel()
	r, err := rubric.LoadFile(weightsFile)
	require.NoError(t, err, "LoadFile(%q)", weightsFile)
	fromJSON, err := rubric.Parse(jsonOf(t, r))
	require.NoError(t, err, "Parse(WriteJSON(r))")
	assert.Equal(t, string(readFixture(t, weightsFile)), string(yamlOf(t, fromJSON)), "YAML -> JSON -> YAML is not the file itself")
}

func TestWriteJSONNumbers(t *testing.T) {
	t.Parallel()
	r, err := rubric.LoadFile(weightsFile)
	require.NoError(t, err, "LoadFile(%q)", weightsFile)
	out := string(jsonOf(t, r))
	assert.True(t, json.Valid([]byte(out)), "WriteJSON() is not valid JSON:\n%s", out)
	for _, want := range []string{`"weight": 0.1,`, `"weight": 0.4,`, `"points": 33.333333333333`, `"version": "1"`, `"ar": "جيد"`} {
		assert.Contains(t, out, want, "WriteJSON() = ..., want it to contain %s", want)
	}
	assert.True(t, strings.HasSuffix(out, "}\n"), "WriteJSON() does not end in a newline")
}

func TestDecimalsAreExact(t *testing.T) {
	t.Parallel()
	// 0.100000000001 + 0.2 + 0.3 + 0.399999999999 is exactly 1; in float64
	// neither 0.100000000001 nor the sum is exact.
	r, err := rubric.LoadFile(weightsFile)
	require.NoError(t, err, "LoadFile(%q)", weightsFile)
	r.Dimensions[0].Weight = num("0.100000000001")
	r.Dimensions[3].Weight = num("0.399999999999")
	require.NoError(t, r.Validate(), "Validate() with weights of 12 places")

	tests := []struct {
		name  string
		write func(t testing.TB, r rubric.Rubric) []byte
	}{
		{"yaml", yamlOf},
		{"json", jsonOf},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out := tt.write(t, r)
			assert.Contains(t, string(out), "0.100000000001", "%s = ..., want it to contain 0.100000000001", tt.name)
			loaded, err := rubric.Parse(out)
			require.NoError(t, err, "Parse(%s)", tt.name)
			for i, want := range []string{"0.100000000001", "0.2", "0.3", "0.399999999999"} {
				got := loaded.Dimensions[i].Weight
				assert.True(t, got.Equal(num(want)), "Parse(%s) dimension %d weight = %s, want %s", tt.name, i, got, want)
			}
		})
	}
}

func TestParseJSONNumbersAndStrings(t *testing.T) {
	t.Parallel()
	r, err := rubric.LoadFile(weightsFile)
	require.NoError(t, err, "LoadFile(%q)", weightsFile)
	numbers := string(jsonOf(t, r))
	strs := replaceOnce(t, numbers, `"weight": 0.1,`, `"weight": "0.1",`)
	strs = replaceOnce(t, strs, `"points": 33.333333333333`, `"points": "33.333333333333"`)
	strs = replaceOnce(t, strs, `"min": 70.5,`, `"min": "70.50",`)

	for name, in := range map[string]string{"numbers": numbers, "strings": strs} {
		got, err := rubric.Parse([]byte(in))
		require.NoError(t, err, "Parse(JSON with %s)", name)
		assert.True(t, got.Dimensions[0].Weight.Equal(num("0.1")), "Parse(JSON with %s) weight = %s, want 0.1", name, got.Dimensions[0].Weight)
		assert.Equal(t, string(canonical(t, r)), string(canonical(t, got)), "Canonical(Parse(JSON with %s))", name)
	}
}

func TestParseErrors(t *testing.T) {
	t.Parallel()
	file := string(readFixture(t, weightsFile))
	weightLine := lineOf(t, file, "    weight: 0.1")
	pointsLine := lineOf(t, file, "              points: 33.333333333333")
	line := func(n int) string { return fmt.Sprintf("line %d", n) }

	tests := []struct {
		name string
		in   string
		want []string // the error text must contain each
	}{
		{"empty", "", []string{"empty"}},
		{"only a comment", "# nothing here\n", []string{"empty"}},
		{"not YAML", "id: [unclosed\n", []string{"line 1: did not find expected"}},
		{"not a mapping", "- 1\n- 2\n", []string{"line 1: found a list where a mapping belongs"}},
		{"unknown field", replaceOnce(t, file, "    weight: 0.1\n", "    weight: 0.1\n    colour: red\n"),
			[]string{line(weightLine + 1), "dimensions[0].colour: unknown field"}},
		{"misspelt field", replaceOnce(t, file, "        min_sample: 10\n", "        minsample: 10\n"),
			[]string{"minsample: unknown field (did you mean min_sample?)"}},
		{"duplicate key", replaceOnce(t, file, "    weight: 0.1\n", "    weight: 0.1\n    weight: 0.1\n"),
			[]string{line(weightLine + 1), `"weight" already defined`}},
		{"duplicate top-level key", file + "id: again\n", []string{`"id" already defined`}},
		{"two documents", file + "---\n" + file, []string{"more than one document"}},
		{"two documents, second empty", file + "---\n", []string{"more than one document"}},
		{"exponent", replaceOnce(t, file, "    weight: 0.1\n", "    weight: 1e-1\n"),
			[]string{line(weightLine), `"1e-1" is not a decimal number`}},
		{"exponent in a string", replaceOnce(t, file, "    weight: 0.1\n", "    weight: '1e3'\n"),
			[]string{line(weightLine), `"1e3" is not a decimal number`}},
		{"hexadecimal", replaceOnce(t, file, "    weight: 0.1\n", "    weight: 0x10\n"),
			[]string{line(weightLine), `"0x10" is not a decimal number`}},
		{"infinity", replaceOnce(t, file, "              points: 33.333333333333\n", "              points: .inf\n"),
			[]string{line(pointsLine), `".inf" is not a decimal number`}},
		{"not a number", replaceOnce(t, file, "              points: 33.333333333333\n", "              points: abc\n"),
			[]string{line(pointsLine), `"abc" is not a decimal number`}},
		{"underscores", replaceOnce(t, file, "              points: 33.333333333333\n", "              points: 1_000\n"),
			[]string{line(pointsLine), `"1_000" is not a decimal number`}},
		{"two points", replaceOnce(t, file, "    weight: 0.1\n", "    weight: 0.1.1\n"),
			[]string{line(weightLine), `"0.1.1" is not a decimal number`}},
		{"sign alone", replaceOnce(t, file, "    weight: 0.1\n", "    weight: '-'\n"),
			[]string{line(weightLine), `"-" is not a decimal number`}},
		{"several bad numbers", replaceOnce(t, replaceOnce(t, file, "    weight: 0.1\n", "    weight: 1e3\n"),
			"              points: 33.333333333333\n", "              points: abc\n"),
			[]string{line(weightLine), line(pointsLine), `"1e3"`, `"abc"`}},
		{"aliased exponent", replaceOnce(t, replaceOnce(t, file, "title: Four dimensions", "title: &x 1e-1 #"),
			"    weight: 0.1\n", "    weight: *x\n"),
			[]string{line(lineOf(t, file, "title: Four dimensions weighted 0.1, 0.2, 0.3 and 0.4")), `"1e-1" is not a decimal number`}},
		{"aliased exponent merged", replaceOnce(t, replaceOnce(t, file, "title: Four dimensions", "title: &x 1e-1 #"),
			"    weight: 0.1\n", "    <<: {weight: *x}\n"),
			[]string{`"1e-1" is not a decimal number`}},
		{"exponent merged", replaceOnce(t, file, "    weight: 0.1\n", "    <<: [{weight: 1e-1}]\n"),
			[]string{line(weightLine), `"1e-1" is not a decimal number`}},
		// Found by a review: keys a reader does not see as yaml decodes
		// them, tags, and octal.
		{"a tagged key", replaceOnce(t, file, "    weight: 0.1\n", "    !!merge weight: 1e-1\n"),
			[]string{line(weightLine), `an explicit tag ("!!merge") is not allowed on a key`}},
		{"an alias as a key", replaceOnce(t, replaceOnce(t, file, "title: Four dimensions", "title: &w weight #"),
			"    weight: 0.1\n", "    *w : 0.1\n"),
			[]string{line(weightLine), "an alias (*name) cannot be a key"}},
		{"a tagged value", replaceOnce(t, file, "    weight: 0.1\n", "    weight: !!binary MTIz\n"),
			[]string{line(weightLine), `an explicit tag ("!!binary") is not allowed`}},
		{"octal", replaceOnce(t, file, "        min_sample: 10\n", "        min_sample: 010\n"),
			[]string{`"010" is not a whole number`}},
		{"a hostile unknown key, quoted with escapes", replaceOnce(t, file, "    weight: 0.1\n", "    weight: 0.1\n    \"\\e[2J\\u202eweight\": 1\n"),
			[]string{line(weightLine + 1), `dimensions[0]."\x1b[2J\u202eweight": unknown field`}},
		{"a mapping for a number", replaceOnce(t, file, "    weight: 0.1\n", "    weight: {}\n"),
			[]string{line(weightLine), "a number is required, not a mapping or a list"}},
		{"JSON syntax", `{"id": "x", "version": "1"`, []string{"line 1: did not find expected"}},
		// yaml names no line for these two.
		{"unknown anchor", replaceOnce(t, file, "    weight: 0.1\n", "    weight: *nope\n"),
			[]string{line(weightLine), "unknown anchor 'nope' referenced"}},
		{"invalid UTF-8", replaceOnce(t, file, "    weight: 0.1\n", "    weight: 0.1 # \xff\n"),
			[]string{line(weightLine), "not valid UTF-8"}},
		// A number left out or null would read as 0.
		{"weight left out", replaceOnce(t, file, "    weight: 0.1\n", ""),
			[]string{"dimensions[0].weight: missing: the field is required"}},
		{"weight null", replaceOnce(t, file, "    weight: 0.1\n", "    weight: null\n"),
			[]string{line(weightLine), "dimensions[0].weight: null: a number is required"}},
		{"band points left out", replaceOnce(t, file, "              points: 33.333333333333\n", ""),
			[]string{"points: missing: the field is required"}},
		// So many labels that yaml's check for repeated keys, quadratic in
		// their number, would take seconds: refused before it runs.
		{"too many labels", replaceOnce(t, file, "    labels:\n      ar: جيد\n", "    labels:\n"+manyKeys(300, "      ")+"      ar: جيد\n"),
			[]string{line(lineOf(t, file, "  - id: good") + 3), "a mapping of 302 keys: at most 256 (MaxMapKeys)"}},
		{"too many fields", replaceOnce(t, file, "title: Four dimensions", "title:\n"+manyKeys(300, "  ")+"# Four dimensions"),
			[]string{"a mapping of 300 keys: at most 256 (MaxMapKeys)"}},
		{"too many unknown fields", file + manyKeys(300, ""),
			[]string{"line 1: a mapping of", "keys: at most 256 (MaxMapKeys)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := rubric.Parse([]byte(tt.in))
			require.Error(t, err, "Parse() = nil, want an error containing %q", tt.want)
			assert.ErrorIs(t, err, rubric.ErrSyntax, "Parse() = %v, want errors.Is ErrSyntax", err)
			for _, want := range tt.want {
				assert.Contains(t, err.Error(), want, "Parse() = %v, want it to contain %q", err, want)
			}
		})
	}
}

func TestParseTooLarge(t *testing.T) {
	t.Parallel()
	big := bytes.Repeat([]byte("#"), rubric.MaxFileSize+1)
	_, err := rubric.Load(bytes.NewReader(big))
	assert.ErrorIs(t, err, rubric.ErrSyntax, "Load(%d bytes) = %v, want ErrSyntax", len(big), err)
	assert.ErrorContains(t, err, "larger than", "Load(%d bytes)", len(big))
}

func TestParseInvalidRubric(t *testing.T) {
	t.Parallel()
	file := string(readFixture(t, weightsFile))
	in := replaceOnce(t, file, "    weight: 0.1\n", "    weight: 0.15\n")
	in = replaceOnce(t, in, "          quantile: 0.5\n", "          quantile: 1\n")
	in = replaceOnce(t, in, "    min: 0\n", "    min: 10\n")
	in = replaceOnce(t, in, "            - x\n", "            - telex\n")

	r, err := rubric.Parse([]byte(in))
	require.Error(t, err, "Parse(invalid rubric) = nil")
	assert.NotErrorIs(t, err, rubric.ErrSyntax, "Parse(invalid rubric) = %v, want no ErrSyntax: the file reads", err)
	for _, want := range []error{rubric.ErrWeightSum, rubric.ErrParam, rubric.ErrGrade, rubric.ErrFilter} {
		assert.ErrorIs(t, err, want, "Parse(invalid rubric) = %v, want errors.Is %v", err, want)
	}
	for _, want := range []string{
		"dimension weights: weights must sum exactly to 1: they sum to 1.05",
		`dimension "reply_speed": criterion "median": params: quantile`,
		`grade "poor": min`,
		`dimension "channel_openness": criterion "media": filter: channels[0]`,
	} {
		assert.Contains(t, err.Error(), want, "Parse(invalid rubric) = %v", err)
	}
	assert.Equal(t, "weights-test", r.ID, "Parse(invalid rubric) returns the rubric read, with its ID")
}

func TestLoadFileErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	missing := filepath.Join(dir, "missing.yaml")
	_, err := rubric.LoadFile(missing)
	assert.ErrorIs(t, err, os.ErrNotExist, "LoadFile(%q) = %v, want os.ErrNotExist", missing, err)
	assert.ErrorContains(t, err, missing, "LoadFile(%q)", missing)

	tests := []struct {
		name string
		in   string
		want error
	}{
		{"syntax", "id: x\nweight: 1e3\n", rubric.ErrSyntax},
		{"invalid", "id: x\nversion: '1'\n", rubric.ErrMissing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, tt.name+".yaml")
			require.NoError(t, os.WriteFile(path, []byte(tt.in), 0o644), "WriteFile")
			_, err := rubric.LoadFile(path)
			require.Error(t, err, "LoadFile(%q) = nil", path)
			assert.True(t, strings.HasPrefix(err.Error(), path+":"), "LoadFile(%q) = %q, want it to start with the path", path, err)
			assert.ErrorIs(t, err, tt.want, "LoadFile(%q) = %v, want errors.Is %v", path, err, tt.want)
		})
	}
}

var hashPattern = regexp.MustCompile(`^sha256:[0-9a-f]{64}$`)

func TestCanonicalAndHash(t *testing.T) {
	t.Parallel()
	r := rubric.Default()
	c1, c2 := canonical(t, r), canonical(t, rubric.Default())
	assert.Equal(t, string(c1), string(c2), "Canonical() differs between calls")
	assert.True(t, json.Valid(c1), "Canonical() is not valid JSON: %s", c1)
	assert.NotContains(t, string(c1), "\n", "Canonical() is not compact")
	h := hash(t, r)
	assert.Regexp(t, hashPattern, h, "Hash()")
	for range 3 {
		assert.Equal(t, h, hash(t, rubric.Default()), "Hash() differs between calls")
	}
}

func TestHashChanges(t *testing.T) {
	t.Parallel()
	base := hash(t, rubric.Default())
	tests := []struct {
		name   string
		mutate func(t *testing.T, r *rubric.Rubric)
	}{
		{"dimension weight", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = num("0.41") }},
		{"criterion weight", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Weight = num("0.150000000001") }},
		{"goalpost", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Best = ptr("2") }},
		{"band points", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Scale.Bands[2].Points = num("71")
		}},
		{"param", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Params.GraceHours = ptr("48") }},
		{"param removed", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "response_rate").Params.GraceHours = nil }},
		{"knockout removed", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").KnockoutCap = nil }},
		{"knockout zero", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "broadcast_only").KnockoutCap = ptr("0") }},
		{"filter", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "media_response_rate").Filter = nil }},
		{"min_sample", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "media_response_rate").MinSample = 4 }},
		{"grade min", func(t *testing.T, r *rubric.Rubric) { r.Grades[0].Min = num("85.5") }},
		{"grade label", func(t *testing.T, r *rubric.Rubric) { r.Grades[0].Labels["ar"] = "ممتاز" }},
		{"version", func(t *testing.T, r *rubric.Rubric) { r.Version = "2026.2" }},
		{"rationale", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Rationale += "." }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := rubric.Default()
			tt.mutate(t, &r)
			assert.NotEqual(t, base, hash(t, r), "Hash() did not change with the %s", tt.name)
		})
	}
}

func TestHashIgnoresTrailingZeros(t *testing.T) {
	t.Parallel()
	base := hash(t, rubric.Default())
	tests := []struct {
		name   string
		mutate func(t *testing.T, r *rubric.Rubric)
	}{
		{"0.40 for 0.4", func(t *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = num("0.40") }},
		{"0.1000 for 0.1", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "p90_reply").Weight = num("0.1000") }},
		{"100.00 for 100", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "response_rate").Scale.Bands[0].Points = num("100.00")
		}},
		{"1.0 for 1", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "median_reply").Scale.Best = ptr("1.0") }},
		{"0.000 for 0", func(t *testing.T, r *rubric.Rubric) { r.Grades[4].Min = num("0.000") }},
		{"coefficient and exponent", func(t *testing.T, r *rubric.Rubric) { r.Grades[0].Min = decimal.New(850, -1) }},
		{"positive exponent", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "p90_reply").Scale.Worst = ptr("72e1") }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := rubric.Default()
			tt.mutate(t, &r)
			assert.Equal(t, base, hash(t, r), "Hash() changed with %s", tt.name)
		})
	}

	// The same through a file: 0.10 in YAML is 0.1.
	file := string(readFixture(t, weightsFile))
	r1, err := rubric.Parse([]byte(file))
	require.NoError(t, err, "Parse(%s)", weightsFile)
	r2, err := rubric.Parse([]byte(replaceOnce(t, file, "    weight: 0.1\n", "    weight: 0.10\n")))
	require.NoError(t, err, "Parse(%s with 0.10)", weightsFile)
	assert.Equal(t, hash(t, r1), hash(t, r2), "Hash() of 0.10 and of 0.1 differ")
}

// TestCodecIgnoresDecimalGlobals flips the formatting globals of package
// decimal, so it must not run in parallel with other tests.
func TestCodecIgnoresDecimalGlobals(t *testing.T) {
	r, err := rubric.LoadFile(weightsFile)
	require.NoError(t, err, "LoadFile(%q)", weightsFile)
	r.Dimensions[0].Weight = num("0.10") // a trailing zero for TrimTrailingZeros to keep
	r.Dimensions[1].Weight = num("2e-1") // an exponent for UseScientificNotation to show
	want := map[string]string{
		"Canonical": string(canonical(t, r)),
		"Hash":      hash(t, r),
		"WriteYAML": string(yamlOf(t, r)),
		"WriteJSON": string(jsonOf(t, r)),
	}

	quotes, trim, sci := decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros, decimal.UseScientificNotation
	t.Cleanup(func() {
		decimal.MarshalJSONWithoutQuotes, decimal.TrimTrailingZeros, decimal.UseScientificNotation = quotes, trim, sci
	})
	for _, set := range []struct {
		name  string
		apply func()
	}{
		{"MarshalJSONWithoutQuotes", func() { decimal.MarshalJSONWithoutQuotes = !quotes }},
		{"TrimTrailingZeros", func() { decimal.TrimTrailingZeros = !trim }},
		{"UseScientificNotation", func() { decimal.UseScientificNotation = !sci }},
	} {
		set.apply() // cumulative: the last round has all three flipped
		got := map[string]string{
			"Canonical": string(canonical(t, r)),
			"Hash":      hash(t, r),
			"WriteYAML": string(yamlOf(t, r)),
			"WriteJSON": string(jsonOf(t, r)),
		}
		for call, w := range want {
			assert.Equal(t, w, got[call], "%s() changed when decimal.%s was flipped", call, set.name)
		}
		again, err := rubric.Parse([]byte(got["WriteJSON"]))
		require.NoError(t, err, "Parse(WriteJSON()) with decimal.%s flipped", set.name)
		assert.Equal(t, want["Canonical"], string(canonical(t, again)), "Canonical(Parse(WriteJSON())) with decimal.%s flipped", set.name)
	}
}

func TestSaveFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := rubric.Default()
	tests := []struct {
		name     string
		wantJSON bool
	}{
		{"rubric.json", true},
		{"RUBRIC.JSON", true},
		{"rubric.yaml", false},
		{"rubric.yml", false},
		{"rubric", false},
		{"rubric.json.txt", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, tt.name)
			require.NoError(t, rubric.SaveFile(path, r), "SaveFile(%q)", path)
			got := readFixture(t, path)
			want, format := yamlOf(t, r), "YAML"
			if tt.wantJSON {
				want, format = jsonOf(t, r), "JSON"
			}
			assert.Equal(t, string(want), string(got), "SaveFile(%q) did not write %s", path, format)
			loaded, err := rubric.LoadFile(path)
			require.NoError(t, err, "LoadFile(%q)", path)
			assert.Equal(t, hash(t, r), hash(t, loaded), "Hash(LoadFile(SaveFile(%q)))", path)
		})
	}

	bad := filepath.Join(dir, "no-such-dir", "rubric.yaml")
	err := rubric.SaveFile(bad, r)
	assert.True(t, errors.Is(err, os.ErrNotExist), "SaveFile(%q) = %v, want os.ErrNotExist", bad, err)
}

// TestRoundTripUnusualCharacters writes strings with characters that JSON
// allows raw but YAML, which reads JSON files, does not.
func TestRoundTripUnusualCharacters(t *testing.T) {
	t.Parallel()
	file := string(readFixture(t, weightsFile))
	tests := []struct {
		name, escaped, want string
	}{
		{"DEL", `\x7f`, "a\x7fb"},
		{"NEL", `\N`, "a\u0085b"},
		{"C1 control", `\x86`, "a\u0086b"},
		{"BOM", `\uFEFF`, "a\ufeffb"},
		{"non-character", `\uFFFE`, "a\ufffeb"},
		{"line separator", `\L`, "a\u2028b"},
		{"C0 control", `\x01`, "a\x01b"},
		{"tab", `\t`, "a\tb"},
		{"quote and backslash", `\"\\`, "a\"\\b"},
		{"HTML", `<&>`, "a<&>b"},
		{"astral", `\U0001F600`, "a\U0001F600b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := replaceOnce(t, file, "    rationale: One tenth.\n", "    rationale: \"a"+tt.escaped+"b\"\n")
			r, err := rubric.Parse([]byte(in))
			require.NoError(t, err, "Parse(rationale %q)", tt.escaped)
			require.Equal(t, tt.want, r.Dimensions[0].Rationale, "Parse(rationale %q)", tt.escaped)
			for _, format := range []struct {
				name  string
				write func(testing.TB, rubric.Rubric) []byte
			}{{"WriteYAML", yamlOf}, {"WriteJSON", jsonOf}} {
				again, err := rubric.Parse(format.write(t, r))
				if !assert.NoError(t, err, "Parse(%s()) of rationale %q", format.name, tt.want) {
					continue
				}
				assert.Equal(t, tt.want, again.Dimensions[0].Rationale, "Parse(%s()) rationale", format.name)
			}
		})
	}
}

// TestSyntaxErrorFields checks what a syntax error tells a program: every
// problem of a file as its own *SyntaxError, with the file, line and
// field, errors.Is ErrSyntax, and unwrapping to the problem.
func TestSyntaxErrorFields(t *testing.T) {
	t.Parallel()
	in := "id: x\nversion: '1'\ndimensions:\n  - id: a\n    weight: 1e0\n    criteria:\n      - id: c\n        min_sample: 2.5\n        weight: " +
		strings.Repeat("9", 60) + "\n"
	path := filepath.Join(t.TempDir(), "draft.yaml")
	require.NoError(t, os.WriteFile(path, []byte(in), 0o644))
	_, err := rubric.LoadFile(path)
	require.ErrorIs(t, err, rubric.ErrSyntax)
	assert.ErrorIs(t, err, rubric.ErrNumber, "a number with too many digits unwraps to ErrNumber")
	var got []string
	for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
		var se *rubric.SyntaxError
		require.True(t, errors.As(e, &se), "%v is not a *SyntaxError", e)
		got = append(got, fmt.Sprintf("%s %d %s", filepath.Base(se.File), se.Line, se.Path))
	}
	assert.Equal(t, []string{"draft.yaml 5 dimensions[0].weight", "draft.yaml 8 dimensions[0].criteria[0].min_sample",
		"draft.yaml 9 dimensions[0].criteria[0].weight"}, got)
	assert.True(t, strings.HasPrefix(err.Error(), path+":5: dimensions[0].weight: "), "LoadFile = %q", err)

	assert.Equal(t, "rubric file: line 3", (&rubric.SyntaxError{Line: 3}).Error(), "a SyntaxError without its problem")

	_, err = rubric.Parse([]byte("id: x\nunknown: 1\n"))
	var se *rubric.SyntaxError
	if assert.True(t, errors.As(err, &se), "an unknown field: %v is not a *SyntaxError", err) {
		assert.Equal(t, 2, se.Line, "the unknown field's line")
	}
}

// TestUnknownFieldSuggestions checks the nearest field name offered for a
// misspelt one, and that none is offered when no name is near.
func TestUnknownFieldSuggestions(t *testing.T) {
	for _, tc := range []struct{ key, want string }{
		{"knockout_cp", "unknown field (did you mean knockout_cap?)"},
		{"wieght", "unknown field (did you mean weight?)"},
		{"Weight", "unknown field (did you mean weight?)"},
		{"min-sample", "unknown field (did you mean min_sample?)"},
		{"colour", "unknown field"},
	} {
		doc := "id: x\nversion: \"1\"\ndimensions:\n  - id: reply_speed\n    weight: 1\n    criteria:\n" +
			"      - id: a\n        metric: response_rate\n        scale: {kind: goalposts, worst: 0, best: 1}\n        weight: 1\n" +
			"        " + tc.key + ": 20\ngrades:\n  - {id: pass, min: 0, labels: {en: Pass}}\n"
		_, err := rubric.Parse([]byte(doc))
		require.Error(t, err, tc.key)
		assert.Equal(t, "rubric file: line 11: dimensions[0].criteria[0]."+tc.key+": "+tc.want, err.Error(), tc.key)
	}
}

// TestWriteAnnotatedYAML checks the commented YAML of every preset: it
// loads back to the same standard (the same hash), and the fields of the
// rubric, of its first dimension and of that dimension's first criterion
// each carry a comment, from the schema.
func TestWriteAnnotatedYAML(t *testing.T) {
	for _, r := range append(rubric.Presets(), rubric.ServiceRequests()) {
		var b bytes.Buffer
		require.NoError(t, r.WriteAnnotatedYAML(&b), r.ID)
		back, err := rubric.Parse(b.Bytes())
		require.NoError(t, err, r.ID)
		want, err := r.Hash()
		require.NoError(t, err)
		got, err := back.Hash()
		require.NoError(t, err)
		assert.Equal(t, want, got, "%s: the annotated YAML loads to another standard", r.ID)

		var doc yaml.Node
		require.NoError(t, yaml.Unmarshal(b.Bytes(), &doc))
		commented := func(where string, m *yaml.Node) {
			require.Equal(t, yaml.MappingNode, m.Kind, where)
			for i := 0; i < len(m.Content); i += 2 {
				k := m.Content[i]
				assert.NotEmpty(t, k.HeadComment, "%s: %s: field %s has no comment", r.ID, where, k.Value)
			}
		}
		top := doc.Content[0]
		commented("rubric", top)
		for i := 0; i < len(top.Content); i += 2 {
			if top.Content[i].Value == "dimensions" {
				dim := top.Content[i+1].Content[0]
				commented("first dimension", dim)
				for j := 0; j < len(dim.Content); j += 2 {
					if dim.Content[j].Value == "criteria" {
						commented("first criterion", dim.Content[j+1].Content[0])
					}
				}
			}
		}
	}
}

// TestParseUnknownFieldAndMore checks that a misspelt field does not hide
// the file's other problems: both are reported at once.
func TestParseUnknownFieldAndMore(t *testing.T) {
	doc := "id: x\nversion: \"1\"\ndimensions:\n  - id: reply_speed\n    weight: 0.9\n    criteria:\n" +
		"      - id: a\n        metric: response_rate\n        scale: {kind: goalposts, worst: 0, best: 1}\n        weight: 1\n" +
		"        knockout_cp: 20\ngrades:\n  - {id: pass, min: 0, labels: {en: Pass}}\n"
	_, err := rubric.Parse([]byte(doc))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "knockout_cp: unknown field (did you mean knockout_cap?)")
	assert.Contains(t, err.Error(), "weights must sum exactly to 1: they sum to 0.9")
	assert.ErrorIs(t, err, rubric.ErrSyntax)
}

// manyKeys returns n lines "k0: x", "k1: x"... indented by indent.
func manyKeys(n int, indent string) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "%sk%d: x\n", indent, i)
	}
	return b.String()
}

// BenchmarkParseManyLabels parses a rubric file of nearly 1 MiB whose
// grade has 60,000 labels: refused by MaxMapKeys in about 0.2 s on the
// 2-core machine of the README, where yaml's decoder took 21 s.
func BenchmarkParseManyLabels(b *testing.B) {
	file := string(readFixture(b, weightsFile))
	in := []byte(strings.Replace(file, "    labels:\n", "    labels:\n"+manyKeys(60000, "      "), 1))
	for b.Loop() {
		if _, err := rubric.Parse(in); err == nil {
			b.Fatal("Parse accepted 60,000 labels")
		}
	}
}
