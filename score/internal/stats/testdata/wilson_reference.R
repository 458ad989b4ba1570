# Reference Wilson score intervals for wilson_test.go.
# R's prop.test without continuity correction reports the Wilson interval.
# Rerun from this folder:  Rscript wilson_reference.R > wilson_reference.tsv
# The committed output was made with R 4.2.2 (Debian bookworm).
cases <- rbind(c(0, 1), c(1, 1), c(0, 10), c(3, 10), c(5, 10), c(10, 10),
               c(1, 3), c(7, 9), c(65, 100), c(950, 1000), c(1, 1000), c(12345, 20000))
cat("k\tn\tlow\thigh\n")
for (i in seq_len(nrow(cases))) {
  k <- cases[i, 1]; n <- cases[i, 2]
  ci <- suppressWarnings(prop.test(k, n, correct = FALSE)$conf.int)
  cat(sprintf("%d\t%d\t%.17g\t%.17g\n", k, n, ci[1], ci[2]))
}
