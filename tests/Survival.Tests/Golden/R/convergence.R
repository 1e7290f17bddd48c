# Golden fixtures for honest convergence (issue 34): R's Newton-Raphson iterations, step-halving and last iterates.
# coxph on right-censored rows (coxfit6), on (start, stop] rows (agfit4) and cmprsk::crr, at the default iteration limit
# and at limits too small to converge, on lung and on seeded small data sets with heavy-tailed, strongly acting
# covariates (where Newton steps overshoot, halve and sometimes run out). Run from the repository root:
#   Rscript tests/Survival.Tests/Golden/R/convergence.R
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/convergence"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
                 cmprsk = as.character(packageVersion("cmprsk")))
exact <- function(x) I(sprintf("%.17g", x))
nul <- function(x) ifelse(is.finite(x), x, NA)
quiet <- function(expr) {
  warned <- character()
  value <- withCallingHandlers(expr, warning = function(w) { warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") })
  list(value = value, warnings = warned)
}

cases <- list()
cox_case <- function(name, d, covariates, iter.max, counting = FALSE) {
  lhs <- if (counting) "Surv(start, time, status)" else "Surv(time, status)"
  r <- quiet(coxph(as.formula(paste(lhs, "~", paste(covariates, collapse = " + "))), data = d, ties = "efron",
                   control = coxph.control(iter.max = iter.max)))
  f <- r$value
  # coxph keeps no convergence flag for right-censored rows; it warns when it runs out (except at iter.max = 1, where
  # it never complains), and agreg keeps one in fit$info. coxph's fit$iter is iter.max + 1 when it runs out (its C loop
  # counter), agreg's is iter.max.
  converged <- if (counting) unname(f$info["convergence"] == 0)
               else if (iter.max > 1) !any(grepl("Ran out of iterations", r$warnings)) else NA
  input <- list(time = exact(d$time), status = as.integer(d$status))
  if (counting) input$start <- exact(d$start)
  for (v in covariates) input[[v]] <- exact(d[[v]])
  js <- list(name = name, versions = versions, kind = if (counting) "agreg" else "coxph", covariates = covariates,
             iterMax = iter.max, input = input, coef = nul(unname(coef(f))), loglik = unname(f$loglik), iter = f$iter,
             converged = converged, halvings = if (counting) unname(f$info["step halving"]) else NA, warnings = I(r$warnings))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

lung2 <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")]); lung2$status <- lung2$status - 1
for (k in c(1, 2, 3, 20)) cox_case(sprintf("lung_iter%d", k), lung2, c("age", "sex", "ph.ecog"), k)

# Small data with a covariate spread over orders of magnitude and a strong effect: Newton's first steps overshoot.
set.seed(20261204)
for (i in 1:30) {
  n <- sample(6:20, 1)
  x1 <- round(exp(rnorm(n, 0, 1.5)), 3)
  x2 <- rbinom(n, 1, 0.5)
  rate <- exp(sample(c(1.5, 3, 6), 1) * log1p(x1) - 1 + 0.7 * x2)
  t <- rexp(n, rate); cens <- rexp(n, 0.3)
  d <- data.frame(time = round(pmin(t, cens), 4) + 0.001, status = as.integer(t <= cens), x1 = x1, x2 = x2)
  if (sum(d$status) < 2) d$status[1:2] <- 1L
  d$start <- ifelse(runif(n) < 0.5, 0, round(d$time * runif(n, 0, 0.5), 4))
  cov <- if (i %% 3 == 0) "x1" else c("x1", "x2")
  for (k in c(3, 20)) {
    cox_case(sprintf("random%02d_coxph_iter%d", i, k), d, cov, k)
    cox_case(sprintf("random%02d_agreg_iter%d", i, k), d, cov, k, counting = TRUE)
  }
}

# survreg (survreg6): its own start (moments, the glim step, an intercept-only fit first when there are covariates)
# and its loop, at limits from 1 to its default 30, for four families with and without covariates.
for (dist in c("weibull", "lognormal", "loglogistic", "exponential")) {
  for (cov in list(character(), c("age", "sex"))) {
    for (k in c(1, 2, 3, 30)) {
      rhs <- if (length(cov)) paste(cov, collapse = " + ") else "1"
      r <- quiet(survreg(as.formula(paste("Surv(time, status) ~", rhs)), data = lung2, dist = dist,
                         control = survreg.control(maxiter = k)))
      f <- r$value
      name <- sprintf("survreg_%s_%s_iter%d", dist, if (length(cov)) "covariates" else "intercept", k)
      input <- list(time = exact(lung2$time), status = as.integer(lung2$status))
      for (v in cov) input[[v]] <- exact(lung2[[v]])
      js <- list(name = name, versions = versions, kind = "survreg", dist = dist, covariates = I(cov), iterMax = k, input = input,
                 coef = unname(coef(f)), logScale = if (dist == "exponential") NA else log(f$scale), loglik = f$loglik[2],
                 iter = f$iter, converged = if (k > 1) !any(grepl("Ran out of iterations", r$warnings)) else NA,
                 warnings = I(r$warnings))
      writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
    }
  }
}

# Where survreg's own start fails: four events within 0.02 after two censorings. From its default start survreg runs
# out with a point that has no standard errors; from a start near the maximum it converges. Both are recorded.
tiny <- data.frame(time = c(5, 5.01, 4.99, 5, 1, 2), status = c(1, 1, 1, 1, 0, 0))
for (dist in c("weibull", "lognormal")) {
  r0 <- quiet(survreg(Surv(time, status) ~ 1, data = tiny, dist = dist))
  r1 <- quiet(survreg(Surv(time, status) ~ 1, data = tiny, dist = dist, init = c(1.61, -5.5)))
  js <- list(name = paste0("survreg_start_fails_", dist), versions = versions, kind = "survreg-start", dist = dist,
             input = list(time = exact(tiny$time), status = as.integer(tiny$status)),
             default = list(iter = r0$value$iter, warnings = I(r0$warnings)),
             maximum = list(coef = unname(coef(r1$value)), logScale = log(r1$value$scale), loglik = r1$value$loglik[2],
                            iter = r1$value$iter, warnings = I(r1$warnings)))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(js$name, ".json")))
}

# Fine-Gray (crr): its own Newton loop (score test, Armijo halving); maxiter = 1 stops before its test passes.
# mgus2 as in the survival package's competing-risks vignette: progression (1) before death (2), else censored (0).
m <- na.omit(survival::mgus2[, c("ptime", "pstat", "futime", "death", "age", "sex", "hgb")])
m$etime <- ifelse(m$pstat == 0, m$futime, m$ptime)
m$cause <- ifelse(m$pstat == 0, 2L * m$death, 1L)
m$male <- as.integer(m$sex == "M")
for (k in c(1, 10)) {
  r <- quiet(crr(m$etime, m$cause, cbind(age = m$age, male = m$male, hgb = m$hgb), failcode = 1, cencode = 0, maxiter = k))
  f <- r$value
  js <- list(name = sprintf("crr_iter%d", k), versions = versions, kind = "crr", iterMax = k,
             input = list(time = exact(m$etime), cause = as.integer(m$cause), age = exact(m$age), male = exact(m$male), hgb = exact(m$hgb)),
             coef = unname(f$coef), loglik = f$loglik, iter = f$iter, converged = f$converged, warnings = I(r$warnings))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, sprintf("crr_iter%d.json", k)))
}
