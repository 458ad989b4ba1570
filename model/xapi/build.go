package xapi

import (
	"maps"

	"github.com/govscore/govscore/model"
)

// dataset makes the dataset: an agency per agency of the accounts, an
// official X channel per account (broadcast-only when observed so), and
// an inquiry per inquiry tweet, with its first reply.
func (rd *reader) dataset() model.Dataset {
	var ds model.Dataset
	seen := map[string]bool{}
	for i, a := range rd.accounts {
		if !seen[a.AgencyID] {
			seen[a.AgencyID] = true
			n := rd.names[a.AgencyID]
			ds.Agencies = append(ds.Agencies, model.Agency{ID: a.AgencyID, Name: n.AgencyName, Names: maps.Clone(n.AgencyNames)})
		}
		handle := ""
		if a.Handle != "" {
			handle = "@" + a.Handle
		}
		observed := rd.res.Accounts[i].BroadcastOnly
		ds.Channels = append(ds.Channels, model.Channel{ID: a.ChannelID(), AgencyID: a.AgencyID, Kind: model.ChannelX,
			Handle: handle, Official: true, AcceptsInquiries: !observed, BroadcastOnly: observed})
	}
	for _, q := range rd.order {
		if !q.inquiry {
			continue
		}
		a := rd.accounts[q.addressed]
		inq := model.Inquiry{ID: q.id, AgencyID: a.AgencyID, ChannelID: a.ChannelID(), Requester: model.RequesterPublic, ReceivedAt: q.at}
		if r := rd.answers[q]; r != nil {
			inq.FirstReplyAt = r.at
		}
		ds.Inquiries = append(ds.Inquiries, inq)
	}
	return ds
}
