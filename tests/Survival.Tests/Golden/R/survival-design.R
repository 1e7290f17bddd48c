# Golden fixtures for two-arm survival designs: rpact's getSampleSizeSurvival and getPowerSurvival over a grid (each way
# of giving the effect, fixed and group-sequential designs, one- and two-sided, futility bounds, beta-spending, drop-out,
# unequal allocation, piecewise accrual with relative and absolute intensities, a fixed number of patients, piecewise
# hazards, the three events formulas, thetaH0). Power cases pass directionUpper = (hazardRatio > thetaH0), the
# direction the library takes from the effect.
# Run from the repository root (Debian: apt-get install -y r-cran-rpact r-cran-jsonlite):
#   Rscript tests/Survival.Tests/Golden/R/survival-design.R
suppressPackageStartupMessages({ library(rpact); library(jsonlite) })

designs <- list(
  fixed1 = list(kMax = 1, alpha = 0.025, beta = 0.2, sided = 1),
  fixed2 = list(kMax = 1, alpha = 0.05, beta = 0.1, sided = 2),
  fixed2power = list(kMax = 1, alpha = 0.05, beta = 0.2, sided = 2, twoSidedPower = TRUE),
  of3 = list(kMax = 3, typeOfDesign = "OF"),
  asof4bsof = list(kMax = 4, typeOfDesign = "asOF", typeBetaSpending = "bsOF"),
  asp3two = list(kMax = 3, sided = 2, alpha = 0.05, typeOfDesign = "asP"),
  futility = list(kMax = 3, typeOfDesign = "asOF", futilityBounds = c(0, 0.5)),
  unequal = list(kMax = 3, typeOfDesign = "asHSD", gammaA = -4, informationRates = c(0.4, 0.7, 1)))
makeDesign <- function(d) suppressWarnings(do.call(getDesignGroupSequential, d))

cases <- list()
num <- function(x) if (is.null(x)) NULL else as.numeric(x)
add <- function(name, design, kind, args) {
  d <- makeDesign(designs[[design]])
  r <- suppressWarnings(if (kind == "sampleSize") do.call(getSampleSizeSurvival, c(list(design = d), args))
                        else do.call(getPowerSurvival, c(list(design = d), args)))
  out <- list(name = name, design = design, designInput = designs[[design]], kind = kind, input = args,
              hazardRatio = num(r$hazardRatio), eventsPerStage = num(r$eventsPerStage),
              maxNumberOfSubjects = num(r$maxNumberOfSubjects), numberOfSubjects = num(r$numberOfSubjects),
              analysisTime = num(r$analysisTime), followUpTime = num(r$followUpTime),
              studyDuration = num(r$studyDuration), maxStudyDuration = num(r$maxStudyDuration))
  if (kind == "sampleSize") {
    out$maxNumberOfEvents <- num(r$maxNumberOfEvents)
    out$eventsFixed <- num(r$eventsFixed)
    out$lambda1 <- num(r$lambda1); out$lambda2 <- num(r$lambda2)
    out$expectedNumberOfSubjectsH1 <- if (d$kMax > 1) num(r$expectedNumberOfSubjectsH1) else NULL
    out$expectedEventsH0 <- if (d$kMax > 1) num(r$expectedEventsH0) else NULL
    out$expectedEventsH01 <- if (d$kMax > 1) num(r$expectedEventsH01) else NULL
    out$expectedEventsH1 <- num(r$expectedEventsH1)
    out$accrualIntensity <- num(r$accrualIntensity)
  } else {
    out$overallReject <- num(r$overallReject); out$rejectPerStage <- num(r$rejectPerStage)
    out$earlyStop <- if (d$kMax > 1) num(r$earlyStop) else NULL
    out$futilityPerStage <- if (d$kMax > 1 && !is.null(r$futilityPerStage)) num(r$futilityPerStage) else NULL
    out$expectedNumberOfEvents <- num(r$expectedNumberOfEvents)
    out$expectedNumberOfSubjects <- num(r$expectedNumberOfSubjects)
  }
  if (d$sided == 1) out$criticalValuesEffectScale <- num(r$criticalValuesEffectScale)
  else { out$criticalValuesEffectScaleLower <- num(r$criticalValuesEffectScaleLower); out$criticalValuesEffectScaleUpper <- num(r$criticalValuesEffectScaleUpper) }
  if (!is.null(r$futilityBoundsEffectScale)) out$futilityBoundsEffectScale <- num(r$futilityBoundsEffectScale)
  cases[[length(cases) + 1]] <<- out
}

effects <- list(
  hrMedian2 = list(hazardRatio = 0.7, median2 = 12),
  medians = list(median1 = 18, median2 = 12),
  lambdas = list(lambda1 = 0.04, lambda2 = 0.06),
  pis = list(pi1 = 0.3, pi2 = 0.45, eventTime = 24),
  hrPi2 = list(hazardRatio = 0.75, pi2 = 0.4),
  hrAbove = list(hazardRatio = 1.4, lambda2 = 0.05))
for (design in names(designs)) for (effect in names(effects)) {
  add(paste(design, effect), design, "sampleSize", c(effects[[effect]], list(accrualTime = c(0, 12), followUpTime = 12)))
}
base <- list(hazardRatio = 0.7, median2 = 12)
for (design in c("fixed1", "of3", "asof4bsof", "asp3two", "futility")) {
  add(paste(design, "dropout"), design, "sampleSize", c(base, list(accrualTime = c(0, 12), followUpTime = 18, dropoutRate1 = 0.05, dropoutRate2 = 0.1, dropoutTime = 12)))
  add(paste(design, "allocation 2"), design, "sampleSize", c(base, list(accrualTime = c(0, 12), followUpTime = 12, allocationRatioPlanned = 2)))
  add(paste(design, "allocation 0.5 dropout"), design, "sampleSize", c(base, list(accrualTime = c(0, 24), followUpTime = 6, allocationRatioPlanned = 0.5, dropoutRate1 = 0.1, dropoutTime = 24)))
  add(paste(design, "piecewise relative accrual"), design, "sampleSize", c(base, list(accrualTime = c(0, 6, 18), accrualIntensity = c(0.1, 0.3), followUpTime = 12)))
  add(paste(design, "absolute accrual"), design, "sampleSize", c(base, list(accrualTime = c(0, 6, 18), accrualIntensity = c(15, 30))))
  add(paste(design, "fixed subjects"), design, "sampleSize", c(base, list(accrualTime = c(0, 12), maxNumberOfSubjects = 600)))
  add(paste(design, "piecewise hazards"), design, "sampleSize", list(hazardRatio = 0.7, piecewiseSurvivalTime = c(0, 6, 15), lambda2 = c(0.08, 0.05, 0.03),
      accrualTime = c(0, 12), followUpTime = 12, dropoutRate1 = 0.05, dropoutTime = 12))
  add(paste(design, "Freedman"), design, "sampleSize", c(base, list(accrualTime = c(0, 12), followUpTime = 12, typeOfComputation = "Freedman")))
  add(paste(design, "HsiehFreedman allocation 2"), design, "sampleSize", c(base, list(accrualTime = c(0, 12), followUpTime = 12, typeOfComputation = "HsiehFreedman", allocationRatioPlanned = 2)))
  if (makeDesign(designs[[design]])$sided == 1) add(paste(design, "thetaH0"), design, "sampleSize", list(hazardRatio = 0.8, thetaH0 = 1.1, median2 = 12, accrualTime = c(0, 12), followUpTime = 12))
}
# power: directionUpper as the library takes it from the effect
power <- function(name, design, args) {
  hr <- if (!is.null(args$hazardRatio)) args$hazardRatio else if (!is.null(args$median1)) args$median2 / args$median1 else args$lambda1 / args$lambda2
  theta0 <- if (is.null(args$thetaH0)) 1 else args$thetaH0
  if (makeDesign(designs[[design]])$sided == 1) args$directionUpper <- hr > theta0
  add(name, design, "power", args)
}
for (design in names(designs)) {
  power(paste("power", design), design, list(hazardRatio = 0.75, median2 = 12, accrualTime = c(0, 12), maxNumberOfEvents = 300, maxNumberOfSubjects = 600))
  power(paste("power", design, "dropout allocation"), design, list(median1 = 15, median2 = 10, accrualTime = c(0, 6, 18), accrualIntensity = c(0.2, 0.4),
        maxNumberOfEvents = 250, maxNumberOfSubjects = 500, dropoutRate1 = 0.05, dropoutRate2 = 0.08, dropoutTime = 12, allocationRatioPlanned = 2))
  power(paste("power", design, "above one"), design, list(hazardRatio = 1.3, lambda2 = 0.05, accrualTime = c(0, 12), maxNumberOfEvents = 200, maxNumberOfSubjects = 450))
}
power("power asof4bsof Freedman", "asof4bsof", list(hazardRatio = 0.7, median2 = 12, accrualTime = c(0, 12), maxNumberOfEvents = 200, maxNumberOfSubjects = 400, typeOfComputation = "Freedman"))
power("power of3 piecewise", "of3", list(hazardRatio = 0.7, piecewiseSurvivalTime = c(0, 6), lambda2 = c(0.08, 0.04), accrualTime = c(0, 12), maxNumberOfEvents = 200, maxNumberOfSubjects = 400))

out <- list(versions = list(r = R.version.string, rpact = as.character(packageVersion("rpact"))), cases = cases)
writeLines(toJSON(out, digits = NA, auto_unbox = TRUE, null = "null", na = "null"),
           "tests/Survival.Tests/Golden/fixtures/group-sequential/survival.json")
cat(length(cases), "cases\n")
