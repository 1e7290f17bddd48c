# Times R survival on the benchmark shape (times Exp(mean 50) rounded to 0.01, 60% events, two groups).
# Usage: Rscript benchmarks/compare/r-survival.R 1000000
suppressPackageStartupMessages(library(survival))
n <- as.integer(commandArgs(trailingOnly = TRUE)[1]); set.seed(20261123)
d <- data.frame(time = round(rexp(n, 1 / 50), 2), status = rbinom(n, 1, 0.6), group = sample(c("A", "B"), n, TRUE))
med <- function(f) { f(); median(sapply(1:3, function(i) system.time(f())[["elapsed"]])) }
cat(sprintf("survfit  n=%d  %.3f s\n", n, med(function() survfit(Surv(time, status) ~ group, data = d))))
cat(sprintf("survdiff n=%d  %.3f s\n", n, med(function() survdiff(Surv(time, status) ~ group, data = d))))
if (n <= 2e6) {
  d$g <- as.numeric(d$group == "B")
  cat(sprintf("coxph    n=%d  %.3f s\n", n, med(function() coxph(Surv(time, status) ~ g, data = d, ties = "efron"))))
}
