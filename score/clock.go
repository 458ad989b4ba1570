package score

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
