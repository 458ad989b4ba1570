package score

import (
	"slices"
	"sync"
	"time"

	"github.com/govscore/govscore/model"
	"github.com/govscore/govscore/score/internal/stats"
)

// obs is what scoring keeps of one inquiry: integers only.
type obs struct {
	recv     int64 // receipt, Unix seconds
	delay    int64 // seconds from receipt to first reply; -1 when unanswered at AsOf
	resolved int64 // seconds from receipt to resolution; -1 when unresolved at AsOf
	due      int64 // seconds from receipt to the agency's promised time; -1 when none
	agency   int32 // index of the agency in accumulate's order
	req      uint8 // requesterCode
	kind     uint8 // kindCode
	grade    uint8 // gradeCode; gradeNone unless answered
}

// Codes for the enumerations an obs carries; bit i of a filter mask stands
// for code i.
const (
	gradeNone uint8 = iota
	gradeAccurate
	gradePartial
	gradeInaccurate
	gradeDeflection
)

func requesterCode(r model.Requester) uint8 {
	switch r {
	case model.RequesterPublic:
		return 1
	case model.RequesterMedia:
		return 2
	case model.RequesterBusiness:
		return 3
	case model.RequesterAuditor:
		return 4
	}
	return 0 // not recorded
}

func kindCode(k model.ChannelKind) uint8 {
	for i, c := range model.ChannelKinds() {
		if k == c {
			return uint8(i)
		}
	}
	return 0 // unreachable for a validated dataset
}

func gradeCode(a model.Accuracy) uint8 {
	switch a {
	case model.AccuracyAccurate:
		return gradeAccurate
	case model.AccuracyPartial:
		return gradePartial
	case model.AccuracyInaccurate:
		return gradeInaccurate
	case model.AccuracyDeflection:
		return gradeDeflection
	}
	return gradeNone
}

// agencyData is everything scoring needs about one agency. Its obs are in no
// particular order: every measure computed from them is order-free.
type agencyData struct {
	agency    model.Agency
	loc       *time.Location
	obs       []obs
	afterAsOf int // inquiries received after AsOf, not scored
	channels  []model.Channel
	staffing  []model.Staffing
	curves    map[curveKey]*stats.Curve // see agencyData.curve
	biz       businessTime              // the agency's business clock; nil without a calendar
}

// seconds is d in whole seconds, rounded up: a reply 0.2 s after its
// deadline is late, not on time.
func seconds(d time.Duration) int64 {
	s := int64(d / time.Second)
	if d%time.Second > 0 {
		s++
	}
	return s
}

// accumulate groups a validated dataset by agency, in agency ID order,
// reading the inquiries with the given number of goroutines.
func accumulate(ds *model.Dataset, asOf time.Time, workers int) []agencyData {
	agencies := slices.Clone(ds.Agencies)
	slices.SortFunc(agencies, func(a, b model.Agency) int {
		switch {
		case a.ID < b.ID:
			return -1
		case a.ID > b.ID:
			return 1
		}
		return 0
	})
	index := make(map[string]int, len(agencies))
	out := make([]agencyData, len(agencies))
	for i, a := range agencies {
		index[a.ID] = i
		loc := time.UTC
		if a.TimeZone != "" {
			if l, err := time.LoadLocation(a.TimeZone); err == nil { // validated before
				loc = l
			}
		}
		out[i] = agencyData{agency: a, loc: loc}
	}
	// In a validated dataset an inquiry's channel belongs to its agency, so
	// one lookup by channel gives both.
	type channelInfo struct {
		agency int
		kind   uint8
	}
	channels := make(map[string]channelInfo, len(ds.Channels))
	for _, c := range ds.Channels {
		if i, ok := index[c.AgencyID]; ok {
			out[i].channels = append(out[i].channels, c)
			channels[c.ID] = channelInfo{agency: i, kind: kindCode(c.Kind)}
		}
	}
	for _, s := range ds.Staffing {
		if i, ok := index[s.AgencyID]; ok {
			out[i].staffing = append(out[i].staffing, s)
		}
	}

	// Each worker reads a contiguous part of the inquiries into one slice,
	// counting per agency; then every agency gets its run of one backing
	// array, filled in parallel. No slice grows, so nothing is copied twice.
	qs := ds.Inquiries
	workers = max(1, min(workers, len(qs)/4096+1))
	type part struct {
		obs    []obs
		counts []int // by agency
		after  []int // by agency
	}
	parts := make([]part, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(qs)*w/workers, len(qs)*(w+1)/workers
		wg.Go(func() {
			p := part{obs: make([]obs, 0, hi-lo), counts: make([]int, len(out)), after: make([]int, len(out))}
			for i := lo; i < hi; i++ {
				q := &qs[i]
				ch, ok := channels[q.ChannelID]
				if !ok {
					continue // unreachable for a validated dataset
				}
				if q.ReceivedAt.After(asOf) {
					p.after[ch.agency]++
					continue
				}
				o := obs{recv: q.ReceivedAt.Unix(), delay: -1, resolved: -1, due: -1,
					agency: int32(ch.agency), req: requesterCode(q.Requester), kind: ch.kind}
				if q.Answered(asOf) {
					o.delay = seconds(q.FirstReplyAt.Sub(q.ReceivedAt))
					o.grade = gradeCode(q.Accuracy)
				}
				if !q.ResolvedAt.IsZero() && !q.ResolvedAt.After(asOf) {
					o.resolved = seconds(q.ResolvedAt.Sub(q.ReceivedAt))
				}
				if !q.DueAt.IsZero() {
					o.due = seconds(q.DueAt.Sub(q.ReceivedAt))
				}
				p.obs = append(p.obs, o)
				p.counts[ch.agency]++
			}
			parts[w] = p
		})
	}
	wg.Wait()

	// next[w][a] is where worker w writes its next obs of agency a.
	next := make([][]int, workers)
	total := 0
	for w := range workers {
		next[w] = make([]int, len(out))
	}
	for a := range out {
		for w, p := range parts {
			next[w][a] = total
			total += p.counts[a]
			out[a].afterAsOf += p.after[a]
		}
	}
	all := make([]obs, total)
	for w := range workers {
		wg.Go(func() {
			pos := next[w]
			for _, o := range parts[w].obs {
				all[pos[o.agency]] = o
				pos[o.agency]++
			}
		})
	}
	wg.Wait()
	start := 0
	for a := range out {
		n := 0
		for _, p := range parts {
			n += p.counts[a]
		}
		out[a].obs = all[start : start+n : start+n]
		start += n
	}
	return out
}
