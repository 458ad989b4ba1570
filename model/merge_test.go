package model

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/stretchr/testify/assert"
)

func TestMerge(t *testing.T) {
	declared := Dataset{
		Agencies: []Agency{{ID: "mof", Name: "Ministry of Finance", Names: map[string]string{"ar": "وزارة المالية"}}},
		Channels: []Channel{{ID: "mof/x", AgencyID: "mof", Kind: ChannelX, Official: true}},
		Staffing: []Staffing{{AgencyID: "mof", Staff: 1, WeeklyHours: decimal.NewFromInt(40)}},
	}
	read := Dataset{
		Agencies: []Agency{{ID: "mof", Implied: true}, {ID: "moh", Implied: true}},
		Channels: []Channel{
			{ID: "mof/x", AgencyID: "mof", Kind: ChannelX, Implied: true},
			{ID: "moh/email", AgencyID: "moh", Kind: ChannelEmail, Implied: true},
		},
		Inquiries: []Inquiry{{ID: "q1"}},
	}
	more := Dataset{
		Agencies:  []Agency{{ID: "moh", Implied: true}, {ID: "mof", Name: "again"}},
		Inquiries: []Inquiry{{ID: "q1"}, {ID: "q2"}},
	}
	got := Merge(read, declared, more)
	assert.Equal(t, []Agency{
		{ID: "mof", Name: "Ministry of Finance", Names: map[string]string{"ar": "وزارة المالية"}},
		{ID: "mof", Name: "again"}, // two declared: both kept, for Validate to report
		{ID: "moh", Implied: true}, // implied twice: once
	}, got.Agencies, "Merge: agencies")
	assert.Equal(t, []Channel{
		{ID: "mof/x", AgencyID: "mof", Kind: ChannelX, Official: true},
		{ID: "moh/email", AgencyID: "moh", Kind: ChannelEmail, Implied: true},
	}, got.Channels, "Merge: channels")
	assert.Equal(t, declared.Staffing, got.Staffing, "Merge: staffing")
	assert.Equal(t, []Inquiry{{ID: "q1"}, {ID: "q1"}, {ID: "q2"}}, got.Inquiries, "Merge: inquiries")

	got.Agencies[0].Names["ar"] = "changed"
	got.Inquiries[0].ID = "changed"
	assert.Equal(t, "وزارة المالية", declared.Agencies[0].Names["ar"], "Merge shares no map with its input")
	assert.Equal(t, "q1", read.Inquiries[0].ID, "Merge shares no slice with its input")

	assert.Equal(t, Dataset{}, Merge(), "Merge()")
}
