package rubric_test

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
)

func TestDiff(t *testing.T) {
	t.Parallel()
	const (
		replySpeed  = `dimension "reply_speed"`
		median      = replySpeed + `: criterion "median_reply"`
		within24h   = replySpeed + `: criterion "within_24h"`
		accurate    = `dimension "accuracy": criterion "accurate_share"`
		mediaRate   = `dimension "channel_openness": criterion "media_response_rate"`
		responseRat = replySpeed + `: criterion "response_rate"`
	)
	tests := []struct {
		name   string
		change func(t *testing.T, r *rubric.Rubric) // applied to Default() to make the new rubric
		want   rubric.Changes
		cmp    rubric.Comparability
	}{
		{"nothing", func(*testing.T, *rubric.Rubric) {}, nil, rubric.Identical},
		{"0.40 for 0.4", func(_ *testing.T, r *rubric.Rubric) { r.Dimensions[0].Weight = num("0.40") }, nil, rubric.Identical},
		{"version", func(_ *testing.T, r *rubric.Rubric) { r.Version = "2026.2" }, rubric.Changes{
			{Path: "version", Kind: rubric.Changed, Old: `"2026.1"`, New: `"2026.2"`},
		}, rubric.WordingOnly},
		{"titles and rationales", func(t *testing.T, r *rubric.Rubric) {
			r.Title = ""
			criterion(t, r, "median_reply").Rationale = "Why."
			r.Grades[0].Labels["fr"] = "Exemplaire"
		}, rubric.Changes{
			{Path: "title", Kind: rubric.Removed, Old: `"govscore default digital-governance standard"`},
			{Path: median + ": rationale", Kind: rubric.Changed, Old: `"The responsive ministries in the survey answered within hours (1 hour earns full points); a week for half the inquiries earns none."`, New: `"Why."`},
			{Path: `grade "exemplary": labels: fr`, Kind: rubric.Added, New: `"Exemplaire"`},
		}, rubric.WordingOnly},
		{"weights", func(_ *testing.T, r *rubric.Rubric) {
			r.Dimensions[0].Weight = num("0.35")
			r.Dimensions[3].Weight = num("0.2")
		}, rubric.Changes{
			{Path: replySpeed + ": weight", Kind: rubric.Changed, Old: "0.4", New: "0.35", AltersScores: true},
			{Path: `dimension "staffing": weight`, Kind: rubric.Changed, Old: "0.15", New: "0.2", AltersScores: true},
		}, rubric.NotComparable},
		{"metric and params", func(t *testing.T, r *rubric.Rubric) {
			c := criterion(t, r, "median_reply")
			c.Metric = rubric.ReplyTimeRestrictedMean
			c.Params.Quantile, c.Params.HorizonHours = nil, ptr("168")
		}, rubric.Changes{
			{Path: median + ": metric", Kind: rubric.Changed, Old: "reply_time_quantile", New: "reply_time_restricted_mean", AltersScores: true},
			{Path: median + ": params: quantile", Kind: rubric.Removed, Old: "0.5", AltersScores: true},
			{Path: median + ": params: horizon_hours", Kind: rubric.Added, New: "168", AltersScores: true},
		}, rubric.NotComparable},
		{"defaults spelled out or left out", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "within_24h").Params.Clock = ""
			criterion(t, r, "accurate_share").Params.Credits = &rubric.Credits{Partial: ptr("0.50")}
			r.Dimensions[1].Method.Aggregation = rubric.Arithmetic
			criterion(t, r, "open_channels").Filter = &rubric.Filter{}
		}, rubric.Changes{
			{Path: within24h + ": params: clock", Kind: rubric.Removed, Old: "calendar"},
			{Path: `dimension "accuracy": method: aggregation`, Kind: rubric.Added, New: "arithmetic"},
			{Path: accurate + ": params: credits: partial", Kind: rubric.Added, New: "0.5"},
			{Path: `dimension "channel_openness": criterion "open_channels": filter`, Kind: rubric.Added, New: "{}"},
		}, rubric.WordingOnly},
		{"a default replaced", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "within_24h").Params.Clock = rubric.BusinessClock
		}, rubric.Changes{
			{Path: within24h + ": params: clock", Kind: rubric.Changed, Old: "calendar", New: "business", AltersScores: true},
		}, rubric.NotComparable},
		{"filters", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "media_response_rate").Filter.Requesters = append(criterion(t, r, "media_response_rate").Filter.Requesters, model.RequesterBusiness)
			criterion(t, r, "response_rate").Filter = &rubric.Filter{Channels: []model.ChannelKind{model.ChannelX, model.ChannelEmail}}
		}, rubric.Changes{
			{Path: responseRat + ": filter: channels", Kind: rubric.Added, New: "x, email", AltersScores: true},
			{Path: mediaRate + ": filter: requesters", Kind: rubric.Changed, Old: "media", New: "media, business", AltersScores: true},
		}, rubric.NotComparable},
		{"filter removed", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "media_response_rate").Filter = nil }, rubric.Changes{
			{Path: mediaRate + ": filter: requesters", Kind: rubric.Removed, Old: "media", AltersScores: true},
		}, rubric.NotComparable},
		{"scale kind", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "median_reply").Scale = rubric.Scale{Kind: rubric.PercentileRank, Better: rubric.LowerIsBetter}
		}, rubric.Changes{
			{Path: median + ": scale: kind", Kind: rubric.Changed, Old: "goalposts", New: "percentile_rank", AltersScores: true},
			{Path: median + ": scale: worst", Kind: rubric.Removed, Old: "168", AltersScores: true},
			{Path: median + ": scale: best", Kind: rubric.Removed, Old: "1", AltersScores: true},
			{Path: median + ": scale: better", Kind: rubric.Added, New: "lower", AltersScores: true},
		}, rubric.NotComparable},
		{"bands", func(t *testing.T, r *rubric.Rubric) {
			s := &criterion(t, r, "response_rate").Scale
			s.Bands[1].Points = num("80")
			s.Bands = slices.Insert(s.Bands, 5, rubric.Band{Min: ptr("0.1"), Max: ptr("0.2"), Points: num("5")})
		}, rubric.Changes{
			{Path: responseRat + ": scale: bands[1]: points", Kind: rubric.Changed, Old: "85", New: "80", AltersScores: true},
			{Path: responseRat + ": scale: bands[5]: min", Kind: rubric.Added, New: "0.1", AltersScores: true},
			{Path: responseRat + ": scale: bands[5]: max", Kind: rubric.Added, New: "0.2", AltersScores: true},
			{Path: responseRat + ": scale: bands[5]: points", Kind: rubric.Changed, Old: "0", New: "5", AltersScores: true},
			{Path: responseRat + ": scale: bands[6]", Kind: rubric.Added, New: "points 0", AltersScores: true},
		}, rubric.NotComparable},
		{"knock-out caps, minimum sample, shrinkage", func(t *testing.T, r *rubric.Rubric) {
			criterion(t, r, "broadcast_only").KnockoutCap = ptr("30")
			criterion(t, r, "staff_per_channel").KnockoutCap = nil
			criterion(t, r, "media_response_rate").MinSample = 0
			criterion(t, r, "response_rate").Shrinkage = rubric.BetaBinomial
		}, rubric.Changes{
			{Path: responseRat + ": shrinkage", Kind: rubric.Added, New: "beta_binomial", AltersScores: true},
			{Path: `dimension "channel_openness": criterion "broadcast_only": knockout_cap`, Kind: rubric.Changed, Old: "40", New: "30", AltersScores: true},
			{Path: mediaRate + ": min_sample", Kind: rubric.Removed, Old: "3", AltersScores: true},
			{Path: `dimension "staffing": criterion "staff_per_channel": knockout_cap`, Kind: rubric.Removed, Old: "20", AltersScores: true},
		}, rubric.NotComparable},
		{"method", func(_ *testing.T, r *rubric.Rubric) {
			r.Method = rubric.Method{Aggregation: rubric.Geometric, ZeroFloor: ptr("1")}
			r.Dimensions[2].Method.Missing = rubric.Withhold
		}, rubric.Changes{
			{Path: `dimension "channel_openness": method: missing`, Kind: rubric.Added, New: "withhold", AltersScores: true},
			{Path: "method: aggregation", Kind: rubric.Added, New: "geometric", AltersScores: true},
			{Path: "method: zero_floor", Kind: rubric.Added, New: "1", AltersScores: true},
		}, rubric.NotComparable},
		{"criterion renamed", func(t *testing.T, r *rubric.Rubric) { criterion(t, r, "within_24h").ID = "within_a_day" }, rubric.Changes{
			{Path: within24h, Kind: rubric.Removed, Old: "metric within_target_rate, params (target_hours 24, clock calendar), scale (kind goalposts, worst 0, best 0.9), weight 0.25", AltersScores: true},
			{Path: replySpeed + `: criterion "within_a_day"`, Kind: rubric.Added, New: "metric within_target_rate, params (target_hours 24, clock calendar), scale (kind goalposts, worst 0, best 0.9), weight 0.25", AltersScores: true},
		}, rubric.NotComparable},
		{"dimension removed", func(_ *testing.T, r *rubric.Rubric) {
			r.Dimensions = r.Dimensions[:3]
			r.Dimensions[0].Weight = num("0.55")
		}, rubric.Changes{
			{Path: replySpeed + ": weight", Kind: rubric.Changed, Old: "0.4", New: "0.55", AltersScores: true},
			{Path: `dimension "staffing"`, Kind: rubric.Removed, Old: "weight 0.15, method (min_available 0.5), criteria [staff_per_channel, declared_coverage, observed_presence]", AltersScores: true},
		}, rubric.NotComparable},
		{"criteria reordered", func(_ *testing.T, r *rubric.Rubric) {
			c := r.Dimensions[1].Criteria
			c[0], c[1] = c[1], c[0]
		}, rubric.Changes{
			{Path: `dimension "accuracy": criteria: order`, Kind: rubric.Changed, Old: "accurate_share, deflection_share", New: "deflection_share, accurate_share"},
		}, rubric.WordingOnly},
		{"grades", func(_ *testing.T, r *rubric.Rubric) {
			r.Grades[0].Min = num("90")
			r.Grades = slices.Delete(r.Grades, 2, 3)
			r.Grades = append(r.Grades[:3], rubric.Grade{ID: "mute", Min: num("10"), Labels: map[string]string{"en": "Mute"}}, r.Grades[3])
		}, rubric.Changes{
			{Path: `grade "exemplary": min`, Kind: rubric.Changed, Old: "85", New: "90", AltersScores: true},
			{Path: `grade "slow"`, Kind: rubric.Removed, Old: "min 50", AltersScores: true},
			{Path: `grade "mute"`, Kind: rubric.Added, New: "min 10", AltersScores: true},
		}, rubric.NotComparable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			old, new := rubric.Default(), rubric.Default()
			tt.change(t, &new)
			got := rubric.Diff(old, new)
			assert.Equal(t, tt.want, got, "Diff(Default(), changed):\n%s", got)
			cmp, reason := got.Comparability()
			assert.Equal(t, tt.cmp, cmp, "Comparability() reason %q", reason)
			assert.Equal(t, tt.cmp != rubric.NotComparable, got.Comparable(), "Comparable()")
			assert.Equal(t, len(got) == 0, hash(t, old) == hash(t, new), "Diff is empty exactly when the hashes are equal")
		})
	}
}

// TestDiffDefaultStrict checks every change from Default to Strict that
// alters scores, and that the others are wording.
func TestDiffDefaultStrict(t *testing.T) {
	t.Parallel()
	changes := rubric.Diff(rubric.Default(), rubric.Strict())
	var scoring, wording rubric.Changes
	for _, c := range changes {
		if c.AltersScores {
			scoring = append(scoring, c)
		} else {
			wording = append(wording, c)
		}
	}
	want := `changed dimension "reply_speed": criterion "response_rate": params: grace_hours: 72 -> 24
changed dimension "reply_speed": criterion "response_rate": scale: bands[0]: min: 0.95 -> 0.98
changed dimension "reply_speed": criterion "response_rate": scale: bands[1]: min: 0.8 -> 0.92
changed dimension "reply_speed": criterion "response_rate": scale: bands[2]: min: 0.65 -> 0.85
changed dimension "reply_speed": criterion "response_rate": scale: bands[3]: min: 0.4 -> 0.65
changed dimension "reply_speed": criterion "response_rate": scale: bands[4]: min: 0.2 -> 0.4
removed dimension "reply_speed": criterion "within_24h": metric within_target_rate, params (target_hours 24, clock calendar), scale (kind goalposts, worst 0, best 0.9), weight 0.25
changed dimension "reply_speed": criterion "median_reply": scale: worst: 168 -> 48
changed dimension "reply_speed": criterion "median_reply": scale: best: 1 -> 0.5
changed dimension "reply_speed": criterion "p90_reply": scale: worst: 720 -> 168
changed dimension "reply_speed": criterion "p90_reply": scale: best: 24 -> 8
changed dimension "reply_speed": criterion "long_silence": params: silence_days: 30 -> 14
changed dimension "reply_speed": criterion "long_silence": scale: worst: 0.25 -> 0.1
added   dimension "reply_speed": criterion "within_8h": metric within_target_rate, params (target_hours 8, clock calendar), scale (kind goalposts, worst 0, best 0.95), weight 0.25
changed dimension "accuracy": criterion "accurate_share": scale: worst: 0.5 -> 0.6
changed dimension "accuracy": criterion "accurate_share": scale: best: 0.95 -> 0.98
changed dimension "accuracy": criterion "deflection_share": scale: worst: 0.3 -> 0.2
changed dimension "channel_openness": criterion "broadcast_only": knockout_cap: 40 -> 25
changed dimension "channel_openness": criterion "media_response_rate": params: grace_hours: 72 -> 24
changed dimension "channel_openness": criterion "media_response_rate": scale: worst: 0.25 -> 0.5
changed dimension "channel_openness": criterion "media_response_rate": scale: best: 0.95 -> 0.98
changed dimension "staffing": criterion "staff_per_channel": scale: best: 2 -> 3
changed dimension "staffing": criterion "staff_per_channel": knockout_cap: 20 -> 10
changed dimension "staffing": criterion "declared_coverage": scale: best: 0.5 -> 0.75
changed dimension "staffing": criterion "observed_presence": scale: best: 0.7 -> 0.85
`
	assert.Equal(t, want, scoring.String(), "Diff(Default(), Strict()), changes that alter scores")
	for _, c := range wording {
		field := c.Path[strings.LastIndex(c.Path, ": ")+1:]
		assert.Contains(t, []string{"id", "title", "description", " title", " rationale"}, field, "a wording change: %+v", c)
		assert.Equal(t, rubric.Changed, c.Kind, "a wording change: %+v", c)
	}
	assert.Len(t, wording, 19, "wording changes")
	cmp, reason := changes.Comparability()
	assert.Equal(t, rubric.NotComparable, cmp)
	assert.Equal(t, `scores may differ: dimension "reply_speed": criterion "response_rate": params: grace_hours, and 24 changes more`, reason)
	assert.False(t, changes.Comparable())

	back := rubric.Diff(rubric.Strict(), rubric.Default())
	assert.Len(t, back, len(changes), "Diff(Strict(), Default())")
}

func TestChangesString(t *testing.T) {
	t.Parallel()
	c := rubric.Changes{
		{Path: "version", Kind: rubric.Changed, Old: `"1"`, New: `"2"`},
		{Path: `grade "mute"`, Kind: rubric.Added, New: "min 10", AltersScores: true},
		{Path: `grade "slow"`, Kind: rubric.Removed, Old: "min 50", AltersScores: true},
	}
	want := "changed version: \"1\" -> \"2\"\n" +
		"added   grade \"mute\": min 10\n" +
		"removed grade \"slow\": min 50\n"
	assert.Equal(t, want, c.String())
	assert.Equal(t, "", rubric.Changes(nil).String())

	cmp, reason := c[:1].Comparability()
	assert.Equal(t, rubric.WordingOnly, cmp)
	assert.Equal(t, "1 change of wording, order or spelled-out defaults: the same scores and grades under a different hash", reason)
	cmp, reason = c[:2].Comparability()
	assert.Equal(t, rubric.NotComparable, cmp)
	assert.Equal(t, `scores may differ: grade "mute"`, reason)
	cmp, reason = rubric.Changes(nil).Comparability()
	assert.Equal(t, rubric.Identical, cmp)
	assert.Equal(t, "the same standard", reason)
}

// TestDiffOddRubrics checks that Diff copes with rubrics that are not valid:
// empty, with duplicate or missing IDs.
func TestDiffOddRubrics(t *testing.T) {
	t.Parallel()
	dup := rubric.Default()
	dup.Dimensions = append(dup.Dimensions, dup.Dimensions[0])
	dup.Dimensions[4].Weight = num("0.1")
	noID := rubric.Default()
	noID.Dimensions[1].ID = ""
	emptyLists := rubric.Rubric{Dimensions: []rubric.Dimension{{Criteria: []rubric.Criterion{{
		Scale: rubric.Scale{Bands: []rubric.Band{}}, Filter: &rubric.Filter{Requesters: []model.Requester{}}}}}},
		Grades: []rubric.Grade{{Labels: map[string]string{}}}}
	nilLists := rubric.Rubric{Dimensions: []rubric.Dimension{{Criteria: []rubric.Criterion{{Filter: &rubric.Filter{}}}}}, Grades: []rubric.Grade{{}}}
	for _, pair := range [][2]rubric.Rubric{
		{{}, rubric.Default()}, {rubric.Default(), {}}, {{}, {}},
		{{Dimensions: []rubric.Dimension{}}, {}}, {emptyLists, nilLists},
		{rubric.Default(), dup}, {dup, dup}, {noID, rubric.Default()}, {noID, noID},
	} {
		got := rubric.Diff(pair[0], pair[1])
		assert.Equal(t, len(got) == 0, hash(t, pair[0]) == hash(t, pair[1]), "Diff empty exactly when hashes are equal:\n%s", got)
	}
	got := rubric.Diff(rubric.Default(), dup)
	assert.Equal(t, rubric.Changes{{Path: `dimension "reply_speed"`, Kind: rubric.Added, New: "weight 0.1, method (min_available 0.5), criteria [response_rate, within_24h, median_reply, p90_reply, long_silence]", AltersScores: true}}, got)
}

// fullRubric returns Default with every optional field set somewhere, so
// that TestDiffSeesEveryField reaches every field. It need not be valid.
func fullRubric() rubric.Rubric {
	r := rubric.Default()
	// Two dimensions of two criteria each suffice, and keep the test fast.
	r.Dimensions = []rubric.Dimension{r.Dimensions[0], r.Dimensions[2]}
	r.Dimensions[0].Criteria = r.Dimensions[0].Criteria[:2]
	r.Dimensions[1].Criteria = r.Dimensions[1].Criteria[1:]
	r.Grades = r.Grades[3:]
	r.Method = rubric.Method{Aggregation: rubric.Geometric, ZeroFloor: ptr("1"), Missing: rubric.Zero, MinAvailable: ptr("0.5")}
	r.Dimensions[0].Method = rubric.Method{Aggregation: rubric.Minimum, Missing: rubric.Withhold, MinAvailable: ptr("0.75")}
	r.Gates = []rubric.Gate{{ID: "answers", Title: "Answers", Metric: rubric.ResponseRate, Params: rubric.Params{GraceHours: ptr("24")},
		Filter: &rubric.Filter{Requesters: []model.Requester{model.RequesterMedia}}, MinSample: 3, Min: ptr("0.5"), Max: ptr("0.99"),
		Cap: ptr("24"), Grade: "silent", Rationale: "Why."}}
	c := &r.Dimensions[0].Criteria[0]
	c.Params = rubric.Params{
		GraceHours: ptr("1"), TargetHours: ptr("2"), Quantile: ptr("0.3"), HorizonHours: ptr("4"), SilenceDays: ptr("5"),
		Credits: &rubric.Credits{Accurate: ptr("0.9"), Partial: ptr("0.4"), Inaccurate: ptr("0.1"), Deflection: ptr("0.2")},
		Clock:   rubric.BusinessClock, UseDue: true, RefuseDeflections: true,
	}
	c.Filter = &rubric.Filter{Requesters: []model.Requester{model.RequesterPublic}, Channels: []model.ChannelKind{model.ChannelX}}
	c.Scale = rubric.Scale{Kind: rubric.Bands, Worst: ptr("0"), Best: ptr("1"), TruePoints: ptr("10"), FalsePoints: ptr("20"), Better: rubric.HigherIsBetter,
		Bands: []rubric.Band{{Min: ptr("0.5"), Max: ptr("1"), Points: num("100")}, {Points: num("0")}}}
	c.Shrinkage = rubric.BetaBinomial
	c.KnockoutCap = ptr("30")
	c.MinSample = 7
	return r
}

// leafWalker walks a rubric's value tree and, at its n-th leaf, makes one
// change. It records the struct fields it reached.
type leafWalker struct {
	n, i    int
	path    string
	wording bool // whether the change is to wording, which leaves scores alone
	fields  map[string]bool
}

func (w *leafWalker) leaf(path string, wording bool, change func()) {
	if w.i == w.n {
		change()
		w.path, w.wording = path, wording
	}
	w.i++
}

// defaults are the documented defaults of the decimal parameters: leaving
// one out where it was spelled out is wording.
var defaults = map[string]string{
	"Params.GraceHours": "0", "Params.SilenceDays": "30",
	"Credits.Accurate": "1", "Credits.Partial": "0.5", "Credits.Inaccurate": "0", "Credits.Deflection": "0",
}

func (w *leafWalker) walk(v reflect.Value, path string, wording bool, def string) {
	if w.i > w.n {
		return // changed; the tree below may be gone
	}
	one := decimal.NewFromInt(1)
	switch {
	case v.Type() == reflect.TypeFor[decimal.Decimal]():
		w.leaf(path, wording, func() { v.Set(reflect.ValueOf(v.Interface().(decimal.Decimal).Add(one))) })
	case v.Kind() == reflect.Pointer:
		elem := v.Type().Elem()
		if v.IsNil() {
			if elem == reflect.TypeFor[decimal.Decimal]() {
				seven := decimal.NewFromInt(7) // no field's default
				w.leaf(path+" (set)", wording, func() { v.Set(reflect.ValueOf(&seven)) })
			} else {
				// An empty filter or credits is none: wording.
				w.leaf(path+" (set)", true, func() { v.Set(reflect.New(elem)) })
			}
			return
		}
		isDefault := elem == reflect.TypeFor[decimal.Decimal]() && def != "" && v.Elem().Interface().(decimal.Decimal).Equal(num(def))
		w.leaf(path+" (nil)", wording || isDefault, func() { v.Set(reflect.Zero(v.Type())) })
		if elem == reflect.TypeFor[decimal.Decimal]() {
			w.leaf(path, wording, func() { v.Elem().Set(reflect.ValueOf(v.Elem().Interface().(decimal.Decimal).Add(one))) })
			return
		}
		w.walk(v.Elem(), path, wording, "")
	case v.Kind() == reflect.Struct:
		t := v.Type()
		for i := range t.NumField() {
			f := t.Field(i)
			w.fields[t.Name()+"."+f.Name] = true
			isWording := wording || slices.Contains([]string{"Title", "Description", "Rationale", "Labels"}, f.Name) ||
				(t == reflect.TypeFor[rubric.Rubric]() && (f.Name == "ID" || f.Name == "Version"))
			w.walk(v.Field(i), path+"."+f.Name, isWording, defaults[t.Name()+"."+f.Name])
		}
	case v.Kind() == reflect.Slice:
		if v.Len() > 0 {
			w.leaf(path+" (drop last)", wording, func() { v.Set(v.Slice(0, v.Len()-1)) })
		}
		w.leaf(path+" (append)", wording, func() { v.Set(reflect.Append(v, reflect.Zero(v.Type().Elem()))) })
		for i := range v.Len() {
			w.walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i), wording, "")
		}
	case v.Kind() == reflect.Map:
		w.leaf(path+" (add key)", wording, func() {
			if v.IsNil() {
				v.Set(reflect.MakeMap(v.Type()))
			}
			v.SetMapIndex(reflect.ValueOf("zz"), reflect.ValueOf("added"))
		})
	case v.Kind() == reflect.String:
		w.leaf(path, wording, func() { v.SetString(v.String() + "x") })
	case v.Kind() == reflect.Bool:
		w.leaf(path, wording, func() { v.SetBool(!v.Bool()) })
	case v.Kind() == reflect.Int:
		w.leaf(path, wording, func() { v.SetInt(v.Int() + 1) })
	default:
		panic("leafWalker: no change for " + v.Type().String())
	}
}

// TestDiffSeesEveryField changes each leaf of a rubric in turn, and checks
// that Diff reports it, both ways, exactly when the hash changes, and that
// it calls the change wording only when it is.
func TestDiffSeesEveryField(t *testing.T) {
	t.Parallel()
	base := fullRubric()
	baseHash := hash(t, base)
	var fields map[string]bool
	n := 0
	for ; ; n++ {
		r := fullRubric()
		w := &leafWalker{n: n, fields: map[string]bool{}}
		w.walk(reflect.ValueOf(&r).Elem(), "rubric", false, "")
		fields = w.fields
		if w.i <= n {
			break
		}
		changes := rubric.Diff(base, r)
		back := rubric.Diff(r, base)
		if !assert.NotEmpty(t, changes, "Diff after changing %s", w.path) {
			continue
		}
		assert.NotEqual(t, baseHash, hash(t, r), "hash after changing %s", w.path)
		assert.NotEmpty(t, back, "Diff back after changing %s", w.path)
		assert.Equal(t, w.wording, changes.Comparable(), "Comparable() after changing %s:\n%s", w.path, changes)
		assert.Equal(t, w.wording, back.Comparable(), "Comparable() back after changing %s:\n%s", w.path, back)
	}
	assert.Greater(t, n, 100, "leaves changed")

	// Every field of every struct type in a rubric was reached.
	var all func(reflect.Type)
	seen := map[reflect.Type]bool{}
	all = func(typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if typ.Kind() != reflect.Struct || typ == reflect.TypeFor[decimal.Decimal]() || seen[typ] {
			return
		}
		seen[typ] = true
		for i := range typ.NumField() {
			f := typ.Field(i)
			assert.True(t, fields[typ.Name()+"."+f.Name], "fullRubric() does not set %s.%s", typ.Name(), f.Name)
			all(f.Type)
		}
	}
	all(reflect.TypeFor[rubric.Rubric]())
}

// TestDiffGates checks that gates are matched by ID, as dimensions are, and
// that adding one, or moving its bound, alters scores.
func TestDiffGates(t *testing.T) {
	t.Parallel()
	without := rubric.Default()
	without.Gates = nil
	changes := rubric.Diff(without, rubric.Default())
	require.Len(t, changes, 1, "%s", changes)
	assert.Equal(t, `gate "answers"`, changes[0].Path)
	assert.Equal(t, rubric.Added, changes[0].Kind)
	assert.True(t, changes[0].AltersScores)

	moved := rubric.Default()
	moved.Gates[0].Min = ptr("0.4")
	changes = rubric.Diff(rubric.Default(), moved)
	require.Len(t, changes, 1, "%s", changes)
	assert.Equal(t, `gate "answers": min`, changes[0].Path)
	assert.False(t, changes.Comparable())
}

// TestDiffQuotesHostileKeys: a map key from a file with a control or
// bidirectional character is quoted, escapes and all, in a change's path,
// which govscore diff prints.
func TestDiffQuotesHostileKeys(t *testing.T) {
	a, b := rubric.Default(), rubric.Default()
	b.Grades[0].Labels["\x1b[2J\u202e"] = "x"
	var paths []string
	for _, c := range rubric.Diff(a, b) {
		paths = append(paths, c.Path)
	}
	require.Len(t, paths, 1)
	assert.Contains(t, paths[0], `"\x1b[2J\u202e"`)
	assert.NotContains(t, paths[0], "\x1b")
}
