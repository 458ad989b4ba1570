// Command twitter-support scores the companies of a customer-support thread
// file in the layout of the public "Customer Support on Twitter" dataset and
// prints, per company, the inquiries, the response rate, the median time to
// first reply and the score, then what became of every row.
//
//	go run ./examples/twitter-support                  # the built-in fixture
//	go run ./examples/twitter-support ../shared/data/twcs_first5000_monalisapatra26.csv
//
// The standard is the reply-speed dimension of the govscore default
// (response rate, answered within 24 hours, median and 90th percentile of
// time to first reply, long silences) on its own: a thread file says when
// companies replied, but carries no accuracy grades, channel declarations
// or staffing, so the default's other dimensions would have no data and
// every company would fall below the default's minimum coverage.
//
// The observation cut-off (AsOf) is the file's last created_at: an inquiry
// still unanswered then is censored, not failed, in the median. A file
// whose threads are broken (a random sample of tweets) gets "cannot
// determine" instead of figures; see model/twitter.
//
// The built-in fixture's rows were written by hand for this example; the
// real dataset (CC BY-NC-SA 4.0) is not part of the repository.
package main
