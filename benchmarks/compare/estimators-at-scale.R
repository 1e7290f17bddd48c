# Times R on the scale harness's shape for issue 35's estimators (times Exp(mean 50) rounded to 0.01, 60% events, two
# groups, a continuous covariate age ~ U(40, 70)): survreg Weibull and log-normal with two covariates (times + 0.005, as
# the harness), cmprsk::crr with two covariates (each event cause 1 or 2), coxph with cox.zph and martingale and
# Schoenfeld residuals; with `multistate`, survfit's Aalen–Johansen fit on the harness's illness–death rows (an event is
# illness or death with equal chance, an ill subject gets a second row to death (60%) or censoring Exp(mean 50) later,
# n rows in all). One run each.
# Usage: Rscript benchmarks/compare/estimators-at-scale.R 1000000 [crr] [multistate]   (crr: also time crr; it is slow
# above 1e5; multistate: also time survfit on multi-state rows, 14 s at 1e5, 285 s at 1e6)
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
if ("crr" %in% args[-1]) {
  suppressPackageStartupMessages(library(cmprsk))
  cause <- ifelse(d$status == 1, 1 + rbinom(n, 1, 0.5), 0)
  cat(sprintf("crr n=%d  %.3f s\n", n, once(function() crr(d$time, cause, cbind(d$group, d$age), failcode = 1, cencode = 0))))
}
if ("multistate" %in% args[-1]) {
  ev <- d$status == 1; ill <- ev & rbinom(n, 1, 0.5) == 1; t1 <- d$time + 0.01; k <- which(ill)
  ms <- rbind(data.frame(id = seq_len(n), start = 0, stop = t1, state = ifelse(!ev, "censor", ifelse(ill, "ill", "dead"))),
              data.frame(id = k, start = t1[k], stop = t1[k] + round(rexp(length(k), 1 / 50), 2) + 0.01,
                         state = ifelse(rbinom(length(k), 1, 0.6) == 1, "dead", "censor")))
  ms <- ms[order(ms$id, ms$start), ][seq_len(n), ]
  ms$state <- factor(ms$state, levels = c("censor", "ill", "dead"))
  cat(sprintf("survfit multi-state (Aalen-Johansen, IJ errors) n=%d  %.3f s\n", n,
              once(function() survfit(Surv(start, stop, state) ~ 1, data = ms, id = id))))
}
