# Golden fixtures for the exponential model. Run from the repository root:
#   Rscript tests/Survival.Tests/Golden/R/parametric.R
# survreg(dist = "exponential") for the rate (exp(-intercept)) and log-likelihood; qchisq for the exact limits;
# poisson.test for the exact rate ratio.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/parametric"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))
fit1 <- function(t, e, level) {
  f <- survreg(Surv(t, e) ~ 1, dist = "exponential"); d <- sum(e); T <- sum(t); a <- 1 - level
  list(events = d, exposure = T, rate = exp(-unname(coef(f))), logLik = f$loglik[2],
       lower = if (d > 0) qchisq(a / 2, 2 * d) / (2 * T) else 0, upper = qchisq(1 - a / 2, 2 * d + 2) / (2 * T))
}
cases <- list()
add <- function(name, t, e, g, level = 0.95) {
  groups <- sort(unique(g))
  fits <- lapply(groups, function(k) fit1(t[g == k], e[g == k], level))
  rr <- poisson.test(c(sum(e[g == groups[1]]), sum(e[g == groups[2]])), c(sum(t[g == groups[1]]), sum(t[g == groups[2]])), conf.level = level)
  cases[[name]] <<- list(input = list(time = exact(t), status = as.integer(e), group = g), level = level,
    overall = fit1(t, e, level), groups = fits, rateRatio = list(estimate = unname(rr$estimate), lower = rr$conf.int[1], upper = rr$conf.int[2]))
}
add("aml", aml$time, aml$status, as.character(aml$x))
add("lung_sex_90", lung$time, lung$status - 1, ifelse(lung$sex == 1, "male", "female"), 0.9)
add("veteran_trt", veteran$time, veteran$status, as.character(veteran$trt))
writeLines(toJSON(list(versions = versions, cases = cases), auto_unbox = TRUE, digits = NA), file.path(out, "exponential.json"))

# Weibull: survreg(dist = "weibull") coefficients, log(scale), vcov and log-likelihood; LR test against exponential.
wcases <- list()
addw <- function(name, t, e) {
  f <- survreg(Surv(t, e) ~ 1, dist = "weibull"); fe <- survreg(Surv(t, e) ~ 1, dist = "exponential")
  wcases[[name]] <<- list(input = list(time = exact(t), status = as.integer(e)), intercept = unname(coef(f)), logScale = log(f$scale),
    vcov = unname(vcov(f)), logLik = f$loglik[2], lr = 2 * (f$loglik[2] - fe$loglik[2]))
}
addw("aml", aml$time, aml$status)
addw("lung", lung$time, lung$status - 1)
addw("veteran", veteran$time, veteran$status)
addw("ovarian", ovarian$futime, ovarian$fustat)
writeLines(toJSON(list(versions = versions, cases = wcases), auto_unbox = TRUE, digits = NA), file.path(out, "weibull.json"))
