package rubric_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
)

func TestDefaultExplainsItself(t *testing.T) {
	t.Parallel()
	r := rubric.Default()
	assert.Equal(t, rubric.DefaultID, r.ID, "Default().ID")
	assert.NotEmpty(t, r.Title, "Default().Title")
	assert.NotEmpty(t, r.Version, "Default().Version")
	assert.NotEmpty(t, r.Description, "Default().Description")
	for _, d := range r.Dimensions {
		assert.NotEmpty(t, d.Title, "Default() dimension %q has no Title", d.ID)
		assert.NotEmpty(t, d.Rationale, "Default() dimension %q has no Rationale", d.ID)
		for _, c := range d.Criteria {
			assert.NotEmpty(t, c.Title, "Default() criterion %q has no Title", c.ID)
			assert.NotEmpty(t, c.Rationale, "Default() criterion %q has no Rationale", c.ID)
		}
	}
}

// TestDefaultWeights checks the weights the doc comment of Default states.
func TestDefaultWeights(t *testing.T) {
	t.Parallel()
	want := []struct {
		id       rubric.DimensionID
		weight   string
		criteria []string // id=weight
	}{
		{rubric.ReplySpeed, "0.4", []string{"response_rate=0.3", "within_24h=0.25", "median_reply=0.15", "p90_reply=0.1", "long_silence=0.2"}},
		{rubric.Accuracy, "0.25", []string{"accurate_share=0.75", "deflection_share=0.25"}},
		{rubric.ChannelOpenness, "0.2", []string{"open_channels=0.4", "broadcast_only=0.3", "media_response_rate=0.3"}},
		{rubric.Staffing, "0.15", []string{"staff_per_channel=0.4", "declared_coverage=0.3", "observed_presence=0.3"}},
	}
	r := rubric.Default()
	require.Len(t, r.Dimensions, len(want), "Default().Dimensions")
	for i, w := range want {
		d := r.Dimensions[i]
		assert.Equal(t, w.id, d.ID, "Default().Dimensions[%d].ID", i)
		assert.True(t, d.Weight.Equal(num(w.weight)), "Default() dimension %q weight = %s, want %s", d.ID, d.Weight, w.weight)
		require.Len(t, d.Criteria, len(w.criteria), "Default() dimension %q criteria", d.ID)
		for j, c := range d.Criteria {
			got := c.ID + "=" + c.Weight.String()
			assert.Equal(t, w.criteria[j], got, "Default() dimension %q criterion %d", d.ID, j)
		}
	}

	// The knock-outs of the doc comment.
	for id, knockout := range map[string]string{"broadcast_only": "40", "staff_per_channel": "20"} {
		c := criterion(t, &r, id)
		require.NotNil(t, c.KnockoutCap, "Default() criterion %q KnockoutCap", id)
		assert.True(t, c.KnockoutCap.Equal(num(knockout)), "Default() criterion %q KnockoutCap = %s, want %s", id, c.KnockoutCap, knockout)
	}
	// 65% answered earns 70 points.
	for _, b := range criterion(t, &r, "response_rate").Scale.Bands {
		if b.Min != nil && b.Min.Equal(num("0.65")) {
			assert.True(t, b.Points.Equal(num("70")), "Default() response_rate band 0.65 = %s points, want 70", b.Points)
		}
	}
}

func TestDefaultGrades(t *testing.T) {
	t.Parallel()
	want := []struct {
		id, min, en string
	}{
		{"exemplary", "85", "Exemplary"},
		{"responsive", "70", "Responsive"},
		{"slow", "50", "Slow"},
		{"unresponsive", "25", "Unresponsive"},
		{"silent", "0", "Silent"},
	}
	for name, gs := range map[string][]rubric.Grade{"Default().Grades": rubric.Default().Grades, "DefaultGrades()": rubric.DefaultGrades()} {
		require.Len(t, gs, len(want), name)
		for i, w := range want {
			g := gs[i]
			assert.Equal(t, w.id, g.ID, "%s[%d].ID", name, i)
			assert.True(t, g.Min.Equal(num(w.min)), "%s[%d].Min = %s, want %s", name, i, g.Min, w.min)
			assert.Equal(t, w.en, g.Labels["en"], "%s[%d].Labels[en]", name, i)
			assert.NotEmpty(t, g.Labels["ar"], "%s[%d].Labels[ar]", name, i)
			assert.NotEqual(t, g.Labels["en"], g.Labels["ar"], "%s[%d].Labels[ar] is not translated", name, i)
		}
	}
}

func TestGradeFor(t *testing.T) {
	t.Parallel()
	r := rubric.Default()
	tests := []struct {
		score  string
		want   string
		wantOK bool
	}{
		{"100", "exemplary", true},
		{"85", "exemplary", true},
		{"85.000", "exemplary", true},
		{"84.99", "responsive", true},
		{"84.999999999999", "responsive", true},
		{"70", "responsive", true},
		{"69.99", "slow", true},
		{"50", "slow", true},
		{"49.99", "unresponsive", true},
		{"25", "unresponsive", true},
		{"24.99", "silent", true},
		{"0.01", "silent", true},
		{"0", "silent", true},
		{"-0.01", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.score, func(t *testing.T) {
			t.Parallel()
			g, ok := r.GradeFor(num(tt.score))
			assert.Equal(t, tt.wantOK, ok, "GradeFor(%s) ok = %v, want %v", tt.score, ok, tt.wantOK)
			assert.Equal(t, tt.want, g.ID, "GradeFor(%s) = %q, want %q", tt.score, g.ID, tt.want)
		})
	}
}

func TestGradeLabel(t *testing.T) {
	t.Parallel()
	g := rubric.DefaultGrades()[1]
	tests := []struct {
		grade rubric.Grade
		lang  string
		want  string
	}{
		{g, "en", "Responsive"},
		{g, "ar", "مستجيب"},
		{g, "fr", "Responsive"},
		{rubric.Grade{ID: "ok", Labels: map[string]string{"ar": "جيد"}}, "fr", "ok"},
		{rubric.Grade{ID: "ok"}, "en", "ok"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.grade.Label(tt.lang), "Grade{ID: %q}.Label(%q)", tt.grade.ID, tt.lang)
	}
}

func TestDefaultIsFresh(t *testing.T) {
	t.Parallel()
	want := hash(t, rubric.Default())

	r := rubric.Default()
	r.ID = "changed"
	r.Dimensions[0].Weight = num("0.9")
	r.Dimensions[0].Criteria[0].Scale.Bands[0].Points = num("1")
	*r.Dimensions[0].Criteria[0].Scale.Bands[0].Min = num("0.5")
	*r.Dimensions[0].Criteria[0].Params.GraceHours = num("1")
	*criterion(t, &r, "median_reply").Scale.Worst = num("5")
	*criterion(t, &r, "broadcast_only").KnockoutCap = num("1")
	criterion(t, &r, "media_response_rate").Filter.Requesters[0] = model.RequesterPublic
	r.Dimensions[1].Criteria = append(r.Dimensions[1].Criteria[:0], r.Dimensions[1].Criteria[1])
	r.Grades[0].Labels["en"] = "Changed"
	r.Grades[0].Min = num("1")

	assert.Equal(t, want, hash(t, rubric.Default()), "Default() changed after a previous Default() was mutated")
	g := rubric.DefaultGrades()
	g[0].Labels["ar"] = "x"
	assert.Equal(t, "نموذجي", rubric.DefaultGrades()[0].Labels["ar"], "DefaultGrades() changed after a previous one was mutated")
}

func TestCriteria(t *testing.T) {
	t.Parallel()
	r := rubric.Default()
	cs := r.Criteria()
	require.Len(t, cs, 13, "Default().Criteria()")
	assert.Equal(t, rubric.ReplySpeed, cs[0].Dimension, "Criteria()[0].Dimension")
	assert.Equal(t, "response_rate", cs[0].Criterion.ID, "Criteria()[0].Criterion.ID")
	assert.Equal(t, rubric.Staffing, cs[12].Dimension, "Criteria()[12].Dimension")
	assert.Equal(t, "observed_presence", cs[12].Criterion.ID, "Criteria()[12].Criterion.ID")
}

func TestMetrics(t *testing.T) {
	t.Parallel()
	inquiryBased := map[rubric.Metric]bool{
		rubric.ResponseRate: true, rubric.WithinTargetRate: true, rubric.ReplyTimeQuantile: true,
		rubric.LongSilenceShare: true, rubric.AccurateShare: true, rubric.DeflectionShare: true,
		rubric.ObservedPresence: true, rubric.ReplyTimeRestrictedMean: true, rubric.EventualNonresponseShare: true,
	}
	ms := rubric.Metrics()
	assert.Len(t, ms, 13, "Metrics()")
	for _, m := range ms {
		assert.True(t, m.Known(), "Metric(%q).Known() = false, want true", m)
		assert.Equal(t, inquiryBased[m], m.InquiryBased(), "Metric(%q).InquiryBased()", m)
	}
	for _, m := range []rubric.Metric{"", "response", "Response_Rate"} {
		assert.False(t, m.Known(), "Metric(%q).Known() = true, want false", m)
	}
}
