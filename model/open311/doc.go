// Package open311 reads Open311 GeoReport v2 service requests (a JSON array
// of requests, as GET requests.json returns) into a [model.Dataset].
//
// # Mapping
//
//   - service_request_id → [model.Inquiry.ID]
//   - agency_responsible → the agency (implied)
//   - extended_attributes.channel (Chicago's extension) → a channel of the
//     kind [model.ChannelKindOfSource] gives; without one, web_form, since the
//     request came through an Open311 endpoint
//   - requested_datetime → ReceivedAt; expected_datetime → DueAt
//   - ResolvedAt, when status is "closed": the datetime of the last note of
//     type "closed" if the notes timeline has one, else updated_datetime
//     (the standard has no closing time; the last update of a closed
//     request is the best stand-in).
//   - FirstReplyAt: the first action by the city, defined as the earliest
//     note, at or after the request, whose type is not "opened", "created"
//     or "submitted" (those record the request itself: "Request opened",
//     "Request submitted via Web"). Without notes, or when no note is an
//     action, a resolved request takes its ResolvedAt (the closure is the
//     answer, as for model/city311); an unresolved one has none.
//
// Timestamps are RFC 3339 with offsets; ReadOptions.Location, when set,
// reads those without an offset in that zone.
//
// Rejections name the line on which the request's JSON object starts. A
// request is rejected, besides for a missing ID, agency or request time
// and a repeated ID, when a key appears twice in one of its objects
// ([model.ErrRepeatedKey], naming its path, such as "notes[0].type"), a
// timestamp cannot be read or is outside the plausible range
// ([model.CheckTime]), or its service_request_id or agency_responsible
// holds a control or bidirectional formatting character
// ([model.CheckText]; checked as written, before surrounding white space
// is trimmed).
// A request closed before it was requested is kept unresolved, with an
// [ErrClosedBeforeRequested] warning, as city311 does.
package open311
