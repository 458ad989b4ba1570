// Package city311 reads city 311 service-request exports into a
// [model.Dataset]: Boston (the 2015 upper-case layout and the 2022
// lower-case one), New York City (the Open Data portal's CSV export, and
// the Socrata API's CSV and JSON) and San Francisco (the BigQuery export of
// DataSF's 311 cases).
//
// model holds what happened; city311 turns what a city published into it.
//
// # Layouts
//
// [Read] detects the layout from the header (or, for JSON, from the first
// element's keys) unless [Options.Layout] names one; [DetectLayout] does the
// detection alone and [Layouts] lists the named layouts.
//
// # Mapping
//
//   - case ID (CASE_ENQUIRY_ID, Unique Key, unique_key) → [model.Inquiry.ID]
//   - department, agency or agency_name → the agency. San Francisco names
//     work queues ("DPW Ops Queue", "DPW BSM Queue"); a name that starts with
//     one of [Options.AgencyPrefixes] followed by a space, '_', '-' or its
//     end is grouped under that prefix, so both are agency "DPW". The prefix
//     list defaults to [SFAgencyPrefixes] for San Francisco and to none for
//     the other layouts.
//   - source or channel type → a channel of kind [model.ChannelKindOfSource]: Twitter →
//     x, Facebook → facebook, e-mail → email, web, online and self service →
//     web_form, apps and mobile (Citizens Connect App, City Worker App,
//     Mobile/Open311) → app, calls and phone → phone. Anything else
//     (Employee Generated, Maximo Integration, UNKNOWN, OTHER, empty) takes
//     [Options.OtherChannel], web_form by default. Agencies and channels are
//     Implied: one channel per agency and kind, with ID "agency/kind".
//   - open or created → ReceivedAt; close → ResolvedAt; target or due →
//     DueAt.
//
// # Time zones
//
// None of these files writes a UTC offset, so [Options.Location] is
// required; [Layout.Zone] names the city's IANA zone as a hint, but the
// reader never applies it by itself. The Location must carry an IANA name
// that [model.CheckTimeZone] accepts, as time.LoadLocation gives it, since
// it becomes the time zone of the implied agencies: time.Local, whose
// zone depends on the machine, and a fixed zone without such a name are
// errors, and no row is read. San Francisco's export labels its
// times "UTC", yet they are local Pacific times (the 311 service opens at
// local office hours in them); the label is ignored and the times are read
// in the configured Location. In a repeated hour at the end of daylight
// saving time, Go's time.Date picks the first of the two instants; a time
// in the hour the clocks skip at its start does not exist, and is an
// error wrapping model.ErrBadTime ([model.CheckLocalTime]), never moved.
//
// # Statuses and resolution
//
// A case is resolved only when its status is "Closed" and it has a close
// time. Every other status (Open, Pending, Assigned, In Progress, Email
// Sent…) is open. A closed status without a close time, or a close time on
// a case whose status is not closed, leaves the case unresolved and is
// warned about ([ErrStatusMismatch]).
//
// 311 records no first reply. The reader sets FirstReplyAt = ResolvedAt:
// for a service request the closure is the answer the resident waits for,
// and it is what the city's own target and on-time flag measure, so the
// response-rate, reply-time and within-target metrics of a rubric then
// measure time to closure (use rubric param use_due to take each case's own
// target).
//
// # Warnings and rejections
//
// Every row is counted in [model.Accounting]. Rows without an ID, an open
// time or an agency, with a timestamp that cannot be read or is outside the
// plausible range ([model.CheckTime]), with an ID or an agency holding a
// control or bidirectional formatting character ([model.CheckText]; checked
// as written, before surrounding white space is trimmed), with invalid
// UTF-8, with a field or more fields than the limits of
// [model.ReadOptions] allow ([model.ErrTooLarge]), or, in JSON, with a key
// repeated in one object ([model.ErrRepeatedKey]), are rejected. Accepted
// rows may carry warnings:
//
//   - [ErrClosedBeforeOpened]: the close time is before the open time. The
//     case is kept but treated as unresolved (ResolvedAt and FirstReplyAt
//     are left zero), so it counts against the agency as unanswered rather
//     than vanishing or scoring a negative duration.
//   - [ErrZeroLengthClosure]: closed at the very instant it was opened
//     (often a case closed as a duplicate or by the system).
//   - [ErrDateOnly]: a time written as a bare date, read as local midnight.
//   - [ErrMissingTarget]: the layout has a target column but the row leaves
//     it empty.
//   - [ErrStatusMismatch] and [ErrUnknownOnTime].
//
// # The city's own on-time flag
//
// Boston publishes its own verdict per case (OnTime_Status, ontime: ONTIME
// or OVERDUE). [Result.CityOnTime] keeps it per inquiry ID, since
// [model.Inquiry] has no field for it.
package city311
