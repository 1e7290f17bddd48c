# Golden fixtures for numerical extremes (issue 34): what R survival computes on times from 1e-300 to 1e300, weights
# from 1e-12 to 1e12, a million tied events at one time, a group of one subject, all events at time 0 and covariates
# of 1e8 scale. Run from the repository root:
#   Rscript tests/Survival.Tests/Golden/R/extremes.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/extremes"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))
nul <- function(x) ifelse(is.finite(x), x, NA)
quiet <- function(expr) {
  warned <- character()
  value <- tryCatch(withCallingHandlers(expr, warning = function(w) { warned <<- c(warned, conditionMessage(w)); invokeRestart("muffleWarning") }),
                    error = function(e) structure(list(message = conditionMessage(e)), class = "failed"))
  list(value = value, warnings = I(warned))
}

# Standard errors are of S (as km.R writes them): R keeps those of log S unless the variance is robust.
write_case <- function(name, d, generated = NULL) {
  has_w <- "w" %in% names(d); has_g <- "g" %in% names(d)
  w <- if (has_w) d$w else NULL
  km <- survfit(Surv(time, status) ~ 1, data = d, weights = w)
  js <- list(name = name, versions = versions,
             km = list(time = exact(km$time), surv = exact(km$surv),
                       std_err = nul(if (isTRUE(km$logse)) km$std.err * km$surv else km$std.err), n_risk = km$n.risk,
                       lower = nul(km$lower), upper = nul(km$upper), median = nul(unname(quantile(km, 0.5)$quantile))))
  if (is.null(generated)) {
    js$input <- list(time = exact(d$time), status = as.integer(d$status), x = exact(d$x))
    if (has_w) js$input$w <- exact(d$w)
    if (has_g) js$input$g <- as.character(d$g)
  } else js$generated <- generated
  if (has_g) {
    lr <- survdiff(Surv(time, status) ~ g, data = d)
    js$logrank <- list(chisq = unname(lr$chisq), observed = unname(lr$obs), expected = unname(lr$exp))
  }
  for (ties in c("efron", "breslow")) {
    r <- quiet(coxph(Surv(time, status) ~ x, data = d, weights = w, ties = ties))
    js[[paste0("cox_", ties)]] <- if (inherits(r$value, "failed")) list(error = r$value$message) else
      list(coef = nul(unname(coef(r$value))), se = nul(unname(sqrt(diag(r$value$naive.var %||% vcov(r$value))))),
           loglik = unname(r$value$loglik), iter = r$value$iter, warnings = r$warnings)
  }
  if (all(d$time > 0)) {
    r <- quiet(survreg(Surv(time, status) ~ 1, data = d, weights = w, dist = "weibull"))
    js$weibull <- if (inherits(r$value, "failed")) list(error = r$value$message) else
      list(coef = unname(coef(r$value)), log_scale = log(r$value$scale), loglik = r$value$loglik[2], iter = r$value$iter, warnings = r$warnings)
  }
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}
`%||%` <- function(a, b) if (is.null(a)) b else a

# Times over the whole double range (spaced by many orders of magnitude), two groups.
write_case("times_1e-300_to_1e300", data.frame(
  time = c(1e-300, 3e-250, 1e-200, 2e-100, 1e-10, 1, 7, 1e10, 5e100, 1e200, 3e250, 1e300),
  status = c(1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0, 1),
  x = c(0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1),
  g = rep(c("a", "b"), 6)))

# Case weights from 1e-12 to 1e12 (robust variance follows R's default for non-integer weights).
write_case("weights_1e-12_to_1e12", data.frame(
  time = c(2, 3, 3, 5, 8, 8, 9, 12, 15, 20), status = c(1, 1, 0, 1, 1, 1, 0, 1, 0, 1),
  x = c(0, 1, 0, 1, 0, 1, 1, 0, 1, 0),
  w = c(1e-12, 1e12, 1, 3.5, 1e-6, 1e6, 2, 1e-12, 1e12, 0.5)))

# A group of one subject beside a group of nine.
write_case("group_of_one", data.frame(
  time = c(4, 1, 2, 3, 5, 6, 7, 8, 9, 10), status = c(1, 1, 0, 1, 1, 0, 1, 1, 0, 1),
  x = c(1, 0, 0, 0, 0, 0, 0, 0, 0, 0), g = c("solo", rep("many", 9))))

# Every event at time 0 (censorings later).
write_case("all_events_at_time_0", data.frame(
  time = c(0, 0, 0, 0, 1, 2, 3), status = c(1, 1, 1, 1, 0, 0, 0), x = c(1, 0, 1, 0, 1, 0, 1)))

# A covariate of 1e8 scale (coefficients of 1e-8 scale).
set.seed(34)
n <- 40
x <- round(rnorm(n, 0, 1), 3)
t <- round(rexp(n, exp(0.7 * x)), 4) + 0.001
write_case("covariate_1e8_scale", data.frame(time = t, status = as.integer(runif(n) < 0.8), x = x * 1e8))

# A million tied events at one time: row i (0-based) has time 1 for i < 900000, else 2; status 1 unless i %% 10 == 0;
# x = i %% 2. The rows are rebuilt by the test from this rule.
i <- 0:999999
d <- data.frame(time = ifelse(i < 900000, 1, 2), status = as.integer(i %% 10 != 0), x = i %% 2)
write_case("million_tied_events", d, generated = "i = 0..999999: time = i < 900000 ? 1 : 2; status = i % 10 != 0; x = i % 2")
