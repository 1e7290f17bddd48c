# Golden fixtures for binomial proportion intervals. Run from the repository root:
#   Rscript tests/Survival.Tests/Golden/R/binomial.R
# Clopper-Pearson: binom.test; Wilson: prop.test(correct = FALSE); Jeffreys: qbeta(x + 1/2, n - x + 1/2).
suppressPackageStartupMessages(library(jsonlite))
versions <- list(r = R.version.string)
cases <- expand.grid(x = c(0, 1, 3, 27, 31, 57, 64), n = 64, level = c(0.9, 0.95, 0.99))
cases <- rbind(cases, data.frame(x = c(0, 1, 5, 10), n = c(1, 1, 10, 10), level = 0.95))
rows <- lapply(seq_len(nrow(cases)), function(i) {
  x <- cases$x[i]; n <- cases$n[i]; lv <- cases$level[i]; a <- 1 - lv
  cp <- binom.test(x, n, conf.level = lv)$conf.int
  w <- suppressWarnings(prop.test(x, n, conf.level = lv, correct = FALSE)$conf.int)
  j <- c(if (x == 0) 0 else qbeta(a / 2, x + 0.5, n - x + 0.5), if (x == n) 1 else qbeta(1 - a / 2, x + 0.5, n - x + 0.5))
  list(x = x, n = n, level = lv, clopperPearson = as.numeric(cp), wilson = as.numeric(w), jeffreys = j)
})
writeLines(toJSON(list(versions = versions, cases = rows), auto_unbox = TRUE, digits = NA),
           "tests/Survival.Tests/Golden/fixtures/binomial/binomial.json")
