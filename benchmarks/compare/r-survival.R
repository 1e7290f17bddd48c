# Times R survival on the benchmark shape (times Exp(mean 50) rounded to 0.01, 60% events, two groups).
# Usage: Rscript benchmarks/compare/r-survival.R 1000000 [continuous]   (continuous: the same draws not rounded)
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE); n <- as.integer(args[1]); set.seed(20261123)
continuous <- length(args) > 1 && args[2] == "continuous"
draw <- rexp(n, 1 / 50)
d <- data.frame(time = if (continuous) draw else round(draw, 2), status = rbinom(n, 1, 0.6), group = sample(c("A", "B"), n, TRUE))
med <- function(f) { f(); median(sapply(1:3, function(i) system.time(f())[["elapsed"]])) }
cat(sprintf("survfit  n=%d  %.3f s\n", n, med(function() survfit(Surv(time, status) ~ group, data = d))))
cat(sprintf("survdiff n=%d  %.3f s\n", n, med(function() survdiff(Surv(time, status) ~ group, data = d))))
if (n <= 2e6) {
  d$g <- as.numeric(d$group == "B")
  cat(sprintf("coxph    n=%d  %.3f s\n", n, med(function() coxph(Surv(time, status) ~ g, data = d, ties = "efron"))))
}
if (n <= 2e6) {
  # (start, stop] rows as BenchmarkData.CountingProcess: n/2 subjects split at half their follow-up.
  m <- n %/% 2
  time <- 0.02 + round(rexp(m, 1 / 50), 2); cut <- round(time / 2, 2)
  died <- rbinom(m, 1, 0.6); g <- rbinom(m, 1, 0.5)
  cp <- data.frame(start = c(rep(0, m), cut), stop = c(cut, time), status = c(rep(0, m), died), g = c(g, g), z = rbinom(2 * m, 1, 0.5))
  cat(sprintf("coxph (start, stop] n=%d  %.3f s\n", nrow(cp), med(function() coxph(Surv(start, stop, status) ~ g + z, data = cp, ties = "efron"))))
}
