# Golden fixture for missing values (issue: missing values as R users write them). Writes R's own export of the lung
# data (write.csv: missing values as NA, status coded 1/2 as in R) and what R's survival package computes from it under
# its default na.action (na.omit): Kaplan-Meier by ph.ecog, the log-rank test by ph.ecog, Cox regression with five
# covariates (two of them, meal.cal and wt.loss, with missing values), exponential fits by ph.ecog, and Kaplan-Meier
# without groups (rows missing only in columns not used are kept). Run from the repository root:
#   Rscript tests/Survival.Cli.Tests/Golden/missing-values.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
dir <- "tests/Survival.Cli.Tests/Golden"
write.csv(lung, file.path(dir, "lung.csv"), row.names = FALSE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
# File line of an omitted row: the header is line 1, data row i is line i + 1 (write.csv writes one line a row).
omitted <- function(fit) { na <- fit$na.action; list(count = length(na), lines = I(if (length(na)) unname(as.integer(na)) + 1L else integer())) }

km <- survfit(Surv(time, status) ~ ph.ecog, data = lung)
s <- summary(km)$table
km.json <- list(omitted = omitted(km), groups = sub("ph.ecog=", "", rownames(s)), n = unname(s[, "n.start"]), events = unname(s[, "events"]),
                median = unname(s[, "median"]), lower = unname(s[, "0.95LCL"]), upper = unname(s[, "0.95UCL"]))

km1 <- survfit(Surv(time, status) ~ 1, data = lung)
km1.json <- list(omitted = omitted(km1), n = unname(summary(km1)$table["n.start"]), median = unname(summary(km1)$table["median"]))

lr <- survdiff(Surv(time, status) ~ ph.ecog, data = lung)
lr.json <- list(omitted = omitted(lr), n = unname(as.numeric(lr$n)), observed = unname(lr$obs), expected = unname(lr$exp),
                chisq = unname(lr$chisq), df = length(lr$n) - 1, p = pchisq(lr$chisq, length(lr$n) - 1, lower.tail = FALSE))

cx <- coxph(Surv(time, status) ~ age + sex + ph.ecog + meal.cal + wt.loss, data = lung)
cx.json <- list(omitted = omitted(cx), n = cx$n, events = cx$nevent, names = names(coef(cx)), coef = unname(coef(cx)),
                se = unname(sqrt(diag(vcov(cx)))), loglik = unname(cx$loglik))

ex <- lapply(sort(unique(na.omit(lung$ph.ecog))), function(g) {
  d <- lung[!is.na(lung$ph.ecog) & lung$ph.ecog == g, ]
  f <- survreg(Surv(time, status) ~ 1, data = d, dist = "exponential")
  list(group = as.character(g), n = nrow(d), events = sum(d$status == 2), rate = unname(exp(-coef(f))), loglik = unname(f$loglik[1]))
})
ex.json <- list(omitted = list(count = sum(is.na(lung$ph.ecog)), lines = I(which(is.na(lung$ph.ecog)) + 1L)), fits = ex)

writeLines(toJSON(list(versions = versions, km = km.json, km_all = km1.json, logrank = lr.json, cox = cx.json, exponential = ex.json),
                  auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE), file.path(dir, "lung-missing.json"))
