# Reference Kaplan-Meier estimates for km_reference_test.go, from R's
# survival::survfit(Surv(time, status) ~ 1) with its defaults (Greenwood
# standard errors, conf.type = "log", conf.int = 0.95).
#
# Rerun from this folder (needs r-base-core and r-cran-survival):
#
#   Rscript survfit_reference.R > survfit_reference.tsv
#
# The committed output was made with R 4.2.2 and survival 3.5-3 (Debian
# bookworm). The Go test reads the .tsv only; it never runs R.
#
# Output: one record a line, fields separated by tabs, numbers printed with
# %.17g so that no digit is lost; NA is "NA", infinity "Inf". The first
# line, a comment, names the versions that made it. Each fixture writes, in
# this order:
#
#   fixture   name
#   obs       name  time  status                        one line an observation
#   step      name  time  n.risk  n.event  n.censor  surv  std.err  lower  upper
#                                                       one line a row of survfit
#   quantile  name  p  quantile  lower  upper           quantile(fit, p), one p a call
#   rmean     name  tau  rmean  se(rmean)               survival:::survmean(fit, rmean = tau)
#   median    name  median  0.95LCL  0.95UCL            summary(fit)$table, print's rule
#
# quantile.survfit is called with one p at a time: its result for one p can
# depend on the others (findq returns NA for every p when the curve never
# reaches the smallest), and the Go code answers one p at a time.
# survmean is what print(fit, rmean = tau) and summary(fit, rmean = tau)
# call; it is called directly so that a horizon before the first time (which
# print and summary refuse) can be checked too.
suppressPackageStartupMessages(library(survival))

fixtures <- list(
  # Two events at 1, three at 3: ties of events only.
  list(name = "tied_events",
       time = c(1, 1, 2, 3, 3, 3, 5, 8, 9),
       status = c(1, 1, 1, 1, 1, 1, 0, 1, 0),
       tau = c(3, 10)),
  # Events and censorings at the same times; the censored count at risk.
  # S(2) = 6/8 * 4/6 = 0.5 exactly, flat until 5: median (2 + 5) / 2.
  list(name = "tied_mixed",
       time = c(1, 1, 2, 2, 2, 5, 5, 7),
       status = c(1, 1, 1, 1, 0, 1, 0, 0),
       tau = c(2, 6)),
  list(name = "all_censored",
       time = c(3, 1, 4),
       status = c(0, 0, 0),
       tau = c(0.5, 3)),
  # No censoring; S falls to 0 at the last time.
  list(name = "no_censoring",
       time = c(4, 1, 3, 2),
       status = c(1, 1, 1, 1),
       tau = c(2.5, 4)),
  list(name = "single_event",
       time = c(5),
       status = c(1),
       tau = c(3, 5)),
  list(name = "single_censored",
       time = c(5),
       status = c(0),
       tau = c(5, 7)),
  # S = 0.5 from 3 until the event at 6, with a censoring at 4 inside the
  # flat step: the median is (3 + 6) / 2, not (3 + 4) / 2.
  list(name = "flat_half",
       time = c(1, 2, 3, 4, 6, 7),
       status = c(1, 1, 1, 0, 1, 0),
       tau = c(4, 7)),
  # 24 observations, one event at each of 1..12: S(6) and S(12) are 0.75
  # and 0.5 in exact arithmetic but 0.74999999999999989 and
  # 0.50000000000000011 in floating point, so only the tolerance makes
  # quantiles 0.25 and 0.5 midpoints.
  list(name = "rounding",
       time = 1:24,
       status = c(rep(1, 12), rep(0, 6), 1, rep(0, 5)),
       tau = c(12, 30)),
  # S = 0.5 on its last step (from 2), censorings after it until 4.
  list(name = "last_half",
       time = c(1, 2, 3, 4),
       status = c(1, 1, 0, 0),
       tau = c(2, 4)),
  # S = 0.5 on its last step, which is also the last time (a censoring at
  # the same time as the last event).
  list(name = "last_half_at_end",
       time = c(1, 2, 2, 2),
       status = c(1, 1, 0, 0),
       tau = c(1.5, 2)),
  # The last observation is an event, with a censoring before it: S falls
  # to 0, where R reports std.err Inf and no interval.
  list(name = "ends_at_zero",
       time = c(1, 2, 2, 3, 4, 6),
       status = c(1, 0, 1, 1, 0, 1),
       tau = c(3.5, 6)),
  # Eleven events, then most of the rest censored at 12: with 2 at risk at
  # 13 the upper confidence curve rises again, from 0.646 to 0.747. R's
  # findq then takes the step with the smallest 1 - upper at or above p
  # (13 for p = 0.25), not the first step reaching p (10).
  list(name = "rising_upper",
       time = c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 12, 12, 13, 14),
       status = c(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 0),
       tau = c(10, 14))
)

# A larger sample like govscore's: reply delays in seconds, rounded to the
# minute (so with ties), a fifth of the inquiries never answered, each
# inquiry censored at its age at the cut-off when unanswered by then.
set.seed(20240601)
n <- 200
delay <- round(rlnorm(n, meanlog = log(6 * 3600), sdlog = 1.5) / 60) * 60
delay[runif(n) < 0.2] <- Inf
age <- round(runif(n, min = 3600, max = 30 * 86400))
fixtures[[length(fixtures) + 1]] <- list(
  name = "large",
  time = pmin(delay, age),
  status = as.integer(delay <= age),
  tau = c(86400, 7 * 86400))

cat(sprintf("# survfit_reference.R: %s, survival %s\n", R.version.string, packageVersion("survival")))
num <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
probs <- c(0.25, 0.5, 0.9)
for (f in fixtures) {
  fit <- survfit(Surv(f$time, f$status) ~ 1)
  cat(sprintf("fixture\t%s\n", f$name))
  cat(sprintf("obs\t%s\t%s\t%d\n", f$name, num(f$time), as.integer(f$status)), sep = "")
  cat(sprintf("step\t%s\t%s\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", f$name, num(fit$time),
              as.integer(fit$n.risk), as.integer(fit$n.event), as.integer(fit$n.censor),
              num(fit$surv), num(fit$std.err), num(fit$lower), num(fit$upper)), sep = "")
  for (p in probs) {
    q <- quantile(fit, p)
    cat(sprintf("quantile\t%s\t%s\t%s\t%s\t%s\n", f$name, num(p),
                num(q$quantile), num(q$lower), num(q$upper)))
  }
  for (tau in f$tau) {
    m <- survival:::survmean(fit, rmean = tau)$matrix
    cat(sprintf("rmean\t%s\t%s\t%s\t%s\n", f$name, num(tau), num(m[["rmean"]]), num(m[["se(rmean)"]])))
  }
  tab <- summary(fit)$table
  cat(sprintf("median\t%s\t%s\t%s\t%s\n", f$name, num(tab[["median"]]),
              num(tab[["0.95LCL"]]), num(tab[["0.95UCL"]])))
}
