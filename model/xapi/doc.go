// Package xapi reads conversations on X (formerly Twitter) as the X API v2
// returns them into a [model.Dataset]: an agency per agency of the
// accounts given, an official X channel per account, and an inquiry per
// question the public put to an account.
//
// # Input
//
// [Read] takes, in any mix of lines: twarc2 archives (one API response
// page a line, with data, includes.users, includes.tweets and meta),
// single response documents (one JSON object, over one line or many), and
// flattened tweets (one tweet a line, as twarc2 flatten writes them, with
// the author expanded). The fields read are id, author_id, created_at,
// conversation_id, in_reply_to_user_id, referenced_tweets (replied_to,
// quoted, retweeted) and entities.mentions; a tweet's text is not kept.
// Every tweet in data and in includes.tweets is read; a tweet met again
// (in another page's includes, or a page collected twice) counts as a
// repeat; met again with other author, time, conversation or references,
// it is rejected with model.ErrDuplicateID. The entries of a response's errors (tweets deleted, withheld or
// not found) are counted in [Result.Unavailable]; they are not tweets.
//
// The agencies' accounts ([Account], [ReadAccounts]) give each agency's
// handles or numeric user IDs, and optionally its names; a handle alone is matched to the user ID
// the input gives it (includes.users, a flattened tweet's author, a
// mention).
//
// # Inquiries and first replies
//
// A tweet is an inquiry to an account when all of these hold:
//   - its author is not an agency account;
//   - it is neither a retweet nor a quote tweet;
//   - it is not its author's reply to their own tweet (a thread goes on
//     with the same question);
//   - it replies to the account (in_reply_to_user_id), or else mentions it
//     (the first account it mentions).
//
// So a tweet that starts a conversation at an account, a reply that puts
// a question to the account in someone else's conversation, and a
// follow-up that answers the account's reply (a new question) are each
// an inquiry.
//
// Its first reply is the earliest tweet of the same agency, at or after
// it, whose referenced_tweets say replied_to the inquiry, or a tweet of
// the inquirer's own thread that goes on from it ([Result.ByReply]).
// Where there is none, because the conversation was only partly collected,
// it is the earliest tweet of the agency in the same conversation_id,
// after the inquiry, that replies to the inquirer and whose own replied_to
// tweet is not in the input ([Result.ByConversation]). A tweet is the first
// reply of one inquiry at most. An agency's reply to its own accounts is a
// thread, never an answer.
//
// # Broadcast-only accounts
//
// An account that posts but never replies to anyone else over the input
// is broadcast-only: [AccountResult.BroadcastOnly], and its channel in the
// dataset says so (BroadcastOnly, and not AcceptsInquiries), whatever the
// agency declares. [CheckDeclared] checks the agencies' declared X
// channels against what the tweets show, and finds the declarations an
// observation stands for.
//
// # Every tweet accounted for
//
// [Result] embeds a [model.Accounting] counted in tweets: every tweet read
// is accepted or rejected with its line and reason, and accepted tweets
// are inquiries, first replies, repeats or other tweets:
//
//	Read == Inquiries + FirstReplies + Repeats + Other + len(Rejected)
//
// A line that is not valid JSON, JSON that is neither a response nor a
// tweet, and a response whose data or includes cannot be read count as one
// rejected row each; a response with meta alone (a search that matched
// nothing) holds no row. A tweet's line is the line its page starts on.
// The identities hold for a read that ends without error; one stopped by
// an error returns the accounting so far.
//
// # Size and speed
//
// JSON Lines are read a line at a time and decoded on every processor, a
// window of lines at a time, then applied in order: what stays in memory
// is what the rules keep of each tweet, a few hundred bytes, whatever the
// size of the archive. A line, and a response over several lines, is at
// most Options.MaxDocumentBytes; the distinct tweets at most
// Options.MaxTweets. Nesting deeper than encoding/json's limit is refused
// before it costs memory.
//
// # Cannot determine
//
// When a conversation was only partly collected, an inquiry whose reply
// was not collected reads as unanswered. Tweets that reply to an account's
// tweet that is not in the input are the evidence ([AccountResult.Missing]):
// when they are more than [MaxMissingShare] of the account's inquiries,
// its [AccountResult.Verdict] is [CannotDetermine], and scoring its
// response rate would mislead.
package xapi
