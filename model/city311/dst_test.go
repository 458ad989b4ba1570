package city311

import (
	"errors"
	"testing"
	"time"

	"github.com/govscore/govscore/model"
)

// TestSkippedLocalTime: a 311 time that New York's clocks skip is an
// error, not a time an hour away.
func TestSkippedLocalTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := parseLocal("03/13/2022 02:30:00 AM", ny); !errors.Is(err, model.ErrBadTime) {
		t.Errorf("parseLocal(a skipped time) = %v, want ErrBadTime", err)
	}
	got, _, err := parseLocal("03/13/2022 03:30:00 AM", ny)
	if err != nil || got.Format("15:04") != "03:30" {
		t.Errorf("parseLocal(03:30) = %v, %v", got, err)
	}
}
