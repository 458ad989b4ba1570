package rubric_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
)

var (
	compiledOnce   sync.Once
	compiledSchema *jsonschema.Schema
	compileErr     error
)

// compiled returns rubric.Schema() compiled by an independent validator,
// which also checks it against the draft 2020-12 meta-schema.
func compiled(t testing.TB) *jsonschema.Schema {
	t.Helper()
	compiledOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(rubric.Schema()))
		if err != nil {
			compileErr = err
			return
		}
		id, _ := doc.(map[string]any)["$id"].(string)
		c := jsonschema.NewCompiler()
		if compileErr = c.AddResource(id, doc); compileErr != nil {
			return
		}
		compiledSchema, compileErr = c.Compile(id)
	})
	require.NoError(t, compileErr, "compiling Schema()")
	return compiledSchema
}

// schemaCheck validates a JSON document against the schema.
func schemaCheck(t testing.TB, doc []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(doc))
	require.NoError(t, err, "reading JSON instance")
	return compiled(t).Validate(inst)
}

// yamlToJSON converts a YAML document to JSON, for the schema to check.
func yamlToJSON(t testing.TB, y []byte) []byte {
	t.Helper()
	var v any
	require.NoError(t, yaml.Unmarshal(y, &v), "yaml.Unmarshal")
	j, err := json.Marshal(v)
	require.NoError(t, err, "json.Marshal")
	return j
}

// schemaDoc returns the schema as plain JSON values.
func schemaDoc(t testing.TB) map[string]any {
	t.Helper()
	var doc map[string]any
	require.NoError(t, json.Unmarshal(rubric.Schema(), &doc), "Schema() is not JSON")
	return doc
}

func TestSchemaFreshCopy(t *testing.T) {
	a := rubric.Schema()
	want := bytes.Clone(a)
	a[0] = 'x'
	assert.Equal(t, want, rubric.Schema(), "Schema() after changing a copy")
	compiled(t)
	doc := schemaDoc(t)
	assert.Equal(t, "https://json-schema.org/draft/2020-12/schema", doc["$schema"])
}

// enumConstants returns, per string type of this package, the values of its
// typed constants, read from the package's source so that a constant added
// without the schema fails the test; and the model types' lists.
func enumConstants(t *testing.T) map[reflect.Type][]string {
	t.Helper()
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	byName := map[string][]string{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		require.NoError(t, err, "parsing %s", f)
		for _, decl := range file.Decls {
			g, ok := decl.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				typ, ok := vs.Type.(*ast.Ident)
				if !ok {
					continue
				}
				for _, v := range vs.Values {
					if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, err := strconv.Unquote(lit.Value)
						require.NoError(t, err)
						byName[typ.Name] = append(byName[typ.Name], s)
					}
				}
			}
		}
	}
	out := map[reflect.Type][]string{}
	for _, typ := range []reflect.Type{
		reflect.TypeFor[rubric.Metric](), reflect.TypeFor[rubric.Aggregation](), reflect.TypeFor[rubric.Missing](),
		reflect.TypeFor[rubric.Clock](), reflect.TypeFor[rubric.Shrinkage](), reflect.TypeFor[rubric.ScaleKind](),
		reflect.TypeFor[rubric.Direction](),
	} {
		require.NotEmpty(t, byName[typ.Name()], "no constants of type %s in the package source", typ)
		out[typ] = byName[typ.Name()]
	}
	var metrics []string
	for _, m := range rubric.Metrics() {
		metrics = append(metrics, string(m))
	}
	assert.ElementsMatch(t, out[reflect.TypeFor[rubric.Metric]()], metrics, "Metrics() and the Metric constants")
	for _, r := range model.Requesters() {
		out[reflect.TypeFor[model.Requester]()] = append(out[reflect.TypeFor[model.Requester]()], string(r))
	}
	for _, k := range model.ChannelKinds() {
		out[reflect.TypeFor[model.ChannelKind]()] = append(out[reflect.TypeFor[model.ChannelKind]()], string(k))
	}
	return out
}

// TestSchemaMatchesTypes walks the Go types from rubric.Rubric beside the
// schema: every field must be a property of the matching object, under its
// JSON name (which must equal its YAML name), with a description, and every
// property must be a field; objects refuse other properties; string types
// of constants have exactly those constants as their enum.
func TestSchemaMatchesTypes(t *testing.T) {
	doc := schemaDoc(t)
	enums := enumConstants(t)
	defs, _ := doc["$defs"].(map[string]any)
	resolve := func(s map[string]any) map[string]any {
		for range 10 {
			ref, ok := s["$ref"].(string)
			if !ok {
				return s
			}
			name, ok := strings.CutPrefix(ref, "#/$defs/")
			require.True(t, ok, "$ref %q is not to #/$defs/", ref)
			s, ok = defs[name].(map[string]any)
			require.True(t, ok, "$ref %q: no such definition", ref)
		}
		t.Fatalf("$ref loop")
		return nil
	}
	decimalType := reflect.TypeFor[decimal.Decimal]()
	var walk func(where string, typ reflect.Type, s map[string]any)
	walk = func(where string, typ reflect.Type, s map[string]any) {
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		s = resolve(s)
		switch {
		case typ == decimalType:
			alts, _ := s["anyOf"].([]any)
			var number, text bool
			for _, a := range alts {
				a := a.(map[string]any)
				number = number || a["type"] == "number"
				text = text || a["$ref"] == "#/$defs/decimalString"
			}
			assert.True(t, number && text, "%s: a decimal must be anyOf a number and #/$defs/decimalString, got %v", where, s)
		case typ.Kind() == reflect.Struct:
			assert.Equal(t, "object", s["type"], "%s: type", where)
			assert.Equal(t, false, s["additionalProperties"], "%s: additionalProperties", where)
			props, _ := s["properties"].(map[string]any)
			fields := map[string]bool{}
			for i := range typ.NumField() {
				f := typ.Field(i)
				name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
				yname, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
				assert.Equal(t, name, yname, "%s.%s: JSON and YAML names differ", typ.Name(), f.Name)
				fields[name] = true
				p, ok := props[name].(map[string]any)
				if !assert.True(t, ok, "%s: field %s.%s (%q) is not in the schema", where, typ.Name(), f.Name, name) {
					continue
				}
				assert.NotEmpty(t, p["description"], "%s.%s: no description", where, name)
				walk(where+"."+name, f.Type, p)
			}
			for name := range props {
				assert.True(t, fields[name], "%s: schema property %q is no field of %s", where, name, typ)
			}
			if req, ok := s["required"].([]any); ok {
				for _, r := range req {
					assert.True(t, fields[r.(string)], "%s: required %q is no field", where, r)
				}
			}
		case typ.Kind() == reflect.Slice:
			assert.Equal(t, "array", s["type"], "%s: type", where)
			items, _ := s["items"].(map[string]any)
			require.NotNil(t, items, "%s: no items", where)
			walk(where+"[]", typ.Elem(), items)
		case typ.Kind() == reflect.Map:
			assert.Equal(t, "object", s["type"], "%s: type", where)
			values, _ := s["additionalProperties"].(map[string]any)
			require.NotNil(t, values, "%s: a map's schema needs additionalProperties for its values", where)
			walk(where+"{}", typ.Elem(), values)
		case typ == reflect.TypeFor[rubric.DimensionID]():
			assert.Equal(t, "string", s["type"], "%s: type", where)
			assert.Equal(t, "^[a-z][a-z0-9_-]*$", s["pattern"], "%s: pattern", where)
		case typ.Kind() == reflect.String && typ != reflect.TypeFor[string]():
			want, ok := enums[typ]
			if !assert.True(t, ok, "%s: no list of constants for %s; add one to enumConstants", where, typ) {
				return
			}
			var got []string
			for _, v := range s["enum"].([]any) {
				got = append(got, v.(string))
			}
			assert.ElementsMatch(t, want, got, "%s: enum of %s", where, typ)
		case typ.Kind() == reflect.String:
			assert.Equal(t, "string", s["type"], "%s: type", where)
		case typ.Kind() == reflect.Bool:
			assert.Equal(t, "boolean", s["type"], "%s: type", where)
		case typ.Kind() == reflect.Int:
			assert.Equal(t, "integer", s["type"], "%s: type", where)
		default:
			t.Errorf("%s: no check for Go type %s", where, typ)
		}
	}
	walk("rubric", reflect.TypeFor[rubric.Rubric](), doc)
	for _, name := range []string{"nodeId", "dimensionId"} {
		assert.Equal(t, "^[a-z][a-z0-9_-]*$", resolve(defs[name].(map[string]any))["pattern"], "$defs/%s pattern", name)
	}
}

func TestSchemaAcceptsPresets(t *testing.T) {
	for _, r := range rubric.Presets() {
		t.Run(r.ID, func(t *testing.T) {
			require.NoError(t, r.Validate(), "Validate")
			assert.NoError(t, schemaCheck(t, jsonOf(t, r)), "schema on WriteJSON")
			assert.NoError(t, schemaCheck(t, yamlToJSON(t, yamlOf(t, r))), "schema on WriteYAML")
		})
	}
	files, err := filepath.Glob("testdata/*.yaml")
	require.NoError(t, err)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		if _, err := rubric.Parse(data); err != nil {
			continue // a fixture of another test that is meant to fail
		}
		assert.NoError(t, schemaCheck(t, yamlToJSON(t, data)), "schema on %s", f)
	}
}

// TestInvalidFixtures checks that Parse and the schema both reject each file
// of testdata/invalid, each for the reason the table gives.
func TestInvalidFixtures(t *testing.T) {
	tests := []struct {
		file       string
		want       string // in Parse's error
		wantSchema string // in the schema's error
	}{
		{"unknown_field.yaml", "line 7: dimensions[0].criterion: unknown field (did you mean criteria?)", "additional properties 'criterion' not allowed"},
		{"unknown_metric.yaml", `metric: unknown metric: "reply_rate"`, "at '/dimensions/0/criteria/0/metric': value must be one of"},
		{"unknown_scale_kind.yaml", `scale: kind: bad scale: unknown kind "linear"`, "at '/dimensions/0/criteria/0/scale/kind': value must be one of"},
		{"scale_kind_wrong_type.yaml", "line 10: found a list where a text belongs", "at '/dimensions/0/criteria/0/scale/kind': got array, want string"},
		{"bad_dimension_id.yaml", `dimension "Reply-Speed": id: id must be lower-case letters`, "'Reply-Speed' does not match pattern"},
		{"bad_criterion_id.yaml", `criterion "24h_answered": id: id must be lower-case letters`, "'24h_answered' does not match pattern"},
		{"bad_decimal_comma.yaml", `line 11: dimensions[0].criteria[0].weight: "0,5" is not a decimal number`, "'0,5' does not match pattern"},
		{"decimal_exponent.json", `line 15: dimensions[0].criteria[0].scale.best: "9e-1" is not a decimal number`, "'9e-1' does not match pattern"},
		{"credit_not_decimal.json", `line 20: dimensions[0].criteria[0].params.credits.partial: "half" is not a decimal number`, "at '/dimensions/0/criteria/0/params/credits/partial'"},
		{"param_wrong_type.yaml", `line 12: dimensions[0].criteria[0].params.refuse_deflections: "yes" is not true or false`, "refuse_deflections': got string, want boolean"},
		{"min_sample_fraction.yaml", `line 12: dimensions[0].criteria[0].min_sample: "2.5" is not a whole number`, "min_sample': got number, want integer"},
		{"negative_min_sample.yaml", "min_sample: number out of range: -1 is negative", "min_sample': minimum: got -1, want 0"},
		{"param_not_taken.yaml", `params: quantile: bad metric parameter: metric "response_rate" does not take it`, "params/quantile': false schema"},
		{"missing_required_param.json", `params: target_hours: missing: metric "within_target_rate" requires it`, "missing property 'params'"},
		{"quantile_out_of_range.json", "params: quantile: bad metric parameter: 1 is not strictly between 0 and 1", "exclusiveMaximum: got 1, want 1"},
		{"unknown_clock.yaml", `params: clock: bad metric parameter: unknown clock "office"`, "params/clock': value must be one of 'calendar', 'business'"},
		{"unknown_requester.yaml", `filter: requesters[0]: bad filter: unknown requester "press"`, "filter/requesters/0': value must be one of"},
		{"filter_on_channel_metric.json", `filter: bad filter: metric "open_channel_share" is not computed from inquiries`, "criteria/0/filter': false schema"},
		{"unknown_shrinkage.json", `shrinkage: bad metric parameter: unknown shrinkage "james_stein"`, "shrinkage': value must be 'beta_binomial'"},
		{"missing_scale.json", `criterion "answered": scale: kind: missing`, "missing property 'scale'"},
		{"relative_without_better.yaml", "scale: better: missing: a relative scale needs better: higher or lower", "scale': missing property 'better'"},
		{"better_on_goalposts.json", `scale: better: bad scale: not used by a "goalposts" scale`, "scale/better': false schema"},
		{"criterion_missing_reweight.yaml", `missing: bad aggregation method: a criterion's policy can only be zero, not "reweight"`, "missing': 'not' failed"},
		{"knockout_cap_range.yaml", "knockout_cap: bad scale: points must be between 0 and 100, not 120", "knockout_cap': maximum: got 120, want 100"},
		{"weight_above_one.json", `dimension "reply_speed": weight: weight must be between 0 and 1: 1.5`, "weight': maximum: got 1.5, want 1"},
		{"missing_version.json", "version: missing", "missing property 'version'"},
		{"no_dimensions.json", "dimensions: missing", "at '/dimensions': minItems: got 0, want 1"},
		{"unknown_aggregation.json", `method: aggregation: bad aggregation method: unknown aggregation "harmonic"`, "at '/method/aggregation': value must be one of"},
		{"unknown_missing_policy.json", `dimension "reply_speed": method: missing: bad aggregation method: unknown policy "drop"`, "method/missing': value must be one of"},
		{"zero_floor_not_geometric.yaml", "method: zero_floor: bad aggregation method: only a geometric aggregation has a zero floor", "at '/method/aggregation': value must be 'geometric'"},
		{"grade_without_en.yaml", `grade "fail": labels: en: missing`, "at '/grades/1/labels': missing property 'en'"},
	}
	files, err := filepath.Glob("testdata/invalid/*")
	require.NoError(t, err)
	var listed []string
	for _, tt := range tests {
		listed = append(listed, filepath.Join("testdata", "invalid", tt.file))
	}
	assert.ElementsMatch(t, files, listed, "files in testdata/invalid and the table")
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "invalid", tt.file))
			require.NoError(t, err)
			_, err = rubric.Parse(data)
			if assert.Error(t, err, "Parse(%s)", tt.file) {
				assert.Contains(t, err.Error(), tt.want, "Parse(%s)", tt.file)
				assert.NotRegexp(t, `rubric\.[A-Z]|in type|decimal\.Decimal`, err.Error(), "Parse(%s): a Go type in the message", tt.file)
			}
			doc := data
			if filepath.Ext(tt.file) != ".json" {
				doc = yamlToJSON(t, data)
			}
			err = schemaCheck(t, doc)
			if assert.Error(t, err, "schema on %s", tt.file) {
				assert.Contains(t, err.Error(), tt.wantSchema, "schema on %s", tt.file)
			}
		})
	}
}

// oneCriterion returns a valid rubric of one dimension with one criterion,
// c, for a test to change.
func oneCriterion(c rubric.Criterion) rubric.Rubric {
	c.ID, c.Weight = "c", num("1")
	return rubric.Rubric{
		ID: "agreement", Version: "1",
		Dimensions: []rubric.Dimension{{ID: rubric.ReplySpeed, Weight: num("1"), Criteria: []rubric.Criterion{c}}},
		Grades: []rubric.Grade{
			{ID: "pass", Min: num("50"), Labels: map[string]string{"en": "Pass"}},
			{ID: "fail", Min: num("0"), Labels: map[string]string{"en": "Fail"}},
		},
	}
}

// agree checks that the schema accepts r's JSON exactly when Validate
// accepts r.
func agree(t *testing.T, what string, r rubric.Rubric) {
	t.Helper()
	verr := r.Validate()
	serr := schemaCheck(t, jsonOf(t, r))
	if (verr == nil) != (serr == nil) {
		t.Errorf("%s: Validate() = %v, but the schema says %v", what, verr, serr)
	}
}

// TestSchemaAgreesWithValidate checks the schema's per-metric and per-kind
// rules against Validate: which params each metric takes and requires,
// which metrics take a filter or shrinkage or a boolean scale, which fields
// each scale kind takes, and when a method may have a zero floor.
func TestSchemaAgreesWithValidate(t *testing.T) {
	type setter struct {
		name string
		set  func(*rubric.Params)
	}
	params := []setter{
		{"none", func(*rubric.Params) {}},
		{"grace_hours", func(p *rubric.Params) { p.GraceHours = ptr("1") }},
		{"target_hours", func(p *rubric.Params) { p.TargetHours = ptr("8") }},
		{"quantile", func(p *rubric.Params) { p.Quantile = ptr("0.5") }},
		{"horizon_hours", func(p *rubric.Params) { p.HorizonHours = ptr("48") }},
		{"silence_days", func(p *rubric.Params) { p.SilenceDays = ptr("14") }},
		{"credits", func(p *rubric.Params) { p.Credits = &rubric.Credits{Partial: ptr("0.25")} }},
		{"clock", func(p *rubric.Params) { p.Clock = rubric.BusinessClock }},
		{"use_due", func(p *rubric.Params) { p.UseDue = true }},
		{"refuse_deflections", func(p *rubric.Params) { p.RefuseDeflections = true }},
	}
	goalposts := rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("1")}
	extras := []struct {
		name string
		set  func(*rubric.Criterion)
	}{
		{"", func(*rubric.Criterion) {}},
		{"filter", func(c *rubric.Criterion) {
			c.Filter = &rubric.Filter{Requesters: []model.Requester{model.RequesterMedia}}
		}},
		{"shrinkage", func(c *rubric.Criterion) { c.Shrinkage = rubric.BetaBinomial }},
		{"boolean scale", func(c *rubric.Criterion) {
			c.Scale = rubric.Scale{Kind: rubric.Boolean, TruePoints: ptr("0"), FalsePoints: ptr("100")}
		}},
	}
	for _, m := range rubric.Metrics() {
		// The params m requires, as Validate says; with none of them, both
		// must refuse it (checked below with p "none" and no required).
		bare := oneCriterion(rubric.Criterion{Metric: m, Scale: goalposts})
		var required []setter
		for _, p := range params[1:] {
			if err := bare.Validate(); err != nil && strings.Contains(err.Error(), "params: "+p.name+": missing") {
				required = append(required, p)
			}
		}
		for _, withRequired := range []bool{false, true} {
			for _, p := range params {
				for _, x := range extras {
					c := rubric.Criterion{Metric: m, Scale: goalposts}
					if withRequired {
						for _, r := range required {
							r.set(&c.Params)
						}
					}
					p.set(&c.Params)
					x.set(&c)
					agree(t, fmt.Sprintf("%s with %s (required set: %v) %s", m, p.name, withRequired, x.name), oneCriterion(c))
				}
			}
		}
	}

	// Scale kinds against every subset of the scale fields.
	fields := []struct {
		name string
		set  func(*rubric.Scale)
	}{
		{"worst", func(s *rubric.Scale) { s.Worst = ptr("0") }},
		{"best", func(s *rubric.Scale) { s.Best = ptr("1") }},
		{"bands", func(s *rubric.Scale) { s.Bands = []rubric.Band{{Points: num("50")}} }},
		{"true_points", func(s *rubric.Scale) { s.TruePoints = ptr("0") }},
		{"false_points", func(s *rubric.Scale) { s.FalsePoints = ptr("100") }},
		{"better", func(s *rubric.Scale) { s.Better = rubric.HigherIsBetter }},
	}
	kinds := []rubric.ScaleKind{rubric.Goalposts, rubric.Bands, rubric.Boolean, rubric.MinMax, rubric.ZScore, rubric.PercentileRank}
	for _, k := range kinds {
		for set := range 1 << len(fields) {
			s := rubric.Scale{Kind: k}
			var names []string
			for i, f := range fields {
				if set&(1<<i) != 0 {
					f.set(&s)
					names = append(names, f.name)
				}
			}
			c := rubric.Criterion{Metric: rubric.BroadcastOnly, Scale: s}
			agree(t, fmt.Sprintf("%s scale with %v", k, names), oneCriterion(c))
		}
	}

	// Methods.
	for _, agg := range []rubric.Aggregation{"", rubric.Arithmetic, rubric.Geometric, rubric.Minimum} {
		for _, floor := range []*decimal.Decimal{nil, ptr("0"), ptr("1"), ptr("100"), ptr("101")} {
			for _, avail := range []*decimal.Decimal{nil, ptr("0.5"), ptr("1.5")} {
				r := oneCriterion(rubric.Criterion{Metric: rubric.ResponseRate, Scale: goalposts})
				r.Method = rubric.Method{Aggregation: agg, ZeroFloor: floor, MinAvailable: avail, Missing: rubric.Withhold}
				agree(t, fmt.Sprintf("method %+v", r.Method), r)
			}
		}
	}
}

// TestSchemaDecimalText checks that the schema's decimal pattern accepts
// the decimal strings Parse accepts, and only those.
func TestSchemaDecimalText(t *testing.T) {
	for _, s := range []string{"0.5", "1.", ".5", "+.5", "+1", "-0", "0", "00.50", "1e0", "0x1", "1_000", "1,5", ".", "-", "", " 1", "1 ", "Inf", "NaN", "0.5.5", "--1", "١"} {
		t.Run(s, func(t *testing.T) {
			r := oneCriterion(rubric.Criterion{Metric: rubric.ResponseRate,
				Scale: rubric.Scale{Kind: rubric.Goalposts, Worst: ptr("0"), Best: ptr("0.9")}})
			doc := jsonOf(t, r)
			doc = bytes.Replace(doc, []byte(`"best": 0.9`), []byte(`"best": `+strconv.Quote(s)), 1)
			require.Contains(t, string(doc), strconv.Quote(s))
			_, perr := rubric.Parse(doc)
			parsed := perr == nil || !strings.Contains(perr.Error(), "rubric file")
			serr := schemaCheck(t, doc)
			if parsed != (serr == nil) {
				t.Errorf("best: %q: Parse error %v, but the schema says %v", s, perr, serr)
			}
		})
	}
}

// TestSchemaSeesEveryMetric guards the schema's per-metric rules: each
// metric is named by exactly one of the if/then blocks on params.
func TestSchemaSeesEveryMetric(t *testing.T) {
	doc := schemaDoc(t)
	crit := doc["$defs"].(map[string]any)["criterion"].(map[string]any)
	seen := map[string]int{}
	for _, rule := range crit["allOf"].([]any) {
		rule := rule.(map[string]any)
		then := rule["then"].(map[string]any)
		if props, ok := then["properties"].(map[string]any); !ok || props["params"] == nil {
			continue
		}
		m := rule["if"].(map[string]any)["properties"].(map[string]any)["metric"].(map[string]any)
		if c, ok := m["const"].(string); ok {
			seen[c]++
		}
		enum, _ := m["enum"].([]any)
		for _, e := range enum {
			seen[e.(string)]++
		}
	}
	for _, m := range rubric.Metrics() {
		assert.Equal(t, 1, seen[string(m)], "if/then blocks on params naming %s", m)
	}
	assert.Len(t, seen, len(rubric.Metrics()))
}
