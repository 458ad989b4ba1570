package model_test

import (
	"errors"
	"fmt"

	"github.com/govscore/govscore/model"
)

// A calendar past a limit fails validation with an error naming the
// calendar, the field and the limit: here a holiday typed in the wrong
// century, outside MinCalendarYear to MaxCalendarYear.
func ExampleCalendar_Validate() {
	c := model.Calendar{ID: "sa-government", TimeZone: "Asia/Riyadh",
		Holidays: []model.Holiday{{Name: "National Day", From: model.Date{Year: 2225, Month: 9, Day: 23}}}}
	err := c.Validate()
	fmt.Println(err)
	var re *model.RecordError
	fmt.Println(errors.As(err, &re), re.Field, errors.Is(err, model.ErrOutOfRange))
	// Output:
	// calendar "sa-government": holidays[0].from: out of range: 2225-09-23 is not within 1970-01-01 to 2199-12-31 (MinCalendarYear to MaxCalendarYear)
	// true holidays[0].from true
}
