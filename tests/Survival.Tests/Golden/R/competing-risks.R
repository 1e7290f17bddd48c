# Golden fixtures for competing risks (issue 18): Aalen-Johansen cumulative incidence from survfit with a factor status
# (infinitesimal-jackknife standard errors, log limits), Gray's test and Fine-Gray regression from cmprsk.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/competing-risks.R
suppressPackageStartupMessages({ library(survival); library(cmprsk); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/competing-risks"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
                 cmprsk = as.character(packageVersion("cmprsk")))
exact <- function(x) I(sprintf("%.17g", x))

# d: columns time, status (0 = censored, else a cause label), optional entry, weight, group, strata.
write_case <- function(name, d, times, covariates = character(), cause = NULL) {
  lev <- c("0", sort(setdiff(unique(as.character(d$status)), "0")))
  d$fs <- factor(as.character(d$status), levels = lev)
  lhs <- if (!is.null(d$entry)) "Surv(entry, time, fs)" else "Surv(time, fs)"
  rhs <- if (!is.null(d$group)) "group" else "1"
  args <- list(formula = as.formula(paste(lhs, "~", rhs)), data = d)
  if (!is.null(d$weight)) args$weights <- d$weight
  if (!is.null(d$entry)) { d$id <- seq_len(nrow(d)); args$data <- d; args$id <- quote(id) }
  f <- do.call(survfit, args)
  groups <- if (is.null(f$strata)) "all" else sub("^group=", "", names(f$strata))
  sizes <- if (is.null(f$strata)) length(f$time) else f$strata
  idx <- rep(seq_along(groups), sizes)
  curves <- list()
  s <- summary(f, times = times, extend = TRUE)
  sidx <- if (is.null(s$strata)) rep(1, length(s$time)) else as.integer(s$strata)
  for (g in seq_along(groups)) for (k in seq_along(lev)[-1]) {
    rows <- idx == g; srows <- sidx == g
    curves[[length(curves) + 1]] <- list(group = groups[g], cause = lev[k], time = f$time[rows], atRisk = f$n.risk[rows, 1],
      estimate = f$pstate[rows, k], stdErr = f$std.err[rows, k], lower = f$lower[rows, k], upper = f$upper[rows, k],
      at = list(time = s$time[srows], estimate = s$pstate[srows, k], stdErr = s$std.err[srows, k], lower = s$lower[srows, k], upper = s$upper[srows, k]),
      eventFree = list(estimate = f$pstate[rows, 1], stdErr = f$std.err[rows, 1]))
  }
  js <- list(name = name, versions = versions, times = times, causes = lev[-1],
             input = list(time = exact(d$time), status = as.character(d$status)))
  if (!is.null(d$entry)) js$input$entry <- exact(d$entry)
  if (!is.null(d$weight)) js$input$weight <- exact(d$weight)
  if (!is.null(d$group)) js$input$group <- as.character(d$group)
  if (!is.null(d$strata)) js$input$strata <- as.character(d$strata)
  js$curves <- curves
  # R's printout of the fit (print.survfitms: n, nevent, rmean per group and state), curves named by the group's level
  # as the library names them, without the call line: what CumulativeIncidenceResult.ToString() prints.
  pf <- f; pf$call <- NULL
  if (!is.null(pf$strata)) names(pf$strata) <- sub("^group=", "", names(pf$strata))
  js$print <- paste(capture.output(print(pf)), collapse = "\n")
  # Gray's test (cmprsk::cuminc; no weights or delayed entry there).
  if (!is.null(d$group) && is.null(d$entry) && is.null(d$weight)) {
    ci <- if (is.null(d$strata)) cuminc(d$time, as.character(d$status), d$group, cencode = "0")
          else cuminc(d$time, as.character(d$status), d$group, strata = d$strata, cencode = "0")
    js$gray <- list(cause = rownames(ci$Tests), stat = unname(ci$Tests[, "stat"]), pv = unname(ci$Tests[, "pv"]), df = unname(ci$Tests[, "df"]))
  }
  for (v in covariates) js$input[[v]] <- exact(d[[v]])
  if (length(covariates) > 0) {
    fg <- crr(d$time, as.character(d$status), as.matrix(d[, covariates, drop = FALSE]), failcode = cause, cencode = "0")
    sm <- summary(fg)
    js$crr <- list(cause = cause, covariates = covariates, coef = unname(fg$coef), se = unname(sqrt(diag(fg$var))),
                   loglik = fg$loglik, loglikNull = fg$loglik.null, converged = fg$converged,
                   lower = unname(sm$conf.int[, 3]), upper = unname(sm$conf.int[, 4]), p = unname(2 * (1 - pnorm(abs(fg$coef / sqrt(diag(fg$var)))))))
  }
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, paste0(name, ".json")))
}

# mgus2: progression to plasma-cell malignancy (pcm) or death first, by sex.
m <- mgus2
m$time <- with(m, ifelse(pstat == 0, futime, ptime)); m$status <- with(m, ifelse(pstat == 0, ifelse(death == 1, "death", "0"), "pcm"))
m$group <- as.character(m$sex); m$male <- as.numeric(m$sex == "M")
m <- m[!is.na(m$hgb), ]
write_case("mgus2_by_sex", m[, c("time", "status", "group", "age", "male", "hgb")], times = c(60, 120, 240, 400),
           covariates = c("age", "male", "hgb"), cause = "pcm")
write_case("mgus2_death", m[, c("time", "status", "age", "male")], times = c(100, 200), covariates = c("age", "male"), cause = "death")

# Random data: tied times, three causes, groups and strata; delayed entry; weights.
set.seed(18)
n <- 150
r <- data.frame(time = round(rexp(n, 0.1), 0) + 1, status = sample(c("0", "a", "b", "c"), n, TRUE, c(0.3, 0.3, 0.25, 0.15)),
                group = sample(c("x", "y", "z"), n, TRUE), strata = sample(c("s1", "s2"), n, TRUE), z1 = rnorm(n), z2 = rbinom(n, 1, 0.5))
write_case("random_groups_strata", r[, c("time", "status", "group", "strata", "z1", "z2")], times = c(2, 5, 10, 30),
           covariates = c("z1", "z2"), cause = "b")
re <- r; re$entry <- ifelse(seq_len(n) %% 3 == 0, pmax(0, re$time - round(runif(n, 1, 5))), 0); re$entry <- pmin(re$entry, re$time - 0.5)
write_case("random_entry", re[, c("entry", "time", "status", "group")], times = c(3, 8, 20))
rw <- r; rw$weight <- round(runif(n, 0.5, 3), 2)
write_case("random_weights", rw[, c("time", "status", "group", "weight")], times = c(3, 8, 20))
one <- r; one$status <- ifelse(one$status == "0", "0", "event")
write_case("one_cause", one[, c("time", "status", "group")], times = c(5, 15))
cat("wrote", length(list.files(out)), "fixtures\n")

# R's finegray() weighted (start, stop] data on mgus2 for pcm, and coxph on it (the route survival's vignette takes).
fgd <- data.frame(time = m$time, status = factor(m$status, levels = c("0", "death", "pcm")), age = m$age, male = m$male)
fg <- finegray(Surv(time, status) ~ ., data = fgd, etype = "pcm")
fgfit <- coxph(Surv(fgstart, fgstop, fgstatus) ~ age + male, weights = fgwt, data = fg)
js <- list(name = "mgus2_finegray", versions = versions, cause = "pcm",
           input = list(time = exact(m$time), status = as.character(m$status), age = exact(m$age), male = exact(m$male)),
           rows = list(start = exact(fg$fgstart), stop = exact(fg$fgstop), status = fg$fgstatus, weight = exact(fg$fgwt),
                       age = exact(fg$age)),
           coef = unname(coef(fgfit)), se = unname(sqrt(diag(fgfit$naive.var))), robustSe = unname(sqrt(diag(fgfit$var))))
dir.create(file.path(out, "..", "finegray"), showWarnings = FALSE)
writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null"), file.path(out, "..", "finegray", "mgus2_finegray.json"))
