# Published-style targets computed by R from R's public data, for checking cohorts against targets (issue 29).
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/synthesis-targets.R
# Writes tests/Survival.Tests/Golden/fixtures/synthesis/<name>.json: the patients (input) and the targets file a paper
# would give for them, each number rounded as printed (half away from zero): medians and limits to whole days (NR when R gives NA), survival
# at 365 days with limits to 3 decimals, numbers at risk at 0, 250 and 500 days, the median follow-up (reverse
# Kaplan-Meier), the log-rank P to 4 decimals ("<0.001" below 0.001) and coxph's hazard ratio, limits and Wald P to 3.
# Every file records the R and survival versions.
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/synthesis"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
# Half away from zero, as papers round (R's round() rounds half to even: 52.5 -> 52).
half_up <- function(x, d) sign(x) * floor(abs(x) * 10^d + 0.5) / 10^d
printed <- function(x, d) if (is.na(x)) "NR" else half_up(x, d)
p_printed <- function(p, d) if (p < 0.001) "<0.001" else half_up(p, d)

write_case <- function(name, d, levels, conf_type = "log", landmark = 365, risk_times = c(0, 250, 500),
                       constraints = list(maxTime = max(d$time))) {
  d$group <- factor(d$group, levels = levels)
  fit <- survfit(Surv(time, status) ~ group, data = d, conf.type = conf_type)
  tab <- summary(fit)$table
  at365 <- summary(fit, times = landmark, extend = TRUE)
  risk <- summary(fit, times = risk_times, extend = TRUE)
  groups <- lapply(seq_along(levels), function(i) {
    s <- names(fit$strata)[i]
    list(name = levels[i], n = unname(tab[i, "n.max"]), events = unname(tab[i, "events"]),
         median = list(estimate = printed(tab[i, "median"], 0), lower = printed(tab[i, "0.95LCL"], 0),
                       upper = printed(tab[i, "0.95UCL"], 0), decimals = 0),
         survivalAt = list(list(time = landmark, estimate = half_up(at365$surv[i], 3), lower = half_up(at365$lower[i], 3),
                                upper = half_up(at365$upper[i], 3), decimals = 3)),
         atRisk = lapply(which(risk$strata == s), function(k) list(time = risk$time[k], n = risk$n.risk[k])))
  })
  lr <- survdiff(Surv(time, status) ~ group, data = d)
  p_lr <- pchisq(lr$chisq, length(levels) - 1, lower.tail = FALSE)
  cox <- summary(coxph(Surv(time, status) ~ group, data = d))
  reverse <- survfit(Surv(time, 1 - status) ~ 1, data = d)
  targets <- list(timeUnit = "days", confType = conf_type, confLevel = 0.95, groups = groups,
    comparisons = list(
      list(test = "logrank", groups = levels, pValue = p_printed(p_lr, 4), decimals = 4),
      list(test = "cox", reference = levels[1], group = levels[2], hazardRatio = half_up(cox$conf.int[1, "exp(coef)"], 3),
           lower = half_up(cox$conf.int[1, "lower .95"], 3), upper = half_up(cox$conf.int[1, "upper .95"], 3),
           pValue = p_printed(cox$coefficients[1, "Pr(>|z|)"], 3), decimals = 3)),
    followUp = list(median = printed(unname(summary(reverse)$table["median"]), 0), decimals = 0),
    constraints = constraints)
  write_json(list(name = name, versions = versions, input = list(time = d$time, status = d$status, group = as.character(d$group)),
                  targets = targets), file.path(out, paste0(name, ".json")), digits = NA, auto_unbox = TRUE, pretty = TRUE)
}

lung2 <- data.frame(time = lung$time, status = lung$status - 1, group = ifelse(lung$sex == 1, "male", "female"))
write_case("lung_sex", lung2, c("male", "female"))
vet <- data.frame(time = veteran$time, status = veteran$status, group = ifelse(veteran$trt == 1, "standard", "test"))
write_case("veteran_trt", vet, c("standard", "test"), conf_type = "log-log")
cell <- veteran[veteran$celltype %in% c("squamous", "smallcell"), ]
write_case("veteran_celltype", data.frame(time = cell$time, status = cell$status, group = as.character(cell$celltype)), c("squamous", "smallcell"))

# colon (death, etype 2): observation vs levamisole + 5-FU, 5-year landmark.
col <- colon[colon$etype == 2 & colon$rx %in% c("Obs", "Lev+5FU"), ]
write_case("colon_rx", data.frame(time = col$time, status = col$status, group = as.character(col$rx)), c("Obs", "Lev+5FU"),
           landmark = 1826, risk_times = c(0, 1000, 2000))

# A simulated two-arm trial of 150 patients like the issue's example: exponential survival with medians 270 and 400
# days, uniform accrual over 540 days, data cut-off 1000 days after the first entry, and 6 patients lost to follow-up
# at a uniform time before it; times in whole days (rounded up).
set.seed(20261204)
n <- 150
arm <- rep(c("control", "experimental"), each = n / 2)
event_time <- rexp(n, rate = log(2) / ifelse(arm == "control", 270, 400))
entry <- runif(n, 0, 540)
admin <- 1000 - entry
lost <- seq_len(n) %in% sample(n, 6)
loss_time <- ifelse(lost, runif(n, 0, admin), Inf)
observed <- pmin(event_time, admin, loss_time)
status <- as.integer(event_time <= pmin(admin, loss_time))
time <- pmax(1, ceiling(observed))
lost_count <- sum(status == 0 & loss_time < admin)
write_case("simulated_150", data.frame(time = time, status = status, group = arm), c("control", "experimental"),
           constraints = list(maxTime = 1000, accrual = 540, cutOff = 1000, lostToFollowUp = lost_count))
