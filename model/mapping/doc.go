// Package mapping reads inquiries from any CSV export, driven by a small
// column mapping written in YAML or JSON, so that a researcher can load an
// export without writing Go.
//
// model holds what happened and reads govscore's own formats; mapping
// turns someone else's format into a [model.Dataset] for package score.
//
// # Mapping files
//
// A [Mapping] names, for each inquiry field, the source column it comes
// from; enumerated fields (channel kind, requester, accuracy) take a
// [ValueMap] from the source's words to govscore's, with a default:
//
//	id: case_enquiry_id
//	agency_id: department          # or  agency: boston-311  for one agency
//	channel:
//	  column: source
//	  values: {Constituent Call: phone, Self Service: web_form, Twitter: x}
//	  default: phone               # for words not listed; omit to reject them
//	received_at: open_dt
//	resolved_at: closed_dt
//	due_at: target_dt
//	time_layouts: ["2006-01-02 15:04:05"]   # Go layouts, or rfc3339
//	time_zone: America/New_York    # for times written without an offset
//	filters:
//	  - {column: case_status, values: [Open, Closed]}
//
// [LoadMapping] reads it, rejecting unknown keys, and [Mapping.Validate]
// reports every problem at once.
//
// # Every row accounted for
//
// [Mapping.Read] returns an [Accounting]: the [model.Accounting] of the
// rows that passed the filters (Read == Accepted + len(Rejected)) and the
// number the filters left out, so that rows in the file == Accepted +
// len(Rejected) + Filtered. Rejections and warnings are
// [*model.ParseError]s naming the file, the line and the SOURCE column.
package mapping
