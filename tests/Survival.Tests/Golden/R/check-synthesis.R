# R re-analyses a cohort written by `survival synthesize` and checks it against the targets file, target by target.
# Usage: Rscript tests/Survival.Tests/Golden/R/check-synthesis.R targets.json cohort.csv
# Prints one line per target (name, published, R's value, met) and "K of N targets met (R <version>, survival <version>)";
# exits 1 when a target the file gives is missed by R's analysis. Each statistic is R's default call: survfit (conf.type
# from the file), quantile/summary(times =), survdiff, coxph (Efron), and the reverse Kaplan-Meier for follow-up.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: check-synthesis.R targets.json cohort.csv")
tg <- fromJSON(args[1], simplifyVector = FALSE)
d <- read.csv(args[2], stringsAsFactors = FALSE)
conf_type <- if (is.null(tg$confType)) "log" else tg$confType
conf_level <- if (is.null(tg$confLevel)) 0.95 else tg$confLevel
levels <- vapply(tg$groups, function(g) g$name, "")
d$group <- factor(d$group, levels = levels)
half_up <- function(x, k) sign(x) * floor(abs(x) * 10^k + 0.5) / 10^k
decimals_of <- function(x) { s <- format(x, scientific = FALSE); if (grepl(".", s, fixed = TRUE)) nchar(sub(".*\\.", "", s)) else 0 }
met <- function(published, value, k) {
  if (is.character(published)) {
    if (toupper(published) == "NR") return(is.na(value))
    return(!is.na(value) && value < as.numeric(sub("<", "", gsub(" ", "", published))))
  }
  if (is.null(k)) k <- decimals_of(published)
  !is.na(value) && half_up(value, k) == half_up(published, k)
}
rows <- list()
add <- function(name, published, value, k) rows[[length(rows) + 1]] <<- data.frame(name = name,
  published = as.character(published), r = ifelse(is.na(value), "NA", format(signif(value, 6))), met = met(published, value, k))
fit <- survfit(Surv(time, event) ~ group, data = d, conf.type = conf_type, conf.int = conf_level)
tab <- summary(fit)$table
for (i in seq_along(tg$groups)) {
  g <- tg$groups[[i]]; p <- sprintf("groups[%d]", i - 1)
  add(paste0(p, ".n"), g$n, tab[i, "n.max"], 0)
  if (!is.null(g$events)) add(paste0(p, ".events"), g$events, tab[i, "events"], 0)
  if (!is.null(g$median)) {
    q <- quantile(fit[i], 0.5)
    vals <- c(estimate = unname(q$quantile), lower = unname(q$lower), upper = unname(q$upper))
    for (f in c("estimate", "lower", "upper")) if (!is.null(g$median[[f]])) add(sprintf("%s.median.%s", p, f), g$median[[f]], vals[[f]], g$median$decimals)
  }
  for (member in c("survivalAt", "incidenceAt")) for (j in seq_along(g[[member]])) {
    l <- g[[member]][[j]]
    s <- summary(fit[i], times = l$time, extend = TRUE)
    vals <- if (member == "survivalAt") c(estimate = s$surv, lower = s$lower, upper = s$upper) else c(estimate = 1 - s$surv, lower = 1 - s$upper, upper = 1 - s$lower)
    for (f in c("estimate", "lower", "upper")) if (!is.null(l[[f]])) add(sprintf("%s.%s[%d].%s", p, member, j - 1, f), l[[f]], vals[[f]], l$decimals)
  }
  for (j in seq_along(g$atRisk)) {
    a <- g$atRisk[[j]]
    add(sprintf("%s.atRisk[%d]", p, j - 1), a$n, summary(fit[i], times = a$time, extend = TRUE)$n.risk, 0)
  }
}
for (j in seq_along(tg$comparisons)) {
  c <- tg$comparisons[[j]]; p <- sprintf("comparisons[%d]", j - 1)
  if (c$test == "logrank") {
    sub <- d[d$group %in% unlist(c$groups), ]; sub$group <- droplevels(sub$group)
    lr <- survdiff(Surv(time, event) ~ group, data = sub)
    if (!is.null(c$pValue)) add(paste0(p, ".pValue"), c$pValue, pchisq(lr$chisq, length(unlist(c$groups)) - 1, lower.tail = FALSE), c$decimals)
  } else {
    sub <- d[d$group %in% c(c$reference, c$group), ]; sub$group <- factor(as.character(sub$group), levels = c(c$reference, c$group))
    cx <- summary(coxph(Surv(time, event) ~ group, data = sub), conf.int = conf_level)
    vals <- c(hazardRatio = cx$conf.int[1, 1], lower = cx$conf.int[1, 3], upper = cx$conf.int[1, 4], pValue = cx$coefficients[1, 5])
    for (f in names(vals)) if (!is.null(c[[f]])) add(paste0(p, ".", f), c[[f]], vals[[f]], c$decimals)
  }
}
if (!is.null(tg$followUp$median)) {
  rev <- survfit(Surv(time, 1 - event) ~ 1, data = d)
  add("followUp.median", tg$followUp$median, unname(summary(rev)$table["median"]), tg$followUp$decimals)
}
out <- do.call(rbind, rows)
print(out, row.names = FALSE)
cat(sprintf("%d of %d targets met (%s, survival %s)\n", sum(out$met), nrow(out), R.version.string, packageVersion("survival")))
if (!all(out$met)) quit(status = 1)
