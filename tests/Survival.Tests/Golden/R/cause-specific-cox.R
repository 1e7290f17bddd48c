# Golden fixtures for cause-specific Cox absolute risk: riskRegression's CSC (one coxph per cause, the other causes
# censored) and predictRisk (absolute risk of one cause, product limit by default, or exp(-cumulative hazard)),
# with Efron and Breslow ties, strata, a factor covariate, three causes, times before the first event and after the
# last observation (NA), and R's print of the fit for the library's printout.
# Data: mgus2 (progression = 1, death before progression = 2) and seeded data with tied times.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/cause-specific-cox.R
suppressPackageStartupMessages({ library(survival); library(riskRegression); library(prodlim); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/assessment"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
                 riskRegression = as.character(packageVersion("riskRegression")))
exact <- function(x) I(ifelse(is.na(x), "NA", sprintf("%.17g", x)))
write_fixture <- function(name, x) writeLines(toJSON(c(list(versions = versions), x), auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(out, paste0(name, ".json")))

# d: a data frame with time, event (0 = censored) and the covariates; formula: the right-hand side.
csc_fixture <- function(name, d, rhs, covariates, newrows, times, ties = "efron", strata = NULL, note) {
  f <- as.formula(paste("Hist(time, event) ~", rhs))
  fit <- CSC(f, data = d, ties = ties)
  cases <- list()
  for (cause in fit$causes) for (pl in c(TRUE, FALSE)) {
    p <- predictRisk(fit, newdata = d[newrows, , drop = FALSE], times = times, cause = cause, product.limit = pl)
    cases[[length(cases) + 1]] <- list(cause = as.character(cause), productLimit = pl, risk = lapply(seq_along(times), function(k) exact(p[, k])))
  }
  models <- lapply(fit$models, function(m) list(coef = exact(unname(coef(m))), se = exact(unname(sqrt(diag(m$var))))))
  rows <- list(time = exact(d$time), event = as.character(d$event))
  for (v in covariates) rows[[v]] <- if (is.numeric(d[[v]])) exact(d[[v]]) else as.character(d[[v]])
  if (!is.null(strata)) rows$strata <- as.character(d[[strata]])
  write_fixture(paste0("csc-", name), list(note = note, ties = ties, covariates = I(covariates), rows = rows,
    newrows = as.integer(newrows), times = exact(times), causes = as.character(fit$causes), models = unname(models), cases = cases))
  invisible(fit)
}

mg <- mgus2; mg$time <- with(mg, ifelse(pstat == 1, ptime, futime)); mg$event <- with(mg, ifelse(pstat == 1, 1, 2 * death))
mg <- mg[, c("time", "event", "age", "sex")]
mg$sex <- as.character(mg$sex)
newrows <- c(1, 2, 3, 50, 200, 777, 1000, 1384)
times <- c(0.5, 1, 12, 60, 120, 240, 400, 424, 500)
fit <- csc_fixture("mgus2", mg, "age + sex", c("age", "sex"), newrows, times, note = "mgus2: progression (1) vs death (2), age + sex (factor), Efron ties")
# R's print of the fit, without its call (the library prints each cause's model in its own summary format).
writeLines(capture.output(print(fit)), file.path(out, "csc-mgus2-print.txt"))
# ... and with causes named by words (their order and the pattern table's widths follow the labels).
mgl <- mg; mgl$label <- c("0", "progression", "death")[mg$event + 1]
writeLines(capture.output(print(CSC(Hist(time, label, cens.code = "0") ~ age + sex, data = mgl))), file.path(out, "csc-mgus2-labels-print.txt"))
csc_fixture("mgus2-breslow", mg, "age + sex", c("age", "sex"), newrows, times, ties = "breslow", note = "mgus2, Breslow ties")
csc_fixture("mgus2-strata", mg, "age + strata(sex)", c("age"), newrows, times, strata = "sex", note = "mgus2, age, strata(sex)")

set.seed(20261206)
n <- 400
x <- round(rnorm(n), 1); g <- sample(c("a", "b", "c"), n, TRUE)
t1 <- rexp(n, 0.08 * exp(0.5 * x)); t2 <- rexp(n, 0.05 * exp(-0.3 * x + (g == "b"))); t3 <- rexp(n, 0.03); cns <- runif(n, 0, 25)
tt <- pmin(t1, t2, t3, cns)
ev <- ifelse(tt == cns, 0, ifelse(tt == t1, 1, ifelse(tt == t2, 2, 3)))
rd <- data.frame(time = ceiling(tt), event = ev, x = x, g = g)
csc_fixture("random-three-causes", rd, "x + g", c("x", "g"), c(1, 5, 9, 60, 123, 321, 400), c(0.5, 1, 2, 5, 10, 15, 20, 25, 30),
            note = "seeded: three causes, whole-number times (many ties), numeric x and a three-level factor g, Efron ties")
