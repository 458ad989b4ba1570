package score

import "github.com/shopspring/decimal"

// Curve is the Kaplan-Meier estimate of an agency's time to first reply
// over all its inquiries received by AsOf, whatever their channel or
// requester, in calendar time: an inquiry unanswered at AsOf is censored at
// its age. A report carries it only when [Options.Curves] is set, for
// renderers that draw it.
//
// Survival is a step function: 1 before Steps[0].Hours, and
// Steps[i].Survival from Steps[i].Hours until the next step. After the last
// step it stays flat up to MaxHours, the longest time observed: a plateau
// above 0 is the share of inquiries the estimate says are never answered.
type Curve struct {
	// N is the number of inquiries; Answered of them had a first reply by
	// AsOf; Censored did not.
	N        int `json:"n"`
	Answered int `json:"answered"`
	Censored int `json:"censored"`
	// MaxHours is the longest time observed, answered or censored; 0 when
	// N is 0.
	MaxHours decimal.Decimal `json:"max_hours"`
	// Steps are the distinct reply times, ascending, with the estimated
	// share still unanswered at and after each.
	Steps []CurveStep `json:"steps"`
}

// CurveStep is one step of a [Curve].
type CurveStep struct {
	Hours    decimal.Decimal `json:"hours"`    // time since receipt, hours
	Survival decimal.Decimal `json:"survival"` // share still unanswered, 0..1
}

// replyCurve returns the Kaplan-Meier curve of time to first reply over all
// of a's inquiries, in calendar time: the curve of a criterion without
// filter, clock or deflection rule, shared with the criteria that have none.
func (s *Scorer) replyCurve(a *agencyView) *Curve {
	cv := a.curveAt(s.plan.replyCurve)
	out := &Curve{N: cv.N, Answered: cv.Events, Censored: cv.Censored,
		MaxHours: *hoursIf(float64(cv.MaxTime), true), Steps: make([]CurveStep, len(cv.Times))}
	for i, t := range cv.Times {
		out.Steps[i] = CurveStep{Hours: *hoursIf(float64(t), true), Survival: *fraction(cv.Surv[i])}
	}
	return out
}
