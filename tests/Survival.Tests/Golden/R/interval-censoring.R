# Golden fixtures for interval-censored data: R survival's Turnbull estimate (survfit on Surv(left, right,
# type = "interval2"), R's survfitTurnbull) and interval-censored survreg, on seeded random data built like PFS
# assessments: visit schedules with jitter and missed visits, exact times mixed in, left-censoring (progression
# before the first visit), right-censoring at drop-out, tied ends, groups and fractional weights.
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/interval-censoring.R
suppressPackageStartupMessages({ library(survival); library(jsonlite) })
out <- "tests/Survival.Tests/Golden/fixtures/interval"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
versions <- list(r = R.version.string, survival = as.character(packageVersion("survival")))
exact <- function(x) I(sprintf("%.17g", x))   # NA and Inf written as strings "NA", "Inf"

# Patients assessed every `every` months (jittered by up to `jitter`, each visit missed with probability `miss`), with
# a Weibull event time, drop-out after an exponential time; a share `exactShare` have the event seen on the day.
visits <- function(n, every, jitter, miss, shape, scale, dropout, exactShare, round_to = NULL) {
  left <- right <- numeric(n)
  for (i in 1:n) {
    t <- rweibull(1, shape, scale); stop <- rexp(1, 1 / dropout)
    v <- seq(every, 200, by = every) + runif(200 / every, -jitter, jitter)
    v <- v[runif(length(v)) > miss]
    if (!is.null(round_to)) v <- round(v / round_to) * round_to
    v <- sort(unique(v[v > 0]))
    if (runif(1) < exactShare && t < stop) { left[i] <- right[i] <- round(t, 2); next }
    seen <- v[v <= stop]
    after <- seen[seen >= t]
    if (length(after) == 0) { left[i] <- if (length(seen)) max(seen) else round(stop, 2); right[i] <- Inf; next }
    before <- seen[seen < t]
    left[i] <- if (length(before)) max(before) else NA
    right[i] <- min(after)
  }
  data.frame(left = left, right = right)
}

# R's survfitTurnbull with its stopping tolerance 5e-5 replaced by 1e-10 (nothing else changed): the NPMLE R's own
# iteration converges to. R stops its accelerated EM loosely, and where the iteration is slow its path (the Aitken
# steps it keeps) is sensitive to rounding, so two correct implementations of the same loop can stop 1e-4 apart; at this
# tolerance both reach the same point, and the tests compare there to 1e-6.
tight <- survival:::survfitTurnbull
tb <- deparse(body(tight))
stopifnot(sum(grepl("while (eps > 5e-05)", tb, fixed = TRUE)) == 1)
body(tight) <- parse(text = sub("while (eps > 5e-05)", "while (eps > 1e-10)", tb, fixed = TRUE))[[1]]
environment(tight) <- asNamespace("survival")

write_case <- function(name, d, groups = FALSE, weights = FALSE, at = c(3, 6, 12, 24)) {
  f <- if (groups) Surv(left, right, type = "interval2") ~ g else Surv(left, right, type = "interval2") ~ 1
  fit <- if (weights) survfit(f, data = d, weights = w) else survfit(f, data = d)
  strata <- if (is.null(fit$strata)) rep("", length(fit$time)) else rep(sub("^g=", "", names(fit$strata)), fit$strata)
  s <- summary(fit, times = at, extend = TRUE)
  sstrata <- if (is.null(s$strata)) rep("", length(s$time)) else sub("^g=", "", as.character(s$strata))
  q <- quantile(fit, c(0.25, 0.5, 0.75))
  qm <- function(m) if (is.matrix(m)) unname(m) else matrix(m, nrow = 1)
  rows <- function(m) lapply(seq_len(nrow(m)), function(i) exact(m[i, ]))
  tab <- summary(fit)$table
  if (!is.matrix(tab)) tab <- matrix(tab, nrow = 1, dimnames = list(NULL, names(tab)))
  input <- list(left = exact(d$left), right = exact(d$right))
  if (groups) input$g <- as.character(d$g)
  if (weights) input$w <- exact(d$w)
  tf <- tight(if (groups) factor(d$g) else factor(rep(1, nrow(d))), aeqSurv(Surv(d$left, d$right, type = "interval2")),
              if (weights) d$w else rep(1, nrow(d)))
  js <- list(name = name, versions = versions, input = input,
             tight = list(time = exact(tf$time), nRisk = exact(tf$n.risk), nEvent = exact(tf$n.event), surv = exact(tf$surv),
                          stdErr = exact(tf$std.err), lower = exact(tf$lower), upper = exact(tf$upper)),
             curves = list(strata = strata, time = exact(fit$time), nRisk = exact(fit$n.risk), nEvent = exact(fit$n.event),
                           nCensor = exact(fit$n.censor), surv = exact(fit$surv), stdErr = exact(fit$std.err),
                           lower = exact(fit$lower), upper = exact(fit$upper)),
             at = list(strata = sstrata, time = s$time, surv = exact(s$surv), stdErr = exact(s$std.err), lower = exact(s$lower),
                       upper = exact(s$upper), nRisk = exact(s$n.risk)),
             quantiles = list(probs = c(0.25, 0.5, 0.75), estimate = rows(qm(q$quantile)), lower = rows(qm(q$lower)), upper = rows(qm(q$upper))),
             table = list(n = unname(tab[, "records"]), nMax = exact(unname(tab[, "n.max"])), events = exact(unname(tab[, "events"]))))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "string", null = "null"), file.path(out, paste0("turnbull_", name, ".json")))
}

write_survreg <- function(name, d, dist, covariates, weights = FALSE) {
  rhs <- if (length(covariates)) paste(covariates, collapse = " + ") else "1"
  f <- as.formula(paste("Surv(left, right, type = 'interval2') ~", rhs))
  fit <- if (weights) survreg(f, data = d, dist = dist, weights = w) else survreg(f, data = d, dist = dist)
  nd <- if (length(covariates)) as.data.frame(t(colMeans(d[, covariates, drop = FALSE]))) else data.frame(row = 1)
  uq <- predict(fit, newdata = nd, type = "uquantile", p = c(0.25, 0.5, 0.75), se.fit = TRUE)
  input <- list(left = exact(d$left), right = exact(d$right))
  for (c in covariates) input[[c]] <- exact(d[[c]])
  if (weights) input$w <- exact(d$w)
  v <- vcov(fit)
  js <- list(name = name, versions = versions, dist = dist, covariates = covariates, input = input,
             coef = unname(coef(fit)), coefNames = names(coef(fit)), logScale = if (dist == "exponential") NULL else log(fit$scale),
             vcov = unname(v), logLik = unname(fit$loglik[2]), iterations = unname(fit$iter),
             quantileU = unname(c(uq$fit)), quantileUSe = unname(c(uq$se.fit)))
  writeLines(toJSON(js, auto_unbox = TRUE, digits = NA, na = "string", null = "null"), file.path(out, paste0("survreg_", name, ".json")))
}

set.seed(20261204)
a <- visits(90, 3, 0.4, 0.15, 1.3, 20, 60, 0.1); a$g <- "A"
b <- visits(90, 3, 0.4, 0.15, 1.3, 30, 60, 0.1); b$g <- "B"
two <- rbind(a, b)
write_case("visits_two_groups", two, groups = TRUE)
one <- visits(120, 2, 0.3, 0.1, 0.9, 15, 40, 0.2)
write_case("visits_one_group", one)
# Tied ends: visits on a whole-month grid, three groups.
tied <- rbind(transform(visits(60, 3, 1, 0.2, 1.5, 12, 50, 0, round_to = 1), g = "x"),
              transform(visits(60, 3, 1, 0.2, 1.5, 18, 50, 0, round_to = 1), g = "y"),
              transform(visits(40, 3, 1, 0.2, 1.5, 25, 50, 0.1, round_to = 1), g = "z"))
write_case("tied_three_groups", tied, groups = TRUE)
# Fractional weights (R's default variance is then the infinitesimal jackknife).
wd <- visits(70, 3, 0.5, 0.1, 1.2, 20, 50, 0.15); wd$w <- round(runif(70, 0.2, 3), 2)
write_case("weighted", wd, weights = TRUE)
# Intervals that start at 0 (R: an interval (0, r], not left-censoring) beside left-censored rows.
z <- visits(50, 4, 0.5, 0.1, 1, 10, 60, 0.1); z$left[is.na(z$left)][1:2] <- 0
write_case("zero_left", z)
# A small case with every kind of row, written out.
small <- data.frame(left = c(0, 1, 2, NA, 3, 4, 2, 6, 1, NA), right = c(2, 3, 2, 1.5, Inf, 6, 5, Inf, 4, 0.5))
write_case("small", small, at = c(1, 2, 3, 5))

# survreg on interval data: every family, with covariates (log scale: rows without a 0 left end).
set.seed(20261205)
n <- 150; x <- rnorm(n); trt <- rbinom(n, 1, 0.5)
t <- rweibull(n, 1.4, exp(2.5 + 0.3 * x - 0.4 * trt))
v0 <- runif(n, 0, 3); left <- floor((t - v0) / 3) * 3 + v0; right <- left + 3
left[left <= 0] <- NA
ex <- runif(n) < 0.1; left[ex] <- right[ex] <- round(t[ex], 3)
cens <- runif(n, 5, 40); rc <- !ex & t > cens; left[rc] <- pmax(floor((cens[rc] - v0[rc]) / 3) * 3 + v0[rc], 0.5); right[rc] <- Inf
reg <- data.frame(left = left, right = right, x = x, trt = trt)
reg$w <- round(runif(n, 0.5, 2), 1)
for (dist in c("weibull", "exponential", "lognormal", "loglogistic", "gaussian", "logistic")) {
  write_survreg(paste0(dist, "_covariates"), reg, dist, c("x", "trt"))
  write_survreg(paste0(dist, "_intercept"), reg, dist, character())
}
write_survreg("weibull_weighted", reg, "weibull", c("x", "trt"), weights = TRUE)
write_survreg("visits_lognormal_group", transform(two, grp = as.integer(g == "B")), "lognormal", "grp")
cat("wrote", length(list.files(out)), "fixtures to", out, "\n")

# R's sum() on x86-64 accumulates in long double (80-bit); the Turnbull loop's sums are R's only if the library rounds
# the same way. Vectors of positive doubles of mixed magnitudes and R's sum of each, to the last bit.
set.seed(20261206)
vectors <- lapply(1:400, function(i) {
  k <- sample(1:25, 1)
  x <- runif(k) * ifelse(runif(k) < 0.3, 1e-6, 1)
  x[runif(k) < 0.2] <- sample(0:100, 1)
  x
})
writeLines(toJSON(list(versions = versions, vectors = lapply(vectors, exact), sums = exact(sapply(vectors, sum)),
                       naive = exact(sapply(vectors, function(x) Reduce(`+`, x, accumulate = FALSE)))),
                  auto_unbox = TRUE, digits = NA), file.path(out, "long_double_sums.json"))
