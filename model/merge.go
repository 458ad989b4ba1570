package model

import "maps"

// Merge returns the union of the records of ds, for example the agencies
// and channels read from their own files together with the inquiries read
// from an export:
//
//	ds := model.Merge(declared, inquiries)
//
// Agencies and channels come in this order: every declared record (one
// whose Implied flag is false) in input order, then every implied record
// whose ID no declared record has, in input order, each ID once. So a
// declared record replaces the records implied with its ID, and two
// declared records with the same ID are both kept, for
// [Dataset.Validate] to report. Staffing and inquiries are concatenated in
// input order; repeated inquiry IDs are kept, for Validate to report.
// Calendars are concatenated in input order too; repeated calendar IDs are
// kept, for Validate to report.
//
// Merge does not modify ds, and the result shares no slice with them.
func Merge(ds ...Dataset) Dataset {
	var out Dataset
	for _, d := range ds {
		out.Staffing = append(out.Staffing, d.Staffing...)
		out.Inquiries = append(out.Inquiries, d.Inquiries...)
		for _, c := range d.Calendars {
			out.Calendars = append(out.Calendars, c.clone())
		}
	}
	out.Agencies = mergeDeclared(ds,
		func(d Dataset) []Agency { return d.Agencies },
		func(a Agency) (string, bool) { return a.ID, a.Implied })
	out.Channels = mergeDeclared(ds,
		func(d Dataset) []Channel { return d.Channels },
		func(c Channel) (string, bool) { return c.ID, c.Implied })
	for i := range out.Agencies { // share no Names map with ds
		out.Agencies[i].Names = maps.Clone(out.Agencies[i].Names)
	}
	return out
}

// mergeDeclared returns the records that list takes from each of ds,
// declared ones first, then implied ones whose ID is not yet taken.
func mergeDeclared[T any](ds []Dataset, list func(Dataset) []T, key func(T) (id string, implied bool)) []T {
	var out []T
	taken := map[string]bool{}
	for _, d := range ds {
		for _, v := range list(d) {
			if id, implied := key(v); !implied {
				out = append(out, v)
				taken[id] = true
			}
		}
	}
	for _, d := range ds {
		for _, v := range list(d) {
			if id, implied := key(v); implied && !taken[id] {
				out = append(out, v)
				taken[id] = true
			}
		}
	}
	return out
}
