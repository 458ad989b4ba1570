package model_test

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/govscore/govscore/model"
)

func TestChannelKindOfSource(t *testing.T) {
	tests := []struct {
		in   string
		want model.ChannelKind
		ok   bool
	}{
		{"Twitter", model.ChannelX, true},
		{"Facebook", model.ChannelFacebook, true},
		{"Email", model.ChannelEmail, true},
		{"Web", model.ChannelWebForm, true},
		{"Self Service", model.ChannelWebForm, true},
		{"ONLINE", model.ChannelWebForm, true},
		{"Citizens Connect App", model.ChannelApp, true},
		{"Mobile/Open311", model.ChannelApp, true},
		{"Constituent Call", model.ChannelPhone, true},
		{"PHONE", model.ChannelPhone, true},
		{"Employee Generated", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := model.ChannelKindOfSource(tt.in)
		assert.Equal(t, tt.want, got, "ChannelKindOfSource(%q)", tt.in)
		assert.Equal(t, tt.ok, ok, "ChannelKindOfSource(%q) ok", tt.in)
	}
}
