package xapi

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/model/internal/jsonkey"
)

// Reading errors, wrapped in a [*model.ParseError]. Test for them with
// errors.Is; the reader also uses model's ErrMissing, ErrBadTime,
// ErrOutOfRange, ErrEncoding, ErrRepeatedKey, ErrControlCharacter and
// ErrTooLarge.
var (
	// ErrNotTweets rejects a line that is JSON but neither an API response
	// (an object with "data", or with "meta" alone: a search that matched
	// nothing) nor a tweet (an object with "id").
	ErrNotTweets = errors.New("neither an API response nor a tweet")
	// ErrSyntax rejects a line that is not valid JSON.
	ErrSyntax = errors.New("not valid JSON")
	// ErrNoAccounts is returned by [Read] when Options.Accounts is empty:
	// without the agencies' accounts no tweet can be attributed.
	ErrNoAccounts = errors.New("xapi: no agency accounts given")
)

// DefaultMaxTweets is the most tweets [Read] accepts by default: ten
// million, about 3 GB of what the rules keep of them.
const DefaultMaxTweets = 10_000_000

// MaxMissingShare is the largest share of an agency's inquiries that
// tweets replying to its missing tweets may reach before its response rate
// is judged undeterminable (see [Verdict]).
const MaxMissingShare = 0.2

// Verdict says whether an agency's conversations were collected whole
// enough to measure its response rate.
type Verdict string

// Verdicts.
const (
	Determinable    Verdict = "determinable"
	CannotDetermine Verdict = "cannot_determine"
)

// Options control [Read].
type Options struct {
	// File names the input in errors.
	File string
	// Lenient keeps reading past bad lines and tweets; the default stops at
	// the first. MaxRejects stops a lenient read once more than that were
	// rejected; 0 means no limit.
	Lenient    bool
	MaxRejects int
	// MaxDocumentBytes bounds a line of JSON Lines, and a single document
	// over several lines, which is read whole; 0 means
	// [model.DefaultMaxDocumentBytes] (1 GiB). JSON Lines are read a line
	// at a time: what stays in memory is what the rules need of each
	// tweet (about 300 bytes), up to MaxTweets.
	MaxDocumentBytes int
	// MaxTweets bounds the distinct tweets accepted (a repeat is not kept
	// again); 0 means [DefaultMaxTweets]. More is an error wrapping
	// model.ErrTooLarge.
	MaxTweets int
	// Accounts are the agencies' X accounts; at least one.
	Accounts []Account
}

// Result says what [Read] made of every tweet it read.
type Result struct {
	// Accounting counts tweets: each tweet object of the input (in a
	// response's data or includes.tweets, or a flattened tweet's line) is
	// one row, read and either accepted or rejected; a line that is not
	// valid JSON, or JSON that holds no tweet, is one rejected row.
	// Read == Accepted + len(Rejected).
	model.Accounting
	// The accepted tweets split into Inquiries, FirstReplies, Repeats (a
	// tweet met again, in another page's includes or a later page) and
	// Other (everything else: later turns, retweets, quotes, an agency's
	// posts and threads, replies after the first):
	// Accepted == Inquiries + FirstReplies + Repeats + Other.
	Inquiries, FirstReplies, Repeats, Other int
	// ByReply counts the first replies found by replied_to, and
	// ByConversation those found in the inquiry's conversation, for
	// inquiries whose direct reply was not collected.
	ByReply, ByConversation int
	// Unavailable counts the entries of the responses' "errors": tweets
	// deleted, withheld or not found, which the input names but does not
	// hold. They are not tweets read.
	Unavailable int
	// Latest is the latest created_at of the accepted tweets: the natural
	// cut-off (AsOf) of the collection, zero when none was accepted; and
	// LatestLine the line of that tweet. One tweet sets it: a tweet dated
	// in the future moves it there, so a published score states its
	// cut-off rather than take this one unseen.
	Latest     time.Time
	LatestLine int
	// Accounts are the agencies' accounts, in the order given, with what
	// the tweets show of each.
	Accounts []AccountResult
}

// AccountResult is what the tweets show of one account.
type AccountResult struct {
	Account
	// SeenHandle is the first handle the input gives the account's user
	// ID (includes.users, a flattened tweet's author, a mention): for an
	// account given by user ID alone, its handle; empty when the input
	// names none.
	SeenHandle string
	// Posts are the tweets the account wrote; Replies those of them that
	// reply to someone else than the agency (its threads are not replies).
	Posts, Replies int
	// BroadcastOnly is true when the account posts but never replies:
	// observed, whatever its agency declares.
	BroadcastOnly bool
	// Inquiries addressed to the account, and Answered those with a first
	// reply.
	Inquiries, Answered int
	// Missing counts the tweets that reply to one of the account's tweets
	// that the input does not hold: evidence that its replies were not all
	// collected.
	Missing int
	// Verdict is CannotDetermine when Missing is more than MaxMissingShare
	// of Inquiries: the response rate would read low for want of replies.
	Verdict Verdict
}

// tweet is one accepted tweet, with what the rules read of it.
type tweet struct {
	line                        int
	key                         string // what a repeat of the tweet must say again
	id, author, conversation    string
	inReplyToUser, repliedTo    string
	retweet, quote              bool
	mentions                    []mention
	at                          time.Time
	authorAccount, addressed    int // index in accounts, or -1
	inquiry, firstReply, answer bool
}

type mention struct{ username, id string }

// apiTweet is a tweet object of the API, flattened or not.
type apiTweet struct {
	ID               string `json:"id"`
	AuthorID         string `json:"author_id"`
	CreatedAt        string `json:"created_at"`
	ConversationID   string `json:"conversation_id"`
	InReplyToUserID  string `json:"in_reply_to_user_id"`
	ReferencedTweets []struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	} `json:"referenced_tweets"`
	Entities struct {
		Mentions []struct {
			Username string `json:"username"`
			ID       string `json:"id"`
		} `json:"mentions"`
	} `json:"entities"`
	Author *apiUser `json:"author"` // twarc2 flatten's expansion
}

type apiUser struct {
	ID       string `json:"id"`
	Username string `json:"username"`
}

// page is what decode reads of an API response but its data: includes
// and errors.
type page struct {
	Includes struct {
		Users  []apiUser         `json:"users"`
		Tweets []json.RawMessage `json:"tweets"`
	} `json:"includes"`
	Errors []json.RawMessage `json:"errors"`
}

// reader holds one read.
type reader struct {
	t         *model.Tally
	accounts  []Account
	names     map[string]*Account // agency ID → its names, from all its accounts
	maxTweets int
	byID      map[string]int // user ID → account
	byHandle  map[string]int // lower-case handle → account
	bound     []bool         // by account: a handle-only account has taken a user ID
	seen      []string       // by account: the first handle the input gives its user ID
	tweets    map[string]*tweet
	order     []*tweet
	answers   map[*tweet]*tweet // inquiry → first reply
	rootOf    map[string]*tweet // tweet ID → the inquiry it is or goes on with
	res       Result
}

// Read reads X API v2 tweets into a dataset: twarc2 archives (one
// response page a line), single response documents, and flattened tweets
// (one a line, as twarc2 flatten writes them), in any mix of lines. See
// the package documentation for the rules that make inquiries and first
// replies of them.
func Read(r io.Reader, opts Options) (model.Dataset, Result, error) {
	if len(opts.Accounts) == 0 {
		return model.Dataset{}, Result{}, ErrNoAccounts
	}
	ro := model.ReadOptions{File: opts.File, Lenient: opts.Lenient, MaxRejects: opts.MaxRejects, MaxDocumentBytes: opts.MaxDocumentBytes}
	max := opts.MaxDocumentBytes
	if max <= 0 {
		max = model.DefaultMaxDocumentBytes
	}
	rd := &reader{t: model.NewTally(ro), accounts: opts.Accounts, names: map[string]*Account{}, byID: map[string]int{}, byHandle: map[string]int{},
		bound: make([]bool, len(opts.Accounts)), seen: make([]string, len(opts.Accounts)),
		tweets: map[string]*tweet{}, rootOf: map[string]*tweet{}}
	channels := map[string]int{} // channel ID → account
	for i, a := range opts.Accounts {
		if err := a.check(); err != nil {
			return model.Dataset{}, Result{}, fmt.Errorf("xapi: account %d: %w", i+1, err)
		}
		if !addNames(rd.names, a) {
			return model.Dataset{}, Result{}, fmt.Errorf("xapi: account %d: %w", i+1,
				&model.FieldError{Field: "name", Err: fmt.Errorf("%w: agency %s is named otherwise by an earlier account", model.ErrOutOfRange, quote(a.AgencyID))})
		}
		if first, ok := channels[a.ChannelID()]; ok {
			return model.Dataset{}, Result{}, fmt.Errorf("xapi: account %d: %w", i+1,
				&model.FieldError{Field: "handle", Err: fmt.Errorf("%w: channel %s is also account %d's", model.ErrDuplicateID, quote(a.ChannelID()), first+1)})
		}
		channels[a.ChannelID()] = i
		if a.UserID != "" {
			if first, ok := rd.byID[a.UserID]; ok {
				return model.Dataset{}, Result{}, fmt.Errorf("xapi: account %d: %w", i+1,
					&model.FieldError{Field: "user_id", Err: fmt.Errorf("%w: user %s is also account %d", model.ErrDuplicateID, a.UserID, first+1)})
			}
			rd.byID[a.UserID] = i
		}
		if a.Handle != "" {
			if first, ok := rd.byHandle[strings.ToLower(a.Handle)]; ok {
				return model.Dataset{}, Result{}, fmt.Errorf("xapi: account %d: %w", i+1,
					&model.FieldError{Field: "handle", Err: fmt.Errorf("%w: @%s is also account %d", model.ErrDuplicateID, a.Handle, first+1)})
			}
			rd.byHandle[strings.ToLower(a.Handle)] = i
		}
	}
	rd.maxTweets = opts.MaxTweets
	if rd.maxTweets <= 0 {
		rd.maxTweets = DefaultMaxTweets
	}
	if err := rd.readAll(r, max); err != nil {
		return model.Dataset{}, rd.result(), err
	}
	rd.classify()
	return rd.dataset(), rd.result(), nil
}

func (rd *reader) result() Result {
	rd.res.Accounting = rd.t.Accounting()
	return rd.res
}

// readAll reads JSON Lines a line at a time, or a single JSON document
// over several lines (a response as the API sends it) whole: the first
// line that is not blank tells them apart, being a JSON value of its own
// or not. A line, or a document, longer than max ends the read. Lines are
// decoded a window at a time, in parallel, and applied in order.
func (rd *reader) readAll(r io.Reader, max int) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if b, err := br.Peek(3); err == nil && string(b) == "\uFEFF" {
		br.Discard(3)
	}
	lines := &lineReader{br: br, max: max}
	var win window
	first := true
	for line := 1; ; line++ {
		l, err := lines.next()
		if err != nil {
			// The lines before the end, or before the error, first.
			if err := rd.flush(&win); err != nil {
				return err
			}
			switch {
			case err == io.EOF:
				return nil
			case errors.Is(err, model.ErrTooLarge):
				return rd.t.FileError(line, "", err)
			}
			return rd.t.IOError(err)
		}
		v := bytes.TrimSpace(l)
		if len(v) == 0 {
			continue
		}
		if first && v[0] == '{' && !json.Valid(v) {
			// Perhaps one document over several lines: read the rest,
			// within the limit.
			// l and v are views of the reader's buffer, which reading the
			// rest overwrites: the first line is copied first.
			doc := append(slices.Clone(l), '\n')
			v = bytes.TrimSpace(doc)
			rest, err := io.ReadAll(io.LimitReader(br, int64(max-len(doc))+1))
			if err != nil {
				return rd.t.IOError(err)
			}
			if d := bytes.TrimSpace(append(doc, rest...)); len(doc)+len(rest) <= max && json.Valid(d) {
				return rd.value(d, line)
			}
			// JSON Lines after all: the rest of them from what was read.
			lines = &lineReader{br: bufio.NewReaderSize(io.MultiReader(bytes.NewReader(rest), br), 64<<10), max: max}
		}
		first = false
		win.lines = append(win.lines, line)
		win.values = append(win.values, slices.Clone(v))
		if win.size += len(v); win.size >= windowBytes {
			if err := rd.flush(&win); err != nil {
				return err
			}
		}
	}
}

// windowBytes is how many bytes of lines are decoded together; a
// variable for the tests.
var windowBytes = 4 << 20

// window is lines read but not yet applied: their numbers and values.
type window struct {
	lines  []int
	values [][]byte
	size   int
	out    []decoded
}

// flush decodes the lines of w on every processor, applies them in order
// and empties w.
func (rd *reader) flush(w *window) error {
	n := len(w.values)
	if n == 0 {
		return nil
	}
	w.out = slices.Grow(w.out[:0], n)[:n]
	if workers := min(runtime.GOMAXPROCS(0), n); workers == 1 {
		for i, v := range w.values {
			w.out[i] = decode(v)
		}
	} else {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Go(func() {
				for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
					w.out[i] = decode(w.values[i])
				}
			})
		}
		wg.Wait()
	}
	var err error
	for i := range n {
		if err = rd.apply(&w.out[i], w.lines[i]); err != nil {
			break
		}
	}
	clear(w.values)
	clear(w.out)
	w.lines, w.values, w.size = w.lines[:0], w.values[:0], 0
	return err
}

// lineReader reads lines of at most max bytes.
type lineReader struct {
	br   *bufio.Reader
	max  int
	long []byte
}

// next returns the next line without its line feed, valid until the next
// call, or io.EOF after the last; a line longer than max is an error
// wrapping model.ErrTooLarge.
func (lr *lineReader) next() ([]byte, error) {
	b, err := lr.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		lr.long = append(lr.long[:0], b...)
		for err == bufio.ErrBufferFull && len(lr.long) <= lr.max {
			b, err = lr.br.ReadSlice('\n')
			lr.long = append(lr.long, b...)
		}
		b = lr.long
	}
	switch {
	case err == io.EOF && len(b) == 0:
		return nil, io.EOF
	case err != nil && err != io.EOF && err != bufio.ErrBufferFull:
		return nil, err
	}
	b = bytes.TrimSuffix(b, []byte{'\n'})
	if len(b) > lr.max {
		return nil, fmt.Errorf("%w: a line longer than MaxDocumentBytes (%d)", model.ErrTooLarge, lr.max)
	}
	return b, nil
}

// value reads one JSON value at line: a response or a flattened tweet.
func (rd *reader) value(v []byte, line int) error {
	d := decode(v)
	return rd.apply(&d, line)
}

// rowError is the reason a line, or one tweet of it, is rejected.
type rowError struct {
	field string
	err   error
}

// decoded is what one line (a response or a flattened tweet) holds, made
// without the reader's state, so that lines are decoded in parallel; the
// reader applies them to its state in order.
type decoded struct {
	reject      *rowError // the whole line's rejection
	unavailable int       // the response's errors
	users       []apiUser // the response's includes.users
	tweets      []decodedTweet
}

// decodedTweet is one tweet object of a line: its author (a flattened
// tweet's), and the tweet or the reason it is rejected.
type decodedTweet struct {
	author   *apiUser
	reject   *rowError
	tw       tweet
	mentions []apiUser
}

// decode decodes the JSON value v: a response or a flattened tweet.
func decode(v []byte) decoded {
	if !utf8.Valid(v) || !jsonkey.ValidEscapes(v) {
		return decoded{reject: &rowError{"", model.ErrEncoding}}
	}
	if path, err := jsonkey.Check(v, model.ErrRepeatedKey); err != nil {
		return decoded{reject: &rowError{path, err}}
	}
	// The value is decoded once into the fields that tell a response from
	// a tweet, each kept as JSON: each pass of the decoder over a line
	// costs as much as the rest of the read.
	var top struct {
		Data     json.RawMessage `json:"data"`
		ID       json.RawMessage `json:"id"`
		Includes json.RawMessage `json:"includes"`
		Errors   json.RawMessage `json:"errors"`
		Meta     json.RawMessage `json:"meta"`
	}
	var syntax *json.SyntaxError
	if err := json.Unmarshal(v, &top); errors.As(err, &syntax) {
		return decoded{reject: &rowError{"", ErrSyntax}}
	} else if err != nil {
		return decoded{reject: &rowError{"", ErrNotTweets}}
	}
	// A response has data, or, when nothing matched (the last page of a
	// search), meta alone.
	if top.Data == nil && (top.Meta == nil || top.ID != nil) {
		if top.ID != nil {
			return decoded{tweets: []decodedTweet{decodeTweet(v)}}
		}
		return decoded{reject: &rowError{"", ErrNotTweets}}
	}
	var p page
	for _, f := range []struct {
		name string
		raw  json.RawMessage
		v    any
	}{{"includes", top.Includes, &p.Includes}, {"errors", top.Errors, &p.Errors}} {
		if f.raw == nil {
			continue
		}
		if err := json.Unmarshal(f.raw, f.v); err != nil {
			return decoded{reject: &rowError{f.name, fmt.Errorf("%w: %v", ErrNotTweets, err)}}
		}
	}
	var many []json.RawMessage
	d := bytes.TrimSpace(top.Data)
	switch {
	case len(d) > 0 && d[0] == '[':
		if err := json.Unmarshal(d, &many); err != nil {
			return decoded{reject: &rowError{"data", fmt.Errorf("%w: %v", ErrNotTweets, err)}}
		}
	case len(d) > 0 && d[0] == '{':
		many = []json.RawMessage{d}
	case len(d) == 0 || bytes.Equal(d, []byte("null")):
	default:
		return decoded{reject: &rowError{"data", ErrNotTweets}}
	}
	out := decoded{unavailable: len(p.Errors), users: p.Includes.Users}
	for _, raw := range append(many, p.Includes.Tweets...) {
		out.tweets = append(out.tweets, decodeTweet(raw))
	}
	return out
}

// decodeTweet decodes one tweet object and checks its fields.
func decodeTweet(raw []byte) decodedTweet {
	var a apiTweet
	if err := json.Unmarshal(raw, &a); err != nil {
		return decodedTweet{reject: &rowError{"", fmt.Errorf("%w: %v", ErrNotTweets, err)}}
	}
	var dt decodedTweet
	if a.Author != nil {
		dt.author = a.Author
		if a.AuthorID == "" {
			a.AuthorID = a.Author.ID
		}
	}
	for _, f := range []struct{ field, v string }{{"id", a.ID}, {"author_id", a.AuthorID}} {
		field, v := f.field, f.v
		if v == "" {
			dt.reject = &rowError{field, model.ErrMissing}
			return dt
		}
		if !numeric(v) {
			dt.reject = &rowError{field, fmt.Errorf("%w: %s is not a numeric ID", model.ErrOutOfRange, quote(v))}
			return dt
		}
	}
	at, err := time.Parse(time.RFC3339Nano, a.CreatedAt)
	switch {
	case a.CreatedAt == "":
		dt.reject = &rowError{"created_at", model.ErrMissing}
		return dt
	case err != nil:
		dt.reject = &rowError{"created_at", fmt.Errorf("%w: %s", model.ErrBadTime, quote(a.CreatedAt))}
		return dt
	}
	if err := model.CheckTime(at); err != nil {
		dt.reject = &rowError{"created_at", err}
		return dt
	}
	// Every field quoted, so that no two different tweets make one key.
	key := fmt.Sprintf("%q %d %q %q", a.AuthorID, at.UnixNano(), a.ConversationID, a.InReplyToUserID)
	for _, ref := range a.ReferencedTweets {
		key += fmt.Sprintf(" %q %q", ref.Type, ref.ID)
	}
	dt.tw = tweet{key: key,
		id: a.ID, author: a.AuthorID, conversation: a.ConversationID, inReplyToUser: a.InReplyToUserID, at: at,
		authorAccount: -1, addressed: -1}
	for _, ref := range a.ReferencedTweets {
		switch ref.Type {
		case "retweeted":
			dt.tw.retweet = true
		case "quoted":
			dt.tw.quote = true
		case "replied_to":
			dt.tw.repliedTo = ref.ID
		}
	}
	for _, m := range a.Entities.Mentions {
		dt.tw.mentions = append(dt.tw.mentions, mention{strings.ToLower(m.Username), m.ID})
		dt.mentions = append(dt.mentions, apiUser{m.ID, m.Username})
	}
	return dt
}

// apply adds what line holds to the read, in the order of the line: its
// response's users, then each tweet.
func (rd *reader) apply(d *decoded, line int) error {
	if d.reject != nil {
		return rd.t.Reject(line, d.reject.field, d.reject.err)
	}
	rd.res.Unavailable += d.unavailable
	for _, u := range d.users {
		rd.learn(u)
	}
	for i := range d.tweets {
		if err := rd.tweet(&d.tweets[i], line); err != nil {
			return err
		}
	}
	return nil
}

// learn records what the input says of a user: an account given by its
// handle alone takes the user ID the input gives that handle, unless the
// ID is already an account's (given, or taken by another handle first);
// and an account's user ID gets the first handle the input gives it.
func (rd *reader) learn(u apiUser) {
	if u.ID == "" || u.Username == "" {
		return
	}
	if i, ok := rd.byHandle[strings.ToLower(u.Username)]; ok && rd.accounts[i].UserID == "" && !rd.bound[i] {
		if _, taken := rd.byID[u.ID]; !taken {
			rd.byID[u.ID], rd.bound[i] = i, true
		}
	}
	if i, ok := rd.byID[u.ID]; ok && rd.seen[i] == "" {
		rd.seen[i] = u.Username
	}
}

// tweet adds one decoded tweet of line to the read: a new tweet, a
// repeat, or a rejection.
func (rd *reader) tweet(dt *decodedTweet, line int) error {
	if dt.author != nil {
		rd.learn(*dt.author)
	}
	if dt.reject != nil {
		return rd.t.Reject(line, dt.reject.field, dt.reject.err)
	}
	if old := rd.tweets[dt.tw.id]; old != nil {
		if old.key != dt.tw.key {
			// The same tweet, told twice differently: which to trust?
			return rd.t.Reject(line, "id", fmt.Errorf("%w: %s, met before on line %d with other fields", model.ErrDuplicateID, quote(dt.tw.id), old.line))
		}
		rd.t.Accept()
		rd.res.Repeats++
		return nil
	}
	if len(rd.order) >= rd.maxTweets {
		return rd.t.FileError(line, "", fmt.Errorf("%w: more than MaxTweets (%d) tweets", model.ErrTooLarge, rd.maxTweets))
	}
	tw := new(tweet)
	*tw = dt.tw
	tw.line = line
	for _, m := range dt.mentions {
		rd.learn(m)
	}
	rd.tweets[tw.id] = tw
	rd.order = append(rd.order, tw)
	rd.t.Accept()
	if tw.at.After(rd.res.Latest) {
		rd.res.Latest, rd.res.LatestLine = tw.at, line
	}
	return nil
}

func numeric(s string) bool {
	if len(s) == 0 || len(s) > 20 {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

func quote(s string) string {
	if len(s) > 64 {
		s = s[:64] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// account returns the account of a user ID, or -1.
func (rd *reader) account(userID string) int {
	if i, ok := rd.byID[userID]; ok {
		return i
	}
	return -1
}

// sameAgency reports whether accounts i and j are of one agency.
func (rd *reader) sameAgency(i, j int) bool {
	return i >= 0 && j >= 0 && rd.accounts[i].AgencyID == rd.accounts[j].AgencyID
}

// classify applies the rules of the package documentation.
func (rd *reader) classify() {
	// A total order (the IDs are distinct), so no stable sort is needed.
	slices.SortFunc(rd.order, func(a, b *tweet) int {
		return cmp.Or(a.at.Compare(b.at), cmp.Compare(len(a.id), len(b.id)), strings.Compare(a.id, b.id))
	})
	rd.res.Accounts = make([]AccountResult, len(rd.accounts))
	for i, a := range rd.accounts {
		rd.res.Accounts[i] = AccountResult{Account: a, SeenHandle: rd.seen[i]}
	}
	for _, tw := range rd.order {
		tw.authorAccount = rd.account(tw.author)
		if i := tw.authorAccount; i >= 0 {
			ar := &rd.res.Accounts[i]
			ar.Posts++
			to := rd.account(tw.inReplyToUser)
			if tw.inReplyToUser != "" && !rd.sameAgency(i, to) && !tw.retweet {
				tw.answer = true // a reply to someone else: it may answer an inquiry
				ar.Replies++
			}
			continue
		}
		// Evidence of replies not collected: someone answers an agency
		// tweet that is not in the input.
		if to := rd.account(tw.inReplyToUser); to >= 0 && tw.repliedTo != "" && rd.tweets[tw.repliedTo] == nil {
			rd.res.Accounts[to].Missing++
		}
		if tw.inReplyToUser == tw.author && tw.inReplyToUser != "" {
			// The author goes on with their own thread: the same question,
			// if it was one, and a reply to any of its tweets answers it.
			if root := rd.rootOf[tw.repliedTo]; root != nil {
				rd.rootOf[tw.id] = root
			}
			continue
		}
		if tw.retweet || tw.quote {
			continue // retweets and quotes are not inquiries
		}
		tw.addressed = rd.addressed(tw)
		if tw.addressed >= 0 {
			tw.inquiry = true
			rd.rootOf[tw.id] = tw
			rd.res.Inquiries++
			rd.res.Accounts[tw.addressed].Inquiries++
		}
	}
	for i := range rd.res.Accounts {
		ar := &rd.res.Accounts[i]
		ar.BroadcastOnly = ar.Posts > 0 && ar.Replies == 0
		ar.Verdict = Determinable
		if ar.Missing > 0 && float64(ar.Missing) > MaxMissingShare*float64(ar.Inquiries) {
			ar.Verdict = CannotDetermine
		}
	}
	rd.firstReplies()
	rd.res.Other = rd.t.Accounting().Accepted - rd.res.Inquiries - rd.res.FirstReplies - rd.res.Repeats
}

// addressed returns the account an inquiry is addressed to: the one it
// replies to, else the first it mentions, or -1.
func (rd *reader) addressed(tw *tweet) int {
	if i := rd.account(tw.inReplyToUser); i >= 0 {
		return i
	}
	for _, m := range tw.mentions {
		if i, ok := rd.byHandle[m.username]; ok {
			return i
		}
		if i := rd.account(m.id); i >= 0 {
			return i
		}
	}
	return -1
}

// firstReplies finds each inquiry's first reply: by replied_to, else in
// its conversation.
func (rd *reader) firstReplies() {
	answers := map[*tweet]*tweet{}
	// By replied_to: the agency's replies in time order, each to the
	// inquiry, or its author's thread, that it replies to.
	for _, r := range rd.order {
		if !r.answer || r.repliedTo == "" {
			continue
		}
		q := rd.rootOf[r.repliedTo]
		if q != nil && answers[q] == nil && rd.sameAgency(r.authorAccount, q.addressed) && !r.at.Before(q.at) {
			answers[q], r.firstReply = r, true
			rd.res.ByReply++
		}
	}
	// By conversation: for each inquiry in time order, the agency's
	// earliest reply after it to the inquirer in its conversation whose
	// own target was not collected. The candidates are listed by
	// conversation, inquirer and agency, in time order; a cursor passes
	// those taken and those too early for every inquiry after, so that
	// each candidate is looked at a bounded number of times.
	type convKey struct{ conversation, to, agency string }
	lists := map[convKey][]*tweet{}
	for _, r := range rd.order {
		if r.answer && r.conversation != "" && (r.repliedTo == "" || rd.tweets[r.repliedTo] == nil) {
			k := convKey{r.conversation, r.inReplyToUser, rd.accounts[r.authorAccount].AgencyID}
			lists[k] = append(lists[k], r)
		}
	}
	cursor := map[convKey]int{}
	for _, q := range rd.order {
		if !q.inquiry || answers[q] != nil || q.conversation == "" {
			continue
		}
		k := convKey{q.conversation, q.author, rd.accounts[q.addressed].AgencyID}
		l, c := lists[k], cursor[k]
		for c < len(l) && (l[c].firstReply || !l[c].at.After(q.at)) {
			c++
		}
		cursor[k] = c
		if c < len(l) {
			r := l[c]
			answers[q], r.firstReply = r, true
			rd.res.ByConversation++
		}
	}
	for q := range answers {
		rd.res.Accounts[q.addressed].Answered++
	}
	rd.res.FirstReplies = len(answers)
	rd.answers = answers
}
