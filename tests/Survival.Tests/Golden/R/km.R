# Golden fixtures for Kaplan–Meier (R survival survfit, summary, quantile, print rmean).
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/km.R
# Writes tests/Survival.Tests/Golden/fixtures/km/*.json; every file records the R and survival versions.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/km"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
nul <- function(x) { x <- as.numeric(x); ifelse(is.finite(x), x, NA) }

curve_json <- function(f, times, rmean_tau) {
  sm <- summary(f, censored = TRUE)
  q <- quantile(f, probs = c(0.1, 0.25, 0.5, 0.75, 0.9))
  at <- summary(f, times = times, extend = TRUE)
  rm <- if (!is.null(rmean_tau)) summary(f, rmean = rmean_tau)$table else NULL
  list(
    n = as.numeric(f$n),
    steps = data.frame(time = f$time, atRisk = f$n.risk, events = f$n.event, censored = f$n.censor,
                       survival = f$surv, stdErr = nul(if (isTRUE(f$logse)) f$std.err * f$surv else f$std.err),
                       lower = nul(f$lower), upper = nul(f$upper),
                       cumHaz = f$cumhaz, cumHazStdErr = nul(f$std.chaz)),
    quantiles = data.frame(p = c(0.1, 0.25, 0.5, 0.75, 0.9), estimate = nul(q$quantile),
                           lower = nul(q$lower), upper = nul(q$upper)),
    at = data.frame(time = at$time, atRisk = at$n.risk, events = at$n.event, censored = at$n.censor,
                    survival = at$surv, stdErr = nul(at$std.err), lower = nul(at$lower), upper = nul(at$upper)),
    rmean = if (is.null(rm)) NULL else list(tau = rmean_tau, estimate = unname(rm["rmean"]), stdErr = unname(rm["se(rmean)"]))
  )
}

# robust: FALSE (Greenwood), TRUE, or NULL (R's default rule: robust for fractional weights or an id with repeated events).
write_case <- function(name, d, conf.type = "log", conf.int = 0.95, times = c(0, 1, 5, 10, 100), rmean_tau = NULL, timefix = TRUE,
                       robust = FALSE) {
  has_entry <- !is.null(d$entry); has_w <- !is.null(d$weight); has_g <- !is.null(d$group); has_s <- !is.null(d$strata)
  has_id <- !is.null(d$id)
  y <- if (has_entry) Surv(d$entry, d$time, d$status) else Surv(d$time, d$status)
  w <- if (has_w) d$weight else NULL
  rhs <- if (has_g && has_s) "d$group + d$strata" else if (has_g) "d$group" else if (has_s) "d$strata" else "1"
  fml <- as.formula(paste("y ~", rhs))
  f <- if (has_id) survfit(fml, weights = w, conf.type = conf.type, conf.int = conf.int, timefix = timefix, robust = robust, id = d$id)
       else survfit(fml, weights = w, conf.type = conf.type, conf.int = conf.int, timefix = timefix, robust = robust)
  label <- function(i, key) { parts <- strsplit(names(f$strata)[i], ", ")[[1]]; hit <- grep(paste0("^d\\$", key, "="), parts, value = TRUE)
                              if (length(hit)) sub(paste0("^d\\$", key, "="), "", hit) else NULL }
  curves <- if (has_g || has_s) lapply(seq_along(f$strata), function(i) c(list(group = label(i, "group"), stratum = label(i, "strata")),
                                                               curve_json(f[i], times, rmean_tau)))
            else list(c(list(group = NULL), curve_json(f, times, rmean_tau)))
  # Inputs as exact decimal strings (jsonlite prints at most 15 significant digits).
  exact <- function(x) I(sprintf("%.17g", x))
  input <- list(time = exact(d$time), status = as.integer(d$status))
  if (has_entry) input$entry <- exact(d$entry)
  if (has_w) input$weight <- exact(d$weight)
  if (has_g) input$group <- as.character(d$group)
  if (has_s) input$strata <- as.character(d$strata)
  if (has_id) input$id <- as.character(d$id)
  js <- list(name = name, versions = versions, confType = conf.type, confLevel = conf.int, timefix = timefix,
             robust = if (is.null(robust)) "default" else if (robust) "true" else "false",
             times = times, input = input, curves = curves)
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE),
             file.path(out, paste0(name, ".json")))
}

set.seed(20261123)
small <- list(time = c(6, 3, 3, 9, 1, 12, 9, 3, 15, 7), status = c(1, 0, 1, 1, 1, 0, 0, 1, 1, 0))
for (ct in c("plain", "log", "log-log", "logit", "arcsin"))
  for (lv in c(0.9, 0.95, 0.99))
    write_case(sprintf("small_%s_%02d", gsub("-", "", ct), round(lv * 100)), small, ct, lv, times = c(0, 3, 5, 9, 20), rmean_tau = 12)

aml2 <- aml; aml2$group <- as.character(aml2$x)
write_case("aml_groups", list(time = aml2$time, status = aml2$status, group = aml2$group), times = c(0, 10, 25, 50, 200), rmean_tau = 40)
write_case("lung_loglog", list(time = lung$time, status = lung$status - 1), "log-log", times = c(0, 100, 365, 730, 2000), rmean_tau = 700)
write_case("lung_sex", list(time = lung$time, status = lung$status - 1, group = ifelse(lung$sex == 1, "male", "female")), times = c(180, 365, 1000))
write_case("veteran_celltype", list(time = veteran$time, status = veteran$status, group = as.character(veteran$celltype)), times = c(30, 90, 365))
write_case("all_censored", list(time = c(2, 4, 4, 8), status = c(0, 0, 0, 0)), times = c(0, 3, 10))
write_case("single_row", list(time = 5, status = 1), times = c(0, 5, 6))
write_case("single_censored", list(time = 5, status = 0), times = c(0, 5, 6))
write_case("time_zero", list(time = c(0, 0, 1, 2, 2), status = c(1, 0, 1, 0, 1)), times = c(0, 1, 3))
write_case("no_censoring_ties", list(time = c(1, 1, 2, 2, 2, 3, 4, 4), status = rep(1, 8)), times = c(0, 2, 4, 5), rmean_tau = 4)
write_case("median_on_flat", list(time = c(1, 2, 3, 4, 5, 6), status = c(1, 1, 1, 0, 1, 1)), times = c(3, 6))
heavy <- list(time = round(rexp(60, 1 / 20), 1), status = rbinom(60, 1, 0.25))
write_case("heavy_censoring", heavy, times = c(0, 10, 30, 60, 500))
# Whole-number (frequency) weights: R's default variance is Greenwood's on the weighted counts.
write_case("weighted", list(time = c(1, 2, 2, 3, 4, 5, 7), status = c(1, 1, 0, 1, 1, 0, 1), weight = c(1, 2, 1, 3, 1, 2, 1)),
           times = c(0, 2, 4, 10), rmean_tau = 6)
# Fractional weights: R switches to a robust (infinitesimal-jackknife) variance by default; the Greenwood
# variance this library reports is R's robust = FALSE.
write_case("weighted_fractional_greenwood", list(time = c(1, 2, 2, 3, 4, 5, 7), status = c(1, 1, 0, 1, 1, 0, 1),
           weight = c(1, 2.5, 1, 3, 0.5, 2, 1)), times = c(0, 2, 4, 10), rmean_tau = 6, robust = FALSE)
write_case("delayed_entry", list(entry = c(0, 0, 1, 2, 0.5, 3, 1), time = c(2, 3, 4, 5, 6, 7, 8), status = c(1, 0, 1, 1, 0, 1, 1)),
           times = c(1, 4, 9))
write_case("near_ties", list(time = c(0.1 + 0.2, 0.3, 0.3 + 1e-12, 0.7, 1.1, 1.1 + 1e-10), status = c(1, 1, 0, 1, 1, 0)), times = c(0.3, 1))
write_case("near_ties_off", list(time = c(0.1 + 0.2, 0.3, 0.3 + 1e-12, 0.7, 1.1, 1.1 + 1e-10), status = c(1, 1, 0, 1, 1, 0)),
           times = c(0.3, 1), timefix = FALSE)
grp <- list(time = round(rexp(40, 1 / 10), 2), status = rbinom(40, 1, 0.7), group = sample(c("b", "a", "c"), 40, TRUE))
write_case("random_groups_logit", grp, "logit", 0.9, times = c(1, 5, 10, 40))

# R's default variance (robust = NULL) with fractional case weights: the infinitesimal jackknife, including where the
# curve reaches 0 (standard error 0); with delayed entry; with groups and strata; with an id whose subjects have several
# rows (clustered); and a whole-number-weight case where the default stays Greenwood.
frac <- list(time = c(1, 2, 2, 3, 4, 5, 5, 6), status = c(1, 1, 0, 1, 1, 0, 1, 1), weight = c(0.5, 1.2, 2, 0.37, 1, 2.9, 1, 0.7))
for (ct in c("log", "plain", "log-log")) write_case(sprintf("robust_fractional_%s", gsub("-", "", ct)), frac, ct, times = c(0, 2, 5, 7), robust = NULL)
rw <- list(time = round(rexp(80, 1 / 10), 1), status = rbinom(80, 1, 0.7), weight = round(runif(80, 0.2, 3), 2),
           group = sample(c("a", "b"), 80, TRUE), strata = sample(c("x", "y"), 80, TRUE))
write_case("robust_groups_strata", rw, times = c(1, 5, 10, 30), robust = NULL)
re <- list(entry = round(runif(60, 0, 4), 1), status = rbinom(60, 1, 0.6), weight = round(runif(60, 0.1, 2.5), 2))
re$time <- re$entry + round(rexp(60, 1 / 8), 1) + 0.1
write_case("robust_delayed_entry", re, times = c(2, 6, 12), robust = NULL)
# Intervals of one id are not contiguous: R counts the end of a contiguous interval as no censoring (its counting-process
# bookkeeping), which this library does not model yet.
rid <- list(entry = c(0, 3.5, 0, 2.5, 5.5, 0, 0, 4.5, 0, 1), time = c(3, 7, 2, 5, 9, 4, 4, 8, 6, 3),
            status = c(1, 1, 1, 0, 1, 1, 0, 1, 1, 1), id = c("p1", "p1", "p2", "p2", "p2", "p3", "p4", "p4", "p5", "p6"))
write_case("robust_id_clusters", rid, times = c(1, 4, 8), robust = NULL)
write_case("robust_forced_whole_weights", list(time = c(1, 2, 2, 3, 4, 5, 7), status = c(1, 1, 0, 1, 1, 0, 1), weight = c(1, 2, 1, 3, 1, 2, 1)),
           times = c(0, 2, 4, 10), robust = TRUE)
write_case("default_whole_weights", list(time = c(1, 2, 2, 3, 4, 5, 7), status = c(1, 1, 0, 1, 1, 0, 1), weight = c(1, 2, 1, 3, 1, 2, 1)),
           times = c(0, 2, 4, 10), robust = NULL)
# Kaplan-Meier by groups within strata, Greenwood.
gs <- list(time = round(rexp(70, 1 / 12), 1), status = rbinom(70, 1, 0.65), group = sample(c("arm1", "arm2", "arm3"), 70, TRUE),
           strata = sample(c("site1", "site2"), 70, TRUE))
write_case("groups_within_strata", gs, times = c(2, 8, 20))
write_case("strata_only", list(time = gs$time, status = gs$status, strata = gs$strata), times = c(2, 8, 20))
cat("wrote", length(list.files(out)), "fixtures to", out, "\n")
