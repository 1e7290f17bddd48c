# Times R on the scale harness's shape for issue 35's estimators (times Exp(mean 50) rounded to 0.01, 60% events, two
# groups, a continuous covariate age ~ U(40, 70)): survreg Weibull and log-normal with two covariates (times + 0.005, as
# the harness), cmprsk::crr with two covariates (each event cause 1 or 2), coxph with cox.zph and martingale and
# Schoenfeld residuals. One run each.
# Usage: Rscript benchmarks/compare/estimators-at-scale.R 1000000 [crr]   (crr: also time crr; it is slow above 1e5)
suppressPackageStartupMessages({ library(survival) })
args <- commandArgs(trailingOnly = TRUE); n <- as.integer(args[1]); set.seed(20261205)
d <- data.frame(time = round(rexp(n, 1 / 50), 2), status = rbinom(n, 1, 0.6), group = rbinom(n, 1, 0.5), age = runif(n, 40, 70))
once <- function(f) system.time(f())[["elapsed"]]
cat(sprintf("survreg weibull + lognormal n=%d  %.3f s\n", n, once(function() {
  survreg(Surv(time + 0.005, status) ~ group + age, data = d, dist = "weibull")
  survreg(Surv(time + 0.005, status) ~ group + age, data = d, dist = "lognormal") })))
cat(sprintf("coxph + cox.zph + martingale + schoenfeld n=%d  %.3f s\n", n, once(function() {
  fit <- coxph(Surv(time, status) ~ group + age, data = d)
  cox.zph(fit); residuals(fit, "martingale"); residuals(fit, "schoenfeld") })))
if (length(args) > 1 && args[2] == "crr") {
  suppressPackageStartupMessages(library(cmprsk))
  cause <- ifelse(d$status == 1, 1 + rbinom(n, 1, 0.5), 0)
  cat(sprintf("crr n=%d  %.3f s\n", n, once(function() crr(d$time, cause, cbind(d$group, d$age), failcode = 1, cencode = 0))))
}
