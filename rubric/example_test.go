package rubric_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/rubric"
)

func ExampleDefault() {
	r := rubric.Default()
	for _, d := range r.Dimensions {
		fmt.Printf("%-16s %-4s %d criteria\n", d.ID, d.Weight, len(d.Criteria))
	}
	// Output:
	// reply_speed      0.4  5 criteria
	// accuracy         0.25 2 criteria
	// channel_openness 0.2  3 criteria
	// staffing         0.15 3 criteria
}

func ExampleParse() {
	r, err := rubric.Parse([]byte(`
id: two-parts
version: "1"
dimensions:
  - id: reply_speed
    weight: 0.7
    criteria:
      - id: answered
        metric: response_rate
        params: {grace_hours: 72}
        scale: {kind: goalposts, worst: 0.2, best: 0.95}
        weight: 1
  - id: accuracy
    weight: 0.3
    criteria:
      - id: right
        metric: accurate_share
        scale: {kind: goalposts, worst: 0.5, best: 0.95}
        weight: 1
grades:
  - {id: good, min: 70, labels: {en: Good, ar: جيد}}
  - {id: poor, min: 0, labels: {en: Poor, ar: ضعيف}}
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, d := range r.Dimensions {
		fmt.Println(d.ID, d.Weight)
	}
	g, _ := r.GradeFor(decimal.RequireFromString("72.5"))
	fmt.Println("72.5 is", g.Label("en"), "/", g.Label("ar"))
	// Output:
	// reply_speed 0.7
	// accuracy 0.3
	// 72.5 is Good / جيد
}

func ExampleParse_error() {
	_, err := rubric.Parse([]byte(`
id: typo
version: "1"
dimensions:
  - id: reply_speed
    weight: 1e0
    criterion: []
`))
	fmt.Println(err)
	// Each problem is a *rubric.SyntaxError with its line and field.
	var se *rubric.SyntaxError
	if errors.As(err, &se) {
		fmt.Println(se.Line, se.Path)
	}
	// Output:
	// rubric file: line 6: dimensions[0].weight: "1e0" is not a decimal number
	// rubric file: line 7: dimensions[0].criterion: unknown field (did you mean criteria?)
	// 6 dimensions[0].weight
}

func ExampleRubric_Validate() {
	r := rubric.Default()
	r.Dimensions[0].Weight = decimal.RequireFromString("0.5")
	r.Dimensions[0].Criteria[2].Params.Quantile = nil
	r.Grades[4].Min = decimal.RequireFromString("10")
	fmt.Println(r.Validate())
	// Output:
	// dimension "reply_speed": criterion "median_reply": params: quantile: missing: metric "reply_time_quantile" requires it
	// dimension weights: weights must sum exactly to 1: they sum to 1.1
	// grade "silent": min: bad grade bands: the last band must start at 0, so that every score has a grade
}

func ExampleRubric_WriteYAML() {
	dec := func(s string) *decimal.Decimal {
		d := decimal.RequireFromString(s)
		return &d
	}
	r := rubric.Rubric{
		ID:      "open-doors",
		Version: "1",
		Dimensions: []rubric.Dimension{{
			ID:     rubric.ChannelOpenness,
			Weight: decimal.NewFromInt(1),
			Criteria: []rubric.Criterion{{
				ID:          "no_broadcast_only",
				Metric:      rubric.BroadcastOnly,
				Scale:       rubric.Scale{Kind: rubric.Boolean, TruePoints: dec("0"), FalsePoints: dec("100")},
				Weight:      decimal.NewFromInt(1),
				KnockoutCap: dec("40.0"),
			}},
		}},
		Grades: []rubric.Grade{
			{ID: "open", Min: decimal.RequireFromString("50"), Labels: map[string]string{"en": "Open"}},
			{ID: "closed", Min: decimal.Zero, Labels: map[string]string{"en": "Closed"}},
		},
	}
	if err := r.WriteYAML(os.Stdout); err != nil {
		fmt.Println(err)
	}
	// Output:
	// id: open-doors
	// version: "1"
	// dimensions:
	//   - id: channel_openness
	//     weight: 1
	//     criteria:
	//       - id: no_broadcast_only
	//         metric: broadcast_only
	//         scale:
	//           kind: boolean
	//           true_points: 0
	//           false_points: 100
	//         weight: 1
	//         knockout_cap: 40
	// grades:
	//   - id: open
	//     min: 50
	//     labels:
	//       en: Open
	//   - id: closed
	//     min: 0
	//     labels:
	//       en: Closed
}

func ExampleRubric_Hash() {
	a := rubric.Default()
	b := rubric.Default()
	b.Dimensions[0].Weight = decimal.RequireFromString("0.40") // the same number
	c := rubric.Default()
	c.Grades[0].Min = decimal.RequireFromString("80") // a different standard

	ha, _ := a.Hash()
	hb, _ := b.Hash()
	hc, _ := c.Hash()
	fmt.Println(ha[:7], len(ha))
	fmt.Println("0.40 for 0.4, same hash:", ha == hb)
	fmt.Println("80 for 85, same hash:", ha == hc)
	// Output:
	// sha256: 71
	// 0.40 for 0.4, same hash: true
	// 80 for 85, same hash: false
}

func ExampleSaveFile() {
	dir, err := os.MkdirTemp("", "rubric")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)

	r := rubric.Default()
	path := filepath.Join(dir, "standard.json") // .json writes JSON, anything else YAML
	if err := rubric.SaveFile(path, r); err != nil {
		fmt.Println(err)
		return
	}
	loaded, err := rubric.LoadFile(path)
	if err != nil {
		fmt.Println(err)
		return
	}
	h1, _ := r.Hash()
	h2, _ := loaded.Hash()
	fmt.Println(loaded.ID, h1 == h2)
	// Output:
	// govscore-default true
}

func ExampleDiff() {
	old := rubric.Default()
	new := rubric.Default()
	new.Version = "2026.2"
	new.Dimensions[0].Weight = decimal.RequireFromString("0.35") // reply speed
	new.Dimensions[1].Weight = decimal.RequireFromString("0.3")  // accuracy
	best := decimal.RequireFromString("0.5")
	new.Dimensions[0].Criteria[2].Scale.Best = &best // median reply
	new.Dimensions[2].Criteria[1].KnockoutCap = nil  // broadcast only

	changes := rubric.Diff(old, new)
	fmt.Print(changes)
	verdict, reason := changes.Comparability()
	fmt.Println(verdict, "-", reason)
	// Output:
	// changed version: "2026.1" -> "2026.2"
	// changed dimension "reply_speed": weight: 0.4 -> 0.35
	// changed dimension "reply_speed": criterion "median_reply": scale: best: 1 -> 0.5
	// changed dimension "accuracy": weight: 0.25 -> 0.3
	// removed dimension "channel_openness": criterion "broadcast_only": knockout_cap: 40
	// not_comparable - scores may differ: dimension "reply_speed": weight, and 3 changes more
}

func ExampleChanges_Comparability() {
	old := rubric.Default()
	new := rubric.Default()
	new.Version = "2026.2"
	new.Dimensions[1].Title = "Accuracy of replies"
	new.Grades[0].Labels["fr"] = "Exemplaire"

	changes := rubric.Diff(old, new)
	verdict, reason := changes.Comparability()
	fmt.Println(verdict, changes.Comparable())
	fmt.Println(reason)
	// Output:
	// wording_only true
	// 3 changes of wording, order or spelled-out defaults: the same scores and grades under a different hash
}

func ExampleSchema() {
	var schema struct {
		ID    string `json:"$id"`
		Title string `json:"title"`
	}
	if err := json.Unmarshal(rubric.Schema(), &schema); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(schema.Title)
	fmt.Println(schema.ID)
	// Output:
	// govscore rubric
	// https://github.com/govscore/govscore/rubric/schema.json
}

func ExampleStrict() {
	r := rubric.Strict()
	fmt.Println(r.ID)
	for _, d := range r.Dimensions {
		fmt.Printf("%-16s %s\n", d.ID, d.Weight)
	}
	// Output:
	// govscore-strict
	// reply_speed      0.4
	// accuracy         0.25
	// channel_openness 0.2
	// staffing         0.15
}

func ExampleIndex() {
	r := rubric.Index()
	fmt.Println(r.ID, r.Method.Aggregation, "zero floor", r.Method.ZeroFloor)
	for _, d := range r.Dimensions {
		fmt.Printf("%-16s %s\n", d.ID, d.Weight)
	}
	// Output:
	// govscore-index geometric zero floor 1
	// reply_speed      0.25
	// accuracy         0.25
	// channel_openness 0.25
	// staffing         0.25
}

func ExamplePresets() {
	for _, r := range rubric.Presets() {
		fmt.Println(r.ID, r.Validate() == nil)
	}
	// Output:
	// govscore-default true
	// govscore-strict true
	// govscore-index true
	// govscore-service-requests true
}
