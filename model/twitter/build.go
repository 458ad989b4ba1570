package twitter

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/govscore/govscore/model"
)

// ChannelID returns the ID of the X channel [Read] gives the company with
// author_id company.
func ChannelID(company string) string { return company + "/x" }

// build classifies the accepted tweets into inquiries, first replies and
// others, attributes the inquiries, and judges the file.
func (rd *reader) build(tweets []tweet) (model.Dataset, error) {
	// The companies: authors of non-inbound tweets, keyed case-insensitively.
	companies := map[string]string{} // lower-case author_id → author_id as first written
	inFile := make(map[uint64]bool, len(tweets))
	for _, t := range tweets {
		inFile[t.id] = true
		if !t.inbound {
			if _, ok := companies[strings.ToLower(t.author)]; !ok {
				companies[strings.ToLower(t.author)] = t.author
			}
		}
	}
	// Replies by companies, by the tweet they answer.
	replies := map[uint64][]int{}
	for i, t := range tweets {
		if !t.inbound && t.hasResponse {
			replies[t.inResponse] = append(replies[t.inResponse], i)
		}
	}

	byCompany := map[string]*Company{}
	var ds model.Dataset
	role := make([]byte, len(tweets)) // 'i' inquiry, 'r' first reply, 'x' rejected, 0 other
	for i, t := range tweets {
		if !t.inbound || t.hasResponse {
			continue
		}
		company, ok := firstCompany(t.text, companies)
		if !ok {
			company, ok = replier(tweets, replies[t.id])
			if ok {
				// The reply's author as written; the company as first
				// written, whatever the case of this row.
				company, ok = companies[strings.ToLower(company)]
			}
			if ok {
				rd.res.ByReply++
			}
		}
		if !ok {
			role[i] = 'x'
			if err := rd.t.Reject(t.line, colText, fmt.Errorf("%w: an inbound tweet that starts a conversation must name its company with an @handle", ErrNoCompany)); err != nil {
				rd.countRest(tweets, role)
				return model.Dataset{}, err
			}
			continue
		}
		role[i] = 'i'
		q := model.Inquiry{
			ID:         strconv.FormatUint(t.id, 10),
			AgencyID:   company,
			ChannelID:  ChannelID(company),
			Requester:  model.RequesterPublic,
			ReceivedAt: t.at,
		}
		first := -1
		for _, j := range replies[t.id] {
			r := tweets[j]
			if !strings.EqualFold(r.author, company) || r.at.Before(t.at) {
				continue
			}
			if first < 0 || r.at.Before(tweets[first].at) || (r.at.Equal(tweets[first].at) && r.id < tweets[first].id) {
				first = j
			}
		}
		if first >= 0 {
			role[first] = 'r'
			q.FirstReplyAt = tweets[first].at
		}
		for _, j := range replies[t.id] {
			if r := tweets[j]; strings.EqualFold(r.author, company) && r.at.Before(t.at) {
				rd.t.Warn(r.line, colCreatedAt, fmt.Errorf("reply to tweet %d is dated before it; not taken as its first reply", t.id))
			}
		}
		ds.Inquiries = append(ds.Inquiries, q)

		c := byCompany[company]
		if c == nil {
			c = &Company{ID: company}
			byCompany[company] = c
		}
		c.Inquiries++
		if first >= 0 {
			c.Answered++
		}
		if len(t.responses) > 0 {
			c.Listed++
			if !slices.ContainsFunc(t.responses, func(id uint64) bool { return inFile[id] }) {
				c.Missing++
			}
		}
	}
	rd.countRest(tweets, role)

	for _, id := range companies {
		if byCompany[id] == nil {
			byCompany[id] = &Company{ID: id}
		}
	}
	for _, c := range byCompany {
		c.Determinable = !tooManyMissing(c.Missing, c.Listed)
		rd.res.Companies = append(rd.res.Companies, *c)
		rd.res.Listed += c.Listed
		rd.res.Missing += c.Missing
		ds.Agencies = append(ds.Agencies, model.Agency{ID: c.ID, Name: c.ID, Implied: true})
		ds.Channels = append(ds.Channels, model.Channel{ID: ChannelID(c.ID), AgencyID: c.ID, Kind: model.ChannelX,
			Handle: "@" + c.ID, Implied: true})
	}
	slices.SortFunc(rd.res.Companies, func(a, b Company) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(ds.Agencies, func(a, b model.Agency) int { return cmp.Compare(a.ID, b.ID) })
	slices.SortFunc(ds.Channels, func(a, b model.Channel) int { return cmp.Compare(a.ID, b.ID) })
	rd.res.Verdict = Determinable
	if tooManyMissing(rd.res.Missing, rd.res.Listed) {
		rd.res.Verdict = CannotDetermine
	}
	return ds, nil
}

// countRest counts the accepted tweets by role. Tweets whose role was not
// decided, because a strict read stopped, are counted as other.
func (rd *reader) countRest(tweets []tweet, role []byte) {
	for i := range tweets {
		switch role[i] {
		case 'x':
			continue
		case 'i':
			rd.res.Inquiries++
		case 'r':
			rd.res.FirstReplies++
		default:
			rd.res.Other++
		}
		rd.t.Accept()
		if t := tweets[i].at; t.After(rd.res.Latest) {
			rd.res.Latest = t
		}
	}
}

// replier returns the author of the earliest of the replies (indexes into
// tweets), for an inquiry that names no company: the dataset replaced some
// company handles in texts with numeric ids.
func replier(tweets []tweet, replies []int) (string, bool) {
	first := -1
	for _, j := range replies {
		if first < 0 || tweets[j].at.Before(tweets[first].at) || (tweets[j].at.Equal(tweets[first].at) && tweets[j].id < tweets[first].id) {
			first = j
		}
	}
	if first < 0 {
		return "", false
	}
	return tweets[first].author, true
}

// firstCompany returns the company of the first @handle in text that names
// one of companies (keyed in lower case).
func firstCompany(text string, companies map[string]string) (string, bool) {
	for i := 0; i < len(text); i++ {
		if text[i] != '@' || (i > 0 && handleByte(text[i-1])) {
			continue
		}
		j := i + 1
		for j < len(text) && handleByte(text[j]) {
			j++
		}
		if j > i+1 {
			if c, ok := companies[strings.ToLower(text[i+1:j])]; ok {
				return c, true
			}
		}
		i = j - 1
	}
	return "", false
}

func handleByte(c byte) bool {
	return c == '_' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
