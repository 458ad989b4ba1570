// Package twitter reads customer-support conversations on Twitter (now X)
// in the layout of the public "Customer Support on Twitter" dataset into a
// [model.Dataset]: one agency per company account, one X channel per
// company, and one inquiry per conversation a member of the public started.
//
// model holds what happened; this package turns a thread file into it;
// rubric holds the standard and score applies one to the other.
//
// # Layout
//
// The columns are tweet_id, author_id, inbound, created_at, text,
// response_tweet_id and in_response_to_tweet_id, in any order, optionally
// after a leading unnamed index column as pandas writes it. [Read] takes
// inbound as True, TRUE, true, False, FALSE or false; ids as whole numbers,
// also written as floats ("3.0"); response_tweet_id as a comma-separated
// list; created_at as "Tue Oct 31 22:10:47 +0000 2017"; and bare carriage
// returns inside unquoted text as text.
//
// # Inquiries and first replies
//
// An inquiry is an inbound tweet that starts a conversation (its
// in_response_to_tweet_id is empty). It belongs to the company it mentions
// first: the first @handle in its text that, compared case-insensitively,
// is the author_id of some non-inbound tweet in the file. Unanswered
// inquiries are so attributed too. The dataset replaced some handles in
// texts with numeric ids ("@115714"); an inquiry that names no company but
// has a company's reply in the file belongs to the company that replied
// first (counted in [Result.ByReply]). An inbound tweet that starts a
// conversation and can be attributed neither way is rejected with
// [ErrNoCompany], never dropped. The inquiry's first reply is the earliest
// non-inbound tweet by that company whose in_response_to_tweet_id is the
// inquiry's tweet_id.
//
// # Every row accounted for
//
// [Result] embeds a [model.Accounting]: every data row is read, and either
// accepted or rejected with its file, line, field and reason as a
// [*model.ParseError]. Accepted rows are further split into inquiries,
// first replies and other tweets (later turns of a thread, further replies),
// so that
//
//	Read == Inquiries + FirstReplies + Other + len(Rejected)
//
// Rows are rejected for ids that are not whole numbers, ids in scientific
// notation or with digit grouping (a spreadsheet's damage: "1.23E+17",
// "1,55,157"), repeated tweet ids, an author_id with a control or
// bidirectional formatting character ([model.CheckText]), unknown inbound
// values, bad dates and dates outside the plausible range
// ([model.CheckTime]), invalid UTF-8, wrong field counts, and fields or
// rows beyond the limits of [Options] ([model.ErrTooLarge]). Strict and
// lenient modes work as in [model.ReadInquiriesCSV].
//
// # Cannot determine
//
// A file of tweets drawn at random breaks the threads: most replies point
// to tweets that are not in the file, and an inquiry whose reply was not
// drawn looks unanswered. Reading such a file as it stands would report
// near 0% answered. [Read] therefore checks the response_tweet_id lists: of
// the inquiries that list responses, it counts those none of whose listed
// responses is in the file. When more than [MaxMissingShare] (20%) of them
// are so, for the file or for one company, the response rates cannot be
// determined: [Result.Verdict] is [CannotDetermine], or the company's
// [Company.Determinable] is false. The dataset is still returned, for
// inspection; scoring it would mislead.
package twitter
