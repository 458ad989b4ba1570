# Reference log-rank tests and Newcombe intervals for compare_test.go.
#
# Log-rank: survival::survdiff(Surv(time, status) ~ group) with its default
# rho = 0, and pchisq(chisq, 1, lower.tail = FALSE) for the p-value.
# Newcombe: the hybrid score interval of p1 - p2 (Newcombe 1998, method 10),
# built here from R's own Wilson intervals, prop.test(k, n, correct = FALSE).
#
# Rerun from this folder (needs r-base-core and r-cran-survival):
#
#   Rscript compare_reference.R > compare_reference.tsv
#
# The Go test reads the .tsv only; it never runs R.
#
# Output: one record a line, fields separated by tabs, numbers printed with
# %.17g; the first line, a comment, names the versions that made it.
#
#   obs       name  group  time  status      one line an observation
#   logrank   name  obs1  obs2  exp1  exp2  var  chisq  p
#   newcombe  k1  n1  k2  n2  d  lower  upper
suppressPackageStartupMessages(library(survival))

g <- function(x) sprintf("%.17g", x)
cat(sprintf("# compare_reference.R: %s, survival %s\n", R.version.string,
            as.character(packageVersion("survival"))))

fixtures <- list(
  # Separate curves, no ties.
  list(name = "apart",
       a = list(time = c(1, 2, 3, 4, 5, 6), status = c(1, 1, 1, 1, 1, 0)),
       b = list(time = c(7, 8, 9, 10, 11, 12), status = c(1, 1, 0, 1, 1, 1))),
  # Ties within and across the samples, censorings at event times.
  list(name = "ties",
       a = list(time = c(1, 1, 2, 3, 3, 3, 5, 8, 9), status = c(1, 1, 1, 1, 1, 0, 0, 1, 0)),
       b = list(time = c(1, 2, 2, 3, 4, 5, 5, 8, 10, 12), status = c(1, 0, 1, 1, 1, 1, 0, 1, 1, 0))),
  # The same curve: a chi-square near 0.
  list(name = "same",
       a = list(time = c(2, 4, 6, 8, 10), status = c(1, 1, 1, 1, 0)),
       b = list(time = c(2, 4, 6, 8, 10), status = c(1, 1, 1, 1, 0))),
  # One sample mostly censored early, as a silent agency's.
  list(name = "censored",
       a = list(time = c(3600, 7200, 7200, 86400, 90000, 400000), status = c(1, 1, 1, 1, 0, 1)),
       b = list(time = c(100, 100, 100, 100, 2592000, 2592000, 2592000), status = c(0, 0, 1, 0, 0, 0, 0))),
  # One observation against many, in seconds as the scorer keeps them.
  list(name = "single",
       a = list(time = c(5000), status = c(1)),
       b = list(time = c(60, 600, 6000, 60000, 600000, 6e6), status = c(1, 1, 1, 1, 1, 0)))
)

set.seed(20261130)
for (k in 1:3) {
  n1 <- 40 * k; n2 <- 55 * k
  a <- list(time = round(rlnorm(n1, log(3 * 3600), 1.5)), status = rbinom(n1, 1, 0.85))
  b <- list(time = round(rlnorm(n2, log(5 * 3600), 1.5)), status = rbinom(n2, 1, 0.7))
  fixtures[[length(fixtures) + 1]] <- list(name = sprintf("lognormal_%d", k), a = a, b = b)
}

for (f in fixtures) {
  for (grp in c("a", "b")) {
    s <- f[[grp]]
    for (i in seq_along(s$time)) {
      cat(paste("obs", f$name, grp, g(s$time[i]), s$status[i], sep = "\t"), "\n", sep = "")
    }
  }
  d <- data.frame(time = c(f$a$time, f$b$time), status = c(f$a$status, f$b$status),
                  group = factor(c(rep("a", length(f$a$time)), rep("b", length(f$b$time))), levels = c("a", "b")))
  sd <- survdiff(Surv(time, status) ~ group, data = d)
  p <- pchisq(sd$chisq, 1, lower.tail = FALSE)
  cat(paste("logrank", f$name, g(sd$obs[1]), g(sd$obs[2]), g(sd$exp[1]), g(sd$exp[2]),
            g(sd$var[1, 1]), g(sd$chisq), g(p), sep = "\t"), "\n", sep = "")
}

# Newcombe's own examples (1998, Table II) first, then edges: 0 and n
# successes, small and large samples.
cases <- rbind(c(56, 70, 48, 80), c(9, 10, 3, 10), c(6, 7, 2, 7), c(5, 56, 0, 29),
               c(0, 10, 0, 20), c(10, 10, 0, 10), c(10, 10, 20, 20), c(1, 1, 0, 1),
               c(137, 160, 98, 130), c(9000, 10000, 8870, 10000), c(3, 1000, 7, 1200))
for (i in seq_len(nrow(cases))) {
  k1 <- cases[i, 1]; n1 <- cases[i, 2]; k2 <- cases[i, 3]; n2 <- cases[i, 4]
  w1 <- suppressWarnings(prop.test(k1, n1, correct = FALSE))$conf.int
  w2 <- suppressWarnings(prop.test(k2, n2, correct = FALSE))$conf.int
  p1 <- k1 / n1; p2 <- k2 / n2; d <- p1 - p2
  lo <- d - sqrt((p1 - w1[1])^2 + (w2[2] - p2)^2)
  hi <- d + sqrt((w1[2] - p1)^2 + (p2 - w2[1])^2)
  cat(paste("newcombe", k1, n1, k2, n2, g(d), g(lo), g(hi), sep = "\t"), "\n", sep = "")
}
