package xapi

import (
	"fmt"
	"strings"

	"github.com/govscore/govscore/model"
)

// Check is what [CheckDeclared] finds of one declared X channel.
type Check struct {
	// Declared is the channel as declared.
	Declared model.Channel
	// Account is the account of the input that the channel is, or nil
	// when none is: its tweets were not read.
	Account *AccountResult
	// Problem says how the declaration contradicts what the tweets show;
	// empty when it does not.
	Problem string
}

// CheckDeclared checks the agencies' declared X channels against what the
// tweets show of their accounts (res.Accounts), and returns a [Check] for
// each channel of kind x in declared, in order. A channel is an account
// when it has the account's agency and either the ID of its channel in
// the dataset ([Account.ChannelID]) or its handle: the account's, or the
// one the input gives its user ID ([AccountResult.SeenHandle]), compared
// without the @ and without regard to case. Its declaration is
// contradicted when:
//   - it accepts inquiries and is not broadcast-only, but the account was
//     observed broadcast-only (it posted, and replied to nobody);
//   - it is declared broadcast-only, but the account replied to someone;
//   - no account of the input is the channel.
//
// The dataset [Read] makes has the observed channel of each account; a
// program that merges declared channels with it should drop those that
// are an account (Account not nil), whose observation stands for them,
// and report the problems.
func CheckDeclared(declared []model.Channel, res Result) []Check {
	var out []Check
	for _, ch := range declared {
		if ch.Kind != model.ChannelX {
			continue
		}
		c := Check{Declared: ch}
		handle := strings.ToLower(strings.TrimPrefix(ch.Handle, "@"))
		for i := range res.Accounts {
			a := &res.Accounts[i]
			if a.AgencyID == ch.AgencyID && (ch.ID == a.ChannelID() ||
				handle != "" && (handle == strings.ToLower(a.Handle) || handle == strings.ToLower(a.SeenHandle))) {
				c.Account = a
				break
			}
		}
		switch a := c.Account; {
		case a == nil:
			c.Problem = "declared, but no account of the accounts given is this channel: its tweets were not read"
		case a.BroadcastOnly && ch.AcceptsInquiries && !ch.BroadcastOnly:
			c.Problem = fmt.Sprintf("declared to accept inquiries, but its %d posts reply to nobody: observed broadcast-only", a.Posts)
		case ch.BroadcastOnly && a.Replies > 0:
			c.Problem = fmt.Sprintf("declared broadcast-only, but it replied %d times", a.Replies)
		}
		out = append(out, c)
	}
	return out
}
