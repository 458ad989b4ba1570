# Reference figures for TestTrendGenReference (score/trend_reference_test.go):
# the records of ../shared/bench/gen.py 200000 (its default seed), scored by
# quarter in +03:00 with AsOf 2026-01-01T00:00:00+03:00 and 30 days of
# follow-up, computed here from the CSV alone, independently of govscore.
#
# Each agency x quarter is observed at its cut-off, min(quarter end + 30 days,
# AsOf); a reply after the cut-off has not happened yet. From the records of
# the quarter:
#
#   n         inquiries received in it
#   rr_n      those at least 72 hours old at the cut-off (response_rate's N)
#   rr_k      of those, answered by the cut-off (its Count)
#   w_n       those decided against 24 hours: answered by the cut-off, or
#             at least 24 hours old at it (within_24h's N)
#   w_k       answered within 24 hours (its Count)
#   km_n, km_events   the Kaplan-Meier sample: time to reply, or the age at
#             the cut-off when not answered by it (censored)
#   median, p90       quantile(survfit(...), p) in seconds, NA when the curve
#             does not fall that far
#
# and for each agency and pair of consecutive quarters the log-rank test of
# their samples: survdiff's chisq and pchisq(chisq, 1, lower.tail = FALSE).
#
# Rerun from this folder (needs python3, r-base-core and r-cran-survival):
#
#   python3 ../../../../shared/bench/gen.py 200000 /tmp/gen200k.csv
#   Rscript gen200k_quarters.R /tmp/gen200k.csv > gen200k_quarters.tsv
#
# The Go test reads the .tsv only; it never runs R.
suppressPackageStartupMessages(library(survival))

args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(args[1], colClasses = "character")
g <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))

# Every timestamp the generator writes is whole seconds at +03:00.
stamp <- function(s) {
  out <- rep(NA_real_, length(s))
  ok <- s != ""
  stopifnot(all(nchar(s[ok]) == 25), all(substr(s[ok], 20, 25) == "+03:00"))
  out[ok] <- as.numeric(as.POSIXct(substr(s[ok], 1, 19), format = "%Y-%m-%dT%H:%M:%S", tz = "UTC")) - 3 * 3600
  out
}
recv <- stamp(d$received_at)
reply <- stamp(d$first_reply_at)
local <- function(y, m) as.numeric(as.POSIXct(sprintf("%04d-%02d-01 00:00:00", y, m), tz = "UTC")) - 3 * 3600
asof <- local(2026, 1)
starts <- c(local(2025, 1), local(2025, 4), local(2025, 7), local(2025, 10), asof)
labels <- c("2025Q1", "2025Q2", "2025Q3", "2025Q4")
stopifnot(all(recv >= starts[1] & recv < asof))
quarter <- findInterval(recv, starts)

cat(sprintf("# gen200k_quarters.R: %s, survival %s, %d records\n", R.version.string,
            as.character(packageVersion("survival")), nrow(d)))
sample_of <- function(a, k) {
  i <- which(d$agency_id == a & quarter == k)
  cut <- min(starts[k + 1] + 30 * 86400, asof)
  replied <- !is.na(reply[i]) & reply[i] <= cut
  list(age = cut - recv[i], delay = reply[i] - recv[i], replied = replied,
       time = ifelse(replied, reply[i] - recv[i], cut - recv[i]))
}
agencies <- sort(unique(d$agency_id))
for (a in agencies) {
  for (k in 1:4) {
    s <- sample_of(a, k)
    n <- length(s$time)
    rr <- s$age >= 72 * 3600
    decided <- s$replied | s$age >= 86400
    met <- s$replied & s$delay <= 86400
    med <- NA; p90 <- NA
    if (n > 0) {
      fit <- survfit(Surv(s$time, as.numeric(s$replied)) ~ 1)
      med <- quantile(fit, 0.5)$quantile[[1]]
      p90 <- quantile(fit, 0.9)$quantile[[1]]
    }
    cat(paste("q", a, labels[k], n, sum(rr), sum(rr & s$replied), sum(decided), sum(met),
              n, sum(s$replied), g(med), g(p90), sep = "\t"), "\n", sep = "")
  }
  for (k in 1:3) {
    x <- sample_of(a, k); y <- sample_of(a, k + 1)
    if (length(x$time) == 0 || length(y$time) == 0) next
    t <- data.frame(time = c(x$time, y$time), status = as.numeric(c(x$replied, y$replied)),
                    group = factor(c(rep(1, length(x$time)), rep(2, length(y$time)))))
    sd <- survdiff(Surv(time, status) ~ group, data = t)
    cat(paste("lr", a, labels[k], labels[k + 1], g(sd$chisq), g(pchisq(sd$chisq, 1, lower.tail = FALSE)),
              sep = "\t"), "\n", sep = "")
  }
}
