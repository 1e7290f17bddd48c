# Golden fixtures for group-sequential designs: rpact's getDesignGroupSequential and getDesignCharacteristics over a
# grid (each type of design, 1-6 and 10 stages, one- and two-sided, given and unequal information rates, futility
# bounds on the z scale binding and not, beta-spending binding and not, two-sided power).
# Run from the repository root (Debian: apt-get install -y r-cran-rpact r-cran-jsonlite):
#   Rscript tests/Survival.Tests/Golden/R/group-sequential.R
suppressPackageStartupMessages({ library(rpact); library(jsonlite) })

cases <- list()
add <- function(name, ...) {
  args <- list(...)
  d <- suppressWarnings(do.call(getDesignGroupSequential, args))
  ch <- suppressWarnings(getDesignCharacteristics(d))
  k <- d$kMax
  fut <- if (!is.null(args$futilityBounds) || (!is.null(args$typeBetaSpending) && args$typeBetaSpending != "none")) d$futilityBounds else NULL
  cases[[length(cases) + 1]] <<- list(
    name = name,
    input = list(kMax = k, alpha = d$alpha, beta = d$beta, sided = d$sided, typeOfDesign = d$typeOfDesign,
                 deltaWT = if (is.null(args$deltaWT)) NULL else args$deltaWT,
                 gammaA = if (is.null(args$gammaA)) NULL else args$gammaA,
                 constantBoundsHP = if (is.null(args$constantBoundsHP)) NULL else args$constantBoundsHP,
                 informationRates = if (is.null(args$informationRates)) NULL else args$informationRates,
                 futilityBounds = if (is.null(args$futilityBounds)) NULL else args$futilityBounds,
                 typeBetaSpending = if (is.null(args$typeBetaSpending)) "none" else args$typeBetaSpending,
                 gammaB = if (is.null(args$gammaB)) NULL else args$gammaB,
                 bindingFutility = isTRUE(args$bindingFutility), twoSidedPower = isTRUE(args$twoSidedPower)),
    informationRates = d$informationRates,
    criticalValues = d$criticalValues, stageLevels = d$stageLevels, alphaSpent = d$alphaSpent,
    futilityBounds = fut,
    betaSpent = if (!is.null(args$typeBetaSpending) && args$typeBetaSpending != "none") d$betaSpent else NULL,
    nFixed = ch$nFixed, shift = ch$shift, inflationFactor = ch$inflationFactor,
    rejectionProbabilities = ch$rejectionProbabilities,
    futilityProbabilities = if (k > 1) ch$futilityProbabilities else NULL,
    power = ch$power,
    averageSampleNumber1 = if (k > 1) ch$averageSampleNumber1 else NULL,
    averageSampleNumber01 = if (k > 1) ch$averageSampleNumber01 else NULL,
    averageSampleNumber0 = if (k > 1) ch$averageSampleNumber0 else NULL)
}

for (sided in 1:2) for (k in c(1, 2, 3, 4, 6)) {
  alpha <- if (sided == 1) 0.025 else 0.05
  add(sprintf("OF k%d s%d", k, sided), kMax = k, sided = sided, alpha = alpha, typeOfDesign = "OF")
  if (k == 1) next
  add(sprintf("P k%d s%d", k, sided), kMax = k, sided = sided, alpha = alpha, typeOfDesign = "P")
  add(sprintf("WT0.25 k%d s%d", k, sided), kMax = k, sided = sided, alpha = alpha, typeOfDesign = "WT", deltaWT = 0.25)
  add(sprintf("HP k%d s%d", k, sided), kMax = k, sided = sided, alpha = alpha, typeOfDesign = "HP")
  add(sprintf("asOF k%d s%d", k, sided), kMax = k, sided = sided, alpha = alpha, typeOfDesign = "asOF")
  add(sprintf("asP k%d s%d", k, sided), kMax = k, sided = sided, alpha = alpha, typeOfDesign = "asP")
  add(sprintf("asKD2 k%d s%d", k, sided), kMax = k, sided = sided, alpha = alpha, typeOfDesign = "asKD", gammaA = 2)
  add(sprintf("asHSD-4 k%d s%d", k, sided), kMax = k, sided = sided, alpha = alpha, typeOfDesign = "asHSD", gammaA = -4)
}
# unusual but valid settings
add("WT-0.3 k5 alpha0.01 beta0.1", kMax = 5, alpha = 0.01, beta = 0.1, typeOfDesign = "WT", deltaWT = -0.3)
add("WT0.8 k3", kMax = 3, typeOfDesign = "WT", deltaWT = 0.8)
add("HP 3.5 k4", kMax = 4, typeOfDesign = "HP", constantBoundsHP = 3.5)
add("asHSD0 k4", kMax = 4, typeOfDesign = "asHSD", gammaA = 0)
add("asHSD1 k3 two-sided", kMax = 3, sided = 2, alpha = 0.05, typeOfDesign = "asHSD", gammaA = 1)
add("OF k10", kMax = 10, typeOfDesign = "OF")
add("asOF k10", kMax = 10, typeOfDesign = "asOF")
add("P k10 two-sided", kMax = 10, sided = 2, alpha = 0.05, typeOfDesign = "P")
add("OF unequal", kMax = 3, typeOfDesign = "OF", informationRates = c(0.2, 0.7, 1))
add("asOF unequal", kMax = 4, typeOfDesign = "asOF", informationRates = c(0.1, 0.3, 0.8, 1))
add("asKD3 unequal two-sided", kMax = 3, sided = 2, alpha = 0.05, typeOfDesign = "asKD", gammaA = 3, informationRates = c(0.4, 0.6, 1))
add("OF two-sided power", kMax = 3, sided = 2, alpha = 0.05, typeOfDesign = "OF", twoSidedPower = TRUE)
add("asP two-sided power beta0.1", kMax = 4, sided = 2, alpha = 0.05, beta = 0.1, typeOfDesign = "asP", twoSidedPower = TRUE)
# futility bounds on the z scale
add("OF futility 0", kMax = 3, typeOfDesign = "OF", futilityBounds = c(0, 0))
add("OF futility 0 binding", kMax = 3, typeOfDesign = "OF", futilityBounds = c(0, 0), bindingFutility = TRUE)
add("P futility binding", kMax = 4, typeOfDesign = "P", futilityBounds = c(-0.5, 0, 0.5), bindingFutility = TRUE)
add("asOF futility partial", kMax = 4, typeOfDesign = "asOF", futilityBounds = c(-6, 0, 0.5))
add("asOF futility binding", kMax = 4, typeOfDesign = "asOF", futilityBounds = c(-6, 0, 0.5), bindingFutility = TRUE)
add("HP futility binding", kMax = 3, typeOfDesign = "HP", futilityBounds = c(0.2, 0.4), bindingFutility = TRUE)
add("WT futility unequal", kMax = 3, typeOfDesign = "WT", deltaWT = 0.1, futilityBounds = c(0.1, 0.6), informationRates = c(0.3, 0.55, 1))
# beta-spending
for (bs in c("bsOF", "bsP")) for (binding in c(FALSE, TRUE)) for (as in c("asOF", "asP")) for (k in c(2, 3, 5)) {
  add(sprintf("%s %s k%d %s", as, bs, k, if (binding) "binding" else "non-binding"), kMax = k, typeOfDesign = as,
      typeBetaSpending = bs, bindingFutility = binding)
}
add("asKD2 bsKD3", kMax = 4, typeOfDesign = "asKD", gammaA = 2, typeBetaSpending = "bsKD", gammaB = 3)
add("asHSD-2 bsHSD-2 binding", kMax = 3, typeOfDesign = "asHSD", gammaA = -2, typeBetaSpending = "bsHSD", gammaB = -2, bindingFutility = TRUE)
add("asOF bsOF unequal beta0.1", kMax = 3, beta = 0.1, typeOfDesign = "asOF", typeBetaSpending = "bsOF", informationRates = c(0.5, 0.75, 1))

out <- list(versions = list(r = R.version.string, rpact = as.character(packageVersion("rpact"))), cases = cases)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null", na = "null"),
           "tests/Survival.Tests/Golden/fixtures/group-sequential/designs.json")
cat(length(cases), "cases\n")
