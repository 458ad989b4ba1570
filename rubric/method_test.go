package rubric_test

import (
	"bytes"
	"testing"

	"github.com/govscore/govscore/rubric"
)

func TestMethodRoundTrip(t *testing.T) {
	r := rubric.Default()
	r.Method = rubric.Method{Aggregation: rubric.Geometric, ZeroFloor: ptr("1"), MinAvailable: ptr("0.5")}
	r.Dimensions[0].Method = rubric.Method{Missing: rubric.Zero}
	r.Dimensions[0].Criteria[2].Scale = rubric.Scale{Kind: rubric.PercentileRank, Better: rubric.LowerIsBetter}
	var y bytes.Buffer
	if err := r.WriteYAML(&y); err != nil {
		t.Fatal(err)
	}
	back, err := rubric.Parse(y.Bytes())
	if err != nil {
		t.Fatalf("Parse(WriteYAML) = %v\n%s", err, y.String())
	}
	a, _ := r.Canonical()
	b, _ := back.Canonical()
	if !bytes.Equal(a, b) {
		t.Errorf("round trip changed the rubric:\n%s\n%s", a, b)
	}
	var j bytes.Buffer
	if err := r.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	back, err = rubric.Parse(j.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	b, _ = back.Canonical()
	if !bytes.Equal(a, b) {
		t.Errorf("JSON round trip changed the rubric")
	}
}
