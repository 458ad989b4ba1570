package calendars

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/rickar/cal/v2/us"

	"github.com/govscore/govscore/model"
)

// USFederalID is the ID of the calendars [USFederal] returns.
const USFederalID = "us-federal"

// USFederal returns a calendar of US federal offices with the ID
// "us-federal": Monday to Friday 09:00-17:00 in the IANA time zone zone
// (America/New_York for Boston and New York), closed on the federal
// holidays of the given years on the days they are observed: a holiday
// that falls on a Saturday is observed on the Friday before, one on a
// Sunday on the Monday after. An observed New Year's Day can fall on 31
// December of the year before.
//
// The holidays are the eleven of 5 U.S.C. 6103 (New Year's Day, Martin
// Luther King Jr. Day, Washington's Birthday, Memorial Day, Juneteenth from
// 2021, Independence Day, Labor Day, Columbus Day, Veterans Day,
// Thanksgiving Day and Christmas Day) as github.com/rickar/cal/v2/us
// computes them, under the names it gives them (Presidents' Day for
// Washington's Birthday). Today's rules are applied to every year asked
// for. Inauguration Day and days off given by executive order are not
// included. Federal offices keep their own hours; 09:00-17:00 is an
// assumption to adjust.
//
// USFederal fails when zone is not an IANA time zone, no year is given, or
// a year is outside [model.MinCalendarYear] to [model.MaxCalendarYear]
// (1970 to 2199), the years a calendar's holidays may fall in. All of
// them give 2,479 holidays, within [model.MaxHolidays].
func USFederal(zone string, years ...int) (model.Calendar, error) {
	if zone == "" || zone == "Local" {
		return model.Calendar{}, fmt.Errorf("calendars: %w: %q: name an IANA time zone", model.ErrUnknownValue, zone)
	}
	if _, err := time.LoadLocation(zone); err != nil {
		return model.Calendar{}, fmt.Errorf("calendars: %w: %q is not an IANA time zone", model.ErrUnknownValue, zone)
	}
	if len(years) == 0 {
		return model.Calendar{}, errors.New("calendars: USFederal: name at least one year")
	}
	years = slices.Compact(slices.Sorted(slices.Values(years)))
	if years[0] < model.MinCalendarYear || years[len(years)-1] > model.MaxCalendarYear {
		return model.Calendar{}, fmt.Errorf("calendars: USFederal: %w: years must be within %d to %d (model.MinCalendarYear to model.MaxCalendarYear)",
			model.ErrOutOfRange, model.MinCalendarYear, model.MaxCalendarYear)
	}
	office := func() []model.Span { return []model.Span{{Start: 9 * 60, End: 17 * 60}} }
	c := model.Calendar{
		ID:       USFederalID,
		TimeZone: zone,
		Week:     model.WorkingWeek{Monday: office(), Tuesday: office(), Wednesday: office(), Thursday: office(), Friday: office()},
	}
	for _, y := range years {
		for _, h := range us.Holidays {
			actual, observed := h.Calc(y)
			if observed.IsZero() {
				continue // not a holiday that year
			}
			name := h.Name
			if !observed.Equal(actual) {
				name += " (observed)"
			}
			c.Holidays = append(c.Holidays, model.Holiday{Name: name, From: model.DateOf(observed)})
		}
	}
	slices.SortStableFunc(c.Holidays, func(a, b model.Holiday) int { return a.From.Compare(b.From) })
	return c, nil
}
