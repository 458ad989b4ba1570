// Command city311 scores the departments of one or more 311 exports on
// closing cases by their own target time, and sets govscore's verdict
// beside the city's own on-time flag where the export has one (Boston's
// OnTime_Status and ontime).
//
//	go run ./examples/city311 [-html report.html [-lang ar]] [-quarters] [FILES...]
//
// Without arguments it reads the ten Boston 2015 case-type files in
// ../shared/data when they are there, and otherwise the small Boston 2015
// fixture in model/city311/testdata. Times are read in America/New_York,
// or America/Los_Angeles for San Francisco files.
//
// Departments are scored under the service-request standard,
// rubric.ServiceRequests(): closed by the promised time, median time to
// close, and requests open for more than 30 days. Its within_target
// criterion (within_target_rate with use_due) meets a case closed at or
// before its own target and breaches one closed later or still open past
// it. Per case, govscore's verdict on a closed case is therefore "closed ≤
// target", with 72 hours after opening standing in for a missing target;
// that verdict is set beside the city's.
//
// With -quarters it also scores the departments by quarter three ways, to
// show why a trend needs equal follow-up: each quarter cut out by hand and
// scored at the cut-off (the first quarter's cases followed for most of a
// year, the last's for days), with 30 days of follow-up, and with every
// quarter followed as long as the last whole one could be; then it writes
// that equal trend with its significant changes.
package main
