# Golden fixtures for the Thall, Wooten & Tannir event-time monitoring probability and the one-arm exponential
# sample size. Independent of the library's method: the probability is integrated with R's integrate() on the CDF
# scale of lambda_S = 1/mu_S (the library integrates over log(lambda_S) by Gauss-Kronrod); the closed form at delta = 0 uses pbeta;
# the boundary uses uniroot; the sample size walks d = 1, 2, ... with qchisq/pchisq.
# Run from the repository root: Rscript tests/Survival.Tests/Golden/R/eventtime.R
suppressPackageStartupMessages(library(jsonlite))
out <- "tests/Survival.Tests/Golden/fixtures/design"
dir.create(out, recursive = TRUE, showWarnings = FALSE)
s17 <- function(x) sprintf("%.17g", x)

# density of mu ~ IG(a, b), computed on the log scale
dig <- function(m, a, b) exp(a * log(b) - lgamma(a) - (a + 1) * log(m) - b / m)
# Pr(mu_E > mu_S + c) = E[Pr(mu_E > mu_S + c)] over mu_S; Pr(IG(a,b) > x) = pgamma(b/x, a).
# Primary: integrate over the CDF scale of lambda_S = 1/mu_S, u in (0, 1), lambda_S = qgamma(u, aS, rate = bS).
# Cross-check: integrate over mu_S itself with its density; the two must agree to 1e-7 (the mu_S form loses
# accuracy when the shape is small and mu_S has a heavy tail, so it is only the check).
prob <- function(aS, bS, aE, bE, delta) {
  c0 <- delta / log(2)
  above <- function(x) ifelse(x <= 0, 1, pgamma(bE / pmax(x, 1e-300), aE))
  g <- function(u) above(1 / qgamma(u, aS, rate = bS) + c0)
  cuts <- c(0, 1e-8, 1e-4, 0.01, 0.2, 0.5, 0.8, 0.99, 1 - 1e-4, 1 - 1e-8, 1)
  primary <- 0
  for (i in 1:10) primary <- primary + integrate(g, cuts[i], cuts[i + 1], rel.tol = 1e-11, abs.tol = 1e-16, subdivisions = 2000L)$value
  f <- function(m) dig(m, aS, bS) * above(m + c0)
  q <- bS / qgamma(c(1 - 1e-15, 0.999, 0.5, 0.001, 1e-15), aS)
  pts <- sort(unique(c(0, q, Inf)))
  check <- 0
  for (i in seq_len(length(pts) - 1)) check <- check + integrate(f, pts[i], pts[i + 1], rel.tol = 1e-13, abs.tol = 1e-17, subdivisions = 2000L)$value
  stopifnot(abs(primary - check) < 1e-7)
  primary
}

cases <- list(
  list(aS = 50, bS = 49 * 40 / log(2), aE = 5, bE = 4 * 40 / log(2), delta = 12, d = 0, T = 0),
  list(aS = 50, bS = 49 * 40 / log(2), aE = 5, bE = 4 * 40 / log(2), delta = 12, d = 10, T = 400),
  list(aS = 50, bS = 49 * 40 / log(2), aE = 5, bE = 4 * 40 / log(2), delta = 12, d = 25, T = 2500),
  list(aS = 50, bS = 49 * 40 / log(2), aE = 5, bE = 4 * 40 / log(2), delta = 12, d = 3, T = 30),
  list(aS = 200, bS = 199 * 12 / log(2), aE = 2.5, bE = 1.5 * 12 / log(2), delta = 3, d = 8, T = 150),
  list(aS = 3, bS = 10, aE = 0.6, bE = 2, delta = 5, d = 4, T = 60),
  list(aS = 0.8, bS = 5, aE = 1.2, bE = 7, delta = 2, d = 0, T = 0),
  list(aS = 20, bS = 500, aE = 2, bE = 30, delta = -10, d = 6, T = 200),
  list(aS = 50, bS = 49 * 40 / log(2), aE = 5, bE = 4 * 40 / log(2), delta = 0, d = 10, T = 400),
  list(aS = 12, bS = 300, aE = 1.5, bE = 20, delta = 0, d = 30, T = 900))
probabilities <- lapply(cases, function(k) {
  p <- prob(k$aS, k$bS, k$aE + k$d, k$bE + k$T, k$delta)
  closed <- if (k$delta == 0) pbeta((k$bE + k$T) / (k$bE + k$T + k$bS), k$aE + k$d, k$aS) else NA
  list(standardShape = s17(k$aS), standardScale = s17(k$bS), experimentalShape = s17(k$aE), experimentalScale = s17(k$bE),
       delta = s17(k$delta), events = k$d, exposure = s17(k$T), probability = s17(p), closedForm = s17(closed))
})

# The boundary T*(d) of one design: Pr(d, T) = pL
aS <- 50; bS <- 49 * 40 / log(2); aE <- 5; bE <- 4 * 40 / log(2); delta <- 12; pL <- 0.035
boundary <- sapply(0:40, function(d) {
  g <- function(T) prob(aS, bS, aE + d, bE + T, delta) - pL
  if (g(0) >= 0) return(0)
  hi <- max(1, bS); while (g(hi) < 0) hi <- 2 * hi
  uniroot(g, c(0, hi), tol = 1e-10 * hi)$root
})

# One-arm exponential sample size: exact chi-square test, and the normal approximation
power_exact <- function(d, m0, m1, alpha) {
  r <- m0 / m1
  if (r < 1) 1 - pchisq(qchisq(1 - alpha, 2 * d) * r, 2 * d) else pchisq(qchisq(alpha, 2 * d) * r, 2 * d)
}
pevent <- function(m, A, F) { l <- log(2) / m; if (A == 0) 1 - exp(-l * F) else 1 - (exp(-l * F) - exp(-l * (A + F))) / (l * A) }
designs <- list(
  list(m0 = 40, m1 = 52, A = 29, F = 36, alpha = 0.05, power = 0.80),
  list(m0 = 40, m1 = 52, A = 29, F = 36, alpha = 0.10, power = 0.80),
  list(m0 = 6, m1 = 9, A = 24, F = 12, alpha = 0.05, power = 0.90),
  list(m0 = 12, m1 = 8, A = 18, F = 6, alpha = 0.025, power = 0.85),
  list(m0 = 10, m1 = 20, A = 0, F = 30, alpha = 0.05, power = 0.80))
sizes <- lapply(designs, function(k) {
  d <- 1; while (power_exact(d, k$m0, k$m1, k$alpha) < k$power) d <- d + 1
  z <- (qnorm(1 - k$alpha) + qnorm(k$power)) / abs(log(k$m1 / k$m0))
  dn <- ceiling(z^2)
  p <- pevent(k$m1, k$A, k$F)
  list(nullMedian = s17(k$m0), alternativeMedian = s17(k$m1), accrualTime = s17(k$A), followUp = s17(k$F),
       alpha = s17(k$alpha), power = s17(k$power),
       exactEvents = d, exactPower = s17(power_exact(d, k$m0, k$m1, k$alpha)), exactPatients = ceiling(d / p - 1e-9),
       normalEvents = dn, normalPower = s17(pnorm(sqrt(dn) * abs(log(k$m1 / k$m0)) - qnorm(1 - k$alpha))),
       probabilityOfEvent = s17(p),
       power64 = s17(power_exact(64 * p, k$m0, k$m1, k$alpha)))
})

versions <- list(r = R.version.string, jsonlite = as.character(packageVersion("jsonlite")))
writeLines(toJSON(list(versions = versions, probabilities = probabilities,
                       boundary = list(standardShape = s17(aS), standardScale = s17(bS), experimentalShape = s17(aE),
                                       experimentalScale = s17(bE), delta = s17(delta), stopBelow = s17(pL),
                                       exposure = s17(boundary)),
                       sampleSizes = sizes), auto_unbox = TRUE, digits = NA, na = "null", pretty = TRUE),
           file.path(out, "eventtime.json"))
