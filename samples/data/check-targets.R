# Re-analyses the reproduction's endpoints.csv with R survival and prints the paper's survival targets beside R's values.
# Usage: Rscript samples/data/check-targets.R out/paper/endpoints.csv
suppressPackageStartupMessages(library(survival))
args <- commandArgs(trailingOnly = TRUE)
d <- read.csv(if (length(args)) args[1] else "out/paper/endpoints.csv")
cat("R", R.version$major, R.version$minor, "survival", as.character(packageVersion("survival")), "\n")
med <- function(f) { q <- quantile(f, 0.5); c(q$quantile, q$lower, q$upper) }
at <- function(f, t) { s <- summary(f, times = t, extend = TRUE); 100 * c(s$surv, s$lower, s$upper) }
p <- function(fm, data) { s <- survdiff(fm, data = data); pchisq(s$chisq, length(s$n) - 1, lower.tail = FALSE) }
out <- list()
f <- survfit(Surv(pfs_months, pfs_event) ~ 1, d); out$pfs.all.median <- med(f); out$pfs.all.s60 <- at(f, 60)
for (r in c("standard", "high")) { f <- survfit(Surv(pfs_months, pfs_event) ~ 1, d[d$cytogenetic_risk == r, ])
  out[[paste0("pfs.", r, ".median")]] <- med(f); out[[paste0("pfs.", r, ".s60")]] <- at(f, 60) }
out$pfs.risk.p <- p(Surv(pfs_months, pfs_event) ~ cytogenetic_risk, d)
k <- d[d$iss_stage != "unknown", ]; out$pfs.iss.p <- p(Surv(pfs_months, pfs_event) ~ iss_stage, k)
out$pfs.iss3.median <- med(survfit(Surv(pfs_months, pfs_event) ~ 1, k[k$iss_stage == "III", ]))
out$pfs.iss1.median <- med(survfit(Surv(pfs_months, pfs_event) ~ 1, k[k$iss_stage == "I", ]))
kr <- d[d$r_iss_stage != "unknown", ]; out$pfs.riss.p <- p(Surv(pfs_months, pfs_event) ~ r_iss_stage, kr)
f <- survfit(Surv(os_months, os_event) ~ 1, d); out$os.deaths <- sum(d$os_event); out$os.median <- med(f)
out$os.s60 <- at(f, 60); out$os.s36 <- at(f, 36)
out$followup.median <- med(survfit(Surv(os_months, 1 - os_event) ~ 1, d))
out$followup.range <- range(d$os_months[d$os_event == 0])
r <- d[!is.na(d$dor_months), ]
out$dor.all.median <- med(survfit(Surv(dor_months, dor_event) ~ 1, r))
for (g in c("standard", "high")) out[[paste0("dor.", g, ".median")]] <- med(survfit(Surv(dor_months, dor_event) ~ 1, r[r$cytogenetic_risk == g, ]))
out$dor.risk.p <- p(Surv(dor_months, dor_event) ~ cytogenetic_risk, r)
out$dor.iss.p <- p(Surv(dor_months, dor_event) ~ iss_stage, r[r$iss_stage != "unknown", ])
for (n in names(out)) cat(sprintf("%-20s %s\n", n, paste(format(round(out[[n]], 4), nsmall = 2), collapse = "  ")))
