# Re-analyses the paper reproduction with R's survival package, independently of the library: every number the article
# publishes (Patel et al., Clin Cancer Res, NCT01718743: Figure 2A-F, Supplementary Figure S1, Table 1 and the Results
# text) is recomputed in R from endpoints.csv, compared with the paper (rounding half up at the reported decimals) and
# with the library's own value (targets.csv, written beside it).
#
# The rule for times no whole-day date can give (computed here, independently, and compared with targets.csv): one
# patient's time is a whole number of days / 30.4375, a median or its limit a whole or half number. A published time
# that no such value rounds to is met by the nearest values dates give on either side: its rounding window widened by
# one grain (a day; half a day for a median) on both sides.
#
# Usage: Rscript samples/data/check-targets.R [DIR] [--json FILE]
#   DIR          the reproduction's output folder (default out/paper), holding endpoints.csv and targets.csv
#   --json FILE  also write R's values, the R and survival versions and the MD5 of endpoints.csv as JSON (needs
#                jsonlite): the golden fixture of tests/Survival.Reproduction.Tests
# Exit status 1 if R misses a target under that rule, if R's rule and the library's accepted interval differ, or if R
# and the library's values differ by more than 1e-9 (relative); 0 otherwise.
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
json <- NULL
j <- match("--json", args)
if (!is.na(j)) { json <- args[j + 1]; args <- args[-c(j, j + 1)] }
dir <- if (length(args)) args[1] else file.path("out", "paper")
endpoints <- file.path(dir, "endpoints.csv")
d <- read.csv(endpoints, stringsAsFactors = FALSE, na.strings = "")
targets <- read.csv(file.path(dir, "targets.csv"), stringsAsFactors = FALSE, na.strings = "",
                    colClasses = c(id = "character", where = "character", kind = "character", grain = "character",
                                   attainable = "character", met = "character", verdict = "character"))
targets$attainable <- targets$attainable == "true"

stages <- c("I", "II", "III")
order <- c("CR", "VGPR", "PR", "SD", "PD", "unknown")
rank <- function(r) match(r, order) - 1
v <- list()
median3 <- function(prefix, f) {
  q <- quantile(f, 0.5)
  v[[paste0(prefix, ".median")]] <<- unname(q$quantile)
  v[[paste0(prefix, ".median.lower")]] <<- unname(q$lower)
  v[[paste0(prefix, ".median.upper")]] <<- unname(q$upper)
}
landmark <- function(id, f, t) {
  s <- summary(f, times = t, extend = TRUE)
  v[[id]] <<- 100 * s$surv; v[[paste0(id, ".lower")]] <<- 100 * s$lower; v[[paste0(id, ".upper")]] <<- 100 * s$upper
}
logrank.p <- function(formula, data) {
  s <- survdiff(formula, data = data)
  pchisq(s$chisq, length(s$n) - 1, lower.tail = FALSE)
}

# PFS, all and by cytogenetic risk.
f <- survfit(Surv(pfs_months, pfs_event) ~ 1, d)
median3("pfs.all", f); landmark("pfs.all.s60", f, 60)
for (r in c("standard", "high")) {
  g <- d[d$cytogenetic_risk == r, ]
  f <- survfit(Surv(pfs_months, pfs_event) ~ 1, g)
  v[[paste0("pfs.", r, ".n")]] <- nrow(g)
  median3(paste0("pfs.", r), f); landmark(paste0("pfs.", r, ".s60"), f, 60)
}
v$pfs.risk.p <- logrank.p(Surv(pfs_months, pfs_event) ~ cytogenetic_risk, d)

# PFS by ISS and R-ISS, over the known stages.
k <- d[d$iss_stage %in% stages, ]
v$pfs.iss.p <- logrank.p(Surv(pfs_months, pfs_event) ~ iss_stage, k)
v$pfs.iss3.median <- unname(quantile(survfit(Surv(pfs_months, pfs_event) ~ 1, k[k$iss_stage == "III", ]), 0.5)$quantile)
v$pfs.iss1.median <- unname(quantile(survfit(Surv(pfs_months, pfs_event) ~ 1, k[k$iss_stage == "I", ]), 0.5)$quantile)
v$pfs.riss.p <- logrank.p(Surv(pfs_months, pfs_event) ~ r_iss_stage, d[d$r_iss_stage %in% stages, ])

# OS and follow-up (reverse Kaplan-Meier median; range over patients alive at last contact).
f <- survfit(Surv(os_months, os_event) ~ 1, d)
v$os.deaths <- sum(d$os_event)
v$os.median <- unname(quantile(f, 0.5)$quantile)
landmark("os.s60", f, 60); landmark("os.s36", f, 36)
v$followup.median <- unname(quantile(survfit(Surv(os_months, 1 - os_event) ~ 1, d), 0.5)$quantile)
v$followup.min <- min(d$os_months[d$os_event == 0])
v$followup.max <- max(d$os_months[d$os_event == 0])

# Duration of response, responders only.
r <- d[!is.na(d$dor_months), ]
median3("dor.all", survfit(Surv(dor_months, dor_event) ~ 1, r))
for (g in c("standard", "high")) median3(paste0("dor.", g), survfit(Surv(dor_months, dor_event) ~ 1, r[r$cytogenetic_risk == g, ]))
v$dor.risk.p <- logrank.p(Surv(dor_months, dor_event) ~ cytogenetic_risk, r)
v$dor.iss.p <- logrank.p(Surv(dor_months, dor_event) ~ iss_stage, r[r$iss_stage %in% stages, ])

# Table 1 and the response text.
v$cohort.n <- nrow(d)
v$cohort.age.under60 <- sum(d$age_group == "<60")
v$cohort.female <- sum(d$sex == "female")
for (s in stages) { v[[paste0("cohort.iss.", s)]] <- sum(d$iss_stage == s); v[[paste0("cohort.riss.", s)]] <- sum(d$r_iss_stage == s) }
isotypes <- c(igg.kappa = "IgG-kappa", igg.lambda = "IgG-lambda", iga.kappa = "IgA-kappa", iga.lambda = "IgA-lambda",
              lc.kappa = "kappa-LC", lc.lambda = "lambda-LC")
for (i in names(isotypes)) v[[paste0("cohort.", i)]] <- sum(d$isotype == isotypes[[i]])
for (s in c("CR", "VGPR", "PR", "SD", "PD")) v[[paste0("baseline.", tolower(s))]] <- sum(d$baseline_response == s)
v$baseline.vgpr.rate <- 100 * mean(rank(d$baseline_response) <= 1)
improved <- rank(d$best_response) < rank(d$baseline_response)
v$improved <- sum(improved)
v$best.vgpr.rate <- 100 * mean(rank(d$best_response) <= 1)
v$best.cr.rate <- 100 * mean(d$best_response == "CR")
ttr <- d$months_to_improvement[improved]
v$ttr.median <- median(ttr); v$ttr.min <- min(ttr); v$ttr.max <- max(ttr)
v$progressions <- sum(d$progressed)

# Compare with the paper and with the library.
half.up <- function(x, digits) floor(x * 10^digits + 0.5 + 1e-9) / 10^digits
days.per.month <- 365.25 / 12
grain.days <- function(grain) switch(grain, WholeDays = 1, HalfDays = 0.5, 0)
rounds.to <- function(x, reported, digits) half.up(x, digits) == half.up(reported, digits)
# Whether some whole-day (or half-day) time rounds to the reported value.
attainable <- function(kind, reported, digits, grain) {
  g <- grain.days(grain)
  if (kind != "Rounded" || g == 0) return(TRUE)
  half <- 0.5 * 10^-digits
  k <- seq(floor((reported - half) * days.per.month / g) - 1, ceiling((reported + half) * days.per.month / g) + 1)
  any(rounds.to(k * g / days.per.month, reported, digits))
}
# The accepted interval of a Rounded target: the rounding window, widened by one grain when dates cannot meet it.
accepted <- function(reported, digits, grain, can) {
  w <- if (can) 0 else grain.days(grain) / days.per.month
  c(reported - 0.5 * 10^-digits - w, reported + 0.5 * 10^-digits + w)
}
meets <- function(kind, reported, digits, x) switch(kind,
  NotReached = is.na(x),
  AtLeast = !is.na(x) && x >= reported,
  Below = !is.na(x) && x < reported,
  Count = !is.na(x) && x == reported,
  Rounded = !is.na(x) && half.up(x, digits) == half.up(reported, digits))
cat("R", R.version$major, R.version$minor, "survival", as.character(packageVersion("survival")), "\n")
cat(sprintf("%-28s %10s %14s %14s  %-12s %s\n", "target", "paper", "R", "library", "R meets", "R = library"))
missing <- setdiff(targets$id, names(v))
if (length(missing)) stop("no R computation for: ", paste(missing, collapse = ", "))
nmet <- 0; nnearest <- 0; missed <- 0; differ <- 0
for (i in seq_len(nrow(targets))) {
  t <- targets[i, ]
  x <- v[[t$id]]; x <- if (length(x) == 0) NA_real_ else as.numeric(x)
  lib <- as.numeric(t$reproduced)
  can <- attainable(t$kind, t$reported, t$decimals, t$grain)
  exact <- meets(t$kind, t$reported, t$decimals, x)
  met <- exact
  rule.same <- can == t$attainable
  if (t$kind == "Rounded") {
    w <- accepted(t$reported, t$decimals, t$grain, can)
    rule.same <- rule.same && abs(w[1] - t$accepted_lower) < 1e-12 && abs(w[2] - t$accepted_upper) < 1e-12
    if (!exact && !can) met <- !is.na(x) && x >= w[1] && x <= w[2]
  }
  if (!rule.same) { cat("the library's rule for", t$id, "differs from R's\n"); differ <- differ + 1 }
  verdict <- if (!met) "NO" else if (exact) "yes" else "nearest"
  if (verdict != t$verdict) { cat("R's verdict on", t$id, "is", verdict, "and the library's", t$verdict, "\n"); differ <- differ + 1 }
  same <- (is.na(x) && is.na(lib)) || (!is.na(x) && !is.na(lib) && abs(x - lib) <= 1e-9 * max(1, abs(x)))
  nmet <- nmet + met
  nnearest <- nnearest + (met && !exact)
  if (!met) missed <- missed + 1
  if (!same) differ <- differ + 1
  show <- function(y) if (is.na(y)) "NR" else format(round(y, 6), nsmall = 2)
  paper <- switch(t$kind, NotReached = "NR", AtLeast = paste(">=", t$reported), Below = paste("<", t$reported), format(t$reported))
  cat(sprintf("%-28s %10s %14s %14s  %-12s %s\n", t$id, paper, show(x), show(lib), verdict, if (same) "yes" else "NO"))
}
cat(sprintf("R meets %d of %d targets (%d at the nearest value whole-day dates allow); %d missed; R and the library differ on %d\n",
            nmet, nrow(targets), nnearest, missed, differ))
if (!is.null(json)) {
  values <- lapply(v, function(x) if (length(x) == 0 || is.na(x)) NULL else unname(x))
  jsonlite::write_json(list(r = paste(R.version$major, R.version$minor, sep = "."),
                            survival = as.character(packageVersion("survival")),
                            endpoints_md5 = unname(tools::md5sum(endpoints)),
                            values = values), json, auto_unbox = TRUE, digits = NA, null = "null", pretty = TRUE)
  cat("wrote", json, "\n")
}
quit(status = if (missed > 0 || differ > 0) 1 else 0)
