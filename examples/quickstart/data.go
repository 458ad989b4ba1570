package main

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"github.com/shopspring/decimal"

	"github.com/govscore/govscore/model"
)

// The dataset below is illustrative. Its timings are reconstructed from a
// Saudi newspaper survey's qualitative account of how ministries answered
// citizens and journalists on social media: five answered within hours and
// accurately, three left messages unanswered for weeks and months. They were
// not measured. The last two agencies are fictional: one keeps an official
// account that only broadcasts, the other assigned nobody to read its
// channels.

// asOf is the observation cut-off of the example.
var asOf = time.Date(2026, 1, 1, 0, 0, 0, 0, riyadh)

var riyadh = time.FixedZone("AST", 3*3600) // Asia/Riyadh keeps UTC+3 all year

// profile describes how an agency answers, for generating its inquiries.
type profile struct {
	id, en, ar, sector string
	inquiries          int
	answered           float64 // share of inquiries answered at all
	fastH, slowH       float64 // first-reply delays run from fastH to slowH hours (log-uniform)
	accurate, partial  float64 // shares of graded replies; the rest splits into inaccurate and deflection
	deflection         float64
	broadcastX         bool  // the official X account only broadcasts
	staff              int   // people assigned agency-wide
	weeklyHours        int64 // hours a week they monitor
}

var profiles = []profile{
	// Found responsive: answered within hours and accurately.
	{"ministry-of-finance", "Ministry of Finance", "وزارة المالية", "finance", 40, 0.98, 0.3, 6, 0.90, 0.08, 0.01, false, 6, 84},
	{"nazaha", "Oversight and Anti-Corruption Authority (Nazaha)", "هيئة الرقابة ومكافحة الفساد (نزاهة)", "oversight", 32, 0.97, 0.5, 10, 0.88, 0.08, 0.02, false, 4, 84},
	{"ministry-of-industry", "Ministry of Industry and Mineral Resources", "وزارة الصناعة والثروة المعدنية", "industry", 30, 0.95, 0.5, 12, 0.85, 0.10, 0.03, false, 3, 60},
	{"zakat-authority", "General Authority of Zakat and Income", "الهيئة العامة للزكاة والدخل", "finance", 36, 0.96, 0.4, 8, 0.87, 0.10, 0.02, false, 5, 84},
	{"ministry-of-housing", "Ministry of Housing", "وزارة الإسكان", "housing", 38, 0.94, 0.5, 18, 0.82, 0.12, 0.04, false, 4, 70},
	// Found silent: messages left for weeks and months, journalists' too.
	{"two-holy-mosques", "General Presidency for the Affairs of the Two Holy Mosques", "الرئاسة العامة لشؤون المسجد الحرام والمسجد النبوي", "religious affairs", 30, 0.25, 240, 2000, 0.55, 0.20, 0.20, false, 1, 40},
	{"ministry-of-human-resources", "Ministry of Human Resources and Social Development", "وزارة الموارد البشرية والتنمية الاجتماعية", "labour", 40, 0.20, 300, 2200, 0.50, 0.20, 0.25, false, 1, 40},
	{"sama", "Saudi Central Bank (SAMA)", "البنك المركزي السعودي (ساما)", "finance", 28, 0.15, 400, 2500, 0.60, 0.20, 0.15, false, 1, 40},
	// Fictional.
	{"heritage-promotion", "Heritage Promotion Authority (fictional)", "هيئة ترويج التراث (افتراضية)", "culture", 30, 0.60, 2, 72, 0.75, 0.15, 0.05, true, 2, 40},
	{"public-records-office", "Public Records Office (fictional)", "مكتب السجلات العامة (افتراضي)", "administration", 30, 0.40, 48, 900, 0.65, 0.15, 0.10, false, 0, 0},
}

// dataset builds the example's records. It is deterministic: the same seed
// gives the same records every run.
func dataset() model.Dataset {
	rng := rand.New(rand.NewPCG(2026, 1))
	start := time.Date(2025, 9, 1, 0, 0, 0, 0, riyadh)
	window := time.Date(2025, 12, 28, 0, 0, 0, 0, riyadh).Sub(start)
	var ds model.Dataset
	for _, p := range profiles {
		ds.Agencies = append(ds.Agencies, model.Agency{
			ID: p.id, Name: p.en, Names: map[string]string{"en": p.en, "ar": p.ar},
			Sector: p.sector, TimeZone: "Asia/Riyadh",
		})
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
			if i%3 == 2 {
				q.ChannelID = email.ID
			}
			if i%6 == 0 {
				q.Requester = model.RequesterMedia
			}
			answered := rng.Float64() < p.answered && !(p.broadcastX && q.ChannelID == x.ID)
			if !answered {
				ds.Inquiries = append(ds.Inquiries, q)
				continue
			}
			// Log-uniform delay between the fast and slow ends.
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
