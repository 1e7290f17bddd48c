# Golden fixtures for model assessment (issue 32): survival::concordance with each timewt (n, S, S/G, n/G2, I), a
# horizon (ymax), reverse, strata, case weights and clusters; riskRegression::Score's time-dependent AUC and Brier score
# with Kaplan-Meier IPCW (estimates, standard errors, limits, the null model, IBS) for survival and competing risks
# (Fine-Gray and cause-specific Cox risks) and its ROC curves;
# the risk predictions R makes (survfit.coxph, survreg, cmprsk::predict.crr) that the library must reproduce; and a
# calibration table (deciles of predicted risk, 1 - Kaplan-Meier in each with log limits, the calibration slope).
# Data: lung, pbc, colon, mgus2 and seeded random data with ties and censoring at the evaluation times.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/assessment.R
suppressPackageStartupMessages({ library(survival); library(riskRegression); library(prodlim); library(cmprsk); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/assessment"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")),
                 riskRegression = as.character(packageVersion("riskRegression")), cmprsk = as.character(packageVersion("cmprsk")))
exact <- function(x) I(sprintf("%.17g", x))
write_fixture <- function(name, x) writeLines(toJSON(c(list(versions = versions), x), auto_unbox = TRUE, digits = NA, pretty = FALSE), file.path(out, paste0(name, ".json")))

# ---- concordance ------------------------------------------------------------------------------------------------
conc_case <- function(y, x, strata = NULL, weights = NULL, cluster = NULL, timewt = "n", ymax = NULL, reverse = FALSE) {
  args <- list(y = y, x = x, timewt = timewt, reverse = reverse)
  if (!is.null(strata)) args$strata <- strata
  if (!is.null(weights)) args$weights <- weights
  if (!is.null(cluster)) args$cluster <- cluster
  if (!is.null(ymax)) args$ymax <- ymax
  f <- do.call(concordancefit, args)
  list(timewt = timewt, ymax = if (is.null(ymax)) NULL else exact(ymax), reverse = reverse,
       concordance = exact(f$concordance), var = exact(f$var), cvar = exact(f$cvar), count = exact(unname(if (is.matrix(f$count)) colSums(f$count) else f$count)))
}
conc_fixture <- function(name, time, status, score, strata = NULL, weights = NULL, cluster = NULL, ymax, note) {
  y <- Surv(time, status)
  cases <- list()
  for (tw in c("n", "S", "S/G", "n/G2", "I")) for (rev in c(FALSE, TRUE))
    cases[[length(cases) + 1]] <- conc_case(y, score, strata, weights, cluster, tw, NULL, rev)
  for (tw in c("n", "n/G2")) cases[[length(cases) + 1]] <- conc_case(y, score, strata, weights, cluster, tw, ymax, TRUE)
  rows <- list(time = exact(time), status = as.integer(status), score = exact(score))
  if (!is.null(strata)) rows$strata <- as.character(strata)
  if (!is.null(weights)) rows$weight <- exact(weights)
  if (!is.null(cluster)) rows$cluster <- as.character(cluster)
  write_fixture(paste0("concordance-", name), list(note = note, rows = rows, cases = cases))
}
lung2 <- na.omit(lung[, c("time", "status", "age", "sex", "ph.ecog")]); lung2$status <- lung2$status - 1
cfit <- coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung2)
conc_fixture("lung-age", lung$time, lung$status - 1, lung$age, ymax = 500, note = "lung, score = age")
# R's printout of one concordance object (without its call), for ToString().
pf <- concordance(Surv(time, status) ~ age, data = lung); pf$call <- NULL
writeLines(capture.output(print(pf)), file.path(out, "concordance-print.txt"))
# ... and with two rows left out for a missing score (ages of rows 5 and 100 removed): the objects-in entry's printout.
pm <- concordance(Surv(time, status) ~ age, data = transform(lung, age = replace(age, c(5, 100), NA))); pm$call <- NULL
writeLines(capture.output(print(pm)), file.path(out, "concordance-print-missing.txt"))
conc_fixture("lung-cox", lung2$time, lung2$status, cfit$linear.predictors, ymax = 365, note = "lung, Cox lp (age, sex, ph.ecog)")
stopifnot(abs(concordance(cfit)$concordance - concordancefit(Surv(lung2$time, lung2$status), cfit$linear.predictors, reverse = TRUE)$concordance) < 1e-12)
colon_d <- colon[colon$etype == 2, ]
conc_fixture("colon-nodes-strata", colon_d$time, colon_d$status, ifelse(is.na(colon_d$nodes), 0, colon_d$nodes), strata = colon_d$rx, ymax = 2000, note = "colon deaths, score = nodes (heavily tied), strata = rx")
set.seed(20261205)
n <- 300
rt <- round(rexp(n, 1 / 10)) + 1; rs <- rbinom(n, 1, 0.6); rx <- round(rnorm(n), 1); rw <- sample(1:3, n, TRUE) / 2
rcl <- sample(1:120, n, TRUE)
conc_fixture("random-weights-clusters", rt, rs, rx, weights = rw, cluster = rcl, strata = sample(c("a", "b"), n, TRUE), ymax = 12,
             note = "seeded: tied times and scores, case weights, clusters, two strata")

# ---- Score: AUC, Brier, IBS ---------------------------------------------------------------------------------------
score_fixture <- function(name, d, risk, times, cause = NULL, note, extra = list()) {
  if (is.null(cause)) {
    sc <- Score(list(model = risk), formula = Surv(time, status) ~ 1, data = d, times = times, metrics = c("auc", "brier"),
                summary = "ibs", se.fit = TRUE, null.model = TRUE, cens.model = "km", conservative = FALSE)
  } else {
    sc <- Score(list(model = risk), formula = Hist(time, status) ~ 1, data = d, times = times, cause = cause, metrics = c("auc", "brier"),
                summary = "ibs", se.fit = TRUE, null.model = TRUE, cens.model = "km", conservative = FALSE)
  }
  auc <- as.data.frame(sc$AUC$score); br <- as.data.frame(sc$Brier$score)
  m <- br[br$model == "model", ]; z <- br[br$model == "Null model", ]
  write_fixture(name, c(list(note = note, times = exact(times), cause = cause,
    rows = list(time = exact(d$time), status = as.integer(d$status)), risk = lapply(seq_along(times), function(k) exact(risk[, k])),
    auc = lapply(seq_len(nrow(auc)), function(i) list(time = exact(auc$times[i]), estimate = exact(auc$AUC[i]), se = exact(auc$se[i]), lower = exact(auc$lower[i]), upper = exact(auc$upper[i]))),
    brier = lapply(seq_len(nrow(m)), function(i) list(time = exact(m$times[i]), estimate = exact(m$Brier[i]), se = exact(m$se[i]), lower = exact(m$lower[i]), upper = exact(m$upper[i]), ibs = exact(m$IBS[i]),
                                                     null = exact(z$Brier[i]), nullSe = exact(z$se[i]), nullLower = exact(z$lower[i]), nullUpper = exact(z$upper[i]), nullIbs = exact(z$IBS[i])))), extra))
}
# lung: the Cox model's absolute risk (survfit.coxph, which predictRisk uses) on the data it was fitted on.
lt <- c(180, 365, 540)
lrisk <- predictRisk(coxph(Surv(time, status) ~ age + sex + ph.ecog, data = lung2, x = TRUE), newdata = lung2, times = lt)
score_fixture("score-lung-cox", lung2, lrisk, lt, note = "lung, Cox (age, sex, ph.ecog), apparent performance",
  extra = list(covariates = list(age = exact(lung2$age), sex = exact(lung2$sex), ph.ecog = exact(lung2$ph.ecog))))
# colon deaths: a Cox model fitted on one half, assessed on the other (risk from survfit.coxph with newdata).
cd <- na.omit(colon_d[, c("time", "status", "age", "nodes", "rx")]); cd$rx <- as.character(cd$rx)
set.seed(7); train <- sample(nrow(cd), nrow(cd) %/% 2)
ctr <- cd[train, ]; cte <- cd[-train, ]
cfit2 <- coxph(Surv(time, status) ~ age + nodes + rx, data = ctr, x = TRUE)
ct <- c(365, 730, 1461, 2191)
crisk <- predictRisk(cfit2, newdata = cte, times = ct)
score_fixture("score-colon-cox-test", cte, crisk, ct, note = "colon deaths, Cox (age, nodes, rx) fitted on a seeded half, assessed on the other",
  extra = list(train = list(time = exact(ctr$time), status = as.integer(ctr$status), age = exact(ctr$age), nodes = exact(ctr$nodes), rx = ctr$rx),
               test = list(age = exact(cte$age), nodes = exact(cte$nodes), rx = cte$rx)))
# pbc: a Weibull AFT (survreg) and its absolute risk 1 - S(t | x).
pb <- na.omit(pbc[, c("time", "status", "age", "bili", "albumin")]); pb$status <- as.integer(pb$status == 2)
wfit <- survreg(Surv(time, status) ~ age + log(bili) + albumin, data = pb, dist = "weibull")
pt <- c(1000, 2000, 3000)
lp <- predict(wfit, type = "lp")
wrisk <- sapply(pt, function(t) 1 - exp(-(t / exp(lp))^(1 / wfit$scale)))
score_fixture("score-pbc-weibull", pb, wrisk, pt, note = "pbc (death), Weibull AFT (age, log bili, albumin)",
  extra = list(covariates = list(age = exact(pb$age), logbili = exact(log(pb$bili)), albumin = exact(pb$albumin))))
# random: ties in time and risk, censoring and events exactly at the evaluation times.
set.seed(11); n <- 200
rd <- data.frame(time = round(rexp(n, 1 / 8)) + 1, status = rbinom(n, 1, 0.65))
rd$time[1:6] <- c(5, 5, 5, 10, 10, 10); rd$status[1:6] <- c(0, 1, 0, 1, 0, 0)
rr <- sapply(c(5, 10, 15), function(t) round(plogis((rd$time < 9) * 0.8 + rnorm(n) / 2 - 0.5 + t / 20), 1))
score_fixture("score-random-ties", rd, rr, c(5, 10, 15), note = "seeded: tied times, risks rounded to one decimal, censoring and events at the evaluation times")
# competing risks: mgus2, progression (1) against death before progression (2), Fine-Gray for progression.
mg <- mgus2; mg$etime <- with(mg, ifelse(pstat == 1, ptime, futime)); mg$event <- with(mg, ifelse(pstat == 1, 1, 2 * death))
mg <- na.omit(mg[, c("etime", "event", "age", "sex", "mspike")]); names(mg)[1:2] <- c("time", "status")
X <- cbind(age = mg$age, male = as.numeric(mg$sex == "M"), mspike = mg$mspike)
fg <- crr(mg$time, mg$status, X, failcode = 1, cencode = 0)
mt <- c(60, 120, 240)
pr <- predict(fg, X)   # first column: the distinct event times; then one CIF column per row
fgrisk <- sapply(mt, function(t) { k <- max(which(pr[, 1] <= t)); pr[k, -1] })
score_fixture("score-mgus2-finegray", mg, fgrisk, mt, cause = 1, note = "mgus2, progression vs death, Fine-Gray (age, male, mspike) absolute risk from predict.crr",
  extra = list(covariates = list(age = exact(mg$age), male = exact(X[, 2]), mspike = exact(mg$mspike))))
# ... and cause-specific Cox models of the same (CSC, Efron ties; predictRisk's product limit), scored the same way.
mgc <- data.frame(time = mg$time, status = mg$status, age = mg$age, male = X[, 2], mspike = mg$mspike)
csc <- CSC(Hist(time, status) ~ age + male + mspike, data = mgc)
cscrisk <- predictRisk(csc, newdata = mgc, times = mt, cause = 1)
# Concordance of the cause's own model on the cause-specific outcome (concordance(csc$models[[1]])), Harrell's and Uno's.
csclp <- predict(csc$models[[1]], type = "lp")
csch <- concordancefit(Surv(mgc$time, mgc$status == 1), csclp, reverse = TRUE)
cscu <- concordancefit(Surv(mgc$time, mgc$status == 1), csclp, reverse = TRUE, timewt = "n/G2")
stopifnot(abs(csch$concordance - concordance(csc$models[[1]])$concordance) < 1e-12)
score_fixture("score-mgus2-csc", mg, cscrisk, mt, cause = 1, note = "mgus2, progression vs death, cause-specific Cox (age, male, mspike) absolute risk from predictRisk(CSC)",
  extra = list(covariates = list(age = exact(mg$age), male = exact(X[, 2]), mspike = exact(mg$mspike)),
               harrell = list(estimate = exact(csch$concordance), se = exact(sqrt(csch$var))), uno = list(estimate = exact(cscu$concordance), se = exact(sqrt(cscu$var)))))

# ---- ROC curves: Score(plots = "ROC")'s frame (a point at every distinct risk, descending: IPCW TPR and FPR) ----------
roc_fixture <- function(name, d, risk, times, cause = NULL, note) {
  f <- if (is.null(cause)) Surv(time, status) ~ 1 else Hist(time, status) ~ 1
  args <- list(list(model = risk), formula = f, data = d, times = times, metrics = "auc", plots = "ROC", null.model = FALSE, cens.model = "km")
  if (!is.null(cause)) args$cause <- cause
  sc <- do.call(Score, args)
  pf <- as.data.frame(sc$ROC$plotframe)
  write_fixture(name, list(note = note, times = exact(times), cause = cause, rows = list(time = exact(d$time), status = as.integer(d$status)),
    risk = lapply(seq_along(times), function(k) exact(risk[, k])),
    roc = lapply(times, function(t) { s <- pf[pf$times == t, ]; list(time = exact(t), risk = exact(s$risk), tpr = exact(s$TPR), fpr = exact(s$FPR)) })))
}
roc_fixture("roc-lung-cox", lung2, lrisk, lt, note = "lung, Cox (age, sex, ph.ecog): Score's ROC frame at 180, 365 and 540 days")
roc_fixture("roc-mgus2-finegray", mg, fgrisk, mt, cause = 1, note = "mgus2, Fine-Gray risk of progression: Score's ROC frame (competing deaths are controls)")

# ---- calibration --------------------------------------------------------------------------------------------------
calib <- function(d, risk, t, groups = 10) {
  br <- quantile(risk, probs = seq(0, 1, length.out = groups + 1), type = 7, names = FALSE)
  g <- cut(risk, unique(br), include.lowest = TRUE, labels = FALSE)
  lapply(sort(unique(g)), function(k) {
    s <- summary(survfit(Surv(time, status) ~ 1, data = d[g == k, ]), times = t, extend = TRUE)
    list(predicted = exact(mean(risk[g == k])), observed = exact(1 - s$surv), lower = exact(1 - s$upper), upper = exact(1 - s$lower), n = sum(g == k))
  })
}
slope_of <- function(d, risk) { f <- coxph(Surv(d$time, d$status) ~ I(log(-log(1 - risk)))); list(estimate = exact(unname(coef(f))), se = exact(sqrt(f$var[1, 1]))) }
write_fixture("calibration-lung-cox", list(note = "lung Cox: deciles of predicted risk at 365 days, 1 - KM in each (log limits); slope = coef of cloglog(risk) in coxph",
  time = exact(365), rows = list(time = exact(lung2$time), status = as.integer(lung2$status)), risk = exact(lrisk[, 2]),
  groups = calib(lung2, lrisk[, 2], 365), slope = slope_of(lung2, lrisk[, 2])))
write_fixture("calibration-colon-test", list(note = "colon Cox on the test half: quintiles at 1461 days",
  time = exact(1461), rows = list(time = exact(cte$time), status = as.integer(cte$status)), risk = exact(crisk[, 3]),
  groups = calib(cte, crisk[, 3], 1461, 5), slope = slope_of(cte, crisk[, 3])))
# Competing risks: mgus2 Fine-Gray risk of progression at 120 months, deciles; observed = Aalen-Johansen (multi-state
# survfit) cumulative incidence of cause 1 in each group; slope = crr's coefficient of cloglog(risk) with its se.
calib_cr <- function(d, risk, t, groups = 10) {
  br <- quantile(risk, probs = seq(0, 1, length.out = groups + 1), type = 7, names = FALSE)
  g <- cut(risk, unique(br), include.lowest = TRUE, labels = FALSE)
  lapply(sort(unique(g)), function(k) {
    dk <- d[g == k, ]
    f <- survfit(Surv(time, factor(status, 0:2)) ~ 1, data = dk)
    s <- summary(f, times = t, extend = TRUE)
    list(predicted = exact(mean(risk[g == k])), observed = exact(unname(s$pstate[1, which(f$states == "1")])), n = sum(g == k))
  })
}
cfg <- crr(mg$time, mg$status, cbind(cloglog = log(-log(1 - fgrisk[, 2]))), failcode = 1, cencode = 0)
write_fixture("calibration-mgus2-finegray", list(note = "mgus2 Fine-Gray risk of progression at 120 months: deciles, Aalen-Johansen incidence, crr slope",
  time = exact(120), rows = list(time = exact(mg$time), status = as.integer(mg$status)), risk = exact(fgrisk[, 2]),
  groups = calib_cr(mg, fgrisk[, 2], 120), slope = list(estimate = exact(unname(cfg$coef)), se = exact(sqrt(cfg$var[1, 1])))))

# ---- a plain risk score (lung's age, larger = higher risk) as the command line's --risk-score reads it: concordance
# with reverse = TRUE, and AUC of its ranks mapped into (0, 1) (AUC depends on the order only).
u <- sort(unique(lung2$age)); rk <- match(lung2$age, u) / (length(u) + 1)
hs <- concordancefit(Surv(lung2$time, lung2$status), lung2$age, reverse = TRUE)
us <- concordancefit(Surv(lung2$time, lung2$status), lung2$age, reverse = TRUE, timewt = "n/G2")
sa <- as.data.frame(Score(list(age = matrix(rk, ncol = 1)), formula = Surv(time, status) ~ 1, data = lung2, times = 365, metrics = "auc", se.fit = TRUE, cens.model = "km")$AUC$score)
write_fixture("cli-risk-score-age", list(note = "lung (complete cases), --risk-score age: concordance reverse = TRUE and Score AUC of the ranks",
  harrell = list(estimate = exact(hs$concordance), se = exact(sqrt(hs$var))), uno = list(estimate = exact(us$concordance), se = exact(sqrt(us$var))),
  auc = list(estimate = exact(sa$AUC), se = exact(sa$se))))

# ---- the same rows as CSV, for the command line (survival assess) ----------------------------------------------------
write.csv(lung2, file.path(out, "lung.csv"), row.names = FALSE, quote = FALSE)
write.csv(ctr, file.path(out, "colon-train.csv"), row.names = FALSE, quote = FALSE)
write.csv(cte, file.path(out, "colon-test.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(time = pb$time, status = pb$status, age = pb$age, logbili = log(pb$bili), albumin = pb$albumin), file.path(out, "pbc.csv"), row.names = FALSE, quote = FALSE)
write.csv(data.frame(time = mg$time, status = mg$status, age = mg$age, male = X[, 2], mspike = mg$mspike), file.path(out, "mgus2.csv"), row.names = FALSE, quote = FALSE)
cat("assessment fixtures written to", out, "\n")
