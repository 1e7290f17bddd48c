# Where rpact's fixed integration grid is not accurate enough: Wang-Tsiatis designs with two looks close together
# (information rates 0.02-0.04 apart). The constant C of c_k = C t_k^(Delta - 1/2) is solved here with mvtnorm's
# deterministic Miwa algorithm (exact to ~1e-10 for up to 20 dimensions) for Pr0(reject) = alpha, and rpact's C is
# recorded beside it. Run from the repository root (Debian: r-cran-rpact, r-cran-mvtnorm, r-cran-jsonlite):
#   Rscript tests/Survival.Tests/Golden/R/group-sequential-close-looks.R
suppressPackageStartupMessages({ library(rpact); library(mvtnorm); library(jsonlite) })
cases <- list(
  list(name = "Pocock 5 looks, 0.76 and 0.79", typeOfDesign = "P", deltaWT = 0.5, alpha = 0.01, informationRates = c(0.15, 0.61, 0.76, 0.79, 1)),
  list(name = "O'Brien-Fleming 6 looks, 0.70 and 0.73", typeOfDesign = "OF", deltaWT = 0, alpha = 0.05, informationRates = c(0.13, 0.19, 0.63, 0.7, 0.73, 1)),
  list(name = "Pocock 4 looks, 0.40 and 0.42", typeOfDesign = "P", deltaWT = 0.5, alpha = 0.025, informationRates = c(0.4, 0.42, 0.6, 1)))
out <- lapply(cases, function(c) {
  t <- c$informationRates
  S <- outer(t, t, function(a, b) sqrt(pmin(a, b) / pmax(a, b)))
  reject <- function(C) 1 - pmvnorm(upper = C * t^(c$deltaWT - 0.5), sigma = S, algorithm = Miwa(steps = 4096))[1]
  C <- uniroot(function(C) reject(C) - c$alpha, c(1, 5), tol = 1e-12)$root
  d <- getDesignGroupSequential(kMax = length(t), alpha = c$alpha, typeOfDesign = c$typeOfDesign, informationRates = t)
  list(name = c$name, typeOfDesign = c$typeOfDesign, alpha = c$alpha, informationRates = t,
       criticalValuesMiwa = C * t^(c$deltaWT - 0.5), criticalValuesRpact = d$criticalValues,
       alphaSpentAtRpactBounds = reject(d$criticalValues[length(t)] / t[length(t)]^(c$deltaWT - 0.5)))
})
writeLines(toJSON(list(versions = list(r = R.version.string, rpact = as.character(packageVersion("rpact")),
                                       mvtnorm = as.character(packageVersion("mvtnorm"))), cases = out), digits = NA, auto_unbox = TRUE),
           "tests/Survival.Tests/Golden/fixtures/group-sequential/close-looks.json")
