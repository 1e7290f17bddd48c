# Golden fixture for NormalTail (the log-normal and Gaussian likelihoods' censored rows): R's log upper tail
# pnorm(z, lower.tail = FALSE, log.p = TRUE) and the inverse Mills ratio dnorm(z)/pnorm(z, lower.tail = FALSE) where the
# tail is above 1e-300 (dnorm's own log form loses about z^2 * 1e-16 absolute, so the ratio of the logs would not be an
# exact reference; beyond, λ is left NA and the test checks its asymptotic series).
# Run from the repository root:  Rscript tests/Survival.Tests/Golden/R/normal-tail.R
suppressPackageStartupMessages(library(jsonlite))
out <- "tests/Survival.Tests/Golden/fixtures/normal-tail"; dir.create(out, showWarnings = FALSE, recursive = TRUE)
set.seed(35)
z <- sort(unique(c(seq(-8, 8, by = 0.03125), -0.6629126, -0.66291261, 0.66291261, 0.6629126, 5.656854, 5.6568543,
  rnorm(200) * 3, runif(40, 8, 40), -runif(40, 8, 38), 1e-8, -1e-8, 0, 60, 100, 1e3)))
logq <- pnorm(z, lower.tail = FALSE, log.p = TRUE)
tail <- pnorm(z, lower.tail = FALSE)
lambda <- ifelse(tail > 1e-300, dnorm(z) / tail, NA)
cases <- lapply(seq_along(z), function(i) list(z = sprintf("%.17g", z[i]), logQ = sprintf("%.17g", logq[i]),
  lambda = if (is.na(lambda[i])) NULL else sprintf("%.17g", lambda[i])))
writeLines(toJSON(list(versions = list(r = R.version.string), cases = cases), auto_unbox = TRUE, pretty = FALSE), file.path(out, "normal-tail.json"))
cat("wrote", length(cases), "points\n")
