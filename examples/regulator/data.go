package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
)

// The agencies below are fictional and their records generated: they are
// there to show how a draft standard treats agencies that differ in speed,
// accuracy, openness and staffing, several of them close enough that the
// standard's choices decide their order.

// asOf is the observation cut-off of the example.
var asOf = time.Date(2026, 1, 1, 0, 0, 0, 0, riyadh)

var riyadh = time.FixedZone("AST", 3*3600) // Asia/Riyadh keeps UTC+3 all year

// profile describes how an agency answers, for generating its inquiries.
type profile struct {
	id, name          string
	inquiries         int
	answered          float64 // share of inquiries answered at all
	fastH, slowH      float64 // first-reply delays run from fastH to slowH hours (log-uniform)
	accurate, partial float64 // shares of graded replies; the rest splits into deflections and inaccurate answers
	deflection        float64
	broadcastX        bool  // the official X account only broadcasts
	staff             int   // people assigned agency-wide
	weeklyHours       int64 // hours a week they monitor
}

var profiles = []profile{
	{"water-authority", "Water Authority", 60, 0.97, 0.5, 10, 0.88, 0.08, 0.02, false, 4, 84},
	{"transport-ministry", "Ministry of Transport", 70, 0.94, 1, 36, 0.80, 0.12, 0.04, false, 3, 60},
	{"health-ministry", "Ministry of Health", 90, 0.95, 0.3, 8, 0.74, 0.15, 0.08, false, 6, 168},
	{"municipal-affairs", "Ministry of Municipal Affairs", 80, 0.92, 2, 60, 0.86, 0.10, 0.02, false, 2, 40},
	{"tourism-authority", "Tourism Authority", 50, 0.93, 0.5, 12, 0.84, 0.10, 0.03, true, 3, 84},
	{"education-ministry", "Ministry of Education", 100, 0.82, 4, 120, 0.75, 0.15, 0.05, false, 2, 40},
	{"civil-registry", "Civil Registry", 60, 0.80, 2, 110, 0.80, 0.10, 0.04, false, 1, 40},
	{"customs-authority", "Customs Authority", 45, 0.70, 6, 300, 0.65, 0.20, 0.10, false, 1, 40},
	{"labour-office", "Labour Office", 55, 0.40, 48, 900, 0.60, 0.20, 0.15, false, 0, 0},
	{"heritage-commission", "Heritage Commission", 40, 0.25, 200, 2000, 0.55, 0.20, 0.20, true, 1, 20},
}

// dataset builds the example's records: on each agency's official X account
// and e-mail inbox, inquiries from 1 September to 28 December 2025, one in
// six from a journalist. It is deterministic: the same records every run.
func dataset() model.Dataset {
	rng := rand.New(rand.NewPCG(2026, 4))
	start := time.Date(2025, 9, 1, 0, 0, 0, 0, riyadh)
	window := time.Date(2025, 12, 28, 0, 0, 0, 0, riyadh).Sub(start)
	var ds model.Dataset
	for _, p := range profiles {
		ds.Agencies = append(ds.Agencies, model.Agency{ID: p.id, Name: p.name + " (fictional)", TimeZone: "Asia/Riyadh"})
		x := model.Channel{ID: p.id + "-x", AgencyID: p.id, Kind: model.ChannelX, Handle: "@" + p.id,
			Official: true, AcceptsInquiries: !p.broadcastX, BroadcastOnly: p.broadcastX}
		email := model.Channel{ID: p.id + "-email", AgencyID: p.id, Kind: model.ChannelEmail,
			Handle: "info@" + p.id + ".example", Official: true, AcceptsInquiries: true}
		ds.Channels = append(ds.Channels, x, email)
		ds.Staffing = append(ds.Staffing, model.Staffing{AgencyID: p.id, Staff: p.staff, WeeklyHours: decimal.NewFromInt(p.weeklyHours)})

		for i := range p.inquiries {
			q := model.Inquiry{
				ID:         fmt.Sprintf("%s-%03d", p.id, i+1),
				AgencyID:   p.id,
				ChannelID:  x.ID,
				Requester:  model.RequesterPublic,
				ReceivedAt: start.Add(time.Duration(rng.Int64N(int64(window)))).Truncate(time.Minute),
			}
			if i%3 == 2 || p.broadcastX {
				q.ChannelID = email.ID // a broadcast-only account takes no questions
			}
			if i%6 == 0 {
				q.Requester = model.RequesterMedia
			}
			if rng.Float64() >= p.answered {
				ds.Inquiries = append(ds.Inquiries, q)
				continue
			}
			hours := p.fastH * math.Pow(p.slowH/p.fastH, rng.Float64())
			reply := q.ReceivedAt.Add(time.Duration(hours * float64(time.Hour))).Truncate(time.Minute)
			if reply.After(asOf) {
				ds.Inquiries = append(ds.Inquiries, q) // not answered yet at the cut-off
				continue
			}
			q.FirstReplyAt = reply
			switch u := rng.Float64(); {
			case u < p.accurate:
				q.Accuracy = model.AccuracyAccurate
			case u < p.accurate+p.partial:
				q.Accuracy = model.AccuracyPartial
			case u < p.accurate+p.partial+p.deflection:
				q.Accuracy = model.AccuracyDeflection
			default:
				q.Accuracy = model.AccuracyInaccurate
			}
			ds.Inquiries = append(ds.Inquiries, q)
		}
	}
	return ds
}
