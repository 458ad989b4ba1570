package rubric_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/rubric"
)

func TestPresets(t *testing.T) {
	t.Parallel()
	ps := rubric.Presets()
	require.Len(t, ps, 4, "Presets()")
	wantIDs := []string{rubric.DefaultID, rubric.StrictID, rubric.IndexID, rubric.ServiceRequestsID}
	hashes := map[string]string{}
	for i, r := range ps {
		assert.Equal(t, wantIDs[i], r.ID, "Presets()[%d].ID", i)
		assert.NoError(t, r.Validate(), "Presets()[%d] (%s).Validate()", i, r.ID)
		assert.NotEmpty(t, r.Title, "%s: Title", r.ID)
		assert.NotEmpty(t, r.Description, "%s: Description", r.ID)
		for _, d := range r.Dimensions {
			assert.NotEmpty(t, d.Rationale, "%s: dimension %q has no Rationale", r.ID, d.ID)
			for _, c := range d.Criteria {
				assert.NotEmpty(t, c.Title, "%s: criterion %q has no Title", r.ID, c.ID)
				assert.NotEmpty(t, c.Rationale, "%s: criterion %q has no Rationale", r.ID, c.ID)
			}
		}
		h := hash(t, r)
		assert.NotContains(t, hashes, h, "%s has the hash of %s", r.ID, hashes[h])
		hashes[h] = r.ID

		// Each round-trips through both formats.
		back, err := rubric.Parse(yamlOf(t, r))
		require.NoError(t, err, "Parse(WriteYAML(%s))", r.ID)
		assert.Equal(t, h, hash(t, back), "%s: hash after a YAML round trip", r.ID)
		back, err = rubric.Parse(jsonOf(t, r))
		require.NoError(t, err, "Parse(WriteJSON(%s))", r.ID)
		assert.Equal(t, h, hash(t, back), "%s: hash after a JSON round trip", r.ID)
	}
}

func TestPresetsAreFresh(t *testing.T) {
	t.Parallel()
	for _, f := range []func() rubric.Rubric{rubric.Strict, rubric.Index} {
		a := f()
		want := hash(t, a)
		a.Dimensions[0].Weight = num("0.9")
		a.Dimensions[0].Criteria[0].Params.GraceHours = ptr("1")
		a.Grades[0].Labels["en"] = "changed"
		if a.Method.ZeroFloor != nil {
			*a.Method.ZeroFloor = num("50")
		}
		if fl := a.Dimensions[2].Criteria[2].Filter; fl != nil {
			fl.Requesters[0] = "public"
		}
		assert.Equal(t, want, hash(t, f()), "%s after changing an earlier value", a.ID)
	}
	ps := rubric.Presets()
	ps[0].Dimensions[0].Weight = num("0.9")
	assert.Equal(t, hash(t, rubric.Default()), hash(t, rubric.Presets()[0]), "Presets()[0] after changing an earlier value")
}

// TestStrict checks the targets Strict's doc comment states, and that it
// keeps Default's structure.
func TestStrict(t *testing.T) {
	t.Parallel()
	s, def := rubric.Strict(), rubric.Default()
	require.Len(t, s.Dimensions, len(def.Dimensions))
	for i, d := range s.Dimensions {
		assert.Equal(t, def.Dimensions[i].ID, d.ID, "Strict() dimension %d", i)
		assert.True(t, d.Weight.Equal(def.Dimensions[i].Weight), "Strict() dimension %q weight = %s, want Default's %s", d.ID, d.Weight, def.Dimensions[i].Weight)
		require.Len(t, d.Criteria, len(def.Dimensions[i].Criteria), "Strict() dimension %q criteria", d.ID)
		for j, c := range d.Criteria {
			dc := def.Dimensions[i].Criteria[j]
			assert.Equal(t, dc.Metric, c.Metric, "Strict() criterion %q metric", c.ID)
			assert.True(t, c.Weight.Equal(dc.Weight), "Strict() criterion %q weight = %s, want Default's %s", c.ID, c.Weight, dc.Weight)
		}
	}
	assert.Equal(t, def.Grades, s.Grades, "Strict() grades")

	tests := []struct {
		criterion, what, got, want string
	}{
		{"response_rate", "top band", criterion(t, &s, "response_rate").Scale.Bands[0].Min.String(), "0.98"},
		{"response_rate", "70-point band", criterion(t, &s, "response_rate").Scale.Bands[2].Min.String(), "0.85"},
		{"response_rate", "grace_hours", criterion(t, &s, "response_rate").Params.GraceHours.String(), "24"},
		{"within_8h", "target_hours", criterion(t, &s, "within_8h").Params.TargetHours.String(), "8"},
		{"median_reply", "best", criterion(t, &s, "median_reply").Scale.Best.String(), "0.5"},
		{"median_reply", "worst", criterion(t, &s, "median_reply").Scale.Worst.String(), "48"},
		{"p90_reply", "best", criterion(t, &s, "p90_reply").Scale.Best.String(), "8"},
		{"long_silence", "silence_days", criterion(t, &s, "long_silence").Params.SilenceDays.String(), "14"},
		{"broadcast_only", "knockout_cap", criterion(t, &s, "broadcast_only").KnockoutCap.String(), "25"},
		{"staff_per_channel", "knockout_cap", criterion(t, &s, "staff_per_channel").KnockoutCap.String(), "10"},
		{"declared_coverage", "best", criterion(t, &s, "declared_coverage").Scale.Best.String(), "0.75"},
		{"observed_presence", "best", criterion(t, &s, "observed_presence").Scale.Best.String(), "0.85"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.got, "Strict() criterion %q %s", tt.criterion, tt.what)
	}
}

// TestIndex checks what Index's doc comment states: relative scales with a
// direction everywhere but the true-or-false criterion, equal weights, and a
// geometric mean with a declared zero floor at the top.
func TestIndex(t *testing.T) {
	t.Parallel()
	r := rubric.Index()
	assert.Equal(t, rubric.Geometric, r.Method.Aggregation, "Index().Method.Aggregation")
	require.NotNil(t, r.Method.ZeroFloor, "Index().Method.ZeroFloor")
	assert.True(t, r.Method.ZeroFloor.Equal(num("1")), "Index().Method.ZeroFloor = %s, want 1", r.Method.ZeroFloor)
	kinds := map[rubric.ScaleKind]int{}
	for _, d := range r.Dimensions {
		assert.True(t, d.Weight.Equal(num("0.25")), "Index() dimension %q weight = %s, want 0.25", d.ID, d.Weight)
		for _, c := range d.Criteria {
			assert.Nil(t, c.KnockoutCap, "Index() criterion %q KnockoutCap", c.ID)
			if c.Metric == rubric.BroadcastOnly {
				assert.Equal(t, rubric.Boolean, c.Scale.Kind, "Index() criterion %q scale", c.ID)
				continue
			}
			assert.True(t, c.Scale.Kind.Relative(), "Index() criterion %q scale %q is not relative", c.ID, c.Scale.Kind)
			assert.NotEmpty(t, c.Scale.Better, "Index() criterion %q scale has no direction", c.ID)
			kinds[c.Scale.Kind]++
		}
	}
	assert.Equal(t, map[rubric.ScaleKind]int{rubric.MinMax: 8, rubric.PercentileRank: 2, rubric.ZScore: 2}, kinds, "Index() scale kinds")
	for _, id := range []string{"median_reply", "p90_reply", "long_silence", "deflection_share"} {
		assert.Equal(t, rubric.LowerIsBetter, criterion(t, &r, id).Scale.Better, "Index() criterion %q direction", id)
	}
	// Equal weights within each dimension: 0.333 + 0.333 + 0.334 is exactly 1.
	assert.Equal(t, "0.333", criterion(t, &r, "open_channels").Weight.String())
	assert.Equal(t, "0.334", criterion(t, &r, "observed_presence").Weight.String())
}
