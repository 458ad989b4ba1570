package model

import (
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var (
	riyadhOffset = time.FixedZone("", 3*3600)
	t0           = time.Date(2025, 3, 1, 9, 0, 0, 0, riyadhOffset)
)

// validDataset returns a small dataset that passes Validate: two agencies,
// a channel each, staffing and two inquiries.
func validDataset() Dataset {
	return Dataset{
		Agencies: []Agency{
			{ID: "mof", Name: "Ministry of Finance", Names: map[string]string{"ar": "وزارة المالية"}, TimeZone: "Asia/Riyadh"},
			{ID: "moh", Name: "Ministry of Health"},
		},
		Channels: []Channel{
			{ID: "mof-x", AgencyID: "mof", Kind: ChannelX, Official: true, AcceptsInquiries: true},
			{ID: "moh-email", AgencyID: "moh", Kind: ChannelEmail, Official: true, AcceptsInquiries: true},
		},
		Staffing: []Staffing{
			{AgencyID: "mof", ChannelID: "mof-x", From: t0, To: t0.AddDate(1, 0, 0), Staff: 2, WeeklyHours: decimal.NewFromInt(40)},
			{AgencyID: "moh", Staff: 0, WeeklyHours: decimal.NewFromInt(0)},
		},
		Inquiries: []Inquiry{
			{ID: "q1", AgencyID: "mof", ChannelID: "mof-x", Requester: RequesterPublic, ReceivedAt: t0,
				FirstReplyAt: t0.Add(time.Hour), ResolvedAt: t0.Add(2 * time.Hour), DueAt: t0.Add(24 * time.Hour),
				Accuracy: AccuracyAccurate},
			{ID: "q2", AgencyID: "moh", ChannelID: "moh-email", ReceivedAt: t0},
		},
	}
}

// recordErrors returns the *RecordErrors joined in err.
func recordErrors(t *testing.T, err error) []*RecordError {
	t.Helper()
	var out []*RecordError
	var errs []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	} else if err != nil {
		errs = []error{err}
	}
	for _, e := range errs {
		var re *RecordError
		require.ErrorAs(t, e, &re, "Validate returned an error that is not a *RecordError: %v", e)
		out = append(out, re)
	}
	return out
}

func TestValidateValid(t *testing.T) {
	d := validDataset()
	assert.NoError(t, d.Validate(), "Validate() of a valid dataset")
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(d *Dataset)
		kind   string // of the record at fault
		index  int
		field  string
		want   error
	}{
		{"agency without id", func(d *Dataset) { d.Agencies = append(d.Agencies, Agency{Name: "x"}) },
			"agency", 2, "id", ErrMissing},
		{"duplicate agency", func(d *Dataset) { d.Agencies = append(d.Agencies, Agency{ID: "mof"}) },
			"agency", 2, "id", ErrDuplicateID},
		{"bad time zone", func(d *Dataset) { d.Agencies[1].TimeZone = "Mars/Olympus_Mons" },
			"agency", 1, "time_zone", ErrUnknownValue},
		{"channel without id", func(d *Dataset) {
			d.Channels = append(d.Channels, Channel{AgencyID: "mof", Kind: ChannelX})
		}, "channel", 2, "id", ErrMissing},
		{"duplicate channel", func(d *Dataset) {
			d.Channels = append(d.Channels, Channel{ID: "mof-x", AgencyID: "mof", Kind: ChannelX})
		}, "channel", 2, "id", ErrDuplicateID},
		{"channel of unknown agency", func(d *Dataset) { d.Channels[1].AgencyID = "nobody" },
			"channel", 1, "agency_id", ErrUnknownReference},
		{"unknown channel kind", func(d *Dataset) { d.Channels[0].Kind = "telegraph" },
			"channel", 0, "kind", ErrUnknownValue},
		{"staffing of unknown agency", func(d *Dataset) { d.Staffing[1].AgencyID = "nobody" },
			"staffing", 1, "agency_id", ErrUnknownReference},
		{"staffing of unknown channel", func(d *Dataset) { d.Staffing[0].ChannelID = "nowhere" },
			"staffing", 0, "channel_id", ErrUnknownReference},
		{"staffing of another agency's channel", func(d *Dataset) { d.Staffing[0].ChannelID = "moh-email" },
			"staffing", 0, "channel_id", ErrUnknownReference},
		{"negative staff", func(d *Dataset) { d.Staffing[0].Staff = -1 },
			"staffing", 0, "staff", ErrOutOfRange},
		{"weekly hours over 168", func(d *Dataset) { d.Staffing[0].WeeklyHours = decimal.RequireFromString("168.5") },
			"staffing", 0, "weekly_hours", ErrOutOfRange},
		{"negative weekly hours", func(d *Dataset) { d.Staffing[0].WeeklyHours = decimal.NewFromInt(-1) },
			"staffing", 0, "weekly_hours", ErrOutOfRange},
		{"weekly hours just over 168", func(d *Dataset) { d.Staffing[0].WeeklyHours = decimal.RequireFromString("168.000000000001") },
			"staffing", 0, "weekly_hours", ErrOutOfRange},
		{"period ends before it starts", func(d *Dataset) { d.Staffing[0].To = t0.Add(-time.Hour) },
			"staffing", 0, "to", ErrOutOfRange},
		{"period ends as it starts", func(d *Dataset) { d.Staffing[0].To = t0 },
			"staffing", 0, "to", ErrOutOfRange},
		{"inquiry without id", func(d *Dataset) { d.Inquiries[1].ID = "" },
			"inquiry", 1, "id", ErrMissing},
		{"duplicate inquiry", func(d *Dataset) { d.Inquiries[1].ID = "q1" },
			"inquiry", 1, "id", ErrDuplicateID},
		{"inquiry without agency", func(d *Dataset) { d.Inquiries[1].AgencyID = "" },
			"inquiry", 1, "agency_id", ErrMissing},
		{"inquiry to unknown agency", func(d *Dataset) { d.Inquiries[1].AgencyID = "nobody" },
			"inquiry", 1, "agency_id", ErrUnknownReference},
		{"inquiry without channel", func(d *Dataset) { d.Inquiries[1].ChannelID = "" },
			"inquiry", 1, "channel_id", ErrMissing},
		{"inquiry on unknown channel", func(d *Dataset) { d.Inquiries[1].ChannelID = "nowhere" },
			"inquiry", 1, "channel_id", ErrUnknownReference},
		{"inquiry on another agency's channel", func(d *Dataset) { d.Inquiries[1].ChannelID = "mof-x" },
			"inquiry", 1, "channel_id", ErrUnknownReference},
		{"unknown requester", func(d *Dataset) { d.Inquiries[0].Requester = "robot" },
			"inquiry", 0, "requester", ErrUnknownValue},
		{"unknown accuracy", func(d *Dataset) { d.Inquiries[0].Accuracy = "perfect" },
			"inquiry", 0, "accuracy", ErrUnknownValue},
		{"no receipt", func(d *Dataset) { d.Inquiries[1].ReceivedAt = time.Time{} },
			"inquiry", 1, "received_at", ErrMissing},
		{"reply before receipt", func(d *Dataset) { d.Inquiries[0].FirstReplyAt = t0.Add(-time.Second) },
			"inquiry", 0, "first_reply_at", ErrBeforeReceipt},
		{"resolved before receipt", func(d *Dataset) { d.Inquiries[0].ResolvedAt = t0.Add(-time.Second) },
			"inquiry", 0, "resolved_at", ErrBeforeReceipt},
		{"due before receipt", func(d *Dataset) { d.Inquiries[0].DueAt = t0.Add(-time.Second) },
			"inquiry", 0, "due_at", ErrBeforeReceipt},
		{"graded without reply", func(d *Dataset) { d.Inquiries[1].Accuracy = AccuracyDeflection },
			"inquiry", 1, "accuracy", ErrOutOfRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := validDataset()
			tt.change(&d)
			err := d.Validate()
			require.Error(t, err, "Validate() = nil, want %v", tt.want)
			assert.ErrorIs(t, err, tt.want, "Validate() = %v", err)
			found := false
			for _, re := range recordErrors(t, err) {
				if re.Kind == tt.kind && re.Index == tt.index && re.Field == tt.field && errors.Is(re, tt.want) {
					found = true
				}
			}
			assert.True(t, found, "Validate() = %v, want a %s[%d] error on field %q wrapping %v",
				err, tt.kind, tt.index, tt.field, tt.want)
		})
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	d := validDataset()
	d.Agencies[1].TimeZone = "Nowhere/Special"
	d.Channels[0].Kind = "pigeon"
	d.Staffing[0].Staff = -3
	d.Inquiries[0].FirstReplyAt = t0.Add(-time.Minute)
	d.Inquiries[1].ID = "q1"
	err := d.Validate()
	require.Error(t, err)
	for _, want := range []error{ErrUnknownValue, ErrOutOfRange, ErrBeforeReceipt, ErrDuplicateID} {
		assert.ErrorIs(t, err, want, "Validate() = %v", err)
	}
	assert.Len(t, recordErrors(t, err), 5, "Validate() = %v, want 5 problems", err)
}
