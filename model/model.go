package model

import (
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// ChannelKind is the kind of a digital channel. The values are the lower-case
// words used in record files.
type ChannelKind string

// Channel kinds.
const (
	ChannelX         ChannelKind = "x"         // X (formerly Twitter): mentions, replies and direct messages
	ChannelFacebook  ChannelKind = "facebook"  // a Facebook page: comments and Messenger
	ChannelInstagram ChannelKind = "instagram" // an Instagram account: comments and direct messages
	ChannelWhatsApp  ChannelKind = "whatsapp"  // a WhatsApp business number
	ChannelEmail     ChannelKind = "email"     // a published e-mail address
	ChannelWebForm   ChannelKind = "web_form"  // a contact or complaints form on the agency's site
	ChannelPhone     ChannelKind = "phone"     // a call centre or hotline
	ChannelApp       ChannelKind = "app"       // a mobile application's messaging or ticket feature
)

// ChannelKinds returns every known channel kind, in a fixed order.
func ChannelKinds() []ChannelKind {
	return []ChannelKind{ChannelX, ChannelFacebook, ChannelInstagram, ChannelWhatsApp,
		ChannelEmail, ChannelWebForm, ChannelPhone, ChannelApp}
}

// Valid reports whether k is one of the known channel kinds.
func (k ChannelKind) Valid() bool {
	switch k {
	case ChannelX, ChannelFacebook, ChannelInstagram, ChannelWhatsApp,
		ChannelEmail, ChannelWebForm, ChannelPhone, ChannelApp:
		return true
	}
	return false
}

// Requester is the kind of person or body that sent an inquiry.
type Requester string

// Requester kinds. The empty Requester means "not recorded"; it matches no
// requester filter.
const (
	RequesterPublic   Requester = "public"   // a member of the public
	RequesterMedia    Requester = "media"    // a journalist or news organisation
	RequesterBusiness Requester = "business" // a company or trader
	RequesterAuditor  Requester = "auditor"  // a test inquiry sent by a regulator or surveyor
)

// Requesters returns every known requester kind, in a fixed order.
func Requesters() []Requester {
	return []Requester{RequesterPublic, RequesterMedia, RequesterBusiness, RequesterAuditor}
}

// Valid reports whether r is a known requester kind or empty (not recorded).
func (r Requester) Valid() bool {
	switch r {
	case "", RequesterPublic, RequesterMedia, RequesterBusiness, RequesterAuditor:
		return true
	}
	return false
}

// Accuracy is the grade given to an agency's reply by whoever checked it.
type Accuracy string

// Accuracy grades. The empty Accuracy is the same as AccuracyUngraded.
const (
	AccuracyAccurate   Accuracy = "accurate"   // the reply answered the question correctly
	AccuracyPartial    Accuracy = "partial"    // the reply was correct but incomplete
	AccuracyInaccurate Accuracy = "inaccurate" // the reply was wrong or misleading
	AccuracyDeflection Accuracy = "deflection" // the reply did not answer ("please DM us", "see our website")
	AccuracyUngraded   Accuracy = "ungraded"   // nobody has graded the reply
)

// Accuracies returns every known accuracy grade, in a fixed order.
func Accuracies() []Accuracy {
	return []Accuracy{AccuracyAccurate, AccuracyPartial, AccuracyInaccurate,
		AccuracyDeflection, AccuracyUngraded}
}

// Valid reports whether a is a known grade or empty.
func (a Accuracy) Valid() bool {
	switch a {
	case "", AccuracyAccurate, AccuracyPartial, AccuracyInaccurate,
		AccuracyDeflection, AccuracyUngraded:
		return true
	}
	return false
}

// Graded reports whether a is a grade that counts in accuracy measures:
// accurate, partial, inaccurate or deflection.
func (a Accuracy) Graded() bool {
	switch a {
	case AccuracyAccurate, AccuracyPartial, AccuracyInaccurate, AccuracyDeflection:
		return true
	}
	return false
}

// Agency is a government body that answers the public.
type Agency struct {
	// ID identifies the agency in every other record, e.g. "ministry-of-finance".
	ID string `json:"id" yaml:"id"`
	// Name is the display name in the dataset's main language.
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// Names holds the display name per BCP 47 language tag, e.g. "ar" and
	// "en". A renderer asked for a language uses Names[lang] and falls back
	// to Name, then to ID.
	Names map[string]string `json:"names,omitempty" yaml:"names,omitempty"`
	// Sector is a free-text grouping such as "finance" or "health".
	Sector string `json:"sector,omitempty" yaml:"sector,omitempty"`
	// TimeZone is the IANA name of the agency's local time zone, e.g.
	// "Asia/Riyadh". Empty means UTC. Day-based measures use it.
	TimeZone string `json:"time_zone,omitempty" yaml:"time_zone,omitempty"`
	// CalendarID names the [Calendar] of the agency's working time, one of
	// [Dataset.Calendars]. Empty means no business calendar: criteria in
	// business time then count calendar time, and the scorer flags it.
	CalendarID string `json:"calendar_id,omitempty" yaml:"calendar_id,omitempty"`
	// Implied reports that the agency was not declared but inferred from
	// the records that name it (see [ReadInquiriesCSV]).
	Implied bool `json:"implied,omitempty" yaml:"implied,omitempty"`
}

// DisplayName returns the agency's name in the language lang (a BCP 47 tag
// such as "ar"), falling back to Name and then to ID.
func (a Agency) DisplayName(lang string) string {
	if n := a.Names[lang]; n != "" {
		return n
	}
	if a.Name != "" {
		return a.Name
	}
	return a.ID
}

// Channel is one account or inbox through which an agency can be reached.
type Channel struct {
	// ID identifies the channel in inquiries, e.g. "mof-x".
	ID string `json:"id" yaml:"id"`
	// AgencyID is the agency that runs the channel.
	AgencyID string `json:"agency_id" yaml:"agency_id"`
	// Kind is the kind of channel.
	Kind ChannelKind `json:"kind" yaml:"kind"`
	// Handle is the public address: "@MOF_KSA", an e-mail address, a URL.
	Handle string `json:"handle,omitempty" yaml:"handle,omitempty"`
	// Official reports whether the agency acknowledges the channel as its own.
	Official bool `json:"official" yaml:"official"`
	// AcceptsInquiries reports whether the public can write to the channel:
	// direct messages or replies are open, the form or inbox is published.
	AcceptsInquiries bool `json:"accepts_inquiries" yaml:"accepts_inquiries"`
	// BroadcastOnly reports whether the agency uses the channel only to
	// publish news and does not answer what arrives on it.
	BroadcastOnly bool `json:"broadcast_only" yaml:"broadcast_only"`
	// Implied reports that the channel was not declared but inferred from
	// inquiries (see [ReadInquiriesCSV]); its Official, AcceptsInquiries and
	// BroadcastOnly facts are unknown, and channel-openness measures ignore it.
	Implied bool `json:"implied,omitempty" yaml:"implied,omitempty"`
}

// Open reports whether the channel is declared, official, accepts
// inquiries and is not broadcast-only: a channel the public can expect an
// answer on.
func (c Channel) Open() bool {
	return !c.Implied && c.Official && c.AcceptsInquiries && !c.BroadcastOnly
}

// Staffing is a declaration of the people assigned to read and answer one
// channel, or all of an agency's channels, during a period.
type Staffing struct {
	// AgencyID is the agency that made the declaration.
	AgencyID string `json:"agency_id" yaml:"agency_id"`
	// ChannelID is the channel the staff monitor; empty means every channel of
	// the agency.
	ChannelID string `json:"channel_id,omitempty" yaml:"channel_id,omitempty"`
	// From is the start of the period (inclusive); the zero time means "since
	// always".
	From time.Time `json:"from,omitzero" yaml:"from,omitempty"`
	// To is the end of the period (exclusive); the zero time means "until
	// further notice".
	To time.Time `json:"to,omitzero" yaml:"to,omitempty"`
	// Staff is the number of people assigned, 0 to [MaxStaff]. Zero
	// declares that nobody is.
	Staff int `json:"staff" yaml:"staff"`
	// WeeklyHours is how many hours a week someone monitors the channel,
	// 0 to 168 with at most [MaxHoursPlaces] decimal places, exact: 40
	// for office hours, 37.5 for a shorter week, 168 for round the clock.
	// encoding/json writes it as a string, shopspring/decimal's default;
	// [WriteStaffingJSON] writes it as a JSON number.
	WeeklyHours decimal.Decimal `json:"weekly_hours" yaml:"weekly_hours"`
}

// MaxHoursPlaces is the most decimal places of [Staffing.WeeklyHours].
const MaxHoursPlaces = 12

// MaxStaff is the most people one staffing declaration may assign: a
// million, more than any government's contact centre, and few enough that
// the sum of the staff of every declaration a file can hold stays exact.
// A larger [Staffing.Staff] is out of range for the readers and
// [Dataset.Validate].
const MaxStaff = 1_000_000

// ActiveAt reports whether the declaration covers the instant t.
func (s Staffing) ActiveAt(t time.Time) bool {
	return (s.From.IsZero() || !t.Before(s.From)) && (s.To.IsZero() || t.Before(s.To))
}

// Inquiry is one message from the public that asks an agency for something,
// and what became of it.
//
// Optional instants are the zero time.Time when absent. An instant after the
// scoring cut-off (AsOf) is treated as not having happened yet.
type Inquiry struct {
	// ID identifies the inquiry; unique within a dataset.
	ID string `json:"id"`
	// AgencyID is the agency the inquiry was addressed to.
	AgencyID string `json:"agency_id"`
	// ChannelID is the channel it arrived on.
	ChannelID string `json:"channel_id"`
	// Requester is who asked; empty when not recorded.
	Requester Requester `json:"requester,omitempty"`
	// ReceivedAt is when the inquiry arrived. Required.
	ReceivedAt time.Time `json:"received_at"`
	// FirstReplyAt is when the agency first answered it, publicly or
	// privately, by a person (not an automatic acknowledgement).
	FirstReplyAt time.Time `json:"first_reply_at,omitzero"`
	// ResolvedAt is when the matter was closed.
	ResolvedAt time.Time `json:"resolved_at,omitzero"`
	// DueAt is the agency's own promised answer time, where it made one.
	DueAt time.Time `json:"due_at,omitzero"`
	// Accuracy is the grade of the first reply; empty means ungraded.
	Accuracy Accuracy `json:"accuracy,omitempty"`
}

// Answered reports whether the inquiry had a first reply at or before asOf.
func (q Inquiry) Answered(asOf time.Time) bool {
	return !q.FirstReplyAt.IsZero() && !q.FirstReplyAt.After(asOf)
}

// ChannelKindOfSource returns the channel kind that a source or channel
// type written by a service-request system names, case-insensitively
// ("Twitter", "Constituent Call", "Mobile/Open311", "Self Service"), and
// false when it names no known kind. The 311 and Open311 readers use it.
func ChannelKindOfSource(source string) (ChannelKind, bool) {
	s := strings.ToLower(strings.TrimSpace(source))
	switch {
	case s == "":
		return "", false
	case strings.Contains(s, "twitter") || s == "x":
		return ChannelX, true
	case strings.Contains(s, "facebook"):
		return ChannelFacebook, true
	case strings.Contains(s, "mail"):
		return ChannelEmail, true
	case strings.Contains(s, "app") || strings.Contains(s, "mobile"):
		return ChannelApp, true
	case strings.Contains(s, "call") || strings.Contains(s, "phone"):
		return ChannelPhone, true
	case strings.Contains(s, "web") || strings.Contains(s, "online") || strings.Contains(s, "self service"):
		return ChannelWebForm, true
	}
	return "", false
}
