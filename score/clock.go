package score

import "github.com/govscore/govscore/rubric"

// businessTime measures working time between two Unix instants.
type businessTime interface {
	Between(a, b int64) int64
}

// clock measures durations in a criterion's time: calendar seconds, or
// business seconds in the agency's calendar.
type clock struct {
	biz businessTime // nil: calendar time
}

func (k clock) between(a, b int64) int64 {
	if k.biz == nil {
		return b - a
	}
	return k.biz.Between(a, b)
}

// clockFor returns the clock criterion c measures agency a's durations in.
// A business-time criterion falls back to calendar time for an agency
// without a calendar (and the agency is flagged).
func (a *agencyData) clockFor(c *criterion) clock {
	if c.Params.Clock == rubric.BusinessClock && a.biz != nil {
		return clock{biz: a.biz}
	}
	return clock{}
}
