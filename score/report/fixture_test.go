package report_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/rubric"
	"github.com/govscore/govscore/score"
)

// The fixture is score's golden fixture (score/golden_test.go), with Arabic
// names for three agencies: five agencies, each showing one case a report
// must render.

// fixtureZone is Riyadh's offset, which has no daylight saving.
var fixtureZone = time.FixedZone("AST", 3*3600)

// fixtureAsOf is the observation cut-off of the golden fixture.
var fixtureAsOf = time.Date(2026, 1, 1, 0, 0, 0, 0, fixtureZone)

// fixtureDataset returns five agencies, each showing one case a report must
// render. Twenty inquiries each, received every four days at 08:00 Riyadh
// time from 1 October 2025 (the last on 16 December); every fourth comes
// from a journalist.
//
//   - swift: answers everything within three hours, nearly always
//     accurately; three staff round two channels, 84 hours a week.
//   - silent: answers three inquiries in twenty, twenty days late, so the
//     median and 90th-percentile reply times are not reached.
//   - herald: its official X account only broadcasts; its form and inbox
//     answer everything within 30 hours, so channel openness is 56.67
//     before the broadcast-only knock-out caps it at 40.
//   - unstaffed: answers within 12 hours but declares that nobody is
//     assigned (staff 0), so its staffing is capped at 20.
//   - dormant: no channels, no staffing, no inquiries: not scored, rank 0.
func fixtureDataset() model.Dataset {
	ds := model.Dataset{
		Agencies: []model.Agency{
			{ID: "swift", Name: "Swift Ministry", Names: map[string]string{"en": "Swift Ministry", "ar": "وزارة سريعة"}, TimeZone: "Asia/Riyadh"},
			{ID: "silent", Name: "Silent Presidency", Names: map[string]string{"ar": "رئاسة صامتة"}, TimeZone: "Asia/Riyadh"},
			{ID: "herald", Name: "Herald Authority", Names: map[string]string{"ar": "هيئة المنادي", "en": "Herald Authority"}, TimeZone: "Asia/Riyadh"},
			{ID: "unstaffed", Name: "Unstaffed Office", TimeZone: "Asia/Riyadh"},
			{ID: "dormant", Name: "Dormant Commission"},
		},
		Channels: []model.Channel{
			{ID: "swift-x", AgencyID: "swift", Kind: model.ChannelX, Handle: "@swift", Official: true, AcceptsInquiries: true},
			{ID: "swift-email", AgencyID: "swift", Kind: model.ChannelEmail, Handle: "ask@swift.example", Official: true, AcceptsInquiries: true},
			{ID: "silent-x", AgencyID: "silent", Kind: model.ChannelX, Handle: "@silent", Official: true, AcceptsInquiries: true},
			{ID: "herald-x", AgencyID: "herald", Kind: model.ChannelX, Handle: "@herald", Official: true, BroadcastOnly: true},
			{ID: "herald-web", AgencyID: "herald", Kind: model.ChannelWebForm, Handle: "https://herald.example/contact", Official: true, AcceptsInquiries: true},
			{ID: "herald-email", AgencyID: "herald", Kind: model.ChannelEmail, Handle: "info@herald.example", Official: true, AcceptsInquiries: true},
			{ID: "unstaffed-x", AgencyID: "unstaffed", Kind: model.ChannelX, Handle: "@unstaffed", Official: true, AcceptsInquiries: true},
		},
		Staffing: []model.Staffing{
			{AgencyID: "swift", Staff: 3, WeeklyHours: 84},
			{AgencyID: "silent", ChannelID: "silent-x", Staff: 1, WeeklyHours: 40},
			{AgencyID: "herald", Staff: 2, WeeklyHours: 40},
			{AgencyID: "unstaffed", Staff: 0, WeeklyHours: 0},
		},
	}
	start := time.Date(2025, 10, 1, 8, 0, 0, 0, fixtureZone)
	add := func(agency string, i int, channel string, delay time.Duration, acc model.Accuracy) {
		recv := start.Add(time.Duration(i) * 96 * time.Hour)
		q := model.Inquiry{
			ID: fmt.Sprintf("%s-%02d", agency, i+1), AgencyID: agency, ChannelID: channel,
			Requester: model.RequesterPublic, ReceivedAt: recv,
		}
		if i%4 == 0 {
			q.Requester = model.RequesterMedia
		}
		if delay > 0 {
			q.FirstReplyAt = recv.Add(delay)
			q.Accuracy = acc
		}
		ds.Inquiries = append(ds.Inquiries, q)
	}
	for i := range 20 {
		// swift: 30 min, 1 h, 2 h, 3 h; two partial answers.
		acc := model.AccuracyAccurate
		if i%10 == 9 {
			acc = model.AccuracyPartial
		}
		ch := "swift-x"
		if i%2 == 1 {
			ch = "swift-email"
		}
		add("swift", i, ch, []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour, 3 * time.Hour}[i%4], acc)

		// silent: three answers, 20 days late.
		switch i {
		case 2:
			add("silent", i, "silent-x", 480*time.Hour, model.AccuracyInaccurate)
		case 9:
			add("silent", i, "silent-x", 480*time.Hour, model.AccuracyDeflection)
		case 15:
			add("silent", i, "silent-x", 480*time.Hour, model.AccuracyPartial)
		default:
			add("silent", i, "silent-x", 0, "")
		}

		// herald: 6 h or 30 h on its form and inbox; 4 partial, 4 deflections.
		acc = model.AccuracyAccurate
		switch i % 5 {
		case 3:
			acc = model.AccuracyPartial
		case 4:
			acc = model.AccuracyDeflection
		}
		ch = "herald-web"
		if i%2 == 1 {
			ch = "herald-email"
		}
		add("herald", i, ch, []time.Duration{6 * time.Hour, 30 * time.Hour}[i%2], acc)

		// unstaffed: 12 h, always accurate.
		add("unstaffed", i, "unstaffed-x", 12*time.Hour, model.AccuracyAccurate)
	}
	return ds
}

// fixtureReport scores the fixture under the default standard, with the
// reply curves.
func fixtureReport(t testing.TB) *score.Report {
	t.Helper()
	sc, err := score.New(fixtureRubric(), score.Options{AsOf: fixtureAsOf, Curves: true})
	require.NoError(t, err)
	rep, err := sc.Score(fixtureDataset())
	require.NoError(t, err)
	return rep
}

// fixtureRubric is the default standard.
func fixtureRubric() rubric.Rubric { return rubric.Default() }
