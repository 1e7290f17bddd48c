# Golden fixture for the toxicity boundary of the paper's design (Thall, Simon & Estey): Beta(0.3, 0.7) prior,
# theta = 0.30, c = 0.95, cohorts of 4 up to 64. Run from the repository root: Rscript tests/Survival.Tests/Golden/R/design.R
suppressPackageStartupMessages(library(jsonlite))
n <- seq(4, 64, by = 4)
stop_at <- sapply(n, function(k) { x <- 0:k; hit <- which(1 - pbeta(0.3, 0.3 + x, 0.7 + k - x) > 0.95); if (length(hit)) x[min(hit)] else NA })
writeLines(toJSON(list(versions = list(r = R.version.string), patients = n, stopAt = stop_at), digits = NA, na = "null"),
           "tests/Survival.Tests/Golden/fixtures/design/toxicity.json")
