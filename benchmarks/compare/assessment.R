# Times R's model assessment on the scale harness's shape (times Exp(mean 50) rounded to 0.01, 60% events, two groups,
# a score = group + U(0, 1)): survival::concordance (Harrell's C with its variance) and riskRegression::Score (AUC and
# Brier with standard errors, KM censoring weights) at 10 times (deciles of the times).
# Usage: Rscript benchmarks/compare/assessment.R 100000 [score]   (score: also time Score; it needs O(n) memory per time)
suppressPackageStartupMessages({ library(survival); library(riskRegression) })
args <- commandArgs(trailingOnly = TRUE); n <- as.integer(args[1]); set.seed(20261205)
d <- data.frame(time = round(rexp(n, 1 / 50), 2), status = rbinom(n, 1, 0.6), group = rbinom(n, 1, 0.5))
d$score <- d$group + runif(n)
once <- function(f) system.time(f())[["elapsed"]]
cat(sprintf("concordance n=%d  %.3f s\n", n, once(function() concordance(Surv(time, status) ~ score, data = d, reverse = TRUE))))
if (length(args) > 1 && args[2] == "score") {
  times <- unique(sort(d$time)[floor((n - 1) * (1:10) / 11) + 1])
  risk <- matrix(plogis(d$score - 1), nrow = n, ncol = length(times))
  cat(sprintf("Score (auc, brier, se) n=%d, %d times  %.3f s\n", n, length(times),
              once(function() Score(list(m = risk), formula = Surv(time, status) ~ 1, data = d, times = times, metrics = c("auc", "brier"), se.fit = TRUE, cens.model = "km"))))
}
